//! `obert init`: a new plan folder in a git repository, from the example plan or from a
//! blank skeleton, both embedded in the binary.
//!
//! Nothing is committed: the facilitator reads what was written and makes the first commit
//! themselves, so the history starts with a commit they chose to make.

pub mod action;

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

pub use action::ActionReference;

/// A shipped example plan: every file of one of the repository's plan folders.
#[derive(Debug)]
pub struct Example {
    /// The name `obert init --example NAME` takes.
    pub name: &'static str,
    /// Its folder in obert's repository (`plan`, `plans/scotland`).
    pub folder: &'static str,
    /// The files, as (path inside the plan folder with `/`, contents), in name order.
    pub files: &'static [(&'static str, &'static [u8])],
}

// `EXAMPLES`: the shipped examples, the default first, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/example_plans.rs"));

/// The example `--example` writes when it names none: the Catalan plan.
pub const DEFAULT_EXAMPLE: &str = "catalunya";

/// The example called `name`, if obert ships one.
pub fn example(name: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|example| example.name == name)
}

/// The blank skeleton: every file of the format, with comments saying what goes where. The
/// `.gitkeep` files keep the empty folders in git; the loader only reads the `.toml` and
/// `.md` files of those folders, so they never show up in a check.
pub static BLANK_PLAN: &[(&str, &[u8])] = &[
    (
        "plan.toml",
        include_bytes!("../../templates/blank/plan.toml"),
    ),
    (
        "vision.md",
        include_bytes!("../../templates/blank/vision.md"),
    ),
    (
        "chapters/foreword.md",
        include_bytes!("../../templates/blank/chapters/foreword.md"),
    ),
    (
        "chapters/next-steps.md",
        include_bytes!("../../templates/blank/chapters/next-steps.md"),
    ),
    (
        "organisations.toml",
        include_bytes!("../../templates/blank/organisations.toml"),
    ),
    (
        "people.toml",
        include_bytes!("../../templates/blank/people.toml"),
    ),
    (
        "spaces/.gitkeep",
        include_bytes!("../../templates/blank/spaces/.gitkeep"),
    ),
    (
        "commitments/.gitkeep",
        include_bytes!("../../templates/blank/commitments/.gitkeep"),
    ),
    (
        "contributions/.gitkeep",
        include_bytes!("../../templates/blank/contributions/.gitkeep"),
    ),
    (
        "minutes/.gitkeep",
        include_bytes!("../../templates/blank/minutes/.gitkeep"),
    ),
];

/// The GitHub Actions workflow `init` writes into a new plan repository: check, fmt --check,
/// SARIF to code scanning, and the rendered document as an artifact (docs/ci.md).
pub const WORKFLOW: &str = include_str!("../../templates/ci/github-workflow.yml");

/// What the workflow's `uses:` names when obert does not know where it lives.
pub const ACTION_PLACEHOLDER: &str = "OWNER/obert";

/// The workflow `init` writes, with obert's action where it is known (see [`action`]),
/// else a placeholder with a comment that says what to put there.
pub fn workflow_text(action: Option<&ActionReference>) -> String {
    let action = action.map_or_else(
        || {
            format!(
                "{ACTION_PLACEHOLDER}@v{} # set this to where obert lives",
                env!("CARGO_PKG_VERSION")
            )
        },
        |action| action.reference.clone(),
    );
    WORKFLOW.replace("{obert-action}", &action)
}

/// Where the workflow goes, relative to the repository root.
pub const WORKFLOW_PATH: &str = ".github/workflows/obert.yml";

/// What `.gitignore` holds when `init` writes one: `obert render` writes into `out/`, and a
/// rendered document is rebuilt from the plan, not kept beside it.
pub const GITIGNORE: &str = "/out/\n";

/// Which plan `init` writes.
#[derive(Debug, Clone, Copy)]
pub enum Skeleton {
    /// One of the shipped plans, complete: a plan to learn the format from.
    Example(&'static Example),
    /// Every file of the format, commented and empty, ready to fill.
    Blank,
}

impl Skeleton {
    /// The files, as (path inside the plan folder with `/`, contents).
    pub fn files(self) -> &'static [(&'static str, &'static [u8])] {
        match self {
            Skeleton::Example(example) => example.files,
            Skeleton::Blank => BLANK_PLAN,
        }
    }
}

