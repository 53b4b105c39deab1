//! What a row of a Decidim export says, in the words of every version from 0.24 to 0.31:
//! `supports` or `votes`, `endorsements/total_count` or `likes` (neither kept: the format
//! has no field for them), author columns or none, states as words or a site's own tokens,
//! times as Ruby writes them. A sheet is proposals when it has a `title`, comments when it
//! has none but has a `commentable_id`, a `root_commentable_url` or a `body`; a proposal
//! row that `is_amend` is an amendment. docs/import.md says which version writes what.

use super::time::Stamp;
use super::{BadInput, Row, Rows, Sheet};
use crate::model::{AuthorKind, ContributionKind};

/// A text in each language the export gives it: `(Some("ca"), …)` from a `title/ca` column,
/// `(None, …)` from a plain `title` column, in the order of the columns.
pub type Translations = Vec<(Option<String>, String)>;

/// One proposal or comment, as the export says it.
#[derive(Debug, Clone)]
pub struct Record {
    pub kind: ContributionKind,
    /// The contribution's id in the plan: the Decidim reference, or, when the export has
    /// none, `proposal-<id>` or `comment-<id>`.
    pub key: String,
    /// Decidim's own id, which comments use to name what they answer.
    pub decidim_id: Option<String>,
    /// The proposals component it was made in (`component/id`).
    pub component: Option<u64>,
    /// When it was published (proposals) or written (comments).
    pub stamp: Option<Stamp>,
    pub title: Translations,
    pub body: Translations,
    /// Whoever signed it, first author first; `None` when the export has no author
    /// columns (proposals before Decidim 0.27.7 and 0.28.2).
    pub authors: Option<Vec<Author>>,
    pub supports: Option<u64>,
    pub comments: Option<u64>,
    pub state: State,
    /// The state word as the export wrote it, empty when none.
    pub state_word: String,
    pub answer: Translations,
    pub answered_at: Option<Stamp>,
    /// The URL of the participatory space (proposals) or of the commented resource
    /// (comments), to keep only the rows of the plan's online space.
    pub url: Option<String>,
    /// Comments: the Decidim id of the proposal they answer, when it is one. Amendments:
    /// the Decidim id of the proposal they amend.
    pub proposal: Option<String>,
    /// Comments: the Decidim type of what they answer when it is not a proposal.
    pub not_on_proposal: bool,
    /// Hidden by the site's moderators, where the export says so (a `hidden` column).
    pub hidden: bool,
    pub place: super::Place,
}

/// An author as the export names them: any of the three may be empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub kind: AuthorKind,
    /// The Decidim id: a user's (also for a group, whose members sign as themselves), the
    /// organisation's, or the meeting's.
    pub id: String,
    pub name: String,
    /// A person's or a group's nickname, from their profile URL, for mentions.
    pub nickname: Option<String>,
}

/// A proposal's state, as Decidim answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// `not_answered`, `evaluating`, or no state: no response yet.
    Open,
    Accepted,
    Rejected,
    Withdrawn,
    /// A custom state (Decidim 0.28 and later let admins define their own).
    Other(String),
}

/// How much of each row a pass over an export makes into its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Everything.
    Whole,
    /// What ties rows together and to the plan: the kind, the ids, the URL and the
    /// authors. Dates, counts and texts are left empty. Only for an export read whole
    /// once already: the values it skips are not checked.
    Links,
}

