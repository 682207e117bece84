//! [`Response`]: the result of one request, with the log events emitted meanwhile.

use dbm_core::{DriverError, DriverErrorKind};
use serde::{Deserialize, Serialize};

use super::WIRE_VERSION;

/// The answer to one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The plugin's wire version.
    pub wire: u32,
    /// The `tracing` events the plugin emitted while it served the request (and any left over
    /// from its background threads), for the host to re-emit.
    #[serde(default)]
    pub logs: Vec<LogRecord>,
    /// The result.
    pub result: Outcome,
}

impl Response {
    /// A response of this build's [`WIRE_VERSION`].
    pub fn new(result: Outcome, logs: Vec<LogRecord>) -> Self {
        Self {
            wire: WIRE_VERSION,
            logs,
            result,
        }
    }
}

/// The result of one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It worked: the operation's value (see [`Request`](super::Request)).
    Ok(serde_json::Value),
    /// The driver failed.
    Err(WireError),
    /// The plugin does not know the operation.
    Unsupported {
        /// The operation's name.
        op: String,
    },
}

/// A [`DriverError`] on the wire; its `kind` is kept as text so that a kind the reader does
/// not know still decodes (as [`DriverErrorKind::Other`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireError {
    /// The [`DriverErrorKind`], snake case (`query`, `connect`, ...).
    pub kind: String,
    /// The message.
    pub message: String,
}

impl From<DriverError> for WireError {
    fn from(error: DriverError) -> Self {
        let kind = serde_json::to_value(error.kind)
            .ok()
            .and_then(|kind| kind.as_str().map(str::to_owned))
            .unwrap_or_else(|| "other".into());
        Self {
            kind,
            message: error.message,
        }
    }
}

impl From<WireError> for DriverError {
    fn from(error: WireError) -> Self {
        let kind = serde_json::from_value(serde_json::Value::String(error.kind))
            .unwrap_or(DriverErrorKind::Other);
        DriverError::new(kind, error.message)
    }
}

/// One `tracing` event emitted inside the plugin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRecord {
    /// `error`, `warn`, `info`, `debug` or `trace`.
    pub level: String,
    /// The event's target (`dbm::sql`, `sqlx::query`, ...).
    pub target: String,
    /// The message, with the event's other fields appended as `name=value`.
    pub message: String,
}

/// Serializes a response.
pub fn encode_response(response: &Response) -> Vec<u8> {
    serde_json::to_vec(response).unwrap_or_else(|e| {
        // Unreachable with string keys, but never panic on the way out.
        let fallback = Response::new(
            Outcome::Err(WireError {
                kind: "other".into(),
                message: format!("the plugin could not encode its response: {e}"),
            }),
            Vec::new(),
        );
        serde_json::to_vec(&fallback).unwrap_or_default()
    })
}

/// Reads a response.
///
/// # Errors
///
/// What is wrong with bytes that are not a response (not JSON, truncated, missing fields).
pub fn decode_response(bytes: &[u8]) -> Result<Response, String> {
    serde_json::from_slice(bytes).map_err(|e| {
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(80)]).into_owned();
        let more = if bytes.len() > 80 { "..." } else { "" };
        format!("{e} (in {} bytes: {shown:?}{more})", bytes.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_driver_error_of_an_unknown_kind_reads_as_other() {
        let wire = WireError {
            kind: "quantum".into(),
            message: "m".into(),
        };
        let error = DriverError::from(wire);
        assert_eq!(error.kind, DriverErrorKind::Other);
        assert_eq!(error.message, "m");
    }

    #[test]
    fn a_driver_error_keeps_its_kind() {
        let wire = WireError::from(DriverError::query("no such table: t"));
        assert_eq!(wire.kind, "query");
        assert_eq!(
            DriverError::from(wire),
            DriverError::query("no such table: t")
        );
    }

    #[test]
    fn a_truncated_response_is_an_error_that_shows_the_bytes() {
        let bytes = encode_response(&Response::new(Outcome::Ok(true.into()), Vec::new()));
        let error = decode_response(&bytes[..bytes.len() - 3]).expect_err("truncated");
        assert!(error.contains("EOF"), "{error}");
        assert!(error.contains("{\\\"wire\\\""), "{error}");
    }

    #[test]
    fn responses_round_trip() {
        let response = Response::new(
            Outcome::Unsupported { op: "x".into() },
            vec![LogRecord {
                level: "debug".into(),
                target: "dbm::sql".into(),
                message: "SELECT 1".into(),
            }],
        );
        assert_eq!(
            decode_response(&encode_response(&response)).expect("decodes"),
            response
        );
    }
}
