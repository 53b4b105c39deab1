//! Reading the plan from a git revision.
//!
//! A [`GitSource`] serves the plan's files straight from a commit's tree in the object
//! database: nothing is checked out, and neither the working tree nor the index is read or
//! touched. Nothing here walks history either; a revision costs one `rev-parse` and a few
//! tree lookups, whatever the size of the repository.
//!
//! The plan folder is found in the revision *as it would be in the working tree*: the rules
//! of [`crate::source::find_plan`] (the folder that holds `plan.toml`, or `plan/plan.toml`,
//! from the current folder upwards; or the folder `--plan` names), applied to the commit's
//! tree with the current folder translated to a path inside the repository. So
//! `obert --rev HEAD~1 check` finds `plan/` from anywhere `obert check` would.
//!
//! Paths are shown as the working-tree paths they correspond to (see
//! [`GitSource::display_path`]): `plan/people.toml`, not `HEAD~1:plan/people.toml`. The
//! commands say which revision they read once, in a note, so that the findings of
//! `check --rev X` read exactly as those of `check` on a checkout of X.
//!
//! Entry points: [`open`] for one revision, [`resolve_range`] for the two ends of `A..B` and
//! `A...B`, and [`PlanRepo`] when several revisions of one repository are wanted (`log`).

use std::io;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use git2::{ErrorCode, ObjectType, Oid, Repository};

use crate::source::{self, DirSource, MAX_FILE_BYTES, Read, Source};

/// Why the plan could not be read at a revision. Every message is meant for the user as it
/// is; the CLI exits 2 on any of them.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    /// No repository holds the plan (or the current folder).
    #[error(
        "`{}` is not in a git repository: `--rev`, `obert diff` and `obert log` read the plan's history from git (the other commands work without it)",
        .0.display()
    )]
    NotARepository(PathBuf),
    /// A repository without a working tree: there is no current folder inside it to find the
    /// plan from.
    #[error(
        "`{}` is a bare repository: run obert in a clone that has a working tree",
        .0.display()
    )]
    Bare(PathBuf),
    /// `--plan` names a folder outside the repository that was found for it.
    #[error(
        "`{}` is outside the git repository at `{}`",
        .plan.display(),
        .workdir.display()
    )]
    Outside { plan: PathBuf, workdir: PathBuf },
    /// The revision does not resolve. In a shallow clone the commit may exist upstream but
    /// not here, which the message says.
    #[error("no revision `{rev}` in this repository{}", if *.shallow { SHALLOW_HINT } else { "" })]
    NoRevision { rev: String, shallow: bool },
    /// A short commit id that more than one object starts with.
    #[error(
        "`{0}` is ambiguous: more than one object in this repository starts with it; give more digits"
    )]
    Ambiguous(String),
    /// The revision names a tree, a blob, or a tag of one of those.
    #[error(
        "`{rev}` is a {kind}, not a commit; `--rev` takes a commit: a branch, a tag, a commit id, HEAD~1…"
    )]
    NotACommit { rev: String, kind: &'static str },
    /// The commit exists, but the plan folder was not in it (yet, or any more).
    #[error("the plan folder `{folder}` did not exist at `{rev}` ({short_id})")]
    PlanMissing {
        /// The folder as the user would type it, ending in `/`.
        folder: String,
        rev: String,
        short_id: String,
    },
    /// No plan at the revision, and none in the working tree to say which folder was meant.
    #[error(
        "no plan found in `{}` or any parent folder at `{rev}` ({short_id}): name the plan folder with `--plan DIR`",
        .from.display()
    )]
    NoPlanFound {
        from: PathBuf,
        rev: String,
        short_id: String,
    },
    /// `resolve_range` was given something that is not `A..B` or `A...B`.
    #[error(
        "`{0}` is not a range: write `A..B` (from A to B) or `A...B` (from where B branched off A, to B)"
    )]
    NotARange(String),
    /// `A...B` where the two share no history.
    #[error("`{a}` and `{b}` have no commit in common{}", if *.shallow { SHALLOW_HINT } else { "" })]
    NoMergeBase { a: String, b: String, shallow: bool },
    /// Anything else libgit2 reports (a damaged repository, an unreadable object).
    #[error("git: {}", .0.message())]
    Git(#[from] git2::Error),
}

