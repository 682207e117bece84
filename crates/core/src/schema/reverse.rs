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
            let name = index.resolved_name();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{
        Column, ColumnType, CreateIndex, CreateTable, ForeignKey, IndexDef, RawSql, Reference,
    };

    fn names(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| item.to_string()).collect()
    }

    fn name(name: &str) -> ConstraintRef {
        ConstraintRef::Name(name.to_string())
    }

    fn reverse_error(op: Operation) -> String {
        assert!(!is_reversible(std::slice::from_ref(&op)));
        match reverse(&[op]) {
            Ok(ops) => panic!("expected an error, reversed to {ops:?}"),
            Err(e) => {
                assert!(matches!(e, Error::Schema { .. }), "{e:?}");
                e.to_string()
            }
        }
    }

    fn alter(table: &str) -> AlterTable {
        AlterTable {
            name: table.to_string(),
            ..AlterTable::default()
        }
    }

    #[test]
    fn create_table_reverses_to_drop_table() {
        let create = |if_not_exists| {
            Operation::CreateTable(CreateTable {
                name: "users".into(),
                columns: vec![Column::new("id", ColumnType::Increments)],
                if_not_exists,
                ..CreateTable::default()
            })
        };
        assert_eq!(
            reverse(&[create(false)]).ok(),
            Some(vec![Operation::DropTable(DropTable {
                name: "users".into(),
                if_exists: false,
            })])
        );
        assert_eq!(
            reverse(&[create(true)]).ok(),
            Some(vec![Operation::DropTable(DropTable {
                name: "users".into(),
                if_exists: true,
            })])
        );
    }

    #[test]
    fn rename_table_reverses_to_the_rename_back() {
        let op = Operation::RenameTable(RenameTable {
            name: "a".into(),
            to: "b".into(),
        });
        assert_eq!(
            reverse(&[op]).ok(),
            Some(vec![Operation::RenameTable(RenameTable {
                name: "b".into(),
                to: "a".into(),
            })])
        );
    }

    #[test]
    fn create_index_reverses_to_drop_index_by_its_resolved_name_on_its_table() {
        let index = |unique, name: Option<&str>| {
            Operation::CreateIndex(CreateIndex {
                table: "users".into(),
                columns: names(&["a", "b"]),
                unique,
                name: name.map(str::to_string),
                concurrently: false,
            })
        };
        let drop = |name: &str| {
            Operation::DropIndex(DropIndex {
                name: name.into(),
                table: Some("users".into()),
            })
        };
        assert_eq!(
            reverse(&[index(false, None)]).ok(),
            Some(vec![drop("users_a_b_index")])
        );
        assert_eq!(
            reverse(&[index(true, None)]).ok(),
            Some(vec![drop("users_a_b_unique")])
        );
        assert_eq!(
            reverse(&[index(true, Some("ab"))]).ok(),
            Some(vec![drop("ab")])
        );
    }

    #[test]
    fn a_list_is_reversed_last_operation_first() {
        let ops = [
            Operation::RenameTable(RenameTable {
                name: "a".into(),
                to: "b".into(),
            }),
            Operation::RenameTable(RenameTable {
                name: "b".into(),
                to: "c".into(),
            }),
        ];
        assert_eq!(
            reverse(&ops).ok(),
            Some(vec![
                Operation::RenameTable(RenameTable {
                    name: "c".into(),
                    to: "b".into(),
                }),
                Operation::RenameTable(RenameTable {
                    name: "b".into(),
                    to: "a".into(),
                }),
            ])
        );
        assert!(is_reversible(&ops));
        assert_eq!(reverse(&[]).ok(), Some(Vec::new()));
    }

    #[test]
    fn alter_table_adds_reverse_to_drops_by_name_in_one_entry() {
        let op = Operation::AlterTable(AlterTable {
            add_columns: vec![
                Column::new("bio", ColumnType::Text),
                Column {
                    references: Some(Reference {
                        table: "teams".into(),
                        column: "id".into(),
                        on_delete: None,
                        on_update: None,
                    }),
                    unique: true,
                    index: true,
                    ..Column::new("team_id", ColumnType::Integer)
                },
            ],
            add_indexes: vec![
                IndexDef {
                    columns: names(&["bio"]),
                    name: None,
                },
                IndexDef {
                    columns: names(&["a"]),
                    name: Some("a_idx".into()),
                },
            ],
            add_unique: vec![IndexDef {
                columns: names(&["bio", "a"]),
                name: None,
            }],
            add_foreign_keys: vec![ForeignKey {
                columns: names(&["owner_id"]),
                references_table: "users".into(),
                references_columns: names(&["id"]),
                ..ForeignKey::default()
            }],
            ..alter("profiles")
        });
        let expected = AlterTable {
            drop_foreign_keys: vec![
                name("profiles_owner_id_foreign"),
                name("profiles_team_id_foreign"),
            ],
            drop_unique: vec![
                name("profiles_bio_a_unique"),
                name("profiles_team_id_unique"),
            ],
            drop_indexes: vec![
                name("a_idx"),
                name("profiles_bio_index"),
                name("profiles_team_id_index"),
            ],
            drop_columns: names(&["team_id", "bio"]),
            ..alter("profiles")
        };
        assert_eq!(
            reverse(&[op]).ok(),
            Some(vec![Operation::AlterTable(expected)])
        );
    }

    #[test]
    fn alter_table_renames_reverse_to_renames_back_in_reverse_order() {
        let op = Operation::AlterTable(AlterTable {
            rename_columns: vec![("a".into(), "b".into()), ("b".into(), "c".into())],
            add_indexes: vec![IndexDef {
                columns: names(&["c"]),
                name: None,
            }],
            ..alter("t")
        });
        let expected = AlterTable {
            drop_indexes: vec![name("t_c_index")],
            rename_columns: vec![("c".into(), "b".into()), ("b".into(), "a".into())],
            ..alter("t")
        };
        assert_eq!(
            reverse(&[op]).ok(),
            Some(vec![Operation::AlterTable(expected)])
        );
    }

    #[test]
    fn an_alter_that_renames_and_adds_columns_reverses_in_two_entries_drops_first() {
        // Forward: rename `email` to `login`, then add a new `email` column.
        let op = Operation::AlterTable(AlterTable {
            rename_columns: vec![("email".into(), "login".into())],
            add_columns: vec![Column::new("email", ColumnType::Text)],
            ..alter("users")
        });
        assert_eq!(
            reverse(&[op]).ok(),
            Some(vec![
                Operation::AlterTable(AlterTable {
                    drop_columns: names(&["email"]),
                    ..alter("users")
                }),
                Operation::AlterTable(AlterTable {
                    rename_columns: vec![("login".into(), "email".into())],
                    ..alter("users")
                }),
            ])
        );
    }

    #[test]
    fn an_empty_alter_table_reverses_to_nothing() {
        assert_eq!(
            reverse(&[Operation::AlterTable(alter("t"))]).ok(),
            Some(Vec::new())
        );
    }

    #[test]
    fn drop_table_drop_index_and_sql_cannot_be_reversed() {
        let message = reverse_error(Operation::DropTable(DropTable {
            name: "users".into(),
            if_exists: false,
        }));
        assert_eq!(
            message,
            "`drop_table` on `users` cannot be reversed automatically: write a [[down]] section \
             (or a `down` method)"
        );
        let message = reverse_error(Operation::DropIndex(DropIndex {
            name: "users_email_index".into(),
            table: Some("users".into()),
        }));
        assert!(
            message.starts_with(
                "`drop_index` of index `users_email_index` cannot be reversed automatically"
            ),
            "{message}"
        );
        let message = reverse_error(Operation::Sql(RawSql::All("SELECT 1".into())));
        assert!(
            message.starts_with("`sql` cannot be reversed automatically: write a [[down]]"),
            "{message}"
        );
    }

    #[test]
    fn each_drop_or_alter_part_of_alter_table_cannot_be_reversed() {
        let parts: [(&str, AlterTable); 5] = [
            (
                "drop_foreign_keys",
                AlterTable {
                    drop_foreign_keys: vec![name("x")],
                    ..alter("t")
                },
            ),
            (
                "drop_unique",
                AlterTable {
                    drop_unique: vec![name("x")],
                    ..alter("t")
                },
            ),
            (
                "drop_indexes",
                AlterTable {
                    drop_indexes: vec![name("x")],
                    ..alter("t")
                },
            ),
            (
                "drop_columns",
                AlterTable {
                    drop_columns: names(&["x"]),
                    add_columns: vec![Column::new("y", ColumnType::Text)],
                    ..alter("t")
                },
            ),
            (
                "alter_columns",
                AlterTable {
                    alter_columns: vec![Column::new("x", ColumnType::Text)],
                    ..alter("t")
                },
            ),
        ];
        for (part, op) in parts {
            let message = reverse_error(Operation::AlterTable(op));
            assert!(
                message.starts_with(&format!(
                    "`alter_table` on `t` with `{part}` cannot be reversed automatically"
                )),
                "{message}"
            );
        }
    }

    #[test]
    fn one_irreversible_operation_makes_the_list_irreversible() {
        let ops = [
            Operation::CreateTable(CreateTable {
                name: "a".into(),
                timestamps: true,
                ..CreateTable::default()
            }),
            Operation::Sql(RawSql::All("INSERT INTO a DEFAULT VALUES".into())),
        ];
        assert!(!is_reversible(&ops));
        assert!(reverse(&ops).is_err());
    }
}
