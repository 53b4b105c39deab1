//! What the fuzz targets share: a plan held in memory, so that a run reads no files, and
//! the small valid plan of `tests/fixtures/valid` that each run changes one file of.

use std::collections::BTreeMap;
use std::io;

use obert::source::{Read, Source};

/// A plan folder in memory: `/`-separated paths relative to the plan folder, and their bytes.
#[derive(Debug, Clone, Default)]
pub struct MemorySource {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Source for MemorySource {
    fn read(&self, path: &str) -> io::Result<Read> {
        Ok(match self.files.get(path) {
            Some(bytes) => Read::Bytes(bytes.clone()),
            None => Read::Missing,
        })
    }

    fn list(&self, dir: &str) -> io::Result<Vec<String>> {
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{}/", dir.trim_end_matches('/'))
        };
        // Sorted already: the map is.
        Ok(self
            .files
            .keys()
            .filter_map(|path| path.strip_prefix(&prefix))
            .filter(|name| !name.contains('/'))
            .map(str::to_string)
            .collect())
    }

    fn exists(&self, path: &str) -> bool {
        let folder = format!("{}/", path.trim_end_matches('/'));
        path.is_empty()
            || self.files.contains_key(path)
            || self.files.keys().any(|file| file.starts_with(&folder))
    }

    fn display_path(&self, path: &str) -> String {
        format!("plan/{path}")
    }
}

macro_rules! fixture {
    ($path:literal) => {
        (
            $path,
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../tests/fixtures/valid/",
                $path
            ))
            .as_slice(),
        )
    };
}

/// Every file of `tests/fixtures/valid`, a plan that checks clean.
const VALID_PLAN: &[(&str, &[u8])] = &[
    fixture!("plan.toml"),
    fixture!("organisations.toml"),
    fixture!("people.toml"),
    fixture!("spaces/forum.toml"),
    fixture!("spaces/gt-a.toml"),
    fixture!("spaces/gt-b.toml"),
    fixture!("spaces/motor.toml"),
    fixture!("spaces/online.toml"),
    fixture!("commitments/a.md"),
    fixture!("commitments/a.en.md"),
    fixture!("commitments/b.md"),
    fixture!("commitments/b.en.md"),
    fixture!("contributions/eixos.toml"),
    fixture!("vision.md"),
    fixture!("vision.en.md"),
    fixture!("minutes/forum-p1.md"),
    fixture!("progress/a.toml"),
    fixture!("assessments/a.toml"),
];

/// The files of the plan that a fuzzed input stands in for, one of each kind the loader
/// reads (twelve: the first byte's low four bits pick one, so some kinds come up twice); `chapters/` is not among the fixture's files, so a chapter comes in as a new one.
pub const PLAN_FILES: &[&str] = &[
    "plan.toml",
    "organisations.toml",
    "people.toml",
    "spaces/forum.toml",
    "commitments/a.md",
    "commitments/a.en.md",
    "contributions/eixos.toml",
    "vision.md",
    "minutes/forum-p1.md",
    "chapters/fuzz.md",
    "progress/a.toml",
    "assessments/a.toml",
];

/// The valid plan.
pub fn valid_plan() -> MemorySource {
    MemorySource {
        files: VALID_PLAN
            .iter()
            .map(|(path, bytes)| ((*path).to_string(), bytes.to_vec()))
            .collect(),
    }
}

/// The valid plan with the file at `PLAN_FILES[kind % len]` holding `bytes` instead.
pub fn plan_with(kind: u8, bytes: &[u8]) -> MemorySource {
    let mut plan = valid_plan();
    let path = PLAN_FILES[usize::from(kind) % PLAN_FILES.len()];
    plan.files.insert(path.to_string(), bytes.to_vec());
    plan
}
