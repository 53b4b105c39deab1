//! The entry points on texts shaped as Decidim exports them (Catalan and Spanish samples).

use super::*;

fn people(kind: MentionKind, id: &str) -> String {
    match kind {
        MentionKind::User => format!("Participant {id}"),
        MentionKind::UserGroup => format!("Grup {id}"),
    }
}

fn md(raw: &str) -> String {
    markdown(raw, &people)
}

#[test]
fn html_paragraphs_breaks_and_emphasis() {
    assert_eq!(
        md("<p>Acceptada: <strong>eix 1</strong>.</p><p>Gràcies &amp; fins aviat&#33;</p>"),
        "Acceptada: **eix 1**.\n\nGràcies & fins aviat!"
    );
    assert_eq!(md("<p>línia 1<br>línia 2</p>"), "línia 1\\\nlínia 2");
    assert_eq!(
        md("<p>Una <em>paraula</em> i <b> </b>res</p>"),
        "Una *paraula* i res"
    );
    assert_eq!(
        md("<p><strong>Negreta </strong>i prou</p>"),
        "**Negreta** i prou"
    );
    assert_eq!(md("<h2>Resposta</h2><p>Text</p>"), "**Resposta**\n\nText");
    assert_eq!(
        md("<p>a</p><script>alert(1)</script><style>p{}</style><!-- x --><p>b</p>"),
        "a\n\nb"
    );
}

#[test]
fn html_lists_of_both_editors() {
    // Quill (up to 0.27): items hold text.
    assert_eq!(
        md("<p>Propostes:</p><ul><li>Més transparència</li><li>Dades obertes</li></ul><p>Fi</p>"),
        "Propostes:\n\n- Més transparència\n- Dades obertes\n\nFi"
    );
    // TipTap (0.28+): each item holds a paragraph; no lone `-`.
    assert_eq!(
        md("<ul><li><p>Primer</p></li><li><p>Segon</p></li></ul>"),
        "- Primer\n- Segon"
    );
    assert_eq!(
        md(
            "<ol><li><p>Un</p></li><li><p>Dos</p><ul><li><p>Dos i mig</p></li></ul></li><li>Tres</li></ol>"
        ),
        "1. Un\n2. Dos\n   - Dos i mig\n3. Tres"
    );
}

