//! Two plans compared entry by entry, in the plan's own terms: which person joined which
//! space, which milestone slipped by how many days, which findings an edit brings or clears.
//!
//! Every kind of entry is indexed by its key once (`BTreeMap`s, so the result comes out
//! sorted by key) and the two indexes are walked together: the cost grows with the size of
//! the plans, never with the product of their sizes. Text is compared line by line with
//! `similar`, one section at a time.
//!
//! A [`PlanDiff`] is plain data; [`super::report`] turns it into text, Markdown or JSON.
//! Private values (e-mail addresses, phone numbers, the names of people who did not consent
//! to publish them) never enter it, and every string in it has been through
//! [`crate::privacy::redact`].

mod compare;
mod consequences;
mod fields;
pub(crate) mod milestones;
mod names;
#[cfg(test)]
pub(crate) mod testing;

use std::borrow::Cow;

use serde::Serialize;

use crate::diag::Severity;
use crate::load::Loaded;
use crate::model::{Date, EntryKind};
use crate::rules::Context;
use consequences::{balance, findings, problems};
use fields::Fields;
pub use fields::SPACING_ONLY;

/// What happened to an entry or to one of its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed,
}

impl ChangeKind {
    pub const ALL: [ChangeKind; 3] = [ChangeKind::Added, ChangeKind::Removed, ChangeKind::Changed];

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }

    /// `+`, `-` or `~`, as the text report marks its lines.
    pub fn sign(self) -> char {
        match self {
            ChangeKind::Added => '+',
            ChangeKind::Removed => '-',
            ChangeKind::Changed => '~',
        }
    }

    /// The change from a value that was there or not to one that is there or not.
    fn of(was: bool, is: bool) -> Self {
        match (was, is) {
            (false, true) => ChangeKind::Added,
            (true, false) => ChangeKind::Removed,
            _ => ChangeKind::Changed,
        }
    }
}

/// One field of an entry that differs between the two plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The field as the format names it (`due`), with what it belongs to where that is not
    /// the entry itself (`milestone 3.2 due`, `section problem`, `title (en)`).
    pub field: String,
    /// `added` when the first plan has no value, `removed` when the second has none.
    pub change: ChangeKind,
    /// The value as text; `None` when absent, and also when `private` withholds it.
    pub before: Option<String>,
    pub after: Option<String>,
    /// Some value of this field is private: it is left out, and only the change is told.
    pub private: bool,
    /// A remark on the change, such as how many days a date moved (`+92 days`).
    pub note: Option<String>,
    /// For a date that moved, by how many days (later is positive).
    pub days: Option<i64>,
    /// For prose (a commitment's section, a contribution's body, minutes): the changed
    /// lines, `-` or `+` first. `before` and `after` are `None` then.
    pub diff: Vec<String>,
    /// For prose, the same change word by word: each line that changed, as runs of words
    /// kept, removed and added. Empty when only spacing changed.
    pub words: Vec<Vec<Piece>>,
}

/// A run of words in a line of prose that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Piece {
    Same(String),
    Removed(String),
    Added(String),
}

impl Piece {
    pub fn text(&self) -> &str {
        match self {
            Piece::Same(text) | Piece::Removed(text) | Piece::Added(text) => text,
        }
    }

    fn text_mut(&mut self) -> &mut String {
        match self {
            Piece::Same(text) | Piece::Removed(text) | Piece::Added(text) => text,
        }
    }
}

impl Field {
    /// Whether `before` (or else `after`) was withheld rather than absent.
    pub fn withheld(&self, after: bool) -> bool {
        let (value, absent) = if after {
            (&self.after, self.change == ChangeKind::Removed)
        } else {
            (&self.before, self.change == ChangeKind::Added)
        };
        self.private && value.is_none() && !absent
    }

    /// Whether this is prose, shown as a text diff rather than as two values.
    pub fn is_prose(&self) -> bool {
        !self.diff.is_empty()
    }
}

/// One entry added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The entry's id, or `space/person`, `space/meeting`, `space/phase` for entries that
    /// live inside a space. Repeated ids get `#2`, `#3`.
    pub key: String,
    pub change: ChangeKind,
    /// The entry named as the document names it (`Grup motor, 2021-06-01, «Constitució»`),
    /// in the plan that has it (the second, unless the entry was removed).
    pub name: Option<String>,
    /// Where the entry is written, in the plan that has it: the path inside the plan
    /// folder and the 1-based line where the entry starts.
    pub file: Option<String>,
    pub line: Option<usize>,
    /// A few words on the entry as a whole: what an added or removed entry is, or what a
    /// change means (`left on 2022-01-31`, `answered: rejected`).
    pub summary: Option<String>,
    /// For a changed entry, the fields that differ, in the order the format lists them.
    pub fields: Vec<Field>,
}

/// The kinds of entry a diff reports, in the order it reports them.
pub const KINDS: [EntryKind; 13] = [
    EntryKind::Plan,
    EntryKind::Organisation,
    EntryKind::Person,
    EntryKind::Space,
    EntryKind::Member,
    EntryKind::Meeting,
    EntryKind::Phase,
    EntryKind::Commitment,
    EntryKind::Contribution,
    EntryKind::Response,
    EntryKind::Report,
    EntryKind::Assessment,
    EntryKind::Publication,
];

/// How a report counts entries of a kind, one and many. A space's members change as
/// memberships (one person may join twice); the plan's own entries are its settings.
fn nouns(kind: EntryKind) -> (&'static str, &'static str) {
    match kind {
        EntryKind::Plan => ("plan setting", "plan settings"),
        EntryKind::Member => ("membership", "memberships"),
        _ => (kind.word(), kind.plural()),
    }
}

/// The kind's key in the JSON report: `memberships`, `plan`.
pub fn kind_key(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Plan => "plan",
        _ => nouns(kind).1,
    }
}

/// The heading of the kind in a report: `Memberships`, `Plan`.
pub fn kind_title(kind: EntryKind) -> String {
    crate::rules::capitalise(kind_key(kind))
}

/// `n` entries of a kind, in words: `1 person`, `3 people`.
pub fn kind_count(kind: EntryKind, n: usize) -> String {
    let (one, many) = nouns(kind);
    crate::rules::count_noun(n, one, many)
}

