//! The operation entries of `[[up]]` and `[[down]]`: exactly one operation key per entry
//! (`create_table`, `alter_table`, `drop_table`, `rename_table`, `create_index`, `drop_index`,
//! `sql`) and the companion keys each one accepts.

use toml::{Table, Value};

use super::Parsed;
use super::fields::{Fields, expect_table, expected, non_empty_string};
use super::suggest::{suggest, words};
use crate::schema::{
    AlterTable, CreateIndex, CreateTable, DropIndex, DropTable, Operation, RawSql, RenameTable,
};

pub(crate) const OPERATION_KEYS: &[&str] = &[
    "create_table",
    "alter_table",
    "drop_table",
    "rename_table",
    "create_index",
    "drop_index",
    "sql",
];

pub(crate) const CREATE_TABLE_KEYS: &[&str] = &[
    "columns",
    "timestamps",
    "primary_key",
    "unique",
    "indexes",
    "foreign_keys",
    "if_not_exists",
];

/// The parts an `alter_table` entry can hold.
pub(crate) const ALTER_TABLE_KEYS: &[&str] = &[
    "add_columns",
    "drop_columns",
    "rename_columns",
    "alter_columns",
    "add_indexes",
    "drop_indexes",
    "add_unique",
    "drop_unique",
    "add_foreign_keys",
    "drop_foreign_keys",
];

pub(crate) const DROP_TABLE_KEYS: &[&str] = &["if_exists"];
pub(crate) const RENAME_TABLE_KEYS: &[&str] = &["to"];
pub(crate) const CREATE_INDEX_KEYS: &[&str] = &["columns", "unique", "name", "concurrently"];
pub(crate) const DROP_INDEX_KEYS: &[&str] = &["table"];
const SQL_DIALECT_KEYS: &[&str] = crate::dialect::SQL_ENTRY_KEYS;

pub(super) fn entries(section: &str, value: &Value) -> Parsed<Vec<Operation>> {
    let Value::Array(items) = value else {
        return Err(expected(
            section,
            &format!("an array of tables (`[[{section}]]`)"),
            value,
        ));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let path = format!("{section}[{i}]");
            let table = expect_table(&path, item, "a table with one operation key")?;
            operation(&path, table)
        })
        .collect()
}

fn operation(path: &str, table: &Table) -> Parsed<Operation> {
    let found: Vec<&str> = OPERATION_KEYS
        .iter()
        .copied()
        .filter(|key| table.contains_key(*key))
        .collect();
    let keyword = match found.as_slice() {
        [keyword] => *keyword,
        [] => {
            let hint = table
                .keys()
                .find_map(|key| {
                    suggest(key, OPERATION_KEYS).map(|s| format!(" (`{key}`: did you mean `{s}`?)"))
                })
                .unwrap_or_default();
            return Err(format!(
                "{path}: no operation key{hint}; each entry needs exactly one of {}",
                words(OPERATION_KEYS)
            ));
        }
        _ => {
            return Err(format!(
                "{path}: {} operation keys ({}); each entry needs exactly one of {}",
                found.len(),
                words(&found),
                words(OPERATION_KEYS)
            ));
        }
    };
    let fields = Fields { path, table };
    match keyword {
        "create_table" => create_table(&fields).map(Operation::CreateTable),
        "alter_table" => alter_table(&fields).map(Operation::AlterTable),
        "drop_table" => {
            fields.allow_operation(keyword, DROP_TABLE_KEYS)?;
            Ok(Operation::DropTable(DropTable {
                name: fields.required_name(keyword)?,
                if_exists: fields.flag("if_exists")?,
            }))
        }
        "rename_table" => {
            fields.allow_operation(keyword, RENAME_TABLE_KEYS)?;
            Ok(Operation::RenameTable(RenameTable {
                name: fields.required_name(keyword)?,
                to: fields.required_name("to")?,
            }))
        }
        "create_index" => {
            fields.allow_operation(keyword, CREATE_INDEX_KEYS)?;
            Ok(Operation::CreateIndex(CreateIndex {
                table: fields.required_name(keyword)?,
                columns: fields.required_column_names("columns")?,
                unique: fields.flag("unique")?,
                name: fields.name("name")?,
                concurrently: fields.flag("concurrently")?,
            }))
        }
        "drop_index" => {
            fields.allow_operation(keyword, DROP_INDEX_KEYS)?;
            Ok(Operation::DropIndex(DropIndex {
                name: fields.required_name(keyword)?,
                table: fields.name("table")?,
            }))
        }
        _ => {
            fields.allow_operation(keyword, &[])?;
            raw_sql(&fields.at(keyword), &table[keyword]).map(Operation::Sql)
        }
    }
}

