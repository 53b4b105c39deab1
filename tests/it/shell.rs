//! What obert gives the shell around it: completion scripts that bash, zsh and fish accept
//! (and that complete), manual pages that `man` renders, and the pre-commit hook.
//!
//! Each test needs an outside tool (a shell, man, pre-commit). When it is missing the test
//! says so on stderr and passes, except where the `CI` environment variable is set: `.ci/run`
//! installs them all, so there a missing tool is a failure.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::support::git;
use crate::support::tools::{have, runs};
use crate::support::{OBERT, ROOT, TempPlan, obert_in, path_with_obert, stderr, stdout};

const HOOKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/.pre-commit-hooks.yaml");

fn obert(args: &[&str]) -> Output {
    obert_in(Path::new(ROOT), args)
}

/// `obert completions SHELL`, checked to succeed, written to `<dir>/obert.SHELL`.
fn completion_script(shell: &str, dir: &Path) -> PathBuf {
    let output = obert(&["completions", shell]);
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "obert completions {shell}: {:?}\n{}",
        output.status,
        stderr(&output)
    );
    let path = dir.join(format!("obert.{shell}"));
    std::fs::write(&path, &output.stdout).expect("writable temporary file");
    path
}

fn run(command: &mut Command) -> Output {
    command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

fn both(output: &Output) -> String {
    format!("{}{}", stdout(output), stderr(output))
}

/// Runs `shell -c SCRIPT` with the completion script as `$1` and returns its stdout.
fn shell_script(shell: &str, flags: &[&str], script: &str, file: &Path) -> String {
    let output = run(Command::new(shell)
        .args(flags)
        .arg("-c")
        .arg(script)
        .arg(shell)
        .arg(file)
        .env("HOME", file.parent().expect("a folder")));
    assert!(
        output.status.success(),
        "{shell} -c {script:?} failed: {:?}\n{}",
        output.status,
        both(&output)
    );
    stdout(&output)
}

#[test]
fn bash_completion_parses_and_completes() {
    if !have("bash", runs("bash", &["--version"])) {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = completion_script("bash", dir.path());

    let output = run(Command::new("bash").arg("-n").arg(&file));
    assert!(output.status.success(), "bash -n: {}", both(&output));
    assert!(output.stderr.is_empty(), "bash -n: {}", both(&output));

    // Complete as bash would: `complete -F _obert obert` calls `_obert obert CUR PREV` with
    // COMP_WORDS and COMP_CWORD set.
    let complete = |words: &str, cur: &str, prev: &str| {
        let script = format!(
            r#"set -e; source "$1"; complete -p obert >/dev/null
COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))
_obert obert '{cur}' '{prev}'; printf '%s\n' "${{COMPREPLY[@]}}""#
        );
        shell_script("bash", &["--norc", "--noprofile"], &script, &file)
    };
    let commands = complete("obert ch", "ch", "obert");
    assert_eq!(
        commands.lines().collect::<Vec<_>>(),
        ["check"],
        "{commands}"
    );
    let nested = complete("obert org a", "a", "org");
    assert_eq!(nested.lines().collect::<Vec<_>>(), ["add"], "{nested}");
    let shells = complete("obert completions ''", "", "completions");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish", "--plan"] {
        assert!(shells.lines().any(|l| l == shell), "no {shell} in {shells}");
    }
}

