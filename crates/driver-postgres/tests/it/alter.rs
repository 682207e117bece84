//! `alter_table` on PostgreSQL: the shared parts of `dbm-test-support` (their side-by-side
//! snapshot is there) and PostgreSQL's own whole entry and `alter_columns` cases (snapshots
//! here, compared without a server), each executed (where there is a server) against a fresh
//! real database holding rows and checked by introspection.

use crate::common::{
    Steps, alter, col, compile, count, enum_types, enumeration, fresh, not_null, rendered, run,
    run_all, run_steps, string, texts,
};
use dbm_core::driver::Connection;
use dbm_core::schema::{
    AlterTable, Column, ColumnType, ConstraintRef, CreateTable, DefaultValue, ForeignKey, IndexDef,
    Operation, Reference, ReferentialAction,
};
use dbm_driver_postgres::PostgresDialect;
use dbm_test_support::groups;

fn reference(table: &str, on_delete: Option<ReferentialAction>) -> Option<Reference> {
    Some(Reference {
        table: table.into(),
        column: "id".into(),
        on_delete,
        on_update: None,
    })
}

/// Each labelled `alter_table`, compiled.
fn compiled<'a>(parts: impl IntoIterator<Item = (&'a str, AlterTable)>) -> Steps {
    parts
        .into_iter()
        .map(|(label, op)| {
            (
                label.to_string(),
                compile(&PostgresDialect, &Operation::AlterTable(op)),
            )
        })
        .collect()
}

async fn create(conn: &mut dyn Connection, create: CreateTable) {
    run(
        conn,
        &compile(&PostgresDialect, &Operation::CreateTable(create)),
    )
    .await;
}

/// `roles`, `teams` and `users` (with every kind of constraint to drop), with rows.
async fn users_schema(conn: &mut dyn Connection) {
    for parent in ["roles", "teams"] {
        create(
            conn,
            CreateTable {
                name: parent.into(),
                columns: vec![col("id", ColumnType::Increments)],
                ..CreateTable::default()
            },
        )
        .await;
    }
    let users = CreateTable {
        name: "users".into(),
        columns: vec![
            col("id", ColumnType::Increments),
            Column {
                references: reference("roles", None),
                ..col("role_id", ColumnType::Integer)
            },
            col("team_id", ColumnType::Integer),
            Column {
                unique: true,
                ..col("email", string(254))
            },
            Column {
                index: true,
                ..col("nick", string(30))
            },
            col("junk", ColumnType::Text),
            col("mood", enumeration(&["happy", "sad"], true)),
        ],
        indexes: vec![IndexDef {
            columns: vec!["email".into()],
            name: Some("named".into()),
        }],
        foreign_keys: vec![ForeignKey {
            columns: vec!["team_id".into()],
            references_table: "teams".into(),
            references_columns: vec!["id".into()],
            name: Some("team_fk".into()),
            ..ForeignKey::default()
        }],
        ..CreateTable::default()
    };
    create(conn, users).await;
    run_all(
        conn,
        &[
            "INSERT INTO roles (id) VALUES (1), (2)",
            "INSERT INTO teams (id) VALUES (1)",
            "INSERT INTO users (role_id, team_id, email, nick, junk, mood) \
             VALUES (1, 1, 'a@x', 'a', 'j', 'happy'), (2, NULL, 'b@x', 'b', NULL, 'sad')",
        ],
    )
    .await;
}

#[tokio::test]
async fn every_alter_part_runs_on_a_table_with_rows() {
    let steps = groups::compiled(&PostgresDialect, groups::alter_parts);

    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let conn = conn.as_mut();
    users_schema(conn).await;
    run_steps(conn, &steps).await;

    let catalog = conn.introspect().await.expect("introspects");
    let users = catalog
        .tables
        .iter()
        .find(|t| t.name == "users")
        .expect("users");
    let columns: Vec<&str> = users.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        columns,
        [
            "id", "role_id", "team_id", "email", "nickname", "login", "score", "bio", "mood",
            "kind", "team_id2"
        ]
    );
    let indexes: Vec<(&str, bool)> = users
        .indexes
        .iter()
        .map(|i| (i.name.as_str(), i.unique))
        .collect();
    assert_eq!(
        indexes,
        [
            ("email_once", true),
            ("users_email_score_index", false),
            ("users_login_unique", true),
            ("users_score_index", false),
        ]
    );
    let fks: Vec<(Option<&str>, &str)> = users
        .foreign_keys
        .iter()
        .map(|f| (f.name.as_deref(), f.on_delete.as_str()))
        .collect();
    assert_eq!(
        fks,
        [
            (Some("users_role_id_foreign"), "CASCADE"),
            (Some("users_team_id2_foreign"), "SET NULL")
        ]
    );
    assert_eq!(enum_types(conn).await, ["users_mood_enum"]);
    assert_eq!(
        texts(conn, "SELECT mood::text FROM users ORDER BY id").await,
        ["happy", "happy"]
    );
    assert_eq!(comment(conn, "users", "bio").await, "free text");
}

#[tokio::test]
async fn a_whole_alter_entry_compiles_at_once_and_applies_its_parts_in_order() {
    let entry = AlterTable {
        drop_unique: vec![ConstraintRef::Columns(vec!["email".into()])],
        rename_columns: vec![("email".into(), "address".into())],
        drop_columns: vec!["junk".into()],
        add_columns: vec![
            col("note", ColumnType::Text).into_default(DefaultValue::String("none".into())),
        ],
        alter_columns: vec![not_null(col("note", string(100)))],
        add_unique: vec![IndexDef {
            columns: vec!["address".into()],
            name: None,
        }],
        ..alter("users")
    };
    let steps = compiled([("one entry, every part in the documented order", entry)]);
    insta::assert_snapshot!("alter_entry", rendered(&steps));

    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let conn = conn.as_mut();
    users_schema(conn).await;
    run_steps(conn, &steps).await;
    assert_eq!(
        texts(conn, "SELECT note FROM users ORDER BY id").await,
        ["none", "none"]
    );
    assert_eq!(
        count(conn, "SELECT count(*) FROM users WHERE address LIKE '%@x'").await,
        2
    );
}

