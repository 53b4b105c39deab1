//! Files that obert generates and the repository keeps (docs/rules.md, schema/, the
//! formatted fixtures): a test fails when one is stale, and rewrites it under `OBERT_BLESS`.

use std::path::Path;

use super::ROOT;

/// Whether `OBERT_BLESS` is set: tests then write what they would compare.
pub(crate) fn blessing() -> bool {
    std::env::var_os("OBERT_BLESS").is_some()
}

/// Checks that `path` (from the repository root) holds `expected`, or writes it there when
/// blessing. `bless` says how to regenerate it, for the failure message.
#[track_caller]
pub(crate) fn assert_generated(path: &str, expected: &str, bless: &str) {
    let full = Path::new(ROOT).join(path);
    if blessing() {
        std::fs::create_dir_all(full.parent().expect("a folder")).expect("a folder");
        std::fs::write(&full, expected).expect("writable");
        return;
    }
    let actual = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        actual == expected,
        "{path} is stale: run {bless} and commit the result"
    );
}
