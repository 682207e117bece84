//! [`MysqlConnection`]: one sqlx connection to one MySQL or MariaDB database, no pool.
//!
//! Statements without parameters (DDL, `BEGIN`, `COMMIT`, `SET ...`) go through
//! [`sqlx::raw_sql`]: nothing is prepared or cached. Queries with parameters go through
//! [`sqlx::query`] with each [`Value`] bound to a `?`. `execute_batch` keeps the trait's
//! default, one statement at a time: every DDL statement commits on its own in MySQL, so the
//! index of a failing statement is exact and the ones before it are applied. Transactions
//! are plain `BEGIN` / `COMMIT` / `ROLLBACK` on this one connection.

use std::collections::HashSet;
use std::time::Duration;

use async_trait::async_trait;
use dbm_core::driver::{Catalog, Connection, DropAllOptions, DropSummary, Row, Topology, Value};
use dbm_core::{ConnectionConfig, DriverError};
use sqlx::mysql::{MySql, MySqlArguments, MySqlConnectOptions};
use sqlx::{AssertSqlSafe, ConnectOptions as _};

use crate::decode::decode_row;
use crate::error::{MysqlError, Result, one_line};
use crate::foreign_key;
use crate::introspect::{self, text};
use crate::lock::lock_name;
use crate::target::{self, Target};
use crate::wipe;

/// How long connecting may take before it is reported as a failure.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// Opens one sqlx connection, mapping every failure to a one-line
/// [`MysqlError::Connect`] without the password.
pub(crate) async fn establish(
    config: &ConnectionConfig,
    target: &Target,
    options: &MySqlConnectOptions,
) -> Result<sqlx::mysql::MySqlConnection> {
    let failure = |message: String| MysqlError::Connect {
        connection: config.name.clone(),
        server: target.server.clone(),
        message: one_line(&target::without_password(&message, &config.url)),
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, options.connect()).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(error)) => {
            let mut message = crate::error::sqlx_message(&error);
            if message.starts_with("ERROR 1049 ") {
                message.push_str(dbm_core::driver::MISSING_DATABASE_HINT);
            }
            Err(failure(message))
        }
        Err(_) => Err(failure(format!(
            "no answer within {} seconds",
            CONNECT_TIMEOUT.as_secs()
        ))),
    }
}

/// An open connection to a MySQL or MariaDB database.
///
/// The session keeps the server's `sql_mode` and time zone (as the `mysql` client does) and
/// talks `utf8mb4`.
#[derive(Debug)]
pub struct MysqlConnection {
    conn: sqlx::mysql::MySqlConnection,
    database: String,
    mariadb: bool,
    /// A node of a Galera cluster (`@@wsrep_on`).
    galera: bool,
    /// The names of the user-level locks this session holds.
    held: HashSet<String>,
}

impl MysqlConnection {
    /// Opens the database of a connection.
    ///
    /// # Errors
    ///
    /// A URL that is not a MySQL URL or names no database (`Config`); a server that cannot
    /// be reached or refuses the login (`Connect`, one line, never the password).
    pub async fn open(config: &ConnectionConfig) -> Result<Self, DriverError> {
        Ok(Self::open_inner(config).await?)
    }

    async fn open_inner(config: &ConnectionConfig) -> Result<Self> {
        let target = target::parse(config)?;
        let conn = establish(config, &target, &target.options).await?;
        Self::wrap(conn, &config.name, target.database).await
    }

    /// Takes one connection out of an application's pool (the pool opens a replacement when
    /// it needs one); closing this connection closes it, so nothing outlives the work.
    ///
    /// # Errors
    ///
    /// The pool cannot give a connection (`Connect`).
    pub async fn from_pool(pool: &sqlx::MySqlPool) -> Result<Self, DriverError> {
        let conn = pool.acquire().await.map_err(MysqlError::from)?.detach();
        let database = pool
            .connect_options()
            .get_database()
            .unwrap_or("")
            .to_owned();
        Ok(Self::wrap(conn, "pool", database).await?)
    }

