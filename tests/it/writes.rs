//! Writes that respect what is at the path, and edits that never leave the plan half
//! written: `-o` writes through a symbolic link and into a FIFO without replacing either;
//! `--out` refuses someone else's folder; an import killed between its two files is
//! finished by the next edit; temporary files stay out of `git status`.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::git::TempRepo;
use crate::support::{FIXTURES, TempPlan, obert_command};

#[test]
fn render_writes_through_a_symbolic_link_and_keeps_it() {
    let plan = TempPlan::valid();
    let out = plan.root().parent().expect("a parent").join("published");
    std::fs::create_dir_all(&out).expect("a folder");
    std::fs::write(out.join("plan.html"), "old").expect("the old document");
    let link = plan.root().parent().expect("a parent").join("plan.html");
    std::os::unix::fs::symlink(out.join("plan.html"), &link).expect("a link");
    // A link to a file that does not exist yet is written through too.
    let dangling = plan.root().parent().expect("a parent").join("plan.md");
    std::os::unix::fs::symlink(out.join("plan.md"), &dangling).expect("a link");

    let output = plan.obert(&["render", "-o", link.to_str().expect("UTF-8")]);
    assert!(output.status.success(), "{output:?}");
    let output = plan.obert(&[
        "render",
        "--format",
        "md",
        "-o",
        dangling.to_str().expect("UTF-8"),
    ]);
    assert!(output.status.success(), "{output:?}");

    for (link, target) in [(&link, "plan.html"), (&dangling, "plan.md")] {
        let metadata = std::fs::symlink_metadata(link).expect("the link");
        assert!(metadata.file_type().is_symlink(), "{link:?} was replaced");
        let written = std::fs::read_to_string(out.join(target)).expect("the target");
        assert!(written.contains("Pla de prova"), "{target} was not written");
    }
}

#[test]
fn render_writes_into_a_fifo_without_replacing_it() {
    let plan = TempPlan::valid();
    let fifo = plan.root().parent().expect("a parent").join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
    };
    let output = plan.obert(&[
        "render",
        "--format",
        "md",
        "-o",
        fifo.to_str().expect("UTF-8"),
    ]);
    assert!(output.status.success(), "{output:?}");
    let read = reader.join().expect("the reader");
    assert!(read.contains("Pla de prova"), "the pipe got: {read}");
    let metadata = std::fs::symlink_metadata(&fifo).expect("the pipe");
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&metadata.file_type()),
        "the FIFO was replaced by a regular file"
    );
}

#[test]
fn render_to_a_folder_is_refused() {
    let plan = TempPlan::valid();
    let output = plan.obert(&["render", "-o", "."]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("it is a folder"));
}

#[test]
fn out_refuses_a_folder_of_someone_elses_files() {
    let dir = tempfile::tempdir().expect("a folder");
    std::fs::write(dir.path().join("notes.txt"), "mine").expect("a file");
    for command in [["schema", "--out"], ["man", "--out"]] {
        let output = obert_command(dir.path())
            .args(command)
            .arg(dir.path())
            .output()
            .expect("obert runs");
        assert_eq!(output.status.code(), Some(2), "{command:?}: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("`notes.txt`"), "{stderr}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert_eq!(left.len(), 1, "files were written into the folder");

    // Its own output it may write again.
    let own = dir.path().join("schema");
    for _ in 0..2 {
        let output = obert_command(dir.path())
            .args(["schema", "--out"])
            .arg(&own)
            .output()
            .expect("obert runs");
        assert!(output.status.success(), "{output:?}");
    }
}

/// A Decidim export whose two proposals fall in two phases, so that the import writes two
/// contributions files.
fn two_phase_import(plan: &TempPlan) -> std::path::PathBuf {
    plan.replace(
        "spaces/online.toml",
        "[[phase]]\nid = \"eixos\"",
        "[[phase]]\nid = \"compromisos\"\ntitle = \"Consulta sobre els compromisos\"\nstart = 2021-06-10\nend = 2021-07-31\n\n[[phase]]\nid = \"eixos\"",
    );
    let csv = std::fs::read_to_string(Path::new(FIXTURES).join("decidim/proposals-comma-bom.csv"))
        .expect("the fixture");
    let csv = csv.replacen("2021-05-25 18:00:00 +0200", "2021-06-20 18:00:00 +0200", 1);
    let path = plan.root().parent().expect("a parent").join("export.csv");
    std::fs::write(&path, csv).expect("the export");
    path
}

#[test]
fn an_import_killed_between_its_files_is_finished_by_the_next_edit() {
    let plan = TempPlan::valid();
    let export = two_phase_import(&plan);
    let mut repo = TempRepo::init(plan);
    repo.commit("A plan with two phases");
    let plan = &repo.plan;
    let eixos_before = plan.read("contributions/eixos.toml");

    let mut child = obert_command(repo.root())
        .args(["--plan", "plan", "contribution", "import"])
        .arg(&export)
        .env("OBERT_TEST_PAUSE_BETWEEN_RENAMES_MS", "20000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("obert runs");
    // Killed as soon as the first file is in place, before the second.
    let start = Instant::now();
    let first_done = || {
        plan.path("contributions/compromisos.toml").exists()
            || plan.read("contributions/eixos.toml") != eixos_before
    };
    while !first_done() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the import wrote nothing"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().expect("kill");
    let _ = child.wait();
    let half = plan.path("contributions/compromisos.toml").exists()
        != (plan.read("contributions/eixos.toml") != eixos_before);
    assert!(half, "the kill did not fall between the two files");

    // Nothing of the edit shows in `git status` but the file it renamed.
    let status = repo.git.statuses(None).expect("git status");
    let shown: Vec<String> = status
        .iter()
        .filter_map(|entry| entry.path().ok().map(str::to_string))
        .collect();
    assert!(
        shown.iter().all(|path| !path.contains(".obert-")),
        "temporary files in git status: {shown:?}"
    );

    // The next edit finishes the import first: both files, with the import's rows.
    let output = repo.obert(&["fmt"]);
    assert!(output.status.success(), "{output:?}");
    let compromisos = plan.read("contributions/compromisos.toml");
    let eixos = plan.read("contributions/eixos.toml");
    assert!(
        compromisos.contains("TEST-PROP-2021-05-102"),
        "{compromisos}"
    );
    assert!(eixos.contains("TEST-PROP-2021-05-101"), "{eixos}");
    let git_folder = repo.root().join(".git/obert");
    let left: Vec<_> = std::fs::read_dir(&git_folder)
        .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "left in {git_folder:?}: {left:?}");
}
