//! The document's chapters (`[document] chapters`): the plan's own chapters stand where the
//! list puts them, in the document's language or with a note, are checked like any text,
//! and a change to one shows in `diff`. A chapter the list names without a file, or a file
//! it does not name, gets a finding.

use crate::support::{TempPlan, check_json, ok};

/// The valid plan with a foreword (in Catalan and English) and next steps (Catalan only),
/// and a list that leaves out the standards chapter.
fn plan_with_chapters() -> TempPlan {
    let plan = TempPlan::valid();
    plan.write(
        "chapters/foreword.md",
        "# Presentació {#presentacio}\n\nUn pla fet amb la gent del territori.\n\n## Com s'ha fet\n\nEn quatre espais.\n",
    );
    plan.write(
        "chapters/foreword.en.md",
        "# Foreword\n\nA plan made with the people of the territory.\n",
    );
    plan.write(
        "chapters/next-steps.md",
        "<!-- Per completar. -->\n# Passos següents\n\nL'Àgora en farà el seguiment.\n",
    );
    plan.write(
        "plan.toml",
        plan.read("plan.toml")
            + "\n[document]\nchapters = [\"foreword\", \"vision\", \"process\", \"contributions\", \"commitments\", \"next-steps\", \"annex\"]\n",
    );
    plan
}

fn render(plan: &TempPlan, args: &[&str]) -> String {
    ok(&plan.obert(&[&["render", "-o", "-"], args].concat()))
}

/// Where each of `needles` first stands in `text`, in the order given; panics on one missing.
fn positions(text: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|needle| {
            text.find(needle)
                .unwrap_or_else(|| panic!("`{needle}` is not in:\n{text}"))
        })
        .collect()
}

#[test]
fn chapters_stand_in_the_order_the_plan_gives() {
    let plan = plan_with_chapters();
    let (code, json) = check_json(&plan);
    assert_eq!(code, 0, "{json}");
    assert_eq!(
        json["counts"]["warnings"], 1,
        "only next-steps untranslated: {json}"
    );

    let markdown = render(&plan, &["--format", "md"]);
    let order = positions(
        &markdown,
        &[
            "\n## Presentació\n",
            "\n## Visió estratègica\n",
            "\n## El procés de cocreació\n",
            "\n## Passos següents\n",
            "\n## Annex\n",
        ],
    );
    assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{markdown}");
    // The chapter's own headings sit under its title; the title is not repeated.
    assert!(markdown.contains("\n### Com s'ha fet\n"), "{markdown}");
    assert_eq!(markdown.matches("Presentació").count(), 1, "{markdown}");
    // A built-in chapter left out of the list is left out of the document.
    assert!(
        !markdown.contains("Estàndards de participació"),
        "{markdown}"
    );

    let html = render(&plan, &[]);
    assert!(
        html.contains("<li><a href=\"#chapter-foreword\">Presentació</a></li>"),
        "{html}"
    );
    assert!(
        html.contains("<section id=\"chapter-foreword\" class=\"chapter\">\n<h2>Presentació</h2>"),
        "{html}"
    );
    assert!(html.contains("<h3>Com s'ha fet</h3>"), "{html}");
    assert!(!html.contains("id=\"standards\""), "{html}");
}

#[test]
fn a_chapter_is_shown_in_its_translation_or_says_it_is_not() {
    let plan = plan_with_chapters();
    let english = render(&plan, &["--format", "md", "--lang", "en"]);
    assert!(
        english.contains("\n## Foreword\n\nA plan made with the people of the territory.\n"),
        "{english}"
    );
    // Next steps have no English text: shown in Catalan, and the page says so in English.
    let next = english
        .split("\n## Passos següents\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no next steps:\n{english}"));
    assert!(
        next.trim_start()
            .starts_with("*This section is not yet available in English"),
        "{next}"
    );
    let html = render(&plan, &["--lang", "en"]);
    assert!(
        html.contains("<div class=\"prose\" lang=\"ca\">\n<p>L'Àgora"),
        "{html}"
    );

    // And `translation-missing` counts it.
    let (_, json) = check_json(&plan);
    let finding = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "translation-missing")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(
        finding["message"],
        "`en` is one of the plan's languages, but 1 chapter (`next-steps`) has no text in it"
    );
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("`chapters/<id>.en.md`")),
        "{finding}"
    );
}

