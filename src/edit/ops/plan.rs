//! plan.toml: its fields (by dotted name), axes and partners.

use super::*;
use crate::edit::fields::{Kind, lists};
use crate::edit::tables::{append_entry, ensure_table};
use crate::edit::values;
use crate::load::keys;

pub fn axis_add(session: &mut Session, id: &str, title: &str) -> Result<Affected, EditError> {
    fields::id("id", id)?;
    if session.plan().meta.axes.iter().any(|a| a.id == id) {
        return Err(EditError::Refused(format!("axis `{id}` exists already")));
    }
    let table = table_of(vec![("id", string(id)), ("title", string(title))]);
    session.edit("plan.toml", false, |doc| {
        append_entry(doc, "axis", table, before(keys::PLAN, "axis"))?;
        Ok(())
    })?;
    Ok(Affected::Plan)
}

pub const AXIS_FIELDS: &[Field] = &[Field::required("title", Kind::Text)];

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
    set_field(session, at, AXIS_FIELDS, &what, field, change, keys::AXIS)?;
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
        append_entry(doc, "partner", table, before(keys::PLAN, "partner"))?;
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

/// A field of plan.toml, named by its dotted path (`rules.forum.members`).
#[derive(Debug)]
pub struct PlanField {
    pub name: &'static str,
    /// The table that holds it (empty for the root).
    table: &'static [&'static str],
    field: Field,
    /// The key order of that table.
    order: &'static [&'static str],
}

const fn plan_field(
    name: &'static str,
    table: &'static [&'static str],
    field: Field,
    order: &'static [&'static str],
) -> PlanField {
    PlanField {
        name,
        table,
        field,
        order,
    }
}

const COUNT: Kind = Kind::Count { min: 0 };
const SECTORS: Kind = Kind::Words(lists::sector);

pub const PLAN_FIELDS: &[PlanField] = &[
    plan_field(
        "title",
        &[],
        Field::required("title", Kind::Text),
        keys::PLAN,
    ),
    plan_field(
        "member",
        &[],
        Field::required("member", Kind::Str),
        keys::PLAN,
    ),
    plan_field(
        "kind",
        &[],
        Field::new("kind", Kind::Word(lists::plan_kind)),
        keys::PLAN,
    ),
    plan_field(
        "languages",
        &[],
        Field::required("languages", Kind::Ids),
        keys::PLAN,
    ),
    plan_field(
        "stage",
        &[],
        Field::new("stage", Kind::Word(lists::stage)),
        keys::PLAN,
    ),
    plan_field("website", &[], Field::new("website", Kind::Str), keys::PLAN),
    plan_field("vision", &[], Field::new("vision", Kind::Str), keys::PLAN),
    plan_field(
        "cocreation.start",
        &["cocreation"],
        Field::required("start", Kind::Date),
        keys::PERIOD,
    ),
    plan_field(
        "cocreation.end",
        &["cocreation"],
        Field::required("end", Kind::Date),
        keys::PERIOD,
    ),
    plan_field(
        "implementation.start",
        &["implementation"],
        Field::required("start", Kind::Date),
        keys::PERIOD,
    ),
    plan_field(
        "implementation.end",
        &["implementation"],
        Field::required("end", Kind::Date),
        keys::PERIOD,
    ),
    plan_field(
        "rules.commitments",
        &["rules"],
        Field::new("commitments", COUNT),
        keys::RULES,
    ),
    plan_field(
        "rules.steering-group.government",
        &["rules", "steering-group"],
        Field::new("government", COUNT),
        keys::RULES_STEERING_GROUP,
    ),
    plan_field(
        "rules.steering-group.civil-society",
        &["rules", "steering-group"],
        Field::new("civil-society", COUNT),
        keys::RULES_STEERING_GROUP,
    ),
    plan_field(
        "rules.forum.members",
        &["rules", "forum"],
        Field::new("members", COUNT),
        keys::RULES_FORUM,
    ),
    plan_field(
        "rules.forum.plenaries",
        &["rules", "forum"],
        Field::new("plenaries", COUNT),
        keys::RULES_FORUM,
    ),
    plan_field(
        "rules.forum.meeting-gap-days",
        &["rules", "forum"],
        Field::new("meeting-gap-days", Kind::Count { min: 1 }),
        keys::RULES_FORUM,
    ),
    plan_field(
        "rules.materials-days",
        &["rules"],
        Field::new("materials-days", COUNT),
        keys::RULES,
    ),
    plan_field(
        "rules.forum.sectors",
        &["rules", "forum"],
        Field::new("sectors", SECTORS),
        keys::RULES_FORUM,
    ),
    plan_field(
        "rules.working-group.min-members",
        &["rules", "working-group"],
        Field::new("min-members", COUNT),
        keys::RULES_WORKING_GROUP,
    ),
    plan_field(
        "rules.working-group.max-members",
        &["rules", "working-group"],
        Field::new("max-members", COUNT),
        keys::RULES_WORKING_GROUP,
    ),
    plan_field(
        "rules.working-group.sessions",
        &["rules", "working-group"],
        Field::new("sessions", COUNT),
        keys::RULES_WORKING_GROUP,
    ),
    plan_field(
        "rules.working-group.sectors",
        &["rules", "working-group"],
        Field::new("sectors", SECTORS),
        keys::RULES_WORKING_GROUP,
    ),
    plan_field(
        "rules.commitment.sections",
        &["rules", "commitment"],
        Field::new("sections", Kind::Ids),
        keys::RULES_COMMITMENT,
    ),
];

