//! `obert init`: a new plan in a git repository, then what to do next. The plan it writes is
//! not committed: the next steps end with the commit for the facilitator to make.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::Outcome;
use crate::scaffold::action::{ActionReference, KnownFrom};
use crate::scaffold::{self, Repository, Skeleton};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to create the plan in, as `DIR/plan`; created if missing [default: the
    /// current folder]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Write a complete example plan, to learn the format from (the default): `catalunya`,
    /// OGP Catalunya 2021-2023, also when NAME is left out; or `scotland`, Scotland 2021-2025
    #[arg(
        long,
        value_name = "NAME",
        num_args = 0..=1,
        default_missing_value = scaffold::DEFAULT_EXAMPLE,
        value_parser = example_name(),
        conflicts_with = "blank"
    )]
    pub example: Option<&'static scaffold::Example>,
    /// Write an empty skeleton with every file of the format, commented, ready to fill
    #[arg(long)]
    pub blank: bool,
    /// The GitHub Action the workflow uses to install obert, as OWNER/REPO@REF [default:
    /// where this obert was built or installed from, when it knows]
    #[arg(long, value_name = "OWNER/REPO@REF", value_parser = scaffold::action::parse_given)]
    pub action: Option<String>,
}

pub(super) fn run(args: Args) -> anyhow::Result<Outcome> {
    let kind = if args.blank {
        Skeleton::Blank
    } else {
        Skeleton::Example(args.example.unwrap_or(&scaffold::EXAMPLES[0]))
    };
    let dir = args.dir.as_deref().unwrap_or(Path::new("."));
    let action = scaffold::action::find(args.action.as_deref());
    let report = scaffold::init(dir, kind, action.as_ref())
        .with_context(|| format!("cannot start a plan in `{}`", dir.display()))?;
    let text = summary(dir, kind, &report, action.as_ref());
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Clean)
}

/// Takes an example by its name; the shell completions offer the same names, and any other
/// word is a usage error that lists them.
fn example_name() -> impl clap::builder::TypedValueParser<Value = &'static scaffold::Example> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(scaffold::EXAMPLES.iter().map(|example| example.name))
        .map(|name| {
            // The parser has accepted only the names of EXAMPLES.
            scaffold::example(&name).unwrap_or(&scaffold::EXAMPLES[0])
        })
}

fn summary(
    dir: &Path,
    kind: Skeleton,
    report: &scaffold::Report,
    action: Option<&ActionReference>,
) -> String {
    let mut out = String::new();
    let what = match kind {
        Skeleton::Example(example) => format!("the example plan {}", example.name),
        Skeleton::Blank => "a blank plan".to_string(),
    };
    let repository = match &report.repository {
        Repository::Created { branch } => format!("a new git repository (branch {branch})"),
        Repository::Existing => "the existing git repository".to_string(),
    };
    let place = if dir == Path::new(".") {
        "in the current folder".to_string()
    } else {
        format!("at {}", dir.display())
    };
    let _ = writeln!(
        out,
        "created plan/ with {what} ({} files) in {repository} {place}",
        report.files
    );
    if report.wrote_gitignore {
        out.push_str(
            "created .gitignore, which keeps out/ (where rendered documents go) out of git\n",
        );
    }
    if report.wrote_workflow {
        let what = format!(
            "created {}, which checks the plan on every pull request",
            crate::scaffold::WORKFLOW_PATH
        );
        let _ = match action {
            Some(action) => {
                let how = match action.known_from {
                    KnownFrom::Given => "as given",
                    KnownFrom::Build => "from the repository obert was built from",
                    KnownFrom::Install => "from the repository cargo installed obert from",
                };
                writeln!(
                    out,
                    "{what} with obert's action {} ({how})",
                    action.reference
                )
            }
            None => writeln!(
                out,
                "{what}: set its `uses: {}@…` to where obert lives, or run `obert init --action OWNER/REPO@REF` (this obert knows no repository address: it was built without one and not installed from GitHub)",
                crate::scaffold::ACTION_PLACEHOLDER
            ),
        };
    }
    out.push_str("\nnext steps:\n");
    let mut steps: Vec<(String, &str)> = Vec::new();
    if dir != Path::new(".") {
        steps.push((format!("cd {}", shell_word(&dir.to_string_lossy())), ""));
    }
    match kind {
        Skeleton::Example(_) => {
            steps.push((
                "obert check".into(),
                "finds nothing: the example keeps every rule",
            ));
            steps.push(("obert status".into(), "where the plan stands"));
        }
        Skeleton::Blank => {
            steps.push(("obert check".into(), "what the plan is still missing"));
            steps.push(("obert status".into(), "where the plan stands"));
            steps.push(("obert org add …".into(), "the organisations taking part"));
            steps.push(("obert person add …".into(), "the people in the spaces"));
            steps.push((
                "obert space add …".into(),
                "the steering group, the forum, the working groups",
            ));
        }
    }
    let mut add = "git add plan".to_string();
    if report.wrote_gitignore {
        add.push_str(" .gitignore");
    }
    if report.wrote_workflow {
        add.push_str(" .github");
    }
    let message = match kind {
        Skeleton::Example(_) => "Start the action plan from obert's example",
        Skeleton::Blank => "Start the action plan",
    };
    steps.push((format!("{add} && git commit -m \"{message}\""), ""));
    // The explanations are shell comments, so that every line can be pasted as it is.
    let width = steps
        .iter()
        .filter(|(_, why)| !why.is_empty())
        .map(|(command, _)| command.chars().count())
        .max()
        .unwrap_or(0);
    for (command, why) in steps {
        if why.is_empty() {
            let _ = writeln!(out, "  {command}");
        } else {
            let _ = writeln!(out, "  {command:<width$}  # {why}");
        }
    }
    out
}

/// `word` as one shell word: as it is when that is safe, otherwise in single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./+,:@%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("my-plan/2025"), "my-plan/2025");
        assert_eq!(shell_word("Pla d'acció"), r"'Pla d'\''acció'");
        assert_eq!(shell_word("a b"), "'a b'");
    }
}
