//! The configuration loader: `config/database.toml`, read with figment.
//!
//! [`Config::load`] builds one chain of layers, each overriding the one before:
//!
//! 1. the embedded default (see [`Config::embedded_default`]): the `[default]` profile with one
//!    SQLite connection `sqlite` at `sqlite://tmp/db.sqlite3`, migrations in
//!    `database/migrations`, the tracking table `dbm_schema` and a 60 second lock timeout;
//! 2. the TOML file, nested by profile: `[default]` applies to every environment, `[<env>]`
//!    overrides it;
//! 3. `DBM_`-prefixed environment variables split on `__` (`DBM_CONNECTION=pg`,
//!    `DBM_CONNECTIONS__PG__URL=...`), for every environment; variables that name no
//!    configuration key (`DBM_ENV`, `DBM_PLUGIN_PATH`, `DBM_LOG`, `DBM_TEST_*`) are ignored.
//!
//! The profile is the environment: [`LoadOptions::env`] (the `--env` flag), else `DBM_ENV`,
//! else `development`. The file is [`LoadOptions::config_path`] (the `--config` flag), else
//! `config/database.toml`, else `database.toml`, else none.
//!
//! The file is checked before it is merged: its TOML syntax, that every top-level table is a
//! profile, and every profile (not only the selected one) for unknown keys, wrong types, the
//! `transaction` mode and the `lock_timeout` duration. Each error names the file, the key and
//! what was expected, and never echoes a password (see [`redact_url`]).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use figment::error::{Actual, Kind};
use figment::providers::{Env, Serialized};
use figment::{Figment, Profile};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The keys a profile may hold; also the top-level keys environment variables may set.
const CONFIG_KEYS: [&str; 5] = [
    "connection",
    "connections",
    "migrations",
    "drivers",
    "plugin_dirs",
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
    /// The current directory: where the file is looked up and what relative paths start from.
    pub cwd: PathBuf,
}

/// The loaded configuration of one environment.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The project root: relative paths (SQLite URLs, migration folders, plugins) resolve
    /// against it.
    ///
    /// It is the folder holding `config/` when the file is `config/database.toml` (found in
    /// the current directory or given to `--config`), the file's folder for a file elsewhere,
    /// and the current directory when there is no file.
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
    /// Run-time driver plugins by driver name: `[default.drivers.X] plugin = "path"`.
    pub drivers: BTreeMap<String, DriverPluginConfig>,
    /// The folders searched for driver plugins, resolved against [`Config::root`]: the
    /// profile's `plugin_dirs` (default `["plugins"]`), then the entries of `$DBM_PLUGIN_PATH`.
    pub plugin_dirs: Vec<PathBuf>,
}

