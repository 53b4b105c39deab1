//! The fields that `obert <kind> set` may change, what type each holds, and how a value typed
//! on the command line becomes the TOML the format expects (a date as a date, a list as a
//! list, a word from its closed list).

use toml_edit::{Item, Table, Value};

use super::session::EditError;
use super::values::{date_value, remove_value, set_value, string_array, strings_of};
use crate::model::{self, Date, Keyword};
use crate::suggest;

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// Free text that is not translated: a URL, a role, an e-mail address.
    Str,
    /// Text in the plan's languages: a string, or a table of language → string.
    Text,
    /// The id of another entry (checked against the plan before writing).
    Id,
    /// One word of a closed list.
    Word(fn() -> Vec<&'static str>),
    Date,
    Bool,
    /// A whole number from 1 (or 0 where `min` says).
    Count {
        min: i64,
    },
    /// A list of ids.
    Ids,
    /// A list of words of a closed list.
    Words(fn() -> Vec<&'static str>),
}

/// One settable field of an entry.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    /// The field must keep a value: `--unset` is refused.
    pub required: bool,
}

impl Field {
    pub const fn new(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            kind,
            required: false,
        }
    }

    pub const fn required(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            kind,
            required: true,
        }
    }

    fn is_list(&self) -> bool {
        matches!(self.kind, Kind::Ids | Kind::Words(_))
    }
}

/// The words of a closed list, for [`Kind::Word`].
pub fn words<K: Keyword>() -> Vec<&'static str> {
    K::spellings()
}

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
    Add(Vec<String>),
    Remove(Vec<String>),
}

/// Finds a field by name, with a did-you-mean when there is none.
pub fn find<'f>(fields: &'f [Field], name: &str, entry: &str) -> Result<&'f Field, EditError> {
    if let Some(field) = fields.iter().find(|field| field.name == name) {
        return Ok(field);
    }
    let names: Vec<&str> = fields.iter().map(|field| field.name).collect();
    let hint = match suggest::nearest(name, names.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? "),
        None => String::new(),
    };
    Err(EditError::Refused(format!(
        "{entry} has no field `{name}` that obert can set; {hint}the fields are: {}",
        names.join(", ")
    )))
}

/// Applies `change` to `field` of `table`. `order` is the table's key order in the format,
/// `language` the plan's primary language (for translatable text).
pub fn apply(
    table: &mut Table,
    field: &Field,
    change: &Change,
    order: &[&str],
    language: &str,
) -> Result<(), EditError> {
    let key = field.name;
    match change {
        Change::Unset if field.required => Err(EditError::Refused(format!(
            "`{key}` is required and cannot be unset; set another value instead"
        ))),
        Change::Unset => {
            remove_value(table, key);
            Ok(())
        }
        Change::Set { lang: Some(_), .. } if !matches!(field.kind, Kind::Text) => Err(
            EditError::Refused(format!("`{key}` is not translated; drop --lang")),
        ),
        Change::Set { value: raw, .. } if field.is_list() => {
            let items = split_list(raw);
            for item in &items {
                check_item(field, item)?;
            }
            set_value(table, key, string_array(&items), order);
            Ok(())
        }
        Change::Set { value: raw, lang } => {
            if let Kind::Text = field.kind {
                let lang = lang.as_deref().unwrap_or(language);
                if !crate::load::is_slug(lang) {
                    return Err(EditError::Refused(format!(
                        "`{lang}` is not a language code such as `ca`, `es` or `en`"
                    )));
                }
                set_text(table, key, raw, order, lang, language);
                return Ok(());
            }
            set_value(table, key, value(field, raw)?, order);
            Ok(())
        }
        Change::Add(items) | Change::Remove(items) if !field.is_list() => {
            let _ = items;
            Err(EditError::Refused(format!(
                "`{key}` is not a list; give it a value instead of --add or --remove"
            )))
        }
        Change::Add(items) => {
            let mut list = strings_of(table, key).unwrap_or_default();
            for item in items {
                check_item(field, item)?;
                if list.contains(item) {
                    return Err(EditError::Refused(format!(
                        "`{key}` already holds `{item}`"
                    )));
                }
                list.push(item.clone());
            }
            set_value(table, key, string_array(&list), order);
            Ok(())
        }
        Change::Remove(items) => {
            let mut list = strings_of(table, key).unwrap_or_default();
            for item in items {
                let Some(index) = list.iter().position(|x| x == item) else {
                    return Err(EditError::Refused(format!(
                        "`{key}` does not hold `{item}`; it holds: {}",
                        shown_list(&list)
                    )));
                };
                list.remove(index);
            }
            if list.is_empty() && !field.required {
                remove_value(table, key);
            } else {
                set_value(table, key, string_array(&list), order);
            }
            Ok(())
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

fn check_item(field: &Field, item: &str) -> Result<(), EditError> {
    match field.kind {
        Kind::Words(spellings) => word(field.name, item, spellings).map(|_| ()),
        _ => id(field.name, item).map(|_| ()),
    }
}

/// The TOML value of a single-valued field.
pub fn value(field: &Field, raw: &str) -> Result<Value, EditError> {
    let key = field.name;
    Ok(match field.kind {
        Kind::Str | Kind::Text => Value::from(raw),
        Kind::Id => Value::from(id(key, raw)?),
        Kind::Word(spellings) => Value::from(word(key, raw, spellings)?),
        Kind::Date => date_value(date(key, raw)?),
        Kind::Bool => Value::from(boolean(key, raw)?),
        Kind::Count { min } => Value::from(count(key, raw, min)?),
        Kind::Ids | Kind::Words(_) => string_array(&split_list(raw)),
    })
}

/// Sets translatable text in `lang`. In a table of languages only that language's text
/// changes. A plain string is the primary language's text: it is replaced, or, when
/// another language is set, becomes the first entry of a new table of languages.
fn set_text(table: &mut Table, key: &str, raw: &str, order: &[&str], lang: &str, primary: &str) {
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
    let hint = match suggest::nearest(raw, allowed.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? "),
        None => String::new(),
    };
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

/// The closed lists of the format, for [`Kind::Word`] and [`Kind::Words`].
pub mod lists {
    use super::*;

    pub fn sector() -> Vec<&'static str> {
        words::<model::Sector>()
    }
    pub fn level() -> Vec<&'static str> {
        words::<model::Level>()
    }
    pub fn gender() -> Vec<&'static str> {
        words::<model::Gender>()
    }
    pub fn space_kind() -> Vec<&'static str> {
        words::<model::SpaceKind>()
    }
    pub fn meeting_kind() -> Vec<&'static str> {
        words::<model::MeetingKind>()
    }
    pub fn value() -> Vec<&'static str> {
        words::<model::Value>()
    }
    pub fn commitment_status() -> Vec<&'static str> {
        words::<model::CommitmentStatus>()
    }
    pub fn completion() -> Vec<&'static str> {
        words::<model::Completion>()
    }
    pub fn response_status() -> Vec<&'static str> {
        words::<model::ResponseStatus>()
    }
    pub fn contribution_kind() -> Vec<&'static str> {
        words::<model::ContributionKind>()
    }
    pub fn plan_kind() -> Vec<&'static str> {
        words::<model::PlanKind>()
    }
    pub fn stage() -> Vec<&'static str> {
        words::<model::Stage>()
    }
    pub fn severity() -> Vec<&'static str> {
        vec!["error", "warn", "allow"]
    }
}
