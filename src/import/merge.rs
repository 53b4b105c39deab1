//! Merging an export's records into the plan's contributions files, in one edit session.
//!
//! Every step is linear in the number of rows: the plan's contributions are indexed by id
//! once, each file's entries by id once, and new entries are added at the end of their file
//! without renumbering the tables before them.

use std::collections::{BTreeMap, HashMap, HashSet};

use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use super::decidim::{Author, Fill, Record, State, Translations};
use super::known::{Hashing, Known, Responded, Values};
use super::summary::Summary;
use super::{Export, hash, text};
use crate::edit::fields;
use crate::edit::session::{EditError, Session};
use crate::edit::tables::{NotEntries, entries_mut};
use crate::edit::values::{date_value, set_value};
use crate::model::AuthorKind;
use crate::model::{ContributionKind, Date, Keyword, Period, Plan, Space, SpaceKind};
use crate::{privacy, suggest};

/// What `obert contribution import` was asked besides the file.
#[derive(Debug, Default, Clone, Copy)]
pub struct Options<'a> {
    /// The online space (by default the plan's only one).
    pub space: Option<&'a str>,
    /// The phase of every imported contribution (by default each one's from its date).
    pub phase: Option<&'a str>,
    /// The contributions file for new contributions (by default the phase's id, else
    /// `imported`).
    pub into: Option<&'a str>,
    /// Keep authors' public display names instead of pseudonyms.
    pub author_names: bool,
}

/// A value that the import writes to a contribution.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Field {
    Str(String),
    /// Text in the plan's primary language (`lang: None`, a plain string), or in another
    /// (`{ es = "…" }`).
    Text {
        lang: Option<String>,
        text: String,
    },
    Int(i64),
    Date(Date),
    Bool(bool),
    /// A list of strings (`co-authors`).
    List(Vec<String>),
}

impl Field {
    fn value(&self) -> Value {
        match self {
            Field::Str(text) | Field::Text { lang: None, text } => Value::from(text.as_str()),
            Field::Text {
                lang: Some(lang),
                text,
            } => {
                let mut table = InlineTable::new();
                table.insert(lang, Value::from(text.as_str()));
                Value::InlineTable(table)
            }
            Field::Int(n) => Value::from(*n),
            Field::Date(date) => date_value(*date),
            Field::Bool(b) => Value::from(*b),
            Field::List(items) => Value::Array(items.iter().map(String::as_str).collect()),
        }
    }

    /// Whether `item` says this already.
    fn is_in(&self, item: Option<&Item>) -> bool {
        let Some(value) = item.and_then(Item::as_value) else {
            return false;
        };
        match self {
            Field::Str(text) | Field::Text { lang: None, text } => {
                value.as_str() == Some(text.as_str())
            }
            Field::Text { lang: Some(_), .. } => false,
            Field::Int(n) => value.as_integer() == Some(*n),
            Field::Bool(b) => value.as_bool() == Some(*b),
            Field::Date(date) => value
                .as_datetime()
                .is_some_and(|d| d.time.is_none() && d.to_string() == date.to_string()),
            Field::List(items) => value.as_array().is_some_and(|array| {
                array.len() == items.len()
                    && array
                        .iter()
                        .zip(items)
                        .all(|(value, item)| value.as_str() == Some(item.as_str()))
            }),
        }
    }
}

/// A response taken from Decidim's answer.
#[derive(Debug, Clone)]
struct Answer {
    status: &'static str,
    /// The answer's text, and its language when it is not the plan's first.
    reason: Option<(Option<String>, String)>,
    date: Option<Date>,
    /// The space that answered: the online space, whose administrators answer there.
    by: String,
}

impl Answer {
    fn fingerprint(&self) -> String {
        let date = self.date.map(|d| d.to_string()).unwrap_or_default();
        let reason = self.reason.as_ref().map_or("", |(_, text)| text.as_str());
        hash::answer_fingerprint(self.status, reason, &date)
    }
}

