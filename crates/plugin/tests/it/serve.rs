//! The wire format answered in-process by `serve`: every operation, unknown operations,
//! malformed requests, unknown handles and panics.

use std::collections::BTreeSet;
use std::sync::Arc;

use async_trait::async_trait;
use dbm_core::driver::{
    BatchError, Catalog, ConnectOptions, Connection, DropAllOptions, DropSummary, Row, TableState,
};
use dbm_core::schema::{CreateTable, Operation};
use dbm_core::{ConnectionConfig, Dialect, Driver, DriverError, DriverErrorKind, Value};
use dbm_driver_sqlite::SqliteDriver;
use dbm_plugin::serve;
use dbm_plugin::wire::{
    DialectInfo, Outcome, Request, Response, WIRE_VERSION, decode_response, encode_request,
};
use serde::de::DeserializeOwned;

use crate::common::{alter_users, config, impossible, roles};

/// Sends one request to `driver` through `serve` and decodes the response.
fn ask_driver(driver: &dyn Driver, request: &Request) -> Response {
    let bytes = encode_request(request, "off").expect("encodes");
    let response = decode_response(&serve(driver, &bytes)).expect("serve answers a response");
    assert_eq!(response.wire, WIRE_VERSION);
    response
}

/// Asks the SQLite driver, recording which operations were exercised.
struct Client {
    seen: BTreeSet<&'static str>,
}

impl Client {
    fn ask(&mut self, request: Request) -> Outcome {
        self.seen.insert(request.op());
        ask_driver(&SqliteDriver, &request).result
    }

    fn ok<T: DeserializeOwned>(&mut self, request: Request) -> T {
        let op = request.op();
        match self.ask(request) {
            Outcome::Ok(value) => serde_json::from_value(value)
                .unwrap_or_else(|e| panic!("the value of `{op}` does not fit: {e}")),
            other => panic!("`{op}` answered {other:?}"),
        }
    }

    fn err(&mut self, request: Request) -> DriverError {
        let op = request.op();
        match self.ask(request) {
            Outcome::Err(error) => error.into(),
            other => panic!("`{op}` answered {other:?}, expected an error"),
        }
    }
}

