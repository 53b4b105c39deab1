//! `obert export --format decidim-accountability`: the plan as the CSV that Decidim's
//! accountability component imports as results (Admin → the component → Import), so the
//! site where citizens made their proposals shows what became of the plan.
//!
//! Decidim's importer (`Decidim::Accountability::ResultsCsvImporter`) reads the columns of
//! its own results export, split by the platform's CSV separator (`;` unless changed):
//! `id` and `parent/id` tie children to parents, `title/<locale>` and
//! `description/<locale>` give each translation (an empty one takes the default locale's),
//! `start_date`, `end_date`, `progress` (0–100), `category/id` and `status/id` (ids of
//! that site, left empty here), and `proposal_urls`, `;`-separated addresses whose final
//! number is the proposal's id. A row whose `id` is an existing result of the component
//! updates it; any other row creates a result, and a child's `parent/id` is then matched to
//! the `id` of the row that created its parent.
//!
//! Those ids must be numbers (Decidim stores `parent/id` in a number column), and stable,
//! so they come from the numbers the document prints: commitment 3 is result 3000, its
//! milestone 3.2 is result 3002.

use std::collections::BTreeMap;

use super::Cell;
use crate::model::{Commitment, Completion, ContributionKind, Plan, ResponseStatus, Text};
use crate::privacy::redact;
use crate::report::{Labels, facts};

/// The ids a commitment's results take: its number times this, plus the milestone's.
pub const ID_STRIDE: u64 = 1000;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "commitment `{0}` has no number, and Decidim's results need numeric ids made from it: give it one with `obert commitment set {0} number N`"
    )]
    Unnumbered(String),
    #[error(
        "commitment `{0}` has {1} milestones; a Decidim export numbers at most {max} per commitment",
        max = ID_STRIDE - 1
    )]
    TooManyMilestones(String, usize),
}

/// What the export wrote, for the notes the command prints.
#[derive(Debug, Default)]
pub struct Summary {
    pub results: usize,
    pub proposals: usize,
    /// Proposals taken up by a commitment that have no address: no numeric Decidim id, or
    /// no online space URL to build it from.
    pub proposals_without_url: usize,
}

/// The header: the columns Decidim's importer reads, each language's title and description
/// in the plan's order.
pub fn header(languages: &[&str]) -> Vec<String> {
    let mut header: Vec<String> = ["id", "category/id", "scope/id", "parent/id"]
        .map(String::from)
        .to_vec();
    header.extend(languages.iter().map(|lang| format!("title/{lang}")));
    header.extend(languages.iter().map(|lang| format!("description/{lang}")));
    header.extend(
        [
            "start_date",
            "end_date",
            "status/id",
            "progress",
            "proposal_urls",
            "external_id",
            "weight",
        ]
        .map(String::from),
    );
    header
}

