//! The history of the plan, or of one entry, newest first: each commit that changed it, with
//! what it changed in the same words as `obert diff`.
//!
//! Only commits that touched the plan's files (or, for an entry, the files that entry lives
//! in) are loaded and compared, so a long history costs one tree comparison per commit and
//! at most two plan loads per commit that matters (one, when the plan read last can be
//! taken over: see `Answers`). For one entry only its own files are read; for a
//! space also plan.toml and the people and organisations, which judge its balance at that
//! revision as `check` and `status` would there.

use std::collections::BTreeSet;

use std::collections::{BinaryHeap, HashMap, HashSet};

use git2::{DiffFindOptions, DiffOptions, Oid};

use super::diff::{self, Judged, PlanDiff};
use super::git::{GitError, GitSource, PlanRepo};
use crate::load::{self, LoadError, Loaded};
use crate::model::{Date, EntryKind};
use crate::source::{Read, Source};

/// Why the history could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(
        "no organisation, person, space, commitment or contribution has the id `{0}` in the plan at HEAD"
    )]
    NoSuchEntry(String),
    /// What the caller's `each` returned (a closed pipe, say).
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl From<git2::Error> for LogError {
    fn from(error: git2::Error) -> Self {
        LogError::Git(GitError::Git(error))
    }
}

/// One commit that changed what the log follows.
#[derive(Debug)]
pub struct Commit {
    /// The commit id, abbreviated as git would.
    pub short_id: String,
    /// The author's date, in the author's time zone.
    pub date: Option<Date>,
    pub author: String,
    /// The first line of the message.
    pub summary: String,
    /// What the commit changed (only the entry's changes, for an entry's log).
    pub changes: PlanDiff,
}

/// What to follow and how far.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// One entry's id, or the whole plan.
    pub id: Option<String>,
    /// Stop after this many commits shown.
    pub max_count: Option<usize>,
    /// The day the rules about past meetings judge from, for the findings of the whole
    /// plan's log.
    pub today: Option<Date>,
}

