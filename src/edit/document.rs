//! One plan file open for editing: its TOML as a toml_edit document, which keeps every
//! comment, blank line and spelling a person wrote, and the bytes around the TOML that an
//! edit never touches (a byte-order mark; a commitment's `+++` fences and Markdown body).
//!
//! The helpers below add, change and remove entries so that the file's text changes in one
//! place only: the entry that was asked for.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::load::split_front_matter;

/// Why a file cannot be opened for editing.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("line {line}, column {column}: {message}")]
    Toml {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("it has no `+++` front matter at its start")]
    NoFrontMatter,
}

/// A plan file's text, split into the TOML that edits change and what stays byte for byte.
#[derive(Debug)]
pub struct Editable {
    pub doc: DocumentMut,
    /// Everything before the TOML: a byte-order mark, a commitment's opening `+++` line.
    before: String,
    /// Everything after it: a commitment's closing `+++` line and its Markdown body.
    after: String,
    /// The file ends its lines with `\r\n` throughout, so new lines must too.
    crlf: bool,
}

impl Editable {
    /// Opens a whole TOML file (`front_matter = false`) or a commitment's front matter.
    pub fn parse(text: &str, front_matter: bool) -> Result<Editable, OpenError> {
        let (bom, text) = match text.strip_prefix('\u{feff}') {
            Some(rest) => ("\u{feff}", rest),
            None => ("", text),
        };
        let (before, toml, after) = if front_matter {
            let split = split_front_matter(text).ok_or(OpenError::NoFrontMatter)?;
            (
                format!("{bom}{}", &text[..split.toml.start]),
                &text[split.toml.clone()],
                text[split.toml.end..].to_string(),
            )
        } else {
            (bom.to_string(), text, String::new())
        };
        let doc = toml.parse::<DocumentMut>().map_err(|error| {
            // toml_edit counts from the start of the TOML; a commitment's front matter
            // starts one line into the file.
            let offset = error.span().map_or(0, |span| span.start);
            let line_offset = before.matches('\n').count();
            let (line, column) = line_col(toml, offset);
            OpenError::Toml {
                line: line + line_offset,
                column,
                message: error.message().to_string(),
            }
        })?;
        Ok(Editable {
            doc,
            before,
            after,
            crlf: uses_crlf(text),
        })
    }

    /// The file's new text.
    pub fn render(&self) -> String {
        let mut toml = self.doc.to_string();
        if self.crlf {
            toml = to_crlf(&toml);
        }
        format!("{}{toml}{}", self.before, self.after)
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Whether every line of a file ends in `\r\n` (a file with mixed endings is left alone).
pub fn uses_crlf(text: &str) -> bool {
    let newlines = text.matches('\n').count();
    newlines > 0 && text.matches("\r\n").count() == newlines
}

/// Turns each lone `\n` into `\r\n`, leaving existing `\r\n` as they are.
pub fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// The index of the entry of `array` whose `key` is the string `id`.
pub fn find_entry(doc: &DocumentMut, array: &str, key: &str, id: &str) -> Option<usize> {
    doc.get(array)?
        .as_array_of_tables()?
        .iter()
        .position(|table| table.get(key).and_then(Item::as_str) == Some(id))
}

/// The entries of `array`, for changing one of them.
pub fn entries_mut<'a>(doc: &'a mut DocumentMut, array: &str) -> Option<&'a mut ArrayOfTables> {
    doc.get_mut(array)?.as_array_of_tables_mut()
}