/// The comment of a column, or `NULL`.
async fn comment(conn: &mut dyn Connection, table: &str, column: &str) -> String {
    let sql = format!(
        "SELECT col_description(attrelid, attnum) FROM pg_attribute \
         WHERE attrelid = '{table}'::regclass AND attname = '{column}'"
    );
    texts(conn, &sql).await.concat()
}

trait WithDefault {
    fn into_default(self, default: DefaultValue) -> Column;
}

impl WithDefault for Column {
    fn into_default(self, default: DefaultValue) -> Column {
        Column {
            default: Some(default),
            ..self
        }
    }
}

/// `items` with one column per kind of change, and two rows.
async fn items_schema(conn: &mut dyn Connection) {
    create(
        conn,
        CreateTable {
            name: "roles".into(),
            columns: vec![col("id", ColumnType::Increments)],
            ..CreateTable::default()
        },
    )
    .await;
    let items = CreateTable {
        name: "items".into(),
        columns: vec![
            not_null(col("id", ColumnType::Integer)),
            col("price", ColumnType::Integer).into_default(DefaultValue::Integer(0)),
            Column {
                comment: Some("shown".into()),
                ..col("label", ColumnType::Text)
            },
            col("state", enumeration(&["a", "b"], false)),
            col("mood", enumeration(&["happy", "sad"], true)),
            col("role_id", ColumnType::Integer),
        ],
        ..CreateTable::default()
    };
    create(conn, items).await;
    run_all(
        conn,
        &[
            "INSERT INTO roles (id) VALUES (1)",
            "INSERT INTO items (id, price, label, state, mood, role_id) \
             VALUES (7, 12, 'x', 'a', 'happy', 1), (9, 3, 'y', 'b', 'sad', NULL)",
        ],
    )
    .await;
}

#[tokio::test]
async fn alter_columns_reaches_each_new_definition_without_knowing_the_old_one() {
    let decimal = ColumnType::Decimal {
        precision: 10,
        scale: 2,
    };
    let cases = [
        (
            "a type change keeps the rows, with a new default",
            not_null(col("price", decimal)).into_default(DefaultValue::Float(0.5)),
        ),
        (
            "unique, index and a comment are added",
            Column {
                unique: true,
                index: true,
                comment: Some("the label".into()),
                ..col("label", string(50))
            },
        ),
        (
            "the same again: nothing is added twice",
            Column {
                unique: true,
                index: true,
                comment: Some("the label".into()),
                ..col("label", string(50))
            },
        ),
        (
            "an enum's check gets the new values",
            col("state", enumeration(&["a", "b", "c"], false)),
        ),
        (
            "a native enum gets the new values",
            not_null(col("mood", enumeration(&["happy", "sad", "meh"], true)))
                .into_default(DefaultValue::String("meh".into())),
        ),
        (
            "a native enum becomes a string: its type goes",
            col("mood", string(20)),
        ),
        (
            "a checked enum becomes a native enum",
            col("state", enumeration(&["a", "b", "c"], true)),
        ),
        (
            "references are added once",
            Column {
                references: reference("roles", Some(ReferentialAction::Cascade)),
                ..col("role_id", ColumnType::BigInteger)
            },
        ),
        (
            "an integer becomes increments: identity, primary key, sequence after the rows",
            col("id", ColumnType::Increments),
        ),
        (
            "a nullable column without a comment drops both",
            col("label", ColumnType::Text),
        ),
    ];
    let steps = compiled(cases.map(|(label, column)| {
        let op = AlterTable {
            alter_columns: vec![column],
            ..alter("items")
        };
        (label, op)
    }));
    insta::assert_snapshot!("alter_columns", rendered(&steps));

    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let conn = conn.as_mut();
    items_schema(conn).await;
    run_steps(conn, &steps).await;

    let catalog = conn.introspect().await.expect("introspects");
    let items = catalog
        .tables
        .iter()
        .find(|t| t.name == "items")
        .expect("items");
    let types: Vec<(&str, &str, bool)> = items
        .columns
        .iter()
        .map(|c| (c.name.as_str(), c.data_type.as_str(), c.nullable))
        .collect();
    assert_eq!(
        types,
        [
            ("id", "integer", false),
            ("price", "numeric(10,2)", false),
            ("label", "text", true),
            ("state", "items_state_enum", true),
            ("mood", "character varying(20)", true),
            ("role_id", "bigint", true),
        ]
    );
    assert_eq!(items.primary_key, ["id"]);
    assert_eq!(items.foreign_keys.len(), 1);
    let indexes: Vec<&str> = items.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(indexes, ["items_label_index", "items_label_unique"]);
    assert_eq!(enum_types(conn).await, ["items_state_enum"]);
    assert_eq!(
        texts(
            conn,
            "SELECT price::text || ' ' || state::text || ' ' || mood FROM items ORDER BY id"
        )
        .await,
        ["12.00 a happy", "3.00 b sad"]
    );
    run_all(conn, &["INSERT INTO items (price) VALUES (1)"]).await;
    assert_eq!(
        count(conn, "SELECT max(id) FROM items").await,
        10,
        "the identity continues after 9"
    );
    assert_eq!(comment(conn, "items", "label").await, "NULL");
}
