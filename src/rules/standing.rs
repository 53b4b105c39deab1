//! How one space stands against the numbers its kinds ask for: its balance of sides, its
//! size, its meetings and its members' sectors, measured once here and read by the rules,
//! `obert status`, the line an edit prints, and `obert diff` and `obert log`. Each of them
//! reads the numbers of the plan it is shown, so they agree at every revision.
//!
//! A space is judged for each part it plays: its own kind, and each kind it serves as (a
//! steering group that is also the forum is judged as both). The numbers for each part are
//! the space's own `[rules.<kind>]`, then plan.toml's, then the defaults. Only current
//! members who count (not `counts = false`) are counted.

use std::collections::BTreeMap;

use super::{Context, SideCounts};
use crate::format::rules::{forum, steering_group, working_group};
use crate::format::{Key, Settings};
use crate::model::{BalanceRule, Keyword, MeetingKind, Member, Sector, Space, SpaceKind};

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

    /// Whether the count has no upper bound.
    pub fn open(self) -> bool {
        self.max == usize::MAX
    }
}

/// A steering group's sides against the numbers the plan asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Balance {
    pub government: Count,
    pub civil_society: Count,
    pub rule: BalanceRule,
    /// Counted members whose side cannot be told (no sector, or not in people.toml).
    pub unknown: usize,
}

impl Balance {
    /// Parity asks for as many on each side, on top of the least on each.
    pub fn uneven(&self) -> bool {
        self.rule == BalanceRule::Parity && self.government.have != self.civil_society.have
    }

    pub fn ok(&self) -> bool {
        self.government.ok() && self.civil_society.ok() && !self.uneven()
    }
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

/// A space measured for one part it plays.
#[derive(Debug, Clone)]
pub struct Role<'p> {
    pub kind: SpaceKind,
    /// A steering group's balance (`steering-group-balance`), when sectors are known.
    pub balance: Option<Balance>,
    /// A forum's or working group's size (`forum-size`, `working-group-size`).
    pub size: Option<Count>,
    /// The meetings the kind counts (`plenary-count`, `session-count`).
    pub meetings: Option<Meetings>,
    /// The sectors the kind admits, for forums and working groups.
    pub admitted: Option<Vec<Sector>>,
    /// Counted members whose sector the kind does not admit (`member-sector`).
    pub outside: Vec<(&'p Member, Sector)>,
    /// Admitted sectors with no counted member, for forums (`sector-missing`).
    pub missing: Vec<Sector>,
}

/// One space measured against the numbers of each part it plays.
#[derive(Debug, Clone)]
pub struct Standing<'p> {
    pub space: &'p Space,
    /// Current members who count: those without `until`, and not `counts = false`.
    pub members: usize,
    /// Current members who do not count: observers, a secretariat, substitutes.
    pub not_counted: usize,
    /// Counted members by side, or `None` while people's sectors cannot be known (a
    /// broken people.toml or organisations.toml).
    pub sides: Option<SideCounts>,
    /// Counted members by sector; `None` for members whose sector is unknown.
    pub sectors: BTreeMap<Option<Sector>, usize>,
    /// The space's own kind first, then each kind it serves as.
    pub roles: Vec<Role<'p>>,
}

/// The numbers one space is judged by: its own `[rules.<kind>]`, else plan.toml's, else the
/// defaults.
#[derive(Debug, Clone, Copy)]
pub struct Numbers<'p> {
    pub space: &'p Settings,
    pub plan: &'p Settings,
}

impl Numbers<'_> {
    fn settings(&self, key: &'static Key) -> &Settings {
        if self.space.get(key).is_some() {
            self.space
        } else {
            self.plan
        }
    }

    pub fn count(&self, key: &'static Key) -> u32 {
        self.settings(key).count(key)
    }

    pub fn words<K: Keyword>(&self, key: &'static Key) -> Vec<K> {
        self.settings(key).words(key)
    }

    /// One word of a closed list, the default's when neither file sets it.
    pub fn keyword<K: Keyword>(&self, key: &'static Key) -> Option<K> {
        K::parse(&self.settings(key).effective(key)?.shown())
    }

    /// Whether the space's own file sets `key`, so that a hint can point there.
    pub fn own(&self, key: &'static Key) -> bool {
        self.space.get(key).is_some()
    }
}

