//! Output that nobody reads: closed pipes cost the output, never the work or the exit code.

use crate::support::{Project, create_table};

/// Runs `dbm` with stdout and stderr piped to readers that close at once; returns the exit
/// code.
fn run_with_closed_pipes(project: &Project, args: &[&str]) -> i32 {
    let mut child = project.spawn(args);
    drop(child.stdout.take());
    drop(child.stderr.take());
    let status = child.wait().expect("wait for dbm");
    status.code().unwrap_or(-1)
}

fn debug_project(count: usize) -> Project {
    let files: Vec<(String, String)> = (1..=count)
        .map(|i| (format!("{i}_t{i}.toml"), create_table(&format!("t{i}"))))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_str()))
        .collect();
    let project = Project::with_migrations(&refs);
    project.write(
        "config/database.toml",
        "[development.connections.sqlite]\ndebug = true\n",
    );
    project
}

#[test]
fn a_run_with_debug_on_completes_when_both_pipes_are_closed() {
    let project = debug_project(6);
    let code = run_with_closed_pipes(&project, &["migration:run"]);
    assert_eq!(code, 0, "the work succeeded, so the exit code is 0");
    let applied = project.query("SELECT COUNT(*) FROM dbm_schema");
    assert_eq!(applied, [["6"]], "every migration was applied");
    let states = project.states();
    assert!(states.iter().all(|s| s.1 == "completed"), "{states:?}");
}

#[test]
fn every_command_survives_closed_pipes() {
    let project = debug_project(3);
    for args in [
        &["migration:run", "--json"][..],
        &["migration:status"],
        &["migration:status", "--json"],
        &["migration:rollback", "-v"],
        &["migration:run", "-vvv"],
        &["drivers"],
        &["completions", "bash"],
        &["make:migration", "create_posts_table"],
    ] {
        assert_eq!(run_with_closed_pipes(&project, args), 0, "dbm {args:?}");
    }
    assert_eq!(project.query("SELECT COUNT(*) FROM dbm_schema"), [["3"]]);
    assert_eq!(
        run_with_closed_pipes(&project, &["migration:rollback", "--batch", "nope"]),
        2,
        "a usage error keeps its exit code"
    );
}
