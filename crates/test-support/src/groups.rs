//! Groups of DDL cases that every dialect compiles: each group is a list of labelled
//! operations per dialect, in the order a driver's round-trip test runs them on its server.
//!
//! Most cases are the same operation for every dialect. Where a dialect needs another input (its
//! own raw SQL, its own default expression, a table of its own), the group gives that dialect its
//! own operation under the same label, or a case of its own. [`side_by_side`] lines the
//! dialects up by label, so one snapshot per group shows how each database spells each case;
//! the driver crates take the same list for their dialect and execute it.
//!
//! Table names carry each dialect's position in the group (`m0`, `m1`, …), so a dialect's list
//! is built first and numbered after.

use std::collections::BTreeMap;

use dbm_core::Dialect;
use dbm_core::driver::Connection;
use dbm_core::schema::{
    AlterTable, Column, ColumnType, ConstraintRef, CreateIndex, CreateTable, DefaultValue,
    DropIndex, DropTable, ForeignKey, IndexDef, Operation, RawSql, Reference, ReferentialAction,
    RenameTable,
};

use crate::ddl::{Steps, alter, col, not_null, reference, run_steps, string, table};

/// A labelled operation of a group.
pub type Case = (String, Operation);

/// A group: the cases of one dialect, in order.
pub type Group = fn(&dyn Dialect) -> Vec<Case>;

/// Every group, by the name of its snapshot. `alter_parts` is not here: SQLite compiles its
/// parts against the live table's state, so only the servers' dialects show it side by side.
pub const GROUPS: [(&str, Group); 5] = [
    ("column_types", column_types),
    ("column_modifiers", column_modifiers),
    ("create_table", create_table),
    ("operations", operations),
    ("refusals", refusals),
];

/// The dialects a case is for: `S`QLite, `P`ostgreSQL, `M`ySQL, as a string of those letters.
fn for_dialect(dialect: &dyn Dialect, letters: &str) -> bool {
    let letter = match dialect.name() {
        "sqlite" => 'S',
        "postgres" => 'P',
        "mysql" => 'M',
        _ => return false,
    };
    letters.contains(letter)
}

/// The cases of `entries` that are for `dialect`: `(letters, label, operation)`.
fn pick(dialect: &dyn Dialect, entries: Vec<(&str, &str, Operation)>) -> Vec<Case> {
    entries
        .into_iter()
        .filter(|(letters, _, _)| for_dialect(dialect, letters))
        .map(|(_, label, op)| (label.to_string(), op))
        .collect()
}

/// An enum type of these values.
pub fn enumeration(values: &[&str], native: bool) -> ColumnType {
    ColumnType::Enum {
        values: values.iter().map(|v| v.to_string()).collect(),
        native,
    }
}

/// `c` with a default.
pub fn with_default(column_type: ColumnType, default: DefaultValue) -> Column {
    Column {
        default: Some(default),
        ..col("c", column_type)
    }
}

