//! Generated documentation stays equal to what it is generated from.

use std::path::Path;

/// Compares `path` with `expected`; with `OBERT_BLESS=1` it rewrites the file instead.
fn assert_file_is(path: &str, expected: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("OBERT_BLESS").is_some() {
        std::fs::write(&path, expected).expect("writable docs");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale: run `OBERT_BLESS=1 cargo test --test docs` and commit the result",
        path.display()
    );
}

#[test]
fn rules_reference_is_current() {
    assert_file_is("docs/rules.md", &obert::rules::reference_markdown());
}

#[test]
fn readme_opens_with_the_two_commands() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let first_block = readme
        .split("```")
        .nth(1)
        .expect("a code block near the top");
    assert!(
        first_block.contains("cargo run --release -- check"),
        "{first_block}"
    );
    assert!(first_block.contains("cargo test"), "{first_block}");
}