const SHALLOW_HINT: &str = "; this is a shallow clone, so older commits may be missing here: fetch more history with `git fetch --unshallow` (in GitHub Actions, set `fetch-depth: 0` on actions/checkout)";

/// The commit a revision resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevInfo {
    /// The revision as typed (`HEAD~1`, `v0.1`, `main`), or a commit id when there was
    /// nothing typed (a merge base, a commit of `log`).
    pub rev: String,
    /// The commit.
    pub id: Oid,
    /// The commit's id, abbreviated as git would (7 hex digits unless more are needed).
    pub short_id: String,
    /// The first line of the commit message.
    pub summary: String,
}

impl std::fmt::Display for RevInfo {
    /// `HEAD~1 (abc1234 Add the forum)`, or `abc1234 (Add the forum)` when the revision was a
    /// commit id.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let is_id = self.id.to_string().starts_with(&self.rev) && self.rev.len() >= 4;
        match (is_id, self.summary.is_empty()) {
            (true, true) => write!(f, "{}", self.short_id),
            (true, false) => write!(f, "{} ({})", self.short_id, self.summary),
            (false, true) => write!(f, "{} ({})", self.rev, self.short_id),
            (false, false) => write!(f, "{} ({} {})", self.rev, self.short_id, self.summary),
        }
    }
}

/// Reads the plan at `rev`: finds the repository from `plan` (`--plan`) or `cwd`, resolves
/// `rev` to a commit and finds the plan folder in it (see the module documentation). Paths
/// are shown relative to the process's current folder, as [`DirSource`] shows them.
pub fn open(plan: Option<&Path>, cwd: &Path, rev: &str) -> Result<(GitSource, RevInfo), GitError> {
    PlanRepo::discover(plan, cwd)?.open(rev)
}

/// Stops libgit2 from hashing every object it reads again to compare the result with the
/// object's id. obert only reads the local repository it runs in, whose objects git checked
/// when they arrived (`git fetch` and `git clone` verify every object they receive, and a
/// local commit hashes what it writes); hashing them again on each read was about a twentieth
/// of `obert log` and guards only against a disk that corrupts a pack after the fact, which
/// `git fsck` is for. A damaged object still fails to inflate or to parse. Process-wide in
/// libgit2: set once, before the first read of a plan's history.
fn trust_local_objects() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| git2::opts::strict_hash_verification(false));
}

/// The root of the working tree of the git repository that holds `path`, if it is in one
/// that has a working tree: where `obert render` puts `out/` and `obert schema` its schemas.
pub fn working_tree_of(path: &Path) -> Option<PathBuf> {
    Repository::discover(path)
        .ok()
        .and_then(|repo| repo.workdir().map(Path::to_path_buf))
}

/// The two ends of a range, as revisions [`open`] takes: `A..B` gives `(A, B)`, `A...B` gives
/// (the merge base of A and B, as a full commit id; B). An empty side means `HEAD`, as in
/// git (`main..` is `main..HEAD`).
pub fn resolve_range(
    plan: Option<&Path>,
    cwd: &Path,
    spec: &str,
) -> Result<(String, String), GitError> {
    let repo = PlanRepo::discover(plan, cwd)?;
    let (from, to) = repo.resolve_range(spec)?;
    Ok((from.rev, to.rev))
}

