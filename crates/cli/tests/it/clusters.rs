//! dbm on a 3-node MariaDB Galera cluster and behind PgBouncer in transaction mode (the
//! servers of `.ci/clusters`): concurrent runs apply each migration once, the `table` lock
//! strategy survives a `kill -9` of its holder.

use std::process::Child;
use std::time::{Duration, Instant};

use dbm_core::ConnectionConfig;
use dbm_core::driver::{ConnectOptions, Driver};
use dbm_driver_mysql::MysqlDriver;
use dbm_driver_postgres::PostgresDriver;
use dbm_test_support::{GaleraDatabase, PgBouncerDatabase, Server, TestDatabase};

use crate::support::{Project, create_table, rows_as_text};

/// Runs `sql` on `url` through dbm's own driver and returns the rows as text.
fn query(driver: &dyn Driver, url: &str, sql: &str) -> Vec<Vec<String>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let config = ConnectionConfig {
            name: "test".into(),
            driver: driver.name().into(),
            url: url.into(),
            debug: false,
            password_env: None,
            root: ".".into(),
            cluster: Default::default(),
        };
        let options = ConnectOptions {
            create: false,
            lock_timeout: None,
        };
        let mut conn = driver.connect(&config, options).await.expect("connect");
        let rows = conn.query(sql, &[]).await.expect("query");
        conn.close().await.expect("close");
        rows_as_text(rows)
    })
}

/// `count` migrations: TOML ones creating `t1`, `t2`, ..., and at `insert_at` a `.sql` one
/// that inserts one row into `t1`.
fn migrations(count: usize, insert_at: usize) -> Vec<(String, String)> {
    (1..=count)
        .map(|i| {
            if i == insert_at {
                (
                    format!("{i:02}_insert_once.sql"),
                    "-- dbm:up\nINSERT INTO t1 (name) VALUES ('once');\n\
                     -- dbm:down\nDELETE FROM t1 WHERE name = 'once';\n"
                        .to_string(),
                )
            } else {
                (format!("{i:02}_t{i}.toml"), create_table(&format!("t{i}")))
            }
        })
        .collect()
}

fn project(files: &[(String, String)], config: &str) -> Project {
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let project = Project::with_migrations(&refs);
    project.write("config/database.toml", config);
    project
}

/// Waits for every run; asserts each exited 0 and returns how many migrations they applied.
fn all_succeed(children: Vec<Child>) -> usize {
    let mut applied = 0;
    for child in children {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "a run failed: {stderr}");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        applied += doc["migrations"].as_array().map_or(0, Vec::len);
    }
    applied
}

