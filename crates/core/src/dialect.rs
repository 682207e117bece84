//! The [`Dialect`] trait: how a driver turns schema operations into its SQL.
//!
//! A dialect quotes identifiers through one function, compiles each [`Operation`] into
//! statements, and says what its database can do ([`Capabilities`]). Methods with a default
//! cover the common case, so a dialect overrides only what differs.

use crate::catalog::TableState;
use crate::error::{Error, Result};
use crate::migration::sql::{SqlDialect, split_statements_for};
use crate::schema::{Column, ColumnType, CreateTable, ForeignKey, Operation, RawSql};

mod family;

pub use family::{
    DialectInfo, Family, ForeignKeyTypes, IdentifierQuote, IndexNameScope, LossyKind, LossyType,
    PlaceholderStyle, SQL_ENTRY_KEYS,
};

/// What a database can do, as far as the migrator cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Capabilities {
    /// DDL is transactional: a failed migration leaves no trace (PostgreSQL, SQLite). MySQL
    /// commits DDL implicitly.
    pub transactional_ddl: bool,
    /// Native enum types (PostgreSQL).
    pub native_enum: bool,
}

/// The SQL dialect of a driver.
///
/// # Notes
///
/// Quote every identifier through [`Dialect::quote_identifier`], constraint names included.
/// An operation the dialect cannot express is an [`Error::Schema`](crate::Error::Schema)
/// that says so, never a panic and never a silent omission.
pub trait Dialect: Send + Sync {
    /// The dialect's name, shown in messages (`sqlite`, `postgres`, `mysql`, a plugin's).
    fn name(&self) -> &str;

    /// What the dialect is, as plain data: its [`Family`] (which `sql = { ... }` entry it
    /// takes, how raw SQL is split, which `migration:check` rules apply), quoting,
    /// placeholders, index name scope, foreign key strictness, lossy types and
    /// [`Capabilities`]. Declared once; the other methods' defaults read it. A dialect of
    /// another database's SQL starts from that family's info (`DialectInfo::postgres()`).
    fn info(&self) -> DialectInfo;

    /// Quotes an identifier. The default quotes as [`DialectInfo::quoting`] says.
    fn quote_identifier(&self, ident: &str) -> String {
        self.info().quoting.quote(ident)
    }

    /// Quotes a string literal. The default doubles `'` inside single quotes.
    fn quote_string(&self, text: &str) -> String {
        format!("'{}'", text.replace('\'', "''"))
    }

    /// The placeholder of the `index`-th bound parameter (1-based). The default writes it as
    /// [`DialectInfo::placeholder`] says.
    fn placeholder(&self, index: usize) -> String {
        self.info().placeholder.placeholder(index)
    }

    /// An expression that reads the timestamp `column` as text (used to read `migration_time`),
    /// best as UTC `YYYY-MM-DD HH:MM:SS`, whatever the session's time zone and date style.
    fn text_expr(&self, column: &str) -> String {
        self.quote_identifier(column)
    }

    /// What the database can do: [`DialectInfo::capabilities`].
    fn capabilities(&self) -> Capabilities {
        self.info().capabilities
    }

    /// True when `BEGIN` and `COMMIT` may travel inside one
    /// [`execute_batch`](crate::Connection::execute_batch) script together with a
    /// migration's statements and its tracking row: the migrator then applies a migration
    /// that needs no table state in one round trip. The default is false (separate calls to
    /// `begin`, `execute_batch`, `commit`).
    fn scripted_transactions(&self) -> bool {
        false
    }

    /// True when compiling `op` needs the current definition of its table
    /// ([`Connection::table_state`](crate::Connection::table_state)).
    fn needs_table_state(&self, _op: &Operation) -> bool {
        false
    }

    /// True when `op` may rebuild a table, so the migrator turns foreign-key enforcement
    /// off before `BEGIN` and checks foreign keys before `COMMIT`.
    fn rebuilds(&self, _op: &Operation) -> bool {
        false
    }

