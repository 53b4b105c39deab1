//! `obert render`: the action plan document, as a self-contained HTML page, Markdown or PDF;
//! with `--progress`, the public progress page of its implementation, in the same formats.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::Outcome;
use crate::diag::Counts;
use crate::render::{self, Format, Options};
use crate::rules::{self, count_noun};
use crate::source::Source;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Html,
    Md,
    Pdf,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// html: one self-contained page; md: Markdown; pdf: a tagged PDF, typeset by obert
    /// with the fonts it ships
    #[arg(long, value_enum, default_value = "html")]
    format: FormatArg,
    /// The document's language (ca, es, en, or any with labels in templates/labels.toml);
    /// by default the plan's first language
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Where to write it; `-` for stdout. By default `out/<plan title>.<lang>.<html|md|pdf>` at
    /// the root of the plan's repository
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Render the plan as it was at this git revision (a commit, branch, tag, HEAD~1…),
    /// read from the repository without checking it out, with that revision's templates/
    #[arg(long, value_name = "REV")]
    rev: Option<String>,
    /// Render the public progress page instead of the plan document: each commitment's
    /// milestones and status bar, the dated reports with their evidence, and the
    /// assessments. By default written to `out/<plan title>.progress.<lang>.<ext>`; dated
    /// `--today`, which also judges what is overdue
    #[arg(long)]
    progress: bool,
}

pub(super) fn run(
    plan: Option<&Path>,
    today: Option<crate::model::Date>,
    args: Args,
) -> anyhow::Result<Outcome> {
    // Under `--rev` the plan's own templates/ are the revision's too, read from git like
    // the rest of the plan. Output placement and links to minutes follow the plan folder's
    // place in the working tree, as without `--rev`.
    let (root, loaded, source): (PathBuf, _, Box<dyn Source>) = match &args.rev {
        Some(rev) => {
            let (source, info, loaded) = super::open_plan_at(plan, rev)?;
            crate::cli::note!("rendering the plan as it was at {info}");
            let root = source.working_tree_root().to_path_buf();
            (root, loaded, Box::new(source))
        }
        None => {
            let (source, loaded) = super::open_plan(plan)?;
            (source.root().to_path_buf(), loaded, Box::new(source))
        }
    };
    let format = match args.format {
        FormatArg::Html => Format::Html,
        FormatArg::Md => Format::Markdown,
        FormatArg::Pdf => Format::Pdf,
    };
    let lang = render::language(&loaded, args.lang.as_deref());
    let to_stdout = args.output.as_deref() == Some(Path::new("-"));
    if to_stdout && format == Format::Pdf && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        // A PDF's bytes would only garble the terminal.
        anyhow::bail!(
            "a PDF is not for the terminal: write it to a file with `-o FILE`, or pipe `-o -` into a program"
        );
    }
    let output = match &args.output {
        Some(path) if !to_stdout => path.clone(),
        _ => default_output(&root, &loaded, &lang, format, args.progress),
    };
    // Judged once: the document's standards chapter and the warning below say the same.
    let findings = rules::check(&loaded, today);
    let options = Options {
        findings: &findings,
        today,
        format,
        lang: Some(&lang),
        templates: Some(source.as_ref()),
    };
    let document = if args.progress {
        render::render_progress(&loaded, &options)?
    } else {
        render::render(&loaded, &options)?
    };

    let counts = Counts::of(&findings);
    if counts.errors > 0 {
        crate::cli::note!(
            "warning: the plan has {}; the document shows it as it is (`obert check` lists them)",
            count_noun(counts.errors, "error", "errors")
        );
    }
    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(&document)?;
        out.flush()?;
    } else {
        if let Some(folder) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("cannot create `{}`", folder.display()))?;
        }
        crate::edit::write::write_output(&output, &document)?;
        if !crate::cli::terminal().quiet {
            // On stdout, where a script that renders reads where the document went.
            let mut out = std::io::stdout().lock();
            writeln!(out, "wrote {}", shown(&output))?;
        }
    }
    Ok(Outcome::Clean)
}

/// `out/<slug of the title>.<lang>.<ext>` (`….progress.<lang>.<ext>` for the progress page)
/// at the root of the plan's git repository, or beside the plan folder when it is not in one.
fn default_output(
    root: &Path,
    loaded: &crate::load::Loaded,
    lang: &str,
    format: Format,
    progress: bool,
) -> PathBuf {
    let base = crate::history::git::working_tree_of(root).unwrap_or_else(|| {
        absolute(root)
            .parent()
            .map_or_else(|| root.to_path_buf(), Path::to_path_buf)
    });
    let meta = &loaded.plan.meta;
    let primary = meta.languages.first().map_or("en", String::as_str);
    let mut name = slug(meta.title.get(primary, primary));
    if name.is_empty() {
        name = "action-plan".to_string();
    }
    if progress {
        name.push_str(".progress");
    }
    base.join("out")
        .join(format!("{name}.{lang}.{}", format.extension()))
}

/// A file name from a title: lowercase ASCII letters and digits joined by `-`, accents
/// dropped (`Pla d'acció` → `pla-d-accio`).
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').chars().take(80).collect()
}

/// The letter without its accent, for the Latin letters that Catalan, Spanish and their
/// neighbours use; other characters as they are.
fn fold(c: char) -> Option<char> {
    let plain = match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        '·' => return None,
        other => other,
    };
    Some(plain)
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // The output may not exist yet: resolve `.` and `..` by name.
    crate::source::lexically_normal(&joined)
}

fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_file_names() {
        assert_eq!(
            slug("Pla d'acció OGP Catalunya 2021-2023"),
            "pla-d-accio-ogp-catalunya-2021-2023"
        );
        assert_eq!(slug("Col·laboració «oberta»!"), "collaboracio-oberta");
        assert_eq!(slug("***"), "");
    }
}
