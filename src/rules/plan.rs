//! The plan as a whole: its vision and its timeline.

use super::Context;
use crate::diag::{Diagnostic, Loc};
use crate::model::{Keyword, MeetingKind, Period, SpaceKind, Stage};
use crate::rules::{MEETING_OUTSIDE_COCREATION, MISSING_FILE, TIMELINE_ORDER, VISION_MISSING};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let meta = &cx.plan.meta;
    if !meta.loaded {
        return;
    }
    vision(cx, out);
    let periods = [
        ("cocreation", meta.cocreation),
        ("implementation", meta.implementation),
    ];
    for (key, period) in periods {
        if let Some(period) = period
            && period.end < period.start
        {
            out.push(
                Diagnostic::new(
                    &TIMELINE_ORDER,
                    meta.origin.key(key),
                    format!(
                        "`[{key}]` ends ({}) before it starts ({})",
                        period.end, period.start
                    ),
                )
                .with_help("swap or correct the dates"),
            );
        }
    }
    if let (Some(cocreation), Some(implementation)) = (meta.cocreation, meta.implementation)
        && implementation.start <= cocreation.end
    {
        out.push(
            Diagnostic::new(
                &TIMELINE_ORDER,
                meta.origin.key("implementation"),
                format!(
                    "implementation starts ({}) before co-creation ends ({})",
                    implementation.start, cocreation.end
                ),
            )
            .with_help("the plan is co-created first, then carried out: correct `[cocreation]` or `[implementation]`"),
        );
    }
    for space in &cx.plan.spaces {
        for phase in &space.phases {
            if let Some(Period { start, end }) = phase.period
                && end < start
            {
                out.push(
                    Diagnostic::new(
                        &TIMELINE_ORDER,
                        phase.origin.key("end"),
                        format!(
                            "phase `{}` of `{}` ends ({end}) before it starts ({start})",
                            phase.id, space.id
                        ),
                    )
                    .with_help("swap or correct the dates"),
                );
            }
        }
    }
    meetings_outside(cx, out);
}

fn vision(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let meta = &cx.plan.meta;
    match &cx.plan.vision {
        Some(vision) if !crate::model::has_prose(&vision.text) => out.push(
            Diagnostic::new(
                &VISION_MISSING,
                Loc::file_start(vision.file),
                format!("the strategic vision in `{}` is empty", vision.path),
            )
            .with_help("write the vision that guides the plan's commitments"),
        ),
        Some(_) => {}
        None if meta.vision_explicit => out.push(
            Diagnostic::new(
                &MISSING_FILE,
                meta.origin.key("vision"),
                format!("`{}` does not exist in the plan folder", meta.vision_path),
            )
            .with_help("create the file, or correct `vision` in plan.toml"),
        ),
        None => out.push(
            Diagnostic::new(
                &VISION_MISSING,
                Loc::file_start(cx.plan_file),
                "the plan has no strategic vision",
            )
            .with_help(format!(
                "write it in `{}` beside plan.toml",
                meta.vision_path
            )),
        ),
    }
}

fn meetings_outside(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let meta = &cx.plan.meta;
    let (Some(Stage::Cocreation), Some(period)) = (meta.stage, meta.cocreation) else {
        return;
    };
    for space in &cx.plan.spaces {
        // A space that serves as the forum holds plenaries too, whatever its own kind.
        let counted: Vec<MeetingKind> = space
            .roles()
            .filter_map(|role| match role {
                SpaceKind::Forum => Some(MeetingKind::Plenary),
                SpaceKind::WorkingGroup => Some(MeetingKind::Session),
                _ => None,
            })
            .collect();
        for meeting in &space.meetings {
            if let Some(kind) = meeting.kind.filter(|kind| counted.contains(kind))
                && let Some(date) = meeting.date
                && !period.contains(date)
            {
                out.push(
                    Diagnostic::new(
                        &MEETING_OUTSIDE_COCREATION,
                        meeting.origin.key("date"),
                        format!("{} `{}` of `{}` is on {date}, outside the co-creation period ({period})", kind.as_str(), meeting.id, space.id),
                    )
                    .with_help("correct the date, or the `[cocreation]` period in plan.toml"),
                );
            }
        }
    }
}