impl<'p> Standing<'p> {
    /// Measures `space` against the numbers of the plan `cx` holds.
    pub fn of(cx: &Context<'p>, space: &'p Space) -> Standing<'p> {
        let counted: Vec<&Member> = space.counted_members().collect();
        let known = cx.sectors_known();
        let sides = known.then(|| cx.count_by_side(space));
        let mut sectors = BTreeMap::new();
        for member in &counted {
            *sectors
                .entry(cx.sector_of_id(&member.person.id))
                .or_insert(0) += 1;
        }
        let mut standing = Standing {
            space,
            members: counted.len(),
            not_counted: space.current_members().count() - counted.len(),
            sides,
            sectors,
            roles: Vec::new(),
        };
        let numbers = cx.numbers(space);
        for kind in space.roles() {
            let role = standing.role(cx, numbers, kind);
            standing.roles.push(role);
        }
        standing
    }

    fn role(&self, cx: &Context<'p>, numbers: Numbers<'_>, kind: SpaceKind) -> Role<'p> {
        let space = self.space;
        let held = |meeting: MeetingKind| {
            let held = space
                .meetings
                .iter()
                .filter(|m| m.kind == Some(meeting))
                .count();
            (held, space.meetings.len() - held)
        };
        let mut role = Role {
            kind,
            balance: None,
            size: None,
            meetings: None,
            admitted: None,
            outside: Vec::new(),
            missing: Vec::new(),
        };
        match kind {
            SpaceKind::SteeringGroup => {
                let rule = numbers
                    .keyword(&steering_group::BALANCE)
                    .unwrap_or(BalanceRule::Exact);
                let side = |have: usize, key: &'static Key| match rule {
                    BalanceRule::Exact => Count::exactly(have, numbers.count(key)),
                    BalanceRule::AtLeast | BalanceRule::Parity => {
                        Count::at_least(have, numbers.count(key))
                    }
                };
                role.balance = self.sides.map(|sides| Balance {
                    government: side(sides.government, &steering_group::GOVERNMENT),
                    civil_society: side(sides.civil_society, &steering_group::CIVIL_SOCIETY),
                    rule,
                    unknown: sides.unknown,
                });
            }
            SpaceKind::Forum => {
                role.size = Some(Count::exactly(self.members, numbers.count(&forum::MEMBERS)));
                let (held, other) = held(MeetingKind::Plenary);
                role.meetings = Some(Meetings {
                    kind: MeetingKind::Plenary,
                    count: Count::at_least(held, numbers.count(&forum::PLENARIES)),
                    other,
                });
                self.admit(cx, &mut role, numbers.words(&forum::SECTORS), true);
            }
            SpaceKind::WorkingGroup => {
                let (min, max) = (
                    numbers.count(&working_group::MIN_MEMBERS) as usize,
                    numbers.count(&working_group::MAX_MEMBERS) as usize,
                );
                // An impossible range (min > max) is reported as an invalid value already,
                // and judges nothing.
                role.size = (min <= max).then_some(Count {
                    have: self.members,
                    min,
                    max,
                });
                let (held, other) = held(MeetingKind::Session);
                role.meetings = Some(Meetings {
                    kind: MeetingKind::Session,
                    count: Count::at_least(held, numbers.count(&working_group::SESSIONS)),
                    other,
                });
                self.admit(cx, &mut role, numbers.words(&working_group::SECTORS), false);
            }
            SpaceKind::Online => {}
        }
        role
    }

    /// Records which sectors the kind admits, the counted members outside them and, where
    /// every admitted sector should be present, the ones that are not.
    fn admit(
        &self,
        cx: &Context<'p>,
        role: &mut Role<'p>,
        admitted: Vec<Sector>,
        all_present: bool,
    ) {
        if cx.sectors_known() {
            for member in self.space.counted_members() {
                if let Some(sector) = cx.sector_of_id(&member.person.id)
                    && !admitted.contains(&sector)
                {
                    role.outside.push((member, sector));
                }
            }
            if all_present {
                role.missing = admitted
                    .iter()
                    .filter(|sector| !self.sectors.contains_key(&Some(**sector)))
                    .copied()
                    .collect();
            }
        }
        role.admitted = Some(admitted);
    }

    /// The steering group's balance, if the space plays one.
    pub fn balance(&self) -> Option<&Balance> {
        self.roles.iter().find_map(|role| role.balance.as_ref())
    }

    /// The size the space is judged by: a forum's first, then a working group's.
    pub fn size(&self) -> Option<Count> {
        self.roles.iter().find_map(|role| role.size)
    }

    /// The meetings the space's rules count: a forum's plenaries first, then sessions.
    pub fn meetings(&self) -> Option<Meetings> {
        self.roles.iter().find_map(|role| role.meetings)
    }

    /// Counted members outside the sectors some part of the space admits.
    pub fn outside(&self) -> usize {
        self.roles
            .iter()
            .map(|role| role.outside.len())
            .max()
            .unwrap_or(0)
    }

    /// Whether some count is below what the plan asks for.
    pub fn short(&self) -> bool {
        self.counts().any(Count::short) || self.balance().is_some_and(|b| b.uneven())
    }

    /// Whether some count is above what the plan asks for.
    pub fn over(&self) -> bool {
        self.counts().any(Count::over)
    }

    /// Whether members' sectors break some kind's `sectors`.
    pub fn sectors_off(&self) -> bool {
        self.roles
            .iter()
            .any(|role| !role.outside.is_empty() || !role.missing.is_empty())
    }

    fn counts(&self) -> impl Iterator<Item = Count> + '_ {
        self.roles.iter().flat_map(|role| {
            let balance = role
                .balance
                .iter()
                .flat_map(|b| [b.government, b.civil_society]);
            balance
                .chain(role.size)
                .chain(role.meetings.map(|m| m.count))
        })
    }

    /// The space's state in one ASCII word, as `obert status` shows it: `ok`, or what is
    /// off (`short`, `over`, `sectors`, joined by `/`), `unknown` when a rule counts by side
    /// and sides cannot be told, `-` for a space no rule measures.
    pub fn state(&self) -> String {
        if self.roles.iter().all(|role| role.kind == SpaceKind::Online) {
            return "-".to_string();
        }
        if self.space.plays(SpaceKind::SteeringGroup) && self.sides.is_none() {
            return "unknown".to_string();
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
