use super::*;
use crate::catalog::ViewInfo;
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
        error.to_string().contains("1 object: view active"),
        "{error}"
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
