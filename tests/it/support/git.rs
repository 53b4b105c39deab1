//! Hermetic git: repositories that tests build in temporary folders, always with the same
//! identity and dates, and a `git` program that reads no configuration of the machine.
//!
//! Fixed content, identity, dates and messages give fixed commit ids, which snapshots may
//! show (tests/it/history.rs does).
//!
//! libgit2, in this process, still reads the user's and the system's git configuration:
//! turning that off takes `git2::opts::set_search_path`, which is unsafe code, and the crate
//! forbids it. So each repository's own configuration, which wins over theirs, sets what
//! would otherwise change what a test commits or reads, here and in the obert it runs: line
//! ends kept as they are, and 7-digit short ids.

use std::path::Path;
use std::process::Command;

use git2::{IndexAddOption, Oid, Repository, RepositoryInitOptions, Signature, Time};

use super::{TempPlan, obert_in};

/// Who commits, in every repository of the tests.
pub(crate) const NAME: &str = "Facilitator";
pub(crate) const EMAIL: &str = "facilitator@example.org";
/// The clock the commits start from (2023-11-14T22:13:20Z): each commit is an hour later
/// than the one before.
pub(crate) const EPOCH: i64 = 1_700_000_000;

/// Makes `root` a git repository (nothing committed) on branch `main`.
pub(crate) fn init(root: &Path) -> Repository {
    let mut options = RepositoryInitOptions::new();
    // No template folder: that is machine configuration too.
    options.initial_head("main").external_template(false);
    let repository = Repository::init_opts(root, &options).expect("a new repository");
    let mut config = repository.config().expect("the repository's configuration");
    config
        .set_bool("core.autocrlf", false)
        .expect("core.autocrlf");
    config.set_i32("core.abbrev", 7).expect("core.abbrev");
    repository
}

/// Commits the whole working tree of `repository` (additions, changes and removals) on
/// HEAD, as [`NAME`] at `time` (seconds since 1970, UTC).
pub(crate) fn commit_all(repository: &Repository, message: &str, time: i64) -> Oid {
    let mut index = repository.index().expect("the index");
    index
        .add_all(["*"], IndexAddOption::DEFAULT, None)
        .expect("add all");
    index.update_all(["*"], None).expect("update all");
    index.write().expect("write the index");
    let tree = repository
        .find_tree(index.write_tree().expect("a tree"))
        .expect("the tree");
    let who = Signature::new(NAME, EMAIL, &Time::new(time, 0)).expect("a signature");
    let parent = repository
        .head()
        .ok()
        .and_then(|head| head.peel_to_commit().ok());
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    repository
        .commit(Some("HEAD"), &who, &who, message, &tree, &parents)
        .expect("a commit")
}

/// A git repository around a plan in a temporary folder: `.git` and `plan/` side by side.
pub(crate) struct TempRepo {
    pub plan: TempPlan,
    pub git: Repository,
    commits: i64,
}

impl TempRepo {
    /// Makes the folder that holds `plan` a repository, with nothing committed.
    pub(crate) fn init(plan: TempPlan) -> TempRepo {
        let git = init(plan.dir.path());
        TempRepo {
            plan,
            git,
            commits: 0,
        }
    }

    /// The repository's root, which holds `plan/`.
    pub(crate) fn root(&self) -> &Path {
        self.plan.dir.path()
    }

    /// Commits the whole working tree on HEAD, an hour after the commit before.
    pub(crate) fn commit(&mut self, message: &str) -> Oid {
        self.commits += 1;
        commit_all(&self.git, message, EPOCH + 3600 * self.commits)
    }

    /// Runs obert at the repository's root (without `--plan`).
    pub(crate) fn obert(&self, args: &[&str]) -> std::process::Output {
        obert_in(self.root(), args)
    }

    /// The short id of `rev`, as obert shows it.
    pub(crate) fn short_id(&self, rev: &str) -> String {
        let object = self.git.revparse_single(rev).expect("a revision");
        object
            .short_id()
            .expect("a short id")
            .as_str()
            .expect("hex")
            .to_string()
    }

    /// Writes the files of commit `rev` into `to`, as a checkout would.
    pub(crate) fn export(&self, rev: &str, to: &Path) {
        let commit = self
            .git
            .revparse_single(rev)
            .and_then(|object| object.peel_to_commit())
            .expect("a commit");
        let tree = commit.tree().expect("its tree");
        tree.walk(git2::TreeWalkMode::PreOrder, |folder, entry| {
            if entry.kind() == Some(git2::ObjectType::Blob) {
                let name = entry.name().expect("a UTF-8 name");
                let path = to.join(folder).join(name);
                std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
                let blob = self.git.find_blob(entry.id()).expect("the blob");
                std::fs::write(path, blob.content()).expect("writable file");
            }
            git2::TreeWalkResult::Ok
        })
        .expect("a walk over the tree");
    }
}

/// Settings for the `git` program, given on its command line, so that it commits the same
/// way on every machine.
pub(crate) const SETTINGS: [&str; 8] = [
    "-c",
    "user.name=Facilitator",
    "-c",
    "user.email=facilitator@example.org",
    "-c",
    "init.defaultBranch=main",
    "-c",
    "commit.gpgsign=false",
];

/// Keeps `command` (git, or a program that runs git) away from the machine's git
/// configuration, with `home` as its home folder, and from the repository (or hook) that
/// `cargo test` may itself run inside: every `GIT_` variable of the environment goes. Commits
/// it makes are [`NAME`]'s, at [`EPOCH`].
pub(crate) fn hermetic<'c>(command: &'c mut Command, home: &Path) -> &'c mut Command {
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("GIT_") {
            command.env_remove(name);
        }
    }
    let date = format!("{EPOCH} +0000");
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", NAME)
        .env("GIT_AUTHOR_EMAIL", EMAIL)
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_NAME", NAME)
        .env("GIT_COMMITTER_EMAIL", EMAIL)
        .env("GIT_COMMITTER_DATE", &date)
}

/// The `git` program, hermetic (see [`hermetic`]), with `home` as its home folder; arguments
/// go after its settings.
pub(crate) fn command(home: &Path) -> Command {
    let mut command = Command::new("git");
    hermetic(&mut command, home).args(SETTINGS);
    command
}
