//! `obert contribution import`: contributions from a Decidim export, kept in
//! `contributions/<id>.toml` with the reasoned response each one is owed.
//!
//! Importing is two steps. [`read`] turns the file (CSV with either separator, JSON, or the
//! open-data ZIP) into [`Record`]s, without looking at the plan: a file that cannot be read
//! whole stops here, naming the row and column (or the JSON line and column) at fault, and
//! nothing is changed. [`import`] then merges the records into the plan through an edit
//! [`Session`](crate::edit::session::Session), which locks the plan, checks it as it would
//! be and writes every changed file at once, or shows the change as a diff.
//!
//! The way back is [`answers`]: the responses recorded in the plan as the CSV Decidim
//! imports as proposal answers.
//!
//! A contribution is keyed by its Decidim reference, so importing the same export again
//! updates counts and texts and never adds a second entry; a response recorded in the plan is
//! never replaced. docs/import.md is the user's guide.

pub mod answers;
mod archive;
mod decidim;
pub(crate) mod delimited;
pub mod hash;
mod json;
mod known;
mod merge;
mod summary;
pub mod text;
pub mod time;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

pub use decidim::{Author, Fill, Record, State, Translations};
pub use known::{Known, open};
pub use merge::{Options, contributions_file, import};
pub use summary::Summary;
pub use time::Stamp;

use crate::model::ContributionKind;

/// The Decidim id of an imported proposal (or amendment): the one the import recorded in
/// `source-id`, else, for one imported before it did, the number at the end of a Decidim
/// reference (`II-PROP-2021-05-1234`, `proposal-1234`). A contribution entered by hand has
/// none, whatever its id ends with.
pub fn proposal_id(contribution: &crate::model::Contribution) -> Option<u64> {
    if let Some(id) = contribution.source.as_ref().and_then(|source| source.id) {
        return Some(id);
    }
    decidim_id_of(&contribution.id)?.parse().ok()
}

/// The Decidim id at the end of a proposal's reference (`II-PROP-2021-05-1234`: 1234), or
/// of the id an import gives a proposal without one (`proposal-1234`).
fn decidim_id_of(id: &str) -> Option<&str> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(number) = id.strip_prefix("proposal-") {
        return digits(number).then_some(number);
    }
    let mut parts = id.rsplit('-');
    let (number, month, year, class) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    (digits(number)
        && month.len() == 2
        && digits(month)
        && year.len() == 4
        && digits(year)
        && class.eq_ignore_ascii_case("prop"))
    .then_some(number)
}

/// Whether a response is the source's own answer as it was imported: it has a
/// `from-source` fingerprint, and its status, reason and date still give it. The reason is
/// its text in the plan's first language, else (an answer the source gave in another
/// language only) its one text. A later import renews such a response when the source's
/// answer changes; an answers file does not send it back.
pub(crate) fn unchanged_since_import(response: &crate::model::Response, primary: &str) -> bool {
    use crate::model::{Keyword as _, Text};
    let Some(recorded) = &response.from_source else {
        return false;
    };
    let status = response.status.map_or("", |status| status.as_str());
    let reason = match &response.reason {
        Some(Text::Plain(text)) => text.as_str(),
        Some(Text::Translated(by_lang)) => match by_lang.get(primary) {
            Some(text) => text.as_str(),
            None if by_lang.len() == 1 => by_lang.values().next().map_or("", String::as_str),
            None => "",
        },
        None => "",
    };
    let date = response.date.map(|d| d.to_string()).unwrap_or_default();
    hash::answer_fingerprint(status, reason, &date) == *recorded
}

