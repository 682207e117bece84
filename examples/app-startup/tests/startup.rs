//! The application migrates SQLite, PostgreSQL and MariaDB at start-up; the `dbm` command line
//! then finds every migration `completed` (same names, same checksums) on the same database
//! and project, and the two take turns.
//!
//! This test has its own `main`: run with `DBM_STARTUP_TEST_CLI` set, the binary is the `dbm`
//! command line, so the test runs `migration:status --json` as a process and reads its output.

use std::path::PathBuf;
use std::process::{Command, ExitCode, Output};

use dbm_test_support::{Server, TestDatabase};

/// The application's migrations, embedded here too.
static MIGRATIONS: dbm::EmbeddedMigrations = dbm::embed_migrations!("database/migrations");

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// Set on the child process that plays the command line.
const CLI: &str = "DBM_STARTUP_TEST_CLI";

fn main() -> ExitCode {
    if std::env::var_os(CLI).is_some() {
        return dbm_cli::Dbm::new().run_from(std::env::args_os());
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("app.sqlite3");
    check("sqlite", &format!("sqlite://{}", file.display()));
    match TestDatabase::create_blocking(Server::Postgres) {
        Some(db) => check("pg", &db.url),
        None => eprintln!("postgres: skipped"),
    }
    match TestDatabase::create_blocking(Server::Mysql) {
        Some(db) => check("mysql", &db.url),
        None => eprintln!("mysql: skipped"),
    }
    ExitCode::SUCCESS
}

/// The example's folder: the project root of the application and of the command line.
fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs the application on `url`.
fn app(url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_app-startup"))
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .current_dir(project())
        .output()
        .expect("the application starts")
}

/// Runs `dbm` with `args` on connection `connection` of the example's configuration, its URL
/// replaced by `url`.
fn dbm(connection: &str, url: &str, args: &[&str]) -> Output {
    let config = project().join("config/database.toml");
    Command::new(std::env::current_exe().expect("the test binary"))
        .env(CLI, "1")
        .env(
            format!("DBM_CONNECTIONS__{}__URL", connection.to_uppercase()),
            url,
        )
        .args(["--config".as_ref(), config.as_os_str()])
        .args(["--connection", connection, "--color", "never"])
        .args(args)
        .current_dir(project())
        .output()
        .expect("dbm starts")
}

/// Every migration the application embeds, as the command line reads them from the folder:
/// name and checksum.
fn files() -> Vec<(String, String)> {
    let source = dbm_core::migration::MigrationSource::new(
        project(),
        vec!["database/migrations".to_owned()],
    );
    source
        .load()
        .expect("the example's migrations load")
        .into_iter()
        .map(|m| (m.name, m.checksum))
        .collect()
}

fn check(connection: &str, url: &str) {
    let files = files();
    assert_eq!(files.len(), 2, "{files:?}");

    let first = app(url);
    let (out, err) = (text(&first.stdout), text(&first.stderr));
    assert!(
        first.status.success(),
        "{connection}: the application failed\n{out}\n{err}"
    );
    assert_eq!(out, "first role: admin\n", "{connection}: {err}");
    for (name, _) in &files {
        assert!(
            err.contains(&format!("migrated {name} (")),
            "{connection}: no `migrated {name}` line in\n{err}"
        );
    }

    let status = dbm(connection, url, &["migration:status", "--json"]);
    let out = text(&status.stdout);
    assert!(
        status.status.success(),
        "{connection}: migration:status failed\n{out}\n{}",
        text(&status.stderr)
    );
    let doc: serde_json::Value = serde_json::from_str(&out).expect("status --json is JSON");
    let rows = doc["migrations"].as_array().expect("migrations");
    let seen: Vec<(&str, &str)> = rows
        .iter()
        .map(|row| {
            (
                row["name"].as_str().unwrap_or_default(),
                row["status"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    let expected: Vec<(&str, &str)> = files
        .iter()
        .map(|(name, _)| (name.as_str(), "completed"))
        .collect();
    assert_eq!(seen, expected, "{connection}: {out}");

    // The checksums the application recorded are the command line's: `changed` otherwise,
    // and `migration:run --force` refuses nothing, so compare what is stored directly.
    let stored = stored_checksums(connection, url);
    assert_eq!(stored, files, "{connection}: checksums in dbm_schema");

    // Turns: the command line rolls the last batch back, the application applies it again.
    let rollback = dbm(connection, url, &["migration:rollback"]);
    assert!(
        rollback.status.success(),
        "{connection}: rollback\n{}",
        text(&rollback.stderr)
    );
    // By URL this time, in this process: the batch comes back, again as batch 1.
    let report = runtime()
        .block_on(dbm::Migrator::new(MIGRATIONS).run(url))
        .unwrap_or_else(|e| panic!("{connection}: migrating by URL: {e}"));
    let names: Vec<&str> = report.migrations.iter().map(|m| m.name.as_str()).collect();
    let expected: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, expected, "{connection}");
    assert_eq!(report.batch, Some(1), "{connection}");
    let third = app(url);
    let err = text(&third.stderr);
    assert!(third.status.success(), "{connection}: third start\n{err}");
    assert!(!err.contains("migrated "), "{connection}: {err}");
    assert!(
        err.contains("migrations already up to date"),
        "{connection}: {err}"
    );
    eprintln!("{connection}: ok");
}

/// The `(name, checksum)` rows of `dbm_schema`, by id.
fn stored_checksums(connection: &str, url: &str) -> Vec<(String, String)> {
    let query = "SELECT name, checksum FROM dbm_schema ORDER BY id";
    runtime().block_on(async {
        match connection {
            "sqlite" => {
                let pool = sqlx::SqlitePool::connect(url).await.expect("connect");
                sqlx::query_as(query).fetch_all(&pool).await
            }
            "pg" => {
                let pool = sqlx::PgPool::connect(url).await.expect("connect");
                sqlx::query_as(query).fetch_all(&pool).await
            }
            _ => {
                let pool = sqlx::MySqlPool::connect(url).await.expect("connect");
                sqlx::query_as(query).fetch_all(&pool).await
            }
        }
        .expect("dbm_schema")
    })
}
