//! A plan diff as text for a terminal, as a Markdown pull-request comment, or as JSON.
//!
//! The JSON shape (`format` 1) is:
//!
//! ```text
//! {
//!   "format": 1,
//!   "base": "<revision>", "head": "<revision>",
//!   "summary": "3 people added, 1 commitment changed, 1 finding introduced",
//!   "headline": "2 members joined Grup motor; milestone 3.2 «Portal» slipped 3 months; …",
//!   "balance": [ { "space", "before": Sides, "after": Sides, "wanted": Sides | null, "summary" } ],
//!   "changes": {
//!     "plan": [Change], "organisations": [Change], "people": [Change], "spaces": [Change],
//!     "memberships": [Change], "meetings": [Change], "phases": [Change],
//!     "commitments": [Change], "contributions": [Change], "responses": [Change]
//!   },
//!   "findings": { "introduced": [Finding], "resolved": [Finding] }
//! }
//! Sides   = { "government": n, "civil_society": n, "unknown": n }
//! Change  = { "key", "change": "added" | "removed" | "changed", "name": string | null,
//!             "file": string | null, "line": n | null, "summary": string | null,
//!             "fields": [Field] }
//! Field   = { "field", "change", "before": string | null, "after": string | null,
//!             "private": bool, "note": string | null, "days": n | null,
//!             "diff": [string], "words": [[Piece]] }
//! Piece   = { "same": string } | { "removed": string } | { "added": string }
//! Finding = { "rule", "severity": "error" | "warn", "file", "line", "message" }
//! ```
//!
//! `name` is the entry as the document names it; `file` and `line` are where it is written
//! in the plan that has it. For prose, `diff` holds every changed line and `words` the same
//! lines cut into runs of words kept, removed and added.
//!
//! Every kind is present even when empty; entries are sorted by key, fields are in the
//! format's order, findings by file, line and rule. A private field has `private: true` and
//! `null` for every value it withholds.
//!
//! No report ever shows an e-mail address or a phone number: the diff holds none, and each
//! report passes its whole output through [`redact`] once more.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde::Serialize;

use super::diff::{
    Balance, Change, ChangeKind, Changes, Field, Finding, Piece, PlanDiff, SPACING_ONLY,
    kind_count, kind_title,
};
use crate::model::EntryKind;
use crate::privacy::redact;
use crate::render::cmark::{escape_plain, link_destination};
use crate::terminal::printable;

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

/// At most this many events open a review's headline; the rest are counted.
const HEADLINE_EVENTS: usize = 5;

