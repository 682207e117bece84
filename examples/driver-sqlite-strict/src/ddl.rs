//! Column types, column definitions, `CREATE TABLE ... STRICT` and `CREATE INDEX`.
//!
//! Every identifier goes through [`q`] (the dialect's `quote_identifier`); every generated
//! name comes from [`dbm_core::schema::naming`], so names are the same as on every other
//! dbm dialect (`users_email_unique`, `users_role_id_foreign`, `roles_pkey`).

use dbm_core::Dialect;
use dbm_core::error::{Error, Result};
use dbm_core::schema::{Column, ColumnType, CreateTable, DefaultValue, ForeignKey, naming};

use crate::dialect::SqliteStrictDialect;

/// The only column types a STRICT table accepts.
pub const STRICT_TYPES: &[&str] = &["INTEGER", "INT", "REAL", "TEXT", "BLOB", "ANY"];

/// Quotes an identifier (`"name"`, with `"` doubled).
pub(crate) fn q(ident: &str) -> String {
    SqliteStrictDialect.quote_identifier(ident)
}

/// Quotes a list of identifiers: `"a", "b"`.
pub(crate) fn q_list(idents: &[String]) -> String {
    idents.iter().map(|i| q(i)).collect::<Vec<_>>().join(", ")
}

/// Quotes a string literal (`'it''s'`).
fn quote_string(text: &str) -> String {
    SqliteStrictDialect.quote_string(text)
}

/// A column's STRICT type and the `CHECK` expression that carries the rest of the portable
/// type (a length, the values of an enum, the two values of a boolean).
pub(crate) fn strict_type(column: &Column) -> Result<(String, Option<String>)> {
    let name = q(&column.name);
    let bounded = |length: u32| Some(format!("length({name}) <= {length}"));
    Ok(match &column.column_type {
        ColumnType::Increments
        | ColumnType::BigIncrements
        | ColumnType::TinyInteger
        | ColumnType::SmallInteger
        | ColumnType::Integer
        | ColumnType::BigInteger => ("INTEGER".into(), None),
        ColumnType::Boolean => ("INTEGER".into(), Some(format!("{name} IN (0, 1)"))),
        ColumnType::Float | ColumnType::Double | ColumnType::Decimal { .. } => {
            ("REAL".into(), None)
        }
        ColumnType::Char { length } | ColumnType::String { length } => {
            ("TEXT".into(), bounded(*length))
        }
        ColumnType::Text
        | ColumnType::Date
        | ColumnType::Time
        | ColumnType::DateTime { .. }
        | ColumnType::Timestamp { .. }
        | ColumnType::Json
        | ColumnType::Jsonb
        | ColumnType::Uuid => ("TEXT".into(), None),
        ColumnType::Binary { length } => ("BLOB".into(), length.and_then(bounded)),
        ColumnType::Enum { values, .. } => {
            if values.is_empty() {
                return Err(Error::schema(format!(
                    "enum column \"{}\" needs at least one value",
                    column.name
                )));
            }
            let list: Vec<String> = values.iter().map(|v| quote_string(v)).collect();
            (
                "TEXT".into(),
                Some(format!("{name} IN ({})", list.join(", "))),
            )
        }
        ColumnType::Specific { sql_type } => {
            let upper = sql_type.trim().to_ascii_uppercase();
            if !STRICT_TYPES.contains(&upper.as_str()) {
                return Err(Error::schema(format!(
                    "column \"{}\" has type `specific` with sql_type `{}`: STRICT tables accept \
                     only the column types {}",
                    column.name,
                    sql_type.trim(),
                    STRICT_TYPES.join(", ")
                )));
            }
            (upper, None)
        }
    })
}

/// A `DEFAULT` value: strings quoted, numbers as numbers, booleans as `1` and `0` (the column
/// is an `INTEGER`), expressions as SQLite wants them (see [`expression_default`]).
pub(crate) fn default_sql(column: &str, value: &DefaultValue) -> Result<String> {
    Ok(match value {
        DefaultValue::String(text) => quote_string(text),
        DefaultValue::Integer(i) => i.to_string(),
        DefaultValue::Float(f) if f.is_finite() => format!("{f:?}"),
        DefaultValue::Float(f) => {
            return Err(Error::schema(format!(
                "column \"{column}\" has the default {f}, which SQL cannot write"
            )));
        }
        DefaultValue::Boolean(b) => i32::from(*b).to_string(),
        DefaultValue::Sql(expr) => expression_default(column, expr)?,
    })
}

/// Words SQLite takes bare after `DEFAULT`.
const LITERAL_KEYWORDS: &[&str] = &[
    "CURRENT_TIMESTAMP",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "NULL",
    "TRUE",
    "FALSE",
];

