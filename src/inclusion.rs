//! Inclusion figures: a space's current members counted by gender.
//!
//! A person's `gender` is only ever counted, never shown per person, and a count is shown
//! only where it cannot single anyone out: any count below [`SMALLEST_SHOWN`] shows as
//! `<3`, zero included. Zero is hidden too because the counts add up to the space's
//! members, which `status` and the document show: with exact zeros, a reader could
//! subtract the counts shown from the total and find a hidden one (5 women among 7
//! members leave 2 men). `status` and the document both take their figures from here.

use std::fmt;

use serde::Serialize;

use crate::model::{Gender, Keyword, Space};
use crate::rules::Context;

/// The smallest count of people that is shown as a number.
pub const SMALLEST_SHOWN: usize = 3;

/// How one count appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Exact(usize),
    /// Below [`SMALLEST_SHOWN`]: `<3`.
    Fewer,
    /// A count of [`SMALLEST_SHOWN`] or more, hidden so that a single hidden count cannot
    /// be worked out from the total: `3+`.
    AtLeast,
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shown::Exact(n) => write!(f, "{n}"),
            Shown::Fewer => write!(f, "<{SMALLEST_SHOWN}"),
            Shown::AtLeast => write!(f, "{SMALLEST_SHOWN}+"),
        }
    }
}

impl Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The word for members whose gender is not recorded, beside the format's genders.
pub const NOT_RECORDED: &str = "not-recorded";

/// One line of a space's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GenderCount {
    /// A gender as the plan files spell it, or [`NOT_RECORDED`].
    pub gender: &'static str,
    pub count: Shown,
}

/// The counted members of `space` (current, and not `counts = false`) by gender, in the format's order of genders and then
/// those whose gender is not recorded (or who are not in people.toml). `None` when the
/// space has no current member with a gender recorded: there is nothing to count, and a
/// row of `<3` would suggest there was.
pub fn by_gender(cx: &Context<'_>, space: &Space) -> Option<Vec<GenderCount>> {
    let genders = Gender::ALL;
    let mut counts = vec![0usize; genders.len() + 1];
    for member in space.counted_members() {
        let gender = cx
            .people
            .get(member.person.id.as_str())
            .and_then(|person| person.gender);
        let column = gender
            .and_then(|g| genders.iter().position(|(_, known)| *known == g))
            .unwrap_or(genders.len());
        counts[column] += 1;
    }
    if counts[..genders.len()].iter().all(|&n| n == 0) {
        return None;
    }
    let words = genders
        .iter()
        .map(|(_, gender)| gender.as_str())
        .chain([NOT_RECORDED]);
    Some(
        words
            .zip(hide_small(&counts))
            .map(|(gender, count)| GenderCount { gender, count })
            .collect(),
    )
}

/// Each count as it may be shown: below [`SMALLEST_SHOWN`] as `<3`. When that hides a
/// single count of people, the others and the total would give it away, so the smallest
/// count shown is hidden as well, as `3+`.
fn hide_small(counts: &[usize]) -> Vec<Shown> {
    let mut shown: Vec<Shown> = counts
        .iter()
        .map(|&n| {
            if n < SMALLEST_SHOWN {
                Shown::Fewer
            } else {
                Shown::Exact(n)
            }
        })
        .collect();
    let hidden: Vec<usize> = (0..counts.len())
        .filter(|&i| counts[i] < SMALLEST_SHOWN)
        .collect();
    if let [only] = hidden[..]
        && counts[only] > 0
        && let Some(smallest) = (0..counts.len())
            .filter(|&i| counts[i] >= SMALLEST_SHOWN)
            .min_by_key(|&i| counts[i])
    {
        shown[smallest] = Shown::AtLeast;
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(counts: &[usize]) -> Vec<String> {
        hide_small(counts).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn counts_below_three_are_hidden_zero_included() {
        assert_eq!(shown(&[5, 2, 0, 0, 0]), ["5", "<3", "<3", "<3", "<3"]);
        assert_eq!(shown(&[3, 1, 0, 0, 4]), ["3", "<3", "<3", "<3", "4"]);
    }

    #[test]
    fn a_single_hidden_count_hides_the_smallest_shown_too() {
        // 30 + 30 + 4 + 3 + 1 = 68: with only the 1 hidden, the total would give it away.
        assert_eq!(shown(&[30, 30, 1, 4, 3]), ["30", "30", "<3", "4", "3+"]);
        // A single hidden zero gives nobody away.
        assert_eq!(shown(&[30, 30, 0, 4, 3]), ["30", "30", "<3", "4", "3"]);
        assert_eq!(shown(&[3, 3, 3, 3, 3]), ["3", "3", "3", "3", "3"]);
    }
}
