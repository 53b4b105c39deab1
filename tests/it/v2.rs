//! Format version 2: a process unlike the Catalan one says itself in its own files. A space
//! that serves as another kind, a space's own numbers, balance by parity or at least,
//! members who do not count, civil-society co-leads, public workshops, and exceptions with
//! their reasons, reported as allowed in every format.

use crate::support::{TempPlan, check_json, stdout};

/// The findings of `rule` in a `check --format json`, as (plan file, message, allowed).
fn findings(json: &serde_json::Value, rule: &str) -> Vec<(String, String, Option<String>)> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["plan_file"].as_str().expect("a file").to_string(),
                f["message"].as_str().expect("a message").to_string(),
                f["allowed"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// The valid plan with `c2`, who is not in the forum, attending its plenary.
fn outsider_attends() -> TempPlan {
    let plan = TempPlan::valid();
    plan.replace(
        "spaces/forum.toml",
        "attendees = [\"g1\", \"c3\"]",
        "attendees = [\"g1\", \"c3\", \"c2\"]",
    );
    plan
}

#[test]
fn an_allow_with_its_reason_keeps_a_finding_apart_in_every_format() {
    let plan = outsider_attends();
    let (code, json) = check_json(&plan);
    assert_eq!(code, 0, "a warning alone does not fail");
    assert_eq!(findings(&json, "attendee-not-member").len(), 1);

    let reason = "Deputises for c1, who could not come.";
    plan.replace(
        "spaces/forum.toml",
        "attendees = [\"g1\", \"c3\", \"c2\"]",
        &format!(
            "attendees = [\"g1\", \"c3\", \"c2\"]\nallow = {{ attendee-not-member = \"{reason}\" }}"
        ),
    );
    let (code, json) = check_json(&plan);
    assert_eq!(code, 0);
    assert_eq!(
        findings(&json, "attendee-not-member"),
        [(
            "spaces/forum.toml".to_string(),
            "`c2` attended meeting `p1` but was not a member of `forum` on 2021-06-01".to_string(),
            Some(reason.to_string())
        )]
    );
    assert_eq!(json["counts"]["allowed"], 1);
    assert_eq!(json["counts"]["warnings"], 0);

    // Human output: not listed, but counted, and listed with its reason on request.
    let output = plan.obert(&["check", "--deny-warnings"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "an allowed finding is no warning"
    );
    let text = stdout(&output);
    assert!(!text.contains("attendee-not-member"), "{text}");
    assert!(
        text.contains(" files: no findings; 1 allowed with a reason"),
        "{text}"
    );
    let text = stdout(&plan.obert(&["check", "--show-allowed"]));
    assert!(text.contains("note[attendee-not-member]"), "{text}");
    assert!(text.contains(&format!("allowed here: {reason}")), "{text}");

    // SARIF carries it as an in-source suppression with the reason; GitHub shows nothing.
    let sarif: serde_json::Value =
        serde_json::from_slice(&plan.obert(&["check", "--format", "sarif"]).stdout).expect("SARIF");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "attendee-not-member");
    assert_eq!(
        result["suppressions"],
        serde_json::json!([{ "kind": "inSource", "justification": reason }])
    );
    let github = stdout(&plan.obert(&["check", "--format", "github"]));
    assert!(!github.contains("attendee-not-member"), "{github}");
}

/// What each format shows of allowed findings, whole: one in a meeting entry and one for a
/// whole file, beside a finding that is not allowed.
#[test]
fn allowed_findings_in_every_format() {
    let plan = outsider_attends();
    plan.replace(
        "spaces/forum.toml",
        "attendees = [\"g1\", \"c3\", \"c2\"]",
        "attendees = [\"g1\", \"c3\", \"c2\"]\nallow = { attendee-not-member = \"Deputises for c1, who could not come.\" }",
    );
    // A whole file's exception, at its top: gt-b's session is left out, as held jointly.
    plan.replace(
        "spaces/gt-b.toml",
        "kind = \"working-group\"",
        "allow = { session-count = \"Its sessions were joint with gt-a's, recorded there.\" }\nkind = \"working-group\"",
    );
    let session = plan.read("spaces/gt-b.toml");
    let start = session.find("[[meeting]]").expect("gt-b has a meeting");
    plan.write("spaces/gt-b.toml", &session[..start]);
    // And one finding that stands: a plenary's minutes go missing.
    plan.replace(
        "spaces/forum.toml",
        "minutes = \"minutes/forum-p1.md\"\n",
        "",
    );

    let human = stdout(&plan.obert(&["check", "--show-allowed"]));
    insta::assert_snapshot!("allowed_human", human);
    let (_, json) = check_json(&plan);
    insta::assert_json_snapshot!("allowed_json", (&json["findings"], &json["counts"]));
    let sarif: serde_json::Value =
        serde_json::from_slice(&plan.obert(&["check", "--format", "sarif"]).stdout).expect("SARIF");
    insta::assert_json_snapshot!("allowed_sarif", sarif["runs"][0]["results"]);
    let github = stdout(&plan.obert(&["check", "--format", "github"]));
    insta::assert_snapshot!("allowed_github", github);
}

#[test]
fn an_allow_covers_its_own_entry_or_at_the_top_of_a_file_the_whole_file() {
    // In another meeting's entry, the exception covers nothing and is reported.
    let plan = outsider_attends();
    plan.replace(
        "spaces/forum.toml",
        "kind = \"forum\"",
        "kind = \"forum\"\nallow = { attendee-not-member = \"Substitutes attend for members.\" }",
    );
    let (_, json) = check_json(&plan);
    let allowed = findings(&json, "attendee-not-member");
    assert_eq!(
        allowed[0].2.as_deref(),
        Some("Substitutes attend for members.")
    );
    assert!(findings(&json, "unused-allow").is_empty());

    let plan = outsider_attends();
    plan.replace(
        "spaces/forum.toml",
        "[[member]]\nperson = \"g1\"",
        "[[member]]\nperson = \"g1\"\nallow = { attendee-not-member = \"Not here.\" }",
    );
    let (_, json) = check_json(&plan);
    assert_eq!(findings(&json, "attendee-not-member")[0].2, None);
    assert_eq!(
        findings(&json, "unused-allow"),
        [(
            "spaces/forum.toml".to_string(),
            "`attendee-not-member` is allowed here, but has no finding here to allow".to_string(),
            None
        )]
    );
}

#[test]
fn an_allow_needs_a_rule_that_may_be_allowed_and_a_reason() {
    let plan = TempPlan::valid();
    plan.replace(
        "people.toml",
        "name = \"Gemma Pública\"",
        "name = \"Gemma Pública\"\nallow = { dangling-reference = \"x\", person-without-sectr = \"y\", personal-data = \" \" }",
    );
    let (code, json) = check_json(&plan);
    assert_eq!(code, 1);
    let messages =
        |rule: &str| -> Vec<String> { findings(&json, rule).into_iter().map(|f| f.1).collect() };
    assert_eq!(
        messages("invalid-value"),
        [
            "`dangling-reference` is a fixed rule: it cannot be allowed",
            "the reason to allow `personal-data` is empty"
        ]
    );
    assert_eq!(
        messages("unknown-field"),
        ["`allow` names `person-without-sectr`, which is not a rule"]
    );
}

#[test]
fn a_steering_group_that_serves_as_the_forum_is_counted_and_judged_as_both() {
    let plan = TempPlan::valid();
    std::fs::remove_file(plan.path("spaces/forum.toml")).expect("removed");
    let (_, json) = check_json(&plan);
    let missing: Vec<String> = findings(&json, "space-missing")
        .into_iter()
        .map(|f| f.1)
        .collect();
    assert_eq!(missing, ["the plan has no forum"]);

    plan.replace(
        "spaces/motor.toml",
        "kind = \"steering-group\"",
        "kind = \"steering-group\"\nserves-as = [\"forum\"]\n\n[rules.forum]\nmembers = 4\nplenaries = 2",
    );
    let (_, json) = check_json(&plan);
    assert!(findings(&json, "space-missing").is_empty(), "{json:#}");
    // The forum's rules, with the space's own numbers: its one meeting is no plenary.
    let plenaries: Vec<String> = findings(&json, "plenary-count")
        .into_iter()
        .map(|f| f.1)
        .collect();
    assert_eq!(
        plenaries,
        ["record 2 plenaries more in `motor`: it has 0 plenaries, the plan asks for 2"]
    );
    let status = stdout(&plan.obert(&["status"]));
    let row = status
        .lines()
        .find(|line| line.contains("| motor "))
        .expect("a row for motor");
    assert!(row.contains("2/2 gov, 2/2 civ; 4 (expects 4)"), "{row}");
    assert!(row.contains("0/2 plenaries, 1 other"), "{row}");
}

/// The valid plan without its forum, the steering group `motor` serving as the forum with
/// `numbers` of its own, and `meetings` appended to its file.
fn motor_as_the_forum(numbers: &str, meetings: &str) -> TempPlan {
    let plan = TempPlan::valid();
    std::fs::remove_file(plan.path("spaces/forum.toml")).expect("removed");
    plan.replace(
        "spaces/motor.toml",
        "kind = \"steering-group\"",
        &format!("kind = \"steering-group\"\nserves-as = [\"forum\"]\n\n[rules.forum]\n{numbers}"),
    );
    plan.write(
        "spaces/motor.toml",
        plan.read("spaces/motor.toml") + meetings,
    );
    plan
}

#[test]
fn a_space_that_serves_as_the_forum_keeps_the_forums_meeting_rules() {
    // During implementation: the forum's gap between meetings, by the space's own number.
    let plan = motor_as_the_forum(
        "members = 4\nmeeting-gap-days = 100",
        "\n[[meeting]]\nid = \"f1\"\ndate = 2022-02-01\nkind = \"plenary\"\nminutes = \"https://example.org/f1\"\n\n\
         [[meeting]]\nid = \"f2\"\ndate = 2022-07-01\nkind = \"plenary\"\nminutes = \"https://example.org/f2\"\n",
    );
    plan.replace(
        "plan.toml",
        "stage = \"co-creation\"",
        "stage = \"implementation\"",
    );
    let (_, json) = check_json(&plan);
    let gaps: Vec<String> = findings(&json, "forum-meeting-gap")
        .into_iter()
        .map(|f| f.1)
        .collect();
    assert_eq!(
        gaps,
        [
            // In the order of the file: the space's own line first, then the meeting's.
            "forum `motor` went 334 days without meeting, from meeting `f2` (2022-07-01) to the end of implementation (2023-05-31): more than 100 days",
            "forum `motor` went 150 days without meeting, from meeting `f1` (2022-02-01) to meeting `f2` (2022-07-01): more than 100 days",
        ],
        "{json:#}"
    );

    // During co-creation: the forum's plenaries fall inside the co-creation period.
    let plan = motor_as_the_forum(
        "members = 4\nplenaries = 1",
        "\n[[meeting]]\nid = \"p1\"\ndate = 2021-11-15\nkind = \"plenary\"\nminutes = \"https://example.org/p1\"\n",
    );
    let (_, json) = check_json(&plan);
    let outside: Vec<String> = findings(&json, "meeting-outside-cocreation")
        .into_iter()
        .map(|f| f.1)
        .collect();
    assert_eq!(
        outside,
        [
            "plenary `p1` of `motor` is on 2021-11-15, outside the co-creation period (2021-05-01 to 2021-10-31)"
        ],
        "{json:#}"
    );
}

#[test]
fn a_space_that_does_not_play_a_kind_has_no_numbers_for_it() {
    let plan = TempPlan::valid();
    plan.write(
        "spaces/gt-a.toml",
        plan.read("spaces/gt-a.toml") + "\n[rules.forum]\nmembers = 3\n",
    );
    let (code, json) = check_json(&plan);
    assert_eq!(code, 1);
    let messages: Vec<String> = findings(&json, "invalid-value")
        .into_iter()
        .map(|f| f.1)
        .collect();
    assert_eq!(
        messages,
        ["`[rules.forum]` sets numbers for a forum, but `gt-a` neither is one nor serves as one"]
    );
}

#[test]
fn a_space_has_numbers_of_its_own() {
    let plan = TempPlan::valid();
    let output = plan.obert(&["space", "set", "gt-a", "rules.working-group.sessions", "2"]);
    assert!(
        output.status.success(),
        "{}",
        crate::support::stderr(&output)
    );
    assert!(
        plan.read("spaces/gt-a.toml")
            .contains("\n[rules.working-group]\nsessions = 2\n"),
        "{}",
        plan.read("spaces/gt-a.toml")
    );
    let (_, json) = check_json(&plan);
    let sessions = findings(&json, "session-count");
    assert_eq!(
        sessions,
        [(
            "spaces/gt-a.toml".to_string(),
            "record 1 session more in `gt-a`: it has 1 session, the plan asks for 2".to_string(),
            None
        )]
    );
    let help = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "session-count")
        .and_then(|f| f["help"].as_str())
        .expect("a help")
        .to_string();
    assert!(
        help.contains("`[rules.working-group] sessions` in `spaces/gt-a.toml`"),
        "{help}"
    );
    // gt-b keeps plan.toml's number.
    assert!(sessions.iter().all(|f| f.0 != "spaces/gt-b.toml"));
}

