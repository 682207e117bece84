//! [`SqliteConnection`]: one sqlx connection to one SQLite database, no pool.
//!
//! Statements without parameters (DDL, `BEGIN`, `COMMIT`, pragmas) go through
//! [`sqlx::raw_sql`]: nothing is prepared into sqlx's statement cache. Queries with parameters
//! go through [`sqlx::query`] with each [`Value`] bound. Transactions are plain `BEGIN` /
//! `COMMIT` / `ROLLBACK` statements on this one connection; sqlx's own transaction API is not
//! used, so nothing else tracks or ends a transaction behind the migrator's back.

use std::path::{Path, PathBuf};
use std::time::Duration;

use async_trait::async_trait;
use dbm_core::driver::{
    BatchError, Catalog, ConnectOptions, Connection, DropAllOptions, DropSummary, Row, TableState,
    Value,
};
use dbm_core::{ConnectionConfig, DriverError};
use sqlx::sqlite::{Sqlite, SqliteConnectOptions};
use sqlx::{AssertSqlSafe, ConnectOptions as _};

use crate::busy::{self, BusyWait};
use crate::error::{Result, SqliteError};
use crate::location::{self, Location};
use crate::lock::FileLock;
use crate::{introspect, wipe};

/// How long a statement waits for another connection's write lock before `database is locked`,
/// when the connect options give no lock timeout.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open connection to a SQLite database.
///
/// Foreign keys are enforced (`PRAGMA foreign_keys = ON`). A statement waits for a lock another
/// program holds on the database up to the connect options' lock timeout (five seconds when
/// none is given), saying once that it waits. The URL may set the journal mode
/// (`?journal_mode=wal`). Otherwise a connection that may write (`create`) to a database in SQLite's default `DELETE` journal mode commits
/// in `TRUNCATE` mode and switches back to `DELETE` when it closes: both modes are rollback
/// journals with the same durability, and truncating the journal at each commit spares the
/// directory update of deleting it (about 2% of a run of a thousand small migrations). The
/// mode of a rollback journal belongs to the connection, so other connections and the file
/// itself are unchanged; a process that dies before closing leaves an empty `-journal` file,
/// which SQLite ignores.
#[derive(Debug)]
pub struct SqliteConnection {
    conn: sqlx::sqlite::SqliteConnection,
    lock: FileLock,
    path: Option<PathBuf>,
    /// The connection switched the journal from `DELETE` to `TRUNCATE`.
    truncating: bool,
    /// The wait for other programs' locks on a database file (`None` in memory).
    busy: Option<&'static BusyWait>,
}

impl SqliteConnection {
    /// Opens the database of a connection.
    ///
    /// With `options.create`, a missing file and its folder are created. Without it, a missing
    /// file is not created: the connection opens an empty in-memory database instead, so
    /// `migration:status`, `migration:check` and dry runs see an empty database and leave no
    /// file behind.
    ///
    /// # Errors
    ///
    /// A URL that is not a SQLite URL (`Config`), a file that cannot be opened or a folder
    /// that cannot be created (`Connect`, `Other`).
    pub async fn open(
        config: &ConnectionConfig,
        options: ConnectOptions,
    ) -> Result<Self, DriverError> {
        Ok(Self::open_inner(config, options).await?)
    }

