//! `--rev`: the plan read from a git revision, without a checkout. Every repository here is
//! built with git2 in a temporary folder, with fixed signatures and times, so no test
//! depends on the user's git configuration.

use std::path::Path;
use std::process::Output;

use crate::support;
use crate::support::git::TempRepo;
use crate::support::tools::{have, runs};
use crate::support::{FIXTURES, TempPlan, code, copy_dir, obert_in, snapshot, stderr, stdout};
use git2::Repository;
use obert::history::git::{self, GitError};
use obert::source::{Read, Source};

/// A repository whose first commit is the valid fixture plan at `plan/`.
fn with_valid_plan() -> TempRepo {
    let mut repo = TempRepo::init(TempPlan::valid());
    repo.commit("A valid plan");
    repo
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("no JSON ({e}): {}{}", stdout(output), stderr(output)))
}

/// The 1-based line of the first line of `text` that holds `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    let index = text
        .lines()
        .position(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is not in the text"));
    index as u64 + 1
}

/// The (file, line, message) of every finding of a `check --format json`.
fn findings(report: &serde_json::Value) -> Vec<(String, u64, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().expect("file").to_string(),
                f["line"].as_u64().expect("line"),
                f["message"].as_str().expect("message").to_string(),
            )
        })
        .collect()
}

/// The valid plan, then a commit that adds an unknown key to people.toml, then an
/// uncommitted change that adds another.
fn broken_in_head() -> TempRepo {
    let mut repo = with_valid_plan();
    repo.plan.replace(
        "people.toml",
        "id = \"c2\"\n",
        "id = \"c2\"\nnickname = \"Cesc\"\n",
    );
    repo.commit("Give c2 a nickname");
    repo.plan.replace(
        "people.toml",
        "public = true\n",
        "public = true\nshoe_size = 42\n",
    );
    repo
}

#[test]
fn check_at_a_revision_reads_that_revision() {
    let repo = broken_in_head();
    let committed = {
        let commit = repo
            .git
            .revparse_single("HEAD:plan/people.toml")
            .expect("the blob");
        let blob = commit.peel_to_blob().expect("a blob");
        String::from_utf8(blob.content().to_vec()).expect("UTF-8")
    };

    let before = repo.obert(&["check", "--rev", "HEAD~1", "--format", "json"]);
    assert_eq!(code(&before), 0, "{}", stderr(&before));
    assert_eq!(findings(&json(&before)), vec![]);

    let at_head = repo.obert(&["check", "--rev", "HEAD", "--format", "json"]);
    let at_head_findings = findings(&json(&at_head));
    assert_eq!(at_head_findings.len(), 1, "{at_head_findings:?}");
    let (file, line, message) = &at_head_findings[0];
    assert_eq!(file, "plan/people.toml");
    assert_eq!(*line, line_of(&committed, "nickname"));
    assert!(message.contains("nickname"), "{message}");

    // The working tree has one more: the uncommitted key, and the committed one a line
    // further down.
    let now = repo.obert(&["check", "--format", "json"]);
    let now_findings = findings(&json(&now));
    let working = repo.plan.read("people.toml");
    let lines: Vec<(String, u64)> = now_findings
        .iter()
        .map(|(file, line, _)| (file.clone(), *line))
        .collect();
    assert_eq!(
        lines,
        vec![
            (
                "plan/people.toml".to_string(),
                line_of(&working, "shoe_size")
            ),
            (
                "plan/people.toml".to_string(),
                line_of(&working, "nickname")
            ),
        ]
    );
    assert_ne!(
        line_of(&working, "nickname"),
        line_of(&committed, "nickname")
    );
}