/// Whether the plan went into a repository that `init` created or one that was there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repository {
    /// A new repository, on this branch.
    Created {
        branch: String,
    },
    Existing,
}

/// The branch a new repository starts on: the one git is configured to start on
/// (`init.defaultBranch`), else `main`, the branch the workflow `init` writes runs on.
fn first_branch() -> String {
    git2::Config::open_default()
        .ok()
        .and_then(|config| config.get_string("init.defaultBranch").ok())
        .map(|branch| branch.trim().to_string())
        .filter(|branch| git2::Branch::name_is_valid(branch).unwrap_or(false))
        .unwrap_or_else(|| "main".to_string())
}

/// What `init` did.
#[derive(Debug, Clone)]
pub struct Report {
    /// `dir/plan`.
    pub plan_dir: PathBuf,
    /// How many files went into it.
    pub files: usize,
    pub repository: Repository,
    /// Whether `init` wrote `.gitignore` (it leaves an existing one alone).
    pub wrote_gitignore: bool,
    /// Whether `init` wrote the CI workflow (it leaves an existing one alone).
    pub wrote_workflow: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("`{}` is a file, not a folder: name a folder to hold the plan", .0.display())]
    NotAFolder(PathBuf),
    #[error(
        "a plan already exists at `{}`: `obert init` never overwrites one; check it with `obert check`, or give `obert init` another folder",
        .0.display()
    )]
    PlanExists(PathBuf),
    #[error(
        "`{}` already exists and is not empty: `obert init` never overwrites it; move it away, or give `obert init` another folder",
        .0.display()
    )]
    PlanFolderInUse(PathBuf),
    /// The cause is the `source`, so that a report of the whole chain says it once.
    #[error("cannot {action} `{}`", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    /// libgit2's own rendering of an error adds its class and code numbers, which tell a
    /// facilitator nothing; its message is enough.
    #[error("cannot {action} a git repository at `{}`: {}", .path.display(), .error.message())]
    Git {
        action: &'static str,
        path: PathBuf,
        error: git2::Error,
    },
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> InitError + use<> {
    let path = path.to_path_buf();
    move |source| InitError::Io {
        action,
        path,
        source,
    }
}

/// Writes the plan `kind` into `dir/plan`, creating `dir` and a git repository in it as
/// needed. Refuses, writing nothing, when `dir` already holds a plan. Either everything is
/// written or, on an error, nothing that `init` created is left behind.
pub fn init(
    dir: &Path,
    kind: Skeleton,
    action: Option<&ActionReference>,
) -> Result<Report, InitError> {
    let plan_dir = dir.join("plan");
    let empty_plan_dir = refuse_existing(dir, &plan_dir)?;

    let mut undo = Undo::default();
    undo.dirs = create_folders(dir)?;

    // The files go into a hidden folder beside `plan/` first and are renamed into place
    // last: a rename within one folder is atomic, so `plan/` either appears whole or not.
    let staging = staging_folder(dir)?;
    undo.staging = Some(staging.clone());
    let files = kind.files();
    for (path, contents) in files {
        write_new(&staging.join(path), contents)?;
    }

    let repository = if dir.join(".git").exists() {
        git2::Repository::open(dir).map_err(|error| InitError::Git {
            action: "open",
            path: dir.to_path_buf(),
            error,
        })?;
        Repository::Existing
    } else {
        let git = dir.join(".git");
        let branch = first_branch();
        let mut options = git2::RepositoryInitOptions::new();
        options.initial_head(&branch);
        git2::Repository::init_opts(dir, &options).map_err(|error| InitError::Git {
            action: "create",
            path: dir.to_path_buf(),
            error,
        })?;
        undo.git = Some(git);
        Repository::Created { branch }
    };

    let gitignore = dir.join(".gitignore");
    let wrote_gitignore = if gitignore.exists() {
        false
    } else {
        write_new(&gitignore, GITIGNORE.as_bytes())?;
        undo.gitignore = Some(gitignore);
        true
    };

    let workflow = dir.join(WORKFLOW_PATH);
    let wrote_workflow = if workflow.exists() {
        false
    } else {
        let folder = workflow.parent().unwrap_or(dir);
        // Folders `init` makes for the workflow, outermost first, to remove on failure.
        let mut made: Vec<PathBuf> = folder
            .ancestors()
            .take_while(|f| *f != dir && !f.exists())
            .map(Path::to_path_buf)
            .collect();
        made.reverse();
        fs::create_dir_all(folder).map_err(io_error("create", folder))?;
        undo.workflow_dirs = made;
        write_new(&workflow, workflow_text(action).as_bytes())?;
        undo.workflow = Some(workflow);
        true
    };

    // Some systems refuse to rename onto a folder, even an empty one.
    if empty_plan_dir {
        fs::remove_dir(&plan_dir).map_err(io_error("replace the empty folder", &plan_dir))?;
        undo.empty_plan_dir = Some(plan_dir.clone());
    }
    fs::rename(&staging, &plan_dir).map_err(io_error("create", &plan_dir))?;
    undo.done();

    Ok(Report {
        plan_dir,
        files: files.len(),
        repository,
        wrote_gitignore,
        wrote_workflow,
    })
}

