//! The co-creation spaces: their kinds, sizes, balance, sectors, meetings and members.

use std::collections::{BTreeMap, HashMap};

use super::{Context, count_noun as count};
use crate::diag::{Diagnostic, Loc};
use crate::model::{Date, Keyword, MeetingKind, Member, Sector, Space, SpaceKind};

pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    spaces_missing(cx, out);
    for person in &cx.plan.people {
        if person.sector.is_none() && person.organisation.is_none() {
            out.push(
                Diagnostic::new(
                    "person-without-sector",
                    person.origin.key("id"),
                    format!("person `{}` has no sector", person.id),
                )
                .with_help("add `organisation = \"…\"` or `sector = \"…\"` to the person"),
            );
        }
    }
    let numbers = &cx.plan.meta.rules;
    for space in &cx.plan.spaces {
        duplicate_members(cx, space, out);
        attendees(cx, space, out);
        match space.kind {
            Some(SpaceKind::SteeringGroup) => {
                if cx.sectors_known() {
                    steering_balance(cx, space, out);
                }
            }
            Some(SpaceKind::Forum) => {
                let members = space.current_members().count();
                let expected = numbers.forum_members as usize;
                if members != expected {
                    let advice = if members < expected {
                        format!(
                            "add {} to `{}`",
                            count(expected - members, "member", "members"),
                            space.id
                        )
                    } else {
                        format!(
                            "`{}` has {} more than planned",
                            space.id,
                            count(members - expected, "member", "members")
                        )
                    };
                    out.push(
                        Diagnostic::new(
                            "forum-size",
                            space.origin.key("kind"),
                            format!("{advice}: the forum has {members} current members, the plan expects {expected}"),
                        )
                        .with_help("or set the size the plan aims for in `[rules.forum] members`"),
                    );
                }
                meeting_count(
                    space,
                    MeetingKind::Plenary,
                    numbers.forum_plenaries,
                    "plenary-count",
                    "`[rules.forum] plenaries`",
                    out,
                );
                member_sectors(
                    cx,
                    space,
                    &numbers.forum_sectors,
                    "`[rules.forum] sectors`",
                    out,
                );
                missing_sectors(cx, space, &numbers.forum_sectors, out);
            }
            Some(SpaceKind::WorkingGroup) => {
                let members = space.current_members().count();
                let (min, max) = (
                    numbers.wg_min_members as usize,
                    numbers.wg_max_members as usize,
                );
                // An impossible range (min > max) is reported as an invalid value already.
                if min <= max && (members < min || members > max) {
                    let advice = if members < min {
                        format!(
                            "add {} to `{}`",
                            count(min - members, "member", "members"),
                            space.id
                        )
                    } else {
                        format!(
                            "`{}` has {} too many",
                            space.id,
                            count(members - max, "member", "members")
                        )
                    };
                    out.push(
                        Diagnostic::new(
                            "working-group-size",
                            space.origin.key("kind"),
                            format!("{advice}: the working group has {members} current members, the plan asks for {min} to {max}"),
                        )
                        .with_help("or change `min-members` and `max-members` in `[rules.working-group]`"),
                    );
                }
                meeting_count(
                    space,
                    MeetingKind::Session,
                    numbers.wg_sessions,
                    "session-count",
                    "`[rules.working-group] sessions`",
                    out,
                );
                member_sectors(
                    cx,
                    space,
                    &numbers.wg_sectors,
                    "`[rules.working-group] sectors`",
                    out,
                );
            }
            Some(SpaceKind::Online) | None => {}
        }
    }
}

fn spaces_missing(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.broken.spaces {
        return;
    }
    let needed = [
        (SpaceKind::SteeringGroup, "a steering group", "grup-motor"),
        (SpaceKind::Forum, "a forum", "agora"),
        (
            SpaceKind::WorkingGroup,
            "a working group",
            "gt-participacio",
        ),
    ];
    for (kind, what, example) in needed {
        if !cx.plan.spaces.iter().any(|space| space.kind == Some(kind)) {
            out.push(
                Diagnostic::new(
                    "space-missing",
                    Loc::file_start(cx.plan_file),
                    format!("the plan has no {}", kind_name(kind)),
                )
                .with_help(format!(
                    "add {what}: a file such as `spaces/{example}.toml` with `kind = \"{}\"`",
                    kind.as_str()
                )),
            );
        }
    }
}

fn kind_name(kind: SpaceKind) -> &'static str {
    match kind {
        SpaceKind::SteeringGroup => "steering group",
        SpaceKind::Forum => "forum",
        SpaceKind::WorkingGroup => "working group",
        SpaceKind::Online => "online space",
    }
}

fn steering_balance(cx: &Context<'_>, space: &Space, out: &mut Vec<Diagnostic>) {
    let numbers = &cx.plan.meta.rules;
    let counts = cx.count_by_side(space);
    let (government, civil) = (counts.government, counts.civil_society);
    let (want_gov, want_civil) = (
        numbers.steering_government as usize,
        numbers.steering_civil_society as usize,
    );
    if government == want_gov && civil == want_civil {
        return;
    }
    let mut actions = Vec::new();
    for (have, want, side) in [
        (government, want_gov, "government"),
        (civil, want_civil, "civil-society"),
    ] {
        if have < want {
            actions.push(format!(
                "add {}",
                count(
                    want - have,
                    &format!("{side} member"),
                    &format!("{side} members")
                )
            ));
        } else if have > want {
            actions.push(format!(
                "remove {}",
                count(
                    have - want,
                    &format!("{side} member"),
                    &format!("{side} members")
                )
            ));
        }
    }
    out.push(
        Diagnostic::new(
            "steering-group-balance",
            space.origin.key("kind"),
            format!(
                "{} to `{}`: it has {government} government and {civil} civil-society members, the plan asks for {want_gov} + {want_civil}",
                actions.join(" and "),
                space.id
            ),
        )
        .with_help("members who left stay listed with an `until` date and do not count; the numbers are in `[rules.steering-group]`"),
    );
}

