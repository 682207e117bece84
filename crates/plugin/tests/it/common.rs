//! Helpers: configs, the test plugins' libraries, schema operations, and the transcript of a
//! scenario that exercises every method of a driver.

use std::fmt::Debug;
use std::path::{Path, PathBuf};

use dbm_core::driver::{ConnectOptions, DropAllOptions};
use dbm_core::schema::{AlterTable, Column, ColumnType, CreateTable, Operation, Reference};
use dbm_core::{ConnectionConfig, Driver, Value};

/// A SQLite connection config for `url`, with `root` as the project root.
pub fn config(url: &str, root: &Path) -> ConnectionConfig {
    ConnectionConfig {
        name: "main".into(),
        driver: "sqlite".into(),
        url: url.into(),
        debug: false,
        password_env: None,
        root: root.to_path_buf(),
        cluster: Default::default(),
    }
}

/// The shared library of a plugin crate built for the tests, by library name
/// (`dbm_plugin_sqlite`, `dbm_test_plugin_panics`, ...).
///
/// Cargo builds it into `target/<profile>/deps/` (beside this test binary) because the plugin
/// crates are dev-dependencies of dbm-plugin; `cargo build` also copies it one level up.
pub fn plugin_library(library: &str) -> PathBuf {
    let file = format!(
        "{}{library}{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    let exe = std::env::current_exe().expect("the test binary has a path");
    let deps = exe.parent().expect("the test binary is in a folder");
    let candidates = [deps.join(&file), deps.join("..").join(&file)];
    candidates
        .iter()
        .find(|path| path.is_file())
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "the test plugin {file} is not built (looked at {candidates:?}); run the tests \
                 with `cargo test`, which builds the test plugins (dev-dependencies of \
                 dbm-plugin) first"
            )
        })
}

/// `create_table roles`.
pub fn roles() -> Operation {
    Operation::CreateTable(CreateTable {
        name: "roles".into(),
        columns: vec![
            Column::new("id", ColumnType::Increments),
            Column {
                unique: true,
                nullable: Some(false),
                ..Column::new("name", ColumnType::String { length: 30 })
            },
        ],
        ..CreateTable::default()
    })
}

/// `create_table users`, referencing roles.
pub fn users() -> Operation {
    Operation::CreateTable(CreateTable {
        name: "users".into(),
        columns: vec![
            Column::new("id", ColumnType::Increments),
            Column::new("email", ColumnType::String { length: 255 }),
            Column {
                references: Some(Reference {
                    table: "roles".into(),
                    column: "id".into(),
                    on_delete: None,
                    on_update: None,
                }),
                ..Column::new("role_id", ColumnType::Integer)
            },
        ],
        timestamps: true,
        ..CreateTable::default()
    })
}

/// `alter_table users`: redefines `email`, which SQLite does by rebuilding the table.
pub fn alter_users() -> Operation {
    Operation::AlterTable(AlterTable {
        name: "users".into(),
        alter_columns: vec![Column {
            nullable: Some(false),
            default: Some(dbm_core::schema::DefaultValue::String(String::new())),
            ..Column::new("email", ColumnType::Text)
        }],
        ..AlterTable::default()
    })
}

/// An operation SQLite cannot express: a composite primary key with an `increments` column.
pub fn impossible() -> Operation {
    Operation::CreateTable(CreateTable {
        name: "bad".into(),
        columns: vec![
            Column::new("id", ColumnType::Increments),
            Column::new("b", ColumnType::Integer),
        ],
        primary_key: vec!["id".into(), "b".into()],
        ..CreateTable::default()
    })
}

/// What a scenario saw, one line per step.
#[derive(Default)]
struct Transcript {
    lines: Vec<String>,
}

impl Transcript {
    fn log(&mut self, label: &str, value: impl Debug) {
        self.lines.push(format!("{label}: {value:?}"));
    }
}

