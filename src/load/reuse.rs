//! Files of a plan read before that a new reading of the plan may take as they are: an edit
//! reads the plan again as it would leave it, and most of it (the contributions files, by
//! far the largest) did not change.
//!
//! A file is taken over only when its text is byte for byte the one decoded before and it
//! comes at the same place in the reading order, so that every `FileId` in its entries and
//! findings still means the same file. Decoding a file depends on nothing but its text, so
//! the entries, findings and exceptions are those a new decoding would give.

use std::collections::HashMap;

use crate::diag::{Diagnostic, FileId, SourceFile};
use crate::model::{Allow, ContributionFile};

use super::Loaded;

/// Decoded files of an earlier reading, by path.
#[derive(Debug, Default)]
pub struct Reuse {
    contributions: HashMap<String, Decoded>,
}

/// One contributions file as an earlier reading left it.
#[derive(Debug)]
pub(super) struct Decoded {
    pub(super) file: FileId,
    pub(super) source: SourceFile,
    pub(super) entries: ContributionFile,
    /// The findings of loading it, in the order they were made.
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) allows: Vec<Allow>,
}

impl Reuse {
    /// Takes `loaded` apart, keeping the contributions files whose path `keep` accepts.
    pub fn from_loaded(loaded: Loaded, keep: impl Fn(&str) -> bool) -> Reuse {
        let Loaded {
            mut plan,
            mut files,
            diagnostics,
            ..
        } = loaded;
        let mut contributions = HashMap::new();
        let mut path_of: HashMap<FileId, String> = HashMap::new();
        for entries in std::mem::take(&mut plan.contribution_files) {
            let file = entries.origin.file;
            let path = files.get(file).path.clone();
            if !keep(&path) {
                continue;
            }
            path_of.insert(file, path.clone());
            let decoded = Decoded {
                file,
                source: files.take(file),
                entries,
                diagnostics: Vec::new(),
                allows: Vec::new(),
            };
            contributions.insert(path, decoded);
        }
        for diagnostic in diagnostics {
            if let Some(path) = path_of.get(&diagnostic.loc.file)
                && let Some(decoded) = contributions.get_mut(path)
            {
                decoded.diagnostics.push(diagnostic);
            }
        }
        for allow in plan.allows {
            if let Some(path) = path_of.get(&allow.loc.file)
                && let Some(decoded) = contributions.get_mut(path)
            {
                decoded.allows.push(allow);
            }
        }
        Reuse { contributions }
    }

    /// The contributions file `path` as decoded before, if it is to be file `next` and its
    /// text is `now` (as read, with a byte-order mark).
    pub(super) fn contributions(
        &mut self,
        path: &str,
        next: FileId,
        now: &[u8],
    ) -> Option<Decoded> {
        let decoded = self.contributions.remove(path)?;
        let now = now.strip_prefix("\u{feff}".as_bytes()).unwrap_or(now);
        (decoded.file == next && decoded.source.text.as_bytes() == now).then_some(decoded)
    }

    /// Whether an earlier reading of `path` is at hand.
    pub(super) fn has_contributions(&self, path: &str) -> bool {
        self.contributions.contains_key(path)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::load::{load, load_reusing};
    use crate::source::DirSource;

    /// Everything a reading gives, as text, to compare two readings.
    fn shown(loaded: &Loaded) -> String {
        let paths: Vec<&str> = loaded.files.iter().map(|f| f.path.as_str()).collect();
        format!(
            "{paths:?}\n{:?}\n{:?}\n{:?}",
            loaded.plan, loaded.diagnostics, loaded.broken
        )
    }

    fn copy_of_fixture(to: &Path) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let status = std::process::Command::new("cp")
            .arg("-r")
            .arg(&from)
            .arg(to)
            .status()
            .expect("cp runs");
        assert!(status.success());
    }

    #[test]
    fn a_reading_that_takes_files_over_equals_a_new_one() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("plan");
        copy_of_fixture(&root);
        let contributions = root.join("contributions/eixos.toml");
        // A finding in the file, so that findings are taken over too.
        let text = std::fs::read_to_string(&contributions).expect("the fixture reads");
        let text = text.replacen("kind = \"comment\"", "kind = \"remark\"", 1);
        std::fs::write(&contributions, &text).expect("the fixture is written");
        let source = DirSource::new(&root);

        let fresh = load(&source).expect("the plan loads");
        assert!(!fresh.diagnostics.is_empty());
        let expected = shown(&fresh);
        let reuse = Reuse::from_loaded(fresh, |_| true);
        assert!(reuse.has_contributions("contributions/eixos.toml"));
        let again = load_reusing(&source, reuse).expect("the plan loads");
        assert_eq!(shown(&again), expected);

        // A file changed since is decoded again, not taken over.
        let reuse = Reuse::from_loaded(again, |_| true);
        std::fs::write(&contributions, text.replace("D'acord.", "Molt d'acord."))
            .expect("the fixture is written");
        let changed = load_reusing(&source, reuse).expect("the plan loads");
        assert_eq!(
            shown(&changed),
            shown(&load(&source).expect("the plan loads"))
        );
        assert!(shown(&changed).contains("Molt d'acord."));
    }
}
