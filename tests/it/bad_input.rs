//! Bad input of every kind gets a located finding (or a clear error), never a panic.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use crate::support::{self, FIXTURES, TempPlan, check_json, snapshot, stderr};
use obert::source::{Read, Source};
use proptest::prelude::*;

/// One finding as (rule, plan_file, line, column, message).
type Finding = (String, String, u64, u64, String);

/// The exit code and findings of `check` on a plan.
fn findings(plan: &TempPlan) -> (i32, Vec<Finding>) {
    let (code, json) = check_json(plan);
    let list = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["plan_file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
                f["column"].as_u64().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    (code, list)
}

/// Fails, showing every finding, unless one has this rule, file, line and message.
#[track_caller]
fn assert_has(list: &[Finding], rule: &str, file: &str, line: u64, message: &str) {
    assert!(
        has(list, rule, file, line, message),
        "no `{rule}` at {file}:{line} saying `{message}` among {list:#?}"
    );
}

fn has(
    list: &[(String, String, u64, u64, String)],
    rule: &str,
    file: &str,
    line: u64,
    message: &str,
) -> bool {
    list.iter()
        .any(|(r, f, l, _, m)| r == rule && f == file && *l == line && m.contains(message))
}

#[test]
fn invalid_utf8_is_located() {
    let plan = TempPlan::valid();
    let mut bytes = plan.read("organisations.toml").into_bytes();
    let at = bytes
        .windows(7)
        .position(|w| w == b"Consell")
        .expect("text");
    bytes[at] = 0xFF;
    plan.write("organisations.toml", bytes);
    let (code, list) = findings(&plan);
    assert_has(
        &list,
        "parse-error",
        "organisations.toml",
        9,
        "is not valid UTF-8",
    );
    assert_eq!(code, 1);
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_read_as_usual() {
    let plan = TempPlan::valid();
    let people = plan.read("people.toml").replace('\n', "\r\n");
    plan.write("people.toml", format!("\u{feff}{people}"));
    let commitment = plan.read("commitments/a.md").replace('\n', "\r\n");
    plan.write("commitments/a.md", format!("\u{feff}{commitment}"));
    let (code, list) = findings(&plan);
    assert_eq!(list, vec![], "no findings");
    assert_eq!(code, 0);

    // Positions stay right: a typo on line 30 of a CRLF file with a BOM.
    plan.replace("people.toml", "sector = \"expert\"", "sectr = \"expert\"");
    plan.replace(
        "commitments/a.md",
        "values = [\"transparency\", \"technology\"]",
        "values = [\"technology\"]",
    );
    let (_, list) = findings(&plan);
    assert!(
        list.iter()
            .any(|f| f.0 == "unknown-field" && f.2 == 30 && f.3 == 1),
        "{list:#?}"
    );
    assert_has(
        &list,
        "commitment-values",
        "commitments/a.md",
        9,
        "no core OGP value",
    );
}

#[test]
fn empty_files_are_located() {
    let plan = TempPlan::valid();
    plan.write("plan.toml", "");
    plan.write("commitments/b.md", "");
    let (code, list) = findings(&plan);
    assert_has(
        &list,
        "invalid-value",
        "plan.toml",
        1,
        "`plan.toml` has no `title`",
    );
    assert_has(
        &list,
        "parse-error",
        "commitments/b.md",
        1,
        "does not start with front matter",
    );
    assert_eq!(code, 1);
}

#[test]
fn wrong_types_are_located() {
    let plan = TempPlan::valid();
    plan.replace("people.toml", "public = true", "public = \"yes\"");
    plan.replace(
        "spaces/forum.toml",
        "date = 2021-06-01",
        "date = \"2021-06-01\"",
    );
    plan.replace("plan.toml", "plenaries = 1", "plenaries = -1");
    let (_, list) = findings(&plan);
    assert_has(
        &list,
        "invalid-value",
        "people.toml",
        5,
        "`public` in a `[[person]]` entry must be `true` or `false`, found a string",
    );
    assert_has(
        &list,
        "invalid-value",
        "spaces/forum.toml",
        23,
        "must be a date like 2021-05-06, found a string",
    );
    assert_has(
        &list,
        "invalid-value",
        "plan.toml",
        38,
        "`plenaries` must be a whole number from 0 up",
    );
}

#[test]
fn impossible_dates_are_located() {
    let plan = TempPlan::valid();
    plan.replace(
        "spaces/forum.toml",
        "date = 2021-06-01",
        "date = 2021-02-30",
    );
    let (code, list) = findings(&plan);
    assert!(
        list.iter().any(|f| f.0 == "parse-error"
            && f.1 == "spaces/forum.toml"
            && f.2 == 23
            && f.4.contains("invalid date")),
        "{list:#?}"
    );
    assert_eq!(code, 1);
}

#[test]
fn ids_that_could_name_paths_are_refused() {
    let plan = TempPlan::valid();
    plan.replace("people.toml", "id = \"e1\"", "id = \"../e1\"");
    plan.replace(
        "spaces/forum.toml",
        "minutes = \"minutes/forum-p1.md\"",
        "minutes = \"../../etc/passwd\"",
    );
    plan.replace(
        "commitments/a.md",
        "working-group = \"gt-a\"",
        "working-group = \"gt/a\"",
    );
    plan.write("spaces/Bad Name.toml", "kind = \"online\"\nname = \"x\"\n");
    plan.replace(
        "plan.toml",
        "stage = \"co-creation\"",
        "stage = \"co-creation\"\nvision = \"../../secret.md\"",
    );
    let (code, list) = findings(&plan);
    assert_has(
        &list,
        "invalid-value",
        "people.toml",
        29,
        "`../e1` is not a valid id",
    );
    assert_has(
        &list,
        "invalid-value",
        "spaces/forum.toml",
        27,
        "is not a path inside the plan folder",
    );
    assert_has(
        &list,
        "invalid-value",
        "commitments/a.md",
        6,
        "`gt/a` is not a valid id",
    );
    assert_has(
        &list,
        "invalid-value",
        "spaces/Bad Name.toml",
        1,
        "does not make a valid id",
    );
    assert_eq!(code, 1);
}

#[test]
fn missing_files_are_reported() {
    let plan = TempPlan::valid();
    std::fs::remove_file(plan.path("vision.md")).expect("remove");
    std::fs::remove_file(plan.path("people.toml")).expect("remove");
    let (code, list) = findings(&plan);
    assert_has(
        &list,
        "vision-missing",
        "plan.toml",
        1,
        "the plan has no strategic vision",
    );
    assert_has(
        &list,
        "dangling-reference",
        "spaces/motor.toml",
        5,
        "there is no person `g1`",
    );
    assert_eq!(code, 1);
}

#[test]
fn a_huge_file_is_refused_without_reading_it() {
    let plan = TempPlan::valid();
    let file = std::fs::File::create(plan.path("people.toml")).expect("create");
    // Sparse: the size is there without writing the bytes.
    file.set_len(obert::source::MAX_FILE_BYTES + 1)
        .expect("set_len");
    let (code, list) = findings(&plan);
    assert_has(
        &list,
        "unsafe-path",
        "people.toml",
        1,
        "is too large to be a plan file",
    );
    // people.toml is unreadable, so references to people are not reported as dangling.
    assert!(
        !list.iter().any(|f| f.0 == "dangling-reference"),
        "{list:#?}"
    );
    assert_eq!(code, 1);
}

#[test]
fn a_folder_where_a_file_should_be_is_reported() {
    let plan = TempPlan::valid();
    std::fs::remove_file(plan.path("organisations.toml")).expect("remove");
    std::fs::create_dir(plan.path("organisations.toml")).expect("mkdir");
    let (code, list) = findings(&plan);
    assert_has(
        &list,
        "parse-error",
        "organisations.toml",
        1,
        "cannot read `organisations.toml`",
    );
    assert_eq!(code, 1);
}

#[test]
fn deeply_nested_values_do_not_crash() {
    let plan = TempPlan::valid();
    let depth = 20_000;
    plan.write(
        "people.toml",
        format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth)),
    );
    let output = plan.obert(&["check"]);
    assert!(
        matches!(output.status.code(), Some(1)),
        "exit {:?}: {}",
        output.status,
        stderr(&output)
    );
}

