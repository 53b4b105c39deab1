//! `obert contribution import`: Decidim exports (CSV with `,` or `;`, JSON, the open-data
//! ZIP) into a copy of tests/fixtures/valid, whose online space `online` has one phase,
//! `eixos` (2021-05-10 to 2021-06-09), and whose space URL is the one the fixtures under
//! tests/fixtures/decidim/ use.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support;
use crate::support::{FIXTURES, TempPlan, snapshot, stderr, stdout};

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join("decidim").join(name)
}

/// The export `proposals-comma-bom.csv` as the source gives it later, with each
/// `(was, is)` of `changes` changed, written beside the plan.
fn later_export(plan: &TempPlan, changes: &[(&str, &str)]) -> PathBuf {
    let mut csv = std::fs::read_to_string(fixture("proposals-comma-bom.csv")).expect("the fixture");
    for (was, is) in changes {
        assert!(csv.contains(was), "`{was}` is not in the fixture");
        csv = csv.replace(was, is);
    }
    let later = plan.dir.path().join("later.csv");
    std::fs::write(&later, csv).expect("written");
    later
}

fn import(plan: &TempPlan, file: &Path, extra: &[&str]) -> Output {
    let file = file.to_str().expect("a UTF-8 path");
    plan.obert(&[&["contribution", "import", file], extra].concat())
}

/// Runs an import that must succeed, and returns what it said on stderr.
fn imported(plan: &TempPlan, file: &Path, extra: &[&str]) -> String {
    let output = import(plan, file, extra);
    assert!(
        output.status.success(),
        "import failed:\n{}{}",
        stdout(&output),
        stderr(&output)
    );
    stderr(&output)
}

/// The text the import appended to a file that held `original`.
fn appended<'a>(text: &'a str, original: &str) -> &'a str {
    text.strip_prefix(original)
        .unwrap_or_else(|| panic!("the file's first part changed:\n{text}"))
}

/// The `[[contribution]]` entry `id` of a contributions file, up to the next entry.
fn entry<'a>(text: &'a str, id: &str) -> &'a str {
    let start = text
        .find(&format!("id = \"{id}\""))
        .unwrap_or_else(|| panic!("no contribution `{id}` in:\n{text}"));
    let end = text[start..]
        .find("[[contribution]]")
        .map_or(text.len(), |end| start + end);
    &text[start..end]
}

