//! plan.toml: the plan's settings (read as [`crate::format::PLAN`] declares them, without
//! naming them here), its partners and axes, and the level of each rule.

use super::decode::{Decoder, Entry, read_settings};
use super::{Got, Loader};
use crate::diag::{Diagnostic, FileId, Loc, Severity};
use crate::format::{self, Settings, rules::working_group};
use crate::model::{Axis, LintSetting, Period, Plan, Publication};
use crate::rules::{INVALID_VALUE, MISSING_FILE};

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
                    &MISSING_FILE,
                    Loc::file_start(file),
                    "the plan has no `plan.toml`",
                )
                .with_help("create plan.toml with the plan's title, member, languages and stage"),
            );
            return file;
        }
    };
    let text = loader.files.get(file).text();
    let Some(root) = Loader::parse_toml(text, file, 0, &mut loader.diagnostics) else {
        loader.broken.plan = true;
        return file;
    };
    let dec = &mut Decoder {
        file,
        offset: 0,
        out: &mut loader.diagnostics,
        allows: &mut loader.allows,
    };
    let mut doc = dec.document(&root, &format::PLAN, "`plan.toml`");
    let mut settings = Settings::default();
    read_settings(dec, &mut doc, "", &mut settings);
    check_working_group_sizes(dec, &settings);
    check_not_empty(dec, &settings);
    let timezone = checked_timezone(dec, &settings);

    let meta = &mut plan.meta;
    meta.loaded = true;
    meta.title = settings.text(&format::TITLE).cloned().unwrap_or_default();
    meta.member = settings
        .str(&format::OGP_MEMBER)
        .unwrap_or_default()
        .to_string();
    meta.kind = settings.keyword(&format::KIND);
    meta.stage = settings.keyword(&format::STAGE);
    meta.website = settings.str(&format::WEBSITE).map(str::to_string);
    meta.timezone = timezone;
    if let Some(path) = settings.str(&format::VISION) {
        meta.vision_path = path.to_string();
        meta.vision_explicit = true;
    }
    if settings.get(&format::LANGUAGES).is_some() {
        meta.languages = settings.list(&format::LANGUAGES);
    }
    meta.cocreation = period(
        &settings,
        &format::COCREATION_START,
        &format::COCREATION_END,
    );
    meta.implementation = period(
        &settings,
        &format::IMPLEMENTATION_START,
        &format::IMPLEMENTATION_END,
    );
    for mut partner in doc.tables(dec, "partner") {
        partner.check_keys(dec);
        if let Some(reference) = partner.reference(dec, "organisation") {
            meta.partners.push(reference);
        }
    }
    for mut axis in doc.tables(dec, "axis") {
        axis.check_keys(dec);
        let id = axis.id(dec, "id");
        let title = axis.text(dec, "title").unwrap_or_default();
        if let Some(id) = id {
            meta.axes.push(Axis {
                id,
                title,
                origin: axis.origin,
            });
        }
    }
    for mut entry in doc.tables(dec, "publication") {
        entry.check_keys(dec);
        meta.publications.push(Publication {
            date: entry.date(dec, "date"),
            url: entry.url(dec, "url"),
            origin: entry.origin,
        });
    }
    if let Some(lints) = doc.table(dec, "lints") {
        meta.lints = lint_settings(dec, &lints);
    }
    meta.settings = settings;
    meta.origin = doc.origin;
    file
}

/// The plan's time zone, when the built-in IANA database knows it; else a finding, and the
/// import takes times as written.
fn checked_timezone(dec: &mut Decoder<'_>, settings: &Settings) -> Option<String> {
    let setting = settings.get(&format::TIMEZONE)?;
    let name = settings.str(&format::TIMEZONE)?;
    if jiff::tz::db().get(name).is_ok() {
        return Some(name.to_string());
    }
    dec.report(
        Diagnostic::new(
            &INVALID_VALUE,
            setting.loc,
            format!("`{}` is not a time zone obert knows", name.escape_debug()),
        )
        .with_help("write the zone's IANA name, such as `Europe/Madrid`, `Europe/London` or `America/Bogota`"),
    );
    None
}

/// The plan's title and member are what the document and every report head with: written
/// but empty, they are a mistake, not a plan without one.
fn check_not_empty(dec: &mut Decoder<'_>, settings: &Settings) {
    let title = settings.get(&format::TITLE).filter(|s| match &s.value {
        format::SettingValue::Text(text) => text.is_blank(),
        _ => false,
    });
    let member = settings
        .get(&format::OGP_MEMBER)
        .filter(|s| s.value.shown().trim().is_empty());
    for (setting, example) in [
        (title, "the plan's title, as it heads the document"),
        (member, "the OGP member: the country, region or city"),
    ] {
        if let Some(setting) = setting {
            dec.report(
                Diagnostic::new(
                    &INVALID_VALUE,
                    setting.loc,
                    format!("`{}` is empty", setting.path),
                )
                .with_help(format!(
                    "write {example}: `obert plan set {} \"…\"`",
                    setting.path
                )),
            );
        }
    }
}

/// A working group cannot be asked to have more members at least than at most.
fn check_working_group_sizes(dec: &mut Decoder<'_>, settings: &Settings) {
    let min = settings.count(&working_group::MIN_MEMBERS);
    let max = settings.count(&working_group::MAX_MEMBERS);
    if min <= max {
        return;
    }
    let loc = settings
        .loc(&working_group::MIN_MEMBERS)
        .or_else(|| settings.loc(&working_group::MAX_MEMBERS));
    if let Some(loc) = loc {
        dec.report(
            Diagnostic::new(
                &INVALID_VALUE,
                loc,
                format!("`min-members` ({min}) is larger than `max-members` ({max})"),
            )
            .with_help("swap the two numbers"),
        );
    }
}

fn period(
    settings: &Settings,
    start: &'static format::Key,
    end: &'static format::Key,
) -> Option<Period> {
    Some(Period {
        start: settings.date(start)?,
        end: settings.date(end)?,
    })
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