    async fn open_inner(config: &ConnectionConfig, options: ConnectOptions) -> Result<Self> {
        let target = location::parse(config)?;
        let path = match target.location {
            Location::File(path) if path.exists() => Some(path),
            Location::File(path) if options.create => {
                create_parent(&path)?;
                Some(path)
            }
            Location::File(_) | Location::Memory => None,
        };
        let timeout = options.lock_timeout.unwrap_or(BUSY_TIMEOUT);
        let mut sqlx_options = match &path {
            Some(path) => SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(options.create),
            None => SqliteConnectOptions::new().in_memory(true),
        }
        .foreign_keys(true)
        .busy_timeout(timeout)
        .disable_statement_logging();
        if let Some(mode) = target.journal_mode {
            sqlx_options = sqlx_options.journal_mode(mode);
        }
        if let Some(synchronous) = target.synchronous {
            sqlx_options = sqlx_options.synchronous(synchronous);
        }
        let mut conn = sqlx_options
            .connect()
            .await
            .map_err(|source| SqliteError::Open {
                path: path.clone().unwrap_or_else(|| PathBuf::from(":memory:")),
                source,
            })?;
        let busy = match &path {
            Some(path) => {
                let wait: &'static BusyWait =
                    Box::leak(Box::new(BusyWait::new(path.clone(), timeout)));
                let mut handle = conn.lock_handle().await?;
                busy::install(handle.as_raw_handle(), wait);
                Some(wait)
            }
            None => None,
        };
        let mut connection = Self {
            conn,
            lock: FileLock::new(path.as_deref()),
            path,
            truncating: false,
            busy,
        };
        if options.create && connection.path.is_some() && target.journal_mode.is_none() {
            connection.truncate_journal().await.map_err(|e| {
                match connection.busy.filter(|wait| wait.timed_out()) {
                    Some(wait) => SqliteError::Locked(wait.message()),
                    None => e,
                }
            })?;
        }
        Ok(connection)
    }

    /// Switches a `DELETE` journal to `TRUNCATE` for this connection (see the type's docs).
    async fn truncate_journal(&mut self) -> Result<()> {
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut self.conn)
            .await?;
        if mode.eq_ignore_ascii_case("delete") {
            self.run("PRAGMA journal_mode = TRUNCATE").await?;
            self.truncating = true;
        }
        Ok(())
    }

    /// An empty in-memory database with foreign keys enforced.
    async fn memory() -> Result<Self> {
        let conn = SqliteConnectOptions::new()
            .in_memory(true)
            .foreign_keys(true)
            .disable_statement_logging()
            .connect()
            .await
            .map_err(|source| SqliteError::Open {
                path: PathBuf::from(":memory:"),
                source,
            })?;
        Ok(Self {
            conn,
            lock: FileLock::new(None),
            path: None,
            truncating: false,
            busy: None,
        })
    }

    /// The database file, or `None` for an in-memory database (including the empty stand-in
    /// for a missing file).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A `database is locked` after a wait that timed out, explained (see [`crate::busy`]).
    fn explain(&self, error: impl Into<DriverError>) -> DriverError {
        let error = error.into();
        match self.busy {
            Some(wait) => wait.explain(error),
            None => error,
        }
    }

    async fn run(&mut self, sql: &str) -> Result<u64> {
        // sqlx hands SQLite the text after each statement until none is left; SQLite stops
        // reading at a NUL byte, so the rest never shrinks and sqlx would spin for ever.
        if sql.contains('\0') {
            return Err(SqliteError::Nul);
        }
        let done = sqlx::raw_sql(AssertSqlSafe(sql))
            .execute(&mut self.conn)
            .await?;
        Ok(done.rows_affected())
    }

    fn bound<'q>(
        sql: &'q str,
        params: &[Value],
    ) -> sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments> {
        dbm_core::bind_values!(sqlx::query(AssertSqlSafe(sql)), params, null = None::<i64>)
    }
}

/// Creates the folder of a database file.
fn create_parent(path: &Path) -> Result<()> {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            std::fs::create_dir_all(parent).map_err(|source| SqliteError::Io {
                action: "cannot create the folder",
                path: parent.to_path_buf(),
                source,
            })
        }
        _ => Ok(()),
    }
}

#[async_trait]
impl Connection for SqliteConnection {
    async fn execute(&mut self, sql: &str) -> Result<u64, DriverError> {
        self.run(sql).await.map_err(|e| self.explain(e))
    }

    /// Runs the statements on SQLite's own handle while sqlx's worker thread is held (see
    /// the `exec` module): one thread hand-off for the whole batch, and the failing
    /// statement's index is exact.
    async fn execute_batch(&mut self, statements: &[String]) -> Result<(), BatchError> {
        if statements.len() < 2 {
            for (index, statement) in statements.iter().enumerate() {
                self.execute(statement)
                    .await
                    .map_err(|error| BatchError { index, error })?;
            }
            return Ok(());
        }
        let busy = self.busy;
        let explain = |error: DriverError| match busy {
            Some(wait) => wait.explain(error),
            None => error,
        };
        let mut handle = self.conn.lock_handle().await.map_err(|e| BatchError {
            index: 0,
            error: SqliteError::from(e).into(),
        })?;
        let db = handle.as_raw_handle();
        for (index, statement) in statements.iter().enumerate() {
            crate::exec::exec(db, statement).map_err(|message| BatchError {
                index,
                error: explain(DriverError::query(message)),
            })?;
        }
        Ok(())
    }

