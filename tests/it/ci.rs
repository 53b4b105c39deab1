//! What CI and editors see: the JSON Schemas shipped in `schema/` are current, an
//! independent validator (Python's jsonschema) accepts every plan file with them and rejects
//! broken ones; and the terminal conventions (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`, `-q`,
//! `-v`).

use std::path::Path;
use std::process::Command;

use crate::support::bless::assert_generated;
use crate::support::git::TempRepo;
use crate::support::tools::{self, have};
use crate::support::{
    FIXTURES, ROOT, SHIPPED_PLAN, SHIPPED_SCOTLAND, TempPlan, obert_command, obert_in,
    path_with_obert,
};

#[test]
fn the_shipped_schemas_are_current() {
    for (name, text) in obert::format::schema::all() {
        assert_generated(
            &format!("schema/{name}"),
            &text,
            "`OBERT_BLESS=1 cargo test --test it ci::` (or `obert schema --out schema`)",
        );
    }
}

/// Validates each plan file against its schema with Python's jsonschema (draft 2020-12,
/// formats checked), reading TOML with Python's own tomllib: nothing of obert's is
/// involved but the schemas. Prints one line per file: `ok path` or `invalid path: why`.
const VALIDATE: &str = r#"
import json, sys, tomllib, datetime, pathlib
from jsonschema import Draft202012Validator
schemas, root = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def plain(v):
    if isinstance(v, (datetime.date, datetime.datetime, datetime.time)): return v.isoformat()
    if isinstance(v, dict): return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list): return [plain(x) for x in v]
    return v
