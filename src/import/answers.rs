//! `obert contribution export --format decidim-answers`: the responses recorded in the plan
//! as the CSV that a Decidim administrator imports as proposal answers (Admin → Processes →
//! Proposals → Import answers), closing the loop with the online space.
//!
//! Decidim answers proposals by their numeric id, which is the last part of the reference
//! the plan keys them by (`II-PROP-2021-05-1234` is proposal 1234). Comments cannot be
//! answered there, so only proposals are exported, and only those with a response.

use crate::model::{ContributionKind, Plan, ResponseStatus, Text};

/// Decidim's answer state for a response: it has accepted, rejected and evaluating.
fn state(status: ResponseStatus) -> &'static str {
    match status {
        // Taken up in whole, in part, or within another proposal: all are an acceptance
        // whose answer text says how.
        ResponseStatus::Accepted | ResponseStatus::PartiallyAccepted | ResponseStatus::Merged => {
            "accepted"
        }
        ResponseStatus::Rejected | ResponseStatus::OutOfScope => "rejected",
    }
}

/// The numeric id at the end of a Decidim reference, or the whole id when it is a number,
/// without leading zeros (a reference may pad it: `…-0012` is proposal 12).
pub(crate) fn decidim_id(reference: &str) -> Option<&str> {
    let last = reference.rsplit('-').next()?;
    if last.is_empty() || !last.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = last.trim_start_matches('0');
    Some(if trimmed.is_empty() { "0" } else { trimmed })
}

/// RFC 4180: quoted when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The answers CSV, and how many responses could not be exported (no numeric id).
pub fn decidim_answers(plan: &Plan) -> (String, usize) {
    let languages: Vec<&str> = if plan.meta.languages.is_empty() {
        vec!["en"]
    } else {
        plan.meta.languages.iter().map(String::as_str).collect()
    };
    let primary = languages[0];
    let mut csv = String::from("id,state");
    for lang in &languages {
        csv.push_str(&format!(",answer/{lang}"));
    }
    csv.push_str("\r\n");
    let mut skipped = 0;
    for contribution in plan.contributions() {
        if contribution.kind != Some(ContributionKind::Proposal) || contribution.withdrawn {
            continue;
        }
        let Some(response) = &contribution.response else {
            continue;
        };
        let Some(status) = response.status else {
            continue;
        };
        let Some(id) = decidim_id(&contribution.id) else {
            skipped += 1;
            continue;
        };
        csv.push_str(&format!("{id},{}", state(status)));
        for lang in &languages {
            let answer = match &response.reason {
                // Each language's own text only: Decidim shows a missing translation as
                // missing, which is better than the primary language under another flag.
                Some(Text::Translated(by_lang)) => by_lang.get(*lang).cloned().unwrap_or_default(),
                Some(Text::Plain(text)) if *lang == primary => text.clone(),
                _ => String::new(),
            };
            csv.push(',');
            csv.push_str(&field(&crate::privacy::redact(&answer)));
        }
        csv.push_str("\r\n");
    }
    (csv, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_give_decidim_ids() {
        assert_eq!(decidim_id("II-PROP-2021-05-1234"), Some("1234"));
        assert_eq!(decidim_id("57"), Some("57"));
        assert_eq!(decidim_id("II-PROP-2021-05-0012"), Some("12"));
        assert_eq!(decidim_id("II-PROP-2021-05-x"), None);
    }

    #[test]
    fn fields_are_quoted_as_csv_wants() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, \"b\"\nc"), "\"a, \"\"b\"\"\nc\"");
    }
}
