//! Column definitions, types, defaults, keys, foreign keys and `CREATE TABLE` for MySQL and
//! MariaDB.
//!
//! Every identifier goes through [`q`], which is the [`Dialect::quote_identifier`] of
//! [`MysqlDialect`]; every string literal through [`quote_string`]; every generated name comes
//! from [`dbm_core::schema::naming`].

use dbm_core::Dialect;
use dbm_core::error::{Error, Result};
use dbm_core::schema::{
    Column, ColumnType, CreateTable, DefaultValue, ForeignKey, ReferentialAction, naming,
};

use crate::dialect::MysqlDialect;
use crate::sqltext;

/// Quotes an identifier (`` `name` ``, with `` ` `` doubled).
pub(crate) fn q(ident: &str) -> String {
    MysqlDialect.quote_identifier(ident)
}

/// Quotes a list of identifiers: `` `a`, `b` ``.
pub(crate) fn q_list(idents: &[String]) -> String {
    idents.iter().map(|i| q(i)).collect::<Vec<_>>().join(", ")
}

/// Quotes a string literal (`'it''s'`, backslashes doubled).
pub(crate) fn quote_string(text: &str) -> String {
    MysqlDialect.quote_string(text)
}

/// True for the integer and fixed- or floating-point types, where `unsigned` means something.
fn is_numeric(column_type: &ColumnType) -> bool {
    matches!(
        column_type,
        ColumnType::TinyInteger
            | ColumnType::SmallInteger
            | ColumnType::Integer
            | ColumnType::BigInteger
            | ColumnType::Float
            | ColumnType::Double
            | ColumnType::Decimal { .. }
            | ColumnType::Specific { .. }
    )
}

/// The declared type of a column (DESIGN §4), with ` unsigned` when asked.
pub(crate) fn type_sql(column: &Column) -> Result<String> {
    let base = match &column.column_type {
        ColumnType::Increments => "int unsigned".into(),
        ColumnType::BigIncrements => "bigint unsigned".into(),
        ColumnType::TinyInteger => "tinyint".into(),
        ColumnType::SmallInteger => "smallint".into(),
        ColumnType::Integer => "int".into(),
        ColumnType::BigInteger => "bigint".into(),
        ColumnType::Float => "float".into(),
        ColumnType::Double => "double".into(),
        ColumnType::Decimal { precision, scale } => format!("decimal({precision},{scale})"),
        ColumnType::Boolean => "boolean".into(),
        ColumnType::Char { length } => format!("char({length})"),
        ColumnType::String { length } => format!("varchar({length})"),
        ColumnType::Text => "text".into(),
        ColumnType::Date => "date".into(),
        ColumnType::Time => "time".into(),
        ColumnType::DateTime { .. } => "datetime".into(),
        ColumnType::Timestamp { .. } => "timestamp".into(),
        ColumnType::Json | ColumnType::Jsonb => "json".into(),
        ColumnType::Uuid => "char(36)".into(),
        ColumnType::Binary { length: None } => "blob".into(),
        ColumnType::Binary { length: Some(n) } => format!("varbinary({n})"),
        ColumnType::Enum { values, .. } => {
            if values.is_empty() {
                return Err(Error::schema(format!(
                    "enum column `{}` needs at least one value",
                    column.name
                )));
            }
            let list: Vec<String> = values.iter().map(|v| quote_string(v)).collect();
            format!("enum({})", list.join(", "))
        }
        ColumnType::Specific { sql_type } => {
            if sql_type.trim().is_empty() {
                return Err(Error::schema(format!(
                    "column `{}` has type `specific` with an empty `sql_type`",
                    column.name
                )));
            }
            sql_type.trim().to_string()
        }
    };
    if column.unsigned && !column.column_type.is_increments() {
        if !is_numeric(&column.column_type) {
            return Err(Error::schema(format!(
                "column `{}`: `unsigned` applies to numeric columns, not `{}`",
                column.name,
                column.column_type.word()
            )));
        }
        return Ok(format!("{base} unsigned"));
    }
    Ok(base)
}

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

