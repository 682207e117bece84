//! Ordering, batches, rollback, reset/refresh/fresh, dry runs, failures and concurrency: the
//! same behaviour on every database.

use super::{Db, dbtest};

/// A table with an id and a name; `parent` adds a foreign key to `parent.id`.
fn table(name: &str, parent: Option<&str>) -> String {
    let reference = parent
        .map(|p| {
            format!(
                ",\n  {{ name = \"{p}_id\", type = \"integer\", unsigned = true, references = \"{p}.id\" }}"
            )
        })
        .unwrap_or_default();
    format!(
        "[[up]]\ncreate_table = \"{name}\"\ncolumns = [\n  {{ name = \"id\", type = \"increments\" }},\n  {{ name = \"name\", type = \"string\", length = 50 }}{reference},\n]\n"
    )
}

fn applied_order(db: &Db) -> Vec<String> {
    db.query("SELECT name, batch FROM dbm_schema ORDER BY id")
        .into_iter()
        .map(|r| {
            format!(
                "{}@{}",
                r[0].trim_start_matches("database/migrations/"),
                r[1]
            )
        })
        .collect()
}

fn positions(out: &str, words: &[&str]) -> Vec<usize> {
    words
        .iter()
        .map(|w| out.find(w).unwrap_or_else(|| panic!("{w} not in:\n{out}")))
        .collect()
}

dbtest!(
    runs_pending_migrations_in_order_as_one_batch_per_run,
    |db| {
        db.migration("1_a.toml", &table("a", None));
        db.migration("2_b.toml", &table("b", Some("a")));
        db.ok(&["migration:run"]);
        db.migration("3_c.toml", &table("c", Some("b")));
        db.migration("10_d.toml", &table("d", Some("c")));
        let out = db.ok(&["migration:run"]);
        let at = positions(&out, &["3_c", "10_d"]);
        assert!(at[0] < at[1], "natural sort across files:\n{out}");
        assert_eq!(applied_order(db), ["1_a@1", "2_b@1", "3_c@2", "10_d@2"]);
        assert_eq!(db.tables(), ["a", "b", "c", "d"]);
        let out = db.ok(&["migration:run"]);
        assert!(out.contains("Already up to date"), "{out}");
    }
);

dbtest!(rollback_reverts_in_exact_reverse_order, |db| {
    db.migration("1_a.toml", &table("a", None));
    db.migration("2_b.toml", &table("b", Some("a")));
    db.migration("3_c.toml", &table("c", Some("b")));
    db.ok(&["migration:run"]);
    let out = db.ok(&["migration:rollback"]);
    let at = positions(
        &out,
        &[
            "reverted database/migrations/3_c",
            "reverted database/migrations/2_b",
            "reverted database/migrations/1_a",
        ],
    );
    assert!(at[0] < at[1] && at[1] < at[2], "newest first:\n{out}");
    assert_eq!(db.tables(), Vec::<String>::new());
    let states: Vec<_> = db.states().into_iter().map(|s| s.1).collect();
    assert_eq!(states, ["pending", "pending", "pending"]);
});

dbtest!(names_with_quotes_are_recorded_and_forgotten_exactly, |db| {
    db.migration("1_o'brien.toml", &table("a", None));
    let outside = format!("transaction = false\n{}", table("b", None));
    db.migration("2_it's_late.toml", &outside);
    db.ok(&["migration:run"]);
    assert_eq!(applied_order(db), ["1_o'brien@1", "2_it's_late@1"]);
    let states: Vec<_> = db.states().into_iter().map(|s| (s.0, s.1)).collect();
    assert_eq!(
        states,
        [
            (
                "database/migrations/1_o'brien".to_string(),
                "completed".to_string()
            ),
            (
                "database/migrations/2_it's_late".to_string(),
                "completed".to_string()
            ),
        ]
    );
    db.ok(&["migration:rollback"]);
    assert_eq!(applied_order(db), Vec::<String>::new());
    assert_eq!(db.tables(), Vec::<String>::new());
});

