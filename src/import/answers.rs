//! `obert contribution export --format decidim-answers`: the responses recorded in the plan
//! as the CSV that a Decidim administrator imports as proposal answers (the proposals
//! component's Import → answers, Decidim 0.26 and later), closing the loop with the online
//! space.
//!
//! Decidim checks the whole file before it saves anything, and refuses all of it for one row
//! it cannot take (docs/online.md, and tests/fixtures/decidim/versions/answers-import.md for
//! the rules per version): a proposal id it does not find in the component the file is
//! imported into, an amendment, or a state other than `evaluating`, `accepted` or `rejected`.
//! So a file holds one component's proposals only, each by the Decidim id the import
//! recorded in its `source-id` (never guessed from a reference: a hand-entered contribution's id
//! may end in digits too), and never an amendment.
//!
//! Decidim replaces a proposal's whole answer, date and state with each row it imports, and
//! may notify the proposal's followers. Responses the import took from Decidim and that nobody
//! changed since (their `from-source` fingerprint still matches) are Decidim's own: sending
//! them back would only overwrite their rich text and date, so they are left out unless asked
//! for.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::export::Cell;
use crate::model::{Contribution, ContributionKind, Plan, Response, ResponseStatus, Text};

/// Decidim's answer state for a response. Up to 0.28 the importer takes exactly
/// `evaluating`, `accepted` or `rejected`; from 0.29 any state token of the component, of
/// which Decidim creates these same three in every new component.
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

/// What to write: the component (or the only one the plan's proposals come from), the
/// character between fields, and whether Decidim's own unchanged answers go too.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    pub component: Option<u64>,
    pub separator: char,
    pub all: bool,
}

/// The file, and what it holds and leaves out, for the command's messages.
#[derive(Debug, Clone)]
pub struct AnswersFile {
    pub csv: String,
    pub component: u64,
    /// The `answer/<lang>` columns, the plan's first language first.
    pub languages: Vec<String>,
    pub written: usize,
    pub left_out: LeftOut,
}

/// The answered contributions that are not in the file, by why. Each is counted once, under
/// the first reason that applies, in this order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Answered proposals with no Decidim id: entered by hand, or imported before the
    /// import recorded `source-id`.
    pub no_decidim_id: usize,
    /// Answered proposals of other components, by component.
    pub other_components: BTreeMap<u64, usize>,
    /// Amendments of this component: Decidim refuses a file that answers one.
    pub amendments: usize,
    /// Hidden by Decidim's moderators.
    pub hidden: usize,
    pub withdrawn: usize,
    /// A response without a status, which has no Decidim state.
    pub without_status: usize,
    /// Decidim's own answer, unchanged in the plan since the import.
    pub unchanged: usize,
    /// The same Decidim id as a contribution already in the file.
    pub repeated: usize,
}

