//! `alter_table` on SQLite: native `ALTER TABLE` where it applies, a [`Rebuild`] elsewhere.
//!
//! | part | SQLite |
//! |---|---|
//! | `drop_unique`, `drop_indexes` | `DROP INDEX` |
//! | `rename_columns` | `ALTER TABLE .. RENAME COLUMN` (3.25+; SQLite rewrites indexes, triggers and views) |
//! | `drop_columns` | `ALTER TABLE .. DROP COLUMN` (3.35+) when the column is in no index, primary key, unique, foreign key or table CHECK; else a rebuild that also drops the indexes covering it |
//! | `add_columns` | `ALTER TABLE .. ADD COLUMN` + `CREATE [UNIQUE] INDEX`; a rebuild for a column with `references`, `primary`, `increments`, an expression default such as `CURRENT_TIMESTAMP`, or `NOT NULL` without a default (SQLite refuses to add those) |
//! | `alter_columns`, `drop_foreign_keys`, `add_foreign_keys` | a rebuild |
//! | `add_indexes`, `add_unique` | `CREATE [UNIQUE] INDEX` |
//!
//! The migrator compiles one part at a time ([`AlterTable::split_parts`]) and fetches the
//! table's state again before the next, because a part changes what the next one sees.
//!
//! Every piece of SQL goes through the calling dialect's hooks: quoting, column definitions
//! (and so types and defaults), indexes ([`Dialect::index_sql`]), `DROP INDEX`
//! ([`Dialect::drop_index`]), native `DROP COLUMN` ([`Dialect::drop_column`]), and in a
//! rebuild foreign keys ([`Dialect::foreign_key`]) and primary keys
//! ([`Dialect::primary_key`]).

use dbm_core::Dialect;
use dbm_core::dialect::IndexDef;
use dbm_core::driver::TableState;
use dbm_core::error::{Error, Result};
use dbm_core::schema::{AlterTable, Column, DropIndex, Operation, naming};

use crate::ddl;
use crate::rebuild::Rebuild;
use crate::sqltext::{Kind, same_name, tokenize};
use crate::tabledef::{ConstraintKind, SegmentKind, TableDef, index_involves};

/// True when SQLite's `ADD COLUMN` cannot add this column, so the table is rebuilt: among
/// others, when `dialect`'s [`Dialect::default_literal`] writes its default as something
/// other than a constant.
fn add_needs_rebuild(dialect: &dyn Dialect, column: &Column) -> bool {
    column.references.is_some()
        || column.primary
        || column.column_type.is_increments()
        || (!column.is_nullable() && column.default.is_none())
        || column.default.as_ref().is_some_and(|default| {
            // A default the dialect cannot write is refused by the rebuild's definition.
            dialect
                .default_literal(column, default)
                .map_or(true, |sql| !constant_default(&sql))
        })
}

/// SQLite's `ADD COLUMN` accepts a constant default only: not `CURRENT_TIMESTAMP` (and its
/// siblings) and not an expression in parentheses. `sql` is the default as written.
fn constant_default(sql: &str) -> bool {
    let tokens = tokenize(sql);
    let current = tokens.iter().any(|t| {
        ["CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME"]
            .iter()
            .any(|w| t.is_word(sql, w))
    });
    !current && !tokens.first().is_some_and(|t| t.kind == Kind::Punct('('))
}

/// True when an `alter_table` part may rebuild the table (see [`alter_table`]).
fn part_rebuilds(dialect: &dyn Dialect, op: &AlterTable) -> bool {
    !op.alter_columns.is_empty()
        || !op.drop_foreign_keys.is_empty()
        || !op.add_foreign_keys.is_empty()
        || !op.drop_columns.is_empty()
        || op.add_columns.iter().any(|c| add_needs_rebuild(dialect, c))
}

/// SQLite's answer to [`Dialect::rebuilds`]: true for an `alter_table` that
/// [`alter_table`] may compile to a table rebuild (`alter_columns`, foreign keys, dropped
/// columns, and added columns SQLite's `ADD COLUMN` cannot add, judged by `dialect`'s
/// definitions). A dialect built on SQLite's answers [`Dialect::rebuilds`] with it.
pub fn rebuilds(dialect: &dyn Dialect, op: &Operation) -> bool {
    matches!(op, Operation::AlterTable(alter) if part_rebuilds(dialect, alter))
}

