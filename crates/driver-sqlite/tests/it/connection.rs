//! The SQLite connection against real database files: opening, creating and dropping files,
//! queries, introspection, the table rebuild run the way the migrator runs it, drop-all and
//! the file lock.

use crate::common;

use std::path::Path;

use crate::common::{
    col, compile_with, config, count, memory, not_null, run, run_all, string, texts,
};
use dbm_core::driver::{ConnectOptions, Connection, Driver, DropAllOptions};
use dbm_core::schema::{
    AlterTable, Column, ColumnType, CreateTable, DefaultValue, Operation, Reference,
    ReferentialAction,
};
use dbm_core::{Dialect, DriverErrorKind, Value};
use dbm_driver_sqlite::{SqliteDialect, SqliteDriver, lock_path};

const CREATE: ConnectOptions = ConnectOptions {
    create: true,
    lock_timeout: None,
};
const NO_CREATE: ConnectOptions = ConnectOptions {
    create: false,
    lock_timeout: None,
};

async fn open(root: &Path, url: &str, options: ConnectOptions) -> Box<dyn Connection> {
    SqliteDriver
        .connect(&config(url, root), options)
        .await
        .unwrap_or_else(|e| panic!("{url} opens: {e}"))
}

#[tokio::test]
async fn connecting_with_create_makes_the_file_and_its_folder_under_the_project_root() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut conn = open(root.path(), "sqlite://db/nested/app.sqlite3", CREATE).await;
    run_all(conn.as_mut(), &["CREATE TABLE t (a integer)"]).await;
    conn.close().await.expect("closes");
    assert!(root.path().join("db/nested/app.sqlite3").is_file());
}

#[tokio::test]
async fn a_missing_file_without_create_reads_as_an_empty_database_and_creates_nothing() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut conn = open(root.path(), "sqlite://tmp/db.sqlite3", NO_CREATE).await;
    assert!(!conn.table_exists("dbm_schema").await.expect("answers"));
    let catalog = conn.introspect().await.expect("introspects");
    assert!(catalog.tables.is_empty() && catalog.views.is_empty());
    assert!(conn.try_lock("dbm_schema").await.expect("locks"));
    conn.unlock("dbm_schema").await.expect("unlocks");
    conn.close().await.expect("closes");
    assert!(
        !root.path().join("tmp").exists(),
        "neither the folder, the file nor a lock file was created"
    );
}

#[tokio::test]
async fn create_database_makes_the_file_once_and_drop_database_removes_it_and_its_companions() {
    let root = tempfile::tempdir().expect("temp dir");
    let config = config("sqlite:data/app.sqlite3", root.path());
    let file = root.path().join("data/app.sqlite3");
    assert!(
        SqliteDriver
            .create_database(&config)
            .await
            .expect("creates")
    );
    assert!(file.is_file());
    assert!(
        !SqliteDriver
            .create_database(&config)
            .await
            .expect("answers")
    );

    for suffix in ["-journal", "-wal", "-shm"] {
        std::fs::write(root.path().join(format!("data/app.sqlite3{suffix}")), b"").expect("writes");
    }
    assert!(SqliteDriver.drop_database(&config).await.expect("drops"));
    let left: Vec<_> = std::fs::read_dir(root.path().join("data"))
        .expect("lists")
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert!(!SqliteDriver.drop_database(&config).await.expect("answers"));

    let memory = common::config("sqlite::memory:", root.path());
    assert!(
        !SqliteDriver
            .create_database(&memory)
            .await
            .expect("answers")
    );
    assert!(!SqliteDriver.drop_database(&memory).await.expect("answers"));
}

#[tokio::test]
async fn a_url_for_another_driver_is_a_config_error_that_does_not_echo_it() {
    let root = tempfile::tempdir().expect("temp dir");
    let result = SqliteDriver
        .connect(
            &config("postgres://app:hunter2@db/app", root.path()),
            CREATE,
        )
        .await;
    let Err(error) = result else {
        panic!("a postgres URL must not open")
    };
    assert_eq!(error.kind, DriverErrorKind::Config);
    assert!(
        error.message.contains("connection `test`"),
        "{}",
        error.message
    );
    assert!(error.message.contains("sqlite://"), "{}", error.message);
    assert!(!error.message.contains("hunter2"), "{}", error.message);
}

