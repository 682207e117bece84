//! The Lucid lifecycle through the binary: init, make, run, status, rollback, reset,
//! refresh, fresh.

use crate::support::{Project, create_table};

#[test]
fn init_make_run_status_rollback_work_in_an_empty_folder() {
    let project = Project::new();
    project.ok(&["init"]);
    assert!(project.path().join("config/database.toml").is_file());
    assert!(project.path().join("database/migrations").is_dir());

    let out = project.ok(&["make:migration", "create_posts_table"]);
    assert!(out.contains("_create_posts_table.toml"), "{out}");

    let out = project.ok(&["migration:run"]);
    assert!(out.contains("❯ migrated database/migrations/"), "{out}");
    assert!(out.contains("Migrated in "), "{out}");
    assert_eq!(
        project.tables(),
        ["dbm_schema", "dbm_schema_versions", "posts"]
    );

    let states = project.states();
    assert_eq!(states.len(), 1);
    assert_eq!(states[0].1, "completed");
    assert_eq!(states[0].2, Some(1));

    let out = project.ok(&["migration:rollback"]);
    assert!(out.contains("❯ reverted database/migrations/"), "{out}");
    assert_eq!(project.tables(), ["dbm_schema", "dbm_schema_versions"]);
    assert_eq!(project.states()[0].1, "pending");
}

#[test]
fn run_without_config_creates_the_default_sqlite_file() {
    let project = Project::with_migrations(&[("1_create_roles.toml", &create_table("roles"))]);
    assert!(!project.db_path().exists());
    project.ok(&["migration:run"]);
    assert!(project.db_path().is_file());
    assert!(project.tables().contains(&"roles".to_string()));
}

#[test]
fn status_on_a_fresh_folder_creates_nothing() {
    let project = Project::with_migrations(&[("1_create_roles.toml", &create_table("roles"))]);
    let states = project.states();
    assert_eq!(
        states,
        [(
            "database/migrations/1_create_roles".into(),
            "pending".into(),
            None
        )]
    );
    assert!(!project.path().join("tmp").exists(), "status created files");
}

#[test]
fn each_run_is_one_batch_and_rollback_reverts_the_latest_newest_first() {
    let project = Project::with_migrations(&[
        ("1_a.toml", &create_table("a")),
        ("2_b.toml", &create_table("b")),
    ]);
    project.ok(&["migration:run"]);
    project.write("database/migrations/3_c.toml", &create_table("c"));
    project.write("database/migrations/10_d.toml", &create_table("d"));
    let out = project.ok(&["migration:run"]);
    let c = out.find("3_c").expect("3_c ran");
    let d = out.find("10_d").expect("10_d ran");
    assert!(c < d, "natural sort: 3 before 10\n{out}");
    let batches: Vec<_> = project.states().into_iter().map(|s| s.2).collect();
    assert_eq!(batches, [Some(1), Some(1), Some(2), Some(2)]);

    let out = project.ok(&["migration:rollback"]);
    let d = out
        .find("reverted database/migrations/10_d")
        .expect("d reverted");
    let c = out
        .find("reverted database/migrations/3_c")
        .expect("c reverted");
    assert!(d < c, "newest first\n{out}");
    assert!(!out.contains("1_a"), "{out}");
    assert_eq!(
        project.tables(),
        ["a", "b", "dbm_schema", "dbm_schema_versions"]
    );

    let out = project.ok(&["migration:run"]);
    assert!(out.contains("3_c"));
    let out = project.ok(&["migration:run"]);
    assert!(out.contains("Already up to date"), "{out}");
}

#[test]
fn rollback_leaves_status_exactly_as_before_the_run() {
    let project = Project::with_migrations(&[
        ("1_a.toml", &create_table("a")),
        ("2_b.toml", &create_table("b")),
    ]);
    project.ok(&["migration:run"]);
    let before = project.status();
    let tables_before = project.tables();
    project.write("database/migrations/3_c.toml", &create_table("c"));
    project.write("database/migrations/4_d.toml", &create_table("d"));
    let pending_before = project.status();
    project.ok(&["migration:run"]);
    project.ok(&["migration:rollback"]);
    assert_eq!(project.status(), pending_before);
    project.remove("database/migrations/3_c.toml");
    project.remove("database/migrations/4_d.toml");
    assert_eq!(project.status(), before);
    assert_eq!(project.tables(), tables_before);
}

