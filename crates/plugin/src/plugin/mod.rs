//! The plugin side: [`serve`] answers one request with the driver a plugin exports.
//!
//! - `dispatch`: runs a decoded request on the driver, its connections or its dialect.
//! - `registry`: the plugin's open connections, by handle.
//! - `runtime`: the plugin's own tokio runtime, on which every async operation runs.
//! - `logs`: collects the `tracing` events the driver emits, for the host to re-emit.
//! - `panic`: catches panics and keeps their message (and, in a plugin, their banner) quiet.

mod dispatch;
pub(crate) mod logs;
pub(crate) mod panic;
mod registry;
mod runtime;

use dbm_core::{Driver, DriverError, DriverErrorKind};

use crate::wire::{DecodedRequest, Outcome, Response, decode_request, encode_response};

/// Answers one serialized request with `driver`: the testable core of a plugin, with no FFI.
///
/// Decodes the request, runs it (async operations on the plugin's own multi-thread tokio
/// runtime, created on first use and never dropped; connections are kept in a plugin-wide
/// registry by handle), and encodes the response with the `tracing` events emitted meanwhile.
/// It never panics and never fails to answer:
///
/// - a panic of the driver answers `err` (kind `other`, "the plugin panicked: ...");
/// - an operation this build does not know answers `unsupported`;
/// - bytes that are not a request answer `err` (kind `other`).
///
/// # Notes
///
/// Call it from a thread that is not running a tokio runtime of the same tokio copy (a
/// plugin's own copy never is; in-process callers use `spawn_blocking`).
pub fn serve(driver: &dyn Driver, request: &[u8]) -> Vec<u8> {
    let response = panic::catch(|| respond(driver, request)).unwrap_or_else(|message| {
        Response::new(Outcome::Err(panicked(&message).into()), logs::drain())
    });
    encode_response(&response)
}

fn respond(driver: &dyn Driver, bytes: &[u8]) -> Response {
    let outcome = match decode_request(bytes) {
        DecodedRequest::Known {
            request, log_level, ..
        } => {
            logs::set_level(&log_level);
            match logs::scoped(|| panic::catch(|| dispatch::dispatch(driver, *request))) {
                Ok(Ok(value)) => Outcome::Ok(value),
                Ok(Err(error)) => Outcome::Err(error.into()),
                Err(message) => Outcome::Err(panicked(&message).into()),
            }
        }
        DecodedRequest::Unknown { op, log_level } => {
            logs::set_level(&log_level);
            Outcome::Unsupported { op }
        }
        DecodedRequest::Malformed { reason } => Outcome::Err(
            DriverError::new(
                DriverErrorKind::Other,
                format!("the plugin could not read the request: {reason}"),
            )
            .into(),
        ),
    };
    Response::new(outcome, logs::drain())
}

/// The error a panic of the plugin becomes.
fn panicked(message: &str) -> DriverError {
    DriverError::new(
        DriverErrorKind::Other,
        format!("the plugin panicked: {message}"),
    )
}