#[tokio::test]
async fn a_new_file_keeps_sqlites_rollback_journal_unless_the_url_asks_for_wal() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut plain = open(root.path(), "sqlite://plain.db", CREATE).await;
    assert_eq!(
        texts(plain.as_mut(), "PRAGMA journal_mode").await,
        ["truncate"],
        "a writing session commits by truncating its rollback journal"
    );
    plain
        .execute("CREATE TABLE t (x integer)")
        .await
        .expect("a commit");
    assert_eq!(count(plain.as_mut(), "PRAGMA foreign_keys").await, 1);
    plain.close().await.expect("close");
    assert!(
        !root.path().join("plain.db-journal").exists(),
        "closing switches back to DELETE, which removes the journal"
    );
    let mut reader = open(root.path(), "sqlite://plain.db", NO_CREATE).await;
    assert_eq!(
        texts(reader.as_mut(), "PRAGMA journal_mode").await,
        ["delete"]
    );

    let mut wal = open(root.path(), "sqlite://wal.db?journal_mode=wal", CREATE).await;
    assert_eq!(texts(wal.as_mut(), "PRAGMA journal_mode").await, ["wal"]);
    wal.close().await.expect("close");
    let mut wal = open(root.path(), "sqlite://wal.db", CREATE).await;
    assert_eq!(
        texts(wal.as_mut(), "PRAGMA journal_mode").await,
        ["wal"],
        "a WAL database stays in WAL"
    );
}

#[tokio::test]
async fn queries_bind_every_value_and_read_each_storage_class_back() {
    let mut conn = memory().await;
    let params = [
        Value::Null,
        Value::Bool(true),
        Value::Integer(-7),
        Value::Float(2.5),
        Value::Text("it's".into()),
        Value::Bytes(vec![0, 255]),
    ];
    let rows = conn
        .query("SELECT ?, ?, ?, ?, ?, ?", &params)
        .await
        .expect("queries");
    assert_eq!(
        rows[0].values,
        vec![
            Value::Null,
            Value::Integer(1),
            Value::Integer(-7),
            Value::Float(2.5),
            Value::Text("it's".into()),
            Value::Bytes(vec![0, 255]),
        ]
    );
    run_all(
        conn.as_mut(),
        &["CREATE TABLE t (a boolean, b decimal(8,2))"],
    )
    .await;
    let affected = conn
        .execute_with(
            "INSERT INTO t VALUES (?, ?), (?, ?)",
            &[
                Value::Bool(false),
                Value::Float(1.0),
                Value::Null,
                Value::Text("x".into()),
            ],
        )
        .await
        .expect("inserts");
    assert_eq!(affected, 2);
    assert_eq!(conn.execute("DELETE FROM t").await.expect("deletes"), 2);
}

#[tokio::test]
async fn execute_batch_reports_the_index_of_the_failing_statement_and_keeps_the_ones_before() {
    let mut conn = memory().await;
    let statements: Vec<String> = [
        "CREATE TABLE a (x integer)",
        "INSERT INTO a VALUES (1)",
        "INSERT INTO missing VALUES (1)",
        "INSERT INTO a VALUES (2)",
    ]
    .map(String::from)
    .to_vec();
    let error = conn.execute_batch(&statements).await.expect_err("fails");
    assert_eq!(error.index, 2);
    assert_eq!(error.error.kind, DriverErrorKind::Query);
    assert!(
        error.error.message.contains("no such table: missing"),
        "{}",
        error.error.message
    );
    assert_eq!(count(conn.as_mut(), "SELECT count(*) FROM a").await, 1);
}

