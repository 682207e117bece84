//! The plugin's own tokio runtime.
//!
//! A plugin carries its own copy of tokio, which cannot see the host's runtime ("there is no
//! reactor running"), so the plugin runs every async operation on a multi-thread runtime of
//! its own, with `block_on` on the calling thread. The runtime is created on first use and
//! never dropped: the connections it opened (sqlx's included) stay bound to it for the whole
//! process.

use std::future::Future;
use std::sync::OnceLock;

use dbm_core::{DriverError, DriverErrorKind};
use tokio::runtime::{Builder, EnterGuard, Runtime};

static RUNTIME: OnceLock<Result<Runtime, String>> = OnceLock::new();

/// The runtime, created on first use.
fn runtime() -> Result<&'static Runtime, DriverError> {
    RUNTIME
        .get_or_init(|| {
            Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("dbm-plugin")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| {
            DriverError::new(
                DriverErrorKind::Other,
                format!("the plugin could not start its async runtime: {e}"),
            )
        })
}

/// Runs a future to completion on the plugin's runtime, on the calling thread.
pub(crate) fn block_on<F: Future>(future: F) -> Result<F::Output, DriverError> {
    Ok(runtime()?.block_on(future))
}

/// Enters the runtime's context (for dropping connections outside `block_on`), when it runs.
pub(crate) fn enter() -> Option<EnterGuard<'static>> {
    RUNTIME.get()?.as_ref().ok().map(Runtime::enter)
}
