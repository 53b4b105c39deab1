//! The edit commands' work, one function per command, over a [`Session`]. Each finds its
//! entry, changes only that entry, and says which part of the plan it touched so that the
//! command can report where that part now stands.

mod commitments;
mod contributions;
mod entered;
mod implementation;
mod people;
mod plan;
mod rename;
mod sheets;
mod spaces;

pub use commitments::*;
pub use contributions::*;
pub use entered::*;
pub use implementation::*;
pub use people::*;
pub use plan::*;
pub use rename::*;
pub use sheets::*;
pub use spaces::*;

use toml_edit::{DocumentMut, Item, Table, Value};

use super::fields::{self, Change};
use super::session::{EditError, Session};
use super::tables::{self, find_entry};
use crate::format;
use crate::model::Date;
use crate::suggest;

/// The part of the plan an edit changed, for the one-line "where it stands" report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affected {
    Plan,
    Organisations,
    People,
    Space(String),
    /// The spaces as a whole, after one was removed.
    Spaces,
    Commitment(String),
    Contributions(String),
    /// An entry of the implementation history (a progress report, an assessment, a
    /// publication), as the line that says what it records.
    Recorded(String),
}

/// Builds a new entry's table from its keys, in the order given, leaving out absent ones.
fn table_of(pairs: Vec<(&str, Option<Value>)>) -> Table {
    let mut table = Table::new();
    for (key, value) in pairs {
        if let Some(value) = value {
            table.insert(key, Item::Value(value));
        }
    }
    table
}

fn string(text: &str) -> Option<Value> {
    Some(Value::from(text))
}

fn optional(text: Option<&str>) -> Option<Value> {
    text.map(Value::from)
}

/// "no organisation `x`", with the nearest existing id when one is close.
fn not_found<'a>(kind: &str, id: &str, existing: impl Iterator<Item = &'a str>) -> EditError {
    let hint = suggest::hint(id, existing).map_or(String::new(), |hint| format!("; {hint}"));
    EditError::Refused(format!("there is no {kind} `{id}`{hint}"))
}

/// The entry of `items` whose id is `id`, or "there is no {kind} `id`" with the nearest id.
fn find<'p, T>(
    kind: &str,
    id: &str,
    items: &'p [T],
    id_of: impl Fn(&T) -> &str,
) -> Result<&'p T, EditError> {
    items
        .iter()
        .find(|item| id_of(item) == id)
        .ok_or_else(|| not_found(kind, id, items.iter().map(&id_of)))
}

/// Where an entry lives in its file.
struct EntryAt<'a> {
    path: &'a str,
    front_matter: bool,
    /// The array of tables (`person`), or `None` for the file's root table.
    array: Option<&'a str>,
    /// The key that holds an entry's id, and the id.
    id: Option<(&'a str, &'a str)>,
    /// Or the entry's index, counted from 0.
    index: Option<usize>,
}

impl<'a> EntryAt<'a> {
    /// The entry of `array` in `path` whose `key` is `id`.
    fn keyed(path: &'a str, array: &'a str, key: &'a str, id: &'a str) -> Self {
        EntryAt {
            path,
            front_matter: false,
            array: Some(array),
            id: Some((key, id)),
            index: None,
        }
    }

    /// The root table of `path`: a space file, or a commitment's front matter.
    fn root(path: &'a str, front_matter: bool) -> Self {
        EntryAt {
            path,
            front_matter,
            array: None,
            id: None,
            index: None,
        }
    }

    fn locate<'d>(&self, doc: &'d mut DocumentMut) -> Option<&'d mut Table> {
        let Some(array) = self.array else {
            return Some(doc.as_table_mut());
        };
        let index = match (self.id, self.index) {
            (Some((key, id)), _) => find_entry(doc, array, key, id)?,
            (None, Some(index)) => index,
            (None, None) => return None,
        };
        tables::entries_mut(doc, array)?.get_mut(index)
    }
}

/// Applies one `set` change to the entry at `at`, a table of the kind `spec` declares.
fn set_field(
    session: &mut Session,
    at: EntryAt<'_>,
    spec: &'static format::Table,
    what: &str,
    name: &str,
    change: &Change,
) -> Result<(), EditError> {
    if let (Some(array), Some(id), false) = (at.array, at.id, at.front_matter) {
        // One entry changes: only it is opened, in a large file.
        let field = fields::find(spec, name, what)?;
        let language = session.primary_language().to_string();
        let missing = format!("{what} is not in `{}`", session.display_path(at.path));
        let note = session.edit_entry(at.path, array, id, |doc| {
            let table = at.locate(doc).ok_or(EditError::Refused(missing))?;
            fields::apply(table, field, change, spec, &language)
        })?;
        if let Some(note) = note {
            session.note(note);
        }
        return Ok(());
    }
    let target = SetTarget {
        path: at.path,
        front_matter: at.front_matter,
        spec,
        what,
    };
    set_in(
        session,
        &target,
        |doc| at.locate(doc),
        name,
        change,
        |_| Ok(()),
    )
}

/// The entry a `set` changes: where it lives and what it is.
struct SetTarget<'a> {
    path: &'a str,
    front_matter: bool,
    /// The kind of table the entry is.
    spec: &'static format::Table,
    /// How messages name it ("member `g1` of `motor`").
    what: &'a str,
}

/// Applies one `set` change to the table that `locate` finds in the target's file, then
/// lets `check` refuse the entry as changed (a phase that would end before it starts):
/// for entries that [`EntryAt`] cannot point at.
fn set_in(
    session: &mut Session,
    target: &SetTarget<'_>,
    locate: impl FnOnce(&mut DocumentMut) -> Option<&mut Table>,
    name: &str,
    change: &Change,
    check: impl FnOnce(&Table) -> Result<(), EditError>,
) -> Result<(), EditError> {
    let spec = target.spec;
    let field = fields::find(spec, name, target.what)?;
    let language = session.primary_language().to_string();
    let missing = format!(
        "{} is not in `{}`",
        target.what,
        session.display_path(target.path)
    );
    let note = session.edit(target.path, target.front_matter, |doc| {
        let table = locate(doc).ok_or(EditError::Refused(missing))?;
        let note = fields::apply(table, field, change, spec, &language)?;
        check(table)?;
        Ok(note)
    })?;
    if let Some(note) = note {
        session.note(note);
    }
    Ok(())
}

/// The dates of `first` and `last` in `table` when `last` comes before `first`: an entry
/// that would end before it starts.
fn dates_out_of_order(table: &Table, first: &str, last: &str) -> Option<(Date, Date)> {
    let date = |key: &str| {
        let value = table.get(key)?.as_value()?.as_datetime()?;
        Date::parse(&value.to_string())
    };
    let (start, end) = (date(first)?, date(last)?);
    (end < start).then_some((start, end))
}

/// Removes the entry at `at`; refused (by the plan check) while anything refers to it.
fn remove_at(session: &mut Session, at: EntryAt<'_>, what: &str) -> Result<(), EditError> {
    session.removing(what.to_string());
    let missing = format!("{what} is not in `{}`", session.display_path(at.path));
    let Some(array) = at.array else {
        return Err(EditError::Refused(missing));
    };
    session.edit(at.path, at.front_matter, |doc| {
        let index = match (at.id, at.index) {
            (Some((key, id)), _) => find_entry(doc, array, key, id),
            (None, index) => index.filter(|&i| {
                tables::entries_mut(doc, array).is_some_and(|entries| i < entries.len())
            }),
        };
        let index = index.ok_or(EditError::Refused(missing))?;
        tables::remove_entry(doc, array, index);
        Ok(())
    })
}
