//! `obert list KIND`: one row per entry, as a table for people or as CSV / JSON for scripts.
//!
//! Which columns each kind has lives in [`rows`]; this file parses the arguments and prints
//! the rows in the chosen format. The table style is [`super::view::Grid`].

mod rows;

use std::io::Write;
use std::path::Path;

use anyhow::bail;
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::Outcome;
use super::view::Grid;
use crate::model::EntryKind;
use crate::rules::Context;
use crate::suggest;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to list
    #[arg(value_name = "KIND", value_parser = listed_kind())]
    pub(crate) kind: EntryKind,
    /// Only the members, meetings or contributions of this space
    #[arg(long, value_name = "ID")]
    pub(crate) space: Option<String>,
    /// Only the contributions of this phase (of their file, or whose date falls in it)
    #[arg(long, value_name = "ID")]
    pub(crate) phase: Option<String>,
    /// Only the contributions still owed a response
    #[arg(long)]
    pub(crate) unanswered: bool,
    /// How to print the rows
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    /// List the entries as they were at this git revision (a commit, branch, tag, HEAD~1…),
    /// read from the repository without checking it out
    #[arg(long, value_name = "REV")]
    pub(crate) rev: Option<String>,
}

/// The kinds of entry `list` lists, as their plurals (`people`, `members`).
const LISTED: [EntryKind; 8] = [
    EntryKind::Person,
    EntryKind::Organisation,
    EntryKind::Space,
    EntryKind::Member,
    EntryKind::Meeting,
    EntryKind::Commitment,
    EntryKind::Milestone,
    EntryKind::Contribution,
];

/// Takes a kind by its plural; the shell completions offer the same words.
fn listed_kind() -> impl clap::builder::TypedValueParser<Value = EntryKind> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(LISTED.map(EntryKind::plural)).map(|word| {
        LISTED
            .into_iter()
            .find(|kind| kind.plural() == word)
            // The parser has accepted only the plurals of LISTED.
            .unwrap_or(EntryKind::Person)
    })
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    /// Aligned columns, for people (some columns are left to CSV and JSON)
    Table,
    /// An array of objects, every column, keys in a fixed order
    Json,
    /// RFC 4180 comma-separated values with a header line, every column
    Csv,
}

/// One column of a listing: its key (the JSON key and CSV header) and whether the table
/// shows it too. A table that held every field would be too wide to read, so it keeps the
/// ones a person scans for; scripts get them all.
#[derive(Debug, Clone, Copy)]
struct Column {
    key: &'static str,
    in_table: bool,
}

/// One cell. Kept typed until printing so that JSON gets numbers, booleans, arrays and
/// `null` rather than strings.
#[derive(Debug, Clone)]
enum Value {
    Text(String),
    Number(u64),
    Bool(bool),
    List(Vec<String>),
    Null,
}

/// What one `list` prints: its columns and one row per entry, cells in column order.
#[derive(Debug)]
struct Listing {
    columns: &'static [Column],
    rows: Vec<Vec<Value>>,
}

