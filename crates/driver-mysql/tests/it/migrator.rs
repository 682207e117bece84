//! The driver under dbm-core's real `Migrator`: a run, a rollback and a failing migration
//! whose applied statements are undone, on the test server.

use std::sync::Arc;

use crate::common::{connect, database, texts};
use dbm_core::Error;
use dbm_core::migration::{Migration, MigrationBody};
use dbm_core::migrator::{RollbackTarget, RunOptions, State};
use dbm_core::schema::{
    AlterTable, Column, ColumnType, CreateTable, Operation, Reference, ReferentialAction,
};
use dbm_core::{Dialect, Migrator};
use dbm_driver_mysql::MysqlDialect;

fn migration(name: &str, up: Vec<Operation>) -> Migration {
    Migration {
        name: format!("database/migrations/{name}"),
        path: None,
        checksum: dbm_core::migration::checksum(format!("{up:?}").as_bytes()),
        body: MigrationBody::Schema { up, down: None },
        transaction: true,
    }
}

fn create(name: &str, columns: Vec<Column>) -> Operation {
    Operation::CreateTable(CreateTable {
        name: name.into(),
        columns,
        ..CreateTable::default()
    })
}

fn role_id(table: &str) -> Column {
    Column {
        unsigned: true,
        references: Some(Reference {
            table: table.into(),
            column: "id".into(),
            on_delete: Some(ReferentialAction::Cascade),
            on_update: None,
        }),
        ..Column::new("role_id", ColumnType::Integer)
    }
}

fn dialect() -> Arc<dyn Dialect> {
    Arc::new(MysqlDialect)
}

#[tokio::test]
async fn migrations_run_in_one_batch_and_roll_back_to_an_empty_database() {
    let Some(db) = database().await else { return };
    let migrations = vec![
        migration(
            "1_create_roles_table",
            vec![create(
                "roles",
                vec![Column::new("id", ColumnType::Increments)],
            )],
        ),
        migration(
            "2_create_users_table",
            vec![
                create(
                    "users",
                    vec![Column::new("id", ColumnType::Increments), role_id("roles")],
                ),
                Operation::AlterTable(AlterTable {
                    name: "users".into(),
                    add_columns: vec![Column {
                        unique: true,
                        ..Column::new("email", ColumnType::String { length: 254 })
                    }],
                    ..AlterTable::default()
                }),
            ],
        ),
    ];
    let mut migrator = Migrator::new(connect(&db).await, dialect(), migrations);
    let report = migrator.run(RunOptions::default()).await.expect("runs");
    assert_eq!(report.batch, Some(1));
    assert_eq!(report.migrations.len(), 2);
    let status = migrator.status().await.expect("status");
    assert!(
        status
            .iter()
            .all(|s| s.status == State::Completed && s.batch == Some(1))
    );
    assert!(status.iter().all(|s| s.migration_time.is_some()));

    let reverted = migrator
        .rollback(RollbackTarget::LatestBatch)
        .await
        .expect("rolls back");
    assert_eq!(reverted.migrations.len(), 2);
    let catalog = migrator
        .connection()
        .introspect()
        .await
        .expect("introspects");
    let left: Vec<&str> = catalog.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(left, ["dbm_schema", "dbm_schema_versions"]);
    migrator.close().await.expect("closes");
}

#[tokio::test]
async fn a_failing_migration_names_its_statement_records_nothing_and_undoes_what_applied() {
    let Some(db) = database().await else { return };
    let migrations = vec![migration(
        "1_create_users_table",
        vec![
            create("users", vec![Column::new("id", ColumnType::Increments)]),
            create(
                "profiles",
                vec![Column::new("id", ColumnType::Increments), role_id("roles")],
            ),
        ],
    )];
    let mut migrator = Migrator::new(connect(&db).await, dialect(), migrations);
    let error = migrator
        .run(RunOptions::default())
        .await
        .expect_err("roles is missing");
    let Error::Migration {
        name,
        statement,
        aftermath,
        source,
    } = &error
    else {
        panic!("a migration error: {error}");
    };
    assert_eq!(name, "database/migrations/1_create_users_table");
    let statement = statement.as_deref().expect("the failing statement");
    assert!(
        statement.starts_with("CREATE TABLE `profiles`")
            && statement.contains("REFERENCES `roles`"),
        "the statement names the missing table that MySQL's message does not: {statement}"
    );
    assert!(
        source.to_string().contains("ERROR 1005") || source.to_string().contains("ERROR 1824"),
        "{source}"
    );
    let aftermath = aftermath.as_deref().expect("what was done about `users`");
    assert!(aftermath.contains("DROP TABLE `users`"), "{aftermath}");

    let mut conn = connect(&db).await;
    assert!(
        !conn.table_exists("users").await.expect("answers"),
        "undone"
    );
    assert!(!conn.table_exists("profiles").await.expect("answers"));
    assert!(
        texts(conn.as_mut(), "SELECT name FROM dbm_schema")
            .await
            .is_empty(),
        "nothing recorded"
    );
    let lock = dbm_driver_mysql::lock_name(&db.name, "dbm_schema");
    assert_eq!(
        texts(conn.as_mut(), &format!("SELECT IS_FREE_LOCK('{lock}')")).await,
        ["1"],
        "the lock was released on the error path"
    );
}
