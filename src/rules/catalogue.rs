//! Every rule's name, default level and explanation. `obert explain` prints these, and
//! docs/rules.md is generated from them.

use super::DefaultLevel;
use crate::diag::Severity;

/// The group a rule belongs to, in the order the docs list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Files,
    Spaces,
    Commitments,
    Plan,
    Online,
    Implementation,
    Privacy,
}

impl Family {
    pub fn title(self) -> &'static str {
        match self {
            Family::Files => "Files and references",
            Family::Spaces => "Spaces and their members",
            Family::Commitments => "Commitments",
            Family::Plan => "The plan",
            Family::Online => "Online space and OGP co-creation standards",
            Family::Implementation => "Implementation: progress, evidence and publication",
            Family::Privacy => "Privacy",
        }
    }

    pub const ALL: [Family; 7] = [
        Family::Files,
        Family::Spaces,
        Family::Commitments,
        Family::Plan,
        Family::Online,
        Family::Implementation,
        Family::Privacy,
    ];
}

/// One rule of the catalogue.
#[derive(Debug)]
pub struct Rule {
    /// Stable kebab-case name, used in `[lints]`, `obert explain` and every output format.
    pub name: &'static str,
    pub family: Family,
    pub default: DefaultLevel,
    /// A fixed rule cannot be lowered in `[lints]`: a plan that breaks it cannot be read
    /// correctly.
    pub fixed: bool,
    /// A new finding of this rule makes an edit refuse to write: the plan would be
    /// unreadable or inconsistent, not merely incomplete.
    pub blocks_edit: bool,
    /// What it finds, in one line.
    pub summary: &'static str,
    /// Why it matters: the OGP rule or the co-creation design behind it.
    pub why: &'static str,
    /// How to fix a finding.
    pub fix: &'static str,
}

/// Rules are statics with unique names: two references are the same rule when their names
/// are equal.
impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Rule {}

