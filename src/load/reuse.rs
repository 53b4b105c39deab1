//! Files of a plan read before that a new reading of the plan may take as they are: an edit
//! reads the plan again as it would leave it, and most of it did not change; a history
//! reads plan after plan, each a commit away from the last.
//!
//! The files of entries are taken over: organisations, people, spaces and contributions,
//! which are the bulk of a large plan; and a commitment's file (its translations are read
//! again, as they attach to it), and the progress and assessments of each commitment,
//! which are what an entry's history reads at every commit. A file is taken over only when its text is byte for
//! byte the one decoded before and it comes at the same place in the reading order, so
//! that every `FileId` in its entries and findings still means the same file. Decoding a
//! file depends on nothing but its text, so the entries, findings and exceptions are those
//! a new decoding would give. A file that did not parse is never taken over: it is read
//! again, and reported again.

use std::collections::HashMap;

use crate::diag::{Diagnostic, FileId, SourceFile};
use crate::model::{
    Allow, AssessmentFile, Commitment, ContributionFile, Organisation, Person, ProgressFile, Space,
};

use super::{Broken, Loaded};

/// Decoded files of an earlier reading, by path.
#[derive(Debug, Default)]
pub struct Reuse {
    files: HashMap<String, Decoded>,
}

/// What one file of entries decodes to.
#[derive(Debug, Clone)]
pub(super) enum Entries {
    Organisations(Vec<Organisation>),
    People(std::sync::Arc<Vec<Person>>),
    Space(Box<Space>),
    Contributions(ContributionFile),
    /// Without its translations, which are read again and attached to it.
    Commitment(Box<Commitment>),
    Progress(ProgressFile),
    Assessments(AssessmentFile),
}

/// One file as an earlier reading left it.
#[derive(Debug)]
pub(super) struct Decoded {
    pub(super) file: FileId,
    pub(super) source: SourceFile,
    pub(super) entries: Entries,
    /// The findings of loading it, in the order they were made.
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) allows: Vec<Allow>,
}

impl Decoded {
    /// Whether a new reading of this file, changed since, can take over the pieces that
    /// did not change: a file of entries (decoded a piece at a time) that decoded without
    /// a finding or an exception, so that its entries say all that decoding it said.
    pub(super) fn pieces_reusable(&self) -> bool {
        matches!(
            self.entries,
            Entries::Organisations(_) | Entries::People(_) | Entries::Contributions(_)
        ) && self.diagnostics.is_empty()
            && self.allows.is_empty()
    }

    /// Whether a new reading of this file, changed since, can take something over: the
    /// pieces of a file of entries (see [`Decoded::pieces_reusable`]), or the sections of
    /// a commitment whose body did not change (its findings are all about its front
    /// matter, which is decoded again).
    pub(super) fn lends_to_a_new_reading(&self) -> bool {
        self.pieces_reusable() || matches!(self.entries, Entries::Commitment(_))
    }
}

impl Reuse {
    /// Takes `loaded` apart: a new reading takes over each file that did not change, and
    /// the unchanged pieces of a file of entries that did.
    pub fn from_loaded(loaded: Loaded) -> Reuse {
        let Loaded {
            mut plan,
            mut files,
            diagnostics,
            broken,
            ..
        } = loaded;
        let decoded = Decodes {
            organisations: std::mem::take(&mut plan.organisations),
            people: std::mem::take(&mut plan.people),
            spaces: std::mem::take(&mut plan.spaces),
            contributions: std::mem::take(&mut plan.contribution_files),
            commitments: std::mem::take(&mut plan.commitments),
            progress: std::mem::take(&mut plan.progress),
            assessments: std::mem::take(&mut plan.assessments),
        };
        let mut reuse = Reuse::default();
        for (file, entries) in decoded.by_file(broken, &diagnostics) {
            reuse.add(file, files.take(file), entries);
        }
        reuse.sort_out(diagnostics, plan.allows);
        reuse
    }

