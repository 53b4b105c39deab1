//! The co-creation spaces: their kinds, sizes, balance, sectors, meetings and members.

use super::IdMap;

use super::standing::{Balance, Count, Meetings, Numbers, Standing};
use super::{Context, count_noun as count};
use crate::diag::{Diagnostic, Loc};
use crate::format::Key;
use crate::format::rules::{forum, steering_group, working_group};
use crate::model::{BalanceRule, Date, Keyword, MeetingKind, Member, Sector, Space, SpaceKind};
use crate::rules::{
    ATTENDEE_NOT_MEMBER, DUPLICATE_MEMBER, FORUM_SIZE, MEMBER_SECTOR, PERSON_WITHOUT_SECTOR,
    PLENARY_COUNT, Rule, SECTOR_MISSING, SESSION_COUNT, SPACE_MISSING, STEERING_GROUP_BALANCE,
    WORKING_GROUP_SIZE,
};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    spaces_missing(cx, out);
    for person in cx.plan.people.iter() {
        if person.sector.is_none() && person.organisation.is_none() {
            out.push(
                Diagnostic::new(
                    &PERSON_WITHOUT_SECTOR,
                    person.origin.key("id"),
                    format!("person `{}` has no sector", person.id),
                )
                .with_help(format!(
                    "`obert person set {id} organisation ORG`, or `obert person set {id} sector SECTOR`",
                    id = person.id
                )),
            );
        }
    }
    for space in &cx.plan.spaces {
        duplicate_members(cx, space, out);
        attendees(cx, space, out);
        judge(&Standing::of(cx, space), cx.numbers(space), out);
    }
}

/// The findings of a space's standing: one per number it misses, for each part it plays.
fn judge(standing: &Standing<'_>, numbers: Numbers<'_>, out: &mut Vec<Diagnostic>) {
    let space = standing.space;
    for role in &standing.roles {
        if let Some(balance) = &role.balance {
            steering_balance(space, balance, numbers, out);
        }
        match (role.kind, role.size) {
            (SpaceKind::Forum, Some(size)) if !size.ok() => {
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
                    .with_help(format!(
                        "or set the size the plan aims for in {}",
                        setting_place(space, numbers, &forum::MEMBERS, "[rules.forum] members")
                    )),
                );
            }
            (SpaceKind::WorkingGroup, Some(size)) if !size.ok() => {
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
                    .with_help(format!(
                        "or change `min-members` and `max-members` in {}",
                        setting_place(space, numbers, &working_group::MIN_MEMBERS, "[rules.working-group]")
                    )),
                );
            }
            _ => {}
        }
        if let Some(meetings) = &role.meetings {
            let (rule, key, setting) = match meetings.kind {
                MeetingKind::Plenary => {
                    (&PLENARY_COUNT, &forum::PLENARIES, "[rules.forum] plenaries")
                }
                _ => (
                    &SESSION_COUNT,
                    &working_group::SESSIONS,
                    "[rules.working-group] sessions",
                ),
            };
            let setting = setting_place(space, numbers, key, setting);
            meeting_count(space, meetings, rule, &setting, out);
        }
        let (key, setting) = match role.kind {
            SpaceKind::Forum => (&forum::SECTORS, "[rules.forum] sectors"),
            _ => (&working_group::SECTORS, "[rules.working-group] sectors"),
        };
        let setting = setting_place(space, numbers, key, setting);
        if let Some(admitted) = &role.admitted {
            member_sectors(space, &role.outside, admitted, &setting, out);
        }
        for sector in &role.missing {
            out.push(
                Diagnostic::new(
                    &SECTOR_MISSING,
                    space.origin.key("kind"),
                    format!("no member of `{}` is from sector `{sector}`", space.id),
                )
                .with_help(format!(
                    "invite a member from `{sector}`, or remove it from {setting}"
                )),
            );
        }
    }
}