/// Why no file can be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No proposal of the plan carries the Decidim id and component an import records.
    NoImportedProposals,
    /// The component asked for holds none of the plan's imported proposals.
    UnknownComponent {
        asked: u64,
        found: BTreeMap<u64, usize>,
    },
    /// The plan's imported proposals come from several components, and none was named.
    SeveralComponents { found: BTreeMap<u64, usize> },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NoImportedProposals => write!(
                f,
                "no proposal in the plan has a Decidim id and component: Decidim answers only the proposals imported from it. Import its proposals export with `obert contribution import FILE` (an import records each proposal's `source`; contributions entered by hand have none and cannot be answered in Decidim)"
            ),
            Refusal::UnknownComponent { asked, found } => write!(
                f,
                "no imported proposal of the plan is in component {asked}; they come from {}. Give one of these to `--component` (Decidim's component id is the number after `/f/` in the proposals page's address)",
                listed(found)
            ),
            Refusal::SeveralComponents { found } => write!(
                f,
                "the plan's imported proposals come from {}, and Decidim imports answers into one component at a time (it refuses a file with a proposal of another component): choose one with `--component ID`, and write one file per component",
                listed(found)
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// `component 3 (12 proposals) and component 5 (1 proposal)`.
fn listed(found: &BTreeMap<u64, usize>) -> String {
    let items: Vec<String> = found
        .iter()
        .map(|(component, count)| {
            format!(
                "component {component} ({})",
                crate::rules::count_noun(*count, "proposal", "proposals")
            )
        })
        .collect();
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The Decidim id and component of a contribution the import brought in, if it recorded
/// both.
fn decidim_place(contribution: &Contribution) -> Option<(u64, u64)> {
    let source = contribution.source.as_ref()?;
    Some((source.id?, source.component?))
}

/// The components the plan's imported proposals (amendments aside) come from, with how
/// many proposals each.
pub fn imported_components(plan: &Plan) -> BTreeMap<u64, usize> {
    let mut found = BTreeMap::new();
    for contribution in plan.contributions() {
        if contribution.kind != Some(ContributionKind::Proposal) {
            continue;
        }
        if let Some((_, component)) = decidim_place(contribution) {
            *found.entry(component).or_insert(0) += 1;
        }
    }
    found
}

/// The response's own text in `lang`, if it has one there: a plain reason is in the plan's
/// first language.
fn text_in<'a>(reason: Option<&'a Text>, lang: &str, primary: &str) -> Option<&'a str> {
    let text = match reason? {
        Text::Plain(text) => (lang == primary).then_some(text.as_str())?,
        Text::Translated(by_lang) => by_lang.get(lang)?.as_str(),
    };
    (!text.trim().is_empty()).then_some(text)
}

/// One component's answers file, or why there can be none.
pub fn decidim_answers(plan: &Plan, request: Request) -> Result<AnswersFile, Refusal> {
    let found = imported_components(plan);
    if found.is_empty() {
        return Err(Refusal::NoImportedProposals);
    }
    let component = match request.component {
        Some(asked) if found.contains_key(&asked) => asked,
        Some(asked) => return Err(Refusal::UnknownComponent { asked, found }),
        None if found.len() == 1 => *found.keys().next().unwrap_or(&0),
        None => return Err(Refusal::SeveralComponents { found }),
    };
    let primary = plan.primary_language();
    let mut left_out = LeftOut::default();
    let mut seen = HashSet::new();
    let mut rows: Vec<(u64, &'static str, &Response)> = Vec::new();
    for contribution in plan.contributions() {
        let Some(response) = &contribution.response else {
            continue;
        };
        // Comments cannot be answered in Decidim at all: they are never candidates.
        if contribution.kind == Some(ContributionKind::Comment) || contribution.kind.is_none() {
            continue;
        }
        let source = contribution.source.as_ref();
        let Some(place) = decidim_place(contribution) else {
            left_out.no_decidim_id += 1;
            continue;
        };
        let (id, its_component) = place;
        if its_component != component {
            if contribution.kind == Some(ContributionKind::Proposal) {
                *left_out.other_components.entry(its_component).or_insert(0) += 1;
            }
            continue;
        }
        if contribution.kind == Some(ContributionKind::Amendment) {
            left_out.amendments += 1;
            continue;
        }
        if contribution.hidden {
            left_out.hidden += 1;
            continue;
        }
        // Answering a withdrawn proposal would replace Decidim's `withdrawn` state (0.28 and
        // before keep it in the same column as the answer's).
        if contribution.withdrawn || source.and_then(|s| s.state.as_deref()) == Some("withdrawn") {
            left_out.withdrawn += 1;
            continue;
        }
        let Some(status) = response.status else {
            left_out.without_status += 1;
            continue;
        };
        if !request.all && super::unchanged_since_import(response, primary) {
            left_out.unchanged += 1;
            continue;
        }
        if !seen.insert(id) {
            left_out.repeated += 1;
            continue;
        }
        rows.push((id, state(status), response));
    }
    rows.sort_by_key(|(id, _, _)| *id);

    // The first language always (Decidim requires its organisation's default locale's
    // column), then each other language some answer in the file has, the plan's in its
    // order and any other after them.
    let mut others = BTreeSet::new();
    for (_, _, response) in &rows {
        if let Some(Text::Translated(by_lang)) = &response.reason {
            for (lang, text) in by_lang {
                if lang != primary && !text.trim().is_empty() {
                    others.insert(lang.as_str());
                }
            }
        }
    }
    let mut languages = vec![primary.to_string()];
    for lang in &plan.meta.languages {
        if others.remove(lang.as_str()) {
            languages.push(lang.clone());
        }
    }
    languages.extend(others.into_iter().map(str::to_string));

    let separator = request.separator;
    let mut header = vec!["id".to_string(), "state".to_string()];
    header.extend(languages.iter().map(|lang| format!("answer/{lang}")));
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|(id, state, response)| {
            let mut cells = vec![Cell::Number(*id), Cell::text(*state)];
            for lang in &languages {
                // No text in this language: an empty cell, which Decidim reads as no answer
                // there, as it would a missing column (see docs/online.md for why not the
                // first language's text).
                cells.push(Cell::text(
                    text_in(response.reason.as_ref(), lang, primary)
                        .map(|text| answer_html(&crate::privacy::redact(text)))
                        .unwrap_or_default(),
                ));
            }
            cells
        })
        .collect();
    // Lines end in `\n`, as Decidim's own exports do, and Ruby's CSV reads them so.
    let csv = crate::export::csv(&header, &cells, separator, "\n");
    Ok(AnswersFile {
        csv,
        component,
        languages,
        written: rows.len(),
        left_out,
    })
}

