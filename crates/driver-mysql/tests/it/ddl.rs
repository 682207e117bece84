//! Golden snapshots of the MySQL DDL for every column type and modifier, compared without a
//! server, then (where there is a server) executed against a fresh database to prove the
//! server takes them.

use crate::common::{
    Steps, col, compile, connect, database, not_null, reference, rendered, run, run_all, run_steps,
    string, table, texts, with_default,
};
use dbm_core::schema::{Column, ColumnType, DefaultValue, Operation, Reference, ReferentialAction};
use dbm_driver_mysql::MysqlDialect;

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
        ColumnType::Binary { length: Some(16) },
        ColumnType::Enum {
            values: vec!["draft".into(), "it's live".into()],
            native: false,
        },
        ColumnType::Specific {
            sql_type: "mediumint unsigned".into(),
        },
    ]
}

#[tokio::test]
async fn every_column_type_compiles_to_the_design_table_and_runs() {
    let steps: Steps = all_types()
        .into_iter()
        .enumerate()
        .map(|(n, column_type)| {
            let word = column_type.word();
            let op =
                Operation::CreateTable(table(&format!("t{n}_{word}"), vec![col("c", column_type)]));
            (word.to_string(), compile(&MysqlDialect, &op))
        })
        .collect();
    insta::assert_snapshot!("column_types", rendered(&steps));

    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_steps(conn.as_mut(), &steps).await;
}