/// `obert plan set <FIELD>`: any field of [`PLAN_FIELDS`], `lints.<rule>`, or a whole
/// period (`cocreation`, `implementation`) as `START..END`, since a period needs both ends.
pub fn plan_set(session: &mut Session, name: &str, change: &Change) -> Result<Affected, EditError> {
    if matches!(name, "cocreation" | "implementation") {
        return period_set(session, name, change);
    }
    let lint;
    let (table_path, field, order): (&[&str], Field, &[&str]) = if let Some(rule) =
        name.strip_prefix("lints.")
    {
        let Some(known) = crate::rules::find(rule) else {
            return Err(not_found(
                "rule",
                rule,
                crate::rules::RULES.iter().map(|r| r.name),
            ));
        };
        lint = known.name;
        (
            &["lints"],
            Field::new(lint, Kind::Word(lists::severity)),
            &[],
        )
    } else {
        let names = PLAN_FIELDS.iter().map(|f| f.name);
        let Some(known) = PLAN_FIELDS.iter().find(|f| f.name == name) else {
            let hint = match suggest::nearest(name, names.clone()) {
                Some(near) => format!("did you mean `{near}`? "),
                None => String::new(),
            };
            return Err(EditError::Refused(format!(
                "plan.toml has no field `{name}` that obert can set; {hint}the fields are: {}, lints.<rule>",
                names.collect::<Vec<_>>().join(", ")
            )));
        };
        (known.table, known.field, known.order)
    };
    let language = session.primary_language().to_string();
    session.edit("plan.toml", false, |doc| {
        let table = if table_path.is_empty() {
            doc.as_table_mut()
        } else {
            if matches!(change, Change::Unset)
                && tables::table_at(doc.as_table_mut(), table_path).is_none()
            {
                return Ok(());
            }
            let siblings_before = match table_path {
                [_, inner] => before(keys::RULES, inner),
                _ => &[],
            };
            ensure_table(
                doc,
                table_path,
                before(keys::PLAN, table_path[0]),
                siblings_before,
            )
            .ok_or_else(|| {
                EditError::Refused(format!(
                    "`{}` in plan.toml is not a table; fix it by hand first",
                    table_path.join(".")
                ))
            })?
        };
        fields::apply(table, &field, change, order, &language)
    })?;
    Ok(Affected::Plan)
}

fn period_set(session: &mut Session, name: &str, change: &Change) -> Result<Affected, EditError> {
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
    session.edit("plan.toml", false, |doc| {
        let table = ensure_table(doc, &[name], before(keys::PLAN, name), &[]).ok_or_else(|| {
            EditError::Refused(format!(
                "`{name}` in plan.toml is not a table; fix it by hand first"
            ))
        })?;
        values::set_value(table, "start", values::date_value(start), keys::PERIOD);
        values::set_value(table, "end", values::date_value(end), keys::PERIOD);
        Ok(())
    })?;
    Ok(Affected::Plan)
}
