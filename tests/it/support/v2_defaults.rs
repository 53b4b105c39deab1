//! A version 1 plan with version 2's defaults written out: what a plan says when it states
//! `counts = true`, `balance = "exact"`, `serves-as = []`, `co-lead = []`, a space's own
//! `[rules.<kind>]` that changes no number, and `allow = {}`, rather than leaving them out.
//! Writing them out must change nothing a user sees but the line numbers below them, so the
//! edit also says where each old line went.

use std::collections::BTreeMap;

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, value};

use super::TempPlan;

/// Which of version 2's defaults to write out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct V2Defaults {
    /// `counts = true` in every `[[member]]`.
    pub counts: bool,
    /// `balance = "exact"` in plan.toml's `[rules.steering-group]` (made if it is missing).
    pub balance: bool,
    /// `serves-as = []` at the top of every space file.
    pub serves_as: bool,
    /// `co-lead = []` in every commitment's front matter.
    pub co_lead: bool,
    /// A space's own `[rules.<kind>]` for its kind, which sets no number of its own (so it
    /// keeps the plan's), or in a steering group only `balance = "exact"` (the plan's when
    /// the plan leaves it out).
    pub space_rules: bool,
    /// `allow = {}`, no exception, at the top of every file and in every entry.
    pub no_exceptions: bool,
}

impl V2Defaults {
    pub(crate) const ALL: V2Defaults = V2Defaults {
        counts: true,
        balance: true,
        serves_as: true,
        co_lead: true,
        space_rules: true,
        no_exceptions: true,
    };
}

/// Where each line of the files that gained lines went, by path inside the plan (lines
/// count from 1, as in obert's output).
#[derive(Debug, Default)]
pub(crate) struct LineMoves {
    moved: BTreeMap<String, Moved>,
}

/// One file's lines: `lines[old - 1]` is the line that old line `old` is on now, and
/// `added` how many lines the file gained.
#[derive(Debug)]
struct Moved {
    lines: Vec<u64>,
    added: u64,
}

impl LineMoves {
    /// The line that line `line` of `file` (a path inside the plan) is on now. A line past
    /// the end, where a position just after a file's last character may be, moves by every
    /// line added.
    pub(crate) fn line(&self, file: &str, line: u64) -> u64 {
        let Some(moved) = self.moved.get(file) else {
            return line;
        };
        let index = usize::try_from(line).expect("a line number fits") - 1;
        moved
            .lines
            .get(index)
            .copied()
            .unwrap_or(line + moved.added)
    }

    /// `text` with every `FILE:LINE` (a message's reference to another place, as in "the
    /// first is at people.toml:15") pointing where that line is now.
    pub(crate) fn text(&self, text: &str) -> String {
        let mut out = text.to_string();
        for file in self.moved.keys() {
            let marker = format!("{file}:");
            let mut result = String::new();
            let mut rest = out.as_str();
            while let Some(at) = rest.find(&marker) {
                let after = at + marker.len();
                let digits = rest[after..]
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len() - after);
                result.push_str(&rest[..after]);
                if digits == 0 {
                    rest = &rest[after..];
                    continue;
                }
                let line: u64 = rest[after..after + digits].parse().expect("digits");
                result.push_str(&self.line(file, line).to_string());
                rest = &rest[after + digits..];
            }
            result.push_str(rest);
            out = result;
        }
        out
    }

    /// Records where the lines of `before` went in `after`, which may only add lines: a
    /// line that changed would show as one removed, and then a finding on it could point
    /// elsewhere for a reason other than the defaults.
    fn record(&mut self, file: &str, before: &str, after: &str) {
        if before == after {
            return;
        }
        let diff = similar::TextDiff::from_lines(before, after);
        let mut lines = Vec::new();
        let mut added = 0;
        for change in diff.iter_all_changes() {
            match change.tag() {
                similar::ChangeTag::Equal => lines.push(
                    u64::try_from(
                        change
                            .new_index()
                            .expect("an equal line is in the new text"),
                    )
                    .expect("a line number fits")
                        + 1,
                ),
                similar::ChangeTag::Insert => added += 1,
                similar::ChangeTag::Delete => panic!(
                    "writing the defaults into {file} removed or rewrote `{}`",
                    change.value().trim_end()
                ),
            }
        }
        self.moved.insert(file.to_string(), Moved { lines, added });
    }
}

/// A commitment file split at its front matter: the opening `+++` line, the TOML, and the
/// rest from the closing `+++` line on. `None` when the file has no front matter.
pub(crate) fn split_front_matter(text: &str) -> Option<(&str, &str, &str)> {
    let opening = if text.starts_with("+++\r\n") {
        5
    } else if text.starts_with("+++\n") {
        4
    } else {
        return None;
    };
    let mut at = opening;
    for line in text[opening..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((&text[..opening], &text[opening..at], &text[at..]));
        }
        at += line.len();
    }
    None
}

/// Parses `text` as TOML that keeps its layout; `file` names it in a failure.
pub(crate) fn parse(file: &str, text: &str) -> DocumentMut {
    text.parse()
        .unwrap_or_else(|e| panic!("{file} is not TOML: {e}\n{text}"))
}

