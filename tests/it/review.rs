//! What a reviewer reads in a pull request: `obert diff` on a repository with one commit
//! of each kind of change, each entry named as the document names it, each event told
//! once, an inserted milestone as one addition and prose as words.

use crate::support::TempPlan;
use crate::support::git::TempRepo;

/// The commits, each one kind of change, in order; the first holds the valid fixture.
const COMMITS: &[&str] = &[
    "Two members join the steering group",
    "A member leaves the forum",
    "The member comes back to the forum",
    "A milestone is inserted in the middle of commitment a",
    "A milestone slips",
    "A section, the vision and the minutes are rewritten",
    "A contribution is answered",
];

/// Builds the repository: the fixture, then one commit per entry of [`COMMITS`].
fn reviewed_repo() -> TempRepo {
    let mut repo = TempRepo::init(TempPlan::valid());
    repo.commit("Start the plan");
    let plan = &repo.plan;
    plan.append(
        "spaces/motor.toml",
        "\n[[member]]\nperson = \"c3\"\nsince = 2021-06-01\n\n[[member]]\nperson = \"e1\"\nsince = 2021-06-01\n",
    );
    repo.commit(COMMITS[0]);
    let plan = &repo.plan;
    plan.replace(
        "spaces/forum.toml",
        "person = \"c3\"",
        "person = \"c3\"\nuntil = 2021-09-30",
    );
    repo.commit(COMMITS[1]);
    let plan = &repo.plan;
    plan.append(
        "spaces/forum.toml",
        "\n[[member]]\nperson = \"c3\"\nsince = 2022-01-15\n",
    );
    repo.commit(COMMITS[2]);
    let plan = &repo.plan;
    plan.replace(
        "commitments/a.md",
        "[[milestone]]\ntitle = \"Portal\"",
        "[[milestone]]\ntitle = \"Catàleg de dades\"\noutput = \"Catàleg publicat\"\ndue = 2022-12-31\n\n[[milestone]]\ntitle = \"Portal\"",
    );
    repo.commit(COMMITS[3]);
    let plan = &repo.plan;
    plan.replace("commitments/a.md", "due = 2023-03-31", "due = 2023-06-30");
    repo.commit(COMMITS[4]);
    let plan = &repo.plan;
    plan.replace(
        "commitments/a.md",
        "Les dades no es publiquen.",
        "Les dades del municipi no es publiquen en formats oberts.",
    );
    let vision = plan.read("vision.md");
    plan.write(
        "vision.md",
        format!("{}\nUn govern que rendeix comptes.\n", vision.trim_end()),
    );
    plan.replace(
        "minutes/forum-p1.md",
        "aprova el seu funcionament.",
        "aprova per unanimitat el seu reglament de funcionament.",
    );
    repo.commit(COMMITS[5]);
    let plan = &repo.plan;
    plan.replace(
        "contributions/eixos.toml",
        "title = \"Retirada\"\nwithdrawn = true",
        "title = \"Retirada\"\nwithdrawn = true\n\n[contribution.response]\nstatus = \"out-of-scope\"\nreason = \"La persona autora la va retirar.\"\nby = \"motor\"\ndate = 2021-10-27",
    );
    repo.commit(COMMITS[6]);
    repo
}

