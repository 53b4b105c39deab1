//! Properties of the edit layer that no single example shows:
//!
//! - any sequence of edits, valid or not, leaves the plan readable: an edit that fails writes
//!   nothing, and one that succeeds changes at most one file, in one place (every entry it
//!   did not touch stays byte-identical, CRLF files stay CRLF), and never breaks what the
//!   edit check guards (parse errors, unknown fields, bad values, duplicate ids, dangling
//!   references); its dry run writes nothing and foretells the outcome;
//! - edits that run at the same time do not lose each other's changes (the plan lock);
//! - an edit that cannot get the lock gives up after `OBERT_LOCK_TIMEOUT` and writes nothing.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::{TempPlan, assert_one_region, obert_command, snapshot};
use obert::edit::fields::Change;
use obert::edit::ops::{
    self, NewCommitment, NewMeeting, NewMilestone, NewPerson, NewResponse, NewSpace,
};
use obert::edit::session::{EditError, Finished, Mode, Session};
use obert::source::DirSource;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// The rules that no edit may ever leave a finding of (the fixture has none).
const NEVER: &[&str] = &[
    "parse-error",
    "unknown-field",
    "invalid-value",
    "duplicate-id",
    "dangling-reference",
];

/// The findings of [`NEVER`]'s rules in the plan at `root`, as `file: message [rule]`.
fn breakage(root: &Path) -> Vec<String> {
    let loaded = obert::load::load(&DirSource::new(root)).expect("the plan folder reads");
    let shown = |d: &obert::diag::Diagnostic| {
        format!(
            "{}: {} [{}]",
            loaded.files.get(d.loc.file).path,
            d.message,
            d.rule
        )
    };
    let mut found: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.rule.name == "parse-error")
        .map(shown)
        .collect();
    found.extend(
        obert::rules::check(&loaded, None)
            .iter()
            .filter(|d| NEVER.contains(&d.rule.name))
            .map(shown),
    );
    found
}

/// One edit, as the library takes it.
#[derive(Debug, Clone)]
enum Edit {
    OrgAdd {
        id: String,
        sector: String,
        level: Option<String>,
    },
    OrgRemove {
        id: String,
    },
    PersonAdd {
        id: String,
        organisation: Option<String>,
        sector: Option<String>,
        email: Option<String>,
    },
    PersonRemove {
        id: String,
    },
    MemberAdd {
        space: String,
        person: String,
        role: Option<String>,
        since: Option<String>,
    },
    MemberRemove {
        space: String,
        person: String,
    },
    MemberLeave {
        space: String,
        person: String,
        until: String,
    },
    MeetingAdd {
        space: String,
        id: String,
        date: String,
        kind: String,
        attendees: Vec<String>,
    },
    CommitmentSet {
        id: String,
        field: String,
        change: Change,
    },
    MilestoneAdd {
        id: String,
        milestone_id: Option<String>,
        title: String,
        due: String,
        stakeholders: Vec<String>,
        completion: Option<String>,
    },
    MilestoneRemove {
        id: String,
        index: usize,
    },
    ContributionRespond {
        id: String,
        status: String,
        reason: Option<String>,
        by: Option<String>,
        date: String,
    },
    PlanSet {
        field: String,
        change: Change,
    },
    CommitmentNew {
        id: String,
        working_group: String,
        lead: Vec<String>,
    },
    SpaceAdd {
        id: String,
        kind: String,
    },
}

impl Edit {
    /// Whether the edit creates a file rather than changing one.
    fn creates_a_file(&self) -> bool {
        matches!(self, Edit::CommitmentNew { .. } | Edit::SpaceAdd { .. })
    }

