//! progress/<commitment>.toml and assessments/<commitment>.toml: the plan's implementation.

use super::decode::{Decoder, Entry, check_path, is_url};
use super::entries::toml_files;
use super::reuse::Entries;
use super::{Got, LoadError, Loader};
use crate::diag::Diagnostic;
use crate::format::{self, Table};
use crate::model::{Assessment, AssessmentFile, Plan, ProgressFile, Ref, Report};
use crate::rules::{EVIDENCE_MISSING, INVALID_VALUE};

/// Reads every `<dir>/<commitment>.toml`, decoding its `key` entries with `each` into a
/// file with `file`; or takes a file over from an earlier reading with `reused`.
fn load_folder<T, F>(
    loader: &mut Loader<'_>,
    dir: &str,
    spec: &'static Table,
    key: &'static str,
    mut each: impl FnMut(&mut Decoder<'_>, Entry<'_, '_>) -> T,
    file_of: impl Fn(String, String, Vec<T>, crate::model::Origin) -> F,
    reused: impl Fn(Entries) -> Option<F>,
) -> Result<Vec<F>, LoadError> {
    let mut files = Vec::new();
    for (id, path) in toml_files(loader, dir)? {
        if let Some(taken) = loader.reused(&path).and_then(&reused) {
            files.push(taken);
            continue;
        }
        let file = match loader.read_text(&path) {
            Got::Text(file) => file,
            Got::Missing | Got::Failed(_) => continue,
        };
        let text = loader.files.get(file).text();
        let Some(root) = Loader::parse_toml(text, file, 0, &mut loader.diagnostics) else {
            continue;
        };
        let dec = &mut Decoder {
            file,
            offset: 0,
            out: &mut loader.diagnostics,
            allows: &mut loader.allows,
        };
        let mut doc = dec.document(&root, spec, &format!("`{path}`"));
        doc.check_keys(dec);
        let entries = doc
            .tables(dec, key)
            .into_iter()
            .map(|mut entry| {
                entry.check_keys(dec);
                each(dec, entry)
            })
            .collect();
        files.push(file_of(id, path, entries, doc.origin));
    }
    Ok(files)
}

pub(super) fn load(loader: &mut Loader<'_>, plan: &mut Plan) -> Result<(), LoadError> {
    let progress = load_folder(
        loader,
        "progress",
        &format::PROGRESS,
        "report",
        report,
        |commitment, path, reports, origin| ProgressFile {
            commitment,
            path,
            reports,
            origin,
        },
        |entries| match entries {
            Entries::Progress(file) => Some(file),
            _ => None,
        },
    )?;
    let assessments = load_folder(
        loader,
        "assessments",
        &format::ASSESSMENTS,
        "assessment",
        assessment,
        |commitment, path, assessments, origin| AssessmentFile {
            commitment,
            path,
            assessments,
            origin,
        },
        |entries| match entries {
            Entries::Assessments(file) => Some(file),
            _ => None,
        },
    )?;
    check_evidence(loader, &progress);
    plan.progress = progress;
    plan.assessments = assessments;
    Ok(())
}

fn report(dec: &mut Decoder<'_>, mut entry: Entry<'_, '_>) -> Report {
    let percent = entry.count(dec, "percent");
    if let Some(percent) = percent.filter(|&percent| percent > 100) {
        dec.report(
            Diagnostic::new(
                &INVALID_VALUE,
                entry.origin.key("percent"),
                format!("`percent` is {percent}, more than 100"),
            )
            .with_help("give how much is done as a whole number from 0 to 100"),
        );
    }
    let milestone = entry.string(dec, "milestone").map(|id| Ref {
        id,
        loc: entry.origin.key("milestone"),
    });
    let discussed_at = entry.string(dec, "discussed-at").map(|id| Ref {
        id,
        loc: entry.origin.key("discussed-at"),
    });
    let mut evidence = Vec::new();
    for (item, span) in entry.strings(dec, "evidence").unwrap_or_default() {
        let loc = crate::diag::Loc::new(dec.file, span);
        if check_path(dec, &item, true, loc) {
            evidence.push(Ref { id: item, loc });
        }
    }
    Report {
        date: entry.date(dec, "date"),
        milestone,
        status: entry.keyword(dec, "status"),
        percent: percent.filter(|&percent| percent <= 100),
        note: entry.text(dec, "note"),
        evidence,
        by: entry.reference(dec, "by"),
        discussed_at,
        origin: entry.origin,
    }
}

fn assessment(dec: &mut Decoder<'_>, mut entry: Entry<'_, '_>) -> Assessment {
    Assessment {
        by: entry.keyword(dec, "by"),
        kind: entry.keyword(dec, "kind"),
        date: entry.date(dec, "date"),
        url: entry.url(dec, "url"),
        verifiable: entry.boolean(dec, "verifiable"),
        open_government_lens: entry.boolean(dec, "open-government-lens"),
        potential: entry.keyword(dec, "potential"),
        completion: entry.keyword(dec, "completion"),
        early_results: entry.keyword(dec, "early-results"),
        note: entry.text(dec, "note"),
        origin: entry.origin,
    }
}

/// Evidence files must be in the plan: a report that points at nothing proves nothing.
fn check_evidence(loader: &mut Loader<'_>, progress: &[ProgressFile]) {
    if !loader.source.shows_every_file() {
        return;
    }
    for file in progress {
        for item in file.reports.iter().flat_map(|report| &report.evidence) {
            if is_url(&item.id) || loader.source.exists(&item.id) {
                continue;
            }
            loader.diagnostics.push(
                Diagnostic::new(
                    &EVIDENCE_MISSING,
                    item.loc,
                    format!(
                        "the evidence `{}` of a report on `{}` is not in the plan",
                        item.id, file.commitment
                    ),
                )
                .with_help(
                    "add the file at that path inside the plan folder, correct the path, or give the URL where it is published",
                ),
            );
        }
    }
}
