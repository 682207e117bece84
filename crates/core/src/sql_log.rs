//! The debug SQL log: a [`Connection`] wrapper that reports every statement and its bindings.
//!
//! Each statement is emitted as a `tracing` event with target [`TARGET`] at `INFO` level;
//! the CLI shows these, dimmed on stderr, when the connection's `debug` is on.

use async_trait::async_trait;

use crate::driver::{
    BatchError, Catalog, Connection, DropAllOptions, DropSummary, Row, TableState, Topology, Value,
};
use crate::error::DriverError;

/// The `tracing` target of SQL log events.
pub const TARGET: &str = "dbm::sql";

/// Wraps a connection so that every statement it runs is logged.
pub fn logged(inner: Box<dyn Connection>) -> Box<dyn Connection> {
    Box::new(Logged { inner })
}

struct Logged {
    inner: Box<dyn Connection>,
}

fn log(sql: &str, params: &[Value]) {
    if params.is_empty() {
        tracing::info!(target: TARGET, "{sql}");
    } else {
        let bindings: Vec<String> = params.iter().map(Value::display).collect();
        tracing::info!(target: TARGET, "{sql}  [{}]", bindings.join(", "));
    }
}

#[async_trait]
impl Connection for Logged {
    async fn execute(&mut self, sql: &str) -> Result<u64, DriverError> {
        log(sql, &[]);
        self.inner.execute(sql).await
    }

    async fn execute_batch(&mut self, statements: &[String]) -> Result<(), BatchError> {
        for statement in statements {
            log(statement, &[]);
        }
        self.inner.execute_batch(statements).await
    }

    async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DriverError> {
        log(sql, params);
        self.inner.query(sql, params).await
    }

    async fn execute_with(&mut self, sql: &str, params: &[Value]) -> Result<u64, DriverError> {
        log(sql, params);
        self.inner.execute_with(sql, params).await
    }

    async fn begin(&mut self) -> Result<(), DriverError> {
        log("BEGIN", &[]);
        self.inner.begin().await
    }

    async fn commit(&mut self) -> Result<(), DriverError> {
        log("COMMIT", &[]);
        self.inner.commit().await
    }

    async fn rollback(&mut self) -> Result<(), DriverError> {
        log("ROLLBACK", &[]);
        self.inner.rollback().await
    }

    async fn try_lock(&mut self, key: &str) -> Result<bool, DriverError> {
        self.inner.try_lock(key).await
    }

    async fn unlock(&mut self, key: &str) -> Result<(), DriverError> {
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
            log(&format!("-- dropped table {table}"), &[]);
        }
        Ok(summary)
    }

    async fn close(self: Box<Self>) -> Result<(), DriverError> {
        self.inner.close().await
    }
}