dbtest!(batch_and_step_choose_what_to_revert, |db| {
    for (i, name) in ["a", "b", "c"].iter().enumerate() {
        db.migration(&format!("{}_{name}.toml", i + 1), &table(name, None));
        db.ok(&["migration:run"]);
    }
    db.migration("4_d.toml", &table("d", None));
    db.ok(&["migration:run"]);
    assert_eq!(applied_order(db), ["1_a@1", "2_b@2", "3_c@3", "4_d@4"]);

    db.ok(&["migration:rollback", "--step", "2"]);
    assert_eq!(
        applied_order(db),
        ["1_a@1", "2_b@2"],
        "--step reaches across batches"
    );
    db.ok(&["migration:run"]);
    assert_eq!(applied_order(db), ["1_a@1", "2_b@2", "3_c@3", "4_d@3"]);
    db.ok(&["migration:rollback", "--batch", "1"]);
    assert_eq!(applied_order(db), ["1_a@1"]);
    db.ok(&["migration:rollback", "--batch", "0"]);
    assert_eq!(applied_order(db), Vec::<String>::new());
    assert_eq!(db.tables(), Vec::<String>::new());
});

dbtest!(to_and_step_choose_what_to_run, |db| {
    for (i, name) in ["a", "b", "c", "d", "e", "f"].iter().enumerate() {
        db.migration(&format!("{}_{name}.toml", i + 1), &table(name, None));
    }
    let out = db.ok(&["migration:run", "--step", "2", "--dry-run"]);
    assert!(out.contains("1_a") && out.contains("2_b"), "{out}");
    assert!(!out.contains("3_c"), "--step 2 plans two: {out}");
    assert!(out.contains("2 migrations planned"), "{out}");
    assert!(
        db.states().iter().all(|s| s.1 == "pending"),
        "a dry run changes nothing"
    );

    db.ok(&["migration:run", "--step", "2"]);
    assert_eq!(applied_order(db), ["1_a@1", "2_b@1"]);

    let out = db.ok(&["migration:run", "--to", "4_d.toml", "--dry-run"]);
    assert!(out.contains("3_c") && out.contains("4_d"), "{out}");
    assert!(!out.contains("5_e"), "--to stops at its migration: {out}");
    db.ok(&["migration:run", "--to", "4_d"]);
    assert_eq!(
        applied_order(db),
        ["1_a@1", "2_b@1", "3_c@2", "4_d@2"],
        "--to runs up to and including its migration, as one batch"
    );

    // A name that is unknown or not pending: exit 2, naming it, and nothing runs.
    for (name, says) in [
        ("9_nope", "no migration has that name"),
        ("2_b", "not pending"),
        ("database/migrations/3_c", "not pending"),
    ] {
        let (code, stdout, stderr) = db.run(&["migration:run", "--to", name]);
        assert_eq!(code, 2, "--to {name}\n{stdout}{stderr}");
        assert!(stderr.contains(name), "names {name}: {stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(!stdout.contains("migrated"), "nothing ran: {stdout}");
    }
    assert_eq!(applied_order(db), ["1_a@1", "2_b@1", "3_c@2", "4_d@2"]);

    // --fake records without running.
    let out = db.ok(&["migration:run", "--to", "database/migrations/5_e", "--fake"]);
    assert!(out.contains("faked") && out.contains("5_e"), "{out}");
    assert!(!out.contains("6_f"), "{out}");
    assert_eq!(applied_order(db)[4], "5_e@3");
    assert!(!db.tables().contains(&"e".to_string()), "faked, not run");

    // More steps than pending migrations runs what there is; then there is nothing.
    db.ok(&["migration:run", "--step", "5"]);
    assert_eq!(applied_order(db)[5], "6_f@4");
    let out = db.ok(&["migration:run", "--step", "1"]);
    assert!(out.contains("Already up to date"), "{out}");
});

dbtest!(reset_refresh_and_fresh_rebuild_the_schema, |db| {
    db.migration("1_a.toml", &table("a", None));
    db.migration("2_b.toml", &table("b", Some("a")));
    db.ok(&["migration:run"]);
    db.ok(&["migration:reset"]);
    assert_eq!(db.tables(), Vec::<String>::new());

    db.ok(&["migration:run"]);
    db.execute("INSERT INTO a (name) VALUES ('x')");
    db.ok(&["migration:refresh"]);
    assert_eq!(db.query("SELECT COUNT(*) FROM a"), [["0"]]);

    db.execute("CREATE TABLE stray (id integer)");
    db.ok(&["migration:fresh"]);
    assert_eq!(db.tables(), ["a", "b"]);
    assert_eq!(applied_order(db), ["1_a@1", "2_b@1"]);
});

dbtest!(dry_run_changes_nothing, |db| {
    db.migration("1_a.toml", &table("a", None));
    db.ok(&["migration:run"]);
    db.migration("2_b.toml", &table("b", Some("a")));
    let before = (db.catalog(), applied_order(db));
    let out = db.ok(&["migration:run", "--dry-run"]);
    assert!(out.contains("CREATE TABLE"), "{out}");
    let out = db.ok(&["migration:rollback", "--dry-run"]);
    assert!(out.contains("DROP TABLE"), "{out}");
    assert_eq!((db.catalog(), applied_order(db)), before);
});

dbtest!(
    a_failure_mid_batch_keeps_earlier_migrations_and_leaves_no_trace,
    |db| {
        db.migration("1_a.toml", &table("a", None));
        db.migration(
        "2_broken.toml",
        &format!(
            "{}\n[[up]]\nsql = \"INSERT INTO nowhere (x) VALUES (1)\"\n\n[[down]]\ndrop_table = \"b\"\n",
            table("b", Some("a"))
        ),
    );
        db.migration("3_c.toml", &table("c", None));
        let (code, stdout, stderr) = db.run(&["migration:run"]);
        assert_eq!(code, 1, "{stdout}\n{stderr}");
        assert!(
            stderr.contains("migration database/migrations/2_broken failed"),
            "{stderr}"
        );
        assert!(
            stderr.contains("INSERT INTO nowhere (x) VALUES (1)"),
            "{stderr}"
        );
        assert!(
            stderr.contains("nowhere"),
            "the database's message:\n{stderr}"
        );
        assert_eq!(db.tables(), ["a"], "no trace of b");
        let states: Vec<_> = db.states().into_iter().map(|s| s.1).collect();
        assert_eq!(states, ["completed", "pending", "pending"]);
    }
);

dbtest!(
    eight_concurrent_runs_apply_every_migration_exactly_once,
    |db| {
        for i in 1..=6 {
            db.migration(&format!("{i}_t{i}.toml"), &table(&format!("t{i}"), None));
        }
        let children: Vec<_> = (0..8)
            .map(|_| db.project.spawn(&["migration:run", "--json"]))
            .collect();
        let mut applied = 0;
        for child in children {
            let out = child.wait_with_output().expect("wait");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "a run failed: {stderr}");
            let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
            applied += doc["migrations"].as_array().map(Vec::len).unwrap_or(0);
        }
        assert_eq!(applied, 6, "each migration applied by exactly one process");
        assert_eq!(
            db.query(
                "SELECT COUNT(*), COUNT(DISTINCT name), MIN(batch), MAX(batch) FROM dbm_schema"
            ),
            [["6", "6", "1", "1"]]
        );
    }
);

