//! `obert show ID`: one entry, whole, as `key: value` lines.
//!
//! Ids are unique within a kind but not across kinds (a person and an organisation may both
//! be `diba-1`), so `kind:id` picks one, and an id that several kinds share is refused with
//! the choices rather than guessed. How each kind is printed lives in
//! [`participants`] and [`content`], with the line writer in [`lines`].

mod content;
mod lines;
mod participants;

use std::io::Write as _;
use std::path::Path;

use anyhow::bail;

use super::Outcome;
use crate::model::{Axis, Commitment, Contribution, ContributionFile, Meeting, Organisation};
use crate::model::{EntryKind, Person, Plan, Space};
use crate::rules::Context;
use crate::suggest;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The entry's id; `KIND:ID` when several kinds share it (`person:diba-1`,
    /// `space:agora`); `SPACE/MEETING` for a meeting (`agora/p1`)
    #[arg(value_name = "ID")]
    id: String,
}

/// The kinds of entry `show` finds by id, each named in `KIND:ID` by its word.
const SHOWN: [EntryKind; 7] = [
    EntryKind::Organisation,
    EntryKind::Person,
    EntryKind::Space,
    EntryKind::Commitment,
    EntryKind::Axis,
    EntryKind::Contribution,
    EntryKind::Meeting,
];

/// The kind `word` names in `KIND:ID`.
fn named(word: &str) -> Option<EntryKind> {
    let word = word.to_lowercase();
    // The format spells it the British way; the American spelling is an easy slip.
    let word = if word == "organization" || word == "org" {
        "organisation"
    } else {
        word.as_str()
    };
    SHOWN.into_iter().find(|kind| kind.word() == word)
}

