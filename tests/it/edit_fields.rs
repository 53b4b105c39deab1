//! Every field editable (issue 15): `member set`, `phase set` and `phase remove`,
//! `contribution set`, `commitment remove` and `space remove`, `person rename` and
//! `org rename`, as a facilitator sees them: what each writes, what each says, and that
//! each refusal leaves every file as it was.

use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::{TempPlan, code, obert_command, ok, show, snapshot as files, stderr, stdout};

/// Runs an edit that must succeed; returns its output.
fn run(plan: &TempPlan, args: &[&str]) -> Output {
    let output = plan.obert(args);
    assert_eq!(
        code(&output),
        0,
        "`obert {}`: {}",
        args.join(" "),
        show(&output)
    );
    output
}

/// Runs an edit that must be refused: exit 2, `expected` in its message, and not one byte
/// of the plan changed. Returns the message.
fn refused(plan: &TempPlan, args: &[&str], expected: &str) -> String {
    let before = files(&plan.root());
    let output = plan.obert(args);
    let message = stderr(&output);
    assert_eq!(
        code(&output),
        2,
        "`obert {}`: {}",
        args.join(" "),
        show(&output)
    );
    assert!(
        message.contains(expected),
        "`obert {}` said:\n{message}\nwanted: {expected}",
        args.join(" ")
    );
    assert!(
        files(&plan.root()) == before,
        "`obert {}` changed the plan although it was refused",
        args.join(" ")
    );
    message
}

/// The files that differ between two snapshots of a plan.
fn changed(
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    after: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    let paths: std::collections::BTreeSet<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .collect();
    paths.into_iter().cloned().collect()
}

#[test]
fn member_set_changes_the_latest_membership_only() {
    let plan = TempPlan::valid();
    // c2 left the steering group and joined it again; the change goes to the current entry.
    plan.replace(
        "spaces/motor.toml",
        "[[member]]\nperson = \"c2\"\n",
        "[[member]]\nperson = \"c2\"\nsince = 2021-05-01\nuntil = 2021-06-30\n\n[[member]]\nperson = \"c2\"  # back in September\nsince = 2021-09-01\n",
    );
    let motor = plan.read("spaces/motor.toml");
    let output = run(
        &plan,
        &["member", "set", "motor", "c2", "role", "secretariat"],
    );
    assert_eq!(
        plan.read("spaces/motor.toml"),
        motor.replace(
            "person = \"c2\"  # back in September\nsince = 2021-09-01\n",
            "person = \"c2\"  # back in September\nrole = \"secretariat\"\nsince = 2021-09-01\n"
        )
    );
    assert_eq!(
        stdout(&output),
        "motor: 2/2 government, 2/2 civil society\n"
    );

    // `counts = false` takes the member out of the balance, as the line says.
    let output = run(&plan, &["member", "set", "motor", "c2", "counts", "false"]);
    assert_eq!(
        stdout(&output),
        "motor: 2/2 government, 1/2 civil society, 1 not counted\n"
    );
    run(
        &plan,
        &["member", "set", "motor", "c2", "counts", "--unset"],
    );
    run(&plan, &["member", "set", "motor", "c2", "role", "--unset"]);
    assert_eq!(plan.read("spaces/motor.toml"), motor);

    // `until` records a departure as `member leave` does; then the latest entry is the one
    // changed, and `member add` starts a new one.
    run(
        &plan,
        &["member", "set", "motor", "g1", "until", "2021-09-30"],
    );
    run(
        &plan,
        &["member", "set", "motor", "g1", "until", "2021-10-15"],
    );
    let text = plan.read("spaces/motor.toml");
    assert!(
        text.contains("person = \"g1\"\nrole = \"coordination\"\nuntil = 2021-10-15\n"),
        "{text}"
    );
    run(
        &plan,
        &["member", "add", "motor", "g1", "--since", "2021-11-01"],
    );
    run(
        &plan,
        &["member", "set", "motor", "g1", "role", "coordination"],
    );
    let text = plan.read("spaces/motor.toml");
    assert!(
        text.contains("person = \"g1\"\nrole = \"coordination\"\nsince = 2021-11-01\n"),
        "{text}"
    );
    run(
        &plan,
        &["member", "leave", "motor", "g1", "--until", "2021-12-01"],
    );
    let text = plan.read("spaces/motor.toml");
    assert!(
        text.contains("since = 2021-11-01\nuntil = 2021-12-01\n"),
        "{text}"
    );
}

