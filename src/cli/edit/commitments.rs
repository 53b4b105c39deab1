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
    /// Decidim administrator imports as proposal answers, one proposals component at a time
    /// (Decidim 0.26 and later; see docs/online.md)
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The Decidim proposals component to answer (the number after `/f/` in its
        /// address); needed only when the plan's imported proposals come from several
        #[arg(long, value_name = "ID")]
        component: Option<u64>,
        /// The character between fields: `;`, Decidim's default and the only one 0.26 and
        /// 0.27 read; or `,` for a 0.28+ site configured so (participa.gencat.cat)
        #[arg(long, value_name = "CHAR", value_parser = [";", ","], default_value = ";")]
        separator: String,
        /// Also send the answers the import took from Decidim and nobody changed since
        /// (by default only responses written or changed in the plan go)
        #[arg(long)]
        all: bool,
        /// Write the file here (replaced if it exists); `-` or nothing for stdout
        #[arg(short, long, value_name = "PATH")]
        output: Option<std::path::PathBuf>,
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
    /// id, state and answer/<language> (HTML), one row per answered proposal of one
    /// component
    DecidimAnswers,
}

/// What the answers file holds and what it left out, on stderr.
fn tell_answers(
    file: &crate::import::answers::AnswersFile,
    request: crate::import::answers::Request,
) {
    use crate::rules::count_noun;
    let columns: Vec<String> = file
        .languages
        .iter()
        .map(|lang| format!("answer/{lang}"))
        .collect();
    if file.written == 0 {
        crate::cli::note!(
            "no answer to send for component {}: the file holds only its header",
            file.component
        );
    } else {
        crate::cli::note!(
            "{} of component {} (id{sep}state{sep}{}), separated by `{sep}`: import it in Decidim's admin, the component's Import → answers; Decidim replaces each proposal's whole answer",
            count_noun(file.written, "answer", "answers"),
            file.component,
            columns.join(&request.separator.to_string()),
            sep = request.separator,
        );
    }
    let left = &file.left_out;
    let mut reasons = Vec::new();
    if left.unchanged > 0 {
        reasons.push(format!(
            "{} unchanged since the import: Decidim's own answers (`--all` sends them too)",
            count_noun(left.unchanged, "response", "responses")
        ));
    }
    if left.no_decidim_id > 0 {
        reasons.push(format!(
            "{} with no Decidim id: entered by hand, or imported before obert recorded `source-id` (import the export again)",
            count_noun(left.no_decidim_id, "contribution", "contributions")
        ));
    }
    for (component, count) in &left.other_components {
        reasons.push(format!(
            "{} of component {component} (`--component {component}` writes its file)",
            count_noun(*count, "proposal", "proposals")
        ));
    }
    if left.amendments > 0 {
        reasons.push(format!(
            "{}: Decidim refuses a file that answers one",
            count_noun(left.amendments, "amendment", "amendments")
        ));
    }
    if left.hidden > 0 {
        reasons.push(format!(
            "{} hidden by Decidim's moderators",
            count_noun(left.hidden, "proposal", "proposals")
        ));
    }
    if left.withdrawn > 0 {
        reasons.push(format!(
            "{}: an answer would replace Decidim's `withdrawn` state",
            count_noun(left.withdrawn, "withdrawn proposal", "withdrawn proposals")
        ));
    }
    if left.without_status > 0 {
        reasons.push(format!(
            "{} without a status, which Decidim needs (`obert contribution respond`)",
            count_noun(left.without_status, "response", "responses")
        ));
    }
    if left.repeated > 0 {
        reasons.push(format!(
            "{} with the Decidim id of a proposal already in the file",
            count_noun(left.repeated, "proposal", "proposals")
        ));
    }
    for reason in reasons {
        crate::cli::note!("left out: {reason}");
    }
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
            component,
            separator,
            all,
            output,
        } => {
            let (_source, loaded) = crate::cli::open_plan(plan)?;
            let request = crate::import::answers::Request {
                component,
                separator: if separator == "," { ',' } else { ';' },
                all,
            };
            let file = crate::import::answers::decidim_answers(&loaded.plan, request)?;
            crate::cli::report::write_result(output.as_deref(), file.csv.as_bytes())?;
            tell_answers(&file, request);
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