def front_matter(text):
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    return "".join(lines[1:end])
checks = [("plan.toml", "plan"), ("organisations.toml", "organisations"), ("people.toml", "people")]
checks += [(str(p.relative_to(root)), "space") for p in sorted(root.glob("spaces/*.toml"))]
checks += [(str(p.relative_to(root)), "contributions") for p in sorted(root.glob("contributions/*.toml"))]
checks += [(str(p.relative_to(root)), "commitment") for p in sorted(root.glob("commitments/*.md")) if p.stem.count(".") == 0]
for path, kind in checks:
    text = (root / path).read_text(encoding="utf-8")
    if kind == "commitment": text = front_matter(text)
    schema = json.loads((schemas / f"{kind}.schema.json").read_text())
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(plain(tomllib.loads(text))), key=lambda e: list(e.path))
    if errors:
        print(f"invalid {path}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors))
    else:
        print(f"ok {path}")
"#;

fn validate(plan: &Path) -> String {
    let output = Command::new("python3")
        .args(["-c", VALIDATE])
        .arg(Path::new(ROOT).join("schema"))
        .arg(plan)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "the validator failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_schemas_accept_every_valid_plan_file() {
    if !have("Python's jsonschema", tools::jsonschema()) {
        return;
    }
    for plan in [
        Path::new(SHIPPED_PLAN).to_path_buf(),
        Path::new(SHIPPED_SCOTLAND).to_path_buf(),
        Path::new(FIXTURES).join("valid"),
    ] {
        let report = validate(&plan);
        assert!(!report.contains("invalid"), "{report}");
        // Every kind of file was looked at.
        for file in [
            "plan.toml",
            "people.toml",
            "spaces/",
            "contributions/",
            "commitments/",
        ] {
            assert!(
                report.contains(&format!("ok {file}")),
                "{file} not validated: {report}"
            );
        }
    }
}

#[test]
fn the_schemas_reject_unknown_keys_wrong_words_and_wrong_types() {
    if !have("Python's jsonschema", tools::jsonschema()) {
        return;
    }
    let plan = TempPlan::valid();
    // An unknown key, a word outside its list, a wrong type, a bad id, one in each file.
    plan.replace("people.toml", "id = \"g1\"", "id = \"g1\"\nnmae = \"x\"");
    plan.replace(
        "organisations.toml",
        "sector = \"public-administration\"",
        "sector = \"goverment\"",
    );
    plan.replace(
        "spaces/motor.toml",
        "date = 2021-05-10",
        "date = \"next week\"",
    );
    plan.replace("commitments/a.md", "number = 1", "number = \"one\"");
    plan.replace("contributions/eixos.toml", "supports = 3", "supports = -3");
    plan.replace(
        "plan.toml",
        "stage = \"co-creation\"",
        "stage = \"cocreation\"",
    );
    let report = validate(&plan.root());
    for (file, why) in [
        ("people.toml", "'nmae' was unexpected"),
        ("organisations.toml", "'goverment' is not one of"),
        ("spaces/motor.toml", "is not a 'date'"),
        ("commitments/a.md", "is not of type 'integer'"),
        ("contributions/eixos.toml", "less than the minimum"),
        ("plan.toml", "'cocreation' is not one of"),
    ] {
        let line = report
            .lines()
            .find(|l| l.starts_with(&format!("invalid {file}:")))
            .unwrap_or_else(|| panic!("{file} passed:\n{report}"));
        assert!(line.contains(why), "{line}");
    }
    // And obert itself reports the same files.
    let check = plan.obert(&["check", "--format", "json"]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    for rule in ["unknown-field", "invalid-value"] {
        assert!(stdout.contains(rule), "{stdout}");
    }
}

#[test]
fn schema_lists_or_writes_the_schemas() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let listed = obert_in(dir.path(), &["schema"]);
    assert!(listed.status.success());
    let stdout = String::from_utf8_lossy(&listed.stdout);
    assert!(stdout.contains("schema/people.schema.json"), "{stdout}");
    assert!(!dir.path().join("schema").exists(), "listing wrote files");
    let out = dir.path().join("editor");
    let written = obert_in(dir.path(), &["schema", "--out", "editor"]);
    assert!(written.status.success());
    for (name, text) in obert::format::schema::all() {
        assert_eq!(
            std::fs::read_to_string(out.join(name)).expect("written"),
            text
        );
    }
}

/// `obert check` on a plan with one finding, with the given flags and environment.
fn check(flags: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let plan = TempPlan::valid();
    plan.replace("people.toml", "id = \"g1\"", "id = \"g1\"\nnmae = \"x\"");
    let mut command = obert_command(plan.dir.path());
    command
        .args(["--plan", "plan"])
        .args(flags)
        .arg("check")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("obert runs");
    assert_eq!(output.status.code(), Some(1));
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn colour_follows_the_flag_and_the_environment() {
    let coloured = |out: &str| out.contains("\u{1b}[");
    // Not a terminal: no colour unless asked for.
    assert!(!coloured(&check(&[], &[]).0));
    assert!(coloured(&check(&["--color", "always"], &[]).0));
    assert!(!coloured(
        &check(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]).0
    ));
    assert!(coloured(&check(&[], &[("CLICOLOR_FORCE", "1")]).0));
    assert!(!coloured(&check(&[], &[("CLICOLOR_FORCE", "0")]).0));
    assert!(!coloured(
        &check(&[], &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]).0
    ));
}

#[test]
fn quiet_prints_only_findings_and_verbose_adds_counts_and_times() {
    let (normal, _) = check(&[], &[]);
    let (quiet, quiet_err) = check(&["-q"], &[]);
    assert!(normal.contains("checked 18 files"), "{normal}");
    assert!(!quiet.contains("checked"), "{quiet}");
    assert!(quiet.contains("error[unknown-field]"), "{quiet}");
    assert!(quiet_err.is_empty(), "{quiet_err}");
    let (verbose, verbose_err) = check(&["-v"], &[]);
    assert_eq!(verbose, normal, "-v changes stderr only");
    assert!(
        verbose_err.contains("obert: read 18 files ("),
        "{verbose_err}"
    );
    assert!(verbose_err.contains("obert: done in"), "{verbose_err}");

    // Edits: -q leaves nothing but errors.
    let plan = TempPlan::valid();
    let output = plan.obert(&["-q", "org", "set", "consell", "level", "regional"]);
    assert!(output.status.success());
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
}

