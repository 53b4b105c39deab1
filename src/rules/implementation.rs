//! The plan's second life: milestones past due, commitments and plans that stopped
//! reporting, claims without evidence, a forum that stopped following up, reports dated
//! outside their commitment, and references in progress files that lead nowhere.
//! (`evidence-missing` is the loader's: it needs the plan's files.)
//!
//! Every rule here reads the reports through one [`Progress`] index, built once, so that no
//! rule scans the reports of a commitment per milestone or the commitments per report.

use std::collections::{HashMap, HashSet};

use super::Context;
use crate::diag::{Diagnostic, Loc};
use crate::model::{
    Commitment, Completion, Date, Keyword, Meta, Milestone, Period, ProgressFile, Report,
    SpaceKind, Stage,
};
use crate::rules::count_noun;
use crate::rules::{
    COMPLETION_WITHOUT_EVIDENCE, DANGLING_REFERENCE, FORUM_FOLLOWUP_COUNT, MILESTONE_OVERDUE,
    PROGRESS_STALE, PUBLICATION_GAP, REPORT_AFTER_END, REPORT_BEFORE_START,
};
use crate::suggest;

/// Suggestions scan every id of a kind; past this many in one run they are left out, so
/// that a plan with thousands of broken references stays fast (as in `references`).
const MAX_SUGGESTIONS: usize = 100;

/// Titles longer than this are cut in messages; the finding's place shows the whole entry.
const TITLE_CHARS: usize = 60;

/// OGP asks the forum for at least this many follow-up meetings with civil society in each
/// year of implementation.
const FOLLOWUPS_A_YEAR: usize = 2;

pub(super) fn check(cx: &Context<'_>, today: Option<Date>, out: &mut Vec<Diagnostic>) {
    let progress = Progress::of(cx);
    references(cx, &progress, out);
    evidence(cx, &progress, out);
    report_dates(cx, &progress, out);
    // A broken plan.toml leaves the stage and the periods unknown: judging time from them
    // would only repeat its parse error in other words.
    if cx.broken.plan || !cx.plan.meta.loaded {
        return;
    }
    let Some(today) = today else {
        return;
    };
    overdue(cx, &progress, today, out);
    stale(cx, &progress, today, out);
    publication_gap(cx, today, out);
    followups(cx, today, out);
}

/// Whether the plan's implementation is judged at all: it is being carried out, or it is
/// closed and judged on what was done.
pub fn carried_out(meta: &Meta, today: Date) -> bool {
    meta.implementing(today) || meta.stage == Some(Stage::Closed)
}

pub fn days_between(from: Date, to: Date) -> i64 {
    to.days_since_epoch() - from.days_since_epoch()
}

/// "1 day" or "N days".
fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// The reports of the plan, indexed once: per commitment, its progress file and its latest
/// report on each milestone and on anything.
#[derive(Debug, Default)]
pub struct Progress<'p> {
    commitments: HashMap<&'p str, Reports<'p>>,
    /// Commitments whose progress file exists but could not be read: what their reports
    /// say is unknown, so nothing is judged from their absence.
    pub unreadable: HashSet<String>,
}

/// What one commitment's progress file says.
#[derive(Debug)]
pub struct Reports<'p> {
    pub file: &'p ProgressFile,
    /// The latest report on each milestone, by the milestone's index.
    pub latest_by_milestone: Vec<Option<&'p Report>>,
    /// The latest report of the file, on the commitment or on any milestone.
    pub latest: Option<&'p Report>,
    /// The milestone each report names, by the report's index; `None` for a report on the
    /// whole commitment and for a name that matches no milestone.
    pub milestone_of: Vec<Option<usize>>,
}

/// Whether `candidate` is the later report: by date, the later written one on the same day
/// (as [`crate::model::Plan::latest_report`] decides).
fn later(current: Option<&Report>, candidate: &Report) -> bool {
    current.is_none_or(|current| candidate.date >= current.date)
}

