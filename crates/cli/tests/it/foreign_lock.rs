//! Another program (not dbm) holding SQLite's write lock: dbm says it waits, honours
//! `lock_timeout`, and names the lock and the timeout when it gives up.

use std::time::{Duration, Instant};

use dbm_core::ConnectionConfig;
use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_driver_sqlite::SqliteDriver;

use crate::support::{Project, create_table};

/// A project whose first migration ran; the second is pending.
fn project(lock_timeout: &str) -> Project {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.write(
        "config/database.toml",
        &format!("[default.migrations]\nlock_timeout = \"{lock_timeout}\"\n"),
    );
    project.ok(&["migration:run"]);
    project.write("database/migrations/2_b.toml", &create_table("b"));
    project
}

/// Another program's connection to the project's database, inside `begin` (`BEGIN EXCLUSIVE`).
struct Holder {
    runtime: tokio::runtime::Runtime,
    conn: Box<dyn Connection>,
}

impl Holder {
    fn hold(project: &Project, begin: &str) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let config = ConnectionConfig {
            name: "other".into(),
            driver: "sqlite".into(),
            url: format!("sqlite://{}", project.db_path().display()),
            debug: false,
            password_env: None,
            root: project.path().to_path_buf(),
            cluster: Default::default(),
        };
        let mut conn = runtime
            .block_on(SqliteDriver.connect(
                &config,
                ConnectOptions {
                    create: false,
                    lock_timeout: None,
                },
            ))
            .expect("connect");
        runtime.block_on(conn.execute(begin)).expect("begin");
        // The write lock itself: a write inside the transaction.
        runtime
            .block_on(conn.execute("CREATE TABLE other_program (x integer)"))
            .expect("write");
        Self { runtime, conn }
    }

    fn release(mut self, sql: &str) {
        self.runtime
            .block_on(self.conn.execute(sql))
            .expect("release");
        self.runtime.block_on(self.conn.close()).expect("close");
    }
}

fn spawn_run(project: &Project) -> std::process::Child {
    project.spawn(&["migration:run"])
}

#[test]
fn dbm_gives_up_after_lock_timeout_naming_the_lock_and_the_timeout() {
    for begin in ["BEGIN EXCLUSIVE", "BEGIN IMMEDIATE"] {
        let project = project("2s");
        let holder = Holder::hold(&project, begin);
        let start = Instant::now();
        let out = spawn_run(&project).wait_with_output().expect("dbm ends");
        let waited = start.elapsed();
        holder.release("ROLLBACK");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{begin}: exit 1\n{stderr}");
        assert!(
            waited >= Duration::from_millis(1800) && waited < Duration::from_millis(4500),
            "{begin}: gave up after about 2 s, not {waited:?}\n{stderr}"
        );
        assert!(
            stderr.contains("warning: another process holds the write lock")
                && stderr.contains("waiting up to 2s"),
            "{begin}: the waiting notice\n{stderr}"
        );
        assert!(
            stderr.contains("gave up after waiting 2s (migrations.lock_timeout)"),
            "{begin}: the lock and the timeout named\n{stderr}"
        );
        assert_eq!(
            project.query("SELECT COUNT(*) FROM dbm_schema"),
            [["1"]],
            "{begin}: nothing more applied"
        );
    }
}

#[test]
fn dbm_waits_and_succeeds_once_the_other_program_commits() {
    for begin in ["BEGIN EXCLUSIVE", "BEGIN IMMEDIATE"] {
        let project = project("30s");
        let holder = Holder::hold(&project, begin);
        let child = spawn_run(&project);
        std::thread::sleep(Duration::from_millis(1500));
        holder.release("COMMIT");
        let out = child.wait_with_output().expect("dbm ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{begin}: exit 0\n{stderr}");
        assert!(
            stderr.contains("waiting up to 30s"),
            "{begin}: the waiting notice\n{stderr}"
        );
        assert_eq!(
            project.query("SELECT COUNT(*) FROM dbm_schema"),
            [["2"]],
            "{begin}: the pending migration ran"
        );
        assert!(project.tables().contains(&"other_program".to_string()));
    }
}
