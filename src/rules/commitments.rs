//! The commitments: how many, their numbers, leads, working groups, values, sections,
//! milestones and dates.

use std::collections::BTreeSet;

use super::{Context, count_noun as count};
use crate::diag::{Diagnostic, Loc};
use crate::format;
use crate::model::{Commitment, Date, Period, Sector, SpaceKind};
use crate::rules::{
    COMMITMENT_COUNT, COMMITMENT_NUMBERING, COMMITMENT_SECTION, COMMITMENT_VALUES,
    COMMITMENT_WORKING_GROUP, DATE_OUTSIDE_PERIOD, LEAD_NOT_GOVERNMENT, MILESTONE_MISSING,
    MILESTONE_OUTPUT, WORKING_GROUP_WITHOUT_COMMITMENT,
};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !cx.broken.commitments {
        commitment_count(cx, out);
        numbering(cx, out);
        groups_without_commitment(cx, out);
    }
    for commitment in &cx.plan.commitments {
        lead(cx, commitment, out);
        working_group(cx, commitment, out);
        values(commitment, out);
        sections(cx, commitment, out);
        milestones(commitment, out);
        dates(cx, commitment, out);
    }
}

fn commitment_count(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let have = cx.plan.commitments.len();
    let want = cx.plan.meta.number(&format::rules::COMMITMENTS) as usize;
    if have == want {
        return;
    }
    let advice = if have < want {
        format!("add {}", count(want - have, "commitment", "commitments"))
    } else {
        format!("remove {}", count(have - want, "commitment", "commitments"))
    };
    let loc = if cx.plan.meta.origin.has("rules") {
        cx.plan.meta.origin.key("rules")
    } else {
        Loc::file_start(cx.plan_file)
    };
    out.push(
        Diagnostic::new(
            &COMMITMENT_COUNT,
            loc,
            format!("{advice}: the plan has {have} in commitments/, it asks for {want}"),
        )
        .with_help("`obert explain commitment-count`; the number is `commitments` in `[rules]`"),
    );
}

fn numbering(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let total = cx.plan.commitments.len();
    let numbers: BTreeSet<u32> = cx
        .plan
        .commitments
        .iter()
        .filter_map(|c| c.number)
        .collect();
    for commitment in &cx.plan.commitments {
        let Some(number) = commitment.number else {
            continue;
        };
        if number == 0 || number as usize > total {
            out.push(
                Diagnostic::new(
                    &COMMITMENT_NUMBERING,
                    commitment.origin.key("number"),
                    format!(
                        "commitment `{}` has number {number}, outside 1..{total}",
                        commitment.id
                    ),
                )
                .with_help(format!(
                    "number the {total} commitments 1 to {total} without gaps"
                )),
            );
        }
    }
    let missing: Vec<String> = (1..=total as u32)
        .filter(|n| !numbers.contains(n))
        .map(|n| n.to_string())
        .collect();
    // Every gap comes with an out-of-range or duplicate number that is reported already;
    // say once which numbers are free.
    if !missing.is_empty()
        && numbers.len()
            == cx
                .plan
                .commitments
                .iter()
                .filter(|c| c.number.is_some())
                .count()
    {
        let first = cx
            .plan
            .commitments
            .iter()
            .find(|c| c.number.is_some_and(|n| n == 0 || n as usize > total));
        if let Some(first) = first {
            out.push(
                Diagnostic::new(
                    &COMMITMENT_NUMBERING,
                    first.origin.key("number"),
                    format!("no commitment has number {}", missing.join(", ")),
                )
                .with_help(
                    "numbers run from 1 to the number of commitments, in the document's order",
                ),
            );
        }
    }
}

fn groups_without_commitment(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let named: BTreeSet<&str> = cx
        .plan
        .commitments
        .iter()
        .filter_map(|c| c.working_group.as_ref().map(|g| g.id.as_str()))
        .collect();
    for space in &cx.plan.spaces {
        if space.plays(SpaceKind::WorkingGroup) && !named.contains(space.id.as_str()) {
            out.push(
                Diagnostic::new(
                    &WORKING_GROUP_WITHOUT_COMMITMENT,
                    space.origin.key("kind"),
                    format!("no commitment names working group `{}`", space.id),
                )
                .with_help(format!(
                    "set `working-group = \"{}\"` in the commitment it co-created",
                    space.id
                )),
            );
        }
    }
}

fn lead(cx: &Context<'_>, commitment: &Commitment, out: &mut Vec<Diagnostic>) {
    if commitment.lead.is_empty() {
        out.push(
            Diagnostic::new(
                &LEAD_NOT_GOVERNMENT,
                commitment.origin.key("lead"),
                format!("commitment `{}` has no lead organisation", commitment.id),
            )
            .with_help(format!(
                "name the public administration that carries it out: `obert commitment set {} lead --add ORG`",
                commitment.id
            )),
        );
    }
    for lead in &commitment.lead {
        let Some(organisation) = cx.organisations.get(lead.id.as_str()) else {
            continue;
        };
        if let Some(sector) = organisation.sector
            && sector != Sector::PublicAdministration
        {
            out.push(
                Diagnostic::new(
                    &LEAD_NOT_GOVERNMENT,
                    lead.loc,
                    format!("`{}` leads commitment `{}` but is in sector `{sector}`, not a public administration", lead.id, commitment.id),
                )
                .with_help(format!(
                    "a lead is a public administration; make `{org}` a co-lead (`obert commitment set {id} lead --remove {org}`, then `obert commitment set {id} co-lead --add {org}`), or a supporting organisation",
                    org = lead.id,
                    id = commitment.id
                )),
            );
        }
    }
}

