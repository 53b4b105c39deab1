//! `obert schema [--out DIR]`: JSON Schemas of the plan files, for editors.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the schemas into this folder (created if missing); without it, list where
    /// they would go
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub(super) fn run(args: Args) -> anyhow::Result<Outcome> {
    let schemas = crate::format::schema::all();
    let mut out = std::io::stdout().lock();
    match args.out {
        Some(dir) => {
            crate::edit::write::own_folder(&dir, |name| {
                schemas.iter().any(|(schema, _)| *schema == name)
            })?;
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create `{}`", dir.display()))?;
            let files: Vec<(PathBuf, Vec<u8>)> = schemas
                .iter()
                .map(|(name, text)| (dir.join(name), text.clone().into_bytes()))
                .collect();
            for (path, bytes) in &files {
                crate::edit::write::write_output(path, bytes)?;
            }
            if !super::terminal().quiet {
                for (path, _) in &files {
                    writeln!(out, "wrote {}", path.display())?;
                }
            }
        }
        None => {
            let dir = default_dir();
            for (name, _) in &schemas {
                writeln!(out, "{}", dir.join(name).display())?;
            }
            super::note!(
                "these are the schemas `obert schema --out {}` would write; docs/ci.md says how to point an editor at them",
                dir.display()
            );
        }
    }
    out.flush()?;
    Ok(Outcome::Clean)
}

/// `schema/` at the root of the repository around the current folder, or in it.
fn default_dir() -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = crate::history::git::working_tree_of(&cwd).unwrap_or_else(|| cwd.clone());
    let relative = root
        .strip_prefix(&cwd)
        .map(Path::to_path_buf)
        .unwrap_or(root);
    relative.join("schema")
}
