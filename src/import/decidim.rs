//! What a row of a Decidim export says, in the words of every version from 0.2x to 0.30:
//! `supports` or `votes`, `endorsements/total_count` or `likes` (neither kept: the format
//! has no field for them), author columns or none, states as words, dates as Ruby or ISO
//! times. A sheet is proposals when it has a `title`, comments when it has none but has a
//! `commentable_id`, a `root_commentable_url` or a `body`.

use super::{BadInput, Row, Sheet};
use crate::model::{ContributionKind, Date};

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
    pub date: Option<Date>,
    pub title: Translations,
    pub body: Translations,
    /// `None` when the export has no author columns.
    pub author: Option<Author>,
    pub supports: Option<u64>,
    pub comments: Option<u64>,
    pub state: State,
    pub answer: Translations,
    pub answered_at: Option<Date>,
    /// The URL of the participatory space (proposals) or of the commented resource
    /// (comments), to keep only the rows of the plan's online space.
    pub url: Option<String>,
    /// Comments: the Decidim id of the proposal they answer, when it is one.
    pub proposal: Option<String>,
    /// Comments: the Decidim type of what they answer when it is not a proposal.
    pub not_on_proposal: bool,
    pub place: super::Place,
}

/// An author as the export names them; either may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    pub id: String,
    pub name: String,
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

/// The kind of rows in `sheet` and each row as a record.
pub(super) fn records(sheet: &Sheet) -> Result<(ContributionKind, Vec<Record>), BadInput> {
    if sheet.rows.is_empty() && sheet.columns().is_empty() {
        // `[]`: an export of nothing.
        return Ok((ContributionKind::Proposal, Vec::new()));
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
    let mut records = Vec::with_capacity(sheet.rows.len());
    for row in &sheet.rows {
        records.push(record(sheet, &columns, row, kind, key_column)?);
    }
    Ok((kind, records))
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
            ContributionKind::Proposal => &["published_at", "created_at"],
            ContributionKind::Comment => &["created_at"],
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
                ContributionKind::Proposal => sheet.position("participatory_space/url"),
                ContributionKind::Comment => sheet.position("root_commentable_url"),
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
) -> Result<Record, BadInput> {
    let bad = |column: &str, message: String| {
        BadInput::new(&sheet.source, message)
            .at(row.place)
            .column(column)
    };
    let cell = |index: Option<usize>| index.map_or("", |index| sheet.cell(row, index));
    let reference = sheet.get(row, "reference");
    let id = cell(columns.key_alternative);
    let key = if !reference.is_empty() {
        reference.to_string()
    } else if !id.is_empty() {
        match kind {
            ContributionKind::Proposal => format!("proposal-{id}"),
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
    let mut date = None;
    for &(index, name) in &columns.dates {
        let raw = sheet.cell(row, index);
        if raw.is_empty() {
            continue;
        }
        date = Some(parse_date(raw).ok_or_else(|| bad(name, not_a_date(raw)))?);
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
    let supports = count(columns.supports)?;
    let comments = count(columns.comments)?;
    let author = (columns.author_id.is_some() || columns.author_name.is_some()).then(|| Author {
        id: cell(columns.author_id).to_string(),
        name: cell(columns.author_name).to_string(),
    });
    let withdrawn = !cell(columns.withdrawn_at).is_empty()
        || cell(columns.withdrawn).eq_ignore_ascii_case("true");
    let state = match cell(columns.state) {
        _ if withdrawn => State::Withdrawn,
        "" | "not_answered" | "evaluating" | "published" => State::Open,
        "accepted" => State::Accepted,
        "rejected" => State::Rejected,
        "withdrawn" => State::Withdrawn,
        other => State::Other(other.to_string()),
    };
    let answered_at = match cell(columns.answered_at) {
        "" => None,
        raw => Some(parse_date(raw).ok_or_else(|| bad("answered_at", not_a_date(raw)))?),
    };
    let url = Some(cell(columns.url).to_string()).filter(|url| !url.is_empty());
    let (proposal, not_on_proposal) = match kind {
        ContributionKind::Proposal => (None, false),
        ContributionKind::Comment => commentable_proposal(
            cell(columns.commentable_id),
            cell(columns.commentable_type),
            url.as_deref(),
        ),
    };
    Ok(Record {
        kind,
        key,
        decidim_id: Some(id.to_string()).filter(|id| !id.is_empty()),
        date,
        title: texts(sheet, row, &columns.title),
        body: texts(sheet, row, &columns.body),
        author,
        supports,
        comments,
        state,
        answer: texts(sheet, row, &columns.answer),
        answered_at,
        url,
        proposal,
        not_on_proposal,
        place: row.place,
    })
}

fn texts(sheet: &Sheet, row: &Row, columns: &[(usize, Option<String>)]) -> Translations {
    columns
        .iter()
        .filter_map(|(index, lang)| {
            let text = sheet.cell(row, *index);
            (!text.is_empty()).then(|| (lang.clone(), text.to_string()))
        })
        .collect()
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

/// A date from Decidim's times: `2021-05-20 10:11:12 +0200` (Ruby), `2021-05-20T10:11:12Z`
/// (ISO 8601), `2021-05-20`, or `20/05/2021 10:11` (day first, as a spreadsheet may
/// rewrite it).
fn parse_date(raw: &str) -> Option<Date> {
    if let Some(date) = raw.get(..10).and_then(Date::parse)
        && raw[10..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == 'T')
    {
        return Some(date);
    }
    let day_first = raw.split([' ', 'T']).next().unwrap_or(raw);
    let mut parts = day_first.split(['/', '.', '-']);
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
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

    #[test]
    fn dates_in_every_spelling_decidim_uses() {
        let day = Date::new(2021, 5, 20);
        assert_eq!(parse_date("2021-05-20 10:11:12 +0200"), day);
        assert_eq!(parse_date("2021-05-20T10:11:12.000+02:00"), day);
        assert_eq!(parse_date("2021-05-20"), day);
        assert_eq!(parse_date("20/05/2021 10:11"), day);
        assert_eq!(parse_date("2021-05-2x"), None);
        assert_eq!(parse_date("yesterday"), None);
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