/// Compiles an `alter_table` entry as SQLite does: native `ALTER TABLE` where SQLite has it,
/// a table rebuild elsewhere.
///
/// | part | SQLite |
/// |---|---|
/// | `drop_unique`, `drop_indexes` | `DROP INDEX` |
/// | `rename_columns` | `ALTER TABLE .. RENAME COLUMN` |
/// | `drop_columns` | `ALTER TABLE .. DROP COLUMN` when the column is in no index or constraint, else a rebuild |
/// | `add_columns` | `ALTER TABLE .. ADD COLUMN` + indexes; a rebuild for what SQLite cannot add (a key, `references`, an expression default, `NOT NULL` without a default) |
/// | `alter_columns`, `add_foreign_keys`, `drop_foreign_keys` | a rebuild |
/// | `add_indexes`, `add_unique` | `CREATE [UNIQUE] INDEX` |
///
/// Every statement is written through `dialect`'s hooks: new and altered columns by
/// [`Dialect::column_definition`] (so by its [`Dialect::column_type`] and
/// [`Dialect::default_literal`]), indexes by [`Dialect::index_sql`], foreign keys by
/// [`Dialect::foreign_key`], a new primary key by [`Dialect::primary_key`], identifiers by
/// [`Dialect::quote_identifier`]. The rebuild starts from the table's stored `CREATE TABLE`
/// text and keeps what follows its closing parenthesis (`STRICT`, `WITHOUT ROWID`): those
/// options belong to the existing table and its rows, so they are not taken from
/// [`Dialect::table_options`]. A dialect built on SQLite's (such as a STRICT one) calls this
/// from its [`Dialect::alter_table`] and keeps its tables as they are.
/// `state` is the table's current state ([`Dialect::needs_table_state`] is true for
/// `alter_table`). An entry of several parts compiles only when no part after the first
/// depends on the table's definition (those need fresh state each).
///
/// # Errors
///
/// [`Error::Schema`] for a part SQLite cannot do, or a missing table or column.
pub fn alter_table(
    dialect: &dyn Dialect,
    op: &AlterTable,
    state: Option<&TableState>,
) -> Result<Vec<String>> {
    let mut statements = Vec::new();
    for (n, part) in op.split_parts().iter().enumerate() {
        if n > 0 && (part_rebuilds(dialect, part) || !part.drop_columns.is_empty()) {
            return Err(Error::schema(format!(
                "alter_table \"{}\": SQLite compiles each part against the table's current definition; \
                 compile the parts of AlterTable::split_parts() one at a time, running each before the next",
                op.name
            )));
        }
        statements.extend(compile_part(dialect, part, state)?);
    }
    Ok(statements)
}

fn compile_part(
    dialect: &dyn Dialect,
    op: &AlterTable,
    state: Option<&TableState>,
) -> Result<Vec<String>> {
    let table = dialect.quote_identifier(&op.name);
    let mut out = Vec::new();
    if !op.drop_foreign_keys.is_empty() {
        let mut rebuild = Rebuild::new(dialect, &op.name, state)?;
        rebuild.drop_foreign_keys(&op.drop_foreign_keys)?;
        out.extend(rebuild.statements());
    }
    let dropped = op
        .drop_unique
        .iter()
        .map(|r| naming::resolve(&op.name, r, naming::NameKind::Unique))
        .chain(
            op.drop_indexes
                .iter()
                .map(|r| naming::resolve(&op.name, r, naming::NameKind::Index)),
        );
    for name in dropped {
        out.extend(dialect.drop_index(&DropIndex {
            name,
            table: Some(op.name.clone()),
        })?);
    }
    for (old, new) in &op.rename_columns {
        out.push(format!(
            "ALTER TABLE {table} RENAME COLUMN {} TO {}",
            dialect.quote_identifier(old),
            dialect.quote_identifier(new)
        ));
    }
    if !op.drop_columns.is_empty() {
        out.extend(drop_columns(dialect, op, state)?);
    }
    if !op.add_columns.is_empty() {
        out.extend(add_columns(dialect, op, state)?);
    }
    if !op.alter_columns.is_empty() {
        let mut rebuild = Rebuild::new(dialect, &op.name, state)?;
        rebuild.alter_columns(&op.alter_columns)?;
        out.extend(rebuild.statements());
    }
    let indexes = op
        .add_indexes
        .iter()
        .map(|i| (i.index_name(&op.name), &i.columns, false))
        .chain(
            op.add_unique
                .iter()
                .map(|u| (u.unique_name(&op.name), &u.columns, true)),
        );
    for (name, columns, unique) in indexes {
        out.push(dialect.index_sql(&IndexDef {
            unique,
            ..IndexDef::new(&op.name, &name, columns)
        })?);
    }
    if !op.add_foreign_keys.is_empty() {
        let mut rebuild = Rebuild::new(dialect, &op.name, state)?;
        rebuild.add_foreign_keys(&op.add_foreign_keys)?;
        out.extend(rebuild.statements());
    }
    Ok(out)
}

