//! [`Request`]: one operation of a driver, a connection or a dialect, as it travels.

use dbm_core::ConnectionConfig;
use dbm_core::dialect::Capabilities;
use dbm_core::driver::{ConnectOptions, DropAllOptions, TableState, Value};
use dbm_core::schema::Operation;
use serde::{Deserialize, Serialize};

use super::WIRE_VERSION;

/// One operation, with its arguments; the doc of each variant says what its `ok` value is.
///
/// Per-connection operations name the connection by the `handle` that `connect` (or
/// `scratch`) returned. Operations without an `ok` value answer `null`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", content = "args", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Request {
    /// [`Driver::connect`](dbm_core::Driver::connect) → the new connection's handle (`u64`).
    Connect {
        /// The connection's settings.
        config: ConnectionConfig,
        /// What connecting may do.
        options: ConnectOptions,
    },
    /// [`Driver::create_database`](dbm_core::Driver::create_database) → `bool`.
    CreateDatabase {
        /// The connection's settings.
        config: ConnectionConfig,
    },
    /// [`Driver::drop_database`](dbm_core::Driver::drop_database) → `bool`.
    DropDatabase {
        /// The connection's settings.
        config: ConnectionConfig,
    },
    /// [`Connection::execute`](dbm_core::Connection::execute) → affected rows (`u64`).
    Execute {
        /// The connection.
        handle: u64,
        /// The statement.
        sql: String,
    },
    /// [`Connection::execute_batch`](dbm_core::Connection::execute_batch) → `null` when every
    /// statement ran, else the [`BatchError`](dbm_core::driver::BatchError) (`index`,
    /// `error`) as the `ok` value.
    ExecuteBatch {
        /// The connection.
        handle: u64,
        /// The statements, in order.
        statements: Vec<String>,
    },
    /// [`Connection::query`](dbm_core::Connection::query) → the rows.
    Query {
        /// The connection.
        handle: u64,
        /// The query.
        sql: String,
        /// The bound parameters.
        params: Vec<Value>,
    },
    /// [`Connection::execute_with`](dbm_core::Connection::execute_with) → affected rows.
    ExecuteWith {
        /// The connection.
        handle: u64,
        /// The statement.
        sql: String,
        /// The bound parameters.
        params: Vec<Value>,
    },
    /// [`Connection::begin`](dbm_core::Connection::begin).
    Begin {
        /// The connection.
        handle: u64,
    },
    /// [`Connection::commit`](dbm_core::Connection::commit).
    Commit {
        /// The connection.
        handle: u64,
    },
    /// [`Connection::rollback`](dbm_core::Connection::rollback).
    Rollback {
        /// The connection.
        handle: u64,
    },
    /// [`Connection::try_lock`](dbm_core::Connection::try_lock) → `bool`.
    TryLock {
        /// The connection.
        handle: u64,
        /// The lock's name.
        key: String,
    },
    /// [`Connection::unlock`](dbm_core::Connection::unlock).
    Unlock {
        /// The connection.
        handle: u64,
        /// The lock's name.
        key: String,
    },
    /// [`Connection::table_exists`](dbm_core::Connection::table_exists) → `bool`.
    TableExists {
        /// The connection.
        handle: u64,
        /// The table.
        table: String,
    },
    /// [`Connection::table_state`](dbm_core::Connection::table_state) → a
    /// [`TableState`] or `null`.
    TableState {
        /// The connection.
        handle: u64,
        /// The table.
        table: String,
    },
    /// [`Connection::set_foreign_key_checks`](dbm_core::Connection::set_foreign_key_checks).
    SetForeignKeyChecks {
        /// The connection.
        handle: u64,
        /// On or off.
        enabled: bool,
    },
    /// [`Connection::foreign_key_violations`](dbm_core::Connection::foreign_key_violations)
    /// → the violations, one string each.
    ForeignKeyViolations {
        /// The connection.
        handle: u64,
    },
    /// [`Connection::scratch`](dbm_core::Connection::scratch) → the scratch connection's
    /// handle, or `null`.
    Scratch {
        /// The connection.
        handle: u64,
    },
    /// [`Connection::introspect`](dbm_core::Connection::introspect) → the
    /// [`Catalog`](dbm_core::driver::Catalog).
    Introspect {
        /// The connection.
        handle: u64,
    },
    /// [`Connection::drop_all`](dbm_core::Connection::drop_all) → the
    /// [`DropSummary`](dbm_core::driver::DropSummary).
    DropAll {
        /// The connection.
        handle: u64,
        /// What to drop besides tables.
        options: DropAllOptions,
    },
    /// [`Connection::close`](dbm_core::Connection::close); the handle is gone afterwards,
    /// whatever the result.
    Close {
        /// The connection.
        handle: u64,
    },
    /// The dialect's fixed facts → [`DialectInfo`]. The host asks once, when it loads the
    /// plugin.
    DialectInfo,
    /// [`Dialect::quote_identifier`](dbm_core::Dialect::quote_identifier) → the quoted text.
    QuoteIdentifier {
        /// The identifier.
        ident: String,
    },
    /// [`Dialect::quote_string`](dbm_core::Dialect::quote_string) → the literal.
    QuoteString {
        /// The text.
        text: String,
    },
    /// [`Dialect::placeholder`](dbm_core::Dialect::placeholder) → the placeholder.
    Placeholder {
        /// The 1-based parameter index.
        index: usize,
    },
    /// [`Dialect::text_expr`](dbm_core::Dialect::text_expr) → the expression.
    TextExpr {
        /// The column.
        column: String,
    },
    /// [`Dialect::needs_table_state`](dbm_core::Dialect::needs_table_state) → `bool`.
    NeedsTableState {
        /// The operation.
        operation: Operation,
    },
    /// [`Dialect::rebuilds`](dbm_core::Dialect::rebuilds) → `bool`.
    Rebuilds {
        /// The operation.
        operation: Operation,
    },
    /// [`Dialect::compile`](dbm_core::Dialect::compile) → the statements. A schema error
    /// (the operation cannot be expressed) answers `err` with kind `unsupported`.
    Compile {
        /// The operation.
        operation: Operation,
        /// The table's current definition, when the dialect asked for it.
        table: Option<TableState>,
    },
    /// [`Dialect::tracking_table`](dbm_core::Dialect::tracking_table) → the
    /// [`CreateTable`](dbm_core::schema::CreateTable).
    TrackingTable {
        /// The tracking table's name.
        table: String,
    },
}