    async fn wrap(
        mut conn: sqlx::mysql::MySqlConnection,
        name: &str,
        database: String,
    ) -> Result<Self> {
        // sqlx asks for CLIENT_IGNORE_SPACE when it connects, which adds IGNORE_SPACE to the
        // session's sql_mode; triggers and routines store the sql_mode they were created
        // with, so put back the server's own, as the `mysql` client has it.
        sqlx::raw_sql("SET SESSION sql_mode = @@GLOBAL.sql_mode")
            .execute(&mut conn)
            .await?;
        let rows = sqlx::query("SELECT VERSION(), @@SESSION.sql_mode, DATABASE()")
            .fetch_all(&mut conn)
            .await?;
        let row = match rows.first() {
            Some(row) => decode_row(row)?,
            None => Row::default(),
        };
        let version = text(row.get(0)).unwrap_or_default();
        let sql_mode = text(row.get(1)).unwrap_or_default();
        if sql_mode.contains("NO_BACKSLASH_ESCAPES") {
            tracing::warn!(
                "connection `{}`: the server's sql_mode has NO_BACKSLASH_ESCAPES; dbm writes \
                 string literals with backslashes doubled, so a backslash in a default or \
                 comment would be stored twice",
                name
            );
        }
        let mariadb = version.contains("MariaDB");
        let galera = mariadb && galera(&mut conn).await?;
        Ok(Self {
            conn,
            database: text(row.get(2)).unwrap_or(database),
            mariadb,
            galera,
            held: HashSet::new(),
        })
    }

    /// True when the server is a node of a Galera cluster (`@@wsrep_on`).
    pub fn is_galera(&self) -> bool {
        self.galera
    }

    /// The database this connection works in (`DATABASE()`).
    pub fn database(&self) -> &str {
        &self.database
    }

    /// True when the server is MariaDB rather than MySQL.
    pub fn is_mariadb(&self) -> bool {
        self.mariadb
    }

    async fn run(&mut self, sql: &str) -> Result<u64> {
        let done = sqlx::raw_sql(AssertSqlSafe(sql))
            .execute(&mut self.conn)
            .await?;
        Ok(done.rows_affected())
    }

    fn bound<'q>(sql: &'q str, params: &[Value]) -> sqlx::query::Query<'q, MySql, MySqlArguments> {
        dbm_core::bind_values!(sqlx::query(AssertSqlSafe(sql)), params, null = None::<i64>)
    }

    async fn run_bound(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        let done = Self::bound(sql, params).execute(&mut self.conn).await?;
        Ok(done.rows_affected())
    }

    async fn fetch(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let rows = Self::bound(sql, params).fetch_all(&mut self.conn).await?;
        rows.iter().map(decode_row).collect()
    }

    /// The type (`COLUMN_TYPE`) of `table.column` in the current database, when it exists.
    async fn column_type(&mut self, table: &str, column: &str) -> Option<String> {
        let rows = self
            .fetch(
                "SELECT CAST(COLUMN_TYPE AS CHAR) FROM information_schema.COLUMNS \
                 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?",
                &[Value::Text(table.into()), Value::Text(column.into())],
            )
            .await
            .ok()?;
        rows.first().and_then(|r| r.get(0).as_text())
    }

    /// True when `table.column` is the first column of an index (true when it cannot tell).
    async fn leads_an_index(&mut self, table: &str, column: &str) -> bool {
        self.scalar(
            "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() \
             AND TABLE_NAME = ? AND COLUMN_NAME = ? AND SEQ_IN_INDEX = 1",
            &[Value::Text(table.into()), Value::Text(column.into())],
        )
        .await
        .map_or(true, |count| count != Some(0))
    }

    /// What makes the foreign keys of a refused statement fail, one sentence per pair of
    /// columns that tells (see [`foreign_key`](crate::foreign_key)).
    async fn foreign_key_hints(&mut self, sql: &str) -> Vec<String> {
        let Some(table) = foreign_key::statement_table(sql) else {
            return Vec::new();
        };
        let mut hints = Vec::new();
        for clause in foreign_key::clauses(sql) {
            for (column, referenced) in clause.columns.iter().zip(&clause.referenced) {
                let local = match foreign_key::defined_type(sql, column) {
                    Some(defined) => Some(defined),
                    None => self.column_type(&table, column).await,
                };
                let remote = self.column_type(&clause.table, referenced).await;
                let hint = match (local, remote) {
                    (_, None) => Some(format!(
                        "`{}`.`{referenced}` does not exist (yet): create the referenced table \
                         and column before the foreign key",
                        clause.table
                    )),
                    (Some(local), Some(remote)) => match foreign_key::explain(
                        (&table, column, &local),
                        (&clause.table, referenced, &remote),
                    ) {
                        Some(hint) => Some(hint),
                        None if !self.leads_an_index(&clause.table, referenced).await => {
                            Some(format!(
                                "`{}`.`{referenced}` leads no index: a foreign key needs the \
                                 column it references to be the primary key or to lead a unique \
                                 key or an index",
                                clause.table
                            ))
                        }
                        None => None,
                    },
                    (None, Some(_)) => None,
                };
                hints.extend(hint);
            }
        }
        hints
    }

    /// The single integer (or NULL) a query returns.
    async fn scalar(&mut self, sql: &str, params: &[Value]) -> Result<Option<i64>> {
        let rows = self.fetch(sql, params).await?;
        Ok(rows.first().and_then(|r| r.get(0).as_i64()))
    }
}

