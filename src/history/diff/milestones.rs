//! Which milestone of a commitment in one plan is which in another.
//!
//! The format numbers milestones by their place, so comparing them place by place reads an
//! insertion as every later milestone changed. A reviewer instead recognises each milestone
//! by its id or its words, and sees one added. [`pair`] does the same:
//!
//! 1. Milestones that both carry an `id` are paired by id, wherever they stand. Two that both
//!    carry ids, and the ids differ, are never paired with each other.
//! 2. The rest keep their order and are aligned (dynamic programming over the two lists, as
//!    a line diff does), maximising the total score of the pairs made:
//!    - identical titles (every language) score [`IDENTICAL`];
//!    - otherwise the title and output's likeness, each the words they share over all the
//!      words they have, case-insensitive (the title counts twice as much as the output;
//!      the output does not count when neither milestone has one), in thousandths;
//!    - either way [`SAME_DUE`] more when the due dates are equal.
//!
//!    A pair scoring under [`THRESHOLD`] is not made: those two milestones read as one
//!    removed and one added. An `id` on one side only does not keep two milestones apart,
//!    so that giving an existing milestone an id reads as that milestone changing. Past
//!    [`MAX_ALIGNED`] pairs to score, the alignment gives way to pairing identical titles
//!    in order. Milestones still unpaired then pair with one of identical title wherever
//!    it stands: a milestone moved past others, without an id on both sides.
//! 3. A pair is `moved` when it is not among the longest run of pairs that kept their
//!    relative order (a longest increasing subsequence), so that milestones shifted by an
//!    insertion or a removal before them do not read as moved.

use std::collections::{BTreeSet, HashMap, VecDeque};

use crate::model::{Milestone, Text};

/// How one milestone of the first plan's commitment corresponds to the second's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pairing {
    /// The same milestone in both: indexes into old and new. `moved` when it changed place
    /// relative to the other paired milestones (it is not among the longest run of pairs
    /// kept in order), not merely shifted by insertions or removals before it.
    Same {
        old: usize,
        new: usize,
        moved: bool,
    },
    Removed {
        old: usize,
    },
    Added {
        new: usize,
    },
}

/// The score of two milestones with identical titles: above any likeness of words, which
/// is at most 1000 plus [`SAME_DUE`].
const IDENTICAL: u32 = 2000;
/// What an equal due date adds: enough to choose between two equally worded candidates,
/// too little to pair two milestones on their date alone.
const SAME_DUE: u32 = 100;
/// The least score that pairs two milestones: about half their words in common.
const THRESHOLD: u32 = 500;
/// The most pairs of milestones the alignment scores (200 × 200) before falling back to
/// pairing identical titles: commitments have a handful of milestones, so this only bounds
/// the work a malformed plan can cause.
const MAX_ALIGNED: usize = 200 * 200;

/// The milestones of one commitment in two plans, paired. The result lists every old and
/// every new milestone exactly once, in the order a reviewer reads them: the second plan's
/// order, each removed milestone at the place it had.
pub(crate) fn pair(old: &[Milestone], new: &[Milestone]) -> Vec<Pairing> {
    if keeps_its_titles(old, new) {
        return (0..new.len())
            .map(|i| Pairing::Same {
                old: i,
                new: i,
                moved: false,
            })
            .collect();
    }
    aligned(old, new)
}

/// The most milestones [`keeps_its_titles`] pairs by place alone.
const SURE_BY_PLACE: usize = 20;

/// Whether each milestone kept its place, title and id, whatever else changed (a due date,
/// an output): a commitment edited in place, as most are. Each such pair scores at least
/// [`IDENTICAL`], and pairs by id stay where they are; any other order-preserving pairing
/// leaves a milestone out and scores at most `(n - 1) × (IDENTICAL + SAME_DUE)`, which is
/// less for n up to [`SURE_BY_PLACE`]. So [`aligned`] would pair them by place too, without
/// scoring every pair's words.
fn keeps_its_titles(old: &[Milestone], new: &[Milestone]) -> bool {
    old.len() == new.len()
        && old.len() <= SURE_BY_PLACE
        && old
            .iter()
            .zip(new)
            .all(|(was, is)| was.title == is.title && was.id == is.id)
}

