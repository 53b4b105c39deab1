//! `obert diff` and `obert log` on hermetic repositories built with git2: fixed identity and
//! dates, no global git configuration involved.

use crate::support::git::{self, TempRepo};
use crate::support::tools::{have, runs};
use crate::support::{TempPlan, obert_in};

/// A repository around a copy of the valid fixture plan, which its first commit holds.
fn new_repo() -> TempRepo {
    let mut repo = TempRepo::init(TempPlan::valid());
    repo.commit("Start the plan");
    repo
}

/// Runs obert at the root of `repo`: its exit code, stdout and stderr.
fn obert(repo: &TempRepo, args: &[&str]) -> (i32, String, String) {
    let output = repo.obert(args);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A change of most kinds in one commit: a person added, a member gone from the steering
/// group (which breaks its balance), a milestone moved, a section rewritten, a response
/// changed, a rules number.
fn change_everything(repo: &TempRepo) {
    let plan = &repo.plan;
    plan.replace(
        "people.toml",
        "[[person]]\nid = \"e1\"",
        "[[person]]\nid = \"e2\"\nsector = \"expert\"\n\n[[person]]\nid = \"e1\"",
    );
    plan.replace("spaces/motor.toml", "[[member]]\nperson = \"c2\"\n\n", "");
    plan.replace("commitments/a.md", "due = 2022-06-30", "due = 2022-09-30");
    plan.replace(
        "commitments/b.md",
        "Publicar-les.",
        "Publicar-les cada trimestre.",
    );
    plan.replace(
        "contributions/eixos.toml",
        "status = \"out-of-scope\"",
        "status = \"merged\"",
    );
    plan.replace("plan.toml", "members = 5", "members = 6");
    plan.replace(
        "people.toml",
        "phone = \"+34 600 123 456\"",
        "phone = \"+34 600 999 000\"",
    );
}

#[test]
fn diff_between_two_commits_in_three_formats() {
    let mut repo = new_repo();
    change_everything(&repo);
    repo.commit("Change a bit of everything");
    for (name, format) in [
        ("diff_text", "text"),
        ("diff_markdown", "markdown"),
        ("diff_json", "json"),
    ] {
        let (code, stdout, stderr) = obert(
            &repo,
            &[
                "--plan", "plan", "diff", "HEAD~1", "HEAD", "--format", format,
            ],
        );
        assert_eq!(code, 0, "{stderr}");
        // Fixed content, author and dates give fixed commit ids: the snapshot may show them.
        insta::assert_snapshot!(name, stdout);
        for private in ["600 123 456", "600 999 000", "g2.private@example.org"] {
            assert!(!stdout.contains(private), "{private} in the {format} diff");
        }
    }
    // The same change as a range, and with --exit-code.
    let (_, range, _) = obert(&repo, &["--plan", "plan", "diff", "HEAD~1..HEAD"]);
    let (_, pair, _) = obert(&repo, &["--plan", "plan", "diff", "HEAD~1", "HEAD"]);
    assert_eq!(range, pair);
    assert_eq!(
        obert(
            &repo,
            &["--plan", "plan", "diff", "HEAD~1", "HEAD", "--exit-code"]
        )
        .0,
        1
    );
    assert_eq!(
        obert(
            &repo,
            &["--plan", "plan", "diff", "HEAD", "HEAD", "--exit-code"]
        )
        .0,
        0
    );
}

#[test]
fn diff_names_the_findings_a_change_introduces_and_resolves() {
    let mut repo = new_repo();
    repo.plan
        .replace("spaces/motor.toml", "[[member]]\nperson = \"c2\"\n\n", "");
    repo.commit("c2 leaves the steering group");
    let (_, stdout, _) = obert(
        &repo,
        &[
            "--plan", "plan", "diff", "HEAD~1", "HEAD", "--format", "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let introduced = json["findings"]["introduced"].to_string();
    assert!(
        introduced.contains("steering-group-balance"),
        "{introduced}"
    );
    assert_eq!(json["findings"]["resolved"], serde_json::json!([]));
    // Put back (in the working tree): `obert diff` compares HEAD with it, and resolves it.
    repo.plan.replace(
        "spaces/motor.toml",
        "[[meeting]]",
        "[[member]]\nperson = \"c2\"\n\n[[meeting]]",
    );
    let (_, stdout, _) = obert(&repo, &["--plan", "plan", "diff", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert!(
        json["findings"]["resolved"]
            .to_string()
            .contains("steering-group-balance")
    );
    assert_eq!(json["head"], "the working tree");
}

#[test]
fn a_pull_request_diff_starts_where_the_branch_left_main() {
    let mut repo = new_repo();
    let trunk = repo
        .git
        .head()
        .expect("head")
        .shorthand()
        .expect("a branch")
        .to_string();
    {
        let start = repo
            .git
            .head()
            .expect("head")
            .peel_to_commit()
            .expect("commit");
        repo.git.branch("feature", &start, false).expect("branch");
    }
    // The trunk moves on after the branch was made…
    repo.plan.replace("plan.toml", "members = 5", "members = 6");
    repo.commit("The trunk moves on");
    // …and the branch adds a person.
    repo.git.set_head("refs/heads/feature").expect("switch");
    repo.git
        .checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
        .expect("checkout");
    repo.plan.replace(
        "people.toml",
        "[[person]]\nid = \"e1\"",
        "[[person]]\nid = \"e9\"\nsector = \"expert\"\n\n[[person]]\nid = \"e1\"",
    );
    repo.commit("Add e9");
    let range = format!("{trunk}...feature");
    let (code, stdout, stderr) = obert(
        &repo,
        &["--plan", "plan", "diff", &range, "--format", "markdown"],
    );
    assert_eq!(code, 0, "{stderr}");
    // Only the branch's own change, not the trunk's later one.
    assert!(
        stdout.contains("e9") && stdout.contains("1 person added"),
        "{stdout}"
    );
    assert!(!stdout.contains("rules.forum.members"), "{stdout}");
    // Two dots compare the tips: the trunk's change shows, reversed.
    let (_, tips, _) = obert(
        &repo,
        &["--plan", "plan", "diff", &format!("{trunk}..feature")],
    );
    assert!(tips.contains("rules.forum.members: 6 → 5"), "{tips}");
}

#[test]
fn log_of_a_commitment_lists_only_the_commits_that_changed_it() {
    let mut repo = new_repo();
    repo.plan
        .replace("commitments/a.md", "due = 2022-06-30", "due = 2022-07-31");
    repo.commit("Move a's first milestone");
    repo.plan.replace(
        "people.toml",
        "[[person]]\nid = \"e1\"",
        "[[person]]\nid = \"e8\"\nsector = \"expert\"\n\n[[person]]\nid = \"e1\"",
    );
    repo.commit("Add e8");
    repo.plan.replace(
        "commitments/a.md",
        "status = \"draft\"",
        "status = \"agreed\"",
    );
    repo.commit("Agree on a");
    // A rename: the commitment's id becomes `a2`; log follows it.
    let from = repo.plan.path("commitments/a.md");
    std::fs::rename(&from, repo.plan.path("commitments/a2.md")).expect("rename");
    std::fs::rename(
        repo.plan.path("commitments/a.en.md"),
        repo.plan.path("commitments/a2.en.md"),
    )
    .expect("rename");
    repo.commit("Rename a to a2");

    let (code, stdout, stderr) = obert(&repo, &["--plan", "plan", "log", "a2"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("log_commitment", stdout);
    assert!(!stdout.contains("Add e8"), "{stdout}");
    for subject in [
        "Rename a to a2",
        "Agree on a",
        "Move a's first milestone",
        "Start the plan",
    ] {
        assert!(stdout.contains(subject), "`{subject}` missing:\n{stdout}");
    }
    // Newest first.
    let agree = stdout.find("Agree on a").expect("agree");
    let moved = stdout.find("Move a's first milestone").expect("move");
    assert!(agree < moved);
    assert!(
        stdout.contains("2022-06-30 → 2022-07-31 (+31 days)"),
        "{stdout}"
    );

    // -n stops early; the whole plan's log includes the person.
    let (_, one, _) = obert(&repo, &["--plan", "plan", "log", "a2", "-n", "1"]);
    assert_eq!(
        one.matches("\ncommit ").count() + usize::from(one.starts_with("commit ")),
        1
    );
    let (_, all, _) = obert(&repo, &["--plan", "plan", "log"]);
    assert!(all.contains("Add e8"));
    let (code, _, stderr) = obert(&repo, &["--plan", "plan", "log", "nobody"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`nobody`"), "{stderr}");
}

#[test]
fn diff_and_log_outside_a_repository_say_so_and_detached_heads_work() {
    let plan = TempPlan::valid();
    for args in [&["diff"][..], &["log"]] {
        let output = plan.obert(args);
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("is not in a git repository"), "{stderr}");
    }
    assert_eq!(plan.obert(&["check"]).status.code(), Some(0));

    let mut repo = new_repo();
    repo.plan.replace("plan.toml", "members = 5", "members = 6");
    let second = repo.commit("Six");
    repo.git.set_head_detached(second).expect("detach");
    let (code, stdout, stderr) = obert(&repo, &["--plan", "plan", "diff", "HEAD~1", "HEAD"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("rules.forum.members: 5 → 6"), "{stdout}");
    let (code, _, stderr) = obert(&repo, &["--plan", "plan", "diff", "nonexistent"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no revision `nonexistent`"), "{stderr}");
}

#[test]
fn a_shallow_clone_is_told_to_fetch_more_history() {
    if !have("git", runs("git", &["--version"])) {
        return;
    }
    let mut repo = new_repo();
    repo.plan.replace("plan.toml", "members = 5", "members = 6");
    repo.commit("Six");
    let clone = tempfile::tempdir().expect("temporary folder");
    let status = git::command(clone.path())
        .current_dir(clone.path())
        .args(["clone", "--quiet", "--depth", "1"])
        .arg(format!("file://{}", repo.root().display()))
        .arg(clone.path().join("c"))
        .status()
        .expect("git runs");
    assert!(status.success());
    let output = obert_in(&clone.path().join("c"), &["diff", "HEAD~1", "HEAD"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("git fetch --unshallow"), "{stderr}");
    // `log` walks to the boundary, whose parent the clone does not have, and stops there.
    let output = obert_in(&clone.path().join("c"), &["log"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Six"));
}

/// Whether `text` names a gender as a word (so that "woman" is not read as "man").
fn names_a_gender(text: &str) -> Option<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .find(|word| ["woman", "man", "non-binary", "undisclosed"].contains(word))
}

#[test]
fn a_persons_gender_never_shows_in_diff_or_log() {
    let mut repo = new_repo();
    // c1 is recorded as a woman in the fixture.
    assert!(repo.plan.read("people.toml").contains("gender = \"woman\""));
    repo.plan.replace(
        "people.toml",
        "gender = \"woman\"",
        "gender = \"non-binary\"",
    );
    repo.plan.replace(
        "people.toml",
        "[[person]]\nid = \"e1\"",
        "[[person]]\nid = \"e9\"\nsector = \"expert\"\ngender = \"man\"\n\n[[person]]\nid = \"e1\"",
    );
    repo.commit("Record two people's details");
    for format in ["text", "markdown", "json"] {
        let (code, stdout, stderr) = obert(
            &repo,
            &[
                "--plan", "plan", "diff", "HEAD~1", "HEAD", "--format", format,
            ],
        );
        assert_eq!(code, 0, "{stderr}");
        // It says that c1's gender changed, never from what or to what.
        assert!(
            stdout.contains("c1") && stdout.contains("gender"),
            "{stdout}"
        );
        assert_eq!(names_a_gender(&stdout), None, "{format}:\n{stdout}");
    }
    let (_, text, _) = obert(&repo, &["--plan", "plan", "diff", "HEAD~1", "HEAD"]);
    assert!(
        text.contains("  ~ c1 · ") && text.contains("\n      gender: changed (private)\n"),
        "{text}"
    );
    for args in [&["log", "c1"][..], &["log", "e9"], &["log"]] {
        let (code, stdout, stderr) = obert(&repo, &[&["--plan", "plan"][..], args].concat());
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("Record two people's details"), "{stdout}");
        assert_eq!(names_a_gender(&stdout), None, "{args:?}:\n{stdout}");
    }
}

#[test]
fn diff_and_log_name_a_changed_vision_translation() {
    let mut repo = new_repo();
    repo.plan.replace(
        "vision.en.md",
        "decides with its citizens",
        "decides with its people",
    );
    repo.commit("Reword the English vision");
    let (code, stdout, stderr) = obert(&repo, &["--plan", "plan", "diff", "HEAD~1", "HEAD"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.ends_with(
            "\nPlan
  ~ plan
      vision (en): changed
        An administration that opens its data and decides with its [-citizens.-]{+people.+}
"
        ),
        "{stdout}"
    );

    // The English translation gone and a Spanish one come: each is named, and the warning
    // that the vision has no English text is a finding the change introduces.
    std::fs::remove_file(repo.plan.path("vision.en.md")).expect("remove");
    repo.plan
        .write("vision.es.md", "# Visión\n\nUna administración abierta.\n");
    let (_, stdout, _) = obert(&repo, &["--plan", "plan", "diff"]);
    for expected in [
        "      vision (en): removed\n        [-# Vision-]\n        [-An administration that opens its data and decides with its people.-]\n",
        "      vision (es): added\n        {+# Visión+}\n        {+Una administración abierta.+}\n",
        "Findings introduced\n  + warn translation-missing plan.toml:6: `en` is one of the plan's languages, but the vision has no text in it\n",
    ] {
        assert!(stdout.contains(expected), "`{expected}` missing:\n{stdout}");
    }
    repo.commit("Spanish instead of English");

    // The plan's log tells the same, commit by commit.
    let (code, log, stderr) = obert(&repo, &["--plan", "plan", "log", "-n", "2"]);
    assert_eq!(code, 0, "{stderr}");
    let spanish = log
        .find("Spanish instead of English")
        .expect("the last commit");
    let reword = log
        .find("Reword the English vision")
        .expect("the one before");
    assert!(spanish < reword, "{log}");
    assert!(
        log[spanish..reword].contains("      vision (es): added"),
        "{log}"
    );
    assert!(
        log[reword..].contains("      vision (en): changed\n"),
        "{log}"
    );
}

/// A commitment is known by its file: its history is listed even when that file does not
/// read at the tip, and an id that names no file nor entry is still refused.
#[test]
fn log_of_a_commitment_whose_file_is_broken_now_lists_its_history() {
    let mut repo = new_repo();
    repo.plan
        .replace("commitments/a.md", "due = 2022-06-30", "due = 2022-07-31");
    repo.commit("Move a's first milestone");
    repo.plan
        .replace("commitments/a.md", "status = \"draft\"", "status = draft");
    repo.commit("Break a");

    let (code, stdout, stderr) = obert(&repo, &["--plan", "plan", "log", "a"]);
    assert_eq!(code, 0, "{stderr}");
    for subject in ["Break a", "Move a's first milestone", "Start the plan"] {
        assert!(stdout.contains(subject), "`{subject}` missing:\n{stdout}");
    }

    let (code, _, stderr) = obert(&repo, &["--plan", "plan", "log", "nowhere"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("nowhere"), "{stderr}");
}

/// A commitment's history includes its progress reports and assessments, each named as the
/// progress page names it, and leaves out another commitment's.
#[test]
fn log_of_a_commitment_follows_its_progress_and_assessments() {
    let mut repo = new_repo();
    repo.plan.append(
        "progress/a.toml",
        "\n[[report]]\ndate = 2022-11-10\nmilestone = \"2\"\nstatus = \"limited\"\npercent = 20\n",
    );
    repo.commit("Report on a's portal");
    repo.plan.write(
        "progress/b.toml",
        "[[report]]\ndate = 2022-11-10\nstatus = \"not-started\"\n",
    );
    repo.commit("Report on b");
    repo.plan.append(
        "assessments/a.toml",
        "\n[[assessment]]\nby = \"monitoring-body\"\nkind = \"end-of-commitment\"\ndate = 2023-06-30\ncompletion = \"substantial\"\n",
    );
    repo.commit("Assess a at its end");

    let (code, stdout, stderr) = obert(&repo, &["--plan", "plan", "log", "a"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stdout.contains("Report on b"), "{stdout}");
    for line in [
        "Report on a's portal",
        "report of 2022-11-10 on milestone 1.2 «Portal»: limited · 20%",
        "Assess a at its end",
        "monitoring-body end-of-commitment of commitment 1 «Compromís a» (2023-06-30): completion substantial",
    ] {
        assert!(stdout.contains(line), "`{line}` missing:\n{stdout}");
    }
}

/// A commit that changes only a commitment's translation belongs to its history.
#[test]
fn log_of_a_commitment_lists_a_change_to_its_translation_alone() {
    let mut repo = new_repo();
    repo.plan.replace(
        "commitments/a.en.md",
        "Data is not published.",
        "Data is not published anywhere.",
    );
    repo.commit("Translate a's problem better");
    repo.plan
        .write("commitments/a.fr.md", "## Problème {#problem}\n\nRien.\n");
    repo.commit("Translate a into French");
    repo.plan.replace("commitments/b.en.md", "## ", "## The ");
    repo.commit("Touch b's translation");

    let (code, stdout, stderr) = obert(&repo, &["--plan", "plan", "log", "a"]);
    assert_eq!(code, 0, "{stderr}");
    for subject in ["Translate a's problem better", "Translate a into French"] {
        assert!(stdout.contains(subject), "`{subject}` missing:\n{stdout}");
    }
    assert!(stdout.contains("anywhere"), "{stdout}");
    assert!(!stdout.contains("Touch b's translation"), "{stdout}");
}

/// `obert log | head`: a reader that stops early ends the log quietly, with success, as it
/// ends `check`.
#[test]
fn a_log_read_only_in_part_ends_quietly() {
    use std::io::Read as _;
    let mut repo = new_repo();
    // One commit whose changes are far more than a pipe holds, so that obert is still
    // writing when the reader goes.
    let mut people = String::new();
    for n in 0..3000 {
        people.push_str(&format!(
            "\n[[person]]\nid = \"p{n}\"\norganisation = \"ajuntament\"\nname = \"Persona {n}\"\npublic = true\n"
        ));
    }
    repo.plan.append("people.toml", &people);
    repo.commit("Three thousand people join");
    let mut child = crate::support::obert_command(repo.root())
        .args(["--plan", "plan", "log"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("obert starts");
    let mut stdout = child.stdout.take().expect("its output");
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).expect("the log starts");
    drop(stdout);
    let output = child.wait_with_output().expect("obert ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

/// An entry's log takes a plan over from the commit it read last when every file it would
/// read is the same blob; a commit the log skips (it changed no file the log follows) may
/// still have changed a file the plan is read with, such as a translation, and the older
/// commit's plan is then read again. Otherwise that change would show in the older commit.
#[test]
fn log_of_a_commitment_reads_again_what_a_skipped_commit_changed() {
    let mut repo = new_repo();
    repo.plan
        .replace("commitments/a.md", "due = 2022-06-30", "due = 2022-07-31");
    repo.commit("Move a's first milestone");
    repo.plan.replace(
        "commitments/a.en.md",
        "Data is not published.",
        "Data is not published anywhere.",
    );
    repo.commit("Reword the translation of a");
    repo.plan.replace(
        "commitments/a.md",
        "status = \"draft\"",
        "status = \"agreed\"",
    );
    repo.commit("Agree on a");

    let (code, stdout, stderr) = obert(&repo, &["--plan", "plan", "log", "a"]);
    assert_eq!(code, 0, "{stderr}");
    let moved = stdout
        .find("Move a's first milestone")
        .expect("the move is shown");
    let start = stdout.find("Start the plan").expect("the start is shown");
    let of_the_move = &stdout[moved..start];
    assert!(
        of_the_move.contains("2022-06-30 → 2022-07-31"),
        "{of_the_move}"
    );
    assert!(!of_the_move.contains("(en)"), "{stdout}");
    // What the log shows of a plan read fresh at each commit.
    let (_, whole, _) = obert(&repo, &["--plan", "plan", "log"]);
    let reworded = whole
        .find("Reword the translation of a")
        .expect("the plan's log shows the rewording");
    assert!(whole[reworded..].contains("(en)"), "{whole}");
}

/// `log` lists commits newest first by commit time, as `git log` does, also across a
/// merge: a branch's commit made after one on main comes first, though the merge's first
/// parent is main's.
#[test]
fn log_lists_a_merged_branch_by_commit_time() {
    let repo = new_repo();
    let git = &repo.git;
    let start = git
        .head()
        .and_then(|h| h.peel_to_commit())
        .expect("a commit");
    let at = |hours: i64| {
        let time = git2::Time::new(git::EPOCH + 3600 * hours, 0);
        git2::Signature::new(git::NAME, git::EMAIL, &time).expect("a signature")
    };
    let tree_now = || {
        let mut index = git.index().expect("the index");
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .expect("add all");
        index.write().expect("write the index");
        git.find_tree(index.write_tree().expect("a tree"))
            .expect("the tree")
    };
    // The branch: a milestone moved, three hours in, on no branch name.
    repo.plan
        .replace("commitments/a.md", "due = 2022-06-30", "due = 2022-07-31");
    let moved = git
        .commit(
            None,
            &at(3),
            &at(3),
            "Move a's milestone",
            &tree_now(),
            &[&start],
        )
        .expect("a commit");
    // Main: a status changed two hours in, on the first plan.
    repo.plan
        .replace("commitments/a.md", "due = 2022-07-31", "due = 2022-06-30");
    repo.plan.replace(
        "commitments/a.md",
        "status = \"draft\"",
        "status = \"agreed\"",
    );
    let agreed = git
        .commit(
            Some("HEAD"),
            &at(2),
            &at(2),
            "Agree on a",
            &tree_now(),
            &[&start],
        )
        .expect("a commit");
    // The merge, four hours in, main first.
    repo.plan
        .replace("commitments/a.md", "due = 2022-06-30", "due = 2022-07-31");
    let parents = [
        &git.find_commit(agreed).expect("main"),
        &git.find_commit(moved).expect("the branch"),
    ];
    git.commit(
        Some("HEAD"),
        &at(4),
        &at(4),
        "Merge the move",
        &tree_now(),
        &parents,
    )
    .expect("a merge");

    let (code, stdout, stderr) = obert(&repo, &["--plan", "plan", "log"]);
    assert_eq!(code, 0, "{stderr}");
    let order: Vec<usize> = [
        "Merge the move",
        "Move a's milestone",
        "Agree on a",
        "Start the plan",
    ]
    .iter()
    .map(|subject| {
        stdout
            .find(subject)
            .unwrap_or_else(|| panic!("{subject}:\n{stdout}"))
    })
    .collect();
    assert!(order.is_sorted(), "{stdout}");
}
