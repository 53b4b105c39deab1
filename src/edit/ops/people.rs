//! Organisations and people.

use super::*;
use crate::edit::tables::append_entry;
use crate::format::words;
use crate::model::{Gender, Level, Sector};

pub fn org_add(
    session: &mut Session,
    id: &str,
    name: &str,
    sector: &str,
    level: Option<&str>,
) -> Result<Affected, EditError> {
    fields::id("id", id)?;
    fields::word("sector", sector, words::<Sector>)?;
    if let Some(level) = level {
        fields::word("level", level, words::<Level>)?;
    }
    if session.plan().organisations.iter().any(|o| o.id == id) {
        return Err(EditError::Refused(format!(
            "organisation `{id}` exists already; change it with `obert org set {id} <FIELD> <VALUE>`"
        )));
    }
    let table = table_of(vec![
        ("id", string(id)),
        ("name", string(name)),
        ("sector", string(sector)),
        ("level", optional(level)),
    ]);
    session.edit("organisations.toml", false, |doc| {
        append_entry(doc, "organisation", table, &[])?;
        Ok(())
    })?;
    Ok(Affected::Organisations)
}

fn organisation_at(session: &Session, id: &str) -> Result<(), EditError> {
    find("organisation", id, &session.plan().organisations, |o| &o.id).map(|_| ())
}

pub fn org_set(
    session: &mut Session,
    id: &str,
    field: &str,
    change: &Change,
) -> Result<Affected, EditError> {
    organisation_at(session, id)?;
    let at = EntryAt::keyed("organisations.toml", "organisation", "id", id);
    let what = format!("organisation `{id}`");
    set_field(session, at, &format::ORGANISATION, &what, field, change)?;
    Ok(Affected::Organisations)
}

pub fn org_remove(session: &mut Session, id: &str) -> Result<Affected, EditError> {
    organisation_at(session, id)?;
    let at = EntryAt::keyed("organisations.toml", "organisation", "id", id);
    remove_at(session, at, &format!("organisation `{id}`"))?;
    Ok(Affected::Organisations)
}

/// A new person, as `obert person add` takes it.
#[derive(Debug, Default)]
pub struct NewPerson<'a> {
    pub id: &'a str,
    pub organisation: Option<&'a str>,
    pub sector: Option<&'a str>,
    pub name: Option<&'a str>,
    pub public: Option<bool>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub gender: Option<&'a str>,
}

pub fn person_add(session: &mut Session, person: &NewPerson<'_>) -> Result<Affected, EditError> {
    fields::id("id", person.id)?;
    if let Some(org) = person.organisation {
        fields::id("organisation", org)?;
    }
    if let Some(sector) = person.sector {
        fields::word("sector", sector, words::<Sector>)?;
    }
    if let Some(gender) = person.gender {
        fields::word("gender", gender, words::<Gender>)?;
    }
    if session.plan().people.iter().any(|p| p.id == person.id) {
        return Err(EditError::Refused(format!(
            "person `{}` exists already; change them with `obert person set {} <FIELD> <VALUE>`",
            person.id, person.id
        )));
    }
    let table = table_of(vec![
        ("id", string(person.id)),
        ("organisation", optional(person.organisation)),
        ("sector", optional(person.sector)),
        ("name", optional(person.name)),
        ("public", person.public.map(Value::from)),
        ("email", optional(person.email)),
        ("phone", optional(person.phone)),
        ("gender", optional(person.gender)),
    ]);
    session.edit("people.toml", false, |doc| {
        append_entry(doc, "person", table, &[])?;
        Ok(())
    })?;
    Ok(Affected::People)
}

pub(super) fn person_at(session: &Session, id: &str) -> Result<(), EditError> {
    find("person", id, &session.plan().people, |p| &p.id).map(|_| ())
}

pub fn person_set(
    session: &mut Session,
    id: &str,
    field: &str,
    change: &Change,
) -> Result<Affected, EditError> {
    person_at(session, id)?;
    let at = EntryAt::keyed("people.toml", "person", "id", id);
    let what = format!("person `{id}`");
    set_field(session, at, &format::PERSON, &what, field, change)?;
    Ok(Affected::People)
}

pub fn person_remove(session: &mut Session, id: &str) -> Result<Affected, EditError> {
    person_at(session, id)?;
    let at = EntryAt::keyed("people.toml", "person", "id", id);
    remove_at(session, at, &format!("person `{id}`"))?;
    Ok(Affected::People)
}
