//! `DEFAULT` clauses for MySQL and MariaDB: typed literals, the expression form for `TEXT`,
//! `BLOB` and `JSON` columns, and `default_sql` bare or in parentheses.
//!
//! | default | `varchar`, `int`, ... | `text`, `blob` | `json` |
//! |---|---|---|---|
//! | `"x"` | `'x'` | `('x')` | `('x')` |
//! | `1`, `1.5` | `1`, `1.5` | `(1)`, `(1.5)` | `('1')`, `('1.5')` (JSON text) |
//! | `true` | `TRUE` | `(TRUE)` | `('true')` |
//! | `default_sql = "CURRENT_TIMESTAMP(3)"` | bare | in parentheses | in parentheses |
//! | `default_sql = "uuid()"` | `(uuid())` | `(uuid())` | `(uuid())` |
//!
//! MySQL 8.0.13+ takes only expression defaults on `TEXT`, `BLOB` and `JSON`; MariaDB 10.2+
//! takes both forms.

use dbm_core::error::{Error, Result};
use dbm_core::schema::{Column, ColumnType, DefaultValue};

use crate::ddl::quote_string;
use crate::sqltext;

/// What sort of default a column's type takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DefaultKind {
    /// A literal: `DEFAULT 'x'`, `DEFAULT 1`.
    Literal,
    /// `TEXT`, `BLOB` and `JSON` take only expressions: `DEFAULT ('x')` (MySQL 8.0.13+;
    /// MariaDB accepts both forms).
    Expression,
    /// `JSON`: an expression holding JSON text.
    Json,
}

const EXPRESSION_TYPES: &[&str] = &[
    "tinytext",
    "text",
    "mediumtext",
    "longtext",
    "tinyblob",
    "blob",
    "mediumblob",
    "longblob",
    "json",
    "geometry",
];

fn default_kind(column_type: &ColumnType) -> DefaultKind {
    match column_type {
        ColumnType::Json | ColumnType::Jsonb => DefaultKind::Json,
        ColumnType::Text | ColumnType::Binary { length: None } => DefaultKind::Expression,
        ColumnType::Specific { sql_type } => {
            let lower = sql_type.trim().to_ascii_lowercase();
            let word = lower
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .next()
                .unwrap_or("");
            match word {
                "json" => DefaultKind::Json,
                w if EXPRESSION_TYPES.contains(&w) => DefaultKind::Expression,
                _ => DefaultKind::Literal,
            }
        }
        _ => DefaultKind::Literal,
    }
}

fn finite(column: &str, f: f64) -> Result<String> {
    if f.is_finite() {
        Ok(format!("{f:?}"))
    } else {
        Err(Error::schema(format!(
            "column `{column}` has the default {f}, which SQL cannot write"
        )))
    }
}

/// The text after `DEFAULT`: numbers and booleans as literals, strings quoted, expressions
/// verbatim; on `TEXT`, `BLOB` and `JSON` columns in the expression form `('x')`.
pub(crate) fn default_sql(column: &Column, value: &DefaultValue) -> Result<String> {
    let kind = default_kind(&column.column_type);
    let name = column.name.as_str();
    Ok(match (value, kind) {
        (DefaultValue::String(text), DefaultKind::Literal) => quote_string(text),
        (DefaultValue::String(text), _) => format!("({})", quote_string(text)),
        (DefaultValue::Integer(i), DefaultKind::Literal) => i.to_string(),
        (DefaultValue::Integer(i), DefaultKind::Expression) => format!("({i})"),
        (DefaultValue::Integer(i), DefaultKind::Json) => format!("('{i}')"),
        (DefaultValue::Float(f), DefaultKind::Literal) => finite(name, *f)?,
        (DefaultValue::Float(f), DefaultKind::Expression) => format!("({})", finite(name, *f)?),
        (DefaultValue::Float(f), DefaultKind::Json) => format!("('{}')", finite(name, *f)?),
        (DefaultValue::Boolean(b), DefaultKind::Json) => format!("('{b}')"),
        (DefaultValue::Boolean(b), DefaultKind::Literal) => bool_sql(*b).into(),
        (DefaultValue::Boolean(b), DefaultKind::Expression) => format!("({})", bool_sql(*b)),
        (DefaultValue::Sql(expr), kind) => expression_default(name, expr, kind)?,
    })
}

