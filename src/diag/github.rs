//! Findings as GitHub Actions workflow commands, one line each, so that a CI job shows
//! them as annotations on the pull request's changed files. See docs/check-formats.md.
//!
//! ```text
//! ::error file=plan/people.toml,line=30,col=1,endLine=30,endColumn=6,title=unknown-field::unknown key `sectr` in a `[[person]]` entry%0Ahelp: did you mean `sector`?
//! ```
//!
//! The findings and files arrive masked (see [`super::render`]).

use super::{Diagnostic, Files, Severity};

/// Writes one workflow command per finding, and nothing else.
///
/// `plan_dir` is the plan folder as a `/`-separated path from the repository root (`plan`,
/// or `""` when the plan is the root itself); see [`repo_path`].
pub(super) fn render(
    diagnostics: &[Diagnostic],
    files: &Files,
    plan_dir: &str,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    for diagnostic in diagnostics {
        writeln!(out, "{}", command(diagnostic, files, plan_dir))?;
    }
    Ok(())
}

/// The workflow command for one finding, without its line ending.
fn command(diagnostic: &Diagnostic, files: &Files, plan_dir: &str) -> String {
    let level = match diagnostic.severity {
        Severity::Error => "error",
        // `allow` findings never reach a renderer; should one, it is no failure.
        Severity::Warn | Severity::Allow => "warning",
    };
    let file = files.get(diagnostic.loc.file);
    let span = diagnostic.loc.span;
    let start = file.line_col(span.start as usize);
    let end = file.line_col(span.end.max(span.start) as usize);
    let mut properties = vec![
        ("file", repo_path(plan_dir, &file.path)),
        ("line", start.line.to_string()),
    ];
    // GitHub drops an annotation whose columns are set while its lines differ, so a finding
    // that spans lines is shown by its lines only.
    if start.line == end.line {
        properties.push(("col", start.column.to_string()));
    }
    properties.push(("endLine", end.line.to_string()));
    if start.line == end.line {
        properties.push(("endColumn", end.column.to_string()));
    }
    properties.push(("title", diagnostic.rule.to_string()));
    let properties: Vec<String> = properties
        .into_iter()
        .map(|(key, value)| format!("{key}={}", escape_property(&value)))
        .collect();
    format!(
        "::{level} {}::{}",
        properties.join(","),
        escape_data(&annotation_text(diagnostic, files, plan_dir))
    )
}

/// The finding's message, then its help on a line of its own.
pub(super) fn message(diagnostic: &Diagnostic) -> String {
    let mut text = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    text
}

/// [`message`], and the related places at the end of the help line
/// (`see also plan/people.toml:20 (first defined here)`): an annotation has one place, and
/// its text is the only room for the others.
fn annotation_text(diagnostic: &Diagnostic, files: &Files, plan_dir: &str) -> String {
    let mut text = message(diagnostic);
    if diagnostic.related.is_empty() {
        return text;
    }
    let places: Vec<String> = diagnostic
        .related
        .iter()
        .map(|related| {
            let file = files.get(related.loc.file);
            let line = file.line_col(related.loc.span.start as usize).line;
            let path = repo_path(plan_dir, &file.path);
            format!("{path}:{line} ({})", related.message)
        })
        .collect();
    text.push_str(if diagnostic.help.is_some() {
        "; "
    } else {
        "\nhelp: "
    });
    text.push_str("see also ");
    text.push_str(&places.join(", "));
    text
}

/// A plan file's path from the repository root: `plan_dir` joined with the path inside the
/// plan folder, `/`-separated.
pub(super) fn repo_path(plan_dir: &str, plan_file: &str) -> String {
    let plan_dir = plan_dir.trim_end_matches('/');
    if plan_dir.is_empty() {
        plan_file.to_string()
    } else if plan_file.is_empty() {
        plan_dir.to_string()
    } else {
        format!("{plan_dir}/{plan_file}")
    }
}

/// Escapes a command's message the way the Actions runner unescapes it.
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as [`escape_data`], and `:` and `,`, which end a value.
fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Loc, Span};
    use crate::rules::INVALID_VALUE;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(
            escape_property("100% a:b,c\r\nd"),
            "100%25 a%3Ab%2Cc%0D%0Ad"
        );
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn a_finding_over_several_lines_has_no_columns() {
        let mut files = Files::default();
        let id = files.add("people.toml".into(), "a = [\n  1,\n]\nb = 2\n".into());
        let mut diagnostic = Diagnostic::new(&INVALID_VALUE, Loc::new(id, Span::new(4..11)), "x");
        diagnostic.severity = Severity::Warn;
        assert_eq!(
            command(&diagnostic, &files, "plan"),
            "::warning file=plan/people.toml,line=1,endLine=3,title=invalid-value::x"
        );
        let diagnostic = Diagnostic::new(&INVALID_VALUE, Loc::new(id, Span::new(13..14)), "y")
            .with_help("write a: b, c");
        assert_eq!(
            command(&diagnostic, &files, ""),
            "::error file=people.toml,line=4,col=1,endLine=4,endColumn=2,title=invalid-value::y%0Ahelp: write a: b, c"
        );
    }

    #[test]
    fn related_places_end_the_help_line() {
        let mut files = Files::default();
        let people = files.add("people.toml".into(), "a = 1\nb = 2\n".into());
        let space = files.add("spaces/x.toml".into(), "c = 3\n".into());
        let diagnostic = Diagnostic::new(&INVALID_VALUE, Loc::new(people, Span::new(6..7)), "x")
            .with_related(Loc::new(people, Span::new(0..1)), "first here")
            .with_related(Loc::new(space, Span::new(0..1)), "and here");
        assert_eq!(
            annotation_text(&diagnostic, &files, "plan"),
            "x\nhelp: see also plan/people.toml:1 (first here), plan/spaces/x.toml:1 (and here)"
        );
        let diagnostic = diagnostic.with_help("do this");
        assert_eq!(
            annotation_text(&diagnostic, &files, ""),
            "x\nhelp: do this; see also people.toml:1 (first here), spaces/x.toml:1 (and here)"
        );
    }

    #[test]
    fn paths_join_with_a_slash() {
        assert_eq!(repo_path("", "plan.toml"), "plan.toml");
        assert_eq!(repo_path("plan", "spaces/a.toml"), "plan/spaces/a.toml");
        assert_eq!(repo_path("a/plan/", "b.toml"), "a/plan/b.toml");
    }
}