fn create_table(fields: &Fields<'_>) -> Parsed<CreateTable> {
    fields.allow_operation("create_table", CREATE_TABLE_KEYS)?;
    let name = fields.required_name("create_table")?;
    let columns = fields.columns("columns")?;
    let timestamps = fields.flag("timestamps")?;
    if columns.is_empty() && !timestamps {
        return Err(format!(
            "{}: `create_table` needs `columns` (or `timestamps = true`)",
            fields.path
        ));
    }
    let primary_key = fields.column_names("primary_key")?.unwrap_or_default();
    if let Some(column) = columns
        .iter()
        .find(|c| c.primary || c.column_type.is_increments())
        .filter(|_| !primary_key.is_empty())
    {
        return Err(format!(
            "{}: conflicts with column `{}`, which is already the primary key; keep one",
            fields.at("primary_key"),
            column.name
        ));
    }
    Ok(CreateTable {
        name,
        columns,
        timestamps,
        primary_key,
        unique: fields.index_defs("unique")?,
        indexes: fields.index_defs("indexes")?,
        foreign_keys: fields.foreign_keys("foreign_keys")?,
        if_not_exists: fields.flag("if_not_exists")?,
    })
}

fn alter_table(fields: &Fields<'_>) -> Parsed<AlterTable> {
    fields.allow_operation("alter_table", ALTER_TABLE_KEYS)?;
    let op = AlterTable {
        name: fields.required_name("alter_table")?,
        drop_foreign_keys: fields.constraint_refs("drop_foreign_keys")?,
        drop_unique: fields.constraint_refs("drop_unique")?,
        drop_indexes: fields.constraint_refs("drop_indexes")?,
        rename_columns: fields.renames("rename_columns")?,
        drop_columns: fields.string_array("drop_columns")?.unwrap_or_default(),
        add_columns: fields.columns("add_columns")?,
        alter_columns: fields.columns("alter_columns")?,
        add_indexes: fields.index_defs("add_indexes")?,
        add_unique: fields.index_defs("add_unique")?,
        add_foreign_keys: fields.foreign_keys("add_foreign_keys")?,
    };
    // An entry that changes nothing loads: it is an unfinished template, refused only by
    // the commands that would run it (see `Migration::unfinished`).
    Ok(op)
}

fn raw_sql(path: &str, value: &Value) -> Parsed<RawSql> {
    match value {
        Value::String(sql) if !sql.trim().is_empty() => Ok(RawSql::All(sql.clone())),
        Value::Table(table) => {
            let fields = Fields { path, table };
            fields.allow(SQL_DIALECT_KEYS, "dialect")?;
            if table.is_empty() {
                return Err(format!(
                    "{path}: an empty table; give at least one of {}",
                    words(SQL_DIALECT_KEYS)
                ));
            }
            let mut map = std::collections::BTreeMap::new();
            for key in table.keys() {
                if let Some(sql) = fields.string(key)? {
                    if sql.trim().is_empty() {
                        return Err(format!(
                            "{}: expected SQL, found an empty string",
                            fields.at(key)
                        ));
                    }
                    map.insert(key.clone(), sql.to_string());
                }
            }
            Ok(RawSql::PerDialect(map))
        }
        _ => Err(expected(
            path,
            "SQL text or a table of { postgres, mysql, sqlite, default }",
            value,
        )),
    }
}

