use std::path::{Path, PathBuf};

use super::*;
use crate::migration::MigrationSource;
use crate::migration::toml::parse_toml_migration;

/// A TOML migration named `database/migrations/<stem>`.
fn toml(stem: &str, text: &str) -> Migration {
    let name = format!("database/migrations/{stem}");
    let path = PathBuf::from(format!("{name}.toml"));
    let parsed = parse_toml_migration(&path, text).expect("fixture parses");
    Migration {
        name,
        path: Some(path),
        checksum: String::new(),
        body: MigrationBody::Schema {
            up: parsed.up,
            down: parsed.down,
        },
        transaction: parsed.transaction,
    }
}

fn sql(stem: &str, up: &str) -> Migration {
    Migration {
        name: format!("database/migrations/{stem}"),
        path: Some(PathBuf::from(format!("database/migrations/{stem}.sql"))),
        checksum: String::new(),
        body: MigrationBody::Sql {
            up: vec![up.into()],
            down: Some(Vec::new()),
        },
        transaction: true,
    }
}

fn dialects(names: &[&str]) -> CheckOptions {
    CheckOptions {
        dialects: names
            .iter()
            .map(|d| DialectInfo::of_family(Family::from_name(d).expect("a family name")))
            .collect(),
        applied: None,
        galera: false,
    }
}

fn run(migrations: &[Migration]) -> CheckReport {
    check(migrations, &dialects(&["sqlite"]))
}