#[test]
fn step_reverts_the_newest_migrations_across_batches() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.ok(&["migration:run"]);
    project.write("database/migrations/2_b.toml", &create_table("b"));
    project.ok(&["migration:run"]);
    project.write("database/migrations/3_c.toml", &create_table("c"));
    project.ok(&["migration:run"]);
    let out = project.ok(&["migration:rollback", "--step", "2"]);
    assert!(out.contains("reverted database/migrations/3_c"), "{out}");
    assert!(out.contains("reverted database/migrations/2_b"), "{out}");
    let states: Vec<_> = project.states().into_iter().map(|s| s.1).collect();
    assert_eq!(states, ["completed", "pending", "pending"]);
}

#[test]
fn batch_reverts_every_batch_after_n_and_zero_reverts_all() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.ok(&["migration:run"]);
    project.write("database/migrations/2_b.toml", &create_table("b"));
    project.ok(&["migration:run"]);
    project.write("database/migrations/3_c.toml", &create_table("c"));
    project.ok(&["migration:run"]);
    project.ok(&["migration:rollback", "--batch", "1"]);
    let states: Vec<_> = project.states().into_iter().map(|s| s.1).collect();
    assert_eq!(states, ["completed", "pending", "pending"]);
    project.ok(&["migration:rollback", "--batch", "0"]);
    let states: Vec<_> = project.states().into_iter().map(|s| s.1).collect();
    assert_eq!(states, ["pending", "pending", "pending"]);
    let out = project.ok(&["migration:rollback"]);
    assert!(out.contains("Already at latest batch"), "{out}");
}

#[test]
fn reset_refresh_and_fresh_rebuild_the_schema() {
    let project = Project::with_migrations(&[
        ("1_a.toml", &create_table("a")),
        ("2_b.toml", &create_table("b")),
    ]);
    project.ok(&["migration:run"]);
    project.ok(&["migration:reset"]);
    assert_eq!(project.tables(), ["dbm_schema", "dbm_schema_versions"]);

    project.ok(&["migration:run"]);
    project.query("INSERT INTO a (name) VALUES ('x')");
    let out = project.ok(&["migration:refresh"]);
    assert!(
        out.contains("reverted") && out.contains("migrated"),
        "{out}"
    );
    assert_eq!(project.query("SELECT COUNT(*) FROM a"), [["0"]]);

    project.query("CREATE TABLE stray (id integer)");
    let out = project.ok(&["migration:fresh"]);
    let dropped = out.find("dropped table stray");
    let migrated = out.find("migrated");
    assert!(
        dropped.is_some() && migrated.is_some() && dropped < migrated,
        "the drops are printed before the run: {out}"
    );
    assert_eq!(
        project.tables(),
        ["a", "b", "dbm_schema", "dbm_schema_versions"]
    );
    let batches: Vec<_> = project.states().into_iter().map(|s| s.2).collect();
    assert_eq!(batches, [Some(1), Some(1)]);
}

#[test]
fn fake_records_migrations_without_running_them() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    let out = project.ok(&["migration:run", "--fake"]);
    assert!(out.contains("❯ faked database/migrations/1_a"), "{out}");
    assert_eq!(project.tables(), ["dbm_schema", "dbm_schema_versions"]);
    assert_eq!(project.states()[0].1, "completed");
}

#[test]
fn dry_run_prints_the_sql_and_changes_nothing() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    let out = project.ok(&["migration:run", "--dry-run"]);
    assert!(out.contains("CREATE TABLE \"a\""), "{out}");
    assert!(
        !project.path().join("tmp").exists(),
        "dry run created files"
    );

    project.ok(&["migration:run"]);
    let bytes = project.db_bytes();
    let out = project.ok(&["migration:rollback", "--dry-run"]);
    assert!(out.contains("DROP TABLE \"a\""), "{out}");
    assert_eq!(project.db_bytes(), bytes);
}

