//! One plan file open for editing: its TOML as a toml_edit document, which keeps every
//! comment, blank line and spelling a person wrote, and the bytes around the TOML that an
//! edit never touches (a byte-order mark; a commitment's `+++` fences and Markdown body).
//! [`super::tables`] and [`super::values`] change the document so that the file's text
//! changes in one place only: the entry that was asked for.

use toml_edit::DocumentMut;

use crate::load::split_front_matter;

/// Why a file cannot be opened for editing.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("line {line}, column {column}: {message}")]
    Toml {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("it has no `+++` front matter at its start")]
    NoFrontMatter,
}

/// A plan file's text, split into the TOML that edits change and what stays byte for byte.
#[derive(Debug)]
pub struct Editable {
    pub doc: DocumentMut,
    /// Everything before the TOML: a byte-order mark, a commitment's opening `+++` line.
    before: String,
    /// Everything after it: a commitment's closing `+++` line and its Markdown body.
    after: String,
    /// The file ends its lines with `\r\n` throughout, so new lines must too.
    crlf: bool,
}

impl Editable {
    /// Opens a whole TOML file (`front_matter = false`) or a commitment's front matter.
    pub fn parse(text: &str, front_matter: bool) -> Result<Editable, OpenError> {
        let (bom, text) = match text.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", text),
        };
        let (before, toml, after) = if front_matter {
            let split = split_front_matter(text).ok_or(OpenError::NoFrontMatter)?;
            (
                format!("{bom}{}", &text[..split.toml.start]),
                &text[split.toml.clone()],
                text[split.toml.end..].to_string(),
            )
        } else {
            (bom.to_string(), text, String::new())
        };
        let doc = toml.parse::<DocumentMut>().map_err(|error| {
            // toml_edit counts from the start of the TOML; a commitment's front matter
            // starts one line into the file.
            let offset = error.span().map_or(0, |span| span.start);
            let line_offset = before.matches('\n').count();
            let (line, column) = line_col(toml, offset);
            OpenError::Toml {
                line: line + line_offset,
                column,
                message: error.message().to_string(),
            }
        })?;
        Ok(Editable {
            doc,
            before,
            after,
            crlf: uses_crlf(text),
        })
    }

    /// Opens the TOML of `text` in `range` only (one entry of a large file), keeping the
    /// text around it byte for byte.
    pub fn parse_part(text: &str, range: std::ops::Range<usize>) -> Option<Editable> {
        let doc = text.get(range.clone())?.parse::<DocumentMut>().ok()?;
        Some(Editable {
            doc,
            before: text[..range.start].to_string(),
            after: text[range.end..].to_string(),
            crlf: uses_crlf(text),
        })
    }

    /// The file's new text.
    pub fn render(&self) -> String {
        let mut toml = self.doc.to_string();
        if self.crlf {
            toml = to_crlf(&toml);
        }
        format!("{}{toml}{}", self.before, self.after)
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Whether every line of a file ends in `\r\n` (a file with mixed endings is left alone).
pub fn uses_crlf(text: &str) -> bool {
    let newlines = text.matches('\n').count();
    newlines > 0 && text.matches("\r\n").count() == newlines
}

/// Turns each lone `\n` into `\r\n`, leaving existing `\r\n` as they are.
pub fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::values::set_value;

    #[test]
    fn front_matter_edits_leave_the_body_alone() {
        let text = "\u{feff}+++\nnumber = 1\n+++\n\n## Problem {#problem}\nText  with  spaces\n";
        let mut file = Editable::parse(text, true).expect("parses");
        set_value(
            file.doc.as_table_mut(),
            "title",
            "T",
            &crate::format::COMMITMENT,
        );
        assert_eq!(
            file.render(),
            "\u{feff}+++\nnumber = 1\ntitle = \"T\"\n+++\n\n## Problem {#problem}\nText  with  spaces\n"
        );
    }

    #[test]
    fn parse_errors_count_lines_from_the_file_start() {
        let error = Editable::parse("+++\nnumber = 1\ntitle = \n+++\n", true)
            .expect_err("broken front matter");
        let OpenError::Toml { line, .. } = error else {
            panic!("expected a TOML error, got {error:?}");
        };
        assert_eq!(line, 3);
    }
}
