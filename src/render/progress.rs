//! What the progress page's templates see (`obert render --progress`): per commitment, its
//! milestones with their current status, the dated reports newest first with their
//! evidence, and the assessments, in one language and safe to publish.
//!
//! The same rules hold as for the document ([`super::view`]): text in the page's language
//! (else the primary one), e-mail addresses and phone numbers masked, notes as Markdown
//! rendered and sanitised for the format, closed lists as their keys for the labels to
//! word, and a person's name only with their consent. Links go only to the web: a URL of
//! the plan as it is, a file of the plan at `[document] files-url` plus its path.

use serde::Serialize;

use super::Format;
use super::markdown;
use super::view::Period;
use crate::format::document;
use crate::model::{
    Assessment, Commitment, Completion, Date, Keyword, Plan, Publication, Report, Text,
};
use crate::privacy::redact;
use crate::rules::Context;

/// The whole page.
#[derive(Debug, Serialize)]
pub(super) struct ProgressPage {
    pub lang: String,
    pub format: &'static str,
    pub title: String,
    pub member: String,
    pub kind: Option<&'static str>,
    pub website: Option<String>,
    /// The day the page was made (`--today`, or the clock's), which judges what is overdue.
    pub made: Option<String>,
    pub implementation: Option<Period>,
    /// The latest `[[publication]]`, by date.
    pub last_publication: Option<PublicationView>,
    pub commitments: Vec<CommitmentProgress>,
}

#[derive(Debug, Serialize)]
pub(super) struct PublicationView {
    pub date: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct CommitmentProgress {
    pub id: String,
    pub number: Option<u32>,
    pub title: String,
    pub lead: Vec<String>,
    pub co_lead: Vec<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    /// The commitment's current completion: its latest report on the whole's, else the
    /// `completion` it states.
    pub status: Option<&'static str>,
    /// How far it is, 0 to 100, for its status bar; `None` when nothing measures it.
    pub percent: Option<u64>,
    /// What `percent` is: `report` (the latest report on the whole gave it, on
    /// `percent_date`), `milestones` (the share of milestones complete) or `status` (a
    /// report says the commitment is complete, and it has no milestones).
    pub percent_basis: Option<&'static str>,
    pub percent_date: Option<String>,
    pub milestones_complete: usize,
    pub milestones_total: usize,
    pub milestones: Vec<MilestoneProgress>,
    /// Reports on the commitment as a whole (and any naming a milestone it does not
    /// have), newest first.
    pub reports: Vec<ReportView>,
    /// Whether any report was made on the commitment or its milestones.
    pub reported: bool,
    pub assessments: Vec<AssessmentView>,
}

#[derive(Debug, Serialize)]
pub(super) struct MilestoneProgress {
    pub label: String,
    pub title: String,
    pub due: Option<String>,
    /// `Plan::milestone_completion`: its latest report's status, else its own.
    pub status: Option<&'static str>,
    /// Its latest report's percent; 100 when it is complete and no report gives one.
    pub percent: Option<u64>,
    /// Past its due date on the page's day without being complete; for a closed plan, on
    /// the day implementation ended (`ended`), since nothing is overdue after that.
    pub overdue: bool,
    pub days_overdue: Option<i64>,
    pub ended: bool,
    /// Newest first.
    pub reports: Vec<ReportView>,
}

#[derive(Debug, Serialize)]
pub(super) struct ReportView {
    pub date: Option<String>,
    pub status: Option<&'static str>,
    pub percent: Option<u64>,
    /// HTML for the page, Markdown for the Markdown page, Typst markup for the PDF.
    pub note: Option<String>,
    /// The language the note is shown in when it has none in the page's.
    pub note_fallback: Option<String>,
    pub evidence: Vec<EvidenceView>,
    /// The organisation that reported.
    pub by: Option<String>,
    pub discussed_at: Option<MeetingView>,
    /// The milestone a report names that the commitment does not have, as written.
    pub unknown_milestone: Option<String>,
}

/// One piece of evidence: `text` to show, and the link when it has one (a URL, or a file
/// of the plan published at `files-url`); a file with nowhere to link is its path.
#[derive(Debug, Serialize)]
pub(super) struct EvidenceView {
    pub text: String,
    pub url: Option<String>,
}

/// The forum meeting that discussed a report.
#[derive(Debug, Serialize)]
pub(super) struct MeetingView {
    pub space: String,
    pub title: Option<String>,
    pub date: Option<String>,
    /// Its minutes on the web, when the page can link them.
    pub minutes: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct AssessmentView {
    pub by: Option<&'static str>,
    pub kind: Option<&'static str>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub verifiable: Option<bool>,
    pub open_government_lens: Option<bool>,
    pub potential: Option<&'static str>,
    pub completion: Option<&'static str>,
    pub early_results: Option<&'static str>,
    pub note: Option<String>,
    pub note_fallback: Option<String>,
}

pub(super) struct Builder<'a> {
    pub cx: &'a Context<'a>,
    pub lang: &'a str,
    pub format: Format,
    pub today: Option<Date>,
}

impl Builder<'_> {
    fn plan(&self) -> &Plan {
        self.cx.plan
    }

