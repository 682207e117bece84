//! The `.toml` migration format (see `docs/migrations.md`).
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

pub(crate) mod columns;
pub(crate) mod constraints;
mod fields;
pub(crate) mod operations;
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
        .map_err(|e| Error::file(path, syntax_error(text, &e)))?;
    control_characters(&table)
        .and_then(|()| migration(&table))
        .map_err(|message| Error::file(path, message))
}

/// Fails at the first string (by its entry path) holding a control character other than tab,
/// line feed, carriage return and form feed (TOML escapes such as `\u0000` can write them):
/// names and SQL go to the database, which cannot take them.
pub(crate) fn control_characters(table: &Table) -> Parsed<()> {
    fn walk(path: &str, value: &toml::Value) -> Parsed<()> {
        match value {
            toml::Value::String(s) => match s
                .chars()
                .find(|&c| c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
            {
                Some(c) => Err(format!(
                    "{path}: control character U+{:04X} in the string; only tab, line feed, \
                     carriage return and form feed may appear",
                    u32::from(c)
                )),
                None => Ok(()),
            },
            toml::Value::Array(items) => items
                .iter()
                .enumerate()
                .try_for_each(|(i, item)| walk(&format!("{path}[{i}]"), item)),
            toml::Value::Table(table) => table
                .iter()
                .try_for_each(|(key, item)| walk(&format!("{path}.{key}"), item)),
            _ => Ok(()),
        }
    }
    table.iter().try_for_each(|(key, value)| walk(key, value))
}

/// How many characters of the failing line a syntax error shows on each side of the column.
const EXCERPT: usize = 30;

/// A TOML syntax error as `line L, column C: what`, with an excerpt of the line around the
/// column (not the whole line, which may be any length).
pub(crate) fn syntax_error(text: &str, error: &toml::de::Error) -> String {
    let message = error
        .message()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let Some(span) = error.span() else {
        return format!("TOML parse error: {message}");
    };
    let mut at = text.floor_char_boundary(span.start.min(text.len()));
    if at == text.len() && text.ends_with('\n') {
        // the end of the text: show the end of its last line
        at -= 1;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = 1 + text[..at].matches('\n').count();
    let before: Vec<char> = text[line_start..at].chars().collect();
    let column = before.len() + 1;
    let skipped = before.len().saturating_sub(EXCERPT);
    let mut excerpt: String = before[skipped..].iter().collect();
    if skipped > 0 {
        excerpt.insert(0, '…');
    }
    let caret = excerpt.chars().count();
    let mut after = text[at..line_end].chars();
    excerpt.extend(after.by_ref().take(EXCERPT));
    if after.next().is_some() {
        excerpt.push('…');
    }
    let excerpt = excerpt.trim_end();
    format!(
        "TOML parse error at line {line}, column {column}: {message}\n  | {excerpt}\n  | {}^",
        " ".repeat(caret)
    )
}

/// A conversion result: the error is the message, prefixed by the entry path.
type Parsed<T> = std::result::Result<T, String>;

pub(crate) const TOP_KEYS: &[&str] = &["up", "down", "transaction"];

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
    fn a_syntax_error_in_deeply_nested_arrays_stays_short() {
        for depth in [100, 100_000] {
            let text = format!(
                "[[up]]\ncreate_table = \"t\"\ncolumns = {}{}\n",
                "[".repeat(depth),
                "]".repeat(depth)
            );
            let message = error(&text);
            assert!(message.len() < 1024, "{} bytes: {message}", message.len());
            assert_contains(&message, &["m.toml: ", "line 3, column"]);
        }
        let long_line = format!("[[up]]\nsql = \"{}\" x\n", "é".repeat(50_000));
        let message = error(&long_line);
        assert!(message.len() < 1024, "{} bytes: {message}", message.len());
        assert_contains(&message, &["line 2, column 50010"]);
    }

    #[test]
    fn a_control_character_in_a_string_is_an_error_naming_the_entry() {
        assert_contains(
            &error("[[up]]\nsql = \"SELECT 1;\\u0000\"\n"),
            &["m.toml: up[0].sql: control character U+0000"],
        );
        assert_contains(
            &error(
                "[[up]]\ncreate_table = \"t\"\ncolumns = [{ name = \"a\\u001bb\", type = \"text\" }]\n",
            ),
            &["up[0].columns[0].name: control character U+001B"],
        );
        parse("[[up]]\nsql = \"SELECT 1;\\n\\tSELECT 2;\\r\\f\"\n");
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