/// What the change does, in a few sentences a reviewer reads first: members who joined
/// or left a space, milestones that slipped or came forward, commitments added or
/// removed, contributions answered, new findings by rule; then the other changes counted
/// by kind (`2 members joined Grup motor; milestone 3.2 «Portal» slipped 3 months; 1 new
/// finding: steering-group-balance`).
pub fn headline(diff: &PlanDiff) -> String {
    if diff.is_empty() {
        return NO_CHANGE.to_string();
    }
    let mut events: Vec<String> = Vec::new();
    // Told as events, so not counted again below.
    let mut told: BTreeSet<(EntryKind, &str)> = BTreeSet::new();

    // Memberships, by space and event: "2 members joined Grup motor".
    let mut by_space: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for change in &diff.changes.memberships {
        let summary = change.summary.as_deref().unwrap_or("");
        let event = match change.change {
            ChangeKind::Added if summary.starts_with("came back") => "came back to",
            ChangeKind::Added if summary.starts_with("listed as a past") => continue,
            ChangeKind::Added => "joined",
            ChangeKind::Removed => "taken off the list of",
            ChangeKind::Changed if summary.starts_with("left on") => "left",
            ChangeKind::Changed if summary.starts_with("came back") => "came back to",
            ChangeKind::Changed => continue,
        };
        let space = change
            .name
            .as_deref()
            .and_then(|name| name.rsplit_once(" in ").map(|(_, space)| space))
            .unwrap_or_else(|| change.key.split('/').next().unwrap_or(""));
        *by_space.entry((space, event)).or_default() += 1;
        told.insert((EntryKind::Member, change.key.as_str()));
    }
    for ((space, event), n) in by_space {
        let who = crate::rules::count_noun(n, "member", "members");
        let event = match (event, n) {
            ("taken off the list of", 1) => "was taken off the list of",
            ("taken off the list of", _) => "were taken off the list of",
            (event, _) => event,
        };
        events.push(format!("{who} {event} {space}"));
    }

    // Milestones added or removed, and those whose due date moved: "milestone 1.1
    // «Diagnosi» slipped 3 months". A commitment whose every change is told so is told.
    for change in &diff.changes.commitments {
        let mut all_told = !change.fields.is_empty();
        for field in &change.fields {
            match milestone_event(field) {
                Some(event) => events.push(event),
                None => all_told = false,
            }
        }
        if all_told {
            told.insert((EntryKind::Commitment, change.key.as_str()));
        }
        if change.change != ChangeKind::Changed {
            let name = change.name.as_deref().unwrap_or(&change.key);
            events.push(format!("{name} {}", change.change.as_str()));
            told.insert((EntryKind::Commitment, change.key.as_str()));
        }
    }

    // Responses: "3 contributions answered".
    let answered: Vec<&Change> = diff
        .changes
        .responses
        .iter()
        .filter(|c| c.change == ChangeKind::Added)
        .collect();
    if !answered.is_empty() {
        let n = crate::rules::count_noun(answered.len(), "contribution", "contributions");
        events.push(format!("{n} answered"));
        told.extend(
            answered
                .iter()
                .map(|c| (EntryKind::Response, c.key.as_str())),
        );
    }

    // Findings, by rule: "1 new finding: steering-group-balance".
    for (list, new) in [
        (&diff.findings_introduced, true),
        (&diff.findings_resolved, false),
    ] {
        if list.is_empty() {
            continue;
        }
        let rules: BTreeSet<&str> = list.iter().map(|f| f.rule.as_str()).collect();
        let rules = rules.into_iter().collect::<Vec<_>>().join(", ");
        let noun = if list.len() == 1 {
            "finding"
        } else {
            "findings"
        };
        events.push(if new {
            format!("{} new {noun}: {rules}", list.len())
        } else {
            format!("{} {noun} resolved: {rules}", list.len())
        });
    }

    // The other changes, counted: the summary line under the headline details them.
    let others: usize = diff
        .changes
        .by_kind()
        .map(|(kind, changes)| {
            changes
                .iter()
                .filter(|c| !told.contains(&(kind, c.key.as_str())))
                .count()
        })
        .sum();
    if events.is_empty() {
        return summary(diff);
    }
    let mut parts: Vec<String> = Vec::new();
    let shown = events.len().min(HEADLINE_EVENTS);
    let more = events.len() - shown;
    parts.extend(events.drain(..shown));
    let rest = match (more, others) {
        (0, 0) => None,
        (0, n) => Some(crate::rules::count_noun(n, "other change", "other changes")),
        (m, 0) => Some(crate::rules::count_noun(m, "other event", "other events")),
        (m, n) => Some(format!(
            "{} and {}",
            crate::rules::count_noun(m, "other event", "other events"),
            crate::rules::count_noun(n, "other change", "other changes")
        )),
    };
    let mut line = parts.join("; ");
    if let Some(rest) = rest {
        line.push_str("; and ");
        line.push_str(&rest);
    }
    line
}

/// A milestone's change as an event, when it is one: added, removed, or its due date moved.
fn milestone_event(field: &Field) -> Option<String> {
    let subject = field.field.strip_prefix("milestone ")?;
    if let Some(subject) = subject.strip_suffix(" due") {
        let days = field.days.filter(|&days| days != 0)?;
        let how = if days > 0 { "slipped" } else { "came forward" };
        return Some(format!(
            "milestone {subject} {how} {}",
            duration(days.unsigned_abs())
        ));
    }
    // `milestone 1.2`, its number only: the whole milestone came or went; its value is
    // `«title» (due DATE)`.
    if !subject
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '?')
    {
        return None;
    }
    let (value, how) = match field.change {
        ChangeKind::Added => (field.after.as_deref()?, "added"),
        ChangeKind::Removed => (field.before.as_deref()?, "removed"),
        ChangeKind::Changed => return None,
    };
    let title = value.rsplit_once(" (").map_or(value, |(title, _)| title);
    Some(format!("milestone {subject} {title} {how}").replace("  ", " "))
}

