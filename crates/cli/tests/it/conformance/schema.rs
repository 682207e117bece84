//! The demo app's schema is the same on every database, and a foreign key to a table not yet
//! created fails where the database checks it; each checked by what the database holds
//! afterwards.

use std::fmt::Write as _;

use dbm_core::driver::Catalog;

use super::{Backend, Db, dbtest};

/// The demo app's migrations, as this repository ships them.
fn demo_migrations(db: &Db) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../database/migrations");
    for entry in std::fs::read_dir(&dir).expect("demo migrations") {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".toml") {
            let text = std::fs::read_to_string(entry.path()).expect("read");
            db.migration(&name, &text);
        }
    }
}

/// A default as every database would write it: no quotes or casts, lower case, booleans as
/// 1/0, `CURRENT_TIMESTAMP` in one spelling.
fn normalize_default(default: Option<&str>) -> String {
    let Some(text) = default else {
        return "-".into();
    };
    let mut text = text.trim().to_string();
    if let Some(cast) = text.find("::") {
        text.truncate(cast);
    }
    let text = text
        .trim_matches(|c| c == '\'' || c == '(' || c == ')')
        .to_lowercase();
    match text.as_str() {
        "true" => "1".into(),
        "false" => "0".into(),
        "null" => "-".into(),
        t if t.starts_with("current_timestamp") || t == "now" => "CURRENT_TIMESTAMP".into(),
        t => t.to_string(),
    }
}

/// `RESTRICT` and `NO ACTION` behave alike for non-deferred constraints; MySQL reports the
/// first where the others report the second.
fn normalize_action(action: &str) -> &str {
    match action {
        "RESTRICT" => "NO ACTION",
        other => other,
    }
}

/// Tables, columns (nullability, default), primary keys, foreign keys with their actions and
/// unique indexes, in a form that is the same on every database. Column types differ by
/// design (docs/migrations.md, "Types on each database") and are left out.
fn describe(catalog: &Catalog) -> String {
    let mut out = String::new();
    let mut tables: Vec<_> = catalog
        .tables
        .iter()
        .filter(|t| !t.name.starts_with("dbm_schema"))
        .collect();
    tables.sort_by(|a, b| a.name.cmp(&b.name));
    for table in tables {
        let _ = writeln!(out, "{} pk({})", table.name, table.primary_key.join(","));
        for c in &table.columns {
            let _ = writeln!(
                out,
                "  {} {} default={}",
                c.name,
                if c.nullable { "null" } else { "not null" },
                normalize_default(c.default.as_deref())
            );
        }
        let mut foreign: Vec<String> = table
            .foreign_keys
            .iter()
            .map(|f| {
                format!(
                    "  fk {} ({}) -> {}({}) on delete {}",
                    f.name.as_deref().unwrap_or("?"),
                    f.columns.join(","),
                    f.references_table,
                    f.references_columns.join(","),
                    normalize_action(&f.on_delete)
                )
            })
            .collect();
        foreign.sort();
        let mut unique: Vec<String> = table
            .indexes
            .iter()
            .filter(|i| i.unique)
            .map(|i| format!("  unique {} ({})", i.name, i.columns.join(",")))
            .collect();
        unique.sort();
        for line in foreign.iter().chain(&unique) {
            let _ = writeln!(out, "{line}");
        }
    }
    out
}

const DEMO_SCHEMA: &str = "\
challenge_user pk(id)
  id not null default=-
  challenge_id not null default=-
  user_id not null default=-
  completed_at null default=-
  fk challenge_user_challenge_id_foreign (challenge_id) -> challenges(id) on delete CASCADE
  fk challenge_user_user_id_foreign (user_id) -> users(id) on delete CASCADE
  unique challenge_user_challenge_id_user_id_unique (challenge_id,user_id)