/// Adds `table` as the last entry of the array of tables `array` (`[[member]]`), right after
/// the current last entry, or, when there is none yet, after the tables of the keys in
/// `comes_after` (the keys the format lists before `array`), so that members come before
/// meetings. Nothing else in the file moves.
pub fn append_entry(
    doc: &mut DocumentMut,
    array: &str,
    table: Table,
    comes_after: &[&str],
) -> Result<(), NotEntries> {
    // Entries may also be written as an inline list (`member = [{ person = "a" }]`); adding
    // a `[[member]]` beside it would replace that list, so such a file is left alone.
    if doc
        .get(array)
        .is_some_and(|item| !item.is_array_of_tables())
    {
        return Err(NotEntries(array.to_string()));
    }
    let existing = doc.get(array).and_then(Item::as_array_of_tables);
    let anchor = match existing.and_then(|entries| entries.iter().last()) {
        Some(last) => last_position(last),
        None => anchor_after(doc.as_table(), comes_after),
    };
    let table = placed(doc, table, anchor);
    match doc.get_mut(array).and_then(Item::as_array_of_tables_mut) {
        Some(entries) => entries.push(table),
        None => {
            let mut entries = ArrayOfTables::new();
            entries.push(table);
            doc.insert(array, Item::ArrayOfTables(entries));
        }
    }
    Ok(())
}

/// A file holds `key`, but not as `[[key]]` entries that obert can add to.
#[derive(Debug, thiserror::Error)]
#[error(
    "`{0}` is written as an inline list, not as `[[{0}]]` entries; obert adds only to `[[{0}]]` entries, so rewrite the list that way first"
)]
pub struct NotEntries(pub String);

/// The table at `path` (`["rules", "forum"]`), created when missing: a new table goes after
/// the tables of the root keys in `comes_after`, and after those of its siblings that
/// `siblings_before` names (the keys its parent lists before it), so that `[rules.forum]`
/// lands between `[rules.steering-group]` and `[rules.working-group]`. The tables on the
/// way to it are implicit (no `[rules]` header of their own). `None` when a step of the
/// path holds something other than a table.
pub fn ensure_table<'d>(
    doc: &'d mut DocumentMut,
    path: &[&str],
    comes_after: &[&str],
    siblings_before: &[&str],
) -> Option<&'d mut Table> {
    let exists = table_ref(doc.as_table(), path).is_some();
    if !exists {
        let mut anchor = anchor_after(doc.as_table(), comes_after);
        if let Some(parent) = path
            .split_last()
            .and_then(|(_, parents)| table_ref(doc.as_table(), parents))
            .filter(|_| path.len() > 1)
        {
            if !parent.is_implicit() {
                anchor = anchor.max(parent.position().unwrap_or(0));
            }
            anchor = anchor.max(anchor_after(parent, siblings_before));
        }
        let table = placed(doc, Table::new(), anchor);
        let mut parent = doc.as_table_mut();
        for (depth, key) in path.iter().enumerate() {
            let last = depth + 1 == path.len();
            if !parent.contains_key(key) {
                let item = if last {
                    Item::Table(table.clone())
                } else {
                    let mut implicit = Table::new();
                    implicit.set_implicit(true);
                    Item::Table(implicit)
                };
                parent.insert(key, item);
            }
            let Some(next) = parent.get_mut(key).and_then(Item::as_table_mut) else {
                break;
            };
            parent = next;
        }
    }
    table_at(doc.as_table_mut(), path)
}

fn table_ref<'t>(table: &'t Table, path: &[&str]) -> Option<&'t Table> {
    match path.split_first() {
        None => Some(table),
        Some((key, rest)) => table_ref(table.get(key)?.as_table()?, rest),
    }
}

/// The table at `path` below `table`, if every step is a table.
pub fn table_at<'t>(table: &'t mut Table, path: &[&str]) -> Option<&'t mut Table> {
    match path.split_first() {
        None => Some(table),
        Some((key, rest)) => table_at(table.get_mut(key)?.as_table_mut()?, rest),
    }
}

/// The position after the tables of `keys`, or 0 (before every table) when they have none.
fn anchor_after(root: &Table, keys: &[&str]) -> isize {
    keys.iter()
        .filter_map(|key| root.get(key))
        .filter_map(item_last_position)
        .max()
        .unwrap_or(0)
}

