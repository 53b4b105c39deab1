//! The fields of one entry that differ, as text: values, dates with how far they moved,
//! lists as items added and removed, private values withheld, prose as a short line diff.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Display;

use super::{ChangeKind, Field, Piece};
use crate::model::{Date, Text};

/// The fields of one entry that differ, gathered in the order they are compared.
#[derive(Debug, Default)]
pub(super) struct Fields {
    pub(super) list: Vec<Field>,
    pub(super) summary: Option<String>,
}

impl Fields {
    /// Records `field` when the values differ.
    pub(super) fn push(
        &mut self,
        field: &str,
        before: Option<String>,
        after: Option<String>,
    ) -> Option<&mut Field> {
        if before == after {
            return None;
        }
        self.list.push(Field {
            field: field.to_string(),
            change: ChangeKind::of(before.is_some(), after.is_some()),
            before,
            after,
            private: false,
            note: None,
            days: None,
            diff: Vec::new(),
            words: Vec::new(),
        });
        self.list.last_mut()
    }

    /// A value, as its text. Equal values are not written out: most entries compared
    /// (every person of a people.toml that changed) did not change.
    pub(super) fn value<V: Display + PartialEq>(
        &mut self,
        field: &str,
        before: Option<V>,
        after: Option<V>,
    ) {
        if before == after {
            return;
        }
        self.push(
            field,
            before.map(|v| v.to_string()),
            after.map(|v| v.to_string()),
        );
    }

    /// A date, with how many days it moved.
    pub(super) fn date(&mut self, field: &str, before: Option<Date>, after: Option<Date>) {
        if before == after {
            return;
        }
        if let Some(changed) = self.push(
            field,
            before.map(|d| d.to_string()),
            after.map(|d| d.to_string()),
        ) && let (Some(old), Some(new)) = (before, after)
        {
            let days = new.days_since_epoch() - old.days_since_epoch();
            let unit = if days.abs() == 1 { "day" } else { "days" };
            changed.note = Some(format!("{days:+} {unit}"));
            changed.days = Some(days);
        }
    }

    /// Text in one or several languages: per language when both plans translate it.
    pub(super) fn text(&mut self, field: &str, before: Option<&Text>, after: Option<&Text>) {
        if before == after {
            return;
        }
        if let (Some(Text::Translated(old)), Some(Text::Translated(new))) = (before, after) {
            let languages: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
            for lang in languages {
                self.push(
                    &format!("{field} ({lang})"),
                    old.get(lang).cloned(),
                    new.get(lang).cloned(),
                );
            }
        } else {
            self.push(field, before.map(Text::one_line), after.map(Text::one_line));
        }
    }