fn modifier_cases() -> Vec<(&'static str, Vec<Column>)> {
    vec![
        ("nullable (the default)", vec![col("c", string(30))]),
        ("nullable = false", vec![not_null(col("c", string(30)))]),
        (
            "nullable timestamp says NULL",
            vec![col("c", ColumnType::Timestamp { tz: true })],
        ),
        (
            "string default with a quote and a backslash",
            vec![with_default(
                string(30),
                DefaultValue::String("it's \\ here".into()),
            )],
        ),
        (
            "integer default",
            vec![with_default(ColumnType::Integer, DefaultValue::Integer(-1))],
        ),
        (
            "float default",
            vec![with_default(ColumnType::Double, DefaultValue::Float(1.5))],
        ),
        (
            "decimal default",
            vec![with_default(
                ColumnType::Decimal {
                    precision: 10,
                    scale: 3,
                },
                DefaultValue::Float(0.25),
            )],
        ),
        (
            "boolean default true",
            vec![with_default(
                ColumnType::Boolean,
                DefaultValue::Boolean(true),
            )],
        ),
        (
            "boolean default false, not null",
            vec![not_null(with_default(
                ColumnType::Boolean,
                DefaultValue::Boolean(false),
            ))],
        ),
        (
            "text default (expression form)",
            vec![with_default(
                ColumnType::Text,
                DefaultValue::String("it's".into()),
            )],
        ),
        (
            "json default (expression form)",
            vec![with_default(
                ColumnType::Json,
                DefaultValue::String("{\"a\":1}".into()),
            )],
        ),
        (
            "jsonb integer default (JSON text)",
            vec![with_default(ColumnType::Jsonb, DefaultValue::Integer(7))],
        ),
        (
            "blob default (expression form)",
            vec![with_default(
                ColumnType::Binary { length: None },
                DefaultValue::String("x".into()),
            )],
        ),
        (
            "enum default",
            vec![not_null(with_default(
                ColumnType::Enum {
                    values: vec!["a".into(), "b".into()],
                    native: true,
                },
                DefaultValue::String("b".into()),
            ))],
        ),
        (
            "default_sql CURRENT_TIMESTAMP",
            vec![not_null(with_default(
                ColumnType::Timestamp { tz: true },
                DefaultValue::Sql("CURRENT_TIMESTAMP".into()),
            ))],
        ),
        (
            "default_sql with a precision and ON UPDATE",
            vec![
                col(
                    "c",
                    ColumnType::Specific {
                        sql_type: "datetime(3)".into(),
                    },
                ),
                Column {
                    default: Some(DefaultValue::Sql(
                        "CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)".into(),
                    )),
                    ..col(
                        "d",
                        ColumnType::Specific {
                            sql_type: "datetime(3)".into(),
                        },
                    )
                },
            ],
        ),
        (
            "default_sql expression",
            vec![with_default(
                ColumnType::Uuid,
                DefaultValue::Sql("uuid()".into()),
            )],
        ),
        (
            "default_sql on text",
            vec![with_default(
                ColumnType::Text,
                DefaultValue::Sql("concat('a', 'b')".into()),
            )],
        ),
        (
            "default_sql NULL",
            vec![with_default(string(5), DefaultValue::Sql("NULL".into()))],
        ),
        (
            "unsigned",
            vec![
                Column {
                    unsigned: true,
                    ..col("c", ColumnType::Integer)
                },
                Column {
                    unsigned: true,
                    ..col("d", ColumnType::BigInteger)
                },
                Column {
                    unsigned: true,
                    ..col("e", ColumnType::TinyInteger)
                },
            ],
        ),
        (
            "comment with quotes and backslashes",
            vec![Column {
                comment: Some("the user's \\ \"email\"".into()),
                ..not_null(col("c", string(254)))
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
            "unique",
            vec![Column {
                unique: true,
                ..col("c", string(254))
            }],
        ),
        (
            "index",
            vec![Column {
                index: true,
                ..col("c", string(254))
            }],
        ),
        (
            "unique and index",
            vec![Column {
                unique: true,
                index: true,
                ..col("c", ColumnType::Integer)
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
            "references with actions",
            vec![Column {
                references: Some(Reference {
                    table: "parents".into(),
                    column: "id".into(),
                    on_delete: Some(ReferentialAction::Cascade),
                    on_update: Some(ReferentialAction::Restrict),
                }),
                ..col("parent_id", ColumnType::Integer)
            }],
        ),
        (
            "references set null and no action",
            vec![Column {
                references: Some(Reference {
                    table: "parents".into(),
                    column: "id".into(),
                    on_delete: Some(ReferentialAction::SetNull),
                    on_update: Some(ReferentialAction::NoAction),
                }),
                ..col("parent_id", ColumnType::Integer)
            }],
        ),
        (
            "references with an index",
            vec![Column {
                index: true,
                references: reference("parents.id", None),
                ..col("parent_id", ColumnType::Integer)
            }],
        ),
        (
            "tz = false (no effect)",
            vec![
                col("c", ColumnType::Timestamp { tz: false }),
                col("d", ColumnType::DateTime { tz: false }),
            ],
        ),
        (
            "decimal precision, string and char length",
            vec![
                col(
                    "c",
                    ColumnType::Decimal {
                        precision: 12,
                        scale: 4,
                    },
                ),
                col("d", string(30)),
                col("e", ColumnType::Char { length: 2 }),
            ],
        ),
    ]
}

#[tokio::test]
async fn every_column_modifier_compiles_and_runs() {
    let steps: Steps = modifier_cases()
        .into_iter()
        .enumerate()
        .map(|(n, (label, columns))| {
            let op = Operation::CreateTable(table(&format!("m{n}"), columns));
            (label.to_string(), compile(&MysqlDialect, &op))
        })
        .collect();
    insta::assert_snapshot!("column_modifiers", rendered(&steps));

    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_all(
        conn.as_mut(),
        &["CREATE TABLE `parents` (`id` int PRIMARY KEY)"],
    )
    .await;
    run_steps(conn.as_mut(), &steps).await;
}

#[tokio::test]
async fn quotes_and_backslashes_in_defaults_and_comments_are_stored_exactly() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let tricky = "it's \\ a \"quote\" \\' and \\n";
    let op = Operation::CreateTable(table(
        "t",
        vec![
            Column {
                comment: Some(tricky.into()),
                ..with_default(string(60), DefaultValue::String(tricky.into()))
            },
            Column {
                name: "d".into(),
                ..with_default(ColumnType::Text, DefaultValue::String(tricky.into()))
            },
        ],
    ));
    run(conn.as_mut(), &compile(&MysqlDialect, &op)).await;
    let comments = texts(
        conn.as_mut(),
        "SELECT COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() \
         AND TABLE_NAME = 't' AND COLUMN_NAME = 'c'",
    )
    .await;
    assert_eq!(comments, [tricky]);
    run_all(conn.as_mut(), &["INSERT INTO t () VALUES ()"]).await;
    assert_eq!(texts(conn.as_mut(), "SELECT c FROM t").await, [tricky]);
    assert_eq!(texts(conn.as_mut(), "SELECT d FROM t").await, [tricky]);
}
