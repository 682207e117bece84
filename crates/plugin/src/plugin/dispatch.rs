//! Runs one decoded [`Request`] on the driver, one of its connections, or its dialect.
//!
//! Async operations run on the plugin's runtime with `block_on`; dialect operations are plain
//! function calls.

use dbm_core::{Driver, DriverError, DriverErrorKind, Error};
use serde::Serialize;

use super::registry;
use super::runtime::block_on;
use crate::wire::{DialectInfo, Request};

/// The `ok` value of a request, or the driver's error.
pub(super) type Reply = Result<serde_json::Value, DriverError>;

/// Runs a request.
pub(super) fn dispatch(driver: &dyn Driver, request: Request) -> Reply {
    match request {
        Request::Connect { config, options } => {
            let connection = block_on(driver.connect(&config, options))??;
            reply(registry::insert(connection))
        }
        Request::CreateDatabase { config } => reply(block_on(driver.create_database(&config))??),
        Request::DropDatabase { config } => reply(block_on(driver.drop_database(&config))??),
        Request::Execute { handle, sql } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.execute(&sql))??)
        }
        Request::ExecuteBatch { handle, statements } => {
            let mut connection = registry::checkout(handle)?;
            match block_on(connection.execute_batch(&statements))? {
                Ok(()) => Ok(serde_json::Value::Null),
                Err(failure) => reply(failure),
            }
        }
        Request::Query {
            handle,
            sql,
            params,
        } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.query(&sql, &params))??)
        }
        Request::ExecuteWith {
            handle,
            sql,
            params,
        } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.execute_with(&sql, &params))??)
        }
        Request::Begin { handle } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.begin())??)
        }
        Request::Commit { handle } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.commit())??)
        }
        Request::Rollback { handle } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.rollback())??)
        }
        Request::TryLock { handle, key } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.try_lock(&key))??)
        }
        Request::Unlock { handle, key } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.unlock(&key))??)
        }
        Request::TableExists { handle, table } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.table_exists(&table))??)
        }
        Request::TableState { handle, table } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.table_state(&table))??)
        }
        Request::SetForeignKeyChecks { handle, enabled } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.set_foreign_key_checks(enabled))??)
        }
        Request::ForeignKeyViolations { handle } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.foreign_key_violations())??)
        }
        Request::Scratch { handle } => {
            let mut connection = registry::checkout(handle)?;
            let scratch = block_on(connection.scratch())??;
            reply(scratch.map(registry::insert))
        }
        Request::Introspect { handle } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.introspect())??)
        }
        Request::DropAll { handle, options } => {
            let mut connection = registry::checkout(handle)?;
            reply(block_on(connection.drop_all(&options))??)
        }
        Request::Close { handle } => {
            let connection = registry::remove(handle)?;
            reply(block_on(connection.close())??)
        }
        request => dialect(driver, request),
    }
}

/// Runs a dialect request.
fn dialect(driver: &dyn Driver, request: Request) -> Reply {
    let dialect = driver.dialect();
    match request {
        Request::DialectInfo => reply(DialectInfo {
            name: dialect.name().to_owned(),
            capabilities: dialect.capabilities(),
            scripted_transactions: dialect.scripted_transactions(),
            info: Some(dialect.info()),
        }),
        Request::QuoteIdentifier { ident } => reply(dialect.quote_identifier(&ident)),
        Request::QuoteString { text } => reply(dialect.quote_string(&text)),
        Request::Placeholder { index } => reply(dialect.placeholder(index)),
        Request::TextExpr { column } => reply(dialect.text_expr(&column)),
        Request::NeedsTableState { operation } => reply(dialect.needs_table_state(&operation)),
        Request::Rebuilds { operation } => reply(dialect.rebuilds(&operation)),
        Request::Compile { operation, table } => reply(
            dialect
                .compile(&operation, table.as_ref())
                .map_err(compile_error)?,
        ),
        Request::TrackingTable { table } => reply(dialect.tracking_table(&table)),
        other => Err(DriverError::new(
            DriverErrorKind::Other,
            format!("the plugin has no handler for `{}`", other.op()),
        )),
    }
}

/// A compile error on the wire: a schema error (the operation cannot be expressed) travels as
/// kind `unsupported`, which the host turns back into [`Error::Schema`].
fn compile_error(error: Error) -> DriverError {
    match error {
        Error::Schema { message } => DriverError::new(DriverErrorKind::Unsupported, message),
        Error::Driver(error) => error,
        other => DriverError::new(DriverErrorKind::Other, other.chain()),
    }
}

fn reply(value: impl Serialize) -> Reply {
    serde_json::to_value(value).map_err(|e| {
        DriverError::new(
            DriverErrorKind::Other,
            format!("the plugin could not encode its answer: {e}"),
        )
    })
}