/// A column referencing `parents.id` with both actions.
fn parent_reference(
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

/// One `create_table` per column type, each table holding one column `c` of it.
///
/// MySQL's list has a second `binary` (with a length), so its tables are numbered.
pub fn column_types(dialect: &dyn Dialect) -> Vec<Case> {
    let mysql = dialect.name() == "mysql";
    let mut types: Vec<(String, ColumnType)> = [
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
    ]
    .into_iter()
    .map(|t| (t.word().to_string(), t))
    .collect();
    if mysql {
        types.push((
            "binary with a length".into(),
            ColumnType::Binary { length: Some(16) },
        ));
    }
    types.push(("enum".into(), enumeration(&["draft", "it's live"], false)));
    let specific = if mysql { "mediumint unsigned" } else { "inet" };
    types.push((
        format!("specific {specific}"),
        ColumnType::Specific {
            sql_type: specific.into(),
        },
    ));
    types
        .into_iter()
        .enumerate()
        .map(|(n, (label, column_type))| {
            let word = column_type.word();
            let name = if mysql {
                format!("t{n}_{word}")
            } else {
                format!("t_{word}")
            };
            let op = Operation::CreateTable(table(&name, vec![col("c", column_type)]));
            (label, op)
        })
        .collect()
}

/// One `create_table` `m<n>` per column modifier. The references need a table `parents` with
/// an integer `id`.
pub fn column_modifiers(dialect: &dyn Dialect) -> Vec<Case> {
    use DefaultValue as D;
    let one = |column: Column| vec![column];
    let flag = |column_type: ColumnType, set: fn(&mut Column)| {
        let mut column = col("c", column_type);
        set(&mut column);
        vec![column]
    };
    let parent = |on_delete: Option<ReferentialAction>, on_update| Column {
        references: Some(Reference {
            table: "parents".into(),
            column: "id".into(),
            on_delete,
            on_update,
        }),
        ..col("parent_id", ColumnType::Integer)
    };
    let entries: Vec<(&str, &str, Vec<Column>)> = vec![
        ("SPM", "nullable (the default)", one(col("c", string(30)))),
        (
            "SPM",
            "nullable = false",
            one(not_null(col("c", string(30)))),
        ),
        (
            "S",
            "nullable = true on a primary key",
            one(Column {
                nullable: Some(true),
                primary: true,
                ..col("c", string(30))
            }),
        ),
        (
            "M",
            "nullable timestamp says NULL",
            one(col("c", ColumnType::Timestamp { tz: true })),
        ),
        (
            "S",
            "string default with a quote",
            one(with_default(string(30), D::String("it's".into()))),
        ),
        (
            "P",
            "string default with a quote and a backslash",
            one(with_default(string(30), D::String("it's a \\ back".into()))),
        ),
        (
            "M",
            "string default with a quote and a backslash",
            one(with_default(string(30), D::String("it's \\ here".into()))),
        ),
        (
            "SPM",
            "integer default",
            one(with_default(ColumnType::Integer, D::Integer(-1))),
        ),
        (
            "SPM",
            "float default",
            one(with_default(ColumnType::Double, D::Float(1.5))),
        ),
        (
            "SP",
            "decimal default",
            one(with_default(
                ColumnType::Decimal {
                    precision: 10,
                    scale: 3,
                },
                D::Float(0.0),
            )),
        ),
        (
            "M",
            "decimal default",
            one(with_default(
                ColumnType::Decimal {
                    precision: 10,
                    scale: 3,
                },
                D::Float(0.25),
            )),
        ),
        (
            "SPM",
            "boolean default true",
            one(with_default(ColumnType::Boolean, D::Boolean(true))),
        ),
        (
            "SP",
            "boolean default false",
            one(with_default(ColumnType::Boolean, D::Boolean(false))),
        ),
        (
            "M",
            "boolean default false, not null",
            one(not_null(with_default(
                ColumnType::Boolean,
                D::Boolean(false),
            ))),
        ),
        (
            "M",
            "text default (expression form on MySQL)",
            one(with_default(ColumnType::Text, D::String("it's".into()))),
        ),
        (
            "SM",
            "json default",
            one(with_default(
                ColumnType::Json,
                D::String("{\"a\":1}".into()),
            )),
        ),
        (
            "P",
            "json default",
            one(with_default(
                ColumnType::Jsonb,
                D::String("{\"a\":1}".into()),
            )),
        ),
        (
            "M",
            "jsonb integer default (JSON text)",
            one(with_default(ColumnType::Jsonb, D::Integer(7))),
        ),
        (
            "M",
            "blob default (expression form on MySQL)",
            one(with_default(
                ColumnType::Binary { length: None },
                D::String("x".into()),
            )),
        ),
        (
            "M",
            "native enum not null with a default",
            one(not_null(with_default(
                enumeration(&["a", "b"], true),
                D::String("b".into()),
            ))),
        ),
        (
            "SP",
            "default_sql keyword",
            one(with_default(
                ColumnType::Timestamp { tz: true },
                D::Sql("CURRENT_TIMESTAMP".into()),
            )),
        ),
        (
            "M",
            "default_sql CURRENT_TIMESTAMP, not null",
            one(not_null(with_default(
                ColumnType::Timestamp { tz: true },
                D::Sql("CURRENT_TIMESTAMP".into()),
            ))),
        ),
        (
            "M",
            "default_sql with a precision and ON UPDATE",
            vec![
                col(
                    "c",
                    ColumnType::Specific {
                        sql_type: "datetime(3)".into(),
                    },
                ),
                Column {
                    default: Some(D::Sql(
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
            "S",
            "default_sql expression (each database's own function)",
            one(with_default(
                ColumnType::Text,
                D::Sql("lower(hex(randomblob(16)))".into()),
            )),
        ),
        (
            "P",
            "default_sql expression (each database's own function)",
            one(with_default(
                ColumnType::Uuid,
                D::Sql("gen_random_uuid()".into()),
            )),
        ),
        (
            "M",
            "default_sql expression (each database's own function)",
            one(with_default(ColumnType::Uuid, D::Sql("uuid()".into()))),
        ),
        (
            "M",
            "default_sql on text",
            one(with_default(
                ColumnType::Text,
                D::Sql("concat('a', 'b')".into()),
            )),
        ),
        (
            "M",
            "default_sql NULL",
            one(with_default(string(5), D::Sql("NULL".into()))),
        ),
        (
            "SP",
            "unsigned",
            flag(ColumnType::Integer, |c| c.unsigned = true),
        ),
        (
            "M",
            "unsigned on three integer sizes",
            [
                ("c", ColumnType::Integer),
                ("d", ColumnType::BigInteger),
                ("e", ColumnType::TinyInteger),
            ]
            .into_iter()
            .map(|(name, column_type)| Column {
                unsigned: true,
                ..col(name, column_type)
            })
            .collect(),
        ),
        (
            "M",
            "comment with quotes and backslashes",
            one(Column {
                comment: Some("the user's \\ \"email\"".into()),
                ..not_null(col("c", string(254)))
            }),
        ),
        ("SPM", "primary", flag(string(30), |c| c.primary = true)),
        ("SM", "unique", flag(string(254), |c| c.unique = true)),
        ("SM", "index", flag(string(254), |c| c.index = true)),
        (
            "SM",
            "unique and index",
            flag(ColumnType::Integer, |c| {
                c.unique = true;
                c.index = true;
            }),
        ),
        (
            "P",
            "unique and index",
            flag(string(254), |c| {
                c.unique = true;
                c.index = true;
            }),
        ),
        (
            "SPM",
            "references",
            one(Column {
                references: reference("parents.id", None),
                ..col("parent_id", ColumnType::Integer)
            }),
        ),
        (
            "SM",
            "references with actions",
            one(parent(
                Some(ReferentialAction::Cascade),
                Some(ReferentialAction::Restrict),
            )),
        ),
        (
            "P",
            "references with every action",
            vec![
                parent_reference(
                    "a_id",
                    ReferentialAction::Cascade,
                    ReferentialAction::Restrict,
                ),
                parent_reference(
                    "b_id",
                    ReferentialAction::SetNull,
                    ReferentialAction::SetDefault,
                ),
                parent_reference(
                    "c_id",
                    ReferentialAction::NoAction,
                    ReferentialAction::NoAction,
                ),
            ],
        ),
        (
            "S",
            "references set null, set default, no action",
            vec![
                parent(
                    Some(ReferentialAction::SetNull),
                    Some(ReferentialAction::SetDefault),
                ),
                Column {
                    name: "other_id".into(),
                    ..parent(
                        Some(ReferentialAction::NoAction),
                        Some(ReferentialAction::NoAction),
                    )
                },
            ],
        ),
        (
            "M",
            "references set null and no action",
            one(parent(
                Some(ReferentialAction::SetNull),
                Some(ReferentialAction::NoAction),
            )),
        ),
        (
            "M",
            "references with an index",
            one(Column {
                index: true,
                references: reference("parents.id", None),
                ..col("parent_id", ColumnType::Integer)
            }),
        ),
        (
            "S",
            "comment with a closing marker",
            one(Column {
                comment: Some("the user's */ email".into()),
                ..not_null(col("c", string(254)))
            }),
        ),
        (
            "P",
            "comment with a quote",
            one(Column {
                comment: Some("the user's email".into()),
                ..not_null(col("c", string(254)))
            }),
        ),
        (
            "SPM",
            "tz = false",
            vec![
                col("c", ColumnType::Timestamp { tz: false }),
                col("d", ColumnType::DateTime { tz: false }),
            ],
        ),
        (
            "S",
            "native enum",
            one(col("c", enumeration(&["a", "b"], true))),
        ),
        (
            "P",
            "native enum",
            one(col("c", enumeration(&["a", "it's b"], true))),
        ),
        (
            "SP",
            "enum not null with a default",
            one(Column {
                default: Some(D::String("a".into())),
                ..not_null(col("c", enumeration(&["a", "b"], false)))
            }),
        ),
        (
            "P",
            "native enum not null with a default and a comment",
            one(Column {
                default: Some(D::String("b".into())),
                comment: Some("state".into()),
                ..not_null(col("c", enumeration(&["a", "b"], true)))
            }),
        ),
        (
            "S",
            "decimal precision",
            one(col(
                "c",
                ColumnType::Decimal {
                    precision: 12,
                    scale: 4,
                },
            )),
        ),
        (
            "S",
            "string and char length",
            vec![
                col("c", string(30)),
                col("d", ColumnType::Char { length: 2 }),
            ],
        ),
        (
            "M",
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
        (
            "SP",
            "binary with a length",
            one(col("c", ColumnType::Binary { length: Some(16) })),
        ),
        (
            "S",
            "increments nullable = true",
            one(Column {
                nullable: Some(true),
                ..col("id", ColumnType::Increments)
            }),
        ),
        (
            "P",
            "big_increments",
            one(col("id", ColumnType::BigIncrements)),
        ),
    ];
    let entries = entries
        .into_iter()
        .filter(|(letters, _, _)| for_dialect(dialect, letters))
        .enumerate()
        .map(|(n, (letters, label, columns))| {
            let op = Operation::CreateTable(table(&format!("m{n}"), columns));
            (letters, label, op)
        })
        .collect();
    pick(dialect, entries)
}

/// `users`: an auto-increment key, a foreign key to `roles`, a unique email, timestamps.
pub fn users_table() -> CreateTable {
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

/// `challenge_user`: a composite key, a unique pair, two indexes and two foreign keys. MySQL's
/// keys are unsigned (to match the auto-increment keys they reference); PostgreSQL's adds a
/// native enum.
fn pivot_table(dialect: &dyn Dialect) -> CreateTable {
    let index = |columns: &[&str], name: Option<&str>| IndexDef {
        columns: columns.iter().map(|c| c.to_string()).collect(),
        name: name.map(str::to_string),
    };
    let mysql = dialect.name() == "mysql";
    let key = |name: &str, column_type| Column {
        unsigned: mysql,
        ..not_null(col(name, column_type))
    };
    let mut columns = vec![
        key("user_id", ColumnType::Integer),
        key(
            "challenge_id",
            if mysql {
                ColumnType::BigInteger
            } else {
                ColumnType::Integer
            },
        ),
        col("rank", ColumnType::SmallInteger),
    ];
    if dialect.name() == "postgres" {
        columns.push(col("state", enumeration(&["open", "done"], true)));
    }
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
        ..table("challenge_user", columns)
    }
}

/// `create_table` with every table-level option, in an order that runs on an empty database:
/// parents first, the pivot twice (`if_not_exists`), then the tracking tables.
pub fn create_table(dialect: &dyn Dialect) -> Vec<Case> {
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
    let pivot = "pivot: composite key, unique, indexes, foreign keys, if_not_exists";
    let entries = vec![
        ("SPM", "roles", roles),
        ("SPM", "users with timestamps", users_table()),
        ("SPM", "challenges", challenges),
        ("SPM", pivot, pivot_table(dialect)),
        ("SPM", "the same again is a no-op", pivot_table(dialect)),
        ("M", "auto-increment first in a composite primary key", log),
        (
            "SPM",
            "the tracking table",
            dialect.tracking_table("dbm_schema"),
        ),
        (
            "SPM",
            "the tracking versions table",
            dbm_core::dialect::versions_table("dbm_schema"),
        ),
    ];
    pick(
        dialect,
        entries
            .into_iter()
            .map(|(letters, label, create)| (letters, label, Operation::CreateTable(create)))
            .collect(),
    )
}

/// A `create_index`.
fn index(
    table: &str,
    columns: &[&str],
    unique: bool,
    name: Option<&str>,
    concurrently: bool,
) -> Operation {
    Operation::CreateIndex(CreateIndex {
        table: table.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        unique,
        name: name.map(str::to_string),
        concurrently,
    })
}

/// A `drop_table`.
fn drop_table(name: &str, if_exists: bool) -> Operation {
    Operation::DropTable(DropTable {
        name: name.into(),
        if_exists,
    })
}

/// The operations besides `create_table` and `alter_table`: indexes, a rename, raw SQL and
/// `drop_table`. SQLite and MySQL start from a table `t (a, b)`, PostgreSQL from
/// `items (id, a, b)`; each has its own raw SQL.
pub fn operations(dialect: &dyn Dialect) -> Vec<Case> {
    let sql = |text: &str| Operation::Sql(RawSql::All(text.into()));
    let per_dialect = |entries: [(&str, &str); 2]| {
        Operation::Sql(RawSql::PerDialect(BTreeMap::from(
            entries.map(|(k, v)| (k.to_string(), v.to_string())),
        )))
    };
    let sqlite_per_dialect = per_dialect([
        ("postgres", "SELECT now()"),
        (
            "sqlite",
            "INSERT INTO t2 (a) VALUES (1); INSERT INTO t2 (a) VALUES (2)",
        ),
    ]);
    let mysql_per_dialect = per_dialect([
        ("postgres", "SELECT now()"),
        (
            "mysql",
            "INSERT INTO t2 (a) VALUES (1); INSERT INTO t2 (a, b) VALUES (2, 'it\\'s; fine')",
        ),
    ]);
    let postgres_per_dialect = per_dialect([
        (
            "postgres",
            "CREATE VIEW \"v\" AS SELECT 1 AS one;\nDO $$ BEGIN PERFORM 1; END $$",
        ),
        ("default", "SELECT 'not me'"),
    ]);
    let sqlite_trigger = "CREATE TRIGGER t2_touch AFTER INSERT ON t2 BEGIN\n  UPDATE t2 SET b = 'x' WHERE a = NEW.a;\nEND;\nINSERT INTO t2 (a) VALUES (3);";
    let mysql_trigger = "-- dbm:statement-begin\nCREATE TRIGGER t2_touch BEFORE INSERT ON t2 FOR EACH ROW BEGIN\n  SET NEW.b = COALESCE(NEW.b, 'x');\nEND\n-- dbm:statement-end\nINSERT INTO t2 (a) VALUES (3);";
    let entries = vec![
        (
            "SM",
            "create_index",
            index("t", &["a", "b"], false, None, false),
        ),
        (
            "P",
            "create_index",
            index("items", &["a"], false, None, false),
        ),
        (
            "SM",
            "create_index unique",
            index("t", &["b"], true, None, false),
        ),
        (
            "P",
            "create_index unique",
            index("items", &["a", "b"], true, None, false),
        ),
        (
            "SM",
            "create_index named, concurrently",
            index("t", &["b"], false, Some("t_by_b"), true),
        ),
        (
            "P",
            "create_index named, concurrently",
            index("items", &["b"], false, Some("items_by_b"), true),
        ),
        (
            "SM",
            "drop_index",
            Operation::DropIndex(DropIndex {
                name: "t_by_b".into(),
                table: Some("t".into()),
            }),
        ),
        (
            "P",
            "drop_index",
            Operation::DropIndex(DropIndex {
                name: "items_by_b".into(),
                table: Some("items".into()),
            }),
        ),
        (
            "SM",
            "rename_table",
            Operation::RenameTable(RenameTable {
                name: "t".into(),
                to: "t2".into(),
            }),
        ),
        (
            "P",
            "rename_table",
            Operation::RenameTable(RenameTable {
                name: "items".into(),
                to: "things".into(),
            }),
        ),
        (
            "S",
            "sql for every dialect",
            sql(
                "CREATE VIEW v AS SELECT a /* the only column */ FROM t2;\nCREATE INDEX t2_b ON t2 (b)",
            ),
        ),
        (
            "M",
            "sql for every dialect",
            sql(
                "CREATE VIEW v AS SELECT a /* the only column */ FROM t2;\n# a MySQL comment\nCREATE INDEX t2_a ON t2 (a)",
            ),
        ),
        ("S", "sql per dialect", sqlite_per_dialect),
        ("M", "sql per dialect", mysql_per_dialect),
        ("P", "sql per dialect", postgres_per_dialect),
        (
            "P",
            "sql for every dialect",
            sql("DROP VIEW \"v\";\n-- done\n"),
        ),
        ("S", "sql with a trigger body", sql(sqlite_trigger)),
        ("M", "sql with a trigger body", sql(mysql_trigger)),
        ("SM", "drop_table", drop_table("t2", false)),
        ("SM", "drop_table if_exists", drop_table("t2", true)),
        ("P", "drop_table if_exists", drop_table("things", true)),
        (
            "P",
            "drop_table if_exists of a missing table",
            drop_table("nothing", true),
        ),
    ];
    pick(dialect, entries)
}

/// The `alter_table` parts on `users`, one part each, in an order that runs on the table each
/// driver's test creates: `users (id, role_id → roles, email unique, nick indexed, junk, …)`
/// with an index `named`.
///
/// SQLite's list is its native parts (its rebuilds are its own test), compiled against the
/// live table's state.
pub fn alter_parts(dialect: &dyn Dialect) -> Vec<Case> {
    let by_columns = |c: &str| ConstraintRef::Columns(vec![c.to_string()]);
    let by_name = |n: &str| ConstraintRef::Name(n.to_string());
    let part = |f: fn(&mut AlterTable)| {
        let mut op = alter("users");
        f(&mut op);
        Operation::AlterTable(op)
    };
    let login_score_bio = || {
        vec![
            Column {
                unique: true,
                ..col("login", string(30))
            },
            Column {
                index: true,
                default: Some(DefaultValue::Integer(0)),
                ..not_null(col("score", ColumnType::Integer))
            },
            Column {
                comment: Some("free text".into()),
                ..col("bio", ColumnType::Text)
            },
        ]
    };
    let add_columns = |extra: Vec<Column>| {
        let mut columns = login_score_bio();
        columns.extend(extra);
        Operation::AlterTable(AlterTable {
            add_columns: columns,
            ..alter("users")
        })
    };
    let mysql_columns = {
        let mut columns = login_score_bio();
        columns[2].default = Some(DefaultValue::String("none".into()));
        columns.push(Column {
            unsigned: true,
            references: reference("roles.id", Some(ReferentialAction::SetNull)),
            ..col("second_role_id", ColumnType::Integer)
        });
        Operation::AlterTable(AlterTable {
            add_columns: columns,
            ..alter("users")
        })
    };
    let postgres_columns = add_columns(vec![
        Column {
            default: Some(DefaultValue::String("happy".into())),
            ..not_null(col("mood", enumeration(&["happy", "sad", "meh"], true)))
        },
        col("kind", enumeration(&["a", "b"], false)),
        Column {
            references: reference("teams.id", Some(ReferentialAction::SetNull)),
            ..col("team_id2", ColumnType::Integer)
        },
    ]);
    let add_index = |column: &str| {
        Operation::AlterTable(AlterTable {
            add_indexes: vec![IndexDef {
                columns: vec![column.into(), "score".into()],
                name: None,
            }],
            ..alter("users")
        })
    };
    let add_unique = |column: &str, name: &str| {
        Operation::AlterTable(AlterTable {
            add_unique: vec![IndexDef {
                columns: vec![column.into()],
                name: Some(name.into()),
            }],
            ..alter("users")
        })
    };
    let add_foreign_key = |on_delete, on_update| {
        Operation::AlterTable(AlterTable {
            add_foreign_keys: vec![ForeignKey {
                columns: vec!["role_id".into()],
                references_table: "roles".into(),
                references_columns: vec!["id".into()],
                on_delete: Some(on_delete),
                on_update,
                name: None,
            }],
            ..alter("users")
        })
    };
    let entries = vec![
        (
            "P",
            "drop_foreign_keys",
            Operation::AlterTable(AlterTable {
                drop_foreign_keys: vec![by_columns("role_id"), by_name("team_fk")],
                ..alter("users")
            }),
        ),
        (
            "M",
            "drop_foreign_keys",
            Operation::AlterTable(AlterTable {
                drop_foreign_keys: vec![by_columns("role_id")],
                ..alter("users")
            }),
        ),
        (
            "SPM",
            "drop_unique by columns",
            part(|op| op.drop_unique = vec![ConstraintRef::Columns(vec!["email".into()])]),
        ),
        (
            "SPM",
            "drop_indexes by columns and by name",
            Operation::AlterTable(AlterTable {
                drop_indexes: vec![by_columns("nick"), by_name("named")],
                ..alter("users")
            }),
        ),
        (
            "SP",
            "rename_columns",
            part(|op| op.rename_columns = vec![("nick".into(), "nickname".into())]),
        ),
        (
            "M",
            "rename_columns",
            part(|op| {
                op.rename_columns = vec![
                    ("nick".into(), "nickname".into()),
                    ("email".into(), "mail".into()),
                ]
            }),
        ),
        (
            "SM",
            "drop_columns (no index or constraint)",
            part(|op| op.drop_columns = vec!["junk".into()]),
        ),
        (
            "P",
            "drop_columns (a native enum's type goes with its column)",
            part(|op| op.drop_columns = vec!["junk".into(), "mood".into()]),
        ),
        ("S", "add_columns", add_columns(Vec::new())),
        ("P", "add_columns", postgres_columns),
        ("M", "add_columns", mysql_columns),
        (
            "M",
            "alter_columns: the full new definition, with its own unique",
            Operation::AlterTable(AlterTable {
                alter_columns: vec![
                    Column {
                        unsigned: true,
                        default: Some(DefaultValue::Integer(18)),
                        comment: Some("years".into()),
                        ..not_null(col("age", ColumnType::SmallInteger))
                    },
                    Column {
                        unique: true,
                        ..not_null(col("nickname", string(60)))
                    },
                    col("id", ColumnType::BigIncrements),
                ],
                ..alter("users")
            }),
        ),
        ("SP", "add_indexes", add_index("email")),
        ("M", "add_indexes", add_index("mail")),
        ("SP", "add_unique", add_unique("email", "email_once")),
        ("M", "add_unique", add_unique("mail", "mail_once")),
        (
            "P",
            "add_foreign_keys",
            add_foreign_key(ReferentialAction::Cascade, None),
        ),
        (
            "M",
            "add_foreign_keys",
            add_foreign_key(
                ReferentialAction::Restrict,
                Some(ReferentialAction::Cascade),
            ),
        ),
    ];
    pick(dialect, entries)
}

/// Definitions some dialect refuses, each compiled by every dialect: the snapshot shows each
/// dialect's message, or its statements where it accepts the definition.
pub fn refusals(dialect: &dyn Dialect) -> Vec<Case> {
    let create = |create: CreateTable| Operation::CreateTable(create);
    let increments_and = |other: &str, primary_key: &[&str]| {
        create(CreateTable {
            primary_key: primary_key.iter().map(|c| c.to_string()).collect(),
            ..table(
                "t",
                vec![
                    col("id", ColumnType::Increments),
                    col(other, ColumnType::Integer),
                ],
            )
        })
    };
    let only_entry = |family: &str| {
        Operation::Sql(RawSql::PerDialect(BTreeMap::from([(
            family.to_string(),
            "SELECT 1".to_string(),
        )])))
    };
    let entries = vec![
        (
            "SPM",
            "two auto-incrementing columns",
            create(table(
                "t",
                vec![
                    col("a", ColumnType::Increments),
                    col("b", ColumnType::BigIncrements),
                ],
            )),
        ),
        (
            "SPM",
            "an auto-increment column beside a primary_key without it",
            increments_and("a", &["a"]),
        ),
        (
            "SPM",
            "an auto-increment column first in a composite primary key",
            increments_and("b", &["id", "b"]),
        ),
        (
            "SPM",
            "an auto-increment column second in a composite primary key",
            increments_and("b", &["b", "id"]),
        ),
        (
            "SPM",
            "a default on an identity column",
            create(table(
                "t",
                vec![Column {
                    default: Some(DefaultValue::Integer(1)),
                    ..col("id", ColumnType::Increments)
                }],
            )),
        ),
        (
            "SPM",
            "an enum without values",
            create(table("t", vec![col("c", enumeration(&[], true))])),
        ),
        (
            "SPM",
            "a checked enum without values",
            create(table("t", vec![col("c", enumeration(&[], false))])),
        ),
        (
            "SPM",
            "unsigned on a string",
            create(table(
                "t",
                vec![Column {
                    unsigned: true,
                    ..col("c", string(3))
                }],
            )),
        ),
        (
            "SPM",
            "on_delete set_default",
            create(table(
                "t",
                vec![Column {
                    references: reference("p.id", Some(ReferentialAction::SetDefault)),
                    ..col("p_id", ColumnType::Integer)
                }],
            )),
        ),
        (
            "SPM",
            "a foreign key without referenced columns",
            create(CreateTable {
                foreign_keys: vec![ForeignKey {
                    columns: vec!["a".into()],
                    references_table: "p".into(),
                    ..ForeignKey::default()
                }],
                ..table("t", vec![col("a", ColumnType::Integer)])
            }),
        ),
        ("SPM", "a table without columns", create(table("t", vec![]))),
        (
            "SPM",
            "a CURRENT_TIMESTAMP default with a precision",
            create(table(
                "t",
                vec![with_default(
                    ColumnType::Timestamp { tz: true },
                    DefaultValue::Sql("CURRENT_TIMESTAMP(6)".into()),
                )],
            )),
        ),
        (
            "SPM",
            "drop_index without its table",
            Operation::DropIndex(DropIndex {
                name: "t_a_index".into(),
                table: None,
            }),
        ),
        (
            "SM",
            "sql without an entry for the dialect or a default",
            only_entry("postgres"),
        ),
        (
            "P",
            "sql without an entry for the dialect or a default",
            only_entry("mysql"),
        ),
    ];
    pick(dialect, entries)
}

/// Every case of `group` compiled by `dialect`, in order, for a round trip on its server.
///
/// # Panics
///
/// When a case does not compile.
pub fn compiled(dialect: &dyn Dialect, group: Group) -> Steps {
    group(dialect)
        .into_iter()
        .map(|(label, op)| {
            let statements = crate::ddl::compile(dialect, &op);
            (label, statements)
        })
        .collect()
}

/// A group that runs on a fresh database: its name, the tables it starts from, the group.
pub type RoundTrip = (&'static str, Vec<CreateTable>, Group);

/// The groups that run on each dialect's database, each on a fresh one after creating the
/// tables it starts from: `parents` for the references, `t` or `items` for the operations.
pub fn round_trips(dialect: &dyn Dialect) -> Vec<RoundTrip> {
    let key = |name: &str| Column {
        primary: true,
        ..col(name, ColumnType::Integer)
    };
    let parents = table("parents", vec![key("id")]);
    let start = if dialect.name() == "postgres" {
        table(
            "items",
            vec![
                key("id"),
                col("a", ColumnType::Integer),
                col("b", ColumnType::Text),
            ],
        )
    } else {
        table(
            "t",
            vec![col("a", ColumnType::Integer), col("b", string(20))],
        )
    };
    vec![
        ("column_types", Vec::new(), column_types),
        ("column_modifiers", vec![parents], column_modifiers),
        ("create_table", Vec::new(), create_table),
        ("operations", vec![start], operations),
    ]
}

/// Creates the `setup` tables, then runs every case of `group` compiled by `dialect`, on
/// `conn`: the round trip of a group on a dialect's database.
///
/// # Panics
///
/// When a case does not compile or a statement fails.
pub async fn run(
    conn: &mut dyn Connection,
    dialect: &dyn Dialect,
    setup: Vec<CreateTable>,
    group: Group,
) {
    let steps = compiled(dialect, group);
    for create in setup {
        let statements = crate::ddl::compile(dialect, &Operation::CreateTable(create));
        crate::ddl::run(conn, &statements).await;
    }
    run_steps(conn, &steps).await;
}

/// The text of a group compiled by each dialect, lined up by label: `## <label>`, then for each
/// dialect that has the case `-- <name>` and its statements, each ending in `;`, or
/// `error: <message>` where the dialect refuses it.
pub fn side_by_side(
    dialects: &[&dyn Dialect],
    group: impl Fn(&dyn Dialect) -> Vec<Case>,
) -> String {
    let per_dialect: Vec<(&dyn Dialect, Vec<Case>)> =
        dialects.iter().map(|d| (*d, group(*d))).collect();
    let mut labels: Vec<&str> = Vec::new();
    for (_, cases) in &per_dialect {
        for (label, _) in cases {
            if !labels.contains(&label.as_str()) {
                labels.push(label);
            }
        }
    }
    let mut out = String::new();
    for label in labels {
        out.push_str(&format!("## {label}\n"));
        for (dialect, cases) in &per_dialect {
            if let Some((_, op)) = cases.iter().find(|(l, _)| l == label) {
                out.push_str(&crate::cases::side_by_side(&[*dialect], op));
            }
        }
    }
    out
}
