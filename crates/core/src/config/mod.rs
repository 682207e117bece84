//! The configuration loader: `config/database.toml`, read with figment.
//!
//! [`Config::load`] builds one chain of layers, each overriding the one before:
//!
//! 1. the embedded default (see [`Config::embedded_default`]): the `[default]` profile with one
//!    SQLite connection `sqlite` at `sqlite://tmp/db.sqlite3`, migrations in
//!    `database/migrations`, the tracking table `dbm_schema` and a 60 second lock timeout. A
//!    file that defines connections, none of them named `sqlite`, replaces that connection:
//!    its connections are the whole set;
//! 2. the TOML file, nested by profile: `[default]` applies to every environment, `[<env>]`
//!    overrides it;
//! 3. `DBM_`-prefixed environment variables split on `__` (`DBM_CONNECTION=pg`,
//!    `DBM_CONNECTIONS__PG__URL=...`), for every environment; variables that name no
//!    configuration key (`DBM_ENV`, `DBM_PLUGIN_PATH`, `DBM_LOG`, `DBM_TEST_*`) are ignored.
//!
//! The profile is the environment: [`LoadOptions::env`] (the `--env` flag), else `DBM_ENV`,
//! else `development`. Its name compares without regard to case (`PRODUCTION` is
//! `production`), and a name that is neither a profile of the file nor `development`, `test`
//! or `production` is an error listing the profiles.
//!
//! The project root is found by walking up from [`LoadOptions::cwd`] to the nearest folder
//! holding `config/database.toml`, `database.toml` or `database/migrations/`; the file is the
//! first of those two files found there, else none. [`LoadOptions::config_path`] (the
//! `--config` flag) names the file instead, and its folder is the root (the folder above,
//! when that folder is named `config`). With no project, loading fails with "no dbm project
//! here or above" unless [`LoadOptions::allow_no_project`] is set.
//!
//! The file is checked before it is merged: its TOML syntax, that every top-level table is a
//! profile, and every profile (not only the selected one) for unknown keys, wrong types, the
//! `transaction` mode and the `lock_timeout` duration. Each error names the file, the key and
//! what was expected, and never echoes a password (see [`redact_url`]).
//!
//! # Layout
//!
//! - this file: [`Config`], [`LoadOptions`], the embedded defaults and [`Config::load`], which
//!   chains the layers;
//! - `file`: finding the project (walking up to its root) and its file, reading the file, and
//!   the checks of the file before it is merged (top-level tables are profiles, every profile
//!   is valid);
//! - `env`: selecting the environment, matched to the file's profiles without regard to
//!   case, and the `DBM_` environment variables;
//! - `raw`: a profile as written (the serde structs that reject unknown keys) and the checks
//!   of driver names and of the tracking table's name;
//! - `render`: figment's errors as messages naming the file or variable, the key and the
//!   profile;
//! - `connection`: [`ConnectionConfig`] and the password of [`ConnectionConfig::resolved_url`];
//! - `redact`: [`redact_url`] and the redaction of URLs inside messages;
//! - `duration`: [`parse_duration`] and the `lock_timeout` value.

mod connection;
mod duration;
mod env;
mod file;
pub(crate) mod raw;
mod redact;
mod render;
mod schema;
/// True when the file defines connections and none is named like the embedded one: the
/// file's connections are then the whole set (a PostgreSQL-only project has no `sqlite`
/// connection). A file that defines `sqlite` itself, or no connection at all, builds on the
/// embedded one.
fn replaces_embedded_connection(profiles: &toml::Table) -> bool {
    let names: Vec<&String> = profiles
        .values()
        .filter_map(|profile| profile.get("connections")?.as_table())
        .flat_map(toml::Table::keys)
        .collect();
    !names.is_empty() && !names.iter().any(|name| *name == DEFAULT_CONNECTION)
}

/// The longest message a configuration error carries, in bytes.
const MAX_MESSAGE_BYTES: usize = 1000;

/// A configuration error cut to [`MAX_MESSAGE_BYTES`]: a message quotes values from the file,
/// and a file may hold anything.
fn bounded(error: Error) -> Error {
    match error {
        Error::Config { message } if message.len() > MAX_MESSAGE_BYTES => {
            let mut end = MAX_MESSAGE_BYTES - 40;
            while !message.is_char_boundary(end) {
                end -= 1;
            }
            let more = message.len() - end;
            Error::config(format!("{}… ({more} more bytes)", &message[..end]))
        }
        other => other,
    }
}

