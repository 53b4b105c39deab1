//! What a change does beyond its entries: the balance of sides in each space, and the
//! findings of the rules that it introduces or resolves.

use std::collections::{BTreeSet, HashMap};

use super::names::Namer;
use super::{Balance, Finding, Sides};
use crate::diag::Diagnostic;
use crate::load::Loaded;
use crate::model::Date;
use crate::rules::{Context, Standing};

/// Spaces whose current members changed on some side, each judged by the numbers of the
/// plan that has it (the head's, or the base's for a space the head removed).
pub(super) fn balance(old: &Context<'_>, new: &Context<'_>) -> Vec<Balance> {
    fn standing<'p>(cx: &Context<'p>, id: &str) -> Option<Standing<'p>> {
        cx.spaces.get(id).map(|space| Standing::of(cx, space))
    }
    let sides = |cx: &Context<'_>, id: &str| {
        cx.spaces.get(id).map_or(Sides::default(), |space| {
            let counts = cx.count_by_side(space);
            Sides {
                government: counts.government,
                civil_society: counts.civil_society,
                unknown: counts.unknown,
            }
        })
    };
    let ids: BTreeSet<&str> = old
        .spaces
        .keys()
        .chain(new.spaces.keys())
        .copied()
        .collect();
    let mut found = Vec::new();
    for id in ids {
        let (was, is) = (sides(old, id), sides(new, id));
        if was == is {
            continue;
        }
        let judged = standing(new, id).or_else(|| standing(old, id));
        let balance = judged.and_then(|s| s.balance().copied());
        let wanted = balance.map(|balance| Sides {
            government: balance.government.min,
            civil_society: balance.civil_society.min,
            unknown: 0,
        });
        // What the plan asks of a side, in words: exactly, at least, or a range.
        let asked = |count: crate::rules::standing::Count| match (count.min, count.max) {
            (min, max) if min == max => format!(" (the plan asks for {min})"),
            (min, usize::MAX) => format!(" (the plan asks for at least {min})"),
            (min, max) => format!(" (the plan asks for {min} to {max})"),
        };
        let mut parts = Vec::new();
        for (name, was, is, want) in [
            (
                "government",
                was.government,
                is.government,
                balance.map(|b| asked(b.government)),
            ),
            (
                "civil society",
                was.civil_society,
                is.civil_society,
                balance.map(|b| asked(b.civil_society)),
            ),
            ("without a sector", was.unknown, is.unknown, None),
        ] {
            if was != is {
                let asked = want.unwrap_or_default();
                parts.push(format!("{name} {was} → {is}{asked}"));
            }
        }
        // Named as the document names the space, in the plan that has it.
        let name = [new, old]
            .into_iter()
            .find_map(|cx| Some(Namer::new(cx).space(cx.spaces.get(id)?)))
            .unwrap_or_else(|| id.to_string());
        found.push(Balance {
            space: id.to_string(),
            before: was,
            after: is,
            wanted,
            summary: format!("{name}: {}", parts.join(", ")),
        });
    }
    found
}

/// The findings of the rules on a plan that are problems: a finding an `allow` covers is
/// none, so adding the `allow` resolves it.
pub(super) fn problems(loaded: &Loaded, cx: &Context<'_>, today: Option<Date>) -> Vec<Diagnostic> {
    let mut found = crate::rules::check_in(cx, loaded, today);
    found.retain(|d| d.allowed.is_none());
    found
}

/// The findings only one plan has, compared as multisets keyed by rule, file and message
/// (not by position: an edit moves the lines under every later finding). `old` and `new`
/// are the [`problems`] of `before` and `after`.
pub(super) fn findings(
    (before, old): (&Loaded, &[Diagnostic]),
    (after, new): (&Loaded, &[Diagnostic]),
) -> (Vec<Finding>, Vec<Finding>) {
    let key = |loaded: &'_ Loaded, d: &Diagnostic| {
        (
            d.rule,
            loaded.files.get(d.loc.file).path.clone(),
            d.message.clone(),
        )
    };
    let mut unmatched: HashMap<_, Vec<&Diagnostic>> = HashMap::new();
    for diagnostic in old {
        unmatched
            .entry(key(before, diagnostic))
            .or_default()
            .push(diagnostic);
    }
    let mut introduced = Vec::new();
    for diagnostic in new {
        let matched = unmatched
            .get_mut(&key(after, diagnostic))
            .and_then(Vec::pop);
        if matched.is_none() {
            introduced.push(finding(after, diagnostic));
        }
    }
    let mut resolved: Vec<Finding> = unmatched
        .into_values()
        .flatten()
        .map(|d| finding(before, d))
        .collect();
    for list in [&mut introduced, &mut resolved] {
        list.sort_by(|a, b| {
            (&a.file, a.line, &a.rule, &a.message).cmp(&(&b.file, b.line, &b.rule, &b.message))
        });
    }
    (introduced, resolved)
}

pub(super) fn finding(loaded: &Loaded, diagnostic: &Diagnostic) -> Finding {
    let file = loaded.files.get(diagnostic.loc.file);
    Finding {
        rule: diagnostic.rule.to_string(),
        severity: diagnostic.severity,
        file: file.path.clone(),
        line: file.line_col(diagnostic.loc.span.start as usize).line,
        message: diagnostic.message.clone(),
    }
}
