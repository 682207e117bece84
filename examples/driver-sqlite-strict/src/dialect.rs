//! [`SqliteStrictDialect`]: schema operations compiled to SQLite with STRICT tables.

use dbm_core::Dialect;
use dbm_core::dialect::{DialectInfo, raw_sql_statements};
use dbm_core::driver::TableState;
use dbm_core::error::{Error, Result};
use dbm_core::migration::sql::SqlDialect;
use dbm_core::schema::{AlterTable, Column, CreateIndex, DefaultValue, Operation, naming};

use crate::ddl::{self, q};

/// The SQLite dialect of the `sqlite_strict` driver: every table is `CREATE TABLE ... STRICT`.
///
/// A STRICT table accepts only the column types `INTEGER`, `INT`, `REAL`, `TEXT`, `BLOB` and
/// `ANY`, and refuses a value that cannot be stored losslessly as its column's type. The
/// portable types map to them as follows; what the STRICT type cannot say is kept in a named
/// column `CHECK` (`CONSTRAINT "t_c_check" CHECK (...)`, named by `naming::check_name`):
///
/// | dbm type | column |
/// |---|---|
/// | `increments`, `big_increments` | `INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL` |
/// | `tiny_integer`, `small_integer`, `integer`, `big_integer` | `INTEGER` |
/// | `boolean` | `INTEGER` + `CHECK ("c" IN (0, 1))`; defaults written `1` / `0` |
/// | `float`, `double`, `decimal` | `REAL` (`decimal` is lossy: a binary double, not `decimal(p,s)`) |
/// | `char(n)`, `string(n)` | `TEXT` + `CHECK (length("c") <= n)` |
/// | `text`, `date`, `time`, `datetime`, `timestamp`, `json`, `jsonb`, `uuid` | `TEXT` |
/// | `enum` | `TEXT` + `CHECK ("c" IN ('a', 'b'))` (`native` is a no-op) |
/// | `binary` | `BLOB` (+ `CHECK (length("c") <= n)` with a `length`) |
/// | `specific` | its `sql_type` when it is one of the STRICT types, else a schema error |
///
/// `increments` is an `AUTOINCREMENT` rowid alias, which STRICT tables allow: ids grow and are
/// never reused after a delete, as with the built-in SQLite driver (SQLite keeps the counter
/// in `sqlite_sequence`, its own table, which is not STRICT). `unsigned` and `tz` are no-ops.
///
/// Everything else is as on the built-in SQLite driver: unique columns and `unique = [...]`
/// are `CREATE UNIQUE INDEX "t_c_unique"`, `index` and `indexes` are `CREATE INDEX
/// "t_c_index"`, foreign keys are named table constraints (`CONSTRAINT "t_c_foreign" FOREIGN KEY
/// ...`), a composite or non-increments primary key is `CONSTRAINT "t_pkey" PRIMARY KEY (...)`,
/// a comment is kept as `/* text */` in the stored `CREATE TABLE` text, and `timestamps = true`
/// adds `created_at` and `updated_at` as `TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP`.
///
/// # `alter_table`
///
/// Only what SQLite's `ALTER TABLE` does natively, in the order of the parts:
///
/// | part | SQL |
/// |---|---|
/// | `drop_unique`, `drop_indexes` | `DROP INDEX` |
/// | `rename_columns` | `ALTER TABLE .. RENAME COLUMN` |
/// | `drop_columns` | `DROP INDEX IF EXISTS` of the column's own `t_c_unique` and `t_c_index`, then `ALTER TABLE .. DROP COLUMN` (SQLite refuses a column in another index, a key or a foreign key) |
/// | `add_columns` | `ALTER TABLE .. ADD COLUMN` + its indexes; not for a column with `references`, `primary`, `increments`, `NOT NULL` without a default, or a non-constant default such as `CURRENT_TIMESTAMP` (SQLite cannot add those) |
/// | `add_indexes`, `add_unique` | `CREATE [UNIQUE] INDEX` |
/// | `alter_columns`, `add_foreign_keys`, `drop_foreign_keys` | a schema error: they need a table rebuild, which this example driver does not do |
///
/// # Other operations
///
/// `create_index` ignores `concurrently` (SQLite has no such thing). `sql` operations use the
/// `sqlite` entry (the dialect's family is `sqlite`: the SQL is SQLite's), else `default`, and
/// are split by SQLite's lexical rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SqliteStrictDialect;

impl Dialect for SqliteStrictDialect {
    fn name(&self) -> &str {
        "sqlite"
    }