/// The changes, by kind of entry, each sorted by key. `plan` holds at most one change, keyed
/// `plan`: the settings of plan.toml (and the vision) that differ.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    pub plan: Vec<Change>,
    pub organisations: Vec<Change>,
    pub people: Vec<Change>,
    pub spaces: Vec<Change>,
    pub memberships: Vec<Change>,
    pub meetings: Vec<Change>,
    pub phases: Vec<Change>,
    pub commitments: Vec<Change>,
    pub contributions: Vec<Change>,
    pub responses: Vec<Change>,
    pub reports: Vec<Change>,
    pub assessments: Vec<Change>,
    pub publications: Vec<Change>,
}

impl Changes {
    pub fn of(&self, kind: EntryKind) -> &[Change] {
        match kind {
            EntryKind::Plan => &self.plan,
            EntryKind::Organisation => &self.organisations,
            EntryKind::Person => &self.people,
            EntryKind::Space => &self.spaces,
            EntryKind::Member => &self.memberships,
            EntryKind::Meeting => &self.meetings,
            EntryKind::Phase => &self.phases,
            EntryKind::Commitment => &self.commitments,
            EntryKind::Contribution => &self.contributions,
            EntryKind::Response => &self.responses,
            EntryKind::Report => &self.reports,
            EntryKind::Assessment => &self.assessments,
            EntryKind::Publication => &self.publications,
            // Axes, partners and milestones change as fields of the plan and commitments.
            EntryKind::Axis | EntryKind::Partner | EntryKind::Milestone => &[],
        }
    }

    fn of_mut(&mut self, kind: EntryKind) -> Option<&mut Vec<Change>> {
        Some(match kind {
            EntryKind::Plan => &mut self.plan,
            EntryKind::Organisation => &mut self.organisations,
            EntryKind::Person => &mut self.people,
            EntryKind::Space => &mut self.spaces,
            EntryKind::Member => &mut self.memberships,
            EntryKind::Meeting => &mut self.meetings,
            EntryKind::Phase => &mut self.phases,
            EntryKind::Commitment => &mut self.commitments,
            EntryKind::Contribution => &mut self.contributions,
            EntryKind::Response => &mut self.responses,
            EntryKind::Report => &mut self.reports,
            EntryKind::Assessment => &mut self.assessments,
            EntryKind::Publication => &mut self.publications,
            EntryKind::Axis | EntryKind::Partner | EntryKind::Milestone => return None,
        })
    }

    /// Keeps the changes for which `keep(kind, key)` holds.
    pub fn retain(&mut self, keep: impl Fn(EntryKind, &str) -> bool) {
        for kind in KINDS {
            if let Some(changes) = self.of_mut(kind) {
                changes.retain(|change| keep(kind, &change.key));
            }
        }
    }

    /// Every kind with its changes, in report order, empty kinds included.
    pub fn by_kind(&self) -> impl Iterator<Item = (EntryKind, &[Change])> {
        KINDS.into_iter().map(|kind| (kind, self.of(kind)))
    }

    fn all_mut(&mut self) -> impl Iterator<Item = &mut Change> {
        [
            &mut self.plan,
            &mut self.organisations,
            &mut self.people,
            &mut self.spaces,
            &mut self.memberships,
            &mut self.meetings,
            &mut self.phases,
            &mut self.commitments,
            &mut self.contributions,
            &mut self.responses,
            &mut self.reports,
            &mut self.assessments,
            &mut self.publications,
        ]
        .into_iter()
        .flatten()
    }
}

/// A space's current members by side (see [`crate::rules::Context::count_by_side`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Sides {
    pub government: usize,
    pub civil_society: usize,
    /// Members whose side cannot be told (no sector, or not in people.toml).
    pub unknown: usize,
}

/// A space whose balance of sides changed: the headline a reviewer looks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Balance {
    pub space: String,
    /// Zero on every side for a space that is not in that plan.
    pub before: Sides,
    pub after: Sides,
    /// What the plan's rules ask of a steering group (`[rules.steering-group]`).
    pub wanted: Option<Sides>,
    /// `motor: civil society 5 → 4 of 5`.
    pub summary: String,
}

/// A finding that one plan has and the other has not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    /// The path inside the plan folder.
    pub file: String,
    /// 1-based, in the plan that has the finding.
    pub line: usize,
    pub message: String,
}

/// Everything that differs between two plans, and what it does to the rules' findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PlanDiff {
    pub changes: Changes,
    /// Spaces whose current members changed on some side, by space id.
    pub balance: Vec<Balance>,
    /// Findings of the second plan that the first did not have, by file, line and rule.
    pub findings_introduced: Vec<Finding>,
    /// Findings of the first plan that the second no longer has.
    pub findings_resolved: Vec<Finding>,
}

impl PlanDiff {
    /// Whether the two plans are the same, as far as the diff can tell.
    pub fn is_empty(&self) -> bool {
        self.changes
            .by_kind()
            .all(|(_, changes)| changes.is_empty())
            && self.balance.is_empty()
            && self.findings_introduced.is_empty()
            && self.findings_resolved.is_empty()
    }

    /// Masks every e-mail address and phone number that free text may hold.
    fn redact(&mut self) {
        fn mask(text: &mut String) {
            if let std::borrow::Cow::Owned(masked) = crate::privacy::redact(text) {
                *text = masked;
            }
        }
        for change in self.changes.all_mut() {
            mask(&mut change.key);
            change.name.iter_mut().for_each(mask);
            change.file.iter_mut().for_each(mask);
            change.summary.iter_mut().for_each(mask);
            for field in &mut change.fields {
                mask(&mut field.field);
                field.before.iter_mut().for_each(mask);
                field.after.iter_mut().for_each(mask);
                field.note.iter_mut().for_each(mask);
                field.diff.iter_mut().for_each(mask);
                for piece in field.words.iter_mut().flatten() {
                    mask(piece.text_mut());
                }
            }
        }
        for balance in &mut self.balance {
            mask(&mut balance.space);
            mask(&mut balance.summary);
        }
        for finding in self
            .findings_introduced
            .iter_mut()
            .chain(&mut self.findings_resolved)
        {
            mask(&mut finding.file);
            mask(&mut finding.message);
        }
    }
}

/// Compares two loaded plans: `before` is the base of a change, `after` its head. `today`
/// is the day the rules about past meetings judge both from.
pub fn diff(before: &Loaded, after: &Loaded, today: Option<Date>) -> PlanDiff {
    let (old, new) = (Context::new(before), Context::new(after));
    let (old_problems, new_problems) =
        (problems(before, &old, today), problems(after, &new, today));
    with_findings((before, &old, &old_problems), (after, &new, &new_problems))
}

