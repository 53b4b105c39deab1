//! `person rename` and `org rename`: a new id for an entry, and every reference to it in
//! the plan rewritten, in one edit of every file that names it.
//!
//! The references are found by walking the format's declarations, not a list kept here:
//! every key of type `Ref`/`Refs` that may name the kind, in every table of every file, so
//! that a key the format gains later is renamed too.

use toml_edit::TableLike;

use super::*;
use crate::format::{FileKind, Ty};
use crate::model::EntryKind;

pub fn person_rename(session: &mut Session, old: &str, new: &str) -> Result<Affected, EditError> {
    let ids: Vec<String> = session.plan().people.iter().map(|p| p.id.clone()).collect();
    rename(
        session,
        EntryKind::Person,
        "people.toml",
        "person",
        &ids,
        old,
        new,
    )?;
    Ok(Affected::People)
}

pub fn org_rename(session: &mut Session, old: &str, new: &str) -> Result<Affected, EditError> {
    let ids: Vec<String> = session
        .plan()
        .organisations
        .iter()
        .map(|o| o.id.clone())
        .collect();
    rename(
        session,
        EntryKind::Organisation,
        "organisations.toml",
        "organisation",
        &ids,
        old,
        new,
    )?;
    Ok(Affected::Organisations)
}

/// Gives the `kind` entry `old` of `array` in `path` the id `new`, and rewrites every
/// reference to it; `ids` are the ids such entries have now.
fn rename(
    session: &mut Session,
    kind: EntryKind,
    path: &str,
    array: &str,
    ids: &[String],
    old: &str,
    new: &str,
) -> Result<(), EditError> {
    let word = kind.word();
    if !ids.iter().any(|id| id == old) {
        return Err(not_found(word, old, ids.iter().map(String::as_str)));
    }
    fields::id("id", new)?;
    if ids.iter().any(|id| id == new) {
        let why = if new == old {
            "that is its id already".to_string()
        } else {
            format!("{word} `{new}` exists already")
        };
        return Err(EditError::Refused(format!(
            "cannot rename {word} `{old}` to `{new}`: {why}; choose an id that no {word} has"
        )));
    }
    session.renaming(old, new);
    let missing = format!("{word} `{old}` is not in `{}`", session.display_path(path));
    session.edit(path, false, |doc| {
        let index = tables::find_entry(doc, array, "id", old);
        let id = index
            .and_then(|i| tables::entries_mut(doc, array)?.get_mut(i))
            .and_then(|entry| entry.get_mut("id")?.as_value_mut())
            .ok_or(EditError::Refused(missing))?;
        rename_value(id, old, new);
        Ok(())
    })?;
    let mut references = 0;
    let mut files = 0;
    for file_path in session.toml_files() {
        let Some(file) = FileKind::of(&file_path) else {
            continue;
        };
        let front_matter = file == FileKind::Commitment;
        let count = session.edit(&file_path, front_matter, |doc| {
            Ok(rewrite(doc.as_table_mut(), file.root(), kind, old, new))
        })?;
        references += count;
        files += usize::from(count > 0);
    }
    session.note(format!(
        "renamed {word} `{old}` to `{new}` and {} to it in {}",
        crate::rules::count_noun(references, "reference", "references"),
        crate::rules::count_noun(files, "file", "files")
    ));
    Ok(())
}

/// Rewrites, in `table` (of the kind `spec` declares) and every table inside it, each
/// reference to the `kind` entry `old` so that it names `new`; returns how many.
fn rewrite(
    table: &mut dyn TableLike,
    spec: &format::Table,
    kind: EntryKind,
    old: &str,
    new: &str,
) -> usize {
    let mut count = 0;
    for key in spec.keys {
        let Some(item) = table.get_mut(key.name) else {
            continue;
        };
        count += match key.ty {
            Ty::Ref(kinds) if kinds.contains(&kind) => item
                .as_value_mut()
                .map_or(0, |value| rename_value(value, old, new)),
            Ty::Refs(of) if of == kind => item.as_array_mut().map_or(0, |items| {
                items
                    .iter_mut()
                    .map(|value| rename_value(value, old, new))
                    .sum()
            }),
            Ty::Table(inner) => item
                .as_table_like_mut()
                .map_or(0, |table| rewrite(table, inner, kind, old, new)),
            // Entries as `[[key]]` tables, or written inline as a list of tables.
            Ty::Tables(inner) => match item {
                Item::ArrayOfTables(entries) => entries
                    .iter_mut()
                    .map(|entry| rewrite(entry, inner, kind, old, new))
                    .sum(),
                Item::Value(Value::Array(entries)) => entries
                    .iter_mut()
                    .filter_map(Value::as_inline_table_mut)
                    .map(|entry| rewrite(entry, inner, kind, old, new))
                    .sum(),
                _ => 0,
            },
            _ => 0,
        };
    }
    count
}

/// Replaces the string `old` with `new`, keeping the spaces and comment around it;
/// whether it did (1) or not (0).
fn rename_value(value: &mut Value, old: &str, new: &str) -> usize {
    if value.as_str() != Some(old) {
        return 0;
    }
    let decor = value.decor().clone();
    *value = Value::from(new);
    *value.decor_mut() = decor;
    1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Key;

    /// A format of its own: the walk follows what the declarations say, whatever they are.
    static ENTRY: format::Table = format::Table {
        name: "[[entry]]",
        what: "an entry",
        doc: "",
        keys: &[
            &Key::new("guests", Ty::Refs(EntryKind::Person), ""),
            &Key::new("host", Ty::Ref(&[EntryKind::Person]), ""),
            &Key::new("venue", Ty::Ref(&[EntryKind::Organisation]), ""),
            &Key::new("note", Ty::Str, ""),
        ],
    };

    static ROOT: format::Table = format::Table {
        name: "file",
        what: "a file",
        doc: "",
        keys: &[
            &Key::new("entry", Ty::Tables(&ENTRY), ""),
            &Key::new("inline", Ty::Tables(&ENTRY), ""),
            &Key::new("main", Ty::Table(&ENTRY), ""),
        ],
    };

    #[test]
    fn every_declared_reference_is_renamed_and_nothing_else() {
        let text = r#"inline = [{ host = "g1" }, { host = "g2" }]

[main]
host = "g1"  # the chair

[[entry]]
guests = ["c1", "g1"]
venue = "g1"
note = "g1"
unknown = "g1"
"#;
        let mut doc: DocumentMut = text.parse().expect("TOML");
        let count = rewrite(doc.as_table_mut(), &ROOT, EntryKind::Person, "g1", "gemma");
        assert_eq!(count, 3);
        assert_eq!(
            doc.to_string(),
            text.replacen(r#"host = "g1""#, r#"host = "gemma""#, 2)
                .replace(r#"["c1", "g1"]"#, r#"["c1", "gemma"]"#)
        );
    }
}
