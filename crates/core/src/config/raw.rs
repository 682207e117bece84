//! A profile as written: serde structs where every key is optional and unknown keys are
//! rejected (`deny_unknown_fields`), the embedded default as the base layer, and the check of
//! driver names.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::connection::LockStrategy;
use super::duration::DurationText;
use super::schema::{DatetimeCrate, DecimalCrate, JsonCrate, SchemaConfig, UuidCrate};
use super::{
    DEFAULT_CONNECTION, DEFAULT_DRIVER, DEFAULT_LOCK_TIMEOUT, DEFAULT_MIGRATIONS_PATH,
    DEFAULT_PLUGIN_DIR, DEFAULT_TABLE, DEFAULT_URL, TransactionMode,
};
use crate::{Error, Result};

/// A profile as written: every key optional, unknown keys rejected.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "Profile"))]
pub(crate) struct RawProfile {
    /// The connection commands use without --connection (a key of `connections`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub(super) connection: Option<String>,
    /// The named connections: `[default.connections.NAME]` with `driver` and `url`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) connections: Option<BTreeMap<String, RawConnection>>,
    /// Where migrations are and how they run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) migrations: Option<RawMigrations>,
    /// Where seeders are (`db:seed`, `migration:fresh --seed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) seeders: Option<RawSeeders>,
    /// Driver plugins loaded at run time: `[default.drivers.NAME] plugin = "path"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(extend("propertyNames" = { "pattern": "^[a-z0-9_]+$" })))]
    pub(super) drivers: Option<BTreeMap<String, RawDriver>>,
    /// Folders searched for driver plugins, relative to the project root (default `["plugins"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) plugin_dirs: Option<Vec<PathBuf>>,
    /// `schema:generate`: the Rust structs of the database's tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) schema: Option<RawSchema>,
}

/// The `schema` table as written.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(rename = "SchemaGeneration")
)]
pub(crate) struct RawSchema {
    /// Regenerate the file after every migrating command (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) generate: Option<bool>,
    /// The generated file, relative to the project root (default `database/schema.rs`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(pattern(r"\S")))]
    pub(super) path: Option<String>,
    /// How date and time columns are typed (default `string`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) datetime: Option<DatetimeCrate>,
    /// How decimal columns are typed (default `string`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) decimal: Option<DecimalCrate>,
    /// How uuid columns are typed (default `string`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) uuid: Option<UuidCrate>,
    /// How json columns are typed (default `string`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) json: Option<JsonCrate>,
    /// The derives of every struct, in order (default `["Debug", "Clone"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(inner(pattern(r"\S"))))]
    pub(super) derives: Option<Vec<String>>,
    /// Also derive `sqlx::FromRow` on every struct (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) derive_from_row: Option<bool>,
    /// Tables left out of the generated file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) exclude_tables: Option<Vec<String>>,
    /// Rust types by database type, overriding the defaults: `{ citext = "String" }`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(with = "Option<crate::json_schema::RustTypes>"))]
    pub(super) types: Option<BTreeMap<String, String>>,
    /// Rust types by `table.column`, overriding everything else: `{ "users.meta" =
    /// "serde_json::Value" }`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(with = "Option<crate::json_schema::ColumnRustTypes>"))]
    pub(super) columns: Option<BTreeMap<String, String>>,
}

impl RawSchema {
    /// The settings, with the defaults for what is not written.
    pub(super) fn resolve(self) -> SchemaConfig {
        let default = SchemaConfig::default();
        SchemaConfig {
            generate: self.generate.unwrap_or(default.generate),
            path: self.path.unwrap_or(default.path),
            datetime: self.datetime.unwrap_or(default.datetime),
            decimal: self.decimal.unwrap_or(default.decimal),
            uuid: self.uuid.unwrap_or(default.uuid),
            json: self.json.unwrap_or(default.json),
            derives: self.derives.unwrap_or(default.derives),
            derive_from_row: self.derive_from_row.unwrap_or(default.derive_from_row),
            exclude_tables: self.exclude_tables.unwrap_or_default(),
            types: self.types.unwrap_or_default(),
            columns: self.columns.unwrap_or_default(),
        }
    }
}

