//! [`MysqlDialect`]: schema operations compiled to MySQL's and MariaDB's SQL.

use dbm_core::Dialect;
use dbm_core::dialect::{DialectInfo, PrimaryKey};
use dbm_core::driver::{ColumnInfo, TableInfo, TableState};
use dbm_core::error::{Error, Result};
use dbm_core::schema::{
    AlterTable, Column, CreateTable, DefaultValue, DropIndex, ForeignKey, RenameTable,
};

use crate::alter;
use crate::ddl::{self, q};
use crate::default_clause::default_sql;

/// The MySQL dialect (MySQL 8 and MariaDB 10.11+).
///
/// Types, as `docs/migrations.md` lists them: `increments` → `int unsigned NOT NULL
/// AUTO_INCREMENT PRIMARY KEY`, `boolean` → `boolean` (stored as `tinyint(1)`), `json` and
/// `jsonb` → `json`, `uuid` → `char(36)`, `binary` → `blob` (`varbinary(n)` with a length),
/// `enum` → a native `enum('a', 'b')`. Quirks, each handled here:
///
/// - Identifiers are quoted in backticks; string literals double `'` and `\` (MySQL's default
///   `sql_mode` reads a backslash as an escape; a server running with `NO_BACKSLASH_ESCAPES`
///   would keep both backslashes).
/// - `unsigned` is real on numeric types and an error on others; `tz` has no effect
///   (`datetime` and `timestamp` carry no zone); `native` has no effect (enums are native).
/// - Defaults are typed: numbers and booleans bare, strings quoted. `TEXT`, `BLOB` and `JSON`
///   columns take only expression defaults on MySQL 8, so theirs are written `DEFAULT ('x')`
///   (MariaDB accepts that too). `default_sql` is bare when it is a literal or a time
///   function (`CURRENT_TIMESTAMP(6)`, optionally `ON UPDATE CURRENT_TIMESTAMP(6)`), else in
///   parentheses.
/// - A nullable `timestamp` says `NULL` explicitly (see [`explicit_defaults_for_timestamp`]).
/// - `create_table` writes every key, unique constraint and foreign key inside the one
///   `CREATE TABLE ... ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`, so a missing parent table
///   fails that statement and leaves nothing behind.
/// - `alter_table` is one `ALTER TABLE` per part (see the `alter` module).
/// - `create_index` with `concurrently = true` is a plain `CREATE INDEX`: InnoDB builds
///   indexes online, without blocking writes, by default. `drop_index` needs its `table`.
/// - `ON DELETE SET DEFAULT` is an error: InnoDB rejects it.
///
/// MySQL commits DDL implicitly: [`Capabilities::transactional_ddl`](dbm_core::dialect::Capabilities::transactional_ddl) is false, and the
/// migrator never sends `BEGIN` and DDL in one script ([`Dialect::scripted_transactions`] is
/// false).
///
/// [`explicit_defaults_for_timestamp`]: https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_explicit_defaults_for_timestamp
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MysqlDialect;

impl Dialect for MysqlDialect {
    fn name(&self) -> &str {
        "mysql"
    }

    /// `AUTO_INCREMENT` and `COMMENT '...'` on the column's definition.
    fn dump_column(&self, table: &TableInfo, column: &ColumnInfo, primary: bool) -> Result<String> {
        crate::ddl::dump_column(table, column, primary)
    }

    /// Introspection shows a string default without its quotes (see the `defaults`
    /// module): numbers, `NULL` and the current-timestamp functions are written bare, a
    /// function call in parentheses, anything else quoted.
    fn dump_default(&self, _column: &ColumnInfo, default: &str) -> String {
        crate::ddl::dump_default(default)
    }

    /// Comments are written on the table's and the columns' definitions instead.
    fn dump_comments(&self, _table: &TableInfo) -> Vec<String> {
        Vec::new()
    }

    /// `SHOW CREATE TABLE` holds the table's checks and indexes.
    fn dump_whole_table_holds_keys(&self) -> bool {
        true
    }

    /// `COMMENT='...'` when the table has one.
    fn dump_table_options(&self, table: &TableInfo) -> String {
        table
            .comment
            .as_deref()
            .map(|c| format!(" COMMENT={}", self.quote_string(c)))
            .unwrap_or_default()
    }

    /// `FROM_UNIXTIME(seconds)`: the instant, whatever the session's `time_zone`.
    fn dump_timestamp(&self, utc: &str) -> String {
        crate::ddl::unix_seconds(utc)
            .map(|s| format!("FROM_UNIXTIME({s})"))
            .unwrap_or_else(|| self.quote_string(utc))
    }

