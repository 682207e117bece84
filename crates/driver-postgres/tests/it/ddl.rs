//! Golden snapshots of the PostgreSQL DDL for every column type, modifier and table-level
//! option, compared without a server, then executed against a fresh real database (where
//! there is a server) to prove it is valid. The other operations are in `operations.rs`,
//! `alter_table` in `alter.rs`.

use crate::common::{
    Steps, col, compile, enumeration, fresh, not_null, reference, rendered, run_all, run_steps,
    string, table, users_table,
};
use dbm_core::Dialect;
use dbm_core::schema::{
    Column, ColumnType, CreateTable, DefaultValue, ForeignKey, IndexDef, Operation, Reference,
    ReferentialAction,
};
use dbm_driver_postgres::PostgresDialect;

fn all_types() -> Vec<ColumnType> {
    vec![
        ColumnType::Increments,
        ColumnType::BigIncrements,
        ColumnType::TinyInteger,
        ColumnType::SmallInteger,
        ColumnType::Integer,
        ColumnType::BigInteger,
        ColumnType::Float,
        ColumnType::Double,
        ColumnType::Decimal {
            precision: 8,
            scale: 2,
        },
        ColumnType::Boolean,
        ColumnType::Char { length: 10 },
        string(255),
        ColumnType::Text,
        ColumnType::Date,
        ColumnType::Time,
        ColumnType::DateTime { tz: true },
        ColumnType::Timestamp { tz: true },
        ColumnType::Json,
        ColumnType::Jsonb,
        ColumnType::Uuid,
        ColumnType::Binary { length: None },
        enumeration(&["draft", "it's live"], false),
        ColumnType::Specific {
            sql_type: "inet".into(),
        },
    ]
}

#[tokio::test]
async fn every_column_type_compiles_to_the_design_table_and_runs() {
    let steps: Steps = all_types()
        .into_iter()
        .map(|column_type| {
            let word = column_type.word();
            let op =
                Operation::CreateTable(table(&format!("t_{word}"), vec![col("c", column_type)]));
            (word.to_string(), compile(&PostgresDialect, &op))
        })
        .collect();
    insta::assert_snapshot!("column_types", rendered(&steps));

    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    run_steps(conn.as_mut(), &steps).await;
}

fn with_default(column_type: ColumnType, default: DefaultValue) -> Vec<Column> {
    vec![Column {
        default: Some(default),
        ..col("c", column_type)
    }]
}

fn with_reference(
    name: &str,
    on_delete: ReferentialAction,
    on_update: ReferentialAction,
) -> Column {
    Column {
        references: Some(Reference {
            table: "parents".into(),
            column: "id".into(),
            on_delete: Some(on_delete),
            on_update: Some(on_update),
        }),
        ..col(name, ColumnType::Integer)
    }
}

fn modifier_cases() -> Vec<(&'static str, Vec<Column>)> {
    use DefaultValue as D;
    vec![
        ("nullable (the default)", vec![col("c", string(30))]),
        ("nullable = false", vec![not_null(col("c", string(30)))]),
        (
            "string default with a quote and a backslash",
            with_default(string(30), D::String("it's a \\ back".into())),
        ),
        (
            "integer default",
            with_default(ColumnType::Integer, D::Integer(-1)),
        ),
        (
            "float default",
            with_default(ColumnType::Double, D::Float(1.5)),
        ),
        (
            "decimal default",
            with_default(
                ColumnType::Decimal {
                    precision: 10,
                    scale: 3,
                },
                D::Float(0.0),
            ),
        ),
        (
            "boolean default true",
            with_default(ColumnType::Boolean, D::Boolean(true)),
        ),
        (
            "boolean default false",
            with_default(ColumnType::Boolean, D::Boolean(false)),
        ),
        (
            "json default",
            with_default(ColumnType::Jsonb, D::String("{\"a\":1}".into())),
        ),
        (
            "default_sql keyword",
            with_default(
                ColumnType::Timestamp { tz: true },
                D::Sql("CURRENT_TIMESTAMP".into()),
            ),
        ),
        (
            "default_sql expression",
            with_default(ColumnType::Uuid, D::Sql("gen_random_uuid()".into())),
        ),
        (
            "unsigned (a no-op)",
            vec![Column {
                unsigned: true,
                ..col("c", ColumnType::Integer)
            }],
        ),
        (
            "primary",
            vec![Column {
                primary: true,
                ..col("c", string(30))
            }],
        ),
        (
            "unique and index",
            vec![Column {
                unique: true,
                index: true,
                ..col("c", string(254))
            }],
        ),
        (
            "references",
            vec![Column {
                references: reference("parents.id", None),
                ..col("parent_id", ColumnType::Integer)
            }],
        ),
        (
            "references with every action",
            vec![
                with_reference(
                    "a_id",
                    ReferentialAction::Cascade,
                    ReferentialAction::Restrict,
                ),
                with_reference(
                    "b_id",
                    ReferentialAction::SetNull,
                    ReferentialAction::SetDefault,
                ),
                with_reference(
                    "c_id",
                    ReferentialAction::NoAction,
                    ReferentialAction::NoAction,
                ),
            ],
        ),
        (
            "comment with a quote",
            vec![Column {
                comment: Some("the user's email".into()),
                ..not_null(col("c", string(254)))
            }],
        ),
        (
            "tz = false",
            vec![
                col("c", ColumnType::Timestamp { tz: false }),
                col("d", ColumnType::DateTime { tz: false }),
            ],
        ),
        (
            "native enum",
            vec![col("c", enumeration(&["a", "it's b"], true))],
        ),
        (
            "enum not null with a default",
            vec![Column {
                default: Some(D::String("a".into())),
                ..not_null(col("c", enumeration(&["a", "b"], false)))
            }],
        ),
        (
            "native enum not null with a default and a comment",
            vec![Column {
                default: Some(D::String("b".into())),
                comment: Some("state".into()),
                ..not_null(col("c", enumeration(&["a", "b"], true)))
            }],
        ),
        (
            "binary with a length (still bytea)",
            vec![col("c", ColumnType::Binary { length: Some(16) })],
        ),
        ("big_increments", vec![col("id", ColumnType::BigIncrements)]),
    ]
}

