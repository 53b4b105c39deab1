//! Fixture plans in temporary folders, and what tests ask of a plan's files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde::Deserialize;

use super::{FIXTURES, obert_in, stderr, stdout};

/// A copy of a plan in a temporary folder, at `<tmp>/plan`, so that paths in the output
/// read `plan/…` whatever the folder is called.
#[derive(Debug)]
pub(crate) struct TempPlan {
    pub dir: tempfile::TempDir,
}

impl TempPlan {
    pub(crate) fn copy_of(source: &Path) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_dir(source, &dir.path().join("plan"));
        TempPlan { dir }
    }

    pub(crate) fn valid() -> Self {
        Self::copy_of(&Path::new(FIXTURES).join("valid"))
    }

    /// A temporary folder where the plan is still to come: `root()` does not exist until a
    /// file is written or copied there.
    pub(crate) fn not_yet() -> Self {
        TempPlan {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub(crate) fn root(&self) -> PathBuf {
        self.dir.path().join("plan")
    }

    pub(crate) fn path(&self, file: &str) -> PathBuf {
        self.root().join(file)
    }

    pub(crate) fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file)).expect("readable fixture file")
    }

    pub(crate) fn write(&self, file: &str, text: impl AsRef<[u8]>) {
        let path = self.path(file);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
        std::fs::write(path, text).expect("writable fixture file");
    }

    /// Adds `text` at the end of `file`.
    pub(crate) fn append(&self, file: &str, text: &str) {
        let old = self.read(file);
        self.write(file, format!("{old}{text}"));
    }

    /// Replaces the first `find` in `file`; panics when it is not there, so that a fixture
    /// never silently tests nothing.
    pub(crate) fn replace(&self, file: &str, find: &str, replace: &str) {
        let text = self.read(file);
        assert!(text.contains(find), "`{find}` is not in {file}");
        self.write(file, text.replacen(find, replace, 1));
    }

    /// Runs obert from the folder above the plan, with `--plan plan`.
    pub(crate) fn obert(&self, args: &[&str]) -> Output {
        obert_in(self.dir.path(), &[&["--plan", "plan"], args].concat())
    }
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("readable folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// `obert check --format json`, parsed.
pub(crate) fn check_json(plan: &TempPlan) -> (i32, serde_json::Value) {
    let output = plan.obert(&["check", "--format", "json"]);
    let code = output.status.code().expect("an exit code, not a signal");
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "check printed no JSON ({e}): {}{}",
            stdout(&output),
            stderr(&output)
        )
    });
    (code, json)
}

/// Every file of a folder, by path relative to it (with `/`).
pub(crate) fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable folder") {
            let path = entry.expect("folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .expect("a path inside the folder")
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(relative, std::fs::read(&path).expect("readable file"));
            }
        }
    }
    files
}

