//! The `schema` table of a profile: how `schema:generate` turns the database's catalog into
//! Rust (`[default.schema]`, `[default.schema.types]`, `[default.schema.columns]`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The embedded default path of the generated module, relative to the project root.
pub const DEFAULT_SCHEMA_PATH: &str = "database/schema.rs";

/// How date and time columns are typed (`datetime = "..."`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(transform = crate::json_schema::list_words)
)]
#[serde(rename_all = "snake_case")]
pub enum DatetimeCrate {
    /// `String` (the default).
    #[default]
    String,
    /// The `time` crate: `time::OffsetDateTime`, `time::PrimitiveDateTime`, `time::Date`,
    /// `time::Time`.
    Time,
    /// The `chrono` crate: `chrono::DateTime<chrono::Utc>`, `chrono::NaiveDateTime`,
    /// `chrono::NaiveDate`, `chrono::NaiveTime`.
    Chrono,
}

/// How decimal columns are typed (`decimal = "..."`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(transform = crate::json_schema::list_words)
)]
#[serde(rename_all = "snake_case")]
pub enum DecimalCrate {
    /// `String` (the default).
    #[default]
    String,
    /// `rust_decimal::Decimal`.
    RustDecimal,
}

/// How uuid columns are typed (`uuid = "..."`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(transform = crate::json_schema::list_words)
)]
#[serde(rename_all = "snake_case")]
pub enum UuidCrate {
    /// `String` (the default).
    #[default]
    String,
    /// `uuid::Uuid`.
    Uuid,
}

/// How json columns are typed (`json = "..."`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(transform = crate::json_schema::list_words)
)]
#[serde(rename_all = "snake_case")]
pub enum JsonCrate {
    /// `String` (the default).
    #[default]
    String,
    /// `serde_json::Value`.
    SerdeJson,
}

/// The `schema` table of a profile: what `schema:generate` writes and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaConfig {
    /// Whether the migrating commands regenerate the module after success (outside
    /// production).
    pub generate: bool,
    /// The generated module, relative to the project root.
    pub path: String,
    /// How date and time columns are typed.
    pub datetime: DatetimeCrate,
    /// How decimal columns are typed.
    pub decimal: DecimalCrate,
    /// How uuid columns are typed.
    pub uuid: UuidCrate,
    /// How json columns are typed.
    pub json: JsonCrate,
    /// The derives of every struct, in order.
    pub derives: Vec<String>,
    /// Whether every struct also derives `sqlx::FromRow`.
    pub derive_from_row: bool,
    /// Tables left out (the tracking tables always are).
    pub exclude_tables: Vec<String>,
    /// Database type (as the catalog spells it, lower case) → Rust type.
    pub types: BTreeMap<String, String>,
    /// `table.column` → Rust type.
    pub columns: BTreeMap<String, String>,
}

impl Default for SchemaConfig {
    fn default() -> Self {
        Self {
            generate: false,
            path: DEFAULT_SCHEMA_PATH.to_owned(),
            datetime: DatetimeCrate::default(),
            decimal: DecimalCrate::default(),
            uuid: UuidCrate::default(),
            json: JsonCrate::default(),
            derives: default_derives(),
            derive_from_row: false,
            exclude_tables: Vec::new(),
            types: BTreeMap::new(),
            columns: BTreeMap::new(),
        }
    }
}

/// `["Debug", "Clone"]`.
pub(super) fn default_derives() -> Vec<String> {
    vec!["Debug".to_owned(), "Clone".to_owned()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::config::test_support::{jailed, load_error, options, project};

    #[test]
    fn no_schema_table_gives_the_defaults() {
        jailed(|_| {
            let dir = project(&[]);
            let config = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(config.schema, SchemaConfig::default());
            assert_eq!(config.schema.derives, ["Debug", "Clone"]);
            assert_eq!(config.schema_path(), dir.path().join("database/schema.rs"));
        });
    }

    #[test]
    fn every_key_is_read_and_profiles_merge() {
        jailed(|_| {
            let file = r#"
[default.schema]
path = "src/db.rs"
datetime = "chrono"
decimal = "rust_decimal"
uuid = "uuid"
json = "serde_json"
derives = ["Debug"]
derive_from_row = true
exclude_tables = ["audit"]

[default.schema.types]
"int unsigned" = "u64"

[default.schema.columns]
"users.email" = "Email"

[development.schema]
generate = true
"#;
            let dir = project(&[("config/database.toml", file)]);
            let config = Config::load(&options(dir.path(), None)).expect("load");
            let schema = &config.schema;
            assert!(schema.generate);
            assert_eq!(schema.path, "src/db.rs");
            assert_eq!(schema.datetime, DatetimeCrate::Chrono);
            assert_eq!(schema.decimal, DecimalCrate::RustDecimal);
            assert_eq!(schema.uuid, UuidCrate::Uuid);
            assert_eq!(schema.json, JsonCrate::SerdeJson);
            assert_eq!(schema.derives, ["Debug"]);
            assert!(schema.derive_from_row);
            assert_eq!(schema.exclude_tables, ["audit"]);
            assert_eq!(schema.types["int unsigned"], "u64");
            assert_eq!(schema.columns["users.email"], "Email");

            let test = Config::load(&options(dir.path(), Some("test"))).expect("load");
            assert!(
                !test.schema.generate,
                "generate is set for development only"
            );
        });
    }

    #[test]
    fn bad_schema_values_name_the_key_and_what_is_allowed() {
        jailed(|_| {
            for (body, expected) in [
                (
                    "[default.schema]\ndatetime = \"jiff\"\n",
                    "`schema.datetime` in profile [default]: invalid value \"jiff\"; expected one of: string, time, chrono",
                ),
                (
                    "[default.schema]\ndecimal = \"bigdecimal\"\n",
                    "expected one of: string, rust_decimal",
                ),
                ("[default.schema]\nuuid = 1\n", "`schema.uuid`"),
                (
                    "[default.schema]\njson = \"simd\"\n",
                    "expected one of: string, serde_json",
                ),
                (
                    "[default.schema]\ngenrate = true\n",
                    "unknown key `schema.genrate` in profile [default]; expected one of: generate, path",
                ),
                (
                    "[default.schema.columns]\nemail = \"String\"\n",
                    "`schema.columns.email` in profile [default]: invalid key \"email\"; expected \"table.column\"",
                ),
                (
                    "[default.schema.types]\ntext = \" \"\n",
                    "`schema.types.text` in profile [default]: the Rust type is empty",
                ),
                ("[default.schema]\npath = \"\"\n", "`schema.path`"),
                ("[default.schema]\nderives = [\"\"]\n", "`schema.derives`"),
                (
                    "[default.schema]\nderives = \"Debug\"\n",
                    "`schema.derives`",
                ),
            ] {
                let dir = project(&[("config/database.toml", body)]);
                let message = load_error(dir.path(), None);
                assert!(message.starts_with("config/database.toml: "), "{message}");
                assert!(message.contains(expected), "{body}: {message}");
            }
        });
    }

    #[test]
    fn a_schema_value_from_the_environment_names_the_variable() {
        jailed(|jail| {
            let dir = project(&[]);
            jail.set_env("DBM_SCHEMA__DATETIME", "jiff");
            let message = load_error(dir.path(), None);
            assert!(
                message.starts_with("environment variable DBM_SCHEMA__DATETIME: "),
                "{message}"
            );
            assert!(message.contains("string, time, chrono"), "{message}");
        });
    }
}
