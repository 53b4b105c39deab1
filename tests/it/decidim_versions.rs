//! Exports of every Decidim version from 0.24 to 0.31, shaped as each version's serializers
//! and CSV exporter write them (tests/fixtures/decidim/versions/<version>/, with an
//! EXPECTED.md per version saying what a faithful import gives and where each fact comes
//! from), imported into a copy of tests/fixtures/valid whose online space is the process
//! the exports come from, with a phase that opens on 2024-03-01 in Barcelona.

use std::path::{Path, PathBuf};

use crate::support::{FIXTURES, TempPlan, snapshot, stderr, stdout};

const VERSIONS: &[&str] = &["0.24", "0.26", "0.27", "0.28", "0.29", "0.30", "0.31"];

fn fixture(version: &str, file: &str) -> PathBuf {
    Path::new(FIXTURES)
        .join("decidim/versions")
        .join(version)
        .join(file)
}

/// The valid plan, its online space pointed at the exports' process, with a phase of
/// March 2024 and the time zone of Barcelona.
fn plan_for_the_process() -> TempPlan {
    let plan = TempPlan::valid();
    plan.replace(
        "spaces/online.toml",
        "url = \"https://example.org/processos/pla\"",
        "url = \"https://participa.example.org/processes/ogp-2024\"",
    );
    plan.append(
        "spaces/online.toml",
        "\n[[phase]]\nid = \"propostes\"\ntitle = \"Propostes\"\nstart = 2024-03-01\nend = 2024-03-31\n",
    );
    plan.replace(
        "plan.toml",
        "\nlanguages",
        "\ntimezone = \"Europe/Madrid\"\nlanguages",
    );
    plan
}

fn import(plan: &TempPlan, file: &Path, extra: &[&str]) -> String {
    let file = file.to_str().expect("a UTF-8 path");
    let output = plan.obert(&[&["contribution", "import", file], extra].concat());
    assert!(
        output.status.success(),
        "import of {file} failed:\n{}{}",
        stdout(&output),
        stderr(&output)
    );
    stderr(&output)
}

/// The contributions files the imports wrote, one after the other.
fn imported_files(plan: &TempPlan) -> String {
    let original = TempPlan::valid();
    let mut out = String::new();
    for name in [
        "contributions/propostes.toml",
        "contributions/imported.toml",
    ] {
        if plan.path(name).exists() {
            out.push_str(&format!("# {name}\n{}\n", plan.read(name)));
        }
    }
    // What was appended to the fixture's own file, if anything.
    let eixos = plan.read("contributions/eixos.toml");
    let before = original.read("contributions/eixos.toml");
    assert_eq!(eixos, before, "the 2021 phase's file is not touched");
    out
}

/// The `[[contribution]]` entry `id` of the imported files, up to the next entry.
fn entry(files: &str, id: &str) -> String {
    let start = files
        .find(&format!("id = \"{id}\""))
        .unwrap_or_else(|| panic!("no {id} in\n{files}"));
    let end = files[start..]
        .find("[[contribution]]")
        .map_or(files.len(), |end| start + end);
    files[start..end].to_string()
}

#[test]
fn every_version_imports_as_citizens_wrote() {
    for version in VERSIONS {
        let plan = plan_for_the_process();
        import(&plan, &fixture(version, "proposals.csv"), &[]);
        import(&plan, &fixture(version, "comments.csv"), &[]);
        let files = imported_files(&plan);

        // Nothing of Decidim's internals reaches the plan.
        // (A guard would show as a value that starts `"'=`; a TOML literal string cannot
        // hold a `'`.)
        for leftover in [
            "gid://", "\"'+", "\"'-", "\"'=", "\"'@", "<p>", "<li>", "( http",
        ] {
            assert!(
                !files.contains(leftover),
                "{version}: `{leftover}` reached the plan:\n{files}"
            );
        }
        // The proposal made at 00:30 in Barcelona on the phase's first day (23:30 UTC the
        // day before) is in the phase.
        let phase = plan.read("contributions/propostes.toml");
        assert!(
            phase.contains("id = \"PART-PROP-2024-02-109\""),
            "{version}: proposal 109 is not in the phase:\n{files}"
        );
        assert!(phase.contains("date = 2024-03-01"), "{version}\n{phase}");
        // The Spanish comment is kept as Spanish.
        assert!(
            files.contains("body = { es = \"Estoy de acuerdo, pero hace falta un calendario.\" }"),
            "{version}: the Spanish comment\n{files}"
        );
        // The amendment is one, and names the proposal it amends.
        assert!(
            files.contains("kind = \"amendment\"")
                && files.contains("amends = \"PART-PROP-2024-03-103\""),
            "{version}: the amendment\n{files}"
        );
        // Hashtags read as citizens see them.
        assert!(files.contains("#DadesObertes"), "{version}\n{files}");
        insta::assert_snapshot!(format!("decidim_{}", version.replace('.', "_")), files);

        // A second import of the same files changes no byte.
        let before = snapshot(&plan.root());
        import(&plan, &fixture(version, "proposals.csv"), &[]);
        import(&plan, &fixture(version, "comments.csv"), &[]);
        assert_eq!(
            snapshot(&plan.root()),
            before,
            "{version}: a second import changed the plan"
        );
        // And the plan the import leaves checks clean of import faults.
        let check = plan.obert(&["check", "--format", "json"]);
        let report = stdout(&check);
        for rule in [
            "invalid-value",
            "unknown-key",
            "dangling-reference",
            "personal-data",
        ] {
            assert!(
                !report.contains(&format!("\"{rule}\"")),
                "{version}: check reports {rule}:\n{report}"
            );
        }
    }
}

