//! The fields of each kind of entry, compared in the order the format lists them.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::milestones::{Pairing, pair};
use super::names::{Namer, quoted};
use super::{Change, ChangeKind, Changes, Fields, Place, entries, keyed};
use crate::diag::{Files, SourceFile};
use crate::format::{self, SettingValue, Settings, Ty};
use crate::model::{
    Assessment, Commitment, Contribution, ContributionFile, Date, Keyword, Meeting, Member, Meta,
    Milestone, Organisation, Origin, Person, Phase, Plan, Publication, Ref, Report, Response,
    Section, Space, Text,
};
use crate::rules::Context;

pub(super) fn changes<'p>(before: &'p Context<'p>, after: &'p Context<'p>) -> Changes {
    let sides = (&Namer::new(before), &Namer::new(after));
    let unchanged = Unchanged::new(before.files, after.files);
    // The kinds below compare each entry with itself alone (no names, minutes or other
    // entries; an entry inside another counts the outer one's file too, which its key
    // comes from), so a kind whose entries all come from files with the same text on both
    // sides has nothing to report: the same text decodes to the same entries, in the same
    // order and under the same keys. Skipping it spares indexing every entry by key, most
    // of a history step in which one file changed: `compared` runs a kind's comparison only
    // when some of its entries, on either side, come from a file that changed.
    let compared = |origins: &dyn Fn(&'p Plan) -> Vec<&'p Origin>,
                    compare: &dyn Fn() -> Vec<Change>| {
        if unchanged.holds(&origins(before.plan), &origins(after.plan)) {
            Vec::new()
        } else {
            compare()
        }
    };
    let organisations = |plan: &'p Plan| keyed(&plan.organisations, |&o| o.id.as_str().into());
    let people = |plan: &'p Plan| keyed(plan.people.iter(), |&p| p.id.as_str().into());
    let spaces = |plan: &'p Plan| keyed(&plan.spaces, |&s| s.id.as_str().into());
    let members = |plan: &'p Plan| {
        let all = plan
            .spaces
            .iter()
            .flat_map(|s| s.members.iter().map(move |m| (s, m)));
        keyed(all, |(s, m)| format!("{}/{}", s.id, m.person.id).into())
    };
    let meetings = |plan: &'p Plan| {
        let all = plan
            .spaces
            .iter()
            .flat_map(|s| s.meetings.iter().map(move |m| (s, m)));
        keyed(all, |(s, m)| format!("{}/{}", s.id, m.id).into())
    };
    let phases = |plan: &'p Plan| {
        let all = plan
            .spaces
            .iter()
            .flat_map(|s| s.phases.iter().map(move |p| (s, p)));
        keyed(all, |(s, p)| format!("{}/{}", s.id, p.id).into())
    };
    let commitments = |plan: &'p Plan| keyed(&plan.commitments, |&c| c.id.as_str().into());
    let contributions = |plan: &'p Plan| keyed(plan.contributions(), |&c| c.id.as_str().into());
    let files = |plan: &'p Plan| {
        keyed(&plan.contribution_files, |f| {
            format!("contributions/{}.toml", f.id).into()
        })
    };
    let responses = |plan: &'p Plan| {
        let all = plan
            .contributions()
            .filter_map(|c| Some((c, c.response.as_ref()?)));
        keyed(all, |&(c, _)| c.id.as_str().into())
    };
    // A report is known by its commitment, date and milestone; an assessment by its
    // commitment, assessor, kind and date; a publication by its date: none has an id, and
    // none is meant to be rewritten.
    let reports = |plan: &'p Plan| {
        let all = plan
            .progress
            .iter()
            .flat_map(|f| f.reports.iter().map(move |r| (f.commitment.as_str(), r)));
        keyed(all, |(c, r)| {
            let on = r.milestone.as_ref().map_or("", |m| m.id.as_str());
            format!("{c}/{}/{on}", date_key(r.date)).into()
        })
    };
    let assessments = |plan: &'p Plan| {
        let all = plan.assessments.iter().flat_map(|f| {
            f.assessments
                .iter()
                .map(move |a| (f.commitment.as_str(), a))
        });
        keyed(all, |(c, a)| {
            let word = |w: Option<&str>| w.unwrap_or("-").to_string();
            format!(
                "{c}/{}/{}/{}",
                word(a.by.map(|b| b.as_str())),
                word(a.kind.map(|k| k.as_str())),
                date_key(a.date)
            )
            .into()
        })
    };
    let publications = |plan: &'p Plan| keyed(&plan.meta.publications, |p| date_key(p.date).into());
    let (old, new) = (before.plan, after.plan);
    // Each meeting's minutes, when they are text the plan holds, compared as prose.
    let minutes = (evidence(old), evidence(new));
    let returns = returns(new);
    Changes {
        plan: plan(old, new, &unchanged),
        organisations: compared(
            &|plan| plan.organisations.iter().map(|o| &o.origin).collect(),
            &|| {
                entries(
                    sides,
                    organisations(old),
                    organisations(new),
                    |o, _| organisation_summary(o),
                    organisation,
                    |names, o| Place::new(names.organisation(o), &o.origin),
                )
            },
        ),
        people: compared(
            &|plan| plan.people.iter().map(|p| &p.origin).collect(),
            &|| {
                entries(
                    sides,
                    people(old),
                    people(new),
                    |p, _| person_summary(p),
                    person,
                    |names, p| Place::new(names.person(p), &p.origin),
                )
            },
        ),
        spaces: compared(
            &|plan| plan.spaces.iter().map(|s| &s.origin).collect(),
            &|| {
                entries(
                    sides,
                    spaces(old),
                    spaces(new),
                    |s, _| space_summary(s),
                    space,
                    |names, s| Place::new(names.space(s), &s.origin),
                )
            },
        ),
        memberships: compared(
            &|plan| {
                plan.spaces
                    .iter()
                    .flat_map(|s| s.members.iter().map(|m| &m.origin).chain([&s.origin]))
                    .collect()
            },
            &|| {
                entries(
                    sides,
                    members(old),
                    members(new),
                    |&member, kind| member_summary(member, kind, &returns),
                    |(_, old), (_, new), out| member(old, new, out),
                    |names, (s, m)| Place::new(names.member(s, m), &m.origin),
                )
            },
        ),
        meetings: entries(
            sides,
            meetings(old),
            meetings(new),
            |(_, m), _| meeting_summary(m),
            |(_, old), (_, new), out| meeting(old, new, (&minutes.0, &minutes.1), out),
            |names, (s, m)| Place::new(names.meeting(s, m), &m.origin),
        ),
        phases: compared(
            &|plan| {
                plan.spaces
                    .iter()
                    .flat_map(|s| s.phases.iter().map(|p| &p.origin).chain([&s.origin]))
                    .collect()
            },
            &|| {
                entries(
                    sides,
                    phases(old),
                    phases(new),
                    |(_, p), _| phase_summary(p),
                    |(_, old), (_, new), out| phase(old, new, out),
                    |names, (s, p)| Place::new(names.phase(s, p), &p.origin),
                )
            },
        ),
        commitments: entries(
            sides,
            commitments(old),
            commitments(new),
            |c, _| commitment_summary(c),
            |old, new, out| commitment(old, new, sides, out),
            |names, c| Place::new(names.commitment(c), &c.origin),
        ),
        contributions: compared(
            &|plan| {
                plan.contribution_files
                    .iter()
                    .map(|f| &f.origin)
                    .chain(plan.contributions().map(|c| &c.origin))
                    .collect()
            },
            &|| {
                // A file's own `space` and `phase` hold for all its contributions; they change
                // as the file, keyed by its path.
                let mut changes = entries(
                    sides,
                    files(old),
                    files(new),
                    |f, _| contribution_file_summary(f),
                    contribution_file,
                    |_, f| Place::new(None, &f.origin),
                );
                changes.extend(entries(
                    sides,
                    contributions(old),
                    contributions(new),
                    |c, _| contribution_summary(c),
                    contribution,
                    |names, c| Place::new(names.contribution(c), &c.origin),
                ));
                changes.sort_by(|a, b| a.key.cmp(&b.key));
                changes
            },
        ),
        responses: compared(
            &|plan| {
                plan.contributions()
                    .filter_map(|c| Some([&c.origin, &c.response.as_ref()?.origin]))
                    .flatten()
                    .collect()
            },
            &|| {
                entries(
                    sides,
                    responses(old),
                    responses(new),
                    |(_, r), kind| response_summary(r, kind),
                    |(_, old), (_, new), out| response(old, new, out),
                    |names, (c, r)| Place::new(names.contribution_id(&c.id), &r.origin),
                )
            },
        ),
        reports: compared(
            &|plan| {
                plan.progress
                    .iter()
                    .flat_map(|f| f.reports.iter().map(|r| &r.origin))
                    .collect()
            },
            &|| {
                entries(
                    sides,
                    reports(old),
                    reports(new),
                    |(_, r), _| report_summary(r),
                    |(_, old), (_, new), out| report(old, new, out),
                    |names, (c, r)| Place::new(names.report(c, r), &r.origin),
                )
            },
        ),
        assessments: compared(
            &|plan| {
                plan.assessments
                    .iter()
                    .flat_map(|f| f.assessments.iter().map(|a| &a.origin))
                    .collect()
            },
            &|| {
                entries(
                    sides,
                    assessments(old),
                    assessments(new),
                    |(_, a), _| assessment_summary(a),
                    |(_, old), (_, new), out| assessment(old, new, out),
                    |names, (c, a)| Place::new(names.assessment(c, a), &a.origin),
                )
            },
        ),
        publications: compared(
            &|plan| plan.meta.publications.iter().map(|p| &p.origin).collect(),
            &|| {
                entries(
                    sides,
                    publications(old),
                    publications(new),
                    |p, _| p.url.clone(),
                    publication,
                    |_, p| Place::new(None, &p.origin),
                )
            },
        ),
    }
}