/// Walks the history from HEAD, newest first, calling `each` with every commit that changed
/// what `options` follows, and `progress` with the commits read and shown so far. Returns
/// how many commits were shown.
pub fn walk(
    repo: &PlanRepo,
    options: &Options,
    progress: &mut dyn FnMut(usize, usize),
    each: &mut dyn FnMut(&Commit) -> std::io::Result<()>,
) -> Result<usize, LogError> {
    let head = repo.resolve("HEAD")?;
    let (head_source, _) = repo.source_at(head.id)?;
    let plan_dir = head_source.plan_dir().to_string();
    let prefix = |path: &str| {
        if plan_dir.is_empty() {
            path.to_string()
        } else {
            format!("{plan_dir}/{path}")
        }
    };

    // The files (or folders) whose commits matter, as paths in the repository.
    let (kind, mut tracked): (Option<EntryKind>, BTreeSet<String>) = match &options.id {
        None => (None, [plan_dir.clone()].into_iter().collect()),
        Some(id) => {
            // A commitment is its file: when `commitments/<id>.md` is there, the rest of the
            // plan need not be read to know what `id` names (`kind_of` would find the
            // commitment first too).
            let commitment =
                crate::load::is_slug(id) && head_source.exists(&format!("commitments/{id}.md"));
            let kind = if commitment {
                EntryKind::Commitment
            } else {
                let current = load::load(&head_source)?;
                kind_of(&current, id).ok_or_else(|| LogError::NoSuchEntry(id.clone()))?
            };
            let paths: Vec<String> = match kind {
                EntryKind::Organisation => vec![prefix("organisations.toml")],
                // A person's history includes joining and leaving spaces.
                EntryKind::Person => vec![prefix("people.toml"), prefix("spaces")],
                EntryKind::Space => vec![prefix(&format!("spaces/{id}.toml"))],
                // A commitment's history includes its progress and its assessments.
                EntryKind::Commitment => vec![
                    prefix(&format!("commitments/{id}.md")),
                    prefix(&format!("progress/{id}.toml")),
                    prefix(&format!("assessments/{id}.toml")),
                ],
                _ => vec![prefix("contributions")],
            };
            (Some(kind), paths.into_iter().collect())
        }
    };

    let git = repo.repository();
    let revisions = NewestFirst::from(git, head.id)?;

    let today = options.today;
    let mut shown = 0usize;
    // The plan at the commit read last, with its findings once a comparison needed them: in
    // a linear history it is the next commit's parent, so each plan is loaded and checked
    // once. For one entry, the next commit that touches it is usually further back; the
    // commits between left the entry's files alone, and the plan is taken over when its
    // source answers as it did (see `Answers`).
    let mut cached: Option<AtCommit> = None;
    // The entry's ids along its history: a commitment or space renamed by renaming its
    // file had another id before.
    let mut ids: BTreeSet<String> = options.id.iter().cloned().collect();
    let mut only: Option<Only> = None;
    // A commitment's translations (`ID.LANG.md`) in the commitments folder belong to its
    // history too, whatever their languages.
    let translations = (kind == Some(EntryKind::Commitment)).then(|| prefix("commitments"));
    for (read, commit) in revisions.enumerate() {
        let commit = commit?;
        let oid = commit.id();
        progress(read, shown);
        let parent = commit.parents().next();
        if !touches(
            git,
            &commit,
            parent.as_ref(),
            translations.as_deref(),
            &mut tracked,
            &mut ids,
        )? {
            continue;
        }
        // For one entry, only the files it lives in are read: the rest of the plan cannot
        // change what its history shows, and reading it is most of the cost. (Made again
        // only when a rename added to what is followed: `touches` only ever adds.)
        if let Some(kind) = kind
            && only
                .as_ref()
                .is_none_or(|only| only.made_for != (tracked.len(), ids.len()))
        {
            only = Some(Only::new(
                &plan_dir,
                &tracked,
                &ids,
                kind == EntryKind::Space,
            ));
        }
        let after = match cached.take() {
            Some(read) if read.oid == oid => Some(read),
            cached => match repo.plan_in(oid)? {
                None => None,
                Some(source) => Some(match cached {
                    Some(read)
                        if read
                            .answers
                            .as_ref()
                            .is_some_and(|answers| answers.repeated_by(&source, only.as_ref())) =>
                    {
                        AtCommit { oid, ..read }
                    }
                    near => read_plan(
                        &source,
                        oid,
                        only.as_ref(),
                        near.as_ref().map(|read| &read.judged.loaded),
                        today,
                    )?,
                }),
            },
        };
        let Some(mut after) = after else {
            // The plan did not exist yet: nothing older belongs to its history.
            break;
        };
        // The parent's plan differs from this one by the commit: the files it did not
        // change are copied over, not decoded again.
        let before = match &parent {
            Some(parent) => match repo.plan_in(parent.id())? {
                Some(source) => Some(read_plan(
                    &source,
                    parent.id(),
                    only.as_ref(),
                    Some(&after.judged.loaded),
                    today,
                )?),
                None => None,
            },
            None => None,
        };
        let mut before = match before {
            Some(read) => read,
            None => AtCommit {
                oid,
                judged: Judged::new(load::load(&Nothing)?, today),
                answers: None,
            },
        };
        let mut changes = match kind {
            Some(_) => diff::changes_only(&before.judged.loaded, &after.judged.loaded),
            None => diff::diff_judged(&mut before.judged, &mut after.judged),
        };
        if let Some(kind) = kind {
            keep_only(&mut changes, kind, &ids);
        }
        if parent.is_some() {
            cached = Some(before);
        }
        if changes.is_empty() {
            continue;
        }
        let when = commit.time();
        let author = commit.author();
        each(&Commit {
            short_id: short(git, oid),
            date: Date::from_days_since_epoch(
                (when.seconds() + i64::from(when.offset_minutes()) * 60).div_euclid(86_400),
            ),
            author: author.name().unwrap_or("(unknown)").to_string(),
            summary: commit
                .summary()
                .ok()
                .flatten()
                .unwrap_or_default()
                .to_string(),
            changes,
        })?;
        shown += 1;
        if options.max_count.is_some_and(|max| shown >= max) {
            break;
        }
    }
    Ok(shown)
}

