//! Where a plan's files come from. Only this module touches the filesystem, so that a git
//! revision can later stand in for the working tree without the loader knowing.

use std::io;
use std::path::{Path, PathBuf};

/// Files larger than this are refused rather than read: no plan file is anywhere near it,
/// and reading a runaway file whole would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What reading one file gave.
#[derive(Debug)]
pub enum Read {
    Bytes(Vec<u8>),
    Missing,
    TooLarge(u64),
}

/// A read-only view of a plan folder. Paths are relative to the plan folder and use `/`.
pub trait Source {
    /// The file's bytes, or why there are none.
    fn read(&self, path: &str) -> io::Result<Read>;
    /// The names of the files directly inside a folder (not sub-folders), sorted; empty
    /// when the folder does not exist.
    fn list(&self, dir: &str) -> io::Result<Vec<String>>;
    /// Whether a file or folder exists.
    fn exists(&self, path: &str) -> bool;
    /// How to show a plan path to the user: the path as they would type it from where
    /// they are.
    fn display_path(&self, path: &str) -> String;
}

/// A plan folder in the working tree.
#[derive(Debug, Clone)]
pub struct DirSource {
    root: PathBuf,
    /// `root` as it is shown to the user, relative to the current folder where possible.
    shown_root: PathBuf,
}

impl DirSource {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        let shown_root = relative_to_cwd(&root);
        DirSource { root, shown_root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn full(&self, path: &str) -> PathBuf {
        self.root.join(path)
    }
}

impl Source for DirSource {
    fn read(&self, path: &str) -> io::Result<Read> {
        let full = self.full(path);
        let metadata = match std::fs::metadata(&full) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Read::Missing),
            Err(error) => return Err(error),
        };
        if metadata.is_dir() {
            return Err(io::Error::other("is a folder, not a file"));
        }
        if metadata.len() > MAX_FILE_BYTES {
            return Ok(Read::TooLarge(metadata.len()));
        }
        std::fs::read(&full).map(Read::Bytes)
    }

    fn list(&self, dir: &str) -> io::Result<Vec<String>> {
        let entries = match std::fs::read_dir(self.full(dir)) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                continue;
            }
            // A name that is not UTF-8 cannot be an id; keep it lossily so the loader can
            // say so instead of silently skipping the file.
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        Ok(names)
    }

    fn exists(&self, path: &str) -> bool {
        self.full(path).exists()
    }

    fn display_path(&self, path: &str) -> String {
        let shown = self.shown_root.join(path);
        shown
            .to_string_lossy()
            .replace('\\', "/")
            .trim_end_matches('/')
            .to_string()
    }
}

/// `path` with `.` and `..` resolved by the names alone, without touching the filesystem
/// (the path may not exist yet, and symbolic links are not followed).
pub fn lexically_normal(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

fn relative_to_cwd(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return path.to_path_buf();
    };
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    // `--plan .` or `--plan ./plan` should read as `people.toml` and `plan/people.toml`.
    let tidy = |p: &Path| -> PathBuf {
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    match absolute.strip_prefix(&cwd) {
        Ok(relative) => tidy(relative),
        Err(_) => tidy(path),
    }
}

/// Where the plan is: `explicit` (from `--plan` or `OBERT_PLAN`) if given, otherwise the
/// first of `start` and its parents that holds `plan.toml` or `plan/plan.toml`.
pub fn find_plan(explicit: Option<&Path>, start: &Path) -> Result<PathBuf, FindError> {
    if let Some(dir) = explicit {
        if dir.join("plan.toml").is_file() {
            return Ok(dir.to_path_buf());
        }
        if dir.join("plan").join("plan.toml").is_file() {
            return Ok(dir.join("plan"));
        }
        return Err(FindError::NotAPlan(dir.to_path_buf()));
    }
    for dir in start.ancestors() {
        if dir.join("plan.toml").is_file() {
            return Ok(dir.to_path_buf());
        }
        if dir.join("plan").join("plan.toml").is_file() {
            return Ok(dir.join("plan"));
        }
    }
    Err(FindError::NotFound(start.to_path_buf()))
}

#[derive(Debug, thiserror::Error)]
pub enum FindError {
    #[error("`{}` holds no `plan.toml` (nor `plan/plan.toml`)", .0.display())]
    NotAPlan(PathBuf),
    #[error(
        "no plan found in `{}` or any parent folder: run obert inside a plan repository, or name the plan folder with `--plan DIR` or `OBERT_PLAN`",
        .0.display()
    )]
    NotFound(PathBuf),
}
