//! The plan as plain domain types: no IO, no command line, no git.
//!
//! Every entry keeps an [`Origin`] (its file and the spans of its keys) so that a rule can
//! point at the line it is about without parsing anything again.

pub mod date;
mod implementation;
pub mod keyword;
mod moved;
mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

pub use date::{Date, Period};
pub use implementation::{
    Assessment, AssessmentFile, AssessmentKind, Assessor, EarlyResults, Potential, ProgressFile,
    Publication, Report,
};
pub use keyword::Keyword;
use keyword::keyword_enum;
pub(crate) use moved::Moved;
pub use text::Text;

use crate::diag::{FileId, Loc, Span};

/// Where an entry was written: its file, the span of the whole entry, and the spans of the
/// values of its keys.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub file: FileId,
    pub span: Span,
    keys: Vec<(&'static str, Span)>,
}

impl Origin {
    pub fn new(file: FileId, span: Span) -> Self {
        Origin {
            file,
            span,
            keys: Vec::new(),
        }
    }

    /// An origin with room for the spans of `keys` keys: an entry's origin stays as long
    /// as the plan, and one sized to its table wastes nothing.
    pub fn with_room(file: FileId, span: Span, keys: usize) -> Self {
        Origin {
            file,
            span,
            keys: Vec::with_capacity(keys),
        }
    }

    pub fn record(&mut self, key: &'static str, span: Span) {
        self.keys.push((key, span));
    }

    /// The location of the entry as a whole.
    pub fn loc(&self) -> Loc {
        Loc::new(self.file, self.span)
    }

    /// The location of `key`'s value, or of the entry when the key is absent.
    pub fn key(&self, key: &str) -> Loc {
        let span = self
            .keys
            .iter()
            .find(|(name, _)| *name == key)
            .map_or(self.span, |&(_, span)| span);
        Loc::new(self.file, span)
    }

    pub fn has(&self, key: &str) -> bool {
        self.keys.iter().any(|(name, _)| *name == key)
    }

    /// Where the values of its keys are.
    pub(crate) fn key_spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.keys.iter().map(|&(_, span)| span)
    }
}

/// An exception written in the plan: a rule that does not apply to an entry (or a whole
/// file), and why. A finding of that rule inside `scope` is kept as allowed, with the
/// reason, instead of being reported as a problem.
#[derive(Debug, Clone)]
pub struct Allow {
    pub rule: &'static crate::rules::Rule,
    pub reason: String,
    /// The file it is written in, as a path inside the plan.
    pub path: String,
    /// The rule's name in the `allow` table.
    pub loc: Loc,
    /// The entry (or the whole file) the exception covers.
    pub scope: Loc,
}

/// A reference to another entry by id, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub id: String,
    pub loc: Loc,
}

/// The kinds of entry a plan holds, the plan's own settings first. Every command that
/// names, lists, compares or follows entries by kind uses this one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryKind {
    /// plan.toml's own settings.
    Plan,
    Organisation,
    Person,
    Space,
    Member,
    Meeting,
    Phase,
    Axis,
    Partner,
    Commitment,
    Milestone,
    Contribution,
    Response,
    /// A dated progress report in `progress/<commitment>.toml`.
    Report,
    /// An assessment in `assessments/<commitment>.toml`.
    Assessment,
    /// A `[[publication]]` of progress, in plan.toml.
    Publication,
}

