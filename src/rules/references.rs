//! duplicate-id and dangling-reference: every id is defined once and every reference
//! names something.

use super::IdMap;

use super::Context;
use crate::diag::{Diagnostic, Loc};
use crate::model::Ref;
use crate::rules::{DANGLING_REFERENCE, DUPLICATE_ID};
use crate::suggest;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    duplicates(cx, out);
    dangling(cx, out);
}

/// Reports every entry whose id an earlier entry of the same kind already has.
fn report_duplicates<'a>(
    cx: &Context<'_>,
    what: &str,
    entries: impl IntoIterator<Item = (&'a str, Loc)>,
    out: &mut Vec<Diagnostic>,
) {
    let mut first: IdMap<&str, Loc> = IdMap::default();
    for (id, loc) in entries {
        match first.get(id) {
            Some(&earlier) => out.push(duplicate(cx, what, id, loc, earlier)),
            None => {
                first.insert(id, loc);
            }
        }
    }
}

/// [`report_duplicates`] for a kind the context indexes by id: the index keeps the first
/// entry of each id, so an entry it does not hold under its own id is a repeat, and no
/// second index is built.
fn report_indexed_duplicates<'p, T>(
    cx: &Context<'p>,
    what: &str,
    entries: impl IntoIterator<Item = &'p T>,
    index: &IdMap<&'p str, &'p T>,
    id: impl Fn(&'p T) -> &'p str,
    id_loc: impl Fn(&'p T) -> Loc,
    out: &mut Vec<Diagnostic>,
) {
    for entry in entries {
        let id = id(entry);
        if let Some(&first) = index.get(id)
            && !std::ptr::eq(first, entry)
        {
            out.push(duplicate(cx, what, id, id_loc(entry), id_loc(first)));
        }
    }
}

fn duplicate(cx: &Context<'_>, what: &str, id: &str, loc: Loc, earlier: Loc) -> Diagnostic {
    Diagnostic::new(
        &DUPLICATE_ID,
        loc,
        format!(
            "{what} `{id}` is defined twice; the first is at {}",
            cx.at(earlier)
        ),
    )
    .with_help("give one of them another id, or merge the two entries")
    .with_related(earlier, "first defined here")
}

fn duplicates(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    report_indexed_duplicates(
        cx,
        "organisation",
        &plan.organisations,
        &cx.organisations,
        |o| o.id.as_str(),
        |o| o.origin.key("id"),
        out,
    );
    report_indexed_duplicates(
        cx,
        "person",
        plan.people.iter(),
        &cx.people,
        |p| p.id.as_str(),
        |p| p.origin.key("id"),
        out,
    );
    report_duplicates(
        cx,
        "axis",
        plan.meta
            .axes
            .iter()
            .map(|a| (a.id.as_str(), a.origin.key("id"))),
        out,
    );
    for space in &plan.spaces {
        report_duplicates(
            cx,
            "meeting",
            space
                .meetings
                .iter()
                .map(|m| (m.id.as_str(), m.origin.key("id"))),
            out,
        );
        report_duplicates(
            cx,
            "phase",
            space
                .phases
                .iter()
                .map(|p| (p.id.as_str(), p.origin.key("id"))),
            out,
        );
    }
    // A milestone's id is unique within its commitment only, as a meeting's is within its
    // space: two commitments may each have a `diagnosi`.
    for commitment in &plan.commitments {
        report_duplicates(
            cx,
            "milestone",
            commitment
                .milestones
                .iter()
                .filter_map(|m| Some((m.id.as_deref()?, m.origin.key("id")))),
            out,
        );
    }
    report_indexed_duplicates(
        cx,
        "contribution",
        plan.contributions(),
        &cx.contributions,
        |c| c.id.as_str(),
        |c| c.origin.key("id"),
        out,
    );
    let numbers: Vec<(String, Loc)> = plan
        .commitments
        .iter()
        .filter_map(|c| Some((c.number?.to_string(), c.origin.key("number"))))
        .collect();
    report_duplicates(
        cx,
        "commitment number",
        numbers.iter().map(|(n, loc)| (n.as_str(), *loc)),
        out,
    );
}

/// Suggestions cost a scan of every id of the kind; past this many findings in one run
/// they are left out, so that a plan with thousands of broken references stays fast.
const MAX_SUGGESTIONS: usize = 100;

struct Dangling<'c> {
    out: &'c mut Vec<Diagnostic>,
    suggested: usize,
}

