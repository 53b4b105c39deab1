//! What the templates see: the plan, resolved into one language and made safe to publish.
//!
//! Every text is taken in the requested language (falling back to the plan's primary one),
//! has e-mail addresses and phone numbers masked, and, for the HTML page, Markdown arrives
//! already converted and sanitised. Names of people appear only with their consent. Closed
//! lists (sectors, statuses, values) stay as their keys: the templates' labels turn them
//! into words, so the wording lives in the templates, not here.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::Format;
use super::charts::{self, Lane, Mark, Segment, Timeline};
use super::markdown;
use super::words::Words;
use crate::evidence::{self, Published};
use crate::inclusion;
use crate::model::{
    Commitment, ContributionKind, Date, Keyword, Meeting, Plan, Sector, Side, Space, SpaceKind,
    Text, has_prose,
};
use crate::privacy::redact;
use crate::rules::Context;

/// One chapter of the document, in the order `[document] chapters` gives.
#[derive(Debug, Serialize)]
pub(super) struct ChapterView {
    /// A built-in chapter's id (`vision`, `process`, `contributions`, `commitments`,
    /// `standards`, `annex`), which the template writes itself, or one of the plan's own.
    pub id: String,
    pub built_in: bool,
    /// A chapter of the plan's own: its title (its file's first heading) and its text, HTML
    /// for the page and Markdown for the Markdown document.
    pub title: String,
    pub body: String,
    /// The language the chapter is shown in when it has no text in the document's.
    pub fallback: Option<String>,
}

