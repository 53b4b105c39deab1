//! Writing files so that a reader, a crash or a full disk never sees half of one: each file
//! goes to a temporary file, is flushed to disk, and is renamed over the old one, which is
//! atomic on the same filesystem.
//!
//! Plan edits ([`write_plan`]) stage their temporary files in the git folder of the plan's
//! repository, where `git status` never shows them, and keep a journal while they rename, so
//! that an edit of several files killed half-way is finished by the next edit ([`recover`]):
//! all of its files, never some. Documents and other output ([`write_output`]) respect what
//! is at the path: a symbolic link is written through, a device or a FIFO is written
//! directly, and neither is ever replaced by a regular file.

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The cause is the `source`, so that a report of the whole chain says it once.
#[derive(Debug, thiserror::Error)]
#[error("cannot write `{}`", .path.display())]
pub struct WriteError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Writes every file, all or nothing as far as the filesystem allows: all temporary files
/// are written (beside each file) and synced before the first rename, so a failure while
/// writing (disk full, permissions) leaves every file as it was.
pub fn write_all(files: &[(PathBuf, Vec<u8>)]) -> Result<(), WriteError> {
    let staged = stage_all(files, None)?;
    rename_all(&staged)
}

/// Writes the files of an edit of the plan at `root` and removes the files in `removed`:
/// staged out of `git status`'s sight, then renamed (and removed) under a journal, so that
/// a kill between two steps is finished by the next edit rather than leaving the plan half
/// changed. Call it holding the plan's lock.
pub fn write_plan(
    root: &Path,
    files: &[(PathBuf, Vec<u8>)],
    removed: &[PathBuf],
) -> Result<(), WriteError> {
    let failed = |source| WriteError {
        path: root.to_path_buf(),
        source,
    };
    recover(root).map_err(failed)?;
    let staging = staging_folder(root);
    clean_stale(staging.as_deref(), files);
    let staged = stage_all(files, staging.as_deref())?;
    if staged.len() + removed.len() < 2 {
        rename_all(&staged)?;
        return remove_all(removed, staged.len());
    }
    let journal = journal_path(root, staging.as_deref());
    // A removal is an entry without a temporary file: an obert that predates removals
    // finds no staged file there and passes over it, rather than misreading it.
    let entries: Vec<(String, String)> = staged
        .iter()
        .map(|(temporary, path)| {
            (
                temporary.to_string_lossy().into_owned(),
                path.to_string_lossy().into_owned(),
            )
        })
        .chain(
            removed
                .iter()
                .map(|path| (String::new(), path.to_string_lossy().into_owned())),
        )
        .collect();
    let text = serde_json::to_vec(&entries).map_err(|e| failed(std::io::Error::other(e)))?;
    let written = File::create(&journal)
        .and_then(|mut file| file.write_all(&text).and_then(|()| file.sync_all()));
    if let Err(source) = written {
        for (temporary, _) in &staged {
            let _ = std::fs::remove_file(temporary);
        }
        return Err(WriteError {
            path: journal,
            source,
        });
    }
    rename_all(&staged)?;
    remove_all(removed, staged.len())?;
    std::fs::remove_file(&journal).map_err(|source| WriteError {
        path: journal,
        source,
    })
}

/// Removes the files an edit removes, after its `done` renames; one that is gone already
/// (a recovery that ran before) is fine.
fn remove_all(removed: &[PathBuf], done: usize) -> Result<(), WriteError> {
    for (i, path) in removed.iter().enumerate() {
        if done + i == 1 {
            pause_for_tests();
        }
        match std::fs::remove_file(path) {
            Ok(()) => sync_folder(path),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(WriteError {
                    path: path.clone(),
                    source,
                });
            }
        }
    }
    Ok(())
}

/// Finishes an edit of the plan at `root` that was stopped between two of its renames (a
/// kill, a power cut): renames what its journal says is still staged, and removes what it
/// says the edit removes. Returns how many files it finished. A journal entry that would
/// write or remove outside the plan folder, or rename a file obert did not stage, is
/// ignored: the journal is only ever obert's own.
pub fn recover(root: &Path) -> std::io::Result<usize> {
    let journal = journal_path(root, staging_folder(root).as_deref());
    let text = match std::fs::read(&journal) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(error) => return Err(error),
    };
    // A journal that did not reach the disk whole belongs to an edit that renamed nothing.
    let entries: Vec<(String, String)> = serde_json::from_slice(&text).unwrap_or_default();
    let root = std::fs::canonicalize(root)?;
    let mut finished = 0;
    for (temporary, path) in entries {
        let (temporary, path) = (PathBuf::from(temporary), PathBuf::from(path));
        let inside = path
            .parent()
            .and_then(|folder| std::fs::canonicalize(folder).ok())
            .is_some_and(|folder| folder.starts_with(&root));
        if inside && temporary.as_os_str().is_empty() {
            // A removal, unless the edit did it before it stopped.
            if path.is_file() {
                std::fs::remove_file(&path)?;
                sync_folder(&path);
                finished += 1;
            }
            continue;
        }
        let ours = temporary
            .file_name()
            .is_some_and(|name| name.to_string_lossy().contains(".obert-"));
        if inside && ours && temporary.is_file() {
            std::fs::rename(&temporary, &path)?;
            sync_folder(&path);
            finished += 1;
        }
    }
    std::fs::remove_file(&journal)?;
    Ok(finished)
}

