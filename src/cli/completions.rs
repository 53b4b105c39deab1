//! `obert completions <SHELL>`: shell completion scripts.

use std::io::Write as _;

use clap::CommandFactory as _;

use super::{Cli, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

pub(super) fn run(args: Args) -> anyhow::Result<Outcome> {
    let script = script(args.shell);
    // Written in one go after generating into memory: clap_complete panics when its writer
    // fails, and a closed pipe (`obert completions bash | head`) must end quietly, as the
    // BrokenPipe error `main` treats as success.
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(Outcome::Clean)
}

/// The completion script for `shell`, generated from the whole command line.
pub(super) fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "obert", &mut script);
    script
}
