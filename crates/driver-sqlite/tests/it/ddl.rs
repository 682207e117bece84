//! The shared DDL groups of `dbm-test-support` compiled by SQLite and executed against a real
//! in-memory database to prove each is valid SQL (their side-by-side snapshots are in
//! `dbm-test-support`), and SQLite's own: the native alter parts and the rebuild, compiled
//! against the stored table.

use crate::common;

use crate::common::{
    alter, col, compile, compile_error_with, compile_with, memory, not_null, reference, render,
    run, run_all, string,
};
use dbm_core::Dialect;
use dbm_core::driver::TableState;
use dbm_core::schema::{
    AlterTable, Column, ColumnType, ConstraintRef, DefaultValue, ForeignKey, IndexDef, Operation,
    ReferentialAction,
};
use dbm_driver_sqlite::SqliteDialect;
use dbm_test_support::groups;

#[tokio::test]
async fn every_group_runs_on_a_fresh_database() {
    for (_, setup, group) in groups::round_trips(&SqliteDialect) {
        let mut conn = memory().await;
        groups::run(conn.as_mut(), &SqliteDialect, setup, group).await;
    }
}

#[tokio::test]
async fn native_alter_parts_compile_against_the_live_table_and_run() {
    let mut conn = memory().await;
    run_all(
        conn.as_mut(),
        &[
            "CREATE TABLE \"users\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"email\" varchar(254), \"nick\" text, \"junk\" text)",
            "CREATE UNIQUE INDEX \"users_email_unique\" ON \"users\" (\"email\")",
            "CREATE INDEX \"users_nick_index\" ON \"users\" (\"nick\")",
            "CREATE INDEX \"named\" ON \"users\" (\"nick\", \"email\")",
        ],
    )
    .await;
    let mut out = String::new();
    for (label, op) in groups::alter_parts(&SqliteDialect) {
        let may_rebuild =
            matches!(&op, Operation::AlterTable(part) if !part.drop_columns.is_empty());
        assert_eq!(SqliteDialect.rebuilds(&op), may_rebuild, "{label}");
        let state = conn.table_state("users").await.expect("state");
        let statements = compile_with(&SqliteDialect, &op, state.as_ref());
        run(conn.as_mut(), &statements).await;
        render(&mut out, &label, &statements);
    }
    insta::assert_snapshot!("alter_native", out);
}

/// A `users` table as SQLite stores it, with an index, a unique index, a trigger and a view.
fn users_state() -> TableState {
    TableState {
        name: "users".into(),
        create_sql: "CREATE TABLE \"users\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \
            \"role_id\" integer NOT NULL DEFAULT 1, \"email\" varchar(254) NOT NULL /* login */, \
            \"score\" decimal(8,2) CHECK (\"score\" >= 0), \"nickname\" varchar(30) COLLATE NOCASE, \
            \"team_id\" integer REFERENCES \"teams\" (\"id\"), \
            CONSTRAINT \"users_role_id_foreign\" FOREIGN KEY (\"role_id\") REFERENCES \"roles\" (\"id\") ON DELETE CASCADE)"
            .into(),
        indexes: vec![
            ("users_email_unique".into(), "CREATE UNIQUE INDEX \"users_email_unique\" ON \"users\" (\"email\")".into()),
            ("users_nickname_index".into(), "CREATE INDEX \"users_nickname_index\" ON \"users\" (\"nickname\")".into()),
        ],
        triggers: vec![(
            "users_touch".into(),
            "CREATE TRIGGER \"users_touch\" AFTER UPDATE ON \"users\" BEGIN UPDATE \"users\" SET \"score\" = 0 WHERE \"score\" IS NULL AND \"id\" = NEW.\"id\"; END".into(),
        )],
        views: vec![("user_emails".into(), "CREATE VIEW \"user_emails\" AS SELECT \"id\", \"email\" FROM \"users\"".into())],
        columns: ["id", "role_id", "email", "score", "nickname", "team_id"].map(String::from).to_vec(),
        owned_types: Vec::new(),
    }
}

