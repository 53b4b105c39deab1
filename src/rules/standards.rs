//! OGP's participation and co-creation standards, as far as the plan's meetings show them:
//! a forum that keeps meeting during implementation (standard 1), minutes of the meetings
//! held and materials shared ahead of them (standard 2).

use super::Context;
use crate::diag::Diagnostic;
use crate::evidence::{Published, published};
use crate::format::{self, rules::forum};
use crate::model::{Date, Meeting, SpaceKind, Stage};
use crate::rules::{
    EVIDENCE_UNPUBLISHABLE, FORUM_MEETING_GAP, MATERIALS_LATE, MEETING_WITHOUT_MINUTES,
};

// Standard 1 asks the forum to meet at least every six months: `[rules.forum]
// meeting-gap-days`, 183 by default (half a year rounded up; calendar half-years run from 181
// to 184 days, so a gap of exactly six calendar months from July can be flagged by one day).
// How many days ahead materials are expected: `[rules] materials-days`, 7 by default.

pub(super) fn check(cx: &Context<'_>, today: Option<Date>, out: &mut Vec<Diagnostic>) {
    forum_gaps(cx, today, out);
    minutes(cx, today, out);
    unpublishable(cx, out);
    materials(cx, out);
}

/// `evidence-unpublishable`: minutes kept as a file of the plan that the document can
/// neither embed (Markdown, with `[document] minutes = "embed"`) nor link (through
/// `[document] files-url`). A file that is not there is `missing-file` instead.
fn unpublishable(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    for space in &plan.spaces {
        for meeting in &space.meetings {
            let Some(path) = meeting.minutes.as_deref() else {
                continue;
            };
            if !plan.evidence_files.contains(path)
                || !matches!(published(plan, path), Published::Unpublished)
            {
                continue;
            }
            let embeddable = crate::evidence::is_markdown(path);
            let help = if embeddable {
                "the plan links every file (`[document] minutes = \"link\"`): set `[document] files-url` to where the plan's files are published (`obert plan set document.files-url URL`), or embed Markdown minutes with `minutes = \"embed\"`"
            } else {
                "the document embeds only minutes written in Markdown: set `[document] files-url` to where the plan's files are published (`obert plan set document.files-url URL`), write the minutes in Markdown, or give their URL"
            };
            out.push(
                Diagnostic::new(
                    &EVIDENCE_UNPUBLISHABLE,
                    meeting.origin.key("minutes"),
                    format!(
                        "the minutes of meeting `{}` of `{}` (`{path}`) can be neither embedded in the document nor linked from it",
                        meeting.id, space.id
                    ),
                )
                .with_help(help),
            );
        }
    }
}

fn days_between(from: Date, to: Date) -> i64 {
    to.days_since_epoch() - from.days_since_epoch()
}

