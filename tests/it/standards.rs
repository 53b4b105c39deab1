//! `status --standards` and the document's standards chapter agree with `check`: every "not
//! met" names the rules whose findings make it so, those findings are in `check`'s output,
//! and the rules judge every space the same way (an online space's workshops, a space that
//! serves as the forum). Where the files cannot say, the verdict is "not recorded".

use std::collections::BTreeSet;

use crate::support::{TempPlan, check_json, ok, rule_fixtures};

/// One row of the standards table: its title, verdict and the rules named beside it.
#[derive(Debug, PartialEq, Eq)]
struct Row {
    title: String,
    verdict: String,
    rules: Vec<String>,
}

/// The rows of `obert status --standards`' table. A row's State cell spans lines: the verdict,
/// then, for "not met", the rules in parentheses.
fn status_rows(plan: &TempPlan) -> Vec<Row> {
    let text = ok(&plan.obert(&["status", "--standards"]));
    let table = text
        .split("Co-creation standards\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no standards table:\n{text}"));
    let mut rows: Vec<Row> = Vec::new();
    for line in table.lines().take_while(|l| !l.is_empty()) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, title, state, _evidence, _] = cells.as_slice() else {
            continue;
        };
        if *title == "Standard" {
            continue;
        }
        if !title.is_empty() {
            rows.push(Row {
                title: (*title).to_string(),
                verdict: (*state).to_string(),
                rules: Vec::new(),
            });
        } else if let Some(rules) = state.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
            let row = rows.last_mut().expect("a row before its rules");
            row.rules = rules.split(", ").map(str::to_string).collect();
        }
    }
    rows
}

/// The rows of the English Markdown document's standards chapter: "| title | Not met
/// (`rule`, `rule`) |".
fn document_rows(plan: &TempPlan) -> Vec<Row> {
    let text = ok(&plan.obert(&["render", "--format", "md", "--lang", "en", "-o", "-"]));
    let chapter = text
        .split("## OGP Participation and Co-Creation Standards\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no standards chapter:\n{text}"));
    let chapter = chapter.split("\n## ").next().unwrap_or_default();
    chapter
        .lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| Standard |"))
        .map(|line| {
            let cells: Vec<&str> = line.split(" | ").collect();
            let title = cells[0].trim_start_matches("| ").to_string();
            let state = cells[1].trim_end_matches(" |");
            let (verdict, rules) = match state.split_once(" (") {
                Some((verdict, rules)) => (
                    verdict,
                    rules
                        .trim_end_matches(')')
                        .split(", ")
                        .map(|r| r.trim_matches('`').to_string())
                        .collect(),
                ),
                None => (state, Vec::new()),
            };
            Row {
                title,
                verdict: verdict.to_lowercase(),
                rules,
            }
        })
        .collect()
}

/// The rules `check` reports a finding of (allowed findings left out).
fn rules_found(plan: &TempPlan) -> BTreeSet<String> {
    let (_, json) = check_json(plan);
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["allowed"].is_null())
        .map(|f| f["rule"].as_str().expect("a rule").to_string())
        .collect()
}

/// The report and the document say the same of `plan`, and each "not met" names rules that
/// `check` finds. Returns the status rows.
fn assert_agree(plan: &TempPlan, context: &str) -> Vec<Row> {
    let status = status_rows(plan);
    let document = document_rows(plan);
    let found = rules_found(plan);
    assert_eq!(status.len(), 9, "{context}: {status:?}");
    assert_eq!(document.len(), status.len(), "{context}: {document:?}");
    for (row, in_document) in status.iter().zip(&document) {
        assert_eq!(
            (&row.verdict, &row.rules),
            (&in_document.verdict, &in_document.rules),
            "{context}: the report and the document disagree on {}",
            row.title
        );
        if row.verdict == "not met" {
            assert!(!row.rules.is_empty(), "{context}: {row:?} names no rule");
        } else {
            assert!(row.rules.is_empty(), "{context}: {row:?}");
        }
        for rule in &row.rules {
            assert!(
                found.contains(rule),
                "{context}: {} is not met by `{rule}`, which check does not report ({found:?})",
                row.title
            );
        }
    }
    status
}

fn verdict_of<'r>(rows: &'r [Row], title_start: &str) -> &'r Row {
    rows.iter()
        .find(|row| row.title.starts_with(title_start))
        .unwrap_or_else(|| panic!("no row {title_start}: {rows:?}"))
}

#[test]
fn every_not_met_is_a_finding_of_check_for_every_rule_fixture() {
    let plan = TempPlan::valid();
    let rows = assert_agree(&plan, "the valid plan");
    assert!(rows.iter().all(|row| row.verdict != "not met"), "{rows:?}");
    let mut not_met = BTreeSet::new();
    for (rule, fixture) in rule_fixtures() {
        let plan = TempPlan::valid();
        fixture.apply_to(&plan);
        // A fixture that breaks a file so that it cannot be read makes `status` refuse.
        if !plan.obert(&["status"]).status.success() {
            continue;
        }
        for row in assert_agree(&plan, &rule) {
            not_met.extend(row.rules);
        }
    }
    // The fixtures of the rules that judge a standard make it "not met".
    for rule in [
        "meeting-without-minutes",
        "forum-meeting-gap",
        "materials-late",
        "contribution-unanswered",
        "session-count",
        "sector-missing",
    ] {
        assert!(not_met.contains(rule), "{rule} made no standard not met");
    }
}