/// A number of days as a reviewer would say it: days, then weeks, months, years.
fn duration(days: u64) -> String {
    let (n, one, many) = match days {
        0..14 => (days, "day", "days"),
        14..60 => ((days + 3) / 7, "week", "weeks"),
        60..730 => ((days * 100 + 1522) / 3044, "month", "months"),
        _ => ((days * 100 + 18262) / 36525, "year", "years"),
    };
    crate::rules::count_noun(usize::try_from(n).unwrap_or(usize::MAX), one, many)
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

/// How a report shows a diff, beyond the diff itself.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Colour for a terminal (text only).
    pub color: bool,
    /// Every changed line of prose, not only the first [`PROSE_LINES`].
    pub full: bool,
    /// The web address of the plan folder at the head revision
    /// (`https://github.com/o/r/blob/SHA/plan`): entries link to their file and line.
    pub files_url: Option<String>,
}

/// How many changed lines of prose a report shows of each text, unless `full`.
pub const PROSE_LINES: usize = 6;

/// A changed entry's first line: its key and, when the plan names it otherwise, the
/// document's name for it.
fn entry_title(change: &Change) -> String {
    match &change.name {
        Some(name) if *name != change.key => format!("{} · {name}", change.key),
        _ => change.key.clone(),
    }
}

/// The changed lines of a prose field that a report shows, and how many it leaves out.
fn shown_lines<T>(lines: &[T], full: bool) -> (&[T], usize) {
    if full || lines.len() <= PROSE_LINES {
        (lines, 0)
    } else {
        (&lines[..PROSE_LINES], lines.len() - PROSE_LINES)
    }
}

fn more_lines(n: usize) -> String {
    let lines = if n == 1 { "line" } else { "lines" };
    format!("… {n} more changed {lines} (--full shows all)")
}