    fn primary(&self) -> &str {
        self.plan()
            .meta
            .languages
            .first()
            .map_or(self.lang, String::as_str)
    }

    fn text(&self, text: &Text) -> String {
        redact(text.get(self.lang, self.primary()).trim()).into_owned()
    }

    /// A note: Markdown rendered for the format (sanitised as the document's prose is), and
    /// the language it is in when that is not the page's.
    fn note(&self, note: Option<&Text>) -> Option<(String, Option<String>)> {
        let note = note.filter(|n| !n.is_blank())?;
        // The page's language where the note has text in it, else the primary language,
        // else any: a translation left empty must not hide the note.
        let written = |text: &&String| !text.trim().is_empty();
        let (text, fallback) = match note {
            Text::Translated(by_lang) => match by_lang.get(self.lang).filter(written) {
                Some(text) => (text, None),
                None => {
                    let (lang, text) = by_lang
                        .get_key_value(self.primary())
                        .filter(|(_, text)| written(text))
                        .or_else(|| by_lang.iter().find(|(_, text)| written(text)))?;
                    (text, Some(lang.clone()))
                }
            },
            // A plain note is in the primary language.
            Text::Plain(text) => (
                text,
                (self.lang != self.primary()).then(|| self.primary().to_string()),
            ),
        };
        let safe = redact(text);
        let body = match self.format {
            Format::Html => markdown::to_html(&safe, 5),
            Format::Markdown => markdown::to_markdown(safe.trim(), 5),
            Format::Pdf => markdown::to_typst(&safe, 5),
        };
        Some((body, fallback))
    }

    fn organisation(&self, id: &str) -> String {
        self.cx.organisations.get(id).map_or_else(
            || redact(id).into_owned(),
            |org| redact(&org.name).into_owned(),
        )
    }

    /// Who reported: an organisation's name; a person only by a name they consented to
    /// publish; anything else not at all (an unknown id may be someone's name).
    fn reporter(&self, id: &str) -> Option<String> {
        if let Some(org) = self.cx.organisations.get(id) {
            return Some(redact(&org.name).into_owned());
        }
        let person = self.cx.people.get(id)?;
        let name = person.name.as_deref().filter(|_| person.public)?;
        Some(redact(name).into_owned())
    }

    /// Where a file of the plan is published: `[document] files-url` plus its path.
    fn file_url(&self, path: &str) -> Option<String> {
        let base = self.plan().meta.settings.str(&document::FILES_URL)?;
        Some(format!("{}/{path}", base.trim_end_matches('/')))
    }

    fn evidence(&self, place: &str) -> EvidenceView {
        let text = redact(place).into_owned();
        if is_web(place) {
            return EvidenceView {
                url: Some(text.clone()),
                text,
            };
        }
        // Anything else is a path inside the plan (the loader says so otherwise).
        EvidenceView {
            url: self.file_url(place),
            text,
        }
    }