fn working_group(cx: &Context<'_>, commitment: &Commitment, out: &mut Vec<Diagnostic>) {
    match &commitment.working_group {
        None => out.push(
            Diagnostic::new(
                &COMMITMENT_WORKING_GROUP,
                commitment.origin.loc(),
                format!("commitment `{}` names no working group", commitment.id),
            )
            .with_help(format!(
                "name the working group that co-created it: `obert commitment set {} working-group SPACE`",
                commitment.id
            )),
        ),
        Some(group) => {
            if let Some(space) = cx.spaces.get(group.id.as_str())
                && let Some(kind) = space.kind
                && !space.plays(SpaceKind::WorkingGroup)
            {
                out.push(
                    Diagnostic::new(
                        &COMMITMENT_WORKING_GROUP,
                        group.loc,
                        format!(
                            "`{}` is a space of kind `{kind}`, not a working group",
                            group.id
                        ),
                    )
                    .with_help("name the working group that co-created the commitment"),
                );
            }
        }
    }
}

fn values(commitment: &Commitment, out: &mut Vec<Diagnostic>) {
    if !commitment.values.iter().any(|v| v.is_core()) {
        let loc = commitment.origin.key("values");
        out.push(
            Diagnostic::new(
                &COMMITMENT_VALUES,
                loc,
                format!("commitment `{}` has no core OGP value", commitment.id),
            )
            .with_help(format!(
                "`obert commitment set {} values --add transparency` (or `participation`, `accountability`)",
                commitment.id
            )),
        );
    }
}

fn sections(cx: &Context<'_>, commitment: &Commitment, out: &mut Vec<Diagnostic>) {
    for id in &cx
        .plan
        .meta
        .settings
        .list(&format::rules::commitment::SECTIONS)
    {
        match commitment.section(id) {
            None => out.push(
                Diagnostic::new(
                    &COMMITMENT_SECTION,
                    commitment.origin.loc(),
                    format!("commitment `{}` has no `{id}` section", commitment.id),
                )
                .with_help(format!(
                    "add a heading such as `## … {{#{id}}}` with text under it"
                )),
            ),
            Some(section) if !section.is_written() => out.push(
                Diagnostic::new(
                    &COMMITMENT_SECTION,
                    section.heading,
                    format!("the `{id}` section of `{}` is empty", commitment.id),
                )
                .with_help("write the section's text under its heading"),
            ),
            Some(_) => {}
        }
    }
}

fn milestones(commitment: &Commitment, out: &mut Vec<Diagnostic>) {
    if commitment.milestones.is_empty() {
        out.push(
            Diagnostic::new(
                &MILESTONE_MISSING,
                commitment.origin.loc(),
                format!("commitment `{}` has no milestones", commitment.id),
            )
            .with_help(format!(
                "`obert milestone add {} --title TITLE --output OUTPUT --due DATE`",
                commitment.id
            )),
        );
    }
    for (index, milestone) in commitment.milestones.iter().enumerate() {
        if milestone.output.as_ref().is_none_or(|o| o.is_blank()) {
            out.push(
                Diagnostic::new(
                    &MILESTONE_OUTPUT,
                    milestone.origin.key("output"),
                    format!("milestone {} of `{}` has no verifiable output", index + 1, commitment.id),
                )
                .with_help("add `output = \"…\"`: a deliverable a reader could check, such as a published report"),
            );
        }
    }
}

fn dates(cx: &Context<'_>, commitment: &Commitment, out: &mut Vec<Diagnostic>) {
    let implementation = cx.plan.meta.implementation;
    let outside = |date: Date, period: Period, what: &str, loc: Loc, of: &str| {
        Diagnostic::new(
            &DATE_OUTSIDE_PERIOD,
            loc,
            format!("{what} {date}, outside {of} ({period})"),
        )
        .with_help(format!("move it inside {period}"))
    };
    if let (Some(start), Some(end)) = (commitment.start, commitment.end)
        && end < start
    {
        out.push(
            Diagnostic::new(
                &DATE_OUTSIDE_PERIOD,
                commitment.origin.key("end"),
                format!(
                    "commitment `{}` ends ({end}) before it starts ({start})",
                    commitment.id
                ),
            )
            .with_help("correct `start` or `end`"),
        );
    }
    if let Some(period) = implementation {
        for (key, date) in [("start", commitment.start), ("end", commitment.end)] {
            if let Some(date) = date
                && !period.contains(date)
            {
                out.push(outside(
                    date,
                    period,
                    &format!(
                        "commitment `{}` {} on",
                        commitment.id,
                        if key == "start" { "starts" } else { "ends" }
                    ),
                    commitment.origin.key(key),
                    "the implementation period",
                ));
            }
        }
    }
    let own = commitment
        .start
        .zip(commitment.end)
        .map(|(start, end)| Period { start, end });
    for (index, milestone) in commitment.milestones.iter().enumerate() {
        let Some(due) = milestone.due else { continue };
        let what = format!("milestone {} is due", commitment.milestone_label(index));
        let loc = milestone.origin.key("due");
        if let Some(period) = implementation
            && !period.contains(due)
        {
            out.push(outside(
                due,
                period,
                &what,
                loc,
                "the implementation period",
            ));
        } else if let Some(own) = own
            && own.start <= own.end
            && !own.contains(due)
        {
            out.push(outside(
                due,
                own,
                &what,
                loc,
                &format!("its commitment `{}`", commitment.id),
            ));
        }
    }
}
