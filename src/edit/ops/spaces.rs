//! Spaces, their members, meetings and phases.

use super::*;
use crate::edit::tables::append_entry;
use crate::edit::values::{date_value, set_value, string_array};
use crate::format::words;
use crate::model::{EntryKind, MeetingKind, Space, SpaceKind};

fn space_path(id: &str) -> String {
    format!("spaces/{id}.toml")
}

fn space<'p>(session: &'p Session, id: &str) -> Result<&'p Space, EditError> {
    find("space", id, &session.plan().spaces, |s| &s.id)
}

/// The file of space `id`, which `obert member import` fills; refused when the plan has no
/// such space.
pub fn members_file(session: &Session, id: &str) -> Result<String, EditError> {
    space(session, id)?;
    Ok(space_path(id))
}

fn person_exists(session: &Session, id: &str) -> Result<(), EditError> {
    fields::id("person", id)?;
    super::people::person_at(session, id)
}

/// A new space, as `obert space add` takes it.
#[derive(Debug, Default)]
pub struct NewSpace<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub name: &'a str,
    pub purpose: Option<&'a str>,
    pub url: Option<&'a str>,
    pub rules_url: Option<&'a str>,
}

pub fn space_add(session: &mut Session, new: &NewSpace<'_>) -> Result<Affected, EditError> {
    fields::id("id", new.id)?;
    fields::word("kind", new.kind, words::<SpaceKind>)?;
    let path = space_path(new.id);
    if session.exists(&path) {
        return Err(EditError::Refused(format!(
            "space `{}` exists already (`{}`)",
            new.id,
            session.display_path(&path)
        )));
    }
    let mut doc = DocumentMut::new();
    let table = doc.as_table_mut();
    table.insert("kind", toml_edit::value(new.kind));
    table.insert("name", toml_edit::value(new.name));
    for (key, value) in [
        ("purpose", new.purpose),
        ("url", new.url),
        ("rules-url", new.rules_url),
    ] {
        if let Some(value) = value {
            table.insert(key, toml_edit::value(value));
        }
    }
    session.create(&path, doc.to_string())?;
    Ok(Affected::Space(new.id.to_string()))
}

pub fn space_set(
    session: &mut Session,
    id: &str,
    field: &str,
    change: &Change,
) -> Result<Affected, EditError> {
    space(session, id)?;
    let path = space_path(id);
    if field.starts_with("rules.") {
        // The space's own numbers, by dotted name, as `plan set` takes plan.toml's.
        let table = &format::rules::SPACE_TABLE;
        let fields = super::setting_fields(table, &[("rules", table)]);
        let Some(setting) = fields.iter().find(|f| f.name == field) else {
            let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
            let hint = suggest::hint(field, names.iter().copied())
                .map_or(String::new(), |hint| format!("{hint} "));
            return Err(EditError::Refused(format!(
                "a space has no number `{field}`; {hint}the numbers are: {}",
                names.join(", ")
            )));
        };
        super::set_setting(session, &path, &format::SPACE, setting, change)?;
        return Ok(Affected::Space(id.to_string()));
    }
    let at = EntryAt::root(&path, false);
    let what = format!("space `{id}`");
    set_field(session, at, &format::SPACE, &what, field, change)?;
    Ok(Affected::Space(id.to_string()))
}

/// Removes `spaces/<id>.toml`, with its members, meetings and phases; refused while a
/// commitment, a contributions file or a response names the space.
pub fn space_remove(session: &mut Session, id: &str) -> Result<Affected, EditError> {
    space(session, id)?;
    session.removing(format!("space `{id}`"));
    session.remove(&space_path(id))?;
    Ok(Affected::Spaces)
}

/// The index of `person`'s membership in the space file: the current one (no `until`), or
/// else the latest.
fn membership(doc: &DocumentMut, person: &str, current_only: bool) -> Option<usize> {
    let entries = doc.get("member")?.as_array_of_tables()?;
    let theirs: Vec<(usize, bool)> = entries
        .iter()
        .enumerate()
        .filter(|(_, t)| t.get("person").and_then(Item::as_str) == Some(person))
        .map(|(i, t)| (i, t.contains_key("until")))
        .collect();
    theirs
        .iter()
        .find(|(_, left)| !left)
        .or(if current_only { None } else { theirs.last() })
        .map(|(i, _)| *i)
}

/// A member to add, as `obert member add` takes it.
#[derive(Debug, Default)]
pub struct NewMember<'a> {
    pub person: &'a str,
    pub role: Option<&'a str>,
    pub since: Option<&'a str>,
    /// `false` for an observer, a secretariat or a substitute, who is not counted.
    pub counts: bool,
}

