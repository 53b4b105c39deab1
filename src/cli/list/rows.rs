//! The columns and rows of each kind that `obert list` prints.
//!
//! Every text cell goes through [`clean`] or [`text`] (contact details masked), and a person
//! appears only by id or as [`shown_as`] says: no e-mail, phone, gender or unconsented name.

use std::collections::HashMap;

use super::{Column, Listing, Value};
use crate::cli::view::{answer, clean, shown_as, text};
use crate::model::EntryKind;
use crate::model::{Contribution, Keyword, Plan, Ref};
use crate::rules::Context;

const fn col(key: &'static str) -> Column {
    Column {
        key,
        in_table: true,
    }
}

/// A column for CSV and JSON only.
const fn extra(key: &'static str) -> Column {
    Column {
        key,
        in_table: false,
    }
}

/// The listing of `kind`; `space` (already known to exist) narrows members, meetings and
/// contributions.
/// Which entries to list.
#[derive(Debug, Default)]
pub(super) struct Filter<'a> {
    pub space: Option<&'a str>,
    pub phase: Option<&'a str>,
    pub unanswered: bool,
}

pub(super) fn listing(cx: &Context<'_>, kind: EntryKind, filter: &Filter<'_>) -> Listing {
    let space = filter.space;
    match kind {
        EntryKind::Organisation => organisations(cx),
        EntryKind::Space => spaces(cx),
        EntryKind::Member => members(cx, space),
        EntryKind::Meeting => meetings(cx, space),
        EntryKind::Commitment => commitments(cx),
        EntryKind::Milestone => milestones(cx),
        EntryKind::Contribution => contributions(cx, filter),
        // `list` takes only the kinds above and people (see `LISTED`).
        _ => people(cx),
    }
}

/// Whether an entry of space `id` passes the `--space` filter.
fn wanted(filter: Option<&str>, id: Option<&str>) -> bool {
    filter.is_none_or(|filter| Some(filter) == id)
}

fn str(text: &str) -> Value {
    Value::Text(text.to_string())
}

fn opt<T: ToString>(value: Option<T>) -> Value {
    value.map_or(Value::Null, |v| Value::Text(v.to_string()))
}

fn ids(refs: &[Ref]) -> Value {
    Value::List(refs.iter().map(|r| r.id.clone()).collect())
}

fn count(n: usize) -> Value {
    Value::Number(n as u64)
}

fn people(cx: &Context<'_>) -> Listing {
    const COLUMNS: &[Column] = &[
        col("id"),
        col("shown_as"),
        col("organisation"),
        col("sector"),
        extra("side"),
        extra("public"),
        col("spaces"),
    ];
    // Built once: looking every person up in every space would be quadratic on a big plan.
    let mut spaces_of: HashMap<&str, Vec<String>> = HashMap::new();
    for space in &cx.plan.spaces {
        for member in space.current_members() {
            spaces_of
                .entry(member.person.id.as_str())
                .or_default()
                .push(space.id.clone());
        }
    }
    let rows = cx
        .plan
        .people
        .iter()
        .map(|person| {
            let sector = cx.sector_of(person);
            vec![
                str(&person.id),
                Value::Text(shown_as(cx, person)),
                opt(person.organisation.as_ref().map(|o| &o.id)),
                opt(sector.map(Keyword::as_str)),
                opt(sector.map(|s| s.side().as_str())),
                Value::Bool(person.public),
                Value::List(spaces_of.remove(person.id.as_str()).unwrap_or_default()),
            ]
        })
        .collect();
    Listing {
        columns: COLUMNS,
        rows,
    }
}

