//! One edit from start to finish: lock the plan, read it, let a command change files in
//! memory, check the plan as it would be, then write every changed file or none.
//!
//! The check compares findings before and after. An edit is refused only for what it would
//! break (a file that no longer reads, a dangling reference, a duplicate id, a bad value,
//! personal data in published text), never for what the plan still lacks: a steering group
//! with four members is a normal moment while people are being added.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::document::{Editable, OpenError};
use super::lock::{LockError, PlanLock};
use super::write::{WriteError, write_plan};
use crate::diag::Diagnostic;
use crate::load::{self, LoadError, Loaded};
use crate::model::Plan;
use crate::rules::{self, DANGLING_REFERENCE};
use crate::source::{DirSource, Read, Source};

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(
        "cannot edit `{path}`: {problem}; fix the file by hand first (`obert check` shows where)"
    )]
    Unreadable { path: String, problem: String },
    /// The command itself refuses (an id that exists, an entry that does not).
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    NotEntries(#[from] super::tables::NotEntries),
    /// The plan as the edit would leave it has new problems.
    #[error("{header}:\n{}\nnothing was written", problems.join("\n"))]
    WouldBreak {
        header: String,
        problems: Vec<String>,
    },
}

/// Whether to write the changes or only show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    DryRun,
}

/// A file as the edit changes it.
#[derive(Debug)]
struct Change {
    /// The text on disk, or `None` for a file the edit creates.
    original: Option<String>,
    /// The new text, or `None` for a file the edit removes.
    text: Option<String>,
}

/// What a finished edit did.
#[derive(Debug)]
pub struct Finished {
    /// The plan as it is now (or, for a dry run, would be).
    pub after: Loaded,
    /// The changed files, as shown to the user.
    pub changed: Vec<String>,
    /// Those of them that the edit removed.
    pub removed: Vec<String>,
    /// For a dry run: the change as a unified diff.
    pub diff: String,
    /// What the edit did beyond what was asked, for the user (see [`Session::note`]).
    pub notes: Vec<String>,
}

/// An edit in progress. The plan stays locked until the session is dropped.
#[derive(Debug)]
pub struct Session {
    source: DirSource,
    _lock: PlanLock,
    before: Loaded,
    /// Whether `before` holds the plan's contributions: not after
    /// [`Session::open_digesting`].
    holds_contributions: bool,
    changes: BTreeMap<String, Change>,
    /// How to introduce findings that say the edit would leave references dangling: a
    /// removal names what it removes.
    removing: Option<String>,
    /// An id the edit renames, old and new, so that a finding the plan had before about
    /// the old id is not taken for a new one about the new.
    renaming: Option<(String, String)>,
    notes: Vec<String>,
}

impl Session {
    /// Locks the plan folder `root` and reads the plan; `waiting` is called if another
    /// command holds the lock for more than a moment (see [`PlanLock::acquire`]).
    pub fn open(root: &Path, waiting: &mut dyn FnMut()) -> Result<Session, EditError> {
        let (session, ()) =
            Session::open_with(root, waiting, |source| Ok((load::load(source)?, ())))?;
        Ok(session)
    }

    /// [`Session::open`] for an edit that asks only a little of each contribution: the
    /// plan is read as [`load::load_digesting`] reads it, so [`Session::plan`] holds the
    /// contribution files without their contributions, and `digest`'s digests of them
    /// come beside the session.
    pub fn open_digesting<D: Clone>(
        root: &Path,
        waiting: &mut dyn FnMut(),
        digest: impl FnMut(&str, crate::model::Contribution) -> D,
    ) -> Result<(Session, Vec<Vec<D>>), EditError> {
        let (mut session, digests) =
            Session::open_with(root, waiting, |source| load::load_digesting(source, digest))?;
        session.holds_contributions = false;
        Ok((session, digests))
    }

