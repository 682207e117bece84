//! The driver under `dbm_core::Migrator`, end to end on a real server: scripted transactions,
//! rollback of a table with a native enum, atomic failures, the lock, and a migration outside
//! a transaction.

use crate::common::{col, connect, count, database, enum_types, enumeration, texts};
use dbm_core::Migrator;
use dbm_core::driver::Driver;
use dbm_core::migration::{Migration, MigrationBody};
use dbm_core::migrator::{RollbackTarget, RunOptions, State};
use dbm_core::schema::{ColumnType, CreateIndex, CreateTable, Operation};
use dbm_driver_postgres::PostgresDriver;

fn migration(name: &str, up: Vec<Operation>, transaction: bool) -> Migration {
    Migration {
        name: name.into(),
        path: None,
        checksum: format!("checksum of {name}"),
        body: MigrationBody::Schema { up, down: None },
        transaction,
    }
}

fn sql(name: &str, up: &[&str], down: &[&str]) -> Migration {
    Migration {
        name: name.into(),
        path: None,
        checksum: format!("checksum of {name}"),
        body: MigrationBody::Sql {
            up: up.iter().map(|s| s.to_string()).collect(),
            down: Some(down.iter().map(|s| s.to_string()).collect()),
        },
        transaction: true,
    }
}

fn posts() -> Migration {
    let create = CreateTable {
        name: "posts".into(),
        columns: vec![
            col("id", ColumnType::Increments),
            col("state", enumeration(&["draft", "live"], true)),
        ],
        timestamps: true,
        ..CreateTable::default()
    };
    migration("1_create_posts", vec![Operation::CreateTable(create)], true)
}

#[tokio::test]
async fn a_table_with_a_native_enum_migrates_rolls_back_and_migrates_again() {
    let Some(db) = database().await else {
        return;
    };
    let dialect = PostgresDriver.dialect();
    let mut migrator = Migrator::new(connect(&db).await, dialect, vec![posts()]);
    let report = migrator.run(RunOptions::default()).await.expect("runs");
    assert_eq!(report.migrations.len(), 1);
    let status = migrator.status().await.expect("status");
    assert_eq!(status[0].status, State::Completed);
    assert!(status[0].migration_time.is_some(), "read through text_expr");
    assert_eq!(
        enum_types(migrator.connection()).await,
        ["posts_state_enum"]
    );

    migrator
        .rollback(RollbackTarget::LatestBatch)
        .await
        .expect("rolls back");
    assert!(
        enum_types(migrator.connection()).await.is_empty(),
        "the type went with its table"
    );
    assert!(
        !migrator
            .connection()
            .table_exists("posts")
            .await
            .expect("asks")
    );

    migrator
        .run(RunOptions::default())
        .await
        .expect("runs again: the type is created anew");
    assert!(
        migrator
            .connection()
            .table_exists("posts")
            .await
            .expect("asks")
    );
    assert_eq!(
        enum_types(migrator.connection()).await,
        ["posts_state_enum"]
    );
    assert_eq!(
        count(migrator.connection(), "SELECT count(*) FROM dbm_schema").await,
        1
    );
    migrator.close().await.expect("closes");
}

#[tokio::test]
async fn a_failing_migration_leaves_nothing_and_names_its_statement() {
    let Some(db) = database().await else {
        return;
    };
    let failing = sql(
        "2_broken",
        &[
            "CREATE TABLE half (a int)",
            "INSERT INTO half VALUES (1)",
            "INSERT INTO nowhere VALUES (1)",
        ],
        &["DROP TABLE half"],
    );
    let migrations = vec![posts(), failing];
    let mut migrator = Migrator::new(connect(&db).await, PostgresDriver.dialect(), migrations);
    let error = migrator
        .run(RunOptions::default())
        .await
        .expect_err("the second fails");
    let message = error.chain();
    assert!(message.contains("2_broken"), "{message}");
    assert!(
        message.contains("INSERT INTO nowhere VALUES (1)"),
        "{message}"
    );
    assert!(message.contains("\"nowhere\""), "{message}");
    let conn = migrator.connection();
    assert!(
        !conn.table_exists("half").await.expect("asks"),
        "rolled back"
    );
    assert!(
        conn.table_exists("posts").await.expect("asks"),
        "the first stays applied"
    );
    assert_eq!(
        texts(conn, "SELECT name FROM dbm_schema").await,
        ["1_create_posts"]
    );
    let mut other = connect(&db).await;
    assert!(
        other.try_lock("dbm_schema").await.expect("tries"),
        "the lock was released"
    );
}

#[tokio::test]
async fn a_migration_outside_a_transaction_creates_indexes_concurrently() {
    let Some(db) = database().await else {
        return;
    };
    let index = |column: &str| {
        Operation::CreateIndex(CreateIndex {
            table: "posts".into(),
            columns: vec![column.into()],
            concurrently: true,
            ..CreateIndex::default()
        })
    };
    let concurrent = migration(
        "2_index_posts",
        vec![index("state"), index("created_at")],
        false,
    );
    let mut migrator = Migrator::new(
        connect(&db).await,
        PostgresDriver.dialect(),
        vec![posts(), concurrent],
    );
    migrator.run(RunOptions::default()).await.expect("runs");
    let sql =
        "SELECT count(*) FROM pg_indexes WHERE tablename = 'posts' AND indexname LIKE '%_index'";
    assert_eq!(count(migrator.connection(), sql).await, 2);
    migrator
        .rollback(RollbackTarget::Steps(1))
        .await
        .expect("drops the indexes");
    assert_eq!(count(migrator.connection(), sql).await, 0);
}