/// A plan with the rules' findings on it, worked out on its first comparison and kept: in a
/// history walk each plan is the head of one comparison and the base of the next, so the
/// rules run once per plan instead of twice.
#[derive(Debug)]
pub struct Judged {
    pub loaded: Loaded,
    /// The problems the rules find, judged from `today`; `None` until a comparison needs
    /// them.
    problems: Option<Vec<crate::diag::Diagnostic>>,
    today: Option<Date>,
}

impl Judged {
    /// `loaded`, to be judged from `today` when first compared.
    pub fn new(loaded: Loaded, today: Option<Date>) -> Self {
        Judged {
            loaded,
            problems: None,
            today,
        }
    }
}

/// [`diff`] of two [`Judged`] plans: the same result, with the rules run only on a plan that
/// has not been judged yet (and each plan judged from its own `today`).
pub fn diff_judged(before: &mut Judged, after: &mut Judged) -> PlanDiff {
    let (old, new) = (Context::new(&before.loaded), Context::new(&after.loaded));
    let old_problems = before
        .problems
        .get_or_insert_with(|| problems(&before.loaded, &old, before.today));
    let new_problems = after
        .problems
        .get_or_insert_with(|| problems(&after.loaded, &new, after.today));
    with_findings(
        (&before.loaded, &old, old_problems),
        (&after.loaded, &new, new_problems),
    )
}

/// The changes, the balance, and the findings introduced and resolved between two plans
/// with their problems.
fn with_findings(
    (before, old, old_problems): (&Loaded, &Context<'_>, &[crate::diag::Diagnostic]),
    (after, new, new_problems): (&Loaded, &Context<'_>, &[crate::diag::Diagnostic]),
) -> PlanDiff {
    let mut diff = compared(old, new);
    (diff.findings_introduced, diff.findings_resolved) =
        findings((before, old_problems), (after, new_problems));
    diff.redact();
    diff
}

/// [`diff`] without the findings introduced and resolved, which cost two runs of every
/// rule: for the history of one entry (`obert log ID`), where they are not shown.
pub fn changes_only(before: &Loaded, after: &Loaded) -> PlanDiff {
    let (old, new) = (Context::new(before), Context::new(after));
    let mut diff = compared(&old, &new);
    diff.redact();
    diff
}

/// The changes and the balance, from the plans indexed once for both (and for the rules).
fn compared(old: &Context<'_>, new: &Context<'_>) -> PlanDiff {
    PlanDiff {
        changes: compare::changes(old, new),
        balance: balance(old, new),
        findings_introduced: Vec::new(),
        findings_resolved: Vec::new(),
    }
}

/// Entries with their keys, in key order, each key once: what [`keyed`] makes.
type Keyed<'k, T> = Vec<(Cow<'k, str>, T)>;

/// Indexes entries by key; a key seen again gets `#2`, `#3`, so that nothing is dropped.
/// (Keys are borrowed from the entries where they can be: most are ids. No key ends in
/// `#` and a number, ids, paths, dates and quoted titles alike, so a key taken is a key
/// seen.)
///
/// A sorted list rather than a map: the two sides are only ever walked in order, and the
/// entries of a file are mostly in key order already, which the (stable) sort takes in one
/// pass, where a map compares every key on the way down its tree.
fn keyed<'k, T>(
    items: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> Cow<'k, str>,
) -> Keyed<'k, T> {
    let mut all: Keyed<'k, T> = items.into_iter().map(|item| (key(&item), item)).collect();
    // Stable, so that of the entries under one key the first in the plan keeps it.
    all.sort_by(|(a, _), (b, _)| a.cmp(b));
    let mut numbered = false;
    let mut first = 0;
    while first < all.len() {
        let mut next = first + 1;
        while next < all.len() && all[next].0 == all[first].0 {
            let key = format!("{}#{}", all[first].0, next - first + 1);
            all[next].0 = Cow::Owned(key);
            next += 1;
            numbered = true;
        }
        first = next;
    }
    if numbered {
        // `a#2` sorts after `a`, but not always right after it (`a!` comes between).
        all.sort_by(|(a, _), (b, _)| a.cmp(b));
    }
    all
}

/// An entry of one index or the other, or of both under the same key.
enum Paired<T> {
    Removed(T),
    Added(T),
    Both(T, T),
}

/// The entries of two indexes by key, in key order, each with the one of the same key in
/// the other index if there is one.
fn side_by_side<'k, T>(
    before: Keyed<'k, T>,
    after: Keyed<'k, T>,
) -> impl Iterator<Item = (Cow<'k, str>, Paired<T>)> {
    use std::cmp::Ordering;
    let (mut old, mut new) = (before.into_iter().peekable(), after.into_iter().peekable());
    std::iter::from_fn(move || {
        let order = match (old.peek(), new.peek()) {
            (None, None) => return None,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((was, _)), Some((is, _))) => was.cmp(is),
        };
        match order {
            Ordering::Less => old.next().map(|(key, was)| (key, Paired::Removed(was))),
            Ordering::Greater => new.next().map(|(key, is)| (key, Paired::Added(is))),
            Ordering::Equal => {
                let (key, was) = old.next()?;
                let (_, is) = new.next()?;
                Some((key, Paired::Both(was, is)))
            }
        }
    })
}

/// How an entry is named and where it starts: what [`entries`] asks of each kind.
struct Place {
    name: Option<String>,
    origin: Option<crate::model::Origin>,
}

impl Place {
    fn new(name: impl Into<Option<String>>, origin: &crate::model::Origin) -> Self {
        Place {
            name: name.into(),
            origin: Some(origin.clone()),
        }
    }
}