impl EntryKind {
    /// The kind in one word, as messages and `obert show KIND:ID` spell it.
    pub fn word(self) -> &'static str {
        match self {
            EntryKind::Plan => "plan",
            EntryKind::Organisation => "organisation",
            EntryKind::Person => "person",
            EntryKind::Space => "space",
            EntryKind::Member => "member",
            EntryKind::Meeting => "meeting",
            EntryKind::Phase => "phase",
            EntryKind::Axis => "axis",
            EntryKind::Partner => "partner",
            EntryKind::Commitment => "commitment",
            EntryKind::Milestone => "milestone",
            EntryKind::Contribution => "contribution",
            EntryKind::Response => "response",
            EntryKind::Report => "report",
            EntryKind::Assessment => "assessment",
            EntryKind::Publication => "publication",
        }
    }

    /// The plural, as `obert list KIND` spells it.
    pub fn plural(self) -> &'static str {
        match self {
            EntryKind::Plan => "plans",
            EntryKind::Person => "people",
            EntryKind::Axis => "axes",
            EntryKind::Organisation => "organisations",
            EntryKind::Space => "spaces",
            EntryKind::Member => "members",
            EntryKind::Meeting => "meetings",
            EntryKind::Phase => "phases",
            EntryKind::Partner => "partners",
            EntryKind::Commitment => "commitments",
            EntryKind::Milestone => "milestones",
            EntryKind::Contribution => "contributions",
            EntryKind::Response => "responses",
            EntryKind::Report => "reports",
            EntryKind::Assessment => "assessments",
            EntryKind::Publication => "publications",
        }
    }

    /// The word with its article: "an organisation", "a person".
    pub fn a(self) -> &'static str {
        match self {
            EntryKind::Plan => "the plan",
            EntryKind::Organisation => "an organisation",
            EntryKind::Person => "a person",
            EntryKind::Space => "a space",
            EntryKind::Member => "a member",
            EntryKind::Meeting => "a meeting",
            EntryKind::Phase => "a phase",
            EntryKind::Axis => "an axis",
            EntryKind::Partner => "a partner",
            EntryKind::Commitment => "a commitment",
            EntryKind::Milestone => "a milestone",
            EntryKind::Contribution => "a contribution",
            EntryKind::Response => "a response",
            EntryKind::Report => "a progress report",
            EntryKind::Assessment => "an assessment",
            EntryKind::Publication => "a publication",
        }
    }
}

keyword_enum! {
    /// Who an organisation or person speaks for. Only public administrations are on the
    /// government side; see [`Sector::side`].
    pub enum Sector {
        PublicAdministration = "public-administration",
        OpenGovernmentEntity = "open-government-entity",
        GeneralistEntity = "generalist-entity",
        Expert = "expert",
        Academia = "academia",
        PrivateSector = "private-sector",
        Citizen = "citizen",
    }
}

/// The two sides that OGP balances in every multi-stakeholder space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    Government,
    CivilSociety,
}

impl Side {
    /// The side as a data word, as JSON and CSV spell it (no space, so it survives `cut`).
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Government => "government",
            Side::CivilSociety => "civil-society",
        }
    }
}

impl Sector {
    /// The one place that decides which side a sector is on.
    pub fn side(self) -> Side {
        match self {
            Sector::PublicAdministration => Side::Government,
            _ => Side::CivilSociety,
        }
    }
}

keyword_enum! {
    pub enum PlanKind { Local = "local", National = "national", }
}

keyword_enum! {
    /// Where the plan is in its life; some rules depend on it.
    pub enum Stage {
        Cocreation = "co-creation",
        Submitted = "submitted",
        Implementation = "implementation",
        Closed = "closed",
    }
}

keyword_enum! {
    pub enum Level {
        Local = "local",
        Provincial = "provincial",
        Regional = "regional",
        National = "national",
        Other = "other",
    }
}

keyword_enum! {
    pub enum Gender {
        Woman = "woman",
        Man = "man",
        NonBinary = "non-binary",
        Undisclosed = "undisclosed",
    }
}

keyword_enum! {
    /// The seed's four co-creation spaces map to these four kinds.
    pub enum SpaceKind {
        SteeringGroup = "steering-group",
        Forum = "forum",
        WorkingGroup = "working-group",
        Online = "online",
    }
}

impl SpaceKind {
    /// The kind in words: "steering group", "online space".
    pub fn noun(self) -> &'static str {
        match self {
            SpaceKind::SteeringGroup => "steering group",
            SpaceKind::Forum => "forum",
            SpaceKind::WorkingGroup => "working group",
            SpaceKind::Online => "online space",
        }
    }
}

keyword_enum! {
    /// A forum's plenary, a working group's session, another meeting, or a public event
    /// open to anyone (its people are counted, not listed).
    pub enum MeetingKind {
        Plenary = "plenary",
        Session = "session",
        Meeting = "meeting",
        Workshop = "workshop",
    }
}