/// Everything one rendering of the document needs.
#[derive(Debug, Serialize)]
pub(super) struct Document {
    pub lang: String,
    /// The chapters in order; the template writes each built-in one where it stands.
    pub chapters: Vec<ChapterView>,
    /// The minutes the annex carries, in the order the spaces' meetings first name them.
    pub minutes: Vec<MinutesView>,
    pub format: &'static str,
    pub title: String,
    pub member: String,
    pub kind: Option<&'static str>,
    pub stage: Option<&'static str>,
    pub website: Option<String>,
    pub cocreation: Option<Period>,
    pub implementation: Option<Period>,
    pub partners: Vec<String>,
    pub axes: Vec<Axis>,
    /// The vision: HTML for the page, Markdown for the Markdown document, Typst markup
    /// for the PDF.
    pub vision: String,
    /// The language the vision is shown in when it is not the document's: a document in a
    /// language that `vision.<lang>.md` does not translate it into shows the primary one.
    pub vision_fallback: Option<String>,
    pub spaces: Vec<SpaceView>,
    pub responses: Vec<PhaseGroup>,
    pub commitments: Vec<CommitmentView>,
    /// The process over the co-creation period, and the commitments over the implementation
    /// period, as SVG (the page and the PDF).
    pub process_timeline: Option<String>,
    /// How many meetings and online phases came after the co-creation period: the process
    /// timeline leaves them to the implementation timeline.
    pub after_cocreation: usize,
    /// What the plan's data shows about OGP's co-creation standards (`obert status
    /// --standards` gives the evidence).
    pub standards: Vec<StandardView>,
    pub implementation_timeline: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct StandardView {
    /// The key of its title in the labels.
    pub id: &'static str,
    /// met, not-met or not-recorded.
    pub verdict: crate::standards::Verdict,
    /// The rules of `obert check` whose findings make it "not met".
    pub rules: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub(super) struct Period {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Serialize)]
pub(super) struct Axis {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub(super) struct SpaceView {
    pub id: String,
    pub kind: Option<&'static str>,
    pub name: String,
    pub purpose: Option<String>,
    pub url: Option<String>,
    pub rules_url: Option<String>,
    /// Members who count (current, and not `counts = false`).
    pub members: usize,
    /// Kinds whose part the space also plays.
    pub serves_as: Vec<&'static str>,
    pub government: usize,
    pub civil_society: usize,
    /// Current members per sector, in the format's order of sectors.
    pub by_sector: Vec<SectorCount>,
    /// Current members per gender, each count below 3 as `<3` (see [`inclusion`]); `None`
    /// when no member has a gender recorded.
    pub by_gender: Option<Vec<inclusion::GenderCount>>,
    /// Whether a count of 3 or more is hidden too (`3+`), so that the page can say why.
    pub by_gender_hides_more: bool,
    pub composition: Option<String>,
    pub meetings: Vec<MeetingView>,
    pub phases: Vec<PhaseView>,
    /// Everyone who has been a member, in the file's order.
    pub roster: Vec<MemberView>,
}

#[derive(Debug, Serialize)]
pub(super) struct SectorCount {
    pub sector: &'static str,
    pub side: &'static str,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub(super) struct MeetingView {
    pub id: String,
    pub date: Option<String>,
    pub kind: Option<&'static str>,
    pub title: Option<String>,
    pub attendees: usize,
    /// Where the minutes are: a URL, or `#minutes-…` in the document's annex.
    pub minutes: Option<String>,
    /// The meeting has minutes, but in a file the document can neither embed nor link
    /// (`evidence-unpublishable`).
    pub minutes_unpublished: bool,
}

/// A minutes file of the plan, carried in the document's annex.
#[derive(Debug, Serialize)]
pub(super) struct MinutesView {
    /// The section's id, which the meetings link to.
    pub anchor: String,
    /// The file's first heading, or its path.
    pub title: String,
    /// The rest of the file: HTML for the page, Markdown for the Markdown document.
    pub body: String,
}

#[derive(Debug, Serialize)]
pub(super) struct PhaseView {
    pub id: String,
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub proposals: usize,
    pub comments: usize,
    pub supports: u64,
}

#[derive(Debug, Serialize)]
pub(super) struct MemberView {
    /// The name, only when the person consented to its publication.
    pub name: Option<String>,
    pub organisation: Option<String>,
    pub sector: Option<&'static str>,
    pub role: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct PhaseGroup {
    /// When the phase opened, for the groups' order.
    #[serde(skip)]
    pub opened: Option<Date>,
    pub space: Option<String>,
    pub phase: Option<String>,
    pub contributions: Vec<ContributionView>,
}

#[derive(Debug, Serialize)]
pub(super) struct ContributionView {
    pub id: String,
    pub kind: Option<&'static str>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub author: Option<String>,
    /// For an amendment: the proposal it amends.
    pub amends: Option<String>,
    pub withdrawn: bool,
    pub status: Option<&'static str>,
    pub reason: Option<String>,
    pub by: Option<String>,
    pub answered_on: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct CommitmentView {
    pub id: String,
    pub number: Option<u32>,
    pub ogp_id: Option<String>,
    pub title: String,
    pub lead: Vec<String>,
    /// Organisations of any sector that lead beside `lead`.
    pub co_lead: Vec<String>,
    pub supporting: Vec<String>,
    pub values: Vec<&'static str>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub working_group: Option<String>,
    pub axis: Option<String>,
    pub status: Option<&'static str>,
    pub completion: Option<&'static str>,
    pub sections: Vec<SectionView>,
    /// The language every section is shown in, when none is in the document's: the page
    /// then says so once for the whole body rather than under each section.
    pub fallback: Option<String>,
    pub milestones: Vec<MilestoneView>,
}

#[derive(Debug, Serialize)]
pub(super) struct SectionView {
    pub id: Option<String>,
    pub title: String,
    /// HTML for the page, Markdown for the Markdown document, Typst markup for the PDF.
    pub body: String,
    /// The language the section is shown in when it has no translation into the document's
    /// (the primary language): the page says so, and marks the text with its language.
    pub fallback: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct MilestoneView {
    pub label: String,
    pub title: String,
    pub output: Option<String>,
    pub due: Option<String>,
    pub stakeholders: Vec<String>,
    pub completion: Option<&'static str>,
}

/// The words the pictures need, from the templates' labels.
#[derive(Debug, Default)]
pub(super) struct PictureWords {
    pub sectors: BTreeMap<String, String>,
    pub composition_alt: String,
    /// A composition legend's line: `{sector}` and `{members}` ("Citizens: 1 member").
    pub legend: String,
    pub process_alt: String,
    pub implementation_alt: String,
    /// Dates and counts in the document's language.
    pub language: Words,
}

/// Builds the document's data from a plan.
pub(super) struct Builder<'a> {
    pub cx: &'a Context<'a>,
    pub lang: &'a str,
    pub format: Format,
    /// Per minutes file, the meetings that have a heading of their own in it.
    pub meeting_headings: &'a HashMap<&'a str, HashSet<&'a str>>,
    /// `obert check`'s findings, which the standards chapter is judged by.
    pub findings: &'a [crate::diag::Diagnostic],
    pub today: Option<crate::model::Date>,
    pub words: &'a PictureWords,
}

impl Builder<'_> {
    fn plan(&self) -> &Plan {
        self.cx.plan
    }

    fn primary(&self) -> &str {
        self.plan()
            .meta
            .languages
            .first()
            .map_or(self.lang, String::as_str)
    }

    /// Translatable text in the document's language, safe to publish.
    fn text(&self, text: &Text) -> String {
        redact(text.get(self.lang, self.primary()).trim()).into_owned()
    }

