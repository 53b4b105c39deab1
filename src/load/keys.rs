//! The keys each kind of table may hold, in the order docs/format.md lists them. The loader
//! rejects any other key; `obert fmt` orders keys this way; the edit commands put a new key
//! where this order says. One list per table, so the three can never disagree.

pub const PLAN: &[&str] = &[
    "title",
    "member",
    "kind",
    "languages",
    "stage",
    "website",
    "vision",
    "cocreation",
    "implementation",
    "partner",
    "axis",
    "rules",
    "lints",
];
pub const PERIOD: &[&str] = &["start", "end"];
pub const PARTNER: &[&str] = &["organisation"];
pub const AXIS: &[&str] = &["id", "title"];
pub const RULES: &[&str] = &[
    "commitments",
    "materials-days",
    "steering-group",
    "forum",
    "working-group",
    "commitment",
];
pub const RULES_STEERING_GROUP: &[&str] = &["government", "civil-society"];
pub const RULES_FORUM: &[&str] = &["members", "plenaries", "meeting-gap-days", "sectors"];
pub const RULES_WORKING_GROUP: &[&str] = &["min-members", "max-members", "sessions", "sectors"];
pub const RULES_COMMITMENT: &[&str] = &["sections"];

pub const ORGANISATION: &[&str] = &["id", "name", "sector", "level"];
pub const PERSON: &[&str] = &[
    "id",
    "organisation",
    "sector",
    "name",
    "public",
    "email",
    "phone",
    "gender",
];

pub const SPACE: &[&str] = &[
    "kind",
    "name",
    "purpose",
    "url",
    "rules-url",
    "member",
    "meeting",
    "phase",
];
pub const MEMBER: &[&str] = &["person", "role", "since", "until"];
pub const MEETING: &[&str] = &[
    "id",
    "date",
    "kind",
    "title",
    "attendees",
    "minutes",
    "materials-published",
];
pub const PHASE: &[&str] = &["id", "title", "start", "end"];

pub const COMMITMENT: &[&str] = &[
    "number",
    "ogp-id",
    "title",
    "axis",
    "working-group",
    "lead",
    "supporting",
    "values",
    "start",
    "end",
    "status",
    "completion",
    "milestone",
];
pub const MILESTONE: &[&str] = &["title", "output", "due", "stakeholders", "completion"];

pub const CONTRIBUTIONS: &[&str] = &["space", "phase", "contribution"];
pub const CONTRIBUTION: &[&str] = &[
    "id",
    "kind",
    "date",
    "title",
    "body",
    "author",
    "about",
    "in-reply-to",
    "supports",
    "comments",
    "withdrawn",
    "response",
];
pub const RESPONSE: &[&str] = &["status", "reason", "by", "date"];
