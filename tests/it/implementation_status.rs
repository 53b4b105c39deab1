//! `obert status --implementation` on the fixture plan in implementation, with reports on
//! two milestones and the forum's follow-up, and what `check` says of progress files whose
//! references lead nowhere or that cannot be read.

use crate::support::{TempPlan, check_json, ok};

/// The fixture plan being carried out, with a second report on commitment `a` (milestone
/// 1.2, by its id-less number, with one evidence link), a report on `b` as a whole, and one
/// follow-up meeting of the forum.
fn implementing() -> TempPlan {
    let plan = TempPlan::valid();
    plan.replace(
        "plan.toml",
        "stage = \"co-creation\"",
        "stage = \"implementation\"",
    );
    plan.append(
        "progress/a.toml",
        "\n[[report]]\ndate = 2022-11-10\nmilestone = \"1.2\"\nstatus = \"limited\"\nnote = \"Portal en proves.\"\nevidence = [\"https://example.org/pla/portal-proves\"]\n",
    );
    plan.write(
        "progress/b.toml",
        "[[report]]\ndate = 2022-10-01\nstatus = \"not-started\"\nnote = \"Pendent del pressupost.\"\n",
    );
    plan.replace(
        "spaces/forum.toml",
        "materials-published = 2021-05-20\n",
        "materials-published = 2021-05-20\n\n[[meeting]]\nid = \"f1\"\ndate = 2022-03-01\nkind = \"meeting\"\nminutes = \"https://example.org/actes/f1\"\n",
    );
    plan
}

/// The `Implementation` section of `status`, up to the line `check` ends the report with.
fn section(output: &str) -> &str {
    let start = output
        .find("Implementation\n")
        .expect("an Implementation section");
    let end = output.rfind("\ncheck: ").expect("the check line");
    &output[start..end]
}

#[test]
fn status_shows_each_milestone_the_last_publication_and_the_forum_follow_up() {
    let plan = implementing();
    let output = ok(&plan.obert(&["--today", "2022-12-15", "status", "--implementation"]));
    let expected = "\
Implementation
commitment 1 “Compromís a” (`a`): 2 reports, the latest of 2022-11-10 (limited)
+--------------+------------+-------------+------------+----------+----------+
| Milestone    | Due        | Status      | Reported   | Overdue  | Evidence |
+============================================================================+
| 1.1 Diagnosi | 2022-06-30 | substantial | 2022-06-15 | 168 days | 2        |
| 1.2 Portal   | 2023-03-31 | limited     | 2022-11-10 | -        | 1        |
+--------------+------------+-------------+------------+----------+----------+

commitment 2 “Compromís b” (`b`): 1 report, the latest of 2022-10-01 (not-started)
+--------------+------------+----------------------------+----------+----------+----------+
| Milestone    | Due        | Status                     | Reported | Overdue  | Evidence |
+=========================================================================================+
| 2.1 Diagnosi | 2022-06-30 | not-started (front matter) | -        | 168 days | 0        |
| 2.2 Portal   | 2023-03-31 | -                          | -        | -        | 0        |
+--------------+------------+----------------------------+----------+----------+----------+

last publication of progress: 2022-07-01, https://example.org/pla/seguiment, 167 days ago (the plan asks for one every 122 days)
forum follow-up in this year of implementation (2022-12-01 to 2023-05-31): 0 meetings of the 1 OGP asks for
";
    assert_eq!(section(&output), expected, "{output}");
    // Without the option, status says nothing of implementation.
    let plain = ok(&plan.obert(&["--today", "2022-12-15", "status"]));
    assert!(!plain.contains("Implementation\n"), "{plain}");
}

#[test]
fn status_counts_the_follow_up_of_the_current_year_and_dates_it() {
    let plan = implementing();
    let output = ok(&plan.obert(&["--today", "2022-09-01", "status", "--implementation"]));
    assert!(
        output.contains("forum follow-up in this year of implementation (2021-12-01 to 2022-11-30): 1 meeting of the 2 OGP asks for: 2022-03-01 `forum/f1`\n"),
        "{output}"
    );
    assert!(
        output.contains("| 1.1 Diagnosi | 2022-06-30 | substantial | 2022-06-15 | 63 days |"),
        "{output}"
    );
    // Once implementation is over, the last year is the one shown.
    let output = ok(&plan.obert(&["--today", "2026-12-01", "status", "--implementation"]));
    assert!(
        output.contains("forum follow-up in the last year of implementation (2022-12-01 to 2023-05-31): 0 meetings of the 1 OGP asks for\n"),
        "{output}"
    );
    // Once the plan is closed, lateness is counted to the day implementation ended.
    plan.replace(
        "plan.toml",
        "stage = \"implementation\"",
        "stage = \"closed\"",
    );
    let output = ok(&plan.obert(&["--today", "2026-12-01", "status", "--implementation"]));
    assert!(output.contains("| Late at the end |"), "{output}");
    assert!(
        output
            .contains("| 1.2 Portal   | 2023-03-31 | limited     | 2022-11-10 | 61 days         |"),
        "{output}"
    );
}

