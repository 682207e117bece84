//! The [`Driver`] and [`Connection`] traits: what a database driver implements.
//!
//! A driver is a small thing: it opens connections, runs statements, takes a lock, describes
//! the schema and drops everything. Everything that is policy — ordering, batches,
//! transactions, when to lock — lives in [`Migrator`](crate::Migrator), once.
//!
//! Every type that crosses these traits is plain serializable data ([`Value`], [`Row`],
//! [`Catalog`], [`TableState`], [`DriverError`]), so a driver can also be served across the
//! C ABI of run-time plugins.
//!
//! # Writing a driver
//!
//! Implement [`Driver`] (a name, a version, a [`Dialect`], `connect`) and [`Connection`]
//! (statements, queries, a lock, introspection, drop-all). Methods with a default are
//! optional: `begin`/`commit`/`rollback` send `BEGIN`/`COMMIT`/`ROLLBACK`,
//! `execute_batch` runs statements one by one.

use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

pub use crate::catalog::{
    Catalog, ColumnInfo, ConstraintInfo, EnumInfo, ForeignKeyInfo, GeneratedInfo, IndexInfo,
    ObjectInfo, RoutineInfo, Stage, TableInfo, TableState, TriggerInfo, ViewInfo,
};
use crate::config::ConnectionConfig;
use crate::dialect::Dialect;
use crate::error::DriverError;

/// What a driver appends to the server's message when the connection's database does not
/// exist.
pub const MISSING_DATABASE_HINT: &str = " (create it with `dbm db:create`)";

/// A value bound to a query or read from a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// SQL `NULL`. Bound without a type: the database infers it from where it goes.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Integer(i64),
    /// A float.
    Float(f64),
    /// Text.
    Text(String),
    /// Bytes.
    Bytes(Vec<u8>),
}

/// Runs `body` in a transaction of its own on `conn`: `BEGIN` through `run`, then `COMMIT`
/// when the body succeeds and `ROLLBACK` when it fails. The body's error is the one returned:
/// a failed rollback adds nothing to it.
///
/// # Errors
///
/// The body's error, or what `run` returns for `BEGIN` or `COMMIT`.
pub async fn in_own_transaction<C: ?Sized, T, E>(
    conn: &mut C,
    mut run: impl AsyncFnMut(&mut C, String) -> Result<(), E>,
    body: impl AsyncFnOnce(&mut C) -> Result<T, E>,
) -> Result<T, E> {
    run(conn, "BEGIN".into()).await?;
    match body(conn).await {
        Ok(value) => {
            run(conn, "COMMIT".into()).await?;
            Ok(value)
        }
        Err(error) => {
            let _ = run(conn, "ROLLBACK".into()).await;
            Err(error)
        }
    }
}

/// Binds each [`Value`] of a parameter list to a query that has a `bind` method taking one
/// value at a time (an sqlx `Query`), in order, and returns the query: booleans, integers,
/// floats, text and bytes as themselves, and [`Value::Null`] as the expression given after
/// `null =` (a typed `None` or a database's untyped null).
///
/// ```ignore
/// let query = dbm_core::bind_values!(sqlx::query(sql), params, null = None::<i64>);
/// ```
#[macro_export]
macro_rules! bind_values {
    ($query:expr, $params:expr, null = $null:expr $(,)?) => {{
        let mut query = $query;
        for param in $params {
            query = match ::core::clone::Clone::clone(param) {
                $crate::Value::Null => query.bind($null),
                $crate::Value::Bool(value) => query.bind(value),
                $crate::Value::Integer(value) => query.bind(value),
                $crate::Value::Float(value) => query.bind(value),
                $crate::Value::Text(value) => query.bind(value),
                $crate::Value::Bytes(value) => query.bind(value),
            };
        }
        query
    }};
}

impl From<bool> for Value {
    fn from(value: bool) -> Self {
        Self::Bool(value)
    }
}

impl From<i64> for Value {
    fn from(value: i64) -> Self {
        Self::Integer(value)
    }
}

impl From<i32> for Value {
    fn from(value: i32) -> Self {
        Self::Integer(i64::from(value))
    }
}

impl From<f64> for Value {
    fn from(value: f64) -> Self {
        Self::Float(value)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}

impl From<String> for Value {
    fn from(value: String) -> Self {
        Self::Text(value)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Into::into)
    }
}

