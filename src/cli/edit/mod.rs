//! The edit commands (`org`, `person`, `space`, `member`, `meeting`, `phase`, `axis`,
//! `partner`, `plan set`, `commitment`, `milestone`, `contribution respond` and `set`,
//! `progress`, `assessment` and `publication`). Each parses its arguments and calls one
//! function of [`crate::edit::ops`]; what they share lives here: `--dry-run`, `set`'s value
//! forms, and the report printed after an edit.

pub(crate) mod commitments;
pub(crate) mod implementation;
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
    /// Add a value to a list field (repeatable; with --remove, what is removed goes first)
    #[arg(long, value_name = "VALUE", conflicts_with = "value")]
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
        } else if !self.add.is_empty() || !self.remove.is_empty() {
            Change::List {
                add: self.add.clone(),
                remove: self.remove.clone(),
            }
        } else {
            Change::Set {
                value: self.value.clone().unwrap_or_default(),
                lang: self.lang.clone(),
            }
        }
    }
}

/// `FILE` and `--map KEY=HEADER`, for every `import` of a spreadsheet.
#[derive(Debug, clap::Args)]
pub(crate) struct SheetArgs {
    /// A CSV file (`,`, `;` or tab separated, UTF-8) whose header line names the format's
    /// keys, one row per entry
    #[arg(value_name = "FILE")]
    pub file: std::path::PathBuf,
    /// Fill KEY from the column headed HEADER, for a sheet whose headers are not keys
    /// (repeatable)
    #[arg(long = "map", value_name = "KEY=HEADER", value_parser = key_equals_header)]
    pub maps: Vec<(String, String)>,
}

pub(crate) fn key_equals_header(raw: &str) -> Result<(String, String), String> {
    match raw.split_once('=') {
        Some((key, header)) if !key.trim().is_empty() && !header.trim().is_empty() => {
            Ok((key.trim().to_string(), header.trim().to_string()))
        }
        _ => Err(format!("`{raw}` is not KEY=HEADER")),
    }
}

impl SheetArgs {
    /// The sheet's bytes: a regular file, at most [`ops::MAX_SHEET_BYTES`].
    pub(crate) fn read(&self) -> anyhow::Result<Vec<u8>> {
        use crate::source::Read;
        let shown = self.file.display();
        let limit = crate::edit::ops::MAX_SHEET_BYTES;
        match crate::source::read_regular(&self.file, limit)
            .with_context(|| format!("cannot read {shown}"))?
        {
            Read::Bytes(bytes) => Ok(bytes),
            Read::TooLarge(_) => {
                anyhow::bail!("{shown} is larger than {} MiB; split it", limit >> 20)
            }
            Read::Refused(why) => anyhow::bail!("{shown} {why}; give the path of a CSV file"),
            Read::Missing => anyhow::bail!("cannot read {shown}: it is not there"),
        }
    }

    pub(crate) fn name(&self) -> String {
        self.file.display().to_string()
    }
}

/// Imports the sheet of `args` into `target`, then says what it did row by row.
pub(crate) fn import<'t>(
    plan: Option<&Path>,
    write: &WriteArgs,
    args: &SheetArgs,
    target: impl Fn(&Session) -> Result<(crate::edit::ops::SheetTarget<'t>, Affected), EditError>,
) -> anyhow::Result<Outcome> {
    use crate::edit::ops;
    let bytes = args.read()?;
    let counts = std::cell::Cell::new(ops::Imported::default());
    let outcome = apply(plan, write, |session| {
        let (target, affected) = target(session)?;
        let sheet = ops::read_sheet(&bytes, &args.name(), &target, &args.maps)?;
        counts.set(ops::import_sheet(session, &target, &sheet)?);
        Ok(affected)
    })?;
    let ops::Imported {
        added,
        updated,
        unchanged,
    } = counts.get();
    let would = if write.dry_run { "would be " } else { "" };
    crate::cli::note!(
        "{}: {added} {would}added, {updated} {would}updated, {unchanged} already as the sheet says",
        args.name()
    );
    Ok(outcome)
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
    for note in &finished.notes {
        crate::cli::note!("{note}");
    }
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
        let (removed, written): (Vec<&String>, Vec<&String>) = finished
            .changed
            .iter()
            .partition(|path| finished.removed.contains(path));
        let names = |paths: Vec<&String>| {
            paths
                .into_iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !written.is_empty() {
            crate::cli::note!("wrote {}", names(written));
        }
        if !removed.is_empty() {
            crate::cli::note!("removed {}", names(removed));
        }
    }
    if !crate::cli::terminal().quiet {
        writeln!(out, "{}", standing::line(&finished.after, &affected))?;
    }
    out.flush()?;
    crate::cli::keep_until_exit(finished);
    Ok(Outcome::Clean)
}