/// One named connection of [`Config::connections`].
///
/// Its `Debug` output redacts the password of [`ConnectionConfig::url`].
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionConfig {
    /// The connection's name: its key in [`Config::connections`].
    pub name: String,
    /// The driver serving it: `sqlite`, `postgres`, `mysql` or a plugin's name.
    pub driver: String,
    /// The URL as written; see [`ConnectionConfig::resolved_url`] for the one to connect with.
    pub url: String,
    /// Whether every SQL statement is logged with its bindings.
    pub debug: bool,
    /// The environment variable holding the password, kept out of the file.
    pub password_env: Option<String>,
    /// The project root: drivers resolve relative SQLite paths against it.
    pub root: PathBuf,
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
    /// [`Error::Config`] when `--config` names no file, the file is not valid TOML, a
    /// top-level table is not a profile, any profile has an unknown key or a value of the
    /// wrong type, an environment variable sets a bad value, or a connection has no `driver`
    /// or `url`. [`Error::Io`] when the file cannot be read. The default connection is not
    /// checked here: [`Config::connection`] does.
    pub fn load(opts: &LoadOptions) -> Result<Config> {
        let environment = select_environment(opts)?;
        let located = locate_file(opts)?;
        let root = located
            .as_ref()
            .map_or_else(|| opts.cwd.clone(), |(_, root)| root.clone());
        let label = located
            .as_ref()
            .map(|(file, _)| display_path(file, &opts.cwd));

        let mut figment = Figment::from(Serialized::defaults(RawProfile::embedded()));
        if let (Some((file, _)), Some(label)) = (&located, &label) {
            let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
            for (name, table) in check_file(&text, label)? {
                figment = figment.merge(Serialized::from(table, Profile::new(&name)));
            }
        }
        let figment = figment
            .merge(env_provider())
            .select(Profile::new(&environment));

        let raw: RawProfile = figment
            .extract()
            .map_err(|e| render_merged_error(e, label.as_deref()))?;
        check_driver_names(&raw, &|key| env_var_name(key))?;

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
            file: located.map(|(file, _)| file),
            root,
            environment,
            connection: raw
                .connection
                .unwrap_or_else(|| DEFAULT_CONNECTION.to_owned()),
            connections,
            migrations,
            drivers,
            plugin_dirs,
        })
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
            drivers: BTreeMap::new(),
            plugin_dirs: vec![cwd.join(DEFAULT_PLUGIN_DIR)],
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

    /// Whether the selected environment is `production`.
    pub fn is_production(&self) -> bool {
        self.environment == "production"
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

impl ConnectionConfig {
    /// The URL to connect with.
    ///
    /// When [`ConnectionConfig::password_env`] is set, the value of that environment variable,
    /// percent-encoded, takes the password position of the URL (replacing any password
    /// written there); otherwise the URL is returned as written. The result contains the
    /// password: never print it (use [`ConnectionConfig::redacted_url`]).
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the variable is not set or not UTF-8, or the URL has no
    /// `scheme://host` form to put a password into. The message names the variable and the
    /// connection, never the URL.
    pub fn resolved_url(&self) -> Result<String> {
        let Some(variable) = &self.password_env else {
            return Ok(self.url.clone());
        };
        let password = std::env::var(variable).map_err(|e| {
            let why = match e {
                std::env::VarError::NotPresent => "is not set",
                std::env::VarError::NotUnicode(_) => "is not valid UTF-8",
            };
            Error::config(format!(
                "connection `{}`: the environment variable {variable} (its `password_env`) {why}",
                self.name
            ))
        })?;
        let no_host = || {
            Error::config(format!(
                "connection `{}`: `password_env` is set but the URL has no `scheme://user@host` \
                 part to put the password into",
                self.name
            ))
        };
        let scheme_end = self.url.find("://").ok_or_else(no_host)?;
        let (head, rest) = self.url.split_at(scheme_end + 3);
        let (authority, tail) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
        let (user, host) = match authority.rfind('@') {
            Some(at) => {
                let userinfo = &authority[..at];
                let user = userinfo.find(':').map_or(userinfo, |c| &userinfo[..c]);
                (user, &authority[at + 1..])
            }
            None => ("", authority),
        };
        if host.is_empty() {
            return Err(no_host());
        }
        Ok(format!(
            "{head}{user}:{}@{host}{tail}",
            percent_encode(&password)
        ))
    }

    /// The URL as written with its password replaced by `***`: see [`redact_url`].
    pub fn redacted_url(&self) -> String {
        redact_url(&self.url)
    }
}

impl fmt::Debug for ConnectionConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectionConfig")
            .field("name", &self.name)
            .field("driver", &self.driver)
            .field("url", &self.redacted_url())
            .field("debug", &self.debug)
            .field("password_env", &self.password_env)
            .field("root", &self.root)
            .finish()
    }
}

