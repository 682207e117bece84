//! Indexes, unique constraints and foreign keys of a table, and the references
//! (`{ name = "..." }` or column names) of the ones to drop.

use toml::Value;

use super::Parsed;
use super::fields::{Fields, column_names, expect_table, expected};
use crate::schema::{ConstraintRef, ForeignKey, IndexDef};

pub(crate) const FOREIGN_KEY_KEYS: &[&str] = &[
    "columns",
    "references",
    "references_columns",
    "on_delete",
    "on_update",
    "name",
];

const INDEX_KEYS: &[&str] = &["columns", "name"];
const CONSTRAINT_REF_KEYS: &[&str] = &["name", "columns"];

fn foreign_key(path: &str, value: &Value) -> Parsed<ForeignKey> {
    let table = expect_table(
        path,
        value,
        "a foreign key table ({ columns = [...], references = \"table.column\" })",
    )?;
    let fields = Fields { path, table };
    fields.allow(FOREIGN_KEY_KEYS, "foreign key key")?;
    let columns = fields.required_column_names("columns")?;
    let target = fields.required_name("references")?;
    let explicit = fields.column_names("references_columns")?;
    let (references_table, references_columns) = match (table_dot_column(&target), explicit) {
        (Some((table, column)), None) => (table, vec![column]),
        (None, Some(columns)) if !target.contains('.') => (target, columns),
        (Some(_), Some(_)) => {
            return Err(format!(
                "{}: with `references_columns`, `references` is the table alone, found \
                 `{target}`",
                fields.at("references")
            ));
        }
        _ => {
            return Err(format!(
                "{}: expected `table.column` (exactly one dot), or a table with \
                 `references_columns`, found `{target}`",
                fields.at("references")
            ));
        }
    };
    if references_columns.len() != columns.len() {
        return Err(format!(
            "{path}: {} column(s) reference {} column(s) of `{references_table}`; the counts \
             must match",
            columns.len(),
            references_columns.len()
        ));
    }
    Ok(ForeignKey {
        columns,
        references_table,
        references_columns,
        on_delete: fields.action("on_delete")?,
        on_update: fields.action("on_update")?,
        name: fields.name("name")?,
    })
}

fn index_def(path: &str, value: &Value) -> Parsed<IndexDef> {
    match value {
        Value::String(_) | Value::Array(_) => Ok(IndexDef {
            columns: column_names(path, value)?,
            name: None,
        }),
        Value::Table(table) => {
            let fields = Fields { path, table };
            fields.allow(INDEX_KEYS, "index key")?;
            Ok(IndexDef {
                columns: fields.required_column_names("columns")?,
                name: fields.name("name")?,
            })
        }
        _ => Err(expected(
            path,
            "a column name, an array of column names or a table { columns, name }",
            value,
        )),
    }
}

fn constraint_ref(path: &str, value: &Value) -> Parsed<ConstraintRef> {
    match value {
        Value::String(_) | Value::Array(_) => {
            Ok(ConstraintRef::Columns(column_names(path, value)?))
        }
        Value::Table(table) => {
            let fields = Fields { path, table };
            fields.allow(CONSTRAINT_REF_KEYS, "key")?;
            match (fields.name("name")?, fields.column_names("columns")?) {
                (Some(name), None) => Ok(ConstraintRef::Name(name)),
                (None, Some(columns)) => Ok(ConstraintRef::Columns(columns)),
                _ => Err(format!(
                    "{path}: expected exactly one of `name` or `columns`"
                )),
            }
        }
        _ => Err(expected(
            path,
            "a column name, an array of column names, { name = \"...\" } or { columns = [...] }",
            value,
        )),
    }
}

/// `table.column` with exactly one dot and both parts non-empty.
pub(super) fn table_dot_column(target: &str) -> Option<(String, String)> {
    match target.split_once('.') {
        Some((table, column))
            if !table.is_empty() && !column.is_empty() && !column.contains('.') =>
        {
            Some((table.to_string(), column.to_string()))
        }
        _ => None,
    }
}

impl Fields<'_> {
    pub(super) fn index_defs(&self, key: &str) -> Parsed<Vec<IndexDef>> {
        self.items(key, "an array of indexes")?
            .into_iter()
            .map(|(path, value)| index_def(&path, value))
            .collect()
    }

    pub(super) fn constraint_refs(&self, key: &str) -> Parsed<Vec<ConstraintRef>> {
        self.items(key, "an array of column names or { name = \"...\" } tables")?
            .into_iter()
            .map(|(path, value)| constraint_ref(&path, value))
            .collect()
    }

    pub(super) fn foreign_keys(&self, key: &str) -> Parsed<Vec<ForeignKey>> {
        self.items(key, "an array of foreign key tables")?
            .into_iter()
            .map(|(path, value)| foreign_key(&path, value))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::migration::toml::test_support::{assert_contains, error};

    #[test]
    fn foreign_keys_reject_mismatched_or_ambiguous_references() {
        let fk = |fields: &str| {
            error(&format!(
                "[[up]]\ncreate_table = \"t\"\ncolumns = [{{ name = \"a\", type = \"integer\" }}]\nforeign_keys = [{{ {fields} }}]\n"
            ))
        };
        assert_contains(
            &fk(r#"columns = ["a", "b"], references = "r.id""#),
            &["up[0].foreign_keys[0]: 2 column(s) reference 1 column(s) of `r`"],
        );
        assert_contains(
            &fk(r#"columns = "a", references = "r.id", references_columns = ["id"]"#),
            &[
                "up[0].foreign_keys[0].references: with `references_columns`, `references` is the table alone",
            ],
        );
        assert_contains(
            &fk(r#"columns = "a", references = "r""#),
            &["up[0].foreign_keys[0].references: expected `table.column`"],
        );
    }

    #[test]
    fn drop_constraint_refs_need_exactly_name_or_columns() {
        assert_contains(
            &error(
                "[[up]]\nalter_table = \"t\"\ndrop_unique = [{ name = \"x\", columns = [\"a\"] }]\n",
            ),
            &["up[0].drop_unique[0]: expected exactly one of `name` or `columns`"],
        );
        assert_contains(
            &error("[[up]]\nalter_table = \"t\"\ndrop_indexes = [1]\n"),
            &[
                "up[0].drop_indexes[0]: expected a column name",
                "found an integer",
            ],
        );
    }
}
