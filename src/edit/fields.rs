//! What `obert <kind> set` does to one key of an entry: which keys it may change and what
//! each holds come from the format's declarations ([`crate::format`]); here a value typed on
//! the command line becomes the TOML the format expects (a date as a date, a list as a
//! list, a word from its closed list).

use toml_edit::{Item, Table, Value};

use super::session::EditError;
use super::values::{date_value, remove_value, set_value, string_array, strings_of};
use crate::format::{self, Key, Ty};
use crate::model::Date;
use crate::suggest;

/// What `set` does to a field.
#[derive(Debug, Clone)]
pub enum Change {
    /// A new value; for translatable text, in `lang` (the plan's primary language when
    /// `None`).
    Set {
        value: String,
        lang: Option<String>,
    },
    Unset,
    /// Items to take out of a list and items to put in, in that order (so that one `set`
    /// can swap an item for another).
    List {
        add: Vec<String>,
        remove: Vec<String>,
    },
}

/// The key of `spec` that `set` may change called `name`, or a refusal that says which
/// there are.
pub fn find(
    spec: &'static format::Table,
    name: &str,
    entry: &str,
) -> Result<&'static Key, EditError> {
    spec.settable_key(name, entry).map_err(EditError::Refused)
}

/// Applies `change` to `field` of `table`, a table of the kind `spec` declares.
/// `language` is the plan's primary language (for translatable text). Returns a note for
/// the user when the change did more than it says: a list the table did not hold yet
/// started from the default in force.
pub fn apply(
    table: &mut Table,
    field: &Key,
    change: &Change,
    spec: &format::Table,
    language: &str,
) -> Result<Option<String>, EditError> {
    let key = field.name;
    let order = spec;
    match change {
        Change::Unset if field.is_required() => Err(EditError::Refused(format!(
            "`{key}` is required and cannot be unset; set another value instead"
        ))),
        Change::Unset => {
            remove_value(table, key);
            Ok(None)
        }
        Change::Set { lang: Some(_), .. } if !matches!(field.ty, Ty::Text) => Err(
            EditError::Refused(format!("`{key}` is not translated; drop --lang")),
        ),
        Change::Set { value: raw, .. } if field.ty.is_list() => {
            let items = split_list(raw);
            for item in &items {
                check_item(field, item)?;
            }
            set_value(table, key, string_array(&items), order);
            Ok(None)
        }
        Change::Set { value: raw, lang } => {
            if let Ty::Text = field.ty {
                let lang = lang.as_deref().unwrap_or(language);
                if !crate::load::is_slug(lang) {
                    return Err(EditError::Refused(format!(
                        "`{lang}` is not a language code such as `ca`, `es` or `en`"
                    )));
                }
                set_text(table, key, raw, order, lang, language);
                return Ok(None);
            }
            set_value(table, key, value(field, raw)?, order);
            Ok(None)
        }
        Change::List { .. } if !field.ty.is_list() => Err(EditError::Refused(format!(
            "`{key}` is not a list; give it a value instead of --add or --remove"
        ))),
        Change::List { add, remove } => {
            // A list the table does not hold counts as its default, as everywhere else:
            // adding to it adds to the default, not to nothing.
            let (mut list, note) = match strings_of(table, key) {
                Some(list) => (list, None),
                None => match field.default {
                    Some(format::Fallback::List(items)) if !items.is_empty() => (
                        items.iter().map(|item| item.to_string()).collect(),
                        Some(format!(
                            "`{key}` was not written, so the change starts from its default: {}",
                            shown_list(&items.iter().map(|i| i.to_string()).collect::<Vec<_>>())
                        )),
                    ),
                    _ => (Vec::new(), None),
                },
            };
            for item in remove {
                let Some(index) = list.iter().position(|x| x == item) else {
                    return Err(EditError::Refused(format!(
                        "`{key}` does not hold `{item}`; it holds: {}",
                        shown_list(&list)
                    )));
                };
                list.remove(index);
            }
            for item in add {
                check_item(field, item)?;
                if list.contains(item) {
                    return Err(EditError::Refused(format!(
                        "`{key}` already holds `{item}`"
                    )));
                }
                list.push(item.clone());
            }
            if list.is_empty() && !field.is_required() {
                remove_value(table, key);
            } else {
                set_value(table, key, string_array(&list), order);
            }
            Ok(note)
        }
    }
}

