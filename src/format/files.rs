//! The plan files besides plan.toml: organisations, people, spaces, commitments'
//! front matter and contributions, and the list of every file.

use super::{Fallback, File, FileKind, Key, Set, Shown, Table, Ty, words};
use crate::model::{
    AssessmentKind, Assessor, AuthorKind, CommitmentStatus, Completion, ContributionKind,
    EarlyResults, EntryKind, Gender, Level, MeetingKind, Potential, ResponseStatus, Sector,
    SpaceKind, Value,
};
use crate::rules::{
    COMMITMENT_WORKING_GROUP, CONTRIBUTION_UNANSWERED, LEAD_NOT_GOVERNMENT, MILESTONE_MISSING,
    MILESTONE_OUTPUT, RESPONSE_WITHOUT_REASON,
};

const ID_IS_REFERRED_TO: Set = Set::No("is the entry's id, which other entries refer to");
/// Contributions come from the online space's export, and a re-import updates them.
const IMPORTED: Set = Set::Via("obert contribution import");
/// What a contribution's source counts (supports, comments) changes there every day; a
/// correction here would only be undone by the next import, which brings them up to date.
const COUNTED_AT_SOURCE: Set =
    Set::No("is counted at the source, and `obert contribution import` brings it up to date");
const RESPONDED: Set = Set::Via("obert contribution respond");

pub static ORGANISATION: Table = Table {
    name: "[[organisation]]",
    what: "an `[[organisation]]` entry",
    doc: "An organisation taking part: an administration, a civil-society entity, a university, a company",
    keys: &[
        &Key::new("id", Ty::Id, "The organisation's id")
            .required()
            // Changed with every reference to it, in one edit.
            .set(Set::Via("obert org rename"))
            .example("\"city-council\""),
        &Key::new("name", Ty::Str, "Its name (not translated)")
            .required()
            .example("\"City Council of Example\""),
        &Key::new(
            "sector",
            Ty::Word(words::<Sector>),
            "Who it speaks for; `public-administration` is the government side, every other sector civil society",
        )
        .required()
        .example("\"public-administration\""),
        &Key::new(
            "level",
            Ty::Word(words::<Level>),
            "Its level of government or scope",
        )
        .example("\"local\""),
        &super::ALLOW,
    ],
};

pub static ORGANISATIONS: Table = Table {
    name: "organisations.toml",
    what: "`organisations.toml`",
    doc: "The organisations that take part in the plan",
    keys: &[
        &Key::new(
            "organisation",
            Ty::Tables(&ORGANISATION),
            "The organisations taking part",
        )
        .set(Set::Via("obert org add / set / remove")),
        &super::ALLOW,
    ],
};

pub static PERSON: Table = Table {
    name: "[[person]]",
    what: "a `[[person]]` entry",
    doc: "A person who sits in a co-creation space, usually under a pseudonymous id",
    keys: &[
        &Key::new(
            "id",
            Ty::Id,
            "The person's id, usually pseudonymous (`city-council-1`)",
        )
        .required()
        // Changed with every reference to it, in one edit.
        .set(Set::Via("obert person rename"))
        .example("\"city-council-1\""),
        &Key::new(
            "organisation",
            Ty::Ref(&[EntryKind::Organisation]),
            "The organisation they represent",
        )
        .example("\"city-council\""),
        &Key::new(
            "sector",
            Ty::Word(words::<Sector>),
            "Their own sector, when it is not their organisation's",
        )
        .default(Fallback::Note("the organisation's sector"))
        .example("\"expert\""),
        &Key::new(
            "name",
            Ty::Str,
            "Their name; published only with `public = true`",
        )
        .shown(Shown::WithConsent)
        .example("\"…\""),
        &Key::new(
            "public",
            Ty::Bool,
            "Whether they agreed to have their name published",
        )
        .default(Fallback::Bool(false))
        .example("false"),
        &Key::new("email", Ty::Str, "Private: never shown in any output")
            .shown(Shown::Private)
            .example("\"…\""),
        &Key::new("phone", Ty::Str, "Private: never shown in any output")
            .shown(Shown::Private)
            .example("\"…\""),
        &Key::new(
            "gender",
            Ty::Word(words::<Gender>),
            "Only ever counted, never shown per person",
        )
        .shown(Shown::Private)
        .example("\"woman\""),
        &super::ALLOW,
    ],
};

