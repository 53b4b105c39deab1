//! The plan format is said once, in src/format: every key it declares is read by the
//! loader, compared by `obert diff`, and either changed by `obert … set` or declared with the
//! command that sets it or the reason nothing does.
//!
//! The test walks the declarations over the fixture plan: for every key of every table, it
//! changes that key alone (by the `set` command when the key is settable, by editing the
//! TOML otherwise) and checks that the loader reads the change and that `diff` reports it.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{FIXTURES, TempPlan, obert_in};
use obert::format::{self, Key, Set, Shown, Table, Ty};
use obert::model::EntryKind;
use toml_edit::{DocumentMut, Item, Value};

/// A fixture file, how the TOML sits in it, and the `set` command of each table in it.
struct File {
    path: &'static str,
    root: &'static Table,
    front_matter: bool,
}

const FILES: &[File] = &[
    File {
        path: "plan.toml",
        root: &format::PLAN,
        front_matter: false,
    },
    File {
        path: "organisations.toml",
        root: &format::ORGANISATIONS,
        front_matter: false,
    },
    File {
        path: "people.toml",
        root: &format::PEOPLE,
        front_matter: false,
    },
    File {
        path: "spaces/forum.toml",
        root: &format::SPACE,
        front_matter: false,
    },
    File {
        path: "spaces/online.toml",
        root: &format::SPACE,
        front_matter: false,
    },
    File {
        path: "spaces/motor.toml",
        root: &format::SPACE,
        front_matter: false,
    },
    File {
        path: "spaces/gt-a.toml",
        root: &format::SPACE,
        front_matter: false,
    },
    File {
        path: "commitments/a.md",
        root: &format::COMMITMENT,
        front_matter: true,
    },
    File {
        path: "contributions/eixos.toml",
        root: &format::CONTRIBUTIONS,
        front_matter: false,
    },
    File {
        path: "progress/a.toml",
        root: &format::PROGRESS,
        front_matter: false,
    },
    File {
        path: "assessments/a.toml",
        root: &format::ASSESSMENTS,
        front_matter: false,
    },
];

/// One step from a file's root to a table: a sub-table, or the first entry of an array.
#[derive(Debug, Clone)]
enum Step {
    Table(&'static str),
    First(&'static str),
}

/// A key of a table somewhere in a fixture file.
#[derive(Debug, Clone)]
struct Place {
    file: &'static str,
    front_matter: bool,
    steps: Vec<Step>,
    table: &'static Table,
    key: &'static Key,
}

impl Place {
    fn dotted(&self) -> String {
        let mut parts: Vec<&str> = self
            .steps
            .iter()
            .map(|step| match step {
                Step::Table(name) | Step::First(name) => *name,
            })
            .collect();
        parts.push(self.key.name);
        parts.join(".")
    }
}

/// Every key the declarations reach in the fixture files: sub-tables are entered whether
/// the file has them or not (a key can be added), arrays of tables only where the file has
/// an entry.
fn places() -> Vec<Place> {
    fn walk(
        file: &'static File,
        table: &'static Table,
        doc: Option<&toml_edit::Table>,
        steps: Vec<Step>,
        out: &mut Vec<Place>,
    ) {
        for key in table.keys {
            match key.ty {
                Ty::Table(inner) => {
                    let child = doc.and_then(|d| d.get(key.name)).and_then(Item::as_table);
                    let mut deeper = steps.clone();
                    deeper.push(Step::Table(key.name));
                    walk(file, inner, child, deeper, out);
                }
                Ty::Tables(inner) => {
                    let first = doc
                        .and_then(|d| d.get(key.name))
                        .and_then(Item::as_array_of_tables)
                        .and_then(|entries| entries.get(0));
                    if let Some(first) = first {
                        let mut deeper = steps.clone();
                        deeper.push(Step::First(key.name));
                        walk(file, inner, Some(first), deeper, out);
                    }
                }
                Ty::Lints => {}
                _ => out.push(Place {
                    file: file.path,
                    front_matter: file.front_matter,
                    steps: steps.clone(),
                    table,
                    key,
                }),
            }
        }
    }
    let plan = fixture();
    let mut out = Vec::new();
    for file in FILES {
        let doc = parse(&plan.read(file.path), file.front_matter).0;
        walk(file, file.root, Some(doc.as_table()), Vec::new(), &mut out);
    }
    // A space's own numbers are for the kinds it plays: each is tried in a space of that
    // kind (a forum's `[rules.forum]`), never where the loader refuses it.
    out.retain(|place| match place.steps.as_slice() {
        [Step::Table("rules"), Step::Table(kind), ..] if place.file.starts_with("spaces/") => {
            let text = plan.read(place.file);
            text.contains(&format!("kind = \"{kind}\""))
        }
        _ => true,
    });
    out
}

/// The TOML of a file, and for a commitment the Markdown after its front matter.
fn parse(text: &str, front_matter: bool) -> (DocumentMut, String) {
    if !front_matter {
        return (text.parse().expect("fixture TOML"), String::new());
    }
    let rest = text.strip_prefix("+++\n").expect("front matter");
    let (toml, body) = rest.split_once("\n+++\n").expect("closing fence");
    (
        format!("{toml}\n").parse().expect("front matter TOML"),
        body.to_string(),
    )
}

fn unparse(doc: &DocumentMut, body: &str, front_matter: bool) -> String {
    if front_matter {
        format!("+++\n{doc}+++\n{body}")
    } else {
        doc.to_string()
    }
}

/// The table at `steps`, made if it is missing.
fn table_at<'d>(doc: &'d mut DocumentMut, steps: &[Step]) -> &'d mut toml_edit::Table {
    let mut table = doc.as_table_mut();
    for step in steps {
        table = match step {
            Step::Table(name) => table
                .entry(name)
                .or_insert_with(toml_edit::table)
                .as_table_mut()
                .expect("a table"),
            Step::First(name) => table
                .get_mut(name)
                .and_then(Item::as_array_of_tables_mut)
                .and_then(|entries| entries.get_mut(0))
                .expect("an entry"),
        };
    }
    table
}