    /// The files of `loaded`, copied: for reading a plan close to one still in use (the
    /// other side of a comparison).
    pub fn copied_from(loaded: &Loaded) -> Reuse {
        let plan = &loaded.plan;
        let decoded = Decodes {
            organisations: plan.organisations.clone(),
            // Shared: a copy costs nothing until one side is changed.
            people: plan.people.clone(),
            spaces: plan.spaces.clone(),
            contributions: plan.contribution_files.clone(),
            commitments: plan.commitments.clone(),
            progress: plan.progress.clone(),
            assessments: plan.assessments.clone(),
        };
        let mut reuse = Reuse::default();
        for (file, entries) in decoded.by_file(loaded.broken, &loaded.diagnostics) {
            reuse.add(file, loaded.files.get(file).clone(), entries);
        }
        reuse.sort_out(
            loaded.diagnostics.iter().cloned(),
            plan.allows.iter().cloned(),
        );
        reuse
    }

    fn add(&mut self, file: FileId, source: SourceFile, entries: Entries) {
        self.files.insert(
            source.path.clone(),
            Decoded {
                file,
                source,
                entries,
                diagnostics: Vec::new(),
                allows: Vec::new(),
            },
        );
    }

    /// Gives each kept file its findings and exceptions.
    fn sort_out(
        &mut self,
        diagnostics: impl IntoIterator<Item = Diagnostic>,
        allows: impl IntoIterator<Item = Allow>,
    ) {
        let mut path_of: HashMap<FileId, String> = HashMap::new();
        for (path, decoded) in &self.files {
            path_of.insert(decoded.file, path.clone());
        }
        for diagnostic in diagnostics {
            // A meeting's missing minutes and a report's missing evidence are found after
            // the files are decoded, against the files the plan holds then: that is done
            // again, not taken over.
            if [&crate::rules::MISSING_FILE, &crate::rules::EVIDENCE_MISSING]
                .contains(&diagnostic.rule)
            {
                continue;
            }
            if let Some(path) = path_of.get(&diagnostic.loc.file)
                && let Some(decoded) = self.files.get_mut(path)
            {
                decoded.diagnostics.push(diagnostic);
            }
        }
        for allow in allows {
            if let Some(path) = path_of.get(&allow.loc.file)
                && let Some(decoded) = self.files.get_mut(path)
            {
                decoded.allows.push(allow);
            }
        }
    }

    /// The file `path` as decoded before, if it is to be file `next` and its text is `now`
    /// (as read, with a byte-order mark).
    /// (`Err` with the earlier decoding when the text changed.)
    pub(super) fn take(
        &mut self,
        path: &str,
        next: FileId,
        now: &[u8],
    ) -> Option<Result<Decoded, Decoded>> {
        let decoded = self.files.remove(path)?;
        Some(if decoded.file == next && decoded.source.is_text(now) {
            Ok(decoded)
        } else {
            Err(decoded)
        })
    }

    /// Whether the earlier reading of `path` read the bytes `fingerprint` names; `None`
    /// when that reading's source did not say.
    pub(super) fn same_bytes(&self, path: &str, fingerprint: &[u8]) -> Option<bool> {
        let recorded = self.files.get(path)?.source.fingerprint.as_deref()?;
        Some(recorded == fingerprint)
    }

    /// The file `path` as decoded before, known to have the same bytes now, if it is to be
    /// file `next`.
    pub(super) fn take_same(&mut self, path: &str, next: FileId) -> Option<Decoded> {
        self.files
            .remove(path)
            .filter(|decoded| decoded.file == next)
    }

    /// The file `path` as decoded before, whatever its text now.
    pub(super) fn take_changed(&mut self, path: &str) -> Option<Decoded> {
        self.files.remove(path)
    }

    /// Whether an earlier reading of `path` is at hand.
    pub(super) fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }
}

/// The entries of a reading that files of entries hold, taken out of its plan.
struct Decodes {
    organisations: Vec<Organisation>,
    people: std::sync::Arc<Vec<Person>>,
    spaces: Vec<Space>,
    contributions: Vec<ContributionFile>,
    commitments: Vec<Commitment>,
    progress: Vec<ProgressFile>,
    assessments: Vec<AssessmentFile>,
}

