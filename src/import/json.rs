//! Decidim's JSON exports: an array of objects, translatable fields as objects of language
//! to text (`"title": { "ca": "…" }`). Each object is flattened the way Decidim's CSV export
//! flattens it (`title/ca`, `author/name`), so that one set of column names serves both.

use serde_json::Value;

use super::{BadInput, Cells, Place, Row, Sheet, utf8};

/// The sheet of a JSON export and its rows. The columns are the keys of all the objects, so
/// the rows are all read first.
pub(super) fn read(bytes: &[u8], source: &str) -> Result<(Sheet, Vec<Row>), BadInput> {
    let text = utf8(bytes, source)?;
    let value: Value = serde_json::from_str(text).map_err(|error| {
        let message = error.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(message, _)| message);
        BadInput::new(source, format!("it is not valid JSON ({message})")).at(Place::JsonText {
            line: error.line(),
            column: error.column(),
        })
    })?;
    let Value::Array(items) = value else {
        return Err(BadInput::new(
            source,
            "a Decidim JSON export is an array of objects (`[{…}, {…}]`), and this is not an array",
        ));
    };
    let starts = item_starts(text);
    let mut sheet = Sheet::new(source);
    let mut rows = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let (line, column) = starts.get(index).copied().unwrap_or((0, 0));
        let place = Place::Json {
            item: index + 1,
            line,
            column,
        };
        let Value::Object(object) = item else {
            return Err(BadInput::new(source, "it is not an object").at(place));
        };
        let mut flat = Vec::new();
        flatten("", &Value::Object(object), &mut flat);
        let mut cells = Vec::new();
        for (name, value) in flat {
            if let Some(column) = sheet.column_for(&name) {
                if cells.len() <= column {
                    cells.resize(column + 1, String::new());
                }
                cells[column] = value;
            }
        }
        rows.push(Row {
            cells: Cells::Text(cells),
            place,
        });
    }
    Ok((sheet, rows))
}

/// `(column name, text)` for every scalar below `value`. A list of scalars is joined with
/// `, `, as Decidim's CSV export joins it (`author/id` of a proposal with co-authors is
/// `5, 6` there and `[5, 6]` here), so that both read alike; lists of objects (the names of
/// taxonomies) are left out, as nothing obert keeps comes from them.
fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let text = match value {
        Value::Object(object) => {
            for (key, inner) in object {
                let name = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}/{key}")
                };
                flatten(&name, inner, out);
            }
            return;
        }
        Value::Array(items) => {
            if items
                .iter()
                .any(|item| matches!(item, Value::Array(_) | Value::Object(_)))
            {
                return;
            }
            let words: Vec<String> = items
                .iter()
                .filter(|item| !item.is_null())
                .map(|item| match item {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            words.join(", ")
        }
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
    };
    out.push((prefix.to_string(), text));
}

/// Where each element of the top-level array starts, as (line, column) from 1: one pass
/// over the text, aware of strings and nesting.
fn item_starts(text: &str) -> Vec<(usize, usize)> {
    let mut starts = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut expecting = false;
    let mut line = 1;
    let mut column = 0;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
            column = 0;
        } else {
            column += 1;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if expecting && depth == 1 && !c.is_whitespace() && c != ']' {
            starts.push((line, column));
            expecting = false;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth == 1 {
                    expecting = true;
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => expecting = true,
            _ => {}
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_flatten_as_decidim_flattens_them_for_csv() {
        let (sheet, rows) = read(
            br#"[{"id": 1, "title": {"ca": "T", "machine_translations": {"es": "M"}},
                 "author": {"id": [5, 6], "name": ["A", "B"]}, "related_proposals": [2, 3],
                 "taxonomies": {"name": [{"ca": "Mobilitat"}]}, "answer": null}]"#,
            "x.json",
        )
        .expect("valid JSON");
        let row = &rows[0];
        assert_eq!(sheet.get(row, "id"), "1");
        assert_eq!(sheet.get(row, "title/ca"), "T");
        assert_eq!(sheet.get(row, "title/machine_translations/es"), "M");
        // Lists of scalars are joined as Decidim's CSV joins them; lists of objects are
        // left out.
        assert_eq!(sheet.get(row, "author/id"), "5, 6");
        assert_eq!(sheet.get(row, "author/name"), "A, B");
        assert_eq!(sheet.get(row, "related_proposals"), "2, 3");
        assert!(!sheet.has("taxonomies/name"));
    }

    #[test]
    fn items_know_their_line() {
        let text = "[\n  {\"id\": \"a,[\\\"\"},\n  {\"id\": 2}\n]";
        assert_eq!(item_starts(text), vec![(2, 3), (3, 3)]);
    }

    #[test]
    fn a_syntax_error_names_its_line_and_column() {
        let error = read(b"[\n {\"id\": 1,}\n]", "x.json").expect_err("a trailing comma");
        assert_eq!(
            error.place,
            Some(Place::JsonText {
                line: 2,
                column: 11
            })
        );
    }
}
