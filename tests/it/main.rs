//! obert's integration tests, as one test binary: a module per area, and `support` for what
//! they share. One binary is linked once, where a binary per file linked obert and every
//! dependency once per file, and its tests share one harness run (cargo's
//! `tests/testsuite`, jj's and ripgrep's tests are laid out the same way).
//!
//! `cargo test --test it AREA::` runs one area, e.g. `cargo test --test it check::`.
//! Insta keeps the output snapshots in `snapshots/`; fixture plans are in `tests/fixtures/`.

mod support;

mod answers;
mod bad_input;
mod boundary;
mod chapters;
mod check;
mod check_formats;
mod ci;
mod cli_views;
mod decidim_versions;
mod docs;
mod edit;
mod edit_fields;
mod edit_properties;
mod evidence;
mod fmt;
mod format;
mod fuzz_regressions;
mod history;
mod implementation_edit;
mod implementation_outputs;
mod implementation_status;
mod import;
mod init;
mod online;
#[cfg(feature = "pdf")]
mod pdf;
mod pictures;
mod progress_page;
mod rebuild;
mod render;
mod render_hostile;
mod review;
mod revisions;
mod sheets;
mod shell;
mod skeleton;
mod standards;
mod standing;
mod v2;
mod v2_compat;
mod words;
mod writes;
