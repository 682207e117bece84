//! The shape of a `.toml` seeder, as types whose doc comments become the schema's
//! descriptions. The parser (`seed::source`) walks the TOML table by hand; the test below
//! holds its key lists to these types.

#![allow(
    dead_code,
    reason = "the types describe the file for the schema; nothing builds them"
)]

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::non_blank;

/// A dbm seeder (`database/seeders/*.toml`): rows that `dbm db:seed` inserts, in its own
/// transaction.
#[derive(JsonSchema)]
#[schemars(title = "dbm seeder", deny_unknown_fields)]
pub(super) struct SeederFile {
    /// Only in these environments (default: every one), such as
    /// `["development", "test"]`.
    pub environments: Option<Environments>,
    /// The rows to insert: each `[[insert]]` entry names a table and its rows.
    #[schemars(length(min = 1))]
    pub insert: Vec<Insert>,
}

/// `[[insert]]`: rows of one table.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Insert {
    /// The table the rows go into.
    pub table: TableName,
    /// The rows, each a table of column = value, such as `{ id = 1, name = "admin" }`.
    #[schemars(length(min = 1))]
    pub rows: Vec<Row>,
}

/// Environment names: a non-empty array of non-blank strings.
pub(super) struct Environments;

impl JsonSchema for Environments {
    fn schema_name() -> Cow<'static, str> {
        "Environments".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "minItems": 1,
            "items": non_blank("An environment name, such as `development`.")
        })
    }
}

/// A table name: a non-blank string.
pub(super) struct TableName;

impl JsonSchema for TableName {
    fn schema_name() -> Cow<'static, str> {
        "TableName".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": "\\S" })
    }
}

/// One row: at least one column, each a string, integer, float, boolean or date (bound
/// as its text).
pub(super) struct Row;

impl JsonSchema for Row {
    fn schema_name() -> Cow<'static, str> {
        "Row".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "A row: column = value; values are strings, numbers, booleans or dates.",
            "minProperties": 1,
            "additionalProperties": { "type": ["string", "integer", "number", "boolean"] }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_schema::root;
    use crate::seed::source::{INSERT_KEYS, TOP_KEYS};

    fn keys(value: &serde_json::Value) -> Vec<String> {
        let mut keys: Vec<String> = value
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    }

    #[test]
    fn the_schema_has_the_keys_the_parser_reads() {
        let schema = root::<SeederFile>().to_value();
        let sorted = |words: &[&str]| {
            let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            words.sort();
            words
        };
        assert_eq!(keys(&schema["properties"]), sorted(TOP_KEYS));
        assert_eq!(
            keys(&schema["definitions"]["Insert"]["properties"]),
            sorted(INSERT_KEYS)
        );
    }
}