    /// Locks the plan, finishes an earlier edit that stopped half-way, and reads the plan
    /// with `read`.
    fn open_with<T>(
        root: &Path,
        waiting: &mut dyn FnMut(),
        read: impl FnOnce(&DirSource) -> Result<(Loaded, T), LoadError>,
    ) -> Result<(Session, T), EditError> {
        let lock = PlanLock::acquire(root, waiting)?;
        // An earlier edit stopped between its files is finished before this one reads the
        // plan, so that this edit builds on the whole of it.
        super::write::recover(root).map_err(|source| WriteError {
            path: root.to_path_buf(),
            source,
        })?;
        let source = DirSource::new(root);
        let (before, read) = read(&source)?;
        let session = Session {
            source,
            _lock: lock,
            before,
            holds_contributions: true,
            changes: BTreeMap::new(),
            removing: None,
            renaming: None,
            notes: Vec::new(),
        };
        Ok((session, read))
    }

    /// The plan as it was read, before this edit.
    pub fn plan(&self) -> &Plan {
        &self.before.plan
    }

    pub fn root(&self) -> &Path {
        self.source.root()
    }

    /// Whether the plan file `file` is as it was read (this edit has not changed it) and
    /// was read without a finding: then the plan's entries from it say all that it says.
    pub fn read_as_it_is(&self, file: crate::diag::FileId) -> bool {
        let path = &self.before.files.get(file).path;
        !self.changes.contains_key(path)
            && !self.before.diagnostics.iter().any(|d| d.loc.file == file)
    }

    /// The plan's primary language (its first), for translatable text.
    pub fn primary_language(&self) -> &str {
        self.plan()
            .meta
            .languages
            .first()
            .map_or("en", String::as_str)
    }

    /// How a plan path is shown to the user.
    pub fn display_path(&self, path: &str) -> String {
        self.source.display_path(path)
    }

    /// Whether a plan file exists (or the edit has created it), and the edit has not
    /// removed it.
    pub fn exists(&self, path: &str) -> bool {
        match self.changes.get(path) {
            Some(change) => change.text.is_some(),
            None => self.source.exists(path),
        }
    }

    /// The names of the files in folder `dir` of the plan, as the edit leaves it so far.
    pub fn list(&self, dir: &str) -> Result<Vec<String>, EditError> {
        let overlay = Overlay {
            inner: &self.source,
            changes: &self.changes,
        };
        overlay.list(dir).map_err(|error| EditError::Unreadable {
            path: self.display_path(dir),
            problem: error.to_string(),
        })
    }

    /// The plan files that hold TOML of the format, as they were read: every file that a
    /// change to the whole plan (a rename) may have to touch.
    pub fn toml_files(&self) -> Vec<String> {
        let mut paths: Vec<String> = self
            .before
            .files
            .iter()
            .filter(|file| crate::format::FileKind::of(&file.path).is_some())
            .map(|file| file.path.clone())
            .collect();
        paths.sort();
        paths.dedup();
        paths
    }

    /// Something the edit did that the user should hear of, said once it is done.
    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Says what a removal removes, so that refusing it reads "`x` is still referenced".
    pub fn removing(&mut self, what: impl Into<String>) {
        self.removing = Some(what.into());
    }

    /// Says that the edit gives an entry the id `new` instead of `old`.
    pub fn renaming(&mut self, old: &str, new: &str) {
        self.renaming = Some((old.to_string(), new.to_string()));
    }

    /// Changes the TOML of `path` (a commitment's front matter when `front_matter`).
    pub fn edit<T>(
        &mut self,
        path: &str,
        front_matter: bool,
        change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<T, EditError>,
    ) -> Result<T, EditError> {
        let (original, text) = match self.changes.get(path) {
            Some(Change {
                original,
                text: Some(text),
            }) => (original.clone(), text.clone()),
            Some(Change { text: None, .. }) => {
                return Err(EditError::Refused(format!(
                    "`{}` is removed by this edit",
                    self.display_path(path)
                )));
            }
            None => {
                let text = self.read(path)?;
                (Some(text.clone()), text)
            }
        };
        let mut file = Editable::parse(&text, front_matter).map_err(|error| {
            let problem = match error {
                OpenError::Toml {
                    line,
                    column,
                    message,
                } => format!(
                    "it is not valid TOML at line {line}, column {column} ({})",
                    message.trim()
                ),
                OpenError::NoFrontMatter => error.to_string(),
            };
            EditError::Unreadable {
                path: self.display_path(path),
                problem,
            }
        })?;
        let result = change(&mut file.doc)?;
        self.changes.insert(
            path.to_string(),
            Change {
                original,
                text: Some(file.render()),
            },
        );
        Ok(result)
    }

