//! The `.toml` migration format (DESIGN §4).
//!
//! ```toml
//! [[up]]
//! create_table = "users"
//! columns = [
//!   { name = "id", type = "increments" },
//!   { name = "email", type = "string", length = 254, nullable = false, unique = true },
//! ]
//! timestamps = true
//! ```
//!
//! [`parse_toml_migration`] reads the file with `toml` and then walks the tables by hand, so
//! every error names the entry path (`up[2].columns[1].type`), says what was expected and lists
//! the valid words, with a "did you mean" hint when a word is close to a valid one.
//!
//! Top-level keys: `up` (required), `down` (optional; when absent the down is derived later by
//! [`crate::schema::reverse`]) and `transaction` (default `true`).
//!
//! # Renames inside one entry
//!
//! `rename_columns = { old = "new" }` is a TOML table, and TOML tables are unordered: the
//! renames of one entry reach dbm in alphabetical order of the old names, not in file order.
//! Renames inside one entry therefore must not depend on each other, and a chain or a swap
//! (`{ a = "b", b = "c" }`, where a new name is also an old name) is an error: put each step
//! in its own `[[up]]` entry.
//!
//! # Layout
//!
//! - this file: [`TomlMigration`], [`parse_toml_migration`] and the top-level keys;
//! - `operations`: the operation entries of `[[up]]` / `[[down]]` and their companion keys;
//! - `columns`: column tables, type words, type-specific fields and defaults;
//! - `constraints`: indexes, unique constraints, foreign keys and references to drop;
//! - `fields`: the typed getters that give every error its entry path;
//! - `suggest`: the lists of valid words and the "did you mean" hints.

mod columns;
mod constraints;
mod fields;
mod operations;
pub(crate) mod suggest;
#[cfg(test)]
mod test_support;

use std::path::Path;

use toml::Table;

use crate::schema::Operation;
use crate::{Error, Result};

use fields::expect_bool;
use operations::entries;
use suggest::unknown_key;

/// A parsed `.toml` migration.
#[derive(Debug, Clone, PartialEq)]
pub struct TomlMigration {
    /// The `[[up]]` entries, in file order.
    pub up: Vec<Operation>,
    /// The `[[down]]` entries; `None` when the file has none (derive the down when needed).
    pub down: Option<Vec<Operation>>,
    /// `transaction` (default `true`): run the migration inside a transaction.
    pub transaction: bool,
}

/// Parses the text of a `.toml` migration.
///
/// # Errors
///
/// [`Error::MigrationFile`] naming `path` and, for a TOML syntax error, the line and column;
/// for a malformed entry, the entry path (`up[2].columns[1].type`), what was expected and the
/// valid words.
pub fn parse_toml_migration(path: &Path, text: &str) -> Result<TomlMigration> {
    let table = text
        .parse::<Table>()
        .map_err(|e| Error::file(path, e.to_string().trim_end()))?;
    migration(&table).map_err(|message| Error::file(path, message))
}

/// A conversion result: the error is the message, prefixed by the entry path.
type Parsed<T> = std::result::Result<T, String>;

const TOP_KEYS: &[&str] = &["up", "down", "transaction"];

fn migration(table: &Table) -> Parsed<TomlMigration> {
    for key in table.keys() {
        if !TOP_KEYS.contains(&key.as_str()) {
            return Err(unknown_key(key, key, "top-level key", TOP_KEYS));
        }
    }
    let up = match table.get("up") {
        Some(value) => entries("up", value)?,
        None => return Err("missing `up`: a migration needs `[[up]]` entries".into()),
    };
    let down = table
        .get("down")
        .map(|value| entries("down", value))
        .transpose()?;
    let transaction = match table.get("transaction") {
        Some(value) => expect_bool("transaction", value)?,
        None => true,
    };
    if transaction {
        for (section, ops) in [("up", Some(&up)), ("down", down.as_ref())] {
            let concurrent = ops
                .into_iter()
                .flatten()
                .position(|op| matches!(op, Operation::CreateIndex(index) if index.concurrently));
            if let Some(i) = concurrent {
                return Err(format!(
                    "{section}[{i}].concurrently: `concurrently = true` cannot run inside a \
                     transaction; add `transaction = false` at the top of the file"
                ));
            }
        }
    }
    Ok(TomlMigration {
        up,
        down,
        transaction,
    })
}

