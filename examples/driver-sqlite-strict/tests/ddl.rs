//! The compiled DDL of every type and operation, and SQLite accepting it as STRICT.

mod common;

use common::{apply, compile, compile_error, memory, run_all, texts};
use dbm_core::Dialect;
use dbm_core::schema::{Column, ColumnType, CreateTable, Operation};
use dbm_driver_sqlite_strict::SqliteStrictDialect;

/// One column of each portable type.
const EVERY_TYPE: &str = r#"
[[up]]
create_table = "every"
columns = [
  { name = "id", type = "increments" },
  { name = "tiny", type = "tiny_integer" },
  { name = "small", type = "small_integer" },
  { name = "int", type = "integer", unsigned = true },
  { name = "big", type = "big_integer" },
  { name = "flag", type = "boolean", nullable = false, default = false },
  { name = "f", type = "float" },
  { name = "d", type = "double" },
  { name = "money", type = "decimal", precision = 10, scale = 2 },
  { name = "code", type = "char", length = 3 },
  { name = "label", type = "string" },
  { name = "body", type = "text" },
  { name = "day", type = "date" },
  { name = "at", type = "time" },
  { name = "happened", type = "datetime" },
  { name = "stamp", type = "timestamp", tz = false },
  { name = "doc", type = "json" },
  { name = "docb", type = "jsonb" },
  { name = "uid", type = "uuid" },
  { name = "data", type = "binary" },
  { name = "hash", type = "binary", length = 32 },
  { name = "mood", type = "enum", values = ["happy", "it's ok"] },
  { name = "anything", type = "specific", sql_type = "any" },
  { name = "n", type = "specific", sql_type = "INT" },
]
"#;

#[test]
fn every_portable_type_compiles_to_a_strict_type() {
    let statements = compile(EVERY_TYPE);
    let columns = [
        r#""id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL"#,
        r#""tiny" INTEGER"#,
        r#""small" INTEGER"#,
        r#""int" INTEGER"#,
        r#""big" INTEGER"#,
        r#""flag" INTEGER NOT NULL DEFAULT 0 CONSTRAINT "every_flag_check" CHECK ("flag" IN (0, 1))"#,
        r#""f" REAL"#,
        r#""d" REAL"#,
        r#""money" REAL"#,
        r#""code" TEXT CONSTRAINT "every_code_check" CHECK (length("code") <= 3)"#,
        r#""label" TEXT CONSTRAINT "every_label_check" CHECK (length("label") <= 255)"#,
        r#""body" TEXT"#,
        r#""day" TEXT"#,
        r#""at" TEXT"#,
        r#""happened" TEXT"#,
        r#""stamp" TEXT"#,
        r#""doc" TEXT"#,
        r#""docb" TEXT"#,
        r#""uid" TEXT"#,
        r#""data" BLOB"#,
        r#""hash" BLOB CONSTRAINT "every_hash_check" CHECK (length("hash") <= 32)"#,
        r#""mood" TEXT CONSTRAINT "every_mood_check" CHECK ("mood" IN ('happy', 'it''s ok'))"#,
        r#""anything" ANY"#,
        r#""n" INT"#,
    ];
    assert_eq!(
        statements,
        [format!(
            "CREATE TABLE \"every\" ({}) STRICT",
            columns.join(", ")
        )]
    );
}

#[tokio::test]
async fn sqlite_accepts_every_type_as_a_strict_table_and_introspects_it() {
    let mut conn = memory().await;
    run_all(conn.as_mut(), &compile(EVERY_TYPE)).await;
    let strict = texts(
        conn.as_mut(),
        "SELECT strict FROM pragma_table_list WHERE name = 'every'",
    )
    .await;
    assert_eq!(strict, ["1"]);
    let catalog = conn.introspect().await.expect("introspects");
    let types: Vec<&str> = catalog.tables[0]
        .columns
        .iter()
        .map(|c| c.data_type.as_str())
        .collect();
    assert_eq!(
        types,
        [
            "integer", "integer", "integer", "integer", "integer", "integer", "real", "real",
            "real", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text",
            "blob", "blob", "text", "any", "int"
        ]
    );
    let error = conn
        .execute("INSERT INTO every (mood) VALUES ('sad')")
        .await
        .expect_err("not a value of the enum");
    assert!(
        error.message.contains("every_mood_check"),
        "{}",
        error.message
    );
    conn.execute("INSERT INTO every (mood, hash, money) VALUES ('it''s ok', x'00ff', 12.34)")
        .await
        .expect("an enum value, a short blob and a decimal insert");
    let error = conn
        .execute("INSERT INTO every (hash) VALUES (zeroblob(33))")
        .await
        .expect_err("a blob over its length");
    assert!(
        error.message.contains("every_hash_check"),
        "{}",
        error.message
    );
}