pub fn member_add(
    session: &mut Session,
    space_id: &str,
    new: &NewMember<'_>,
) -> Result<Affected, EditError> {
    let person = new.person;
    space(session, space_id)?;
    person_exists(session, person)?;
    let since = new.since.map(|d| fields::date("since", d)).transpose()?;
    let table = table_of(vec![
        ("person", string(person)),
        ("role", optional(new.role)),
        ("since", since.map(date_value)),
        // Only the exception is written: a member counts unless the file says otherwise.
        ("counts", (!new.counts).then(|| Value::from(false))),
    ]);
    let path = space_path(space_id);
    session.edit(&path, false, |doc| {
        if membership(doc, person, true).is_some() {
            return Err(EditError::Refused(format!(
                "`{person}` is a member of `{space_id}` already"
            )));
        }
        append_entry(doc, "member", table, &format::SPACE.names_before("member"))?;
        Ok(())
    })?;
    Ok(Affected::Space(space_id.to_string()))
}

pub fn member_remove(
    session: &mut Session,
    space_id: &str,
    person: &str,
) -> Result<Affected, EditError> {
    space(session, space_id)?;
    let path = space_path(space_id);
    session.edit(&path, false, |doc| {
        let index = membership(doc, person, false).ok_or_else(|| {
            EditError::Refused(format!("`{person}` is not a member of `{space_id}`"))
        })?;
        tables::remove_entry(doc, "member", index);
        Ok(())
    })?;
    Ok(Affected::Space(space_id.to_string()))
}

pub fn member_leave(
    session: &mut Session,
    space_id: &str,
    person: &str,
    until: &str,
) -> Result<Affected, EditError> {
    space(session, space_id)?;
    let until = fields::date("until", until)?;
    let path = space_path(space_id);
    session.edit(&path, false, |doc| {
        let index = membership(doc, person, true).ok_or_else(|| {
            EditError::Refused(format!(
                "`{person}` is not a current member of `{space_id}`"
            ))
        })?;
        let entries = tables::entries_mut(doc, "member")
            .ok_or_else(|| EditError::Refused(format!("`{space_id}` has no members")))?;
        let Some(table) = entries.get_mut(index) else {
            return Err(EditError::Refused(format!("`{person}` is not a member")));
        };
        set_value(table, "until", date_value(until), &format::MEMBER);
        joined_before_leaving(table, person, space_id)
    })?;
    Ok(Affected::Space(space_id.to_string()))
}

/// Refuses a membership that would end before it began.
fn joined_before_leaving(table: &Table, person: &str, space_id: &str) -> Result<(), EditError> {
    match dates_out_of_order(table, "since", "until") {
        Some((since, until)) => Err(EditError::Refused(format!(
            "`{person}` joined `{space_id}` on {since}, after {until}"
        ))),
        None => Ok(()),
    }
}

/// The table of `person`'s current membership, or else their latest.
fn latest_membership<'d>(doc: &'d mut DocumentMut, person: &str) -> Option<&'d mut Table> {
    let index = membership(doc, person, false)?;
    tables::entries_mut(doc, "member")?.get_mut(index)
}

/// Changes a field of `person`'s membership of the space: the current one, or the latest
/// if they have left (as `member remove` picks it).
pub fn member_set(
    session: &mut Session,
    space_id: &str,
    person: &str,
    field: &str,
    change: &Change,
) -> Result<Affected, EditError> {
    let existing = space(session, space_id)?;
    if !existing.members.iter().any(|m| m.person.id == person) {
        return Err(not_found(
            &format!("member of `{space_id}` who is"),
            person,
            existing.members.iter().map(|m| m.person.id.as_str()),
        ));
    }
    let path = space_path(space_id);
    let target = SetTarget {
        path: &path,
        front_matter: false,
        spec: &format::MEMBER,
        what: &format!("member `{person}` of `{space_id}`"),
    };
    set_in(
        session,
        &target,
        |doc| latest_membership(doc, person),
        field,
        change,
        |table| joined_before_leaving(table, person, space_id),
    )?;
    Ok(Affected::Space(space_id.to_string()))
}

/// A new meeting, as `obert meeting add` takes it.
#[derive(Debug, Default)]
pub struct NewMeeting<'a> {
    pub id: &'a str,
    pub date: &'a str,
    pub kind: &'a str,
    pub title: Option<&'a str>,
    pub attendees: &'a [String],
    /// People who took part without being listed (a public workshop).
    pub participants: Option<&'a str>,
    pub minutes: Option<&'a str>,
    pub materials_published: Option<&'a str>,
}

pub fn meeting_add(
    session: &mut Session,
    space_id: &str,
    new: &NewMeeting<'_>,
) -> Result<Affected, EditError> {
    let existing = space(session, space_id)?;
    fields::id("id", new.id)?;
    if existing.meetings.iter().any(|m| m.id == new.id) {
        return Err(EditError::Refused(format!(
            "`{space_id}` has a meeting `{}` already",
            new.id
        )));
    }
    let date = fields::date("date", new.date)?;
    fields::word("kind", new.kind, words::<MeetingKind>)?;
    for attendee in new.attendees {
        person_exists(session, attendee)?;
    }
    let published = new
        .materials_published
        .map(|d| fields::date("materials-published", d))
        .transpose()?;
    let participants = match (new.participants, format::MEETING.key("participants")) {
        (Some(raw), Some(key)) => Some(fields::value(key, raw)?),
        _ => None,
    };
    let table = table_of(vec![
        ("id", string(new.id)),
        ("date", Some(date_value(date))),
        ("kind", string(new.kind)),
        ("title", optional(new.title)),
        (
            "attendees",
            (!new.attendees.is_empty()).then(|| string_array(new.attendees)),
        ),
        ("participants", participants),
        ("minutes", optional(new.minutes)),
        ("materials-published", published.map(date_value)),
    ]);
    let path = space_path(space_id);
    session.edit(&path, false, |doc| {
        append_entry(
            doc,
            "meeting",
            table,
            &format::SPACE.names_before("meeting"),
        )?;
        Ok(())
    })?;
    Ok(Affected::Space(space_id.to_string()))
}

