//! `obert status`: where the plan stands, on one screen. A report, not a check: it always
//! exits 0 and ends by pointing at `obert check` for the findings.
//!
//! Only current members (no `until`) count, as in the rules. The words are ASCII ("ok",
//! "short", "over", "-") so that the report reads the same in a pipe, a CI log or a PR
//! comment; only the table lines turn into box drawing on a terminal.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use super::Outcome;
use super::view::{Grid, sector_abbreviation, text};
use crate::diag::Counts;
use crate::history::git::RevInfo;
use crate::inclusion;
use crate::model::{BalanceRule, ContributionFile, Keyword, MeetingKind, Sector, SpaceKind};
use crate::rules::standing::{Balance, Meetings};
use crate::rules::{self, Context, Standing, count_noun};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Report on the plan as it was at this git revision (a commit, branch, tag, HEAD~1…),
    /// read from the repository without checking it out
    #[arg(long, value_name = "REV")]
    rev: Option<String>,
    /// Also report on OGP's five Participation and Co-Creation Standards and the OGP Local
    /// inception checks: met, not met or not recorded, with the evidence
    #[arg(long)]
    standards: bool,
    /// Also report on implementation: each commitment's milestones (due date, latest status
    /// and report, days overdue, evidence), the last publication of progress and the forum's
    /// follow-up meetings in the current year of implementation
    #[arg(long)]
    implementation: bool,
}

pub(super) fn run(
    plan: Option<&Path>,
    today: Option<crate::model::Date>,
    args: Args,
) -> anyhow::Result<Outcome> {
    let (loaded, revision) = match &args.rev {
        Some(rev) => {
            let (_source, info, loaded) = super::open_plan_at(plan, rev)?;
            (loaded, Some(info))
        }
        None => (super::open_plan(plan)?.1, None),
    };
    let cx = Context::new(&loaded);
    let findings = rules::check_in(&cx, &loaded, today);
    let counts = Counts::of(&findings);
    let mut report = String::new();
    header(&cx, revision.as_ref(), &mut report);
    spaces(&cx, &mut report);
    commitments(&cx, &mut report);
    contributions(&cx, &mut report);
    if args.standards {
        standards(&cx, &findings, today, &mut report);
    }
    if args.implementation {
        implementation(&cx, today, &mut report);
    }
    let _ = write!(
        report,
        "check: {}, {}",
        count_noun(counts.errors, "error", "errors"),
        count_noun(counts.warnings, "warning", "warnings")
    );
    if counts.errors + counts.warnings > 0 {
        match &args.rev {
            Some(rev) => {
                let _ = write!(report, "; run `obert check --rev {rev}` for details");
            }
            None => report.push_str("; run `obert check` for details"),
        }
    }
    report.push('\n');
    let mut out = std::io::stdout().lock();
    // Titles and names are plan text: what a terminal would obey is shown, not obeyed.
    out.write_all(crate::terminal::printable(&report).as_bytes())?;
    out.flush()?;
    Ok(Outcome::Clean)
}

/// The title, the plan's facts and, under `--rev`, the revision: the report may be pasted
/// anywhere (a PR comment), so it says itself which revision it is about.
fn header(cx: &Context<'_>, revision: Option<&RevInfo>, out: &mut String) {
    let meta = &cx.plan.meta;
    let title = text(cx.plan, &meta.title);
    let title = if title.trim().is_empty() {
        "(the plan has no title)"
    } else {
        title.trim()
    };
    let mut facts = Vec::new();
    if !meta.member.trim().is_empty() {
        facts.push(format!("member {}", meta.member.trim()));
    }
    if let Some(stage) = meta.stage {
        facts.push(format!("stage {stage}"));
    }
    if let Some(period) = meta.cocreation {
        facts.push(format!("co-creation {period}"));
    }
    if let Some(period) = meta.implementation {
        facts.push(format!("implementation {period}"));
    }
    let _ = writeln!(out, "{title}");
    if !facts.is_empty() {
        let _ = writeln!(out, "{}", facts.join(", "));
    }
    if let Some(info) = revision {
        let _ = writeln!(out, "as it was at {info}");
    }
    out.push('\n');
}