#[cfg(test)]
mod test_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use figment::providers::Serialized;
use figment::{Figment, Profile};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

pub use connection::{ClusterConfig, ConnectionConfig, DEFAULT_LOCK_LEASE, LockStrategy};
pub use duration::parse_duration;
pub use redact::{redact_in_text, redact_url};
pub use schema::{
    DEFAULT_SCHEMA_PATH, DatetimeCrate, DecimalCrate, JsonCrate, SchemaConfig, UuidCrate,
};

use env::{
    NOT_ENVIRONMENTS, STANDARD_ENVIRONMENTS, env_provider, env_var_name, resolve_environment,
    select_environment,
};
use file::{Located, NO_PROJECT, check_file, display_path, locate_project, read_file};
use raw::{RawProfile, check_driver_names, check_lock_lease, check_schema, check_table_name};
use render::render_merged_error;

/// The keys a profile may hold; also the top-level keys environment variables may set.
pub(crate) const CONFIG_KEYS: [&str; 7] = [
    "connection",
    "connections",
    "migrations",
    "seeders",
    "drivers",
    "plugin_dirs",
    "schema",
];

/// The environment when neither `--env` nor `DBM_ENV` names one.
const DEFAULT_ENVIRONMENT: &str = "development";
/// The embedded default connection's name.
const DEFAULT_CONNECTION: &str = "sqlite";
/// The embedded default connection's driver.
const DEFAULT_DRIVER: &str = "sqlite";
/// The embedded default connection's URL, relative to the project root.
const DEFAULT_URL: &str = "sqlite://tmp/db.sqlite3";
/// The embedded default migrations folder, relative to the project root.
const DEFAULT_MIGRATIONS_PATH: &str = "database/migrations";
/// The embedded default seeders folder, relative to the project root.
const DEFAULT_SEEDERS_PATH: &str = "database/seeders";
/// The embedded default tracking table.
const DEFAULT_TABLE: &str = "dbm_schema";
/// The embedded default time to wait for the migration lock.
const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(60);
/// The embedded default plugin folder, relative to the project root.
const DEFAULT_PLUGIN_DIR: &str = "plugins";

/// What [`Config::load`] needs from the command line and the process.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The `--config` flag: the file to read. It must exist.
    pub config_path: Option<PathBuf>,
    /// The `--env` flag: the profile to select. When `None`, `DBM_ENV`, else `development`.
    pub env: Option<String>,
    /// The current directory: where the search for the project starts, and what a relative
    /// `--config` path starts from.
    pub cwd: PathBuf,
    /// When true, being in no project is not an error: the current directory is the root and
    /// the embedded default applies (the `drivers` command). When false, [`Config::load`]
    /// fails with "no dbm project here or above".
    pub allow_no_project: bool,
}

/// The loaded configuration of one environment.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The project root: relative paths (SQLite URLs, migration folders, plugins) resolve
    /// against it.
    ///
    /// It is the nearest folder, from the current directory up, holding
    /// `config/database.toml`, `database.toml` or `database/migrations/`. A file given to
    /// `--config` sets it instead: the file's folder, or the folder above when that folder is
    /// named `config` (as for a `database.toml` found inside a `config` folder).
    pub root: PathBuf,
    /// The file that was read, if any.
    pub file: Option<PathBuf>,
    /// The selected profile (environment) name.
    pub environment: String,
    /// The name of the connection used without `--connection`.
    pub connection: String,
    /// The configured connections by name.
    pub connections: BTreeMap<String, ConnectionConfig>,
    /// How migrations are found and run.
    pub migrations: MigrationsConfig,
    /// Where `db:seed` finds seeders.
    pub seeders: SeedersConfig,
    /// Run-time driver plugins by driver name: `[default.drivers.X] plugin = "path"`.
    pub drivers: BTreeMap<String, DriverPluginConfig>,
    /// The folders searched for driver plugins, resolved against [`Config::root`]: the
    /// profile's `plugin_dirs` (default `["plugins"]`), then the entries of `$DBM_PLUGIN_PATH`.
    pub plugin_dirs: Vec<PathBuf>,
    /// How `schema:generate` writes the Rust module of the database's tables.
    pub schema: SchemaConfig,
}