keyword_enum! {
    /// What the document does with minutes and other evidence kept as files in the plan.
    pub enum MinutesMode {
        /// Minutes written in Markdown become an annex of the document, and each meeting
        /// links to its own; other files are linked through `files-url`.
        Embed = "embed",
        /// Every file is linked through `files-url`.
        Link = "link",
    }
}

keyword_enum! {
    /// How a steering group's sides are judged against `government` and `civil-society`.
    pub enum BalanceRule {
        /// Exactly that many on each side.
        Exact = "exact",
        /// At least that many on each side.
        AtLeast = "at-least",
        /// As many on one side as on the other, and at least that many on each.
        Parity = "parity",
    }
}

keyword_enum! {
    /// OGP values. The first three are the core values; the other two count only beside one.
    pub enum Value {
        Transparency = "transparency",
        Participation = "participation",
        Accountability = "accountability",
        Technology = "technology",
        Inclusion = "inclusion",
    }
}

impl Value {
    pub fn is_core(self) -> bool {
        matches!(
            self,
            Value::Transparency | Value::Participation | Value::Accountability
        )
    }
}

keyword_enum! {
    pub enum CommitmentStatus { Draft = "draft", Agreed = "agreed", Approved = "approved", }
}

keyword_enum! {
    /// The completion scale of OGP's Independent Reporting Mechanism.
    pub enum Completion {
        NoEvidence = "no-evidence",
        NotStarted = "not-started",
        Limited = "limited",
        Substantial = "substantial",
        Complete = "complete",
    }
}

keyword_enum! {
    pub enum ContributionKind { Proposal = "proposal", Comment = "comment", Amendment = "amendment", }
}

keyword_enum! {
    /// Who a contribution's author is: a person (the default), a group of citizens the
    /// source lets people act as, the organisation that runs the site (an official
    /// proposal), or a meeting whose participants made it.
    pub enum AuthorKind {
        Person = "person",
        UserGroup = "user-group",
        Official = "official",
        Meeting = "meeting",
    }
}

keyword_enum! {
    pub enum ResponseStatus {
        Accepted = "accepted",
        PartiallyAccepted = "partially-accepted",
        Merged = "merged",
        Rejected = "rejected",
        OutOfScope = "out-of-scope",
    }
}

/// The whole plan, as loaded. Entries that could not be read are absent; the loader has
/// reported why.
#[derive(Debug, Default)]
pub struct Plan {
    pub meta: Meta,
    pub vision: Option<Document>,
    /// The vision's translations, by language: `vision.<lang>.md` beside the vision file
    /// (see [`Meta::vision_translation_path`]). Empty when the vision itself is not there:
    /// a translation of nothing is reported instead.
    pub vision_translations: BTreeMap<String, Document>,
    /// The plan's own chapters, in the order `[document] chapters` gives them.
    pub chapters: Vec<Chapter>,
    pub organisations: Vec<Organisation>,
    /// Shared, not copied, between readings of the same `people.toml`: the plans `log`
    /// and `diff` read one after the other hold the same people in most commits.
    pub people: Arc<Vec<Person>>,
    pub spaces: Vec<Space>,
    pub commitments: Vec<Commitment>,
    pub contribution_files: Vec<ContributionFile>,
    /// `progress/<commitment>.toml`, in file name order.
    pub progress: Vec<ProgressFile>,
    /// `assessments/<commitment>.toml`, in file name order.
    pub assessments: Vec<AssessmentFile>,
    /// Minutes and other evidence files that meetings name and that are text.
    pub evidence: Vec<Document>,
    /// Every file inside the plan that a meeting names as its minutes and that exists, text
    /// or not (a PDF): those the document must embed or link.
    pub evidence_files: BTreeSet<String>,
    /// The exceptions the plan holds: rules that do not apply to an entry, and why.
    pub allows: Vec<Allow>,
}

impl Plan {
    pub fn contributions(&self) -> impl Iterator<Item = &Contribution> {
        self.contribution_files
            .iter()
            .flat_map(|file| &file.contributions)
    }

