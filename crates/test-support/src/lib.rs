//! Test servers for dbm's tests: a fresh, empty PostgreSQL or MySQL database per test.
//!
//! Where the server comes from, in order:
//!
//! 1. `DBM_TEST_POSTGRES_URL` / `DBM_TEST_MYSQL_URL`: an administrator URL of a running
//!    server (`postgres://postgres@127.0.0.1:5432/postgres`, `mysql://root@127.0.0.1:3306/test`);
//! 2. else testcontainers starts one in Docker (PostgreSQL 16, MariaDB 11), once per test
//!    process;
//! 3. else the test is skipped: [`TestDatabase::create`] returns `None` after printing why
//!    on stderr (not captured by the test harness).
//!
//! With `DBM_TEST_REQUIRE_SERVERS=1` a missing server is a failure instead of a skip.
//!
//! Each [`TestDatabase`] is a new database named `dbm_test_<pid>_<n>`, dropped again when the
//! value is dropped, so tests run in parallel without seeing each other.

use std::io::Write as _;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use sqlx::{AssertSqlSafe, ConnectOptions as _, Connection as _};

/// A database server kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Server {
    /// PostgreSQL.
    Postgres,
    /// MySQL or MariaDB.
    Mysql,
}

impl Server {
    /// The environment variable holding the server's administrator URL.
    pub fn env_var(self) -> &'static str {
        match self {
            Self::Postgres => "DBM_TEST_POSTGRES_URL",
            Self::Mysql => "DBM_TEST_MYSQL_URL",
        }
    }

    /// The dbm driver name (`postgres`, `mysql`).
    pub fn driver(self) -> &'static str {
        match self {
            Self::Postgres => "postgres",
            Self::Mysql => "mysql",
        }
    }

    fn quote(self, name: &str) -> String {
        match self {
            Self::Postgres => format!("\"{name}\""),
            Self::Mysql => format!("`{name}`"),
        }
    }
}

/// True when `DBM_TEST_REQUIRE_SERVERS=1`: a missing server fails the test.
pub fn servers_required() -> bool {
    std::env::var("DBM_TEST_REQUIRE_SERVERS").is_ok_and(|v| v == "1")
}

/// A fresh, empty database on a test server; dropped when this value is dropped.
#[derive(Debug)]
pub struct TestDatabase {
    /// The URL of this database.
    pub url: String,
    /// Its name.
    pub name: String,
    /// The server kind.
    pub server: Server,
    admin_url: String,
}

impl TestDatabase {
    /// A new database on `server`, or `None` (after saying why on stderr) when no server is
    /// available and `DBM_TEST_REQUIRE_SERVERS` is not `1`.
    ///
    /// # Panics
    ///
    /// When no server is available and servers are required, or the server refuses to
    /// create the database.
    pub async fn create(server: Server) -> Option<Self> {
        std::thread::spawn(move || Self::create_blocking(server))
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }

    /// Like [`TestDatabase::create`], for tests that are not async.
    ///
    /// # Panics
    ///
    /// As [`TestDatabase::create`].
    pub fn create_blocking(server: Server) -> Option<Self> {
        let admin_url = admin_url(server)?;
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "dbm_test_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let statements = [
            format!("DROP DATABASE IF EXISTS {}", server.quote(&name)),
            format!("CREATE DATABASE {}", server.quote(&name)),
        ];
        if let Err(e) = run_admin(server, &admin_url, &statements) {
            panic!("could not create test database {name}: {e}");
        }
        Some(Self {
            url: with_database(&admin_url, &name),
            name,
            server,
            admin_url,
        })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let statement = format!("DROP DATABASE IF EXISTS {}", self.server.quote(&self.name));
        let (server, url) = (self.server, self.admin_url.clone());
        let dropped = std::thread::spawn(move || run_admin(server, &url, &[statement])).join();
        if !matches!(dropped, Ok(Ok(()))) {
            let _ = writeln!(
                std::io::stderr(),
                "note: could not drop test database {}",
                self.name
            );
        }
    }
}

/// The administrator URL of a test server: the environment, else a container, else `None`.
///
/// # Panics
///
/// When no server is available and [`servers_required`].
pub fn admin_url(server: Server) -> Option<String> {
    if let Ok(url) = std::env::var(server.env_var())
        && !url.is_empty()
    {
        return Some(url);
    }
    static POSTGRES: OnceLock<Result<String, String>> = OnceLock::new();
    static MYSQL: OnceLock<Result<String, String>> = OnceLock::new();
    let cell = match server {
        Server::Postgres => &POSTGRES,
        Server::Mysql => &MYSQL,
    };
    let started = cell.get_or_init(|| {
        let result = containers::start(server);
        if let Err(reason) = &result {
            let message = format!(
                "skipping {} tests: {reason} (set {} to a server's administrator URL{})",
                server.driver(),
                server.env_var(),
                if servers_required() {
                    ""
                } else {
                    ", or DBM_TEST_REQUIRE_SERVERS=1 to fail instead"
                }
            );
            let _ = writeln!(std::io::stderr(), "{message}");
        }
        result
    });
    match started {
        Ok(url) => Some(url.clone()),
        Err(reason) if servers_required() => panic!(
            "DBM_TEST_REQUIRE_SERVERS=1 but there is no {} server: {reason}; set {}",
            server.driver(),
            server.env_var()
        ),
        Err(_) => None,
    }
}

