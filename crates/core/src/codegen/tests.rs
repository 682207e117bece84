//! The generators on hand-built catalogs: no database needed.

use std::collections::BTreeMap;

use super::*;
use crate::catalog::{ColumnInfo, EnumInfo, ForeignKeyInfo, IndexInfo, TableInfo};
use crate::config::{DatetimeCrate, DecimalCrate, JsonCrate, SchemaConfig, UuidCrate};
use crate::dialect::Family;

fn column(name: &str, data_type: &str, nullable: bool) -> ColumnInfo {
    ColumnInfo {
        name: name.to_owned(),
        data_type: data_type.to_owned(),
        nullable,
        ..ColumnInfo::default()
    }
}

fn table(name: &str, columns: Vec<ColumnInfo>) -> TableInfo {
    TableInfo {
        name: name.to_owned(),
        columns,
        primary_key: vec!["id".to_owned()],
        ..TableInfo::default()
    }
}

fn fk(column: &str, table: &str) -> ForeignKeyInfo {
    ForeignKeyInfo {
        name: Some(format!("x_{column}_foreign")),
        columns: vec![column.to_owned()],
        references_table: table.to_owned(),
        references_columns: vec!["id".to_owned()],
        on_delete: "CASCADE".to_owned(),
        on_update: "NO ACTION".to_owned(),
    }
}

/// The demo app's `users`, `profiles` and `challenge_user` as each database reports them,
/// with the tracking tables.
fn demo(family: Family) -> Catalog {
    let (id, int_unsigned, varchar, boolean, timestamp) = match family {
        Family::Postgres => (
            "integer",
            "integer",
            "character varying(254)",
            "boolean",
            "timestamp with time zone",
        ),
        Family::Mysql => (
            "int(10) unsigned",
            "int unsigned",
            "varchar(254)",
            "tinyint(1)",
            "timestamp",
        ),
        _ => ("integer", "integer", "varchar(254)", "boolean", "datetime"),
    };
    let mut users = table(
        "users",
        vec![
            column("id", id, false),
            column("email", varchar, false),
            column("created_at", timestamp, true),
        ],
    );
    users.indexes.push(IndexInfo {
        name: "users_email_unique".to_owned(),
        columns: vec!["email".to_owned()],
        unique: true,
        ..IndexInfo::default()
    });
    let mut profiles = table(
        "profiles",
        vec![
            column("id", id, false),
            column("user_id", int_unsigned, false),
            column("is_public", boolean, true),
        ],
    );
    profiles.foreign_keys.push(fk("user_id", "users"));
    let mut challenge_user = table(
        "challenge_user",
        vec![
            column("id", id, false),
            column("user_id", int_unsigned, true),
            column("completed_at", timestamp, true),
        ],
    );
    challenge_user.foreign_keys.push(fk("user_id", "users"));
    Catalog {
        tables: vec![
            challenge_user,
            table("dbm_schema", vec![column("id", id, false)]),
            table("dbm_schema_versions", vec![column("version", id, false)]),
            profiles,
            users,
        ],
        ..Catalog::default()
    }
}

fn generate(family: Family, config: &SchemaConfig) -> String {
    let catalog = visible_catalog(&demo(family), "dbm_schema", &config.exclude_tables);
    rust_module(&catalog, family, config)
}

#[test]
fn the_demo_tables_on_each_database() {
    let config = SchemaConfig {
        derive_from_row: true,
        ..SchemaConfig::default()
    };
    insta::assert_snapshot!("demo_sqlite", generate(Family::Sqlite, &config));
    insta::assert_snapshot!("demo_postgres", generate(Family::Postgres, &config));
    insta::assert_snapshot!("demo_mysql", generate(Family::Mysql, &config));
}