#[test]
fn every_operation_round_trips_through_serve() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config("sqlite://db.sqlite3", dir.path());
    let mut client = Client {
        seen: BTreeSet::new(),
    };

    // The driver.
    let created: bool = client.ok(Request::CreateDatabase {
        config: config.clone(),
    });
    assert!(created);
    let handle: u64 = client.ok(Request::Connect {
        config: config.clone(),
        options: ConnectOptions {
            create: true,
            lock_timeout: None,
        },
    });

    // The dialect.
    let info: DialectInfo = client.ok(Request::DialectInfo);
    assert_eq!(info.name, "sqlite");
    assert_eq!(info.capabilities, SqliteDriver.dialect().capabilities());
    assert_eq!(info.info, Some(SqliteDriver.dialect().info()));
    let quoted: String = client.ok(Request::QuoteIdentifier {
        ident: "a\"b".into(),
    });
    assert_eq!(quoted, "\"a\"\"b\"");
    let literal: String = client.ok(Request::QuoteString {
        text: "it's".into(),
    });
    assert_eq!(literal, "'it''s'");
    let placeholder: String = client.ok(Request::Placeholder { index: 3 });
    assert_eq!(placeholder, SqliteDriver.dialect().placeholder(3));
    let expr: String = client.ok(Request::TextExpr {
        column: "migration_time".into(),
    });
    assert_eq!(expr, SqliteDriver.dialect().text_expr("migration_time"));
    let tracking: CreateTable = client.ok(Request::TrackingTable {
        table: "dbm_schema".into(),
    });
    assert_eq!(
        tracking,
        SqliteDriver.dialect().tracking_table("dbm_schema")
    );
    let needs: bool = client.ok(Request::NeedsTableState {
        operation: alter_users(),
    });
    let rebuilds: bool = client.ok(Request::Rebuilds {
        operation: alter_users(),
    });
    assert!(needs && rebuilds, "SQLite rebuilds to alter a column");
    let statements: Vec<String> = client.ok(Request::Compile {
        operation: roles(),
        table: None,
    });
    assert_eq!(
        statements,
        SqliteDriver
            .dialect()
            .compile(&roles(), None)
            .expect("compiles")
    );
    let schema_error = client.err(Request::Compile {
        operation: impossible(),
        table: None,
    });
    assert_eq!(schema_error.kind, DriverErrorKind::Unsupported);

    // The connection.
    let failure: Option<BatchError> = client.ok(Request::ExecuteBatch { handle, statements });
    assert_eq!(failure, None);
    let failure: Option<BatchError> = client.ok(Request::ExecuteBatch {
        handle,
        statements: vec!["SELECT 1".into(), "SELEC 2".into()],
    });
    let failure = failure.expect("the second statement fails");
    assert_eq!(failure.index, 1);
    assert_eq!(failure.error.kind, DriverErrorKind::Query);
    let exists: bool = client.ok(Request::TableExists {
        handle,
        table: "roles".into(),
    });
    assert!(exists);
    let () = client.ok(Request::Begin { handle });
    let affected: u64 = client.ok(Request::ExecuteWith {
        handle,
        sql: "INSERT INTO roles (name) VALUES (?)".into(),
        params: vec![Value::Text("admin".into())],
    });
    assert_eq!(affected, 1);
    let () = client.ok(Request::Commit { handle });
    let () = client.ok(Request::Begin { handle });
    let affected: u64 = client.ok(Request::Execute {
        handle,
        sql: "INSERT INTO roles (name) VALUES ('ghost')".into(),
    });
    assert_eq!(affected, 1);
    let () = client.ok(Request::Rollback { handle });
    let rows: Vec<Row> = client.ok(Request::Query {
        handle,
        sql: "SELECT name FROM roles ORDER BY id".into(),
        params: vec![],
    });
    assert_eq!(
        rows,
        vec![Row {
            values: vec![Value::Text("admin".into())]
        }]
    );
    let error = client.err(Request::Execute {
        handle,
        sql: "SELEC 1".into(),
    });
    assert_eq!(error.kind, DriverErrorKind::Query);
    assert!(error.message.contains("syntax error"), "{}", error.message);
    let locked: bool = client.ok(Request::TryLock {
        handle,
        key: "dbm_schema".into(),
    });
    assert!(locked);
    let () = client.ok(Request::Unlock {
        handle,
        key: "dbm_schema".into(),
    });
    let state: Option<TableState> = client.ok(Request::TableState {
        handle,
        table: "roles".into(),
    });
    assert!(state.expect("roles exists").create_sql.contains("roles"));
    let () = client.ok(Request::SetForeignKeyChecks {
        handle,
        enabled: false,
    });
    let violations: Vec<String> = client.ok(Request::ForeignKeyViolations { handle });
    assert!(violations.is_empty());
    let () = client.ok(Request::SetForeignKeyChecks {
        handle,
        enabled: true,
    });
    let scratch: Option<u64> = client.ok(Request::Scratch { handle });
    let scratch = scratch.expect("SQLite has scratch copies");
    assert_ne!(scratch, handle);
    let rows: Vec<Row> = client.ok(Request::Query {
        handle: scratch,
        sql: "SELECT count(*) FROM roles".into(),
        params: vec![],
    });
    assert_eq!(
        rows[0].get(0),
        &Value::Integer(0),
        "a scratch copy has no rows"
    );
    let () = client.ok(Request::Close { handle: scratch });
    let catalog: Catalog = client.ok(Request::Introspect { handle });
    assert_eq!(catalog.tables.len(), 1);
    let summary: DropSummary = client.ok(Request::DropAll {
        handle,
        options: DropAllOptions::default(),
    });
    assert_eq!(summary.tables, vec!["roles".to_string()]);
    let () = client.ok(Request::Close { handle });
    let error = client.err(Request::Close { handle });
    assert!(
        error
            .message
            .contains(&format!("no connection with handle {handle}")),
        "{}",
        error.message
    );
    let dropped: bool = client.ok(Request::DropDatabase { config });
    assert!(dropped);

    let all: BTreeSet<&str> = Request::OPS.iter().copied().collect();
    assert_eq!(client.seen, all, "every operation is exercised");
}

#[test]
fn every_request_variant_is_listed_under_its_wire_name() {
    let dir = std::path::Path::new(".");
    let op = Operation::Sql(dbm_core::schema::RawSql::All("SELECT 1".into()));
    let requests = [
        Request::Connect {
            config: config("sqlite::memory:", dir),
            options: ConnectOptions::default(),
        },
        Request::DialectInfo,
        Request::NeedsTableState { operation: op },
        Request::Scratch { handle: 1 },
    ];
    for request in requests {
        let bytes = encode_request(&request, "info").expect("encodes");
        let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        assert_eq!(value["op"], request.op());
        assert_eq!(value["wire"], WIRE_VERSION);
        assert_eq!(value["log_level"], "info");
        assert!(Request::OPS.contains(&request.op()));
    }
}

#[test]
fn an_unknown_operation_is_answered_unsupported() {
    let request = br#"{"wire": 99, "log_level": "info", "op": "vacuum", "args": {"handle": 1, "full": true}}"#;
    let response = decode_response(&serve(&SqliteDriver, request)).expect("a response");
    assert_eq!(
        response.result,
        Outcome::Unsupported {
            op: "vacuum".into()
        }
    );
    assert_eq!(response.wire, WIRE_VERSION);
}

