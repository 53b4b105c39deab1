//! Entries from a spreadsheet: `obert org import`, `obert person import` and `obert member
//! import` read a CSV whose columns are the format's keys (or any columns, mapped to keys
//! with `--map KEY=HEADER`), and add or update one entry per row, keyed by its id.
//!
//! The whole sheet goes into one edit of one file, parsed once: every row is checked and
//! applied in memory, new entries are appended together, and the session then checks the
//! plan as a whole before anything is written. A row that cannot be entered refuses the
//! whole import, with its line and column in the sheet. An empty cell leaves the field as
//! it is; a row that says what the plan says already changes nothing, so importing the
//! same sheet twice changes nothing the second time.

use std::collections::{HashMap, HashSet};

use toml_edit::{Item, Table, Value};

use super::*;
use crate::edit::tables::append_entries;
use crate::format::{Key, Set, Ty};
use crate::model::EntryKind;

/// The most bytes a sheet may hold: far more than any plan's people, and a bound on what
/// a mistaken path (a disk image, a device) can make obert read.
pub const MAX_SHEET_BYTES: u64 = 64 * 1024 * 1024;

/// A spreadsheet read and its columns matched to the keys of an entry.
#[derive(Debug)]
pub struct Sheet {
    /// The file as the user named it, for messages.
    name: String,
    /// Per column, the key it fills; the id column fills `id_key`.
    columns: Vec<&'static Key>,
    rows: Vec<SheetRow>,
}

#[derive(Debug)]
struct SheetRow {
    /// The line of the file the row starts on, 1 being the header.
    line: u64,
    cells: Vec<String>,
}

/// What an import did, row by row.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Where the entries of a sheet go: the array of tables `array` of `path`, described by
/// `spec`, each entry named by its `id_key`.
#[derive(Debug, Clone, Copy)]
pub struct SheetTarget<'a> {
    pub path: &'a str,
    pub array: &'static str,
    pub id_key: &'static str,
    pub spec: &'static format::Table,
    /// The keys of the file's root that a first entry goes after.
    pub comes_after: &'a [&'static str],
    /// How a message names one entry: `person`, `organisation`, `member`.
    pub noun: &'static str,
}

/// organisations.toml, for `obert org import`.
pub const ORGANISATIONS_SHEET: SheetTarget<'static> = SheetTarget {
    path: "organisations.toml",
    array: "organisation",
    id_key: "id",
    spec: &format::ORGANISATION,
    comes_after: &[],
    noun: "organisation",
};

/// people.toml, for `obert person import`.
pub const PEOPLE_SHEET: SheetTarget<'static> = SheetTarget {
    path: "people.toml",
    array: "person",
    id_key: "id",
    spec: &format::PERSON,
    comes_after: &[],
    noun: "person",
};

/// The keys a sheet may fill: the entry's fields that hold a value (not tables, not
/// `allow`), whether `set` changes them or another command does.
fn importable(key: &Key) -> bool {
    !matches!(key.ty, Ty::Table(_) | Ty::Tables(_) | Ty::Allow | Ty::Lints)
        && !matches!(key.set, Set::No(_))
}