/// The milestone `name` names in `commitment`: its id, or its number (`2`, or `3.2` of
/// commitment 3), as [`Commitment::find_milestone`] reads it, through an index of ids.
fn resolve(commitment: &Commitment, ids: &HashMap<&str, usize>, name: &str) -> Option<usize> {
    match ids.get(name) {
        Some(&index) => Some(index),
        None => commitment.milestone_numbered(name),
    }
}

impl<'p> Progress<'p> {
    pub fn of(cx: &Context<'p>) -> Self {
        let mut progress = Progress::default();
        let mut read = HashSet::new();
        for file in &cx.plan.progress {
            read.insert(file.path.as_str());
            let Some(commitment) = cx.commitments.get(file.commitment.as_str()) else {
                continue;
            };
            // The first id wins, as in the commitment's own `duplicate-id` check.
            let mut ids = HashMap::new();
            for (index, milestone) in commitment.milestones.iter().enumerate() {
                if let Some(id) = milestone.id.as_deref() {
                    ids.entry(id).or_insert(index);
                }
            }
            let mut reports = Reports {
                file,
                latest_by_milestone: vec![None; commitment.milestones.len()],
                latest: None,
                milestone_of: Vec::with_capacity(file.reports.len()),
            };
            for report in &file.reports {
                let index = report
                    .milestone
                    .as_ref()
                    .and_then(|name| resolve(commitment, &ids, &name.id));
                reports.milestone_of.push(index);
                if let Some(index) = index
                    && later(reports.latest_by_milestone[index], report)
                {
                    reports.latest_by_milestone[index] = Some(report);
                }
                if later(reports.latest, report) {
                    reports.latest = Some(report);
                }
            }
            progress
                .commitments
                .insert(file.commitment.as_str(), reports);
        }
        for file in cx.files.iter() {
            if let Some(id) = file
                .path
                .strip_prefix("progress/")
                .and_then(|name| name.strip_suffix(".toml"))
                && !read.contains(file.path.as_str())
            {
                progress.unreadable.insert(id.to_string());
            }
        }
        progress
    }

    pub fn of_commitment(&self, id: &str) -> Option<&Reports<'p>> {
        self.commitments.get(id)
    }

    /// The latest report on milestone `index` of commitment `id`.
    pub fn latest_on(&self, id: &str, index: usize) -> Option<&'p Report> {
        self.commitments
            .get(id)?
            .latest_by_milestone
            .get(index)
            .copied()
            .flatten()
    }

    /// A milestone's current completion: its latest report's status, else its front
    /// matter's `completion` (as [`crate::model::Plan::milestone_completion`]).
    pub fn completion(
        &self,
        commitment: &Commitment,
        index: usize,
        milestone: &Milestone,
    ) -> Option<Completion> {
        self.latest_on(&commitment.id, index)
            .and_then(|report| report.status)
            .or(milestone.completion)
    }
}