/// `obert diff` of the commit `back` commits before HEAD against its parent.
fn diff_of(repo: &TempRepo, back: usize, format: &str, extra: &[&str]) -> String {
    let (base, head) = (format!("HEAD~{}", back + 1), format!("HEAD~{back}"));
    let mut args = vec!["--plan", "plan", "diff", &base, &head, "--format", format];
    args.extend_from_slice(extra);
    let output = repo.obert(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Each commit's diff in `format`, under its commit message, newest last.
fn every_diff(repo: &TempRepo, format: &str, extra: &[&str]) -> Vec<String> {
    (0..COMMITS.len())
        .rev()
        .map(|back| diff_of(repo, back, format, extra))
        .collect()
}

#[test]
fn each_kind_of_change_reads_as_a_person_would_say_it() {
    let repo = reviewed_repo();
    let markdown = every_diff(&repo, "markdown", &[]);
    let [joined, left, back, inserted, slipped, prose, answered] = &markdown[..] else {
        panic!("one diff per commit");
    };

    // Entries are named as the document names them.
    assert!(
        joined.starts_with("**Plan changes from ")
            && joined.contains(": 2 members joined Grup motor"),
        "{joined}"
    );
    assert!(
        joined.contains("`motor/e1`") && joined.contains("in Grup motor: joined on 2021-06-01"),
        "{joined}"
    );

    // One event, one line: a departure is not told again as an `until` field.
    assert!(left.contains(": 1 member left Àgora"), "{left}");
    assert!(left.contains("left on 2021-09-30"), "{left}");
    assert!(!left.contains("| until |"), "{left}");
    assert!(back.contains(": 1 member came back to Àgora"), "{back}");
    assert!(back.contains("came back on 2022-01-15"), "{back}");

    // An inserted milestone is one addition; the ones after it are not "changed".
    assert!(
        inserted.contains("| milestone 1.2 | — | «Catàleg de dades» (due 2022-12-31) |"),
        "{inserted}"
    );
    assert_eq!(inserted.matches("| `a` |").count(), 1, "{inserted}");

    // A moved deadline names its milestone and says how far it moved.
    assert!(
        slipped.contains(": milestone 1.3 «Portal» slipped 3 months"),
        "{slipped}"
    );
    assert!(
        slipped.contains("| milestone 1.3 «Portal» due | 2023-03-31 | 2023-06-30 (+91 days) |"),
        "{slipped}"
    );

    // Prose as words: a section, the vision and the minutes.
    assert!(
        prose.contains(
            "- Les dades **del municipi** no es ~~publiquen.~~**publiquen en formats oberts.**"
        ),
        "{prose}"
    );
    assert!(
        prose.contains("- **Un govern que rendeix comptes.**"),
        "{prose}"
    );
    assert!(
        prose.contains("`forum/p1` minutes text (changed):"),
        "{prose}"
    );
    assert!(prose.contains("**per unanimitat**"), "{prose}");

    // A response is an answer, named by the contribution's title.
    assert!(answered.contains(": 1 contribution answered"), "{answered}");
    assert!(
        answered.contains("`TEST-PROP-2021-05-0003` «Retirada»: answered: out-of-scope"),
        "{answered}"
    );

    insta::assert_snapshot!("review_markdown", markdown.join("\n----\n\n"));
    insta::assert_snapshot!(
        "review_text",
        every_diff(&repo, "text", &[]).join("\n----\n\n")
    );
    insta::assert_snapshot!(
        "review_json_inserted_milestone",
        diff_of(&repo, 3, "json", &[])
    );
}

#[test]
fn full_shows_every_changed_line_and_link_base_links_each_entry() {
    let mut repo = TempRepo::init(TempPlan::valid());
    repo.commit("Start the plan");
    let long: String = (1..=9).map(|n| format!("Pas {n}.\n\n")).collect();
    repo.plan
        .replace("commitments/a.md", "Publicar-les.\n", &long);
    repo.commit("A long description");

    let short = diff_of(&repo, 0, "text", &[]);
    assert!(short.contains("[-Publicar-les.-]\n"), "{short}");
    assert!(short.contains("{+Pas 5.+}"), "{short}");
    assert!(!short.contains("{+Pas 6.+}"), "{short}");
    assert!(
        short.contains("… 4 more changed lines (--full shows all)"),
        "{short}"
    );
    let full = diff_of(&repo, 0, "text", &["--full"]);
    assert!(
        full.contains("{+Pas 9.+}") && !full.contains("more changed lines"),
        "{full}"
    );

    let linked = diff_of(
        &repo,
        0,
        "markdown",
        &["--link-base", "https://example.org/o/r/blob/abc123/"],
    );
    assert!(
        linked.contains("[`a`](https://example.org/o/r/blob/abc123/plan/commitments/a.md#L1)"),
        "{linked}"
    );
}

#[test]
fn hostile_plan_text_in_the_markdown_review_stays_text() {
    let mut repo = TempRepo::init(TempPlan::valid());
    repo.commit("Start the plan");
    repo.plan.replace(
        "spaces/motor.toml",
        "name = \"Grup motor\"",
        "name = \"<img src=x onerror=alert(1)> [x](javascript:alert(1))\"",
    );
    repo.plan
        .append("spaces/motor.toml", "\n[[member]]\nperson = \"c3\"\n");
    repo.commit("A hostile space name");
    let markdown = diff_of(&repo, 0, "markdown", &[]);
    assert!(!markdown.contains("<img"), "{markdown}");
    assert!(!markdown.contains("[x](javascript:"), "{markdown}");
    let text = diff_of(&repo, 0, "text", &[]);
    assert!(
        text.contains("<img src=x"),
        "the terminal shows the text as it is: {text}"
    );
}

/// Plan text in `diff` and `log` cannot drive the reader's terminal, coloured or not.
#[test]
fn diff_and_log_do_not_pass_escape_sequences_to_the_terminal() {
    let mut repo = TempRepo::init(TempPlan::valid());
    repo.commit("Start the plan");
    repo.plan.replace(
        "spaces/motor.toml",
        "name = \"Grup motor\"",
        "name = \"Grup \\u001b]0;pwned\\u0007\\u001b[2J motor\"",
    );
    repo.plan.replace(
        "commitments/a.md",
        "Les dades no es publiquen.",
        "Les dades \u{1b}[2J no es publiquen.",
    );
    repo.commit("Escape sequences");
    for args in [
        &["--plan", "plan", "diff", "HEAD~1", "HEAD"][..],
        &[
            "--plan", "plan", "--color", "always", "diff", "HEAD~1", "HEAD",
        ],
        &["--plan", "plan", "log", "-n", "1"],
    ] {
        let output = repo.obert(args);
        assert!(output.status.success(), "{args:?}: {output:?}");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("Grup"), "{args:?}: {text}");
        assert!(text.contains('\u{fffd}'), "{args:?}: {text:?}");
        assert!(
            !text.contains("\u{1b}]0;") && !text.contains("\u{1b}[2J"),
            "{args:?}: {text:?}"
        );
        assert!(!text.contains('\u{7}'), "{args:?}: {text:?}");
    }
}
