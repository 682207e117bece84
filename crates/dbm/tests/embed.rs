//! `dbm::Migrator` on the embedded migrations of `tests/migrations`: events through the
//! application's `tracing` subscriber, the lock the CLI takes, and an application's sqlx
//! pools, which lend one connection for the run and get nothing left behind.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dbm::{ClusterConfig, LockStrategy, Migrator};
use dbm_test_support::{Server, TestDatabase};

static MIGRATIONS: dbm::EmbeddedMigrations = dbm::embed_migrations!("tests/migrations");

const NAMES: [&str; 2] = [
    "tests/migrations/1_create_notes_table",
    "tests/migrations/2_insert_note",
];

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

/// What a subscriber wrote.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut buffer) = self.0.lock() {
            buffer.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// An application's subscriber at `level` and up, without colour, writing here.
    fn subscriber(&self, level: tracing::Level) -> impl tracing::Subscriber + Send + Sync {
        let writer = self.clone();
        tracing_subscriber::fmt()
            .with_max_level(level)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish()
    }

    fn text(&self) -> String {
        let bytes = self.0.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// Runs `work` under an application's subscriber (info and up, no colour); returns its
/// result and what the subscriber wrote.
fn traced<T>(work: impl FnOnce() -> T) -> (T, String) {
    let captured = Captured::default();
    let result = tracing::subscriber::with_default(captured.subscriber(tracing::Level::INFO), work);
    (result, captured.text())
}

fn sqlite_url(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}", dir.path().join("app.sqlite3").display())
}

#[test]
fn the_applications_subscriber_shows_a_migrated_line_per_migration() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = sqlite_url(&dir);
    let rt = runtime();
    let (report, log) = traced(|| rt.block_on(Migrator::new(MIGRATIONS).run(&url)));
    let report = report.expect("migrates");
    assert_eq!(report.batch, Some(1));
    for name in NAMES {
        let line = log
            .lines()
            .find(|line| line.contains(&format!("migrated {name} (")))
            .unwrap_or_else(|| panic!("no `migrated {name}` line in\n{log}"));
        assert!(line.contains("INFO"), "{line}");
    }
    let (again, log) = traced(|| rt.block_on(Migrator::new(MIGRATIONS).run(&url)));
    assert!(again.expect("runs again").migrations.is_empty());
    assert!(!log.contains("migrated "), "{log}");
    assert!(log.contains("migrations already up to date"), "{log}");
}

#[test]
fn a_failing_migration_is_an_error_line_and_an_error() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = sqlite_url(&dir);
    let rt = runtime();
    // The table the first migration creates is there already: it fails.
    rt.block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("{url}?mode=rwc"))
            .await
            .expect("connect");
        sqlx::raw_sql("CREATE TABLE notes (id INTEGER)")
            .execute(&pool)
            .await
            .expect("create");
        pool.close().await;
    });
    let (result, log) = traced(|| rt.block_on(Migrator::new(MIGRATIONS).run(&url)));
    let error = result.expect_err("the table exists");
    assert!(
        log.contains(&format!("migration {} failed", NAMES[0])),
        "{log}"
    );
    assert!(!error.to_string().is_empty());
}

#[test]
fn a_sqlite_pool_is_migrated_and_reads_the_row() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("app.sqlite3");
    runtime().block_on(async {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&file)
            .create_if_missing(true);
        let pool = sqlx::SqlitePool::connect_with(options).await.expect("pool");
        let report = Migrator::new(MIGRATIONS)
            .run(&pool)
            .await
            .expect("migrates");
        assert_eq!(report.migrations.len(), 2);
        let body: String = sqlx::query_scalar("SELECT body FROM notes")
            .fetch_one(&pool)
            .await
            .expect("the row");
        assert_eq!(body, "hello");
    });
}

#[test]
fn an_in_memory_sqlite_pool_is_refused() {
    runtime().block_on(async {
        let pool = sqlx::SqlitePool::connect("sqlite::memory:")
            .await
            .expect("pool");
        let error = Migrator::new(MIGRATIONS)
            .run(&pool)
            .await
            .expect_err("in memory");
        assert!(error.to_string().contains("in memory"), "{error}");
    });
}

#[test]
fn a_url_of_no_known_database_is_refused() {
    let error = runtime()
        .block_on(Migrator::new(MIGRATIONS).run("redis://localhost"))
        .expect_err("no driver");
    assert!(
        error
            .to_string()
            .contains("cannot tell the database of URL"),
        "{error}"
    );
}

#[test]
fn the_table_lock_is_a_lease_row_released_after_the_run() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = sqlite_url(&dir);
    runtime().block_on(async {
        let cluster = ClusterConfig {
            lock: LockStrategy::Table,
            ..ClusterConfig::default()
        };
        let report = Migrator::new(MIGRATIONS)
            .cluster(cluster)
            .run(&url)
            .await
            .expect("migrates");
        assert_eq!(report.migrations.len(), 2);
        let pool = sqlx::SqlitePool::connect(&url).await.expect("connect");
        let leases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dbm_schema_lock")
            .fetch_one(&pool)
            .await
            .expect("the lease table exists");
        assert_eq!(leases, 0, "the lease is released");
    });
}

