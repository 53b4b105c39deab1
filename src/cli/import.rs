//! `obert contribution import FILE`: proposals and comments from a Decidim export into
//! `contributions/<id>.toml`. See docs/import.md.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::Outcome;
use crate::edit::session::Mode;
use crate::import::{self, Options};
use crate::source;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The export: Decidim proposals or comments as CSV (`,` or `;`) or JSON, or the
    /// open-data ZIP
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The online space the contributions belong to; by default the plan's only one
    #[arg(long, value_name = "ID")]
    pub space: Option<String>,
    /// The phase of every new contribution; by default the space's phase that its date
    /// falls in
    #[arg(long, value_name = "ID")]
    pub phase: Option<String>,
    /// Add new contributions to contributions/<FILE_ID>.toml (created when missing); by
    /// default the file named after their phase, else `imported`
    #[arg(long, value_name = "FILE_ID")]
    pub into: Option<String>,
    /// Write authors' public display names; by default each author is a pseudonym
    /// (`author-` and 8 hex digits), the same in every import
    #[arg(long)]
    pub author_names: bool,
    /// For an export that is not Decidim's: fill KEY (id, title, body, date, author,
    /// supports, comments) from the column headed HEADER (repeatable)
    #[arg(long = "map", value_name = "KEY=HEADER", value_parser = super::edit::key_equals_header)]
    pub maps: Vec<(String, String)>,
    /// Print the change as a unified diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub(crate) fn run(plan: Option<&Path>, args: Args) -> anyhow::Result<Outcome> {
    let cwd = std::env::current_dir().context("cannot tell the current folder")?;
    let root = source::find_plan(plan, &cwd)?;
    // The whole file is read (and refused if it is bad) before the plan is locked.
    let export = import::read_mapped(&args.file, &args.maps)?;
    let (mut session, known) = import::open(&root, &mut super::waiting_for_lock, &export)?;
    let options = Options {
        space: args.space.as_deref(),
        phase: args.phase.as_deref(),
        into: args.into.as_deref(),
        author_names: args.author_names,
    };
    let progress = progress_bar(export.records);
    let summary = import::import(&mut session, &known, &export, &options, &progress)?;
    progress.set_message("checking the plan");
    let mode = if args.dry_run {
        Mode::DryRun
    } else {
        Mode::Write
    };
    let finished = session.finish(mode);
    progress.finish_and_clear();
    let finished = finished?;

    let mut out = std::io::stdout().lock();
    if args.dry_run {
        out.write_all(crate::privacy::redact(&finished.diff).as_bytes())?;
    }
    for part in &export.parts {
        super::note!("read {part}");
    }
    for line in summary.lines() {
        super::note!("{line}");
    }
    if args.dry_run {
        if finished.changed.is_empty() {
            super::note!("nothing would change");
        } else {
            super::note!("dry run: nothing was written");
        }
    } else if finished.changed.is_empty() {
        super::note!("nothing to change: the plan says so already");
    } else {
        super::note!("wrote {}", finished.changed.join(", "));
    }
    if !super::terminal().quiet {
        for file in &summary.files {
            writeln!(
                out,
                "{}",
                crate::cli::edit::standing_contributions(&finished.after.plan, file)
            )?;
        }
    }
    out.flush()?;
    super::keep_until_exit((finished, export, known));
    Ok(Outcome::Clean)
}

/// A bar on stderr for files large enough to take a moment, only on a terminal and
/// without `-q`.
fn progress_bar(rows: usize) -> indicatif::ProgressBar {
    if rows >= 1000 && std::io::stderr().is_terminal() && !super::terminal().quiet {
        let bar = indicatif::ProgressBar::new(rows as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} contributions {msg}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    }
}