impl Request {
    /// Every operation this build knows, by its wire name.
    pub const OPS: &'static [&'static str] = &[
        "connect",
        "create_database",
        "drop_database",
        "execute",
        "execute_batch",
        "query",
        "execute_with",
        "begin",
        "commit",
        "rollback",
        "try_lock",
        "unlock",
        "table_exists",
        "table_state",
        "set_foreign_key_checks",
        "foreign_key_violations",
        "scratch",
        "introspect",
        "drop_all",
        "close",
        "dialect_info",
        "quote_identifier",
        "quote_string",
        "placeholder",
        "text_expr",
        "needs_table_state",
        "rebuilds",
        "compile",
        "tracking_table",
    ];

    /// The operation's wire name (`execute`, `dialect_info`, ...).
    pub fn op(&self) -> &'static str {
        match self {
            Self::Connect { .. } => "connect",
            Self::CreateDatabase { .. } => "create_database",
            Self::DropDatabase { .. } => "drop_database",
            Self::Execute { .. } => "execute",
            Self::ExecuteBatch { .. } => "execute_batch",
            Self::Query { .. } => "query",
            Self::ExecuteWith { .. } => "execute_with",
            Self::Begin { .. } => "begin",
            Self::Commit { .. } => "commit",
            Self::Rollback { .. } => "rollback",
            Self::TryLock { .. } => "try_lock",
            Self::Unlock { .. } => "unlock",
            Self::TableExists { .. } => "table_exists",
            Self::TableState { .. } => "table_state",
            Self::SetForeignKeyChecks { .. } => "set_foreign_key_checks",
            Self::ForeignKeyViolations { .. } => "foreign_key_violations",
            Self::Scratch { .. } => "scratch",
            Self::Introspect { .. } => "introspect",
            Self::DropAll { .. } => "drop_all",
            Self::Close { .. } => "close",
            Self::DialectInfo => "dialect_info",
            Self::QuoteIdentifier { .. } => "quote_identifier",
            Self::QuoteString { .. } => "quote_string",
            Self::Placeholder { .. } => "placeholder",
            Self::TextExpr { .. } => "text_expr",
            Self::NeedsTableState { .. } => "needs_table_state",
            Self::Rebuilds { .. } => "rebuilds",
            Self::Compile { .. } => "compile",
            Self::TrackingTable { .. } => "tracking_table",
        }
    }
}

/// The `ok` value of [`Request::DialectInfo`]: what the host caches when it loads a plugin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialectInfo {
    /// [`Dialect::name`](dbm_core::Dialect::name).
    pub name: String,
    /// [`Dialect::capabilities`](dbm_core::Dialect::capabilities).
    pub capabilities: Capabilities,
    /// [`Dialect::scripted_transactions`](dbm_core::Dialect::scripted_transactions).
    pub scripted_transactions: bool,
    /// [`Dialect::info`](dbm_core::Dialect::info), since wire version 2. Absent from a plugin
    /// of wire version 1: the host then derives it (see `docs/plugins.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<dbm_core::dialect::DialectInfo>,
}

