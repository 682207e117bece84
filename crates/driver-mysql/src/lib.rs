//! `dbm-driver-mysql`: the MySQL and MariaDB driver of dbm (MySQL 8, MariaDB 10.11+).
//!
//! - [`MysqlDriver`] opens connections from `mysql://` and `mariadb://` URLs that name a
//!   database, and creates or drops that database (`db:create`, `db:drop`).
//! - [`MysqlConnection`] runs statements on one sqlx connection, takes the migration lock
//!   (`GET_LOCK`, see [`lock_name`]), introspects through `information_schema` and drops
//!   everything.
//! - [`MysqlDialect`] compiles schema operations to MySQL's DDL.
//!
//! # No transactional DDL
//!
//! MySQL and MariaDB commit every DDL statement on its own, inside a transaction or not
//! (a failed migration cannot be rolled back; the migrator undoes what it can and says so).
//! The driver runs a migration's statements one at a time, so the failing one is known
//! exactly, and compiles each operation so that every statement is complete on its own:
//! `CREATE TABLE` carries its keys and foreign keys, and each part of an `alter_table` is one
//! `ALTER TABLE`, which InnoDB applies whole or not at all.
//!
//! # MySQL 8 and MariaDB
//!
//! The SQL written here is accepted by both. Where they differ:
//!
//! - `RENAME COLUMN` needs MySQL 8.0.3+ or MariaDB 10.5.2+; expression defaults
//!   (`DEFAULT ('x')` on `text` and `json`) need MySQL 8.0.13+ or MariaDB 10.2+.
//! - Introspection reports `COLUMN_TYPE` as the server says it: MariaDB keeps display widths
//!   (`int(10) unsigned`) and stores `json` as `longtext` with a `json_valid` check; MySQL
//!   8.0.19+ drops the widths (`int unsigned`) except `tinyint(1)`.
//! - Defaults are reported the same way for both (MariaDB quotes string defaults and says
//!   `NULL` for none; MySQL 8 does not): a string default without its quotes, no default as
//!   `None`, the current timestamp as `CURRENT_TIMESTAMP`.
//!
//! # Sessions
//!
//! A connection keeps the server's `sql_mode` and time zone, as the `mysql` client would
//! (sqlx would otherwise add `PIPES_AS_CONCAT`, which MySQL stores with every trigger and
//! routine a migration creates), talks `utf8mb4`, and logs no statements through sqlx (dbm
//! has its own debug log). String literals are written for the default `sql_mode`, in which
//! a backslash escapes; a server with `NO_BACKSLASH_ESCAPES` gets a warning at connect.
//! Connecting gives up after 30 seconds.

mod alter;
mod connection;
mod create_table;
mod ddl;
mod decode;
mod default_clause;
mod defaults;
mod dialect;
mod error;
mod foreign_key;
mod introspect;
mod lock;
mod sqltext;
mod target;
mod wipe;

use std::sync::Arc;

use async_trait::async_trait;
use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::{ConnectionConfig, Dialect, DriverError};

pub use connection::MysqlConnection;
pub use dialect::MysqlDialect;
pub use lock::{MAX_LOCK_NAME, lock_name};

use crate::decode::decode_row;
use crate::error::{MysqlError, Result};

/// The MySQL and MariaDB driver (`driver = "mysql"`).
///
/// URLs: `mysql://user:password@host:3306/database` or `mariadb://...` (the same), with
/// sqlx's parameters (`ssl-mode`, `ssl-ca`, `socket`, ...). The URL must name a database; a
/// malformed one is a [`DriverErrorKind::Config`](dbm_core::DriverErrorKind::Config) error
/// naming the connection and showing the URL with its password redacted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MysqlDriver;

#[async_trait]
impl Driver for MysqlDriver {
    fn name(&self) -> &str {
        "mysql"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn dialect(&self) -> Arc<dyn Dialect> {
        Arc::new(MysqlDialect)
    }

    /// Opens the database of the connection; `options.create` changes nothing (a MySQL
    /// database is made by `db:create`).
    async fn connect(
        &self,
        config: &ConnectionConfig,
        _options: ConnectOptions,
    ) -> Result<Box<dyn Connection>, DriverError> {
        Ok(Box::new(MysqlConnection::open(config).await?))
    }

    /// `CREATE DATABASE IF NOT EXISTS` with `utf8mb4`, connected to the same server without
    /// the database; false when it existed.
    async fn create_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        Ok(on_server(config, Action::Create).await?)
    }

    /// `DROP DATABASE IF EXISTS`, connected to the same server without the database; false
    /// when there was none.
    async fn drop_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        Ok(on_server(config, Action::Drop).await?)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Create,
    Drop,
}

/// Creates or drops the URL's database; true when it was created or existed.
async fn on_server(config: &ConnectionConfig, action: Action) -> Result<bool> {
    let target = target::parse(config)?;
    let mut conn = connection::establish(config, &target, &target.without_database()).await?;
    let rows =
        sqlx::query("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")
            .bind(&target.database)
            .fetch_all(&mut conn)
            .await?;
    let existed = match rows.first() {
        Some(row) => decode_row(row)?.get(0).as_i64().unwrap_or(0) > 0,
        None => false,
    };
    let name = ddl::q(&target.database);
    let sql = match action {
        Action::Create => format!("CREATE DATABASE IF NOT EXISTS {name} CHARACTER SET utf8mb4"),
        Action::Drop => format!("DROP DATABASE IF EXISTS {name}"),
    };
    let done = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(&mut conn)
        .await
        .map_err(MysqlError::from);
    let closed = sqlx::Connection::close(conn).await;
    done?;
    if let Err(e) = closed {
        tracing::debug!("closing the server connection: {e}");
    }
    Ok(match action {
        Action::Create => !existed,
        Action::Drop => existed,
    })
}