fn shown_list(list: &[String]) -> String {
    if list.is_empty() {
        "nothing".to_string()
    } else {
        list.iter()
            .map(|item| format!("`{item}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `a,b, c` or `a b` → `[a, b, c]`; an empty string is the empty list.
fn split_list(raw: &str) -> Vec<String> {
    raw.split([',', ' '])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

fn check_item(field: &Key, item: &str) -> Result<(), EditError> {
    match field.ty {
        Ty::Words(spellings) => word(field.name, item, spellings).map(|_| ()),
        Ty::Strings => Ok(()),
        _ => id(field.name, item).map(|_| ()),
    }
}

/// The TOML value of a single-valued field.
pub fn value(field: &Key, raw: &str) -> Result<Value, EditError> {
    let key = field.name;
    Ok(match field.ty {
        Ty::Str | Ty::Text | Ty::Reference => Value::from(raw),
        Ty::Url | Ty::Path | Ty::PathOrUrl => Value::from(path_or_url(field, raw)?),
        Ty::Id | Ty::Ref(_) => Value::from(id(key, raw)?),
        Ty::Word(spellings) => Value::from(word(key, raw, spellings)?),
        Ty::Date => date_value(date(key, raw)?),
        Ty::Bool => Value::from(boolean(key, raw)?),
        Ty::Count { min } => Value::from(count(key, raw, i64::from(min))?),
        Ty::Refs(_) | Ty::Slugs | Ty::Strings | Ty::Words(_) => string_array(&split_list(raw)),
        Ty::Table(_) | Ty::Tables(_) | Ty::Lints | Ty::Allow => {
            return Err(EditError::Refused(format!(
                "`{key}` is a table, not a value: set its keys one by one"
            )));
        }
    })
}

/// A path must stay inside the plan folder (the check refuses one that leaves it); a URL
/// passes as it is.
fn path_or_url<'a>(field: &Key, raw: &'a str) -> Result<&'a str, EditError> {
    let url_allowed = matches!(field.ty, Ty::Url | Ty::PathOrUrl);
    let path_allowed = matches!(field.ty, Ty::Path | Ty::PathOrUrl);
    if (url_allowed && crate::load::decode::is_url(raw))
        || (path_allowed && crate::load::decode::is_inside_plan(raw))
        || (url_allowed && !path_allowed)
    {
        Ok(raw)
    } else {
        Err(EditError::Refused(format!(
            "`{raw}` is not a path inside the plan folder for `{}`; give a relative path with `/` separators and no `..`",
            field.name
        )))
    }
}

/// Sets translatable text in `lang`. In a table of languages only that language's text
/// changes. A plain string is the primary language's text: it is replaced, or, when
/// another language is set, becomes the first entry of a new table of languages.
fn set_text(
    table: &mut Table,
    key: &str,
    raw: &str,
    order: &format::Table,
    lang: &str,
    primary: &str,
) {
    if let Some(Item::Value(Value::InlineTable(languages))) = table.get_mut(key) {
        languages.insert(lang, Value::from(raw));
        return;
    }
    let existing = table.get(key).and_then(Item::as_str).map(str::to_string);
    match existing {
        Some(primary_text) if lang != primary => {
            let mut languages = toml_edit::InlineTable::new();
            languages.insert(primary, Value::from(primary_text));
            languages.insert(lang, Value::from(raw));
            set_value(table, key, Value::InlineTable(languages), order);
        }
        _ if lang != primary => {
            let mut languages = toml_edit::InlineTable::new();
            languages.insert(lang, Value::from(raw));
            set_value(table, key, Value::InlineTable(languages), order);
        }
        _ => set_value(table, key, raw, order),
    }
}

/// A date typed on the command line; refuses dates that do not exist (2026-02-30).
pub fn date(key: &str, raw: &str) -> Result<Date, EditError> {
    Date::parse(raw.trim()).ok_or_else(|| {
        EditError::Refused(format!(
            "`{raw}` is not a date for `{key}`; write it as YYYY-MM-DD, a day that exists (2021-05-06)"
        ))
    })
}

/// An id: a slug, as every id in the plan.
pub fn id<'a>(key: &str, raw: &'a str) -> Result<&'a str, EditError> {
    if crate::load::is_slug(raw) {
        Ok(raw)
    } else {
        Err(EditError::Refused(format!(
            "`{raw}` is not a valid id for `{key}`; {}",
            crate::load::decode::SLUG_HELP
        )))
    }
}

/// One word of a closed list, with a did-you-mean.
pub fn word<'a>(
    key: &str,
    raw: &'a str,
    spellings: fn() -> Vec<&'static str>,
) -> Result<&'a str, EditError> {
    let allowed = spellings();
    if allowed.contains(&raw) {
        return Ok(raw);
    }
    let hint = suggest::hint(raw, allowed.iter().copied())
        .map_or(String::new(), |hint| format!("{hint} "));
    Err(EditError::Refused(format!(
        "`{raw}` is not a value of `{key}`; {hint}expected one of: {}",
        allowed.join(", ")
    )))
}

fn boolean(key: &str, raw: &str) -> Result<bool, EditError> {
    match raw.trim() {
        "true" | "yes" => Ok(true),
        "false" | "no" => Ok(false),
        _ => Err(EditError::Refused(format!(
            "`{raw}` is not a value of `{key}`; write true or false"
        ))),
    }
}

fn count(key: &str, raw: &str, min: i64) -> Result<i64, EditError> {
    match raw.trim().parse::<i64>() {
        Ok(n) if n >= min && n <= i64::from(u32::MAX) => Ok(n),
        _ => Err(EditError::Refused(format!(
            "`{raw}` is not a value of `{key}`; write a whole number from {min}"
        ))),
    }
}