#[async_trait]
impl Connection for MysqlConnection {
    async fn execute(&mut self, sql: &str) -> Result<u64, DriverError> {
        match self.run(sql).await {
            Ok(done) => Ok(done),
            Err(error) => {
                let hints = match &error {
                    MysqlError::Sql(source) if foreign_key::refused(source) => {
                        self.foreign_key_hints(sql).await
                    }
                    _ => Vec::new(),
                };
                let mut error = DriverError::from(error);
                for hint in hints {
                    error.message.push_str("; ");
                    error.message.push_str(&hint);
                }
                Err(error)
            }
        }
    }

    async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DriverError> {
        Ok(self.fetch(sql, params).await?)
    }

    async fn execute_with(&mut self, sql: &str, params: &[Value]) -> Result<u64, DriverError> {
        Ok(self.run_bound(sql, params).await?)
    }

    /// `SELECT GET_LOCK(name, 0)` with the name of [`lock_name`]; true when it returns 1.
    /// Asking again for a lock this session holds answers true without taking it twice
    /// (MySQL counts nested `GET_LOCK`s, each needing its own release).
    async fn try_lock(&mut self, key: &str) -> Result<bool, DriverError> {
        let name = lock_name(&self.database, key);
        if self.held.contains(&name) {
            return Ok(true);
        }
        match self
            .scalar("SELECT GET_LOCK(?, 0)", &[Value::Text(name.clone())])
            .await?
        {
            Some(1) => {
                self.held.insert(name);
                Ok(true)
            }
            Some(_) => Ok(false),
            None => Err(MysqlError::Lock(format!(
                "GET_LOCK('{name}', 0) failed (it returned NULL) while taking the migration lock"
            ))
            .into()),
        }
    }

    /// [`Topology::Galera`] on a node of a Galera cluster.
    async fn topology(&mut self) -> Result<Topology, DriverError> {
        Ok(if self.galera {
            Topology::Galera
        } else {
            Topology::Direct
        })
    }

    /// `SELECT RELEASE_LOCK(name)`; releasing a lock this session does not hold does nothing.
    async fn unlock(&mut self, key: &str) -> Result<(), DriverError> {
        let name = lock_name(&self.database, key);
        if !self.held.remove(&name) {
            return Ok(());
        }
        match self
            .scalar("SELECT RELEASE_LOCK(?)", &[Value::Text(name.clone())])
            .await?
        {
            Some(0) => Err(MysqlError::Lock(format!(
                "the migration lock '{name}' belongs to another session; it was not released"
            ))
            .into()),
            _ => Ok(()),
        }
    }

    async fn table_exists(&mut self, table: &str) -> Result<bool, DriverError> {
        let found = self
            .scalar(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() \
                 AND TABLE_NAME = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')",
                &[Value::Text(table.to_string())],
            )
            .await?;
        Ok(found.unwrap_or(0) > 0)
    }

    /// `SET FOREIGN_KEY_CHECKS = 0` or `1` for this session.
    async fn set_foreign_key_checks(&mut self, enabled: bool) -> Result<(), DriverError> {
        let sql = if enabled {
            "SET FOREIGN_KEY_CHECKS = 1"
        } else {
            "SET FOREIGN_KEY_CHECKS = 0"
        };
        self.run(sql).await?;
        Ok(())
    }

    async fn introspect(&mut self) -> Result<Catalog, DriverError> {
        Ok(introspect::catalog(&mut self.conn, self.mariadb).await?)
    }

    async fn drop_all(&mut self, options: &DropAllOptions) -> Result<DropSummary, DriverError> {
        Ok(wipe::drop_all(&mut self.conn, options).await?)
    }

    /// Closes the session; the server releases any lock it still holds.
    async fn close(self: Box<Self>) -> Result<(), DriverError> {
        let Self { conn, .. } = *self;
        sqlx::Connection::close(conn)
            .await
            .map_err(MysqlError::from)?;
        Ok(())
    }
}

/// Whether the MariaDB server is a node of a Galera cluster (`@@wsrep_on`); on one, the
/// session waits for the writes other nodes committed before it reads
/// (`wsrep_sync_wait = 1`), so that every node reads the same tracking table.
async fn galera(conn: &mut sqlx::mysql::MySqlConnection) -> Result<bool> {
    let on = sqlx::raw_sql("SELECT @@wsrep_on")
        .fetch_optional(&mut *conn)
        .await;
    let on = match on {
        Ok(Some(row)) => decode_row(&row)?.get(0).as_i64() == Some(1),
        // A server built without wsrep has no such variable.
        Ok(None) | Err(_) => false,
    };
    if on {
        sqlx::raw_sql("SET SESSION wsrep_sync_wait = 1")
            .execute(&mut *conn)
            .await?;
    }
    Ok(on)
}
