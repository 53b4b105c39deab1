//! HTML as Decidim's rich-text editors store it (Quill up to 0.27, TipTap from 0.28:
//! `<p>`, `<br>`, `<ul>/<ol>/<li>` with a `<p>` inside each item, `<a href>`, `<strong>`,
//! `<em>`, `<u>`, `<h2>`…), read in one pass without recursion.

use std::borrow::Cow;

use super::gid::{self, MentionKind};
use super::writer::{Break, Emphasis, Writer};

/// Elements whose content is not text for a reader.
const SKIPPED: [&str; 10] = [
    "script", "style", "head", "title", "template", "noscript", "iframe", "object", "svg", "math",
];

/// Elements Decidim's editors write, by which [`looks_like_html`] knows HTML from text that
/// merely holds a `<`.
const KNOWN: [&str; 27] = [
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "div",
    "span",
    "blockquote",
    "pre",
    "code",
    "img",
    "hr",
    "iframe",
    "table",
];

/// Elements that write something (a break, a marker, a list item).
const WRITING: [&str; 37] = [
    "br",
    "p",
    "div",
    "blockquote",
    "pre",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "dl",
    "dd",
    "dt",
    "address",
    "hr",
    "form",
    "fieldset",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "em",
    "i",
    "ul",
    "ol",
    "li",
];

#[derive(Debug)]
enum Token<'a> {
    Text(&'a str),
    /// An element's start or end tag: its lower-case name, and its attributes' source.
    Tag {
        name: String,
        end: bool,
        attributes: &'a str,
    },
}

/// Whether `text` holds an element Decidim's editor writes (`<p>`, `</strong>`, `<br/>`…);
/// `a < b`, `<3` and `x<y` are text.
pub(super) fn looks_like_html(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        let after = after.strip_prefix('/').unwrap_or(after);
        let name_len = after.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = &after[..name_len];
        let ends = matches!(
            after.as_bytes().get(name_len),
            Some(b'>' | b' ' | b'/' | b'\n' | b'\t')
        );
        if ends && KNOWN.iter().any(|k| k.eq_ignore_ascii_case(name)) {
            return true;
        }
        rest = &rest[at + 1..];
    }
    false
}

/// Splits HTML into text and tags. Comments, doctypes and the content of [`SKIPPED`]
/// elements go. A `<` that does not start a tag is text; so is everything from an
/// unterminated tag on (the scan never goes back, so the work is linear).
fn tokens(html: &str) -> Vec<Token<'_>> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut pos = 0;
    let mut text_from = 0;
    while let Some(offset) = html[pos..].find('<') {
        let at = pos + offset;
        let after = &html[at + 1..];
        let first = after.bytes().next().unwrap_or(b' ');
        let starts_tag = first.is_ascii_alphabetic()
            || first == b'!'
            || first == b'?'
            || (first == b'/' && after.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic));
        if !starts_tag {
            pos = at + 1;
            continue;
        }
        if after.starts_with("!--") {
            let end = lower[at + 4..]
                .find("-->")
                .map_or(html.len(), |e| at + 4 + e + 3);
            push_text(&mut found, &html[text_from..at]);
            pos = end;
            text_from = end;
            continue;
        }
        let Some(close) = tag_end(after) else {
            break;
        };
        push_text(&mut found, &html[text_from..at]);
        let inside = &after[..close];
        pos = at + 1 + close + 1;
        text_from = pos;
        if first == b'!' || first == b'?' {
            continue;
        }
        let end = inside.starts_with('/');
        let body = inside.trim_start_matches('/');
        let name_len = body
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        let name = body[..name_len].to_ascii_lowercase();
        if !end && SKIPPED.contains(&name.as_str()) {
            let closing = format!("</{name}");
            let skip_to = lower[pos..].find(&closing).map_or(html.len(), |e| pos + e);
            let after_close = html[skip_to..]
                .find('>')
                .map_or(html.len(), |e| skip_to + e + 1);
            pos = after_close;
            text_from = after_close;
            continue;
        }
        found.push(Token::Tag {
            name,
            end,
            attributes: &body[name_len..],
        });
    }
    push_text(&mut found, &html[text_from..]);
    found
}

fn push_text<'a>(found: &mut Vec<Token<'a>>, text: &'a str) {
    if !text.is_empty() {
        found.push(Token::Text(text));
    }
}

/// Where the tag that starts `after` (the text after its `<`) ends: the `>` outside quoted
/// attribute values.
fn tag_end(after: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in after.bytes().enumerate() {
        match (quote, b) {
            (None, b'>') => return Some(i),
            (None, b'"' | b'\'') if after.as_bytes().get(i.wrapping_sub(1)) == Some(&b'=') => {
                quote = Some(b)
            }
            (Some(q), b) if b == q => quote = None,
            _ => {}
        }
    }
    None
}