/// Ids that exist in the fixture (see [`fixture`]), so that a reference can change to
/// another that exists, as an edit wants; then one that does not, which only the keys no
/// command sets take.
fn existing(kind: EntryKind) -> Vec<String> {
    let ids: &[&str] = match kind {
        EntryKind::Organisation => &["entitat", "consell"],
        EntryKind::Person => &["c1", "e1"],
        EntryKind::Space => &["gt-b", "forum"],
        EntryKind::Axis => &["dades", "oberta"],
        EntryKind::Phase => &["eixos"],
        _ => &["b", "a"],
    };
    ids.iter()
        .copied()
        .chain(["changed"])
        .map(String::from)
        .collect()
}

/// The valid fixture plan with a second axis, so that a commitment's axis can change.
fn fixture() -> TempPlan {
    let plan = TempPlan::valid();
    let text = plan.read("plan.toml");
    plan.write(
        "plan.toml",
        text.replace(
            "\n[rules]\n",
            "\n[[axis]]\nid = \"oberta\"\ntitle = \"Govern obert\"\n\n[rules]\n",
        ),
    );
    plan
}

/// A value of the key's type that differs from `current` (or, without one, from the key's
/// default), as it is typed on the command line.
fn new_value(key: &Key, current: Option<&Value>) -> String {
    let current_text = current.map(|v| match v {
        Value::String(s) => s.value().clone(),
        // A list as the command line writes it: `a,b`.
        Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().map_or_else(|| item.to_string(), String::from))
            .collect::<Vec<_>>()
            .join(","),
        other => other.to_string().trim().to_string(),
    });
    // The value as it counts: the file's, or else the default.
    let effective = current_text.clone().or_else(|| {
        key.default.map(|default| {
            let toml = default.toml();
            toml.trim_matches(['[', ']'])
                .split(", ")
                .map(|item| item.trim_matches('"'))
                .collect::<Vec<_>>()
                .join(",")
        })
    });
    let differs = |candidate: &str| effective.as_deref() != Some(candidate);
    let pick = |candidates: Vec<String>| -> String {
        candidates
            .into_iter()
            .find(|c| differs(c))
            .unwrap_or_else(|| panic!("no new value for `{}`", key.name))
    };
    match key.ty {
        // A zone the built-in database knows: the loader refuses any other.
        Ty::Str if key.name == "timezone" => {
            pick(vec!["Europe/Madrid".into(), "Europe/London".into()])
        }
        Ty::Str => pick(vec!["Nou valor".into(), "Altre valor".into()]),
        Ty::Text => pick(vec!["Canviat".into(), "Canviat de nou".into()]),
        Ty::Url | Ty::PathOrUrl => pick(vec![
            "https://example.org/changed".into(),
            "https://example.org/other".into(),
        ]),
        // A path that exists: the edit refuses one that does not.
        Ty::Path => pick(vec!["minutes/forum-p1.md".into(), "vision.md".into()]),
        // A contribution that exists: an edit refuses to answer one that does not.
        Ty::Reference if key.name == "in-reply-to" => pick(vec![
            "TEST-PROP-2021-05-0003".into(),
            "TEST-COM-2021-05-0002".into(),
        ]),
        Ty::Reference => pick(vec!["CHANGED-1".into(), "CHANGED-2".into()]),
        Ty::Id => pick(vec!["changed".into(), "changed-again".into()]),
        Ty::Ref(kinds) => pick(existing(kinds[0])),
        Ty::Refs(kind) => pick(existing(kind)),
        // Chapters that exist: an id of the plan's own needs its file.
        Ty::Slugs if key.name == "chapters" => {
            pick(vec!["vision,process".into(), "process,vision".into()])
        }
        Ty::Slugs => pick(vec!["problem".into(), "notes".into()]),
        Ty::Strings => pick(vec!["en".into(), "es".into()]),
        // Earlier, so that what starts does not start after it ends, which an edit refuses.
        Ty::Date if key.name == "start" => pick(vec!["2021-01-04".into(), "2021-01-05".into()]),
        Ty::Date => pick(vec!["2022-02-02".into(), "2022-02-03".into()]),
        Ty::Bool => pick(vec!["true".into(), "false".into()]),
        Ty::Count { min } => {
            let now: u32 = current_text
                .as_deref()
                .and_then(|n| n.parse().ok())
                .or_else(|| key.default.and_then(|d| d.toml().parse().ok()))
                .unwrap_or(min);
            // Down where the format allows it: up could break `min-members <= max-members`.
            if now > min {
                (now - 1).to_string()
            } else {
                (now + 10).to_string()
            }
        }
        Ty::Word(words) | Ty::Words(words) => pick(words().into_iter().map(String::from).collect()),
        // An exception: the rule is any that the fixture does not break.
        Ty::Allow => "milestone-output".to_string(),
        Ty::Table(_) | Ty::Tables(_) | Ty::Lints => unreachable!("not a value"),
    }
}