/// Refuses a `dir` that is a file or already holds a plan. Returns whether `dir/plan` is
/// an empty folder, which `init` may take over.
fn refuse_existing(dir: &Path, plan_dir: &Path) -> Result<bool, InitError> {
    match fs::metadata(dir) {
        Ok(metadata) if !metadata.is_dir() => return Err(InitError::NotAFolder(dir.into())),
        Ok(_) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
        // `dir` would go inside a file: name the file, which is what the user must change.
        Err(error) if error.kind() == io::ErrorKind::NotADirectory => {
            let file = dir.ancestors().skip(1).find(|folder| folder.is_file());
            return Err(InitError::NotAFolder(file.unwrap_or(dir).into()));
        }
        Err(error) => return Err(io_error("read", dir)(error)),
    }
    // A plan at the root of `dir` is what obert would find there first, so a second one in
    // `plan/` would never be read.
    for plan_file in [dir.join("plan.toml"), plan_dir.join("plan.toml")] {
        if plan_file.exists() {
            return Err(InitError::PlanExists(plan_file));
        }
    }
    match fs::read_dir(plan_dir) {
        Ok(mut entries) => match entries.next() {
            None => Ok(true),
            Some(_) => Err(InitError::PlanFolderInUse(plan_dir.into())),
        },
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(false),
        // `plan` is a file, or cannot be read: either way it is not ours to replace.
        Err(_) if plan_dir.exists() => Err(InitError::PlanFolderInUse(plan_dir.into())),
        Err(error) => Err(io_error("read", plan_dir)(error)),
    }
}

/// Creates `dir` and its missing parents; returns those it created, deepest first.
fn create_folders(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    let missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|folder| !folder.as_os_str().is_empty() && !folder.exists())
        .map(Path::to_path_buf)
        .collect();
    fs::create_dir_all(dir).map_err(io_error("create the folder", dir))?;
    Ok(missing)
}

/// A new, empty, hidden folder in `dir` to write the plan into.
fn staging_folder(dir: &Path) -> Result<PathBuf, InitError> {
    let pid = std::process::id();
    let mut attempt = 0u32;
    loop {
        let path = dir.join(format!(".plan.obert-init-{pid}-{attempt}"));
        match fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            // Left over from an `init` that was killed: not ours to reuse or remove.
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(error) => return Err(io_error("create the folder", &path)(error)),
        }
    }
}

/// Writes a file that must not exist yet, and flushes it to disk before the rename that
/// publishes it.
fn write_new(path: &Path, contents: &[u8]) -> Result<(), InitError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_error("create the folder", parent))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(io_error("create", path))?;
    file.write_all(contents).map_err(io_error("write", path))?;
    file.sync_all().map_err(io_error("write", path))
}

