//! The limits a template runs within. A plan's templates arrive in pull requests and run
//! in CI, where secrets are around, so a template is untrusted code: it may only include
//! templates by name ([`template_name`]), and it runs with a bounded amount of work,
//! output, memory and time. docs/render.md gives the figures and why.
//!
//! - minijinja counts its instructions as fuel ([`FUEL`]) and stops a template that uses it
//!   up, which ends any loop, however nested.
//! - The document is written through [`Capped`], which refuses to grow past
//!   [`MAX_OUTPUT`] bytes (the PDF is measured once made).
//! - A value can grow without writing anything (`{% set s = s ~ s %}` doubles a string
//!   with one instruction), and Typst counts nothing but `while` loops: so the work runs on
//!   a thread of its own ([`run`]), watched for [`time_limit`] and, where the system says
//!   how much memory the process holds (Linux), for [`MAX_MEMORY`] more than it held
//!   before. Past either, obert reports the error and exits; the thread is abandoned with
//!   the process.

use std::io;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use super::RenderError;

/// The minijinja instructions a document may take. The shipped plans take 8,600 to 18,419
/// (docs/render.md), so this is over 500 times the largest, room for a plan many times
/// theirs; a debug build runs out of it in about 2 s.
pub(super) const FUEL: u64 = 10_000_000;

/// The largest document obert writes, in bytes. The shipped plans' largest, the Catalan
/// PDF, is 0.7 MB.
pub(super) const MAX_OUTPUT: usize = 64 << 20;

/// How much more memory than before rendering the process may hold while a template runs.
/// The Catalan plan's PDF, the most demanding document shipped, holds 92 MB in all.
pub(super) const MAX_MEMORY: u64 = 1 << 30;

/// How long a document may take to render, unless `OBERT_RENDER_SECONDS` says otherwise.
/// The Catalan plan's PDF takes 0.33 s in a debug build: this leaves room for a slow CI
/// machine and a far larger plan, and stops a looping template within a CI job's patience.
const SECONDS: u64 = 30;

/// The time a render may take: [`SECONDS`], or `OBERT_RENDER_SECONDS` when it is set to a
/// whole number of seconds. That variable is for obert's own tests, which check that a
/// looping template is stopped without waiting a minute; a plan cannot set it.
pub(super) fn time_limit() -> Duration {
    let seconds = std::env::var("OBERT_RENDER_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(SECONDS);
    Duration::from_secs(seconds)
}

/// Whether `name` may name a template: a plain file name, as in obert's `templates/`
/// folder and the plan's, and never a path (`/etc/passwd`, `../plan.toml`, `a/b`).
pub(super) fn template_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
}

/// Runs `work` (rendering the template `template`) on a thread of its own, and gives up
/// with a clear error when it takes longer than [`time_limit`] or, where that can be
/// measured, more than [`MAX_MEMORY`] of memory.
pub(super) fn run<T: Send + 'static>(
    template: &str,
    work: impl FnOnce() -> Result<T, RenderError> + Send + 'static,
) -> Result<T, RenderError> {
    let limit = time_limit();
    let before = resident_bytes();
    let (send, receive) = channel();
    std::thread::Builder::new()
        .name(format!("render {template}"))
        // Typst's layout recurses deeply; a thread's default stack is smaller than the
        // main thread's, on which it used to run.
        .stack_size(64 << 20)
        .spawn(move || {
            let _ = send.send(work());
        })
        .map_err(|error| RenderError::Template(format!("cannot start rendering: {error}")))?;
    let start = Instant::now();
    loop {
        match receive.recv_timeout(Duration::from_millis(10)) {
            Ok(result) => return result,
            Err(RecvTimeoutError::Disconnected) => {
                return Err(RenderError::Template(format!(
                    "templates/{template}: rendering stopped unexpectedly (obert panicked); check the template, and report this to obert's authors"
                )));
            }
            Err(RecvTimeoutError::Timeout) => {}
        }
        if start.elapsed() >= limit {
            return Err(RenderError::Limit(format!(
                "templates/{template}: rendering took longer than {} s, obert's limit: a template must not loop for that long; check its loops (a plan's own templates/ folder overrides obert's)",
                limit.as_secs()
            )));
        }
        if let (Some(before), Some(now)) = (before, resident_bytes())
            && now.saturating_sub(before) > MAX_MEMORY
        {
            return Err(RenderError::Limit(format!(
                "templates/{template}: rendering took more than {} MiB of memory, obert's limit: a template must not build values or pages without end (such as a string doubled in a loop); check the template (a plan's own templates/ folder overrides obert's)",
                MAX_MEMORY >> 20
            )));
        }
    }
}

/// The memory the process holds now, on systems that say so cheaply (Linux's
/// `/proc/self/status`); `None` elsewhere, where only the time limit watches.
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// A buffer that refuses to grow past [`MAX_OUTPUT`] bytes.
#[derive(Debug, Default)]
pub(super) struct Capped {
    pub(super) bytes: Vec<u8>,
    pub(super) full: bool,
}

impl io::Write for Capped {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + data.len() > MAX_OUTPUT {
            self.full = true;
            return Err(io::Error::other("the document is too large"));
        }
        self.bytes.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The error for a document larger than [`MAX_OUTPUT`] from `template`.
pub(super) fn too_large(template: &str) -> RenderError {
    RenderError::Limit(format!(
        "templates/{template}: the document would be larger than {} MiB, obert's limit: check the template's loops (a plan's own templates/ folder overrides obert's)",
        MAX_OUTPUT >> 20
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_name_templates() {
        for good in ["document.html", "style.css", "part-1.md", "labels.toml"] {
            assert!(template_name(good), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../plan.toml",
            "..",
            "a/b.html",
            "a\\b.html",
            ".hidden",
            "C:file",
            "x\0y",
        ] {
            assert!(!template_name(bad), "{bad:?}");
        }
    }
}
