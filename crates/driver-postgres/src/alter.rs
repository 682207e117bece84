//! `alter_table` on PostgreSQL: every part is native `ALTER TABLE`, compiled without knowing
//! the table's current definition.
//!
//! | part | PostgreSQL |
//! |---|---|
//! | `drop_foreign_keys`, `drop_unique` | `ALTER TABLE .. DROP CONSTRAINT "name"` |
//! | `drop_indexes` | `DROP INDEX "name"` |
//! | `rename_columns` | `ALTER TABLE .. RENAME COLUMN` |
//! | `drop_columns` | `ALTER TABLE .. DROP COLUMN`, then `DROP TYPE IF EXISTS "t_c_enum"` |
//! | `add_columns` | `CREATE TYPE` (native enum), `ALTER TABLE .. ADD COLUMN <definition>, ADD CONSTRAINT ..` (unique, foreign key), `CREATE INDEX`, `COMMENT ON COLUMN` |
//! | `alter_columns` | see [`alter_column`] |
//! | `add_indexes` | `CREATE INDEX` |
//! | `add_unique`, `add_foreign_keys` | `ALTER TABLE .. ADD CONSTRAINT` |

use dbm_core::error::Result;
use dbm_core::schema::{AlterTable, Column, naming};

use crate::ddl::{
    self, comment_sql, constraint_exists, create_enum_type, enum_check, enum_type_name, q,
    quote_string, unless_exists,
};

/// Compiles an `alter_table` entry, its parts in the order `docs/migrations.md` gives.
pub(crate) fn compile(op: &AlterTable) -> Result<Vec<String>> {
    let table = &op.name;
    let alter = format!("ALTER TABLE {}", q(table));
    let mut out = Vec::new();
    for reference in &op.drop_foreign_keys {
        let name = naming::resolve(table, reference, naming::NameKind::Foreign);
        out.push(format!("{alter} DROP CONSTRAINT {}", q(&name)));
    }
    for reference in &op.drop_unique {
        let name = naming::resolve(table, reference, naming::NameKind::Unique);
        out.push(format!("{alter} DROP CONSTRAINT {}", q(&name)));
    }
    for reference in &op.drop_indexes {
        let name = naming::resolve(table, reference, naming::NameKind::Index);
        out.push(format!("DROP INDEX {}", q(&name)));
    }
    for (old, new) in &op.rename_columns {
        out.push(format!("{alter} RENAME COLUMN {} TO {}", q(old), q(new)));
    }
    for column in &op.drop_columns {
        out.push(format!("{alter} DROP COLUMN {}", q(column)));
        // A native enum column's type goes with it, so adding the column again (a rollback
        // and a re-run) can create the type again.
        out.push(format!(
            "DROP TYPE IF EXISTS {}",
            q(&enum_type_name(table, column))
        ));
    }
    for column in &op.add_columns {
        out.extend(add_column(table, column)?);
    }
    for column in &op.alter_columns {
        out.extend(alter_column(table, column)?);
    }
    for index in &op.add_indexes {
        out.push(ddl::create_index_sql(
            table,
            &index.index_name(table),
            &index.columns,
            false,
            false,
            false,
        )?);
    }
    for unique in &op.add_unique {
        let constraint = ddl::unique_sql(table, &unique.unique_name(table), &unique.columns)?;
        out.push(format!("{alter} ADD {constraint}"));
    }
    for fk in &op.add_foreign_keys {
        out.push(format!("{alter} ADD {}", ddl::foreign_key_sql(table, fk)?));
    }
    Ok(out)
}

/// `ADD COLUMN` with the full definition and its named constraints in one `ALTER TABLE`,
/// preceded by its enum type and followed by its index and comment.
fn add_column(table: &str, column: &Column) -> Result<Vec<String>> {
    let mut out = Vec::new();
    out.extend(create_enum_type(table, column)?);
    let primary = column.primary || column.column_type.is_increments();
    let mut actions = vec![format!(
        "ADD COLUMN {}",
        ddl::column_definition(table, column, primary)?
    )];
    let names = vec![column.name.clone()];
    if column.unique {
        let name = naming::unique_name(table, &names);
        actions.push(format!("ADD {}", ddl::unique_sql(table, &name, &names)?));
    }
    if let Some(fk) = column.foreign_key() {
        actions.push(format!("ADD {}", ddl::foreign_key_sql(table, &fk)?));
    }
    out.push(format!("ALTER TABLE {} {}", q(table), actions.join(", ")));
    if column.index {
        let name = naming::index_name(table, &names);
        out.push(ddl::create_index_sql(
            table, &name, &names, false, false, false,
        )?);
    }
    if let Some(comment) = &column.comment {
        out.push(comment_sql(table, &column.name, Some(comment)));
    }
    Ok(out)
}

