//! `obert commitment …`, `obert milestone …`, and `obert contribution respond` and `set`.

use std::path::Path;

use super::{SetArgs, WriteArgs, apply, set_about};
use crate::cli::Outcome;
use crate::edit::ops::{self, NewCommitment, NewMilestone, NewResponse};
use crate::format;

#[derive(Debug, clap::Args)]
pub struct CommitmentArgs {
    #[command(subcommand)]
    command: CommitmentCommand,
}

#[derive(Debug, clap::Subcommand)]
enum CommitmentCommand {
    /// Write commitments/<ID>.md: its front matter, and a heading for each section the
    /// plan requires, from the template in the plan's language
    New {
        id: String,
        #[arg(long)]
        title: String,
        /// The working group (space id) that co-creates it
        #[arg(long)]
        working_group: String,
        /// A lead organisation (repeatable)
        #[arg(long, value_name = "ORG")]
        lead: Vec<String>,
        /// The work axis it belongs to
        #[arg(long)]
        axis: Option<String>,
        /// Its number; by default the next one
        #[arg(long)]
        number: Option<u32>,
        #[command(flatten)]
        write: WriteArgs,
    },
    #[command(about = set_about("a commitment's front matter", &format::COMMITMENT))]
    Set {
        id: String,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove a commitment (commitments/<ID>.md and its translations) that no
    /// contribution is about any more
    Remove {
        id: String,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub(crate) fn commitment(plan: Option<&Path>, args: CommitmentArgs) -> anyhow::Result<Outcome> {
    match args.command {
        CommitmentCommand::New {
            id,
            title,
            working_group,
            lead,
            axis,
            number,
            write,
        } => {
            let new = NewCommitment {
                id: &id,
                title: &title,
                working_group: &working_group,
                lead: &lead,
                axis: axis.as_deref(),
                number,
            };
            apply(plan, &write, |s| ops::commitment_new(s, &new))
        }
        CommitmentCommand::Set { id, set, write } => apply(plan, &write, |s| {
            ops::commitment_set(s, &id, &set.field, &set.change())
        }),
        CommitmentCommand::Remove { id, write } => {
            apply(plan, &write, |s| ops::commitment_remove(s, &id))
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct MilestoneArgs {
    #[command(subcommand)]
    command: MilestoneCommand,
}

#[derive(Debug, clap::Subcommand)]
enum MilestoneCommand {
    /// Add a milestone to a commitment
    Add {
        commitment: String,
        #[arg(long)]
        title: String,
        /// A stable id, unique within the commitment, that survives reordering
        #[arg(long)]
        id: Option<String>,
        /// The verifiable deliverable
        #[arg(long)]
        output: String,
        /// YYYY-MM-DD
        #[arg(long)]
        due: String,
        /// An organisation involved (repeatable)
        #[arg(long = "stakeholder", value_name = "ORG")]
        stakeholders: Vec<String>,
        /// no-evidence, not-started, limited, substantial or complete
        #[arg(long)]
        completion: Option<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
    #[command(about = set_about("milestone INDEX (from 1)", &format::MILESTONE))]
    Set {
        commitment: String,
        index: usize,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove milestone INDEX (from 1); the ones after it move up
    Remove {
        commitment: String,
        index: usize,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub(crate) fn milestone(plan: Option<&Path>, args: MilestoneArgs) -> anyhow::Result<Outcome> {
    match args.command {
        MilestoneCommand::Add {
            commitment,
            title,
            id,
            output,
            due,
            stakeholders,
            completion,
            write,
        } => {
            let new = NewMilestone {
                id: id.as_deref(),
                title: &title,
                output: &output,
                due: &due,
                stakeholders: &stakeholders,
                completion: completion.as_deref(),
            };
            apply(plan, &write, |s| ops::milestone_add(s, &commitment, &new))
        }
        MilestoneCommand::Set {
            commitment,
            index,
            set,
            write,
        } => apply(plan, &write, |s| {
            ops::milestone_set(s, &commitment, index, &set.field, &set.change())
        }),
        MilestoneCommand::Remove {
            commitment,
            index,
            write,
        } => apply(plan, &write, |s| {
            ops::milestone_remove(s, &commitment, index)
        }),
    }
}

#[derive(Debug, clap::Args)]
pub struct ContributionArgs {
    #[command(subcommand)]
    command: ContributionCommand,
}

#[derive(Debug, clap::Subcommand)]
enum ContributionCommand {
    /// List the contributions, by phase or by what they are still owed
    List {
        /// Only the contributions still owed a response
        #[arg(long)]
        unanswered: bool,
        /// Only the contributions of this phase
        #[arg(long, value_name = "ID")]
        phase: Option<String>,
        /// Only the contributions of this space
        #[arg(long, value_name = "ID")]
        space: Option<String>,
        /// How to print them
        #[arg(long, value_enum, default_value_t = crate::cli::list::Format::Table)]
        format: crate::cli::list::Format,
    },
    /// Write the recorded responses for another tool: `decidim-answers` is the CSV that a
    /// Decidim administrator imports as proposal answers
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
    },
    /// Record the reasoned response to a contribution, replacing any earlier one
    Respond {
        /// The contribution's id (its reference in the online space)
        id: String,
        /// accepted, partially-accepted, merged, rejected or out-of-scope
        #[arg(long)]
        status: String,
        /// Why (required unless accepted)
        #[arg(long)]
        reason: Option<String>,
        /// The space that answered
        #[arg(long, value_name = "SPACE")]
        by: Option<String>,
        /// The day of the response (YYYY-MM-DD); today by default
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
    #[command(about = set_about("a contribution", &format::CONTRIBUTION))]
    Set {
        /// The contribution's id (its reference in the online space)
        id: String,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Add or update contributions from a Decidim export (CSV, JSON or the open-data ZIP),
    /// or from any platform's CSV with --map; a response already recorded is kept
    Import(crate::cli::import::Args),
    /// Enter a contribution made at a workshop, by e-mail or on paper; obert gives it an id
    /// (SPACE-YYYYMMDD-HASH), the same if it is entered again
    Add {
        /// The space it was made in
        #[arg(long, value_name = "SPACE")]
        space: String,
        /// The phase it belongs to
        #[arg(long, value_name = "ID")]
        phase: Option<String>,
        /// proposal or comment
        #[arg(long, default_value = "proposal")]
        kind: String,
        /// The day it was made (YYYY-MM-DD)
        #[arg(long)]
        date: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        body: Option<String>,
        /// Who made it, as the plan may publish it (a pseudonym or a public name)
        #[arg(long)]
        author: Option<String>,
        /// Add it to contributions/<FILE_ID>.toml; by default the file of its phase, else
        /// `entered`
        #[arg(long, value_name = "FILE_ID")]
        into: Option<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    /// id, state and answer/<language>, one row per answered proposal
    DecidimAnswers,
}

pub(crate) fn contribution(
    plan: Option<&Path>,
    today: Option<crate::model::Date>,
    args: ContributionArgs,
) -> anyhow::Result<Outcome> {
    match args.command {
        ContributionCommand::List {
            unanswered,
            phase,
            space,
            format,
        } => crate::cli::list::run(
            plan,
            crate::cli::list::Args {
                kind: crate::model::EntryKind::Contribution,
                space,
                phase,
                unanswered,
                format,
                rev: None,
            },
        ),
        ContributionCommand::Export {
            format: ExportFormat::DecidimAnswers,
        } => {
            let (_source, loaded) = crate::cli::open_plan(plan)?;
            let (csv, skipped) = crate::import::answers::decidim_answers(&loaded.plan);
            let mut out = std::io::stdout().lock();
            std::io::Write::write_all(&mut out, csv.as_bytes())?;
            std::io::Write::flush(&mut out)?;
            if skipped > 0 {
                crate::cli::note!(
                    "{} not exported: Decidim answers a proposal by the number its reference ends in, and these ids have none",
                    crate::rules::count_noun(skipped, "response was", "responses were")
                );
            }
            Ok(Outcome::Clean)
        }
        ContributionCommand::Respond {
            id,
            status,
            reason,
            by,
            date,
            write,
        } => {
            let response = NewResponse {
                status: &status,
                reason: reason.as_deref(),
                by: by.as_deref(),
                date: date.as_deref(),
                today,
            };
            apply(plan, &write, |s| {
                ops::contribution_respond(s, &id, &response)
            })
        }
        ContributionCommand::Set { id, set, write } => apply(plan, &write, |s| {
            ops::contribution_set(s, &id, &set.field, &set.change())
        }),
        ContributionCommand::Import(args) => crate::cli::import::run(plan, args),
        ContributionCommand::Add {
            space,
            phase,
            kind,
            date,
            title,
            body,
            author,
            into,
            write,
        } => {
            let new = ops::NewContribution {
                space: &space,
                phase: phase.as_deref(),
                kind: &kind,
                date: &date,
                title: title.as_deref(),
                body: body.as_deref(),
                author: author.as_deref(),
                into: into.as_deref(),
            };
            let id = std::cell::RefCell::new(String::new());
            let outcome = apply(plan, &write, |s| {
                let (affected, given) = ops::contribution_add(s, &new)?;
                *id.borrow_mut() = given;
                Ok(affected)
            })?;
            crate::cli::note!("the contribution's id is {}", id.borrow());
            Ok(outcome)
        }
    }
}
