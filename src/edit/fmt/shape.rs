//! The keys of every table of the plan format, in the order FORMAT.md's examples list them.

/// The keys FORMAT.md lists for one kind of table, in its order, each with the shape of the
/// tables it holds, if it holds any.
#[derive(Debug)]
pub(super) struct Shape(&'static [(&'static str, Option<&'static Shape>)]);

impl Shape {
    pub(super) fn rank(&self, key: &str) -> usize {
        self.0
            .iter()
            .position(|(known, _)| *known == key)
            .unwrap_or(self.0.len())
    }

    pub(super) fn child(&self, key: &str) -> Option<&'static Shape> {
        self.0
            .iter()
            .find(|(known, _)| *known == key)
            .and_then(|(_, shape)| *shape)
    }
}

pub(super) static PLAN: Shape = Shape(&[
    ("title", None),
    ("member", None),
    ("kind", None),
    ("languages", None),
    ("stage", None),
    ("website", None),
    ("vision", None),
    ("cocreation", Some(&PERIOD)),
    ("implementation", Some(&PERIOD)),
    ("partner", Some(&PARTNER)),
    ("axis", Some(&AXIS)),
    ("rules", Some(&RULES)),
    // Lint names are free keys: their order is the author's.
    ("lints", None),
]);
static PERIOD: Shape = Shape(&[("start", None), ("end", None)]);
static PARTNER: Shape = Shape(&[("organisation", None)]);
static AXIS: Shape = Shape(&[("id", None), ("title", None)]);
static RULES: Shape = Shape(&[
    ("commitments", None),
    ("steering-group", Some(&STEERING_GROUP_RULES)),
    ("forum", Some(&FORUM_RULES)),
    ("working-group", Some(&WORKING_GROUP_RULES)),
    ("commitment", Some(&COMMITMENT_RULES)),
]);
static STEERING_GROUP_RULES: Shape = Shape(&[("government", None), ("civil-society", None)]);
static FORUM_RULES: Shape = Shape(&[("members", None), ("plenaries", None), ("sectors", None)]);
static WORKING_GROUP_RULES: Shape = Shape(&[
    ("min-members", None),
    ("max-members", None),
    ("sessions", None),
    ("sectors", None),
]);
static COMMITMENT_RULES: Shape = Shape(&[("sections", None)]);

pub(super) static ORGANISATIONS: Shape = Shape(&[("organisation", Some(&ORGANISATION))]);
static ORGANISATION: Shape = Shape(&[
    ("id", None),
    ("name", None),
    ("sector", None),
    ("level", None),
]);

pub(super) static PEOPLE: Shape = Shape(&[("person", Some(&PERSON))]);
static PERSON: Shape = Shape(&[
    ("id", None),
    ("organisation", None),
    ("sector", None),
    ("name", None),
    ("public", None),
    ("email", None),
    ("phone", None),
    ("gender", None),
]);

pub(super) static SPACE: Shape = Shape(&[
    ("kind", None),
    ("name", None),
    ("purpose", None),
    ("url", None),
    ("rules-url", None),
    ("member", Some(&MEMBER)),
    ("meeting", Some(&MEETING)),
    ("phase", Some(&PHASE)),
]);
static MEMBER: Shape = Shape(&[
    ("person", None),
    ("role", None),
    ("since", None),
    ("until", None),
]);
static MEETING: Shape = Shape(&[
    ("id", None),
    ("date", None),
    ("kind", None),
    ("title", None),
    ("attendees", None),
    ("minutes", None),
    ("materials-published", None),
]);
static PHASE: Shape = Shape(&[
    ("id", None),
    ("title", None),
    ("start", None),
    ("end", None),
]);

pub(super) static COMMITMENT: Shape = Shape(&[
    ("number", None),
    ("ogp-id", None),
    ("title", None),
    ("axis", None),
    ("working-group", None),
    ("lead", None),
    ("supporting", None),
    ("values", None),
    ("start", None),
    ("end", None),
    ("status", None),
    ("completion", None),
    ("milestone", Some(&MILESTONE)),
]);
static MILESTONE: Shape = Shape(&[
    ("title", None),
    ("output", None),
    ("due", None),
    ("stakeholders", None),
    ("completion", None),
]);

pub(super) static CONTRIBUTIONS: Shape = Shape(&[
    ("space", None),
    ("phase", None),
    ("contribution", Some(&CONTRIBUTION)),
]);
static CONTRIBUTION: Shape = Shape(&[
    ("id", None),
    ("kind", None),
    ("date", None),
    ("title", None),
    ("body", None),
    ("author", None),
    ("about", None),
    ("in-reply-to", None),
    ("supports", None),
    ("comments", None),
    ("withdrawn", None),
    ("response", Some(&RESPONSE)),
]);
static RESPONSE: Shape = Shape(&[
    ("status", None),
    ("reason", None),
    ("by", None),
    ("date", None),
]);