    /// Reads the rows on SQLite's own handle (see the `exec` module): one thread hand-off for
    /// the whole result, however many rows, each value in its storage class.
    async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DriverError> {
        let busy = self.busy;
        let mut handle = self.conn.lock_handle().await.map_err(SqliteError::from)?;
        crate::exec::query(handle.as_raw_handle(), sql, params).map_err(|message| {
            let error = DriverError::query(message);
            match busy {
                Some(wait) => wait.explain(error),
                None => error,
            }
        })
    }

    async fn execute_with(&mut self, sql: &str, params: &[Value]) -> Result<u64, DriverError> {
        let done = Self::bound(sql, params)
            .execute(&mut self.conn)
            .await
            .map_err(|e| self.explain(SqliteError::from(e)))?;
        Ok(done.rows_affected())
    }

    async fn try_lock(&mut self, _key: &str) -> Result<bool, DriverError> {
        Ok(self.lock.try_lock()?)
    }

    async fn unlock(&mut self, _key: &str) -> Result<(), DriverError> {
        Ok(self.lock.unlock()?)
    }

    async fn table_exists(&mut self, table: &str) -> Result<bool, DriverError> {
        let rows = Self::bound(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE",
            &[Value::Text(table.to_string())],
        )
        .fetch_all(&mut self.conn)
        .await
        .map_err(|e| self.explain(SqliteError::from(e)))?;
        Ok(!rows.is_empty())
    }

    async fn table_state(&mut self, table: &str) -> Result<Option<TableState>, DriverError> {
        let state = introspect::table_state(&mut self.conn, table).await;
        state.map_err(|e| self.explain(e))
    }

    async fn set_foreign_key_checks(&mut self, enabled: bool) -> Result<(), DriverError> {
        let sql = if enabled {
            "PRAGMA foreign_keys = ON"
        } else {
            "PRAGMA foreign_keys = OFF"
        };
        self.run(sql).await.map_err(|e| self.explain(e))?;
        Ok(())
    }

    async fn foreign_key_violations(&mut self) -> Result<Vec<String>, DriverError> {
        let violations = introspect::foreign_key_violations(&mut self.conn).await;
        violations.map_err(|e| self.explain(e))
    }

    /// An in-memory database with this one's schema (every table, index, trigger and view,
    /// in the order they were created) and none of its rows.
    async fn scratch(&mut self) -> Result<Option<Box<dyn Connection>>, DriverError> {
        let rows = self
            .query(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL \
                 AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
                &[],
            )
            .await?;
        let statements: Vec<String> = rows.iter().filter_map(|r| r.get(0).as_text()).collect();
        let mut scratch = Self::memory().await?;
        scratch.set_foreign_key_checks(false).await?;
        scratch
            .execute_batch(&statements)
            .await
            .map_err(|failure| failure.error)?;
        scratch.set_foreign_key_checks(true).await?;
        Ok(Some(Box::new(scratch)))
    }

    async fn introspect(&mut self) -> Result<Catalog, DriverError> {
        let catalog = introspect::catalog(&mut self.conn).await;
        catalog.map_err(|e| self.explain(e))
    }

    async fn drop_all(&mut self, options: &DropAllOptions) -> Result<DropSummary, DriverError> {
        let summary = wipe::drop_all(&mut self.conn, options).await;
        summary.map_err(|e| self.explain(e))
    }

    async fn close(mut self: Box<Self>) -> Result<(), DriverError> {
        let restored = if self.truncating {
            self.run("PRAGMA journal_mode = DELETE").await.map(drop)
        } else {
            Ok(())
        };
        self.lock.unlock()?;
        restored?;
        let Self { conn, .. } = *self;
        sqlx::Connection::close(conn)
            .await
            .map_err(SqliteError::from)?;
        Ok(())
    }
}