#[test]
fn balance_by_parity_or_at_least() {
    let plan = TempPlan::valid();
    // A third civil-society member: 2 + 3.
    plan.replace(
        "spaces/motor.toml",
        "[[member]]\nperson = \"c2\"\n",
        "[[member]]\nperson = \"c2\"\n\n[[member]]\nperson = \"c3\"\n",
    );
    let balance = |plan: &TempPlan| -> Vec<String> {
        let (_, json) = check_json(plan);
        findings(&json, "steering-group-balance")
            .into_iter()
            .map(|f| f.1)
            .collect()
    };
    assert_eq!(
        balance(&plan),
        [
            "remove 1 civil-society member from `motor`: it has 2 government and 3 civil-society members, the plan asks for 2 + 2"
        ]
    );
    plan.replace(
        "plan.toml",
        "civil-society = 2",
        "civil-society = 2\nbalance = \"at-least\"",
    );
    assert!(balance(&plan).is_empty());
    plan.replace(
        "plan.toml",
        "balance = \"at-least\"",
        "balance = \"parity\"",
    );
    assert_eq!(
        balance(&plan),
        [
            "add 1 government member to `motor`: it has 2 government and 3 civil-society members, the plan asks for as many on each side, at least 2 + 2"
        ]
    );
    let line = stdout(&plan.obert(&[
        "member", "add", "motor", "e1", "--role", "observer", "--counts", "false",
    ]));
    assert_eq!(
        line.trim(),
        "motor: 2/2+ government, 3/2+ civil society, parity, 1 not counted"
    );
    assert!(
        plan.read("spaces/motor.toml")
            .contains("person = \"e1\"\nrole = \"observer\"\ncounts = false\n")
    );
}