/// How the document names a commitment: `commitment 3 “Title”`, or by id without a number.
pub fn commitment_name(cx: &Context<'_>, commitment: &Commitment) -> String {
    let lang = cx.plan.primary_language();
    let title = crate::privacy::redact(commitment.title.get(lang, lang).trim()).into_owned();
    let title = if title.chars().count() > TITLE_CHARS {
        let cut: String = title.chars().take(TITLE_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        title
    };
    match (commitment.number, title.is_empty()) {
        (Some(number), false) => format!("commitment {number} “{title}”"),
        (Some(number), true) => format!("commitment {number}"),
        (None, false) => format!("commitment `{}` “{title}”", commitment.id),
        (None, true) => format!("commitment `{}`", commitment.id),
    }
}

/// "the report of 2022-06-15 on milestone 1.2" or "… on commitment 1 “Title”".
fn report_name(
    cx: &Context<'_>,
    commitment: &Commitment,
    milestone: Option<usize>,
    report: &Report,
) -> String {
    let date = report.date.map_or("the undated report".to_string(), |d| {
        format!("the report of {d}")
    });
    match milestone {
        Some(index) => format!(
            "{date} on milestone {} of {}",
            commitment.milestone_label(index),
            commitment_name(cx, commitment)
        ),
        None => format!("{date} on {}", commitment_name(cx, commitment)),
    }
}

/// `dangling-reference` in progress and assessment files: a file named after no
/// commitment, a report's `milestone`, `by` and `discussed-at` that name nothing. Each
/// kind is judged only while the files defining it could be read.
fn references(cx: &Context<'_>, progress: &Progress<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let mut suggested = 0;
    let mut hint = |word: &str, candidates: &mut dyn Iterator<Item = &str>| {
        if suggested >= MAX_SUGGESTIONS {
            return None;
        }
        suggested += 1;
        suggest::hint(word, candidates)
    };
    if !cx.broken.commitments {
        let files = plan
            .progress
            .iter()
            .map(|file| (&file.commitment, &file.path, file.origin.file))
            .chain(
                plan.assessments
                    .iter()
                    .map(|file| (&file.commitment, &file.path, file.origin.file)),
            );
        for (id, path, file) in files {
            if cx.commitments.contains_key(id.as_str()) {
                continue;
            }
            let mut help = format!(
                "name the file after the commitment it is about (`commitments/{id}.md` does not exist)"
            );
            if let Some(near) = hint(id, &mut cx.commitments.keys().copied()) {
                help = format!("{near} Rename the file after the commitment it is about");
            }
            out.push(
                Diagnostic::new(
                    &DANGLING_REFERENCE,
                    Loc::file_start(file),
                    format!("`{path}` is named after no commitment: there is no commitment `{id}`"),
                )
                .with_help(help),
            );
        }
    }
    let meetings: HashSet<(&str, &str)> = plan
        .spaces
        .iter()
        .flat_map(|space| {
            space
                .meetings
                .iter()
                .map(move |meeting| (space.id.as_str(), meeting.id.as_str()))
        })
        .collect();
    for file in &plan.progress {
        let Some(commitment) = cx.commitments.get(file.commitment.as_str()) else {
            continue;
        };
        let Some(reports) = progress.of_commitment(&file.commitment) else {
            continue;
        };
        for (report, milestone) in file.reports.iter().zip(&reports.milestone_of) {
            if let Some(name) = &report.milestone
                && milestone.is_none()
            {
                let count = commitment.milestones.len();
                let what = match count {
                    0 => "it has no milestones".to_string(),
                    1 => "its milestone is `1`".to_string(),
                    n => format!("its milestones are numbered 1 to {n}"),
                };
                let mut help = format!(
                    "name the milestone by its `id` or its number in the commitment ({what}), or leave `milestone` out for a report on the whole commitment"
                );
                let mut ids = commitment.milestones.iter().filter_map(|m| m.id.as_deref());
                if let Some(near) = hint(&name.id, &mut ids) {
                    help = format!("{near} Or {help}");
                }
                out.push(
                    Diagnostic::new(
                        &DANGLING_REFERENCE,
                        name.loc,
                        format!(
                            "{} has no milestone `{}`",
                            commitment_name(cx, commitment),
                            name.id
                        ),
                    )
                    .with_help(help),
                );
            }
            if let Some(by) = &report.by
                && !cx.broken.organisations
                && !cx.organisations.contains_key(by.id.as_str())
            {
                let add = format!(
                    "add it with `obert org add {} --name NAME --sector SECTOR`",
                    by.id
                );
                let help = match hint(&by.id, &mut cx.organisations.keys().copied()) {
                    Some(near) => format!("{near} Or {add}"),
                    None => format!("correct the id, or {add}"),
                };
                out.push(
                    Diagnostic::new(
                        &DANGLING_REFERENCE,
                        by.loc,
                        format!("there is no organisation `{}`", by.id),
                    )
                    .with_help(help),
                );
            }
            if let Some(at) = &report.discussed_at
                && !cx.broken.spaces
            {
                let message = match at.id.split_once('/') {
                    None => Some(format!(
                        "`discussed-at` is `{}`, not `SPACE/MEETING`",
                        at.id
                    )),
                    Some((space, _)) if !cx.spaces.contains_key(space) => {
                        Some(format!("there is no space `{space}` (in `{}`)", at.id))
                    }
                    Some((space, meeting)) if !meetings.contains(&(space, meeting)) => {
                        Some(format!("space `{space}` has no meeting `{meeting}`"))
                    }
                    Some(_) => None,
                };
                if let Some(message) = message {
                    out.push(
                        Diagnostic::new(&DANGLING_REFERENCE, at.loc, message).with_help(
                            "give the forum meeting that discussed the report as `SPACE/MEETING` (such as `forum/follow-up-1`), recording the meeting first with `obert meeting add` if it is missing",
                        ),
                    );
                }
            }
        }
    }
}

/// `completion-without-evidence`: a report of `substantial` or `complete` that gives no
/// evidence.
fn evidence(cx: &Context<'_>, progress: &Progress<'_>, out: &mut Vec<Diagnostic>) {
    for file in &cx.plan.progress {
        let commitment = cx.commitments.get(file.commitment.as_str());
        let milestones = progress
            .of_commitment(&file.commitment)
            .map(|reports| reports.milestone_of.as_slice());
        for (at, report) in file.reports.iter().enumerate() {
            if !report.claims_results() || !report.evidence.is_empty() {
                continue;
            }
            let status = report.status.map_or("", Keyword::as_str);
            let name = match commitment {
                Some(commitment) => report_name(
                    cx,
                    commitment,
                    milestones.and_then(|m| m.get(at).copied().flatten()),
                    report,
                ),
                None => format!("the report in `{}`", file.path),
            };
            out.push(
                Diagnostic::new(
                    &COMPLETION_WITHOUT_EVIDENCE,
                    report.origin.key("status"),
                    format!("{name} says `{status}` but gives no evidence"),
                )
                .with_help(
                    "add `evidence = [\"https://…\"]` to the report (the published output, dataset or minutes that show it, or a file inside the plan), or report the status the evidence supports",
                ),
            );
        }
    }
}

/// `report-before-start` and `report-after-end`: a report dated outside its commitment's
/// own `start`..`end`.
fn report_dates(cx: &Context<'_>, progress: &Progress<'_>, out: &mut Vec<Diagnostic>) {
    for file in &cx.plan.progress {
        let Some(commitment) = cx.commitments.get(file.commitment.as_str()) else {
            continue;
        };
        let milestones = progress
            .of_commitment(&file.commitment)
            .map(|reports| reports.milestone_of.as_slice());
        for (at, report) in file.reports.iter().enumerate() {
            let Some(date) = report.date else { continue };
            let found = if let Some(start) = commitment.start
                && date < start
            {
                Some((&REPORT_BEFORE_START, "starts", start))
            } else if let Some(end) = commitment.end
                && date > end
            {
                Some((&REPORT_AFTER_END, "ends", end))
            } else {
                None
            };
            let Some((rule, verb, bound)) = found else {
                continue;
            };
            let name = report_name(
                cx,
                commitment,
                milestones.and_then(|m| m.get(at).copied().flatten()),
                report,
            );
            let help = if rule.name == REPORT_AFTER_END.name {
                "correct the date, record what was said after the end as an assessment (`obert assessment add`), or keep it with `allow = { report-after-end = \"why\" }` on the report"
            } else {
                "correct the date, or move the report to the progress file of the commitment it is about"
            };
            out.push(
                Diagnostic::new(
                    rule,
                    report.origin.key("date"),
                    format!(
                        "{name} is dated {} the commitment {verb} ({bound})",
                        if verb == "starts" { "before" } else { "after" }
                    ),
                )
                .with_help(help),
            );
        }
    }
}

/// `milestone-overdue`: while the plan is being carried out, a milestone due before today
/// whose current completion (latest report, else front matter) is not `complete`. Once the
/// plan is closed nothing is overdue any more: what was left unfinished is the
/// end-of-commitment assessment's to say, and the progress page and reports show it.
fn overdue(cx: &Context<'_>, progress: &Progress<'_>, today: Date, out: &mut Vec<Diagnostic>) {
    if !cx.plan.meta.implementing(today) {
        return;
    }
    for commitment in &cx.plan.commitments {
        if progress.unreadable.contains(&commitment.id) {
            continue;
        }
        for (index, milestone) in commitment.milestones.iter().enumerate() {
            let Some(due) = milestone.due.filter(|&due| due < today) else {
                continue;
            };
            let latest = progress.latest_on(&commitment.id, index);
            let completion = progress.completion(commitment, index, milestone);
            if completion == Some(Completion::Complete) {
                continue;
            }
            let late = days(days_between(due, today));
            let stands = match (latest, completion) {
                (Some(report), Some(status)) => format!(
                    "its latest report{} says `{status}`",
                    report.date.map_or(String::new(), |d| format!(" ({d})"))
                ),
                (Some(report), None) => format!(
                    "its latest report{} gives no status",
                    report.date.map_or(String::new(), |d| format!(" ({d})"))
                ),
                (None, Some(status)) => {
                    format!("it has no report, and its `completion` says `{status}`")
                }
                (None, None) => "it has no report".to_string(),
            };
            let label = commitment.milestone_label(index);
            out.push(
                Diagnostic::new(
                    &MILESTONE_OVERDUE,
                    milestone.origin.key("due"),
                    format!(
                        "milestone {label} of {} was due on {due}, {late} ago, and is not complete: {stands}",
                        commitment_name(cx, commitment),
                    ),
                )
                .with_help(format!(
                    "report where it stands with `obert progress add {} {} --status STATUS --note …` (with `--evidence` once it is complete); if the date moved, say so in the note",
                    commitment.id,
                    milestone.id.as_deref().map_or_else(|| (index + 1).to_string(), str::to_string)
                )),
            );
        }
    }
}

/// Whether a commitment needs no more reports: its latest report on the whole commitment
/// says `complete`, or every one of its milestones is complete.
fn finished(progress: &Progress<'_>, commitment: &Commitment) -> bool {
    let Some(reports) = progress.of_commitment(&commitment.id) else {
        return !commitment.milestones.is_empty()
            && commitment
                .milestones
                .iter()
                .all(|m| m.completion == Some(Completion::Complete));
    };
    let whole = reports
        .file
        .reports
        .iter()
        .zip(&reports.milestone_of)
        .filter(|(report, index)| index.is_none() && report.milestone.is_none())
        .fold(None, |latest: Option<&Report>, (report, _)| {
            if later(latest, report) {
                Some(report)
            } else {
                latest
            }
        });
    if whole.and_then(|report| report.status) == Some(Completion::Complete) {
        return true;
    }
    !commitment.milestones.is_empty()
        && commitment.milestones.iter().enumerate().all(|(index, m)| {
            progress.completion(commitment, index, m) == Some(Completion::Complete)
        })
}

/// `progress-stale`: while the plan is being carried out, a commitment that has started,
/// is not finished, and whose latest report is more than `[rules] progress-days` old (or
/// which has none, and started more than that long ago). Time is counted up to today, or
/// to the commitment's end if that came first: no report is owed after it.
fn stale(cx: &Context<'_>, progress: &Progress<'_>, today: Date, out: &mut Vec<Diagnostic>) {
    let meta = &cx.plan.meta;
    if !meta.implementing(today) {
        return;
    }
    let max = i64::from(meta.progress_days());
    let implementation_start = meta.implementation.map(|period| period.start);
    for commitment in &cx.plan.commitments {
        if progress.unreadable.contains(&commitment.id) || finished(progress, commitment) {
            continue;
        }
        let Some(started) = commitment.start.or(implementation_start) else {
            continue;
        };
        let until = commitment.end.filter(|&end| end < today).unwrap_or(today);
        if started > until {
            continue;
        }
        let name = commitment_name(cx, commitment);
        let help = format!(
            "report where it stands with `obert progress add {} --status STATUS --note …` (or on a milestone: `obert progress add {} MILESTONE …`), or set `[rules] progress-days` to the rhythm the forum agreed",
            commitment.id, commitment.id
        );
        let latest = progress
            .of_commitment(&commitment.id)
            .and_then(|reports| reports.latest)
            .filter(|report| report.date.is_some());
        let (since, loc, what, none) = match latest.and_then(|report| Some((report, report.date?)))
        {
            Some((report, date)) => (
                date.max(started),
                report.origin.key("date"),
                format!("its latest report ({date})"),
                "",
            ),
            None => (
                started,
                commitment.origin.key("start"),
                format!("its start ({started})"),
                ", with no report at all",
            ),
        };
        let gap = days_between(since, until);
        if gap <= max {
            continue;
        }
        let to = if until == today {
            format!("today ({today})")
        } else {
            format!("its end ({until})")
        };
        out.push(
            Diagnostic::new(
                &PROGRESS_STALE,
                loc,
                format!(
                    "{name} went {} without a progress report, from {what} to {to}{none}: the plan asks for one every {max} days (`[rules] progress-days`)",
                    days(gap)
                ),
            )
            .with_help(help),
        );
    }
}

/// `publication-gap`: while the plan is being carried out, the latest `[[publication]]` is
/// more than `[rules] progress-days` old (or there is none, and implementation began more
/// than that long ago). Counted up to today, or to the end of implementation if that came
/// first.
fn publication_gap(cx: &Context<'_>, today: Date, out: &mut Vec<Diagnostic>) {
    let meta = &cx.plan.meta;
    if !meta.implementing(today) {
        return;
    }
    let max = i64::from(meta.progress_days());
    let period = meta.implementation.filter(|p| p.start <= p.end);
    let until = period
        .map(|p| p.end)
        .filter(|&end| end < today)
        .unwrap_or(today);
    let latest = meta
        .publications
        .iter()
        .filter_map(|publication| Some((publication.date?, publication)))
        .filter(|&(date, _)| date <= today)
        .fold(
            None,
            |latest: Option<(Date, _)>, (date, publication)| match latest {
                Some((best, _)) if best > date => latest,
                _ => Some((date, publication)),
            },
        );
    let (since, loc, what, none) = match latest {
        Some((date, publication)) => (
            date,
            publication.origin.key("date"),
            format!("its last publication ({date})"),
            "",
        ),
        None => {
            let Some(period) = period else { return };
            (
                period.start,
                meta.origin.key("implementation"),
                format!("the start of implementation ({})", period.start),
                ", with no publication recorded",
            )
        }
    };
    if since > until {
        return;
    }
    let gap = days_between(since, until);
    if gap <= max {
        return;
    }
    let to = if until == today {
        format!("today ({today})")
    } else {
        format!("the end of implementation ({until})")
    };
    out.push(
        Diagnostic::new(
            &PUBLICATION_GAP,
            loc,
            format!(
                "the plan went {} without publishing its progress, from {what} to {to}{none}: the plan asks for a publication every {max} days (`[rules] progress-days`)",
                days(gap)
            ),
        )
        .with_help(
            "publish the progress page (`obert render --progress`) on the plan's website and record it with `obert publication add --date DATE --url URL`",
        ),
    );
}

/// The date `years` years after `date`; 29 February becomes 28 February in a common year.
fn years_after(date: Date, years: i32) -> Option<Date> {
    let year = date.year().checked_add(years)?;
    Date::new(year, date.month(), date.day())
        .or_else(|| Date::new(year, date.month(), date.day().saturating_sub(1)))
}

fn day_before(date: Date) -> Option<Date> {
    Date::from_days_since_epoch(date.days_since_epoch() - 1)
}

/// The years of an implementation period: 12-month windows from its start, the last one
/// cut at its end, each with the number of follow-up meetings it asks for (two a year; a
/// last, partial window its share, see below). Only windows over by `today` are given.
pub fn followup_years(period: Period, today: Date) -> Vec<(Period, usize)> {
    let mut windows = Vec::new();
    let mut start = period.start;
    let mut years = 1;
    while start <= period.end {
        let Some(next) = years_after(period.start, years) else {
            break;
        };
        let Some(end) = day_before(next) else { break };
        let (end, full) = if end <= period.end {
            (end, true)
        } else {
            (period.end, false)
        };
        if end > today {
            break;
        }
        // A last, partial year asks for its share of the two, one per half year rounded:
        // a fortnight asks for none, six months for one, nine months and more for two.
        let asked = if full {
            FOLLOWUPS_A_YEAR
        } else {
            let length = days_between(start, end) + 1;
            usize::try_from((length * 2 + 182) / 365).unwrap_or(0)
        };
        if asked > 0 {
            windows.push((Period { start, end }, asked));
        }
        start = next;
        years += 1;
    }
    windows
}

/// The dated meetings that count as the forum's follow-up with civil society, sorted: every
/// meeting of a space that plays the forum, except one whose attendees are listed and
/// include nobody known to be from civil society. An unlisted attendance counts: the forum
/// itself has civil society in it.
pub fn forum_followups<'p>(cx: &Context<'p>) -> Vec<(Date, &'p str, &'p str)> {
    let sectors_known = cx.sectors_known();
    let mut dated: Vec<(Date, &str, &str)> = cx
        .plan
        .spaces
        .iter()
        .filter(|space| space.plays(SpaceKind::Forum))
        .flat_map(|space| space.meetings.iter().map(move |meeting| (space, meeting)))
        .filter(|(_, meeting)| {
            meeting.attendees.is_empty()
                || !sectors_known
                || meeting.attendees.iter().any(|attendee| {
                    cx.sector_of_id(&attendee.id)
                        .map(crate::model::Sector::side)
                        != Some(crate::model::Side::Government)
                })
        })
        .filter_map(|(space, meeting)| {
            Some((meeting.date?, space.id.as_str(), meeting.id.as_str()))
        })
        .collect();
    dated.sort();
    dated
}

