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

/// The same proposals and comments, as Decidim sends an admin export by e-mail (a ZIP of
/// one file) and as the open-data download (one ZIP, a file per kind).
#[test]
fn the_e_mailed_and_open_data_zips_import_as_their_files_do() {
    use std::io::Write as _;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for version in VERSIONS {
        let from_files = plan_for_the_process();
        import(&from_files, &fixture(version, "proposals.csv"), &[]);
        import(&from_files, &fixture(version, "comments.csv"), &[]);

        let e_mailed = plan_for_the_process();
        for (kind, file) in [("proposals", "proposals.csv"), ("comments", "comments.csv")] {
            let path = e_mailed.dir.path().join(format!("{kind}.zip"));
            let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("a file"));
            zip.start_file(format!("{kind}-2024-04-12-1712912345.csv"), options)
                .expect("an entry");
            zip.write_all(&std::fs::read(fixture(version, file)).expect("the fixture"))
                .expect("written");
            zip.finish().expect("a whole archive");
            import(&e_mailed, &path, &[]);
        }
        assert_eq!(
            imported_files(&e_mailed),
            imported_files(&from_files),
            "{version}: the e-mailed ZIPs"
        );

        let open_data = plan_for_the_process();
        let path = open_data
            .dir
            .path()
            .join("participa.example.org-open-data.zip");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("a file"));
        for (entry, file) in [
            (
                "participa.example.org-open-data-proposals.csv",
                "proposals.csv",
            ),
            (
                "participa.example.org-open-data-proposal_comments.csv",
                "comments.csv",
            ),
        ] {
            zip.start_file(entry, options).expect("an entry");
            zip.write_all(&std::fs::read(fixture(version, file)).expect("the fixture"))
                .expect("written");
        }
        zip.finish().expect("a whole archive");
        import(&open_data, &path, &[]);
        // Imported together, the comments tell that proposal 102 is a group's, signed by
        // Ana (user 5), who comments as herself; apart, it reads as hers alone.
        let mut expected = imported_files(&from_files);
        if *version >= "0.27" {
            expected = expected.replacen(
                "author = \"author-9340b580\"\nsupports = 3",
                "author = \"group-27b1922e\"\nauthor-kind = \"user-group\"\nco-authors = [\"author-9340b580\"]\nsupports = 3",
                1,
            );
        }
        assert_eq!(
            imported_files(&open_data),
            expected,
            "{version}: the open-data ZIP"
        );
        // A later export of the proposals alone does not make the group a person again.
        let before = snapshot(&open_data.root());
        import(&open_data, &fixture(version, "proposals.csv"), &[]);
        assert_eq!(snapshot(&open_data.root()), before, "{version}");
    }
}

