//! `obert report`: the self-assessment report of the whole plan, or the end-of-commitment
//! report of one commitment, as Markdown in the plan's languages.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::Outcome;
use crate::report::{self, AllLabels, Kind};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: ReportCommand,
}

#[derive(Debug, clap::Subcommand)]
enum ReportCommand {
    /// Every commitment in OGP's structure (what was done, completion, did it open
    /// government, evidence, assessments), after a summary of the plan's implementation
    SelfAssessment {
        #[command(flatten)]
        output: OutputArgs,
    },
    /// One commitment in OGP's structure, for the report due when it ends
    EndOfCommitment {
        /// The commitment's id
        commitment: String,
        #[command(flatten)]
        output: OutputArgs,
    },
}

#[derive(Debug, clap::Args)]
struct OutputArgs {
    /// Only this language (any with labels in templates/labels.toml); by default one
    /// section per language of the plan, in its order
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Write the report to this file (replaced if it exists, as `obert render -o` does);
    /// `-` or nothing for stdout
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
}

pub(super) fn run(
    plan: Option<&Path>,
    today: Option<crate::model::Date>,
    args: Args,
) -> anyhow::Result<Outcome> {
    let (source, loaded) = super::open_plan(plan)?;
    let plan = &loaded.plan;
    let (kind, output) = match &args.command {
        ReportCommand::SelfAssessment { output } => (Kind::SelfAssessment, output),
        ReportCommand::EndOfCommitment { commitment, output } => {
            let Some(found) = plan.commitments.iter().find(|c| &c.id == commitment) else {
                let ids = plan.commitments.iter().map(|c| c.id.as_str());
                match crate::suggest::hint(commitment, ids) {
                    Some(hint) => bail!("there is no commitment `{commitment}`; {hint}"),
                    None => bail!(
                        "there is no commitment `{commitment}`; `obert list commitments` lists them"
                    ),
                }
            };
            (Kind::EndOfCommitment(found), output)
        }
    };
    let all = AllLabels::read(&source)?;
    let languages = languages(plan, output.lang.as_deref());
    let labels = languages
        .iter()
        .map(|lang| all.language(lang))
        .collect::<Result<Vec<_>, _>>()?;
    let text = report::write(plan, kind, &labels, today);
    write_result(output.output.as_deref(), text.as_bytes())?;
    Ok(Outcome::Clean)
}

/// `--lang`, or every language the plan lists (its first if it lists none).
pub(super) fn languages(plan: &crate::model::Plan, lang: Option<&str>) -> Vec<String> {
    match lang {
        Some(lang) => vec![lang.to_string()],
        None if plan.meta.languages.is_empty() => vec![plan.primary_language().to_string()],
        None => plan.meta.languages.clone(),
    }
}

/// Writes what a command made: on stdout (`-` or no path), or to the file at `path`, which
/// replaces one already there (through a symbolic link, never over a folder), as
/// `obert render -o` does, and says so on stdout unless `-q`.
pub(super) fn write_result(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    // Plan text with terminal controls in it would reach a terminal, or a file read in one.
    let text = crate::terminal::printable(&String::from_utf8_lossy(bytes)).into_owned();
    match path {
        None => {}
        Some(path) if path == Path::new("-") => {}
        Some(path) => {
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder)
                    .with_context(|| format!("cannot create `{}`", folder.display()))?;
            }
            crate::edit::write::write_output(path, text.as_bytes())?;
            if !crate::cli::terminal().quiet {
                let mut out = std::io::stdout().lock();
                writeln!(out, "wrote {}", path.display())?;
            }
            return Ok(());
        }
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
