//! `obert render --progress`, the public progress page, as a citizen reads it: the test plan
//! with a few more reports, in Markdown (a snapshot), HTML (its status bars, overdue
//! milestones and evidence links, and nothing dangerous from a hostile note) and PDF, in
//! the language asked for.

use crate::support::{TempPlan, code, stderr, stdout};

/// The day the pages are made: after milestone 1.2's and 2.1's due dates, before the end.
const TODAY: &str = "2023-04-15";

/// The test plan with two more reports on commitment a: milestone 1 complete, with a link
/// in its note that must not survive and a file of the plan as evidence; one on the whole
/// commitment with a percent, and contact details in its note that must not be shown.
fn plan_with_reports() -> TempPlan {
    let plan = TempPlan::valid();
    plan.append(
        "progress/a.toml",
        r#"
[[report]]
date = 2022-12-10
milestone = "1"
status = "complete"
percent = 100
note = { ca = "Diagnosi **publicada**: [l'informe](https://example.org/pla/diagnosi-final.pdf) i [això](javascript:alert(1)).", en = "Survey **published**: [the report](https://example.org/pla/diagnosi-final.pdf) and [this](javascript:alert(1))." }
evidence = ["https://example.org/pla/diagnosi-final.pdf", "minutes/forum-p1.md"]
by = "ajuntament"

[[report]]
date = 2023-01-20
status = "limited"
percent = 40
note = "El portal encara no és en línia. Contacte: info@example.org, 600 123 456."
by = "ajuntament"
"#,
    );
    plan
}

/// `text` as minijinja writes a value into HTML (`'` and `/` escaped too).
fn escaped(text: &str) -> String {
    text.replace('\'', "&#x27;").replace('/', "&#x2f;")
}

fn render(plan: &TempPlan, args: &[&str]) -> String {
    let output = plan.obert(
        &[
            &["--today", TODAY, "render", "--progress", "-o", "-"][..],
            args,
        ]
        .concat(),
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn the_markdown_page_shows_each_commitment_s_progress() {
    let plan = plan_with_reports();
    let md = render(&plan, &["--format", "md"]);
    insta::assert_snapshot!("progress_md_ca", md);
}

#[test]
fn the_page_has_status_bars_that_say_what_they_show() {
    let plan = plan_with_reports();
    let html = render(&plan, &[]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h1>Pla de prova: seguiment</h1>"), "{html}");
    assert!(
        html.contains(
            &escaped("15 d'abril de 2023</time></dd>")
                .replace("&#x2f;time", "/time")
                .replace("&#x2f;dd", "/dd")
        ),
        "the day it was made: {html}"
    );
    assert!(html.contains("Darrera publicació"), "{html}");
    // Commitment a: the latest report on the whole gives its percent, and the page says so
    // in words beside the bar, which screen readers skip.
    assert!(html.contains("style=\"width: 40%\""), "{html}");
    assert!(
        html.contains(&format!(
            "<strong>Progrés: 40 %</strong>, {}<time datetime=\"2023-01-20\">20 de gener de 2023</time>",
            escaped("segons l'informe del ")
        )),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"bar\" aria-hidden=\"true\">"),
        "{html}"
    );
    // Commitment b has no report: its bar is the share of its milestones complete.
    assert!(
        html.contains("<strong>Progrés: 0 %</strong> · 0 de 2 fites completes"),
        "{html}"
    );
    assert!(
        html.contains(&escaped(
            "Encara no s'ha informat de cap progrés d'aquest compromís."
        )),
        "{html}"
    );
    // Milestone 1.1 is complete (its latest report), 1.2 is past due with no report.
    assert!(
        html.contains("Estat: <span class=\"status status-complete\">Complet</span>"),
        "{html}"
    );
    assert!(
        html.contains("Endarrerida: 15 dies després de la data prevista"),
        "{html}"
    );
    assert!(
        !html.contains("Endarrerida: 107 dies"),
        "a complete milestone is not overdue: {html}"
    );
    // Reports newest first.
    let newer = html
        .find("10 de desembre de 2022")
        .expect("the newer report");
    let older = html.find("15 de juny de 2022").expect("the older report");
    assert!(newer < older, "newest first: {html}");
    // The assessment's scales in words.
    for words in [
        "Avaluació inicial",
        "Potencial de resultats",
        "Modest",
        "Marginalment",
    ] {
        assert!(html.contains(words), "`{words}` is missing: {html}");
    }
}

#[test]
fn evidence_is_linked_and_hostile_notes_are_not() {
    let plan = plan_with_reports();
    let html = render(&plan, &[]);
    assert!(
        html.contains(&format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">",
            escaped("https://example.org/pla/diagnosi-final.pdf")
        )),
        "{html}"
    );
    // Without `files-url`, a file of the plan is its path, not a link.
    assert!(
        html.contains(&format!(
            "<span class=\"ref\">{}</span>",
            escaped("minutes/forum-p1.md")
        )),
        "{html}"
    );
    assert!(!html.contains("javascript:"), "{html}");
    assert!(!html.contains("info@example.org"), "{html}");
    assert!(!html.contains("600 123 456"), "{html}");

    // With `files-url`, the file is linked where the plan publishes its files.
    plan.append(
        "plan.toml",
        "\n[document]\nfiles-url = \"https://example.org/fitxers/\"\n",
    );
    let html = render(&plan, &[]);
    assert!(
        html.contains(&format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            escaped("https://example.org/fitxers/minutes/forum-p1.md"),
            escaped("minutes/forum-p1.md")
        )),
        "{html}"
    );
    let md = render(&plan, &["--format", "md"]);
    assert!(
        md.contains("[minutes/forum\\-p1\\.md](https://example.org/fitxers/minutes/forum-p1.md)")
            || md.contains("(https://example.org/fitxers/minutes/forum-p1.md)"),
        "{md}"
    );
    assert!(!md.contains("javascript:"), "{md}");
}