impl Fields<'_> {
    /// `rename_columns = { old = "new" }`, in the table's (alphabetical) order, without chains.
    fn renames(&self, key: &str) -> Parsed<Vec<(String, String)>> {
        let path = self.at(key);
        let table = match self.table.get(key) {
            None => return Ok(Vec::new()),
            Some(value) => expect_table(&path, value, "a table of old = \"new\" names")?,
        };
        let mut renames = Vec::new();
        for (old, value) in table {
            let new = non_empty_string(&format!("{path}.{old}"), value)?;
            if *old == new {
                return Err(format!("{path}.{old}: renames `{old}` to itself"));
            }
            renames.push((old.clone(), new));
        }
        for (i, (old, new)) in renames.iter().enumerate() {
            if table.contains_key(new) {
                return Err(format!(
                    "{path}.{old}: the new name `{new}` is also renamed in this entry; renames \
                     in one entry have no order (TOML tables are unordered), so put a chain or \
                     a swap in separate `alter_table` entries"
                ));
            }
            if let Some((other, _)) = renames[..i].iter().find(|(_, n)| n == new) {
                return Err(format!("{path}.{old}: `{other}` is renamed to `{new}` too"));
            }
        }
        Ok(renames)
    }
}

#[cfg(test)]
mod tests {
    use crate::migration::toml::test_support::{assert_contains, error, up};
    use crate::schema::{
        AlterTable, Column, ColumnType, ConstraintRef, CreateIndex, CreateTable, DefaultValue,
        DropIndex, DropTable, ForeignKey, IndexDef, Operation, RawSql, ReferentialAction,
        RenameTable,
    };

