//! Running the real `obert` binary, and reading what it printed.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Output};

/// The binary under test.
pub(crate) const OBERT: &str = env!("CARGO_BIN_EXE_obert");

/// `obert`, to run in `cwd`: without colour, and without an `OBERT_PLAN` of the environment
/// that would choose the plan instead of the test.
pub(crate) fn obert_command(cwd: &Path) -> Command {
    let mut command = Command::new(OBERT);
    command
        .current_dir(cwd)
        .env_remove("OBERT_PLAN")
        .env("NO_COLOR", "1");
    command
}

/// Runs `obert args…` in `cwd` and waits for it.
pub(crate) fn obert_in(cwd: &Path, args: &[&str]) -> Output {
    obert_command(cwd).args(args).output().expect("obert runs")
}

/// `PATH` with the folder of the binary under test first, for scripts that call `obert`.
pub(crate) fn path_with_obert() -> OsString {
    let folder = Path::new(OBERT).parent().expect("the folder of obert");
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(folder.to_path_buf()).chain(std::env::split_paths(&path)))
        .expect("a PATH")
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

pub(crate) fn code(output: &Output) -> i32 {
    output.status.code().expect("an exit code, not a signal")
}

/// Both outputs, labelled, for a failure message.
pub(crate) fn show(output: &Output) -> String {
    format!("stdout:\n{}\nstderr:\n{}", stdout(output), stderr(output))
}

/// The stdout of a command that must succeed.
#[track_caller]
pub(crate) fn ok(output: &Output) -> String {
    assert_eq!(code(output), 0, "{}", show(output));
    stdout(output)
}