    fn info(&self) -> DialectInfo {
        DialectInfo::sqlite()
    }

    fn compile(&self, op: &Operation, _table: Option<&TableState>) -> Result<Vec<String>> {
        match op {
            Operation::CreateTable(create) => ddl::create_table(create),
            Operation::AlterTable(alter) => alter_table(alter),
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

/// `create_index`: `concurrently` is ignored.
fn create_index(index: &CreateIndex) -> Result<String> {
    let name = index.resolved_name();
    ddl::create_index_sql(&index.table, &name, &index.columns, index.unique, false)
}

/// The refusal of a part that needs a table rebuild.
fn needs_rebuild(table: &str, part: &str) -> Error {
    Error::schema(format!(
        "alter_table \"{table}\": `{part}` needs a table rebuild (SQLite cannot do it with \
         ALTER TABLE), and the sqlite_strict example driver does not rebuild tables; write the \
         rebuild as a `sql` operation (CREATE TABLE ... STRICT, copy the rows, drop, rename) \
         or use the built-in sqlite driver"
    ))
}

/// Why SQLite's `ADD COLUMN` cannot add this column, if it cannot.
fn add_column_refusal(column: &Column) -> Option<&'static str> {
    if column.references.is_some() {
        Some(
            "it has `references` (a foreign key needs a table rebuild; add it as `integer` and declare the key in a new table)",
        )
    } else if column.primary || column.column_type.is_increments() {
        Some("it is a primary key")
    } else if !column.is_nullable() && column.default.is_none() {
        Some("it is NOT NULL without a default")
    } else if let Some(DefaultValue::Sql(expr)) = &column.default {
        let sql = ddl::expression_default(&column.name, expr).ok()?;
        let upper = sql.to_ascii_uppercase();
        (sql.starts_with('(') || upper.starts_with("CURRENT_")).then_some(
            "its default is not a constant (SQLite adds columns with constant defaults only)",
        )
    } else {
        None
    }
}

/// `alter_table`: native `ALTER TABLE` only; parts that need a rebuild are refused before
/// anything is compiled.
fn alter_table(op: &AlterTable) -> Result<Vec<String>> {
    let table = q(&op.name);
    if !op.drop_foreign_keys.is_empty() {
        return Err(needs_rebuild(&op.name, "drop_foreign_keys"));
    }
    if !op.alter_columns.is_empty() {
        return Err(needs_rebuild(&op.name, "alter_columns"));
    }
    if !op.add_foreign_keys.is_empty() {
        return Err(needs_rebuild(&op.name, "add_foreign_keys"));
    }
    for column in &op.add_columns {
        if let Some(why) = add_column_refusal(column) {
            return Err(Error::schema(format!(
                "alter_table \"{}\": cannot add column \"{}\": {why}",
                op.name, column.name
            )));
        }
    }
    let mut out = Vec::new();
    for reference in &op.drop_unique {
        let name = naming::resolve(&op.name, reference, naming::NameKind::Unique);
        out.push(format!("DROP INDEX {}", q(&name)));
    }
    for reference in &op.drop_indexes {
        let name = naming::resolve(&op.name, reference, naming::NameKind::Index);
        out.push(format!("DROP INDEX {}", q(&name)));
    }
    for (old, new) in &op.rename_columns {
        out.push(format!(
            "ALTER TABLE {table} RENAME COLUMN {} TO {}",
            q(old),
            q(new)
        ));
    }
    for column in &op.drop_columns {
        let own = [column.clone()];
        for index in [
            naming::unique_name(&op.name, &own),
            naming::index_name(&op.name, &own),
        ] {
            out.push(format!("DROP INDEX IF EXISTS {}", q(&index)));
        }
        out.push(format!("ALTER TABLE {table} DROP COLUMN {}", q(column)));
    }
    for column in &op.add_columns {
        out.push(format!(
            "ALTER TABLE {table} ADD COLUMN {}",
            ddl::column_definition(&op.name, column)?
        ));
        out.extend(ddl::column_indexes(&op.name, column, false)?);
    }
    for index in &op.add_indexes {
        out.push(ddl::create_index_sql(
            &op.name,
            &index.index_name(&op.name),
            &index.columns,
            false,
            false,
        )?);
    }
    for unique in &op.add_unique {
        out.push(ddl::create_index_sql(
            &op.name,
            &unique.unique_name(&op.name),
            &unique.columns,
            true,
            false,
        )?);
    }
    Ok(out)
}
