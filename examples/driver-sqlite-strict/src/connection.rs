//! [`StrictConnection`]: one sqlx connection to one SQLite database, and its migration lock.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::Duration;

use async_trait::async_trait;
use dbm_core::driver::{
    Catalog, ConnectOptions, Connection, DropAllOptions, DropSummary, Row, Value,
};
use dbm_core::{ConnectionConfig, DriverError, DriverErrorKind};
use sqlx::sqlite::{Sqlite, SqliteArguments, SqliteConnectOptions, SqliteRow};
use sqlx::{AssertSqlSafe, ConnectOptions as _, Decode, Row as _, TypeInfo as _, ValueRef as _};

use crate::error::{io_error, message, query_error};
use crate::introspect;
use crate::location::{self, Location};

/// How long a statement waits for another connection's write lock before `database is locked`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The lock file of a database file: `<database file>.lock`.
pub fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// An open connection to a SQLite database, foreign keys enforced.
///
/// Statements without parameters go through [`sqlx::raw_sql`] (nothing is prepared);
/// queries with parameters through [`sqlx::query()`] with each [`Value`] bound, and values come
/// back by their storage class (`INTEGER`, `REAL`, `TEXT`, `BLOB`, `NULL`). Transactions are
/// the [`Connection`] defaults: plain `BEGIN`, `COMMIT`, `ROLLBACK`.
///
/// The migration lock is an OS file lock ([`File::try_lock`]) on `<database file>.lock`
/// ([`lock_path`]), created when missing and never deleted; the OS releases it when the process
/// dies, and `unlock`, `close` and dropping the connection release it too. An in-memory
/// database is private to its connection, so its lock always succeeds.
#[derive(Debug)]
pub struct StrictConnection {
    conn: sqlx::sqlite::SqliteConnection,
    path: Option<PathBuf>,
    lock: Option<File>,
}

impl StrictConnection {
    /// Opens the database of a connection.
    ///
    /// With `options.create`, a missing file and its folder are created. Without it a missing
    /// file stays missing and the connection reads an empty in-memory database instead, so
    /// `migration:status` and dry runs leave nothing behind.
    ///
    /// # Errors
    ///
    /// A URL that is not a SQLite URL (`Config`), a file that cannot be opened (`Connect`) or a
    /// folder that cannot be created (`Other`).
    pub async fn open(
        config: &ConnectionConfig,
        options: ConnectOptions,
    ) -> Result<Self, DriverError> {
        let path = match location::parse(config)? {
            Location::File(path) if path.exists() => Some(path),
            Location::File(path) if options.create => {
                create_parent(&path)?;
                Some(path)
            }
            Location::File(_) | Location::Memory => None,
        };
        let conn = match &path {
            Some(path) => SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(options.create),
            None => SqliteConnectOptions::new().in_memory(true),
        }
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        .disable_statement_logging()
        .connect()
        .await
        .map_err(|e| {
            let shown = path
                .as_deref()
                .map_or_else(|| ":memory:".to_string(), |p| p.display().to_string());
            DriverError::new(
                DriverErrorKind::Connect,
                format!("cannot open the SQLite database {shown}: {}", message(&e)),
            )
        })?;
        Ok(Self {
            conn,
            path,
            lock: None,
        })
    }

    /// The database file, or `None` for an in-memory database.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn bound<'q>(
        sql: &'q str,
        params: &[Value],
    ) -> sqlx::query::Query<'q, Sqlite, SqliteArguments> {
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for param in params {
            query = match param.clone() {
                Value::Null => query.bind(None::<i64>),
                Value::Bool(b) => query.bind(b),
                Value::Integer(i) => query.bind(i),
                Value::Float(f) => query.bind(f),
                Value::Text(t) => query.bind(t),
                Value::Bytes(b) => query.bind(b),
            };
        }
        query
    }

    /// Releases the migration lock if this connection holds it.
    fn release(&mut self) -> Result<(), DriverError> {
        if let (Some(file), Some(path)) = (self.lock.take(), &self.path) {
            file.unlock()
                .map_err(|e| io_error("cannot unlock", &lock_path(path), &e))?;
        }
        Ok(())
    }
}

/// Creates the folder of a database file.
pub(crate) fn create_parent(path: &Path) -> Result<(), DriverError> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => std::fs::create_dir_all(parent)
            .map_err(|e| io_error("cannot create the folder", parent, &e)),
        _ => Ok(()),
    }
}

