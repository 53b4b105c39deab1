//! Minutes in the document (`[document] minutes`, `files-url`): Markdown minutes travel in
//! the annex and each meeting links to its own part; other files are linked where the plan
//! is published; minutes that can go neither way say so on the page and in `check`.

use crate::support::{TempPlan, check_json, ok};

/// The document in English. The template engine writes `/` in attributes as `&#x2f;`, which
/// browsers read as `/`: so do these tests.
fn render(plan: &TempPlan, args: &[&str]) -> String {
    ok(&plan.obert(&[&["render", "-o", "-", "--lang", "en"], args].concat())).replace("&#x2f;", "/")
}

fn rules(plan: &TempPlan) -> Vec<String> {
    let (_, json) = check_json(plan);
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().expect("a rule").to_string())
        .collect()
}

#[test]
fn markdown_minutes_are_embedded_and_each_meeting_links_to_its_part() {
    let plan = TempPlan::valid();
    plan.write(
        "minutes/forum-p1.md",
        "# Forum minutes\n\n## p1 · 1 June 2021 · Constitution\n\nThe forum met. Write to secretaria@example.org.\n",
    );
    let html = render(&plan, &[]);
    assert!(html.contains("<a href=\"#minutes-forum-p1-p1\">"), "{html}");
    assert!(
        html.contains(
            "<section class=\"minutes\" id=\"minutes-forum-p1\">\n<h4>Forum minutes</h4>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<h5 id=\"minutes-forum-p1-p1\">p1 · 1 June 2021 · Constitution</h5>"),
        "{html}"
    );
    assert!(!html.contains("secretaria@example.org"), "{html}");

    let markdown = render(&plan, &["--format", "md"]);
    assert!(
        markdown.contains("[Minutes](#minutes-forum-p1-p1)"),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "<a id=\"minutes-forum-p1\"></a>\n\n#### Forum minutes\n\n<a id=\"minutes-forum-p1-p1\"></a>\n\n##### p1 · 1 June 2021 · Constitution\n"
        ),
        "{markdown}"
    );
}

#[test]
fn other_files_are_linked_where_the_plan_is_published_or_reported() {
    let plan = TempPlan::valid();
    plan.write("minutes/forum-p1.pdf", "%PDF-1.4");
    plan.replace(
        "spaces/forum.toml",
        "minutes/forum-p1.md",
        "minutes/forum-p1.pdf",
    );
    assert!(rules(&plan).contains(&"evidence-unpublishable".to_string()));
    let html = render(&plan, &[]);
    assert!(
        html.contains("<span class=\"meta\">Not published</span>"),
        "{html}"
    );
    assert!(!html.contains("forum-p1.pdf"), "{html}");

    plan.write(
        "plan.toml",
        plan.read("plan.toml") + "\n[document]\nfiles-url = \"https://example.org/plan/\"\n",
    );
    assert!(!rules(&plan).contains(&"evidence-unpublishable".to_string()));
    let html = render(&plan, &[]);
    assert!(
        html.contains("<a href=\"https://example.org/plan/minutes/forum-p1.pdf\">Minutes</a>"),
        "{html}"
    );
}

#[test]
fn with_minutes_linked_nothing_is_embedded() {
    let plan = TempPlan::valid();
    plan.write(
        "plan.toml",
        plan.read("plan.toml") + "\n[document]\nminutes = \"link\"\n",
    );
    let (_, json) = check_json(&plan);
    let finding = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "evidence-unpublishable")
        .unwrap_or_else(|| panic!("{json}"));
    assert!(
        finding["help"]
            .as_str()
            .is_some_and(|h| h.contains("`[document] minutes = \"link\"`")),
        "{finding}"
    );

    plan.replace(
        "plan.toml",
        "minutes = \"link\"\n",
        "minutes = \"link\"\nfiles-url = \"https://example.org/plan\"\n",
    );
    let html = render(&plan, &[]);
    assert!(
        html.contains("<a href=\"https://example.org/plan/minutes/forum-p1.md\">Minutes</a>"),
        "{html}"
    );
    assert!(!html.contains("class=\"minutes\""), "{html}");
}

#[test]
fn a_file_that_names_two_meetings_alike_is_linked_as_a_whole() {
    let plan = TempPlan::valid();
    plan.write(
        "minutes/forum-p1.md",
        "# Minutes\n\n## Group a\n\n### p1 · first\n\nText.\n\n## Group b\n\n### p1 · another\n\nText.\n",
    );
    let html = render(&plan, &[]);
    assert!(
        html.contains("<a href=\"#minutes-forum-p1\">Minutes</a>"),
        "{html}"
    );
    assert!(!html.contains("id=\"minutes-forum-p1-p1\""), "{html}");
}
