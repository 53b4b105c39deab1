//! What the loader's tests share: a copy of the valid test plan, and a reading as text.

use std::path::Path;

use super::Loaded;

/// Everything a reading gives, as text, to compare two readings: the files read, the
/// entries with their spans and exceptions, the findings.
pub(super) fn shown(loaded: &Loaded) -> String {
    let paths: Vec<&str> = loaded.files.iter().map(|f| f.path.as_str()).collect();
    format!(
        "{paths:?}\n{:?}\n{:?}\n{:?}",
        loaded.plan, loaded.diagnostics, loaded.broken
    )
}

/// Copies the valid test plan (tests/fixtures/valid) to `to`.
pub(crate) fn copy_of_valid_plan(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(&from)
        .arg(to)
        .status()
        .expect("cp runs");
    assert!(status.success());
}
