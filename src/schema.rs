//! JSON Schemas (draft 2020-12) of the plan files, for editors that complete and validate
//! TOML (taplo and the editors built on it read a `#:schema` line or a `.taplo.toml`).
//!
//! obert decodes its files by hand rather than through serde types (so that one bad value
//! still lets the rest of an entry load, with a span for every key), so the schemas cannot be
//! derived from those types. They are built from the loader's own key lists instead
//! ([`crate::load::keys`]) and the closed lists of the model ([`crate::model::Keyword`]), and
//! a test checks that every key the loader accepts has a described field here and that no
//! field is described that the loader would reject. What a key holds and what it means is
//! written once, below.

use serde_json::{Map, Value, json};

use crate::load::keys;
use crate::model::{self, Keyword};

/// What a field holds.
#[derive(Debug, Clone, Copy)]
enum Ty {
    /// Free text that is not translated.
    Str,
    /// A web address.
    Url,
    /// An id, or a reference to one.
    Id,
    /// Text in the plan's primary language, or a table of language → text.
    Text,
    Date,
    Bool,
    /// A whole number from `min`.
    Count(u32),
    /// One word of a closed list.
    Word(fn() -> Vec<&'static str>),
    /// A list of ids.
    Ids,
    /// A list of words of a closed list.
    Words(fn() -> Vec<&'static str>),
    /// A contribution's reference from its source: printable text.
    Reference,
    /// A table of another kind.
    Table(&'static Table),
    /// An array of tables (`[[member]]`).
    Tables(&'static Table),
    /// `[lints]`: rule name → level.
    Lints,
}

/// One kind of TOML table: its keys (the loader's list, in the format's order), which of
/// them must be there, and what each holds.
#[derive(Debug)]
struct Table {
    keys: &'static [&'static str],
    required: &'static [&'static str],
    fields: &'static [(&'static str, Ty, &'static str)],
}

fn words<K: Keyword>() -> Vec<&'static str> {
    K::spellings()
}

fn rule_names() -> Vec<&'static str> {
    crate::rules::RULES.iter().map(|rule| rule.name).collect()
}

const PERIOD: Table = Table {
    keys: keys::PERIOD,
    required: &["start", "end"],
    fields: &[
        ("start", Ty::Date, "The first day."),
        ("end", Ty::Date, "The last day."),
    ],
};

const PARTNER: Table = Table {
    keys: keys::PARTNER,
    required: &["organisation"],
    fields: &[(
        "organisation",
        Ty::Id,
        "An organisation that leads the process: its id in organisations.toml.",
    )],
};

const AXIS: Table = Table {
    keys: keys::AXIS,
    required: &["id", "title"],
    fields: &[
        (
            "id",
            Ty::Id,
            "The axis's id; commitments refer to it with `axis`.",
        ),
        ("title", Ty::Text, "The axis's title."),
    ],
};

const SECTOR_LIST: Ty = Ty::Words(words::<model::Sector>);

const RULES_STEERING_GROUP: Table = Table {
    keys: keys::RULES_STEERING_GROUP,
    required: &[],
    fields: &[
        (
            "government",
            Ty::Count(0),
            "The exact number of government members (default 5).",
        ),
        (
            "civil-society",
            Ty::Count(0),
            "The exact number of non-government members (default 5).",
        ),
    ],
};

const RULES_FORUM: Table = Table {
    keys: keys::RULES_FORUM,
    required: &[],
    fields: &[
        (
            "members",
            Ty::Count(0),
            "The expected number of forum members (default 60).",
        ),
        (
            "plenaries",
            Ty::Count(0),
            "The plenary meetings the forum holds (default 3).",
        ),
        (
            "meeting-gap-days",
            Ty::Count(1),
            "The most days without a forum meeting during implementation (default 183: OGP asks for one at least every six months).",
        ),
        (
            "sectors",
            SECTOR_LIST,
            "The sectors the forum must include.",
        ),
    ],
};