/// A database holding [`users_state`] with rows, for the rebuild statements to run on.
async fn users_database() -> Box<dyn dbm_core::Connection> {
    let mut conn = memory().await;
    let state = users_state();
    let mut setup = vec![
        "CREATE TABLE \"roles\" (\"id\" integer PRIMARY KEY)".to_string(),
        "CREATE TABLE \"teams\" (\"id\" integer PRIMARY KEY)".to_string(),
        state.create_sql.clone(),
    ];
    setup.extend(state.indexes.iter().map(|(_, sql)| sql.clone()));
    setup.extend(state.triggers.iter().map(|(_, sql)| sql.clone()));
    setup.extend(state.views.iter().map(|(_, sql)| sql.clone()));
    setup.push("INSERT INTO \"roles\" VALUES (1)".into());
    setup.push(
        "INSERT INTO \"users\" (\"email\", \"nickname\") VALUES ('a@x', 'A'), ('b@x', 'B')".into(),
    );
    run(conn.as_mut(), &setup).await;
    conn
}

#[tokio::test]
async fn rebuild_parts_compile_from_the_stored_table_and_run() {
    let cases = [
        (
            "alter_columns",
            AlterTable {
                alter_columns: vec![
                    Column {
                        default: Some(DefaultValue::String("none".into())),
                        comment: Some("shown name".into()),
                        unique: true,
                        ..not_null(col("nickname", string(60)))
                    },
                    Column {
                        index: true,
                        ..col("role_id", ColumnType::BigInteger)
                    },
                    Column {
                        unique: true,
                        ..not_null(col("email", string(320)))
                    },
                ],
                ..alter("users")
            },
        ),
        (
            "alter_columns on the primary key",
            AlterTable {
                alter_columns: vec![not_null(col("id", ColumnType::BigInteger))],
                ..alter("users")
            },
        ),
        (
            "drop_foreign_keys by name, and by columns of an unnamed one",
            AlterTable {
                drop_foreign_keys: vec![
                    ConstraintRef::Name("users_role_id_foreign".into()),
                    ConstraintRef::Columns(vec!["team_id".into()]),
                ],
                ..alter("users")
            },
        ),
        (
            "add_foreign_keys",
            AlterTable {
                add_foreign_keys: vec![ForeignKey {
                    columns: vec!["score".into()],
                    references_table: "roles".into(),
                    references_columns: vec!["id".into()],
                    on_delete: Some(ReferentialAction::SetNull),
                    on_update: None,
                    name: None,
                }],
                ..alter("users")
            },
        ),
        (
            "drop_columns (rebuild: indexed, constrained)",
            AlterTable {
                drop_columns: vec!["nickname".into(), "role_id".into()],
                ..alter("users")
            },
        ),
        (
            "add_columns (rebuild: a foreign key, a CURRENT_TIMESTAMP default)",
            AlterTable {
                add_columns: vec![
                    Column {
                        references: reference("teams.id", Some(ReferentialAction::Cascade)),
                        index: true,
                        ..col("owner_team_id", ColumnType::Integer)
                    },
                    Column {
                        default: Some(DefaultValue::Sql("CURRENT_TIMESTAMP".into())),
                        ..not_null(col("joined_at", ColumnType::Timestamp { tz: true }))
                    },
                ],
                ..alter("users")
            },
        ),
    ];
    let mut out = String::new();
    for (label, part) in cases {
        let op = Operation::AlterTable(part);
        assert!(SqliteDialect.rebuilds(&op), "{label} rebuilds");
        assert!(SqliteDialect.needs_table_state(&op));
        let statements = compile_with(&SqliteDialect, &op, Some(&users_state()));
        let mut conn = users_database().await;
        conn.set_foreign_key_checks(false).await.expect("fk off");
        conn.begin().await.expect("begin");
        run(conn.as_mut(), &statements).await;
        let violations = conn.foreign_key_violations().await.expect("fk check");
        assert!(violations.is_empty(), "{label}: {violations:?}");
        conn.commit().await.expect("commit");
        assert_eq!(
            common::count(conn.as_mut(), "SELECT count(*) FROM \"users\"").await,
            2,
            "{label}"
        );
        render(&mut out, label, &statements);
    }
    insta::assert_snapshot!("alter_rebuild", out);
}

