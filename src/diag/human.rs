//! Findings for people, in the style of rustc and cargo: the rule in brackets, `-->
//! file:line:column`, the source line with the place underlined, and a help line.
//!
//! The findings and files arrive masked (see [`super::render`]).

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Counts, Diagnostic, Files, Severity};
use crate::source::Source;

/// How many source lines a snippet shows at most; longer spans are cut to their start.
const MAX_SNIPPET_LINES: usize = 4;

/// Writes every finding, then a summary line.
pub(super) fn render(
    diagnostics: &[Diagnostic],
    files: &Files,
    source: &dyn Source,
    color: bool,
    with_summary: bool,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for diagnostic in diagnostics {
        writeln!(
            out,
            "{}\n",
            render_one(diagnostic, files, source, &renderer)
        )?;
    }
    if with_summary {
        writeln!(out, "{}", summary(Counts::of(diagnostics), files.len()))?;
    }
    Ok(())
}

fn summary(counts: Counts, files: usize) -> String {
    let files = crate::rules::count_noun(files, "file", "files");
    match (counts.errors, counts.warnings) {
        (0, 0) => format!("checked {files}: no findings"),
        (errors, warnings) => format!(
            "checked {files}: {}, {}",
            crate::rules::count_noun(errors, "error", "errors"),
            crate::rules::count_noun(warnings, "warning", "warnings")
        ),
    }
}

fn render_one(
    diagnostic: &Diagnostic,
    files: &Files,
    source: &dyn Source,
    renderer: &Renderer,
) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warn | Severity::Allow => Level::WARNING,
    };
    let file = files.get(diagnostic.loc.file);
    let path = source.display_path(&file.path);
    let title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.rule.name);

    let span = diagnostic.loc.span.range();
    let start = span.start.min(file.text.len());
    let first_line = file.line_index(start);
    let last_line = file
        .line_index(span.end.min(file.text.len()).max(start))
        .min(first_line + MAX_SNIPPET_LINES - 1);
    let line_range = file.line_range(first_line).start..file.line_range(last_line).end;

    let mut group: Group<'_> = if file.text.is_empty() {
        title.element(annotate_snippets::Origin::path(path).line(1).char_column(1))
    } else {
        // Only the lines around the finding are handed to the renderer.
        let excerpt = &file.text[line_range.clone()];
        // A span may start on a line ending, which the excerpt leaves out.
        let start = start.min(line_range.end);
        let local_start = start - line_range.start;
        let local_end = span.end.clamp(start, line_range.end) - line_range.start;
        let mut annotation = AnnotationKind::Primary.span(local_start..local_end.max(local_start));
        if let Some(label) = &diagnostic.label {
            annotation = annotation.label(label.as_str());
        }
        title.element(
            Snippet::source(excerpt)
                .line_start(first_line + 1)
                .path(path)
                .annotation(annotation),
        )
    };
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    renderer.render(&[group])
}