impl Dangling<'_> {
    /// Reports `reference` unless `exists`; `kind` and `home` name what it should be and
    /// where such entries live.
    fn check<'a>(
        &mut self,
        reference: &Ref,
        exists: bool,
        kind: &str,
        home: &str,
        candidates: impl FnOnce() -> Vec<&'a str>,
    ) {
        if exists {
            return;
        }
        let id = &reference.id;
        let add = match kind {
            "organisation" => format!("`obert org add {id} --name NAME --sector SECTOR`"),
            "person" => format!("`obert person add {id} --organisation ORG`"),
            "space" => format!("`obert space add {id} --kind KIND --name NAME`"),
            "axis" => format!("`obert axis add {id} --title TITLE`"),
            _ => format!("an entry with this id to {home}"),
        };
        let mut help = format!("correct the id, or add {add}");
        if self.suggested < MAX_SUGGESTIONS {
            self.suggested += 1;
            if let Some(hint) = suggest::hint(id, candidates()) {
                help = format!("{hint} Or add {add}");
            }
        }
        self.out.push(
            Diagnostic::new(
                &DANGLING_REFERENCE,
                reference.loc,
                format!("there is no {kind} `{id}`"),
            )
            .with_help(help),
        );
    }
}

fn ids<'a, V>(map: &IdMap<&'a str, V>) -> Vec<&'a str> {
    map.keys().copied().collect()
}

fn dangling(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let mut d = Dangling { out, suggested: 0 };
    let org_ids = || cx.organisations.keys().copied().collect::<Vec<_>>();
    let check_orgs = !cx.broken.organisations;
    let check_people = !cx.broken.people;
    let check_spaces = !cx.broken.spaces;

    if check_orgs {
        for person in plan.people.iter() {
            if let Some(org) = &person.organisation {
                d.check(
                    org,
                    cx.organisations.contains_key(org.id.as_str()),
                    "organisation",
                    "organisations.toml",
                    org_ids,
                );
            }
        }
        for partner in &plan.meta.partners {
            d.check(
                partner,
                cx.organisations.contains_key(partner.id.as_str()),
                "organisation",
                "organisations.toml",
                org_ids,
            );
        }
    }
    for space in &plan.spaces {
        for member in &space.members {
            if check_people {
                d.check(
                    &member.person,
                    cx.people.contains_key(member.person.id.as_str()),
                    "person",
                    "people.toml",
                    || ids(&cx.people),
                );
            }
        }
        for meeting in &space.meetings {
            for attendee in &meeting.attendees {
                if check_people {
                    d.check(
                        attendee,
                        cx.people.contains_key(attendee.id.as_str()),
                        "person",
                        "people.toml",
                        || ids(&cx.people),
                    );
                }
            }
        }
    }
    for commitment in &plan.commitments {
        if let Some(axis) = &commitment.axis
            && !cx.broken.plan
        {
            d.check(
                axis,
                cx.axes.contains_key(axis.id.as_str()),
                "axis",
                "the `[[axis]]` list in plan.toml",
                || ids(&cx.axes),
            );
        }
        if let Some(group) = &commitment.working_group
            && check_spaces
        {
            d.check(
                group,
                cx.spaces.contains_key(group.id.as_str()),
                "space",
                "spaces/",
                || ids(&cx.spaces),
            );
        }
        if check_orgs {
            let stakeholders = commitment.milestones.iter().flat_map(|m| &m.stakeholders);
            for org in commitment
                .lead
                .iter()
                .chain(&commitment.co_lead)
                .chain(&commitment.supporting)
                .chain(stakeholders)
            {
                d.check(
                    org,
                    cx.organisations.contains_key(org.id.as_str()),
                    "organisation",
                    "organisations.toml",
                    org_ids,
                );
            }
        }
    }
    for file in &plan.contribution_files {
        let space = file
            .space
            .as_ref()
            .and_then(|s| cx.spaces.get(s.id.as_str()));
        if let Some(reference) = &file.space
            && check_spaces
        {
            d.check(reference, space.is_some(), "space", "spaces/", || {
                ids(&cx.spaces)
            });
        }
        if let (Some(phase), Some(space)) = (&file.phase, space) {
            let exists = space.phases.iter().any(|p| p.id == phase.id);
            let home = format!("the phases of `spaces/{}.toml`", space.id);
            d.check(phase, exists, "phase", &home, || {
                space.phases.iter().map(|p| p.id.as_str()).collect()
            });
        }
        for contribution in &file.contributions {
            if let Some(about) = &contribution.about
                && !cx.broken.plan
                && !cx.broken.commitments
            {
                let exists = cx.axes.contains_key(about.id.as_str())
                    || cx.commitments.contains_key(about.id.as_str());
                d.check(
                    about,
                    exists,
                    "axis or commitment",
                    "plan.toml's axes or commitments/",
                    || {
                        cx.axes
                            .keys()
                            .chain(cx.commitments.keys())
                            .copied()
                            .collect()
                    },
                );
            }
            for reference in [&contribution.in_reply_to, &contribution.amends]
                .into_iter()
                .flatten()
            {
                if cx.broken.contributions {
                    break;
                }
                d.check(
                    reference,
                    cx.contributions.contains_key(reference.id.as_str()),
                    "contribution",
                    "contributions/",
                    || ids(&cx.contributions),
                );
            }
            if let Some(by) = contribution.response.as_ref().and_then(|r| r.by.as_ref())
                && check_spaces
            {
                d.check(
                    by,
                    cx.spaces.contains_key(by.id.as_str()),
                    "space",
                    "spaces/",
                    || ids(&cx.spaces),
                );
            }
        }
    }
}
