//! The SQL log: a [`Connection`] wrapper that reports every statement and its bindings.
//!
//! Each statement is emitted as a `tracing` event at `INFO` level, with one of two targets:
//!
//! - [`TARGET`] for the work itself: a migration's or seeder's statements, the transactions
//!   around them, what `fresh` dropped;
//! - [`BOOKKEEPING_TARGET`] for dbm's own records: any statement on the tracking table, its
//!   `_versions` table or its `_lock` lease table, and taking or releasing the migration lock.
//!
//! A statement is bookkeeping when it names one of those tables, quoted as the dialect quotes
//! them (dbm always quotes the names it writes); the tracking row a migration's script
//! records inside its own transaction is therefore bookkeeping too. The CLI shows the first
//! target with `debug = true` or `-v`, and both with `-vv`.

use async_trait::async_trait;

use crate::dialect::{Dialect, versions_table};
use crate::driver::{
    BatchError, Catalog, Connection, DropAllOptions, DropSummary, Row, TableState, Topology, Value,
};
use crate::error::DriverError;
use crate::migrator::lock_table_name;

/// The `tracing` target of the statements of the work itself.
pub const TARGET: &str = "dbm::sql";

/// The `tracing` target of dbm's bookkeeping statements: the tracking tables and the lock.
pub const BOOKKEEPING_TARGET: &str = "dbm::sql::bookkeeping";

/// Whether the current subscriber shows either target: a connection is wrapped with
/// [`logged`] only then, so that a run without the log pays nothing for it.
pub fn enabled() -> bool {
    tracing::enabled!(target: TARGET, tracing::Level::INFO)
        || tracing::enabled!(target: BOOKKEEPING_TARGET, tracing::Level::INFO)
}

/// Wraps a connection so that every statement it runs is logged; statements on the tracking
/// table `table` (and the tables named after it) and the migration lock go to
/// [`BOOKKEEPING_TARGET`].
pub fn logged(
    inner: Box<dyn Connection>,
    dialect: &dyn Dialect,
    table: &str,
) -> Box<dyn Connection> {
    let own_tables = [
        table.to_string(),
        versions_table(table).name,
        lock_table_name(table),
    ]
    .iter()
    .map(|name| dialect.quote_identifier(name))
    .collect();
    Box::new(Logged { inner, own_tables })
}

struct Logged {
    inner: Box<dyn Connection>,
    /// The quoted names of the tracking tables: a statement naming one is bookkeeping.
    own_tables: Vec<String>,
}

fn log(sql: &str, params: &[Value], bookkeeping: bool) {
    let bindings = if params.is_empty() {
        String::new()
    } else {
        let shown: Vec<String> = params.iter().map(Value::display).collect();
        format!("  [{}]", shown.join(", "))
    };
    if bookkeeping {
        tracing::info!(target: BOOKKEEPING_TARGET, "{sql}{bindings}");
    } else {
        tracing::info!(target: TARGET, "{sql}{bindings}");
    }
}

impl Logged {
    fn log(&self, sql: &str, params: &[Value]) {
        let bookkeeping = self
            .own_tables
            .iter()
            .any(|table| sql.contains(table.as_str()));
        log(sql, params, bookkeeping);
    }
}

#[async_trait]
impl Connection for Logged {
    async fn execute(&mut self, sql: &str) -> Result<u64, DriverError> {
        self.log(sql, &[]);
        self.inner.execute(sql).await
    }

    async fn execute_batch(&mut self, statements: &[String]) -> Result<(), BatchError> {
        for statement in statements {
            self.log(statement, &[]);
        }
        self.inner.execute_batch(statements).await
    }

    async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DriverError> {
        self.log(sql, params);
        self.inner.query(sql, params).await
    }

    async fn execute_with(&mut self, sql: &str, params: &[Value]) -> Result<u64, DriverError> {
        self.log(sql, params);
        self.inner.execute_with(sql, params).await
    }

    async fn begin(&mut self) -> Result<(), DriverError> {
        log("BEGIN", &[], false);
        self.inner.begin().await
    }

    async fn commit(&mut self) -> Result<(), DriverError> {
        log("COMMIT", &[], false);
        self.inner.commit().await
    }

    async fn rollback(&mut self) -> Result<(), DriverError> {
        log("ROLLBACK", &[], false);
        self.inner.rollback().await
    }

    async fn try_lock(&mut self, key: &str) -> Result<bool, DriverError> {
        let taken = self.inner.try_lock(key).await?;
        let outcome = if taken {
            "taken"
        } else {
            "held by another process"
        };
        log(&format!("-- migration lock `{key}`: {outcome}"), &[], true);
        Ok(taken)
    }

    async fn unlock(&mut self, key: &str) -> Result<(), DriverError> {
        log(&format!("-- migration lock `{key}`: released"), &[], true);
        self.inner.unlock(key).await
    }

    async fn topology(&mut self) -> Result<Topology, DriverError> {
        self.inner.topology().await
    }

    async fn table_exists(&mut self, table: &str) -> Result<bool, DriverError> {
        self.inner.table_exists(table).await
    }

    async fn table_state(&mut self, table: &str) -> Result<Option<TableState>, DriverError> {
        self.inner.table_state(table).await
    }

    async fn set_foreign_key_checks(&mut self, enabled: bool) -> Result<(), DriverError> {
        log(
            &format!(
                "-- foreign key checks {}",
                if enabled { "on" } else { "off" }
            ),
            &[],
            false,
        );
        self.inner.set_foreign_key_checks(enabled).await
    }

    async fn foreign_key_violations(&mut self) -> Result<Vec<String>, DriverError> {
        self.inner.foreign_key_violations().await
    }

    async fn scratch(&mut self) -> Result<Option<Box<dyn Connection>>, DriverError> {
        self.inner.scratch().await
    }

    async fn introspect(&mut self) -> Result<Catalog, DriverError> {
        self.inner.introspect().await
    }

    async fn drop_all(&mut self, options: &DropAllOptions) -> Result<DropSummary, DriverError> {
        let summary = self.inner.drop_all(options).await?;
        for table in &summary.tables {
            log(&format!("-- dropped table {table}"), &[], false);
        }
        Ok(summary)
    }

    async fn close(self: Box<Self>) -> Result<(), DriverError> {
        self.inner.close().await
    }
}
