//! [`SqliteDialect`]: schema operations compiled to SQLite's SQL.

use dbm_core::Dialect;
use dbm_core::dialect::{DialectInfo, PrimaryKey};
use dbm_core::driver::{ColumnInfo, TableInfo, TableState};
use dbm_core::error::Result;
use dbm_core::schema::{AlterTable, Column, ColumnType, CreateTable, DefaultValue, Operation};

use crate::alter;
use crate::ddl;

/// The SQLite dialect.
///
/// Types, as `docs/migrations.md` lists them (`increments` → `integer PRIMARY KEY
/// AUTOINCREMENT NOT NULL`, `decimal` → `decimal(p,s)`, `boolean` → `boolean`, `uuid` →
/// `char(36)`, `enum` → `text` with a `CHECK (c IN (...))`, ...); SQLite keeps declared types
/// as written, so introspection shows them back. Quirks, each handled here:
///
/// - `unsigned`, `tz` and `native` (enum) are documented no-ops: SQLite has no such things.
/// - Comments have no place in SQLite's catalog; they are kept as `/* text */` at the end of the
///   column's definition, inside the stored `CREATE TABLE` text.
/// - Unique columns and `unique = [...]` become `CREATE UNIQUE INDEX "t_c_unique"`; foreign
///   keys are named table constraints (`CONSTRAINT "t_c_foreign" FOREIGN KEY ...`), so
///   `drop_foreign_keys` finds them; a composite primary key is `CONSTRAINT "t_pkey"`.
/// - A composite primary key that includes an `increments` column is an error: SQLite's
///   `AUTOINCREMENT` needs a single-column `INTEGER PRIMARY KEY`.
/// - `create_index` with `concurrently = true` compiles to a plain `CREATE INDEX`: SQLite has no
///   concurrent index builds (nor needs them), so the flag is a documented no-op.
/// - `alter_table` uses native `ALTER TABLE` where SQLite has it and a table rebuild elsewhere
///   (see the `alter` and `rebuild` modules); [`Dialect::rebuilds`] tells the migrator which.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SqliteDialect;

impl Dialect for SqliteDialect {
    fn name(&self) -> &str {
        "sqlite"
    }

    /// `PRIMARY KEY AUTOINCREMENT` on an auto-increment key column, and the comment as
    /// `/* text */` as `create_table` keeps it.
    fn dump_column(&self, table: &TableInfo, column: &ColumnInfo, primary: bool) -> Result<String> {
        let mut sql = dbm_core::dump::column_head(self, table, column)?;
        if primary {
            sql.push_str(" PRIMARY KEY AUTOINCREMENT");
        }
        dbm_core::dump::push_null_and_default(self, &mut sql, column);
        if let Some(comment) = &column.comment {
            sql.push(' ');
            sql.push_str(&ddl::comment_sql(comment));
        }
        Ok(sql)
    }

    /// SQLite cannot add a foreign key or a unique constraint to an existing table.
    fn dump_constraints_inline(&self) -> bool {
        true
    }

    /// Comments live inside the column definitions.
    fn dump_comments(&self, _table: &TableInfo) -> Vec<String> {
        Vec::new()
    }

    fn info(&self) -> DialectInfo {
        DialectInfo::sqlite()
    }

    /// `id` is a plain `integer` primary key (a rowid alias) rather than `AUTOINCREMENT`:
    /// ids still grow with every row applied, and each migration's commit writes two pages
    /// fewer (no `sqlite_sequence` update).
    fn tracking_table(&self, table: &str) -> CreateTable {
        let mut def = dbm_core::dialect::tracking_table(table);
        if let Some(id) = def.columns.iter_mut().find(|c| c.name == "id") {
            id.column_type = ColumnType::Integer;
            id.primary = true;
        }
        def
    }

    fn scripted_transactions(&self) -> bool {
        true
    }

    fn needs_table_state(&self, op: &Operation) -> bool {
        matches!(op, Operation::AlterTable(_))
    }

    fn rebuilds(&self, op: &Operation) -> bool {
        alter::rebuilds(self, op)
    }

    /// `increments` carries `PRIMARY KEY AUTOINCREMENT` itself; other keys are a
    /// `CONSTRAINT "t_pkey" PRIMARY KEY (...)` clause.
    fn primary_key(&self, op: &CreateTable, columns: &[Column]) -> Result<PrimaryKey> {
        ddl::table_primary_key(self, op, columns)
    }

    fn column_definition(&self, table: &str, column: &Column, _primary: bool) -> Result<String> {
        ddl::column_definition(self, table, column, &[])
    }

    fn column_type(&self, _table: &str, column: &Column) -> Result<String> {
        ddl::type_sql(self, column)
    }

    fn default_literal(&self, column: &Column, value: &DefaultValue) -> Result<String> {
        ddl::default_sql(self, &column.name, value)
    }

    /// `CREATE UNIQUE INDEX "t_c_unique"` after the table.
    fn unique_constraints_as_indexes(&self) -> bool {
        true
    }

    /// Native `ALTER TABLE` where SQLite has it, the safe rebuild elsewhere.
    fn alter_table(&self, op: &AlterTable, table: Option<&TableState>) -> Result<Vec<String>> {
        alter::alter_table(self, op, table)
    }
}
