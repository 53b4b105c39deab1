//! Plan text (Markdown) into HTML that is safe to publish: pulldown-cmark renders it, then
//! ammonia keeps only harmless tags and attributes. Whatever a plan file holds (a `<script>`,
//! an `onerror=` handler, a `javascript:` or `data:` link), none of it reaches the page.
//! For the PDF, the same Markdown becomes Typst markup in which the plan's text can only be
//! text ([`to_typst`]). For the Markdown document, [`to_markdown`] writes it back as
//! Markdown that holds only text and safe links (see [`super::cmark`]).
//!
//! Every entry point first caps how deeply the text nests ([`super::nesting`]), so that
//! its cost, here and in ammonia and Typst after it, grows with the text and no faster.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use super::nesting::cap_nesting;

pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_FOOTNOTES
}

/// The smallest heading level the text uses (1 for `#`), if it has headings.
pub(super) fn top_level(markdown: &str) -> Option<u8> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
            _ => None,
        })
        .min()
}

/// Moves a heading level so that the text's top level lands on `top`: a vision's `#`
/// headings sit under the document's own section heading, not beside it.
pub(super) fn shifted(level: u8, text_top: u8, top: u8) -> u8 {
    (level + top).saturating_sub(text_top).clamp(1, 6)
}

fn heading_level(level: u8) -> HeadingLevel {
    match level {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Markdown to sanitised HTML, its highest heading at level `top`.
pub(super) fn to_html(markdown: &str, top: u8) -> String {
    sanitise(&raw_html(&cap_nesting(markdown), top), None)
}

/// Markdown to the document's Markdown, its highest heading at level `top`: the same
/// structure, with raw HTML as text and only safe links ([`super::cmark`]).
pub(super) fn to_markdown(markdown: &str, top: u8) -> String {
    super::cmark::sanitise(&cap_nesting(markdown), top)
}

/// [`to_html`], keeping the ids of headings (`## p1 {#p1}`), each behind `prefix`: a minutes
/// file's parts are linked to from its meetings, and the prefix keeps a file's ids apart from
/// the document's own and from another file's.
pub(super) fn to_html_with_heading_ids(markdown: &str, top: u8, prefix: &str) -> String {
    sanitise(&raw_html(&cap_nesting(markdown), top), Some(prefix))
}

/// The HTML of the Markdown as pulldown-cmark writes it: not yet safe to publish.
fn raw_html(markdown: &str, top: u8) -> String {
    let text_top = top_level(markdown).unwrap_or(top);
    let events =
        Parser::new_ext(markdown, options()).map(|event| match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: heading_level(shifted(level as u8, text_top, top)),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(heading_level(
                shifted(level as u8, text_top, top),
            ))),
            other => other,
        });
    let mut unsafe_html = String::new();
    html::push_html(&mut unsafe_html, events);
    unsafe_html
}

/// Keeps only harmless tags and attributes; with `heading_ids`, headings keep their ids,
/// behind that prefix.
fn sanitise(unsafe_html: &str, heading_ids: Option<&str>) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        // Links leave the document: never let the target page reach back into it.
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(crate::format::LINK_SCHEMES.into_iter().collect());
    if let Some(prefix) = heading_ids {
        for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            builder.add_tag_attributes(heading, ["id"]);
        }
        builder.id_prefix(Some(prefix));
    }
    builder.clean(unsafe_html).to_string()
}

/// Markdown to Typst markup for the PDF, its highest heading at level `top` of the HTML
/// page, which is level `top - 1` in the PDF (where the title is on the cover, not a
/// heading).
///
/// Every character of the plan's text is escaped, so that the template can evaluate the
/// markup without running any code but the calls written here: a plan's `#read("…")` or
/// `#let` reaches the page as the text it is. Only the links the HTML page keeps survive,
/// and raw HTML is left out. Images cannot be fetched, so their text stands for them.
pub(super) fn to_typst(markdown: &str, top: u8) -> String {
    to_typst_with_heading_ids(markdown, top, None)
}

