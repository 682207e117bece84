//! `make:migration` never writes a file that breaks the project: odd table names are escaped
//! and load, impossible ones are refused with exit code 2 and nothing written.

use crate::support::Project;

fn migration_files(project: &Project) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(project.path().join("database/migrations")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

fn project() -> Project {
    let project = Project::new();
    project.ok(&["init"]);
    project
}

/// Runs `make:migration` expecting a refusal: exit code 2, a message, no file.
fn refused(args: &[&str], why: &str) {
    let project = project();
    let mut full = vec!["make:migration"];
    full.extend_from_slice(args);
    let (code, stdout, stderr) = project.run(&full);
    assert_eq!(
        code, 2,
        "{why}: dbm {full:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(stderr.contains("error:"), "{why}: a message\n{stderr}");
    assert_eq!(
        migration_files(&project),
        Vec::<String>::new(),
        "{why}: nothing written"
    );
}

#[test]
fn odd_table_names_are_written_escaped_and_the_file_loads_checks_and_runs() {
    for table in [
        "x\"y",
        "back\\slash",
        "o'brien",
        "tab\there",
        "ünïcode",
        "with space",
        "\"",
        "#not_a_comment",
    ] {
        let project = project();
        project.ok(&["make:migration", "create_odd", "--create", table]);
        project.ok(&["make:migration", "alter_odd", "--alter", table]);
        let files = migration_files(&project);
        assert_eq!(files.len(), 2, "{table:?}: {files:?}");
        let (code, stdout, stderr) = project.run(&["migration:check"]);
        assert_eq!(code, 0, "{table:?}: check\n{stdout}\n{stderr}");
        let (code, stdout, stderr) = project.run(&["migration:run", "--dry-run"]);
        assert_eq!(code, 0, "{table:?}: dry run\n{stdout}\n{stderr}");
        assert!(
            stdout.contains("2 migrations planned"),
            "{table:?}: dry run\n{stdout}"
        );
        let (code, stdout, stderr) = project.run(&["migration:run"]);
        assert_eq!(code, 0, "{table:?}: run\n{stdout}\n{stderr}");
        let tables = project.tables();
        assert!(
            tables.iter().any(|t| t == table),
            "{table:?} was created: {tables:?}"
        );
    }
}

#[test]
fn blank_tables_and_a_pivot_of_one_table_are_refused() {
    refused(&["create_x", "--create", ""], "an empty --create");
    refused(&["alter_x", "--alter", ""], "an empty --alter");
    refused(&["create_x", "--create", "   "], "a blank --create");
    refused(&["--pivot", "users", "users"], "a pivot of one table");
    refused(
        &["--pivot", "user", "users"],
        "a pivot of one table, singular",
    );
    refused(&["--pivot", "", "users"], "a pivot with an empty table");
    refused(&["--pivot", "--", "users"], "a pivot with no usable name");
}

#[test]
fn names_over_the_identifier_and_file_name_limits_are_refused() {
    let long = "a".repeat(64);
    refused(
        &[&format!("create_{long}_table")],
        "an inferred table over 63 bytes",
    );
    refused(&["create_x", "--create", &long], "--create over 63 bytes");
    refused(&["add_y_to_x", "--alter", &long], "--alter over 63 bytes");
    refused(
        &["create_x", "--create", &"é".repeat(32)],
        "64 bytes in 32 characters",
    );
    refused(
        &["--pivot", &"b".repeat(40), &"c".repeat(40)],
        "a pivot table over 63 bytes",
    );
    refused(
        &["--pivot", "users", &"c".repeat(62)],
        "a pivot column over 63 bytes",
    );
    refused(
        &[&"n".repeat(190), "--create", "t"],
        "a file name over 200 bytes",
    );
    refused(
        &[&"n".repeat(190), "--sql"],
        "an SQL file name over 200 bytes",
    );

    let project = project();
    let at_limit = "a".repeat(63);
    project.ok(&["make:migration", "create_x", "--create", &at_limit]);
    project.ok(&["make:migration", &"n".repeat(150), "--create", "t"]);
    project.ok(&["migration:run"]);
    assert!(project.tables().contains(&at_limit));
}

#[test]
fn every_template_loads_checks_and_runs_as_written() {
    let project = project();
    for args in [
        &["create_users_table"][..],
        &["create_challenges_table"],
        &["--pivot", "users", "challenges"],
        &["add_bio_to_users"],
        &["alter_challenges_table"],
        &["seed_users", "--sql"],
    ] {
        let mut full = vec!["make:migration"];
        full.extend_from_slice(args);
        project.ok(&full);
    }
    assert_eq!(migration_files(&project).len(), 6);
    project.ok(&["migration:check"]);
    project.ok(&["migration:run", "--dry-run"]);
    project.ok(&["migration:run"]);
    assert_eq!(project.tables().len(), 3 + 2, "{:?}", project.tables());
    project.ok(&["migration:rollback"]);
}
