//! Findings for people, in the style of rustc and cargo: the rule in brackets, `-->
//! file:line:column`, the source line with the place underlined, the related places as
//! context (like rustc's "first defined here"), and a help line.
//!
//! The findings and files arrive masked (see [`super::render`]).

use annotate_snippets::{AnnotationKind, Element, Level, Origin, Renderer, Snippet};

use super::{Counts, Diagnostic, Files, Loc, RenderConfig, Severity, SourceFile};
use crate::source::Source;

/// How many source lines a snippet shows of one place at most; longer spans are cut to
/// their start.
const MAX_SNIPPET_LINES: usize = 4;

/// How many lines one snippet may cover when it shows two places of a file. Places further
/// apart get a snippet each: the renderer reads every line it is handed, even those it
/// folds away, and a file may be long.
const MAX_SHARED_SNIPPET_LINES: usize = 40;

/// Writes every finding, then a summary line.
pub(super) fn render(
    diagnostics: &[Diagnostic],
    files: &Files,
    config: &RenderConfig<'_>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let renderer = if config.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let shown = diagnostics
        .iter()
        .filter(|diagnostic| config.show_allowed || diagnostic.allowed.is_none());
    for diagnostic in shown {
        writeln!(
            out,
            "{}\n",
            render_one(diagnostic, files, config.source, &renderer)
        )?;
    }
    if config.summary {
        writeln!(out, "{}", summary(Counts::of(diagnostics), files.len()))?;
    }
    Ok(())
}

fn summary(counts: Counts, files: usize) -> String {
    let files = crate::rules::count_noun(files, "file", "files");
    let mut line = match (counts.errors, counts.warnings) {
        (0, 0) => format!("checked {files}: no findings"),
        (errors, warnings) => format!(
            "checked {files}: {}, {}",
            crate::rules::count_noun(errors, "error", "errors"),
            crate::rules::count_noun(warnings, "warning", "warnings")
        ),
    };
    if counts.allowed > 0 {
        line.push_str(&format!(
            "; {} allowed with a reason (`--show-allowed` lists them)",
            counts.allowed
        ));
    }
    line
}

/// One place to underline: the finding's own (primary) or a related one (context), and
/// the lines it is shown on.
struct Mark<'d> {
    kind: AnnotationKind,
    loc: Loc,
    label: Option<&'d str>,
    /// The 0-based lines shown, at most [`MAX_SNIPPET_LINES`].
    lines: std::ops::RangeInclusive<usize>,
}

impl<'d> Mark<'d> {
    fn new(kind: AnnotationKind, loc: Loc, label: Option<&'d str>, files: &Files) -> Self {
        let file = files.get(loc.file);
        let len = file.text().len();
        let span = loc.span.range();
        let start = span.start.min(len);
        let first = file.line_index(start);
        let last = file
            .line_index(span.end.min(len).max(start))
            .min(first + MAX_SNIPPET_LINES - 1);
        Mark {
            kind,
            loc,
            label,
            lines: first..=last,
        }
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
    let primary = Mark::new(
        AnnotationKind::Primary,
        diagnostic.loc,
        diagnostic.label.as_deref(),
        files,
    );
    let related = diagnostic.related.iter().map(|related| {
        Mark::new(
            AnnotationKind::Context,
            related.loc,
            Some(&related.message),
            files,
        )
    });
    // The finding's own snippet first. A related place near it in the same file shares
    // its snippet, above or below, as rustc shows a first definition; any other gets a
    // snippet of its own, under `:::`.
    let mut snippets: Vec<Vec<Mark<'_>>> = Vec::new();
    for mark in std::iter::once(primary).chain(related) {
        let near = snippets.iter_mut().find(|marks| {
            let (first, last) = lines(marks.iter().chain([&mark]));
            marks[0].loc.file == mark.loc.file && last - first < MAX_SHARED_SNIPPET_LINES
        });
        match near {
            Some(marks) => marks.push(mark),
            None => snippets.push(vec![mark]),
        }
    }
    let elements = snippets.iter().map(|marks| {
        let file = files.get(marks[0].loc.file);
        snippet(file, source.display_path(&file.path), marks)
    });
    let level = if diagnostic.allowed.is_some() {
        Level::NOTE
    } else {
        level
    };
    let mut group = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.rule.name)
        .elements(elements);
    match &diagnostic.allowed {
        Some(reason) => {
            let reason = format!("allowed here: {reason}");
            group = group.element(Level::NOTE.message(reason));
        }
        None => {
            if let Some(help) = &diagnostic.help {
                group = group.element(Level::HELP.message(help.as_str()));
            }
        }
    }
    renderer.render(&[group])
}

