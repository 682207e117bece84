//! The connection against real database files: files, the lock, values, drop-all.

mod common;

use common::{CREATE, compile, config, memory, open, run_all, tables, text, texts};
use dbm_core::DriverErrorKind;
use dbm_core::driver::{ConnectOptions, Driver, DropAllOptions, Value};
use dbm_driver_sqlite_strict::{SqliteStrictDriver, lock_path};

const NO_CREATE: ConnectOptions = ConnectOptions {
    create: false,
    lock_timeout: None,
};

#[test]
fn the_driver_is_named_sqlite_strict() {
    assert_eq!(SqliteStrictDriver.name(), "sqlite_strict");
    assert_eq!(SqliteStrictDriver.version(), "0.1.0");
}

#[tokio::test]
async fn create_database_makes_the_file_once_and_drop_database_deletes_it() {
    let root = tempfile::tempdir().expect("temp dir");
    let config = config(root.path(), "sqlite_strict://data/app.sqlite3");
    let file = root.path().join("data/app.sqlite3");
    assert!(
        SqliteStrictDriver
            .create_database(&config)
            .await
            .expect("creates")
    );
    assert!(file.is_file());
    assert!(
        !SqliteStrictDriver
            .create_database(&config)
            .await
            .expect("answers")
    );
    std::fs::write(root.path().join("data/app.sqlite3-wal"), b"").expect("writes");
    assert!(
        SqliteStrictDriver
            .drop_database(&config)
            .await
            .expect("drops")
    );
    assert!(!file.exists());
    assert!(!root.path().join("data/app.sqlite3-wal").exists());
    assert!(
        !SqliteStrictDriver
            .drop_database(&config)
            .await
            .expect("answers")
    );
    let memory = common::config(root.path(), "sqlite_strict::memory:");
    assert!(
        !SqliteStrictDriver
            .create_database(&memory)
            .await
            .expect("answers")
    );
}

#[tokio::test]
async fn a_missing_file_without_create_reads_as_empty_and_creates_nothing() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut conn = open(root.path(), "sqlite_strict://tmp/db.sqlite3", NO_CREATE).await;
    assert!(!conn.table_exists("dbm_schema").await.expect("answers"));
    assert_eq!(
        conn.introspect().await.expect("introspects"),
        Default::default()
    );
    conn.close().await.expect("closes");
    assert!(!root.path().join("tmp").exists());
}

#[tokio::test]
async fn a_url_of_another_driver_is_a_config_error() {
    let root = tempfile::tempdir().expect("temp dir");
    let error = SqliteStrictDriver
        .connect(&config(root.path(), "postgres://app@db/app"), CREATE)
        .await
        .err()
        .expect("refused");
    assert_eq!(error.kind, DriverErrorKind::Config);
    assert!(
        error.message.contains("connection `strict`"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn the_file_lock_excludes_a_second_connection_until_unlocked() {
    let root = tempfile::tempdir().expect("temp dir");
    let url = "sqlite://db.sqlite3";
    let mut first = open(root.path(), url, CREATE).await;
    let mut second = open(root.path(), url, CREATE).await;
    assert!(first.try_lock("dbm_schema").await.expect("locks"));
    assert!(
        first.try_lock("dbm_schema").await.expect("again"),
        "re-entrant"
    );
    assert!(!second.try_lock("dbm_schema").await.expect("answers"));
    assert!(lock_path(&root.path().join("db.sqlite3")).is_file());
    first.unlock("dbm_schema").await.expect("unlocks");
    assert!(second.try_lock("dbm_schema").await.expect("locks"));
    second.close().await.expect("closing releases the lock");
    assert!(first.try_lock("dbm_schema").await.expect("locks again"));
    first.close().await.expect("closes");
}

#[tokio::test]
async fn values_bind_and_come_back_by_storage_class() {
    let mut conn = memory().await;
    let rows = conn
        .query(
            "SELECT ?, ?, ?, ?, ?, ?, 1 = 1",
            &[
                Value::Null,
                Value::Bool(true),
                Value::Integer(-7),
                Value::Float(2.5),
                text("héllo"),
                Value::Bytes(vec![0, 255]),
            ],
        )
        .await
        .expect("queries");
    assert_eq!(
        rows[0].values,
        [
            Value::Null,
            Value::Integer(1),
            Value::Integer(-7),
            Value::Float(2.5),
            text("héllo"),
            Value::Bytes(vec![0, 255]),
            Value::Integer(1),
        ]
    );
    conn.execute("CREATE TABLE t (a INTEGER) STRICT")
        .await
        .expect("creates");
    let affected = conn
        .execute_with(
            "INSERT INTO t VALUES (?), (?)",
            &[Value::Integer(1), Value::Integer(2)],
        )
        .await
        .expect("inserts");
    assert_eq!(affected, 2);
    assert_eq!(conn.execute("DELETE FROM t").await.expect("deletes"), 2);
    let error = conn.execute("SELEC 1").await.expect_err("a syntax error");
    assert_eq!(error.kind, DriverErrorKind::Query);
    assert!(error.message.contains("syntax error"), "{}", error.message);
}

#[tokio::test]
async fn drop_all_drops_tables_and_asked_for_views_and_resets_autoincrement() {
    let root = tempfile::tempdir().expect("temp dir");
    let mut conn = open(root.path(), "sqlite_strict://db.sqlite3", CREATE).await;
    run_all(
        conn.as_mut(),
        &compile(
            r#"
[[up]]
create_table = "parents"
columns = [{ name = "id", type = "increments" }]

[[up]]
create_table = "children"
columns = [{ name = "id", type = "increments" }, { name = "parent_id", type = "integer", references = "parents.id" }]
"#,
        ),
    )
    .await;
    run_all(
        conn.as_mut(),
        &[
            "INSERT INTO parents DEFAULT VALUES".into(),
            "INSERT INTO children (parent_id) VALUES (1)".into(),
            "CREATE VIEW kids AS SELECT id FROM children".into(),
        ],
    )
    .await;
    let catalog = conn.introspect().await.expect("introspects");
    assert_eq!(catalog.views.len(), 1);
    assert_eq!(catalog.views[0].name, "kids");

    let summary = conn
        .drop_all(&DropAllOptions {
            drop_views: true,
            drop_types: false,
        })
        .await
        .expect("drops");
    assert_eq!(summary.tables, ["children", "parents"]);
    assert_eq!(summary.views, ["kids"]);
    assert!(tables(conn.as_mut()).await.is_empty());
    assert!(
        conn.introspect()
            .await
            .expect("introspects")
            .views
            .is_empty()
    );
    run_all(
        conn.as_mut(),
        &compile("[[up]]\ncreate_table = \"parents\"\ncolumns = [{ name = \"id\", type = \"increments\" }]\n"),
    )
    .await;
    conn.execute("INSERT INTO parents DEFAULT VALUES")
        .await
        .expect("inserts");
    assert_eq!(
        texts(conn.as_mut(), "SELECT id FROM parents").await,
        ["1"],
        "ids start again at 1"
    );
    conn.execute("DROP TABLE parents").await.expect("drops");
    assert_eq!(
        texts(conn.as_mut(), "PRAGMA foreign_keys").await,
        ["1"],
        "foreign keys are back on"
    );
    let error = conn
        .drop_all(&DropAllOptions {
            drop_views: false,
            drop_types: true,
        })
        .await
        .expect_err("no types in SQLite");
    assert_eq!(error.kind, DriverErrorKind::Unsupported);
    conn.close().await.expect("closes");
}