    #[test]
    fn create_table_parses_keys_indexes_and_foreign_keys() {
        let ops = up(r#"
[[up]]
create_table = "challenge_user"
if_not_exists = true
columns = [
  { name = "challenge_id", type = "integer", comment = "the challenge" },
  { name = "user_id", type = "integer", index = true },
  { name = "score", type = "decimal", precision = 10, scale = 3, default = 0.5 },
]
primary_key = ["challenge_id", "user_id"]
unique = [["user_id", "score"], { columns = "score", name = "score_once" }]
indexes = ["score", ["user_id", "score"]]
foreign_keys = [
  { columns = "user_id", references = "users.id", on_delete = "set null", on_update = "no action" },
  { columns = ["challenge_id", "user_id"], references = "entries", references_columns = ["c", "u"], name = "entry_fk" },
]
"#);
        let expected = CreateTable {
            name: "challenge_user".into(),
            columns: vec![
                Column {
                    comment: Some("the challenge".into()),
                    ..Column::new("challenge_id", ColumnType::Integer)
                },
                Column {
                    index: true,
                    ..Column::new("user_id", ColumnType::Integer)
                },
                Column {
                    default: Some(DefaultValue::Float(0.5)),
                    ..Column::new(
                        "score",
                        ColumnType::Decimal {
                            precision: 10,
                            scale: 3,
                        },
                    )
                },
            ],
            timestamps: false,
            primary_key: vec!["challenge_id".into(), "user_id".into()],
            unique: vec![
                IndexDef {
                    columns: vec!["user_id".into(), "score".into()],
                    name: None,
                },
                IndexDef {
                    columns: vec!["score".into()],
                    name: Some("score_once".into()),
                },
            ],
            indexes: vec![
                IndexDef {
                    columns: vec!["score".into()],
                    name: None,
                },
                IndexDef {
                    columns: vec!["user_id".into(), "score".into()],
                    name: None,
                },
            ],
            foreign_keys: vec![
                ForeignKey {
                    columns: vec!["user_id".into()],
                    references_table: "users".into(),
                    references_columns: vec!["id".into()],
                    on_delete: Some(ReferentialAction::SetNull),
                    on_update: Some(ReferentialAction::NoAction),
                    name: None,
                },
                ForeignKey {
                    columns: vec!["challenge_id".into(), "user_id".into()],
                    references_table: "entries".into(),
                    references_columns: vec!["c".into(), "u".into()],
                    on_delete: None,
                    on_update: None,
                    name: Some("entry_fk".into()),
                },
            ],
            if_not_exists: true,
        };
        assert_eq!(ops, vec![Operation::CreateTable(expected)]);
    }

    #[test]
    fn alter_table_parses_every_part() {
        let ops = up(r#"
[[up]]
alter_table = "users"
drop_foreign_keys = ["role_id", { name = "users_team_fk" }]
drop_unique = [["a", "b"], { columns = ["c"] }]
drop_indexes = [{ name = "old_index" }]
rename_columns = { email = "email_address", login = "username" }
drop_columns = ["legacy"]
add_columns = [{ name = "bio", type = "text" }]
alter_columns = [{ name = "age", type = "small_integer", nullable = false }]
add_indexes = ["bio", ["a", "b"], { columns = ["c"], name = "c_idx" }]
add_unique = [{ columns = "username" }]
add_foreign_keys = [{ columns = ["team_id"], references = "teams.id", on_delete = "restrict" }]
"#);
        let expected = AlterTable {
            name: "users".into(),
            drop_foreign_keys: vec![
                ConstraintRef::Columns(vec!["role_id".into()]),
                ConstraintRef::Name("users_team_fk".into()),
            ],
            drop_unique: vec![
                ConstraintRef::Columns(vec!["a".into(), "b".into()]),
                ConstraintRef::Columns(vec!["c".into()]),
            ],
            drop_indexes: vec![ConstraintRef::Name("old_index".into())],
            rename_columns: vec![
                ("email".into(), "email_address".into()),
                ("login".into(), "username".into()),
            ],
            drop_columns: vec!["legacy".into()],
            add_columns: vec![Column::new("bio", ColumnType::Text)],
            alter_columns: vec![Column {
                nullable: Some(false),
                ..Column::new("age", ColumnType::SmallInteger)
            }],
            add_indexes: vec![
                IndexDef {
                    columns: vec!["bio".into()],
                    name: None,
                },
                IndexDef {
                    columns: vec!["a".into(), "b".into()],
                    name: None,
                },
                IndexDef {
                    columns: vec!["c".into()],
                    name: Some("c_idx".into()),
                },
            ],
            add_unique: vec![IndexDef {
                columns: vec!["username".into()],
                name: None,
            }],
            add_foreign_keys: vec![ForeignKey {
                columns: vec!["team_id".into()],
                references_table: "teams".into(),
                references_columns: vec!["id".into()],
                on_delete: Some(ReferentialAction::Restrict),
                on_update: None,
                name: None,
            }],
        };
        assert_eq!(ops, vec![Operation::AlterTable(expected)]);
    }

    #[test]
    fn drop_rename_and_index_operations_parse() {
        let ops = up(r#"
[[up]]
drop_table = "a"
[[up]]
drop_table = "b"
if_exists = true
[[up]]
rename_table = "c"
to = "d"
[[up]]
create_index = "users"
columns = "email"
[[up]]
create_index = "users"
columns = ["a", "b"]
unique = true
name = "ab"
[[up]]
drop_index = "ab"
[[up]]
drop_index = "users_email_index"
table = "users"
"#);
        assert_eq!(
            ops,
            vec![
                Operation::DropTable(DropTable {
                    name: "a".into(),
                    if_exists: false,
                }),
                Operation::DropTable(DropTable {
                    name: "b".into(),
                    if_exists: true,
                }),
                Operation::RenameTable(RenameTable {
                    name: "c".into(),
                    to: "d".into(),
                }),
                Operation::CreateIndex(CreateIndex {
                    table: "users".into(),
                    columns: vec!["email".into()],
                    unique: false,
                    name: None,
                    concurrently: false,
                }),
                Operation::CreateIndex(CreateIndex {
                    table: "users".into(),
                    columns: vec!["a".into(), "b".into()],
                    unique: true,
                    name: Some("ab".into()),
                    concurrently: false,
                }),
                Operation::DropIndex(DropIndex {
                    name: "ab".into(),
                    table: None,
                }),
                Operation::DropIndex(DropIndex {
                    name: "users_email_index".into(),
                    table: Some("users".into()),
                }),
            ]
        );
    }

    #[test]
    fn sql_parses_as_one_text_or_one_text_per_dialect() {
        let ops = up(r#"
[[up]]
sql = "UPDATE users SET x = 1"
[[up]]
sql = { postgres = "SELECT 'pg'", default = "SELECT 'other'" }
"#);
        let per_dialect = [
            ("default".to_string(), "SELECT 'other'".to_string()),
            ("postgres".to_string(), "SELECT 'pg'".to_string()),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            ops,
            vec![
                Operation::Sql(RawSql::All("UPDATE users SET x = 1".into())),
                Operation::Sql(RawSql::PerDialect(per_dialect)),
            ]
        );
    }

    #[test]
    fn an_entry_with_two_operation_keys_is_an_error_listing_the_operation_keys() {
        let message =
            error("[[up]]\nsql = \"SELECT 1\"\n[[up]]\ncreate_table = \"a\"\ndrop_table = \"b\"\n");
        assert_contains(
            &message,
            &[
                "up[1]: 2 operation keys (`create_table`, `drop_table`)",
                "`alter_table`",
                "`rename_table`",
                "`sql`",
            ],
        );
    }

    #[test]
    fn an_entry_without_an_operation_key_suggests_the_closest() {
        let message = error("[[up]]\ncreate_tabel = \"a\"\n");
        assert_contains(
            &message,
            &[
                "up[0]: no operation key",
                "did you mean `create_table`?",
                "`create_index`",
            ],
        );
    }

    #[test]
    fn a_rename_chain_or_a_duplicate_target_in_one_entry_is_an_error() {
        assert_contains(
            &error("[[up]]\nalter_table = \"t\"\nrename_columns = { a = \"b\", b = \"c\" }\n"),
            &[
                "up[0].rename_columns.a: the new name `b` is also renamed in this entry",
                "separate `alter_table` entries",
            ],
        );
        assert_contains(
            &error("[[up]]\nalter_table = \"t\"\nrename_columns = { a = \"x\", b = \"x\" }\n"),
            &["up[0].rename_columns.b: `a` is renamed to `x` too"],
        );
        assert_contains(
            &error("[[up]]\nalter_table = \"t\"\nrename_columns = { a = \"a\" }\n"),
            &["up[0].rename_columns.a: renames `a` to itself"],
        );
    }

    #[test]
    fn an_alter_table_without_parts_loads_as_an_empty_entry() {
        let ops = up("[[up]]\nalter_table = \"t\"\n");
        assert!(
            matches!(&ops[..], [Operation::AlterTable(a)] if a.is_empty()),
            "{ops:?}"
        );
    }

    #[test]
    fn sql_tables_need_known_dialects_and_at_least_one_entry() {
        assert_contains(
            &error("[[up]]\nsql = { postgress = \"SELECT 1\" }\n"),
            &[
                "up[0].sql.postgress: unknown dialect",
                "did you mean `postgres`?",
                "`postgres`, `mysql`, `sqlite`, `default`",
            ],
        );
        assert_contains(
            &error("[[up]]\nsql = {}\n"),
            &["up[0].sql: an empty table; give at least one of `postgres`"],
        );
        assert_contains(
            &error("[[up]]\nsql = \"\"\n"),
            &["up[0].sql: expected SQL text", "found an empty string"],
        );
    }
}