/// The rows: each commitment, then its milestones. `labels` are each language's words
/// (for "Output" and "Due" in a milestone's description), in the order of `languages`;
/// `proposals_url`, when given, is the address of the Decidim proposals component that
/// replaces the online spaces' own.
pub fn rows(
    plan: &Plan,
    languages: &[&str],
    labels: &[Labels],
    proposals_url: Option<&str>,
) -> Result<(Vec<Vec<Cell>>, Summary), ExportError> {
    let primary = languages.first().copied().unwrap_or("en");
    let mut summary = Summary::default();
    let taken_up = proposals_taken_up(plan, proposals_url, &mut summary);
    let mut rows = Vec::new();
    for commitment in facts::commitments_in_order(plan) {
        let number = commitment
            .number
            .ok_or_else(|| ExportError::Unnumbered(commitment.id.clone()))?;
        if commitment.milestones.len() as u64 >= ID_STRIDE {
            return Err(ExportError::TooManyMilestones(
                commitment.id.clone(),
                commitment.milestones.len(),
            ));
        }
        let parent_id = u64::from(number) * ID_STRIDE;

        let mut row = vec![Cell::Number(parent_id), Cell::Null, Cell::Null, Cell::Null];
        for lang in languages {
            let title = translation(&commitment.title, lang, primary)
                .map(|title| format!("{number}. {title}"));
            row.push(Cell::optional(title));
        }
        for lang in languages {
            row.push(Cell::optional(commitment_description(
                commitment, lang, primary,
            )));
        }
        row.push(Cell::optional(commitment.start.map(|d| d.to_string())));
        row.push(Cell::optional(commitment.end.map(|d| d.to_string())));
        row.push(Cell::Null);
        row.push(progress(
            facts::latest_percent(plan, commitment, None),
            facts::overall_completion(plan, commitment),
        ));
        let urls = taken_up
            .get(commitment.id.as_str())
            .cloned()
            .unwrap_or_default();
        row.push(Cell::text(urls.join(";")));
        row.push(Cell::text(&commitment.id));
        row.push(Cell::Null);
        rows.push(row);

        for (index, milestone) in commitment.milestones.iter().enumerate() {
            let label = commitment.milestone_label(index);
            let mut row = vec![
                Cell::Number(parent_id + index as u64 + 1),
                Cell::Null,
                Cell::Null,
                Cell::Number(parent_id),
            ];
            for lang in languages {
                let title = translation(&milestone.title, lang, primary)
                    .map(|title| format!("{label} {title}"));
                row.push(Cell::optional(title));
            }
            for (lang, words) in languages.iter().zip(labels) {
                let mut paragraphs = Vec::new();
                if let Some(output) = milestone
                    .output
                    .as_ref()
                    .and_then(|output| translation(output, lang, primary))
                {
                    paragraphs.push(format!("{}: {output}", words.get(&["output"])));
                }
                if *lang == primary && paragraphs.is_empty() {
                    // Decidim wants a description in the default language.
                    paragraphs.push(redact(milestone.title.get(lang, primary)).into_owned());
                }
                if !paragraphs.is_empty()
                    && let Some(due) = milestone.due
                {
                    paragraphs.push(format!("{}: {due}", words.get(&["due"])));
                }
                row.push(Cell::optional(
                    (!paragraphs.is_empty()).then(|| html(&paragraphs)),
                ));
            }
            row.push(Cell::Null);
            row.push(Cell::optional(milestone.due.map(|d| d.to_string())));
            row.push(Cell::Null);
            row.push(progress(
                facts::latest_percent(plan, commitment, Some(index)),
                plan.milestone_completion(commitment, index),
            ));
            row.push(Cell::Null);
            let external = match &milestone.id {
                Some(id) => format!("{}/{id}", commitment.id),
                None => format!("{}/{}", commitment.id, index + 1),
            };
            row.push(Cell::text(external));
            row.push(Cell::Null);
            rows.push(row);
        }
    }
    summary.results = rows.len();
    Ok((rows, summary))
}

/// A text in `lang` when it has one there: its translation, or in the first language its
/// plain text. Other languages are left empty, for Decidim to fill in from the default.
fn translation(text: &Text, lang: &str, primary: &str) -> Option<String> {
    let found = match text {
        Text::Plain(plain) => (lang == primary).then_some(plain.as_str()),
        Text::Translated(by_lang) => by_lang.get(lang).map(String::as_str).or_else(|| {
            // The first language always has one: the text's own first, if not that one.
            (lang == primary).then(|| text.get(lang, primary))
        }),
    }?;
    let found = found.trim();
    (!found.is_empty()).then(|| redact(found).into_owned())
}

/// The commitment's description (its `{#description}` section) in `lang`, as HTML
/// paragraphs; in the first language, failing that, its first section with text, or its
/// title, since Decidim wants one there.
fn commitment_description(commitment: &Commitment, lang: &str, primary: &str) -> Option<String> {
    let sections = if lang == primary {
        &commitment.sections
    } else {
        commitment.translations.get(lang)?
    };
    let body = |id: Option<&str>| {
        sections
            .iter()
            .filter(|section| id.is_none() || section.id.as_deref() == id)
            .map(|section| section.body.trim())
            .find(|body| !body.is_empty())
    };
    let text = match body(Some("description")) {
        Some(text) => text.to_string(),
        None if lang == primary => match body(None) {
            Some(text) => text.to_string(),
            None => commitment.title.get(lang, primary).to_string(),
        },
        None => return None,
    };
    let paragraphs: Vec<String> = redact(&text)
        .split("\n\n")
        .map(|paragraph| paragraph.trim().replace('\n', " "))
        .filter(|paragraph| !paragraph.is_empty())
        .collect();
    (!paragraphs.is_empty()).then(|| html(&paragraphs))
}

