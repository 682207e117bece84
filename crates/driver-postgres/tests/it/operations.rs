//! PostgreSQL's own operation cases: `drop_table` with the table's enum types, generated names
//! over 63 bytes, and a missing parent table, compared with a snapshot without a server where
//! they compile, then (where there is a server) executed against a fresh real database.

use crate::common;
use dbm_driver_postgres::PostgresDialect;

use crate::common::{
    Steps, col, compile, compile_with, enumeration, fresh, reference, render, rendered, run,
    run_all, run_steps, table, users_table,
};
use dbm_core::driver::TableState;
use dbm_core::schema::{Column, ColumnType, DropTable, Operation};

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
