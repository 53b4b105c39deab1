//! The online space: the reasoned response to contributions (OGP co-creation standard 4),
//! and contributions dated within the phase that collected them.

use super::Context;
use crate::diag::Diagnostic;
use crate::model::{Keyword, ResponseStatus};
use crate::rules::{CONTRIBUTION_OUTSIDE_PHASE, CONTRIBUTION_UNANSWERED, RESPONSE_WITHOUT_REASON};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    outside_phase(cx, out);
    for contribution in cx.plan.contributions() {
        if contribution.awaits_response() {
            out.push(
                Diagnostic::new(
                    &CONTRIBUTION_UNANSWERED,
                    contribution.origin.key("id"),
                    format!("contribution `{}` has no response", contribution.id),
                )
                .with_help(format!(
                    "answer it: `obert contribution respond {} --status STATUS --reason \"…\" --by SPACE`",
                    contribution.id
                )),
            );
        }
        // A response without a status is an invalid value already.
        let Some(response) = &contribution.response else {
            continue;
        };
        let Some(status) = response.status else {
            continue;
        };
        let reasoned = response
            .reason
            .as_ref()
            .is_some_and(|reason| !reason.is_blank());
        if status != ResponseStatus::Accepted && !reasoned {
            out.push(
                Diagnostic::new(
                    &RESPONSE_WITHOUT_REASON,
                    response.origin.key("status"),
                    format!(
                        "the `{}` response to `{}` gives no reason",
                        status.as_str(),
                        contribution.id
                    ),
                )
                .with_help(format!(
                    "say what was done with it, and why: `obert contribution respond {} --status {} --reason \"…\"`",
                    contribution.id,
                    status.as_str()
                )),
            );
        }
    }
}

/// `contribution-outside-phase`: a dated contribution outside the period of the phase its
/// file names. A file without a phase, a phase that names nothing (`dangling-reference`)
/// and a phase that ends before it starts (`timeline-order`) are reported elsewhere or not
/// at all; an undated contribution has nothing to compare.
fn outside_phase(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for file in &cx.plan.contribution_files {
        let (Some(space), Some(phase)) = (&file.space, &file.phase) else {
            continue;
        };
        let Some(space) = cx.spaces.get(space.id.as_str()) else {
            continue;
        };
        let Some(phase) = space.phases.iter().find(|p| p.id == phase.id) else {
            continue;
        };
        let Some(period) = phase.period.filter(|p| p.start <= p.end) else {
            continue;
        };
        for contribution in &file.contributions {
            let Some(date) = contribution.date else {
                continue;
            };
            if period.contains(date) {
                continue;
            }
            let side = if date < period.start {
                "before"
            } else {
                "after"
            };
            out.push(
                Diagnostic::new(
                    &CONTRIBUTION_OUTSIDE_PHASE,
                    contribution.origin.key("date"),
                    format!(
                        "contribution `{}` is dated {date}, {side} phase `{}` of `{}` ({period})",
                        contribution.id, phase.id, space.id
                    ),
                )
                .with_help(format!(
                    "correct the date, or the phase's `start` and `end` in `{}`; a contribution to another phase belongs in that phase's file",
                    cx.files.get(phase.origin.file).path
                )),
            );
        }
    }
}