/// Where an edit of the plan at `root` stages its files: `obert/` in the git folder of its
/// repository, where `git status` never looks, or `None` (beside each file) outside a
/// repository.
fn staging_folder(root: &Path) -> Option<PathBuf> {
    let repository = git2::Repository::discover(root).ok()?;
    let folder = repository.path().join("obert");
    std::fs::create_dir_all(&folder).ok()?;
    Some(folder)
}

fn journal_path(root: &Path, staging: Option<&Path>) -> PathBuf {
    match staging {
        Some(folder) => folder.join("journal"),
        None => root.join(".obert-journal"),
    }
}

/// Removes temporary files that an edit killed before its renames left behind: those of a
/// process that is no longer running.
fn clean_stale(staging: Option<&Path>, files: &[(PathBuf, Vec<u8>)]) {
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|(path, _)| path.parent().map(Path::to_path_buf))
        .collect();
    folders.extend(staging.map(Path::to_path_buf));
    folders.sort();
    folders.dedup();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(pid) = staged_by(&name)
                && !running(pid)
            {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The process that staged a temporary file named `.<name>.obert-<pid>-<n>`.
fn staged_by(name: &str) -> Option<u32> {
    let (_, tail) = name.strip_prefix('.')?.rsplit_once(".obert-")?;
    tail.split_once('-')?.0.parse().ok()
}

/// Whether process `pid` is running. Where that cannot be told, it is taken to be running,
/// so that nothing another edit still needs is removed.
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

fn stage_all(
    files: &[(PathBuf, Vec<u8>)],
    staging: Option<&Path>,
) -> Result<Vec<(PathBuf, PathBuf)>, WriteError> {
    let mut staged = Vec::new();
    for (path, bytes) in files {
        match stage(path, bytes, staging) {
            Ok(temporary) => staged.push((temporary, path.clone())),
            Err(source) => {
                for (temporary, _) in &staged {
                    let _ = std::fs::remove_file(temporary);
                }
                return Err(WriteError {
                    path: path.clone(),
                    source,
                });
            }
        }
    }
    Ok(staged)
}

fn rename_all(staged: &[(PathBuf, PathBuf)]) -> Result<(), WriteError> {
    for (i, (temporary, path)) in staged.iter().enumerate() {
        if i == 1 {
            pause_for_tests();
        }
        if let Err(source) = std::fs::rename(temporary, path) {
            for (left, _) in &staged[i..] {
                let _ = std::fs::remove_file(left);
            }
            return Err(WriteError {
                path: path.clone(),
                source,
            });
        }
        sync_folder(path);
    }
    Ok(())
}

/// For tests only: `OBERT_TEST_PAUSE_BETWEEN_RENAMES_MS` makes a write of several files
/// wait after its first rename (or removal), so that a test can kill it there.
fn pause_for_tests() {
    if let Some(ms) = std::env::var("OBERT_TEST_PAUSE_BETWEEN_RENAMES_MS")
        .ok()
        .and_then(|ms| ms.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(60_000)));
    }
}

/// Refuses a folder of output (`schema --out`, `man --out`) that holds anything but what the
/// command writes there (`ours` tells by name), so that a mistyped `--out ~` or `--out /etc`
/// does not scatter files among someone else's.
pub fn own_folder(dir: &Path, ours: impl Fn(&str) -> bool) -> Result<(), WriteError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(WriteError {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut others: Vec<String> = entries
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !ours(name))
        .collect();
    if others.is_empty() {
        return Ok(());
    }
    others.sort();
    let shown: Vec<String> = others
        .iter()
        .take(3)
        .map(|name| format!("`{name}`"))
        .collect();
    let more = if others.len() > 3 { ", …" } else { "" };
    Err(WriteError {
        path: dir.to_path_buf(),
        source: std::io::Error::other(format!(
            "the folder holds files obert did not write there ({}{more}); name a new or empty folder, or one that holds only what this command wrote",
            shown.join(", ")
        )),
    })
}

/// Writes a document or another output to `path`, respecting what is there: a symbolic link
/// is written through to its target (which is replaced atomically, as a new file is
/// written); a device or a FIFO (`-o /dev/stdout`, `/dev/null`, a pipe) is written directly,
/// as a shell redirection would, and never replaced by a regular file; a folder is refused.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let failed = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => Err(failed(std::io::Error::other(
            "it is a folder; name a file to write the document to",
        ))),
        // A device, a FIFO or a socket (also through a link, `/dev/stdout` among them):
        // written as it is, never renamed over.
        Ok(metadata) if !metadata.is_file() => File::options()
            .write(true)
            .open(path)
            .and_then(|mut file| file.write_all(bytes))
            .map_err(failed),
        // A file, perhaps behind links: the file itself is replaced, the links stay.
        Ok(_) => write_all(&[(std::fs::canonicalize(path).map_err(failed)?, bytes.to_vec())]),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            write_all(&[(dangling_target(path).map_err(failed)?, bytes.to_vec())])
        }
        Err(error) => Err(failed(error)),
    }
}

