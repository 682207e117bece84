//! The project root, environments and the configuration file, through the binary: dbm acts
//! on the project it is in, whatever the folder and whatever the case of `--env`.

use crate::support::{Project, create_table};

/// A project with one applied migration, table `a`.
fn migrated() -> Project {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.ok(&["migration:run"]);
    project
}

/// Asserts exit code 2 and that stderr says each of `expected`; returns stderr.
fn refused(project: &Project, args: &[&str], expected: &[&str]) -> String {
    let (code, stdout, stderr) = project.run(args);
    assert_eq!(
        code, 2,
        "dbm {args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    for text in expected {
        assert!(
            stderr.contains(text),
            "dbm {args:?}: lacks {text:?}:\n{stderr}"
        );
    }
    stderr
}

#[test]
fn env_in_any_case_is_production_and_wipe_refuses_without_a_terminal() {
    let project = migrated();
    project.write(
        "config/database.toml",
        "[production]\nconnection = \"sqlite\"\n",
    );
    for env in ["Production", "PRODUCTION", "production"] {
        refused(
            &project,
            &["--env", env, "db:wipe"],
            &["production", "--force"],
        );
        refused(
            &project,
            &["--env", env, "migration:rollback"],
            &["--force"],
        );
        refused(&project, &["--env", env, "db:drop"], &["--force"]);
        assert_eq!(
            project.tables(),
            ["a", "dbm_schema", "dbm_schema_versions"],
            "{env}"
        );
    }
    let out = project
        .dbm(&["db:wipe"])
        .env("DBM_ENV", "PRODUCTION")
        .output()
        .expect("run dbm");
    assert_eq!(out.status.code(), Some(2), "DBM_ENV=PRODUCTION");
    assert!(project.tables().contains(&"a".to_string()));

    // With no configuration file, production in any case is still production.
    project.remove("config/database.toml");
    refused(&project, &["--env", "Production", "db:wipe"], &["--force"]);
    assert!(project.tables().contains(&"a".to_string()));
}

#[test]
fn disable_rollbacks_in_production_holds_whatever_the_case() {
    let project = migrated();
    project.write(
        "config/database.toml",
        "[production.migrations]\ndisable_rollbacks_in_production = true\n",
    );
    for env in ["Production", "PRODUCTION"] {
        for command in ["migration:rollback", "migration:reset", "migration:refresh"] {
            refused(
                &project,
                &["--env", env, command, "--force"],
                &["disabled in production", "disable_rollbacks_in_production"],
            );
        }
    }
    assert_eq!(project.states()[0].1, "completed");
}