/// A column definition from the model: name, type, `unsigned`, `NULL`/`NOT NULL`,
/// `DEFAULT`, `AUTO_INCREMENT` (with `PRIMARY KEY` when `inline_primary`) and `COMMENT`.
///
/// A nullable `TIMESTAMP` says `NULL` explicitly: with `explicit_defaults_for_timestamp`
/// off (MySQL 5.7, MariaDB before 10.10) MySQL would make it `NOT NULL DEFAULT
/// CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP`. Keys, unique constraints and foreign keys
/// are not part of it: the caller writes them as clauses of the table.
pub(crate) fn column_definition(column: &Column, inline_primary: bool) -> Result<String> {
    let mut parts = vec![q(&column.name), type_sql(column)?];
    if !column.is_nullable() {
        parts.push("NOT NULL".into());
    } else if matches!(column.column_type, ColumnType::Timestamp { .. }) {
        parts.push("NULL".into());
    }
    if let Some(default) = &column.default {
        parts.push(format!("DEFAULT {}", default_sql(column, default)?));
    }
    if column.column_type.is_increments() {
        parts.push("AUTO_INCREMENT".into());
        if inline_primary {
            parts.push("PRIMARY KEY".into());
        }
    }
    if let Some(comment) = &column.comment {
        parts.push(format!("COMMENT {}", quote_string(comment)));
    }
    Ok(parts.join(" "))
}

/// The foreign key a column's `references` declares.
pub(crate) fn column_foreign_key(column: &Column) -> Option<ForeignKey> {
    column.references.as_ref().map(|r| ForeignKey {
        columns: vec![column.name.clone()],
        references_table: r.table.clone(),
        references_columns: vec![r.column.clone()],
        on_delete: r.on_delete,
        on_update: r.on_update,
        name: None,
    })
}

fn action_sql(table: &str, name: &str, action: ReferentialAction) -> Result<&'static str> {
    if action == ReferentialAction::SetDefault {
        return Err(Error::schema(format!(
            "foreign key `{name}` of table `{table}`: MySQL's InnoDB rejects SET DEFAULT; use \
             SET NULL, CASCADE, RESTRICT or NO ACTION"
        )));
    }
    Ok(action.sql())
}

/// A named foreign key: `` CONSTRAINT `t_c_foreign` FOREIGN KEY (`c`) REFERENCES `p` (`id`)
/// ON DELETE CASCADE ``.
pub(crate) fn foreign_key_sql(table: &str, fk: &ForeignKey) -> Result<String> {
    let name = fk.name_on(table);
    if fk.columns.is_empty() || fk.references_columns.is_empty() {
        return Err(Error::schema(format!(
            "foreign key `{name}` of table `{table}` to `{}` needs its columns and the \
             referenced columns (MySQL does not default to the primary key)",
            fk.references_table
        )));
    }
    let mut sql = format!(
        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
        q(&name),
        q_list(&fk.columns),
        q(&fk.references_table),
        q_list(&fk.references_columns)
    );
    if let Some(action) = fk.on_delete {
        sql.push_str(&format!(" ON DELETE {}", action_sql(table, &name, action)?));
    }
    if let Some(action) = fk.on_update {
        sql.push_str(&format!(" ON UPDATE {}", action_sql(table, &name, action)?));
    }
    Ok(sql)
}

/// `` UNIQUE KEY `name` (`a`, `b`) `` or `` KEY `name` (`a`) ``.
pub(crate) fn key_sql(table: &str, name: &str, columns: &[String], unique: bool) -> Result<String> {
    if columns.is_empty() {
        return Err(Error::schema(format!(
            "index `{name}` on table `{table}` has no columns"
        )));
    }
    Ok(format!(
        "{}KEY {} ({})",
        if unique { "UNIQUE " } else { "" },
        q(name),
        q_list(columns)
    ))
}

/// The clauses a column's own `unique`, `index` and `references` declare, in that order.
pub(crate) fn column_constraints(table: &str, column: &Column) -> Result<Vec<String>> {
    let columns = vec![column.name.clone()];
    let mut out = Vec::new();
    if column.unique {
        out.push(key_sql(
            table,
            &naming::unique_name(table, &columns),
            &columns,
            true,
        )?);
    }
    if column.index {
        out.push(key_sql(
            table,
            &naming::index_name(table, &columns),
            &columns,
            false,
        )?);
    }
    if let Some(fk) = column_foreign_key(column) {
        out.push(foreign_key_sql(table, &fk)?);
    }
    Ok(out)
}