fn bool_sql(b: bool) -> &'static str {
    if b { "TRUE" } else { "FALSE" }
}

/// A `default_sql` expression: bare when MySQL takes it bare (a literal, `NULL`, or a time
/// function such as `CURRENT_TIMESTAMP(6)`, optionally with `ON UPDATE ...`), else wrapped in
/// parentheses, which MySQL 8.0.13+ and MariaDB 10.2+ read as an expression default.
fn expression_default(column: &str, expr: &str, kind: DefaultKind) -> Result<String> {
    let expr = expr.trim();
    if expr.is_empty() {
        return Err(Error::schema(format!(
            "column `{column}` has an empty `default_sql`"
        )));
    }
    let literal = sqltext::is_number(expr)
        || sqltext::is_string_literal(expr)
        || ["TRUE", "FALSE"]
            .iter()
            .any(|w| expr.eq_ignore_ascii_case(w));
    let bare = expr.eq_ignore_ascii_case("NULL")
        || sqltext::is_parenthesized(expr)
        || (kind == DefaultKind::Literal && (literal || sqltext::is_time_default(expr)));
    Ok(if bare {
        expr.to_string()
    } else {
        format!("({expr})")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default(column_type: ColumnType, value: DefaultValue) -> String {
        default_sql(&Column::new("c", column_type), &value).expect("compiles")
    }

    #[test]
    fn literal_defaults_are_typed() {
        assert_eq!(
            default(ColumnType::Integer, DefaultValue::Integer(-1)),
            "-1"
        );
        assert_eq!(default(ColumnType::Double, DefaultValue::Float(1.5)), "1.5");
        assert_eq!(
            default(ColumnType::Boolean, DefaultValue::Boolean(true)),
            "TRUE"
        );
        assert_eq!(
            default(
                ColumnType::String { length: 9 },
                DefaultValue::String("a'\\b".into())
            ),
            "'a''\\\\b'"
        );
    }

    #[test]
    fn text_json_and_blob_defaults_take_the_expression_form() {
        assert_eq!(
            default(ColumnType::Text, DefaultValue::String("x".into())),
            "('x')"
        );
        assert_eq!(
            default(ColumnType::Jsonb, DefaultValue::Integer(1)),
            "('1')"
        );
        assert_eq!(
            default(ColumnType::Json, DefaultValue::Boolean(false)),
            "('false')"
        );
        let blob = ColumnType::Binary { length: None };
        assert_eq!(default(blob, DefaultValue::String("x".into())), "('x')");
        let longtext = ColumnType::Specific {
            sql_type: "LONGTEXT".into(),
        };
        assert_eq!(default(longtext, DefaultValue::Sql("'x'".into())), "('x')");
    }

    #[test]
    fn sql_defaults_are_bare_only_where_mysql_takes_them_bare() {
        let ts = || ColumnType::Timestamp { tz: true };
        let sql = |t, e: &str| default(t, DefaultValue::Sql(e.into()));
        assert_eq!(sql(ts(), "CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP");
        assert_eq!(
            sql(ts(), "CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)"),
            "CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)"
        );
        assert_eq!(sql(ColumnType::Uuid, "uuid()"), "(uuid())");
        assert_eq!(sql(ColumnType::Integer, "1 + 1"), "(1 + 1)");
        assert_eq!(sql(ColumnType::Integer, "(1 + 1)"), "(1 + 1)");
        assert_eq!(sql(ColumnType::Integer, "-2"), "-2");
        assert_eq!(sql(ColumnType::Text, "NULL"), "NULL");
        assert_eq!(sql(ColumnType::Date, "CURRENT_DATE"), "(CURRENT_DATE)");
    }
}
