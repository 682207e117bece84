//! [`PluginConnection`]: a connection held by a plugin, named by its handle.
//!
//! Every method sends one request from tokio's blocking pool. An operation the plugin does not
//! support falls back to the trait's default (`begin` sends `BEGIN`, `execute_batch` runs the
//! statements one by one, `scratch` is `None`, ...), and is an `unsupported` error where the
//! trait has none.

use std::sync::Arc;

use async_trait::async_trait;
use dbm_core::driver::{BatchError, Catalog, DropAllOptions, DropSummary, Row, TableState, Value};
use dbm_core::{Connection, DriverError};

use super::client::{Client, Reply, call_blocking};
use crate::wire::Request;

/// A [`Connection`] served by a plugin.
///
/// Dropping it without [`Connection::close`] still closes it in the plugin (in the
/// background when a tokio runtime is running), so its locks are released.
pub struct PluginConnection {
    client: Arc<Client>,
    handle: u64,
    open: bool,
}

impl std::fmt::Debug for PluginConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PluginConnection")
            .field("plugin", &self.client.path())
            .field("handle", &self.handle)
            .finish()
    }
}

impl PluginConnection {
    pub(super) fn new(client: Arc<Client>, handle: u64) -> Self {
        Self {
            client,
            handle,
            open: true,
        }
    }

    /// Sends a request whose value is required.
    async fn required<T>(&self, request: Request) -> Result<T, DriverError>
    where
        T: serde::de::DeserializeOwned + Send + 'static,
    {
        let op = request.op();
        call_blocking(&self.client, request)
            .await?
            .required(&self.client, op)
    }

    /// Sends a request that has a default; `None` when the plugin does not support it.
    async fn optional<T>(&self, request: Request) -> Result<Option<T>, DriverError>
    where
        T: serde::de::DeserializeOwned + Send + 'static,
    {
        match call_blocking(&self.client, request).await? {
            Reply::Ok(value) => Ok(Some(value)),
            Reply::Err(error) => Err(error),
            Reply::Unsupported => Ok(None),
        }
    }
}

#[async_trait]
impl Connection for PluginConnection {
    async fn execute(&mut self, sql: &str) -> Result<u64, DriverError> {
        let handle = self.handle;
        self.required(Request::Execute {
            handle,
            sql: sql.to_owned(),
        })
        .await
    }

    async fn execute_batch(&mut self, statements: &[String]) -> Result<(), BatchError> {
        let request = Request::ExecuteBatch {
            handle: self.handle,
            statements: statements.to_vec(),
        };
        match self.optional::<Option<BatchError>>(request).await {
            Ok(Some(None)) => Ok(()),
            Ok(Some(Some(failure))) => Err(failure),
            Ok(None) => {
                for (index, statement) in statements.iter().enumerate() {
                    self.execute(statement)
                        .await
                        .map_err(|error| BatchError { index, error })?;
                }
                Ok(())
            }
            // The plugin failed before running anything we know of: blame the first statement.
            Err(error) => Err(BatchError { index: 0, error }),
        }
    }

    async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DriverError> {
        let handle = self.handle;
        self.required(Request::Query {
            handle,
            sql: sql.to_owned(),
            params: params.to_vec(),
        })
        .await
    }

    async fn execute_with(&mut self, sql: &str, params: &[Value]) -> Result<u64, DriverError> {
        let handle = self.handle;
        self.required(Request::ExecuteWith {
            handle,
            sql: sql.to_owned(),
            params: params.to_vec(),
        })
        .await
    }

    async fn begin(&mut self) -> Result<(), DriverError> {
        let handle = self.handle;
        match self.optional::<()>(Request::Begin { handle }).await? {
            Some(()) => Ok(()),
            None => self.execute("BEGIN").await.map(drop),
        }
    }

    async fn commit(&mut self) -> Result<(), DriverError> {
        let handle = self.handle;
        match self.optional::<()>(Request::Commit { handle }).await? {
            Some(()) => Ok(()),
            None => self.execute("COMMIT").await.map(drop),
        }
    }

    async fn rollback(&mut self) -> Result<(), DriverError> {
        let handle = self.handle;
        match self.optional::<()>(Request::Rollback { handle }).await? {
            Some(()) => Ok(()),
            None => self.execute("ROLLBACK").await.map(drop),
        }
    }

    async fn try_lock(&mut self, key: &str) -> Result<bool, DriverError> {
        let handle = self.handle;
        self.required(Request::TryLock {
            handle,
            key: key.to_owned(),
        })
        .await
    }

    async fn unlock(&mut self, key: &str) -> Result<(), DriverError> {
        let handle = self.handle;
        self.required(Request::Unlock {
            handle,
            key: key.to_owned(),
        })
        .await
    }

    async fn table_exists(&mut self, table: &str) -> Result<bool, DriverError> {
        let handle = self.handle;
        self.required(Request::TableExists {
            handle,
            table: table.to_owned(),
        })
        .await
    }

    async fn table_state(&mut self, table: &str) -> Result<Option<TableState>, DriverError> {
        let handle = self.handle;
        let request = Request::TableState {
            handle,
            table: table.to_owned(),
        };
        Ok(self.optional(request).await?.flatten())
    }

    async fn set_foreign_key_checks(&mut self, enabled: bool) -> Result<(), DriverError> {
        let handle = self.handle;
        let request = Request::SetForeignKeyChecks { handle, enabled };
        self.optional::<()>(request).await.map(drop)
    }

    async fn foreign_key_violations(&mut self) -> Result<Vec<String>, DriverError> {
        let handle = self.handle;
        let request = Request::ForeignKeyViolations { handle };
        Ok(self.optional(request).await?.unwrap_or_default())
    }

    async fn scratch(&mut self) -> Result<Option<Box<dyn Connection>>, DriverError> {
        let handle = self.handle;
        let scratch: Option<Option<u64>> = self.optional(Request::Scratch { handle }).await?;
        Ok(scratch.flatten().map(|handle| {
            Box::new(PluginConnection::new(Arc::clone(&self.client), handle)) as Box<dyn Connection>
        }))
    }

    async fn introspect(&mut self) -> Result<Catalog, DriverError> {
        let handle = self.handle;
        self.required(Request::Introspect { handle }).await
    }

    async fn drop_all(&mut self, options: &DropAllOptions) -> Result<DropSummary, DriverError> {
        let handle = self.handle;
        self.required(Request::DropAll {
            handle,
            options: options.clone(),
        })
        .await
    }

    async fn close(mut self: Box<Self>) -> Result<(), DriverError> {
        self.open = false;
        let handle = self.handle;
        self.required(Request::Close { handle }).await
    }
}

impl Drop for PluginConnection {
    fn drop(&mut self) {
        if !self.open {
            return;
        }
        let client = Arc::clone(&self.client);
        let request = Request::Close {
            handle: self.handle,
        };
        let close = move || {
            // Nobody is left to hear about a failure.
            let _ = client.call::<()>(&request);
        };
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => drop(runtime.spawn_blocking(close)),
            Err(_) => close(),
        }
    }
}
