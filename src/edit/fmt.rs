//! The canonical layout of plan files: what `obert fmt` writes, and what `obert fmt --check`
//! compares each file with.
//!
//! The layout, and why:
//! - The keys of a table stand in the order FORMAT.md's examples list them, so that every
//!   fact is where a reader of the format looks for it. Keys the format does not know follow,
//!   in the order they had: the checker reports them, and fmt must not lose anyone's text.
//! - Tables follow the same order: a space's root keys, its members, its meetings, its
//!   phases; a sub-table (`[contribution.response]`, `[rules.forum]`) right after its parent.
//!   The entries of one array keep their order, which is the author's: fmt never sorts them.
//! - One blank line before every table header, none between the keys of a table, none at the
//!   start of the file, one newline at its end. Blank lines between keys go, because a blank
//!   line is what tells one entry from the next; but one blank line before a key's own
//!   comment stays where the author put it, setting a commented key apart (the skeleton
//!   `obert init --blank` writes is laid out so).
//! - Comments travel with what they annotate: the comment lines directly above a key or a
//!   table header move with it, a comment after a value or a header stays on its line. Above
//!   a table header, one blank line between two comment paragraphs (or between a comment and
//!   the header) is kept, so that a heading like `# --- Meetings ---` stays a heading. A
//!   comment between two tables belongs to the one below it, as it does in toml_edit, except
//!   that a paragraph of comments right under an entry's last key, with a blank line after
//!   it, stays where it is, closing that entry (it moves with the table below if that moves).
//! - The comments at the top of a file, before its first key or table, are the file's
//!   header and stay at the top even when that key moves, with the blank line after them
//!   if they had one. The shipped commitments open their front matter with such a comment
//!   right above `number`.
//! - `key = value`, with one space on each side of `=` and no indentation. Values stay as
//!   written: quotes, dates, arrays and inline tables keep their own inner layout.
//! - A file whose first line ends in CRLF gets CRLF on every line, and any other file LF,
//!   except inside multi-line strings, where a line end is part of the value. A byte-order
//!   mark stays.
//! - In a commitment only the TOML between the `+++` fences is formatted; the fences and the
//!   Markdown body stay byte for byte.

mod line_ends;

use toml_edit::{Decor, DocumentMut, Item, RawString, Table, TomlError};

use self::line_ends::with_line_ends;
pub use crate::format::FileKind;
use crate::load::split_front_matter;

/// The format's declaration of a table: its keys' order and the tables its keys hold.
type Shape = crate::format::Table;

/// A text that cannot be formatted: it is not valid TOML, or a commitment without front
/// matter. Shown as `line:column: message`, so `format!("{path}:{error}")` reads like a
/// compiler's `people.toml:3:7: …`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct FmtError {
    /// 1-based line in the whole file (for a commitment, not in its front matter).
    pub line: usize,
    /// 1-based column, in characters, as editors count it.
    pub column: usize,
    pub message: String,
}

impl FmtError {
    fn at(text: &str, offset: usize, message: impl Into<String>) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        FmtError {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            message: message.into(),
        }
    }
}

/// `text`, a file of the given kind, in its canonical layout (see the module's docs).
/// Idempotent, and the result holds the same TOML values as `text`.
pub fn canonical(kind: FileKind, text: &str) -> Result<String, FmtError> {
    // Loading ignores a byte-order mark, so fmt keeps it rather than make a change that
    // means nothing.
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let crlf = text
        .find('\n')
        .is_some_and(|end| text[..end].ends_with('\r'));
    let mut out = String::with_capacity(bom.len() + text.len());
    out.push_str(bom);
    if kind == FileKind::Commitment {
        let Some(split) = split_front_matter(text) else {
            return Err(FmtError::at(
                text,
                0,
                "no front matter: a commitment starts with a line `+++`, its TOML fields, and another line `+++`",
            ));
        };
        let front = &text[split.toml.clone()];
        let toml = canonical_toml(kind.root(), front, crlf).map_err(|invalid| {
            FmtError::at(text, split.toml.start + invalid.offset, invalid.message)
        })?;
        out.push_str(&text[..split.toml.start]);
        out.push_str(&toml);
        out.push_str(&text[split.toml.end..]);
    } else {
        let toml = canonical_toml(kind.root(), text, crlf)
            .map_err(|invalid| FmtError::at(text, invalid.offset, invalid.message))?;
        out.push_str(&toml);
    }
    Ok(out)
}