/// The value of attribute `wanted` in a tag's attribute source, entities decoded.
fn attribute(attributes: &str, wanted: &str) -> Option<String> {
    let mut rest = attributes;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        rest = rest[name_len..].trim_start();
        let mut value = "";
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, tail) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let end = body.find(q).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = v;
            rest = tail;
        }
        if name.eq_ignore_ascii_case(wanted) {
            return Some(decode_entities(value).into_owned());
        }
    }
}

/// A link's address when it is one a reader can follow safely: http, https or mailto.
fn followable(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:"))
        .then(|| href.to_string())
}

/// Writes the HTML into `writer` as Markdown.
pub(super) fn to_markdown(
    html: &str,
    mentions: &dyn Fn(MentionKind, &str) -> String,
    writer: &mut Writer,
) {
    // `<a>` elements, to know which `</a>` closes a link that was written.
    let mut anchors: Vec<bool> = Vec::new();
    // Text runs on across tags that write nothing (`<span>`, `<u>`, a `</a>` that closed
    // no link), so that `1<span>.</span>` is read as the one word it shows.
    let mut text = String::new();
    for token in tokens(html) {
        let (name, end, attributes) = match token {
            Token::Text(piece) => {
                text.push_str(&decode_entities(piece));
                continue;
            }
            Token::Tag {
                name,
                end,
                attributes,
            } => (name, end, attributes),
        };
        let url = (name == "a" && !end)
            .then(|| attribute(attributes, "href").and_then(|h| followable(&h)))
            .flatten();
        let writes = match (name.as_str(), end) {
            ("a", false) => url.is_some(),
            ("a", true) => anchors.last() == Some(&true),
            (name, _) => WRITING.contains(&name),
        };
        if writes && !text.is_empty() {
            writer.words(&gid::rewrite(&text, mentions));
            text.clear();
        }
        match (name.as_str(), end) {
            ("br", _) => writer.request(Break::Line),
            (
                "p" | "div" | "blockquote" | "pre" | "table" | "section" | "article" | "header"
                | "footer" | "aside" | "nav" | "figure" | "figcaption" | "dl" | "dd" | "dt"
                | "address" | "hr" | "form" | "fieldset",
                _,
            ) => writer.request(Break::Paragraph),
            ("tr", _) => writer.request(Break::Line),
            ("td" | "th", _) => writer.request(Break::Space),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => {
                writer.request(Break::Paragraph);
                writer.open(Emphasis::Strong);
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => {
                writer.close(Emphasis::Strong);
                writer.request(Break::Paragraph);
            }
            ("strong" | "b", false) => writer.open(Emphasis::Strong),
            ("strong" | "b", true) => writer.close(Emphasis::Strong),
            ("em" | "i", false) => writer.open(Emphasis::Em),
            ("em" | "i", true) => writer.close(Emphasis::Em),
            ("ul", false) => writer.open_list(false),
            ("ol", false) => writer.open_list(true),
            ("ul" | "ol", true) => writer.close_list(),
            ("li", false) => writer.item(),
            ("li", true) => writer.request(Break::Line),
            ("a", false) => {
                anchors.push(url.is_some());
                if let Some(url) = url {
                    writer.open_link(url);
                }
            }
            ("a", true) => {
                let was_link = anchors.pop() == Some(true);
                if was_link {
                    writer.close_link();
                }
            }
            _ => {}
        }
    }
    writer.words(&gid::rewrite(&text, mentions));
}

/// The text of an HTML fragment on one line: tags dropped (block ends make a space),
/// entities decoded. For names and titles.
pub(super) fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for token in tokens(html) {
        match token {
            Token::Text(text) => out.push_str(&decode_entities(text)),
            Token::Tag { name, .. }
                if !matches!(
                    name.as_str(),
                    "strong" | "b" | "em" | "i" | "u" | "span" | "a" | "s" | "sub" | "sup"
                ) =>
            {
                out.push(' ')
            }
            Token::Tag { .. } => {}
        }
    }
    out
}

/// HTML's character references decoded: the named ones Decidim's editors and sanitizer
/// write, and every numeric one. Anything else stays as written.
pub(super) fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "laquo" => Some('«'),
                "raquo" => Some('»'),
                "middot" => Some('·'),
                "euro" => Some('€'),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                "hellip" => Some('…'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "iexcl" => Some('¡'),
                "iquest" => Some('¿'),
                "ordf" => Some('ª'),
                "ordm" => Some('º'),
                _ => name.strip_prefix('#').and_then(|number| {
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => number.parse().ok(),
                    };
                    code.map(|code| match char::from_u32(code) {
                        Some(c) if code != 0 => c,
                        _ => char::REPLACEMENT_CHARACTER,
                    })
                }),
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}