    fn meeting(&self, place: &str) -> Option<MeetingView> {
        let (space_id, meeting_id) = place.split_once('/')?;
        let space = self.cx.spaces.get(space_id)?;
        let meeting = space.meetings.iter().find(|m| m.id == meeting_id)?;
        let minutes = meeting.minutes.as_deref().and_then(|minutes| {
            if is_web(minutes) {
                Some(minutes.to_string())
            } else {
                self.file_url(minutes)
            }
        });
        Some(MeetingView {
            space: self.text(&space.name),
            title: meeting
                .title
                .as_ref()
                .map(|t| self.text(t))
                .filter(|t| !t.is_empty())
                .or_else(|| Some(meeting.id.clone())),
            date: meeting.date.map(|d| d.to_string()),
            minutes,
        })
    }

    fn report(&self, report: &Report, unknown_milestone: Option<String>) -> ReportView {
        let (note, note_fallback) = self.note(report.note.as_ref()).unzip();
        ReportView {
            date: report.date.map(|d| d.to_string()),
            status: report.status.map(Keyword::as_str),
            percent: report.percent.map(|p| p.min(100)),
            note,
            note_fallback: note_fallback.flatten(),
            evidence: report
                .evidence
                .iter()
                .map(|place| self.evidence(&place.id))
                .collect(),
            by: report.by.as_ref().and_then(|by| self.reporter(&by.id)),
            discussed_at: report
                .discussed_at
                .as_ref()
                .and_then(|at| self.meeting(&at.id)),
            unknown_milestone,
        }
    }

    fn assessment(&self, assessment: &Assessment) -> AssessmentView {
        let (note, note_fallback) = self.note(assessment.note.as_ref()).unzip();
        AssessmentView {
            by: assessment.by.map(Keyword::as_str),
            kind: assessment.kind.map(Keyword::as_str),
            date: assessment.date.map(|d| d.to_string()),
            url: assessment
                .url
                .as_deref()
                .filter(|url| is_web(url))
                .map(str::to_string),
            verifiable: assessment.verifiable,
            open_government_lens: assessment.open_government_lens,
            potential: assessment.potential.map(Keyword::as_str),
            completion: assessment.completion.map(Keyword::as_str),
            early_results: assessment.early_results.map(Keyword::as_str),
            note,
            note_fallback: note_fallback.flatten(),
        }
    }