/// Reads a CSV sheet (`,`, `;` or tab, told apart by the header line; a UTF-8 byte order
/// mark is skipped) and matches its columns to the keys of `target`: a header that names
/// a key fills that key, and `maps` (`KEY`, `HEADER`) fill a key from any other header.
pub fn read_sheet(
    bytes: &[u8],
    name: &str,
    target: &SheetTarget<'_>,
    maps: &[(String, String)],
) -> Result<Sheet, EditError> {
    let refuse = |line: u64, column: Option<usize>, message: String| {
        let at = match column {
            Some(column) => format!("{name}:{line}:{column}"),
            None => format!("{name}:{line}"),
        };
        EditError::Refused(format!("{at}: {message}"))
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = bytes[..error.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64
            + 1;
        refuse(
            line,
            None,
            "the file is not UTF-8 text; save the sheet as CSV UTF-8".to_string(),
        )
    })?;
    if text.trim().is_empty() {
        return Err(refuse(
            1,
            None,
            format!(
                "the file is empty: a sheet has a header line of keys, such as `{}`",
                target.id_key
            ),
        ));
    }
    let key_of = |wanted: &str| -> Result<&'static Key, String> {
        match target.spec.key(wanted) {
            Some(key) if key.name == target.id_key || importable(key) => Ok(key),
            _ => {
                let keys: Vec<&str> = target
                    .spec
                    .keys
                    .iter()
                    .filter(|key| key.name == target.id_key || importable(key))
                    .map(|key| key.name)
                    .collect();
                let hint = crate::suggest::hint(wanted, keys.iter().copied())
                    .map_or(String::new(), |hint| format!("{hint}; "));
                Err(format!(
                    "{hint}a {} has the keys {}",
                    target.noun,
                    keys.join(", ")
                ))
            }
        }
    };
    let mut mapped: HashMap<&str, &'static Key> = HashMap::new();
    for (key, header) in maps {
        let key = key_of(key.trim())
            .map_err(|why| EditError::Refused(format!("--map {key}={header}: {why}")))?;
        mapped.insert(header.trim(), key);
    }

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(crate::import::delimited::separator(text))
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|error| refuse(1, None, csv_problem(&error)))?
        .clone();
    let mut columns = Vec::with_capacity(headers.len());
    let mut filled: HashMap<&str, usize> = HashMap::new();
    for (index, header) in headers.iter().enumerate() {
        let header = header.trim();
        let key = match mapped.get(header) {
            Some(key) => *key,
            None => key_of(header).map_err(|why| {
                refuse(
                    1,
                    Some(index + 1),
                    format!(
                        "column `{header}` is not a key: {why}. Name the column after a key, or map it with `--map KEY={header}`"
                    ),
                )
            })?,
        };
        if let Some(first) = filled.insert(key.name, index + 1) {
            return Err(refuse(
                1,
                Some(index + 1),
                format!("column {first} fills `{}` already", key.name),
            ));
        }
        columns.push(key);
    }
    for (key, header) in maps {
        if !headers.iter().any(|h| h.trim() == header.trim()) {
            return Err(EditError::Refused(format!(
                "--map {key}={header}: {name} has no column `{header}`; its columns are {}",
                headers.iter().collect::<Vec<_>>().join(", ")
            )));
        }
    }
    if !filled.contains_key(target.id_key) {
        return Err(refuse(
            1,
            None,
            format!(
                "no column gives each {}'s `{}`: name one `{}`, or map one with `--map {}=HEADER`",
                target.noun, target.id_key, target.id_key, target.id_key
            ),
        ));
    }
    // Lines counted from the records' byte offsets: the reader's own count does not
    // advance on `\r\n`, which spreadsheets write. Offsets only grow, so the count does
    // too, in one pass over the text.
    let line_of = {
        let (mut counted_to, mut line) = (0usize, 1u64);
        move |offset: u64| {
            let mut offset = usize::try_from(offset)
                .unwrap_or(usize::MAX)
                .min(text.len());
            // After `\r\n` the reader places a record at its `\n`.
            if text.as_bytes().get(offset) == Some(&b'\n') {
                offset += 1;
            }
            if offset >= counted_to {
                line += text.as_bytes()[counted_to..offset]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count() as u64;
                counted_to = offset;
            }
            line
        }
    };
    let mut line_of = line_of;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| line_of(p.byte()));
                return Err(refuse(line, None, csv_problem(&error)));
            }
        };
        let line = record.position().map_or(0, |p| line_of(p.byte()));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        rows.push(SheetRow {
            line,
            cells: record.iter().map(|cell| cell.trim().to_string()).collect(),
        });
    }
    Ok(Sheet {
        name: name.to_string(),
        columns,
        rows,
    })
}

/// A CSV error without the position the caller already gives.
fn csv_problem(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "this row has {len} cells and the header {expected_len}: a cell that holds the separator needs quotes"
        ),
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text".to_string(),
        _ => error.to_string(),
    }
}

