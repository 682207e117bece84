//! Golden snapshots of the MySQL DDL for every column type, modifier and operation, each one
//! also executed against a fresh database on the test server to prove the server takes it.

mod common;

use std::collections::BTreeMap;

use common::{col, connect, database, not_null, run, run_all, show_create, string, texts};
use dbm_core::Dialect;
use dbm_core::schema::{
    AlterTable, Column, ColumnType, ConstraintRef, CreateIndex, CreateTable, DefaultValue,
    DropIndex, DropTable, ForeignKey, IndexDef, Operation, RawSql, Reference, ReferentialAction,
    RenameTable,
};
use dbm_driver_mysql::MysqlDialect;

fn compile(op: &Operation) -> Vec<String> {
    MysqlDialect
        .compile(op, None)
        .unwrap_or_else(|e| panic!("{op:?} compiles: {e}"))
}

fn compile_error(op: &Operation) -> String {
    match MysqlDialect.compile(op, None) {
        Ok(sql) => panic!("{op:?} should not compile, got {sql:?}"),
        Err(e) => e.to_string(),
    }
}

/// `label` then the statements, each ending in `;`.
fn render(out: &mut String, label: &str, statements: &[String]) {
    out.push_str(&format!("-- {label}\n"));
    for statement in statements {
        out.push_str(statement);
        out.push_str(";\n");
    }
}

fn table(name: &str, columns: Vec<Column>) -> CreateTable {
    CreateTable {
        name: name.into(),
        columns,
        ..CreateTable::default()
    }
}

fn alter(name: &str) -> AlterTable {
    AlterTable {
        name: name.into(),
        ..AlterTable::default()
    }
}

fn reference(target: &str, on_delete: Option<ReferentialAction>) -> Option<Reference> {
    let (table, column) = target.split_once('.').expect("table.column");
    Some(Reference {
        table: table.into(),
        column: column.into(),
        on_delete,
        on_update: None,
    })
}

fn with_default(column_type: ColumnType, default: DefaultValue) -> Column {
    Column {
        default: Some(default),
        ..col("c", column_type)
    }
}

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
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let mut out = String::new();
    for (n, column_type) in all_types().into_iter().enumerate() {
        let word = column_type.word();
        let op = Operation::CreateTable(table(&format!("t{n}_{word}"), vec![col("c", column_type)]));
        let statements = compile(&op);
        run(conn.as_mut(), &statements).await;
        render(&mut out, word, &statements);
    }
    insta::assert_snapshot!("column_types", out);
}

