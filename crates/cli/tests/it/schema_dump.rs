//! `schema:dump`, loading a dump, squashed migrations: the rendering of hand-built catalogs
//! (no server), and round trips through the `dbm` binary on SQLite, PostgreSQL and MariaDB
//! with fresh databases.

use std::path::Path;

use dbm_core::driver::{
    Catalog, ColumnInfo, ConnectOptions, Driver, EnumInfo, ForeignKeyInfo, IndexInfo, RoutineInfo,
    TableInfo, TriggerInfo, ViewInfo,
};
use dbm_core::dump::{TrackingRows, render};
use dbm_core::repository::{AppliedMigration, RowState};
use dbm_core::{ConnectionConfig, Dialect};
use dbm_driver_mysql::MysqlDriver;
use dbm_driver_postgres::PostgresDriver;
use dbm_driver_sqlite::SqliteDriver;
use dbm_test_support::{Server, TestDatabase};

use crate::support::Project;

// ---- rendering, no server ----

fn column(name: &str, data_type: &str, nullable: bool, default: Option<&str>) -> ColumnInfo {
    ColumnInfo {
        name: name.into(),
        data_type: data_type.into(),
        nullable,
        default: default.map(Into::into),
        ..ColumnInfo::default()
    }
}

/// A catalog with what a dump writes: an enum type, an auto-increment key, a comment, a
/// unique constraint, a partial and an expression index, a foreign key, a view, a routine
/// and a trigger.
fn catalog(id_type: &str, id_default: Option<&str>) -> Catalog {
    let id = ColumnInfo {
        auto_increment: true,
        ..column("id", id_type, false, id_default)
    };
    let users = TableInfo {
        name: "users".into(),
        columns: vec![
            id.clone(),
            ColumnInfo {
                comment: Some("login, it's unique".into()),
                ..column("email", "varchar(254)", false, None)
            },
            column("mood", "mood", true, Some("'ok'::mood")),
        ],
        primary_key: vec!["id".into()],
        indexes: vec![
            IndexInfo {
                name: "users_email_unique".into(),
                columns: vec!["email".into()],
                unique: true,
                constraint: true,
                predicate: None,
                definition: None,
            },
            IndexInfo {
                name: "users_lower_email_index".into(),
                columns: vec!["(lower(email))".into()],
                unique: false,
                constraint: false,
                predicate: Some("mood IS NOT NULL".into()),
                definition: None,
            },
        ],
        comment: Some("people".into()),
        ..TableInfo::default()
    };
    let posts = TableInfo {
        name: "posts".into(),
        columns: vec![id, column("user_id", "integer", false, None)],
        primary_key: vec!["id".into()],
        foreign_keys: vec![ForeignKeyInfo {
            name: Some("posts_user_id_foreign".into()),
            columns: vec!["user_id".into()],
            references_table: "users".into(),
            references_columns: vec!["id".into()],
            on_delete: "CASCADE".into(),
            on_update: "NO ACTION".into(),
        }],
        ..TableInfo::default()
    };
    Catalog {
        tables: vec![posts, users],
        views: vec![ViewInfo {
            name: "active_users".into(),
            create_sql: Some("CREATE VIEW active_users AS SELECT id FROM users;".into()),
        }],
        enums: vec![EnumInfo {
            name: "mood".into(),
            values: vec!["ok".into(), "sad".into()],
        }],
        routines: vec![RoutineInfo {
            name: "touch".into(),
            kind: "function".into(),
            create_sql: Some("CREATE FUNCTION touch() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql".into()),
        }],
        triggers: vec![TriggerInfo {
            name: "users_touch".into(),
            table: "users".into(),
            create_sql: Some("CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()".into()),
        }],
        ..Catalog::default()
    }
}

fn tracking() -> TrackingRows {
    TrackingRows {
        table: "dbm_schema".into(),
        format_version: 2,
        rows: vec![AppliedMigration {
            id: 1,
            name: "1_create_users".into(),
            batch: 1,
            checksum: Some("abc".into()),
            migration_time: Some("2026-01-02 03:04:05".into()),
            state: RowState::Applied,
        }],
    }
}