#[test]
fn a_comma_csv_with_a_bom_is_imported_into_the_phase_of_each_date() {
    let plan = TempPlan::valid();
    let original = plan.read("contributions/eixos.toml");
    let said = imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    let eixos = plan.read("contributions/eixos.toml");
    assert_eq!(
        appended(&eixos, &original),
        r#"
[[contribution]]
id = "TEST-PROP-2021-05-101"
kind = "proposal"
date = 2021-05-20
title = "Dades obertes dels pressupostos, per barris"
body = '''
Proposo publicar-los:\
\- per barris, "en format obert";\
\- cada trimestre.'''
author = "author-177b998d"
supports = 12
comments = 2
source-id = 101
source-component = 34
source-state = "accepted"

[contribution.response]
status = "accepted"
reason = "Acceptada: s'incorpora a l'eix **Dades obertes**."
by = "online"
date = 2021-10-27
from-source = "3b211e7e"

[[contribution]]
id = "TEST-PROP-2021-05-102"
kind = "proposal"
date = 2021-05-25
title = { es = "Presupuestos participativos en cada distrito" }
body = { es = "Que cada distrito decida una parte del presupuesto, ¿por qué no?" }
author = "author-4d8441ab"
supports = 5
comments = 1
source-id = 102
source-component = 34
source-state = "rejected"

[contribution.response]
status = "rejected"
reason = "Fora de l'abast del pla: és una competència municipal."
by = "online"
date = 2021-10-27
from-source = "b0c4fb32"

[[contribution]]
id = "TEST-PROP-2021-06-103"
kind = "proposal"
date = 2021-06-01
title = "Accessibilitat per a persones amb discapacitat visual"
body = "Els portals han de ser llegibles amb lectors de pantalla. Contacteu-me a **************** o al ***********."
author = "author-177b998d"
supports = 0
comments = 0
source-id = 103
source-component = 34
source-state = "evaluating"

[[contribution]]
id = "TEST-PROP-2021-06-104"
kind = "proposal"
date = 2021-06-02
title = "Una proposta que l'autora va retirar"
body = "Retirada."
author = "anonymous"
supports = 1
comments = 0
withdrawn = true
source-id = 104
source-component = 34
source-state = "withdrawn"

[[contribution]]
id = "TEST-PROP-2021-05-107"
kind = "proposal"
date = 2021-05-28
title = "Rebutjada sense resposta escrita"
body = "Text."
author = "author-9b60a31c"
supports = 0
comments = 0
source-id = 107
source-component = 34
source-state = "rejected"
"#
    );
    // After the phase closed: a new file, of the space but of no phase.
    assert_eq!(
        plan.read("contributions/imported.toml"),
        r#"# Contributions from the online space, imported from its Decidim export with
# `obert contribution import`. Importing again updates their texts and counts;
# a response written here is kept.

space = "online"

[[contribution]]
id = "TEST-PROP-2021-07-105"
kind = "proposal"
date = 2021-07-15
title = "Proposta fora de termini"
body = "Arriba tard, però compta."
author = "author-e9fd6765"
supports = 2
comments = 0
source-id = 105
source-component = 34
source-state = "not_answered"
"#
    );
    for line in [
        "read 7 proposals from",
        "7 rows: 6 added, 0 updated, 0 unchanged, 1 skipped (1 from another participatory space)",
        "2 responses taken from Decidim's answers",
        "1 proposal was rejected in Decidim without an answer text",
        "masked 2 e-mail addresses or phone numbers",
        "wrote plan/contributions/eixos.toml, plan/contributions/imported.toml",
    ] {
        assert!(said.contains(line), "`{line}` is not in:\n{said}");
    }
}

#[test]
fn a_semicolon_csv_of_decidim_0_30_is_imported() {
    let plan = TempPlan::valid();
    imported(&plan, &fixture("proposals-semicolon.csv"), &[]);
    let eixos = plan.read("contributions/eixos.toml");
    assert_eq!(
        entry(&eixos, "TEST-PROP-2021-05-201"),
        r#"id = "TEST-PROP-2021-05-201"
kind = "proposal"
date = 2021-05-18
title = "Codi ètic; per a tots els ens locals"
body = '''
Un codi "comú", amb:\
1\. conflictes d'interessos;\
2\. regals.\
L·lí, ñ, ç i 🙂.'''
author = "anonymous"
supports = 21
comments = 1
source-id = 201
source-component = 35
source-state = "accepted"

[contribution.response]
status = "accepted"
by = "online"
date = 2021-10-20
from-source = "d28f03a2"

"#
    );
    // No Catalan text: the plan's second language, English, as a translation.
    assert!(
        entry(&eixos, "TEST-PROP-2021-06-202").contains(
            "title = { en = \"Plain-language summaries\" }\nbody = { en = \"Every dataset with a one-paragraph summary.\" }\nauthor = \"author-"
        ),
        "{eixos}"
    );
}

