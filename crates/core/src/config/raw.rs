//! A profile as written: serde structs where every key is optional and unknown keys are
//! rejected (`deny_unknown_fields`), the embedded default as the base layer, and the check of
//! driver names.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::duration::DurationText;
use super::{
    DEFAULT_CONNECTION, DEFAULT_DRIVER, DEFAULT_LOCK_TIMEOUT, DEFAULT_MIGRATIONS_PATH,
    DEFAULT_PLUGIN_DIR, DEFAULT_TABLE, DEFAULT_URL, TransactionMode,
};
use crate::{Error, Result};

/// A profile as written: every key optional, unknown keys rejected.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProfile {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) connection: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) connections: Option<BTreeMap<String, RawConnection>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) migrations: Option<RawMigrations>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) drivers: Option<BTreeMap<String, RawDriver>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) plugin_dirs: Option<Vec<PathBuf>>,
}

/// A connection as written; `driver` and `url` are checked after merging.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConnection {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) driver: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) debug: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) password_env: Option<String>,
}

/// The `migrations` table as written.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMigrations {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) paths: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) table: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) natural_sort: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) transaction: Option<TransactionMode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) disable_rollbacks_in_production: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) lock_timeout: Option<DurationText>,
}

/// A driver plugin as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDriver {
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

#[cfg(test)]
mod tests {
    use crate::config::test_support::{jailed, load_error, project};

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