/// What the plugin side makes of a request's bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodedRequest {
    /// A request this build knows.
    Known {
        /// The request (boxed: it is large).
        request: Box<Request>,
        /// The host's wire version.
        wire: u32,
        /// The most verbose log level the host shows (see [`super::LOG_LEVELS`]).
        log_level: String,
    },
    /// A well-formed request for an operation this build does not know: answer
    /// `unsupported`.
    Unknown {
        /// The operation's name.
        op: String,
        /// The most verbose log level the host shows.
        log_level: String,
    },
    /// Bytes that are not a request, or a known operation with arguments that do not fit.
    Malformed {
        /// What is wrong.
        reason: String,
    },
}

/// The envelope, read before the operation's arguments are looked at.
#[derive(Deserialize)]
struct Envelope {
    wire: u32,
    #[serde(default)]
    log_level: Option<String>,
    op: String,
    #[serde(default)]
    args: Option<serde_json::Value>,
}

/// Serializes a request with this build's [`WIRE_VERSION`] and the host's log level.
///
/// # Errors
///
/// A request that cannot be written as JSON (a project root that is not UTF-8).
pub fn encode_request(request: &Request, log_level: &str) -> Result<Vec<u8>, String> {
    let mut value = serde_json::to_value(request).map_err(|e| e.to_string())?;
    let object = value
        .as_object_mut()
        .ok_or_else(|| "a request must serialize to a JSON object".to_string())?;
    object.insert("wire".into(), WIRE_VERSION.into());
    object.insert("log_level".into(), log_level.into());
    serde_json::to_vec(&value).map_err(|e| e.to_string())
}

/// Reads a request; an operation this build does not know is [`DecodedRequest::Unknown`],
/// never a failure.
pub fn decode_request(bytes: &[u8]) -> DecodedRequest {
    let envelope: Envelope = match serde_json::from_slice(bytes) {
        Ok(envelope) => envelope,
        Err(e) => {
            return DecodedRequest::Malformed {
                reason: format!("the request is not a dbm plugin request: {e}"),
            };
        }
    };
    let log_level = envelope.log_level.unwrap_or_else(|| "warn".into());
    if !Request::OPS.contains(&envelope.op.as_str()) {
        return DecodedRequest::Unknown {
            op: envelope.op,
            log_level,
        };
    }
    let mut tagged = serde_json::Map::new();
    tagged.insert("op".into(), envelope.op.clone().into());
    if let Some(args) = envelope.args.filter(|args| !args.is_null()) {
        tagged.insert("args".into(), args);
    }
    match serde_json::from_value(serde_json::Value::Object(tagged)) {
        Ok(request) => DecodedRequest::Known {
            request: Box::new(request),
            wire: envelope.wire,
            log_level,
        },
        Err(e) => DecodedRequest::Malformed {
            reason: format!("the arguments of `{}` do not fit: {e}", envelope.op),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_operation_travels_without_args() {
        let bytes = encode_request(&Request::DialectInfo, "info").expect("encodes");
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        assert!(text.contains("\"op\":\"dialect_info\""), "{text}");
        assert!(!text.contains("args"), "{text}");
        assert_eq!(
            decode_request(&bytes),
            DecodedRequest::Known {
                request: Box::new(Request::DialectInfo),
                wire: WIRE_VERSION,
                log_level: "info".into()
            }
        );
    }

    #[test]
    fn an_unknown_operation_decodes_as_unknown_not_as_a_failure() {
        let bytes = br#"{"wire": 7, "op": "frobnicate", "args": {"x": [1, 2]}, "extra": true}"#;
        assert_eq!(
            decode_request(bytes),
            DecodedRequest::Unknown {
                op: "frobnicate".into(),
                log_level: "warn".into()
            }
        );
    }

    #[test]
    fn a_known_operation_with_wrong_arguments_is_malformed() {
        let bytes = br#"{"wire": 1, "op": "execute", "args": {"handle": "one"}}"#;
        let DecodedRequest::Malformed { reason } = decode_request(bytes) else {
            panic!("expected malformed");
        };
        assert!(reason.contains("`execute`"), "{reason}");
    }

    #[test]
    fn bytes_that_are_not_json_are_malformed() {
        assert!(matches!(
            decode_request(b"\xff\x00garbage"),
            DecodedRequest::Malformed { .. }
        ));
    }

    #[test]
    fn extra_fields_in_known_arguments_are_ignored() {
        let bytes = br#"{"wire": 2, "op": "begin", "args": {"handle": 4, "savepoint": "x"}}"#;
        let DecodedRequest::Known { request, wire, .. } = decode_request(bytes) else {
            panic!("expected a known request");
        };
        assert_eq!((*request, wire), (Request::Begin { handle: 4 }, 2));
    }
}
