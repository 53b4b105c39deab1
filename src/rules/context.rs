//! What every rule needs besides the plan: look-ups by id, built once.

use super::IdMap;

use super::standing::Numbers;
use crate::diag::{FileId, Files, Loc};
use crate::load::{Broken, Loaded};
use crate::model::{
    Axis, Commitment, Contribution, Organisation, Person, Plan, Sector, Side, Space,
};

/// The plan with its entries indexed by id, so that no rule searches a list per entry.
/// Where two entries share an id, the first one wins here; `duplicate-id` reports the rest.
#[derive(Debug)]
pub struct Context<'p> {
    pub plan: &'p Plan,
    pub files: &'p Files,
    pub plan_file: FileId,
    pub broken: Broken,
    pub organisations: IdMap<&'p str, &'p Organisation>,
    pub people: IdMap<&'p str, &'p Person>,
    pub spaces: IdMap<&'p str, &'p Space>,
    pub commitments: IdMap<&'p str, &'p Commitment>,
    pub axes: IdMap<&'p str, &'p Axis>,
    pub contributions: IdMap<&'p str, &'p Contribution>,
}

fn index<'p, T>(
    items: impl IntoIterator<Item = &'p T>,
    count: usize,
    id: impl Fn(&'p T) -> &'p str,
) -> IdMap<&'p str, &'p T> {
    // Sized for the entries up front: growing a map rehashes every key it holds.
    let mut map = IdMap::with_capacity_and_hasher(count, Default::default());
    for item in items {
        map.entry(id(item)).or_insert(item);
    }
    map
}

impl<'p> Context<'p> {
    pub fn new(loaded: &'p Loaded) -> Self {
        Self::of(&loaded.plan, &loaded.files, loaded.plan_file, loaded.broken)
    }

    pub fn of(plan: &'p Plan, files: &'p Files, plan_file: FileId, broken: Broken) -> Self {
        Context {
            plan,
            files,
            plan_file,
            broken,
            organisations: index(&plan.organisations, plan.organisations.len(), |o| {
                o.id.as_str()
            }),
            people: index(plan.people.iter(), plan.people.len(), |p| p.id.as_str()),
            spaces: index(&plan.spaces, plan.spaces.len(), |s| s.id.as_str()),
            commitments: index(&plan.commitments, plan.commitments.len(), |c| c.id.as_str()),
            axes: index(&plan.meta.axes, plan.meta.axes.len(), |a| a.id.as_str()),
            contributions: index(
                plan.contributions(),
                plan.contribution_files
                    .iter()
                    .map(|file| file.contributions.len())
                    .sum(),
                |c| c.id.as_str(),
            ),
        }
    }

    /// `path:line`, for messages that mention a second place.
    pub fn at(&self, loc: Loc) -> String {
        let file = self.files.get(loc.file);
        format!(
            "{}:{}",
            file.path,
            file.line_col(loc.span.start as usize).line
        )
    }

    /// Whether every person's sector can be known: not when people.toml or
    /// organisations.toml is broken, and then counts by side or sector would mislead.
    pub fn sectors_known(&self) -> bool {
        !(self.broken.people || self.broken.organisations)
    }

    /// A person's sector: their own, or else their organisation's.
    pub fn sector_of(&self, person: &Person) -> Option<Sector> {
        person.sector.or_else(|| {
            let organisation = person.organisation.as_ref()?;
            self.organisations.get(organisation.id.as_str())?.sector
        })
    }

    /// The numbers `space` is judged by: its own `[rules.<kind>]`, then plan.toml's.
    pub fn numbers(&self, space: &'p Space) -> Numbers<'p> {
        Numbers {
            space: &space.settings,
            plan: &self.plan.meta.settings,
        }
    }

    /// A space's counted members on each side (current, and not `counts = false`). Members
    /// whose side cannot be told (not in people.toml, or without a sector) are counted
    /// apart: they have findings of their own.
    pub fn count_by_side(&self, space: &Space) -> SideCounts {
        let mut counts = SideCounts::default();
        for member in space.counted_members() {
            match self.sector_of_id(&member.person.id).map(Sector::side) {
                Some(Side::Government) => counts.government += 1,
                Some(Side::CivilSociety) => counts.civil_society += 1,
                None => counts.unknown += 1,
            }
        }
        counts
    }

    /// The sector of the person with id `id`, if both are known.
    pub fn sector_of_id(&self, id: &str) -> Option<Sector> {
        self.people
            .get(id)
            .and_then(|person| self.sector_of(person))
    }
}

/// Current members of a space by side; see [`Context::count_by_side`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SideCounts {
    pub government: usize,
    pub civil_society: usize,
    pub unknown: usize,
}