    /// The phase a contribution of `file` belongs to: the file's own `phase`, or else the
    /// phase of the file's space whose dates hold the contribution's date.
    pub fn phase_of<'p>(
        &'p self,
        file: &'p ContributionFile,
        contribution: &Contribution,
    ) -> Option<&'p str> {
        if let Some(phase) = &file.phase {
            return Some(phase.id.as_str());
        }
        let space_id = file.space.as_ref()?.id.as_str();
        let date = contribution.date?;
        self.spaces
            .iter()
            .find(|space| space.id == space_id)?
            .phases
            .iter()
            .find(|p| p.period.is_some_and(|period| period.contains(date)))
            .map(|p| p.id.as_str())
    }

    /// The commitments in the document's order: by number, those without one last.
    pub fn commitments_by_number(&self) -> Vec<&Commitment> {
        let mut commitments: Vec<&Commitment> = self.commitments.iter().collect();
        commitments.sort_by(|a, b| {
            (a.number.is_none(), a.number, &a.id).cmp(&(b.number.is_none(), b.number, &b.id))
        });
        commitments
    }

    pub fn primary_language(&self) -> &str {
        self.meta.languages.first().map_or("ca", String::as_str)
    }
}

/// A chapter of the document that the plan writes itself: `chapters/<id>.md`, whose first
/// heading is the chapter's title, and its translations, `chapters/<id>.<lang>.md`.
#[derive(Debug, Clone)]
pub struct Chapter {
    pub id: String,
    pub document: Document,
    pub translations: BTreeMap<String, Document>,
}

/// A Markdown file that is part of the plan (the vision, minutes).
#[derive(Debug, Clone)]
pub struct Document {
    pub path: String,
    pub file: FileId,
    pub text: String,
}

/// What `plan.toml` says.
#[derive(Debug, Default)]
pub struct Meta {
    /// Whether plan.toml was read at all; rules that need its data skip otherwise.
    pub loaded: bool,
    pub title: Text,
    pub member: String,
    pub kind: Option<PlanKind>,
    pub languages: Vec<String>,
    pub stage: Option<Stage>,
    pub website: Option<String>,
    /// The process's IANA time zone (`Europe/Madrid`), which imported times are converted
    /// to before their date is taken; only a zone the built-in database knows.
    pub timezone: Option<String>,
    /// The vision file's path inside the plan, and whether plan.toml named it explicitly.
    pub vision_path: String,
    pub vision_explicit: bool,
    pub cocreation: Option<Period>,
    pub implementation: Option<Period>,
    pub partners: Vec<Ref>,
    pub axes: Vec<Axis>,
    /// Each time progress was published on the plan's page, as written.
    pub publications: Vec<Publication>,
    /// Every key of plan.toml that holds one value, as [`crate::format::PLAN`] declares
    /// them: the plan's identity and periods (also read into the fields above) and the
    /// numbers its rules check against (read with [`Meta::number`] and its siblings).
    pub settings: crate::format::Settings,
    pub lints: Vec<LintSetting>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Axis {
    pub id: String,
    pub title: Text,
    pub origin: Origin,
}

impl Meta {
    /// A number of `[rules]`: the plan's, or the default.
    pub fn number(&self, key: &'static crate::format::Key) -> u32 {
        self.settings.count(key)
    }

    /// The vision's path cut where a language goes into it: before and from the file name's
    /// last `.`. `docs/vision.md` gives `("docs/vision", ".md")`, so that its translation
    /// into `en` is `docs/vision.en.md`, as `commitments/a.md` is `commitments/a.en.md`.
    pub fn vision_translation_parts(&self) -> (&str, &str) {
        let path = self.vision_path.as_str();
        let name_start = path.rfind('/').map_or(0, |slash| slash + 1);
        // A dot that starts the name (`.vision`) begins no extension.
        match path[name_start..].rfind('.') {
            Some(dot) if dot > 0 => path.split_at(name_start + dot),
            _ => (path, ""),
        }
    }