    fn optional(&self, text: Option<&Text>) -> Option<String> {
        text.map(|t| self.text(t)).filter(|t| !t.is_empty())
    }

    /// Markdown prose for the document's format, its headings from level `top` down.
    fn prose(&self, markdown: &str, top: u8) -> String {
        let safe = redact(markdown);
        match self.format {
            Format::Html => markdown::to_html(&safe, top),
            Format::Markdown => markdown::to_markdown(safe.trim(), top),
            Format::Pdf => markdown::to_typst(&safe, top),
        }
    }

    fn organisation(&self, id: &str) -> String {
        self.cx
            .organisations
            .get(id)
            .map_or_else(|| id.to_string(), |org| redact(&org.name).into_owned())
    }

    fn space_name(&self, id: &str) -> String {
        self.cx
            .spaces
            .get(id)
            .map_or_else(|| id.to_string(), |space| self.text(&space.name))
    }

    /// The chapters `[document] chapters` lists, each once; the plan's own in the
    /// document's language where they have text in it, else in the primary language.
    fn chapters(&self) -> Vec<ChapterView> {
        let plan = self.plan();
        let translating = self.lang != self.primary();
        let mut seen = std::collections::BTreeSet::new();
        let mut chapters = Vec::new();
        for id in plan.meta.settings.list(&crate::format::document::CHAPTERS) {
            if !seen.insert(id.clone()) {
                continue;
            }
            if crate::format::document::BUILT_IN.contains(&id.as_str()) {
                chapters.push(ChapterView {
                    id,
                    built_in: true,
                    title: String::new(),
                    body: String::new(),
                    fallback: None,
                });
                continue;
            }
            // A chapter whose file is missing is `missing-file`; the document leaves it out.
            let Some(chapter) = plan.chapters.iter().find(|c| c.id == id) else {
                continue;
            };
            let translation = chapter
                .translations
                .get(self.lang)
                .filter(|t| translating && has_prose(&t.text));
            let text = &translation.unwrap_or(&chapter.document).text;
            chapters.push(ChapterView {
                title: redact(first_heading(text).unwrap_or(&id)).into_owned(),
                body: self.prose(after_first_heading(text), 3),
                fallback: (translating && translation.is_none() && has_prose(text))
                    .then(|| self.primary().to_string()),
                id,
                built_in: false,
            });
        }
        chapters
    }

    /// Each Markdown minutes file that a meeting names and the document embeds, once.
    fn minutes(&self) -> Vec<MinutesView> {
        let plan = self.plan();
        let mut seen = std::collections::BTreeSet::new();
        let mut minutes = Vec::new();
        for meeting in plan.spaces.iter().flat_map(|s| &s.meetings) {
            let Some(place) = meeting.minutes.as_deref() else {
                continue;
            };
            if let Published::Embedded(file) = evidence::published(plan, place)
                && seen.insert(file.path.as_str())
            {
                let anchor = evidence::anchor(&file.path);
                let marked = mark_meetings(after_first_heading(&file.text), &anchor, self.format);
                let safe = redact(&marked);
                let body = match self.format {
                    Format::Html => {
                        markdown::to_html_with_heading_ids(&safe, 5, &format!("{anchor}-"))
                    }
                    Format::Markdown => markdown::to_markdown(safe.trim(), 5),
                    Format::Pdf => {
                        markdown::to_typst_with_heading_ids(&safe, 5, Some(&format!("{anchor}-")))
                    }
                };
                minutes.push(MinutesView {
                    anchor,
                    title: minutes_title(file),
                    body,
                });
            }
        }
        minutes
    }

