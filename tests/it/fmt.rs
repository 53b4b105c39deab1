//! The canonical layout of plan files (`obert::edit::fmt`): fixtures that show each rule,
//! the shipped plan, and properties over generated files.

use std::path::{Path, PathBuf};

use crate::support::bless::blessing;
use crate::support::{self, FIXTURES, SHIPPED_PLAN, SHIPPED_SCOTLAND};
use obert::edit::fmt::{FileKind, FmtError, canonical};
use proptest::prelude::*;

/// The TOML values of a plan file: its whole text, or a commitment's front matter.
fn values(kind: FileKind, text: &str) -> toml::Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let toml = match kind {
        FileKind::Commitment => front_matter(text).0,
        _ => text,
    };
    toml::from_str(toml).unwrap_or_else(|error| panic!("{error}\nin:\n{toml}"))
}

/// A commitment's front matter and what follows its closing fence (the fence included).
fn front_matter(text: &str) -> (&str, &str) {
    let start = text.find('\n').expect("an opening fence") + 1;
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return (&text[start..at], &text[at..]);
        }
        at += line.len();
    }
    panic!("no closing fence in:\n{text}")
}

/// Formats `text`, checking what holds for every file: formatting again changes nothing,
/// and the values are those of `text`.
#[track_caller]
fn check(kind: FileKind, text: &str) -> String {
    let out = canonical(kind, text).unwrap_or_else(|error| panic!("{error}\nin:\n{text}"));
    assert_eq!(
        canonical(kind, &out).as_deref(),
        Ok(out.as_str()),
        "not idempotent; first output:\n{out}"
    );
    assert_eq!(
        values(kind, &out),
        values(kind, text),
        "values changed:\n{out}"
    );
    out
}

