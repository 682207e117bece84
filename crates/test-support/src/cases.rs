//! One table of DDL cases for every dialect, and the side-by-side text of a case compiled by
//! several dialects, so one snapshot per case shows how each database spells it.
//!
//! A case that a dialect refuses shows that dialect's message in place of its statements.
//! Compiling needs no server.

use std::collections::BTreeMap;

use dbm_core::Dialect;
use dbm_core::schema::{
    ColumnType, CreateIndex, DefaultValue, DropIndex, DropTable, ForeignKey, IndexDef, Operation,
    RawSql, ReferentialAction, RenameTable,
};

use crate::ddl::{alter, col, not_null, reference, string, table};

/// The DDL cases: `(name, operation)`, each name usable as a snapshot name.
pub fn cases() -> Vec<(&'static str, Operation)> {
    let column_types = vec![
        col("increments", ColumnType::Increments),
        col("tiny", ColumnType::TinyInteger),
        col("small", ColumnType::SmallInteger),
        col("integer", ColumnType::Integer),
        col("big", ColumnType::BigInteger),
        col("float", ColumnType::Float),
        col("double", ColumnType::Double),
        col(
            "decimal",
            ColumnType::Decimal {
                precision: 8,
                scale: 2,
            },
        ),
        col("boolean", ColumnType::Boolean),
        col("char", ColumnType::Char { length: 10 }),
        col("string", string(255)),
        col("text", ColumnType::Text),
        col("date", ColumnType::Date),
        col("time", ColumnType::Time),
        col("datetime", ColumnType::DateTime { tz: true }),
        col("timestamp", ColumnType::Timestamp { tz: false }),
        col("json", ColumnType::Json),
        col("jsonb", ColumnType::Jsonb),
        col("uuid", ColumnType::Uuid),
        col("binary", ColumnType::Binary { length: None }),
        col(
            "status",
            ColumnType::Enum {
                values: vec!["draft".into(), "it's live".into()],
                native: false,
            },
        ),
    ];
    let users = {
        let mut users = table(
            "users",
            vec![
                col("id", ColumnType::BigIncrements),
                dbm_core::schema::Column {
                    unsigned: true,
                    references: reference("roles.id", Some(ReferentialAction::Cascade)),
                    ..not_null(col("role_id", ColumnType::BigInteger))
                },
                dbm_core::schema::Column {
                    unique: true,
                    ..not_null(col("email", string(254)))
                },
                dbm_core::schema::Column {
                    default: Some(DefaultValue::Boolean(false)),
                    comment: Some("may manage others".into()),
                    ..not_null(col("is_admin", ColumnType::Boolean))
                },
            ],
        );
        users.timestamps = true;
        users
    };
    let pivot = {
        let mut pivot = table(
            "role_user",
            vec![
                not_null(col("role_id", ColumnType::Integer)),
                not_null(col("user_id", ColumnType::Integer)),
            ],
        );
        pivot.primary_key = vec!["role_id".into(), "user_id".into()];
        pivot.indexes = vec![IndexDef {
            columns: vec!["user_id".into()],
            name: None,
        }];
        pivot.foreign_keys = vec![ForeignKey {
            columns: vec!["user_id".into()],
            references_table: "users".into(),
            references_columns: vec!["id".into()],
            on_delete: Some(ReferentialAction::Cascade),
            on_update: None,
            name: None,
        }];
        pivot
    };
    let add_columns = {
        let mut op = alter("users");
        op.add_columns = vec![
            col("nickname", string(40)),
            dbm_core::schema::Column {
                default: Some(DefaultValue::Integer(0)),
                ..not_null(col("logins", ColumnType::Integer))
            },
        ];
        op
    };
    let rename_column = {
        let mut op = alter("users");
        op.rename_columns = vec![("nickname".into(), "handle".into())];
        op
    };
    vec![
        (
            "create_table_column_types",
            Operation::CreateTable(table("every_type", column_types)),
        ),
        ("create_table_users", Operation::CreateTable(users)),
        ("create_table_composite_keys", Operation::CreateTable(pivot)),
        (
            "alter_table_add_columns",
            Operation::AlterTable(add_columns),
        ),
        (
            "alter_table_rename_column",
            Operation::AlterTable(rename_column),
        ),
        (
            "create_index",
            Operation::CreateIndex(CreateIndex {
                table: "users".into(),
                columns: vec!["email".into(), "role_id".into()],
                ..CreateIndex::default()
            }),
        ),
        (
            "create_unique_named_index",
            Operation::CreateIndex(CreateIndex {
                table: "users".into(),
                columns: vec!["email".into()],
                unique: true,
                name: Some("users_email_key".into()),
                concurrently: false,
            }),
        ),
        (
            "drop_index",
            Operation::DropIndex(DropIndex {
                name: "users_email_key".into(),
                table: Some("users".into()),
            }),
        ),
        (
            "rename_table",
            Operation::RenameTable(RenameTable {
                name: "users".into(),
                to: "members".into(),
            }),
        ),
        (
            "drop_table_if_exists",
            Operation::DropTable(DropTable {
                name: "members".into(),
                if_exists: true,
            }),
        ),
        (
            "refused_two_auto_increments",
            Operation::CreateTable(table(
                "twice",
                vec![
                    col("id", ColumnType::Increments),
                    col("other", ColumnType::BigIncrements),
                ],
            )),
        ),
        (
            "sql_per_dialect",
            Operation::Sql(RawSql::PerDialect(BTreeMap::from([
                ("postgres".to_string(), "VACUUM \"users\"".to_string()),
                ("default".to_string(), "SELECT 1".to_string()),
            ]))),
        ),
    ]
}

/// The text of `op` compiled by each dialect in turn: `-- <name>` then its statements, each
/// ending in `;`, or `error: <message>` where the dialect refuses it.
pub fn side_by_side(dialects: &[&dyn Dialect], op: &Operation) -> String {
    let mut out = String::new();
    for dialect in dialects {
        out.push_str(&format!("-- {}\n", dialect.name()));
        match dialect.compile(op, None) {
            Ok(statements) => {
                for statement in statements {
                    out.push_str(&statement);
                    out.push_str(";\n");
                }
            }
            Err(e) => out.push_str(&format!("error: {e}\n")),
        }
    }
    out
}
