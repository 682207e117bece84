//! Helpers shared by the integration tests: configs, in-memory and file databases, and
//! schema constructors.

#![allow(dead_code, missing_docs)]

pub use dbm_test_support::ddl::*;

use std::path::Path;

use dbm_core::driver::{ConnectOptions, Connection, Driver};

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
        cluster: Default::default(),
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
