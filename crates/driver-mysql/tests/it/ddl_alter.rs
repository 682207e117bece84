//! `alter_table` on MySQL: the shared parts of `dbm-test-support` (their side-by-side snapshot
//! is there), one `ALTER TABLE` each, executed (where there is a server) against a fresh
//! database; the order of a whole entry's statements; a failing part.

use crate::common::{
    alter, col, compile, connect, database, run_all, run_steps, show_create, texts,
};
use dbm_core::schema::{AlterTable, ColumnType, ConstraintRef, ForeignKey, IndexDef, Operation};
use dbm_driver_mysql::MysqlDialect;
use dbm_test_support::groups;

#[tokio::test]
async fn every_alter_part_is_one_statement_and_runs() {
    let steps = groups::compiled(&MysqlDialect, groups::alter_parts);
    for (label, statements) in &steps {
        assert_eq!(statements.len(), 1, "{label}: one ALTER per part");
    }

    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_all(
        conn.as_mut(),
        &[
            "CREATE TABLE `roles` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY)",
            "CREATE TABLE `users` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, \
             `role_id` int unsigned, `email` varchar(254), `nick` varchar(30), `junk` text, \
             `age` int COMMENT 'old', \
             CONSTRAINT `users_role_id_foreign` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`), \
             UNIQUE KEY `users_email_unique` (`email`), KEY `users_nick_index` (`nick`), \
             KEY `named` (`nick`, `email`))",
        ],
    )
    .await;
    run_steps(conn.as_mut(), &steps).await;
    let users = show_create(conn.as_mut(), "users").await;
    assert!(
        users.contains("`age` smallint(5) unsigned NOT NULL DEFAULT 18 COMMENT 'years'")
            || users.contains("`age` smallint unsigned NOT NULL DEFAULT '18' COMMENT 'years'"),
        "MODIFY restated the whole definition: {users}"
    );
    assert!(
        users.contains("UNIQUE KEY `users_nickname_unique` (`nickname`)"),
        "{users}"
    );
    assert!(
        users.contains("bigint(20) unsigned NOT NULL AUTO_INCREMENT")
            || users.contains("bigint unsigned NOT NULL AUTO_INCREMENT"),
        "{users}"
    );
}

#[test]
fn an_alter_entry_of_several_parts_is_one_statement_per_part_in_design_order() {
    let op = Operation::AlterTable(AlterTable {
        add_foreign_keys: vec![ForeignKey {
            columns: vec!["b".into()],
            references_table: "p".into(),
            references_columns: vec!["id".into()],
            ..ForeignKey::default()
        }],
        rename_columns: vec![("a".into(), "b".into())],
        drop_foreign_keys: vec![ConstraintRef::Name("old_fk".into())],
        add_indexes: vec![IndexDef {
            columns: vec!["b".into()],
            name: None,
        }],
        ..alter("t")
    });
    assert_eq!(
        compile(&MysqlDialect, &op),
        [
            "ALTER TABLE `t` DROP FOREIGN KEY `old_fk`",
            "ALTER TABLE `t` RENAME COLUMN `a` TO `b`",
            "ALTER TABLE `t` ADD KEY `t_b_index` (`b`)",
            "ALTER TABLE `t` ADD CONSTRAINT `t_b_foreign` FOREIGN KEY (`b`) REFERENCES `p` (`id`)",
        ]
    );
    assert!(compile(&MysqlDialect, &Operation::AlterTable(alter("t"))).is_empty());
}

#[tokio::test]
async fn a_failing_alter_part_changes_nothing_of_that_part() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_all(conn.as_mut(), &["CREATE TABLE `t` (`a` int, `b` int)"]).await;
    let op = Operation::AlterTable(AlterTable {
        add_columns: vec![col("c", ColumnType::Integer), col("a", ColumnType::Integer)],
        ..alter("t")
    });
    let statements = compile(&MysqlDialect, &op);
    let failure = conn
        .execute_batch(&statements)
        .await
        .expect_err("`a` exists");
    assert_eq!(failure.index, 0);
    assert!(
        failure.error.message.contains("Duplicate column name 'a'"),
        "{}",
        failure.error.message
    );
    let columns = texts(
        conn.as_mut(),
        "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() \
         AND TABLE_NAME = 't' ORDER BY ORDINAL_POSITION",
    )
    .await;
    assert_eq!(columns, ["a", "b"], "`c` was not added either");
}