/// Paragraphs as the HTML Decidim keeps rich text in, every character of the plan's text
/// escaped. (Markdown marks stay as written: Decidim shows them as text.)
fn html(paragraphs: &[String]) -> String {
    paragraphs
        .iter()
        .map(|paragraph| {
            let mut out = String::from("<p>");
            for c in paragraph.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    c => out.push(c),
                }
            }
            out.push_str("</p>");
            out
        })
        .collect()
}

/// Decidim's progress, 0–100: the latest percent reported, or what the completion says
/// for certain (complete is 100, not started 0); otherwise none, rather than a guess.
fn progress(percent: Option<u64>, completion: Option<Completion>) -> Cell {
    match (percent, completion) {
        (Some(percent), _) => Cell::Number(percent.min(100)),
        (None, Some(Completion::Complete)) => Cell::Number(100),
        (None, Some(Completion::NotStarted)) => Cell::Number(0),
        _ => Cell::Null,
    }
}

/// The Decidim addresses of the proposals each commitment took up, by commitment id: the
/// proposals whose `about` is the commitment and whose response accepted them (in whole,
/// in part, or merged), in the plan's order.
fn proposals_taken_up<'p>(
    plan: &'p Plan,
    proposals_url: Option<&str>,
    summary: &mut Summary,
) -> BTreeMap<&'p str, Vec<String>> {
    let commitments: std::collections::HashSet<&str> =
        plan.commitments.iter().map(|c| c.id.as_str()).collect();
    let mut found: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for file in &plan.contribution_files {
        let space_url = file.space.as_ref().and_then(|space| {
            plan.spaces
                .iter()
                .find(|s| s.id == space.id)
                .and_then(|s| s.url.as_deref())
        });
        let base = proposals_url.or(space_url).and_then(proposals_base);
        for contribution in &file.contributions {
            let Some(about) = contribution.about.as_ref().map(|r| r.id.as_str()) else {
                continue;
            };
            let accepted = contribution
                .response
                .as_ref()
                .and_then(|response| response.status)
                .is_some_and(|status| {
                    matches!(
                        status,
                        ResponseStatus::Accepted
                            | ResponseStatus::PartiallyAccepted
                            | ResponseStatus::Merged
                    )
                });
            if contribution.kind != Some(ContributionKind::Proposal)
                || !contribution.owes_response()
                || !accepted
                || !commitments.contains(about)
            {
                continue;
            }
            let (Some(base), Some(id)) = (&base, crate::import::proposal_id(contribution)) else {
                summary.proposals_without_url += 1;
                continue;
            };
            summary.proposals += 1;
            let urls = found.entry(about).or_default();
            let url = format!("{base}/{id}");
            if !urls.contains(&url) {
                urls.push(url);
            }
        }
    }
    found
}

/// The address proposals live under: `…/f/7/proposals` from the proposals component's
/// address or a proposal's own, or the space's address followed by `/proposals`. Only web
/// addresses, and never one with `;` (it separates them in the cell).
fn proposals_base(url: &str) -> Option<String> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains([';', ' ']) {
        return None;
    }
    let url = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .trim_end_matches('/');
    if let Some(at) = url.find("/proposals") {
        return Some(format!("{}/proposals", &url[..at]));
    }
    Some(format!("{url}/proposals"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposal_addresses_end_with_the_id() {
        assert_eq!(
            proposals_base("https://x.org/processes/pla/f/7/").as_deref(),
            Some("https://x.org/processes/pla/f/7/proposals")
        );
        assert_eq!(
            proposals_base("https://x.org/processes/pla/f/7/proposals/12?order=random").as_deref(),
            Some("https://x.org/processes/pla/f/7/proposals")
        );
        assert_eq!(proposals_base("javascript:alert(1)"), None);
    }

    #[test]
    fn descriptions_are_escaped_paragraphs() {
        assert_eq!(
            html(&["a < b & c".to_string(), "\"d\"".to_string()]),
            "<p>a &lt; b &amp; c</p><p>&quot;d&quot;</p>"
        );
    }

    #[test]
    fn progress_is_never_guessed() {
        assert_eq!(progress(Some(140), None), Cell::Number(100));
        assert_eq!(
            progress(None, Some(Completion::Complete)),
            Cell::Number(100)
        );
        assert_eq!(progress(None, Some(Completion::Limited)), Cell::Null);
    }
}
