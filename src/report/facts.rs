//! What the reports and the exports say of each commitment, worked out once from the plan:
//! its milestones' current completion, its latest reports, its evidence, its latest
//! assessment. The Markdown reports and the IRM and Decidim files only word these facts.

use crate::model::{
    Assessment, Commitment, Completion, Date, Period, Plan, Report, SpaceKind, Text,
};

/// The plan's commitments in the order the document numbers them: by number, then id.
pub fn commitments_in_order(plan: &Plan) -> Vec<&Commitment> {
    let mut commitments: Vec<&Commitment> = plan.commitments.iter().collect();
    commitments.sort_by(|a, b| {
        (a.number.is_none(), a.number, &a.id).cmp(&(b.number.is_none(), b.number, &b.id))
    });
    commitments
}

/// An organisation's name as the plan gives it, or its id when the plan has no such one.
pub fn organisation_name<'p>(plan: &'p Plan, id: &'p str) -> &'p str {
    plan.organisations
        .iter()
        .find(|organisation| organisation.id == id)
        .map_or(id, |organisation| organisation.name.as_str())
}

/// Every report on the commitment, whole or on a milestone, oldest first.
pub fn all_reports<'p>(plan: &'p Plan, commitment: &Commitment) -> Vec<&'p Report> {
    let mut reports: Vec<&Report> = plan.reports_on(&commitment.id).iter().collect();
    reports.sort_by_key(|report| report.date);
    reports
}

/// The commitment's overall completion: its latest report as a whole that gives a status,
/// else the `completion` of its front matter. Milestones' statuses are not averaged into
/// one: OGP's scale is a judgement, not a mean.
pub fn overall_completion(plan: &Plan, commitment: &Commitment) -> Option<Completion> {
    plan.reports_about(commitment, None)
        .iter()
        .rev()
        .find_map(|report| report.status)
        .or(commitment.completion)
}

/// The latest percent reported on a milestone or on the commitment as a whole.
pub fn latest_percent(
    plan: &Plan,
    commitment: &Commitment,
    milestone: Option<usize>,
) -> Option<u64> {
    plan.reports_about(commitment, milestone)
        .iter()
        .rev()
        .find_map(|report| report.percent)
}

/// The evidence of these reports, each once, in the order first given.
pub fn evidence_of<'p>(reports: &[&'p Report]) -> Vec<&'p str> {
    let mut seen = std::collections::HashSet::new();
    reports
        .iter()
        .flat_map(|report| &report.evidence)
        .map(|evidence| evidence.id.as_str())
        .filter(|evidence| seen.insert(*evidence))
        .collect()
}

/// The commitment's assessments, oldest first by date.
pub fn assessments_in_order<'p>(plan: &'p Plan, commitment: &Commitment) -> Vec<&'p Assessment> {
    let mut assessments: Vec<&Assessment> = plan.assessments_of(&commitment.id).iter().collect();
    assessments.sort_by_key(|assessment| assessment.date);
    assessments
}

/// The latest assessment of the commitment, by date (the later written on the same day).
pub fn latest_assessment<'p>(plan: &'p Plan, commitment: &Commitment) -> Option<&'p Assessment> {
    assessments_in_order(plan, commitment).last().copied()
}

/// The latest assessment that says whether the commitment opened government.
pub fn latest_early_results<'p>(plan: &'p Plan, commitment: &Commitment) -> Option<&'p Assessment> {
    assessments_in_order(plan, commitment)
        .into_iter()
        .rev()
        .find(|assessment| assessment.early_results.is_some())
}

/// The forum's meetings during implementation, up to `today`: those OGP counts as the
/// forum following the plan up. Each is the space's id, the meeting and its date.
pub fn forum_followup_meetings(
    plan: &Plan,
    today: Option<Date>,
) -> Vec<(&str, &crate::model::Meeting, Date)> {
    let Some(Period { start, end }) = plan.meta.implementation else {
        return Vec::new();
    };
    let last = today.map_or(end, |today| today.min(end));
    let mut meetings: Vec<(&str, &crate::model::Meeting, Date)> = plan
        .spaces
        .iter()
        .filter(|space| space.plays(SpaceKind::Forum))
        .flat_map(|space| {
            space.meetings.iter().filter_map(move |meeting| {
                let date = meeting.date?;
                (start <= date && date <= last).then_some((space.id.as_str(), meeting, date))
            })
        })
        .collect();
    meetings.sort_by_key(|(space, meeting, date)| (*date, *space, meeting.id.as_str()));
    meetings
}

/// Text in `lang`, and whether it had to be shown in another language (it has no
/// translation into `lang`): the plan's first language, or whichever it has.
pub fn text_in<'t>(text: &'t Text, lang: &str, primary: &str) -> (&'t str, Option<String>) {
    match text {
        Text::Plain(plain) => (plain, (lang != primary).then(|| primary.to_string())),
        Text::Translated(by_lang) => {
            if let Some(found) = by_lang.get(lang) {
                return (found, None);
            }
            let shown = if by_lang.contains_key(primary) {
                primary
            } else {
                by_lang.keys().next().map_or(primary, String::as_str)
            };
            (text.get(lang, primary), Some(shown.to_string()))
        }
    }
}