fn schema_for_introspection() -> Vec<Operation> {
    let roles = CreateTable {
        name: "roles".into(),
        columns: vec![
            col("id", ColumnType::Increments),
            not_null(col("name", string(30))),
        ],
        ..CreateTable::default()
    };
    let users = CreateTable {
        name: "users".into(),
        columns: vec![
            col("id", ColumnType::Increments),
            Column {
                references: Some(Reference {
                    table: "roles".into(),
                    column: "id".into(),
                    on_delete: Some(ReferentialAction::Cascade),
                    on_update: Some(ReferentialAction::SetNull),
                }),
                default: Some(DefaultValue::Integer(1)),
                ..not_null(col("role_id", ColumnType::Integer))
            },
            Column {
                default: Some(DefaultValue::Boolean(false)),
                ..not_null(col("is_admin", ColumnType::Boolean))
            },
            col(
                "balance",
                ColumnType::Decimal {
                    precision: 8,
                    scale: 2,
                },
            ),
            Column {
                unique: true,
                ..col("email", string(254))
            },
        ],
        timestamps: true,
        ..CreateTable::default()
    };
    vec![Operation::CreateTable(roles), Operation::CreateTable(users)]
}

#[tokio::test]
async fn introspection_reports_declared_types_keys_indexes_named_foreign_keys_and_views() {
    let mut conn = memory().await;
    for op in schema_for_introspection() {
        run(conn.as_mut(), &compile_with(&SqliteDialect, &op, None)).await;
    }
    run_all(
        conn.as_mut(),
        &[
            "CREATE TABLE legacy (code TEXT, role INTEGER CONSTRAINT legacy_role REFERENCES roles, other INTEGER REFERENCES roles(id), \
             CONSTRAINT legacy_code_once UNIQUE (code), PRIMARY KEY (code, role))",
            "CREATE VIEW admins AS SELECT id FROM users WHERE is_admin",
        ],
    )
    .await;
    let catalog = conn.introspect().await.expect("introspects");
    let names: Vec<&str> = catalog.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["legacy", "roles", "users"],
        "sqlite_sequence is not reported"
    );
    assert_eq!(
        catalog
            .views
            .iter()
            .map(|v| v.name.as_str())
            .collect::<Vec<_>>(),
        ["admins"]
    );

    let users = &catalog.tables[2];
    let types: Vec<(&str, &str, bool, Option<&str>)> = users
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
        types,
        [
            ("id", "integer", false, None),
            ("role_id", "integer", false, Some("1")),
            ("is_admin", "boolean", false, Some("FALSE")),
            ("balance", "decimal(8,2)", true, None),
            ("email", "varchar(254)", true, None),
            ("created_at", "timestamp", false, Some("CURRENT_TIMESTAMP")),
            ("updated_at", "timestamp", false, Some("CURRENT_TIMESTAMP")),
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
        ("CASCADE", "SET NULL")
    );

    let legacy = &catalog.tables[0];
    assert_eq!(legacy.primary_key, ["code", "role"]);
    assert_eq!(
        legacy.indexes.len(),
        1,
        "the primary key's automatic index is not an index"
    );
    assert_eq!(legacy.indexes[0].name, "legacy_code_once");
    let fks: Vec<(Option<&str>, &str, &str, &str)> = legacy
        .foreign_keys
        .iter()
        .map(|f| {
            (
                f.name.as_deref(),
                f.columns[0].as_str(),
                f.references_columns[0].as_str(),
                f.on_delete.as_str(),
            )
        })
        .collect();
    assert_eq!(
        fks,
        [
            (None, "other", "id", "NO ACTION"),
            (Some("legacy_role"), "role", "id", "NO ACTION")
        ]
    );
}

#[tokio::test]
async fn table_state_reads_the_stored_sql_indexes_triggers_views_and_columns() {
    let mut conn = memory().await;
    run_all(
        conn.as_mut(),
        &[
            "CREATE TABLE p (id integer PRIMARY KEY, name text UNIQUE)",
            "CREATE INDEX p_name ON p (name)",
            "CREATE TABLE q (id integer)",
            "CREATE TRIGGER q_ins AFTER INSERT ON q BEGIN SELECT 1; END",
            "CREATE VIEW pv AS SELECT name FROM p",
        ],
    )
    .await;
    assert!(
        conn.table_state("missing")
            .await
            .expect("answers")
            .is_none()
    );
    let state = conn
        .table_state("P")
        .await
        .expect("answers")
        .expect("exists");
    assert_eq!(state.name, "p");
    assert_eq!(
        state.create_sql,
        "CREATE TABLE p (id integer PRIMARY KEY, name text UNIQUE)"
    );
    assert_eq!(
        state.indexes,
        [(
            "p_name".to_string(),
            "CREATE INDEX p_name ON p (name)".to_string()
        )]
    );
    assert_eq!(
        state.triggers.len(),
        1,
        "every trigger: SQLite's rename checks them all"
    );
    assert_eq!(
        state.views,
        [(
            "pv".to_string(),
            "CREATE VIEW pv AS SELECT name FROM p".to_string()
        )]
    );
    assert_eq!(state.columns, ["id", "name"]);
}