/// Makes a record of each of `rows`, the rows of `sheet`, in order, filled as `fill`
/// says, and hands it to `visit`; the kind of rows the sheet holds. The first row that
/// cannot be a record stops the reading with its error.
pub(super) fn records(
    sheet: &Sheet,
    mut rows: Rows<'_>,
    fill: Fill,
    visit: &mut dyn FnMut(Record),
) -> Result<ContributionKind, BadInput> {
    if sheet.columns().is_empty() {
        match rows.next_row() {
            // `[]`: an export of nothing.
            None => return Ok(ContributionKind::Proposal),
            Some(Err(error)) => return Err(error),
            // A sheet of rows without columns is neither proposals nor comments.
            Some(Ok(_)) => {}
        }
    }
    let kind = kind_of(sheet)?;
    let key_column = ["reference", "id"].into_iter().find(|c| sheet.has(c));
    let Some(key_column) = key_column else {
        return Err(BadInput::new(
            &sheet.source,
            format!(
                "there is no `reference` or `id` column, which obert needs to tell contributions apart and to update them on a later import (the columns are: {})",
                sheet.columns().join(", ")
            ),
        ));
    };
    let columns = Columns::of(sheet, kind);
    while let Some(row) = rows.next_row() {
        visit(record(sheet, &columns, row?, kind, key_column, fill)?);
    }
    Ok(kind)
}

fn kind_of(sheet: &Sheet) -> Result<ContributionKind, BadInput> {
    let has_title = sheet.has("title") || !translated(sheet, "title").is_empty();
    let has_body = sheet.has("body") || !translated(sheet, "body").is_empty();
    let commented = ["commentable_id", "commentable_type", "root_commentable_url"]
        .iter()
        .any(|c| sheet.has(c));
    if has_title && (sheet.has("start_time") || sheet.has("end_time")) && !has_body {
        return Err(BadInput::new(
            &sheet.source,
            "this is an export of meetings; obert imports proposals and comments",
        ));
    }
    if !has_title && (commented || has_body) {
        Ok(ContributionKind::Comment)
    } else if has_title {
        Ok(ContributionKind::Proposal)
    } else {
        Err(BadInput::new(
            &sheet.source,
            format!(
                "these are neither proposals (a `title` column) nor comments (a `commentable_id` or `body` column); the columns are: {}",
                sheet.columns().join(", ")
            ),
        ))
    }
}

/// The columns of a translatable field `name`: `name/<lang>` (and not the machine
/// translations), each with its language.
fn translated(sheet: &Sheet, name: &str) -> Vec<(usize, String)> {
    let prefix = format!("{name}/");
    sheet
        .columns()
        .iter()
        .enumerate()
        .filter_map(|(index, column)| {
            let lang = column.strip_prefix(&prefix)?;
            (!lang.is_empty() && !lang.contains('/') && lang != "machine_translations")
                .then(|| (index, lang.to_string()))
        })
        .collect()
}