pub static PEOPLE: Table = Table {
    name: "people.toml",
    what: "`people.toml`",
    doc: "The people who sit in the co-creation spaces",
    keys: &[
        &Key::new(
            "person",
            Ty::Tables(&PERSON),
            "The people in the co-creation spaces",
        )
        .set(Set::Via("obert person add / set / remove")),
        &super::ALLOW,
    ],
};

pub static MEMBER: Table = Table {
    name: "[[member]]",
    what: "a `[[member]]` entry",
    doc: "A person who belongs, or belonged, to the space",
    keys: &[
        &Key::new(
            "person",
            Ty::Ref(&[EntryKind::Person]),
            "Who: a person's id",
        )
        .required()
        .set(Set::No(
            "is the member itself: remove the member and add another",
        ))
        .example("\"city-council-1\""),
        &Key::new("role", Ty::Str, "Their role in the space, shown as written")
            .example("\"coordination\""),
        &Key::new("since", Ty::Date, "When they joined").example("2021-05-06"),
        &Key::new(
            "until",
            Ty::Date,
            "When they left; a member who left stays listed and no longer counts",
        )
        .example("2021-09-30"),
        &Key::new(
            "counts",
            Ty::Bool,
            "Whether the member counts in the space's size, balance and sectors: `false` for observers, a secretariat, substitutes",
        )
        .default(Fallback::Bool(true))
        .example("false"),
        &super::ALLOW,
    ],
};

pub static MEETING: Table = Table {
    name: "[[meeting]]",
    what: "a `[[meeting]]` entry",
    doc: "A meeting of the space",
    keys: &[
        &Key::new("id", Ty::Id, "The meeting's id, unique within the space")
            .required()
            .set(ID_IS_REFERRED_TO)
            .example("\"s1\""),
        &Key::new("date", Ty::Date, "The day it was held")
            .required()
            .example("2021-05-20"),
        &Key::new(
            "kind",
            Ty::Word(words::<MeetingKind>),
            "A forum's plenary, a working group's session, another meeting, or a `workshop`: a public event whose people are counted, not listed",
        )
        .required()
        .example("\"plenary\""),
        &Key::new("title", Ty::Text, "Its title").example("\"…\""),
        &Key::new(
            "attendees",
            Ty::Refs(EntryKind::Person),
            "The people who attended",
        )
        .diff_as("attendee")
        .example("[\"city-council-1\"]"),
        &Key::new(
            "participants",
            Ty::Count { min: 0 },
            "How many people took part without being listed, as at a public workshop",
        )
        .example("22"),
        &Key::new(
            "minutes",
            Ty::PathOrUrl,
            "The minutes or other evidence: a path inside the plan, or a URL",
        )
        .example("\"minutes/forum-1.md\""),
        &Key::new(
            "materials-published",
            Ty::Date,
            "When its agenda and documents were published",
        )
        .example("2021-05-13"),
        &super::ALLOW,
    ],
};

pub static PHASE: Table = Table {
    name: "[[phase]]",
    what: "a `[[phase]]` entry",
    doc: "A consultation window of an online space",
    keys: &[
        &Key::new("id", Ty::Id, "The phase's id, unique within the space")
            .required()
            .set(ID_IS_REFERRED_TO)
            .example("\"axes\""),
        &Key::new("title", Ty::Text, "Its title").example("\"…\""),
        &Key::new("start", Ty::Date, "The day it opened")
            .required()
            .example("2021-05-10"),
        &Key::new("end", Ty::Date, "The day it closed")
            .required()
            .example("2021-06-09"),
        &super::ALLOW,
    ],
};

