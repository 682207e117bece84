//! The shared column type and modifier groups of `dbm-test-support` (their side-by-side
//! snapshots are there), compiled by MySQL and executed (where there is a server) against a
//! fresh database to prove the server takes them, and MySQL's own check that quotes and
//! backslashes in defaults and comments are stored exactly.

use crate::common::{compile, connect, database, run, run_all, string, table, texts, with_default};
use dbm_core::schema::{Column, ColumnType, DefaultValue, Operation};
use dbm_driver_mysql::MysqlDialect;
use dbm_test_support::groups;

/// `create_table` and the operations run in `ddl_tables.rs`, with what the server then shows.
#[tokio::test]
async fn the_column_groups_run_on_a_fresh_database() {
    for (name, setup, group) in groups::round_trips(&MysqlDialect) {
        if name.starts_with("column_") {
            let Some(db) = database().await else { return };
            groups::run(connect(&db).await.as_mut(), &MysqlDialect, setup, group).await;
        }
    }
}

#[tokio::test]
async fn quotes_and_backslashes_in_defaults_and_comments_are_stored_exactly() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let tricky = "it's \\ a \"quote\" \\' and \\n";
    let op = Operation::CreateTable(table(
        "t",
        vec![
            Column {
                comment: Some(tricky.into()),
                ..with_default(string(60), DefaultValue::String(tricky.into()))
            },
            Column {
                name: "d".into(),
                ..with_default(ColumnType::Text, DefaultValue::String(tricky.into()))
            },
        ],
    ));
    run(conn.as_mut(), &compile(&MysqlDialect, &op)).await;
    let comments = texts(
        conn.as_mut(),
        "SELECT COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() \
         AND TABLE_NAME = 't' AND COLUMN_NAME = 'c'",
    )
    .await;
    assert_eq!(comments, [tricky]);
    run_all(conn.as_mut(), &["INSERT INTO t () VALUES ()"]).await;
    assert_eq!(texts(conn.as_mut(), "SELECT c FROM t").await, [tricky]);
    assert_eq!(texts(conn.as_mut(), "SELECT d FROM t").await, [tricky]);
}