/// The commits reachable from one, newest first by commit time, as `git log` lists them:
/// the newest of the commits whose children were listed comes next. It streams, where
/// libgit2's sorted walks (by time too) read the whole history before giving the first
/// commit: a tenth of `log -n 100` on 10,000 commits. Only merges of branches whose clocks
/// disagree come out in another order than the graph's, as they do in `git log`.
struct NewestFirst<'r> {
    git: &'r git2::Repository,
    /// Commits to list, by commit time (then id, so that the order is the same each time).
    queue: BinaryHeap<(i64, Oid)>,
    /// Commits queued once: a merge's parents share ancestors.
    queued: HashSet<Oid>,
    /// The queued commits, read once when queued (for their time) and given out when
    /// listed.
    waiting: HashMap<Oid, git2::Commit<'r>>,
}

impl<'r> NewestFirst<'r> {
    fn from(git: &'r git2::Repository, head: Oid) -> Result<Self, git2::Error> {
        let mut walk = NewestFirst {
            git,
            queue: BinaryHeap::new(),
            queued: HashSet::new(),
            waiting: HashMap::new(),
        };
        walk.enqueue(head)?;
        Ok(walk)
    }

    fn enqueue(&mut self, oid: Oid) -> Result<(), git2::Error> {
        if self.queued.insert(oid) {
            let commit = self.git.find_commit(oid)?;
            self.queue.push((commit.time().seconds(), oid));
            self.waiting.insert(oid, commit);
        }
        Ok(())
    }
}

impl<'r> Iterator for NewestFirst<'r> {
    type Item = Result<git2::Commit<'r>, git2::Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let (_, oid) = self.queue.pop()?;
        let commit = match self.waiting.remove(&oid) {
            Some(commit) => commit,
            None => match self.git.find_commit(oid) {
                Ok(commit) => commit,
                Err(error) => return Some(Err(error)),
            },
        };
        for parent in commit.parent_ids() {
            if let Err(error) = self.enqueue(parent) {
                return Some(Err(error));
            }
        }
        Some(Ok(commit))
    }
}

fn short(git: &git2::Repository, oid: Oid) -> String {
    git.find_object(oid, None)
        .ok()
        .and_then(|object| object.short_id().ok())
        .and_then(|buf| buf.as_str().ok().map(str::to_string))
        .unwrap_or_else(|| oid.to_string()[..7].to_string())
}

