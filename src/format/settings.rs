//! plan.toml's settings as loaded: every key that holds one value, read without being named
//! by the loader, each with where it was written, and read back by its declaration.

use super::{Fallback, Key, Ty};
use crate::diag::Loc;
use crate::model::{Date, Keyword, Text};

/// One setting's value, as its [`Ty`] decodes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingValue {
    /// Strings, ids, paths, URLs and words of a closed list.
    Str(String),
    Text(Text),
    Date(Date),
    Bool(bool),
    Count(u32),
    /// Lists of ids, words or strings.
    List(Vec<String>),
}

impl SettingValue {
    /// The value as one line of text, as `obert diff` and `obert status` show it.
    pub fn shown(&self) -> String {
        match self {
            SettingValue::Str(text) => text.clone(),
            SettingValue::Text(text) => text.one_line(),
            SettingValue::Date(date) => date.to_string(),
            SettingValue::Bool(flag) => flag.to_string(),
            SettingValue::Count(n) => n.to_string(),
            SettingValue::List(items) => items.join(", "),
        }
    }

    /// A key's default as a value, when it has one that is a value.
    pub fn fallback(key: &Key) -> Option<SettingValue> {
        Some(match key.default? {
            Fallback::Count(n) => SettingValue::Count(n),
            Fallback::Bool(flag) => SettingValue::Bool(flag),
            Fallback::Str(text) => SettingValue::Str(text.to_string()),
            Fallback::List(items) => {
                SettingValue::List(items.iter().map(|item| item.to_string()).collect())
            }
            Fallback::Note(_) => return None,
        })
    }
}

/// One setting that a file holds.
#[derive(Debug, Clone)]
pub struct Setting {
    pub key: &'static Key,
    /// The dotted path from the file's root: `rules.forum.members`.
    pub path: String,
    pub value: SettingValue,
    /// Where the value is written.
    pub loc: Loc,
}

/// The settings a file holds, in the order they were read. Keys are compared by identity:
/// a setting is found by its declaration, never by a name that could be misspelt.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    items: Vec<Setting>,
}

impl Settings {
    pub fn push(&mut self, setting: Setting) {
        self.items.push(setting);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Setting> {
        self.items.iter()
    }

    pub fn get(&self, key: &'static Key) -> Option<&Setting> {
        self.items.iter().find(|s| std::ptr::eq(s.key, key))
    }

    fn value(&self, key: &'static Key) -> Option<&SettingValue> {
        self.get(key).map(|setting| &setting.value)
    }

    /// The value the file gives, or else the key's default.
    pub fn effective(&self, key: &'static Key) -> Option<SettingValue> {
        self.value(key)
            .cloned()
            .or_else(|| SettingValue::fallback(key))
    }

    /// A whole number: the file's, or the default.
    pub fn count(&self, key: &'static Key) -> u32 {
        debug_assert!(
            matches!(key.ty, Ty::Count { .. }),
            "`{}` is no count",
            key.name
        );
        match self.value(key) {
            Some(SettingValue::Count(n)) => *n,
            _ => match key.default {
                Some(Fallback::Count(n)) => n,
                _ => 0,
            },
        }
    }

    /// A list: the file's, or the default.
    pub fn list(&self, key: &'static Key) -> Vec<String> {
        debug_assert!(key.ty.is_list(), "`{}` is no list", key.name);
        match self.effective(key) {
            Some(SettingValue::List(items)) => items,
            _ => Vec::new(),
        }
    }

    /// A list of words of a closed list, as their enum.
    pub fn words<K: Keyword>(&self, key: &'static Key) -> Vec<K> {
        self.list(key)
            .iter()
            .filter_map(|word| K::parse(word))
            .collect()
    }

    /// One word of a closed list, as its enum.
    pub fn keyword<K: Keyword>(&self, key: &'static Key) -> Option<K> {
        K::parse(self.str(key)?)
    }

    pub fn str(&self, key: &'static Key) -> Option<&str> {
        match self.value(key) {
            Some(SettingValue::Str(text)) => Some(text),
            _ => None,
        }
    }

    pub fn text(&self, key: &'static Key) -> Option<&Text> {
        match self.value(key) {
            Some(SettingValue::Text(text)) => Some(text),
            _ => None,
        }
    }

    pub fn date(&self, key: &'static Key) -> Option<Date> {
        match self.value(key) {
            Some(SettingValue::Date(date)) => Some(*date),
            _ => None,
        }
    }

    /// Where the file writes `key`, if it does.
    pub fn loc(&self, key: &'static Key) -> Option<Loc> {
        self.get(key).map(|setting| setting.loc)
    }
}