#[test]
fn check_at_a_revision_equals_check_on_its_checkout() {
    let repo = broken_in_head();
    for rev in ["HEAD~1", "HEAD"] {
        let checkout = tempfile::tempdir().expect("temporary folder");
        repo.export(rev, checkout.path());
        let expected = obert_in(checkout.path(), &["check", "--format", "json"]);
        let actual = repo.obert(&["check", "--rev", rev, "--format", "json"]);
        assert_eq!(code(&actual), code(&expected), "{rev}: {}", stderr(&actual));
        assert_eq!(json(&actual), json(&expected), "{rev}");
        for format in ["github", "sarif"] {
            let expected = obert_in(checkout.path(), &["check", "--format", format]);
            let actual = repo.obert(&["check", "--rev", rev, "--format", format]);
            if format == "github" {
                assert_eq!(stdout(&actual), stdout(&expected), "{rev} {format}");
            } else {
                // SARIF names the checkout's folder; the results must be the same.
                assert_eq!(
                    json(&actual)["runs"][0]["results"],
                    json(&expected)["runs"][0]["results"],
                    "{rev} {format}"
                );
            }
        }
    }
}

#[test]
fn check_human_names_the_revision_once() {
    let repo = broken_in_head();
    let output = repo.obert(&["check", "--rev", "HEAD"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    insta::assert_snapshot!("check_rev_human", stdout(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "checking the plan as it was at HEAD ({} Give c2 a nickname)\n",
            repo.short_id("HEAD")
        )
    );
    let quiet = repo.obert(&["-q", "check", "--rev", "HEAD"]);
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn a_revision_is_found_from_a_subfolder_and_with_plan() {
    let repo = broken_in_head();
    // The same plan folder as `check` finds from there, at the revision.
    let from_spaces = obert_in(
        &repo.plan.path("spaces"),
        &["check", "--rev", "HEAD", "--format", "json"],
    );
    assert_eq!(code(&from_spaces), 1, "{}", stderr(&from_spaces));
    let report = json(&from_spaces);
    let shown = repo.plan.path("people.toml").display().to_string();
    let files: Vec<String> = findings(&report).into_iter().map(|f| f.0).collect();
    let working = obert_in(&repo.plan.path("spaces"), &["check", "--format", "json"]);
    assert_eq!(
        json(&working)["plan"],
        report["plan"],
        "shown as `check` shows it"
    );
    assert_eq!(files, vec![shown]);

    let with_plan = repo.obert(&["--plan", "plan", "check", "--rev", "HEAD~1"]);
    assert_eq!(code(&with_plan), 0, "{}", stderr(&with_plan));
    let with_root = repo.obert(&["--plan", ".", "check", "--rev", "HEAD", "--format", "json"]);
    assert_eq!(
        findings(&json(&with_root))
            .into_iter()
            .map(|f| f.0)
            .collect::<Vec<_>>(),
        vec!["plan/people.toml".to_string()]
    );
}

/// The valid plan, then a commit with a new title, a new person and the plan's own
/// document template; the working tree then changes the template again.
fn grown_in_head() -> TempRepo {
    let mut repo = with_valid_plan();
    repo.plan
        .replace("plan.toml", "Pla de prova", "Pla revisat");
    let people = repo.plan.read("people.toml");
    repo.plan.write(
        "people.toml",
        format!("{people}\n[[person]]\nid = \"n1\"\nsector = \"expert\"\n"),
    );
    repo.plan
        .write("templates/document.md", "From the revision: {{ 1 + 1 }}\n");
    repo.commit("Retitle the plan, add n1, our own template");
    repo.plan
        .write("templates/document.md", "From the working tree\n");
    repo
}

fn ids(report: &serde_json::Value) -> Vec<String> {
    report
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row["id"].as_str().expect("an id").to_string())
        .collect()
}

#[test]
fn list_at_a_revision_lists_its_entries() {
    let repo = grown_in_head();
    let before = repo.obert(&["list", "people", "--rev", "HEAD~1", "--format", "json"]);
    assert_eq!(code(&before), 0, "{}", stderr(&before));
    let after = repo.obert(&["list", "people", "--rev", "HEAD", "--format", "json"]);
    let (before, after) = (ids(&json(&before)), ids(&json(&after)));
    assert!(!before.contains(&"n1".to_string()), "{before:?}");
    assert!(after.contains(&"n1".to_string()), "{after:?}");
    assert_eq!(after.len(), before.len() + 1);
}

#[test]
fn status_at_a_revision_reports_on_it() {
    let repo = grown_in_head();
    let before = repo.obert(&["status", "--rev", "HEAD~1"]);
    assert_eq!(code(&before), 0, "{}", stderr(&before));
    let before = stdout(&before);
    assert!(before.starts_with("Pla de prova\n"), "{before}");
    let head = repo.short_id("HEAD~1");
    assert!(
        before.contains(&format!("\nas it was at HEAD~1 ({head} A valid plan)\n\n")),
        "{before}"
    );
    let after = stdout(&repo.obert(&["status", "--rev", "HEAD"]));
    assert!(after.starts_with("Pla revisat\n"), "{after}");
    // Without `--rev`, the report is as it always was.
    let now = stdout(&repo.obert(&["status"]));
    assert!(!now.contains("as it was at"), "{now}");
}

#[test]
fn render_at_a_revision_uses_its_plan_and_templates() {
    let repo = grown_in_head();
    let render = |rev: Option<&str>| -> String {
        let mut args = vec!["render", "--format", "md", "-o", "-"];
        if let Some(rev) = rev {
            args.extend(["--rev", rev]);
        }
        let output = repo.obert(&args);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        stdout(&output)
    };
    // HEAD~1 had no templates/: obert's own, and the old title.
    let before = render(Some("HEAD~1"));
    assert!(before.contains("Pla de prova"), "{before}");
    assert!(!before.contains("Pla revisat"), "{before}");
    // HEAD has its own template, which the working tree has changed since.
    assert_eq!(render(Some("HEAD")), "From the revision: 2\n");
    assert_eq!(render(None), "From the working tree\n");
    // Nothing is left behind in the working tree.
    assert!(!repo.root().join("out").exists());
}

#[test]
fn rev_needs_a_repository() {
    let plan = TempPlan::valid();
    assert!(
        Repository::discover(plan.dir.path()).is_err(),
        "the temporary folder is inside a repository"
    );
    for args in [
        &["check", "--rev", "HEAD"][..],
        &["status", "--rev", "HEAD"],
        &["list", "people", "--rev", "HEAD"],
        &["render", "--rev", "HEAD", "-o", "-"],
    ] {
        let output = plan.obert(args);
        assert_eq!(code(&output), 2, "{args:?}");
        let message = stderr(&output);
        assert!(message.contains("is not in a git repository"), "{message}");
        assert!(message.contains("work without it"), "{message}");
    }
    let output = plan.obert(&["check"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

#[test]
fn a_revision_that_does_not_exist() {
    let repo = with_valid_plan();
    let output = repo.obert(&["check", "--rev", "nope"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "error: no revision `nope` in this repository\n"
    );
    // The first commit has no parent.
    let output = repo.obert(&["check", "--rev", "HEAD~1"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("no revision `HEAD~1`"));
    assert!(!stderr(&output).contains("shallow"));
}

#[test]
fn a_revision_that_is_not_a_commit() {
    let repo = with_valid_plan();
    let output = repo.obert(&["check", "--rev", "HEAD^{tree}"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("`HEAD^{tree}` is a tree (a folder), not a commit"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_revision_from_before_the_plan() {
    let mut repo = TempRepo::init(TempPlan::not_yet());
    std::fs::write(repo.root().join("README.md"), "A plan, soon.\n").expect("writable file");
    repo.commit("Start");
    copy_dir(&Path::new(FIXTURES).join("valid"), &repo.plan.root());
    repo.commit("The plan");
    repo.git
        .tag_lightweight(
            "v0.1",
            &repo
                .git
                .revparse_single("HEAD~1")
                .expect("the first commit"),
            false,
        )
        .expect("a tag");
    let output = repo.obert(&["check", "--rev", "v0.1"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        format!(
            "error: the plan folder `plan/` did not exist at `v0.1` ({})\n",
            repo.short_id("v0.1")
        )
    );
    let output = repo.obert(&["check", "--rev", "v0.1", "--format", "json"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stdout(&output),
        "",
        "no report for a plan that was not there"
    );
    assert_eq!(code(&repo.obert(&["check", "--rev", "HEAD"])), 0);
}

#[test]
fn a_shallow_clone_hints_at_fetching_history() {
    let repo = broken_in_head();
    if !have("git", runs("git", &["--version"])) {
        return;
    }
    let clone = tempfile::tempdir().expect("temporary folder");
    let target = clone.path().join("clone");
    let url = format!("file://{}", repo.root().display());
    let made = support::git::command(clone.path())
        .current_dir(clone.path())
        .args(["clone", "--quiet", "--depth", "1", &url])
        .arg(&target)
        .output()
        .expect("git runs");
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(Repository::open(&target).expect("the clone").is_shallow());

    let output = obert_in(&target, &["check", "--rev", "HEAD~1"]);
    assert_eq!(code(&output), 2);
    let message = stderr(&output);
    assert!(message.contains("no revision `HEAD~1`"), "{message}");
    assert!(message.contains("shallow clone"), "{message}");
    assert!(message.contains("git fetch --unshallow"), "{message}");
    assert!(message.contains("fetch-depth: 0"), "{message}");
    // What the clone does have reads as anywhere else.
    let output = obert_in(&target, &["check", "--rev", "HEAD", "--format", "json"]);
    assert_eq!(findings(&json(&output)).len(), 1, "{}", stderr(&output));
}

#[test]
fn a_detached_head_is_a_revision_too() {
    let repo = broken_in_head();
    let first = repo
        .git
        .revparse_single("HEAD~1")
        .expect("the first commit")
        .id();
    repo.git.set_head_detached(first).expect("a detached HEAD");
    let output = repo.obert(&["check", "--rev", "HEAD", "--format", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(findings(&json(&output)), vec![]);
    let status = stdout(&repo.obert(&["status", "--rev", "HEAD"]));
    assert!(
        status.contains(&format!(
            "as it was at HEAD ({} A valid plan)",
            repo.short_id("HEAD")
        )),
        "{status}"
    );
}

#[test]
fn the_working_tree_and_index_are_left_alone() {
    let repo = broken_in_head();
    let index_before = std::fs::read(repo.root().join(".git/index")).expect("the index");
    let tree_before = snapshot(repo.root());
    for args in [
        &["check", "--rev", "HEAD~1"][..],
        &["status", "--rev", "HEAD~1"],
        &["list", "people", "--rev", "HEAD~1"],
        &["render", "--rev", "HEAD~1", "-o", "-"],
    ] {
        repo.obert(args);
    }
    assert_eq!(snapshot(repo.root()), tree_before);
    assert_eq!(
        std::fs::read(repo.root().join(".git/index")).expect("the index"),
        index_before
    );
}

#[test]
fn a_source_reads_files_lists_folders_and_refuses_folders_as_files() {
    let repo = grown_in_head();
    let cwd = repo.root();
    let (source, info) = git::open(None, cwd, "HEAD").expect("the plan at HEAD");
    assert_eq!(info.rev, "HEAD");
    assert_eq!(info.summary, "Retitle the plan, add n1, our own template");
    assert_eq!(info.short_id, repo.short_id("HEAD"));
    assert_eq!(source.plan_dir(), "plan");

    let Read::Bytes(bytes) = source.read("plan.toml").expect("readable") else {
        panic!("plan.toml is there");
    };
    assert!(
        String::from_utf8(bytes)
            .expect("UTF-8")
            .contains("Pla revisat")
    );
    assert!(matches!(source.read("nothing.toml"), Ok(Read::Missing)));
    assert!(matches!(source.read("spaces/none.toml"), Ok(Read::Missing)));
    assert!(source.read("spaces").is_err(), "a folder is not a file");
    assert!(matches!(source.read("../README.md"), Ok(Read::Missing)));

    assert_eq!(
        source.list("spaces").expect("a folder"),
        vec![
            "forum.toml",
            "gt-a.toml",
            "gt-b.toml",
            "motor.toml",
            "online.toml"
        ]
    );
    assert_eq!(
        source.list("templates").expect("a folder"),
        vec!["document.md"]
    );
    assert!(source.list("nowhere").expect("no folder").is_empty());
    // Files only, as in the working tree.
    assert!(
        !source
            .list("")
            .expect("the plan folder")
            .contains(&"spaces".to_string())
    );
    assert!(source.list("plan.toml").is_err(), "a file is not a folder");

    assert!(source.exists("minutes/forum-p1.md"));
    assert!(source.exists("spaces"));
    assert!(!source.exists("minutes/none.md"));
    // Shown from the process's current folder, as `DirSource` shows paths.
    assert_eq!(
        source.display_path("people.toml"),
        repo.plan.path("people.toml").display().to_string()
    );

    let (old, _) = git::open(Some(Path::new("plan")), cwd, "HEAD~1").expect("HEAD~1");
    assert_eq!(
        old.list("templates").expect("no folder"),
        Vec::<String>::new()
    );
}

#[test]
fn ranges_resolve_to_their_two_ends() {
    let mut repo = with_valid_plan();
    let base = repo.git.head().expect("HEAD").target().expect("a commit");
    let main = repo
        .git
        .head()
        .expect("HEAD")
        .shorthand()
        .expect("a branch name")
        .to_string();
    repo.git
        .branch(
            "topic",
            &repo.git.find_commit(base).expect("the base"),
            false,
        )
        .expect("a branch");
    repo.plan
        .replace("plan.toml", "Pla de prova", "Pla revisat");
    let on_main = repo.commit("On main");
    // Commit on topic without touching the working tree: HEAD moves to topic first.
    repo.git.set_head("refs/heads/topic").expect("topic");
    repo.plan.replace("plan.toml", "Pla revisat", "Pla de tema");
    let on_topic = repo.commit("On topic");
    let cwd = repo.root();

    let (from, to) = git::resolve_range(None, cwd, &format!("{main}..topic")).expect("a range");
    assert_eq!((from.as_str(), to.as_str()), (main.as_str(), "topic"));

    let (from, to) =
        git::resolve_range(None, cwd, &format!("{main}...topic")).expect("a merge-base range");
    assert_eq!(from, base.to_string());
    assert_eq!(to, "topic");

    let (from, to) = git::resolve_range(None, cwd, &format!("{main}..")).expect("to HEAD");
    assert_eq!((from.as_str(), to.as_str()), (main.as_str(), "HEAD"));

    let repo_handle = git::PlanRepo::discover(None, cwd).expect("the repository");
    let (a, b) = repo_handle
        .resolve_range(&format!("{main}...topic"))
        .expect("the ends");
    assert_eq!((a.id, b.id), (base, on_topic));
    let (a, _) = repo_handle
        .resolve_range(&format!("topic..{main}"))
        .expect("the ends");
    assert_eq!(a.id, on_topic);
    let (source, info) = repo_handle.source_at(on_main).expect("the plan on main");
    assert_eq!(info.rev, info.short_id);
    assert!(matches!(source.read("plan.toml"), Ok(Read::Bytes(_))));

    assert!(matches!(
        git::resolve_range(None, cwd, "topic"),
        Err(GitError::NotARange(_))
    ));
    let error = git::resolve_range(None, cwd, "nope..topic").expect_err("no such revision");
    assert_eq!(error.to_string(), "no revision `nope` in this repository");
}
