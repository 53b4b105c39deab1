//! `obert status`, `obert list` and `obert show`: what a user sees of the shipped plan, the
//! errors that guide them, and the privacy rule that no view may break.

use std::path::Path;
use std::process::Output;

use crate::support::{
    ROOT, SHIPPED_PLAN, TempPlan, code, obert_in, ok, plan_with_genders,
    plan_with_one_hidden_gender, stderr, stdout,
};

/// Runs obert on the shipped plan, which these tests only read.
fn shipped(args: &[&str]) -> Output {
    obert_in(Path::new(ROOT), &[&["--plan", SHIPPED_PLAN], args].concat())
}

/// The table row whose first cell is `id`.
fn row<'a>(text: &'a str, id: &str) -> &'a str {
    text.lines()
        .find(|line| line.starts_with(&format!("| {id} ")))
        .unwrap_or_else(|| panic!("no row for `{id}` in:\n{text}"))
}

#[test]
fn status_shows_each_space_against_its_rules() {
    let out = ok(&shipped(&["status"]));
    assert!(
        out.starts_with("Pla d'acció OGP Catalunya 2021-2023\n"),
        "{out}"
    );
    assert!(out.contains("member Catalunya, stage closed"), "{out}");
    assert!(
        out.contains("co-creation 2021-05-01 to 2021-10-31"),
        "{out}"
    );

    let steering = row(&out, "grup-motor");
    assert!(steering.contains("5/5 gov, 5/5 civ"), "{steering}");
    assert!(steering.contains("| ok "), "{steering}");
    let forum = row(&out, "agora");
    assert!(forum.contains("68 (expects 68)"), "{forum}");
    assert!(forum.contains("3/3 plenaries"), "{forum}");
    let groups: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("| working-group "))
        .collect();
    assert_eq!(groups.len(), 5, "{out}");
    for group in groups {
        assert!(
            group.contains("(15-20)") && group.contains("3/3 sessions"),
            "{group}"
        );
    }
    assert!(row(&out, "participa").contains("| online "), "{out}");

    assert!(out.contains("Commitments: 5, the plan asks for 5"), "{out}");
    for id in [
        "model-participacio",
        "plans-integritat",
        "dades-ods",
        "dades-obertes-locals",
        "informacio-comprensible",
    ] {
        assert!(out.contains(&format!("| {id} ")), "{id} missing:\n{out}");
    }
    assert!(row(&out, "eixos").contains("| 21 "), "{out}");
    assert!(out.ends_with("check: 0 errors, 0 warnings\n"), "{out}");
    // Not a terminal: plain ASCII lines, so pipes, logs and snapshots stay stable.
    assert!(!out.contains('│') && !out.contains('─'), "{out}");
}

#[test]
fn status_says_which_way_a_space_misses_and_still_exits_0() {
    let plan = TempPlan::copy_of(Path::new(SHIPPED_PLAN));
    plan.replace(
        "spaces/grup-motor.toml",
        "[[member]]\nperson = \"diba-1\"",
        "[[member]]\nperson = \"diba-1\"\nuntil = 2021-09-30",
    );
    let out = ok(&plan.obert(&["status"]));
    let steering = row(&out, "grup-motor");
    assert!(steering.contains("4/5 gov, 5/5 civ"), "{steering}");
    assert!(steering.contains("| short "), "{steering}");
    assert!(out.contains("check: 1 error"), "{out}");
    assert!(out.contains("run `obert check` for details"), "{out}");
}