/// The folder `dir` as a `/`-separated path from the root of the working tree of the git
/// repository that holds it (`plan`, or `""` when it is the root itself), as GitHub and
/// SARIF want paths. `None` when no repository with a working tree holds it, or when the
/// path is not UTF-8.
pub fn path_in_repository(dir: &Path) -> Option<String> {
    let repository = Repository::discover(dir).ok()?;
    // libgit2 resolves symbolic links in the work tree's path; so must the folder's path.
    let workdir = std::fs::canonicalize(repository.workdir()?).ok()?;
    let dir = std::fs::canonicalize(dir).ok()?;
    let relative = dir.strip_prefix(&workdir).ok()?;
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|component| match component {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    Some(parts?.join("/"))
}

/// A repository that holds a plan, and where the plan is looked for in it. Cheap to keep:
/// [`open`](Self::open) and [`source_at`](Self::source_at) share its repository handle.
pub struct PlanRepo {
    repo: Rc<Repository>,
    /// The files and folders the plans of this repository were read from, shared by every
    /// revision's source: most of a history's commits leave most of them as they were.
    objects: Rc<Objects>,
    /// `--plan DIR` as a path inside the repository, when given.
    explicit: Option<Vec<String>>,
    /// The current folder as a path inside the repository (empty at its root, or when the
    /// current folder is outside it).
    cwd: Vec<String>,
    /// The repository's working tree as the user reaches it (symbolic links as typed), for
    /// showing paths.
    workdir: PathBuf,
    /// The current folder, for messages.
    from: PathBuf,
    /// `--plan DIR`, absolute.
    plan_arg: Option<PathBuf>,
    /// The working-tree folder of the plan folder found last, by its path in the
    /// repository: a walk finds the same one at every commit, and making it asks the
    /// system for the current folder.
    shown: std::cell::RefCell<Option<(String, Rc<DirSource>)>>,
}

impl std::fmt::Debug for PlanRepo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlanRepo")
            .field("repository", &self.repo.path())
            .field("explicit", &self.explicit)
            .field("cwd", &self.cwd)
            .field("workdir", &self.workdir)
            .finish()
    }
}

impl PlanRepo {
    /// Finds the repository that holds `plan` (`--plan`, relative to `cwd`) or else `cwd`.
    pub fn discover(plan: Option<&Path>, cwd: &Path) -> Result<PlanRepo, GitError> {
        trust_local_objects();
        let cwd = crate::source::lexically_normal(cwd);
        let start = plan.map_or_else(
            || cwd.clone(),
            |dir| crate::source::lexically_normal(&cwd.join(dir)),
        );
        // `--plan` may name a folder that exists only in history; the repository is found
        // from the nearest folder that does exist.
        let existing = start
            .ancestors()
            .find(|dir| dir.is_dir())
            .unwrap_or(Path::new("/"));
        let repo = match Repository::discover(existing) {
            Ok(repo) => repo,
            Err(error) if error.code() == ErrorCode::NotFound => {
                return Err(GitError::NotARepository(start));
            }
            Err(error) => return Err(error.into()),
        };
        let Some(workdir) = repo.workdir() else {
            return Err(GitError::Bare(repo.path().to_path_buf()));
        };
        let canonical_workdir = canonical(workdir);
        let inside = |path: &Path| -> Option<Vec<String>> {
            let existing = path.ancestors().find(|dir| dir.is_dir())?;
            let rest = path.strip_prefix(existing).ok()?;
            let relative = canonical(existing)
                .strip_prefix(&canonical_workdir)
                .ok()?
                .join(rest);
            relative
                .components()
                .map(|c| match c {
                    Component::Normal(part) => part.to_str().map(str::to_string),
                    _ => None,
                })
                .collect()
        };
        let explicit = match plan {
            Some(_) => Some(inside(&start).ok_or_else(|| GitError::Outside {
                plan: start.clone(),
                workdir: workdir.to_path_buf(),
            })?),
            None => None,
        };
        let cwd_inside = if plan.is_none() {
            inside(&cwd).unwrap_or_default()
        } else {
            // Only `--plan` counts then; the current folder may be anywhere.
            Vec::new()
        };
        // The working tree as the user reaches it: `start` without its path inside the
        // repository, so that shown paths keep the user's spelling (symbolic links).
        let depth = explicit.as_ref().unwrap_or(&cwd_inside).len();
        let user_workdir = start
            .ancestors()
            .nth(depth)
            .map_or_else(|| workdir.to_path_buf(), Path::to_path_buf);
        Ok(PlanRepo {
            repo: Rc::new(repo),
            objects: Rc::default(),
            explicit,
            cwd: cwd_inside,
            workdir: user_workdir,
            from: cwd,
            plan_arg: plan.map(|_| start),
            shown: Default::default(),
        })
    }

    /// The repository, for walking its history.
    pub fn repository(&self) -> &Repository {
        &self.repo
    }