fn spaces(cx: &Context<'_>, out: &mut String) {
    if cx.plan.spaces.is_empty() {
        out.push_str("Spaces: none yet\n\n");
        return;
    }
    let mut table = Grid::new(
        &["Space", "Kind", "Members", "By sector", "Meetings", "State"],
        &["By sector", "Meetings"],
    );
    let mut used = BTreeSet::new();
    for space in &cx.plan.spaces {
        let standing = Standing::of(cx, space);
        let (members, meetings) = cells(&standing);
        used.extend(standing.sectors.keys().flatten().copied());
        let sectors = if space.online_only() {
            "-".to_string()
        } else if !cx.sectors_known() {
            "unknown".to_string()
        } else {
            sectors_cell(&standing.sectors)
        };
        let kind = space.kind.map_or("(no kind)", |kind| kind.as_str());
        table.add_row([
            space.id.as_str(),
            kind,
            &members,
            &sectors,
            &meetings,
            &standing.state(),
        ]);
    }
    let _ = writeln!(out, "Spaces\n{table}");
    if !cx.sectors_known() {
        out.push_str("sides and sectors are unknown while people.toml or organisations.toml cannot be read; `obert check` says why\n");
    } else if !used.is_empty() {
        let legend: Vec<String> = used
            .iter()
            .map(|&sector| format!("{} {sector}", sector_abbreviation(sector)))
            .collect();
        let _ = writeln!(out, "by sector: {}", legend.join(", "));
    }
    genders(cx, out);
    out.push('\n');
}

/// Each space's counted members by gender, one line per space under the table: a column
/// would widen a table that already fills a terminal. Counts below 3 show as `<3` (see
/// [`inclusion`]); spaces where no one has a gender recorded say so, in one line when
/// that is every space.
fn genders(cx: &Context<'_>, out: &mut String) {
    if cx.broken.people {
        out.push_str("by gender: unknown while people.toml cannot be read\n");
        return;
    }
    let counted: Vec<(&str, Option<Vec<inclusion::GenderCount>>)> = cx
        .plan
        .spaces
        .iter()
        .filter(|space| !space.online_only())
        .filter(|space| space.counted_members().next().is_some())
        .map(|space| (space.id.as_str(), inclusion::by_gender(cx, space)))
        .collect();
    if counted.is_empty() {
        return;
    }
    if counted.iter().all(|(_, figures)| figures.is_none()) {
        out.push_str("by gender: not recorded\n");
        return;
    }
    let hides_more = counted
        .iter()
        .flat_map(|(_, figures)| figures.iter().flatten())
        .any(|row| row.count == inclusion::Shown::AtLeast);
    let least = inclusion::SMALLEST_SHOWN;
    let also = if hides_more {
        format!(", and {least}+ hides one more that the total would give away")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "by gender, counted members (a count below {least} shows as <{least}{also}):"
    );
    let width = counted.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
    for (id, figures) in counted {
        let line = match figures {
            Some(rows) => rows
                .iter()
                .map(|row| {
                    let gender = match row.gender {
                        inclusion::NOT_RECORDED => "not recorded",
                        gender => gender,
                    };
                    format!("{gender} {}", row.count)
                })
                .collect::<Vec<_>>()
                .join(", "),
            None => "not recorded".to_string(),
        };
        let _ = writeln!(out, "  {id:width$}  {line}");
    }
}

/// The Members and Meetings cells of a space, each against the numbers its parts ask for.
fn cells(standing: &Standing<'_>) -> (String, String) {
    let space = standing.space;
    let current = standing.members;
    let all_meetings = || count_noun(space.meetings.len(), "meeting", "meetings");
    let mut members = if let Some(balance) = standing.balance() {
        let mut cell = balance_cell(balance);
        if let Some(size) = standing.size() {
            let _ = write!(cell, "; {}", size_cell(current, size));
        }
        cell
    } else if space.plays(SpaceKind::SteeringGroup) && standing.sides.is_none() {
        format!("{current}, sides unknown")
    } else if let Some(size) = standing.size() {
        size_cell(current, size)
    } else if space.online_only() {
        // Anyone may contribute online, so there is no membership to count.
        "-".to_string()
    } else {
        // No kind, no rule to measure against; `obert check` reports the missing kind.
        current.to_string()
    };
    if standing.not_counted > 0 {
        let _ = write!(members, ", {} not counted", standing.not_counted);
    }
    let meetings = match standing.meetings() {
        Some(counted) => held(&counted),
        None if members == "-" && space.meetings.is_empty() => "-".to_string(),
        None => all_meetings(),
    };
    (members, meetings)
}

