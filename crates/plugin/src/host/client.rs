//! [`Client`]: sends one request to a plugin and reads its answer, on the calling thread.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use dbm_core::{DriverError, DriverErrorKind};
use serde::de::DeserializeOwned;

use super::error::PluginError;
use super::forward;
use super::library::{self, Exchange};
use crate::abi::DriverTable;
use crate::wire::{Outcome, Request, WIRE_VERSION, decode_response, encode_request};

/// A function that answers serialized requests in-process, standing in for a library.
pub(super) type ServeFn = Arc<dyn Fn(&[u8]) -> Vec<u8> + Send + Sync>;

/// How requests reach the plugin.
pub(super) enum Transport {
    /// Through a loaded library's table.
    Library(&'static DriverTable),
    /// Through a function in this process (tests, linked-in drivers served over the wire).
    InProcess(ServeFn),
}

/// The answer to one request, decoded.
pub(super) enum Reply<T> {
    /// The operation's value.
    Ok(T),
    /// The driver's error.
    Err(DriverError),
    /// The plugin does not know the operation.
    Unsupported,
}

/// One plugin, as the host talks to it.
pub(super) struct Client {
    path: PathBuf,
    transport: Transport,
    /// The wire version of the plugin's last response.
    peer_wire: AtomicU32,
}

impl Client {
    /// A client for the plugin at `path` (a label for in-process transports).
    pub(super) fn new(path: PathBuf, transport: Transport) -> Self {
        Self {
            path,
            transport,
            peer_wire: AtomicU32::new(WIRE_VERSION),
        }
    }

    /// The plugin's library.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// The wire version of the plugin's last response.
    pub(super) fn peer_wire(&self) -> u32 {
        self.peer_wire.load(Ordering::Relaxed)
    }

    /// Sends a request and decodes the answer as `T`, re-emitting the plugin's log events.
    ///
    /// Blocks until the plugin answers: async callers go through `spawn_blocking`.
    ///
    /// # Errors
    ///
    /// [`PluginError::Panicked`] when the plugin failed outside the protocol,
    /// [`PluginError::BadResponse`] when the answer is not a response or its value does not
    /// fit `T`.
    pub(super) fn call<T: DeserializeOwned>(
        &self,
        request: &Request,
    ) -> Result<Reply<T>, PluginError> {
        let op = request.op();
        let bytes = match encode_request(request, forward::host_level()) {
            Ok(bytes) => bytes,
            Err(reason) => {
                return Ok(Reply::Err(DriverError::new(
                    DriverErrorKind::Config,
                    format!(
                        "cannot send `{op}` to driver plugin {}: {reason}",
                        self.path.display()
                    ),
                )));
            }
        };
        let exchange = match &self.transport {
            Transport::Library(table) => library::exchange(table, &bytes),
            Transport::InProcess(serve) => Exchange::Response(serve(&bytes)),
        };
        let bytes = match exchange {
            Exchange::Response(bytes) => bytes,
            Exchange::Failed(message) => {
                return Err(PluginError::Panicked {
                    path: self.path.clone(),
                    message: format!("`{op}` failed outside the wire protocol: {message}"),
                });
            }
        };
        let response = decode_response(&bytes).map_err(|reason| PluginError::BadResponse {
            path: self.path.clone(),
            reason: format!("the answer to `{op}` is not a wire response: {reason}"),
        })?;
        self.peer_wire.store(response.wire, Ordering::Relaxed);
        forward::emit(&response.logs);
        match response.result {
            Outcome::Ok(value) => {
                serde_json::from_value(value)
                    .map(Reply::Ok)
                    .map_err(|e| PluginError::BadResponse {
                        path: self.path.clone(),
                        reason: format!("the value answering `{op}` does not fit: {e}"),
                    })
            }
            Outcome::Err(error) => Ok(Reply::Err(error.into())),
            Outcome::Unsupported { .. } => Ok(Reply::Unsupported),
        }
    }

    /// The error for an operation the plugin does not support and that has no default.
    pub(super) fn unsupported(&self, op: &str) -> DriverError {
        DriverError::unsupported(format!(
            "driver plugin {} does not support `{op}` (it speaks wire version {}, this dbm \
             speaks {WIRE_VERSION}): update the plugin",
            self.path.display(),
            self.peer_wire()
        ))
    }
}

impl<T> Reply<T> {
    /// The value of an operation without a default: `Unsupported` is an error.
    pub(super) fn required(self, client: &Client, op: &str) -> Result<T, DriverError> {
        match self {
            Self::Ok(value) => Ok(value),
            Self::Err(error) => Err(error),
            Self::Unsupported => Err(client.unsupported(op)),
        }
    }
}

/// Sends a request from async code: on tokio's blocking pool, so that the plugin's own
/// `block_on` never runs on a thread of the host's runtime.
///
/// # Errors
///
/// Plugin failures become [`DriverError`]s naming the plugin.
pub(super) async fn call_blocking<T>(
    client: &Arc<Client>,
    request: Request,
) -> Result<Reply<T>, DriverError>
where
    T: DeserializeOwned + Send + 'static,
{
    let client = Arc::clone(client);
    let op = request.op();
    let path = client.path().display().to_string();
    tokio::task::spawn_blocking(move || client.call::<T>(&request))
        .await
        .map_err(|e| {
            DriverError::new(
                DriverErrorKind::Other,
                format!("the call `{op}` to driver plugin {path} did not complete: {e}"),
            )
        })?
        .map_err(DriverError::from)
}
