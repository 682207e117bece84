//! The wire format: the JSON messages that travel through [`DriverTable::call`].
//!
//! A request is one JSON object: the wire version, the most verbose log level the host shows,
//! and the operation as `op` (its name) with its `args`:
//!
//! ```json
//! {"wire": 2, "log_level": "info", "op": "execute", "args": {"handle": 1, "sql": "CREATE TABLE t (id integer)"}}
//! ```
//!
//! A response is one JSON object: the wire version, the `tracing` events the plugin emitted
//! while it worked, and the result, one of `ok` (the operation's value), `err` (a
//! [`DriverError`](dbm_core::DriverError): `kind` and `message`) or `unsupported` (the plugin
//! does not know the operation):
//!
//! ```json
//! {"wire": 2, "logs": [], "result": {"ok": 0}}
//! {"wire": 2, "logs": [], "result": {"err": {"kind": "query", "message": "no such table: t"}}}
//! {"wire": 2, "logs": [], "result": {"unsupported": {"op": "frobnicate"}}}
//! ```
//!
//! The operations, their arguments and their `ok` values are the variants of [`Request`].
//!
//! # Versioning
//!
//! [`WIRE_VERSION`] is carried by every message. Within one [`ABI_VERSION`], the format only
//! grows: new operations, new optional fields. A plugin answers an operation it does not know
//! with `unsupported`, never with a decode failure, and the host then falls back to the
//! trait's default where [`Connection`](dbm_core::Connection) or
//! [`Dialect`](dbm_core::Dialect) has one (`begin` sends `BEGIN`, `scratch` is `None`, ...) and
//! reports an [`Unsupported`](dbm_core::DriverErrorKind::Unsupported) error otherwise. An
//! error kind the host does not know reads as `other`; a log level it does not know reads as
//! `info`. Incompatible changes bump [`ABI_VERSION`] instead.
//!
//! Wire version 2 added the `info` field of [`DialectInfo`] (the dialect's
//! [`DialectInfo`](dbm_core::dialect::DialectInfo)); the host derives it for a plugin of
//! version 1.
//!
//! [`DriverTable::call`]: crate::abi::DriverTable::call
//! [`ABI_VERSION`]: crate::abi::ABI_VERSION

mod request;
mod response;

pub use request::{DecodedRequest, DialectInfo, Request, decode_request, encode_request};
pub use response::{LogRecord, Outcome, Response, WireError, decode_response, encode_response};

/// The version of the wire format this build speaks.
pub const WIRE_VERSION: u32 = 2;

/// The log levels of [`Request`]'s `log_level` and [`LogRecord::level`], most severe first;
/// `off` sits before them.
pub const LOG_LEVELS: [&str; 6] = ["off", "error", "warn", "info", "debug", "trace"];

/// The rank of a log level name in [`LOG_LEVELS`] (`off` = 0, `trace` = 5); unknown names rank
/// as `info`.
pub fn log_level_rank(name: &str) -> u8 {
    LOG_LEVELS
        .iter()
        .position(|level| level.eq_ignore_ascii_case(name))
        .and_then(|rank| u8::try_from(rank).ok())
        .unwrap_or(3)
}

/// The name of a `tracing` level, as [`LOG_LEVELS`] spells it.
pub fn level_name(level: &tracing::Level) -> &'static str {
    match *level {
        tracing::Level::ERROR => "error",
        tracing::Level::WARN => "warn",
        tracing::Level::INFO => "info",
        tracing::Level::DEBUG => "debug",
        tracing::Level::TRACE => "trace",
    }
}
