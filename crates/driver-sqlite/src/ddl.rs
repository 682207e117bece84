//! What SQLite changes in the common DDL of [`dbm_core::dialect::ddl`]: its type map,
//! defaults, column definitions (`AUTOINCREMENT`, comments) and primary keys.
//!
//! Each function takes the calling dialect and writes through its hooks (quoting, types,
//! defaults, indexes), so that a dialect built on SQLite's gets its own pieces in every
//! statement, table rebuilds included; every generated name comes from
//! [`dbm_core::schema::naming`].

use dbm_core::Dialect;
use dbm_core::dialect::ddl::{auto_increment_key, column_type_plain, enum_values, quote_list};
use dbm_core::dialect::{IndexDef, PrimaryKey};
use dbm_core::error::{Error, Result};
use dbm_core::schema::{Column, ColumnType, CreateTable, DefaultValue, naming};

use crate::dialect::SqliteDialect;
use crate::sqltext::{Kind, matching_paren, tokenize};

/// Quotes an identifier as SQLite does (`"name"`, with `"` doubled), for what only the
/// connection writes (wiping).
pub(crate) fn q(ident: &str) -> String {
    SqliteDialect.quote_identifier(ident)
}

/// The declared type of a column type: SQLite's names where they differ from the common
/// map ([`column_type_plain`]).
pub(crate) fn type_sql<D: Dialect + ?Sized>(dialect: &D, column: &Column) -> Result<String> {
    Ok(match &column.column_type {
        ColumnType::Increments | ColumnType::BigIncrements | ColumnType::Integer => {
            "integer".into()
        }
        ColumnType::Binary { .. } => "blob".into(),
        _ => return column_type_plain(dialect, column),
    })
}

/// A `DEFAULT` value: strings through [`Dialect::quote_string`], numbers and booleans as
/// literals, expressions verbatim (in parentheses unless they are a keyword such as
/// `CURRENT_TIMESTAMP` or a literal, as SQLite requires `DEFAULT (expr)` for expressions).
pub(crate) fn default_sql<D: Dialect + ?Sized>(
    dialect: &D,
    column: &str,
    value: &DefaultValue,
) -> Result<String> {
    Ok(match value {
        DefaultValue::String(text) => dialect.quote_string(text),
        DefaultValue::Integer(i) => i.to_string(),
        DefaultValue::Float(f) if f.is_finite() => format!("{f:?}"),
        DefaultValue::Float(f) => {
            return Err(Error::schema(format!(
                "column \"{column}\" has the default {f}, which SQL cannot write"
            )));
        }
        DefaultValue::Boolean(true) => "TRUE".into(),
        DefaultValue::Boolean(false) => "FALSE".into(),
        DefaultValue::Sql(expr) => expression_default(column, expr)?,
    })
}

const LITERAL_KEYWORDS: &[&str] = &[
    "CURRENT_TIMESTAMP",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "NULL",
    "TRUE",
    "FALSE",
];

fn expression_default(column: &str, expr: &str) -> Result<String> {
    let expr = expr.trim();
    let tokens = tokenize(expr);
    if tokens.is_empty() {
        return Err(Error::schema(format!(
            "column \"{column}\" has an empty `default_sql`"
        )));
    }
    let is_current = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            ["CURRENT_TIMESTAMP", "CURRENT_TIME", "CURRENT_DATE"]
                .iter()
                .any(|w| t.is_word(expr, w))
        })
    };
    if let Some(i) = (0..tokens.len()).find(|&i| is_current(i))
        && tokens.get(i + 1).is_some_and(|t| t.is('('))
    {
        return Err(Error::schema(format!(
            "column \"{column}\": SQLite has no `{}(...)` with a precision; write `default_sql = \"{}\"`",
            tokens[i].text(expr),
            tokens[i].text(expr).to_ascii_uppercase()
        )));
    }
    let literal = match tokens.as_slice() {
        [one] => match one.kind {
            Kind::Word => LITERAL_KEYWORDS.iter().any(|w| one.is_word(expr, w)),
            Kind::Str | Kind::Number => true,
            _ => false,
        },
        [first, second] => {
            let signed_number = (first.is('-') || first.is('+')) && second.kind == Kind::Number;
            let blob = first.kind == Kind::Word
                && first.text(expr).eq_ignore_ascii_case("x")
                && second.kind == Kind::Str
                && second.start == first.end;
            signed_number || blob
        }
        _ => tokens[0].is('(') && matching_paren(&tokens, 0) == Some(tokens.len() - 1),
    };
    Ok(if literal {
        expr.to_string()
    } else {
        format!("({expr})")
    })
}

