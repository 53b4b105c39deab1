//! The edit commands (`org`, `person`, `space`, `member`, `meeting`, `phase`, `axis`,
//! `partner`, `plan set`, `commitment`, `milestone`, `contribution respond`). Each parses its
//! arguments and calls one function of [`crate::edit::ops`]; what they share lives here:
//! `--dry-run`, `set`'s value forms, and the report printed after an edit.

pub(crate) mod commitments;
pub(crate) mod people;
pub(crate) mod plan;
pub(crate) mod spaces;
mod standing;

pub(crate) use standing::contributions_line as standing_contributions;

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

use super::Outcome;
use crate::edit::fields::Change;
use crate::edit::ops::Affected;
use crate::edit::session::{EditError, Mode, Session};
use crate::source;

/// "Change a field of {what}: a, b, c": the help of a `set` command, naming the keys the
/// format lets `set` change.
pub(super) fn set_about(what: &str, spec: &'static crate::format::Table) -> String {
    let names: Vec<&str> = spec.settable().map(|key| key.name).collect();
    format!("Change a field of {what}: {}", names.join(", "))
}

/// What every edit command takes besides its own arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct WriteArgs {
    /// Print the change as a unified diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `<FIELD> [VALUE]` with `--unset`, `--add` and `--remove`, for every `set` command.
#[derive(Debug, clap::Args)]
pub(crate) struct SetArgs {
    /// The field to change
    #[arg(value_name = "FIELD")]
    pub field: String,
    /// The new value (a list field takes `a,b,c`)
    #[arg(value_name = "VALUE", required_unless_present_any = ["unset", "add", "remove"], allow_hyphen_values = true)]
    pub value: Option<String>,
    /// Remove the field
    #[arg(long, conflicts_with_all = ["value", "add", "remove"])]
    pub unset: bool,
    /// Add a value to a list field (repeatable)
    #[arg(long, value_name = "VALUE", conflicts_with_all = ["value", "remove"])]
    pub add: Vec<String>,
    /// Remove a value from a list field (repeatable)
    #[arg(long, value_name = "VALUE", conflicts_with = "value")]
    pub remove: Vec<String>,
    /// For text that is translated (titles, names, purposes): the language of VALUE; by
    /// default the plan's first language
    #[arg(long, value_name = "LANG", requires = "value")]
    pub lang: Option<String>,
}

impl SetArgs {
    pub(crate) fn change(&self) -> Change {
        if self.unset {
            Change::Unset
        } else if !self.add.is_empty() {
            Change::Add(self.add.clone())
        } else if !self.remove.is_empty() {
            Change::Remove(self.remove.clone())
        } else {
            Change::Set {
                value: self.value.clone().unwrap_or_default(),
                lang: self.lang.clone(),
            }
        }
    }
}

/// Runs one edit on the plan that `--plan` names: lock, read, change, check, then write (or
/// show, for `--dry-run`), and say where the changed part of the plan now stands.
pub(crate) fn apply(
    plan: Option<&Path>,
    write: &WriteArgs,
    edit: impl FnOnce(&mut Session) -> Result<Affected, EditError>,
) -> anyhow::Result<Outcome> {
    let cwd = std::env::current_dir().context("cannot tell the current folder")?;
    let root = source::find_plan(plan, &cwd)?;
    let mut session = Session::open(&root, &mut super::waiting_for_lock)?;
    let affected = edit(&mut session)?;
    let mode = if write.dry_run {
        Mode::DryRun
    } else {
        Mode::Write
    };
    let finished = session.finish(mode)?;
    let mut out = std::io::stdout().lock();
    if write.dry_run {
        // The diff may show a person's private fields; output never does.
        out.write_all(crate::privacy::redact(&finished.diff).as_bytes())?;
        if finished.changed.is_empty() {
            crate::cli::note!("nothing would change");
        } else {
            crate::cli::note!("dry run: nothing was written");
        }
    } else if finished.changed.is_empty() {
        crate::cli::note!("nothing to change: the plan says so already");
    } else {
        crate::cli::note!("wrote {}", finished.changed.join(", "));
    }
    if !crate::cli::terminal().quiet {
        writeln!(out, "{}", standing::line(&finished.after, &affected))?;
    }
    out.flush()?;
    Ok(Outcome::Clean)
}