/// "5/5 gov, 4/5 civ": each side against the number the plan asks for; `8+` where it asks
/// for at least that many, and `parity` where the sides must be even.
fn balance_cell(balance: &Balance) -> String {
    let side = |count: crate::rules::standing::Count| {
        let plus = if count.open() { "+" } else { "" };
        format!("{}/{}{plus}", count.have, count.min)
    };
    let mut cell = format!(
        "{} gov, {} civ",
        side(balance.government),
        side(balance.civil_society)
    );
    if balance.rule == BalanceRule::Parity {
        cell.push_str(", parity");
    }
    if balance.unknown > 0 {
        let _ = write!(cell, ", {} without sector", balance.unknown);
    }
    cell
}

/// "12 (expects 15)" for an exact size, "12 (15-20)" for a range.
fn size_cell(current: usize, size: crate::rules::standing::Count) -> String {
    if size.min == size.max {
        format!("{current} (expects {})", size.min)
    } else {
        format!("{current} ({}-{})", size.min, size.max)
    }
}

fn sectors_cell(counts: &BTreeMap<Option<Sector>, usize>) -> String {
    // `None` sorts first in the map; it reads better last.
    let known = counts
        .iter()
        .filter_map(|(sector, n)| sector.map(|s| format!("{} {n}", sector_abbreviation(s))));
    let unknown = counts.get(&None).map(|n| format!("? {n}"));
    let cell: Vec<String> = known.chain(unknown).collect();
    if cell.is_empty() {
        "-".to_string()
    } else {
        cell.join(", ")
    }
}

/// "3/3 sessions": meetings of the kind the rule counts against the number it asks for,
/// plus the other meetings, which the rule does not count.
fn held(meetings: &Meetings) -> String {
    let noun = match meetings.kind {
        MeetingKind::Plenary => "plenaries",
        MeetingKind::Session => "sessions",
        MeetingKind::Meeting => "meetings",
        MeetingKind::Workshop => "workshops",
    };
    let mut cell = format!("{}/{} {noun}", meetings.count.have, meetings.count.min);
    if meetings.other > 0 {
        let _ = write!(cell, ", {} other", meetings.other);
    }
    cell
}

/// Titles longer than this are cut in the table; `obert show ID` has the whole title.
const TITLE_CHARS: usize = 48;

fn shorten(title: &str) -> String {
    if title.chars().count() <= TITLE_CHARS {
        return title.to_string();
    }
    let cut: String = title.chars().take(TITLE_CHARS - 3).collect();
    format!("{}...", cut.trim_end())
}

fn commitments(cx: &Context<'_>, out: &mut String) {
    let asked = cx.plan.meta.number(&crate::format::rules::COMMITMENTS);
    let have = cx.plan.commitments.len();
    let _ = writeln!(out, "Commitments: {have}, the plan asks for {asked}");
    if have == 0 {
        out.push('\n');
        return;
    }
    let header = [
        "No.",
        "Id",
        "Title",
        "Lead",
        "Working group",
        "Milestones",
        "Status",
    ];
    let mut table = Grid::new(&header, &["Title", "Lead"]);
    for commitment in cx.plan.commitments_by_number() {
        let lead: Vec<&str> = commitment.lead.iter().map(|r| r.id.as_str()).collect();
        table.add_row([
            commitment.number.map_or("-".to_string(), |n| n.to_string()),
            commitment.id.clone(),
            shorten(&text(cx.plan, &commitment.title)),
            lead.join(", "),
            commitment
                .working_group
                .as_ref()
                .map_or("-".to_string(), |r| r.id.clone()),
            commitment.milestones.len().to_string(),
            commitment.status.map_or("-", |s| s.as_str()).to_string(),
        ]);
    }
    let _ = writeln!(out, "{table}\n");
}

/// Answered, unanswered and withdrawn contributions of one file. Withdrawn comes first:
/// its author took it back, so no response is owed even if one was written.
fn tally(file: &ContributionFile) -> [usize; 4] {
    let mut counts = [file.contributions.len(), 0, 0, 0];
    for contribution in &file.contributions {
        let column = if !contribution.owes_response() {
            3
        } else if contribution.awaits_response() {
            2
        } else {
            1
        };
        counts[column] += 1;
    }
    counts
}

