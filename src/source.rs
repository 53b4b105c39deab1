//! Where a plan's files come from. Only this module touches the filesystem, so that a git
//! revision can later stand in for the working tree without the loader knowing.
//!
//! The plan folder is a boundary: a plan arrives in pull requests, and CI reads it with
//! secrets around. So a read never leaves the folder (a symbolic link that leads out of it is
//! refused, wherever on the path it stands), never opens anything but a regular file (a
//! device or a FIFO could hand over endless bytes or block for ever), and never reads more
//! than [`MAX_FILE_BYTES`], whatever the file's size said when it was looked at.

use std::io::{self, Read as _};
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
    /// Not read, because reading it would cross the plan's boundary: the words say why
    /// ("is a symbolic link that leads out of the plan folder").
    Refused(&'static str),
}

/// Reads the regular file at `path`, at most `limit` bytes: a folder is an error; a device,
/// a FIFO or a socket is refused rather than read (it may never end); a file larger than
/// `limit` is `TooLarge`. The size is looked at before opening, and the read is bounded all
/// the same, for a file that grows meanwhile or whose size says nothing of its contents.
/// Plan files go through it, and so do the files a user names (a sheet, an export).
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Read> {
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(io::Error::other("is a folder, not a file"));
    }
    if !metadata.is_file() {
        return Ok(Read::Refused(NOT_A_REGULAR_FILE));
    }
    if metadata.len() > limit {
        return Ok(Read::TooLarge(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Read::TooLarge(bytes.len() as u64));
    }
    Ok(Read::Bytes(bytes))
}

/// Why a symbolic link is refused.
pub const LINK_OUT_OF_PLAN: &str = "is a symbolic link that leads out of the plan folder";
/// Why a device, a FIFO or a socket is refused.
pub const NOT_A_REGULAR_FILE: &str =
    "is not a regular file (a device, a FIFO or a socket), which obert does not read";

/// A read-only view of a plan folder. Paths are relative to the plan folder and use `/`.
pub trait Source {
    /// The file's bytes, or why there are none.
    fn read(&self, path: &str) -> io::Result<Read>;
    /// The names of the files directly inside a folder (not sub-folders), sorted; empty
    /// when the folder does not exist.
    fn list(&self, dir: &str) -> io::Result<Vec<String>>;
    /// [`Source::list`], keeping only the names that `keep` accepts: a source that lists
    /// from names it keeps copies only those.
    fn list_where(&self, dir: &str, keep: &mut dyn FnMut(&str) -> bool) -> io::Result<Vec<String>> {
        let mut names = self.list(dir)?;
        names.retain(|name| keep(name));
        Ok(names)
    }
    /// Whether a file or folder exists.
    fn exists(&self, path: &str) -> bool;
    /// Whether a file it does not show is one the plan lacks. Not for a view of some of a
    /// plan's files (an entry's history reads only that entry's): a reference from them
    /// to another file cannot be checked there, and reporting it missing would be wrong.
    fn shows_every_file(&self) -> bool {
        true
    }
    /// How to show a plan path to the user: the path as they would type it from where
    /// they are.
    fn display_path(&self, path: &str) -> String;
    /// What names the file's bytes without reading them, where the source can tell (the
    /// blob's id in a git revision): files with the same fingerprint have the same bytes.
    fn fingerprint(&self, _path: &str) -> Option<Vec<u8>> {
        None
    }
    /// Where `path` can be read again once this reading is over, if anywhere: a large file's
    /// text is let go once its entries are decoded, and read again only to show a finding
    /// in it (see [`crate::diag::SourceFile::release`]). Only the working tree can.
    fn again(&self, _path: &str) -> Option<DirSource> {
        None
    }
}

