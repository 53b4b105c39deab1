//! `obert plan set`, `obert axis …` and `obert partner …`: the fields of plan.toml.

use std::path::PathBuf;

use super::{SetArgs, WriteArgs, apply};
use crate::cli::Outcome;
use crate::edit::ops;

#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    #[command(subcommand)]
    command: PlanCommand,
}

#[derive(Debug, clap::Subcommand)]
enum PlanCommand {
    /// Change a field of plan.toml: title, member, kind, languages, stage, website, vision,
    /// cocreation and implementation (as START..END), cocreation.start, cocreation.end,
    /// implementation.start, implementation.end,
    /// rules.commitments, rules.steering-group.government,
    /// rules.steering-group.civil-society, rules.forum.members, rules.forum.plenaries,
    /// rules.forum.sectors, rules.working-group.min-members, rules.working-group.max-members,
    /// rules.working-group.sessions, rules.working-group.sectors, rules.commitment.sections,
    /// or lints.<RULE>
    Set {
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub fn plan_command(plan: &Option<PathBuf>, args: PlanArgs) -> anyhow::Result<Outcome> {
    match args.command {
        PlanCommand::Set { set, write } => apply(plan, &write, |s| {
            ops::plan_set(s, &set.field, &set.change())
        }),
    }
}

#[derive(Debug, clap::Args)]
pub struct AxisArgs {
    #[command(subcommand)]
    command: AxisCommand,
}

#[derive(Debug, clap::Subcommand)]
enum AxisCommand {
    /// Add a work axis to plan.toml
    Add {
        id: String,
        #[arg(long)]
        title: String,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Change the title of a work axis (`--lang` for a translation)
    Set {
        id: String,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove a work axis that no commitment or contribution refers to
    Remove {
        id: String,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub fn axis(plan: &Option<PathBuf>, args: AxisArgs) -> anyhow::Result<Outcome> {
    match args.command {
        AxisCommand::Add { id, title, write } => {
            apply(plan, &write, |s| ops::axis_add(s, &id, &title))
        }
        AxisCommand::Set { id, set, write } => apply(plan, &write, |s| {
            ops::axis_set(s, &id, &set.field, &set.change())
        }),
        AxisCommand::Remove { id, write } => apply(plan, &write, |s| ops::axis_remove(s, &id)),
    }
}

#[derive(Debug, clap::Args)]
pub struct PartnerArgs {
    #[command(subcommand)]
    command: PartnerCommand,
}

#[derive(Debug, clap::Subcommand)]
enum PartnerCommand {
    /// Name an organisation as a partner that leads the process
    Add {
        organisation: String,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Remove a partner
    Remove {
        organisation: String,
        #[command(flatten)]
        write: WriteArgs,
    },
}

pub fn partner(plan: &Option<PathBuf>, args: PartnerArgs) -> anyhow::Result<Outcome> {
    match args.command {
        PartnerCommand::Add {
            organisation,
            write,
        } => apply(plan, &write, |s| ops::partner_add(s, &organisation)),
        PartnerCommand::Remove {
            organisation,
            write,
        } => apply(plan, &write, |s| ops::partner_remove(s, &organisation)),
    }
}