#[test]
fn zsh_completion_parses_and_registers() {
    if !have("zsh", runs("zsh", &["--version"])) {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = completion_script("zsh", dir.path());

    let output = run(Command::new("zsh").arg("-n").arg(&file));
    assert!(output.status.success(), "zsh -n: {}", both(&output));
    assert!(output.stderr.is_empty(), "zsh -n: {}", both(&output));

    // Sourced after compinit (without a dump file), it defines `_obert` and registers it
    // for `obert`.
    let script = r#"autoload -Uz compinit && compinit -D -u && source "$1"
print -r -- "$_comps[obert] ${+functions[_obert]}""#;
    let registered = shell_script("zsh", &["-f"], script, &file);
    assert_eq!(registered.trim(), "_obert 1", "{registered}");
}

#[test]
fn fish_completion_parses_and_completes() {
    if !have("fish", runs("fish", &["--version"])) {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = completion_script("fish", dir.path());

    let output = run(Command::new("fish").arg("--no-execute").arg(&file));
    assert!(
        output.status.success(),
        "fish --no-execute: {}",
        both(&output)
    );
    assert!(
        output.stderr.is_empty(),
        "fish --no-execute: {}",
        both(&output)
    );

    let script = r#"source $argv[1]; and complete --do-complete "obert ch""#;
    let offered = run(Command::new("fish")
        .args(["--no-config", "-c", script])
        .arg(&file)
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path()));
    assert!(offered.status.success(), "fish: {}", both(&offered));
    let shown = stdout(&offered);
    let words: Vec<&str> = shown
        .lines()
        .map(|line| line.split('\t').next().unwrap_or_default())
        .collect();
    assert_eq!(words, ["check"], "{}", both(&offered));
}

#[test]
fn powershell_and_elvish_completions_are_generated() {
    for shell in ["powershell", "elvish"] {
        let output = obert(&["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", both(&output));
        let script = stdout(&output);
        assert!(script.contains("obert"), "{shell}: {script}");
        assert!(script.contains("check"), "{shell}: {script}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let output = obert(&["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2), "{}", both(&output));
    assert!(
        stderr(&output).contains("possible values"),
        "{}",
        both(&output)
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    for args in [&["completions", "bash"][..], &["man"]] {
        let mut child = Command::new(OBERT)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("obert runs");
        // Close the reading end at once: obert's writes fail with EPIPE (the bash script is
        // larger than a pipe's buffer, so it fails whatever the timing).
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("obert ends");
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "obert {args:?} into a closed pipe: {:?}\n{}",
            output.status,
            stderr(&output)
        );
    }
}

// --- man ---

/// Whether man is man-db's (which has `-l` and `--warnings`).
fn have_man() -> bool {
    have("man", runs("man", &["--version"]))
}

/// `man -l FILE` as it would show in an 80-column terminal, with groff's warnings on; fails
/// on any warning or error.
fn render_man(file: &Path) -> String {
    let output = run(Command::new("man")
        .args(["--warnings", "-l"])
        .arg(file)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("LC_ALL", "C.UTF-8")
        .env_remove("MANOPT"));
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "man -l {}: {:?}\n{}",
        file.display(),
        output.status,
        both(&output)
    );
    stdout(&output)
}

/// The text with each run of spaces as one, as man justifies lines by widening them.
fn squeeze(text: &str) -> String {
    text.lines()
        .map(|line| {
            line.split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_man_page_renders() {
    if !have_man() {
        return;
    }
    let output = obert(&["man"]);
    assert!(output.status.success(), "{}", both(&output));
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("obert.1");
    std::fs::write(&file, &output.stdout).expect("writable temporary file");

    let page = squeeze(&render_man(&file));
    assert!(page.contains("SYNOPSIS"), "{page}");
    assert!(page.contains("obert - "), "{page}");
    // Every command is listed, as the page that tells more about it.
    for command in ["obert-check(1)", "obert-org(1)", "obert-completions(1)"] {
        assert!(page.contains(command), "no {command} in {page}");
    }
    assert!(!page.contains("obert-help"), "{page}");
}

#[test]
fn man_out_writes_a_page_per_command() {
    if !have_man() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("share/man/man1");
    let output = obert(&["man", "--out", out.to_str().expect("UTF-8 path")]);
    assert!(output.status.success(), "{}", both(&output));

    let mut pages: Vec<String> = std::fs::read_dir(&out)
        .expect("the folder was created")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    pages.sort();
    for expected in ["obert.1", "obert-check.1", "obert-org.1", "obert-org-add.1"] {
        assert!(
            pages.iter().any(|p| p == expected),
            "no {expected} in {pages:?}"
        );
    }
    assert!(!pages.iter().any(|p| p.contains("help")), "{pages:?}");

    // It says what it wrote, one line per page.
    let listed = stdout(&output);
    assert_eq!(listed.lines().count(), pages.len(), "{listed}");
    for page in &pages {
        let line = format!("wrote {}", out.join(page).display());
        assert!(listed.lines().any(|l| l == line), "no `{line}` in {listed}");
    }

    for name in &pages {
        let page = squeeze(&render_man(&out.join(name)));
        let command = name.trim_end_matches(".1");
        // man cuts a title too long for its header line (`obert-report-end-of-commitme`).
        let header = page.lines().next().unwrap_or_default();
        assert!(
            header.starts_with(&format!("{command}("))
                || (command.len() > 24 && header.starts_with(&command[..24])),
            "{name}: {page}"
        );
        assert!(page.contains(&format!("{command} - ")), "{name}: {page}");
        assert!(page.contains("SYNOPSIS"), "{name}: {page}");
    }
    let add = squeeze(&render_man(&out.join("obert-org-add.1")));
    assert!(add.contains("obert org add"), "{add}");
    assert!(add.contains("--plan"), "{add}");

    // `-q` writes the same pages and says nothing.
    let quiet = obert(&["man", "-q", "--out", out.to_str().expect("UTF-8 path")]);
    assert!(
        quiet.status.success() && quiet.stdout.is_empty(),
        "{}",
        both(&quiet)
    );
}

// --- pre-commit ---

/// The one hook of `.pre-commit-hooks.yaml`, key by key, read by hand: each `key: value`
/// line, the value a plain or single-quoted scalar.
fn published_hook() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(HOOKS).expect("readable .pre-commit-hooks.yaml");
    let mut hooks = 0;
    let mut keys = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let line = match line.strip_prefix("- ") {
            Some(rest) => {
                hooks += 1;
                rest
            }
            None => line
                .strip_prefix("  ")
                .unwrap_or_else(|| panic!("not a key of the hook: {line:?}")),
        };
        let (key, value) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("not `key: value`: {line:?}"));
        let value = match value.strip_prefix('\'') {
            Some(quoted) => quoted
                .strip_suffix('\'')
                .expect("a closing quote")
                .replace("''", "'"),
            None => value.to_string(),
        };
        keys.push((key.to_string(), value));
    }
    assert_eq!(hooks, 1, "one hook in {text}");
    keys
}

fn hook_key<'a>(hook: &'a [(String, String)], key: &str) -> &'a str {
    hook.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no `{key}` in {hook:?}"))
}

