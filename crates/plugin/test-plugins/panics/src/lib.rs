//! A plugin whose driver panics (`libdbm_test_plugin_panics.so`): `connect`,
//! `create_database`, `quote_identifier` and `compile` panic; with the environment variable
//! `DBM_TEST_PANIC_IN_ENTRY` set, building the driver in the entry point panics too.
//!
//! Its `drop_database` does not panic: it emits `tracing` events (one of them from a task on
//! the plugin's runtime, on a worker thread) and answers `true`, to test log forwarding.

use std::sync::Arc;

use async_trait::async_trait;
use dbm_core::dialect::{Capabilities, DialectInfo};
use dbm_core::driver::{ConnectOptions, Connection, TableState};
use dbm_core::schema::Operation;
use dbm_core::{ConnectionConfig, Dialect, Driver, DriverError};

/// The panicking driver (`panics`).
#[derive(Debug)]
pub struct PanickingDriver;

impl PanickingDriver {
    /// Builds the driver; panics when `DBM_TEST_PANIC_IN_ENTRY` is set.
    pub fn new() -> Self {
        if std::env::var_os("DBM_TEST_PANIC_IN_ENTRY").is_some() {
            panic!("the driver refuses to be built");
        }
        Self
    }
}

impl Default for PanickingDriver {
    fn default() -> Self {
        Self::new()
    }
}

#[async_trait]
impl Driver for PanickingDriver {
    fn name(&self) -> &str {
        "panics"
    }

    fn version(&self) -> &str {
        "0.0.1"
    }

    fn dialect(&self) -> Arc<dyn Dialect> {
        Arc::new(PanickingDialect)
    }

    async fn connect(
        &self,
        _config: &ConnectionConfig,
        _options: ConnectOptions,
    ) -> Result<Box<dyn Connection>, DriverError> {
        panic!("connect exploded")
    }

    async fn create_database(&self, _config: &ConnectionConfig) -> Result<bool, DriverError> {
        let words: Vec<&str> = Vec::new();
        Ok(words[3].is_empty())
    }

    async fn drop_database(&self, _config: &ConnectionConfig) -> Result<bool, DriverError> {
        tracing::info!(target: "dbm::sql", "DROP DATABASE pretend");
        tracing::debug!(target: "panics::detail", rows = 0, "a debug detail");
        tracing::trace!(target: "panics::detail", "a trace detail");
        let worker = tokio::spawn(async {
            tracing::warn!(target: "panics::worker", "hello from a worker thread");
            7
        });
        Ok(worker.await.ok() == Some(7))
    }
}

/// The panicking dialect.
struct PanickingDialect;

impl Dialect for PanickingDialect {
    fn name(&self) -> &str {
        "panics"
    }

    fn quote_identifier(&self, _ident: &str) -> String {
        panic!("quote_identifier exploded")
    }

    fn info(&self) -> DialectInfo {
        DialectInfo {
            capabilities: Capabilities {
                transactional_ddl: true,
                native_enum: false,
            },
            ..DialectInfo::ansi()
        }
    }

    fn compile(
        &self,
        _op: &Operation,
        _table: Option<&TableState>,
    ) -> dbm_core::Result<Vec<String>> {
        panic!("compile exploded")
    }
}

dbm_plugin::export_driver!(PanickingDriver::new());
