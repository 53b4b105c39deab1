//! The action plan document: the plan rendered through templates into Markdown, a
//! self-contained HTML page or a PDF file.
//!
//! The templates decide the document's structure and wording; [`view`] only gathers the
//! plan's data in one language, safe to publish. The default templates in `templates/` are
//! built into the binary, and a plan may replace any of them with a file of the same name
//! in its own `templates/` folder, as mdBook themes are overridden.

pub mod charts;
pub(crate) mod cmark;
mod markdown;
mod nesting;
#[cfg(feature = "pdf")]
mod pdf;
mod progress;
mod sandbox;
mod view;
mod words;

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior, Value};

use crate::load::Loaded;
use crate::rules::Context;
use crate::source::{Read, Source};

// For the fuzz targets in `fuzz/`; not part of the interface.
#[doc(hidden)]
pub use markdown::every_conversion as markdown_conversions;

/// The templates obert ships, by name.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "document.html",
        include_str!("../../templates/document.html"),
    ),
    ("document.md", include_str!("../../templates/document.md")),
    ("style.css", include_str!("../../templates/style.css")),
    ("document.typ", include_str!("../../templates/document.typ")),
    ("labels.toml", include_str!("../../templates/labels.toml")),
    (
        "progress.html",
        include_str!("../../templates/progress.html"),
    ),
    ("progress.md", include_str!("../../templates/progress.md")),
    ("progress.typ", include_str!("../../templates/progress.typ")),
];

/// The formats of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    /// Typeset by Typst from `document.typ` (see [`pdf`]).
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Pdf => "pdf",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(
        "there are no labels in `{0}` for the document; languages with labels: {1}. Add a `[{0}]` table to templates/labels.toml in the plan folder"
    )]
    UnknownLanguage(String, String),
    #[error("cannot read the template `{path}`: {error}")]
    Unreadable { path: String, error: std::io::Error },
    #[error("templates/labels.toml is not valid: {0}")]
    Labels(String),
    #[error("{0}")]
    Template(String),
    /// A template went past one of the sandbox's limits (see [`sandbox`]).
    #[error("{0}")]
    Limit(String),
    #[error(
        "this obert was built without PDF output (the `pdf` feature); build it with its default features, or render HTML and print that"
    )]
    PdfNotBuilt,
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
    /// The plan (its working tree, or a revision of it), whose `templates/` folder may
    /// override obert's templates.
    pub templates: Option<&'a dyn Source>,
    /// What `obert check` finds in the plan, with the same `today`: the standards chapter
    /// says "not met" only where a rule does.
    pub findings: &'a [crate::diag::Diagnostic],
    /// The day the findings were judged on, for which meetings are past.
    pub today: Option<crate::model::Date>,
}

impl std::fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("format", &self.format)
            .field("lang", &self.lang)
            .field(
                "templates",
                &self.templates.map(|s| s.display_path("templates")),
            )
            .finish_non_exhaustive()
    }
}

/// The language a document in `lang` would be in: `lang`, or the plan's primary language.
pub fn language(loaded: &Loaded, lang: Option<&str>) -> String {
    lang.map(str::to_string)
        .or_else(|| loaded.plan.meta.languages.first().cloned())
        .unwrap_or_else(|| "en".to_string())
}

/// Renders the document: the text of the page or the Markdown, or the bytes of the PDF.
pub fn render(loaded: &Loaded, options: &Options<'_>) -> Result<Vec<u8>, RenderError> {
    let setup = Setup::new(loaded, options)?;
    let cx = Context::new(loaded);
    let meeting_headings = view::meeting_headings(&loaded.plan);
    let words = picture_words(&setup.labels, &setup.calendar);
    let document = view::Builder {
        meeting_headings: &meeting_headings,
        cx: &cx,
        lang: &setup.lang,
        format: options.format,
        findings: options.findings,
        today: options.today,
        words: &words,
    }
    .build();
    setup.produce("document", &document, options.format)
}

