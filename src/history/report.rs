//! A plan diff as text for a terminal, as a Markdown pull-request comment, or as JSON.
//!
//! The JSON shape (`format` 1) is:
//!
//! ```text
//! {
//!   "format": 1,
//!   "base": "<revision>", "head": "<revision>",
//!   "summary": "3 people added, 1 commitment changed, 1 finding introduced",
//!   "balance": [ { "space", "before": Sides, "after": Sides, "wanted": Sides | null, "summary" } ],
//!   "changes": {
//!     "plan": [Change], "organisations": [Change], "people": [Change], "spaces": [Change],
//!     "memberships": [Change], "meetings": [Change], "phases": [Change],
//!     "commitments": [Change], "contributions": [Change], "responses": [Change]
//!   },
//!   "findings": { "introduced": [Finding], "resolved": [Finding] }
//! }
//! Sides   = { "government": n, "civil_society": n, "unknown": n }
//! Change  = { "key", "change": "added" | "removed" | "changed", "summary": string | null,
//!             "fields": [Field] }
//! Field   = { "field", "change", "before": string | null, "after": string | null,
//!             "private": bool, "note": string | null, "diff": [string] }
//! Finding = { "rule", "severity": "error" | "warn", "file", "line", "message" }
//! ```
//!
//! Every kind is present even when empty; entries are sorted by key, fields are in the
//! format's order, findings by file, line and rule. A private field has `private: true` and
//! `null` for every value it withholds.
//!
//! No report ever shows an e-mail address or a phone number: the diff holds none, and each
//! report passes its whole output through [`redact`] once more.

use std::fmt::Write;

use serde::Serialize;

use super::diff::{
    Balance, Change, ChangeKind, Changes, Field, Finding, PlanDiff, kind_count, kind_title,
};
use crate::model::EntryKind;
use crate::privacy::redact;

const NO_CHANGE: &str = "No change to the plan.";

/// The diff in one line: `3 people added, 1 commitment changed, 1 finding introduced`.
pub fn summary(diff: &PlanDiff) -> String {
    let mut parts = Vec::new();
    for (kind, changes) in diff.changes.by_kind() {
        if kind == EntryKind::Plan {
            if !changes.is_empty() {
                parts.push("plan settings changed".to_string());
            }
            continue;
        }
        for change in ChangeKind::ALL {
            let n = changes.iter().filter(|c| c.change == change).count();
            if n > 0 {
                parts.push(format!("{} {}", kind_count(kind, n), change.as_str()));
            }
        }
    }
    for (list, done) in [
        (&diff.findings_introduced, "introduced"),
        (&diff.findings_resolved, "resolved"),
    ] {
        if !list.is_empty() {
            let n = crate::rules::count_noun(list.len(), "finding", "findings");
            parts.push(format!("{n} {done}"));
        }
    }
    if parts.is_empty() {
        NO_CHANGE.to_string()
    } else {
        parts.join(", ")
    }
}

/// A value as a report shows it: itself, `(private)` when withheld, `—` when absent.
fn value(field: &Field, after: bool) -> String {
    let value = if after { &field.after } else { &field.before };
    match value {
        Some(value) => value.clone(),
        None if field.withheld(after) => "(private)".to_string(),
        None => "—".to_string(),
    }
}

/// What happened to a field, in words: `2022-06-30 → 2022-09-30 (+92 days)`.
fn field_change(field: &Field) -> String {
    let mut line = match field.change {
        _ if field.is_prose() => field.change.as_str().to_string(),
        ChangeKind::Changed if field.withheld(false) && field.withheld(true) => {
            "changed (private)".to_string()
        }
        ChangeKind::Changed => format!("{} → {}", value(field, false), value(field, true)),
        ChangeKind::Added => format!("added {}", value(field, true)),
        ChangeKind::Removed => format!("removed {}", value(field, false)),
    };
    if let Some(note) = &field.note {
        let _ = write!(line, " ({note})");
    }
    line
}