/// Walks two indexes together: an entry in one only is added or removed (`summary` says
/// what it is); one in both is changed when `fields` finds a difference (it may also set a
/// summary). `place` names each entry in the plan that has it (the second, for an entry
/// in both).
fn entries<T>(
    (old_side, new_side): (&names::Namer<'_>, &names::Namer<'_>),
    before: Keyed<'_, T>,
    after: Keyed<'_, T>,
    summary: impl Fn(&T, ChangeKind) -> Option<String>,
    fields: impl Fn(&T, &T, &mut Fields),
    place: impl Fn(&names::Namer<'_>, &T) -> Place,
) -> Vec<Change> {
    let mut changes = Vec::new();
    for (key, pair) in side_by_side(before, after) {
        let (change, summary, fields, side, item) = match pair {
            Paired::Both(old, new) => {
                let mut found = Fields::default();
                fields(&old, &new, &mut found);
                if found.list.is_empty() && found.summary.is_none() {
                    continue;
                }
                (
                    ChangeKind::Changed,
                    found.summary,
                    found.list,
                    new_side,
                    new,
                )
            }
            Paired::Removed(old) => {
                let summary = summary(&old, ChangeKind::Removed);
                (ChangeKind::Removed, summary, Vec::new(), old_side, old)
            }
            Paired::Added(new) => {
                let summary = summary(&new, ChangeKind::Added);
                (ChangeKind::Added, summary, Vec::new(), new_side, new)
            }
        };
        let Place { name, origin } = place(side, &item);
        let (file, line) = match origin {
            Some(origin) if (origin.file.0 as usize) < side.files().len() => {
                let file = side.files().get(origin.file);
                let line = file.line_col(origin.span.start as usize).line;
                (Some(file.path.clone()), Some(line))
            }
            _ => (None, None),
        };
        changes.push(Change {
            key: key.into_owned(),
            change,
            name,
            file,
            line,
            summary,
            fields,
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::fields::{text_diff, word_diff};
    use super::testing::Pair;
    use super::*;

    fn entry<'d>(changes: &'d [Change], key: &str) -> &'d Change {
        changes
            .iter()
            .find(|c| c.key == key)
            .unwrap_or_else(|| panic!("no change to `{key}` in {changes:#?}"))
    }

    fn field<'c>(change: &'c Change, name: &str) -> &'c Field {
        change
            .fields
            .iter()
            .find(|f| f.field == name)
            .unwrap_or_else(|| panic!("no field `{name}` in {change:#?}"))
    }

    /// `field: before → after`, `None` standing for absent or withheld.
    fn values(field: &Field) -> (ChangeKind, Option<&str>, Option<&str>) {
        (
            field.change,
            field.before.as_deref(),
            field.after.as_deref(),
        )
    }

    fn names(change: &Change) -> Vec<&str> {
        change.fields.iter().map(|f| f.field.as_str()).collect()
    }

    #[test]
    fn an_unchanged_plan_gives_an_empty_diff() {
        let diff = Pair::new().diff();
        assert!(diff.is_empty(), "{diff:#?}");
        assert_eq!(diff, PlanDiff::default());
    }

    #[test]
    fn plan_settings_rules_and_lints() {
        let pair = Pair::new();
        pair.edit(
            "plan.toml",
            "member = \"Vila de Prova\"",
            "member = \"Vila Nova de Prova\"",
        )
        .edit(
            "plan.toml",
            "languages = [\"ca\", \"en\"]",
            "languages = [\"en\", \"ca\"]",
        )
        .edit(
            "plan.toml",
            "https://example.org/pla",
            "https://example.org/pla-2",
        )
        .edit("plan.toml", "end = 2021-10-31", "end = 2021-11-30")
        .edit(
            "plan.toml",
            "[[partner]]\norganisation = \"ajuntament\"",
            "[[partner]]\norganisation = \"consell\"",
        )
        .edit(
            "plan.toml",
            "title = \"Dades obertes\"",
            "title = \"Dades obertes i reutilització\"",
        )
        .edit("plan.toml", "commitments = 2", "commitments = 3")
        .edit("plan.toml", "civil-society = 2", "civil-society = 3")
        .append("plan.toml", "\n[lints]\nforum-size = \"allow\"\n");
        let diff = pair.diff();
        let plan = entry(&diff.changes.plan, "plan");
        assert_eq!(diff.changes.plan.len(), 1);
        assert_eq!(
            names(plan),
            [
                "member",
                "languages",
                "website",
                "cocreation.end",
                "partner",
                "partner",
                "axis dades",
                "rules.commitments",
                "rules.steering-group.civil-society",
                "lints.forum-size",
            ]
        );
        assert_eq!(
            values(field(plan, "languages")),
            (ChangeKind::Changed, Some("ca, en"), Some("en, ca"))
        );
        assert_eq!(
            field(plan, "cocreation.end").note.as_deref(),
            Some("+30 days")
        );
        assert_eq!(
            values(&plan.fields[4]),
            (ChangeKind::Removed, Some("ajuntament"), None)
        );
        assert_eq!(
            values(&plan.fields[5]),
            (ChangeKind::Added, None, Some("consell"))
        );
        assert_eq!(
            values(field(plan, "axis dades")).2,
            Some("Dades obertes i reutilització")
        );
        assert_eq!(
            values(field(plan, "rules.commitments")),
            (ChangeKind::Changed, Some("2"), Some("3"))
        );
        assert_eq!(
            values(field(plan, "lints.forum-size")),
            (ChangeKind::Added, None, Some("allow"))
        );
    }

    #[test]
    fn translated_titles_are_compared_per_language() {
        let pair = Pair::new();
        pair.edit(
            "plan.toml",
            "ca = \"Pla de prova\"",
            "ca = \"Pla d'acció de prova\"",
        );
        let diff = pair.diff();
        let plan = entry(&diff.changes.plan, "plan");
        assert_eq!(names(plan), ["title (ca)"]);
    }

    #[test]
    fn organisations_added_removed_and_changed() {
        let pair = Pair::new();
        pair.edit(
            "organisations.toml",
            "level = \"local\"",
            "level = \"regional\"",
        )
        .edit(
            "organisations.toml",
            "sector = \"public-administration\"\n\n[[organisation]]\nid = \"entitat\"",
            "sector = \"academia\"\n\n[[organisation]]\nid = \"entitat\"",
        )
        .append(
            "organisations.toml",
            "\n[[organisation]]\nid = \"nova\"\nname = \"Nova | Entitat\"\nsector = \"citizen\"\n",
        );
        let diff = pair.diff();
        let keys: Vec<_> = diff
            .changes
            .organisations
            .iter()
            .map(|c| (c.key.as_str(), c.change))
            .collect();
        assert_eq!(
            keys,
            [
                ("ajuntament", ChangeKind::Changed),
                ("consell", ChangeKind::Changed),
                ("nova", ChangeKind::Added)
            ]
        );
        assert_eq!(
            values(field(
                entry(&diff.changes.organisations, "ajuntament"),
                "level"
            )),
            (ChangeKind::Changed, Some("local"), Some("regional"))
        );
        assert_eq!(
            values(field(
                entry(&diff.changes.organisations, "consell"),
                "sector"
            )),
            (
                ChangeKind::Changed,
                Some("public-administration"),
                Some("academia")
            )
        );
        assert_eq!(
            entry(&diff.changes.organisations, "nova")
                .summary
                .as_deref(),
            Some("citizen")
        );
    }

    #[test]
    fn private_fields_never_show_their_values() {
        let pair = Pair::new();
        pair.edit(
            "people.toml",
            "g2.private@example.org",
            "g2.new@example.org",
        )
        .edit(
            "people.toml",
            "phone = \"+34 600 123 456\"",
            "phone = \"+34 699 999 999\"",
        )
        .edit(
            "people.toml",
            "id = \"c1\"\norganisation = \"entitat\"",
            "id = \"c1\"\norganisation = \"entitat\"\nemail = \"c1@example.org\"",
        )
        .edit(
            "people.toml",
            "name = \"Carles Privat\"",
            "name = \"Carles Altre\"",
        )
        .edit(
            "people.toml",
            "name = \"Gemma Pública\"\npublic = true",
            "name = \"Gemma Reservada\"\npublic = false",
        )
        .edit(
            "people.toml",
            "id = \"e1\"",
            "id = \"e1\"\nname = \"Eva Experta\"\npublic = true",
        );
        let diff = pair.diff();
        let people = &diff.changes.people;
        for (key, name, change) in [
            ("g2", "email", ChangeKind::Changed),
            ("g2", "phone", ChangeKind::Changed),
            ("c1", "email", ChangeKind::Added),
            ("c3", "name", ChangeKind::Changed),
        ] {
            let f = field(entry(people, key), name);
            assert_eq!(values(f), (change, None, None), "{key} {name}");
            assert!(f.private);
        }
        // Public before, not after: the old name shows, the new one does not.
        let g1 = field(entry(people, "g1"), "name");
        assert_eq!(
            values(g1),
            (ChangeKind::Changed, Some("Gemma Pública"), None)
        );
        assert!(g1.private && g1.withheld(true) && !g1.withheld(false));
        // A name added with consent shows.
        let e1 = field(entry(people, "e1"), "name");
        assert_eq!(values(e1), (ChangeKind::Added, None, Some("Eva Experta")));
        assert!(!e1.private);
        let all = format!("{diff:?}");
        for secret in ["example.org", "600 123", "699 999", "Carles", "Reservada"] {
            assert!(!all.contains(secret), "`{secret}` is in the diff");
        }
    }

    #[test]
    fn people_fields_in_the_format_order() {
        let pair = Pair::new();
        pair.edit("people.toml", "id = \"c2\"\norganisation = \"entitat\"", "id = \"c2\"\norganisation = \"ajuntament\"\nsector = \"citizen\"\ngender = \"non-binary\"")
            .edit("people.toml", "[[person]]\nid = \"e1\"\nsector = \"expert\"\n", "");
        let diff = pair.diff();
        assert_eq!(
            names(entry(&diff.changes.people, "c2")),
            ["organisation", "sector", "gender"]
        );
        let e1 = entry(&diff.changes.people, "e1");
        assert_eq!(
            (e1.change, e1.name.as_deref()),
            (ChangeKind::Removed, Some("a person not named (Expert)"))
        );
    }

    #[test]
    fn spaces_memberships_meetings_and_phases() {
        let pair = Pair::new();
        pair.edit("spaces/forum.toml", "purpose = \"Seguir la cocreació i aprovar el pla.\"", "purpose = \"Seguir la cocreació.\"\nurl = \"https://example.org/agora\"\nrules-url = \"https://example.org/normes\"")
            .edit("spaces/forum.toml", "[[member]]\nperson = \"g2\"\n", "[[member]]\nperson = \"g2\"\nuntil = 2021-08-01\n")
            .edit("spaces/forum.toml", "[[member]]\nperson = \"c1\"\n", "")
            .edit("spaces/forum.toml", "date = 2021-06-01", "date = 2021-06-08")
            .edit("spaces/forum.toml", "attendees = [\"g1\", \"c3\"]", "attendees = [\"g1\"]")
            .edit("spaces/forum.toml", "minutes = \"minutes/forum-p1.md\"\nmaterials-published = 2021-05-20", "materials-published = 2021-05-25")
            .append("spaces/forum.toml", "\n[[member]]\nperson = \"c2\"\nrole = \"observer\"\nsince = 2021-09-01\n\n[[meeting]]\nid = \"p2\"\ndate = 2021-10-01\nkind = \"plenary\"\ntitle = \"Aprovació\"\n")
            .edit("spaces/gt-a.toml", "kind = \"session\"", "kind = \"meeting\"")
            .append("spaces/online.toml", "\n[[phase]]\nid = \"compromisos\"\ntitle = \"Consulta sobre els compromisos\"\nstart = 2021-07-01\nend = 2021-07-31\n")
            .write("spaces/nou.toml", "kind = \"working-group\"\nname = \"Grup nou\"\n\n[[member]]\nperson = \"g1\"\n");
        let diff = pair.diff();
        let c = &diff.changes;
        let forum = entry(&c.spaces, "forum");
        assert_eq!(names(forum), ["purpose", "url", "rules-url"]);
        assert_eq!(entry(&c.spaces, "nou").change, ChangeKind::Added);
        assert_eq!(
            entry(&c.spaces, "nou").summary.as_deref(),
            Some("working-group")
        );

        let keys: Vec<_> = c
            .memberships
            .iter()
            .map(|m| (m.key.as_str(), m.change, m.summary.as_deref()))
            .collect();
        assert_eq!(
            keys,
            [
                (
                    "forum/c1",
                    ChangeKind::Removed,
                    Some("taken off the member list")
                ),
                (
                    "forum/c2",
                    ChangeKind::Added,
                    Some("joined as observer on 2021-09-01")
                ),
                ("forum/g2", ChangeKind::Changed, Some("left on 2021-08-01")),
                ("nou/g1", ChangeKind::Added, Some("joined")),
            ]
        );

        let p1 = entry(&c.meetings, "forum/p1");
        assert_eq!(
            names(p1),
            ["date", "attendee", "minutes", "materials-published"]
        );
        assert_eq!(field(p1, "date").note.as_deref(), Some("+7 days"));
        assert_eq!(
            values(field(p1, "attendee")),
            (ChangeKind::Removed, Some("c3"), None)
        );
        assert_eq!(
            values(field(p1, "minutes")),
            (ChangeKind::Removed, Some("minutes/forum-p1.md"), None)
        );
        assert_eq!(
            entry(&c.meetings, "forum/p2").summary.as_deref(),
            Some("plenary")
        );
        assert_eq!(
            values(field(entry(&c.meetings, "gt-a/s1"), "kind")),
            (ChangeKind::Changed, Some("session"), Some("meeting"))
        );
        let phase = entry(&c.phases, "online/compromisos");
        assert_eq!(phase.change, ChangeKind::Added);
        assert_eq!(phase.summary.as_deref(), Some("2021-07-01 to 2021-07-31"));
    }

    #[test]
    fn a_role_change_and_a_return() {
        let pair = Pair::new();
        pair.edit(
            "spaces/motor.toml",
            "role = \"coordination\"",
            "role = \"secretariat\"\nsince = 2021-06-01",
        );
        let diff = pair.diff();
        let g1 = entry(&diff.changes.memberships, "motor/g1");
        assert_eq!(g1.summary, None);
        assert_eq!(
            values(field(g1, "role")),
            (
                ChangeKind::Changed,
                Some("coordination"),
                Some("secretariat")
            )
        );
        assert_eq!(
            values(field(g1, "since")),
            (ChangeKind::Added, None, Some("2021-06-01"))
        );
    }

    #[test]
    fn commitment_front_matter() {
        let pair = Pair::new();
        pair.edit(
            "commitments/a.md",
            "ogp-id = \"XXTEST0001\"",
            "ogp-id = \"XXTEST0009\"",
        )
        .edit(
            "commitments/a.md",
            "en = \"Commitment a\"",
            "en = \"Commitment A\"",
        )
        .edit(
            "commitments/a.md",
            "working-group = \"gt-a\"",
            "working-group = \"gt-b\"",
        )
        .edit(
            "commitments/a.md",
            "supporting = [\"entitat\"]",
            "supporting = []",
        )
        .edit(
            "commitments/a.md",
            "values = [\"transparency\", \"technology\"]",
            "values = [\"transparency\", \"participation\", \"technology\"]",
        )
        .edit(
            "commitments/a.md",
            "start = 2021-12-01",
            "start = 2022-01-15",
        )
        .edit(
            "commitments/a.md",
            "status = \"draft\"",
            "status = \"approved\"\ncompletion = \"limited\"",
        );
        let diff = pair.diff();
        let a = entry(&diff.changes.commitments, "a");
        assert_eq!(diff.changes.commitments.len(), 1);
        assert_eq!(
            names(a),
            [
                "ogp-id",
                "title (en)",
                "working-group",
                "supporting",
                "values",
                "start",
                "status",
                "completion"
            ]
        );
        assert_eq!(
            values(field(a, "supporting")),
            (ChangeKind::Removed, Some("entitat"), None)
        );
        assert_eq!(
            values(field(a, "values")),
            (ChangeKind::Added, None, Some("participation"))
        );
        assert_eq!(field(a, "start").note.as_deref(), Some("+45 days"));
    }

    #[test]
    fn milestones_keep_their_identity_and_are_named_by_number_and_title() {
        let pair = Pair::new();
        // The first milestone goes: one removal, and the second, now 1.1, is unchanged.
        pair.edit("commitments/a.md", "[[milestone]]\ntitle = \"Diagnosi\"\noutput = \"Informe publicat\"\ndue = 2022-06-30\nstakeholders = [\"entitat\"]\ncompletion = \"not-started\"\n\n", "")
            .edit("commitments/b.md", "number = 2", "number = 3")
            .edit("commitments/b.md", "due = 2022-06-30", "due = 2022-05-31")
            .edit("commitments/b.md", "output = \"Portal en línia\"\ndue = 2023-03-31", "output = \"Portal en línia\"\ndue = 2023-03-31\n\n[[milestone]]\ntitle = \"Avaluació\"\ndue = 2023-05-31");
        let diff = pair.diff();
        let a = entry(&diff.changes.commitments, "a");
        assert_eq!(names(a), ["milestone 1.1"]);
        assert_eq!(
            values(field(a, "milestone 1.1")),
            (
                ChangeKind::Removed,
                Some("«Diagnosi» (due 2022-06-30)"),
                None
            )
        );
        let b = entry(&diff.changes.commitments, "b");
        let first = b.fields[1].field.clone();
        assert!(first.starts_with("milestone 3.1 «"), "{first}");
        assert_eq!(names(b)[0], "number");
        assert_eq!(names(b)[2], "milestone 3.3");
        assert_eq!(b.fields.len(), 3, "{b:#?}");
        let due = &b.fields[1];
        assert!(due.field.ends_with(" due"), "{due:#?}");
        assert_eq!(
            (
                due.before.as_deref(),
                due.after.as_deref(),
                due.note.as_deref()
            ),
            (Some("2022-06-30"), Some("2022-05-31"), Some("-30 days"))
        );
        assert_eq!(
            values(field(b, "milestone 3.3")),
            (
                ChangeKind::Added,
                None,
                Some("«Avaluació» (due 2023-05-31)")
            )
        );
    }

    #[test]
    fn a_milestone_moved_among_the_others_is_renumbered_and_ids_are_compared() {
        let pair = Pair::new();
        let a = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/valid/commitments/a.md"
        ))
        .expect("a.md");
        // Swap the two milestones, and give the first an id.
        let first = "[[milestone]]\ntitle = \"Diagnosi\"\noutput = \"Informe publicat\"\ndue = 2022-06-30\nstakeholders = [\"entitat\"]\ncompletion = \"not-started\"\n\n";
        let second =
            "[[milestone]]\ntitle = \"Portal\"\noutput = \"Portal en línia\"\ndue = 2023-03-31\n";
        assert!(a.contains(first) && a.contains(second));
        let swapped = a.replace(first, "").replace(
            second,
            &format!(
                "{second}\n{}\n",
                first
                    .replacen("[[milestone]]\n", "[[milestone]]\nid = \"diagnosi\"\n", 1)
                    .trim_end()
            ),
        );
        pair.write("commitments/a.md", &format!("{}\n", swapped.trim_end()));
        let diff = pair.diff();
        let a = entry(&diff.changes.commitments, "a");
        let moved: Vec<_> = a
            .fields
            .iter()
            .filter(|f| f.note.as_deref() == Some("renumbered"))
            .map(|f| (f.field.as_str(), f.before.as_deref(), f.after.as_deref()))
            .collect();
        assert_eq!(moved.len(), 1, "{a:#?}");
        assert!(
            moved[0] == ("milestone «Diagnosi»", Some("1.1"), Some("1.2"))
                || moved[0] == ("milestone «Portal»", Some("1.2"), Some("1.1")),
            "{moved:?}"
        );
        assert_eq!(
            values(field(a, "milestone 1.2 «Diagnosi» id")),
            (ChangeKind::Added, None, Some("diagnosi"))
        );
        assert!(
            !a.fields.iter().any(|f| f.field.ends_with(" title")),
            "nothing else changed: {a:#?}"
        );
    }

    /// Commitment a's file with `titles` as its milestones, all alike but for the title.
    fn with_milestones(titles: &[String]) -> String {
        let a = include_str!("../../tests/fixtures/valid/commitments/a.md");
        let (head, rest) = a.split_once("[[milestone]]").expect("milestones");
        let body = rest
            .split_once("+++")
            .expect("the end of the front matter")
            .1;
        let milestones: String = titles
            .iter()
            .map(|title| {
                format!(
                    "[[milestone]]\ntitle = \"{title}\"\noutput = \"Informe\"\ndue = 2022-06-30\n\n"
                )
            })
            .collect();
        format!("{head}{milestones}+++{body}")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Random insertions and removals of milestones are reported as exactly those
        /// insertions and removals: one `milestone N.M` added for each milestone inserted
        /// (numbered as in the second plan), one removed for each removed (numbered as in
        /// the first), and nothing about the milestones that only shifted.
        #[test]
        fn milestone_insertions_and_removals_are_reported_as_such(
            words in proptest::collection::btree_set("[a-z]{4,10}", 20),
            count in 0usize..8,
            steps in proptest::collection::vec((proptest::bool::ANY, 0usize..100), 0..6),
        ) {
            let words: Vec<String> = words.into_iter().collect();
            let (originals, fresh) = words.split_at(count);
            // Each milestone of the second plan: an original's index, or `None` if inserted.
            let mut list: Vec<Option<usize>> = (0..count).map(Some).collect();
            for (insert, at) in steps {
                if insert {
                    list.insert(at % (list.len() + 1), None);
                } else if !list.is_empty() {
                    list.remove(at % list.len());
                }
            }
            let mut fresh = fresh.iter();
            let titles: Vec<String> = list
                .iter()
                .map(|was| match was {
                    Some(i) => originals[*i].clone(),
                    None => fresh.next().expect("a fresh word").clone(),
                })
                .collect();

            let pair = Pair::new();
            pair.write_both("commitments/a.md", &with_milestones(originals));
            pair.write("commitments/a.md", &with_milestones(&titles));
            let diff = changes_only(&pair.load("base"), &pair.load("head"));
            let mut reported: Vec<(ChangeKind, String)> = diff
                .changes
                .commitments
                .iter()
                .flat_map(|c| c.fields.iter())
                .map(|f| (f.change, f.field.clone()))
                .collect();
            reported.sort();

            let mut expected: Vec<(ChangeKind, String)> = list
                .iter()
                .enumerate()
                .filter(|(_, was)| was.is_none())
                .map(|(at, _)| (ChangeKind::Added, format!("milestone 1.{}", at + 1)))
                .chain(
                    (0..count)
                        .filter(|i| !list.contains(&Some(*i)))
                        .map(|i| (ChangeKind::Removed, format!("milestone 1.{}", i + 1))),
                )
                .collect();
            expected.sort();
            proptest::prop_assert_eq!(reported, expected);
        }
    }

    #[test]
    fn sections_get_a_short_text_diff() {
        let pair = Pair::new();
        let long: String = (1..=10).map(|n| format!("Línia {n}.\n")).collect();
        pair.edit("commitments/a.md", "Publicar-les.", &long)
            .edit(
                "commitments/a.md",
                "## Resultats esperats {#results}\n\nDades publicades.\n",
                "## Calendari {#calendar}\n\nAviat.\n",
            )
            .edit(
                "commitments/a.md",
                "## Problema {#problem}",
                "## El problema {#problem}",
            );
        let diff = pair.diff();
        let a = entry(&diff.changes.commitments, "a");
        assert_eq!(
            names(a),
            [
                "section problem",
                "section description",
                "section calendar",
                "section results"
            ]
        );
        assert_eq!(
            field(a, "section problem").diff,
            ["-## Problema", "+## El problema"]
        );
        let description = &field(a, "section description").diff;
        assert_eq!(description.len(), 11, "every changed line: {description:?}");
        assert_eq!(description[..2], ["-Publicar-les.", "+Línia 1."]);
        assert_eq!(description.last().map(String::as_str), Some("+Línia 10."));
        assert_eq!(
            field(a, "section problem").words,
            [vec![
                Piece::Same("## ".into()),
                Piece::Removed("Problema".into()),
                Piece::Added("El problema".into())
            ]]
        );
        let calendar = field(a, "section calendar");
        assert_eq!(
            (calendar.change, calendar.diff.as_slice()),
            (
                ChangeKind::Added,
                ["+## Calendari".to_string(), "+Aviat.".to_string()].as_slice()
            )
        );
        assert_eq!(field(a, "section results").change, ChangeKind::Removed);
        assert!(field(a, "section results").is_prose());
    }

    #[test]
    fn commitments_added_and_removed() {
        let pair = Pair::new();
        let b = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/valid/commitments/b.md"
        ))
        .expect("b.md");
        pair.remove("commitments/b.md").write(
            "commitments/c.md",
            &b.replace("number = 2", "number = 3")
                .replace("Compromís b", "Compromís c"),
        );
        let diff = pair.diff();
        let got: Vec<_> = diff
            .changes
            .commitments
            .iter()
            .map(|c| (c.key.as_str(), c.change, c.name.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("b", ChangeKind::Removed, Some("commitment 2 «Compromís b»")),
                ("c", ChangeKind::Added, Some("commitment 3 «Compromís c»")),
            ]
        );
    }

    #[test]
    fn contributions_and_their_responses() {
        let pair = Pair::new();
        pair.edit(
            "contributions/eixos.toml",
            "kind = \"comment\"",
            "kind = \"proposal\"",
        )
        .edit(
            "contributions/eixos.toml",
            "body = \"D'acord.\"",
            "body = \"D'acord del tot.\"",
        )
        .edit(
            "contributions/eixos.toml",
            "status = \"out-of-scope\"\nreason = \"És un suport, no una proposta.\"",
            "status = \"partially-accepted\"\nreason = \"En part.\"",
        )
        .edit("contributions/eixos.toml", "comments = 1", "comments = 2")
        .edit(
            "contributions/eixos.toml",
            "[contribution.response]\nstatus = \"accepted\"\nby = \"motor\"\ndate = 2021-10-27\n",
            "",
        )
        .edit(
            "contributions/eixos.toml",
            "title = \"Retirada\"\nwithdrawn = true",
            "title = \"Retirada?\"\n\n[contribution.response]\nstatus = \"merged\"\nby = \"motor\"",
        );
        let diff = pair.diff();
        let c = &diff.changes;
        let one = entry(&c.contributions, "TEST-PROP-2021-05-0001");
        assert_eq!(names(one), ["comments"]);
        let two = entry(&c.contributions, "TEST-COM-2021-05-0002");
        assert_eq!(names(two), ["kind", "body"]);
        assert_eq!(field(two, "body").diff, ["-D'acord.", "+D'acord del tot."]);
        let three = entry(&c.contributions, "TEST-PROP-2021-05-0003");
        assert_eq!(names(three), ["title", "withdrawn"]);
        let responses: Vec<_> = c
            .responses
            .iter()
            .map(|r| (r.key.as_str(), r.change, r.summary.as_deref()))
            .collect();
        assert_eq!(
            responses,
            [
                ("TEST-COM-2021-05-0002", ChangeKind::Changed, None),
                (
                    "TEST-PROP-2021-05-0001",
                    ChangeKind::Removed,
                    Some("response removed")
                ),
                (
                    "TEST-PROP-2021-05-0003",
                    ChangeKind::Added,
                    Some("answered: merged")
                ),
            ]
        );
        assert_eq!(
            names(entry(&c.responses, "TEST-COM-2021-05-0002")),
            ["status", "reason"]
        );
    }

    #[test]
    fn findings_introduced_and_resolved_with_the_balance() {
        let pair = Pair::new();
        pair.edit("spaces/motor.toml", "[[member]]\nperson = \"c2\"\n\n", "");
        let (base, head) = (pair.load("base"), pair.load("head"));
        let forward = diff(&base, &head, None);
        let rules: Vec<_> = forward
            .findings_introduced
            .iter()
            .map(|f| (f.rule.as_str(), f.severity, f.file.as_str()))
            .collect();
        assert_eq!(
            rules,
            [(
                crate::rules::STEERING_GROUP_BALANCE.name,
                Severity::Error,
                "spaces/motor.toml"
            )]
        );
        assert!(forward.findings_resolved.is_empty());
        assert_eq!(forward.balance.len(), 1);
        assert_eq!(
            forward.balance[0].summary,
            "Grup motor: civil society 2 → 1 (the plan asks for 2)"
        );

        let backward = diff(&head, &base, None);
        assert_eq!(backward.findings_resolved, forward.findings_introduced);
        assert!(backward.findings_introduced.is_empty());
        assert_eq!(
            backward.balance[0].summary,
            "Grup motor: civil society 1 → 2 (the plan asks for 2)"
        );
    }

    #[test]
    fn findings_that_only_move_are_not_reported() {
        // Both plans name a lead that does not exist; the head's edit moves it down.
        let pair = Pair::new();
        pair.edit(
            "commitments/a.md",
            "lead = [\"ajuntament\"]",
            "lead = [\"ningu\"]",
        );
        let moved = Pair::new();
        moved
            .edit(
                "commitments/a.md",
                "lead = [\"ajuntament\"]",
                "lead = [\"ningu\"]",
            )
            .edit(
                "commitments/a.md",
                "+++\nnumber",
                "+++\n# Moved down.\n\nnumber",
            );
        let before = pair.load("head");
        let after = moved.load("head");
        let lines = |loaded: &Loaded| {
            let found = crate::rules::check(loaded, None);
            found
                .iter()
                .map(|d| consequences::finding(loaded, d).line)
                .collect::<Vec<_>>()
        };
        assert_ne!(lines(&before), lines(&after));
        assert_eq!(lines(&before).len(), lines(&after).len());
        let diff = diff(&before, &after, None);
        assert!(diff.findings_introduced.is_empty(), "{diff:#?}");
        assert!(diff.findings_resolved.is_empty(), "{diff:#?}");
    }

    #[test]
    fn repeated_keys_are_numbered_not_dropped() {
        let keys = |items: &[&'static str]| {
            keyed(items.iter(), |s| Cow::Borrowed(**s))
                .into_iter()
                .map(|(key, item)| (key.into_owned(), *item))
                .collect::<Vec<_>>()
        };
        let pairs = |list: &[(&str, &'static str)]| {
            list.iter()
                .map(|(key, item)| (key.to_string(), *item))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            keys(&["a", "b", "a", "a"]),
            pairs(&[("a", "a"), ("a#2", "a"), ("a#3", "a"), ("b", "b")])
        );
        // A numbered key goes where it sorts, not next to the key it repeats.
        assert_eq!(
            keys(&["a", "a!", "a"]),
            pairs(&[("a", "a"), ("a!", "a!"), ("a#2", "a")])
        );
    }

    #[test]
    fn text_diffs_say_when_only_spacing_changed() {
        assert_eq!(
            text_diff("a\n\nb\n", "a\nb\n"),
            ["(blank lines or spacing only)"]
        );
        assert_eq!(text_diff("a\nb\n", "a\nc\n"), ["-b", "+c"]);
        assert!(word_diff("a\n\nb\n", "a\nb  \n").is_empty());
    }

    #[test]
    fn word_diffs_keep_the_line_and_mark_the_words() {
        let before = "La Generalitat publica les dades.\nSegona línia igual.\nTercera.\n";
        let after = "La Generalitat publica totes les dades obertes.\nSegona línia igual.\n";
        assert_eq!(
            word_diff(before, after),
            [
                vec![
                    Piece::Same("La Generalitat publica ".into()),
                    Piece::Added("totes ".into()),
                    Piece::Same("les ".into()),
                    Piece::Removed("dades.".into()),
                    Piece::Added("dades obertes.".into()),
                ],
                vec![Piece::Removed("Tercera.".into())],
            ]
        );
    }

    #[test]
    fn a_phone_number_split_by_a_word_diff_stays_masked() {
        let diff = word_diff("Truqueu al 600 123 456.\n", "Truqueu al 600 123 457.\n");
        // `prose` masks before it diffs: the raw function sees the digits.
        assert!(!diff.is_empty());
        let pair = Pair::new();
        pair.edit(
            "commitments/a.md",
            "Les dades no es publiquen.",
            "Truqueu al 600 123 456.",
        );
        let first = pair.diff();
        let pair = Pair::new();
        pair.edit(
            "commitments/a.md",
            "Les dades no es publiquen.",
            "Truqueu al 600 123 457.",
        );
        let shown = format!("{:?} {:?}", first, pair.diff());
        assert!(!shown.contains("600 123"), "{shown}");
    }
}