#[test]
fn dropping_a_column_that_a_view_or_trigger_uses_is_refused_naming_it() {
    let drop = |column: &str| {
        Operation::AlterTable(AlterTable {
            drop_columns: vec![column.into()],
            ..alter("users")
        })
    };
    // "email" is indexed (a rebuild) and the view names it in double quotes, which SQLite
    // would read as a string literal once the column is gone.
    let message = compile_error_with(&SqliteDialect, &drop("email"), Some(&users_state()));
    assert!(
        message.contains("view \"user_emails\" uses it"),
        "{message}"
    );
    // "score" could go natively, but the trigger uses it.
    let message = compile_error_with(&SqliteDialect, &drop("score"), Some(&users_state()));
    assert!(
        message.contains("trigger \"users_touch\" uses it"),
        "{message}"
    );
}

#[test]
fn rebuild_errors_name_what_is_missing() {
    let state = users_state();
    let drop_fk = |name: &str| {
        Operation::AlterTable(AlterTable {
            drop_foreign_keys: vec![ConstraintRef::Name(name.into())],
            ..alter("users")
        })
    };
    let message = compile_error_with(&SqliteDialect, &drop_fk("users_nope_foreign"), Some(&state));
    assert!(
        message.contains("foreign key \"users_nope_foreign\": it does not exist"),
        "{message}"
    );

    let message = compile_error_with(&SqliteDialect, &drop_fk("users_role_id_foreign"), None);
    assert!(
        message.contains("table \"users\" does not exist"),
        "{message}"
    );

    let alter_missing = Operation::AlterTable(AlterTable {
        alter_columns: vec![col("nope", ColumnType::Text)],
        ..alter("users")
    });
    let message = compile_error_with(&SqliteDialect, &alter_missing, Some(&state));
    assert!(
        message.contains("column \"nope\": it does not exist"),
        "{message}"
    );

    let drop_missing = Operation::AlterTable(AlterTable {
        drop_columns: vec!["nope".into()],
        ..alter("users")
    });
    let message = compile_error_with(&SqliteDialect, &drop_missing, Some(&state));
    assert!(
        message.contains("column \"nope\": it does not exist"),
        "{message}"
    );

    let add_existing_fk = Operation::AlterTable(AlterTable {
        add_foreign_keys: vec![ForeignKey {
            columns: vec!["role_id".into()],
            references_table: "roles".into(),
            references_columns: vec!["id".into()],
            ..ForeignKey::default()
        }],
        ..alter("users")
    });
    let message = compile_error_with(&SqliteDialect, &add_existing_fk, Some(&state));
    assert!(
        message.contains("\"users_role_id_foreign\" already exists"),
        "{message}"
    );
}

#[test]
fn an_alter_entry_of_several_parts_compiles_only_when_no_later_part_needs_fresh_state() {
    let independent = Operation::AlterTable(AlterTable {
        rename_columns: vec![("a".into(), "b".into())],
        add_indexes: vec![IndexDef {
            columns: vec!["b".into()],
            name: None,
        }],
        ..alter("t")
    });
    assert_eq!(compile(&SqliteDialect, &independent).len(), 2);
    let dependent = Operation::AlterTable(AlterTable {
        rename_columns: vec![("a".into(), "b".into())],
        drop_columns: vec!["b".into()],
        ..alter("t")
    });
    let message = compile_error_with(&SqliteDialect, &dependent, None);
    assert!(message.contains("split_parts"), "{message}");
}
