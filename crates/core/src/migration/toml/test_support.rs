//! Helpers shared by the unit tests of the `.toml` format: parse a text, expect an error,
//! check a message.

use std::path::Path;

use super::{TomlMigration, parse_toml_migration};
use crate::Error;
use crate::schema::{Column, Operation};

pub(super) fn parse(text: &str) -> TomlMigration {
    match parse_toml_migration(Path::new("m.toml"), text) {
        Ok(migration) => migration,
        Err(e) => panic!("expected the migration to parse, got: {e}"),
    }
}

pub(super) fn up(text: &str) -> Vec<Operation> {
    parse(text).up
}

pub(super) fn error(text: &str) -> String {
    match parse_toml_migration(Path::new("m.toml"), text) {
        Ok(migration) => panic!("expected an error, parsed {migration:?}"),
        Err(e) => {
            assert!(matches!(e, Error::MigrationFile { .. }), "{e:?}");
            e.to_string()
        }
    }
}

pub(super) fn assert_contains(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(
            message.contains(part),
            "expected `{part}` in the message:\n{message}"
        );
    }
}

pub(super) fn column_of(text: &str) -> Column {
    match up(&format!(
        "[[up]]\ncreate_table = \"t\"\ncolumns = [{text}]\n"
    ))
    .as_slice()
    {
        [Operation::CreateTable(table)] => table.columns[0].clone(),
        other => panic!("expected one create_table, got {other:?}"),
    }
}

pub(super) fn column_error(text: &str) -> String {
    error(&format!(
        "[[up]]\nsql = \"SELECT 1\"\n[[up]]\ncreate_table = \"t\"\ncolumns = [{text}]\n"
    ))
}