/// One contribution as the import will write it.
#[derive(Debug)]
struct Planned {
    id: String,
    fields: Vec<(&'static str, Field)>,
    answer: Option<Answer>,
}

/// Merges `export` into the plan that `session` holds, whose contributions `known` says
/// (see [`super::known::open`]). Nothing is written: the caller finishes the session
/// (writing, or showing a diff).
///
/// The export's records are made twice from its rows, and each dropped at once: first to
/// learn what the rows say of each other (which to keep, the proposals comments answer,
/// authors' nicknames), then to plan each kept row.
pub fn import(
    session: &mut Session,
    known: &Known,
    export: &Export,
    options: &Options<'_>,
    progress: &indicatif::ProgressBar,
) -> Result<Summary, EditError> {
    refuse_unread_files(session)?;
    let plan = session.plan();
    let space = online_space(plan, options.space)?;
    if let Some(phase) = options.phase
        && !space.phases.iter().any(|p| p.id == phase)
    {
        let hint = suggest::hint(phase, space.phases.iter().map(|p| p.id.as_str()))
            .map_or(String::new(), |hint| format!("; {hint}"));
        return Err(EditError::Refused(format!(
            "the space `{}` has no phase `{phase}`{hint}",
            space.id
        )));
    }
    if let Some(into) = options.into {
        fields::id("--into", into)?;
    }
    let space_id = space.id.clone();
    let space_url = space.url.as_deref().map(normalise_url);
    let phases: Vec<(String, Period)> = space
        .phases
        .iter()
        .filter_map(|p| Some((p.id.clone(), p.period?)))
        .collect();
    let languages = plan.meta.languages.clone();
    let primary = plan.primary_language().to_string();
    let zone = super::time::zone(plan.meta.timezone.as_deref());
    let file_ids: Vec<String> = plan
        .contribution_files
        .iter()
        .map(|f| f.id.clone())
        .collect();
    let file_homes: HashMap<String, (Option<String>, Option<String>)> = plan
        .contribution_files
        .iter()
        .map(|file| {
            (
                file.id.clone(),
                (
                    file.space.as_ref().map(|r| r.id.clone()),
                    file.phase.as_ref().map(|r| r.id.clone()),
                ),
            )
        })
        .collect();
    let unreadable = |error: super::BadInput| EditError::Refused(error.to_string());

    let mut summary = Summary {
        rows: export.records,
        ..Summary::default()
    };
    // The first pass: the rows to import (of this space, once each, of the kind the plan
    // knows them as), and what they say of each other.
    let mut processes = Processes::new(space);
    let mut seen: HashSet<String> = HashSet::new();
    let mut kept: Vec<bool> = Vec::with_capacity(export.records);
    let mut export_proposals: HashMap<String, String> = HashMap::new();
    // The nicknames the export shows (in authors' profile URLs), for mentions of them.
    let mut nicknames: HashMap<String, String> = HashMap::new();
    export
        .each_record(Fill::Links, &mut |record| {
            processes.see(record.url.as_deref());
            let skipped = if let (Some(space_url), Some(url)) = (&space_url, &record.url)
                && !in_space(&normalise_url(url), space_url)
            {
                Some("from another participatory space")
            } else if !seen.insert(record.key.clone()) {
                Some("repeat the id of an earlier row")
            } else if known
                .by_id
                .get(record.key.as_str())
                .and_then(|held| held.kind)
                .is_some_and(|kind| kind != record.kind)
            {
                Some("are another kind of contribution in the plan")
            } else {
                None
            };
            kept.push(skipped.is_none());
            if let Some(why) = skipped {
                *summary.skipped.entry(why).or_default() += 1;
                return;
            }
            if record.kind != ContributionKind::Comment
                && let Some(id) = record.decidim_id
            {
                export_proposals.insert(id, record.key);
            }
            for author in record.authors.into_iter().flatten() {
                if author.kind == AuthorKind::Person
                    && !author.id.is_empty()
                    && let Some(nickname) = author.nickname
                {
                    nicknames.insert(author.id, nickname);
                }
            }
        })
        .map_err(unreadable)?;
    drop(seen);
    processes.verdict()?;
    summary.missing = known.missing.clone();
    let context = Context {
        languages: &languages,
        primary: &primary,
        zone: zone.as_ref(),
        space: &space_id,
        author_names: options.author_names,
        nicknames: &nicknames,
    };
    let phase_of_date = |date: Option<Date>| -> Option<String> {
        let date = date?;
        phases
            .iter()
            .find(|(_, period)| period.contains(date))
            .map(|(id, _)| id.clone())
    };

    // The second pass: each row kept, planned.
    let mut by_file: BTreeMap<String, Vec<Planned>> = BTreeMap::new();
    // The rows the plan's entries already say, which are not planned.
    let mut said = Said::default();
    // New files: the phases of the contributions that go in them.
    let mut new_files: BTreeMap<String, HashSet<Option<String>>> = BTreeMap::new();
    let mut kept = kept.into_iter();
    export
        .each_record(Fill::Whole, &mut |record| {
            if kept.next() != Some(true) {
                return;
            }
            let target = record.proposal.as_deref().and_then(|id| {
                export_proposals.get(id).cloned().or_else(|| {
                    id.parse::<u64>()
                        .ok()
                        .filter(|number| number.to_string() == id)
                        .and_then(|number| known.proposals.get(&number))
                        .map(|id| id.to_string())
                })
            });
            match record.kind {
                ContributionKind::Comment if target.is_none() => summary.unlinked_comments += 1,
                ContributionKind::Amendment if target.is_none() => {
                    summary.unlinked_amendments += 1;
                }
                _ => {}
            }
            let date = record.stamp.map(|stamp| stamp.day_in(context.zone));
            let held = known.by_id.get(record.key.as_str());
            // A group recorded as such stays one where this export cannot tell it from a
            // person.
            let as_group = held
                .filter(|held| held.by_group)
                .and_then(|_| record.signed_by_group());
            let authors = as_group.as_deref().or(record.authors.as_deref());
            let planned = plan_record(&record, authors, date, target, &context, &mut summary);
            let file = match held {
                Some(held) => file_ids[held.file].clone(),
                None => {
                    // A contribution dated outside every phase belongs to none
                    // (`contribution-outside-phase` would flag it in a phase's file).
                    let phase = match options.phase {
                        Some(phase) => Some(phase.to_string()),
                        None => phase_of_date(date),
                    };
                    let file = match (options.into, &phase) {
                        (Some(into), _) => into.to_string(),
                        (None, Some(phase)) => phase.clone(),
                        (None, None) => "imported".to_string(),
                    };
                    if !file_homes.contains_key(&file) {
                        new_files.entry(file.clone()).or_default().insert(phase);
                    }
                    file
                }
            };
            if let Some(held) = held
                && let Some((values, response)) = held.said
                && let Some(kept) =
                    already_said(values, response, held.renewable, &planned, &known.hashing)
            {
                said.rows += 1;
                said.responses_kept += usize::from(kept);
                return;
            }
            by_file.entry(file).or_default().push(planned);
        })
        .map_err(unreadable)?;

    // Files that exist must be this space's (and this phase's, when one is asked for).
    for file in by_file.keys() {
        let Some((file_space, file_phase)) = file_homes.get(file) else {
            continue;
        };
        let path = session.display_path(&format!("contributions/{file}.toml"));
        if file_space.as_deref().is_some_and(|s| s != space_id)
            && new_files_target(file, &by_file, known)
        {
            return Err(EditError::Refused(format!(
                "`{path}` holds the contributions of the space `{}`, not `{space_id}`; name another file with --into",
                file_space.as_deref().unwrap_or("")
            )));
        }
        if let (Some(wanted), Some(has)) = (options.phase, file_phase.as_deref())
            && wanted != has
            && new_files_target(file, &by_file, known)
        {
            return Err(EditError::Refused(format!(
                "`{path}` holds the contributions of the phase `{has}`, not `{wanted}`; name another file with --into"
            )));
        }
    }

    progress.set_length((by_file.values().map(Vec::len).sum::<usize>() + said.rows) as u64);
    // The rows the plan already says, counted as merging them would count them; a file
    // with nothing else to write is left closed: reading it into an editable document is
    // most of a re-import's cost.
    summary.unchanged += said.rows;
    summary.responses_kept += said.responses_kept;
    progress.inc(said.rows as u64);
    for (file, planned) in &by_file {
        let path = format!("contributions/{file}.toml");
        if let Some(phases) = new_files.get(file) {
            // A file named after its phase is that phase's; `--into` a new file takes the
            // phase its contributions share, if they share one.
            let phase = if phases.len() == 1 {
                phases.iter().next().cloned().flatten()
            } else {
                None
            };
            session.create(&path, new_file_text(&space_id, phase.as_deref()))?;
        }
        let (added, updated) = session.edit(&path, false, |doc| {
            merge_file(doc, planned, &primary, known, &mut summary, progress)
        })?;
        if added + updated > 0 {
            summary.files.push(file.clone());
        }
    }
    Ok(summary)
}

/// Whether `file` receives a contribution that is not in the plan yet (an update goes
/// wherever its contribution already is, whatever that file's space).
fn new_files_target(file: &str, by_file: &BTreeMap<String, Vec<Planned>>, known: &Known) -> bool {
    by_file.get(file).is_some_and(|planned| {
        planned
            .iter()
            .any(|p| !known.by_id.contains_key(p.id.as_str()))
    })
}

/// The online space to import into: the one named, or the plan's only one.
fn online_space<'p>(plan: &'p Plan, wanted: Option<&str>) -> Result<&'p Space, EditError> {
    if let Some(id) = wanted {
        let Some(space) = plan.spaces.iter().find(|s| s.id == id) else {
            let hint = suggest::hint(id, plan.spaces.iter().map(|s| s.id.as_str()))
                .map_or(String::new(), |hint| format!("; {hint}"));
            return Err(EditError::Refused(format!(
                "there is no space `{id}`{hint}"
            )));
        };
        if !space.plays(SpaceKind::Online) {
            return Err(EditError::Refused(format!(
                "the space `{id}` is {}, not an online space: contributions come from an online space",
                space
                    .kind
                    .map_or("of no kind".to_string(), |k| format!("a {}", k.as_str()))
            )));
        }
        return Ok(space);
    }
    let online: Vec<&Space> = plan
        .spaces
        .iter()
        .filter(|s| s.plays(SpaceKind::Online))
        .collect();
    match online.as_slice() {
        [space] => Ok(space),
        [] => Err(EditError::Refused(
            "the plan has no online space; add one (`obert space add ID --kind online …`) for the contributions to belong to".to_string(),
        )),
        several => Err(EditError::Refused(format!(
            "the plan has {} online spaces ({}); say which with --space",
            several.len(),
            several
                .iter()
                .map(|s| format!("`{}`", s.id))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Refuses when a contributions file exists that the plan could not read: the import
/// would not know the contributions in it, and could add them again elsewhere.
fn refuse_unread_files(session: &Session) -> Result<(), EditError> {
    let folder = session.root().join("contributions");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(());
    };
    let loaded: HashSet<&str> = session
        .plan()
        .contribution_files
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    let mut unread = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if let Some(stem) = name.strip_suffix(".toml")
            && !loaded.contains(stem)
        {
            unread.push(session.display_path(&format!("contributions/{name}")));
        }
    }
    unread.sort();
    match unread.first() {
        None => Ok(()),
        Some(path) => Err(EditError::Unreadable {
            path: path.clone(),
            problem:
                "the plan cannot read it, so an import could add again a contribution it holds"
                    .to_string(),
        }),
    }
}

/// A contribution file that an import creates.
fn new_file_text(space: &str, phase: Option<&str>) -> String {
    contributions_file(
        "# Contributions from the online space, imported from its Decidim export with\n\
         # `obert contribution import`. Importing again updates their texts and counts;\n\
         # a response written here is kept.\n",
        space,
        phase,
    )
}

/// A new contributions file: `header` (comment lines), a blank line, then the `space` and
/// `phase` all its contributions share.
pub fn contributions_file(header: &str, space: &str, phase: Option<&str>) -> String {
    let mut text = format!("{header}\n");
    text.push_str(&format!("space = {}\n", Value::from(space)));
    if let Some(phase) = phase {
        text.push_str(&format!("phase = {}\n", Value::from(phase)));
    }
    text
}

/// What every record of one import is written with.
struct Context<'a> {
    languages: &'a [String],
    primary: &'a str,
    /// The plan's time zone, which imported times are converted to.
    zone: Option<&'a jiff::tz::TimeZone>,
    /// The online space: what Decidim's answers are recorded as given by.
    space: &'a str,
    author_names: bool,
    /// Decidim user id → nickname, for mentions with `--author-names`.
    nicknames: &'a HashMap<String, String>,
}

impl Context<'_> {
    /// How a person (or group) mentioned in a text is written: as `author` names them.
    fn mention(&self, kind: text::MentionKind, id: &str) -> String {
        match kind {
            text::MentionKind::User => match self.nicknames.get(id) {
                Some(nickname) if self.author_names => format!("@{nickname}"),
                _ => format!("@{}", hash::pseudonym(&format!("id:{id}"))),
            },
            text::MentionKind::UserGroup => {
                format!("@{}", hash::group_pseudonym(&format!("group-id:{id}")))
            }
        }
    }
}

