//! `obert diff [BASE] [HEAD]`: what changed in the plan, in plan terms.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

use super::Outcome;
use crate::history::git::PlanRepo;
use crate::history::{diff, report};
use crate::load::{self, Loaded};

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// For a terminal: one line per change, coloured on a terminal
    Text,
    /// A pull-request comment: a summary line, a section per kind of entry, tables
    Markdown,
    /// Stable JSON for scripts (format 1, see docs/history.md)
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The revision to compare from (default HEAD); or a range: A..B (from A to B), A...B
    /// (from where B branched off A, as for a pull request)
    #[arg(value_name = "BASE")]
    base: Option<String>,
    /// The revision to compare to; the working tree when absent
    #[arg(value_name = "HEAD")]
    head: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit 1 when the plan changed, like `git diff --exit-code`
    #[arg(long)]
    exit_code: bool,
    /// Show every changed line of prose, not only the first few
    #[arg(long)]
    full: bool,
    /// The web address of the repository's files at the head revision, such as
    /// https://github.com/OWNER/REPO/blob/SHA: the Markdown report links each entry to its
    /// file and line
    #[arg(long, value_name = "URL")]
    link_base: Option<String>,
}

pub(super) fn run(
    plan: Option<&Path>,
    today: Option<crate::model::Date>,
    args: Args,
) -> anyhow::Result<Outcome> {
    let cwd = std::env::current_dir().context("cannot tell the current folder")?;
    let repo = PlanRepo::discover(plan, &cwd)?;
    let base_spec = args.base.as_deref().unwrap_or("HEAD");

    // (the base revision, the head revision or None for the working tree)
    let (base, head) = if base_spec.contains("..") {
        if args.head.is_some() {
            anyhow::bail!("give either a range (`A..B`, `A...B`) or two revisions, not both");
        }
        let (base, head) = repo.resolve_range(base_spec)?;
        (base, Some(head))
    } else {
        let base = repo.resolve(base_spec)?;
        let head = args
            .head
            .as_deref()
            .map(|rev| repo.resolve(rev))
            .transpose()?;
        (base, head)
    };

    let (base_source, _) = repo.source_at(base.id)?;
    let before = load::load(&base_source)?;
    let (after, head_name): (Loaded, String) = match &head {
        Some(head) => {
            let (source, _) = repo.source_at(head.id)?;
            // Two revisions a few commits apart share most files: those are decoded once.
            let reuse = load::Reuse::copied_from(&before);
            (load::load_reusing(&source, reuse)?, head.to_string())
        }
        None => {
            let (_, loaded) = super::open_plan(plan)?;
            (loaded, "the working tree".to_string())
        }
    };
    let base_name = base.to_string();
    let changes = diff::diff(&before, &after, today);

    let options = report::Options {
        color: super::use_color(),
        full: args.full,
        files_url: args
            .link_base
            .as_deref()
            .map(|url| files_url(url, base_source.plan_dir())),
    };
    let text = match args.format {
        Format::Text => {
            // Commit subjects come from whoever wrote the commits, like plan text.
            let header = format!("{base_name} → {head_name}\n");
            let mut text = crate::terminal::printable(&header).into_owned();
            text.push_str(&report::text(&changes, &options));
            text
        }
        Format::Markdown => report::markdown(
            &changes,
            &format!("Plan changes from {base_name} to {head_name}"),
            &options,
        ),
        Format::Json => report::json(&changes, &base_name, &head_name),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    let outcome = if args.exit_code && !changes.is_empty() {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    // Freeing libgit2's caches and both plans at exit would be work for nothing.
    super::keep_until_exit((repo, before, after, changes));
    Ok(outcome)
}

/// The web address of the plan folder under the repository's address `link_base`.
fn files_url(link_base: &str, plan_dir: &str) -> String {
    let base = link_base.trim_end_matches('/');
    if plan_dir.is_empty() {
        base.to_string()
    } else {
        format!("{base}/{plan_dir}")
    }
}