#[test]
fn each_dialect_renders_a_catalog_in_dependency_order() {
    let cases: [(&str, std::sync::Arc<dyn Dialect>, Catalog); 4] = [
        (
            "postgres, identity",
            PostgresDriver.dialect(),
            catalog("integer", None),
        ),
        (
            "postgres, serial",
            PostgresDriver.dialect(),
            catalog("integer", Some("nextval('users_id_seq'::regclass)")),
        ),
        (
            "mysql",
            MysqlDriver.dialect(),
            Catalog {
                enums: vec![],
                ..catalog("int unsigned", None)
            },
        ),
        (
            "sqlite",
            SqliteDriver.dialect(),
            Catalog {
                enums: vec![],
                ..catalog("integer", None)
            },
        ),
    ];
    let mut out = String::new();
    for (label, dialect, catalog) in cases {
        let sql = render(dialect.as_ref(), &catalog, &tracking()).expect("render");
        out.push_str(&format!("==== {label} ====\n{sql}\n"));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn a_definition_the_database_cannot_give_back_fails_the_whole_dump() {
    let mut catalog = catalog("integer", None);
    catalog.views[0].create_sql = None;
    catalog.triggers[0].create_sql = None;
    let error = render(PostgresDriver.dialect().as_ref(), &catalog, &tracking())
        .expect_err("refused")
        .to_string();
    assert!(
        error.contains("2 objects of the database: view active_users, trigger users_touch"),
        "{error}"
    );
}

// ---- round trips ----

/// Where a round trip runs: two databases of one kind, `a` migrated, `b` empty.
struct Pair {
    driver: &'static str,
    a: String,
    b: String,
    dbs: Vec<TestDatabase>,
}

fn pair(server: Option<Server>, project: &Project) -> Option<Pair> {
    let Some(server) = server else {
        let file = |name: &str| format!("sqlite://{}", project.path().join(name).display());
        return Some(Pair {
            driver: "sqlite",
            a: file("tmp/a.sqlite3"),
            b: file("tmp/b.sqlite3"),
            dbs: Vec::new(),
        });
    };
    let a = TestDatabase::create_blocking(server)?;
    let b = TestDatabase::create_blocking(server)?;
    Some(Pair {
        driver: server.driver(),
        a: a.url.clone(),
        b: b.url.clone(),
        dbs: vec![a, b],
    })
}

/// A project with the demo app's migrations whose connection `main` is `url`.
fn demo_project() -> Project {
    let project = Project::new();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../database/migrations");
    for entry in std::fs::read_dir(&demo).expect("demo migrations") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).expect("read");
        project.write(&format!("database/migrations/{name}"), &text);
    }
    project
}

fn configure(project: &Project, pair: &Pair) {
    project.write(
        "config/database.toml",
        &format!(
            "[default]\nconnection = \"main\"\n[default.connections.main]\ndriver = \"{}\"\nurl = \"{}\"\n",
            pair.driver, pair.a
        ),
    );
}

