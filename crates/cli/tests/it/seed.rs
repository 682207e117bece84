//! Seeders through the `dbm` binary: `db:seed`, `make:seeder`, `migration:fresh --seed` and
//! `migration:refresh --seed`, on every database; a Rust seeder through `dbm_cli::Dbm`.

use std::path::Path;

use dbm_core::seed::{RustSeeder, Seed, Seeder};

use crate::conformance::{Db, dbtest};
use crate::support::Project;

/// The repository's demo app: its migrations and seeders.
fn demo(folder: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../database")
        .join(folder);
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("demo folder")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read_to_string(&path).expect("read"))
        })
        .collect();
    files.sort();
    files
}

/// Copies the demo app's migrations and seeders into the project.
fn with_demo(project: &Project) {
    for folder in ["migrations", "seeders"] {
        for (name, text) in demo(folder) {
            project.write(&format!("database/{folder}/{name}"), &text);
        }
    }
}

fn count(db: &Db, table: &str) -> i64 {
    db.query(&format!("SELECT COUNT(*) FROM {table}"))[0][0]
        .parse()
        .expect("a count")
}

fn emails(db: &Db) -> Vec<String> {
    db.query("SELECT email FROM users ORDER BY email")
        .into_iter()
        .map(|row| row[0].clone())
        .collect()
}

const ROLES: &str = "[[insert]]\ntable = \"roles\"\nrows = [\n  { name = \"admin\" },\n  { name = \"member\" },\n]\n";

/// A project with the demo migrations applied and only `seeders` (name, text) to seed.
fn migrated(db: &Db, seeders: &[(&str, &str)]) {
    for (name, text) in demo("migrations") {
        db.migration(&name, &text);
    }
    for (name, text) in seeders {
        db.project.write(&format!("database/seeders/{name}"), text);
    }
    db.ok(&["migration:run"]);
}

dbtest!(
    fresh_seed_leaves_the_demo_rows_and_production_skips_development_seeders,
    |db| {
        with_demo(&db.project);
        let out = db.ok(&["migration:fresh", "--seed"]);
        assert!(
            out.contains("❯ seeded database/seeders/1_roles_seeder"),
            "{out}"
        );
        assert!(out.contains("Seeded in "), "{out}");
        assert_eq!(count(db, "roles"), 2);
        assert_eq!(
            emails(db),
            [
                "ada@example.com",
                "admin@example.com",
                "grace@example.com",
                "member@example.com"
            ]
        );

        let out = db.ok(&[
            "--env",
            "production",
            "migration:fresh",
            "--seed",
            "--force",
        ]);
        assert!(
            out.contains(
                "❯ skipped database/seeders/3_demo_users_seeder (only in development, test)"
            ),
            "{out}"
        );
        assert_eq!(emails(db), ["admin@example.com", "member@example.com"]);

        let (code, _, stderr) = db.run(&["--env", "production", "db:seed"]);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("refusing to run seeders in production without --force"),
            "{stderr}"
        );
        assert_eq!(count(db, "users"), 2);

        db.ok(&["migration:refresh", "--seed"]);
        assert_eq!(count(db, "users"), 4);
    }
);

/// The seeders of `docs/seeders.md`: each `toml` or `sql` example whose first line names a
/// file under `database/seeders/`, as (path, text).
fn documented_seeders() -> Vec<(String, String)> {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/seeders.md"),
    )
    .expect("docs/seeders.md");
    let mut out = Vec::new();
    let mut rest = doc.as_str();
    while let Some(start) = rest.find("```") {
        let after = &rest[start + 3..];
        let (info, body) = after.split_once('\n').unwrap_or((after, ""));
        let end = body.find("```").expect("a closed fence");
        let text = &body[..end];
        rest = &body[end + 3..];
        if !matches!(info.trim(), "toml" | "sql") {
            continue;
        }
        let first = text.lines().next().unwrap_or_default();
        let path = first.trim_start_matches("# ").trim_start_matches("-- ");
        if path.starts_with("database/seeders/") {
            out.push((path.to_string(), text.to_string()));
        }
    }
    out
}

