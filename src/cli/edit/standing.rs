//! The one line an edit prints about the part of the plan it changed, measured against the
//! plan's rules (`grup-motor: 4/5 government, 5/5 civil society`), so that a facilitator
//! sees progress without running `obert status`.

use crate::edit::ops::Affected;
use crate::format;
use crate::load::Loaded;
use crate::model::{BalanceRule, Keyword as _, MeetingKind, Side, SpaceKind};
use crate::rules::standing::Count;
use crate::rules::{Context, Standing, count_noun};

pub(super) fn line(after: &Loaded, affected: &Affected) -> String {
    let cx = Context::new(after);
    let plan = &after.plan;
    match affected {
        Affected::Space(id) => {
            let Some(space) = plan.spaces.iter().find(|s| &s.id == id) else {
                return format!("{id}: not in the plan");
            };
            space_line(&Standing::of(&cx, space))
        }
        Affected::Spaces => {
            // `spaces: 4 (1 steering-group, 1 forum, 2 working-group)`, kinds in the
            // format's order.
            let kinds: Vec<String> = SpaceKind::ALL
                .iter()
                .filter_map(|&(word, kind)| {
                    let count = plan.spaces.iter().filter(|s| s.kind == Some(kind)).count();
                    (count > 0).then(|| format!("{count} {word}"))
                })
                .collect();
            format!("spaces: {} ({})", plan.spaces.len(), kinds.join(", "))
        }
        Affected::Commitment(id) => {
            let Some(commitment) = plan.commitments.iter().find(|c| &c.id == id) else {
                return format!("{id}: not in the plan");
            };
            let required = plan
                .meta
                .settings
                .list(&format::rules::commitment::SECTIONS);
            let present = required
                .iter()
                .filter(|section| commitment.section(section).is_some_and(|s| s.is_written()))
                .count();
            let number = commitment
                .number
                .map_or("unnumbered".to_string(), |n| format!("commitment {n}"));
            let status = commitment
                .status
                .map_or("no status".to_string(), |s| format!("status {s}"));
            format!(
                "{id}: {number}, {}, {present}/{} required sections written, {status} ({}/{} commitments in the plan)",
                count_noun(commitment.milestones.len(), "milestone", "milestones"),
                required.len(),
                plan.commitments.len(),
                plan.meta.number(&format::rules::COMMITMENTS)
            )
        }
        Affected::Contributions(file) => contributions_line(plan, file),
        Affected::Recorded(line) => line.clone(),
        Affected::People => {
            let without = plan
                .people
                .iter()
                .filter(|p| cx.sector_of(p).is_none())
                .count();
            let mut line = format!("people: {}", plan.people.len());
            if without > 0 {
                line.push_str(&format!(", {without} without a sector"));
            }
            line
        }
        Affected::Organisations => {
            let government = plan
                .organisations
                .iter()
                .filter(|o| o.sector.is_some_and(|s| s.side() == Side::Government))
                .count();
            format!(
                "organisations: {} ({government} government, {} civil society)",
                plan.organisations.len(),
                plan.organisations.len() - government
            )
        }
        Affected::Plan => format!(
            "plan: {}/{} commitments, {}, {}",
            plan.commitments.len(),
            plan.meta.number(&format::rules::COMMITMENTS),
            count_noun(plan.meta.axes.len(), "axis", "axes"),
            count_noun(plan.meta.partners.len(), "partner", "partners")
        ),
    }
}

/// A space against the numbers of the parts it plays, in one line.
fn space_line(standing: &Standing<'_>) -> String {
    let space = standing.space;
    let id = &space.id;
    let current = standing.members;
    let mut parts = Vec::new();
    if let Some(balance) = standing.balance() {
        let side = |count: Count, name: &str| {
            let plus = if count.open() { "+" } else { "" };
            format!("{}/{}{plus} {name}", count.have, count.min)
        };
        parts.push(side(balance.government, "government"));
        parts.push(side(balance.civil_society, "civil society"));
        if balance.rule == BalanceRule::Parity {
            parts.push("parity".to_string());
        }
        if balance.unknown > 0 {
            parts.push(format!("{} without a sector", balance.unknown));
        }
    }
    match standing.size() {
        Some(size) if size.min == size.max => parts.push(format!("{current}/{} members", size.min)),
        Some(size) => parts.push(format!(
            "{} ({}-{} wanted)",
            count_noun(current, "member", "members"),
            size.min,
            size.max
        )),
        None if parts.is_empty() && !space.plays(SpaceKind::Online) => {
            parts.push(count_noun(current, "member", "members"));
        }
        None => {}
    }
    match standing.meetings() {
        Some(meetings) => {
            let noun = match meetings.kind {
                MeetingKind::Plenary => "plenaries",
                _ => "sessions",
            };
            parts.push(format!(
                "{}/{} {noun}",
                meetings.count.have, meetings.count.min
            ));
        }
        None if space.plays(SpaceKind::Online) => {
            parts.push(count_noun(space.phases.len(), "phase", "phases"));
        }
        None if standing.balance().is_none() => {
            parts.push(count_noun(space.meetings.len(), "meeting", "meetings"));
        }
        None => {}
    }
    if standing.not_counted > 0 {
        parts.push(format!("{} not counted", standing.not_counted));
    }
    let outside = standing.outside();
    if outside > 0 {
        parts.push(format!(
            "{} outside the sectors it admits",
            count_noun(outside, "member", "members")
        ));
    }
    format!("{id}: {}", parts.join(", "))
}

/// `eixos: 12/15 contributions answered`: how many of a contributions file's contributions
/// that are owed a response have one.
pub(crate) fn contributions_line(plan: &crate::model::Plan, file: &str) -> String {
    let contributions: Vec<_> = plan
        .contribution_files
        .iter()
        .filter(|f| f.id == file)
        .flat_map(|f| &f.contributions)
        .collect();
    let owed = contributions.iter().filter(|c| c.owes_response()).count();
    let answered = contributions
        .iter()
        .filter(|c| c.owes_response() && c.response.is_some())
        .count();
    format!("{file}: {answered}/{owed} contributions answered")
}
