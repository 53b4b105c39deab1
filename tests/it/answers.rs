//! `obert contribution export --format decidim-answers`: the file Decidim's "Import answers"
//! takes, checked by replaying its verifier (tests/fixtures/decidim/versions/answers-import.md)
//! on the output, for each separator and the Decidim versions that read it.

use std::collections::{BTreeMap, HashMap};

use obert::import::hash::answer_fingerprint;

use crate::support::{TempPlan, code, ok, show, stderr, stdout};

/// A proposal as the plan records it after an import, and as the simulated Decidim holds it.
struct Imported {
    reference: &'static str,
    kind: &'static str,
    id: u64,
    component: u64,
    /// Extra TOML lines of the contribution (`hidden`, `withdrawn`, `amends`…).
    extra: &'static str,
    /// The `[contribution.response]` lines, if it has one.
    response: Option<String>,
}

/// A response the import took from Decidim, unchanged since: its fingerprint matches.
fn decidim_s_own(status: &str, reason: &str, date: &str) -> String {
    format!(
        "status = \"{status}\"\nreason = \"{reason}\"\ndate = {date}\nfrom-source = \"{}\"\n",
        answer_fingerprint(status, reason, date)
    )
}

/// Component 3's proposals: two answered in obert, one with Decidim's answer unchanged, one
/// whose Decidim answer was edited since, an amendment, a hidden and a withdrawn one, one
/// unanswered; and one proposal of component 5.
fn imported() -> Vec<Imported> {
    let proposal = |reference, id, component, extra, response: Option<String>| Imported {
        reference,
        kind: "proposal",
        id,
        component,
        extra,
        response,
    };
    vec![
        proposal(
            "TEST-PROP-2021-05-0012",
            12,
            3,
            "",
            Some(
                "status = \"partially-accepted\"\nreason = { ca = \"En part; al compromís a, \\\"dades\\\":\\n\\n- pressupostos\\n- [contractes](https://example.org/c?a=1&b=2)\\n\\nEscriviu a oficina@example.org.\", en = \"Partly, in **commitment a**.\" }\ndate = 2021-10-27\n"
                    .to_string(),
            ),
        ),
        proposal(
            "TEST-PROP-2021-05-0013",
            13,
            3,
            "",
            Some(decidim_s_own("accepted", "Acceptada a Decidim.", "2021-06-01")),
        ),
        proposal(
            "TEST-PROP-2021-05-0014",
            14,
            3,
            "",
            // Decidim's answer, whose reason was rewritten in the plan since the import.
            Some(format!(
                "status = \"rejected\"\nreason = \"Fora de l'abast del pla.\"\ndate = 2021-06-01\nfrom-source = \"{}\"\n",
                answer_fingerprint("rejected", "Fora d'abast.", "2021-06-01")
            )),
        ),
        Imported {
            reference: "TEST-PROP-2021-05-0015",
            kind: "amendment",
            id: 15,
            component: 3,
            extra: "amends = \"TEST-PROP-2021-05-0012\"\n",
            response: Some("status = \"accepted\"\ndate = 2021-10-27\n".to_string()),
        },
        proposal(
            "TEST-PROP-2021-05-0016",
            16,
            3,
            "hidden = true\n",
            Some("status = \"rejected\"\nreason = \"Ofensiva.\"\ndate = 2021-10-27\n".to_string()),
        ),
        proposal(
            "TEST-PROP-2021-05-0017",
            17,
            3,
            "withdrawn = true\n",
            Some("status = \"rejected\"\nreason = \"Retirada.\"\ndate = 2021-10-27\n".to_string()),
        ),
        proposal("TEST-PROP-2021-05-0018", 18, 3, "", None),
        proposal(
            "TEST-PROP-2021-05-0030",
            30,
            5,
            "",
            Some("status = \"out-of-scope\"\nreason = \"D'un altre pla.\"\ndate = 2021-10-27\n".to_string()),
        ),
    ]
}

