//! Contributions from the online space: the reasoned response each is owed, and
//! corrections to what the export said of them.

use super::*;
use crate::edit::tables::ensure_entry_table;
use crate::edit::values::{date_value, remove_value, set_value};
use crate::format::words;
use crate::model::{Date, ResponseStatus};

/// A response, as `obert contribution respond` takes it.
#[derive(Debug, Default)]
pub struct NewResponse<'a> {
    pub status: &'a str,
    pub reason: Option<&'a str>,
    pub by: Option<&'a str>,
    /// `today` when not given.
    pub date: Option<&'a str>,
    /// The day the command runs (`--today`, or the clock).
    pub today: Option<Date>,
}

/// Records the response to contribution `id`, replacing any earlier one: a reason or a
/// space that the new response does not give is removed, so that an old reason never
/// stays beside a new status.
pub fn contribution_respond(
    session: &mut Session,
    id: &str,
    response: &NewResponse<'_>,
) -> Result<Affected, EditError> {
    fields::word("status", response.status, words::<ResponseStatus>)?;
    if let Some(by) = response.by {
        fields::id("by", by)?;
    }
    let date = match response.date {
        Some(raw) => fields::date("date", raw)?,
        None => response.today.ok_or_else(|| {
            EditError::Refused("the system clock gives no date; pass --date".to_string())
        })?,
    };
    let file_id = contribution_file(session, id)?;
    let path = format!("contributions/{file_id}.toml");
    let missing = format!(
        "contribution `{id}` is not in `{}`",
        session.display_path(&path)
    );
    session.edit(&path, false, |doc| {
        let index =
            tables::find_entry(doc, "contribution", "id", id).ok_or(EditError::Refused(missing))?;
        let table =
            ensure_entry_table(doc, "contribution", index, "response").ok_or_else(|| {
                EditError::Refused(format!(
                    "the `response` of `{id}` is not a table; fix it by hand first"
                ))
            })?;
        set_value(table, "status", response.status, &format::RESPONSE);
        for (key, value) in [("reason", response.reason), ("by", response.by)] {
            match value {
                Some(value) => set_value(table, key, value, &format::RESPONSE),
                None => remove_value(table, key),
            }
        }
        set_value(table, "date", date_value(date), &format::RESPONSE);
        Ok(())
    })?;
    Ok(Affected::Contributions(file_id))
}

/// The id of the contributions file that holds contribution `id`.
fn contribution_file(session: &Session, id: &str) -> Result<String, EditError> {
    let files = &session.plan().contribution_files;
    match files
        .iter()
        .find(|file| file.contributions.iter().any(|c| c.id == id))
    {
        Some(file) => Ok(file.id.clone()),
        None => Err(not_found(
            "contribution",
            id,
            files
                .iter()
                .flat_map(|f| &f.contributions)
                .map(|c| c.id.as_str()),
        )),
    }
}

/// Corrects one of a contribution's own fields (what it is about, which proposal a comment
/// answers, its text); its response has `contribution respond`.
pub fn contribution_set(
    session: &mut Session,
    id: &str,
    field: &str,
    change: &Change,
) -> Result<Affected, EditError> {
    let file_id = contribution_file(session, id)?;
    let path = format!("contributions/{file_id}.toml");
    let at = EntryAt::keyed(&path, "contribution", "id", id);
    let what = format!("contribution `{id}`");
    set_field(session, at, &format::CONTRIBUTION, &what, field, change)?;
    Ok(Affected::Contributions(file_id))
}