    /// [`Session::edit`] of the one entry of `[[array]]` in `path` whose `key` is `id`:
    /// `change` gets a document of that entry alone when the file is large and the entry
    /// can be cut out of it, and of the whole file otherwise. Opening a whole file of
    /// 20,000 people to change one of them cost more than checking the plan.
    pub fn edit_entry<T>(
        &mut self,
        path: &str,
        array: &str,
        (key, id): (&str, &str),
        change: impl FnOnce(&mut toml_edit::DocumentMut) -> Result<T, EditError>,
    ) -> Result<T, EditError> {
        let part = match self.changes.get(path) {
            Some(_) => None,
            None => self.entry_start(path, array, id).and_then(|start| {
                let text = self.read(path).ok()?;
                let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
                let range = load::entry_range(&text[bom..], start, array)?;
                let part = Editable::parse_part(&text, bom + range.start..bom + range.end)?;
                // The part must be the entry, and nothing but it: then changing it is
                // changing the entry in the whole file.
                let entries = part.doc.get(array)?.as_array_of_tables()?;
                let alone = part.doc.len() == 1
                    && entries.len() == 1
                    && entries.get(0)?.get(key)?.as_str() == Some(id)
                    && part.render() == text;
                alone.then_some((text, part))
            }),
        };
        let Some((text, mut part)) = part else {
            return self.edit(path, false, change);
        };
        let result = change(&mut part.doc)?;
        self.changes.insert(
            path.to_string(),
            Change {
                original: Some(text),
                text: Some(part.render()),
            },
        );
        Ok(result)
    }

    /// Where the `[[array]]` entry `id` of the file `path` starts in the text loaded, for
    /// the kinds of entries that fill large files.
    fn entry_start(&self, path: &str, array: &str, id: &str) -> Option<usize> {
        let plan = &self.before.plan;
        let origin = match array {
            "person" => plan.people.iter().find(|p| p.id == id).map(|p| &p.origin),
            "organisation" => plan
                .organisations
                .iter()
                .find(|o| o.id == id)
                .map(|o| &o.origin),
            "contribution" => plan
                .contribution_files
                .iter()
                .filter(|file| self.before.files.get(file.origin.file).path == path)
                .flat_map(|file| &file.contributions)
                .find(|c| c.id == id)
                .map(|c| &c.origin),
            _ => None,
        }?;
        (self.before.files.get(origin.file).path == path).then_some(origin.span.start as usize)
    }

    /// Creates a new file; refuses when it exists.
    pub fn create(&mut self, path: &str, text: String) -> Result<(), EditError> {
        if self.exists(path) {
            return Err(EditError::Refused(format!(
                "`{}` exists already",
                self.display_path(path)
            )));
        }
        // A file this edit removed and now writes again is a change of the file on disk.
        let original = self
            .changes
            .remove(path)
            .and_then(|pending| pending.original);
        self.changes.insert(
            path.to_string(),
            Change {
                original,
                text: Some(text),
            },
        );
        Ok(())
    }

    /// Removes a file; refuses when it does not exist. Like every change, the removal
    /// happens when the session finishes, with the edit's other files, or not at all.
    pub fn remove(&mut self, path: &str) -> Result<(), EditError> {
        if !self.exists(path) {
            return Err(EditError::Refused(format!(
                "`{}` does not exist",
                self.display_path(path)
            )));
        }
        let original = match self.changes.remove(path) {
            Some(pending) => pending.original,
            None => Some(self.read(path)?),
        };
        self.changes.insert(
            path.to_string(),
            Change {
                original,
                text: None,
            },
        );
        Ok(())
    }

    /// The text of a file that exists, or of the empty file for one that does not (people.toml
    /// in a plan that has no people yet).
    pub(crate) fn read(&self, path: &str) -> Result<String, EditError> {
        let unreadable = |problem: String| EditError::Unreadable {
            path: self.display_path(path),
            problem,
        };
        match self.source.read(path) {
            Ok(Read::Bytes(bytes)) => {
                String::from_utf8(bytes).map_err(|_| unreadable("it is not UTF-8 text".into()))
            }
            Ok(Read::Missing) => Ok(String::new()),
            Ok(Read::TooLarge(size)) => Err(unreadable(format!("it is too large ({size} bytes)"))),
            Ok(Read::Refused(why)) => Err(unreadable(format!("it {why}"))),
            Err(error) => Err(unreadable(error.to_string())),
        }
    }