/// Whether `commit` changed any tracked path (compared with its first parent), or, given
/// the commitments folder `translations`, a translation of a commitment in `ids`. A
/// tracked file that the commit renamed is followed: its old name is tracked for older
/// commits.
fn touches(
    git: &git2::Repository,
    commit: &git2::Commit<'_>,
    parent: Option<&git2::Commit<'_>>,
    translations: Option<&str>,
    tracked: &mut BTreeSet<String>,
    ids: &mut BTreeSet<String>,
) -> Result<bool, git2::Error> {
    let tree = commit.tree()?;
    let parent_tree = parent.map(git2::Commit::tree).transpose()?;
    let mut pair = parent_tree
        .as_ref()
        .map(|parent_tree| TreePair::new(git, tree.clone(), parent_tree.clone()));
    // A translation changed: the commit touches the entry, and a rename of its main file
    // is still looked for below.
    let translated = pair
        .as_mut()
        .is_some_and(|pair| translations.is_some_and(|dir| !pair.same_translations(dir, ids)));
    if let (Some(parent_tree), Some(pair)) = (&parent_tree, &mut pair) {
        let mut differing = tracked
            .iter()
            .filter(|path| !pair.same_entry(path))
            .peekable();
        if differing.peek().is_none() && !translated {
            // Nothing at a tracked path differs, so no change (and no rename) can involve
            // one. Most commits are like this for an entry's log; looking the paths up
            // costs a few tree reads, where a full tree comparison reads the repository's
            // configuration again and every changed folder.
            return Ok(false);
        }
        if differing
            .all(|path| path.is_empty() || parent_tree.get_path(std::path::Path::new(path)).is_ok())
        {
            // Changed where it was: only a path the parent lacked can be where a file was
            // renamed to, so there is no rename to look for.
            return Ok(true);
        }
    }
    let mut options = DiffOptions::new();
    let mut diff = git.diff_tree_to_tree(parent_tree.as_ref(), Some(&tree), Some(&mut options))?;
    diff.find_similar(Some(DiffFindOptions::new().renames(true)))?;
    let inside = |path: &str, tracked: &BTreeSet<String>| {
        tracked.iter().any(|t| {
            t.is_empty()
                || path
                    .strip_prefix(t.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    };
    let mut touched = false;
    let mut renamed_from = Vec::new();
    for delta in diff.deltas() {
        let new = delta
            .new_file()
            .path()
            .map(|p| p.to_string_lossy().replace('\\', "/"));
        let old = delta
            .old_file()
            .path()
            .map(|p| p.to_string_lossy().replace('\\', "/"));
        let hit = new.as_deref().is_some_and(|p| inside(p, tracked))
            || old.as_deref().is_some_and(|p| inside(p, tracked));
        if hit {
            touched = true;
            if delta.status() == git2::Delta::Renamed
                && let (Some(old), Some(new)) = (old, new)
                && tracked.contains(&new)
            {
                // `commitments/a.md` renamed to `commitments/b.md`: the entry was `a`.
                if let Some(stem) = old
                    .rsplit('/')
                    .next()
                    .and_then(|name| name.split('.').next())
                {
                    ids.insert(stem.to_string());
                }
                renamed_from.push(old);
            }
        }
    }
    tracked.extend(renamed_from);
    Ok(touched || translated)
}

/// A commit's tree and its parent's, compared along paths. Each folder on the way is
/// found once for all the paths under it (an entry's followed paths share `plan` and
/// often `plan/commitments`), and the walk down stops at the first folder that is the
/// same tree on both sides: most commits leave most folders as they were, and those
/// trees are then never read.
struct TreePair<'r> {
    git: &'r git2::Repository,
    /// The folders looked at so far, by path (`""` for the root): both sides' trees
    /// there, or `None` when it is the same tree on both (or missing from both). A side
    /// where the folder is missing, or is not a folder, has `None`.
    folders: Vec<(String, Option<FolderPair<'r>>)>,
}

type FolderPair<'r> = (Option<git2::Tree<'r>>, Option<git2::Tree<'r>>);

impl<'r> TreePair<'r> {
    fn new(git: &'r git2::Repository, tree: git2::Tree<'r>, other: git2::Tree<'r>) -> Self {
        let root = (tree.id() != other.id()).then(|| (Some(tree), Some(other)));
        TreePair {
            git,
            folders: vec![(String::new(), root)],
        }
    }

    /// Where the folder `dir` differs: the index of both sides' trees in `folders`;
    /// `None` when it is the same on both sides.
    fn differing(&mut self, dir: &str) -> Option<usize> {
        if let Some(at) = self.folders.iter().position(|(path, _)| path == dir) {
            return self.folders[at].1.is_some().then_some(at);
        }
        let (parent, name) = dir.rsplit_once('/').unwrap_or(("", dir));
        let pair = self.differing(parent).and_then(|at| {
            let (here, there) = self.folders[at].1.as_ref()?;
            let (here, there) = (entry(here.as_ref(), name), entry(there.as_ref(), name));
            if here == there {
                return None;
            }
            const FOLDER: i32 = 0o040000;
            let folder = |entry: Option<(Oid, i32)>| {
                entry
                    .filter(|&(_, mode)| mode == FOLDER)
                    .and_then(|(id, _)| self.git.find_tree(id).ok())
            };
            Some((folder(here), folder(there)))
        });
        let differs = pair.is_some();
        self.folders.push((dir.to_string(), pair));
        differs.then_some(self.folders.len() - 1)
    }

    /// Both sides' trees at the folder `dir`; `None` when it is the same on both.
    fn sides(&mut self, dir: &str) -> Option<&FolderPair<'r>> {
        let at = self.differing(dir)?;
        self.folders[at].1.as_ref()
    }

    /// Whether `path` (a file or a folder, `""` for the root) is the same object with the
    /// same mode on both sides, or missing from both.
    fn same_entry(&mut self, path: &str) -> bool {
        if path.is_empty() {
            return self.folders[0].1.is_none();
        }
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        self.sides(dir)
            .is_none_or(|(here, there)| entry(here.as_ref(), name) == entry(there.as_ref(), name))
    }

    /// Whether the translations of the commitments `ids` (`ID.LANG.md` in the folder
    /// `dir`) are the same files on both sides.
    fn same_translations(&mut self, dir: &str, ids: &BTreeSet<String>) -> bool {
        let Some((here, there)) = self.sides(dir) else {
            return true;
        };
        let translation = |entry: &git2::TreeEntry<'_>| {
            std::str::from_utf8(entry.name_bytes())
                .ok()
                .and_then(|name| name.strip_suffix(".md"))
                .and_then(|name| name.split_once('.'))
                .is_some_and(|(stem, _)| ids.contains(stem))
        };
        let mut here = here.iter().flat_map(git2::Tree::iter).filter(translation);
        let mut there = there.iter().flat_map(git2::Tree::iter).filter(translation);
        loop {
            match (here.next(), there.next()) {
                (None, None) => return true,
                (Some(a), Some(b))
                    if a.name_bytes() == b.name_bytes()
                        && a.id() == b.id()
                        && a.filemode() == b.filemode() => {}
                _ => return false,
            }
        }
    }
}

/// The object and mode of `name` in the folder `tree`, if it has one.
fn entry(tree: Option<&git2::Tree<'_>>, name: &str) -> Option<(Oid, i32)> {
    tree?
        .get_name(name)
        .map(|entry| (entry.id(), entry.filemode()))
}

/// The plan in a commit's plan folder; the files it shares with `near` (a plan read
/// before) are copied from it. For one entry (`only`), the source's answers are kept with
/// it.
fn read_plan(
    source: &GitSource,
    oid: Oid,
    only: Option<&Only>,
    near: Option<&Loaded>,
    today: Option<Date>,
) -> Result<AtCommit, LogError> {
    let reuse = || near.map_or_else(load::Reuse::default, load::Reuse::copied_from);
    let (loaded, answers) = match only {
        Some(only) => {
            let recording = Recording {
                inner: &Filtered {
                    inner: source,
                    only,
                },
                answers: std::cell::RefCell::new(Vec::new()),
            };
            let loaded = load::load_reusing(&recording, reuse())?;
            let answers = Answers {
                plan_dir: source.plan_dir().to_string(),
                answers: recording.answers.into_inner(),
            };
            (loaded, Some(answers))
        }
        None => (load::load_reusing(source, reuse())?, None),
    };
    Ok(AtCommit {
        oid,
        judged: Judged::new(loaded, today),
        answers,
    })
}

/// A plan read at a commit, with what its source answered while it was read.
struct AtCommit {
    oid: Oid,
    judged: Judged,
    answers: Option<Answers>,
}

/// What a plan's source answered while the plan was read. Reading depends on nothing but
/// those answers, so a revision that gives each of them again holds the same plan: an
/// entry's log tells so with a few tree lookups (a file by its blob id), where reading the
/// plan again would parse its files.
struct Answers {
    /// The plan folder in the repository: the same blobs elsewhere are another plan's.
    plan_dir: String,
    answers: Vec<Answer>,
}

enum Answer {
    /// The blob read at a path, or `None` when nothing was there.
    Read(String, Option<Vec<u8>>),
    List(String, Vec<String>),
    Exists(String, bool),
    Fingerprint(String, Option<Vec<u8>>),
    /// An answer that a blob id does not tell again (a link refused, a failed read): the
    /// plan is read again.
    Unrepeatable,
}

impl Answers {
    /// Whether the plan folder `source`, shown through `only`, answers every question as
    /// before.
    fn repeated_by(&self, source: &GitSource, only: Option<&Only>) -> bool {
        let Some(only) = only else {
            return false;
        };
        if source.plan_dir() != self.plan_dir {
            return false;
        }
        let source = Filtered {
            inner: source,
            only,
        };
        self.answers.iter().all(|answer| match answer {
            Answer::Read(path, Some(blob)) => source.fingerprint(path).as_ref() == Some(blob),
            Answer::Read(path, None) => matches!(source.read(path), Ok(Read::Missing)),
            Answer::List(dir, names) => source.list(dir).is_ok_and(|now| now == *names),
            Answer::Exists(path, was) => source.exists(path) == *was,
            Answer::Fingerprint(path, was) => source.fingerprint(path) == *was,
            Answer::Unrepeatable => false,
        })
    }
}

/// A source that notes its answers (see [`Answers`]).
struct Recording<'a> {
    inner: &'a dyn Source,
    answers: std::cell::RefCell<Vec<Answer>>,
}

