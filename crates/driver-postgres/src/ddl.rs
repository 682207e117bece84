//! What PostgreSQL adds to the common DDL of [`dbm_core::dialect::ddl`]: native enum types,
//! column comments, and `DO` blocks that guard what PostgreSQL cannot write `IF NOT EXISTS`.
//!
//! Every identifier goes through [`q`], which is the [`Dialect::quote_identifier`] of
//! [`PostgresDialect`]; every generated name comes from [`dbm_core::schema::naming`]
//! (`naming::fit` for the two names this crate adds: `t_c_check` and `t_c_enum`).

use dbm_core::Dialect;
use dbm_core::dialect::ddl::{create_table_common, enum_values};
use dbm_core::driver::{ColumnInfo, TableInfo};
use dbm_core::dump;
use dbm_core::error::Result;
use dbm_core::schema::{Column, ColumnType, CreateTable};

use crate::dialect::PostgresDialect;

/// Quotes an identifier (`"name"`, with `"` doubled).
pub(crate) fn q(ident: &str) -> String {
    PostgresDialect.quote_identifier(ident)
}

/// Quotes a string literal (`'it''s'`; `standard_conforming_strings` keeps backslashes
/// literal).
pub(crate) fn quote_string(text: &str) -> String {
    PostgresDialect.quote_string(text)
}

pub use dbm_core::schema::naming::{check_name, enum_type_name};

/// `CREATE TYPE "t_c_enum" AS ENUM (...)` for a `native = true` enum column, else `None`.
pub(crate) fn create_enum_type(table: &str, column: &Column) -> Result<Option<String>> {
    let ColumnType::Enum {
        values,
        native: true,
    } = &column.column_type
    else {
        return Ok(None);
    };
    Ok(Some(format!(
        "CREATE TYPE {} AS ENUM ({})",
        q(&enum_type_name(table, &column.name)),
        enum_values(&PostgresDialect, column, values)?
    )))
}

/// `COMMENT ON COLUMN "t"."c" IS '...'` (`IS NULL` removes a comment).
pub(crate) fn comment_sql(table: &str, column: &str, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON COLUMN {}.{} IS {}",
        q(table),
        q(column),
        comment.map_or_else(|| "NULL".to_string(), quote_string)
    )
}

/// `DO` block running `statement` unless `exists` (a `SELECT`) finds a row: PostgreSQL has no
/// `ADD CONSTRAINT IF NOT EXISTS` or `CREATE TYPE IF NOT EXISTS`.
pub(crate) fn unless_exists(exists: &str, statement: &str) -> String {
    let mut tag = "$dbm$".to_string();
    let mut n = 0;
    while exists.contains(&tag) || statement.contains(&tag) {
        n += 1;
        tag = format!("$dbm{n}$");
    }
    format!("DO {tag} BEGIN IF NOT EXISTS ({exists}) THEN {statement}; END IF; END {tag}")
}

/// The `SELECT` that finds a constraint named `name` on `table`.
pub(crate) fn constraint_exists(table: &str, name: &str) -> String {
    format!(
        "SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = {}::regclass AND conname = {}",
        quote_string(&q(table)),
        quote_string(name)
    )
}

/// `CREATE TABLE` ([`create_table_common`]) with its native enum types before it and its
/// comments after it.
pub(crate) fn create_table(op: &CreateTable) -> Result<Vec<String>> {
    let table = &op.name;
    let columns = op.all_columns();
    let mut statements = Vec::new();
    for column in &columns {
        if let Some(create) = create_enum_type(table, column)? {
            statements.push(if op.if_not_exists {
                type_guarded(&enum_type_name(table, &column.name), &create)
            } else {
                create
            });
        }
    }
    statements.extend(create_table_common(&PostgresDialect, op)?);
    for column in &columns {
        if let Some(comment) = &column.comment {
            statements.push(comment_sql(table, &column.name, Some(comment)));
        }
    }
    Ok(statements)
}

/// `create` unless a type named `name` exists in the current schema.
fn type_guarded(name: &str, create: &str) -> String {
    let exists = format!(
        "SELECT 1 FROM pg_catalog.pg_type WHERE typname = {} AND typnamespace = \
         (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())",
        quote_string(name)
    );
    unless_exists(&exists, create)
}

