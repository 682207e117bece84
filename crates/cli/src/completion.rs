//! Shell completion through clap's completion engine: the shell calls `dbm` back at each
//! TAB, so that `-c` offers the project's connections and `--env` its environments.
//!
//! `COMPLETE=bash dbm` (or `dbm completions bash`) prints the script that registers it;
//! [`complete_from_env`] answers the calls the script makes. The engine completes commands,
//! flags and values; [`connections`] and [`environments`] read the configuration of the
//! project around the current directory, as the commands find it.
//!
//! bash splits the word being completed at every character of `COMP_WORDBREAKS`, `:` among
//! them, so `migration:r` reaches a completion function as `migration`, `:`, `r`. Removing
//! `:` from `COMP_WORDBREAKS` would change completion for every other command of the shell
//! (`scp host:path`), so [`DbmBash`]'s script leaves it alone: it joins the pieces the line
//! writes without a space before asking dbm, and gives bash back only the part of each
//! candidate after the last `:`, which is the part bash replaces.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap_complete::CompletionCandidate;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Shells, Zsh};
use dbm_core::config::{Config, LoadOptions};

use crate::error::{CliError, CliResult};

/// The environment variable that turns a run of `dbm` into a completion request.
pub const VAR: &str = "COMPLETE";

/// The shells dbm completes in: clap's, with bash's script replaced by [`DbmBash`].
const SHELLS: Shells<'static> = Shells(&[&DbmBash, &Elvish, &Fish, &Powershell, &Zsh]);

/// How the project's configuration is found for completion: as the commands find it, from
/// the current directory (a `--config` on the line being completed is not seen).
fn load_options(env: Option<String>) -> Option<LoadOptions> {
    Some(LoadOptions {
        config_path: None,
        env,
        cwd: std::env::current_dir().ok()?,
        allow_no_project: false,
    })
}

/// The environments `--env` accepts in the project around the current directory: its
/// profiles and `development`, `test`, `production`. None outside a project or when its
/// configuration does not load.
pub fn environments() -> Vec<CompletionCandidate> {
    load_options(None)
        .and_then(|options| Config::environments(&options).ok())
        .unwrap_or_default()
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}

/// The connections `-c` accepts in the project around the current directory, from every
/// environment's profile, each with its driver as help. None outside a project or when its
/// configuration does not load.
pub fn connections() -> Vec<CompletionCandidate> {
    let Some(options) = load_options(None) else {
        return Vec::new();
    };
    let Ok(environments) = Config::environments(&options) else {
        return Vec::new();
    };
    let mut found: std::collections::BTreeMap<String, String> = Default::default();
    for environment in environments {
        let Some(options) = load_options(Some(environment)) else {
            continue;
        };
        let Ok(config) = Config::load(&options) else {
            continue;
        };
        for (name, connection) in config.connections {
            found.entry(name).or_insert(connection.driver);
        }
    }
    found
        .into_iter()
        .map(|(name, driver)| CompletionCandidate::new(name).help(Some(driver.into())))
        .collect()
}

/// Answers a completion request when [`VAR`] is set (`COMPLETE=bash dbm` prints the script,
/// the script's calls print candidates): returns the exit code then, `None` for an ordinary
/// run. `args` are the process's arguments, the program first.
pub fn complete_from_env(args: &[OsString]) -> Option<u8> {
    if std::env::var_os(VAR).is_none_or(|v| v.is_empty() || v == "0") {
        return None;
    }
    let mut env = clap_complete::CompleteEnv::with_factory(crate::args::command)
        .var(VAR)
        .shells(SHELLS);
    if let Some(bin) = bin_name(args) {
        env = env.bin(bin);
    }
    let cwd = std::env::current_dir().ok();
    match env.try_complete(args.iter().cloned(), cwd.as_deref()) {
        Ok(true) => Some(0),
        Ok(false) => None,
        Err(e) => {
            let _ = e.print();
            Some(2)
        }
    }
}

