//! The command line: one file per command, each with its clap arguments and a `run`.

mod check;
mod completions;
mod diff;
pub(crate) mod edit;
mod explain;
mod export;
mod fmt;
pub(crate) mod import;
mod init;
pub(crate) mod list;
mod log;
mod man;
mod render;
mod report;
mod schema;
mod show;
mod status;
mod view;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::load::{self, Loaded};
use crate::source::{self, DirSource, Source as _};

/// Keep an Open Government Partnership action plan as plain text, check it against the
/// rules of its co-creation process, and see where it stands.
#[derive(Debug, Parser)]
#[command(name = "obert", version, about, max_term_width = 100)]
pub struct Cli {
    /// The plan folder (the one that holds plan.toml); by default the current folder or
    /// the nearest parent with plan.toml or plan/plan.toml
    #[arg(long, global = true, env = "OBERT_PLAN", value_name = "DIR")]
    pub plan: Option<PathBuf>,

    /// When to colour output: auto (on a terminal, unless NO_COLOR is set; CLICOLOR_FORCE
    /// forces it), always, never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only the findings (check) or the requested data: no summaries, no notes
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also say how many files were read and how long each step took (on stderr)
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Take this date (YYYY-MM-DD) as today: for the rules about what is past or due, and the
    /// date an edit records when none is given; by default the system clock's date (UTC)
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<crate::model::Date>,

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
    /// The self-assessment report, or one commitment's end-of-commitment report, in OGP's
    /// structure, as Markdown in the plan's languages
    Report(report::Args),
    /// The implementation for other tools: the IRM's review sheet (CSV or JSON), or
    /// Decidim's accountability results CSV
    Export(export::Args),
    /// Give every plan file its canonical layout (key order as in the format, one blank line
    /// between entries), keeping comments
    Fmt(fmt::Args),
    /// What changed in the plan between two revisions (or a revision and the working tree),
    /// in plan terms, with the findings the change introduces and resolves
    Diff(diff::Args),
    /// The history of the plan, or of one entry, newest first, in the words of `diff`
    Log(log::Args),
    /// JSON Schemas of the plan files, for editors that complete and validate TOML
    Schema(schema::Args),
    /// A shell completion script (bash, zsh, fish, powershell or elvish) on stdout
    Completions(completions::Args),
    /// Manual pages (roff) for obert and each of its commands
    Man(man::Args),
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
    /// Progress on the commitments during implementation: record a dated report
    Progress(edit::implementation::ProgressArgs),
    /// What the IRM, a Local Monitoring Body or the plan itself said of a commitment
    Assessment(edit::implementation::AssessmentArgs),
    /// The days progress was published on the plan's web page
    Publication(edit::implementation::PublicationArgs),
}

