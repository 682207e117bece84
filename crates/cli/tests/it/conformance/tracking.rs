//! The tracking tables under stress: a format upgrade of an existing database, a process
//! killed in the middle of a migration (`interrupted`, `migration:resolve`), `fresh` racing
//! `run`, and what a failed all-or-nothing batch reports.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{Backend, Db, dbtest};

/// A table with an id and a name.
fn table(name: &str) -> String {
    format!(
        "[[up]]\ncreate_table = \"{name}\"\ncolumns = [\n  {{ name = \"id\", type = \"increments\" }},\n  {{ name = \"name\", type = \"string\", length = 50 }},\n]\n"
    )
}

/// `dbm ARGS` started in the project, its output captured.
fn spawn(db: &Db, args: &[&str]) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dbm"));
    cmd.current_dir(db.project.path()).args(args);
    for (key, _) in std::env::vars() {
        if key.starts_with("DBM_") {
            cmd.env_remove(key);
        }
    }
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn dbm")
}

/// Waits until `table` exists, or panics after 20 s.
fn wait_for_table(db: &Db, table: &str) {
    let start = Instant::now();
    while !db.catalog().tables.iter().any(|t| t.name == table) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{table} never appeared"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until the index `index` of `table` is gone, or panics after 20 s.
fn wait_for_no_index(db: &Db, table: &str, index: &str) {
    let start = Instant::now();
    loop {
        let catalog = db.catalog();
        let present = catalog
            .tables
            .iter()
            .filter(|t| t.name == table)
            .any(|t| t.indexes.iter().any(|i| i.name == index));
        if !present {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "index {index} never went away"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn status_of(db: &Db, name: &str) -> String {
    db.states()
        .into_iter()
        .find(|s| s.0 == format!("database/migrations/{name}"))
        .map(|s| s.1)
        .unwrap_or_else(|| panic!("{name} not in status"))
}

/// The format version recorded in `dbm_schema_versions`.
fn format_version(db: &Db) -> String {
    db.query("SELECT MAX(version) FROM dbm_schema_versions")[0][0].clone()
}

dbtest!(
    an_old_format_tracking_table_is_upgraded_on_the_next_run,
    |db| {
        // The tables as dbm wrote them before the `state` column (format version 1), with one
        // migration applied.
        let schema = match db.backend {
            Backend::Sqlite | Backend::SqlitePlugin => {
                "CREATE TABLE \"dbm_schema\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \
             \"name\" varchar(255) NOT NULL UNIQUE, \"batch\" integer NOT NULL, \
             \"checksum\" varchar(64), \"migration_time\" datetime DEFAULT CURRENT_TIMESTAMP)"
            }
            Backend::Postgres | Backend::PostgresPlugin => {
                "CREATE TABLE \"dbm_schema\" (\"id\" serial PRIMARY KEY, \
             \"name\" varchar(255) NOT NULL UNIQUE, \"batch\" integer NOT NULL, \
             \"checksum\" varchar(64), \"migration_time\" timestamptz DEFAULT CURRENT_TIMESTAMP)"
            }
            Backend::Mysql => {
                "CREATE TABLE `dbm_schema` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, \
             `name` varchar(255) NOT NULL UNIQUE, `batch` int NOT NULL, \
             `checksum` varchar(64) NULL, `migration_time` timestamp NULL DEFAULT CURRENT_TIMESTAMP)"
            }
        };
        db.ok(&["db:create"]);
        db.execute(schema);
        db.execute("CREATE TABLE dbm_schema_versions (version integer PRIMARY KEY)");
        db.execute("INSERT INTO dbm_schema_versions (version) VALUES (1)");
        db.execute("CREATE TABLE a (id integer)");
        db.execute("INSERT INTO dbm_schema (name, batch, checksum) VALUES ('database/migrations/1_a', 1, NULL)");
        db.migration("1_a.toml", &table("a"));
        // status reads the old format and changes nothing.
        assert_eq!(status_of(db, "1_a"), "completed");
        assert_eq!(format_version(db), "1");

        db.migration("2_b.toml", &table("b"));
        db.ok(&["migration:run"]);
        assert_eq!(format_version(db), "2", "upgraded in place");
        assert_eq!(
            db.query("SELECT name, batch, state FROM dbm_schema ORDER BY id"),
            [
                ["database/migrations/1_a", "1", "applied"],
                ["database/migrations/2_b", "2", "applied"],
            ]
        );
        let states: Vec<_> = db.states().into_iter().map(|s| s.1).collect();
        assert_eq!(states, ["completed", "completed"]);
        db.ok(&["migration:rollback"]);
        assert_eq!(db.tables(), ["a"]);
    }
);

/// A migration that creates `t16`, sleeps, then indexes it as `x`; its down drops the index,
/// sleeps, then drops the table. Outside a transaction where DDL is transactional, so that
/// a kill leaves half of it behind everywhere.
fn slow_migration(backend: Backend) -> String {
    let (sleep, outside) = match backend {
        Backend::Mysql => ("SELECT SLEEP(5)", ""),
        _ => ("SELECT pg_sleep(5)", "transaction = false\n"),
    };
    format!(
        "{outside}{}\n[[up]]\nsql = \"{sleep}\"\n\n[[up]]\ncreate_index = \"t16\"\ncolumns = [\"name\"]\nname = \"x\"\n\n\
         [[down]]\ndrop_index = \"x\"\ntable = \"t16\"\n\n[[down]]\nsql = \"{sleep}\"\n\n[[down]]\ndrop_table = \"t16\"\n",
        table("t16")
    )
}

dbtest!(a_killed_migration_is_interrupted_until_resolved, |db| {
    if db.backend.is_sqlite() {
        // SQLite runs every migration in a transaction of its own: a kill leaves nothing.
        return;
    }
    db.migration("1_a.toml", &table("a"));
    db.migration("2_t16.toml", &slow_migration(db.backend));
    let name = "database/migrations/2_t16";

    // Killed while applying: the table exists, the index does not.
    let mut child = spawn(db, &["migration:run"]);
    wait_for_table(db, "t16");
    std::thread::sleep(Duration::from_millis(300));
    child.kill().expect("kill -9");
    let _ = child.wait();

    assert_eq!(status_of(db, "1_a"), "completed");
    assert_eq!(status_of(db, "2_t16"), "interrupted");
    let (code, stdout, stderr) = db.run(&["migration:status", "--exit-code"]);
    assert_eq!(code, 1, "--exit-code: 1 for interrupted\n{stdout}{stderr}");
    assert!(stdout.contains("interrupted"), "{stdout}");

    for command in ["migration:run", "migration:rollback"] {
        let (code, stdout, stderr) = db.run(&[command]);
        assert_eq!(code, 1, "{command} refuses\n{stdout}{stderr}");
        assert!(stderr.contains(name), "names the migration: {stderr}");
        assert!(stderr.contains("interrupted"), "{stderr}");
        assert!(stderr.contains("table `t16` exists"), "{stderr}");
        assert!(stderr.contains("index `x` does not exist"), "{stderr}");
        assert!(
            stderr.contains(&format!("dbm migration:resolve {name} --applied")),
            "says how to resolve: {stderr}"
        );
    }
    let (code, _, stderr) = db.run(&["migration:resolve", "database/migrations/1_a", "--applied"]);
    assert_eq!(code, 2, "1_a is not interrupted: {stderr}");
    assert!(stderr.contains("not interrupted"), "{stderr}");

    // The user finishes the migration by hand and records it as applied.
    db.execute("CREATE INDEX x ON t16 (name)");
    let out = db.ok(&["resolve", name, "--applied", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(doc["resolved"], "applied", "{doc}");
    assert_eq!(status_of(db, "2_t16"), "completed");
    let out = db.ok(&["migration:run"]);
    assert!(out.contains("Already up to date"), "{out}");

    // Killed while reverting: the index is gone, the table is still there.
    let mut child = spawn(db, &["migration:rollback"]);
    wait_for_no_index(db, "t16", "x");
    std::thread::sleep(Duration::from_millis(300));
    child.kill().expect("kill -9");
    let _ = child.wait();
    assert_eq!(status_of(db, "2_t16"), "interrupted");
    let (code, _, stderr) = db.run(&["migration:reset"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("rolling back"),
        "says what happened: {stderr}"
    );
    assert!(stderr.contains("table `t16` exists"), "{stderr}");

    // The user finishes the rollback by hand and records it.
    db.execute("DROP TABLE t16");
    db.ok(&["migration:resolve", name, "--rolled-back"]);
    assert_eq!(status_of(db, "2_t16"), "pending");
    db.ok(&["migration:run"]);
    assert_eq!(db.tables(), ["a", "t16"]);
    let states: Vec<_> = db.states().into_iter().map(|s| s.1).collect();
    assert_eq!(states, ["completed", "completed"]);
});

dbtest!(fresh_racing_run_always_succeeds, |db| {
    for i in 1..=3 {
        db.migration(&format!("{i}_t{i}.toml"), &table(&format!("t{i}")));
    }
    db.ok(&["migration:run"]);
    for round in 0..20 {
        let fresh = spawn(db, &["migration:fresh"]);
        let run = spawn(db, &["migration:run"]);
        for (what, child) in [("fresh", fresh), ("run", run)] {
            let out = child.wait_with_output().expect("wait");
            assert!(
                out.status.success(),
                "round {round}: {what} failed ({:?}):\n{}{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(
            db.query("SELECT COUNT(*), COUNT(DISTINCT name) FROM dbm_schema"),
            [["3", "3"]],
            "round {round}: each migration recorded once"
        );
        assert_eq!(db.tables(), ["t1", "t2", "t3"], "round {round}");
    }
});

dbtest!(a_failed_batch_reports_nothing_as_applied, |db| {
    if db.backend == Backend::Mysql {
        // Refused there (no transactional DDL); see batch_transaction_mode_is_all_or_nothing.
        return;
    }
    db.migration("1_a.toml", &table("a"));
    db.migration(
        "2_broken.sql",
        "-- dbm:up\nCREATE TABLE z (id integer);\nINSERT INTO nowhere (x) VALUES (1);\n",
    );
    let config =
        std::fs::read_to_string(db.project.path().join("config/database.toml")).expect("config");
    db.project.write(
        "config/database.toml",
        &format!("{config}\n[default.migrations]\ntransaction = \"batch\"\n"),
    );
    let (code, stdout, stderr) = db.run(&["migration:run"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        !stdout.contains("migrated"),
        "nothing was migrated:\n{stdout}"
    );
    assert!(
        !stderr.contains("by hand") && !stderr.contains("remain"),
        "no statement remains:\n{stderr}"
    );
    assert!(stderr.contains("rolled back"), "says so:\n{stderr}");
    let (code, stdout, _) = db.run(&["migration:run", "--json"]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(doc["migrations"], serde_json::json!([]), "{doc}");
    assert_eq!(db.tables(), Vec::<String>::new());
    let states: Vec<_> = db.states().into_iter().map(|s| s.1).collect();
    assert_eq!(states, ["pending", "pending"]);
});
