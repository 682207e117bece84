//! The configuration file (`config/database.toml`): profiles whose keys are the serde
//! types of `config::raw`, which derive `JsonSchema` in tests.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

use crate::config::raw::RawProfile;

/// The whole file: every top-level table is a profile.
pub(super) struct ConfigFile;

/// The profiles an editor offers, with what each is for; any other name is a profile too.
const PROFILES: &[(&str, &str)] = &[
    (
        "default",
        "Settings for every environment; the other profiles override them.",
    ),
    (
        "development",
        "Overrides for the development environment (the environment without --env or DBM_ENV).",
    ),
    ("test", "Overrides for the test environment."),
    (
        "production",
        "Overrides for the production environment (commands that lose data ask for --force there).",
    ),
];

impl JsonSchema for ConfigFile {
    fn schema_name() -> Cow<'static, str> {
        "ConfigFile".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let profile = generator.subschema_for::<RawProfile>();
        let properties: Map<String, Value> = PROFILES
            .iter()
            .map(|(name, description)| {
                (
                    name.to_string(),
                    serde_json::json!({ "allOf": [profile], "description": description }),
                )
            })
            .collect();
        json_schema!({
            "title": "dbm configuration",
            "description": "dbm's configuration (`config/database.toml`). Every top-level table is a profile: [default] applies to every environment and [<environment>] overrides it. The environment is --env, else DBM_ENV, else development.",
            "type": "object",
            "properties": properties,
            "additionalProperties": profile,
            "propertyNames": {
                "not": { "enum": crate::config::CONFIG_KEYS },
                "description": "A profile's name; settings go under a profile, such as [default.migrations]."
            }
        })
    }
}

/// `connections.*.driver`: a built-in driver, offered with what it is, or a plugin's name
/// (lowercase letters, digits and underscores).
pub(crate) struct DriverName;

impl JsonSchema for DriverName {
    fn schema_name() -> Cow<'static, str> {
        "DriverName".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
        "description": "The driver: `sqlite`, `postgres`, `mysql`, or a plugin's name (lowercase letters, digits and underscores).",
        "anyOf": [
            {
                "type": "string",
                "oneOf": super::words(&[
                    ("sqlite", "SQLite: url = \"sqlite://path/to/file.sqlite3\" (relative to the project root) or \"sqlite::memory:\"."),
                    ("postgres", "PostgreSQL: url = \"postgres://user@host:5432/database\"."),
                    ("mysql", "MySQL and MariaDB: url = \"mysql://user@host:3306/database\"."),
                ])
            },
            { "type": "string", "pattern": DRIVER_NAME }
        ]
        })
    }
}

/// A driver's name: lowercase letters, digits and underscores.
const DRIVER_NAME: &str = "^[a-z0-9_]+$";

/// `schema.types`: database type → Rust type.
pub(crate) struct RustTypes;

impl JsonSchema for RustTypes {
    fn schema_name() -> Cow<'static, str> {
        "RustTypes".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
        "description": "Rust types by database type (as the catalog spells it, lower case), overriding the defaults: { citext = \"String\" }.",
        "type": "object",
        "additionalProperties": super::non_blank("A Rust type, such as `String`.")
        })
    }
}

/// `schema.columns`: `table.column` → Rust type.
pub(crate) struct ColumnRustTypes;

impl JsonSchema for ColumnRustTypes {
    fn schema_name() -> Cow<'static, str> {
        "ColumnRustTypes".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
        "description": "Rust types by `table.column`, overriding everything else: { \"users.meta\" = \"serde_json::Value\" }.",
        "type": "object",
        "propertyNames": { "pattern": "^[^.]+\\..+$" },
        "additionalProperties": super::non_blank("A Rust type, such as `serde_json::Value`.")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_schema::root;

    #[test]
    fn a_profile_has_the_keys_the_loader_reads() {
        let schema = root::<ConfigFile>().to_value();
        let mut keys: Vec<&str> = schema["definitions"]["Profile"]["properties"]
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        keys.sort_unstable();
        let mut expected = crate::config::CONFIG_KEYS.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected);
    }
}