/// A dumped column: a generated column with its expression; an identity column as
/// `GENERATED ALWAYS|BY DEFAULT AS IDENTITY` with its options that differ from the defaults;
/// an auto-increment column whose default is `nextval(...)` as the `serial` type of its width
/// (the sequence comes with it); else the common column.
pub(crate) fn dump_column(table: &TableInfo, column: &ColumnInfo, primary: bool) -> Result<String> {
    if let Some(generated) = &column.generated {
        let mut sql = dump::column_head(&PostgresDialect, table, column)?;
        sql.push_str(&format!(
            " GENERATED ALWAYS AS ({}) STORED",
            generated.expression.trim()
        ));
        if !column.nullable {
            sql.push_str(" NOT NULL");
        }
        return Ok(sql);
    }
    if let Some(kind) = &column.identity {
        let mut sql = dump::column_head(&PostgresDialect, table, column)?;
        sql.push_str(&format!(
            " GENERATED {} AS IDENTITY",
            if kind == "always" {
                "ALWAYS"
            } else {
                "BY DEFAULT"
            }
        ));
        if let Some(options) = column.identity_options.as_deref().filter(|o| !o.is_empty()) {
            sql.push_str(&format!(" ({options})"));
        }
        sql.push_str(" NOT NULL");
        if primary {
            sql.push_str(" PRIMARY KEY");
        }
        return Ok(sql);
    }
    let serial = match column.data_type.as_str() {
        "integer" => Some("serial"),
        "bigint" => Some("bigserial"),
        "smallint" => Some("smallserial"),
        _ => None,
    };
    let from_sequence = column
        .default
        .as_deref()
        .is_some_and(|d| d.starts_with("nextval("));
    match serial {
        Some(serial) if column.auto_increment && from_sequence => {
            let plain = ColumnInfo {
                data_type: serial.to_string(),
                default: None,
                auto_increment: false,
                ..column.clone()
            };
            dump::column_common(&PostgresDialect, table, &plain, primary)
        }
        _ => dump::column_common(&PostgresDialect, table, column, primary),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use dbm_core::schema::DefaultValue;

    fn default_sql(column: &str, value: &DefaultValue) -> Result<String> {
        PostgresDialect.default_literal(&Column::new(column, ColumnType::Text), value)
    }

    #[test]
    fn defaults_are_typed_literals() {
        let d = |v| default_sql("c", &v).expect("compiles");
        assert_eq!(d(DefaultValue::String("it's".into())), "'it''s'");
        assert_eq!(d(DefaultValue::String("a\\b".into())), "'a\\b'");
        assert_eq!(d(DefaultValue::Integer(-3)), "-3");
        assert_eq!(d(DefaultValue::Float(1.5)), "1.5");
        assert_eq!(d(DefaultValue::Boolean(false)), "false");
        assert_eq!(d(DefaultValue::Sql(" now() ".into())), "now()");
    }

    #[test]
    fn a_non_finite_float_default_is_refused() {
        let err = default_sql("c", &DefaultValue::Float(f64::NAN)).expect_err("refused");
        assert!(err.to_string().contains("default_sql"), "{err}");
    }

    #[test]
    fn a_guarded_statement_picks_a_dollar_tag_it_does_not_contain() {
        let sql = unless_exists("SELECT 1", "ALTER TABLE \"$dbm$\" ADD x");
        assert!(sql.starts_with("DO $dbm1$ BEGIN"), "{sql}");
        assert!(sql.ends_with("END $dbm1$"), "{sql}");
    }

    #[test]
    fn a_long_table_names_its_primary_key_explicitly() {
        let inline_primary_key =
            |table: &str| dbm_core::dialect::ddl::inline_primary_key(&PostgresDialect, table);
        assert_eq!(inline_primary_key("users"), "PRIMARY KEY");
        let long = "t".repeat(70);
        let clause = inline_primary_key(&long);
        assert!(clause.starts_with("CONSTRAINT \"ttt"), "{clause}");
    }
}
