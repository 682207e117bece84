//! A Rust migration written with the fluent builder, run through `Migrator`, produces the
//! same DDL as the equivalent TOML migration.

use dbm_core::ConnectionConfig;
use dbm_core::driver::{ConnectOptions, Driver};
use dbm_core::migration::{Migration, MigrationSource, RustMigration};
use dbm_core::migrator::{Migrator, RunOptions};
use dbm_core::schema::{ReferentialAction, Schema};
use dbm_driver_sqlite::SqliteDriver;

const USERS_TOML: &str = r#"
[[up]]
create_table = "users"
columns = [
  { name = "id", type = "increments" },
  { name = "role_id", type = "integer", unsigned = true, nullable = false, default = 1, references = "roles.id", on_delete = "cascade" },
  { name = "email", type = "string", length = 254, nullable = false, unique = true },
  { name = "is_admin", type = "boolean", nullable = false, default = false },
  { name = "score", type = "decimal", precision = 10, scale = 3 },
  { name = "kind", type = "enum", values = ["a", "b"] },
  { name = "bio", type = "text", comment = "about me" },
]
timestamps = true

[[up]]
create_index = "users"
columns = ["kind", "score"]
"#;

struct CreateUsers;

impl RustMigration for CreateUsers {
    fn up(&self, schema: &mut Schema) {
        schema.create_table("users", |t| {
            t.increments("id");
            t.integer("role_id")
                .unsigned()
                .not_null()
                .default(1)
                .references("roles.id")
                .on_delete(ReferentialAction::Cascade);
            t.string("email").length(254).not_null().unique();
            t.boolean("is_admin").not_null().default(false);
            t.decimal("score", 10, 3);
            t.enumeration("kind", &["a", "b"]);
            t.text("bio").comment("about me");
            t.timestamps();
        });
        schema.create_index("users", &["kind", "score"]);
    }
}

fn config(root: &std::path::Path) -> ConnectionConfig {
    ConnectionConfig {
        name: "test".into(),
        driver: "sqlite".into(),
        url: "sqlite://db.sqlite3".into(),
        debug: false,
        password_env: None,
        root: root.to_path_buf(),
        cluster: Default::default(),
    }
}

async fn schema_after(root: &std::path::Path, migrations: Vec<Migration>) -> Vec<String> {
    let roles = Migration::from_rust("0_roles", &CreateRoles);
    let mut all = vec![roles];
    all.extend(migrations);
    let driver = SqliteDriver;
    let conn = driver
        .connect(
            &config(root),
            ConnectOptions {
                create: true,
                lock_timeout: None,
            },
        )
        .await
        .expect("connect");
    let mut migrator = Migrator::new(conn, driver.dialect(), all);
    migrator.run(RunOptions::default()).await.expect("run");
    let rows = migrator
        .connection()
        .query(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'users' AND sql IS NOT NULL ORDER BY name",
            &[],
        )
        .await
        .expect("query");
    migrator.close().await.expect("close");
    rows.iter()
        .map(|r| r.get(0).as_text().unwrap_or_default())
        .collect()
}

struct CreateRoles;

impl RustMigration for CreateRoles {
    fn up(&self, schema: &mut Schema) {
        schema.create_table("roles", |t| {
            t.increments("id");
        });
    }
}

#[test]
fn a_fluent_rust_migration_compiles_to_the_same_ddl_as_its_toml_twin() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let rust_dir = tempfile::tempdir().expect("tempdir");
    let toml_dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(toml_dir.path().join("m")).expect("mkdir");
    std::fs::write(toml_dir.path().join("m/1_users.toml"), USERS_TOML).expect("write");
    let from_toml = MigrationSource::new(toml_dir.path(), vec!["m".into()])
        .load()
        .expect("load");
    let from_rust = vec![Migration::from_rust("m/1_users", &CreateUsers)];
    assert_eq!(from_rust[0].body, from_toml[0].body, "same AST");
    let rust_schema = runtime.block_on(schema_after(rust_dir.path(), from_rust));
    let toml_schema = runtime.block_on(schema_after(toml_dir.path(), from_toml));
    assert_eq!(rust_schema, toml_schema);
    assert_eq!(
        rust_schema.len(),
        3,
        "table, unique index, index: {rust_schema:?}"
    );
    assert!(
        rust_schema
            .iter()
            .any(|s| s.contains("CONSTRAINT \"users_role_id_foreign\""))
    );
}