#[test]
fn the_shipped_plan_meets_what_it_records_and_says_what_it_does_not() {
    let plan = TempPlan::copy_of(std::path::Path::new(crate::support::SHIPPED_PLAN));
    let rows = assert_agree(&plan, "the shipped plan");
    assert_eq!(verdict_of(&rows, "2.").verdict, "met");
    // The shipped plan does not record where the forum's rules are published.
    assert_eq!(verdict_of(&rows, "1.").verdict, "not recorded");
    assert_eq!(
        verdict_of(&rows, "Inception: non-government").verdict,
        "not recorded"
    );
}

#[test]
fn a_workshop_of_the_online_space_without_minutes_is_judged_like_any_meeting() {
    let plan = TempPlan::valid();
    let online = plan.read("spaces/online.toml");
    plan.write(
        "spaces/online.toml",
        format!(
            "{online}\n[[meeting]]\nid = \"ws-1\"\ndate = 2021-06-10\nkind = \"workshop\"\ntitle = \"Taller obert\"\nparticipants = 22\n"
        ),
    );
    let (_, json) = check_json(&plan);
    let finding = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "meeting-without-minutes")
        .unwrap_or_else(|| panic!("no finding: {json}"));
    assert_eq!(finding["plan_file"], "spaces/online.toml");
    assert!(
        finding["message"]
            .as_str()
            .is_some_and(|m| m.contains("meeting `ws-1` of `online`")),
        "{finding}"
    );
    let rows = assert_agree(&plan, "an online workshop without minutes");
    let row = verdict_of(&rows, "2.");
    assert_eq!(row.verdict, "not met");
    assert_eq!(row.rules, ["meeting-without-minutes"]);
    let text = ok(&plan.obert(&["status", "--standards"]));
    assert!(text.contains("public workshops"), "{text}");
}

#[test]
fn a_steering_group_serving_as_the_forum_is_judged_as_the_forum() {
    let plan = TempPlan::valid();
    // The forum goes; the steering group plays its part.
    std::fs::remove_file(plan.path("spaces/forum.toml")).expect("removable");
    plan.replace(
        "spaces/motor.toml",
        "kind = \"steering-group\"\n",
        "kind = \"steering-group\"\nserves-as = [\"forum\"]\nrules-url = \"https://example.org/rules\"\n\n[rules.forum]\nmembers = 4\nplenaries = 0\nsectors = [\"public-administration\", \"open-government-entity\"]\n",
    );
    let found = rules_found(&plan);
    assert!(!found.contains("space-missing"), "{found:?}");
    let rows = assert_agree(&plan, "a steering group serving as the forum");
    assert_eq!(
        verdict_of(&rows, "Inception: a forum exists").verdict,
        "met"
    );
    assert_eq!(
        verdict_of(&rows, "Inception: the forum is multi").verdict,
        "met"
    );
    let text = ok(&plan.obert(&["status", "--standards"]));
    assert!(
        text.contains("motor (steering-group, serving as the forum)"),
        "{text}"
    );

    // Without it, nothing plays the forum: `space-missing` says so, and the report with it.
    plan.replace("spaces/motor.toml", "serves-as = [\"forum\"]\n", "");
    plan.replace("spaces/motor.toml", "[rules.forum]\nmembers = 4\nplenaries = 0\nsectors = [\"public-administration\", \"open-government-entity\"]\n", "");
    let rows = assert_agree(&plan, "no space playing the forum");
    for title in ["1.", "Inception: a forum exists"] {
        let row = verdict_of(&rows, title);
        assert_eq!(
            (row.verdict.as_str(), row.rules.as_slice()),
            ("not met", ["space-missing".to_string()].as_slice()),
            "{row:?}"
        );
    }
}

#[test]
fn a_rule_switched_off_leaves_its_standard_not_recorded_and_says_why() {
    let plan = TempPlan::valid();
    plan.replace(
        "spaces/forum.toml",
        "minutes = \"minutes/forum-p1.md\"\n",
        "",
    );
    let rows = assert_agree(&plan, "a meeting without minutes");
    assert_eq!(verdict_of(&rows, "2.").verdict, "not met");

    plan.write(
        "plan.toml",
        plan.read("plan.toml") + "\n[lints]\nmeeting-without-minutes = \"allow\"\n",
    );
    let rows = assert_agree(&plan, "meeting-without-minutes switched off");
    assert_eq!(verdict_of(&rows, "2.").verdict, "not recorded");
    let text = ok(&plan.obert(&["status", "--standards"]));
    assert!(
        text.contains("`meeting-without-minutes` is switched off in `[lints]`"),
        "{text}"
    );
}

#[test]
fn an_allowed_finding_does_not_fail_its_standard_and_its_reason_is_shown() {
    let plan = TempPlan::valid();
    let reason = "The plenary was recorded on video; no minutes were written.";
    plan.replace(
        "spaces/forum.toml",
        "minutes = \"minutes/forum-p1.md\"\n",
        &format!("allow = {{ meeting-without-minutes = \"{reason}\" }}\n"),
    );
    let rows = assert_agree(&plan, "an allowed meeting without minutes");
    assert_ne!(verdict_of(&rows, "2.").verdict, "not met");
    let text = ok(&plan.obert(&["status", "--standards"]));
    assert!(
        text.contains("  allowed: The plenary was recorded on video"),
        "{text}"
    );
}
