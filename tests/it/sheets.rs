//! Entries from spreadsheets and from anywhere: `obert org import`, `obert person import`
//! and `obert member import` add or update one entry per CSV row, all or nothing;
//! `member add` takes several people; `contribution import --map` reads any platform's CSV
//! and `contribution add` enters one made on paper.

use crate::support::TempPlan;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file of the plan, to tell that a refused import wrote nothing.
fn snapshot(plan: &TempPlan) -> Vec<(String, String)> {
    ["organisations.toml", "people.toml", "spaces/motor.toml"]
        .iter()
        .map(|file| (file.to_string(), plan.read(file)))
        .collect()
}

#[test]
fn people_come_from_a_spreadsheet_with_its_own_headers() {
    let plan = TempPlan::valid();
    // As a spreadsheet saves it in Catalan: `;`, a byte order mark, CRLF, its own headers.
    plan.write(
        "../people.csv",
        "\u{feff}Codi;Nom;Organització;Correu;Públic\r\nn1;Núria Nova;ajuntament;n1@example.org;true\r\nn2;;entitat;;\r\ng1;Gemma Pública;;;\r\n",
    );
    let args = [
        "person",
        "import",
        "people.csv",
        "--map",
        "id=Codi",
        "--map",
        "name=Nom",
        "--map",
        "organisation=Organització",
        "--map",
        "email=Correu",
        "--map",
        "public=Públic",
    ];
    let before = plan.read("people.toml");
    let dry = plan.obert(&[&args[..], &["--dry-run"]].concat());
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert_eq!(plan.read("people.toml"), before, "a dry run writes nothing");
    assert!(stdout(&dry).contains("+id = \"n1\""), "{}", stdout(&dry));
    assert!(
        stderr(&dry).contains(
            "people.csv: 2 would be added, 0 would be updated, 1 already as the sheet says"
        ),
        "{}",
        stderr(&dry)
    );

    let output = plan.obert(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("people.csv: 2 added, 0 updated, 1 already as the sheet says"),
        "{}",
        stderr(&output)
    );
    let people = plan.read("people.toml");
    assert!(
        people.ends_with("[[person]]\nid = \"n1\"\norganisation = \"ajuntament\"\nname = \"Núria Nova\"\npublic = true\nemail = \"n1@example.org\"\n\n[[person]]\nid = \"n2\"\norganisation = \"entitat\"\n"),
        "{people}"
    );
    assert!(
        people.starts_with(&before[..before.len() - 1]),
        "what was there stays"
    );
    for output in [&dry, &output] {
        let all = format!("{}{}", stdout(output), stderr(output));
        assert!(
            !all.contains("n1@example.org"),
            "an e-mail in the output: {all}"
        );
    }

    // The same sheet again changes nothing.
    let again = plan.obert(&args);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("0 added, 0 updated, 3 already as the sheet says")
            && stderr(&again).contains("nothing to change"),
        "{}",
        stderr(&again)
    );
    assert_eq!(plan.read("people.toml"), people);
    let check = plan.obert(&["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn a_row_updates_the_entry_with_its_id_and_empty_cells_leave_fields_alone() {
    let plan = TempPlan::valid();
    plan.write(
        "../orgs.csv",
        "id,name,sector,level\nconsell,Consell Comarcal,,regional\nuniversitat,Universitat de Prova,academia,\n",
    );
    let output = plan.obert(&["org", "import", "orgs.csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("orgs.csv: 1 added, 1 updated, 0 already as the sheet says"),
        "{}",
        stderr(&output)
    );
    let orgs = plan.read("organisations.toml");
    assert!(
        orgs.contains("id = \"consell\"\nname = \"Consell Comarcal\"\nsector = \"public-administration\"\nlevel = \"regional\""),
        "{orgs}"
    );
    assert!(
        orgs.ends_with("[[organisation]]\nid = \"universitat\"\nname = \"Universitat de Prova\"\nsector = \"academia\"\n"),
        "{orgs}"
    );
}

#[test]
fn a_bad_row_is_refused_at_its_line_and_column_and_nothing_is_written() {
    let plan = TempPlan::valid();
    let before = snapshot(&plan);
    for (sheet, args, expected) in [
        (
            "id,sector\nx1,citizen\nx2,alien\n",
            &["person", "import", "bad.csv"][..],
            "bad.csv:3:2: `alien` is not a value of `sector`",
        ),
        (
            "id,organisation\nx1,ningu\n",
            &["person", "import", "bad.csv"],
            "bad.csv:2:2: `organisation` names organisation `ningu`, which the plan does not have",
        ),
        (
            "id,name\nx1,A\nx1,B\n",
            &["person", "import", "bad.csv"],
            "bad.csv:3:1: person `x1` is on line 2 already",
        ),
        (
            "id,organisaton\nx1,ajuntament\n",
            &["person", "import", "bad.csv"],
            "bad.csv:1:2: column `organisaton` is not a key",
        ),
        (
            "id,name\nx1\n",
            &["person", "import", "bad.csv"],
            "bad.csv:2: this row has 1 cells and the header 2",
        ),
        (
            "person,since\nc3,2021-02-30\n",
            &["member", "import", "motor", "bad.csv"],
            "bad.csv:2:2: `2021-02-30` is not a date for `since`",
        ),
        (
            "person\nnobody\n",
            &["member", "import", "motor", "bad.csv"],
            "bad.csv:2:1: `person` names person `nobody`, which the plan does not have",
        ),
    ] {
        plan.write("../bad.csv", sheet);
        let output = plan.obert(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{sheet}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains(expected),
            "{sheet}: expected `{expected}` in:\n{}",
            stderr(&output)
        );
        assert_eq!(snapshot(&plan), before, "{sheet}: a refused import wrote");
    }
}

#[test]
fn members_come_from_a_sheet_and_member_add_takes_several_people() {
    let plan = TempPlan::valid();
    plan.write(
        "../motor.csv",
        "person,role,since,counts\ne1,observer,2021-06-01,false\nc1,coordination,,\n",
    );
    let output = plan.obert(&["member", "import", "motor", "motor.csv"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let motor = plan.read("spaces/motor.toml");
    assert!(
        motor.contains("[[member]]\nperson = \"c1\"\nrole = \"coordination\"\n"),
        "{motor}"
    );
    assert!(
        motor.contains("[[member]]\nperson = \"c2\"\n\n[[member]]\nperson = \"e1\"\nrole = \"observer\"\nsince = 2021-06-01\ncounts = false\n\n[[meeting]]"),
        "the new member goes after the others, before the meetings:\n{motor}"
    );

    let output = plan.obert(&["person", "add", "n1", "--sector", "citizen"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = plan.obert(&[
        "member",
        "add",
        "forum",
        "c2",
        "n1",
        "--since",
        "2021-07-01",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let forum = plan.read("spaces/forum.toml");
    for person in ["c2", "n1"] {
        assert!(
            forum.contains(&format!("person = \"{person}\"\nsince = 2021-07-01\n")),
            "{person}: {forum}"
        );
    }
    let refused = plan.obert(&["member", "add", "gt-a", "c2", "nobody"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert_eq!(plan.read("spaces/forum.toml"), forum);
    assert!(
        !plan.read("spaces/gt-a.toml").contains("person = \"c2\""),
        "all or nothing: c2 was not added without `nobody`"
    );
}

/// `--add` and `--remove` in one `set` swap an item; on a list the plan has not written,
/// they start from the default in force and say so, instead of replacing it.
#[test]
fn add_and_remove_together_and_lists_that_start_from_their_default() {
    let plan = TempPlan::valid();
    let output = plan.obert(&[
        "commitment",
        "set",
        "a",
        "values",
        "--remove",
        "technology",
        "--add",
        "participation",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        plan.read("commitments/a.md")
            .contains("values = [\"transparency\", \"participation\"]\n"),
        "{}",
        plan.read("commitments/a.md")
    );

    assert!(!plan.read("plan.toml").contains("sectors ="));
    let output = plan.obert(&[
        "plan",
        "set",
        "rules.working-group.sectors",
        "--add",
        "academia",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            "`sectors` was not written, so the change starts from its default: `public-administration`, `open-government-entity`, `generalist-entity`, `expert`"
        ),
        "{}",
        stderr(&output)
    );
    assert!(
        plan.read("plan.toml").contains(
            "sectors = [\"public-administration\", \"open-government-entity\", \"generalist-entity\", \"expert\", \"academia\"]"
        ),
        "{}",
        plan.read("plan.toml")
    );
    let check = plan.obert(&["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

/// A CSV from another platform (Consul, a form tool) imports with `--map`; its columns need
/// not be Decidim's.
#[test]
fn contributions_from_any_platform_with_a_map() {
    let plan = TempPlan::valid();
    plan.write(
        "../consul.csv",
        "Proposal ID,Headline,Description,Created\nc-101,Més bancs a les places,Calen més bancs.,2021-05-20\n",
    );
    let mapped = [
        "contribution",
        "import",
        "consul.csv",
        "--map",
        "id=Proposal ID",
        "--map",
        "title=Headline",
        "--map",
        "body=Description",
        "--map",
        "date=Created",
    ];
    let output = plan.obert(&mapped);
    assert!(output.status.success(), "{}", stderr(&output));
    let eixos = plan.read("contributions/eixos.toml");
    assert!(
        eixos.contains("[[contribution]]\nid = \"c-101\"\nkind = \"proposal\"\ndate = 2021-05-20\ntitle = \"Més bancs a les places\"\nbody = \"Calen més bancs.\"\n"),
        "{eixos}"
    );
    let again = plan.obert(&mapped);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        plan.read("contributions/eixos.toml"),
        eixos,
        "a second import changes nothing"
    );

    for (map, expected) in [
        ("id=Nope", "--map id=Nope: there is no column `Nope`"),
        (
            "colour=Headline",
            "`colour` is not a key obert maps; the keys are id, title, body",
        ),
    ] {
        let output = plan.obert(&["contribution", "import", "consul.csv", "--map", map]);
        assert_eq!(output.status.code(), Some(2), "{map}");
        assert!(
            stderr(&output).contains(expected),
            "{map}: {}",
            stderr(&output)
        );
    }
}

/// A proposal made at a workshop gets a stable id: entering it again is refused.
#[test]
fn a_contribution_made_on_paper_is_entered_once() {
    let plan = TempPlan::valid();
    let args = [
        "contribution",
        "add",
        "--space",
        "forum",
        "--date",
        "2021-06-03",
        "--title",
        "Un banc nou",
        "--body",
        "A la plaça",
        "--author",
        "veí-1",
    ];
    let output = plan.obert(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stderr(&output);
    let id = said
        .lines()
        .find_map(|line| line.strip_prefix("the contribution's id is "))
        .expect("the id is said")
        .to_string();
    assert!(
        id.starts_with("forum-20210603-") && id.len() == "forum-20210603-".len() + 8,
        "{id}"
    );
    assert_eq!(
        plan.read("contributions/entered.toml"),
        format!(
            "# Contributions entered by hand with `obert contribution add`: proposals and\n# comments made at a meeting, by e-mail or on paper.\n\nspace = \"forum\"\n\n[[contribution]]\nid = \"{id}\"\nkind = \"proposal\"\ndate = 2021-06-03\ntitle = \"Un banc nou\"\nbody = \"A la plaça\"\nauthor = \"veí-1\"\n"
        )
    );
    let twice = plan.obert(&args);
    assert_eq!(twice.status.code(), Some(2));
    assert!(
        stderr(&twice).contains(&format!(
            "this contribution is in the plan already, as `{id}`"
        )),
        "{}",
        stderr(&twice)
    );
    let no_title = plan.obert(&[
        "contribution",
        "add",
        "--space",
        "forum",
        "--date",
        "2021-06-03",
    ]);
    assert_eq!(no_title.status.code(), Some(2));
    assert!(
        stderr(&no_title).contains("a proposal needs its --title"),
        "{}",
        stderr(&no_title)
    );
    let check = plan.obert(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    let errors: Vec<_> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}
