//! A plan made only with obert's commands stays in its canonical layout and keeps the
//! guidance comments of the skeleton it started from: random sequences of edit commands run
//! from `obert init --blank` and `obert init` (the example), and after each one `obert fmt
//! --check` passes and every comment of the skeleton is still there, except the commented
//! examples that a command replaced with the real thing.

use std::path::Path;

use proptest::prelude::*;

use crate::support::obert_in;

/// Edit commands a facilitator runs early on, in any order: some are refused when an
/// earlier one has not run (a partner before its organisation), which must leave the files
/// as they were.
const COMMANDS: &[&[&str]] = &[
    &["plan", "set", "title", "Pla de prova"],
    &["plan", "set", "member", "Vila de Prova"],
    &["plan", "set", "website", "https://example.org/pla"],
    &["plan", "set", "cocreation", "2021-05-01..2021-10-31"],
    &["plan", "set", "implementation", "2021-12-01..2023-05-31"],
    &["plan", "set", "rules.commitments", "4"],
    &["plan", "set", "rules.steering-group.government", "3"],
    &["plan", "set", "rules.forum.members", "40"],
    &[
        "plan",
        "set",
        "rules.working-group.sectors",
        "--add",
        "academia",
    ],
    &[
        "plan",
        "set",
        "rules.commitment.sections",
        "problem,description",
    ],
    &["plan", "set", "lints.forum-size", "allow"],
    &[
        "org",
        "add",
        "ajuntament-prova",
        "--name",
        "Ajuntament",
        "--sector",
        "public-administration",
    ],
    &[
        "person",
        "add",
        "persona-1",
        "--organisation",
        "ajuntament-prova",
    ],
    &["partner", "add", "ajuntament-prova"],
    &["axis", "add", "dades-prova", "--title", "Dades"],
    &[
        "space",
        "add",
        "grup-prova",
        "--kind",
        "working-group",
        "--name",
        "Grup de prova",
    ],
    &["member", "add", "grup-prova", "persona-1"],
];

/// The comment lines of a file that are not part of a commented example: an example starts
/// at a comment that reads as a table header (`# [cocreation]`) or a key (`# website = …`)
/// and runs to a blank line or a bare `#`.
fn guidance(text: &str) -> Vec<String> {
    let mut kept = Vec::new();
    let mut in_example = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line == "#" {
            in_example = false;
            continue;
        }
        let Some(comment) = line.strip_prefix('#') else {
            in_example = false;
            continue;
        };
        let comment = comment.trim();
        let key_like = comment
            .split_once(" = ")
            .is_some_and(|(key, _)| !key.is_empty() && !key.contains(' ') && !key.contains('`'));
        if comment.starts_with('[') || key_like {
            in_example = true;
        }
        if !in_example {
            kept.push(line.to_string());
        }
    }
    kept
}

/// The TOML files of the plan, by path, with their text.
fn toml_files(plan: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut folders = vec![plan.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("a readable folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|ext| ext == "toml") {
                let text = std::fs::read_to_string(&path).expect("a readable file");
                files.push((path.display().to_string(), text));
            }
        }
    }
    files.sort();
    files
}

fn run_sequence(init: &[&str], steps: &[usize]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let made = obert_in(dir.path(), &[&["init", "p"][..], init].concat());
    prop_assert!(made.status.success(), "{made:?}");
    let root = dir.path().join("p");
    let plan = root.join("plan");
    let skeleton: Vec<(String, Vec<String>)> = toml_files(&plan)
        .into_iter()
        .map(|(path, text)| (path, guidance(&text)))
        .collect();
    for &step in steps {
        let command = COMMANDS[step % COMMANDS.len()];
        let output = obert_in(&root, command);
        let fmt = obert_in(&root, &["fmt", "--dry-run"]);
        prop_assert!(
            fmt.stdout.is_empty(),
            "after `obert {}` ({:?}), fmt would change:\n{}",
            command.join(" "),
            output.status.code(),
            String::from_utf8_lossy(&fmt.stdout)
        );
        let now = toml_files(&plan);
        for (path, lines) in &skeleton {
            let Some((_, text)) = now.iter().find(|(p, _)| p == path) else {
                continue;
            };
            for line in lines {
                prop_assert!(
                    text.lines().any(|l| l.trim() == line),
                    "after `obert {}`, {path} lost the comment `{line}`:\n{text}",
                    command.join(" ")
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn commands_from_a_blank_plan_keep_it_canonical_and_its_guidance(
        steps in prop::collection::vec(0usize..COMMANDS.len(), 1..10),
    ) {
        run_sequence(&["--blank"], &steps)?;
    }

    #[test]
    fn commands_on_the_example_keep_it_canonical_and_its_comments(
        steps in prop::collection::vec(0usize..COMMANDS.len(), 1..6),
    ) {
        run_sequence(&[], &steps)?;
    }
}

/// The whole sequence, in order, once: every command applies.
#[test]
fn every_command_in_order_from_a_blank_plan() {
    let steps: Vec<usize> = (0..COMMANDS.len()).collect();
    run_sequence(&["--blank"], &steps).expect("canonical and complete");
}