#[test]
fn members_who_do_not_count_are_recorded_but_not_counted() {
    let plan = TempPlan::valid();
    // A third civil-society person, as the secretariat: 2 + 2 still.
    plan.replace(
        "spaces/motor.toml",
        "[[member]]\nperson = \"c2\"\n",
        "[[member]]\nperson = \"c2\"\n\n[[member]]\nperson = \"c3\"\nrole = \"secretariat\"\ncounts = false\n",
    );
    let (code, json) = check_json(&plan);
    assert_eq!(code, 0, "{json:#}");
    assert!(findings(&json, "steering-group-balance").is_empty());
    let status = stdout(&plan.obert(&["status"]));
    assert!(
        status.contains("2/2 gov, 2/2 civ, 1 not counted"),
        "{status}"
    );
}

#[test]
fn a_civil_society_co_lead_is_no_lead_that_breaks_a_rule() {
    let plan = TempPlan::valid();
    let output = plan.obert(&["commitment", "set", "a", "co-lead", "--add", "entitat"]);
    assert!(
        output.status.success(),
        "{}",
        crate::support::stderr(&output)
    );
    assert!(
        plan.read("commitments/a.md")
            .contains("co-lead = [\"entitat\"]\n")
    );
    let (code, json) = check_json(&plan);
    assert_eq!(code, 0, "{json:#}");
    // A co-lead must exist, like any organisation a commitment names.
    plan.replace(
        "commitments/a.md",
        "co-lead = [\"entitat\"]",
        "co-lead = [\"entitt\"]",
    );
    let (_, json) = check_json(&plan);
    assert_eq!(findings(&json, "dangling-reference").len(), 1);
    // A civil-society lead is still refused, with the way to make it a co-lead.
    let plan = TempPlan::valid();
    plan.replace(
        "commitments/a.md",
        "lead = [\"ajuntament\"]",
        "lead = [\"entitat\"]",
    );
    let (_, json) = check_json(&plan);
    let help = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "lead-not-government")
        .and_then(|f| f["help"].as_str())
        .expect("a help")
        .to_string();
    assert!(
        help.contains("obert commitment set a co-lead --add entitat"),
        "{help}"
    );
}

#[test]
fn a_public_workshop_counts_its_participants() {
    let plan = TempPlan::valid();
    let output = plan.obert(&[
        "meeting",
        "add",
        "online",
        "ws-1",
        "--date",
        "2021-05-20",
        "--kind",
        "workshop",
        "--title",
        "Taller obert",
        "--participants",
        "22",
    ]);
    assert!(
        output.status.success(),
        "{}",
        crate::support::stderr(&output)
    );
    assert!(
        plan.read("spaces/online.toml")
            .contains("kind = \"workshop\"\ntitle = \"Taller obert\"\nparticipants = 22\n"),
        "{}",
        plan.read("spaces/online.toml")
    );
    let (code, json) = check_json(&plan);
    assert!(code == 0, "{json:#}");
    let output = plan.obert(&["meeting", "set", "online", "ws-1", "participants", "25"]);
    assert!(
        output.status.success(),
        "{}",
        crate::support::stderr(&output)
    );
    let document = stdout(&plan.obert(&["render", "--format", "md", "--lang", "en", "-o", "-"]));
    assert!(document.contains("Taller obert"), "{document}");
    assert!(document.contains("Public workshop"), "{document}");
}