impl Source for Recording<'_> {
    fn read(&self, path: &str) -> std::io::Result<Read> {
        let read = self.inner.read(path);
        let answer = match &read {
            Ok(Read::Bytes(_)) => self
                .inner
                .fingerprint(path)
                .map_or(Answer::Unrepeatable, |blob| {
                    Answer::Read(path.to_string(), Some(blob))
                }),
            Ok(Read::Missing) => Answer::Read(path.to_string(), None),
            _ => Answer::Unrepeatable,
        };
        self.answers.borrow_mut().push(answer);
        read
    }
    fn list(&self, dir: &str) -> std::io::Result<Vec<String>> {
        let names = self.inner.list(dir);
        self.answers.borrow_mut().push(match &names {
            Ok(names) => Answer::List(dir.to_string(), names.clone()),
            Err(_) => Answer::Unrepeatable,
        });
        names
    }
    fn shows_every_file(&self) -> bool {
        self.inner.shows_every_file()
    }
    fn exists(&self, path: &str) -> bool {
        let exists = self.inner.exists(path);
        self.answers
            .borrow_mut()
            .push(Answer::Exists(path.to_string(), exists));
        exists
    }
    fn display_path(&self, path: &str) -> String {
        self.inner.display_path(path)
    }
    fn fingerprint(&self, path: &str) -> Option<Vec<u8>> {
        // The loader asks for the fingerprint of each file right after reading it, which
        // `read` noted already: asking the tree again would only repeat that answer.
        if let Some(Answer::Read(read, blob)) = self.answers.borrow().last()
            && read == path
        {
            return blob.clone();
        }
        let blob = self.inner.fingerprint(path);
        self.answers
            .borrow_mut()
            .push(Answer::Fingerprint(path.to_string(), blob.clone()));
        blob
    }
}