/// The plan's files under `folder` whose names end in `ending`, as paths inside the plan,
/// in name order.
pub(crate) fn files_in(plan: &TempPlan, folder: &str, ending: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(plan.path(folder)) else {
        return Vec::new();
    };
    let mut files: Vec<String> = entries
        .map(|entry| entry.expect("a folder entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(ending))
        .map(|name| format!("{folder}/{name}"))
        .collect();
    files.sort();
    files
}

/// The commitment files (not their translations, `<id>.<lang>.md`, which have no front
/// matter), as paths inside the plan, in name order.
pub(crate) fn commitment_files(plan: &TempPlan) -> Vec<String> {
    files_in(plan, "commitments", ".md")
        .into_iter()
        .filter(|path| {
            let name = path.trim_start_matches("commitments/");
            !name.trim_end_matches(".md").contains('.')
        })
        .collect()
}

/// `[rules.<kind>]` in `doc` (plan.toml's, or a space's own), made if it is missing; a
/// `[rules]` made here stays implicit, so that no `[rules]` line is added.
fn rules_for<'a>(doc: &'a mut DocumentMut, kind: &str) -> &'a mut Table {
    let rules = doc
        .as_table_mut()
        .entry("rules")
        .or_insert_with(|| {
            let mut table = Table::new();
            table.set_implicit(true);
            Item::Table(table)
        })
        .as_table_mut()
        .expect("`rules` is a table");
    rules
        .entry(kind)
        .or_insert_with(|| Item::Table(Table::new()))
        .as_table_mut()
        .expect("a `[rules.<kind>]` table")
}

/// `balance = "exact"` in `doc`'s `[rules.steering-group]`.
fn exact_balance(doc: &mut DocumentMut) {
    let steering = rules_for(doc, "steering-group");
    if !steering.contains_key("balance") {
        steering.insert("balance", value("exact"));
    }
}

/// `allow = {}` in `table`, and in each entry of its arrays of tables and in a
/// contribution's `[contribution.response]` (the other tables, such as `[rules]`, are no
/// entries and take no `allow`).
fn no_exceptions(table: &mut Table) {
    if !table.contains_key("allow") {
        table.insert("allow", value(InlineTable::new()));
    }
    for (key, item) in table.iter_mut() {
        if let Some(entries) = item.as_array_of_tables_mut() {
            for entry in entries.iter_mut() {
                no_exceptions(entry);
            }
        } else if key == "response"
            && let Some(response) = item.as_table_mut()
        {
            no_exceptions(response);
        }
    }
}

/// Writes `defaults` into the plan's files, and says where their lines went.
pub(crate) fn write_v2_defaults(plan: &TempPlan, defaults: V2Defaults) -> LineMoves {
    let mut moves = LineMoves::default();
    let mut rewrite = |file: &str, edit: &dyn Fn(&mut DocumentMut)| {
        let before = plan.read(file);
        let after = match split_front_matter(&before) {
            Some((opening, front, rest)) if file.ends_with(".md") => {
                let mut doc = parse(file, front);
                edit(&mut doc);
                format!("{opening}{doc}{rest}")
            }
            _ => {
                let mut doc = parse(file, &before);
                edit(&mut doc);
                doc.to_string()
            }
        };
        moves.record(file, &before, &after);
        plan.write(file, after);
    };
    let exceptions = |doc: &mut DocumentMut| {
        if defaults.no_exceptions {
            no_exceptions(doc.as_table_mut());
        }
    };

    rewrite("plan.toml", &|doc| {
        if defaults.balance {
            exact_balance(doc);
        }
        exceptions(doc);
    });
    for file in ["organisations.toml", "people.toml"] {
        if plan.path(file).exists() {
            rewrite(file, &exceptions);
        }
    }
    for file in files_in(plan, "contributions", ".toml") {
        rewrite(&file, &exceptions);
    }

    for file in files_in(plan, "spaces", ".toml") {
        rewrite(&file, &|doc| {
            exceptions(doc);
            let members = doc.get_mut("member").and_then(Item::as_array_of_tables_mut);
            if defaults.counts
                && let Some(members) = members
            {
                for member in members.iter_mut() {
                    if !member.contains_key("counts") {
                        member.insert("counts", value(true));
                    }
                }
            }
            if defaults.serves_as && !doc.contains_key("serves-as") {
                doc.insert("serves-as", value(Array::new()));
            }
            if defaults.space_rules {
                let kind = doc.get("kind").and_then(Item::as_str).map(str::to_string);
                match kind.as_deref() {
                    Some("steering-group") => exact_balance(doc),
                    Some(kind @ ("forum" | "working-group")) => {
                        rules_for(doc, kind);
                    }
                    _ => {}
                }
            }
        });
    }

    for file in commitment_files(plan) {
        rewrite(&file, &|doc| {
            exceptions(doc);
            if defaults.co_lead && !doc.contains_key("co-lead") {
                doc.insert("co-lead", value(Array::new()));
            }
        });
    }
    moves
}
