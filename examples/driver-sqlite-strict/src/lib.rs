//! `dbm-driver-sqlite-strict`: an example third-party driver for dbm, shipped as a run-time
//! plugin.
//!
//! It is SQLite where every table dbm creates is a
//! [`STRICT`](https://sqlite.org/stricttables.html) table: a column holds only values of its
//! declared type (`INTEGER`, `REAL`, `TEXT`, `BLOB` or `ANY`), and inserting `'abc'` into an
//! `INTEGER` column fails instead of being stored as text. It is written the way someone
//! outside the dbm project would write a driver: with `dbm-core`'s public API only
//! ([`Driver`], [`dbm_core::Connection`], [`Dialect`]) and one line of `dbm-plugin`
//! (`export_driver!`, in `src/plugin.rs`).
//!
//! - [`SqliteStrictDriver`] (driver name `sqlite_strict`) opens connections from
//!   `sqlite_strict://...` URLs and creates or deletes database files.
//! - [`StrictConnection`] runs statements on one sqlx connection, takes the migration lock (an
//!   OS file lock on `<database file>.lock`), introspects and drops everything.
//! - [`SqliteStrictDialect`] compiles schema operations to `CREATE TABLE ... STRICT` and
//!   native `ALTER TABLE`; see its documentation for the type mapping.
//!
//! # What it does not do
//!
//! SQLite cannot alter a column or add or drop a foreign key in place; the built-in `sqlite`
//! driver rebuilds the table for those. This example does not: `alter_columns`,
//! `add_foreign_keys` and `drop_foreign_keys` are schema errors that say so. Write such a
//! change as a `sql` operation (create the new table, copy, drop, rename), or use the built-in
//! driver.

mod connection;
mod ddl;
mod dialect;
mod error;
mod introspect;
mod location;
mod plugin;

use std::sync::Arc;

use async_trait::async_trait;
use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::{ConnectionConfig, Dialect, DriverError};

pub use connection::{StrictConnection, lock_path};
pub use dialect::SqliteStrictDialect;

use crate::error::io_error;
use crate::location::Location;

/// The driver's name: `driver = "sqlite_strict"` in `config/database.toml`.
pub const DRIVER_NAME: &str = "sqlite_strict";

/// SQLite with STRICT tables (`driver = "sqlite_strict"`).
///
/// URLs, with relative paths resolved against the project root (`sqlite://` works too):
///
/// | URL | database |
/// |---|---|
/// | `sqlite_strict://tmp/strict.sqlite3` | `<root>/tmp/strict.sqlite3` |
/// | `sqlite_strict:///var/db/app.sqlite3` | `/var/db/app.sqlite3` |
/// | `sqlite_strict:tmp/strict.sqlite3` | `<root>/tmp/strict.sqlite3` |
/// | `sqlite_strict::memory:`, `sqlite_strict://:memory:` | a private in-memory database |
///
/// Anything else (another scheme, query parameters) is a
/// [`DriverErrorKind::Config`](dbm_core::DriverErrorKind::Config) error naming the connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SqliteStrictDriver;

/// The companions SQLite may keep beside a database file.
const COMPANIONS: &[&str] = &["-journal", "-wal", "-shm"];

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
        Ok(Box::new(StrictConnection::open(config, options).await?))
    }

    /// Creates the database file and its folder; false when the file existed (or the
    /// database is in memory).
    async fn create_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        let Location::File(path) = location::parse(config)? else {
            return Ok(false);
        };
        if path.exists() {
            return Ok(false);
        }
        connection::create_parent(&path)?;
        // An empty file is a valid, empty SQLite database.
        match std::fs::File::create_new(&path) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(io_error("cannot create", &path, &e)),
        }
    }

    /// Deletes the database file and its `-journal`, `-wal` and `-shm` companions; false when
    /// there was none. The lock file stays: deleting a lock file races with its users.
    async fn drop_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        let Location::File(path) = location::parse(config)? else {
            return Ok(false);
        };
        let mut removed = false;
        let mut files = vec![path.clone()];
        files.extend(COMPANIONS.iter().map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            std::path::PathBuf::from(name)
        }));
        for file in files {
            match std::fs::remove_file(&file) {
                Ok(()) => removed = true,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error("cannot delete", &file, &e)),
            }
        }
        Ok(removed)
    }
}