/// `new` as the TOML value the key holds.
fn toml_value(key: &Key, new: &str) -> Value {
    match key.ty {
        Ty::Allow => {
            let mut allow = toml_edit::InlineTable::new();
            allow.insert(
                new,
                Value::from("A reason, written where the exception applies."),
            );
            Value::InlineTable(allow)
        }
        Ty::Refs(_) | Ty::Slugs | Ty::Strings | Ty::Words(_) => {
            let mut array = toml_edit::Array::new();
            array.push(new);
            Value::Array(array)
        }
        Ty::Date | Ty::Bool | Ty::Count { .. } => new.parse().expect("a TOML value"),
        _ => Value::from(new),
    }
}

/// The `obert … set` command line that changes `place`, if its table has one.
fn set_command(place: &Place, value: &str) -> Option<Vec<String>> {
    let field = place.key.name.to_string();
    let mut args: Vec<String> = match (place.file, place.table.name) {
        ("plan.toml", "[[axis]]") => vec!["axis".into(), "set".into(), "dades".into(), field],
        ("plan.toml", _) => vec!["plan".into(), "set".into(), place.dotted()],
        (_, "[[organisation]]") => vec!["org".into(), "set".into(), "ajuntament".into(), field],
        (_, "[[person]]") => vec!["person".into(), "set".into(), "g1".into(), field],
        (file, "[[meeting]]" | "[[member]]" | "[[phase]]") => {
            let id = file.trim_start_matches("spaces/").trim_end_matches(".toml");
            let (command, array, key) = match place.table.name {
                "[[meeting]]" => ("meeting", "meeting", "id"),
                "[[member]]" => ("member", "member", "person"),
                _ => ("phase", "phase", "id"),
            };
            let first = first_entry(file, array, key);
            vec![command.into(), "set".into(), id.into(), first, field]
        }
        (file, "[[contribution]]") => {
            let first = first_entry(file, "contribution", "id");
            vec!["contribution".into(), "set".into(), first, field]
        }
        (file, "spaces/<id>.toml") => {
            let id = file.trim_start_matches("spaces/").trim_end_matches(".toml");
            vec!["space".into(), "set".into(), id.into(), field]
        }
        (file, _) if file.starts_with("spaces/") && place.dotted().starts_with("rules.") => {
            let id = file.trim_start_matches("spaces/").trim_end_matches(".toml");
            vec!["space".into(), "set".into(), id.into(), place.dotted()]
        }
        (_, "[[milestone]]") => {
            vec![
                "milestone".into(),
                "set".into(),
                "a".into(),
                "1".into(),
                field,
            ]
        }
        (_, "commitments/<id>.md front matter") => {
            vec!["commitment".into(), "set".into(), "a".into(), field]
        }
        _ => return None,
    };
    args.push(value.to_string());
    Some(args)
}

/// What names the first entry of `array` in a fixture file: its `key` (`id`, `person`).
fn first_entry(file: &str, array: &str, key: &str) -> String {
    let text = fixture().read(file);
    let (doc, _) = parse(&text, false);
    doc.get(array)
        .and_then(Item::as_array_of_tables)
        .and_then(|entries| entries.get(0))
        .and_then(|entry| entry.get(key))
        .and_then(Item::as_str)
        .unwrap_or_else(|| panic!("a `[[{array}]]` with a `{key}` in {file}"))
        .to_string()
}