#[test]
fn the_page_follows_lang() {
    let plan = plan_with_reports();
    let html = render(&plan, &["--lang", "en"]);
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    assert!(html.contains("<h1>Test plan: progress</h1>"), "{html}");
    assert!(
        html.contains("Overdue: 15 days past its due date"),
        "{html}"
    );
    assert!(html.contains("Survey <strong>published</strong>"), "{html}");
    assert!(html.contains("Inception assessment"), "{html}");
    // A note with no English text is shown in Catalan, and says so.
    assert!(html.contains("Written in Catalan."), "{html}");
    let md = render(&plan, &["--format", "md", "--lang", "es"]);
    assert!(md.starts_with("# Pla de prova: seguimiento"), "{md}");
    assert!(md.contains("Retrasado: 15 días"), "{md}");

    let output = plan.obert(&["render", "--progress", "--lang", "fr", "-o", "-"]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    assert!(
        stderr(&output).contains("no labels in `fr`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_page_is_written_beside_the_document_by_default() {
    let plan = plan_with_reports();
    let output = plan.obert(&["--today", TODAY, "render", "--progress", "--format", "md"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let written = plan.dir.path().join("out/pla-de-prova.progress.ca.md");
    assert!(written.is_file(), "{}", stdout(&output));
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_page_is_made_by_the_same_engine() {
    let plan = plan_with_reports();
    let output = plan.obert(&[
        "--today",
        TODAY,
        "render",
        "--progress",
        "--format",
        "pdf",
        "--lang",
        "en",
        "-o",
        "-",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(output.stdout.starts_with(b"%PDF-"));
    // Its words are read back with poppler, which `.ci/run` installs.
    if !crate::support::tools::have(
        "pdftotext",
        crate::support::tools::runs("pdftotext", &["-v"]),
    ) {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("progress.pdf");
    std::fs::write(&file, &output.stdout).expect("write the PDF");
    let text = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for words in [
        "Test plan: progress",
        "Progress: 40%, as reported on 20 January 2023",
        "Overdue: 15 days past its due date",
        "Inception assessment",
    ] {
        assert!(text.contains(words), "`{words}` is missing: {text}");
    }
    assert!(!text.contains("info@example.org"), "{text}");
}

/// Once the plan is closed, a milestone left unfinished is judged on the day implementation
/// ended, not counted as overdue ever after.
#[test]
fn a_closed_plan_says_what_was_unfinished_when_it_ended() {
    let plan = plan_with_reports();
    plan.replace("plan.toml", "stage = \"co-creation\"", "stage = \"closed\"");
    let output = plan.obert(&[
        "--today",
        "2026-12-01",
        "render",
        "--progress",
        "--lang",
        "en",
        "--format",
        "md",
        "-o",
        "-",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let md = stdout(&output);
    // Milestone 1.2 was due on 2023-03-31; implementation ended on 2023-05-31.
    assert!(
        md.contains("Not complete when the plan ended, 61 days after its due date"),
        "{md}"
    );
    assert!(!md.contains("Overdue"), "{md}");
}
