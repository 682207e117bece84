//! Bad input is a clear error with exit code 2, and the database is left byte-identical.

use crate::support::{Project, create_table};

/// A project whose first migration has run, so the database file exists.
fn migrated() -> Project {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.ok(&["migration:run"]);
    project
}

/// Asserts `dbm args` exits 2, says each of `expected`, and leaves the database untouched.
fn rejects(project: &Project, args: &[&str], expected: &[&str]) {
    let before = project.db_bytes();
    let (code, stdout, stderr) = project.run(args);
    assert_eq!(
        code, 2,
        "dbm {args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    for text in expected {
        assert!(
            stderr.contains(text),
            "dbm {args:?}: stderr lacks {text:?}:\n{stderr}"
        );
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        project.db_bytes(),
        before,
        "dbm {args:?} changed the database"
    );
}

fn bad_migration(file: &str, content: &str, expected: &[&str]) {
    let project = migrated();
    project.write(&format!("database/migrations/{file}"), content);
    rejects(&project, &["migration:run"], expected);
}

#[test]
fn a_toml_syntax_error_names_file_and_line() {
    bad_migration(
        "2_b.toml",
        "[[up]]\ncreate_table = \"b\nx",
        &["database/migrations/2_b.toml", "line 2"],
    );
}

#[test]
fn an_unknown_type_names_the_entry_and_lists_the_types() {
    let toml = "[[up]]\ncreate_table = \"b\"\ncolumns = [\n  { name = \"id\", type = \"increments\" },\n  { name = \"x\", type = \"strin\" },\n]\n";
    bad_migration(
        "2_b.toml",
        toml,
        &["2_b.toml", "up[0].columns[1]", "string", "big_integer"],
    );
}

#[test]
fn an_unknown_column_key_is_an_error() {
    let toml = "[[up]]\ncreate_table = \"b\"\ncolumns = [{ name = \"x\", type = \"string\", nulable = true }]\n";
    bad_migration(
        "2_b.toml",
        toml,
        &["up[0].columns[0]", "nulable", "nullable"],
    );
}

#[test]
fn two_operations_in_one_entry_are_an_error() {
    let toml = "[[up]]\ncreate_table = \"b\"\ndrop_table = \"a\"\n";
    bad_migration("2_b.toml", toml, &["up[0]", "create_table", "drop_table"]);
}

#[test]
fn a_sql_file_without_up_marker_is_an_error() {
    bad_migration(
        "2_b.sql",
        "CREATE TABLE b (id integer);\n",
        &["2_b.sql", "-- dbm:up"],
    );
}

#[test]
fn an_unterminated_string_in_sql_is_an_error_with_its_line() {
    bad_migration(
        "2_b.sql",
        "-- dbm:up\nSELECT 1;\nINSERT INTO a (name) VALUES ('oops);\n",
        &["2_b.sql", "line 3"],
    );
}

#[test]
fn a_stray_file_in_the_migrations_folder_is_an_error_naming_it() {
    bad_migration("README.md", "# notes\n", &["README.md", "not a migration"]);
}

#[test]
fn two_files_with_one_name_are_an_error() {
    bad_migration(
        "1_a.sql",
        "-- dbm:up\nSELECT 1;\n",
        &["two migrations are named database/migrations/1_a"],
    );
}

#[test]
fn config_errors_name_the_file_and_key() {
    let project = migrated();
    project.write(
        "config/database.toml",
        "[default.connections.sqlite]\nurll = \"x\"\n",
    );
    rejects(
        &project,
        &["migration:run"],
        &["config/database.toml", "urll"],
    );

    project.write(
        "config/database.toml",
        "[connections.pg]\ndriver = \"postgres\"\n",
    );
    rejects(&project, &["migration:run"], &["[default.connections"]);

    project.write(
        "config/database.toml",
        "[default.migrations]\ntransaction = \"sometimes\"\n",
    );
    rejects(
        &project,
        &["migration:run"],
        &["transaction", "per_migration"],
    );

    project.write(
        "config/database.toml",
        "[default.migrations]\nlock_timeout = \"soon\"\n",
    );
    rejects(&project, &["migration:run"], &["lock_timeout"]);

    project.write(
        "config/database.toml",
        "[default]\nconnection = \"sqlite\"\n[production.migrations]\ntabel = \"x\"\n",
    );
    rejects(&project, &["migration:run"], &["tabel"]);
}

#[test]
fn unknown_connections_drivers_and_flags_are_usage_errors() {
    let project = migrated();
    rejects(
        &project,
        &["-c", "nope", "migration:run"],
        &["nope", "sqlite"],
    );
    rejects(
        &project,
        &["migration:rollback", "--stepp", "1"],
        &["--stepp"],
    );
    rejects(
        &project,
        &["migration:rollback", "--step", "0"],
        &["--step"],
    );
    project.write(
        "config/database.toml",
        "[default.connections.other]\ndriver = \"oracle\"\nurl = \"oracle://x\"\n",
    );
    rejects(&project, &["-c", "other", "migration:run"], &["oracle"]);
}

