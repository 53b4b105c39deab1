//! How one space stands against the numbers its kind asks for: its balance of sides, its
//! size, its meetings and its members' sectors, measured once here and read by the rules,
//! `obert status`, the line an edit prints, and `obert diff` and `obert log`. Each of them
//! reads the numbers of the plan it is shown, so they agree at every revision.

use std::collections::BTreeMap;

use super::{Context, SideCounts};
use crate::format::rules::{forum, steering_group, working_group};
use crate::model::{MeetingKind, Member, Sector, Space, SpaceKind};

/// A count and the range the plan asks it to fall in (`min == max` for an exact number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub have: usize,
    pub min: usize,
    pub max: usize,
}

impl Count {
    fn exactly(have: usize, want: u32) -> Count {
        let want = want as usize;
        Count {
            have,
            min: want,
            max: want,
        }
    }

    fn at_least(have: usize, want: u32) -> Count {
        Count {
            have,
            min: want as usize,
            max: usize::MAX,
        }
    }

    pub fn short(self) -> bool {
        self.have < self.min
    }

    pub fn over(self) -> bool {
        self.have > self.max
    }

    pub fn ok(self) -> bool {
        !self.short() && !self.over()
    }
}

/// A steering group's sides against the numbers the plan asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Balance {
    pub government: Count,
    pub civil_society: Count,
    /// Current members whose side cannot be told (no sector, or not in people.toml).
    pub unknown: usize,
}

/// The meetings of the kind a space's rule counts (a forum's plenaries, a working group's
/// sessions), against the number it asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meetings {
    pub kind: MeetingKind,
    pub count: Count,
    /// Meetings of other kinds, which the rule does not count.
    pub other: usize,
}

/// One space measured against its kind's numbers.
#[derive(Debug, Clone)]
pub struct Standing<'p> {
    pub space: &'p Space,
    /// Current members: those without `until`. Only they count.
    pub members: usize,
    /// Current members by side, or `None` while people's sectors cannot be known (a broken
    /// people.toml or organisations.toml).
    pub sides: Option<SideCounts>,
    /// Current members by sector; `None` for members whose sector is unknown.
    pub sectors: BTreeMap<Option<Sector>, usize>,
    /// A steering group's balance (`steering-group-balance`), when sectors are known.
    pub balance: Option<Balance>,
    /// A forum's or working group's size (`forum-size`, `working-group-size`).
    pub size: Option<Count>,
    /// The meetings the kind counts (`plenary-count`, `session-count`).
    pub meetings: Option<Meetings>,
    /// The sectors the kind admits, for forums and working groups.
    pub admitted: Option<Vec<Sector>>,
    /// Current members whose sector the kind does not admit (`member-sector`).
    pub outside: Vec<(&'p Member, Sector)>,
    /// Admitted sectors with no current member, for forums (`sector-missing`).
    pub missing: Vec<Sector>,
}