impl std::hash::Hash for Rule {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

const ERROR: DefaultLevel = DefaultLevel::Always(Severity::Error);
const WARN: DefaultLevel = DefaultLevel::Always(Severity::Warn);

/// The catalogue, in documentation order.
pub static RULES: &[&Rule] = &[
    &PARSE_ERROR,
    &UNSAFE_PATH,
    &UNKNOWN_FIELD,
    &INVALID_VALUE,
    &DUPLICATE_ID,
    &DANGLING_REFERENCE,
    &MISSING_FILE,
    &STEERING_GROUP_BALANCE,
    &FORUM_SIZE,
    &PLENARY_COUNT,
    &WORKING_GROUP_SIZE,
    &SESSION_COUNT,
    &MEMBER_SECTOR,
    &SECTOR_MISSING,
    &SPACE_MISSING,
    &DUPLICATE_MEMBER,
    &ATTENDEE_NOT_MEMBER,
    &PERSON_WITHOUT_SECTOR,
    &COMMITMENT_COUNT,
    &COMMITMENT_NUMBERING,
    &LEAD_NOT_GOVERNMENT,
    &COMMITMENT_WORKING_GROUP,
    &WORKING_GROUP_WITHOUT_COMMITMENT,
    &COMMITMENT_VALUES,
    &COMMITMENT_SECTION,
    &MILESTONE_MISSING,
    &MILESTONE_OUTPUT,
    &DATE_OUTSIDE_PERIOD,
    &VISION_MISSING,
    &TIMELINE_ORDER,
    &MEETING_OUTSIDE_COCREATION,
    &TRANSLATION_MISSING,
    &CHAPTER_UNLISTED,
    &CONTRIBUTION_UNANSWERED,
    &RESPONSE_WITHOUT_REASON,
    &CONTRIBUTION_OUTSIDE_PHASE,
    &FORUM_MEETING_GAP,
    &MEETING_WITHOUT_MINUTES,
    &EVIDENCE_UNPUBLISHABLE,
    &MATERIALS_LATE,
    &MILESTONE_OVERDUE,
    &PROGRESS_STALE,
    &PUBLICATION_GAP,
    &COMPLETION_WITHOUT_EVIDENCE,
    &FORUM_FOLLOWUP_COUNT,
    &REPORT_BEFORE_START,
    &REPORT_AFTER_END,
    &EVIDENCE_MISSING,
    &PERSONAL_DATA,
    &UNUSED_ALLOW,
];

pub static MILESTONE_OVERDUE: Rule = Rule {
    name: "milestone-overdue",
    family: Family::Implementation,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "during implementation, a milestone past its due date whose latest report is not `complete`",
    why: "OGP asks members to report progress on every milestone; a milestone that is late and says nothing is what the Independent Reporting Mechanism finds as \"no evidence\". Judged from today (`--today`) while the plan is being implemented and once it is closed; without a report, the milestone's `completion` counts.",
    fix: "Report where it stands with `obert progress add COMMITMENT MILESTONE --status …`, with evidence when it is done; if the date moved, say so in the report's note.",
};

pub static PROGRESS_STALE: Rule = Rule {
    name: "progress-stale",
    family: Family::Implementation,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "during implementation, a commitment with no progress report in `[rules] progress-days`",
    why: "OGP asks that progress be published at least twice a year (every four months for OGP Local); a commitment with no recent report has nothing to publish. Days count from the latest report (or the commitment's start) to today, or to the commitment's end if it came first; a commitment reported `complete` as a whole, or whose milestones all are, owes no more.",
    fix: "Add a report with `obert progress add COMMITMENT --status …`, or set `[rules] progress-days` to the rhythm the forum agreed.",
};

pub static PUBLICATION_GAP: Rule = Rule {
    name: "publication-gap",
    family: Family::Implementation,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "during implementation, no `[[publication]]` of progress in `[rules] progress-days`",
    why: "OGP's standards ask that progress be published on the plan's page at least twice a year (every four months for OGP Local), so that anyone can follow it. Days count from the latest publication (or the start of implementation) to today, or to the end of implementation if it came first.",
    fix: "Publish the progress page (`obert render --progress`) and record it with `obert publication add --date … --url …`.",
};

pub static COMPLETION_WITHOUT_EVIDENCE: Rule = Rule {
    name: "completion-without-evidence",
    family: Family::Implementation,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "a progress report of `substantial` or `complete` with no evidence",
    why: "The Independent Reporting Mechanism rates completion on evidence only; a claim without it is rated \"no evidence\".",
    fix: "Add `evidence = [\"https://…\"]` (or a file inside the plan) to the report: a published output, a dataset, minutes.",
};

pub static FORUM_FOLLOWUP_COUNT: Rule = Rule {
    name: "forum-followup-count",
    family: Family::Implementation,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "fewer than two forum meetings with civil society in a year of implementation",
    why: "OGP's co-creation and participation standards ask the multi-stakeholder forum to meet civil society at least twice a year during implementation to follow up the plan. A year is 12 months from the start of the `[implementation]` period, judged once it is over; a last, shorter stretch asks for its share (one meeting per half year, rounded). Every dated meeting of a space that plays the forum counts, unless it lists `attendees` and none of them is from civil society.",
    fix: "Hold and record the forum's follow-up meetings with `obert meeting add`; where a meeting lists its attendees, include the civil-society members who took part.",
};

pub static REPORT_BEFORE_START: Rule = Rule {
    name: "report-before-start",
    family: Family::Implementation,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a progress report dated before its commitment starts",
    why: "Progress on a commitment counts from its start; a report before it is most likely a wrong date or a report on another commitment.",
    fix: "Correct the report's date or move it to the commitment it is about.",
};

pub static REPORT_AFTER_END: Rule = Rule {
    name: "report-after-end",
    family: Family::Implementation,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a progress report dated after its commitment ends",
    why: "Reports after the end usually belong to an end-of-commitment assessment instead; a late report of what was finished in time is fine, but should say so.",
    fix: "Correct the date, record it as an assessment, or keep it with `allow = { report-after-end = \"why\" }` on the report.",
};

pub static EVIDENCE_MISSING: Rule = Rule {
    name: "evidence-missing",
    family: Family::Implementation,
    default: ERROR,
    fixed: true,
    blocks_edit: true,
    summary: "a progress report names an evidence file that does not exist in the plan",
    why: "Evidence is what the Independent Reporting Mechanism and citizens check; a path that leads nowhere proves nothing.",
    fix: "Add the file at that path inside the plan folder, correct the path, or give the URL where it is published.",
};

pub static PARSE_ERROR: Rule = Rule {
    name: "parse-error",
    family: Family::Files,
    default: ERROR,
    fixed: true,
    blocks_edit: true,
    summary: "a file is not valid TOML, front matter or UTF-8",
    why: "A file that cannot be parsed cannot be checked, rendered or compared; nothing else in it is looked at until it parses.",
    fix: "Correct the syntax at the line shown. Commitment files start with a `+++` line, their TOML fields, and another `+++` line. Save files as UTF-8.",
};

pub static UNSAFE_PATH: Rule = Rule {
    name: "unsafe-path",
    family: Family::Files,
    default: ERROR,
    fixed: true,
    blocks_edit: true,
    summary: "a plan file that is a symbolic link leading out of the plan, a device, a FIFO, a git symbolic link or too large",
    why: "A plan arrives in pull requests and CI reads it with secrets around: a link out of the plan folder would put another file (a password file, the CI job's environment) into the check's output or the document, and a device or a FIFO could feed endless bytes or block for ever. obert reads none of them.",
    fix: "Make the file a regular file inside the plan folder: copy its text in rather than link to it. Split a file over the size limit into several.",
};

pub static UNKNOWN_FIELD: Rule = Rule {
    name: "unknown-field",
    family: Family::Files,
    default: ERROR,
    fixed: true,
    blocks_edit: true,
    summary: "a key the format does not know",
    why: "A misspelt key would otherwise be ignored in silence, and the plan would say less than its authors think (a `sectr` is no sector).",
    fix: "Use the key the hint suggests, or remove the line. docs/format.md lists every key of every file; `[lints]` takes rule names only.",
};

pub static INVALID_VALUE: Rule = Rule {
    name: "invalid-value",
    family: Family::Files,
    default: ERROR,
    fixed: true,
    blocks_edit: true,
    summary: "wrong type, unknown enum value, bad date, bad id, or a required key missing",
    why: "Values are what the rules count and what the document shows; a date that does not exist or a sector outside the list cannot be checked against anything.",
    fix: "Write the value as the message says: dates unquoted as `2021-05-06`, ids as lowercase slugs (`steering-group`), words from the closed lists in docs/format.md.",
};

pub static DUPLICATE_ID: Rule = Rule {
    name: "duplicate-id",
    family: Family::Files,
    default: ERROR,
    fixed: true,
    blocks_edit: true,
    summary: "two entries share an id (people, organisations, axes, meetings or phases in a space, milestones in a commitment, contributions, commitment numbers)",
    why: "References name entries by id; with two entries of the same id, a reference could mean either.",
    fix: "Give one of the two entries another id (and update the references that meant it), or merge them if they are the same thing.",
};

pub static DANGLING_REFERENCE: Rule = Rule {
    name: "dangling-reference",
    family: Family::Files,
    default: ERROR,
    fixed: true,
    blocks_edit: true,
    summary: "a reference names nothing: person, organisation, space, axis, phase, commitment, contribution",
    why: "A member who is nobody, or a commitment led by an organisation that does not exist, makes every count and every rendered table wrong.",
    fix: "Correct the id (the hint names the nearest existing one), or add the missing entry first, for example with a new `[[person]]` in people.toml.",
};

pub static MISSING_FILE: Rule = Rule {
    name: "missing-file",
    family: Family::Files,
    default: ERROR,
    fixed: true,
    blocks_edit: true,
    summary: "a referenced file (plan.toml, the vision, a minutes path) does not exist inside the plan",
    why: "Minutes are the evidence that a meeting happened and was reported (OGP co-creation standard 2); a path that leads nowhere is no evidence.",
    fix: "Add the file at that path inside the plan folder, correct the path, or point at a URL instead.",
};

pub static STEERING_GROUP_BALANCE: Rule = Rule {
    name: "steering-group-balance",
    family: Family::Spaces,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "a steering group whose counted members do not balance the sides as `[rules.steering-group]` asks (`government` + `civil-society`, exactly, at least, or in parity)",
    why: "A steering group that drives co-creation is made of government and civil society in the proportion the process agreed; that balance is what makes it a co-creation body rather than a government one. OGP asks for a multi-stakeholder forum with a balance of both sides.",
    fix: "Add or remove members (or mark those who left with `until`) until the counts match; the numbers are in `[rules.steering-group]` in plan.toml.",
};

pub static FORUM_SIZE: Rule = Rule {
    name: "forum-size",
    family: Family::Spaces,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a forum whose counted members differ from `[rules.forum] members`",
    why: "A process designs its forum for a number of people; the number reached is often near it rather than on it, so the rule says how far off it is as a warning, not an error.",
    fix: "Add or remove members, or set the number the plan really aims for in `[rules.forum] members`.",
};

pub static PLENARY_COUNT: Rule = Rule {
    name: "plenary-count",
    family: Family::Spaces,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a forum with fewer plenary meetings than `[rules.forum] plenaries`",
    why: "A forum deliberates in the plenaries the process plans: typically to constitute itself, to follow the co-creation, and to approve the plan.",
    fix: "Record the plenaries as `[[meeting]]` entries with `kind = \"plenary\"` in the forum's file, or change `[rules.forum] plenaries`.",
};

pub static WORKING_GROUP_SIZE: Rule = Rule {
    name: "working-group-size",
    family: Family::Spaces,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a working group whose counted members fall outside `[rules.working-group] min-members` to `max-members`",
    why: "Working groups of about 15 to 20 people are small enough to agree on a commitment and large enough to hold every kind of participant.",
    fix: "Add or remove members, or change `[rules.working-group] min-members` and `max-members`.",
};

pub static SESSION_COUNT: Rule = Rule {
    name: "session-count",
    family: Family::Spaces,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a working group with fewer sessions than `[rules.working-group] sessions`",
    why: "Each working group co-creates its commitment in three work sessions.",
    fix: "Record the sessions as `[[meeting]]` entries with `kind = \"session\"`, or change `[rules.working-group] sessions`.",
};

pub static MEMBER_SECTOR: Rule = Rule {
    name: "member-sector",
    family: Family::Spaces,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "a member of a forum or working group whose sector is not in that kind's `sectors`",
    why: "A process decides which sectors its forum and working groups admit (by default public administrations, open-government entities, generalist entities and experts); a plan may widen that list, but each counted member must belong to it.",
    fix: "Correct the person's sector (or their organisation's), or add the sector to `sectors` in `[rules.forum]` or `[rules.working-group]`.",
};

pub static SECTOR_MISSING: Rule = Rule {
    name: "sector-missing",
    family: Family::Spaces,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a sector in a forum's `sectors` list with no member at all",
    why: "A forum meant to hold every kind of participant is not multi-stakeholder in fact if one kind has no seat (an OGP Local inception check).",
    fix: "Invite a member of that sector, or remove the sector from `[rules.forum] sectors`.",
};

pub static SPACE_MISSING: Rule = Rule {
    name: "space-missing",
    family: Family::Spaces,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "the plan has no steering group, no forum, or no working group",
    why: "Co-creation needs a body that drives it, a multi-stakeholder forum that follows and approves it, and groups that write the commitments. One space may play several of these parts (`serves-as`); without any space playing one, nobody does that part.",
    fix: "Add a file in spaces/ with `kind = \"steering-group\"`, `\"forum\"` or `\"working-group\"`.",
};

pub static DUPLICATE_MEMBER: Rule = Rule {
    name: "duplicate-member",
    family: Family::Spaces,
    default: ERROR,
    fixed: false,
    blocks_edit: true,
    summary: "a person listed twice in one space at the same time",
    why: "A person counted twice inflates the counts that other rules check. A person who left and came back is listed twice with periods that do not overlap, and that is fine.",
    fix: "Remove one of the two entries, or give the earlier one an `until` date before the later one's `since`.",
};

pub static ATTENDEE_NOT_MEMBER: Rule = Rule {
    name: "attendee-not-member",
    family: Family::Spaces,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a meeting attendee who was not a member of the space on the meeting's date",
    why: "Attendance is evidence of who co-created the plan; an attendee who is not a member is usually a typo in an id or a membership that was never recorded.",
    fix: "Add the person as a member (with `since` on or before the meeting), or correct the attendee's id.",
};

pub static PERSON_WITHOUT_SECTOR: Rule = Rule {
    name: "person-without-sector",
    family: Family::Spaces,
    default: ERROR,
    fixed: false,
    blocks_edit: true,
    summary: "a person with no sector of their own or of their organisation",
    why: "Every count by side (government or civil society) and by sector needs each person's sector.",
    fix: "Give the person an `organisation`, or a `sector` of their own.",
};

pub static COMMITMENT_COUNT: Rule = Rule {
    name: "commitment-count",
    family: Family::Commitments,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "not exactly `[rules] commitments` commitments",
    why: "A process agrees how many commitments its plan holds; a plan with more or fewer is either unfinished or no longer the plan that was agreed.",
    fix: "Add or remove commitment files in commitments/, or change `[rules] commitments` in plan.toml.",
};

pub static COMMITMENT_NUMBERING: Rule = Rule {
    name: "commitment-numbering",
    family: Family::Commitments,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "commitment numbers are not 1..N without gaps",
    why: "The numbers give the commitments' order in the document and their milestones' numbers (3.2 is commitment 3's second milestone).",
    fix: "Renumber the commitments 1, 2, 3… in the order the plan presents them.",
};

pub static LEAD_NOT_GOVERNMENT: Rule = Rule {
    name: "lead-not-government",
    family: Family::Commitments,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "a lead organisation that is not a public administration, or no lead at all",
    why: "Commitments are carried out by public administrations, and OGP's template names a lead implementing institution. A civil-society organisation that leads beside it is a `co-lead`; other partners are `supporting`.",
    fix: "List a public administration in `lead`, and move other organisations to `supporting`.",
};

pub static COMMITMENT_WORKING_GROUP: Rule = Rule {
    name: "commitment-working-group",
    family: Family::Commitments,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "a commitment without a working group, or whose `working-group` is not of kind working-group",
    why: "Each commitment is co-created in a working group; naming it is how the plan shows who co-created what.",
    fix: "Set `working-group` to the id of a space with `kind = \"working-group\"`.",
};

pub static WORKING_GROUP_WITHOUT_COMMITMENT: Rule = Rule {
    name: "working-group-without-commitment",
    family: Family::Commitments,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a working group that no commitment names",
    why: "A working group exists to co-create a commitment; one that produced none is either unfinished or misnamed in a commitment.",
    fix: "Name the group in its commitment's `working-group`, or remove the group if it did not happen.",
};

pub static COMMITMENT_VALUES: Rule = Rule {
    name: "commitment-values",
    family: Family::Commitments,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "no core OGP value (transparency, participation, accountability)",
    why: "OGP asks every commitment to be relevant to at least one core value; technology and inclusion count only beside one of them.",
    fix: "Add `transparency`, `participation` or `accountability` to `values`, and explain the relevance in the `relevance` section.",
};

pub static COMMITMENT_SECTION: Rule = Rule {
    name: "commitment-section",
    family: Family::Commitments,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "a required body section is missing, or has no text yet (only comments)",
    why: "OGP's commitment template asks for the problem, its causes, the proposed solution and the expected results; `[rules.commitment] sections` lists which a plan requires.",
    fix: "Add a heading with the section's id, such as `## Problema {#problem}`, with text under it.",
};

pub static MILESTONE_MISSING: Rule = Rule {
    name: "milestone-missing",
    family: Family::Commitments,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "a commitment without milestones",
    why: "OGP's template breaks each commitment into milestones with dates and outputs, so that its progress can be followed and assessed.",
    fix: "Add `[[milestone]]` entries with `title`, `output` and `due` to the front matter.",
};

pub static MILESTONE_OUTPUT: Rule = Rule {
    name: "milestone-output",
    family: Family::Commitments,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a milestone without a verifiable `output`",
    why: "The Independent Reporting Mechanism rates whether a commitment is verifiable; a milestone without a deliverable cannot be verified.",
    fix: "Add `output = \"…\"`: something a reader could check exists, such as a published report or a dataset.",
};

pub static DATE_OUTSIDE_PERIOD: Rule = Rule {
    name: "date-outside-period",
    family: Family::Commitments,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "a commitment or milestone date outside the implementation period, a milestone outside its commitment, or an end before a start",
    why: "Commitments are carried out within the plan's implementation period, and a milestone is part of its commitment.",
    fix: "Move the date inside the period shown, or change `[implementation]` in plan.toml if the plan's period changed.",
};

pub static VISION_MISSING: Rule = Rule {
    name: "vision-missing",
    family: Family::Plan,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "no strategic vision, or one with no text yet (only headings or comments)",
    why: "An action plan holds a strategic vision that guides its commitments over the implementation period.",
    fix: "Write the vision in vision.md (or the file that `vision` in plan.toml names).",
};

pub static TIMELINE_ORDER: Rule = Rule {
    name: "timeline-order",
    family: Family::Plan,
    default: ERROR,
    fixed: false,
    blocks_edit: false,
    summary: "a period that ends before it starts, or co-creation that ends after implementation starts",
    why: "The plan is co-created first and carried out after; periods out of order make every date rule meaningless.",
    fix: "Correct the `start` and `end` dates shown.",
};

pub static MEETING_OUTSIDE_COCREATION: Rule = Rule {
    name: "meeting-outside-cocreation",
    family: Family::Plan,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a working-group session or forum plenary outside the co-creation period while the stage is co-creation",
    why: "Sessions and plenaries are where the plan is co-created; one outside the period is either misdated or a sign that the period is wrong.",
    fix: "Correct the meeting's date, or the `[cocreation]` period in plan.toml.",
};

pub static TRANSLATION_MISSING: Rule = Rule {
    name: "translation-missing",
    family: Family::Plan,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a language in `languages` that the vision or a commitment has no text in (one finding per language, with a count)",
    why: "`languages` promises the plan in each of its languages, and `obert render --lang` makes a document in each; the vision or a commitment with no text in one of them is shown there in the plan's first language, with a note that says so. The plan's first language never lacks text. The vision has text in another language when `vision.<lang>.md` beside it (for `vision = \"docs/vision.md\"`, `docs/vision.<lang>.md`) holds more than headings and comments. A commitment has it when `commitments/<id>.<lang>.md` translates at least one section of its body; its title counts apart, when it is not given in that language.",
    fix: "Translate the vision into `vision.<lang>.md` beside it, and each commitment named into `commitments/<id>.<lang>.md` beside it (the same section ids, such as `## Problem {#problem}`, and no front matter); give each commitment's title in that language too: `title = { ca = \"…\", en = \"…\" }`. Or remove the language from `languages` if the plan will not be published in it.",
};

pub static CHAPTER_UNLISTED: Rule = Rule {
    name: "chapter-unlisted",
    family: Family::Plan,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a chapter file in `chapters/` that `[document] chapters` does not name, so the document leaves it out",
    why: "A chapter is written to be read: a foreword or a next-steps chapter that the document silently leaves out is lost work, and the plan says less than its authors think.",
    fix: "Add the chapter's id to `[document] chapters` in plan.toml where it belongs in the document (`obert plan set document.chapters …`), or remove the file.",
};

pub static CONTRIBUTION_UNANSWERED: Rule = Rule {
    name: "contribution-unanswered",
    family: Family::Online,
    default: DefaultLevel::WarnDuringCocreation,
    fixed: false,
    blocks_edit: false,
    summary: "a contribution with no response",
    why: "OGP's co-creation standard 4 (reasoned response) asks the plan to publish how each input was considered. While co-creation goes on an open contribution is normal; once the plan is submitted, each one is owed an answer.",
    fix: "Answer it: `obert contribution respond ID --status STATUS --reason \"…\" --by SPACE` writes its `[contribution.response]`. A contribution its author withdrew is marked `withdrawn = true` instead.",
};

pub static RESPONSE_WITHOUT_REASON: Rule = Rule {
    name: "response-without-reason",
    family: Family::Online,
    default: ERROR,
    fixed: false,
    blocks_edit: true,
    summary: "a response other than `accepted` with an empty reason",
    why: "A reasoned response gives the reason; a rejection without one is exactly what OGP's standard 4 rules out.",
    fix: "Say what was done with the contribution, and why: `obert contribution respond ID --status STATUS --reason \"…\"`.",
};

pub static CONTRIBUTION_OUTSIDE_PHASE: Rule = Rule {
    name: "contribution-outside-phase",
    family: Family::Online,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a contribution dated outside its phase (the `phase` its contributions file names)",
    why: "Each phase of the online space asks for one kind of input over a published period (OGP co-creation standard 3: a timeline published in advance). A contribution dated outside it is misdated, filed under the wrong phase, or a sign that the phase's dates are wrong, and the counts per phase mislead.",
    fix: "Correct the contribution's `date`, move it to the file of the phase it belongs to, or correct the phase's `start` and `end` in the online space's file.",
};

pub static FORUM_MEETING_GAP: Rule = Rule {
    name: "forum-meeting-gap",
    family: Family::Online,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "during implementation, more than `[rules.forum] meeting-gap-days` between meetings of a space that plays the forum",
    why: "OGP co-creation standard 1 asks for a multi-stakeholder forum that keeps the dialogue going and meets at least every six months, also while the plan is carried out (standard 5). For plans at stage `implementation` or `closed`, the rule counts more than `[rules.forum] meeting-gap-days` (183 by default) without a meeting of a space that plays the forum (its own kind, or `serves-as`), from the start of the implementation period, between its meetings, and up to the earlier of today (or `--today`) and the period's end.",
    fix: "Record every forum meeting held during implementation as a `[[meeting]]` in the forum's file; if the forum really did not meet, convene it.",
};

pub static MEETING_WITHOUT_MINUTES: Rule = Rule {
    name: "meeting-without-minutes",
    family: Family::Online,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "a past meeting of any space (public workshops included) with no minutes",
    why: "OGP co-creation standard 2 asks for open, timely information: what the spaces discussed and agreed is published. The minutes are the evidence that a meeting happened and what came out of it, in whichever space it was held: an online space's public workshops too. A path or a URL counts; a path the plan does not hold is a `missing-file` finding instead.",
    fix: "Publish the minutes and set the meeting's `minutes` to their path inside the plan (`minutes/forum-1.md`) or their URL: `obert meeting set SPACE MEETING minutes PATH`.",
};

pub static EVIDENCE_UNPUBLISHABLE: Rule = Rule {
    name: "evidence-unpublishable",
    family: Family::Online,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "minutes kept as a file of the plan that the document can neither embed nor link (`[document] files-url`)",
    why: "The document is read away from the plan folder: published on a web site, printed, sent as a PDF. A path inside the plan is no link there, so minutes the document can neither carry in its annex nor point to on the web are evidence no reader can see (OGP co-creation standard 2).",
    fix: "Set `[document] files-url` to where the plan's files are published (`obert plan set document.files-url URL`), write the minutes in Markdown so the document embeds them, or give the minutes' URL.",
};

pub static MATERIALS_LATE: Rule = Rule {
    name: "materials-late",
    family: Family::Online,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "materials published fewer than `[rules] materials-days` days before the meeting, or after it",
    why: "Members can only deliberate on what they have read: OGP's standard 2 asks for timely information, and OGP Local's inception check asks whether information was shared before meetings. Meetings without a `materials-published` date are not judged.",
    fix: "Publish the agenda and documents at least `[rules] materials-days` (7 by default) days before the meeting, or correct `materials-published` if they were out earlier.",
};

pub static PERSONAL_DATA: Rule = Rule {
    name: "personal-data",
    family: Family::Privacy,
    default: ERROR,
    fixed: false,
    blocks_edit: true,
    summary: "an e-mail address or phone number in text that is rendered (titles, bodies, minutes, reasons)",
    why: "The plan and its minutes are published. Contact details belong in people.toml's private `email` and `phone` fields, which no output ever shows.",
    fix: "Remove the address or number from the text; keep it, if needed, in the person's private fields.",
};

pub static UNUSED_ALLOW: Rule = Rule {
    name: "unused-allow",
    family: Family::Plan,
    default: WARN,
    fixed: false,
    blocks_edit: false,
    summary: "an `allow` whose rule has no finding in the entry that holds it",
    why: "An exception is written where a rule does not apply, with its reason, so that the plan can pass without switching the rule off for everyone. Once the cause is gone (the date moved, the member left), the exception should go too, or it would hide the next real finding.",
    fix: "Remove the rule from the entry's `allow` table, or move it to the entry the finding is about (an `allow` covers the entry it is written in, or, at the top of a file, the whole file).",
};

/// The rule reference in Markdown, as docs/rules.md holds it. A test keeps the file equal
/// to this, so the docs cannot drift from the registry.
pub fn reference_markdown() -> String {
    use std::fmt::Write as _;
    let mut text = String::from(
        "# Rules\n\n\
         <!-- Generated from src/rules/catalogue.rs; `OBERT_BLESS=1 cargo test --test it docs::` rewrites it. -->\n\n\
         `obert check` runs every rule below over the whole plan. `obert explain RULE` prints the same text.\n\n\
         Levels: `error` fails the check (exit 1), `warn` is reported and fails only with \
         `--deny-warnings`, `allow` is silent. `[lints]` in plan.toml sets a rule's level \
         (`forum-size = \"allow\"`); a *fixed* rule cannot be lowered. The numbers that rules \
         check against come from `[rules]` in plan.toml (see format.md).\n",
    );
    for family in Family::ALL {
        let _ = write!(text, "\n## {}\n\n", family.title());
        let _ = writeln!(text, "| rule | default | finds |");
        let _ = writeln!(text, "|---|---|---|");
        for rule in RULES.iter().filter(|r| r.family == family) {
            let fixed = if rule.fixed { ", fixed" } else { "" };
            let _ = writeln!(
                text,
                "| [`{}`](#{}) | {}{fixed} | {} |",
                rule.name,
                rule.name,
                rule.default.describe(),
                rule.summary.replace('|', "\\|")
            );
        }
        for rule in RULES.iter().filter(|r| r.family == family) {
            let _ = write!(
                text,
                "\n### `{}`\n\n{}.\n\n**Why.** {}\n\n**Fix.** {}\n",
                rule.name,
                capitalise(rule.summary),
                rule.why,
                rule.fix
            );
        }
    }
    text
}

/// The text with its first letter in capitals (a rule's summary starts a sentence).
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
