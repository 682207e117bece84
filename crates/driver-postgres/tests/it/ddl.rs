//! The shared DDL groups of `dbm-test-support` (their side-by-side snapshots are there),
//! compiled by PostgreSQL and executed against a fresh real database (where there is a server)
//! to prove each is valid. PostgreSQL's own cases are in `operations.rs` and `alter.rs`.

use crate::common::fresh;
use dbm_driver_postgres::PostgresDialect;
use dbm_test_support::groups::{self, Group};

/// Runs every case of `group` on a fresh database, after `setup`.
async fn run_group(setup: &[&str], group: Group) {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    groups::run(conn.as_mut(), &PostgresDialect, setup, group).await;
}

#[tokio::test]
async fn every_column_type_runs() {
    run_group(&[], groups::column_types).await;
}

#[tokio::test]
async fn every_column_modifier_runs() {
    run_group(
        &["CREATE TABLE \"parents\" (\"id\" integer PRIMARY KEY)"],
        groups::column_modifiers,
    )
    .await;
}

#[tokio::test]
async fn create_table_with_every_table_level_option_runs() {
    run_group(&[], groups::create_table).await;
}

#[tokio::test]
async fn operations_run() {
    run_group(
        &["CREATE TABLE \"items\" (\"id\" integer PRIMARY KEY, \"a\" integer, \"b\" text)"],
        groups::operations,
    )
    .await;
}
