//! Reads a plan folder into a [`Plan`], with a finding for everything that could not be
//! read. One broken file never stops the others from being read and checked.

mod chapters;
mod commitment;
pub(crate) mod decode;
mod entries;
mod implementation;
mod pieces;
mod plan_file;
mod reuse;
#[cfg(test)]
pub(crate) mod testing;

use std::io;

use toml::Spanned;
use toml::de::DeTable;

use crate::diag::{Diagnostic, FileId, Files, Loc, SourceFile, Span};
use crate::model::{Allow, Contribution, Document, Plan};
use crate::rules::{DANGLING_REFERENCE, INVALID_VALUE, PARSE_ERROR, UNSAFE_PATH};
use crate::source::{self, Read, Source};

pub use decode::is_slug;
pub use reuse::Reuse;
// `obert fmt` formats the front matter only, so it must find it exactly as loading does.
pub(crate) use commitment::split_front_matter;
// An edit of one entry of a large file opens only that entry, found as loading cuts files.
pub(crate) use pieces::entry_range;

/// Files of entries at least this large let their text go once decoded without a finding
/// (see [`crate::diag::SourceFile::release`]). Smaller ones are a small share of a plan's
/// memory, and keeping them saves reading them again for a finding a rule makes there.
const LET_GO_FROM_BYTES: usize = 1024 * 1024;

/// The syntax errors reported for one file; the rest are counted in one more finding.
pub const MAX_SYNTAX_ERRORS: usize = 20;

/// A loaded plan, the files it came from, and what loading found wrong.
#[derive(Debug)]
pub struct Loaded {
    pub plan: Plan,
    pub files: Files,
    pub diagnostics: Vec<Diagnostic>,
    /// Files that could not be parsed at all: references into them cannot be checked.
    pub broken: Broken,
    /// plan.toml, for findings about the plan as a whole.
    pub plan_file: FileId,
}

/// Which kinds of entries may be missing because a file that defines them is broken, so
/// that one typo does not turn into a hundred "dangling reference" findings.
#[derive(Debug, Default, Clone, Copy)]
pub struct Broken {
    pub plan: bool,
    pub organisations: bool,
    pub people: bool,
    pub spaces: bool,
    pub commitments: bool,
    pub contributions: bool,
    /// The vision or one of its translations: which languages it has text in is unknown.
    pub vision: bool,
    /// One of the plan's own chapters or their translations.
    pub chapters: bool,
}

/// Reading the plan failed as a whole (not a finding about one file).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The cause is the `source`, so that a report of the whole chain says it once.
    #[error("cannot read `{path}`")]
    Io { path: String, source: io::Error },
}

/// Reads every file of the plan that `source` holds.
pub fn load(source: &dyn Source) -> Result<Loaded, LoadError> {
    load_reusing(source, Reuse::default())
}

/// [`load`], taking from `reuse` the files that an earlier reading decoded and that have
/// not changed since, instead of decoding them again.
pub fn load_reusing(source: &dyn Source, reuse: Reuse) -> Result<Loaded, LoadError> {
    load_with(source, reuse, entries::load_contributions)
}

/// [`load`] for a command that asks only a little of each contribution, as an import
/// does: each one is handed to `digest` (with the plan's primary language) as it is
/// decoded, and dropped. The plan holds its contribution files without their
/// contributions; their digests come beside it, one list per file of
/// `plan.contribution_files`, in order. Findings are those of [`load`].
///
/// A hundred thousand contributions take three times the bytes of their file; their
/// digests can take a fraction of it.
pub fn load_digesting<D: Clone>(
    source: &dyn Source,
    digest: impl FnMut(&str, Contribution) -> D,
) -> Result<(Loaded, Vec<Vec<D>>), LoadError> {
    let mut digests = Vec::new();
    let loaded = load_with(source, Reuse::default(), |loader, plan| {
        digests = entries::digest_contributions(loader, plan, digest)?;
        Ok(())
    })?;
    Ok((loaded, digests))
}

