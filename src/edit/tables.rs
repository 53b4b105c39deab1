//! Where entries and tables go in a file: a new `[[member]]` after the last member, a new
//! `[rules.forum]` among the `[rules.*]` tables in the format's order, a removed entry taking
//! its own comments but not the file's. toml_edit orders tables by a position number; these
//! helpers give new tables a position and move later ones down to make room.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

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
    let table = placed(doc, table, anchor, &format!("[[{array}]]"));
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

/// Appends several entries at once, as [`append_entry`] appends one: the document's
/// tables are walked once for all of them, so that a sheet of thousands of rows costs one
/// pass, not one per row.
pub fn append_entries(
    doc: &mut DocumentMut,
    array: &str,
    tables: Vec<Table>,
    comes_after: &[&str],
) -> Result<(), NotEntries> {
    let mut tables = tables.into_iter();
    let Some(first) = tables.next() else {
        return Ok(());
    };
    append_entry(doc, array, first, comes_after)?;
    let rest: Vec<Table> = tables.collect();
    if rest.is_empty() {
        return Ok(());
    }
    let entries = doc
        .get(array)
        .and_then(Item::as_array_of_tables)
        .ok_or_else(|| NotEntries(array.to_string()))?;
    let anchor = entries.iter().last().map_or(0, last_position);
    let count = isize::try_from(rest.len()).unwrap_or(isize::MAX);
    let mut later_tables = false;
    shift_positions_by(doc.as_table_mut(), anchor, count, &mut later_tables);
    let entries = doc
        .get_mut(array)
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| NotEntries(array.to_string()))?;
    for (offset, mut table) in (1..).zip(rest) {
        table.set_position(Some(anchor + offset));
        table.decor_mut().set_prefix("\n");
        entries.push(table);
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
        let table = placed(doc, Table::new(), anchor, &format!("[{}]", path.join(".")));
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
///
/// `header` is the new table's header (`[cocreation]`, `[[axis]]`): where a later table's
/// comments hold a commented example of a table (not of an entry, whose example stays for
/// the entries to come), as the skeleton of `obert init --blank` does, the example gives
/// way to the table, and the guidance above the example goes with it.
fn placed(doc: &mut DocumentMut, mut table: Table, anchor: isize, header: &str) -> Table {
    let mut later_tables = false;
    shift_positions(doc.as_table_mut(), anchor, &mut later_tables);
    table.set_position(Some(anchor + 1));
    let mut prefix = if later_tables {
        "\n".to_string()
    } else {
        last_table_prefix(doc)
    };
    // Only a table's example gives way: an entry's (`[[axis]]`) shows the shape of every
    // entry still to come, and stays, so an entry (the common case, and a sheet's first
    // row) looks for none.
    let seek = !header.starts_with("[[");
    let example = |line: &str| line == header;
    // The example may sit above any later table, ahead of other examples that tables
    // added since have moved down. The new table takes its place: what was written above
    // the example goes above the table, what was below it stays below.
    let mut after = anchor + 1;
    let mut taken = false;
    while seek
        && later_tables
        && !taken
        && let Some(next) = next_table_after(doc.as_table_mut(), after)
    {
        after = next.position().unwrap_or(isize::MAX);
        if let Some(example) = take_example(raw_prefix(next.decor()), example) {
            // A table header keeps its blank line above it.
            let below = if example.below.trim().is_empty() {
                "\n".to_string()
            } else {
                example.below
            };
            next.decor_mut().set_prefix(below);
            prefix = example.above;
            taken = true;
        }
    }
    if seek
        && !later_tables
        && let Some(example) = take_example(&prefix, example)
    {
        // The file's closing comments hold the example; those after it stay at the end.
        let below = example.below.trim_end();
        doc.set_trailing(if below.is_empty() {
            String::new()
        } else {
            format!("{below}\n")
        });
        prefix = example.above;
    }
    table.decor_mut().set_prefix(prefix);
    table
}

fn raw_prefix(decor: &toml_edit::Decor) -> &str {
    decor
        .prefix()
        .and_then(|raw| raw.as_str())
        .unwrap_or_default()
}

/// A commented example taken out of the comments above a key or a table.
#[derive(Debug)]
pub struct Example {
    /// What goes above the item that replaces the example: the comments above the
    /// example's paragraph, then a blank line and the paragraph's guidance above it.
    pub above: String,
    /// The comments after the example, which stay below the item.
    pub below: String,
}

/// Takes a commented example out of `prefix`, the comments above a key or a table: the
/// first comment line whose text (after `#`) `is_example` accepts starts it, and the
/// comment lines under it, up to a blank line or a bare `#`, are the rest of the example.
/// `None` when there is no such example.
pub fn take_example(prefix: &str, is_example: impl Fn(&str) -> bool) -> Option<Example> {
    let lines: Vec<&str> = prefix.split_inclusive('\n').collect();
    let text = |line: &str| line.trim().trim_start_matches('#').trim().to_string();
    // Paragraphs end at a blank line, or at a bare `#` that separates examples inside one
    // block of comments.
    let blank = |line: &str| line.trim().is_empty() || line.trim() == "#";
    let start = lines
        .iter()
        .position(|line| line.trim_start().starts_with('#') && is_example(&text(line)))?;
    let paragraph_start = lines[..start]
        .iter()
        .rposition(|line| blank(line))
        .map_or(0, |blank| blank + 1);
    let paragraph_end = lines[start..]
        .iter()
        .position(|line| blank(line))
        .map_or(lines.len(), |blank| start + blank);
    let mut earlier: String = lines[..paragraph_start].concat();
    // A bare `#` that closed the earlier comments has nothing left to separate.
    if earlier.trim_end().ends_with("\n#") || earlier.trim() == "#" {
        earlier = earlier.trim_end().trim_end_matches('#').to_string();
    }
    let guidance: String = lines[paragraph_start..start].concat();
    // The item stands apart from what is above it by a blank line, as the example did.
    let above = if earlier.trim().is_empty() {
        format!("\n{guidance}")
    } else {
        format!("{}\n\n{guidance}", earlier.trim_end_matches(['\n', '\r']))
    };
    // The blank line (or bare `#`) that ended the paragraph goes with it; what follows
    // stays apart from the item by a blank line.
    let rest = lines[(paragraph_end + 1).min(lines.len())..].concat();
    let below = if rest.trim().is_empty() || rest.starts_with(['\n', '\r']) {
        rest
    } else {
        format!("\n{rest}")
    };
    Some(Example { above, below })
}

/// What goes above a table that will be the file's last: the text after the current last
/// table (often the only text of a file that holds just comments), which stays above it and
/// is taken from the document's end, then a blank line; or just a blank line.
pub fn last_table_prefix(doc: &mut DocumentMut) -> String {
    let has_content = !doc.as_table().is_empty();
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
        let table = placed(doc, Table::new(), anchor, &format!("[{array}.{key}]"));
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
    shift_positions_by(table, anchor, 1, later);
}

/// Makes room for `count` tables after `anchor`: every table after it moves down by that.
fn shift_positions_by(table: &mut Table, anchor: isize, count: isize, later: &mut bool) {
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(inner) => {
                shift_one(inner, anchor, count, later);
                shift_positions_by(inner, anchor, count, later);
            }
            Item::ArrayOfTables(entries) => {
                for inner in entries.iter_mut() {
                    shift_one(inner, anchor, count, later);
                    shift_positions_by(inner, anchor, count, later);
                }
            }
            _ => {}
        }
    }
}

fn shift_one(table: &mut Table, anchor: isize, count: isize, later: &mut bool) {
    if let Some(position) = table.position()
        && position > anchor
    {
        table.set_position(Some(position + count));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::document::Editable;
    use crate::edit::values::set_value;

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
            set_value(person, "name", "Anna", &crate::format::PERSON);
            set_value(person, "sector", "expert", &crate::format::PERSON);
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