/// Which files hold the same text in both plans, by [`FileId`] on each side.
struct Unchanged {
    old: Vec<bool>,
    new: Vec<bool>,
}

impl Unchanged {
    fn new(old: &Files, new: &Files) -> Self {
        fn by_path(files: &Files) -> HashMap<&str, &SourceFile> {
            files
                .iter()
                .map(|file| (file.path.as_str(), file))
                .collect()
        }
        fn same(files: &Files, other: &HashMap<&str, &SourceFile>) -> Vec<bool> {
            files
                .iter()
                .map(|file| {
                    other
                        .get(file.path.as_str())
                        .is_some_and(|o| o.same_bytes(file))
                })
                .collect()
        }
        Unchanged {
            old: same(old, &by_path(new)),
            new: same(new, &by_path(old)),
        }
    }

    /// Whether every entry, on both sides, comes from an unchanged file.
    fn holds(&self, old: &[&Origin], new: &[&Origin]) -> bool {
        let all = |same: &[bool], origins: &[&Origin]| {
            origins
                .iter()
                .all(|origin| same.get(origin.file.0 as usize).copied().unwrap_or(false))
        };
        all(&self.old, old) && all(&self.new, new)
    }
}

/// A date as a key part; an entry whose date could not be read sorts first.
fn date_key(date: Option<Date>) -> String {
    date.map_or_else(|| "-".to_string(), |d| d.to_string())
}