impl Decodes {
    /// The entries of each file that was read whole, by file: a file that did not parse
    /// left none, or (for a space, so that references to it do not dangle) an empty one,
    /// and is read again instead.
    fn by_file(self, broken: Broken, diagnostics: &[Diagnostic]) -> Vec<(FileId, Entries)> {
        let unparsed: Vec<FileId> = diagnostics
            .iter()
            .filter(|d| d.rule == &crate::rules::PARSE_ERROR)
            .map(|d| d.loc.file)
            .collect();
        let mut parts = Vec::new();
        if let (false, Some(first)) = (broken.organisations, self.organisations.first()) {
            parts.push((
                first.origin.file,
                Entries::Organisations(self.organisations),
            ));
        }
        if let (false, Some(first)) = (broken.people, self.people.first()) {
            parts.push((first.origin.file, Entries::People(self.people)));
        }
        parts.extend(
            self.spaces
                .into_iter()
                .filter(|space| !unparsed.contains(&space.origin.file))
                .map(|space| (space.origin.file, Entries::Space(Box::new(space)))),
        );
        parts.extend(
            self.contributions
                .into_iter()
                .map(|entries| (entries.origin.file, Entries::Contributions(entries))),
        );
        parts.extend(
            self.commitments
                .into_iter()
                .filter(|commitment| !unparsed.contains(&commitment.origin.file))
                .map(|mut commitment| {
                    commitment.translations.clear();
                    (
                        commitment.origin.file,
                        Entries::Commitment(Box::new(commitment)),
                    )
                }),
        );
        parts.extend(
            self.progress
                .into_iter()
                .map(|file| (file.origin.file, Entries::Progress(file))),
        );
        parts.extend(
            self.assessments
                .into_iter()
                .map(|file| (file.origin.file, Entries::Assessments(file))),
        );
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::testing::{copy_of_valid_plan, shown};
    use crate::load::{load, load_reusing};
    use crate::source::DirSource;
    use std::path::PathBuf;

    /// `file` written with `text`, then the plan read taking over from `reuse`, and read
    /// anew: what each reading holds, to compare.
    fn read_again(
        source: &DirSource,
        file: &std::path::Path,
        reuse: Reuse,
        text: &str,
    ) -> (String, String) {
        std::fs::write(file, text).expect("written");
        let again = shown(&load_reusing(source, reuse).expect("the plan loads"));
        let fresh = shown(&load(source).expect("the plan loads"));
        (again, fresh)
    }

    /// A large file of entries changed in one place: the pieces before and after the change
    /// are taken over from the earlier reading (those after moved to where they are now),
    /// the rest decoded again, and the reading is the one a new reading gives, places and
    /// all.
    #[test]
    fn a_changed_file_of_entries_takes_over_the_pieces_around_the_change() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("plan");
        copy_of_valid_plan(&root);
        let people = root.join("people.toml");
        let mut text = std::fs::read_to_string(&people).expect("the fixture reads");
        for n in 0..400 {
            text.push_str(&format!(
                "\n[[person]]\nid = \"extra-{n}\"\norganisation = \"entitat\"\nsector = \"citizen\"\n"
            ));
        }
        std::fs::write(&people, &text).expect("written");
        let source = DirSource::new(&root);
        // The earlier reading, with a mark in its first and last people that only taking
        // them over can bring into a new reading.
        let earlier = |text: &str| {
            std::fs::write(&people, text).expect("written");
            let mut loaded = load(&source).expect("the plan loads");
            let people = std::sync::Arc::make_mut(&mut loaded.plan.people);
            people[0].name = Some("Taken over first".to_string());
            people.last_mut().expect("people").name = Some("Taken over last".to_string());
            Reuse::from_loaded(loaded)
        };
        let read = |reuse: Reuse, text: &str| read_again(&source, &people, reuse, text);
        let unmarked = |shown: &str| {
            shown
                .replacen("Some(\"Taken over first\")", "Some(\"Gemma Pública\")", 1)
                .replacen("Some(\"Taken over last\")", "None", 1)
        };

        // A person added at the end: the pieces before it are taken over.
        let added = format!("{text}\n[[person]]\nid = \"newest\"\nsector = \"expert\"\n");
        let (again, fresh) = read(earlier(&text), &added);
        assert!(
            again.contains("Taken over first"),
            "the first piece is taken over"
        );
        assert_eq!(unmarked(&again), fresh);
        assert!(fresh.contains("newest"));

        // One changed in the middle, shorter, or longer: the pieces before and after it.
        for middle in [
            text.replacen(
                "extra-200\"\norganisation = \"entitat\"\nsector = \"citizen",
                "extra-200\"\norganisation = \"entitat\"\nsector = \"expert",
                1,
            ),
            text.replacen(
                "extra-200\"\n",
                "extra-200\"\nname = \"Una persona amb nom\"\n",
                1,
            ),
        ] {
            let (again, fresh) = read(earlier(&text), &middle);
            assert!(
                again.contains("Taken over first"),
                "the first piece is taken over"
            );
            assert!(
                again.contains("Taken over last"),
                "the last piece is taken over"
            );
            assert_eq!(unmarked(&again), fresh);
        }

        // A change in the first piece: the pieces after it are taken over, moved.
        let first = text.replacen("id = \"c1\"", "id = \"c1-b\"", 1);
        let (again, fresh) = read(earlier(&text), &first);
        assert!(!again.contains("Taken over first"));
        assert!(again.contains("Taken over last"));
        assert_eq!(unmarked(&again), fresh);

        // An earlier reading with a finding in the file: nothing is taken over, and the
        // finding of the new text is reported.
        let broken = text.replacen("sector = \"citizen\"", "sector = 7", 1);
        let now = added.replacen("sector = \"citizen\"", "sector = 8", 1);
        let (again, fresh) = read(earlier(&broken), &now);
        assert_eq!(again, fresh);
        assert!(fresh.contains("sector"));

        // Contributions, whose references and responses record places too: one changed in
        // the middle of 300, and every place after it is where a new reading puts it.
        let contributions = root.join("contributions/eixos.toml");
        let mut text = std::fs::read_to_string(&contributions).expect("the fixture reads");
        for n in 0..300 {
            text.push_str(&format!(
                "\n[[contribution]]\nid = \"EXTRA-{n}\"\nkind = \"comment\"\ndate = 2021-05-21\nbody = \"Hi estic d'acord.\"\nabout = \"dades\"\nin-reply-to = \"TEST-PROP-2021-05-0001\"\n\n[contribution.response]\nstatus = \"out-of-scope\"\nreason = \"Un suport.\"\nby = \"motor\"\ndate = 2021-10-27\n"
            ));
        }
        std::fs::write(&contributions, &text).expect("written");
        let reuse = Reuse::from_loaded(load(&source).expect("the plan loads"));
        let now = text.replacen("id = \"EXTRA-150\"", "id = \"EXTRA-150-bis\"", 1);
        std::fs::write(&contributions, &now).expect("written");
        let again = shown(&load_reusing(&source, reuse).expect("the plan loads"));
        assert_eq!(again, shown(&load(&source).expect("the plan loads")));
        assert!(again.contains("EXTRA-150-bis"));
    }