#[test]
fn json_proposals_and_comments_are_imported_and_comments_answer_their_proposal() {
    let plan = TempPlan::valid();
    imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    imported(&plan, &fixture("proposals.json"), &[]);
    let said = imported(&plan, &fixture("comments.json"), &[]);
    let eixos = plan.read("contributions/eixos.toml");
    assert_eq!(
        entry(&eixos, "TEST-PROP-2021-05-301"),
        r#"id = "TEST-PROP-2021-05-301"
kind = "proposal"
date = 2021-05-19
title = "Un cercador únic de dades obertes"
body = "Un sol cercador per a *tots* els portals & catàlegs."
author = "author-b5aec7c2"
supports = 9
comments = 0
source-id = 301
source-component = 34
source-state = "accepted"

[contribution.response]
status = "accepted"
by = "online"
date = 2021-10-27
from-source = "0639146d"

"#
    );
    assert_eq!(
        entry(&eixos, "comment-501"),
        "id = \"comment-501\"\nkind = \"comment\"\ndate = 2021-05-21\nbody = \"D'acord, i també per districtes.\"\nauthor = \"author-4d8441ab\"\nin-reply-to = \"TEST-PROP-2021-05-101\"\nsource-id = 501\n\n"
    );
    assert!(entry(&eixos, "comment-502").contains(
        "body = { es = 'Yo no lo veo claro: \"¿quién paga?\"' }\nauthor = \"author-177b998d\"\nin-reply-to = \"TEST-PROP-2021-05-102\"\n"
    ));
    // A reply to a comment answers the proposal at the root of its thread.
    assert!(entry(&eixos, "comment-503").contains(
        "body = '''\nResposta al comentari: sí,\\\ntotalment.'''\nauthor = \"author-e9fd6765\"\nin-reply-to = \"TEST-PROP-2021-05-101\"\n"
    ));
    // Its proposal is nowhere: no in-reply-to, and the summary says so.
    assert!(!entry(&eixos, "comment-504").contains("in-reply-to"));
    assert!(said.contains("1 comment has no `in-reply-to`"), "{said}");
    // Written after the phase closed: in no phase, but still answering its proposal.
    let imported = plan.read("contributions/imported.toml");
    assert!(!eixos.contains("comment-505"));
    assert!(
        entry(&imported, "comment-505")
            .contains("date = 2021-06-20\nbody = \"Comentari tardà a la primera proposta.\"\nauthor = \"anonymous\"\nin-reply-to = \"TEST-PROP-2021-05-101\"\n")
    );
    let (code, json) = support::check_json(&plan);
    assert_eq!(code, 0, "{json:#}");
}

/// The open-data download: proposals, their comments and meetings, `;`-separated.
fn open_data_zip(dir: &Path) -> PathBuf {
    let path = dir.join("example.org-open-data.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("a new file"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for name in [
        "example.org-open-data-proposals.csv",
        "example.org-open-data-proposal_comments.csv",
        "example.org-open-data-meetings.csv",
    ] {
        zip.start_file(name, options).expect("an entry");
        zip.write_all(&std::fs::read(fixture("open-data").join(name)).expect("the fixture"))
            .expect("written");
    }
    zip.finish().expect("a whole archive");
    path
}

#[test]
fn the_open_data_zip_gives_the_spaces_proposals_and_their_comments() {
    let plan = TempPlan::valid();
    let zip = open_data_zip(plan.dir.path());
    let said = imported(&plan, &zip, &[]);
    for line in [
        "read 3 proposals from `",
        "example.org-open-data-proposals.csv`",
        "read 2 comments from `",
        "5 rows: 3 added, 0 updated, 0 unchanged, 2 skipped (2 from another participatory space)",
    ] {
        assert!(said.contains(line), "`{line}` is not in:\n{said}");
    }
    let eixos = plan.read("contributions/eixos.toml");
    assert_eq!(
        entry(&eixos, "TEST-PROP-2021-05-401"),
        "id = \"TEST-PROP-2021-05-401\"\nkind = \"proposal\"\ndate = 2021-05-12\ntitle = \"Transparència dels contractes menors\"\nbody = \"Publicar-los tots.\"\nsupports = 15\ncomments = 2\nsource-id = 401\nsource-component = 36\nsource-state = \"accepted\"\n\n[contribution.response]\nstatus = \"accepted\"\nreason = \"Acceptada.\"\nby = \"online\"\nfrom-source = \"300a4d3c\"\n\n"
    );
    assert!(
        entry(&eixos, "TEST-PROP-2021-05-402").contains("body = 'Amb reunions; i \"lobbies\".'")
    );
    assert!(entry(&eixos, "comment-601").contains("in-reply-to = \"TEST-PROP-2021-05-401\""));
    assert!(!eixos.contains("403") && !eixos.contains("602") && !eixos.contains("Sessió"));
}