    /// Checks the plan as the edit leaves it, then writes (or, for a dry run, shows) the
    /// changes. Nothing is written unless every check passes.
    pub fn finish(self, mode: Mode) -> Result<Finished, EditError> {
        let changes: BTreeMap<String, Change> = self
            .changes
            .into_iter()
            .filter(|(_, change)| change.original != change.text)
            .collect();
        if changes.is_empty() {
            // Every file came out as it was: the plan after is the plan before, so it has the
            // same findings, and loading and checking it again would only repeat the work.
            let diff = String::new();
            return Ok(Finished {
                after: self.before,
                changed: Vec::new(),
                removed: Vec::new(),
                diff,
                notes: self.notes,
            });
        }
        let overlay = Overlay {
            inner: &self.source,
            changes: &changes,
        };
        // The files the edit did not change are taken over as they were decoded, not read
        // again: for an edit of people.toml, that is all of the contributions. A file of
        // entries that it changed takes over the pieces before and after the change.
        // A plan read without its contributions lends nothing: its files of contributions
        // would be taken over empty.
        let reuse = if self.holds_contributions {
            load::Reuse::from_loaded(self.before)
        } else {
            load::Reuse::default()
        };
        let after = load::load_reusing(&overlay, reuse)?;
        let mut found = rules::check(&after, None);
        // No rule that refuses an edit depends on the date, so the check needs no "today".
        let problems = if found.iter().any(refused) {
            // Only a plan with refusing findings after the edit needs those of before, to
            // tell which the edit brought: the plan is read and checked again for them
            // (the files are as they were, nothing is written yet). Most edits leave no
            // such finding, and cost one check.
            let before = load::load(&self.source)?;
            let refused_before = refused_findings(&before, self.renaming.as_ref());
            drop(before);
            crate::diag::sort(&mut found);
            new_problems(
                refused_before,
                &after,
                &found,
                &|path| self.source.display_path(path),
                self.removing.is_some(),
            )
        } else {
            Vec::new()
        };
        if !problems.is_empty() {
            let header = match &self.removing {
                Some(what) => format!(
                    "cannot remove {what}: the plan still refers to it; change or remove these first"
                ),
                None => "this edit would break the plan".to_string(),
            };
            return Err(EditError::WouldBreak { header, problems });
        }
        let changed: Vec<String> = changes
            .keys()
            .map(|path| self.source.display_path(path))
            .collect();
        let removed: Vec<String> = changes
            .iter()
            .filter(|(_, change)| change.text.is_none())
            .map(|(path, _)| self.source.display_path(path))
            .collect();
        let mut diff = String::new();
        match mode {
            Mode::DryRun => {
                for (path, change) in &changes {
                    diff.push_str(&unified_diff(
                        &self.source.display_path(path),
                        change.original.as_deref(),
                        change.text.as_deref(),
                    ));
                }
            }
            Mode::Write => {
                let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
                let mut removed: Vec<PathBuf> = Vec::new();
                for (path, change) in &changes {
                    let full = self.source.root().join(path);
                    match &change.text {
                        Some(text) => files.push((full, text.clone().into_bytes())),
                        None => removed.push(full),
                    }
                }
                write_plan(self.source.root(), &files, &removed)?;
            }
        }
        Ok(Finished {
            after,
            changed,
            removed,
            diff,
            notes: self.notes,
        })
    }
}