/// Reads a row by each value's storage class, whatever the column's declared type.
fn decode_row(row: &SqliteRow) -> Result<Row, DriverError> {
    let mut values = Vec::with_capacity(row.len());
    for index in 0..row.len() {
        let raw = row.try_get_raw(index).map_err(query_error)?;
        if raw.is_null() {
            values.push(Value::Null);
            continue;
        }
        let class = raw.type_info().name().to_string();
        let decoded = match class.as_str() {
            "INTEGER" => <i64 as Decode<Sqlite>>::decode(raw).map(Value::Integer),
            "REAL" => <f64 as Decode<Sqlite>>::decode(raw).map(Value::Float),
            "BLOB" => <Vec<u8> as Decode<Sqlite>>::decode(raw).map(Value::Bytes),
            _ => <String as Decode<Sqlite>>::decode(raw).map(Value::Text),
        };
        values.push(decoded.map_err(|e| {
            DriverError::query(format!("cannot read column {index} of a row: {e}"))
        })?);
    }
    Ok(Row { values })
}

#[async_trait]
impl Connection for StrictConnection {
    async fn execute(&mut self, sql: &str) -> Result<u64, DriverError> {
        let done = sqlx::raw_sql(AssertSqlSafe(sql))
            .execute(&mut self.conn)
            .await
            .map_err(query_error)?;
        Ok(done.rows_affected())
    }

    async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DriverError> {
        let rows = Self::bound(sql, params)
            .fetch_all(&mut self.conn)
            .await
            .map_err(query_error)?;
        rows.iter().map(decode_row).collect()
    }

    async fn execute_with(&mut self, sql: &str, params: &[Value]) -> Result<u64, DriverError> {
        let done = Self::bound(sql, params)
            .execute(&mut self.conn)
            .await
            .map_err(query_error)?;
        Ok(done.rows_affected())
    }

    /// One lock per database file, whatever the key.
    async fn try_lock(&mut self, _key: &str) -> Result<bool, DriverError> {
        let Some(database) = &self.path else {
            return Ok(true);
        };
        if self.lock.is_some() {
            return Ok(true);
        }
        let path = lock_path(database);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| io_error("cannot open the lock file", &path, &e))?;
        match file.try_lock() {
            Ok(()) => {
                self.lock = Some(file);
                Ok(true)
            }
            Err(TryLockError::WouldBlock) => Ok(false),
            Err(TryLockError::Error(e)) => Err(io_error("cannot lock", &path, &e)),
        }
    }

    async fn unlock(&mut self, _key: &str) -> Result<(), DriverError> {
        self.release()
    }

    async fn table_exists(&mut self, table: &str) -> Result<bool, DriverError> {
        let rows = self
            .query(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE",
                &[Value::Text(table.to_string())],
            )
            .await?;
        Ok(!rows.is_empty())
    }

    async fn introspect(&mut self) -> Result<Catalog, DriverError> {
        introspect::catalog(&mut self.conn)
            .await
            .map_err(query_error)
    }

    /// Foreign keys off, then in one transaction the views (when asked) and every table except
    /// SQLite's own (their `AUTOINCREMENT` counters go with them); foreign keys back on, on
    /// every path.
    async fn drop_all(&mut self, options: &DropAllOptions) -> Result<DropSummary, DriverError> {
        if options.drop_types {
            return Err(DriverError::unsupported(
                "SQLite has no types to drop (drop_types is for PostgreSQL enum types)",
            ));
        }
        self.execute("PRAGMA foreign_keys = OFF").await?;
        self.execute("BEGIN").await?;
        let dropped = introspect::drop_everything(&mut self.conn, options)
            .await
            .map_err(query_error);
        let ended = match &dropped {
            Ok(_) => self.execute("COMMIT").await.map(drop),
            Err(_) => self.execute("ROLLBACK").await.map(drop),
        };
        let restored = self.execute("PRAGMA foreign_keys = ON").await;
        let summary = dropped?;
        ended?;
        restored?;
        Ok(summary)
    }

    async fn close(mut self: Box<Self>) -> Result<(), DriverError> {
        self.release()?;
        let Self { conn, .. } = *self;
        sqlx::Connection::close(conn).await.map_err(query_error)
    }
}
