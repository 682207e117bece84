//! Helpers shared by the integration tests: a fresh database per test on the test server
//! (`DBM_TEST_MYSQL_URL`, see `dbm-test-support`), configs, statements, schema constructors.
//!
//! A snapshot test compiles its SQL and compares it with the snapshot first, which needs no
//! server, and only then takes a fresh database to run the statements on, where there is one.

#![allow(dead_code, missing_docs)]

pub use dbm_test_support::ddl::*;
pub use dbm_test_support::groups::with_default;

use std::path::PathBuf;

use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::{ConnectionConfig, Value};
use dbm_driver_mysql::MysqlDriver;
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
        cluster: Default::default(),
    }
}

/// A connection to a test database.
pub async fn connect(db: &TestDatabase) -> Box<dyn Connection> {
    MysqlDriver
        .connect(&config(&db.url), ConnectOptions::default())
        .await
        .unwrap_or_else(|e| panic!("{} opens: {e}", db.name))
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