/// How a new table's primary key is written.
struct PrimaryKey {
    /// The auto-increment column says `PRIMARY KEY` itself.
    inline: bool,
    /// A `PRIMARY KEY (...)` clause of the table.
    clause: Option<String>,
}

fn table_primary_key(op: &CreateTable, columns: &[Column]) -> Result<PrimaryKey> {
    let increments: Vec<&Column> = columns
        .iter()
        .filter(|c| c.column_type.is_increments())
        .collect();
    if increments.len() > 1 {
        let names: Vec<&str> = increments.iter().map(|c| c.name.as_str()).collect();
        return Err(Error::schema(format!(
            "table `{}` has more than one auto-incrementing column ({}); MySQL allows one",
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
                "table `{}`: column `{stray}` has `primary = true` but `primary_key = [{}]` does \
                 not include it",
                op.name,
                op.primary_key.join(", ")
            )));
        }
        op.primary_key.clone()
    };
    let clause = |columns: &[String]| Some(format!("PRIMARY KEY ({})", q_list(columns)));
    match increments.first() {
        None => Ok(PrimaryKey {
            inline: false,
            clause: (!declared.is_empty()).then(|| clause(&declared)).flatten(),
        }),
        Some(inc) if declared.is_empty() || declared == [inc.name.clone()] => Ok(PrimaryKey {
            inline: true,
            clause: None,
        }),
        // InnoDB needs the auto-increment column first in an index: here, the primary key.
        Some(inc) if declared.first() == Some(&inc.name) => Ok(PrimaryKey {
            inline: false,
            clause: clause(&declared),
        }),
        Some(inc) => Err(Error::schema(format!(
            "table `{}`: the auto-incrementing column `{}` must come first in the primary key \
             ({}) on MySQL",
            op.name,
            inc.name,
            declared.join(", ")
        ))),
    }
}

/// `CREATE TABLE` with every key, unique constraint and foreign key inside it, so a missing
/// parent table fails the statement itself and nothing is left half made.
pub(crate) fn create_table(op: &CreateTable) -> Result<Vec<String>> {
    let columns = op.all_columns();
    if columns.is_empty() {
        return Err(Error::schema(format!("table `{}` has no columns", op.name)));
    }
    let primary = table_primary_key(op, &columns)?;
    let mut items = Vec::new();
    for column in &columns {
        items.push(column_definition(column, primary.inline)?);
    }
    items.extend(primary.clause);
    let mut foreign = Vec::new();
    for column in &columns {
        let columns = vec![column.name.clone()];
        if column.unique {
            let name = naming::unique_name(&op.name, &columns);
            items.push(key_sql(&op.name, &name, &columns, true)?);
        }
        if column.index {
            let name = naming::index_name(&op.name, &columns);
            items.push(key_sql(&op.name, &name, &columns, false)?);
        }
        foreign.extend(column_foreign_key(column));
    }
    for unique in &op.unique {
        let name = unique.unique_name(&op.name);
        items.push(key_sql(&op.name, &name, &unique.columns, true)?);
    }
    for index in &op.indexes {
        let name = index.index_name(&op.name);
        items.push(key_sql(&op.name, &name, &index.columns, false)?);
    }
    foreign.extend(op.foreign_keys.iter().cloned());
    for fk in &foreign {
        items.push(foreign_key_sql(&op.name, fk)?);
    }
    Ok(vec![format!(
        "CREATE TABLE {}{} ({}) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
        if op.if_not_exists {
            "IF NOT EXISTS "
        } else {
            ""
        },
        q(&op.name),
        items.join(", ")
    )])
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

    #[test]
    fn unsigned_on_a_string_is_an_error() {
        let column = Column {
            unsigned: true,
            ..Column::new("c", ColumnType::Text)
        };
        let message = type_sql(&column).expect_err("refused").to_string();
        assert!(message.contains("numeric"), "{message}");
    }
}
