//! `obert plan set`, `obert axis …` and `obert partner …`: the fields of plan.toml.

use std::path::Path;

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
    #[command(about = plan_set_about())]
    Set {
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
}

/// The help of `obert plan set`, naming every setting it takes.
fn plan_set_about() -> String {
    format!(
        "Change a field of plan.toml: {} (a period also as START..END)",
        ops::plan_field_names().join(", ")
    )
}

pub(crate) fn plan_command(plan: Option<&Path>, args: PlanArgs) -> anyhow::Result<Outcome> {
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

pub(crate) fn axis(plan: Option<&Path>, args: AxisArgs) -> anyhow::Result<Outcome> {
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

pub(crate) fn partner(plan: Option<&Path>, args: PartnerArgs) -> anyhow::Result<Outcome> {
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