/// `migration:status --json` of a connection: its lock and its migrations.
fn status(project: &Project, connection: &str) -> (serde_json::Value, serde_json::Value) {
    let out = project.ok(&["-c", connection, "migration:status", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("status JSON");
    (doc["lock"].clone(), doc["migrations"].clone())
}

#[test]
fn nine_concurrent_runs_on_three_galera_nodes_apply_each_migration_once() {
    let Some(db) = GaleraDatabase::create_blocking() else {
        return;
    };
    let files = migrations(30, 15);
    let mut config = String::from("[default]\nconnection = \"node1\"\n");
    for (n, url) in db.urls.iter().enumerate() {
        config.push_str(&format!(
            "[default.connections.node{}]\ndriver = \"mysql\"\nurl = \"{url}\"\n",
            n + 1
        ));
    }
    let project = project(&files, &config);
    let children: Vec<Child> = (0..9)
        .map(|i| {
            let node = format!("node{}", i % 3 + 1);
            project.spawn(&["-c", &node, "migration:run", "--json"])
        })
        .collect();
    assert_eq!(
        all_succeed(children),
        30,
        "each migration applied by one run"
    );
    for url in &db.urls {
        assert_eq!(
            query(
                &MysqlDriver,
                url,
                "SELECT COUNT(*), COUNT(DISTINCT name), COUNT(DISTINCT batch) FROM dbm_schema"
            ),
            [["30", "30", "1"]],
            "{url}"
        );
        assert_eq!(
            query(&MysqlDriver, url, "SELECT name FROM t1"),
            [["once"]],
            "the row is inserted once, seen on {url}"
        );
    }
    let (lock, first) = status(&project, "node1");
    assert_eq!(lock["strategy"], "table", "{lock}");
    assert!(
        lock["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("Galera"),
        "{lock}"
    );
    assert_eq!(first.as_array().map(Vec::len), Some(30));
    for node in ["node2", "node3"] {
        assert_eq!(
            status(&project, node),
            (lock.clone(), first.clone()),
            "{node}"
        );
    }
}

#[test]
fn check_on_galera_warns_about_a_table_without_a_primary_key() {
    let project = project(
        &[(
            "1_log.toml".to_string(),
            "[[up]]\ncreate_table = \"log\"\ncolumns = [{ name = \"line\", type = \"text\" }]\n"
                .to_string(),
        )],
        "[default]\nconnection = \"galera\"\n[default.connections.galera]\ndriver = \"mysql\"\n\
         url = \"mysql://root@127.0.0.1:1/app\"\nlock = \"table\"\n",
    );
    let (code, stdout, stderr) = project.run(&["migration:check"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("galera-primary-key"), "{stdout}");
    assert!(
        stdout.contains("table `log` has no primary key"),
        "{stdout}"
    );
    project.write(
        "config/database.toml",
        "[default]\nconnection = \"my\"\n[default.connections.my]\ndriver = \"mysql\"\n\
         url = \"mysql://root@127.0.0.1:1/app\"\n",
    );
    let stdout = project.ok(&["migration:check"]);
    assert!(!stdout.contains("galera-primary-key"), "{stdout}");
}

#[test]
fn a_run_on_galera_warns_about_a_table_without_a_primary_key() {
    let Some(db) = GaleraDatabase::create_blocking() else {
        return;
    };
    let project = project(
        &[(
            "1_log.toml".to_string(),
            "[[up]]\ncreate_table = \"log\"\ncolumns = [{ name = \"line\", type = \"text\" }]\n"
                .to_string(),
        )],
        &format!(
            "[default]\nconnection = \"g\"\n[default.connections.g]\ndriver = \"mysql\"\nurl = \"{}\"\n",
            db.urls[1]
        ),
    );
    let (code, _, stderr) = project.run(&["migration:run"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("table `log` has no primary key"),
        "{stderr}"
    );
    assert!(stderr.contains("[galera-primary-key]"), "{stderr}");
}

fn bouncer_config(url: &str) -> String {
    format!(
        "[default]\nconnection = \"pg\"\n[default.connections.pg]\ndriver = \"postgres\"\nurl = \"{url}\"\n"
    )
}

#[test]
fn eight_concurrent_runs_through_pgbouncer_apply_each_migration_once() {
    let Some(db) = PgBouncerDatabase::create_blocking() else {
        return;
    };
    let files = migrations(12, 6);
    let project = project(&files, &bouncer_config(&db.url));
    let children: Vec<Child> = (0..8)
        .map(|_| project.spawn(&["migration:run", "--json"]))
        .collect();
    assert_eq!(
        all_succeed(children),
        12,
        "each migration applied by one run"
    );
    let direct = &db.direct.url;
    assert_eq!(
        query(
            &PostgresDriver,
            direct,
            "SELECT COUNT(*), COUNT(DISTINCT name) FROM dbm_schema"
        ),
        [["12", "12"]]
    );
    assert_eq!(
        query(&PostgresDriver, direct, "SELECT name FROM t1"),
        [["once"]]
    );
    let (lock, migrations) = status(&project, "pg");
    assert_eq!(lock["strategy"], "table", "{lock}");
    assert!(
        lock["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("pooler"),
        "{lock}"
    );
    assert_eq!(migrations.as_array().map(Vec::len), Some(12));
}

#[test]
fn rollback_refresh_fresh_and_status_work_through_pgbouncer() {
    let Some(db) = PgBouncerDatabase::create_blocking() else {
        return;
    };
    let files = migrations(4, 2);
    let project = project(&files, &bouncer_config(&db.url));
    let tables = || {
        query(
            &PostgresDriver,
            &db.direct.url,
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
        )
    };
    project.ok(&["migration:status"]);
    project.ok(&["migration:check"]);
    project.ok(&["migration:run", "--dry-run"]);
    assert_eq!(
        tables(),
        [["0"]],
        "status, check and --dry-run create nothing"
    );
    project.ok(&["migration:run"]);
    project.write("database/migrations/05_t5.toml", &create_table("t5"));
    project.ok(&["migration:run"]);
    let stdout = project.ok(&["migration:status"]);
    assert!(
        stdout.contains("Lock: table (auto: a transaction pooler"),
        "{stdout}"
    );

    project.ok(&["migration:rollback"]);
    let count = |sql: &str| query(&PostgresDriver, &db.direct.url, sql)[0][0].clone();
    assert_eq!(count("SELECT COUNT(*) FROM dbm_schema"), "4");
    project.ok(&["migration:refresh"]);
    assert_eq!(count("SELECT COUNT(*) FROM dbm_schema"), "5");
    assert_eq!(count("SELECT COUNT(*) FROM t1"), "1");
    project.ok(&["migration:fresh"]);
    assert_eq!(count("SELECT COUNT(DISTINCT batch) FROM dbm_schema"), "1");
    assert_eq!(count("SELECT COUNT(*) FROM t1"), "1");
    assert_eq!(
        count("SELECT COUNT(*) FROM dbm_schema_lock"),
        "0",
        "the lease is released"
    );

    project.write(
        "database/migrations/06_outside.sql",
        "-- dbm:no-transaction\n-- dbm:up\nCREATE TABLE outside (id int PRIMARY KEY);\n\
         -- dbm:down\nDROP TABLE outside;\n",
    );
    let (code, _, stderr) = project.run(&["migration:run"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("06_outside opts out of a transaction"),
        "{stderr}"
    );
    assert!(stderr.contains("transaction pooler"), "{stderr}");
    assert_eq!(count("SELECT COUNT(*) FROM dbm_schema"), "5", "nothing ran");
}

#[test]
fn a_killed_lease_holder_blocks_the_next_run_at_most_one_lease() {
    let Some(db) = TestDatabase::create_blocking(Server::Postgres) else {
        return;
    };
    let files = vec![
        ("1_a.toml".to_string(), create_table("a")),
        (
            "2_slow.sql".to_string(),
            "-- dbm:up\nSELECT pg_sleep(3);\n-- dbm:down\nSELECT 1;\n".to_string(),
        ),
        ("3_b.toml".to_string(), create_table("b")),
    ];
    let config = format!(
        "{}lock = \"table\"\nlock_lease = \"2s\"\n",
        bouncer_config(&db.url)
    );
    let project = project(&files, &config);
    let mut holder = project.spawn(&["migration:run"]);
    let rows = |sql: &str| query(&PostgresDriver, &db.url, sql);
    let deadline = Instant::now() + Duration::from_secs(30);
    // Killed inside the slow migration: the first one applied, the lease held.
    loop {
        let applied =
            rows("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'dbm_schema'");
        if applied == [["1"]] && rows("SELECT COUNT(*) FROM dbm_schema") == [["1"]] {
            break;
        }
        assert!(Instant::now() < deadline, "the first run never got going");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(rows("SELECT COUNT(*) FROM dbm_schema_lock"), [["1"]]);
    holder.kill().expect("kill -9");
    holder.wait().expect("reaped");

    let start = Instant::now();
    let (code, stdout, stderr) = project.run(&["migration:run"]);
    let took = start.elapsed();
    assert_eq!(code, 0, "{stdout}{stderr}");
    // At most one lease (2 s) of waiting, and the slow migration (3 s, longer than the
    // lease) once: either the server still finished the killed run's transaction, which
    // the takeover waits for, or this run applies it, its lease renewed meanwhile.
    assert!(
        took < Duration::from_millis(7500),
        "took {took:?}: {stderr}"
    );
    assert!(
        stdout.contains("migrated database/migrations/3_b"),
        "{stdout}"
    );
    assert_eq!(
        rows("SELECT COUNT(*), COUNT(DISTINCT name) FROM dbm_schema"),
        [["3", "3"]]
    );
    assert_eq!(rows("SELECT COUNT(*) FROM dbm_schema_lock"), [["0"]]);
    let stdout = project.ok(&["migration:status"]);
    assert!(stdout.contains("Lock: table (configured)"), "{stdout}");
}