    /// Where the vision's translation into `lang` is: `vision.<lang>.md` beside the vision.
    pub fn vision_translation_path(&self, lang: &str) -> String {
        let (stem, extension) = self.vision_translation_parts();
        format!("{stem}.{lang}{extension}")
    }
}

/// A severity that `[lints]` sets for one rule.
#[derive(Debug, Clone)]
pub struct LintSetting {
    pub rule: String,
    pub severity: crate::diag::Severity,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub sector: Option<Sector>,
    pub level: Option<Level>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub organisation: Option<Ref>,
    pub sector: Option<Sector>,
    pub name: Option<String>,
    /// Consent to publish the name.
    pub public: bool,
    /// Private: never shown in any output. Kept only so that edits can keep it.
    pub email: Option<String>,
    /// Private: never shown in any output.
    pub phone: Option<String>,
    pub gender: Option<Gender>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Space {
    pub id: String,
    pub kind: Option<SpaceKind>,
    /// Kinds whose part the space also plays (`serves-as`).
    pub serves_as: Vec<SpaceKind>,
    pub name: Text,
    pub purpose: Option<Text>,
    pub url: Option<String>,
    pub rules_url: Option<String>,
    pub members: Vec<Member>,
    pub meetings: Vec<Meeting>,
    pub phases: Vec<Phase>,
    /// The space's own `[rules.<kind>]` numbers, which override plan.toml's for it.
    pub settings: crate::format::Settings,
    pub origin: Origin,
}

impl Space {
    /// Members who have not left, observers and secretariats included.
    pub fn current_members(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|member| member.until.is_none())
    }

    /// Current members who count (not `counts = false`): the ones sizes, balance and
    /// sectors are judged by.
    pub fn counted_members(&self) -> impl Iterator<Item = &Member> {
        self.current_members().filter(|member| member.counts)
    }

    /// The kinds the space plays: its own, then those it serves as.
    pub fn roles(&self) -> impl Iterator<Item = SpaceKind> + '_ {
        self.kind.into_iter().chain(
            self.serves_as
                .iter()
                .copied()
                .filter(|kind| Some(*kind) != self.kind),
        )
    }

    /// Whether the space plays the part of `kind`, as its own kind or by `serves-as`.
    pub fn plays(&self, kind: SpaceKind) -> bool {
        self.roles().any(|role| role == kind)
    }

    /// Whether the space is an online space and nothing else: it has no members to
    /// compose by sector or gender. One that also serves as a forum has.
    pub fn online_only(&self) -> bool {
        self.kind == Some(SpaceKind::Online) && self.roles().count() == 1
    }
}

#[derive(Debug, Clone)]
pub struct Member {
    pub person: Ref,
    pub role: Option<String>,
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// `counts = false`: an observer, a secretariat or a substitute, recorded but left out
    /// of the space's size, balance and sectors.
    pub counts: bool,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub id: String,
    pub date: Option<Date>,
    pub kind: Option<MeetingKind>,
    pub title: Option<Text>,
    pub attendees: Vec<Ref>,
    /// People who took part without being listed (a public workshop).
    pub participants: Option<u64>,
    /// A path inside the plan, or a URL.
    pub minutes: Option<String>,
    pub materials_published: Option<Date>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Phase {
    pub id: String,
    pub title: Option<Text>,
    pub period: Option<Period>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Commitment {
    pub id: String,
    pub number: Option<u32>,
    pub ogp_id: Option<String>,
    pub title: Text,
    pub axis: Option<Ref>,
    pub working_group: Option<Ref>,
    pub lead: Vec<Ref>,
    /// Organisations of any sector that lead beside `lead` (`co-lead`).
    pub co_lead: Vec<Ref>,
    pub supporting: Vec<Ref>,
    pub values: Vec<Value>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub status: Option<CommitmentStatus>,
    pub completion: Option<Completion>,
    pub milestones: Vec<Milestone>,
    pub sections: Vec<Section>,
    /// Bodies in other languages, from `<id>.<lang>.md`, by language.
    pub translations: BTreeMap<String, Vec<Section>>,
    pub origin: Origin,
}

impl Commitment {
    /// How the plan numbers a milestone: `3.2` is commitment 3's second (`index` counts
    /// from 0); `?.2` while the commitment has no number.
    pub fn milestone_label(&self, index: usize) -> String {
        let number = self.number.map_or("?".to_string(), |n| n.to_string());
        format!("{number}.{}", index + 1)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|section| section.id.as_deref() == Some(id))
    }
}

#[derive(Debug, Clone)]
pub struct Milestone {
    /// The author's stable id, which names the milestone whatever its place in the list.
    pub id: Option<String>,
    pub title: Text,
    pub output: Option<Text>,
    pub due: Option<Date>,
    pub stakeholders: Vec<Ref>,
    pub completion: Option<Completion>,
    pub origin: Origin,
}

/// A heading of a commitment's body and the Markdown under it.
#[derive(Debug, Clone)]
pub struct Section {
    /// The heading's `{#id}` attribute, if it has one.
    pub id: Option<String>,
    pub title: String,
    pub level: u8,
    /// The Markdown between this heading and the next section's heading. A section starts
    /// at each heading of the body's top level and at each heading with an `{#id}`; text
    /// before the first heading is a section with no id, no title and level 0.
    pub body: String,
    /// The heading line.
    pub heading: Loc,
    /// The body text.
    pub body_loc: Loc,
}

impl Section {
    /// Whether the section has text a reader would see (see [`has_prose`]).
    pub fn is_written(&self) -> bool {
        has_prose(&self.body)
    }
}

/// Whether Markdown holds text a reader would see: more than whitespace, headings and HTML
/// comments, which is what templates and skeletons write as prompts.
pub fn has_prose(markdown: &str) -> bool {
    let mut visible = String::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("<!--") {
        visible.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            // An unclosed comment hides everything after it.
            None => {
                rest = "";
                break;
            }
        }
    }
    visible.push_str(rest);
    visible
        .lines()
        .map(str::trim)
        .any(|line| !line.is_empty() && !line.starts_with('#'))
}