    /// Runs the edit's operation on an open session.
    fn apply(&self, s: &mut Session) -> Result<ops::Affected, EditError> {
        match self {
            Edit::OrgAdd { id, sector, level } => {
                ops::org_add(s, id, "Una organització", sector, level.as_deref())
            }
            Edit::OrgRemove { id } => ops::org_remove(s, id),
            Edit::PersonAdd {
                id,
                organisation,
                sector,
                email,
            } => ops::person_add(
                s,
                &NewPerson {
                    id,
                    organisation: organisation.as_deref(),
                    sector: sector.as_deref(),
                    email: email.as_deref(),
                    ..NewPerson::default()
                },
            ),
            Edit::PersonRemove { id } => ops::person_remove(s, id),
            Edit::MemberAdd {
                space,
                person,
                role,
                since,
            } => ops::member_add(
                s,
                space,
                &ops::NewMember {
                    person,
                    role: role.as_deref(),
                    since: since.as_deref(),
                    counts: true,
                },
            ),
            Edit::MemberRemove { space, person } => ops::member_remove(s, space, person),
            Edit::MemberLeave {
                space,
                person,
                until,
            } => ops::member_leave(s, space, person, until),
            Edit::MeetingAdd {
                space,
                id,
                date,
                kind,
                attendees,
            } => ops::meeting_add(
                s,
                space,
                &NewMeeting {
                    id,
                    date,
                    kind,
                    attendees,
                    ..NewMeeting::default()
                },
            ),
            Edit::CommitmentSet { id, field, change } => ops::commitment_set(s, id, field, change),
            Edit::MilestoneAdd {
                id,
                milestone_id,
                title,
                due,
                stakeholders,
                completion,
            } => ops::milestone_add(
                s,
                id,
                &NewMilestone {
                    id: milestone_id.as_deref(),
                    title,
                    output: "Un resultat",
                    due,
                    stakeholders,
                    completion: completion.as_deref(),
                },
            ),
            Edit::MilestoneRemove { id, index } => ops::milestone_remove(s, id, *index),
            Edit::ContributionRespond {
                id,
                status,
                reason,
                by,
                date,
            } => ops::contribution_respond(
                s,
                id,
                &NewResponse {
                    status,
                    reason: reason.as_deref(),
                    by: by.as_deref(),
                    date: Some(date),
                    today: None,
                },
            ),
            Edit::PlanSet { field, change } => ops::plan_set(s, field, change),
            Edit::CommitmentNew {
                id,
                working_group,
                lead,
            } => ops::commitment_new(
                s,
                &NewCommitment {
                    id,
                    title: "Un compromís nou",
                    working_group,
                    lead,
                    ..NewCommitment::default()
                },
            ),
            Edit::SpaceAdd { id, kind } => ops::space_add(
                s,
                &NewSpace {
                    id,
                    kind,
                    name: "Un espai nou",
                    ..NewSpace::default()
                },
            ),
        }
    }
}

/// Opens a session on `root`, applies `edit`, and writes (or, for a dry run, does not); the session (and so the lock) is
/// gone when this returns.
fn run_edit(root: &Path, edit: &Edit, mode: Mode) -> Result<Finished, EditError> {
    let mut session = Session::open(root, &mut || {})?;
    edit.apply(&mut session)?;
    session.finish(mode)
}

// The small universe the edits draw from. Each choice is mostly a value that can go through
// and sometimes one that cannot (an id that is taken or missing, a day that does not exist, a
// word that is not in its list), so that a sequence mixes writes, duplicates, dangling
// references and refusals.
const ORGS_NEW: (&[&str], &[&str]) = (&["o1", "o2"], &["entitat", "Not An Id"]);
const ORGS_GONE: (&[&str], &[&str]) =
    (&["o1", "o2"], &["ajuntament", "consell", "entitat", "nope"]);
