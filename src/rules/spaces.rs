//! The co-creation spaces: their kinds, sizes, balance, sectors, meetings and members.

use std::collections::HashMap;

use super::standing::{Balance, Count, Meetings, Standing};
use super::{Context, count_noun as count};
use crate::diag::{Diagnostic, Loc};
use crate::model::{Date, Keyword, MeetingKind, Member, Sector, Space, SpaceKind};
use crate::rules::{
    ATTENDEE_NOT_MEMBER, DUPLICATE_MEMBER, FORUM_SIZE, MEMBER_SECTOR, PERSON_WITHOUT_SECTOR,
    PLENARY_COUNT, Rule, SECTOR_MISSING, SESSION_COUNT, SPACE_MISSING, STEERING_GROUP_BALANCE,
    WORKING_GROUP_SIZE,
};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    spaces_missing(cx, out);
    for person in &cx.plan.people {
        if person.sector.is_none() && person.organisation.is_none() {
            out.push(
                Diagnostic::new(
                    &PERSON_WITHOUT_SECTOR,
                    person.origin.key("id"),
                    format!("person `{}` has no sector", person.id),
                )
                .with_help("add `organisation = \"…\"` or `sector = \"…\"` to the person"),
            );
        }
    }
    for space in &cx.plan.spaces {
        duplicate_members(cx, space, out);
        attendees(cx, space, out);
        judge(&Standing::of(cx, space), out);
    }
}

/// The findings of a space's standing: one per number it misses.
fn judge(standing: &Standing<'_>, out: &mut Vec<Diagnostic>) {
    let space = standing.space;
    if let Some(balance) = &standing.balance {
        steering_balance(space, balance, out);
    }
    match (space.kind, standing.size) {
        (Some(SpaceKind::Forum), Some(size)) if !size.ok() => {
            let (members, expected) = (size.have, size.min);
            out.push(
                Diagnostic::new(
                    &FORUM_SIZE,
                    space.origin.key("kind"),
                    format!(
                        "{}: the forum has {members} current members, the plan expects {expected}",
                        size_advice(space, size, "more than planned")
                    ),
                )
                .with_help("or set the size the plan aims for in `[rules.forum] members`"),
            );
        }
        (Some(SpaceKind::WorkingGroup), Some(size)) if !size.ok() => {
            let (members, min, max) = (size.have, size.min, size.max);
            out.push(
                Diagnostic::new(
                    &WORKING_GROUP_SIZE,
                    space.origin.key("kind"),
                    format!(
                        "{}: the working group has {members} current members, the plan asks for {min} to {max}",
                        size_advice(space, size, "too many")
                    ),
                )
                .with_help("or change `min-members` and `max-members` in `[rules.working-group]`"),
            );
        }
        _ => {}
    }
    if let Some(meetings) = &standing.meetings {
        let (rule, setting) = match meetings.kind {
            MeetingKind::Plenary => (&PLENARY_COUNT, "`[rules.forum] plenaries`"),
            _ => (&SESSION_COUNT, "`[rules.working-group] sessions`"),
        };
        meeting_count(space, meetings, rule, setting, out);
    }
    let setting = match space.kind {
        Some(SpaceKind::Forum) => "`[rules.forum] sectors`",
        _ => "`[rules.working-group] sectors`",
    };
    if let Some(admitted) = &standing.admitted {
        member_sectors(space, &standing.outside, admitted, setting, out);
    }
    for sector in &standing.missing {
        out.push(
            Diagnostic::new(
                &SECTOR_MISSING,
                space.origin.key("kind"),
                format!("no member of `{}` is from sector `{sector}`", space.id),
            )
            .with_help(format!(
                "invite a member from `{sector}`, or remove it from `[rules.forum] sectors`"
            )),
        );
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
                    &SPACE_MISSING,
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

/// What to do about a space's size: "add 2 members to `agora`", or "`agora` has 3 more
/// than planned" (`over` says how the excess is called).
fn size_advice(space: &Space, size: Count, over: &str) -> String {
    if size.short() {
        format!(
            "add {} to `{}`",
            count(size.min - size.have, "member", "members"),
            space.id
        )
    } else {
        format!(
            "`{}` has {} {over}",
            space.id,
            count(size.have - size.max, "member", "members")
        )
    }
}

fn steering_balance(space: &Space, balance: &Balance, out: &mut Vec<Diagnostic>) {
    let (government, civil) = (balance.government.have, balance.civil_society.have);
    let (want_gov, want_civil) = (balance.government.min, balance.civil_society.min);
    if balance.government.ok() && balance.civil_society.ok() {
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
            &STEERING_GROUP_BALANCE,
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
    meetings: &Meetings,
    rule: &'static Rule,
    setting: &str,
    out: &mut Vec<Diagnostic>,
) {
    let (held, wanted) = (meetings.count.have, meetings.count.min);
    if held < wanted {
        let noun = match meetings.kind {
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
                meetings.kind.as_str()
            )),
        );
    }
}

fn member_sectors(
    space: &Space,
    outside: &[(&Member, Sector)],
    allowed: &[Sector],
    setting: &str,
    out: &mut Vec<Diagnostic>,
) {
    for (member, sector) in outside {
        let allowed_list = allowed
            .iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            Diagnostic::new(
                &MEMBER_SECTOR,
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
                    &DUPLICATE_MEMBER,
                    member.person.loc,
                    format!("`{}` is listed twice in `{}`; the first is at {}", member.person.id, space.id, cx.at(first.person.loc)),
                )
                .with_help("remove one entry, or end the earlier membership with `until` before the later `since`")
                .with_related(first.person.loc, "first listed here"),
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
                let mut finding = Diagnostic::new(
                    &ATTENDEE_NOT_MEMBER,
                    attendee.loc,
                    format!(
                        "`{}` attended meeting `{}` but was not a member of `{}`{when}",
                        attendee.id, meeting.id, space.id
                    ),
                )
                .with_help(format!(
                    "add `{}` as a `[[member]]` of the space, or correct the id",
                    attendee.id
                ));
                // A member at other times: point at the date that leaves the meeting out,
                // which is what to correct if the attendance list is right.
                if let (Some(entries), Some(date)) = (entries, meeting.date) {
                    for member in entries {
                        finding = match (member.since, member.until) {
                            (Some(since), _) if date < since => finding.with_related(
                                member.origin.key("since"),
                                format!("`{}` is a member from {since}", attendee.id),
                            ),
                            (_, Some(until)) if until < date => finding.with_related(
                                member.origin.key("until"),
                                format!("`{}` was a member until {until}", attendee.id),
                            ),
                            _ => finding,
                        };
                    }
                }
                out.push(finding);
            }
        }
    }
}