/// The `seeders` table of a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedersConfig {
    /// The seeder folders as written, relative to the project root.
    pub paths: Vec<String>,
}

impl Default for SeedersConfig {
    fn default() -> Self {
        Self {
            paths: vec![DEFAULT_SEEDERS_PATH.to_owned()],
        }
    }
}

/// The `migrations` table of a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct MigrationsConfig {
    /// The migration folders as written, relative to the project root.
    pub paths: Vec<String>,
    /// The name of the tracking table.
    pub table: String,
    /// Whether file names are ordered naturally (`2` before `10`).
    pub natural_sort: bool,
    /// How migrations are wrapped in transactions.
    pub transaction: TransactionMode,
    /// Whether rollbacks are refused in the `production` environment.
    pub disable_rollbacks_in_production: bool,
    /// How long to wait for the migration lock.
    pub lock_timeout: Duration,
}

/// How a run wraps its migrations in transactions (`transaction = "..."`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(transform = crate::json_schema::list_words)
)]
#[serde(rename_all = "snake_case")]
pub enum TransactionMode {
    /// One transaction per migration (`per_migration`, the default).
    PerMigration,
    /// One transaction for the whole batch: all or nothing (`batch`).
    Batch,
    /// No transactions (`none`).
    None,
}

/// A run-time driver plugin: `[default.drivers.X] plugin = "path"`.
#[derive(Debug, Clone, PartialEq)]
pub struct DriverPluginConfig {
    /// The plugin library, resolved against the project root.
    pub plugin: PathBuf,
}

impl Config {
    /// Loads the configuration of the selected environment.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when there is no project here or above (unless
    /// [`LoadOptions::allow_no_project`]), `--config` names no file, the file cannot be read
    /// or is not UTF-8 or not valid TOML, a top-level table is not a profile, two profiles
    /// differ only in case, any profile has an unknown key, a value of the wrong type or an
    /// unusable `migrations.table`, an environment variable sets a bad value, the environment
    /// names no profile and is not `development`, `test` or `production`, or a connection has
    /// no `driver` or `url`. Messages stay under 1 KB. The default connection is not checked
    /// here: [`Config::connection`] does.
    pub fn load(opts: &LoadOptions) -> Result<Config> {
        Self::load_unbounded(opts).map_err(bounded)
    }

