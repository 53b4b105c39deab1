//! Decidim's CSV exports: `,` (participa.gencat.cat) or `;` (upstream Decidim) as the
//! separator, told apart by the header line; fields quoted as RFC 4180 says, so a field may
//! hold the separator, quotes (doubled) and line breaks.

use super::{BadInput, Cells, Place, Row, Sheet, utf8};

/// The sheet of a CSV export (its columns) and its rows, which are read one at a time as
/// they are asked for: a large export is never held as a table of cells.
pub(super) fn read<'b>(bytes: &'b [u8], source: &str) -> Result<(Sheet, Rows<'b>), BadInput> {
    let text = utf8(bytes, source)?;
    if text.trim().is_empty() {
        return Err(BadInput::new(
            source,
            "the file is empty: an export has at least a header line",
        ));
    }
    let separator = separator(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|error| problem(source, &error, 0))?
        .clone();
    let mut sheet = Sheet::new(source);
    // The sheet column of each CSV field, or none for a column that is dropped (an e-mail
    // column, or a second column of the same name).
    let mut targets = Vec::with_capacity(headers.len());
    for name in headers.iter() {
        let name = name.trim();
        let target = if sheet.has(name) {
            None
        } else {
            sheet.column_for(name)
        };
        targets.push(target);
    }
    sheet.fields = vec![0; sheet.columns().len()];
    for (field, target) in targets.iter().enumerate() {
        if let Some(column) = target {
            sheet.fields[*column] = field;
        }
    }
    let rows = Rows {
        source: source.to_string(),
        reader,
        row: Row {
            cells: Cells::Csv(csv::StringRecord::new()),
            place: Place::Csv { line: 1, row: 0 },
        },
        read: 0,
        failed: false,
    };
    Ok((sheet, rows))
}

/// The rows of a CSV export, in order, each lent while the next is read; the first that
/// is not valid CSV ends them with its error.
pub(super) struct Rows<'b> {
    reader: csv::Reader<&'b [u8]>,
    source: String,
    /// The row read last, whose buffers the next one reuses.
    row: Row,
    read: u64,
    failed: bool,
}

impl Rows<'_> {
    pub(super) fn next_row(&mut self) -> Option<Result<&Row, BadInput>> {
        if self.failed {
            return None;
        }
        let row = self.read + 1;
        let Cells::Csv(record) = &mut self.row.cells else {
            return None;
        };
        match self.reader.read_record(record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(error) => {
                self.failed = true;
                return Some(Err(problem(&self.source, &error, row)));
            }
        }
        self.read = row;
        let line = record.position().map_or(row + 1, |p| p.line());
        self.row.place = Place::Csv { line, row };
        Some(Ok(&self.row))
    }
}

/// The separator of the header line: whichever of `,`, `;` and tab it holds most of,
/// outside quotes; `,` when it holds none (a file of one column).
pub(crate) fn separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let separators = [b',', b';', b'\t'];
    let mut best = 0;
    for (index, &count) in counts.iter().enumerate() {
        if count > counts[best] {
            best = index;
        }
    }
    separators[best]
}

fn problem(source: &str, error: &csv::Error, row: u64) -> BadInput {
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            let line = pos.as_ref().map_or(row + 1, csv::Position::line);
            BadInput::new(
                source,
                format!(
                    "the row has {len} fields where the header has {expected_len} (a separator in a field that is not quoted, or a quote left open?)"
                ),
            )
            .at(Place::Csv { line, row })
        }
        _ => {
            let line = error.position().map_or(row + 1, csv::Position::line);
            BadInput::new(source, format!("it is not valid CSV ({error})"))
                .at(Place::Csv { line, row })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_header_lines() {
        assert_eq!(separator("id,title/ca,body/ca\n1;2;3\n"), b',');
        assert_eq!(separator("id;title/ca;\"a,b,c,d\"\n"), b';');
        assert_eq!(separator("id\n1\n"), b',');
        assert_eq!(separator("id\ttitle\n"), b'\t');
    }

    #[test]
    fn quoted_fields_keep_separators_quotes_and_lines() {
        let (sheet, mut rows) = read(
            "\u{feff}id;title/ca\n1;\"a; \"\"b\"\"\nc\"\n2;d\n".as_bytes(),
            "x.csv",
        )
        .expect("valid CSV");
        assert_eq!(sheet.columns(), ["id", "title/ca"]);
        let first = rows.next_row().expect("a row").expect("valid");
        assert_eq!(sheet.get(first, "title/ca"), "a; \"b\"\nc");
        let second = rows.next_row().expect("a row").expect("valid");
        assert_eq!(second.place, Place::Csv { line: 4, row: 2 });
        assert!(rows.next_row().is_none());
    }

    #[test]
    fn a_short_row_names_its_line() {
        let (_, mut rows) = read(b"id,title\n1,a\n2\n", "x.csv").expect("a header");
        assert!(rows.next_row().expect("a row").is_ok());
        let error = rows.next_row().expect("a row").expect_err("a short row");
        assert_eq!(error.place, Some(Place::Csv { line: 3, row: 2 }));
    }
}
