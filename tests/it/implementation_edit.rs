//! `obert progress add`, `obert assessment add` and `obert publication add`, as a
//! facilitator sees them: the line each prints, the text each writes (a new file when the
//! commitment has none yet, entries in date order), what each refuses with every file left
//! as it was, `--dry-run`, and a plan that `obert check` still finds clean.

use crate::support::{TempPlan, code, ok, show, snapshot as files, stderr};

/// The fixture's progress file, as shipped in tests/fixtures/valid.
const REPORT_OF_JUNE: &str = "# What was reported on commitment a, oldest first.
[[report]]
date = 2022-06-15
milestone = \"1\"
status = \"substantial\"
percent = 60
note = { ca = \"Diagnosi feta a mig municipi.\", en = \"Half the town surveyed.\" }
evidence = [\"https://example.org/pla/diagnosi.pdf\", \"minutes/forum-p1.md\"]
by = \"ajuntament\"
discussed-at = \"forum/p1\"
";

#[track_caller]
fn clean(plan: &TempPlan) {
    let output = plan.obert(&["check"]);
    assert_eq!(code(&output), 0, "{}", show(&output));
    assert!(
        crate::support::stdout(&output).contains("no findings"),
        "{}",
        show(&output)
    );
}

#[test]
fn a_report_is_added_after_the_last_and_said_in_one_line() {
    let plan = TempPlan::valid();
    assert_eq!(plan.read("progress/a.toml"), REPORT_OF_JUNE);
    let line = ok(&plan.obert(&[
        "progress",
        "add",
        "a",
        "1.2",
        "--status",
        "limited",
        "--date",
        "2022-09-01",
        "--percent",
        "20",
        "--note",
        "Portal en proves.",
        "--evidence",
        "minutes/forum-p1.md",
        "--evidence",
        "https://example.org/pla/portal.pdf",
        "--by",
        "ajuntament",
        "--discussed-at",
        "forum/p1",
    ]));
    assert_eq!(
        line,
        "progress: commitment 1 «Compromís a», milestone 1.2: limited (20%) on 2022-09-01, 2 evidence items\n"
    );
    assert_eq!(
        plan.read("progress/a.toml"),
        format!(
            "{REPORT_OF_JUNE}
[[report]]
date = 2022-09-01
milestone = \"1.2\"
status = \"limited\"
percent = 20
note = \"Portal en proves.\"
evidence = [\"minutes/forum-p1.md\", \"https://example.org/pla/portal.pdf\"]
by = \"ajuntament\"
discussed-at = \"forum/p1\"
"
        )
    );
    clean(&plan);
}

#[test]
fn a_commitment_without_reports_gets_its_progress_file() {
    let plan = TempPlan::valid();
    assert!(!plan.path("progress/b.toml").exists());
    let output = plan.obert(&[
        "--today",
        "2022-03-10",
        "progress",
        "add",
        "b",
        "--status",
        "not-started",
    ]);
    assert_eq!(
        ok(&output),
        "progress: commitment 2 «Compromís b»: not-started on 2022-03-10, no evidence\n"
    );
    assert!(
        stderr(&output).contains("wrote plan/progress/b.toml"),
        "{}",
        show(&output)
    );
    assert_eq!(
        plan.read("progress/b.toml"),
        "# Progress reports on commitment b, oldest first: `obert progress add` adds one.

[[report]]
date = 2022-03-10
status = \"not-started\"
"
    );
    clean(&plan);
}

#[test]
fn reports_stay_in_date_order_whatever_order_they_are_added_in() {
    let plan = TempPlan::valid();
    for (date, status) in [
        ("2022-12-01", "complete"),
        ("2022-01-10", "not-started"),
        ("2022-06-15", "limited"),
    ] {
        let mut args = vec![
            "progress", "add", "a", "1", "--status", status, "--date", date,
        ];
        // A report of completion needs its evidence (`completion-without-evidence`).
        if status == "complete" {
            args.extend(["--evidence", "https://example.org/pla/portal"]);
        }
        ok(&plan.obert(&args));
    }
    // The earliest goes first, under the file's heading; one of the same day as a report
    // already there goes after it, so that the later written stays the latest.
    assert_eq!(
        plan.read("progress/a.toml"),
        "# What was reported on commitment a, oldest first.
[[report]]
date = 2022-01-10
milestone = \"1\"
status = \"not-started\"

[[report]]
date = 2022-06-15
milestone = \"1\"
status = \"substantial\"
percent = 60
note = { ca = \"Diagnosi feta a mig municipi.\", en = \"Half the town surveyed.\" }
evidence = [\"https://example.org/pla/diagnosi.pdf\", \"minutes/forum-p1.md\"]
by = \"ajuntament\"
discussed-at = \"forum/p1\"

[[report]]
date = 2022-06-15
milestone = \"1\"
status = \"limited\"

[[report]]
date = 2022-12-01
milestone = \"1\"
status = \"complete\"
evidence = [\"https://example.org/pla/portal\"]
"
    );
    clean(&plan);
    // `obert fmt` has nothing to say of the layout the commands leave.
    ok(&plan.obert(&["fmt", "--check"]));
}

#[test]
fn a_report_between_two_keeps_the_comment_of_the_later_one() {
    let plan = TempPlan::valid();
    plan.write(
        "progress/b.toml",
        "# Reports on b.\n\n[[report]]\ndate = 2022-01-10\nstatus = \"not-started\"\n\n# after the forum\n[[report]]\ndate = 2022-09-01\nstatus = \"limited\"\n",
    );
    ok(&plan.obert(&[
        "progress",
        "add",
        "b",
        "--status",
        "limited",
        "--date",
        "2022-05-01",
    ]));
    ok(&plan.obert(&[
        "progress",
        "add",
        "b",
        "--status",
        "not-started",
        "--date",
        "2021-12-01",
    ]));
    assert_eq!(
        plan.read("progress/b.toml"),
        "# Reports on b.\n\n[[report]]\ndate = 2021-12-01\nstatus = \"not-started\"\n\n[[report]]\ndate = 2022-01-10\nstatus = \"not-started\"\n\n[[report]]\ndate = 2022-05-01\nstatus = \"limited\"\n\n# after the forum\n[[report]]\ndate = 2022-09-01\nstatus = \"limited\"\n"
    );
}

/// Each refused command exits 2 with a message that says why and what to do, and leaves
/// every file of the plan as it was.
#[track_caller]
fn refused(plan: &TempPlan, cases: &[(&[&str], &str)]) {
    let before = files(&plan.root());
    let mut failures = Vec::new();
    for (args, expected) in cases {
        let output = plan.obert(args);
        let stderr = stderr(&output);
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
        assert!(!stderr.contains("maria@example.org"), "{stderr}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn progress_add_refuses_what_the_plan_cannot_take() {
    let plan = TempPlan::valid();
    plan.write("evidence/informe.md", "# Informe\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", plan.path("evidence/passwd")).expect("a link");
    let add =
        |rest: &[&'static str]| -> Vec<&'static str> { [&["progress", "add"][..], rest].concat() };
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            add(&["z", "--status", "limited"]),
            "there is no commitment `z`",
        ),
        (
            add(&["a", "7", "--status", "limited"]),
            "commitment `a` has no milestone `7`; give a milestone's id or its number in the commitment: 1 (1.1), 2 (1.2)",
        ),
        (
            add(&["a", "2.1", "--status", "limited"]),
            "commitment `a` has no milestone `2.1`",
        ),
        (
            add(&[
                "a",
                "--status",
                "limited",
                "--evidence",
                "evidence/missing.pdf",
            ]),
            "--evidence `evidence/missing.pdf` is not in the plan: there is no file `plan/evidence/missing.pdf`; copy the file there first, or give the https:// address where it is published",
        ),
        (
            add(&["a", "--status", "limited", "--evidence", "../secret"]),
            "--evidence `../secret` is not a path inside the plan folder; give a path relative to the plan folder",
        ),
        (
            add(&["a", "--status", "limited", "--evidence", "/etc/passwd"]),
            "--evidence `/etc/passwd` is not a path inside the plan folder",
        ),
        (
            add(&["a", "--status", "limited", "--evidence", "evidence"]),
            "--evidence `evidence` is a folder; name a file in it",
        ),
        (
            add(&[
                "a",
                "--status",
                "limited",
                "--evidence",
                "https://exa mple.org",
            ]),
            "is not a web address",
        ),
        (
            add(&["a", "--status", "limited", "--percent", "101"]),
            "--percent 101 is more than 100; give how much is done as a whole number from 0 to 100",
        ),
        (
            add(&["a", "--status", "limted"]),
            "`limted` is not a value of `status`; did you mean `limited`? expected one of: no-evidence, not-started, limited, substantial, complete",
        ),
        (
            add(&["a", "--status", "limited", "--date", "2022-02-30"]),
            "`2022-02-30` is not a date",
        ),
        (
            add(&["a", "--status", "limited", "--by", "ajuntment"]),
            "there is no organisation `ajuntment`; did you mean `ajuntament`?",
        ),
        (
            add(&["a", "--status", "limited", "--discussed-at", "forum/p9"]),
            "there is no meeting in `forum` with the id `p9`; did you mean `p1`?",
        ),
        (
            add(&["a", "--status", "limited", "--discussed-at", "forum"]),
            "--discussed-at `forum` is not SPACE/MEETING",
        ),
        (
            add(&[
                "a",
                "--status",
                "limited",
                "--note",
                "Escriviu a maria@example.org",
            ]),
            "--note holds an e-mail address, and it would be published",
        ),
    ];
    let mut cases: Vec<(&[&str], &str)> = cases
        .iter()
        .map(|(args, expected)| (args.as_slice(), *expected))
        .collect();
    #[cfg(unix)]
    cases.push((
        &[
            "progress",
            "add",
            "a",
            "--status",
            "limited",
            "--evidence",
            "evidence/passwd",
        ],
        "--evidence `evidence/passwd` leads out of the plan folder (through a symbolic link)",
    ));
    refused(&plan, &cases);
    // Bad arguments that clap itself refuses also exit 2.
    let output = plan.obert(&[
        "progress",
        "add",
        "a",
        "--status",
        "limited",
        "--percent",
        "-3",
    ]);
    assert_eq!(code(&output), 2, "{}", show(&output));
}

#[test]
fn the_same_entry_twice_is_refused() {
    let plan = TempPlan::valid();
    let report: &[&str] = &[
        "progress",
        "add",
        "b",
        "2",
        "--status",
        "limited",
        "--date",
        "2022-06-01",
        "--evidence",
        "minutes/forum-p1.md",
    ];
    ok(&plan.obert(report));
    let assessment: &[&str] = &[
        "assessment",
        "add",
        "b",
        "--by",
        "monitoring-body",
        "--kind",
        "inception",
        "--date",
        "2022-02-01",
        "--potential",
        "modest",
    ];
    ok(&plan.obert(assessment));
    let publication: &[&str] = &[
        "publication",
        "add",
        "--date",
        "2022-07-01",
        "--url",
        "https://example.org/pla/seguiment",
    ];
    refused(
        &plan,
        &[
            (
                report,
                "`plan/progress/b.toml` holds this very report already, dated 2022-06-01; nothing was added",
            ),
            (
                assessment,
                "`plan/assessments/b.toml` holds this very assessment already, dated 2022-02-01",
            ),
            (
                publication,
                "`plan/plan.toml` holds this very publication already, dated 2022-07-01",
            ),
        ],
    );
}

#[test]
fn dry_run_shows_the_new_file_and_writes_nothing() {
    let plan = TempPlan::valid();
    let before = files(&plan.root());
    let output = plan.obert(&[
        "progress",
        "add",
        "b",
        "--status",
        "limited",
        "--date",
        "2022-05-01",
        "--dry-run",
    ]);
    let diff = ok(&output);
    assert!(
        stderr(&output).contains("dry run: nothing was written"),
        "{}",
        show(&output)
    );
    assert!(
        diff.starts_with(
            "--- /dev/null\n+++ b/plan/progress/b.toml\n@@ -0,0 +1,5 @@\n+# Progress reports on commitment b"
        ),
        "{diff}"
    );
    assert!(
        diff.ends_with(
            "progress: commitment 2 «Compromís b»: limited on 2022-05-01, no evidence\n"
        ),
        "{diff}"
    );
    assert_eq!(files(&plan.root()), before);
}

#[test]
fn an_assessment_is_recorded_in_date_order() {
    let plan = TempPlan::valid();
    let line = ok(&plan.obert(&[
        "--today",
        "2023-06-30",
        "assessment",
        "add",
        "a",
        "--by",
        "monitoring-body",
        "--kind",
        "end-of-commitment",
        "--completion",
        "complete",
        "--early-results",
        "major",
        "--url",
        "https://example.org/pla/final.pdf",
        "--note",
        "Portal en línia.",
    ]));
    assert_eq!(
        line,
        "assessment: commitment 1 «Compromís a»: end-of-commitment by monitoring-body on 2023-06-30: completion complete, early results major\n"
    );
    let text = plan.read("assessments/a.toml");
    assert!(
        text.ends_with(
            "note = \"Verificable; el portal pot obrir les dades de tot el municipi.\"

[[assessment]]
by = \"monitoring-body\"
kind = \"end-of-commitment\"
date = 2023-06-30
url = \"https://example.org/pla/final.pdf\"
completion = \"complete\"
early-results = \"major\"
note = \"Portal en línia.\"
"
        ),
        "{text}"
    );
    // A new file for b, and an earlier assessment before a later one.
    for args in [
        &[
            "--by",
            "self",
            "--kind",
            "results-report",
            "--date",
            "2023-09-01",
            "--completion",
            "substantial",
        ][..],
        &[
            "--by",
            "irm",
            "--kind",
            "action-plan-review",
            "--date",
            "2022-04-01",
            "--verifiable",
            "true",
            "--open-government-lens",
            "false",
            "--potential",
            "unclear",
        ][..],
    ] {
        ok(&plan.obert(&[&["assessment", "add", "b"][..], args].concat()));
    }
    assert_eq!(
        plan.read("assessments/b.toml"),
        "# What reviewers said of commitment b, oldest first: `obert assessment add` adds an assessment.

[[assessment]]
by = \"irm\"
kind = \"action-plan-review\"
date = 2022-04-01
verifiable = true
open-government-lens = false
potential = \"unclear\"

[[assessment]]
by = \"self\"
kind = \"results-report\"
date = 2023-09-01
completion = \"substantial\"
"
    );
    clean(&plan);
}

#[test]
fn assessment_add_refuses_what_does_not_fit_its_kind() {
    let plan = TempPlan::valid();
    let add = |rest: &[&'static str]| -> Vec<&'static str> {
        [
            &["assessment", "add", "a", "--date", "2022-04-01"][..],
            rest,
        ]
        .concat()
    };
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            add(&["--by", "irm", "--kind", "inception"]),
            "--by irm files no inception assessment, only action-plan-review, midterm-review or results-report",
        ),
        (
            add(&["--by", "monitoring-body", "--kind", "results-report"]),
            "--by monitoring-body files no results-report assessment, only inception or end-of-commitment",
        ),
        (
            add(&[
                "--by",
                "irm",
                "--kind",
                "results-report",
                "--potential",
                "modest",
            ]),
            "--potential belongs to an assessment of kind action-plan-review, midterm-review or inception, not results-report; leave it out, or give the right --kind",
        ),
        (
            add(&[
                "--by",
                "monitoring-body",
                "--kind",
                "end-of-commitment",
                "--verifiable",
                "true",
            ]),
            "--verifiable belongs to an assessment of kind",
        ),
        (
            add(&[
                "--by",
                "irm",
                "--kind",
                "action-plan-review",
                "--completion",
                "limited",
            ]),
            "--completion belongs to an assessment of kind midterm-review, results-report or end-of-commitment, not action-plan-review",
        ),
        (
            add(&["--by", "irm", "--kind", "review"]),
            "`review` is not a value of `kind`",
        ),
        (
            add(&["--by", "imr", "--kind", "action-plan-review"]),
            "did you mean `irm`?",
        ),
        (
            add(&[
                "--by",
                "irm",
                "--kind",
                "action-plan-review",
                "--potential",
                "huge",
            ]),
            "`huge` is not a value of `potential`",
        ),
        (
            add(&[
                "--by",
                "irm",
                "--kind",
                "action-plan-review",
                "--url",
                "www.example.org",
            ]),
            "--url `www.example.org` is not a web address; give the assessment's web address, starting with https://",
        ),
        (
            add(&[
                "--by",
                "self",
                "--kind",
                "results-report",
                "--early-results",
                "great",
            ]),
            "`great` is not a value of `early-results`",
        ),
        (
            vec![
                "assessment",
                "add",
                "z",
                "--by",
                "irm",
                "--kind",
                "results-report",
            ],
            "there is no commitment `z`",
        ),
    ];
    let cases: Vec<(&[&str], &str)> = cases
        .iter()
        .map(|(args, expected)| (args.as_slice(), *expected))
        .collect();
    refused(&plan, &cases);
    let output = plan.obert(&add(&[
        "--by",
        "irm",
        "--kind",
        "action-plan-review",
        "--verifiable",
        "maybe",
    ]));
    assert_eq!(code(&output), 2, "{}", show(&output));
}

#[test]
fn a_publication_goes_where_fmt_puts_it_in_date_order() {
    let plan = TempPlan::valid();
    // The first publication of a plan that has none goes after the axes, before [rules].
    plan.replace(
        "plan.toml",
        "[[publication]]\ndate = 2022-07-01\nurl = \"https://example.org/pla/seguiment\"\n\n",
        "",
    );
    let line = ok(&plan.obert(&[
        "--today",
        "2022-07-01",
        "publication",
        "add",
        "--url",
        "https://example.org/pla/seguiment",
    ]));
    assert_eq!(
        line,
        "publication: 2022-07-01 at https://example.org/pla/seguiment (1 publication in the plan, the latest on 2022-07-01)\n"
    );
    ok(&plan.obert(&[
        "publication",
        "add",
        "--date",
        "2023-01-20",
        "--url",
        "https://example.org/pla/2023",
    ]));
    ok(&plan.obert(&[
        "publication",
        "add",
        "--date",
        "2022-01-20",
        "--url",
        "https://example.org/pla/2022",
    ]));
    let text = plan.read("plan.toml");
    assert!(
        text.contains(
            "[[axis]]
id = \"dades\"
title = \"Dades obertes\"

[[publication]]
date = 2022-01-20
url = \"https://example.org/pla/2022\"

[[publication]]
date = 2022-07-01
url = \"https://example.org/pla/seguiment\"

[[publication]]
date = 2023-01-20
url = \"https://example.org/pla/2023\"

[rules]
"
        ),
        "{text}"
    );
    // The file's opening comment stays where it was.
    assert!(
        text.starts_with("# A small plan that passes every rule."),
        "{text}"
    );
    clean(&plan);
    ok(&plan.obert(&["fmt", "--check"]));
    refused(
        &plan,
        &[
            (
                &["publication", "add", "--url", "example.org/pla"],
                "--url `example.org/pla` is not a web address",
            ),
            (
                &[
                    "publication",
                    "add",
                    "--date",
                    "2022-13-01",
                    "--url",
                    "https://example.org",
                ],
                "`2022-13-01` is not a date",
            ),
        ],
    );
}

#[test]
fn the_date_defaults_to_today() {
    let plan = TempPlan::valid();
    ok(&plan.obert(&[
        "--today",
        "2022-10-05",
        "progress",
        "add",
        "a",
        "2",
        "--status",
        "limited",
    ]));
    assert!(
        plan.read("progress/a.toml").ends_with(
            "\n[[report]]\ndate = 2022-10-05\nmilestone = \"2\"\nstatus = \"limited\"\n"
        )
    );
    ok(&plan.obert(&[
        "--today",
        "2022-10-05",
        "assessment",
        "add",
        "a",
        "--by",
        "self",
        "--kind",
        "midterm-review",
    ]));
    assert!(plan.read("assessments/a.toml").ends_with(
        "\n[[assessment]]\nby = \"self\"\nkind = \"midterm-review\"\ndate = 2022-10-05\n"
    ));
}