    fn load_unbounded(opts: &LoadOptions) -> Result<Config> {
        let requested = select_environment(opts)?;
        let located = match locate_project(opts)? {
            Some(located) => located,
            None if opts.allow_no_project => Located {
                root: opts.cwd.clone(),
                file: None,
            },
            None => return Err(Error::config(NO_PROJECT)),
        };
        let root = located.root.clone();
        let label = located
            .file
            .as_ref()
            .map(|file| display_path(file, &opts.cwd));

        let profiles = match (&located.file, &label) {
            (Some(file), Some(label)) => check_file(&read_file(file, label)?, label)?,
            _ => toml::Table::new(),
        };
        let environment = resolve_environment(&requested, &profiles, label.as_deref())?;
        let mut embedded = RawProfile::embedded();
        if replaces_embedded_connection(&profiles) {
            embedded.connections = None;
        }
        let mut figment = Figment::from(Serialized::defaults(embedded));
        for (name, table) in profiles {
            figment = figment.merge(Serialized::from(table, Profile::new(&name)));
        }
        let figment = figment
            .merge(env_provider())
            .select(Profile::new(&environment));

        let raw: RawProfile = figment
            .extract()
            .map_err(|e| render_merged_error(e, label.as_deref()))?;
        check_driver_names(&raw, &|key| env_var_name(key))?;
        check_table_name(&raw, &|key| env_var_name(key))?;
        check_lock_lease(&raw, &|key| env_var_name(key))?;
        check_schema(&raw, &|key| env_var_name(key))?;

        let source = label.as_deref().unwrap_or("environment variables");
        let mut plugin_dirs: Vec<PathBuf> = raw
            .plugin_dirs
            .unwrap_or_else(|| vec![PathBuf::from(DEFAULT_PLUGIN_DIR)])
            .iter()
            .map(|dir| root.join(dir))
            .collect();
        if let Some(path) = std::env::var_os("DBM_PLUGIN_PATH") {
            plugin_dirs.extend(
                std::env::split_paths(&path)
                    .filter(|dir| !dir.as_os_str().is_empty())
                    .map(|dir| root.join(dir)),
            );
        }

        let mut connections = BTreeMap::new();
        for (name, raw_connection) in raw.connections.unwrap_or_default() {
            let missing = |key: &str| {
                Error::config(format!(
                    "{source}: connection `{name}` has no {key}: set `connections.{name}.{key}` \
                     (for example under [default.connections.{name}])"
                ))
            };
            let connection = ConnectionConfig {
                driver: raw_connection.driver.ok_or_else(|| missing("driver"))?,
                url: raw_connection.url.ok_or_else(|| missing("url"))?,
                debug: raw_connection.debug.unwrap_or(false),
                password_env: raw_connection.password_env,
                root: root.clone(),
                name: name.clone(),
                cluster: ClusterConfig {
                    lock: raw_connection.lock.unwrap_or_default(),
                    lock_lease: raw_connection
                        .lock_lease
                        .map_or(DEFAULT_LOCK_LEASE, |t| t.0),
                    pooler: raw_connection.pooler,
                },
            };
            connections.insert(name, connection);
        }

        let raw_migrations = raw.migrations.unwrap_or_default();
        let migrations = MigrationsConfig {
            paths: raw_migrations
                .paths
                .unwrap_or_else(|| vec![DEFAULT_MIGRATIONS_PATH.to_owned()]),
            table: raw_migrations
                .table
                .unwrap_or_else(|| DEFAULT_TABLE.to_owned()),
            natural_sort: raw_migrations.natural_sort.unwrap_or(true),
            transaction: raw_migrations
                .transaction
                .unwrap_or(TransactionMode::PerMigration),
            disable_rollbacks_in_production: raw_migrations
                .disable_rollbacks_in_production
                .unwrap_or(false),
            lock_timeout: raw_migrations
                .lock_timeout
                .map_or(DEFAULT_LOCK_TIMEOUT, |t| t.0),
        };

        let seeders = SeedersConfig {
            paths: raw
                .seeders
                .and_then(|s| s.paths)
                .unwrap_or_else(|| vec![DEFAULT_SEEDERS_PATH.to_owned()]),
        };

        let drivers = raw
            .drivers
            .unwrap_or_default()
            .into_iter()
            .map(|(name, driver)| {
                let plugin = root.join(driver.plugin);
                (name, DriverPluginConfig { plugin })
            })
            .collect();

        Ok(Config {
            file: located.file,
            root,
            environment,
            connection: raw
                .connection
                .unwrap_or_else(|| DEFAULT_CONNECTION.to_owned()),
            connections,
            migrations,
            seeders,
            drivers,
            plugin_dirs,
            schema: raw.schema.map(raw::RawSchema::resolve).unwrap_or_default(),
        })
    }

    /// The environments the project found from `opts` can select: the profiles of its file
    /// (`default` aside) and `development`, `test` and `production`, each once whatever its
    /// case, sorted. What `--env` accepts, for shell completion.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] as [`Config::load`] reports a missing project or an unreadable or
    /// invalid file.
    pub fn environments(opts: &LoadOptions) -> Result<Vec<String>> {
        let mut names: Vec<String> = match locate_project(opts)? {
            Some(Located {
                file: Some(file), ..
            }) => {
                let label = display_path(&file, &opts.cwd);
                check_file(&read_file(&file, &label)?, &label)?
                    .keys()
                    .filter(|name| {
                        !NOT_ENVIRONMENTS
                            .iter()
                            .any(|n| n.eq_ignore_ascii_case(name))
                    })
                    .cloned()
                    .collect()
            }
            Some(_) => Vec::new(),
            None if opts.allow_no_project => Vec::new(),
            None => return Err(Error::config(NO_PROJECT)),
        };
        for standard in STANDARD_ENVIRONMENTS {
            if !names.iter().any(|name| name.eq_ignore_ascii_case(standard)) {
                names.push(standard.to_owned());
            }
        }
        names.sort();
        Ok(names)
    }

