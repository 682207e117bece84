//! `dbm-driver-sqlite-strict`: an example third-party driver for dbm, shipped as a run-time
//! plugin.
//!
//! It is SQLite where every table dbm creates is a
//! [`STRICT`](https://sqlite.org/stricttables.html) table: a column holds only values of its
//! declared type (`INTEGER`, `REAL`, `TEXT`, `BLOB` or `ANY`), and inserting `'abc'` into an
//! `INTEGER` column fails instead of being stored as text.
//!
//! It is written the way someone outside the dbm project writes a driver on top of another
//! one: [`SqliteStrictDialect`] overrides the [`Dialect`] hooks that differ (the type map, the
//! column definition with its checks, boolean defaults and the `STRICT` suffix) and delegates
//! the rest, `alter_table` and its table rebuild included, to `dbm-driver-sqlite`;
//! [`SqliteStrictDriver`] reads its own URL scheme and hands the connection work to
//! [`SqliteDriver`]. `src/plugin.rs` exports it across dbm's plugin ABI in one line.

mod dialect;
mod plugin;

use std::sync::Arc;

use async_trait::async_trait;
use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::{ConnectionConfig, Dialect, DriverError};
use dbm_driver_sqlite::SqliteDriver;

pub use dbm_driver_sqlite::lock_path;
pub use dialect::SqliteStrictDialect;

/// The driver's name: `driver = "sqlite_strict"` in `config/database.toml`.
pub const DRIVER_NAME: &str = "sqlite_strict";

/// SQLite with STRICT tables (`driver = "sqlite_strict"`).
///
/// URLs are the SQLite driver's, with `sqlite_strict:` in place of `sqlite:` (`sqlite:` works
/// too); relative paths are resolved against the project root:
///
/// | URL | database |
/// |---|---|
/// | `sqlite_strict://tmp/strict.sqlite3` | `<root>/tmp/strict.sqlite3` |
/// | `sqlite_strict:///var/db/app.sqlite3` | `/var/db/app.sqlite3` |
/// | `sqlite_strict:tmp/strict.sqlite3` | `<root>/tmp/strict.sqlite3` |
/// | `sqlite_strict::memory:`, `sqlite_strict://:memory:` | a private in-memory database |
///
/// Connections, the migration lock (an OS file lock on `<database file>.lock`, see
/// [`lock_path`]), introspection and `drop_all` are the SQLite driver's. Anything that is not a
/// SQLite URL is a [`DriverErrorKind::Config`](dbm_core::DriverErrorKind::Config) error naming
/// the connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SqliteStrictDriver;

/// `config` with its `sqlite_strict:` URL written as the SQLite driver's `sqlite:`.
fn as_sqlite(config: &ConnectionConfig) -> ConnectionConfig {
    let url = config.url.trim();
    let url = match url.strip_prefix("sqlite_strict:") {
        Some(rest) => format!("sqlite:{rest}"),
        None => url.to_string(),
    };
    ConnectionConfig {
        url,
        ..config.clone()
    }
}

#[async_trait]
impl Driver for SqliteStrictDriver {
    fn name(&self) -> &str {
        DRIVER_NAME
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn dialect(&self) -> Arc<dyn Dialect> {
        Arc::new(SqliteStrictDialect)
    }

    async fn connect(
        &self,
        config: &ConnectionConfig,
        options: ConnectOptions,
    ) -> Result<Box<dyn Connection>, DriverError> {
        SqliteDriver.connect(&as_sqlite(config), options).await
    }

    /// Creates the database file and its folder; false when the file existed (or the
    /// database is in memory).
    async fn create_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        SqliteDriver.create_database(&as_sqlite(config)).await
    }

    /// Deletes the database file and its `-journal`, `-wal` and `-shm` companions; false when
    /// there was none. The lock file stays.
    async fn drop_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        SqliteDriver.drop_database(&as_sqlite(config)).await
    }
}