/// Where a number is set for `space`, as a hint names it: the space's own table when it has
/// one, plan.toml's otherwise (`` `[rules.forum] members` in spaces/x.toml ``).
fn setting_place(space: &Space, numbers: Numbers<'_>, key: &'static Key, name: &str) -> String {
    if numbers.own(key) {
        format!("`{name}` in `spaces/{}.toml`", space.id)
    } else {
        format!("`{name}`")
    }
}

fn spaces_missing(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if cx.broken.spaces {
        return;
    }
    for kind in [
        SpaceKind::SteeringGroup,
        SpaceKind::Forum,
        SpaceKind::WorkingGroup,
    ] {
        if !cx.plan.spaces.iter().any(|space| space.plays(kind)) {
            let id = kind.as_str();
            out.push(
                Diagnostic::new(
                    &SPACE_MISSING,
                    Loc::file_start(cx.plan_file),
                    format!("the plan has no {}", kind.noun()),
                )
                .with_help(format!(
                    "add one with `obert space add ID --kind {id} --name NAME`, or, if a space already plays that part, add `serves-as = [\"{id}\"]` to its file"
                )),
            );
        }
    }
}

/// What to do about a space's size: "add 2 members to `forum`", or "`forum` has 3 more
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

fn steering_balance(
    space: &Space,
    balance: &Balance,
    numbers: Numbers<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if balance.ok() {
        return;
    }
    let (government, civil) = (balance.government.have, balance.civil_society.have);
    let (want_gov, want_civil) = (balance.government.min, balance.civil_society.min);
    let members =
        |n: usize, side: &str| count(n, &format!("{side} member"), &format!("{side} members"));
    // What to add to the short side and take from the long one.
    let mut add = Vec::new();
    let mut remove = Vec::new();
    for (have, count, side) in [
        (government, balance.government, "government"),
        (civil, balance.civil_society, "civil-society"),
    ] {
        if count.short() {
            add.push(members(count.min - have, side));
        } else if count.over() {
            remove.push(members(have - count.max, side));
        }
    }
    if add.is_empty() && remove.is_empty() && balance.uneven() {
        // Enough on each side, but not as many on both: even out the smaller side.
        let (fewer, side) = if government < civil {
            (government, "government")
        } else {
            (civil, "civil-society")
        };
        add.push(members(government.max(civil) - fewer, side));
    }
    let id = &space.id;
    let action = match (add.is_empty(), remove.is_empty()) {
        (false, true) => format!("add {} to `{id}`", add.join(" and ")),
        (true, false) => format!("remove {} from `{id}`", remove.join(" and ")),
        _ => format!(
            "add {} to `{id}` and remove {} from it",
            add.join(" and "),
            remove.join(" and ")
        ),
    };
    let asks = match balance.rule {
        BalanceRule::Exact => format!("{want_gov} + {want_civil}"),
        BalanceRule::AtLeast => format!("at least {want_gov} + {want_civil}"),
        BalanceRule::Parity => {
            format!("as many on each side, at least {want_gov} + {want_civil}")
        }
    };
    let table = setting_place(
        space,
        numbers,
        &steering_group::GOVERNMENT,
        "[rules.steering-group]",
    );
    out.push(
        Diagnostic::new(
            &STEERING_GROUP_BALANCE,
            space.origin.key("kind"),
            format!(
                "{action}: it has {government} government and {civil} civil-society members, the plan asks for {asks}"
            ),
        )
        .with_help(format!(
            "members who left stay listed with an `until` date, and members with `counts = false` (observers, a secretariat) are left out; the numbers are in {table}"
        )),
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
            MeetingKind::Workshop => ("workshop", "workshops"),
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
                "record each with `obert meeting add {} ID --date DATE --kind {}`, or change {setting}",
                space.id,
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
    let mut by_person: IdMap<&str, Vec<&Member>> = IdMap::default();
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
    let mut memberships: IdMap<&str, Vec<&Member>> = IdMap::default();
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
