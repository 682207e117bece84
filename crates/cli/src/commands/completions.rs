//! `completions SHELL`: the script that registers dbm's completion in a shell, the same as
//! `COMPLETE=SHELL dbm` prints ([`crate::completion`]).

use std::ffi::OsString;

use clap_complete::Shell;

use crate::error::CliResult;

/// Prints the registration script for `shell`; `args` are the process's arguments (the
/// script calls back the program they start with).
pub fn execute(shell: Shell, args: &[OsString]) -> CliResult<()> {
    crate::printer::stdout(&crate::completion::registration(shell, args)?);
    Ok(())
}