/// A column comment, kept as `/* text */` inside the column definition (SQLite has no
/// comments of its own, but keeps the `CREATE TABLE` text as written).
pub(crate) fn comment_sql(comment: &str) -> String {
    format!("/* {} */", comment.replace("*/", "* /"))
}

/// A column definition in SQLite's shape, through `dialect`'s hooks: name
/// ([`Dialect::quote_identifier`]), [`Dialect::column_type`], `PRIMARY KEY AUTOINCREMENT` (increments), `NOT NULL`, `DEFAULT`
/// ([`Dialect::default_literal`]), the enum `CHECK` (while the column is still an `enum`), the
/// `keep` clauses (column constraints such as a named `CHECK`, or ones carried over from an
/// older definition) and the comment (`/* text */`).
///
/// Primary keys other than increments, unique constraints, indexes and foreign keys are not
/// part of it: the caller writes them as table constraints or separate statements. A dialect
/// built on SQLite's calls it from its own [`Dialect::column_definition`].
///
/// # Errors
///
/// [`Error::Schema`] from the hooks, or for an enum without values.
pub fn column_definition<D: Dialect + ?Sized>(
    dialect: &D,
    table: &str,
    column: &Column,
    keep: &[&str],
) -> Result<String> {
    let name = dialect.quote_identifier(&column.name);
    let mut parts = vec![name.clone(), dialect.column_type(table, column)?];
    if column.column_type.is_increments() {
        parts.push("PRIMARY KEY AUTOINCREMENT".into());
    }
    if !column.is_nullable() {
        parts.push("NOT NULL".into());
    }
    if let Some(default) = &column.default {
        let literal = dialect.default_literal(column, default)?;
        parts.push(format!("DEFAULT {literal}"));
    }
    if let ColumnType::Enum { values, .. } = &column.column_type {
        parts.push(format!(
            "CHECK ({name} IN ({}))",
            enum_values(dialect, column, values)?
        ));
    }
    parts.extend(keep.iter().map(|k| k.to_string()));
    if let Some(comment) = &column.comment {
        parts.push(comment_sql(comment));
    }
    Ok(parts.join(" "))
}

/// `definition` (a [`Dialect::column_definition`] of `column`) with the `keep` clauses added
/// before the column's comment, where [`column_definition`] puts them.
pub(crate) fn with_kept(definition: String, column: &Column, keep: &[&str]) -> String {
    if keep.is_empty() {
        return definition;
    }
    let kept = keep.join(" ");
    let comment = column.comment.as_deref().map(comment_sql);
    match comment.and_then(|c| {
        definition
            .strip_suffix(&c)
            .map(|head| (head.to_string(), c))
    }) {
        Some((head, comment)) => format!("{head}{kept} {comment}"),
        None => format!("{definition} {kept}"),
    }
}

/// A named primary key constraint: `CONSTRAINT "t_pkey" PRIMARY KEY ("a", "b")`.
fn primary_key_sql<D: Dialect + ?Sized>(dialect: &D, table: &str, columns: &[String]) -> String {
    format!(
        "CONSTRAINT {} PRIMARY KEY ({})",
        dialect.quote_identifier(&naming::primary_key_name(table)),
        quote_list(dialect, columns)
    )
}