/// `forum-followup-count`: in each year of implementation that is over (see
/// [`followup_years`]), fewer than two follow-up meetings of the forum (see
/// [`forum_followups`]).
fn followups(cx: &Context<'_>, today: Date, out: &mut Vec<Diagnostic>) {
    let meta = &cx.plan.meta;
    if !carried_out(meta, today) || cx.broken.spaces {
        return;
    }
    let Some(period) = meta.implementation.filter(|p| p.start <= p.end) else {
        return;
    };
    // A plan without a forum has `space-missing`; counting its meetings says nothing more.
    let Some(forum) = cx.plan.spaces.iter().find(|s| s.plays(SpaceKind::Forum)) else {
        return;
    };
    let held = forum_followups(cx);
    for (window, asked) in followup_years(period, today) {
        let from = held.partition_point(|&(date, ..)| date < window.start);
        let to = held.partition_point(|&(date, ..)| date <= window.end);
        let inside = &held[from..to];
        if inside.len() >= asked {
            continue;
        }
        let which = if inside.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = inside
                .iter()
                .map(|(date, space, meeting)| format!("`{space}/{meeting}` on {date}"))
                .collect();
            format!(" ({})", list.join(", "))
        };
        let times = match inside.len() {
            0 => "did not meet".to_string(),
            1 => "met once".to_string(),
            n => format!("met {n} times"),
        };
        out.push(
            Diagnostic::new(
                &FORUM_FOLLOWUP_COUNT,
                forum.origin.key("kind"),
                format!(
                    "the forum {times} with civil society in the year of implementation from {} to {}{which}: OGP asks for at least {}",
                    window.start,
                    window.end,
                    count_noun(asked, "follow-up meeting", "follow-up meetings"),
                ),
            )
            .with_help(format!(
                "record the follow-up meetings the forum held as `[[meeting]]` entries (`obert meeting add {} ID --date DATE --kind meeting`), or convene them",
                forum.id
            )),
        );
    }
}