/// The URL with its password replaced by `***`, safe to print.
///
/// `postgres://app:secret@host/db` becomes `postgres://app:***@host/db`; a `password`,
/// `pass`, `pwd` or `sslpassword` query parameter is redacted the same way. A URL without a
/// password (`mysql://root@host/db`, `sqlite://tmp/db.sqlite3`) is returned unchanged. Odd
/// input never panics; when it is ambiguous, more is redacted rather than less.
pub fn redact_url(url: &str) -> String {
    let (head, rest) = match url.find("://") {
        Some(i) => url.split_at(i + 3),
        None => return redact_query(url),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    if let Some(at) = authority.rfind('@') {
        let userinfo = redact_userinfo(&authority[..at]);
        return format!(
            "{head}{userinfo}@{}{}",
            &authority[at + 1..],
            redact_query(tail)
        );
    }
    // A password holding an unencoded `/`, `?` or `#` ends the authority early: `u:pa/ss@h`.
    // A colon followed by something other than a port, and an `@` later on, is taken as that.
    if let (Some(colon), Some(at)) = (authority.find(':'), rest.rfind('@')) {
        let after = &authority[colon + 1..];
        if !after.is_empty() && !after.bytes().all(|b| b.is_ascii_digit()) {
            return format!("{head}{}:***@{}", &authority[..colon], &rest[at + 1..]);
        }
    }
    format!("{head}{authority}{}", redact_query(tail))
}

/// Parses a duration such as `60s`, `2m`, `1m 30s` or `500ms` (humantime's syntax).
///
/// # Errors
///
/// A message quoting the input and the expected form.
pub fn parse_duration(s: &str) -> std::result::Result<Duration, String> {
    humantime::parse_duration(s.trim()).map_err(|e| {
        format!(
            "invalid duration {s:?} ({e}); expected a duration such as \"60s\", \"2m\" or \"500ms\""
        )
    })
}

/// `user:password` with a non-empty password becomes `user:***`.
fn redact_userinfo(userinfo: &str) -> String {
    match userinfo.find(':') {
        Some(colon) if colon + 1 < userinfo.len() => format!("{}:***", &userinfo[..colon]),
        _ => userinfo.to_owned(),
    }
}

/// Redacts the values of password-like query parameters in `tail` (`/db?password=x`).
fn redact_query(tail: &str) -> String {
    let Some(q) = tail.find('?') else {
        return tail.to_owned();
    };
    let (path, query) = tail.split_at(q + 1);
    let params: Vec<String> = query
        .split('&')
        .map(|param| match param.split_once('=') {
            Some((key, value))
                if !value.is_empty()
                    && ["password", "pass", "pwd", "sslpassword"]
                        .iter()
                        .any(|k| key.eq_ignore_ascii_case(k)) =>
            {
                format!("{key}=***")
            }
            _ => param.to_owned(),
        })
        .collect();
    format!("{path}{}", params.join("&"))
}

/// Redacts every `scheme://...` URL inside a longer text (an error message).
fn redact_in_text(text: &str) -> String {
    let is_scheme_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.');
    let is_url_end = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("://") {
        let start = rest[..pos]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_scheme_char(c))
            .last()
            .map_or(pos, |(i, _)| i);
        let end = rest[pos..].find(is_url_end).map_or(rest.len(), |i| pos + i);
        out.push_str(&rest[..start]);
        out.push_str(&redact_url(&rest[start..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `--env`, else a non-empty `DBM_ENV`, else `development`.
fn select_environment(opts: &LoadOptions) -> Result<String> {
    if let Some(env) = &opts.env {
        let env = env.trim();
        if env.is_empty() {
            return Err(Error::config(
                "--env: the environment name is empty; expected a profile name such as \
                 development or production",
            ));
        }
        return Ok(env.to_owned());
    }
    match std::env::var("DBM_ENV") {
        Ok(env) if !env.trim().is_empty() => Ok(env.trim().to_owned()),
        _ => Ok(DEFAULT_ENVIRONMENT.to_owned()),
    }
}

/// The file to read and the project root it implies.
fn locate_file(opts: &LoadOptions) -> Result<Option<(PathBuf, PathBuf)>> {
    if let Some(path) = &opts.config_path {
        let file = opts.cwd.join(path);
        if !file.is_file() {
            let what = if file.exists() {
                "is not a file"
            } else {
                "does not exist"
            };
            return Err(Error::config(format!(
                "--config {}: the configuration file {what}",
                path.display()
            )));
        }
        let folder = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| opts.cwd.clone(), Path::to_path_buf);
        let root = if folder.file_name().is_some_and(|name| name == "config") {
            folder
                .parent()
                .map_or_else(|| opts.cwd.clone(), Path::to_path_buf)
        } else {
            folder
        };
        return Ok(Some((file, root)));
    }
    for candidate in ["config/database.toml", "database.toml"] {
        let file = opts.cwd.join(candidate);
        if file.is_file() {
            return Ok(Some((file, opts.cwd.clone())));
        }
    }
    Ok(None)
}

/// `file` relative to `base` when it is inside it, for messages.
fn display_path(file: &Path, base: &Path) -> String {
    file.strip_prefix(base)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// Parses the file and checks its shape and every profile; returns the profiles.
fn check_file(text: &str, label: &str) -> Result<toml::Table> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        Error::config(format!(
            "{label}: {}",
            redact_in_text(&e.to_string()).trim_end()
        ))
    })?;
    for (name, value) in &table {
        if CONFIG_KEYS.contains(&name.as_str()) {
            let (written, example) = match value.as_table().and_then(|t| t.keys().next()) {
                Some(sub) if name != "migrations" => {
                    (format!("[{name}.{sub}]"), format!("[default.{name}.{sub}]"))
                }
                _ if value.is_table() => (format!("[{name}]"), format!("[default.{name}]")),
                _ => (format!("`{name}`"), format!("`{name}` under [default]")),
            };
            return Err(Error::config(format!(
                "{label}: {written} is outside a profile; every top-level table is a profile \
                 such as [default] or [production]: write {example}"
            )));
        }
        let Some(profile) = value.as_table() else {
            return Err(Error::config(format!(
                "{label}: top-level key `{name}` is not a profile; every top-level key must be \
                 a table such as [default] or [production]"
            )));
        };
        validate_profile(label, name, profile)?;
    }
    Ok(table)
}

/// Checks one profile of the file on its own: unknown keys, types, enum values, durations
/// and driver names.
fn validate_profile(label: &str, profile: &str, table: &toml::Table) -> Result<()> {
    let raw: RawProfile = Figment::from(Serialized::defaults(table))
        .extract()
        .map_err(|e| {
            let messages: Vec<String> = e
                .into_iter()
                .map(|e| {
                    let at = Location::File { label, profile };
                    render_one(&e, &at)
                })
                .collect();
            Error::config(messages.join("\n"))
        })?;
    check_driver_names(&raw, &|key| {
        format!("{label}: key `{key}` in profile [{profile}]")
    })
}

/// Checks that driver names (keys of `drivers`, values of `connections.*.driver`) are
/// `[a-z0-9_]+`; `locate` turns a key path into the start of the message.
fn check_driver_names(raw: &RawProfile, locate: &dyn Fn(&str) -> String) -> Result<()> {
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

/// The `DBM_` environment provider: keys split on `__`, only configuration keys, global.
fn env_provider() -> Env {
    Env::prefixed("DBM_")
        .split("__")
        .filter(|key| {
            let first = key.as_str().split('.').next().unwrap_or_default();
            CONFIG_KEYS.iter().any(|k| first.eq_ignore_ascii_case(k))
        })
        .global()
}

/// The environment variable that sets the key path `key` (`connections.pg.url`).
fn env_var_name(key: &str) -> String {
    format!(
        "environment variable DBM_{}",
        key.replace('.', "__").to_ascii_uppercase()
    )
}

/// Where a failing value came from, for messages.
enum Location<'a> {
    /// A profile of the file.
    File { label: &'a str, profile: &'a str },
    /// A `DBM_` environment variable.
    Env,
    /// The embedded default (a bug if it ever fails).
    Embedded,
}

/// Renders the errors of the merged extraction (values from environment variables, since
/// the file's profiles were checked already).
fn render_merged_error(error: figment::Error, label: Option<&str>) -> Error {
    let messages: Vec<String> = error
        .into_iter()
        .map(|e| {
            let name = e.metadata.as_ref().map_or("", |m| m.name.as_ref());
            let profile = e
                .profile
                .as_ref()
                .map_or("default", |p| p.as_str().as_str());
            let at = match label {
                _ if name.contains("environment") => Location::Env,
                Some(label) if !name.contains("RawProfile") => Location::File { label, profile },
                _ => Location::Embedded,
            };
            render_one(&e, &at)
        })
        .collect();
    Error::config(messages.join("\n"))
}

/// Renders one figment error as `<where>: <what>; <expected>`, redacting URLs.
fn render_one(error: &figment::Error, at: &Location<'_>) -> String {
    let path = error.path.join(".");
    // figment's path may already end with the unknown or missing field.
    let key = |field: Option<&str>| match field {
        Some(field) if error.path.last().is_some_and(|last| last == field) => path.clone(),
        Some(field) if path.is_empty() => field.to_owned(),
        Some(field) => format!("{path}.{field}"),
        None => path.clone(),
    };
    let whole_key = match &error.kind {
        Kind::UnknownField(field, _) => key(Some(field)),
        Kind::MissingField(field) => key(Some(field)),
        _ => key(None),
    };
    let place = match at {
        Location::File { label, profile } => {
            format!("{label}: key `{whole_key}` in profile [{profile}]")
        }
        Location::Env => env_var_name(&whole_key),
        Location::Embedded => format!("embedded default configuration: key `{whole_key}`"),
    };
    let what = match &error.kind {
        Kind::UnknownField(_, expected) => {
            format!("unknown key; expected one of: {}", expected.join(", "))
        }
        Kind::MissingField(_) => "missing; this key is required".to_owned(),
        Kind::UnknownVariant(value, expected) => format!(
            "invalid value {:?}; expected one of: {}",
            redact_url(value),
            expected.join(", ")
        ),
        Kind::InvalidType(actual, expected) => format!(
            "wrong type: found {}, expected {}",
            show(actual),
            plain_expected(expected)
        ),
        Kind::InvalidValue(actual, expected) => format!(
            "invalid value: found {}, expected {}",
            show(actual),
            plain_expected(expected)
        ),
        other => redact_in_text(&other.to_string()),
    };
    let message = format!("{place}: {what}");
    // The file's unknown-key message reads better with the key up front.
    match (&error.kind, at) {
        (Kind::UnknownField(_, expected), Location::File { label, profile }) => format!(
            "{label}: unknown key `{whole_key}` in profile [{profile}]; expected one of: {}",
            expected.join(", ")
        ),
        _ => message,
    }
}

/// serde's description of an expected type in TOML's words (`struct RawConnection` is a table).
fn plain_expected(expected: &str) -> String {
    match expected {
        e if e.starts_with("struct ") || e == "a map" => "a table".to_owned(),
        "a sequence" => "an array".to_owned(),
        "path string" => "a path string".to_owned(),
        e => e.to_owned(),
    }
}

/// An [`Actual`] for a message, with URLs redacted.
fn show(actual: &Actual) -> String {
    match actual {
        Actual::Str(s) => format!("string {:?}", redact_url(s)),
        other => redact_in_text(&other.to_string()),
    }
}

/// A profile as written: every key optional, unknown keys rejected.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    #[serde(skip_serializing_if = "Option::is_none")]
    connection: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    connections: Option<BTreeMap<String, RawConnection>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    migrations: Option<RawMigrations>,
    #[serde(skip_serializing_if = "Option::is_none")]
    drivers: Option<BTreeMap<String, RawDriver>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plugin_dirs: Option<Vec<PathBuf>>,
}

/// A connection as written; `driver` and `url` are checked after merging.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConnection {
    #[serde(skip_serializing_if = "Option::is_none")]
    driver: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    debug: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password_env: Option<String>,
}