/// A finding as an edit compares it before and after: by rule, file and message, not
/// position, since an edit moves lines.
type FindingKey = (&'static rules::Rule, String, String);

fn finding_key(loaded: &Loaded, d: &Diagnostic) -> FindingKey {
    (
        d.rule,
        loaded.files.get(d.loc.file).path.clone(),
        d.message.clone(),
    )
}

/// Whether a finding refuses an edit that brings it.
fn refused(d: &Diagnostic) -> bool {
    d.rule.blocks_edit && d.allowed.is_none()
}

/// The refusing findings of the plan before the edit, counted by key, with ids the edit
/// renames already renamed.
fn refused_findings(
    before: &Loaded,
    renaming: Option<&(String, String)>,
) -> HashMap<FindingKey, usize> {
    // Messages quote ids in backticks: `g1` of a finding before a rename is `g9` after.
    let renamed = |message: String| match renaming {
        Some((old, new)) => message.replace(&format!("`{old}`"), &format!("`{new}`")),
        None => message,
    };
    let mut seen: HashMap<FindingKey, usize> = HashMap::new();
    for d in rules::check(before, None).iter().filter(|d| refused(d)) {
        let (rule, path, message) = finding_key(before, d);
        *seen.entry((rule, path, renamed(message))).or_default() += 1;
    }
    seen
}

/// The refusing findings of `after` (among `found`, its findings in order) that the plan
/// did not have before (`seen`, from [`refused_findings`]), as `file:line:col: message`.
fn new_problems(
    mut seen: HashMap<FindingKey, usize>,
    after: &Loaded,
    found: &[Diagnostic],
    shown: &dyn Fn(&str) -> String,
    removal: bool,
) -> Vec<String> {
    let mut problems = Vec::new();
    for d in found.iter().filter(|d| refused(d)) {
        match seen.get_mut(&finding_key(after, d)) {
            Some(count) if *count > 0 => *count -= 1,
            _ => {
                let file = after.files.get(d.loc.file);
                let at = file.line_col(d.loc.span.start as usize);
                let place = format!("{}:{}:{}", shown(&file.path), at.line, at.column);
                let line = if removal && d.rule == &DANGLING_REFERENCE {
                    // For a removal, the line that still refers to the entry says more than
                    // "no such id" (and the help about adding it back is beside the point).
                    let text = &file.text()[file.line_range(at.line - 1)];
                    format!("  {place}: {}", text.trim())
                } else {
                    let mut line = format!("  {place}: {} [{}]", d.message, d.rule);
                    if let Some(help) = &d.help {
                        line.push_str(&format!("\n    help: {help}"));
                    }
                    line
                };
                problems.push(crate::privacy::redact(&line).into_owned());
            }
        }
    }
    problems
}

/// A unified diff of one file, as `git diff` shows it; `original` is `None` for a new file,
/// `text` for a removed one.
pub fn unified_diff(path: &str, original: Option<&str>, text: Option<&str>) -> String {
    let diff = similar::TextDiff::from_lines(original.unwrap_or(""), text.unwrap_or(""));
    let name = |side: &str, present: bool| {
        if present {
            format!("{side}/{path}")
        } else {
            "/dev/null".to_string()
        }
    };
    diff.unified_diff()
        .context_radius(3)
        .header(&name("a", original.is_some()), &name("b", text.is_some()))
        .missing_newline_hint(true)
        .to_string()
}

/// The plan folder with the edit's changes laid over it, for checking before writing.
struct Overlay<'a> {
    inner: &'a DirSource,
    changes: &'a BTreeMap<String, Change>,
}

impl Source for Overlay<'_> {
    fn read(&self, path: &str) -> std::io::Result<Read> {
        match self.changes.get(path) {
            Some(Change {
                text: Some(text), ..
            }) => Ok(Read::Bytes(text.clone().into_bytes())),
            Some(Change { text: None, .. }) => Ok(Read::Missing),
            None => self.inner.read(path),
        }
    }

    fn list(&self, dir: &str) -> std::io::Result<Vec<String>> {
        let mut names = self.inner.list(dir)?;
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        for (path, change) in self.changes {
            let Some(name) = path.strip_prefix(&prefix).filter(|n| !n.contains('/')) else {
                continue;
            };
            let listed = names.iter().position(|n| n == name);
            match (&change.text, listed) {
                (Some(_), None) => names.push(name.to_string()),
                (None, Some(index)) => {
                    names.remove(index);
                }
                _ => {}
            }
        }
        names.sort();
        Ok(names)
    }

    fn exists(&self, path: &str) -> bool {
        match self.changes.get(path) {
            Some(change) => change.text.is_some(),
            None => self.inner.exists(path),
        }
    }

    fn display_path(&self, path: &str) -> String {
        self.inner.display_path(path)
    }

    /// A file the edit changes is not on disk as this reading has it (nothing is written
    /// before the check passes): its text is kept. The others are on disk as they are.
    fn again(&self, path: &str) -> Option<DirSource> {
        match self.changes.get(path) {
            Some(_) => None,
            None => self.inner.again(path),
        }
    }
}
