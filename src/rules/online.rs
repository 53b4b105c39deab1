//! The reasoned response to online contributions (OGP co-creation standard 4).

use super::Context;
use crate::diag::Diagnostic;
use crate::model::{Keyword, ResponseStatus};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for contribution in cx.plan.contributions() {
        if contribution.awaits_response() {
            out.push(
                Diagnostic::new(
                    "contribution-unanswered",
                    contribution.origin.key("id"),
                    format!("contribution `{}` has no response", contribution.id),
                )
                .with_help("answer it with a `[contribution.response]` table: status, reason, by, date (`obert explain contribution-unanswered`)"),
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
                    "response-without-reason",
                    response.origin.key("status"),
                    format!(
                        "the `{}` response to `{}` gives no reason",
                        status.as_str(),
                        contribution.id
                    ),
                )
                .with_help("add `reason = \"…\"`: what was done with the contribution, and why"),
            );
        }
    }
}