/// What `count` gives once it is `want`, or after five seconds (a closed connection's
/// session ends on the server a moment after the client leaves).
async fn settled<F: Future<Output = i64>>(count: impl Fn() -> F, want: i64) -> i64 {
    let mut seen = count().await;
    for _ in 0..50 {
        if seen == want {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        seen = count().await;
    }
    seen
}

const PG_SESSIONS: &str =
    "SELECT COUNT(*)::int8 FROM pg_stat_activity WHERE datname = current_database()";
const MYSQL_SESSIONS: &str = "SELECT CAST(COUNT(*) AS SIGNED) FROM information_schema.PROCESSLIST \
                              WHERE DB = DATABASE()";

/// A test that migrates an application's pool of `$server` (`$options`: its sqlx pool
/// options) under each lock, then checks that no session beyond the pool's own is left and
/// that the migrations' row reads back through the pool.
macro_rules! pool_lends_one_connection {
    ($name:ident, $server:expr, $options:ty, $sessions:expr) => {
        #[test]
        fn $name() {
            let Some(db) = TestDatabase::create_blocking($server) else {
                return;
            };
            runtime().block_on(async {
                for lock in [LockStrategy::Auto, LockStrategy::Table] {
                    let pool = <$options>::new()
                        .max_connections(2)
                        .connect(&db.url)
                        .await
                        .expect("pool");
                    let cluster = ClusterConfig {
                        lock,
                        ..ClusterConfig::default()
                    };
                    Migrator::new(MIGRATIONS)
                        .cluster(cluster)
                        .run(&pool)
                        .await
                        .unwrap_or_else(|e| panic!("{lock:?}: {e}"));
                    let extra = || async {
                        let mut conn = pool.acquire().await.expect("a pool connection");
                        let sessions: i64 = sqlx::query_scalar($sessions)
                            .fetch_one(&mut *conn)
                            .await
                            .expect("the session count");
                        sessions - i64::from(pool.size())
                    };
                    assert_eq!(
                        settled(extra, 0).await,
                        0,
                        "{lock:?}: sessions beyond the pool's own are left"
                    );
                    let body: String = sqlx::query_scalar("SELECT body FROM notes")
                        .fetch_one(&pool)
                        .await
                        .expect("the row");
                    assert_eq!(body, "hello");
                    pool.close().await;
                }
            });
        }
    };
}

pool_lends_one_connection!(
    a_postgres_pool_lends_one_connection_for_the_run,
    Server::Postgres,
    sqlx::postgres::PgPoolOptions,
    PG_SESSIONS
);
pool_lends_one_connection!(
    a_mysql_pool_lends_one_connection_for_the_run,
    Server::Mysql,
    sqlx::mysql::MySqlPoolOptions,
    MYSQL_SESSIONS
);

/// `(migrations applied, leases left, notes)` on a database reached directly.
async fn pg_state(url: &str) -> (i64, i64, i64) {
    let pool = sqlx::PgPool::connect(url).await.expect("connect");
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        }
    };
    let state = (
        count("SELECT COUNT(*) FROM dbm_schema").await,
        count("SELECT COUNT(*) FROM dbm_schema_lock").await,
        count("SELECT COUNT(*) FROM notes").await,
    );
    pool.close().await;
    state
}

#[test]
fn a_pool_behind_pgbouncer_migrates_under_a_lease() {
    let Some(db) = dbm_test_support::PgBouncerDatabase::create_blocking() else {
        return;
    };
    runtime().block_on(async {
        // What an application behind PgBouncer in transaction mode sets: no startup
        // parameter PgBouncer refuses, no statement cache across transactions.
        let options: sqlx::postgres::PgConnectOptions = db.url.parse().expect("the URL");
        let options = options.extra_float_digits(None).statement_cache_capacity(0);
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(2)
            .connect_with(options)
            .await
            .expect("a pool through PgBouncer");
        let (report, log) = {
            let captured = Captured::default();
            let _guard =
                tracing::subscriber::set_default(captured.subscriber(tracing::Level::DEBUG));
            let report = Migrator::new(MIGRATIONS).run(&pool).await;
            (report, captured.text())
        };
        let report = report.unwrap_or_else(|e| panic!("through PgBouncer: {e}\n{log}"));
        assert_eq!(report.migrations.len(), 2, "{log}");
        assert!(
            log.contains("migration lock: Table (auto: a transaction pooler"),
            "{log}"
        );
        pool.close().await;
        // The lease table was used, and the lease is gone.
        assert_eq!(pg_state(&db.direct.url).await, (2, 0, 1));
    });
}

#[test]
fn on_galera_the_lock_is_a_lease_and_every_node_sees_the_migrations() {
    let Some(db) = dbm_test_support::GaleraDatabase::create_blocking() else {
        return;
    };
    runtime().block_on(async {
        let (report, log) = {
            let captured = Captured::default();
            let _guard =
                tracing::subscriber::set_default(captured.subscriber(tracing::Level::DEBUG));
            let report = Migrator::new(MIGRATIONS).run(&db.urls[0]).await;
            (report, captured.text())
        };
        let report = report.unwrap_or_else(|e| panic!("on Galera: {e}\n{log}"));
        assert_eq!(report.migrations.len(), 2, "{log}");
        assert!(
            log.contains("migration lock: Table (auto: a Galera cluster"),
            "{log}"
        );
        // Another node applies nothing: it reads the same tracking table.
        let again = Migrator::new(MIGRATIONS)
            .run(&db.urls[1])
            .await
            .expect("node 2");
        assert!(again.migrations.is_empty());
        let pool = sqlx::MySqlPool::connect(&db.urls[2]).await.expect("node 3");
        let leases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dbm_schema_lock")
            .fetch_one(&pool)
            .await
            .expect("the lease table");
        assert_eq!(leases, 0);
        pool.close().await;
    });
}