fn modifier_cases() -> Vec<(&'static str, Vec<Column>)> {
    vec![
        ("nullable (the default)", vec![col("c", string(30))]),
        ("nullable = false", vec![not_null(col("c", string(30)))]),
        ("nullable timestamp says NULL", vec![col("c", ColumnType::Timestamp { tz: true })]),
        ("string default with a quote and a backslash", vec![with_default(string(30), DefaultValue::String("it's \\ here".into()))]),
        ("integer default", vec![with_default(ColumnType::Integer, DefaultValue::Integer(-1))]),
        ("float default", vec![with_default(ColumnType::Double, DefaultValue::Float(1.5))]),
        ("decimal default", vec![with_default(ColumnType::Decimal { precision: 10, scale: 3 }, DefaultValue::Float(0.25))]),
        ("boolean default true", vec![with_default(ColumnType::Boolean, DefaultValue::Boolean(true))]),
        ("boolean default false, not null", vec![not_null(with_default(ColumnType::Boolean, DefaultValue::Boolean(false)))]),
        ("text default (expression form)", vec![with_default(ColumnType::Text, DefaultValue::String("it's".into()))]),
        ("json default (expression form)", vec![with_default(ColumnType::Json, DefaultValue::String("{\"a\":1}".into()))]),
        ("jsonb integer default (JSON text)", vec![with_default(ColumnType::Jsonb, DefaultValue::Integer(7))]),
        ("blob default (expression form)", vec![with_default(ColumnType::Binary { length: None }, DefaultValue::String("x".into()))]),
        ("enum default", vec![not_null(with_default(ColumnType::Enum { values: vec!["a".into(), "b".into()], native: true }, DefaultValue::String("b".into())))]),
        ("default_sql CURRENT_TIMESTAMP", vec![not_null(with_default(ColumnType::Timestamp { tz: true }, DefaultValue::Sql("CURRENT_TIMESTAMP".into())))]),
        ("default_sql with a precision and ON UPDATE", vec![col("c", ColumnType::Specific { sql_type: "datetime(3)".into() }), Column { default: Some(DefaultValue::Sql("CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)".into())), ..col("d", ColumnType::Specific { sql_type: "datetime(3)".into() }) }]),
        ("default_sql expression", vec![with_default(ColumnType::Uuid, DefaultValue::Sql("uuid()".into()))]),
        ("default_sql on text", vec![with_default(ColumnType::Text, DefaultValue::Sql("concat('a', 'b')".into()))]),
        ("default_sql NULL", vec![with_default(string(5), DefaultValue::Sql("NULL".into()))]),
        ("unsigned", vec![Column { unsigned: true, ..col("c", ColumnType::Integer) }, Column { unsigned: true, ..col("d", ColumnType::BigInteger) }, Column { unsigned: true, ..col("e", ColumnType::TinyInteger) }]),
        ("comment with quotes and backslashes", vec![Column { comment: Some("the user's \\ \"email\"".into()), ..not_null(col("c", string(254))) }]),
        ("primary", vec![Column { primary: true, ..col("c", string(30)) }]),
        ("unique", vec![Column { unique: true, ..col("c", string(254)) }]),
        ("index", vec![Column { index: true, ..col("c", string(254)) }]),
        ("unique and index", vec![Column { unique: true, index: true, ..col("c", ColumnType::Integer) }]),
        ("references", vec![Column { references: reference("parents.id", None), ..col("parent_id", ColumnType::Integer) }]),
        ("references with actions", vec![Column { references: Some(Reference { table: "parents".into(), column: "id".into(), on_delete: Some(ReferentialAction::Cascade), on_update: Some(ReferentialAction::Restrict) }), ..col("parent_id", ColumnType::Integer) }]),
        ("references set null and no action", vec![Column { references: Some(Reference { table: "parents".into(), column: "id".into(), on_delete: Some(ReferentialAction::SetNull), on_update: Some(ReferentialAction::NoAction) }), ..col("parent_id", ColumnType::Integer) }]),
        ("references with an index", vec![Column { index: true, references: reference("parents.id", None), ..col("parent_id", ColumnType::Integer) }]),
        ("tz = false (no effect)", vec![col("c", ColumnType::Timestamp { tz: false }), col("d", ColumnType::DateTime { tz: false })]),
        ("decimal precision, string and char length", vec![col("c", ColumnType::Decimal { precision: 12, scale: 4 }), col("d", string(30)), col("e", ColumnType::Char { length: 2 })]),
    ]
}

#[tokio::test]
async fn every_column_modifier_compiles_and_runs() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_all(conn.as_mut(), &["CREATE TABLE `parents` (`id` int PRIMARY KEY)"]).await;
    let mut out = String::new();
    for (n, (label, columns)) in modifier_cases().into_iter().enumerate() {
        let op = Operation::CreateTable(table(&format!("m{n}"), columns));
        let statements = compile(&op);
        run(conn.as_mut(), &statements).await;
        render(&mut out, label, &statements);
    }
    insta::assert_snapshot!("column_modifiers", out);
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
    run(conn.as_mut(), &compile(&op)).await;
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
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let mut out = String::new();
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
    for (label, op) in [
        ("roles", roles),
        ("users with timestamps", users_table()),
        ("challenges", challenges),
        (
            "pivot: composite key, unique, indexes, foreign keys, if_not_exists",
            pivot_table(),
        ),
        ("the same again is a no-op", pivot_table()),
        ("auto-increment first in a composite primary key", log),
        ("the tracking table", MysqlDialect.tracking_table("dbm_schema")),
        (
            "the tracking versions table",
            dbm_core::dialect::versions_table("dbm_schema"),
        ),
    ] {
        let statements = compile(&Operation::CreateTable(op));
        run(conn.as_mut(), &statements).await;
        render(&mut out, label, &statements);
    }
    insta::assert_snapshot!("create_table", out);
    let users = show_create(conn.as_mut(), "users").await;
    assert!(
        users.contains("CONSTRAINT `users_role_id_foreign` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`) ON DELETE CASCADE"),
        "{users}"
    );
    assert!(users.contains("UNIQUE KEY `users_email_unique` (`email`)"), "{users}");
}