#[test]
fn importing_again_changes_nothing() {
    let plan = TempPlan::valid();
    let zip = open_data_zip(plan.dir.path());
    for file in [
        fixture("proposals-comma-bom.csv"),
        fixture("proposals-semicolon.csv"),
        fixture("proposals.json"),
        fixture("comments.json"),
        zip.clone(),
    ] {
        imported(&plan, &file, &[]);
    }
    let before = snapshot(&plan.root());
    let said = imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    assert!(
        said.contains("7 rows: 0 added, 0 updated, 6 unchanged, 1 skipped"),
        "{said}"
    );
    assert!(said.contains("nothing to change"), "{said}");
    for file in [fixture("comments.json"), zip] {
        imported(&plan, &file, &[]);
    }
    assert!(
        snapshot(&plan.root()) == before,
        "a second import changed the plan"
    );
}

/// A re-import decides from the loaded plan that a file already says everything, without
/// opening it for editing; it must decide as the edit would. A title translated in a
/// sub-table says the same as one written inline, and keeps its other languages when the
/// source changes it; a file read with a finding is merged the long way, to the same end.
#[test]
fn importing_again_reads_translations_and_findings_as_the_file_says_them() {
    let plan = TempPlan::valid();
    imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    let title = "title = \"Dades obertes dels pressupostos, per barris\"\n";
    let eixos = plan.read("contributions/eixos.toml");
    assert!(eixos.contains(title), "{eixos}");
    // The title as a sub-table, at the end of the entry, with a Spanish translation.
    let entry_text = entry(&eixos, "TEST-PROP-2021-05-101");
    let moved = entry_text.replacen(title, "", 1).replacen(
        "\n[contribution.response]",
        "[contribution.title]\nca = \"Dades obertes dels pressupostos, per barris\"\nes = \"Datos abiertos de los presupuestos\"\n\n[contribution.response]",
        1,
    );
    plan.replace("contributions/eixos.toml", entry_text, &moved);
    let translated = plan.read("contributions/eixos.toml");

    let said = imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    assert!(said.contains("0 updated, 6 unchanged"), "{said}");
    assert_eq!(plan.read("contributions/eixos.toml"), translated);

    // A finding in the file (an unknown key): merged through the file, still unchanged.
    plan.replace(
        "contributions/eixos.toml",
        "id = \"TEST-PROP-2021-05-102\"",
        "id = \"TEST-PROP-2021-05-102\"\nnote = \"per revisar\"",
    );
    let noted = plan.read("contributions/eixos.toml");
    let said = imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    assert!(said.contains("0 updated, 6 unchanged"), "{said}");
    assert_eq!(plan.read("contributions/eixos.toml"), noted);

    // The source renames the proposal: the Catalan title changes, the Spanish one stays.
    let changed = later_export(
        &plan,
        &[(
            "Dades obertes dels pressupostos, per barris",
            "Dades obertes de tots els pressupostos",
        )],
    );
    let said = imported(&plan, &changed, &[]);
    assert!(said.contains("1 updated, 5 unchanged"), "{said}");
    let renamed = plan.read("contributions/eixos.toml");
    let renamed = entry(&renamed, "TEST-PROP-2021-05-101");
    assert!(
        renamed.contains("[contribution.title]\nca = \"Dades obertes de tots els pressupostos\"\nes = \"Datos abiertos de los presupuestos\"\n"),
        "{renamed}"
    );
}

/// A re-import tells "already said" from a digest of each contribution's values: a value
/// changed by hand is one the source's row does not say, and is put back; a key written by
/// hand with the value an import leaves unwritten changes nothing the file says.
#[test]
fn importing_again_puts_back_a_count_changed_by_hand() {
    let plan = TempPlan::valid();
    imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    let as_imported = plan.read("contributions/eixos.toml");
    let entry_text = entry(&as_imported, "TEST-PROP-2021-05-102");
    assert!(entry_text.contains("supports = 5\n"), "{entry_text}");
    plan.replace(
        "contributions/eixos.toml",
        "supports = 5\n",
        "supports = 50\n",
    );
    let said = imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    assert!(said.contains("1 updated, 5 unchanged"), "{said}");
    assert_eq!(plan.read("contributions/eixos.toml"), as_imported);

    let with_default =
        as_imported.replacen("supports = 5\n", "supports = 5\nwithdrawn = false\n", 1);
    std::fs::write(plan.root().join("contributions/eixos.toml"), &with_default).expect("writes");
    let said = imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    assert!(said.contains("0 updated, 6 unchanged"), "{said}");
    assert_eq!(plan.read("contributions/eixos.toml"), with_default);
}