/// A raw default: a literal or a keyword such as `CURRENT_TIMESTAMP` stays bare, anything else
/// goes in parentheses (SQLite requires `DEFAULT (expr)` for expressions).
pub(crate) fn expression_default(column: &str, expr: &str) -> Result<String> {
    let expr = expr.trim();
    if expr.is_empty() {
        return Err(Error::schema(format!(
            "column \"{column}\" has an empty `default_sql`"
        )));
    }
    let bare = LITERAL_KEYWORDS
        .iter()
        .any(|w| expr.eq_ignore_ascii_case(w))
        || is_number(expr)
        || string_end(expr, 0) == Some(expr.len())
        || (expr.len() > 1
            && expr[..1].eq_ignore_ascii_case("x")
            && string_end(expr, 1) == Some(expr.len()))
        || (expr.starts_with('(') && closing_paren(expr) == Some(expr.len() - 1));
    Ok(if bare {
        expr.to_string()
    } else {
        format!("({expr})")
    })
}

/// True for a decimal number with an optional sign (`-1.5`, `2e10`).
fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && digits.parse::<f64>().is_ok()
}

/// The byte after the `'...'` string that starts at `start` (with `''` inside), if one does.
fn string_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(start) != Some(&b'\'') {
        return None;
    }
    let mut i = start + 1;
    while i < bytes.len() {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

/// The index of the `)` that closes the `(` at the start of `text`, skipping strings and
/// quoted identifiers.
fn closing_paren(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => i = string_end(text, i)?.saturating_sub(1),
            b'"' => i += 1 + text[i + 1..].find('"')?,
            b'(' => depth += 1,
            b')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A column comment, kept as `/* text */` inside the stored `CREATE TABLE` text (SQLite has
/// no comments of its own); `*/` inside is written `* /`.
pub(crate) fn comment_sql(comment: &str) -> String {
    format!("/* {} */", comment.replace("*/", "* /"))
}

/// A column definition: `"name" TYPE [PRIMARY KEY AUTOINCREMENT] [NOT NULL] [DEFAULT x]
/// [CONSTRAINT "t_c_check" CHECK (...)] [/* comment */]`.
///
/// Primary keys other than increments, unique constraints, indexes and foreign keys are not
/// part of it: the caller writes them as table constraints or separate statements.
pub(crate) fn column_definition(table: &str, column: &Column) -> Result<String> {
    let (sql_type, check) = strict_type(column)?;
    let mut parts = vec![q(&column.name), sql_type];
    if column.column_type.is_increments() {
        parts.push("PRIMARY KEY AUTOINCREMENT".into());
    }
    if !column.is_nullable() {
        parts.push("NOT NULL".into());
    }
    if let Some(default) = &column.default {
        parts.push(format!("DEFAULT {}", default_sql(&column.name, default)?));
    }
    if let Some(check) = check {
        parts.push(format!(
            "CONSTRAINT {} CHECK ({check})",
            q(&naming::check_name(table, &column.name))
        ));
    }
    if let Some(comment) = &column.comment {
        parts.push(comment_sql(comment));
    }
    Ok(parts.join(" "))
}

/// A named foreign key: `CONSTRAINT "t_c_foreign" FOREIGN KEY ("c") REFERENCES "p" ("id")
/// ON DELETE CASCADE`.
pub(crate) fn foreign_key_sql(table: &str, fk: &ForeignKey) -> Result<String> {
    if fk.columns.is_empty() {
        return Err(Error::schema(format!(
            "a foreign key of table \"{table}\" to \"{}\" has no columns",
            fk.references_table
        )));
    }
    let mut sql = format!(
        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {}",
        q(&fk.name_on(table)),
        q_list(&fk.columns),
        q(&fk.references_table)
    );
    if !fk.references_columns.is_empty() {
        sql.push_str(&format!(" ({})", q_list(&fk.references_columns)));
    }
    if let Some(action) = fk.on_delete {
        sql.push_str(&format!(" ON DELETE {}", action.sql()));
    }
    if let Some(action) = fk.on_update {
        sql.push_str(&format!(" ON UPDATE {}", action.sql()));
    }
    Ok(sql)
}

/// `CREATE [UNIQUE] INDEX [IF NOT EXISTS] "name" ON "t" ("a", "b")`.
pub(crate) fn create_index_sql(
    table: &str,
    name: &str,
    columns: &[String],
    unique: bool,
    if_not_exists: bool,
) -> Result<String> {
    if columns.is_empty() {
        return Err(Error::schema(format!(
            "index \"{name}\" on table \"{table}\" has no columns"
        )));
    }
    Ok(format!(
        "CREATE {}INDEX {}{} ON {} ({})",
        if unique { "UNIQUE " } else { "" },
        if if_not_exists { "IF NOT EXISTS " } else { "" },
        q(name),
        q(table),
        q_list(columns)
    ))
}

/// The `CREATE [UNIQUE] INDEX` statements of a column's `unique` and `index` flags.
pub(crate) fn column_indexes(
    table: &str,
    column: &Column,
    if_not_exists: bool,
) -> Result<Vec<String>> {
    let columns = vec![column.name.clone()];
    let mut out = Vec::new();
    if column.unique {
        let name = naming::unique_name(table, &columns);
        out.push(create_index_sql(
            table,
            &name,
            &columns,
            true,
            if_not_exists,
        )?);
    }
    if column.index {
        let name = naming::index_name(table, &columns);
        out.push(create_index_sql(
            table,
            &name,
            &columns,
            false,
            if_not_exists,
        )?);
    }
    Ok(out)
}

/// The table-level primary key of a new table, if it needs one: `CONSTRAINT "t_pkey"
/// PRIMARY KEY (...)`. An `increments` column is its own `PRIMARY KEY AUTOINCREMENT`.
fn table_primary_key(op: &CreateTable, columns: &[Column]) -> Result<Option<String>> {
    let increments: Vec<&Column> = columns
        .iter()
        .filter(|c| c.column_type.is_increments())
        .collect();
    if increments.len() > 1 {
        let names: Vec<&str> = increments.iter().map(|c| c.name.as_str()).collect();
        return Err(Error::schema(format!(
            "table \"{}\" has more than one auto-incrementing column ({}); SQLite allows one, \
             as the primary key",
            op.name,
            names.join(", ")
        )));
    }
    let flagged: Vec<String> = columns
        .iter()
        .filter(|c| c.primary && !c.column_type.is_increments())
        .map(|c| c.name.clone())
        .collect();
    let declared = if op.primary_key.is_empty() {
        flagged
    } else {
        if let Some(stray) = flagged.iter().find(|f| !op.primary_key.contains(f)) {
            return Err(Error::schema(format!(
                "table \"{}\": column \"{stray}\" has `primary = true` but `primary_key = [{}]` \
                 does not include it",
                op.name,
                op.primary_key.join(", ")
            )));
        }
        op.primary_key.clone()
    };
    if let Some(increments) = increments.first() {
        if declared.is_empty() || declared == [increments.name.clone()] {
            return Ok(None);
        }
        return Err(Error::schema(format!(
            "table \"{}\": the primary key ({}) cannot include or sit beside the \
             auto-incrementing column \"{}\" (AUTOINCREMENT needs a single-column INTEGER \
             PRIMARY KEY); use `integer` instead of `{}`",
            op.name,
            declared.join(", "),
            increments.name,
            increments.column_type.word()
        )));
    }
    Ok((!declared.is_empty()).then(|| {
        format!(
            "CONSTRAINT {} PRIMARY KEY ({})",
            q(&naming::primary_key_name(&op.name)),
            q_list(&declared)
        )
    }))
}

/// `CREATE TABLE ... STRICT` and the indexes of its columns, `unique` and `indexes`.
pub(crate) fn create_table(op: &CreateTable) -> Result<Vec<String>> {
    let mut columns = op.all_columns();
    // The columns of `primary_key = [...]` are NOT NULL unless they say otherwise, as a
    // `primary = true` column is (STRICT tables enforce it either way).
    for column in &mut columns {
        if column.nullable.is_none() && op.primary_key.contains(&column.name) {
            column.nullable = Some(false);
        }
    }
    if columns.is_empty() {
        return Err(Error::schema(format!(
            "table \"{}\" has no columns",
            op.name
        )));
    }
    let mut items = Vec::new();
    for column in &columns {
        items.push(column_definition(&op.name, column)?);
    }
    items.extend(table_primary_key(op, &columns)?);
    for fk in columns.iter().filter_map(Column::foreign_key) {
        items.push(foreign_key_sql(&op.name, &fk)?);
    }
    for fk in &op.foreign_keys {
        items.push(foreign_key_sql(&op.name, fk)?);
    }
    let mut statements = vec![format!(
        "CREATE TABLE {}{} ({}) STRICT",
        if op.if_not_exists {
            "IF NOT EXISTS "
        } else {
            ""
        },
        q(&op.name),
        items.join(", ")
    )];
    for column in &columns {
        statements.extend(column_indexes(&op.name, column, op.if_not_exists)?);
    }
    for unique in &op.unique {
        statements.push(create_index_sql(
            &op.name,
            &unique.unique_name(&op.name),
            &unique.columns,
            true,
            op.if_not_exists,
        )?);
    }
    for index in &op.indexes {
        statements.push(create_index_sql(
            &op.name,
            &index.index_name(&op.name),
            &index.columns,
            false,
            op.if_not_exists,
        )?);
    }
    Ok(statements)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default(expr: &str) -> String {
        expression_default("c", expr).expect("compiles")
    }

    #[test]
    fn literals_and_keywords_stay_bare_and_expressions_get_parentheses() {
        assert_eq!(default("CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP");
        assert_eq!(default("current_date"), "current_date");
        assert_eq!(default("'it''s'"), "'it''s'");
        assert_eq!(default("-1.5"), "-1.5");
        assert_eq!(default("X'00ff'"), "X'00ff'");
        assert_eq!(default("(1 + 2)"), "(1 + 2)");
        assert_eq!(default("datetime('now')"), "(datetime('now'))");
        assert_eq!(default("(1) + (2)"), "((1) + (2))");
        assert_eq!(default("'a' || 'b'"), "('a' || 'b')");
        assert_eq!(default("inf"), "(inf)");
    }

    #[test]
    fn comments_cannot_close_early() {
        assert_eq!(comment_sql("a */ b"), "/* a * / b */");
    }
}
