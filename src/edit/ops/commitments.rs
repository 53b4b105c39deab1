//! Commitments (their front matter; the Markdown body is the authors' own) and milestones.

use super::*;
use crate::edit::tables::append_entry;
use crate::edit::values::{date_value, string_array};
use crate::format::words;
use crate::model::{Commitment, Completion};

/// The default body templates, one per language; a plan may override each with a file of the
/// same name in its own `templates/` folder.
const TEMPLATES: &[(&str, &str)] = &[
    ("ca", include_str!("../../../templates/commitment.ca.md")),
    ("es", include_str!("../../../templates/commitment.es.md")),
    ("en", include_str!("../../../templates/commitment.en.md")),
];

fn commitment_path(id: &str) -> String {
    format!("commitments/{id}.md")
}

fn commitment<'p>(session: &'p Session, id: &str) -> Result<&'p Commitment, EditError> {
    find("commitment", id, &session.plan().commitments, |c| &c.id)
}

/// A new commitment, as `obert commitment new` takes it.
#[derive(Debug, Default)]
pub struct NewCommitment<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub working_group: &'a str,
    pub lead: &'a [String],
    pub axis: Option<&'a str>,
    pub number: Option<u32>,
}

pub fn commitment_new(
    session: &mut Session,
    new: &NewCommitment<'_>,
) -> Result<Affected, EditError> {
    fields::id("id", new.id)?;
    fields::id("working-group", new.working_group)?;
    for lead in new.lead {
        fields::id("lead", lead)?;
    }
    if let Some(axis) = new.axis {
        fields::id("axis", axis)?;
    }
    let path = commitment_path(new.id);
    if session.exists(&path) {
        return Err(EditError::Refused(format!(
            "commitment `{}` exists already (`{}`)",
            new.id,
            session.display_path(&path)
        )));
    }
    let plan = session.plan();
    let number = match new.number {
        Some(0) => {
            return Err(EditError::Refused(
                "commitments are numbered from 1".to_string(),
            ));
        }
        Some(number) => number,
        None => {
            plan.commitments
                .iter()
                .filter_map(|c| c.number)
                .max()
                .unwrap_or(0)
                + 1
        }
    };
    if let Some(other) = plan.commitments.iter().find(|c| c.number == Some(number)) {
        return Err(EditError::Refused(format!(
            "commitment `{}` has number {number} already; choose another with --number",
            other.id
        )));
    }
    let mut front = DocumentMut::new();
    let table = front.as_table_mut();
    table.insert("number", toml_edit::value(i64::from(number)));
    table.insert("title", toml_edit::value(new.title));
    if let Some(axis) = new.axis {
        table.insert("axis", toml_edit::value(axis));
    }
    table.insert("working-group", toml_edit::value(new.working_group));
    if !new.lead.is_empty() {
        table.insert("lead", Item::Value(string_array(new.lead)));
    }
    table.insert("status", toml_edit::value("draft"));
    let body = body_from_template(
        session,
        &plan
            .meta
            .settings
            .list(&format::rules::commitment::SECTIONS),
    )?;
    session.create(&path, format!("+++\n{front}+++\n\n{body}"))?;
    Ok(Affected::Commitment(new.id.to_string()))
}

/// The body of a new commitment: a heading (and the template's prompt) for each section
/// the plan requires, in the template of the plan's primary language.
fn body_from_template(session: &Session, required: &[String]) -> Result<String, EditError> {
    let language = session.primary_language().to_string();
    let name = format!("templates/commitment.{language}.md");
    // Through the session, as every plan file: a template linked out of the plan is refused.
    let template = if session.exists(&name) {
        session.read(&name)?
    } else {
        TEMPLATES
            .iter()
            .find(|(lang, _)| *lang == language)
            .or_else(|| TEMPLATES.iter().find(|(lang, _)| *lang == "en"))
            .map(|(_, text)| text.to_string())
            .unwrap_or_default()
    };
    let chunks = template_sections(&template);
    let mut body = String::new();
    for id in required {
        match chunks.iter().find(|(chunk_id, _)| chunk_id == id) {
            Some((_, chunk)) => body.push_str(chunk),
            None => body.push_str(&format!("## {id} {{#{id}}}\n\n")),
        }
        if !body.ends_with("\n\n") {
            body.push('\n');
        }
    }
    Ok(body.trim_end().to_string() + "\n")
}

/// Splits a template into (section id, text from its heading to the next one).
fn template_sections(template: &str) -> Vec<(String, String)> {
    let mut sections: Vec<(String, String)> = Vec::new();
    for line in template.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let heading_id = trimmed
            .starts_with('#')
            .then(|| trimmed.rsplit_once("{#"))
            .flatten()
            .and_then(|(_, rest)| rest.strip_suffix('}'));
        match heading_id {
            Some(id) => sections.push((id.to_string(), line.to_string())),
            None => {
                if let Some((_, text)) = sections.last_mut() {
                    text.push_str(line);
                }
            }
        }
    }
    sections
}

