//! The custom binary, run as a user would: the linked-in driver and the embedded migration
//! work with every built-in command.

use std::path::Path;
use std::process::Command;

use dbm_core::ConnectionConfig;
use dbm_core::driver::{ConnectOptions, Connection, Driver, Value};
use dbm_driver_sqlite_strict::SqliteStrictDriver;

fn custom_dbm(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_custom-dbm"))
        .current_dir(dir)
        .args(args)
        .env_remove("DBM_ENV")
        .output()
        .expect("custom-dbm runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = custom_dbm(dir, args);
    assert_eq!(code, 0, "custom-dbm {args:?}\n{stdout}\n{stderr}");
    stdout
}

/// A temporary copy of the demo app with a `strict` connection on the linked-in driver.
fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let migrations = dir.path().join("database/migrations");
    std::fs::create_dir_all(&migrations).expect("mkdir");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../database/migrations");
    for entry in std::fs::read_dir(demo).expect("demo migrations").flatten() {
        std::fs::copy(entry.path(), migrations.join(entry.file_name())).expect("copy");
    }
    std::fs::write(
        dir.path().join("database.toml"),
        "[default]\nconnection = \"strict\"\n\n[default.connections.strict]\ndriver = \"sqlite_strict\"\nurl = \"sqlite_strict://tmp/strict.sqlite3\"\n",
    )
    .expect("config");
    dir
}

/// What the demo's database holds: its tables (without SQLite's own and the tracking tables),
/// sorted, and the migrations of the tracking table in the order they were applied. Read with
/// plain SQL on a connection of its own, not through `custom-dbm`.
fn database_state(dir: &Path) -> (Vec<String>, Vec<String>) {
    let config = ConnectionConfig {
        name: "strict".into(),
        driver: "sqlite_strict".into(),
        url: "sqlite_strict://tmp/strict.sqlite3".into(),
        debug: false,
        password_env: None,
        root: dir.to_path_buf(),
        cluster: Default::default(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let mut conn = SqliteStrictDriver
            .connect(&config, ConnectOptions::default())
            .await
            .expect("the database opens");
        let tables = names(
            conn.as_mut(),
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT GLOB 'sqlite_*' AND name NOT GLOB 'dbm_schema*' ORDER BY name",
        )
        .await;
        let applied = names(conn.as_mut(), "SELECT name FROM dbm_schema ORDER BY id").await;
        conn.close().await.expect("closes");
        (tables, applied)
    })
}

/// The first column of each row of `sql`, as text.
async fn names(conn: &mut dyn Connection, sql: &str) -> Vec<String> {
    conn.query(sql, &[])
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .iter()
        .map(|row| match row.get(0) {
            Value::Text(name) => name.clone(),
            other => panic!("{sql}: not a name: {other:?}"),
        })
        .collect()
}

/// The demo's migrations as the tracking table names them: the five files, then the embedded
/// one.
const MIGRATIONS: [&str; 6] = [
    "database/migrations/1732540000000_create_roles_table",
    "database/migrations/1732540000001_create_users_table",
    "database/migrations/1732540000002_create_profiles_table",
    "database/migrations/1732540000003_create_challenges_table",
    "database/migrations/1732540000004_create_challenge_user_table",
    "database/migrations/1732540000005_create_settings_table",
];

/// The tables the demo's migrations create, sorted.
const TABLES: [&str; 6] = [
    "challenge_user",
    "challenges",
    "profiles",
    "roles",
    "settings",
    "users",
];

#[test]
fn the_linked_in_driver_is_listed_as_built_in() {
    let dir = demo();
    let doc: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["drivers", "--json"])).expect("JSON");
    let strict = doc["drivers"]
        .as_array()
        .expect("drivers")
        .iter()
        .find(|d| d["name"] == "sqlite_strict")
        .expect("sqlite_strict is listed");
    assert_eq!(strict["source"], "built-in");
}

#[test]
fn the_embedded_migration_runs_in_order_with_the_files_and_rolls_back() {
    let dir = demo();
    let out = ok(dir.path(), &["migration:run"]);
    let users = out.find("create_users_table").expect("users ran");
    let settings = out
        .find("create_settings_table")
        .expect("the embedded migration ran");
    assert!(users < settings, "sorted by name with the files:\n{out}");

    let status: serde_json::Value =
        serde_json::from_str(&ok(dir.path(), &["migration:status", "--json"])).expect("JSON");
    let rows = status["migrations"].as_array().expect("migrations");
    assert_eq!(rows.len(), 6);
    assert!(rows.iter().all(|m| m["status"] == "completed"), "{status}");

    let (tables, applied) = database_state(dir.path());
    assert_eq!(tables, TABLES);
    assert_eq!(
        applied, MIGRATIONS,
        "applied in name order, the embedded one last"
    );

    // The newest first: one step reverts the embedded migration, and only it.
    let out = ok(dir.path(), &["migration:rollback", "--step", "1"]);
    assert!(out.contains("reverted database/migrations/1732540000005_create_settings_table"));
    let (tables, applied) = database_state(dir.path());
    assert_eq!(
        tables,
        ["challenge_user", "challenges", "profiles", "roles", "users"]
    );
    assert_eq!(applied, MIGRATIONS[..5]);

    // The next step reverts the newest file migration.
    ok(dir.path(), &["migration:rollback", "--step", "1"]);
    let (tables, applied) = database_state(dir.path());
    assert_eq!(tables, ["challenges", "profiles", "roles", "users"]);
    assert_eq!(applied, MIGRATIONS[..4]);

    // Everything else, newest first, leaves no table and no tracking row.
    ok(dir.path(), &["migration:run"]);
    let out = ok(dir.path(), &["migration:rollback", "--batch", "0"]);
    let settings = out.find("reverted database/migrations/1732540000005_create_settings_table");
    let roles = out.find("reverted database/migrations/1732540000000_create_roles_table");
    assert!(
        settings.is_some() && roles.is_some() && settings < roles,
        "{out}"
    );
    assert_eq!(database_state(dir.path()), (vec![], vec![]));
}

#[test]
fn the_embedded_seeder_fills_the_embedded_table() {
    let dir = demo();
    let out = ok(dir.path(), &["migration:fresh", "--seed"]);
    assert!(
        out.contains("❯ seeded database/seeders/default_settings"),
        "{out}"
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let keys = runtime.block_on(async {
        let config = ConnectionConfig {
            name: "strict".into(),
            driver: "sqlite_strict".into(),
            url: "sqlite_strict://tmp/strict.sqlite3".into(),
            debug: false,
            password_env: None,
            root: dir.path().to_path_buf(),
            cluster: Default::default(),
        };
        let mut conn = SqliteStrictDriver
            .connect(&config, ConnectOptions::default())
            .await
            .expect("the database opens");
        let keys = names(conn.as_mut(), "SELECT key FROM settings ORDER BY key").await;
        conn.close().await.expect("closes");
        keys
    });
    assert_eq!(keys, ["locale", "site_name"]);
}