const PARENT_SETUP: &[&str] = &[
    "CREATE TABLE parents (id integer PRIMARY KEY AUTOINCREMENT, name varchar(10) NOT NULL, touched integer DEFAULT 0)",
    "CREATE INDEX parents_name ON parents (name)",
    "CREATE TRIGGER parents_touch AFTER UPDATE OF name ON parents BEGIN UPDATE parents SET touched = touched + 1 WHERE id = NEW.id; END",
    "CREATE TABLE children (id integer PRIMARY KEY, parent_id integer NOT NULL REFERENCES parents (id) ON DELETE CASCADE)",
    "CREATE VIEW parent_names AS SELECT p.name, count(c.id) AS kids FROM parents p LEFT JOIN children c ON c.parent_id = p.id GROUP BY p.id",
    "INSERT INTO parents (name) VALUES ('ann'), ('bob'), ('cy')",
    "INSERT INTO children (parent_id) VALUES (1), (1), (2), (3)",
    "DELETE FROM parents WHERE id = 3",
];

fn widen_parent_name() -> Operation {
    Operation::AlterTable(AlterTable {
        name: "parents".into(),
        alter_columns: vec![not_null(col("name", string(100)))],
        ..AlterTable::default()
    })
}

/// Runs `op` the way the migrator does for a migration that rebuilds: foreign-key checks off
/// before `BEGIN`, the statements, the violation check, `COMMIT`, checks back on.
async fn run_like_the_migrator(conn: &mut dyn Connection, op: Operation) {
    assert!(SqliteDialect.rebuilds(&op));
    conn.set_foreign_key_checks(false).await.expect("fk off");
    conn.begin().await.expect("begin");
    let state = conn.table_state("parents").await.expect("state");
    let statements = compile_with(&SqliteDialect, &op, state.as_ref());
    run(conn, &statements).await;
    assert_eq!(
        conn.foreign_key_violations().await.expect("checks"),
        Vec::<String>::new()
    );
    conn.commit().await.expect("commit");
    conn.set_foreign_key_checks(true).await.expect("fk on");
}

#[tokio::test]
async fn rebuilding_a_parent_keeps_cascading_children_indexes_triggers_views_and_ids() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut conn = open(root.path(), "sqlite://app.sqlite3", CREATE).await;
    run_all(conn.as_mut(), PARENT_SETUP).await;
    assert_eq!(
        count(conn.as_mut(), "SELECT count(*) FROM children").await,
        3,
        "the cascade works"
    );

    run_like_the_migrator(conn.as_mut(), widen_parent_name()).await;

    assert_eq!(
        count(conn.as_mut(), "SELECT count(*) FROM children").await,
        3,
        "no child row lost"
    );
    let declared = texts(
        conn.as_mut(),
        "SELECT type FROM pragma_table_info('parents') WHERE name = 'name'",
    )
    .await;
    assert_eq!(declared, ["varchar(100)"]);
    let objects = texts(
        conn.as_mut(),
        "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger', 'view') ORDER BY name",
    )
    .await;
    assert_eq!(objects, ["parent_names", "parents_name", "parents_touch"]);
    assert_eq!(
        texts(
            conn.as_mut(),
            "SELECT name || ':' || kids FROM parent_names ORDER BY name"
        )
        .await,
        ["ann:2", "bob:1"]
    );
    run_all(
        conn.as_mut(),
        &["UPDATE parents SET name = 'anna' WHERE id = 1"],
    )
    .await;
    assert_eq!(
        count(conn.as_mut(), "SELECT touched FROM parents WHERE id = 1").await,
        1,
        "the trigger fires"
    );
    run_all(
        conn.as_mut(),
        &["INSERT INTO parents (name) VALUES ('dee')"],
    )
    .await;
    assert_eq!(
        count(conn.as_mut(), "SELECT max(id) FROM parents").await,
        4,
        "id 3 is not reused"
    );
    run_all(conn.as_mut(), &["DELETE FROM parents WHERE id = 1"]).await;
    assert_eq!(
        count(conn.as_mut(), "SELECT count(*) FROM children").await,
        1,
        "the cascade still works"
    );
    assert_eq!(count(conn.as_mut(), "PRAGMA foreign_keys").await, 1);
}