/// Every plan file under `root`, by its path inside the plan.
fn plan_files(root: &Path) -> Vec<(String, FileKind, PathBuf)> {
    let mut files = Vec::new();
    for folder in ["", "spaces", "contributions", "commitments"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            let name = path.file_name().expect("a name").to_string_lossy();
            let plan_path = if folder.is_empty() {
                name.to_string()
            } else {
                format!("{folder}/{name}")
            };
            if let Some(kind) = FileKind::of(&plan_path) {
                files.push((plan_path, kind, path));
            }
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

#[test]
fn fixtures_format_to_their_out_files() {
    let folder = Path::new(FIXTURES).join("fmt");
    let mut seen = 0;
    for entry in std::fs::read_dir(&folder).expect("tests/fixtures/fmt") {
        let path = entry.expect("a folder entry").path();
        let name = path.file_name().expect("a name").to_string_lossy();
        let Some((case, ext)) = name.split_once(".in.") else {
            continue;
        };
        let kind = match case.split('-').next() {
            Some("plan") => FileKind::Plan,
            Some("organisations") => FileKind::Organisations,
            Some("people") => FileKind::People,
            Some("space") => FileKind::Space,
            Some("contributions") => FileKind::Contributions,
            Some("commitment") => FileKind::Commitment,
            other => panic!("{name}: no kind of file is called {other:?}"),
        };
        let text = std::fs::read_to_string(&path).expect("readable fixture");
        let out = check(kind, &text);
        let expected_path = folder.join(format!("{case}.out.{ext}"));
        if blessing() {
            std::fs::write(&expected_path, &out).expect("writable fixture");
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        assert!(
            out == expected,
            "{name} formats to:\n{out}\nbut {case}.out.{ext} holds:\n{expected}\n\
             (after a deliberate change: `OBERT_BLESS=1 cargo test --test it fmt::`)"
        );
        seen += 1;
    }
    assert!(seen >= 5, "only {seen} fixtures in {}", folder.display());
}

#[test]
fn the_shipped_plans_are_canonical() {
    for (shipped, folder) in [(SHIPPED_PLAN, "plan"), (SHIPPED_SCOTLAND, "plans/scotland")] {
        let files = plan_files(Path::new(shipped));
        assert!(files.len() > 15, "{files:?}");
        for (plan_path, kind, path) in files {
            let text = std::fs::read_to_string(&path).expect("readable plan file");
            let out = check(kind, &text);
            assert!(
                out == text,
                "{folder}/{plan_path} is not canonical; it formats to:\n{out}"
            );
        }
    }
}

#[test]
fn the_valid_fixture_plan_keeps_its_values() {
    for (_, kind, path) in plan_files(&Path::new(FIXTURES).join("valid")) {
        check(
            kind,
            &std::fs::read_to_string(&path).expect("readable plan file"),
        );
    }
}

#[test]
fn file_kinds_come_from_plan_paths() {
    let cases = [
        ("plan.toml", Some(FileKind::Plan)),
        ("organisations.toml", Some(FileKind::Organisations)),
        ("people.toml", Some(FileKind::People)),
        ("spaces/grup-motor.toml", Some(FileKind::Space)),
        ("contributions/eixos.toml", Some(FileKind::Contributions)),
        ("commitments/dades-ods.md", Some(FileKind::Commitment)),
        ("commitments/dades-ods.ca.md", None),
        ("commitments/.md", None),
        ("spaces/a/b.toml", None),
        ("spaces/notes.md", None),
        ("vision.md", None),
        ("minutes/agora.md", None),
        ("plan/plan.toml", None),
    ];
    for (path, kind) in cases {
        assert_eq!(FileKind::of(path), kind, "{path}");
    }
}

#[test]
fn crlf_files_keep_crlf_on_every_line() {
    let text = "[[person]]\r\nname = \"\"\"\r\nAna\r\nMaria\"\"\"\r\n\r\n\r\nid = \"ana\"\r\n[[person]]\r\nid = \"b\"\r\n";
    let out = check(FileKind::People, text);
    assert_eq!(
        out,
        "[[person]]\r\nid = \"ana\"\r\nname = \"\"\"\r\nAna\r\nMaria\"\"\"\r\n\r\n[[person]]\r\nid = \"b\"\r\n"
    );
    // The first line decides, so a file with mixed line ends comes out all CRLF.
    let out = check(FileKind::People, "[[person]]\r\nid = \"a\"\n# note\n");
    assert_eq!(out, "[[person]]\r\nid = \"a\"\r\n# note\r\n");
    // But not inside a multi-line string, where the line ends are part of the value.
    let out = check(
        FileKind::People,
        "[[person]]\r\nname = '''\nA\nB'''\r\nx = [\n  \"\"\"\r\n\"\"\",\n]\n",
    );
    assert_eq!(
        out,
        "[[person]]\r\nname = '''\nA\nB'''\r\nx = [\r\n  \"\"\"\r\n\"\"\",\r\n]\r\n"
    );
    let out = check(FileKind::People, "[[person]]\nname = '''\r\nA'''\r\n");
    assert_eq!(out, "[[person]]\nname = '''\r\nA'''\n");
    let out = check(FileKind::People, "[[person]]\nid = \"a\"\n");
    assert!(!out.contains('\r'), "{out:?}");
}

#[test]
fn commitments_format_only_their_front_matter() {
    let body = "\n## Problema {#problem}   \r\nText\n\n\n+++\nid = 1\n";
    let text = format!("+++\r\ntitle = \"T\"\nnumber = 1\r\n+++\r\n{body}");
    let out = check(FileKind::Commitment, &text);
    assert_eq!(
        out,
        format!("+++\r\nnumber = 1\r\ntitle = \"T\"\r\n+++\r\n{body}")
    );
}

#[test]
fn a_byte_order_mark_stays() {
    let out = check(FileKind::Plan, "\u{feff}kind = \"local\"\ntitle = \"T\"\n");
    assert_eq!(out, "\u{feff}title = \"T\"\nkind = \"local\"\n");
    let out = check(FileKind::Commitment, "\u{feff}+++\n+++\nBody");
    assert_eq!(out, "\u{feff}+++\n+++\nBody");
}

#[test]
fn the_file_ends_with_one_newline() {
    assert_eq!(check(FileKind::People, ""), "");
    assert_eq!(check(FileKind::People, "\n\n"), "");
    assert_eq!(
        check(FileKind::People, "\n\n# Nobody yet.\n\n\n"),
        "# Nobody yet.\n"
    );
    assert_eq!(
        check(FileKind::People, "[[person]]\nid = \"a\""),
        "[[person]]\nid = \"a\"\n"
    );
}

#[test]
fn errors_say_line_and_column() {
    let error = |kind, text| canonical(kind, text).expect_err("invalid");
    let FmtError {
        line,
        column,
        message,
    } = error(FileKind::People, "[[person]]\nid = \"a\"\nname = Ana\n");
    assert_eq!((line, column), (3, 8), "{message}");
    assert!(message.starts_with("invalid TOML: "), "{message}");

    // Lines count in the whole commitment, and columns in characters.
    let text = "+++\nnumber = 1\ntitle = \"Àèí\" x\n+++\nBody\n";
    let located = error(FileKind::Commitment, text);
    assert_eq!((located.line, located.column), (3, 15), "{located}");
    assert!(
        located.to_string().starts_with("3:15: invalid TOML: "),
        "{located}"
    );

    // A header comment is TOML too: an invalid one is found where it is.
    let located = error(FileKind::Plan, "# ok\n# bad \u{7}\n\ntitle = \"T\"\n");
    assert_eq!(located.line, 2, "{located}");

    let located = error(FileKind::Commitment, "number = 1\n");
    assert_eq!((located.line, located.column), (1, 1));
    assert!(located.message.contains("front matter"), "{located}");
}

// --- Generated files -------------------------------------------------------------------

/// The keys FORMAT.md lists, written out again here so that the tests check the module's
/// own lists against the format rather than against themselves.
const SPACE: &[&str] = &["kind", "name", "purpose", "url", "rules-url"];
const MEMBER: &[&str] = &["person", "role", "since", "until"];
const MEETING: &[&str] = &[
    "id",
    "date",
    "kind",
    "title",
    "attendees",
    "minutes",
    "materials-published",
];
const PHASE: &[&str] = &["id", "title", "start", "end"];
const COMMITMENT: &[&str] = &[
    "number",
    "ogp-id",
    "title",
    "axis",
    "working-group",
    "lead",
    "supporting",
    "values",
    "start",
    "end",
    "status",
    "completion",
];
const MILESTONE: &[&str] = &["id", "title", "output", "due", "stakeholders", "completion"];
const CONTRIBUTIONS: &[&str] = &["space", "phase"];
const CONTRIBUTION: &[&str] = &[
    "id",
    "kind",
    "date",
    "title",
    "body",
    "author",
    "about",
    "in-reply-to",
    "supports",
    "comments",
    "withdrawn",
];
const RESPONSE: &[&str] = &["status", "reason", "by", "date"];
const PLAN: &[&str] = &[
    "title",
    "member",
    "kind",
    "languages",
    "stage",
    "website",
    "vision",
];
const PERIOD: &[&str] = &["start", "end"];
const PARTNER: &[&str] = &["organisation"];
const AXIS: &[&str] = &["id", "title"];
const RULES: &[&str] = &["commitments"];
const STEERING_GROUP_RULES: &[&str] = &["government", "civil-society"];
const FORUM_RULES: &[&str] = &["members", "plenaries", "sectors"];
const WORKING_GROUP_RULES: &[&str] = &["min-members", "max-members", "sessions", "sectors"];
const COMMITMENT_RULES: &[&str] = &["sections"];
/// Lint names are free: no order among them.
const LINTS: &[&str] = &[];
const UNKNOWN: &[&str] = &["x-zeta", "x-alpha"];

/// Where each kind of table stands in a file, and its keys in order.
fn order_of(header: &str) -> (usize, &'static [&'static str]) {
    match header {
        "member" => (1, MEMBER),
        "meeting" => (2, MEETING),
        "phase" => (3, PHASE),
        "milestone" => (1, MILESTONE),
        "contribution" => (1, CONTRIBUTION),
        "contribution.response" => (1, RESPONSE),
        "cocreation" => (1, PERIOD),
        "implementation" => (2, PERIOD),
        "partner" => (3, PARTNER),
        "axis" => (4, AXIS),
        "rules" => (5, RULES),
        "rules.steering-group" => (6, STEERING_GROUP_RULES),
        "rules.forum" => (7, FORUM_RULES),
        "rules.working-group" => (8, WORKING_GROUP_RULES),
        "rules.commitment" => (9, COMMITMENT_RULES),
        "lints" => (10, LINTS),
        other => panic!("no table `{other}` is generated"),
    }
}

fn value() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "\"text\"",
        "'literal'",
        "\"with # hash\"",
        "42",
        "-3.5",
        "true",
        "2021-05-06",
        "[\"a\", \"b\"]",
        "[\n  \"a\",  # first\n  \"b\",\n]",
        "{ ca = \"x\", en = \"y\" }",
        "\"\"\"\nline one\nline two\"\"\"",
        "'''\nraw # not a comment\n'''",
    ])
}