#[test]
fn html_links() {
    assert_eq!(
        md(
            r#"<p>Vegeu <a href="https://participa.gencat.cat/processes/governobert?a=1&amp;b=2" target="_blank">el procés</a>.</p>"#
        ),
        "Vegeu [el procés](https://participa.gencat.cat/processes/governobert?a=1\\&b=2)."
    );
    assert_eq!(
        md(r#"<p><a href="https://ca.wikipedia.org/wiki/Govern_(política)">Govern</a></p>"#),
        "[Govern](https://ca.wikipedia.org/wiki/Govern_\\(política\\))"
    );
    assert_eq!(
        md(r#"<p><a href="javascript:alert(1)">clica</a></p>"#),
        "clica"
    );
    assert_eq!(md(r#"<p><a href="/relatiu">enllaç</a></p>"#), "enllaç");
    assert_eq!(
        md(r#"<p><a href="https://x.cat"></a></p>"#),
        "<https://x.cat>"
    );
    assert_eq!(
        md("<p>Més a https://participa.gencat.cat/ i prou</p>"),
        "Més a <https://participa.gencat.cat/> i prou"
    );
}

#[test]
fn html_text_that_markdown_would_misread() {
    assert_eq!(
        md("<p># No és un títol</p><p>1. No és una llista</p><p>- ni això</p><p>&gt; ni cita</p>"),
        "\\# No és un títol\n\n1\\. No és una llista\n\n\\- ni això\n\n\\> ni cita"
    );
    assert_eq!(
        md("<p>[enllaç](http://x) *no* _cursiva_ a\\b &lt;b&gt; &amp;amp;</p>"),
        "\\[enllaç\\](<http://x>) \\*no\\* \\_cursiva\\_ a\\\\b \\<b> \\&amp;"
    );
}

#[test]
fn hashtags_and_mentions_in_every_shape() {
    assert_eq!(
        md(
            "<p>Per gid://participa/Decidim::Hashtag/41/GovernObert, diu gid://participa/Decidim::User/49001</p>"
        ),
        "Per #GovernObert, diu Participant 49001"
    );
    assert_eq!(
        md("Text del cos\n\ngid://participa/Decidim::Hashtag/7/_Participació"),
        "Text del cos\n\n#Participació"
    );
    assert_eq!(
        line(
            "Proposta gid://p/Decidim::Hashtag/3/Dades_Obertes de gid://p/Decidim::UserGroup/5",
            &people
        ),
        "Proposta #Dades_Obertes de Grup 5"
    );
}

#[test]
fn plain_text_stays_as_written() {
    assert_eq!(md("  a < b & c <3\r\n\r\n\r\nd  "), "a < b & c <3\n\nd");
    assert_eq!(
        md("Hola,\r\nproposo:\r\n- Frases curtes\r\n* menys paperassa"),
        "Hola,\\\nproposo:\\\n\\- Frases curtes\\\n\\* menys paperassa"
    );
    assert_eq!(
        md("+1 a aquesta proposta"),
        "\\+1 a aquesta proposta".replace("\\+1", "+1")
    );
    assert_eq!(detect("a < b"), Shape::Plain);
    assert_eq!(detect("<p>a</p>"), Shape::Html);
}

/// A proposal body as Decidim 0.27.3+ exports it: Premailer's text of
/// `<p>El govern hauria de publicar totes les dades dels contractes públics en formats oberts i reutilitzables, com ara <a href="https://ca.wikipedia.org/wiki/Dades_obertes">dades obertes</a>.</p><ul><li>Contractes menors</li><li>Subvencions</li></ul><p>Gràcies.</p>`
const PREMAILER: &str = "El govern hauria de publicar totes les dades dels contractes\n\
públics en formats oberts i reutilitzables, com ara dades obertes\n\
( https://ca.wikipedia.org/wiki/Dades_obertes ).\n\
\n\
* Contractes menors\n\
* Subvencions\n\
\n\
Gràcies.";

#[test]
fn premailer_text_is_unwrapped() {
    assert_eq!(detect(PREMAILER), Shape::Premailer);
    assert_eq!(
        md(PREMAILER),
        "El govern hauria de publicar totes les dades dels contractes públics en formats oberts i reutilitzables, com ara dades obertes (<https://ca.wikipedia.org/wiki/Dades_obertes>).\n\n- Contractes menors\n- Subvencions\n\nGràcies."
    );
}

#[test]
fn premailer_short_lines_are_the_authors() {
    // A long line ending a sentence, and a next word that would have fitted: a real break.
    let sentence = "La proposta és clara i la compartim amb la ciutadania, sí.";
    assert_eq!(sentence.chars().count(), 58);
    let text = format!(
        "{sentence}\nSí.\nPerò cal pressupost per fer-la realitat a tot el territori i\nmés."
    );
    assert_eq!(
        markdown_as(&text, Shape::Premailer, &people),
        format!(
            "{sentence}\\\nSí.\\\nPerò cal pressupost per fer-la realitat a tot el territori i\\\nmés."
        )
    );
}

#[test]
fn premailer_lists_links_and_headings() {
    // A lone marker followed by its item, and an item wrapped over two lines.
    let text = "Propostes:\n\n*\nhttps://participa.gencat.cat/processes/governobert/f/1/proposals/1\n* Una llista d'elements que és prou llarga per haver estat partida per\nPremailer\n\n-----\nTítol\n-----\n\nFi";
    assert_eq!(
        markdown_as(text, Shape::Premailer, &people),
        "Propostes:\n\n- <https://participa.gencat.cat/processes/governobert/f/1/proposals/1>\n- Una llista d'elements que és prou llarga per haver estat partida per Premailer\n\nTítol\n\nFi"
    );
    // A URL with parentheses (its line was wrapped: `escriviu` did not fit), and links
    // that were not http.
    assert_eq!(
        markdown_as(
            "Llegiu ( https://es.wikipedia.org/wiki/Gobierno_(política) ) i\nescriviu ( info@example.org ) o ( /ruta ) ara.",
            Shape::Premailer,
            &people
        ),
        "Llegiu (<https://es.wikipedia.org/wiki/Gobierno_(política)>) i escriviu (info@example.org) o ara."
    );
}

#[test]
fn one_line_values() {
    assert_eq!(
        line("  Maria\r\n  <b>Garcia</b> &amp; cia ", &people),
        "Maria Garcia & cia"
    );
    assert_eq!(line("<p>Títol</p><p>llarg</p>", &people), "Títol llarg");
}

#[test]
fn deep_nesting_is_bounded() {
    let depth = 100_000;
    let html = format!(
        "{}x{}",
        "<ul><li>".repeat(depth),
        "</li></ul>".repeat(depth)
    );
    let out = md(&html);
    assert!(
        out.ends_with("- x"),
        "{}",
        &out[out.len().saturating_sub(80)..]
    );
    let widest = out.lines().map(str::len).max().unwrap_or(0);
    assert!(widest <= 2 * MAX_LIST_DEPTH + 3, "{widest}");
    let bold = format!("{}x{}", "<b><i>".repeat(depth), "</i></b>".repeat(depth));
    assert_eq!(md(&bold), "***x***");
    let unclosed = "<a <p ".repeat(depth);
    assert!(!md(&unclosed).is_empty());
}

proptest::proptest! {
    /// Whatever the export holds, the Markdown holds no tag: every `<` before a letter is
    /// escaped or opens an autolink to an http(s) address.
    #[test]
    fn no_html_survives(raw in r#"(<(/?)(p|a href="https://x.cat/(a)"|ul|ol|li|b|em|br|h2|script)>|gid://p/Decidim::(User|Hashtag)/[0-9]{1,3}/?_?[a-zà]{0,4}|[ a-z*_#>\-+1.&;'<\n\r\[\]\\()]){0,60}"#) {
        for shape in [Shape::Html, Shape::Premailer, Shape::Plain] {
            let out = markdown_as(&raw, shape, &people);
            let bytes = out.as_bytes();
            for (i, _) in out.match_indices('<') {
                let backslashes = bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count();
                let escaped = backslashes % 2 == 1;
                let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                proptest::prop_assert!(
                    escaped || !next.is_ascii_alphabetic() || out[i..].starts_with("<http"),
                    "{shape:?} {raw:?} → {out:?}"
                );
            }
            proptest::prop_assert!(!out.contains("gid://"), "{raw:?} → {out:?}");
        }
    }
}

#[test]
fn glued_pieces_do_not_make_tags() {
    // Cases the property test found: a `<` left before text once an unclosed link's `[`
    // goes, a `<` before a tag that writes nothing, and a global id right after a hashtag.
    assert_eq!(
        md(r#"<<a href="https://x.cat/a">gid://p/Decidim::User/0"#),
        "\\<Participant 0"
    );
    assert_eq!(md("<p>a <<span>b</span></p>"), "a \\<b");
    assert_eq!(
        md("gid://p/Decidim::Hashtag/1/Obert/gid://p/Decidim::User/2"),
        "#Obert/Participant 2"
    );
    assert_eq!(markdown_as("\\<p>", Shape::Plain, &people), "\\\\\\<p>");
}
