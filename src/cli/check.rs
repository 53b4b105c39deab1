//! `obert check`: every rule over the whole plan.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Outcome;
use crate::diag::{self, Counts};
use crate::rules;
use crate::source::{DirSource, Source};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How to report the findings
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings too, not only on errors
    #[arg(long)]
    deny_warnings: bool,
    /// Check the plan as it was at this git revision (a commit, branch, tag, HEAD~1…),
    /// read from the repository without checking it out; findings show the file paths of
    /// the working tree and the lines of that revision
    #[arg(long, value_name = "REV")]
    rev: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// For people: the source line, an underline and a hint, like a compiler
    Human,
    /// One JSON object, for scripts (see docs/check-json.md)
    Json,
    /// GitHub Actions workflow commands: one `::error` or `::warning` line per finding,
    /// shown as annotations on the pull request (see docs/check-formats.md)
    Github,
    /// A SARIF 2.1.0 log, for GitHub code scanning and other SARIF tools (see
    /// docs/check-formats.md)
    Sarif,
}

pub fn run(
    plan: &Option<PathBuf>,
    today: Option<crate::model::Date>,
    args: Args,
) -> anyhow::Result<Outcome> {
    // The plan folder as GitHub and SARIF want it is known up front for a revision; for
    // the working tree it is worked out only when one of those formats asks.
    let (source, loaded, repository_dir): (Box<dyn Source>, _, Option<String>) = match &args.rev {
        Some(rev) => {
            let (source, info, loaded) = super::open_plan_at(plan, rev)?;
            super::note!("checking the plan as it was at {info}");
            let dir = source.plan_dir().to_string();
            (Box::new(source), loaded, Some(dir))
        }
        None => {
            let (source, loaded) = super::open_plan(plan)?;
            let dir = matches!(args.format, Format::Github | Format::Sarif)
                .then(|| plan_dir_in_repository(&source));
            (Box::new(source), loaded, dir)
        }
    };
    let source = source.as_ref();
    let findings = rules::check(&loaded, today);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Human => diag::human::render(
            &findings,
            &loaded.files,
            source,
            super::use_color(),
            !super::terminal().quiet,
            &mut out,
        )?,
        Format::Json => diag::json::render(&findings, &loaded.files, source, &mut out)?,
        Format::Github => {
            let plan_dir = repository_dir.unwrap_or_default();
            diag::github::render(&findings, &loaded.files, &plan_dir, &mut out)?;
        }
        Format::Sarif => {
            let plan_dir = repository_dir.unwrap_or_default();
            diag::sarif::render(&findings, &loaded.files, &plan_dir, &mut out)?;
        }
    }
    out.flush()?;
    let counts = Counts::of(&findings);
    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The plan folder as a `/`-separated path from the root of the git repository that holds
/// it (`plan`, or `""` for the root itself), as GitHub wants paths. Outside a git
/// repository, the path from the current folder that the other formats show.
fn plan_dir_in_repository(source: &DirSource) -> String {
    repository_relative(source.root()).unwrap_or_else(|| source.display_path(""))
}

fn repository_relative(root: &Path) -> Option<String> {
    let repository = git2::Repository::discover(root).ok()?;
    // libgit2 resolves symbolic links in the work tree's path; so must the plan's path.
    let workdir = std::fs::canonicalize(repository.workdir()?).ok()?;
    let root = std::fs::canonicalize(root).ok()?;
    let relative = root.strip_prefix(&workdir).ok()?;
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|component| match component {
            std::path::Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    Some(parts?.join("/"))
}