#[test]
fn a_malformed_sqlite_url_is_a_usage_error() {
    let project = migrated();
    project.write(
        "config/database.toml",
        "[default.connections.sqlite]\nurl = \"postgres://nope\"\n",
    );
    rejects(&project, &["migration:run"], &["sqlite"]);
}

#[test]
fn production_without_force_refuses_and_changes_nothing() {
    let project = migrated();
    project.write("database/migrations/2_b.toml", &create_table("b"));
    rejects(
        &project,
        &["--env", "production", "migration:run"],
        &["production", "--force"],
    );
    rejects(
        &project,
        &["--env", "production", "migration:rollback"],
        &["--force"],
    );
    rejects(&project, &["--env", "production", "db:wipe"], &["--force"]);
    project.ok(&["--env", "production", "migration:run", "--force"]);
    assert!(project.tables().contains(&"b".to_string()));
}

#[test]
fn passwords_never_appear_in_errors() {
    let project = migrated();
    // Each error carries the connection's URL: a refused connection (exit 1) and a URL the
    // driver cannot read (exit 2). Both must show it with the password masked.
    for (url, code, shown) in [
        (
            "postgres://app:s3cr3t@127.0.0.1:1/app",
            1,
            "postgres://app:***@127.0.0.1:1/app",
        ),
        (
            "postgres:/app:s3cr3t@127.0.0.1/app",
            2,
            "postgres:***@127.0.0.1/app",
        ),
    ] {
        project.write(
            "config/database.toml",
            &format!("[default.connections.pg]\ndriver = \"postgres\"\nurl = \"{url}\"\n"),
        );
        for json in [false, true] {
            let mut args = vec!["-c", "pg", "migration:status"];
            if json {
                args.push("--json");
            }
            let (exit, stdout, stderr) = project.run(&args);
            assert_eq!(exit, code, "dbm {args:?}: {stderr}");
            assert!(
                !stdout.contains("s3cr3t") && !stderr.contains("s3cr3t"),
                "the password appears:\n{stdout}\n{stderr}"
            );
            let output = if json { &stdout } else { &stderr };
            assert!(output.contains(shown), "the error shows the URL: {output}");
        }
    }
}

#[test]
fn run_to_and_step_refuse_what_they_cannot_run_and_change_nothing() {
    let project = migrated();
    project.write("database/migrations/2_b.toml", &create_table("b"));
    project.write("database/migrations/3_c.toml", &create_table("c"));
    rejects(
        &project,
        &["migration:run", "--to", "9_nope"],
        &["9_nope", "no migration has that name", "nothing was run"],
    );
    rejects(
        &project,
        &["migration:run", "--to", "1_a.toml", "--fake"],
        &["database/migrations/1_a", "not pending", "batch 1"],
    );
    rejects(
        &project,
        &["migration:run", "--to", "1_a", "--dry-run"],
        &["database/migrations/1_a", "not pending"],
    );
    rejects(
        &project,
        &["migration:run", "--to", "3_c", "--step", "1"],
        &["--to", "--step"],
    );
    rejects(&project, &["migration:run", "--step", "0"], &["--step"]);
    rejects(&project, &["migration:run", "--step", "x"], &["--step"]);
}

#[test]
fn run_to_an_unknown_name_creates_no_database() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    for extra in [&[][..], &["--fake"], &["--no-check"]] {
        let mut args = vec!["migration:run", "--to", "nope"];
        args.extend_from_slice(extra);
        let (code, stdout, stderr) = project.run(&args);
        assert_eq!(code, 2, "{args:?}\n{stdout}{stderr}");
        assert!(stderr.contains("nope"), "{stderr}");
        assert!(!project.db_path().exists(), "{args:?} created the database");
    }
}

#[test]
fn run_to_checks_and_runs_only_the_migrations_up_to_its_name() {
    let project = migrated();
    project.write("database/migrations/2_b.toml", &create_table("b"));
    // Not finished, and it adds a column to a table that does not exist: only a run that
    // reaches it refuses.
    project.write(
        "database/migrations/3_c.toml",
        "[[up]]\nalter_table = \"nowhere\"\nadd_columns = [{ name = \"x\", type = \"integer\" }]\n",
    );
    rejects(&project, &["migration:run"], &["3_c"]);
    project.ok(&["migration:run", "--to", "2_b"]);
    assert_eq!(
        project.tables(),
        ["a", "b", "dbm_schema", "dbm_schema_versions"]
    );
    rejects(&project, &["migration:run", "--step", "1"], &["3_c"]);
}

#[test]
fn status_exit_code_is_2_for_bad_usage_and_config() {
    let project = migrated();
    rejects(
        &project,
        &["migration:status", "--exit-code", "--bogus"],
        &["--bogus"],
    );
    project.write(
        "config/database.toml",
        "[default]\nconnection = \"sqlite\"\n[default.migrations]\ntabel = \"x\"\n",
    );
    rejects(&project, &["migration:status", "--exit-code"], &["tabel"]);
}
