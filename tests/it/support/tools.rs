//! Outside tools that some tests drive (a shell, man, Python's jsonschema, pre-commit, git,
//! taplo, Chromium). `.ci/run` installs them all; elsewhere a test whose tool is missing
//! says so and passes.

use std::io::Write as _;
use std::process::{Command, Stdio};

/// Whether this is CI, where every tool must be there: `CI` is set, and not to nothing, 0 or
/// false.
pub(crate) fn in_ci() -> bool {
    let ci = std::env::var("CI").unwrap_or_default();
    !ci.is_empty() && ci != "0" && !ci.eq_ignore_ascii_case("false")
}

/// Whether `program args…` runs and succeeds.
pub(crate) fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Whether python3 can import jsonschema, the independent validator of the JSON Schemas
/// and of SARIF.
pub(crate) fn jsonschema() -> bool {
    runs("python3", &["-c", "import jsonschema"])
}

/// Whether the test can go on with `tool`, which `found` says is here or not. When it is
/// missing: outside CI the test is to return, and this says why on stderr; under CI (see
/// [`in_ci`]) it fails the test, since `.ci/run` should have installed the tool.
///
/// ```ignore
/// if !have("zsh", runs("zsh", &["--version"])) {
///     return;
/// }
/// ```
#[track_caller]
pub(crate) fn have(tool: &str, found: bool) -> bool {
    if found {
        return true;
    }
    // libtest runs each test on a thread named after it.
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    assert!(
        !in_ci(),
        "{test}: {tool} is not installed, and CI is set: .ci/run should have installed it"
    );
    // Past the test harness's capture, so that a plain `cargo test` shows it.
    let _ = writeln!(
        std::io::stderr(),
        "skipped {test}: {tool} is not installed (.ci/run installs it; with CI set this fails)"
    );
    false
}
