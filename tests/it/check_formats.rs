//! `obert check --format github` and `--format sarif`: what a GitHub Actions job reads.
//! Paths from the repository root, GitHub's escaping, the SARIF log checked against the
//! official schema by an independent validator (Python's jsonschema), and no personal data.
//!
//! The SARIF validation needs `python3` with `jsonschema`. Without it the tests say so on
//! stderr and pass, except where `CI` is set: there `.ci/run` must have installed it.

use std::path::Path;
use std::process::Command;

use crate::support::tools::{self, have};
use crate::support::{
    self, SHIPPED_PLAN, TempPlan, check_json, copy_dir, git, obert_in, rule_fixture, stderr, stdout,
};
use serde_json::Value;

const SARIF_SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/schemas/sarif-schema-2.1.0.json"
);

fn assert_outside_git(dir: &Path) {
    assert!(
        git2::Repository::discover(dir).is_err(),
        "{} is inside a git repository; this test needs a temporary folder outside one",
        dir.display()
    );
}

fn sarif(plan: &TempPlan) -> (i32, String, Value) {
    let output = plan.obert(&["check", "--format", "sarif"]);
    let text = stdout(&output);
    let json = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("no SARIF ({e}): {text}{}", stderr(&output)));
    (output.status.code().expect("an exit code"), text, json)
}