pub static SPACE: Table = Table {
    name: "spaces/<id>.toml",
    what: "a space file",
    doc: "One co-creation space: a steering group, a forum, a working group or an online space",
    keys: &[
        &Key::new(
            "kind",
            Ty::Word(words::<SpaceKind>),
            "Which of the four kinds of space it is",
        )
        .required()
        .example("\"forum\""),
        &Key::new(
            "serves-as",
            Ty::Words(words::<SpaceKind>),
            "The kinds of space whose part it also plays (a steering group that is also the forum): it is counted as each, and judged by each kind's rules",
        )
        .diff_as("serves as")
        .example("[\"forum\"]"),
        &Key::new("name", Ty::Text, "Its name")
            .required()
            .example("\"…\""),
        &Key::new("purpose", Ty::Text, "What it is for").example("\"…\""),
        &Key::new("url", Ty::Url, "Its web page, for online spaces")
            .example("\"https://participa.example.org/processes/ogp\""),
        &Key::new("rules-url", Ty::Url, "Where its public rules are published")
            .example("\"https://…\""),
        &Key::new(
            "rules",
            Ty::Table(&super::rules::SPACE_TABLE),
            "Numbers for this space only (`[rules.forum]`, …), for its kind and the kinds it serves as",
        ),
        &Key::new("member", Ty::Tables(&MEMBER), "Its members")
            .set(Set::Via("obert member add / set / leave / remove")),
        &Key::new("meeting", Ty::Tables(&MEETING), "Its meetings")
            .set(Set::Via("obert meeting add / set / remove")),
        &Key::new(
            "phase",
            Ty::Tables(&PHASE),
            "An online space's consultation windows",
        )
        .set(Set::Via("obert phase add / set / remove")),
        &super::ALLOW,
    ],
};

pub static MILESTONE: Table = Table {
    name: "[[milestone]]",
    what: "a `[[milestone]]` entry",
    doc: "A step of the commitment with a date and a verifiable output; milestone 3.2 is commitment 3's second",
    keys: &[
        &Key::new(
            "id",
            Ty::Id,
            "The milestone's stable id, unique within the commitment: it survives reordering, and `obert diff` follows the milestone by it",
        )
        .example("\"diagnosi\""),
        &Key::new("title", Ty::Text, "What the milestone achieves")
            .required()
            .example("\"…\""),
        &Key::new("output", Ty::Text, "The verifiable deliverable")
            .needed_by(&MILESTONE_OUTPUT)
            .example("\"Report published\""),
        &Key::new(
            "due",
            Ty::Date,
            "When it is due: within the implementation period and the commitment's own dates",
        )
        .required()
        .example("2022-06-30"),
        &Key::new(
            "stakeholders",
            Ty::Refs(EntryKind::Organisation),
            "The organisations involved",
        )
        .diff_as("stakeholder")
        .example("[\"city-council\"]"),
        &Key::new(
            "completion",
            Ty::Word(words::<Completion>),
            "How far it is done",
        )
        .example("\"not-started\""),
        &super::ALLOW,
    ],
};