/// What may stand above a key or a header: nothing, blank lines, comments, indentation.
fn above() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "",
        "",
        "\n",
        "\n\n",
        "# note\n",
        "\n# note\n",
        "# note\n\n",
        "# par\n\n# note\n",
        "  ",
    ])
}

fn key_line(key: &'static str) -> impl Strategy<Value = String> {
    (
        above(),
        prop::sample::select(vec!["=", " = ", "  =\t"]),
        value(),
        prop::sample::select(vec!["", "", "  # trailing", "   "]),
    )
        .prop_map(move |(above, eq, value, after)| format!("{above}{key}{eq}{value}{after}\n"))
}

/// Some of `known` and of the unknown keys, in any order, each on its line.
fn keys(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    let all: Vec<&'static str> = known.iter().chain(UNKNOWN).copied().collect();
    let len = all.len();
    prop::sample::subsequence(all, 0..=len)
        .prop_shuffle()
        .prop_flat_map(|keys| keys.into_iter().map(key_line).collect::<Vec<_>>())
        .prop_map(|lines| lines.concat())
}

/// An `[[entry]]`, or with `[`, a `[table]`.
fn table(header: &'static str, known: &'static [&'static str]) -> impl Strategy<Value = String> {
    let brackets = match header.strip_prefix('[') {
        Some(name) => format!("[{name}]"),
        None => format!("[[{header}]]"),
    };
    (
        above(),
        prop::sample::select(vec!["", "  # on the header"]),
        keys(known),
    )
        .prop_map(move |(above, after, keys)| format!("{above}{brackets}{after}\n{keys}"))
}

fn header() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "# head\n\n", "# head\n#\n# more head\n\n\n"])
}

