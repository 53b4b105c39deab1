//! `obert render --format pdf`, read back with poppler's tools (pdfinfo, pdffonts,
//! pdftotext) as a reader's PDF viewer would: the shipped plans give a tagged PDF whose
//! fonts are all embedded, with a number on every page, the title and every commitment in
//! its text, nothing private, and the same bytes each time.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::tools::{have, runs};
use crate::support::{ROOT, SHIPPED_PLAN, SHIPPED_SCOTLAND, TempPlan, obert_in};

/// Whether poppler's command-line tools are here (Debian's poppler-utils).
fn poppler() -> bool {
    have(
        "poppler-utils (pdfinfo, pdffonts, pdftotext)",
        ["pdfinfo", "pdffonts", "pdftotext"]
            .iter()
            .all(|tool| runs(tool, &["-v"])),
    )
}

/// The PDF of the plan at `plan`, written to stdout.
fn pdf(plan: &Path, args: &[&str]) -> Vec<u8> {
    let plan = plan.to_string_lossy();
    let output = obert_in(
        Path::new(ROOT),
        &[
            &[
                "--plan",
                plan.as_ref(),
                "render",
                "--format",
                "pdf",
                "-o",
                "-",
            ],
            args,
        ]
        .concat(),
    );
    assert!(
        output.status.success(),
        "render --format pdf {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.starts_with(b"%PDF-"), "not a PDF");
    output.stdout
}

/// What a poppler tool prints about `pdf`, given on its standard input by way of a file.
fn poppler_says(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).expect("write the PDF");
    let file = file.to_string_lossy().into_owned();
    let mut all: Vec<&str> = args.to_vec();
    all.push(&file);
    if tool == "pdftotext" {
        all.push("-");
    }
    let output = Command::new(tool)
        .args(&all)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|error| panic!("cannot run {tool}: {error}"));
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `pdfinfo`'s value for `key` ("Pages", "Tagged", "Title"…).
fn info(pdf: &[u8], key: &str) -> String {
    let text = poppler_says("pdfinfo", pdf, &[]);
    text.lines()
        .find_map(|line| line.strip_prefix(&format!("{key}:")))
        .unwrap_or_else(|| panic!("pdfinfo says nothing of `{key}`:\n{text}"))
        .trim()
        .to_string()
}

