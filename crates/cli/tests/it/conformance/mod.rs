//! The conformance suite: each behaviour written once and run through the `dbm` binary on
//! SQLite, PostgreSQL and MySQL/MariaDB, each test on its own fresh database.
//!
//! `dbtest!(name, |db| { ... })` expands into a module `name` with one test per backend
//! (`name::sqlite`, `name::postgres`, `name::mysql`; `name::sqlite_plugin`,
//! `name::postgres_plugin`: the same drivers loaded at run time through the plugin C ABI; and
//! `name::strict_plugin`: the example third-party plugin `examples/driver-sqlite-strict`,
//! SQLite with every table `STRICT`). A server test without a server is skipped with a
//! printed reason, or fails with `DBM_TEST_REQUIRE_SERVERS=1` (see `dbm-test-support`).

mod alter;
mod behaviour;
mod schema;
mod time;
mod tracking;

use dbm_core::ConnectionConfig;
use dbm_core::driver::{Catalog, ConnectOptions, Driver};
use dbm_test_support::{Server, TestDatabase};

use crate::support::{Project, plugin_library, rows_as_text};

/// A database backend of the suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, a file in the project.
    Sqlite,
    /// The SQLite driver loaded as a plugin, through the C ABI.
    SqlitePlugin,
    /// PostgreSQL.
    Postgres,
    /// The PostgreSQL driver loaded as a plugin, through the C ABI.
    PostgresPlugin,
    /// MySQL or MariaDB.
    Mysql,
    /// The example third-party plugin `sqlite_strict` (SQLite with `STRICT` tables), through
    /// the C ABI.
    StrictPlugin,
}

impl Backend {
    /// True for SQLite, linked in or as a plugin, the strict example included.
    pub fn is_sqlite(self) -> bool {
        matches!(self, Self::Sqlite | Self::SqlitePlugin | Self::StrictPlugin)
    }

    /// True for the strict example: SQLite whose tables are `STRICT`, so a column keeps
    /// only values of its type (no type affinity).
    pub fn is_strict(self) -> bool {
        self == Self::StrictPlugin
    }

    /// The driver linked into the tests that a plugin backend loads: its own crate's driver,
    /// to compare what crosses the plugin ABI with what the driver returns directly.
    pub fn linked_driver(self) -> Box<dyn Driver> {
        match self {
            Self::SqlitePlugin => Box::new(dbm_driver_sqlite::SqliteDriver),
            Self::PostgresPlugin => Box::new(dbm_driver_postgres::PostgresDriver),
            Self::StrictPlugin => Box::new(dbm_driver_sqlite_strict::SqliteStrictDriver),
            other => other.driver(),
        }
    }

    /// The plugin library and the driver name it is registered under, for plugin backends.
    fn plugin(self) -> Option<(std::path::PathBuf, &'static str)> {
        let (library, name) = match self {
            Self::SqlitePlugin => ("dbm_plugin_sqlite", "sqlite_abi"),
            Self::PostgresPlugin => ("dbm_plugin_postgres", "postgres_abi"),
            Self::StrictPlugin => ("dbm_driver_sqlite_strict", "sqlite_strict"),
            _ => return None,
        };
        Some((plugin_library(library), name))
    }

    fn driver(self) -> Box<dyn Driver> {
        match self {
            Self::Sqlite => Box::new(dbm_driver_sqlite::SqliteDriver),
            Self::Postgres => Box::new(dbm_driver_postgres::PostgresDriver),
            Self::Mysql => Box::new(dbm_driver_mysql::MysqlDriver),
            Self::SqlitePlugin | Self::PostgresPlugin | Self::StrictPlugin => {
                let (path, _) = self.plugin().expect("a plugin backend");
                Box::new(dbm_plugin::load(&path, None).expect("the plugin loads"))
            }
        }
    }
}

/// A temporary project whose `main` connection is a fresh database of one backend.
pub struct Db {
    /// The project the `dbm` binary runs in.
    pub project: Project,
    /// The backend.
    pub backend: Backend,
    url: String,
    _database: Option<TestDatabase>,
}

impl Db {
    /// A project on a fresh database, or `None` when the backend's server is missing.
    pub fn new(backend: Backend) -> Option<Self> {
        let project = Project::new();
        let (url, database) = match backend {
            Backend::Sqlite | Backend::SqlitePlugin => {
                ("sqlite://tmp/db.sqlite3".to_string(), None)
            }
            Backend::StrictPlugin => ("sqlite_strict://tmp/db.sqlite3".to_string(), None),
            Backend::Postgres | Backend::PostgresPlugin => {
                let db = TestDatabase::create_blocking(Server::Postgres)?;
                (db.url.clone(), Some(db))
            }
            Backend::Mysql => {
                let db = TestDatabase::create_blocking(Server::Mysql)?;
                (db.url.clone(), Some(db))
            }
        };
        let (driver, plugin) = match backend.plugin() {
            Some((path, name)) => (
                name.to_string(),
                format!(
                    "\n[default.drivers.{name}]\nplugin = \"{}\"\n",
                    path.display()
                ),
            ),
            None => (backend.driver().name().to_string(), String::new()),
        };
        project.write(
            "config/database.toml",
            &format!(
                "[default]\nconnection = \"main\"\n\n[default.connections.main]\ndriver = \"{driver}\"\nurl = \"{url}\"\n{plugin}"
            ),
        );
        Some(Self {
            project,
            backend,
            url,
            _database: database,
        })
    }

