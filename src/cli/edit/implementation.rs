//! `obert progress add`, `obert assessment add` and `obert publication add`: the plan's
//! implementation history, one dated entry at a time.

use std::path::Path;

use super::{WriteArgs, apply};
use crate::cli::Outcome;
use crate::edit::ops::{self, NewAssessment, NewReport};
use crate::model::Date;

#[derive(Debug, clap::Args)]
pub struct ProgressArgs {
    #[command(subcommand)]
    command: ProgressCommand,
}

#[derive(Debug, clap::Subcommand)]
enum ProgressCommand {
    /// Record a dated progress report on a commitment, or on one of its milestones: adds a
    /// [[report]] to progress/<COMMITMENT>.toml (written if missing), in date order
    Add {
        /// The commitment's id
        commitment: String,
        /// The milestone: its id, or its number in the commitment (`2`, or `3.2`); left out,
        /// the report is on the commitment as a whole
        milestone: Option<String>,
        /// How complete it is: no-evidence, not-started, limited, substantial or complete
        #[arg(long, value_name = "WORD")]
        status: String,
        /// The day of the report (YYYY-MM-DD); today by default
        #[arg(long)]
        date: Option<String>,
        /// How much is done, from 0 to 100
        #[arg(long, value_name = "N")]
        percent: Option<u64>,
        /// What was done, and what is missing, in the plan's first language
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// What proves it: an https:// address, or the path of a file inside the plan
        /// folder, which must exist (repeatable)
        #[arg(long, value_name = "URL_OR_PATH")]
        evidence: Vec<String>,
        /// The organisation that reports
        #[arg(long, value_name = "ORG")]
        by: Option<String>,
        /// The meeting where the forum discussed it
        #[arg(long, value_name = "SPACE/MEETING")]
        discussed_at: Option<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub(crate) fn progress(
    plan: Option<&Path>,
    today: Option<Date>,
    args: ProgressArgs,
) -> anyhow::Result<Outcome> {
    let ProgressCommand::Add {
        commitment,
        milestone,
        status,
        date,
        percent,
        note,
        evidence,
        by,
        discussed_at,
        write,
    } = args.command;
    let new = NewReport {
        commitment: &commitment,
        milestone: milestone.as_deref(),
        status: &status,
        date: date.as_deref(),
        today,
        percent,
        note: note.as_deref(),
        evidence: &evidence,
        by: by.as_deref(),
        discussed_at: discussed_at.as_deref(),
    };
    apply(plan, &write, |s| ops::progress_add(s, &new))
}

#[derive(Debug, clap::Args)]
pub struct AssessmentArgs {
    #[command(subcommand)]
    command: AssessmentCommand,
}

#[derive(Debug, clap::Subcommand)]
enum AssessmentCommand {
    /// Record what a reviewer said of a commitment: adds an [[assessment]] to
    /// assessments/<COMMITMENT>.toml (written if missing), in date order
    Add {
        /// The commitment's id
        commitment: String,
        /// Who assessed it: irm, monitoring-body or self
        #[arg(long)]
        by: String,
        /// Which assessment: action-plan-review, midterm-review or results-report (irm);
        /// inception or end-of-commitment (monitoring-body)
        #[arg(long)]
        kind: String,
        /// The day it was published (YYYY-MM-DD); today by default
        #[arg(long)]
        date: Option<String>,
        /// Where it is published
        #[arg(long)]
        url: Option<String>,
        /// A review of the plan: whether the commitment is specific enough to be verified
        #[arg(long, value_name = "true|false", action = clap::ArgAction::Set)]
        verifiable: Option<bool>,
        /// A review of the plan: whether it makes government more transparent,
        /// participatory or accountable
        #[arg(long, value_name = "true|false", action = clap::ArgAction::Set)]
        open_government_lens: Option<bool>,
        /// A review of the plan: its potential for results (unclear, modest or substantial)
        #[arg(long, value_name = "WORD")]
        potential: Option<String>,
        /// A report of results: how complete it was found (no-evidence, not-started,
        /// limited, substantial or complete)
        #[arg(long, value_name = "WORD")]
        completion: Option<String>,
        /// A report of results: did it open government (worsened, did-not-change, marginal,
        /// major or outstanding)
        #[arg(long, value_name = "WORD")]
        early_results: Option<String>,
        /// Its findings, in a few sentences, in the plan's first language
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub(crate) fn assessment(
    plan: Option<&Path>,
    today: Option<Date>,
    args: AssessmentArgs,
) -> anyhow::Result<Outcome> {
    let AssessmentCommand::Add {
        commitment,
        by,
        kind,
        date,
        url,
        verifiable,
        open_government_lens,
        potential,
        completion,
        early_results,
        note,
        write,
    } = args.command;
    let new = NewAssessment {
        commitment: &commitment,
        by: &by,
        kind: &kind,
        date: date.as_deref(),
        today,
        url: url.as_deref(),
        verifiable,
        open_government_lens,
        potential: potential.as_deref(),
        completion: completion.as_deref(),
        early_results: early_results.as_deref(),
        note: note.as_deref(),
    };
    apply(plan, &write, |s| ops::assessment_add(s, &new))
}

#[derive(Debug, clap::Args)]
pub struct PublicationArgs {
    #[command(subcommand)]
    command: PublicationCommand,
}

#[derive(Debug, clap::Subcommand)]
enum PublicationCommand {
    /// Record that progress was published on the plan's web page: adds a [[publication]] to
    /// plan.toml, in date order
    Add {
        /// The day it was published (YYYY-MM-DD); today by default
        #[arg(long)]
        date: Option<String>,
        /// The page where it was published
        #[arg(long)]
        url: String,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub(crate) fn publication(
    plan: Option<&Path>,
    today: Option<Date>,
    args: PublicationArgs,
) -> anyhow::Result<Outcome> {
    let PublicationCommand::Add { date, url, write } = args.command;
    apply(plan, &write, |s| {
        ops::publication_add(s, date.as_deref(), today, &url)
    })
}
