//! Findings as data, and the files they point into.
//!
//! Rules and the loader produce [`Diagnostic`]s; [`render`] turns them into text in one of
//! the [`Format`]s. Nothing here prints by itself.
//!
//! The four formats live in modules of their own, private so that nothing reaches them
//! except through [`render`], which masks personal data before any of them sees a finding.

mod github;
mod human;
mod json;
mod report;
mod sarif;

pub use report::{Format, RenderConfig, render};

use std::fmt;
use std::sync::OnceLock;

use crate::source::{DirSource, Source as _};

/// The index of a file in [`Files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range inside one file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(range: std::ops::Range<usize>) -> Self {
        Span {
            start: u32::try_from(range.start).unwrap_or(u32::MAX),
            end: u32::try_from(range.end).unwrap_or(u32::MAX),
        }
    }

    /// This span moved `offset` bytes further into the file (for text embedded in a file,
    /// such as a commitment's front matter).
    pub fn shifted(self, offset: usize) -> Self {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        Span {
            start: self.start.saturating_add(offset),
            end: self.end.saturating_add(offset),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A place in a file: what every finding points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    pub file: FileId,
    pub span: Span,
}

impl Loc {
    pub fn new(file: FileId, span: Span) -> Self {
        Loc { file, span }
    }

    /// The start of a file, for findings about a file as a whole.
    pub fn file_start(file: FileId) -> Self {
        Loc {
            file,
            span: Span::default(),
        }
    }
}

/// One file of the plan, with its text and where its lines start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path inside the plan folder, with `/` separators (`spaces/agora.toml`).
    pub path: String,
    /// The text as read, without a leading byte-order mark. Invalid UTF-8 is replaced so
    /// that a finding about it can still show the line. Empty while it is let go (see
    /// [`SourceFile::release`]), until [`SourceFile::text`] reads it again.
    text: OnceLock<String>,
    /// Where each line starts, worked out the first time a finding in the file is placed:
    /// most files of a large plan have none, and indexing 60 MB of text for nothing cost
    /// a twentieth of `check`.
    line_starts: OnceLock<Vec<u32>>,
    /// What names the bytes read, where the source tells it (see
    /// [`crate::source::Source::fingerprint`]): a later reading of the same bytes can take
    /// the file over without reading it.
    pub fingerprint: Option<Vec<u8>>,
    /// Set when the text was let go: where to read it again, and what it was.
    released: Option<Released>,
}