    #[test]
    fn a_reading_that_takes_files_over_equals_a_new_one() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("plan");
        copy_of_valid_plan(&root);
        let write = |path: &str, from: &str, to: &str| {
            let file = root.join(path);
            let text = std::fs::read_to_string(&file).expect("the fixture reads");
            assert!(text.contains(from), "{path} holds {from}");
            std::fs::write(&file, text.replacen(from, to, 1)).expect("the fixture is written");
        };
        // A finding in each kind of file taken over, so that findings are taken over too;
        // and minutes that are missing, which are looked for again at each reading.
        write(
            "contributions/eixos.toml",
            "kind = \"comment\"",
            "kind = \"remark\"",
        );
        write("people.toml", "public = true", "public = \"yes\"");
        write(
            "organisations.toml",
            "[[organisation]]",
            "[[organisation]]\ncolour = 1",
        );
        write(
            "spaces/gt-a.toml",
            "https://example.org/actes/gt-a-s1",
            "minutes/gt-a-s1.md",
        );
        write(
            "commitments/a.md",
            "status = \"draft\"",
            "status = \"drafted\"",
        );
        write(
            "progress/a.toml",
            "\"minutes/forum-p1.md\"",
            "\"minutes/forum-p1.md\", \"minutes/survey.md\"",
        );
        write("progress/a.toml", "percent = 60", "percent = 160");
        write(
            "assessments/a.toml",
            "verifiable = true",
            "verifiable = \"yes\"",
        );
        // A translation read after its commitment's file (`a.md` < `a.zh.md`).
        std::fs::write(root.join("commitments/a.zh.md"), "## 问题 {#problem}\n").expect("written");
        let source = DirSource::new(&root);