#[test]
fn list_people_as_csv_has_a_header_and_a_row_per_person() {
    let out = ok(&shipped(&["list", "people", "--format", "csv"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "id,shown_as,organisation,sector,side,public,spaces"
    );
    assert_eq!(lines.len(), 1 + 68, "{out}");
    assert!(!out.contains('@'), "{out}");
    assert!(
        lines.contains(&"diba-1,representative of Diputació de Barcelona,diba,public-administration,government,false,agora;grup-motor;gt-ods"),
        "{out}"
    );
}

#[test]
fn list_members_of_a_space_as_json() {
    let out = ok(&shipped(&[
        "list",
        "members",
        "--space",
        "grup-motor",
        "--format",
        "json",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let members = json.as_array().expect("an array");
    assert_eq!(members.len(), 10, "{out}");
    assert!(members.iter().all(|m| m["space"] == "grup-motor"), "{out}");
    let sides = |side: &str| members.iter().filter(|m| m["side"] == side).count();
    assert_eq!((sides("government"), sides("civil-society")), (5, 5));
    assert_eq!(members[0]["person"], "xgt-1");
    assert_eq!(members[0]["role"], "coordination");
    assert_eq!(members[1]["role"], serde_json::Value::Null);
    // Keys keep the documented order, not the alphabetical one.
    let first = &out[..out.find('}').expect("an object")];
    let at = |key: &str| first.find(&format!("\"{key}\"")).expect(key);
    let keys = [
        "space", "person", "side", "sector", "role", "since", "until",
    ];
    assert!(keys.windows(2).all(|w| at(w[0]) < at(w[1])), "{first}");
}

#[test]
fn list_tables_and_the_other_kinds() {
    let out = ok(&shipped(&["list", "milestones"]));
    assert!(
        out.contains("| dades-ods ") && out.contains("| 3.2 "),
        "{out}"
    );
    let out = ok(&shipped(&[
        "list", "meetings", "--space", "agora", "--format", "csv",
    ]));
    assert_eq!(out.lines().count(), 1 + 7, "{out}");
    let out = ok(&shipped(&[
        "list",
        "contributions",
        "--space",
        "participa",
        "--format",
        "csv",
    ]));
    assert_eq!(out.lines().count(), 1 + 31, "{out}");
    let out = ok(&shipped(&[
        "list",
        "contributions",
        "--space",
        "agora",
        "--format",
        "json",
    ]));
    assert_eq!(out.trim(), "[]");
}

#[test]
fn csv_fields_are_quoted_as_rfc_4180_asks() {
    let plan = TempPlan::copy_of(Path::new(SHIPPED_PLAN));
    plan.replace(
        "spaces/agora.toml",
        "title = \"Sessió de constitució de l'Àgora\"",
        "title = 'Sessió de constitució, amb \"cometes\"'",
    );
    let out = ok(&plan.obert(&["list", "meetings", "--space", "agora", "--format", "csv"]));
    assert!(
        out.contains(",\"Sessió de constitució, amb \"\"cometes\"\"\","),
        "{out}"
    );
}

#[test]
fn list_refuses_a_space_that_does_not_exist_or_does_not_apply() {
    let output = shipped(&["list", "members", "--space", "grup-motr"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("there is no space `grup-motr`; did you mean `grup-motor`?"));
    let output = shipped(&["list", "people", "--space", "agora"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("`--space` applies to members, meetings and contributions"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn show_a_space_with_its_members_and_meetings() {
    let out = ok(&shipped(&["show", "grup-motor"]));
    assert!(out.starts_with("space: grup-motor\nkind: steering-group\nname: Grup motor\n"));
    assert!(
        out.contains("members: 10 current (5 government, 5 civil society)"),
        "{out}"
    );
    assert!(out.contains("\n  xgt-1 (representative of Xarxa de Governs Transparents de Catalunya), public-administration, role coordination\n"), "{out}");
    assert!(out.contains("\n  agora-exp-01 (expert)\n"), "{out}");
    assert!(out.contains("\n  m1 2021-05-04 meeting: "), "{out}");
}

#[test]
fn show_each_kind_of_entry() {
    let out = ok(&shipped(&["show", "dades-ods"]));
    assert!(out.contains("number: 3\nogp id: ESCAT0003\n"), "{out}");
    assert!(out.contains("\n  3.4 Activitats de reutilització"), "{out}");
    assert!(out.contains("\n  Problema {#problem}\n"), "{out}");
    let out = ok(&shipped(&["show", "person:diba-1"]));
    assert!(
        out.contains("shown as: representative of Diputació de Barcelona\n"),
        "{out}"
    );
    assert!(out.contains("\n  grup-motor (steering-group)\n"), "{out}");
    let out = ok(&shipped(&["show", "participacio"]));
    assert!(
        out.contains("title [en]: Citizen participation ecosystem\n"),
        "{out}"
    );
    let out = ok(&shipped(&["show", "agora/p1"]));
    assert!(out.contains("kind: plenary\n"), "{out}");
    let out = ok(&shipped(&["show", "II-PROP-2021-05-0001"]));
    assert!(out.contains("status: accepted\n"), "{out}");
}

#[test]
fn show_an_unknown_id_suggests_the_nearest() {
    let output = shipped(&["show", "grup-motr"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("there is no entry `grup-motr`; did you mean `grup-motor`?"),
        "{}",
        stderr(&output)
    );
    let output = shipped(&["show", "space:diba-1"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("there is no space `diba-1`"));
}

#[test]
fn show_refuses_an_id_that_several_kinds_share() {
    let plan = TempPlan::copy_of(Path::new(SHIPPED_PLAN));
    let organisations = plan.read("organisations.toml");
    plan.write(
        "organisations.toml",
        format!("{organisations}\n[[organisation]]\nid = \"diba-1\"\nname = \"Homonym\"\nsector = \"expert\"\n"),
    );
    let output = plan.obert(&["show", "diba-1"]);
    assert_eq!(code(&output), 2);
    let message = stderr(&output);
    assert!(
        message.contains("`organisation:diba-1`, `person:diba-1`"),
        "{message}"
    );
    let out = ok(&plan.obert(&["show", "organisation:diba-1"]));
    assert!(
        out.starts_with("organisation: diba-1\nname: Homonym\n"),
        "{out}"
    );
}

const EMAIL: &str = "secret.person@example.org";
const PHONE: &str = "+34 600 111 222";
const NAME: &str = "Secret Name";

/// Every view there is of the plan: status, each kind of list in each format, and `show` of
/// the person, their space and their organisation; stdout and stderr together.
fn every_view(plan: &TempPlan) -> Vec<(String, String)> {
    let mut runs: Vec<Vec<&str>> = vec![vec!["status"]];
    let kinds = [
        "people",
        "organisations",
        "spaces",
        "members",
        "meetings",
        "commitments",
        "milestones",
        "contributions",
    ];
    for kind in kinds {
        for format in ["table", "json", "csv"] {
            runs.push(vec!["list", kind, "--format", format]);
        }
    }
    runs.push(vec![
        "list", "members", "--space", "gt-ods", "--format", "json",
    ]);
    for id in ["secret-1", "person:secret-1", "gt-ods", "diba", "gt-ods/s1"] {
        runs.push(vec!["show", id]);
    }
    runs.into_iter()
        .map(|args| {
            let output = plan.obert(&args);
            assert_eq!(code(&output), 0, "{args:?}: {}", stderr(&output));
            (args.join(" "), stdout(&output) + &stderr(&output))
        })
        .collect()
}

#[test]
fn no_view_shows_contact_details_or_an_unconsented_name() {
    let plan = TempPlan::copy_of(Path::new(SHIPPED_PLAN));
    let people = plan.read("people.toml");
    plan.write(
        "people.toml",
        format!(
            "{people}\n[[person]]\nid = \"secret-1\"\norganisation = \"diba\"\nname = \"{NAME}\"\npublic = false\nemail = \"{EMAIL}\"\nphone = \"{PHONE}\"\ngender = \"woman\"\n"
        ),
    );
    let space = plan.read("spaces/gt-ods.toml");
    plan.write(
        "spaces/gt-ods.toml",
        format!("{space}\n[[member]]\nperson = \"secret-1\"\nrole = \"rapporteur\"\n"),
    );
    plan.replace(
        "spaces/gt-ods.toml",
        "id = \"s1\"",
        "id = \"s1\"\nattendees = [\"secret-1\", \"sgo-1\"]",
    );

    // The person is really there to be shown, so that the checks below test something.
    let people = ok(&plan.obert(&["list", "people", "--format", "csv"]));
    assert!(people.contains("\nsecret-1,representative of Diputació de Barcelona,diba,"));
    assert!(ok(&plan.obert(&["show", "gt-ods/s1"])).contains("\n  secret-1 (representative of"));

    for (view, text) in every_view(&plan) {
        for secret in [EMAIL, PHONE, "600 111 222", NAME] {
            assert!(!text.contains(secret), "`{view}` shows `{secret}`:\n{text}");
        }
        gender_only_counted(&view, &text);
    }
    let out = ok(&plan.obert(&["show", "secret-1"]));
    assert!(
        out.contains("shown as: representative of Diputació de Barcelona\n"),
        "{out}"
    );
    assert!(ok(&plan.obert(&["show", "gt-ods"])).contains("secret-1 (representative of"));

    // With consent the name appears, and still nothing else.
    plan.replace(
        "people.toml",
        "public = false\nemail",
        "public = true\nemail",
    );
    let out = ok(&plan.obert(&["show", "secret-1"]));
    assert!(out.contains(&format!("shown as: {NAME}\n")), "{out}");
    for (view, text) in every_view(&plan) {
        for secret in [EMAIL, PHONE, "600 111 222"] {
            assert!(!text.contains(secret), "`{view}` shows `{secret}`:\n{text}");
        }
        gender_only_counted(&view, &text);
    }
}

/// Gender is only ever counted: `status` counts it per space, where secret-1's count of
/// one shows as `<3`; no other view has it at all.
fn gender_only_counted(view: &str, text: &str) {
    if view == "status" {
        let line = text
            .lines()
            .find(|line| line.starts_with("  gt-ods "))
            .unwrap_or_else(|| panic!("no gender line for gt-ods:\n{text}"));
        assert!(line.contains(" woman <3,"), "{line}");
    } else {
        assert!(!text.contains("woman"), "`{view}` shows `woman`:\n{text}");
    }
}

#[test]
fn status_counts_each_space_by_gender_and_hides_counts_below_three() {
    let plan = plan_with_genders();
    let out = ok(&plan.obert(&["status"]));
    let lines: Vec<&str> = out.lines().collect();
    let heading = lines
        .iter()
        .position(|l| *l == "by gender, counted members (a count below 3 shows as <3):")
        .unwrap_or_else(|| panic!("no gender heading:\n{out}"));
    // One line per space with members, in the table's order; online spaces have none.
    assert_eq!(
        lines[heading + 1..heading + 6],
        [
            "  forum   woman <3, man <3, non-binary <3, undisclosed <3, not recorded 4",
            "  genere  woman 5, man <3, non-binary <3, undisclosed <3, not recorded <3",
            "  gt-a    woman <3, man <3, non-binary <3, undisclosed <3, not recorded <3",
            "  gt-b    woman <3, man <3, non-binary <3, undisclosed <3, not recorded <3",
            "  motor   woman <3, man <3, non-binary <3, undisclosed <3, not recorded 3",
        ],
        "{out}"
    );
    assert_eq!(lines[heading + 6], "", "{out}");
    // The table is unchanged: seven current members, no gender column.
    assert!(row(&out, "genere").contains("| 7 (2-3) "), "{out}");
    assert!(!row(&out, "Space").contains("ender"), "{out}");

    // A single hidden count of 1 would be the total less the others: the smallest count
    // shown is hidden too, and the heading says why.
    let out = ok(&plan_with_one_hidden_gender().obert(&["status"]));
    assert!(
        out.contains("\nby gender, counted members (a count below 3 shows as <3, and 3+ hides one more that the total would give away):\n"),
        "{out}"
    );
    assert!(
        out.contains("\n  genere  woman 5, man 3+, non-binary 3, undisclosed 3, not recorded <3\n"),
        "{out}"
    );

    // Where no one has a gender recorded, one line says so.
    let out = ok(&shipped(&["status"]));
    assert!(out.contains("\nby gender: not recorded\n\n"), "{out}");
}
