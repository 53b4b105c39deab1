//! The rule registry and the engine that runs it.
//!
//! Every rule has a stable name, a default severity and an explanation (see
//! [`catalogue`]); the checks live in one file per family and only return
//! [`Diagnostic`]s. The engine then applies the plan's `[lints]` levels.

mod catalogue;

/// The rules' indexes by id. A plan arrives in pull requests, so its ids may be chosen to
/// collide under a fixed hash, which would make every lookup walk all of them: foldhash
/// seeds each map at random, and hashes a short id in a few instructions (std's SipHash
/// cost 6-10% of `check`).
pub(crate) type IdMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

mod commitments;
mod context;
pub mod implementation;
mod languages;
mod online;
mod plan;
mod privacy;
mod references;
mod spaces;
mod standards;
pub mod standing;

use std::collections::HashMap;

pub(crate) use catalogue::capitalise;
pub use catalogue::*;
pub use context::{Context, SideCounts};
pub use standing::Standing;

use crate::diag::{Diagnostic, FileId, Severity};
use crate::load::Loaded;
use crate::model::{Allow, Date, Stage};
use crate::suggest;

/// How severe a rule is when `[lints]` does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultLevel {
    Always(Severity),
    /// A warning while the plan is being co-created, an error once it is submitted: the
    /// reasoned response is owed by then.
    WarnDuringCocreation,
}

impl DefaultLevel {
    pub fn resolve(self, stage: Option<Stage>) -> Severity {
        match self {
            DefaultLevel::Always(severity) => severity,
            DefaultLevel::WarnDuringCocreation => match stage {
                None | Some(Stage::Cocreation) => Severity::Warn,
                Some(_) => Severity::Error,
            },
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            DefaultLevel::Always(Severity::Error) => "error",
            DefaultLevel::Always(Severity::Warn) => "warn",
            DefaultLevel::Always(Severity::Allow) => "allow",
            DefaultLevel::WarnDuringCocreation => "warn while stage = co-creation, error after",
        }
    }
}

/// The rule called `name`.
pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.name == name).copied()
}

/// Runs every rule over a loaded plan and returns every finding (loading's included) at
/// its effective severity, sorted by place; findings at `allow` are dropped. `today` is the
/// day the rules about past meetings judge from (`--today`, or the clock); without one they
/// judge nothing.
pub fn check(loaded: &Loaded, today: Option<Date>) -> Vec<Diagnostic> {
    check_in(&Context::new(loaded), loaded, today)
}

/// [`check`] with a [`Context`] the caller has built already (for `status`, which also
/// needs it), so that the plan is indexed once.
pub fn check_in(cx: &Context<'_>, loaded: &Loaded, today: Option<Date>) -> Vec<Diagnostic> {
    let mut found = loaded.diagnostics.clone();
    references::check(cx, &mut found);
    spaces::check(cx, &mut found);
    commitments::check(cx, &mut found);
    plan::check(cx, &mut found);
    languages::check(cx, &mut found);
    online::check(cx, &mut found);
    standards::check(cx, today, &mut found);
    implementation::check(cx, today, &mut found);
    privacy::check(cx, &mut found);
    let levels = levels(loaded, &mut found);
    found.retain_mut(|diagnostic| {
        let Some(&severity) = levels.get(diagnostic.rule.name) else {
            debug_assert!(false, "rule `{}` is not in the registry", diagnostic.rule);
            return true;
        };
        diagnostic.severity = severity;
        severity != Severity::Allow
    });
    apply_allows(&loaded.plan.allows, &levels, &mut found);
    crate::diag::sort(&mut found);
    found
}