/// The ids the plan has of each kind a sheet's references may name.
fn known_ids(plan: &crate::model::Plan) -> HashMap<EntryKind, HashSet<&str>> {
    let mut known: HashMap<EntryKind, HashSet<&str>> = HashMap::new();
    known.insert(
        EntryKind::Organisation,
        plan.organisations.iter().map(|o| o.id.as_str()).collect(),
    );
    known.insert(
        EntryKind::Person,
        plan.people.iter().map(|p| p.id.as_str()).collect(),
    );
    known
}

/// Adds or updates one entry of `target` per row of `sheet`, in one edit of its file.
pub fn import_sheet(
    session: &mut Session,
    target: &SheetTarget<'_>,
    sheet: &Sheet,
) -> Result<Imported, EditError> {
    let language = session.primary_language().to_string();
    let plan = session.plan();
    let known = known_ids(plan);
    // A reference to an entry the plan lacks is told at its cell, before the plan check
    // would tell it at a line of the plan file.
    let mut problems: Vec<String> = Vec::new();
    for row in &sheet.rows {
        for (index, (key, cell)) in sheet.columns.iter().zip(&row.cells).enumerate() {
            let kinds: Vec<EntryKind> = match key.ty {
                Ty::Ref(kinds) => kinds.to_vec(),
                Ty::Refs(kind) => vec![kind],
                _ => continue,
            };
            let ids: Vec<&str> = match key.ty {
                Ty::Refs(_) => cell.split([',', ' ']).filter(|id| !id.is_empty()).collect(),
                _ if cell.is_empty() => Vec::new(),
                _ => vec![cell.as_str()],
            };
            for id in ids {
                // Only the kinds the plan lists here are checked; the plan check does the rest.
                let listed = kinds.iter().filter_map(|kind| known.get(kind));
                let mut lists = listed.peekable();
                if lists.peek().is_none() {
                    continue;
                }
                if !lists.any(|ids| ids.contains(id)) {
                    let kind = kinds.first().map_or("entry", |kind| kind.word());
                    problems.push(format!(
                        "{}:{}:{}: `{}` names {kind} `{id}`, which the plan does not have; add it first",
                        sheet.name,
                        row.line,
                        index + 1,
                        key.name
                    ));
                }
            }
        }
        if problems.len() >= 20 {
            break;
        }
    }
    if !problems.is_empty() {
        return Err(EditError::Refused(problems.join("\n")));
    }

    let id_column = sheet
        .columns
        .iter()
        .position(|key| key.name == target.id_key)
        .ok_or_else(|| EditError::Refused(format!("{}: no id column", sheet.name)))?;
    let shown = session.display_path(target.path);
    session.edit(target.path, false, |doc| {
        let mut counts = Imported::default();
        // Each existing entry by id; for a member, the latest entry of the person.
        let mut existing: HashMap<String, usize> = HashMap::new();
        match doc.get(target.array) {
            None => {}
            Some(Item::ArrayOfTables(entries)) => {
                for (index, entry) in entries.iter().enumerate() {
                    if let Some(id) = entry.get(target.id_key).and_then(Item::as_str) {
                        existing.insert(id.to_string(), index);
                    }
                }
            }
            Some(_) => {
                return Err(EditError::Refused(
                    crate::edit::tables::NotEntries(target.array.to_string()).to_string(),
                ));
            }
        }
        let mut seen: HashMap<String, u64> = HashMap::new();
        let mut new_entries: Vec<Table> = Vec::new();
        for row in &sheet.rows {
            let at = |column: usize| format!("{}:{}:{}", sheet.name, row.line, column + 1);
            let id = row.cells[id_column].as_str();
            if id.is_empty() {
                return Err(EditError::Refused(format!(
                    "{}: the row has no `{}`",
                    at(id_column),
                    target.id_key
                )));
            }
            fields::id(target.id_key, id)
                .map_err(|error| EditError::Refused(format!("{}: {error}", at(id_column))))?;
            if let Some(first) = seen.insert(id.to_string(), row.line) {
                return Err(EditError::Refused(format!(
                    "{}: {} `{id}` is on line {first} already; give each one row",
                    at(id_column),
                    target.noun
                )));
            }
            let fill = |table: &mut Table| -> Result<(), EditError> {
                for (column, (key, cell)) in sheet.columns.iter().zip(&row.cells).enumerate() {
                    if column == id_column || cell.is_empty() {
                        continue;
                    }
                    let change = Change::Set {
                        value: cell.clone(),
                        lang: None,
                    };
                    // A value set outright starts from nothing: there is no note to give.
                    fields::apply(table, key, &change, target.spec, &language)
                        .map_err(|error| EditError::Refused(format!("{}: {error}", at(column))))?;
                }
                Ok(())
            };
            match existing.get(id) {
                Some(&index) => {
                    let entries = tables::entries_mut(doc, target.array)
                        .ok_or_else(|| EditError::Refused(format!("{shown} changed")))?;
                    let table = entries
                        .get_mut(index)
                        .ok_or_else(|| EditError::Refused(format!("{shown} changed")))?;
                    let before = table.to_string();
                    fill(table)?;
                    if table.to_string() == before {
                        counts.unchanged += 1;
                    } else {
                        counts.updated += 1;
                    }
                }
                None => {
                    let mut table = Table::new();
                    table.insert(target.id_key, Item::Value(Value::from(id)));
                    fill(&mut table)?;
                    new_entries.push(table);
                    counts.added += 1;
                }
            }
        }
        append_entries(doc, target.array, new_entries, target.comes_after)?;
        Ok(counts)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, maps: &[(&str, &str)]) -> Result<Sheet, String> {
        let maps: Vec<(String, String)> = maps
            .iter()
            .map(|(k, h)| (k.to_string(), h.to_string()))
            .collect();
        read_sheet(text.as_bytes(), "people.csv", &PEOPLE_SHEET, &maps).map_err(|e| e.to_string())
    }

    #[test]
    fn separators_and_a_byte_order_mark() {
        for text in [
            "id,name\na1,Anna\n",
            "id;name\na1;Anna\n",
            "\u{feff}id;name\r\na1;Anna\r\n",
            "id\tname\na1\tAnna\n",
        ] {
            let sheet = read(text, &[]).expect(text);
            assert_eq!(sheet.columns.len(), 2, "{text}");
            assert_eq!(sheet.rows[0].cells, ["a1", "Anna"], "{text}");
            assert_eq!(sheet.rows[0].line, 2, "{text:?}");
        }
    }

    #[test]
    fn headers_are_keys_or_mapped() {
        let sheet = read(
            "Codi,Nom complet\na1,Anna\n",
            &[("id", "Codi"), ("name", "Nom complet")],
        )
        .expect("mapped");
        assert_eq!(sheet.columns[1].name, "name");
        let unknown = read("id,organisaton\na1,x\n", &[]).expect_err("refused");
        assert!(
            unknown.starts_with("people.csv:1:2: column `organisaton` is not a key")
                && unknown.contains("organisation"),
            "{unknown}"
        );
        let no_id = read("name\nAnna\n", &[]).expect_err("refused");
        assert!(
            no_id.contains("no column gives each person's `id`"),
            "{no_id}"
        );
        let twice = read("id,name,Nom\na,b,c\n", &[("name", "Nom")]).expect_err("refused");
        assert!(
            twice.contains("people.csv:1:3: column 2 fills `name` already"),
            "{twice}"
        );
        let missing = read("id\na\n", &[("name", "Nom")]).expect_err("refused");
        assert!(missing.contains("has no column `Nom`"), "{missing}");
        let ragged = read("id,name\na1\n", &[]).expect_err("refused");
        assert!(
            ragged.starts_with("people.csv:2: this row has 1 cells"),
            "{ragged}"
        );
    }
}