/// A TOML syntax error, at a byte offset of the text that was formatted.
struct Invalid {
    offset: usize,
    message: String,
}

fn parse(text: &str, offset: usize) -> Result<DocumentMut, Invalid> {
    text.parse().map_err(|error: TomlError| Invalid {
        offset: offset + error.span().map_or(0, |span| span.start),
        message: format!("invalid TOML: {}", error.message().trim_end()),
    })
}

fn canonical_toml(shape: &'static Shape, text: &str, crlf: bool) -> Result<String, Invalid> {
    // The header is cut off before parsing, or it would travel with the first key when that
    // key moves. It is parsed on its own all the same: its comments must be valid TOML.
    let header_end = header_end(text);
    parse(&text[..header_end], 0)?;
    let mut doc = parse(&text[header_end..], header_end)?;

    let root = doc.as_table_mut();
    *root.decor_mut() = Decor::new("", "");
    let mut walk = Walk {
        position: 0,
        printed: !root.get_values().is_empty(),
    };
    tidy_table(root, Some(shape), Role::Root, &mut walk);
    let trailing = lines(doc.trailing().as_str().unwrap_or_default());
    let trailing = render(trim_blanks(&trailing, !walk.printed, true));
    doc.set_trailing(trailing);

    let body = doc.to_string();
    let header = lines(&text[..header_end]);
    let mut out = render(trim_blanks(&header, true, body.is_empty()));
    out.push_str(&body);
    with_line_ends(&out, crlf)
}

/// Where the file's header ends: after the comment and blank lines at its top.
fn header_end(text: &str) -> usize {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim();
        if !content.is_empty() && !content.starts_with('#') {
            break;
        }
        end += line.len();
    }
    end
}

/// What the walk over a document has done so far.
struct Walk {
    /// The position toml_edit prints the last table at: tables print in this order.
    position: isize,
    /// Whether anything printed before, which decides if a table header gets a blank line.
    printed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Root,
    /// A `[table]`, printed only when it is not implicit or holds values.
    Std,
    /// An entry of an `[[array]]`, always printed.
    Element,
    /// A table of dotted keys (`title.ca = …`), printed as key lines of its parent.
    Dotted,
}

fn tidy_table(table: &mut Table, shape: Option<&'static Shape>, role: Role, walk: &mut Walk) {
    if matches!(role, Role::Std | Role::Element) {
        walk.position += 1;
        table.set_position(Some(walk.position));
        let shown = role == Role::Element || !table.is_implicit() || !table.get_values().is_empty();
        if shown {
            let decor = table.decor_mut();
            let prefix = header_prefix(&lines(raw(decor.prefix())), walk.printed);
            let suffix = raw(decor.suffix()).trim_end().to_string();
            *decor = Decor::new(prefix, suffix);
            walk.printed = true;
        }
    }
    reorder(table, shape);
    // Whether a key of this table has been printed yet.
    let mut key_printed = false;
    for (mut key, item) in table.iter_mut() {
        let child_shape = shape.and_then(|shape| shape.child(key.get()));
        // The spacing around the dots of `title.ca` and `[rules.forum]`.
        *key.dotted_decor_mut() = Decor::new("", "");
        match item {
            Item::Value(value) => {
                let above = lines(raw(key.leaf_decor().prefix()));
                let commented = above.iter().any(|line| *line != Line::Blank);
                // A key's own comments keep one blank line before them, and between their
                // paragraphs, where the author put one: it sets a commented key apart from the
                // key above, as a skeleton's guidance is laid out. Blank lines anywhere else
                // between keys go.
                // The first key of a table, right under its header (or the file's header),
                // takes no blank line.
                let prefix = if commented {
                    render(trim_blanks(&above, !key_printed, true))
                } else {
                    String::new()
                };
                key_printed = true;
                *key.leaf_decor_mut() = Decor::new(prefix, " ");
                let decor = value.decor_mut();
                let suffix = raw(decor.suffix()).trim_end().to_string();
                *decor = Decor::new(" ", suffix);
            }
            Item::Table(child) if child.is_dotted() => {
                tidy_table(child, child_shape, Role::Dotted, walk);
            }
            Item::Table(child) => {
                // The key is the name inside the header's brackets.
                *key.leaf_decor_mut() = Decor::new("", "");
                tidy_table(child, child_shape, Role::Std, walk);
            }
            Item::ArrayOfTables(array) => {
                *key.leaf_decor_mut() = Decor::new("", "");
                for child in array.iter_mut() {
                    tidy_table(child, child_shape, Role::Element, walk);
                }
            }
            Item::None => {}
        }
    }
}

