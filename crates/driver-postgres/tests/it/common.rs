//! Helpers shared by the integration tests: fresh databases on the test server (from
//! `dbm-test-support`), connection configs, statement runners and schema constructors.
//!
//! A snapshot test compiles its SQL and compares it with the snapshot first, which needs no
//! server, and only then takes a fresh database to run the statements on, where there is one.

#![allow(dead_code, missing_docs)]

pub use dbm_test_support::ddl::*;
pub use dbm_test_support::groups::{enumeration, users_table};

use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::{ConnectionConfig, Value};
use dbm_driver_postgres::PostgresDriver;
use dbm_test_support::Server;
pub use dbm_test_support::TestDatabase;

/// A connection config named `pg` for `url`.
pub fn config(url: &str) -> ConnectionConfig {
    ConnectionConfig {
        name: "pg".into(),
        driver: "postgres".into(),
        url: url.into(),
        debug: false,
        password_env: None,
        root: ".".into(),
        cluster: Default::default(),
    }
}

/// A fresh, empty database, or `None` when there is no server (the support crate said why).
pub async fn database() -> Option<TestDatabase> {
    TestDatabase::create(Server::Postgres).await
}

/// Opens a connection to a test database.
pub async fn connect(db: &TestDatabase) -> Box<dyn Connection> {
    PostgresDriver
        .connect(&config(&db.url), ConnectOptions::default())
        .await
        .unwrap_or_else(|e| panic!("connecting to {}: {}", db.name, e.message))
}

/// A fresh database and a connection to it.
pub async fn fresh() -> Option<(TestDatabase, Box<dyn Connection>)> {
    let db = database().await?;
    let conn = connect(&db).await;
    Some((db, conn))
}

/// Literal statements as owned strings.
pub fn owned(statements: &[&str]) -> Vec<String> {
    statements.iter().map(|s| s.to_string()).collect()
}

/// The first column of every row, as text (`NULL` for null).
pub async fn texts(conn: &mut dyn Connection, sql: &str) -> Vec<String> {
    conn.query(sql, &[])
        .await
        .unwrap_or_else(|e| panic!("{sql}: {}", e.message))
        .iter()
        .map(|r| match r.get(0) {
            Value::Null => "NULL".to_string(),
            other => other.as_text().unwrap_or_default(),
        })
        .collect()
}

/// The enum types of the current schema, by name.
pub async fn enum_types(conn: &mut dyn Connection) -> Vec<String> {
    texts(
        conn,
        "SELECT t.typname::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
         WHERE n.nspname = current_schema() AND t.typtype = 'e' ORDER BY 1",
    )
    .await
}