#[tokio::test]
async fn every_column_modifier_compiles_and_runs() {
    let steps: Steps = modifier_cases()
        .into_iter()
        .enumerate()
        .map(|(n, (label, columns))| {
            let op = Operation::CreateTable(table(&format!("m{n}"), columns));
            (label.to_string(), compile(&PostgresDialect, &op))
        })
        .collect();
    insta::assert_snapshot!("column_modifiers", rendered(&steps));

    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    run_all(
        conn.as_mut(),
        &["CREATE TABLE \"parents\" (\"id\" integer PRIMARY KEY)"],
    )
    .await;
    run_steps(conn.as_mut(), &steps).await;
}

fn pivot_table() -> CreateTable {
    let index = |columns: &[&str], name: Option<&str>| IndexDef {
        columns: columns.iter().map(|c| c.to_string()).collect(),
        name: name.map(str::to_string),
    };
    CreateTable {
        primary_key: vec!["user_id".into(), "challenge_id".into()],
        unique: vec![index(&["challenge_id", "rank"], None)],
        indexes: vec![
            index(&["rank"], None),
            index(&["user_id", "rank"], Some("by_user_rank")),
        ],
        foreign_keys: vec![
            ForeignKey {
                columns: vec!["user_id".into()],
                references_table: "users".into(),
                references_columns: vec!["id".into()],
                on_delete: Some(ReferentialAction::Cascade),
                on_update: Some(ReferentialAction::Cascade),
                name: None,
            },
            ForeignKey {
                columns: vec!["challenge_id".into()],
                references_table: "challenges".into(),
                references_columns: vec!["id".into()],
                name: Some("challenge_fk".into()),
                ..ForeignKey::default()
            },
        ],
        if_not_exists: true,
        ..table(
            "challenge_user",
            vec![
                not_null(col("user_id", ColumnType::Integer)),
                not_null(col("challenge_id", ColumnType::Integer)),
                col("rank", ColumnType::SmallInteger),
                col("state", enumeration(&["open", "done"], true)),
            ],
        )
    }
}

#[tokio::test]
async fn create_table_with_every_table_level_option_compiles_and_runs() {
    let roles = table(
        "roles",
        vec![
            col("id", ColumnType::Increments),
            not_null(col("name", string(30))),
        ],
    );
    let challenges = table("challenges", vec![col("id", ColumnType::BigIncrements)]);
    let cases = [
        ("roles", roles),
        ("users with timestamps", users_table()),
        ("challenges", challenges),
        (
            "pivot: composite key, unique, indexes, foreign keys, native enum, if_not_exists",
            pivot_table(),
        ),
        ("the same again is a no-op", pivot_table()),
        (
            "the tracking table",
            PostgresDialect.tracking_table("dbm_schema"),
        ),
        (
            "the tracking versions table",
            dbm_core::dialect::versions_table("dbm_schema"),
        ),
    ];
    let steps: Steps = cases
        .into_iter()
        .map(|(label, create)| {
            (
                label.to_string(),
                compile(&PostgresDialect, &Operation::CreateTable(create)),
            )
        })
        .collect();
    insta::assert_snapshot!("create_table", rendered(&steps));

    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    run_steps(conn.as_mut(), &steps).await;
}