#[test]
fn a_missing_or_repeated_chapter_is_a_finding_at_the_list() {
    let plan = plan_with_chapters();
    std::fs::remove_file(plan.path("chapters/next-steps.md")).expect("remove");
    plan.replace("plan.toml", "\"annex\"]", "\"annex\", \"vision\"]");
    let (code, json) = check_json(&plan);
    assert_eq!(code, 1);
    let findings: Vec<(String, String, String)> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                format!(
                    "{}:{}",
                    f["plan_file"].as_str().unwrap_or_default(),
                    f["line"]
                ),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let line = plan
        .read("plan.toml")
        .lines()
        .position(|l| l.starts_with("chapters = "))
        .expect("the list")
        + 1;
    let at = format!("plan.toml:{line}");
    assert!(
        findings.contains(&(
            "missing-file".into(),
            at.clone(),
            "the chapter `next-steps` is not in the plan: `chapters/next-steps.md` does not exist"
                .into()
        )),
        "{findings:?}"
    );
    assert!(
        findings.contains(&(
            "invalid-value".into(),
            at,
            "`[document] chapters` names `vision` twice".into()
        )),
        "{findings:?}"
    );
}

#[test]
fn chapters_are_checked_for_personal_data_and_masked() {
    let plan = plan_with_chapters();
    plan.replace(
        "chapters/foreword.en.md",
        "territory.",
        "territory. Write to secretaria@example.org.",
    );
    let (code, json) = check_json(&plan);
    assert_eq!(code, 1);
    assert!(
        json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| f["rule"] == "personal-data" && f["plan_file"] == "chapters/foreword.en.md"),
        "{json}"
    );
    let english = render(&plan, &["--format", "md", "--lang", "en"]);
    assert!(!english.contains("secretaria@example.org"), "{english}");
}

#[test]
fn a_blank_plan_comes_with_a_foreword_and_next_steps_to_write() {
    let dir = tempfile::tempdir().expect("tmp");
    let output = crate::support::obert_in(dir.path(), &["init", "--blank"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        crate::support::show(&output)
    );
    let plan = dir.path().join("plan");
    for chapter in ["chapters/foreword.md", "chapters/next-steps.md"] {
        let text = std::fs::read_to_string(plan.join(chapter)).expect(chapter);
        assert!(text.starts_with("# "), "{chapter}: {text}");
    }
    let toml = std::fs::read_to_string(plan.join("plan.toml")).expect("plan.toml");
    assert!(
        toml.contains("\n[document]\n") && toml.contains("\nchapters = [\"foreword\", "),
        "{toml}"
    );
    let check = crate::support::obert_in(&plan, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    let about_chapters = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            f["plan_file"]
                .as_str()
                .is_some_and(|p| p.starts_with("chapters/"))
                || f["message"].as_str().is_some_and(|m| m.contains("chapter"))
        })
        .count();
    assert_eq!(about_chapters, 0, "{json}");
}

#[test]
fn diff_names_a_changed_chapter_and_its_translation() {
    let mut repo = crate::support::git::TempRepo::init(plan_with_chapters());
    repo.commit("Chapters");
    let plan = repo.root().join("plan");
    let reword = |file: &str, from: &str, to: &str| {
        let path = plan.join(file);
        let text = std::fs::read_to_string(&path).expect("readable");
        std::fs::write(&path, text.replace(from, to)).expect("writable");
    };
    reword(
        "chapters/foreword.md",
        "la gent del territori",
        "la ciutadania",
    );
    reword(
        "chapters/foreword.en.md",
        "the people of the territory",
        "citizens",
    );
    let output = repo.obert(&["--plan", "plan", "diff"]);
    let text = ok(&output);
    for expected in [
        "  ~ plan\n      chapter foreword: changed\n        Un pla fet amb la [-gent del territori.-]{+ciutadania.+}\n",
        "      chapter foreword (en): changed\n        A plan made with [-the people of the territory.-]{+citizens.+}\n",
    ] {
        assert!(text.contains(expected), "`{expected}` missing:\n{text}");
    }
}