const ORGS: (&[&str], &[&str]) = (&["ajuntament", "entitat", "o1"], &["nope", "Bad Id"]);
const SECTORS: (&[&str], &[&str]) = (
    &["public-administration", "expert", "citizen"],
    &["civil-society"],
);
const LEVELS: (&[&str], &[&str]) = (&["local"], &["galactic"]);
const PEOPLE_NEW: (&[&str], &[&str]) = (&["p1", "p2"], &["c2", "Bad Id"]);
const PEOPLE_GONE: (&[&str], &[&str]) = (&["p1", "p2"], &["g1", "c2", "e1", "ghost"]);
const PEOPLE: (&[&str], &[&str]) = (
    &["g1", "g2", "c1", "c2", "c3", "e1", "p1", "p2"],
    &["ghost", "Bad Id"],
);
const EMAILS: (&[&str], &[&str]) = (&["p@example.org"], &["not an address"]);
const SPACES: (&[&str], &[&str]) = (&["motor", "forum", "gt-a", "gt-b", "online"], &["nowhere"]);
const ROLES: (&[&str], &[&str]) = (&["coordination", "secretariat"], &[""]);
const DATES: (&[&str], &[&str]) = (
    &["2021-06-15", "2021-05-01", "2021-09-30", "2020-02-29"],
    &["2026-02-30", "2021-13-01", "21-6-15", "yesterday"],
);
const MEETING_IDS: (&[&str], &[&str]) = (&["p2", "m2", "s2"], &["p1", "s1", "Bad Id"]);
const MEETING_KINDS: (&[&str], &[&str]) = (&["plenary", "session", "meeting"], &["party"]);
const COMMITMENTS: (&[&str], &[&str]) = (&["a", "b"], &["zz"]);
/// Each settable field of a commitment, with values that suit it; any field may also get
/// any of [`ANY_VALUE`].
const COMMITMENT_FIELDS: &[(&str, &[&str])] = &[
    ("number", &["3", "4"]),
    ("ogp-id", &["XXTEST0003"]),
    (
        "title",
        &["Nou títol", "A \"quoted\" title\nover two lines"],
    ),
    ("axis", &["dades"]),
    ("working-group", &["gt-a", "gt-b"]),
    ("lead", &["ajuntament", "entitat,ajuntament"]),
    ("supporting", &["entitat", "consell"]),
    ("values", &["participation", "transparency,inclusion"]),
    ("start", &["2021-12-01", "2022-01-01"]),
    ("end", &["2023-05-31", "2022-12-31"]),
    ("status", &["agreed", "approved"]),
    ("completion", &["limited", "complete"]),
    ("colour", &["blue"]),
];
const ANY_VALUE: &[&str] = &[
    "1",
    "0",
    "x",
    "nope",
    "forum",
    "o1",
    "bogus",
    "2026-02-30",
    "",
    "write to g2.private@example.org",
];
const LANGS: (&[&str], &[&str]) = (&["en", "es"], &["Not A Language"]);
// Two ids, so that a sequence of adds soon tries one a milestone of the commitment has.
const MILESTONE_IDS: (&[&str], &[&str]) = (&["diagnosi", "portal"], &["Bad Id"]);
const MILESTONE_TITLES: (&[&str], &[&str]) = (&["Nova fita"], &[""]);
const STAKEHOLDERS: (&[&str], &[&str]) = (&["entitat", "consell"], &["nope"]);
const COMPLETIONS: (&[&str], &[&str]) = (&["complete", "not-started"], &["bogus"]);
const CONTRIBUTIONS: (&[&str], &[&str]) = (
    &[
        "TEST-PROP-2021-05-0001",
        "TEST-COM-2021-05-0002",
        "TEST-PROP-2021-05-0003",
    ],
    &["TEST-PROP-2021-05-9999"],
);
const STATUSES: (&[&str], &[&str]) = (
    &[
        "accepted",
        "partially-accepted",
        "merged",
        "rejected",
        "out-of-scope",
    ],
    &["maybe"],
);
const REASONS: (&[&str], &[&str]) = (&["Ja és al pla."], &["", "Escriu a g2.private@example.org"]);
const RESPONDERS: (&[&str], &[&str]) = (&["motor", "forum"], &["nope"]);
const PLAN_FIELDS: (&[&str], &[&str]) = (
    &[
        "rules.commitments",
        "rules.forum.members",
        "rules.forum.plenaries",
        "rules.forum.sectors",
        "rules.steering-group.government",
        "rules.working-group.min-members",
        "rules.working-group.sessions",
        "rules.commitment.sections",
    ],
    &["rules.nope", "rules"],
);
const PLAN_VALUES: (&[&str], &[&str]) = (
    &["0", "1", "2", "7", "expert", "problem,causes"],
    &["-1", "x", "4294967296"],
);
const NEW_COMMITMENTS: (&[&str], &[&str]) = (&["c", "d"], &["a", "Bad Id"]);
const WORKING_GROUPS: (&[&str], &[&str]) = (&["gt-a", "gt-b"], &["nope"]);
const LEADS: (&[&str], &[&str]) = (&["ajuntament", "entitat"], &["nope"]);
const NEW_SPACES: (&[&str], &[&str]) = (&["gt-c", "gt-d"], &["forum", "Bad Id"]);
const SPACE_KINDS: (&[&str], &[&str]) = (&["working-group", "forum"], &["bogus"]);