/// Runs `dbm` with the connection `main` pointed at `url`; returns (code, stdout, stderr).
fn dbm_at(project: &Project, url: &str, args: &[&str]) -> (i32, String, String) {
    let out = project
        .dbm(args)
        .env("DBM_CONNECTIONS__MAIN__URL", url)
        .output()
        .expect("run dbm");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok_at(project: &Project, url: &str, args: &[&str]) -> String {
    let (code, stdout, stderr) = dbm_at(project, url, args);
    assert_eq!(
        code, 0,
        "dbm {args:?} failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    stdout
}

/// The catalog of the database at `url`.
fn introspect(project: &Project, driver: &str, url: &str) -> Catalog {
    let driver: Box<dyn Driver> = match driver {
        "sqlite" => Box::new(SqliteDriver),
        "postgres" => Box::new(PostgresDriver),
        _ => Box::new(MysqlDriver),
    };
    let config = ConnectionConfig {
        name: "main".into(),
        driver: driver.name().into(),
        url: url.into(),
        debug: false,
        password_env: None,
        root: project.path().to_path_buf(),
        cluster: Default::default(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let mut conn = driver
            .connect(&config, ConnectOptions::default())
            .await
            .expect("connect");
        let catalog = conn.introspect().await.expect("introspect");
        conn.close().await.expect("close");
        catalog
    })
}

/// Asserts the databases `a` and `b` hold the same schema and migration status, and on
/// PostgreSQL the same `pg_dump --schema-only` when pg_dump is installed.
fn assert_same(project: &Project, pair: &Pair, dbs: &[TestDatabase]) {
    assert_eq!(
        introspect(project, pair.driver, &pair.a),
        introspect(project, pair.driver, &pair.b),
        "the catalogs differ"
    );
    let status = |url: &str| ok_at(project, url, &["migration:status", "--json"]);
    assert_eq!(status(&pair.a), status(&pair.b));
    if let [a, b] = dbs
        && a.server == Server::Postgres
    {
        if dbm_test_support::have_program("pg_dump") {
            assert_eq!(
                crate::corpus::pg_schema(a).replace(&b.name, "<database>"),
                crate::corpus::pg_schema(b)
            );
        } else {
            dbm_test_support::skip("pg_dump is not installed: the pg_dump comparison");
        }
    }
}

/// A raw SQL migration with what a catalog holds beyond plain tables, per database.
fn extras(server: Option<Server>) -> &'static str {
    match server {
        None => {
            "-- dbm:up\n\
             CREATE TABLE notes (id integer PRIMARY KEY AUTOINCREMENT, body text NOT NULL, \
             user_id integer REFERENCES users (id) ON DELETE SET NULL, UNIQUE (body));\n\
             CREATE INDEX notes_lower_body ON notes (lower(body)) WHERE user_id IS NOT NULL;\n\
             CREATE VIEW note_bodies AS SELECT body FROM notes;\n\
             CREATE TRIGGER notes_touch AFTER UPDATE ON notes BEGIN SELECT 1; END;\n\
             -- dbm:down\n\
             DROP TABLE notes;\n"
        }
        Some(Server::Postgres) => {
            "-- dbm:up\n\
             CREATE TYPE mood AS ENUM ('ok', 'sad');\n\
             CREATE FUNCTION b_tag(m mood) RETURNS text LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT m::text; END;\n\
             CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL, mood mood DEFAULT 'ok', \
             tag text DEFAULT b_tag('ok') CHECK (tag <> b_tag('sad')), \
             user_id integer REFERENCES users (id) ON DELETE SET NULL, CONSTRAINT notes_body_key UNIQUE (body));\n\
             COMMENT ON TABLE notes IS 'it''s notes';\n\
             COMMENT ON COLUMN notes.body IS 'the text';\n\
             CREATE INDEX notes_lower_body ON notes (lower(body)) WHERE user_id IS NOT NULL;\n\
             CREATE VIEW note_bodies AS SELECT body FROM notes;\n\
             CREATE VIEW a_long_notes AS SELECT body FROM note_bodies WHERE length(body) > 100;\n\
             CREATE FUNCTION notes_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n\
             CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION notes_touch();\n\
             CREATE FUNCTION z_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM note_bodies $$;\n\
             CREATE FUNCTION a_total() RETURNS bigint LANGUAGE sql AS $$ SELECT z_count() $$;\n\
             CREATE FUNCTION a_atomic() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT z_count(); END;\n\
             -- dbm:down\n\
             DROP FUNCTION a_atomic();\n\
             DROP FUNCTION a_total();\n\
             DROP FUNCTION z_count();\n\
             DROP TABLE notes CASCADE;\n\
             DROP FUNCTION b_tag(mood);\n"
        }
        Some(Server::Mysql) => {
            "-- dbm:up\n\
             CREATE TABLE notes (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, \
             body varchar(200) NOT NULL COMMENT 'the text', user_id int unsigned NULL, \
             UNIQUE KEY notes_body_unique (body), \
             CONSTRAINT notes_user_id_foreign FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL) \
             COMMENT='it''s notes';\n\
             CREATE VIEW note_bodies AS SELECT body FROM notes;\n\
             CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW SET NEW.body = NEW.body;\n\
             -- dbm:down\n\
             DROP TABLE notes;\n"
        }
    }
}

/// Run, dump, load into an empty database: same catalog, same status.
fn round_trip(server: Option<Server>) {
    let project = demo_project();
    project.write(
        "database/migrations/1732540000005_create_notes.sql",
        extras(server),
    );
    let Some(pair) = pair(server, &project) else {
        return;
    };
    configure(&project, &pair);
    ok_at(&project, &pair.a, &["migration:run"]);
    let out = ok_at(&project, &pair.a, &["schema:dump", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(doc["dump"], "database/schema/main-schema.sql");
    assert_eq!(doc["migrations"].as_array().map(Vec::len), Some(6));
    let dump = std::fs::read_to_string(project.path().join("database/schema/main-schema.sql"))
        .expect("the dump");
    for object in ["notes", "note_bodies", "notes_touch", "dbm_schema_versions"] {
        assert!(
            dump.contains(object),
            "{object} missing from the dump:\n{dump}"
        );
    }
    let out = ok_at(&project, &pair.b, &["migration:run"]);
    assert!(out.contains("loaded schema dump"), "{out}");
    assert!(out.contains("Already up to date"), "{out}");
    let loaded = ok_at(&project, &pair.b, &["migration:status", "--json"]);
    assert!(loaded.contains("\"completed\""), "{loaded}");
    assert_same(&project, &pair, &pair.dbs);
}

#[test]
fn sqlite_dump_loads_into_an_empty_database_with_the_same_schema_and_status() {
    round_trip(None);
}

#[test]
fn postgres_dump_loads_into_an_empty_database_with_the_same_schema_and_status() {
    round_trip(Some(Server::Postgres));
}

#[test]
fn mariadb_dump_loads_into_an_empty_database_with_the_same_schema_and_status() {
    round_trip(Some(Server::Mysql));
}

/// The PostgreSQL corpus (`corpus/postgres`): run, dump, load into an empty database; the
/// same catalog, status and `pg_dump --schema-only`.
#[test]
fn postgres_corpus_dump_round_trips() {
    let Some(a) = TestDatabase::create_blocking(Server::Postgres) else {
        return;
    };
    let Some(b) = TestDatabase::create_blocking(Server::Postgres) else {
        return;
    };
    let files = crate::corpus::corpus("postgres");
    let project = crate::corpus::project(&files, "postgres", &a.url);
    let pair = Pair {
        driver: "postgres",
        a: a.url.clone(),
        b: b.url.clone(),
        dbs: Vec::new(),
    };
    ok_at(&project, &pair.a, &["-q", "migration:run"]);
    ok_at(&project, &pair.a, &["schema:dump"]);
    let out = ok_at(&project, &pair.b, &["migration:run"]);
    assert!(out.contains("loaded schema dump"), "{out}");
    assert!(out.contains("Already up to date"), "{out}");
    assert_same(&project, &pair, &[a, b]);
}

/// What the PostgreSQL catalog keeps beyond the corpus round-trips too: a renamed table's
/// key and sequence names, identity options, a shared sequence, `NOT VALID` and partial
/// exclusion constraints, `NULLS NOT DISTINCT` and deferrable unique constraints, ordered and
/// expression indexes over a function, list, range and hash partitions two levels deep, view
/// options, a materialized view's index, forced row security and restrictive policies.
#[test]
fn postgres_dump_round_trips_what_only_postgresql_has() {
    let project = Project::new();
    project.write(
        "database/migrations/1_everything.sql",
        "-- dbm:up\n\
         CREATE EXTENSION IF NOT EXISTS btree_gist;\n\
         CREATE TYPE color AS ENUM ('red', 'blue');\n\
         CREATE DOMAIN pos AS int CHECK (VALUE > 0);\n\
         CREATE DOMAIN small_pos AS pos CHECK (VALUE < 100);\n\
         CREATE TABLE a (id serial PRIMARY KEY, name text COLLATE \"C\", colors color[] DEFAULT '{}', p small_pos);\n\
         ALTER TABLE a RENAME TO a2;\n\
         CREATE TABLE b (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 5 INCREMENT BY 2 CACHE 10) PRIMARY KEY, \
         code text, k int, CONSTRAINT b_code_key UNIQUE NULLS NOT DISTINCT (code), \
         CONSTRAINT b_k_key UNIQUE (k) DEFERRABLE INITIALLY DEFERRED);\n\
         CREATE SEQUENCE shared_seq INCREMENT BY 10 MAXVALUE 100000 CYCLE;\n\
         CREATE TABLE c (id int DEFAULT nextval('shared_seq') NOT NULL, t tstzrange, r int);\n\
         ALTER SEQUENCE shared_seq OWNED BY c.id;\n\
         ALTER TABLE c ADD CONSTRAINT c_r CHECK (r > 0) NOT VALID;\n\
         ALTER TABLE c ADD CONSTRAINT c_ex EXCLUDE USING gist (r WITH =, t WITH &&) WHERE (r > 5);\n\
         CREATE INDEX c_desc ON c (r DESC NULLS LAST, id);\n\
         CREATE UNIQUE INDEX c_part ON c ((r::text)) WHERE r IS NOT NULL;\n\
         CREATE FUNCTION norm(x text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(x) $$;\n\
         CREATE INDEX a_norm ON a2 (norm(name));\n\
         CREATE INDEX a_name_posix ON a2 (name COLLATE \"POSIX\");\n\
         CREATE TABLE m (id int NOT NULL, region text NOT NULL, at date NOT NULL, \
         g int GENERATED ALWAYS AS (id * 2) STORED) PARTITION BY LIST (region);\n\
         CREATE TABLE m_eu PARTITION OF m FOR VALUES IN ('eu') PARTITION BY RANGE (at);\n\
         CREATE TABLE m_eu_2030 PARTITION OF m_eu FOR VALUES FROM ('2030-01-01') TO ('2031-01-01');\n\
         CREATE TABLE m_us PARTITION OF m FOR VALUES IN ('us');\n\
         CREATE TABLE h (id int) PARTITION BY HASH (id);\n\
         CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);\n\
         CREATE TABLE h1 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 1);\n\
         CREATE INDEX m_at ON m (at);\n\
         ALTER TABLE m ADD CONSTRAINT m_id CHECK (id > 0);\n\
         CREATE VIEW bv WITH (security_barrier) AS SELECT id FROM b;\n\
         CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM b WITH NO DATA;\n\
         CREATE UNIQUE INDEX mv_n ON mv (n);\n\
         ALTER TABLE b ENABLE ROW LEVEL SECURITY;\n\
         ALTER TABLE b FORCE ROW LEVEL SECURITY;\n\
         CREATE POLICY r1 ON b AS RESTRICTIVE FOR UPDATE USING (k > 0) WITH CHECK (k < 10);\n\
         CREATE POLICY r2 ON b FOR INSERT WITH CHECK (true);\n\
         COMMENT ON CONSTRAINT c_ex ON c IS 'no overlap';\n\
         COMMENT ON POLICY r2 ON b IS 'anyone inserts';\n\
         -- dbm:down\n\
         DROP MATERIALIZED VIEW mv;\n\
         DROP VIEW bv;\n\
         DROP TABLE h, m, c, b, a2;\n\
         DROP FUNCTION norm(text);\n\
         DROP DOMAIN small_pos;\n\
         DROP DOMAIN pos;\n\
         DROP TYPE color;\n\
         DROP EXTENSION btree_gist;\n",
    );
    let Some(pair) = pair(Some(Server::Postgres), &project) else {
        return;
    };
    configure(&project, &pair);
    ok_at(&project, &pair.a, &["migration:run"]);
    ok_at(&project, &pair.a, &["schema:dump"]);
    let out = ok_at(&project, &pair.b, &["migration:run"]);
    assert!(out.contains("loaded schema dump"), "{out}");
    assert_same(&project, &pair, &pair.dbs);
}

/// A PostgreSQL table the catalog cannot describe (one inheriting from another) makes the
/// dump refuse, name it, and write nothing.
#[test]
fn postgres_dump_refuses_what_the_catalog_cannot_describe() {
    let project = demo_project();
    project.write(
        "database/migrations/1732540000005_create_inherited.sql",
        "-- dbm:up\n\
         CREATE TABLE events (id integer, at timestamptz);\n\
         CREATE TABLE login_events (ip inet) INHERITS (events);\n\
         -- dbm:down\n\
         DROP TABLE login_events;\n\
         DROP TABLE events;\n",
    );
    let Some(pair) = pair(Some(Server::Postgres), &project) else {
        return;
    };
    configure(&project, &pair);
    ok_at(&project, &pair.a, &["migration:run"]);
    let (code, stdout, stderr) = dbm_at(&project, &pair.a, &["schema:dump"]);
    assert_ne!(code, 0, "{stdout}");
    assert!(
        stderr.contains("1 object of the database: table login_events inherits from events"),
        "{stderr}"
    );
    assert!(!project.path().join("database/schema").exists());
}

/// Dump with `--prune`, then `migration:fresh` on an empty database; a migration added
/// after the dump runs after it loads; rolling back past the dump exits 2.
fn prune_then_fresh(server: Option<Server>) {
    let project = demo_project();
    let Some(pair) = pair(server, &project) else {
        return;
    };
    configure(&project, &pair);
    ok_at(&project, &pair.a, &["migration:run"]);
    let out = ok_at(&project, &pair.a, &["schema:dump", "--prune"]);
    assert!(out.contains("pruned"), "{out}");
    assert!(
        project
            .tree()
            .iter()
            .all(|p| !p.ends_with(".toml") || p.starts_with("config"))
    );
    let status = ok_at(&project, &pair.a, &["migration:status", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&status).expect("json");
    let states: Vec<&str> = doc["migrations"]
        .as_array()
        .expect("migrations")
        .iter()
        .map(|m| m["status"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(states, ["squashed"; 5]);
    ok_at(&project, &pair.a, &["migration:status", "--exit-code"]);

    let (code, stdout, stderr) = dbm_at(&project, &pair.b, &["migration:fresh"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains("loaded schema dump"), "{stdout}");
    assert_same(&project, &pair, &pair.dbs);

    project.write(
        "database/migrations/1732540000009_create_badges_table.toml",
        "[[up]]\ncreate_table = \"badges\"\ncolumns = [\n  { name = \"id\", type = \"increments\" },\n  { name = \"label\", type = \"string\" },\n]\n",
    );
    let out = ok_at(&project, &pair.b, &["migration:run"]);
    assert!(
        out.contains("migrated database/migrations/1732540000009_create_badges_table"),
        "{out}"
    );
    let out = ok_at(&project, &pair.b, &["migration:rollback"]);
    assert!(out.contains("reverted"), "{out}");
    let (code, _, stderr) = dbm_at(&project, &pair.b, &["migration:rollback"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("squashed into the schema dump") && stderr.contains("migration:fresh"),
        "{stderr}"
    );
}

#[test]
fn sqlite_pruned_dump_restores_with_fresh() {
    prune_then_fresh(None);
}

#[test]
fn postgres_pruned_dump_restores_with_fresh() {
    prune_then_fresh(Some(Server::Postgres));
}

#[test]
fn mariadb_pruned_dump_restores_with_fresh() {
    prune_then_fresh(Some(Server::Mysql));
}

/// A dump whose manifest names another tracking table is not loaded, and the warning says
/// in one readable sentence which connection and table it was written for and which this is.
#[test]
fn a_manifest_of_another_tracking_table_is_ignored_with_a_readable_warning() {
    let project = demo_project();
    let Some(pair) = pair(None, &project) else {
        return;
    };
    configure(&project, &pair);
    ok_at(&project, &pair.a, &["migration:run"]);
    ok_at(&project, &pair.a, &["schema:dump"]);
    let manifest = "database/schema/main-schema.json";
    let text = std::fs::read_to_string(project.path().join(manifest)).expect("manifest");
    let text = text.replace("\"table\": \"dbm_schema\"", "\"table\": \"other_schema\"");
    project.write(manifest, &text);
    let (code, stdout, stderr) = dbm_at(&project, &pair.b, &["migration:run"]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(
        stderr.contains(
            "ignored, it was written for connection `main` and tracking table `other_schema` \
             (this is `main` with `dbm_schema`)"
        ),
        "{stderr}"
    );
    assert!(!stdout.contains("loaded schema dump"), "{stdout}");
}

/// The MariaDB corpus (`corpus/mysql`) run on one database, dumped and loaded into an empty
/// one: the same catalog, status and `mariadb-dump --no-data` schema (FULLTEXT and prefix
/// indexes, checks, generated columns, partitions, charsets, collations, table options,
/// routines, triggers and events).
#[test]
fn mariadb_corpus_dump_round_trips() {
    let Some(dump_program) = dbm_test_support::first_program(&["mariadb-dump", "mysqldump"]) else {
        return;
    };
    let (Some(a), Some(b)) = (
        TestDatabase::create_blocking(Server::Mysql),
        TestDatabase::create_blocking(Server::Mysql),
    ) else {
        return;
    };
    let files = crate::corpus::corpus("mysql");
    let project = crate::corpus::project(&files, "mysql", &a.url);
    let pair = Pair {
        driver: "mysql",
        a: a.url.clone(),
        b: b.url.clone(),
        dbs: Vec::new(),
    };
    ok_at(&project, &pair.a, &["-q", "migration:run"]);
    ok_at(&project, &pair.a, &["schema:dump"]);
    let dump = std::fs::read_to_string(project.path().join("database/schema/main-schema.sql"))
        .expect("the dump");
    for part in [
        "FULLTEXT KEY",
        "PARTITION BY",
        "STORED",
        "CHECK (",
        "EVENT `expire_sessions`",
    ] {
        assert!(dump.contains(part), "{part} missing from the dump:\n{dump}");
    }
    let out = ok_at(&project, &pair.b, &["migration:run"]);
    assert!(out.contains("loaded schema dump"), "{out}");
    assert!(out.contains("Already up to date"), "{out}");
    let dbs = [a, b];
    assert_same(&project, &pair, &dbs);
    let client = crate::corpus::MysqlClient::from_url(&dbs[0].url);
    crate::corpus::assert_same_schema(
        &crate::corpus::mysql_schema(dump_program, &client, &dbs[1]),
        &crate::corpus::mysql_schema(dump_program, &client, &dbs[0]),
        "the corpus's migrations",
    );
}

/// What a MariaDB catalog cannot describe (a sequence) makes `schema:dump` refuse, naming it,
/// and write nothing.
#[test]
fn a_mariadb_sequence_makes_the_dump_refuse_and_name_it() {
    let project = Project::new();
    project.write(
        "database/migrations/1732540000001_create_order_numbers.sql",
        "-- dbm:up\nCREATE TABLE orders (id int PRIMARY KEY);\nCREATE SEQUENCE order_numbers;\n\
         -- dbm:down\nDROP SEQUENCE order_numbers;\nDROP TABLE orders;\n",
    );
    let Some(pair) = pair(Some(Server::Mysql), &project) else {
        return;
    };
    configure(&project, &pair);
    ok_at(&project, &pair.a, &["migration:run"]);
    let (code, stdout, stderr) = dbm_at(&project, &pair.a, &["schema:dump"]);
    assert_ne!(code, 0, "{stdout}\n{stderr}");
    assert!(
        stderr.contains("dbm cannot read back 1 object of the database: sequence `order_numbers`"),
        "{stderr}"
    );
    assert!(!project.path().join("database/schema").exists());
}
