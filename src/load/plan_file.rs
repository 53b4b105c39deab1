//! plan.toml: the plan's identity, periods, axes, rule numbers and lint levels.

use super::decode::{Decoder, Entry};
use super::keys;
use super::{Got, Loader};
use crate::diag::{Diagnostic, FileId, Loc, Severity};
use crate::model::{Axis, LintSetting, Period, Plan, RuleNumbers, Sector};

pub(super) fn load(loader: &mut Loader<'_>, plan: &mut Plan) -> FileId {
    plan.meta.vision_path = "vision.md".to_string();
    plan.meta.languages = vec!["ca".to_string()];
    let file = match loader.read_text("plan.toml") {
        Got::Text(file) => file,
        Got::Failed(file) => {
            loader.broken.plan = true;
            return file;
        }
        Got::Missing => {
            loader.broken.plan = true;
            let file = loader.files.add("plan.toml".to_string(), String::new());
            loader.diagnostics.push(
                Diagnostic::new(
                    "missing-file",
                    Loc::file_start(file),
                    "the plan has no `plan.toml`",
                )
                .with_help("create plan.toml with the plan's title, member, languages and stage"),
            );
            return file;
        }
    };
    let text = &loader.files.get(file).text;
    let Some(root) = Loader::parse_toml(text, file, 0, &mut loader.diagnostics) else {
        loader.broken.plan = true;
        return file;
    };
    let dec = &mut Decoder {
        file,
        offset: 0,
        out: &mut loader.diagnostics,
    };
    let mut doc = dec.document(&root, "`plan.toml`");
    doc.check_keys(dec, keys::PLAN);
    let meta = &mut plan.meta;
    meta.loaded = true;
    meta.title = doc.required_text(dec, "title").unwrap_or_default();
    meta.member = doc.required_string(dec, "member").unwrap_or_default();
    meta.kind = doc.required_keyword(dec, "kind");
    meta.stage = doc.required_keyword(dec, "stage");
    meta.website = doc.string(dec, "website");
    if let Some(path) = doc.string(dec, "vision") {
        if super::entries::is_inside_plan(&path) {
            meta.vision_path = path;
            meta.vision_explicit = true;
        } else {
            dec.report(
                Diagnostic::new(
                    "invalid-value",
                    doc.origin.key("vision"),
                    format!(
                        "`{}` is not a path inside the plan folder",
                        path.escape_debug()
                    ),
                )
                .with_help(
                    "give a relative path with `/` separators and no `..`, such as `vision.md`",
                ),
            );
        }
    }
    if !doc.has("languages") {
        dec.report(
            Diagnostic::new(
                "invalid-value",
                Loc::file_start(file),
                "`plan.toml` has no `languages`",
            )
            .with_help("add `languages = [\"ca\"]`: the first is the language of the plan's text"),
        );
    }
    if let Some(languages) = doc.strings(dec, "languages") {
        if languages.is_empty() {
            dec.report(
                Diagnostic::new(
                    "invalid-value",
                    doc.origin.key("languages"),
                    "`languages` is empty",
                )
                .with_help("list at least the language the plan is written in, such as `[\"ca\"]`"),
            );
        } else {
            meta.languages = languages.into_iter().map(|(lang, _)| lang).collect();
        }
    }
    meta.cocreation = period(dec, &mut doc, "cocreation", "`[cocreation]`");
    meta.implementation = period(dec, &mut doc, "implementation", "`[implementation]`");
    for mut partner in doc.tables(dec, "partner", "a `[[partner]]` entry") {
        partner.check_keys(dec, keys::PARTNER);
        if !partner.has("organisation") {
            partner.required_id(dec, "organisation");
        }
        if let Some(reference) = partner.reference(dec, "organisation") {
            meta.partners.push(reference);
        }
    }
    for mut axis in doc.tables(dec, "axis", "an `[[axis]]` entry") {
        axis.check_keys(dec, keys::AXIS);
        let id = axis.required_id(dec, "id");
        let title = axis.required_text(dec, "title").unwrap_or_default();
        if let Some(id) = id {
            meta.axes.push(Axis {
                id,
                title,
                origin: axis.origin,
            });
        }
    }
    if let Some(rules) = doc.table(dec, "rules", "`[rules]`") {
        meta.rules = rule_numbers(dec, rules);
    }
    if let Some(lints) = doc.table(dec, "lints", "`[lints]`") {
        meta.lints = lint_settings(dec, &lints);
    }
    meta.origin = doc.origin;
    file
}