/// The values the import writes for `record`, signed by `authors` and made on `date` (in
/// the plan's time zone); `target` is the contribution a comment answers or an amendment
/// amends, when it is known.
fn plan_record(
    record: &Record,
    authors: Option<&[Author]>,
    date: Option<Date>,
    target: Option<String>,
    context: &Context<'_>,
    summary: &mut Summary,
) -> Planned {
    let mut fields: Vec<(&'static str, Field)> =
        vec![("kind", Field::Str(record.kind.as_str().to_string()))];
    if let Some(date) = date {
        fields.push(("date", Field::Date(date)));
    }
    for (key, translations, shape) in [
        ("title", &record.title, TextShape::Line),
        ("body", &record.body, TextShape::Markdown),
    ] {
        if let Some((lang, text)) = choose(translations, shape, context, summary) {
            let lang = lang.filter(|lang| lang != context.primary);
            fields.push((key, Field::Text { lang, text }));
        }
    }
    if let Some(authors) = authors {
        let mut names = authors.iter().map(|author| {
            (
                author.kind,
                author_value(author, context.author_names, summary),
            )
        });
        let (kind, author) = names
            .next()
            .unwrap_or((AuthorKind::Person, "anonymous".to_string()));
        fields.push(("author", Field::Str(author)));
        if kind != AuthorKind::Person {
            fields.push(("author-kind", Field::Str(kind.as_str().to_string())));
        }
        let co_authors: Vec<String> = names.map(|(_, name)| name).collect();
        if !co_authors.is_empty() {
            fields.push(("co-authors", Field::List(co_authors)));
        }
    }
    match (record.kind, target) {
        (ContributionKind::Comment, Some(target)) => {
            fields.push(("in-reply-to", Field::Str(target)));
        }
        (ContributionKind::Amendment, Some(target)) => fields.push(("amends", Field::Str(target))),
        _ => {}
    }
    let count = |n: u64| Field::Int(i64::try_from(n).unwrap_or(i64::MAX));
    if let Some(supports) = record.supports {
        fields.push(("supports", count(supports)));
    }
    if let Some(comments) = record.comments {
        fields.push(("comments", count(comments)));
    }
    if record.state == State::Withdrawn {
        fields.push(("withdrawn", Field::Bool(true)));
    }
    if record.hidden {
        fields.push(("hidden", Field::Bool(true)));
    }
    if let Some(id) = record.decidim_number() {
        fields.push(("source-id", count(id)));
    }
    if let Some(component) = record.component {
        fields.push(("source-component", count(component)));
    }
    if !record.state_word.is_empty() {
        fields.push(("source-state", Field::Str(record.state_word.clone())));
    }
    let answer_text = match record.state {
        State::Accepted | State::Rejected => {
            // In the language it was written in: a Spanish answer is `reason = { es = … }`.
            choose(&record.answer, TextShape::Markdown, context, summary)
                .map(|(lang, text)| (lang.filter(|lang| lang != context.primary), text))
        }
        _ => None,
    };
    let answered = record.answered_at.map(|stamp| stamp.day_in(context.zone));
    let by = context.space.to_string();
    let answer = match &record.state {
        State::Accepted => Some(Answer {
            status: "accepted",
            reason: answer_text,
            date: answered,
            by,
        }),
        State::Rejected => {
            let reason = answer_text;
            if reason.is_none() {
                summary.rejected_without_answer += 1;
            }
            reason.map(|reason| Answer {
                status: "rejected",
                reason: Some(reason),
                date: answered,
                by,
            })
        }
        State::Other(state) => {
            *summary.other_states.entry(state.clone()).or_default() += 1;
            None
        }
        State::Open | State::Withdrawn => None,
    };
    // Every record of the export is planned before any is merged: the room a vector grown
    // by doubling leaves spare was a tenth of a large re-import's memory.
    fields.shrink_to_fit();
    Planned {
        id: record.key.clone(),
        fields,
        answer,
    }
}

/// The processes an export's rows come from, to refuse an export whose rows all come from
/// processes other than the online space's (naming them, and how to point the space at
/// the right one), and, when the space has no URL, an export that mixes several
/// processes: the open data holds every process of the site, and obert will not guess
/// which is the plan's.
struct Processes<'s> {
    space: &'s Space,
    space_url: Option<String>,
    /// The first few processes other than the space's.
    others: Vec<String>,
    /// Whether some row is from the space.
    inside: bool,
}

