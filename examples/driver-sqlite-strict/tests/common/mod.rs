//! Helpers shared by the tests: configs, connections, TOML operations compiled to SQL.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::migration::toml::parse_toml_migration;
use dbm_core::schema::Operation;
use dbm_core::{ConnectionConfig, Dialect, Value};
use dbm_driver_sqlite_strict::{SqliteStrictDialect, SqliteStrictDriver};

/// Connect and create the file when missing.
pub const CREATE: ConnectOptions = ConnectOptions {
    create: true,
    lock_timeout: None,
};

/// A connection named `strict` with the project root `root`.
pub fn config(root: &Path, url: &str) -> ConnectionConfig {
    ConnectionConfig {
        name: "strict".into(),
        driver: "sqlite_strict".into(),
        url: url.into(),
        debug: false,
        password_env: None,
        root: root.to_path_buf(),
        cluster: Default::default(),
    }
}

/// Opens `url` under `root`.
pub async fn open(root: &Path, url: &str, options: ConnectOptions) -> Box<dyn Connection> {
    SqliteStrictDriver
        .connect(&config(root, url), options)
        .await
        .unwrap_or_else(|e| panic!("{url} opens: {e}"))
}

/// A private in-memory database.
pub async fn memory() -> Box<dyn Connection> {
    open(Path::new("/"), "sqlite_strict::memory:", CREATE).await
}

/// The repository's root, which holds the demo app (`database/migrations`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `[[up]]` operations of a TOML migration text.
pub fn ops(toml: &str) -> Vec<Operation> {
    parse_toml_migration(Path::new("test.toml"), toml)
        .unwrap_or_else(|e| panic!("parses: {e}"))
        .up
}

/// The statements of every `[[up]]` operation of a TOML migration text.
pub fn compile(toml: &str) -> Vec<String> {
    ops(toml)
        .iter()
        .flat_map(|op| {
            SqliteStrictDialect
                .compile(op, None)
                .unwrap_or_else(|e| panic!("compiles: {e}"))
        })
        .collect()
}

/// The schema error of the first `[[up]]` operation that does not compile.
pub fn compile_error(toml: &str) -> String {
    ops(toml)
        .iter()
        .find_map(|op| SqliteStrictDialect.compile(op, None).err())
        .expect("an operation is refused")
        .to_string()
}

/// Runs statements in order.
pub async fn run_all(conn: &mut dyn Connection, statements: &[String]) {
    for sql in statements {
        conn.execute(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}\nfails: {e}"));
    }
}

/// The first column of every row, as text.
pub async fn texts(conn: &mut dyn Connection, sql: &str) -> Vec<String> {
    conn.query(sql, &[])
        .await
        .unwrap_or_else(|e| panic!("{sql}\nfails: {e}"))
        .iter()
        .map(|r| r.get(0).as_text().unwrap_or_else(|| "NULL".into()))
        .collect()
}

/// The names of the tables (not SQLite's own), sorted.
pub async fn tables(conn: &mut dyn Connection) -> Vec<String> {
    texts(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .await
}

/// Shorthand for a text value.
pub fn text(s: &str) -> Value {
    Value::Text(s.into())
}

/// Compiles and runs `toml`'s `up` operations as the migrator does: each `alter_table` part
/// against the table's current state, run before the next is compiled.
pub async fn apply(conn: &mut dyn Connection, toml: &str) {
    let dialect = SqliteStrictDialect;
    for op in ops(toml) {
        let parts = match &op {
            Operation::AlterTable(alter) => alter
                .split_parts()
                .into_iter()
                .map(Operation::AlterTable)
                .collect(),
            _ => vec![op.clone()],
        };
        for part in parts {
            let state = match &part {
                Operation::AlterTable(alter) => {
                    conn.table_state(&alter.name).await.expect("table state")
                }
                _ => None,
            };
            let statements = dialect.compile(&part, state.as_ref()).expect("compiles");
            run_all(conn, &statements).await;
        }
    }
}