fn period(
    dec: &mut Decoder<'_>,
    doc: &mut Entry<'_, '_>,
    key: &'static str,
    what: &str,
) -> Option<Period> {
    let mut table = doc.table(dec, key, what)?;
    table.check_keys(dec, keys::PERIOD);
    let start = table.required_date(dec, "start");
    let end = table.required_date(dec, "end");
    Some(Period {
        start: start?,
        end: end?,
    })
}

fn rule_numbers(dec: &mut Decoder<'_>, mut rules: Entry<'_, '_>) -> RuleNumbers {
    let mut numbers = RuleNumbers::default();
    rules.check_keys(dec, keys::RULES);
    if let Some(n) = rules.small_count(dec, "commitments") {
        numbers.commitments = n;
    }
    if let Some(n) = rules.small_count(dec, "materials-days") {
        numbers.materials_days = n;
    }
    if let Some(mut steering) = rules.table(dec, "steering-group", "`[rules.steering-group]`") {
        steering.check_keys(dec, keys::RULES_STEERING_GROUP);
        if let Some(n) = steering.small_count(dec, "government") {
            numbers.steering_government = n;
        }
        if let Some(n) = steering.small_count(dec, "civil-society") {
            numbers.steering_civil_society = n;
        }
    }
    if let Some(mut forum) = rules.table(dec, "forum", "`[rules.forum]`") {
        forum.check_keys(dec, keys::RULES_FORUM);
        if let Some(n) = forum.small_count(dec, "members") {
            numbers.forum_members = n;
        }
        if let Some(n) = forum.small_count(dec, "plenaries") {
            numbers.forum_plenaries = n;
        }
        if let Some(n) = forum.small_count(dec, "meeting-gap-days") {
            numbers.forum_meeting_gap_days = n;
        }
        if let Some(sectors) = forum.keywords::<Sector>(dec, "sectors") {
            numbers.forum_sectors = sectors;
        }
    }
    if let Some(mut group) = rules.table(dec, "working-group", "`[rules.working-group]`") {
        group.check_keys(dec, keys::RULES_WORKING_GROUP);
        if let Some(n) = group.small_count(dec, "min-members") {
            numbers.wg_min_members = n;
        }
        if let Some(n) = group.small_count(dec, "max-members") {
            numbers.wg_max_members = n;
        }
        if numbers.wg_min_members > numbers.wg_max_members {
            dec.report(
                Diagnostic::new(
                    "invalid-value",
                    group.origin.key("min-members"),
                    format!(
                        "`min-members` ({}) is larger than `max-members` ({})",
                        numbers.wg_min_members, numbers.wg_max_members
                    ),
                )
                .with_help("swap the two numbers"),
            );
        }
        if let Some(n) = group.small_count(dec, "sessions") {
            numbers.wg_sessions = n;
        }
        if let Some(sectors) = group.keywords::<Sector>(dec, "sectors") {
            numbers.wg_sectors = sectors;
        }
    }
    if let Some(mut commitment) = rules.table(dec, "commitment", "`[rules.commitment]`") {
        commitment.check_keys(dec, keys::RULES_COMMITMENT);
        if let Some(sections) = commitment.strings(dec, "sections") {
            numbers.commitment_sections = sections
                .into_iter()
                .filter_map(|(id, span)| {
                    super::decode::check_slug(dec, &id, span.range()).map(|_| id)
                })
                .collect();
        }
    }
    numbers
}

fn lint_settings(dec: &mut Decoder<'_>, lints: &Entry<'_, '_>) -> Vec<LintSetting> {
    let mut settings = Vec::new();
    for (key, value) in lints.pairs() {
        let level = value.get_ref().as_str().and_then(Severity::parse);
        match level {
            Some(severity) => settings.push(LintSetting {
                rule: key.get_ref().to_string(),
                severity,
                loc: dec.loc(key.span()),
            }),
            None => dec.invalid(
                value.span(),
                format!(
                    "the level of `{}` must be `error`, `warn` or `allow`",
                    key.get_ref()
                ),
                None,
            ),
        }
    }
    settings
}