/// Where each field is in this sheet, found once.
struct Columns {
    key_alternative: Option<usize>,
    title: Vec<(usize, Option<String>)>,
    body: Vec<(usize, Option<String>)>,
    answer: Vec<(usize, Option<String>)>,
    dates: Vec<(usize, &'static str)>,
    author_id: Option<usize>,
    author_name: Option<usize>,
    author_url: Option<usize>,
    /// participa.gencat.cat's own last column: the signing users' names.
    authors_names: Option<usize>,
    user_group_id: Option<usize>,
    user_group_name: Vec<(usize, Option<String>)>,
    is_amend: Option<usize>,
    original_url: Option<usize>,
    component: Option<usize>,
    locale: Option<usize>,
    hidden: Option<usize>,
    supports: Option<(usize, &'static str)>,
    comments: Option<(usize, &'static str)>,
    state: Option<usize>,
    withdrawn_at: Option<usize>,
    withdrawn: Option<usize>,
    answered_at: Option<usize>,
    url: Option<usize>,
    commentable_id: Option<usize>,
    commentable_type: Option<usize>,
}

impl Columns {
    fn of(sheet: &Sheet, kind: ContributionKind) -> Columns {
        let text = |name: &str| {
            let mut columns: Vec<(usize, Option<String>)> = sheet
                .position(name)
                .map(|index| (index, None))
                .into_iter()
                .collect();
            columns.extend(
                translated(sheet, name)
                    .into_iter()
                    .map(|(index, lang)| (index, Some(lang))),
            );
            columns
        };
        let first = |names: &[&'static str]| {
            names
                .iter()
                .find_map(|name| sheet.position(name).map(|index| (index, *name)))
        };
        let dates: &[&'static str] = match kind {
            ContributionKind::Comment => &["created_at"],
            ContributionKind::Proposal | ContributionKind::Amendment => {
                &["published_at", "created_at"]
            }
        };
        Columns {
            key_alternative: sheet.position("id"),
            title: text("title"),
            body: text("body"),
            answer: text("answer"),
            dates: dates
                .iter()
                .filter_map(|name| sheet.position(name).map(|index| (index, *name)))
                .collect(),
            author_id: sheet.position("author/id"),
            author_name: sheet.position("author/name"),
            author_url: sheet.position("author/url"),
            authors_names: sheet.position("authors_names"),
            user_group_id: sheet.position("user_group/id"),
            user_group_name: text("user_group/name"),
            is_amend: sheet.position("is_amend"),
            original_url: sheet.position("original_proposal/url"),
            component: sheet.position("component/id"),
            locale: sheet.position("locale"),
            hidden: sheet.position("hidden"),
            supports: first(&[
                "supports",
                "votes",
                "votes/total_count",
                "proposal_votes_count",
            ]),
            comments: first(&["comments", "comments_count", "comments/total_count"]),
            state: sheet.position("state"),
            withdrawn_at: sheet.position("withdrawn_at"),
            withdrawn: sheet.position("withdrawn"),
            answered_at: sheet.position("answered_at"),
            url: match kind {
                ContributionKind::Comment => sheet.position("root_commentable_url"),
                ContributionKind::Proposal | ContributionKind::Amendment => {
                    sheet.position("participatory_space/url")
                }
            },
            commentable_id: sheet.position("commentable_id"),
            commentable_type: sheet.position("commentable_type"),
        }
    }
}

fn record(
    sheet: &Sheet,
    columns: &Columns,
    row: &Row,
    kind: ContributionKind,
    key_column: &str,
    fill: Fill,
) -> Result<Record, BadInput> {
    let whole = fill == Fill::Whole;
    let bad = |column: &str, message: String| {
        BadInput::new(&sheet.source, message)
            .at(row.place)
            .column(column)
    };
    let cell = |index: Option<usize>| index.map_or("", |index| sheet.cell(row, index));
    let reference = sheet.get(row, "reference");
    let id = cell(columns.key_alternative);
    // An amendment is a proposal row of its own kind (Decidim keeps emendations as
    // proposals); its `state` is the amended proposal's author's decision, not an answer.
    let kind = if kind == ContributionKind::Proposal
        && cell(columns.is_amend).eq_ignore_ascii_case("true")
    {
        ContributionKind::Amendment
    } else {
        kind
    };
    let key = if !reference.is_empty() {
        reference.to_string()
    } else if !id.is_empty() {
        match kind {
            ContributionKind::Proposal | ContributionKind::Amendment => format!("proposal-{id}"),
            ContributionKind::Comment => format!("comment-{id}"),
        }
    } else {
        let message = if sheet.has("reference") && sheet.has("id") {
            "both `reference` and `id` are empty; each contribution needs one"
        } else {
            "it is empty; each contribution needs its id"
        };
        return Err(bad(key_column, message.to_string()));
    };
    if key.chars().count() > 128 || key.chars().any(char::is_control) {
        return Err(bad(
            key_column,
            format!(
                "`{}` cannot be a contribution id (at most 128 characters, no control characters)",
                key.escape_debug()
            ),
        ));
    }
    let mut stamp = None;
    for &(index, name) in columns.dates.iter().filter(|_| whole) {
        let raw = sheet.cell(row, index);
        if raw.is_empty() {
            continue;
        }
        stamp = Some(Stamp::parse(raw).ok_or_else(|| bad(name, not_a_date(raw)))?);
        break;
    }
    let count = |column: Option<(usize, &'static str)>| -> Result<Option<u64>, BadInput> {
        let Some((index, name)) = column else {
            return Ok(None);
        };
        let raw = sheet.cell(row, index);
        if raw.is_empty() {
            return Ok(None);
        }
        parse_count(raw).map(Some).ok_or_else(|| {
            bad(
                name,
                format!("`{}` is not a count (a whole number)", raw.escape_debug()),
            )
        })
    };
    let supports = if whole {
        count(columns.supports)?
    } else {
        None
    };
    let comments = if whole {
        count(columns.comments)?
    } else {
        None
    };
    let has_authors = columns.author_id.is_some() || columns.author_name.is_some();
    let authors = has_authors.then(|| {
        let mut authors = signatories(
            cell(columns.author_id),
            cell(columns.author_name),
            cell(columns.author_url),
            columns.authors_names.map(|index| sheet.cell(row, index)),
        );
        let group_name = texts(sheet, row, &columns.user_group_name)
            .into_iter()
            .map(|(_, name)| name)
            .next()
            .unwrap_or_default();
        let group_id = cell(columns.user_group_id);
        if !group_id.is_empty() || !group_name.is_empty() {
            // A comment written on behalf of a group: the group signs it, its member too.
            authors.insert(
                0,
                Author {
                    kind: AuthorKind::UserGroup,
                    id: group_id.to_string(),
                    name: group_name,
                    nickname: None,
                },
            );
        }
        authors
    });
    let withdrawn = !cell(columns.withdrawn_at).is_empty()
        || cell(columns.withdrawn).eq_ignore_ascii_case("true");
    let state_word = cell(columns.state).to_string();
    let state = match state_word.as_str() {
        _ if withdrawn => State::Withdrawn,
        "withdrawn" => State::Withdrawn,
        // Whatever the amended proposal's author decided, it is not the process's answer.
        _ if kind == ContributionKind::Amendment => State::Open,
        "" | "not_answered" | "evaluating" | "published" => State::Open,
        "accepted" => State::Accepted,
        "rejected" => State::Rejected,
        other => State::Other(other.to_string()),
    };
    let answered_at = match cell(columns.answered_at) {
        _ if !whole => None,
        "" => None,
        raw => Some(Stamp::parse(raw).ok_or_else(|| bad("answered_at", not_a_date(raw)))?),
    };
    let component = match cell(columns.component) {
        "" => None,
        raw => Some(parse_count(raw).ok_or_else(|| {
            bad(
                "component/id",
                format!(
                    "`{}` is not a component id (a whole number)",
                    raw.escape_debug()
                ),
            )
        })?),
    };
    let url = Some(cell(columns.url).to_string()).filter(|url| !url.is_empty());
    let (proposal, not_on_proposal) = match kind {
        ContributionKind::Proposal => (None, false),
        ContributionKind::Amendment => (proposal_in_url(cell(columns.original_url)), false),
        ContributionKind::Comment => commentable_proposal(
            cell(columns.commentable_id),
            cell(columns.commentable_type),
            url.as_deref(),
        ),
    };
    let text_of = |columns: &[(usize, Option<String>)]| {
        if whole {
            texts(sheet, row, columns)
        } else {
            Translations::new()
        }
    };
    let mut body = text_of(&columns.body);
    // A comment's text is in the language it was written in, which `locale` names.
    let locale = cell(columns.locale);
    if !locale.is_empty() {
        for (lang, _) in body.iter_mut().filter(|(lang, _)| lang.is_none()) {
            *lang = Some(locale.to_string());
        }
    }
    Ok(Record {
        kind,
        key,
        decidim_id: Some(id.to_string()).filter(|id| !id.is_empty()),
        component,
        stamp,
        title: text_of(&columns.title),
        body,
        authors,
        supports,
        comments,
        state,
        state_word,
        answer: text_of(&columns.answer),
        answered_at,
        url,
        proposal,
        not_on_proposal,
        hidden: cell(columns.hidden).eq_ignore_ascii_case("true"),
        place: row.place,
    })
}

/// The signatories of a proposal, from the `author/id`, `author/name` and `author/url`
/// columns, which list each author joined by `, ` (Decidim 0.27.7+ and 0.28.2+).
///
/// What each one is shows in their URL: a profile (`/profiles/<nickname>`) for a person, the
/// site's root for the organisation (an official proposal), a meeting's page for a proposal
/// made at a meeting. A group signs for its members: every entry then repeats the group's
/// name and profile while the ids are the members', so several entries with one profile
/// are the group and its members; a single one is told apart only where the export also
/// names the users (participa.gencat.cat's `authors_names`). Names are split only when they
/// split into as many as there are ids (a name may hold a comma).
fn signatories(ids: &str, names: &str, urls: &str, users: Option<&str>) -> Vec<Author> {
    let split = |text: &str| -> Vec<String> {
        if text.is_empty() {
            Vec::new()
        } else {
            text.split(", ")
                .map(|part| part.trim().to_string())
                .collect()
        }
    };
    let ids = split(ids);
    let urls = split(urls);
    let count = ids
        .len()
        .max(urls.len())
        .max(usize::from(!names.is_empty()));
    let names = {
        let parts = split(names);
        if parts.len() == count {
            parts
        } else {
            // Ambiguous: the whole text for a single author, no names for several.
            let whole = if count == 1 {
                names.to_string()
            } else {
                String::new()
            };
            let mut parts = vec![whole];
            parts.resize(count, String::new());
            parts
        }
    };
    let entry = |i: usize| {
        let url = urls.get(i).map_or("", String::as_str);
        let (kind, nickname) = author_kind(url);
        Author {
            kind,
            id: ids.get(i).cloned().unwrap_or_default(),
            name: names.get(i).cloned().unwrap_or_default(),
            nickname,
        }
    };
    let entries: Vec<Author> = (0..count).map(entry).collect();
    let one_profile = entries.len() > 1
        && entries.iter().all(Author::may_be_group)
        && entries
            .windows(2)
            .all(|pair| pair[0].nickname == pair[1].nickname && pair[0].name == pair[1].name);
    let named_otherwise = entries.len() == 1
        && entries[0].kind == AuthorKind::Person
        && users.is_some_and(|users| !users.is_empty() && users != entries[0].name);
    if !(one_profile || named_otherwise) {
        return entries;
    }
    // The group first, then its members, by id (and by name where the export names the
    // users as well as the group).
    let mut member_names: Vec<String> = users.map(split).unwrap_or_default();
    if member_names.len() != entries.len() {
        member_names = vec![String::new(); entries.len()];
    }
    let members = entries
        .iter()
        .map(|member| member.id.clone())
        .zip(member_names);
    signed_by_group(&entries[0], members)
}

/// Tells a group that signed a proposal alone from a person, where the same import holds
/// comments: a comment's author is always a person, named as themself, while a group's
/// proposal carries the member's id under the group's name and profile. So an author whose
/// id some comment gives another name is the group, signed by that member.
///
/// The names that the comments of an export give their authors' ids: learnt from every
/// record first, then told to each.
#[derive(Debug, Default)]
pub(super) struct Members {
    names: std::collections::HashMap<String, String>,
}

impl Members {
    /// Learns the people who signed `record`, if it is a comment.
    pub(super) fn learn(&mut self, record: &Record) {
        if record.kind != ContributionKind::Comment {
            return;
        }
        for author in record.authors.iter().flatten() {
            if author.kind == AuthorKind::Person && !author.id.is_empty() && !author.name.is_empty()
            {
                self.names.insert(author.id.clone(), author.name.clone());
            }
        }
    }

    /// Reads the one signatory of a proposal as a group and one member, when a comment
    /// names the same id otherwise.
    pub(super) fn tell_group(&self, record: &mut Record) {
        if self.names.is_empty() || record.kind == ContributionKind::Comment {
            return;
        }
        let Some(authors) = record.authors.as_mut() else {
            return;
        };
        let [signed] = authors.as_slice() else {
            return;
        };
        let Some(member_name) = self.names.get(&signed.id) else {
            return;
        };
        if !signed.may_be_group() || *member_name == signed.name {
            return;
        }
        *authors = signed_by_group(signed, [(signed.id.clone(), member_name.clone())]);
    }
}

impl Record {
    /// Decidim's numeric id, when the export gives one.
    pub fn decidim_number(&self) -> Option<u64> {
        self.decidim_id.as_deref()?.parse().ok()
    }

    /// The signatories read as a group and one member, when the one signatory could be
    /// either (a profile, as a group signing alone shows in upstream exports).
    pub fn signed_by_group(&self) -> Option<Vec<Author>> {
        match self.authors.as_deref()? {
            [signed] if signed.may_be_group() => Some(signed_by_group(
                signed,
                [(signed.id.clone(), String::new())],
            )),
            _ => None,
        }
    }
}

impl Author {
    /// Whether this entry could be a group's: a profile, which a person and a group alike
    /// have.
    fn may_be_group(&self) -> bool {
        self.kind == AuthorKind::Person && self.nickname.is_some()
    }
}

/// A group's signature: the group, as the export's entry `group` names it (its name and
/// profile), then each member by id and, where known, name.
fn signed_by_group(
    group: &Author,
    members: impl IntoIterator<Item = (String, String)>,
) -> Vec<Author> {
    let mut signed = vec![Author {
        kind: AuthorKind::UserGroup,
        id: String::new(),
        name: group.name.clone(),
        nickname: group.nickname.clone(),
    }];
    signed.extend(members.into_iter().map(|(id, name)| Author {
        kind: AuthorKind::Person,
        id,
        name,
        nickname: None,
    }));
    signed
}

/// What kind of author a URL of the `author/url` column is, and a profile's nickname.
fn author_kind(url: &str) -> (AuthorKind, Option<String>) {
    let path = url.split_once("://").map_or(url, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, path)| path)
    });
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or(path)
        .trim_end_matches('/');
    if url.is_empty() {
        return (AuthorKind::Person, None);
    }
    if path.is_empty() {
        return (AuthorKind::Official, None);
    }
    let mut segments = path.split('/');
    while let Some(segment) = segments.next() {
        match segment {
            "profiles" => {
                let nickname = segments.next().filter(|n| !n.is_empty());
                return (AuthorKind::Person, nickname.map(str::to_string));
            }
            "meetings" => return (AuthorKind::Meeting, None),
            _ => {}
        }
    }
    (AuthorKind::Person, None)
}

