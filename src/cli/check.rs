//! `obert check`: every rule over the whole plan.

use std::io::Write;
use std::path::PathBuf;

use super::Outcome;
use crate::diag::{self, Counts};
use crate::rules;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How to report the findings
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings too, not only on errors
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// For people: the source line, an underline and a hint, like a compiler
    Human,
    /// One JSON object, for scripts (see docs/check-json.md)
    Json,
}

pub fn run(plan: &Option<PathBuf>, args: Args) -> anyhow::Result<Outcome> {
    let (source, loaded) = super::open_plan(plan)?;
    let findings = rules::check(&loaded);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Human => diag::human::render(
            &findings,
            &loaded.files,
            &source,
            super::use_color(),
            !super::terminal().quiet,
            &mut out,
        )?,
        Format::Json => diag::json::render(&findings, &loaded.files, &source, &mut out)?,
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