/// The deepest nesting of tags an answer keeps; deeper lists and emphasis keep their text.
/// Decidim's editors make nothing near as deep, and a bound keeps the HTML sanitiser's tree
/// shallow whatever the reason holds.
const MAX_DEPTH: usize = 16;

/// A response's Markdown as the HTML Decidim's rich-text editor stores: paragraphs, lists,
/// links (`http` and `https` only), bold, italics and line breaks. Headings become bold
/// paragraphs, code its text; HTML written in the reason is shown as the text it is. Line
/// breaks inside a paragraph are kept (`<br>`), as the import reads Decidim's `<br>` back as
/// one.
pub fn answer_html(markdown: &str) -> String {
    let mut html = String::with_capacity(markdown.len() + markdown.len() / 4 + 16);
    // For each open Markdown element, the closing tag written for it (none past the depth
    // bound, or for an element that has no tag of its own here).
    let mut open: Vec<Option<&'static str>> = Vec::new();
    let mut depth = 0;
    let mut in_code_block = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(tag) => {
                let (opening, closing): (String, &'static str) = match &tag {
                    Tag::Paragraph => ("<p>".into(), "</p>"),
                    Tag::Heading { .. } => ("<p><strong>".into(), "</strong></p>"),
                    Tag::CodeBlock(_) => {
                        in_code_block = true;
                        ("<p>".into(), "</p>")
                    }
                    Tag::List(None) => ("<ul>".into(), "</ul>"),
                    Tag::List(Some(_)) => ("<ol>".into(), "</ol>"),
                    Tag::Item => ("<li>".into(), "</li>"),
                    Tag::Emphasis => ("<em>".into(), "</em>"),
                    Tag::Strong => ("<strong>".into(), "</strong>"),
                    Tag::Link { dest_url, .. } if web_address(dest_url) => (
                        format!("<a href=\"{}\">", crate::render::charts::esc(dest_url)),
                        "</a>",
                    ),
                    // Block quotes, images (their text stays), other links' text and
                    // anything else: the content without a tag.
                    _ => (String::new(), ""),
                };
                if closing.is_empty() || depth >= MAX_DEPTH {
                    open.push(None);
                } else {
                    html.push_str(&opening);
                    open.push(Some(closing));
                    depth += 1;
                }
            }
            Event::End(end) => {
                if matches!(end, TagEnd::CodeBlock) {
                    in_code_block = false;
                    // A code block's text ends with its last line's break.
                    if html.ends_with("<br>") {
                        html.truncate(html.len() - "<br>".len());
                    }
                }
                if let Some(Some(closing)) = open.pop() {
                    html.push_str(closing);
                    depth -= 1;
                }
            }
            Event::Text(text) if in_code_block => {
                let mut lines = text.split('\n').peekable();
                while let Some(piece) = lines.next() {
                    html.push_str(&crate::render::charts::esc(piece));
                    if lines.peek().is_some() {
                        html.push_str("<br>");
                    }
                }
            }
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                html.push_str(&crate::render::charts::esc(&text));
            }
            Event::SoftBreak | Event::HardBreak => html.push_str("<br>"),
            _ => {}
        }
    }
    sanitise(&html)
}