type Pool = (&'static [&'static str], &'static [&'static str]);

fn select(items: &'static [&'static str]) -> impl Strategy<Value = String> + Clone {
    proptest::sample::select(items).prop_map(str::to_string)
}

/// Mostly a good value of `pool`, sometimes a bad one.
fn pick(pool: Pool) -> impl Strategy<Value = String> + Clone {
    prop_oneof![4 => select(pool.0), 1 => select(pool.1)]
}

fn maybe(pool: Pool) -> impl Strategy<Value = Option<String>> + Clone {
    proptest::option::of(pick(pool))
}

/// [`maybe`], but mostly some.
fn often(pool: Pool) -> impl Strategy<Value = Option<String>> + Clone {
    proptest::option::weighted(0.8, pick(pool))
}

fn some_of(pool: Pool) -> impl Strategy<Value = Vec<String>> + Clone {
    proptest::collection::vec(pick(pool), 0..3)
}

/// A field of a commitment and a change to it: a value that suits the field (sometimes in
/// another language, sometimes any value at all), none, or list items.
fn commitment_change() -> impl Strategy<Value = (String, Change)> {
    (0..COMMITMENT_FIELDS.len()).prop_flat_map(|index| {
        let (field, good) = COMMITMENT_FIELDS[index];
        let value = pick((good, ANY_VALUE));
        let change = prop_oneof![
            4 => value.clone().prop_map(|value| Change::Set { value, lang: None }),
            1 => (value.clone(), pick(LANGS)).prop_map(|(value, lang)| Change::Set {
                value,
                lang: Some(lang),
            }),
            1 => Just(Change::Unset),
            1 => value.clone().prop_map(|value| Change::List {
                add: vec![value],
                remove: Vec::new(),
            }),
            1 => value.clone().prop_map(|value| Change::List {
                add: Vec::new(),
                remove: vec![value],
            }),
            1 => (value.clone(), value).prop_map(|(add, remove)| Change::List {
                add: vec![add],
                remove: vec![remove],
            }),
        ];
        (Just(field.to_string()), change)
    })
}

fn edit() -> impl Strategy<Value = Edit> {
    // Adding is likelier than the rest, so that removals find what a sequence added.
    prop_oneof![
        2 => (pick(ORGS_NEW), pick(SECTORS), maybe(LEVELS))
            .prop_map(|(id, sector, level)| Edit::OrgAdd { id, sector, level }),
        2 => pick(ORGS_GONE).prop_map(|id| Edit::OrgRemove { id }),
        3 => (pick(PEOPLE_NEW), maybe(ORGS), often(SECTORS), maybe(EMAILS)).prop_map(
            |(id, organisation, sector, email)| Edit::PersonAdd {
                id,
                organisation,
                sector,
                email,
            }
        ),
        2 => pick(PEOPLE_GONE).prop_map(|id| Edit::PersonRemove { id }),
        1 => (pick(SPACES), pick(PEOPLE), maybe(ROLES), maybe(DATES)).prop_map(
            |(space, person, role, since)| Edit::MemberAdd {
                space,
                person,
                role,
                since,
            }
        ),
        1 => (pick(SPACES), pick(PEOPLE))
            .prop_map(|(space, person)| Edit::MemberRemove { space, person }),
        1 => (pick(SPACES), pick(PEOPLE), pick(DATES)).prop_map(|(space, person, until)| {
            Edit::MemberLeave {
                space,
                person,
                until,
            }
        }),
        1 => (
            pick(SPACES),
            pick(MEETING_IDS),
            pick(DATES),
            pick(MEETING_KINDS),
            some_of(PEOPLE)
        )
            .prop_map(|(space, id, date, kind, attendees)| Edit::MeetingAdd {
                space,
                id,
                date,
                kind,
                attendees,
            }),
        1 => (pick(COMMITMENTS), commitment_change())
            .prop_map(|(id, (field, change))| Edit::CommitmentSet { id, field, change }),
        1 => (
            pick(COMMITMENTS),
            maybe(MILESTONE_IDS),
            pick(MILESTONE_TITLES),
            pick(DATES),
            some_of(STAKEHOLDERS),
            maybe(COMPLETIONS)
        )
            .prop_map(|(id, milestone_id, title, due, stakeholders, completion)| {
                Edit::MilestoneAdd {
                    id,
                    milestone_id,
                    title,
                    due,
                    stakeholders,
                    completion,
                }
            }),
        1 => (pick(COMMITMENTS), 0usize..4).prop_map(|(id, index)| Edit::MilestoneRemove { id, index }),
        1 => (
            pick(CONTRIBUTIONS),
            pick(STATUSES),
            maybe(REASONS),
            maybe(RESPONDERS),
            pick(DATES)
        )
            .prop_map(|(id, status, reason, by, date)| {
                Edit::ContributionRespond {
                    id,
                    status,
                    reason,
                    by,
                    date,
                }
            }),
        1 => (
            pick(PLAN_FIELDS),
            prop_oneof![
                4 => pick(PLAN_VALUES).prop_map(|value| Change::Set { value, lang: None }),
                1 => Just(Change::Unset),
            ]
        )
            .prop_map(|(field, change)| Edit::PlanSet { field, change }),
        1 => (pick(NEW_COMMITMENTS), pick(WORKING_GROUPS), some_of(LEADS)).prop_map(
            |(id, working_group, lead)| Edit::CommitmentNew {
                id,
                working_group,
                lead,
            }
        ),
        1 => (pick(NEW_SPACES), pick(SPACE_KINDS)).prop_map(|(id, kind)| Edit::SpaceAdd { id, kind }),
    ]
}

