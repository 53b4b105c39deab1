//! Text as Decidim exports it, made faithful for the plan: what the citizen wrote, as
//! Markdown (bodies, answers) or as one line (names, titles), with nothing of Decidim's
//! internals left in it.
//!
//! What Decidim does to a text on its way to an export, and what undoes it here:
//! - The CSV exporter puts `'` before a cell starting with `=`, `+`, `-` or `@` (a formula
//!   guard): [`unguard`], for CSV cells only, first.
//! - Hashtags and mentions are stored as global ids (`gid://app/Decidim::Hashtag/41/Name`,
//!   `gid://app/Decidim::User/49001`): both entry points show them as `#Name` and as the
//!   caller's resolver says (see [`MentionKind`]).
//! - Rich-text bodies and every answer are HTML; from 0.26.6/0.27.3 on, CSV and JSON bodies
//!   are that HTML turned into text by Premailer, hard-wrapped at 65 columns. [`markdown`]
//!   tells the three shapes ([`Shape`]) apart and writes each as the same clean Markdown.
//!
//! Everything here is linear in the input and recursion-free: lists deeper than
//! [`MAX_LIST_DEPTH`] go on at that depth, and no loop goes back over text it has passed.

mod gid;
mod guard;
mod html;
mod plaintext;
mod writer;

pub use gid::MentionKind;
pub use guard::unguard;
pub use writer::MAX_LIST_DEPTH;

/// What a text is, as [`detect`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// HTML from Decidim's rich-text editor or an answer: it holds `<p>`, `<br>`, `</…>`…
    Html,
    /// Premailer's plain-text conversion of HTML (proposal bodies from 0.26.6/0.27.3 on):
    /// hard-wrapped at 65 columns, links as `text ( url )`, items as `* `.
    Premailer,
    /// Text as the citizen typed it: every character and line end is theirs.
    Plain,
}

/// Reads which [`Shape`] `raw` has: HTML when it holds an element Decidim's editors write
/// (`a < b` and `<3` do not count); else Premailer's when every line fits in 65 columns and
/// something shows the conversion (a line broken where the next word would not fit, a
/// `( http…`); else plain.
pub fn detect(raw: &str) -> Shape {
    if html::looks_like_html(raw) {
        Shape::Html
    } else if plaintext::looks_like_premailer(&normalise_line_ends(raw)) {
        Shape::Premailer
    } else {
        Shape::Plain
    }
}

/// `raw` (a body, an answer, a comment) as Markdown that shows what its author wrote:
/// the shape [`detect`]ed, then as [`markdown_as`].
pub fn markdown(raw: &str, mentions: &dyn Fn(MentionKind, &str) -> String) -> String {
    markdown_as(raw, detect(raw), mentions)
}

/// `raw` as Markdown, read as `shape` (for a caller that knows, say, that a column is always
/// HTML). The Markdown:
/// - paragraphs are separated by a blank line; a line break inside one is a hard break
///   (`\` at the line's end), so each line shows as the author broke it;
/// - lists are `- ` and `1. ` items, nested ones indented under their item (up to
///   [`MAX_LIST_DEPTH`] levels); Premailer's `* ` items and lone `*`/`-` markers too;
/// - HTML links to http, https and mailto addresses are `[text](url)` (`<url>` when the text
///   is the address); other links keep only their text; bare http(s) addresses in the text
///   are `<url>`; Premailer's `text ( url )` is `text (<url>)`: its link text cannot be told
///   from the words before it;
/// - `<strong>`/`<b>` are `**…**`, `<em>`/`<i>` `*…*` (`_` would not work inside a word);
///   headings are bold paragraphs (a `###` would break the outline of the document the
///   contribution sits in); Premailer's heading rules are dropped;
/// - hashtags are `#Name`; mentions are what `mentions(kind, id)` returns (the import gives
///   the person's pseudonym, or with `--author-names` their `@nickname`), written as text;
///   other Decidim global ids are `proposal 12` and the like;
/// - entities are decoded, every other tag and any script or style is dropped, and every
///   character Markdown would read as formatting is escaped, so no HTML and no new
///   formatting reach the plan;
/// - line ends are `\n`, no line ends in spaces, no two blank lines follow each other, and
///   the text is trimmed.
pub fn markdown_as(
    raw: &str,
    shape: Shape,
    mentions: &dyn Fn(MentionKind, &str) -> String,
) -> String {
    let text = normalise_line_ends(raw);
    let mut out = writer::Writer::default();
    match shape {
        Shape::Html => html::to_markdown(&text, mentions, &mut out),
        Shape::Premailer => plaintext::premailer_to_markdown(&text, mentions, &mut out),
        Shape::Plain => plaintext::plain_to_markdown(&text, mentions, &mut out),
    }
    out.finish()
}

/// `raw` as one line of plain text, for a name or a title: HTML tags dropped, entities
/// decoded, hashtags and mentions as in [`markdown`], every run of whitespace (line ends
/// too) one space, trimmed. Nothing is escaped: the value is shown as text, not Markdown.
pub fn line(raw: &str, mentions: &dyn Fn(MentionKind, &str) -> String) -> String {
    let text = if html::looks_like_html(raw) {
        html::text_of(raw)
    } else {
        raw.to_string()
    };
    let text = gid::rewrite(&text, mentions);
    let mut out = String::with_capacity(text.len());
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn normalise_line_ends(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains('\r') {
        std::borrow::Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(raw)
    }
}

#[cfg(test)]
mod tests;
