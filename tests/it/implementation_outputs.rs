//! The implementation's outputs: `obert report self-assessment` and `end-of-commitment`
//! (Markdown in OGP's structure), `obert export --format irm` (CSV and JSON) and
//! `--format decidim-accountability`, whose file is read back with the rules of Decidim's
//! results importer.

use crate::support::{TempPlan, code, ok, show, stderr};

/// The fixture plan a year into implementation: reports on the whole commitment and on
/// both milestones, a second assessment, a forum follow-up meeting, and two accepted
/// proposals taken up by commitment a.
fn implementing_plan() -> TempPlan {
    let plan = TempPlan::valid();
    plan.append(
        "progress/a.toml",
        r#"
[[report]]
date = 2022-12-01
status = "limited"
percent = 40
note = "El portal és en proves; contacte: g2.private@example.org o +34 600 123 456."
evidence = ["https://example.org/pla/portal-proves"]
by = "ajuntament"

[[report]]
date = 2023-01-10
milestone = "2"
status = "not-started"
note = { ca = "Pendent de contractació.", en = "Waiting for the contract." }
"#,
    );
    plan.append(
        "assessments/a.toml",
        r#"
[[assessment]]
by = "irm"
kind = "action-plan-review"
date = 2022-03-01
url = "https://example.org/irm/apr.pdf"
verifiable = true
open-government-lens = true
potential = "substantial"
"#,
    );
    plan.append(
        "spaces/forum.toml",
        r#"
[[meeting]]
id = "s1"
date = 2022-03-10
kind = "plenary"
title = "Seguiment"
attendees = ["g1", "c3"]
"#,
    );
    plan.replace(
        "contributions/eixos.toml",
        "about = \"dades\"",
        "about = \"a\"",
    );
    plan.append(
        "contributions/eixos.toml",
        r#"
[[contribution]]
id = "TEST-PROP-2021-05-0012"
kind = "proposal"
date = 2021-05-23
title = "Un portal; amb \"cerca\""
about = "a"

[contribution.response]
status = "partially-accepted"
reason = "En part."
by = "motor"
date = 2021-10-27
"#,
    );
    plan
}

/// What no output may hold: the private contact details of people.toml.
fn assert_private(text: &str) {
    for private in ["g2.private@example.org", "600 123 456", "+34 600"] {
        assert!(!text.contains(private), "`{private}` in:\n{text}");
    }
}

#[test]
fn self_assessment_report() {
    let plan = implementing_plan();
    let text = ok(&plan.obert(&["--today", "2023-02-01", "report", "self-assessment"]));
    assert_private(&text);
    // One part per language of the plan, in its order.
    let ca = text
        .find("# Informe d'autoavaluació")
        .expect("Catalan part");
    let en = text.find("# Self-assessment report").expect("English part");
    assert!(ca < en, "{text}");
    insta::assert_snapshot!("self_assessment", text);
}

#[test]
fn end_of_commitment_report_in_one_language() {
    let plan = implementing_plan();
    let text = ok(&plan.obert(&["report", "end-of-commitment", "a", "--lang", "en"]));
    assert_private(&text);
    assert!(!text.contains("Informe"), "{text}");
    // A Catalan-only note is shown in Catalan, and says so.
    assert!(
        text.contains("contacte: ")
            && text.contains("*(Not yet translated into English; shown in Catalan.)*"),
        "{text}"
    );
    insta::assert_snapshot!("end_of_commitment", text);
}

#[test]
fn reports_refuse_what_they_cannot_do() {
    let plan = implementing_plan();
    let unknown = plan.obert(&["report", "end-of-commitment", "aa"]);
    assert_eq!(code(&unknown), 2, "{}", show(&unknown));
    assert!(
        stderr(&unknown).contains("there is no commitment `aa`"),
        "{}",
        show(&unknown)
    );
    let no_labels = plan.obert(&["report", "self-assessment", "--lang", "xx"]);
    assert_eq!(code(&no_labels), 2, "{}", show(&no_labels));
    assert!(
        stderr(&no_labels).contains("no labels in `xx`"),
        "{}",
        show(&no_labels)
    );

    // `-o` follows `obert render -o`: a folder is refused, a file is replaced.
    let folder = plan.path("out");
    std::fs::create_dir(&folder).expect("folder");
    let folder = folder.to_str().expect("UTF-8 path");
    let onto_folder = plan.obert(&["report", "self-assessment", "-o", folder]);
    assert_eq!(code(&onto_folder), 2, "{}", show(&onto_folder));
    assert!(
        stderr(&onto_folder).contains("it is a folder"),
        "{}",
        show(&onto_folder)
    );
    plan.write("out/report.md", "old");
    let file = plan.path("out/report.md");
    let file = file.to_str().expect("UTF-8 path");
    let replaced = ok(&plan.obert(&["report", "self-assessment", "-o", file]));
    assert!(replaced.starts_with("wrote "), "{replaced}");
    assert!(
        plan.read("out/report.md")
            .starts_with("# Informe d'autoavaluació")
    );

    let mixed = plan.obert(&[
        "export",
        "--format",
        "decidim-accountability",
        "--output-format",
        "json",
    ]);
    assert_eq!(code(&mixed), 2, "{}", show(&mixed));
    let mixed = plan.obert(&["export", "--format", "irm", "--separator", ";"]);
    assert_eq!(code(&mixed), 2, "{}", show(&mixed));
    let bad_separator = plan.obert(&[
        "export",
        "--format",
        "decidim-accountability",
        "--separator",
        "|",
    ]);
    assert_eq!(code(&bad_separator), 2, "{}", show(&bad_separator));
}