    /// The configuration [`Config::load`] gives with no file and no `DBM_` environment
    /// variables, with `cwd` as the project root.
    pub fn embedded_default(cwd: &Path) -> Config {
        let sqlite = ConnectionConfig {
            name: DEFAULT_CONNECTION.to_owned(),
            driver: DEFAULT_DRIVER.to_owned(),
            url: DEFAULT_URL.to_owned(),
            debug: false,
            password_env: None,
            root: cwd.to_path_buf(),
            cluster: Default::default(),
        };
        Config {
            root: cwd.to_path_buf(),
            file: None,
            environment: DEFAULT_ENVIRONMENT.to_owned(),
            connection: DEFAULT_CONNECTION.to_owned(),
            connections: BTreeMap::from([(DEFAULT_CONNECTION.to_owned(), sqlite)]),
            migrations: MigrationsConfig {
                paths: vec![DEFAULT_MIGRATIONS_PATH.to_owned()],
                table: DEFAULT_TABLE.to_owned(),
                natural_sort: true,
                transaction: TransactionMode::PerMigration,
                disable_rollbacks_in_production: false,
                lock_timeout: DEFAULT_LOCK_TIMEOUT,
            },
            seeders: SeedersConfig::default(),
            drivers: BTreeMap::new(),
            plugin_dirs: vec![cwd.join(DEFAULT_PLUGIN_DIR)],
            schema: SchemaConfig::default(),
        }
    }

    /// The connection named `name`, or the default connection ([`Config::connection`]) when
    /// `name` is `None`.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when no connection has that name; the message lists the configured
    /// names.
    pub fn connection(&self, name: Option<&str>) -> Result<&ConnectionConfig> {
        let wanted = name.unwrap_or(&self.connection);
        if let Some(connection) = self.connections.get(wanted) {
            return Ok(connection);
        }
        let names: Vec<&str> = self.connections.keys().map(String::as_str).collect();
        let configured = if names.is_empty() {
            "no connections are configured".to_owned()
        } else {
            format!("configured connections: {}", names.join(", "))
        };
        let source = match &self.file {
            Some(file) => display_path(file, &self.root),
            None => "the embedded default configuration".to_owned(),
        };
        Err(Error::config(match name {
            Some(_) => format!("{source}: unknown connection `{wanted}`; {configured}"),
            None => format!(
                "{source}: the default connection `{wanted}` (key `connection`, environment \
                 `{}`) is not configured; {configured}",
                self.environment
            ),
        }))
    }

    /// Whether the selected environment is `production`, in any case (`PRODUCTION`).
    pub fn is_production(&self) -> bool {
        self.environment.eq_ignore_ascii_case("production")
    }

    /// The generated module's file: [`SchemaConfig::path`] resolved against the project root.
    pub fn schema_path(&self) -> PathBuf {
        self.root.join(&self.schema.path)
    }