fn space() -> impl Strategy<Value = String> {
    let entry = prop_oneof![
        table("member", MEMBER),
        table("meeting", MEETING),
        table("phase", PHASE)
    ];
    (header(), keys(SPACE), prop::collection::vec(entry, 0..6))
        .prop_map(|(header, root, tables)| format!("{header}{root}{}", tables.concat()))
}

fn contributions() -> impl Strategy<Value = String> {
    let entry = (
        table("contribution", CONTRIBUTION),
        prop::option::of(table("[contribution.response", RESPONSE)),
    )
        .prop_map(|(entry, response)| entry + &response.unwrap_or_default());
    (
        header(),
        keys(CONTRIBUTIONS),
        prop::collection::vec(entry, 0..4),
    )
        .prop_map(|(header, root, tables)| format!("{header}{root}{}", tables.concat()))
}

fn plan() -> impl Strategy<Value = String> {
    // Each table at most once, in any order: TOML lets `[rules]` follow `[rules.forum]`.
    let tables = [
        ("[cocreation", PERIOD),
        ("[implementation", PERIOD),
        ("[rules", RULES),
        ("[rules.steering-group", STEERING_GROUP_RULES),
        ("[rules.forum", FORUM_RULES),
        ("[rules.working-group", WORKING_GROUP_RULES),
        ("[rules.commitment", COMMITMENT_RULES),
        ("[lints", LINTS),
    ]
    .map(|(header, keys)| prop::option::of(table(header, keys)));
    let entries = prop::collection::vec(
        prop_oneof![table("partner", PARTNER), table("axis", AXIS)],
        0..4,
    );
    (header(), keys(PLAN), tables, entries).prop_flat_map(|(header, root, tables, entries)| {
        let mut all: Vec<String> = tables.into_iter().flatten().collect();
        all.extend(entries);
        Just(all)
            .prop_shuffle()
            .prop_map(move |all| format!("{header}{root}{}", all.concat()))
    })
}