/// How the edits of a run ended, so that the property is known to test something.
#[derive(Debug, Default)]
struct Tally {
    refused: Cell<usize>,
    unchanged: Cell<usize>,
    written: Cell<usize>,
}

/// Whether every line of `bytes` ends in `\r\n`.
fn all_crlf(bytes: &[u8]) -> bool {
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    let crlf = bytes.windows(2).filter(|pair| pair == b"\r\n").count();
    newlines > 0 && newlines == crlf
}

/// A fresh copy of the valid fixture; with `crlf`, every file ends its lines in `\r\n`, as a
/// plan checked out on Windows may.
fn starting_plan(crlf: bool) -> TempPlan {
    let plan = TempPlan::valid();
    if crlf {
        for (path, bytes) in snapshot(&plan.root()) {
            let text = String::from_utf8(bytes).expect("fixture files are UTF-8");
            plan.write(&path, text.replace('\n', "\r\n"));
        }
    }
    plan
}

/// Every file of `after` is byte-identical to `before`, and there is no other file.
fn assert_untouched(
    what: &str,
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) {
    for (path, bytes) in before {
        assert!(after.get(path) == Some(bytes), "{what} changed {path}");
    }
    let created: Vec<&String> = after
        .keys()
        .filter(|path| !before.contains_key(*path))
        .collect();
    assert!(created.is_empty(), "{what} created {created:?}");
}