fn report_summary(r: &Report) -> Option<String> {
    let evidence = (!r.evidence.is_empty())
        .then(|| crate::rules::count_noun(r.evidence.len(), "evidence item", "evidence items"));
    words([
        r.status.map(|s| s.to_string()),
        r.percent.map(|p| format!("{p}%")),
        evidence,
    ])
}

fn report(old: &Report, new: &Report, out: &mut Fields) {
    out.value("status", old.status, new.status);
    out.value("percent", old.percent, new.percent);
    let note = |r: &'_ Report| r.note.as_ref().map(Text::one_line);
    out.prose("note", note(old).as_deref(), note(new).as_deref());
    out.items("evidence item", ids(&old.evidence), ids(&new.evidence));
    out.value("by", id(old.by.as_ref()), id(new.by.as_ref()));
    out.value(
        "discussed-at",
        id(old.discussed_at.as_ref()),
        id(new.discussed_at.as_ref()),
    );
}

fn assessment_summary(a: &Assessment) -> Option<String> {
    words([
        a.potential.map(|p| format!("potential {p}")),
        a.completion.map(|c| format!("completion {c}")),
        a.early_results.map(|e| format!("early results {e}")),
    ])
}

fn assessment(old: &Assessment, new: &Assessment, out: &mut Fields) {
    out.value("url", old.url.as_deref(), new.url.as_deref());
    out.value("verifiable", old.verifiable, new.verifiable);
    out.value(
        "open-government-lens",
        old.open_government_lens,
        new.open_government_lens,
    );
    out.value("potential", old.potential, new.potential);
    out.value("completion", old.completion, new.completion);
    out.value("early-results", old.early_results, new.early_results);
    let note = |a: &'_ Assessment| a.note.as_ref().map(Text::one_line);
    out.prose("note", note(old).as_deref(), note(new).as_deref());
}

fn publication(old: &&Publication, new: &&Publication, out: &mut Fields) {
    out.value("url", old.url.as_deref(), new.url.as_deref());
}

/// The plan's text evidence (Markdown minutes, say) by path.
fn evidence(plan: &Plan) -> HashMap<&str, &str> {
    plan.evidence
        .iter()
        .map(|document| (document.path.as_str(), document.text.as_str()))
        .collect()
}

fn ids(refs: &[Ref]) -> impl Iterator<Item = &str> {
    refs.iter().map(|r| r.id.as_str())
}

fn id(reference: Option<&Ref>) -> Option<&str> {
    reference.map(|r| r.id.as_str())
}

