//! "Did you mean" suggestions for misspelt keys, rule names and ids: every hint is worded
//! by [`hint`], so they all read the same.

/// "did you mean `near`?", when a candidate is close enough to `word` to be what was meant.
pub fn hint<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    nearest(word, candidates).map(did_you_mean)
}

/// "did you mean `near`?", for a suggestion found another way.
pub fn did_you_mean(near: &str) -> String {
    format!("did you mean `{near}`?")
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase().replace('_', "-");
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        // Compare without case, so that `ii-prop-1` finds `II-PROP-1`.
        let candidate_lower = candidate.to_lowercase();
        let distance = if candidate_lower == word_lower {
            0
        } else if best.is_some_and(|(d, _)| d == 0) {
            continue;
        } else {
            edit_distance(&word_lower, &candidate_lower)
        };
        // Allow about one typo per three characters, at least one.
        let limit = (candidate.chars().count().max(word_lower.chars().count()) / 3).max(1);
        // Equally close candidates: the first in sorted order, so that a suggestion never
        // depends on the order a map gives its keys in.
        let closer = |(d, b): (usize, &str)| (distance, candidate) < (d, b);
        if distance <= limit && best.is_none_or(closer) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Edit distance over characters where swapping two neighbours counts as one edit (the
/// optimal string alignment distance): `nmae` is one typo away from `name`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before_previous = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 0..a.len() {
        current[0] = i + 1;
        for j in 0..b.len() {
            let substitution = previous[j] + usize::from(a[i] != b[j]);
            let mut best = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                best = best.min(before_previous[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_close_key() {
        assert_eq!(nearest("nmae", ["name", "sector", "level"]), Some("name"));
        assert_eq!(nearest("min_members", ["min-members"]), Some("min-members"));
        assert_eq!(nearest("colour", ["id", "name"]), None);
        assert_eq!(nearest("II-PROP-12", ["II-PROP-13"]), Some("II-PROP-13"));
    }

    #[test]
    fn equally_close_candidates_give_the_same_answer_in_any_order() {
        assert_eq!(nearest("c2", ["g2", "c3"]), Some("c3"));
        assert_eq!(nearest("c2", ["c3", "g2"]), Some("c3"));
    }

    #[test]
    fn distance_is_symmetric_on_examples() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("sitting", "kitten"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("nmae", "name"), 1);
    }
}
