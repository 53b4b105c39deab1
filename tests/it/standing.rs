//! `check`, `status`, `diff` and `log` judge a space the same way at every revision, each by
//! the numbers the plan has at that revision: a history where the steering group loses a
//! member, the plan then asks for fewer, and a member comes back.

use crate::support::git::TempRepo;
use crate::support::{TempPlan, stdout};

/// The revisions, each with the numbers the plan asks of the steering group there and the
/// state `status` must show for it.
struct Revision {
    message: &'static str,
    /// `[rules.steering-group]` as (government, civil society).
    wanted: (u64, u64),
    /// Current members as (government, civil society).
    have: (u64, u64),
    state: &'static str,
}

const HISTORY: [Revision; 4] = [
    Revision {
        message: "The steering group as planned",
        wanted: (2, 2),
        have: (2, 2),
        state: "ok",
    },
    Revision {
        message: "c2 leaves the steering group",
        wanted: (2, 2),
        have: (2, 1),
        state: "short",
    },
    Revision {
        message: "The steering group is 2 + 1",
        wanted: (2, 1),
        have: (2, 1),
        state: "ok",
    },
    Revision {
        message: "c2 comes back",
        wanted: (2, 1),
        have: (2, 2),
        state: "over",
    },
];

fn history() -> TempRepo {
    let mut repo = TempRepo::init(TempPlan::valid());
    repo.commit(HISTORY[0].message);
    repo.plan.replace(
        "spaces/motor.toml",
        "[[member]]\nperson = \"c2\"\n",
        "[[member]]\nperson = \"c2\"\nuntil = 2021-09-01\n",
    );
    repo.commit(HISTORY[1].message);
    repo.plan
        .replace("plan.toml", "civil-society = 2", "civil-society = 1");
    repo.commit(HISTORY[2].message);
    repo.plan.replace(
        "spaces/motor.toml",
        "until = 2021-09-01\n",
        "until = 2021-09-01\n\n[[member]]\nperson = \"c2\"\nsince = 2022-01-10\n",
    );
    repo.commit(HISTORY[3].message);
    repo
}

/// `HEAD~n` of the revision at `index` (0 is the first commit).
fn rev(index: usize) -> String {
    format!("HEAD~{}", HISTORY.len() - 1 - index)
}

#[test]
fn check_status_diff_and_log_agree_on_the_steering_group_at_every_revision() {
    let repo = history();
    for (index, revision) in HISTORY.iter().enumerate() {
        let at = rev(index);
        let (gov, civ) = revision.wanted;

        // check: a finding exactly when the state is not ok, worded with that revision's
        // numbers.
        let output = repo.obert(&["check", "--rev", &at, "--format", "json"]);
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let balance: Vec<&str> = json["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["rule"] == "steering-group-balance")
            .map(|f| f["message"].as_str().expect("a message"))
            .collect();
        if revision.state == "ok" {
            assert!(balance.is_empty(), "{}: {balance:?}", revision.message);
        } else {
            assert_eq!(balance.len(), 1, "{}: {balance:?}", revision.message);
            let asks = format!("the plan asks for {gov} + {civ}");
            assert!(
                balance[0].ends_with(&asks),
                "{}: {}",
                revision.message,
                balance[0]
            );
        }

        // status: the same state, and the counts against the same numbers.
        let output = repo.obert(&["status", "--rev", &at]);
        let status = stdout(&output);
        let row = status
            .lines()
            .find(|line| line.contains("motor") && line.contains("steering-group"))
            .unwrap_or_else(|| panic!("no steering group row:\n{status}"));
        let (have_gov, have_civ) = revision.have;
        let counts = format!("{have_gov}/{gov} gov, {have_civ}/{civ} civ");
        assert!(row.contains(&counts), "{}: {row}", revision.message);
        let cells: Vec<&str> = row
            .split('|')
            .map(str::trim)
            .filter(|cell| !cell.is_empty())
            .collect();
        assert_eq!(
            cells.last(),
            Some(&revision.state),
            "{}: {row}",
            revision.message
        );

        // diff: where the sides changed, the balance is judged by the head's numbers.
        if index > 0 {
            let output = repo.obert(&["diff", &rev(index - 1), &at, "--format", "json"]);
            let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
            let balance = &json["balance"];
            let (was_gov, was_civ) = HISTORY[index - 1].have;
            if (was_gov, was_civ) == revision.have {
                assert_eq!(balance, &serde_json::json!([]), "{}", revision.message);
            } else {
                assert_eq!(
                    balance[0]["wanted"]["government"], gov,
                    "{}",
                    revision.message
                );
                assert_eq!(
                    balance[0]["wanted"]["civil_society"], civ,
                    "{}",
                    revision.message
                );
                let summary = format!(
                    "Grup motor: civil society {was_civ} → {have_civ} (the plan asks for {civ})"
                );
                assert_eq!(
                    balance[0]["summary"],
                    summary.as_str(),
                    "{}",
                    revision.message
                );
            }
        }
    }

    // log: each commit that changed the steering group's sides, with the numbers of its
    // own revision (2 when c2 left, 1 when c2 came back).
    let output = repo.obert(&["log", "motor"]);
    let log = stdout(&output);
    let back = log.find("c2 comes back").expect("the return in the log");
    let left = log.find("c2 leaves").expect("the departure in the log");
    assert!(back < left, "newest first:\n{log}");
    assert!(
        log[back..left].contains("Grup motor: civil society 1 → 2 (the plan asks for 1)"),
        "{log}"
    );
    assert!(
        log[left..].contains("Grup motor: civil society 2 → 1 (the plan asks for 2)"),
        "{log}"
    );
}

/// A forum with a member of a sector it does not admit: `check` reports it, and
/// `status` and the line an edit prints say so too, rather than "ok".
#[test]
fn status_and_edits_see_the_sectors_check_reports() {
    let plan = TempPlan::valid();
    plan.replace(
        "people.toml",
        "id = \"c3\"\nsector = \"generalist-entity\"",
        "id = \"c3\"\nsector = \"citizen\"",
    );
    let (code, json) = crate::support::check_json(&plan);
    assert_eq!(code, 1);
    let sectors: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "member-sector")
        .map(|f| f["message"].as_str().expect("a message"))
        .collect();
    assert_eq!(
        sectors,
        ["`c3` is in sector `citizen`, which `forum` does not admit"]
    );

    let status = stdout(&plan.obert(&["status"]));
    let row = status
        .lines()
        .find(|line| line.contains("| forum "))
        .expect("a row for the forum");
    let cells: Vec<&str> = row
        .split('|')
        .map(str::trim)
        .filter(|cell| !cell.is_empty())
        .collect();
    assert_eq!(cells.last(), Some(&"sectors"), "{row}");

    let output = plan.obert(&["meeting", "set", "forum", "p1", "title", "Primera sessió"]);
    assert!(
        output.status.success(),
        "{}",
        crate::support::stderr(&output)
    );
    assert_eq!(
        stdout(&output).trim(),
        "forum: 5/5 members, 1/1 plenaries, 1 member outside the sectors it admits"
    );
}