/// A connection as written; `driver` and `url` are checked after merging.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "Connection"))]
pub(crate) struct RawConnection {
    /// The driver: `sqlite`, `postgres`, `mysql`, or a plugin's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(with = "Option<crate::json_schema::DriverName>"))]
    pub(super) driver: Option<String>,
    /// The database URL, such as `sqlite://tmp/db.sqlite3` (relative to the project root),
    /// `postgres://user@host:5432/db` or `mysql://user@host:3306/db`. Keep passwords out of the
    /// file: see `password_env`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) url: Option<String>,
    /// Log every SQL statement with its bindings (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) debug: Option<bool>,
    /// The environment variable holding the password, which goes into the URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) password_env: Option<String>,
    /// How the migration lock is taken (default `auto`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) lock: Option<LockStrategy>,
    /// How long a lease of the `table` lock lasts without renewal (default `"30s"`, at least
    /// `"1s"`): a run that died holding it blocks the next one at most this long.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) lock_lease: Option<DurationText>,
    /// Whether a transaction pooler such as PgBouncer is in front of the database; unset, the
    /// driver finds out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) pooler: Option<bool>,
}

/// The `migrations` table as written.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "Migrations"))]
pub(crate) struct RawMigrations {
    /// The folders holding migrations, relative to the project root (default
    /// `["database/migrations"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) paths: Option<Vec<String>>,
    /// The tracking table (default `dbm_schema`); at most 54 bytes, not `sqlite_*`, `pg_*`,
    /// `information_schema` or `performance_schema`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(pattern(r"\S"), length(max = 54)))]
    pub(super) table: Option<String>,
    /// Sort file names naturally, `2_x` before `10_x` (default `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) natural_sort: Option<bool>,
    /// How a run wraps its migrations in transactions (default `per_migration`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) transaction: Option<TransactionMode>,
    /// Refuse rollbacks in the production environment (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) disable_rollbacks_in_production: Option<bool>,
    /// How long to wait for the migration lock (default `"60s"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) lock_timeout: Option<DurationText>,
}

/// The `seeders` table as written.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "Seeders"))]
pub(crate) struct RawSeeders {
    /// The folders holding seeders, relative to the project root (default `["database/seeders"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) paths: Option<Vec<String>>,
}

/// A driver plugin as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema), schemars(rename = "DriverPlugin"))]
pub(crate) struct RawDriver {
    /// The plugin library, relative to the project root.
    pub(super) plugin: PathBuf,
}

impl RawProfile {
    /// The embedded default: the base layer under every file.
    pub(super) fn embedded() -> RawProfile {
        RawProfile {
            connection: Some(DEFAULT_CONNECTION.to_owned()),
            connections: Some(BTreeMap::from([(
                DEFAULT_CONNECTION.to_owned(),
                RawConnection {
                    driver: Some(DEFAULT_DRIVER.to_owned()),
                    url: Some(DEFAULT_URL.to_owned()),
                    debug: None,
                    password_env: None,
                    lock: None,
                    lock_lease: None,
                    pooler: None,
                },
            )])),
            migrations: Some(RawMigrations {
                paths: Some(vec![DEFAULT_MIGRATIONS_PATH.to_owned()]),
                table: Some(DEFAULT_TABLE.to_owned()),
                natural_sort: Some(true),
                transaction: Some(TransactionMode::PerMigration),
                disable_rollbacks_in_production: Some(false),
                lock_timeout: Some(DurationText(DEFAULT_LOCK_TIMEOUT)),
            }),
            seeders: None,
            drivers: None,
            plugin_dirs: Some(vec![PathBuf::from(DEFAULT_PLUGIN_DIR)]),
            schema: None,
        }
    }
}

/// Checks that driver names (keys of `drivers`, values of `connections.*.driver`) are
/// `[a-z0-9_]+`; `locate` turns a key path into the start of the message.
pub(super) fn check_driver_names(raw: &RawProfile, locate: &dyn Fn(&str) -> String) -> Result<()> {
    let valid = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    };
    const EXPECTED: &str = "expected a driver name of lowercase letters, digits and underscores, \
                            such as sqlite, postgres or mysql";
    for name in raw.drivers.iter().flat_map(BTreeMap::keys) {
        if !valid(name) {
            return Err(Error::config(format!(
                "{}: invalid driver name {name:?}; {EXPECTED}",
                locate(&format!("drivers.{name}"))
            )));
        }
    }
    for (name, connection) in raw.connections.iter().flatten() {
        if let Some(driver) = connection.driver.as_deref().filter(|d| !valid(d)) {
            return Err(Error::config(format!(
                "{}: invalid driver name {driver:?}; {EXPECTED}",
                locate(&format!("connections.{name}.driver"))
            )));
        }
    }
    Ok(())
}