    /// Resolves `rev` to a commit. A detached HEAD is a commit like any other.
    pub fn resolve(&self, rev: &str) -> Result<RevInfo, GitError> {
        let object = match self.repo.revparse_single(rev) {
            Ok(object) => object,
            Err(error) if error.code() == ErrorCode::Ambiguous => {
                return Err(GitError::Ambiguous(rev.to_string()));
            }
            Err(_) => {
                return Err(GitError::NoRevision {
                    rev: rev.to_string(),
                    shallow: self.repo.is_shallow(),
                });
            }
        };
        let commit = match object.peel_to_commit() {
            Ok(commit) => commit,
            Err(_) => {
                let peeled = object.peel(ObjectType::Any).unwrap_or(object);
                let kind = match peeled.kind() {
                    Some(ObjectType::Tree) => "tree (a folder)",
                    Some(ObjectType::Blob) => "blob (a file)",
                    Some(ObjectType::Tag) => "tag of something else",
                    _ => "object",
                };
                return Err(GitError::NotACommit {
                    rev: rev.to_string(),
                    kind,
                });
            }
        };
        self.info(rev, &commit)
    }

    fn info(&self, rev: &str, commit: &git2::Commit<'_>) -> Result<RevInfo, GitError> {
        let short_id = commit
            .as_object()
            .short_id()?
            .as_str()
            .unwrap_or_default()
            .to_string();
        Ok(RevInfo {
            rev: rev.to_string(),
            id: commit.id(),
            short_id,
            summary: String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default())
                .into_owned(),
        })
    }

    /// Resolves `rev` and reads the plan in it.
    pub fn open(&self, rev: &str) -> Result<(GitSource, RevInfo), GitError> {
        let info = self.resolve(rev)?;
        let source = self.source_for(&info)?;
        Ok((source, info))
    }

    /// The plan in commit `id` (from a history walk); its [`RevInfo::rev`] is the short id.
    /// Fails with [`GitError::PlanMissing`] or [`GitError::NoPlanFound`] for a commit from
    /// before the plan existed.
    pub fn source_at(&self, id: Oid) -> Result<(GitSource, RevInfo), GitError> {
        let commit = self.repo.find_commit(id)?;
        let mut info = self.info("", &commit)?;
        info.rev.clone_from(&info.short_id);
        let source = self.source_for(&info)?;
        Ok((source, info))
    }

    /// The two ends of `A..B` (A and B) or `A...B` (their merge base and B); an empty side
    /// is `HEAD`. The merge base's [`RevInfo::rev`] is its full commit id.
    pub fn resolve_range(&self, spec: &str) -> Result<(RevInfo, RevInfo), GitError> {
        let (a, b, merge_base) = if let Some((a, b)) = spec.split_once("...") {
            (a, b, true)
        } else if let Some((a, b)) = spec.split_once("..") {
            (a, b, false)
        } else {
            return Err(GitError::NotARange(spec.to_string()));
        };
        let side = |s: &'_ str| -> String {
            if s.is_empty() {
                "HEAD".to_string()
            } else {
                s.to_string()
            }
        };
        let (a, b) = (side(a), side(b));
        let from = self.resolve(&a)?;
        let to = self.resolve(&b)?;
        if !merge_base {
            return Ok((from, to));
        }
        let base = match self.repo.merge_base(from.id, to.id) {
            Ok(base) => base,
            Err(error) if error.code() == ErrorCode::NotFound => {
                return Err(GitError::NoMergeBase {
                    a,
                    b,
                    shallow: self.repo.is_shallow(),
                });
            }
            Err(error) => return Err(error.into()),
        };
        let base = self.resolve(&base.to_string())?;
        Ok((base, to))
    }

    /// Finds the plan folder in the commit's tree by the rules of `source::find_plan`.
    fn source_for(&self, info: &RevInfo) -> Result<GitSource, GitError> {
        self.plan_in(info.id)?.ok_or_else(|| self.missing(info))
    }

    /// The plan folder at commit `id`, or `None` when that commit has no plan where it is
    /// looked for; without describing the commit, as [`PlanRepo::source_at`] does (a walk
    /// describes the commits it shows in its own way, and most it reads are not shown).
    pub fn plan_in(&self, id: Oid) -> Result<Option<GitSource>, GitError> {
        let commit = self.repo.find_commit(id)?;
        let tree = commit.tree()?;
        let holds_plan = |dir: &[String]| -> Option<Vec<String>> {
            let mut file = dir.to_vec();
            file.push("plan.toml".into());
            if is_blob(&tree, &file) {
                return Some(dir.to_vec());
            }
            let mut nested = dir.to_vec();
            nested.push("plan".into());
            file = nested.clone();
            file.push("plan.toml".into());
            is_blob(&tree, &file).then_some(nested)
        };
        let found = match &self.explicit {
            Some(dir) => holds_plan(dir),
            None => (0..=self.cwd.len())
                .rev()
                .find_map(|depth| holds_plan(&self.cwd[..depth])),
        };
        let Some(plan_dir) = found else {
            return Ok(None);
        };
        let plan_tree = if plan_dir.is_empty() {
            tree.id()
        } else {
            tree.get_path(Path::new(&plan_dir.join("/")))?.id()
        };
        let plan_dir = plan_dir.join("/");
        let shown = {
            let mut last = self.shown.borrow_mut();
            match &*last {
                Some((dir, shown)) if *dir == plan_dir => Rc::clone(shown),
                _ => {
                    let shown = Rc::new(DirSource::new(self.workdir.join(&plan_dir)));
                    *last = Some((plan_dir.clone(), Rc::clone(&shown)));
                    shown
                }
            }
        };
        Ok(Some(GitSource {
            repo: Rc::clone(&self.repo),
            objects: Rc::clone(&self.objects),
            tree: plan_tree,
            plan_dir,
            shown,
        }))
    }

    /// The error for a commit without the plan: name the folder the plan is in now when
    /// there is one (or the one `--plan` names).
    fn missing(&self, info: &RevInfo) -> GitError {
        let now = source::find_plan(self.plan_arg.as_deref(), &self.from)
            .ok()
            .or_else(|| self.plan_arg.clone());
        match now {
            Some(folder) => {
                let shown = DirSource::new(folder).display_path("");
                let shown = if shown.is_empty() {
                    "./".to_string()
                } else {
                    format!("{shown}/")
                };
                GitError::PlanMissing {
                    folder: shown,
                    rev: info.rev.clone(),
                    short_id: info.short_id.clone(),
                }
            }
            None => GitError::NoPlanFound {
                from: self.from.clone(),
                rev: info.rev.clone(),
                short_id: info.short_id.clone(),
            },
        }
    }
}

