//! The edit commands' acceptance test: a facilitator builds the whole shipped plan from
//! `obert init --blank` with commands alone, and after every command the plan's files differ
//! from before in one place only, the lines that command was about. The people of the plan
//! also come from spreadsheets, one per file, in a handful of commands.
//!
//! What a person writes in an editor rather than with commands is copied in: the prose
//! (vision.md, each commitment's body below its front matter, minutes/, README.md) and the
//! contributions, which come from the online space's export (`contribution import` is a
//! separate command). Their responses are then recorded with `contribution respond`, and
//! the implementation history with `progress add`, `assessment add` and `publication add`
//! (its evidence files, prose, are copied in).

use std::path::{Path, PathBuf};

use crate::support::{SHIPPED_PLAN, assert_one_region, obert_in, snapshot};
use toml::{Table, Value};

/// A plan's files by path, as [`snapshot`] reads them.
type Files = std::collections::BTreeMap<String, Vec<u8>>;

struct Builder {
    repo: tempfile::TempDir,
    commands: usize,
}

impl Builder {
    fn plan(&self) -> PathBuf {
        self.repo.path().join("plan")
    }

    /// Runs one command, which must succeed; the plan's files before and after, and the
    /// paths that changed.
    fn execute(&mut self, args: &[String]) -> (Files, Files, Vec<String>) {
        let before = snapshot(&self.plan());
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = obert_in(self.repo.path(), &refs);
        assert!(
            output.status.success(),
            "`obert {}` failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        let after = snapshot(&self.plan());
        let changed = after
            .keys()
            .filter(|path| before.get(*path) != after.get(*path))
            .cloned()
            .collect();
        self.commands += 1;
        (before, after, changed)
    }

    /// Runs one command, which must succeed and change at most one file, in one place.
    fn run(&mut self, args: Vec<String>) {
        let (before, after, changed) = self.execute(&args);
        assert!(
            changed.len() <= 1,
            "`obert {}` changed several files: {changed:?}",
            args.join(" ")
        );
        for path in &changed {
            if let Some(old) = before.get(path) {
                assert_one_region(
                    &format!("`obert {}`", args.join(" ")),
                    path,
                    old,
                    &after[path],
                );
            }
        }
    }

    /// Runs an import, which adds many entries to one file: it must succeed, change one file
    /// only, and keep every byte that was there (the new entries are inserted, together).
    fn import(&mut self, args: Vec<String>) {
        let (before, after, changed) = self.execute(&args);
        assert_eq!(
            changed.len(),
            1,
            "`obert {}` changed {changed:?}",
            args.join(" ")
        );
        let (old, new) = (&before[&changed[0]], &after[&changed[0]]);
        let kept = old
            .iter()
            .zip(new.iter())
            .take_while(|(a, b)| a == b)
            .count();
        assert!(
            new.ends_with(&old[kept..]) && new.len() >= old.len(),
            "`obert {}` changed what was in {} rather than inserting",
            args.join(" "),
            changed[0]
        );
    }

    fn copy(&self, relative: &str) {
        let from = Path::new(SHIPPED_PLAN).join(relative);
        let to = self.plan().join(relative);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("folder");
        std::fs::copy(from, to).expect("copy");
    }
}

fn args(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

fn read_toml(relative: &str) -> Table {
    let text = std::fs::read_to_string(Path::new(SHIPPED_PLAN).join(relative)).expect("read");
    text.parse().expect("shipped TOML parses")
}

fn front_matter(text: &str) -> (Table, &str) {
    let rest = text.strip_prefix("+++\n").expect("front matter");
    let end = rest.find("\n+++\n").expect("closing fence");
    let toml = rest[..end + 1].parse().expect("front matter parses");
    (toml, &rest[end + 5..])
}

fn string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Datetime(d) => d.to_string(),
        Value::Integer(n) => n.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Array(items) => items.iter().map(string).collect::<Vec<_>>().join(","),
        other => panic!("no command-line form for {other:?}"),
    }
}

/// Translatable text as (primary text, other languages).
fn text(value: &Value, primary: &str) -> (String, Vec<(String, String)>) {
    match value {
        Value::Table(languages) => {
            let main = string(&languages[primary]);
            let others = languages
                .iter()
                .filter(|(lang, _)| lang.as_str() != primary)
                .map(|(lang, text)| (lang.clone(), string(text)))
                .collect();
            (main, others)
        }
        other => (string(other), Vec::new()),
    }
}