/// A digest of `bytes`, to tell whether a file read again still holds the bytes read the
/// first time. It is fast (one multiplication per eight bytes, a few milliseconds for a
/// large plan) rather than resistant to collisions made on purpose: only a file that changes
/// while obert runs is compared, and whoever can change it then can change anything.
pub fn digest(bytes: &[u8]) -> u64 {
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
    let step = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(MIX);
    let word = |chunk: &[u8]| {
        let mut word = [0; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        u64::from_le_bytes(word)
    };
    // Four lanes that do not wait for each other, so that their multiplications overlap:
    // four times the speed of one.
    let mut lanes = [bytes.len() as u64, 1, 2, 3];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, chunk) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = step(*lane, word(chunk));
        }
    }
    let hash = lanes.iter().fold(0, |hash, &lane| step(hash, lane));
    blocks
        .remainder()
        .chunks(8)
        .fold(hash, |hash, chunk| step(hash, word(chunk)))
}

/// A plan folder in the working tree.
#[derive(Debug, Clone)]
pub struct DirSource {
    root: PathBuf,
    /// `root` as it is shown to the user, relative to the current folder where possible.
    shown_root: PathBuf,
    /// `root` with every link resolved, which each read is checked against: looked up once.
    real_root: std::sync::OnceLock<PathBuf>,
}

impl DirSource {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        let shown_root = relative_to_cwd(&root);
        DirSource {
            root,
            shown_root,
            real_root: std::sync::OnceLock::new(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn full(&self, path: &str) -> PathBuf {
        self.root.join(path)
    }

    /// Where `full` really is, every symbolic link on its way resolved, if that is inside
    /// the plan folder. A dangling link counts as missing only when it would stay inside.
    fn inside(&self, full: &Path) -> io::Result<Inside> {
        let real = match std::fs::canonicalize(full) {
            Ok(real) => real,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Ok(match std::fs::symlink_metadata(full) {
                    Ok(link) if link.is_symlink() => Inside::Outside,
                    _ => Inside::Missing,
                });
            }
            Err(error) => return Err(error),
        };
        // A root that cannot be resolved holds nothing that can be read.
        let root = self
            .real_root
            .get_or_init(|| std::fs::canonicalize(&self.root).unwrap_or_default());
        Ok(if !root.as_os_str().is_empty() && real.starts_with(root) {
            Inside::At(real)
        } else {
            Inside::Outside
        })
    }
}

enum Inside {
    Missing,
    Outside,
    At(PathBuf),
}

impl Source for DirSource {
    fn read(&self, path: &str) -> io::Result<Read> {
        let full = self.full(path);
        let real = match self.inside(&full)? {
            Inside::Missing => return Ok(Read::Missing),
            Inside::Outside => return Ok(Read::Refused(LINK_OUT_OF_PLAN)),
            Inside::At(real) => real,
        };
        read_regular(&real, MAX_FILE_BYTES)
    }

    fn list(&self, dir: &str) -> io::Result<Vec<String>> {
        let full = self.full(dir);
        let real = match self.inside(&full)? {
            Inside::Missing => return Ok(Vec::new()),
            // Listing it would show the names of files outside the plan.
            Inside::Outside => return Err(io::Error::other(LINK_OUT_OF_PLAN)),
            Inside::At(real) => real,
        };
        let entries = match std::fs::read_dir(real) {
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

    fn again(&self, _path: &str) -> Option<DirSource> {
        Some(self.clone())
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

#[cfg(test)]
mod tests {
    use super::digest;

    /// A digest tells apart texts that differ in one byte anywhere, or in their length
    /// alone (a text and the same text with zero bytes after it).
    #[test]
    fn a_digest_changes_with_any_byte_and_with_the_length() {
        let text: Vec<u8> = (0..200u8).collect();
        for len in [0, 1, 7, 8, 9, 31, 32, 33, 100, 200] {
            let part = &text[..len];
            let mut longer = part.to_vec();
            assert_eq!(digest(part), digest(&longer));
            longer.push(0);
            assert_ne!(digest(part), digest(&longer), "length {len}");
            for at in 0..len {
                let mut changed = part.to_vec();
                changed[at] ^= 1;
                assert_ne!(digest(part), digest(&changed), "byte {at} of {len}");
            }
        }
    }
}
