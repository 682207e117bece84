//! Helpers for the DDL tests of every dialect: schema constructors, compiling an operation
//! through a [`Dialect`], the snapshot text of compiled statements, and running them.
//!
//! Every helper that compiles takes the dialect, so the three drivers' tests (and any other
//! dialect's) share one copy.

use dbm_core::Dialect;
use dbm_core::driver::{Connection, TableState};
use dbm_core::schema::{
    AlterTable, Column, ColumnType, CreateTable, Operation, Reference, ReferentialAction,
};

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

/// A `create_table` of these columns and nothing else.
pub fn table(name: &str, columns: Vec<Column>) -> CreateTable {
    CreateTable {
        name: name.into(),
        columns,
        ..CreateTable::default()
    }
}

/// An `alter_table` of `name` with no parts yet.
pub fn alter(name: &str) -> AlterTable {
    AlterTable {
        name: name.into(),
        ..AlterTable::default()
    }
}

/// A column's `references = "table.column"`.
///
/// # Panics
///
/// When `target` has no `.`.
pub fn reference(target: &str, on_delete: Option<ReferentialAction>) -> Option<Reference> {
    let (table, column) = target.split_once('.').expect("table.column");
    Some(Reference {
        table: table.into(),
        column: column.into(),
        on_delete,
        on_update: None,
    })
}

/// The statements of an operation in `dialect`, compiled without table state.
///
/// # Panics
///
/// When the operation does not compile.
pub fn compile(dialect: &dyn Dialect, op: &Operation) -> Vec<String> {
    compile_with(dialect, op, None)
}

/// The statements of an operation in `dialect`, compiled with table state.
///
/// # Panics
///
/// When the operation does not compile.
pub fn compile_with(
    dialect: &dyn Dialect,
    op: &Operation,
    state: Option<&TableState>,
) -> Vec<String> {
    dialect
        .compile(op, state)
        .unwrap_or_else(|e| panic!("{op:?} compiles in {}: {e}", dialect.name()))
}

/// The message of an operation that must not compile in `dialect` without table state.
///
/// # Panics
///
/// When the operation compiles.
pub fn compile_error(dialect: &dyn Dialect, op: &Operation) -> String {
    compile_error_with(dialect, op, None)
}

/// The message of an operation that must not compile in `dialect` with table state.
///
/// # Panics
///
/// When the operation compiles.
pub fn compile_error_with(
    dialect: &dyn Dialect,
    op: &Operation,
    state: Option<&TableState>,
) -> String {
    match dialect.compile(op, state) {
        Ok(sql) => panic!(
            "{op:?} should not compile in {}, got {sql:?}",
            dialect.name()
        ),
        Err(e) => e.to_string(),
    }
}

/// Appends `-- label` then the statements, each ending in `;`.
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

/// Runs statements, panicking with the failing one.
///
/// # Panics
///
/// When a statement fails.
pub async fn run(conn: &mut dyn Connection, statements: &[String]) {
    if let Err(e) = conn.execute_batch(statements).await {
        panic!(
            "statement {} failed: {}\n{}",
            e.index, e.error.message, statements[e.index]
        );
    }
}

/// Runs literal statements, panicking with the failing one.
///
/// # Panics
///
/// When a statement fails.
pub async fn run_all(conn: &mut dyn Connection, statements: &[&str]) {
    let owned: Vec<String> = statements.iter().map(|s| s.to_string()).collect();
    run(conn, &owned).await;
}

/// Runs the statements of every step in order, panicking with the failing one.
///
/// # Panics
///
/// When a statement fails.
pub async fn run_steps(conn: &mut dyn Connection, steps: &[(String, Vec<String>)]) {
    for (_, statements) in steps {
        run(conn, statements).await;
    }
}

/// The single integer a query returns.
///
/// # Panics
///
/// When the query fails or returns no integer.
pub async fn count(conn: &mut dyn Connection, sql: &str) -> i64 {
    let rows = conn
        .query(sql, &[])
        .await
        .unwrap_or_else(|e| panic!("{sql}: {}", e.message));
    rows.first()
        .and_then(|r| r.get(0).as_i64())
        .unwrap_or_else(|| panic!("{sql} returned no integer"))
}