pub static COMMITMENT: Table = Table {
    name: "commitments/<id>.md front matter",
    what: "the front matter",
    doc: "A commitment: its front matter, between `+++` lines before its Markdown body",
    keys: &[
        &Key::new(
            "number",
            Ty::Count { min: 1 },
            "Its place in the plan: 1 to N, no gaps, no repeats",
        )
        .required()
        .example("1"),
        &Key::new("ogp-id", Ty::Str, "The id OGP gives it after submission")
            .example("\"XXTEST0001\""),
        &Key::new("title", Ty::Text, "Its title")
            .required()
            .example("\"…\""),
        &Key::new(
            "axis",
            Ty::Ref(&[EntryKind::Axis]),
            "The work axis it belongs to: an `[[axis]]` id from plan.toml",
        )
        .example("\"participation\""),
        &Key::new(
            "working-group",
            Ty::Ref(&[EntryKind::Space]),
            "The working group that co-created it: a space of kind `working-group`",
        )
        .needed_by(&COMMITMENT_WORKING_GROUP)
        .example("\"wg-participation\""),
        &Key::new(
            "lead",
            Ty::Refs(EntryKind::Organisation),
            "The lead organisations: at least one, each a public administration",
        )
        .needed_by(&LEAD_NOT_GOVERNMENT)
        .example("[\"city-council\"]"),
        &Key::new(
            "co-lead",
            Ty::Refs(EntryKind::Organisation),
            "Organisations of any sector that lead it beside `lead`, such as a civil-society co-lead",
        )
        .example("[\"association\"]"),
        &Key::new(
            "supporting",
            Ty::Refs(EntryKind::Organisation),
            "Other organisations that take part",
        )
        .example("[\"association\"]"),
        &Key::new(
            "values",
            Ty::Words(words::<Value>),
            "The OGP values it advances: at least one core value (`commitment-values`)",
        )
        .example("[\"participation\"]"),
        &Key::new(
            "start",
            Ty::Date,
            "When its implementation starts, within the implementation period",
        )
        .example("2021-12-01"),
        &Key::new(
            "end",
            Ty::Date,
            "When its implementation ends, within the implementation period",
        )
        .example("2023-05-31"),
        &Key::new(
            "status",
            Ty::Word(words::<CommitmentStatus>),
            "Where its text stands",
        )
        .example("\"draft\""),
        &Key::new(
            "completion",
            Ty::Word(words::<Completion>),
            "How far it is done",
        )
        .example("\"not-started\""),
        &Key::new("milestone", Ty::Tables(&MILESTONE), "Its milestones")
            .needed_by(&MILESTONE_MISSING)
            .set(Set::Via("obert milestone add / set / remove")),
        &super::ALLOW,
    ],
};

pub static RESPONSE: Table = Table {
    name: "[contribution.response]",
    what: "a `[contribution.response]` table",
    doc: "The reasoned response the plan owes a contribution",
    keys: &[
        &Key::new(
            "status",
            Ty::Word(words::<ResponseStatus>),
            "What was done with the contribution",
        )
        .required()
        .example("\"accepted\"")
        .set(RESPONDED),
        &Key::new(
            "reason",
            Ty::Text,
            "Why; needed unless the status is `accepted`",
        )
        .shown(Shown::Prose)
        .needed_by(&RESPONSE_WITHOUT_REASON)
        .example("\"…\"")
        .set(RESPONDED),
        &Key::new(
            "by",
            Ty::Ref(&[EntryKind::Space]),
            "The space that answered",
        )
        .example("\"steering-group\"")
        .set(RESPONDED),
        &Key::new("date", Ty::Date, "When it answered")
            .example("2021-10-27")
            .set(RESPONDED),
        &Key::new(
            "from-source",
            Ty::Str,
            "Set by the import when the response is the source's own answer: a fingerprint of its status, reason and date as imported; while they match, an answers file does not send it back",
        )
        .example("\"5d41402a\"")
        .set(Set::Via("obert contribution import")),
        &super::ALLOW,
    ],
};

