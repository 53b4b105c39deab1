//! The online space after the import: listing contributions by what they are still owed,
//! and the co-creation standards report (the answers file for Decidim is `answers`').

use std::path::Path;

use crate::support::{SHIPPED_PLAN, TempPlan, obert_in, ok};

#[test]
fn contributions_are_listed_by_phase_and_by_what_they_are_owed() {
    let plan = TempPlan::valid();
    // The first proposal loses its response.
    plan.replace(
        "contributions/eixos.toml",
        "[contribution.response]\nstatus = \"accepted\"\nby = \"motor\"\ndate = 2021-10-27\n\n",
        "",
    );
    let all = ok(&plan.obert(&["contribution", "list", "--format", "csv"]));
    let open = ok(&plan.obert(&["contribution", "list", "--unanswered", "--format", "csv"]));
    assert_eq!(all.lines().count(), 4, "{all}");
    assert_eq!(open.lines().count(), 2, "{open}");
    assert!(open.contains("TEST-PROP-2021-05-0001"), "{open}");
    let json: serde_json::Value = serde_json::from_str(&ok(&plan.obert(&[
        "contribution",
        "list",
        "--phase",
        "eixos",
        "--format",
        "json",
    ])))
    .expect("JSON");
    assert_eq!(json.as_array().map(Vec::len), Some(3));
    let none = ok(&plan.obert(&[
        "contribution",
        "list",
        "--phase",
        "retorn",
        "--format",
        "json",
    ]));
    assert_eq!(none.trim(), "[]");
}

#[test]
fn status_reports_the_co_creation_standards() {
    let out = ok(&obert_in(
        Path::new(SHIPPED_PLAN).parent().expect("repository"),
        &["--plan", "plan", "status", "--standards"],
    ));
    let section = &out[out.find("Co-creation standards").expect("the section")..];
    for line in [
        "4. A reasoned response to every contribution",
        "31 of 31 contributions answered",
        "Inception: the forum is multi-stakeholder",
        "agora: 32 government and 36 civil-society members",
        "not recorded",
    ] {
        assert!(section.contains(line), "`{line}` missing:\n{section}");
    }

    // An unanswered contribution and a forum that stops meeting show up as not met.
    let plan = TempPlan::copy_of(Path::new(SHIPPED_PLAN));
    let eixos = plan.read("contributions/eixos.toml");
    let first = eixos.find("[contribution.response]").expect("a response");
    let end = eixos[first..].find("\n\n").expect("its end") + first;
    plan.write(
        "contributions/eixos.toml",
        format!("{}{}", &eixos[..first], &eixos[end + 2..]),
    );
    let out = ok(&plan.obert(&["status", "--standards"]));
    let row = out
        .lines()
        .find(|l| l.contains("4. A reasoned response"))
        .expect("standard 4");
    assert!(row.contains("not met"), "{row}");
    assert!(out.contains("30 of 31 contributions answered"), "{out}");
}

#[test]
fn today_can_be_fixed_for_repeatable_checks() {
    let plan = TempPlan::valid();
    plan.replace(
        "spaces/motor.toml",
        "minutes = \"https://example.org/actes/motor-m1\"\n",
        "",
    );
    // The meeting of 2021-05-10 has no minutes: a finding once it is past, not before.
    let before = plan.obert(&["--today", "2021-05-09", "check", "--format", "json"]);
    let after = plan.obert(&["--today", "2021-05-11", "check", "--format", "json"]);
    assert!(!String::from_utf8_lossy(&before.stdout).contains("meeting-without-minutes"));
    assert!(String::from_utf8_lossy(&after.stdout).contains("meeting-without-minutes"));
    // A response recorded without --date takes the fixed day.
    let output = plan.obert(&[
        "--today",
        "2021-10-30",
        "contribution",
        "respond",
        "TEST-PROP-2021-05-0001",
        "--status",
        "accepted",
    ]);
    assert!(output.status.success());
    assert!(
        plan.read("contributions/eixos.toml")
            .contains("date = 2021-10-30")
    );
    let bad = plan.obert(&["--today", "2021-02-30", "check"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn the_meeting_rules_read_their_numbers_from_plan_toml() {
    let plan = TempPlan::valid();
    plan.replace(
        "spaces/forum.toml",
        "materials-published = 2021-05-20",
        "materials-published = 2021-05-28",
    );
    let findings = |plan: &TempPlan| {
        String::from_utf8_lossy(&plan.obert(&["check", "--format", "json"]).stdout).into_owned()
    };
    // Published four days ahead: late by the default of seven days…
    assert!(findings(&plan).contains("materials-late"));
    // …and in time for a process that asks for three.
    let output = plan.obert(&["plan", "set", "rules.materials-days", "3"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!findings(&plan).contains("materials-late"));
    assert!(
        plan.read("plan.toml")
            .contains("[rules]\ncommitments = 2\nmaterials-days = 3\n")
    );
}