/// Where `before` and `after` differ: the lengths of their common prefix and of their common
/// suffix (which never overlaps the prefix).
fn common_ends(before: &[u8], after: &[u8]) -> (usize, usize) {
    let prefix = before.iter().zip(after).take_while(|(a, b)| a == b).count();
    let max_suffix = before.len().min(after.len()) - prefix;
    let suffix = before
        .iter()
        .rev()
        .zip(after.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    (prefix, suffix)
}

/// How many table headers (`[` at the start of a line) start inside `range` of `text`.
fn headers_in(text: &[u8], range: std::ops::Range<usize>) -> usize {
    range
        .filter(|&i| text[i] == b'[' && (i == 0 || text[i - 1] == b'\n'))
        .count()
}

/// Checks that `after` differs from `before` in one region that stays within one entry: the
/// common prefix and suffix cover everything else, and the region holds no table header,
/// unless it is a pure insertion or removal, which may hold the header of the one entry it
/// adds or removes (or a table that replaces its commented example). So every entry the
/// edit did not touch is byte-identical.
pub(crate) fn assert_one_region(edit: &str, path: &str, before: &[u8], after: &[u8]) {
    let (prefix, suffix) = common_ends(before, after);
    let removed = prefix..before.len() - suffix;
    let added = prefix..after.len() - suffix;
    let headers = headers_in(before, removed.clone()) + headers_in(after, added.clone());
    // A table that takes the place of its commented example removes only comments.
    let only_comments = |range: std::ops::Range<usize>| {
        String::from_utf8_lossy(&before[range])
            .lines()
            .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
    };
    let allowed = if removed.is_empty() || added.is_empty() || only_comments(removed.clone()) {
        1
    } else {
        0
    };
    assert!(
        headers <= allowed,
        "{edit} changed {path} beyond one entry (at byte {prefix}):\n--- removed\n{}\n--- added\n{}",
        String::from_utf8_lossy(&before[removed]),
        String::from_utf8_lossy(&after[added]),
    );
}

/// A plan with several findings of different kinds, for the output snapshots.
pub(crate) fn broken_plan() -> TempPlan {
    let plan = TempPlan::valid();
    plan.replace("spaces/motor.toml", "person = \"c2\"", "person = \"c22\"");
    plan.replace("people.toml", "sector = \"expert\"", "sectr = \"expert\"");
    plan.replace(
        "commitments/b.md",
        "Publicar-les.",
        "Publicar-les; escriviu a dades@example.org.",
    );
    plan.replace(
        "spaces/gt-b.toml",
        "kind = \"session\"",
        "kind = \"meeting\"",
    );
    plan
}

/// The valid plan with a working group `genere` of seven current members, five women and
/// two men, and one more woman who has left it: what `status` and the document count by
/// gender.
pub(crate) fn plan_with_genders() -> TempPlan {
    let plan = TempPlan::valid();
    let mut people = plan.read("people.toml");
    let mut space = String::from("kind = \"working-group\"\nname = \"Grup de gènere\"\n");
    let genders = [
        "woman", "woman", "man", "woman", "woman", "man", "woman", "woman",
    ];
    for (i, gender) in genders.iter().enumerate() {
        people.push_str(&format!(
            "\n[[person]]\nid = \"p{i}\"\nsector = \"expert\"\ngender = \"{gender}\"\n"
        ));
        let until = if i == 7 { "until = 2021-07-01\n" } else { "" };
        space.push_str(&format!("\n[[member]]\nperson = \"p{i}\"\n{until}"));
    }
    plan.write("people.toml", people);
    plan.write("spaces/genere.toml", space);
    plan
}

/// [`plan_with_genders`] where `genere` has 3 non-binary, 3 undisclosed and 1 more man,
/// and one member with no gender recorded: the count of 1 is the only one hidden, so the
/// others and the total would give it away.
pub(crate) fn plan_with_one_hidden_gender() -> TempPlan {
    let plan = plan_with_genders();
    let mut people = plan.read("people.toml");
    let mut space = plan.read("spaces/genere.toml");
    let genders = [
        "non-binary",
        "non-binary",
        "non-binary",
        "undisclosed",
        "undisclosed",
        "undisclosed",
        "man",
        "",
    ];
    for (i, gender) in genders.iter().enumerate() {
        let gender = if gender.is_empty() {
            String::new()
        } else {
            format!("gender = \"{gender}\"\n")
        };
        people.push_str(&format!(
            "\n[[person]]\nid = \"q{i}\"\nsector = \"expert\"\n{gender}"
        ));
        space.push_str(&format!("\n[[member]]\nperson = \"q{i}\"\n"));
    }
    plan.write("people.toml", people);
    plan.write("spaces/genere.toml", space);
    plan
}

/// A rule fixture (`tests/fixtures/rules/<rule>.toml`): edits that turn the valid plan into
/// one that breaks the rule, and the finding a user must see.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleFixture {
    #[serde(default)]
    pub edit: Vec<Edit>,
    pub expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Edit {
    pub file: String,
    pub find: Option<String>,
    pub replace: Option<String>,
    pub write: Option<String>,
    #[serde(default)]
    pub remove: bool,
    /// Makes `file` a symbolic link to this target (in place of the file, if there is one).
    pub symlink: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Expect {
    pub file: String,
    pub line: Option<u64>,
    pub message: String,
    pub help: Option<String>,
    pub severity: Option<String>,
}

impl RuleFixture {
    /// Makes the fixture's edits to `plan`.
    pub(crate) fn apply_to(&self, plan: &TempPlan) {
        for edit in &self.edit {
            if let Some(target) = &edit.symlink {
                let link = plan.path(&edit.file);
                let _ = std::fs::remove_file(&link);
                std::os::unix::fs::symlink(target, &link).expect("a symbolic link");
            } else if edit.remove {
                std::fs::remove_file(plan.path(&edit.file)).expect("file to remove");
            } else if let Some(text) = &edit.write {
                plan.write(&edit.file, text);
            } else {
                let find = edit
                    .find
                    .as_deref()
                    .expect("an edit has find, write or remove");
                plan.replace(&edit.file, find, edit.replace.as_deref().unwrap_or(""));
            }
        }
    }
}

fn read_rule_fixture(path: &Path) -> RuleFixture {
    let text = std::fs::read_to_string(path).expect("fixture");
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fixture of `rule`.
pub(crate) fn rule_fixture(rule: &str) -> RuleFixture {
    read_rule_fixture(
        &Path::new(FIXTURES)
            .join("rules")
            .join(format!("{rule}.toml")),
    )
}

/// Every rule fixture, by rule name, in name order.
pub(crate) fn rule_fixtures() -> Vec<(String, RuleFixture)> {
    let dir = Path::new(FIXTURES).join("rules");
    let mut fixtures: Vec<(String, RuleFixture)> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            (name, read_rule_fixture(&path))
        })
        .collect();
    fixtures.sort_by(|a, b| a.0.cmp(&b.0));
    fixtures
}
