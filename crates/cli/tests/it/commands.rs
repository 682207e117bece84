//! The smaller commands: make:migration, drivers, db:*, check, the debug log.

use crate::support::{Project, create_table};

fn migration_files(project: &Project) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(project.path().join("database/migrations"))
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

fn read_only_migration(project: &Project) -> String {
    let file = migration_files(project).pop().expect("a migration");
    std::fs::read_to_string(project.path().join("database/migrations").join(file)).expect("read")
}

#[test]
fn make_migration_infers_create_and_alter_from_the_name() {
    let project = Project::new();
    project.ok(&["init"]);
    project.ok(&["make:migration", "add_bio_to_users"]);
    let text = read_only_migration(&project);
    assert!(text.contains("alter_table = \"users\""), "{text}");

    let project = Project::new();
    project.ok(&["make:migration", "create_posts_table"]);
    let text = read_only_migration(&project);
    assert!(text.contains("create_table = \"posts\""), "{text}");
    assert!(migration_files(&project)[0].ends_with("_create_posts_table.toml"));
}

#[test]
fn make_migration_pivot_makes_a_sorted_singular_table_with_two_foreign_keys() {
    let project = Project::new();
    project.ok(&["make:migration", "--pivot", "user", "challenge"]);
    assert!(migration_files(&project)[0].ends_with("_create_challenge_user_table.toml"));
    let text = read_only_migration(&project);
    assert!(text.contains("create_table = \"challenge_user\""), "{text}");
    assert!(text.contains("references = \"challenges.id\""), "{text}");
    assert!(text.contains("references = \"users.id\""), "{text}");
}

#[test]
fn make_migration_sql_and_timestamps_are_unique() {
    let project = Project::new();
    project.ok(&["make:migration", "one", "--sql"]);
    project.ok(&["make:migration", "two", "--sql"]);
    let files = migration_files(&project);
    assert_eq!(files.len(), 2);
    let stamp = |f: &str| f.split('_').next().map(str::to_string);
    assert_ne!(stamp(&files[0]), stamp(&files[1]));
    assert!(read_only_migration(&project).starts_with("-- dbm:up"));
    let (code, _, stderr) = project.run(&["migration:run"]);
    assert_eq!(
        code, 2,
        "a .sql template with no statement is refused\n{stderr}"
    );
}

#[test]
fn init_refuses_to_overwrite() {
    let project = Project::new();
    project.ok(&["init"]);
    let (code, _, stderr) = project.run(&["init"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists"), "{stderr}");
}

#[test]
fn drivers_lists_the_built_in_drivers() {
    let project = Project::new();
    let out = project.ok(&["drivers", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let drivers: Vec<(String, String)> = doc["drivers"]
        .as_array()
        .expect("drivers")
        .iter()
        .map(|d| {
            (
                d["name"].as_str().expect("name").into(),
                d["source"].as_str().expect("source").into(),
            )
        })
        .collect();
    let built_in = |name: &str| (name.to_string(), "built-in".to_string());
    assert_eq!(
        drivers,
        [built_in("mysql"), built_in("postgres"), built_in("sqlite")]
    );
}

#[test]
fn aliases_run_the_same_commands() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.ok(&["migrate"]);
    let out = project.ok(&["status"]);
    assert!(out.contains("completed"), "{out}");
    project.ok(&["rollback"]);
    assert_eq!(project.states()[0].1, "pending");
}

#[test]
fn db_create_drop_and_wipe_work_on_the_sqlite_file() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.ok(&["db:create"]);
    assert!(project.db_path().is_file());
    project.ok(&["migration:run"]);
    project.ok(&["db:wipe"]);
    assert_eq!(project.tables(), Vec::<String>::new());
    project.ok(&["db:drop"]);
    assert!(!project.db_path().exists());
}

#[test]
fn the_debug_log_shows_statements_with_bindings_on_stderr() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.write(
        "config/database.toml",
        "[development.connections.sqlite]\ndebug = true\n",
    );
    let (code, stdout, stderr) = project.run(&["migration:run"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("CREATE TABLE \"a\""), "{stderr}");
    assert!(
        !stderr.contains("dbm_schema"),
        "debug = true is -v: the bookkeeping takes -vv:\n{stderr}"
    );
    assert!(!stdout.contains("CREATE TABLE"), "the log stays off stdout");

    project.ok(&["db:drop"]);
    let (code, _, stderr) = project.run(&["migration:run", "-vv"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("'database/migrations/1_a'"),
        "the tracking row:\n{stderr}"
    );
    assert!(
        stderr.contains("INSERT INTO \"dbm_schema_versions\" (version) VALUES (?)  [2]"),
        "bindings shown:\n{stderr}"
    );

    let (_, _, stderr) = project.run(&["--env", "test", "migration:rollback"]);
    assert!(
        !stderr.contains("DROP TABLE"),
        "debug is per environment:\n{stderr}"
    );
}

#[test]
fn check_passes_clean_migrations_and_rejects_irreversible_ones() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    let out = project.ok(&["migration:check"]);
    assert!(
        out.contains("1 migration checked for sqlite: 0 errors"),
        "{out}"
    );
    project.write(
        "database/migrations/2_drop.toml",
        "[[up]]\ndrop_table = \"a\"\n",
    );
    let (code, stdout, stderr) = project.run(&["check"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stdout.contains("error[irreversible] database/migrations/2_drop.toml up[0]"),
        "{stdout}"
    );
}

#[test]
fn output_flags_shape_what_is_printed() {
    let project = Project::with_migrations(&[
        ("1_a.toml", &create_table("a")),
        ("2_b.toml", &create_table("b")),
    ]);
    let out = project.ok(&["migration:run", "--compact-output"]);
    assert_eq!(out.trim().lines().count(), 1, "{out}");
    assert!(out.contains("❯ Executed 2 migrations ("), "{out}");
    let out = project.ok(&["-q", "migration:rollback"]);
    assert_eq!(out, "", "quiet prints nothing on success");
    let out = project.ok(&["--color", "always", "migration:run"]);
    assert!(out.contains("\u{1b}["), "colours when asked: {out:?}");
    let out = project.ok(&["--color", "never", "migration:status"]);
    assert!(!out.contains("\u{1b}["), "{out:?}");
}

#[test]
fn disable_locks_runs_while_another_process_holds_the_lock() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.write(
        "config/database.toml",
        "[default.migrations]\nlock_timeout = \"1s\"\n",
    );
    project.ok(&["db:create"]);
    let lock =
        std::fs::File::create(project.path().join("tmp/db.sqlite3.lock")).expect("lock file");
    lock.lock().expect("hold the lock");
    project.ok(&["migration:run", "--disable-locks"]);
    assert!(project.tables().contains(&"a".to_string()));
    lock.unlock().expect("release");
}

#[test]
fn config_flag_names_the_file_and_its_folder_is_the_project_root() {
    let project = Project::new();
    project.write(
        "app/config/dbm.toml",
        "[default.migrations]\npaths = [\"db/migrations\"]\n",
    );
    project.write("app/db/migrations/1_a.toml", &create_table("a"));
    let out = project.ok(&["--config", "app/config/dbm.toml", "migration:run"]);
    assert!(out.contains("❯ migrated db/migrations/1_a"), "{out}");
    assert!(
        project.path().join("app/tmp/db.sqlite3").is_file(),
        "the root is app/"
    );
}
