//! Golden snapshots of `create_table` with every table-level option and of the table and
//! index operations, compared without a server, then (where there is a server) executed
//! against a fresh database.

use std::collections::BTreeMap;

use crate::common::{
    Steps, col, compile, compile_error, connect, database, not_null, reference, rendered, run,
    run_all, run_steps, show_create, string, table, texts,
};
use dbm_core::Dialect;
use dbm_core::schema::{
    Column, ColumnType, CreateIndex, CreateTable, DefaultValue, DropIndex, DropTable, ForeignKey,
    IndexDef, Operation, RawSql, Reference, ReferentialAction, RenameTable,
};
use dbm_driver_mysql::MysqlDialect;

fn users_table() -> CreateTable {
    CreateTable {
        timestamps: true,
        ..table(
            "users",
            vec![
                col("id", ColumnType::Increments),
                Column {
                    unsigned: true,
                    default: Some(DefaultValue::Integer(1)),
                    references: reference("roles.id", Some(ReferentialAction::Cascade)),
                    ..not_null(col("role_id", ColumnType::Integer))
                },
                Column {
                    unique: true,
                    ..not_null(col("email", string(254)))
                },
                Column {
                    default: Some(DefaultValue::Boolean(false)),
                    ..not_null(col("is_admin", ColumnType::Boolean))
                },
            ],
        )
    }
}

