//! One named connection ([`ConnectionConfig`]) and the URL to connect with: the password of
//! `password_env` goes into the URL, and `Debug` never shows it.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::redact::redact_url;
use crate::{Error, Result};

/// One named connection of [`Config::connections`](super::Config::connections).
///
/// Its `Debug` output redacts the password of [`ConnectionConfig::url`].
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionConfig {
    /// The connection's name: its key in [`Config::connections`](super::Config::connections).
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
    /// How the migration lock is taken and whether a pooler is in front (`lock`,
    /// `lock_lease`, `pooler`).
    #[serde(default)]
    pub cluster: ClusterConfig,
}

/// How a connection's migration lock is taken (`lock = "..."`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(
    test,
    derive(schemars::JsonSchema),
    schemars(transform = crate::json_schema::list_words)
)]
#[serde(rename_all = "snake_case")]
pub enum LockStrategy {
    /// `table` on a Galera cluster or behind a transaction pooler, `advisory` otherwise
    /// (the default).
    #[default]
    Auto,
    /// The database's own lock: a PostgreSQL advisory lock, MySQL's `GET_LOCK`, SQLite's
    /// file lock.
    Advisory,
    /// A lease row in `<table>_lock`, renewed while the holder works.
    Table,
    /// No lock (as `--disable-locks`).
    None,
}

impl LockStrategy {
    /// The word written in the config and shown by `migration:status`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Advisory => "advisory",
            Self::Table => "table",
            Self::None => "none",
        }
    }
}

/// The default of `lock_lease`.
pub const DEFAULT_LOCK_LEASE: Duration = Duration::from_secs(30);

/// A connection's lock and pooler settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterConfig {
    /// The lock strategy (`lock`).
    pub lock: LockStrategy,
    /// How long a lease of the `table` strategy lasts without renewal (`lock_lease`): a run
    /// that died holding it blocks the next one at most this long.
    pub lock_lease: Duration,
    /// Whether a transaction pooler such as PgBouncer is in front of the database
    /// (`pooler`): `true` there is, `false` there is none, unset (`None`) the driver finds
    /// out.
    pub pooler: Option<bool>,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        Self {
            lock: LockStrategy::Auto,
            lock_lease: DEFAULT_LOCK_LEASE,
            pooler: None,
        }
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
            .field("cluster", &self.cluster)
            .finish()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::test_support::jailed;

    fn pg_connection(url: &str, password_env: Option<&str>) -> ConnectionConfig {
        ConnectionConfig {
            name: "pg".to_owned(),
            driver: "postgres".to_owned(),
            url: url.to_owned(),
            debug: false,
            password_env: password_env.map(str::to_owned),
            root: PathBuf::from("/app"),
            cluster: ClusterConfig::default(),
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
}