/// One `contributions/<id>.toml` file.
#[derive(Debug, Clone)]
pub struct ContributionFile {
    pub id: String,
    pub space: Option<Ref>,
    pub phase: Option<Ref>,
    pub contributions: Vec<Contribution>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Contribution {
    /// The source's reference, such as `II-PROP-2021-05-1234`.
    pub id: String,
    pub kind: Option<ContributionKind>,
    pub date: Option<Date>,
    pub title: Option<Text>,
    pub body: Option<Text>,
    pub author: Option<String>,
    pub author_kind: Option<AuthorKind>,
    /// The other people who signed it, as `author` names them.
    pub co_authors: Vec<String>,
    pub about: Option<Ref>,
    pub in_reply_to: Option<Ref>,
    /// For an amendment: the proposal it amends.
    pub amends: Option<Ref>,
    pub supports: Option<u64>,
    pub comments: Option<u64>,
    pub withdrawn: bool,
    /// Hidden by the source's moderators: kept for the record, left out of the document.
    pub hidden: bool,
    pub source: Option<SourceRecord>,
    pub response: Option<Response>,
    pub origin: Origin,
}

impl Contribution {
    /// Whether the plan owes this contribution a reasoned response at all: not when its
    /// author withdrew it, nor when the source's moderators hid it.
    pub fn owes_response(&self) -> bool {
        !self.withdrawn && !self.hidden
    }

    /// Whether the plan still owes this contribution a reasoned response: one is owed, and
    /// it has none.
    pub fn awaits_response(&self) -> bool {
        self.response.is_none() && self.owes_response()
    }
}

/// What the platform a contribution was imported from says of it, beside the plan's own
/// account: its numeric id and component (which an answers file for Decidim needs), and
/// the state it set, which is the platform's and not the plan's response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceRecord {
    pub id: Option<u64>,
    pub component: Option<u64>,
    pub state: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: Option<ResponseStatus>,
    pub reason: Option<Text>,
    pub by: Option<Ref>,
    pub date: Option<Date>,
    /// Set by the import when the response is the source's own answer: the fingerprint of
    /// its status, reason and date as imported. While they still match, the answer is the
    /// source's, and an answers file does not send it back.
    pub from_source: Option<String>,
    pub origin: Origin,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vision_translation_goes_before_the_file_names_extension() {
        let path = |vision: &str| {
            let meta = Meta {
                vision_path: vision.to_string(),
                ..Meta::default()
            };
            meta.vision_translation_path("en")
        };
        assert_eq!(path("vision.md"), "vision.en.md");
        assert_eq!(path("docs/vision.md"), "docs/vision.en.md");
        assert_eq!(path("docs/the.vision.txt"), "docs/the.vision.en.txt");
        // A dot in a folder's name, or at the start of the file's, begins no extension.
        assert_eq!(path("docs.v2/vision"), "docs.v2/vision.en");
        assert_eq!(path(".vision"), ".vision.en");
    }
}