/// Where a row of an export is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A CSV record: the line it starts on (counting the header line) and its number among
    /// the data rows, both from 1.
    Csv { line: u64, row: u64 },
    /// An element of a JSON array, from 1, and where it starts.
    Json {
        item: usize,
        line: usize,
        column: usize,
    },
    /// A point of a JSON text (a syntax error).
    JsonText { line: usize, column: usize },
    /// A point of a text that is not UTF-8.
    Text { line: usize, column: usize },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Csv { line, row } => write!(f, "line {line} (row {row})"),
            Place::Json { item, line, column } => {
                write!(f, "item {item} (line {line}, column {column})")
            }
            Place::JsonText { line, column } | Place::Text { line, column } => {
                write!(f, "line {line}, column {column}")
            }
        }
    }
}

/// A file that cannot be imported. Nothing has been changed when this is returned.
#[derive(Debug)]
pub struct BadInput {
    /// The file as the user named it; for a ZIP, the archive and the entry.
    pub source: String,
    pub place: Option<Place>,
    pub column: Option<String>,
    pub message: String,
}

impl BadInput {
    fn new(source: &str, message: impl Into<String>) -> Self {
        BadInput {
            source: source.to_string(),
            place: None,
            column: None,
            message: message.into(),
        }
    }

    fn at(mut self, place: Place) -> Self {
        self.place = Some(place);
        self
    }

    fn column(mut self, column: &str) -> Self {
        self.column = Some(column.to_string());
        self
    }
}

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot import `{}`: ", self.source)?;
        match (&self.place, &self.column) {
            (Some(place), Some(column)) => write!(f, "{place}, column `{column}`: ")?,
            (Some(place), None) => write!(f, "{place}: ")?,
            (None, Some(column)) => write!(f, "column `{column}`: ")?,
            (None, None) => {}
        }
        write!(f, "{}; nothing was changed", self.message)
    }
}

impl std::error::Error for BadInput {}

/// A table of text read from an export: CSV as it is, JSON objects flattened the way
/// Decidim flattens them for CSV (`title/ca`, `author/name`). Columns that hold e-mail
/// addresses are dropped as the file is read, so they never reach the plan.
#[derive(Debug)]
pub struct Sheet {
    /// The file as the user named it, for messages.
    pub source: String,
    columns: Vec<String>,
    index: HashMap<String, usize>,
    /// For rows of CSV fields: the field of each column.
    fields: Vec<usize>,
}

#[derive(Debug)]
pub struct Row {
    cells: Cells,
    pub place: Place,
}

/// The cells of a row.
#[derive(Debug)]
enum Cells {
    /// One per column known when the row was read; a missing cell reads as empty.
    Text(Vec<String>),
    /// A CSV record as read, its fields in the file's order (see [`Sheet::fields`]).
    Csv(csv::StringRecord),
}

/// The rows of a sheet, each lent while the next is read. (One per sheet, so the size of
/// the CSV reader does not matter.)
#[allow(clippy::large_enum_variant)]
enum Rows<'b> {
    Csv(delimited::Rows<'b>),
    Held { rows: Vec<Row>, next: usize },
}

impl Rows<'_> {
    fn next_row(&mut self) -> Option<Result<&Row, BadInput>> {
        match self {
            Rows::Csv(rows) => rows.next_row(),
            Rows::Held { rows, next } => {
                let row = rows.get(*next)?;
                *next += 1;
                Some(Ok(row))
            }
        }
    }
}

impl Sheet {
    fn new(source: &str) -> Self {
        Sheet {
            source: source.to_string(),
            columns: Vec::new(),
            index: HashMap::new(),
            fields: Vec::new(),
        }
    }

    /// The column `name`, added when new; `None` for a column that is never kept.
    fn column_for(&mut self, name: &str) -> Option<usize> {
        if is_private_column(name) {
            return None;
        }
        if let Some(&index) = self.index.get(name) {
            return Some(index);
        }
        self.columns.push(name.to_string());
        self.index.insert(name.to_string(), self.columns.len() - 1);
        Some(self.columns.len() - 1)
    }

    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// Renames column `from` to `to`; a column already called `to` steps aside (renamed
    /// `unmapped:to`), since the mapping says which column means `to`.
    fn rename(&mut self, from: &str, to: &str) -> bool {
        let Some(index) = self.index.remove(from) else {
            return false;
        };
        if let Some(other) = self.index.remove(to) {
            let aside = format!("unmapped:{to}");
            self.columns[other] = aside.clone();
            self.index.insert(aside, other);
        }
        self.columns[index] = to.to_string();
        self.index.insert(to.to_string(), index);
        true
    }

