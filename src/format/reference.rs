//! Text generated from the format's declarations: the key tables of docs/format.md and the
//! commented files of the blank skeleton that `obert init --blank` writes. Tests keep both
//! equal to what these functions produce (`OBERT_BLESS=1` rewrites them), so a new key shows
//! up in the docs and the skeleton without anyone writing it there.

use std::fmt::Write as _;

use super::{FileKind, Key, Need, Set, Table, Ty, tables};
use crate::rules::capitalise;

/// Where a generated table starts in docs/format.md: the marker names the table.
const START: &str = "<!-- keys of ";
const END: &str = "<!-- end of keys -->";

/// docs/format.md with every generated key table rewritten from the declarations. A
/// marker `<!-- keys of NAME -->` (NAME as [`Table::name`]) starts each table and
/// `<!-- end of keys -->` ends it; the text around them is the authors'.
pub fn format_md(current: &str) -> String {
    let mut out = String::with_capacity(current.len());
    let mut rest = current;
    while let Some(start) = rest.find(START) {
        out.push_str(&rest[..start]);
        let after = &rest[start + START.len()..];
        let Some(name_end) = after.find(" -->") else {
            break;
        };
        let name = &after[..name_end];
        let Some(end) = after.find(END) else {
            break;
        };
        match tables().into_iter().find(|table| table.name == name) {
            Some(table) => {
                let _ = writeln!(
                    out,
                    "{START}{name} -->\n<!-- Generated from src/format; `OBERT_BLESS=1 cargo test --test it docs::` rewrites it. -->"
                );
                out.push_str(&key_table(table));
            }
            // A marker for a table that no longer exists stays visible, empty, so that
            // the test that every marker names a table fails on it.
            None => {
                let _ = writeln!(out, "{START}{name} -->");
            }
        }
        out.push_str(END);
        rest = &after[end + END.len()..];
    }
    out.push_str(rest);
    out
}

/// The names of the tables docs/format.md has a generated table for.
pub fn documented_tables(format_md: &str) -> Vec<&str> {
    format_md
        .match_indices(START)
        .filter_map(|(at, _)| {
            let after = &format_md[at + START.len()..];
            after.find(" -->").map(|end| &after[..end])
        })
        .collect()
}

