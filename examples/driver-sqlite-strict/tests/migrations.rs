//! The demo app's migrations (`database/migrations/*.toml` at the repository root) run by
//! dbm-core's `Migrator` on a database file through this driver, linked in directly.

mod common;

use std::path::Path;

use common::{CREATE, open, repo_root, tables, text, texts};
use dbm_core::Migrator;
use dbm_core::driver::{Driver, Value};
use dbm_core::migration::MigrationSource;
use dbm_core::migrator::{RollbackTarget, RunOptions, State};
use dbm_driver_sqlite_strict::SqliteStrictDriver;

const DEMO: [&str; 5] = [
    "1732540000000_create_roles_table",
    "1732540000001_create_users_table",
    "1732540000002_create_profiles_table",
    "1732540000003_create_challenges_table",
    "1732540000004_create_challenge_user_table",
];

const DEMO_TABLES: [&str; 5] = ["challenge_user", "challenges", "profiles", "roles", "users"];

/// A migrator over the demo app's migrations on `<root>/tmp/strict.sqlite3`.
async fn migrator(root: &Path) -> Migrator {
    let migrations = MigrationSource::new(repo_root(), vec!["database/migrations".into()])
        .load()
        .expect("the demo migrations load");
    let conn = open(root, "sqlite_strict://tmp/strict.sqlite3", CREATE).await;
    Migrator::new(conn, SqliteStrictDriver.dialect(), migrations)
}

/// A migrator that has applied the demo app's migrations.
async fn migrated(root: &Path) -> Migrator {
    let mut migrator = migrator(root).await;
    migrator
        .run(RunOptions::default())
        .await
        .unwrap_or_else(|e| panic!("the demo migrations run: {}", e.chain()));
    migrator
}

#[tokio::test]
async fn all_five_demo_migrations_apply_in_one_batch_onto_strict_tables() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut migrator = migrator(root.path()).await;
    let report = migrator
        .run(RunOptions::default())
        .await
        .unwrap_or_else(|e| panic!("runs: {}", e.chain()));
    let applied: Vec<String> = report.migrations.iter().map(|m| m.name.clone()).collect();
    let expected: Vec<String> = DEMO
        .iter()
        .map(|m| format!("database/migrations/{m}"))
        .collect();
    assert_eq!(applied, expected);
    assert_eq!(report.batch, Some(1));

    let conn = migrator.connection();
    let mut all = DEMO_TABLES.map(String::from).to_vec();
    all.extend(["dbm_schema".into(), "dbm_schema_versions".into()]);
    all.sort();
    assert_eq!(tables(conn).await, all);
    let ddl = texts(
        conn,
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .await;
    assert_eq!(ddl.len(), 7);
    for sql in &ddl {
        assert!(sql.ends_with(") STRICT"), "not STRICT: {sql}");
    }
    let strict = texts(
        conn,
        "SELECT name FROM pragma_table_list WHERE strict = 1 AND schema = 'main' \
         AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .await;
    assert_eq!(strict, all, "SQLite itself reports every table as STRICT");
    assert!(
        root.path().join("tmp/strict.sqlite3").is_file(),
        "the URL is relative to the project root"
    );
    migrator.close().await.expect("closes");
}

#[tokio::test]
async fn the_roles_table_is_compiled_to_strict_types_with_checks() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut migrator = migrated(root.path()).await;
    let roles = texts(
        migrator.connection(),
        "SELECT sql FROM sqlite_master WHERE name = 'roles'",
    )
    .await;
    assert_eq!(
        roles,
        [
            "CREATE TABLE \"roles\" (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \
             \"name\" TEXT NOT NULL CONSTRAINT \"roles_name_check\" CHECK (length(\"name\") <= 30), \
             \"created_at\" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, \
             \"updated_at\" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP) STRICT"
        ]
    );
}