/// Marks each finding that an `allow` of the plan covers (same rule, inside the entry or
/// file the `allow` is written in) as allowed, with its reason, and reports every `allow`
/// that covers no finding. An `allow` of a rule that `[lints]` switches off for the whole
/// plan covers nothing, and is not reported: the plan-wide switch already says it all.
fn apply_allows(
    allows: &[Allow],
    levels: &HashMap<&'static str, Severity>,
    found: &mut Vec<Diagnostic>,
) {
    if allows.is_empty() {
        return;
    }
    // Indexed by file and rule, so that a finding is matched against the few exceptions
    // of its own file and rule, however many the plan holds.
    let mut index: HashMap<(FileId, &str), Vec<usize>> = HashMap::new();
    for (at, allow) in allows.iter().enumerate() {
        index
            .entry((allow.scope.file, allow.rule.name))
            .or_default()
            .push(at);
    }
    let mut used = vec![false; allows.len()];
    for diagnostic in found.iter_mut() {
        let start = diagnostic.loc.span.start;
        let Some(candidates) = index.get(&(diagnostic.loc.file, diagnostic.rule.name)) else {
            continue;
        };
        // The innermost exception wins: an entry's own reason over its file's.
        let covering = candidates
            .iter()
            .filter(|&&at| {
                let scope = allows[at].scope.span;
                scope.start <= start && start <= scope.end
            })
            .min_by_key(|&&at| allows[at].scope.span.end - allows[at].scope.span.start);
        if let Some(&at) = covering {
            diagnostic.allowed = Some(allows[at].reason.clone());
            used[at] = true;
        }
    }
    let level = levels
        .get(UNUSED_ALLOW.name)
        .copied()
        .unwrap_or(Severity::Warn);
    for (allow, used) in allows.iter().zip(used) {
        let switched_off = levels.get(allow.rule.name) == Some(&Severity::Allow);
        if used || switched_off || level == Severity::Allow {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            &UNUSED_ALLOW,
            allow.loc,
            format!(
                "`{}` is allowed here, but has no finding here to allow",
                allow.rule.name
            ),
        )
        .with_help("remove it from `allow` if its cause is gone; an `allow` covers the entry it is written in, or, at the top of a file, the whole file");
        diagnostic.severity = level;
        found.push(diagnostic);
    }
}

/// The effective severity of every rule: its default, or what `[lints]` sets. Reports
/// `[lints]` entries that name no rule or lower a fixed one.
fn levels(loaded: &Loaded, found: &mut Vec<Diagnostic>) -> HashMap<&'static str, Severity> {
    let stage = loaded.plan.meta.stage;
    let mut levels: HashMap<&'static str, Severity> = RULES
        .iter()
        .map(|rule| (rule.name, rule.default.resolve(stage)))
        .collect();
    for setting in &loaded.plan.meta.lints {
        let Some(rule) = find(&setting.rule) else {
            let help = match suggest::hint(&setting.rule, RULES.iter().map(|r| r.name)) {
                Some(hint) => format!("{hint} `obert explain` lists every rule"),
                None => "`obert explain` lists every rule".to_string(),
            };
            found.push(
                Diagnostic::new(
                    &UNKNOWN_FIELD,
                    setting.loc,
                    format!("`[lints]` names `{}`, which is not a rule", setting.rule),
                )
                .with_help(help),
            );
            continue;
        };
        let default = rule.default.resolve(stage);
        if rule.fixed && setting.severity < default {
            found.push(
                Diagnostic::new(
                    &INVALID_VALUE,
                    setting.loc,
                    format!("`{}` is a fixed rule and cannot be lowered to `{}`", rule.name, setting.severity),
                )
                .with_help("a plan that breaks a fixed rule cannot be read correctly: fix the findings instead, or remove this line"),
            );
            continue;
        }
        levels.insert(rule.name, setting.severity);
    }
    levels
}

/// `n` and the noun, in the singular or the plural.
pub fn count_noun(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

#[cfg(test)]
mod id_map_tests {
    use std::hash::BuildHasher;

    use super::IdMap;

    /// Each index hashes ids its own way, so a plan cannot carry ids chosen to collide.
    #[test]
    fn each_index_hashes_ids_its_own_way() {
        let hashes: std::collections::BTreeSet<u64> = (0..8)
            .map(|_| IdMap::<&str, ()>::default().hasher().hash_one("person-1"))
            .collect();
        assert!(hashes.len() > 1, "{hashes:?}");
    }
}
