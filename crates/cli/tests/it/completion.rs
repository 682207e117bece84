//! Shell completion through the real binary: clap's completion engine, called as a shell's
//! script calls it (`COMPLETE=<shell> dbm -- <words>`), offers the project's connections for
//! `-c` and its environments for `--env`; the bash script leaves `COMP_WORDBREAKS` alone and
//! still completes `migration:run` as one word.

use crate::support::Project;

/// A project with connections in two profiles.
fn project() -> Project {
    let project = Project::new();
    project.write(
        "config/database.toml",
        "[default]\nconnection = \"sqlite\"\n\n\
         [default.connections.sqlite]\ndriver = \"sqlite\"\nurl = \"sqlite://tmp/db.sqlite3\"\n\n\
         [default.connections.pg]\ndriver = \"postgres\"\nurl = \"postgres://app@127.0.0.1/app\"\n\n\
         [staging.connections.replica]\ndriver = \"mysql\"\nurl = \"mysql://app@127.0.0.1/app\"\n",
    );
    project
}

/// What the completion engine offers for `words` (the program first) when the cursor is on
/// the word at `index`, as bash's script asks for it, run in the folder `relative`.
fn candidates(project: &Project, relative: &str, words: &[&str], index: usize) -> Vec<String> {
    let dir = project.path().join(relative);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let out = project
        .dbm(&[])
        .arg("--")
        .args(words)
        .current_dir(dir)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", index.to_string())
        .env("_CLAP_IFS", "\n")
        .output()
        .expect("run dbm");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{words:?}: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout.lines().map(str::to_string).collect()
}

#[test]
fn dash_c_offers_the_connections_of_every_profile() {
    let project = project();
    let all = ["pg", "replica", "sqlite"];
    assert_eq!(candidates(&project, "", &["dbm", "-c", ""], 2), all);
    assert_eq!(
        candidates(&project, "", &["dbm", "--connection", ""], 2),
        all
    );
    assert_eq!(
        candidates(&project, "", &["dbm", "migration:status", "-c", "p"], 3),
        ["pg"],
        "after the command too, filtered by what is typed"
    );
    assert_eq!(
        candidates(&project, "database/migrations", &["dbm", "-c", ""], 2),
        all,
        "from inside the project, as the commands find it"
    );
}

#[test]
fn env_offers_the_profiles_and_the_standard_environments() {
    let project = project();
    assert_eq!(
        candidates(&project, "", &["dbm", "migrate", "--env", ""], 3),
        ["development", "production", "staging", "test"]
    );
}

#[test]
fn outside_a_project_or_with_a_broken_configuration_nothing_is_offered() {
    let empty = Project::empty();
    assert!(candidates(&empty, "", &["dbm", "-c", ""], 2).is_empty());
    let broken = Project::new();
    broken.write("config/database.toml", "[default\n");
    assert!(candidates(&broken, "", &["dbm", "--env", ""], 2).is_empty());
}

#[test]
fn commands_and_flags_complete_too() {
    let project = project();
    let commands = candidates(&project, "", &["dbm", "migration:r"], 1);
    assert!(
        commands.contains(&"migration:rollback".to_string()),
        "{commands:?}"
    );
    let flags = candidates(&project, "", &["dbm", "migration:fresh", "--dr"], 2);
    assert!(flags.contains(&"--drop-views".to_string()), "{flags:?}");
    let init = candidates(&project, "", &["dbm", "init", "--"], 2);
    assert!(init.contains(&"--quiet".to_string()), "{init:?}");
    for flag in ["--connection", "--env", "--config"] {
        assert!(
            !init.contains(&flag.to_string()),
            "init takes no {flag}: {init:?}"
        );
    }
}

#[test]
fn the_bash_script_leaves_comp_wordbreaks_alone() {
    let project = project();
    let script = project.ok(&["completions", "bash"]);
    let from_env = {
        let out = project
            .dbm(&[])
            .env("COMPLETE", "bash")
            .output()
            .expect("run dbm");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(
        script, from_env,
        "`completions bash` is `COMPLETE=bash dbm`"
    );
    assert!(
        !script.contains("COMP_WORDBREAKS="),
        "no assignment to COMP_WORDBREAKS:\n{script}"
    );
    assert!(script.contains(env!("CARGO_BIN_EXE_dbm")), "{script}");
}

/// Sources the bash script in a real bash and completes the lines given as bash splits them
/// (`COMP_WORDS` broken at `:`): prints each reply on a line, then whether
/// `COMP_WORDBREAKS` still holds `:`.
#[cfg(unix)]
#[test]
fn bash_completes_colon_command_names_as_bash_splits_them() {
    let project = project();
    project.write("completion.bash", &project.ok(&["completions", "bash"]));
    let test = r#"
before=$COMP_WORDBREAKS
source ./completion.bash
try() {
    COMP_LINE=$1; COMP_POINT=${#COMP_LINE}; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()
    _clap_complete_dbm dbm "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    local IFS=,; echo "${COMPREPLY[*]}"
}
try "dbm migration:ro" dbm migration : ro
try "dbm migration:" dbm migration :
try "dbm db:seed -c p" dbm db : seed -c p
try "dbm --env st" dbm --env st
[[ $before == "$COMP_WORDBREAKS" && $COMP_WORDBREAKS == *:* ]] && echo untouched
"#;
    project.write("test.bash", test);
    let out = std::process::Command::new("bash")
        .arg("--norc")
        .arg("test.bash")
        .current_dir(project.path())
        .env_remove("COMPLETE")
        .output()
        .expect("run bash");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        5,
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        lines[0], "rollback",
        "bash replaces only what follows the ':'"
    );
    assert!(
        lines[1].split(',').any(|c| c == ":run") && lines[1].split(',').any(|c| c == ":status"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2], "pg");
    assert_eq!(lines[3], "staging");
    assert_eq!(lines[4], "untouched");
}

#[test]
fn zsh_gets_colons_escaped() {
    let project = project();
    let out = project
        .dbm(&["--", "dbm", "migration:ro"])
        .env("COMPLETE", "zsh")
        .env("_CLAP_COMPLETE_INDEX", "1")
        .output()
        .expect("run dbm");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("migration\\:rollback"), "{stdout}");
}