pub fn commitment_set(
    session: &mut Session,
    id: &str,
    field: &str,
    change: &Change,
) -> Result<Affected, EditError> {
    commitment(session, id)?;
    if field == "number"
        && let Change::Set { value: raw, .. } = change
        && let Some(other) = session
            .plan()
            .commitments
            .iter()
            .find(|c| c.id != id && c.number.is_some_and(|n| n.to_string() == raw.trim()))
    {
        return Err(EditError::Refused(format!(
            "commitment `{}` has number {} already",
            other.id,
            raw.trim()
        )));
    }
    let path = commitment_path(id);
    let at = EntryAt::root(&path, true);
    let what = format!("commitment `{id}`");
    set_field(session, at, &format::COMMITMENT, &what, field, change)?;
    Ok(Affected::Commitment(id.to_string()))
}

/// Removes `commitments/<id>.md` and its translations (`commitments/<id>.<lang>.md`), and
/// its progress reports and assessments (`progress/<id>.toml`, `assessments/<id>.toml`),
/// which are about nothing without it, in one edit; refused while a contribution is about
/// the commitment. git keeps what was removed.
pub fn commitment_remove(session: &mut Session, id: &str) -> Result<Affected, EditError> {
    let number = commitment(session, id)?.number;
    session.removing(format!("commitment `{id}`"));
    session.remove(&commitment_path(id))?;
    let prefix = format!("{id}.");
    for name in session.list("commitments")? {
        // `<id>.<lang>.md`: the loader reads the same names as the translations.
        let is_translation = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".md"))
            .is_some_and(|lang| !lang.is_empty() && !lang.contains('.'));
        if is_translation {
            session.remove(&format!("commitments/{name}"))?;
        }
    }
    for folder in ["progress", "assessments"] {
        let path = format!("{folder}/{id}.toml");
        if session.exists(&path) {
            session.remove(&path)?;
            session.note(format!(
                "removed `{path}` with it: its history stays in git"
            ));
        }
    }
    if let Some(gone) = number
        && session
            .plan()
            .commitments
            .iter()
            .any(|c| c.number.is_some_and(|n| n > gone))
    {
        session.note(format!(
            "the commitments now skip number {gone}; renumber the later ones with `obert commitment set <ID> number <N>`"
        ));
    }
    Ok(Affected::Plan)
}

/// A new milestone, as `obert milestone add` takes it.
#[derive(Debug, Default)]
pub struct NewMilestone<'a> {
    pub id: Option<&'a str>,
    pub title: &'a str,
    pub output: &'a str,
    pub due: &'a str,
    pub stakeholders: &'a [String],
    pub completion: Option<&'a str>,
}

pub fn milestone_add(
    session: &mut Session,
    id: &str,
    new: &NewMilestone<'_>,
) -> Result<Affected, EditError> {
    commitment(session, id)?;
    if let Some(milestone_id) = new.id {
        fields::id("id", milestone_id)?;
    }
    let due = fields::date("due", new.due)?;
    for org in new.stakeholders {
        fields::id("stakeholders", org)?;
    }
    if let Some(completion) = new.completion {
        fields::word("completion", completion, words::<Completion>)?;
    }
    let table = table_of(vec![
        ("id", optional(new.id)),
        ("title", string(new.title)),
        ("output", string(new.output)),
        ("due", Some(date_value(due))),
        (
            "stakeholders",
            (!new.stakeholders.is_empty()).then(|| string_array(new.stakeholders)),
        ),
        ("completion", optional(new.completion)),
    ]);
    session.edit(&commitment_path(id), true, |doc| {
        append_entry(doc, "milestone", table, &[])?;
        Ok(())
    })?;
    Ok(Affected::Commitment(id.to_string()))
}

/// Milestone `index` (from 1, as `obert show` numbers them) of commitment `id`.
fn milestone_at<'a>(
    session: &Session,
    id: &str,
    index: usize,
    path: &'a str,
) -> Result<EntryAt<'a>, EditError> {
    let count = commitment(session, id)?.milestones.len();
    if index == 0 || index > count {
        let has = match count {
            0 => "no milestones".to_string(),
            1 => "one milestone, number 1".to_string(),
            n => format!("milestones 1 to {n}"),
        };
        return Err(EditError::Refused(format!(
            "commitment `{id}` has no milestone {index}; it has {has}"
        )));
    }
    Ok(EntryAt {
        path,
        front_matter: true,
        array: Some("milestone"),
        id: None,
        index: Some(index - 1),
    })
}

pub fn milestone_set(
    session: &mut Session,
    id: &str,
    index: usize,
    field: &str,
    change: &Change,
) -> Result<Affected, EditError> {
    let path = commitment_path(id);
    let at = milestone_at(session, id, index, &path)?;
    let what = format!("milestone {index} of `{id}`");
    set_field(session, at, &format::MILESTONE, &what, field, change)?;
    Ok(Affected::Commitment(id.to_string()))
}

pub fn milestone_remove(
    session: &mut Session,
    id: &str,
    index: usize,
) -> Result<Affected, EditError> {
    let path = commitment_path(id);
    let at = milestone_at(session, id, index, &path)?;
    remove_at(session, at, &format!("milestone {index} of `{id}`"))?;
    Ok(Affected::Commitment(id.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_has_every_known_section() {
        for (language, template) in TEMPLATES {
            let ids: Vec<String> = template_sections(template)
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            assert_eq!(
                ids,
                [
                    "problem",
                    "causes",
                    "done-so-far",
                    "description",
                    "results",
                    "relevance",
                    "notes"
                ],
                "templates/commitment.{language}.md"
            );
        }
    }
}