#[test]
fn run_json_is_a_document_on_stdout() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    let out = project.ok(&["migration:run", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(doc["status"], "ok");
    assert_eq!(doc["batch"], 1);
    assert_eq!(doc["migrations"][0]["name"], "database/migrations/1_a");
}

#[test]
fn json_commands_that_fail_early_still_print_one_document() {
    let project = Project::with_migrations(&[("1_a.toml", "[[up]]\ncreate_tabel = \"a\"\n")]);
    for args in [
        &["migration:run", "--json"][..],
        &["migration:status", "--json"],
        &["migration:check", "--json"],
    ] {
        let (code, stdout, stderr) = project.run(args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        let doc: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{args:?}: one JSON document on stdout ({e}):\n{stdout}"));
        assert_eq!(doc["status"], "error", "{args:?}");
        assert_eq!(doc["exit_code"], 2, "{args:?}");
        assert!(
            doc["error"]
                .as_str()
                .is_some_and(|e| e.contains("1_a.toml")),
            "{args:?}: {doc}"
        );
    }
}

#[test]
fn status_reports_changed_and_missing_files() {
    let project = Project::with_migrations(&[
        ("1_a.toml", &create_table("a")),
        ("2_b.toml", &create_table("b")),
    ]);
    project.ok(&["migration:run"]);
    project.write(
        "database/migrations/1_a.toml",
        &format!("{}\n# edited\n", create_table("a")),
    );
    project.remove("database/migrations/2_b.toml");
    let states: Vec<_> = project.states().into_iter().map(|s| (s.0, s.1)).collect();
    assert_eq!(
        states,
        [
            ("database/migrations/1_a".to_string(), "changed".to_string()),
            ("database/migrations/2_b".to_string(), "missing".to_string()),
        ]
    );
    let (code, _, stderr) = project.run(&["migration:rollback"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("2_b") && stderr.contains("missing"),
        "{stderr}"
    );
    assert_eq!(
        project.tables(),
        ["a", "b", "dbm_schema", "dbm_schema_versions"]
    );
}

#[test]
fn a_migration_name_with_a_quote_is_recorded_and_reverted() {
    let project = Project::with_migrations(&[("1_it's.toml", &create_table("a"))]);
    project.ok(&["migration:run"]);
    assert_eq!(
        project.query("SELECT name FROM dbm_schema"),
        [["database/migrations/1_it's"]]
    );
    project.ok(&["migration:rollback"]);
    assert_eq!(project.query("SELECT COUNT(*) FROM dbm_schema"), [["0"]]);
}

#[test]
fn dry_run_plans_a_rebuild_of_a_table_created_earlier_in_the_same_batch() {
    let alter = "[[up]]\nalter_table = \"a\"\nrename_columns = { name = \"title\" }\nalter_columns = [{ name = \"title\", type = \"string\", length = 50, nullable = false, default = \"x\" }]\n\n[[down]]\nalter_table = \"a\"\nrename_columns = { title = \"name\" }\n";
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.ok(&["migration:run"]);
    project.write("database/migrations/2_b.toml", &create_table("b"));
    project.write(
        "database/migrations/3_b_alter.toml",
        &alter.replace("\"a\"", "\"b\""),
    );
    let bytes = project.db_bytes();
    let out = project.ok(&["migration:run", "--dry-run"]);
    assert!(
        out.contains("ALTER TABLE \"b\" RENAME COLUMN \"name\" TO \"title\""),
        "{out}"
    );
    assert!(
        out.contains("CREATE TABLE \"_dbm_new_b\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"title\" varchar(50) NOT NULL DEFAULT 'x')"),
        "the rebuild is planned against b as 2_b and the rename leave it:\n{out}"
    );
    assert_eq!(
        project.db_bytes(),
        bytes,
        "the dry run changed the database"
    );
    assert_eq!(project.tables(), ["a", "dbm_schema", "dbm_schema_versions"]);
}

#[test]
fn dry_run_reports_a_failing_statement_with_exit_code_1() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.ok(&["migration:run"]);
    project.write(
        "database/migrations/2_bad.sql",
        "-- dbm:up\nINSERT INTO nowhere VALUES (1);\n",
    );
    let bytes = project.db_bytes();
    let (code, _, stderr) = project.run(&["migration:run", "--dry-run"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("no such table: nowhere"), "{stderr}");
    assert_eq!(project.db_bytes(), bytes);
}

#[test]
fn status_exit_code_is_1_when_the_database_cannot_be_reached() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    // Nothing listens on port 1 of the loopback: the connection is refused at once.
    project.write(
        "config/database.toml",
        "[default]\nconnection = \"pg\"\n\n[default.connections.pg]\ndriver = \"postgres\"\nurl = \"postgres://postgres@127.0.0.1:1/nowhere\"\n",
    );
    let (code, stdout, stderr) = project.run(&["migration:status", "--exit-code"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("127.0.0.1"), "names the server: {stderr}");
}