/// Gives a new table the place right after `anchor` in the file, moving later tables down,
/// and the blank line (or, as the file's last table, the file's closing comments) above it.
fn placed(doc: &mut DocumentMut, mut table: Table, anchor: isize) -> Table {
    let mut later_tables = false;
    shift_positions(doc.as_table_mut(), anchor, &mut later_tables);
    table.set_position(Some(anchor + 1));
    let has_content = !doc.as_table().is_empty();
    let prefix = if later_tables {
        "\n".to_string()
    } else {
        // The entry will be the file's last table: text after the current last table
        // (often the only text of a file that holds just comments) stays above it.
        let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
        doc.set_trailing("");
        if trailing.contains('#') {
            let mut prefix = trailing;
            if !prefix.ends_with('\n') {
                prefix.push('\n');
            }
            if !prefix.ends_with("\n\n") && !prefix.ends_with("\n\r\n") {
                prefix.push('\n');
            }
            prefix
        } else if has_content {
            "\n".to_string()
        } else {
            String::new()
        }
    };
    table.decor_mut().set_prefix(prefix);
    table
}

/// The sub-table `key` of entry `index` of `array` (a contribution's `[contribution.response]`),
/// created right after the entry when missing. `None` when there is no such entry, or `key`
/// holds something other than a table.
pub fn ensure_entry_table<'d>(
    doc: &'d mut DocumentMut,
    array: &str,
    index: usize,
    key: &str,
) -> Option<&'d mut Table> {
    let entry = doc.get(array)?.as_array_of_tables()?.get(index)?;
    if !entry.contains_key(key) {
        let anchor = last_position(entry);
        let table = placed(doc, Table::new(), anchor);
        entries_mut(doc, array)?
            .get_mut(index)?
            .insert(key, Item::Table(table));
    }
    entries_mut(doc, array)?
        .get_mut(index)?
        .get_mut(key)?
        .as_table_mut()
}

/// Removes entry `index` of `array`. Comments right above the entry go with it; comments
/// separated from it by a blank line (a file's opening comment) stay.
pub fn remove_entry(doc: &mut DocumentMut, array: &str, index: usize) {
    let Some(entries) = entries_mut(doc, array) else {
        return;
    };
    if index >= entries.len() {
        return;
    }
    let prefix = entries
        .get(index)
        .and_then(|table| table.decor().prefix())
        .and_then(|raw| raw.as_str())
        .unwrap_or_default()
        .to_string();
    let position = entries.get(index).and_then(Table::position);
    entries.remove(index);
    if entries.is_empty() {
        doc.remove(array);
    }
    let kept = comments_kept_on_removal(&prefix);
    if kept.is_empty() {
        return;
    }
    // The comments now belong to whatever follows the removed entry.
    match next_table_after(doc.as_table_mut(), position.unwrap_or(0)) {
        Some(next) => {
            let own = next
                .decor()
                .prefix()
                .and_then(|raw| raw.as_str())
                .unwrap_or_default()
                .to_string();
            let own = own.trim_start_matches(['\r', '\n']);
            next.decor_mut().set_prefix(format!("{kept}{own}"));
        }
        None => {
            let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
            doc.set_trailing(format!("{}{trailing}", kept.trim_end_matches(['\r', '\n'])));
            let trailing = doc.trailing().as_str().unwrap_or_default().to_string();
            if !trailing.ends_with('\n') {
                doc.set_trailing(format!("{trailing}\n"));
            }
        }
    }
}

/// The part of a removed entry's leading decor that is not about the entry: everything up to
/// and including the last blank line, if it holds a comment.
fn comments_kept_on_removal(prefix: &str) -> String {
    let lines: Vec<&str> = prefix.split_inclusive('\n').collect();
    let Some(last_blank) = lines.iter().rposition(|line| line.trim().is_empty()) else {
        return String::new();
    };
    let kept: String = lines[..=last_blank].concat();
    if kept.contains('#') {
        kept
    } else {
        String::new()
    }
}