fn pivot_table() -> CreateTable {
    CreateTable {
        primary_key: vec!["user_id".into(), "challenge_id".into()],
        unique: vec![IndexDef {
            columns: vec!["challenge_id".into(), "rank".into()],
            name: None,
        }],
        indexes: vec![
            IndexDef {
                columns: vec!["rank".into()],
                name: None,
            },
            IndexDef {
                columns: vec!["user_id".into(), "rank".into()],
                name: Some("by_user_rank".into()),
            },
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
                on_delete: None,
                on_update: None,
                name: Some("challenge_fk".into()),
            },
        ],
        if_not_exists: true,
        ..table(
            "challenge_user",
            vec![
                Column {
                    unsigned: true,
                    ..not_null(col("user_id", ColumnType::Integer))
                },
                Column {
                    unsigned: true,
                    ..not_null(col("challenge_id", ColumnType::BigInteger))
                },
                col("rank", ColumnType::SmallInteger),
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
    let log = CreateTable {
        primary_key: vec!["id".into(), "at".into()],
        ..table(
            "log",
            vec![
                col("id", ColumnType::BigIncrements),
                not_null(col("at", ColumnType::DateTime { tz: true })),
            ],
        )
    };
    let cases = [
        ("roles", roles),
        ("users with timestamps", users_table()),
        ("challenges", challenges),
        (
            "pivot: composite key, unique, indexes, foreign keys, if_not_exists",
            pivot_table(),
        ),
        ("the same again is a no-op", pivot_table()),
        ("auto-increment first in a composite primary key", log),
        (
            "the tracking table",
            MysqlDialect.tracking_table("dbm_schema"),
        ),
        (
            "the tracking versions table",
            dbm_core::dialect::versions_table("dbm_schema"),
        ),
    ];
    let steps: Steps = cases
        .into_iter()
        .map(|(label, op)| {
            (
                label.to_string(),
                compile(&MysqlDialect, &Operation::CreateTable(op)),
            )
        })
        .collect();
    insta::assert_snapshot!("create_table", rendered(&steps));

    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_steps(conn.as_mut(), &steps).await;
    let users = show_create(conn.as_mut(), "users").await;
    assert!(
        users.contains("CONSTRAINT `users_role_id_foreign` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`) ON DELETE CASCADE"),
        "{users}"
    );
    assert!(
        users.contains("UNIQUE KEY `users_email_unique` (`email`)"),
        "{users}"
    );
}

#[test]
fn create_table_refuses_what_mysql_cannot_express() {
    let cases: Vec<(CreateTable, &str)> = vec![
        (
            table(
                "t",
                vec![
                    col("a", ColumnType::Increments),
                    col("b", ColumnType::BigIncrements),
                ],
            ),
            "more than one auto-incrementing column (a, b)",
        ),
        (
            CreateTable {
                primary_key: vec!["b".into(), "id".into()],
                ..table(
                    "t",
                    vec![
                        col("id", ColumnType::Increments),
                        col("b", ColumnType::Integer),
                    ],
                )
            },
            "`id` must come first in the primary key (b, id)",
        ),
        (
            table(
                "t",
                vec![col(
                    "c",
                    ColumnType::Enum {
                        values: vec![],
                        native: true,
                    },
                )],
            ),
            "at least one value",
        ),
        (
            table(
                "t",
                vec![Column {
                    unsigned: true,
                    ..col("c", string(3))
                }],
            ),
            "`unsigned` applies to numeric columns, not `string`",
        ),
        (
            table(
                "t",
                vec![Column {
                    references: Some(Reference {
                        table: "p".into(),
                        column: "id".into(),
                        on_delete: Some(ReferentialAction::SetDefault),
                        on_update: None,
                    }),
                    ..col("p_id", ColumnType::Integer)
                }],
            ),
            "InnoDB rejects SET DEFAULT",
        ),
        (
            CreateTable {
                foreign_keys: vec![ForeignKey {
                    columns: vec!["a".into()],
                    references_table: "p".into(),
                    ..ForeignKey::default()
                }],
                ..table("t", vec![col("a", ColumnType::Integer)])
            },
            "needs its columns and the referenced columns",
        ),
        (table("t", vec![]), "has no columns"),
    ];
    for (op, expected) in cases {
        let message = compile_error(&MysqlDialect, &Operation::CreateTable(op));
        assert!(message.contains(expected), "{message}");
    }
}

#[tokio::test]
async fn table_and_index_operations_compile_and_run() {
    let per_dialect = RawSql::PerDialect(BTreeMap::from([
        ("postgres".to_string(), "SELECT now()".to_string()),
        (
            "mysql".to_string(),
            "INSERT INTO t2 (a) VALUES (1); INSERT INTO t2 (a, b) VALUES (2, 'it\\'s; fine')"
                .to_string(),
        ),
    ]));
    let trigger = "-- dbm:statement-begin\nCREATE TRIGGER t2_touch BEFORE INSERT ON t2 FOR EACH ROW BEGIN\n  SET NEW.b = COALESCE(NEW.b, 'x');\nEND\n-- dbm:statement-end\nINSERT INTO t2 (a) VALUES (3);";
    let ops = [
        ("create_index", Operation::CreateIndex(CreateIndex { table: "t".into(), columns: vec!["a".into(), "b".into()], ..CreateIndex::default() })),
        ("create_index unique", Operation::CreateIndex(CreateIndex { table: "t".into(), columns: vec!["b".into()], unique: true, ..CreateIndex::default() })),
        ("create_index named, concurrently (no effect: InnoDB builds online)", Operation::CreateIndex(CreateIndex { table: "t".into(), columns: vec!["b".into()], name: Some("t_by_b".into()), concurrently: true, ..CreateIndex::default() })),
        ("drop_index", Operation::DropIndex(DropIndex { name: "t_by_b".into(), table: Some("t".into()) })),
        ("rename_table", Operation::RenameTable(RenameTable { name: "t".into(), to: "t2".into() })),
        ("sql for every dialect", Operation::Sql(RawSql::All("CREATE VIEW v AS SELECT a /* the only column */ FROM t2;\n# a MySQL comment\nCREATE INDEX t2_a ON t2 (a)".into()))),
        ("sql per dialect", Operation::Sql(per_dialect)),
        ("sql with a fenced trigger body", Operation::Sql(RawSql::All(trigger.into()))),
        ("drop_table", Operation::DropTable(DropTable { name: "t2".into(), if_exists: false })),
        ("drop_table if_exists", Operation::DropTable(DropTable { name: "t2".into(), if_exists: true })),
    ];
    let steps: Steps = ops
        .into_iter()
        .map(|(label, op)| (label.to_string(), compile(&MysqlDialect, &op)))
        .collect();
    insta::assert_snapshot!("operations", rendered(&steps));

    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_all(
        conn.as_mut(),
        &["CREATE TABLE `t` (`a` int, `b` varchar(20))"],
    )
    .await;
    for (label, statements) in &steps {
        if label == "drop_table" {
            assert_eq!(
                texts(conn.as_mut(), "SELECT b FROM t2 ORDER BY a").await,
                ["NULL", "it's; fine", "x"],
                "the statements and the trigger ran"
            );
        }
        run(conn.as_mut(), statements).await;
    }
}

#[test]
fn drop_index_without_a_table_and_sql_without_a_mysql_entry_are_errors() {
    let message = compile_error(
        &MysqlDialect,
        &Operation::DropIndex(DropIndex {
            name: "t_a_index".into(),
            table: None,
        }),
    );
    assert!(
        message.contains("MySQL needs the index's table"),
        "{message}"
    );
    let op = Operation::Sql(RawSql::PerDialect(BTreeMap::from([(
        "postgres".to_string(),
        "SELECT 1".to_string(),
    )])));
    assert!(compile_error(&MysqlDialect, &op).contains("no `mysql` entry"));
}
