//! The shared `create_table` and operation groups of `dbm-test-support` (their side-by-side
//! snapshots are there), compiled by MySQL and executed (where there is a server) against a
//! fresh database, with what the server then shows.

use crate::common::{connect, database, run, run_all, show_create, texts};
use dbm_driver_mysql::MysqlDialect;
use dbm_test_support::groups;

#[tokio::test]
async fn create_table_with_every_table_level_option_runs() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    groups::run(
        conn.as_mut(),
        &MysqlDialect,
        Vec::new(),
        groups::create_table,
    )
    .await;
    let users = show_create(conn.as_mut(), "users").await;
    assert!(
        users.contains("CONSTRAINT `users_role_id_foreign` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`) ON DELETE CASCADE"),
        "{users}"
    );
    assert!(
        users.contains("UNIQUE KEY `users_email_unique` (`email`)"),
        "{users}"
    );
}

#[tokio::test]
async fn table_and_index_operations_run() {
    let steps = groups::compiled(&MysqlDialect, groups::operations);
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_all(
        conn.as_mut(),
        &["CREATE TABLE `t` (`a` int, `b` varchar(20))"],
    )
    .await;
    for (label, statements) in &steps {
        if label == "drop_table" {
            assert_eq!(
                texts(conn.as_mut(), "SELECT b FROM t2 ORDER BY a").await,
                ["NULL", "it's; fine", "x"],
                "the statements and the trigger ran"
            );
        }
        run(conn.as_mut(), statements).await;
    }
}