#[tokio::test]
async fn introspection_shows_integer_text_and_real_types_keys_and_indexes() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut migrator = migrated(root.path()).await;
    let catalog = migrator
        .connection()
        .introspect()
        .await
        .expect("introspects");
    let names: Vec<&str> = catalog.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "challenge_user",
            "challenges",
            "dbm_schema",
            "dbm_schema_versions",
            "profiles",
            "roles",
            "users"
        ]
    );
    for table in &catalog.tables {
        for column in &table.columns {
            assert!(
                ["integer", "text", "real"].contains(&column.data_type.as_str()),
                "{}.{} has the type {}",
                table.name,
                column.name,
                column.data_type
            );
        }
    }
    let table = |name: &str| {
        catalog
            .tables
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("{name} exists"))
    };

    let users = table("users");
    let columns: Vec<(&str, &str, bool, Option<&str>)> = users
        .columns
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.data_type.as_str(),
                c.nullable,
                c.default.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        columns,
        [
            ("id", "integer", false, None),
            ("role_id", "integer", false, Some("1")),
            ("email", "text", false, None),
            ("created_at", "text", false, Some("CURRENT_TIMESTAMP")),
            ("updated_at", "text", false, Some("CURRENT_TIMESTAMP")),
        ]
    );
    assert_eq!(users.primary_key, ["id"]);
    assert_eq!(users.indexes.len(), 1);
    assert_eq!(users.indexes[0].name, "users_email_unique");
    assert_eq!(users.indexes[0].columns, ["email"]);
    assert!(users.indexes[0].unique);
    assert_eq!(users.foreign_keys.len(), 1);
    let fk = &users.foreign_keys[0];
    assert_eq!(fk.name.as_deref(), Some("users_role_id_foreign"));
    assert_eq!(
        (fk.columns.as_slice(), fk.references_table.as_str()),
        (&["role_id".to_string()][..], "roles")
    );
    assert_eq!(fk.references_columns, ["id"]);
    assert_eq!(
        (fk.on_delete.as_str(), fk.on_update.as_str()),
        ("NO ACTION", "NO ACTION")
    );

    let profiles = table("profiles");
    let is_public = profiles
        .columns
        .iter()
        .find(|c| c.name == "is_public")
        .expect("is_public");
    assert_eq!(
        (is_public.data_type.as_str(), is_public.default.as_deref()),
        ("integer", Some("1")),
        "a boolean is an INTEGER with 1 for true"
    );
    assert_eq!(profiles.foreign_keys[0].on_delete, "CASCADE");

    let pivot = table("challenge_user");
    let fks: Vec<Option<&str>> = pivot
        .foreign_keys
        .iter()
        .map(|f| f.name.as_deref())
        .collect();
    assert_eq!(
        fks,
        [
            Some("challenge_user_challenge_id_foreign"),
            Some("challenge_user_user_id_foreign")
        ]
    );
    assert_eq!(pivot.indexes.len(), 1);
    assert_eq!(
        pivot.indexes[0].name,
        "challenge_user_challenge_id_user_id_unique"
    );
    assert_eq!(pivot.indexes[0].columns, ["challenge_id", "user_id"]);
}

#[tokio::test]
async fn strict_tables_refuse_values_of_the_wrong_type_and_checks_carry_the_rest() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut migrator = migrated(root.path()).await;
    let conn = migrator.connection();
    conn.execute("INSERT INTO roles (name) VALUES ('admin')")
        .await
        .expect("a role inserts");

    let error = conn
        .execute("INSERT INTO users (role_id, email) VALUES ('not a number', 'a@example.com')")
        .await
        .expect_err("text into an INTEGER column is refused");
    assert!(
        error
            .message
            .contains("cannot store TEXT value in INTEGER column users.role_id"),
        "{}",
        error.message
    );
    // A text that is an integer is converted losslessly, as STRICT allows.
    conn.execute_with(
        "INSERT INTO users (role_id, email) VALUES (?, ?)",
        &[text("1"), text("a@example.com")],
    )
    .await
    .expect("'1' is stored as the integer 1");
    let rows = conn
        .query("SELECT role_id, typeof(role_id), email FROM users", &[])
        .await
        .expect("reads");
    assert_eq!(
        rows[0].values,
        [Value::Integer(1), text("integer"), text("a@example.com")]
    );

    let too_long = "x".repeat(31);
    let error = conn
        .execute_with("INSERT INTO roles (name) VALUES (?)", &[text(&too_long)])
        .await
        .expect_err("a string over its length is refused");
    assert!(
        error.message.contains("roles_name_check"),
        "{}",
        error.message
    );

    let error = conn
        .execute("INSERT INTO profiles (user_id, is_public) VALUES (1, 2)")
        .await
        .expect_err("a boolean is 0 or 1");
    assert!(
        error.message.contains("profiles_is_public_check"),
        "{}",
        error.message
    );
    conn.execute_with(
        "INSERT INTO profiles (user_id, is_public) VALUES (?, ?)",
        &[Value::Integer(1), Value::Bool(false)],
    )
    .await
    .expect("a bool binds as 0");
    let error = conn
        .execute("INSERT INTO challenges (creator_id, text, points) VALUES (1, 'x', 1.5)")
        .await
        .expect_err("a fractional REAL into an INTEGER column is refused");
    assert!(
        error.message.contains("cannot store REAL value"),
        "{}",
        error.message
    );
    let error = conn
        .execute("INSERT INTO profiles (user_id) VALUES (42)")
        .await
        .expect_err("foreign keys are enforced");
    assert!(error.message.contains("FOREIGN KEY"), "{}", error.message);
}