    fn commitment(&self, commitment: &Commitment) -> CommitmentProgress {
        let plan = self.plan();
        let reports = plan.reports_on(&commitment.id);
        // Each report under the milestone it names, once: newest first, and of two on the
        // same day the later written first (reversed, then a stable sort by date).
        let mut per_milestone: Vec<Vec<&Report>> = vec![Vec::new(); commitment.milestones.len()];
        let mut general: Vec<(&Report, Option<String>)> = Vec::new();
        for report in reports.iter().rev() {
            match &report.milestone {
                None => general.push((report, None)),
                Some(name) => match commitment.find_milestone(&name.id) {
                    Some((index, _)) => per_milestone[index].push(report),
                    None => general.push((report, Some(redact(&name.id).into_owned()))),
                },
            }
        }
        for list in &mut per_milestone {
            list.sort_by_key(|report| std::cmp::Reverse(report.date));
        }
        general.sort_by_key(|(report, _)| std::cmp::Reverse(report.date));

        // A closed plan's milestones are judged on the day implementation ended: a
        // milestone left unfinished then is not "overdue" years later.
        let judged_on = self.today.map(|today| plan.meta.lateness_day(today));
        let ended = judged_on != self.today;
        let milestones: Vec<MilestoneProgress> = commitment
            .milestones
            .iter()
            .zip(&per_milestone)
            .enumerate()
            .map(|(index, (milestone, reports))| {
                let status = plan.milestone_completion(commitment, index);
                let complete = status == Some(Completion::Complete);
                let percent = reports
                    .first()
                    .and_then(|latest| latest.percent)
                    .map(|p| p.min(100))
                    .or(complete.then_some(100));
                let days_overdue = match (milestone.due, judged_on) {
                    (Some(due), Some(day)) if day > due && !complete => {
                        Some(day.days_since_epoch() - due.days_since_epoch())
                    }
                    _ => None,
                };
                MilestoneProgress {
                    label: commitment.milestone_label(index),
                    title: self.text(&milestone.title),
                    due: milestone.due.map(|d| d.to_string()),
                    status: status.map(Keyword::as_str),
                    percent,
                    overdue: days_overdue.is_some(),
                    days_overdue,
                    ended,
                    reports: reports.iter().map(|r| self.report(r, None)).collect(),
                }
            })
            .collect();

        let milestones_total = milestones.len();
        let milestones_complete = milestones
            .iter()
            .filter(|m| m.status == Some(Completion::Complete.as_str()))
            .count();
        // The latest report on the whole commitment (not one that names a milestone).
        let latest = general
            .iter()
            .find(|(_, unknown)| unknown.is_none())
            .map(|(report, _)| *report);
        let (percent, percent_basis, percent_date) = match latest
            .and_then(|r| r.percent.map(|p| (p.min(100), r.date)))
        {
            Some((percent, date)) => (Some(percent), Some("report"), date.map(|d| d.to_string())),
            None if milestones_total > 0 => (
                Some((milestones_complete * 100 / milestones_total) as u64),
                Some("milestones"),
                None,
            ),
            None if latest.and_then(|r| r.status) == Some(Completion::Complete) => {
                (Some(100), Some("status"), None)
            }
            None => (None, None, None),
        };

        CommitmentProgress {
            id: commitment.id.clone(),
            number: commitment.number,
            title: self.text(&commitment.title),
            lead: commitment
                .lead
                .iter()
                .map(|o| self.organisation(&o.id))
                .collect(),
            co_lead: commitment
                .co_lead
                .iter()
                .map(|o| self.organisation(&o.id))
                .collect(),
            start: commitment.start.map(|d| d.to_string()),
            end: commitment.end.map(|d| d.to_string()),
            status: latest
                .and_then(|r| r.status)
                .or(commitment.completion)
                .map(Keyword::as_str),
            percent,
            percent_basis,
            percent_date,
            milestones_complete,
            milestones_total,
            milestones,
            reports: general
                .into_iter()
                .map(|(report, unknown)| self.report(report, unknown))
                .collect(),
            reported: !reports.is_empty(),
            assessments: plan
                .assessments_of(&commitment.id)
                .iter()
                .map(|a| self.assessment(a))
                .collect(),
        }
    }

    pub(super) fn build(&self) -> ProgressPage {
        let plan = self.plan();
        let meta = &plan.meta;
        let title = self.text(&meta.title);
        ProgressPage {
            lang: self.lang.to_string(),
            format: self.format.extension(),
            title,
            member: redact(meta.member.trim()).into_owned(),
            kind: meta.kind.map(Keyword::as_str),
            website: meta.website.clone().filter(|url| is_web(url)),
            made: self.today.map(|d| d.to_string()),
            implementation: meta.implementation.map(|p| Period {
                start: p.start.to_string(),
                end: p.end.to_string(),
            }),
            last_publication: last_publication(&meta.publications),
            commitments: plan
                .commitments_by_number()
                .into_iter()
                .map(|c| self.commitment(c))
                .collect(),
        }
    }
}

/// The latest publication by date (the later written of two on one day); one with no
/// date only when none has one.
fn last_publication(publications: &[Publication]) -> Option<PublicationView> {
    let latest = publications.iter().max_by_key(|p| p.date)?;
    Some(PublicationView {
        date: latest.date.map(|d| d.to_string()),
        url: latest
            .url
            .as_deref()
            .filter(|url| is_web(url))
            .map(str::to_string),
    })
}

/// Whether `place` is a web address, the only kind of link the page makes to the world.
fn is_web(place: &str) -> bool {
    let lower = place.get(..8).unwrap_or(place).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
