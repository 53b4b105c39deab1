//! Writing files so that a reader, a crash or a full disk never sees half of one: each file
//! goes to a temporary file in the same folder, is flushed to disk, and is renamed over the
//! old one, which is atomic on the same filesystem.

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
/// are written and synced before the first rename, so a failure while writing (disk full,
/// permissions) leaves every file as it was.
pub fn write_all(files: &[(PathBuf, Vec<u8>)]) -> Result<(), WriteError> {
    let mut staged = Vec::new();
    for (path, bytes) in files {
        match stage(path, bytes) {
            Ok(temporary) => staged.push((temporary, path)),
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
    for (temporary, path) in &staged {
        if let Err(source) = std::fs::rename(temporary, path) {
            let _ = std::fs::remove_file(temporary);
            return Err(WriteError {
                path: path.to_path_buf(),
                source,
            });
        }
        sync_folder(path);
    }
    Ok(())
}

/// Writes `bytes` to a new temporary file beside `path` and syncs it.
fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
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
    fn files_are_replaced_whole() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("plan.toml");
        std::fs::write(&path, "a much longer old text").expect("write");
        write_all(&[(path.clone(), b"new".to_vec())]).expect("written");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }
}
