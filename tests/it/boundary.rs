//! The plan folder is a boundary: a plan from an untrusted pull request cannot make
//! `check` or `render` read a file outside it (through a symbolic link, in the working tree
//! or in a git revision), read a device or a FIFO, or read more than the size limit. Each
//! refusal is an `unsafe-path` finding at the file, and nothing of what lies beyond the link
//! reaches the output.

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::git::TempRepo;
use crate::support::{TempPlan, check_json, obert_command};

/// A file outside the plan folder, holding a secret the output must never show.
const SECRET: &str = "ci-secret-7f3a9c";

fn secret_beside(plan: &TempPlan) -> std::path::PathBuf {
    let outside = plan.root().parent().expect("a parent").join("secret.md");
    std::fs::write(&outside, format!("# Vision\n\n{SECRET}\n")).expect("the secret file");
    outside
}

fn link(plan: &TempPlan, file: &str, target: &Path) {
    let path = plan.path(file);
    let _ = std::fs::remove_file(&path);
    std::os::unix::fs::symlink(target, &path).expect("a symbolic link");
}

/// `obert args…` on the plan, killed (and the test failed) if it has not finished within
/// `limit`: a read that blocks for ever must show as a failure, not a hung suite.
fn obert_within(plan: &TempPlan, args: &[&str], limit: Duration) -> Output {
    let mut child = obert_command(plan.root().parent().expect("a parent"))
        .args([&["--plan", "plan"], args].concat())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("obert runs");
    let start = Instant::now();
    while child.try_wait().expect("a status").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("obert {args:?} still ran after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("its output")
}

/// The `unsafe-path` findings of `check` on the plan, as `file: message` lines; a check that
/// blocks fails the test.
fn refused_by_check(plan: &TempPlan) -> Vec<String> {
    let output = obert_within(
        plan,
        &["check", "--format", "json"],
        Duration::from_secs(30),
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    findings_of(&json, "unsafe-path")
}

/// The findings of `rule` as `file: message` lines.
fn findings_of(json: &serde_json::Value, rule: &str) -> Vec<String> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| format!("{}: {}", f["plan_file"], f["message"]))
        .collect()
}

#[test]
fn a_vision_linked_out_of_the_plan_is_refused_and_never_shown() {
    let plan = TempPlan::valid();
    let outside = secret_beside(&plan);
    link(&plan, "vision.md", &outside);

    let output = plan.obert(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("unsafe-path"), "{text}");
    assert!(text.contains("vision.md"), "{text}");
    assert!(!text.contains(SECRET), "the secret is in check's output");

    for format in ["html", "md"] {
        let output = plan.obert(&["render", "--format", format, "-o", "-"]);
        assert!(output.status.success());
        let document = String::from_utf8_lossy(&output.stdout);
        assert!(
            !document.contains(SECRET),
            "the secret is in the {format} document"
        );
    }
}

#[test]
fn links_to_system_files_and_devices_are_refused() {
    let plan = TempPlan::valid();
    link(&plan, "vision.md", Path::new("/proc/self/environ"));
    link(&plan, "commitments/a.md", Path::new("/etc/passwd"));
    // /dev/zero has no end: read whole, it would fill the memory.
    link(&plan, "contributions/eixos.toml", Path::new("/dev/zero"));
    let refused = refused_by_check(&plan);
    for file in ["vision.md", "commitments/a.md", "contributions/eixos.toml"] {
        assert!(
            refused.iter().any(|f| f.contains(file)),
            "{file} not refused: {refused:?}"
        );
    }
    let output = obert_within(&plan, &["check"], Duration::from_secs(30));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains("root:"), "/etc/passwd is in the output");
    assert!(!text.contains("PATH="), "the environment is in the output");
}