/// Applies `edits` in turn to a fresh copy of the valid fixture (in CRLF with `crlf`) and
/// checks each one: first as a dry run, which must write nothing and agree with the real run,
/// then for real.
fn check_sequence(crlf: bool, edits: &[Edit], tally: &Tally) {
    let plan = starting_plan(crlf);
    let root = plan.root();
    for (step, edit) in edits.iter().enumerate() {
        let what = format!(
            "edit {} of {} ({edit:?}){}",
            step + 1,
            edits.len(),
            if crlf { " on the CRLF plan" } else { "" }
        );
        let before = snapshot(&root);

        let dry = run_edit(&root, edit, Mode::DryRun);
        assert_untouched(&format!("the dry run of {what}"), &before, &snapshot(&root));

        let result = run_edit(&root, edit, Mode::Write);
        let after = snapshot(&root);
        match (&dry, &result) {
            (Ok(dry), Ok(wet)) => assert_eq!(
                dry.changed, wet.changed,
                "{what}: the dry run and the edit disagree on what changes"
            ),
            (Err(dry), Err(wet)) => assert_eq!(
                dry.to_string(),
                wet.to_string(),
                "{what}: the dry run and the edit fail differently"
            ),
            (dry, wet) => panic!(
                "{what}: the dry run gave {:?} but the edit gave {:?}",
                dry.as_ref()
                    .map(|f| &f.changed)
                    .map_err(ToString::to_string),
                wet.as_ref()
                    .map(|f| &f.changed)
                    .map_err(ToString::to_string)
            ),
        }

        match result {
            Err(error) => {
                assert!(
                    matches!(error, EditError::Refused(_) | EditError::WouldBreak { .. }),
                    "{what} failed other than by refusing: {error}"
                );
                assert_untouched(&format!("{what}, refused ({error}),"), &before, &after);
                tally.refused.set(tally.refused.get() + 1);
            }
            Ok(finished) => {
                let problems = breakage(&root);
                assert!(
                    problems.is_empty(),
                    "{what} left the plan with problems the edit check must refuse:\n{}",
                    problems.join("\n")
                );
                let deleted: Vec<&String> = before
                    .keys()
                    .filter(|path| !after.contains_key(*path))
                    .collect();
                assert!(deleted.is_empty(), "{what} deleted {deleted:?}");
                let created: Vec<&String> = after
                    .keys()
                    .filter(|path| !before.contains_key(*path))
                    .collect();
                let modified: Vec<&String> = before
                    .keys()
                    .filter(|path| {
                        after
                            .get(*path)
                            .is_some_and(|bytes| bytes != &before[*path])
                    })
                    .collect();
                if edit.creates_a_file() {
                    assert!(
                        created.len() <= 1 && modified.is_empty(),
                        "{what} should create one file and change none, but created {created:?} and changed {modified:?}"
                    );
                } else {
                    assert!(
                        created.is_empty() && modified.len() <= 1,
                        "{what} should change at most one file, but created {created:?} and changed {modified:?}"
                    );
                }
                assert_eq!(
                    finished.changed.len(),
                    created.len() + modified.len(),
                    "{what} reported {:?} as written, but created {created:?} and changed {modified:?}",
                    finished.changed
                );
                for path in modified {
                    assert_one_region(&what, path, &before[path], &after[path]);
                    assert!(
                        !all_crlf(&before[path]) || all_crlf(&after[path]),
                        "{what} wrote lines ending in a bare LF into {path}, whose lines all ended in CRLF:\n{}",
                        String::from_utf8_lossy(&after[path])
                    );
                }
                if finished.changed.is_empty() {
                    tally.unchanged.set(tally.unchanged.get() + 1);
                } else {
                    tally.written.set(tally.written.get() + 1);
                }
            }
        }
    }
}

#[test]
fn the_fixture_starts_without_the_findings_that_edits_must_not_add() {
    for crlf in [false, true] {
        let plan = starting_plan(crlf);
        let problems = breakage(&plan.root());
        assert!(
            problems.is_empty(),
            "tests/fixtures/valid (crlf: {crlf}) has findings the property relies on it not having:\n{}",
            problems.join("\n")
        );
    }
}

#[test]
fn the_one_region_check_tells_one_entry_from_two() {
    let before = b"kind = \"forum\"\n\n[[member]]\nperson = \"a\"\n\n[[member]]\nperson = \"b\"\n";
    // Adding, removing or changing one entry is one region.
    let added = b"kind = \"forum\"\n\n[[member]]\nperson = \"a\"\n\n[[member]]\nperson = \"c\"\n\n[[member]]\nperson = \"b\"\n";
    let removed = b"kind = \"forum\"\n\n[[member]]\nperson = \"b\"\n";
    let changed = b"kind = \"forum\"\n\n[[member]]\nperson = \"a\"\nrole = \"x\"\n\n[[member]]\nperson = \"b\"\n";
    for after in [&added[..], &removed[..], &changed[..]] {
        assert_one_region("one", "f.toml", before, after);
    }
    // Changing two entries is not, even adjacent ones.
    let two = b"kind = \"forum\"\n\n[[member]]\nperson = \"x\"\n\n[[member]]\nperson = \"y\"\n";
    let caught = std::panic::catch_unwind(|| assert_one_region("two", "f.toml", before, two));
    assert!(caught.is_err(), "a change of two entries passed as one");
}