#[test]
fn create_table_refuses_what_mysql_cannot_express() {
    let cases: Vec<(CreateTable, &str)> = vec![
        (
            table("t", vec![col("a", ColumnType::Increments), col("b", ColumnType::BigIncrements)]),
            "more than one auto-incrementing column (a, b)",
        ),
        (
            CreateTable {
                primary_key: vec!["b".into(), "id".into()],
                ..table("t", vec![col("id", ColumnType::Increments), col("b", ColumnType::Integer)])
            },
            "`id` must come first in the primary key (b, id)",
        ),
        (
            table("t", vec![col("c", ColumnType::Enum { values: vec![], native: true })]),
            "at least one value",
        ),
        (
            table("t", vec![Column { unsigned: true, ..col("c", string(3)) }]),
            "`unsigned` applies to numeric columns, not `string`",
        ),
        (
            table("t", vec![Column { references: Some(Reference { table: "p".into(), column: "id".into(), on_delete: Some(ReferentialAction::SetDefault), on_update: None }), ..col("p_id", ColumnType::Integer) }]),
            "InnoDB rejects SET DEFAULT",
        ),
        (
            CreateTable {
                foreign_keys: vec![ForeignKey { columns: vec!["a".into()], references_table: "p".into(), ..ForeignKey::default() }],
                ..table("t", vec![col("a", ColumnType::Integer)])
            },
            "needs its columns and the referenced columns",
        ),
        (table("t", vec![]), "has no columns"),
    ];
    for (op, expected) in cases {
        let message = compile_error(&Operation::CreateTable(op));
        assert!(message.contains(expected), "{message}");
    }
}