challenges pk(id)
  id not null default=-
  creator_id not null default=-
  text not null default=-
  points not null default=-
  created_at not null default=CURRENT_TIMESTAMP
  updated_at not null default=CURRENT_TIMESTAMP
  fk challenges_creator_id_foreign (creator_id) -> users(id) on delete NO ACTION
profiles pk(id)
  id not null default=-
  user_id not null default=-
  bio null default=-
  is_public null default=1
  created_at not null default=CURRENT_TIMESTAMP
  updated_at not null default=CURRENT_TIMESTAMP
  fk profiles_user_id_foreign (user_id) -> users(id) on delete CASCADE
roles pk(id)
  id not null default=-
  name not null default=-
  created_at not null default=CURRENT_TIMESTAMP
  updated_at not null default=CURRENT_TIMESTAMP
users pk(id)
  id not null default=-
  role_id not null default=1
  email not null default=-
  created_at not null default=CURRENT_TIMESTAMP
  updated_at not null default=CURRENT_TIMESTAMP
  fk users_role_id_foreign (role_id) -> roles(id) on delete NO ACTION
  unique users_email_unique (email)
";

dbtest!(the_demo_app_has_the_same_schema_everywhere, |db| {
    demo_migrations(db);
    db.ok(&["migration:run"]);
    assert_eq!(describe(&db.catalog()), DEMO_SCHEMA);
    db.ok(&["migration:rollback", "--batch", "0"]);
    assert_eq!(db.tables(), Vec::<String>::new());
});

dbtest!(
    a_foreign_key_to_a_table_created_later_fails_where_the_database_checks_it,
    |db| {
        db.migration(
        "1_create_users.toml",
        "[[up]]\ncreate_table = \"users\"\ncolumns = [\n  { name = \"id\", type = \"increments\" },\n  { name = \"role_id\", type = \"integer\", unsigned = true, references = \"roles.id\" },\n]\n",
    );
        db.migration(
        "2_create_roles.toml",
        "[[up]]\ncreate_table = \"roles\"\ncolumns = [{ name = \"id\", type = \"increments\" }]\n",
    );
        // The checks catch it on every database, before anything runs.
        let (code, stdout, stderr) = db.run(&["migration:run"]);
        assert_eq!(code, 2, "{stdout}\n{stderr}");
        assert!(
            stderr.contains("up[0].columns[1].references")
                && stderr.contains("[foreign-key-target]")
                && stderr.contains("2_create_roles creates it later"),
            "{stderr}"
        );
        assert!(
            db.catalog().tables.is_empty(),
            "nothing ran, not even the tracking table's creation"
        );
        // Without them, the database itself decides.
        let (code, stdout, stderr) = db.run(&["migration:run", "--no-check"]);
        let users = "database/migrations/1_create_users";
        let roles = "database/migrations/2_create_roles";
        let states: Vec<(String, String, Option<i64>)> = db.states();
        let state = |name: &str, status: &str, batch: Option<i64>| {
            (name.to_string(), status.to_string(), batch)
        };
        if db.backend.is_sqlite() {
            assert_eq!(
                code, 0,
                "SQLite accepts a reference to a missing table:\n{stderr}"
            );
            // Both ran and are recorded, and the reference is in place, to the table that
            // came later.
            assert_eq!(
                states,
                [
                    state(users, "completed", Some(1)),
                    state(roles, "completed", Some(1))
                ]
            );
            assert_eq!(db.tables(), ["roles", "users"]);
            let catalog = db.catalog();
            let table = catalog
                .tables
                .iter()
                .find(|t| t.name == "users")
                .expect("users exists");
            let references: Vec<(String, String, String)> = table
                .foreign_keys
                .iter()
                .map(|f| {
                    (
                        f.columns.join(","),
                        f.references_table.clone(),
                        f.references_columns.join(","),
                    )
                })
                .collect();
            assert_eq!(
                references,
                [("role_id".to_string(), "roles".to_string(), "id".to_string())]
            );
            return;
        }
        assert_eq!(code, 1, "{stdout}\n{stderr}");
        assert_eq!(
            states,
            [state(users, "pending", None), state(roles, "pending", None)],
            "the failed migration and the one after it are not recorded"
        );
        assert!(
            stderr.contains("migration database/migrations/1_create_users failed"),
            "{stderr}"
        );
        assert!(
            stderr.contains("REFERENCES `roles`") || stderr.contains("REFERENCES \"roles\""),
            "the statement names the missing table:\n{stderr}"
        );
        assert_eq!(db.tables(), Vec::<String>::new());
    }
);