/// Checks the `schema` table: a non-empty `path`, derives and Rust types that are not empty,
/// and `columns` keys of the form `table.column`; `locate` turns a key path into the start
/// of the message.
pub(super) fn check_schema(raw: &RawProfile, locate: &dyn Fn(&str) -> String) -> Result<()> {
    let Some(schema) = &raw.schema else {
        return Ok(());
    };
    let fail = |key: &str, why: String| Err(Error::config(format!("{}: {why}", locate(key))));
    if let Some(path) = schema.path.as_deref().filter(|p| p.trim().is_empty()) {
        return fail(
            "schema.path",
            format!("invalid path {path:?}; expected a file such as \"database/schema.rs\""),
        );
    }
    if schema.derives.iter().flatten().any(|d| d.trim().is_empty()) {
        return fail(
            "schema.derives",
            "a derive is empty; expected trait names such as [\"Debug\", \"Clone\"]".to_owned(),
        );
    }
    for (map, entries) in [("types", &schema.types), ("columns", &schema.columns)] {
        for (key, rust) in entries.iter().flatten() {
            let quoted = crate::util::cut(&format!("{key:?}"), 80);
            if map == "columns"
                && !key
                    .split_once('.')
                    .is_some_and(|(t, c)| !t.is_empty() && !c.is_empty())
            {
                return fail(
                    &format!("schema.columns.{key}"),
                    format!("invalid key {quoted}; expected \"table.column\""),
                );
            }
            if rust.trim().is_empty() {
                return fail(
                    &format!("schema.{map}.{key}"),
                    "the Rust type is empty; expected a type such as \"String\"".to_owned(),
                );
            }
        }
    }
    Ok(())
}

/// The shortest `lock_lease`: the holder renews its lease every third of it, so shorter
/// leases expire under a busy database.
const MIN_LOCK_LEASE: std::time::Duration = std::time::Duration::from_secs(1);

/// Checks each connection's `lock_lease`: at least [`MIN_LOCK_LEASE`]; `locate` turns a key
/// path into the start of the message.
pub(super) fn check_lock_lease(raw: &RawProfile, locate: &dyn Fn(&str) -> String) -> Result<()> {
    for (name, connection) in raw.connections.iter().flatten() {
        if let Some(lease) = connection.lock_lease.filter(|l| l.0 < MIN_LOCK_LEASE) {
            return Err(Error::config(format!(
                "{}: a lease of {} is too short; expected at least \"1s\", such as \"30s\"",
                locate(&format!("connections.{name}.lock_lease")),
                humantime::format_duration(lease.0)
            )));
        }
    }
    Ok(())
}

/// The longest tracking table name: `<table>_versions` must fit PostgreSQL's 63-byte
/// identifiers, which it would otherwise truncate silently.
const MAX_TABLE_BYTES: usize = 63 - "_versions".len();

/// Checks `migrations.table`: not empty, no control characters, at most
/// [`MAX_TABLE_BYTES`] bytes, and not a name the databases keep for themselves (`sqlite_*`,
/// `pg_*`, `information_schema`, `performance_schema`); `locate` turns the key path into the
/// start of the message.
pub(super) fn check_table_name(raw: &RawProfile, locate: &dyn Fn(&str) -> String) -> Result<()> {
    let Some(table) = raw.migrations.as_ref().and_then(|m| m.table.as_deref()) else {
        return Ok(());
    };
    let shown = crate::util::cut(&format!("{table:?}"), 80);
    let lower = table.to_ascii_lowercase();
    let why = if table.trim().is_empty() {
        "the tracking table name is empty".to_owned()
    } else if table.chars().any(char::is_control) {
        format!("invalid table name {shown}: it holds a control character")
    } else if table.len() > MAX_TABLE_BYTES {
        format!(
            "the table name is {} bytes; at most {MAX_TABLE_BYTES} fit, so that \
             `<table>_versions` stays within PostgreSQL's 63-byte names",
            table.len()
        )
    } else if lower.starts_with("sqlite_") {
        format!("{shown} is reserved: SQLite keeps names starting with `sqlite_` for itself")
    } else if lower.starts_with("pg_") {
        format!(
            "{shown} is reserved: PostgreSQL keeps names starting with `pg_` for its catalogs, \
             which hide a table of the same name"
        )
    } else if ["information_schema", "performance_schema"].contains(&lower.as_str()) {
        format!("{shown} is reserved: it is a system schema of the databases")
    } else {
        return Ok(());
    };
    Err(Error::config(format!(
        "{}: {why}; expected a plain name such as \"dbm_schema\"",
        locate("migrations.table")
    )))
}

