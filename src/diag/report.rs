//! The one way findings become output. [`render`] takes a [`Format`] and a
//! [`RenderConfig`], masks personal data in everything a format could print, and only then
//! hands the findings to that format's renderer. So no renderer has to remember to mask,
//! and a new format cannot forget to.

use super::{Diagnostic, Files, Related, github, human, json, sarif};
use crate::privacy;
use crate::source::Source;

/// The formats of `obert check`; docs/check-formats.md describes each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: the source lines with the place underlined and a hint, like a compiler.
    Human,
    /// One JSON object for scripts, described in docs/check-json.md.
    Json,
    /// GitHub Actions workflow commands, one line per finding.
    Github,
    /// A SARIF 2.1.0 log, for GitHub code scanning and other SARIF tools.
    Sarif,
}

impl Format {
    /// Whether the format shows paths from the root of the git repository, because GitHub
    /// resolves them from there. Only then is [`RenderConfig::repository_dir`] worth the
    /// look for a repository.
    pub fn paths_from_repository(self) -> bool {
        matches!(self, Format::Github | Format::Sarif)
    }
}

/// What the formats need besides the findings and the files.
pub struct RenderConfig<'a> {
    /// Shows a plan file's path as the user would type it from the current folder. `human`
    /// and `json` show these paths, and so do `github` and `sarif` outside a repository.
    pub source: &'a dyn Source,
    /// The plan folder as a `/`-separated path from the root of the git repository that
    /// holds it (`plan`, or `""` when the plan is the root), for `github` and `sarif`.
    /// `None` when the plan is in no repository.
    pub repository_dir: Option<String>,
    /// Colour in `human` output.
    pub color: bool,
    /// The closing `checked N files: …` line of `human` output; `-q` leaves it out.
    pub summary: bool,
    /// `human` also lists the findings an `allow` covers, with their reasons
    /// (`--show-allowed`); other formats always carry them, or never (`github`).
    pub show_allowed: bool,
}

impl<'a> RenderConfig<'a> {
    /// Paths as `source` shows them, no colour, and the summary line.
    pub fn new(source: &'a dyn Source) -> Self {
        RenderConfig {
            source,
            repository_dir: None,
            color: false,
            summary: true,
            show_allowed: false,
        }
    }

    /// The plan folder that `github` and `sarif` paths start with.
    fn plan_dir_for_github(&self) -> String {
        self.repository_dir
            .clone()
            .unwrap_or_else(|| self.source.display_path(""))
    }
}

impl std::fmt::Debug for RenderConfig<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderConfig")
            .field("plan", &self.source.display_path(""))
            .field("repository_dir", &self.repository_dir)
            .field("color", &self.color)
            .field("summary", &self.summary)
            .field("show_allowed", &self.show_allowed)
            .finish()
    }
}

/// Writes `findings` in `format`. E-mail addresses and phone numbers are masked first, in
/// the findings' texts and in the files' text that snippets quote, whatever the format.
pub fn render(
    format: Format,
    findings: &[Diagnostic],
    files: &Files,
    config: &RenderConfig<'_>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let findings: Vec<Diagnostic> = findings.iter().map(masked).collect();
    let files = masked_files(files, &findings);
    match format {
        Format::Human => human::render(&findings, &files, config, out),
        Format::Json => json::render(&findings, &files, config.source, out),
        Format::Github => {
            // An annotation is a problem to look at; an allowed finding is none.
            let problems: Vec<Diagnostic> = findings
                .into_iter()
                .filter(|finding| finding.allowed.is_none())
                .collect();
            github::render(&problems, &files, &config.plan_dir_for_github(), out)
        }
        Format::Sarif => sarif::render(&findings, &files, &config.plan_dir_for_github(), out),
    }
}

/// Personal data masked, and what a terminal would obey made visible (a finding quotes plan
/// text, and CI logs render escape sequences), keeping every byte offset.
fn mask(text: &str) -> String {
    crate::terminal::printable_in_place(&privacy::redact(text)).into_owned()
}