fn findings(diff: &PlanDiff) -> [(&'static str, ChangeKind, &[Finding]); 2] {
    [
        (
            "Findings introduced",
            ChangeKind::Added,
            &diff.findings_introduced,
        ),
        (
            "Findings resolved",
            ChangeKind::Removed,
            &diff.findings_resolved,
        ),
    ]
}

/// The diff for a terminal: one line per change, `+`/`-`/`~` first (green, red, yellow
/// when `color`), grouped by kind, then the findings.
pub fn text(diff: &PlanDiff, color: bool) -> String {
    if diff.is_empty() {
        return format!("{NO_CHANGE}\n");
    }
    let paint = |change: ChangeKind, line: String| {
        if !color {
            return line;
        }
        let code = match change {
            ChangeKind::Added => "32",
            ChangeKind::Removed => "31",
            ChangeKind::Changed => "33",
        };
        format!("\x1b[{code}m{line}\x1b[0m")
    };
    let heading = |title: &str| {
        if color {
            format!("\x1b[1m{title}\x1b[0m\n")
        } else {
            format!("{title}\n")
        }
    };
    let mut out = String::new();
    if !diff.balance.is_empty() {
        out.push_str(&heading("Balance"));
        for balance in &diff.balance {
            let _ = writeln!(out, "  {}", balance.summary);
        }
    }
    for (kind, changes) in diff.changes.by_kind().filter(|(_, c)| !c.is_empty()) {
        out.push_str(&heading(&kind_title(kind)));
        for change in changes {
            let sign = change.change.sign();
            if change.change != ChangeKind::Changed || change.summary.is_some() {
                let summary = change
                    .summary
                    .as_deref()
                    .map_or(String::new(), |s| format!(": {s}"));
                let line = format!("  {sign} {}{summary}", change.key);
                let _ = writeln!(out, "{}", paint(change.change, line));
            }
            for field in &change.fields {
                let line = format!(
                    "  {sign} {} {}: {}",
                    change.key,
                    field.field,
                    field_change(field)
                );
                let _ = writeln!(out, "{}", paint(change.change, line));
                for line in &field.diff {
                    let kind = match line.chars().next() {
                        Some('+') => ChangeKind::Added,
                        Some('-') => ChangeKind::Removed,
                        _ => ChangeKind::Changed,
                    };
                    let _ = writeln!(out, "{}", paint(kind, format!("      {line}")));
                }
            }
        }
    }
    for (title, change, list) in findings(diff) {
        if list.is_empty() {
            continue;
        }
        out.push_str(&heading(title));
        for f in list {
            let line = format!(
                "  {} {} {} {}:{}: {}",
                change.sign(),
                f.severity,
                f.rule,
                f.file,
                f.line,
                f.message
            );
            let _ = writeln!(out, "{}", paint(change, line));
        }
    }
    redact(&out).into_owned()
}

/// Text for one cell of a Markdown table: no `|` or line break can end the cell early.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

/// A code fence longer than any run of backticks in `lines`.
fn fence(lines: &[String]) -> String {
    let longest = lines
        .iter()
        .flat_map(|line| line.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// The diff as a pull-request comment: the summary line, a section per kind of entry
/// with a table of the changed fields and the text diffs of prose, the findings last.
pub fn markdown(diff: &PlanDiff, title: &str) -> String {
    let mut out = format!("**{}**: {}\n", title.trim(), summary(diff));
    if diff.is_empty() {
        return redact(&out).into_owned();
    }
    if !diff.balance.is_empty() {
        out.push_str("\n### Balance\n\n");
        for balance in &diff.balance {
            let _ = writeln!(out, "- {}", balance.summary);
        }
    }
    for (kind, changes) in diff.changes.by_kind().filter(|(_, c)| !c.is_empty()) {
        let _ = writeln!(out, "\n### {}\n", kind_title(kind));
        markdown_kind(&mut out, changes);
    }
    for (title, _, list) in findings(diff) {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {title}\n");
        for f in list {
            let _ = writeln!(
                out,
                "- **{}** `{}` in `{}:{}`: {}",
                f.severity, f.rule, f.file, f.line, f.message
            );
        }
    }
    redact(&out).into_owned()
}

fn markdown_kind(out: &mut String, changes: &[Change]) {
    for change in changes {
        if change.change != ChangeKind::Changed || change.summary.is_some() {
            let summary = change
                .summary
                .as_deref()
                .map_or(String::new(), |s| format!(": {s}"));
            let _ = writeln!(
                out,
                "- {} `{}`{summary}",
                change.change.as_str(),
                change.key
            );
        }
    }
    let rows: Vec<(&Change, &Field)> = changes
        .iter()
        .flat_map(|c| c.fields.iter().map(move |f| (c, f)))
        .collect();
    let table: Vec<_> = rows.iter().filter(|(_, f)| !f.is_prose()).collect();
    if !table.is_empty() {
        if changes
            .iter()
            .any(|c| c.change != ChangeKind::Changed || c.summary.is_some())
        {
            out.push('\n');
        }
        out.push_str("| entry | field | before | after |\n|---|---|---|---|\n");
        for (change, field) in table {
            let after = match &field.note {
                Some(note) => format!("{} ({note})", value(field, true)),
                None => value(field, true),
            };
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                cell(&change.key),
                cell(&field.field),
                cell(&value(field, false)),
                cell(&after)
            );
        }
    }
    for (change, field) in rows.iter().filter(|(_, f)| f.is_prose()) {
        let fence = fence(&field.diff);
        let _ = writeln!(
            out,
            "\n`{}` {} ({}):\n\n{fence}diff\n{}\n{fence}",
            change.key,
            field.field,
            field.change.as_str(),
            field.diff.join("\n")
        );
    }
}

/// The diff as JSON, in the shape the module documents; the same diff always gives the
/// same bytes.
pub fn json(diff: &PlanDiff, base: &str, head: &str) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        format: u32,
        base: &'a str,
        head: &'a str,
        summary: String,
        balance: &'a [Balance],
        changes: &'a Changes,
        findings: Findings<'a>,
    }
    #[derive(Serialize)]
    struct Findings<'a> {
        introduced: &'a [Finding],
        resolved: &'a [Finding],
    }
    let report = Report {
        format: 1,
        base,
        head,
        summary: summary(diff),
        balance: &diff.balance,
        changes: &diff.changes,
        findings: Findings {
            introduced: &diff.findings_introduced,
            resolved: &diff.findings_resolved,
        },
    };
    // Plain data with string keys: serialising it cannot fail.
    let text = serde_json::to_string_pretty(&report).unwrap_or_default();
    // Every string in the diff is redacted already; this also covers `base` and `head`.
    // Masking only replaces characters inside strings (no number in the report has the
    // nine digits of a phone number), so the JSON stays valid.
    format!("{}\n", redact(&text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::diff::testing::{self, Pair};
    use crate::history::diff::{KINDS, kind_key};

    #[test]
    fn snapshots_of_a_rich_change() {
        let diff = testing::rich().diff();
        insta::assert_snapshot!("rich_text", text(&diff, false));
        insta::assert_snapshot!("rich_markdown", markdown(&diff, "Plan changes"));
        insta::assert_snapshot!("rich_json", json(&diff, "main", "feature"));
    }

    #[test]
    fn the_summary_counts_by_kind() {
        let diff = testing::rich().diff();
        let line = summary(&diff);
        assert!(line.starts_with("plan settings changed, 1 organisation added, 1 organisation changed, 1 person added, 3 people changed, 1 membership removed"), "{line}");
        assert!(
            line.ends_with("1 response added, 4 findings introduced"),
            "{line}"
        );
        assert!(markdown(&diff, "Plan").starts_with(&format!("**Plan**: {line}\n")));
    }

    #[test]
    fn an_unchanged_plan_says_so() {
        let diff = Pair::new().diff();
        assert_eq!(summary(&diff), "No change to the plan.");
        assert_eq!(text(&diff, true), "No change to the plan.\n");
        assert_eq!(
            markdown(&diff, "Plan"),
            "**Plan**: No change to the plan.\n"
        );
        let value: serde_json::Value = serde_json::from_str(&json(&diff, "a", "b")).expect("JSON");
        assert_eq!(value["summary"], "No change to the plan.");
        assert_eq!(value["changes"]["people"], serde_json::json!([]));
    }

    #[test]
    fn no_report_shows_private_values() {
        let pair = testing::rich();
        pair.edit(
            "people.toml",
            "name = \"Úrsula\"\npublic = true",
            "name = \"Úrsula\"\nemail = \"u1@example.org\"\nphone = \"93 123 45 67\"",
        )
        .edit(
            "people.toml",
            "name = \"Gemma P. Pública\"\npublic = true",
            "name = \"Gemma Secreta\"",
        );
        let diff = pair.diff();
        let outputs = [
            text(&diff, false),
            text(&diff, true),
            markdown(&diff, "Plan"),
            json(&diff, "base", "head"),
        ];
        for output in &outputs {
            for secret in [
                "@example.org",
                "600 123",
                "93 123",
                "Carles",
                "Secreta",
                "Úrsula",
            ] {
                assert!(!output.contains(secret), "`{secret}` shows in:\n{output}");
            }
            assert!(crate::privacy::find(output).is_empty(), "{output}");
        }
        assert!(
            outputs[0].contains("~ g2 email: changed (private)"),
            "{}",
            outputs[0]
        );
        assert!(
            outputs[0].contains("~ g1 name: Gemma Pública → (private)"),
            "{}",
            outputs[0]
        );
        assert!(
            outputs[2].contains("| `g2` | phone | (private) | — |"),
            "{}",
            outputs[2]
        );
    }

    #[test]
    fn colours_only_when_asked() {
        let diff = testing::rich().diff();
        let plain = text(&diff, false);
        assert!(!plain.contains('\x1b'));
        let coloured = text(&diff, true);
        assert!(coloured.contains("\x1b[32m  + universitat"), "{coloured}");
        assert!(coloured.contains("\x1b[31m  - motor/c2"), "{coloured}");
        assert!(coloured.contains("\x1b[33m  ~ consell name"), "{coloured}");
    }

    #[test]
    fn markdown_cells_and_fences_hold() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(fence(&["+```rust".to_string()]), "````");
        let diff = testing::rich().diff();
        let comment = markdown(&diff, "Plan");
        assert!(
            comment.contains("| `plan` | axis participacio | — | Participació \\| ciutadana |"),
            "{comment}"
        );
        assert!(
            comment.contains("```diff\n+Ni tan sols els pressupostos.\n```"),
            "{comment}"
        );
        let findings = comment
            .find("### Findings introduced")
            .expect("a findings section");
        assert!(
            comment[findings..].matches("### ").count() == 1,
            "the findings come last"
        );
    }

    #[test]
    fn json_is_deterministic_and_complete() {
        let diff = testing::rich().diff();
        let once = json(&diff, "main", "feature");
        assert_eq!(once, json(&testing::rich().diff(), "main", "feature"));
        let value: serde_json::Value = serde_json::from_str(&once).expect("JSON");
        assert_eq!(value["format"], 1);
        let kinds: Vec<_> = value["changes"]
            .as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect();
        let mut expected: Vec<_> = KINDS.iter().map(|k| kind_key(*k).to_string()).collect();
        expected.sort();
        assert_eq!(kinds, expected);
        assert_eq!(
            value["findings"]["introduced"][3]["rule"],
            "steering-group-balance"
        );
        assert_eq!(
            value["balance"][1]["summary"],
            "motor: civil society 2 → 1 of 2"
        );
    }
}
