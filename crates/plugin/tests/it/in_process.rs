//! `PluginDriver` over an in-process transport: the same behaviour as the linked-in driver,
//! fallbacks for plugins that do not know an operation, malformed answers, log forwarding.

use std::io::Write;
use std::sync::{Arc, Mutex};

use dbm_core::driver::ConnectOptions;
use dbm_core::{Driver, DriverErrorKind, Error};
use dbm_driver_sqlite::SqliteDriver;
use dbm_plugin::wire::{
    DecodedRequest, LogRecord, Outcome, Request, Response, decode_request, encode_response,
};
use dbm_plugin::{PluginDriver, PluginError};

use crate::common::{assert_same, config, roles, transcript};

#[tokio::test(flavor = "multi_thread")]
async fn a_driver_served_over_the_wire_behaves_like_the_linked_in_driver() {
    let linked = tempfile::tempdir().expect("tempdir");
    let served = tempfile::tempdir().expect("tempdir");
    let expected = transcript(&SqliteDriver, linked.path()).await;
    let driver = PluginDriver::in_process(SqliteDriver).expect("starts");
    assert_eq!(driver.name(), "sqlite");
    assert_eq!(driver.version(), SqliteDriver.version());
    let actual = transcript(&driver, served.path()).await;
    assert_same(&expected, &actual);
}

const DIALECT_INFO: &str = r#"{"name":"old","capabilities":{"transactional_ddl":true,"native_enum":false},"scripted_transactions":false}"#;

/// `dialect_info` of wire version 2: a dialect named `cockroach` of the PostgreSQL family.
const DIALECT_INFO_V2: &str = r#"{"name":"cockroach","capabilities":{"transactional_ddl":true,"native_enum":true},"scripted_transactions":false,"info":{"family":"postgres","quoting":"double","placeholder":"numbered","index_names":"schema","foreign_key_types":"same_family","lossy_types":[],"capabilities":{"transactional_ddl":true,"native_enum":true}}}"#;