#[test]
fn a_malformed_request_is_answered_with_an_error() {
    for request in [
        &b"\x00\x01 not json"[..],
        br#"{"wire": 1, "op": "execute", "args": {"handle": -1}}"#,
    ] {
        let response = decode_response(&serve(&SqliteDriver, request)).expect("a response");
        let Outcome::Err(error) = response.result else {
            panic!("expected an error, got {:?}", response.result);
        };
        assert_eq!(error.kind, "other");
        assert!(
            error.message.contains("could not read the request"),
            "{}",
            error.message
        );
    }
}

#[test]
fn an_unknown_handle_is_an_error_not_a_panic() {
    let response = ask_driver(
        &SqliteDriver,
        &Request::Query {
            handle: u64::MAX,
            sql: "SELECT 1".into(),
            params: vec![],
        },
    );
    let Outcome::Err(error) = response.result else {
        panic!("expected an error");
    };
    assert!(
        error.message.contains("no connection with handle"),
        "{}",
        error.message
    );
}

/// A driver whose connections panic on `query` and whose dialect panics on `compile`.
struct Exploding;

struct ExplodingConnection;

struct ExplodingDialect;

#[async_trait]
impl Driver for Exploding {
    fn name(&self) -> &str {
        "exploding"
    }

    fn version(&self) -> &str {
        "1"
    }

    fn dialect(&self) -> Arc<dyn Dialect> {
        Arc::new(ExplodingDialect)
    }

    async fn connect(
        &self,
        _config: &ConnectionConfig,
        _options: ConnectOptions,
    ) -> Result<Box<dyn Connection>, DriverError> {
        Ok(Box::new(ExplodingConnection))
    }

    async fn create_database(&self, _config: &ConnectionConfig) -> Result<bool, DriverError> {
        Ok(true)
    }

    async fn drop_database(&self, _config: &ConnectionConfig) -> Result<bool, DriverError> {
        Ok(true)
    }
}

#[async_trait]
impl Connection for ExplodingConnection {
    async fn execute(&mut self, _sql: &str) -> Result<u64, DriverError> {
        Ok(0)
    }

    async fn query(&mut self, sql: &str, _params: &[Value]) -> Result<Vec<Row>, DriverError> {
        panic!("query {sql} exploded")
    }

    async fn execute_with(&mut self, _sql: &str, _params: &[Value]) -> Result<u64, DriverError> {
        Ok(0)
    }

    async fn try_lock(&mut self, _key: &str) -> Result<bool, DriverError> {
        Ok(true)
    }

    async fn unlock(&mut self, _key: &str) -> Result<(), DriverError> {
        Ok(())
    }

    async fn table_exists(&mut self, _table: &str) -> Result<bool, DriverError> {
        Ok(false)
    }

    async fn introspect(&mut self) -> Result<Catalog, DriverError> {
        Ok(Catalog::default())
    }

    async fn drop_all(&mut self, _options: &DropAllOptions) -> Result<DropSummary, DriverError> {
        Ok(DropSummary::default())
    }

    async fn close(self: Box<Self>) -> Result<(), DriverError> {
        Ok(())
    }
}

impl Dialect for ExplodingDialect {
    fn name(&self) -> &str {
        "exploding"
    }

    fn info(&self) -> dbm_core::dialect::DialectInfo {
        dbm_core::dialect::DialectInfo::sqlite()
    }

    fn compile(
        &self,
        _op: &Operation,
        _table: Option<&TableState>,
    ) -> dbm_core::Result<Vec<String>> {
        panic!("compile exploded")
    }
}

#[test]
fn a_panic_is_answered_with_an_error_and_loses_only_its_connection() {
    let dir = std::path::Path::new(".");
    let Outcome::Ok(handle) = ask_driver(
        &Exploding,
        &Request::Connect {
            config: config("x", dir),
            options: ConnectOptions::default(),
        },
    )
    .result
    else {
        panic!("connects");
    };
    let handle: u64 = serde_json::from_value(handle).expect("a handle");
    let query = Request::Query {
        handle,
        sql: "SELECT 1".into(),
        params: vec![],
    };
    let Outcome::Err(error) = ask_driver(&Exploding, &query).result else {
        panic!("expected an error");
    };
    assert_eq!(error.kind, "other");
    assert!(
        error
            .message
            .starts_with("the plugin panicked: query SELECT 1 exploded"),
        "{}",
        error.message
    );
    // The connection was dropped with the panic; the plugin goes on.
    let Outcome::Err(error) = ask_driver(&Exploding, &query).result else {
        panic!("expected an error");
    };
    assert!(
        error.message.contains("lost when the plugin panicked"),
        "{}",
        error.message
    );
    let compile = Request::Compile {
        operation: roles(),
        table: None,
    };
    let Outcome::Err(error) = ask_driver(&Exploding, &compile).result else {
        panic!("expected an error");
    };
    assert!(
        error.message.contains("compile exploded"),
        "{}",
        error.message
    );
    assert!(matches!(
        ask_driver(&Exploding, &Request::DialectInfo).result,
        Outcome::Ok(_)
    ));
}
