//! Helpers shared by the integration tests: a fresh database per test on the test server
//! (`DBM_TEST_MYSQL_URL`, see `dbm-test-support`), configs, statements, schema constructors.
//!
//! A snapshot test compiles its SQL and compares it with the snapshot first, which needs no
//! server, and only then takes a fresh database to run the statements on, where there is one.

#![allow(dead_code, missing_docs)]

use std::path::PathBuf;

use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::schema::{
    AlterTable, Column, ColumnType, CreateTable, DefaultValue, Operation, Reference,
    ReferentialAction,
};
use dbm_core::{ConnectionConfig, Dialect, Value};
use dbm_driver_mysql::{MysqlDialect, MysqlDriver};
use dbm_test_support::Server;
pub use dbm_test_support::TestDatabase;

/// A fresh, empty database, or `None` when there is no server (the test returns early).
pub async fn database() -> Option<TestDatabase> {
    TestDatabase::create(Server::Mysql).await
}

/// A connection config named `test` for `url`.
pub fn config(url: &str) -> ConnectionConfig {
    ConnectionConfig {
        name: "test".into(),
        driver: "mysql".into(),
        url: url.into(),
        debug: false,
        password_env: None,
        root: PathBuf::from("."),
    }
}

/// A connection to a test database.
pub async fn connect(db: &TestDatabase) -> Box<dyn Connection> {
    MysqlDriver
        .connect(&config(&db.url), ConnectOptions::default())
        .await
        .unwrap_or_else(|e| panic!("{} opens: {e}", db.name))
}

/// Runs statements one by one, panicking with the failing statement.
pub async fn run(conn: &mut dyn Connection, statements: &[String]) {
    if let Err(e) = conn.execute_batch(statements).await {
        panic!(
            "statement {} failed: {}\n{}",
            e.index, e.error.message, statements[e.index]
        );
    }
}

/// Runs literal statements.
pub async fn run_all(conn: &mut dyn Connection, statements: &[&str]) {
    let owned: Vec<String> = statements.iter().map(|s| s.to_string()).collect();
    run(conn, &owned).await;
}

/// The first column of every row, as text (`NULL` for NULL).
pub async fn texts(conn: &mut dyn Connection, sql: &str) -> Vec<String> {
    conn.query(sql, &[])
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .iter()
        .map(|r| match r.get(0) {
            Value::Null => "NULL".to_string(),
            Value::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            other => other.as_text().unwrap_or_default(),
        })
        .collect()
}

/// `SHOW CREATE TABLE` of a table, as the server prints it.
pub async fn show_create(conn: &mut dyn Connection, table: &str) -> String {
    let rows = conn
        .query(&format!("SHOW CREATE TABLE `{table}`"), &[])
        .await
        .unwrap_or_else(|e| panic!("SHOW CREATE TABLE {table}: {e}"));
    rows.first()
        .and_then(|r| r.get(1).as_text())
        .unwrap_or_else(|| panic!("no definition of {table}"))
}

/// A column of a type with nothing else set.
pub fn col(name: &str, column_type: ColumnType) -> Column {
    Column::new(name, column_type)
}

/// A `NOT NULL` column.
pub fn not_null(column: Column) -> Column {
    Column {
        nullable: Some(false),
        ..column
    }
}

/// `varchar(n)`.
pub fn string(length: u32) -> ColumnType {
    ColumnType::String { length }
}

pub fn compile(op: &Operation) -> Vec<String> {
    MysqlDialect
        .compile(op, None)
        .unwrap_or_else(|e| panic!("{op:?} compiles: {e}"))
}

pub fn compile_error(op: &Operation) -> String {
    match MysqlDialect.compile(op, None) {
        Ok(sql) => panic!("{op:?} should not compile, got {sql:?}"),
        Err(e) => e.to_string(),
    }
}

/// `label` then the statements, each ending in `;`.
pub fn render(out: &mut String, label: &str, statements: &[String]) {
    out.push_str(&format!("-- {label}\n"));
    for statement in statements {
        out.push_str(statement);
        out.push_str(";\n");
    }
}

/// Labelled statements: `(label, statements)` in the order they run.
pub type Steps = Vec<(String, Vec<String>)>;

/// The snapshot text of `steps`: each label, then its statements, each ending in `;`.
pub fn rendered(steps: &[(String, Vec<String>)]) -> String {
    let mut out = String::new();
    for (label, statements) in steps {
        render(&mut out, label, statements);
    }
    out
}

/// Runs the statements of every step in order, panicking with the failing one.
pub async fn run_steps(conn: &mut dyn Connection, steps: &[(String, Vec<String>)]) {
    for (_, statements) in steps {
        run(conn, statements).await;
    }
}

pub fn table(name: &str, columns: Vec<Column>) -> CreateTable {
    CreateTable {
        name: name.into(),
        columns,
        ..CreateTable::default()
    }
}

pub fn alter(name: &str) -> AlterTable {
    AlterTable {
        name: name.into(),
        ..AlterTable::default()
    }
}

pub fn reference(target: &str, on_delete: Option<ReferentialAction>) -> Option<Reference> {
    let (table, column) = target.split_once('.').expect("table.column");
    Some(Reference {
        table: table.into(),
        column: column.into(),
        on_delete,
        on_update: None,
    })
}

pub fn with_default(column_type: ColumnType, default: DefaultValue) -> Column {
    Column {
        default: Some(default),
        ..col("c", column_type)
    }
}
