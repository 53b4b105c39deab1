//! `obert check`: every rule fires on its fixture and stays silent on the valid plan; the
//! output formats; bad input of every kind.

use std::path::Path;

use crate::support::{
    SHIPPED_PLAN, SHIPPED_SCOTLAND, TempPlan, broken_plan, check_json, obert_command, obert_in,
    rule_fixture, rule_fixtures, stderr, stdout,
};

#[test]
fn the_valid_plan_has_no_findings() {
    let plan = TempPlan::valid();
    let (code, json) = check_json(&plan);
    assert_eq!(json["findings"], serde_json::json!([]), "{json:#}");
    assert_eq!(code, 0);
}

#[test]
fn every_rule_has_a_fixture() {
    let fixtures: Vec<String> = rule_fixtures().into_iter().map(|(name, _)| name).collect();
    let rules: Vec<String> = obert::rules::RULES
        .iter()
        .map(|r| r.name.to_string())
        .collect();
    let missing: Vec<&String> = rules.iter().filter(|r| !fixtures.contains(r)).collect();
    let unknown: Vec<&String> = fixtures.iter().filter(|f| !rules.contains(f)).collect();
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
    assert!(unknown.is_empty(), "fixtures for no rule: {unknown:?}");
}

#[test]
fn every_rule_fires_on_its_fixture() {
    let mut failures = Vec::new();
    for (rule, fixture) in rule_fixtures() {
        let plan = TempPlan::valid();
        fixture.apply_to(&plan);
        let (code, json) = check_json(&plan);
        let findings = json["findings"].as_array().expect("findings").clone();
        let expect = &fixture.expect;
        let matching = findings.iter().find(|f| {
            f["rule"] == rule.as_str()
                && f["plan_file"] == expect.file.as_str()
                && f["message"]
                    .as_str()
                    .is_some_and(|m| m.contains(&expect.message))
                && expect.line.is_none_or(|line| f["line"] == line)
                && expect
                    .help
                    .as_deref()
                    .is_none_or(|h| f["help"].as_str().is_some_and(|fh| fh.contains(h)))
        });
        let Some(finding) = matching else {
            let found: Vec<String> = findings
                .iter()
                .map(|f| {
                    format!(
                        "{} {}:{} {}",
                        f["rule"], f["plan_file"], f["line"], f["message"]
                    )
                })
                .collect();
            failures.push(format!(
                "{rule}: no matching finding among\n  {}",
                found.join("\n  ")
            ));
            continue;
        };
        let default = match obert::rules::find(&rule).expect("a rule").default {
            obert::rules::DefaultLevel::Always(severity) => severity.as_str(),
            obert::rules::DefaultLevel::WarnDuringCocreation => "warn",
        };
        let severity = expect.severity.as_deref().unwrap_or(default);
        if finding["severity"] != severity {
            failures.push(format!(
                "{rule}: severity {} instead of {severity}",
                finding["severity"]
            ));
        }
        let expected_code = if json["counts"]["errors"] == 0 { 0 } else { 1 };
        if code != expected_code {
            failures.push(format!(
                "{rule}: exit code {code}, expected {expected_code}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn changing_numbers_in_rules_changes_what_passes() {
    // The valid plan's steering group has 2 + 2 members; asking for 3 + 2 breaks it, and
    // the message says so with the plan's own numbers.
    let plan = TempPlan::valid();
    plan.replace("plan.toml", "government = 2", "government = 3");
    let (code, json) = check_json(&plan);
    assert_eq!(code, 1);
    assert_eq!(json["findings"][0]["rule"], "steering-group-balance");
    assert_eq!(
        json["findings"][0]["message"],
        "add 1 government member to `motor`: it has 2 government and 2 civil-society members, the plan asks for 3 + 2"
    );
}

#[test]
fn lints_set_levels_but_cannot_lower_fixed_rules() {
    let plan = TempPlan::valid();
    plan.replace("plan.toml", "commitments = 2", "commitments = 3");
    plan.write(
        "plan.toml",
        plan.read("plan.toml") + "\n[lints]\ncommitment-count = \"warn\"\nparse-error = \"allow\"\nforum-sise = \"warn\"\n",
    );
    let (code, json) = check_json(&plan);
    let findings = json["findings"].as_array().expect("findings");
    let rules: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or(""),
                f["severity"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(rules.contains(&("commitment-count", "warn")), "{rules:?}");
    assert!(
        rules.contains(&("invalid-value", "error")),
        "lowering a fixed rule is refused: {rules:?}"
    );
    let unknown = findings
        .iter()
        .find(|f| f["rule"] == "unknown-field")
        .expect("unknown rule name reported");
    assert_eq!(
        unknown["help"],
        "did you mean `forum-size`? `obert explain` lists every rule"
    );
    assert_eq!(code, 1);

    // --deny-warnings turns the remaining warning into a failure.
    let plan = TempPlan::valid();
    plan.replace("plan.toml", "commitments = 2", "commitments = 3");
    plan.write(
        "plan.toml",
        plan.read("plan.toml") + "\n[lints]\ncommitment-count = \"warn\"\n",
    );
    assert_eq!(plan.obert(&["check"]).status.code(), Some(0));
    assert_eq!(
        plan.obert(&["check", "--deny-warnings"]).status.code(),
        Some(1)
    );
}

#[test]
fn contribution_unanswered_is_an_error_once_the_plan_is_submitted() {
    let plan = TempPlan::valid();
    plan.replace(
        "plan.toml",
        "stage = \"co-creation\"",
        "stage = \"submitted\"",
    );
    plan.replace("contributions/eixos.toml", "withdrawn = true", "");
    let (code, json) = check_json(&plan);
    assert_eq!(json["findings"][0]["rule"], "contribution-unanswered");
    assert_eq!(json["findings"][0]["severity"], "error");
    assert_eq!(code, 1);
}

#[test]
fn the_shipped_plan_passes() {
    let plan = TempPlan::copy_of(Path::new(SHIPPED_PLAN));
    let (code, json) = check_json(&plan);
    assert_eq!(json["counts"]["errors"], 0, "{json:#}");
    assert_eq!(code, 0);
}

/// Scotland's plan says its process in its own files: no rule is switched off for the whole
/// plan, nothing is reported, and each exception it needs is kept, with its reason, in the
/// entry it concerns.
#[test]
fn the_scottish_plan_passes_with_no_warning_and_no_lints() {
    let plan = TempPlan::copy_of(Path::new(SHIPPED_SCOTLAND));
    assert!(!plan.read("plan.toml").contains("[lints]"));
    let output = plan.obert(&["check", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("no findings; 4 allowed with a reason"),
        "{}",
        stdout(&output)
    );
    let (_, json) = check_json(&plan);
    let allowed: Vec<(&str, &str)> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            assert!(
                f["allowed"]
                    .as_str()
                    .is_some_and(|reason| !reason.is_empty()),
                "{f:#}"
            );
            (
                f["rule"].as_str().expect("a rule"),
                f["plan_file"].as_str().expect("a file"),
            )
        })
        .collect();
    assert_eq!(
        allowed,
        [
            ("forum-meeting-gap", "spaces/steering-group.toml"),
            ("date-outside-period", "commitments/climate-network.md"),
            ("date-outside-period", "commitments/health-social-care.md"),
            ("date-outside-period", "commitments/participation.md"),
        ],
        "{json:#}"
    );
}

#[test]
fn human_output() {
    let plan = broken_plan();
    let output = plan.obert(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        !text.contains("dades@example.org"),
        "personal data is masked"
    );
    insta::assert_snapshot!("check_human", text);
}

#[test]
fn json_output() {
    let plan = broken_plan();
    let output = plan.obert(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let mut json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    json["tool"]["version"] = "[version]".into();
    insta::assert_json_snapshot!("check_json", json);
}

#[test]
fn no_plan_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let output = obert_in(dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no plan found"),
        "{}",
        stderr(&output)
    );
    let output = obert_in(dir.path(), &["--plan", "nowhere", "check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("`nowhere` holds no `plan.toml`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn finds_the_plan_from_a_subfolder_and_from_the_environment() {
    let plan = TempPlan::valid();
    let sub = plan.path("spaces");
    let output = obert_in(&sub, &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // From the repository root, `plan/plan.toml` is found too.
    let output = obert_in(plan.dir.path(), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let elsewhere = tempfile::tempdir().expect("tmp");
    let output = obert_command(elsewhere.path())
        .arg("check")
        .env("OBERT_PLAN", plan.root())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn explain_says_what_why_and_how() {
    let dir = tempfile::tempdir().expect("tmp");
    let output = obert_in(dir.path(), &["explain", "steering-group-balance"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "steering-group-balance: a steering group whose counted members do not balance"
        ),
        "{text}"
    );
    assert!(text.contains("Default level: error\n"), "{text}");
    assert!(
        text.contains("Why: A steering group that drives co-creation"),
        "{text}"
    );
    assert!(text.contains("Fix: "), "{text}");

    let output = obert_in(dir.path(), &["explain", "parse-error"]);
    assert!(stdout(&output).contains("Default level: error (fixed: cannot be lowered)"));
    let output = obert_in(dir.path(), &["explain", "contribution-unanswered"]);
    assert!(stdout(&output).contains("Default level: warn while stage = co-creation, error after"));
}

#[test]
fn explain_without_a_rule_lists_every_rule() {
    let dir = tempfile::tempdir().expect("tmp");
    let output = obert_in(dir.path(), &["explain"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for rule in obert::rules::RULES {
        assert!(
            text.contains(&format!("  {} ", rule.name)),
            "{} is not listed:\n{text}",
            rule.name
        );
    }
    assert!(text.contains("Spaces and their members:\n"), "{text}");
}

#[test]
fn personal_data_before_the_first_heading_is_found_and_masked() {
    let plan = TempPlan::valid();
    plan.replace(
        "commitments/a.md",
        "+++\n\n## Problema",
        "+++\nContacte: 93 123 45 67.\n\n## Problema",
    );
    let output = plan.obert(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("error[personal-data]: the text holds a phone number"),
        "{text}"
    );
    assert!(text.contains("Contacte: ************."), "{text}");
    assert!(!text.contains("93 123 45 67"), "{text}");
}

/// The fixture of `rule`, applied to a copy of the valid plan.
fn plan_breaking(rule: &str) -> TempPlan {
    let plan = TempPlan::valid();
    rule_fixture(rule).apply_to(&plan);
    plan
}

/// A related place as JSON gives it: `(plan_file, line, column, message)`.
type Place = (String, u64, u64, String);

/// `(rule, places)` of every finding with related places.
fn related_places(json: &serde_json::Value) -> Vec<(String, Vec<Place>)> {
    let text = |v: &serde_json::Value| v.as_str().expect("a string").to_string();
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["related"] != serde_json::json!([]))
        .map(|f| {
            let places = f["related"].as_array().expect("related is an array");
            let places = places
                .iter()
                .map(|r| {
                    assert_eq!(r["file"], format!("plan/{}", text(&r["plan_file"])), "{r}");
                    let number = |key: &str| r[key].as_u64().expect("a number");
                    (
                        text(&r["plan_file"]),
                        number("line"),
                        number("column"),
                        text(&r["message"]),
                    )
                })
                .collect();
            (text(&f["rule"]), places)
        })
        .collect()
}

#[test]
fn findings_point_at_the_other_place_they_involve() {
    let place = |file: &str, line, column, message: &str| {
        (file.to_string(), line, column, message.to_string())
    };
    let cases = [
        (
            "duplicate-id",
            place("people.toml", 15, 6, "first defined here"),
        ),
        (
            "duplicate-member",
            place("spaces/gt-a.toml", 5, 10, "first listed here"),
        ),
        (
            "attendee-not-member",
            place(
                "spaces/forum.toml",
                7,
                9,
                "`g1` is a member from 2021-07-01",
            ),
        ),
    ];
    for (rule, expected) in cases {
        let (_, json) = check_json(&plan_breaking(rule));
        assert_eq!(
            related_places(&json),
            vec![(rule.to_string(), vec![expected])],
            "{rule}"
        );
    }

    // A membership that ended before the meeting points at its `until`, and one that
    // began after it at its `since`: each membership that leaves the meeting out.
    let plan = TempPlan::valid();
    plan.replace(
        "spaces/forum.toml",
        "since = 2021-05-01",
        "since = 2021-05-01\nuntil = 2021-05-31\n\n[[member]]\nperson = \"g1\"\nsince = 2021-07-01",
    );
    let (_, json) = check_json(&plan);
    assert_eq!(
        related_places(&json),
        vec![(
            "attendee-not-member".to_string(),
            vec![
                place(
                    "spaces/forum.toml",
                    8,
                    9,
                    "`g1` was a member until 2021-05-31"
                ),
                place(
                    "spaces/forum.toml",
                    12,
                    9,
                    "`g1` is a member from 2021-07-01"
                ),
            ]
        )]
    );

    // Someone who was never a member has no other place to point at.
    let plan = TempPlan::valid();
    plan.replace(
        "spaces/forum.toml",
        "[[member]]\nperson = \"g1\"\nsince = 2021-05-01\n",
        "",
    );
    let (_, json) = check_json(&plan);
    let findings = json["findings"].as_array().expect("findings");
    assert!(
        findings.iter().any(|f| f["rule"] == "attendee-not-member"),
        "{json:#}"
    );
    assert_eq!(related_places(&json), vec![]);
}

#[test]
fn human_output_shows_the_other_place_as_context() {
    // In the same file: one snippet, the first listing above the second.
    let output = plan_breaking("duplicate-member").obert(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let expected = "\
error[duplicate-member]: `g1` is listed twice in `gt-a`; the first is at spaces/gt-a.toml:5
  --> plan/spaces/gt-a.toml:11:10
   |
 5 | person = \"g1\"
   |          ---- first listed here
...
11 | person = \"g1\"
   |          ^^^^
   |
   = help: remove one entry, or end the earlier membership with `until` before the later `since`
";
    assert!(text.contains(expected), "{text}");

    // In another file: a second snippet under the first.
    let plan = TempPlan::valid();
    plan.write(
        "contributions/segona.toml",
        plan.read("contributions/eixos.toml"),
    );
    let output = plan.obert(&["check", "-q"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let expected = "\
error[duplicate-id]: contribution `TEST-PROP-2021-05-0001` is defined twice; the first is at contributions/eixos.toml:5
 --> plan/contributions/segona.toml:5:6
  |
5 | id = \"TEST-PROP-2021-05-0001\"
  |      ^^^^^^^^^^^^^^^^^^^^^^^^
  |
 ::: plan/contributions/eixos.toml:5:6
  |
5 | id = \"TEST-PROP-2021-05-0001\"
  |      ------------------------ first defined here
  |
  = help: give one of them another id, or merge the two entries
";
    assert!(text.contains(expected), "{text}");
}

#[test]
fn translation_missing_counts_each_language_apart_and_titles_apart() {
    let plan = TempPlan::valid();
    plan.replace(
        "plan.toml",
        "languages = [\"ca\", \"en\"]",
        "languages = [\"ca\", \"en\", \"es\"]",
    );
    // b is translated into English, but its title is given in Catalan only.
    plan.replace(
        "commitments/b.md",
        "title = { ca = \"Compromís b\", en = \"Commitment b\" }",
        "title = \"Compromís b\"",
    );
    let (code, json) = check_json(&plan);
    let found: Vec<(String, String, u64)> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "translation-missing")
        .map(|f| {
            (
                f["message"].as_str().unwrap_or("").to_string(),
                f["help"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "`en` is one of the plan's languages, but 1 commitment has no title in it (`b`)"
                    .to_string(),
                "give each title in `en` too: `title = { ca = \"…\", en = \"…\" }`".to_string(),
                6
            ),
            (
                "`es` is one of the plan's languages, but the vision and 2 commitments (`a`, `b`) have no text in it".to_string(),
                "translate the vision into `vision.es.md`, beside `vision.md`; translate each commitment's body into `commitments/<id>.es.md` beside it, with the same section ids and no front matter; give each title in `es` too: `title = { ca = \"…\", es = \"…\" }`".to_string(),
                6
            ),
        ],
        "{json:#}"
    );
    assert_eq!(
        json["findings"].as_array().map(Vec::len),
        Some(2),
        "{json:#}"
    );
    // Warnings only: the check passes.
    assert_eq!(code, 0);

    // A translation with no text in it is no translation.
    let plan = TempPlan::valid();
    plan.write(
        "commitments/a.en.md",
        "## Problem {#problem}\n\n<!-- to do -->\n",
    );
    let messages = |plan: &TempPlan| -> Vec<String> {
        let (_, json) = check_json(plan);
        json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["message"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(
        messages(&plan),
        ["`en` is one of the plan's languages, but 1 commitment (`a`) has no text in it"]
    );
    // The first language is the one the plan is written in: it never lacks text, whatever
    // the files are called.
    plan.replace(
        "plan.toml",
        "languages = [\"ca\", \"en\"]",
        "languages = [\"en\", \"ca\"]",
    );
    assert_eq!(
        messages(&plan),
        [
            "`ca` is one of the plan's languages, but the vision and 2 commitments (`a`, `b`) have no text in it"
        ]
    );
}

/// The `translation-missing` findings of a plan: message and help of each.
fn translation_missing(plan: &TempPlan) -> Vec<(String, String)> {
    let (_, json) = check_json(plan);
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "translation-missing")
        .map(|f| {
            (
                f["message"].as_str().unwrap_or("").to_string(),
                f["help"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn translation_missing_counts_the_vision_until_it_is_translated() {
    // The commitments are translated into English; the vision is not.
    let plan = TempPlan::valid();
    std::fs::remove_file(plan.path("vision.en.md")).expect("remove");
    let (code, _) = check_json(&plan);
    assert_eq!(code, 0, "a warning only");
    assert_eq!(
        translation_missing(&plan),
        [(
            "`en` is one of the plan's languages, but the vision has no text in it".to_string(),
            "translate the vision into `vision.en.md`, beside `vision.md`".to_string()
        )]
    );
    let human = stdout(&plan.obert(&["check"]));
    assert!(
        human.contains(
            "warning[translation-missing]: `en` is one of the plan's languages, but the vision has no text in it\n --> plan/plan.toml:6:13"
        ),
        "{human}"
    );

    // With a commitment untranslated too, one finding names both.
    std::fs::remove_file(plan.path("commitments/b.en.md")).expect("remove");
    assert_eq!(
        translation_missing(&plan),
        [(
            "`en` is one of the plan's languages, but the vision and 1 commitment (`b`) have no text in it".to_string(),
            "translate the vision into `vision.en.md`, beside `vision.md`; translate each commitment's body into `commitments/<id>.en.md` beside it, with the same section ids and no front matter".to_string()
        )]
    );

    // A translation that holds only the prompts is no translation; one with text is.
    plan.write(
        "vision.en.md",
        "# Vision\n\n<!-- Translate the vision here. -->\n",
    );
    assert_eq!(translation_missing(&plan).len(), 1);
    assert!(
        translation_missing(&plan)[0]
            .0
            .contains("the vision and 1 commitment")
    );
    let only_b = [(
        "`en` is one of the plan's languages, but 1 commitment (`b`) has no text in it"
            .to_string(),
        "translate each commitment's body into `commitments/<id>.en.md` beside it, with the same section ids and no front matter".to_string()
    )];
    plan.write("vision.en.md", "# Vision\n\nOpen data.\n");
    assert_eq!(translation_missing(&plan), only_b);

    // A translation that cannot be read is a `parse-error`, not an untranslated vision.
    plan.write("vision.en.md", b"# Vision\n\n\xff\n");
    let (code, json) = check_json(&plan);
    assert_eq!(code, 1);
    assert!(
        json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| {
                f["rule"] == "parse-error" && f["message"] == "`vision.en.md` is not valid UTF-8"
            }),
        "{json:#}"
    );
    assert_eq!(translation_missing(&plan), only_b);
}

#[test]
fn a_vision_kept_elsewhere_is_translated_beside_it() {
    let plan = TempPlan::valid();
    plan.replace(
        "plan.toml",
        "stage = \"co-creation\"",
        "stage = \"co-creation\"\nvision = \"docs/vision.md\"",
    );
    plan.write("docs/vision.md", plan.read("vision.md"));
    std::fs::remove_file(plan.path("vision.md")).expect("remove");
    // vision.en.md is left where it was: it translates nothing the plan names now.
    assert_eq!(
        translation_missing(&plan),
        [(
            "`en` is one of the plan's languages, but the vision has no text in it".to_string(),
            "translate the vision into `docs/vision.en.md`, beside `docs/vision.md`".to_string()
        )]
    );
    std::fs::rename(plan.path("vision.en.md"), plan.path("docs/vision.en.md")).expect("move");
    let (code, json) = check_json(&plan);
    assert_eq!(json["findings"], serde_json::json!([]), "{json:#}");
    assert_eq!(code, 0);
}

#[test]
fn a_vision_translation_is_named_and_matched_like_a_commitments() {
    // A language the plan does not declare: read, like `commitments/a.es.md` would be, and
    // not reported.
    let plan = TempPlan::valid();
    plan.write("vision.es.md", "# Visión\n\nUna administración abierta.\n");
    let (code, json) = check_json(&plan);
    assert_eq!(json["findings"], serde_json::json!([]), "{json:#}");
    assert_eq!(code, 0);

    // A language part that is not an id is an invalid file name, as `a.EN.md` is.
    plan.write("vision.EN.md", "# Vision\n\nOpen data.\n");
    let output = plan.obert(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains(
            "error[invalid-value]: the file name `vision.EN.md` does not make a valid id: `EN`\n--> plan/vision.EN.md:1:1"
        ),
        "{text}"
    );
    std::fs::remove_file(plan.path("vision.EN.md")).expect("remove");

    // A translation of a vision that is not there, as of a commitment that is not.
    std::fs::remove_file(plan.path("vision.md")).expect("remove");
    let output = plan.obert(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    for expected in [
        "error[dangling-reference]: `vision.en.md` translates the vision, which is not in the plan: `vision.md` does not exist\n --> plan/vision.en.md:1:1",
        "error[dangling-reference]: `vision.es.md` translates the vision, which is not in the plan: `vision.md` does not exist",
        "vision-missing",
    ] {
        assert!(text.contains(expected), "`{expected}` missing:\n{text}");
    }
    // Nor is the vision counted as untranslated: there is no vision to translate.
    assert!(!text.contains("translation-missing"), "{text}");
}

#[test]
fn personal_data_in_a_vision_translation_is_found_and_masked() {
    let plan = TempPlan::valid();
    plan.write(
        "vision.en.md",
        "# Vision\n\nOpen data. Write to anna.puig@example.org.\n",
    );
    let output = plan.obert(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains(
            "error[personal-data]: the text holds an e-mail address, and it would be published\n --> plan/vision.en.md:3:21"
        ),
        "{text}"
    );
    assert!(!text.contains("anna.puig@example.org"), "{text}");
    // Nor does the English document show it.
    let html = stdout(&plan.obert(&["render", "--lang", "en", "-o", "-"]));
    assert!(html.contains("Open data. Write to "), "{html}");
    assert!(!html.contains("anna.puig"), "{html}");
}

/// A large file of entries lets its text go once decoded (most of a large plan's memory);
/// a finding a rule then makes in it is still placed at its line and shown with it, and
/// personal data found in it is still masked in the line shown.
#[test]
fn a_finding_in_a_large_file_is_shown_at_its_line() {
    let plan = TempPlan::valid();
    let mut people = plan.read("people.toml");
    let mut n = 0;
    while people.len() < 1536 * 1024 {
        people.push_str(&format!(
            "\n[[person]]\nid = \"p{n}\"\norganisation = \"ajuntament\"\n"
        ));
        n += 1;
    }
    people.push_str("\n[[person]]\nid = \"lost\"\norganisation = \"nowhere\"\n");
    people.push_str("\n[[person]]\nid = \"anna\"\norganisation = \"ajuntament\"\nname = \"Anna anna@example.org\"\npublic = true\n");
    plan.write("people.toml", &people);
    let line_of = |text: &str| {
        people[..people.find(text).expect("written")]
            .lines()
            .count()
            + 1
    };

    let (code, json) = check_json(&plan);
    assert_eq!(code, 1, "{json:#}");
    let findings = json["findings"].as_array().expect("findings");
    let at = |rule: &str| {
        let finding = findings
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap_or_else(|| panic!("a {rule} finding: {json:#}"));
        assert_eq!(finding["file"], "plan/people.toml", "{finding:#}");
        (finding["line"].as_u64(), finding["column"].as_u64())
    };
    let lost = line_of("organisation = \"nowhere\"") as u64;
    assert_eq!(at("dangling-reference"), (Some(lost), Some(16)));
    let anna = line_of("name = \"Anna") as u64;
    assert_eq!(at("personal-data"), (Some(anna), Some(14)));

    let output = plan.obert(&["check"]);
    let shown = stdout(&output);
    assert!(
        shown.contains(&format!("plan/people.toml:{lost}:16"))
            && shown.contains("organisation = \"nowhere\""),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("plan/people.toml:{anna}:14")),
        "{shown}"
    );
    assert!(!shown.contains("anna@example.org"), "{shown}");
}
