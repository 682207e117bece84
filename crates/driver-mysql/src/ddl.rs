//! What MySQL and MariaDB change in the common DDL of [`dbm_core::dialect::ddl`]: column
//! definitions, types, keys, foreign keys and the primary key of a new table.
//!
//! Every identifier goes through [`q`], which is the [`Dialect::quote_identifier`] of
//! [`MysqlDialect`]; every string literal through [`quote_string`]; every generated name comes
//! from [`dbm_core::schema::naming`].

use dbm_core::Dialect;
use dbm_core::dialect::PrimaryKey;
use dbm_core::dialect::ddl::{auto_increment_key, column_type_plain, enum_values};
use dbm_core::error::{Error, Result};
use dbm_core::schema::{Column, ColumnType, CreateTable, ForeignKey, ReferentialAction, naming};

use crate::default_clause::default_sql;
use crate::dialect::MysqlDialect;

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

/// The declared type of a column, with ` unsigned` when asked: MySQL's names where they
/// differ from the common map ([`column_type_plain`]).
pub(crate) fn type_sql(column: &Column) -> Result<String> {
    let base = match &column.column_type {
        ColumnType::Increments => "int unsigned".into(),
        ColumnType::BigIncrements => "bigint unsigned".into(),
        ColumnType::Integer => "int".into(),
        ColumnType::Binary { length: None } => "blob".into(),
        ColumnType::Binary { length: Some(n) } => format!("varbinary({n})"),
        ColumnType::Enum { values, .. } => {
            format!("enum({})", enum_values(&MysqlDialect, column, values)?)
        }
        _ => column_type_plain(&MysqlDialect, column)?,
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
    if let Some(fk) = column.foreign_key() {
        out.push(foreign_key_sql(table, &fk)?);
    }
    Ok(out)
}

/// How a new table's primary key is written: the auto-increment column carries it inline
/// (`AUTO_INCREMENT PRIMARY KEY`), else an unnamed `PRIMARY KEY (...)` clause.
pub(crate) fn table_primary_key(op: &CreateTable, columns: &[Column]) -> Result<PrimaryKey> {
    let (increments, declared) =
        auto_increment_key(&MysqlDialect, op, columns, "MySQL allows one")?;
    let clause = |columns: &[String]| Some(format!("PRIMARY KEY ({})", q_list(columns)));
    match increments {
        None => Ok(PrimaryKey {
            inline: None,
            clause: (!declared.is_empty()).then(|| clause(&declared)).flatten(),
        }),
        Some(inc) if declared.is_empty() || declared == [inc.name.clone()] => Ok(PrimaryKey {
            inline: Some(inc.name.clone()),
            clause: None,
        }),
        // InnoDB needs the auto-increment column first in an index: here, the primary key.
        Some(inc) if declared.first() == Some(&inc.name) => Ok(PrimaryKey {
            inline: None,
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

/// A dumped column: the common head, `NOT NULL` and default, then `AUTO_INCREMENT`, the
/// inline key and the comment.
pub(crate) fn dump_column(
    table: &dbm_core::driver::TableInfo,
    column: &dbm_core::driver::ColumnInfo,
    primary: bool,
) -> Result<String> {
    let mut sql = dbm_core::dump::column_head(&MysqlDialect, table, column)?;
    if column.nullable && column.data_type.starts_with("timestamp") {
        sql.push_str(" NULL");
    }
    dbm_core::dump::push_null_and_default(&MysqlDialect, &mut sql, column);
    if column.auto_increment {
        sql.push_str(" AUTO_INCREMENT");
    }
    if primary {
        sql.push_str(" PRIMARY KEY");
    }
    if let Some(comment) = &column.comment {
        sql.push_str(&format!(" COMMENT {}", MysqlDialect.quote_string(comment)));
    }
    Ok(sql)
}

/// A default as introspection shows it, written back: numbers and the current-timestamp
/// functions bare, a function call in parentheses, text quoted.
pub(crate) fn dump_default(default: &str) -> String {
    let upper = default.to_ascii_uppercase();
    let numeric = default.parse::<f64>().is_ok() && !default.contains(['i', 'I', 'n', 'N']);
    if numeric || upper.starts_with("CURRENT_TIMESTAMP") {
        default.to_string()
    } else if default.ends_with(')') && default.contains('(') && !default.contains(' ') {
        format!("({default})")
    } else {
        MysqlDialect.quote_string(default)
    }
}

/// Seconds since the epoch of a UTC `YYYY-MM-DD HH:MM:SS`, or `None` when it is not one.
pub(crate) fn unix_seconds(utc: &str) -> Option<i64> {
    let (date, time) = utc.trim().split_once(' ')?;
    let mut d = date.split('-').map(str::parse::<i64>);
    let (y, m, day) = (d.next()?.ok()?, d.next()?.ok()?, d.next()?.ok()?);
    let mut t = time.split(':').map(str::parse::<i64>);
    let (h, min, s) = (t.next()?.ok()?, t.next()?.ok()?, t.next()?.ok()?);
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + min * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

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
