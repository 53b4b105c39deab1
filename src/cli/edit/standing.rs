//! The one line an edit prints about the part of the plan it changed, measured against the
//! plan's rules (`grup-motor: 4/5 government, 5/5 civil society`), so that a facilitator
//! sees progress without running `obert status`.

use crate::edit::ops::Affected;
use crate::load::Loaded;
use crate::model::{MeetingKind, Side, SpaceKind};
use crate::rules::{Context, count_noun};

pub fn line(after: &Loaded, affected: &Affected) -> String {
    let cx = Context::new(after);
    let plan = &after.plan;
    let numbers = &plan.meta.rules;
    match affected {
        Affected::Space(id) => {
            let Some(space) = plan.spaces.iter().find(|s| &s.id == id) else {
                return format!("{id}: not in the plan");
            };
            let current = space.current_members().count();
            let held = |kind: MeetingKind| {
                space
                    .meetings
                    .iter()
                    .filter(|m| m.kind == Some(kind))
                    .count()
            };
            match space.kind {
                Some(SpaceKind::SteeringGroup) if cx.sectors_known() => {
                    let sides = cx.count_by_side(space);
                    let mut line = format!(
                        "{id}: {}/{} government, {}/{} civil society",
                        sides.government,
                        numbers.steering_government,
                        sides.civil_society,
                        numbers.steering_civil_society
                    );
                    if sides.unknown > 0 {
                        line.push_str(&format!(", {} without a sector", sides.unknown));
                    }
                    line
                }
                Some(SpaceKind::Forum) => format!(
                    "{id}: {current}/{} members, {}/{} plenaries",
                    numbers.forum_members,
                    held(MeetingKind::Plenary),
                    numbers.forum_plenaries
                ),
                Some(SpaceKind::WorkingGroup) => format!(
                    "{id}: {} ({}-{} wanted), {}/{} sessions",
                    count_noun(current, "member", "members"),
                    numbers.wg_min_members,
                    numbers.wg_max_members,
                    held(MeetingKind::Session),
                    numbers.wg_sessions
                ),
                Some(SpaceKind::Online) => format!(
                    "{id}: {}",
                    count_noun(space.phases.len(), "phase", "phases")
                ),
                _ => format!(
                    "{id}: {}, {}",
                    count_noun(current, "member", "members"),
                    count_noun(space.meetings.len(), "meeting", "meetings")
                ),
            }
        }
        Affected::Commitment(id) => {
            let Some(commitment) = plan.commitments.iter().find(|c| &c.id == id) else {
                return format!("{id}: not in the plan");
            };
            let required = &numbers.commitment_sections;
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
                numbers.commitments
            )
        }
        Affected::Contributions(file) => contributions_line(plan, file),
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
            numbers.commitments,
            count_noun(plan.meta.axes.len(), "axis", "axes"),
            count_noun(plan.meta.partners.len(), "partner", "partners")
        ),
    }
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
    let owed = contributions.iter().filter(|c| !c.withdrawn).count();
    let answered = contributions
        .iter()
        .filter(|c| !c.withdrawn && c.response.is_some())
        .count();
    format!("{file}: {answered}/{owed} contributions answered")
}