/// The Decidim id of the proposal a URL shows (`…/proposals/1234`).
fn proposal_in_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let mut segments = path.trim_end_matches('/').rsplit('/');
    let id = segments.next()?;
    (segments.next() == Some("proposals")
        && !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_digit()))
    .then(|| id.to_string())
}

fn texts(sheet: &Sheet, row: &Row, columns: &[(usize, Option<String>)]) -> Translations {
    let mut texts: Translations = columns
        .iter()
        .filter_map(|(index, lang)| {
            let text = sheet.cell(row, *index);
            (!text.is_empty()).then(|| (lang.clone(), text.to_string()))
        })
        .collect();
    // Collected from a filter, the vector starts with room for four, and most texts have
    // one language: the spare room was an eighth of a large re-import's memory.
    texts.shrink_to_fit();
    texts
}

/// The Decidim id of the proposal a comment answers: its `commentable_id` when it
/// comments a proposal, else (a reply to a comment) the proposal at the end of its
/// `root_commentable_url`. The flag says the comment is about something else (a debate, a
/// meeting).
fn commentable_proposal(
    commentable_id: &str,
    commentable_type: &str,
    root_url: Option<&str>,
) -> (Option<String>, bool) {
    let on_proposal = commentable_type.is_empty() || commentable_type.ends_with("Proposal");
    if on_proposal && !commentable_id.is_empty() {
        return (Some(commentable_id.to_string()), false);
    }
    if let Some(url) = root_url {
        let path = url.split(['?', '#']).next().unwrap_or(url);
        let mut segments = path.trim_end_matches('/').rsplit('/');
        let id = segments.next().unwrap_or("");
        let collection = segments.next().unwrap_or("");
        if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
            return if collection == "proposals" {
                (Some(id.to_string()), false)
            } else {
                (None, true)
            };
        }
    }
    (None, !on_proposal)
}

