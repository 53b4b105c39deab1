//! `obert export`: the plan's implementation for other tools, the IRM's review sheet or
//! Decidim's accountability results.

use std::path::{Path, PathBuf};

use anyhow::bail;

use super::Outcome;
use crate::export::{self, decidim, irm};
use crate::report::AllLabels;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    /// One row per commitment and per milestone with the fields the IRM (or a Local
    /// Monitoring Body) reviews: completion, latest report, evidence, latest assessment
    Irm,
    /// The CSV that Decidim's accountability component imports as results: commitments as
    /// parent results, milestones as their children, with the proposals each took up
    DecidimAccountability,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    /// Comma-separated values with a header line (RFC 4180 quoting)
    Csv,
    /// An array of objects, keys in the columns' order
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to export
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// How to write the IRM rows: csv or json (Decidim's import reads CSV only)
    #[arg(long, value_enum, default_value_t = OutputFormat::Csv)]
    output_format: OutputFormat,
    /// decidim-accountability: the character between fields, `;` (Decidim's default) or
    /// `,` (for a site whose `DECIDIM_DEFAULT_CSV_COL_SEP` says so)
    #[arg(long, value_name = "CHAR", value_parser = [";", ","])]
    separator: Option<String>,
    /// decidim-accountability: the address of the Decidim proposals component
    /// (`https://…/processes/SLUG/f/ID`), when the online space's `url` is the process's
    #[arg(long, value_name = "URL")]
    proposals_url: Option<String>,
    /// irm: the language of the titles; by default the plan's first
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Write the file here (replaced if it exists, as `obert render -o` does); `-` or
    /// nothing for stdout
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
}

pub(super) fn run(plan: Option<&Path>, args: Args) -> anyhow::Result<Outcome> {
    match args.format {
        ExportFormat::Irm => {
            if args.separator.is_some() || args.proposals_url.is_some() {
                bail!(
                    "`--separator` and `--proposals-url` are for `--format decidim-accountability`; the IRM export is comma-separated CSV or JSON"
                );
            }
        }
        ExportFormat::DecidimAccountability => {
            if args.output_format == OutputFormat::Json {
                bail!(
                    "Decidim's results import reads CSV only: leave out `--output-format json` with `--format decidim-accountability`"
                );
            }
            if args.lang.is_some() {
                bail!(
                    "`--format decidim-accountability` writes every language of the plan (Decidim imports them all): leave out `--lang`"
                );
            }
        }
    }
    let (source, loaded) = super::open_plan(plan)?;
    let plan = &loaded.plan;
    let text = match args.format {
        ExportFormat::Irm => {
            let lang = args
                .lang
                .clone()
                .unwrap_or_else(|| plan.primary_language().to_string());
            let rows = irm::rows(plan, &lang);
            match args.output_format {
                OutputFormat::Csv => export::csv(&irm::header(), &rows, ',', "\n"),
                OutputFormat::Json => export::json(&irm::header(), &rows),
            }
        }
        ExportFormat::DecidimAccountability => {
            let separator = match args.separator.as_deref() {
                Some(",") => ',',
                _ => ';',
            };
            let languages = super::report::languages(plan, None);
            let languages: Vec<&str> = languages.iter().map(String::as_str).collect();
            let all = AllLabels::read(&source)?;
            // A language without labels still exports its texts; its milestone
            // descriptions say "Output" in obert's English.
            let english = AllLabels::builtin().language("en")?;
            let labels: Vec<_> = languages
                .iter()
                .map(|lang| all.language(lang).unwrap_or_else(|_| english.clone()))
                .collect();
            let (rows, summary) =
                decidim::rows(plan, &languages, &labels, args.proposals_url.as_deref())?;
            if summary.proposals_without_url > 0 {
                crate::cli::note!(
                    "{} taken up by a commitment left out of `proposal_urls`: no numeric Decidim id in their reference, or no online space `url` (give `--proposals-url`)",
                    crate::rules::count_noun(
                        summary.proposals_without_url,
                        "proposal",
                        "proposals"
                    )
                );
            }
            crate::cli::note!(
                "{} for Decidim, with {} linked; import them into an empty accountability component (see docs/export.md)",
                crate::rules::count_noun(summary.results, "result", "results"),
                crate::rules::count_noun(summary.proposals, "proposal", "proposals")
            );
            export::csv(&decidim::header(&languages), &rows, separator, "\r\n")
        }
    };
    super::report::write_result(args.output.as_deref(), text.as_bytes())?;
    Ok(Outcome::Clean)
}