fn organisations(cx: &Context<'_>) -> Listing {
    const COLUMNS: &[Column] = &[
        col("id"),
        col("name"),
        col("sector"),
        extra("side"),
        col("level"),
        col("people"),
    ];
    let mut people: HashMap<&str, usize> = HashMap::new();
    for person in cx.plan.people.iter() {
        if let Some(organisation) = &person.organisation {
            *people.entry(organisation.id.as_str()).or_default() += 1;
        }
    }
    let rows = cx
        .plan
        .organisations
        .iter()
        .map(|organisation| {
            vec![
                str(&organisation.id),
                Value::Text(clean(&organisation.name)),
                opt(organisation.sector.map(Keyword::as_str)),
                opt(organisation.sector.map(|s| s.side().as_str())),
                opt(organisation.level.map(Keyword::as_str)),
                count(people.get(organisation.id.as_str()).copied().unwrap_or(0)),
            ]
        })
        .collect();
    Listing {
        columns: COLUMNS,
        rows,
    }
}

fn spaces(cx: &Context<'_>) -> Listing {
    const COLUMNS: &[Column] = &[
        col("id"),
        col("kind"),
        col("name"),
        col("members"),
        col("meetings"),
        extra("url"),
        extra("rules_url"),
    ];
    let rows = cx
        .plan
        .spaces
        .iter()
        .map(|space| {
            vec![
                str(&space.id),
                opt(space.kind.map(Keyword::as_str)),
                Value::Text(text(cx.plan, &space.name)),
                count(space.current_members().count()),
                count(space.meetings.len()),
                opt(space.url.as_deref().map(clean)),
                opt(space.rules_url.as_deref().map(clean)),
            ]
        })
        .collect();
    Listing {
        columns: COLUMNS,
        rows,
    }
}

fn members(cx: &Context<'_>, space: Option<&str>) -> Listing {
    const COLUMNS: &[Column] = &[
        col("space"),
        col("person"),
        col("side"),
        col("sector"),
        col("role"),
        col("since"),
        col("until"),
    ];
    let mut rows = Vec::new();
    for space in cx.plan.spaces.iter().filter(|s| wanted(space, Some(&s.id))) {
        for member in &space.members {
            let sector = cx.sector_of_id(&member.person.id);
            rows.push(vec![
                str(&space.id),
                str(&member.person.id),
                opt(sector.map(|s| s.side().as_str())),
                opt(sector.map(Keyword::as_str)),
                opt(member.role.as_deref().map(clean)),
                opt(member.since),
                opt(member.until),
            ]);
        }
    }
    Listing {
        columns: COLUMNS,
        rows,
    }
}

fn meetings(cx: &Context<'_>, space: Option<&str>) -> Listing {
    const COLUMNS: &[Column] = &[
        col("space"),
        col("id"),
        col("date"),
        col("kind"),
        col("title"),
        col("attendees"),
        col("minutes"),
        extra("materials_published"),
    ];
    let mut rows = Vec::new();
    for space in cx.plan.spaces.iter().filter(|s| wanted(space, Some(&s.id))) {
        for meeting in &space.meetings {
            rows.push(vec![
                str(&space.id),
                str(&meeting.id),
                opt(meeting.date),
                opt(meeting.kind.map(Keyword::as_str)),
                opt(meeting.title.as_ref().map(|t| text(cx.plan, t))),
                count(meeting.attendees.len()),
                opt(meeting.minutes.as_deref().map(clean)),
                opt(meeting.materials_published),
            ]);
        }
    }
    Listing {
        columns: COLUMNS,
        rows,
    }
}

fn commitments(cx: &Context<'_>) -> Listing {
    const COLUMNS: &[Column] = &[
        col("number"),
        col("id"),
        extra("ogp_id"),
        col("title"),
        extra("axis"),
        col("working_group"),
        col("lead"),
        extra("supporting"),
        extra("values"),
        extra("start"),
        extra("end"),
        col("status"),
        col("completion"),
        col("milestones"),
    ];
    let rows = cx
        .plan
        .commitments_by_number()
        .into_iter()
        .map(|c| {
            vec![
                c.number.map_or(Value::Null, |n| Value::Number(n.into())),
                str(&c.id),
                opt(c.ogp_id.as_deref()),
                Value::Text(text(cx.plan, &c.title)),
                opt(c.axis.as_ref().map(|r| &r.id)),
                opt(c.working_group.as_ref().map(|r| &r.id)),
                ids(&c.lead),
                ids(&c.supporting),
                Value::List(c.values.iter().map(|v| v.as_str().to_string()).collect()),
                opt(c.start),
                opt(c.end),
                opt(c.status.map(Keyword::as_str)),
                opt(c.completion.map(Keyword::as_str)),
                count(c.milestones.len()),
            ]
        })
        .collect();
    Listing {
        columns: COLUMNS,
        rows,
    }
}

