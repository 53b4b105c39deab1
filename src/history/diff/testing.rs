//! Two copies of the `valid` fixture plan, one of them edited, for the tests of the diff
//! and of its reports.

use std::path::{Path, PathBuf};

use super::PlanDiff;
use crate::load::Loaded;
use crate::source::DirSource;

const VALID: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");

/// A base plan and a head plan, both copies of the `valid` fixture until edited.
pub(crate) struct Pair {
    dir: tempfile::TempDir,
}

impl Pair {
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy_dir(Path::new(VALID), &dir.path().join("base"));
        copy_dir(Path::new(VALID), &dir.path().join("head"));
        Pair { dir }
    }

    fn head(&self, file: &str) -> PathBuf {
        self.dir.path().join("head").join(file)
    }

    /// Replaces the first `find` in the head's `file`; panics when it is not there, so that
    /// a test never silently compares two equal plans.
    pub(crate) fn edit(&self, file: &str, find: &str, replace: &str) -> &Self {
        let path = self.head(file);
        let text = std::fs::read_to_string(&path).expect("a readable fixture file");
        assert!(text.contains(find), "`{find}` is not in {file}");
        std::fs::write(&path, text.replacen(find, replace, 1)).expect("a writable file");
        self
    }

    /// Adds `text` at the end of the head's `file`.
    pub(crate) fn append(&self, file: &str, text: &str) -> &Self {
        let path = self.head(file);
        let old = std::fs::read_to_string(&path).expect("a readable fixture file");
        std::fs::write(&path, format!("{old}{text}")).expect("a writable file");
        self
    }

    /// Writes the head's `file` whole (a new file, or one rewritten).
    pub(crate) fn write(&self, file: &str, text: &str) -> &Self {
        let path = self.head(file);
        std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("a folder");
        std::fs::write(&path, text).expect("a writable file");
        self
    }

    /// Writes `file` whole in both plans, base and head.
    pub(crate) fn write_both(&self, file: &str, text: &str) -> &Self {
        self.write(file, text);
        let path = self.dir.path().join("base").join(file);
        std::fs::write(&path, text).expect("a writable file");
        self
    }

    /// Deletes the head's `file`.
    pub(crate) fn remove(&self, file: &str) -> &Self {
        std::fs::remove_file(self.head(file)).expect("a removable file");
        self
    }

    pub(crate) fn load(&self, side: &str) -> Loaded {
        crate::load::load(&DirSource::new(self.dir.path().join(side))).expect("the plan loads")
    }

    pub(crate) fn diff(&self) -> PlanDiff {
        super::diff(&self.load("base"), &self.load("head"), None)
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a readable folder") {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("a copied file");
        }
    }
}

/// One edit of every kind a reviewer meets, for the tests and snapshots of the reports.
pub(crate) fn rich() -> Pair {
    let pair = Pair::new();
    pair.edit("plan.toml", "en = \"Test plan\"", "en = \"Test action plan\"")
        .edit("plan.toml", "members = 5", "members = 6")
        .edit("plan.toml", "title = \"Dades obertes\"", "title = \"Dades obertes\"\n\n[[axis]]\nid = \"participacio\"\ntitle = \"Participació | ciutadana\"")
        .edit("organisations.toml", "name = \"Consell Comarcal de Prova\"", "name = \"Consell Comarcal\"")
        .append("organisations.toml", "\n[[organisation]]\nid = \"universitat\"\nname = \"Universitat de Prova\"\nsector = \"academia\"\n")
        .edit("people.toml", "name = \"Gemma Pública\"", "name = \"Gemma P. Pública\"")
        .edit("people.toml", "name = \"Carles Privat\"", "name = \"Carles Molt Privat\"")
        .edit("people.toml", "g2.private@example.org", "g2.other@example.org")
        .edit("people.toml", "phone = \"+34 600 123 456\"\n", "")
        .append("people.toml", "\n[[person]]\nid = \"u1\"\norganisation = \"universitat\"\nname = \"Úrsula\"\npublic = true\n")
        .edit("spaces/motor.toml", "role = \"coordination\"", "role = \"secretariat\"")
        .edit("spaces/motor.toml", "[[member]]\nperson = \"c2\"\n\n", "")
        .edit("spaces/forum.toml", "person = \"c3\"", "person = \"c3\"\nuntil = 2021-09-30")
        .edit("spaces/forum.toml", "attendees = [\"g1\", \"c3\"]", "attendees = [\"g1\", \"c3\", \"e1\"]")
        .edit("spaces/forum.toml", "title = \"Constitució\"", "title = \"Sessió de constitució\"")
        .edit("spaces/online.toml", "end = 2021-06-09", "end = 2021-06-30")
        .edit("commitments/a.md", "lead = [\"ajuntament\"]", "lead = [\"ajuntament\", \"consell\"]")
        .edit("commitments/a.md", "status = \"draft\"", "status = \"agreed\"")
        .edit("commitments/a.md", "due = 2022-06-30", "due = 2022-09-30")
        .edit("commitments/a.md", "Les dades no es publiquen.", "Les dades no es publiquen.\nNi tan sols els pressupostos.")
        .edit("commitments/a.en.md", "Data is not published.", "Data is seldom published.")
        .edit("contributions/eixos.toml", "supports = 3", "supports = 5")
        .append("contributions/eixos.toml", "\n[[contribution]]\nid = \"TEST-PROP-2021-05-0004\"\nkind = \"proposal\"\ndate = 2021-05-23\ntitle = \"Escriviu a info@example.org\"\n\n[contribution.response]\nstatus = \"rejected\"\nreason = \"Fora de termini.\"\nby = \"motor\"\ndate = 2021-10-27\n");
    pair
}