impl<'s> Processes<'s> {
    fn new(space: &'s Space) -> Self {
        Processes {
            space,
            space_url: space.url.as_deref().map(normalise_url),
            others: Vec::new(),
            inside: false,
        }
    }

    /// Sees a row whose URL is `url`.
    fn see(&mut self, url: Option<&str>) {
        let Some(url) = url else {
            return;
        };
        if let Some(space_url) = &self.space_url
            && in_space(&normalise_url(url), space_url)
        {
            self.inside = true;
            return;
        }
        let process = process_of(url);
        if self.others.len() < 4
            && !self
                .others
                .iter()
                .any(|p| normalise_url(p) == normalise_url(process))
        {
            self.others.push(process.to_string());
        }
    }

    /// Whether the rows seen may be imported into the space.
    fn verdict(self) -> Result<(), EditError> {
        let space = self.space;
        let processes = &self.others;
        let listed = |processes: &[String]| {
            processes
                .iter()
                .take(3)
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
                + if processes.len() > 3 { ", …" } else { "" }
        };
        match space.url.as_deref() {
            Some(own) if !self.inside && !processes.is_empty() => Err(EditError::Refused(format!(
                "none of the rows is from the online space `{}` (`{own}`): they come from {}; if this plan's process is that one, set it with `obert space set {} url {}`",
                space.id,
                listed(processes),
                space.id,
                processes[0]
            ))),
            None if processes.len() > 1 => Err(EditError::Refused(format!(
                "the rows come from several processes ({}) and the online space `{}` has no `url` to choose by; set the process of this plan with `obert space set {} url {}` (or the right one of them)",
                listed(processes),
                space.id,
                space.id,
                processes[0]
            ))),
            _ => Ok(()),
        }
    }
}

