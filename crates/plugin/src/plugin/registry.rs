//! The plugin's open connections, by handle.
//!
//! A handle is a process-wide counter, never reused. A request checks its connection out of
//! the registry for the duration of the call (so a slow call on one connection never blocks
//! another) and puts it back afterwards; a connection whose call panicked is dropped, and its
//! handle is gone.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use dbm_core::{Connection, DriverError, DriverErrorKind};

use super::runtime;

/// A registered connection: `None` while a call has it checked out.
type Slot = Option<Box<dyn Connection>>;

static NEXT_HANDLE: AtomicU64 = AtomicU64::new(1);

fn connections() -> MutexGuard<'static, HashMap<u64, Slot>> {
    static CONNECTIONS: OnceLock<Mutex<HashMap<u64, Slot>>> = OnceLock::new();
    CONNECTIONS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

/// Registers a new connection; returns its handle.
pub(super) fn insert(connection: Box<dyn Connection>) -> u64 {
    let handle = NEXT_HANDLE.fetch_add(1, Ordering::Relaxed);
    connections().insert(handle, Some(connection));
    handle
}

/// Takes a connection out for one call; it goes back when the [`Checkout`] drops.
pub(super) fn checkout(handle: u64) -> Result<Checkout, DriverError> {
    match connections().get_mut(&handle) {
        Some(slot) => match slot.take() {
            Some(connection) => Ok(Checkout {
                handle,
                connection: Some(connection),
            }),
            None => Err(unavailable(handle, "it is busy with another call")),
        },
        None => Err(unavailable(
            handle,
            "it was closed or lost when the plugin panicked",
        )),
    }
}

/// Takes a connection out for good (to close it).
pub(super) fn remove(handle: u64) -> Result<Box<dyn Connection>, DriverError> {
    match connections().remove(&handle) {
        Some(Some(connection)) => Ok(connection),
        Some(None) => Err(unavailable(handle, "it is busy with another call")),
        None => Err(unavailable(
            handle,
            "it was closed or lost when the plugin panicked",
        )),
    }
}

fn unavailable(handle: u64, why: &str) -> DriverError {
    DriverError::new(
        DriverErrorKind::Other,
        format!("the plugin has no connection with handle {handle}: {why}"),
    )
}

/// A connection checked out of the registry for one call.
pub(super) struct Checkout {
    handle: u64,
    connection: Option<Box<dyn Connection>>,
}

impl Deref for Checkout {
    type Target = Box<dyn Connection>;

    fn deref(&self) -> &Self::Target {
        self.connection
            .as_ref()
            .expect("a checkout holds its connection until dropped")
    }
}

impl DerefMut for Checkout {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.connection
            .as_mut()
            .expect("a checkout holds its connection until dropped")
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let Some(connection) = self.connection.take() else {
            return;
        };
        if std::thread::panicking() {
            // Its state is unknown after a panic: drop it (releasing its locks) and forget the
            // handle.
            connections().remove(&self.handle);
            let _context = runtime::enter();
            drop(connection);
        } else if let Some(slot) = connections().get_mut(&self.handle) {
            *slot = Some(connection);
        }
    }
}