#[test]
fn member_set_refuses_what_it_cannot_do() {
    let plan = TempPlan::valid();
    plan.replace(
        "spaces/motor.toml",
        "person = \"c2\"\n",
        "person = \"c2\"\nsince = 2021-06-01\n",
    );
    for (args, expected) in [
        (
            &["member", "set", "motor", "e1", "role", "x"],
            "there is no member of `motor` who is `e1`",
        ),
        (
            &["member", "set", "motr", "c2", "role", "x"],
            "did you mean `motor`?",
        ),
        (
            &["member", "set", "motor", "c2", "person", "c3"],
            "`person` is the member itself: remove the member and add another",
        ),
        (
            &["member", "set", "motor", "c2", "rol", "x"],
            "did you mean `role`?",
        ),
        (
            &["member", "set", "motor", "c2", "until", "2021-05-31"],
            "`c2` joined `motor` on 2021-06-01, after 2021-05-31",
        ),
        (
            &["member", "set", "motor", "c2", "since", "2021-02-30"],
            "`2021-02-30` is not a date",
        ),
        (
            &["member", "set", "motor", "c2", "counts", "maybe"],
            "write true or false",
        ),
    ] {
        refused(&plan, args, expected);
    }
}

#[test]
fn phase_set_and_remove() {
    let plan = TempPlan::valid();
    let online = plan.read("spaces/online.toml");
    let output = run(
        &plan,
        &["phase", "set", "online", "eixos", "end", "2021-06-15"],
    );
    assert_eq!(stdout(&output), "online: 1 phase\n");
    run(
        &plan,
        &[
            "phase", "set", "online", "eixos", "title", "Axes", "--lang", "en",
        ],
    );
    assert_eq!(
        plan.read("spaces/online.toml"),
        online
            .replace("end = 2021-06-09", "end = 2021-06-15")
            .replace(
                "title = \"Consulta sobre els eixos\"",
                "title = { ca = \"Consulta sobre els eixos\", en = \"Axes\" }"
            )
    );

    for (args, expected) in [
        (
            &["phase", "set", "online", "eixos", "start", "2021-07-01"],
            "the phase would end (2021-06-15) before it starts (2021-07-01)",
        ),
        (
            &["phase", "set", "online", "eixos", "id", "axes"],
            "`id` is the entry's id, which other entries refer to",
        ),
        (
            &["phase", "set", "online", "eixes", "end", "2021-06-30"],
            "there is no phase in `online` with the id `eixes`; did you mean `eixos`?",
        ),
        (
            &["phase", "set", "online", "eixos", "start", "--unset"],
            "`start` is required",
        ),
    ] {
        refused(&plan, args, expected);
    }
    let message = refused(
        &plan,
        &["phase", "remove", "online", "eixos"],
        "cannot remove phase `online/eixos`: the plan still refers to it; change or remove these first:",
    );
    assert!(
        message.contains("plan/contributions/eixos.toml:2:9: phase = \"eixos\""),
        "{message}"
    );

    // A phase that nothing names goes, and only its lines.
    let before = plan.read("spaces/online.toml");
    run(
        &plan,
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
    );
    let output = run(&plan, &["phase", "remove", "online", "retorn"]);
    assert_eq!(stdout(&output), "online: 1 phase\n");
    assert_eq!(plan.read("spaces/online.toml"), before);
}