/// `obert contribution set` corrects what the source got wrong or never said: what a
/// contribution is about, which proposal a comment answers, a title or a text that needs
/// a personal detail taken out. A later import writes the source's title, body, date and
/// author again where the source still says otherwise (and `in-reply-to` where it can tell
/// it); `about` it never writes.
pub static CONTRIBUTION: Table = Table {
    name: "[[contribution]]",
    what: "a `[[contribution]]` entry",
    doc: "A contribution a citizen made in the online space",
    keys: &[
        &Key::new(
            "id",
            Ty::Reference,
            "The reference its source gave it, unique across the plan",
        )
        .required()
        .set(Set::No(
            "is the source's reference, which re-imports match contributions by",
        ))
        .example("\"II-PROP-2021-05-1234\""),
        &Key::new(
            "kind",
            Ty::Word(words::<ContributionKind>),
            "A proposal, a comment on one, or an amendment to one",
        )
        .required()
        .example("\"proposal\""),
        &Key::new("date", Ty::Date, "When it was made").example("2021-05-20"),
        &Key::new("title", Ty::Text, "Its title; comments usually have none").example("\"…\""),
        &Key::new("body", Ty::Text, "What it says")
            .shown(Shown::Prose)
            .example("\"…\""),
        &Key::new(
            "author",
            Ty::Str,
            "A display name, or `anonymous`; never an e-mail address",
        )
        .example("\"anonymous\""),
        &Key::new(
            "author-kind",
            Ty::Word(words::<AuthorKind>),
            "Who the author is: a person, a group of citizens, the organisation that runs the site (an official proposal), or a meeting",
        )
        .default(Fallback::Str("person"))
        .example("\"user-group\"")
        .set(IMPORTED),
        &Key::new(
            "co-authors",
            Ty::Strings,
            "The other people who signed it, named as `author` is",
        )
        .example("[\"author-3f2a9c1e\"]")
        .set(IMPORTED),
        &Key::new(
            "about",
            Ty::Ref(&[EntryKind::Axis, EntryKind::Commitment]),
            "The axis or commitment it is about: an id",
        )
        .example("\"participation\""),
        &Key::new(
            "in-reply-to",
            Ty::Reference,
            "For a comment: the contribution it answers",
        )
        .example("\"II-PROP-2021-05-1200\""),
        &Key::new(
            "amends",
            Ty::Reference,
            "For an amendment: the proposal it amends",
        )
        .example("\"II-PROP-2021-05-1200\"")
        .set(IMPORTED),
        &Key::new(
            "supports",
            Ty::Count { min: 0 },
            "Supports it received at the source",
        )
        .example("12")
        .set(COUNTED_AT_SOURCE),
        &Key::new(
            "comments",
            Ty::Count { min: 0 },
            "Comments it received at the source",
        )
        .example("3")
        .set(COUNTED_AT_SOURCE),
        &Key::new(
            "withdrawn",
            Ty::Bool,
            "Withdrawn by its author: then no response is owed",
        )
        .default(Fallback::Bool(false))
        .example("false")
        // Withdrawing releases the plan from the response it owes, so only the author
        // decides it, at the source.
        .set(Set::No(
            "is the author's decision at the source, which `obert contribution import` brings in",
        )),
        &Key::new(
            "hidden",
            Ty::Bool,
            "Hidden by the source's moderators: kept for the record, left out of the document, and owed no response",
        )
        // The import writes it where the export says so; Decidim before 0.26.6 and 0.27.3
        // exported hidden rows without a word, so a facilitator may set it by hand.
        .default(Fallback::Bool(false))
        .example("false"),
        // The platform's own account, kept apart from the plan's: the state it set becomes
        // the plan's response only when the process answered there officially. Flat keys,
        // not a `source` table: a table per contribution costs the loader more memory than
        // the contribution's own text.
        &Key::new(
            "source-id",
            Ty::Count { min: 1 },
            "Its numeric id on the platform it was imported from (Decidim's proposal id), which an answers file for Decidim needs",
        )
        .example("1234")
        .set(IMPORTED),
        &Key::new(
            "source-component",
            Ty::Count { min: 1 },
            "The numeric id of the platform's component it was made in (Decidim's proposals component)",
        )
        .example("12")
        .set(IMPORTED),
        &Key::new(
            "source-state",
            Ty::Str,
            "The state the platform gave it (Decidim: `evaluating`, `accepted`, `rejected`, `withdrawn`, or a state of the site's own); the plan's response is its own",
        )
        .example("\"evaluating\"")
        .set(IMPORTED),
        &Key::new(
            "response",
            Ty::Table(&RESPONSE),
            "The reasoned response the plan owes it",
        )
        .needed_by(&CONTRIBUTION_UNANSWERED)
        .set(Set::Via("obert contribution respond")),
        &super::ALLOW,
    ],
};