/// The words of a summary that are there, joined.
fn words(parts: impl IntoIterator<Item = Option<String>>) -> Option<String> {
    let parts: Vec<String> = parts
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// plan.toml's settings key by key, in the format's order, each as its declaration says;
/// the partners, axes and lint levels at their place among them; then the vision's text,
/// and its translations'.
fn plan<'p>(before: &'p Plan, after: &'p Plan, unchanged: &Unchanged) -> Vec<Change> {
    let (old, new) = (&before.meta, &after.meta);
    let mut out = Fields::default();
    // Everything the settings walk below reads comes from plan.toml, so the same text on
    // both sides has nothing to report (most commits leave plan.toml alone).
    let same_settings = unchanged.holds(&[&old.origin], &[&new.origin]);
    let mut entries = |key: &'static format::Key, out: &mut Fields| match key.ty {
        Ty::Tables(_) if key.name == "partner" => {
            out.items(key.diff_name(), ids(&old.partners), ids(&new.partners));
        }
        Ty::Tables(_) if key.name == "axis" => axes(old, new, out),
        Ty::Lints => lints(old, new, out),
        _ => {}
    };
    if !same_settings {
        let both = (&old.settings, &new.settings);
        settings(
            &format::PLAN,
            "",
            both,
            Defaults::Count,
            &mut entries,
            &mut out,
        );
    }
    let vision = |plan: &'p Plan| plan.vision.as_ref().map(|v| v.text.as_str());
    out.prose("vision", vision(before), vision(after));
    // Named like a commitment's translated section, `problem (en)`.
    let languages: BTreeSet<&String> = before
        .vision_translations
        .keys()
        .chain(after.vision_translations.keys())
        .collect();
    for lang in languages {
        let text = |plan: &'p Plan| plan.vision_translations.get(lang).map(|v| v.text.as_str());
        out.prose(&format!("vision ({lang})"), text(before), text(after));
    }
    // A chapter by its id, each translation beside it as `foreword (en)`.
    let ids: BTreeSet<&String> = before
        .chapters
        .iter()
        .chain(&after.chapters)
        .map(|c| &c.id)
        .collect();
    for id in ids {
        let chapter = |plan: &'p Plan| plan.chapters.iter().find(|c| &c.id == id);
        let text = |plan: &'p Plan| chapter(plan).map(|c| c.document.text.as_str());
        out.prose(&format!("chapter {id}"), text(before), text(after));
        let languages: BTreeSet<&String> = chapter(before)
            .into_iter()
            .chain(chapter(after))
            .flat_map(|c| c.translations.keys())
            .collect();
        for lang in languages {
            let text = |plan: &'p Plan| {
                chapter(plan)
                    .and_then(|c| c.translations.get(lang))
                    .map(|d| d.text.as_str())
            };
            out.prose(&format!("chapter {id} ({lang})"), text(before), text(after));
        }
    }
    allows(before, after, &mut out);
    if out.list.is_empty() {
        return Vec::new();
    }
    vec![Change {
        key: "plan".to_string(),
        change: ChangeKind::Changed,
        name: None,
        file: None,
        line: None,
        summary: None,
        fields: out.list,
    }]
}

/// Whether a setting left out counts as its default (plan.toml), or as nothing set (a
/// space's own numbers, which stand for plan.toml's when they are there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Defaults {
    Count,
    Ignore,
}

/// The settings of `table` (at dotted path `prefix`) that differ, in the format's order;
/// `entries` compares the keys that hold entries rather than settings.
fn settings(
    table: &'static format::Table,
    prefix: &str,
    (old, new): (&Settings, &Settings),
    defaults: Defaults,
    entries: &mut dyn FnMut(&'static format::Key, &mut Fields),
    out: &mut Fields,
) {
    for key in table.keys {
        let path = || {
            if prefix.is_empty() {
                key.name.to_string()
            } else {
                format!("{prefix}.{}", key.name)
            }
        };
        let value = |settings: &Settings| match defaults {
            Defaults::Count => settings.effective(key),
            Defaults::Ignore => settings.get(key).map(|s| s.value.clone()),
        };
        // Named only when it changed: most settings of a plan that changed did not.
        let name = || {
            if prefix.is_empty() {
                key.diff_name().to_string()
            } else {
                path()
            }
        };
        match key.ty {
            Ty::Table(inner) => settings(inner, &path(), (old, new), defaults, entries, out),
            Ty::Tables(_) | Ty::Lints | Ty::Allow => entries(key, out),
            _ => {
                let (was, is) = (value(old), value(new));
                if was != is {
                    settings_value(key, &name(), (was, is), out);
                }
            }
        }
    }
}

/// One setting that is not a table, which changed.
fn settings_value(
    key: &'static format::Key,
    name: &str,
    (was, is): (Option<SettingValue>, Option<SettingValue>),
    out: &mut Fields,
) {
    match key.ty {
        Ty::Text => out.text(name, text_of(was.as_ref()), text_of(is.as_ref())),
        Ty::Date => out.date(name, date_of(was.as_ref()), date_of(is.as_ref())),
        _ => {
            let shown = |value: &Option<SettingValue>| {
                value
                    .as_ref()
                    .map(SettingValue::shown)
                    .filter(|v| !v.is_empty())
            };
            out.push(name, shown(&was), shown(&is));
        }
    }
}

/// The exceptions written in the plan, by file and rule: each reason added or removed.
fn allows(before: &Plan, after: &Plan, out: &mut Fields) {
    let index = |plan: &'_ Plan| {
        let mut by_place: BTreeMap<(String, &'static str), Vec<String>> = BTreeMap::new();
        for allow in &plan.allows {
            by_place
                .entry((allow.path.clone(), allow.rule.name))
                .or_default()
                .push(allow.reason.clone());
        }
        by_place
    };
    let (old, new) = (index(before), index(after));
    let places: BTreeSet<&(String, &str)> = old.keys().chain(new.keys()).collect();
    for place in places {
        let reasons = |index: &BTreeMap<(String, &'static str), Vec<String>>| {
            index.get(place).cloned().unwrap_or_default()
        };
        let (was, is) = (reasons(&old), reasons(&new));
        out.items(
            &format!("allow {} in {}", place.1, place.0),
            was.iter().map(String::as_str),
            is.iter().map(String::as_str),
        );
    }
}

fn text_of(value: Option<&SettingValue>) -> Option<&Text> {
    match value {
        Some(SettingValue::Text(text)) => Some(text),
        _ => None,
    }
}

fn date_of(value: Option<&SettingValue>) -> Option<Date> {
    match value {
        Some(SettingValue::Date(date)) => Some(*date),
        _ => None,
    }
}

fn axes(old: &Meta, new: &Meta, out: &mut Fields) {
    let index = |meta: &'_ Meta| {
        meta.axes
            .iter()
            .map(|a| (a.id.clone(), a.title.clone()))
            .collect::<HashMap<_, _>>()
    };
    let (old_axes, new_axes) = (index(old), index(new));
    let axis_ids: BTreeSet<&String> = new
        .axes
        .iter()
        .map(|a| &a.id)
        .chain(old.axes.iter().map(|a| &a.id))
        .collect();
    for axis in axis_ids {
        out.text(
            &format!("axis {axis}"),
            old_axes.get(axis),
            new_axes.get(axis),
        );
    }
}