/// The participatory space a Decidim URL is in: what comes before `/f/<component>/`.
fn process_of(url: &str) -> &str {
    let url = url.split(['?', '#']).next().unwrap_or(url);
    match url.find("/f/") {
        Some(at) => &url[..at],
        None => url.trim_end_matches('/'),
    }
}

/// How an imported text is written: a title as one line of plain text, a body or an answer
/// as Markdown.
#[derive(Debug, Clone, Copy)]
enum TextShape {
    Line,
    Markdown,
}

/// The text in the plan's first language that has it, else the language-less column, else
/// any; made plain, with contact details masked. `None` when every translation is empty.
fn choose(
    translations: &Translations,
    shape: TextShape,
    context: &Context<'_>,
    summary: &mut Summary,
) -> Option<(Option<String>, String)> {
    let usable = |(lang, raw): &(Option<String>, String)| -> Option<(Option<String>, String)> {
        if lang.as_deref().is_some_and(|l| !is_language_code(l)) {
            return None;
        }
        let mention = |kind, id: &str| context.mention(kind, id);
        let text = match shape {
            TextShape::Line => text::line(raw, &mention),
            TextShape::Markdown => text::markdown(raw, &mention),
        };
        (!text.is_empty()).then(|| (lang.clone(), text))
    };
    let found = context
        .languages
        .iter()
        .find_map(|wanted| {
            translations
                .iter()
                .filter(|(lang, _)| lang.as_deref() == Some(wanted.as_str()))
                .find_map(usable)
        })
        .or_else(|| {
            translations
                .iter()
                .filter(|(lang, _)| lang.is_none())
                .find_map(usable)
        })
        .or_else(|| translations.iter().find_map(usable))?;
    let (lang, text) = found;
    let masked = privacy::find(&text).len();
    if masked == 0 {
        return Some((lang, text));
    }
    summary.masked += masked;
    Some((lang, privacy::redact(&text).into_owned()))
}