const RULES_WORKING_GROUP: Table = Table {
    keys: keys::RULES_WORKING_GROUP,
    required: &[],
    fields: &[
        (
            "min-members",
            Ty::Count(0),
            "The fewest members a working group may have (default 15).",
        ),
        (
            "max-members",
            Ty::Count(0),
            "The most members a working group may have (default 20).",
        ),
        (
            "sessions",
            Ty::Count(0),
            "The sessions each working group holds (default 3).",
        ),
        (
            "sectors",
            SECTOR_LIST,
            "The sectors each working group must include.",
        ),
    ],
};

const RULES_COMMITMENT: Table = Table {
    keys: keys::RULES_COMMITMENT,
    required: &[],
    fields: &[(
        "sections",
        Ty::Ids,
        "The body sections every commitment must have, by heading id (default problem, causes, description, results).",
    )],
};

const RULES: Table = Table {
    keys: keys::RULES,
    required: &[],
    fields: &[
        (
            "commitments",
            Ty::Count(0),
            "The exact number of commitments (default 5).",
        ),
        (
            "materials-days",
            Ty::Count(0),
            "How many days before a meeting its materials are expected (default 7).",
        ),
        (
            "steering-group",
            Ty::Table(&RULES_STEERING_GROUP),
            "The steering group's balance.",
        ),
        (
            "forum",
            Ty::Table(&RULES_FORUM),
            "The forum's size, plenaries and sectors.",
        ),
        (
            "working-group",
            Ty::Table(&RULES_WORKING_GROUP),
            "Each working group's size, sessions and sectors.",
        ),
        (
            "commitment",
            Ty::Table(&RULES_COMMITMENT),
            "What every commitment must contain.",
        ),
    ],
};

const PLAN: Table = Table {
    keys: keys::PLAN,
    required: &["title", "member", "kind", "stage"],
    fields: &[
        ("title", Ty::Text, "The plan's title."),
        (
            "member",
            Ty::Str,
            "The OGP member: the region, city or country.",
        ),
        (
            "kind",
            Ty::Word(words::<model::PlanKind>),
            "An OGP Local or a national plan.",
        ),
        (
            "languages",
            Ty::Ids,
            "The plan's languages; the first is the language of plain text fields.",
        ),
        (
            "stage",
            Ty::Word(words::<model::Stage>),
            "Where the plan is in its life.",
        ),
        ("website", Ty::Url, "The public page of the process."),
        (
            "vision",
            Ty::Str,
            "The path of the strategic vision's Markdown file (default vision.md).",
        ),
        ("cocreation", Ty::Table(&PERIOD), "The co-creation period."),
        (
            "implementation",
            Ty::Table(&PERIOD),
            "The implementation period of the commitments.",
        ),
        (
            "partner",
            Ty::Tables(&PARTNER),
            "The organisations that lead the process.",
        ),
        (
            "axis",
            Ty::Tables(&AXIS),
            "The work axes that commitments belong to.",
        ),
        (
            "rules",
            Ty::Table(&RULES),
            "The numbers the rules check the plan against.",
        ),
        (
            "lints",
            Ty::Lints,
            "How severe each rule's findings are: error, warn or allow.",
        ),
    ],
};

const ORGANISATION: Table = Table {
    keys: keys::ORGANISATION,
    required: &["id", "name", "sector"],
    fields: &[
        ("id", Ty::Id, "The organisation's id."),
        ("name", Ty::Str, "Its name."),
        (
            "sector",
            Ty::Word(words::<model::Sector>),
            "Its sector; public-administration is the government side.",
        ),
        (
            "level",
            Ty::Word(words::<model::Level>),
            "Its level of government.",
        ),
    ],
};

const PERSON: Table = Table {
    keys: keys::PERSON,
    required: &["id"],
    fields: &[
        (
            "id",
            Ty::Id,
            "The person's id, usually pseudonymous (`diba-1`).",
        ),
        (
            "organisation",
            Ty::Id,
            "The organisation they represent: its id.",
        ),
        (
            "sector",
            Ty::Word(words::<model::Sector>),
            "Their sector, when it is not their organisation's.",
        ),
        (
            "name",
            Ty::Str,
            "Their name; published only with `public = true`.",
        ),
        (
            "public",
            Ty::Bool,
            "Whether they consented to their name being published (default false).",
        ),
        ("email", Ty::Str, "Private: never shown in any output."),
        ("phone", Ty::Str, "Private: never shown in any output."),
        (
            "gender",
            Ty::Word(words::<model::Gender>),
            "Only ever counted, never shown.",
        ),
    ],
};