/// The fixture plan with the imported proposals, and a proposal entered by hand whose id
/// ends in digits (which Decidim would have taken as proposal 3).
fn plan_with(proposals: &[Imported]) -> TempPlan {
    let plan = TempPlan::valid();
    let mut toml = String::new();
    for p in proposals {
        let state = if p.extra.contains("withdrawn") {
            "withdrawn"
        } else {
            "evaluating"
        };
        toml.push_str(&format!(
            "\n[[contribution]]\nid = \"{}\"\nkind = \"{}\"\ndate = 2021-05-20\ntitle = \"Proposta {}\"\nauthor = \"anonymous\"\n{}source-id = {}\nsource-component = {}\nsource-state = \"{state}\"\n",
            p.reference, p.kind, p.id, p.extra, p.id, p.component
        ));
        if let Some(response) = &p.response {
            toml.push_str(&format!("\n[contribution.response]\n{response}"));
        }
    }
    toml.push_str(
        "\n[[contribution]]\nid = \"participa-20210603-3\"\nkind = \"proposal\"\ndate = 2021-06-03\ntitle = \"Al taller\"\n\n[contribution.response]\nstatus = \"accepted\"\nreason = \"Sí.\"\ndate = 2021-10-27\n",
    );
    plan.append("contributions/eixos.toml", &toml);
    plan
}

/// A cell as Ruby's CSV reads it: `None` for an empty unquoted field, which Decidim's
/// importer treats as no answer in that language.
type Row = Vec<Option<String>>;

/// The file split as Ruby's `CSV.read(file, col_sep:)` does, strictly: a quote may only
/// open a field and close it; line breaks inside quotes belong to the field. `Err` is Ruby's
/// `MalformedCSVError`, which refuses the file.
fn ruby_csv(text: &str, separator: char) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let mut row: Row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    in_quotes = false;
                    match chars.peek() {
                        Some(&next) if next != separator && next != '\n' && next != '\r' => {
                            return Err(format!("line {line}: text after a closing quote"));
                        }
                        _ => {}
                    }
                }
                c => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !quoted => {
                quoted = true;
                in_quotes = true;
            }
            '"' => return Err(format!("line {line}: a quote inside an unquoted field")),
            c if c == separator => {
                row.push(cell(&mut field, &mut quoted));
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => return Err(format!("line {line}: a bare carriage return")),
            '\n' => {
                row.push(cell(&mut field, &mut quoted));
                rows.push(std::mem::take(&mut row));
                line += 1;
            }
            c => field.push(c),
        }
    }
    if in_quotes {
        return Err(format!("line {line}: an unclosed quote"));
    }
    if !field.is_empty() || quoted || !row.is_empty() {
        row.push(cell(&mut field, &mut quoted));
        rows.push(row);
    }
    Ok(rows)
}

fn cell(field: &mut String, quoted: &mut bool) -> Option<String> {
    let text = std::mem::take(field);
    let was_quoted = std::mem::replace(quoted, false);
    (was_quoted || !text.is_empty()).then_some(text)
}

/// A Decidim site as its answers importer sees it.
pub(crate) struct Site {
    /// 0.26 and 0.27 read `;` whatever the site exports; 0.28+ its `default_csv_col_sep`.
    pub(crate) separator: char,
    pub(crate) default_locale: &'static str,
    pub(crate) available_locales: &'static [&'static str],
    /// Up to 0.28, exactly these; from 0.29, the component's state tokens (by default the
    /// same three).
    pub(crate) states: &'static [&'static str],
    /// Every proposal of the site: id → (component, whether it is an amendment).
    pub(crate) proposals: HashMap<u64, (u64, bool)>,
}

impl Site {
    fn holding(separator: char, proposals: &[Imported]) -> Site {
        Site {
            separator,
            default_locale: "ca",
            available_locales: &["ca", "es", "en"],
            states: &["evaluating", "accepted", "rejected"],
            proposals: proposals
                .iter()
                .map(|p| (p.id, (p.component, p.kind == "amendment")))
                .collect(),
        }
    }
}