/// A table with a counter and an index, a view and a trigger, in each database's SQL (with
/// a comment, an enum type and a function where the database has them).
fn catalog_objects(db: &Db) -> &'static [&'static str] {
    match db.backend {
        Backend::Sqlite | Backend::SqlitePlugin | Backend::StrictPlugin => &[
            "CREATE TABLE notes (id integer PRIMARY KEY AUTOINCREMENT, body text)",
            "CREATE UNIQUE INDEX notes_body ON notes (lower(body)) WHERE body IS NOT NULL",
            "CREATE VIEW note_bodies AS SELECT body FROM notes",
            "CREATE TRIGGER notes_touch AFTER INSERT ON notes BEGIN SELECT 1; END",
        ],
        Backend::Postgres | Backend::PostgresPlugin => &[
            "CREATE TYPE mood AS ENUM ('sad', 'ok')",
            "CREATE TABLE notes (id serial PRIMARY KEY, body text, feeling mood)",
            "COMMENT ON COLUMN notes.body IS 'What it says'",
            "CREATE UNIQUE INDEX notes_body ON notes (lower(body)) WHERE body IS NOT NULL",
            "CREATE VIEW note_bodies AS SELECT body FROM notes",
            "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql \
             AS $$ BEGIN RETURN NEW; END $$",
            "CREATE TRIGGER notes_touch AFTER INSERT ON notes FOR EACH ROW \
             EXECUTE FUNCTION touch()",
        ],
        Backend::Mysql => &[
            "CREATE TABLE notes (id int unsigned AUTO_INCREMENT PRIMARY KEY, \
             body varchar(200) COMMENT 'What it says', UNIQUE KEY notes_body (body))",
            "CREATE VIEW note_bodies AS SELECT body FROM notes",
            "CREATE TRIGGER notes_touch BEFORE INSERT ON notes FOR EACH ROW \
             SET NEW.body = TRIM(NEW.body)",
        ],
    }
}

dbtest!(the_catalog_reaches_the_cli_whole_on_every_backend, |db| {
    // The tracking tables make the database (a SQLite file) exist.
    db.ok(&["migration:run"]);
    for statement in catalog_objects(db) {
        db.execute(statement);
    }
    let catalog = db.catalog();
    let notes = catalog
        .tables
        .iter()
        .find(|t| t.name == "notes")
        .expect("notes");
    assert!(notes.columns[0].auto_increment, "{notes:?}");
    assert_eq!(notes.indexes[0].name, "notes_body");
    assert!(notes.indexes[0].unique);
    if !db.backend.is_sqlite() {
        assert_eq!(notes.columns[1].comment.as_deref(), Some("What it says"));
    }
    if db.backend != Backend::Mysql {
        assert_eq!(notes.indexes[0].columns, ["(lower(body))"]);
        assert_eq!(
            notes.indexes[0].predicate.as_deref(),
            Some("body IS NOT NULL")
        );
    }
    assert_eq!(catalog.views.len(), 1);
    assert!(catalog.views[0].create_sql.is_some());
    assert_eq!(catalog.triggers.len(), 1);
    assert!(catalog.triggers[0].create_sql.is_some());
    assert_eq!(
        catalog,
        db.linked_catalog(),
        "the plugin ABI carries every field of the catalog"
    );
});
