//! `migration:check` on one fixture per rule, and the checks `migration:run`, `fresh` and
//! `refresh` run before they change anything.

use crate::support::{Project, create_table};

/// `(fixture, exit code, level, rule, file, entry)`: the first finding each fixture produces.
const FIXTURES: &[(&str, i32, &str, &str, &str, &str)] = &[
    (
        "foreign-key-target",
        2,
        "error",
        "foreign-key-target",
        "1000_create_users_table.toml",
        "up[0].columns[1].references",
    ),
    (
        "referenced-drop",
        2,
        "error",
        "referenced-drop",
        "3_drop_roles_table.toml",
        "up[0]",
    ),
    (
        "referenced-rename",
        0,
        "warning",
        "referenced-rename",
        "3_rename_roles_id.toml",
        "up[0].rename_columns.id",
    ),
    (
        "unknown-object",
        2,
        "error",
        "unknown-object",
        "2_add_label_to_rolez.toml",
        "up[0]",
    ),
    (
        "already-exists",
        2,
        "error",
        "already-exists",
        "2_add_name_to_roles.toml",
        "up[0].add_columns[0]",
    ),
    (
        "irreversible",
        2,
        "error",
        "irreversible",
        "2_drop_roles_name.toml",
        "up[0]",
    ),
    (
        "down-mismatch",
        0,
        "warning",
        "down-mismatch",
        "2_add_label_to_roles.toml",
        "down",
    ),
    (
        "lossy-type",
        0,
        "warning",
        "lossy-type",
        "1_create_documents_table.toml",
        "up[0].columns[1]",
    ),
    (
        "sql-dialect",
        2,
        "error",
        "sql-dialect",
        "1_enable_citext.toml",
        "up[0].sql",
    ),
    (
        "foreign-key-type",
        2,
        "error",
        "foreign-key-type",
        "2_create_users_table.toml",
        "up[0].columns[1].references",
    ),
    (
        "duplicate-name",
        2,
        "error",
        "duplicate-name",
        "1_create_roles_table.toml",
        "",
    ),
    (
        "duplicate-timestamp",
        0,
        "warning",
        "duplicate-timestamp",
        "1732540000000_create_users_table.toml",
        "",
    ),
];

#[test]
fn each_fixture_reports_its_rule_migration_and_fix_with_the_exit_code() {
    for &(fixture, code, level, rule, file, entry) in FIXTURES {
        let project = Project::from_fixture(&format!("check/{fixture}"));
        let (got, stdout, stderr) = project.run(&["migration:check"]);
        assert_eq!(got, code, "{fixture}:\n{stdout}\n{stderr}");
        let head = format!("{level}[{rule}] ");
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&head))
            .unwrap_or_else(|| panic!("{fixture}: no `{head}` line:\n{stdout}"));
        assert!(
            line.contains(file) && line.ends_with(entry),
            "{fixture}: {line}"
        );
        assert!(stdout.contains("  fix: "), "{fixture}: {stdout}");

        let (_, json, _) = project.run(&["check", "--json"]);
        let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON document");
        let first = &doc["findings"][0];
        assert_eq!(first["rule"], rule, "{fixture}: {doc}");
        assert_eq!(first["level"], level, "{fixture}: {doc}");
        assert!(
            first["fix"].as_str().is_some_and(|f| !f.is_empty()),
            "{fixture}: {doc}"
        );
        assert_eq!(
            doc["errors"].as_u64() == Some(0),
            code == 0,
            "{fixture}: {doc}"
        );
        assert!(
            !project.path().join("tmp").exists(),
            "{fixture}: check needs no database"
        );
    }
}

