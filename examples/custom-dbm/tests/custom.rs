//! The custom binary, run as a user would: the linked-in driver and the embedded migration
//! work with every built-in command.

use std::path::Path;
use std::process::Command;

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

    let out = ok(dir.path(), &["migration:rollback", "--batch", "0"]);
    let settings = out.find("reverted database/migrations/1732540000005_create_settings_table");
    let roles = out.find("reverted database/migrations/1732540000000_create_roles_table");
    assert!(
        settings.is_some() && roles.is_some() && settings < roles,
        "{out}"
    );
}
