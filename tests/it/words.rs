//! The document in words, not data: dates as each language writes them (Catalan elisions
//! included) with the ISO date kept for machines in `<time datetime>`, and the labels that
//! used to read as machine output.

use std::path::Path;

use crate::render::render;
use crate::support::{SHIPPED_PLAN, SHIPPED_SCOTLAND, TempPlan};

/// The first `YYYY-MM-DD` in `text`, if any.
fn iso_date(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|at| {
        let candidate = &bytes[at..at + 10];
        let shape = candidate.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
        let before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let after = bytes
            .get(at + 10)
            .is_none_or(|b| !b.is_ascii_alphanumeric());
        let alone = before && after;
        (shape && alone).then(|| &text[at..at + 10])
    })
}

/// What a reader of the page sees: the text between tags, without the tags.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        // Style sheets are not text; everything else between tags is.
        let tag_end = rest[open..]
            .find('>')
            .map_or(rest.len(), |end| open + end + 1);
        if rest[open..].starts_with("<style") {
            rest = rest[open..]
                .find("</style>")
                .map_or("", |end| &rest[open + end..]);
            continue;
        }
        // A date's <time> is inline, within a word ("de l'<time>1 de maig</time>").
        let tag = &rest[open..tag_end];
        if !tag.starts_with("<time") && tag != "</time>" {
            out.push(' ');
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn dates_are_words_in_each_language() {
    let plan = Path::new(SHIPPED_PLAN);
    for (lang, cover, meeting, elided) in [
        (
            "ca",
            "de l'1 de maig al 31 d'octubre de 2021",
            "6 de maig de 2021",
            "29 d'abril de 2022",
        ),
        (
            "es",
            "del 1 de mayo al 31 de octubre de 2021",
            "6 de mayo de 2021",
            "29 de abril de 2022",
        ),
        (
            "en",
            "1 May to 31 October 2021",
            "6 May 2021",
            "29 April 2022",
        ),
    ] {
        let md = render(plan, &["--format", "md", "--lang", lang]);
        for words in [cover, meeting, elided] {
            assert!(md.contains(words), "{lang}: `{words}` is missing");
        }
        assert_eq!(iso_date(&md), None, "{lang}: an ISO date in the Markdown");

        let html = render(plan, &["--lang", lang]);
        let meeting_html = format!(r#"<time datetime="2021-05-06">{meeting}</time>"#);
        assert!(html.contains(&meeting_html), "{lang}: {meeting_html}");
        let text = visible_text(&html).replace("&#x27;", "'");
        assert!(text.contains(cover), "{lang}: `{cover}` is missing");
        assert_eq!(iso_date(&text), None, "{lang}: an ISO date on the page");
    }
}

/// A range's two dates each keep their ISO date, Catalan's elided article outside them.
#[test]
fn each_date_of_a_range_is_a_time_element() {
    let html = render(Path::new(SHIPPED_PLAN), &[]);
    assert!(
        html.contains(
            r#"<dd>de l&#x27;<time datetime="2021-12-01">1 de desembre de 2021</time> al <time datetime="2023-05-31">31 de maig de 2023</time></dd>"#
        ),
        "the implementation period"
    );
    let html = render(Path::new(SHIPPED_SCOTLAND), &[]);
    assert!(
        html.contains(
            r#"<time datetime="2021-06-07">7 June</time> to <time datetime="2021-07-04">4 July 2021</time>"#
        ),
        "the ideas challenge, within one year"
    );
}

/// Counts that can be large carry the language's thousands separator.
#[test]
fn counts_are_numbers_in_the_language() {
    let plan = TempPlan::valid();
    plan.replace(
        "contributions/eixos.toml",
        "supports = 3",
        "supports = 12345",
    );
    let count = |lang: &str| {
        let md = render(&plan.root(), &["--format", "md", "--lang", lang]);
        md.lines()
            .find(|line| line.starts_with("| Consulta sobre els eixos |"))
            .map(|line| {
                line.rsplit('|')
                    .nth(1)
                    .unwrap_or_default()
                    .trim()
                    .to_string()
            })
            .unwrap_or_default()
    };
    assert_eq!(count("en"), "12,345");
    assert_eq!(count("ca"), "12.345");
    assert_eq!(count("es"), "12.345");
}

/// The words the issue found machine-like read as a person would write them.
#[test]
fn labels_read_as_sentences() {
    let md = render(Path::new(SHIPPED_SCOTLAND), &["--format", "md"]);
    for (gone, now) in [
        ("Merged into another", "Merged with similar contributions"),
        ("| Attendees |", "| Attendance |"),
        (
            "Representative of Directorate",
            "Directorate for Digital representative",
        ),
        (
            "Members of Open Government",
            "Open Government Steering Group members",
        ),
        ("(Steering group) (Forum)", "*Steering group · Forum*"),
    ] {
        assert!(!md.contains(gone), "`{gone}` is still there");
        assert!(md.contains(now), "`{now}` is missing");
    }
}