#[test]
fn the_tracking_tables_and_excluded_tables_are_left_out() {
    let config = SchemaConfig {
        exclude_tables: vec!["profiles".to_owned()],
        ..SchemaConfig::default()
    };
    let module = generate(Family::Sqlite, &config);
    assert!(!module.contains("dbm_schema"), "{module}");
    assert!(!module.contains("Profile"), "{module}");
    assert!(module.contains("pub struct User {"), "{module}");
    let visible = visible_catalog(&demo(Family::Sqlite), "dbm_schema", &[]);
    let names: Vec<&str> = visible.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["challenge_user", "profiles", "users"]);
}

/// Every mapping of every family, with each choice of crate.
#[test]
fn the_type_map() {
    let cases: &[(Family, &str)] = &[
        (Family::Postgres, "smallint"),
        (Family::Postgres, "integer"),
        (Family::Postgres, "bigint"),
        (Family::Postgres, "real"),
        (Family::Postgres, "double precision"),
        (Family::Postgres, "numeric(8,2)"),
        (Family::Postgres, "boolean"),
        (Family::Postgres, "character(2)"),
        (Family::Postgres, "text"),
        (Family::Postgres, "bytea"),
        (Family::Postgres, "date"),
        (Family::Postgres, "time without time zone"),
        (Family::Postgres, "timestamp(6) without time zone"),
        (Family::Postgres, "timestamp with time zone"),
        (Family::Postgres, "uuid"),
        (Family::Postgres, "jsonb"),
        (Family::Postgres, "mood"),
        (Family::Postgres, "tsvector"),
        (Family::Mysql, "tinyint(1)"),
        (Family::Mysql, "tinyint(3) unsigned"),
        (Family::Mysql, "smallint unsigned"),
        (Family::Mysql, "mediumint(8)"),
        (Family::Mysql, "int(10) unsigned"),
        (Family::Mysql, "int"),
        (Family::Mysql, "bigint unsigned"),
        (Family::Mysql, "float(8,2)"),
        (Family::Mysql, "double"),
        (Family::Mysql, "decimal(8,2) unsigned zerofill"),
        (Family::Mysql, "varchar(255)"),
        (Family::Mysql, "enum('a','b')"),
        (Family::Mysql, "longblob"),
        (Family::Mysql, "datetime(3)"),
        (Family::Mysql, "timestamp"),
        (Family::Mysql, "json"),
        (Family::Mysql, "char(36)"),
        (Family::Mysql, "geometry"),
        (Family::Sqlite, "integer"),
        (Family::Sqlite, "unsigned big int"),
        (Family::Sqlite, "boolean"),
        (Family::Sqlite, "varchar(255)"),
        (Family::Sqlite, "float"),
        (Family::Sqlite, "decimal(8, 2)"),
        (Family::Sqlite, "blob"),
        (Family::Sqlite, "datetime"),
        (Family::Sqlite, "timestamp"),
        (Family::Sqlite, "date"),
        (Family::Sqlite, "json"),
        (Family::Sqlite, "uuid"),
        (Family::Sqlite, ""),
    ];
    let strings = SchemaConfig::default();
    let time = SchemaConfig {
        datetime: DatetimeCrate::Time,
        decimal: DecimalCrate::RustDecimal,
        uuid: UuidCrate::Uuid,
        json: JsonCrate::SerdeJson,
        ..SchemaConfig::default()
    };
    let chrono = SchemaConfig {
        datetime: DatetimeCrate::Chrono,
        ..SchemaConfig::default()
    };
    let enums = ["mood".to_owned()];
    let mut table = String::from("family | type | string | time + crates | chrono\n");
    for (family, data_type) in cases {
        let column = column("c", data_type, false);
        let shown = |config: &SchemaConfig| {
            let ty = rust_type(*family, "t", &column, config, &enums);
            match ty.unmapped {
                Some(db) => format!("{} (unmapped {db})", ty.ty),
                None => ty.ty,
            }
        };
        table.push_str(&format!(
            "{family} | {data_type} | {} | {} | {}\n",
            shown(&strings),
            shown(&time),
            shown(&chrono)
        ));
    }
    insta::assert_snapshot!("type_map", table);
}

