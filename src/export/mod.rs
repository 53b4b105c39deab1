//! `obert export`: the plan's implementation in the shapes other tools read. [`irm`] gives
//! the fields OGP's Independent Reporting Mechanism reviews, one row per commitment and per
//! milestone; [`decidim`] gives the CSV that Decidim's accountability component imports as
//! results, commitments as parents and milestones as their children.

pub mod decidim;
pub mod irm;

/// One cell of a table that is written as CSV or JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(u64),
    Bool(bool),
    /// Several values: an array in JSON, joined by `;` in one CSV cell.
    List(Vec<String>),
    Null,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    /// A text, or nothing when it is empty.
    pub fn optional(text: Option<impl Into<String>>) -> Cell {
        match text.map(Into::into) {
            Some(text) if !text.is_empty() => Cell::Text(text),
            _ => Cell::Null,
        }
    }

    /// The cell as CSV text, before quoting.
    fn as_csv(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::List(items) => items.join(";"),
            Cell::Null => String::new(),
        }
    }
}

/// A field quoted as RFC 4180 asks, for a file whose fields are split by `separator`: only
/// when it holds the separator, a quote or a line break, with quotes doubled.
pub fn csv_field(text: &str, separator: char) -> String {
    if text.contains([separator, '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A header line and the rows, fields split by `separator`, each line ended by
/// `line_end`.
pub fn csv(header: &[String], rows: &[Vec<Cell>], separator: char, line_end: &str) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .map(|cell| csv_field(cell, separator))
            .collect::<Vec<_>>()
            .join(&separator.to_string())
    };
    out.push_str(&line(header.to_vec()));
    out.push_str(line_end);
    for row in rows {
        out.push_str(&line(row.iter().map(Cell::as_csv).collect()));
        out.push_str(line_end);
    }
    out
}

/// The rows as a JSON array of objects whose keys keep the header's order (serde_json's
/// own map would sort them).
pub fn json(header: &[String], rows: &[Vec<Cell>]) -> String {
    let rows: Vec<JsonRow<'_>> = rows.iter().map(|row| JsonRow(header, row)).collect();
    let mut text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

struct JsonRow<'a>(&'a [String], &'a [Cell]);

impl serde::Serialize for JsonRow<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, cell) in self.0.iter().zip(self.1) {
            match cell {
                Cell::Text(text) => map.serialize_entry(key, text)?,
                Cell::Number(n) => map.serialize_entry(key, n)?,
                Cell::Bool(b) => map.serialize_entry(key, b)?,
                Cell::List(items) => map.serialize_entry(key, items)?,
                Cell::Null => map.serialize_entry(key, &())?,
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_for_their_separator() {
        assert_eq!(csv_field("a, b", ';'), "a, b");
        assert_eq!(csv_field("a; b", ';'), "\"a; b\"");
        assert_eq!(csv_field("a, b", ','), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\"", ';'), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines", ','), "\"two\nlines\"");
    }

    #[test]
    fn json_keeps_the_header_order() {
        let header = vec!["z".to_string(), "a".to_string()];
        let rows = vec![vec![Cell::Number(1), Cell::List(vec!["x".into()])]];
        let text = json(&header, &rows);
        assert!(text.find("\"z\"") < text.find("\"a\""), "{text}");
    }
}