/// How to run pre-commit here: the `pre-commit` script, or the module of python3.
fn pre_commit_program() -> Option<Vec<String>> {
    if runs("pre-commit", &["--version"]) {
        Some(vec!["pre-commit".into()])
    } else if runs("python3", &["-m", "pre_commit", "--version"]) {
        Some(vec!["python3".into(), "-m".into(), "pre_commit".into()])
    } else {
        None
    }
}

/// git and pre-commit in `repo`: hermetic git (see [`git::hermetic`]) with `home` as their
/// home, this build's obert first on PATH, and not the user's pre-commit cache.
fn isolated(program: &str, repo: &Path, home: &Path) -> Command {
    let mut command = Command::new(program);
    git::hermetic(&mut command, home)
        .current_dir(repo)
        .stdin(Stdio::null())
        .env("PATH", path_with_obert())
        .env("PRE_COMMIT_HOME", home.join("pre-commit"))
        .env("NO_COLOR", "1")
        .env_remove("OBERT_PLAN")
        .env_remove("SKIP");
    command
}

#[test]
fn the_published_hook_runs_obert_check_on_plan_files_only() {
    let hook = published_hook();
    assert_eq!(hook_key(&hook, "id"), "obert-check");
    assert_eq!(hook_key(&hook, "name"), "obert check");
    assert_eq!(hook_key(&hook, "entry"), "obert check");
    assert_eq!(hook_key(&hook, "language"), "rust");
    assert_eq!(hook_key(&hook, "pass_filenames"), "false");

    // docs/completions.md shows the same hook for `repo: local`.
    let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/completions.md");
    let docs = std::fs::read_to_string(docs).expect("docs/completions.md");
    let files = format!("files: '{}'", hook_key(&hook, "files"));
    assert!(docs.contains(&files), "docs/completions.md lacks `{files}`");

    // pre-commit matches `files` with Python's `re.search`: so does this test.
    if !have("python3", runs("python3", &["--version"])) {
        return;
    }
    let plan_files = [
        "plan.toml",
        "plan/plan.toml",
        "plan/organisations.toml",
        "plan/people.toml",
        "plan/vision.md",
        "plan/spaces/x.toml",
        "plan/contributions/eixos.toml",
        "plan/commitments/a.md",
        "plan/commitments/a.en.md",
        "plan/minutes/forum-p1.md",
        "plan/progress/a.toml",
        "plan/assessments/a.toml",
        "plan/evidence/diagnosi.md",
        "docs/plan/people.toml",
    ];
    let other_files = [
        "README.md",
        "plan/README.md",
        "Cargo.toml",
        "plan/spaces/x.md",
        "plan/spaces/sub/x.toml",
        "plan/people.toml.orig",
        "myplan.toml",
        "plan/commitments/a.txt",
    ];
    let script = "import re, sys\n\
                  pattern = re.compile(sys.argv[1])\n\
                  for path in sys.argv[2:]:\n    \
                      print(path, bool(pattern.search(path)))\n";
    let output = run(Command::new("python3")
        .args(["-c", script, hook_key(&hook, "files")])
        .args(plan_files)
        .args(other_files));
    assert!(output.status.success(), "{}", both(&output));
    let matched = stdout(&output);
    for path in plan_files {
        assert!(matched.contains(&format!("{path} True\n")), "{matched}");
    }
    for path in other_files {
        assert!(matched.contains(&format!("{path} False\n")), "{matched}");
    }
}