#[test]
fn an_environment_that_names_no_profile_is_refused_and_lists_the_profiles() {
    let project = migrated();
    project.write(
        "config/database.toml",
        "[default]\nconnection = \"sqlite\"\n[production]\nconnection = \"sqlite\"\n",
    );
    project.write("database/migrations/2_b.toml", &create_table("b"));
    let before = project.db_bytes();
    let stderr = refused(
        &project,
        &["--env", "prod", "migration:run"],
        &[
            "prod",
            "its profiles: default, production",
            "development, test, production",
        ],
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let out = project
        .dbm(&["migration:run"])
        .env("DBM_ENV", "staging")
        .output()
        .expect("run dbm");
    assert_eq!(out.status.code(), Some(2), "DBM_ENV=staging");
    assert_eq!(project.db_bytes(), before, "nothing ran");

    // The embedded default has no profiles: only the three standard environments exist.
    project.remove("config/database.toml");
    refused(
        &project,
        &["--env", "prod", "db:wipe"],
        &["no configuration file", "development, test, production"],
    );
    assert_eq!(project.db_bytes(), before);
}

#[test]
fn run_from_inside_the_migrations_folder_acts_on_the_project() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    let (code, stdout, stderr) = project.run_in("database/migrations", &["migration:run"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("database/migrations/1_a"), "{stdout}");
    assert!(project.db_path().is_file(), "the project's database");
    assert!(
        !project.path().join("database/migrations/tmp").exists(),
        "no database inside the migrations folder"
    );
    let (code, stdout, _) = project.run_in("database/migrations", &["migration:status"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("completed"), "{stdout}");
    let (code, _, stderr) = project.run_in("database", &["make:migration", "create_b_table"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        std::fs::read_dir(project.path().join("database/migrations"))
            .expect("read")
            .count(),
        2,
        "the new file is in the project's folder"
    );
}

#[test]
fn a_config_file_found_above_sets_the_root_including_one_inside_a_config_folder() {
    let project = Project::empty();
    project.write(
        "app/config/database.toml",
        "[default.migrations]\npaths = [\"db/migrations\"]\n",
    );
    project.write("app/db/migrations/1_a.toml", &create_table("a"));
    let (code, stdout, stderr) = project.run_in("app/db/migrations", &["migration:run"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(project.path().join("app/tmp/db.sqlite3").is_file());

    // A `database.toml` inside a folder named `config`, run from that folder.
    let project = Project::empty();
    project.write(
        "app/config/database.toml",
        "[default.migrations]\npaths = [\"db/migrations\"]\n",
    );
    project.write("app/db/migrations/1_a.toml", &create_table("a"));
    let (code, stdout, stderr) = project.run_in("app/config", &["migration:run"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(project.path().join("app/tmp/db.sqlite3").is_file());
    assert!(!project.path().join("app/config/tmp").exists());
}

#[test]
fn no_project_here_or_above_exits_2_and_creates_nothing() {
    let project = Project::empty();
    let commands: &[&[&str]] = &[
        &["migration:run"],
        &["migration:run", "--dry-run"],
        &["migration:rollback"],
        &["migration:reset"],
        &["migration:refresh"],
        &["migration:fresh"],
        &["migration:status"],
        &["migration:status", "--json"],
        &["migration:check"],
        &["make:migration", "create_users_table"],
        &["make:migration", "x", "--sql"],
        &["db:wipe"],
        &["db:create"],
        &["db:drop"],
    ];
    for args in commands {
        refused(
            &project,
            args,
            &["no dbm project here or above; run `dbm init`"],
        );
        assert_eq!(
            project.tree(),
            Vec::<String>::new(),
            "dbm {args:?} created files"
        );
    }
    let (code, _, stderr) = project.run_in("deep/er", &["migration:run"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(project.tree(), ["deep", "deep/er"]);

    // init, completions and drivers need no project.
    let project = Project::empty();
    project.ok(&["drivers"]);
    project.ok(&["completions", "bash"]);
    assert_eq!(project.tree(), Vec::<String>::new());
    project.ok(&["init"]);
    project.ok(&["migration:status"]);
}

#[test]
fn status_rollback_and_reset_never_create_a_missing_sqlite_file() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    let before = project.tree();
    for args in [
        &["migration:status"][..],
        &["migration:status", "--json"],
        &["migration:rollback"],
        &["migration:rollback", "--json"],
        &["migration:reset"],
        &["migration:rollback", "--batch", "0"],
        &["migration:rollback", "--step", "1"],
    ] {
        project.ok(args);
        assert!(
            !project.db_path().exists(),
            "dbm {args:?} created the database"
        );
        assert_eq!(project.tree(), before, "dbm {args:?} created files");
    }
    project.ok(&["migration:run"]);
    assert!(project.db_path().is_file());
}

#[test]
fn a_config_file_that_is_not_utf8_exits_2_naming_the_file() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    std::fs::create_dir_all(project.path().join("config")).expect("mkdir");
    std::fs::write(
        project.path().join("config/database.toml"),
        b"[default]\n# caf\xe9\n",
    )
    .expect("write");
    let stderr = refused(
        &project,
        &["migration:run"],
        &["config/database.toml", "line 2", "UTF-8"],
    );
    assert!(stderr.len() < 1024, "{stderr}");
    assert!(!project.db_path().exists(), "nothing created");
}

#[test]
fn an_empty_or_system_tracking_table_exits_2_before_anything_is_created() {
    for table in [
        "",
        "sqlite_master",
        "sqlite_dbm",
        "pg_class",
        "information_schema",
    ] {
        let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
        project.write(
            "config/database.toml",
            &format!("[default.migrations]\ntable = \"{table}\"\n"),
        );
        for args in [&["migration:run"][..], &["migration:status"], &["db:wipe"]] {
            let stderr = refused(
                &project,
                args,
                &["config/database.toml", "`migrations.table`", "[default]"],
            );
            assert!(stderr.len() < 1024, "{stderr}");
        }
        assert!(!project.db_path().exists(), "{table:?}: nothing created");
    }
}
