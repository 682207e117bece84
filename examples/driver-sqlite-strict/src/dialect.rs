//! [`SqliteStrictDialect`]: the SQLite dialect with every table `STRICT`.

use dbm_core::Dialect;
use dbm_core::dialect::{DialectInfo, PrimaryKey};
use dbm_core::driver::TableState;
use dbm_core::error::{Error, Result};
use dbm_core::schema::naming;
use dbm_core::schema::{AlterTable, Column, ColumnType, CreateTable, DefaultValue, Operation};
use dbm_driver_sqlite::SqliteDialect;

/// The column types a STRICT table accepts.
const STRICT_TYPES: &[&str] = &["INTEGER", "INT", "REAL", "TEXT", "BLOB", "ANY"];

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
/// Everything else is the built-in [`SqliteDialect`]'s, reached through its hooks: keys,
/// indexes and foreign keys are named as everywhere in dbm, comments are kept as `/* text */`,
/// `sql` operations use the `sqlite` entries, and `alter_table` is
/// [`dbm_driver_sqlite::alter_table`]: native `ALTER TABLE` where SQLite has it and a table
/// rebuild elsewhere (`alter_columns`, foreign keys, constrained columns). It writes every
/// piece through this dialect's hooks and keeps the stored table's `STRICT`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SqliteStrictDialect;

impl SqliteStrictDialect {
    /// A column's STRICT type and the `CHECK` expression that carries the rest of its
    /// portable type (a length, an enum's values, a boolean's two values).
    fn strict_type(&self, column: &Column) -> Result<(String, Option<String>)> {
        let name = self.quote_identifier(&column.name);
        let bounded = |length: u32| Some(format!("length({name}) <= {length}"));
        Ok(match &column.column_type {
            ColumnType::Boolean => ("INTEGER".into(), Some(format!("{name} IN (0, 1)"))),
            ColumnType::Increments
            | ColumnType::BigIncrements
            | ColumnType::TinyInteger
            | ColumnType::SmallInteger
            | ColumnType::Integer
            | ColumnType::BigInteger => ("INTEGER".into(), None),
            ColumnType::Float | ColumnType::Double | ColumnType::Decimal { .. } => {
                ("REAL".into(), None)
            }
            ColumnType::Char { length } | ColumnType::String { length } => {
                ("TEXT".into(), bounded(*length))
            }
            ColumnType::Binary { length } => ("BLOB".into(), length.and_then(bounded)),
            ColumnType::Enum { values, .. } => {
                let list = dbm_core::dialect::ddl::enum_values(self, column, values)?;
                ("TEXT".into(), Some(format!("{name} IN ({list})")))
            }
            ColumnType::Specific { sql_type } => {
                let upper = sql_type.trim().to_ascii_uppercase();
                if !STRICT_TYPES.contains(&upper.as_str()) {
                    return Err(Error::schema(format!(
                        "column \"{}\" has type `specific` with sql_type `{}`: STRICT tables \
                         accept only the column types {}",
                        column.name,
                        sql_type.trim(),
                        STRICT_TYPES.join(", ")
                    )));
                }
                (upper, None)
            }
            _ => ("TEXT".into(), None),
        })
    }
}

impl Dialect for SqliteStrictDialect {
    /// `sqlite`: `sql = { sqlite = ... }` entries apply, the SQL being SQLite's.
    fn name(&self) -> &str {
        "sqlite"
    }

    fn info(&self) -> DialectInfo {
        SqliteDialect.info()
    }

    fn scripted_transactions(&self) -> bool {
        SqliteDialect.scripted_transactions()
    }

    fn needs_table_state(&self, op: &Operation) -> bool {
        SqliteDialect.needs_table_state(op)
    }

    fn rebuilds(&self, op: &Operation) -> bool {
        dbm_driver_sqlite::rebuilds(self, op)
    }

    fn primary_key(&self, op: &CreateTable, columns: &[Column]) -> Result<PrimaryKey> {
        SqliteDialect.primary_key(op, columns)
    }

    /// SQLite's column definition with the STRICT type and, after the default, the named
    /// `CHECK` of [`SqliteStrictDialect`]'s type table (in place of SQLite's unnamed enum check).
    fn column_definition(&self, table: &str, column: &Column, _primary: bool) -> Result<String> {
        let check = self.strict_type(column)?.1.map(|expr| {
            let name = naming::check_name(table, &column.name);
            format!("CONSTRAINT {} CHECK ({expr})", self.quote_identifier(&name))
        });
        let mut plain = column.clone();
        if matches!(plain.column_type, ColumnType::Enum { .. }) {
            plain.column_type = ColumnType::Text;
        }
        let keep: Vec<&str> = check.iter().map(String::as_str).collect();
        dbm_driver_sqlite::column_definition(self, table, &plain, &keep)
    }

    fn column_type(&self, _table: &str, column: &Column) -> Result<String> {
        Ok(self.strict_type(column)?.0)
    }

    /// SQLite's defaults, with booleans as `1` and `0` (the column is an `INTEGER`).
    fn default_literal(&self, column: &Column, value: &DefaultValue) -> Result<String> {
        match value {
            DefaultValue::Boolean(b) => Ok(i32::from(*b).to_string()),
            _ => SqliteDialect.default_literal(column, value),
        }
    }

    fn unique_constraints_as_indexes(&self) -> bool {
        SqliteDialect.unique_constraints_as_indexes()
    }

    fn table_options(&self, _op: &CreateTable) -> String {
        " STRICT".into()
    }

    /// [`dbm_driver_sqlite::alter_table`] with this dialect's columns; a rebuild keeps `STRICT`.
    fn alter_table(&self, op: &AlterTable, table: Option<&TableState>) -> Result<Vec<String>> {
        dbm_driver_sqlite::alter_table(self, op, table)
    }
}