fn contributions(cx: &Context<'_>, out: &mut String) {
    let files = &cx.plan.contribution_files;
    if files.is_empty() {
        out.push_str("Contributions: none recorded\n\n");
        return;
    }
    let header = [
        "File",
        "Space / phase",
        "Total",
        "Answered",
        "Unanswered",
        "Withdrawn",
    ];
    let mut table = Grid::new(&header, &[]);
    let mut all = [0; 4];
    for file in files {
        let counts = tally(file);
        for (sum, n) in all.iter_mut().zip(counts) {
            *sum += n;
        }
        let space = file.space.as_ref().map_or("-", |r| r.id.as_str());
        let place = match &file.phase {
            Some(phase) => format!("{space} / {}", phase.id),
            None => space.to_string(),
        };
        let mut row = vec![file.id.clone(), place];
        row.extend(counts.map(|n| n.to_string()));
        table.add_row(row);
    }
    if files.len() > 1 {
        let mut row = vec!["all".to_string(), String::new()];
        row.extend(all.map(|n| n.to_string()));
        table.add_row(row);
    }
    let _ = writeln!(out, "Contributions\n{table}\n");
}

/// OGP's co-creation standards, one row each, the evidence under the verdict; "not met"
/// names the rules of `check` that say so.
fn standards(
    cx: &Context<'_>,
    findings: &[crate::diag::Diagnostic],
    today: Option<crate::model::Date>,
    out: &mut String,
) {
    let mut table = Grid::new(&["Standard", "State", "Evidence"], &["Evidence"]);
    for assessment in crate::standards::assess(cx, findings, today) {
        let state = match assessment.rules.as_slice() {
            [] => assessment.verdict.as_str().to_string(),
            rules => format!("{}\n({})", assessment.verdict.as_str(), rules.join(", ")),
        };
        table.add_row([assessment.title, &state, &assessment.evidence.join("\n")]);
    }
    let _ = writeln!(out, "Co-creation standards\n{table}\n");
}

/// `--implementation`: each commitment's milestones as its reports leave them, then the
/// plan's last publication and the forum's follow-up in the current year of implementation.
/// Days overdue and days ago count from `today` (a closed plan's lateness, to the day it
/// ended); without one they are left out.
fn implementation(cx: &Context<'_>, today: Option<crate::model::Date>, out: &mut String) {
    use crate::rules::implementation::{self as rules_impl, Progress, days_between};
    let progress = Progress::of(cx);
    out.push_str("Implementation\n");
    if cx.plan.commitments.is_empty() {
        out.push_str("no commitments yet\n");
    }
    for commitment in cx.plan.commitments_by_number() {
        let reports = progress.of_commitment(&commitment.id);
        let mut heading = rules_impl::commitment_name(cx, commitment);
        let _ = write!(heading, " (`{}`)", commitment.id);
        if progress.unreadable.contains(&commitment.id) {
            heading.push_str(": its progress file cannot be read, `obert check` says why");
        } else {
            match reports.and_then(|r| r.latest) {
                Some(latest) => {
                    let date = latest.date.map_or("undated".to_string(), |d| d.to_string());
                    let status = latest.status.map_or("no status", |s| s.as_str());
                    let count = reports.map_or(0, |r| r.file.reports.len());
                    let _ = write!(
                        heading,
                        ": {}, the latest of {date} ({status})",
                        count_noun(count, "report", "reports")
                    );
                }
                None => heading.push_str(": no reports"),
            }
        }
        let _ = writeln!(out, "{heading}");
        if commitment.milestones.is_empty() {
            out.push_str("  no milestones\n");
            continue;
        }
        // Evidence items of the reports on each milestone, counted in one pass.
        let mut evidence = vec![0usize; commitment.milestones.len()];
        if let Some(reports) = reports {
            for (report, index) in reports.file.reports.iter().zip(&reports.milestone_of) {
                if let Some(count) = index.and_then(|index| evidence.get_mut(index)) {
                    *count += report.evidence.len();
                }
            }
        }
        // A closed plan's lateness is counted to the day it ended (`Meta::lateness_day`).
        let judged_on = today.map(|today| cx.plan.meta.lateness_day(today));
        let late = if judged_on == today {
            "Overdue"
        } else {
            "Late at the end"
        };
        let mut table = Grid::new(
            &["Milestone", "Due", "Status", "Reported", late, "Evidence"],
            &["Milestone"],
        );
        for (index, milestone) in commitment.milestones.iter().enumerate() {
            let latest = progress.latest_on(&commitment.id, index);
            let completion = progress.completion(commitment, index, milestone);
            let status = match (completion, latest) {
                (Some(status), Some(_)) => status.as_str().to_string(),
                // Front matter only: no report has said so yet.
                (Some(status), None) => format!("{status} (front matter)"),
                (None, _) => "-".to_string(),
            };
            let reported = latest
                .and_then(|report| report.date)
                .map_or("-".to_string(), |d| d.to_string());
            let overdue = match (milestone.due, judged_on) {
                (Some(due), Some(day))
                    if due < day && completion != Some(crate::model::Completion::Complete) =>
                {
                    count_noun(
                        usize::try_from(days_between(due, day)).unwrap_or(0),
                        "day",
                        "days",
                    )
                }
                _ => "-".to_string(),
            };
            let label = format!(
                "{} {}",
                commitment.milestone_label(index),
                shorten(&text(cx.plan, &milestone.title))
            );
            table.add_row([
                label,
                milestone.due.map_or("-".to_string(), |d| d.to_string()),
                status,
                reported,
                overdue,
                evidence[index].to_string(),
            ]);
        }
        let _ = writeln!(out, "{table}\n");
    }
    publication(cx, today, out);
    followup(cx, today, out);
    out.push('\n');
}

