//! `obert init`: the plan it writes passes (example) or loads cleanly (blank), it never
//! overwrites a plan, and it leaves an existing repository's history alone.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use crate::support::git;
use crate::support::{
    SHIPPED_PLAN, SHIPPED_SCOTLAND, code, obert_command, show, snapshot, stderr, stdout,
};

/// Runs obert in `cwd` with a home of its own, so that no git configuration of the machine
/// it runs on can change what `init` does.
fn obert(cwd: &Path, home: &Path, args: &[&str]) -> Output {
    git::hermetic(&mut obert_command(cwd), home)
        .args(args)
        .output()
        .expect("obert runs")
}

/// A temporary folder with a `home` and a `work` folder in it.
struct Sandbox {
    tmp: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir(tmp.path().join("home")).expect("home folder");
        std::fs::create_dir(tmp.path().join("work")).expect("work folder");
        Sandbox { tmp }
    }

    fn work(&self) -> std::path::PathBuf {
        self.tmp.path().join("work")
    }

    /// Runs obert in the work folder.
    fn obert(&self, args: &[&str]) -> Output {
        self.obert_in(&self.work(), args)
    }

    fn obert_in(&self, cwd: &Path, args: &[&str]) -> Output {
        obert(cwd, &self.tmp.path().join("home"), args)
    }
}

fn same_files(actual: &BTreeMap<String, Vec<u8>>, expected: &BTreeMap<String, Vec<u8>>) {
    let names = |files: &BTreeMap<String, Vec<u8>>| files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(actual), names(expected));
    for (name, bytes) in expected {
        assert!(actual[name] == *bytes, "`{name}` differs");
    }
}

#[test]
fn the_example_is_the_shipped_plan_and_passes() {
    let sandbox = Sandbox::new();
    let output = sandbox.obert(&["init", "my-plan"]);
    assert_eq!(code(&output), 0, "{}", show(&output));
    let out = stdout(&output);
    assert!(
        out.starts_with("created plan/ with the example plan catalunya ("),
        "{out}"
    );
    assert!(
        out.contains("in a new git repository (branch main) at my-plan\n"),
        "{out}"
    );
    for step in ["cd my-plan", "obert check", "obert status", "git add plan"] {
        assert!(
            out.contains(step),
            "`{step}` is not among the next steps:\n{out}"
        );
    }

    let dir = sandbox.work().join("my-plan");
    // Byte for byte, and no file more or less: the embedded list cannot go stale.
    same_files(
        &snapshot(&dir.join("plan")),
        &snapshot(Path::new(SHIPPED_PLAN)),
    );
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitignore")).expect("written"),
        "/out/\n"
    );

    let repository = git2::Repository::open(&dir).expect("a git repository");
    assert!(
        repository.head().is_err(),
        "init must not commit: the facilitator makes the first commit"
    );
    // The branch the workflow it writes runs on, whatever git's own default.
    let head = repository.find_reference("HEAD").expect("HEAD");
    assert_eq!(
        head.symbolic_target().ok().flatten(),
        Some("refs/heads/main")
    );

    let check = sandbox.obert_in(&dir, &["check"]);
    assert_eq!(code(&check), 0, "{}", show(&check));
    assert!(stdout(&check).contains("no findings"), "{}", show(&check));
    let check = sandbox.obert_in(&dir, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    assert_eq!(json["findings"], serde_json::json!([]), "{}", show(&check));
}

#[test]
fn each_example_is_its_folder_in_the_repository() {
    let sandbox = Sandbox::new();
    // (arguments, the folder they name, the example, its folder in obert's repository)
    let cases: [(&[&str], &str, &str, &str); 4] = [
        (&["init", "a", "--example"], "a", "catalunya", SHIPPED_PLAN),
        (
            &["init", "b", "--example", "catalunya"],
            "b",
            "catalunya",
            SHIPPED_PLAN,
        ),
        (
            &["init", "--example", "scotland", "c"],
            "c",
            "scotland",
            SHIPPED_SCOTLAND,
        ),
        (
            &["init", "d", "--example=scotland"],
            "d",
            "scotland",
            SHIPPED_SCOTLAND,
        ),
    ];
    for (args, dir, name, folder) in cases {
        let output = sandbox.obert(args);
        assert_eq!(code(&output), 0, "{}", show(&output));
        let expected = format!("created plan/ with the example plan {name} (");
        assert!(stdout(&output).starts_with(&expected), "{}", show(&output));
        // Byte for byte, and no file more or less: the embedded lists cannot go stale.
        same_files(
            &snapshot(&sandbox.work().join(dir).join("plan")),
            &snapshot(Path::new(folder)),
        );
        let check = sandbox.obert_in(&sandbox.work().join(dir), &["check", "--deny-warnings"]);
        assert_eq!(code(&check), 0, "{}", show(&check));
    }
}