#[test]
fn irm_export_as_csv_and_json() {
    let plan = implementing_plan();
    let csv_text = ok(&plan.obert(&["export", "--format", "irm"]));
    assert_private(&csv_text);
    insta::assert_snapshot!("irm_csv", csv_text);
    // Every row has every column, however its cells are quoted.
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().expect("header").clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 6, "two commitments of two milestones each");
    assert!(rows.iter().all(|row| row.len() == header.len()));
    let at = |name: &str| header.iter().position(|h| h == name).expect(name);
    assert_eq!(&rows[1][at("milestone")], "1.1");
    assert_eq!(&rows[0][at("completion")], "limited");
    assert_eq!(&rows[0][at("assessment_kind")], "action-plan-review");

    let json_text = ok(&plan.obert(&[
        "export",
        "--format",
        "irm",
        "--output-format",
        "json",
        "--lang",
        "en",
    ]));
    assert_private(&json_text);
    let json: serde_json::Value = serde_json::from_str(&json_text).expect("JSON");
    insta::assert_json_snapshot!("irm_json", json);
}

/// Reads a Decidim accountability file as Decidim's `ResultsCsvImporter` does, and fails
/// where it would: the columns it needs, a title and a description in the default language,
/// numeric ids, each `parent/id` a row already read, `;`-separated proposal URLs whose
/// last part is a number, progress from 0 to 100, ISO dates.
fn replay_decidim_import(
    text: &str,
    separator: u8,
    default_locale: &str,
) -> Vec<csv::StringRecord> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let header = reader.headers().expect("header").clone();
    let at = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no `{name}` column in {header:?}"))
    };
    let title = at(&format!("title/{default_locale}"));
    let description = at(&format!("description/{default_locale}"));
    let (id, parent, progress, urls) = (
        at("id"),
        at("parent/id"),
        at("progress"),
        at("proposal_urls"),
    );
    let (start, end) = (at("start_date"), at("end_date"));
    at("status/id");
    at("category/id");
    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::new();
    for row in reader.records() {
        let row = row.expect("a well-formed row");
        assert_eq!(row.len(), header.len(), "{row:?}");
        assert!(!row[title].trim().is_empty(), "no default title: {row:?}");
        assert!(
            !row[description].trim().is_empty(),
            "no default description: {row:?}"
        );
        let own: u64 = row[id].parse().expect("a numeric id");
        if !row[parent].is_empty() {
            assert!(
                seen.contains(&row[parent].parse::<u64>().expect("a numeric parent")),
                "parent not yet read: {row:?}"
            );
        }
        seen.insert(own);
        if !row[progress].is_empty() {
            let value: f64 = row[progress].parse().expect("a number");
            assert!((0.0..=100.0).contains(&value), "{row:?}");
        }
        for date in [&row[start], &row[end]] {
            if !date.is_empty() {
                let parts: Vec<&str> = date.split('-').collect();
                assert!(
                    parts.len() == 3
                        && parts[0].len() == 4
                        && parts.iter().all(|p| p.parse::<u32>().is_ok()),
                    "{date}"
                );
            }
        }
        if !row[urls].is_empty() {
            for url in row[urls].split(';') {
                assert!(url.starts_with("https://") && !url.contains(' '), "{url}");
                let last = url.rsplit('/').next().unwrap_or_default();
                assert!(
                    last.parse::<u64>().is_ok(),
                    "{url} does not end with the proposal's id"
                );
            }
        }
        rows.push(row);
    }
    rows
}

#[test]
fn decidim_accountability_export_passes_the_importers_rules() {
    let plan = implementing_plan();
    let output = plan.obert(&["export", "--format", "decidim-accountability"]);
    let text = ok(&output);
    assert_private(&text);
    insta::assert_snapshot!("decidim_accountability", text);
    let rows = replay_decidim_import(&text, b';', "ca");
    assert_eq!(rows.len(), 6);
    let header = text.lines().next().unwrap_or_default();
    assert!(
        header.starts_with(
            "id;category/id;scope/id;parent/id;title/ca;title/en;description/ca;description/en;"
        ),
        "{header}"
    );
    // Commitment a took up proposals 1 and 12, in the plan's order.
    assert!(
        text.contains("https://example.org/processos/pla/proposals/1;https://example.org/processos/pla/proposals/12"),
        "{text}"
    );
    assert!(
        stderr(&output).contains("6 results for Decidim, with 2 proposals linked"),
        "{}",
        show(&output)
    );

    // With `,` between fields, and the proposals component named.
    let comma = ok(&plan.obert(&[
        "export",
        "--format",
        "decidim-accountability",
        "--separator",
        ",",
        "--proposals-url",
        "https://decidim.example.org/processes/pla/f/7/",
    ]));
    let rows = replay_decidim_import(&comma, b',', "ca");
    assert_eq!(rows.len(), 6);
    assert!(
        comma.contains("https://decidim.example.org/processes/pla/f/7/proposals/12"),
        "{comma}"
    );
}

#[test]
fn decidim_export_needs_numbered_commitments() {
    let plan = implementing_plan();
    plan.replace("commitments/b.md", "number = 2\n", "");
    let output = plan.obert(&["export", "--format", "decidim-accountability"]);
    assert_eq!(code(&output), 2, "{}", show(&output));
    assert!(
        stderr(&output).contains("commitment `b` has no number"),
        "{}",
        show(&output)
    );
}
