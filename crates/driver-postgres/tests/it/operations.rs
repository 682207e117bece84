//! Golden snapshots of the PostgreSQL DDL of the operations besides `create_table` and
//! `alter_table` — indexes, renames, raw SQL, `drop_table` with its enum types — and of
//! generated names over 63 bytes, compared without a server, then (where there is a server)
//! executed against a fresh real database.

use crate::common;
use dbm_driver_postgres::PostgresDialect;

use std::collections::BTreeMap;

use crate::common::{
    Steps, col, compile, compile_error, compile_with, enumeration, fresh, reference, render,
    rendered, run, run_all, run_steps, table, users_table,
};
use dbm_core::driver::TableState;
use dbm_core::schema::{
    Column, ColumnType, CreateIndex, CreateTable, DefaultValue, DropIndex, DropTable, Operation,
    RawSql, RenameTable,
};

#[tokio::test]
async fn a_missing_parent_table_fails_the_create_table_naming_it() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let statements = compile(&PostgresDialect, &Operation::CreateTable(users_table()));
    let error = conn
        .execute_batch(&statements)
        .await
        .expect_err("no roles table");
    assert_eq!(error.index, 0);
    assert!(
        error.error.message.contains("\"roles\""),
        "{}",
        error.error.message
    );
}

#[test]
fn impossible_definitions_are_schema_errors() {
    let two_keys = CreateTable {
        primary_key: vec!["a".into()],
        ..table(
            "t",
            vec![
                col("id", ColumnType::Increments),
                col("a", ColumnType::Integer),
            ],
        )
    };
    let message = compile_error(&PostgresDialect, &Operation::CreateTable(two_keys));
    assert!(
        message.contains("\"id\"") && message.contains("primary_key"),
        "{message}"
    );
    let identity_default = table(
        "t",
        vec![Column {
            default: Some(DefaultValue::Integer(1)),
            ..col("id", ColumnType::Increments)
        }],
    );
    let message = compile_error(&PostgresDialect, &Operation::CreateTable(identity_default));
    assert!(message.contains("identity"), "{message}");
    let empty_enum = table("t", vec![col("c", enumeration(&[], true))]);
    assert!(
        compile_error(&PostgresDialect, &Operation::CreateTable(empty_enum))
            .contains("at least one value")
    );
    let sql = Operation::Sql(RawSql::PerDialect(BTreeMap::from([(
        "mysql".to_string(),
        "SELECT 1".to_string(),
    )])));
    let message = compile_error(&PostgresDialect, &sql);
    assert!(message.contains("`postgres`"), "{message}");
}

#[tokio::test]
async fn operations_compile_and_run() {
    let index = |columns: &[&str], unique, name: Option<&str>, concurrently| {
        Operation::CreateIndex(CreateIndex {
            table: "items".into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            unique,
            name: name.map(str::to_string),
            concurrently,
        })
    };
    let sql_per_dialect = RawSql::PerDialect(BTreeMap::from([
        (
            "postgres".to_string(),
            "CREATE VIEW \"v\" AS SELECT 1 AS one;\nDO $$ BEGIN PERFORM 1; END $$".to_string(),
        ),
        ("default".to_string(), "SELECT 'not me'".to_string()),
    ]));
    let cases = [
        ("create_index", index(&["a"], false, None, false)),
        (
            "create_index unique, two columns",
            index(&["a", "b"], true, None, false),
        ),
        (
            "create_index named, concurrently",
            index(&["b"], false, Some("items_by_b"), true),
        ),
        (
            "drop_index",
            Operation::DropIndex(DropIndex {
                name: "items_by_b".into(),
                table: Some("items".into()),
            }),
        ),
        (
            "rename_table",
            Operation::RenameTable(RenameTable {
                name: "items".into(),
                to: "things".into(),
            }),
        ),
        ("sql per dialect", Operation::Sql(sql_per_dialect)),
        (
            "sql for all",
            Operation::Sql(RawSql::All("DROP VIEW \"v\";\n-- done\n".into())),
        ),
        (
            "drop_table if_exists",
            Operation::DropTable(DropTable {
                name: "things".into(),
                if_exists: true,
            }),
        ),
        (
            "drop_table (without state)",
            Operation::DropTable(DropTable {
                name: "nothing".into(),
                if_exists: true,
            }),
        ),
    ];
    let steps: Steps = cases
        .into_iter()
        .map(|(label, op)| (label.to_string(), compile(&PostgresDialect, &op)))
        .collect();
    insta::assert_snapshot!("operations", rendered(&steps));

    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    run_all(
        conn.as_mut(),
        &["CREATE TABLE \"items\" (\"id\" integer PRIMARY KEY, \"a\" integer, \"b\" text)"],
    )
    .await;
    run_steps(conn.as_mut(), &steps).await;
}