#[test]
fn github_paths_are_from_the_repository_root() {
    let plan = broken_plan();
    git::init(plan.dir.path());
    let output = plan.obert(&["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    for line in text.lines() {
        assert!(
            line.starts_with("::error file=plan/") || line.starts_with("::warning file=plan/"),
            "{line}"
        );
    }
    assert!(!text.contains("dades@example.org"), "{text}");
    insta::assert_snapshot!("github_in_git", text);

    // From inside the plan folder, the paths are still from the repository root.
    let inside = obert_in(&plan.root(), &["check", "--format", "github"]);
    assert_eq!(stdout(&inside), text);
}

#[test]
fn github_paths_outside_a_repository_are_from_the_current_folder() {
    let plan = broken_plan();
    assert_outside_git(plan.dir.path());
    let output = plan.obert(&["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let from_above = stdout(&output);
    assert!(
        from_above.contains(" file=plan/people.toml,"),
        "{from_above}"
    );

    let output = obert_in(&plan.root(), &["check", "--format", "github"]);
    let text = stdout(&output);
    assert_eq!(text, from_above.replace(" file=plan/", " file="));
    insta::assert_snapshot!("github_outside_git", text);
}

#[test]
fn github_escapes_messages_and_properties() {
    let plan = TempPlan::valid();
    // A quoted key is any string, and the finding repeats it.
    plan.replace(
        "people.toml",
        "sector = \"expert\"",
        "sector = \"expert\"\n\"100%,a:b\\r\\nc\" = 1",
    );
    let output = plan.obert(&["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "one line per finding: {text:?}");
    assert!(!text.contains('\r'), "{text:?}");
    assert!(
        text.starts_with("::error file=plan/people.toml,line=31,col=1,endLine=31,endColumn=16,title=unknown-field::unknown key `100%25,a:b%0D%0Ac` in a `[[person]]` entry%0Ahelp: "),
        "{text}"
    );

    // Properties escape `,` and `:` as well (a file name holds no `:` on Windows).
    let folder = if cfg!(windows) { "a,b%" } else { "a,b:%" };
    let renamed = tempfile::tempdir().expect("tmp");
    copy_dir(&plan.root(), &renamed.path().join(folder));
    let output = obert_in(
        renamed.path(),
        &["--plan", folder, "check", "--format", "github"],
    );
    let text = stdout(&output);
    let expected = if cfg!(windows) {
        "::error file=a%2Cb%25/people.toml,line=31,"
    } else {
        "::error file=a%2Cb%3A%25/people.toml,line=31,"
    };
    assert!(text.starts_with(expected), "{text}");

    let output = obert_in(
        renamed.path(),
        &["--plan", folder, "check", "--format", "sarif"],
    );
    let json: Value = serde_json::from_slice(&output.stdout).expect("SARIF");
    let uri = &json["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    let expected = if cfg!(windows) {
        "a,b%25/people.toml"
    } else {
        "a,b%3A%25/people.toml"
    };
    assert_eq!(uri, expected);
}

#[test]
fn github_exit_codes_follow_the_severities() {
    let plan = TempPlan::valid();
    let output = plan.obert(&["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "", "a clean plan prints nothing");

    // The forum one member short: a warning only.
    plan.replace("spaces/forum.toml", "[[member]]\nperson = \"e1\"\n", "");
    let output = plan.obert(&["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stdout(&output).starts_with("::warning file=plan/spaces/forum.toml,line=1,"),
        "{}",
        stdout(&output)
    );
    let output = plan.obert(&["check", "--format", "github", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1));
    let output = plan.obert(&["check", "--format", "sarif", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn sarif_describes_every_rule_and_points_at_each_finding() {
    let plan = broken_plan();
    git::init(plan.dir.path());
    let (code, text, sarif) = sarif(&plan);
    assert_eq!(code, 1);
    let (_, json) = check_json(&plan);

    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = sarif["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "obert");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

    let rules = driver["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    let catalogue: Vec<&str> = obert::rules::RULES.iter().map(|r| r.name).collect();
    assert_eq!(ids, catalogue, "every rule, in catalogue order");
    for (descriptor, rule) in rules.iter().zip(obert::rules::RULES) {
        assert_eq!(descriptor["shortDescription"]["text"], rule.summary);
        assert_eq!(descriptor["fullDescription"]["text"], rule.why);
        assert_eq!(descriptor["help"]["text"], rule.fix);
        let level = match rule.default {
            obert::rules::DefaultLevel::Always(obert::diag::Severity::Error) => "error",
            obert::rules::DefaultLevel::Always(obert::diag::Severity::Allow) => "none",
            _ => "warning",
        };
        assert_eq!(descriptor["defaultConfiguration"]["level"], level);
        assert!(descriptor["properties"]["family"].is_string());
    }

    let results = run["results"].as_array().expect("results");
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(results.len(), findings.len());
    assert!(results.len() >= 5, "{text}");
    for (result, finding) in results.iter().zip(findings) {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert_eq!(result["ruleId"], finding["rule"]);
        let level = match finding["severity"].as_str() {
            Some("error") => "error",
            Some("warn") => "warning",
            other => panic!("severity {other:?}"),
        };
        assert_eq!(result["level"], level);
        let message = result["message"]["text"].as_str().expect("message");
        assert!(
            message.starts_with(finding["message"].as_str().expect("message")),
            "{message}"
        );
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().expect("uri");
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(
            uri.starts_with("plan/") && !uri.contains('\\') && !uri.contains(':'),
            "{uri}"
        );
        assert_eq!(uri, finding["file"]);
        let region = &location["region"];
        assert_eq!(region["startLine"], finding["line"]);
        assert_eq!(region["startColumn"], finding["column"]);
        assert_eq!(region["endLine"], finding["end"]["line"]);
        assert_eq!(region["endColumn"], finding["end"]["column"]);
    }
    assert!(
        results.iter().any(|r| r["ruleId"] == "vision-missing"
            && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 1),
        "a finding about a whole file has a region at line 1"
    );
    assert!(
        results.iter().any(|r| r["level"] == "warning")
            && results.iter().any(|r| r["level"] == "error"),
        "{text}"
    );

    // The same plan gives the same bytes.
    assert_eq!(sarif_text(&plan), text);
    insta::assert_json_snapshot!("sarif_results", run["results"]);
}

fn sarif_text(plan: &TempPlan) -> String {
    stdout(&plan.obert(&["check", "--format", "sarif"]))
}

/// Validates `instance` against the vendored SARIF schema with Python's jsonschema, which
/// picks the validator for the schema's own `$schema` (draft-04 for this file). Prints
/// `valid`, or one line per error; exits 1 when invalid.
const VALIDATE: &str = r#"
import json, sys
from jsonschema.validators import validator_for
schema = json.load(open(sys.argv[1], encoding="utf-8"))
instance = json.load(open(sys.argv[2], encoding="utf-8"))
cls = validator_for(schema)
cls.check_schema(schema)
errors = sorted(cls(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))
for e in errors:
    print("invalid at /" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message)
if errors:
    sys.exit(1)
print("valid (" + cls.__name__ + ")")
"#;

/// The validator's verdict on `sarif`: `Ok` with its output when valid, `Err` when not.
fn validate(sarif: &str) -> Result<String, String> {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("obert.sarif");
    std::fs::write(&file, sarif).expect("writable");
    let output = Command::new("python3")
        .arg("-c")
        .arg(VALIDATE)
        .arg(SARIF_SCHEMA)
        .arg(&file)
        .output()
        .expect("python3 runs");
    let text = format!("{}{}", stdout(&output), stderr(&output));
    match output.status.code() {
        Some(0) => Ok(text),
        Some(1) if text.contains("invalid at ") => Err(text),
        _ => panic!("the validator itself failed: {text}"),
    }
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    if !have("Python's jsonschema", tools::jsonschema()) {
        return;
    }
    let plan = broken_plan();
    git::init(plan.dir.path());
    let text = sarif_text(&plan);
    let verdict = validate(&text);
    assert!(verdict.is_ok(), "{verdict:?}");

    let shipped = TempPlan::copy_of(Path::new(SHIPPED_PLAN));
    git::init(shipped.dir.path());
    let (code, text, json) = sarif(&shipped);
    assert_eq!(code, 0);
    assert_eq!(json["runs"][0]["results"], serde_json::json!([]));
    let verdict = validate(&text);
    assert!(verdict.is_ok(), "{verdict:?}");
}

#[test]
fn the_validator_rejects_invalid_sarif() {
    if !have("Python's jsonschema", tools::jsonschema()) {
        return;
    }
    let plan = broken_plan();
    let (_, text, json) = sarif(&plan);
    assert!(validate(&text).is_ok());

    let mut wrong_version = json.clone();
    wrong_version["version"] = "2.0".into();
    let verdict = validate(&wrong_version.to_string());
    assert!(
        verdict
            .as_ref()
            .is_err_and(|e| e.contains("invalid at /version")),
        "{verdict:?}"
    );

    let mut no_message = json.clone();
    no_message["runs"][0]["results"][0]
        .as_object_mut()
        .expect("a result")
        .remove("message");
    let verdict = validate(&no_message.to_string());
    assert!(
        verdict
            .as_ref()
            .is_err_and(|e| e.contains("invalid at /runs/0/results/0") && e.contains("message")),
        "{verdict:?}"
    );

    let mut bad_line = json;
    bad_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(validate(&bad_line.to_string()).is_err());
}

#[test]
fn no_personal_data_in_any_format() {
    let plan = TempPlan::valid();
    git::init(plan.dir.path());
    rule_fixture("personal-data").apply_to(&plan);
    // Quoted keys that are an e-mail address and a phone number: the findings about the
    // keys would repeat them, in the message and in the quoted line.
    plan.replace(
        "people.toml",
        "sector = \"expert\"",
        "sector = \"expert\"\n\"anna@example.org\" = 1\n\"93 123 45 67\" = 2",
    );
    for format in ["human", "json", "github", "sarif"] {
        let output = plan.obert(&["check", "--format", format]);
        assert_eq!(output.status.code(), Some(1));
        let text = stdout(&output);
        assert!(text.contains("personal-data"), "{format}: {text}");
        for masked in [
            "unknown key `****************`",
            "unknown key `************`",
        ] {
            assert!(text.contains(masked), "{format}: {text}");
        }
        for private in ["example.org", "dades@", "anna@", "93 123 45 67"] {
            assert!(!text.contains(private), "{format} shows {private}: {text}");
        }
    }
}

#[test]
fn related_places_in_github_and_sarif() {
    let plan = TempPlan::valid();
    git::init(plan.dir.path());
    // Two people with one id: the second is the finding, the first its related place.
    plan.replace("people.toml", "id = \"c2\"", "id = \"c1\"");
    let output = plan.obert(&["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output).lines().next(),
        Some(
            "::error file=plan/people.toml,line=20,col=6,endLine=20,endColumn=10,title=duplicate-id::person `c1` is defined twice; the first is at people.toml:15%0Ahelp: give one of them another id, or merge the two entries; see also plan/people.toml:15 (first defined here)"
        )
    );

    let (code, text, sarif) = sarif(&plan);
    assert_eq!(code, 1);
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "duplicate-id");
    assert_eq!(
        result["relatedLocations"],
        serde_json::json!([{
            "id": 1,
            "physicalLocation": {
                "artifactLocation": { "uri": "plan/people.toml", "uriBaseId": "%SRCROOT%" },
                "region": { "startLine": 15, "startColumn": 6, "endLine": 15, "endColumn": 10 }
            },
            "message": { "text": "first defined here" }
        }])
    );
    // The help line of the message is as in every other result: the places are apart.
    assert_eq!(
        result["message"]["text"],
        "person `c1` is defined twice; the first is at people.toml:15\nhelp: give one of them another id, or merge the two entries"
    );
    if have("Python's jsonschema", tools::jsonschema()) {
        let verdict = validate(&text);
        assert!(verdict.is_ok(), "{verdict:?}");
    }
}

/// [`support::broken_plan`] with one finding more, about a file as a whole (the empty
/// vision): errors and a warning in four files, and an e-mail address in a commitment's body.
fn broken_plan() -> TempPlan {
    let plan = support::broken_plan();
    plan.write("vision.md", "\n");
    plan
}
