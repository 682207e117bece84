//! Real plugins loaded through the C ABI: the SQLite driver exported as a plugin, and plugins
//! broken in one way each. Checks that need a fresh process (the panic banner, a panicking
//! entry point, log forwarding through a global subscriber) run this test binary again as a
//! child: the ignored entry point `abi::child`, which runs the `child_*` function that
//! `DBM_PLUGIN_TEST_CHILD` names. Ignored, it is no test of its own: it never counts as a
//! pass, only its parent does.

use std::process::Command;
use std::time::{Duration, Instant};

use dbm_core::driver::ConnectOptions;
use dbm_core::{Driver, DriverErrorKind};
use dbm_driver_sqlite::SqliteDriver;
use dbm_plugin::abi::ABI_VERSION;
use dbm_plugin::{PluginError, load};

use crate::common::{assert_same, config, plugin_library, roles, transcript};

#[tokio::test(flavor = "multi_thread")]
async fn the_sqlite_plugin_behaves_like_the_linked_in_driver() {
    let path = plugin_library("dbm_plugin_sqlite");
    let plugin = load(&path, Some("sqlite")).expect("the SQLite plugin loads");
    assert_eq!(plugin.name(), "sqlite");
    assert_eq!(plugin.version(), SqliteDriver.version());
    assert_eq!(plugin.path(), path);
    let linked = tempfile::tempdir().expect("tempdir");
    let loaded = tempfile::tempdir().expect("tempdir");
    let expected = transcript(&SqliteDriver, linked.path()).await;
    let actual = transcript(&plugin, loaded.path()).await;
    assert_same(&expected, &actual);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_sqlite_plugins_lock_excludes_the_linked_in_driver_and_is_released_on_drop() {
    let plugin = load(&plugin_library("dbm_plugin_sqlite"), Some("sqlite")).expect("loads");
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config("sqlite://db.sqlite3", dir.path());
    let create = ConnectOptions {
        create: true,
        lock_timeout: None,
    };
    let mut ours = plugin.connect(&config, create).await.expect("connects");
    let mut theirs = SqliteDriver
        .connect(&config, create)
        .await
        .expect("connects");
    assert!(ours.try_lock("dbm_schema").await.expect("tries"));
    assert!(!theirs.try_lock("dbm_schema").await.expect("tries"));
    ours.unlock("dbm_schema").await.expect("unlocks");
    assert!(theirs.try_lock("dbm_schema").await.expect("tries"));
    assert!(!ours.try_lock("dbm_schema").await.expect("tries"));
    theirs.unlock("dbm_schema").await.expect("unlocks");
    assert!(ours.try_lock("dbm_schema").await.expect("tries"));

    // Dropped without close: the plugin closes it in the background, releasing the lock.
    drop(ours);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !theirs.try_lock("dbm_schema").await.expect("tries") {
        assert!(
            Instant::now() < deadline,
            "the dropped connection kept the lock"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    theirs.close().await.expect("closes");
}

#[test]
fn loading_twice_gives_the_same_plugin_and_checks_the_name() {
    let path = plugin_library("dbm_plugin_sqlite");
    let first = load(&path, None).expect("loads");
    let second = load(&path, Some("sqlite")).expect("loads again");
    assert_eq!(first.path(), second.path());
    let error = load(&path, Some("duckdb")).expect_err("not duckdb");
    assert!(matches!(error, PluginError::NameMismatch { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("`sqlite`, not `duckdb`"), "{message}");
}

#[test]
fn a_plugin_of_another_abi_version_is_refused() {
    let path = plugin_library("dbm_test_plugin_wrong_abi");
    let error = load(&path, None).expect_err("ABI 999");
    let PluginError::AbiMismatch {
        found, expected, ..
    } = &error
    else {
        panic!("expected an ABI mismatch, got {error}");
    };
    assert_eq!((*found, *expected), (999, ABI_VERSION));
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("rebuild the plugin"), "{message}");
    assert!(error.is_config());
}

#[test]
fn a_library_without_the_entry_symbol_is_refused() {
    let path = plugin_library("dbm_test_plugin_no_entry");
    let error = load(&path, None).expect_err("no entry");
    assert!(matches!(error, PluginError::MissingEntry { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("dbm_driver_entry"), "{message}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plugin_answering_garbage_gives_errors_naming_it() {
    let path = plugin_library("dbm_test_plugin_garbage");
    let plugin = load(&path, Some("garbage")).expect("its dialect_info is valid");
    assert_eq!(plugin.version(), "6.6.6");
    let shown = path.display().to_string();
    let config = config("x", std::path::Path::new("."));

    let error = plugin
        .connect(&config, ConnectOptions::default())
        .await
        .err()
        .expect("not JSON");
    assert_eq!(error.kind, DriverErrorKind::Other);
    assert!(error.message.contains(&shown), "{}", error.message);
    assert!(
        error.message.contains("malformed response"),
        "{}",
        error.message
    );
    assert!(error.message.contains("`connect`"), "{}", error.message);

    let error = plugin
        .create_database(&config)
        .await
        .expect_err("truncated");
    assert!(error.message.contains(&shown), "{}", error.message);
    assert!(error.message.contains("EOF"), "{}", error.message);

    let error = plugin.drop_database(&config).await.expect_err("not a bool");
    assert!(error.message.contains(&shown), "{}", error.message);
    assert!(error.message.contains("does not fit"), "{}", error.message);

    // A failure outside the protocol: the dialect falls back to the default quoting.
    assert_eq!(plugin.dialect().quote_string("t"), "'t'");
    // Identifiers are quoted as its dialect info says, without a call.
    assert_eq!(plugin.dialect().quote_identifier("t"), "\"t\"");
    // An empty answer is malformed too.
    let error = plugin
        .dialect()
        .compile(&roles(), None)
        .expect_err("empty answer");
    assert!(error.to_string().contains("malformed response"), "{error}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_panicking_plugin_answers_errors_and_keeps_working() {
    let plugin = load(&plugin_library("dbm_test_plugin_panics"), Some("panics")).expect("loads");
    let config = config("x", std::path::Path::new("."));
    let error = plugin
        .connect(&config, ConnectOptions::default())
        .await
        .err()
        .expect("panics");
    assert_eq!(error.kind, DriverErrorKind::Other);
    assert!(
        error
            .message
            .starts_with("the plugin panicked: connect exploded (at "),
        "{}",
        error.message
    );
    let error = plugin.create_database(&config).await.expect_err("panics");
    assert!(
        error.message.contains("index out of bounds"),
        "{}",
        error.message
    );
    let error = plugin
        .dialect()
        .compile(&roles(), None)
        .expect_err("panics");
    assert!(error.to_string().contains("compile exploded"), "{error}");
    assert_eq!(plugin.dialect().quote_identifier("t"), "\"t\"");
    // Still alive, and its runtime runs tasks.
    assert!(plugin.drop_database(&config).await.expect("works"));
}

/// Runs the child `name` (`child_panics_quietly`, ...) in a new process of this test binary,
/// through the ignored entry point [`child`]; returns (stdout, stderr).
fn run_child(name: &str, env: &[(&str, &str)]) -> (String, String) {
    let exe = std::env::current_exe().expect("the test binary");
    let mut command = Command::new(exe);
    command
        .args([
            "abi::child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("DBM_PLUGIN_TEST_CHILD", name);
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("the child runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "child {name} failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    assert!(
        stdout.contains("1 passed"),
        "child {name} did not run\n{stdout}"
    );
    (stdout, stderr)
}

/// The child process's entry point: runs the `child_*` function `DBM_PLUGIN_TEST_CHILD` names.
#[test]
#[ignore = "the child process of the abi tests that need a fresh process; they run it"]
fn child() {
    let name = std::env::var("DBM_PLUGIN_TEST_CHILD").unwrap_or_default();
    match name.as_str() {
        "child_panics_quietly" => child_panics_quietly(),
        "child_entry_panics" => child_entry_panics(),
        "child_logs" => child_logs(),
        _ => panic!(
            "abi::child runs only as the child process of another abi test, which sets \
             DBM_PLUGIN_TEST_CHILD (here {name:?})"
        ),
    }
}

#[test]
fn a_panicking_plugin_prints_no_panic_banner() {
    let (stdout, stderr) = run_child("child_panics_quietly", &[]);
    assert!(
        stdout.contains("connect: the plugin panicked: connect exploded (at "),
        "{stdout}"
    );
    assert!(!stderr.contains("panicked at"), "{stderr}");
    assert!(!stdout.contains("panicked at"), "{stdout}");
}

fn child_panics_quietly() {
    let plugin = load(&plugin_library("dbm_test_plugin_panics"), None).expect("loads");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let error = runtime
        .block_on(plugin.connect(
            &config("x", std::path::Path::new(".")),
            ConnectOptions::default(),
        ))
        .err()
        .expect("panics");
    println!("connect: {}", error.message);
    let error = plugin
        .dialect()
        .compile(&roles(), None)
        .expect_err("panics");
    println!("compile: {error}");
}

#[test]
fn a_plugin_whose_driver_panics_while_being_built_does_not_load() {
    let (stdout, stderr) = run_child("child_entry_panics", &[("DBM_TEST_PANIC_IN_ENTRY", "1")]);
    assert!(stdout.contains("load: driver plugin "), "{stdout}");
    assert!(stdout.contains("returned no table"), "{stdout}");
    assert!(!stderr.contains("panicked at"), "{stderr}");
}

fn child_entry_panics() {
    let error =
        load(&plugin_library("dbm_test_plugin_panics"), None).expect_err("the entry panics");
    assert!(matches!(error, PluginError::Panicked { .. }), "{error}");
    println!("load: {error}");
}

#[test]
fn a_plugins_tracing_events_reach_the_hosts_subscriber() {
    let (_, stderr) = run_child("child_logs", &[]);
    assert!(
        stderr.contains("INFO garbage: hello from garbage"),
        "{stderr}"
    );
    assert!(
        stderr.contains("INFO dbm::sql: DROP DATABASE pretend"),
        "{stderr}"
    );
    assert!(
        stderr.contains("DEBUG panics::detail: a debug detail rows=0"),
        "{stderr}"
    );
    assert!(
        stderr.contains("WARN panics::worker: hello from a worker thread"),
        "{stderr}"
    );
    assert!(!stderr.contains("a trace detail"), "{stderr}");
}

fn child_logs() {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .without_time()
        .with_writer(std::io::stderr)
        .init();
    load(&plugin_library("dbm_test_plugin_garbage"), None).expect("loads");
    let plugin = load(&plugin_library("dbm_test_plugin_panics"), None).expect("loads");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let dropped = runtime
        .block_on(plugin.drop_database(&config("x", std::path::Path::new("."))))
        .expect("works");
    assert!(dropped);
}