/// [`to_typst`], with a heading's id (`## p1 Plenary {#p1}`) kept as a Typst label behind
/// `prefix` (`minutes-agora-p1`), so that a meeting can link to its own minutes as it does
/// on the page ([`to_html_with_heading_ids`]).
pub(super) fn to_typst_with_heading_ids(markdown: &str, top: u8, prefix: Option<&str>) -> String {
    let markdown = &*cap_nesting(markdown);
    let text_top = top_level(markdown).unwrap_or(top);
    let mut out = String::with_capacity(markdown.len() * 2);
    // The label of the heading being written, put after its closing bracket.
    let mut heading_label: Option<String> = None;
    // Whether each open link was kept: a dropped link keeps its text, without the call.
    let mut links: Vec<bool> = Vec::new();
    let mut in_code = false;
    // Whether each open list is a Typst list; past TYPST_LISTS deep, its items are
    // paragraphs.
    let mut lists: Vec<bool> = Vec::new();
    let flat = |lists: &[bool]| lists.last() == Some(&false);
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, id, .. } => {
                    heading_label = prefix.zip(id).map(|(prefix, id)| format!("{prefix}{id}"));
                    let level = shifted(level as u8, text_top, top).saturating_sub(1).max(1);
                    out.push_str(&format!("#heading(level: {level})["));
                }
                Tag::BlockQuote(_) => out.push_str("#quote(block: true)["),
                Tag::CodeBlock(_) => {
                    in_code = true;
                    out.push_str("#raw(block: true, \"");
                }
                Tag::List(_) if lists.iter().filter(|kept| **kept).count() >= TYPST_LISTS => {
                    lists.push(false);
                }
                Tag::List(Some(start)) => {
                    lists.push(true);
                    out.push_str(&format!("#enum(start: {start}, "));
                }
                Tag::List(None) => {
                    lists.push(true);
                    out.push_str("#list(");
                }
                Tag::Item if flat(&lists) => out.push_str("\n\n– "),
                Tag::Item | Tag::TableCell => out.push('['),
                Tag::FootnoteDefinition(label) => {
                    out.push_str("#block[");
                    escape_into(&mut out, &format!("[{label}] "));
                }
                Tag::Table(alignments) => {
                    out.push_str(&format!("#table(columns: {}, ", alignments.len().max(1)));
                }
                Tag::TableHead => out.push_str("table.header("),
                Tag::Emphasis => out.push_str("#emph["),
                Tag::Strong => out.push_str("#strong["),
                Tag::Strikethrough => out.push_str("#strike["),
                Tag::Link { dest_url, .. } => {
                    let kept = crate::format::has_link_scheme(&dest_url);
                    if kept {
                        out.push_str("#link(");
                        string_into(&mut out, &dest_url);
                        out.push_str(")[");
                    }
                    links.push(kept);
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph => out.push_str("\n\n"),
                TagEnd::Heading(_) => {
                    out.push(']');
                    // A label in content attaches to the element before it: the heading.
                    if let Some(label) = heading_label.take() {
                        out.push_str(" #label(");
                        string_into(&mut out, &label);
                        out.push(')');
                    }
                    out.push_str("\n\n");
                }
                TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                    out.push_str("]\n\n");
                }
                TagEnd::CodeBlock => {
                    in_code = false;
                    out.push_str("\")\n\n");
                }
                TagEnd::List(_) if lists.pop() == Some(false) => {}
                TagEnd::List(_) | TagEnd::Table => out.push_str(")\n\n"),
                TagEnd::Item if flat(&lists) => out.push_str("\n\n"),
                TagEnd::Item | TagEnd::TableCell => out.push_str("], "),
                TagEnd::TableHead => out.push_str("), "),
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => out.push(']'),
                TagEnd::Link if links.pop() == Some(true) => out.push(']'),
                _ => {}
            },
            Event::Text(text) if in_code => string_body_into(&mut out, &text),
            Event::Text(text) => escape_into(&mut out, &text),
            Event::Code(code) => {
                out.push_str("#raw(");
                string_into(&mut out, &code);
                out.push(')');
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak()"),
            Event::Rule => out.push_str("#line(length: 100%)\n\n"),
            Event::FootnoteReference(label) => escape_into(&mut out, &format!("[{label}]")),
            // Raw HTML, and what the options above do not turn on.
            _ => {}
        }
    }
    out
}