#[test]
fn bad_arguments_exit_2() {
    let plan = TempPlan::valid();
    let output = plan.obert(&["check", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
    let output = plan.obert(&["explain", "steering-group-balanse"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `steering-group-balance`?"),
        "{}",
        stderr(&output)
    );
}

/// A plan held in memory, for feeding the loader arbitrary text without touching disk.
struct MemorySource(BTreeMap<String, Vec<u8>>);

impl Source for MemorySource {
    fn read(&self, path: &str) -> io::Result<Read> {
        Ok(self
            .0
            .get(path)
            .map_or(Read::Missing, |b| Read::Bytes(b.clone())))
    }
    fn list(&self, dir: &str) -> io::Result<Vec<String>> {
        let prefix = format!("{dir}/");
        Ok(self
            .0
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix).map(String::from))
            .collect())
    }
    fn exists(&self, path: &str) -> bool {
        self.0.contains_key(path)
    }
    fn display_path(&self, path: &str) -> String {
        path.to_string()
    }
}

fn valid_files() -> BTreeMap<String, Vec<u8>> {
    snapshot(&Path::new(FIXTURES).join("valid"))
}

proptest! {
    #![proptest_config(support::regressions_beside_source(ProptestConfig::with_cases(200)))]

    /// Whatever replaces a file, loading and checking finish, and every finding points
    /// inside a file that was read.
    #[test]
    fn any_text_in_any_file_gives_findings_not_panics(
        target in prop::sample::select(vec!["plan.toml", "people.toml", "spaces/forum.toml", "commitments/a.md", "contributions/eixos.toml"]),
        text in prop_oneof![
            ".{0,200}",
            "[a-z\\-]{1,10} = (\"[^\"]{0,10}\"|[0-9]{1,4}|true|\\[\\]|\\{\\}|2021-0[1-9]-[0-3][0-9])",
            "\\+\\+\\+\n[a-z]{1,8} = [0-9]\n\\+\\+\\+\n#{1,3} [A-Za-z ]{0,10}(\\{#[a-z]{0,6}\\})?\n",
        ],
        cut in 0usize..400,
    ) {
        let mut files = valid_files();
        // Either replace the file, or splice the text into it at an arbitrary place.
        let original = files.get(target).cloned().unwrap_or_default();
        let spliced = if cut % 2 == 0 {
            text.clone().into_bytes()
        } else {
            let at = cut.min(original.len());
            [&original[..at], text.as_bytes(), &original[at..]].concat()
        };
        files.insert(target.to_string(), spliced);
        let source = MemorySource(files);
        let loaded = obert::load::load(&source).expect("in-memory source cannot fail");
        let findings = obert::rules::check(&loaded, None);
        for finding in &findings {
            let file = loaded.files.get(finding.loc.file);
            prop_assert!(finding.loc.span.start as usize <= file.text().len().max(1));
        }
        use obert::diag::{Format, RenderConfig};
        for format in [Format::Human, Format::Json, Format::Github, Format::Sarif] {
            let mut rendered = Vec::new();
            obert::diag::render(format, &findings, &loaded.files, &RenderConfig::new(&source), &mut rendered).expect("render");
        }
    }
}
