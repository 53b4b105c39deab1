//! plan.toml: the plan's identity, its periods, partners and axes, the numbers its rules
//! check against, and the level of each rule.
//!
//! The keys that hold one value (directly, or in `[cocreation]`, `[implementation]` and the
//! `[rules]` tables) are the plan's *settings*: the loader reads them without naming them
//! ([`super::Settings`]), `obert plan set` takes them by dotted name (`rules.forum.members`),
//! and `obert diff` compares each. The ones that code reads are `pub static`s, so that a
//! rule asks for `settings.count(&rules::forum::MEMBERS)` and a misspelt key cannot compile.

use super::{Fallback, Key, Set, Table, Ty, words};
use crate::model::{BalanceRule, EntryKind, MinutesMode, PlanKind, Sector, Stage};

/// The defaults of `sectors` for a forum and working groups: those of the Catalan process
/// obert was first shaped by (a plan widens or narrows them in `[rules.*] sectors`).
const DEFAULT_SECTORS: &[&str] = &[
    "public-administration",
    "open-government-entity",
    "generalist-entity",
    "expert",
];

pub static TITLE: Key = Key::new(
    "title",
    Ty::Text,
    "The plan's title, as it heads the document",
)
.required()
.example("\"Open government action plan 2025-2027\"");

pub static OGP_MEMBER: Key = Key::new(
    "member",
    Ty::Str,
    "The OGP member the plan belongs to: the country, region or city",
)
.required()
.example("\"Catalunya\"");

pub static KIND: Key = Key::new(
    "kind",
    Ty::Word(words::<PlanKind>),
    "The kind of OGP membership: OGP Local, or a national plan",
)
.required()
.example("\"local\"");

pub static LANGUAGES: Key = Key::new(
    "languages",
    Ty::Strings,
    "The plan's languages, as codes such as `ca`, `es` or `en`: the first is the language its text is written in, the others those it is translated into",
)
.required()
.example("[\"ca\", \"es\", \"en\"]");

pub static STAGE: Key = Key::new(
    "stage",
    Ty::Word(words::<Stage>),
    "Where the plan is in its life; past co-creation, every contribution is owed its reasoned response",
)
.required()
.example("\"co-creation\"");

pub static WEBSITE: Key = Key::new("website", Ty::Url, "The public web page of the process")
    .example("\"https://participa.example.org/processes/ogp\"");

/// Imported times carry their own offset (participa.gencat.cat exports UTC): the zone says
/// which day they fall on for the process, and so which phase they belong to.
pub static TIMEZONE: Key = Key::new(
    "timezone",
    Ty::Str,
    "The process's time zone, an IANA name such as `Europe/Madrid`: imported times are converted to it before their date and phase are decided",
)
.example("\"Europe/Madrid\"");

pub static VISION: Key = Key::new(
    "vision",
    Ty::Path,
    "The file inside the plan folder that holds the strategic vision",
)
.default(Fallback::Str("vision.md"))
.example("\"vision.md\"")
// `vision` is also what diff calls the vision's text.
.diff_as("vision file");

pub static COCREATION_START: Key = Key::new("start", Ty::Date, "The first day of co-creation")
    .required()
    .example("2021-05-01");

pub static COCREATION_END: Key = Key::new("end", Ty::Date, "The last day of co-creation")
    .required()
    .example("2021-10-31");

/// Both ends of a period are needed, so `obert plan set` takes a whole period as
/// `START..END` as well as each end.
pub static COCREATION_PERIOD: Table = Table {
    name: "[cocreation]",
    what: "`[cocreation]`",
    doc: "The co-creation period, both ends included",
    keys: &[&COCREATION_START, &COCREATION_END],
};

pub static COCREATION: Key = Key::new(
    "cocreation",
    Ty::Table(&COCREATION_PERIOD),
    "The co-creation period, when the plan is drafted with civil society: forum plenaries and working-group sessions fall inside it",
);

pub static IMPLEMENTATION_START: Key =
    Key::new("start", Ty::Date, "The first day of implementation")
        .required()
        .example("2021-12-01");

pub static IMPLEMENTATION_END: Key = Key::new("end", Ty::Date, "The last day of implementation")
    .required()
    .example("2023-05-31");