    pub fn has(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    pub fn position(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// The cell of column `index` in `row`, trimmed.
    pub fn cell<'r>(&self, row: &'r Row, index: usize) -> &'r str {
        let cell = match &row.cells {
            Cells::Text(cells) => cells.get(index).map(String::as_str),
            // Decidim's exporter guards a CSV cell against spreadsheet formulas with a `'`
            // in front; the citizen did not write it.
            Cells::Csv(record) => self
                .fields
                .get(index)
                .and_then(|&field| record.get(field))
                .map(text::unguard),
        };
        cell.map_or("", str::trim)
    }

    /// The cell of the column `name`, or empty when the sheet has no such column.
    pub fn get<'r>(&self, row: &'r Row, name: &str) -> &'r str {
        self.position(name)
            .map_or("", |index| self.cell(row, index))
    }
}

/// Whether a column holds e-mail addresses, which obert never stores: any part of its
/// slash-joined name that says "email" or "mail".
fn is_private_column(name: &str) -> bool {
    name.split('/').any(|part| {
        let part = part.to_ascii_lowercase();
        part.contains("email")
            || part.contains("e-mail")
            || part.contains("e_mail")
            || part == "mail"
            || part == "correu"
    })
}

/// An export that has been read whole and found good, ready to merge.
///
/// It keeps the file's bytes, not its records: a record is made again from its row each
/// time [`Export::each_record`] passes over them, and dropped after. A hundred thousand
/// records take three times the bytes of the file they come from, and a merge looks at
/// each only a moment.
pub struct Export {
    /// The file as the user named it.
    pub source: String,
    /// What was read: "proposals from x.csv", one line per sheet.
    pub parts: Vec<String>,
    /// How many records it holds.
    pub records: usize,
    /// The Decidim ids of the proposals (and amendments) it holds, by component.
    pub proposals_by_component: HashMap<u64, HashSet<u64>>,
    bytes: Vec<u8>,
    extension: String,
    /// The columns `--map` renames: (header, Decidim column, key).
    renames: Vec<(String, &'static str, String)>,
    members: decidim::Members,
}

impl fmt::Debug for Export {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Export")
            .field("source", &self.source)
            .field("parts", &self.parts)
            .field("records", &self.records)
            .finish_non_exhaustive()
    }
}

impl Export {
    /// Hands every record to `visit`, filled as `fill` says, in the order of the file
    /// (the proposals of an archive before its comments).
    pub fn each_record(&self, fill: Fill, visit: &mut dyn FnMut(Record)) -> Result<(), BadInput> {
        each_record(
            &self.bytes,
            &self.source,
            &self.extension,
            &self.renames,
            fill,
            &mut |mut record| {
                self.members.tell_group(&mut record);
                visit(record);
            },
        )?;
        Ok(())
    }
}

/// The largest file (or ZIP entry) read: a Decidim export of a hundred thousand
/// contributions is far smaller.
pub const MAX_BYTES: u64 = 1 << 30;

/// Reads an export file: a Decidim CSV (`,` or `;`, with or without a byte-order mark), a
/// JSON array, or a ZIP of such files (the open-data download, or an admin export).
pub fn read(path: &Path) -> Result<Export, BadInput> {
    read_mapped(path, &[])
}

/// The keys `--map KEY=HEADER` may fill, for an export that is not Decidim's, and the
/// Decidim column each stands for: a contribution's id as it is, its title, body, date,
/// author's name, supports and number of comments. A sheet with a title is proposals; one
/// without is comments.
pub const MAPPABLE: &[(&str, &str)] = &[
    ("id", "reference"),
    ("title", "title"),
    ("body", "body"),
    ("date", "created_at"),
    ("author", "author/name"),
    ("supports", "supports"),
    ("comments", "comments"),
];