/// `forum-meeting-gap`: while the plan is being carried out (stage `implementation`, or
/// `closed` and judged on its implementation), each forum (a space of kind `forum`, or one
/// that serves as the forum) must not go more than `[rules.forum] meeting-gap-days` (its
/// own, else plan.toml's) without a meeting, counting from the start of the implementation
/// period to the earlier of today and the period's end. Only meetings held by then count.
fn forum_gaps(cx: &Context<'_>, today: Option<Date>, out: &mut Vec<Diagnostic>) {
    let meta = &cx.plan.meta;
    if !matches!(meta.stage, Some(Stage::Implementation | Stage::Closed)) {
        return;
    }
    // A reversed period is a `timeline-order` finding; there is no gap to measure in it.
    let Some(period) = meta.implementation.filter(|p| p.start <= p.end) else {
        return;
    };
    let (until, until_what) = match today {
        Some(today) if today < period.end => (today, "today"),
        _ => (period.end, "the end of implementation"),
    };
    if until < period.start {
        return;
    }
    let help = "OGP standard 1 asks the forum to meet at least every six months during implementation: record the meetings it held as `[[meeting]]` entries in this file, or convene one";
    for space in &cx.plan.spaces {
        if !space.plays(SpaceKind::Forum) {
            continue;
        }
        let max_gap = i64::from(cx.numbers(space).count(&forum::MEETING_GAP_DAYS));
        let mut held: Vec<(Date, &Meeting)> = space
            .meetings
            .iter()
            .filter_map(|meeting| Some((meeting.date?, meeting)))
            .filter(|&(date, _)| period.start <= date && date <= until)
            .collect();
        held.sort_by_key(|&(date, _)| date);
        let mut since = period.start;
        let mut since_what = "the start of implementation".to_string();
        for (date, meeting) in held {
            let days = days_between(since, date);
            if days > max_gap {
                out.push(
                    Diagnostic::new(
                        &FORUM_MEETING_GAP,
                        meeting.origin.key("date"),
                        format!(
                            "forum `{}` went {days} days without meeting, from {since_what} ({since}) to meeting `{}` ({date}): more than {max_gap} days",
                            space.id, meeting.id
                        ),
                    )
                    .with_help(help),
                );
            }
            since = date;
            since_what = format!("meeting `{}`", meeting.id);
        }
        let days = days_between(since, until);
        if days > max_gap {
            out.push(
                Diagnostic::new(
                    &FORUM_MEETING_GAP,
                    space.origin.key("kind"),
                    format!(
                        "forum `{}` went {days} days without meeting, from {since_what} ({since}) to {until_what} ({until}): more than {max_gap} days",
                        space.id
                    ),
                )
                .with_help(help),
            );
        }
    }
}

/// `meeting-without-minutes`: a meeting of any space (an online space's public workshops
/// included) dated before today with no `minutes`. Without a clock there is no past to
/// judge.
fn minutes(cx: &Context<'_>, today: Option<Date>, out: &mut Vec<Diagnostic>) {
    let Some(today) = today else {
        return;
    };
    for space in &cx.plan.spaces {
        for meeting in &space.meetings {
            let Some(date) = meeting.date else {
                continue;
            };
            if date < today && meeting.minutes.is_none() {
                out.push(
                    Diagnostic::new(
                        &MEETING_WITHOUT_MINUTES,
                        meeting.origin.key("id"),
                        format!(
                            "meeting `{}` of `{}` was held on {date} and has no minutes",
                            meeting.id, space.id
                        ),
                    )
                    .with_help(format!(
                        "publish the minutes, then `obert meeting set {space} {meeting} minutes PATH`, with their path inside the plan (such as `minutes/{space}-{meeting}.md`) or their URL (OGP standard 2)",
                        space = space.id,
                        meeting = meeting.id
                    )),
                );
            }
        }
    }
}

/// `materials-late`: a meeting whose materials were published less than
/// `[rules] materials-days` before it, on its day, or after it. Meetings without a
/// `materials-published` date are not judged.
fn materials(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let ahead = i64::from(cx.plan.meta.number(&format::rules::MATERIALS_DAYS));
    for space in &cx.plan.spaces {
        for meeting in &space.meetings {
            let (Some(date), Some(published)) = (meeting.date, meeting.materials_published) else {
                continue;
            };
            let days = days_between(published, date);
            if days >= ahead {
                continue;
            }
            let count = match days.unsigned_abs() {
                1 => "1 day".to_string(),
                n => format!("{n} days"),
            };
            let when = match days {
                0 => "on the day of the meeting".to_string(),
                1.. => format!("{count} before the meeting"),
                _ => format!("{count} after the meeting"),
            };
            out.push(
                Diagnostic::new(
                    &MATERIALS_LATE,
                    meeting.origin.key("materials-published"),
                    format!(
                        "the materials of meeting `{}` of `{}` ({date}) were published on {published}, {when}: at least {ahead} days before are expected",
                        meeting.id, space.id
                    ),
                )
                .with_help(format!(
                    "share the agenda and documents at least {ahead} days ahead so that members can prepare, or correct `materials-published` if they were out earlier"
                )),
            );
        }
    }
}