/// Nothing of Decidim's internals reaches the document either, and what moderators hid is
/// not published.
#[test]
fn the_document_shows_the_text_and_leaves_out_what_was_hidden() {
    let plan = plan_for_the_process();
    import(&plan, &fixture("0.24", "proposals.csv"), &[]);
    import(&plan, &fixture("0.24", "comments.csv"), &[]);
    // Decidim 0.24 exported its hidden proposal 107 without a word: marked by hand.
    let output = plan.obert(&[
        "contribution",
        "set",
        "PART-PROP-2024-03-107",
        "hidden",
        "true",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    for format in ["html", "md"] {
        let out = plan.dir.path().join(format!("document.{format}"));
        let output = plan.obert(&[
            "render",
            "--format",
            format,
            "-o",
            out.to_str().expect("UTF-8"),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        let document = std::fs::read_to_string(&out).expect("the document");
        assert!(!document.contains("gid://"), "{format}");
        assert!(document.contains("#DadesObertes"), "{format}");
        assert!(
            !document.contains("Compra seguidors barats"),
            "{format}: the hidden proposal"
        );
        assert!(
            document.contains("Publicar les dades pressupostàries"),
            "{format}"
        );
    }
}

/// The way back: responses written in the plan go to Decidim in a file its answers import
/// accepts, for every version that has one (0.26 on), with `;`, and with `,` where a 0.28+
/// site is set so; Decidim's own answers are not sent back.
#[test]
fn responses_go_back_in_a_file_each_versions_import_accepts() {
    use crate::answers::{Site, import_answers};
    for version in ["0.26", "0.27", "0.28", "0.29", "0.30", "0.31"] {
        let plan = plan_for_the_process();
        import(&plan, &fixture(version, "proposals.csv"), &[]);
        for (id, status, reason) in [
            (
                "PART-PROP-2024-03-102",
                "accepted",
                "Ho farem: vegeu el [compromís 2](https://example.org/c2).",
            ),
            (
                "PART-PROP-2024-03-105",
                "rejected",
                "Ja existeix:\n\n- el catàleg\n- el cercador",
            ),
            // An amendment is answered in the plan, never in Decidim's file.
            ("PART-PROP-2024-03-104", "merged", "Integrada a la 103."),
        ] {
            let output = plan.obert(&[
                "contribution",
                "respond",
                id,
                "--status",
                status,
                "--reason",
                reason,
                "--by",
                "motor",
            ]);
            assert!(output.status.success(), "{}", stderr(&output));
        }
        let separators: &[char] = if version < "0.28" {
            &[';']
        } else {
            &[';', ',']
        };
        for &separator in separators {
            let output = plan.obert(&[
                "contribution",
                "export",
                "--format",
                "decidim-answers",
                "--component",
                "12",
                "--separator",
                &separator.to_string(),
            ]);
            assert!(output.status.success(), "{}", stderr(&output));
            let file = stdout(&output);
            let site = Site {
                separator,
                default_locale: "ca",
                available_locales: &["ca", "es"],
                states: &["evaluating", "accepted", "rejected"],
                proposals: (101..=109).map(|id| (id, (12, id == 104))).collect(),
            };
            let saved = import_answers(&site, 12, &file)
                .unwrap_or_else(|errors| panic!("{version} `{separator}`: {errors:?}\n{file}"));
            // Only the plan's own responses: 101 and 108 were Decidim's answers.
            assert_eq!(
                saved.keys().copied().collect::<Vec<_>>(),
                vec![102, 105],
                "{version}\n{file}"
            );
            assert_eq!(saved[&105].state, "rejected");
            assert_eq!(
                saved[&102].answer["ca"],
                "<p>Ho farem: vegeu el <a href=\"https://example.org/c2\">compromís 2</a>.</p>",
                "{version}"
            );
            assert!(
                saved[&105].answer["ca"].contains("<ul><li>el catàleg</li>"),
                "{file}"
            );
        }
    }
}

/// A later export of a component that no longer holds a proposal the plan has: Decidim
/// leaves out what its moderators hid, so the import says which, and how to mark them.
#[test]
fn a_proposal_gone_from_a_later_export_is_pointed_out() {
    let plan = plan_for_the_process();
    let json = fixture("0.28", "proposals.json");
    import(&plan, &json, &[]);
    let mut items: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("the fixture")).expect("JSON");
    items.retain(|item| item["id"] != 105);
    let later = plan.dir.path().join("later.json");
    std::fs::write(&later, serde_json::to_string(&items).expect("JSON")).expect("written");
    let before = snapshot(&plan.root());
    let said = import(&plan, &later, &[]);
    assert!(
        said.contains(
            "1 proposal of component 12 in the plan is not in this export (PART-PROP-2024-03-105)"
        ) && said.contains("obert contribution set ID hidden true"),
        "{said}"
    );
    assert_eq!(snapshot(&plan.root()), before, "nothing changes by itself");
}

/// `obert show` tells what the plan's own account and the platform's say of an amendment
/// and of the proposal it amends.
#[test]
fn show_names_the_amendment_its_proposal_and_the_source() {
    let plan = plan_for_the_process();
    import(&plan, &fixture("0.28", "proposals.csv"), &[]);
    let shown = stdout(&plan.obert(&["show", "PART-PROP-2024-03-104"]));
    for line in [
        "kind: amendment",
        "amends: PART-PROP-2024-03-103",
        "at the source: id 104, component 12, state evaluating",
    ] {
        assert!(shown.contains(line), "`{line}` is not in:\n{shown}");
    }
    let shown = stdout(&plan.obert(&["show", "PART-PROP-2024-03-103"]));
    for line in [
        "co-authors: author-177b998d",
        "amendments: PART-PROP-2024-03-104",
    ] {
        assert!(shown.contains(line), "`{line}` is not in:\n{shown}");
    }
    let shown = stdout(&plan.obert(&["show", "PART-PROP-2024-03-101"]));
    assert!(shown.contains("author kind: official"), "{shown}");
}

/// An answer Decidim holds in another language only is the response in that language,
/// and stays Decidim's own through later imports.
#[test]
fn an_answer_in_another_language_is_kept_in_it() {
    let plan = plan_for_the_process();
    let json = fixture("0.28", "proposals.json");
    let mut items: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("the fixture")).expect("JSON");
    for item in items.iter_mut().filter(|item| item["id"] == 103) {
        item["state"] = "accepted".into();
    }
    let accepted = plan.dir.path().join("accepted.json");
    std::fs::write(&accepted, serde_json::to_string(&items).expect("JSON")).expect("written");
    import(&plan, &accepted, &[]);
    let files = imported_files(&plan);
    let answered = entry(&files, "PART-PROP-2024-03-103");
    assert!(
        answered
            .contains("status = \"accepted\"\nreason = { es = \"En estudio.\" }\nby = \"online\""),
        "{answered}"
    );
    let before = snapshot(&plan.root());
    let said = import(&plan, &accepted, &[]);
    assert_eq!(snapshot(&plan.root()), before, "{said}");
    // Decidim's own answer: not sent back.
    let output = plan.obert(&["contribution", "export", "--format", "decidim-answers"]);
    assert!(!stdout(&output).contains("103;"), "{}", stdout(&output));
}

/// Decidim's own answer, unchanged in the plan, follows Decidim's newer answer; once the
/// plan has written its own, no import touches it.
#[test]
fn decidims_newer_answer_renews_its_own_but_never_the_plans() {
    let plan = plan_for_the_process();
    let json = fixture("0.28", "proposals.json");
    import(&plan, &json, &[]);
    let mut items: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("the fixture")).expect("JSON");
    for item in items.iter_mut().filter(|item| item["id"] == 101) {
        item["answer"]["ca"] = "<p>Acceptada: calendari revisat.</p>".into();
    }
    let newer = plan.dir.path().join("newer.json");
    std::fs::write(&newer, serde_json::to_string(&items).expect("JSON")).expect("written");
    let said = import(&plan, &newer, &[]);
    assert!(
        said.contains("1 response renewed from Decidim's newer answers"),
        "{said}"
    );
    let files = imported_files(&plan);
    assert!(
        entry(&files, "PART-PROP-2024-03-101")
            .contains("reason = \"Acceptada: calendari revisat.\""),
        "{files}"
    );

    let output = plan.obert(&[
        "contribution",
        "respond",
        "PART-PROP-2024-03-101",
        "--status",
        "partially-accepted",
        "--reason",
        "Només els pressupostos.",
        "--by",
        "motor",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let before = snapshot(&plan.root());
    import(&plan, &json, &[]);
    let files = imported_files(&plan);
    assert!(
        entry(&files, "PART-PROP-2024-03-101").contains("reason = \"Només els pressupostos.\""),
        "{files}"
    );
    assert_eq!(
        snapshot(&plan.root())["contributions/propostes.toml"],
        before["contributions/propostes.toml"]
    );
}
