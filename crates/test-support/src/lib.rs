//! Test support for dbm's tests: a fresh, empty PostgreSQL or MySQL database per test, and
//! (in [`ddl`], [`cases`] and [`groups`]) the DDL helpers and DDL cases every dialect's tests
//! share.
//!
//! Where the server comes from, in order:
//!
//! 1. `DBM_TEST_POSTGRES_URL` / `DBM_TEST_MYSQL_URL`: an administrator URL of a running
//!    server (`postgres://postgres@127.0.0.1:5432/postgres`, `mysql://root@127.0.0.1:3306/test`);
//! 2. else testcontainers starts one in Docker (PostgreSQL 16, MariaDB 11), once per test
//!    process;
//! 3. else the test skips what needs the server: [`TestDatabase::create`] returns `None`
//!    after [`skip`] printed why.
//!
//! Every skip of every test (a missing server, a missing client program) goes through
//! [`skip`], which prints `SKIPPED <test>: <reason>` on the process's stderr, past the test
//! harness's capture, so a skipped test never passes unseen. With
//! `DBM_TEST_REQUIRE_SERVERS=1` a skip is a failure instead.
//!
//! Each [`TestDatabase`] is a new database named `dbm_test_<pid>_<n>`, dropped again when the
//! value is dropped, so tests run in parallel without seeing each other.
//!
//! The clusters (started by `.ci/clusters`, never by the tests) come only from the
//! environment: `DBM_TEST_GALERA_URLS`, three comma-separated URLs of the nodes of a MariaDB
//! Galera cluster, gives a [`GaleraDatabase`]; `DBM_TEST_PGBOUNCER_URL`, a PgBouncer in
//! transaction mode in front of the `DBM_TEST_POSTGRES_URL` server, gives a
//! [`PgBouncerDatabase`]. Without them the test skips through [`skip`].

pub mod cases;
pub mod ddl;
pub mod groups;

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

/// The name of the running test: the test harness names each test's thread after it.
fn current_test() -> String {
    std::thread::current()
        .name()
        .unwrap_or("a test outside the harness")
        .to_string()
}