#[test]
fn defaults_are_written_for_strict_columns() {
    let statements = compile(
        r#"
[[up]]
create_table = "d"
columns = [
  { name = "s", type = "string", length = 10, default = "it's" },
  { name = "i", type = "integer", default = -3 },
  { name = "r", type = "double", default = 1.5 },
  { name = "yes", type = "boolean", default = true },
  { name = "now", type = "datetime", default_sql = "CURRENT_TIMESTAMP" },
  { name = "expr", type = "text", default_sql = "lower('ABC')" },
  { name = "note", type = "text", comment = "a */ comment" },
]
"#,
    );
    assert_eq!(
        statements,
        [concat!(
            r#"CREATE TABLE "d" ("s" TEXT DEFAULT 'it''s' CONSTRAINT "d_s_check" CHECK (length("s") <= 10), "#,
            r#""i" INTEGER DEFAULT -3, "#,
            r#""r" REAL DEFAULT 1.5, "#,
            r#""yes" INTEGER DEFAULT 1 CONSTRAINT "d_yes_check" CHECK ("yes" IN (0, 1)), "#,
            r#""now" TEXT DEFAULT CURRENT_TIMESTAMP, "#,
            r#""expr" TEXT DEFAULT (lower('ABC')), "#,
            r#""note" TEXT /* a * / comment */) STRICT"#
        )]
    );
}

#[test]
fn keys_constraints_indexes_and_timestamps_are_named_as_everywhere_in_dbm() {
    let statements = compile(
        r#"
[[up]]
create_table = "members"
columns = [
  { name = "team_id", type = "integer", references = "teams.id", on_delete = "cascade", on_update = "restrict" },
  { name = "user_id", type = "big_integer", nullable = false },
  { name = "email", type = "string", length = 254, unique = true, index = true },
]
primary_key = ["team_id", "user_id"]
unique = [["team_id", "email"]]
indexes = [["user_id"]]
foreign_keys = [{ columns = ["user_id"], references = "users.id", name = "member_user" }]
timestamps = true
if_not_exists = true
"#,
    );
    assert_eq!(
        statements,
        [
            concat!(
                // A STRICT table's primary key columns are NOT NULL without saying so.
                r#"CREATE TABLE IF NOT EXISTS "members" ("team_id" INTEGER, "#,
                r#""user_id" INTEGER NOT NULL, "#,
                r#""email" TEXT CONSTRAINT "members_email_check" CHECK (length("email") <= 254), "#,
                r#""created_at" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, "#,
                r#""updated_at" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, "#,
                r#"CONSTRAINT "members_pkey" PRIMARY KEY ("team_id", "user_id"), "#,
                r#"CONSTRAINT "members_team_id_foreign" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE ON UPDATE RESTRICT, "#,
                r#"CONSTRAINT "member_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id")) STRICT"#
            ),
            r#"CREATE UNIQUE INDEX IF NOT EXISTS "members_email_unique" ON "members" ("email")"#,
            r#"CREATE INDEX IF NOT EXISTS "members_email_index" ON "members" ("email")"#,
            r#"CREATE UNIQUE INDEX IF NOT EXISTS "members_team_id_email_unique" ON "members" ("team_id", "email")"#,
            r#"CREATE INDEX IF NOT EXISTS "members_user_id_index" ON "members" ("user_id")"#,
        ]
    );
}

#[test]
fn a_specific_type_that_strict_tables_refuse_is_a_schema_error() {
    let message = compile_error(
        r#"
[[up]]
create_table = "t"
columns = [{ name = "v", type = "specific", sql_type = "varchar(10)" }]
"#,
    );
    assert_eq!(
        message,
        "column \"v\" has type `specific` with sql_type `varchar(10)`: STRICT tables accept \
         only the column types INTEGER, INT, REAL, TEXT, BLOB, ANY"
    );
}

#[test]
fn increments_beside_another_primary_key_is_refused() {
    // The TOML loader refuses this already; a Rust migration or a plugin's caller may not.
    let op = Operation::CreateTable(CreateTable {
        name: "t".into(),
        columns: vec![
            Column::new("id", ColumnType::Increments),
            Column::new("k", ColumnType::Integer),
        ],
        primary_key: vec!["id".into(), "k".into()],
        ..CreateTable::default()
    });
    let message = SqliteStrictDialect
        .compile(&op, None)
        .expect_err("refused")
        .to_string();
    assert!(
        message.contains("AUTOINCREMENT needs a single-column INTEGER PRIMARY KEY"),
        "{message}"
    );
}