fn parse_date(text: &str) -> Result<crate::model::Date, String> {
    crate::model::Date::parse(text)
        .ok_or_else(|| format!("`{text}` is not a date: write YYYY-MM-DD, a day that exists"))
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The terminal settings every command follows, set once from the global flags.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Terminal {
    pub color: ColorChoice,
    pub quiet: bool,
    pub verbose: bool,
}

static TERMINAL: std::sync::OnceLock<Terminal> = std::sync::OnceLock::new();

pub(crate) fn terminal() -> Terminal {
    TERMINAL.get().copied().unwrap_or(Terminal {
        color: ColorChoice::Auto,
        quiet: false,
        verbose: false,
    })
}

/// Writes one line for the user on stderr. Notes and reports of progress go through here,
/// so that nothing else in obert prints; a closed stderr is not worth failing over.
pub(crate) fn say(line: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// A note for the user on stderr (`wrote …`, `dry run: …`), which `-q` silences.
macro_rules! note {
    ($($arg:tt)*) => {
        if !$crate::cli::terminal().quiet {
            $crate::cli::say(format_args!($($arg)*));
        }
    };
}
pub(crate) use note;

/// Told when an edit waits for another to release the plan.
pub(crate) fn waiting_for_lock() {
    note!("waiting for another obert command to finish editing the plan…");
}

/// `-v`: how much of the plan was read, from where, and how long it took.
fn report_read(loaded: &Loaded, from: &str, started: std::time::Instant) {
    if !terminal().verbose {
        return;
    }
    let bytes: usize = (0..loaded.files.len())
        .map(|i| loaded.files.get(crate::diag::FileId(i as u32)).len())
        .sum();
    say(format_args!(
        "obert: read {} ({bytes} bytes) from {from} in {:.0?}",
        crate::rules::count_noun(loaded.files.len(), "file", "files"),
        started.elapsed()
    ));
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
    let _ = TERMINAL.set(Terminal {
        color: cli.color,
        quiet: cli.quiet,
        verbose: cli.verbose,
    });
    let started = std::time::Instant::now();
    let outcome = dispatch(cli);
    if terminal().verbose {
        say(format_args!("obert: done in {:.0?}", started.elapsed()));
    }
    outcome
}

fn dispatch(cli: Cli) -> anyhow::Result<Outcome> {
    // The day rules about past meetings judge from, and a response's default date: read
    // once here, and passed to the commands that need it.
    let today = cli.today.or_else(crate::model::Date::from_clock);
    match cli.command {
        // `--plan` names an existing plan; init makes a new one wherever DIR says.
        Command::Init(args) => init::run(args),
        Command::Check(args) => check::run(cli.plan.as_deref(), today, args),
        Command::Explain(args) => explain::run(args),
        Command::Status(args) => status::run(cli.plan.as_deref(), today, args),
        Command::List(args) => list::run(cli.plan.as_deref(), args),
        Command::Show(args) => show::run(cli.plan.as_deref(), args),
        Command::Render(args) => render::run(cli.plan.as_deref(), today, args),
        Command::Report(args) => report::run(cli.plan.as_deref(), today, args),
        Command::Export(args) => export::run(cli.plan.as_deref(), args),
        Command::Fmt(args) => fmt::run(cli.plan.as_deref(), args),
        Command::Diff(args) => diff::run(cli.plan.as_deref(), today, args),
        Command::Log(args) => log::run(cli.plan.as_deref(), today, args),
        Command::Schema(args) => schema::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Org(args) => edit::people::org(cli.plan.as_deref(), args),
        Command::Person(args) => edit::people::person(cli.plan.as_deref(), args),
        Command::Space(args) => edit::spaces::space(cli.plan.as_deref(), args),
        Command::Member(args) => edit::spaces::member(cli.plan.as_deref(), args),
        Command::Meeting(args) => edit::spaces::meeting(cli.plan.as_deref(), args),
        Command::Phase(args) => edit::spaces::phase(cli.plan.as_deref(), args),
        Command::Axis(args) => edit::plan::axis(cli.plan.as_deref(), args),
        Command::Partner(args) => edit::plan::partner(cli.plan.as_deref(), args),
        Command::Plan(args) => edit::plan::plan_command(cli.plan.as_deref(), args),
        Command::Commitment(args) => edit::commitments::commitment(cli.plan.as_deref(), args),
        Command::Milestone(args) => edit::commitments::milestone(cli.plan.as_deref(), args),
        Command::Contribution(args) => {
            edit::commitments::contribution(cli.plan.as_deref(), today, args)
        }
        Command::Progress(args) => edit::implementation::progress(cli.plan.as_deref(), today, args),
        Command::Assessment(args) => {
            edit::implementation::assessment(cli.plan.as_deref(), today, args)
        }
        Command::Publication(args) => {
            edit::implementation::publication(cli.plan.as_deref(), today, args)
        }
    }
}

/// Leaves `value` unfreed. A command runs once per process (only the binary calls
/// [`run`]), and the process ends right after it: the system takes back its memory at once,
/// where freeing a large plan entry by entry cost about 4% of `obert check`.
pub(crate) fn keep_until_exit<T>(value: T) {
    std::mem::forget(value);
}

/// Finds and loads the plan that `--plan` names, or the one around the current folder.
pub(crate) fn open_plan(plan: Option<&Path>) -> anyhow::Result<(DirSource, Loaded)> {
    let cwd = std::env::current_dir().context("cannot tell the current folder")?;
    let root = source::find_plan(plan, &cwd)?;
    let source = DirSource::new(root);
    let started = std::time::Instant::now();
    let loaded = load::load(&source)?;
    report_read(&loaded, &source.display_path(""), started);
    Ok((source, loaded))
}

/// Finds and loads the plan as it was at git revision `rev` (`--rev`), straight from the
/// repository's objects: the same plan folder `open_plan` would find, in that commit.
pub(crate) fn open_plan_at(
    plan: Option<&Path>,
    rev: &str,
) -> anyhow::Result<(
    crate::history::git::GitSource,
    crate::history::git::RevInfo,
    Loaded,
)> {
    let cwd = std::env::current_dir().context("cannot tell the current folder")?;
    let (source, info) = crate::history::git::open(plan, &cwd, rev)?;
    let started = std::time::Instant::now();
    let loaded = load::load(&source)?;
    report_read(
        &loaded,
        &format!("{} at {info}", source.display_path("")),
        started,
    );
    Ok((source, info, loaded))
}

/// Whether to colour output: `--color always|never`, or, for auto, on a terminal unless
/// `NO_COLOR` is set (<https://no-color.org>), or whenever `CLICOLOR_FORCE` is set to
/// anything but 0.
pub(crate) fn use_color() -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    match terminal().color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if set("NO_COLOR") {
                false
            } else if set("CLICOLOR_FORCE")
                && std::env::var_os("CLICOLOR_FORCE") != Some("0".into())
            {
                true
            } else {
                std::io::stdout().is_terminal()
            }
        }
    }
}