/// The text of a file that was let go: how to tell it again from a new reading.
#[derive(Debug, Clone)]
struct Released {
    from: DirSource,
    len: usize,
    digest: u64,
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: String, text: String) -> Self {
        SourceFile {
            path,
            text: OnceLock::from(text),
            line_starts: OnceLock::new(),
            fingerprint: None,
            released: None,
        }
    }

    /// The file's text. One that was let go is read again first, from where it was read;
    /// if the file changed since, the text is empty (a finding in it is then shown
    /// without its line).
    pub fn text(&self) -> &str {
        self.text
            .get_or_init(|| self.read_again().unwrap_or_default())
    }

    /// The length of the text in bytes, without reading a text that was let go again.
    pub fn len(&self) -> usize {
        match self.let_go() {
            Some(released) => released.len,
            None => self.text().len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Lets the text go, to be read again from `from` only if a finding in the file is to
    /// be shown: a large plan's files of entries are most of its memory after decoding, and
    /// most of them have no finding.
    pub(crate) fn release(&mut self, from: DirSource) {
        let Some(text) = self.text.take() else {
            return;
        };
        self.released = Some(Released {
            from,
            len: text.len(),
            digest: crate::source::digest(text.as_bytes()),
        });
    }

    /// The text read again as loading read it (see `load::Loader::read_text`), if it is
    /// still the text that was let go.
    fn read_again(&self) -> Option<String> {
        let released = self.released.as_ref()?;
        let Ok(crate::source::Read::Bytes(bytes)) = released.from.read(&self.path) else {
            return None;
        };
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
        let text = String::from_utf8_lossy(bytes).into_owned();
        (text.len() == released.len && crate::source::digest(text.as_bytes()) == released.digest)
            .then_some(text)
    }

    /// Whether the text is `bytes` (as read, with a byte-order mark), without reading a text
    /// that was let go again.
    pub fn is_text(&self, bytes: &[u8]) -> bool {
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        match self.let_go() {
            Some(released) => {
                bytes.len() == released.len && crate::source::digest(bytes) == released.digest
            }
            None => self.text().as_bytes() == bytes,
        }
    }

    #[cfg(test)]
    pub(crate) fn is_let_go(&self) -> bool {
        self.let_go().is_some()
    }

    /// What the text was, while it is let go and not read again.
    fn let_go(&self) -> Option<&Released> {
        self.released.as_ref().filter(|_| self.text.get().is_none())
    }

    /// Whether `other` was read from the same bytes: by fingerprint where both have one
    /// (two revisions of a repository), by text otherwise.
    pub fn same_bytes(&self, other: &SourceFile) -> bool {
        match (&self.fingerprint, &other.fingerprint) {
            (Some(mine), Some(theirs)) => mine == theirs,
            _ => match (self.let_go(), other.let_go(), other.text.get()) {
                (Some(mine), Some(theirs), _) => {
                    (mine.len, mine.digest) == (theirs.len, theirs.digest)
                }
                (_, _, Some(text)) => self.is_text(text.as_bytes()),
                (_, _, None) => other.is_text(self.text().as_bytes()),
            },
        }
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            // memchr's search finds the line breaks many bytes at a time: a byte by byte
            // scan was most of placing the one entry `obert log` shows per commit.
            starts.extend(
                memchr::memchr_iter(b'\n', self.text().as_bytes())
                    .map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX)),
            );
            starts
        })
    }

    /// The 0-based index of the line that holds byte `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        self.line_starts()
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The byte range of line `index` (0-based), without its line ending.
    pub fn line_range(&self, index: usize) -> std::ops::Range<usize> {
        let start = self
            .line_starts()
            .get(index)
            .map_or(self.text().len(), |&s| s as usize);
        let mut end = self
            .line_starts()
            .get(index + 1)
            .map_or(self.text().len(), |&s| s as usize);
        let bytes = self.text().as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(self.text(), offset.min(self.text().len()));
        let index = self.line_index(offset);
        let start = self.line_starts()[index] as usize;
        LineCol {
            line: index + 1,
            column: self.text()[start..offset].chars().count() + 1,
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Every file that was read, so that a [`Loc`] can be shown as `path:line:column`.
#[derive(Debug, Default)]
pub struct Files {
    files: Vec<SourceFile>,
}

impl Files {
    pub fn add(&mut self, path: String, text: String) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile::new(path, text));
        id
    }

    /// The id the next file added will have.
    pub(crate) fn next_id(&self) -> FileId {
        FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX))
    }

    /// Adds a file read before.
    pub(crate) fn push(&mut self, file: SourceFile) -> FileId {
        let id = self.next_id();
        self.files.push(file);
        id
    }

    /// Takes file `id` out, leaving an empty one in its place so that other ids keep
    /// their meaning: for a plan that is being taken apart to be read again.
    pub(crate) fn take(&mut self, id: FileId) -> SourceFile {
        std::mem::replace(
            &mut self.files[id.0 as usize],
            SourceFile::new(String::new(), String::new()),
        )
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub(crate) fn get_mut(&mut self, id: FileId) -> &mut SourceFile {
        &mut self.files[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// How much a finding matters. Ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Allow,
    Warn,
    Error,
}

impl Severity {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "allow" => Some(Severity::Allow),
            "warn" => Some(Severity::Warn),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Allow => "allow",
            Severity::Warn => "warn",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: which rule, how severe, what is wrong, where, and what would fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static crate::rules::Rule,
    pub severity: Severity,
    pub message: String,
    pub loc: Loc,
    /// A short note under the pointed-at text.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// The reason an `allow` in the plan gives for this finding: then it is no problem, it is
    /// counted apart and shown only on request.
    pub allowed: Option<String>,
    /// Other places the finding involves, such as the first of two entries with one id.
    pub related: Vec<Related>,
}

/// A second place a finding involves, with a note on what is there ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub loc: Loc,
    pub message: String,
}

impl Diagnostic {
    /// A finding at the rule's default severity; [`crate::rules`] applies `[lints]` later.
    pub fn new(rule: &'static crate::rules::Rule, loc: Loc, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: Severity::Error,
            message: message.into(),
            loc,
            label: None,
            help: None,
            allowed: None,
            related: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a related place; they are shown in the order they were added.
    pub fn with_related(mut self, loc: Loc, message: impl Into<String>) -> Self {
        self.related.push(Related {
            loc,
            message: message.into(),
        });
        self
    }
}

/// Counts of findings by severity, as the summary line and JSON report them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    /// Findings an `allow` in the plan covers, with its reason: no problem, and apart.
    pub allowed: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut counts = Counts::default();
        for diagnostic in diagnostics {
            match diagnostic.severity {
                _ if diagnostic.allowed.is_some() => counts.allowed += 1,
                Severity::Error => counts.errors += 1,
                Severity::Warn => counts.warnings += 1,
                Severity::Allow => {}
            }
        }
        counts
    }
}

/// Sorts findings by file, position and rule, so every output is stable.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics
        .sort_by(|a, b| (a.loc, a.rule.name, &a.message).cmp(&(b.loc, b.rule.name, &b.message)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new("x".into(), "a = 1\r\nàb = 2\n".into());
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(7), LineCol { line: 2, column: 1 });
        // `b` follows a two-byte character.
        assert_eq!(file.line_col(9), LineCol { line: 2, column: 2 });
        assert_eq!(file.line_range(0), 0..5);
        assert_eq!(file.line_range(1), 7..14);
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let file = SourceFile::new("x".into(), "ab".into());
        assert_eq!(file.line_col(100), LineCol { line: 1, column: 3 });
        assert_eq!(
            SourceFile::new("y".into(), String::new()).line_col(0).line,
            1
        );
    }
}