#[test]
fn the_demo_app_checks_clean_for_all_three_dialects() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let project = Project::new();
    for file in std::fs::read_dir(root.join("database/migrations")).expect("demo") {
        let file = file.expect("entry");
        let name = file.file_name().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(file.path()).expect("read");
        project.write(&format!("database/migrations/{name}"), &text);
    }
    let config = std::fs::read_to_string(root.join("config/database.toml")).expect("config");
    project.write("config/database.toml", &config);
    let out = project.ok(&["migration:check"]);
    assert!(
        out.contains("✓ 5 migrations checked for mysql, postgres, sqlite: 0 errors, 0 warnings"),
        "{out}"
    );
    let out = project.ok(&["-c", "pg", "check"]);
    assert!(out.contains("checked for postgres: 0 errors"), "{out}");
}

#[test]
fn run_refuses_a_rejected_set_before_creating_anything() {
    let project = Project::from_fixture("check/foreign-key-target");
    let (code, stdout, stderr) = project.run(&["migration:run"]);
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    assert!(stderr.contains("nothing was run"), "{stderr}");
    assert!(stderr.contains("up[0].columns[1].references"), "{stderr}");
    assert!(
        !project.path().join("tmp").exists(),
        "not even the database file"
    );

    let (code, stdout, _) = project.run(&["migration:run", "--json"]);
    assert_eq!(code, 2);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("JSON document");
    assert_eq!(doc["status"], "error");
    assert_eq!(doc["findings"][0]["rule"], "foreign-key-target");

    let (code, _, stderr) = project.run(&["migration:run", "--dry-run"]);
    assert_eq!(code, 2, "a dry run checks too: {stderr}");

    project.ok(&["migration:run", "--no-check"]);
    assert_eq!(
        project.tables(),
        vec!["dbm_schema", "dbm_schema_versions", "roles", "users"]
    );
}

#[test]
fn run_prints_warnings_and_goes_on() {
    let project = Project::from_fixture("check/down-mismatch");
    let (code, stdout, stderr) = project.run(&["migration:run"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(
        stderr.contains("warning:") && stderr.contains("[down-mismatch]"),
        "{stderr}"
    );
    assert!(
        stdout.contains("migrated database/migrations/2_add_label_to_roles"),
        "{stdout}"
    );
}

#[test]
fn run_checks_pending_migrations_against_what_is_applied() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.ok(&["migration:run"]);
    // A pending foreign key to an applied table is fine.
    project.write(
        "database/migrations/2_b.toml",
        "[[up]]\ncreate_table = \"b\"\ncolumns = [{ name = \"a_id\", type = \"integer\", unsigned = true, references = \"a.id\" }]\n",
    );
    project.ok(&["migration:run"]);
    // Creating an applied table again is caught, and the database file is untouched.
    project.write("database/migrations/3_a_again.toml", &create_table("a"));
    let before = project.db_bytes();
    let (code, _, stderr) = project.run(&["migration:run"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("3_a_again up[0]: table `a` already exists"),
        "{stderr}"
    );
    assert_eq!(project.db_bytes(), before);
}

#[test]
fn fresh_and_refresh_check_everything_before_dropping_or_reverting() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.ok(&["migration:run"]);
    project.write(
        "database/migrations/2_drop_a.toml",
        "[[up]]\ndrop_table = \"a\"\n",
    );
    for command in ["migration:fresh", "migration:refresh"] {
        let (code, _, stderr) = project.run(&[command]);
        assert_eq!(code, 2, "{command}: {stderr}");
        assert!(stderr.contains("[irreversible]"), "{command}: {stderr}");
        assert_eq!(
            project.tables(),
            vec!["a", "dbm_schema", "dbm_schema_versions"],
            "{command} changed nothing"
        );
    }
}

#[test]
fn quiet_check_prints_only_the_errors() {
    let project = Project::from_fixture("check/irreversible");
    let (code, stdout, stderr) = project.run(&["-q", "check"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "", "no summary, no warnings");
    assert!(
        stderr.contains("2_drop_roles_name up[0]") && stderr.contains("[irreversible]"),
        "{stderr}"
    );
    let project = Project::from_fixture("check/down-mismatch");
    let (code, stdout, stderr) = project.run(&["-q", "check"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
}
