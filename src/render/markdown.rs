//! Plan text (Markdown) into HTML that is safe to publish: pulldown-cmark renders it, then
//! ammonia keeps only harmless tags and attributes. Whatever a plan file holds (a `<script>`,
//! an `onerror=` handler, a `javascript:` or `data:` link), none of it reaches the page.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_FOOTNOTES
}

/// The smallest heading level the text uses (1 for `#`), if it has headings.
fn top_level(markdown: &str) -> Option<u8> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
            _ => None,
        })
        .min()
}

/// Moves a heading level so that the text's top level lands on `top`: a vision's `#`
/// headings sit under the document's own section heading, not beside it.
fn shifted(level: u8, text_top: u8, top: u8) -> u8 {
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

/// The Markdown with its ATX headings (`## …`) moved so that the highest is at level `top`.
pub(super) fn demote(markdown: &str, top: u8) -> String {
    let Some(text_top) = top_level(markdown) else {
        return markdown.to_string();
    };
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut copied = 0;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let Event::Start(Tag::Heading { level, .. }) = event else {
            continue;
        };
        let line = &markdown[range.start..];
        let hashes = line.bytes().take_while(|b| *b == b'#').count();
        // Setext headings (underlined) keep their form.
        if hashes == 0 {
            continue;
        }
        out.push_str(&markdown[copied..range.start]);
        out.push_str(&"#".repeat(usize::from(shifted(level as u8, text_top, top))));
        copied = range.start + hashes;
    }
    out.push_str(&markdown[copied..]);
    out
}

/// Markdown to sanitised HTML, its highest heading at level `top`.
pub(super) fn to_html(markdown: &str, top: u8) -> String {
    sanitise(&raw_html(markdown, top), None)
}

/// [`to_html`], keeping the ids of headings (`## p1 {#p1}`), each behind `prefix`: a minutes
/// file's parts are linked to from its meetings, and the prefix keeps a file's ids apart from
/// the document's own and from another file's.
pub(super) fn to_html_with_heading_ids(markdown: &str, top: u8, prefix: &str) -> String {
    sanitise(&raw_html(markdown, top), Some(prefix))
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
        .url_schemes(["http", "https", "mailto"].into_iter().collect());
    if let Some(prefix) = heading_ids {
        for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            builder.add_tag_attributes(heading, ["id"]);
        }
        builder.id_prefix(Some(prefix));
    }
    builder.clean(unsafe_html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_move_under_the_document_s_own() {
        let text = "# Vision\n\nText\n\n## Detail\n\n```\n# not a heading\n```\n";
        assert_eq!(
            demote(text, 3),
            "### Vision\n\nText\n\n#### Detail\n\n```\n# not a heading\n```\n"
        );
        let html = to_html(text, 3);
        assert!(html.contains("<h3>Vision</h3>"), "{html}");
        assert!(html.contains("<h4>Detail</h4>"), "{html}");
        assert_eq!(demote("No headings.", 3), "No headings.");
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
}