/// An entry that an id names.
#[derive(Debug, Clone, Copy)]
enum Found<'p> {
    Organisation(&'p Organisation),
    Person(&'p Person),
    Space(&'p Space),
    Commitment(&'p Commitment),
    Axis(&'p Axis),
    Contribution(&'p ContributionFile, &'p Contribution),
    Meeting(&'p Space, &'p Meeting),
}

impl Found<'_> {
    fn kind(self) -> EntryKind {
        match self {
            Found::Organisation(_) => EntryKind::Organisation,
            Found::Person(_) => EntryKind::Person,
            Found::Space(_) => EntryKind::Space,
            Found::Commitment(_) => EntryKind::Commitment,
            Found::Axis(_) => EntryKind::Axis,
            Found::Contribution(..) => EntryKind::Contribution,
            Found::Meeting(..) => EntryKind::Meeting,
        }
    }
}

pub(super) fn run(plan: Option<&Path>, args: Args) -> anyhow::Result<Outcome> {
    let (_source, loaded) = super::open_plan(plan)?;
    let cx = Context::new(&loaded);
    let found = find(&cx, &args.id)?;
    let text = lines::render(&cx, found);
    let mut out = std::io::stdout().lock();
    out.write_all(crate::terminal::printable(&text).as_bytes())?;
    out.flush()?;
    Ok(Outcome::Clean)
}

/// The one entry that `query` names, or an error that says how to name it.
fn find<'p>(cx: &Context<'p>, query: &str) -> anyhow::Result<Found<'p>> {
    // A contribution id may hold `:` itself, so a prefix counts as a kind only when it is one.
    let (kind, id) = match query.split_once(':') {
        Some((prefix, rest)) if named(prefix).is_some() => (named(prefix), rest),
        _ => (None, query),
    };
    let mut found = every_match(cx.plan, id);
    if let Some(kind) = kind {
        found.retain(|entry| entry.kind() == kind);
    }
    match found.as_slice() {
        [one] => return Ok(*one),
        [] => {}
        several => {
            let choices: Vec<String> = several
                .iter()
                .map(|entry| format!("`{}:{id}`", entry.kind().word()))
                .collect();
            bail!(
                "`{id}` names {} entries: {}; say which one, such as `obert show {}`",
                several.len(),
                choices.join(", "),
                choices[0].trim_matches('`')
            );
        }
    }
    if kind.is_none()
        && let Some((prefix, _)) = query.split_once(':')
        && let Some(hint) = suggest::hint(prefix, SHOWN.map(EntryKind::word))
    {
        bail!("there is no entry `{query}`; `{prefix}` is not a kind of entry: {hint}");
    }
    let candidates = all_ids(cx.plan, kind);
    let what = kind.map_or("entry", EntryKind::word);
    // `nearest` compares in lower case, and contribution ids are often upper case.
    let lower: Vec<String> = candidates.iter().map(|c| c.to_lowercase()).collect();
    let near = suggest::nearest(id, lower.iter().map(String::as_str))
        .and_then(|near| lower.iter().position(|c| c == near))
        .map(|at| candidates[at].as_str());
    match near {
        Some(near) => {
            let near = match kind {
                Some(kind) => format!("{}:{near}", kind.word()),
                None => near.to_string(),
            };
            bail!(
                "there is no {what} `{id}`; {}",
                suggest::did_you_mean(&near)
            )
        }
        None => bail!("there is no {what} `{id}`; `obert list KIND` lists the ids of each kind"),
    }
}

/// Every entry of any kind whose id is `id`. Where a kind holds the id twice (a finding of
/// `obert check`), the first one is shown, as the rules do.
fn every_match<'p>(plan: &'p Plan, id: &str) -> Vec<Found<'p>> {
    let mut found = Vec::new();
    found.extend(
        plan.organisations
            .iter()
            .find(|o| o.id == id)
            .map(Found::Organisation),
    );
    found.extend(plan.people.iter().find(|p| p.id == id).map(Found::Person));
    found.extend(plan.spaces.iter().find(|s| s.id == id).map(Found::Space));
    found.extend(
        plan.commitments
            .iter()
            .find(|c| c.id == id)
            .map(Found::Commitment),
    );
    found.extend(plan.meta.axes.iter().find(|a| a.id == id).map(Found::Axis));
    let contribution = plan.contribution_files.iter().find_map(|file| {
        let contribution = file.contributions.iter().find(|c| c.id == id)?;
        Some(Found::Contribution(file, contribution))
    });
    found.extend(contribution);
    if let Some((space, meeting)) = id.split_once('/')
        && let Some(space) = plan.spaces.iter().find(|s| s.id == space)
        && let Some(meeting) = space.meetings.iter().find(|m| m.id == meeting)
    {
        found.push(Found::Meeting(space, meeting));
    }
    found
}

/// Every id that `show` accepts (of one kind, if given), for "did you mean".
fn all_ids(plan: &Plan, kind: Option<EntryKind>) -> Vec<String> {
    let wanted = |k: EntryKind| kind.is_none_or(|kind| kind == k);
    let mut ids: Vec<String> = Vec::new();
    if wanted(EntryKind::Organisation) {
        ids.extend(plan.organisations.iter().map(|o| o.id.clone()));
    }
    if wanted(EntryKind::Person) {
        ids.extend(plan.people.iter().map(|p| p.id.clone()));
    }
    if wanted(EntryKind::Space) {
        ids.extend(plan.spaces.iter().map(|s| s.id.clone()));
    }
    if wanted(EntryKind::Commitment) {
        ids.extend(plan.commitments.iter().map(|c| c.id.clone()));
    }
    if wanted(EntryKind::Axis) {
        ids.extend(plan.meta.axes.iter().map(|a| a.id.clone()));
    }
    if wanted(EntryKind::Contribution) {
        ids.extend(plan.contributions().map(|c| c.id.clone()));
    }
    if wanted(EntryKind::Meeting) {
        for space in &plan.spaces {
            ids.extend(
                space
                    .meetings
                    .iter()
                    .map(|m| format!("{}/{}", space.id, m.id)),
            );
        }
    }
    ids
}