fn lints(old: &Meta, new: &Meta, out: &mut Fields) {
    let levels = |meta: &'_ Meta| -> HashMap<String, crate::diag::Severity> {
        meta.lints
            .iter()
            .map(|l| (l.rule.clone(), l.severity))
            .collect()
    };
    let (old_lints, new_lints) = (levels(old), levels(new));
    let rules: BTreeSet<&String> = old_lints.keys().chain(new_lints.keys()).collect();
    for rule in rules {
        out.value(
            &format!("lints.{rule}"),
            old_lints.get(rule),
            new_lints.get(rule),
        );
    }
}

// The summaries of entries added or removed say what their name (see [`Namer`]) does not.

fn organisation_summary(o: &Organisation) -> Option<String> {
    o.sector.map(|s| s.to_string())
}

fn organisation(old: &&Organisation, new: &&Organisation, out: &mut Fields) {
    out.value("name", Some(&old.name), Some(&new.name));
    out.value("sector", old.sector, new.sector);
    out.value("level", old.level, new.level);
}

/// Nothing: a person's name already says their organisation, or else their sector.
fn person_summary(_: &Person) -> Option<String> {
    None
}

fn person<'p>(old: &&'p Person, new: &&'p Person, out: &mut Fields) {
    out.value(
        "organisation",
        id(old.organisation.as_ref()),
        id(new.organisation.as_ref()),
    );
    out.value("sector", old.sector, new.sector);
    let name = |p: &'p Person| p.name.as_deref().map(|name| (name, p.public));
    out.consented("name", name(old), name(new));
    out.value("public", Some(old.public), Some(new.public));
    out.private("email", old.email.as_deref(), new.email.as_deref());
    out.private("phone", old.phone.as_deref(), new.phone.as_deref());
    // Gender is only ever counted: a diff names the person, so it says only that it changed.
    let gender = |p: &'p Person| p.gender.map(Keyword::as_str);
    out.private("gender", gender(old), gender(new));
}

fn space_summary(s: &Space) -> Option<String> {
    s.kind.map(|k| k.to_string())
}

fn space(old: &&Space, new: &&Space, out: &mut Fields) {
    out.value("kind", old.kind, new.kind);
    out.items(
        "serves as",
        old.serves_as
            .iter()
            .map(|k| crate::model::Keyword::as_str(*k)),
        new.serves_as
            .iter()
            .map(|k| crate::model::Keyword::as_str(*k)),
    );
    out.text("name", Some(&old.name), Some(&new.name));
    out.text("purpose", old.purpose.as_ref(), new.purpose.as_ref());
    out.value("url", old.url.as_deref(), new.url.as_deref());
    out.value(
        "rules-url",
        old.rules_url.as_deref(),
        new.rules_url.as_deref(),
    );
    settings(
        &format::rules::SPACE_TABLE,
        "rules",
        (&old.settings, &new.settings),
        Defaults::Ignore,
        &mut |_, _| {},
        out,
    );
}