/// The plan folder of one commit, read from the object database.
pub struct GitSource {
    repo: Rc<Repository>,
    objects: Rc<Objects>,
    /// The plan folder's tree.
    tree: Oid,
    /// The plan folder inside the repository, `/`-separated, `""` at its root.
    plan_dir: String,
    /// The same folder in the working tree, only to show paths the way [`DirSource`] does.
    shown: Rc<DirSource>,
}

impl std::fmt::Debug for GitSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GitSource")
            .field("repository", &self.repo.path())
            .field("tree", &self.tree)
            .field("plan_dir", &self.plan_dir)
            .finish_non_exhaustive()
    }
}

impl GitSource {
    /// The plan folder as a `/`-separated path from the root of the repository (`plan`, or
    /// `""` for the root itself), as GitHub and SARIF want paths.
    pub fn plan_dir(&self) -> &str {
        &self.plan_dir
    }

    /// Where the plan folder is (or would be) in the working tree. It may not exist there:
    /// the plan may have moved since.
    pub fn working_tree_root(&self) -> &Path {
        self.shown.root()
    }

    /// What is at `path` inside the plan folder; `None` when nothing is.
    fn entry(&self, path: &str) -> Result<Option<Entry>, git2::Error> {
        let Some(parts) = parts(path) else {
            return Ok(None);
        };
        if parts.is_empty() {
            return Ok(Some(Entry::Tree(self.tree)));
        }
        let tree = self.repo.find_tree(self.tree)?;
        let item = match tree.get_path(Path::new(&parts.join("/"))) {
            Ok(item) => item,
            Err(error) if error.code() == ErrorCode::NotFound => return Ok(None),
            Err(error) => return Err(error),
        };
        Ok(Some(match item.kind() {
            Some(ObjectType::Tree) => Entry::Tree(item.id()),
            Some(ObjectType::Blob) if item.filemode() == LINK_MODE => Entry::Link,
            Some(ObjectType::Blob) => Entry::Blob(item.id()),
            _ => Entry::Submodule,
        }))
    }
}