        let fresh = load(&source).expect("the plan loads");
        let expected = shown(&fresh);
        for kind in [
            "remark",
            "public",
            "colour",
            "gt-a-s1.md` does not exist",
            "drafted",
            "minutes/survey.md` of a report",
            "more than 100",
            "verifiable",
        ] {
            assert!(
                expected.contains(kind),
                "a finding about {kind}:\n{expected}"
            );
        }
        let copied = load_reusing(&source, Reuse::copied_from(&fresh)).expect("the plan loads");
        assert_eq!(shown(&copied), expected);
        let reuse = Reuse::from_loaded(fresh);
        for path in [
            "contributions/eixos.toml",
            "people.toml",
            "organisations.toml",
            "spaces/gt-a.toml",
            "commitments/a.md",
            "progress/a.toml",
            "assessments/a.toml",
        ] {
            assert!(reuse.has(path), "{path} is taken over");
        }
        let again = load_reusing(&source, reuse).expect("the plan loads");
        assert_eq!(shown(&again), expected);

        // The minutes and the evidence written since: their findings go, though the space
        // and progress files are the same.
        std::fs::write(root.join("minutes/gt-a-s1.md"), "# Acta\n").expect("written");
        std::fs::write(root.join("minutes/survey.md"), "# Enquesta\n").expect("written");
        let reuse = Reuse::from_loaded(again);
        let with_minutes = load_reusing(&source, reuse).expect("the plan loads");
        assert_eq!(
            shown(&with_minutes),
            shown(&load(&source).expect("the plan loads"))
        );
        assert!(!shown(&with_minutes).contains("gt-a-s1.md` does not exist"));
        assert!(!shown(&with_minutes).contains("minutes/survey.md` of a report"));