impl Value {
    /// The value as an integer, when it is one (or text holding one).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Self::Integer(i) => Some(*i),
            Self::Bool(b) => Some(i64::from(*b)),
            Self::Text(t) => t.trim().parse().ok(),
            _ => None,
        }
    }

    /// The value as text, when it is text or a number.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Self::Text(t) => Some(t.clone()),
            Self::Integer(i) => Some(i.to_string()),
            Self::Float(f) => Some(f.to_string()),
            Self::Bool(b) => Some(b.to_string()),
            Self::Null | Self::Bytes(_) => None,
        }
    }

    /// Renders the value for the debug log.
    pub fn display(&self) -> String {
        match self {
            Self::Null => "NULL".into(),
            Self::Text(t) => format!("{t:?}"),
            Self::Bytes(b) => format!("<{} bytes>", b.len()),
            other => other.as_text().unwrap_or_default(),
        }
    }
}

/// One row of a query result: the values in the order of the selected columns.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Row {
    /// The values.
    pub values: Vec<Value>,
}

impl Row {
    /// The value at `index`, or `Null` past the end.
    pub fn get(&self, index: usize) -> &Value {
        self.values.get(index).unwrap_or(&Value::Null)
    }
}

/// What `connect` may do beyond connecting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConnectOptions {
    /// Create a missing SQLite file and its folder (`run`, `fresh`, `db:create`); `status`,
    /// `check` and dry runs never create anything.
    pub create: bool,
    /// How long a statement may wait for a lock another program holds on the database (SQLite's
    /// write lock) before it fails, telling the user it waits; `None` is the driver's default.
    /// The CLI passes `migrations.lock_timeout`.
    #[serde(default)]
    pub lock_timeout: Option<std::time::Duration>,
}

/// Options of [`Connection::drop_all`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DropAllOptions {
    /// Drop views too.
    pub drop_views: bool,
    /// Drop enum types too (PostgreSQL).
    pub drop_types: bool,
}

/// What [`Connection::drop_all`] dropped.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DropSummary {
    /// Dropped tables.
    pub tables: Vec<String>,
    /// Dropped views.
    pub views: Vec<String>,
    /// Dropped types.
    pub types: Vec<String>,
}

/// What stands between dbm and the database, as far as the migration lock cares
/// ([`Connection::topology`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Topology {
    /// One server, reached directly: the database's own lock holds.
    #[default]
    Direct,
    /// A MariaDB Galera cluster (`@@wsrep_on`): a lock taken on one node is not seen by the
    /// others.
    Galera,
    /// A transaction pooler (PgBouncer in `pool_mode = transaction`): consecutive
    /// transactions may run on different server sessions, so a session lock does not stay.
    Pooler {
        /// What gave it away.
        evidence: String,
    },
}

/// A failure inside [`Connection::execute_batch`]: which statement failed and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchError {
    /// The index of the failing statement; the ones before it completed.
    pub index: usize,
    /// The error.
    pub error: DriverError,
}

/// A database driver: a factory of connections with a dialect.
///
/// # Notes
///
/// `name` is `[a-z0-9_]+` and is what `driver = "..."` in `config/database.toml` selects.
#[async_trait]
pub trait Driver: Send + Sync {
    /// The driver's name (`sqlite`, `postgres`, `mysql`, or a plugin's own).
    fn name(&self) -> &str;

    /// The driver's version, shown by `dbm drivers`.
    fn version(&self) -> &str;

    /// The SQL dialect of this driver's databases.
    fn dialect(&self) -> Arc<dyn Dialect>;

    /// Opens one connection; it serves a whole command.
    ///
    /// # Errors
    ///
    /// A malformed URL is [`DriverErrorKind::Config`](crate::DriverErrorKind::Config); an
    /// unreachable server or a refused login is `Connect`. Messages never contain a password.
    async fn connect(
        &self,
        config: &ConnectionConfig,
        options: ConnectOptions,
    ) -> Result<Box<dyn Connection>, DriverError>;

    /// Creates the connection's database (the file for SQLite). Returns false when it
    /// already existed.
    async fn create_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError>;

    /// Drops the connection's database (the file for SQLite). Returns false when there was
    /// none.
    async fn drop_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError>;
}

