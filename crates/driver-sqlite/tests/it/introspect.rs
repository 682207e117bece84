//! The full catalog of a schema written in raw SQL: columns with `AUTOINCREMENT`, unique
//! constraints and indexes, expression and partial indexes, foreign key actions, views and
//! triggers; and two databases built the same way give equal catalogs.

use crate::common::{memory, run_all};
use dbm_core::driver::{ColumnInfo, ForeignKeyInfo, IndexInfo, TriggerInfo, ViewInfo};

const SCHEMA: &[&str] = &[
    "CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
    "CREATE TABLE users (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, \
     team_id integer REFERENCES teams (id) ON DELETE SET NULL ON UPDATE CASCADE, \
     email varchar(254) NOT NULL, nick TEXT DEFAULT 'x', deleted_at timestamp, \
     CONSTRAINT users_email_unique UNIQUE (email), UNIQUE (nick, team_id), \
     CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES teams ON DELETE CASCADE)",
    "CREATE INDEX users_lower_email ON users (lower(email) COLLATE NOCASE DESC, team_id)",
    "CREATE UNIQUE INDEX users_live_nick ON users (nick) WHERE deleted_at IS NULL",
    "CREATE VIEW live_users AS SELECT id, email FROM users WHERE deleted_at IS NULL",
    "CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; END",
];

fn index(name: &str, columns: &[&str], unique: bool, constraint: bool) -> IndexInfo {
    IndexInfo {
        name: name.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        unique,
        constraint,
        ..IndexInfo::default()
    }
}

#[tokio::test]
async fn the_catalog_reports_every_kind_of_object_field_by_field() {
    let mut conn = memory().await;
    run_all(conn.as_mut(), SCHEMA).await;
    let catalog = conn.introspect().await.expect("introspects");
    let names: Vec<&str> = catalog.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["teams", "users"]);
    assert!(catalog.enums.is_empty() && catalog.routines.is_empty());

    let teams = &catalog.tables[0];
    assert_eq!(
        teams.columns[0],
        ColumnInfo {
            name: "id".into(),
            data_type: "integer".into(),
            nullable: true,
            default: None,
            auto_increment: false,
            ..ColumnInfo::default()
        },
        "a rowid alias without AUTOINCREMENT is not reported as a counter"
    );

    let users = &catalog.tables[1];
    let column = |name: &str, data_type: &str, nullable, default: Option<&str>, auto| ColumnInfo {
        name: name.into(),
        data_type: data_type.into(),
        nullable,
        default: default.map(str::to_string),
        auto_increment: auto,
        ..ColumnInfo::default()
    };
    assert_eq!(
        users.columns,
        [
            column("id", "integer", false, None, true),
            column("team_id", "integer", true, None, false),
            column("email", "varchar(254)", false, None, false),
            column("nick", "text", true, Some("'x'"), false),
            column("deleted_at", "timestamp", true, None, false),
        ]
    );
    assert_eq!(users.primary_key, ["id"]);
    assert_eq!(users.comment, None);
    assert_eq!(
        users.indexes,
        [
            index("sqlite_autoindex_users_2", &["nick", "team_id"], true, true),
            index("users_email_unique", &["email"], true, true),
            IndexInfo {
                predicate: Some("deleted_at IS NULL".into()),
                ..index("users_live_nick", &["nick"], true, false)
            },
            index(
                "users_lower_email",
                &["(lower(email))", "team_id"],
                false,
                false
            ),
        ]
    );
    let fk = |name: Option<&str>, on_delete: &str, on_update: &str| ForeignKeyInfo {
        name: name.map(str::to_string),
        columns: vec!["team_id".into()],
        references_table: "teams".into(),
        references_columns: vec!["id".into()],
        on_delete: on_delete.into(),
        on_update: on_update.into(),
    };
    assert_eq!(
        users.foreign_keys,
        [
            fk(None, "SET NULL", "CASCADE"),
            fk(Some("users_team_fk"), "CASCADE", "NO ACTION"),
        ],
        "a reference without columns names the parent's primary key"
    );
    assert_eq!(
        catalog.views,
        [ViewInfo {
            name: "live_users".into(),
            create_sql: Some(SCHEMA[4].into()),
        }]
    );
    assert_eq!(
        catalog.triggers,
        [TriggerInfo {
            name: "users_touch".into(),
            table: "users".into(),
            create_sql: Some(SCHEMA[5].into()),
        }]
    );
}

#[tokio::test]
async fn two_databases_built_the_same_way_have_equal_catalogs() {
    let mut first = memory().await;
    let mut second = memory().await;
    run_all(first.as_mut(), SCHEMA).await;
    run_all(second.as_mut(), SCHEMA).await;
    let first = first.introspect().await.expect("introspects");
    assert_eq!(first, second.introspect().await.expect("introspects"));
    assert!(!first.tables.is_empty() && !first.triggers.is_empty());
}