#[tokio::test]
async fn the_same_rebuild_with_foreign_keys_enforced_would_delete_the_children() {
    // The hazard the migrator's protocol avoids (knex #6213): proves the test above can fail.
    let mut conn = memory().await;
    run_all(conn.as_mut(), PARENT_SETUP).await;
    conn.begin().await.expect("begin");
    let state = conn.table_state("parents").await.expect("state");
    run(
        conn.as_mut(),
        &compile_with(&SqliteDialect, &widen_parent_name(), state.as_ref()),
    )
    .await;
    conn.commit().await.expect("commit");
    assert_eq!(
        count(conn.as_mut(), "SELECT count(*) FROM children").await,
        0
    );
}

#[tokio::test]
async fn foreign_key_violations_name_the_table_the_row_and_the_parent() {
    let mut conn = memory().await;
    conn.set_foreign_key_checks(false).await.expect("fk off");
    run_all(
        conn.as_mut(),
        &[
            "CREATE TABLE p (id integer PRIMARY KEY)",
            "CREATE TABLE c (id integer PRIMARY KEY, p_id integer REFERENCES p (id))",
            "INSERT INTO c VALUES (7, 42)",
        ],
    )
    .await;
    assert_eq!(
        conn.foreign_key_violations().await.expect("checks"),
        ["table c row 7 violates a foreign key to p"]
    );
}

async fn wipe_fixture() -> Box<dyn Connection> {
    let mut conn = memory().await;
    run_all(
        conn.as_mut(),
        &[
            "CREATE TABLE p (id integer PRIMARY KEY AUTOINCREMENT)",
            "CREATE TABLE c (id integer PRIMARY KEY, p_id integer REFERENCES p (id) ON DELETE RESTRICT)",
            "CREATE VIEW pv AS SELECT id FROM p",
            "INSERT INTO p DEFAULT VALUES",
            "INSERT INTO c VALUES (1, 1)",
        ],
    )
    .await;
    conn
}

#[tokio::test]
async fn drop_all_drops_every_table_keeps_views_unless_asked_and_restores_foreign_keys() {
    let mut conn = wipe_fixture().await;
    let summary = conn
        .drop_all(&DropAllOptions::default())
        .await
        .expect("drops");
    assert_eq!(summary.tables, ["c", "p"]);
    assert!(summary.views.is_empty());
    assert_eq!(
        texts(
            conn.as_mut(),
            "SELECT name FROM sqlite_master WHERE name <> 'sqlite_sequence'"
        )
        .await,
        ["pv"]
    );
    assert_eq!(
        count(conn.as_mut(), "SELECT count(*) FROM sqlite_sequence").await,
        0
    );
    assert_eq!(count(conn.as_mut(), "PRAGMA foreign_keys").await, 1);

    let mut conn = wipe_fixture().await;
    let options = DropAllOptions {
        drop_views: true,
        drop_types: false,
    };
    let summary = conn.drop_all(&options).await.expect("drops");
    assert_eq!(summary.views, ["pv"]);
    assert_eq!(
        count(
            conn.as_mut(),
            "SELECT count(*) FROM sqlite_master WHERE name <> 'sqlite_sequence'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn drop_all_with_drop_types_is_unsupported_and_drops_nothing() {
    let mut conn = wipe_fixture().await;
    let options = DropAllOptions {
        drop_views: false,
        drop_types: true,
    };
    let error = conn.drop_all(&options).await.expect_err("refused");
    assert_eq!(error.kind, DriverErrorKind::Unsupported);
    assert!(
        error.message.contains("SQLite has no types to drop"),
        "{}",
        error.message
    );
    assert_eq!(count(conn.as_mut(), "SELECT count(*) FROM p").await, 1);
}

#[tokio::test]
async fn a_second_connection_cannot_take_the_lock_until_the_first_unlocks() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut first = open(root.path(), "sqlite://app.sqlite3", CREATE).await;
    let mut second = open(root.path(), "sqlite://app.sqlite3", CREATE).await;
    assert!(first.try_lock("dbm_schema").await.expect("tries"));
    assert!(
        first.try_lock("dbm_schema").await.expect("tries"),
        "taking it again is fine"
    );
    assert!(!second.try_lock("dbm_schema").await.expect("tries"));
    first.unlock("dbm_schema").await.expect("unlocks");
    assert!(second.try_lock("dbm_schema").await.expect("tries"));
    assert!(!first.try_lock("dbm_schema").await.expect("tries"));
    second.close().await.expect("closing releases it");
    assert!(first.try_lock("dbm_schema").await.expect("tries"));
    let lock = lock_path(&root.path().join("app.sqlite3"));
    assert!(
        lock.ends_with("app.sqlite3.lock") && lock.is_file(),
        "the lock file stays"
    );
}

#[tokio::test]
async fn a_dropped_connection_releases_its_lock() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut first = open(root.path(), "sqlite://app.sqlite3", CREATE).await;
    assert!(first.try_lock("dbm_schema").await.expect("tries"));
    drop(first);
    let mut second = open(root.path(), "sqlite://app.sqlite3", CREATE).await;
    assert!(second.try_lock("dbm_schema").await.expect("tries"));
}