/// The kind of entry `id` names in the plan; commitments first, as `show` finds them.
fn kind_of(loaded: &Loaded, id: &str) -> Option<EntryKind> {
    let plan = &loaded.plan;
    if plan.commitments.iter().any(|c| c.id == id) {
        Some(EntryKind::Commitment)
    } else if plan.spaces.iter().any(|s| s.id == id) {
        Some(EntryKind::Space)
    } else if plan.people.iter().any(|p| p.id == id) {
        Some(EntryKind::Person)
    } else if plan.organisations.iter().any(|o| o.id == id) {
        Some(EntryKind::Organisation)
    } else if plan.contributions().any(|c| c.id == id) {
        Some(EntryKind::Contribution)
    } else {
        None
    }
}

/// Keeps only the changes to one entry, known by any of `ids` (and, for a space, its
/// balance).
fn keep_only(changes: &mut PlanDiff, kind: EntryKind, ids: &BTreeSet<String>) {
    // Keys are ids, `space/person` for memberships and `space/id` for meetings and phases,
    // `commitment/…` for reports and assessments.
    let own = |key: &str| ids.contains(key);
    let in_space = |key: &str| key.split_once('/').is_some_and(|(space, _)| own(space));
    let of_person = |key: &str| key.rsplit_once('/').is_some_and(|(_, person)| own(person));
    let wanted = |list: EntryKind, key: &str| match (kind, list) {
        (EntryKind::Person, EntryKind::Member) => of_person(key),
        (EntryKind::Space, EntryKind::Member | EntryKind::Meeting | EntryKind::Phase) => {
            in_space(key)
        }
        (EntryKind::Contribution, EntryKind::Response) => own(key),
        (EntryKind::Commitment, EntryKind::Report | EntryKind::Assessment) => in_space(key),
        (followed, list) => followed == list && own(key),
    };
    changes.changes.retain(wanted);
    changes
        .balance
        .retain(|b| kind == EntryKind::Space && own(&b.space));
    changes.findings_introduced.clear();
    changes.findings_resolved.clear();
}

