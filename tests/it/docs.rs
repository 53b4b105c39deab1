//! Generated documentation stays equal to what it is generated from.

use std::path::Path;

use crate::support::bless::assert_generated;
use crate::support::{ROOT, obert_command};

#[test]
fn rules_reference_is_current() {
    assert_generated(
        "docs/rules.md",
        &obert::rules::reference_markdown(),
        "`OBERT_BLESS=1 cargo test --test it docs::`",
    );
}

/// The key tables of docs/format.md are generated from the format's declarations, and
/// every table of the format has one.
#[test]
fn format_reference_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md");
    let current = std::fs::read_to_string(&path).expect("docs/format.md");
    assert_generated(
        "docs/format.md",
        &obert::format::reference::format_md(&current),
        "`OBERT_BLESS=1 cargo test --test it docs::`",
    );
    let documented = obert::format::reference::documented_tables(&current);
    for table in obert::format::tables() {
        if table.keys.is_empty() {
            continue;
        }
        assert!(
            documented.contains(&table.name),
            "docs/format.md has no `<!-- keys of {} -->` table",
            table.name
        );
    }
    for name in &documented {
        assert!(
            obert::format::tables().iter().any(|t| t.name == *name),
            "docs/format.md has a table for `{name}`, which the format does not declare"
        );
    }
}

/// The blank skeleton's commented files are generated from the format's declarations.
#[test]
fn blank_skeleton_is_current() {
    use obert::format::FileKind;
    for (kind, file) in [
        (FileKind::Plan, "templates/blank/plan.toml"),
        (
            FileKind::Organisations,
            "templates/blank/organisations.toml",
        ),
        (FileKind::People, "templates/blank/people.toml"),
    ] {
        let text = obert::format::reference::skeleton(kind).expect("a skeleton");
        assert_generated(file, &text, "`OBERT_BLESS=1 cargo test --test it docs::`");
    }
}

#[test]
fn readme_opens_with_the_two_commands() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).expect("README");
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

/// Splits a documented command line into words as a shell would for these examples:
/// spaces separate, double quotes group.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut in_word = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            ' ' if !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            _ => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The walkthrough in docs/edit.md works as written.
#[test]
fn the_edit_walkthrough_runs() {
    let doc = std::fs::read_to_string(Path::new(ROOT).join("docs/edit.md")).expect("docs/edit.md");
    let section = doc
        .split("## Building a plan from nothing")
        .nth(1)
        .expect("the walkthrough section");
    let block = section.split("```sh\n").nth(1).expect("a sh block");
    let block = block.split("```").next().expect("its end");
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut cwd = dir.path().to_path_buf();
    let joined = block.replace("\\\n", " ");
    for line in joined.lines().filter(|line| !line.trim().is_empty()) {
        for command in line.split(" && ") {
            let words = shell_words(command.trim());
            if words[0] == "cd" {
                cwd = cwd.join(&words[1]);
                continue;
            }
            assert_eq!(words[0], "obert", "{command}");
            let output = obert_command(&cwd)
                .args(&words[1..])
                .output()
                .expect("obert runs");
            // The last line, `obert check`, reports what the young plan still lacks.
            if words[1] != "check" {
                assert!(
                    output.status.success(),
                    "`{command}` failed: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
            } else {
                assert_eq!(output.status.code(), Some(1), "{command}");
            }
        }
    }
}
