//! `--help`: a command's own options first, the global options under their own heading;
//! `init` and `completions`, which work without a project's configuration, neither list nor
//! take `--connection`, `--env` or `--config`.

use crate::support::Project;

/// The lines of a help text from `heading` to the next heading (or the end).
fn section<'a>(help: &'a str, heading: &str) -> Vec<&'a str> {
    help.lines()
        .skip_while(|line| *line != heading)
        .skip(1)
        .take_while(|line| line.is_empty() || line.starts_with(' '))
        .collect()
}

fn mentions(lines: &[&str], flag: &str) -> bool {
    lines.iter().any(|line| {
        line.trim_start()
            .split([',', ' '])
            .any(|word| word.trim_end_matches("...") == flag)
    })
}

#[test]
fn a_commands_own_options_come_apart_from_the_global_ones() {
    let project = Project::new();
    let help = project.ok(&["migration:run", "--help"]);
    let own = section(&help, "Options:");
    let global = section(&help, "Global options:");
    assert!(mentions(&own, "--dry-run"), "{help}");
    assert!(mentions(&own, "--force"), "{help}");
    for flag in [
        "--connection",
        "--env",
        "--config",
        "--quiet",
        "--verbose",
        "--json",
        "--color",
    ] {
        assert!(mentions(&global, flag), "{flag} is global:\n{help}");
        assert!(
            !mentions(&own, flag),
            "{flag} is not migration:run's own:\n{help}"
        );
    }
    assert!(!mentions(&global, "--dry-run"), "{help}");

    let top = project.ok(&["--help"]);
    assert!(
        mentions(&section(&top, "Global options:"), "--connection"),
        "{top}"
    );
}

#[test]
fn init_and_completions_do_not_list_the_project_options() {
    let project = Project::new();
    for command in ["init", "completions"] {
        let help = project.ok(&[command, "--help"]);
        for flag in ["-c", "--connection", "--env", "--config"] {
            assert!(
                !help.lines().any(|line| line.trim_start().starts_with(flag)),
                "{command} --help lists {flag}:\n{help}"
            );
        }
        assert!(
            mentions(&section(&help, "Global options:"), "--quiet"),
            "{command}: the other global options stay:\n{help}"
        );
    }
}

#[test]
fn init_and_completions_refuse_the_project_options_and_change_nothing() {
    let project = Project::empty();
    for args in [
        &["init", "-c", "pg"][..],
        &["init", "--connection", "pg"],
        &["-c", "pg", "init"],
        &["init", "--env", "production"],
        &["--env", "production", "init"],
        &["init", "--config", "other.toml"],
        &["completions", "bash", "-c", "pg"],
        &["--env", "test", "completions", "bash"],
    ] {
        let (code, stdout, stderr) = project.run(args);
        assert_eq!(code, 2, "{args:?}: {stdout}\n{stderr}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        let flag = args
            .iter()
            .find(|a| a.starts_with('-'))
            .map(|a| if *a == "-c" { "--connection" } else { a })
            .expect("a flag");
        assert!(
            stderr.contains(&format!("takes no {flag}")),
            "{args:?}: {stderr}"
        );
        assert!(
            project.tree().is_empty(),
            "{args:?} created {:?}",
            project.tree()
        );
    }
    project.ok(&["init"]);
    assert!(project.path().join("config/database.toml").is_file());
}

#[test]
fn init_help_is_stable() {
    let project = Project::new();
    insta::assert_snapshot!(project.ok(&["init", "--help"]));
}
