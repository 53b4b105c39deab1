//! The edit commands as a facilitator sees them: what each writes (as the diff a reviewer
//! reads), what each refuses (with every file left as it was), `--dry-run`, `fmt`, and
//! `init` followed by `check`.

use crate::support::{TempPlan, obert_in, ok, snapshot as files, stderr};

/// The valid fixture plan with what people leave in files: a comment above the file and
/// beside a value, a comment above an entry and between kinds of entries, keys in an order
/// of their own, an extra blank line, CRLF line ends in people.toml, translated text as
/// inline tables (already in the fixture).
fn decorated() -> TempPlan {
    let plan = TempPlan::valid();
    let organisations = plan.read("organisations.toml");
    plan.write(
        "organisations.toml",
        format!("# Who takes part.\n\n{organisations}"),
    );
    plan.replace(
        "organisations.toml",
        "level = \"local\"",
        "level = \"local\"   # the town hall",
    );
    // A key order of the author's own, and an extra blank line between entries.
    plan.replace(
        "organisations.toml",
        "name = \"Entitat de Dades Obertes\"\nsector = \"open-government-entity\"",
        "sector = \"open-government-entity\"\nname = \"Entitat de Dades Obertes\"",
    );
    plan.replace(
        "organisations.toml",
        "\n[[organisation]]\nid = \"consell\"",
        "\n\n[[organisation]]\nid = \"consell\"",
    );
    let people = plan.read("people.toml");
    plan.write("people.toml", people.replace('\n', "\r\n"));
    plan.replace(
        "spaces/motor.toml",
        "[[member]]\nperson = \"g2\"",
        "# joined in June\n[[member]]\nperson = \"g2\"",
    );
    plan.replace(
        "spaces/motor.toml",
        "\n[[meeting]]",
        "\n# Meetings follow.\n[[meeting]]",
    );
    plan
}