/// The findings as `(level, rule, migration stem, entry)`.
fn summary(report: &CheckReport) -> Vec<(Level, &'static str, String, String)> {
    report
        .findings
        .iter()
        .map(|f| {
            (
                f.level,
                f.rule.code(),
                f.migration
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                f.entry.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn only(report: &CheckReport) -> &Finding {
    assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
    &report.findings[0]
}

const ROLES: &str = r#"
[[up]]
create_table = "roles"
columns = [{ name = "id", type = "increments" }, { name = "name", type = "string" }]
"#;

const USERS: &str = r#"
[[up]]
create_table = "users"
columns = [
  { name = "id", type = "increments" },
  { name = "role_id", type = "integer", unsigned = true, references = "roles.id" },
]
"#;

#[test]
fn demo_app_is_clean_on_every_dialect() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let migrations = MigrationSource::new(root, vec!["database/migrations".into()])
        .load()
        .expect("demo migrations load");
    assert_eq!(migrations.len(), 5);
    let report = check(&migrations, &dialects(&["sqlite", "postgres", "mysql"]));
    assert_eq!(report.findings, Vec::new());
    assert_eq!(report.checked, 5);
}

#[test]
fn foreign_key_to_a_table_created_later_names_the_migration_and_the_rename() {
    let report = run(&[
        toml("1000_create_users_table", USERS),
        toml("1001_create_roles_table", ROLES),
    ]);
    let f = only(&report);
    assert_eq!(
        summary(&report)[0],
        (
            Level::Error,
            "foreign-key-target",
            "1000_create_users_table".into(),
            "up[0].columns[1].references".into()
        )
    );
    assert!(
        f.message.contains("table `roles` does not exist"),
        "{}",
        f.message
    );
    assert!(
        f.message
            .contains("migration database/migrations/1001_create_roles_table creates it later"),
        "{}",
        f.message
    );
    assert!(
        f.fix.contains("rename `1001_create_roles_table.toml` so it sorts before `1000_create_users_table.toml` (for example `0999_create_roles_table.toml`)"),
        "{}",
        f.fix
    );
    assert_eq!(
        f.file.as_deref(),
        Some("database/migrations/1000_create_users_table.toml")
    );
}

#[test]
fn foreign_key_to_a_table_created_later_in_the_same_migration_says_move_the_entry() {
    let both = format!("{USERS}\n{ROLES}");
    let report = run(&[toml("1_init", &both)]);
    assert_eq!(only(&report).fix, "move up[1] before up[0]");
}

#[test]
fn foreign_key_to_a_missing_column_or_a_table_never_created() {
    let users = USERS.replace("roles.id", "roles.uid");
    let report = run(&[toml("1_roles", ROLES), toml("2_users", &users)]);
    assert!(
        only(&report)
            .message
            .contains("column `roles.uid` does not exist")
    );

    let report = run(&[
        toml("1_roles", ROLES),
        toml("2_users", &USERS.replace("roles.id", "role.id")),
    ]);
    let f = only(&report);
    assert_eq!(f.rule, Rule::ForeignKeyTarget);
    assert!(f.fix.contains("did you mean `roles`?"), "{}", f.fix);
}

#[test]
fn self_referencing_foreign_key_is_fine() {
    let tree = r#"
[[up]]
create_table = "nodes"
columns = [
  { name = "id", type = "increments" },
  { name = "parent_id", type = "integer", unsigned = true, references = "nodes.id" },
]
"#;
    assert_eq!(run(&[toml("1_nodes", tree)]).findings, Vec::new());
}

#[test]
fn dropping_a_referenced_table_or_column_is_an_error() {
    let drop_roles = "[[up]]\ndrop_table = \"roles\"\n[[down]]\nsql = \"SELECT 1\"\n";
    let report = run(&[
        toml("1_roles", ROLES),
        toml("2_users", USERS),
        toml("3_drop", drop_roles),
    ]);
    let f = only(&report);
    assert_eq!((f.level, f.rule), (Level::Error, Rule::ReferencedDrop));
    assert!(
        f.message
            .contains("foreign key `users_role_id_foreign` of `users`"),
        "{}",
        f.message
    );

    let drop_id =
        "[[up]]\nalter_table = \"roles\"\ndrop_columns = [\"id\"]\n[[down]]\nsql = \"SELECT 1\"\n";
    let report = run(&[
        toml("1_roles", ROLES),
        toml("2_users", USERS),
        toml("3_drop", drop_id),
    ]);
    assert_eq!(summary(&report)[0].1, "referenced-drop");
    assert_eq!(summary(&report)[0].3, "up[0].drop_columns[0]");

    // Dropping the foreign key first makes it fine.
    let careful = "[[up]]\nalter_table = \"users\"\ndrop_foreign_keys = [[\"role_id\"]]\n\n[[up]]\ndrop_table = \"roles\"\n[[down]]\nsql = \"SELECT 1\"\n";
    let report = run(&[
        toml("1_roles", ROLES),
        toml("2_users", USERS),
        toml("3_drop", careful),
    ]);
    assert_eq!(report.findings, Vec::new());
}

#[test]
fn renaming_a_referenced_column_is_a_warning_and_the_foreign_key_follows() {
    let rename = "[[up]]\nalter_table = \"roles\"\nrename_columns = { id = \"role_id\" }\n";
    let drop_old = "[[up]]\nalter_table = \"roles\"\ndrop_columns = [\"role_id\"]\n[[down]]\nsql = \"SELECT 1\"\n";
    let report = run(&[
        toml("1_roles", ROLES),
        toml("2_users", USERS),
        toml("3_rename", rename),
        toml("4_drop", drop_old),
    ]);
    assert_eq!(
        summary(&report),
        vec![
            (
                Level::Warning,
                "referenced-rename",
                "3_rename".into(),
                "up[0].rename_columns.id".into()
            ),
            (
                Level::Error,
                "referenced-drop",
                "4_drop".into(),
                "up[0].drop_columns[0]".into()
            ),
        ]
    );
}

#[test]
fn operations_on_missing_objects_and_creates_of_existing_ones() {
    let alter =
        "[[up]]\nalter_table = \"rolez\"\nadd_columns = [{ name = \"x\", type = \"text\" }]\n";
    let report = run(&[toml("1_roles", ROLES), toml("2_alter", alter)]);
    let f = only(&report);
    assert_eq!((f.level, f.rule), (Level::Error, Rule::UnknownObject));
    assert!(f.fix.contains("did you mean `roles`?"), "{}", f.fix);

    let drop_index = "[[up]]\ndrop_index = \"roles_name_index\"\n[[down]]\nsql = \"SELECT 1\"\n";
    let report = run(&[toml("1_roles", ROLES), toml("2_drop", drop_index)]);
    assert_eq!(summary(&report)[0].1, "unknown-object");

    let again = run(&[toml("1_roles", ROLES), toml("2_roles", ROLES)]);
    assert_eq!(summary(&again)[0].1, "already-exists");
    let tolerated = ROLES.replace(
        "create_table = \"roles\"",
        "create_table = \"roles\"\nif_not_exists = true",
    );
    assert_eq!(
        run(&[toml("1_roles", ROLES), toml("2_roles", &tolerated)]).findings,
        Vec::new()
    );

    let add =
        "[[up]]\nalter_table = \"roles\"\nadd_columns = [{ name = \"name\", type = \"text\" }]\n";
    let report = run(&[toml("1_roles", ROLES), toml("2_add", add)]);
    assert_eq!(
        summary(&report)[0],
        (
            Level::Error,
            "already-exists",
            "2_add".into(),
            "up[0].add_columns[0]".into()
        )
    );

    let index = "[[up]]\ncreate_index = \"roles\"\ncolumns = [\"name\"]\n\n[[up]]\ncreate_index = \"roles\"\ncolumns = [\"name\"]\n";
    let report = run(&[toml("1_roles", ROLES), toml("2_index", index)]);
    assert_eq!(
        summary(&report)[0],
        (
            Level::Error,
            "already-exists",
            "2_index".into(),
            "up[1].columns".into()
        )
    );
}

#[test]
fn irreversible_up_without_down_is_an_error() {
    let drop = "[[up]]\ncreate_index = \"roles\"\ncolumns = [\"name\"]\n\n[[up]]\ndrop_table = \"roles\"\n";
    let report = run(&[toml("1_roles", ROLES), toml("2_drop", drop)]);
    let f = only(&report);
    assert_eq!((f.level, f.rule), (Level::Error, Rule::Irreversible));
    assert_eq!(f.entry.as_deref(), Some("up[1]"));
    let with_down = format!("{drop}\n[[down]]\n{}", ROLES.replace("[[up]]", ""));
    assert_eq!(
        run(&[toml("1_roles", ROLES), toml("2_drop", &with_down)]).findings,
        Vec::new()
    );
}

#[test]
fn a_down_that_does_not_restore_the_schema_is_a_warning() {
    let wrong = r#"
[[up]]
alter_table = "roles"
add_columns = [{ name = "label", type = "string" }]

[[down]]
alter_table = "roles"
drop_columns = ["name"]
"#;
    let report = run(&[toml("1_roles", ROLES), toml("2_label", wrong)]);
    let f = only(&report);
    assert_eq!((f.level, f.rule), (Level::Warning, Rule::DownMismatch));
    assert!(
        f.message.contains("column `label` is left over"),
        "{}",
        f.message
    );
    assert!(f.message.contains("column `name` is gone"), "{}", f.message);

    let right = wrong.replace("drop_columns = [\"name\"]", "drop_columns = [\"label\"]");
    assert_eq!(
        run(&[toml("1_roles", ROLES), toml("2_label", &right)]).findings,
        Vec::new()
    );
}

#[test]
fn lossy_types_are_warnings_for_the_configured_dialects_only() {
    let doc =
        "[[up]]\ncreate_table = \"docs\"\ncolumns = [{ name = \"body\", type = \"jsonb\" }]\n";
    let migrations = [toml("1_docs", doc)];
    let report = check(&migrations, &dialects(&["mysql"]));
    let f = only(&report);
    assert_eq!((f.level, f.rule), (Level::Warning, Rule::LossyType));
    assert_eq!(f.entry.as_deref(), Some("up[0].columns[0]"));
    assert!(f.message.contains("jsonb becomes json on MySQL"));
    assert_eq!(
        check(&migrations, &dialects(&["postgres"])).findings,
        Vec::new()
    );
}

#[test]
fn per_dialect_sql_without_an_entry_for_a_configured_dialect_is_an_error() {
    let text = "[[up]]\nsql = { postgres = \"CREATE EXTENSION citext\" }\n[[down]]\nsql = { postgres = \"DROP EXTENSION citext\", default = \"SELECT 1\" }\n";
    let migrations = [toml("1_ext", text)];
    let report = check(&migrations, &dialects(&["postgres", "mysql"]));
    let f = only(&report);
    assert_eq!((f.level, f.rule), (Level::Error, Rule::SqlDialect));
    assert_eq!(f.entry.as_deref(), Some("up[0].sql"));
    assert!(f.message.contains("no entry for mysql"));
    assert_eq!(
        check(&migrations, &dialects(&["postgres"])).findings,
        Vec::new()
    );
}

#[test]
fn unsigned_mismatch_is_a_mysql_error_and_no_finding_elsewhere() {
    let signed = USERS.replace("unsigned = true, ", "");
    let migrations = [toml("1_roles", ROLES), toml("2_users", &signed)];
    let report = check(&migrations, &dialects(&["mysql"]));
    let f = only(&report);
    assert_eq!((f.level, f.rule), (Level::Error, Rule::ForeignKeyType));
    assert!(
        f.message
            .contains("is integer but the column it references, `roles.id`, is integer unsigned"),
        "{}",
        f.message
    );
    assert!(
        check(&migrations, &dialects(&["sqlite", "postgres"]))
            .findings
            .is_empty()
    );

    let text = USERS.replace("type = \"integer\", unsigned = true", "type = \"string\"");
    let migrations = [toml("1_roles", ROLES), toml("2_users", &text)];
    assert_eq!(
        summary(&check(&migrations, &dialects(&["sqlite"])))[0].0,
        Level::Warning
    );
    assert_eq!(
        summary(&check(&migrations, &dialects(&["postgres"])))[0].0,
        Level::Error
    );
}

#[test]
fn duplicate_names_are_errors_and_duplicate_timestamps_warnings() {
    let mut other = toml("1_roles", ROLES);
    other.name = "database/other/1_roles".into();
    let report = run(&[toml("1_roles", ROLES), other]);
    assert!(summary(&report).contains(&(
        Level::Error,
        "duplicate-name",
        "1_roles".into(),
        String::new()
    )));

    let report = run(&[toml("5_roles", ROLES), toml("5_users", USERS)]);
    assert_eq!(
        summary(&report),
        vec![(
            Level::Warning,
            "duplicate-timestamp",
            "5_users".into(),
            String::new()
        )]
    );
}

#[test]
fn after_raw_sql_unknown_objects_are_warnings_reported_once() {
    let report = run(&[
        sql("1_roles", "CREATE TABLE roles (id integer primary key)"),
        toml("2_users", USERS),
    ]);
    let f = only(&report);
    assert_eq!((f.level, f.rule), (Level::Warning, Rule::ForeignKeyTarget));
    assert!(
        f.message.contains(
            "the model may be incomplete: raw SQL migration database/migrations/1_roles ran before"
        ),
        "{}",
        f.message
    );
    assert_eq!(
        report.unchecked,
        vec!["database/migrations/1_roles".to_string()]
    );
    assert_eq!(report.checked, 1);

    let alter =
        "[[up]]\nalter_table = \"roles\"\nadd_columns = [{ name = \"x\", type = \"text\" }]\n";
    let alter2 =
        "[[up]]\nalter_table = \"roles\"\nadd_columns = [{ name = \"y\", type = \"text\" }]\n";
    let report = run(&[
        sql("1_roles", "CREATE TABLE roles (id integer)"),
        toml("2_x", alter),
        toml("3_y", alter2),
    ]);
    assert_eq!(
        summary(&report),
        vec![(
            Level::Warning,
            "unknown-object",
            "2_x".into(),
            "up[0]".into()
        )]
    );
}

#[test]
fn with_applied_migrations_only_the_pending_ones_are_checked() {
    let migrations = [
        toml("1_roles", ROLES),
        toml("2_again", ROLES),
        toml("3_users", USERS),
    ];
    let options = CheckOptions {
        dialects: vec![DialectInfo::sqlite()],
        applied: Some(vec![
            "database/migrations/1_roles".into(),
            "database/migrations/2_again".into(),
        ]),
        galera: false,
    };
    assert_eq!(
        check(&migrations, &options).findings,
        Vec::new(),
        "applied ones are replayed silently"
    );

    let options = CheckOptions {
        dialects: vec![DialectInfo::sqlite()],
        applied: Some(vec!["database/migrations/0_gone".into()]),
        galera: false,
    };
    let report = check(&[toml("3_users", USERS)], &options);
    assert_eq!(
        summary(&report)[0].0,
        Level::Warning,
        "a missing applied file makes the model uncertain"
    );

    let options = CheckOptions {
        dialects: vec![DialectInfo::sqlite()],
        applied: Some(Vec::new()),
        galera: false,
    };
    assert_eq!(
        summary(&check(&[toml("3_users", USERS)], &options))[0].0,
        Level::Error
    );
}

#[test]
fn findings_display_with_entry_rule_and_fix() {
    let report = run(&[toml("1_users", USERS)]);
    let text = only(&report).to_string();
    assert!(text.starts_with("database/migrations/1_users up[0].columns[1].references: `users.role_id` references `roles.id`"), "{text}");
    assert!(
        text.contains("[foreign-key-target]; fix: create `roles`"),
        "{text}"
    );
}

#[test]
fn foreign_key_types_follow_what_each_database_accepts() {
    let big = USERS.replace(
        "type = \"integer\", unsigned = true",
        "type = \"big_integer\", unsigned = true",
    );
    let migrations = [toml("1_roles", ROLES), toml("2_users", &big)];
    assert_eq!(
        summary(&check(&migrations, &dialects(&["postgres"])))[0].0,
        Level::Warning,
        "PostgreSQL accepts bigint -> integer"
    );
    assert_eq!(
        summary(&check(&migrations, &dialects(&["mysql"])))[0].0,
        Level::Error
    );
}

#[test]
fn index_names_are_per_table_when_mysql_is_the_only_dialect() {
    let named = |table: &str| {
        format!(
            "[[up]]\ncreate_table = \"{table}\"\ncolumns = [{{ name = \"a\", type = \"integer\" }}]\nindexes = [{{ columns = [\"a\"], name = \"by_a\" }}]\n"
        )
    };
    let migrations = [toml("1_x", &named("x")), toml("2_y", &named("y"))];
    assert_eq!(
        summary(&check(&migrations, &dialects(&["postgres", "mysql"])))[0].1,
        "already-exists"
    );
    assert_eq!(
        check(&migrations, &dialects(&["mysql"])).findings,
        Vec::new()
    );
}

#[test]
fn uncertainty_names_its_reason_and_skips_the_down_comparison() {
    let options = CheckOptions {
        dialects: vec![DialectInfo::sqlite()],
        applied: Some(vec!["database/migrations/0_gone".into()]),
        galera: false,
    };
    let with_down = format!("{USERS}\n[[down]]\ndrop_table = \"users\"\n");
    let report = check(&[toml("3_users", &with_down)], &options);
    let f = only(&report);
    assert!(f.message.contains("(the model may be incomplete: applied migration database/migrations/0_gone has no file)"), "{}", f.message);
}

#[test]
fn toml_migrations_with_sql_entries_are_listed_as_not_fully_checked() {
    let text = "[[up]]\nsql = \"CREATE TABLE x (id integer)\"\n[[down]]\nsql = \"DROP TABLE x\"\n";
    let report = run(&[toml("1_x", text)]);
    assert_eq!(
        report.unchecked,
        vec!["database/migrations/1_x".to_string()]
    );
    assert_eq!(report.checked, 1);
}

struct RustUsers;

impl crate::migration::RustMigration for RustUsers {
    fn up(&self, schema: &mut crate::schema::Schema) {
        schema.create_table("users", |t| {
            t.increments("id");
            t.integer("team_id").unsigned().references("teams.id");
        });
        schema.drop_table("legacy_users");
    }
}

#[test]
fn rust_migrations_are_checked_like_toml_ones() {
    let rust = Migration::from_rust("app/1_create_users", &RustUsers);
    let report = run(&[rust]);
    assert_eq!(
        summary(&report),
        vec![
            (
                Level::Error,
                "foreign-key-target",
                "1_create_users".into(),
                "up[0].columns[1].references".into()
            ),
            (
                Level::Error,
                "unknown-object",
                "1_create_users".into(),
                "up[1]".into()
            ),
            (
                Level::Error,
                "irreversible",
                "1_create_users".into(),
                "up[1]".into()
            ),
        ]
    );
    assert_eq!(report.findings[0].file, None, "registered in code: no file");
}

#[test]
fn a_down_that_touches_another_table_is_still_compared() {
    let wrong = r#"
[[up]]
alter_table = "roles"
add_columns = [{ name = "label", type = "string" }]

[[down]]
alter_table = "roles"
drop_columns = ["label"]

[[down]]
drop_table = "users"
"#;
    let report = run(&[
        toml("1_roles", ROLES),
        toml("2_users", USERS),
        toml("3_label", wrong),
    ]);
    let f = only(&report);
    assert_eq!((f.level, f.rule), (Level::Warning, Rule::DownMismatch));
    assert!(f.message.contains("table `users` is gone"), "{}", f.message);
}

/// A third-party dialect of the PostgreSQL family, with a name dbm does not know.
fn cockroach() -> CheckOptions {
    CheckOptions {
        dialects: vec![DialectInfo {
            family: Family::Postgres,
            ..DialectInfo::postgres()
        }],
        applied: None,
        galera: false,
    }
}

#[test]
fn a_dialect_of_the_postgres_family_gets_the_postgres_rules() {
    let pg_only = "[[up]]\nsql = { postgres = \"CREATE EXTENSION citext\" }\n[[down]]\nsql = { postgres = \"DROP EXTENSION citext\" }\n";
    assert_eq!(
        check(&[toml("1_ext", pg_only)], &cockroach()).findings,
        Vec::new(),
        "the `postgres` entry is the family's"
    );
    let mysql_only = pg_only.replace("postgres =", "mysql =");
    let report = check(&[toml("1_ext", &mysql_only)], &cockroach());
    assert_eq!(summary(&report)[0].1, "sql-dialect");
    assert!(
        report.findings[0].message.contains("no entry for postgres"),
        "{}",
        report.findings[0].message
    );
    assert!(report.findings[0].fix.contains("add `postgres = \"...\"`"));

    let bin = "[[up]]\ncreate_table = \"files\"\ncolumns = [{ name = \"data\", type = \"binary\", length = 16 }]\n";
    let report = check(&[toml("1_files", bin)], &cockroach());
    assert_eq!(
        (only(&report).level, only(&report).rule),
        (Level::Warning, Rule::LossyType)
    );
    assert!(
        only(&report)
            .message
            .contains("becomes bytea on PostgreSQL")
    );

    let text_key = USERS.replace("type = \"integer\", unsigned = true", "type = \"string\"");
    let migrations = [toml("1_roles", ROLES), toml("2_users", &text_key)];
    let report = check(&migrations, &cockroach());
    assert_eq!(
        (summary(&report)[0].0, summary(&report)[0].1),
        (Level::Error, "foreign-key-type"),
        "PostgreSQL rejects a string referencing an integer"
    );
}

#[test]
fn an_ansi_dialect_takes_only_default_entries() {
    let options = CheckOptions {
        dialects: vec![DialectInfo::ansi()],
        applied: None,
        galera: false,
    };
    let text =
        "[[up]]\nsql = { postgres = \"SELECT 1\" }\n[[down]]\nsql = { default = \"SELECT 1\" }\n";
    let report = check(&[toml("1_x", text)], &options);
    assert!(only(&report).message.contains("no entry for ansi"));
    assert_eq!(only(&report).fix, "add `default = \"...\"`");
}
