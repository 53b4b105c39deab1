//! One edit at a time per plan. Two facilitators' terminals, or a script that adds members
//! in a loop, each read the plan, change it and write it back; without a lock the second
//! writer would silently drop the first one's change.
//!
//! The lock is an advisory `flock` on the plan folder itself, so that no lock file ever
//! shows up in `git status`, and the kernel releases it when a process dies: there is no
//! stale lock to clean up by hand.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long an edit waits for another one before giving up, unless `OBERT_LOCK_TIMEOUT`
/// (seconds) says otherwise. Long enough for any real edit of a large plan.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// After this long, say on stderr why nothing is happening.
const ANNOUNCE_AFTER: Duration = Duration::from_millis(500);

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "waited {:.1} s for another obert command that is editing the plan in `{}`; try again when it has finished (OBERT_LOCK_TIMEOUT sets how many seconds to wait)",
        .waited.as_secs_f64(),
        .folder.display()
    )]
    TimedOut { folder: PathBuf, waited: Duration },
    /// The cause is the `source`, so that a report of the whole chain says it once.
    #[error("cannot lock the plan folder `{}` for editing", .folder.display())]
    Io {
        folder: PathBuf,
        source: std::io::Error,
    },
}

/// Held for the whole read-modify-write of an edit; dropping it releases the lock.
#[derive(Debug)]
pub struct PlanLock {
    _file: File,
}

impl PlanLock {
    /// Waits for the exclusive lock on `folder`, up to the timeout; calls `waiting` once if
    /// another command holds it for more than a moment, so the user can be told why
    /// nothing happens.
    pub fn acquire(folder: &Path, waiting: &mut dyn FnMut()) -> Result<PlanLock, LockError> {
        let io = |source| LockError::Io {
            folder: folder.to_path_buf(),
            source,
        };
        let file = open_for_locking(folder).map_err(io)?;
        let timeout = timeout();
        let started = Instant::now();
        let mut announced = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(PlanLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(error)) => return Err(io(error)),
            }
            let waited = started.elapsed();
            if waited >= timeout {
                return Err(LockError::TimedOut {
                    folder: folder.to_path_buf(),
                    waited,
                });
            }
            if !announced && waited >= ANNOUNCE_AFTER {
                waiting();
                announced = true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn timeout() -> Duration {
    std::env::var("OBERT_LOCK_TIMEOUT")
        .ok()
        .and_then(|value| value.trim().parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs_f64)
}

#[cfg(unix)]
fn open_for_locking(folder: &Path) -> std::io::Result<File> {
    File::open(folder)
}

/// Windows cannot lock a folder handle, so there the lock is a file beside the plan.
#[cfg(not(unix))]
fn open_for_locking(folder: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(folder.join(".obert.lock"))
}