#[test]
fn table_operations_compile_to_native_sqlite() {
    let statements = compile(
        r#"
transaction = false

[[up]]
drop_table = "a"
if_exists = true

[[up]]
rename_table = "b"
to = "c"

[[up]]
create_index = "c"
columns = ["x", "y"]
unique = true

[[up]]
create_index = "c"
columns = ["z"]
concurrently = true

[[up]]
drop_index = "c_z_index"

[[up]]
sql = { postgres = "SELECT 'pg'", sqlite = "INSERT INTO c VALUES ('a;b'); -- c;\nDELETE FROM c" }
"#,
    );
    assert_eq!(
        statements,
        [
            r#"DROP TABLE IF EXISTS "a""#,
            r#"ALTER TABLE "b" RENAME TO "c""#,
            r#"CREATE UNIQUE INDEX "c_x_y_unique" ON "c" ("x", "y")"#,
            r#"CREATE INDEX "c_z_index" ON "c" ("z")"#,
            r#"DROP INDEX "c_z_index""#,
            "INSERT INTO c VALUES ('a;b')",
            "-- c;\nDELETE FROM c",
        ]
    );
    let message = compile_error("[[up]]\nsql = { postgres = \"SELECT 1\" }\n");
    assert!(
        message.contains("no `sqlite` entry and no `default`"),
        "{message}"
    );
}

#[test]
fn alter_table_compiles_its_native_parts_in_order() {
    let statements = compile(
        r#"
[[up]]
alter_table = "users"
add_columns = [
  { name = "nick", type = "string", length = 20, nullable = false, default = "", unique = true },
  { name = "active", type = "boolean", default = true },
]
rename_columns = { email = "mail" }
drop_indexes = [["a"]]
drop_unique = [["b"]]
add_indexes = [["mail"]]
add_unique = [{ columns = ["nick", "mail"], name = "nick_mail" }]
"#,
    );
    assert_eq!(
        statements,
        [
            r#"DROP INDEX "users_b_unique""#,
            r#"DROP INDEX "users_a_index""#,
            r#"ALTER TABLE "users" RENAME COLUMN "email" TO "mail""#,
            r#"ALTER TABLE "users" ADD COLUMN "nick" TEXT NOT NULL DEFAULT '' CONSTRAINT "users_nick_check" CHECK (length("nick") <= 20)"#,
            r#"ALTER TABLE "users" ADD COLUMN "active" INTEGER DEFAULT 1 CONSTRAINT "users_active_check" CHECK ("active" IN (0, 1))"#,
            r#"CREATE UNIQUE INDEX "users_nick_unique" ON "users" ("nick")"#,
            r#"CREATE INDEX "users_mail_index" ON "users" ("mail")"#,
            r#"CREATE UNIQUE INDEX "nick_mail" ON "users" ("nick", "mail")"#,
        ]
    );
}