/// `--flag value` for each key of `table` that `flags` names and the table has.
fn flags(table: &Table, names: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for (key, flag) in names {
        if let Some(value) = table.get(*key) {
            match value {
                Value::Array(items) => {
                    for item in items {
                        out.push(flag.to_string());
                        out.push(string(item));
                    }
                }
                other => {
                    out.push(flag.to_string());
                    out.push(string(other));
                }
            }
        }
    }
    out
}

fn entries<'t>(table: &'t Table, key: &str) -> Vec<&'t Table> {
    table
        .get(key)
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_table).collect())
        .unwrap_or_default()
}

#[test]
fn the_shipped_plan_can_be_built_from_a_blank_one_with_commands() {
    let repo = tempfile::tempdir().expect("temporary folder");
    let init = obert_in(repo.path(), &["init", ".", "--blank"]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let mut b = Builder { repo, commands: 0 };

    let plan = read_toml("plan.toml");
    let languages = string(&plan["languages"]);
    let primary = languages.split(',').next().expect("a language").to_string();
    b.run(args(&["plan", "set", "languages", &languages]));

    for org in entries(&read_toml("organisations.toml"), "organisation") {
        let mut command = args(&["org", "add", org["id"].as_str().expect("id")]);
        command.extend(flags(
            org,
            &[
                ("name", "--name"),
                ("sector", "--sector"),
                ("level", "--level"),
            ],
        ));
        b.run(command);
    }
    for person in entries(&read_toml("people.toml"), "person") {
        let mut command = args(&["person", "add", person["id"].as_str().expect("id")]);
        command.extend(flags(
            person,
            &[
                ("organisation", "--organisation"),
                ("sector", "--sector"),
                ("name", "--name"),
                ("public", "--public"),
                ("email", "--email"),
                ("phone", "--phone"),
                ("gender", "--gender"),
            ],
        ));
        b.run(command);
    }

    // plan.toml, in the order a facilitator would fill it.
    for key in ["title", "member", "kind", "stage", "website", "vision"] {
        if let Some(value) = plan.get(key) {
            let (main, others) = text(value, &primary);
            b.run(args(&["plan", "set", key, &main]));
            for (lang, translated) in others {
                b.run(args(&["plan", "set", key, &translated, "--lang", &lang]));
            }
        }
    }
    for period in ["cocreation", "implementation"] {
        if let Some(Value::Table(dates)) = plan.get(period) {
            let range = format!("{}..{}", string(&dates["start"]), string(&dates["end"]));
            b.run(args(&["plan", "set", period, &range]));
        }
    }
    for partner in entries(&plan, "partner") {
        b.run(args(&["partner", "add", &string(&partner["organisation"])]));
    }
    for axis in entries(&plan, "axis") {
        let id = string(&axis["id"]);
        let (title, others) = text(&axis["title"], &primary);
        b.run(args(&["axis", "add", &id, "--title", &title]));
        for (lang, translated) in others {
            b.run(args(&[
                "axis",
                "set",
                &id,
                "title",
                &translated,
                "--lang",
                &lang,
            ]));
        }
    }
    if let Some(Value::Table(rules)) = plan.get("rules") {
        fn walk(b: &mut Builder, prefix: &str, table: &Table) {
            for (key, value) in table {
                let name = format!("{prefix}.{key}");
                match value {
                    Value::Table(inner) => walk(b, &name, inner),
                    other => b.run(args(&["plan", "set", &name, &string(other)])),
                }
            }
        }
        walk(&mut b, "rules", rules);
    }
    if let Some(Value::Table(lints)) = plan.get("lints") {
        for (rule, level) in lints {
            b.run(args(&[
                "plan",
                "set",
                &format!("lints.{rule}"),
                &string(level),
            ]));
        }
    }

    // Minutes are documents people write; meetings point at them.
    for name in std::fs::read_dir(Path::new(SHIPPED_PLAN).join("minutes")).expect("minutes") {
        let name = name.expect("entry").file_name();
        b.copy(&format!("minutes/{}", name.to_string_lossy()));
    }
    let mut space_names: Vec<String> = std::fs::read_dir(Path::new(SHIPPED_PLAN).join("spaces"))
        .expect("spaces")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    space_names.sort();
    for name in &space_names {
        let id = name.trim_end_matches(".toml");
        let space = read_toml(&format!("spaces/{name}"));
        let (space_name, name_translations) = text(&space["name"], &primary);
        let mut command = args(&["space", "add", id, "--name", &space_name]);
        command.extend(flags(
            &space,
            &[
                ("kind", "--kind"),
                ("url", "--url"),
                ("rules-url", "--rules-url"),
            ],
        ));
        let purpose = space.get("purpose").map(|p| text(p, &primary));
        if let Some((main, _)) = &purpose {
            command.extend(args(&["--purpose", main]));
        }
        b.run(command);
        for (lang, translated) in name_translations {
            b.run(args(&[
                "space",
                "set",
                id,
                "name",
                &translated,
                "--lang",
                &lang,
            ]));
        }
        for (lang, translated) in purpose.map(|(_, others)| others).unwrap_or_default() {
            b.run(args(&[
                "space",
                "set",
                id,
                "purpose",
                &translated,
                "--lang",
                &lang,
            ]));
        }
        for member in entries(&space, "member") {
            let person = string(&member["person"]);
            let mut command = args(&["member", "add", id, &person]);
            command.extend(flags(member, &[("role", "--role"), ("since", "--since")]));
            b.run(command);
            if let Some(until) = member.get("until") {
                b.run(args(&[
                    "member",
                    "leave",
                    id,
                    &person,
                    "--until",
                    &string(until),
                ]));
            }
        }
        for meeting in entries(&space, "meeting") {
            let mut command = args(&["meeting", "add", id, &string(&meeting["id"])]);
            command.extend(flags(
                meeting,
                &[
                    ("date", "--date"),
                    ("kind", "--kind"),
                    ("title", "--title"),
                    ("attendees", "--attendee"),
                    ("minutes", "--minutes"),
                    ("materials-published", "--materials-published"),
                ],
            ));
            b.run(command);
        }
        for phase in entries(&space, "phase") {
            let mut command = args(&["phase", "add", id, &string(&phase["id"])]);
            command.extend(flags(
                phase,
                &[("title", "--title"), ("start", "--start"), ("end", "--end")],
            ));
            b.run(command);
        }
    }

    let mut commitment_names: Vec<String> =
        std::fs::read_dir(Path::new(SHIPPED_PLAN).join("commitments"))
            .expect("commitments")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
    commitment_names.sort();
    for name in &commitment_names {
        let id = name.trim_end_matches(".md");
        let shipped =
            std::fs::read_to_string(Path::new(SHIPPED_PLAN).join("commitments").join(name))
                .expect("commitment");
        let (front, body) = front_matter(&shipped);
        let (title, title_translations) = text(&front["title"], &primary);
        let mut command = args(&["commitment", "new", id, "--title", &title]);
        command.extend(flags(
            &front,
            &[
                ("working-group", "--working-group"),
                ("lead", "--lead"),
                ("axis", "--axis"),
                ("number", "--number"),
            ],
        ));
        b.run(command);
        for (lang, translated) in title_translations {
            b.run(args(&[
                "commitment",
                "set",
                id,
                "title",
                &translated,
                "--lang",
                &lang,
            ]));
        }
        for key in [
            "ogp-id",
            "supporting",
            "values",
            "start",
            "end",
            "status",
            "completion",
        ] {
            if let Some(value) = front.get(key) {
                b.run(args(&["commitment", "set", id, key, &string(value)]));
            }
        }
        for milestone in entries(&front, "milestone") {
            let mut command = args(&["milestone", "add", id]);
            command.extend(flags(
                milestone,
                &[
                    ("id", "--id"),
                    ("title", "--title"),
                    ("output", "--output"),
                    ("due", "--due"),
                    ("stakeholders", "--stakeholder"),
                    ("completion", "--completion"),
                ],
            ));
            b.run(command);
        }
        // The authors write the body in their editor, below the front matter.
        let path = b.plan().join("commitments").join(name);
        let written = std::fs::read_to_string(&path).expect("new commitment");
        let closing = written.find("\n+++\n").expect("closing fence") + 5;
        std::fs::write(&path, format!("{}{body}", &written[..closing])).expect("write body");
    }

    // Contributions arrive from the online space's export, without responses; the
    // responses are then recorded one by one.
    let mut responses = Vec::new();
    for name in std::fs::read_dir(Path::new(SHIPPED_PLAN).join("contributions")).expect("dir") {
        let name = name
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let shipped = read_toml(&format!("contributions/{name}"));
        for entry in entries(&shipped, "contribution") {
            if let Some(Value::Table(response)) = entry.get("response") {
                responses.push((string(&entry["id"]), response.clone()));
            }
        }
        let path = Path::new(SHIPPED_PLAN).join("contributions").join(&name);
        let mut imported: toml_edit::DocumentMut = std::fs::read_to_string(path)
            .expect("read")
            .parse()
            .expect("parses");
        if let Some(items) = imported
            .get_mut("contribution")
            .and_then(toml_edit::Item::as_array_of_tables_mut)
        {
            for item in items.iter_mut() {
                item.remove("response");
            }
        }
        let text = imported.to_string();
        std::fs::write(b.plan().join("contributions").join(&name), text).expect("write");
    }
    for (id, response) in responses {
        let mut command = args(&["contribution", "respond", &id]);
        command.extend(flags(
            &response,
            &[
                ("status", "--status"),
                ("reason", "--reason"),
                ("by", "--by"),
                ("date", "--date"),
            ],
        ));
        b.run(command);
    }

    // The implementation history: the evidence is written in an editor, the reports,
    // assessments and publications are recorded one by one, as they happened.
    for folder in ["evidence", "progress", "assessments"] {
        let Ok(dir) = std::fs::read_dir(Path::new(SHIPPED_PLAN).join(folder)) else {
            continue;
        };
        let mut names: Vec<String> = dir
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        for name in names {
            let relative = format!("{folder}/{name}");
            if folder == "evidence" {
                b.copy(&relative);
                continue;
            }
            let commitment = name.strip_suffix(".toml").expect("a TOML file");
            let (array, options): (&str, &[(&str, &str)]) = if folder == "progress" {
                (
                    "report",
                    &[
                        ("status", "--status"),
                        ("date", "--date"),
                        ("percent", "--percent"),
                        ("note", "--note"),
                        ("evidence", "--evidence"),
                        ("by", "--by"),
                        ("discussed-at", "--discussed-at"),
                    ],
                )
            } else {
                (
                    "assessment",
                    &[
                        ("by", "--by"),
                        ("kind", "--kind"),
                        ("date", "--date"),
                        ("url", "--url"),
                        ("verifiable", "--verifiable"),
                        ("open-government-lens", "--open-government-lens"),
                        ("potential", "--potential"),
                        ("completion", "--completion"),
                        ("early-results", "--early-results"),
                        ("note", "--note"),
                    ],
                )
            };
            let command_name = if folder == "progress" {
                "progress"
            } else {
                "assessment"
            };
            for entry in entries(&read_toml(&relative), array) {
                let mut command = args(&[command_name, "add", commitment]);
                if let Some(milestone) = entry.get("milestone") {
                    command.push(string(milestone));
                }
                command.extend(flags(entry, options));
                b.run(command);
            }
        }
    }
    for publication in entries(&plan, "publication") {
        let mut command = args(&["publication", "add"]);
        command.extend(flags(publication, &[("date", "--date"), ("url", "--url")]));
        b.run(command);
    }

    // The document's chapters: the plan's own files first, for the list to name them, then
    // the list; the blank skeleton's own chapters go when the shipped plan has none of them.
    let mut chapters: Vec<String> = std::fs::read_dir(Path::new(SHIPPED_PLAN).join("chapters"))
        .map(|dir| {
            dir.map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
        })
        .unwrap_or_default();
    chapters.sort();
    for name in &chapters {
        b.copy(&format!("chapters/{name}"));
    }
    if let Some(Value::Table(document)) = plan.get("document") {
        for (key, value) in document {
            b.run(args(&[
                "plan",
                "set",
                &format!("document.{key}"),
                &string(value),
            ]));
        }
    }
    for blank in ["foreword.md", "next-steps.md"] {
        if !chapters.iter().any(|name| name == blank) {
            std::fs::remove_file(b.plan().join("chapters").join(blank)).expect("a blank chapter");
        }
    }
    b.copy("vision.md");
    b.copy("README.md");

    // The plan built with commands holds exactly the shipped plan's data.
    let built = snapshot(&b.plan());
    let shipped = snapshot(Path::new(SHIPPED_PLAN));
    let mut shipped_paths: Vec<&String> = shipped.keys().collect();
    let mut built_paths: Vec<&String> = built.keys().filter(|p| !p.ends_with(".gitkeep")).collect();
    shipped_paths.sort();
    built_paths.sort();
    assert_eq!(built_paths, shipped_paths);
    for (path, bytes) in &shipped {
        let shipped_text = String::from_utf8_lossy(bytes);
        let built_text = String::from_utf8_lossy(&built[path]);
        if path.ends_with(".toml") {
            let want: Table = shipped_text.parse().expect("shipped parses");
            let got: Table = built_text.parse().expect("built parses");
            assert_eq!(got, want, "{path} differs");
        } else if path.starts_with("commitments/") {
            let (want, want_body) = front_matter(&shipped_text);
            let (got, got_body) = front_matter(&built_text);
            assert_eq!(got, want, "{path}'s front matter differs");
            assert_eq!(got_body, want_body, "{path}'s body differs");
        } else {
            assert_eq!(built_text, shipped_text, "{path} differs");
        }
    }
    assert!(b.commands > 300, "only {} commands", b.commands);

    // Commands put every new entry and key where the format lists it, so the built plan is
    // already in its canonical layout.
    let fmt = obert_in(b.repo.path(), &["fmt", "--check"]);
    let what_fmt_would_do = obert_in(b.repo.path(), &["fmt", "--dry-run"]);
    assert!(
        fmt.status.success(),
        "{}{}",
        String::from_utf8_lossy(&fmt.stderr),
        String::from_utf8_lossy(&what_fmt_would_do.stdout)
    );

    let check = obert_in(b.repo.path(), &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

/// The rows of `entries` as a CSV sheet whose header is the keys they use, in the order they
/// first appear; with `;` as the separator, as a spreadsheet in a Catalan locale saves it.
fn sheet(entries: &[&Table]) -> String {
    let mut keys: Vec<&str> = Vec::new();
    for entry in entries {
        for key in entry.keys() {
            if !keys.contains(&key.as_str()) {
                keys.push(key);
            }
        }
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    writer.write_record(&keys).expect("a header");
    for entry in entries {
        let row: Vec<String> = keys
            .iter()
            .map(|key| entry.get(*key).map(string).unwrap_or_default())
            .collect();
        writer.write_record(&row).expect("a row");
    }
    String::from_utf8(writer.into_inner().expect("written")).expect("UTF-8")
}

/// The spreadsheet path: the shipped plan's organisations, people and every space's members
/// come from one sheet each, with `org import`, `person import` and `member import`, and
/// the files they make hold the same entries as the shipped ones.
#[test]
fn the_shipped_people_come_from_spreadsheets() {
    let repo = tempfile::tempdir().expect("temporary folder");
    let init = obert_in(repo.path(), &["init", ".", "--blank"]);
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let mut b = Builder { repo, commands: 0 };
    let languages = read_toml("plan.toml")["languages"].clone();
    b.run(args(&["plan", "set", "languages", &string(&languages)]));
    let primary = string(&languages.as_array().expect("a list")[0]);

    let write = |name: &str, text: String| {
        std::fs::write(b.repo.path().join(name), text).expect("a sheet");
    };
    let organisations = read_toml("organisations.toml");
    write(
        "organisations.csv",
        sheet(&entries(&organisations, "organisation")),
    );
    let people = read_toml("people.toml");
    write("people.csv", sheet(&entries(&people, "person")));
    let mut spaces: Vec<(String, Table)> =
        std::fs::read_dir(Path::new(SHIPPED_PLAN).join("spaces"))
            .expect("the shipped spaces")
            .map(|entry| {
                let path = entry.expect("an entry").path();
                let id = path
                    .file_stem()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned();
                (id.clone(), read_toml(&format!("spaces/{id}.toml")))
            })
            .collect();
    spaces.sort_by(|a, b| a.0.cmp(&b.0));
    for (id, space) in &spaces {
        write(&format!("{id}.csv"), sheet(&entries(space, "member")));
    }

    b.import(args(&["org", "import", "organisations.csv"]));
    b.import(args(&["person", "import", "people.csv"]));
    for (id, space) in &spaces {
        let kind = string(&space["kind"]);
        let (name, _) = text(&space["name"], &primary);
        b.run(args(&[
            "space", "add", id, "--kind", &kind, "--name", &name,
        ]));
        if !entries(space, "member").is_empty() {
            b.import(args(&["member", "import", id, &format!("{id}.csv")]));
        }
    }
    assert!(b.commands < 3 + 2 * spaces.len(), "{} commands", b.commands);

    let built = |relative: &str| -> Table {
        let text = std::fs::read_to_string(b.plan().join(relative)).expect("built");
        text.parse().expect("built TOML parses")
    };
    assert_eq!(
        built("organisations.toml")["organisation"],
        organisations["organisation"]
    );
    assert_eq!(built("people.toml")["person"], people["person"]);
    for (id, space) in &spaces {
        let path = format!("spaces/{id}.toml");
        assert_eq!(
            built(&path).get("member"),
            space.get("member"),
            "{id}'s members"
        );
    }
    let fmt = obert_in(b.repo.path(), &["fmt", "--check"]);
    assert!(
        fmt.status.success(),
        "{}",
        String::from_utf8_lossy(&fmt.stderr)
    );
}
