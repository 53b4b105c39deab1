//! The reasoned response to online contributions (OGP co-creation standard 4).

use super::Context;
use crate::diag::Diagnostic;
use crate::model::ResponseStatus;

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for contribution in cx.plan.contributions() {
        match &contribution.response {
            None if !contribution.withdrawn => out.push(
                Diagnostic::new(
                    "contribution-unanswered",
                    contribution.origin.key("id"),
                    format!("contribution `{}` has no response", contribution.id),
                )
                .with_help("answer it with a `[contribution.response]` table: status, reason, by, date (`obert explain contribution-unanswered`)"),
            ),
            None => {}
            Some(response) => {
                let accepted = response.status == Some(ResponseStatus::Accepted);
                let reasoned = response.reason.as_ref().is_some_and(|reason| !reason.is_blank());
                if !accepted && !reasoned && response.status.is_some() {
                    let status = response.status.map_or("", |s| crate::model::Keyword::as_str(s));
                    out.push(
                        Diagnostic::new(
                            "response-without-reason",
                            response.origin.key("status"),
                            format!("the `{status}` response to `{}` gives no reason", contribution.id),
                        )
                        .with_help("add `reason = \"…\"`: what was done with the contribution, and why"),
                    );
                }
            }
        }
    }
}