/// The meeting or phase (`kind`) of space `space_id` whose id is `id`: the entry of the
/// array of tables named after the kind.
fn space_entry_at<'a>(
    session: &Session,
    space_id: &str,
    kind: EntryKind,
    id: &'a str,
    path: &'a str,
) -> Result<EntryAt<'a>, EditError> {
    let existing = space(session, space_id)?;
    let ids: Vec<&str> = match kind {
        EntryKind::Meeting => existing.meetings.iter().map(|m| m.id.as_str()).collect(),
        _ => existing.phases.iter().map(|p| p.id.as_str()).collect(),
    };
    let array = kind.word();
    if !ids.contains(&id) {
        return Err(not_found(
            &format!("{array} in `{space_id}` with the id"),
            id,
            ids.into_iter(),
        ));
    }
    Ok(EntryAt::keyed(path, array, "id", id))
}

/// Removes the meeting or phase (`kind`) `id` of a space; refused while anything refers
/// to it.
fn space_entry_remove(
    session: &mut Session,
    space_id: &str,
    kind: EntryKind,
    id: &str,
) -> Result<Affected, EditError> {
    let path = space_path(space_id);
    let at = space_entry_at(session, space_id, kind, id, &path)?;
    remove_at(session, at, &format!("{} `{space_id}/{id}`", kind.word()))?;
    Ok(Affected::Space(space_id.to_string()))
}

pub fn meeting_set(
    session: &mut Session,
    space_id: &str,
    id: &str,
    field: &str,
    change: &Change,
) -> Result<Affected, EditError> {
    let path = space_path(space_id);
    let at = space_entry_at(session, space_id, EntryKind::Meeting, id, &path)?;
    let what = format!("meeting `{space_id}/{id}`");
    set_field(session, at, &format::MEETING, &what, field, change)?;
    Ok(Affected::Space(space_id.to_string()))
}

pub fn meeting_remove(
    session: &mut Session,
    space_id: &str,
    id: &str,
) -> Result<Affected, EditError> {
    space_entry_remove(session, space_id, EntryKind::Meeting, id)
}

pub fn phase_add(
    session: &mut Session,
    space_id: &str,
    id: &str,
    title: &str,
    start: &str,
    end: &str,
) -> Result<Affected, EditError> {
    let existing = space(session, space_id)?;
    fields::id("id", id)?;
    if existing.phases.iter().any(|p| p.id == id) {
        return Err(EditError::Refused(format!(
            "`{space_id}` has a phase `{id}` already"
        )));
    }
    let start = fields::date("start", start)?;
    let end = fields::date("end", end)?;
    if end < start {
        return Err(phase_ends_before_it_starts(start, end));
    }
    let table = table_of(vec![
        ("id", string(id)),
        ("title", string(title)),
        ("start", Some(date_value(start))),
        ("end", Some(date_value(end))),
    ]);
    let path = space_path(space_id);
    session.edit(&path, false, |doc| {
        append_entry(doc, "phase", table, &format::SPACE.names_before("phase"))?;
        Ok(())
    })?;
    Ok(Affected::Space(space_id.to_string()))
}

fn phase_ends_before_it_starts(start: Date, end: Date) -> EditError {
    EditError::Refused(format!(
        "the phase would end ({end}) before it starts ({start})"
    ))
}

pub fn phase_set(
    session: &mut Session,
    space_id: &str,
    id: &str,
    field: &str,
    change: &Change,
) -> Result<Affected, EditError> {
    let path = space_path(space_id);
    let at = space_entry_at(session, space_id, EntryKind::Phase, id, &path)?;
    let target = SetTarget {
        path: &path,
        front_matter: false,
        spec: &format::PHASE,
        what: &format!("phase `{space_id}/{id}`"),
    };
    set_in(
        session,
        &target,
        |doc| at.locate(doc),
        field,
        change,
        |table| match dates_out_of_order(table, "start", "end") {
            Some((start, end)) => Err(phase_ends_before_it_starts(start, end)),
            None => Ok(()),
        },
    )?;
    Ok(Affected::Space(space_id.to_string()))
}

/// Removes a phase; refused while a contributions file names it.
pub fn phase_remove(
    session: &mut Session,
    space_id: &str,
    id: &str,
) -> Result<Affected, EditError> {
    space_entry_remove(session, space_id, EntryKind::Phase, id)
}