#[cfg(test)]
mod tests {
    use crate::config::test_support::{jailed, load_error, project};

    #[test]
    fn an_empty_or_reserved_tracking_table_names_the_file_and_key() {
        jailed(|_| {
            for (table, expected) in [
                ("", "empty"),
                ("  ", "empty"),
                ("sqlite_master", "reserved"),
                ("SQLITE_sequence", "reserved"),
                ("pg_class", "reserved"),
                ("information_schema", "reserved"),
                ("a\u{0}b", "control character"),
                (&"t".repeat(55), "55 bytes"),
            ] {
                let value = toml::Value::String(table.to_owned());
                let file = format!("[production.migrations]\ntable = {value}\n");
                let dir = project(&[("config/database.toml", &file)]);
                let message = load_error(dir.path(), None);
                assert!(
                    message.starts_with(
                        "config/database.toml: key `migrations.table` in profile [production]: "
                    ),
                    "{table:?}: {message}"
                );
                assert!(message.contains(expected), "{table:?}: {message}");
                assert!(!message.contains("  "), "{table:?}: {message}");
            }
            let dir = project(&[(
                "config/database.toml",
                "[default.migrations]\ntable = \"t\"\n",
            )]);
            assert!(
                crate::config::Config::load(&crate::config::test_support::options(
                    dir.path(),
                    None
                ))
                .is_ok()
            );
        });
    }

    #[test]
    fn an_empty_tracking_table_from_the_environment_names_the_variable() {
        jailed(|jail| {
            let dir = project(&[]);
            jail.set_env("DBM_MIGRATIONS__TABLE", "sqlite_master");
            let message = load_error(dir.path(), None);
            assert!(
                message.starts_with("environment variable DBM_MIGRATIONS__TABLE: "),
                "{message}"
            );
            assert!(message.contains("reserved"), "{message}");
        });
    }

    #[test]
    fn lock_settings_are_read_per_connection_and_bad_ones_name_the_key() {
        jailed(|_| {
            let file = "[default.connections.pg]\ndriver = \"postgres\"\nurl = \"postgres://h/db\"\n\
                        lock = \"table\"\nlock_lease = \"2s\"\npooler = true\n\
                        [default.connections.my]\ndriver = \"mysql\"\nurl = \"mysql://h/db\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let config = crate::config::Config::load(&crate::config::test_support::options(
                dir.path(),
                None,
            ))
            .expect("loads");
            let pg = &config.connections["pg"].cluster;
            assert_eq!(pg.lock, crate::config::LockStrategy::Table);
            assert_eq!(pg.lock_lease, std::time::Duration::from_secs(2));
            assert_eq!(pg.pooler, Some(true));
            assert_eq!(
                config.connections["my"].cluster,
                crate::config::ClusterConfig::default()
            );

            for (line, expected) in [
                ("lock = \"gossip\"", "auto, advisory, table, none"),
                ("lock_lease = \"0s\"", "too short"),
                ("lock_lease = \"soon\"", "a duration such as"),
                ("pooler = \"yes\"", "a boolean"),
            ] {
                let file = format!(
                    "[default.connections.pg]\ndriver = \"postgres\"\nurl = \"postgres://h/db\"\n{line}\n"
                );
                let dir = project(&[("config/database.toml", &file)]);
                let message = load_error(dir.path(), None);
                assert!(
                    message.starts_with("config/database.toml"),
                    "{line}: {message}"
                );
                let key = line.split(' ').next().unwrap_or_default();
                assert!(
                    message.contains(&format!("connections.pg.{key}")),
                    "{line}: {message}"
                );
                assert!(message.contains(expected), "{line}: {message}");
            }
        });
    }

    #[test]
    fn a_driver_name_with_capitals_is_rejected() {
        jailed(|_| {
            let file =
                "[default.connections.pg]\ndriver = \"Postgres\"\nurl = \"postgres://h/db\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("connections.pg.driver"), "{message}");
            assert!(message.contains("\"Postgres\""), "{message}");
        });
    }
}