/// The lines of `file` around `marks` (all in that file), each mark underlined.
fn snippet<'a>(file: &'a SourceFile, path: String, marks: &[Mark<'a>]) -> Element<'a> {
    if file.text().is_empty() {
        return Origin::path(path).line(1).char_column(1).into();
    }
    let (first_line, last_line) = lines(marks);
    let excerpt = file.line_range(first_line).start..file.line_range(last_line).end;
    // Only these lines go to the renderer, which folds those between two distant marks.
    let mut snippet = Snippet::source(&file.text()[excerpt.clone()])
        .line_start(first_line + 1)
        .path(path);
    for mark in marks {
        let shown_end = file.line_range(*mark.lines.end()).end;
        // A span may start on a line ending, which the excerpt leaves out.
        let start = (mark.loc.span.start as usize).min(shown_end);
        let end = (mark.loc.span.end as usize).clamp(start, shown_end);
        let mut annotation = mark.kind.span(start - excerpt.start..end - excerpt.start);
        if let Some(label) = mark.label {
            annotation = annotation.label(label);
        }
        snippet = snippet.annotation(annotation);
    }
    snippet.into()
}

/// The first and the last line that `marks` are shown on.
fn lines<'m, 'd: 'm>(marks: impl IntoIterator<Item = &'m Mark<'d>>) -> (usize, usize) {
    marks
        .into_iter()
        .fold((usize::MAX, 0), |(first, last), mark| {
            (first.min(*mark.lines.start()), last.max(*mark.lines.end()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;
    use crate::rules::DUPLICATE_ID;
    use crate::source::DirSource;

    /// A finding on line `at` of a 100-line file, with a related place on line `first`.
    fn rendered(at: usize, first: usize) -> String {
        let mut files = Files::default();
        let text: String = (1..=100).map(|i| format!("k{i:03} = 1\n")).collect();
        let id = files.add("people.toml".into(), text);
        // Each line is 9 bytes long.
        let line = |n: usize| Loc::new(id, Span::new((n - 1) * 9..(n - 1) * 9 + 4));
        let finding = Diagnostic::new(&DUPLICATE_ID, line(at), "twice")
            .with_related(line(first), "first here");
        let mut out = Vec::new();
        let source = DirSource::new("plan");
        let config = RenderConfig {
            summary: false,
            ..RenderConfig::new(&source)
        };
        render(&[finding], &files, &config, &mut out).expect("renders");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn a_related_place_nearby_shares_the_snippet() {
        assert_eq!(
            rendered(30, 10),
            "\
error[duplicate-id]: twice
  --> plan/people.toml:30:1
   |
10 | k010 = 1
   | ---- first here
...
30 | k030 = 1
   | ^^^^

"
        );
    }

    #[test]
    fn a_related_place_far_away_has_a_snippet_of_its_own() {
        assert_eq!(
            rendered(90, 10),
            "\
error[duplicate-id]: twice
  --> plan/people.toml:90:1
   |
90 | k090 = 1
   | ^^^^
   |
  ::: plan/people.toml:10:1
   |
10 | k010 = 1
   | ---- first here

"
        );
    }
}
