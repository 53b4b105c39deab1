//! `obert check`: every rule over the whole plan.

use std::io::Write;
use std::path::Path;

use super::Outcome;
use crate::diag::{self, Counts, RenderConfig};
use crate::history::git;
use crate::rules;
use crate::source::Source;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How to report the findings
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings too, not only on errors
    #[arg(long)]
    deny_warnings: bool,
    /// Also list the findings that an `allow` in the plan covers, each with its reason
    /// (json and sarif always carry them; github never shows them)
    #[arg(long)]
    show_allowed: bool,
    /// Check the plan as it was at this git revision (a commit, branch, tag, HEAD~1…),
    /// read from the repository without checking it out; findings show the file paths of
    /// the working tree and the lines of that revision
    #[arg(long, value_name = "REV")]
    rev: Option<String>,
}

/// The values of `--format`. They map one to one onto [`diag::Format`]; the command line
/// keeps its own enum, as the other commands do, so that clap and the help texts stay in
/// the cli and the library does not depend on them.
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

impl From<Format> for diag::Format {
    fn from(format: Format) -> Self {
        match format {
            Format::Human => diag::Format::Human,
            Format::Json => diag::Format::Json,
            Format::Github => diag::Format::Github,
            Format::Sarif => diag::Format::Sarif,
        }
    }
}

pub(super) fn run(
    plan: Option<&Path>,
    today: Option<crate::model::Date>,
    args: Args,
) -> anyhow::Result<Outcome> {
    let format = diag::Format::from(args.format);
    // A revision knows its plan folder in the repository; for the working tree, the
    // repository is looked for only when the format shows paths from its root.
    let (source, loaded, repository_dir): (Box<dyn Source>, _, Option<String>) = match &args.rev {
        Some(rev) => {
            let (source, info, loaded) = super::open_plan_at(plan, rev)?;
            super::note!("checking the plan as it was at {info}");
            let dir = source.plan_dir().to_string();
            (Box::new(source), loaded, Some(dir))
        }
        None => {
            let (source, loaded) = super::open_plan(plan)?;
            let dir = format
                .paths_from_repository()
                .then(|| git::path_in_repository(source.root()))
                .flatten();
            (Box::new(source), loaded, dir)
        }
    };
    let findings = rules::check(&loaded, today);
    let config = RenderConfig {
        repository_dir,
        color: super::use_color(),
        summary: !super::terminal().quiet,
        show_allowed: args.show_allowed,
        ..RenderConfig::new(source.as_ref())
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    diag::render(format, &findings, &loaded.files, &config, &mut out)?;
    out.flush()?;
    let counts = Counts::of(&findings);
    let failed = counts.errors > 0 || (args.deny_warnings && counts.warnings > 0);
    super::keep_until_exit((loaded, findings));
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