/// The script `completions SHELL` prints: the same registration as `COMPLETE=SHELL dbm`,
/// calling back the binary that printed it.
pub fn registration(shell: clap_complete::Shell, args: &[OsString]) -> CliResult<String> {
    let name = shell.to_string();
    let completer = SHELLS.completer(&name).ok_or_else(|| {
        CliError::Usage(format!(
            "completions: no completion for {name}; shells: {}",
            SHELLS.names().collect::<Vec<_>>().join(", ")
        ))
    })?;
    let program = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| "dbm".into());
    // A relative path with a folder in it (`./target/debug/dbm`) would not be found from
    // another directory.
    let program = match std::env::current_dir() {
        Ok(cwd) if program.components().count() > 1 && program.is_relative() => cwd.join(program),
        _ => program,
    };
    let bin = bin_name(args).unwrap_or_else(|| "dbm".into());
    let mut out = Vec::new();
    completer
        .write_registration(VAR, "dbm", &bin, &program.to_string_lossy(), &mut out)
        .map_err(|source| CliError::Io {
            path: "stdout".into(),
            source,
        })?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The name the shell knows the binary by: the file name it was started as (a custom binary
/// built on [`crate::Dbm`] completes under its own name).
fn bin_name(args: &[OsString]) -> Option<String> {
    let program = Path::new(args.first()?);
    Some(program.file_name()?.to_string_lossy().into_owned())
}

/// bash, as clap completes it, with a script that leaves `COMP_WORDBREAKS` alone and still
/// completes `migration:run` as one word (see the module's documentation).
#[derive(Debug, Clone, Copy)]
pub struct DbmBash;

/// The registration script; `NAME`, `BIN`, `COMPLETER` and `VAR` are filled in.
const BASH_SCRIPT: &str = r#"
_clap_complete_NAME() {
    local IFS=$'\013'
    local _CLAP_COMPLETE_COMP_TYPE=${COMP_TYPE}
    if compopt +o nospace 2> /dev/null; then
        local _CLAP_COMPLETE_SPACE=false
    else
        local _CLAP_COMPLETE_SPACE=true
    fi
    # bash split the line at each character of COMP_WORDBREAKS, ':' among them. Join the
    # pieces around a ':' that the line writes without a space, up to the word at the cursor
    # (its text up to the cursor, "$2").
    local words=() cword=0 i word rest=$COMP_LINE spaced
    for (( i = 0; i <= COMP_CWORD; i++ )); do
        word=${COMP_WORDS[i]}
        (( i == COMP_CWORD )) && word=$2
        spaced=${rest%%[![:space:]]*}
        rest=${rest#"$spaced"}
        rest=${rest#"$word"}
        local last=$(( ${#words[@]} - 1 ))
        if (( last >= 0 )) && [[ -z $spaced ]] && [[ $word == :* || ${words[last]} == *: ]]; then
            words[last]+=$word
        else
            words+=("$word")
        fi
    done
    cword=$(( ${#words[@]} - 1 ))
    # bash replaces only "$2", the part after the word's last ':'.
    local joined=${words[cword]}
    local prefix=${joined%"$2"}
    COMPREPLY=( $( \
        _CLAP_IFS="$IFS" \
        _CLAP_COMPLETE_INDEX="$cword" \
        _CLAP_COMPLETE_COMP_TYPE="$_CLAP_COMPLETE_COMP_TYPE" \
        _CLAP_COMPLETE_SPACE="$_CLAP_COMPLETE_SPACE" \
        VAR="bash" \
        "COMPLETER" -- "${words[@]}" \
    ) )
    if [[ $? != 0 ]]; then
        unset COMPREPLY
        return
    fi
    if [[ -n $prefix ]]; then
        COMPREPLY=( "${COMPREPLY[@]#"$prefix"}" )
    fi
    if [[ $_CLAP_COMPLETE_SPACE == false ]] && [[ "${COMPREPLY-}" =~ [=/:]$ ]]; then
        compopt -o nospace
    fi
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -o nospace -o bashdefault -o nosort -F _clap_complete_NAME BIN
else
    complete -o nospace -o bashdefault -F _clap_complete_NAME BIN
fi
"#;

impl EnvCompleter for DbmBash {
    fn name(&self) -> &'static str {
        Bash.name()
    }

    fn is(&self, name: &str) -> bool {
        Bash.is(name)
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn std::io::Write,
    ) -> Result<(), std::io::Error> {
        // COMPLETER last: a path may hold the other placeholders' letters.
        let script = BASH_SCRIPT
            .replace("NAME", &name.replace('-', "_"))
            .replace("VAR", var)
            .replace("BIN", &shell_quote(bin))
            .replace("COMPLETER", &double_quoted(completer));
        writeln!(buf, "{script}")
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&Path>,
        buf: &mut dyn std::io::Write,
    ) -> Result<(), std::io::Error> {
        Bash.write_complete(cmd, args, current_dir, buf)
    }
}

/// `text` escaped for the inside of a double-quoted bash string.
fn double_quoted(text: &str) -> String {
    text.chars().fold(String::new(), |mut out, c| {
        if matches!(c, '"' | '$' | '`' | '\\') {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

/// `text` as one bash word.
fn shell_quote(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./+@%".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bash_script_leaves_comp_wordbreaks_alone() {
        let mut out = Vec::new();
        DbmBash
            .write_registration(VAR, "dbm", "dbm", "/usr/bin/dbm", &mut out)
            .expect("write");
        let script = String::from_utf8(out).expect("utf-8");
        assert!(!script.contains("COMP_WORDBREAKS="), "{script}");
        assert!(script.contains("complete -o nospace"), "{script}");
        assert!(
            script.contains(r#""/usr/bin/dbm" -- "${words[@]}""#),
            "{script}"
        );
        assert!(script.contains("COMPLETE=\"bash\""), "{script}");
    }

    #[test]
    fn shell_quote_keeps_plain_words_and_quotes_the_rest() {
        assert_eq!(shell_quote("dbm"), "dbm");
        assert_eq!(shell_quote("my app"), "'my app'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(double_quoted(r#"/a "$b"/VAR"#), r#"/a \"\$b\"/VAR"#);
    }
}