    /// The migration folders of [`MigrationsConfig::paths`], resolved against the project root.
    pub fn migration_dirs(&self) -> Vec<PathBuf> {
        self.migrations
            .paths
            .iter()
            .map(|path| self.root.join(path))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{PG, jailed, load_error, options, project};
    use super::*;

    #[test]
    fn loading_without_a_file_gives_the_embedded_default() {
        jailed(|_| {
            let dir = project(&[]);
            let config = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(config, Config::embedded_default(dir.path()));
            assert_eq!(config.environment, "development");
            assert_eq!(config.file, None);
            let sqlite = config.connection(None).expect("default connection");
            assert_eq!(sqlite.driver, "sqlite");
            assert_eq!(sqlite.url, "sqlite://tmp/db.sqlite3");
            assert_eq!(sqlite.root, dir.path());
            assert_eq!(
                config.migration_dirs(),
                vec![dir.path().join("database/migrations")]
            );
            assert_eq!(config.migrations.table, "dbm_schema");
            assert_eq!(config.migrations.lock_timeout, Duration::from_secs(60));
            assert_eq!(config.migrations.transaction, TransactionMode::PerMigration);
            assert_eq!(config.plugin_dirs, vec![dir.path().join("plugins")]);
            assert!(!config.is_production());
        });
    }

    #[test]
    fn seeders_paths_default_to_database_seeders_and_take_a_file_or_a_variable() {
        jailed(|jail| {
            let dir = project(&[]);
            let config = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(config.seeders.paths, ["database/seeders"]);

            let file = "[default.seeders]\npaths = [\"db/seeds\"]\n";
            let dir = project(&[("config/database.toml", file)]);
            let config = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(config.seeders.paths, ["db/seeds"]);

            jail.set_env("DBM_SEEDERS__PATHS", "[\"other\"]");
            let config = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(config.seeders.paths, ["other"]);

            let typo = "[default.seeders]\npath = [\"db/seeds\"]\n";
            let dir = project(&[("config/database.toml", typo)]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("seeders.path"), "{message}");
        });
    }

    #[test]
    fn environments_are_the_file_profiles_and_the_standard_three() {
        jailed(|_| {
            let dir = project(&[]);
            let names = Config::environments(&options(dir.path(), None)).expect("names");
            assert_eq!(names, ["development", "production", "test"]);

            let file = "[default]\nconnection = \"sqlite\"\n[staging]\n[Production]\n";
            let dir = project(&[("config/database.toml", file)]);
            let names = Config::environments(&options(dir.path(), None)).expect("names");
            assert_eq!(
                names,
                ["Production", "development", "staging", "test"],
                "default is no environment; a profile stands for the standard name it matches"
            );

            let dir = project(&[("config/database.toml", "[staging\n")]);
            assert!(Config::environments(&options(dir.path(), None)).is_err());
        });
    }

    #[test]
    fn a_file_with_its_own_connections_replaces_the_embedded_one() {
        jailed(|_| {
            let pg_only = "[default]\nconnection = \"pg\"\n\n[default.connections.pg]\n\
                           driver = \"postgres\"\nurl = \"postgres://localhost/app\"\n";
            let dir = project(&[("config/database.toml", pg_only)]);
            let config = Config::load(&options(dir.path(), None)).expect("load");
            let names: Vec<&String> = config.connections.keys().collect();
            assert_eq!(names, vec!["pg"]);

            let migrations_only = "[default.migrations]\ntable = \"schema_migrations\"\n";
            let dir = project(&[("config/database.toml", migrations_only)]);
            let config = Config::load(&options(dir.path(), None)).expect("load");
            let names: Vec<&String> = config.connections.keys().collect();
            assert_eq!(
                names,
                vec!["sqlite"],
                "no connections in the file: the embedded one"
            );
        });
    }

    #[test]
    fn an_environment_profile_overrides_only_debug_of_the_default_sqlite_connection() {
        jailed(|_| {
            let dir = project(&[(
                "config/database.toml",
                "[development.connections.sqlite]\ndebug = true\n",
            )]);
            let development = Config::load(&options(dir.path(), None)).expect("load");
            let sqlite = development.connection(None).expect("sqlite");
            assert!(sqlite.debug);
            assert_eq!(sqlite.url, "sqlite://tmp/db.sqlite3");
            assert_eq!(
                development.file,
                Some(dir.path().join("config/database.toml"))
            );
            assert_eq!(development.root, dir.path());

            let test = Config::load(&options(dir.path(), Some("test"))).expect("load");
            assert!(!test.connection(None).expect("sqlite").debug);
        });
    }

    #[test]
    fn a_connection_without_a_driver_names_the_missing_key() {
        jailed(|_| {
            let file = "[default.connections.pg]\nurl = \"postgres://h/db\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("config/database.toml"), "{message}");
            assert!(message.contains("`connections.pg.driver`"), "{message}");
        });
    }

    #[test]
    fn an_unknown_connection_name_lists_the_configured_ones() {
        jailed(|_| {
            let dir = project(&[("config/database.toml", PG)]);
            let config = Config::load(&options(dir.path(), None)).expect("load");
            let message = config
                .connection(Some("mysql"))
                .expect_err("unknown")
                .to_string();
            assert!(message.contains("`mysql`"), "{message}");
            assert!(
                message.contains("pg") && !message.contains("sqlite"),
                "{message}"
            );
        });
    }

    #[test]
    fn a_default_connection_that_is_not_configured_is_reported_on_use_only() {
        jailed(|_| {
            let dir = project(&[("config/database.toml", "[default]\nconnection = \"pg\"\n")]);
            let config = Config::load(&options(dir.path(), None)).expect("load succeeds");
            let message = config.connection(None).expect_err("no pg").to_string();
            assert!(message.contains("default connection `pg`"), "{message}");
            assert!(
                message.contains("configured connections: sqlite"),
                "{message}"
            );
        });
    }
}