/// The lines above a table header: the blank line that separates it from what printed
/// before, and its comments. A paragraph of comments right under the previous entry's last
/// line, followed by a blank line, ends that entry (`# No completion yet.`) and stays there.
fn header_prefix(lines: &[Line<'_>], after_something: bool) -> String {
    if !after_something {
        return render(trim_blanks(lines, true, false));
    }
    let closing_end = match lines.first() {
        Some(Line::Comment(_)) => lines.iter().position(|line| *line == Line::Blank),
        _ => None,
    };
    match closing_end {
        Some(end) => render(&lines[..=end]) + &render(&lines[end + 1..]),
        None => String::from("\n") + &render(trim_blanks(lines, true, false)),
    }
}

/// Puts the keys of `table` in its shape's order, unknown keys last in the order they had.
fn reorder(table: &mut Table, shape: Option<&Shape>) {
    let Some(shape) = shape else {
        return;
    };
    let mut order: Vec<(usize, usize, String)> = table
        .iter()
        .enumerate()
        .map(|(at, (key, _))| (shape.rank(key), at, key.to_string()))
        .collect();
    if order.is_sorted() {
        return;
    }
    order.sort();
    // toml_edit has no way to move an item, and `sort_values_by` leaves tables where they
    // are: taking every item out and putting it back in order keeps keys and values whole.
    let items: Vec<_> = order
        .iter()
        .filter_map(|(_, _, key)| table.remove_entry(key))
        .collect();
    for (key, item) in items {
        table.insert_formatted(&key, item);
    }
}

fn raw(text: Option<&RawString>) -> &str {
    text.and_then(RawString::as_str).unwrap_or_default()
}

/// A line of the whitespace and comments around keys and headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line<'t> {
    Blank,
    Comment(&'t str),
}

/// The lines of `raw`, trimmed, with each run of blank lines made one. An unfinished last
/// line is the indentation of what follows, unless it is a comment that ends the file.
fn lines(raw: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut rest = raw;
    loop {
        let (line, finished) = match rest.split_once('\n') {
            Some((line, after)) => {
                rest = after;
                (line, true)
            }
            None => (rest, false),
        };
        let line = line.trim();
        if !line.is_empty() {
            lines.push(Line::Comment(line));
        } else if finished && lines.last() != Some(&Line::Blank) {
            lines.push(Line::Blank);
        }
        if !finished {
            return lines;
        }
    }
}

fn trim_blanks<'l, 't>(mut lines: &'l [Line<'t>], start: bool, end: bool) -> &'l [Line<'t>] {
    if start && lines.first() == Some(&Line::Blank) {
        lines = &lines[1..];
    }
    if end && lines.last() == Some(&Line::Blank) {
        lines = &lines[..lines.len() - 1];
    }
    lines
}

fn render(lines: &[Line<'_>]) -> String {
    let mut out = String::new();
    for line in lines {
        if let Line::Comment(comment) = line {
            out.push_str(comment);
        }
        out.push('\n');
    }
    out
}