/// Why a symbolic link in a revision is refused: git stores the link's target as text, and
/// a pull request can point it anywhere.
const GIT_LINK: &str = "is a symbolic link, which obert does not follow in a git revision";

/// The file mode git gives a symbolic link.
const LINK_MODE: i32 = 0o120000;

enum Entry {
    Blob(Oid),
    Tree(Oid),
    Link,
    Submodule,
}

impl Source for GitSource {
    fn read(&self, path: &str) -> io::Result<Read> {
        let oid = match self.entry(path).map_err(io::Error::other)? {
            None => return Ok(Read::Missing),
            Some(Entry::Blob(oid)) => oid,
            Some(Entry::Tree(_)) => return Err(io::Error::other("is a folder, not a file")),
            Some(Entry::Link) => return Ok(Read::Refused(GIT_LINK)),
            Some(Entry::Submodule) => {
                return Err(io::Error::other("is a submodule, not a file"));
            }
        };
        if let Some(bytes) = self.objects.get(oid) {
            return Ok(Read::Bytes(bytes));
        }
        // The header tells the size without inflating the object.
        let odb = self.repo.odb().map_err(io::Error::other)?;
        let (size, _) = odb.read_header(oid).map_err(io::Error::other)?;
        if size as u64 > MAX_FILE_BYTES {
            return Ok(Read::TooLarge(size as u64));
        }
        let blob = self.repo.find_blob(oid).map_err(io::Error::other)?;
        let bytes = blob.content().to_vec();
        self.objects.keep(oid, &bytes);
        Ok(Read::Bytes(bytes))
    }

    fn list(&self, dir: &str) -> io::Result<Vec<String>> {
        self.list_where(dir, &mut |_| true)
    }

    fn list_where(&self, dir: &str, keep: &mut dyn FnMut(&str) -> bool) -> io::Result<Vec<String>> {
        let oid = match self.entry(dir).map_err(io::Error::other)? {
            None => return Ok(Vec::new()),
            Some(Entry::Tree(oid)) => oid,
            Some(_) => return Err(io::Error::other("is a file, not a folder")),
        };
        if let Some(names) = self.objects.listing_where(oid, keep) {
            return Ok(names);
        }
        let tree = self.repo.find_tree(oid).map_err(io::Error::other)?;
        let mut names: Vec<String> = tree
            .iter()
            // As in the working tree: files and links, not folders or submodules.
            .filter(|item| item.kind() == Some(ObjectType::Blob))
            .map(|item| String::from_utf8_lossy(item.name_bytes()).into_owned())
            .collect();
        names.sort();
        self.objects.keep_listing(oid, &names);
        names.retain(|name| keep(name));
        Ok(names)
    }

    fn exists(&self, path: &str) -> bool {
        matches!(self.entry(path), Ok(Some(_)))
    }

    fn fingerprint(&self, path: &str) -> Option<Vec<u8>> {
        match self.entry(path) {
            Ok(Some(Entry::Blob(oid))) => Some(oid.as_bytes().to_vec()),
            _ => None,
        }
    }

    /// The path the file has in the working tree, as [`DirSource`] shows it
    /// (`plan/people.toml` from the repository's root), not `REV:plan/people.toml`: the
    /// text and the lines are the revision's, and the command says once which revision it
    /// read. So `check --rev X` reads as `check` on a checkout of X.
    fn display_path(&self, path: &str) -> String {
        self.shown.display_path(path)
    }
}

/// Blobs read before, and folders listed before, by id: a file or a folder that several
/// revisions share is inflated once. An object id names its content, so a copy kept is
/// never stale.
///
/// Bounded, as a hostile repository may hold large files and folders: a cache that would
/// pass its bound starts again empty (the files and folders a walk reads again are those
/// of the last few revisions, which it then keeps again). Files larger than
/// [`Objects::LARGEST`] are not kept at all.
#[derive(Default)]
struct Objects {
    /// Blobs by id, and the bytes they hold in all (at most [`Objects::MOST_BYTES`]).
    blobs: std::cell::RefCell<(std::collections::HashMap<Oid, Vec<u8>>, usize)>,
    /// Folder listings by tree id, and the names they hold in all (at most
    /// [`Objects::MOST_NAMES`]).
    listings: std::cell::RefCell<(std::collections::HashMap<Oid, Vec<String>>, usize)>,
}

