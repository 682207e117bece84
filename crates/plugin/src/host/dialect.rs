//! [`PluginDialect`]: a plugin's [`Dialect`], asked across the wire.
//!
//! The dialect's name, `scripted_transactions` and [`DialectInfo`](CoreInfo) (family, quoting,
//! placeholders, capabilities, ...) are asked once, when the plugin loads, and cached:
//! `quote_identifier`, `placeholder` and `capabilities` answer from the cache, without a call.
//! The other methods are synchronous in the trait, and quick in a plugin (no I/O), so they call
//! the plugin directly on the calling thread, without `spawn_blocking`.
//!
//! An operation the plugin does not support falls back to the trait's default. The methods
//! that cannot return an error (`quote_string`, `rebuilds`, ...) also fall back to the
//! default when the plugin fails, and log the failure as an error (target `dbm::plugin`);
//! `compile` returns the failure.

use std::sync::Arc;

use dbm_core::dialect::{Capabilities, DialectInfo as CoreInfo};
use dbm_core::driver::TableState;
use dbm_core::schema::{CreateTable, Operation};
use dbm_core::{Dialect, DriverError, DriverErrorKind, Error};
use serde::de::DeserializeOwned;

use super::client::{Client, Reply};
use crate::wire::{DialectInfo, Request};

/// The [`Dialect`] of a [`PluginDriver`](super::PluginDriver).
pub struct PluginDialect {
    client: Arc<Client>,
    facts: DialectInfo,
    info: CoreInfo,
}

impl std::fmt::Debug for PluginDialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PluginDialect")
            .field("plugin", &self.client.path())
            .field("facts", &self.facts)
            .field("info", &self.info)
            .finish()
    }
}

impl PluginDialect {
    pub(super) fn new(client: Arc<Client>, facts: DialectInfo, info: CoreInfo) -> Self {
        Self {
            client,
            facts,
            info,
        }
    }

    /// Calls the plugin; `None` (after logging a failure) means "use the default".
    fn ask<T: DeserializeOwned>(&self, request: &Request) -> Option<T> {
        match self.client.call::<T>(request) {
            Ok(Reply::Ok(value)) => Some(value),
            Ok(Reply::Unsupported) => None,
            Ok(Reply::Err(error)) => {
                self.report(request, &error);
                None
            }
            Err(error) => {
                self.report(request, &DriverError::from(error));
                None
            }
        }
    }

    fn report(&self, request: &Request, error: &DriverError) {
        tracing::error!(
            target: "dbm::plugin",
            "driver plugin {} failed `{}`, using dbm's default: {}",
            self.client.path().display(),
            request.op(),
            error.message
        );
    }
}

/// The trait's defaults, for the fallbacks.
struct Defaults;

impl Dialect for Defaults {
    fn name(&self) -> &str {
        "default"
    }

    fn info(&self) -> CoreInfo {
        CoreInfo::ansi()
    }

    fn compile(
        &self,
        op: &Operation,
        _table: Option<&TableState>,
    ) -> dbm_core::Result<Vec<String>> {
        Err(Error::schema(format!("cannot compile `{}`", op.keyword())))
    }
}

impl Dialect for PluginDialect {
    fn name(&self) -> &str {
        &self.facts.name
    }

    fn info(&self) -> CoreInfo {
        self.info.clone()
    }

    fn quote_identifier(&self, ident: &str) -> String {
        self.info.quoting.quote(ident)
    }

    fn quote_string(&self, text: &str) -> String {
        self.ask(&Request::QuoteString {
            text: text.to_owned(),
        })
        .unwrap_or_else(|| Defaults.quote_string(text))
    }

    fn placeholder(&self, index: usize) -> String {
        self.info.placeholder.placeholder(index)
    }

    fn text_expr(&self, column: &str) -> String {
        self.ask(&Request::TextExpr {
            column: column.to_owned(),
        })
        .unwrap_or_else(|| self.quote_identifier(column))
    }

    fn capabilities(&self) -> Capabilities {
        self.info.capabilities
    }

    fn scripted_transactions(&self) -> bool {
        self.facts.scripted_transactions
    }

    fn needs_table_state(&self, op: &Operation) -> bool {
        self.ask(&Request::NeedsTableState {
            operation: op.clone(),
        })
        .unwrap_or(false)
    }

    fn rebuilds(&self, op: &Operation) -> bool {
        self.ask(&Request::Rebuilds {
            operation: op.clone(),
        })
        .unwrap_or(false)
    }

    /// Compiles in the plugin. An error of kind `unsupported` (how a schema error travels) is
    /// [`Error::Schema`]; any other failure is [`Error::Driver`].
    fn compile(&self, op: &Operation, table: Option<&TableState>) -> dbm_core::Result<Vec<String>> {
        let request = Request::Compile {
            operation: op.clone(),
            table: table.cloned(),
        };
        match self.client.call(&request) {
            Ok(Reply::Ok(statements)) => Ok(statements),
            Ok(Reply::Err(error)) if error.kind == DriverErrorKind::Unsupported => {
                Err(Error::schema(error.message))
            }
            Ok(Reply::Err(error)) => Err(Error::Driver(error)),
            Ok(Reply::Unsupported) => Err(Error::Driver(self.client.unsupported("compile"))),
            Err(error) => Err(Error::Driver(error.into())),
        }
    }

    fn tracking_table(&self, table: &str) -> CreateTable {
        self.ask(&Request::TrackingTable {
            table: table.to_owned(),
        })
        .unwrap_or_else(|| Defaults.tracking_table(table))
    }
}