/// The `run:` commands of a workflow file, in order (every step here is one line).
fn run_commands(workflow: &str) -> Vec<String> {
    workflow
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("run: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_workflow_for_new_plans_runs_the_same_steps_as_this_repository() {
    let template =
        std::fs::read_to_string(Path::new(ROOT).join("templates/ci/github-workflow.yml"))
            .expect("template");
    let own = std::fs::read_to_string(Path::new(ROOT).join(".github/workflows/plan.yml"))
        .expect("this repository's workflow");
    // Both install obert with its action (action.yml): this repository from its own
    // checkout, a plan repository from obert's repository at a tag.
    assert!(own.contains("        uses: ./ # action.yml"), "{own}");
    assert!(
        template.contains("        uses: {obert-action}\n"),
        "{template}"
    );
    assert!(Path::new(ROOT).join("action.yml").is_file());
    let (template_text, template, own) = (
        template.clone(),
        run_commands(&template),
        run_commands(&own),
    );
    assert_eq!(template, own);

    // `obert init` writes it into a new repository, and leaves one that exists alone.
    let dir = tempfile::tempdir().expect("temporary folder");
    let init = obert_in(dir.path(), &["init", "fresh"]);
    assert!(init.status.success());
    let written = std::fs::read_to_string(dir.path().join("fresh/.github/workflows/obert.yml"))
        .expect("the workflow");
    assert_eq!(run_commands(&written), template);
    let action = obert::scaffold::action::find(None).map_or_else(
        || {
            format!(
                "OWNER/obert@v{} # set this to where obert lives",
                env!("CARGO_PKG_VERSION")
            )
        },
        |action| action.reference,
    );
    assert_eq!(
        written,
        template_text.replace("{obert-action}", &action),
        "only the action's reference is filled in"
    );
    std::fs::create_dir_all(dir.path().join("kept/.github/workflows")).expect("folder");
    std::fs::write(
        dir.path().join("kept/.github/workflows/obert.yml"),
        "mine\n",
    )
    .expect("write");
    assert!(obert_in(dir.path(), &["init", "kept"]).status.success());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("kept/.github/workflows/obert.yml")).expect("kept"),
        "mine\n"
    );
}

/// Runs the workflow's steps (all but installing obert, which is the binary under test) in
/// a repository holding `plan`, as the CI runner would, and returns each step's outcome.
fn run_workflow(plan: &TempPlan) -> Vec<(String, bool, String)> {
    let workflow = std::fs::read_to_string(Path::new(ROOT).join(".github/workflows/plan.yml"))
        .expect("workflow");
    let path = path_with_obert();
    run_commands(&workflow)
        .into_iter()
        // Installing obert (the binary under test stands in) and talking to GitHub's API
        // cannot run here.
        .filter(|command| !command.starts_with("cargo install") && !command.starts_with("gh "))
        .map(|command| {
            let output = Command::new("bash")
                .args(["-eo", "pipefail", "-c", &command])
                .current_dir(plan.dir.path())
                .env("PATH", &path)
                // What GitHub sets for a pull request into `main`.
                .env("BASE", "main")
                .env_remove("OBERT_PLAN")
                .output()
                .expect("bash runs");
            let text = String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr);
            (command, output.status.success(), text)
        })
        .collect()
}

