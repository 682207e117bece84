//! An unfinished migration (an `alter_table` that changes nothing, a `.sql` file with no
//! statement) is an error of that migration only: `migration:check` reports it, the commands
//! that would run it refuse with exit code 2 before anything runs, and `migration:status`,
//! `migration:rollback` and `migration:check` keep working.

use crate::support::{Project, create_table};

const EMPTY_ALTER: &str = "[[up]]\nalter_table = \"users\"\n";

/// A project with `users` applied, then an unfinished migration `unfinished` written after it.
fn applied_then(unfinished: &str) -> Project {
    let project = Project::with_migrations(&[("1_users.toml", &create_table("users"))]);
    project.ok(&["migration:run"]);
    project.write(
        &format!("database/migrations/2_{unfinished}"),
        match unfinished {
            n if n.ends_with(".sql") => "-- dbm:up\n-- nothing yet\n\n-- dbm:down\n",
            _ => EMPTY_ALTER,
        },
    );
    project
}

fn refuses(project: &Project, args: &[&str], expected: &[&str]) {
    let before = project.states();
    let (code, stdout, stderr) = project.run(args);
    assert_eq!(
        code, 2,
        "dbm {args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    for text in expected {
        assert!(stderr.contains(text), "dbm {args:?}: {text:?} in\n{stderr}");
    }
    assert_eq!(project.states(), before, "dbm {args:?} changed nothing");
}

#[test]
fn an_empty_alter_table_blocks_only_the_commands_that_would_run_it() {
    let project = applied_then("add_bio_to_users.toml");

    let (code, status, stderr) = project.run(&["migration:status"]);
    assert_eq!(code, 0, "{status}\n{stderr}");
    assert!(status.contains("2_add_bio_to_users"), "{status}");
    assert!(
        stderr.contains(
            "warning: database/migrations/2_add_bio_to_users.toml is not finished: up[0]"
        ),
        "status says which migration is to fill in:\n{stderr}"
    );

    let (code, stdout, stderr) = project.run(&["migration:check"]);
    assert_eq!(code, 2, "check\n{stdout}\n{stderr}");
    let report = format!("{stdout}{stderr}");
    assert!(
        report.contains("2_add_bio_to_users")
            && report.contains("up[0]")
            && report.contains("changes nothing"),
        "check names the migration and the entry:\n{report}"
    );

    for args in [
        &["migration:run"][..],
        &["migration:run", "--no-check"],
        &["migration:run", "--dry-run"],
        &["migration:refresh", "--force"],
        &["migration:refresh", "--no-check"],
        &["migration:fresh", "--force"],
        &["migration:fresh", "--no-check"],
    ] {
        refuses(&project, args, &["2_add_bio_to_users", "changes nothing"]);
    }
    assert!(project.tables().contains(&"users".to_string()));

    project.ok(&["migration:rollback"]);
    assert!(!project.tables().contains(&"users".to_string()));
    project.remove("database/migrations/2_add_bio_to_users.toml");
    project.ok(&["migration:run"]);
}

#[test]
fn an_empty_sql_migration_is_an_error_too() {
    let project = applied_then("seed.sql");
    project.ok(&["migration:status"]);
    let (code, stdout, stderr) = project.run(&["migration:check"]);
    assert_eq!(code, 2, "check\n{stdout}\n{stderr}");
    assert!(
        format!("{stdout}{stderr}").contains("2_seed"),
        "{stdout}\n{stderr}"
    );
    refuses(&project, &["migration:run"], &["2_seed", "no statement"]);
    refuses(
        &project,
        &["migration:run", "--no-check"],
        &["2_seed", "no statement"],
    );
    project.ok(&["migration:rollback"]);
}

#[test]
fn an_unfinished_down_refuses_only_the_rollback_that_reverts_it() {
    let project = Project::with_migrations(&[
        ("1_users.toml", &create_table("users")),
        (
            "2_remove_name_from_users.toml",
            "[[up]]\nalter_table = \"users\"\nadd_columns = [{ name = \"bio\", type = \"text\" }]\n\n[[down]]\nalter_table = \"users\"\n",
        ),
    ]);
    project.ok(&["migration:run", "--no-check"]);
    refuses(
        &project,
        &["migration:rollback"],
        &["2_remove_name_from_users", "down[0]", "changes nothing"],
    );
    refuses(
        &project,
        &["migration:reset"],
        &["2_remove_name_from_users"],
    );
    project.ok(&["migration:status"]);
}