/// Reads every file of the plan, the contributions' as `contributions` reads them.
fn load_with(
    source: &dyn Source,
    reuse: Reuse,
    contributions: impl FnOnce(&mut Loader<'_>, &mut Plan) -> Result<(), LoadError>,
) -> Result<Loaded, LoadError> {
    let mut loader = Loader {
        source,
        reuse,
        read_already: None,
        earlier: None,
        files: Files::default(),
        diagnostics: Vec::new(),
        allows: Vec::new(),
        broken: Broken::default(),
    };
    let mut plan = Plan::default();
    let plan_file = plan_file::load(&mut loader, &mut plan);
    entries::load_organisations(&mut loader, &mut plan);
    entries::load_people(&mut loader, &mut plan);
    entries::load_spaces(&mut loader, &mut plan)?;
    commitment::load_all(&mut loader, &mut plan)?;
    contributions(&mut loader, &mut plan)?;
    implementation::load(&mut loader, &mut plan)?;
    load_vision(&mut loader, &mut plan)?;
    chapters::load(&mut loader, &mut plan, plan_file)?;
    entries::load_evidence(&mut loader, &mut plan);
    plan.allows = std::mem::take(&mut loader.allows);
    for allow in &mut plan.allows {
        allow.path = loader.files.get(allow.loc.file).path.clone();
    }
    Ok(Loaded {
        plan,
        files: loader.files,
        diagnostics: loader.diagnostics,
        broken: loader.broken,
        plan_file,
    })
}

/// The outcome of reading one file as text.
enum Got {
    Missing,
    /// Read, but not usable (unreadable, too large, not UTF-8); a finding says why.
    Failed(FileId),
    Text(FileId),
}

pub(crate) struct Loader<'s> {
    source: &'s dyn Source,
    reuse: Reuse,
    /// The bytes of a file that [`Loader::reused`] read and could not take over, for the
    /// reading that decodes it next.
    read_already: Option<(String, Vec<u8>)>,
    /// The earlier decoding of the file of entries that [`Loader::reused`] found changed,
    /// for the reading that decodes it next.
    earlier: Option<reuse::Decoded>,
    files: Files,
    diagnostics: Vec<Diagnostic>,
    allows: Vec<Allow>,
    broken: Broken,
}

