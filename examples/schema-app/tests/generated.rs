//! The committed modules are what `schema:generate` writes for the demo on each database,
//! and they read a row of every demo table through `sqlx::FromRow`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dbm_test_support::{Server, TestDatabase};

/// The repository's root (the demo's migrations are in `database/migrations/`).
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the `dbm` command line, as the binary does, and returns its exit code.
fn dbm(config: &Path, args: &[&str]) -> ExitCode {
    let config = config.display().to_string();
    let mut argv = vec!["dbm", "--config", config.as_str(), "-q"];
    argv.extend_from_slice(args);
    dbm_cli::Dbm::new().run_from(argv)
}

/// A project in a temporary folder whose one connection is `url`, running the demo's
/// migrations and regenerating `schema.rs` inside the folder after each of them.
fn project(driver: &str, url: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let migrations = repository().join("database/migrations");
    let file = format!(
        "[default]\nconnection = \"db\"\n\n[default.connections.db]\ndriver = \"{driver}\"\n\
         url = \"{url}\"\n\n[default.migrations]\npaths = [{migrations:?}]\n\n\
         [default.schema]\ngenerate = true\npath = \"schema.rs\"\ndatetime = \"time\"\n\
         derive_from_row = true\n"
    );
    let config = dir.path().join("config/database.toml");
    std::fs::create_dir_all(dir.path().join("config")).expect("config folder");
    std::fs::write(&config, file).expect("write config");
    (dir, config)
}

/// Migrates a fresh database, checks that the generated module is the committed one, then
/// returns the project (kept alive while the database is used).
fn migrate_and_compare(driver: &str, url: &str, committed: &str) -> tempfile::TempDir {
    let (dir, config) = project(driver, url);
    assert_eq!(
        dbm(&config, &["migration:run"]),
        ExitCode::SUCCESS,
        "{driver}: migration:run"
    );
    let generated = std::fs::read_to_string(dir.path().join("schema.rs")).expect("schema.rs");
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(committed);
    if std::env::var_os("DBM_UPDATE_SCHEMA_APP").is_some() {
        std::fs::write(&committed_path, &generated).expect("update the committed module");
    }
    let on_disk = std::fs::read_to_string(&committed_path).expect("committed module");
    assert_eq!(
        on_disk, generated,
        "src/{committed} is not what schema:generate writes for {driver}; regenerate it with \
         DBM_UPDATE_SCHEMA_APP=1 cargo test -p dbm-example-schema-app"
    );
    assert_eq!(
        dbm(&config, &["schema:generate", "--check"]),
        ExitCode::SUCCESS,
        "{driver}: --check right after the run"
    );
    dir
}

/// One row per demo table, in foreign key order.
const INSERTS: &[&str] = &[
    "INSERT INTO roles (name, created_at, updated_at) VALUES ('admin', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO users (role_id, email, created_at, updated_at) VALUES (1, 'a@example.com', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO profiles (user_id, bio, is_public, created_at, updated_at) VALUES (1, 'hi', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO challenges (creator_id, text, points, created_at, updated_at) VALUES (1, 'run', 10, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO challenge_user (challenge_id, user_id, completed_at) VALUES (1, 1, CURRENT_TIMESTAMP)",
];

/// Inserts a row per table through `$pool`, then reads each back as the structs of
/// `$module`, checking a field of each.
macro_rules! read_every_table {
    ($pool:expr, $module:path) => {{
        use $module as schema;
        let pool = $pool;
        for insert in INSERTS {
            sqlx::raw_sql(*insert).execute(&pool).await.expect(insert);
        }
        macro_rules! one {
            ($ty:ty) => {
                sqlx::query_as::<_, $ty>(sqlx::AssertSqlSafe(format!(
                    "SELECT * FROM {}",
                    <$ty>::TABLE
                )))
                .fetch_one(&pool)
                .await
                .expect(stringify!($ty))
            };
        }
        assert_eq!(one!(schema::Role).name, "admin");
        let user = one!(schema::User);
        assert_eq!(user.email, "a@example.com");
        assert!(user.created_at.year() >= 2024);
        let profile = one!(schema::Profile);
        assert_eq!(profile.is_public, Some(true));
        assert_eq!(profile.bio.as_deref(), Some("hi"));
        assert_eq!(one!(schema::Challenge).points, 10);
        let done = one!(schema::ChallengeUser);
        assert!(done.completed_at.is_some_and(|at| at.year() >= 2024));
        pool.close().await;
    }};
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn sqlite() {
    let data = tempfile::tempdir().expect("temporary folder");
    let file = data.path().join("demo.sqlite3");
    let url = format!("sqlite://{}", file.display());
    let _project = migrate_and_compare("sqlite", &url, "sqlite.rs");
    runtime().block_on(async {
        let pool = sqlx::SqlitePool::connect(&url).await.expect("connect");
        read_every_table!(pool, schema_app::sqlite);
    });
}

#[test]
fn postgres() {
    let Some(db) = TestDatabase::create_blocking(Server::Postgres) else {
        return;
    };
    let _project = migrate_and_compare("postgres", &db.url, "postgres.rs");
    runtime().block_on(async {
        let pool = sqlx::PgPool::connect(&db.url).await.expect("connect");
        read_every_table!(pool, schema_app::postgres);
    });
}

#[test]
fn mysql() {
    let Some(db) = TestDatabase::create_blocking(Server::Mysql) else {
        return;
    };
    let _project = migrate_and_compare("mysql", &db.url, "mysql.rs");
    runtime().block_on(async {
        let pool = sqlx::MySqlPool::connect(&db.url).await.expect("connect");
        read_every_table!(pool, schema_app::mysql);
    });
}
