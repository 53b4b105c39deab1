//! The document as PDF, typeset by the Typst compiler used as a library.
//!
//! The template (`templates/document.typ`, or the plan's own) reads the same view of the
//! plan that the HTML and Markdown templates get, as JSON from `/plan.json`, its labels
//! from `/labels.json`, and the view's dates, periods and counts in the document's words
//! from `/words.json` ([`words_of`]: what the other templates' `date`, `date_range`,
//! `number` and `with_date` write). Those four are the only files the template can read: it runs in a
//! world of its own, with no access to the disk, the network or the clock, and with the
//! fonts shipped in obert's `fonts/` folder only, so that the same plan gives the same bytes
//! on every machine. docs/render.md says why Typst, and what it costs.

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, Span, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt as _, World};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use std::collections::BTreeMap;

use serde_json::Value;

use super::RenderError;
use super::words::Words;
use crate::model::Date;

/// The fonts the PDF is set in, built into the binary (fonts/README.md says where they come
/// from and under which licence).
const FONTS: &[&[u8]] = &[
    include_bytes!("../../fonts/OpenSans-Regular.ttf"),
    include_bytes!("../../fonts/OpenSans-Bold.ttf"),
    include_bytes!("../../fonts/OpenSans-Italic.ttf"),
    include_bytes!("../../fonts/OpenSans-BoldItalic.ttf"),
];

/// Typesets `template` (the template file `name`: `document.typ`, `progress.typ`) over the view of the plan and the labels, both as JSON, into a tagged
/// PDF/UA-1 file.
pub(super) fn typeset(
    name: &str,
    template: &str,
    plan: Vec<u8>,
    labels: Vec<u8>,
    words: Vec<u8>,
) -> Result<Vec<u8>, RenderError> {
    let fonts: Vec<Font> = FONTS
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    let world = Sandbox {
        library: LazyHash::new(Library::builder().build()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        // The template's path inside the world, as its messages name it.
        main: Source::new(id(&format!("/{name}")), template.to_string()),
        name: name.to_string(),
        plan: Bytes::new(plan),
        labels: Bytes::new(labels),
        words: Bytes::new(words),
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| world.failure(&errors))?;
    let options = PdfOptions {
        // No creation date: the same plan gives the same bytes. The document's identifier
        // is then derived from its title, as Typst does by default.
        ident: Smart::Auto,
        timestamp: None,
        page_ranges: None,
        standards: PdfStandards::new(&[PdfStandard::Ua_1])
            .map_err(|error| RenderError::Template(error.to_string()))?,
        tagged: true,
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| world.failure(&errors))
}

fn id(path: &str) -> FileId {
    FileId::new(None, VirtualPath::new(path))
}

/// Everything the template can see.
struct Sandbox {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    /// The template's file name, for messages.
    name: String,
    plan: Bytes,
    labels: Bytes,
    words: Bytes,
}

impl Sandbox {
    /// The compiler's errors as one message that names the template's line, like a
    /// mistake in the other templates.
    fn failure(&self, diagnostics: &[SourceDiagnostic]) -> RenderError {
        let messages: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| {
                // An error inside evaluated prose has no place in the template; the call
                // that evaluated it has.
                let line = std::iter::once(d.span)
                    .chain(d.trace.iter().map(|point| point.span))
                    .find_map(|span| self.line(span));
                let place = line.map_or_else(
                    || format!("templates/{}: ", self.name),
                    |line| format!("templates/{}:{line}: ", self.name),
                );
                let hints: String = d.hints.iter().map(|h| format!(" ({h})")).collect();
                format!("{place}{}{hints}", d.message)
            })
            .collect();
        RenderError::Template(format!(
            "{}; check the template (a plan's own templates/ folder overrides obert's)",
            messages.join("; ")
        ))
    }

    fn line(&self, span: Span) -> Option<usize> {
        if span.id()? != self.main.id() {
            return None;
        }
        let range = self.main.range(span)?;
        Some(self.main.lines().byte_to_line(range.start)? + 1)
    }
}

impl World for Sandbox {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match id.vpath().as_rootless_path().to_str() {
            _ if id.package().is_some() => Err(not_found(id)),
            Some("plan.json") => Ok(self.plan.clone()),
            Some("labels.json") => Ok(self.labels.clone()),
            Some("words.json") => Ok(self.words.clone()),
            _ => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    /// No clock: a template that asks for today's date fails rather than make the bytes
    /// depend on the day.
    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().as_rootless_path().to_path_buf())
}

/// The words of every date, period and count in `view` (the document's data as JSON), for
/// the template to look up, as Typst cannot call the Rust that writes them:
/// - `dates`: each ISO date string, in words ("6 May 2021");
/// - `ranges`: each object's `start` and `end` dates, keyed `"START/END"`, as one period
///   ("7 June to 4 July 2021");
/// - `numbers`: each whole number, keyed by its digits, with the language's separators;
/// - `left_on`: each date in the label `left_on` ("fins a l'1 de juny de 2021"), with the
///   language's elisions, as `with_date` writes it for the other templates.
pub(super) fn words_of(view: &Value, words: &Words, left_on: Option<&str>) -> Value {
    let mut found = Found::default();
    found.walk(view, words);
    let left_on: BTreeMap<&String, String> = match left_on {
        Some(pattern) => found
            .dates
            .keys()
            .filter_map(|iso| Some((iso, words.with_date(pattern, Date::parse(iso)?).text)))
            .collect(),
        None => BTreeMap::new(),
    };
    serde_json::json!({
        "dates": found.dates,
        "ranges": found.ranges,
        "numbers": found.numbers,
        "left_on": left_on,
    })
}

#[derive(Default)]
struct Found {
    dates: BTreeMap<String, String>,
    ranges: BTreeMap<String, String>,
    numbers: BTreeMap<String, String>,
}

impl Found {
    /// The view's shape is fixed by its Rust types, a few levels deep: no plan can make
    /// this recursion deeper.
    fn walk(&mut self, value: &Value, words: &Words) {
        match value {
            Value::String(text) => {
                if let Some(date) = Date::parse(text) {
                    self.dates.insert(text.clone(), words.date(date));
                }
            }
            Value::Number(number) => {
                if let Some(n) = number.as_u64() {
                    self.numbers.insert(n.to_string(), words.number(n));
                }
            }
            Value::Array(items) => items.iter().for_each(|item| self.walk(item, words)),
            Value::Object(fields) => {
                let date = |key: &str| fields.get(key)?.as_str().and_then(Date::parse);
                if let (Some(start), Some(end)) = (date("start"), date("end")) {
                    self.ranges
                        .insert(format!("{start}/{end}"), words.range(start, end).text);
                }
                fields.values().for_each(|field| self.walk(field, words));
            }
            Value::Null | Value::Bool(_) => {}
        }
    }
}