pub static CONTRIBUTIONS: Table = Table {
    name: "contributions/<id>.toml",
    what: "a contributions file",
    doc: "Contributions made in an online space, each with its reasoned response",
    keys: &[
        &Key::new(
            "space",
            Ty::Ref(&[EntryKind::Space]),
            "The online space they were made in",
        )
        .required()
        .example("\"participa\"")
        .set(IMPORTED),
        &Key::new(
            "phase",
            Ty::Ref(&[EntryKind::Phase]),
            "The phase of that space they answer",
        )
        .example("\"axes\"")
        .set(IMPORTED),
        &Key::new(
            "contribution",
            Ty::Tables(&CONTRIBUTION),
            "The contributions",
        )
        .set(Set::Via("obert contribution import")),
        &super::ALLOW,
    ],
};

/// Reports are kept as they were made: a later report says what changed, so none is ever
/// set again from the command line.
const REPORTED: Set = Set::Via("obert progress add (a later report supersedes an earlier one)");

pub static REPORT: Table = Table {
    name: "[[report]]",
    what: "a `[[report]]` entry",
    doc: "One dated report on the progress of the commitment, or of one of its milestones",
    keys: &[
        &Key::new("date", Ty::Date, "When the progress was reported")
            .required()
            .example("2022-06-15")
            .set(REPORTED),
        &Key::new(
            "milestone",
            Ty::Str,
            "The milestone reported on: its `id`, or its number in the commitment (`2`); left out, the report is on the commitment as a whole",
        )
        .example("\"diagnosis\"")
        .set(REPORTED),
        &Key::new(
            "status",
            Ty::Word(words::<Completion>),
            "How complete it is, on OGP's completion scale",
        )
        .required()
        .example("\"substantial\"")
        .set(REPORTED),
        &Key::new("percent", Ty::Count { min: 0 }, "How much is done, from 0 to 100")
            .example("60")
            .set(REPORTED),
        &Key::new("note", Ty::Text, "What was done, and what is missing")
            .shown(Shown::Prose)
            .example("\"…\"")
            .set(REPORTED),
        &Key::new(
            "evidence",
            Ty::Strings,
            "What proves it: web addresses (https://…) or paths of files inside the plan",
        )
        .example("[\"https://example.org/report.pdf\", \"evidence/diagnosis.md\"]")
        .diff_as("evidence item")
        .set(REPORTED),
        &Key::new(
            "by",
            Ty::Ref(&[EntryKind::Organisation]),
            "The organisation that reports",
        )
        .example("\"diba\"")
        .set(REPORTED),
        &Key::new(
            "discussed-at",
            Ty::Str,
            "The forum meeting that discussed it, as `SPACE/MEETING`",
        )
        .example("\"forum/follow-up-1\"")
        .set(REPORTED),
        &super::ALLOW,
    ],
};

pub static PROGRESS: Table = Table {
    name: "progress/<commitment>.toml",
    what: "a progress file",
    doc: "The dated progress reports on one commitment, oldest first; a report is never rewritten, a later one supersedes it",
    keys: &[
        &Key::new("report", Ty::Tables(&REPORT), "The reports").set(Set::Via("obert progress add")),
        &super::ALLOW,
    ],
};

const ASSESSED: Set = Set::Via("obert assessment add");