dbtest!(the_documented_seeders_run_as_written, |db| {
    let seeders = documented_seeders();
    assert_eq!(seeders.len(), 3, "{seeders:?}");
    for (name, text) in demo("migrations") {
        db.migration(&name, &text);
    }
    for (path, text) in &seeders {
        db.project.write(path, text);
    }
    db.ok(&["migration:run"]);
    db.ok(&["db:seed"]);
    assert_eq!(count(db, "roles"), 2);
    assert_eq!(count(db, "users"), 4);
});

dbtest!(a_broken_seeder_exits_2_before_anything_is_touched, |db| {
    migrated(
        db,
        &[
            ("1_roles.toml", ROLES),
            (
                "2_users.toml",
                "[[insert]]\ntable = \"users\"\nrows = [{ email = [\"a\"] }]\n",
            ),
        ],
    );
    let (code, _, stderr) = db.run(&["db:seed"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr
            .contains("database/seeders/2_users.toml: insert[0].rows[0].email: expected a string"),
        "{stderr}"
    );
    assert_eq!(count(db, "roles"), 0);

    db.execute("INSERT INTO roles (name) VALUES ('kept')");
    let (code, _, stderr) = db.run(&["migration:fresh", "--seed"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        count(db, "roles"),
        1,
        "fresh dropped the tables before refusing"
    );
});

dbtest!(
    a_failing_seeder_exits_1_and_rolls_back_its_own_rows_only,
    |db| {
        migrated(
            db,
            &[
                ("1_roles.toml", ROLES),
                (
                    "2_more.sql",
                    "INSERT INTO roles (name) VALUES ('guest');\nINSERT INTO roles (nope) VALUES ('x');\n",
                ),
                (
                    "3_late.toml",
                    "[[insert]]\ntable = \"roles\"\nrows = [{ name = \"late\" }]\n",
                ),
            ],
        );
        let (code, stdout, stderr) = db.run(&["db:seed"]);
        assert_eq!(code, 1, "{stdout}{stderr}");
        assert!(
            stdout.contains("❯ error database/seeders/2_more"),
            "{stdout}"
        );
        assert!(
            stderr.contains("seeder database/seeders/2_more failed at statement:"),
            "{stderr}"
        );
        assert!(
            stderr.contains("INSERT INTO roles (nope) VALUES ('x')"),
            "{stderr}"
        );
        let names: Vec<String> = db
            .query("SELECT name FROM roles ORDER BY name")
            .into_iter()
            .map(|row| row[0].clone())
            .collect();
        assert_eq!(names, ["admin", "member"]);
    }
);

dbtest!(files_runs_only_the_named_seeders, |db| {
    migrated(
        db,
        &[
            ("1_roles.toml", ROLES),
            (
                "2_users.toml",
                "[[insert]]\ntable = \"users\"\nrows = [{ email = \"a@b.c\" }]\n",
            ),
        ],
    );
    let out = db.ok(&["db:seed", "--files", "1_roles"]);
    assert!(!out.contains("2_users"), "{out}");
    assert_eq!(count(db, "roles"), 2);
    assert_eq!(count(db, "users"), 0);
    db.ok(&["db:seed", "-f", "database/seeders/2_users.toml"]);
    assert_eq!(count(db, "users"), 1);

    let (code, _, stderr) = db.run(&["db:seed", "--files", "1_roles,nope"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--files: no seeder named \"nope\""),
        "{stderr}"
    );
    assert_eq!(count(db, "roles"), 2);
});

dbtest!(dry_run_prints_the_dialects_sql_and_touches_nothing, |db| {
    migrated(db, &[("1_roles.toml", ROLES)]);
    let out = db.ok(&["db:seed", "--dry-run"]);
    let placeholders = if db.backend == crate::conformance::Backend::Postgres
        || db.backend == crate::conformance::Backend::PostgresPlugin
    {
        "($1), ($2)"
    } else {
        "(?), (?)"
    };
    assert!(out.contains(&format!("VALUES {placeholders};")), "{out}");
    assert!(
        out.contains("-- bindings: [\"admin\", \"member\"]"),
        "{out}"
    );
    assert!(
        out.contains("1 seeders planned (dry run: nothing was changed)"),
        "{out}"
    );
    assert_eq!(count(db, "roles"), 0);
});

dbtest!(json_documents_the_seeders_run_and_skipped, |db| {
    migrated(
        db,
        &[
            ("1_roles.toml", ROLES),
            (
                "2_dev.toml",
                &format!("environments = [\"development\"]\n{ROLES}"),
            ),
        ],
    );
    let out = db.ok(&["--env", "test", "db:seed", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(doc["status"], "ok");
    assert_eq!(doc["connection"], "main");
    assert_eq!(doc["dry_run"], false);
    let seeders = doc["seeders"].as_array().expect("seeders");
    assert_eq!(seeders.len(), 2);
    assert_eq!(seeders[0]["name"], "database/seeders/1_roles");
    assert_eq!(seeders[0]["status"], "seeded");
    assert_eq!(seeders[0]["rows"], 2);
    assert!(seeders[0]["duration_ms"].is_number());
    assert_eq!(seeders[1]["status"], "skipped");
    assert_eq!(
        seeders[1]["environments"],
        serde_json::json!(["development"])
    );

    let out = db.ok(&["migration:fresh", "--seed", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(doc["status"], "ok");
    assert_eq!(doc["seeders"].as_array().expect("seeders").len(), 2);
    assert_eq!(doc["seeders"][1]["status"], "seeded");
    assert_eq!(count(db, "roles"), 4);
});

#[test]
fn make_seeder_writes_templates_that_refuse_to_run_until_filled() {
    let project = Project::new();
    let out = project.ok(&["make:seeder", "UserRoles"]);
    assert!(
        out.contains("❯ created database/seeders/user_roles_seeder.toml"),
        "{out}"
    );
    let out = project.ok(&["make:seeder", "posts", "--sql"]);
    assert!(
        out.contains("❯ created database/seeders/posts_seeder.sql"),
        "{out}"
    );
    let text = std::fs::read_to_string(project.path().join("database/seeders/posts_seeder.sql"))
        .expect("written");
    assert!(
        text.contains("-- dbm:environments development test"),
        "{text}"
    );

    let (code, _, stderr) = project.run(&["make:seeder", "posts"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("posts_seeder.sql already exists"),
        "{stderr}"
    );

    let (code, _, stderr) = project.run(&["db:seed"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("database/seeders/posts_seeder.sql: no statements"),
        "{stderr}"
    );
    project.remove("database/seeders/posts_seeder.sql");
    let (code, _, stderr) = project.run(&["db:seed"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("database/seeders/user_roles_seeder.toml: no `[[insert]]` entries"),
        "{stderr}"
    );

    let template = std::fs::read_to_string(
        project
            .path()
            .join("database/seeders/user_roles_seeder.toml"),
    )
    .expect("written");
    let example = template.find("# [[insert]]").expect("an example insert");
    let filled: String = template[example..]
        .lines()
        .map(|line| format!("{}\n", line.trim_start_matches("# ")))
        .collect();
    project.write("database/seeders/user_roles_seeder.toml", &filled);
    project.write(
        "database/migrations/1_users.sql",
        "-- dbm:up\nCREATE TABLE users (email text, role_id integer);\n-- dbm:down\nDROP TABLE users;\n",
    );
    project.ok(&["migration:run"]);
    project.ok(&["db:seed"]);
    assert_eq!(project.query("SELECT COUNT(*) FROM users"), [["2"]]);
}

#[test]
fn interactive_without_a_terminal_exits_2() {
    let project = Project::new();
    project.write("database/seeders/1_roles.toml", ROLES);
    let (code, _, stderr) = project.run(&["db:seed", "-i"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("--interactive needs a terminal"),
        "{stderr}"
    );
    assert!(!project.db_path().exists());
}

#[test]
fn interactive_runs_the_seeders_picked_on_a_terminal() {
    // `script` runs dbm on a pseudo-terminal and passes it the keys: space picks the first
    // seeder, enter runs the pick.
    if !dbm_test_support::have_program("script") {
        return;
    }
    let project = Project::new();
    project.write(
        "database/migrations/1_roles.sql",
        "-- dbm:up\nCREATE TABLE roles (id integer PRIMARY KEY, name text NOT NULL);\n\
         -- dbm:down\nDROP TABLE roles;\n",
    );
    project.write("database/seeders/1_roles.toml", ROLES);
    project.write(
        "database/seeders/2_more.toml",
        "[[insert]]\ntable = \"roles\"\nrows = [{ name = \"guest\" }]\n",
    );
    project.ok(&["migration:run"]);
    let command = format!("'{}' db:seed -i --color never", env!("CARGO_BIN_EXE_dbm"));
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(project.path())
        .env_remove("DBM_ENV")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child.stdin.take().expect("stdin").write_all(b" \r")?;
            child.wait_with_output()
        })
        .expect("script runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("❯ seeded database/seeders/1_roles"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("seeded database/seeders/2_more"),
        "{stdout}"
    );
    assert_eq!(
        project.query("SELECT name FROM roles ORDER BY name"),
        [["admin"], ["member"]]
    );
}

struct Admins;

impl RustSeeder for Admins {
    fn run(&self, seed: &mut Seed) {
        seed.insert(
            "roles",
            [
                vec![("name", "owner".into())],
                vec![("name", "auditor".into())],
            ],
        );
    }
}

struct OnlyInStaging;

impl RustSeeder for OnlyInStaging {
    fn run(&self, seed: &mut Seed) {
        seed.sql("INSERT INTO roles (name) VALUES ('staging')", Vec::new());
    }

    fn environments(&self) -> &[&str] {
        &["staging"]
    }
}

#[test]
fn a_rust_seeder_registered_on_dbm_runs_in_name_order_with_the_files() {
    let project = Project::new();
    project.write(
        "database/migrations/1_roles.sql",
        "-- dbm:up\nCREATE TABLE roles (id integer PRIMARY KEY, name text NOT NULL UNIQUE);\n\
         -- dbm:down\nDROP TABLE roles;\n",
    );
    project.write(
        "database/seeders/2_more.toml",
        "[[insert]]\ntable = \"roles\"\nrows = [{ name = \"member\" }]\n",
    );
    let config = project.path().join("config/database.toml");
    project.write(
        "config/database.toml",
        "[default.connections.sqlite]\ndriver = \"sqlite\"\nurl = \"sqlite://tmp/db.sqlite3\"\n",
    );
    let dbm = |args: &[&str]| {
        let config = config.display().to_string();
        let mut argv = vec!["dbm", "--config", config.as_str(), "-q"];
        argv.extend_from_slice(args);
        dbm_cli::Dbm::new()
            .seeders([
                Seeder::from_rust("1_admins", &Admins),
                Seeder::from_rust("3_staging", &OnlyInStaging),
            ])
            .run_from(argv)
    };
    assert_eq!(dbm(&["migration:run"]), std::process::ExitCode::SUCCESS);
    assert_eq!(dbm(&["db:seed"]), std::process::ExitCode::SUCCESS);
    assert_eq!(
        project.query("SELECT id, name FROM roles ORDER BY id"),
        [["1", "owner"], ["2", "auditor"], ["3", "member"]]
    );
}
