use super::*;
use crate::catalog::{ObjectInfo, RoutineInfo, ViewInfo};
use crate::dialect::ddl::tests::Plain;
use crate::repository::RowState;

fn tracking() -> TrackingRows {
    TrackingRows {
        table: "dbm_schema".into(),
        format_version: 2,
        rows: vec![AppliedMigration {
            id: 7,
            name: "1_create_users".into(),
            batch: 1,
            checksum: None,
            migration_time: Some("2026-01-02 03:04:05".into()),
            state: RowState::Applied,
        }],
    }
}

fn users() -> TableInfo {
    TableInfo {
        name: "users".into(),
        columns: vec![
            ColumnInfo {
                name: "id".into(),
                data_type: "integer".into(),
                auto_increment: true,
                ..ColumnInfo::default()
            },
            ColumnInfo {
                name: "email".into(),
                data_type: "varchar(254)".into(),
                nullable: true,
                default: Some("'none'".into()),
                comment: Some("it's the login".into()),
                ..ColumnInfo::default()
            },
        ],
        primary_key: vec!["id".into()],
        indexes: vec![IndexInfo {
            name: "users_email_index".into(),
            columns: vec!["email".into()],
            ..IndexInfo::default()
        }],
        ..TableInfo::default()
    }
}

#[test]
fn the_default_hooks_render_standard_sql_with_the_tracking_tables_from_the_dialect() {
    let catalog = Catalog {
        // The catalog's own tracking tables are replaced by the dialect's definition.
        tables: vec![
            TableInfo {
                name: "dbm_schema".into(),
                ..TableInfo::default()
            },
            users(),
        ],
        ..Catalog::default()
    };
    insta::assert_snapshot!(render(&Plain, &catalog, &tracking()).expect("render"));
}

#[test]
fn an_unreadable_view_fails_the_dump_and_names_it() {
    let catalog = Catalog {
        tables: vec![users()],
        views: vec![ViewInfo {
            name: "active".into(),
            create_sql: None,
        }],
        ..Catalog::default()
    };
    let error = render(&Plain, &catalog, &tracking()).expect_err("refused");
    assert!(
        error
            .to_string()
            .contains("1 object of the database: view active"),
        "{error}"
    );
}

#[test]
fn objects_go_in_their_stage_and_given_definitions_replace_rendered_ones() {
    let object = |kind: &str, name: &str, stage, sql: &str| ObjectInfo {
        kind: kind.into(),
        name: name.into(),
        table: None,
        stage,
        create_sql: Some(format!("{sql};\n")),
    };
    let mut table = users();
    table.constraints.push(ConstraintInfo {
        name: "users_email_check".into(),
        kind: "check".into(),
        definition: "CHECK ((email <> ''))".into(),
    });
    table.indexes[0].definition =
        Some("CREATE INDEX users_email_index ON users USING hash (email)".into());
    let whole = TableInfo {
        name: "notes".into(),
        create_sql: Some("CREATE TABLE notes (body text)".into()),
        ..TableInfo::default()
    };
    let catalog = Catalog {
        tables: vec![whole, table],
        objects: vec![
            object(
                "materialized view",
                "totals",
                Stage::Definitions,
                "CREATE MATERIALIZED VIEW totals AS SELECT 1",
            ),
            object(
                "domain",
                "email",
                Stage::Types,
                "CREATE DOMAIN email AS text",
            ),
            object(
                "sequence owner",
                "s",
                Stage::Tables,
                "ALTER SEQUENCE s OWNED BY users.id",
            ),
            object(
                "extension",
                "citext",
                Stage::Prelude,
                "CREATE EXTENSION citext",
            ),
        ],
        ..Catalog::default()
    };
    let dump = render(&Plain, &catalog, &tracking()).expect("render");
    let at = |needle: &str| {
        dump.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is not in the dump:\n{dump}"))
    };
    let order = [
        "CREATE EXTENSION citext;",
        "CREATE DOMAIN email AS text;",
        "CREATE TABLE \"dbm_schema\"",
        "CREATE TABLE notes (body text);",
        "CREATE TABLE \"users\"",
        "ALTER SEQUENCE s OWNED BY users.id;",
        "ALTER TABLE \"users\" ADD CONSTRAINT \"users_email_check\" CHECK ((email <> ''));",
        "CREATE INDEX users_email_index ON users USING hash (email);",
        "CREATE MATERIALIZED VIEW totals AS SELECT 1;",
        "INSERT INTO",
    ];
    let positions: Vec<usize> = order.iter().map(|n| at(n)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "out of order:\n{dump}"
    );
    assert!(
        !dump.contains("CREATE INDEX \"users_email_index\""),
        "{dump}"
    );
}

#[test]
fn what_the_catalog_cannot_describe_fails_the_dump_with_every_name() {
    let catalog = Catalog {
        tables: vec![users()],
        objects: vec![ObjectInfo {
            kind: "event".into(),
            name: "purge".into(),
            create_sql: None,
            ..ObjectInfo::default()
        }],
        unsupported: vec!["table \"t\" inherits from \"u\"".into()],
        ..Catalog::default()
    };
    let error = render(&Plain, &catalog, &tracking())
        .expect_err("refused")
        .to_string();
    assert!(
        error.contains("2 objects of the database: table \"t\" inherits from \"u\", event purge"),
        "{error}"
    );
}

#[test]
fn partitions_follow_their_parent_and_routines_come_before_views() {
    let table = |name: &str, parent: Option<&str>| TableInfo {
        name: name.into(),
        create_sql: Some(format!("CREATE TABLE {name} ()")),
        partition_of: parent.map(Into::into),
        ..TableInfo::default()
    };
    let catalog = Catalog {
        tables: vec![
            table("a_2024", Some("b_logs")),
            table("a_2024_q1", Some("a_2024")),
            table("b_logs", None),
        ],
        views: vec![ViewInfo {
            name: "a_view".into(),
            create_sql: Some("CREATE VIEW a_view AS SELECT z_fn()".into()),
        }],
        routines: vec![RoutineInfo {
            name: "z_fn".into(),
            kind: "function".into(),
            create_sql: Some("CREATE FUNCTION z_fn() RETURNS int AS 'SELECT 1'".into()),
        }],
        ..Catalog::default()
    };
    let dump = render(&Plain, &catalog, &tracking()).expect("render");
    let at = |needle: &str| {
        dump.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} is not in the dump:\n{dump}"))
    };
    let order = [
        "CREATE TABLE b_logs ()",
        "CREATE TABLE a_2024 ()",
        "CREATE TABLE a_2024_q1 ()",
        "CREATE FUNCTION z_fn()",
        "CREATE VIEW a_view",
    ];
    let positions: Vec<usize> = order.iter().map(|n| at(n)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "out of order:\n{dump}"
    );
}

#[test]
fn a_table_without_columns_is_refused() {
    let catalog = Catalog {
        tables: vec![TableInfo {
            name: "empty".into(),
            ..TableInfo::default()
        }],
        ..Catalog::default()
    };
    assert!(render(&Plain, &catalog, &tracking()).is_err());
}

#[test]
fn the_manifest_sits_beside_the_dump() {
    let files = DumpFiles::for_connection(Path::new("database/schema"), "pg");
    assert_eq!(files.sql, Path::new("database/schema/pg-schema.sql"));
    assert_eq!(files.manifest, Path::new("database/schema/pg-schema.json"));
}