fn milestones(cx: &Context<'_>) -> Listing {
    const COLUMNS: &[Column] = &[
        col("commitment"),
        col("index"),
        extra("id"),
        col("title"),
        col("output"),
        col("due"),
        extra("stakeholders"),
        col("completion"),
    ];
    let mut rows = Vec::new();
    for commitment in cx.plan.commitments_by_number() {
        for (i, milestone) in commitment.milestones.iter().enumerate() {
            rows.push(vec![
                str(&commitment.id),
                Value::Text(commitment.milestone_label(i)),
                opt(milestone.id.as_deref()),
                Value::Text(text(cx.plan, &milestone.title)),
                opt(milestone.output.as_ref().map(|t| text(cx.plan, t))),
                opt(milestone.due),
                ids(&milestone.stakeholders),
                opt(milestone.completion.map(Keyword::as_str)),
            ]);
        }
    }
    Listing {
        columns: COLUMNS,
        rows,
    }
}

/// A contribution's title, or the first words of its body when it has none.
fn headline(plan: &Plan, contribution: &Contribution) -> Option<String> {
    if let Some(title) = contribution.title.as_ref().filter(|t| !t.is_blank()) {
        return Some(text(plan, title));
    }
    let body = text(plan, contribution.body.as_ref()?);
    let words: Vec<&str> = body.split_whitespace().collect();
    const WORDS: usize = 10;
    Some(if words.len() > WORDS {
        format!("{}...", words[..WORDS].join(" "))
    } else {
        words.join(" ")
    })
}

fn contributions(cx: &Context<'_>, filter: &Filter<'_>) -> Listing {
    let space = filter.space;
    const COLUMNS: &[Column] = &[
        col("id"),
        col("file"),
        extra("space"),
        extra("phase"),
        col("kind"),
        col("date"),
        col("title"),
        extra("author"),
        extra("about"),
        extra("in_reply_to"),
        extra("supports"),
        extra("comments"),
        col("status"),
        extra("by"),
        extra("response_date"),
    ];
    let mut rows = Vec::new();
    for file in &cx.plan.contribution_files {
        let file_space = file.space.as_ref().map(|r| r.id.as_str());
        if !wanted(space, file_space) {
            continue;
        }
        for c in &file.contributions {
            if filter.unanswered && !c.awaits_response() {
                continue;
            }
            if let Some(phase) = filter.phase
                && cx.plan.phase_of(file, c) != Some(phase)
            {
                continue;
            }
            let response = c.response.as_ref();
            rows.push(vec![
                Value::Text(clean(&c.id)),
                str(&file.id),
                opt(file_space),
                opt(file.phase.as_ref().map(|r| &r.id)),
                opt(c.kind.map(Keyword::as_str)),
                opt(c.date),
                opt(headline(cx.plan, c)),
                opt(c.author.as_deref().map(clean)),
                opt(c.about.as_ref().map(|r| &r.id)),
                opt(c.in_reply_to.as_ref().map(|r| clean(&r.id))),
                c.supports.map_or(Value::Null, Value::Number),
                c.comments.map_or(Value::Null, Value::Number),
                str(answer(c)),
                opt(response.and_then(|r| r.by.as_ref()).map(|r| &r.id)),
                opt(response.and_then(|r| r.date)),
            ]);
        }
    }
    Listing {
        columns: COLUMNS,
        rows,
    }
}