/// Sets `key` in `table`. An existing value keeps its place and the comment beside it; a new
/// key goes after the last key that `order` lists before it.
pub fn set_value(table: &mut Table, key: &str, value: impl Into<Value>, order: &[&str]) {
    let mut value = value.into();
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        let decor = old.decor().clone();
        *value.decor_mut() = decor;
        table.insert(key, Item::Value(value));
        return;
    }
    table.insert(key, Item::Value(value));
    place_key(table, key, order);
}

/// Removes `key` from `table`, if it is there.
pub fn remove_value(table: &mut Table, key: &str) {
    table.remove(key);
}

/// Moves the (new, last) key `key` up to follow the last key that `order` puts before it;
/// keys the format does not know keep their place.
fn place_key(table: &mut Table, key: &str, order: &[&str]) {
    let Some(rank) = order.iter().position(|k| *k == key) else {
        return;
    };
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let predecessor = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| {
            k.as_str() != key && order.iter().position(|o| o == k).is_some_and(|r| r < rank)
        })
        .map(|(index, _)| index)
        .max();
    let target = predecessor.map_or(0, |index| index + 1);
    // A stable sort on "index in the file, with the new key slotted in at `target`" moves
    // that one key and keeps every other key in its order.
    let slot = |k: &str| -> (usize, u8) {
        if k == key {
            (target, 0)
        } else {
            let index = keys.iter().position(|x| x == k).unwrap_or(keys.len());
            (index, 1)
        }
    };
    table.sort_values_by(|a, _, b, _| slot(a.get()).cmp(&slot(b.get())));
}

/// The position of the last table in `table` and everything nested in it.
fn last_position(table: &Table) -> isize {
    let own = table.position().unwrap_or(0);
    table
        .iter()
        .filter_map(|(_, item)| item_last_position(item))
        .fold(own, isize::max)
}

fn item_last_position(item: &Item) -> Option<isize> {
    match item {
        Item::Table(table) => Some(last_position(table)),
        Item::ArrayOfTables(entries) => entries.iter().map(last_position).max(),
        _ => None,
    }
}

/// Makes room after `anchor`: every table after it moves one place down.
fn shift_positions(table: &mut Table, anchor: isize, later: &mut bool) {
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(inner) => {
                shift_one(inner, anchor, later);
                shift_positions(inner, anchor, later);
            }
            Item::ArrayOfTables(entries) => {
                for inner in entries.iter_mut() {
                    shift_one(inner, anchor, later);
                    shift_positions(inner, anchor, later);
                }
            }
            _ => {}
        }
    }
}

fn shift_one(table: &mut Table, anchor: isize, later: &mut bool) {
    if let Some(position) = table.position()
        && position > anchor
    {
        table.set_position(Some(position + 1));
        if !table.is_implicit() {
            *later = true;
        }
    }
}

/// The first (explicit) table whose position is after `position`.
fn next_table_after(table: &mut Table, position: isize) -> Option<&mut Table> {
    let mut best: Option<isize> = None;
    visit(table, &mut |inner| {
        if let Some(p) = inner.position()
            && p > position
            && !inner.is_implicit()
        {
            best = Some(best.map_or(p, |b| b.min(p)));
        }
    });
    let wanted = best?;
    find_at(table, wanted)
}

fn visit(table: &Table, f: &mut impl FnMut(&Table)) {
    for (_, item) in table.iter() {
        match item {
            Item::Table(inner) => {
                f(inner);
                visit(inner, f);
            }
            Item::ArrayOfTables(entries) => {
                for inner in entries.iter() {
                    f(inner);
                    visit(inner, f);
                }
            }
            _ => {}
        }
    }
}

