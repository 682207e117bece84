//! The rules of the schema AST that hold whatever the database: one pass over an operation,
//! run before any dialect compiles it, with one message per rule. Names in the messages are
//! quoted with backticks, never in a dialect's own quotes, so a rule reads the same on
//! every database.

use crate::error::{Error, Result};
use crate::schema::{AlterTable, Column, ColumnType, CreateTable, Operation};

/// Checks one operation against the rules that do not depend on the database.
///
/// The rules:
/// - a new table has at least one column;
/// - an enum column has at least one value;
/// - a `specific` column has a non-empty `sql_type`;
/// - with `primary_key = [...]`, every `primary = true` column is in it.
///
/// Rules that depend on the database (how many auto-incrementing columns a table may have,
/// whether an identity column must be in the key or may have a default, which types may be
/// `unsigned`) stay with the dialects.
///
/// # Errors
///
/// [`Error::Schema`] naming the table or column and the rule it breaks.
pub fn validate(op: &Operation) -> Result<()> {
    match op {
        Operation::CreateTable(op) => create_table(op),
        Operation::AlterTable(op) => alter_table(op),
        Operation::DropTable(_)
        | Operation::RenameTable(_)
        | Operation::CreateIndex(_)
        | Operation::DropIndex(_)
        | Operation::Sql(_) => Ok(()),
    }
}

/// Checks every operation in order; the first broken rule is the error.
///
/// # Errors
///
/// What [`validate`] refuses.
pub fn validate_all<'a>(ops: impl IntoIterator<Item = &'a Operation>) -> Result<()> {
    ops.into_iter().try_for_each(validate)
}

fn create_table(op: &CreateTable) -> Result<()> {
    let columns = op.all_columns();
    if columns.is_empty() {
        return Err(no_columns(&op.name));
    }
    for column in &columns {
        self::column(column)?;
    }
    stray_primary(op, &columns)
}

fn alter_table(op: &AlterTable) -> Result<()> {
    op.add_columns
        .iter()
        .chain(&op.alter_columns)
        .try_for_each(column)
}

/// The rules of one column: enum values and a `specific` type's `sql_type`.
///
/// # Errors
///
/// [`Error::Schema`] naming the column and the rule it breaks.
pub fn column(column: &Column) -> Result<()> {
    match &column.column_type {
        ColumnType::Enum { values, .. } if values.is_empty() => {
            return Err(empty_enum(column));
        }
        ColumnType::Specific { sql_type } if sql_type.trim().is_empty() => {
            return Err(empty_sql_type(column));
        }
        _ => {}
    }
    Ok(())
}

/// "table `t` has no columns".
pub(crate) fn no_columns(table: &str) -> Error {
    Error::schema(format!("table `{table}` has no columns"))
}

/// "enum column `c` needs at least one value".
pub(crate) fn empty_enum(column: &Column) -> Error {
    Error::schema(format!(
        "enum column `{}` needs at least one value",
        column.name
    ))
}

/// "column `c` has type `specific` with an empty `sql_type`".
pub(crate) fn empty_sql_type(column: &Column) -> Error {
    Error::schema(format!(
        "column `{}` has type `specific` with an empty `sql_type`",
        column.name
    ))
}

/// A `primary = true` column that `primary_key = [...]` leaves out.
pub(crate) fn stray_primary(op: &CreateTable, columns: &[Column]) -> Result<()> {
    if op.primary_key.is_empty() {
        return Ok(());
    }
    match columns
        .iter()
        .find(|c| c.primary && !op.primary_key.contains(&c.name))
    {
        Some(stray) => Err(Error::schema(format!(
            "table `{}`: column `{}` has `primary = true` but `primary_key = [{}]` does not \
             include it",
            op.name,
            stray.name,
            op.primary_key.join(", ")
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::DefaultValue;

    fn table(columns: Vec<Column>) -> CreateTable {
        CreateTable {
            name: "t".into(),
            columns,
            ..CreateTable::default()
        }
    }

    fn refused(op: CreateTable) -> String {
        validate(&Operation::CreateTable(op))
            .expect_err("refused")
            .to_string()
    }

    #[test]
    fn a_table_without_columns_is_refused() {
        assert!(refused(table(vec![])).contains("table `t` has no columns"));
    }

    #[test]
    fn an_empty_enum_is_refused_in_backticks() {
        let column = Column::new(
            "mood",
            ColumnType::Enum {
                values: vec![],
                native: false,
            },
        );
        assert!(
            refused(table(vec![column])).contains("enum column `mood` needs at least one value")
        );
    }

    #[test]
    fn an_empty_specific_type_is_refused() {
        let column = Column::new(
            "geo",
            ColumnType::Specific {
                sql_type: "  ".into(),
            },
        );
        assert!(
            refused(table(vec![column]))
                .contains("column `geo` has type `specific` with an empty `sql_type`")
        );
    }

    #[test]
    fn an_identity_column_with_a_default_is_left_to_the_dialect() {
        let mut column = Column::new("id", ColumnType::Increments);
        column.default = Some(DefaultValue::Integer(1));
        assert!(validate(&Operation::CreateTable(table(vec![column]))).is_ok());
    }

    #[test]
    fn a_primary_column_left_out_of_primary_key_is_refused() {
        let mut a = Column::new("a", ColumnType::Integer);
        a.primary = true;
        let b = Column::new("b", ColumnType::Integer);
        let mut op = table(vec![a, b]);
        op.primary_key = vec!["b".into()];
        assert!(refused(op).contains(
            "table `t`: column `a` has `primary = true` but `primary_key = [b]` does not include it"
        ));
    }

    #[test]
    fn alter_table_columns_are_checked_too() {
        let op = AlterTable {
            name: "t".into(),
            add_columns: vec![Column::new(
                "geo",
                ColumnType::Specific {
                    sql_type: String::new(),
                },
            )],
            ..AlterTable::default()
        };
        assert!(validate(&Operation::AlterTable(op)).is_err());
    }

    #[test]
    fn a_valid_table_passes() {
        let mut id = Column::new("id", ColumnType::Increments);
        id.primary = true;
        assert!(validate(&Operation::CreateTable(table(vec![id]))).is_ok());
    }
}
