//! plan.toml: its fields (by dotted name), axes and partners.

use super::*;
use crate::edit::tables::{append_entry, ensure_table};
use crate::edit::values;
use crate::format::{Key, Set, Ty};

pub fn axis_add(session: &mut Session, id: &str, title: &str) -> Result<Affected, EditError> {
    fields::id("id", id)?;
    if session.plan().meta.axes.iter().any(|a| a.id == id) {
        return Err(EditError::Refused(format!("axis `{id}` exists already")));
    }
    let table = table_of(vec![("id", string(id)), ("title", string(title))]);
    session.edit("plan.toml", false, |doc| {
        append_entry(doc, "axis", table, &format::PLAN.names_before("axis"))?;
        Ok(())
    })?;
    Ok(Affected::Plan)
}

fn axis_exists(session: &Session, id: &str) -> Result<(), EditError> {
    find("axis", id, &session.plan().meta.axes, |a| &a.id).map(|_| ())
}

pub fn axis_set(
    session: &mut Session,
    id: &str,
    field: &str,
    change: &Change,
) -> Result<Affected, EditError> {
    axis_exists(session, id)?;
    let at = EntryAt::keyed("plan.toml", "axis", "id", id);
    let what = format!("axis `{id}`");
    set_field(session, at, &format::AXIS, &what, field, change)?;
    Ok(Affected::Plan)
}

pub fn axis_remove(session: &mut Session, id: &str) -> Result<Affected, EditError> {
    axis_exists(session, id)?;
    let at = EntryAt::keyed("plan.toml", "axis", "id", id);
    remove_at(session, at, &format!("axis `{id}`"))?;
    Ok(Affected::Plan)
}

pub fn partner_add(session: &mut Session, organisation: &str) -> Result<Affected, EditError> {
    fields::id("organisation", organisation)?;
    if session
        .plan()
        .meta
        .partners
        .iter()
        .any(|p| p.id == organisation)
    {
        return Err(EditError::Refused(format!(
            "`{organisation}` is a partner already"
        )));
    }
    let table = table_of(vec![("organisation", string(organisation))]);
    session.edit("plan.toml", false, |doc| {
        append_entry(doc, "partner", table, &format::PLAN.names_before("partner"))?;
        Ok(())
    })?;
    Ok(Affected::Plan)
}

pub fn partner_remove(session: &mut Session, organisation: &str) -> Result<Affected, EditError> {
    let partners = &session.plan().meta.partners;
    if !partners.iter().any(|p| p.id == organisation) {
        return Err(not_found(
            "partner",
            organisation,
            partners.iter().map(|p| p.id.as_str()),
        ));
    }
    let at = EntryAt::keyed("plan.toml", "partner", "organisation", organisation);
    remove_at(session, at, &format!("partner `{organisation}`"))?;
    Ok(Affected::Plan)
}

/// A setting that `set` may change, named by its dotted path (`rules.forum.members`), with
/// the tables that lead to it from its file's root.
#[derive(Debug, Clone)]
pub struct PlanField {
    pub name: String,
    /// The keys of the tables that hold it (empty for the root), and their declarations.
    tables: Vec<(&'static str, &'static format::Table)>,
    key: &'static Key,
}

/// Every setting `obert plan set` may change, in the format's order: the keys that hold
/// one value in plan.toml and its sub-tables, and each period as a whole.
pub fn plan_fields() -> Vec<PlanField> {
    setting_fields(&format::PLAN, &[])
}

/// The settings under `table` (reached through `tables`) that `set` may change.
pub(crate) fn setting_fields(
    table: &'static format::Table,
    tables: &[(&'static str, &'static format::Table)],
) -> Vec<PlanField> {
    fn walk(
        table: &'static format::Table,
        tables: &[(&'static str, &'static format::Table)],
        out: &mut Vec<PlanField>,
    ) {
        for key in table.keys {
            if key.set != Set::Yes {
                continue;
            }
            let mut path: Vec<&str> = tables.iter().map(|(name, _)| *name).collect();
            path.push(key.name);
            match key.ty {
                Ty::Table(inner) => {
                    if is_period(inner) {
                        out.push(PlanField {
                            name: path.join("."),
                            tables: tables.to_vec(),
                            key,
                        });
                    }
                    let mut deeper = tables.to_vec();
                    deeper.push((key.name, inner));
                    walk(inner, &deeper, out);
                }
                Ty::Tables(_) | Ty::Lints | Ty::Allow => {}
                _ => out.push(PlanField {
                    name: path.join("."),
                    tables: tables.to_vec(),
                    key,
                }),
            }
        }
    }
    let mut out = Vec::new();
    walk(table, tables, &mut out);
    out
}

/// The names `obert plan set` takes, for its help and its refusals.
pub fn plan_field_names() -> Vec<String> {
    let mut names: Vec<String> = plan_fields().into_iter().map(|f| f.name).collect();
    names.push("lints.<rule>".to_string());
    names
}

/// A table whose keys are a start and an end date, both required: a period, set as a whole
/// as `START..END`.
fn is_period(table: &format::Table) -> bool {
    matches!(
        table.keys,
        [start, end] if start.name == "start"
            && end.name == "end"
            && start.is_required()
            && end.is_required()
            && matches!((start.ty, end.ty), (Ty::Date, Ty::Date))
    )
}

