//! What the integration tests share, each helper once: fixture plans in temporary folders
//! (`plan`), running the real `obert` binary (`run`), version 2's defaults written into a
//! plan (`v2_defaults`), hermetic git repositories (`git`), the outside tools that CI must
//! have (`tools`) and the generated files that tests keep current (`bless`). tests/browser
//! uses it too.

pub(crate) mod bless;
pub(crate) mod git;
mod plan;
mod run;
pub(crate) mod tools;
mod v2_defaults;

use proptest::test_runner::{Config as ProptestConfig, FileFailurePersistence};

pub(crate) use plan::{
    TempPlan, assert_one_region, broken_plan, check_json, copy_dir, plan_with_genders,
    plan_with_one_hidden_gender, rule_fixture, rule_fixtures, snapshot,
};
pub(crate) use run::{
    OBERT, code, obert_command, obert_in, ok, path_with_obert, show, stderr, stdout,
};
pub(crate) use v2_defaults::{
    LineMoves, V2Defaults, commitment_files, files_in, parse, split_front_matter, write_v2_defaults,
};

/// The repository's root, which holds Cargo.toml.
pub(crate) const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// The fixture plans: `valid/` passes every rule, and `rules/` breaks it one rule at a time.
pub(crate) const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
/// The plan obert ships (and `obert init` writes): the Catalan example, `catalunya`.
pub(crate) const SHIPPED_PLAN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/plan");
/// obert's second example plan, Scotland's (`obert init --example scotland` writes it).
pub(crate) const SHIPPED_SCOTLAND: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/plans/scotland");

/// `config`, with the failures proptest finds kept beside the test's source file, as
/// `tests/it/<module>.proptest-regressions` (for proptest to run them again first). Left to
/// itself, proptest looks above the source file for a crate root, finds tests/it/main.rs,
/// and keeps them in tests/proptest-regressions/<module>.txt instead.
pub(crate) fn regressions_beside_source(config: ProptestConfig) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..config
    }
}