    pub(super) fn build(&self) -> Document {
        let plan = self.plan();
        let meta = &plan.meta;
        // The pictures are SVG, which the page shows inline and the PDF draws.
        let html = self.format != Format::Markdown;
        let spaces: Vec<SpaceView> = self.spaces().into_iter().map(|s| self.space(s)).collect();
        // The vision in the document's language where its translation has text in it (a
        // translation still holding only the prompts must not hide the vision), else in the
        // primary language, which the page then says.
        let translating = self.lang != self.primary();
        let translation = plan
            .vision_translations
            .get(self.lang)
            .filter(|t| translating && has_prose(&t.text));
        let vision = translation
            .or(plan.vision.as_ref())
            .map(|v| self.prose(without_title(&v.text), 3))
            .unwrap_or_default();
        // Meetings and phases after co-creation: counted for the captions, and drawn on the
        // implementation timeline.
        let later = self.space_lanes(|date| self.after(date));
        let after_cocreation = later.iter().map(|lane| lane.marks.len()).sum();
        Document {
            lang: self.lang.to_string(),
            chapters: self.chapters(),
            minutes: self.minutes(),
            format: match self.format {
                Format::Html => "html",
                Format::Markdown => "md",
                Format::Pdf => "pdf",
            },
            title: self.text(&meta.title),
            member: redact(&meta.member).into_owned(),
            kind: meta.kind.map(Keyword::as_str),
            stage: meta.stage.map(Keyword::as_str),
            website: meta.website.clone(),
            cocreation: meta.cocreation.map(|p| period(p.start, p.end)),
            implementation: meta.implementation.map(|p| period(p.start, p.end)),
            partners: meta
                .partners
                .iter()
                .map(|p| self.organisation(&p.id))
                .collect(),
            axes: meta
                .axes
                .iter()
                .map(|a| Axis {
                    id: a.id.clone(),
                    title: self.text(&a.title),
                })
                .collect(),
            vision: vision.clone(),
            vision_fallback: (translating && translation.is_none() && !vision.trim().is_empty())
                .then(|| self.primary().to_string()),
            spaces,
            responses: self.responses(),
            commitments: plan
                .commitments_by_number()
                .into_iter()
                .map(|c| self.commitment(c))
                .collect(),
            process_timeline: html.then(|| self.process_timeline()).flatten(),
            after_cocreation,
            standards: crate::standards::assess(self.cx, self.findings, self.today)
                .into_iter()
                .map(|a| StandardView {
                    id: a.id,
                    verdict: a.verdict,
                    rules: a.rules,
                })
                .collect(),
            implementation_timeline: html.then(|| self.implementation_timeline(later)).flatten(),
        }
    }

    fn space(&self, space: &Space) -> SpaceView {
        let mut by_sector: BTreeMap<usize, SectorCount> = BTreeMap::new();
        let (mut government, mut civil_society) = (0, 0);
        // The composition is of the members who count; observers and a secretariat are in
        // the roster below it.
        for member in space.counted_members() {
            let Some(person) = self.cx.people.get(member.person.id.as_str()) else {
                continue;
            };
            let Some(sector) = self.cx.sector_of(person) else {
                continue;
            };
            match sector.side() {
                Side::Government => government += 1,
                Side::CivilSociety => civil_society += 1,
            }
            let order = crate::model::Sector::ALL
                .iter()
                .position(|(_, s)| *s == sector)
                .unwrap_or(usize::MAX);
            by_sector
                .entry(order)
                .or_insert(SectorCount {
                    sector: sector.as_str(),
                    side: sector.side().as_str(),
                    count: 0,
                })
                .count += 1;
        }
        let by_sector: Vec<SectorCount> = by_sector.into_values().collect();
        let online = space.online_only();
        let composition = (self.format != Format::Markdown && !online && !by_sector.is_empty())
            .then(|| self.composition(space, &by_sector));
        let by_gender = (!online)
            .then(|| inclusion::by_gender(self.cx, space))
            .flatten();
        let by_gender_hides_more = by_gender
            .iter()
            .flatten()
            .any(|row| row.count == inclusion::Shown::AtLeast);
        SpaceView {
            id: space.id.clone(),
            kind: space.kind.map(Keyword::as_str),
            name: self.text(&space.name),
            purpose: self.optional(space.purpose.as_ref()),
            url: space.url.clone(),
            rules_url: space.rules_url.clone(),
            members: space.counted_members().count(),
            serves_as: space
                .serves_as
                .iter()
                .filter(|kind| Some(**kind) != space.kind)
                .map(|kind| kind.as_str())
                .collect(),
            government,
            civil_society,
            by_sector,
            by_gender,
            by_gender_hides_more,
            composition,
            meetings: space.meetings.iter().map(|m| self.meeting(m)).collect(),
            phases: {
                // One pass over the contributions, counted by phase.
                let mut tally: BTreeMap<&str, (usize, usize, u64)> = BTreeMap::new();
                for file in &self.plan().contribution_files {
                    for contribution in file.contributions.iter().filter(|c| !c.hidden) {
                        let Some((in_space, phase)) = self.phase_of(file, contribution) else {
                            continue;
                        };
                        if in_space != space.id {
                            continue;
                        }
                        let counts = tally.entry(phase).or_default();
                        match contribution.kind {
                            Some(ContributionKind::Comment) => counts.1 += 1,
                            _ => counts.0 += 1,
                        }
                        counts.2 += contribution.supports.unwrap_or(0);
                    }
                }
                space
                    .phases
                    .iter()
                    .map(|phase| {
                        let (proposals, comments, supports) =
                            tally.get(phase.id.as_str()).copied().unwrap_or_default();
                        PhaseView {
                            id: phase.id.clone(),
                            title: self
                                .optional(phase.title.as_ref())
                                .unwrap_or_else(|| phase.id.clone()),
                            start: phase.period.map(|p| p.start.to_string()),
                            end: phase.period.map(|p| p.end.to_string()),
                            proposals,
                            comments,
                            supports,
                        }
                    })
                    .collect()
            },
            roster: space
                .members
                .iter()
                .map(|member| {
                    let person = self.cx.people.get(member.person.id.as_str());
                    MemberView {
                        name: person
                            .filter(|p| p.public)
                            .and_then(|p| p.name.as_deref())
                            .map(|name| redact(name).into_owned()),
                        organisation: person
                            .and_then(|p| p.organisation.as_ref())
                            .map(|org| self.organisation(&org.id)),
                        sector: person
                            .and_then(|p| self.cx.sector_of(p))
                            .map(Keyword::as_str),
                        role: member.role.as_deref().map(|r| redact(r).into_owned()),
                        since: member.since.map(|d| d.to_string()),
                        until: member.until.map(|d| d.to_string()),
                    }
                })
                .collect(),
        }
    }