/// A language code as the plan writes them: `ca`, `pt-br`… (`is_language_code` of the
/// loader, which a key of a translated text must pass).
fn is_language_code(text: &str) -> bool {
    let mut parts = text.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// An author as the plan shows them. A person: a pseudonym, or with `--author-names` the
/// public display name (unless it holds contact details); `anonymous` when the export
/// names no one. A group: the same, with a `group-` pseudonym. The organisation and a
/// meeting are not people: their names are public, and kept.
fn author_value(author: &Author, names: bool, summary: &mut Summary) -> String {
    // A name holds no mentions; should one, it is the id that shows.
    let name = text::line(&author.name, &|_, id| id.to_string());
    let public = matches!(author.kind, AuthorKind::Official | AuthorKind::Meeting);
    if (names || public) && !name.is_empty() {
        if privacy::find(&name).is_empty() {
            return name;
        }
        summary.masked += 1;
    }
    match author.kind {
        AuthorKind::UserGroup => match (&author.nickname, author.id.as_str()) {
            (Some(nickname), _) => hash::group_pseudonym(&format!("group:{nickname}")),
            (None, id) if !id.is_empty() => hash::group_pseudonym(&format!("group-id:{id}")),
            _ if !name.is_empty() => hash::group_pseudonym(&format!("name:{name}")),
            _ => "anonymous".to_string(),
        },
        AuthorKind::Official => "official".to_string(),
        AuthorKind::Meeting => "meeting".to_string(),
        AuthorKind::Person if !author.id.is_empty() => {
            hash::pseudonym(&format!("id:{}", author.id))
        }
        AuthorKind::Person if !name.is_empty() => hash::pseudonym(&format!("name:{name}")),
        AuthorKind::Person => "anonymous".to_string(),
    }
}

/// Applies the planned contributions to one contributions file: returns how many entries
/// it added and how many it changed.
fn merge_file(
    doc: &mut DocumentMut,
    planned: &[Planned],
    primary: &str,
    known: &Known,
    summary: &mut Summary,
    progress: &indicatif::ProgressBar,
) -> Result<(usize, usize), EditError> {
    if doc
        .get("contribution")
        .is_some_and(|item| !item.is_array_of_tables())
    {
        return Err(NotEntries("contribution".to_string()).into());
    }
    let mut index: HashMap<String, usize> = HashMap::new();
    if let Some(entries) = doc.get("contribution").and_then(Item::as_array_of_tables) {
        for (i, entry) in entries.iter().enumerate() {
            if let Some(id) = entry.get("id").and_then(Item::as_str) {
                index.entry(id.to_string()).or_insert(i);
            }
        }
    }
    let (mut added, mut updated) = (0, 0);
    let mut first_new = true;
    for entry in planned {
        progress.inc(1);
        if let Some(&i) = index.get(&entry.id) {
            let Some(table) = entries_mut(doc, "contribution").and_then(|e| e.get_mut(i)) else {
                continue;
            };
            let mut changed = false;
            for (key, field) in &entry.fields {
                changed |= set_field(table, key, field, primary);
            }
            if let Some(answer) = &entry.answer {
                match table.get("response") {
                    // Decidim's own answer, not changed in the plan since it was imported:
                    // Decidim's newer answer replaces it.
                    Some(response)
                        if known
                            .by_id
                            .get(entry.id.as_str())
                            .is_some_and(|held| held.renewable)
                            && response.get("from-source").and_then(Item::as_str)
                                != Some(answer.fingerprint().as_str()) =>
                    {
                        let decor = response.as_table().map(|t| t.decor().clone());
                        let mut replacement = response_table(answer);
                        if let Some(decor) = decor {
                            *replacement.decor_mut() = decor;
                        }
                        table.insert("response", Item::Table(replacement));
                        summary.responses_renewed += 1;
                        changed = true;
                    }
                    Some(response) => {
                        // A response that says otherwise than Decidim is worth a word.
                        let status = response.get("status").and_then(Item::as_str);
                        if status != Some(answer.status) {
                            summary.responses_kept += 1;
                        }
                    }
                    None => {
                        table.insert("response", Item::Table(response_table(answer)));
                        summary.responses_taken += 1;
                        changed = true;
                    }
                }
            }
            if changed {
                updated += 1;
            } else {
                summary.unchanged += 1;
            }
            continue;
        }
        let mut table = Table::new();
        table.insert("id", Item::Value(Value::from(entry.id.as_str())));
        for (key, field) in &entry.fields {
            table.insert(key, Item::Value(field.value()));
        }
        if let Some(answer) = &entry.answer {
            table.insert("response", Item::Table(response_table(answer)));
            summary.responses_taken += 1;
        }
        // No position: toml_edit writes a table without one right after the table before
        // it, so new entries go at the end without renumbering the file's tables.
        let prefix = if first_new {
            first_new = false;
            crate::edit::tables::last_table_prefix(doc)
        } else {
            "\n".to_string()
        };
        table.decor_mut().set_prefix(prefix);
        match doc
            .get_mut("contribution")
            .and_then(Item::as_array_of_tables_mut)
        {
            Some(entries) => entries.push(table),
            None => {
                let mut entries = ArrayOfTables::new();
                entries.push(table);
                doc.insert("contribution", Item::ArrayOfTables(entries));
            }
        }
        added += 1;
    }
    summary.added += added;
    summary.updated += updated;
    Ok((added, updated))
}

/// Whether the first entry of a contribution in a file read without a finding, whose
/// `values` and `response` its digest gives, already says all that the import would write
/// of `entry` (and no answer of the source is to replace its response; `renewable`: its
/// response is the source's own answer as imported): `Some` with whether its response says
/// otherwise than the source, which [`merge_file`] would count as kept; `None` when it must
/// be merged, as when the digest cannot tell. It decides as `merge_file` would on the
/// file's text: such a file's entries are all of its `[[contribution]]` tables, in order,
/// and every value in them is one the model holds.
fn already_said(
    values: Values,
    response: Option<Responded>,
    renewable: bool,
    entry: &Planned,
    hashing: &Hashing,
) -> Option<bool> {
    let planned = hashing.values(
        entry
            .fields
            .iter()
            .map(|(key, field)| (*key, field.digested())),
    )?;
    if planned != values {
        return None;
    }
    let Some(answer) = &entry.answer else {
        return Some(false);
    };
    let response = response?;
    if renewable && response.from_source != Some(hashing.text(&answer.fingerprint())) {
        return None;
    }
    Some(response.status.map(|status| status.as_str()) != Some(answer.status))
}

/// The rows of an export that the plan's files already say.
#[derive(Default)]
struct Said {
    rows: usize,
    /// Of those, the ones whose response says otherwise than the source.
    responses_kept: usize,
}

/// Sets one imported value, keeping the comment beside it; a translated text keeps its
/// other languages, whether written inline or as a sub-table. Whether the value changed.
fn set_field(table: &mut Table, key: &str, field: &Field, primary: &str) -> bool {
    if let Field::Text { lang, text } = field
        && let Some(translations) = table.get_mut(key).and_then(Item::as_table_like_mut)
    {
        let lang = lang.as_deref().unwrap_or(primary);
        if translations.get(lang).and_then(Item::as_str) == Some(text.as_str()) {
            return false;
        }
        match translations.get_mut(lang).and_then(Item::as_value_mut) {
            Some(value) => {
                let decor = value.decor().clone();
                *value = Value::from(text.as_str());
                *value.decor_mut() = decor;
            }
            None => {
                translations.insert(lang, Item::Value(Value::from(text.as_str())));
            }
        }
        return true;
    }
    if field.is_in(table.get(key)) {
        return false;
    }
    set_value(table, key, field.value(), &crate::format::CONTRIBUTION);
    true
}

fn response_table(answer: &Answer) -> Table {
    let mut table = Table::new();
    table.insert("status", Item::Value(Value::from(answer.status)));
    if let Some((lang, text)) = &answer.reason {
        let reason = Field::Text {
            lang: lang.clone(),
            text: text.clone(),
        };
        table.insert("reason", Item::Value(reason.value()));
    }
    table.insert("by", Item::Value(Value::from(answer.by.as_str())));
    if let Some(date) = answer.date {
        table.insert("date", Item::Value(date_value(date)));
    }
    table.insert(
        "from-source",
        Item::Value(Value::from(answer.fingerprint().as_str())),
    );
    table.decor_mut().set_prefix("\n");
    table
}

/// A URL compared without its scheme, case or final slash.
fn normalise_url(url: &str) -> String {
    let url = url.trim();
    let url = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    url.trim_end_matches('/').to_lowercase()
}

/// Whether `url` is the space's own page or a page inside it.
fn in_space(url: &str, space: &str) -> bool {
    url == space
        || url
            .strip_prefix(space)
            .is_some_and(|rest| rest.starts_with(['/', '?', '#']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_of_a_space_are_inside_it() {
        let space = normalise_url("https://participa.gencat.cat/processes/OGP/");
        assert!(in_space(
            &normalise_url("http://participa.gencat.cat/processes/ogp"),
            &space
        ));
        assert!(in_space(
            &normalise_url("https://participa.gencat.cat/processes/OGP/f/1/proposals/2"),
            &space
        ));
        assert!(!in_space(
            &normalise_url("https://participa.gencat.cat/processes/OGP2/f/1/proposals/2"),
            &space
        ));
    }

    #[test]
    fn text_comes_in_the_plans_first_language_that_has_it() {
        let mut summary = Summary::default();
        let languages = vec!["ca".to_string(), "en".to_string()];
        let nicknames = HashMap::new();
        let context = Context {
            languages: &languages,
            primary: "ca",
            zone: None,
            space: "participa",
            author_names: false,
            nicknames: &nicknames,
        };
        let texts: Translations = vec![
            (Some("es".to_string()), "Hola".to_string()),
            (Some("ca".to_string()), "  ".to_string()),
            (Some("en".to_string()), "Hello".to_string()),
        ];
        assert_eq!(
            choose(&texts, TextShape::Markdown, &context, &mut summary),
            Some((Some("en".to_string()), "Hello".to_string()))
        );
        let texts: Translations = vec![(Some("es".to_string()), "Escriu a a@b.org".to_string())];
        assert_eq!(
            choose(&texts, TextShape::Markdown, &context, &mut summary),
            Some((Some("es".to_string()), "Escriu a *******".to_string()))
        );
        assert_eq!(summary.masked, 1);
    }
}