/// The `migrations` table as written.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMigrations {
    #[serde(skip_serializing_if = "Option::is_none")]
    paths: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    table: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    natural_sort: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transaction: Option<TransactionMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disable_rollbacks_in_production: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lock_timeout: Option<DurationText>,
}

/// A driver plugin as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDriver {
    plugin: PathBuf,
}

impl RawProfile {
    /// The embedded default: the base layer under every file.
    fn embedded() -> RawProfile {
        RawProfile {
            connection: Some(DEFAULT_CONNECTION.to_owned()),
            connections: Some(BTreeMap::from([(
                DEFAULT_CONNECTION.to_owned(),
                RawConnection {
                    driver: Some(DEFAULT_DRIVER.to_owned()),
                    url: Some(DEFAULT_URL.to_owned()),
                    debug: None,
                    password_env: None,
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
            drivers: None,
            plugin_dirs: Some(vec![PathBuf::from(DEFAULT_PLUGIN_DIR)]),
        }
    }
}

/// A duration written as text (`"60s"`), checked while deserializing.
#[derive(Debug, Clone, Copy)]
struct DurationText(Duration);

impl Serialize for DurationText {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(&humantime::format_duration(self.0))
    }
}

impl<'de> Deserialize<'de> for DurationText {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DurationText;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration such as \"60s\", \"2m\" or \"500ms\"")
            }

            fn visit_str<E: serde::de::Error>(
                self,
                s: &str,
            ) -> std::result::Result<DurationText, E> {
                parse_duration(s)
                    .map(DurationText)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(s), &self))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use figment::Jail;

    /// A project folder holding `files` (path relative to the folder, contents).
    fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temporary folder");
        for (path, contents) in files {
            let path = dir.path().join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("create folder");
            }
            std::fs::write(path, contents).expect("write file");
        }
        dir
    }

    fn options(cwd: &Path, env: Option<&str>) -> LoadOptions {
        LoadOptions {
            config_path: None,
            env: env.map(str::to_owned),
            cwd: cwd.to_path_buf(),
        }
    }

    /// Runs `f` in a jail (env access serialized) with `DBM_ENV` and `DBM_PLUGIN_PATH`
    /// neutralized (empty values count as unset).
    #[allow(
        clippy::result_large_err,
        reason = "Jail's closure returns figment's Result"
    )]
    fn jailed(f: impl FnOnce(&mut Jail)) {
        Jail::expect_with(|jail| {
            jail.set_env("DBM_ENV", "");
            jail.set_env("DBM_PLUGIN_PATH", "");
            f(jail);
            Ok(())
        });
    }

    fn load_error(cwd: &Path, env: Option<&str>) -> String {
        match Config::load(&options(cwd, env)) {
            Ok(config) => panic!("expected an error, loaded {config:?}"),
            Err(e) => e.to_string(),
        }
    }

    const PG: &str = r#"