#[tokio::test]
async fn status_shows_every_demo_migration_completed_in_batch_one() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut migrator = migrated(root.path()).await;
    let status = migrator.status().await.expect("status");
    assert_eq!(status.len(), 5);
    for entry in &status {
        assert_eq!(entry.status, State::Completed, "{}", entry.name);
        assert_eq!(entry.batch, Some(1), "{}", entry.name);
        assert!(entry.migration_time.is_some(), "{}", entry.name);
    }
}

#[tokio::test]
async fn rollback_to_batch_zero_leaves_only_the_tracking_tables() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut migrator = migrated(root.path()).await;
    let report = migrator
        .rollback(RollbackTarget::AfterBatch(0))
        .await
        .unwrap_or_else(|e| panic!("rolls back: {}", e.chain()));
    let reverted: Vec<String> = report.migrations.iter().map(|m| m.name.clone()).collect();
    let expected: Vec<String> = DEMO
        .iter()
        .rev()
        .map(|m| format!("database/migrations/{m}"))
        .collect();
    assert_eq!(reverted, expected, "reverted newest first");
    assert_eq!(
        tables(migrator.connection()).await,
        ["dbm_schema", "dbm_schema_versions"]
    );
    let status = migrator.status().await.expect("status");
    assert!(status.iter().all(|s| s.status == State::Pending));

    // And they apply again, as batch 1.
    let report = migrator
        .run(RunOptions::default())
        .await
        .expect("runs again");
    assert_eq!((report.migrations.len(), report.batch), (5, Some(1)));
    migrator.close().await.expect("closes");
}

#[tokio::test]
async fn a_tracking_table_of_the_first_format_is_upgraded_into_a_strict_column() {
    use dbm_core::schema::Operation;
    let root = tempfile::tempdir().expect("temp dir");
    let mut migrator = migrator(root.path()).await;
    let dialect = SqliteStrictDriver.dialect();
    // `dbm_schema` as the first format had it: no `state` column.
    let mut old = dialect.tracking_table("dbm_schema");
    old.columns.retain(|c| c.name != "state");
    let versions = dbm_core::dialect::versions_table("dbm_schema");
    let conn = migrator.connection();
    for table in [old, versions] {
        for sql in dialect
            .compile(&Operation::CreateTable(table), None)
            .expect("compiles")
        {
            conn.execute(&sql).await.expect("creates the old tables");
        }
    }
    conn.execute("INSERT INTO dbm_schema_versions (version) VALUES (1)")
        .await
        .expect("version 1");
    migrator
        .run(RunOptions::default())
        .await
        .unwrap_or_else(|e| panic!("upgrades and runs: {}", e.chain()));
    let conn = migrator.connection();
    assert_eq!(
        texts(conn, "SELECT version FROM dbm_schema_versions").await,
        ["2"]
    );
    assert_eq!(
        texts(conn, "SELECT DISTINCT state FROM dbm_schema").await,
        ["applied"]
    );
}
