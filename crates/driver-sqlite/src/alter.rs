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

use dbm_core::Dialect;
use dbm_core::driver::TableState;
use dbm_core::error::{Error, Result};
use dbm_core::schema::{AlterTable, Column, DefaultValue, naming};

use crate::ddl::{self, q};
use crate::rebuild::Rebuild;
use crate::sqltext::{Kind, same_name, tokenize};
use crate::tabledef::{ConstraintKind, SegmentKind, TableDef, index_involves};

/// True when SQLite's `ADD COLUMN` cannot add this column, so the table is rebuilt.
pub(crate) fn add_needs_rebuild(column: &Column) -> bool {
    column.references.is_some()
        || column.primary
        || column.column_type.is_increments()
        || (!column.is_nullable() && column.default.is_none())
        || matches!(&column.default, Some(DefaultValue::Sql(expr)) if !constant_default(expr))
}

/// SQLite's `ADD COLUMN` accepts a constant default only: not `CURRENT_TIMESTAMP` (and its
/// siblings) and not an expression in parentheses.
fn constant_default(expr: &str) -> bool {
    let Ok(sql) = ddl::default_sql("", &DefaultValue::Sql(expr.to_string())) else {
        return false;
    };
    let tokens = tokenize(&sql);
    let current = tokens.iter().any(|t| {
        ["CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME"]
            .iter()
            .any(|w| t.is_word(&sql, w))
    });
    !current && !tokens.first().is_some_and(|t| t.kind == Kind::Punct('('))
}

/// True when an `alter_table` part may rebuild the table (see [`alter_table`]); a dialect
/// built on SQLite's answers [`Dialect::rebuilds`] with it.
pub fn part_rebuilds(op: &AlterTable) -> bool {
    !op.alter_columns.is_empty()
        || !op.drop_foreign_keys.is_empty()
        || !op.add_foreign_keys.is_empty()
        || !op.drop_columns.is_empty()
        || op.add_columns.iter().any(add_needs_rebuild)
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
/// New and altered columns are written by `dialect`'s [`Dialect::column_definition`]. The
/// rebuild starts from the table's stored `CREATE TABLE` text and keeps what follows its
/// closing parenthesis (`STRICT`, `WITHOUT ROWID`), so a dialect built on SQLite's (such as a
/// STRICT one) calls this from its [`Dialect::alter_table`] and keeps its tables as they are.
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
        if n > 0 && (part_rebuilds(part) || !part.drop_columns.is_empty()) {
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
    let table = q(&op.name);
    let mut out = Vec::new();
    if !op.drop_foreign_keys.is_empty() {
        let mut rebuild = Rebuild::new(dialect, &op.name, state)?;
        rebuild.drop_foreign_keys(&op.drop_foreign_keys)?;
        out.extend(rebuild.statements());
    }
    for reference in &op.drop_unique {
        let name = naming::resolve(&op.name, reference, naming::NameKind::Unique);
        out.push(format!("DROP INDEX {}", q(&name)));
    }
    for reference in &op.drop_indexes {
        let name = naming::resolve(&op.name, reference, naming::NameKind::Index);
        out.push(format!("DROP INDEX {}", q(&name)));
    }
    for (old, new) in &op.rename_columns {
        out.push(format!(
            "ALTER TABLE {table} RENAME COLUMN {} TO {}",
            q(old),
            q(new)
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
    for index in &op.add_indexes {
        let name = index.index_name(&op.name);
        out.push(ddl::create_index_sql(
            &op.name,
            &name,
            &index.columns,
            false,
            false,
        )?);
    }
    for unique in &op.add_unique {
        let name = unique.unique_name(&op.name);
        out.push(ddl::create_index_sql(
            &op.name,
            &name,
            &unique.columns,
            true,
            false,
        )?);
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
        let table = q(&op.name);
        return Ok(op
            .drop_columns
            .iter()
            .map(|c| format!("ALTER TABLE {table} DROP COLUMN {}", q(c)))
            .collect());
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
    if op.add_columns.iter().any(add_needs_rebuild) {
        let mut rebuild = Rebuild::new(dialect, &op.name, state)?;
        rebuild.add_columns(&op.add_columns)?;
        return Ok(rebuild.statements());
    }
    let table = q(&op.name);
    let mut out = Vec::new();
    for column in &op.add_columns {
        out.push(format!(
            "ALTER TABLE {table} ADD COLUMN {}",
            dialect.column_definition(&op.name, column, false)?
        ));
    }
    for column in &op.add_columns {
        out.extend(
            ddl::column_indexes(&op.name, column, false)?
                .into_iter()
                .map(|(_, sql)| sql),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dbm_core::schema::ColumnType;

    #[test]
    fn constant_defaults_are_told_apart_from_expressions() {
        assert!(constant_default("0"));
        assert!(constant_default("'x'"));
        assert!(constant_default("-1"));
        assert!(constant_default("NULL"));
        assert!(!constant_default("CURRENT_TIMESTAMP"));
        assert!(!constant_default("(1 + 1)"));
        assert!(!constant_default("datetime('now')"));
        assert!(!constant_default("some_word"));
    }

    #[test]
    fn a_not_null_column_without_default_is_added_by_a_rebuild() {
        let column = Column {
            nullable: Some(false),
            ..Column::new("c", ColumnType::Integer)
        };
        assert!(add_needs_rebuild(&column));
        let nullable = Column::new("c", ColumnType::Integer);
        assert!(!add_needs_rebuild(&nullable));
    }
}