    /// Compiles one operation into statements, in order.
    ///
    /// `table` is the current definition of the operation's table when
    /// [`Dialect::needs_table_state`] asked for it and the table exists.
    ///
    /// # Errors
    ///
    /// [`Error::Schema`](crate::Error::Schema) when the operation cannot be expressed.
    fn compile(&self, op: &Operation, table: Option<&TableState>) -> Result<Vec<String>>;

    /// The tracking table `dbm_schema` (named `table`) as a schema operation; the dialect
    /// compiles it like any other. Override only to change its column types.
    fn tracking_table(&self, table: &str) -> CreateTable {
        tracking_table(table)
    }
}

/// The statements of a `sql` operation for `dialect`: its family's entry, else `default`, split
/// by the rules of `sql_dialect`.
///
/// # Errors
///
/// [`Error::Schema`](crate::Error::Schema) when the operation has neither, or the SQL does not
/// split (an unterminated string, quote or comment).
pub fn raw_sql_statements(
    dialect: &dyn Dialect,
    raw: &RawSql,
    sql_dialect: SqlDialect,
) -> Result<Vec<String>> {
    let family = dialect.info().family;
    let sql = raw.for_family(family).ok_or_else(|| {
        Error::schema(format!(
            "this `sql` operation has no `{family}` entry and no `default`"
        ))
    })?;
    split_statements_for(sql, sql_dialect).map_err(|e| Error::schema(format!("sql: {e}")))
}

/// A named table-level foreign key in standard SQL, quoted by `dialect`:
/// `CONSTRAINT "t_c_foreign" FOREIGN KEY ("c") REFERENCES "p" ("id") ON DELETE CASCADE`.
///
/// # Errors
///
/// [`Error::Schema`](crate::Error::Schema) for a foreign key without columns.
pub fn foreign_key_clause(dialect: &dyn Dialect, table: &str, fk: &ForeignKey) -> Result<String> {
    if fk.columns.is_empty() {
        return Err(crate::Error::schema(format!(
            "a foreign key of table {} to {} has no columns",
            dialect.quote_identifier(table),
            dialect.quote_identifier(&fk.references_table)
        )));
    }
    let list = |columns: &[String]| {
        columns
            .iter()
            .map(|c| dialect.quote_identifier(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut sql = format!(
        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {}",
        dialect.quote_identifier(&fk.name_on(table)),
        list(&fk.columns),
        dialect.quote_identifier(&fk.references_table)
    );
    if !fk.references_columns.is_empty() {
        sql.push_str(&format!(" ({})", list(&fk.references_columns)));
    }
    if let Some(action) = fk.on_delete {
        sql.push_str(&format!(" ON DELETE {}", action.sql()));
    }
    if let Some(action) = fk.on_update {
        sql.push_str(&format!(" ON UPDATE {}", action.sql()));
    }
    Ok(sql)
}

/// The portable definition of the tracking table `dbm_schema` (format version 2: with the
/// `state` column, see [`crate::repository::RowState`]).
pub fn tracking_table(table: &str) -> CreateTable {
    let not_null = |column: Column| Column {
        nullable: Some(false),
        ..column
    };
    CreateTable {
        name: table.to_string(),
        columns: vec![
            Column::new("id", ColumnType::Increments),
            Column {
                unique: true,
                ..not_null(Column::new("name", ColumnType::String { length: 255 }))
            },
            not_null(Column::new("batch", ColumnType::Integer)),
            Column::new("checksum", ColumnType::String { length: 64 }),
            Column {
                default: Some(crate::schema::DefaultValue::Sql("CURRENT_TIMESTAMP".into())),
                ..Column::new("migration_time", ColumnType::Timestamp { tz: true })
            },
            Column {
                default: Some(crate::schema::DefaultValue::String("applied".into())),
                ..not_null(Column::new("state", ColumnType::String { length: 16 }))
            },
        ],
        ..CreateTable::default()
    }
}

/// The portable definition of `dbm_schema_versions` (one row: the format version).
pub fn versions_table(table: &str) -> CreateTable {
    CreateTable {
        name: format!("{table}_versions"),
        columns: vec![Column {
            primary: true,
            ..Column::new("version", ColumnType::Integer)
        }],
        ..CreateTable::default()
    }
}