/// [`pair`] by ids, then by words.
fn aligned(old: &[Milestone], new: &[Milestone]) -> Vec<Pairing> {
    let mut new_of_old: Vec<Option<usize>> = vec![None; old.len()];
    let mut old_of_new: Vec<Option<usize>> = vec![None; new.len()];
    let record = |pairs: Vec<(usize, usize)>,
                  new_of_old: &mut Vec<Option<usize>>,
                  old_of_new: &mut Vec<Option<usize>>| {
        for (o, n) in pairs {
            new_of_old[o] = Some(n);
            old_of_new[n] = Some(o);
        }
    };
    let unpaired = |side: &[Option<usize>]| -> Vec<usize> {
        (0..side.len()).filter(|&i| side[i].is_none()).collect()
    };
    record(by_id(old, new), &mut new_of_old, &mut old_of_new);
    let (old_rest, new_rest) = (unpaired(&new_of_old), unpaired(&old_of_new));
    let aligned = by_likeness(old, &old_rest, new, &new_rest);
    record(aligned, &mut new_of_old, &mut old_of_new);
    // A milestone that moved past others keeps its title: the alignment, which keeps the
    // order, leaves it on both sides, and its identical title pairs it here.
    let (old_rest, new_rest) = (unpaired(&new_of_old), unpaired(&old_of_new));
    let moved_ones = identical_titles(old, &old_rest, new, &new_rest);
    record(moved_ones, &mut new_of_old, &mut old_of_new);
    let moved = moved(&new_of_old);
    in_reading_order(&new_of_old, &old_of_new, &moved)
}

/// Pairs of (old, new) indexes with the same id. Ids should be unique in a commitment
/// (`duplicate-id` says so); where one is not, its n-th holder in the old list pairs with
/// its n-th holder in the new one.
fn by_id(old: &[Milestone], new: &[Milestone]) -> Vec<(usize, usize)> {
    let mut holders: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (n, milestone) in new.iter().enumerate() {
        if let Some(id) = &milestone.id {
            holders.entry(id).or_default().push_back(n);
        }
    }
    let mut pairs = Vec::new();
    for (o, milestone) in old.iter().enumerate() {
        let Some(id) = &milestone.id else { continue };
        if let Some(n) = holders.get_mut(id.as_str()).and_then(VecDeque::pop_front) {
            pairs.push((o, n));
        }
    }
    pairs
}

/// What the likeness of two milestones is computed from, gathered once per milestone.
struct Words<'m> {
    milestone: &'m Milestone,
    title: BTreeSet<String>,
    output: BTreeSet<String>,
}

impl<'m> Words<'m> {
    fn of(milestone: &'m Milestone) -> Self {
        Words {
            milestone,
            title: words(&milestone.title),
            output: milestone.output.as_ref().map(words).unwrap_or_default(),
        }
    }
}

