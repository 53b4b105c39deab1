//! Contributions entered by hand: proposals made at a workshop, by e-mail or on paper,
//! which reach the plan through a facilitator rather than an export.
//!
//! Such a contribution has no reference from a platform, so obert gives it one, in a stable
//! form: `<space>-<YYYYMMDD>-<8 hex digits>`, the digits a hash of its kind, title, body
//! and author. The same contribution entered twice gets the same id, and the second time is
//! refused as a duplicate rather than counted twice.

use super::*;
use crate::edit::tables::append_entry;
use crate::edit::values::date_value;
use crate::format::words;
use crate::import::hash::fnv1a64;
use crate::model::ContributionKind;

/// A contribution as `obert contribution add` takes it.
#[derive(Debug, Default)]
pub struct NewContribution<'a> {
    /// The space it was made in (a workshop's working group, the forum, the online space).
    pub space: &'a str,
    pub phase: Option<&'a str>,
    pub kind: &'a str,
    pub date: &'a str,
    pub title: Option<&'a str>,
    pub body: Option<&'a str>,
    pub author: Option<&'a str>,
    /// The contributions file to add it to (`contributions/<into>.toml`); by default the
    /// file named after its phase, else `entered`.
    pub into: Option<&'a str>,
}

/// The id obert gives a contribution entered by hand (see the module's documentation).
pub fn entered_id(space: &str, date: crate::model::Date, new: &NewContribution<'_>) -> String {
    let mut key = Vec::new();
    for part in [Some(new.kind), new.title, new.body, new.author] {
        key.extend_from_slice(part.unwrap_or("").trim().as_bytes());
        key.push(0);
    }
    let hash = fnv1a64(&key);
    let digits = (hash ^ (hash >> 32)) as u32;
    let day = date.to_string().replace('-', "");
    format!("{space}-{day}-{digits:08x}")
}

/// Adds the contribution; returns what it changed and the id it gave the contribution.
pub fn contribution_add(
    session: &mut Session,
    new: &NewContribution<'_>,
) -> Result<(Affected, String), EditError> {
    fields::id("space", new.space)?;
    let kind = fields::word("kind", new.kind, words::<ContributionKind>)?;
    let date = fields::date("date", new.date)?;
    let title = new.title.map(str::trim).filter(|t| !t.is_empty());
    let body = new.body.map(str::trim).filter(|b| !b.is_empty());
    if kind == "proposal" && title.is_none() {
        return Err(EditError::Refused(
            "a proposal needs its --title, as the document lists proposals by title".into(),
        ));
    }
    if title.is_none() && body.is_none() {
        return Err(EditError::Refused(
            "give the contribution's text with --title or --body".into(),
        ));
    }
    let plan = session.plan();
    let space = find("space", new.space, &plan.spaces, |s| &s.id)?;
    if let Some(phase) = new.phase {
        fields::id("phase", phase)?;
        find("phase", phase, &space.phases, |p| &p.id)?;
    }
    let id = entered_id(new.space, date, new);
    if plan.contributions().any(|c| c.id == id) {
        return Err(EditError::Refused(format!(
            "this contribution is in the plan already, as `{id}`"
        )));
    }
    let file_id = new.into.or(new.phase).unwrap_or("entered").to_string();
    fields::id("into", &file_id)?;
    // An existing file keeps its space and phase for all its contributions: a contribution
    // of another space or phase does not belong in it.
    if let Some(file) = plan.contribution_files.iter().find(|f| f.id == file_id) {
        let (file_space, file_phase) = (
            file.space.as_ref().map(|r| r.id.as_str()),
            file.phase.as_ref().map(|r| r.id.as_str()),
        );
        if file_space.is_some_and(|s| s != new.space)
            || (new.phase.is_some() && file_phase.is_some_and(|p| Some(p) != new.phase))
        {
            return Err(EditError::Refused(format!(
                "contributions/{file_id}.toml holds the contributions of space `{}`{}; add this one to another file with --into",
                file_space.unwrap_or("?"),
                file_phase.map_or(String::new(), |p| format!(", phase `{p}`"))
            )));
        }
    }
    let path = format!("contributions/{file_id}.toml");
    if !session.exists(&path) {
        let text = crate::import::contributions_file(
            "# Contributions entered by hand with `obert contribution add`: proposals and\n\
             # comments made at a meeting, by e-mail or on paper.\n",
            new.space,
            new.phase,
        );
        session.create(&path, text)?;
    }
    let table = table_of(vec![
        ("id", string(&id)),
        ("kind", string(kind)),
        ("date", Some(date_value(date))),
        ("title", optional(title)),
        ("body", optional(body)),
        (
            "author",
            optional(new.author.map(str::trim).filter(|a| !a.is_empty())),
        ),
    ]);
    session.edit(&path, false, |doc| {
        append_entry(
            doc,
            "contribution",
            table,
            &format::CONTRIBUTIONS.names_before("contribution"),
        )?;
        Ok(())
    })?;
    Ok((Affected::Contributions(file_id), id))
}