#[tokio::test]
async fn table_and_index_operations_compile_and_run() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_all(conn.as_mut(), &["CREATE TABLE `t` (`a` int, `b` varchar(20))"]).await;
    let mut out = String::new();
    let per_dialect = RawSql::PerDialect(BTreeMap::from([
        ("postgres".to_string(), "SELECT now()".to_string()),
        ("mysql".to_string(), "INSERT INTO t2 (a) VALUES (1); INSERT INTO t2 (a, b) VALUES (2, 'it\\'s; fine')".to_string()),
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
    for (label, op) in ops {
        let statements = compile(&op);
        if label == "drop_table" {
            assert_eq!(
                texts(conn.as_mut(), "SELECT b FROM t2 ORDER BY a").await,
                ["NULL", "it's; fine", "x"],
                "the statements and the trigger ran"
            );
        }
        run(conn.as_mut(), &statements).await;
        render(&mut out, label, &statements);
    }
    insta::assert_snapshot!("operations", out);
}

#[test]
fn drop_index_without_a_table_and_sql_without_a_mysql_entry_are_errors() {
    let message = compile_error(&Operation::DropIndex(DropIndex {
        name: "t_a_index".into(),
        table: None,
    }));
    assert!(message.contains("MySQL needs the index's table"), "{message}");
    let op = Operation::Sql(RawSql::PerDialect(BTreeMap::from([(
        "postgres".to_string(),
        "SELECT 1".to_string(),
    )])));
    assert!(compile_error(&op).contains("no `mysql` entry"));
}

#[tokio::test]
async fn every_alter_part_compiles_to_one_statement_and_runs() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_all(
        conn.as_mut(),
        &[
            "CREATE TABLE `roles` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY)",
            "CREATE TABLE `users` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, \
             `role_id` int unsigned, `email` varchar(254), `nick` varchar(30), `junk` text, \
             `age` int COMMENT 'old', \
             CONSTRAINT `users_role_id_foreign` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`), \
             UNIQUE KEY `users_email_unique` (`email`), KEY `users_nick_index` (`nick`), \
             KEY `named` (`nick`, `email`))",
        ],
    )
    .await;
    let parts = [
        ("drop_foreign_keys by columns", AlterTable { drop_foreign_keys: vec![ConstraintRef::Columns(vec!["role_id".into()])], ..alter("users") }),
        ("drop_unique by columns", AlterTable { drop_unique: vec![ConstraintRef::Columns(vec!["email".into()])], ..alter("users") }),
        ("drop_indexes by columns and by name", AlterTable { drop_indexes: vec![ConstraintRef::Columns(vec!["nick".into()]), ConstraintRef::Name("named".into())], ..alter("users") }),
        ("rename_columns", AlterTable { rename_columns: vec![("nick".into(), "nickname".into()), ("email".into(), "mail".into())], ..alter("users") }),
        ("drop_columns", AlterTable { drop_columns: vec!["junk".into()], ..alter("users") }),
        ("add_columns with unique, index, references, default and comment", AlterTable { add_columns: vec![
            Column { unique: true, ..col("login", string(30)) },
            Column { index: true, default: Some(DefaultValue::Integer(0)), ..not_null(col("score", ColumnType::Integer)) },
            Column { comment: Some("free text".into()), default: Some(DefaultValue::String("none".into())), ..col("bio", ColumnType::Text) },
            Column { unsigned: true, references: reference("roles.id", Some(ReferentialAction::SetNull)), ..col("second_role_id", ColumnType::Integer) },
        ], ..alter("users") }),
        ("alter_columns: the full new definition, with its own unique", AlterTable { alter_columns: vec![
            Column { unsigned: true, default: Some(DefaultValue::Integer(18)), comment: Some("years".into()), ..not_null(col("age", ColumnType::SmallInteger)) },
            Column { unique: true, ..not_null(col("nickname", string(60))) },
            col("id", ColumnType::BigIncrements),
        ], ..alter("users") }),
        ("add_indexes", AlterTable { add_indexes: vec![IndexDef { columns: vec!["mail".into(), "score".into()], name: None }], ..alter("users") }),
        ("add_unique", AlterTable { add_unique: vec![IndexDef { columns: vec!["mail".into()], name: Some("mail_once".into()) }], ..alter("users") }),
        ("add_foreign_keys", AlterTable { add_foreign_keys: vec![ForeignKey { columns: vec!["role_id".into()], references_table: "roles".into(), references_columns: vec!["id".into()], on_delete: Some(ReferentialAction::Restrict), on_update: Some(ReferentialAction::Cascade), name: None }], ..alter("users") }),
    ];
    let mut out = String::new();
    for (label, part) in parts {
        let statements = compile(&Operation::AlterTable(part));
        assert_eq!(statements.len(), 1, "{label}: one ALTER per part");
        run(conn.as_mut(), &statements).await;
        render(&mut out, label, &statements);
    }
    insta::assert_snapshot!("alter_parts", out);
    let users = show_create(conn.as_mut(), "users").await;
    assert!(
        users.contains("`age` smallint(5) unsigned NOT NULL DEFAULT 18 COMMENT 'years'")
            || users.contains("`age` smallint unsigned NOT NULL DEFAULT '18' COMMENT 'years'"),
        "MODIFY restated the whole definition: {users}"
    );
    assert!(users.contains("UNIQUE KEY `users_nickname_unique` (`nickname`)"), "{users}");
    assert!(users.contains("bigint(20) unsigned NOT NULL AUTO_INCREMENT") || users.contains("bigint unsigned NOT NULL AUTO_INCREMENT"), "{users}");
}

#[test]
fn an_alter_entry_of_several_parts_is_one_statement_per_part_in_design_order() {
    let op = Operation::AlterTable(AlterTable {
        add_foreign_keys: vec![ForeignKey {
            columns: vec!["b".into()],
            references_table: "p".into(),
            references_columns: vec!["id".into()],
            ..ForeignKey::default()
        }],
        rename_columns: vec![("a".into(), "b".into())],
        drop_foreign_keys: vec![ConstraintRef::Name("old_fk".into())],
        add_indexes: vec![IndexDef {
            columns: vec!["b".into()],
            name: None,
        }],
        ..alter("t")
    });
    assert_eq!(
        compile(&op),
        [
            "ALTER TABLE `t` DROP FOREIGN KEY `old_fk`",
            "ALTER TABLE `t` RENAME COLUMN `a` TO `b`",
            "ALTER TABLE `t` ADD KEY `t_b_index` (`b`)",
            "ALTER TABLE `t` ADD CONSTRAINT `t_b_foreign` FOREIGN KEY (`b`) REFERENCES `p` (`id`)",
        ]
    );
    assert!(compile(&Operation::AlterTable(alter("t"))).is_empty());
}

#[tokio::test]
async fn a_failing_alter_part_changes_nothing_of_that_part() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_all(conn.as_mut(), &["CREATE TABLE `t` (`a` int, `b` int)"]).await;
    let op = Operation::AlterTable(AlterTable {
        add_columns: vec![col("c", ColumnType::Integer), col("a", ColumnType::Integer)],
        ..alter("t")
    });
    let statements = compile(&op);
    let failure = conn.execute_batch(&statements).await.expect_err("`a` exists");
    assert_eq!(failure.index, 0);
    assert!(failure.error.message.contains("Duplicate column name 'a'"), "{}", failure.error.message);
    let columns = texts(
        conn.as_mut(),
        "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() \
         AND TABLE_NAME = 't' ORDER BY ORDINAL_POSITION",
    )
    .await;
    assert_eq!(columns, ["a", "b"], "`c` was not added either");
}