pub(crate) fn run(plan: Option<&Path>, args: Args) -> anyhow::Result<Outcome> {
    // Checked before loading: a misplaced option is wrong whatever the plan holds.
    let filters = matches!(
        args.kind,
        EntryKind::Member | EntryKind::Meeting | EntryKind::Contribution
    );
    if args.space.is_some() && !filters {
        bail!(
            "`--space` applies to members, meetings and contributions, not to {}",
            args.kind.plural()
        );
    }
    if (args.phase.is_some() || args.unanswered) && args.kind != EntryKind::Contribution {
        bail!(
            "`--phase` and `--unanswered` apply to contributions, not to {}",
            args.kind.plural()
        );
    }
    let loaded = match &args.rev {
        Some(rev) => {
            let (_source, info, loaded) = super::open_plan_at(plan, rev)?;
            crate::cli::note!("listing the plan as it was at {info}");
            loaded
        }
        None => super::open_plan(plan)?.1,
    };
    let cx = Context::new(&loaded);
    if let Some(space) = &args.space
        && !cx.spaces.contains_key(space.as_str())
    {
        let ids = cx.plan.spaces.iter().map(|s| s.id.as_str());
        match suggest::hint(space, ids) {
            Some(hint) => bail!("there is no space `{space}`; {hint}"),
            None => bail!("there is no space `{space}`; `obert list spaces` lists them"),
        }
    }
    let filter = rows::Filter {
        space: args.space.as_deref(),
        phase: args.phase.as_deref(),
        unanswered: args.unanswered,
    };
    let listing = rows::listing(&cx, args.kind, &filter);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Table if listing.rows.is_empty() => {
            crate::cli::note!("no {} to list", args.kind.plural());
        }
        Format::Table => {
            let table = table_of(&listing).to_string();
            writeln!(out, "{}", crate::terminal::printable(&table))?;
        }
        Format::Csv => {
            let mut csv = Vec::new();
            write_csv(&listing, &mut csv)?;
            out.write_all(crate::terminal::printable(&String::from_utf8_lossy(&csv)).as_bytes())?;
        }
        Format::Json => {
            // Through `io::Error`, so that `main` sees a closed pipe for what it is.
            serde_json::to_writer_pretty(&mut out, &JsonRows(&listing))
                .map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Clean)
}

/// The columns of free text, which a table on a narrow terminal may wrap.
const PROSE: &[&str] = &["shown as", "name", "title", "output", "spaces", "minutes"];

fn table_of(listing: &Listing) -> Grid {
    let shown: Vec<usize> = (0..listing.columns.len())
        .filter(|&i| listing.columns[i].in_table)
        .collect();
    let header: Vec<String> = shown
        .iter()
        .map(|&i| listing.columns[i].key.replace('_', " "))
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = Grid::new(&header, PROSE);
    for row in &listing.rows {
        table.add_row(shown.iter().map(|&i| match &row[i] {
            Value::Text(text) => text.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
            Value::List(items) => items.join(", "),
            Value::Null => String::new(),
        }));
    }
    table
}

fn write_csv(listing: &Listing, out: &mut impl Write) -> std::io::Result<()> {
    let header: Vec<&str> = listing.columns.iter().map(|c| c.key).collect();
    writeln!(out, "{}", header.join(","))?;
    for row in &listing.rows {
        let fields: Vec<String> = row
            .iter()
            .map(|value| match value {
                Value::Text(text) => csv_field(text),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                // Ids never hold `;`, so it splits a list cell back unambiguously.
                Value::List(items) => csv_field(&items.join(";")),
                Value::Null => String::new(),
            })
            .collect();
        writeln!(out, "{}", fields.join(","))?;
    }
    Ok(())
}

/// A field quoted as RFC 4180 asks: only when it holds a comma, a quote or a line break,
/// with quotes doubled. (Lines end in `\n`, not the RFC's `\r\n`, as Unix tools expect;
/// every CSV reader accepts both.)
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The rows as an array of objects whose keys keep the column order (serde_json's own
/// `Map` would sort them).
struct JsonRows<'a>(&'a Listing);

struct JsonRow<'a>(&'static [Column], &'a [Value]);

impl Serialize for JsonRows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.rows.iter().map(|row| JsonRow(self.0.columns, row)))
    }
}

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (column, value) in self.0.iter().zip(self.1) {
            match value {
                Value::Text(text) => map.serialize_entry(column.key, text)?,
                Value::Number(n) => map.serialize_entry(column.key, n)?,
                Value::Bool(b) => map.serialize_entry(column.key, b)?,
                Value::List(items) => map.serialize_entry(column.key, items)?,
                Value::Null => map.serialize_entry(column.key, &())?,
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_csv_fields_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("cr\rhere"), "\"cr\rhere\"");
    }
}