[default.connections.pg]
driver = "postgres"
url = "postgres://app@127.0.0.1:5432/app"
"#;

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
    fn dbm_env_selects_the_profile_and_the_env_flag_wins_over_it() {
        jailed(|jail| {
            let file = format!("{PG}\n[production]\nconnection = \"pg\"\n");
            let dir = project(&[("database.toml", &file)]);
            jail.set_env("DBM_ENV", "production");

            let production = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(production.environment, "production");
            assert!(production.is_production());
            assert_eq!(production.connection, "pg");
            assert_eq!(production.connection(None).expect("pg").driver, "postgres");

            let staging = Config::load(&options(dir.path(), Some("staging"))).expect("load");
            assert_eq!(staging.environment, "staging");
            assert_eq!(staging.connection, "sqlite");
            assert!(!staging.is_production());
        });
    }

    #[test]
    fn dbm_connection_and_dbm_connections_pg_url_override_the_file() {
        jailed(|jail| {
            let dir = project(&[("config/database.toml", PG)]);
            jail.set_env("DBM_CONNECTION", "pg");
            jail.set_env("DBM_CONNECTIONS__PG__URL", "postgres://ci@db:5432/ci");
            jail.set_env("DBM_MIGRATIONS__TRANSACTION", "batch");

            let config = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(config.connection, "pg");
            let pg = config.connection(None).expect("pg");
            assert_eq!(pg.url, "postgres://ci@db:5432/ci");
            assert_eq!(pg.driver, "postgres");
            assert_eq!(config.migrations.transaction, TransactionMode::Batch);
        });
    }

    #[test]
    fn variables_that_name_no_configuration_key_are_ignored() {
        jailed(|jail| {
            let dir = project(&[]);
            jail.set_env("DBM_ENV", "development");
            jail.set_env("DBM_LOG", "debug");
            jail.set_env("DBM_TEST_PG_URL", "postgres://u:p@localhost/t");
            let extra = dir.path().join("more-plugins");
            jail.set_env("DBM_PLUGIN_PATH", extra.display());

            let config = Config::load(&options(dir.path(), None)).expect("load");
            let default = Config::embedded_default(dir.path());
            assert_eq!(config.connections, default.connections);
            assert_eq!(config.migrations, default.migrations);
            assert_eq!(
                config.plugin_dirs,
                vec![dir.path().join("plugins"), extra.clone()]
            );
        });
    }

    #[test]
    fn a_bad_value_from_an_environment_variable_names_the_variable() {
        jailed(|jail| {
            let dir = project(&[]);
            jail.set_env("DBM_MIGRATIONS__TRANSACTION", "sometimes");
            let message = load_error(dir.path(), None);
            assert!(message.contains("DBM_MIGRATIONS__TRANSACTION"), "{message}");
            assert!(message.contains("per_migration, batch, none"), "{message}");
        });
    }

    #[test]
    fn an_unknown_key_names_the_file_the_key_the_profile_and_the_expected_keys() {
        jailed(|_| {
            let file = "[default.connections.pg]\ndriver = \"postgres\"\nur = \"x\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert_eq!(
                message,
                "config/database.toml: unknown key `connections.pg.ur` in profile [default]; \
                 expected one of: driver, url, debug, password_env"
            );
        });
    }

    #[test]
    fn a_top_level_connections_table_is_reported_as_outside_a_profile() {
        jailed(|_| {
            let file = "[connections.pg]\ndriver = \"postgres\"\nurl = \"postgres://h/db\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.starts_with("config/database.toml: "), "{message}");
            assert!(message.contains("outside a profile"), "{message}");
            assert!(message.contains("[default.connections.pg]"), "{message}");
        });
    }

    #[test]
    fn a_top_level_value_that_is_not_a_table_is_not_a_profile() {
        jailed(|_| {
            let dir = project(&[("database.toml", "name = \"app\"\n")]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("`name` is not a profile"), "{message}");
        });
    }

    #[test]
    fn an_unknown_transaction_mode_lists_the_allowed_modes() {
        jailed(|_| {
            let file = "[default.migrations]\ntransaction = \"always\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("config/database.toml"), "{message}");
            assert!(message.contains("migrations.transaction"), "{message}");
            assert!(message.contains("\"always\""), "{message}");
            assert!(message.contains("per_migration, batch, none"), "{message}");
        });
    }

    #[test]
    fn a_lock_timeout_that_is_not_a_duration_names_the_key_and_the_expected_form() {
        jailed(|_| {
            let file = "[default.migrations]\nlock_timeout = \"soon\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("migrations.lock_timeout"), "{message}");
            assert!(message.contains("\"60s\""), "{message}");

            let file = "[default.migrations]\nlock_timeout = 60\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("migrations.lock_timeout"), "{message}");
        });
    }

    #[test]
    fn a_valid_lock_timeout_is_parsed() {
        jailed(|_| {
            let file = "[default.migrations]\nlock_timeout = \"2m\"\n[production.migrations]\nlock_timeout = \"500ms\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let development = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(
                development.migrations.lock_timeout,
                Duration::from_secs(120)
            );
            let production = Config::load(&options(dir.path(), Some("production"))).expect("load");
            assert_eq!(
                production.migrations.lock_timeout,
                Duration::from_millis(500)
            );
        });
    }

    #[test]
    fn a_typo_in_a_profile_that_is_not_selected_is_still_reported() {
        jailed(|_| {
            let file = "[production.migrations]\ntabel = \"x\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), Some("development"));
            assert!(
                message.contains("unknown key `migrations.tabel` in profile [production]"),
                "{message}"
            );
        });
    }

    #[test]
    fn a_wrong_type_names_the_key_and_never_echoes_a_password() {
        jailed(|_| {
            let file = "[staging.connections.pg]\ndebug = \"postgres://app:hunter2@db/app\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("connections.pg.debug"), "{message}");
            assert!(message.contains("[staging]"), "{message}");
            assert!(message.contains("expected a boolean"), "{message}");
            assert!(!message.contains("hunter2"), "{message}");
        });
    }

    #[test]
    fn a_toml_syntax_error_names_the_file_and_line_without_echoing_a_password() {
        jailed(|_| {
            let file = "[default.connections.pg]\ndriver = \"postgres\"\nurl = \"postgres://app:hunter2@db/app\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.starts_with("config/database.toml: "), "{message}");
            assert!(message.contains("line 3"), "{message}");
            assert!(!message.contains("hunter2"), "{message}");
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

    #[test]
    fn the_root_for_config_pointing_into_a_config_folder_is_that_folders_parent() {
        jailed(|_| {
            let dir = project(&[("app/config/database.toml", PG)]);
            let opts = LoadOptions {
                config_path: Some(PathBuf::from("app/config/database.toml")),
                env: None,
                cwd: dir.path().to_path_buf(),
            };
            let config = Config::load(&opts).expect("load");
            let app = dir.path().join("app");
            assert_eq!(config.root, app);
            assert_eq!(
                config.migration_dirs(),
                vec![app.join("database/migrations")]
            );
            assert_eq!(config.connection(Some("pg")).expect("pg").root, app);
        });
    }

    #[test]
    fn the_root_for_config_pointing_elsewhere_is_the_files_folder() {
        jailed(|_| {
            let file = "[default.drivers.duckdb]\nplugin = \"lib/libduck.so\"\n[default]\nplugin_dirs = [\"ext\"]\n";
            let dir = project(&[("etc/dbm.toml", file)]);
            let opts = LoadOptions {
                config_path: Some(dir.path().join("etc/dbm.toml")),
                env: None,
                cwd: PathBuf::from("/nowhere"),
            };
            let config = Config::load(&opts).expect("load");
            let etc = dir.path().join("etc");
            assert_eq!(config.root, etc);
            assert_eq!(config.drivers["duckdb"].plugin, etc.join("lib/libduck.so"));
            assert_eq!(config.plugin_dirs, vec![etc.join("ext")]);
        });
    }

    #[test]
    fn a_config_flag_naming_a_missing_file_is_an_error() {
        jailed(|_| {
            let dir = project(&[("config/database.toml", PG)]);
            let opts = LoadOptions {
                config_path: Some(PathBuf::from("missing.toml")),
                env: None,
                cwd: dir.path().to_path_buf(),
            };
            let message = Config::load(&opts).expect_err("missing file").to_string();
            assert!(message.contains("missing.toml"), "{message}");
            assert!(message.contains("does not exist"), "{message}");
        });
    }

    #[test]
    fn config_database_toml_is_preferred_over_database_toml() {
        jailed(|_| {
            let dir = project(&[
                ("config/database.toml", "[default]\nconnection = \"a\"\n"),
                ("database.toml", "[default]\nconnection = \"b\"\n"),
            ]);
            let config = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(config.connection, "a");
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
            assert!(message.contains("pg, sqlite"), "{message}");
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

    fn pg_connection(url: &str, password_env: Option<&str>) -> ConnectionConfig {
        ConnectionConfig {
            name: "pg".to_owned(),
            driver: "postgres".to_owned(),
            url: url.to_owned(),
            debug: false,
            password_env: password_env.map(str::to_owned),
            root: PathBuf::from("/app"),
        }
    }

    #[test]
    fn password_env_puts_the_encoded_password_into_the_url_and_redaction_hides_it() {
        jailed(|jail| {
            jail.set_env("DBM_TEST_PG_PASSWORD", "p@ss/w:rd");
            let pg = pg_connection(
                "postgres://app@127.0.0.1:5432/app?sslmode=disable",
                Some("DBM_TEST_PG_PASSWORD"),
            );
            let url = pg.resolved_url().expect("resolved");
            assert_eq!(
                url,
                "postgres://app:p%40ss%2Fw%3Ard@127.0.0.1:5432/app?sslmode=disable"
            );
            assert_eq!(
                redact_url(&url),
                "postgres://app:***@127.0.0.1:5432/app?sslmode=disable"
            );
            assert_eq!(pg.redacted_url(), pg.url);

            let written = pg_connection("postgres://app:old@db/app", Some("DBM_TEST_PG_PASSWORD"));
            assert_eq!(
                written.resolved_url().expect("resolved"),
                "postgres://app:p%40ss%2Fw%3Ard@db/app"
            );
        });
    }

    #[test]
    fn an_unset_password_env_names_the_variable_and_the_connection() {
        jailed(|_| {
            let pg = pg_connection("postgres://app@db/app", Some("DBM_TEST_UNSET_PASSWORD"));
            let message = pg.resolved_url().expect_err("unset").to_string();
            assert!(message.contains("DBM_TEST_UNSET_PASSWORD"), "{message}");
            assert!(message.contains("`pg`"), "{message}");
        });
    }

    #[test]
    fn without_password_env_the_url_is_used_as_written() {
        let pg = pg_connection("postgres://app:inline@db/app", None);
        assert_eq!(
            pg.resolved_url().expect("url"),
            "postgres://app:inline@db/app"
        );
    }

    #[test]
    fn debug_output_of_a_connection_redacts_its_password() {
        let pg = pg_connection("postgres://app:hunter2@db/app", None);
        let shown = format!("{pg:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("postgres://app:***@db/app"), "{shown}");
    }

    #[test]
    fn redact_url_hides_passwords_and_leaves_other_urls_unchanged() {
        let redacted = redact_url("postgres://u:secret@h/db");
        assert!(!redacted.contains("secret"), "{redacted}");
        assert_eq!(redacted, "postgres://u:***@h/db");
        assert_eq!(redact_url("mysql://root@h/db"), "mysql://root@h/db");
        assert_eq!(
            redact_url("sqlite://tmp/db.sqlite3"),
            "sqlite://tmp/db.sqlite3"
        );
        assert_eq!(redact_url("postgres://h:5432/db"), "postgres://h:5432/db");
        assert_eq!(redact_url("postgres://u:@h/db"), "postgres://u:@h/db");
        assert_eq!(
            redact_url("postgres://u:p@ss@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(
            redact_url("postgres://h/db?user=u&password=secret"),
            "postgres://h/db?user=u&password=***"
        );
        assert!(!redact_url("postgres://u:pa/ss@h/db").contains("pa/ss"));
        for odd in [
            "",
            "://",
            "@",
            ":@",
            "x://@",
            "x://a:@",
            "é://ü:ö@ä",
            "a:b@c",
        ] {
            let _ = redact_url(odd);
        }
    }

    #[test]
    fn urls_inside_a_message_are_redacted() {
        let text = "bad value \"postgres://u:secret@h/db\" and mysql://root@h/db";
        assert_eq!(
            redact_in_text(text),
            "bad value \"postgres://u:***@h/db\" and mysql://root@h/db"
        );
    }

    #[test]
    fn parse_duration_accepts_humantime_durations_and_rejects_others() {
        assert_eq!(parse_duration("60s"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        let message = parse_duration("soon").expect_err("not a duration");
        assert!(message.contains("\"soon\""), "{message}");
        assert!(message.contains("\"60s\""), "{message}");
    }
}