#[test]
fn contribution_set_corrects_a_contributions_own_fields() {
    let plan = TempPlan::valid();
    let eixos = plan.read("contributions/eixos.toml");
    let proposal = "TEST-PROP-2021-05-0001";
    let output = run(&plan, &["contribution", "set", proposal, "about", "a"]);
    assert_eq!(stdout(&output), "eixos: 2/2 contributions answered\n");
    run(
        &plan,
        &[
            "contribution",
            "set",
            proposal,
            "title",
            "More open data",
            "--lang",
            "en",
        ],
    );
    run(
        &plan,
        &[
            "contribution",
            "set",
            "TEST-PROP-2021-05-0003",
            "author",
            "anonymous",
        ],
    );
    // A comment linked to the proposal it answers; a withdrawn proposal becomes a comment.
    run(
        &plan,
        &[
            "contribution",
            "set",
            "TEST-PROP-2021-05-0003",
            "in-reply-to",
            proposal,
        ],
    );
    run(
        &plan,
        &[
            "contribution",
            "set",
            "TEST-PROP-2021-05-0003",
            "kind",
            "comment",
        ],
    );
    assert_eq!(
        plan.read("contributions/eixos.toml"),
        eixos
            .replace("about = \"dades\"", "about = \"a\"")
            .replace(
                "title = \"Més dades obertes\"",
                "title = { ca = \"Més dades obertes\", en = \"More open data\" }"
            )
            .replace(
                "kind = \"proposal\"\ndate = 2021-05-22\ntitle = \"Retirada\"\n",
                "kind = \"comment\"\ndate = 2021-05-22\ntitle = \"Retirada\"\nauthor = \"anonymous\"\nin-reply-to = \"TEST-PROP-2021-05-0001\"\n"
            )
    );
}

#[test]
fn contribution_set_refuses_what_the_source_or_respond_decides() {
    let plan = TempPlan::valid();
    let proposal = "TEST-PROP-2021-05-0001";
    for (args, expected) in [
        (
            &["contribution", "set", proposal, "supports", "40"],
            "`supports` is counted at the source, and `obert contribution import` brings it up to date",
        ),
        (
            &["contribution", "set", proposal, "withdrawn", "true"],
            "`withdrawn` is the author's decision at the source",
        ),
        (
            &["contribution", "set", proposal, "response", "x"],
            "`response` is set with `obert contribution respond`",
        ),
        (
            &["contribution", "set", proposal, "id", "X-1"],
            "`id` is the source's reference",
        ),
        (
            &[
                "contribution",
                "set",
                "TEST-PROP-2021-05-9999",
                "about",
                "a",
            ],
            "there is no contribution `TEST-PROP-2021-05-9999`",
        ),
        (
            &["contribution", "set", proposal, "about", "dadse"],
            "there is no axis or commitment `dadse`",
        ),
        (
            &[
                "contribution",
                "set",
                proposal,
                "in-reply-to",
                "TEST-PROP-2021-05-0404",
            ],
            "there is no contribution `TEST-PROP-2021-05-0404`",
        ),
        (
            &["contribution", "set", proposal, "kind", "--unset"],
            "`kind` is required",
        ),
    ] {
        refused(&plan, args, expected);
    }
    let message = refused(
        &plan,
        &[
            "contribution",
            "set",
            proposal,
            "body",
            "Truqueu al 600 123 456",
        ],
        "personal-data",
    );
    assert!(!message.contains("600 123 456"), "{message}");
}

#[test]
fn commitment_remove_takes_its_translations_progress_and_assessments_and_waits_for_what_refers_to_it()
 {
    let plan = TempPlan::valid();
    run(
        &plan,
        &[
            "contribution",
            "set",
            "TEST-PROP-2021-05-0001",
            "about",
            "a",
        ],
    );
    let message = refused(
        &plan,
        &["commitment", "remove", "a"],
        "cannot remove commitment `a`: the plan still refers to it; change or remove these first:",
    );
    assert!(
        message.contains("plan/contributions/eixos.toml:11:9: about = \"a\""),
        "{message}"
    );
    refused(
        &plan,
        &["commitment", "remove", "c"],
        "there is no commitment `c`",
    );
    run(
        &plan,
        &[
            "contribution",
            "set",
            "TEST-PROP-2021-05-0001",
            "about",
            "dades",
        ],
    );

    // A dry run shows the removal and leaves the files.
    let before = files(&plan.root());
    let output = run(&plan, &["commitment", "remove", "a", "--dry-run"]);
    assert_eq!(files(&plan.root()), before);
    let diff = stdout(&output);
    assert!(
        diff.contains("--- a/plan/commitments/a.md\n+++ /dev/null\n"),
        "{diff}"
    );
    assert!(
        diff.contains("--- a/plan/commitments/a.en.md\n+++ /dev/null\n"),
        "{diff}"
    );

    let output = run(&plan, &["commitment", "remove", "a"]);
    assert_eq!(
        changed(&before, &files(&plan.root())),
        [
            "assessments/a.toml",
            "commitments/a.en.md",
            "commitments/a.md",
            "progress/a.toml"
        ]
    );
    assert!(!plan.path("commitments/a.md").exists());
    assert!(!plan.path("progress/a.toml").exists());
    assert!(!plan.path("commitments/a.en.md").exists());
    assert!(plan.path("commitments/b.en.md").exists());
    assert_eq!(
        stdout(&output),
        "plan: 1/2 commitments, 1 axis, 1 partner\n"
    );
    let said = stderr(&output);
    assert!(
        said.contains("the commitments now skip number 1; renumber the later ones with `obert commitment set <ID> number <N>`"),
        "{said}"
    );
    assert!(
        said.contains("removed `progress/a.toml` with it: its history stays in git"),
        "{said}"
    );
    assert!(
        said.contains("removed plan/assessments/a.toml, plan/commitments/a.en.md, plan/commitments/a.md, plan/progress/a.toml"),
        "{said}"
    );
}

