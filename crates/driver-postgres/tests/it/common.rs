//! Helpers shared by the integration tests: fresh databases on the test server (from
//! `dbm-test-support`), connection configs, statement runners and schema constructors.
//!
//! A snapshot test compiles its SQL and compares it with the snapshot first, which needs no
//! server, and only then takes a fresh database to run the statements on, where there is one.

#![allow(dead_code, missing_docs)]

use dbm_core::driver::{ConnectOptions, Connection, Driver, TableState};
use dbm_core::schema::{
    Column, ColumnType, CreateTable, DefaultValue, Operation, Reference, ReferentialAction,
};
use dbm_core::{ConnectionConfig, Dialect, Value};
use dbm_driver_postgres::{PostgresDialect, PostgresDriver};
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

/// Runs statements, panicking with the failing one.
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
    run(conn, &owned(statements)).await;
}

/// Literal statements as owned strings.
pub fn owned(statements: &[&str]) -> Vec<String> {
    statements.iter().map(|s| s.to_string()).collect()
}

/// The single integer a query returns.
pub async fn count(conn: &mut dyn Connection, sql: &str) -> i64 {
    let rows = conn.query(sql, &[]).await.expect("the query runs");
    rows.first()
        .and_then(|r| r.get(0).as_i64())
        .unwrap_or_else(|| panic!("{sql} returned no integer"))
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

/// An enum type.
pub fn enumeration(values: &[&str], native: bool) -> ColumnType {
    ColumnType::Enum {
        values: values.iter().map(|v| v.to_string()).collect(),
        native,
    }
}

/// The statements of an operation, compiled without table state.
pub fn compile(op: &Operation) -> Vec<String> {
    compile_with(op, None)
}

/// The statements of an operation, compiled with table state.
pub fn compile_with(op: &Operation, state: Option<&TableState>) -> Vec<String> {
    PostgresDialect
        .compile(op, state)
        .unwrap_or_else(|e| panic!("{op:?} compiles: {e}"))
}

/// The message of an operation that must not compile.
pub fn compile_error(op: &Operation) -> String {
    match PostgresDialect.compile(op, None) {
        Ok(sql) => panic!("{op:?} should not compile, got {sql:?}"),
        Err(e) => e.to_string(),
    }
}

/// `label` then the statements, each ending in `;`.
pub fn render(out: &mut String, label: &str, statements: &[String]) {
    out.push_str(&format!("-- {label}\n"));
    for statement in statements {
        out.push_str(statement);
        out.push_str(";\n");
    }
}

/// Labelled statements: `(label, statements)` in the order they run.
pub type Steps = Vec<(String, Vec<String>)>;

/// The snapshot text of `steps`: each label, then its statements, each ending in `;`.
pub fn rendered(steps: &[(String, Vec<String>)]) -> String {
    let mut out = String::new();
    for (label, statements) in steps {
        render(&mut out, label, statements);
    }
    out
}

/// Runs the statements of every step in order, panicking with the failing one.
pub async fn run_steps(conn: &mut dyn Connection, steps: &[(String, Vec<String>)]) {
    for (_, statements) in steps {
        run(conn, statements).await;
    }
}

/// A `create_table` of these columns and nothing else.
pub fn table(name: &str, columns: Vec<Column>) -> CreateTable {
    CreateTable {
        name: name.into(),
        columns,
        ..CreateTable::default()
    }
}

/// A column's `references = "table.column"`.
pub fn reference(target: &str, on_delete: Option<ReferentialAction>) -> Option<Reference> {
    let (table, column) = target.split_once('.').expect("table.column");
    Some(Reference {
        table: table.into(),
        column: column.into(),
        on_delete,
        on_update: None,
    })
}

/// `users`: an identity key, a foreign key to `roles`, a unique email, timestamps.
pub fn users_table() -> CreateTable {
    CreateTable {
        timestamps: true,
        ..table(
            "users",
            vec![
                col("id", ColumnType::Increments),
                Column {
                    unsigned: true,
                    default: Some(DefaultValue::Integer(1)),
                    references: reference("roles.id", Some(ReferentialAction::Cascade)),
                    ..not_null(col("role_id", ColumnType::Integer))
                },
                Column {
                    unique: true,
                    ..not_null(col("email", string(254)))
                },
                Column {
                    default: Some(DefaultValue::Boolean(false)),
                    ..not_null(col("is_admin", ColumnType::Boolean))
                },
            ],
        )
    }
}
