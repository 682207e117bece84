//! `completions SHELL`: clap's scripts, fixed for command names that contain `:`.
//!
//! bash splits words at `:` (it is in `COMP_WORDBREAKS`), so the bash script removes `:`
//! from `COMP_WORDBREAKS` when it loads; zsh's `_describe` takes the first `:` of an entry as
//! the start of its description, so colons in command names are escaped.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::args::Cli;

/// The completion script for `shell`.
pub fn script(shell: Shell) -> String {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "dbm", &mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let colon_names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|n| n.contains(':'))
        .collect();
    match shell {
        Shell::Bash => format!(
            "# dbm's command names contain ':'; complete them as whole words.\n\
             COMP_WORDBREAKS=${{COMP_WORDBREAKS//:}}\n{text}"
        ),
        Shell::Zsh => colon_names.iter().fold(text, |text, name| {
            text.replace(
                &format!("'{name}:"),
                &format!("'{}:", name.replace(':', "\\:")),
            )
        }),
        _ => text,
    }
}