fn find_at(table: &mut Table, position: isize) -> Option<&mut Table> {
    for (_, item) in table.iter_mut() {
        let found = match item {
            Item::Table(inner) => {
                if inner.position() == Some(position) {
                    return Some(inner);
                }
                find_at(inner, position)
            }
            Item::ArrayOfTables(entries) => {
                let mut found = None;
                for inner in entries.iter_mut() {
                    if inner.position() == Some(position) {
                        return Some(inner);
                    }
                    if let Some(hit) = find_at(inner, position) {
                        found = Some(hit);
                        break;
                    }
                }
                found
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// A date as TOML writes it: a local date, not a string.
pub fn date_value(date: crate::model::Date) -> Value {
    let date = toml_edit::Date {
        year: u16::try_from(date.year()).unwrap_or(0),
        month: date.month(),
        day: date.day(),
    };
    Value::from(toml_edit::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

/// A list of strings written on one line, as the format's examples do.
pub fn string_array<S: AsRef<str>>(items: &[S]) -> Value {
    let mut array = toml_edit::Array::new();
    for item in items {
        array.push(item.as_ref());
    }
    Value::Array(array)
}

/// The strings of an array value, or none when the key is missing or not a list of strings.
pub fn strings_of(table: &Table, key: &str) -> Option<Vec<String>> {
    let array = table.get(key)?.as_array()?;
    array
        .iter()
        .map(|value| value.as_str().map(str::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit<T>(text: &str, f: impl FnOnce(&mut DocumentMut) -> T) -> String {
        let mut file = Editable::parse(text, false).expect("test text parses");
        let _ = f(&mut file.doc);
        file.render()
    }

    fn member(person: &str) -> Table {
        let mut table = Table::new();
        table.insert("person", toml_edit::value(person));
        table
    }

    #[test]
    fn a_new_entry_follows_the_last_of_its_kind() {
        let text = "kind = \"forum\"\n\n[[member]]\nperson = \"a\" # first\n\n# meetings\n[[meeting]]\nid = \"m1\"\n";
        let out = edit(text, |doc| {
            append_entry(doc, "member", member("b"), &[]).expect("entries");
        });
        assert_eq!(
            out,
            "kind = \"forum\"\n\n[[member]]\nperson = \"a\" # first\n\n[[member]]\nperson = \"b\"\n\n# meetings\n[[meeting]]\nid = \"m1\"\n"
        );
    }

    #[test]
    fn the_first_entry_of_a_kind_goes_before_the_kinds_that_follow_it() {
        let text = "kind = \"forum\"\n\n[[meeting]]\nid = \"m1\"\n";
        let out = edit(text, |doc| {
            append_entry(doc, "member", member("a"), &[]).expect("entries")
        });
        assert_eq!(
            out,
            "kind = \"forum\"\n\n[[member]]\nperson = \"a\"\n\n[[meeting]]\nid = \"m1\"\n"
        );
        let out = edit(text, |doc| {
            let mut phase = Table::new();
            phase.insert("id", toml_edit::value("p"));
            append_entry(doc, "phase", phase, &["member", "meeting"]).expect("entries");
        });
        assert_eq!(
            out,
            "kind = \"forum\"\n\n[[meeting]]\nid = \"m1\"\n\n[[phase]]\nid = \"p\"\n"
        );
    }

    #[test]
    fn a_file_of_comments_keeps_them_above_its_first_entry() {
        let text = "# The people of the plan.\n# Add one with `obert person add`.\n";
        let out = edit(text, |doc| {
            append_entry(doc, "person", member("a"), &[]).expect("entries")
        });
        assert_eq!(
            out,
            "# The people of the plan.\n# Add one with `obert person add`.\n\n[[person]]\nperson = \"a\"\n"
        );
    }

    #[test]
    fn removing_an_entry_keeps_the_file_comment_above_it() {
        let text = "# People.\n\n# the first\n[[person]]\nid = \"a\"\n\n[[person]]\nid = \"b\"\n";
        let out = edit(text, |doc| remove_entry(doc, "person", 0));
        assert_eq!(out, "# People.\n\n[[person]]\nid = \"b\"\n");
        let out = edit(text, |doc| remove_entry(doc, "person", 1));
        assert_eq!(out, "# People.\n\n# the first\n[[person]]\nid = \"a\"\n");
    }

    #[test]
    fn a_changed_value_keeps_its_comment_and_a_new_key_its_place() {
        let text = "[[person]]\nid = \"a\"\nname = \"A\" # as they sign\ngender = \"woman\"\n";
        let out = edit(text, |doc| {
            let entries = entries_mut(doc, "person").expect("people");
            let person = entries.get_mut(0).expect("a person");
            set_value(person, "name", "Anna", crate::load::keys::PERSON);
            set_value(person, "sector", "expert", crate::load::keys::PERSON);
        });
        assert_eq!(
            out,
            "[[person]]\nid = \"a\"\nsector = \"expert\"\nname = \"Anna\" # as they sign\ngender = \"woman\"\n"
        );
    }

    #[test]
    fn entries_written_as_an_inline_list_are_not_replaced() {
        let text = "member = [{ person = \"a\" }]\n";
        let mut file = Editable::parse(text, false).expect("parses");
        let refused = append_entry(&mut file.doc, "member", member("b"), &[]);
        assert!(refused.is_err());
        assert_eq!(file.render(), text);
    }

    #[test]
    fn crlf_files_get_crlf_lines() {
        let text = "[[person]]\r\nid = \"a\"\r\n";
        let out = edit(text, |doc| {
            append_entry(doc, "person", member("b"), &[]).expect("entries")
        });
        assert_eq!(
            out,
            "[[person]]\r\nid = \"a\"\r\n\r\n[[person]]\r\nperson = \"b\"\r\n"
        );
    }

    #[test]
    fn front_matter_edits_leave_the_body_alone() {
        let text = "\u{feff}+++\nnumber = 1\n+++\n\n## Problem {#problem}\nText  with  spaces\n";
        let mut file = Editable::parse(text, true).expect("parses");
        set_value(
            file.doc.as_table_mut(),
            "title",
            "T",
            crate::load::keys::COMMITMENT,
        );
        assert_eq!(
            file.render(),
            "\u{feff}+++\nnumber = 1\ntitle = \"T\"\n+++\n\n## Problem {#problem}\nText  with  spaces\n"
        );
    }

    #[test]
    fn parse_errors_count_lines_from_the_file_start() {
        let error = Editable::parse("+++\nnumber = 1\ntitle = \n+++\n", true)
            .expect_err("broken front matter");
        let OpenError::Toml { line, .. } = error else {
            panic!("expected a TOML error, got {error:?}");
        };
        assert_eq!(line, 3);
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn a_new_sub_table_follows_its_siblings_and_its_parent_stays_implicit() {
        let text = "title = \"x\"\n\n[[axis]]\nid = \"a\"\n\n[rules.steering-group]\ngovernment = 5\n\n[lints]\nforum-size = \"warn\"\n";
        let mut file = Editable::parse(text, false).expect("parses");
        let forum = ensure_table(
            &mut file.doc,
            &["rules", "forum"],
            &["axis"],
            &["commitments", "steering-group"],
        )
        .expect("a table");
        forum.insert("members", toml_edit::value(68));
        assert_eq!(
            file.render(),
            "title = \"x\"\n\n[[axis]]\nid = \"a\"\n\n[rules.steering-group]\ngovernment = 5\n\n[rules.forum]\nmembers = 68\n\n[lints]\nforum-size = \"warn\"\n"
        );
        let mut file = Editable::parse("title = \"x\"\n", false).expect("parses");
        ensure_table(&mut file.doc, &["cocreation"], &[], &[])
            .expect("a table")
            .insert("start", toml_edit::value(1));
        assert_eq!(file.render(), "title = \"x\"\n\n[cocreation]\nstart = 1\n");
    }
}