/// The diff for a terminal: a line per changed entry, `+`/`-`/`~` first (green, red,
/// yellow with `color`), named as the document names it, with what happened to it; under
/// it the fields that no event already told, and prose word by word, `[-removed-]` and
/// `{+added+}` as `git diff --word-diff` marks them.
pub fn text(diff: &PlanDiff, options: &Options) -> String {
    if diff.is_empty() {
        return format!("{NO_CHANGE}\n");
    }
    let color = options.color;
    // Plan text may hold what a terminal would obey: it is made visible before any colour
    // of obert's own is added.
    let paint = |change: ChangeKind, line: String| {
        let line = printable(&line);
        if !color {
            return line.into_owned();
        }
        format!("\x1b[{}m{line}\x1b[0m", colour_code(change))
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
            let summary = change
                .summary
                .as_deref()
                .map_or(String::new(), |s| format!(": {s}"));
            let line = format!(
                "  {} {}{summary}",
                change.change.sign(),
                entry_title(change)
            );
            let _ = writeln!(out, "{}", paint(change.change, line));
            for field in &change.fields {
                if field.is_prose() {
                    let line = format!("      {}: {}", field.field, field.change.as_str());
                    let _ = writeln!(out, "{}", paint(field.change, line));
                    prose_text(&mut out, field, options);
                } else {
                    let line = format!("      {}: {}", field.field, field_change(field));
                    let _ = writeln!(out, "{}", paint(field.change, line));
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

fn colour_code(change: ChangeKind) -> &'static str {
    match change {
        ChangeKind::Added => "32",
        ChangeKind::Removed => "31",
        ChangeKind::Changed => "33",
    }
}

/// A prose field's changed lines, word by word, for a terminal.
fn prose_text(out: &mut String, field: &Field, options: &Options) {
    if field.words.is_empty() {
        let _ = writeln!(out, "        {SPACING_ONLY}");
        return;
    }
    let (lines, left) = shown_lines(&field.words, options.full);
    for line in lines {
        let mut text = String::from("        ");
        for piece in line {
            let words = printable(piece.text());
            match (piece, options.color) {
                (Piece::Same(_), _) => text.push_str(&words),
                (Piece::Removed(_), false) => {
                    let _ = write!(text, "[-{words}-]");
                }
                (Piece::Added(_), false) => {
                    let _ = write!(text, "{{+{words}+}}");
                }
                (Piece::Removed(_), true) => {
                    let _ = write!(text, "\x1b[31;9m{words}\x1b[0m");
                }
                (Piece::Added(_), true) => {
                    let _ = write!(text, "\x1b[32;4m{words}\x1b[0m");
                }
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    }
    if left > 0 {
        let _ = writeln!(out, "        {}", more_lines(left));
    }
}

/// Plan text in running Markdown or in a table cell: escaped, so that it can only be text
/// (`escape_plain` escapes `|` too), on one line, so that no line break ends a cell early.
fn plain(text: &str) -> String {
    escape_plain(text).replace(['\r', '\n'], " ")
}

/// More entries of a kind than a review comment shows open: the rest fold under
/// `<details>`.
const OPEN_ENTRIES: usize = 10;

/// The diff as a pull-request review: a headline of what happened, in sentences, then a
/// section per kind of entry, each entry named as the document names it (linked to its
/// file and line when `files_url` is known), events in one line, the other fields in a
/// table, prose word by word (~~removed~~, **added**), long sections folded, the findings
/// last.
pub fn markdown(diff: &PlanDiff, title: &str, options: &Options) -> String {
    let mut out = format!("**{}**: {}\n", plain(title.trim()), plain(&headline(diff)));
    if diff.is_empty() {
        return redact(&out).into_owned();
    }
    let _ = writeln!(out, "\n<sub>{}</sub>", plain(&summary(diff)));
    if !diff.balance.is_empty() {
        out.push_str("\n### Balance\n\n");
        for balance in &diff.balance {
            let _ = writeln!(out, "- {}", plain(&balance.summary));
        }
    }
    for (kind, changes) in diff.changes.by_kind().filter(|(_, c)| !c.is_empty()) {
        let _ = writeln!(out, "\n### {}\n", kind_title(kind));
        let folded = changes.len() > OPEN_ENTRIES;
        if folded {
            let _ = writeln!(
                out,
                "<details><summary>{}</summary>\n",
                kind_count(kind, changes.len())
            );
        }
        markdown_kind(&mut out, changes, options);
        if folded {
            out.push_str("\n</details>\n");
        }
    }
    for (title, _, list) in findings(diff) {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {title}\n");
        for f in list {
            let place = format!("{}:{}", f.file, f.line);
            let code = format!("`{place}`");
            let place = match &options.files_url {
                Some(url) => file_link(&code, url, &f.file, f.line),
                None => code,
            };
            let _ = writeln!(
                out,
                "- **{}** `{}` in {place}: {}",
                f.severity,
                f.rule,
                plain(&f.message)
            );
        }
    }
    redact(&out).into_owned()
}

/// `text` (Markdown already) linked to `file` at `line` under `files_url`, GitHub's and
/// GitLab's way; only `text` when `files_url` is not a web address obert links to.
fn file_link(text: &str, files_url: &str, file: &str, line: usize) -> String {
    let url = format!("{}/{file}#L{line}", files_url.trim_end_matches('/'));
    match link_destination(&url) {
        Some(destination) => format!("[{text}]({destination})"),
        None => text.to_string(),
    }
}

/// The key of an entry as inline code, linked to where it is written when that is known.
fn markdown_key(change: &Change, options: &Options) -> String {
    let code = format!("`{}`", change.key.replace('`', "'"));
    match (&options.files_url, &change.file, change.line) {
        (Some(url), Some(file), Some(line)) => file_link(&code, url, file, line),
        _ => code,
    }
}

fn markdown_kind(out: &mut String, changes: &[Change], options: &Options) {
    // A changed entry with neither a name nor an event (the plan's settings) is only in the
    // table below.
    let listed = |change: &&Change| {
        change.change != ChangeKind::Changed || change.summary.is_some() || change.name.is_some()
    };
    for change in changes.iter().filter(listed) {
        let name = match &change.name {
            Some(name) if *name != change.key => format!(" {}", plain(name)),
            _ => String::new(),
        };
        let summary = change
            .summary
            .as_deref()
            .map_or(String::new(), |s| format!(": {}", plain(s)));
        let _ = writeln!(
            out,
            "- {} {}{name}{summary}",
            change.change.as_str(),
            markdown_key(change, options),
        );
    }
    let rows: Vec<(&Change, &Field)> = changes
        .iter()
        .flat_map(|c| c.fields.iter().map(move |f| (c, f)))
        .collect();
    let table: Vec<_> = rows.iter().filter(|(_, f)| !f.is_prose()).collect();
    if !table.is_empty() {
        if changes.iter().any(|c| listed(&c)) {
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
                "| {} | {} | {} | {} |",
                markdown_key(change, options),
                plain(&field.field),
                plain(&value(field, false)),
                plain(&after)
            );
        }
    }
    for (change, field) in rows.iter().filter(|(_, f)| f.is_prose()) {
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{} {} ({}):\n",
            markdown_key(change, options),
            plain(&field.field),
            field.change.as_str(),
        );
        prose_markdown(out, field, options);
    }
}

/// A prose field's changed lines as a Markdown list, removed words struck through and
/// added words in bold; the plan's text escaped in each run.
fn prose_markdown(out: &mut String, field: &Field, options: &Options) {
    if field.words.is_empty() {
        let _ = writeln!(out, "- {SPACING_ONLY}");
        return;
    }
    let (lines, left) = shown_lines(&field.words, options.full);
    for line in lines {
        let mut text = String::new();
        for piece in line {
            // Emphasis markers must touch a word: spaces at a run's edges stay outside.
            let words = piece.text();
            let core = words.trim();
            let (lead, trail) = (
                &words[..words.len() - words.trim_start().len()],
                &words[words.trim_end().len()..],
            );
            match piece {
                Piece::Same(_) => text.push_str(&plain(words)),
                _ if core.is_empty() => text.push_str(words),
                Piece::Removed(_) => {
                    let _ = write!(text, "{lead}~~{}~~{trail}", plain(core));
                }
                Piece::Added(_) => {
                    let _ = write!(text, "{lead}**{}**{trail}", plain(core));
                }
            }
        }
        let _ = writeln!(out, "- {}", text.trim());
    }
    if left > 0 {
        let _ = writeln!(out, "- {}", more_lines(left));
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
        headline: String,
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
        headline: headline(diff),
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

    fn coloured() -> Options {
        Options {
            color: true,
            ..Options::default()
        }
    }

    #[test]
    fn snapshots_of_a_rich_change() {
        let diff = testing::rich().diff();
        insta::assert_snapshot!("rich_text", text(&diff, &Options::default()));
        insta::assert_snapshot!(
            "rich_markdown",
            markdown(&diff, "Plan changes", &Options::default())
        );
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
        let comment = markdown(&diff, "Plan", &Options::default());
        assert!(
            comment.starts_with(&format!("**Plan**: {}\n", plain(&headline(&diff)))),
            "{comment}"
        );
        assert!(
            comment.contains(&format!("<sub>{}</sub>", plain(&line))),
            "{comment}"
        );
    }

    #[test]
    fn an_unchanged_plan_says_so() {
        let diff = Pair::new().diff();
        assert_eq!(summary(&diff), "No change to the plan.");
        assert_eq!(text(&diff, &coloured()), "No change to the plan.\n");
        assert_eq!(
            markdown(&diff, "Plan", &Options::default()),
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
            text(&diff, &Options::default()),
            text(&diff, &coloured()),
            markdown(&diff, "Plan", &Options::default()),
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
            outputs[0].contains(
                "  ~ g2 · Consell Comarcal representative\n      email: changed (private)\n"
            ),
            "{}",
            outputs[0]
        );
        assert!(
            outputs[0].contains("  ~ g1 · Ajuntament de Prova representative\n      name: Gemma Pública → (private)\n"),
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
        let plain = text(&diff, &Options::default());
        assert!(!plain.contains('\x1b'));
        let coloured = text(&diff, &coloured());
        assert!(coloured.contains("\x1b[32m  + universitat"), "{coloured}");
        assert!(coloured.contains("\x1b[31m  - motor/c2"), "{coloured}");
        assert!(
            coloured.contains("\x1b[33m  ~ consell · Consell Comarcal\x1b[0m\n"),
            "{coloured}"
        );
        assert!(
            coloured.contains("\x1b[33m      name: Consell Comarcal de Prova → Consell Comarcal"),
            "{coloured}"
        );
    }

    #[test]
    fn markdown_cells_and_fences_hold() {
        assert_eq!(plain("a | b\nc"), "a \\| b c");
        let diff = testing::rich().diff();
        let comment = markdown(&diff, "Plan", &Options::default());
        assert!(
            comment.contains("| `plan` | axis participacio | — | Participació \\| ciutadana |"),
            "{comment}"
        );
        assert!(
            comment.contains("\n- **Ni tan sols els pressupostos.**\n"),
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
            "Grup motor: civil society 2 → 1 (the plan asks for 2)"
        );
    }
}
