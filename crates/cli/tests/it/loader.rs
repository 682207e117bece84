//! What the migration loader refuses, through the binary: control characters in `.sql` files,
//! misspelt markers, links and files that cannot be read, a `paths` entry that is a file.
//! Each exits 2 naming the path, creates nothing, and says so in under 1 KB.

use std::process::Output;
use std::time::Duration;

use dbm_test_support::{Server, TestDatabase};

use crate::support::Project;

/// Runs `dbm args`, killed after 60 s so that a hang fails the test instead of blocking it.
fn run_bounded(project: &Project, args: &[&str]) -> (Option<i32>, String) {
    let out: Output = project
        .dbm(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run dbm");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts `dbm args` exits 2 within the time limit, with a short message saying each of
/// `expected`, and creates no database file.
fn refused_at_load(project: &Project, args: &[&str], expected: &[&str]) -> String {
    let (code, stderr) = run_bounded(project, args);
    assert_eq!(
        code,
        Some(2),
        "dbm {args:?} (None: killed)\nstderr:\n{stderr}"
    );
    for text in expected {
        assert!(
            stderr.contains(text),
            "dbm {args:?}: stderr lacks {text:?}:\n{stderr}"
        );
    }
    assert!(
        stderr.len() < 1024,
        "dbm {args:?}: {} bytes of stderr:\n{stderr}",
        stderr.len()
    );
    assert!(
        !project.path().join("tmp").exists(),
        "dbm {args:?} created the database"
    );
    stderr
}

const NUL_FILE: &str =
    "-- dbm:up\nCREATE TABLE a (x int);\n\0\nSELECT 1;\n-- dbm:down\nDROP TABLE a;\n";

#[test]
fn a_nul_byte_in_a_sql_file_is_refused_at_load_even_in_a_dry_run() {
    let project = Project::with_migrations(&[("1_a.sql", NUL_FILE)]);
    for args in [
        &["migration:run", "--dry-run"][..],
        &["migration:run"],
        &["migration:status"],
    ] {
        refused_at_load(
            &project,
            args,
            &[
                "database/migrations/1_a.sql",
                "line 3",
                "control character U+0000 (NUL)",
            ],
        );
    }
}

#[test]
fn other_control_characters_are_refused_and_tab_and_form_feed_are_not() {
    for (byte, name) in [
        ("\u{1b}", "U+001B"),
        ("\u{7}", "U+0007"),
        ("\u{b}", "U+000B"),
    ] {
        let project =
            Project::with_migrations(&[("1_a.sql", &format!("-- dbm:up\nSELECT 1;{byte}\n"))]);
        refused_at_load(&project, &["migration:run"], &["1_a.sql", "line 2", name]);
    }
    let project = Project::with_migrations(&[(
        "1_a.sql",
        "-- dbm:up\r\nCREATE TABLE a (x int);\t\x0c\r\n-- dbm:down\nDROP TABLE a;\n",
    )]);
    project.ok(&["migration:run"]);
    assert!(project.tables().contains(&"a".to_string()));
}

#[test]
fn a_nul_byte_is_refused_at_load_on_postgres() {
    let Some(db) = TestDatabase::create_blocking(Server::Postgres) else {
        return;
    };
    let project = Project::with_migrations(&[("1_a.sql", NUL_FILE)]);
    project.write(
        "config/database.toml",
        &format!(
            "[default]\nconnection = \"pg\"\n[default.connections.pg]\ndriver = \"postgres\"\nurl = \"{}\"\n",
            db.url
        ),
    );
    let stderr = refused_at_load(
        &project,
        &["migration:run"],
        &["database/migrations/1_a.sql", "line 3", "U+0000"],
    );
    assert!(!stderr.contains("invalid message format"), "{stderr}");
}

#[test]
fn a_misspelt_down_marker_is_refused_instead_of_running_down_as_part_of_up() {
    for (line, marker) in [
        ("-- fbm:down", "-- dbm:down"),
        ("--dbm:down", "-- dbm:down"),
        ("-- dbm: down", "-- dbm:down"),
        ("-- DBM:Down", "-- dbm:down"),
        ("-- migrate:dwon", "-- migrate:down"),
    ] {
        let project = Project::with_migrations(&[(
            "1_a.sql",
            &format!("-- dbm:up\nCREATE TABLE a (x int);\n{line}\nDROP TABLE a;\n"),
        )]);
        refused_at_load(
            &project,
            &["migration:run"],
            &[
                "database/migrations/1_a.sql",
                "line 3",
                &format!("`{line}` is not a marker; did you mean `{marker}`?"),
            ],
        );
    }
}

#[test]
fn ordinary_comments_near_no_marker_still_run() {
    let project = Project::with_migrations(&[(
        "1_a.sql",
        "-- create the users table\n-- dbm:up\n-- update: later\nCREATE TABLE a (x int);\n\
         -- dbm:down\n-- down the road\nDROP TABLE a;\n",
    )]);
    project.ok(&["migration:run"]);
    assert!(project.tables().contains(&"a".to_string()));
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_is_refused_naming_it() {
    let project = Project::with_migrations(&[("1_a.sql", "-- dbm:up\nSELECT 1;\n")]);
    std::os::unix::fs::symlink(
        "nowhere.sql",
        project.path().join("database/migrations/2_b.sql"),
    )
    .expect("symlink");
    refused_at_load(
        &project,
        &["migration:run"],
        &[
            "database/migrations/2_b.sql",
            "symbolic link to nowhere.sql",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_refused_in_a_short_message() {
    let project = Project::with_migrations(&[("1_a.sql", "-- dbm:up\nSELECT 1;\n")]);
    let dir = project.path().join("database/migrations");
    std::os::unix::fs::symlink("b.sql", dir.join("a.sql")).expect("symlink");
    std::os::unix::fs::symlink("a.sql", dir.join("b.sql")).expect("symlink");
    refused_at_load(
        &project,
        &["migration:run"],
        &["database/migrations/a.sql", "symbolic link"],
    );

    let project = Project::with_migrations(&[("1_a.sql", "-- dbm:up\nSELECT 1;\n")]);
    let dir = project.path().join("database/migrations");
    std::os::unix::fs::symlink(".", dir.join("self")).expect("symlink");
    refused_at_load(
        &project,
        &["migration:run"],
        &["database/migrations/self", "symbolic link loop"],
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_migration_file_that_cannot_be_read_is_refused_naming_it() {
    // Reading /proc/self/mem from its start fails (EIO) even for root, who reads any file
    // whatever its mode.
    let project = Project::with_migrations(&[("1_a.sql", "-- dbm:up\nSELECT 1;\n")]);
    std::os::unix::fs::symlink(
        "/proc/self/mem",
        project.path().join("database/migrations/2_b.sql"),
    )
    .expect("symlink");
    refused_at_load(
        &project,
        &["migration:run"],
        &["database/migrations/2_b.sql", "the file cannot be read"],
    );
}

#[cfg(unix)]
#[test]
fn a_migration_file_without_read_permission_is_refused_naming_it() {
    use std::io::Write as _;
    use std::os::unix::fs::PermissionsExt as _;
    let project = Project::with_migrations(&[("1_a.sql", "-- dbm:up\nSELECT 1;\n")]);
    let file = project.path().join("database/migrations/1_a.sql");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&file).is_ok() {
        // Straight to stderr, past the test harness's capture, so the skip shows in the run.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED a_migration_file_without_read_permission_is_refused_naming_it: running as \
             root, who reads any file; a_migration_file_that_cannot_be_read_is_refused_naming_it \
             covers an unreadable file"
        );
        return;
    }
    refused_at_load(
        &project,
        &["migration:run"],
        &["database/migrations/1_a.sql", "the file cannot be read"],
    );
}

#[test]
fn a_paths_entry_that_is_a_file_is_refused_naming_it() {
    let project = Project::with_migrations(&[("1_a.sql", "-- dbm:up\nSELECT 1;\n")]);
    project.write(
        "config/database.toml",
        "[default.migrations]\npaths = [\"database/migrations/1_a.sql\"]\n",
    );
    refused_at_load(
        &project,
        &["migration:run"],
        &[
            "database/migrations/1_a.sql",
            "`migrations.paths` entry is a file, not a folder",
        ],
    );
}

#[test]
fn deeply_nested_toml_arrays_give_a_short_error() {
    let depth = 100_000;
    let project = Project::with_migrations(&[(
        "1_a.toml",
        &format!(
            "[[up]]\ncreate_table = \"t\"\ncolumns = {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    )]);
    refused_at_load(
        &project,
        &["migration:run"],
        &["database/migrations/1_a.toml", "line 3, column"],
    );
}