impl Loader<'_> {
    fn list(&self, dir: &str) -> Result<Vec<String>, LoadError> {
        self.source.list(dir).map_err(|source| LoadError::Io {
            path: self.source.display_path(dir),
            source,
        })
    }

    /// The entries of file `path` as an earlier reading decoded them, if its text has not
    /// changed since; its text, findings and exceptions join this reading's.
    fn reused(&mut self, path: &str) -> Option<reuse::Entries> {
        self.earlier = None;
        if !self.reuse.has(path) {
            return None;
        }
        let fingerprint = self.source.fingerprint(path);
        let decoded = match fingerprint
            .as_deref()
            .and_then(|fingerprint| self.reuse.same_bytes(path, fingerprint))
        {
            // The same blob in two revisions: taken over without reading it.
            Some(true) => self.reuse.take_same(path, self.files.next_id())?,
            Some(false) => {
                self.earlier = self
                    .reuse
                    .take_changed(path)
                    .filter(reuse::Decoded::lends_to_a_new_reading);
                return None;
            }
            None => {
                let Ok(Read::Bytes(now)) = self.source.read(path) else {
                    return None;
                };
                match self.reuse.take(path, self.files.next_id(), &now)? {
                    Ok(decoded) => decoded,
                    Err(earlier) => {
                        // Changed since: decoded from these bytes, not read a second time.
                        self.read_already = Some((path.to_string(), now));
                        self.earlier = Some(earlier).filter(reuse::Decoded::lends_to_a_new_reading);
                        return None;
                    }
                }
            }
        };
        let mut source = decoded.source;
        source.fingerprint = fingerprint;
        self.files.push(source);
        self.diagnostics.extend(decoded.diagnostics);
        self.allows.extend(decoded.allows);
        Some(decoded.entries)
    }

    /// The entries of file `path` as an earlier reading decoded them from another text,
    /// for [`entries`] to take over the part of the file that did not change (see
    /// [`reuse::Decoded::lends_to_a_new_reading`]), if it is to have the same [`FileId`].
    ///
    /// With them, whether that reading made no finding and no exception: its entries then
    /// say all that decoding the file said.
    fn earlier(&mut self, path: &str) -> Option<(SourceFile, reuse::Entries, bool)> {
        let earlier = self.earlier.take()?;
        let usable = earlier.source.path == path && earlier.file == self.files.next_id();
        let clean = earlier.diagnostics.is_empty() && earlier.allows.is_empty();
        usable.then_some((earlier.source, earlier.entries, clean))
    }

    /// Lets the text of `file` go, when it is large and its source can read it again: most
    /// of a large plan's text is in files of entries that no finding points into.
    fn let_go(&mut self, file: FileId) {
        let source = self.files.get(file);
        if source.len() < LET_GO_FROM_BYTES {
            return;
        }
        if let Some(again) = self.source.again(&source.path) {
            self.files.get_mut(file).release(again);
        }
    }

    /// Reads `path` as UTF-8 text, reporting anything that keeps it from being read.
    fn read_text(&mut self, path: &str) -> Got {
        let read = match self.read_already.take() {
            Some((read, bytes)) if read == path => Ok(Read::Bytes(bytes)),
            _ => self.source.read(path),
        };
        let bytes = match read {
            Ok(Read::Bytes(bytes)) => bytes,
            Ok(Read::Missing) => return Got::Missing,
            Ok(Read::Refused(why)) => {
                let file = self.files.add(path.to_string(), String::new());
                self.diagnostics.push(
                    Diagnostic::new(&UNSAFE_PATH, Loc::file_start(file), format!("`{path}` {why}"))
                        .with_help(
                            "make it a regular file inside the plan folder (copy the text in rather than link to it); nothing outside the plan folder is read",
                        ),
                );
                return Got::Failed(file);
            }
            Ok(Read::TooLarge(size)) => {
                let file = self.files.add(path.to_string(), String::new());
                self.diagnostics.push(Diagnostic::new(
                    &UNSAFE_PATH,
                    Loc::file_start(file),
                    format!(
                        "`{path}` is too large to be a plan file ({} MiB; the limit is {} MiB)",
                        size / (1024 * 1024),
                        source::MAX_FILE_BYTES / (1024 * 1024)
                    ),
                ).with_help("split its entries over several files, or check that this is the file you meant"));
                return Got::Failed(file);
            }
            Err(error) => {
                let file = self.files.add(path.to_string(), String::new());
                self.diagnostics.push(
                    Diagnostic::new(
                        &PARSE_ERROR,
                        Loc::file_start(file),
                        format!("cannot read `{path}`: {error}"),
                    )
                    .with_help("check that the file exists and that you may read it"),
                );
                return Got::Failed(file);
            }
        };
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                // Editors on some systems start files with a byte-order mark; it carries no
                // meaning in UTF-8, so it is dropped rather than refused.
                if text.starts_with('\u{feff}') {
                    text.drain(..3);
                }
                let mut file = SourceFile::new(path.to_string(), text);
                file.fingerprint = self.source.fingerprint(path);
                Got::Text(self.files.push(file))
            }
            Err(error) => {
                let valid = error.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
                let file = self.files.add(path.to_string(), text);
                // The lossy text keeps the valid prefix byte for byte, so `valid` is also
                // where the replacement character stands in it.
                let start = valid;
                self.diagnostics.push(
                    Diagnostic::new(
                        &PARSE_ERROR,
                        Loc::new(file, Span::new(start..start + 3)),
                        format!("`{path}` is not valid UTF-8"),
                    )
                    .with_label("this byte is not UTF-8")
                    .with_help(
                        "save the file as UTF-8 (in most editors: \"Save with encoding\" → UTF-8)",
                    ),
                );
                Got::Failed(file)
            }
        }
    }

    /// Parses a TOML text (a whole file, or front matter starting at `offset`), reporting
    /// its syntax errors: the first [`MAX_SYNTAX_ERRORS`], then how many more there are.
    fn parse_toml<'t>(
        text: &'t str,
        file: FileId,
        offset: usize,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Spanned<DeTable<'t>>> {
        let (table, errors) = DeTable::parse_recoverable(text);
        if errors.is_empty() {
            return Some(table);
        }
        let total = errors.len();
        for (shown, error) in errors.into_iter().enumerate() {
            if shown == MAX_SYNTAX_ERRORS {
                // A file can hold one error per byte (a lone carriage return is one): past
                // these, more say nothing new and would bury every other finding.
                let span = error.span().unwrap_or(0..0);
                diagnostics.push(
                    Diagnostic::new(
                        &PARSE_ERROR,
                        Loc::new(file, Span::new(span).shifted(offset)),
                        format!(
                            "{} more TOML syntax errors from here on are not shown",
                            total - MAX_SYNTAX_ERRORS
                        ),
                    )
                    .with_help("fix the errors above first; `obert check` shows the next ones"),
                );
                break;
            }
            let span = error.span().unwrap_or(0..0);
            diagnostics.push(
                Diagnostic::new(
                    &PARSE_ERROR,
                    Loc::new(file, Span::new(span).shifted(offset)),
                    format!("invalid TOML: {}", error.message().trim_end_matches('\n')),
                )
                .with_help(
                    "fix the TOML syntax; nothing else in this file is checked until it parses",
                ),
            );
        }
        None
    }
}

