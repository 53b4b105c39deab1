//! The fields of one entry that differ, as text: values, dates with how far they moved,
//! lists as items added and removed, private values withheld, prose as a short line diff.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Display;

use super::{ChangeKind, Field};
use crate::model::{Date, Text};

/// The fields of one entry that differ, gathered in the order they are compared.
#[derive(Debug, Default)]
pub(super) struct Fields {
    pub(super) list: Vec<Field>,
    pub(super) summary: Option<String>,
}

/// How many changed lines of prose a field shows before `…`.
pub(super) const DIFF_LINES: usize = 6;

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
            diff: Vec::new(),
        });
        self.list.last_mut()
    }

    pub(super) fn value<V: Display>(&mut self, field: &str, before: Option<V>, after: Option<V>) {
        self.push(
            field,
            before.map(|v| v.to_string()),
            after.map(|v| v.to_string()),
        );
    }

    /// A date, with how many days it moved.
    pub(super) fn date(&mut self, field: &str, before: Option<Date>, after: Option<Date>) {
        if let Some(changed) = self.push(
            field,
            before.map(|d| d.to_string()),
            after.map(|d| d.to_string()),
        ) && let (Some(old), Some(new)) = (before, after)
        {
            let days = new.days_since_epoch() - old.days_since_epoch();
            let unit = if days.abs() == 1 { "day" } else { "days" };
            changed.note = Some(format!("{days:+} {unit}"));
        }
    }

    /// Text in one or several languages: per language when both plans translate it.
    pub(super) fn text(&mut self, field: &str, before: Option<&Text>, after: Option<&Text>) {
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
            diff: Vec::new(),
        });
    }

    /// Prose, as a short line diff.
    pub(super) fn prose(&mut self, field: &str, before: Option<&str>, after: Option<&str>) {
        if before == after {
            return;
        }
        let change = ChangeKind::of(before.is_some(), after.is_some());
        self.list.push(Field {
            field: field.to_string(),
            change,
            before: None,
            after: None,
            private: false,
            note: None,
            diff: text_diff(before.unwrap_or(""), after.unwrap_or("")),
        });
    }
}

/// The lines that differ between two texts, `-` or `+` first, blank lines left out, at
/// most [`DIFF_LINES`] and then `…`. Never empty when the texts differ.
pub(super) fn text_diff(before: &str, after: &str) -> Vec<String> {
    let diff = similar::TextDiff::configure()
        .timeout(std::time::Duration::from_secs(1))
        .diff_lines(before, after);
    let mut lines = Vec::new();
    for change in diff.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Equal => continue,
            similar::ChangeTag::Delete => '-',
            similar::ChangeTag::Insert => '+',
        };
        let line = change.value().trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        if lines.len() == DIFF_LINES {
            lines.push("…".to_string());
            break;
        }
        lines.push(format!("{sign}{line}"));
    }
    if lines.is_empty() {
        lines.push("(blank lines or spacing only)".to_string());
    }
    lines
}
