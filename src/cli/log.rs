//! `obert log [ID]`: the history of the plan, or of one entry, newest first, each commit
//! with what it changed in the same words as `obert diff` (the walk is
//! [`crate::history::log`]).

use std::io::{IsTerminal as _, Write as _};
use std::path::Path;

use anyhow::Context as _;

use super::Outcome;
use crate::history::git::PlanRepo;
use crate::history::{log, report};
use crate::model::Date;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only the history of this entry: a commitment, space, person, organisation or
    /// contribution id
    #[arg(value_name = "ID")]
    id: Option<String>,
    /// Stop after this many commits
    #[arg(short = 'n', long = "max-count", value_name = "N")]
    max_count: Option<usize>,
    /// Show every changed line of prose, not only the first few
    #[arg(long)]
    full: bool,
}

pub(super) fn run(plan: Option<&Path>, today: Option<Date>, args: Args) -> anyhow::Result<Outcome> {
    let cwd = std::env::current_dir().context("cannot tell the current folder")?;
    let repo = PlanRepo::discover(plan, &cwd)?;
    let options = log::Options {
        id: args.id.clone(),
        max_count: args.max_count,
        today,
    };
    let progress = progress_bar();
    // Asked once: asking inside `suspend`, which holds the bar, would wait for itself.
    let hidden = progress.is_hidden();
    // Buffered: a commit's lines were a write each (6,000 system calls for the log of
    // one commitment in the benchmark, a sixth of its time).
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let report_options = report::Options {
        color: super::use_color(),
        full: args.full,
        files_url: None,
    };
    let shown = log::walk(
        &repo,
        &options,
        &mut |read, shown| {
            // Called at every commit: the message is not even made for a hidden bar.
            if !hidden {
                progress.set_message(format!("{read} commits read, {shown} shown"));
                progress.tick();
            }
        },
        &mut |commit| {
            progress.suspend(|| -> std::io::Result<()> {
                let date = commit.date.map(|d| d.to_string()).unwrap_or_default();
                // The author and subject are anyone's text, like the plan's.
                let header = format!(
                    "commit {} {date} {}\n    {}",
                    commit.short_id, commit.author, commit.summary
                );
                writeln!(out, "{}", crate::terminal::printable(&header))?;
                for line in report::text(&commit.changes, &report_options).lines() {
                    writeln!(out, "    {line}")?;
                }
                writeln!(out)?;
                // Shown at once where a bar is drawn between the commits.
                if !hidden {
                    out.flush()?;
                }
                Ok(())
            })
        },
    )
    .map_err(|error| match error {
        // As itself, so that a closed pipe (`obert log | head`) ends the command quietly.
        log::LogError::Io(io) => anyhow::Error::from(io),
        other => anyhow::Error::from(other),
    })?;
    progress.finish_and_clear();
    out.flush()?;
    // Freeing libgit2's caches at exit was a fifteenth of a log of one entry.
    super::keep_until_exit(repo);
    if shown == 0 {
        super::note!(
            "no commit changed {}",
            args.id
                .as_deref()
                .map_or("the plan".to_string(), |id| format!("`{id}`"))
        );
    }
    Ok(Outcome::Clean)
}

/// A spinner on stderr, only on a terminal and without `-q`.
fn progress_bar() -> indicatif::ProgressBar {
    if std::io::stderr().is_terminal() && !super::terminal().quiet {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    } else {
        indicatif::ProgressBar::hidden()
    }
}