fn meeting_count(
    space: &Space,
    kind: MeetingKind,
    wanted: u32,
    rule: &'static str,
    setting: &str,
    out: &mut Vec<Diagnostic>,
) {
    let held = space
        .meetings
        .iter()
        .filter(|m| m.kind == Some(kind))
        .count();
    let wanted = wanted as usize;
    if held < wanted {
        let noun = match kind {
            MeetingKind::Plenary => ("plenary", "plenaries"),
            MeetingKind::Session => ("session", "sessions"),
            MeetingKind::Meeting => ("meeting", "meetings"),
        };
        out.push(
            Diagnostic::new(
                rule,
                space.origin.key("kind"),
                format!(
                    "record {} more in `{}`: it has {}, the plan asks for {wanted}",
                    count(wanted - held, noun.0, noun.1),
                    space.id,
                    count(held, noun.0, noun.1)
                ),
            )
            .with_help(format!(
                "add `[[meeting]]` entries with `kind = \"{}\"`, or change {setting}",
                kind.as_str()
            )),
        );
    }
}

fn member_sectors(
    cx: &Context<'_>,
    space: &Space,
    allowed: &[Sector],
    setting: &str,
    out: &mut Vec<Diagnostic>,
) {
    if !cx.sectors_known() {
        return;
    }
    for member in space.current_members() {
        let Some(sector) = cx.sector_of_id(&member.person.id) else {
            continue;
        };
        if !allowed.contains(&sector) {
            let allowed_list = allowed
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(
                Diagnostic::new(
                    "member-sector",
                    member.person.loc,
                    format!(
                        "`{}` is in sector `{sector}`, which `{}` does not admit",
                        member.person.id, space.id
                    ),
                )
                .with_help(format!(
                    "{setting} admits {allowed_list}; correct the person's sector or widen the list"
                )),
            );
        }
    }
}

fn missing_sectors(cx: &Context<'_>, space: &Space, sectors: &[Sector], out: &mut Vec<Diagnostic>) {
    if !cx.sectors_known() {
        return;
    }
    let mut present: BTreeMap<Sector, usize> = BTreeMap::new();
    for member in space.current_members() {
        if let Some(sector) = cx.sector_of_id(&member.person.id) {
            *present.entry(sector).or_default() += 1;
        }
    }
    for sector in sectors {
        if !present.contains_key(sector) {
            out.push(
                Diagnostic::new(
                    "sector-missing",
                    space.origin.key("kind"),
                    format!("no member of `{}` is from sector `{sector}`", space.id),
                )
                .with_help(format!(
                    "invite a member from `{sector}`, or remove it from `[rules.forum] sectors`"
                )),
            );
        }
    }
}

/// The days a membership covers, open at either end.
fn covers(member: &Member, date: Date) -> bool {
    member.since.is_none_or(|since| since <= date) && member.until.is_none_or(|until| date <= until)
}

fn overlap(a: &Member, b: &Member) -> bool {
    let starts_before_other_ends = |x: &Member, y: &Member| match (x.since, y.until) {
        (Some(since), Some(until)) => since <= until,
        _ => true,
    };
    starts_before_other_ends(a, b) && starts_before_other_ends(b, a)
}

fn duplicate_members(cx: &Context<'_>, space: &Space, out: &mut Vec<Diagnostic>) {
    let mut by_person: HashMap<&str, Vec<&Member>> = HashMap::new();
    for member in &space.members {
        let earlier = by_person.entry(member.person.id.as_str()).or_default();
        if let Some(first) = earlier.iter().find(|other| overlap(other, member)) {
            out.push(
                Diagnostic::new(
                    "duplicate-member",
                    member.person.loc,
                    format!("`{}` is listed twice in `{}`; the first is at {}", member.person.id, space.id, cx.at(first.person.loc)),
                )
                .with_help("remove one entry, or end the earlier membership with `until` before the later `since`"),
            );
        }
        earlier.push(member);
    }
}

fn attendees(cx: &Context<'_>, space: &Space, out: &mut Vec<Diagnostic>) {
    if space.meetings.iter().all(|m| m.attendees.is_empty()) {
        return;
    }
    let mut memberships: HashMap<&str, Vec<&Member>> = HashMap::new();
    for member in &space.members {
        memberships
            .entry(member.person.id.as_str())
            .or_default()
            .push(member);
    }
    for meeting in &space.meetings {
        for attendee in &meeting.attendees {
            // Unknown people are reported as dangling references.
            if !cx.people.contains_key(attendee.id.as_str()) {
                continue;
            }
            let entries = memberships.get(attendee.id.as_str());
            let member_then = match (entries, meeting.date) {
                (None, _) => false,
                (Some(entries), Some(date)) => entries.iter().any(|m| covers(m, date)),
                (Some(_), None) => true,
            };
            if !member_then {
                let when = meeting.date.map(|d| format!(" on {d}")).unwrap_or_default();
                out.push(
                    Diagnostic::new(
                        "attendee-not-member",
                        attendee.loc,
                        format!(
                            "`{}` attended meeting `{}` but was not a member of `{}`{when}",
                            attendee.id, meeting.id, space.id
                        ),
                    )
                    .with_help(format!(
                        "add `{}` as a `[[member]]` of the space, or correct the id",
                        attendee.id
                    )),
                );
            }
        }
    }
}