/// The rules that the fixture's reports make fire on a given day, as (rule, file, line).
fn findings(plan: &TempPlan) -> Vec<(String, String, u64)> {
    let (_, json) = check_json(plan);
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["allowed"].is_null())
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["plan_file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn references_of_progress_files_must_lead_somewhere() {
    let plan = TempPlan::valid();
    plan.replace("progress/a.toml", "milestone = \"1\"", "milestone = \"9\"");
    plan.replace(
        "progress/a.toml",
        "by = \"ajuntament\"",
        "by = \"ajuntamen\"",
    );
    plan.replace("progress/a.toml", "forum/p1", "forum/p9");
    plan.write(
        "progress/zz.toml",
        "[[report]]\ndate = 2022-06-15\nstatus = \"limited\"\ndiscussed-at = \"forum\"\n",
    );
    let (code, json) = check_json(&plan);
    assert_eq!(code, 1, "{json:#}");
    let found: Vec<(&str, u64, &str)> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["plan_file"].as_str().unwrap_or_default(),
                f["line"].as_u64().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "progress/a.toml",
                4,
                "commitment 1 “Compromís a” has no milestone `9`"
            ),
            ("progress/a.toml", 9, "there is no organisation `ajuntamen`"),
            ("progress/a.toml", 10, "space `forum` has no meeting `p9`"),
            (
                "progress/zz.toml",
                1,
                "`progress/zz.toml` is named after no commitment: there is no commitment `zz`"
            ),
        ],
        "{json:#}"
    );
    assert!(
        json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .all(|f| f["rule"] == "dangling-reference"),
        "{json:#}"
    );
    assert!(
        json["findings"][1]["help"]
            .as_str()
            .is_some_and(|help| help.contains("did you mean `ajuntament`?")),
        "{json:#}"
    );
}

#[test]
fn a_progress_file_that_cannot_be_read_leaves_its_commitment_unjudged() {
    let plan = implementing();
    plan.write("progress/a.toml", "[[report]\ndate = ");
    let found = findings(&plan);
    assert!(
        found
            .iter()
            .any(|(rule, file, _)| rule == "parse-error" && file == "progress/a.toml"),
        "{found:?}"
    );
    // Commitment a's milestones and reports are unknown: neither is reported as missing.
    assert!(
        !found.iter().any(|(rule, file, _)| {
            (rule == "progress-stale" || rule == "milestone-overdue") && file == "commitments/a.md"
        }),
        "{found:?}"
    );
    // Commitment b, whose file is fine, still is.
    assert!(
        found
            .iter()
            .any(|(rule, file, _)| rule == "milestone-overdue" && file == "commitments/b.md"),
        "{found:?}"
    );
}

#[test]
fn a_report_may_allow_a_rule_and_lints_may_switch_one_off() {
    let plan = TempPlan::valid();
    plan.replace("progress/a.toml", "date = 2022-06-15", "date = 2023-06-14");
    plan.append(
        "progress/a.toml",
        "allow = { report-after-end = \"The final figures came two weeks late.\" }\n",
    );
    let (code, json) = check_json(&plan);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["findings"][0]["rule"], "report-after-end", "{json:#}");
    assert_eq!(
        json["findings"][0]["allowed"], "The final figures came two weeks late.",
        "{json:#}"
    );

    let plan = implementing();
    plan.append(
        "plan.toml",
        "\n[lints]\nmilestone-overdue = \"allow\"\npublication-gap = \"error\"\n",
    );
    let found = findings(&plan);
    assert!(
        !found.iter().any(|(rule, ..)| rule == "milestone-overdue"),
        "{found:?}"
    );
    let (code, json) = check_json(&plan);
    assert_eq!(code, 1, "{json:#}");
    assert!(
        json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| f["rule"] == "publication-gap" && f["severity"] == "error"),
        "{json:#}"
    );
}

#[test]
fn time_rules_wait_for_their_day() {
    // On 2022-03-15 nothing is due yet, implementation began 104 days ago (a local plan
    // publishes and reports every 122), and no year of implementation is over: the plan in
    // implementation is clean of every implementation rule.
    let plan = implementing();
    let output = plan.obert(&["--today", "2022-03-15", "check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    for rule in [
        "milestone-overdue",
        "progress-stale",
        "publication-gap",
        "forum-followup-count",
    ] {
        assert!(!rules.contains(&rule), "{rule} in {rules:?}");
    }
    // Two months later, with no publication of progress yet, the gap shows.
    let output = plan.obert(&["--today", "2022-05-15", "check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let gap = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "publication-gap")
        .unwrap_or_else(|| panic!("{json:#}"));
    assert_eq!(
        gap["message"],
        "the plan went 165 days without publishing its progress, from the start of implementation (2021-12-01) to today (2022-05-15), with no publication recorded: the plan asks for a publication every 122 days (`[rules] progress-days`)"
    );
    assert_eq!(gap["plan_file"], "plan.toml");
}

/// Progress notes and assessments are published on the progress page and in the reports, so
/// `personal-data` reads them as it reads every published text, pointing at the address.
#[test]
fn contact_details_in_a_progress_note_or_an_assessment_are_personal_data() {
    let plan = TempPlan::valid();
    plan.append(
        "progress/a.toml",
        "\n[[report]]\ndate = 2022-11-10\nstatus = \"limited\"\nnote = \"Dubtes: portal@example.org\"\n",
    );
    plan.replace(
        "assessments/a.toml",
        "note = \"Verificable;",
        "note = \"Contacte 600 123 456. Verificable;",
    );
    let (code, report) = check_json(&plan);
    assert_eq!(code, 1, "{report}");
    let found: Vec<(String, u64)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "personal-data")
        .map(|f| {
            (
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("plan/progress/a.toml".to_string(), 15),
            ("plan/assessments/a.toml".to_string(), 12),
        ],
        "{report}"
    );
    assert!(
        !report.to_string().contains("portal@example.org"),
        "{report}"
    );
}
