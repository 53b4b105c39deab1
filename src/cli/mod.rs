//! The command line: one file per command, each with its clap arguments and a `run`.

mod check;
pub(crate) mod edit;
mod explain;
mod fmt;
mod init;
mod list;
mod render;
mod show;
mod status;
mod view;

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::load::{self, Loaded};
use crate::source::{self, DirSource};

/// Keep an Open Government Partnership action plan as plain text, check it against the
/// rules of its co-creation process, and see where it stands.
#[derive(Debug, Parser)]
#[command(name = "obert", version, about, max_term_width = 100)]
pub struct Cli {
    /// The plan folder (the one that holds plan.toml); by default the current folder or
    /// the nearest parent with plan.toml or plan/plan.toml
    #[arg(long, global = true, env = "OBERT_PLAN", value_name = "DIR")]
    pub plan: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a plan: write the example plan, or a blank skeleton, to DIR/plan in a git
    /// repository (created if DIR has none); nothing is committed
    Init(init::Args),
    /// Check the plan against every rule and report the findings
    Check(check::Args),
    /// Explain a rule: what it checks, why, and how to fix it; without a rule, list them all
    Explain(explain::Args),
    /// Where the plan stands: each space against its rules, the commitments, the responses
    /// owed to contributions
    Status(status::Args),
    /// One row per entry of a kind, as a table, JSON or CSV
    List(list::Args),
    /// One entry, whole: an organisation, person, space, commitment, axis, contribution, or
    /// a meeting as SPACE/MEETING
    Show(show::Args),
    /// Write the action plan document: a self-contained HTML page, or Markdown
    Render(render::Args),
    /// Give every plan file its canonical layout (key order as in the format, one blank line
    /// between entries), keeping comments
    Fmt(fmt::Args),
    /// Organisations: add, change or remove one
    Org(edit::people::OrgArgs),
    /// People: add, change or remove one
    Person(edit::people::PersonArgs),
    /// Co-creation spaces: add one (spaces/<ID>.toml) or change its fields
    Space(edit::spaces::SpaceArgs),
    /// Members of a space: add one, record that one left, or remove one
    Member(edit::spaces::MemberArgs),
    /// Meetings of a space: add, change or remove one
    Meeting(edit::spaces::MeetingArgs),
    /// Consultation phases of an online space
    Phase(edit::spaces::PhaseArgs),
    /// Work axes of the plan
    Axis(edit::plan::AxisArgs),
    /// Partners: the organisations that lead the process
    Partner(edit::plan::PartnerArgs),
    /// The plan's own fields (title, periods, rules, lints)
    Plan(edit::plan::PlanArgs),
    /// Commitments: write a new one from the template, or change its front matter
    Commitment(edit::commitments::CommitmentArgs),
    /// Milestones of a commitment: add, change or remove one
    Milestone(edit::commitments::MilestoneArgs),
    /// Contributions from the online space: record the reasoned response to one
    Contribution(edit::commitments::ContributionArgs),
}

/// What a command asks `main` to exit with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Clean,
    /// Exit 1: findings at error level (or warnings under `--deny-warnings`).
    Findings,
}

/// Runs the command line; an `Err` means the tool could not do its job (exit 2).
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        // `--plan` names an existing plan; init makes a new one wherever DIR says.
        Command::Init(args) => init::run(args),
        Command::Check(args) => check::run(&cli.plan, args),
        Command::Explain(args) => explain::run(args),
        Command::Status(args) => status::run(&cli.plan, args),
        Command::List(args) => list::run(&cli.plan, args),
        Command::Show(args) => show::run(&cli.plan, args),
        Command::Render(args) => render::run(&cli.plan, args),
        Command::Fmt(args) => fmt::run(&cli.plan, args),
        Command::Org(args) => edit::people::org(&cli.plan, args),
        Command::Person(args) => edit::people::person(&cli.plan, args),
        Command::Space(args) => edit::spaces::space(&cli.plan, args),
        Command::Member(args) => edit::spaces::member(&cli.plan, args),
        Command::Meeting(args) => edit::spaces::meeting(&cli.plan, args),
        Command::Phase(args) => edit::spaces::phase(&cli.plan, args),
        Command::Axis(args) => edit::plan::axis(&cli.plan, args),
        Command::Partner(args) => edit::plan::partner(&cli.plan, args),
        Command::Plan(args) => edit::plan::plan_command(&cli.plan, args),
        Command::Commitment(args) => edit::commitments::commitment(&cli.plan, args),
        Command::Milestone(args) => edit::commitments::milestone(&cli.plan, args),
        Command::Contribution(args) => edit::commitments::contribution(&cli.plan, args),
    }
}

/// Finds and loads the plan that `--plan` names, or the one around the current folder.
pub(crate) fn open_plan(plan: &Option<PathBuf>) -> anyhow::Result<(DirSource, Loaded)> {
    let cwd = std::env::current_dir().context("cannot tell the current folder")?;
    let root = source::find_plan(plan.as_deref(), &cwd)?;
    let source = DirSource::new(root);
    let loaded = load::load(&source)?;
    Ok((source, loaded))
}

/// Whether to colour output: only on a terminal, and never when `NO_COLOR` is set.
pub(crate) fn use_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