/// Each conversion above of one text, for the fuzz targets in `fuzz/`, which reach this
/// private module through it alone: the HTML without and with heading ids, the Markdown, and
/// the Typst markup without and with labels.
#[doc(hidden)]
pub fn every_conversion(markdown: &str, top: u8) -> [String; 5] {
    [
        to_html(markdown, top),
        to_html_with_heading_ids(markdown, top, "fuzz-"),
        to_markdown(markdown, top),
        to_typst(markdown, top),
        to_typst_with_heading_ids(markdown, top, Some("fuzz-")),
    ]
}

/// How deeply lists nest in the PDF: deeper items are paragraphs with a dash. Typst lays
/// out a list item's text once more for each list around it, so 12 levels made 200 KB of
/// text take 30 s and a gigabyte; 4 keep that cost within a few times the text's.
const TYPST_LISTS: usize = 4;

/// Text as Typst markup that prints it as it is. Text with any ASCII punctuation in it
/// becomes one Typst string (`#"…"`), which Typst shows as text: nothing in it is markup,
/// so Typst cannot read `--` as a dash, a URL as a link or `#read(…)` as a call. (Escaping
/// each character instead, `\>`, made one element per character, and Typst's time grew
/// with their square: 200 KB of punctuation took over a minute.) Other text is written as
/// it is.
fn escape_into(out: &mut String, text: &str) {
    let flat = |c: char| {
        if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        }
    };
    if text.chars().any(|c| c.is_ascii_punctuation()) {
        out.push_str("#\"");
        string_body_into(out, &text.chars().map(flat).collect::<String>());
        out.push('"');
    } else {
        out.extend(text.chars().map(flat));
    }
}

/// A Typst string literal.
fn string_into(out: &mut String, text: &str) {
    out.push('"');
    string_body_into(out, text);
    out.push('"');
}

fn string_body_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_move_under_the_document_s_own() {
        let text = "# Vision\n\nText\n\n## Detail\n\n```\n# not a heading\n```\n";
        assert_eq!(
            to_markdown(text, 3),
            "### Vision\n\nText\n\n#### Detail\n\n~~~\n# not a heading\n~~~"
        );
        let html = to_html(text, 3);
        assert!(html.contains("<h3>Vision</h3>"), "{html}");
        assert!(html.contains("<h4>Detail</h4>"), "{html}");
        assert_eq!(to_markdown("No headings.", 3), "No headings.");
    }

    #[test]
    fn markdown_becomes_html() {
        let html = to_html(
            "Un **pla** amb [enllaç](https://example.org).\n\n- a\n- b\n",
            3,
        );
        assert!(html.contains("<strong>pla</strong>"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
        assert!(html.contains("<li>a</li>"), "{html}");
    }

    #[test]
    fn raw_html_and_dangerous_links_do_not_survive() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b](data:text/html,<b>x</b>) <a href=\"JaVaScRiPt:alert(1)\">c</a>\n",
            3,
        );
        for bad in ["<script", "onerror", "javascript:", "JaVaScRiPt", "data:"] {
            assert!(!html.contains(bad), "`{bad}` survived: {html}");
        }
    }

    #[test]
    fn markdown_becomes_typst_markup_that_holds_only_text() {
        let typst = to_typst(
            "# Visió\n\nUn **pla** amb [enllaç](https://example.org) i `codi`.\n\n- a\n- b\n\n1. u\n",
            3,
        );
        assert!(typst.starts_with("#heading(level: 2)[Visió]"), "{typst}");
        assert!(typst.contains("#strong[pla]"), "{typst}");
        assert!(
            typst.contains("#link(\"https://example.org\")[enllaç]"),
            "{typst}"
        );
        assert!(typst.contains("#raw(\"codi\")"), "{typst}");
        assert!(typst.contains("#list([a], [b], )"), "{typst}");
        assert!(typst.contains("#enum(start: 1, [u], )"), "{typst}");

        // Typst's own syntax in the plan's text stays text: each piece of text with
        // punctuation in it is a Typst string.
        let typst = to_typst(
            "#read(\"/plan.json\") $x$ 1 < 2 @b -- \\ ]) [x](javascript:alert(1))",
            3,
        );
        assert_eq!(
            typst,
            "#\"#read(\\\"/plan.json\\\") $x$ 1 \"#\"<\"#\" 2 @b -- \\\\ \"#\"]\"#\") \"x\n\n"
        );
        let typst = to_typst("```\n\"); #panic()\n```\n", 3);
        assert_eq!(typst, "#raw(block: true, \"\\\"); #panic()\\n\")\n\n");
    }
}