#[test]
fn any_sequence_of_edits_keeps_the_plan_readable_and_changes_one_place() {
    // PROPTEST_CASES=5000 runs a longer search.
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() {
        Config::default().cases
    } else {
        48
    };
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let tally = Tally::default();
    let sequences = (
        proptest::bool::weighted(0.25),
        proptest::collection::vec(edit(), 1..8),
    );
    let outcome = runner.run(&sequences, |(crlf, edits)| {
        check_sequence(crlf, &edits, &tally);
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
    // The universe is meant to mix refusals with edits that go through; if either stops
    // happening, the property no longer tests what it says.
    assert!(
        tally.written.get() >= 20 && tally.refused.get() >= 20,
        "too few edits of one kind to mean much: {tally:?}"
    );
}

/// `obert` with `args`, run in `cwd`, not waited for.
fn spawn_obert(cwd: &Path, args: &[&str]) -> std::process::Child {
    obert_command(cwd)
        .args(args)
        .env_remove("OBERT_LOCK_TIMEOUT")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("obert starts")
}

/// The people that `member` entries of a space file name.
fn members_of(text: &str, file: &str) -> Vec<String> {
    let table: toml::Table = text
        .parse()
        .unwrap_or_else(|error| panic!("{file} is not TOML any more: {error}\n{text}"));
    table
        .get("member")
        .and_then(toml::Value::as_array)
        .map(|entries| {
            entries
                .iter()
                .filter_map(|entry| entry.get("person").and_then(toml::Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn edits_at_the_same_time_lose_nothing() {
    for round in 1..=3 {
        let plan = TempPlan::valid();
        let mut people = plan.read("people.toml");
        for n in 1..=8 {
            people.push_str(&format!(
                "\n[[person]]\nid = \"p{n}\"\nsector = \"expert\"\n"
            ));
        }
        plan.write("people.toml", people);
        let root = plan.root();
        let root_arg = root.to_str().expect("a UTF-8 temporary path");
        let children: Vec<(String, std::process::Child)> = (1..=8)
            .map(|n| {
                let person = format!("p{n}");
                let child = spawn_obert(
                    plan.dir.path(),
                    &["--plan", root_arg, "member", "add", "forum", &person],
                );
                (person, child)
            })
            .collect();
        for (person, child) in children {
            let output: Output = child.wait_with_output().expect("obert finishes");
            assert!(
                output.status.success(),
                "round {round}: `obert member add forum {person}` exited with {}:\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let forum = plan.read("spaces/forum.toml");
        let members = members_of(&forum, "spaces/forum.toml");
        for n in 1..=8 {
            let person = format!("p{n}");
            let count = members.iter().filter(|m| **m == person).count();
            assert_eq!(
                count, 1,
                "round {round}: spaces/forum.toml has {count} entries for {person} after eight concurrent `member add`s:\n{forum}"
            );
        }
        assert_eq!(
            members.len(),
            5 + 8,
            "round {round}: spaces/forum.toml:\n{forum}"
        );
        let problems = breakage(&root);
        assert!(
            problems.is_empty(),
            "round {round}: the plan has problems after concurrent edits:\n{}",
            problems.join("\n")
        );
    }
}

#[test]
fn an_edit_that_cannot_get_the_lock_gives_up_and_writes_nothing() {
    let plan = TempPlan::valid();
    let root = plan.root();
    let before = snapshot(&root);
    let held = std::fs::File::open(&root).expect("the plan folder opens");
    held.lock().expect("the test takes the plan lock");

    let started = Instant::now();
    let output = obert_command(plan.dir.path())
        .args(["--plan", "plan", "member", "add", "forum", "c2"])
        .env("OBERT_LOCK_TIMEOUT", "0.3")
        .output()
        .expect("obert runs");
    let waited = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "`obert member add forum c2` while the plan is locked:\n{stderr}"
    );
    assert!(
        stderr.contains("another obert command"),
        "the lock timeout does not say why:\n{stderr}"
    );
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(10),
        "OBERT_LOCK_TIMEOUT=0.3 made obert wait {waited:?}"
    );
    assert_untouched("the locked-out edit", &before, &snapshot(&root));

    held.unlock().expect("the test releases the plan lock");
    drop(held);
    let output = plan.obert(&["member", "add", "forum", "c2"]);
    assert!(
        output.status.success(),
        "`obert member add forum c2` after the lock was released:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        members_of(&plan.read("spaces/forum.toml"), "spaces/forum.toml")
            .iter()
            .any(|m| m == "c2"),
        "c2 is not a member of the forum after the edit succeeded"
    );
}