    /// Writes a migration file into `database/migrations/`.
    pub fn migration(&self, file: &str, content: &str) {
        self.project
            .write(&format!("database/migrations/{file}"), content);
    }

    /// A runtime and a connection to this database.
    fn connect(&self) -> (tokio::runtime::Runtime, Box<dyn dbm_core::Connection>) {
        self.connect_as(self.backend.driver())
    }

    /// A runtime and a connection to this database through `backend`'s driver.
    fn connect_as(
        &self,
        driver: Box<dyn Driver>,
    ) -> (tokio::runtime::Runtime, Box<dyn dbm_core::Connection>) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let config = ConnectionConfig {
            name: "main".into(),
            driver: driver.name().into(),
            url: self.url.clone(),
            debug: false,
            password_env: None,
            root: self.project.path().to_path_buf(),
            cluster: Default::default(),
        };
        let conn = runtime
            .block_on(driver.connect(
                &config,
                ConnectOptions {
                    create: false,
                    lock_timeout: None,
                },
            ))
            .expect("connect");
        (runtime, conn)
    }

    fn with_connection<T>(
        &self,
        f: impl for<'c> FnOnce(
            &'c mut dyn dbm_core::Connection,
        ) -> std::pin::Pin<Box<dyn Future<Output = T> + 'c>>,
    ) -> T {
        let (runtime, mut conn) = self.connect();
        let out = runtime.block_on(f(conn.as_mut()));
        runtime.block_on(conn.close()).expect("close");
        out
    }

    /// Holds the migration lock `key` on a connection of its own while `f` runs.
    pub fn holding_lock<T>(&self, key: &str, f: impl FnOnce() -> T) -> T {
        let (runtime, mut conn) = self.connect();
        assert!(
            runtime.block_on(conn.try_lock(key)).expect("try_lock"),
            "lock taken"
        );
        let out = f();
        runtime.block_on(conn.unlock(key)).expect("unlock");
        runtime.block_on(conn.close()).expect("close");
        out
    }

    /// Runs a query and returns its rows as text (`NULL` for null).
    pub fn query(&self, sql: &str) -> Vec<Vec<String>> {
        let sql = sql.to_string();
        self.with_connection(move |conn| {
            Box::pin(async move {
                rows_as_text(
                    conn.query(&sql, &[])
                        .await
                        .unwrap_or_else(|e| panic!("{sql}: {e}")),
                )
            })
        })
    }

    /// Runs one statement.
    pub fn execute(&self, sql: &str) {
        if let Err(e) = self.try_execute(sql) {
            panic!("{sql}: {e}");
        }
    }

    /// Runs one statement; the database's error message when it fails.
    pub fn try_execute(&self, sql: &str) -> Result<(), String> {
        let sql = sql.to_string();
        self.with_connection(move |conn| {
            Box::pin(async move {
                conn.execute(&sql)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
        })
    }

    /// What the driver linked into the tests introspects, for a plugin backend the same driver
    /// without the plugin ABI in between.
    pub fn linked_catalog(&self) -> Catalog {
        let (runtime, mut conn) = self.connect_as(self.backend.linked_driver());
        let catalog = runtime.block_on(conn.introspect()).expect("introspect");
        runtime.block_on(conn.close()).expect("close");
        catalog
    }

    /// What introspection sees.
    pub fn catalog(&self) -> Catalog {
        self.with_connection(|conn| {
            Box::pin(async move { conn.introspect().await.expect("introspect") })
        })
    }

    /// The names of the tables, sorted, without the tracking tables.
    pub fn tables(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .catalog()
            .tables
            .into_iter()
            .map(|t| t.name)
            .filter(|n| !n.starts_with("dbm_schema"))
            .collect();
        names.sort();
        names
    }

    /// `(name, status, batch)` of each migration, from `migration:status --json`.
    pub fn states(&self) -> Vec<(String, String, Option<i64>)> {
        self.project.states()
    }

    /// Runs `dbm`, asserting exit code 0; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.project.ok(args)
    }

    /// Runs `dbm`; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.project.run(args)
    }
}

/// One test per backend, each on its own fresh database.
macro_rules! dbtest {
    ($name:ident, |$db:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn body($db: &$crate::conformance::Db) $body

            fn on(backend: $crate::conformance::Backend) {
                if let Some(db) = $crate::conformance::Db::new(backend) {
                    body(&db);
                }
            }

            #[test]
            fn sqlite() {
                on($crate::conformance::Backend::Sqlite);
            }

            #[test]
            fn sqlite_plugin() {
                on($crate::conformance::Backend::SqlitePlugin);
            }

            #[test]
            fn postgres() {
                on($crate::conformance::Backend::Postgres);
            }

            #[test]
            fn postgres_plugin() {
                on($crate::conformance::Backend::PostgresPlugin);
            }

            #[test]
            fn mysql() {
                on($crate::conformance::Backend::Mysql);
            }

            #[test]
            fn strict_plugin() {
                on($crate::conformance::Backend::StrictPlugin);
            }
        }
    };
}

pub(crate) use dbtest;