/// Says that the running test skips what needs something missing (a server, a client
/// program): prints `SKIPPED <test>: <reason>` on the process's stderr.
///
/// The line is written to the stderr handle itself, not through `eprintln!`, which the test
/// harness captures and throws away for a passing test: `cargo test` shows it whatever the
/// test's outcome.
///
/// # Panics
///
/// With `DBM_TEST_REQUIRE_SERVERS=1`: nothing may be skipped, so the skip fails the test.
pub fn skip(reason: &str) {
    let test = current_test();
    if servers_required() {
        panic!("DBM_TEST_REQUIRE_SERVERS=1 but {test} would be skipped: {reason}");
    }
    // One write, so that the line is not cut by the harness's own output.
    let line = format!("SKIPPED {test}: {reason}\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Whether `program` runs (`program --version` succeeds); when it does not, the running test
/// is skipped through [`skip`].
///
/// # Panics
///
/// When the program is missing and [`servers_required`].
pub fn have_program(program: &str) -> bool {
    first_program(&[program]).is_some()
}

/// The first of `programs` that runs (`mariadb`, else `mysql`, ...); when none does, the
/// running test is skipped through [`skip`].
///
/// # Panics
///
/// When none is installed and [`servers_required`].
pub fn first_program<'a>(programs: &[&'a str]) -> Option<&'a str> {
    let found = programs.iter().copied().find(|program| {
        std::process::Command::new(program)
            .arg("--version")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if found.is_none() {
        let names: Vec<String> = programs.iter().map(|p| format!("`{p}`")).collect();
        skip(&format!("needs {}, not installed", names.join(" or ")));
    }
    found
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
    /// A new database on `server`, or `None` (after [`skip`] said why) when no server is
    /// available.
    ///
    /// # Panics
    ///
    /// When no server is available and servers are required, or the server refuses to
    /// create the database.
    pub async fn create(server: Server) -> Option<Self> {
        // On a thread of its own: the administration runs its own runtime, which cannot
        // start inside the test's.
        let created = std::thread::spawn(move || Self::try_create(server))
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        created.map_err(|reason| skip(&reason)).ok()
    }

    /// Like [`TestDatabase::create`], for tests that are not async.
    ///
    /// # Panics
    ///
    /// As [`TestDatabase::create`].
    pub fn create_blocking(server: Server) -> Option<Self> {
        Self::try_create(server)
            .map_err(|reason| skip(&reason))
            .ok()
    }

    /// A new database, or why there is no server.
    fn try_create(server: Server) -> Result<Self, String> {
        let admin_url = server_url(server)?;
        let name = next_name();
        let statements = [
            format!("DROP DATABASE IF EXISTS {}", server.quote(&name)),
            format!("CREATE DATABASE {}", server.quote(&name)),
        ];
        if let Err(e) = run_admin(server, &admin_url, &statements) {
            panic!("could not create test database {name}: {e}");
        }
        Ok(Self {
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

/// The environment variable holding the Galera nodes' URLs, comma-separated.
pub const GALERA_ENV: &str = "DBM_TEST_GALERA_URLS";

/// The environment variable holding PgBouncer's URL (transaction mode).
pub const PGBOUNCER_ENV: &str = "DBM_TEST_PGBOUNCER_URL";

/// A value of the environment, or why it is missing.
fn cluster_env(var: &str, what: &str) -> Result<String, String> {
    match std::env::var(var) {
        Ok(value) if !value.trim().is_empty() => Ok(value.trim().to_owned()),
        _ => Err(format!(
            "no {what}: set {var} (`eval \"$(.ci/clusters)\"` starts one and prints it)"
        )),
    }
}

/// A fresh database on a 3-node Galera cluster: created through node 1, replicated to the
/// others, dropped through node 1 when this value is dropped.
#[derive(Debug)]
pub struct GaleraDatabase {
    /// The database's URL on each node, node 1 first.
    pub urls: Vec<String>,
    /// Its name.
    pub name: String,
}

impl GaleraDatabase {
    /// A new database on the cluster of `DBM_TEST_GALERA_URLS`, or `None` (after [`skip`]
    /// said why) when the variable is not set.
    ///
    /// # Panics
    ///
    /// When the variable is missing and servers are required, it does not hold three URLs,
    /// or the cluster refuses to create the database or does not replicate it within 30 s.
    pub fn create_blocking() -> Option<Self> {
        let nodes = match cluster_env(GALERA_ENV, "Galera cluster") {
            Ok(value) => value,
            Err(reason) => {
                skip(&reason);
                return None;
            }
        };
        let nodes: Vec<String> = nodes.split(',').map(|u| u.trim().to_owned()).collect();
        assert_eq!(
            nodes.len(),
            3,
            "{GALERA_ENV} holds {} URLs; expected three, comma-separated",
            nodes.len()
        );
        let name = next_name();
        let quoted = Server::Mysql.quote(&name);
        let statements = [
            format!("DROP DATABASE IF EXISTS {quoted}"),
            format!("CREATE DATABASE {quoted}"),
        ];
        if let Err(e) = run_admin(Server::Mysql, &nodes[0], &statements) {
            panic!("could not create test database {name} on Galera node 1: {e}");
        }
        let urls: Vec<String> = nodes.iter().map(|n| with_database(n, &name)).collect();
        for url in &urls {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
            while run_admin(Server::Mysql, url, &["SELECT 1".to_owned()]).is_err() {
                assert!(
                    std::time::Instant::now() < deadline,
                    "test database {name} did not replicate to {url} within 30 s"
                );
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        }
        Some(Self { urls, name })
    }
}

impl Drop for GaleraDatabase {
    fn drop(&mut self) {
        let statement = format!(
            "DROP DATABASE IF EXISTS {}",
            Server::Mysql.quote(&self.name)
        );
        if run_admin(Server::Mysql, &self.urls[0], &[statement]).is_err() {
            let _ = writeln!(
                std::io::stderr(),
                "note: could not drop test database {}",
                self.name
            );
        }
    }
}

/// A fresh PostgreSQL database reached through PgBouncer in transaction mode: created on the
/// server of `DBM_TEST_POSTGRES_URL` (which PgBouncer fronts) and dropped with this value.
#[derive(Debug)]
pub struct PgBouncerDatabase {
    /// The database's URL through PgBouncer.
    pub url: String,
    /// The database on the server itself, reached directly.
    pub direct: TestDatabase,
}

impl PgBouncerDatabase {
    /// A new database behind the PgBouncer of `DBM_TEST_PGBOUNCER_URL`, or `None` (after
    /// [`skip`] said why) when the variable or the PostgreSQL server is missing.
    ///
    /// # Panics
    ///
    /// When either is missing and servers are required, or the server refuses to create
    /// the database.
    pub fn create_blocking() -> Option<Self> {
        let bouncer = match cluster_env(PGBOUNCER_ENV, "PgBouncer") {
            Ok(url) => url,
            Err(reason) => {
                skip(&reason);
                return None;
            }
        };
        let direct = TestDatabase::create_blocking(Server::Postgres)?;
        Some(Self {
            url: with_database(&bouncer, &direct.name),
            direct,
        })
    }
}

/// A new database name, `dbm_test_<pid>_<n>`.
fn next_name() -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    format!(
        "dbm_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// The administrator URL of a test server: the environment, else a container, else `None`
/// (after [`skip`] said why).
///
/// # Panics
///
/// When no server is available and [`servers_required`].
pub fn admin_url(server: Server) -> Option<String> {
    server_url(server).map_err(|reason| skip(&reason)).ok()
}

/// The administrator URL of a test server, or why there is none.
fn server_url(server: Server) -> Result<String, String> {
    if let Ok(url) = std::env::var(server.env_var())
        && !url.is_empty()
    {
        return Ok(url);
    }
    static POSTGRES: OnceLock<Result<String, String>> = OnceLock::new();
    static MYSQL: OnceLock<Result<String, String>> = OnceLock::new();
    let cell = match server {
        Server::Postgres => &POSTGRES,
        Server::Mysql => &MYSQL,
    };
    cell.get_or_init(|| containers::start(server))
        .clone()
        .map_err(|reason| {
            format!(
                "no {} server ({reason}); set {} to a server's administrator URL",
                server.driver(),
                server.env_var()
            )
        })
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
                // PgBouncer refuses the startup parameter `extra_float_digits`.
                let options = options.extra_float_digits(None);
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
            return Err("Docker is not available".into());
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
    fn a_galera_database_is_created_through_node_1_and_seen_on_every_node() {
        let Some(db) = GaleraDatabase::create_blocking() else {
            return;
        };
        let table = format!("{}.t", Server::Mysql.quote(&db.name));
        run_admin(
            Server::Mysql,
            &db.urls[0],
            &[format!("CREATE TABLE {table} (id INT PRIMARY KEY)")],
        )
        .expect("create on node 1");
        for url in &db.urls {
            assert!(reachable(Server::Mysql, url), "{url} holds the database");
        }
        // DDL runs in total order: the table is on node 3 once node 1 answered.
        run_admin(
            Server::Mysql,
            &db.urls[2],
            &[format!("SELECT * FROM {table}")],
        )
        .expect("the table replicated to node 3");
    }

    #[test]
    fn a_pgbouncer_database_answers_through_the_pooler() {
        let Some(db) = PgBouncerDatabase::create_blocking() else {
            return;
        };
        assert!(db.url.ends_with(&db.direct.name), "{}", db.url);
        assert_ne!(db.url, db.direct.url);
        assert!(
            reachable(Server::Postgres, &db.url),
            "{} is reachable",
            db.url
        );
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
