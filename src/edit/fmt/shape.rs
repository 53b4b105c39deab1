//! How the plan's tables nest, for ordering them: each table's keys come from
//! [`crate::load::keys`] (the loader's own lists, in FORMAT.md's order), and a key that holds
//! tables names the shape of those tables.

use crate::load::keys;

/// The keys of one kind of table, in the format's order, and the shapes of the tables that
/// some of them hold.
#[derive(Debug)]
pub(super) struct Shape {
    keys: &'static [&'static str],
    tables: &'static [(&'static str, &'static Shape)],
}

impl Shape {
    pub(super) fn rank(&self, key: &str) -> usize {
        self.keys
            .iter()
            .position(|known| *known == key)
            .unwrap_or(self.keys.len())
    }

    pub(super) fn child(&self, key: &str) -> Option<&'static Shape> {
        self.tables
            .iter()
            .find(|(known, _)| *known == key)
            .map(|(_, shape)| *shape)
    }
}

const fn leaf(keys: &'static [&'static str]) -> Shape {
    Shape { keys, tables: &[] }
}

// Lint names are free keys, so `[lints]` has no shape: its order is the author's.
pub(super) static PLAN: Shape = Shape {
    keys: keys::PLAN,
    tables: &[
        ("cocreation", &PERIOD),
        ("implementation", &PERIOD),
        ("partner", &PARTNER),
        ("axis", &AXIS),
        ("rules", &RULES),
    ],
};
static PERIOD: Shape = leaf(keys::PERIOD);
static PARTNER: Shape = leaf(keys::PARTNER);
static AXIS: Shape = leaf(keys::AXIS);
static RULES: Shape = Shape {
    keys: keys::RULES,
    tables: &[
        ("steering-group", &STEERING_GROUP_RULES),
        ("forum", &FORUM_RULES),
        ("working-group", &WORKING_GROUP_RULES),
        ("commitment", &COMMITMENT_RULES),
    ],
};
static STEERING_GROUP_RULES: Shape = leaf(keys::RULES_STEERING_GROUP);
static FORUM_RULES: Shape = leaf(keys::RULES_FORUM);
static WORKING_GROUP_RULES: Shape = leaf(keys::RULES_WORKING_GROUP);
static COMMITMENT_RULES: Shape = leaf(keys::RULES_COMMITMENT);

pub(super) static ORGANISATIONS: Shape = Shape {
    keys: &["organisation"],
    tables: &[("organisation", &ORGANISATION)],
};
static ORGANISATION: Shape = leaf(keys::ORGANISATION);

pub(super) static PEOPLE: Shape = Shape {
    keys: &["person"],
    tables: &[("person", &PERSON)],
};
static PERSON: Shape = leaf(keys::PERSON);

pub(super) static SPACE: Shape = Shape {
    keys: keys::SPACE,
    tables: &[
        ("member", &MEMBER),
        ("meeting", &MEETING),
        ("phase", &PHASE),
    ],
};
static MEMBER: Shape = leaf(keys::MEMBER);
static MEETING: Shape = leaf(keys::MEETING);
static PHASE: Shape = leaf(keys::PHASE);

pub(super) static COMMITMENT: Shape = Shape {
    keys: keys::COMMITMENT,
    tables: &[("milestone", &MILESTONE)],
};
static MILESTONE: Shape = leaf(keys::MILESTONE);

pub(super) static CONTRIBUTIONS: Shape = Shape {
    keys: keys::CONTRIBUTIONS,
    tables: &[("contribution", &CONTRIBUTION)],
};
static CONTRIBUTION: Shape = Shape {
    keys: keys::CONTRIBUTION,
    tables: &[("response", &RESPONSE)],
};
static RESPONSE: Shape = leaf(keys::RESPONSE);