/// `obert plan set <FIELD>`: any of [`plan_fields`], or `lints.<rule>`.
pub fn plan_set(session: &mut Session, name: &str, change: &Change) -> Result<Affected, EditError> {
    if let Some(rule) = name.strip_prefix("lints.") {
        return lint_set(session, rule, change);
    }
    let fields = plan_fields();
    let Some(field) = fields.into_iter().find(|f| f.name == name) else {
        let names = plan_field_names();
        let hint = suggest::hint(name, names.iter().map(String::as_str))
            .map_or(String::new(), |hint| format!("{hint} "));
        return Err(EditError::Refused(format!(
            "plan.toml has no field `{name}` that obert can set; {hint}the fields are: {}",
            names.join(", ")
        )));
    };
    if let Ty::Table(period) = field.key.ty {
        let mut tables = field.tables.clone();
        tables.push((field.key.name, period));
        return period_set(session, name, &tables, change);
    }
    set_setting(session, "plan.toml", &format::PLAN, &field, change)?;
    Ok(Affected::Plan)
}

/// Applies `change` to the setting `field` of the file at `path`, whose root `root`
/// declares; the tables that lead to it are made where the format places them.
pub(crate) fn set_setting(
    session: &mut Session,
    path: &str,
    root: &'static format::Table,
    field: &PlanField,
    change: &Change,
) -> Result<(), EditError> {
    let language = session.primary_language().to_string();
    let note = session.edit(path, false, |doc| {
        let (table, spec) = match field.tables.last() {
            None => (doc.as_table_mut(), root),
            Some(&(_, spec)) => {
                let keys: Vec<&str> = field.tables.iter().map(|(name, _)| *name).collect();
                if matches!(change, Change::Unset)
                    && tables::table_at(doc.as_table_mut(), &keys).is_none()
                {
                    return Ok(None);
                }
                (open_table(doc, root, &field.tables)?, spec)
            }
        };
        fields::apply(table, field.key, change, spec, &language)
    })?;
    if let Some(note) = note {
        session.note(note);
    }
    Ok(())
}

/// The table at `tables` under `root`, made (in the format's place) if it is not there.
fn open_table<'d>(
    doc: &'d mut toml_edit::DocumentMut,
    root: &'static format::Table,
    tables: &[(&'static str, &'static format::Table)],
) -> Result<&'d mut toml_edit::Table, EditError> {
    let path: Vec<&str> = tables.iter().map(|(name, _)| *name).collect();
    // A sub-table goes after the sub-tables the format lists before it in its parent.
    let siblings_before = match tables {
        [.., (_, parent), (name, _)] => parent.names_before(name),
        _ => Vec::new(),
    };
    ensure_table(doc, &path, &root.names_before(path[0]), &siblings_before).ok_or_else(|| {
        EditError::Refused(format!(
            "`{}` in `{}` is not a table; fix it by hand first",
            path.join("."),
            root.name
        ))
    })
}

/// `lints.<rule>`: the level of a rule of the catalogue.
fn lint_set(session: &mut Session, rule: &str, change: &Change) -> Result<Affected, EditError> {
    let Some(known) = crate::rules::find(rule) else {
        return Err(not_found(
            "rule",
            rule,
            crate::rules::RULES.iter().map(|r| r.name),
        ));
    };
    let level = Key::new(
        known.name,
        Ty::Word(|| vec!["error", "warn", "allow"]),
        "the rule's level",
    );
    session.edit("plan.toml", false, |doc| {
        if matches!(change, Change::Unset) && doc.get("lints").is_none() {
            return Ok(());
        }
        let table = open_table(doc, &format::PLAN, &[("lints", &format::LINTS)])?;
        fields::apply(table, &level, change, &format::LINTS, "en").map(|_| ())
    })?;
    Ok(Affected::Plan)
}

fn period_set(
    session: &mut Session,
    name: &str,
    tables: &[(&'static str, &'static format::Table)],
    change: &Change,
) -> Result<Affected, EditError> {
    let Change::Set { value, lang: None } = change else {
        return Err(EditError::Refused(format!(
            "give `{name}` as START..END (2021-05-01..2021-10-31), or set `{name}.start` or `{name}.end`"
        )));
    };
    let Some((start, end)) = value.split_once("..") else {
        return Err(EditError::Refused(format!(
            "`{value}` is not a period; write START..END (2021-05-01..2021-10-31)"
        )));
    };
    let start = fields::date("start", start.trim())?;
    let end = fields::date("end", end.trim())?;
    if end < start {
        return Err(EditError::Refused(format!(
            "the period would end ({end}) before it starts ({start})"
        )));
    }
    let spec = tables.last().map_or(&format::PLAN, |(_, spec)| *spec);
    session.edit("plan.toml", false, |doc| {
        let table = open_table(doc, &format::PLAN, tables)?;
        values::set_value(table, "start", values::date_value(start), spec);
        values::set_value(table, "end", values::date_value(end), spec);
        Ok(())
    })?;
    Ok(Affected::Plan)
}