fn not_a_date(raw: &str) -> String {
    format!(
        "`{}` is not a date (expected a time such as `2021-05-20 10:11:12 +0200`)",
        raw.escape_debug()
    )
}

/// A count: a whole number, as CSV writes it or as JSON writes a number (`12`, `12.0`).
fn parse_count(raw: &str) -> Option<u64> {
    let whole = raw.strip_suffix(".0").unwrap_or(raw);
    whole.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str, nickname: &str) -> Author {
        Author {
            kind: AuthorKind::Person,
            id: id.to_string(),
            name: name.to_string(),
            nickname: (!nickname.is_empty()).then(|| nickname.to_string()),
        }
    }

    #[test]
    fn each_signatory_is_what_their_url_says() {
        let host = "https://participa.example.org";
        assert_eq!(
            signatories(
                "5, 6",
                "Ana, Joan",
                &format!("{host}/profiles/ana, {host}/profiles/joan"),
                None
            ),
            vec![person("5", "Ana", "ana"), person("6", "Joan", "joan")]
        );
        let official = signatories("1", "Generalitat de Catalunya", &format!("{host}/"), None);
        assert_eq!(official[0].kind, AuthorKind::Official);
        let meeting = signatories(
            "33",
            "Sessió de treball 2",
            &format!("{host}/processes/ogp/f/7/meetings/33"),
            None,
        );
        assert_eq!(meeting[0].kind, AuthorKind::Meeting);
        // A name with a comma stays whole when it cannot be split by the ids.
        assert_eq!(
            signatories("5", "Puig, Anna", &format!("{host}/profiles/anna"), None),
            vec![person("5", "Puig, Anna", "anna")]
        );
    }

    #[test]
    fn a_group_signs_for_its_members() {
        let host = "https://participa.example.org";
        let group_url = format!("{host}/profiles/veins, {host}/profiles/veins");
        let signed = signatories("5, 6", "Veïns del Raval, Veïns del Raval", &group_url, None);
        assert_eq!(signed.len(), 3);
        assert_eq!(signed[0].kind, AuthorKind::UserGroup);
        assert_eq!(signed[0].nickname.as_deref(), Some("veins"));
        assert_eq!((signed[1].id.as_str(), signed[2].id.as_str()), ("5", "6"));
        // One member: told apart by the users' names that participa.gencat.cat adds.
        let one = signatories(
            "5",
            "Veïns del Raval",
            &format!("{host}/profiles/veins"),
            Some("Ana"),
        );
        assert_eq!(one[0].kind, AuthorKind::UserGroup);
        assert_eq!(one[1], person("5", "Ana", ""));
    }

    #[test]
    fn an_amendment_names_the_proposal_it_amends_by_url() {
        assert_eq!(
            proposal_in_url("https://x.org/processes/ogp/f/12/proposals/101"),
            Some("101".to_string())
        );
        assert_eq!(proposal_in_url(""), None);
        assert_eq!(
            proposal_in_url("https://x.org/processes/ogp/f/12/debates/3"),
            None
        );
    }

    #[test]
    fn a_reply_names_its_proposal_through_the_root_url() {
        assert_eq!(
            commentable_proposal("12", "Decidim::Proposals::Proposal", None),
            (Some("12".to_string()), false)
        );
        assert_eq!(
            commentable_proposal(
                "99",
                "Decidim::Comments::Comment",
                Some("https://x.org/processes/OGP/f/3/proposals/12?commentId=99")
            ),
            (Some("12".to_string()), false)
        );
        assert_eq!(
            commentable_proposal(
                "5",
                "Decidim::Debates::Debate",
                Some("https://x.org/processes/OGP/f/4/debates/5")
            ),
            (None, true)
        );
    }
}