/// The finding with every text in it masked. Built field by field, without `..`, so that a
/// text field added to [`Diagnostic`] does not compile until it is masked here too.
fn masked(diagnostic: &Diagnostic) -> Diagnostic {
    let Diagnostic {
        rule,
        severity,
        message,
        loc,
        label,
        help,
        related,
        allowed,
    } = diagnostic;
    Diagnostic {
        rule,
        severity: *severity,
        message: mask(message),
        loc: *loc,
        label: label.as_deref().map(mask),
        help: help.as_deref().map(mask),
        allowed: allowed.as_deref().map(mask),
        related: related
            .iter()
            .map(|Related { loc, message }| Related {
                loc: *loc,
                message: mask(message),
            })
            .collect(),
    }
}

/// The files with their text masked. Masking keeps every byte offset, so the findings'
/// spans and the line numbers still hold: what is masked is ASCII (see
/// [`crate::privacy::find`]), and each character becomes one `*`.
///
/// Only the files a finding points into are quoted, so only those are masked; the others
/// keep their path and an empty text, which no format reads. A clean plan, the common
/// case, then costs no scan of its files at all.
fn masked_files(files: &Files, findings: &[Diagnostic]) -> Files {
    let mut cited = vec![false; files.files.len()];
    let locs = findings.iter().flat_map(|finding| {
        std::iter::once(finding.loc).chain(finding.related.iter().map(|related| related.loc))
    });
    for loc in locs {
        if let Some(slot) = cited.get_mut(loc.file.0 as usize) {
            *slot = true;
        }
    }
    let mut masked = Files::default();
    for (file, cited) in files.files.iter().zip(cited) {
        let text = if cited {
            mask(file.text())
        } else {
            String::new()
        };
        debug_assert!(!cited || text.len() == file.len(), "masking moved offsets");
        masked.add(file.path.clone(), text);
    }
    masked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Loc, Span};
    use crate::rules::DUPLICATE_ID;
    use crate::source::DirSource;

    /// A finding that carries an e-mail address or a phone number in every text it has,
    /// over a file whose quoted lines hold them too.
    fn leaky() -> (Vec<Diagnostic>, Files) {
        let mut files = Files::default();
        let text = "[[person]]\nid = \"àna\" # anna@example.org\nphone = \"+34 600 123 456\"\n";
        let id = files.add("people.toml".into(), text.into());
        let at = |needle: &str| {
            let start = text.find(needle).expect("in the text");
            Loc::new(id, Span::new(start..start + needle.len()))
        };
        let finding = Diagnostic::new(&DUPLICATE_ID, at("\"àna\""), "write to anna@example.org")
            .with_label("or call 93 123 45 67")
            .with_help("anna@example.org knows")
            .with_related(at("\"+34"), "first at +34 600 123 456");
        (vec![finding], files)
    }

    #[test]
    fn no_format_shows_an_address_or_a_number() {
        let (findings, files) = leaky();
        let source = DirSource::new("plan");
        for format in [Format::Human, Format::Json, Format::Github, Format::Sarif] {
            let mut config = RenderConfig::new(&source);
            config.repository_dir = Some("plan".into());
            let mut out = Vec::new();
            render(format, &findings, &files, &config, &mut out).expect("renders");
            let out = String::from_utf8(out).expect("UTF-8");
            for private in ["anna@", "example.org", "600 123 456", "93 123 45 67"] {
                assert!(!out.contains(private), "{format:?} shows {private}:\n{out}");
            }
            // The finding is there, with its texts masked and not dropped.
            assert!(
                out.contains("write to ****************"),
                "{format:?}:\n{out}"
            );
            assert!(
                out.contains("first at ***************"),
                "{format:?}:\n{out}"
            );
        }
    }

    #[test]
    fn masking_keeps_offsets() {
        let (findings, files) = leaky();
        let masked = masked_files(&files, &findings);
        let (before, after) = (
            files.get(findings[0].loc.file),
            masked.get(findings[0].loc.file),
        );
        assert_eq!(before.text().len(), after.text().len());
        let span = findings[0].loc.span.range();
        assert_eq!(&after.text()[span.clone()], &before.text()[span]);
        assert!(
            after.text().contains("# ****************\n"),
            "{}",
            after.text()
        );
    }
}