/// Runs every method of `driver` (and of its dialect and connections) on a SQLite database
/// file under `root`, and returns what each returned.
pub async fn transcript(driver: &dyn Driver, root: &Path) -> Vec<String> {
    let mut t = Transcript::default();
    let config = config("sqlite://tmp/db.sqlite3", root);
    t.log("name", driver.name());
    t.log("create_database", driver.create_database(&config).await);
    t.log(
        "create_database again",
        driver.create_database(&config).await,
    );

    let dialect = driver.dialect();
    t.log(
        "dialect",
        (
            dialect.name(),
            dialect.capabilities(),
            dialect.scripted_transactions(),
        ),
    );
    t.log("quote_identifier", dialect.quote_identifier("we\"ird"));
    t.log("quote_string", dialect.quote_string("it's"));
    t.log("placeholder", dialect.placeholder(2));
    t.log("text_expr", dialect.text_expr("migration_time"));
    let tracking = dialect.tracking_table("dbm_schema");
    t.log("tracking_table", &tracking);

    let mut conn = driver
        .connect(
            &config,
            ConnectOptions {
                create: true,
                lock_timeout: None,
            },
        )
        .await
        .expect("connects");
    let mut statements = Vec::new();
    for op in [Operation::CreateTable(tracking), roles(), users()] {
        t.log("needs_table_state", dialect.needs_table_state(&op));
        t.log("rebuilds", dialect.rebuilds(&op));
        statements.extend(dialect.compile(&op, None).expect("compiles"));
    }
    t.log("compiled", &statements);
    t.log("execute_batch", conn.execute_batch(&statements).await);
    t.log("table_exists users", conn.table_exists("users").await);
    t.log("table_exists nope", conn.table_exists("nope").await);

    let insert = format!(
        "INSERT INTO roles (name) VALUES ({})",
        dialect.placeholder(1)
    );
    t.log("begin", conn.begin().await);
    t.log(
        "execute_with",
        conn.execute_with(&insert, &[Value::Text("admin".into())])
            .await,
    );
    t.log(
        "execute",
        conn.execute("INSERT INTO roles (name) VALUES ('staff')")
            .await,
    );
    t.log("commit", conn.commit().await);
    t.log("begin", conn.begin().await);
    t.log(
        "execute",
        conn.execute("INSERT INTO roles (name) VALUES ('ghost')")
            .await,
    );
    t.log("rollback", conn.rollback().await);
    t.log(
        "query",
        conn.query(
            "SELECT id, name FROM roles WHERE id >= ? ORDER BY id",
            &[Value::Integer(1)],
        )
        .await,
    );
    t.log(
        "query values",
        conn.query(
            "SELECT ?, ?, ?, ?, ?, ?",
            &[
                Value::Null,
                Value::Bool(true),
                Value::Integer(-3),
                Value::Float(1.5),
                Value::Text("é\"'\n".into()),
                Value::Bytes(vec![0, 255, 10]),
            ],
        )
        .await,
    );
    t.log("execute error", conn.execute("SELEC nothing").await);
    t.log(
        "execute_batch error",
        conn.execute_batch(&[
            "INSERT INTO roles (name) VALUES ('x')".into(),
            "INSERT INTO nope VALUES (1)".into(),
        ])
        .await,
    );
    t.log("try_lock", conn.try_lock("dbm_schema").await);
    t.log("unlock", conn.unlock("dbm_schema").await);

    let alter = alter_users();
    t.log("needs_table_state alter", dialect.needs_table_state(&alter));
    t.log("rebuilds alter", dialect.rebuilds(&alter));
    let state = conn.table_state("users").await.expect("reads the table");
    t.log("table_state", &state);
    t.log("table_state nope", conn.table_state("nope").await);
    let rebuild = dialect
        .compile(&alter, state.as_ref())
        .expect("compiles the rebuild");
    t.log("compile alter", &rebuild);
    t.log("foreign keys off", conn.set_foreign_key_checks(false).await);
    t.log("begin", conn.begin().await);
    t.log("rebuild", conn.execute_batch(&rebuild).await);
    t.log("violations", conn.foreign_key_violations().await);
    t.log("commit", conn.commit().await);
    t.log("foreign keys on", conn.set_foreign_key_checks(true).await);
    t.log(
        "compile error",
        dialect
            .compile(&impossible(), None)
            .map_err(|e| (e.is_usage(), e.to_string())),
    );

    let mut scratch = conn
        .scratch()
        .await
        .expect("makes a scratch copy")
        .expect("SQLite has scratch copies");
    t.log(
        "scratch tables",
        scratch
            .query(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                &[],
            )
            .await,
    );
    t.log(
        "scratch rows",
        scratch.query("SELECT count(*) FROM roles", &[]).await,
    );
    t.log("scratch close", scratch.close().await);

    t.log("introspect", conn.introspect().await);
    t.log(
        "drop_all",
        conn.drop_all(&DropAllOptions {
            drop_views: true,
            drop_types: false,
        })
        .await,
    );
    t.log("introspect after drop_all", conn.introspect().await);
    t.log("close", conn.close().await);
    t.log("drop_database", driver.drop_database(&config).await);
    t.log("drop_database again", driver.drop_database(&config).await);
    t.lines
}

/// Asserts two transcripts are equal, line by line.
pub fn assert_same(expected: &[String], actual: &[String]) {
    for (expected, actual) in expected.iter().zip(actual) {
        assert_eq!(expected, actual);
    }
    assert_eq!(expected.len(), actual.len());
}
