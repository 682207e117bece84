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
    AlterTable, Column, ColumnType, ConstraintRef, CreateTable, DefaultValue, DropIndex,
    ForeignKey, IndexDef, Operation, ReferentialAction,
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

/// A dialect built on SQLite's that marks every piece it can override, to show that
/// `alter_table` and its rebuild write each piece through the calling dialect's hooks.
struct Marked;

impl Dialect for Marked {
    fn name(&self) -> &str {
        "marked"
    }

    fn info(&self) -> dbm_core::dialect::DialectInfo {
        SqliteDialect.info()
    }

    fn needs_table_state(&self, op: &Operation) -> bool {
        SqliteDialect.needs_table_state(op)
    }

    fn rebuilds(&self, op: &Operation) -> bool {
        dbm_driver_sqlite::rebuilds(self, op)
    }

    fn column_definition(
        &self,
        table: &str,
        column: &Column,
        _primary: bool,
    ) -> dbm_core::Result<String> {
        dbm_driver_sqlite::column_definition(self, table, column, &[])
    }

    /// SQLite's types in upper case.
    fn column_type(&self, table: &str, column: &Column) -> dbm_core::Result<String> {
        Ok(SqliteDialect.column_type(table, column)?.to_uppercase())
    }

    /// Strings as SQLite writes them, prefixed `marked-`.
    fn default_literal(&self, column: &Column, value: &DefaultValue) -> dbm_core::Result<String> {
        match value {
            DefaultValue::String(text) => Ok(self.quote_string(&format!("marked-{text}"))),
            _ => SqliteDialect.default_literal(column, value),
        }
    }

    /// A table-level key that resolves conflicts by aborting, said out loud.
    fn primary_key(
        &self,
        op: &CreateTable,
        columns: &[Column],
    ) -> dbm_core::Result<dbm_core::dialect::PrimaryKey> {
        let mut key = SqliteDialect.primary_key(op, columns)?;
        if let Some(clause) = &mut key.clause {
            clause.push_str(" ON CONFLICT ABORT");
        }
        Ok(key)
    }

    fn foreign_key(&self, table: &str, fk: &ForeignKey) -> dbm_core::Result<String> {
        Ok(format!(
            "{} DEFERRABLE INITIALLY DEFERRED",
            dbm_core::dialect::foreign_key_clause(self, table, fk)?
        ))
    }

    fn index_sql(&self, index: &dbm_core::dialect::IndexDef<'_>) -> dbm_core::Result<String> {
        Ok(format!(
            "{} /* marked */",
            dbm_core::dialect::ddl::index_sql_common(self, index)?
        ))
    }

    fn drop_index(&self, op: &DropIndex) -> dbm_core::Result<Vec<String>> {
        Ok(vec![format!(
            "DROP INDEX IF EXISTS {}",
            self.quote_identifier(&op.name)
        )])
    }

    fn drop_column(&self, table: &str, column: &str) -> dbm_core::Result<Vec<String>> {
        Ok(vec![format!(
            "ALTER TABLE {} DROP COLUMN {} /* marked */",
            self.quote_identifier(table),
            self.quote_identifier(column)
        )])
    }

    fn alter_table(
        &self,
        op: &AlterTable,
        table: Option<&TableState>,
    ) -> dbm_core::Result<Vec<String>> {
        dbm_driver_sqlite::alter_table(self, op, table)
    }
}

#[tokio::test]
async fn a_dialect_built_on_sqlites_writes_its_own_pieces_in_alter_and_rebuild() {
    let mut conn = memory().await;
    run_all(
        conn.as_mut(),
        &[
            "CREATE TABLE \"teams\" (\"id\" integer PRIMARY KEY)",
            "CREATE TABLE \"t\" (\"a\" integer NOT NULL, \"b\" text, \"c\" integer, \"d\" text)",
            "CREATE INDEX \"t_d_index\" ON \"t\" (\"d\")",
        ],
    )
    .await;
    let parts = [
        (
            "alter_columns (rebuild)",
            AlterTable {
                alter_columns: vec![
                    Column {
                        primary: true,
                        ..not_null(col("a", ColumnType::BigInteger))
                    },
                    Column {
                        default: Some(DefaultValue::String("x".into())),
                        unique: true,
                        ..col("b", string(20))
                    },
                ],
                ..alter("t")
            },
        ),
        (
            "add_columns (rebuild: a foreign key)",
            AlterTable {
                add_columns: vec![Column {
                    references: reference("teams.id", None),
                    index: true,
                    ..col("team_id", ColumnType::Integer)
                }],
                ..alter("t")
            },
        ),
        (
            "add_columns (native)",
            AlterTable {
                add_columns: vec![Column {
                    index: true,
                    default: Some(DefaultValue::String("y".into())),
                    ..col("e", string(10))
                }],
                ..alter("t")
            },
        ),
        (
            "drop_indexes, add_unique",
            AlterTable {
                drop_indexes: vec![ConstraintRef::Columns(vec!["d".into()])],
                add_unique: vec![IndexDef {
                    columns: vec!["c".into()],
                    name: None,
                }],
                ..alter("t")
            },
        ),
        (
            "drop_columns (native: no index left on it)",
            AlterTable {
                drop_columns: vec!["d".into()],
                ..alter("t")
            },
        ),
    ];
    let mut all = Vec::new();
    for (label, part) in parts {
        let op = Operation::AlterTable(part);
        let state = conn.table_state("t").await.expect("state");
        let statements = compile_with(&Marked, &op, state.as_ref());
        run(conn.as_mut(), &statements).await;
        all.extend(statements.into_iter().map(|s| format!("{label}: {s}")));
    }
    let has = |piece: &str| {
        assert!(
            all.iter().any(|s| s.contains(piece)),
            "no statement has {piece}:\n{}",
            all.join("\n")
        );
    };
    has("\"a\" BIGINT NOT NULL");
    has("\"b\" VARCHAR(20) DEFAULT 'marked-x'");
    has("CONSTRAINT \"t_pkey\" PRIMARY KEY (\"a\") ON CONFLICT ABORT");
    has("CREATE UNIQUE INDEX \"t_b_unique\" ON \"t\" (\"b\") /* marked */");
    has("REFERENCES \"teams\" (\"id\") DEFERRABLE INITIALLY DEFERRED");
    has("CREATE INDEX \"t_team_id_index\" ON \"t\" (\"team_id\") /* marked */");
    has("ADD COLUMN \"e\" VARCHAR(10) DEFAULT 'marked-y'");
    has("CREATE INDEX \"t_e_index\" ON \"t\" (\"e\") /* marked */");
    has("DROP INDEX IF EXISTS \"t_d_index\"");
    has("DROP COLUMN \"d\" /* marked */");
    has("CREATE UNIQUE INDEX \"t_c_unique\" ON \"t\" (\"c\") /* marked */");
}
