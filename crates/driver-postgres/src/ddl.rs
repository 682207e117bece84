//! Column types, defaults, column definitions, constraints and `CREATE TABLE` for PostgreSQL.
//!
//! Every identifier goes through [`q`], which is the [`Dialect::quote_identifier`] of
//! [`PostgresDialect`]; every generated name comes from [`dbm_core::schema::naming`]
//! (`naming::fit` for the two names this crate adds: `t_c_check` and `t_c_enum`).

use dbm_core::Dialect;
use dbm_core::error::{Error, Result};
use dbm_core::schema::{Column, ColumnType, CreateTable, DefaultValue, ForeignKey, naming};

use crate::dialect::PostgresDialect;

/// Quotes an identifier (`"name"`, with `"` doubled).
pub(crate) fn q(ident: &str) -> String {
    PostgresDialect.quote_identifier(ident)
}

/// Quotes a list of identifiers: `"a", "b"`.
pub(crate) fn q_list(idents: &[String]) -> String {
    idents.iter().map(|i| q(i)).collect::<Vec<_>>().join(", ")
}

/// Quotes a string literal (`'it''s'`; `standard_conforming_strings` keeps backslashes
/// literal).
pub(crate) fn quote_string(text: &str) -> String {
    PostgresDialect.quote_string(text)
}

pub use dbm_core::schema::naming::{check_name, enum_type_name};

/// The SQL type of a column. `table` names a native enum's type.
pub(crate) fn type_sql(table: &str, column: &Column) -> Result<String> {
    Ok(match &column.column_type {
        ColumnType::Increments | ColumnType::Integer => "integer".into(),
        ColumnType::BigIncrements | ColumnType::BigInteger => "bigint".into(),
        ColumnType::TinyInteger | ColumnType::SmallInteger => "smallint".into(),
        ColumnType::Float => "real".into(),
        ColumnType::Double => "double precision".into(),
        ColumnType::Decimal { precision, scale } => format!("decimal({precision},{scale})"),
        ColumnType::Boolean => "boolean".into(),
        ColumnType::Char { length } => format!("char({length})"),
        ColumnType::String { length } => format!("varchar({length})"),
        ColumnType::Text => "text".into(),
        ColumnType::Date => "date".into(),
        ColumnType::Time => "time".into(),
        ColumnType::DateTime { tz } | ColumnType::Timestamp { tz } => {
            if *tz { "timestamptz" } else { "timestamp" }.into()
        }
        ColumnType::Json => "json".into(),
        ColumnType::Jsonb => "jsonb".into(),
        ColumnType::Uuid => "uuid".into(),
        ColumnType::Binary { .. } => "bytea".into(),
        ColumnType::Enum { native: true, .. } => q(&enum_type_name(table, &column.name)),
        ColumnType::Enum { native: false, .. } => "text".into(),
        ColumnType::Specific { sql_type } => {
            if sql_type.trim().is_empty() {
                return Err(Error::schema(format!(
                    "column \"{}\" has type `specific` with an empty `sql_type`",
                    column.name
                )));
            }
            sql_type.trim().to_string()
        }
    })
}

/// A `DEFAULT` value: strings quoted, numbers as numbers, booleans as `true`/`false`,
/// `default_sql` verbatim.
pub(crate) fn default_sql(column: &str, value: &DefaultValue) -> Result<String> {
    Ok(match value {
        DefaultValue::String(text) => quote_string(text),
        DefaultValue::Integer(i) => i.to_string(),
        DefaultValue::Float(f) if f.is_finite() => format!("{f:?}"),
        DefaultValue::Float(f) => {
            return Err(Error::schema(format!(
                "column \"{column}\" has the default {f}, which SQL cannot write as a number; \
                 use `default_sql = \"'{f}'::double precision\"`"
            )));
        }
        DefaultValue::Boolean(b) => b.to_string(),
        DefaultValue::Sql(expr) if expr.trim().is_empty() => {
            return Err(Error::schema(format!(
                "column \"{column}\" has an empty `default_sql`"
            )));
        }
        DefaultValue::Sql(expr) => expr.trim().to_string(),
    })
}