/// The memberships of the plan that come after an earlier one of the same person in the
/// same space: returns, by space, person and start.
fn returns(plan: &Plan) -> HashSet<(&str, &str, Option<Date>)> {
    let mut returns = HashSet::new();
    for space in &plan.spaces {
        let mut seen = HashSet::new();
        for member in &space.members {
            if !seen.insert(member.person.id.as_str()) {
                returns.insert((space.id.as_str(), member.person.id.as_str(), member.since));
            }
        }
    }
    returns
}

/// A membership that begins or ends, as one event: "joined", "came back on DATE", "taken
/// off the member list".
fn member_summary(
    (space, m): (&Space, &Member),
    kind: ChangeKind,
    returns: &HashSet<(&str, &str, Option<Date>)>,
) -> Option<String> {
    if kind == ChangeKind::Removed {
        return Some("taken off the member list".to_string());
    }
    let came_back = returns.contains(&(space.id.as_str(), m.person.id.as_str(), m.since));
    let role = m
        .role
        .as_ref()
        .map_or(String::new(), |role| format!(" as {role}"));
    let on = m
        .since
        .map_or(String::new(), |since| format!(" on {since}"));
    Some(match (came_back, m.until) {
        (true, None) => format!("came back{role}{on}"),
        (false, None) => format!("joined{role}{on}"),
        (came_back, Some(until)) => {
            let from = m
                .since
                .map_or(String::new(), |since| format!(" from {since}"));
            let again = if came_back { " again" } else { "" };
            format!("listed as a past member{again}{role}{from} until {until}")
        }
    })
}

/// A membership's fields, the dates told as events: a departure is "left on DATE" and a
/// return "came back on DATE", and neither is told again as a field.
fn member(old: &Member, new: &Member, out: &mut Fields) {
    out.value("role", old.role.as_deref(), new.role.as_deref());
    let (mut since_told, mut until_told) = (false, false);
    out.summary = match (old.until, new.until) {
        (None, Some(until)) => {
            until_told = true;
            Some(format!("left on {until}"))
        }
        (Some(left), None) => {
            until_told = true;
            match new.since {
                Some(since) if since > left && old.since != new.since => {
                    since_told = true;
                    Some(format!("came back on {since}"))
                }
                _ => Some(format!("no longer listed as leaving on {left}")),
            }
        }
        _ => None,
    };
    if !since_told {
        out.date("since", old.since, new.since);
    }
    if !until_told {
        out.date("until", old.until, new.until);
    }
    out.value("counts", Some(old.counts), Some(new.counts));
}

fn meeting_summary(m: &Meeting) -> Option<String> {
    m.kind.map(|k| k.to_string())
}

fn meeting<'t>(
    old: &Meeting,
    new: &Meeting,
    (old_texts, new_texts): (&HashMap<&str, &'t str>, &HashMap<&str, &'t str>),
    out: &mut Fields,
) {
    out.date("date", old.date, new.date);
    out.value("kind", old.kind, new.kind);
    out.text("title", old.title.as_ref(), new.title.as_ref());
    out.items("attendee", ids(&old.attendees), ids(&new.attendees));
    out.value("participants", old.participants, new.participants);
    out.value("minutes", old.minutes.as_deref(), new.minutes.as_deref());
    // The minutes' own text, when both are text in the plan: what a reviewer reads is what
    // the minutes now say, not that a file changed.
    let text = |texts: &HashMap<&str, &'t str>, meeting: &Meeting| -> Option<&'t str> {
        meeting
            .minutes
            .as_deref()
            .and_then(|path| texts.get(path).copied())
    };
    if let (Some(was), Some(is)) = (text(old_texts, old), text(new_texts, new)) {
        out.prose("minutes text", Some(was), Some(is));
    }
    out.date(
        "materials-published",
        old.materials_published,
        new.materials_published,
    );
}

fn phase_summary(p: &Phase) -> Option<String> {
    p.period.map(|p| p.to_string())
}

fn phase(old: &Phase, new: &Phase, out: &mut Fields) {
    out.text("title", old.title.as_ref(), new.title.as_ref());
    out.date(
        "start",
        old.period.map(|p| p.start),
        new.period.map(|p| p.start),
    );
    out.date("end", old.period.map(|p| p.end), new.period.map(|p| p.end));
}

fn commitment_summary(c: &Commitment) -> Option<String> {
    let lead = c.lead.iter().map(|r| r.id.as_str()).collect::<Vec<_>>();
    (!lead.is_empty()).then(|| format!("led by {}", lead.join(", ")))
}

