//! Text that a plan may give in several languages.

use std::collections::BTreeMap;

/// Either a plain string, in the plan's primary language, or a string per language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Text {
    Plain(String),
    Translated(BTreeMap<String, String>),
}

impl Default for Text {
    fn default() -> Self {
        Text::Plain(String::new())
    }
}

impl Text {
    /// The text in `lang`, falling back to the primary language, then to any language.
    pub fn get<'a>(&'a self, lang: &str, primary: &str) -> &'a str {
        match self {
            Text::Plain(text) => text,
            Text::Translated(by_lang) => by_lang
                .get(lang)
                .or_else(|| by_lang.get(primary))
                .or_else(|| by_lang.values().next())
                .map_or("", String::as_str),
        }
    }

    /// Every string of the text, whatever its language.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        let (plain, translated) = match self {
            Text::Plain(text) => (Some(text.as_str()), None),
            Text::Translated(by_lang) => (None, Some(by_lang.values().map(String::as_str))),
        };
        plain.into_iter().chain(translated.into_iter().flatten())
    }

    /// The text as one string: itself, or each language's text after its code
    /// (`ca: Dades / en: Data`).
    pub fn one_line(&self) -> String {
        match self {
            Text::Plain(text) => text.clone(),
            Text::Translated(by_lang) => by_lang
                .iter()
                .map(|(lang, text)| format!("{lang}: {text}"))
                .collect::<Vec<_>>()
                .join(" / "),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.all().all(|text| text.trim().is_empty())
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Text::Plain(text) => serializer.serialize_str(text),
            Text::Translated(by_lang) => by_lang.serialize(serializer),
        }
    }
}