/// The quoted values of an enum column: `'a', 'b'`.
fn enum_values(column: &Column, values: &[String]) -> Result<String> {
    if values.is_empty() {
        return Err(Error::schema(format!(
            "enum column \"{}\" needs at least one value",
            column.name
        )));
    }
    let list: Vec<String> = values.iter().map(|v| quote_string(v)).collect();
    Ok(list.join(", "))
}

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
        enum_values(column, values)?
    )))
}

/// The named check constraint of a non-native enum column:
/// `CONSTRAINT "t_c_check" CHECK ("c" IN ('a', 'b'))`.
pub(crate) fn enum_check(table: &str, column: &Column) -> Result<Option<String>> {
    let ColumnType::Enum {
        values,
        native: false,
    } = &column.column_type
    else {
        return Ok(None);
    };
    Ok(Some(format!(
        "CONSTRAINT {} CHECK ({} IN ({}))",
        q(&check_name(table, &column.name)),
        q(&column.name),
        enum_values(column, values)?
    )))
}

/// The inline primary-key clause of a single-column key: `PRIMARY KEY`, which PostgreSQL
/// names `<table>_pkey`, or `CONSTRAINT "<fitted name>" PRIMARY KEY` when that name would
/// be longer than 63 bytes (PostgreSQL's own truncation differs from `naming::fit`).
pub(crate) fn inline_primary_key(table: &str) -> String {
    let name = naming::primary_key_name(table);
    if name == format!("{table}_pkey") {
        "PRIMARY KEY".into()
    } else {
        format!("CONSTRAINT {} PRIMARY KEY", q(&name))
    }
}

/// A column definition: name, type, `GENERATED BY DEFAULT AS IDENTITY` (increments),
/// `NOT NULL`, `DEFAULT`, the enum's named `CHECK` and, with `primary`, the inline primary
/// key.
///
/// Unique constraints, indexes, foreign keys and comments are not part of it: the caller
/// writes them as named constraints or separate statements.
pub(crate) fn column_definition(table: &str, column: &Column, primary: bool) -> Result<String> {
    let mut parts = vec![q(&column.name), type_sql(table, column)?];
    let identity = column.column_type.is_increments();
    if identity {
        if column.default.is_some() {
            return Err(Error::schema(format!(
                "column \"{}\" is `{}` (an identity column) and cannot have a default",
                column.name,
                column.column_type.word()
            )));
        }
        // BY DEFAULT, never ALWAYS: explicit ids must still insert.
        parts.push("GENERATED BY DEFAULT AS IDENTITY".into());
    } else if !column.is_nullable() {
        parts.push("NOT NULL".into());
    }
    if let Some(default) = &column.default {
        parts.push(format!("DEFAULT {}", default_sql(&column.name, default)?));
    }
    parts.extend(enum_check(table, column)?);
    if primary {
        parts.push(inline_primary_key(table));
    }
    Ok(parts.join(" "))
}

/// A named foreign key: `CONSTRAINT "t_c_foreign" FOREIGN KEY ("c") REFERENCES "p" ("id")
/// ON DELETE CASCADE ON UPDATE ...`.
pub(crate) fn foreign_key_sql(table: &str, fk: &ForeignKey) -> Result<String> {
    dbm_core::dialect::foreign_key_clause(&crate::PostgresDialect, table, fk)
}

/// A named unique constraint: `CONSTRAINT "name" UNIQUE ("a", "b")`.
pub(crate) fn unique_sql(table: &str, name: &str, columns: &[String]) -> Result<String> {
    if columns.is_empty() {
        return Err(Error::schema(format!(
            "unique constraint \"{name}\" of table \"{table}\" has no columns"
        )));
    }
    Ok(format!(
        "CONSTRAINT {} UNIQUE ({})",
        q(name),
        q_list(columns)
    ))
}

/// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] "name" ON "t" ("a", "b")`.
pub(crate) fn create_index_sql(
    table: &str,
    name: &str,
    columns: &[String],
    unique: bool,
    concurrently: bool,
    if_not_exists: bool,
) -> Result<String> {
    if columns.is_empty() {
        return Err(Error::schema(format!(
            "index \"{name}\" on table \"{table}\" has no columns"
        )));
    }
    Ok(format!(
        "CREATE {}INDEX {}{}{} ON {} ({})",
        if unique { "UNIQUE " } else { "" },
        if concurrently { "CONCURRENTLY " } else { "" },
        if if_not_exists { "IF NOT EXISTS " } else { "" },
        q(name),
        q(table),
        q_list(columns)
    ))
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

/// The primary key's columns of a new table, checked: `primary_key = [...]` when given
/// (every `primary` or `increments` column must be in it), else the flagged columns.
fn primary_key_columns(op: &CreateTable, columns: &[Column]) -> Result<Vec<String>> {
    let flagged: Vec<String> = columns
        .iter()
        .filter(|c| c.primary || c.column_type.is_increments())
        .map(|c| c.name.clone())
        .collect();
    if op.primary_key.is_empty() {
        return Ok(flagged);
    }
    if let Some(stray) = flagged.iter().find(|f| !op.primary_key.contains(f)) {
        return Err(Error::schema(format!(
            "table \"{}\": column \"{stray}\" is a primary key column (`primary = true` or \
             `increments`) but `primary_key = [{}]` does not include it",
            op.name,
            op.primary_key.join(", ")
        )));
    }
    Ok(op.primary_key.clone())
}

/// `CREATE TABLE` with its enum types before it and its indexes and comments after it.
///
/// The primary key, unique constraints and foreign keys are named constraints inside
/// `CREATE TABLE`, so a missing parent table fails the statement with PostgreSQL's message
/// naming it.
pub(crate) fn create_table(op: &CreateTable) -> Result<Vec<String>> {
    let columns = op.all_columns();
    if columns.is_empty() {
        return Err(Error::schema(format!(
            "table \"{}\" has no columns",
            op.name
        )));
    }
    let table = &op.name;
    let primary_key = primary_key_columns(op, &columns)?;
    let inline_key = match primary_key.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    };
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
    let mut items = Vec::new();
    for column in &columns {
        let primary = inline_key == Some(column.name.as_str());
        items.push(column_definition(table, column, primary)?);
    }
    if primary_key.len() > 1 {
        items.push(format!(
            "CONSTRAINT {} PRIMARY KEY ({})",
            q(&naming::primary_key_name(table)),
            q_list(&primary_key)
        ));
    }
    for column in columns.iter().filter(|c| c.unique) {
        let names = vec![column.name.clone()];
        items.push(unique_sql(
            table,
            &naming::unique_name(table, &names),
            &names,
        )?);
    }
    for unique in &op.unique {
        items.push(unique_sql(
            table,
            &unique.unique_name(table),
            &unique.columns,
        )?);
    }
    for fk in columns.iter().filter_map(Column::foreign_key) {
        items.push(foreign_key_sql(table, &fk)?);
    }
    for fk in &op.foreign_keys {
        items.push(foreign_key_sql(table, fk)?);
    }
    statements.push(format!(
        "CREATE TABLE {}{} ({})",
        if op.if_not_exists {
            "IF NOT EXISTS "
        } else {
            ""
        },
        q(table),
        items.join(", ")
    ));
    for column in columns.iter().filter(|c| c.index) {
        let names = vec![column.name.clone()];
        let name = naming::index_name(table, &names);
        statements.push(create_index_sql(
            table,
            &name,
            &names,
            false,
            false,
            op.if_not_exists,
        )?);
    }
    for index in &op.indexes {
        statements.push(create_index_sql(
            table,
            &index.index_name(table),
            &index.columns,
            false,
            false,
            op.if_not_exists,
        )?);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(inline_primary_key("users"), "PRIMARY KEY");
        let long = "t".repeat(70);
        let clause = inline_primary_key(&long);
        assert!(clause.starts_with("CONSTRAINT \"ttt"), "{clause}");
    }
}