/// Whether a link may go to Decidim: a web address, not a script or a local file.
fn web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The HTML with only the tags an answer may hold: what [`answer_html`] writes already, so
/// this is the guarantee, not the conversion (it also makes every tag well nested).
fn sanitise(html: &str) -> String {
    let tags: HashSet<&str> = ["p", "ul", "ol", "li", "a", "strong", "em", "br"].into();
    let mut attributes = std::collections::HashMap::new();
    attributes.insert("a", HashSet::from(["href"]));
    ammonia::Builder::empty()
        .tags(tags)
        .tag_attributes(attributes)
        .generic_attributes(HashSet::new())
        .url_schemes(HashSet::from(["http", "https"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(None)
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_the_editor_s_html() {
        assert_eq!(answer_html("Acceptada."), "<p>Acceptada.</p>");
        assert_eq!(
            answer_html("Primer paràgraf.\n\nSegon, amb **negreta** i *cursiva*."),
            "<p>Primer paràgraf.</p><p>Segon, amb <strong>negreta</strong> i <em>cursiva</em>.</p>"
        );
        assert_eq!(
            answer_html("Ho farem:\n\n- dades\n- pressupostos"),
            "<p>Ho farem:</p><ul><li>dades</li><li>pressupostos</li></ul>"
        );
        assert_eq!(
            answer_html("1. u\n2. dos"),
            "<ol><li>u</li><li>dos</li></ol>"
        );
        assert_eq!(
            answer_html("Vegeu [el compromís](https://example.org/c?a=1&b=2)."),
            "<p>Vegeu <a href=\"https://example.org/c?a=1&amp;b=2\">el compromís</a>.</p>"
        );
        assert_eq!(
            answer_html("línia u\nlínia dos"),
            "<p>línia u<br>línia dos</p>"
        );
        assert_eq!(
            answer_html("## Motiu\n\nText"),
            "<p><strong>Motiu</strong></p><p>Text</p>"
        );
        assert_eq!(answer_html("   \n"), "");
    }

    #[test]
    fn nothing_but_the_editor_s_tags_gets_through() {
        assert_eq!(
            answer_html("a <script>alert(1)</script> & b < c"),
            "<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b &lt; c</p>"
        );
        assert_eq!(
            answer_html("[x](javascript:alert(1)) ![imatge](https://example.org/i.png)"),
            "<p>x imatge</p>"
        );
        assert_eq!(
            answer_html("[x](https://example.org/\"onclick=\"y)"),
            "<p><a href=\"https://example.org/&quot;onclick=&quot;y\">x</a></p>"
        );
        assert_eq!(answer_html("```\nu\ndos\n```"), "<p>u<br>dos</p>");
    }

    #[test]
    fn deep_nesting_keeps_its_text_within_the_bound() {
        let markdown = format!("{}fons", "> - ".repeat(400));
        let html = answer_html(&markdown);
        assert!(html.contains("fons"), "{html}");
        assert!(html.matches("<li>").count() <= MAX_DEPTH, "{html}");
    }
}