    fn composition(&self, space: &Space, by_sector: &[SectorCount]) -> String {
        let words = self.words;
        let segments: Vec<Segment> = by_sector
            .iter()
            .filter_map(|count| {
                let name = words
                    .sectors
                    .get(count.sector)
                    .cloned()
                    .unwrap_or_else(|| count.sector.to_string());
                Some(Segment {
                    sector: Sector::parse(count.sector)?,
                    legend: words
                        .legend
                        .replace("{sector}", &name)
                        .replace("{members}", &words.language.members(count.count)),
                    count: count.count,
                    count_text: words.language.number(count.count as u64),
                })
            })
            .collect();
        let alt = words
            .composition_alt
            .replace("{space}", &self.text(&space.name));
        charts::composition_svg(&segments, &alt)
    }

    fn meeting(&self, meeting: &Meeting) -> MeetingView {
        let published = meeting
            .minutes
            .as_deref()
            .map(|place| evidence::published(self.plan(), place));
        let minutes = match &published {
            Some(Published::Web(url)) => Some((*url).to_string()),
            // To the meeting's own part of the file where a heading names it, else the file.
            Some(Published::Embedded(file)) => {
                let anchor = evidence::anchor(&file.path);
                let own = self
                    .meeting_headings
                    .get(file.path.as_str())
                    .is_some_and(|ids| ids.contains(meeting.id.as_str()));
                Some(if own {
                    format!("#{anchor}-{}", meeting.id)
                } else {
                    format!("#{anchor}")
                })
            }
            Some(Published::Linked(url)) => Some(url.clone()),
            Some(Published::Unpublished) | None => None,
        };
        MeetingView {
            minutes_unpublished: matches!(published, Some(Published::Unpublished)),
            id: meeting.id.clone(),
            date: meeting.date.map(|d| d.to_string()),
            kind: meeting.kind.map(Keyword::as_str),
            title: self.optional(meeting.title.as_ref()),
            // Listed attendees, and the people a public event counts without listing.
            attendees: meeting.attendees.len()
                + usize::try_from(meeting.participants.unwrap_or(0)).unwrap_or(usize::MAX),
            minutes,
        }
    }

    /// The (space, phase) a contribution belongs to (see [`Plan::phase_of`]).
    fn phase_of<'p>(
        &'p self,
        file: &'p crate::model::ContributionFile,
        contribution: &'p crate::model::Contribution,
    ) -> Option<(&'p str, &'p str)> {
        let space = file.space.as_ref()?.id.as_str();
        Some((space, self.plan().phase_of(file, contribution)?))
    }

    fn responses(&self) -> Vec<PhaseGroup> {
        let mut groups: Vec<PhaseGroup> = Vec::new();
        for file in &self.plan().contribution_files {
            // What the source's moderators hid stays out of the published document.
            for contribution in file.contributions.iter().filter(|c| !c.hidden) {
                let (space, phase) = match self.phase_of(file, contribution) {
                    Some((space, phase)) => (Some(space), Some(phase)),
                    None => (file.space.as_ref().map(|s| s.id.as_str()), None),
                };
                let found = phase.and_then(|phase| {
                    let space = self.cx.spaces.get(space?)?;
                    space.phases.iter().find(|p| p.id == phase)
                });
                let phase_title = match (found, phase) {
                    (Some(found), _) => Some(
                        self.optional(found.title.as_ref())
                            .unwrap_or_else(|| found.id.clone()),
                    ),
                    (None, phase) => phase.map(str::to_string),
                };
                let opened = found.and_then(|p| p.period).map(|p| p.start);
                let space_name = space.map(|s| self.space_name(s));
                let view = self.contribution(contribution);
                match groups
                    .iter_mut()
                    .find(|g| g.space == space_name && g.phase == phase_title)
                {
                    Some(group) => group.contributions.push(view),
                    None => groups.push(PhaseGroup {
                        opened,
                        space: space_name,
                        phase: phase_title,
                        contributions: vec![view],
                    }),
                }
            }
        }
        // Phases in the order they happened; contributions outside any phase last.
        groups.sort_by_key(|group| (group.opened.is_none(), group.opened));
        groups
    }

