//! Helpers shared by the integration tests: fixture plans in temporary folders, and
//! running the real `obert` binary on them.

#![allow(dead_code)]

pub mod git;
pub mod tools;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::test_runner::{Config as ProptestConfig, FileFailurePersistence};

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
pub const SHIPPED_PLAN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/plan");

/// A copy of a plan in a temporary folder, at `<tmp>/plan`, so that paths in the output
/// read `plan/…` whatever the folder is called.
pub struct TempPlan {
    pub dir: tempfile::TempDir,
}

impl TempPlan {
    pub fn copy_of(source: &Path) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_dir(source, &dir.path().join("plan"));
        TempPlan { dir }
    }

    pub fn valid() -> Self {
        Self::copy_of(&Path::new(FIXTURES).join("valid"))
    }

    /// A temporary folder where the plan is still to come: `root()` does not exist until a
    /// file is written or copied there.
    pub fn not_yet() -> Self {
        TempPlan {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("plan")
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.root().join(file)
    }

    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file)).expect("readable fixture file")
    }

    pub fn write(&self, file: &str, text: impl AsRef<[u8]>) {
        let path = self.path(file);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
        std::fs::write(path, text).expect("writable fixture file");
    }

    /// Replaces the first `find` in `file`; panics when it is not there, so that a fixture
    /// never silently tests nothing.
    pub fn replace(&self, file: &str, find: &str, replace: &str) {
        let text = self.read(file);
        assert!(text.contains(find), "`{find}` is not in {file}");
        self.write(file, text.replacen(find, replace, 1));
    }

    /// Runs obert from the folder above the plan, with `--plan plan`.
    pub fn obert(&self, args: &[&str]) -> Output {
        obert_in(self.dir.path(), &[&["--plan", "plan"], args].concat())
    }
}

/// `config`, with the failures proptest finds kept beside the test's source file, as
/// `tests/it/<module>.proptest-regressions` (for proptest to run them again first). Left to
/// itself, proptest looks above the source file for a crate root, finds tests/it/main.rs,
/// and keeps them in tests/proptest-regressions/<module>.txt instead.
pub fn regressions_beside_source(config: ProptestConfig) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..config
    }
}

pub fn obert_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_obert"))
        .args(args)
        .current_dir(cwd)
        .env_remove("OBERT_PLAN")
        .env("NO_COLOR", "1")
        .output()
        .expect("obert runs")
}

pub fn copy_dir(from: &Path, to: &Path) {
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

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

/// `obert check --format json`, parsed.
pub fn check_json(plan: &TempPlan) -> (i32, serde_json::Value) {
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

/// Every file of a folder, by path relative to it.
pub fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
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
                    .expect("a path inside the plan")
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
pub fn common_ends(before: &[u8], after: &[u8]) -> (usize, usize) {
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
/// adds or removes. So every entry the edit did not touch is byte-identical.
pub fn assert_one_region(edit: &str, path: &str, before: &[u8], after: &[u8]) {
    let (prefix, suffix) = common_ends(before, after);
    let removed = prefix..before.len() - suffix;
    let added = prefix..after.len() - suffix;
    let headers = headers_in(before, removed.clone()) + headers_in(after, added.clone());
    let allowed = if removed.is_empty() || added.is_empty() {
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
pub fn broken_plan() -> TempPlan {
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