/// What `init` created so far, removed again if it stops halfway.
#[derive(Debug, Default)]
struct Undo {
    /// Folders `init` created for `dir`, deepest first.
    dirs: Vec<PathBuf>,
    staging: Option<PathBuf>,
    git: Option<PathBuf>,
    gitignore: Option<PathBuf>,
    workflow: Option<PathBuf>,
    /// Folders made for the workflow, outermost first.
    workflow_dirs: Vec<PathBuf>,
    /// The empty `plan/` that was removed to make room, to be put back.
    empty_plan_dir: Option<PathBuf>,
}

impl Undo {
    /// Everything is in place: keep it. (Assigning a fresh `Undo` instead would drop,
    /// and so run, this one.)
    fn done(&mut self) {
        self.dirs.clear();
        self.staging = None;
        self.git = None;
        self.gitignore = None;
        self.workflow = None;
        self.workflow_dirs.clear();
        self.empty_plan_dir = None;
    }
}

impl Drop for Undo {
    fn drop(&mut self) {
        // Best effort: the error that stopped `init` is the one worth reporting, not a
        // failure to clean up after it.
        if let Some(staging) = &self.staging {
            let _ = fs::remove_dir_all(staging);
        }
        if let Some(git) = &self.git {
            let _ = fs::remove_dir_all(git);
        }
        if let Some(gitignore) = &self.gitignore {
            let _ = fs::remove_file(gitignore);
        }
        if let Some(workflow) = &self.workflow {
            let _ = fs::remove_file(workflow);
        }
        for dir in self.workflow_dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
        if let Some(plan_dir) = &self.empty_plan_dir {
            let _ = fs::create_dir(plan_dir);
        }
        // `remove_dir` only removes an empty folder: anything that appeared in one
        // meanwhile is not ours, and keeps it.
        for dir in &self.dirs {
            let _ = fs::remove_dir(dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_example_lists_its_files_in_name_order() {
        let names: Vec<&str> = EXAMPLES.iter().map(|example| example.name).collect();
        assert_eq!(names, ["catalunya", "scotland"]);
        assert_eq!(EXAMPLES[0].name, DEFAULT_EXAMPLE);
        for (example, space) in [
            ("catalunya", "spaces/grup-motor.toml"),
            ("scotland", "spaces/steering-group.toml"),
        ] {
            let example = super::example(example).expect("shipped");
            let paths: Vec<&str> = example.files.iter().map(|(path, _)| *path).collect();
            assert!(paths.contains(&"plan.toml"), "{paths:?}");
            assert!(paths.contains(&space), "{paths:?}");
            assert!(paths.windows(2).all(|pair| pair[0] < pair[1]), "{paths:?}");
        }
        assert!(super::example("wales").is_none());
    }

    #[test]
    fn undo_removes_the_folders_it_created() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let dir = tmp.path().join("a/b/c");
        let mut undo = Undo::default();
        undo.dirs = create_folders(&dir).expect("folders");
        assert_eq!(undo.dirs.len(), 3);
        let staging = staging_folder(&dir).expect("staging folder");
        undo.staging = Some(staging.clone());
        write_new(&staging.join("spaces/x.toml"), b"x").expect("written");
        // `write_new` never replaces a file.
        assert!(write_new(&staging.join("spaces/x.toml"), b"y").is_err());
        drop(undo);
        assert!(!tmp.path().join("a").exists());
        assert!(tmp.path().exists());
    }

    #[test]
    fn a_failure_after_staging_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().expect("temporary folder");
        // An empty `.git` is no repository: opening it fails after the plan was staged.
        fs::create_dir(tmp.path().join(".git")).expect("folder");
        let error = init(tmp.path(), Skeleton::Blank, None).expect_err("no repository to open");
        assert!(matches!(error, InitError::Git { .. }), "{error}");
        let left: Vec<_> = fs::read_dir(tmp.path())
            .expect("readable")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(left, [".git"]);
    }
}