fn commitment<'c>(
    old: &&'c Commitment,
    new: &&'c Commitment,
    names: (&Namer<'_>, &Namer<'_>),
    out: &mut Fields,
) {
    out.value("number", old.number, new.number);
    out.value("ogp-id", old.ogp_id.as_deref(), new.ogp_id.as_deref());
    out.text("title", Some(&old.title), Some(&new.title));
    out.value("axis", id(old.axis.as_ref()), id(new.axis.as_ref()));
    out.value(
        "working-group",
        id(old.working_group.as_ref()),
        id(new.working_group.as_ref()),
    );
    out.items("lead", ids(&old.lead), ids(&new.lead));
    out.items("co-lead", ids(&old.co_lead), ids(&new.co_lead));
    out.items("supporting", ids(&old.supporting), ids(&new.supporting));
    out.items(
        "values",
        old.values.iter().map(|v| crate::model::Keyword::as_str(*v)),
        new.values.iter().map(|v| crate::model::Keyword::as_str(*v)),
    );
    out.date("start", old.start, new.start);
    out.date("end", old.end, new.end);
    out.value("status", old.status, new.status);
    out.value("completion", old.completion, new.completion);
    milestones(old, new, names, out);
    sections(&old.sections, &new.sections, "", out);
    let languages: BTreeSet<&String> = old
        .translations
        .keys()
        .chain(new.translations.keys())
        .collect();
    for lang in languages {
        let of = |c: &'c Commitment| c.translations.get(lang).map_or(&[][..], Vec::as_slice);
        sections(of(old), of(new), &format!(" ({lang})"), out);
    }
}

/// Milestones paired by identity ([`super::milestones::pair`]: by id, else by their
/// words), so that an insertion reads as one milestone added and the ones after it as
/// unchanged. Each is named as the document names it, by its number and title in the plan
/// that has it; a milestone that changed place among the others says so with both numbers.
fn milestones(
    old: &Commitment,
    new: &Commitment,
    (old_names, new_names): (&Namer<'_>, &Namer<'_>),
    out: &mut Fields,
) {
    let described = |names: &Namer<'_>, m: &Milestone| {
        let title = names
            .text(&m.title)
            .map_or_else(String::new, |t| quoted(&t));
        let due = m
            .due
            .map_or("no due date".to_string(), |due| format!("due {due}"));
        format!("{title} ({due})").trim().to_string()
    };
    for pairing in pair(&old.milestones, &new.milestones) {
        match pairing {
            Pairing::Same {
                old: at,
                new: now,
                moved,
            } => {
                let (was, is) = (&old.milestones[at], &new.milestones[now]);
                if !moved && same_milestone(was, is) {
                    // Most milestones of a commitment that changed did not: naming one
                    // costs more than comparing it.
                    continue;
                }
                let name = new_names.milestone(new, now);
                if moved {
                    let title = new_names
                        .text(&is.title)
                        .map_or_else(String::new, |t| quoted(&t));
                    if let Some(field) = out.push(
                        format!("milestone {title}").trim_end(),
                        Some(old.milestone_label(at)),
                        Some(new.milestone_label(now)),
                    ) {
                        field.note = Some("renumbered".to_string());
                    }
                }
                out.value(&format!("{name} id"), was.id.as_deref(), is.id.as_deref());
                out.text(&format!("{name} title"), Some(&was.title), Some(&is.title));
                out.text(
                    &format!("{name} output"),
                    was.output.as_ref(),
                    is.output.as_ref(),
                );
                out.date(&format!("{name} due"), was.due, is.due);
                out.items(
                    &format!("{name} stakeholder"),
                    ids(&was.stakeholders),
                    ids(&is.stakeholders),
                );
                out.value(&format!("{name} completion"), was.completion, is.completion);
            }
            Pairing::Removed { old: at } => {
                out.push(
                    &format!("milestone {}", old.milestone_label(at)),
                    Some(described(old_names, &old.milestones[at])),
                    None,
                );
            }
            Pairing::Added { new: now } => {
                out.push(
                    &format!("milestone {}", new.milestone_label(now)),
                    None,
                    Some(described(new_names, &new.milestones[now])),
                );
            }
        }
    }
}

/// Whether two milestones hold the same fields (wherever they were written): the fields
/// `milestones` compares one by one.
fn same_milestone(was: &Milestone, is: &Milestone) -> bool {
    was.id == is.id
        && was.title == is.title
        && was.output == is.output
        && was.due == is.due
        && ids(&was.stakeholders).eq(ids(&is.stakeholders))
        && was.completion == is.completion
}

/// A section's key: its id, or its title for one without.
fn section_key(section: &Section) -> String {
    match (&section.id, section.title.as_str()) {
        (Some(id), _) => id.clone(),
        (None, "") => "(before the first heading)".to_string(),
        (None, title) => format!("\"{title}\""),
    }
}

fn section_text(section: &Section) -> String {
    if section.level == 0 {
        return section.body.clone();
    }
    format!(
        "{} {}\n{}",
        "#".repeat(section.level.into()),
        section.title,
        section.body
    )
}

