//! Text without HTML: as a citizen typed it, or as Premailer's `convert_to_text` made it.
//!
//! From 0.26.6 and 0.27.3 on (decidim/decidim#10539, "Export proposal body without HTML
//! tags"), the proposal serializer exports `body` through Premailer's `HtmlToPlainText`
//! (`premailer/lib/premailer/html_to_plain_text.rb`; premailer 1.21 in 0.26, 1.27 in 0.27,
//! 1.22+ later). What it does to the text, in order:
//! - a link becomes `text ( url )`, or just `text` when text and address are the same;
//!   `mailto:` is dropped from the address;
//! - a heading becomes its text between lines of `*` (h1) or `-` (h2), or above one (h3–h6);
//! - each `<li>` becomes `* ` (eating the whitespace around it), `</li>` a line end, `</p>` a
//!   blank line, `<br>` a line end; other tags go and entities are decoded;
//! - every line longer than 65 characters is wrapped at the last whitespace that leaves at
//!   most 65 characters (Rails' `word_wrap`: `(.{1,65})(\s+|$)` → `\1\n`), so a word longer
//!   than 65 characters stays whole on a line of its own; a line of 65 or fewer is kept;
//! - spaces at the ends of lines go, three or more line ends become two, and a `( url )` the
//!   wrap split is put back together on the line where the address is.
//!
//! So a line was broken by the wrap exactly when it, a space and the next line's first word
//! would not have fitted in 65 characters; otherwise the line end is the author's.

use super::gid::{self, MentionKind};
use super::writer::{Break, Writer};

/// Premailer's line length (`convert_to_text`'s default, which Decidim keeps).
const WRAP: usize = 65;

/// Whether `text` (no HTML) has the shape Premailer gives: every line fits in 65 characters
/// or is a single word, and something shows the conversion (a wrapped line, a `( http…`).
/// A citizen's own text with a line longer than that is not Premailer's; a `* ` line alone
/// is no evidence, since citizens type those too (they then show as typed, escaped).
pub(super) fn looks_like_premailer(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let fits = lines
        .iter()
        .all(|line| line.chars().count() <= WRAP || !line.contains([' ', '\t']));
    if !fits {
        return false;
    }
    let wrapped = lines
        .windows(2)
        .any(|pair| !pair[0].is_empty() && !pair[1].is_empty() && wrapped_before(pair[0], pair[1]));
    wrapped || text.contains("( http")
}

/// Whether the line end between `line` and `next` is Premailer's wrap, not the author's.
fn wrapped_before(line: &str, next: &str) -> bool {
    if next.starts_with("( http") {
        return true;
    }
    let next_word = next.split([' ', '\t']).next().unwrap_or("");
    line.chars().count() + 1 + next_word.chars().count() > WRAP
}

/// A line of only `*` or `-`: Premailer's rule above or below a heading.
fn is_rule(line: &str) -> bool {
    line.len() >= 3 && (line.bytes().all(|b| b == b'*') || line.bytes().all(|b| b == b'-'))
}

/// Lone list markers: Premailer's `*` when the item's first word did not fit beside it,
/// and the `-` or `•` some converters put on a line of their own.
fn is_lone_marker(line: &str) -> bool {
    matches!(line, "*" | "-" | "•")
}

#[derive(Debug)]
struct Logical {
    item: bool,
    text: String,
}

/// Writes Premailer's text into `writer`: wraps undone, `* ` items as a list, `( url )` as a
/// link to the address, headings as paragraphs.
pub(super) fn premailer_to_markdown(
    text: &str,
    mentions: &dyn Fn(MentionKind, &str) -> String,
    writer: &mut Writer,
) {
    for paragraph in paragraphs(text) {
        let mut logical: Vec<Logical> = Vec::new();
        let mut previous_raw: Option<&str> = None;
        let mut lines = paragraph.iter().copied().peekable();
        while let Some(line) = lines.next() {
            if is_rule(line) {
                previous_raw = None;
                logical.push(Logical {
                    item: false,
                    text: String::new(),
                });
                continue;
            }
            if is_lone_marker(line) {
                if let Some(next) = lines.next() {
                    logical.push(Logical {
                        item: true,
                        text: next.to_string(),
                    });
                    previous_raw = Some(next);
                }
                continue;
            }
            if let Some(rest) = line.strip_prefix("* ") {
                logical.push(Logical {
                    item: true,
                    text: rest.to_string(),
                });
                previous_raw = Some(line);
                continue;
            }
            match (previous_raw, logical.last_mut()) {
                (Some(prev), Some(last)) if wrapped_before(prev, line) => {
                    last.text.push(' ');
                    last.text.push_str(line);
                }
                _ => logical.push(Logical {
                    item: false,
                    text: line.to_string(),
                }),
            }
            previous_raw = Some(line);
        }
        let mut in_list = false;
        let mut first = true;
        for Logical { item, text } in logical {
            if text.is_empty() {
                // A heading's rule: what follows is a paragraph of its own.
                writer.request(Break::Paragraph);
                continue;
            }
            if item {
                writer.item();
                in_list = true;
            } else {
                if in_list {
                    writer.close_list();
                    in_list = false;
                } else if !first {
                    writer.request(Break::Line);
                }
            }
            first = false;
            inline(&links_back(&text), mentions, writer);
        }
        if in_list {
            writer.close_list();
        }
        writer.request(Break::Paragraph);
    }
}

/// Writes a citizen's plain text into `writer`: every line end kept, every character shown
/// as typed.
pub(super) fn plain_to_markdown(
    text: &str,
    mentions: &dyn Fn(MentionKind, &str) -> String,
    writer: &mut Writer,
) {
    for paragraph in paragraphs(text) {
        for line in paragraph {
            writer.request(Break::Line);
            inline(line, mentions, writer);
        }
        writer.request(Break::Paragraph);
    }
}

fn inline(text: &str, mentions: &dyn Fn(MentionKind, &str) -> String, writer: &mut Writer) {
    writer.words(&gid::rewrite(text, mentions));
}

/// The text's paragraphs (runs of non-blank lines), each as its trimmed lines.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut found: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines().map(str::trim) {
        match (line.is_empty(), found.last_mut()) {
            (true, Some(last)) if !last.is_empty() => found.push(Vec::new()),
            (false, Some(last)) => last.push(line),
            _ => {}
        }
    }
    found.retain(|p| !p.is_empty());
    found
}

/// Premailer's `text ( address )` back to a link: `text (address)`, which the writer makes
/// `text (<address>)` for http and https. The link's text cannot be told from the words
/// before it, so they stay as they are and the address follows in brackets. A mailto
/// address (Premailer dropped the `mailto:`) stays as text in brackets; any other address
/// (relative, `javascript:`) goes, the text staying.
fn links_back(text: &str) -> String {
    if !text.contains("( ") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("( ") {
        let after = &rest[at + 2..];
        let token_len = after.find([' ', '\t']).unwrap_or(after.len());
        let token = &after[..token_len];
        let closes = after[token_len..].starts_with(" )");
        if !closes || token.is_empty() {
            out.push_str(&rest[..at + 2]);
            rest = after;
            continue;
        }
        let lower = token.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") || token.contains('@') {
            out.push_str(&rest[..at]);
            out.push('(');
            out.push_str(token);
            out.push(')');
        } else {
            out.push_str(rest[..at].trim_end());
        }
        rest = &after[token_len + 2..];
    }
    out.push_str(rest);
    out
}