/// The lowercase words of a text in every language it is given in.
fn words(text: &Text) -> BTreeSet<String> {
    text.all()
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Shared words over all words, in thousandths; `None` when neither side has a word.
fn likeness(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Option<u32> {
    let shared = a.intersection(b).count();
    let all = a.len() + b.len() - shared;
    (all > 0).then(|| (shared * 1000 / all) as u32)
}

/// How alike two milestones are, or `None` when they are not to be paired.
fn score(a: &Words<'_>, b: &Words<'_>) -> Option<u32> {
    let (x, y) = (a.milestone, b.milestone);
    if x.id.is_some() && y.id.is_some() {
        // Both have ids, and the ids differ: left here unpaired by id, they are two
        // milestones whatever their words say.
        return None;
    }
    let due = match (x.due, y.due) {
        (Some(p), Some(q)) if p == q => SAME_DUE,
        _ => 0,
    };
    if x.title == y.title {
        return Some(IDENTICAL + due);
    }
    let title = likeness(&a.title, &b.title).unwrap_or(0);
    let words = match likeness(&a.output, &b.output) {
        Some(output) => (2 * title + output) / 3,
        None => title,
    };
    Some(words + due).filter(|&score| score >= THRESHOLD)
}

/// Pairs of (old, new) indexes, taken from `old_rest` and `new_rest` in order, whose total
/// score is the highest any order-preserving pairing reaches.
fn by_likeness(
    old: &[Milestone],
    old_rest: &[usize],
    new: &[Milestone],
    new_rest: &[usize],
) -> Vec<(usize, usize)> {
    let (rows, cols) = (old_rest.len(), new_rest.len());
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    if rows * cols > MAX_ALIGNED {
        return identical_titles(old, old_rest, new, new_rest);
    }
    let old_words: Vec<Words<'_>> = old_rest.iter().map(|&o| Words::of(&old[o])).collect();
    let new_words: Vec<Words<'_>> = new_rest.iter().map(|&n| Words::of(&new[n])).collect();
    let scores: Vec<Option<u32>> = old_words
        .iter()
        .flat_map(|a| new_words.iter().map(|b| score(a, b)))
        .collect();
    let pair_score = |i: usize, j: usize| scores[i * cols + j];
    // best[i][j]: the highest total for old_rest[i..] against new_rest[j..].
    let width = cols + 1;
    let mut best = vec![0u32; (rows + 1) * width];
    for i in (0..rows).rev() {
        for j in (0..cols).rev() {
            let paired = pair_score(i, j).map_or(0, |s| s + best[(i + 1) * width + j + 1]);
            best[i * width + j] = paired
                .max(best[(i + 1) * width + j])
                .max(best[i * width + j + 1]);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < rows && j < cols {
        let here = best[i * width + j];
        match pair_score(i, j) {
            Some(s) if s + best[(i + 1) * width + j + 1] == here => {
                pairs.push((old_rest[i], new_rest[j]));
                i += 1;
                j += 1;
            }
            _ if best[(i + 1) * width + j] == here => i += 1,
            _ => j += 1,
        }
    }
    pairs
}

/// The fallback for lists too long to align: each old milestone pairs with the first new
/// one left with an identical title, unless both have ids (which then differ).
fn identical_titles(
    old: &[Milestone],
    old_rest: &[usize],
    new: &[Milestone],
    new_rest: &[usize],
) -> Vec<(usize, usize)> {
    let mut by_title: HashMap<&Text, VecDeque<usize>> = HashMap::new();
    for &n in new_rest {
        by_title.entry(&new[n].title).or_default().push_back(n);
    }
    let mut pairs = Vec::new();
    for &o in old_rest {
        let Some(candidates) = by_title.get_mut(&old[o].title) else {
            continue;
        };
        let free = if old[o].id.is_some() {
            candidates.iter().position(|&n| new[n].id.is_none())
        } else {
            (!candidates.is_empty()).then_some(0)
        };
        if let Some(n) = free.and_then(|at| candidates.remove(at)) {
            pairs.push((o, n));
        }
    }
    pairs
}

/// For each old milestone, whether its pair is out of order: not in a longest increasing
/// subsequence of the new indexes taken in old order (patience sorting, O(n log n)).
fn moved(new_of_old: &[Option<usize>]) -> Vec<bool> {
    let paired: Vec<(usize, usize)> = new_of_old
        .iter()
        .enumerate()
        .filter_map(|(o, n)| Some((o, (*n)?)))
        .collect();
    // tails[k]: the position in `paired` ending the best increasing run of length k + 1
    // found so far, the one with the smallest new index.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; paired.len()];
    for (at, &(_, n)) in paired.iter().enumerate() {
        let length = tails.partition_point(|&t| paired[t].1 < n);
        before[at] = length.checked_sub(1).map(|k| tails[k]);
        if length == tails.len() {
            tails.push(at);
        } else {
            tails[length] = at;
        }
    }
    let mut moved = vec![false; new_of_old.len()];
    for &(o, _) in &paired {
        moved[o] = true;
    }
    let mut kept = tails.last().copied();
    while let Some(at) = kept {
        moved[paired[at].0] = false;
        kept = before[at];
    }
    moved
}

/// The pairings in the second plan's order. A removed milestone comes just before the
/// first milestone that followed it in the first plan and kept its place, and before the
/// milestones added in the same gap, as a line diff shows a deletion before an insertion.
fn in_reading_order(
    new_of_old: &[Option<usize>],
    old_of_new: &[Option<usize>],
    moved: &[bool],
) -> Vec<Pairing> {
    let removed: Vec<usize> = (0..new_of_old.len())
        .filter(|&o| new_of_old[o].is_none())
        .collect();
    // The old index of the next milestone, from each new one on, that kept its place: the
    // removed milestones before it belong before any milestone added in front of it.
    let mut next_kept = vec![usize::MAX; old_of_new.len() + 1];
    for n in (0..old_of_new.len()).rev() {
        next_kept[n] = match old_of_new[n] {
            Some(o) if !moved[o] => o,
            _ => next_kept[n + 1],
        };
    }
    let mut out = Vec::with_capacity(new_of_old.len() + old_of_new.len());
    let mut removed = removed.into_iter().peekable();
    for (n, old) in old_of_new.iter().enumerate() {
        let until = match old {
            Some(o) if moved[*o] => None,
            _ => Some(next_kept[n]),
        };
        if let Some(until) = until {
            while let Some(o) = removed.next_if(|&o| o < until) {
                out.push(Pairing::Removed { old: o });
            }
        }
        out.push(match *old {
            Some(o) => Pairing::Same {
                old: o,
                new: n,
                moved: moved[o],
            },
            None => Pairing::Added { new: n },
        });
    }
    out.extend(removed.map(|o| Pairing::Removed { old: o }));
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;
    use crate::model::{Date, Origin};

    fn milestone(id: Option<&str>, title: &str, output: &str, due: (i32, u8, u8)) -> Milestone {
        Milestone {
            id: id.map(str::to_string),
            title: Text::Plain(title.to_string()),
            output: Some(Text::Plain(output.to_string())),
            due: Date::new(due.0, due.1, due.2),
            stakeholders: Vec::new(),
            completion: None,
            origin: Origin::default(),
        }
    }

    fn diagnosi() -> Milestone {
        milestone(None, "Diagnosi", "Informe publicat", (2022, 6, 30))
    }

    fn portal() -> Milestone {
        milestone(None, "Portal", "Portal en línia", (2023, 3, 31))
    }

    fn formacio() -> Milestone {
        milestone(None, "Formació del personal", "Cursos fets", (2023, 9, 30))
    }

    fn same(old: usize, new: usize) -> Pairing {
        Pairing::Same {
            old,
            new,
            moved: false,
        }
    }

    #[test]
    fn an_insertion_in_the_middle_is_one_milestone_added() {
        let old = [diagnosi(), portal()];
        let new = [diagnosi(), formacio(), portal()];
        assert_eq!(
            pair(&old, &new),
            [same(0, 0), Pairing::Added { new: 1 }, same(1, 2)]
        );
    }

    #[test]
    fn removing_the_first_is_one_milestone_removed() {
        let old = [diagnosi(), portal(), formacio()];
        let new = [portal(), formacio()];
        assert_eq!(
            pair(&old, &new),
            [Pairing::Removed { old: 0 }, same(1, 0), same(2, 1)]
        );
    }

    #[test]
    fn a_reworded_title_is_the_same_milestone() {
        let mut edited = diagnosi();
        edited.title = Text::Plain("Diagnosi inicial".to_string());
        assert_eq!(
            pair(&[diagnosi(), portal()], &[edited, portal()]),
            [same(0, 0), same(1, 1)]
        );
    }

    #[test]
    fn translated_titles_are_compared_in_every_language() {
        let translated = |ca: &str, en: &str| {
            Text::Translated(BTreeMap::from([
                ("ca".to_string(), ca.to_string()),
                ("en".to_string(), en.to_string()),
            ]))
        };
        let mut old = diagnosi();
        old.title = translated("Diagnosi", "Assessment");
        let mut new = diagnosi();
        new.title = translated("Diagnosi", "Initial assessment");
        assert_eq!(pair(&[old], &[new]), [same(0, 0)]);
    }

    #[test]
    fn milestones_with_ids_that_swap_places_are_one_moved() {
        let mut first = diagnosi();
        first.id = Some("diagnosi".to_string());
        let mut second = portal();
        second.id = Some("portal".to_string());
        let pairs = pair(&[first.clone(), second.clone()], &[second, first]);
        let moved: Vec<&Pairing> = pairs
            .iter()
            .filter(|p| matches!(p, Pairing::Same { moved: true, .. }))
            .collect();
        assert_eq!(moved.len(), 1, "{pairs:?}");
        assert!(
            pairs.contains(&same(1, 0)) || pairs.contains(&same(0, 1)),
            "{pairs:?}"
        );
    }

    #[test]
    fn ids_pair_milestones_whatever_their_words() {
        let mut old = diagnosi();
        old.id = Some("diagnosi".to_string());
        let mut new = portal();
        new.id = Some("diagnosi".to_string());
        assert_eq!(pair(&[old], &[new]), [same(0, 0)]);
    }

    #[test]
    fn different_ids_keep_identical_titles_apart() {
        let mut old = diagnosi();
        old.id = Some("diagnosi".to_string());
        let mut new = diagnosi();
        new.id = Some("diagnosi-2".to_string());
        assert_eq!(
            pair(&[old], &[new]),
            [Pairing::Removed { old: 0 }, Pairing::Added { new: 0 }]
        );
    }

    #[test]
    fn an_id_given_on_one_side_only_is_the_same_milestone() {
        let mut with_id = diagnosi();
        with_id.id = Some("diagnosi".to_string());
        let old = [diagnosi(), portal()];
        let new = [with_id, portal()];
        assert_eq!(pair(&old, &new), [same(0, 0), same(1, 1)]);
        assert_eq!(pair(&new, &old), [same(0, 0), same(1, 1)]);
    }

    #[test]
    fn a_different_milestone_in_the_same_place_is_one_removed_and_one_added() {
        let old = [diagnosi(), portal()];
        let new = [diagnosi(), formacio()];
        assert_eq!(
            pair(&old, &new),
            [
                same(0, 0),
                Pairing::Removed { old: 1 },
                Pairing::Added { new: 1 }
            ]
        );
    }

    #[test]
    fn a_shared_output_and_date_alone_do_not_pair() {
        let old = [milestone(
            None,
            "Diagnosi",
            "Informe publicat",
            (2022, 6, 30),
        )];
        let new = [milestone(
            None,
            "Avaluació",
            "Informe publicat",
            (2022, 6, 30),
        )];
        assert_eq!(
            pair(&old, &new),
            [Pairing::Removed { old: 0 }, Pairing::Added { new: 0 }]
        );
    }

    #[test]
    fn lists_too_long_to_align_pair_identical_titles() {
        let many = |count: usize| -> Vec<Milestone> {
            (0..count)
                .map(|i| milestone(None, &format!("Fita {i}"), "Fet", (2022, 1, 1)))
                .collect()
        };
        let old = many(250);
        let mut new = many(250);
        new.remove(0);
        let pairs = pair(&old, &new);
        assert_eq!(pairs[0], Pairing::Removed { old: 0 });
        assert!(
            pairs[1..]
                .iter()
                .enumerate()
                .all(|(n, p)| *p == same(n + 1, n)),
            "{pairs:?}"
        );
    }

    /// Every old and every new milestone exactly once, the new ones in their order.
    fn assert_complete(pairs: &[Pairing], old: usize, new: usize) {
        let olds: Vec<usize> = pairs
            .iter()
            .filter_map(|p| match *p {
                Pairing::Same { old, .. } | Pairing::Removed { old } => Some(old),
                Pairing::Added { .. } => None,
            })
            .collect();
        let news: Vec<usize> = pairs
            .iter()
            .filter_map(|p| match *p {
                Pairing::Same { new, .. } | Pairing::Added { new } => Some(new),
                Pairing::Removed { .. } => None,
            })
            .collect();
        assert_eq!(
            olds.iter().copied().collect::<BTreeSet<_>>().len(),
            old,
            "{pairs:?}"
        );
        assert_eq!(olds.len(), old, "{pairs:?}");
        assert_eq!(news, (0..new).collect::<Vec<_>>(), "{pairs:?}");
    }

    /// One step of an edit to a list of milestones: insert a new one, or remove one, at a
    /// place chosen by `at` modulo the list's length.
    #[derive(Debug, Clone)]
    enum Step {
        Insert { at: usize },
        Remove { at: usize },
    }

    /// Where a milestone of the edited list came from.
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Was {
        Old(usize),
        Inserted,
    }

    fn edited(count: usize, steps: &[Step]) -> Vec<Was> {
        let mut list: Vec<Was> = (0..count).map(Was::Old).collect();
        for step in steps {
            match *step {
                Step::Insert { at } => list.insert(at % (list.len() + 1), Was::Inserted),
                Step::Remove { at } if !list.is_empty() => {
                    list.remove(at % list.len());
                }
                Step::Remove { .. } => {}
            }
        }
        list
    }

    fn any_step() -> impl Strategy<Value = Step> {
        prop_oneof![
            any::<usize>().prop_map(|at| Step::Insert { at }),
            any::<usize>().prop_map(|at| Step::Remove { at }),
        ]
    }

    /// Why [`keeps_its_titles`] stops at [`SURE_BY_PLACE`]: past it, milestones of one
    /// title whose due dates all shifted by one place pair by their dates instead.
    #[test]
    fn many_milestones_of_one_title_pair_by_their_dates() {
        let dated = |count: usize, first_day: usize| -> Vec<Milestone> {
            (0..count)
                .map(|i| milestone(None, "Sessió", "Acta", (2023, 1, (first_day + i) as u8)))
                .collect()
        };
        let count = SURE_BY_PLACE + 2;
        let (old, new) = (dated(count, 1), dated(count, 2));
        assert!(aligned(&old, &new).contains(&same(1, 0)));
        let (old, new) = (dated(SURE_BY_PLACE, 1), dated(SURE_BY_PLACE, 2));
        assert_eq!(aligned(&old, &new), pair(&old, &new));
    }

    proptest! {
        /// Insertions and removals read as exactly those insertions and removals, every
        /// other milestone paired with itself and none moved, with or without ids on some
        /// of the first plan's milestones. Every milestone has the same output and due
        /// date, so that only the titles (distinct words) tell them apart.
        #[test]
        fn insertions_and_removals_read_as_themselves(
            words in prop::collection::btree_set("[a-z]{3,9}", 24),
            count in 0usize..12,
            steps in prop::collection::vec(any_step(), 0..10),
            with_id in prop::collection::vec(any::<bool>(), 12),
        ) {
            let words: Vec<String> = words.into_iter().collect();
            let (originals, fresh) = words.split_at(count);
            let make = |title: &str, id: Option<String>| {
                let mut m = milestone(None, title, "Informe publicat", (2022, 6, 30));
                m.id = id;
                m
            };
            let old: Vec<Milestone> = originals
                .iter()
                .enumerate()
                .map(|(i, title)| make(title, with_id[i].then(|| format!("fita-{i}"))))
                .collect();
            let list = edited(count, &steps);
            let mut fresh = fresh.iter();
            let new: Vec<Milestone> = list
                .iter()
                .map(|was| match *was {
                    Was::Old(i) => old[i].clone(),
                    Was::Inserted => make(fresh.next().expect("a fresh title"), None),
                })
                .collect();

            let pairs = pair(&old, &new);
            assert_complete(&pairs, old.len(), new.len());
            for p in &pairs {
                match *p {
                    Pairing::Same { old: o, new: n, moved } => {
                        prop_assert_eq!(list[n], Was::Old(o));
                        prop_assert!(!moved, "{:?}", pairs);
                    }
                    Pairing::Added { new: n } => prop_assert_eq!(list[n], Was::Inserted),
                    Pairing::Removed { old: o } => {
                        prop_assert!(!list.contains(&Was::Old(o)), "{:?}", pairs);
                    }
                }
            }
        }

        /// A commitment whose milestones kept their places, titles and ids pairs them by
        /// place, as the full alignment does, whatever changed in their outputs and dates.
        #[test]
        fn milestones_kept_in_place_pair_as_the_alignment_does(
            old in prop::collection::vec(any_milestone(), 0..=SURE_BY_PLACE),
            changes in prop::collection::vec((any::<bool>(), 0u8..3), SURE_BY_PLACE),
        ) {
            let new: Vec<Milestone> = old
                .iter()
                .zip(&changes)
                .map(|(m, &(other_output, due_day))| {
                    let mut m = m.clone();
                    if other_output {
                        m.output = Some(Text::Plain("Un altre resultat".to_string()));
                    }
                    m.due = Date::new(2023, 1, 1 + due_day);
                    m
                })
                .collect();
            prop_assert!(keeps_its_titles(&old, &new));
            prop_assert_eq!(pair(&old, &new), aligned(&old, &new));
        }

        /// Whatever the two lists, every milestone is listed once, in the second plan's
        /// order, and milestones with different ids are never paired.
        #[test]
        fn any_two_lists_pair_completely(
            old in prop::collection::vec(any_milestone(), 0..10),
            new in prop::collection::vec(any_milestone(), 0..10),
        ) {
            let pairs = pair(&old, &new);
            assert_complete(&pairs, old.len(), new.len());
            for p in &pairs {
                if let Pairing::Same { old: o, new: n, .. } = *p
                    && let (Some(a), Some(b)) = (&old[o].id, &new[n].id)
                {
                    prop_assert_eq!(a, b);
                }
            }
        }
    }

    /// A milestone from a small vocabulary, so that titles, ids and dates often coincide.
    fn any_milestone() -> impl Strategy<Value = Milestone> {
        let word = prop::sample::select(vec!["diagnosi", "portal", "informe", "dades", "obertes"]);
        (
            prop::option::of(prop::sample::select(vec!["a", "b", "c"])),
            prop::collection::vec(word.clone(), 1..4),
            prop::collection::vec(word, 0..3),
            1u8..4,
        )
            .prop_map(|(id, title, output, month)| {
                let mut m = milestone(id, &title.join(" "), &output.join(" "), (2022, month, 1));
                if output.is_empty() {
                    m.output = None;
                }
                m
            })
    }
}