#[test]
fn overrides_by_column_then_by_type() {
    let config = SchemaConfig {
        types: BTreeMap::from([
            ("int unsigned".to_owned(), "u64".to_owned()),
            ("VARCHAR".to_owned(), "Email".to_owned()),
        ]),
        columns: BTreeMap::from([("challenge_user.user_id".to_owned(), "UserId".to_owned())]),
        ..SchemaConfig::default()
    };
    let module = generate(Family::Mysql, &config);
    assert!(module.contains("pub user_id: Option<UserId>,"), "{module}");
    assert!(
        module.contains("pub user_id: u64,"),
        "the whole declared type: {module}"
    );
    assert!(
        module.contains("pub id: u32,"),
        "int(10) unsigned is not overridden: {module}"
    );
    assert!(
        module.contains("pub email: Email,"),
        "the base name, in any case: {module}"
    );
}

#[test]
fn names_comments_and_unknown_types() {
    let mut odd = table(
        "people",
        vec![
            ColumnInfo {
                comment: Some("Who it is.\nTwo lines.".to_owned()),
                ..column("type", "text", false)
            },
            column("userId", "integer", true),
            column("self", "integer", false),
            column("2fa", "boolean", false),
            column("search", "tsvector", true),
        ],
    );
    odd.comment = Some("Everyone we know.".to_owned());
    let catalog = Catalog {
        tables: vec![odd, table("person", vec![column("id", "integer", false)])],
        ..Catalog::default()
    };
    let plain = rust_module(&catalog, Family::Postgres, &SchemaConfig::default());
    insta::assert_snapshot!("odd_names", plain);
    let config = SchemaConfig {
        derive_from_row: true,
        derives: vec![],
        ..SchemaConfig::default()
    };
    let from_row = rust_module(&catalog, Family::Postgres, &config);
    assert!(from_row.contains("#[derive(sqlx::FromRow)]"), "{from_row}");
    assert!(
        from_row.contains("    #[sqlx(rename = \"userId\")]\n    pub user_id: Option<i32>,"),
        "{from_row}"
    );
    assert!(from_row.contains("pub struct Person2 {"), "{from_row}");
}

#[test]
fn struct_names_are_singular_pascal_case() {
    for (table, name) in [
        ("users", "User"),
        ("challenge_user", "ChallengeUser"),
        ("categories", "Category"),
        ("order_statuses", "OrderStatus"),
        ("status", "Status"),
        ("BlogPosts", "BlogPost"),
        ("2fa_codes", "T2faCode"),
        ("___", "Table"),
    ] {
        assert_eq!(struct_name(table), name, "{table}");
    }
    for (column, field) in [
        ("type", "r#type"),
        ("match", "r#match"),
        ("self", "self_"),
        ("userId", "user_id"),
        ("first name", "first_name"),
        ("2fa", "_2fa"),
        ("email", "email"),
    ] {
        assert_eq!(field_name(column), field, "{column}");
    }
}

#[test]
fn the_diagram_of_the_demo_tables() {
    let mut catalog = visible_catalog(&demo(Family::Postgres), "dbm_schema", &[]);
    catalog.enums.push(EnumInfo {
        name: "mood".to_owned(),
        values: vec!["happy".to_owned()],
    });
    catalog.tables[2].columns[1].comment = Some("Where we write \"to\".".to_owned());
    insta::assert_snapshot!("mermaid_demo", mermaid_document(&catalog, Family::Postgres));
}

#[test]
fn output_is_the_same_whatever_the_catalog_order() {
    let config = SchemaConfig::default();
    let mut reversed = demo(Family::Sqlite);
    reversed.tables.reverse();
    let visible = visible_catalog(&reversed, "dbm_schema", &[]);
    assert_eq!(
        rust_module(&visible, Family::Sqlite, &config),
        generate(Family::Sqlite, &config)
    );
}
