//! `dbm-driver-postgres`: the PostgreSQL driver of dbm.
//!
//! - [`PostgresDriver`] opens connections from `postgres://` and `postgresql://` URLs and
//!   creates or drops databases.
//! - [`PostgresConnection`] runs statements on one sqlx connection (no pool), takes the
//!   migration lock (a session advisory lock, see [`advisory_lock_key`]), introspects the
//!   current schema and drops everything in it.
//! - [`PostgresDialect`] compiles schema operations to PostgreSQL's DDL.
//!
//! # Statements
//!
//! Migration SQL goes through the simple query protocol ([`sqlx::raw_sql`]), never a prepared
//! statement. Inside a transaction a batch of statements travels as one multi-statement
//! query; outside one the statements go one by one, since PostgreSQL wraps a multi-statement
//! query in an implicit transaction, which `CREATE INDEX CONCURRENTLY` refuses. The session
//! runs with `client_min_messages = warning` (the `NOTICE`s of `IF EXISTS` clauses are
//! noise) and `application_name = dbm` unless the URL sets one.
//!
//! # Types and names
//!
//! See [`PostgresDialect`] for the type table. Every generated name is the portable one of
//! `dbm_core::schema::naming` (`users_email_unique`, `users_role_id_foreign`, `users_pkey`,
//! cut to 63 bytes by one rule); the driver adds two of its own, built the same way:
//! `<table>_<column>_check` for an enum's check constraint ([`check_name`]) and
//! `<table>_<column>_enum` for a `native = true` enum's type ([`enum_type_name`]).
//! `drop_table`, `drop_columns` and `alter_columns` drop such a type when its column goes.
//!
//! # Introspection
//!
//! Only the current schema (`current_schema()`) is described. Column types are reported as
//! PostgreSQL's `format_type` prints them: lower case for every built-in type (`integer`,
//! `character varying(30)`, `numeric(8,2)`, `timestamp with time zone`), a user-defined type
//! by its name. Unique constraints are reported as the unique indexes that back them; the
//! primary key's index is reported as the primary key.

mod alter;
mod connection;
mod ddl;
mod decode;
mod dialect;
mod error;
mod introspect;
mod lock;
mod url;
mod wipe;

use std::sync::Arc;

use async_trait::async_trait;
use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::{ConnectionConfig, Dialect, DriverError};
use sqlx::postgres::PgConnection;
use sqlx::{AssertSqlSafe, Connection as _};

pub use connection::PostgresConnection;
pub use ddl::{check_name, enum_type_name};
pub use dialect::PostgresDialect;
pub use lock::advisory_lock_key;

use crate::error::{PgError, Result, sqlstate};

/// The maintenance databases `create_database` and `drop_database` connect to, in order.
const MAINTENANCE_DATABASES: [&str; 2] = ["postgres", "template1"];

/// The PostgreSQL driver (`driver = "postgres"`).
///
/// URLs are libpq-style, as sqlx's `PgConnectOptions` reads them:
/// `postgres://user[:password]@host[:port][/database][?sslmode=require&...]` (or
/// `postgresql://`). Without a database the user's name is used. A malformed URL is a
/// [`DriverErrorKind::Config`](dbm_core::DriverErrorKind::Config) error naming the connection
/// (with the password redacted); an unreachable server or a refused login is `Connect`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PostgresDriver;

#[async_trait]
impl Driver for PostgresDriver {
    fn name(&self) -> &str {
        "postgres"
    }

    fn version(&self) -> &str {
        env!("CARGO_PKG_VERSION")
    }

    fn dialect(&self) -> Arc<dyn Dialect> {
        Arc::new(PostgresDialect)
    }

    /// Connects; `options.create` changes nothing (the database must exist: `db:create`).
    async fn connect(
        &self,
        config: &ConnectionConfig,
        _options: ConnectOptions,
    ) -> Result<Box<dyn Connection>, DriverError> {
        Ok(Box::new(PostgresConnection::open(config).await?))
    }

    /// `CREATE DATABASE "name"` on the `postgres` maintenance database of the same server
    /// (or `template1` when that one cannot be opened); false when it already existed.
    async fn create_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        let (mut conn, name) = maintenance(config).await?;
        let result = create(&mut conn, &name).await;
        close(conn).await;
        Ok(result?)
    }

    /// `DROP DATABASE IF EXISTS "name"` on the maintenance database; false when there was
    /// none. PostgreSQL refuses while other sessions use the database, and says so.
    async fn drop_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        let (mut conn, name) = maintenance(config).await?;
        let result = drop(&mut conn, &name).await;
        close(conn).await;
        Ok(result?)
    }
}

async fn create(conn: &mut PgConnection, name: &str) -> Result<bool> {
    if database_exists(conn, name).await? {
        return Ok(false);
    }
    let sql = format!("CREATE DATABASE {}", ddl::q(name));
    match sqlx::raw_sql(AssertSqlSafe(sql)).execute(conn).await {
        Ok(_) => Ok(true),
        // Created by someone else in the meantime: duplicate_database.
        Err(e) if sqlstate(&e).as_deref() == Some("42P04") => Ok(false),
        Err(e) => Err(e.into()),
    }
}

async fn drop(conn: &mut PgConnection, name: &str) -> Result<bool> {
    if !database_exists(conn, name).await? {
        return Ok(false);
    }
    let sql = format!("DROP DATABASE IF EXISTS {}", ddl::q(name));
    sqlx::raw_sql(AssertSqlSafe(sql)).execute(conn).await?;
    Ok(true)
}

/// A connection to the first maintenance database of the connection's server that opens,
/// and the name of the connection's own database. Only a refusal by the server (no such
/// database, no permission) moves on to the next; an unreachable server does not.
async fn maintenance(config: &ConnectionConfig) -> Result<(PgConnection, String)> {
    let options = url::options(config, &config.url)?;
    let name = url::database_name(&options);
    let [first, fallback] = MAINTENANCE_DATABASES;
    let conn = match url::connect(config, &config.url, &options.clone().database(first)).await {
        Err(PgError::Connect { source, .. }) if source.as_database_error().is_some() => {
            url::connect(config, &config.url, &options.database(fallback)).await?
        }
        other => other?,
    };
    Ok((conn, name))
}

/// Whether a database of that name exists on the server.
async fn database_exists(conn: &mut PgConnection, name: &str) -> Result<bool> {
    let found = sqlx::query("SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1")
        .bind(name)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

/// Closes a maintenance connection; a failure to say goodbye changes nothing.
async fn close(conn: PgConnection) {
    if let Err(e) = conn.close().await {
        tracing::debug!("closing the maintenance connection: {e}");
    }
}