pub static IMPLEMENTATION_PERIOD: Table = Table {
    name: "[implementation]",
    what: "`[implementation]`",
    doc: "The implementation period, both ends included",
    keys: &[&IMPLEMENTATION_START, &IMPLEMENTATION_END],
};

pub static IMPLEMENTATION: Key = Key::new(
    "implementation",
    Ty::Table(&IMPLEMENTATION_PERIOD),
    "The implementation period, when the commitments are carried out; it starts after co-creation ends",
);

pub static PARTNER: Table = Table {
    name: "[[partner]]",
    what: "a `[[partner]]` entry",
    doc: "An organisation that leads the process",
    keys: &[
        &Key::new(
            "organisation",
            Ty::Ref(&[EntryKind::Organisation]),
            "The organisation: its id in organisations.toml",
        )
        .required()
        .set(Set::No(
            "is the partner itself: remove the partner and add another",
        ))
        .example("\"city-council\""),
        &super::ALLOW,
    ],
};

pub static AXIS: Table = Table {
    name: "[[axis]]",
    what: "an `[[axis]]` entry",
    doc: "A work axis that commitments and contributions may belong to",
    keys: &[
        &Key::new(
            "id",
            Ty::Id,
            "The axis's id; commitments refer to it with `axis`",
        )
        .required()
        .set(Set::No("is the axis's id, which commitments refer to"))
        .example("\"participation\""),
        &Key::new("title", Ty::Text, "The axis's title")
            .required()
            .example("\"Citizen participation\""),
        &super::ALLOW,
    ],
};

/// The numbers the rules check a plan against. Every key is optional; the defaults are the
/// design of the Catalan co-creation process that obert ships as its example.
pub mod rules {
    use super::*;

    pub static COMMITMENTS: Key = Key::new(
        "commitments",
        Ty::Count { min: 0 },
        "The exact number of commitments (`commitment-count`)",
    )
    .default(Fallback::Count(5));

    pub static PROGRESS_DAYS: Key = Key::new(
        "progress-days",
        Ty::Count { min: 1 },
        "During implementation, the most days between two publications of progress (`publication-gap`) and between two reports on a commitment (`progress-stale`)",
    )
    .default(Fallback::Note("183 for a national plan, 122 for a local one"))
    .example("183");

    pub static MATERIALS_DAYS: Key = Key::new(
        "materials-days",
        Ty::Count { min: 0 },
        "How many days before a meeting its materials are expected (`materials-late`)",
    )
    .default(Fallback::Count(7));

    pub mod steering_group {
        use super::*;

        pub static GOVERNMENT: Key = Key::new(
            "government",
            Ty::Count { min: 0 },
            "The exact number of current government members (`steering-group-balance`)",
        )
        .default(Fallback::Count(5));

        pub static CIVIL_SOCIETY: Key = Key::new(
            "civil-society",
            Ty::Count { min: 0 },
            "The exact number of current non-government members (`steering-group-balance`)",
        )
        .default(Fallback::Count(5));

        pub static BALANCE: Key = Key::new(
            "balance",
            Ty::Word(words::<BalanceRule>),
            "How the sides are judged: `exact` (exactly `government` + `civil-society`), `at-least` (at least that many on each side) or `parity` (as many on each side, and at least that many)",
        )
        .default(Fallback::Str("exact"))
        .example("\"parity\"");

        pub static TABLE: Table = Table {
            name: "[rules.steering-group]",
            what: "`[rules.steering-group]`",
            doc: "The steering group's balance of sides",
            keys: &[&GOVERNMENT, &CIVIL_SOCIETY, &BALANCE],
        };
    }

    pub mod forum {
        use super::*;

        pub static MEMBERS: Key = Key::new(
            "members",
            Ty::Count { min: 0 },
            "The expected number of current forum members (`forum-size`)",
        )
        .default(Fallback::Count(60));

        pub static PLENARIES: Key = Key::new(
            "plenaries",
            Ty::Count { min: 0 },
            "The fewest plenary meetings the forum holds (`plenary-count`)",
        )
        .default(Fallback::Count(3));