fn load_vision(loader: &mut Loader<'_>, plan: &mut Plan) -> Result<(), LoadError> {
    let path = plan.meta.vision_path.clone();
    let found = match loader.read_text(&path) {
        Got::Text(file) => {
            plan.vision = Some(Document {
                path,
                file,
                text: loader.files.get(file).text().to_string(),
            });
            true
        }
        Got::Missing => false,
        // Its finding says why; a translation of a file that cannot be read is neither
        // matched to it nor reported as a translation of nothing.
        Got::Failed(_) => {
            loader.broken.vision = true;
            return Ok(());
        }
    };
    load_vision_translations(loader, plan, found)
}

/// `vision.<lang>.md` beside the vision file translates it, found and read as
/// `commitments/<id>.<lang>.md` is for a commitment: by listing the folder, with a language
/// part that must be an id, so the path stays beside the vision inside the plan.
fn load_vision_translations(
    loader: &mut Loader<'_>,
    plan: &mut Plan,
    vision_found: bool,
) -> Result<(), LoadError> {
    let (stem, extension) = plan.meta.vision_translation_parts();
    let (stem, extension) = (stem.to_string(), extension.to_string());
    let dir = stem.rsplit_once('/').map_or("", |(dir, _)| dir);
    let names = match loader.list(dir) {
        Ok(names) => names,
        // Without a vision there is nothing to translate, and the vision's own finding
        // (missing, or a path through a file) already points at the path; with one, its
        // folder is there, and failing to list it is failing to read the plan.
        Err(_) if !vision_found => return Ok(()),
        Err(error) => return Err(error),
    };
    for name in names {
        let path = if dir.is_empty() {
            name
        } else {
            format!("{dir}/{name}")
        };
        let Some(lang) = path
            .strip_prefix(stem.as_str())
            .and_then(|rest| rest.strip_prefix('.'))
            .and_then(|rest| rest.strip_suffix(extension.as_str()))
            .map(str::to_string)
        else {
            continue;
        };
        if !is_slug(&lang) {
            bad_file_name(loader, &path, &lang);
            continue;
        }
        let file = match loader.read_text(&path) {
            Got::Text(file) => file,
            Got::Missing => continue,
            Got::Failed(_) => {
                loader.broken.vision = true;
                continue;
            }
        };
        if vision_found {
            let text = loader.files.get(file).text().to_string();
            plan.vision_translations
                .insert(lang, Document { path, file, text });
        } else {
            loader.diagnostics.push(
                Diagnostic::new(
                    &DANGLING_REFERENCE,
                    Loc::file_start(file),
                    format!(
                        "`{path}` translates the vision, which is not in the plan: `{}` does not exist",
                        plan.meta.vision_path
                    ),
                )
                .with_help(format!(
                    "write the vision in the plan's first language in `{}`, or rename this file after the one `vision` in plan.toml names",
                    plan.meta.vision_path
                )),
            );
        }
    }
    Ok(())
}

/// The file-name stem and extension of `name`, if it has the extension `ext`.
fn stem<'n>(name: &'n str, ext: &str) -> Option<&'n str> {
    name.strip_suffix(ext)?.strip_suffix('.')
}

/// Reports a file whose name cannot be an id.
fn bad_file_name(loader: &mut Loader<'_>, path: &str, stem: &str) {
    let file = loader.files.add(path.to_string(), String::new());
    loader.diagnostics.push(
        Diagnostic::new(
            &INVALID_VALUE,
            Loc::file_start(file),
            format!("the file name `{path}` does not make a valid id: `{stem}`"),
        )
        .with_help(format!("rename the file: {}", decode::SLUG_HELP)),
    );
}
