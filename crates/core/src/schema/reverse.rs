//! Automatic reversal: the derived `down` of a migration that has none.
//!
//! [`reverse`] undoes a list of operations, last first:
//!
//! | operation | inverse |
//! |---|---|
//! | `create_table` | `drop_table` (with `if_exists` when the create had `if_not_exists`) |
//! | `rename_table` | rename back |
//! | `create_index` | `drop_index` by its resolved name, on its table |
//! | `alter_table` with only `add_columns`, `rename_columns`, `add_indexes`, `add_unique`, `add_foreign_keys` | drop what was added (by resolved name), rename back |
//! | `drop_table`, `drop_index`, `sql`, `alter_table` with a drop or `alter_columns` part | an error: the migration needs an explicit `down` |
//!
//! The inverse of an `alter_table` drops added constraints by their names (given or
//! generated, [`super::naming`]), including the foreign key, unique constraint and index that
//! an added column declares itself (`references`, `unique`, `index`): MySQL refuses to drop a
//! column a foreign key still uses, and SQLite one that is indexed. The parts of one
//! `alter_table` apply in a fixed order (drops of constraints, renames, drops of columns, adds),
//! so when an entry both renames and adds columns, the inverse is two entries: first drop the
//! added columns, then rename back (a column added under a renamed column's old name must be
//! gone before the rename back).

use super::{AlterTable, ConstraintRef, DropIndex, DropTable, Operation, RenameTable, naming};
use crate::{Error, Result};

/// The operations that undo `ops`: each operation's inverse, last operation first.
///
/// # Errors
///
/// [`Error::Schema`] for the first operation (from the end) that cannot be reversed, naming
/// its keyword, its table and, for `alter_table`, the part.
pub fn reverse(ops: &[Operation]) -> Result<Vec<Operation>> {
    let mut inverse = Vec::with_capacity(ops.len());
    for op in ops.iter().rev() {
        inverse.extend(reverse_operation(op)?);
    }
    Ok(inverse)
}

/// True when [`reverse`] succeeds on `ops`.
pub fn is_reversible(ops: &[Operation]) -> bool {
    ops.iter().all(|op| irreversible_part(op).is_none())
}

/// Why an operation cannot be reversed: `Some((keyword, part))`, where `part` names the
/// `alter_table` part at fault.
fn irreversible_part(op: &Operation) -> Option<(&'static str, Option<&'static str>)> {
    match op {
        Operation::DropTable(_) | Operation::DropIndex(_) | Operation::Sql(_) => {
            Some((op.keyword(), None))
        }
        Operation::AlterTable(alter) => [
            ("drop_foreign_keys", alter.drop_foreign_keys.is_empty()),
            ("drop_unique", alter.drop_unique.is_empty()),
            ("drop_indexes", alter.drop_indexes.is_empty()),
            ("drop_columns", alter.drop_columns.is_empty()),
            ("alter_columns", alter.alter_columns.is_empty()),
        ]
        .into_iter()
        .find(|(_, empty)| !empty)
        .map(|(part, _)| (op.keyword(), Some(part))),
        Operation::CreateTable(_) | Operation::RenameTable(_) | Operation::CreateIndex(_) => None,
    }
}

fn reverse_operation(op: &Operation) -> Result<Vec<Operation>> {
    if let Some((keyword, part)) = irreversible_part(op) {
        let subject = match (op.table(), op) {
            (_, Operation::DropIndex(drop)) => format!(" of index `{}`", drop.name),
            (Some(table), _) => format!(" on `{table}`"),
            (None, _) => String::new(),
        };
        let part = part
            .map(|part| format!(" with `{part}`"))
            .unwrap_or_default();
        return Err(Error::schema(format!(
            "`{keyword}`{subject}{part} cannot be reversed automatically: write a [[down]] \
             section (or a `down` method)"
        )));
    }
    Ok(match op {
        Operation::CreateTable(create) => vec![Operation::DropTable(DropTable {
            name: create.name.clone(),
            if_exists: create.if_not_exists,
        })],
        Operation::RenameTable(rename) => vec![Operation::RenameTable(RenameTable {
            name: rename.to.clone(),
            to: rename.name.clone(),
        })],
        Operation::CreateIndex(index) => {
            let name = index.name.clone().unwrap_or_else(|| {
                if index.unique {
                    naming::unique_name(&index.table, &index.columns)
                } else {
                    naming::index_name(&index.table, &index.columns)
                }
            });
            vec![Operation::DropIndex(DropIndex {
                name,
                table: Some(index.table.clone()),
            })]
        }
        Operation::AlterTable(alter) => reverse_alter(alter),
        // Irreversible operations returned above.
        Operation::DropTable(_) | Operation::DropIndex(_) | Operation::Sql(_) => Vec::new(),
    })
}

/// The inverse of an `alter_table` made only of adds and renames.
fn reverse_alter(alter: &AlterTable) -> Vec<Operation> {
    let table = alter.name.as_str();
    let single = |name: &str| vec![name.to_string()];

    let mut drop_foreign_keys: Vec<ConstraintRef> = alter
        .add_foreign_keys
        .iter()
        .rev()
        .map(|fk| ConstraintRef::Name(fk.name_on(table)))
        .collect();
    let mut drop_unique: Vec<ConstraintRef> = alter
        .add_unique
        .iter()
        .rev()
        .map(|unique| ConstraintRef::Name(unique.unique_name(table)))
        .collect();
    let mut drop_indexes: Vec<ConstraintRef> = alter
        .add_indexes
        .iter()
        .rev()
        .map(|index| ConstraintRef::Name(index.index_name(table)))
        .collect();
    for column in alter.add_columns.iter().rev() {
        let columns = single(&column.name);
        if column.references.is_some() {
            drop_foreign_keys.push(ConstraintRef::Name(naming::foreign_key_name(
                table, &columns,
            )));
        }
        if column.unique {
            drop_unique.push(ConstraintRef::Name(naming::unique_name(table, &columns)));
        }
        if column.index {
            drop_indexes.push(ConstraintRef::Name(naming::index_name(table, &columns)));
        }
    }

    let undo_adds = AlterTable {
        name: alter.name.clone(),
        drop_foreign_keys,
        drop_unique,
        drop_indexes,
        drop_columns: alter
            .add_columns
            .iter()
            .rev()
            .map(|column| column.name.clone())
            .collect(),
        ..AlterTable::default()
    };
    let renames_back: Vec<(String, String)> = alter
        .rename_columns
        .iter()
        .rev()
        .map(|(old, new)| (new.clone(), old.clone()))
        .collect();

    // In one entry renames apply before drops of columns, but the inverse must drop the added
    // columns first; drops of constraints already come before renames.
    let mut ops = Vec::new();
    if undo_adds.drop_columns.is_empty() {
        let merged = AlterTable {
            rename_columns: renames_back,
            ..undo_adds
        };
        if !merged.is_empty() {
            ops.push(Operation::AlterTable(merged));
        }
    } else {
        ops.push(Operation::AlterTable(undo_adds));
        if !renames_back.is_empty() {
            ops.push(Operation::AlterTable(AlterTable {
                name: alter.name.clone(),
                rename_columns: renames_back,
                ..AlterTable::default()
            }));
        }
    }
    ops
}