pub static ASSESSMENT: Table = Table {
    name: "[[assessment]]",
    what: "an `[[assessment]]` entry",
    doc: "What an independent reviewer (or the plan's own self-assessment) said of the commitment",
    keys: &[
        &Key::new(
            "by",
            Ty::Word(words::<Assessor>),
            "Who assessed it: OGP's Independent Reporting Mechanism, a Local Monitoring Body, or the plan itself",
        )
        .required()
        .example("\"irm\"")
        .set(ASSESSED),
        &Key::new(
            "kind",
            Ty::Word(words::<AssessmentKind>),
            "Which assessment it is",
        )
        .required()
        .example("\"action-plan-review\"")
        .set(ASSESSED),
        &Key::new("date", Ty::Date, "When it was published")
            .required()
            .example("2022-04-01")
            .set(ASSESSED),
        &Key::new("url", Ty::Url, "Where it is published")
            .example("\"https://www.opengovpartnership.org/documents/\"")
            .set(ASSESSED),
        &Key::new(
            "verifiable",
            Ty::Bool,
            "Action plan review: whether the commitment is specific enough to be verified",
        )
        .example("true")
        .set(ASSESSED),
        &Key::new(
            "open-government-lens",
            Ty::Bool,
            "Action plan review: whether it makes government more transparent, participatory or accountable",
        )
        .example("true")
        .set(ASSESSED),
        &Key::new(
            "potential",
            Ty::Word(words::<Potential>),
            "Action plan review: its potential for results",
        )
        .example("\"modest\"")
        .set(ASSESSED),
        &Key::new(
            "completion",
            Ty::Word(words::<Completion>),
            "Results: how complete it was found, on OGP's completion scale",
        )
        .example("\"limited\"")
        .set(ASSESSED),
        &Key::new(
            "early-results",
            Ty::Word(words::<EarlyResults>),
            "Results: did it open government",
        )
        .example("\"marginal\"")
        .set(ASSESSED),
        &Key::new("note", Ty::Text, "The assessment's findings, in a few sentences")
            .shown(Shown::Prose)
            .example("\"…\"")
            .set(ASSESSED),
        &super::ALLOW,
    ],
};

pub static ASSESSMENTS: Table = Table {
    name: "assessments/<commitment>.toml",
    what: "an assessments file",
    doc: "What independent reviewers said of one commitment",
    keys: &[
        &Key::new("assessment", Ty::Tables(&ASSESSMENT), "The assessments")
            .set(Set::Via("obert assessment add")),
        &super::ALLOW,
    ],
};

/// Every file of the format that holds TOML, in the order `obert schema` lists them.
pub static FILES: &[File] = &[
    File {
        path: "plan.toml",
        kind: FileKind::Plan,
        schema: "plan.schema.json",
        doc: "the plan's title, periods, languages, stage, axes, rules and lints",
        root: &super::PLAN,
    },
    File {
        path: "organisations.toml",
        kind: FileKind::Organisations,
        schema: "organisations.schema.json",
        doc: "the organisations taking part",
        root: &ORGANISATIONS,
    },
    File {
        path: "people.toml",
        kind: FileKind::People,
        schema: "people.schema.json",
        doc: "the people in the co-creation spaces",
        root: &PEOPLE,
    },
    File {
        path: "spaces/<id>.toml",
        kind: FileKind::Space,
        schema: "space.schema.json",
        doc: "one co-creation space, its members, meetings and phases",
        root: &SPACE,
    },
    File {
        path: "contributions/<id>.toml",
        kind: FileKind::Contributions,
        schema: "contributions.schema.json",
        doc: "contributions from an online space, each with its response",
        root: &CONTRIBUTIONS,
    },
    File {
        path: "commitments/<id>.md",
        kind: FileKind::Commitment,
        schema: "commitment.schema.json",
        doc: "the TOML front matter of commitments/<id>.md",
        root: &COMMITMENT,
    },
    File {
        path: "progress/<commitment>.toml",
        kind: FileKind::Progress,
        schema: "progress.schema.json",
        doc: "the dated progress reports on one commitment",
        root: &PROGRESS,
    },
    File {
        path: "assessments/<commitment>.toml",
        kind: FileKind::Assessments,
        schema: "assessments.schema.json",
        doc: "the independent assessments of one commitment",
        root: &ASSESSMENTS,
    },
];