/// The files of one entry: its tracked paths (repository paths), and, for a commitment,
/// its translations.
struct Only {
    /// How many paths and ids were followed when it was made: `touches` only ever adds
    /// to them, so a larger count means it must be made again.
    made_for: (usize, usize),
    /// The paths followed inside the plan folder, as the plan's source names them.
    in_plan: Vec<String>,
    ids: BTreeSet<String>,
    /// Also read plan.toml, people.toml and organisations.toml: what a space's balance
    /// is judged with.
    context: bool,
}

impl Only {
    fn new(
        plan_dir: &str,
        tracked: &BTreeSet<String>,
        ids: &BTreeSet<String>,
        context: bool,
    ) -> Self {
        let in_plan = tracked
            .iter()
            .filter_map(|path| {
                if plan_dir.is_empty() {
                    Some(path.as_str())
                } else {
                    path.strip_prefix(plan_dir)?.strip_prefix('/')
                }
            })
            .map(str::to_string)
            .collect();
        Only {
            made_for: (tracked.len(), ids.len()),
            in_plan,
            ids: ids.clone(),
            context,
        }
    }

    fn allows(&self, path: &str) -> bool {
        // A space's balance needs its members' sectors, and the numbers the plan asks for
        // at that revision.
        if self.context && matches!(path, "plan.toml" | "people.toml" | "organisations.toml") {
            return true;
        }
        let tracked = self.in_plan.iter().any(|t| {
            path.strip_prefix(t.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        });
        tracked || self.translation(path)
    }

    /// Whether `path` is a translation of a followed commitment (`commitments/ID.LANG.md`).
    fn translation(&self, path: &str) -> bool {
        path.strip_prefix("commitments/")
            .and_then(|name| name.split_once('.'))
            .is_some_and(|(stem, _)| self.ids.contains(stem))
    }

    /// Whether anything inside the folder `dir` can be allowed: a folder that holds no
    /// followed file is shown empty without being read.
    fn may_hold(&self, dir: &str) -> bool {
        if dir.is_empty() {
            // The plan folder itself: only a followed path at its top is allowed in it.
            return self.context || self.in_plan.iter().any(|t| !t.contains('/'));
        }
        dir == "commitments"
            || self.in_plan.iter().any(|t| {
                t.strip_prefix(dir)
                    .is_some_and(|rest| rest.starts_with('/'))
                    || dir
                        .strip_prefix(t.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
    }
}

/// A plan source that shows only one entry's files.
struct Filtered<'a> {
    inner: &'a dyn Source,
    only: &'a Only,
}

impl Source for Filtered<'_> {
    fn read(&self, path: &str) -> std::io::Result<Read> {
        if self.only.allows(path) {
            self.inner.read(path)
        } else {
            Ok(Read::Missing)
        }
    }
    fn list(&self, dir: &str) -> std::io::Result<Vec<String>> {
        if !self.only.may_hold(dir) {
            return Ok(Vec::new());
        }
        let mut path = String::new();
        self.inner.list_where(dir, &mut |name| {
            path.clear();
            if !dir.is_empty() {
                path.push_str(dir);
                path.push('/');
            }
            path.push_str(name);
            self.only.allows(&path)
        })
    }
    fn exists(&self, path: &str) -> bool {
        self.only.allows(path) && self.inner.exists(path)
    }
    fn shows_every_file(&self) -> bool {
        false
    }
    fn display_path(&self, path: &str) -> String {
        self.inner.display_path(path)
    }
    fn fingerprint(&self, path: &str) -> Option<Vec<u8>> {
        self.only
            .allows(path)
            .then(|| self.inner.fingerprint(path))
            .flatten()
    }
    fn again(&self, path: &str) -> Option<crate::source::DirSource> {
        self.only
            .allows(path)
            .then(|| self.inner.again(path))
            .flatten()
    }
}

/// A plan folder with nothing in it: what came before the commit that added the plan.
struct Nothing;

impl Source for Nothing {
    fn read(&self, _path: &str) -> std::io::Result<Read> {
        Ok(Read::Missing)
    }
    fn list(&self, _dir: &str) -> std::io::Result<Vec<String>> {
        Ok(Vec::new())
    }
    fn exists(&self, _path: &str) -> bool {
        false
    }
    fn display_path(&self, path: &str) -> String {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree of `files` (path, text) in `git`.
    fn tree<'r>(git: &'r git2::Repository, files: &[(&str, &str)]) -> git2::Tree<'r> {
        let mut index = git2::Index::new().expect("index");
        for (path, text) in files {
            let blob = git.blob(text.as_bytes()).expect("blob");
            let entry = git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100644,
                uid: 0,
                gid: 0,
                file_size: 0,
                id: blob,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            index.add(&entry).expect("add");
        }
        let id = index.write_tree_to(git).expect("tree");
        git.find_tree(id).expect("find")
    }

    /// An entry's files read alone cannot tell whether a file they name is in the plan:
    /// the reading reports none missing, where the whole plan's reports what is.
    #[test]
    fn a_view_of_some_files_reports_no_file_missing() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("plan");
        crate::load::testing::copy_of_valid_plan(&root);
        let progress = root.join("progress/a.toml");
        let text = std::fs::read_to_string(&progress).expect("the fixture");
        let text = text.replacen("minutes/forum-p1.md", "minutes/nowhere.md", 1);
        std::fs::write(&progress, text).expect("written");
        let source = crate::source::DirSource::new(&root);
        let missing = |loaded: &Loaded| {
            loaded
                .diagnostics
                .iter()
                .filter(|d| d.rule == &crate::rules::EVIDENCE_MISSING)
                .count()
        };
        assert_eq!(missing(&load::load(&source).expect("the plan loads")), 1);

        let tracked = ["commitments/a.md", "progress/a.toml", "assessments/a.toml"]
            .map(String::from)
            .into();
        let only = Only::new("", &tracked, &["a".to_string()].into(), false);
        let view = Filtered {
            inner: &source,
            only: &only,
        };
        let loaded = load::load(&view).expect("the entry's files load");
        assert_eq!(loaded.plan.progress.len(), 1, "the progress file is read");
        assert_eq!(missing(&loaded), 0);
    }