        // A file changed since is decoded again, not taken over.
        let reuse = Reuse::from_loaded(with_minutes);
        write("contributions/eixos.toml", "D'acord.", "Molt d'acord.");
        write("people.toml", "Gemma Pública", "Gemma Púbica");
        // A translation gone: the commitment taken over does not keep it.
        std::fs::remove_file(root.join("commitments/a.zh.md")).expect("removed");
        let changed = load_reusing(&source, reuse).expect("the plan loads");
        assert_eq!(
            shown(&changed),
            shown(&load(&source).expect("the plan loads"))
        );
        assert!(shown(&changed).contains("Molt d'acord."));
        assert!(shown(&changed).contains("Gemma Púbica"));
        let a = changed.plan.commitments.iter().find(|c| c.id == "a");
        assert!(!a.expect("commitment a").translations.contains_key("zh"));
    }

    /// A large file of entries lets its text go once decoded: it is taken over by its
    /// digest, read again only for a finding shown in it, and neither when it changed.
    #[test]
    fn a_large_file_lets_its_text_go_and_is_read_again_while_it_is_the_same() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("plan");
        copy_of_valid_plan(&root);
        let mut people = std::fs::read_to_string(root.join("people.toml")).expect("reads");
        while people.len() < super::super::LET_GO_FROM_BYTES {
            let n = people.len();
            people.push_str(&format!(
                "\n[[person]]\nid = \"p{n}\"\norganisation = \"ajuntament\"\n"
            ));
        }
        // A dangling reference: a rule's finding, made after the file is decoded.
        people.push_str("\n[[person]]\nid = \"lost\"\norganisation = \"nowhere\"\n");
        std::fs::write(root.join("people.toml"), &people).expect("written");
        let source = DirSource::new(&root);

        let loaded = load(&source).expect("the plan loads");
        let file = loaded.plan.people[0].origin.file;
        assert!(
            loaded.files.get(file).is_let_go(),
            "people.toml lets its text go"
        );
        assert_eq!(loaded.files.get(file).len(), people.len());
        let small = loaded.plan.organisations[0].origin.file;
        assert!(
            !loaded.files.get(small).is_let_go(),
            "a small file keeps it"
        );
        let expected = shown(&loaded);

        // Taken over by its digest; the text is read again when a finding is placed.
        let again = load_reusing(&source, Reuse::from_loaded(loaded)).expect("the plan loads");
        assert_eq!(shown(&again), expected);
        let lost = again
            .plan
            .people
            .last()
            .expect("people")
            .origin
            .key("organisation");
        let placed = again
            .files
            .get(lost.file)
            .line_col(lost.span.start as usize);
        let line = people[..people.rfind("\"nowhere\"").expect("written")]
            .lines()
            .count();
        assert_eq!((placed.line, placed.column), (line, 16));
        assert_eq!(again.files.get(file).text(), people);

        // Changed since: not taken over, and a text let go before is not read as it is now.
        let loaded = load(&source).expect("the plan loads");
        let changed = people.replacen("\"nowhere\"", "\"nowhera\"", 1);
        std::fs::write(root.join("people.toml"), &changed).expect("written");
        assert_eq!(loaded.files.get(file).text(), "", "the text let go is gone");
        let loaded = load(&source).expect("the plan loads");
        std::fs::write(root.join("people.toml"), &people).expect("written");
        let reuse = Reuse::from_loaded(loaded);
        std::fs::write(root.join("people.toml"), &changed).expect("written");
        let again = load_reusing(&source, reuse).expect("the plan loads");
        assert_eq!(
            shown(&again),
            shown(&load(&source).expect("the plan loads"))
        );
        assert!(shown(&again).contains("nowhera"));
    }

    /// A copy of the valid plan in a temporary folder (kept while the first is), its
    /// root, and the path and text of its commitment `a`.
    fn with_commitment_a() -> (tempfile::TempDir, PathBuf, PathBuf, String) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("plan");
        copy_of_valid_plan(&root);
        let path = root.join("commitments/a.md");
        let text = std::fs::read_to_string(&path).expect("the fixture");
        (dir, root, path, text)
    }

    /// The plan read with commitment `a`'s file (at `path`) written as `text`, and `mark`
    /// made in the commitment read: what only taking it over can bring into a new reading.
    fn marked(
        source: &DirSource,
        path: &std::path::Path,
        text: &str,
        mark: impl FnOnce(&mut Commitment),
    ) -> Reuse {
        std::fs::write(path, text).expect("written");
        let mut loaded = load(source).expect("the plan loads");
        let commitment = loaded
            .plan
            .commitments
            .iter_mut()
            .find(|c| c.id == "a")
            .expect("commitment a");
        mark(commitment);
        Reuse::from_loaded(loaded)
    }

    /// A commitment changed in its front matter only: its sections are taken over from the
    /// earlier reading, moved to where the body now starts; changed in its body, they are
    /// found again. Either way the reading is the one a new reading gives.
    #[test]
    fn a_commitment_changed_above_its_body_takes_over_its_sections() {
        let (_dir, root, path, text) = with_commitment_a();
        let source = DirSource::new(&root);
        // The earlier reading, with a mark in a section title that only taking the
        // sections over can bring into a new reading.
        let earlier = || {
            marked(&source, &path, &text, |commitment| {
                commitment.sections[1].title = "Taken over".to_string();
            })
        };
        let read = |reuse: Reuse, now: &str| read_again(&source, &path, reuse, now);

        // A milestone's due date moved, and a longer output: the body starts further on.
        let front = text
            .replacen("due = 2022-06-30", "due = 2022-07-01", 1)
            .replacen(
                "\"Informe publicat\"",
                "\"Informe de diagnosi publicat\"",
                1,
            );
        assert_ne!(front, text);
        let (again, fresh) = read(earlier(), &front);
        assert!(again.contains("Taken over"), "the sections are taken over");
        assert_eq!(again.replacen("\"Taken over\"", "\"Causes\"", 1), fresh);
        assert!(fresh.contains("Informe de diagnosi publicat"));

        // A word of the body changed: the sections are found again.
        let body = text.replacen("Manca d'eines.", "Manca de les eines.", 1);
        let (again, fresh) = read(earlier(), &body);
        assert_eq!(again, fresh);
        assert!(fresh.contains("Manca de les eines."));
    }

    /// A commitment changed in one part of its front matter (its own keys, or one
    /// milestone): the other parts are taken over from a clean earlier reading, moved to
    /// where they are now, and only the changed part is parsed again. Whatever changed,
    /// the reading is the one a new reading gives, findings and places included.
    #[test]
    fn a_commitment_changed_in_one_part_takes_over_the_others() {
        let (_dir, root, path, text) = with_commitment_a();
        let source = DirSource::new(&root);
        // The earlier reading of `then`, with marks that only taking its parts over can
        // bring into a new reading: one in the commitment's own keys, one in its second
        // milestone.
        let earlier = |then: &str| {
            marked(&source, &path, then, |commitment| {
                commitment.ogp_id = Some("OWN-KEYS-TAKEN".to_string());
                commitment.milestones[1].title =
                    crate::model::Text::Plain("MILESTONE-TAKEN".to_string());
            })
        };
        let unmarked = |shown: &str| {
            shown
                .replacen("\"OWN-KEYS-TAKEN\"", "\"XXTEST0001\"", 1)
                .replacen("\"MILESTONE-TAKEN\"", "\"Portal\"", 1)
        };
        let read = |then: &str, now: &str| read_again(&source, &path, earlier(then), now);

        // The first milestone moved and its output grew: the second comes further on.
        let first = text
            .replacen("due = 2022-06-30", "due = 2022-07-01", 1)
            .replacen(
                "\"Informe publicat\"",
                "\"Informe de diagnosi publicat\"",
                1,
            );
        let (again, fresh) = read(&text, &first);
        assert!(again.contains("OWN-KEYS-TAKEN") && again.contains("MILESTONE-TAKEN"));
        assert_eq!(unmarked(&again), fresh);
        assert!(fresh.contains("Informe de diagnosi publicat"));

        // Its own keys changed, by a longer line: the milestones are taken over, moved.
        let own = text.replacen("status = \"draft\"", "status = \"submitted\"", 1);
        let (again, fresh) = read(&text, &own);
        assert!(!again.contains("OWN-KEYS-TAKEN") && again.contains("MILESTONE-TAKEN"));
        assert_eq!(unmarked(&again), fresh);

        // A milestone added before the others, and one with a wrong value: the findings
        // are a new reading's.
        let added = text.replacen(
            "[[milestone]]",
            "[[milestone]]\ntitle = \"Nou\"\ndue = \"aviat\"\n\n[[milestone]]",
            1,
        );
        let (again, fresh) = read(&text, &added);
        assert!(again.contains("MILESTONE-TAKEN"));
        assert_eq!(unmarked(&again), fresh);
        assert!(fresh.contains("`due` in a `[[milestone]]` entry must be a date"));

        // A header line inside a string of a changed part: parsed whole, as it must be.
        let in_string = text.replacen(
            "output = \"Informe publicat\"",
            "output = \"\"\"\n[[milestone]]\ntitle = \"x\"\n\"\"\"",
            1,
        );
        let (again, fresh) = read(&text, &in_string);
        assert_eq!(again, fresh);
        assert!(fresh.contains("[[milestone]]\\ntitle = \\\"x\\\""));

        // An earlier reading with a finding lends nothing of its front matter.
        let wrong = text.replacen("status = \"draft\"", "status = \"drafted\"", 1);
        let (again, fresh) = read(&wrong, &first.replacen("\"draft\"", "\"drafted\"", 1));
        assert!(!again.contains("OWN-KEYS-TAKEN") && !again.contains("MILESTONE-TAKEN"));
        assert_eq!(again, fresh);

        // Nor does one whose own keys go on after the milestones (a table of its own):
        // the part cut as the last milestone holds more than the milestone.
        let after = text
            .replacen(
                "title = { ca = \"Compromís a\", en = \"Commitment a\" }\n",
                "",
                1,
            )
            .replacen(
                "\n+++\n",
                "\n\n[title]\nca = \"Compromís a\"\nen = \"Commitment a\"\n+++\n",
                1,
            );
        assert_ne!(after, text);
        let (again, fresh) = read(&after, &after.replacen("2022-06-30", "2022-07-01", 1));
        assert!(!again.contains("OWN-KEYS-TAKEN") && !again.contains("MILESTONE-TAKEN"));
        assert_eq!(again, fresh);
    }
}