/// Native `DROP COLUMN` when every column qualifies, else one rebuild for all of them.
fn drop_columns(
    dialect: &dyn Dialect,
    op: &AlterTable,
    state: Option<&TableState>,
) -> Result<Vec<String>> {
    let state = state.ok_or_else(|| {
        Error::schema(format!(
            "table \"{}\" does not exist, so its columns cannot be dropped",
            op.name
        ))
    })?;
    let def = TableDef::parse(&state.create_sql)
        .map_err(|why| Error::schema(format!("table \"{}\": {why}", op.name)))?;
    refuse_dependent_objects(state, &op.drop_columns)?;
    let mut native = true;
    for column in &op.drop_columns {
        let Some(position) = def.column_position(column) else {
            return Err(Error::schema(format!(
                "table \"{}\": cannot drop column \"{column}\": it does not exist",
                op.name
            )));
        };
        let crate::tabledef::Item::Column(definition) = &def.items[position] else {
            continue;
        };
        let constrained_here = definition.segments().iter().any(|s| {
            matches!(
                s.kind,
                SegmentKind::PrimaryKey | SegmentKind::Unique | SegmentKind::References { .. }
            )
        });
        let constrained_by_table = def.constraints().any(|c| {
            c.involves(column)
                && matches!(
                    c.kind,
                    ConstraintKind::PrimaryKey
                        | ConstraintKind::Unique
                        | ConstraintKind::Check
                        | ConstraintKind::ForeignKey { .. }
                )
        });
        let indexed = state
            .indexes
            .iter()
            .any(|(_, sql)| index_involves(sql, column));
        if constrained_here || constrained_by_table || indexed {
            native = false;
        }
    }
    if native {
        let mut out = Vec::new();
        for column in &op.drop_columns {
            out.extend(dialect.drop_column(&op.name, column)?);
        }
        return Ok(out);
    }
    let mut rebuild = Rebuild::new(dialect, &op.name, Some(state))?;
    rebuild.drop_columns(&op.drop_columns)?;
    Ok(rebuild.statements())
}

/// Refuses to drop a column that a view or trigger naming the table still names.
///
/// SQLite does not check a view or trigger when it is created, and reads an unknown
/// `"double-quoted"` name as a string literal, so such an object would silently change
/// meaning or break later. The check is by name: an object that names the table and a
/// same-named column of another table is refused too; drop it first and create it again
/// (with `sql` operations) to go ahead.
fn refuse_dependent_objects(state: &TableState, dropped: &[String]) -> Result<()> {
    let objects = state
        .views
        .iter()
        .map(|(name, sql)| ("view", name, sql))
        .chain(
            state
                .triggers
                .iter()
                .map(|(name, sql)| ("trigger", name, sql)),
        );
    for (kind, name, sql) in objects {
        let tokens = tokenize(sql);
        let names = |wanted: &str| {
            tokens.iter().any(|t| {
                matches!(t.kind, Kind::Word | Kind::Quoted)
                    && t.ident(sql).is_some_and(|n| same_name(&n, wanted))
            })
        };
        if !names(&state.name) {
            continue;
        }
        if let Some(column) = dropped.iter().find(|c| names(c)) {
            return Err(Error::schema(format!(
                "table \"{}\": cannot drop column \"{column}\": {kind} \"{name}\" uses it \
                 (SQLite would keep the {kind} and break it, or read \"{column}\" as a string); \
                 drop the {kind} first and create it again without the column",
                state.name
            )));
        }
    }
    Ok(())
}

/// Native `ADD COLUMN` when every column qualifies, else one rebuild for all of them.
fn add_columns(
    dialect: &dyn Dialect,
    op: &AlterTable,
    state: Option<&TableState>,
) -> Result<Vec<String>> {
    if op.add_columns.iter().any(|c| add_needs_rebuild(dialect, c)) {
        let mut rebuild = Rebuild::new(dialect, &op.name, state)?;
        rebuild.add_columns(&op.add_columns)?;
        return Ok(rebuild.statements());
    }
    let table = dialect.quote_identifier(&op.name);
    let mut out = Vec::new();
    for column in &op.add_columns {
        out.push(format!(
            "ALTER TABLE {table} ADD COLUMN {}",
            dialect.column_definition(&op.name, column, false)?
        ));
    }
    for column in &op.add_columns {
        out.extend(
            ddl::column_indexes(dialect, &op.name, column)?
                .into_iter()
                .map(|(_, sql)| sql),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SqliteDialect;
    use dbm_core::schema::{ColumnType, DefaultValue};

    /// Whether SQLite's dialect writes the expression default `expr` as a constant.
    fn constant_sql_default(expr: &str) -> bool {
        let column = Column {
            default: Some(DefaultValue::Sql(expr.to_string())),
            ..Column::new("c", ColumnType::Integer)
        };
        !add_needs_rebuild(&SqliteDialect, &column)
    }

    #[test]
    fn constant_defaults_are_told_apart_from_expressions() {
        assert!(constant_sql_default("0"));
        assert!(constant_sql_default("'x'"));
        assert!(constant_sql_default("-1"));
        assert!(constant_sql_default("NULL"));
        assert!(!constant_sql_default("CURRENT_TIMESTAMP"));
        assert!(!constant_sql_default("(1 + 1)"));
        assert!(!constant_sql_default("datetime('now')"));
        assert!(!constant_sql_default("some_word"));
    }

    #[test]
    fn a_not_null_column_without_default_is_added_by_a_rebuild() {
        let column = Column {
            nullable: Some(false),
            ..Column::new("c", ColumnType::Integer)
        };
        assert!(add_needs_rebuild(&SqliteDialect, &column));
        let nullable = Column::new("c", ColumnType::Integer);
        assert!(!add_needs_rebuild(&SqliteDialect, &nullable));
    }
}