impl<'p> Standing<'p> {
    /// Measures `space` against the numbers of the plan `cx` holds.
    pub fn of(cx: &Context<'p>, space: &'p Space) -> Standing<'p> {
        let numbers = &cx.plan.meta.settings;
        let members = space.current_members().count();
        let known = cx.sectors_known();
        let sides = known.then(|| cx.count_by_side(space));
        let mut sectors = BTreeMap::new();
        for member in space.current_members() {
            *sectors
                .entry(cx.sector_of_id(&member.person.id))
                .or_insert(0) += 1;
        }
        let held = |kind: MeetingKind| {
            let held = space
                .meetings
                .iter()
                .filter(|m| m.kind == Some(kind))
                .count();
            (held, space.meetings.len() - held)
        };
        let mut standing = Standing {
            space,
            members,
            sides,
            sectors,
            balance: None,
            size: None,
            meetings: None,
            admitted: None,
            outside: Vec::new(),
            missing: Vec::new(),
        };
        match space.kind {
            Some(SpaceKind::SteeringGroup) => {
                standing.balance = sides.map(|sides| Balance {
                    government: Count::exactly(
                        sides.government,
                        numbers.count(&steering_group::GOVERNMENT),
                    ),
                    civil_society: Count::exactly(
                        sides.civil_society,
                        numbers.count(&steering_group::CIVIL_SOCIETY),
                    ),
                    unknown: sides.unknown,
                });
            }
            Some(SpaceKind::Forum) => {
                standing.size = Some(Count::exactly(members, numbers.count(&forum::MEMBERS)));
                let (held, other) = held(MeetingKind::Plenary);
                standing.meetings = Some(Meetings {
                    kind: MeetingKind::Plenary,
                    count: Count::at_least(held, numbers.count(&forum::PLENARIES)),
                    other,
                });
                standing.admit(cx, numbers.words(&forum::SECTORS), true);
            }
            Some(SpaceKind::WorkingGroup) => {
                let (min, max) = (
                    numbers.count(&working_group::MIN_MEMBERS) as usize,
                    numbers.count(&working_group::MAX_MEMBERS) as usize,
                );
                // An impossible range (min > max) is reported as an invalid value already,
                // and judges nothing.
                standing.size = (min <= max).then_some(Count {
                    have: members,
                    min,
                    max,
                });
                let (held, other) = held(MeetingKind::Session);
                standing.meetings = Some(Meetings {
                    kind: MeetingKind::Session,
                    count: Count::at_least(held, numbers.count(&working_group::SESSIONS)),
                    other,
                });
                standing.admit(cx, numbers.words(&working_group::SECTORS), false);
            }
            Some(SpaceKind::Online) | None => {}
        }
        standing
    }

    /// Records which sectors the kind admits, the members outside them and, where every
    /// admitted sector should be present, the ones that are not.
    fn admit(&mut self, cx: &Context<'p>, admitted: Vec<Sector>, all_present: bool) {
        if cx.sectors_known() {
            for member in self.space.current_members() {
                if let Some(sector) = cx.sector_of_id(&member.person.id)
                    && !admitted.contains(&sector)
                {
                    self.outside.push((member, sector));
                }
            }
            if all_present {
                self.missing = admitted
                    .iter()
                    .filter(|sector| !self.sectors.contains_key(&Some(**sector)))
                    .copied()
                    .collect();
            }
        }
        self.admitted = Some(admitted);
    }

    /// Whether some count is below what the plan asks for.
    pub fn short(&self) -> bool {
        self.counts().any(Count::short)
    }

    /// Whether some count is above what the plan asks for.
    pub fn over(&self) -> bool {
        self.counts().any(Count::over)
    }

    /// Whether members' sectors break the kind's `sectors`.
    pub fn sectors_off(&self) -> bool {
        !self.outside.is_empty() || !self.missing.is_empty()
    }

    fn counts(&self) -> impl Iterator<Item = Count> + '_ {
        let balance = self
            .balance
            .iter()
            .flat_map(|b| [b.government, b.civil_society]);
        balance
            .chain(self.size)
            .chain(self.meetings.map(|m| m.count))
    }

    /// The space's state in one ASCII word, as `obert status` shows it: `ok`, or what is
    /// off (`short`, `over`, `sectors`, joined by `/`), `unknown` when the rule counts by side
    /// and sides cannot be told, `-` for a space no rule measures.
    pub fn state(&self) -> String {
        match self.space.kind {
            Some(SpaceKind::Online) | None => return "-".to_string(),
            Some(SpaceKind::SteeringGroup) if self.sides.is_none() => {
                return "unknown".to_string();
            }
            _ => {}
        }
        let off: Vec<&str> = [
            (self.short(), "short"),
            (self.over(), "over"),
            (self.sectors_off(), "sectors"),
        ]
        .into_iter()
        .filter_map(|(off, word)| off.then_some(word))
        .collect();
        if off.is_empty() {
            "ok".to_string()
        } else {
            off.join("/")
        }
    }
}
