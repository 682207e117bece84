//! The [`Dialect`] trait: how a driver turns schema operations into its SQL.
//!
//! A dialect quotes identifiers through one function, compiles each [`Operation`] into
//! statements, and says what its database can do ([`Capabilities`]). Methods with a default
//! cover the common case, so a dialect overrides only what differs.

pub mod ddl;

use crate::catalog::{
    ColumnInfo, ConstraintInfo, EnumInfo, ForeignKeyInfo, IndexInfo, TableInfo, TableState,
};
use crate::dump;
use crate::error::{Error, Result};
use crate::migration::sql::{SqlDialect, split_statements_for};
use crate::schema::{
    AlterTable, Column, ColumnType, CreateIndex, CreateTable, DefaultValue, DropIndex, DropTable,
    ForeignKey, Operation, RawSql, RenameTable,
};

pub use ddl::{IndexDef, PrimaryKey};

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
/// An operation the dialect cannot express is an [`Error::Schema`]
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

    /// Compiles one operation into statements, in order: the default dispatches each
    /// operation to its hook ([`Dialect::create_table`], [`Dialect::alter_table`],
    /// [`Dialect::drop_table`], [`Dialect::rename_table`], [`Dialect::create_index`],
    /// [`Dialect::drop_index`], [`Dialect::raw_sql`]).
    ///
    /// `table` is the current definition of the operation's table when
    /// [`Dialect::needs_table_state`] asked for it and the table exists.
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] when the operation cannot be expressed.
    fn compile(&self, op: &Operation, table: Option<&TableState>) -> Result<Vec<String>> {
        match op {
            Operation::CreateTable(create) => self.create_table(create),
            Operation::AlterTable(alter) => self.alter_table(alter, table),
            Operation::DropTable(drop) => self.drop_table(drop, table),
            Operation::RenameTable(rename) => self.rename_table(rename),
            Operation::CreateIndex(index) => self.create_index(index),
            Operation::DropIndex(drop) => self.drop_index(drop),
            Operation::Sql(raw) => self.raw_sql(raw),
        }
    }

    /// The statements of a `sql` operation: its family's entry, else `default`,
    /// split by [`Dialect::sql_dialect`]'s rules ([`raw_sql_statements`]).
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] when there is no entry or the SQL does not
    /// split.
    fn raw_sql(&self, raw: &RawSql) -> Result<Vec<String>> {
        raw_sql_statements(self, raw, self.sql_dialect())
    }

    /// The lexical rules that split this dialect's raw SQL into statements. The default is
    /// its family's ([`DialectInfo::family`]); an `ansi` dialect splits by SQLite's (no
    /// backslash escapes, no nested comments).
    fn sql_dialect(&self) -> SqlDialect {
        self.info()
            .family
            .sql_dialect()
            .unwrap_or(SqlDialect::Sqlite)
    }

    /// `CREATE TABLE` and the statements that go with it. Default:
    /// [`ddl::create_table_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] when the table cannot be expressed.
    fn create_table(&self, op: &CreateTable) -> Result<Vec<String>> {
        ddl::create_table_common(self, op)
    }

    /// How a new table's primary key is written, from its columns
    /// ([`CreateTable::all_columns`]). Default: [`ddl::primary_key_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for a key the dialect cannot write.
    fn primary_key(&self, op: &CreateTable, columns: &[Column]) -> Result<PrimaryKey> {
        ddl::primary_key_common(self, op, columns)
    }

    /// One column's definition, with the inline primary key when `primary`. Default:
    /// [`ddl::column_definition_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for a column the dialect cannot write.
    fn column_definition(&self, table: &str, column: &Column, primary: bool) -> Result<String> {
        ddl::column_definition_common(self, table, column, primary)
    }

    /// A column's SQL type (`table` names types the dialect derives from it). Default:
    /// [`ddl::column_type_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for a type the dialect cannot write.
    fn column_type(&self, table: &str, column: &Column) -> Result<String> {
        let _ = table;
        ddl::column_type_common(self, column)
    }

    /// The literal of a column's `DEFAULT`. Default: [`ddl::default_literal_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for a value the dialect cannot write.
    fn default_literal(&self, column: &Column, value: &DefaultValue) -> Result<String> {
        ddl::default_literal_common(self, column, value)
    }

    /// A unique constraint as a clause of `CREATE TABLE` or `ALTER TABLE .. ADD`. Default:
    /// [`ddl::unique_constraint_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for a constraint without columns.
    fn unique_constraint(&self, table: &str, name: &str, columns: &[String]) -> Result<String> {
        ddl::unique_constraint_common(self, table, name, columns)
    }

    /// A named foreign key as a clause of `CREATE TABLE` or `ALTER TABLE .. ADD`. Default:
    /// [`foreign_key_clause`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for a foreign key the dialect cannot write.
    fn foreign_key(&self, table: &str, fk: &ForeignKey) -> Result<String> {
        foreign_key_clause(self, table, fk)
    }

    /// A table's index written inside `CREATE TABLE`, or `None` (the default) for a separate
    /// [`Dialect::index_sql`] statement after it.
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for an index the dialect cannot write.
    fn inline_index(&self, table: &str, name: &str, columns: &[String]) -> Result<Option<String>> {
        let _ = (table, name, columns);
        Ok(None)
    }

    /// True when a new table's unique constraints are written as `CREATE UNIQUE INDEX`
    /// statements after `CREATE TABLE` (named as the constraints would be) instead of
    /// [`Dialect::unique_constraint`] clauses inside it. The default is false.
    fn unique_constraints_as_indexes(&self) -> bool {
        false
    }

    /// What follows the closing parenthesis of `CREATE TABLE` (table options such as an
    /// engine or `STRICT`). The default is nothing.
    fn table_options(&self, op: &CreateTable) -> String {
        let _ = op;
        String::new()
    }

    /// One `CREATE INDEX` statement. Default: [`ddl::index_sql_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for an index without columns.
    fn index_sql(&self, index: &IndexDef<'_>) -> Result<String> {
        ddl::index_sql_common(self, index)
    }

    /// The `create_index` operation. Default: [`ddl::create_index_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for an index the dialect cannot write.
    fn create_index(&self, op: &CreateIndex) -> Result<Vec<String>> {
        ddl::create_index_common(self, op)
    }

    /// The `drop_index` operation (also `alter_table`'s `drop_indexes`, with the table).
    /// Default: [`ddl::drop_index_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] when the dialect needs what the operation
    /// does not say.
    fn drop_index(&self, op: &DropIndex) -> Result<Vec<String>> {
        Ok(ddl::drop_index_common(self, op))
    }

    /// The `drop_table` operation; `table` is its state when
    /// [`Dialect::needs_table_state`] asked for it. Default: [`ddl::drop_table_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] when the table cannot be dropped.
    fn drop_table(&self, op: &DropTable, table: Option<&TableState>) -> Result<Vec<String>> {
        let _ = table;
        Ok(ddl::drop_table_common(self, op))
    }

    /// The `rename_table` operation. Default: [`ddl::rename_table_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] when the table cannot be renamed.
    fn rename_table(&self, op: &RenameTable) -> Result<Vec<String>> {
        Ok(ddl::rename_table_common(self, op))
    }

    /// The `alter_table` operation; `table` is its state when
    /// [`Dialect::needs_table_state`] asked for it. Default: [`ddl::alter_table_common`],
    /// which calls [`Dialect::drop_column`], [`Dialect::add_column`] and
    /// [`Dialect::alter_column`] for the column parts.
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for a part the dialect cannot express.
    fn alter_table(&self, op: &AlterTable, table: Option<&TableState>) -> Result<Vec<String>> {
        ddl::alter_table_common(self, op, table)
    }

    /// `alter_table`'s `drop_columns`, one column. The default is `ALTER TABLE .. DROP
    /// COLUMN`.
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] when the column cannot be dropped.
    fn drop_column(&self, table: &str, column: &str) -> Result<Vec<String>> {
        Ok(vec![format!(
            "ALTER TABLE {} DROP COLUMN {}",
            self.quote_identifier(table),
            self.quote_identifier(column)
        )])
    }

    /// `alter_table`'s `add_columns`, one column. Default: [`ddl::add_column_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for a column the dialect cannot write.
    fn add_column(&self, table: &str, column: &Column) -> Result<Vec<String>> {
        ddl::add_column_common(self, table, column)
    }

    /// `alter_table`'s `alter_columns`, one column redefined from its full new definition;
    /// `state` is the table's when [`Dialect::needs_table_state`] asked for it. Standard SQL
    /// has no one way to do it, so the default refuses.
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] by default, and for a column the dialect
    /// cannot redefine.
    fn alter_column(
        &self,
        table: &str,
        column: &Column,
        state: Option<&TableState>,
    ) -> Result<Vec<String>> {
        let _ = state;
        Err(Error::schema(format!(
            "alter_table {}: the {} dialect cannot alter column {}",
            self.quote_identifier(table),
            self.name(),
            self.quote_identifier(&column.name)
        )))
    }

    /// The tracking table `dbm_schema` (named `table`) as a schema operation; the dialect
    /// compiles it like any other. Override only to change its column types.
    fn tracking_table(&self, table: &str) -> CreateTable {
        tracking_table(table)
    }

    /// A schema dump's statements creating an enum type of the catalog. Default:
    /// [`dump::enum_type_common`] (`CREATE TYPE .. AS ENUM`).
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for a type the dialect cannot write.
    fn dump_enum_type(&self, info: &EnumInfo) -> Result<Vec<String>> {
        dump::enum_type_common(self, info)
    }

    /// A schema dump's `CREATE TABLE` of a catalog table and the statements that go with it.
    /// Default: [`dump::create_table_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for a table the dialect cannot write.
    fn dump_table(&self, table: &TableInfo) -> Result<Vec<String>> {
        dump::create_table_common(self, table)
    }

    /// One column of a dumped table, with its key when `primary` (an auto-increment column
    /// that is the whole primary key, see [`dump::inline_primary`]). Default:
    /// [`dump::column_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for a column the dialect cannot write.
    fn dump_column(&self, table: &TableInfo, column: &ColumnInfo, primary: bool) -> Result<String> {
        dump::column_common(self, table, column, primary)
    }

    /// A column's default, as introspection reported it, written back as SQL. The default
    /// writes it as given (databases that report the expression).
    fn dump_default(&self, column: &ColumnInfo, default: &str) -> String {
        let _ = column;
        default.to_string()
    }

    /// True when a dumped table's unique constraints and foreign keys are written inside its
    /// `CREATE TABLE` (a database that cannot add them later). The default is false:
    /// [`Dialect::dump_index`] and [`Dialect::dump_foreign_key`] after every table.
    fn dump_constraints_inline(&self) -> bool {
        false
    }

    /// True when a table's whole statement ([`TableInfo::create_sql`]) holds its check
    /// constraints and indexes, so a dump does not write them again (MySQL's `SHOW CREATE
    /// TABLE`). The default is false: they are written after every table exists.
    fn dump_whole_table_holds_keys(&self) -> bool {
        false
    }

    /// What follows the closing parenthesis of a dumped `CREATE TABLE`. The default is
    /// nothing.
    fn dump_table_options(&self, table: &TableInfo) -> String {
        let _ = table;
        String::new()
    }

    /// The statements setting a dumped table's and its columns' comments. Default:
    /// [`dump::comments_common`] (`COMMENT ON ..`).
    fn dump_comments(&self, table: &TableInfo) -> Vec<String> {
        dump::comments_common(self, table)
    }

    /// One index or unique constraint of a dumped table. Default: [`dump::index_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for an index the dialect cannot write.
    fn dump_index(&self, table: &TableInfo, index: &IndexInfo) -> Result<String> {
        dump::index_common(self, table, index)
    }

    /// One check or exclusion constraint of a dumped table, added after every table exists
    /// (a dialect whose constraints go inside `CREATE TABLE` writes them in
    /// [`Dialect::dump_table`]). Default: [`dump::constraint_common`].
    ///
    /// # Errors
    ///
    /// What a dialect refuses.
    fn dump_constraint(&self, table: &TableInfo, constraint: &ConstraintInfo) -> Result<String> {
        Ok(dump::constraint_common(self, table, constraint))
    }

    /// One foreign key of a dumped table, added after every table exists. Default:
    /// [`dump::foreign_key_common`].
    ///
    /// # Errors
    ///
    /// [`Error::Schema`] for a foreign key the dialect cannot write.
    fn dump_foreign_key(&self, table: &TableInfo, fk: &ForeignKeyInfo) -> Result<String> {
        Ok(dump::foreign_key_common(self, table, fk))
    }

    /// The literal restoring a tracking row's `migration_time`, given as [`Dialect::text_expr`]
    /// read it (UTC, `YYYY-MM-DD HH:MM:SS`). The default quotes it as a string.
    fn dump_timestamp(&self, utc: &str) -> String {
        self.quote_string(utc)
    }

    /// The database's clock in milliseconds since 1970, as an SQL expression: the times of
    /// the `table` lock strategy's lease. The default is its SQL family's.
    fn now_millis(&self) -> String {
        match self.sql_dialect() {
            SqlDialect::Postgres => {
                "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)".into()
            }
            SqlDialect::Mysql => "CAST(UNIX_TIMESTAMP(SYSDATE(3)) * 1000 AS SIGNED)".into(),
            SqlDialect::Sqlite => {
                "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)".into()
            }
        }
    }

    /// The row-locking clause with which a migration's transaction holds the lease row so
    /// that a takeover waits for it while the lease's renewal does not (PostgreSQL's
    /// `FOR KEY SHARE`), or `None` when the dialect has none. The default is its SQL
    /// family's.
    fn lease_fence(&self) -> Option<&'static str> {
        (self.sql_dialect() == SqlDialect::Postgres).then_some("FOR KEY SHARE")
    }
}

