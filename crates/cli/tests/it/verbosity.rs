//! `-v` shows the SQL log of one run, as `debug = true` does: the statements of the
//! migrations and seeders with their bindings. `-vv` adds dbm's bookkeeping: the tracking
//! tables and the migration lock. Without either, stderr shows neither.

use crate::conformance::{Db, dbtest};

/// A table with an id and a name.
fn table(name: &str) -> String {
    format!(
        "[[up]]\ncreate_table = \"{name}\"\ncolumns = [\n  {{ name = \"id\", type = \"increments\" }},\n  {{ name = \"name\", type = \"string\", length = 50 }},\n]\n"
    )
}

/// Runs `dbm ARGS`, asserting exit code 0; returns stderr.
fn stderr_of(db: &Db, args: &[&str]) -> String {
    let (code, stdout, stderr) = db.run(args);
    assert_eq!(code, 0, "dbm {args:?}:\n{stdout}\n{stderr}");
    assert!(
        !stdout.contains("CREATE TABLE"),
        "the log stays off stdout:\n{stdout}"
    );
    stderr
}

/// Whether the log line of a `CREATE TABLE` of `verbose_t` is there, however the dialect
/// quotes the name.
fn shows_migration(stderr: &str) -> bool {
    stderr
        .lines()
        .any(|line| line.starts_with("CREATE TABLE") && line.contains("verbose_t"))
}

/// Whether a logged statement reads or writes the tracking table.
fn shows_tracking(stderr: &str) -> bool {
    stderr.lines().any(|line| {
        (line.starts_with("SELECT") || line.starts_with("INSERT") || line.starts_with("DELETE"))
            && line.contains("dbm_schema")
    })
}

dbtest!(verbose_flags_show_the_sql_log, |db| {
    db.migration("1_verbose_t.toml", &table("verbose_t"));
    db.project.write(
        "database/seeders/1_names.toml",
        "[[insert]]\ntable = \"verbose_t\"\nrows = [ { name = \"ada\" }, { name = \"grace\" } ]\n",
    );

    let quiet = stderr_of(db, &["migration:run"]);
    assert!(!shows_migration(&quiet), "no log without -v:\n{quiet}");
    assert!(!shows_tracking(&quiet), "no log without -v:\n{quiet}");
    db.ok(&["migration:rollback"]);

    let one = stderr_of(db, &["migration:run", "-v"]);
    assert!(
        shows_migration(&one),
        "-v shows the migration's SQL:\n{one}"
    );
    assert!(
        !shows_tracking(&one) && !one.contains("migration lock"),
        "-v leaves the bookkeeping out:\n{one}"
    );
    let seeded = stderr_of(db, &["db:seed", "-v"]);
    assert!(
        seeded
            .lines()
            .any(|line| line.starts_with("INSERT") && line.ends_with(r#"  ["ada", "grace"]"#)),
        "-v shows a seeder's statement with its bindings:\n{seeded}"
    );
    db.ok(&["migration:rollback"]);

    let two = stderr_of(db, &["migration:run", "-vv"]);
    assert!(
        shows_migration(&two),
        "-vv shows the migration's SQL:\n{two}"
    );
    assert!(
        shows_tracking(&two),
        "-vv adds the tracking table's queries:\n{two}"
    );
    assert!(
        two.contains("migration lock") || two.contains("dbm_schema_lock"),
        "-vv shows the migration lock:\n{two}"
    );

    let quiet = stderr_of(db, &["migration:status", "-q", "-vv"]);
    assert!(!shows_tracking(&quiet), "--quiet wins over -vv:\n{quiet}");
});
