//! Writes a `git fast-import` stream of a plan repository with a long history, for
//! benchmarking `obert diff` and `obert log` (bench/history.sh).
//!
//! usage: synth_history [--commits N] PLAN_DIR > stream
//!
//! The first commit adds the plan found in PLAN_DIR (the shipped plan, say) under `plan/`.
//! Every later commit changes one thing, cycling through what facilitators do: add a person,
//! move a milestone's due date in one of the commitments, record a meeting's title, retitle
//! the plan. Authors and dates are fixed, so the same N gives the same repository.

// A command-line tool of its own, for benchmarks: what it prints is its output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    if let Err(message) = run() {
        eprintln!("synth_history: {message}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut commits = 10_000usize;
    let mut plan: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--commits" => {
                commits = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("`--commits` needs a number")?;
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            _ => plan = Some(PathBuf::from(arg)),
        }
    }
    let plan = plan.ok_or("give the plan folder to start from")?;
    let mut files = read_files(&plan, &plan)?;
    files.sort();

    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut mark = 0usize;
    let mut commit = |out: &mut dyn std::io::Write,
                      n: usize,
                      message: &str,
                      changed: &[(String, String)]|
     -> std::io::Result<()> {
        mark += 1;
        let time = 1_600_000_000 + n * 3600;
        let mut stream = String::new();
        let _ = writeln!(stream, "commit refs/heads/main\nmark :{mark}");
        let _ = writeln!(
            stream,
            "committer Facilitator {} <facilitator@example.org> {time} +0000",
            n % 7
        );
        let _ = writeln!(stream, "data {}\n{message}", message.len());
        if n > 0 {
            let _ = writeln!(stream, "from :{}", mark - 1);
        }
        for (path, text) in changed {
            let _ = writeln!(
                stream,
                "M 100644 inline plan/{path}\ndata {}\n{text}",
                text.len()
            );
        }
        out.write_all(stream.as_bytes())
    };

    let io = |e: std::io::Error| e.to_string();
    commit(&mut out, 0, "Start the action plan", &files).map_err(io)?;
    let text = |files: &[(String, String)], path: &str| -> String {
        files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    let commitments: Vec<String> = files
        .iter()
        .map(|(p, _)| p.clone())
        .filter(|p| p.starts_with("commitments/") && p.matches('.').count() == 1)
        .collect();
    for n in 1..commits {
        let (path, new_text, message) = match n % 4 {
            0 => {
                let path = "people.toml".to_string();
                let old = text(&files, &path);
                let new = format!("{old}\n[[person]]\nid = \"bench-{n}\"\nsector = \"citizen\"\n");
                (path, new, format!("Add person bench-{n}"))
            }
            1 | 2 => {
                let path = commitments[n % commitments.len()].clone();
                let old = text(&files, &path);
                // Move the first milestone's due date by a day, alternating years.
                let new = match old.find("due = ") {
                    Some(at) => {
                        let date = &old[at + 6..at + 16];
                        let day: u32 = date[8..10].parse().unwrap_or(1);
                        let day = if day >= 28 { 1 } else { day + 1 };
                        format!(
                            "{}{}{day:02}{}",
                            &old[..at + 6],
                            &date[..8],
                            &old[at + 16..]
                        )
                    }
                    None => old.clone(),
                };
                (path.clone(), new, format!("Move a milestone of {path}"))
            }
            _ => {
                let path = "plan.toml".to_string();
                let old = text(&files, &path);
                let new = match old.find("\nwebsite = ") {
                    Some(at) => {
                        let end = old[at + 1..].find('\n').map_or(old.len(), |e| at + 1 + e);
                        format!(
                            "{}\nwebsite = \"https://example.org/plan/{n}\"{}",
                            &old[..at],
                            &old[end..]
                        )
                    }
                    None => old.clone(),
                };
                (path, new, format!("Update the website ({n})"))
            }
        };
        if let Some(entry) = files.iter_mut().find(|(p, _)| *p == path) {
            entry.1 = new_text.clone();
        }
        commit(&mut out, n, &message, &[(path, new_text)]).map_err(io)?;
    }
    out.flush().map_err(io)
}

/// Every text file under `dir`, by path relative to `root`.
fn read_files(root: &Path, dir: &Path) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            files.extend(read_files(root, &path)?);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            let relative = path
                .strip_prefix(root)
                .map_err(|e| e.to_string())?
                .to_string_lossy()
                .replace('\\', "/");
            files.push((relative, text));
        }
    }
    Ok(files)
}