#[test]
fn a_recorded_response_survives_a_new_import() {
    let plan = TempPlan::valid();
    imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    for (id, status, reason) in [
        (
            "TEST-PROP-2021-06-103",
            "partially-accepted",
            "En part: el compromís 1 ho recull.",
        ),
        (
            "TEST-PROP-2021-05-101",
            "merged",
            "Fusionada amb la proposta de l'eix de dades.",
        ),
    ] {
        let output = plan.obert(&[
            "contribution",
            "respond",
            id,
            "--status",
            status,
            "--reason",
            reason,
            "--by",
            "motor",
            "--date",
            "2022-03-07",
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let responded = plan.read("contributions/eixos.toml");
    let said = imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    assert_eq!(plan.read("contributions/eixos.toml"), responded);
    assert!(
        said.contains("1 response already in the plan kept, where Decidim answers otherwise"),
        "{said}"
    );
    assert!(entry(&responded, "TEST-PROP-2021-05-101").contains(
        "[contribution.response]\nstatus = \"merged\"\nreason = \"Fusionada amb la proposta de l'eix de dades.\"\nby = \"motor\"\ndate = 2022-03-07\n"
    ));
    // Another proposal renamed by the source: its file is merged, and the response that
    // says otherwise is still counted, though the row that holds it is not written.
    let changed = later_export(
        &plan,
        &[(
            "Accessibilitat per a persones amb discapacitat visual",
            "Accessibilitat dels portals per a persones cegues",
        )],
    );
    let said = imported(&plan, &changed, &[]);
    assert!(said.contains("1 updated, 5 unchanged"), "{said}");
    assert!(
        said.contains("1 response already in the plan kept, where Decidim answers otherwise"),
        "{said}"
    );
    let eixos = plan.read("contributions/eixos.toml");
    assert_eq!(
        entry(&eixos, "TEST-PROP-2021-05-101"),
        entry(&responded, "TEST-PROP-2021-05-101")
    );
}

#[test]
fn a_new_import_updates_counts_texts_and_unanswered_states() {
    let plan = TempPlan::valid();
    imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    // A person's comments in the file stay.
    plan.replace(
        "contributions/eixos.toml",
        "id = \"TEST-PROP-2021-05-101\"",
        "# Revisada a la sessió del grup motor.\nid = \"TEST-PROP-2021-05-101\"",
    );
    plan.replace(
        "contributions/eixos.toml",
        "supports = 12",
        "supports = 12 # a 9 de juny",
    );
    let changed = later_export(
        &plan,
        &[
            (",12,3,,2,", ",40,3,,5,"),
            (
                "Accessibilitat per a persones amb discapacitat visual",
                "Accessibilitat dels portals per a persones cegues",
            ),
            (
                ",evaluating,TEST-PROP-2021-06-103,,,",
                ",accepted,TEST-PROP-2021-06-103,Acceptada: eix de transparència.,,",
            ),
        ],
    );
    let said = imported(&plan, &changed, &[]);
    assert!(
        said.contains("7 rows: 0 added, 2 updated, 4 unchanged, 1 skipped"),
        "{said}"
    );
    let eixos = plan.read("contributions/eixos.toml");
    assert!(
        eixos.contains("# Revisada a la sessió del grup motor.\nid = \"TEST-PROP-2021-05-101\"\n")
    );
    assert!(
        entry(&eixos, "TEST-PROP-2021-05-101")
            .contains("supports = 40 # a 9 de juny\ncomments = 5\n"),
        "{eixos}"
    );
    assert!(
        entry(&eixos, "TEST-PROP-2021-06-103")
            .contains("title = \"Accessibilitat dels portals per a persones cegues\"")
    );
    // Decidim's state follows Decidim, and its new answer is the response.
    assert!(
        entry(&eixos, "TEST-PROP-2021-06-103").contains(
            "comments = 0\nsource-id = 103\nsource-component = 34\nsource-state = \"accepted\"\n\n[contribution.response]\nstatus = \"accepted\"\nreason = \"Acceptada: eix de transparència.\"\nby = \"online\"\n"
        ),
        "{eixos}"
    );
}

/// Runs an import that must fail with exit 2 and change nothing; returns its message.
fn refused(plan: &TempPlan, file: &Path) -> String {
    let before = snapshot(&plan.root());
    let output = import(plan, file, &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        snapshot(&plan.root()) == before,
        "a refused import changed the plan"
    );
    stderr(&output)
}

#[test]
fn a_bad_file_changes_nothing_and_says_where() {
    let plan = TempPlan::valid();
    let dir = plan.dir.path();
    let said = refused(&plan, &fixture("bad-no-id.csv"));
    assert!(
        said.contains("there is no `reference` or `id` column"),
        "{said}"
    );
    let said = refused(&plan, &fixture("bad-empty-reference.csv"));
    assert!(
        said.contains("line 3 (row 2), column `reference`: both `reference` and `id` are empty"),
        "{said}"
    );
    assert!(said.contains("nothing was changed"), "{said}");

    let latin1 = dir.join("latin1.csv");
    std::fs::write(&latin1, b"id,title/ca\n1,Participaci\xF3\n").expect("written");
    let said = refused(&plan, &latin1);
    assert!(
        said.contains("line 2, column 14: the text is not UTF-8 (byte 0xF3)"),
        "{said}"
    );

    let short = dir.join("short.csv");
    std::fs::write(&short, "id;title/ca;body/ca\n1;a;b\n2;\"a;b\n").expect("written");
    let said = refused(&plan, &short);
    assert!(
        said.contains("line 3 (row 2): the row has 2 fields where the header has 3"),
        "{said}"
    );

    let json = dir.join("broken.json");
    std::fs::write(
        &json,
        "[\n  {\"id\": 1, \"title\": {\"ca\": \"a\"}},\n  {\"id\": 2 \"title\": {}}\n]\n",
    )
    .expect("written");
    let said = refused(&plan, &json);
    assert!(
        said.contains("line 3, column 12: it is not valid JSON (expected `,` or `}`)"),
        "{said}"
    );

    let json = dir.join("empty-id.json");
    std::fs::write(&json, "[\n  {\"id\": 1, \"title\": {\"ca\": \"a\"}},\n  {\"id\": null, \"title\": {\"ca\": \"b\"}}\n]\n")
        .expect("written");
    let said = refused(&plan, &json);
    assert!(
        said.contains("item 2 (line 3, column 3), column `id`: it is empty"),
        "{said}"
    );

    let zip = open_data_zip(dir);
    let bytes = std::fs::read(&zip).expect("the archive");
    let corrupt = dir.join("corrupt.zip");
    std::fs::write(&corrupt, &bytes[..bytes.len() / 2]).expect("written");
    let said = refused(&plan, &corrupt);
    assert!(said.contains("it is not a readable ZIP archive"), "{said}");
    // A damaged entry, with its directory intact: the checksum gives it away.
    let mut damaged = bytes.clone();
    let at = damaged
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("a central directory");
    for byte in &mut damaged[60..at.min(200)] {
        *byte ^= 0x55;
    }
    let damaged_path = dir.join("damaged.zip");
    std::fs::write(&damaged_path, damaged).expect("written");
    let said = refused(&plan, &damaged_path);
    assert!(said.contains("the archive is damaged"), "{said}");
}

#[test]
fn authors_are_pseudonyms_unless_names_are_asked_for() {
    let plan = TempPlan::valid();
    imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    imported(&plan, &fixture("comments.json"), &[]);
    let files = snapshot(&plan.root().join("contributions"));
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for never in [
            "Maria",
            "Jordi",
            "Núria",
            "@example.org",
            "612 345 678",
            "mpuig",
        ] {
            assert!(!text.contains(never), "{path} holds `{never}`");
        }
    }
    let named = TempPlan::valid();
    imported(
        &named,
        &fixture("proposals-comma-bom.csv"),
        &["--author-names"],
    );
    let eixos = named.read("contributions/eixos.toml");
    assert!(entry(&eixos, "TEST-PROP-2021-05-101").contains("author = \"Maria Puig i Ferrer\""));
    assert!(entry(&eixos, "TEST-PROP-2021-06-104").contains("author = \"anonymous\""));
    assert!(!eixos.contains("@example.org"), "an e-mail was stored");
}

#[test]
fn check_is_clean_after_an_import_and_the_responses() {
    let plan = TempPlan::valid();
    imported(&plan, &fixture("proposals-comma-bom.csv"), &[]);
    imported(&plan, &fixture("comments.json"), &[]);
    let (code, json) = support::check_json(&plan);
    assert_eq!(code, 0, "{json:#}");
    let unanswered: Vec<String> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|d| d["rule"] == "contribution-unanswered")
        .map(|d| {
            let message = d["message"].as_str().expect("a message");
            message.split('`').nth(1).expect("an id").to_string()
        })
        .collect();
    assert!(!unanswered.is_empty());
    for id in &unanswered {
        let output = plan.obert(&[
            "contribution",
            "respond",
            id,
            "--status",
            "out-of-scope",
            "--reason",
            "Considerada a la sessió de retorn.",
            "--by",
            "motor",
            "--date",
            "2022-03-07",
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let output = plan.obert(&["check"]);
    assert!(
        output.status.success(),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    let said = stdout(&output) + &stderr(&output);
    assert!(said.contains("no findings"), "{said}");
}

#[test]
fn a_dry_run_shows_the_diff_and_writes_nothing() {
    let plan = TempPlan::valid();
    let before = snapshot(&plan.root());
    let output = import(&plan, &fixture("proposals-comma-bom.csv"), &["--dry-run"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(snapshot(&plan.root()) == before, "a dry run wrote");
    let diff = stdout(&output);
    assert!(
        diff.contains("--- /dev/null\n+++ b/plan/contributions/imported.toml\n"),
        "{diff}"
    );
    assert!(diff.contains("+id = \"TEST-PROP-2021-05-101\"\n"), "{diff}");
    assert!(stderr(&output).contains("dry run: nothing was written"));
}

#[test]
fn into_and_phase_choose_the_file_and_a_file_of_another_space_is_refused() {
    let plan = TempPlan::valid();
    imported(
        &plan,
        &fixture("proposals-semicolon.csv"),
        &[
            "--into", "consulta", "--phase", "eixos", "--space", "online",
        ],
    );
    let consulta = plan.read("contributions/consulta.toml");
    assert!(consulta.contains("\nspace = \"online\"\nphase = \"eixos\"\n\n[[contribution]]\nid = \"TEST-PROP-2021-05-201\""), "{consulta}");
    assert!(consulta.contains("id = \"TEST-PROP-2021-06-202\""));

    plan.replace(
        "contributions/consulta.toml",
        "space = \"online\"",
        "space = \"forum\"",
    );
    let output = import(&plan, &fixture("proposals.json"), &["--into", "consulta"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("holds the contributions of the space `forum`, not `online`"),
        "{}",
        stderr(&output)
    );
    let output = import(&plan, &fixture("proposals.json"), &["--phase", "eixes"]);
    assert!(
        stderr(&output).contains("the space `online` has no phase `eixes`; did you mean `eixos`?"),
        "{}",
        stderr(&output)
    );
    let output = import(&plan, &fixture("proposals.json"), &["--space", "forum"]);
    assert!(
        stderr(&output).contains("is a forum, not an online space"),
        "{}",
        stderr(&output)
    );
}