/// Sections by key, in the second plan's order, then the ones it removed.
fn sections(old: &[Section], new: &[Section], suffix: &str, out: &mut Fields) {
    let before: BTreeMap<_, _> = keyed(old, |s| section_key(s).into()).into_iter().collect();
    let after: BTreeMap<_, _> = keyed(new, |s| section_key(s).into()).into_iter().collect();
    let field = |key: &str| format!("section {key}{suffix}");
    let body = |s: Option<&&Section>| s.map(|s| section_text(s));
    let same = |old: Option<&&Section>, new: Option<&&Section>| match (old, new) {
        (Some(old), Some(new)) => {
            old.level == new.level && old.title == new.title && old.body == new.body
        }
        _ => false,
    };
    let mut order: Vec<&Cow<'_, str>> = after.keys().collect();
    order.sort_by_key(|key| after[*key].heading.span.start);
    let mut removed: Vec<&Cow<'_, str>> = before
        .keys()
        .filter(|key| !after.contains_key(*key))
        .collect();
    removed.sort_by_key(|key| before[*key].heading.span.start);
    for key in order.into_iter().chain(removed) {
        if same(before.get(key), after.get(key)) {
            continue;
        }
        out.prose(
            &field(key),
            body(before.get(key)).as_deref(),
            body(after.get(key)).as_deref(),
        );
    }
}

fn contribution_file_summary(f: &ContributionFile) -> Option<String> {
    let place = match (id(f.space.as_ref()), id(f.phase.as_ref())) {
        (Some(space), Some(phase)) => format!("from {space}, phase {phase}"),
        (Some(space), None) => format!("from {space}"),
        _ => String::new(),
    };
    words([
        Some(crate::rules::count_noun(
            f.contributions.len(),
            "contribution",
            "contributions",
        )),
        Some(place),
    ])
}

fn contribution_file(old: &&ContributionFile, new: &&ContributionFile, out: &mut Fields) {
    out.value("space", id(old.space.as_ref()), id(new.space.as_ref()));
    out.value("phase", id(old.phase.as_ref()), id(new.phase.as_ref()));
}

fn contribution_summary(c: &Contribution) -> Option<String> {
    let withdrawn = c.withdrawn.then(|| "withdrawn".to_string());
    let hidden = c.hidden.then(|| "hidden".to_string());
    words([c.kind.map(|k| k.to_string()), withdrawn, hidden])
}

fn contribution(old: &&Contribution, new: &&Contribution, out: &mut Fields) {
    out.value("kind", old.kind, new.kind);
    out.date("date", old.date, new.date);
    out.text("title", old.title.as_ref(), new.title.as_ref());
    let body = |c: &'_ Contribution| c.body.as_ref().map(Text::one_line);
    out.prose("body", body(old).as_deref(), body(new).as_deref());
    out.value("author", old.author.as_deref(), new.author.as_deref());
    out.value("author-kind", old.author_kind, new.author_kind);
    let co_authors =
        |c: &'_ Contribution| (!c.co_authors.is_empty()).then(|| c.co_authors.join(", "));
    out.value(
        "co-authors",
        co_authors(old).as_deref(),
        co_authors(new).as_deref(),
    );
    out.value("about", id(old.about.as_ref()), id(new.about.as_ref()));
    out.value(
        "in-reply-to",
        id(old.in_reply_to.as_ref()),
        id(new.in_reply_to.as_ref()),
    );
    out.value("amends", id(old.amends.as_ref()), id(new.amends.as_ref()));
    out.value("supports", old.supports, new.supports);
    out.value("comments", old.comments, new.comments);
    out.value("withdrawn", Some(old.withdrawn), Some(new.withdrawn));
    out.value("hidden", Some(old.hidden), Some(new.hidden));
    let source = |c: &'_ Contribution| c.source.clone().unwrap_or_default();
    let (old_source, new_source) = (source(old), source(new));
    out.value("source-id", old_source.id, new_source.id);
    out.value(
        "source-component",
        old_source.component,
        new_source.component,
    );
    out.value(
        "source-state",
        old_source.state.as_deref(),
        new_source.state.as_deref(),
    );
}

fn response_summary(r: &Response, kind: ChangeKind) -> Option<String> {
    match kind {
        ChangeKind::Removed => Some("response removed".to_string()),
        _ => Some(format!(
            "answered: {}",
            r.status.map_or("no status".to_string(), |s| s.to_string())
        )),
    }
}

fn response(old: &Response, new: &Response, out: &mut Fields) {
    out.value("status", old.status, new.status);
    out.text("reason", old.reason.as_ref(), new.reason.as_ref());
    out.value("by", id(old.by.as_ref()), id(new.by.as_ref()));
    out.date("date", old.date, new.date);
    out.value(
        "from-source",
        old.from_source.as_deref(),
        new.from_source.as_deref(),
    );
}