/// Each edit, the line it prints, and the diff of what it wrote.
#[test]
fn each_edit_writes_only_its_own_lines() {
    let cases: &[&[&str]] = &[
        &[
            "org",
            "add",
            "nova",
            "--name",
            "Entitat \"Nova\"",
            "--sector",
            "generalist-entity",
        ],
        &["org", "set", "ajuntament", "level", "regional"],
        &["org", "set", "consell", "name", "Consell Comarcal"],
        &["org", "set", "entitat", "level", "regional"],
        &[
            "person",
            "add",
            "e2",
            "--organisation",
            "entitat",
            "--name",
            "Eva",
            "--public",
        ],
        &["person", "set", "g2", "gender", "woman"],
        &["person", "set", "g1", "public", "--unset"],
        &[
            "member",
            "add",
            "motor",
            "e1",
            "--role",
            "secretariat",
            "--since",
            "2021-06-01",
        ],
        &["member", "leave", "motor", "c2", "--until", "2021-09-30"],
        &["member", "remove", "motor", "g2"],
        &[
            "meeting",
            "add",
            "motor",
            "m2",
            "--date",
            "2021-06-10",
            "--kind",
            "meeting",
            "--attendee",
            "g1",
            "--attendee",
            "c1",
        ],
        &["meeting", "set", "motor", "m1", "attendees", "--add", "c2"],
        &[
            "phase",
            "add",
            "online",
            "retorn",
            "--title",
            "Retorn",
            "--start",
            "2021-10-01",
            "--end",
            "2021-10-31",
        ],
        &[
            "space",
            "add",
            "gt-c",
            "--kind",
            "working-group",
            "--name",
            "Grup de treball C",
        ],
        &["space", "set", "forum", "name", "Fòrum", "--lang", "en"],
        &["axis", "add", "integritat", "--title", "Integritat pública"],
        &["partner", "add", "entitat"],
        &["plan", "set", "rules.forum.members", "6"],
        &["plan", "set", "stage", "submitted"],
        &["plan", "set", "lints.forum-size", "allow"],
        &["commitment", "set", "a", "title", "Compromís A revisat"],
        &["commitment", "set", "a", "supporting", "--add", "consell"],
        &["commitment", "set", "b", "completion", "substantial"],
        &[
            "commitment",
            "new",
            "c",
            "--title",
            "Compromís c",
            "--working-group",
            "gt-a",
            "--lead",
            "ajuntament",
        ],
        &[
            "milestone",
            "add",
            "a",
            "--title",
            "Publicació",
            "--output",
            "Portal publicat",
            "--due",
            "2023-03-31",
            "--stakeholder",
            "entitat",
        ],
        &["milestone", "set", "a", "1", "completion", "complete"],
        &["milestone", "remove", "b", "1"],
        &[
            "contribution",
            "respond",
            "TEST-PROP-2021-05-0001",
            "--status",
            "partially-accepted",
            "--reason",
            "En part, al compromís a.",
            "--by",
            "motor",
            "--date",
            "2021-10-27",
        ],
    ];
    let mut report = String::new();
    for args in cases {
        let plan = decorated();
        let before = files(&plan.root());
        let output = plan.obert(args);
        assert!(
            output.status.success(),
            "`obert {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        let after = files(&plan.root());
        report.push_str(&format!(
            "$ obert {}\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout)
        ));
        let mut changed = 0;
        for (path, new) in &after {
            let old = before
                .get(path)
                .map(|b| String::from_utf8_lossy(b).into_owned());
            let new = String::from_utf8_lossy(new).into_owned();
            if old.as_deref() == Some(new.as_str()) {
                continue;
            }
            changed += 1;
            let old = old.unwrap_or_default();
            let diff = similar::TextDiff::from_lines(&old, &new);
            // Line ends are shown so that a CRLF file visibly keeps them.
            let shown = diff
                .unified_diff()
                .context_radius(1)
                .header(&format!("a/{path}"), &format!("b/{path}"))
                .to_string()
                .replace("\r\n", "␍\n");
            report.push_str(&shown);
        }
        assert_eq!(
            changed,
            1,
            "`obert {}` changed {changed} files",
            args.join(" ")
        );
        report.push('\n');
    }
    insta::assert_snapshot!("edits", report);
}

/// What each refusal says; the plan is byte-identical afterwards.
#[test]
fn refused_edits_say_why_and_touch_nothing() {
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "org",
                "add",
                "ajuntament",
                "--name",
                "X",
                "--sector",
                "expert",
            ],
            "organisation `ajuntament` exists already",
        ),
        (
            &["org", "add", "x", "--name", "X", "--sector", "experts"],
            "did you mean `expert`?",
        ),
        (
            &["org", "add", "X Y", "--name", "X", "--sector", "expert"],
            "not a valid id",
        ),
        (
            &["org", "remove", "entitat"],
            "cannot remove organisation `entitat`: the plan still refers to it",
        ),
        (
            &["org", "set", "consell", "nmae", "X"],
            "did you mean `name`?",
        ),
        (
            &["org", "set", "consell", "name", "--unset"],
            "`name` is required",
        ),
        (
            &["person", "set", "g1", "organisation", "ajuntamnet"],
            "there is no organisation `ajuntamnet`",
        ),
        (&["person", "add", "g1"], "person `g1` exists already"),
        (&["person", "add", "z1"], "person `z1` has no sector"),
        (
            &["person", "remove", "g1"],
            "cannot remove person `g1`: the plan still refers to it",
        ),
        (
            &["member", "add", "motor", "c3", "--since", "2026-02-30"],
            "`2026-02-30` is not a date",
        ),
        (
            &["member", "add", "motor", "g1"],
            "`g1` is a member of `motor` already",
        ),
        (&["member", "add", "motr", "c3"], "did you mean `motor`?"),
        (
            &["member", "add", "motor", "nobody"],
            "there is no person `nobody`",
        ),
        (
            &["member", "leave", "motor", "c3", "--until", "2021-09-30"],
            "`c3` is not a current member of `motor`",
        ),
        (
            &[
                "meeting",
                "add",
                "motor",
                "m1",
                "--date",
                "2021-06-01",
                "--kind",
                "meeting",
            ],
            "`motor` has a meeting `m1` already",
        ),
        (
            &[
                "meeting",
                "add",
                "motor",
                "m2",
                "--date",
                "2021-06-01",
                "--kind",
                "session",
                "--minutes",
                "minutes/none.md",
            ],
            "missing-file",
        ),
        (
            &[
                "meeting",
                "add",
                "motor",
                "m2",
                "--date",
                "2021-06-01",
                "--kind",
                "plenari",
            ],
            "did you mean `plenary`?",
        ),
        (
            &[
                "commitment",
                "new",
                "a",
                "--title",
                "T",
                "--working-group",
                "gt-a",
            ],
            "commitment `a` exists already",
        ),
        (
            &[
                "commitment",
                "new",
                "c",
                "--title",
                "T",
                "--working-group",
                "gt-a",
                "--number",
                "2",
            ],
            "commitment `b` has number 2 already",
        ),
        (
            &["commitment", "set", "a", "working-group", "gt-z"],
            "there is no space `gt-z`",
        ),
        (
            &["commitment", "set", "a", "status", "agred"],
            "did you mean `agreed`?",
        ),
        (
            &["commitment", "set", "a", "values", "--add", "transparency"],
            "already holds",
        ),
        (
            &["commitment", "set", "a", "lead", "--remove", "consell"],
            "does not hold `consell`",
        ),
        (
            &[
                "commitment",
                "set",
                "a",
                "title",
                "Escriviu a maria@example.org",
            ],
            "personal-data",
        ),
        (
            &["milestone", "set", "a", "7", "completion", "complete"],
            "has no milestone 7",
        ),
        (
            &["milestone", "set", "a", "1", "due", "2022-13-01"],
            "is not a date",
        ),
        (
            &[
                "contribution",
                "respond",
                "TEST-PROP-2021-05-0001",
                "--status",
                "rejected",
            ],
            "response-without-reason",
        ),
        (
            &["contribution", "respond", "NOPE-1", "--status", "accepted"],
            "there is no contribution `NOPE-1`",
        ),
        (
            &["plan", "set", "rules.forum.member", "6"],
            "did you mean `rules.forum.members`?",
        ),
        (
            &["plan", "set", "lints.forum-sise", "allow"],
            "did you mean `forum-size`?",
        ),
        (
            &["plan", "set", "cocreation", "2021-10-31..2021-05-01"],
            "would end",
        ),
        (&["axis", "remove", "dades"], "cannot remove axis `dades`"),
        (
            &["space", "add", "motor", "--kind", "forum", "--name", "X"],
            "space `motor` exists already",
        ),
    ];
    let plan = decorated();
    let before = files(&plan.root());
    let mut failures = Vec::new();
    for (args, expected) in cases {
        let output = plan.obert(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.code() != Some(2) || !stderr.contains(expected) {
            failures.push(format!(
                "`obert {}`: exit {:?}, wanted 2 and `{expected}` in:\n{stderr}",
                args.join(" "),
                output.status.code()
            ));
        }
        assert_eq!(
            files(&plan.root()),
            before,
            "`obert {}` changed the plan although it was refused",
            args.join(" ")
        );
        // The privacy rule's own message masks the address it found.
        assert!(!stderr.contains("maria@example.org"), "{stderr}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_refused_removal_lists_the_references() {
    let plan = TempPlan::valid();
    let output = plan.obert(&["org", "remove", "entitat"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    insta::assert_snapshot!("refused_removal", stderr);
}

#[test]
fn a_file_that_does_not_parse_is_not_edited() {
    let plan = TempPlan::valid();
    plan.replace("people.toml", "id = \"g1\"", "id = \"g1");
    let before = files(&plan.root());
    let output = plan.obert(&["person", "add", "z1", "--sector", "expert"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot edit `plan/people.toml`: it is not valid TOML at line 2"),
        "{stderr}"
    );
    assert_eq!(files(&plan.root()), before);
    // Other files can still be edited: the broken one is not made worse.
    let output = plan.obert(&["org", "set", "consell", "level", "regional"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let plan = TempPlan::valid();
    let before = files(&plan.root());
    let output = plan.obert(&[
        "person",
        "add",
        "z1",
        "--sector",
        "expert",
        "--email",
        "z1.private@example.org",
        "--phone",
        "+34 600 999 888",
        "--dry-run",
    ]);
    assert!(output.status.success());
    assert_eq!(files(&plan.root()), before);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("dry run: nothing was written"), "{stderr}");
    // The diff shows the new entry, but never the private values.
    assert!(stdout.contains("+id = \"z1\""), "{stdout}");
    assert!(!stdout.contains("z1.private@example.org"), "{stdout}");
    assert!(!stdout.contains("600 999 888"), "{stdout}");
    insta::assert_snapshot!("dry_run", stdout);
}

#[test]
fn an_edit_that_changes_nothing_says_so() {
    let plan = TempPlan::valid();
    let before = files(&plan.root());
    let output = plan.obert(&["commitment", "set", "a", "status", "draft"]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("nothing to change"));
    assert_eq!(files(&plan.root()), before);
}

#[test]
fn commitment_new_follows_the_plan_language_and_required_sections() {
    let plan = TempPlan::valid();
    plan.replace(
        "plan.toml",
        "languages = [\"ca\", \"en\"]",
        "languages = [\"en\", \"ca\"]",
    );
    plan.replace(
        "plan.toml",
        "[rules.working-group]",
        "[rules.commitment]\nsections = [\"problem\", \"description\", \"gender\"]\n\n[rules.working-group]",
    );
    let output = plan.obert(&[
        "commitment",
        "new",
        "c",
        "--title",
        "Open budgets",
        "--working-group",
        "gt-a",
        "--lead",
        "ajuntament",
        "--axis",
        "dades",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    insta::assert_snapshot!("commitment_new", plan.read("commitments/c.md"));
    // The prompts are not text yet: check says the sections are to be written.
    let check = plan.obert(&["check", "--format", "json"]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout.contains("the `problem` section of `c` is empty"),
        "{stdout}"
    );

    // A plan's own template wins over the shipped one.
    plan.write(
        "templates/commitment.en.md",
        "## The problem {#problem}\n\nOurs.\n\n## What we do {#description}\n\nOurs too.\n",
    );
    let output = plan.obert(&[
        "commitment",
        "new",
        "d",
        "--title",
        "T",
        "--working-group",
        "gt-a",
        "--lead",
        "ajuntament",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written = plan.read("commitments/d.md");
    assert!(
        written.contains("## The problem {#problem}\n\nOurs.\n"),
        "{written}"
    );
    assert!(written.contains("number = 4"), "{written}");
}

#[test]
fn fmt_check_lists_untidy_files_and_fmt_tidies_them() {
    let plan = TempPlan::valid();
    let output = plan.obert(&["fmt", "--check"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    plan.replace("organisations.toml", "id = \"consell\"\nname", "name");
    plan.replace(
        "organisations.toml",
        "sector = \"public-administration\"\n\n[[organisation]]\nid = \"entitat\"",
        "id = \"consell\" # moved\nsector = \"public-administration\"\n\n\n[[organisation]]\nid = \"entitat\"",
    );
    let output = plan.obert(&["fmt", "--check"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "plan/organisations.toml\n"
    );
    let untidy = plan.read("organisations.toml");
    let output = plan.obert(&["fmt", "--dry-run"]);
    assert!(output.status.success());
    assert_eq!(plan.read("organisations.toml"), untidy);
    let diff = String::from_utf8_lossy(&output.stdout);
    assert!(diff.contains("+++ b/plan/organisations.toml"), "{diff}");
    assert!(diff.contains("-\n"), "the extra blank line goes: {diff}");
    let output = plan.obert(&["fmt"]);
    assert!(output.status.success());
    let tidy = plan.read("organisations.toml");
    assert_ne!(tidy, untidy);
    assert!(
        tidy.contains("[[organisation]]\nid = \"consell\" # moved\nname"),
        "{tidy}"
    );
    assert!(!tidy.contains("\n\n\n"), "{tidy}");
    assert_eq!(plan.obert(&["fmt", "--check"]).status.code(), Some(0));

    // A file that does not parse stops fmt before it writes anything.
    plan.replace("people.toml", "id = \"g1\"", "id = ");
    plan.replace(
        "organisations.toml",
        "id = \"consell\" # moved\nname",
        "name = \"x\"\nid = \"consell\"\nname",
    );
    let before = files(&plan.root());
    let output = plan.obert(&["fmt"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("plan/people.toml:2:"), "{stderr}");
    assert_eq!(files(&plan.root()), before);
}

#[test]
fn init_example_then_check_is_clean() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let init = obert_in(dir.path(), &["init", "demo"]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let check = obert_in(&dir.path().join("demo"), &["check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // …and the edit commands work on it straight away.
    let edit = obert_in(
        &dir.path().join("demo"),
        &[
            "member",
            "leave",
            "grup-motor",
            "diba-1",
            "--until",
            "2021-09-30",
        ],
    );
    let stdout = String::from_utf8_lossy(&edit.stdout);
    assert!(
        edit.status.success(),
        "{}",
        String::from_utf8_lossy(&edit.stderr)
    );
    assert_eq!(stdout, "grup-motor: 4/5 government, 5/5 civil society\n");
}

/// Entries written as an inline list are valid TOML that `check` accepts; adding a
/// `[[member]]` beside them would silently replace the list, so the edit is refused.
#[test]
fn entries_written_inline_are_refused_not_replaced() {
    let plan = TempPlan::valid();
    let space = plan.read("spaces/gt-a.toml");
    let start = space.find("[[member]]").expect("members");
    let end = space.find("[[meeting]]").expect("meetings");
    plan.write(
        "spaces/gt-a.toml",
        format!(
            "{}member = [\n  {{ person = \"g1\" }},\n  {{ person = \"c1\" }},\n]\n\n{}",
            &space[..start],
            &space[end..]
        ),
    );
    assert_eq!(plan.obert(&["check"]).status.code(), Some(0));
    let before = files(&plan.root());
    let output = plan.obert(&["member", "add", "gt-a", "c2"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`member` is written as an inline list, not as `[[member]]` entries"),
        "{stderr}"
    );
    assert_eq!(files(&plan.root()), before);
}

#[test]
fn a_response_is_dated_today_unless_told_otherwise() {
    let plan = TempPlan::valid();
    let day_before = obert::model::Date::from_clock().expect("a clock");
    let output = plan.obert(&[
        "contribution",
        "respond",
        "TEST-PROP-2021-05-0001",
        "--status",
        "accepted",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let day_after = obert::model::Date::from_clock().expect("a clock");
    let file = plan.read("contributions/eixos.toml");
    // The earlier reason goes with the earlier status; no space answered this time. (Run
    // across midnight, the response may carry either day.)
    let dated = |day| format!("[contribution.response]\nstatus = \"accepted\"\ndate = {day}\n");
    assert!(
        file.contains(&dated(day_before)) || file.contains(&dated(day_after)),
        "{file}"
    );
}

#[test]
fn milestone_ids_are_written_set_and_unique_within_their_commitment() {
    let plan = TempPlan::valid();
    let run = |args: &[&str]| {
        let output = plan.obert(args);
        assert!(
            output.status.success(),
            "`obert {}`: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
    };
    run(&[
        "milestone",
        "add",
        "a",
        "--id",
        "publicacio",
        "--title",
        "Publicació",
        "--output",
        "Portal publicat",
        "--due",
        "2023-03-31",
    ]);
    run(&["milestone", "set", "a", "1", "id", "diagnosi"]);
    // Ids are unique within a commitment only: commitment b may have its own `diagnosi`.
    run(&["milestone", "set", "b", "1", "id", "diagnosi"]);
    let file = plan.read("commitments/a.md");
    assert!(
        file.contains("[[milestone]]\nid = \"diagnosi\"\ntitle = \"Diagnosi\"\n"),
        "{file}"
    );
    assert!(
        file.contains("[[milestone]]\nid = \"publicacio\"\ntitle = \"Publicació\"\n"),
        "{file}"
    );
    let output = ok(&plan.obert(&["show", "a"]));
    assert!(output.contains("  id: diagnosi"), "{output}");

    let before = files(&plan.root());
    for (args, expected) in [
        (
            &["milestone", "set", "a", "2", "id", "diagnosi"][..],
            "milestone `diagnosi` is defined twice",
        ),
        (
            &[
                "milestone",
                "add",
                "a",
                "--id",
                "Bad Id",
                "--title",
                "X",
                "--output",
                "Y",
                "--due",
                "2023-03-31",
            ][..],
            "`Bad Id`",
        ),
    ] {
        let output = plan.obert(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert_eq!(files(&plan.root()), before, "`obert {}`", args.join(" "));
    }

    // Written by hand, a repeated id is a finding of `check`.
    plan.replace(
        "commitments/a.md",
        "title = \"Portal\"",
        "id = \"diagnosi\"\ntitle = \"Portal\"",
    );
    let output = plan.obert(&["check", "-q"]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains(
            "error[duplicate-id]: milestone `diagnosi` is defined twice; the first is at commitments/a.md:15"
        ),
        "{text}"
    );
}

/// In a large file, an edit of one entry opens only that entry; the file must come out as
/// an edit of the whole file would leave it: that entry changed, every other byte as it
/// was. An entry that cannot be cut out alone (a name in a multi-line string holding a
/// header line) is changed through the whole file, to the same end.
#[test]
fn an_entry_of_a_large_file_changes_alone() {
    let plan = TempPlan::valid();
    let mut people = plan.read("people.toml");
    for n in 0..3000 {
        people.push_str(&format!(
            "\n[[person]]\nid = \"p{n}\"\norganisation = \"ajuntament\"\nname = \"Persona {n}\" # as signed\n"
        ));
    }
    people.push_str("\n[[person]]\nid = \"tricky\"\norganisation = \"ajuntament\"\nname = \"\"\"\nUna\n[[person]]\nid = \"p1\"\n\"\"\"\n");
    people.push_str("\n  [[person]] # indented\nid = \"last\"\norganisation = \"ajuntament\"\n");
    plan.write("people.toml", &people);
    assert!(people.len() > 128 * 1024);

    for (id, old, new) in [
        (
            "p1500",
            "name = \"Persona 1500\" # as signed\n",
            "name = \"Pere\" # as signed\n",
        ),
        (
            "p0",
            "name = \"Persona 0\" # as signed\n",
            "name = \"Pere\" # as signed\n",
        ),
        (
            "tricky",
            "name = \"\"\"\nUna\n[[person]]\nid = \"p1\"\n\"\"\"\n",
            "name = \"Pere\"\n",
        ),
        (
            "last",
            "organisation = \"ajuntament\"\n",
            "organisation = \"ajuntament\"\nname = \"Pere\"\n",
        ),
    ] {
        let before = plan.read("people.toml");
        let output = plan.obert(&["person", "set", id, "name", "Pere"]);
        assert!(output.status.success(), "{id}: {}", stderr(&output));
        let at = before
            .find(&format!("id = \"{id}\""))
            .expect("the person is in the file");
        let replaced = at + before[at..].find(old).expect("the old text follows the id");
        let expected = format!(
            "{}{new}{}",
            &before[..replaced],
            &before[replaced + old.len()..]
        );
        assert!(
            plan.read("people.toml") == expected,
            "{id} is not changed alone"
        );
    }
    let output = plan.obert(&["person", "set", "nobody", "name", "Pere"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));

    // The check after an edit takes over the pieces around the entry changed; what it
    // finds is placed where the file has it.
    let people = plan.read("people.toml");
    let output = plan.obert(&["person", "set", "p2000", "organisation", "enlloc"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let at = people.find("id = \"p2000\"").expect("p2000");
    let line = people[..at].lines().count() + 2;
    assert!(
        stderr(&output).contains(&format!("people.toml:{line}:")),
        "line {line}: {}",
        stderr(&output)
    );
    assert_eq!(plan.read("people.toml"), people);
}