    /// `'text'`, with `'` doubled and `\` doubled.
    fn quote_string(&self, text: &str) -> String {
        format!("'{}'", text.replace('\\', "\\\\").replace('\'', "''"))
    }

    /// `CAST(`column` AS CHAR)`: `timestamp` values read as text.
    /// The timestamp in UTC as `YYYY-MM-DD HH:MM:SS`, whatever the session's `time_zone`:
    /// `UNIX_TIMESTAMP` of a `TIMESTAMP` column is the stored instant, and adding it to the
    /// epoch as a `DATETIME` involves no time zone.
    fn text_expr(&self, column: &str) -> String {
        format!(
            "DATE_FORMAT(TIMESTAMP '1970-01-01 00:00:00' + INTERVAL UNIX_TIMESTAMP({}) SECOND, \
             '%Y-%m-%d %H:%i:%s')",
            self.quote_identifier(column)
        )
    }

    fn info(&self) -> DialectInfo {
        DialectInfo::mysql()
    }

    fn scripted_transactions(&self) -> bool {
        false
    }

    /// Every key, unique constraint and foreign key inside the one `CREATE TABLE`.
    fn table_options(&self, _op: &CreateTable) -> String {
        " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4".into()
    }

    fn primary_key(&self, op: &CreateTable, columns: &[Column]) -> Result<PrimaryKey> {
        ddl::table_primary_key(op, columns)
    }

    fn column_definition(&self, _table: &str, column: &Column, primary: bool) -> Result<String> {
        ddl::column_definition(column, primary)
    }

    fn column_type(&self, _table: &str, column: &Column) -> Result<String> {
        ddl::type_sql(column)
    }

    fn default_literal(&self, column: &Column, value: &DefaultValue) -> Result<String> {
        default_sql(column, value)
    }

    /// `` UNIQUE KEY `name` (...) ``.
    fn unique_constraint(&self, table: &str, name: &str, columns: &[String]) -> Result<String> {
        ddl::key_sql(table, name, columns, true)
    }

    /// `` KEY `name` (...) `` inside `CREATE TABLE`.
    fn inline_index(&self, table: &str, name: &str, columns: &[String]) -> Result<Option<String>> {
        ddl::key_sql(table, name, columns, false).map(Some)
    }

    fn foreign_key(&self, table: &str, fk: &ForeignKey) -> Result<String> {
        ddl::foreign_key_sql(table, fk)
    }

    /// `RENAME TABLE ... TO ...`.
    fn rename_table(&self, op: &RenameTable) -> Result<Vec<String>> {
        Ok(vec![format!(
            "RENAME TABLE {} TO {}",
            q(&op.name),
            q(&op.to)
        )])
    }

    /// `DROP INDEX ... ON ...`: MySQL needs the index's table.
    fn drop_index(&self, op: &DropIndex) -> Result<Vec<String>> {
        let table = op.table.as_deref().ok_or_else(|| {
            Error::schema(format!(
                "drop_index `{}`: MySQL needs the index's table; add `table = \"...\"`",
                op.name
            ))
        })?;
        Ok(vec![format!("DROP INDEX {} ON {}", q(&op.name), q(table))])
    }

    /// One `ALTER TABLE` per part, so progress after an implicit commit is exact to the part
    /// (see the `alter` module).
    fn alter_table(&self, op: &AlterTable, _table: Option<&TableState>) -> Result<Vec<String>> {
        alter::compile(op)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_double_backticks_and_strings_double_quotes_and_backslashes() {
        assert_eq!(MysqlDialect.quote_identifier("a`b"), "`a``b`");
        assert_eq!(MysqlDialect.quote_string("it's \\ x"), "'it''s \\\\ x'");
        assert_eq!(
            MysqlDialect.text_expr("migration_time"),
            "DATE_FORMAT(TIMESTAMP '1970-01-01 00:00:00' + INTERVAL UNIX_TIMESTAMP(`migration_time`) \
             SECOND, '%Y-%m-%d %H:%i:%s')"
        );
    }

    #[test]
    fn mysql_has_no_transactional_ddl_and_native_enums() {
        let caps = MysqlDialect.capabilities();
        assert!(!caps.transactional_ddl);
        assert!(caps.native_enum);
        assert!(!MysqlDialect.scripted_transactions());
    }
}