/// [`read`] for an export from any platform: each `(KEY, HEADER)` of `maps` says which
/// column holds which of the [`MAPPABLE`] keys; the rest is read as [`read`] reads it.
pub fn read_mapped(path: &Path, maps: &[(String, String)]) -> Result<Export, BadInput> {
    use crate::source::Read;
    let source = path.display().to_string();
    let bytes = match crate::source::read_regular(path, MAX_BYTES) {
        Ok(Read::Bytes(bytes)) => bytes,
        Ok(Read::TooLarge(size)) => {
            return Err(BadInput::new(
                &source,
                format!("it is too large ({size} bytes)"),
            ));
        }
        Ok(Read::Refused(why)) => return Err(BadInput::new(&source, format!("it {why}"))),
        Ok(Read::Missing) => return Err(BadInput::new(&source, "it is not there")),
        Err(error) => {
            return Err(BadInput::new(&source, format!("cannot read it ({error})")));
        }
    };
    let extension = path
        .extension()
        .map(|ext| ext.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    read_owned(bytes, &source, &extension, maps)
}

/// [`read_bytes`] with the column mapping of [`read_mapped`].
pub fn read_bytes_mapped(
    bytes: &[u8],
    source: &str,
    extension: &str,
    maps: &[(String, String)],
) -> Result<Export, BadInput> {
    read_owned(bytes.to_vec(), source, extension, maps)
}

/// [`read`] on an export already in memory: `source` names it in messages, and `extension`
/// (lower case, without the dot; empty when it has none) says its format as the file name
/// would. The fuzz targets in `fuzz/` feed it bytes without a file in between.
pub fn read_bytes(bytes: &[u8], source: &str, extension: &str) -> Result<Export, BadInput> {
    read_owned(bytes.to_vec(), source, extension, &[])
}

/// Reads every record of the export `bytes` once, so that a file that cannot be imported
/// whole is refused now, and keeps what a merge needs to know of all of them before it
/// looks at any.
fn read_owned(
    bytes: Vec<u8>,
    source: &str,
    extension: &str,
    maps: &[(String, String)],
) -> Result<Export, BadInput> {
    let keys = || {
        MAPPABLE
            .iter()
            .map(|(key, _)| *key)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut renames = Vec::with_capacity(maps.len());
    for (key, header) in maps {
        let Some((_, column)) = MAPPABLE.iter().find(|(known, _)| known == key) else {
            return Err(BadInput::new(
                source,
                format!(
                    "--map {key}={header}: `{key}` is not a key obert maps; the keys are {}",
                    keys()
                ),
            ));
        };
        renames.push((header.clone(), *column, key.clone()));
    }
    let mut records = 0;
    let mut proposals_by_component: HashMap<u64, HashSet<u64>> = HashMap::new();
    let mut members = decidim::Members::default();
    let sheets = each_record(
        &bytes,
        source,
        extension,
        &renames,
        Fill::Whole,
        &mut |record| {
            records += 1;
            if let (Some(component), Some(id)) = (record.component, record.decidim_number()) {
                proposals_by_component
                    .entry(component)
                    .or_default()
                    .insert(id);
            }
            members.learn(&record);
        },
    )?;
    let parts = sheets.iter().map(Read::describe).collect();
    Ok(Export {
        source: source.to_string(),
        parts,
        records,
        proposals_by_component,
        bytes,
        extension: extension.to_string(),
        renames,
        members,
    })
}

/// One file of an export, to be read as a sheet: the file itself, or an entry of a ZIP.
#[derive(Debug)]
struct SheetFile<'b> {
    source: String,
    bytes: std::borrow::Cow<'b, [u8]>,
    json: bool,
}

/// What one sheet of an export held.
struct Read {
    source: String,
    kind: ContributionKind,
    amendments: usize,
    others: usize,
}

impl Read {
    /// "12 proposals and 1 amendment from `x.csv`".
    fn describe(&self) -> String {
        let what = match (self.kind, self.others) {
            (ContributionKind::Comment, 1) => "comment",
            (ContributionKind::Comment, _) => "comments",
            (_, 1) => "proposal",
            (_, _) => "proposals",
        };
        let mut part = format!("{} {what}", self.others);
        if self.amendments > 0 {
            let noun = if self.amendments == 1 {
                "amendment"
            } else {
                "amendments"
            };
            part.push_str(&format!(" and {} {noun}", self.amendments));
        }
        format!("{part} from `{}`", self.source)
    }
}

/// Reads the sheets of an export, renames their columns as `--map` asked (`renames`), and
/// hands each of their records to `visit`; what each sheet held.
fn each_record(
    bytes: &[u8],
    source: &str,
    extension: &str,
    renames: &[(String, &'static str, String)],
    fill: Fill,
    visit: &mut dyn FnMut(Record),
) -> Result<Vec<Read>, BadInput> {
    let files = match Format::of(extension, bytes) {
        Format::Zip => archive::read(bytes, source)?,
        format @ (Format::Json | Format::Csv) => vec![SheetFile {
            source: source.to_string(),
            bytes: bytes.into(),
            json: format == Format::Json,
        }],
        Format::Excel => {
            return Err(BadInput::new(
                source,
                "obert does not read Excel files; export the proposals or comments as CSV or JSON",
            ));
        }
    };
    let mut sheets = Vec::with_capacity(files.len());
    for file in &files {
        let (mut amendments, mut others) = (0, 0);
        let (mut sheet, rows) = if file.json {
            let (sheet, rows) = json::read(&file.bytes, &file.source)?;
            (sheet, Rows::Held { rows, next: 0 })
        } else {
            let (sheet, rows) = delimited::read(&file.bytes, &file.source)?;
            (sheet, Rows::Csv(rows))
        };
        rename(&mut sheet, renames)?;
        let kind = decidim::records(&sheet, rows, fill, &mut |record| {
            if record.kind == ContributionKind::Amendment {
                amendments += 1;
            } else {
                others += 1;
            }
            visit(record);
        })?;
        sheets.push(Read {
            source: file.source.clone(),
            kind,
            amendments,
            others,
        });
    }
    Ok(sheets)
}

/// Renames the columns of `sheet` as `--map` asked.
fn rename(sheet: &mut Sheet, renames: &[(String, &'static str, String)]) -> Result<(), BadInput> {
    for (header, column, key) in renames {
        if !sheet.rename(header, column) {
            return Err(BadInput::new(
                &sheet.source,
                format!(
                    "--map {key}={header}: there is no column `{header}`; the columns are {}",
                    sheet.columns().join(", ")
                ),
            ));
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
    Zip,
    Excel,
}

impl Format {
    /// By the file's extension when it names a format, else by its first bytes.
    fn of(extension: &str, bytes: &[u8]) -> Format {
        match extension {
            "zip" => return Format::Zip,
            "json" => return Format::Json,
            "csv" | "tsv" | "txt" => return Format::Csv,
            "xlsx" | "xls" | "ods" => return Format::Excel,
            _ => {}
        }
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            return Format::Zip;
        }
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match text.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[' | b'{') => Format::Json,
            _ => Format::Csv,
        }
    }
}

/// The text of an export, without its byte-order mark; where it stops being UTF-8
/// otherwise.
fn utf8<'b>(bytes: &'b [u8], source: &str) -> Result<&'b str, BadInput> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = &bytes[..error.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // The bytes before the fault are valid UTF-8, so they count as characters.
        let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
        let byte = bytes.get(error.valid_up_to()).copied().unwrap_or(0);
        BadInput::new(
            source,
            format!(
                "the text is not UTF-8 (byte 0x{byte:02X}); export it again as UTF-8 (in a spreadsheet, save as \"CSV UTF-8\")"
            ),
        )
        .at(Place::Text { line, column })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_ends_with_the_decidim_id() {
        assert_eq!(decidim_id_of("II-PROP-2021-05-1234"), Some("1234"));
        assert_eq!(decidim_id_of("proposal-77"), Some("77"));
        assert_eq!(decidim_id_of("II-COM-2021-05-1234"), None);
        assert_eq!(decidim_id_of("TEST-PROP-2021-5-1"), None);
        // Entered by hand: a date and a hash, never a proposal's number.
        assert_eq!(decidim_id_of("participa-20210603-3"), None);
        assert_eq!(decidim_id_of("participa-20210603-12345678"), None);
    }

    #[test]
    fn e_mail_columns_are_never_kept() {
        assert!(is_private_column("author/email"));
        assert!(is_private_column("E-mail"));
        assert!(is_private_column("user/correu"));
        assert!(!is_private_column("author/name"));
        assert!(!is_private_column("title/ca"));
    }

    #[test]
    fn the_format_comes_from_the_extension_then_the_bytes() {
        assert_eq!(Format::of("json", b"id,title"), Format::Json);
        assert_eq!(Format::of("", b"\xEF\xBB\xBF [ {}]"), Format::Json);
        assert_eq!(Format::of("", b"PK\x03\x04rest"), Format::Zip);
        assert_eq!(Format::of("dat", b"id;title\n"), Format::Csv);
        assert_eq!(Format::of("xlsx", b"PK\x03\x04"), Format::Excel);
    }

    #[test]
    fn an_export_in_memory_reads_as_the_same_file_on_disk() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/decidim/proposals-semicolon.csv");
        let bytes = std::fs::read(&path).expect("the fixture");
        let from_file = read(&path).expect("the fixture imports");
        let from_bytes =
            read_bytes(&bytes, &path.display().to_string(), "csv").expect("the same bytes");
        assert!(from_file.records > 0);
        assert_eq!(format!("{from_bytes:?}"), format!("{from_file:?}"));
        let records = |export: &Export| {
            let mut all = Vec::new();
            export
                .each_record(Fill::Whole, &mut |record| all.push(format!("{record:?}")))
                .expect("read once already");
            all
        };
        assert_eq!(records(&from_bytes), records(&from_file));
        assert_eq!(records(&from_file).len(), from_file.records);
    }

    #[test]
    fn a_pass_over_the_links_makes_the_same_records_without_their_texts() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/decidim/proposals-semicolon.csv");
        let export = read(&path).expect("the fixture imports");
        let (mut whole, mut links) = (Vec::new(), Vec::new());
        export
            .each_record(Fill::Whole, &mut |record| whole.push(record))
            .expect("read once already");
        export
            .each_record(Fill::Links, &mut |record| links.push(record))
            .expect("read once already");
        assert_eq!(whole.len(), links.len());
        assert!(whole.iter().any(|record| !record.title.is_empty()));
        for (whole, links) in whole.iter().zip(&links) {
            assert_eq!(
                (
                    &whole.key,
                    whole.kind,
                    &whole.decidim_id,
                    &whole.url,
                    &whole.authors
                ),
                (
                    &links.key,
                    links.kind,
                    &links.decidim_id,
                    &links.url,
                    &links.authors
                )
            );
            assert!(links.title.is_empty() && links.body.is_empty() && links.stamp.is_none());
        }
    }

    #[test]
    fn text_that_is_not_utf8_says_where() {
        let error = utf8(b"id,title\n1,caf\xE9\n", "x.csv").expect_err("Latin-1");
        assert_eq!(error.place, Some(Place::Text { line: 2, column: 6 }));
        assert!(error.to_string().contains("0xE9"), "{error}");
    }
}
