//! `obert explain [RULE]`: the rule catalogue, for people.

use std::fmt::Write as _;

use anyhow::bail;

use super::Outcome;
use crate::rules::{self, Family, RULES, Rule};
use crate::suggest;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule's name, such as `steering-group-balance`
    rule: Option<String>,
}

pub(super) fn run(args: Args) -> anyhow::Result<Outcome> {
    let text = match args.rule {
        Some(name) => match rules::find(&name) {
            Some(rule) => explain(rule),
            None => match suggest::hint(&name, RULES.iter().map(|r| r.name)) {
                Some(hint) => {
                    bail!("there is no rule `{name}`; {hint} (`obert explain` lists them all)")
                }
                None => bail!("there is no rule `{name}`; `obert explain` lists them all"),
            },
        },
        None => list(),
    };
    let mut out = std::io::stdout().lock();
    std::io::Write::write_all(&mut out, text.as_bytes())?;
    std::io::Write::flush(&mut out)?;
    Ok(Outcome::Clean)
}

/// One rule, whole.
pub(super) fn explain(rule: &Rule) -> String {
    let mut text = String::new();
    let fixed = if rule.fixed {
        " (fixed: cannot be lowered)"
    } else {
        ""
    };
    let _ = writeln!(text, "{}: {}\n", rule.name, rule.summary);
    let _ = writeln!(text, "Default level: {}{fixed}", rule.default.describe());
    let _ = writeln!(text, "Family: {}\n", rule.family.title());
    let _ = writeln!(text, "Why: {}\n", rule.why);
    let _ = writeln!(text, "Fix: {}", rule.fix);
    text
}

/// Every rule, one line each, by family.
fn list() -> String {
    let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut text = String::new();
    for family in Family::ALL {
        let _ = writeln!(text, "{}:", family.title());
        for rule in RULES.iter().filter(|r| r.family == family) {
            let _ = writeln!(
                text,
                "  {:width$}  {:5}  {}",
                rule.name,
                short_level(rule),
                rule.summary
            );
        }
        text.push('\n');
    }
    text.push_str(
        "`obert explain RULE` says more about one rule; `[lints]` in plan.toml sets levels.\n",
    );
    text
}

fn short_level(rule: &Rule) -> &'static str {
    match rule.default {
        rules::DefaultLevel::Always(severity) => severity.as_str(),
        rules::DefaultLevel::WarnDuringCocreation => "warn*",
    }
}