/// Renders the public progress page (`obert render --progress`): each commitment's
/// milestones with their status, the dated reports and their evidence, and the
/// assessments, through the `progress.*` templates and the same engine as the document.
/// `options.today` is the day the page says it was made, and judges what is overdue.
pub fn render_progress(loaded: &Loaded, options: &Options<'_>) -> Result<Vec<u8>, RenderError> {
    let mut setup = Setup::new(loaded, options)?;
    // A plan's own labels.toml, written before the progress page existed, lacks its words:
    // obert's own stand in for them, in the same language, rather than the page failing.
    if !setup.labels.contains_key("progress")
        && let Ok(mut ours) = labels(&BTreeMap::new(), &setup.lang)
        && let Some(words) = ours.remove("progress")
    {
        setup.labels.insert("progress".to_string(), words);
    }
    let cx = Context::new(loaded);
    let page = progress::Builder {
        cx: &cx,
        lang: &setup.lang,
        format: options.format,
        today: options.today,
    }
    .build();
    setup.produce("progress", &page, options.format)
}

/// What every rendering starts from: the language, the plan's own templates, the labels
/// of that language and its words for dates and numbers.
struct Setup {
    lang: String,
    overrides: BTreeMap<String, String>,
    labels: toml::Table,
    calendar: words::Words,
}

impl Setup {
    fn new(loaded: &Loaded, options: &Options<'_>) -> Result<Self, RenderError> {
        // Said before any work, in a build without the engine.
        #[cfg(not(feature = "pdf"))]
        if options.format == Format::Pdf {
            return Err(RenderError::PdfNotBuilt);
        }
        let lang = language(loaded, options.lang);
        let overrides = match options.templates {
            Some(source) => own_templates(source)?,
            None => BTreeMap::new(),
        };
        let labels = labels(&overrides, &lang)?;
        let calendar = words::Words::from_labels(&labels)
            .map_err(|error| RenderError::Labels(format!("[{lang}]: {error}")))?;
        Ok(Setup {
            lang,
            overrides,
            labels,
            calendar,
        })
    }

    /// The view through the templates named `stem` (`document.html`, `document.md`,
    /// `document.typ`), in the sandbox.
    fn produce<T: serde::Serialize>(
        self,
        stem: &str,
        view: &T,
        format: Format,
    ) -> Result<Vec<u8>, RenderError> {
        let Setup {
            overrides,
            labels,
            calendar,
            ..
        } = self;
        #[cfg(feature = "pdf")]
        if format == Format::Pdf {
            // The same view and labels as the other formats, handed to Typst as JSON.
            let name = format!("{stem}.typ");
            let template = overrides.get(&name).map_or_else(
                || embedded(&name).unwrap_or_default().to_string(),
                String::clone,
            );
            let json = |error: serde_json::Error| RenderError::Template(error.to_string());
            let view = serde_json::to_value(view).map_err(json)?;
            let words = serde_json::to_vec(&pdf::words_of(
                &view,
                &calendar,
                labels.get("left_on").and_then(toml::Value::as_str),
            ))
            .map_err(json)?;
            let plan = serde_json::to_vec(&view).map_err(json)?;
            let labels = serde_json::to_vec(&labels).map_err(json)?;
            // Typst has no fuel: the time and memory the thread takes are watched instead.
            let shown = name.clone();
            let pdf = sandbox::run(&name, move || {
                pdf::typeset(&shown, &template, plan, labels, words)
            })?;
            if pdf.len() > sandbox::MAX_OUTPUT {
                return Err(sandbox::too_large(&name));
            }
            return Ok(pdf);
        }

        let name = format!("{stem}.{}", format.extension());
        let env = environment(overrides, calendar);
        let context = minijinja::context! {
            plan => Value::from_serialize(view),
            labels => Value::from_serialize(&labels),
        };
        let main = name.clone();
        sandbox::run(&name, move || {
            let template = env.get_template(&main)?;
            let mut out = sandbox::Capped::default();
            let rendered = template.render_captured_to(context, &mut out);
            match rendered {
                Ok(_) => Ok(out.bytes),
                Err(_) if out.full => Err(sandbox::too_large(&main)),
                Err(error) => match out_of_fuel(&error) {
                    Some(fuel) => Err(fuel_error(fuel, &main)),
                    None => Err(error.into()),
                },
            }
        })
    }
}