/// The plan's latest `[[publication]]` of progress.
fn publication(cx: &Context<'_>, today: Option<crate::model::Date>, out: &mut String) {
    let latest = cx
        .plan
        .meta
        .publications
        .iter()
        .filter_map(|publication| Some((publication.date?, publication)))
        .fold(
            None,
            |latest: Option<(crate::model::Date, _)>, (date, p)| match latest {
                Some((best, _)) if best > date => latest,
                _ => Some((date, p)),
            },
        );
    let Some((date, latest)) = latest else {
        out.push_str("last publication of progress: none recorded (`obert publication add`)\n");
        return;
    };
    let mut line = format!("last publication of progress: {date}");
    if let Some(url) = &latest.url {
        let _ = write!(line, ", {}", super::view::clean(url));
    }
    if let Some(today) = today {
        let ago = crate::rules::implementation::days_between(date, today);
        match ago {
            0 => line.push_str(", today"),
            1.. => {
                let _ = write!(
                    line,
                    ", {} ago",
                    count_noun(usize::try_from(ago).unwrap_or(0), "day", "days")
                );
            }
            _ => line.push_str(", in the future"),
        }
    }
    let _ = writeln!(
        out,
        "{line} (the plan asks for one every {} days)",
        cx.plan.meta.progress_days()
    );
}

/// The forum's follow-up meetings in the year of implementation that holds `today` (the
/// last one once implementation is over), counted as `forum-followup-count` counts them.
fn followup(cx: &Context<'_>, today: Option<crate::model::Date>, out: &mut String) {
    use crate::rules::implementation::{followup_years, forum_followups};
    let Some(period) = cx.plan.meta.implementation.filter(|p| p.start <= p.end) else {
        out.push_str("forum follow-up: the plan has no implementation period\n");
        return;
    };
    let Some(today) = today else {
        out.push_str("forum follow-up: unknown without a date for today (`--today`)\n");
        return;
    };
    if today < period.start {
        let _ = writeln!(
            out,
            "forum follow-up: implementation starts on {}",
            period.start
        );
        return;
    }
    // Every window up to the end of implementation, the current one included: the windows
    // judged by the rule are only those already over.
    let Some((window, asked)) = followup_years(period, period.end)
        .into_iter()
        .rfind(|(window, _)| window.start <= today)
    else {
        return;
    };
    let held = forum_followups(cx);
    let inside: Vec<String> = held
        .iter()
        .filter(|(date, ..)| window.contains(*date) && *date <= today)
        .map(|(date, space, meeting)| format!("{date} `{space}/{meeting}`"))
        .collect();
    let when = if window.end < today {
        "the last year of implementation"
    } else {
        "this year of implementation"
    };
    let list = if inside.is_empty() {
        String::new()
    } else {
        format!(": {}", inside.join(", "))
    };
    let _ = writeln!(
        out,
        "forum follow-up in {when} ({} to {}): {} of the {asked} OGP asks for{list}",
        window.start,
        window.end,
        count_noun(inside.len(), "meeting", "meetings"),
    );
}