    fn contribution(&self, c: &crate::model::Contribution) -> ContributionView {
        let response = c.response.as_ref();
        ContributionView {
            id: redact(&c.id).into_owned(),
            kind: c.kind.map(Keyword::as_str),
            date: c.date.map(|d| d.to_string()),
            title: self.optional(c.title.as_ref()),
            // Prose: an imported text is Markdown (lists, links, escaped characters).
            body: self
                .optional(c.body.as_ref())
                .map(|body| self.prose(&body, 6)),
            author: c.author.as_deref().map(|a| redact(a).into_owned()),
            amends: c.amends.as_ref().map(|r| redact(&r.id).into_owned()),
            withdrawn: c.withdrawn,
            status: response.and_then(|r| r.status).map(Keyword::as_str),
            reason: response
                .and_then(|r| self.optional(r.reason.as_ref()))
                .map(|reason| self.prose(&reason, 6)),
            by: response
                .and_then(|r| r.by.as_ref())
                .map(|by| self.space_name(&by.id)),
            answered_on: response.and_then(|r| r.date).map(|d| d.to_string()),
        }
    }

    fn commitment(&self, commitment: &Commitment) -> CommitmentView {
        // A translation may cover some sections only: each section is taken from it when it
        // has one with the same id and text in it, and from the primary body otherwise (a
        // translated heading left empty must not hide the text it was meant to translate).
        let translating = self.lang != self.primary();
        let translation = commitment
            .translations
            .get(self.lang)
            .filter(|_| translating);
        let sections: Vec<SectionView> = commitment
            .sections
            .iter()
            .map(|section| {
                let translated = translation.and_then(|translated| {
                    translated
                        .iter()
                        .find(|t| t.id == section.id && t.is_written())
                });
                (translated.unwrap_or(section), translated.is_none())
            })
            .filter(|(s, _)| s.is_written())
            .map(|(s, untranslated)| SectionView {
                id: s.id.clone(),
                title: redact(s.title.trim()).into_owned(),
                body: self.prose(&s.body, 5),
                fallback: (translating && untranslated).then(|| self.primary().to_string()),
            })
            .collect();
        let fallback = sections
            .first()
            .and_then(|first| first.fallback.clone())
            .filter(|_| sections.iter().all(|s| s.fallback.is_some()));
        CommitmentView {
            id: commitment.id.clone(),
            number: commitment.number,
            ogp_id: commitment.ogp_id.clone(),
            title: self.text(&commitment.title),
            lead: commitment
                .lead
                .iter()
                .map(|o| self.organisation(&o.id))
                .collect(),
            co_lead: commitment
                .co_lead
                .iter()
                .map(|o| self.organisation(&o.id))
                .collect(),
            supporting: commitment
                .supporting
                .iter()
                .map(|o| self.organisation(&o.id))
                .collect(),
            values: commitment.values.iter().map(|v| v.as_str()).collect(),
            start: commitment.start.map(|d| d.to_string()),
            end: commitment.end.map(|d| d.to_string()),
            working_group: commitment
                .working_group
                .as_ref()
                .map(|g| self.space_name(&g.id)),
            axis: commitment.axis.as_ref().map(|a| {
                self.cx
                    .axes
                    .get(a.id.as_str())
                    .map_or_else(|| a.id.clone(), |axis| self.text(&axis.title))
            }),
            status: commitment.status.map(Keyword::as_str),
            completion: commitment.completion.map(Keyword::as_str),
            sections,
            fallback,
            milestones: commitment
                .milestones
                .iter()
                .enumerate()
                .map(|(i, m)| MilestoneView {
                    label: commitment.milestone_label(i),
                    title: self.text(&m.title),
                    output: self.optional(m.output.as_ref()),
                    due: m.due.map(|d| d.to_string()),
                    stakeholders: m
                        .stakeholders
                        .iter()
                        .map(|o| self.organisation(&o.id))
                        .collect(),
                    completion: m.completion.map(Keyword::as_str),
                })
                .collect(),
        }
    }