/// The engine for the HTML and Markdown templates: obert's templates and the plan's, by
/// name only, within the sandbox's fuel, with HTML escaped in `.html` templates and
/// Markdown in `.md` ones.
fn environment(
    overrides: BTreeMap<String, String>,
    calendar: words::Words,
) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_fuel(Some(sandbox::FUEL));
    // Only the templates obert knows by name: its own and the files of the plan's
    // `templates/` folder, already read. A path (`/etc/passwd`, `../plan.toml`) is refused
    // outright, rather than looked up anywhere.
    env.set_loader(move |name| {
        if !sandbox::template_name(name) {
            return Err(minijinja::Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "`{name}` is not a template name: a template can include only the templates in templates/ (obert's, or the plan's own), by file name, such as \"style.css\""
                ),
            ));
        }
        Ok(overrides
            .get(name)
            .cloned()
            .or_else(|| embedded(name).map(str::to_string)))
    });
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".md") {
            AutoEscape::Custom(MARKDOWN)
        } else {
            minijinja::default_auto_escape_callback(name)
        }
    });
    env.set_formatter(|out, state, value| {
        if state.auto_escape() == AutoEscape::Custom(MARKDOWN) {
            if value.is_safe() {
                out.write_str(&value.to_string())?;
            } else if !value.is_undefined() {
                out.write_str(&cmark::escape_plain(&value.to_string()))?;
            }
            Ok(())
        } else {
            minijinja::escape_formatter(out, state, value)
        }
    });
    // `{{ text|link(url) }}` and `{{ url|autolink }}`: links in the Markdown document, kept
    // only to the places a link may go (web, mail, `#` in the document).
    env.add_filter("link", |text: String, url: String| {
        Value::from_safe_string(cmark::link(&text, &url))
    });
    env.add_filter("autolink", |url: String| {
        Value::from_safe_string(cmark::autolink(&url))
    });
    add_words(&mut env, Arc::new(calendar));
    env
}

/// The auto-escape of the Markdown templates: [`cmark::escape_plain`].
const MARKDOWN: &str = "markdown";

/// The error that ran out of fuel, if `error` is one or comes from one: an included
/// template's error reaches the including one wrapped in an error of its own.
fn out_of_fuel(error: &minijinja::Error) -> Option<&minijinja::Error> {
    let mut current = Some(error);
    while let Some(error) = current {
        if error.kind() == ErrorKind::OutOfFuel {
            return Some(error);
        }
        current = std::error::Error::source(error)
            .and_then(|source| source.downcast_ref::<minijinja::Error>());
    }
    None
}

/// The error for a template that used up its fuel, naming the template (the one running
/// when it ran out, which may be an included one) and its line.
fn fuel_error(error: &minijinja::Error, main: &str) -> RenderError {
    let name = error.name().unwrap_or(main);
    let place = match error.line() {
        Some(line) => format!("templates/{name}:{line}"),
        None => format!("templates/{name}"),
    };
    RenderError::Limit(format!(
        "{place}: the template took more than {} steps, obert's limit for a document: it must not loop that much; check its loops (a plan's own templates/ folder overrides obert's)",
        sandbox::FUEL
    ))
}

fn embedded(name: &str) -> Option<&'static str> {
    TEMPLATES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, text)| *text)
}

/// obert's own English label at `path` (`["sector", "citizen"]`), for the reports that
/// name entries as the document does (`obert diff`). Those reports speak English, like
/// every message of obert, so the plan's own labels do not apply to them.
pub fn english_label(path: &[&str]) -> Option<&'static str> {
    static ENGLISH: std::sync::OnceLock<toml::Table> = std::sync::OnceLock::new();
    let english = ENGLISH.get_or_init(|| labels(&BTreeMap::new(), "en").unwrap_or_default());
    let (last, tables) = path.split_last()?;
    let mut table = english;
    for key in tables {
        table = table.get(*key)?.as_table()?;
    }
    table.get(*last)?.as_str()
}