#[test]
fn the_workflow_steps_pass_on_a_good_plan_and_point_at_the_line_of_a_bad_one() {
    let mut repo = TempRepo::init(TempPlan::copy_of(Path::new(SHIPPED_PLAN)));
    // The pull request's base as actions/checkout leaves it: `origin/main`, one commit
    // before HEAD, which renames an organisation.
    let base = repo.commit("The plan on main");
    repo.git
        .reference(
            "refs/remotes/origin/main",
            base,
            true,
            "the pull request's base",
        )
        .expect("origin/main");
    repo.plan.replace(
        "organisations.toml",
        "name = \"Universitat de Lleida\"",
        "name = \"Universitat de Lleida (UdL)\"",
    );
    repo.commit("Name the UdL as it signs");
    let plan = &repo.plan;
    for (command, ok, output) in run_workflow(plan) {
        assert!(ok, "`{command}` failed on the shipped plan:\n{output}");
    }
    assert!(plan.dir.path().join("out/action-plan.html").is_file());
    let sarif = std::fs::read_to_string(plan.dir.path().join("obert.sarif")).expect("SARIF");
    assert!(sarif.contains("\"version\": \"2.1.0\""), "{sarif}");
    // The pull-request comment says what changed, in plan terms.
    let comment = std::fs::read_to_string(plan.dir.path().join("plan-diff.md")).expect("diff");
    assert!(
        comment.contains("Universitat de Lleida (UdL)")
            && comment.contains("1 organisation changed"),
        "{comment}"
    );

    plan.replace(
        "people.toml",
        "id = \"xgt-1\"",
        "id = \"xgt-1\"\nnmae = \"x\"",
    );
    let line = plan
        .read("people.toml")
        .lines()
        .position(|l| l.starts_with("nmae"))
        .expect("the bad line")
        + 1;
    let steps = run_workflow(plan);
    let (command, ok, output) = &steps[0];
    assert_eq!(command, "obert check --format github");
    assert!(!ok, "the check step passed on a broken plan");
    assert!(
        output.contains(&format!("::error file=plan/people.toml,line={line},")),
        "{output}"
    );
    // The report and the document are still made, so the pull request shows them.
    assert!(steps.iter().skip(2).all(|(_, ok, _)| *ok), "{steps:?}");
}

/// taplo: on PATH, or where .ci/run installs it.
fn taplo() -> Option<std::path::PathBuf> {
    let installed = Path::new(ROOT).join("target/tools/node_modules/.bin/taplo");
    if installed.is_file() {
        return Some(installed);
    }
    Command::new("taplo")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "taplo".into())
}

/// The editor path of docs/ci.md, with taplo (the engine of those editors): `obert schema
/// --out schema` and the `.taplo.toml` the doc shows. taplo accepts the shipped plan and
/// flags an unknown key.
#[test]
fn an_editor_validates_plan_files_as_docs_ci_says() {
    let Some(taplo) = taplo() else {
        have("taplo", false);
        return;
    };
    let plan = TempPlan::copy_of(Path::new(SHIPPED_PLAN));
    let repo = plan.dir.path();
    assert!(
        obert_in(repo, &["schema", "--out", "schema"])
            .status
            .success()
    );
    let doc = std::fs::read_to_string(Path::new(ROOT).join("docs/ci.md")).expect("docs/ci.md");
    let config = doc
        .split("```toml\n")
        .find(|block| block.contains("[[rule]]"))
        .and_then(|block| block.split("```").next())
        .expect("the .taplo.toml of docs/ci.md");
    let config: String = config
        .lines()
        .map(|l| format!("{}\n", l.trim_start()))
        .collect();
    std::fs::write(repo.join(".taplo.toml"), config).expect("written");
    let lint = |files: &[&str]| {
        Command::new(&taplo)
            .arg("lint")
            .args(files)
            .current_dir(repo)
            .env("RUST_LOG", "error")
            .output()
            .expect("taplo runs")
    };
    let files = [
        "plan/plan.toml",
        "plan/organisations.toml",
        "plan/people.toml",
        "plan/spaces/agora.toml",
        "plan/contributions/eixos.toml",
    ];
    let clean = lint(&files);
    assert!(
        clean.status.success(),
        "{}",
        String::from_utf8_lossy(&clean.stderr)
    );
    plan.replace(
        "people.toml",
        "id = \"xgt-1\"",
        "id = \"xgt-1\"\nnmae = \"x\"",
    );
    let broken = lint(&["plan/people.toml"]);
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(!broken.status.success());
    assert!(stderr.contains("'nmae' was unexpected"), "{stderr}");
}