/// The statements of a `sql` operation for `dialect`: its family's entry, else `default`, split
/// by the rules of `sql_dialect`.
///
/// # Errors
///
/// [`Error::Schema`] when the operation has neither, or the SQL does not
/// split (an unterminated string, quote or comment).
pub fn raw_sql_statements<D: Dialect + ?Sized>(
    dialect: &D,
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
/// [`Error::Schema`] for a foreign key without columns.
pub fn foreign_key_clause<D: Dialect + ?Sized>(
    dialect: &D,
    table: &str,
    fk: &ForeignKey,
) -> Result<String> {
    if fk.columns.is_empty() {
        return Err(crate::Error::schema(format!(
            "a foreign key of table {} to {} has no columns",
            dialect.quote_identifier(table),
            dialect.quote_identifier(&fk.references_table)
        )));
    }
    let name = fk.name_on(table);
    Ok(references_clause(
        dialect,
        Some(&name),
        &fk.columns,
        &fk.references_table,
        &fk.references_columns,
        [fk.on_delete.map(|a| a.sql()), fk.on_update.map(|a| a.sql())],
    ))
}

/// `[CONSTRAINT "n"] FOREIGN KEY ("c") REFERENCES "p" ("id") [ON DELETE a] [ON UPDATE a]`,
/// quoted by `dialect`: the clause of a migration's foreign key ([`foreign_key_clause`]) and
/// of a catalog's, which a schema dump writes back. `actions` are `[on_delete, on_update]`.
pub fn references_clause<D: Dialect + ?Sized>(
    dialect: &D,
    name: Option<&str>,
    columns: &[String],
    references_table: &str,
    references_columns: &[String],
    actions: [Option<&str>; 2],
) -> String {
    let mut sql = match name {
        Some(name) => format!("CONSTRAINT {} ", dialect.quote_identifier(name)),
        None => String::new(),
    };
    sql.push_str(&format!(
        "FOREIGN KEY ({}) REFERENCES {}",
        ddl::quote_list(dialect, columns),
        dialect.quote_identifier(references_table)
    ));
    if !references_columns.is_empty() {
        sql.push_str(&format!(
            " ({})",
            ddl::quote_list(dialect, references_columns)
        ));
    }
    for (word, action) in ["DELETE", "UPDATE"].into_iter().zip(actions) {
        if let Some(action) = action {
            sql.push_str(&format!(" ON {word} {action}"));
        }
    }
    sql
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