/// An answer as the importer would save it: the state and the whole new answer hash.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Saved {
    pub(crate) state: String,
    pub(crate) answer: BTreeMap<String, String>,
}

/// Decidim's "Import answers" into `component`: the verifier's checks, then every row or
/// none. `Err` lists why, as Decidim refuses the whole file.
pub(crate) fn import_answers(
    site: &Site,
    component: u64,
    file: &str,
) -> Result<BTreeMap<u64, Saved>, Vec<String>> {
    let rows = ruby_csv(file, site.separator).map_err(|e| vec![e])?;
    let Some((header, data)) = rows.split_first() else {
        return Err(vec!["empty file".to_string()]);
    };
    let header: Vec<String> = header
        .iter()
        .map(|h| h.clone().unwrap_or_default())
        .collect();
    let mut errors = Vec::new();
    let default_answer = format!("answer/{}", site.default_locale);
    for required in ["id", "state", default_answer.as_str()] {
        if !header.iter().any(|h| h == required) {
            errors.push(format!("missing header {required}"));
        }
    }
    for (i, h) in header.iter().enumerate() {
        if header[..i].contains(h) {
            errors.push(format!("duplicate header {h}"));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut saved = BTreeMap::new();
    for (index, row) in data.iter().enumerate() {
        let line = index + 2;
        let get = |name: &str| -> Option<&str> {
            let at = header.iter().position(|h| h == name)?;
            row.get(at)?.as_deref()
        };
        // Ruby's String#to_i: the leading digits, or 0.
        let id: u64 = get("id")
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        match site.proposals.get(&id) {
            None => errors.push(format!("line {line}: proposal {id} not found")),
            Some((_, true)) => errors.push(format!("line {line}: {id} is an amendment")),
            Some((other, false)) if *other != component => {
                errors.push(format!("line {line}: {id} is in component {other}"));
            }
            Some(_) => {}
        }
        let state = get("state").unwrap_or("");
        if !site.states.contains(&state) {
            errors.push(format!("line {line}: state `{state}` is not valid"));
        }
        let answer = site
            .available_locales
            .iter()
            .filter_map(|lang| {
                Some((
                    lang.to_string(),
                    get(&format!("answer/{lang}"))?.to_string(),
                ))
            })
            .collect();
        saved.insert(
            id,
            Saved {
                state: state.to_string(),
                answer,
            },
        );
    }
    if errors.is_empty() {
        Ok(saved)
    } else {
        Err(errors)
    }
}

fn export(plan: &TempPlan, extra: &[&str]) -> std::process::Output {
    plan.obert(
        &[
            &["contribution", "export", "--format", "decidim-answers"],
            extra,
        ]
        .concat(),
    )
}

#[test]
fn the_answers_file_passes_decidim_s_verifier_with_either_separator() {
    let proposals = imported();
    let plan = plan_with(&proposals);
    for separator in [";", ","] {
        let sep = separator.chars().next().expect("a character");
        let csv = ok(&export(
            &plan,
            &["--component", "3", "--separator", separator],
        ));
        assert!(!csv.starts_with('\u{feff}'), "no BOM: {csv}");
        assert!(
            !csv.contains('\r'),
            "lines end as Decidim's own files: {csv}"
        );
        let saved = import_answers(&Site::holding(sep, &proposals), 3, &csv)
            .unwrap_or_else(|errors| panic!("refused with `{separator}`: {errors:?}\n{csv}"));
        // Only what the plan says anew: not Decidim's own answer (13), nor the amendment,
        // the hidden, the withdrawn or the unanswered proposals, nor component 5's.
        assert_eq!(saved.keys().copied().collect::<Vec<_>>(), [12, 14], "{csv}");
        let twelve = &saved[&12];
        assert_eq!(twelve.state, "accepted");
        assert_eq!(
            twelve.answer["ca"],
            "<p>En part; al compromís a, \"dades\":</p><ul><li>pressupostos</li><li><a href=\"https://example.org/c?a=1&amp;b=2\">contractes</a></li></ul><p>Escriviu a *******************.</p>"
        );
        assert_eq!(
            twelve.answer["en"],
            "<p>Partly, in <strong>commitment a</strong>.</p>"
        );
        // 14 has no English text: no cell value, which Decidim reads as no answer in
        // English, and shows the Catalan one there.
        assert_eq!(saved[&14].state, "rejected");
        assert_eq!(
            saved[&14].answer,
            BTreeMap::from([(
                "ca".to_string(),
                "<p>Fora de l'abast del pla.</p>".to_string()
            )])
        );
        assert!(!csv.contains("oficina@"), "{csv}");
        assert_eq!(
            csv.lines().next(),
            Some(format!("id{sep}state{sep}answer/ca{sep}answer/en").as_str())
        );
    }
}

#[test]
fn decidim_0_26_and_0_27_read_only_the_default_separator() {
    let proposals = imported();
    let plan = plan_with(&proposals);
    // 0.26 and 0.27 read `;` on every site, participa.gencat.cat's included.
    let old_reader = Site::holding(';', &proposals);
    let default = ok(&export(&plan, &["--component", "3"]));
    assert!(
        import_answers(&old_reader, 3, &default).is_ok(),
        "{default}"
    );
    let comma = ok(&export(&plan, &["--component", "3", "--separator", ","]));
    // Read with `;`, the header is one column named `id,state,…` and the rows are broken:
    // Decidim refuses the file.
    assert!(import_answers(&old_reader, 3, &comma).is_err(), "{comma}");
}

#[test]
fn the_replayed_verifier_refuses_a_whole_file_for_one_bad_row() {
    // The rules the export keeps to: each of these rows alone makes Decidim refuse the file.
    let proposals = imported();
    let plan = plan_with(&proposals);
    let site = Site::holding(';', &proposals);
    let csv = ok(&export(&plan, &["--component", "3"]));
    for (row, why) in [
        ("15;accepted;<p>Sí</p>;\n", "is an amendment"),
        ("30;rejected;<p>No</p>;\n", "is in component 5"),
        ("99;accepted;<p>Sí</p>;\n", "not found"),
        ("18;not_answered;<p>Sí</p>;\n", "is not valid"),
    ] {
        let errors = import_answers(&site, 3, &format!("{csv}{row}")).expect_err(why);
        assert!(errors.iter().any(|e| e.contains(why)), "{row}: {errors:?}");
    }
    let twice = csv.replacen("answer/en", "answer/ca", 1);
    assert!(import_answers(&site, 3, &twice).is_err());
}

#[test]
fn all_sends_decidim_s_own_answers_back_too() {
    let proposals = imported();
    let plan = plan_with(&proposals);
    let csv = ok(&export(&plan, &["--component", "3", "--all"]));
    let saved = import_answers(&Site::holding(';', &proposals), 3, &csv).expect("accepted");
    assert_eq!(saved.keys().copied().collect::<Vec<_>>(), [12, 13, 14]);
    assert_eq!(saved[&13].answer["ca"], "<p>Acceptada a Decidim.</p>");
}

#[test]
fn the_messages_say_what_was_written_and_what_was_left_out() {
    let plan = plan_with(&imported());
    let output = export(&plan, &["--component", "3"]);
    assert_eq!(code(&output), 0, "{}", show(&output));
    let said = stderr(&output);
    for line in [
        "2 answers of component 3 (id;state;answer/ca;answer/en), separated by `;`",
        "left out: 1 response unchanged since the import: Decidim's own answers (`--all` sends them too)",
        "left out: 2 contributions with no Decidim id",
        "left out: 1 proposal of component 5 (`--component 5` writes its file)",
        "left out: 1 amendment: Decidim refuses a file that answers one",
        "left out: 1 proposal hidden by Decidim's moderators",
        "left out: 1 withdrawn proposal",
    ] {
        assert!(said.contains(line), "`{line}` missing:\n{said}");
    }
    // The hand-entered `participa-20210603-3` is not sent as proposal 3.
    assert!(
        !stdout(&output).lines().any(|l| l.starts_with("3;")),
        "{}",
        show(&output)
    );

    // To a file: the file holds the CSV, stdout says where.
    let output = export(&plan, &["--component", "5", "-o", "out/answers-5.csv"]);
    assert_eq!(code(&output), 0, "{}", show(&output));
    assert!(
        stdout(&output).contains("wrote out/answers-5.csv"),
        "{}",
        show(&output)
    );
    assert_eq!(
        std::fs::read_to_string(plan.dir.path().join("out/answers-5.csv")).expect("the file"),
        "id;state;answer/ca\n30;rejected;<p>D'un altre pla.</p>\n"
    );
}

#[test]
fn the_component_is_asked_for_only_when_there_are_several() {
    let proposals = imported();
    let plan = plan_with(&proposals);
    let output = export(&plan, &[]);
    assert_eq!(code(&output), 2, "{}", show(&output));
    assert!(stdout(&output).is_empty(), "{}", show(&output));
    let said = stderr(&output);
    assert!(
        said.contains("component 3 (6 proposals) and component 5 (1 proposal)"),
        "{said}"
    );
    assert!(said.contains("--component ID"), "{said}");

    let output = export(&plan, &["--component", "9"]);
    assert_eq!(code(&output), 2, "{}", show(&output));
    let said = stderr(&output);
    assert!(
        said.contains("no imported proposal of the plan is in component 9"),
        "{said}"
    );
    assert!(said.contains("component 3 (6 proposals)"), "{said}");

    // Nothing new to send: a file with its header only, and a word saying so.
    let output = export(&plan, &["--component", "5", "--separator", ","]);
    assert_eq!(
        stdout(&output),
        "id,state,answer/ca\n30,rejected,<p>D'un altre pla.</p>\n"
    );
    plan.replace(
        "contributions/eixos.toml",
        "reason = \"D'un altre pla.\"\ndate = 2021-10-27\n",
        &format!(
            "reason = \"D'un altre pla.\"\ndate = 2021-10-27\nfrom-source = \"{}\"\n",
            answer_fingerprint("out-of-scope", "D'un altre pla.", "2021-10-27")
        ),
    );
    let output = export(&plan, &["--component", "5"]);
    assert_eq!(code(&output), 0, "{}", show(&output));
    assert_eq!(stdout(&output), "id;state;answer/ca\n");
    assert!(
        stderr(&output).contains("no answer to send for component 5"),
        "{}",
        show(&output)
    );

    // One component: it is the one.
    let only_three: Vec<Imported> = proposals.into_iter().filter(|p| p.component == 3).collect();
    let plan = plan_with(&only_three);
    let csv = ok(&export(&plan, &[]));
    assert!(
        csv.starts_with("id;state;answer/ca;answer/en\n12;accepted;"),
        "{csv}"
    );
}

#[test]
fn a_plan_without_imported_proposals_has_no_answers_file() {
    // The fixture's proposals carry references but no `source-id`: none is guessed from them.
    let plan = TempPlan::valid();
    let output = export(&plan, &[]);
    assert_eq!(code(&output), 2, "{}", show(&output));
    assert!(stdout(&output).is_empty(), "{}", show(&output));
    assert!(
        stderr(&output).contains("no proposal in the plan has a Decidim id and component"),
        "{}",
        show(&output)
    );
    assert!(
        stderr(&output).contains("obert contribution import"),
        "{}",
        show(&output)
    );

    let output = export(&plan, &["--separator", "|"]);
    assert_eq!(code(&output), 2, "{}", show(&output));
}