dbtest!(a_held_lock_makes_run_wait_then_time_out, |db| {
    db.migration("1_a.toml", &table("a", None));
    let config =
        std::fs::read_to_string(db.project.path().join("config/database.toml")).expect("config");
    db.project.write(
        "config/database.toml",
        &format!("{config}\n[default.migrations]\nlock_timeout = \"1s\"\n"),
    );
    db.ok(&["db:create"]);
    let (code, stderr) = db.holding_lock("dbm_schema", || {
        let (code, _, stderr) = db.run(&["migration:run"]);
        (code, stderr)
    });
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("waiting"), "says it is waiting: {stderr}");
    assert!(stderr.contains("migration lock within 1s"), "{stderr}");
    db.ok(&["migration:run"]);
    assert_eq!(db.tables(), ["a"]);
});

dbtest!(batch_transaction_mode_is_all_or_nothing_or_refused, |db| {
    db.migration("1_a.toml", &table("a", None));
    db.migration(
        "2_broken.sql",
        "-- dbm:up\nINSERT INTO nowhere (x) VALUES (1);\n",
    );
    let config =
        std::fs::read_to_string(db.project.path().join("config/database.toml")).expect("config");
    db.project.write(
        "config/database.toml",
        &format!("{config}\n[default.migrations]\ntransaction = \"batch\"\n"),
    );
    let (code, _, stderr) = db.run(&["migration:run"]);
    if db.backend == crate::conformance::Backend::Mysql {
        assert_eq!(code, 2, "refused on MySQL: {stderr}");
        assert!(stderr.contains("transactional DDL"), "{stderr}");
    } else {
        assert_eq!(code, 1, "{stderr}");
    }
    assert_eq!(db.tables(), Vec::<String>::new(), "nothing applied");
});
