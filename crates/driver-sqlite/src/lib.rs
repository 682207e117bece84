//! `dbm-driver-sqlite`: the SQLite driver of dbm.
//!
//! - [`SqliteDriver`] opens connections from `sqlite://...` URLs (see [`SqliteDriver`] for the
//!   forms) and creates or deletes database files.
//! - [`SqliteConnection`] runs statements on one sqlx connection, takes the migration lock (an
//!   OS file lock on `<database file>.lock`, see [`lock_path`]), introspects and drops
//!   everything.
//! - [`SqliteDialect`] compiles schema operations to SQLite's DDL, with native `ALTER TABLE`
//!   where SQLite has it and a table rebuild elsewhere.
//!
//! # Building a dialect on SQLite's
//!
//! A driver that is SQLite with a twist (such as `examples/driver-sqlite-strict`, whose tables
//! are all `STRICT`) overrides the [`Dialect`] hooks that differ and delegates the rest to
//! [`SqliteDialect`], using:
//!
//! - [`column_definition`]: SQLite's column definition through the calling dialect's
//!   `quote_identifier`, `column_type` and `default_literal`, with extra column constraints;
//! - [`alter_table`]: SQLite's `alter_table`, native or by a table rebuild, every statement
//!   written through the calling dialect's hooks (`column_definition`, `index_sql`,
//!   `foreign_key`, `primary_key`, `drop_index`, `drop_column`, quoting); the rebuild keeps
//!   what follows the stored table's closing parenthesis (`STRICT`, `WITHOUT ROWID`);
//! - [`rebuilds`]: the answer to `Dialect::rebuilds` that goes with [`alter_table`];
//! - [`SqliteDriver`] for connections, the lock, introspection and `drop_all`.
//!
//! # The table rebuild
//!
//! SQLite cannot alter a column, add or drop a foreign key, or drop a constrained column in
//! place. dbm rebuilds the table from its stored `CREATE TABLE` text, in SQLite's documented
//! order (create the new table, copy with explicit column lists, drop the old one, rename the
//! new one), then recreates the table's indexes and every trigger and view exactly as stored.
//! The migrator turns foreign-key enforcement off before `BEGIN` for such a migration and runs
//! `PRAGMA foreign_key_check` before `COMMIT`, so rows of child tables with
//! `ON DELETE CASCADE` survive. A view that used a dropped column cannot be recreated: the
//! rebuild checks each view with `SELECT 1 FROM "view" LIMIT 0`, and that error fails the
//! migration, whose transaction rolls back.
//!
//! Where a drop of a column would leave a view or trigger naming it, the operation is refused
//! before anything runs (SQLite would keep the object, broken, or read a `"double-quoted"`
//! name as a string literal); drop the object first and create it again without the column.
//!
//! # Comments
//!
//! SQLite has no column comments. A column's `comment` is kept as `/* text */` at the end of
//! its definition in the stored `CREATE TABLE` text (`*/` inside is written `* /`), where
//! `.schema` shows it and rebuilds keep it.
//!
//! # Introspection
//!
//! Declared types are reported lower-cased, exactly as declared (`boolean`, `decimal(8,2)`,
//! `varchar(30)`, `timestamp`). Indexes are every index made by `CREATE INDEX` plus every
//! `UNIQUE` constraint of a table (named after its `CONSTRAINT` name when it has one, else
//! SQLite's `sqlite_autoindex_<table>_<n>`); a primary key's automatic index is reported as the
//! primary key, not as an index. Foreign keys carry the names parsed from the stored
//! `CREATE TABLE` text (`None` when unnamed) and upper-case actions.
//!
//! # The migration lock
//!
//! [`Connection::try_lock`] takes an OS file lock on `<database file>.lock` ([`lock_path`]),
//! created beside the database when missing and never deleted. The OS releases it when the
//! process dies; [`Connection::unlock`], `close` and dropping the connection release it too.
//! There is one lock per database file, whatever the key. In-memory databases are private to
//! their connection, so their lock always succeeds.
//!
//! Another program holding the database's own write lock makes statements wait, up to
//! [`ConnectOptions::lock_timeout`], with a notice once the wait is noticeable; a wait that
//! times out fails with a message naming the lock and the timeout.
//!
//! # Missing database files
//!
//! `connect` with `ConnectOptions { create: true }` (`migration:run`, `migration:fresh`,
//! `db:create`) creates a missing file and its folder. Without it (`migration:status`,
//! `migration:check`, dry runs) a missing file is left missing and the connection reads an
//! empty in-memory database instead.

mod alter;
mod busy;
mod connection;
mod ddl;
mod dialect;
mod error;
mod exec;
mod introspect;
mod location;
mod lock;
mod pool;
mod rebuild;
mod sqltext;
mod tabledef;
mod wipe;

use std::sync::Arc;

use async_trait::async_trait;
use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::{ConnectionConfig, Dialect, DriverError};

pub use alter::{alter_table, rebuilds};
pub use connection::SqliteConnection;
pub use ddl::column_definition;
pub use dialect::SqliteDialect;
pub use lock::lock_path;
pub use rebuild::NEW_TABLE_PREFIX;

use crate::error::SqliteError;
use crate::location::Location;

/// The SQLite driver (`driver = "sqlite"`).
///
/// URLs, with relative paths resolved against the project root:
///
/// | URL | database |
/// |---|---|
/// | `sqlite://tmp/db.sqlite3` | `<root>/tmp/db.sqlite3` |
/// | `sqlite:///var/db/app.sqlite3` | `/var/db/app.sqlite3` |
/// | `sqlite:tmp/db.sqlite3` | `<root>/tmp/db.sqlite3` |
/// | `sqlite::memory:`, `sqlite://:memory:` | a private in-memory database |
///
/// Query parameters `journal_mode` and `synchronous` set those pragmas; without them the
/// database keeps SQLite's defaults (a rollback journal). Anything else is a
/// [`DriverErrorKind::Config`](dbm_core::DriverErrorKind::Config) error naming the connection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SqliteDriver;

/// The companions SQLite may keep beside a database file.
const COMPANIONS: &[&str] = &["-journal", "-wal", "-shm"];

#[async_trait]
impl Driver for SqliteDriver {
    fn name(&self) -> &str {
        "sqlite"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn dialect(&self) -> Arc<dyn Dialect> {
        Arc::new(SqliteDialect)
    }

    async fn connect(
        &self,
        config: &ConnectionConfig,
        options: ConnectOptions,
    ) -> Result<Box<dyn Connection>, DriverError> {
        let connection = SqliteConnection::open(config, options).await?;
        Ok(Box::new(connection))
    }

    /// Creates the database file and its folder; false when the file existed (or the
    /// database is in memory).
    async fn create_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        let Location::File(path) = location::parse(config)?.location else {
            return Ok(false);
        };
        if path.exists() {
            return Ok(false);
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| SqliteError::Io {
                action: "cannot create the folder",
                path: parent.to_path_buf(),
                source,
            })?;
        }
        // An empty file is a valid, empty SQLite database.
        match std::fs::File::create_new(&path) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(source) => Err(SqliteError::Io {
                action: "cannot create",
                path,
                source,
            }
            .into()),
        }
    }

    /// Deletes the database file and its `-journal`, `-wal` and `-shm` companions; false
    /// when there was none. The lock file (`<file>.lock`) stays: deleting lock files races.
    async fn drop_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        let Location::File(path) = location::parse(config)?.location else {
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
                Err(source) => {
                    return Err(SqliteError::Io {
                        action: "cannot delete",
                        path: file,
                        source,
                    }
                    .into());
                }
            }
        }
        Ok(removed)
    }
}
