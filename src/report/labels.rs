//! The fixed words of the implementation reports, from the same labels the document uses
//! (templates/labels.toml: the plan's own, or obert's), so that a plan that rewords or adds
//! a language for its document gets the same words in its reports.

use crate::source::{Read, Source};

/// obert's own labels, which also fill in keys a plan's older labels.toml lacks.
const BUILTIN: &str = include_str!("../../templates/labels.toml");

/// The plan's labels file is read only up to this size, as every plan file is bounded.
const MOST_BYTES: usize = 1 << 20;

/// The labels of one language: the plan's, then obert's for any key the plan's lack.
#[derive(Debug, Clone)]
pub struct Labels {
    own: Option<toml::Table>,
    builtin: Option<toml::Table>,
    pub lang: String,
}

#[derive(Debug, thiserror::Error)]
pub enum LabelsError {
    #[error(
        "there are no labels in `{0}` for the report; languages with labels: {1}. Add a `[{0}]` table to templates/labels.toml in the plan folder"
    )]
    UnknownLanguage(String, String),
    #[error("{0} is not valid: {1}")]
    Invalid(String, String),
    #[error("cannot read {0}: {1}")]
    Unreadable(String, String),
}

/// Every language's labels as the plan's templates/labels.toml and obert's give them.
#[derive(Debug)]
pub struct AllLabels {
    own: Option<toml::Table>,
    builtin: toml::Table,
}

impl AllLabels {
    /// Reads the plan's templates/labels.toml, if it has one, through its source.
    pub fn read(source: &dyn Source) -> Result<Self, LabelsError> {
        let path = "templates/labels.toml";
        let shown = source.display_path(path);
        let unreadable = |why: String| LabelsError::Unreadable(shown.clone(), why);
        let own = match source.read(path) {
            Ok(Read::Bytes(bytes)) if bytes.len() > MOST_BYTES => {
                return Err(unreadable(format!(
                    "it has {} bytes, too many",
                    bytes.len()
                )));
            }
            Ok(Read::Bytes(bytes)) => {
                let text = String::from_utf8(bytes)
                    .map_err(|_| unreadable("it is not UTF-8".to_string()))?;
                Some(
                    text.parse::<toml::Table>()
                        .map_err(|error| LabelsError::Invalid(shown.clone(), error.to_string()))?,
                )
            }
            Ok(Read::Missing) => None,
            Ok(Read::TooLarge(size)) => {
                return Err(unreadable(format!("it has {size} bytes, too many")));
            }
            Ok(Read::Refused(why)) => return Err(unreadable(why.to_string())),
            Err(error) => return Err(unreadable(error.to_string())),
        };
        Ok(AllLabels {
            own,
            builtin: builtin(),
        })
    }

    /// obert's own labels only (no plan around).
    pub fn builtin() -> Self {
        AllLabels {
            own: None,
            builtin: builtin(),
        }
    }

    /// The labels of `lang`, or an error naming the languages that have some.
    pub fn language(&self, lang: &str) -> Result<Labels, LabelsError> {
        let table = |all: &toml::Table| all.get(lang).and_then(toml::Value::as_table).cloned();
        let own = self.own.as_ref().and_then(table);
        let builtin = table(&self.builtin);
        if own.is_none() && builtin.is_none() {
            let mut known: Vec<&str> = self
                .own
                .iter()
                .chain(std::iter::once(&self.builtin))
                .flat_map(|all| all.keys().map(String::as_str))
                .collect();
            known.sort_unstable();
            known.dedup();
            return Err(LabelsError::UnknownLanguage(
                lang.to_string(),
                known.join(", "),
            ));
        }
        Ok(Labels {
            own,
            builtin,
            lang: lang.to_string(),
        })
    }
}

fn builtin() -> toml::Table {
    // obert's own file; a test parses it, so failing here cannot happen in a build.
    BUILTIN.parse().unwrap_or_default()
}

impl Labels {
    /// The word at `path` (`["report", "summary"]`): the plan's, else obert's in the same
    /// language, else the last part of the path itself, so a report never fails over a word.
    pub fn get(&self, path: &[&str]) -> String {
        let find = |table: &toml::Table| -> Option<String> {
            let (last, tables) = path.split_last()?;
            let mut table = table;
            for key in tables {
                table = table.get(*key)?.as_table()?;
            }
            table.get(*last)?.as_str().map(str::to_string)
        };
        self.own
            .as_ref()
            .and_then(find)
            .or_else(|| self.builtin.as_ref().and_then(find))
            .unwrap_or_else(|| path.last().copied().unwrap_or_default().to_string())
    }

    /// The word at `path` with each `{name}` replaced by its value.
    pub fn fill(&self, path: &[&str], values: &[(&str, &str)]) -> String {
        let mut text = self.get(path);
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// A language's name in this language (`[L.language]`), or its code.
    pub fn language_name(&self, code: &str) -> String {
        self.get(&["language", code])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_report_word() {
        let all: toml::Table = BUILTIN.parse().expect("labels.toml parses");
        let english = all["en"]["report"].as_table().expect("[en.report]");
        for (lang, labels) in &all {
            let report = labels["report"].as_table().expect("[L.report]");
            for (key, value) in english {
                let found = report
                    .get(key)
                    .unwrap_or_else(|| panic!("{lang}.report.{key}"));
                if let Some(table) = value.as_table() {
                    for word in table.keys() {
                        assert!(found.get(word).is_some(), "{lang}.report.{key}.{word}");
                    }
                }
            }
        }
    }

    #[test]
    fn missing_words_fall_back_to_obert_then_to_the_key() {
        let own: toml::Table = "[en]\nsummary = \"Overview\"\n[en.report]\nsummary = \"Overview\""
            .parse()
            .expect("toml");
        let all = AllLabels {
            own: Some(own),
            builtin: builtin(),
        };
        let en = all.language("en").expect("en");
        assert_eq!(en.get(&["report", "summary"]), "Overview");
        assert_eq!(en.get(&["report", "evidence"]), "Evidence");
        assert_eq!(en.get(&["report", "nothing_here"]), "nothing_here");
        assert!(all.language("xx").is_err());
    }
}