    #[test]
    fn same_entry_goes_down_only_where_the_trees_differ() {
        let dir = tempfile::tempdir().expect("tmp");
        let git = git2::Repository::init_bare(dir.path()).expect("init");
        let before = tree(
            &git,
            &[
                ("plan/people.toml", "a"),
                ("plan/commitments/a.md", "a"),
                ("plan/progress/a.toml", "a"),
            ],
        );
        let after = tree(
            &git,
            &[
                ("plan/people.toml", "b"),
                ("plan/commitments/a.md", "a"),
                ("plan/progress/a.toml", "a"),
            ],
        );
        // One pair asked for every path answers as a new pair for each.
        let mut shared = TreePair::new(&git, before.clone(), after.clone());
        let mut same = |path: &str| {
            let fresh = TreePair::new(&git, before.clone(), after.clone()).same_entry(path);
            assert_eq!(shared.same_entry(path), fresh, "{path}");
            fresh
        };
        assert!(same("plan/commitments/a.md"));
        assert!(same("plan/commitments"));
        assert!(!same("plan/people.toml"));
        assert!(!same("plan"));
        assert!(!same(""));
        // Missing from both, under a folder that differs.
        assert!(same("plan/assessments/a.toml"));
        assert!(same("plan/people.toml/x"));

        // A folder on the way in one tree only: the path in it differs; a path missing
        // from both does not.
        let moved = tree(
            &git,
            &[
                ("plan/people.toml", "a"),
                ("plan/progress", "now a file"),
                ("plan/assessments/a.toml", "a"),
            ],
        );
        // One pair asked for every path answers as a new pair for each.
        let mut shared = TreePair::new(&git, before.clone(), moved.clone());
        let mut same = |path: &str| {
            let fresh = TreePair::new(&git, before.clone(), moved.clone()).same_entry(path);
            assert_eq!(shared.same_entry(path), fresh, "{path}");
            fresh
        };
        assert!(!same("plan/progress/a.toml"));
        assert!(!same("plan/progress"));
        assert!(!same("plan/commitments/a.md"));
        assert!(!same("plan/assessments/a.toml"));
        assert!(same("plan/assessments/b.toml"));
        assert!(same("plan/people.toml"));
    }
}
