//! The action plan document: the plan rendered through templates into Markdown or a
//! self-contained HTML page.
//!
//! The templates decide the document's structure and wording; [`view`] only gathers the
//! plan's data in one language, safe to publish. The default templates in `templates/` are
//! built into the binary, and a plan may replace any of them with a file of the same name
//! in its own `templates/` folder, as mdBook themes are overridden.

pub mod charts;
mod markdown;
mod view;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior, Value};

use crate::load::Loaded;
use crate::rules::Context;

/// The templates obert ships, by name.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "document.html",
        include_str!("../../templates/document.html"),
    ),
    ("document.md", include_str!("../../templates/document.md")),
    ("style.css", include_str!("../../templates/style.css")),
    ("labels.toml", include_str!("../../templates/labels.toml")),
];

/// The two formats of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(
        "there are no labels in `{0}` for the document; languages with labels: {1}. Add a `[{0}]` table to templates/labels.toml in the plan folder"
    )]
    UnknownLanguage(String, String),
    #[error("cannot read the template `{}`: {error}", .path.display())]
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("templates/labels.toml is not valid: {0}")]
    Labels(String),
    #[error("{0}")]
    Template(String),
}

impl From<minijinja::Error> for RenderError {
    fn from(error: minijinja::Error) -> Self {
        RenderError::Template(template_message(&error))
    }
}

fn template_message(error: &minijinja::Error) -> String {
    let place = match (error.name(), error.line()) {
        (Some(name), Some(line)) => format!("templates/{name}:{line}: "),
        (Some(name), None) => format!("templates/{name}: "),
        _ => String::new(),
    };
    let detail = error
        .detail()
        .map_or_else(|| error.kind().to_string(), str::to_string);
    format!(
        "{place}{detail}; check the template (a plan's own templates/ folder overrides obert's)"
    )
}

/// How to render.
pub struct Options<'a> {
    pub format: Format,
    /// The document's language; the plan's primary language when `None`.
    pub lang: Option<&'a str>,
    /// The plan folder, whose `templates/` may override obert's templates.
    pub plan_root: Option<PathBuf>,
    /// Turns a path inside the plan (minutes) into a link from where the document goes.
    pub evidence_link: &'a dyn Fn(&str) -> String,
}

impl std::fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("format", &self.format)
            .field("lang", &self.lang)
            .field("plan_root", &self.plan_root)
            .finish_non_exhaustive()
    }
}

/// The language a document in `lang` would be in: `lang`, or the plan's primary language.
pub fn language(loaded: &Loaded, lang: Option<&str>) -> String {
    lang.map(str::to_string)
        .or_else(|| loaded.plan.meta.languages.first().cloned())
        .unwrap_or_else(|| "en".to_string())
}

/// Renders the document.
pub fn render(loaded: &Loaded, options: &Options<'_>) -> Result<String, RenderError> {
    let lang = language(loaded, options.lang);
    let overrides = options
        .plan_root
        .as_ref()
        .map(|root| root.join("templates"));
    let labels = labels(overrides.as_deref(), &lang)?;
    let words = picture_words(&labels);

    let cx = Context::new(loaded);
    let document = view::Builder {
        cx: &cx,
        lang: &lang,
        format: options.format,
        evidence_link: options.evidence_link,
        words: &words,
    }
    .build();

    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_loader(move |name| {
        if let Some(dir) = &overrides {
            let path = dir.join(name);
            if path.is_file() {
                return std::fs::read_to_string(&path).map(Some).map_err(|error| {
                    minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        format!("cannot read {}: {error}", path.display()),
                    )
                });
            }
        }
        Ok(embedded(name).map(str::to_string))
    });
    let template = env.get_template(&format!("document.{}", options.format.extension()))?;
    let output = template.render(minijinja::context! {
        plan => Value::from_serialize(&document),
        labels => Value::from_serialize(&labels),
    })?;
    Ok(output)
}

fn embedded(name: &str) -> Option<&'static str> {
    TEMPLATES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, text)| *text)
}

/// The labels in `lang` from templates/labels.toml (the plan's, or obert's).
fn labels(overrides: Option<&Path>, lang: &str) -> Result<toml::Table, RenderError> {
    let own = overrides.map(|dir| dir.join("labels.toml"));
    let text = match own.filter(|path| path.is_file()) {
        Some(path) => std::fs::read_to_string(&path)
            .map_err(|error| RenderError::Unreadable { path, error })?,
        None => embedded("labels.toml").unwrap_or_default().to_string(),
    };
    let mut all: toml::Table = text
        .parse()
        .map_err(|error: toml::de::Error| RenderError::Labels(error.to_string()))?;
    let languages: Vec<String> = all.keys().cloned().collect();
    match all.remove(lang) {
        Some(toml::Value::Table(labels)) => Ok(labels),
        _ => Err(RenderError::UnknownLanguage(
            lang.to_string(),
            languages.join(", "),
        )),
    }
}

/// The few words the pictures draw, taken from the labels so that they follow the language.
fn picture_words(labels: &toml::Table) -> view::PictureWords {
    let get = |table: &str, key: &str| -> String {
        labels
            .get(table)
            .and_then(|t| t.get(key))
            .and_then(toml::Value::as_str)
            .unwrap_or(key)
            .to_string()
    };
    let sectors: BTreeMap<String, String> = labels
        .get("sector")
        .and_then(toml::Value::as_table)
        .map(|table| {
            table
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    view::PictureWords {
        sectors,
        composition_alt: get("figure", "composition"),
        process_alt: get("figure", "process"),
        implementation_alt: get("figure", "implementation"),
    }
}