#[test]
fn json_and_the_comma_flavour_import_as_the_semicolon_csv_does() {
    for version in VERSIONS {
        let from_csv = plan_for_the_process();
        import(&from_csv, &fixture(version, "proposals.csv"), &[]);
        for other in ["proposals.json", "proposals.comma.csv"] {
            let path = fixture(version, other);
            if !path.exists() {
                continue;
            }
            let plan = plan_for_the_process();
            import(&plan, &path, &[]);
            assert_eq!(
                imported_files(&plan),
                imported_files(&from_csv),
                "{version}: {other} imports otherwise than proposals.csv"
            );
        }
    }
}

#[test]
fn authors_are_what_they_are_each_with_a_pseudonym_of_their_own() {
    let plan = plan_for_the_process();
    import(&plan, &fixture("0.28", "proposals.csv"), &[]);
    let files = imported_files(&plan);
    let entry = |id: &str| entry(&files, id);
    let official = entry("PART-PROP-2024-03-101");
    assert!(
        official.contains("author = \"Generalitat de Catalunya\""),
        "{official}"
    );
    assert!(
        official.contains("author-kind = \"official\""),
        "{official}"
    );
    let meeting = entry("PART-PROP-2024-02-109");
    assert!(meeting.contains("author-kind = \"meeting\""), "{meeting}");
    let coauthored = entry("PART-PROP-2024-03-103");
    // Users 6 and 7, each with their own pseudonym.
    assert!(coauthored.contains("author = \"author-"), "{coauthored}");
    assert!(
        coauthored.contains("co-authors = [\"author-"),
        "{coauthored}"
    );
    assert!(!coauthored.contains("Joan"), "{coauthored}");
    // Joan (user 6) signed 103 with Maria and 106 alone: the same pseudonym both times.
    let alone = entry("PART-PROP-2024-03-106");
    let author_of = |text: &str| {
        text.lines()
            .find(|line| line.starts_with("author = "))
            .map(str::to_string)
    };
    assert_eq!(author_of(&alone), author_of(&coauthored));

    // With names, people are named; mentions use the nickname their profile shows.
    let named = plan_for_the_process();
    import(
        &named,
        &fixture("0.28", "proposals.csv"),
        &["--author-names"],
    );
    let files = imported_files(&named);
    assert!(files.contains("author = \"Joan Martí\""), "{files}");
    assert!(files.contains("co-authors = [\"Maria Roca\"]"), "{files}");
    assert!(files.contains("@joan_m"), "{files}");
}

#[test]
fn decidims_states_are_decidims_until_the_process_answers() {
    let plan = plan_for_the_process();
    import(&plan, &fixture("0.28", "proposals.csv"), &[]);
    let files = imported_files(&plan);
    let entry = |id: &str| entry(&files, id);
    // Accepted with an answer: the process's official answer, recorded as given by the
    // online space, with the fingerprint that tells it from the plan's own responses.
    let accepted = entry("PART-PROP-2024-03-101");
    assert!(
        accepted.contains("[contribution.response]\nstatus = \"accepted\""),
        "{accepted}"
    );
    assert!(accepted.contains("by = \"online\""), "{accepted}");
    assert!(accepted.contains("from-source = \""), "{accepted}");
    // The amendment's state is its original author's decision: recorded, never a response.
    let amendment = entry("PART-PROP-2024-03-104");
    assert!(amendment.contains("state = \"evaluating\""), "{amendment}");
    assert!(
        !amendment.contains("[contribution.response]"),
        "{amendment}"
    );
    // Evaluating is Decidim's, and no response yet.
    let evaluating = entry("PART-PROP-2024-03-103");
    assert!(
        evaluating.contains("state = \"evaluating\""),
        "{evaluating}"
    );
    assert!(
        !evaluating.contains("[contribution.response]"),
        "{evaluating}"
    );
}

#[test]
fn an_export_of_another_process_says_which_and_how_to_fix_it() {
    let plan = TempPlan::valid();
    let before = snapshot(&plan.root());
    let file = fixture("0.28", "proposals.csv");
    let output = plan.obert(&[
        "contribution",
        "import",
        file.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let said = stderr(&output);
    assert!(
        said.contains("https://participa.example.org/processes/ogp-2024")
            && said.contains("https://example.org/processos/pla")
            && said.contains("obert space set online url"),
        "{said}"
    );
    assert_eq!(snapshot(&plan.root()), before, "nothing was written");

    // With no URL for the space, rows of several processes are not guessed between.
    plan.replace(
        "spaces/online.toml",
        "url = \"https://example.org/processos/pla\"\n",
        "",
    );
    let mixed = plan.dir.path().join("mixed.csv");
    let mut text = std::fs::read_to_string(&file).expect("the fixture");
    text = text.replacen(
        "https://participa.example.org/processes/ogp-2024;12;Bústia",
        "https://participa.example.org/processes/pressupostos;12;Bústia",
        1,
    );
    std::fs::write(&mixed, text).expect("a file");
    let output = plan.obert(&["contribution", "import", mixed.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let said = stderr(&output);
    assert!(
        said.contains("several processes") && said.contains("processes/pressupostos"),
        "{said}"
    );
}