#[tokio::test]
async fn queries_return_every_row_in_order_with_its_storage_class() {
    let mut conn = memory().await;
    run_all(
        conn.as_mut(),
        &[
            "CREATE TABLE v (id integer, t text, r real, n integer, b blob)",
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 1500) \
             INSERT INTO v (id, t, r) SELECT i, 'row ' || i, i * 0.5 FROM s",
        ],
    )
    .await;
    let rows = conn
        .query(
            "SELECT id, t, r, n, '42' FROM v WHERE id > ? ORDER BY id DESC",
            &[Value::Integer(3)],
        )
        .await
        .expect("query");
    assert_eq!(rows.len(), 1497);
    assert_eq!(
        rows[0].values,
        [
            Value::Integer(1500),
            Value::Text("row 1500".into()),
            Value::Float(750.0),
            Value::Null,
            Value::Text("42".into()),
        ]
    );
    assert_eq!(rows[1496].get(0), &Value::Integer(4));

    run_all(conn.as_mut(), &["UPDATE v SET b = x'00ff' WHERE id = 1"]).await;
    let rows = conn
        .query("SELECT b FROM v WHERE id = 1", &[])
        .await
        .expect("a blob query");
    assert_eq!(rows[0].get(0), &Value::Bytes(vec![0, 255]));
    let err = conn
        .query("SELECT * FROM missing", &[])
        .await
        .expect_err("an unknown table fails");
    assert!(
        err.message.contains("no such table: missing"),
        "{}",
        err.message
    );
}

#[tokio::test]
async fn execute_batch_counts_statements_that_end_in_comments_or_return_rows() {
    let mut conn = memory().await;
    let statements: Vec<String> = [
        "CREATE TABLE b (x integer) -- made here",
        "SELECT 1 UNION ALL SELECT 2",
        "INSERT INTO b VALUES (1);",
        "INSERT INTO nope VALUES (1)",
    ]
    .map(String::from)
    .to_vec();
    let error = conn.execute_batch(&statements).await.expect_err("fails");
    assert_eq!(error.index, 3, "{}", error.error.message);
    assert_eq!(count(conn.as_mut(), "SELECT count(*) FROM b").await, 1);
}

#[tokio::test]
async fn a_statement_with_a_nul_byte_is_refused_instead_of_spinning() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut conn = open(root.path(), "sqlite://db.sqlite3", CREATE).await;
    let statement = "CREATE TABLE a (x int);\0\nSELECT 1";
    let error = tokio::time::timeout(std::time::Duration::from_secs(10), conn.execute(statement))
        .await
        .expect("answers instead of spinning")
        .expect_err("a NUL byte is refused");
    assert_eq!(error.kind, DriverErrorKind::Query);
    assert!(error.message.contains("NUL byte"), "{}", error.message);
    conn.close().await.expect("closes");
}