/// A plugin that answers `dialect_info` with `info` and `quote_identifier`/`placeholder` with
/// `quote`/`placeholder`, counting the requests it gets by operation.
fn counting_plugin(
    info: &'static str,
    quote: Outcome,
    placeholder: Outcome,
    seen: Arc<Mutex<Vec<String>>>,
) -> Result<PluginDriver, PluginError> {
    PluginDriver::from_fn("counting.so", "counting", "1", move |bytes| {
        let DecodedRequest::Known { request, .. } = decode_request(bytes) else {
            panic!("the host sends known requests");
        };
        seen.lock().expect("lock").push(request.op().to_owned());
        let result = match *request {
            Request::DialectInfo => Outcome::Ok(serde_json::from_str(info).expect("JSON")),
            Request::QuoteIdentifier { .. } => quote.clone(),
            Request::Placeholder { .. } => placeholder.clone(),
            other => Outcome::Unsupported {
                op: other.op().into(),
            },
        };
        respond(result, Vec::new())
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dialect_info_is_fetched_once_and_quoting_costs_no_call() {
    use dbm_core::dialect::Family;

    let seen = Arc::new(Mutex::new(Vec::new()));
    let driver = counting_plugin(
        DIALECT_INFO_V2,
        Outcome::Ok("[never asked]".into()),
        Outcome::Ok("[never asked]".into()),
        Arc::clone(&seen),
    )
    .expect("loads");
    let dialect = driver.dialect();
    assert_eq!(dialect.name(), "cockroach");
    assert_eq!(dialect.info().family, Family::Postgres);
    assert_eq!(
        dialect.info().family.sql_dialect(),
        Some(dbm_core::migration::sql::SqlDialect::Postgres),
        "a plugin of the PostgreSQL family gets dollar-quote splitting"
    );
    assert_eq!(dialect.quote_identifier("a\"b"), "\"a\"\"b\"");
    assert_eq!(dialect.placeholder(2), "$2");
    assert!(dialect.capabilities().native_enum);
    assert_eq!(*seen.lock().expect("lock"), ["dialect_info"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plugin_of_wire_version_1_gets_an_info_derived_from_its_answers() {
    use dbm_core::dialect::{Family, IdentifierQuote, PlaceholderStyle};

    let seen = Arc::new(Mutex::new(Vec::new()));
    let mysql_like = r#"{"name":"mysql","capabilities":{"transactional_ddl":false,"native_enum":true},"scripted_transactions":false}"#;
    let driver = counting_plugin(
        mysql_like,
        Outcome::Ok("`x`".into()),
        Outcome::Ok("?".into()),
        Arc::clone(&seen),
    )
    .expect("loads");
    let info = driver.dialect().info();
    assert_eq!(info.family, Family::Mysql);
    assert_eq!(info.quoting, IdentifierQuote::Backtick);
    assert_eq!(info.placeholder, PlaceholderStyle::Question);
    assert!(!info.capabilities.transactional_ddl);
    assert_eq!(driver.dialect().quote_identifier("t"), "`t`");
    assert_eq!(
        *seen.lock().expect("lock"),
        ["dialect_info", "quote_identifier", "placeholder"],
        "asked once, at load"
    );
}

#[test]
fn a_plugin_whose_dialect_info_cannot_be_fetched_does_not_load() {
    let fails =
        Outcome::Err(dbm_core::DriverError::new(DriverErrorKind::Other, "quoting exploded").into());
    let error = counting_plugin(DIALECT_INFO, fails, Outcome::Ok("?".into()), Arc::default())
        .expect_err("a load error");
    assert!(matches!(error, PluginError::Failed { .. }), "{error}");
    let error = dbm_core::DriverError::from(error);
    assert!(
        error.message.contains("quoting exploded"),
        "{}",
        error.message
    );

    let error = counting_plugin(
        DIALECT_INFO,
        Outcome::Ok("[x]".into()),
        Outcome::Ok("?".into()),
        Arc::default(),
    )
    .expect_err("a load error");
    let message = error.to_string();
    assert!(message.contains("quotes `x` as [x]"), "{message}");
    assert!(message.contains("rebuild it"), "{message}");
}

fn respond(result: Outcome, logs: Vec<LogRecord>) -> Vec<u8> {
    encode_response(&Response::new(result, logs))
}

/// A plugin from an older wire version: it knows `dialect_info`, `connect`, `execute` (whose
/// statements it records) and `close`, and answers `unsupported` to everything else.
fn old_plugin(executed: Arc<Mutex<Vec<String>>>) -> PluginDriver {
    PluginDriver::from_fn("old.so", "old", "0.1", move |bytes| {
        let DecodedRequest::Known { request, .. } = decode_request(bytes) else {
            panic!("the host sends known requests");
        };
        let result = match *request {
            Request::DialectInfo => Outcome::Ok(serde_json::from_str(DIALECT_INFO).expect("JSON")),
            Request::Connect { .. } => Outcome::Ok(7.into()),
            Request::Execute { handle, sql } => {
                assert_eq!(handle, 7);
                executed.lock().expect("lock").push(sql);
                Outcome::Ok(0.into())
            }
            Request::Close { .. } => Outcome::Ok(serde_json::Value::Null),
            other => Outcome::Unsupported {
                op: other.op().into(),
            },
        };
        respond(result, Vec::new())
    })
    .expect("loads")
}

#[tokio::test(flavor = "multi_thread")]
async fn operations_a_plugin_does_not_know_fall_back_to_the_trait_defaults() {
    let executed = Arc::new(Mutex::new(Vec::new()));
    let driver = old_plugin(Arc::clone(&executed));
    let dialect = driver.dialect();
    assert_eq!(dialect.name(), "old");
    assert_eq!(dialect.quote_identifier("a\"b"), "\"a\"\"b\"");
    assert_eq!(dialect.quote_string("it's"), "'it''s'");
    assert_eq!(dialect.placeholder(2), "?");
    assert_eq!(dialect.text_expr("t"), "\"t\"");
    assert!(!dialect.needs_table_state(&roles()));
    assert!(!dialect.rebuilds(&roles()));
    assert_eq!(
        dialect.tracking_table("dbm_schema"),
        dbm_core::dialect::tracking_table("dbm_schema")
    );
    let error = dialect.compile(&roles(), None).expect_err("no default");
    assert!(
        matches!(&error, Error::Driver(e) if e.kind == DriverErrorKind::Unsupported),
        "{error}"
    );
    assert!(error.to_string().contains("old.so"), "{error}");

    let dir = std::path::Path::new(".");
    let mut conn = driver
        .connect(&config("x", dir), ConnectOptions::default())
        .await
        .expect("connects");
    conn.begin().await.expect("BEGIN");
    conn.execute_batch(&["A".into(), "B".into()])
        .await
        .expect("one by one");
    conn.commit().await.expect("COMMIT");
    conn.rollback().await.expect("ROLLBACK");
    assert_eq!(conn.table_state("t").await.expect("default"), None);
    conn.set_foreign_key_checks(false).await.expect("default");
    assert!(
        conn.foreign_key_violations()
            .await
            .expect("default")
            .is_empty()
    );
    assert!(conn.scratch().await.expect("default").is_none());
    let error = conn.query("SELECT 1", &[]).await.expect_err("no default");
    assert_eq!(error.kind, DriverErrorKind::Unsupported);
    assert!(error.message.contains("old.so"), "{}", error.message);
    assert!(error.message.contains("`query`"), "{}", error.message);
    conn.close().await.expect("closes");
    assert_eq!(
        *executed.lock().expect("lock"),
        ["BEGIN", "A", "B", "COMMIT", "ROLLBACK"]
    );
}

#[test]
fn a_malformed_answer_at_load_is_a_bad_response_naming_the_plugin() {
    let cases: [(&str, Vec<u8>); 4] = [
        ("not JSON", b"\x89PNG garbage".to_vec()),
        (
            "truncated",
            br#"{"wire":1,"logs":[],"result":{"ok":{"name":"x","capa"#.to_vec(),
        ),
        ("empty", Vec::new()),
        (
            "the wrong value",
            respond(Outcome::Ok("a string".into()), Vec::new()),
        ),
    ];
    for (case, answer) in cases {
        let error = PluginDriver::from_fn("broken.so", "broken", "1", move |_| answer.clone())
            .expect_err(case);
        assert!(
            matches!(error, PluginError::BadResponse { .. }),
            "{case}: {error}"
        );
        let message = error.to_string();
        assert!(message.contains("broken.so"), "{case}: {message}");
        assert!(message.contains("`dialect_info`"), "{case}: {message}");
    }
}

#[test]
fn a_plugin_that_cannot_describe_its_dialect_does_not_load() {
    let unsupported = PluginDriver::from_fn("u.so", "u", "1", |_| {
        respond(
            Outcome::Unsupported {
                op: "dialect_info".into(),
            },
            Vec::new(),
        )
    })
    .expect_err("must answer dialect_info");
    assert!(
        matches!(unsupported, PluginError::BadResponse { .. }),
        "{unsupported}"
    );

    let failing = PluginDriver::from_fn("f.so", "f", "1", |_| {
        respond(
            Outcome::Err(dbm_core::DriverError::query("nope").into()),
            Vec::new(),
        )
    })
    .expect_err("fails");
    assert!(matches!(failing, PluginError::Failed { .. }), "{failing}");
    let error = dbm_core::DriverError::from(failing);
    assert!(
        error.message.contains("f.so") && error.message.contains("nope"),
        "{}",
        error.message
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_malformed_answer_to_a_call_is_an_error_naming_the_plugin() {
    let driver = PluginDriver::from_fn("half.so", "half", "1", |bytes| {
        let is_dialect_info = matches!(
            decode_request(bytes),
            DecodedRequest::Known { request, .. } if *request == Request::DialectInfo
        );
        if is_dialect_info {
            respond(
                Outcome::Ok(serde_json::from_str(DIALECT_INFO_V2).expect("JSON")),
                Vec::new(),
            )
        } else {
            br#"{"wire":1,"result":{"ok":"#.to_vec()
        }
    })
    .expect("loads");
    let error = driver
        .create_database(&config("x", std::path::Path::new(".")))
        .await
        .expect_err("truncated");
    assert_eq!(error.kind, DriverErrorKind::Other);
    assert!(error.message.contains("half.so"), "{}", error.message);
    assert!(
        error.message.contains("malformed response"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("`create_database`"),
        "{}",
        error.message
    );
}

/// A writer into a shared buffer, for a test subscriber.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_plugins_log_events_are_re_emitted_at_their_level_and_target() {
    let driver = PluginDriver::from_fn("chatty.so", "chatty", "1", |bytes| {
        let DecodedRequest::Known { request, .. } = decode_request(bytes) else {
            panic!("known");
        };
        let log = |level: &str, target: &str, message: &str| LogRecord {
            level: level.into(),
            target: target.into(),
            message: message.into(),
        };
        match *request {
            Request::DialectInfo => respond(
                Outcome::Ok(serde_json::from_str(DIALECT_INFO_V2).expect("JSON")),
                Vec::new(),
            ),
            _ => respond(
                Outcome::Ok("`x`".into()),
                vec![
                    log("info", "dbm::sql", "SELECT 1  [2]"),
                    log("debug", "chatty::inner", "too detailed"),
                    log("warn", "chatty::inner", "careful"),
                    log("shout", "chatty", "an unknown level reads as info"),
                ],
            ),
        }
    })
    .expect("loads");
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .without_time()
        .with_writer(move || writer.clone())
        .finish();
    let quoted =
        tracing::subscriber::with_default(subscriber, || driver.dialect().quote_string("x"));
    assert_eq!(quoted, "`x`");
    let output = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("UTF-8");
    assert!(output.contains("INFO dbm::sql: SELECT 1  [2]"), "{output}");
    assert!(output.contains("WARN chatty::inner: careful"), "{output}");
    assert!(
        output.contains("INFO chatty: an unknown level reads as info"),
        "{output}"
    );
    assert!(!output.contains("too detailed"), "{output}");
}