#[test]
fn an_unknown_example_is_a_usage_error_that_lists_the_examples() {
    let sandbox = Sandbox::new();
    // A folder right after `--example` is taken for the example's name: refused, with the
    // names, and nothing written.
    for args in [
        ["init", "--example", "wales"],
        ["init", "--example", "my-plan"],
    ] {
        let output = sandbox.obert(&args);
        assert_eq!(code(&output), 2, "{}", show(&output));
        let err = stderr(&output);
        assert!(
            err.contains(&format!("invalid value '{}'", args[2])),
            "{err}"
        );
        assert!(err.contains("catalunya, scotland"), "{err}");
        assert!(stdout(&output).is_empty(), "{}", show(&output));
    }
    assert!(snapshot(&sandbox.work()).is_empty());
}

#[test]
fn the_blank_skeleton_loads_and_says_what_is_missing() {
    let sandbox = Sandbox::new();
    let output = sandbox.obert(&["init", "--blank"]);
    assert_eq!(code(&output), 0, "{}", show(&output));
    let out = stdout(&output);
    assert!(out.contains("a blank plan"), "{out}");
    assert!(out.contains("in the current folder"), "{out}");
    assert!(!out.contains("\n  cd "), "{out}");
    for step in ["obert org add", "obert person add", "obert space add"] {
        assert!(
            out.contains(step),
            "`{step}` is not among the next steps:\n{out}"
        );
    }

    let plan = sandbox.work().join("plan");
    for folder in ["spaces", "commitments", "contributions", "minutes"] {
        assert!(plan.join(folder).join(".gitkeep").is_file(), "{folder}");
    }

    let check = sandbox.obert(&["check", "--format", "json"]);
    assert_eq!(code(&check), 1, "{}", show(&check));
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|finding| finding["rule"].as_str().expect("a rule"))
        .collect();
    assert!(rules.contains(&"space-missing"), "{rules:?}");
    assert!(rules.contains(&"commitment-count"), "{rules:?}");
    // The skeleton's vision is a prompt in a comment, not yet a vision.
    assert!(rules.contains(&"vision-missing"), "{rules:?}");
    // What is left to fill in is said: the empty title and member.
    let empty: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["rule"] == "invalid-value")
        .map(|finding| finding["message"].as_str().expect("a message"))
        .collect();
    assert_eq!(empty, ["`title` is empty", "`member` is empty"]);
    for rule in ["parse-error", "unknown-field", "missing-file"] {
        assert!(
            !rules.contains(&rule),
            "the skeleton itself must load cleanly: {rules:?}"
        );
    }
    let status = sandbox.obert(&["status"]);
    assert_eq!(code(&status), 0, "{}", show(&status));
}

#[test]
fn a_second_init_refuses_and_changes_nothing() {
    let sandbox = Sandbox::new();
    assert_eq!(code(&sandbox.obert(&["init", "p"])), 0);
    let before = snapshot(&sandbox.work());

    for args in [["init", "p", "--blank"], ["init", "p", "--example"]] {
        let output = sandbox.obert(&args);
        assert_eq!(code(&output), 2, "{}", show(&output));
        assert!(
            stderr(&output).contains("a plan already exists at `p/plan/plan.toml`"),
            "{}",
            show(&output)
        );
        assert!(stdout(&output).is_empty(), "{}", show(&output));
    }
    same_files(&snapshot(&sandbox.work()), &before);
}

#[test]
fn refuses_a_plan_at_the_root_and_a_plan_folder_in_use() {
    let sandbox = Sandbox::new();
    let work = sandbox.work();
    std::fs::create_dir_all(work.join("root")).expect("folder");
    std::fs::write(work.join("root/plan.toml"), "title = \"\"\n").expect("written");
    std::fs::create_dir_all(work.join("used/plan")).expect("folder");
    std::fs::write(work.join("used/plan/notes.md"), "mine\n").expect("written");
    let before = snapshot(&work);

    let output = sandbox.obert(&["init", "root"]);
    assert_eq!(code(&output), 2, "{}", show(&output));
    assert!(
        stderr(&output).contains("`root/plan.toml`"),
        "{}",
        show(&output)
    );

    let output = sandbox.obert(&["init", "used", "--blank"]);
    assert_eq!(code(&output), 2, "{}", show(&output));
    assert!(
        stderr(&output).contains("`used/plan` already exists"),
        "{}",
        show(&output)
    );

    same_files(&snapshot(&work), &before);
}

