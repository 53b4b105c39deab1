//! Decidim's CSV exports: `,` (participa.gencat.cat) or `;` (upstream Decidim) as the
//! separator, told apart by the header line; fields quoted as RFC 4180 says, so a field may
//! hold the separator, quotes (doubled) and line breaks.

use super::{BadInput, Place, Sheet, utf8};

pub(super) fn read(bytes: &[u8], source: &str) -> Result<Sheet, BadInput> {
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
    let width = sheet.columns().len();
    for (index, record) in reader.records().enumerate() {
        let row = index as u64 + 1;
        let record = record.map_err(|error| problem(source, &error, row))?;
        let line = record.position().map_or(row + 1, |p| p.line());
        let mut cells = vec![String::new(); width];
        for (field, target) in record.iter().zip(&targets) {
            if let Some(target) = target {
                // Decidim's exporter guards a CSV cell against spreadsheet formulas with a
                // `'` in front; the citizen did not write it.
                cells[*target] = super::text::unguard(field).to_string();
            }
        }
        sheet.rows.push(super::Row {
            cells,
            place: Place::Csv { line, row },
        });
    }
    Ok(sheet)
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
        let sheet = read(
            "\u{feff}id;title/ca\n1;\"a; \"\"b\"\"\nc\"\n2;d\n".as_bytes(),
            "x.csv",
        )
        .expect("valid CSV");
        assert_eq!(sheet.columns(), ["id", "title/ca"]);
        assert_eq!(sheet.get(&sheet.rows[0], "title/ca"), "a; \"b\"\nc");
        assert_eq!(sheet.rows[1].place, Place::Csv { line: 4, row: 2 });
    }

    #[test]
    fn a_short_row_names_its_line() {
        let error = read(b"id,title\n1,a\n2\n", "x.csv").expect_err("a short row");
        assert_eq!(error.place, Some(Place::Csv { line: 3, row: 2 }));
    }
}