/// The files of the plan's own `templates/` folder, by name, read through its source (so a
/// revision's templates come straight from git) and within the source's limits.
fn own_templates(source: &dyn Source) -> Result<BTreeMap<String, String>, RenderError> {
    let unreadable = |path: String, error| RenderError::Unreadable { path, error };
    let mut found = BTreeMap::new();
    let names = source
        .list("templates")
        .map_err(|error| unreadable(source.display_path("templates"), error))?;
    for name in names {
        let path = format!("templates/{name}");
        let shown = source.display_path(&path);
        let bytes = match source.read(&path) {
            Ok(Read::Bytes(bytes)) => bytes,
            Ok(Read::Missing) => continue,
            Ok(Read::TooLarge(size)) => {
                let error = std::io::Error::other(format!("it has {size} bytes, too many"));
                return Err(unreadable(shown, error));
            }
            Ok(Read::Refused(why)) => return Err(unreadable(shown, std::io::Error::other(why))),
            Err(error) => return Err(unreadable(shown, error)),
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| unreadable(shown, std::io::Error::other("it is not UTF-8")))?;
        found.insert(name, text);
    }
    Ok(found)
}

/// The labels in `lang` from templates/labels.toml (the plan's, or obert's).
fn labels(overrides: &BTreeMap<String, String>, lang: &str) -> Result<toml::Table, RenderError> {
    let text = match overrides.get("labels.toml") {
        Some(text) => text.clone(),
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

/// Dates and numbers in words, for the templates: `{{ d|date }}` writes an ISO date in
/// words, `{{ n|number }}` a count with the language's separators, and `date_range(start,
/// end)` and `with_date(label, date)` give phrases (`text`, and `parts` to wrap each date in
/// `<time datetime>`). A value that is not a date or a number comes back as it was.
fn add_words(env: &mut Environment<'_>, words: Arc<words::Words>) {
    let parse = |value: &Value| value.as_str().and_then(crate::model::Date::parse);
    let w = Arc::clone(&words);
    env.add_filter("date", move |value: Value| match parse(&value) {
        Some(date) => Value::from(w.date(date)),
        None => value,
    });
    let w = Arc::clone(&words);
    env.add_filter("number", move |value: Value| {
        match u64::try_from(value.clone()) {
            Ok(n) if value.is_integer() => Value::from(w.number(n)),
            _ => value,
        }
    });
    let w = Arc::clone(&words);
    env.add_function("date_range", move |start: Value, end: Value| {
        let phrase = match (parse(&start), parse(&end)) {
            (Some(start), Some(end)) => w.range(start, end),
            (Some(date), None) | (None, Some(date)) => w.range(date, date),
            (None, None) => words::Phrase {
                text: String::new(),
                parts: Vec::new(),
            },
        };
        Value::from_serialize(&phrase)
    });
    env.add_function("with_date", move |pattern: String, date: Value| {
        let phrase = match parse(&date) {
            Some(date) => words.with_date(&pattern, date),
            None => {
                let text = pattern.replace("{date}", &date.to_string());
                words::Phrase {
                    parts: vec![words::Part {
                        text: text.clone(),
                        datetime: None,
                    }],
                    text,
                }
            }
        };
        Value::from_serialize(&phrase)
    });
}

/// The few words the pictures draw, taken from the labels so that they follow the language.
fn picture_words(labels: &toml::Table, calendar: &words::Words) -> view::PictureWords {
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
    let legend = labels
        .get("figure")
        .and_then(|t| t.get("legend"))
        .and_then(toml::Value::as_str)
        .unwrap_or("{sector}: {members}")
        .to_string();
    view::PictureWords {
        sectors,
        composition_alt: get("figure", "composition"),
        legend,
        process_alt: get("figure", "process"),
        implementation_alt: get("figure", "implementation"),
        language: calendar.clone(),
    }
}
