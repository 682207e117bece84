//! A failure in the middle of a batch.

use crate::support::{Project, create_table};

#[test]
fn a_failure_mid_batch_keeps_earlier_migrations_and_leaves_no_trace_of_the_failing_one() {
    let failing = "-- dbm:up\nCREATE TABLE half (id integer);\nINSERT INTO nowhere VALUES (1);\n-- dbm:down\nDROP TABLE half;\n";
    let project = Project::with_migrations(&[
        ("1_a.toml", &create_table("a")),
        ("2_broken.sql", failing),
        ("3_c.toml", &create_table("c")),
    ]);
    let (code, stdout, stderr) = project.run(&["migration:run"]);
    assert_eq!(code, 1, "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(
        stdout.contains("❯ migrated database/migrations/1_a"),
        "{stdout}"
    );
    assert!(
        stdout.contains("❯ error database/migrations/2_broken"),
        "{stdout}"
    );
    assert!(
        stderr.contains("migration database/migrations/2_broken failed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("INSERT INTO nowhere VALUES (1)"),
        "the statement is shown:\n{stderr}"
    );
    assert!(
        stderr.contains("no such table: nowhere"),
        "the database's message:\n{stderr}"
    );
    assert_eq!(
        project.tables(),
        ["a", "dbm_schema", "dbm_schema_versions"],
        "no trace of `half`"
    );
    let states: Vec<_> = project.states().into_iter().map(|s| s.1).collect();
    assert_eq!(states, ["completed", "pending", "pending"]);
}

#[test]
fn a_migration_without_transaction_keeps_statements_that_ran_before_the_error() {
    let failing = "-- dbm:up transaction:false\n".replace("dbm:up", "migrate:up")
        + "CREATE TABLE kept (id integer);\nINSERT INTO nowhere VALUES (1);\n";
    let project = Project::with_migrations(&[("1_nt.sql", &failing)]);
    let (code, _, stderr) = project.run(&["migration:run"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(project.tables().contains(&"kept".to_string()));
    assert_eq!(project.states()[0].1, "pending", "nothing recorded");
}

#[test]
fn a_failed_sql_migration_outside_a_transaction_lists_what_remains() {
    let sql = "-- dbm:no-transaction\n-- dbm:up\nCREATE TABLE kept (id integer);\nINSERT INTO nowhere VALUES (1);\n";
    let project = Project::with_migrations(&[("1_nt.sql", sql)]);
    let (code, _, stderr) = project.run(&["migration:run"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("had applied (outside a transaction) and remain"),
        "{stderr}"
    );
    assert!(
        stderr.contains("    CREATE TABLE kept (id integer)"),
        "{stderr}"
    );
    assert!(project.tables().contains(&"kept".to_string()));
}

#[test]
fn a_failed_toml_migration_outside_a_transaction_is_undone_by_inverses() {
    let toml = format!(
        "transaction = false\n\n{}\n[[up]]\nalter_table = \"undo_me\"\nadd_columns = [{{ name = \"extra\", type = \"integer\" }}]\n\n[[up]]\nsql = \"INSERT INTO nowhere VALUES (1)\"\n\n[[down]]\ndrop_table = \"undo_me\"\n",
        create_table("undo_me")
    );
    let project =
        Project::with_migrations(&[("1_a.toml", &create_table("a")), ("2_nt.toml", &toml)]);
    let (code, _, stderr) = project.run(&["migration:run"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("were undone by"), "{stderr}");
    assert!(stderr.contains("DROP TABLE \"undo_me\""), "{stderr}");
    assert_eq!(project.tables(), ["a", "dbm_schema", "dbm_schema_versions"]);
    let states: Vec<_> = project.states().into_iter().map(|s| s.1).collect();
    assert_eq!(states, ["completed", "pending"]);
}

#[test]
fn an_unreachable_server_is_one_line_naming_the_connection_without_the_password() {
    for (driver, url) in [
        ("postgres", "postgres://app:s3cr3t@127.0.0.1:1/app"),
        ("mysql", "mysql://app:s3cr3t@127.0.0.1:1/app"),
    ] {
        let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
        project.write(
            "config/database.toml",
            &format!("[default.connections.remote]\ndriver = \"{driver}\"\nurl = \"{url}\"\n"),
        );
        let (code, stdout, stderr) = project.run(&["-c", "remote", "migration:run"]);
        assert_eq!(code, 1, "{driver}: {stderr}");
        assert!(
            !stdout.contains("s3cr3t") && !stderr.contains("s3cr3t"),
            "{stderr}"
        );
        assert!(
            stderr.contains("`remote`"),
            "names the connection: {stderr}"
        );
        assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    }
}

#[test]
fn a_schema_rule_is_refused_in_backticks_before_any_statement_runs() {
    let empty_type = "[[up]]\ncreate_table = \"t\"\ncolumns = [\n  { name = \"g\", type = \"specific\", sql_type = \" \" },\n]\n";
    let project =
        Project::with_migrations(&[("1_a.toml", &create_table("a")), ("2_geo.toml", empty_type)]);
    for args in [&["migration:run", "--dry-run"][..], &["migration:run"][..]] {
        let (code, stdout, stderr) = project.run(args);
        assert_eq!(code, 1, "{args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        assert!(
            stderr.contains("column `g` has type `specific` with an empty `sql_type`"),
            "{args:?}: one message, quoted the same on every database:\n{stderr}"
        );
    }
    assert_eq!(
        project.tables(),
        ["dbm_schema", "dbm_schema_versions"],
        "refused before the batch ran"
    );
}