#[tokio::test]
async fn native_alter_table_runs_on_a_strict_table_and_keeps_it_strict() {
    let mut conn = memory().await;
    apply(
        conn.as_mut(),
        r#"
[[up]]
create_table = "users"
columns = [
  { name = "id", type = "increments" },
  { name = "email", type = "string", unique = true },
  { name = "legacy", type = "text", index = true },
]

[[up]]
alter_table = "users"
rename_columns = { email = "mail" }
drop_columns = ["legacy"]
add_columns = [{ name = "age", type = "small_integer", default = 0 }]
add_indexes = [["age"]]
"#,
    )
    .await;
    let catalog = conn.introspect().await.expect("introspects");
    let users = &catalog.tables[0];
    let columns: Vec<(&str, &str)> = users
        .columns
        .iter()
        .map(|c| (c.name.as_str(), c.data_type.as_str()))
        .collect();
    assert_eq!(
        columns,
        [("id", "integer"), ("mail", "text"), ("age", "integer")]
    );
    let indexes: Vec<(&str, &[String])> = users
        .indexes
        .iter()
        .map(|i| (i.name.as_str(), i.columns.as_slice()))
        .collect();
    assert_eq!(
        indexes,
        [
            ("users_age_index", &["age".to_string()][..]),
            ("users_email_unique", &["mail".to_string()][..]),
        ]
    );
    let sql = texts(
        conn.as_mut(),
        "SELECT sql FROM sqlite_master WHERE name = 'users'",
    )
    .await;
    assert!(sql[0].ends_with(") STRICT"), "{}", sql[0]);
    let error = conn
        .execute("INSERT INTO users (age) VALUES ('old')")
        .await
        .expect_err("the added column is STRICT too");
    assert!(
        error
            .message
            .contains("cannot store TEXT value in INTEGER column users.age"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn alter_columns_rebuild_the_table_and_keep_it_strict() {
    let mut conn = memory().await;
    apply(
        conn.as_mut(),
        r#"
[[up]]
create_table = "t"
columns = [
  { name = "id", type = "increments" },
  { name = "a", type = "string", length = 10, index = true },
  { name = "b", type = "integer" },
]
"#,
    )
    .await;
    run_all(
        conn.as_mut(),
        &["INSERT INTO t (a, b) VALUES ('12', 1)".to_string()],
    )
    .await;
    apply(
        conn.as_mut(),
        r#"
[[up]]
alter_table = "t"
alter_columns = [
  { name = "a", type = "integer", nullable = false, default = 0 },
  { name = "b", type = "boolean" },
]
add_columns = [{ name = "at", type = "timestamp", default_sql = "CURRENT_TIMESTAMP" }]
"#,
    )
    .await;
    let sql = texts(
        conn.as_mut(),
        "SELECT sql FROM sqlite_master WHERE name = 't'",
    )
    .await;
    assert_eq!(
        sql[0],
        concat!(
            r#"CREATE TABLE "t" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "#,
            r#""a" INTEGER NOT NULL DEFAULT 0, "#,
            r#""b" INTEGER CONSTRAINT "t_b_check" CHECK ("b" IN (0, 1)), "#,
            r#""at" TEXT DEFAULT CURRENT_TIMESTAMP) STRICT"#
        )
    );
    let strict = texts(
        conn.as_mut(),
        "SELECT CAST(strict AS TEXT) FROM pragma_table_list WHERE name = 't'",
    )
    .await;
    assert_eq!(strict, ["1"]);
    let kept = texts(
        conn.as_mut(),
        "SELECT CAST(a AS TEXT) || ':' || b || ':' || (SELECT count(*) FROM sqlite_master WHERE name = 't_a_index') FROM t",
    )
    .await;
    assert_eq!(
        kept,
        ["12:1:1"],
        "the row and the index survive the rebuild"
    );
    for (insert, refusal) in [
        (
            "INSERT INTO t (a) VALUES ('abc')",
            "cannot store TEXT value in INTEGER column t.a",
        ),
        ("INSERT INTO t (b) VALUES (2)", "t_b_check"),
    ] {
        let error = conn.execute(insert).await.expect_err(insert);
        assert!(
            error.message.contains(refusal),
            "{insert}: {}",
            error.message
        );
    }
}

#[test]
fn a_rebuild_needs_the_table_to_exist() {
    let message = compile_error(
        "[[up]]\nalter_table = \"t\"\nalter_columns = [{ name = \"a\", type = \"text\" }]\n",
    );
    assert_eq!(
        message,
        "table \"t\" does not exist, so SQLite cannot rebuild it to alter it"
    );
}

#[tokio::test]
async fn the_tracking_tables_compile_to_strict_tables() {
    let dialect = SqliteStrictDialect;
    let op = Operation::CreateTable(dialect.tracking_table("dbm_schema"));
    let statements = dialect.compile(&op, None).expect("compiles");
    assert_eq!(
        statements,
        [
            concat!(
                r#"CREATE TABLE "dbm_schema" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "#,
                r#""name" TEXT NOT NULL CONSTRAINT "dbm_schema_name_check" CHECK (length("name") <= 255), "#,
                r#""batch" INTEGER NOT NULL, "#,
                r#""checksum" TEXT CONSTRAINT "dbm_schema_checksum_check" CHECK (length("checksum") <= 64), "#,
                r#""migration_time" TEXT DEFAULT CURRENT_TIMESTAMP, "#,
                r#""state" TEXT NOT NULL DEFAULT 'applied' CONSTRAINT "dbm_schema_state_check" CHECK (length("state") <= 16)) STRICT"#
            ),
            r#"CREATE UNIQUE INDEX "dbm_schema_name_unique" ON "dbm_schema" ("name")"#,
        ]
    );
    let versions = Operation::CreateTable(dbm_core::dialect::versions_table("dbm_schema"));
    assert_eq!(
        dialect.compile(&versions, None).expect("compiles"),
        [concat!(
            r#"CREATE TABLE "dbm_schema_versions" ("version" INTEGER NOT NULL, "#,
            r#"CONSTRAINT "dbm_schema_versions_pkey" PRIMARY KEY ("version")) STRICT"#
        )]
    );
    assert_eq!(
        dialect.name(),
        "sqlite",
        "sql = {{ sqlite = ... }} entries apply"
    );
    assert!(dialect.capabilities().transactional_ddl);
}