    /// The spaces in the document's order: as the plan lists them, except that the working
    /// groups, in the places where working groups stand, come in the order of the
    /// commitments they drafted (any that drafted none after them, by id).
    fn spaces(&self) -> Vec<&Space> {
        let plan = self.plan();
        let commitments = plan.commitments_by_number();
        let drafted = |space: &Space| {
            commitments.iter().position(|c| {
                c.working_group
                    .as_ref()
                    .is_some_and(|group| group.id == space.id)
            })
        };
        let is_group = |space: &Space| space.roles().any(|k| k == SpaceKind::WorkingGroup);
        let mut groups: Vec<&Space> = plan.spaces.iter().filter(|s| is_group(s)).collect();
        groups.sort_by_cached_key(|g| (drafted(g).is_none(), drafted(g), g.id.clone()));
        let mut groups = groups.into_iter();
        plan.spaces
            .iter()
            .map(|space| {
                if is_group(space) {
                    groups.next().unwrap_or(space)
                } else {
                    space
                }
            })
            .collect()
    }

    /// A lane per space with the meetings and online phases that `when` takes (by the day
    /// they were held or opened), in the document's order of spaces.
    fn space_lanes(&self, when: impl Fn(Date) -> bool) -> Vec<Lane> {
        let words = &self.words.language;
        let mut lanes = Vec::new();
        for space in self.spaces() {
            let marks: Vec<Mark> = space
                .meetings
                .iter()
                .filter_map(|m| {
                    let date = m.date.filter(|d| when(*d))?;
                    Some(Mark::Point {
                        date,
                        label: self.optional(m.title.as_ref()).unwrap_or(m.id.clone()),
                        when: words.date(date),
                    })
                })
                .chain(space.phases.iter().filter_map(|p| {
                    let period = p.period.filter(|p| when(p.start))?;
                    Some(Mark::Span {
                        start: period.start,
                        end: period.end,
                        label: self.optional(p.title.as_ref()).unwrap_or(p.id.clone()),
                        when: words.range(period.start, period.end).text,
                    })
                }))
                .collect();
            if !marks.is_empty() {
                lanes.push(Lane {
                    label: self.text(&space.name),
                    marks,
                });
            }
        }
        lanes
    }

    /// Whether a meeting on `date` (or a phase opened then) belongs after co-creation.
    fn after(&self, date: Date) -> bool {
        self.plan()
            .meta
            .cocreation
            .is_some_and(|period| date > period.end)
    }

    fn timeline(&self, start: Date, end: Date, lanes: Vec<Lane>, alt: &str) -> String {
        let words = &self.words.language;
        let months = (1..=12)
            .filter_map(|m| words.month_short(m).map(str::to_string))
            .collect();
        let timeline = Timeline {
            start,
            end,
            lanes,
            months,
        };
        match self.format {
            Format::Pdf => charts::timeline_svg_wide(&timeline, alt),
            Format::Html | Format::Markdown => charts::timeline_svg(&timeline, alt),
        }
    }

    /// The co-creation period: its meetings and online phases (and any that came before it,
    /// which widen it). What came after it is on the implementation timeline, so that four
    /// years of follow-up meetings do not squeeze co-creation into a corner.
    fn process_timeline(&self) -> Option<String> {
        let period = self.plan().meta.cocreation?;
        let lanes = self.space_lanes(|date| date <= period.end);
        let (start, end) = widen(period.start, period.end, &lanes);
        Some(self.timeline(start, end, lanes, &self.words.process_alt))
    }

