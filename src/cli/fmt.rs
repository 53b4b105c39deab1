//! `obert fmt [--check]`: gives every plan file its canonical layout (see
//! [`crate::edit::fmt`]), all files or none, under the plan lock like every edit.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::Outcome;
use crate::edit::fmt::{FileKind, canonical};
use crate::edit::lock::PlanLock;
use crate::edit::session::unified_diff;
use crate::edit::write::write_plan;
use crate::source::{self, DirSource, Read, Source};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Change nothing: list the files that are not in the canonical layout and exit 1 if
    /// there are any (for CI)
    #[arg(long, conflicts_with = "dry_run")]
    check: bool,
    #[command(flatten)]
    write: super::edit::WriteArgs,
}

pub(super) fn run(plan: Option<&Path>, args: Args) -> anyhow::Result<Outcome> {
    let cwd = std::env::current_dir().context("cannot tell the current folder")?;
    let root = source::find_plan(plan, &cwd)?;
    let _lock = PlanLock::acquire(&root, &mut super::waiting_for_lock)?;
    crate::edit::write::recover(&root)?;
    let source = DirSource::new(&root);

    let mut paths = vec![
        "plan.toml".to_string(),
        "organisations.toml".to_string(),
        "people.toml".to_string(),
    ];
    for folder in ["spaces", "commitments", "contributions"] {
        for name in source.list(folder)? {
            paths.push(format!("{folder}/{name}"));
        }
    }

    let mut changed = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let Some(kind) = FileKind::of(&path) else {
            continue;
        };
        let shown = source.display_path(&path);
        let text = match source.read(&path)? {
            Read::Bytes(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    problems.push(format!("{shown}: not UTF-8 text"));
                    continue;
                }
            },
            Read::Missing => continue,
            Read::TooLarge(size) => {
                problems.push(format!("{shown}: too large to read ({size} bytes)"));
                continue;
            }
            Read::Refused(why) => {
                problems.push(format!("{shown}: {why}"));
                continue;
            }
        };
        match canonical(kind, &text) {
            Ok(formatted) if formatted != text => changed.push((path, shown, formatted)),
            Ok(_) => {}
            Err(error) => problems.push(format!("{shown}:{error}")),
        }
    }
    if !problems.is_empty() {
        bail!(
            "these files do not parse, so nothing was formatted; fix them first (`obert check` shows where):\n  {}",
            problems.join("\n  ")
        );
    }

    let mut out = std::io::stdout().lock();
    if args.check {
        for (_, shown, _) in &changed {
            writeln!(out, "{shown}")?;
        }
        out.flush()?;
        if changed.is_empty() {
            return Ok(Outcome::Clean);
        }
        crate::cli::note!(
            "{} not in the canonical layout; run `obert fmt`",
            crate::rules::count_noun(changed.len(), "file is", "files are")
        );
        return Ok(Outcome::Findings);
    }
    if args.write.dry_run {
        for (path, shown, formatted) in &changed {
            let original = match source.read(path)? {
                Read::Bytes(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                _ => String::new(),
            };
            let diff = unified_diff(shown, Some(&original), Some(formatted));
            out.write_all(crate::privacy::redact(&diff).as_bytes())?;
        }
        out.flush()?;
        crate::cli::note!("dry run: nothing was written");
        return Ok(Outcome::Clean);
    }
    let files: Vec<(PathBuf, Vec<u8>)> = changed
        .iter()
        .map(|(path, _, text)| (root.join(path), text.clone().into_bytes()))
        .collect();
    write_plan(&root, &files, &[])?;
    for (_, shown, _) in &changed {
        writeln!(out, "formatted {shown}")?;
    }
    out.flush()?;
    Ok(Outcome::Clean)
}