/// The text of each page, as pdftotext reads it.
fn pages(pdf: &[u8]) -> Vec<String> {
    let text = poppler_says("pdftotext", pdf, &["-layout"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends every page with a form feed, the last one too.
    if pages.last().is_some_and(|page| page.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The titles of the plan's commitments, as its files give them in `lang`.
fn commitment_titles(plan: &Path, lang: &str) -> Vec<String> {
    let output = obert_in(
        Path::new(ROOT),
        &[
            "--plan",
            &plan.to_string_lossy(),
            "render",
            "--format",
            "md",
            "--lang",
            lang,
            "-o",
            "-",
        ],
    );
    let markdown = String::from_utf8(output.stdout).expect("UTF-8");
    let titles: Vec<String> = markdown
        .lines()
        .filter_map(|line| line.strip_prefix("### "))
        .filter_map(|heading| heading.split_once(". ").map(|(_, title)| title.to_string()))
        .collect();
    assert!(!titles.is_empty(), "no commitment in the Markdown document");
    titles
}

/// Text as pdftotext gives it back, words joined by single spaces, so that a title broken
/// over two lines still matches.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_a_good_pdf(plan: &Path, lang: &str, title: &str, page_range: std::ops::Range<usize>) {
    let pdf = pdf(plan, &["--lang", lang]);

    let count: usize = info(&pdf, "Pages").parse().expect("a page count");
    assert!(
        page_range.contains(&count),
        "{count} pages, expected {page_range:?}"
    );
    assert_eq!(info(&pdf, "Tagged"), "yes");
    assert_eq!(info(&pdf, "Title"), title);
    // The document's language, which a screen reader reads it in.
    let bytes = String::from_utf8_lossy(&pdf);
    assert!(
        bytes.contains(&format!("/Lang ({lang})")),
        "no /Lang ({lang})"
    );
    // What a screen reader finds: headings, the contents, tables with header cells, lists,
    // links and pictures with their descriptions.
    let structure = poppler_says("pdfinfo", &pdf, &["-struct"]);
    for tag in ["H1", "H2", "TOC", "Table", "TH", "L", "Link", "Figure"] {
        assert!(
            structure
                .lines()
                .any(|line| line.trim_start().starts_with(&format!("{tag} "))
                    || line.trim_start().starts_with(&format!("{tag}:"))
                    || line.trim() == tag),
            "no `{tag}` in the structure tree"
        );
    }

    // Every font is embedded (pdffonts' "emb" column), so it reads the same everywhere.
    let fonts = poppler_says("pdffonts", &pdf, &[]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts:\n{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name, type (one or two words), encoding, emb, sub, uni, object, id
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "a font is not embedded:\n{fonts}");
        assert!(
            row.contains("OpenSans"),
            "a font obert does not ship:\n{fonts}"
        );
    }

    // A number on every page, and the running header on every page after the cover.
    let pages = pages(&pdf);
    assert_eq!(pages.len(), count);
    for (i, page) in pages.iter().enumerate() {
        let number = i + 1;
        let footer = page.lines().rev().find(|line| !line.trim().is_empty());
        let footer = footer.unwrap_or_default();
        assert!(
            footer.contains(&format!(" {number} ")) && footer.contains(&count.to_string()),
            "page {number} has no page number: `{footer}`"
        );
        if number > 1 {
            assert!(
                page.contains(title.split_whitespace().next().unwrap_or_default()),
                "page {number} has no running header"
            );
        }
    }

    let text = words(&pages.join("\n"));
    assert!(text.contains(&words(title)), "the title is missing");
    for commitment in commitment_titles(plan, lang) {
        assert!(
            text.contains(&words(&commitment)),
            "the commitment `{commitment}` is missing"
        );
    }
    // No e-mail address, even one typed into a text field.
    assert!(
        !text
            .split_whitespace()
            .any(|word| word.contains('@') && word.contains('.')),
        "an e-mail address is in the PDF"
    );
}

#[test]
fn the_shipped_plans_give_tagged_pdfs_with_every_page_numbered() {
    if !poppler() {
        return;
    }
    assert_a_good_pdf(
        Path::new(SHIPPED_PLAN),
        "ca",
        "Pla d'acció OGP Catalunya 2021-2023",
        20..80,
    );
    assert_a_good_pdf(
        Path::new(SHIPPED_PLAN),
        "en",
        "Pla d'acció OGP Catalunya 2021-2023",
        20..80,
    );
    assert_a_good_pdf(
        Path::new(SHIPPED_SCOTLAND),
        "en",
        "Scotland's Open Government Action Plan 2021 to 2025",
        10..80,
    );
}

#[test]
fn the_same_plan_gives_the_same_pdf() {
    let plan = Path::new(SHIPPED_PLAN);
    let first = pdf(plan, &[]);
    assert!(first == pdf(plan, &[]), "two renderings differ");
    // Nothing of the day or the machine: no creation or modification date.
    let text = String::from_utf8_lossy(&first);
    assert!(!text.contains("/CreationDate") && !text.contains("/ModDate"));
}

#[test]
fn the_pdf_holds_no_private_data_and_names_only_with_consent() {
    if !poppler() {
        return;
    }
    let plan = TempPlan::valid();
    plan.replace(
        "people.toml",
        "id = \"c1\"",
        "id = \"c1\"\nname = \"Carla Privada\"",
    );
    for lang in ["ca", "en"] {
        let text = words(&pages(&pdf(&plan.root(), &["--lang", lang])).join("\n"));
        for private in [
            "g2.private@example.org",
            "600 123 456",
            "+34",
            "Carla Privada",
        ] {
            assert!(!text.contains(private), "`{private}` is in the {lang} PDF");
        }
        assert!(text.contains("Gemma Pública"), "a public name is missing");
    }
}

#[test]
fn plan_text_in_the_pdf_is_text_not_typst() {
    if !poppler() {
        return;
    }
    let plan = TempPlan::valid();
    let vision = plan.read("vision.md");
    plan.write(
        "vision.md",
        format!("{vision}\n\nPer #read(\"/plan.json\") i #panic(\"x\") = *a* $x$ 1 < 2 @c --\n"),
    );
    let text = words(&pages(&pdf(&plan.root(), &[])).join("\n"));
    assert!(
        text.contains("Per #read(\"/plan.json\") i #panic(\"x\") = a $x$ 1 < 2 @c --"),
        "the vision's text changed on its way into the PDF"
    );
}

#[test]
fn a_plan_can_replace_the_pdf_template() {
    let plan = TempPlan::valid();
    plan.write(
        "templates/document.typ",
        "#let plan = json(\"/plan.json\")\n#set document(title: plan.title)\n#set text(lang: plan.lang)\n= #plan.title\n",
    );
    let pdf = pdf(&plan.root(), &[]);
    if poppler() {
        assert_eq!(info(&pdf, "Pages"), "1");
        assert!(pages(&pdf)[0].contains("Pla de prova"));
    }

    // A mistake is reported with the template's line, and nothing is written.
    plan.write(
        "templates/document.typ",
        "#let plan = json(\"/plan.json\")\n\n#plan.nonexistent\n",
    );
    let output = plan.obert(&["render", "--format", "pdf", "-o", "out.pdf"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("templates/document.typ:3"), "{stderr}");
    assert!(!plan.root().join("out.pdf").exists());

    // The template reads nothing but the plan's view and the labels.
    plan.write("templates/document.typ", "#read(\"/plan.toml\")\n");
    let output = plan.obert(&["render", "--format", "pdf", "-o", "-"]);
    assert_eq!(output.status.code(), Some(2));
}

/// The page (counted from 1) whose text holds `words_sought` first, after the contents.
fn page_of(pages: &[String], words_sought: &str, after: usize) -> usize {
    pages
        .iter()
        .enumerate()
        .skip(after)
        .find(|(_, page)| words(page).contains(words_sought))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("`{words_sought}` is on no page after page {after}"))
}

/// Dates in each language's words, the plan's own chapters where `[document] chapters`
/// puts them, and a contents page whose numbers send the reader to the right page.
#[test]
fn the_pdf_is_in_words_with_the_plans_chapters_and_true_page_numbers() {
    if !poppler() {
        return;
    }
    for (lang, date, period, chapters) in [
        (
            "ca",
            "6 de maig de 2021",
            "de l'1 de desembre de 2021 al 31 de maig de 2023",
            ["Presentació", "Passos següents"],
        ),
        (
            "es",
            "6 de mayo de 2021",
            "del 1 de diciembre de 2021 al 31 de mayo de 2023",
            ["Presentació", "Passos següents"],
        ),
        (
            "en",
            "6 May 2021",
            "1 December 2021 to 31 May 2023",
            ["Presentació", "Passos següents"],
        ),
    ] {
        let pages = pages(&pdf(Path::new(SHIPPED_PLAN), &["--lang", lang]));
        let text = words(&pages.join("\n"));
        assert!(text.contains(date), "{lang}: no `{date}`");
        assert!(text.contains(period), "{lang}: no `{period}`");
        assert!(!text.contains("2021-05-06"), "{lang}: an ISO date is left");

        // The contents (page 2) gives each chapter's page, and the chapter starts there,
        // its title under the running header.
        let contents: Vec<&str> = pages[1].lines().collect();
        for chapter in chapters {
            let line = contents
                .iter()
                .find(|line| line.trim_start().starts_with(chapter))
                .unwrap_or_else(|| panic!("{lang}: `{chapter}` is not in the contents"));
            let number: usize = line
                .rsplit(|c: char| !c.is_ascii_digit())
                .find(|part| !part.is_empty())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{lang}: no page number in `{line}`"));
            let first_line = pages[number - 1]
                .lines()
                .filter(|line| !line.trim().is_empty())
                .nth(1)
                .unwrap_or_default();
            assert_eq!(
                first_line.trim(),
                chapter,
                "{lang}: the contents send `{chapter}` to page {number}"
            );
        }
        // In the order plan.toml gives: the foreword before the vision, next steps after
        // the commitments.
        let vision = match lang {
            "ca" => "Visió estratègica",
            "es" => "Visión estratégica",
            _ => "Strategic vision",
        };
        assert!(page_of(&pages, chapters[0], 2) < page_of(&pages, vision, 2));
    }
}

/// Each commitment opens a page: its heading is the first thing under the running header.
#[test]
fn each_commitment_starts_a_page() {
    if !poppler() {
        return;
    }
    let plan = Path::new(SHIPPED_SCOTLAND);
    let pages = pages(&pdf(plan, &[]));
    let titles = commitment_titles(plan, "en");
    assert_eq!(titles.len(), 5);
    for (i, title) in titles.iter().enumerate() {
        let heading = format!("Commitment {}. ", i + 1);
        let page = pages
            .iter()
            .skip(2)
            .find(|page| {
                page.lines()
                    .filter(|line| !line.trim().is_empty())
                    .nth(1)
                    .is_some_and(|line| line.trim_start().starts_with(&heading))
            })
            .unwrap_or_else(|| panic!("no page opens with `{heading}{title}`"));
        assert!(words(page).contains(&words(title)));
    }
}

/// A meeting's minutes link goes to the minutes in the PDF's annex, and the contents and
/// bookmarks go to their chapters: links inside the document, not to files that are not
/// there once it is sent.
#[test]
fn links_in_the_pdf_go_to_places_in_it() {
    let plan = Path::new(SHIPPED_SCOTLAND);
    let pdf = String::from_utf8_lossy(&pdf(plan, &[])).into_owned();
    let links: Vec<&str> = pdf
        .split("/Subtype /Link")
        .skip(1)
        .map(|rest| rest.split("endobj").next().unwrap_or_default())
        .collect();
    let inside = links.iter().filter(|link| link.contains("/Dest")).count();
    let html = crate::render::render(plan, &[]);
    let minutes_links = html.matches("<a href=\"#minutes-").count();
    let contents_entries = html.matches("<li><a href=\"#").count();
    assert!(
        minutes_links > 10,
        "the page links to {minutes_links} minutes"
    );
    assert!(
        inside >= minutes_links + contents_entries / 2,
        "{inside} links inside the PDF, for {minutes_links} minutes and {contents_entries} \
         contents entries"
    );
    assert!(pdf.contains("/Outlines"), "no bookmarks");
    // No link out of the document to a file of the plan.
    assert!(!pdf.contains("(minutes/") && !pdf.contains("../plan"));
}

/// A plan just begun with `obert init --blank`, with no title and hardly any data, still
/// gives a PDF (which PDF/UA refuses without a title): the cover says what the document
/// is.
#[test]
fn a_blank_plan_gives_a_pdf() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let init = obert_in(dir.path(), &["init", "new-plan", "--blank"]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let pdf = pdf(&dir.path().join("new-plan/plan"), &["--lang", "en"]);
    if poppler() {
        assert_eq!(info(&pdf, "Tagged"), "yes");
        assert!(words(&pages(&pdf)[0]).contains("Action plan"));
    }
}

/// A member who is to leave is listed with the day in words, as the page writes it: the
/// label's `{date}` filled in with the language's elisions.
#[test]
fn a_member_who_is_to_leave_is_dated_in_words() {
    if !poppler() {
        return;
    }
    let plan = TempPlan::valid();
    plan.replace(
        "spaces/motor.toml",
        "person = \"g1\"",
        "person = \"g1\"\nuntil = 2099-12-01",
    );
    let text = words(&pages(&pdf(&plan.root(), &[])).join("\n"));
    assert!(
        text.contains("fins a l'1 de desembre de 2099"),
        "the PDF: {text}"
    );
}