#[test]
fn a_fifo_in_the_plan_neither_blocks_nor_is_read() {
    let plan = TempPlan::valid();
    std::fs::remove_file(plan.path("vision.md")).expect("remove the vision");
    let made = std::process::Command::new("mkfifo")
        .arg(plan.path("vision.md"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let refused = refused_by_check(&plan);
    assert!(
        refused
            .iter()
            .any(|f| f.contains("vision.md") && f.contains("not a regular file")),
        "{refused:?}"
    );
    let output = obert_within(&plan, &["render", "-o", "-"], Duration::from_secs(30));
    assert!(output.status.success());
}

/// A file a user names on the command line (a sheet, an export) is read the way plan files
/// are: a FIFO is refused at once rather than waited on.
#[test]
fn a_fifo_named_as_a_sheet_or_an_export_is_refused_not_waited_on() {
    let plan = TempPlan::valid();
    let fifo = plan.root().parent().expect("a parent").join("people.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    for args in [
        &["person", "import", "people.csv"][..],
        &["contribution", "import", "people.csv"],
    ] {
        let output = obert_within(&plan, args, Duration::from_secs(30));
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("not a regular file"),
            "{args:?}: {output:?}"
        );
    }
}

#[test]
fn a_folder_linked_out_of_the_plan_is_not_listed() {
    let plan = TempPlan::valid();
    let outside = plan.root().parent().expect("a parent").join("elsewhere");
    std::fs::create_dir_all(&outside).expect("a folder");
    std::fs::write(outside.join("id_rsa-private-name.toml"), "x = 1\n").expect("a file");
    std::fs::remove_dir_all(plan.path("contributions")).expect("remove the folder");
    std::os::unix::fs::symlink(&outside, plan.path("contributions")).expect("a link");
    let output = plan.obert(&["check"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(all.contains("leads out of the plan folder"), "{all}");
    assert!(
        !all.contains("id_rsa-private-name"),
        "a name from outside: {all}"
    );
}

#[test]
fn links_that_stay_inside_the_plan_are_followed() {
    let plan = TempPlan::valid();
    std::fs::rename(plan.path("vision.md"), plan.path("minutes/vision-text.md")).expect("move");
    link(&plan, "vision.md", Path::new("minutes/vision-text.md"));
    let (code, json) = check_json(&plan);
    assert!(findings_of(&json, "unsafe-path").is_empty(), "{json:#}");
    assert_eq!(code, 0, "{json:#}");
}

#[test]
fn a_plan_template_linked_out_of_the_plan_is_refused() {
    let plan = TempPlan::valid();
    let outside = secret_beside(&plan);
    std::fs::create_dir_all(plan.path("templates")).expect("templates/");
    std::os::unix::fs::symlink(&outside, plan.path("templates/document.md")).expect("a link");
    let output = plan.obert(&["render", "--format", "md", "-o", "-"]);
    assert_eq!(output.status.code(), Some(2));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(all.contains("leads out of the plan folder"), "{all}");
    assert!(!all.contains(SECRET));
}

#[test]
fn a_symbolic_link_in_a_git_revision_is_refused() {
    let plan = TempPlan::valid();
    link(&plan, "vision.md", Path::new("/etc/passwd"));
    let mut repo = TempRepo::init(plan);
    repo.commit("Link the vision to a system file");
    let output = repo.obert(&["check", "--rev", "HEAD", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let refused = findings_of(&json, "unsafe-path");
    assert!(
        refused
            .iter()
            .any(|f| f.contains("vision.md") && f.contains("git revision")),
        "{refused:?}"
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains("root:"));
}

/// Addresses the document links to may only be http, https or mailto: a `javascript:` link
/// in the page a citizen opens would run in their browser.
#[test]
fn links_other_than_http_https_and_mailto_are_invalid_values() {
    for hostile in [
        "javascript:alert(document.domain)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\\tscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
    ] {
        let plan = TempPlan::valid();
        plan.replace(
            "plan.toml",
            "website = \"https://example.org/pla\"",
            &format!("website = \"{hostile}\""),
        );
        plan.replace(
            "spaces/online.toml",
            "url = \"https://example.org/processos/pla\"",
            &format!("url = \"{hostile}\"\nrules-url = \"{hostile}\""),
        );
        let (code, json) = check_json(&plan);
        assert_eq!(code, 1, "{hostile}");
        let invalid = findings_of(&json, "invalid-value");
        for file in ["plan.toml", "spaces/online.toml"] {
            assert!(
                invalid
                    .iter()
                    .any(|f| f.contains(file) && f.contains("not an http, https or mailto")),
                "{hostile} in {file}: {invalid:?}"
            );
        }
        let page = plan.obert(&["render", "-o", "-"]);
        let page = String::from_utf8_lossy(&page.stdout).to_lowercase();
        for scheme in ["javascript:", "vbscript:", "data:text"] {
            assert!(!page.contains(&format!("href=\"{scheme}")), "{hostile}");
        }
    }
    // The safe ones stay valid.
    let plan = TempPlan::valid();
    plan.replace(
        "spaces/online.toml",
        "url = \"https://example.org/processos/pla\"",
        "url = \"http://example.org/x\"\nrules-url = \"mailto:forum@example.org\"",
    );
    let (code, json) = check_json(&plan);
    assert_eq!(code, 0, "{json:#}");
}

/// Plan text cannot drive the terminal of whoever reads it with `show`, `list` or `status`: escape
/// sequences (clear the screen, set the window title) and bidirectional overrides are shown
/// as U+FFFD, not obeyed.
#[test]
fn show_list_and_status_do_not_pass_escape_sequences_to_the_terminal() {
    let plan = TempPlan::valid();
    plan.replace(
        "commitments/a.md",
        "title = { ca = \"Compromís a\", en = \"Commitment a\" }",
        "title = { ca = \"Compromís \\u001b]0;pwned\\u0007\\u001b[2J a \\u202e\", en = \"Commitment a\" }",
    );
    for args in [
        &["show", "a"][..],
        &["list", "commitments"],
        &["list", "commitments", "--format", "csv"],
        &["status"],
    ] {
        let output = plan.obert(args);
        assert!(output.status.success(), "{args:?}: {output:?}");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("Compromís"), "{args:?}: {text}");
        assert!(
            !text.contains('\u{1b}'),
            "{args:?} printed an escape: {text:?}"
        );
        assert!(
            !text.contains('\u{7}') && !text.contains('\u{202e}'),
            "{args:?}"
        );
        assert!(text.contains('\u{fffd}'), "{args:?}: {text:?}");
    }
}

/// A finding quotes the plan's lines: an escape sequence on such a line reaches the CI log
/// or the terminal as `?`, not as a command, in every format of `check`.
#[test]
fn check_quotes_plan_lines_without_their_escape_sequences() {
    let plan = TempPlan::valid();
    let text = plan.read("plan.toml");
    plan.write(
        "plan.toml",
        format!("# \u{1b}]0;pwned\u{7}\u{1b}[2J\n{text}"),
    );
    for format in ["human", "github", "json", "sarif"] {
        let output = plan.obert(&["check", "--format", format]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(all.contains("parse-error"), "{format}: {all}");
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{format}: {all:?}"
        );
    }
}
