//! [`SqliteDialect`]: schema operations compiled to SQLite's SQL.

use dbm_core::Dialect;
use dbm_core::dialect::{DialectInfo, raw_sql_statements};
use dbm_core::driver::TableState;
use dbm_core::error::Result;
use dbm_core::migration::sql::SqlDialect;
use dbm_core::schema::{ColumnType, CreateIndex, CreateTable, Operation};

use crate::alter;
use crate::ddl::{self, q};

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
        matches!(op, Operation::AlterTable(alter) if alter::part_rebuilds(alter))
    }

    fn compile(&self, op: &Operation, table: Option<&TableState>) -> Result<Vec<String>> {
        match op {
            Operation::CreateTable(create) => ddl::create_table(create),
            Operation::AlterTable(alter) => alter::compile(alter, table),
            Operation::DropTable(drop) => Ok(vec![format!(
                "DROP TABLE {}{}",
                if drop.if_exists { "IF EXISTS " } else { "" },
                q(&drop.name)
            )]),
            Operation::RenameTable(rename) => Ok(vec![format!(
                "ALTER TABLE {} RENAME TO {}",
                q(&rename.name),
                q(&rename.to)
            )]),
            Operation::CreateIndex(index) => create_index(index).map(|sql| vec![sql]),
            Operation::DropIndex(drop) => Ok(vec![format!("DROP INDEX {}", q(&drop.name))]),
            Operation::Sql(raw) => raw_sql_statements(self, raw, SqlDialect::Sqlite),
        }
    }
}

/// `create_index`: `concurrently` is ignored (SQLite has no such thing).
fn create_index(index: &CreateIndex) -> Result<String> {
    let name = index.resolved_name();
    ddl::create_index_sql(&index.table, &name, &index.columns, index.unique, false)
}