/// `scheme://authority/<database>?query` with the database replaced.
pub fn with_database(url: &str, database: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((head, query)) => (head, Some(query)),
        None => (url, None),
    };
    let authority_start = head.find("://").map_or(0, |i| i + 3);
    let base = match head[authority_start..].find('/') {
        Some(slash) => &head[..authority_start + slash],
        None => head,
    };
    match query {
        Some(query) => format!("{base}/{database}?{query}"),
        None => format!("{base}/{database}"),
    }
}

fn run_admin(server: Server, url: &str, statements: &[String]) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        match server {
            Server::Postgres => {
                let options: sqlx::postgres::PgConnectOptions =
                    url.parse().map_err(|e: sqlx::Error| e.to_string())?;
                let mut conn = options.connect().await.map_err(|e| e.to_string())?;
                for statement in statements {
                    // Connections of other tests' leftovers would block DROP DATABASE.
                    if statement.starts_with("DROP DATABASE") {
                        let name = statement.rsplit('"').nth(1).unwrap_or_default();
                        let terminate = format!(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                             WHERE datname = '{name}' AND pid <> pg_backend_pid()"
                        );
                        sqlx::raw_sql(AssertSqlSafe(terminate))
                            .execute(&mut conn)
                            .await
                            .map_err(|e| e.to_string())?;
                    }
                    sqlx::raw_sql(AssertSqlSafe(statement.as_str()))
                        .execute(&mut conn)
                        .await
                        .map_err(|e| e.to_string())?;
                }
                conn.close().await.map_err(|e| e.to_string())
            }
            Server::Mysql => {
                let options: sqlx::mysql::MySqlConnectOptions =
                    url.parse().map_err(|e: sqlx::Error| e.to_string())?;
                let mut conn = options.connect().await.map_err(|e| e.to_string())?;
                for statement in statements {
                    sqlx::raw_sql(AssertSqlSafe(statement.as_str()))
                        .execute(&mut conn)
                        .await
                        .map_err(|e| e.to_string())?;
                }
                conn.close().await.map_err(|e| e.to_string())
            }
        }
    })
}

mod containers {
    //! Servers in Docker, started once per test process and kept for its lifetime.

    use testcontainers::runners::SyncRunner;
    use testcontainers::{Container, ImageExt};
    use testcontainers_modules::{mariadb::Mariadb, postgres::Postgres};

    use super::Server;

    fn docker_available() -> bool {
        std::env::var_os("DOCKER_HOST").is_some()
            || std::path::Path::new("/var/run/docker.sock").exists()
    }

    /// Starts a container and returns its administrator URL.
    pub(super) fn start(server: Server) -> Result<String, String> {
        if !docker_available() {
            return Err("no server URL is set and Docker is not available".into());
        }
        match server {
            Server::Postgres => {
                let container = Postgres::default()
                    .with_tag("16-alpine")
                    .start()
                    .map_err(|e| format!("could not start a PostgreSQL container: {e}"))?;
                let port = container
                    .get_host_port_ipv4(5432)
                    .map_err(|e| e.to_string())?;
                keep(container);
                Ok(format!(
                    "postgres://postgres:postgres@127.0.0.1:{port}/postgres"
                ))
            }
            Server::Mysql => {
                let container = Mariadb::default()
                    .with_tag("11.4")
                    .start()
                    .map_err(|e| format!("could not start a MariaDB container: {e}"))?;
                let port = container
                    .get_host_port_ipv4(3306)
                    .map_err(|e| e.to_string())?;
                keep(container);
                Ok(format!("mysql://root@127.0.0.1:{port}/test"))
            }
        }
    }

    /// The container lives as long as the test process.
    fn keep<I: testcontainers::Image + 'static>(container: Container<I>) {
        std::mem::forget(container);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reachable(server: Server, url: &str) -> bool {
        run_admin(server, url, &["SELECT 1".to_string()]).is_ok()
    }

    #[test]
    fn a_fresh_database_exists_until_it_is_dropped() {
        for server in [Server::Postgres, Server::Mysql] {
            let Some(db) = TestDatabase::create_blocking(server) else {
                continue;
            };
            let url = db.url.clone();
            assert!(url.ends_with(&db.name), "{url}");
            assert!(reachable(server, &url), "{url} is reachable");
            drop(db);
            assert!(!reachable(server, &url), "{url} is gone after drop");
        }
    }

    #[test]
    fn with_database_replaces_only_the_path() {
        assert_eq!(
            with_database("postgres://u:p@h:5432/postgres?sslmode=disable", "x"),
            "postgres://u:p@h:5432/x?sslmode=disable"
        );
        assert_eq!(
            with_database("mysql://root@h:3306", "x"),
            "mysql://root@h:3306/x"
        );
        assert_eq!(
            with_database("mysql://root@h/test", "y"),
            "mysql://root@h/y"
        );
    }
}