/// Redefines a column from its full new definition, knowing nothing of the old one.
///
/// One `ALTER TABLE` resets what the old definition may have had that the new one states
/// anew, then states it (PostgreSQL runs the actions of one statement in passes: drops, then
/// the type change, then attributes and defaults, then new constraints — the same shape as
/// the example in its `ALTER TABLE` documentation):
///
/// 1. `DROP CONSTRAINT IF EXISTS "t_c_check"` (an enum's check), `DROP IDENTITY IF EXISTS`,
///    `DROP DEFAULT` (an old default may not cast to the new type);
/// 2. `TYPE <type> USING "c"::<type>`;
/// 3. `SET NOT NULL` or `DROP NOT NULL`; `SET DEFAULT` when the new definition has one;
///    the enum's check again; `ADD GENERATED BY DEFAULT AS IDENTITY` for `increments`.
///
/// Then `DROP TYPE IF EXISTS "t_c_enum"` (the column's old native enum type, if it had one).
/// A `native = true` enum goes through `text`: the type is dropped and created again with
/// the new values between two `ALTER TABLE` statements. For `increments`, the identity's
/// sequence restarts after the column's largest value.
///
/// The new definition's `primary`, `unique`, `index` and `references` are added when missing
/// (a guarded `DO` block, `CREATE INDEX IF NOT EXISTS`); constraints and indexes it does not
/// mention are kept. Its comment replaces the old one (`IS NULL` without one), as on the
/// other dialects where the comment is part of the column's definition.
pub(crate) fn alter_column(table: &str, column: &Column) -> Result<Vec<String>> {
    let t = q(table);
    let c = q(&column.name);
    let at = |action: &str| format!("ALTER COLUMN {c} {action}");
    let mut out = Vec::new();
    let type_sql = ddl::type_sql(table, column)?;
    let native_enum = create_enum_type(table, column)?;
    let mut first = vec![
        format!(
            "DROP CONSTRAINT IF EXISTS {}",
            q(&ddl::check_name(table, &column.name))
        ),
        at("DROP IDENTITY IF EXISTS"),
        at("DROP DEFAULT"),
    ];
    let mut rest = Vec::new();
    match &native_enum {
        Some(_) => first.push(at(&format!("TYPE text USING {c}::text"))),
        None => first.push(at(&format!("TYPE {type_sql} USING {c}::{type_sql}"))),
    }
    if native_enum.is_some() {
        rest.push(at(&format!("TYPE {type_sql} USING {c}::{type_sql}")));
    }
    rest.push(
        if column.is_nullable() && !column.column_type.is_increments() {
            at("DROP NOT NULL")
        } else {
            at("SET NOT NULL")
        },
    );
    if let Some(default) = &column.default {
        if column.column_type.is_increments() {
            // Refused with the reason by `column_definition`.
            ddl::column_definition(table, column, false)?;
        }
        rest.push(at(&format!(
            "SET DEFAULT {}",
            ddl::default_sql(&column.name, default)?
        )));
    }
    if let Some(check) = enum_check(table, column)? {
        rest.push(format!("ADD {check}"));
    }
    if column.column_type.is_increments() {
        rest.push(at("ADD GENERATED BY DEFAULT AS IDENTITY"));
    }
    let enum_type = q(&enum_type_name(table, &column.name));
    match native_enum {
        Some(create) => {
            out.push(format!("ALTER TABLE {t} {}", first.join(", ")));
            out.push(format!("DROP TYPE IF EXISTS {enum_type}"));
            out.push(create);
            out.push(format!("ALTER TABLE {t} {}", rest.join(", ")));
        }
        None => {
            first.extend(rest);
            out.push(format!("ALTER TABLE {t} {}", first.join(", ")));
            out.push(format!("DROP TYPE IF EXISTS {enum_type}"));
        }
    }
    if column.column_type.is_increments() {
        out.push(format!(
            "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence({}, {}), \
             (SELECT COALESCE(MAX({c}), 0) + 1 FROM {t}), false)",
            quote_string(&t),
            quote_string(&column.name)
        ));
    }
    out.extend(added_constraints(table, column)?);
    out.push(comment_sql(table, &column.name, column.comment.as_deref()));
    Ok(out)
}

/// The primary key, unique constraint, index and foreign key of an altered column's new
/// definition, each added only when missing.
fn added_constraints(table: &str, column: &Column) -> Result<Vec<String>> {
    let t = q(table);
    let names = vec![column.name.clone()];
    let mut out = Vec::new();
    if column.primary || column.column_type.is_increments() {
        let exists = format!(
            "SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = {}::regclass \
             AND contype = 'p'",
            quote_string(&t)
        );
        let add = format!(
            "ALTER TABLE {t} ADD CONSTRAINT {} PRIMARY KEY ({})",
            q(&naming::primary_key_name(table)),
            q(&column.name)
        );
        out.push(unless_exists(&exists, &add));
    }
    if column.unique {
        let name = naming::unique_name(table, &names);
        let add = format!(
            "ALTER TABLE {t} ADD {}",
            ddl::unique_sql(table, &name, &names)?
        );
        out.push(unless_exists(&constraint_exists(table, &name), &add));
    }
    if column.index {
        let name = naming::index_name(table, &names);
        out.push(ddl::create_index_sql(
            table, &name, &names, false, false, true,
        )?);
    }
    if let Some(fk) = column.foreign_key() {
        let name = fk.name_on(table);
        let add = format!("ALTER TABLE {t} ADD {}", ddl::foreign_key_sql(table, &fk)?);
        out.push(unless_exists(&constraint_exists(table, &name), &add));
    }
    Ok(out)
}