#[test]
fn space_remove_lists_what_still_names_the_space() {
    let plan = TempPlan::valid();
    let message = refused(
        &plan,
        &["space", "remove", "motor"],
        "cannot remove space `motor`: the plan still refers to it; change or remove these first:",
    );
    assert!(
        message.contains(
            "  plan/contributions/eixos.toml:17:6: by = \"motor\"\n  plan/contributions/eixos.toml:30:6: by = \"motor\"\n"
        ),
        "{message}"
    );
    let message = refused(
        &plan,
        &["space", "remove", "gt-a"],
        "cannot remove space `gt-a`",
    );
    assert!(
        message.contains("plan/commitments/a.md:6:17: working-group = \"gt-a\""),
        "{message}"
    );
    let message = refused(
        &plan,
        &["space", "remove", "online"],
        "cannot remove space `online`",
    );
    assert!(
        message.contains("plan/contributions/eixos.toml:1:9: space = \"online\""),
        "{message}"
    );
    refused(
        &plan,
        &["space", "remove", "foro"],
        "there is no space `foro`",
    );

    // A progress report names the forum meeting that discussed it.
    let message = refused(
        &plan,
        &["space", "remove", "forum"],
        "cannot remove space `forum`",
    );
    assert!(
        message.contains("plan/progress/a.toml:10:16: discussed-at = \"forum/p1\""),
        "{message}"
    );
    plan.replace("progress/a.toml", "discussed-at = \"forum/p1\"\n", "");

    let before = files(&plan.root());
    let output = run(&plan, &["space", "remove", "forum"]);
    assert_eq!(
        changed(&before, &files(&plan.root())),
        ["spaces/forum.toml"]
    );
    assert!(!plan.path("spaces/forum.toml").exists());
    assert!(
        stderr(&output).contains("removed plan/spaces/forum.toml\n"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        stdout(&output),
        "spaces: 4 (1 steering-group, 2 working-group, 1 online)\n"
    );
}

/// A removal of several files is one edit: killed between two of them, it is finished by
/// the next edit, never left half done.
#[test]
fn a_removal_killed_between_its_files_is_finished_by_the_next_edit() {
    let plan = TempPlan::valid();
    let mut child = obert_command(plan.dir.path())
        .args(["--plan", "plan", "commitment", "remove", "a"])
        .env("OBERT_TEST_PAUSE_BETWEEN_RENAMES_MS", "20000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("obert runs");
    // The commitment takes its translation, progress and assessments with it.
    let removed: Vec<_> = [
        "commitments/a.md",
        "commitments/a.en.md",
        "progress/a.toml",
        "assessments/a.toml",
    ]
    .iter()
    .map(|path| plan.path(path))
    .collect();
    let gone = || removed.iter().filter(|path| !path.exists()).count();
    let start = Instant::now();
    while gone() == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the removal removed nothing"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().expect("kill");
    let _ = child.wait();
    assert!(
        gone() < removed.len(),
        "the kill did not fall between the files"
    );

    ok(&plan.obert(&["fmt", "--check"]));
    assert_eq!(gone(), removed.len());
    assert!(!plan.path(".obert-journal").exists());
}

#[test]
fn person_rename_rewrites_every_reference_in_one_edit() {
    let plan = TempPlan::valid();
    // Comments and CRLF line ends stay; members written as an inline list are references
    // too.
    plan.replace(
        "spaces/motor.toml",
        "attendees = [\"g1\", \"c1\"]",
        "attendees = [\"g1\", \"c1\"]  # both stayed to the end",
    );
    plan.replace(
        "spaces/forum.toml",
        "person = \"g1\"",
        "person = \"g1\" # the mayor",
    );
    let people = plan.read("people.toml");
    plan.write("people.toml", people.replace('\n', "\r\n"));
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
    let before = files(&plan.root());

    let output = run(&plan, &["person", "rename", "g1", "gemma"]);
    assert_eq!(stdout(&output), "people: 6\n");
    let said = stderr(&output);
    assert!(
        said.contains("renamed person `g1` to `gemma` and 6 references to it in 4 files"),
        "{said}"
    );
    let after = files(&plan.root());
    // Every file is as it was but for the id, in quotes: nothing else moved.
    for (path, old) in &before {
        let old = String::from_utf8_lossy(old);
        let new = String::from_utf8_lossy(&after[path]);
        assert_eq!(new, old.replace("\"g1\"", "\"gemma\""), "{path}");
    }
    assert_eq!(
        changed(&before, &after),
        [
            "people.toml",
            "spaces/forum.toml",
            "spaces/gt-a.toml",
            "spaces/gt-b.toml",
            "spaces/motor.toml"
        ]
    );
    assert_eq!(code(&plan.obert(&["check"])), 0);
}

#[test]
fn org_rename_reaches_commitments_milestones_people_partners_and_reports() {
    let plan = TempPlan::valid();
    let before = files(&plan.root());
    run(&plan, &["org", "rename", "ajuntament", "city", "--dry-run"]);
    assert_eq!(files(&plan.root()), before);
    let output = run(&plan, &["org", "rename", "ajuntament", "city"]);
    assert_eq!(
        stdout(&output),
        "organisations: 3 (2 government, 1 civil society)\n"
    );
    run(&plan, &["org", "rename", "entitat", "open-data"]);
    let after = files(&plan.root());
    for (path, old) in &before {
        let old = String::from_utf8_lossy(old)
            .replace("\"ajuntament\"", "\"city\"")
            .replace("\"entitat\"", "\"open-data\"");
        assert_eq!(String::from_utf8_lossy(&after[path]), old, "{path}");
    }
    assert_eq!(
        changed(&before, &after),
        [
            "commitments/a.md",
            "commitments/b.md",
            "organisations.toml",
            "people.toml",
            "plan.toml",
            "progress/a.toml"
        ]
    );
    assert_eq!(code(&plan.obert(&["check"])), 0);
}

#[test]
fn a_rename_is_refused_when_the_new_id_is_taken_or_not_an_id() {
    let plan = TempPlan::valid();
    for (args, expected) in [
        (
            &["person", "rename", "g1", "g2"],
            "cannot rename person `g1` to `g2`: person `g2` exists already; choose an id that no person has",
        ),
        (&["person", "rename", "g1", "g1"], "that is its id already"),
        (
            &["person", "rename", "g1", "Gemma P"],
            "`Gemma P` is not a valid id",
        ),
        (
            &["person", "rename", "g7", "gemma"],
            "there is no person `g7`",
        ),
        (
            &["org", "rename", "ajuntament", "consell"],
            "organisation `consell` exists already",
        ),
        (
            &["org", "rename", "ajuntamnet", "city"],
            "did you mean `ajuntament`?",
        ),
    ] {
        refused(&plan, args, expected);
    }
    // A file that does not parse cannot have its references renamed: nothing is.
    plan.replace("spaces/gt-b.toml", "kind = \"session\"", "kind = ");
    refused(
        &plan,
        &["person", "rename", "g1", "gemma"],
        "cannot edit `plan/spaces/gt-b.toml`: it is not valid TOML",
    );
}

/// A problem the plan had before a rename, about the renamed id, is the same problem after
/// it, not a new one that refuses the rename.
#[test]
fn a_rename_carries_the_plans_old_problems_along() {
    let plan = TempPlan::valid();
    plan.append("spaces/gt-b.toml", "\n[[member]]\nperson = \"g1\"\n");
    let check = stdout(&plan.obert(&["check", "-q"]));
    assert!(check.contains("`g1` is listed twice in `gt-b`"), "{check}");
    run(&plan, &["person", "rename", "g1", "gemma"]);
    let check = stdout(&plan.obert(&["check", "-q"]));
    assert!(
        check.contains("`gemma` is listed twice in `gt-b`"),
        "{check}"
    );
}