/// Where a path that leads to nothing yet would put a new file: itself, or the end of the
/// chain of symbolic links it starts, as the kernel would follow it (but never for ever).
fn dangling_target(path: &Path) -> std::io::Result<PathBuf> {
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&target) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let next = std::fs::read_link(&target)?;
                target = match target.parent() {
                    Some(folder) if next.is_relative() => folder.join(next),
                    _ => next,
                };
            }
            _ => return Ok(target),
        }
    }
    Err(std::io::Error::other(
        "it is a symbolic link in a loop of links",
    ))
}

/// Writes `bytes` to a new temporary file and syncs it: in `staging` when it is on the same
/// filesystem as `path` (a rename cannot cross filesystems), else beside `path`.
fn stage(path: &Path, bytes: &[u8], staging: Option<&Path>) -> std::io::Result<PathBuf> {
    let beside = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(beside)?;
    let folder = match staging {
        Some(staging) if same_filesystem(staging, beside) => staging,
        _ => beside,
    };
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut attempt = 0u32;
    loop {
        // Starts with a dot so that no loader ever mistakes it for a plan file.
        let temporary = folder.join(format!(".{name}.obert-{}-{attempt}", std::process::id()));
        match File::options()
            .write(true)
            .create_new(true)
            .open(&temporary)
        {
            Ok(mut file) => {
                let written = file
                    .write_all(bytes)
                    .and_then(|()| file.sync_all())
                    .and_then(|()| keep_permissions(path, &file));
                if let Err(error) = written {
                    let _ = std::fs::remove_file(&temporary);
                    return Err(error);
                }
                return Ok(temporary);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

/// A file that was readable by the group stays so after it is replaced.
fn keep_permissions(path: &Path, file: &File) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(metadata) => file.set_permissions(metadata.permissions()),
        Err(_) => Ok(()),
    }
}

#[cfg(unix)]
fn same_filesystem(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_filesystem(_: &Path, _: &Path) -> bool {
    false
}

/// Makes the rename itself durable. Best effort: not every platform can sync a folder.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(folder) = path.parent()
        && let Ok(handle) = File::open(folder)
    {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_while_writing_leaves_every_file_as_it_was() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let first = dir.path().join("people.toml");
        std::fs::write(&first, "old").expect("write");
        // A file where a folder should be: the second file cannot be staged.
        std::fs::write(dir.path().join("spaces"), "not a folder").expect("write");
        let second = dir.path().join("spaces").join("motor.toml");
        let result = write_all(&[(first.clone(), b"new".to_vec()), (second, b"x".to_vec())]);
        assert!(result.is_err());
        assert_eq!(std::fs::read_to_string(&first).expect("read"), "old");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(left.len(), 2, "temporary files were left behind: {left:?}");
    }

    #[test]
    fn an_edit_writes_and_removes_its_files_together() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let kept = dir.path().join("people.toml");
        let gone = [dir.path().join("a.md"), dir.path().join("a.en.md")];
        for path in [&kept, &gone[0], &gone[1]] {
            std::fs::write(path, "old").expect("write");
        }
        write_plan(dir.path(), &[(kept.clone(), b"new".to_vec())], &gone).expect("written");
        assert_eq!(std::fs::read_to_string(&kept).expect("read"), "new");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(
            left,
            ["people.toml"],
            "the journal or a removed file is left"
        );
    }

    #[test]
    fn recovery_finishes_the_removals_of_a_killed_edit() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path();
        // The edit was killed after its first removal, before the rename and the second.
        let (renamed, removed) = (root.join("people.toml"), root.join("a.en.md"));
        std::fs::write(&renamed, "old").expect("write");
        std::fs::write(&removed, "translation").expect("write");
        let staged = root.join(".people.toml.obert-1-0");
        std::fs::write(&staged, "new").expect("write");
        let entry = |temporary: &Path, path: &Path| {
            (
                temporary.to_string_lossy().into_owned(),
                path.to_string_lossy().into_owned(),
            )
        };
        let journal = vec![
            entry(&staged, &renamed),
            entry(Path::new(""), &root.join("a.md")),
            entry(Path::new(""), &removed),
        ];
        std::fs::write(
            root.join(".obert-journal"),
            serde_json::to_vec(&journal).expect("json"),
        )
        .expect("write");
        assert_eq!(recover(root).expect("recovered"), 2);
        assert_eq!(std::fs::read_to_string(&renamed).expect("read"), "new");
        let left: Vec<_> = std::fs::read_dir(root)
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(left, ["people.toml"]);
    }

    #[test]
    fn files_are_replaced_whole() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("plan.toml");
        std::fs::write(&path, "a much longer old text").expect("write");
        write_all(&[(path.clone(), b"new".to_vec())]).expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }
}
