//! The writer that `show` prints with: `key: value` lines, lists indented under their key.
//!
//! People appear only by id and as [`shown_as`] says; their e-mail, phone and gender are
//! never read by `show`, and free text goes through [`clean`] so that a contact detail
//! typed into a title is masked.

use std::fmt::{Display, Write as _};

use super::Found;
pub(super) use crate::cli::view::text as primary_text;
use crate::cli::view::{clean, shown_as};
use crate::model::{Ref, Text};
use crate::rules::Context;

pub(super) fn render(cx: &Context<'_>, found: Found<'_>) -> String {
    let mut lines = Lines {
        cx,
        out: String::new(),
    };
    match found {
        Found::Organisation(organisation) => lines.organisation(organisation),
        Found::Person(person) => lines.person(person),
        Found::Space(space) => lines.space(space),
        Found::Commitment(commitment) => lines.commitment(commitment),
        Found::Axis(axis) => lines.axis(axis),
        Found::Contribution(file, contribution) => lines.contribution(file, contribution),
        Found::Meeting(space, meeting) => lines.meeting(space, meeting),
    }
    lines.out
}

pub(super) struct Lines<'c, 'p> {
    pub(super) cx: &'c Context<'p>,
    pub(super) out: String,
}

impl Lines<'_, '_> {
    /// `key: value`; a value of several lines goes under its key, indented.
    pub(super) fn field(&mut self, key: &str, value: impl Display) {
        let value = value.to_string();
        if value.contains('\n') {
            let _ = writeln!(self.out, "{key}:");
            for line in value.trim_end().lines() {
                let _ = writeln!(self.out, "  {line}");
            }
        } else {
            let _ = writeln!(self.out, "{key}: {value}");
        }
    }

    pub(super) fn opt(&mut self, key: &str, value: Option<impl Display>) {
        if let Some(value) = value {
            self.field(key, value);
        }
    }

    /// An indented line under the last key.
    pub(super) fn item(&mut self, line: impl Display) {
        let _ = writeln!(self.out, "  {line}");
    }

    /// Translatable text: the primary language as `key`, each translation as `key [lang]`.
    pub(super) fn text(&mut self, key: &str, text: &Text) {
        let plan = self.cx.plan;
        let primary = plan.primary_language();
        self.field(key, primary_text(plan, text));
        let Text::Translated(by_lang) = text else {
            return;
        };
        // The language that `key` showed: the primary one, or the fallback `Text::get` took.
        let shown = if by_lang.contains_key(primary) {
            Some(primary)
        } else {
            by_lang.keys().next().map(String::as_str)
        };
        let declared = plan.meta.languages.iter();
        let undeclared = by_lang.keys().filter(|l| !plan.meta.languages.contains(l));
        for lang in declared.chain(undeclared) {
            if Some(lang.as_str()) != shown
                && let Some(value) = by_lang.get(lang)
            {
                self.field(&format!("{key} [{lang}]"), clean(value));
            }
        }
    }

    /// `diba (Diputació de Barcelona)`, or the bare id of an organisation the plan lacks.
    pub(super) fn organisation_label(&self, id: &str) -> String {
        match self.cx.organisations.get(id) {
            Some(organisation) => format!("{id} ({})", clean(&organisation.name)),
            None => id.to_string(),
        }
    }

    pub(super) fn organisations(&mut self, key: &str, refs: &[Ref]) {
        if !refs.is_empty() {
            let labels: Vec<String> = refs
                .iter()
                .map(|r| self.organisation_label(&r.id))
                .collect();
            self.field(key, labels.join(", "));
        }
    }

    /// `diba-1 (representative of Diputació de Barcelona)`, `agora-exp-01 (expert)`.
    pub(super) fn person_label(&self, id: &str) -> String {
        match self.cx.people.get(id) {
            Some(person) => {
                let shown = shown_as(self.cx, person);
                if shown.starts_with('(') {
                    format!("{id} {shown}")
                } else {
                    format!("{id} ({shown})")
                }
            }
            // When people.toml cannot be read, nobody is in it: that is not news about `id`.
            None if self.cx.broken.people => id.to_string(),
            None => format!("{id} (not in people.toml)"),
        }
    }

    pub(super) fn ids(&mut self, key: &str, ids: Vec<&str>) {
        if !ids.is_empty() {
            self.field(key, ids.join(", "));
        }
    }
}