        pub static MEETING_GAP_DAYS: Key = Key::new(
            "meeting-gap-days",
            Ty::Count { min: 1 },
            "The most days without a forum meeting during implementation (`forum-meeting-gap`; OGP asks for one at least every six months)",
        )
        .default(Fallback::Count(183));

        pub static SECTORS: Key = Key::new(
            "sectors",
            Ty::Words(words::<Sector>),
            "The sectors the forum admits, each of which should have a member (`member-sector`, `sector-missing`); a list replaces the default",
        )
        .default(Fallback::List(DEFAULT_SECTORS));

        pub static TABLE: Table = Table {
            name: "[rules.forum]",
            what: "`[rules.forum]`",
            doc: "The forum's size, plenaries, meeting frequency and sectors",
            keys: &[&MEMBERS, &PLENARIES, &MEETING_GAP_DAYS, &SECTORS],
        };
    }

    pub mod working_group {
        use super::*;

        pub static MIN_MEMBERS: Key = Key::new(
            "min-members",
            Ty::Count { min: 0 },
            "The fewest current members a working group may have (`working-group-size`)",
        )
        .default(Fallback::Count(15));

        pub static MAX_MEMBERS: Key = Key::new(
            "max-members",
            Ty::Count { min: 0 },
            "The most current members a working group may have (`working-group-size`)",
        )
        .default(Fallback::Count(20));

        pub static SESSIONS: Key = Key::new(
            "sessions",
            Ty::Count { min: 0 },
            "The fewest sessions each working group holds (`session-count`)",
        )
        .default(Fallback::Count(3));

        pub static SECTORS: Key = Key::new(
            "sectors",
            Ty::Words(words::<Sector>),
            "The sectors a working group admits (`member-sector`); a list replaces the default",
        )
        .default(Fallback::List(DEFAULT_SECTORS));

        pub static TABLE: Table = Table {
            name: "[rules.working-group]",
            what: "`[rules.working-group]`",
            doc: "Each working group's size, sessions and sectors",
            keys: &[&MIN_MEMBERS, &MAX_MEMBERS, &SESSIONS, &SECTORS],
        };
    }

    pub mod commitment {
        use super::*;

        pub static SECTIONS: Key = Key::new(
            "sections",
            Ty::Slugs,
            "The body sections every commitment must have written, by heading id (`commitment-section`); a list replaces the default",
        )
        .default(Fallback::List(&["problem", "causes", "description", "results"]));

        pub static TABLE: Table = Table {
            name: "[rules.commitment]",
            what: "`[rules.commitment]`",
            doc: "What every commitment must contain",
            keys: &[&SECTIONS],
        };
    }

    pub static STEERING_GROUP: Key = Key::new(
        "steering-group",
        Ty::Table(&steering_group::TABLE),
        "The steering group's balance",
    );

    pub static FORUM: Key = Key::new(
        "forum",
        Ty::Table(&forum::TABLE),
        "The forum's size, plenaries and sectors",
    );

    pub static WORKING_GROUP: Key = Key::new(
        "working-group",
        Ty::Table(&working_group::TABLE),
        "Each working group's size, sessions and sectors",
    );

    pub static TABLE: Table = Table {
        name: "[rules]",
        what: "`[rules]`",
        doc: "The numbers the rules check the plan against; every key is optional and keeps its default when left out",
        keys: &[
            &COMMITMENTS,
            &MATERIALS_DAYS,
            &PROGRESS_DAYS,
            &STEERING_GROUP,
            &FORUM,
            &WORKING_GROUP,
            &Key::new(
                "commitment",
                Ty::Table(&commitment::TABLE),
                "What every commitment must contain",
            ),
        ],
    };

    /// `[rules.<kind>]` in a space file: the numbers of plan.toml's table of the same name,
    /// for this space only, for its own kind and the kinds it serves as.
    pub static SPACE_TABLE: Table = Table {
        name: "[rules] of a space",
        what: "the `[rules]` of a space",
        doc: "Numbers for this space only, overriding plan.toml's for its own kind and the kinds it serves as",
        keys: &[&STEERING_GROUP, &FORUM, &WORKING_GROUP],
    };
}