/// The table constraint that makes `column` of an existing table its primary key: the
/// clause of `dialect`'s [`Dialect::primary_key`] for a table keyed on that column, or the
/// named `CONSTRAINT "t_pkey" PRIMARY KEY ("c")` when the dialect would key it inline.
pub(crate) fn primary_key_clause(
    dialect: &dyn Dialect,
    table: &str,
    column: &str,
) -> Result<String> {
    let key = vec![column.to_string()];
    let op = CreateTable {
        name: table.to_string(),
        primary_key: key.clone(),
        ..CreateTable::default()
    };
    Ok(match dialect.primary_key(&op, &[])?.clause {
        Some(clause) => clause,
        None => primary_key_sql(dialect, table, &key),
    })
}

/// The `CREATE [UNIQUE] INDEX` statements of a column's `unique` and `index` flags, written
/// by `dialect`'s [`Dialect::index_sql`], each with its name.
pub(crate) fn column_indexes(
    dialect: &dyn Dialect,
    table: &str,
    column: &Column,
) -> Result<Vec<(String, String)>> {
    let columns = vec![column.name.clone()];
    let mut out = Vec::new();
    for (flag, unique) in [(column.unique, true), (column.index, false)] {
        if !flag {
            continue;
        }
        let name = if unique {
            naming::unique_name(table, &columns)
        } else {
            naming::index_name(table, &columns)
        };
        let index = IndexDef {
            unique,
            ..IndexDef::new(table, &name, &columns)
        };
        let sql = dialect.index_sql(&index)?;
        out.push((name, sql));
    }
    Ok(out)
}

/// The table-level primary key of a new table, if it needs one (`increments` is a column's
/// own `PRIMARY KEY AUTOINCREMENT`, so nothing is ever inline).
pub(crate) fn table_primary_key<D: Dialect + ?Sized>(
    dialect: &D,
    op: &CreateTable,
    columns: &[Column],
) -> Result<PrimaryKey> {
    let (increments, declared) = auto_increment_key(
        dialect,
        op,
        columns,
        "SQLite allows one, as the primary key",
    )?;
    if let Some(increments) = increments {
        if declared.is_empty() || declared == [increments.name.clone()] {
            return Ok(PrimaryKey::default());
        }
        return Err(Error::schema(format!(
            "table \"{}\": SQLite cannot express the primary key ({}) together with the auto-incrementing column \"{}\" \
             (AUTOINCREMENT needs a single-column INTEGER PRIMARY KEY); use `integer` instead of `{}`",
            op.name,
            declared.join(", "),
            increments.name,
            increments.column_type.word()
        )));
    }
    Ok(PrimaryKey {
        inline: None,
        clause: (!declared.is_empty()).then(|| primary_key_sql(dialect, &op.name, &declared)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default(expr: &str) -> String {
        expression_default("c", expr).expect("compiles")
    }

    #[test]
    fn keyword_and_literal_defaults_stay_bare_and_expressions_get_parentheses() {
        assert_eq!(default("CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP");
        assert_eq!(default("current_date"), "current_date");
        assert_eq!(default("'x'"), "'x'");
        assert_eq!(default("-1.5"), "-1.5");
        assert_eq!(default("X'00ff'"), "X'00ff'");
        assert_eq!(default("(1 + 2)"), "(1 + 2)");
        assert_eq!(default("datetime('now')"), "(datetime('now'))");
        assert_eq!(default("(1) + (2)"), "((1) + (2))");
        assert_eq!(default("some_word"), "(some_word)");
    }

    #[test]
    fn current_timestamp_with_a_precision_is_refused() {
        let err = expression_default("c", "CURRENT_TIMESTAMP(6)").expect_err("refused");
        assert!(err.to_string().contains("precision"), "{err}");
    }

    #[test]
    fn comments_cannot_close_early() {
        assert_eq!(comment_sql("a */ b"), "/* a * / b */");
    }
}