#[test]
fn an_empty_plan_folder_is_filled() {
    let sandbox = Sandbox::new();
    std::fs::create_dir(sandbox.work().join("plan")).expect("folder");
    let output = sandbox.obert(&["init", "--blank"]);
    assert_eq!(code(&output), 0, "{}", show(&output));
    assert!(sandbox.work().join("plan/plan.toml").is_file());
}

#[test]
fn an_existing_repository_keeps_its_history() {
    let sandbox = Sandbox::new();
    let dir = sandbox.work();
    let repository = git::init(&dir);
    std::fs::write(dir.join("README.md"), "Our plan\n").expect("written");
    let first = git::commit_all(&repository, "First", git::EPOCH);
    // Not committed.
    std::fs::write(dir.join(".gitignore"), "/target/\n").expect("written");
    let head_ref = repository.head().expect("HEAD").name().map(String::from);

    let output = sandbox.obert(&["init"]);
    assert_eq!(code(&output), 0, "{}", show(&output));
    let out = stdout(&output);
    assert!(out.contains("in the existing git repository"), "{out}");
    // The repository's own .gitignore is left as it was, and not offered for commit.
    assert!(!out.contains(".gitignore"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitignore")).expect("readable"),
        "/target/\n"
    );

    let repository = git2::Repository::open(&dir).expect("still a repository");
    let head = repository.head().expect("HEAD");
    assert_eq!(head.name().map(String::from), head_ref);
    assert_eq!(head.target(), Some(first));
    assert!(dir.join("plan/plan.toml").is_file());
}

#[test]
fn bad_arguments_and_places_exit_2() {
    let sandbox = Sandbox::new();
    let output = sandbox.obert(&["init", "--example", "--blank"]);
    assert_eq!(code(&output), 2, "{}", show(&output));
    assert!(
        stderr(&output).contains("cannot be used with"),
        "{}",
        show(&output)
    );

    std::fs::write(sandbox.work().join("a-file"), "").expect("written");
    for target in ["a-file", "a-file/inside"] {
        let output = sandbox.obert(&["init", target]);
        assert_eq!(code(&output), 2, "{}", show(&output));
        assert!(
            stderr(&output).contains("`a-file` is a file, not a folder"),
            "{}",
            show(&output)
        );
    }
    let left: Vec<String> = snapshot(&sandbox.work()).into_keys().collect();
    assert_eq!(left, ["a-file"]);
}

#[test]
fn init_ignores_the_plan_option() {
    let sandbox = Sandbox::new();
    let output = sandbox.obert(&["--plan", "elsewhere", "init", "here"]);
    assert_eq!(code(&output), 0, "{}", show(&output));
    assert!(sandbox.work().join("here/plan/plan.toml").is_file());
    assert!(!sandbox.work().join("elsewhere").exists());
}

/// Turns the skeleton's commented-out keys and tables into real ones, as a facilitator
/// filling it in would: each must then still load without a finding about itself.
fn uncomment(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let rest = line.strip_prefix("# ").unwrap_or("");
        let key = rest.split_once(" = ").map_or("", |(key, _)| key);
        let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '-');
        if rest.starts_with('[') || is_key {
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_skeletons_commented_examples_are_valid() {
    let sandbox = Sandbox::new();
    assert_eq!(code(&sandbox.obert(&["init", "--blank"])), 0);
    for file in ["plan.toml", "organisations.toml", "people.toml"] {
        let path = sandbox.work().join("plan").join(file);
        let text = std::fs::read_to_string(&path).expect("readable");
        let filled = uncomment(&text);
        assert!(filled != text, "{file} has no commented example");
        std::fs::write(&path, filled).expect("written");
    }
    let check = sandbox.obert(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    let findings = json["findings"].as_array().expect("findings");
    let rules: Vec<&str> = findings
        .iter()
        .map(|finding| finding["rule"].as_str().expect("a rule"))
        .collect();
    // Only what the skeleton leaves to fill in: the spaces, commitments, vision, and the
    // title and member, written empty.
    let left_to_fill = |finding: &serde_json::Value| {
        ["space-missing", "commitment-count", "vision-missing"]
            .contains(&finding["rule"].as_str().unwrap_or_default())
            || (finding["rule"] == "invalid-value"
                && finding["message"]
                    .as_str()
                    .is_some_and(|m| m.ends_with("is empty")))
    };
    assert!(findings.iter().all(left_to_fill), "{findings:#?}");
    assert!(!rules.is_empty());
}

/// A facilitator whose git starts repositories on another branch gets that branch.
#[test]
fn a_new_repository_starts_on_the_configured_default_branch() {
    let sandbox = Sandbox::new();
    let home = sandbox.tmp.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    std::fs::write(home.join(".gitconfig"), "[init]\n\tdefaultBranch = trunk\n")
        .expect("gitconfig");
    let output = sandbox.obert(&["init", "my-plan", "--blank"]);
    assert_eq!(code(&output), 0, "{}", show(&output));
    assert!(
        stdout(&output).contains("in a new git repository (branch trunk) at my-plan"),
        "{}",
        show(&output)
    );
    let repository =
        git2::Repository::open(sandbox.work().join("my-plan")).expect("a git repository");
    let head = repository.find_reference("HEAD").expect("HEAD");
    assert_eq!(
        head.symbolic_target().ok().flatten(),
        Some("refs/heads/trunk")
    );
}

/// The `uses:` line of the workflow `init` wrote into `work/<dir>`.
fn uses_line(sandbox: &Sandbox, dir: &str) -> String {
    let workflow = std::fs::read_to_string(
        sandbox
            .work()
            .join(dir)
            .join(obert::scaffold::WORKFLOW_PATH),
    )
    .expect("the workflow");
    workflow
        .lines()
        .find(|line| line.trim_start().starts_with("uses: ") && line.contains("obert"))
        .expect("a uses: line for obert")
        .trim()
        .to_string()
}

#[test]
fn the_workflow_names_the_action_it_is_given() {
    let sandbox = Sandbox::new();
    let output = sandbox.obert(&["init", "given", "--action", "my-org/obert@v9.1.0"]);
    assert_eq!(code(&output), 0, "{}", show(&output));
    assert_eq!(uses_line(&sandbox, "given"), "uses: my-org/obert@v9.1.0");
    assert!(
        stdout(&output).contains("with obert's action my-org/obert@v9.1.0 (as given)"),
        "{}",
        stdout(&output)
    );

    let output = sandbox.obert(&["init", "refused", "--action", "obert"]);
    assert_eq!(code(&output), 2, "{}", show(&output));
    assert!(
        stderr(&output).contains("`obert` is not an action reference; give it as OWNER/REPO@REF"),
        "{}",
        stderr(&output)
    );
    assert!(
        !sandbox.work().join("refused").exists(),
        "nothing is written"
    );
}

/// An obert that `cargo install --git` put in `$CARGO_HOME/bin` knows where it came from:
/// cargo recorded the repository and tag in `.crates2.json`.
#[cfg(unix)]
#[test]
fn an_obert_installed_from_github_names_its_own_repository() {
    let sandbox = Sandbox::new();
    let cargo_home = sandbox.tmp.path().join("cargo");
    std::fs::create_dir_all(cargo_home.join("bin")).expect("bin folder");
    let installed = cargo_home.join("bin/obert");
    std::os::unix::fs::symlink(crate::support::OBERT, &installed).expect("install obert");
    std::fs::write(
        cargo_home.join(".crates2.json"),
        r#"{"installs":{"obert 0.2.0 (git+https://github.com/open-gov/obert?tag=v0.2.0#0123456789abcdef0123456789abcdef01234567)":{"bins":["obert"]}}}"#,
    )
    .expect("install record");
    let record = std::fs::read(cargo_home.join(".crates2.json")).expect("record");
    let run = |binary: &Path, cargo_home: &Path, dir: &str| {
        let mut command = std::process::Command::new(binary);
        command
            .current_dir(sandbox.work())
            .env_remove("OBERT_PLAN")
            .env("NO_COLOR", "1")
            .env("CARGO_HOME", cargo_home);
        git::hermetic(&mut command, &sandbox.tmp.path().join("home"))
            .args(["init", dir])
            .output()
            .expect("obert runs")
    };

    let output = run(&installed, &cargo_home, "installed");
    assert_eq!(code(&output), 0, "{}", show(&output));
    assert_eq!(
        uses_line(&sandbox, "installed"),
        "uses: open-gov/obert@v0.2.0"
    );
    assert!(
        stdout(&output).contains("(from the repository cargo installed obert from)"),
        "{}",
        stdout(&output)
    );

    // The same record says nothing about an obert that is not the one cargo installed.
    if !env!("CARGO_PKG_REPOSITORY").is_empty() {
        return;
    }
    let other_home = sandbox.tmp.path().join("other-cargo");
    std::fs::create_dir_all(other_home.join("bin")).expect("bin folder");
    std::fs::write(other_home.join("bin/obert"), "another program\n").expect("other obert");
    std::fs::write(other_home.join(".crates2.json"), record).expect("install record");
    let output = run(Path::new(crate::support::OBERT), &other_home, "elsewhere");
    assert_eq!(code(&output), 0, "{}", show(&output));
    assert!(
        uses_line(&sandbox, "elsewhere").starts_with("uses: OWNER/obert@v"),
        "{}",
        uses_line(&sandbox, "elsewhere")
    );
    assert!(
        stdout(&output).contains("or run `obert init --action OWNER/REPO@REF`"),
        "{}",
        stdout(&output)
    );
}