#[cfg(test)]
mod tests {
    use super::test_support::{assert_contains, error, parse};
    use super::*;
    use crate::schema::{
        Column, ColumnType, CreateIndex, CreateTable, DefaultValue, DropIndex, Reference,
        ReferentialAction,
    };

    #[test]
    fn the_design_users_example_parses_to_the_full_ast() {
        let migration = parse(
            r#"
[[up]]
create_table = "users"
columns = [
  { name = "id", type = "increments" },
  { name = "role_id", type = "integer", unsigned = true, nullable = false, default = 1, references = "roles.id", on_delete = "cascade" },
  { name = "email", type = "string", length = 254, nullable = false, unique = true },
  { name = "is_admin", type = "boolean", nullable = false, default = false },
]
timestamps = true
"#,
        );
        let expected = CreateTable {
            name: "users".into(),
            columns: vec![
                Column::new("id", ColumnType::Increments),
                Column {
                    nullable: Some(false),
                    default: Some(DefaultValue::Integer(1)),
                    unsigned: true,
                    references: Some(Reference {
                        table: "roles".into(),
                        column: "id".into(),
                        on_delete: Some(ReferentialAction::Cascade),
                        on_update: None,
                    }),
                    ..Column::new("role_id", ColumnType::Integer)
                },
                Column {
                    nullable: Some(false),
                    unique: true,
                    ..Column::new("email", ColumnType::String { length: 254 })
                },
                Column {
                    nullable: Some(false),
                    default: Some(DefaultValue::Boolean(false)),
                    ..Column::new("is_admin", ColumnType::Boolean)
                },
            ],
            timestamps: true,
            ..CreateTable::default()
        };
        assert_eq!(
            migration,
            TomlMigration {
                up: vec![Operation::CreateTable(expected)],
                down: None,
                transaction: true,
            }
        );
    }

    #[test]
    fn down_and_transaction_are_read_and_default_to_none_and_true() {
        let defaults = parse("[[up]]\nsql = \"SELECT 1\"\n");
        assert_eq!(defaults.down, None);
        assert!(defaults.transaction);

        let full = parse(
            r#"
transaction = false
[[up]]
create_index = "users"
columns = ["email"]
concurrently = true
[[down]]
drop_index = "users_email_index"
"#,
        );
        assert!(!full.transaction);
        assert_eq!(
            full.up,
            vec![Operation::CreateIndex(CreateIndex {
                table: "users".into(),
                columns: vec!["email".into()],
                concurrently: true,
                ..CreateIndex::default()
            })]
        );
        assert_eq!(
            full.down,
            Some(vec![Operation::DropIndex(DropIndex {
                name: "users_email_index".into(),
                table: None,
            })])
        );
    }

    #[test]
    fn a_toml_syntax_error_names_the_file_line_and_column() {
        let message = error("[[up]]\ncreate_table = \"users\"\ncolumns = [\n");
        assert_contains(&message, &["m.toml: ", "line 3, column"]);
    }

    #[test]
    fn an_unknown_top_level_key_is_an_error_listing_the_valid_keys() {
        let message = error("transactions = false\n[[up]]\nsql = \"SELECT 1\"\n");
        assert_contains(
            &message,
            &[
                "m.toml: transactions: unknown top-level key",
                "did you mean `transaction`?",
                "`up`, `down`, `transaction`",
            ],
        );
    }

    #[test]
    fn a_migration_without_up_is_an_error() {
        assert_contains(&error("[[down]]\nsql = \"SELECT 1\"\n"), &["missing `up`"]);
        assert_contains(
            &error("up = { sql = \"x\" }\n"),
            &["up: expected an array of tables (`[[up]]`), found a table"],
        );
    }

    #[test]
    fn concurrently_inside_a_transaction_is_an_error() {
        assert_contains(
            &error("[[up]]\ncreate_index = \"t\"\ncolumns = \"a\"\nconcurrently = true\n"),
            &["up[0].concurrently", "`transaction = false`"],
        );
    }
}
