//! Helpers shared by the integration tests: configs, in-memory and file databases, and
//! schema constructors.

#![allow(dead_code, missing_docs)]

use std::path::Path;

use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::schema::{Column, ColumnType};
use dbm_core::{ConnectionConfig, Value};
use dbm_driver_sqlite::SqliteDriver;

/// A connection config for `url`, with `root` as the project root.
pub fn config(url: &str, root: &Path) -> ConnectionConfig {
    ConnectionConfig {
        name: "test".into(),
        driver: "sqlite".into(),
        url: url.into(),
        debug: false,
        password_env: None,
        root: root.to_path_buf(),
    }
}

/// A fresh private in-memory database.
pub async fn memory() -> Box<dyn Connection> {
    SqliteDriver
        .connect(
            &config("sqlite::memory:", Path::new(".")),
            ConnectOptions {
                create: true,
                lock_timeout: None,
            },
        )
        .await
        .expect("an in-memory database opens")
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

/// The single integer a query returns.
pub async fn count(conn: &mut dyn Connection, sql: &str) -> i64 {
    let rows = conn.query(sql, &[]).await.expect("the query runs");
    rows.first()
        .and_then(|r| r.get(0).as_i64())
        .unwrap_or_else(|| panic!("{sql} returned no integer"))
}

/// The first column of every row, as text.
pub async fn texts(conn: &mut dyn Connection, sql: &str) -> Vec<String> {
    conn.query(sql, &[])
        .await
        .expect("the query runs")
        .iter()
        .map(|r| match r.get(0) {
            Value::Null => "NULL".to_string(),
            other => other.as_text().unwrap_or_default(),
        })
        .collect()
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