/// One open session with a database.
///
/// # Notes
///
/// Implementers run SQL exactly as given (no rewriting); the migrator decides about
/// transactions and locks. Every error is a [`DriverError`] carrying the database's message.
#[async_trait]
pub trait Connection: Send {
    /// Runs one statement without parameters (simple protocol where the database has one);
    /// returns the number of affected rows when known.
    async fn execute(&mut self, sql: &str) -> Result<u64, DriverError>;

    /// Runs statements in order; on failure says which one failed.
    ///
    /// The default runs them one by one with [`Connection::execute`]. A driver may send
    /// them in one round trip inside a transaction, as long as the failing index is exact.
    async fn execute_batch(&mut self, statements: &[String]) -> Result<(), BatchError> {
        for (index, statement) in statements.iter().enumerate() {
            self.execute(statement)
                .await
                .map_err(|error| BatchError { index, error })?;
        }
        Ok(())
    }

    /// Runs a query with bound parameters (placeholders per [`Dialect::placeholder`]) and
    /// returns its rows.
    async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DriverError>;

    /// Runs a statement with bound parameters; returns the number of affected rows.
    async fn execute_with(&mut self, sql: &str, params: &[Value]) -> Result<u64, DriverError>;

    /// Starts a transaction.
    async fn begin(&mut self) -> Result<(), DriverError> {
        self.execute("BEGIN").await.map(drop)
    }

    /// Commits the transaction.
    async fn commit(&mut self) -> Result<(), DriverError> {
        self.execute("COMMIT").await.map(drop)
    }

    /// Rolls the transaction back.
    async fn rollback(&mut self) -> Result<(), DriverError> {
        self.execute("ROLLBACK").await.map(drop)
    }

    /// Tries once to take the migration lock named `key` (the tracking table's name); true
    /// when taken. Never blocks: the migrator polls and owns the timeout.
    ///
    /// # Notes
    ///
    /// The lock must belong to this connection (or this process, for a file lock) and must
    /// be released by the server or the OS when the process dies.
    async fn try_lock(&mut self, key: &str) -> Result<bool, DriverError>;

    /// Releases the lock taken by [`Connection::try_lock`].
    async fn unlock(&mut self, key: &str) -> Result<(), DriverError>;

    /// Whether the database's own lock reaches every session that may migrate: a Galera
    /// cluster or a transaction pooler says it does not. The default is
    /// [`Topology::Direct`]. Changes nothing.
    async fn topology(&mut self) -> Result<Topology, DriverError> {
        Ok(Topology::Direct)
    }

    /// Whether a table exists.
    async fn table_exists(&mut self, table: &str) -> Result<bool, DriverError>;

    /// What the dialect needs to compile an operation on an existing table; `None` when the
    /// table does not exist. Only dialects whose [`Dialect::needs_table_state`] says so ask.
    async fn table_state(&mut self, _table: &str) -> Result<Option<TableState>, DriverError> {
        Ok(None)
    }

    /// Turns foreign-key enforcement on or off for this session, outside any transaction.
    ///
    /// The migrator calls it around migrations whose operations [`Dialect::rebuilds`], and
    /// restores enforcement on every path.
    async fn set_foreign_key_checks(&mut self, _enabled: bool) -> Result<(), DriverError> {
        Ok(())
    }

    /// Foreign-key violations in the database, one line each; checked before `COMMIT` of a
    /// migration that rebuilt a table.
    async fn foreign_key_violations(&mut self) -> Result<Vec<String>, DriverError> {
        Ok(Vec::new())
    }

    /// A throwaway connection holding a copy of this database's schema and none of its
    /// data, or `None` when the driver has none.
    ///
    /// Dry runs apply the pending migrations to it, so that an operation compiled against
    /// its table's current definition (SQLite's rebuilds) sees the schema as the earlier
    /// migrations of the same batch leave it, and so that errors show without touching the
    /// database.
    async fn scratch(&mut self) -> Result<Option<Box<dyn Connection>>, DriverError> {
        Ok(None)
    }

    /// Describes tables, columns, indexes, foreign keys and views.
    async fn introspect(&mut self) -> Result<Catalog, DriverError>;

    /// Drops every table (and views and types as asked). Risky by name.
    async fn drop_all(&mut self, options: &DropAllOptions) -> Result<DropSummary, DriverError>;

    /// Closes the connection.
    async fn close(self: Box<Self>) -> Result<(), DriverError>;
}
