//! `obert man [--out DIR]`: manual pages.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::CommandFactory as _;

use super::{Cli, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write obert.1 and one page per command (obert-check.1, obert-org-add.1, …) to DIR,
    /// created if missing, instead of the page of obert itself on stdout
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub(super) fn run(args: Args) -> anyhow::Result<Outcome> {
    let pages = pages();
    match args.out {
        None => {
            let (_, root) = pages.first().context("no manual page for obert")?;
            let mut out = std::io::stdout().lock();
            out.write_all(root)?;
            out.flush()?;
        }
        Some(dir) => {
            crate::edit::write::own_folder(&dir, |name| {
                pages.iter().any(|(page, _)| page == name)
            })?;
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create `{}`", dir.display()))?;
            // Every page first, then the list: a closed stdout must not leave the folder
            // half written.
            let mut written = Vec::with_capacity(pages.len());
            for (name, page) in &pages {
                let path = dir.join(name);
                crate::edit::write::write_output(&path, page)?;
                written.push(path);
            }
            let mut out = std::io::stdout().lock();
            if !super::terminal().quiet {
                for path in &written {
                    writeln!(out, "wrote {}", path.display())?;
                }
            }
            out.flush()?;
        }
    }
    Ok(Outcome::Clean)
}

/// Every manual page, as (file name, roff): `obert.1` first, then one page per command and
/// nested command (`obert-check.1`, `obert-org.1`, `obert-org-add.1`, …), depth first.
pub(super) fn pages() -> Vec<(String, Vec<u8>)> {
    // `help` is not a command of its own here: `obert help X` is `man obert-X`. Disabling it
    // (a global setting, so on every level) also keeps `obert-help(1)` out of the
    // SUBCOMMANDS sections, where it would name a page that does not exist.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // Building names every subcommand: display name `obert-org-add` (the page's title, file
    // name and NAME line) and bin name `obert org add` (its SYNOPSIS), and copies the
    // global flags (`--plan`, `--color`, `-q`, `-v`) into each, so their pages list them.
    cmd.build();
    let mut pages = Vec::new();
    collect(&cmd, &mut pages);
    pages
}

fn collect(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) {
    // The footer names the program and its version on every page, where clap_mangen would
    // write the command's own name (`add `) on those of subcommands.
    let man =
        clap_mangen::Man::new(cmd.clone()).source(format!("obert {}", env!("CARGO_PKG_VERSION")));
    let name = man.get_filename();
    let mut page = Vec::new();
    man.render(&mut page)
        .expect("writing to memory cannot fail");
    pages.push((name, page));
    for sub in cmd.get_subcommands() {
        if sub.get_name() != "help" && !sub.is_hide_set() {
            collect(sub, pages);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_named_after_their_command_path() {
        let pages = pages();
        let names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names.first(), Some(&"obert.1"));
        for expected in ["obert-check.1", "obert-org.1", "obert-org-add.1"] {
            assert!(names.contains(&expected), "no {expected} in {names:?}");
        }
        assert!(!names.iter().any(|name| name.contains("help")), "{names:?}");
        let unique: std::collections::BTreeSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len(), "{names:?}");
    }

    #[test]
    fn a_nested_page_names_its_command_in_full() {
        let pages = pages();
        let (_, page) = pages
            .iter()
            .find(|(name, _)| name == "obert-org-add.1")
            .expect("obert-org-add.1");
        let page = String::from_utf8_lossy(page);
        let title = format!(
            "\n.TH obert-org-add 1  \"obert {}\"",
            env!("CARGO_PKG_VERSION")
        );
        assert!(page.contains(&title), "{page}");
        assert!(page.contains("obert\\-org\\-add \\- "), "{page}");
        assert!(page.contains("\\fBobert org add\\fR"), "{page}");
        assert!(page.contains("\\-\\-plan"), "{page}");
    }
}
