//! A parse-only pass over a plan folder: the floor that `obert check` is measured against.
//!
//! ```text
//! cargo run --release --example parse_only -- PLAN_DIR
//! ```
//!
//! It reads every file the plan format defines (plan.toml, the vision, organisations.toml,
//! people.toml, spaces/*.toml, contributions/*.toml, commitments/*.md), parses each TOML text
//! once into a spanned table with `toml::de::DeTable::parse`, as a loader must, and walks the
//! tables counting entries and values so that no work can be optimised away. Of a commitment
//! it parses the front matter between the `+++` lines and scans the Markdown body for section
//! headings. It builds no model and checks nothing: whatever `obert check` takes beyond this
//! is the cost of loading into a model, running the rules and reporting.
//!
//! It prints one line of counts to stdout; an unreadable or invalid file is an error (exit 2).

// A command-line tool of its own, for benchmarks: what it prints is its output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use toml::de::{DeTable, DeValue};

#[derive(Debug, Default)]
struct Counts {
    files: usize,
    bytes: usize,
    /// Leaf values (strings, numbers, dates, booleans) over every TOML text.
    values: usize,
    organisations: usize,
    people: usize,
    spaces: usize,
    members: usize,
    meetings: usize,
    commitments: usize,
    milestones: usize,
    sections: usize,
    contributions: usize,
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("usage: parse_only PLAN_DIR");
        return ExitCode::from(2);
    };
    let mut counts = Counts::default();
    match parse_plan(Path::new(&dir), &mut counts) {
        Ok(()) => {
            // a closed pipe is not an error
            let _ = writeln!(std::io::stdout(), "{}", summary(&counts));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn summary(c: &Counts) -> String {
    format!(
        "parsed {} files, {} bytes, {} values: {} organisations, {} people, {} spaces \
         ({} members, {} meetings), {} commitments ({} milestones, {} sections), \
         {} contributions",
        c.files,
        c.bytes,
        c.values,
        c.organisations,
        c.people,
        c.spaces,
        c.members,
        c.meetings,
        c.commitments,
        c.milestones,
        c.sections,
        c.contributions,
    )
}

fn parse_plan(dir: &Path, counts: &mut Counts) -> Result<(), String> {
    let plan_text = read(&dir.join("plan.toml"), counts)?;
    let plan = parse(&dir.join("plan.toml"), &plan_text, counts)?;
    let vision = string(&plan, "vision").unwrap_or("vision.md");
    let vision_path = dir.join(vision);
    if vision_path.exists() {
        counts.sections += headings(&read(&vision_path, counts)?);
    }
    for (name, key) in [
        ("organisations.toml", "organisation"),
        ("people.toml", "person"),
    ] {
        let path = dir.join(name);
        if path.exists() {
            let text = read(&path, counts)?;
            let entries = entries(&parse(&path, &text, counts)?, key);
            match key {
                "organisation" => counts.organisations += entries,
                _ => counts.people += entries,
            }
        }
    }
    for path in files(&dir.join("spaces"), "toml")? {
        let text = read(&path, counts)?;
        let space = parse(&path, &text, counts)?;
        counts.spaces += 1;
        counts.members += entries(&space, "member");
        counts.meetings += entries(&space, "meeting");
    }
    for path in files(&dir.join("contributions"), "toml")? {
        let text = read(&path, counts)?;
        counts.contributions += entries(&parse(&path, &text, counts)?, "contribution");
    }
    for path in files(&dir.join("commitments"), "md")? {
        parse_commitment(&path, counts)?;
    }
    Ok(())
}

/// `<id>.md` has front matter; a translation `<id>.<lang>.md` is a body only.
fn parse_commitment(path: &Path, counts: &mut Counts) -> Result<(), String> {
    let text = read(path, counts)?;
    let translation = path
        .file_stem()
        .is_some_and(|stem| Path::new(stem).extension().is_some());
    if translation {
        counts.sections += headings(&text);
        return Ok(());
    }
    let (front, body) =
        front_matter(&text).ok_or_else(|| format!("{}: no `+++` front matter", path.display()))?;
    let commitment = parse(path, front, counts)?;
    counts.commitments += 1;
    counts.milestones += entries(&commitment, "milestone");
    counts.sections += headings(body);
    Ok(())
}

fn read(path: &Path, counts: &mut Counts) -> Result<String, String> {
    let text = fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))?;
    counts.files += 1;
    counts.bytes += text.len();
    Ok(text)
}

fn parse<'i>(path: &Path, text: &'i str, counts: &mut Counts) -> Result<DeTable<'i>, String> {
    let table = DeTable::parse(text)
        .map_err(|err| format!("{}: {err}", path.display()))?
        .into_inner();
    counts.values += values(&table);
    Ok(table)
}

/// The files of `dir` with extension `ext`, in name order; none if `dir` does not exist.
fn files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, String> {
    let listing = match fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(format!("{}: {err}", dir.display())),
    };
    let mut paths = Vec::new();
    for entry in listing {
        let path = entry
            .map_err(|err| format!("{}: {err}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == ext) && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// Splits a text that opens with a `+++` line into the front matter and the body after the
/// closing `+++` line.
fn front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end_matches(['\r', '\n']) == "+++" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// Markdown headings with an attribute id, `## Problema {#problem}`: the sections rules use.
fn headings(markdown: &str) -> usize {
    markdown
        .lines()
        .filter(|line| {
            line.starts_with('#') && line.trim_end().ends_with('}') && line.contains("{#")
        })
        .count()
}

fn lookup<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a DeValue<'i>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref() == key)
        .map(|(_, v)| v.get_ref())
}

fn string<'a>(table: &'a DeTable<'_>, key: &str) -> Option<&'a str> {
    lookup(table, key).and_then(DeValue::as_str)
}

/// The length of the array of tables `[[key]]`.
fn entries(table: &DeTable<'_>, key: &str) -> usize {
    lookup(table, key)
        .and_then(DeValue::as_array)
        .map_or(0, |array| array.len())
}

fn values(table: &DeTable<'_>) -> usize {
    table
        .values()
        .map(|value| value_count(value.get_ref()))
        .sum()
}

fn value_count(value: &DeValue<'_>) -> usize {
    match value {
        DeValue::Table(table) => values(table),
        DeValue::Array(array) => array.iter().map(|item| value_count(item.get_ref())).sum(),
        _ => 1,
    }
}