const MEMBER: Table = Table {
    keys: keys::MEMBER,
    required: &["person"],
    fields: &[
        (
            "person",
            Ty::Id,
            "The member: a person's id in people.toml.",
        ),
        ("role", Ty::Str, "Their role in the space."),
        ("since", Ty::Date, "When they joined."),
        (
            "until",
            Ty::Date,
            "When they left; a member who left no longer counts.",
        ),
    ],
};

const MEETING: Table = Table {
    keys: keys::MEETING,
    required: &["id", "date", "kind"],
    fields: &[
        ("id", Ty::Id, "The meeting's id, unique within the space."),
        ("date", Ty::Date, "The day it was held."),
        (
            "kind",
            Ty::Word(words::<model::MeetingKind>),
            "A forum's plenary, a working group's session, or another meeting.",
        ),
        ("title", Ty::Text, "Its title."),
        (
            "attendees",
            Ty::Ids,
            "The people who attended: ids in people.toml.",
        ),
        (
            "minutes",
            Ty::Str,
            "The minutes: a path inside the plan folder, or a URL.",
        ),
        (
            "materials-published",
            Ty::Date,
            "When its materials were published.",
        ),
    ],
};

const PHASE: Table = Table {
    keys: keys::PHASE,
    required: &["id", "start", "end"],
    fields: &[
        ("id", Ty::Id, "The phase's id."),
        ("title", Ty::Text, "Its title."),
        ("start", Ty::Date, "The day it opened."),
        ("end", Ty::Date, "The day it closed."),
    ],
};

const SPACE: Table = Table {
    keys: keys::SPACE,
    required: &["kind", "name"],
    fields: &[
        (
            "kind",
            Ty::Word(words::<model::SpaceKind>),
            "What kind of co-creation space it is.",
        ),
        ("name", Ty::Text, "Its name."),
        ("purpose", Ty::Text, "What it is for."),
        ("url", Ty::Url, "Its page (online spaces)."),
        ("rules-url", Ty::Url, "Where its public rules live."),
        ("member", Ty::Tables(&MEMBER), "Its members."),
        ("meeting", Ty::Tables(&MEETING), "Its meetings."),
        (
            "phase",
            Ty::Tables(&PHASE),
            "An online space's consultation windows.",
        ),
    ],
};

const MILESTONE: Table = Table {
    keys: keys::MILESTONE,
    required: &["title", "due"],
    fields: &[
        ("title", Ty::Text, "What the milestone achieves."),
        ("output", Ty::Text, "The verifiable deliverable."),
        ("due", Ty::Date, "When it is due."),
        ("stakeholders", Ty::Ids, "The organisations involved: ids."),
        (
            "completion",
            Ty::Word(words::<model::Completion>),
            "How far it is done.",
        ),
    ],
};

const COMMITMENT: Table = Table {
    keys: keys::COMMITMENT,
    required: &["number", "title"],
    fields: &[
        (
            "number",
            Ty::Count(1),
            "Its number, from 1: the order in the document.",
        ),
        ("ogp-id", Ty::Str, "The id OGP assigned after submission."),
        ("title", Ty::Text, "Its title."),
        (
            "axis",
            Ty::Id,
            "The work axis it belongs to: an axis id from plan.toml.",
        ),
        (
            "working-group",
            Ty::Id,
            "The working group that co-created it: a space id.",
        ),
        (
            "lead",
            Ty::Ids,
            "The lead organisations (government side): ids.",
        ),
        ("supporting", Ty::Ids, "The supporting organisations: ids."),
        (
            "values",
            Ty::Words(words::<model::Value>),
            "The OGP values it advances.",
        ),
        ("start", Ty::Date, "When its implementation starts."),
        ("end", Ty::Date, "When its implementation ends."),
        (
            "status",
            Ty::Word(words::<model::CommitmentStatus>),
            "Where its text stands.",
        ),
        (
            "completion",
            Ty::Word(words::<model::Completion>),
            "How far it is done.",
        ),
        ("milestone", Ty::Tables(&MILESTONE), "Its milestones."),
    ],
};

