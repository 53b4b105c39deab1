//! Findings as one JSON object, for scripts and other tools. The shape is documented in
//! docs/check-json.md and only grows: fields are never renamed or removed within a
//! `format` version. The findings and files arrive masked (see [`super::render`]).

use serde::Serialize;

use super::{Counts, Diagnostic, Files, LineCol, Loc, Severity};
use crate::source::Source;

/// The version of this JSON shape.
pub(super) const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    format: u32,
    tool: Tool,
    plan: String,
    files: usize,
    findings: Vec<Finding<'a>>,
    counts: Counts,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'static str,
    severity: Severity,
    message: &'a str,
    /// The path as the user would type it from the current folder.
    file: String,
    /// The path inside the plan folder.
    plan_file: &'a str,
    line: usize,
    column: usize,
    end: LineCol,
    label: Option<&'a str>,
    help: Option<&'a str>,
    /// Other places the finding involves; `[]` when there are none.
    related: Vec<RelatedPlace<'a>>,
    /// The reason an `allow` in the plan gives for it; `null` for a finding that is a
    /// problem.
    allowed: Option<&'a str>,
}

#[derive(Serialize)]
struct RelatedPlace<'a> {
    file: String,
    plan_file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

pub(super) fn render(
    diagnostics: &[Diagnostic],
    files: &Files,
    source: &dyn Source,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let findings = diagnostics
        .iter()
        .map(|diagnostic| {
            let file = files.get(diagnostic.loc.file);
            let start = file.line_col(diagnostic.loc.span.start as usize);
            let end =
                file.line_col(diagnostic.loc.span.end.max(diagnostic.loc.span.start) as usize);
            Finding {
                rule: diagnostic.rule.name,
                severity: diagnostic.severity,
                message: &diagnostic.message,
                file: source.display_path(&file.path),
                plan_file: &file.path,
                line: start.line,
                column: start.column,
                end,
                label: diagnostic.label.as_deref(),
                help: diagnostic.help.as_deref(),
                related: diagnostic
                    .related
                    .iter()
                    .map(|related| related_place(related.loc, &related.message, files, source))
                    .collect(),
                allowed: diagnostic.allowed.as_deref(),
            }
        })
        .collect();
    let report = Report {
        format: FORMAT_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        plan: source.display_path(""),
        files: files.len(),
        findings,
        counts: Counts::of(diagnostics),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

fn related_place<'a>(
    loc: Loc,
    message: &'a str,
    files: &'a Files,
    source: &dyn Source,
) -> RelatedPlace<'a> {
    let file = files.get(loc.file);
    let start = file.line_col(loc.span.start as usize);
    RelatedPlace {
        file: source.display_path(&file.path),
        plan_file: &file.path,
        line: start.line,
        column: start.column,
        message,
    }
}