impl Objects {
    /// The largest file kept: a plan's documents and settings, not its large files of
    /// entries, which are taken over decoded when they did not change.
    const LARGEST: usize = 256 * 1024;
    const MOST_BYTES: usize = 16 * 1024 * 1024;
    const MOST_NAMES: usize = 256 * 1024;

    fn get(&self, oid: Oid) -> Option<Vec<u8>> {
        self.blobs.borrow().0.get(&oid).cloned()
    }

    fn keep(&self, oid: Oid, bytes: &[u8]) {
        if bytes.len() > Self::LARGEST {
            return;
        }
        keep_bounded(&self.blobs, oid, bytes, Self::MOST_BYTES);
    }

    /// The names of the folder `oid` that `keep` accepts, if its listing is kept: only
    /// those are copied.
    fn listing_where(&self, oid: Oid, keep: &mut dyn FnMut(&str) -> bool) -> Option<Vec<String>> {
        let listings = self.listings.borrow();
        let names = listings.0.get(&oid)?;
        Some(names.iter().filter(|name| keep(name)).cloned().collect())
    }

    fn keep_listing(&self, oid: Oid, names: &[String]) {
        keep_bounded(&self.listings, oid, names, Self::MOST_NAMES);
    }
}

/// Keeps `items` under `oid` in `cache`, which counts the items it holds in all; emptied
/// first when that count would pass `most`.
fn keep_bounded<T: Clone>(
    cache: &std::cell::RefCell<(std::collections::HashMap<Oid, Vec<T>>, usize)>,
    oid: Oid,
    items: &[T],
    most: usize,
) {
    if items.len() > most {
        return;
    }
    let mut cache = cache.borrow_mut();
    let (kept, total) = &mut *cache;
    if kept.contains_key(&oid) {
        return;
    }
    if *total + items.len() > most {
        kept.clear();
        *total = 0;
    }
    kept.insert(oid, items.to_vec());
    *total += items.len();
}

/// `path` (relative to the plan folder) as tree path parts: `.` and empty parts dropped,
/// `..` taken back. `None` when it leaves the plan folder.
fn parts(path: &str) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts)
}

fn is_blob(tree: &git2::Tree<'_>, parts: &[String]) -> bool {
    tree.get_path(Path::new(&parts.join("/")))
        .is_ok_and(|item| item.kind() == Some(ObjectType::Blob))
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_plan() {
        assert_eq!(
            parts("spaces/forum.toml"),
            Some(vec!["spaces", "forum.toml"])
        );
        assert_eq!(parts("./minutes//a.md"), Some(vec!["minutes", "a.md"]));
        assert_eq!(parts("minutes/../a.md"), Some(vec!["a.md"]));
        assert_eq!(parts(""), Some(vec![]));
        assert_eq!(parts("../secret"), None);
    }

    /// The caches of objects read before never hold more than their bound: what would
    /// pass it empties the cache first, and what alone passes it is not kept.
    #[test]
    fn kept_objects_stay_within_their_bound() {
        let cache = std::cell::RefCell::default();
        let oid = |n: u8| Oid::from_bytes(&[n; 20]).expect("an id");
        keep_bounded(&cache, oid(1), &[0u8; 6], 10);
        keep_bounded(&cache, oid(2), &[0u8; 4], 10);
        assert_eq!(cache.borrow().1, 10);
        assert_eq!(cache.borrow().0.len(), 2);
        // Kept again under the same id: counted once.
        keep_bounded(&cache, oid(2), &[0u8; 4], 10);
        assert_eq!(cache.borrow().1, 10);
        // One more byte would pass the bound: the cache starts again with it alone.
        keep_bounded(&cache, oid(3), &[0u8; 1], 10);
        assert_eq!(cache.borrow().1, 1);
        assert!(cache.borrow().0.contains_key(&oid(3)));
        assert!(!cache.borrow().0.contains_key(&oid(1)));
        // Larger than the bound: not kept, and nothing else dropped.
        keep_bounded(&cache, oid(4), &[0u8; 11], 10);
        assert_eq!(cache.borrow().1, 1);
        assert!(!cache.borrow().0.contains_key(&oid(4)));
    }
}