#[tokio::test]
async fn drop_table_also_drops_the_tables_own_native_enum_types() {
    // The state the database gives for `posts` below: its own enum type, not the shared one.
    let state = TableState {
        name: "posts".into(),
        owned_types: vec!["posts_state_enum".into()],
        ..TableState::default()
    };
    let drop = Operation::DropTable(DropTable {
        name: "posts".into(),
        if_exists: false,
    });
    let statements = compile_with(&PostgresDialect, &drop, Some(&state));
    let mut out = String::new();
    render(&mut out, "drop_table with its state", &statements);
    insta::assert_snapshot!("drop_table_with_state", out);

    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let create = table(
        "posts",
        vec![
            col("state", enumeration(&["draft", "live"], true)),
            col("kind", enumeration(&["a", "b"], false)),
        ],
    );
    run(
        conn.as_mut(),
        &compile(&PostgresDialect, &Operation::CreateTable(create)),
    )
    .await;
    // A column of another table using the type keeps it alive.
    run_all(
        conn.as_mut(),
        &[
            "CREATE TYPE \"shared_enum\" AS ENUM ('x')",
            "ALTER TABLE \"posts\" ADD COLUMN \"shared\" \"shared_enum\"",
        ],
    )
    .await;
    assert_eq!(
        common::enum_types(conn.as_mut()).await,
        ["posts_state_enum", "shared_enum"]
    );
    let live = conn
        .table_state("posts")
        .await
        .expect("state")
        .expect("posts exists");
    assert_eq!(live.owned_types, state.owned_types);
    assert_eq!(
        compile_with(&PostgresDialect, &drop, Some(&live)),
        statements,
        "the live state compiles to the snapshot's statements"
    );
    run(conn.as_mut(), &statements).await;
    assert_eq!(common::enum_types(conn.as_mut()).await, ["shared_enum"]);
    assert_eq!(conn.table_state("posts").await.expect("state"), None);
}

#[tokio::test]
async fn names_over_63_bytes_are_fitted_so_postgresql_keeps_them_whole() {
    let long_table = "a_table_with_a_name_long_enough_to_push_generated_names_over";
    let long_column = "a_column_name_that_is_long_as_well";
    let parent = table(long_table, vec![col("id", ColumnType::Increments)]);
    let child = table(
        "children_with_a_long_table_name",
        vec![
            Column {
                unique: true,
                index: true,
                references: reference(&format!("{long_table}.id"), None),
                ..col(long_column, ColumnType::Integer)
            },
            col("status_with_a_rather_long_name", enumeration(&["x"], true)),
            col(
                "kind_with_a_rather_long_name_too",
                enumeration(&["y"], false),
            ),
        ],
    );
    let steps: Steps = [parent, child]
        .into_iter()
        .map(|create| {
            let statements = compile(&PostgresDialect, &Operation::CreateTable(create));
            ("long names".to_string(), statements)
        })
        .collect();
    let out = rendered(&steps);
    insta::assert_snapshot!("long_names", out);

    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    run_steps(conn.as_mut(), &steps).await;
    let catalog = conn.introspect().await.expect("introspects");
    let child = catalog
        .tables
        .iter()
        .find(|t| t.name == "children_with_a_long_table_name")
        .expect("the child table");
    let generated = [
        child
            .indexes
            .iter()
            .map(|i| i.name.clone())
            .collect::<Vec<_>>(),
        child
            .foreign_keys
            .iter()
            .filter_map(|f| f.name.clone())
            .collect(),
    ]
    .concat();
    assert_eq!(generated.len(), 3, "{generated:?}");
    let parent = catalog
        .tables
        .iter()
        .find(|t| t.name == long_table)
        .expect("the parent");
    assert_eq!(parent.primary_key, ["id"]);
    let enum_type =
        dbm_driver_postgres::enum_type_name(&child.name, "status_with_a_rather_long_name");
    assert_eq!(enum_type.len(), 63);
    assert_eq!(
        common::enum_types(conn.as_mut()).await,
        std::slice::from_ref(&enum_type)
    );
    let state = conn
        .table_state(&child.name)
        .await
        .expect("state")
        .expect("exists");
    assert_eq!(state.owned_types, [enum_type]);
    let check = dbm_driver_postgres::check_name(&child.name, "kind_with_a_rather_long_name_too");
    let checks = common::texts(
        conn.as_mut(),
        "SELECT conname::text FROM pg_constraint \
         WHERE contype = 'c' AND conrelid = 'children_with_a_long_table_name'::regclass",
    )
    .await;
    assert_eq!(checks, [check]);
    for name in &generated {
        assert_eq!(name.len(), 63, "{name}");
        assert!(
            out.contains(&format!("\"{name}\"")),
            "{name} is the compiled name"
        );
    }
}
