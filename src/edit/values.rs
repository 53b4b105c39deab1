//! Values as the format writes them, and changes to one key of a table that keep the comment
//! beside it and put a new key where the format lists it.

use toml_edit::{Item, Table, Value};

/// Sets `key` in `table`, a table of the kind `spec` declares. An existing value keeps its
/// place and the comment beside it; a new key goes after the last key that the format lists
/// before it.
pub fn set_value(
    table: &mut Table,
    key: &str,
    value: impl Into<Value>,
    spec: &crate::format::Table,
) {
    let mut value = value.into();
    // Replaced in place: `Table::insert` would reset the key's own formatting, and with it
    // the comments written above the key (a skeleton's guidance, a file's header).
    if let Some(old) = table.get_mut(key).and_then(Item::as_value_mut) {
        let decor = old.decor().clone();
        *value.decor_mut() = decor;
        *old = value;
        return;
    }
    table.insert(key, Item::Value(value));
    place_key(table, key, spec);
    replace_example(table, key);
}

/// A key set for the first time takes the place of its commented example (`# website =
/// "…"`), when the comments above the key after it hold one, as the skeleton of `obert init
/// --blank` does: the example goes, and the guidance above it moves above the key.
fn replace_example(table: &mut Table, key: &str) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let Some(next) = keys
        .iter()
        .position(|k| k == key)
        .and_then(|index| keys.get(index + 1))
    else {
        return;
    };
    let is_example = |line: &str| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let Some(prefix) = table
        .key(next)
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|raw| raw.as_str())
        .map(str::to_string)
    else {
        return;
    };
    let Some(example) = crate::edit::tables::take_example(&prefix, is_example) else {
        return;
    };
    if let Some(mut next_key) = table.key_mut(next) {
        next_key.leaf_decor_mut().set_prefix(example.below);
    }
    if let Some(mut own) = table.key_mut(key) {
        own.leaf_decor_mut().set_prefix(example.above);
    }
}

/// Removes `key` from `table`, if it is there.
pub fn remove_value(table: &mut Table, key: &str) {
    table.remove(key);
}

/// Moves the (new, last) key `key` up to follow the last key that the format puts before
/// it; keys the format does not know keep their place.
fn place_key(table: &mut Table, key: &str, spec: &crate::format::Table) {
    let rank = spec.rank(key);
    if rank == spec.keys.len() {
        return;
    }
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let predecessor = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| k.as_str() != key && spec.rank(k) < rank)
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