const RESPONSE: Table = Table {
    keys: keys::RESPONSE,
    required: &["status"],
    fields: &[
        (
            "status",
            Ty::Word(words::<model::ResponseStatus>),
            "What was done with the contribution.",
        ),
        ("reason", Ty::Text, "Why; required unless accepted."),
        ("by", Ty::Id, "The space that answered: its id."),
        ("date", Ty::Date, "When it was answered."),
    ],
};

const CONTRIBUTION: Table = Table {
    keys: keys::CONTRIBUTION,
    required: &["id", "kind"],
    fields: &[
        (
            "id",
            Ty::Reference,
            "The reference its source gave it (`II-PROP-2021-05-1234`).",
        ),
        (
            "kind",
            Ty::Word(words::<model::ContributionKind>),
            "A proposal, or a comment on one.",
        ),
        ("date", Ty::Date, "When it was made."),
        ("title", Ty::Text, "Its title."),
        ("body", Ty::Text, "Its text."),
        (
            "author",
            Ty::Str,
            "A display name, or anonymous; never an e-mail address.",
        ),
        (
            "about",
            Ty::Id,
            "The axis or commitment it is about: an id.",
        ),
        (
            "in-reply-to",
            Ty::Reference,
            "For a comment: the contribution it answers.",
        ),
        (
            "supports",
            Ty::Count(0),
            "Supports it received at the source.",
        ),
        (
            "comments",
            Ty::Count(0),
            "Comments it received at the source.",
        ),
        (
            "withdrawn",
            Ty::Bool,
            "Withdrawn by its author; then no response is owed.",
        ),
        (
            "response",
            Ty::Table(&RESPONSE),
            "The reasoned response the plan owes it.",
        ),
    ],
};

const CONTRIBUTIONS: Table = Table {
    keys: keys::CONTRIBUTIONS,
    required: &["space"],
    fields: &[
        (
            "space",
            Ty::Id,
            "The online space they were made in: a space id.",
        ),
        ("phase", Ty::Id, "The phase of that space: a phase id."),
        (
            "contribution",
            Ty::Tables(&CONTRIBUTION),
            "The contributions.",
        ),
    ],
};

const ORGANISATIONS: Table = Table {
    keys: &["organisation"],
    required: &[],
    fields: &[(
        "organisation",
        Ty::Tables(&ORGANISATION),
        "The organisations taking part.",
    )],
};

const PEOPLE: Table = Table {
    keys: &["person"],
    required: &[],
    fields: &[(
        "person",
        Ty::Tables(&PERSON),
        "The people in the co-creation spaces.",
    )],
};

/// Every schema: its file name, what it describes, and the root table.
const FILES: &[(&str, &str, &Table)] = &[
    (
        "plan.schema.json",
        "plan.toml: the plan's title, periods, languages, stage, axes, rules and lints",
        &PLAN,
    ),
    (
        "organisations.schema.json",
        "organisations.toml: the organisations taking part",
        &ORGANISATIONS,
    ),
    (
        "people.schema.json",
        "people.toml: the people in the co-creation spaces",
        &PEOPLE,
    ),
    (
        "space.schema.json",
        "spaces/<id>.toml: one co-creation space, its members, meetings and phases",
        &SPACE,
    ),
    (
        "contributions.schema.json",
        "contributions/<id>.toml: contributions from an online space, each with its response",
        &CONTRIBUTIONS,
    ),
    (
        "commitment.schema.json",
        "The TOML front matter of commitments/<id>.md",
        &COMMITMENT,
    ),
];

