//! One kind of line end for a whole TOML text.

use std::ops::Range;

use toml_edit::{Item, Table, Value};

use super::Invalid;

/// `toml` with every line end `\r\n` or every one `\n`, but those inside multi-line
/// strings: toml_edit ends the lines it writes with `\n`, and the line ends of a multi-line
/// string are part of its value (TOML keeps a `\r\n` in it).
pub(super) fn with_line_ends(toml: &str, crlf: bool) -> Result<String, Invalid> {
    // Parsing the output again also makes sure that fmt never writes a file that does not
    // parse.
    let doc = toml_edit::Document::parse(toml).map_err(|error| Invalid {
        offset: 0,
        message: format!(
            "formatting would turn this file into invalid TOML, a bug in obert (please report it): {}",
            error.message().trim_end()
        ),
    })?;
    let mut strings = Vec::new();
    multi_line_strings(toml, doc.as_table(), &mut strings);
    strings.sort_by_key(|span| span.start);
    let mut out = String::with_capacity(toml.len() + toml.len() / 32);
    let mut at = 0;
    let push = |out: &mut String, text: &str| {
        let text = text.replace("\r\n", "\n");
        out.push_str(&if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        });
    };
    for span in strings {
        push(&mut out, &toml[at..span.start]);
        out.push_str(&toml[span.clone()]);
        at = span.end;
    }
    push(&mut out, &toml[at..]);
    Ok(out)
}

fn multi_line_strings(toml: &str, table: &Table, out: &mut Vec<Range<usize>>) {
    for (_, item) in table.iter() {
        match item {
            Item::Value(value) => multi_line_value(toml, value, out),
            Item::Table(table) => multi_line_strings(toml, table, out),
            Item::ArrayOfTables(array) => {
                for table in array.iter() {
                    multi_line_strings(toml, table, out);
                }
            }
            Item::None => {}
        }
    }
}

fn multi_line_value(toml: &str, value: &Value, out: &mut Vec<Range<usize>>) {
    match value {
        Value::String(_) => {
            if let Some(span) = value
                .span()
                .filter(|span| toml[span.clone()].contains('\n'))
            {
                out.push(span);
            }
        }
        Value::Array(array) => {
            for value in array.iter() {
                multi_line_value(toml, value, out);
            }
        }
        Value::InlineTable(table) => {
            for (_, value) in table.iter() {
                multi_line_value(toml, value, out);
            }
        }
        _ => {}
    }
}