/// `[document]`: what the rendered document holds, in which order, and where the files it
/// links to are published.
pub mod document {
    use super::*;

    /// The chapters obert writes itself; any other id is a Markdown file of the plan's own.
    pub const BUILT_IN: &[&str] = &[
        "vision",
        "process",
        "contributions",
        "commitments",
        "standards",
        "annex",
    ];

    pub static CHAPTERS: Key = Key::new(
        "chapters",
        Ty::Slugs,
        "The document's chapters in order: the built-in `vision`, `process`, `contributions`, `commitments`, `standards` and `annex`, and any id of the plan's own, written in `chapters/<id>.md` (translated as `chapters/<id>.<lang>.md`) with the chapter's title as its first heading",
    )
    .default(Fallback::List(BUILT_IN))
    .example("[\"foreword\", \"vision\", \"process\", \"contributions\", \"commitments\", \"next-steps\", \"standards\", \"annex\"]")
    // The blank skeleton writes chapters/foreword.md and chapters/next-steps.md.
    .in_skeleton();

    pub static MINUTES: Key = Key::new(
        "minutes",
        Ty::Word(words::<MinutesMode>),
        "What the document does with minutes kept in the plan: `embed` makes those written in Markdown an annex, each meeting linking to its own; `link` links every file through `files-url`",
    )
    .default(Fallback::Str("embed"))
    .example("\"embed\"");

    pub static FILES_URL: Key = Key::new(
        "files-url",
        Ty::Url,
        "Where the plan folder's files are published on the web, for links to minutes and evidence the document does not embed (a PDF, an image): the file's path inside the plan is added to it",
    )
    .example("\"https://example.org/open-government/plan/\"");

    pub static TABLE: Table = Table {
        name: "[document]",
        what: "`[document]`",
        doc: "What the rendered document holds, in which order, and where its files are published",
        keys: &[&CHAPTERS, &MINUTES, &FILES_URL],
    };
}

/// A publication is a record of something done on a day; a correction is a removal and a
/// new one.
const PUBLISHED: Set = Set::Via("obert publication add");

pub static PUBLICATION: Table = Table {
    name: "[[publication]]",
    what: "a `[[publication]]` entry",
    doc: "A day progress was published on the plan's web page",
    keys: &[
        &Key::new("date", Ty::Date, "When it was published")
            .required()
            .example("2022-07-01")
            .set(PUBLISHED),
        &Key::new("url", Ty::Url, "Where")
            .required()
            .example("\"https://example.org/open-government/progress\"")
            .set(PUBLISHED),
        &super::ALLOW,
    ],
};

pub static PLAN: Table = Table {
    name: "plan.toml",
    what: "`plan.toml`",
    doc: "The action plan: what it is, whose it is, and the numbers its co-creation keeps to",
    keys: &[
        &TITLE,
        &OGP_MEMBER,
        &KIND,
        &LANGUAGES,
        &STAGE,
        &WEBSITE,
        &TIMEZONE,
        &VISION,
        &COCREATION,
        &IMPLEMENTATION,
        &Key::new(
            "partner",
            Ty::Tables(&PARTNER),
            "The organisations that lead the process",
        )
        .set(Set::Via("obert partner add / remove")),
        &Key::new(
            "axis",
            Ty::Tables(&AXIS),
            "The work axes that commitments and contributions may name",
        )
        .set(Set::Via("obert axis add / set / remove")),
        &Key::new(
            "publication",
            Ty::Tables(&PUBLICATION),
            "Each time progress was published on the plan's web page",
        )
        .set(Set::Via("obert publication add")),
        &Key::new(
            "document",
            Ty::Table(&document::TABLE),
            "What the rendered document holds, in which order, and where its files are published",
        ),
        &Key::new(
            "rules",
            Ty::Table(&rules::TABLE),
            "The numbers the rules check the plan against: every key is optional, and one left out keeps its default (the value shown)",
        ),
        &super::ALLOW,
        &Key::new(
            "lints",
            Ty::Lints,
            "The level of each rule's findings: `error`, `warn` or `allow`; `obert explain` lists the rules and their default levels",
        )
        .example("{ forum-size = \"warn\" }"),
    ],
};