/// Every schema, as (file name, pretty-printed JSON with a final newline).
pub fn all() -> Vec<(&'static str, String)> {
    FILES
        .iter()
        .map(|(name, title, table)| {
            let mut schema = Map::new();
            schema.insert(
                "$schema".into(),
                json!("https://json-schema.org/draft/2020-12/schema"),
            );
            schema.insert("title".into(), json!(format!("obert plan format: {title}")));
            if let Value::Object(body) = table_schema(table) {
                schema.extend(body);
            }
            let mut text = serde_json::to_string_pretty(&Value::Object(schema)).unwrap_or_default();
            text.push('\n');
            (*name, text)
        })
        .collect()
}

fn table_schema(table: &Table) -> Value {
    let mut properties = Map::new();
    let described = table
        .keys
        .iter()
        .filter_map(|key| table.fields.iter().find(|(k, _, _)| k == key));
    for (key, ty, description) in described {
        let mut field = ty_schema(*ty);
        if let Value::Object(map) = &mut field {
            map.insert("description".into(), json!(description));
        }
        properties.insert((*key).to_string(), field);
    }
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !table.required.is_empty()
        && let Value::Object(map) = &mut schema
    {
        map.insert("required".into(), json!(table.required));
    }
    schema
}

const SLUG: &str = "^[a-z0-9][a-z0-9-]{0,63}$";

fn ty_schema(ty: Ty) -> Value {
    match ty {
        Ty::Str => json!({ "type": "string" }),
        Ty::Url => json!({ "type": "string", "format": "uri" }),
        Ty::Id => json!({ "type": "string", "pattern": SLUG }),
        Ty::Text => json!({
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "propertyNames": { "pattern": SLUG },
                    "additionalProperties": { "type": "string" },
                    "minProperties": 1,
                },
            ],
        }),
        // TOML local dates (`2021-05-06`); taplo checks them against this format.
        Ty::Date => json!({ "type": "string", "format": "date" }),
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::Count(min) => json!({ "type": "integer", "minimum": min, "maximum": u32::MAX }),
        Ty::Word(list) => json!({ "type": "string", "enum": list() }),
        Ty::Ids => json!({ "type": "array", "items": { "type": "string", "pattern": SLUG } }),
        Ty::Words(list) => json!({
            "type": "array",
            "items": { "type": "string", "enum": list() },
            "uniqueItems": true,
        }),
        Ty::Reference => json!({
            "type": "string",
            "minLength": 1,
            "maxLength": 128,
            "pattern": "^[^\\u0000-\\u001f\\u007f]+$",
        }),
        Ty::Table(table) => table_schema(table),
        Ty::Tables(table) => json!({ "type": "array", "items": table_schema(table) }),
        Ty::Lints => json!({
            "type": "object",
            "propertyNames": { "enum": rule_names() },
            "additionalProperties": { "type": "string", "enum": ["error", "warn", "allow"] },
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table schema, reached from the roots.
    fn tables() -> Vec<&'static Table> {
        let mut found: Vec<&'static Table> = Vec::new();
        let mut stack: Vec<&'static Table> = FILES.iter().map(|(_, _, t)| *t).collect();
        while let Some(table) = stack.pop() {
            if found.iter().any(|t| std::ptr::eq(*t, table)) {
                continue;
            }
            found.push(table);
            for (_, ty, _) in table.fields {
                if let Ty::Table(inner) | Ty::Tables(inner) = ty {
                    stack.push(inner);
                }
            }
        }
        found
    }

    #[test]
    fn every_key_the_loader_accepts_is_described_and_no_other() {
        for table in tables() {
            let described: Vec<&str> = table.fields.iter().map(|(key, _, _)| *key).collect();
            assert_eq!(described, table.keys, "fields and the loader's keys differ");
            for required in table.required {
                assert!(table.keys.contains(required), "`{required}` is not a key");
            }
            for (key, _, description) in table.fields {
                assert!(!description.trim().is_empty(), "`{key}` has no description");
            }
        }
    }

    #[test]
    fn schemas_are_closed() {
        for (name, text) in all() {
            let schema: Value = serde_json::from_str(&text).expect("JSON");
            assert_eq!(schema["additionalProperties"], json!(false), "{name}");
            assert_eq!(
                schema["$schema"],
                json!("https://json-schema.org/draft/2020-12/schema")
            );
        }
    }
}