    /// The commitments over the implementation period, and `later`: the spaces' meetings
    /// and phases after co-creation.
    fn implementation_timeline(&self, later: Vec<Lane>) -> Option<String> {
        let period = self.plan().meta.implementation?;
        let words = &self.words.language;
        let mut lanes: Vec<Lane> = self
            .plan()
            .commitments_by_number()
            .into_iter()
            .map(|c| {
                let mut marks = Vec::new();
                if let (Some(start), Some(end)) = (c.start, c.end) {
                    marks.push(Mark::Span {
                        start,
                        end,
                        label: self.text(&c.title),
                        when: words.range(start, end).text,
                    });
                }
                for (i, m) in c.milestones.iter().enumerate() {
                    if let Some(due) = m.due {
                        marks.push(Mark::Point {
                            date: due,
                            label: format!("{} {}", c.milestone_label(i), self.text(&m.title)),
                            when: words.date(due),
                        });
                    }
                }
                Lane {
                    label: c.number.map_or_else(
                        || self.text(&c.title),
                        |n| format!("{n}. {}", self.text(&c.title)),
                    ),
                    marks,
                }
            })
            .collect();
        lanes.extend(later);
        let (start, end) = widen(period.start, period.end, &lanes);
        Some(self.timeline(start, end, lanes, &self.words.implementation_alt))
    }
}

/// The id of the meeting a heading line of a minutes file is about: its first word
/// (`## p1 · 6 May 2021 · …`), where that is an id.
fn heading_meeting(line: &str) -> Option<&str> {
    let text = line.strip_prefix('#')?.trim_start_matches('#');
    if !text.starts_with(' ') {
        return None;
    }
    let word = text.split_whitespace().next()?;
    crate::load::is_slug(word).then_some(word)
}

/// The meeting ids that exactly one heading of a minutes file names. A file that several
/// spaces share may name two meetings `s1`; neither then gets a link of its own.
fn unique_headings(text: &str) -> HashSet<&str> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for line in text.lines() {
        if let Some(id) = heading_meeting(line.trim_end()) {
            *counts.entry(id).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(id, n)| (n == 1).then_some(id))
        .collect()
}

/// For each minutes file the plan holds as text, [`unique_headings`]: worked out once, as
/// every meeting that names the file asks.
pub(super) fn meeting_headings(plan: &Plan) -> HashMap<&str, HashSet<&str>> {
    plan.evidence
        .iter()
        .map(|file| (file.path.as_str(), unique_headings(&file.text)))
        .collect()
}

/// The minutes file with each heading about a meeting marked, so that the meeting can link
/// to it: an id for the page (`{#p1}`, which the HTML keeps behind the file's anchor), an
/// anchor element before it in the Markdown document.
fn mark_meetings(text: &str, anchor: &str, format: Format) -> String {
    let unique = unique_headings(text);
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let content = line.trim_end();
        match heading_meeting(content) {
            Some(id) if !content.ends_with('}') && unique.contains(id) => match format {
                Format::Html | Format::Pdf => {
                    out.push_str(content);
                    out.push_str(&format!(" {{#{id}}}\n"));
                }
                Format::Markdown => {
                    out.push_str(&format!("<a id=\"{anchor}-{id}\"></a>\n\n"));
                    out.push_str(line);
                }
            },
            _ => out.push_str(line),
        }
    }
    out
}

/// The title of a minutes file: its first heading, or else its path.
fn minutes_title(document: &crate::model::Document) -> String {
    first_heading(&document.text).map_or_else(|| document.path.clone(), |h| redact(h).into_owned())
}

/// The first line of a chapter file that is neither blank nor a one-line comment, and the
/// text after it.
fn first_line(text: &str) -> Option<(&str, &str)> {
    let mut rest = text;
    while !rest.is_empty() {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        let trimmed = line.trim();
        let comment = trimmed.starts_with("<!--") && trimmed.ends_with("-->");
        if !trimmed.is_empty() && !comment {
            return Some((trimmed, after));
        }
        rest = after;
    }
    None
}

/// A chapter file's text after its title, the first heading; all of it without one.
fn after_first_heading(text: &str) -> &str {
    match first_line(text) {
        Some((line, after)) if line.starts_with('#') => after,
        _ => text,
    }
}

/// The text of the first heading of a chapter file, without its `#`s and `{#id}`.
fn first_heading(text: &str) -> Option<&str> {
    let (line, _) = first_line(text)?;
    let heading = line.strip_prefix('#')?.trim_start_matches('#').trim();
    let heading = match heading.rfind("{#") {
        Some(at) if heading.ends_with('}') => heading[..at].trim_end(),
        _ => heading,
    };
    (!heading.is_empty()).then_some(heading)
}

/// The text without a heading on its first line: the document gives the vision its own.
fn without_title(text: &str) -> &str {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('#') {
        return text;
    }
    trimmed.split_once('\n').map_or("", |(_, rest)| rest)
}

fn period(start: Date, end: Date) -> Period {
    Period {
        start: start.to_string(),
        end: end.to_string(),
    }
}

/// The period, stretched to hold every mark (a consultation that opened before co-creation
/// formally began still shows whole).
fn widen(mut start: Date, mut end: Date, lanes: &[Lane]) -> (Date, Date) {
    for mark in lanes.iter().flat_map(|l| &l.marks) {
        let (first, last) = match mark {
            Mark::Point { date, .. } => (*date, *date),
            Mark::Span { start, end, .. } => (*start, *end),
        };
        start = start.min(first);
        end = end.max(last);
    }
    (start, end)
}