fn commitment() -> impl Strategy<Value = String> {
    (
        keys(COMMITMENT),
        prop::collection::vec(table("milestone", MILESTONE), 0..3),
        "[ -~\n\r+]{0,60}",
    )
        .prop_map(|(root, milestones, body)| {
            format!("+++\n{root}{}+++\n{body}", milestones.concat())
        })
}

/// Checks that the known keys of every table in `out` stand in FORMAT.md's order before
/// the unknown ones, and the tables in their order.
fn assert_in_order(kind: FileKind, out: &str) {
    let toml = match kind {
        FileKind::Commitment => front_matter(out).0,
        _ => out,
    };
    let mut table_rank = 0;
    let mut known = match kind {
        FileKind::Plan => PLAN,
        FileKind::Space => SPACE,
        FileKind::Contributions => CONTRIBUTIONS,
        FileKind::Commitment => COMMITMENT,
        other => panic!("no {other:?} files are generated"),
    };
    let mut key_rank = 0;
    for line in toml.lines() {
        let line = line.trim_end_matches('\r');
        if let Some(header) = line.strip_prefix('[') {
            let name = header.trim_start_matches('[');
            let name = &name[..name.find(']').expect("a closing bracket")];
            let (rank, keys) = order_of(name);
            assert!(rank >= table_rank, "`{line}` is out of place in:\n{out}");
            (table_rank, known, key_rank) = (rank, keys, 0);
        } else if let Some((key, _)) = line.split_once(" = ") {
            if line.starts_with(['#', ' ']) {
                continue;
            }
            let rank = known.iter().position(|k| *k == key).unwrap_or(known.len());
            assert!(rank >= key_rank, "`{key}` is out of place in:\n{out}");
            key_rank = rank;
        }
    }
}

fn assert_canonical_properties(kind: FileKind, text: &str, crlf: bool) {
    let text = if crlf {
        text.replace('\n', "\r\n")
    } else {
        text.to_string()
    };
    let out = check(kind, &text);
    assert_in_order(kind, &out);
    let toml = match kind {
        FileKind::Commitment => {
            let (toml, rest) = front_matter(&out);
            assert_eq!(rest, front_matter(&text).1, "the body changed");
            toml
        }
        _ => &out,
    };
    assert!(!toml.starts_with(['\n', '\r']), "{out}");
    assert!(
        !toml.contains("\n\n\n") && !toml.contains("\r\n\r\n\r\n"),
        "{out}"
    );
    assert!(
        toml.is_empty()
            || toml.ends_with('\n') && !toml.ends_with("\n\n") && !toml.ends_with("\n\r\n"),
        "{out:?}"
    );
    let ends = toml.matches('\n').count();
    assert_eq!(
        toml.matches("\r\n").count(),
        if crlf { ends } else { 0 },
        "{out:?}"
    );
    for marker in [
        "# head",
        "# more head",
        "# note",
        "# par",
        "# trailing",
        "# first",
        "# on the header",
    ] {
        assert_eq!(
            out.matches(marker).count(),
            text.matches(marker).count(),
            "{marker}:\n{out}"
        );
    }
}

proptest! {
    #![proptest_config(support::regressions_beside_source(ProptestConfig::default()))]

    #[test]
    fn spaces_format_canonically(text in space(), crlf in any::<bool>()) {
        assert_canonical_properties(FileKind::Space, &text, crlf);
    }

    #[test]
    fn contributions_format_canonically(text in contributions(), crlf in any::<bool>()) {
        assert_canonical_properties(FileKind::Contributions, &text, crlf);
    }

    #[test]
    fn plans_format_canonically(text in plan(), crlf in any::<bool>()) {
        assert_canonical_properties(FileKind::Plan, &text, crlf);
    }

    #[test]
    fn commitments_format_canonically(text in commitment(), crlf in any::<bool>()) {
        assert_canonical_properties(FileKind::Commitment, &text, crlf);
    }
}