fn changes(before: &Path, after: &Path) -> obert::history::diff::PlanDiff {
    let load = |root: &Path| {
        obert::load::load(&obert::source::DirSource::new(root)).expect("the plan loads")
    };
    obert::history::diff::diff(&load(before), &load(after), None)
}

#[test]
fn every_key_is_read_compared_and_settable_or_said_why_not() {
    let places = places();
    let mut covered: BTreeSet<(&str, &str)> = BTreeSet::new();
    for place in &places {
        let (plan, original) = (fixture(), fixture());
        let (mut doc, body) = parse(&plan.read(place.file), place.front_matter);
        let current = table_at(&mut doc, &place.steps)
            .get(place.key.name)
            .and_then(Item::as_value)
            .cloned();
        let value = new_value(place.key, current.as_ref());
        let by_command = match place.key.set {
            Set::Yes => {
                let args = set_command(place, &value).unwrap_or_else(|| {
                    panic!(
                        "`{}` in {} is declared settable, but no `set` command reaches {}",
                        place.key.name, place.file, place.table.name
                    )
                });
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let output = plan.obert(&args);
                assert!(
                    output.status.success(),
                    "`obert {}` failed: {}",
                    args.join(" "),
                    String::from_utf8_lossy(&output.stderr)
                );
                true
            }
            Set::Via(command) => {
                assert!(command.starts_with("obert "), "{command}");
                false
            }
            Set::No(reason) => {
                assert!(
                    !reason.trim().is_empty(),
                    "`{}` says no reason",
                    place.key.name
                );
                false
            }
        };
        if !by_command {
            table_at(&mut doc, &place.steps)
                .insert(place.key.name, Item::Value(toml_value(place.key, &value)));
            plan.write(place.file, unparse(&doc, &body, place.front_matter));
        }
        let load =
            obert::load::load(&obert::source::DirSource::new(plan.root())).expect("the plan loads");
        let unknown: Vec<&str> = load
            .diagnostics
            .iter()
            .filter(|d| d.rule.name == "unknown-field")
            .map(|d| d.message.as_str())
            .collect();
        assert!(unknown.is_empty(), "{}: {unknown:?}", place.dotted());
        let diff = changes(&original.root(), &plan.root());
        let seen = diff.changes.by_kind().any(|(_, c)| !c.is_empty());
        assert!(
            seen,
            "`obert diff` does not see `{}` in {} change to `{value}`",
            place.dotted(),
            place.file
        );
        if place.key.shown == Shown::Private {
            // Declared private: diff says that it changed, never what to.
            let said = format!("{diff:?}");
            assert!(!said.contains(&value), "{}: {said}", place.dotted());
        }
        if place.file == "plan.toml" {
            // Every setting of plan.toml is named by its dotted path (or its own name).
            let fields: Vec<&str> = diff
                .changes
                .plan
                .iter()
                .flat_map(|c| &c.fields)
                .map(|f| f.field.as_str())
                .collect();
            let named = place.dotted() == "partner.organisation"
                || place.steps.iter().any(|s| matches!(s, Step::First(_)))
                || fields
                    .iter()
                    .any(|f| *f == place.dotted() || f.starts_with(place.key.diff_name()));
            assert!(named, "{} is not named in {fields:?}", place.dotted());
        }
        covered.insert((place.table.name, place.key.name));
    }
    // Every key of every table is reached by some fixture file.
    for table in format::tables() {
        for key in table.keys {
            if matches!(key.ty, Ty::Table(_) | Ty::Tables(_) | Ty::Lints) {
                continue;
            }
            assert!(
                covered.contains(&(table.name, key.name)),
                "no fixture file holds `{}` of {}: add it to tests/format.rs's files",
                key.name,
                table.name
            );
        }
    }
}

/// A command a declaration names as the way to set a key exists, with the option it names.
#[test]
fn the_commands_declarations_name_exist() {
    for table in format::tables() {
        for key in table.keys {
            let Set::Via(commands) = key.set else {
                continue;
            };
            // A note in parentheses after the command says how it is used.
            let first = commands.split(" / ").next().expect("a command");
            let first = first.split(" (").next().expect("a command");
            let mut words: Vec<&str> = first.split(' ').skip(1).collect();
            let option = words.last().filter(|w| w.starts_with("--")).copied();
            if option.is_some() {
                words.pop();
            }
            words.push("--help");
            let output = obert_in(Path::new(FIXTURES), &words);
            let help = String::from_utf8_lossy(&output.stdout);
            assert!(output.status.success(), "`{first}` is not a command");
            if let Some(option) = option {
                assert!(help.contains(option), "`{first}` has no `{option}`");
            }
        }
    }
}
