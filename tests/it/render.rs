//! `obert render` as a reader of the document sees it: both formats of the shipped plans and
//! of a small plan, in two languages (snapshots); nothing from an injection corpus reaches
//! the page; no private data in any output; the same plan gives the same bytes.

use std::path::Path;

use crate::support::{
    ROOT, SHIPPED_PLAN, SHIPPED_SCOTLAND, TempPlan, obert_in, plan_with_genders,
    plan_with_one_hidden_gender,
};

/// Renders the plan at `plan` to stdout.
pub(crate) fn render(plan: &Path, args: &[&str]) -> String {
    let plan = plan.to_string_lossy();
    let output = obert_in(
        Path::new(ROOT),
        &[&["--plan", plan.as_ref(), "render", "-o", "-"], args].concat(),
    );
    assert!(
        output.status.success(),
        "render {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn the_shipped_plan_renders_in_both_formats_and_languages() {
    let plan = Path::new(SHIPPED_PLAN);
    for (name, args) in [
        ("shipped_html_ca", &["--lang", "ca"][..]),
        ("shipped_html_en", &["--lang", "en"]),
        ("shipped_md_ca", &["--format", "md"]),
        ("shipped_md_en", &["--format", "md", "--lang", "en"]),
        ("shipped_md_es", &["--format", "md", "--lang", "es"]),
    ] {
        insta::assert_snapshot!(name, render(plan, args));
    }
}

/// Scotland's plan, in English only, shows what the Catalan one has not: a steering group
/// that is also the forum, the members who do not count among those listed, civil-society
/// co-leads and public workshops with their participants.
#[test]
fn the_scottish_plan_renders_in_both_formats() {
    let plan = Path::new(SHIPPED_SCOTLAND);
    let html = render(plan, &[]);
    let md = render(plan, &["--format", "md"]);
    assert!(html.contains("<html lang=\"en\">"));
    for document in [&html, &md] {
        for text in [
            "Open Government Action Plan 2021 to 2025",
            "Open Government Steering Group",
            "co-chair: Minister for Parliamentary Business",
            "Keep Scotland Beautiful",
            "Young people under 18: all five themes",
            "Powering participation in Scotland",
        ] {
            assert!(document.contains(text), "`{text}` is missing");
        }
    }
    // The sides as counted, co-leads, and the workshops' participants as their attendance.
    assert!(md.contains("Government 8, Civil society 8"), "{md}");
    assert!(
        md.contains("- **Co-leads:** Keep Scotland Beautiful"),
        "{md}"
    );
    assert!(
        md.contains(
            "| 30 July 2021 | Public workshop | Young people under 18: all five themes | 12 |"
        ),
        "{md}"
    );
    assert_eq!(
        render(plan, &[]),
        html,
        "the same plan gives the same bytes"
    );
}

#[test]
fn a_small_plan_renders_in_both_formats_and_languages() {
    let plan = TempPlan::valid();
    for (name, args) in [
        ("small_html_ca", &[][..]),
        ("small_html_en", &["--lang", "en"]),
        ("small_md_ca", &["--format", "md"]),
        ("small_md_en", &["--format", "md", "--lang", "en"]),
    ] {
        insta::assert_snapshot!(name, render(&plan.root(), args));
    }
}

#[test]
fn the_document_follows_the_language_asked_for() {
    let plan = TempPlan::valid();
    let ca = render(&plan.root(), &[]);
    let en = render(&plan.root(), &["--lang", "en"]);
    let es = render(&plan.root(), &["--lang", "es"]);
    assert!(ca.contains("<html lang=\"ca\">"), "{ca}");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(es.contains("<html lang=\"es\">"));
    // Labels, translated fields, and the translated commitment body (a.en.md).
    assert!(ca.contains("Visió estratègica") && ca.contains("Compromís a"));
    assert!(en.contains("Strategic vision") && en.contains("Commitment a"));
    assert!(es.contains("Visión estratégica"));
    // No Spanish text in the plan: Spanish labels, the primary language's text.
    assert!(es.contains("Compromís a"), "{es}");
    let body = std::fs::read_to_string(plan.path("commitments/a.en.md")).expect("translation");
    let first_line = body
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .expect("text");
    assert!(en.contains(first_line.trim()), "{first_line}");

    let output = plan.obert(&["render", "--lang", "fr", "-o", "-"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("there are no labels in `fr`") && stderr.contains("ca, en, es"),
        "{stderr}"
    );
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    let plan = Path::new(SHIPPED_PLAN);
    assert_eq!(render(plan, &[]), render(plan, &[]));
    assert_eq!(
        render(plan, &["--format", "md"]),
        render(plan, &["--format", "md"])
    );
}

/// Text that tries to get HTML, script or a dangerous link into the page.
const INJECTIONS: &[&str] = &[
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">a</a>",
    "[link](javascript:alert(1))",
    "[link](JAVASCRIPT:alert(1))",
    "[link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![image](javascript:alert(1))",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "[entity](&#106;avascript:alert(1))",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<svg onload=alert(1)>",
    "<iframe src=\"https://example.org\"></iframe>",
    "<style>body{display:none}</style>",
    "<div style=\"background:url(https://example.org/x)\">x</div>",
    "<form action=\"https://example.org\"><input></form>",
];

/// The valid plan with `attacks` in its prose (a commitment body and the vision, one
/// paragraph each) and, on one line, in plain fields (a commitment's and a contribution's
/// title). Returns the plan and that line quoted for a TOML string, for more fields.
pub(crate) fn plan_carrying(attacks: &[&str]) -> (TempPlan, String) {
    let plan = TempPlan::valid();
    let prose = attacks.join("\n\n");
    plan.replace(
        "commitments/a.md",
        "## Problema {#problem}\n",
        &format!("## Problema {{#problem}}\n\n{prose}\n"),
    );
    plan.write("vision.md", format!("# Visió\n\n{prose}\n"));
    let one_line = attacks.join(" ").replace('\n', " ");
    let quoted = one_line.replace('\\', "\\\\").replace('"', "\\\"");
    plan.replace(
        "commitments/b.md",
        "title = ",
        &format!("title = \"{quoted}\"\n# was: "),
    );
    plan.replace(
        "contributions/eixos.toml",
        "title = \"Més dades obertes\"",
        &format!("title = \"{quoted}\""),
    );
    (plan, quoted)
}

#[test]
fn nothing_from_the_injection_corpus_reaches_the_page() {
    let (plan, _) = plan_carrying(INJECTIONS);
    // The scanner itself sees what it looks for.
    assert_eq!(
        tags("<p>&lt;b&gt;</p><img src=x onerror=alert(1)>"),
        [
            ("p".to_string(), String::new()),
            ("p".to_string(), String::new()),
            ("img".to_string(), " src=x onerror=alert(1)".to_string())
        ]
    );
    for lang in ["ca", "en"] {
        let html = render(&plan.root(), &["--lang", lang]);
        let body = &html[html.find("<body>").expect("a body")..];
        for (name, attributes) in tags(body) {
            let attributes = attributes.to_ascii_lowercase();
            assert!(
                ![
                    "script", "iframe", "form", "input", "style", "object", "embed"
                ]
                .contains(&name.as_str()),
                "a <{name}> element reached the page"
            );
            for bad in [" on", "style=", "javascript:", "data:", "&#106;"] {
                assert!(
                    !attributes.contains(bad),
                    "`{bad}` reached the attributes of a <{name}>: {attributes}"
                );
            }
            assert!(
                !attributes.contains("https://example.org"),
                "a request to example.org reached a <{name}>: {attributes}"
            );
        }
        // Escaped text stays text: the entity is shown, not turned into a tag.
        assert!(body.contains("&lt;script&gt;"), "the escaped text vanished");
    }
}

/// The tags of an HTML text, as (lowercase name, the rest of the tag). Text never holds a
/// raw `<` (the page escapes it), so every `<` starts a tag.
fn tags(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').unwrap_or(after.len());
        let tag = &after[..end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let attributes = tag[tag.find(char::is_whitespace).unwrap_or(tag.len())..].to_string();
        found.push((name.to_ascii_lowercase(), attributes));
        rest = &after[end.min(after.len())..];
    }
    found
}

#[test]
fn no_private_data_and_names_only_with_consent() {
    let plan = TempPlan::valid();
    let people = plan.read("people.toml");
    assert!(people.contains("g2.private@example.org") && people.contains("600 123 456"));
    // A person who gave a name but no consent.
    plan.replace(
        "people.toml",
        "id = \"c1\"",
        "id = \"c1\"\nname = \"Carla Privada\"",
    );
    for args in [
        &[][..],
        &["--lang", "en"],
        &["--format", "md"],
        &["--format", "md", "--lang", "en"],
    ] {
        let out = render(&plan.root(), args);
        for private in [
            "g2.private@example.org",
            "600 123 456",
            "+34",
            "Carla Privada",
        ] {
            assert!(
                !out.contains(private),
                "`{private}` is in the {args:?} document"
            );
        }
        assert!(out.contains("Gemma Pública"), "a public name is missing");
    }
}

#[test]
fn a_plan_can_replace_a_template() {
    let plan = TempPlan::valid();
    plan.write(
        "templates/document.md",
        "{{ plan.title }} — {{ plan.commitments|length }} {{ labels.commitments|lower }}\n",
    );
    assert_eq!(
        render(&plan.root(), &["--format", "md"]),
        "Pla de prova — 2 compromisos\n"
    );
    // The HTML page still comes from obert's own template.
    assert!(render(&plan.root(), &[]).starts_with("<!DOCTYPE html>"));

    plan.write("templates/document.md", "{{ plan.nonexistent.field }}\n");
    let output = plan.obert(&["render", "--format", "md", "-o", "-"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("templates/document.md:1"), "{stderr}");
}

#[test]
fn the_default_output_goes_to_out_at_the_repository_root() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let init = obert_in(dir.path(), &["init", "repo"]);
    assert!(init.status.success());
    let repo = dir.path().join("repo");
    let output = obert_in(&repo.join("plan"), &["render"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let file = repo.join("out/pla-d-accio-ogp-catalunya-2021-2023.ca.html");
    assert!(
        file.is_file(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let html = std::fs::read_to_string(&file).expect("the page");
    // Minutes travel with the page: no link leads back into the plan folder.
    assert!(
        html.contains("href=\"#minutes-agora-p1\""),
        "no link to the minutes"
    );
    assert!(html.contains("<section class=\"minutes\" id=\"minutes-agora\">"));
    assert!(!html.contains("../plan/"), "a link into the plan folder");
    let md = obert_in(&repo, &["render", "--format", "md", "--lang", "en"]);
    assert!(md.status.success());
    assert!(
        repo.join("out/pla-d-accio-ogp-catalunya-2021-2023.en.md")
            .is_file()
    );
}

/// The sections of the page that carry `lang`, each with the note before its text, if any.
fn marked_sections(html: &str) -> Vec<(String, String)> {
    html.split("<section class=\"prose\"")
        .skip(1)
        .map(|rest| {
            let lang = rest
                .strip_prefix(" lang=\"")
                .and_then(|r| r.split_once('"'))
                .map_or("", |(lang, _)| lang);
            let end = rest.find("</section>").unwrap_or(rest.len());
            let note = rest[..end]
                .split_once("<p class=\"untranslated\" lang=\"")
                .and_then(|(_, r)| r.split_once("</p>"))
                .map_or("", |(note, _)| note);
            (lang.to_string(), note.to_string())
        })
        .collect()
}

#[test]
fn text_without_a_translation_says_so_in_the_pages_language() {
    let plan = TempPlan::valid();
    // a.en.md translates the problem only; b.en.md translates every section; the vision is
    // left untranslated.
    std::fs::remove_file(plan.path("vision.en.md")).expect("remove");
    let en = render(&plan.root(), &["--lang", "en"]);
    let note = "This section is not yet available in English; it is shown in Catalan.";
    assert!(
        en.contains(&format!(
            "<h2>Strategic vision</h2>\n<p class=\"untranslated\">{note}</p><div class=\"prose\" lang=\"ca\">"
        )),
        "{en}"
    );
    let section_note = format!("en\">{note}");
    let commitment_a = [
        (String::new(), String::new()),
        ("ca".to_string(), section_note.clone()),
        ("ca".to_string(), section_note.clone()),
        ("ca".to_string(), section_note.clone()),
    ];
    let commitment_b = vec![(String::new(), String::new()); 4];
    assert_eq!(
        marked_sections(&en),
        [&commitment_a[..], &commitment_b[..]].concat(),
        "{en}"
    );
    assert!(!en.contains("The text of this commitment"), "{en}");

    // Without b.en.md, b says it once for its whole text, and each section keeps its `lang`.
    std::fs::remove_file(plan.path("commitments/b.en.md")).expect("remove");
    let en = render(&plan.root(), &["--lang", "en"]);
    let whole = "<p class=\"untranslated\">The text of this commitment is not yet available in English; it is shown in Catalan.</p>";
    assert_eq!(en.matches(whole).count(), 1, "{en}");
    let b = &en[en.find("id=\"commitment-b\"").expect("b")..];
    assert!(
        b.contains(&format!(
            "{whole}<section class=\"prose\" lang=\"ca\">\n<h4>Problema</h4><p>"
        )),
        "{b}"
    );
    assert_eq!(
        marked_sections(b),
        vec![("ca".to_string(), String::new()); 4],
        "{b}"
    );

    // In Spanish, which the plan has no text in, the notes are in Spanish.
    let es = render(&plan.root(), &["--lang", "es"]);
    assert!(
        es.contains("Esta sección aún no está disponible en castellano; se muestra en catalán."),
        "{es}"
    );
    assert!(es.contains(
        "El texto de este compromiso aún no está disponible en castellano; se muestra en catalán."
    ));
    // The Markdown document says the same, in italics.
    let md = render(&plan.root(), &["--lang", "en", "--format", "md"]);
    assert!(
        md.contains(&format!(
            "## Strategic vision\n\n*{note}*\n\nUna administració"
        )),
        "{md}"
    );
    assert!(md.contains("#### Causes\n\n*This section is not yet available in English; it is shown in Catalan.*\n\nManca d'eines."), "{md}");
    assert!(md.contains("- **Status:** Draft\n\n*The text of this commitment is not yet available in English; it is shown in Catalan.*\n\n#### Problema"), "{md}");
    // In the primary language nothing is missing.
    for args in [&[][..], &["--format", "md"]] {
        let ca = render(&plan.root(), args);
        assert!(
            !ca.contains("class=\"untranslated\"")
                && !ca.contains("\" lang=\"")
                && !ca.contains("encara no està disponible"),
            "{ca}"
        );
    }

    // A translated heading left without text does not hide the text it translates.
    plan.write(
        "commitments/a.en.md",
        "## Problem {#problem}\n\n<!-- to do -->\n",
    );
    let en = render(&plan.root(), &["--lang", "en"]);
    let a =
        &en[en.find("id=\"commitment-a\"").expect("a")..en.find("id=\"commitment-b\"").expect("b")];
    assert!(
        a.contains("<h4>Problema</h4><p>Les dades no es publiquen.</p>"),
        "{a}"
    );
    assert!(!a.contains("<h4>Problem</h4>"), "{a}");
}

#[test]
fn the_document_counts_each_space_by_gender_and_hides_counts_below_three() {
    let plan = plan_with_genders();
    let html = render(&plan.root(), &["--lang", "en"]);
    let genere = &html[html.find("id=\"space-genere\"").expect("the space")..];
    let genere = &genere[..genere.find("</section>").expect("its end")];
    let table = &genere[genere
        .find("<table class=\"by-gender\">")
        .expect("the gender table")..];
    let table = &table[..table.find("</table>").expect("its end")];
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with("<tr><td>"))
        .collect();
    assert_eq!(
        rows,
        [
            "<tr><td>Women</td><td class=\"number\">5</td></tr>",
            "<tr><td>Men</td><td class=\"number\">&lt;3</td></tr>",
            "<tr><td>Non-binary people</td><td class=\"number\">&lt;3</td></tr>",
            "<tr><td>Prefer not to say</td><td class=\"number\">&lt;3</td></tr>",
            "<tr><td>Not recorded</td><td class=\"number\">&lt;3</td></tr>",
        ],
        "{genere}"
    );
    assert!(
        genere.contains("<p class=\"meta\">Counts below 3 are shown as “&lt;3”, so that no one can be singled out.</p>"),
        "{genere}"
    );

    // The Markdown document, in Catalan, says the same.
    let md = render(&plan.root(), &["--format", "md"]);
    let genere = &md[md.find("### Grup de gènere").expect("the space")..];
    assert!(
        genere.contains("**Membres per gènere**\n\n| Gènere | Membres |\n|---|---:|\n| Dones | 5 |\n| Homes | <3 |\n| Persones no binàries | <3 |\n| Prefereixen no dir-ho | <3 |\n| No consta | <3 |\n\n*Els recomptes inferiors a 3 es mostren com a «<3», perquè no es pugui identificar ningú.*\n"),
        "{genere}"
    );

    // A single hidden count hides the smallest one shown too, and the page says why.
    let md = render(
        &plan_with_one_hidden_gender().root(),
        &["--format", "md", "--lang", "en"],
    );
    let genere = &md[md.find("### Grup de gènere").expect("the space")..];
    assert!(
        genere.contains("| Women | 5 |\n| Men | 3+ |\n| Non-binary people | 3 |\n| Prefer not to say | 3 |\n| Not recorded | <3 |\n\n*Counts below 3 are shown as “<3”, so that no one can be singled out. One more count is shown as “3+”, so that the total does not give the hidden one away.*\n"),
        "{genere}"
    );

    // A space where no one has a gender recorded says so.
    let shipped = render(Path::new(SHIPPED_PLAN), &["--lang", "en"]);
    assert!(shipped.contains(
        "<p class=\"meta\">The gender of this space&#x27;s members is not recorded.</p>"
    ));
    assert!(!shipped.contains("class=\"by-gender\""));
}

/// The vision's part of a page, or of a Markdown document whose vision chapter is headed
/// `heading`: from its heading to the next chapter's.
fn vision_chapter<'d>(document: &'d str, heading: &str) -> &'d str {
    let start = document
        .find("<section id=\"vision\">")
        .or_else(|| document.find(&format!("\n## {heading}\n")))
        .expect("a vision chapter");
    let rest = &document[start..];
    let end = rest
        .find("</section>")
        .or_else(|| rest[1..].find("\n## ").map(|i| i + 1))
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn the_vision_is_shown_in_its_translation_or_says_it_is_not() {
    let plan = TempPlan::valid();
    let english = "An administration that opens its data and decides with its citizens.";
    let catalan = "Una administració que obre les seves dades i decideix amb la ciutadania.";
    let note = "This section is not yet available in English; it is shown in Catalan.";
    // vision.en.md's own heading gives way to the document's, as vision.md's does.
    let en = render(&plan.root(), &["--lang", "en"]);
    assert_eq!(
        vision_chapter(&en, ""),
        format!(
            "<section id=\"vision\">\n<h2>Strategic vision</h2>\n<div class=\"prose\">\n<p>{english}</p>\n\n</div>\n"
        )
    );
    let md = render(&plan.root(), &["--lang", "en", "--format", "md"]);
    assert_eq!(
        vision_chapter(&md, "Strategic vision"),
        format!("\n## Strategic vision\n\n{english}\n")
    );
    // The Catalan document keeps the vision it is written in.
    let ca = render(&plan.root(), &["--format", "md"]);
    assert_eq!(
        vision_chapter(&ca, "Visió estratègica"),
        format!("\n## Visió estratègica\n\n{catalan}\n")
    );

    // A translation still holding only its prompt, then none: Catalan, and a note in English.
    let html_note = format!(
        "<section id=\"vision\">\n<h2>Strategic vision</h2>\n<p class=\"untranslated\">{note}</p><div class=\"prose\" lang=\"ca\">\n<p>{catalan}</p>\n\n</div>\n"
    );
    let md_note = format!("\n## Strategic vision\n\n*{note}*\n\n{catalan}\n");
    for translation in [Some("# Vision\n\n<!-- Translate the vision. -->\n"), None] {
        match translation {
            Some(text) => plan.write("vision.en.md", text),
            None => std::fs::remove_file(plan.path("vision.en.md")).expect("remove"),
        }
        let en = render(&plan.root(), &["--lang", "en"]);
        assert_eq!(vision_chapter(&en, ""), html_note);
        let md = render(&plan.root(), &["--lang", "en", "--format", "md"]);
        assert_eq!(vision_chapter(&md, "Strategic vision"), md_note);
    }

    // A language the plan does not declare but the labels have: its translation is used.
    plan.write("vision.es.md", "# Visión\n\nUna administración abierta.\n");
    let es = render(&plan.root(), &["--lang", "es", "--format", "md"]);
    assert_eq!(
        vision_chapter(&es, "Visión estratégica"),
        "\n## Visión estratégica\n\nUna administración abierta.\n"
    );
}

/// A plan just begun with `obert init --blank` has no title yet: the page and the Markdown
/// document say what they are rather than show an empty title.
#[test]
fn a_blank_plan_gives_a_document_with_a_title() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let init = crate::support::obert_in(dir.path(), &["init", "new-plan", "--blank"]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let plan = dir.path().join("new-plan/plan");
    let html = render(&plan, &["--lang", "en"]);
    assert!(html.contains("<title>Action plan</title>"), "no title");
    assert!(html.contains("<h1>Action plan</h1>"), "no heading");
    let md = render(&plan, &["--lang", "en", "--format", "md"]);
    assert!(md.starts_with("# Action plan\n"), "{md}");
}