    /// A list compared as a set: one field per item removed, then per item added, each in
    /// its list's order.
    pub(super) fn items<'a>(
        &mut self,
        field: &str,
        before: impl IntoIterator<Item = &'a str>,
        after: impl IntoIterator<Item = &'a str>,
    ) {
        let before: Vec<&str> = before.into_iter().collect();
        let after: Vec<&str> = after.into_iter().collect();
        if before == after {
            return;
        }
        let old: HashSet<&str> = before.iter().copied().collect();
        let new: HashSet<&str> = after.iter().copied().collect();
        let mut done = HashSet::new();
        for item in before.iter().filter(|item| !new.contains(*item)) {
            if done.insert(*item) {
                self.push(field, Some(item.to_string()), None);
            }
        }
        for item in after.iter().filter(|item| !old.contains(*item)) {
            if done.insert(*item) {
                self.push(field, None, Some(item.to_string()));
            }
        }
    }

    /// A private value: only whether it was added, changed or removed.
    pub(super) fn private(&mut self, field: &str, before: Option<&str>, after: Option<&str>) {
        if before != after {
            let change = ChangeKind::of(before.is_some(), after.is_some());
            self.withheld(field, change, None, None);
        }
    }

    /// A value shown on each side only where `shown` says so (a person's name, shown
    /// only while the person consents to publish it).
    pub(super) fn consented<'a>(
        &mut self,
        field: &str,
        before: Option<(&'a str, bool)>,
        after: Option<(&'a str, bool)>,
    ) {
        let value = |side: Option<(&'a str, bool)>| side.map(|(value, _)| value);
        if value(before) == value(after) {
            return;
        }
        let change = ChangeKind::of(before.is_some(), after.is_some());
        let shown = |side: Option<(&str, bool)>| {
            side.filter(|(_, shown)| *shown)
                .map(|(value, _)| value.to_string())
        };
        let private =
            before.is_some_and(|(_, shown)| !shown) || after.is_some_and(|(_, shown)| !shown);
        if private {
            self.withheld(field, change, shown(before), shown(after));
        } else {
            self.push(field, shown(before), shown(after));
        }
    }

    pub(super) fn withheld(
        &mut self,
        field: &str,
        change: ChangeKind,
        before: Option<String>,
        after: Option<String>,
    ) {
        self.list.push(Field {
            field: field.to_string(),
            change,
            before,
            after,
            private: true,
            note: None,
            days: None,
            diff: Vec::new(),
            words: Vec::new(),
        });
    }

    /// Prose, as the lines that changed and, within them, the words.
    pub(super) fn prose(&mut self, field: &str, before: Option<&str>, after: Option<&str>) {
        if before == after {
            return;
        }
        let change = ChangeKind::of(before.is_some(), after.is_some());
        // Masked before they are cut into words: a phone number split across a kept and a
        // changed run of words would no longer look like one.
        let (before, after) = (
            crate::privacy::redact(before.unwrap_or("")),
            crate::privacy::redact(after.unwrap_or("")),
        );
        let (diff, words) = prose_diff(&before, &after);
        self.list.push(Field {
            field: field.to_string(),
            change,
            before: None,
            after: None,
            private: false,
            note: None,
            days: None,
            diff,
            words,
        });
    }
}

/// How long a diff of one text may take before it settles for a coarser result: a hostile
/// plan cannot make a review wait.
const DIFF_TIME: std::time::Duration = std::time::Duration::from_millis(500);

/// What a prose diff says when only blank lines or spaces changed.
pub const SPACING_ONLY: &str = "(blank lines or spacing only)";

/// Two texts compared once, line by line, then word by word within each run of changed
/// lines: the changed lines, `-` or `+` first and blank ones left out (never empty when the
/// texts differ); and the same lines word by word, each kept whole with its unchanged words
/// as context (empty when only spacing changed).
pub(super) fn prose_diff(before: &str, after: &str) -> (Vec<String>, Vec<Vec<Piece>>) {
    let diff = similar::TextDiff::configure()
        .timeout(DIFF_TIME)
        .diff_lines(before, after);
    let mut lines = Vec::new();
    let mut words = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    let flush = |removed: &mut String, added: &mut String, words: &mut Vec<Vec<Piece>>| {
        if !removed.is_empty() || !added.is_empty() {
            words_of_block(removed, added, words);
            removed.clear();
            added.clear();
        }
    };
    for change in diff.iter_all_changes() {
        let (sign, block) = match change.tag() {
            similar::ChangeTag::Equal => {
                flush(&mut removed, &mut added, &mut words);
                continue;
            }
            similar::ChangeTag::Delete => ('-', &mut removed),
            similar::ChangeTag::Insert => ('+', &mut added),
        };
        block.push_str(change.value());
        let line = change.value().trim_end_matches(['\n', '\r']);
        if !line.trim().is_empty() {
            lines.push(format!("{sign}{line}"));
        }
    }
    flush(&mut removed, &mut added, &mut words);
    if lines.is_empty() {
        lines.push(SPACING_ONLY.to_string());
    }
    (lines, words)
}

/// The changed lines of [`prose_diff`].
#[cfg(test)]
pub(super) fn text_diff(before: &str, after: &str) -> Vec<String> {
    prose_diff(before, after).0
}

/// The changed words of [`prose_diff`].
#[cfg(test)]
pub(super) fn word_diff(before: &str, after: &str) -> Vec<Vec<Piece>> {
    prose_diff(before, after).1
}

/// One block of removed lines against the block that replaced it, word by word, cut back
/// into lines; lines that did not change (or changed only in spacing) are left out.
fn words_of_block(removed: &str, added: &str, out: &mut Vec<Vec<Piece>>) {
    let diff = similar::TextDiff::configure()
        .timeout(DIFF_TIME)
        .diff_words(removed, added);
    let mut line: Vec<Piece> = Vec::new();
    let end_line = |line: &mut Vec<Piece>, out: &mut Vec<Vec<Piece>>| {
        let changed = line.iter().any(|piece| match piece {
            Piece::Same(_) => false,
            Piece::Removed(text) | Piece::Added(text) => !text.trim().is_empty(),
        });
        if changed {
            out.push(std::mem::take(line));
        }
        line.clear();
    };
    for change in diff.iter_all_changes() {
        let make = match change.tag() {
            similar::ChangeTag::Equal => Piece::Same,
            similar::ChangeTag::Delete => Piece::Removed,
            similar::ChangeTag::Insert => Piece::Added,
        };
        // A token holds a word or a run of spaces and line breaks: a break ends the line.
        let mut parts = change.value().split('\n').peekable();
        while let Some(part) = parts.next() {
            let part = part.trim_end_matches('\r');
            if !part.is_empty() {
                push_piece(&mut line, make(part.to_string()));
            }
            if parts.peek().is_some() {
                end_line(&mut line, out);
            }
        }
    }
    end_line(&mut line, out);
}

/// Adds `piece` to the line, joined to the last piece when it is of the same kind.
fn push_piece(line: &mut Vec<Piece>, piece: Piece) {
    match (line.last_mut(), piece) {
        (Some(Piece::Same(last)), Piece::Same(text))
        | (Some(Piece::Removed(last)), Piece::Removed(text))
        | (Some(Piece::Added(last)), Piece::Added(text)) => last.push_str(&text),
        (_, piece) => line.push(piece),
    }
}