#[test]
fn the_hook_checks_the_plan_before_a_commit() {
    let Some(pre_commit) = pre_commit_program() else {
        have("pre-commit", false);
        return;
    };
    if !have("git", runs("git", &["--version"])) {
        return;
    }
    let plan = TempPlan::valid();
    let repo = plan.dir.path();
    let home = tempfile::tempdir().expect("temporary folder");
    let git = |args: &[&str]| {
        let output = run(isolated("git", repo, home.path())
            .args(git::SETTINGS)
            .args(args));
        assert!(output.status.success(), "git {args:?}: {}", both(&output));
    };
    let pre_commit_run = |args: &[&str]| {
        run(isolated(&pre_commit[0], repo, home.path())
            .args(&pre_commit[1..])
            .args(["run", "--color", "never"])
            .args(args))
    };

    // The published hook as a local one: same id, entry, files and pass_filenames, with obert
    // from PATH (this build) instead of one pre-commit would build with cargo.
    let hook = published_hook();
    let local: serde_json::Map<String, serde_json::Value> = hook
        .iter()
        .filter(|(key, _)| key != "language" && key != "pass_filenames")
        .map(|(key, value)| (key.clone(), value.clone().into()))
        .chain([
            ("language".to_string(), "system".into()),
            (
                "pass_filenames".to_string(),
                (hook_key(&hook, "pass_filenames") == "true").into(),
            ),
        ])
        .collect();
    // JSON is YAML.
    let config = serde_json::json!({"repos": [{"repo": "local", "hooks": [local]}]});
    std::fs::write(repo.join(".pre-commit-config.yaml"), config.to_string()).expect("config");
    std::fs::write(repo.join("README.md"), "# A plan\n").expect("README.md");
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "A plan"]);

    let valid = pre_commit_run(&["--all-files"]);
    assert!(valid.status.success(), "the valid plan: {}", both(&valid));
    assert!(stdout(&valid).contains("obert check"), "{}", both(&valid));
    assert!(stdout(&valid).contains("Passed"), "{}", both(&valid));

    // A change to other files only skips the hook.
    std::fs::write(repo.join("README.md"), "# A plan, in git\n").expect("README.md");
    git(&["add", "README.md"]);
    let other = pre_commit_run(&["--files", "README.md"]);
    assert!(other.status.success(), "README.md only: {}", both(&other));
    assert!(
        stdout(&other).contains("(no files to check)"),
        "{}",
        both(&other)
    );
    assert!(stdout(&other).contains("Skipped"), "{}", both(&other));
    git(&["commit", "-q", "-m", "README"]);

    // A plan file with a finding fails the hook, which shows it.
    plan.replace("people.toml", "name = ", "colour = \"blue\"\nname = ");
    git(&["add", "plan/people.toml"]);
    let broken = pre_commit_run(&["--all-files"]);
    assert_eq!(broken.status.code(), Some(1), "{}", both(&broken));
    let shown = stdout(&broken);
    assert!(shown.contains("Failed"), "{}", both(&broken));
    assert!(shown.contains("error[unknown-field]"), "{}", both(&broken));
    assert!(shown.contains("plan/people.toml:4:1"), "{}", both(&broken));

    // Installed as git's pre-commit hook, it stops the commit; the hook looks only at what
    // is staged, so it runs for people.toml, and not for a commit of README.md alone.
    let install = run(isolated(&pre_commit[0], repo, home.path())
        .args(&pre_commit[1..])
        .arg("install"));
    assert!(
        install.status.success(),
        "pre-commit install: {}",
        both(&install)
    );
    let commit = run(isolated("git", repo, home.path())
        .args(git::SETTINGS)
        .args(["commit", "-m", "A colour"]));
    assert!(
        !commit.status.success(),
        "the commit went through: {}",
        both(&commit)
    );
    assert!(
        both(&commit).contains("error[unknown-field]"),
        "{}",
        both(&commit)
    );
    git(&["reset", "-q", "plan/people.toml"]);
    std::fs::write(repo.join("README.md"), "# A plan, checked\n").expect("README.md");
    git(&["add", "README.md"]);
    let commit = run(isolated("git", repo, home.path())
        .args(git::SETTINGS)
        .args(["commit", "-m", "README again"]));
    assert!(commit.status.success(), "README.md only: {}", both(&commit));
    assert!(
        both(&commit).contains("(no files to check)Skipped"),
        "{}",
        both(&commit)
    );
}

#[test]
fn the_published_manifest_is_valid() {
    let Some(pre_commit) = pre_commit_program() else {
        have("pre-commit", false);
        return;
    };
    let output = run(Command::new(&pre_commit[0])
        .args(&pre_commit[1..])
        .args(["validate-manifest", HOOKS]));
    assert!(output.status.success(), "{}", both(&output));
}