/// One table's keys as a Markdown table.
pub fn key_table(table: &Table) -> String {
    let mut out =
        String::from("| key | type | required | default | meaning |\n|---|---|---|---|---|\n");
    for key in table.keys {
        let need = match key.need {
            Need::Required => "required".to_string(),
            Need::Optional => "optional".to_string(),
            Need::Rule(rule) => format!("rule: `{}`", rule.name),
        };
        let default = key.default.map_or(String::new(), |default| match default {
            super::Fallback::Note(words) => words.to_string(),
            other => format!("`{}`", other.toml()),
        });
        let mut meaning = key.doc.to_string();
        match key.set {
            Set::Yes | Set::No(_) => {}
            Set::Via(command) => {
                let _ = write!(meaning, "; set with `{command}`");
            }
        }
        let _ = writeln!(
            out,
            "| `{}` | {} | {need} | {default} | {} |",
            key.name,
            cell(&key.ty.describe()),
            cell(&meaning)
        );
    }
    out
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The commented file that `obert init --blank` writes for `kind`, or `None` for a kind of
/// file the skeleton does not hold (spaces, commitments and contributions are made by
/// commands, each from its own declaration).
pub fn skeleton(kind: FileKind) -> Option<String> {
    match kind {
        FileKind::Plan => Some(plan_skeleton()),
        FileKind::Organisations | FileKind::People => Some(entries_skeleton(kind.root())),
        _ => None,
    }
}

/// A comment of `text`, wrapped at 92 columns, each line after `prefix`.
fn comment(out: &mut String, prefix: &str, text: &str) {
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && prefix.len() + line.len() + 1 + word.len() > 92 {
            let _ = writeln!(out, "{prefix}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{prefix}{line}");
    }
}

fn sentence(doc: &str) -> String {
    format!("{doc}.")
}

/// Key lines `# key = example`, each with its doc: after it, aligned with the others,
/// when the line stays short, or else on the lines above it.
fn commented_keys(out: &mut String, keys: &[&Key], value: impl Fn(&Key) -> String) {
    const WIDTH: usize = 100;
    let lines: Vec<(String, &str)> = keys
        .iter()
        .map(|key| (format!("# {} = {}", key.name, value(key)), key.doc))
        .collect();
    let fits = |doc: &str, width: usize| width + 4 + doc.chars().count() <= WIDTH;
    let width = lines
        .iter()
        .filter(|(line, doc)| fits(doc, line.chars().count()))
        .map(|(line, _)| line.chars().count())
        .max()
        .unwrap_or(0);
    for (line, doc) in lines {
        let length = line.chars().count();
        if length <= width && fits(doc, width) {
            let pad = width - length;
            let _ = writeln!(out, "{line}{}  # {}", " ".repeat(pad), lowercase_first(doc));
        } else {
            comment(out, "# ", &sentence(doc));
            let _ = writeln!(out, "{line}");
        }
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if !text.starts_with("OGP") => first.to_lowercase().chain(chars).collect(),
        Some(first) => std::iter::once(first).chain(chars).collect(),
        None => String::new(),
    }
}

/// The words of a closed list, for a comment.
fn word_list(ty: Ty) -> Option<String> {
    let (Ty::Word(words) | Ty::Words(words)) = ty else {
        return None;
    };
    let words: Vec<String> = words().iter().map(|w| format!("\"{w}\"")).collect();
    Some(format!("one of {}.", words.join(", ")))
}

/// `organisations.toml` or `people.toml`: what the file holds, how to add an entry, and
/// one commented entry with every key.
fn entries_skeleton(root: &Table) -> String {
    let mut out = String::new();
    let Some(entries) = root.keys.first() else {
        return out;
    };
    let Some(entry) = entries.ty.table() else {
        return out;
    };
    let add = match entries.set {
        Set::Via(commands) => {
            let add = commands.split(" / ").next().unwrap_or(commands);
            format!(" Add one with `{add} …` (see `{add} --help`), or")
        }
        _ => String::new(),
    };
    comment(
        &mut out,
        "# ",
        &format!(
            "{}.{add} by hand, one {} block each, like this one without the leading `#`:",
            root.doc, entry.name
        ),
    );
    out.push_str("#\n");
    let _ = writeln!(out, "# {}", entry.name);
    let keys = to_fill(entry);
    commented_keys(&mut out, &keys, Key::example_toml);
    for key in entry.keys {
        if let Some(words) = word_list(key.ty) {
            out.push_str("#\n");
            comment(&mut out, "# ", &format!("`{}` is {words}", key.name));
        }
    }
    out
}

/// plan.toml: every setting with its doc, the required ones to fill in, the optional
/// ones commented out with an example or their default.
fn plan_skeleton() -> String {
    let plan = &super::PLAN;
    let mut out = String::new();
    comment(&mut out, "# ", &sentence(plan.doc));
    out.push_str("#\n");
    comment(
        &mut out,
        "# ",
        "Fill in the empty values, uncomment the parts that apply, then run `obert check`: it says what is still missing. Text that can be translated takes a string in the plan's first language, or a table of language = text: { en = \"…\", es = \"…\" }. Dates are written 2025-01-31, without quotes. The skeleton's own prompts are in English, so its `languages` says [\"en\"]: put your plan's language first.",
    );
    for key in to_fill(plan) {
        out.push('\n');
        comment(&mut out, "# ", &sentence(key.doc));
        if let Some(words) = word_list(key.ty) {
            comment(&mut out, "# ", &capitalise(&words));
        }
        match key.ty {
            Ty::Table(table) if table.keys.iter().all(|k| k.ty.table().is_none()) => {
                let keys = to_fill(table);
                if keys.iter().any(|k| k.in_skeleton) {
                    // Written, with the keys it needs; the others commented beside them.
                    let _ = writeln!(out, "[{}]", key.name);
                    for inner in &keys {
                        comment(&mut out, "# ", &sentence(inner.doc));
                        let prefix = if inner.in_skeleton { "" } else { "# " };
                        let _ = writeln!(out, "{prefix}{} = {}", inner.name, inner.example_toml());
                    }
                } else {
                    let _ = writeln!(out, "# [{}]", key.name);
                    commented_keys(&mut out, &keys, Key::example_toml);
                }
            }
            Ty::Table(table) => {
                // `[rules]`: its own keys, then each sub-table, every key at its default.
                let _ = writeln!(out, "#\n# [{}]", key.name);
                let own: Vec<&Key> = table
                    .keys
                    .iter()
                    .copied()
                    .filter(|k| k.ty.table().is_none())
                    .collect();
                commented_keys(&mut out, &own, default_or_example);
                for inner in table.keys.iter().filter(|k| k.ty.table().is_some()) {
                    let Some(sub) = inner.ty.table() else {
                        continue;
                    };
                    let _ = writeln!(out, "#\n# [{}.{}]", key.name, inner.name);
                    let keys: Vec<&Key> = sub.keys.to_vec();
                    commented_keys(&mut out, &keys, default_or_example);
                }
            }
            Ty::Tables(table) => {
                comment(&mut out, "# ", "Repeat the block for each one.");
                let _ = writeln!(out, "# [[{}]]", key.name);
                let keys = to_fill(table);
                commented_keys(&mut out, &keys, Key::example_toml);
            }
            Ty::Lints => {
                let _ = writeln!(out, "# [lints]");
                let _ = writeln!(out, "# {} = \"warn\"", crate::rules::FORUM_SIZE.name);
            }
            _ if key.is_required() => {
                let _ = writeln!(out, "{} = {}", key.name, blank_value(key));
            }
            _ => match key.default {
                Some(default @ super::Fallback::Str(_)) => {
                    let _ = writeln!(out, "{} = {}", key.name, default.toml());
                }
                _ => {
                    let _ = writeln!(out, "# {} = {}", key.name, key.example_toml());
                }
            },
        }
    }
    out
}

/// The keys a skeleton shows: all but `allow`, which records an exception where one arises,
/// with its reason, rather than something to fill in.
fn to_fill(table: &Table) -> Vec<&'static Key> {
    table
        .keys
        .iter()
        .copied()
        .filter(|key| !matches!(key.ty, Ty::Allow))
        .collect()
}

fn default_or_example(key: &Key) -> String {
    match key.default {
        Some(super::Fallback::Note(_)) | None => key.example_toml(),
        Some(default) => default.toml(),
    }
}

/// The value a required key has in the blank skeleton: empty, or the first word of its
/// list. The skeleton's own prompts are in English, so its language is English.
fn blank_value(key: &Key) -> String {
    match key.ty {
        Ty::Word(words) => words()
            .first()
            .map_or("\"\"".into(), |w| format!("\"{w}\"")),
        Ty::Strings => "[\"en\"]".to_string(),
        _ => "\"\"".to_string(),
    }
}
