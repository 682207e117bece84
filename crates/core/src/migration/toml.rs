//! The `.toml` migration format (DESIGN §4).
//!
//! ```toml
//! [[up]]
//! create_table = "users"
//! columns = [
//!   { name = "id", type = "increments" },
//!   { name = "email", type = "string", length = 254, nullable = false, unique = true },
//! ]
//! timestamps = true
//! ```
//!
//! [`parse_toml_migration`] reads the file with `toml` and then walks the tables by hand, so
//! every error names the entry path (`up[2].columns[1].type`), says what was expected and lists
//! the valid words, with a "did you mean" hint when a word is close to a valid one.
//!
//! Top-level keys: `up` (required), `down` (optional; when absent the down is derived later by
//! [`crate::schema::reverse`]) and `transaction` (default `true`).
//!
//! # Renames inside one entry
//!
//! `rename_columns = { old = "new" }` is a TOML table, and TOML tables are unordered: the
//! renames of one entry reach dbm in alphabetical order of the old names, not in file order.
//! Renames inside one entry therefore must not depend on each other, and a chain or a swap
//! (`{ a = "b", b = "c" }`, where a new name is also an old name) is an error: put each step
//! in its own `[[up]]` entry.

use std::path::Path;

use toml::{Table, Value};

use crate::schema::{
    AlterTable, Column, ColumnType, ConstraintRef, CreateIndex, CreateTable, DefaultValue,
    DropIndex, DropTable, ForeignKey, IndexDef, Operation, RawSql, Reference, ReferentialAction,
    RenameTable,
};
use crate::{Error, Result};

/// A parsed `.toml` migration.
#[derive(Debug, Clone, PartialEq)]
pub struct TomlMigration {
    /// The `[[up]]` entries, in file order.
    pub up: Vec<Operation>,
    /// The `[[down]]` entries; `None` when the file has none (derive the down when needed).
    pub down: Option<Vec<Operation>>,
    /// `transaction` (default `true`): run the migration inside a transaction.
    pub transaction: bool,
}

/// Parses the text of a `.toml` migration.
///
/// # Errors
///
/// [`Error::MigrationFile`] naming `path` and, for a TOML syntax error, the line and column;
/// for a malformed entry, the entry path (`up[2].columns[1].type`), what was expected and the
/// valid words.
pub fn parse_toml_migration(path: &Path, text: &str) -> Result<TomlMigration> {
    let table = text
        .parse::<Table>()
        .map_err(|e| Error::file(path, e.to_string().trim_end()))?;
    migration(&table).map_err(|message| Error::file(path, message))
}

/// A conversion result: the error is the message, prefixed by the entry path.
type Parsed<T> = std::result::Result<T, String>;

const TOP_KEYS: &[&str] = &["up", "down", "transaction"];

const OPERATION_KEYS: &[&str] = &[
    "create_table",
    "alter_table",
    "drop_table",
    "rename_table",
    "create_index",
    "drop_index",
    "sql",
];

const CREATE_TABLE_KEYS: &[&str] = &[
    "columns",
    "timestamps",
    "primary_key",
    "unique",
    "indexes",
    "foreign_keys",
    "if_not_exists",
];

const ALTER_TABLE_KEYS: &[&str] = &[
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

const DROP_TABLE_KEYS: &[&str] = &["if_exists"];
const RENAME_TABLE_KEYS: &[&str] = &["to"];
const CREATE_INDEX_KEYS: &[&str] = &["columns", "unique", "name", "concurrently"];
const DROP_INDEX_KEYS: &[&str] = &["table"];
const SQL_DIALECT_KEYS: &[&str] = &["postgres", "mysql", "sqlite", "default"];

const COLUMN_KEYS: &[&str] = &[
    "name",
    "type",
    "length",
    "precision",
    "scale",
    "values",
    "nullable",
    "default",
    "default_sql",
    "unsigned",
    "primary",
    "unique",
    "index",
    "references",
    "on_delete",
    "on_update",
    "comment",
    "tz",
    "native",
    "sql_type",
];

const FOREIGN_KEY_KEYS: &[&str] = &[
    "columns",
    "references",
    "references_columns",
    "on_delete",
    "on_update",
    "name",
];

const INDEX_KEYS: &[&str] = &["columns", "name"];
const CONSTRAINT_REF_KEYS: &[&str] = &["name", "columns"];

const NUMERIC_TYPES: &[&str] = &[
    "increments",
    "big_increments",
    "tiny_integer",
    "small_integer",
    "integer",
    "big_integer",
    "float",
    "double",
    "decimal",
];

/// Column fields that apply to some types only, and those types.
const TYPE_SPECIFIC_FIELDS: &[(&str, &[&str])] = &[
    ("length", &["char", "string", "binary"]),
    ("precision", &["decimal"]),
    ("scale", &["decimal"]),
    ("values", &["enum"]),
    ("native", &["enum"]),
    ("tz", &["datetime", "timestamp"]),
    ("sql_type", &["specific"]),
    ("unsigned", NUMERIC_TYPES),
];

fn migration(table: &Table) -> Parsed<TomlMigration> {
    for key in table.keys() {
        if !TOP_KEYS.contains(&key.as_str()) {
            return Err(unknown_key(key, key, "top-level key", TOP_KEYS));
        }
    }
    let up = match table.get("up") {
        Some(value) => entries("up", value)?,
        None => return Err("missing `up`: a migration needs `[[up]]` entries".into()),
    };
    let down = table
        .get("down")
        .map(|value| entries("down", value))
        .transpose()?;
    let transaction = match table.get("transaction") {
        Some(value) => expect_bool("transaction", value)?,
        None => true,
    };
    if transaction {
        for (section, ops) in [("up", Some(&up)), ("down", down.as_ref())] {
            let concurrent = ops
                .into_iter()
                .flatten()
                .position(|op| matches!(op, Operation::CreateIndex(index) if index.concurrently));
            if let Some(i) = concurrent {
                return Err(format!(
                    "{section}[{i}].concurrently: `concurrently = true` cannot run inside a \
                     transaction; add `transaction = false` at the top of the file"
                ));
            }
        }
    }
    Ok(TomlMigration {
        up,
        down,
        transaction,
    })
}

fn entries(section: &str, value: &Value) -> Parsed<Vec<Operation>> {
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
    if op.is_empty() {
        return Err(format!(
            "{}: `alter_table` changes nothing; give at least one of {}",
            fields.path,
            words(ALTER_TABLE_KEYS)
        ));
    }
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

fn column(path: &str, value: &Value) -> Parsed<Column> {
    let table = expect_table(
        path,
        value,
        "a column table ({ name = \"...\", type = \"...\" })",
    )?;
    let fields = Fields { path, table };
    fields.allow(COLUMN_KEYS, "column key")?;
    let name = fields.required_name("name")?;
    let column_type = column_type(&fields)?;

    let default = match table.get("default") {
        None => None,
        Some(Value::String(s)) => Some(DefaultValue::String(s.clone())),
        Some(Value::Integer(i)) => Some(DefaultValue::Integer(*i)),
        Some(Value::Float(f)) => Some(DefaultValue::Float(*f)),
        Some(Value::Boolean(b)) => Some(DefaultValue::Boolean(*b)),
        Some(other) => {
            return Err(expected(
                &fields.at("default"),
                "a string, integer, float or boolean (write an expression with `default_sql`)",
                other,
            ));
        }
    };
    let default = match fields.name("default_sql")? {
        Some(_) if default.is_some() => {
            return Err(format!(
                "{}: `default` and `default_sql` exclude each other; keep one",
                fields.at("default_sql")
            ));
        }
        Some(sql) => Some(DefaultValue::Sql(sql)),
        None => default,
    };

    let references = match fields.name("references")? {
        Some(target) => {
            let (table, column) = table_dot_column(&target).ok_or_else(|| {
                format!(
                    "{}: expected `table.column` (exactly one dot), found `{target}`",
                    fields.at("references")
                )
            })?;
            Some(Reference {
                table,
                column,
                on_delete: fields.action("on_delete")?,
                on_update: fields.action("on_update")?,
            })
        }
        None => {
            for key in ["on_delete", "on_update"] {
                if table.contains_key(key) {
                    return Err(format!(
                        "{}: applies only with `references = \"table.column\"`",
                        fields.at(key)
                    ));
                }
            }
            None
        }
    };

    Ok(Column {
        name,
        column_type,
        nullable: fields.bool("nullable")?,
        default,
        unsigned: fields.flag("unsigned")?,
        primary: fields.flag("primary")?,
        unique: fields.flag("unique")?,
        index: fields.flag("index")?,
        references,
        comment: fields.string("comment")?.map(str::to_string),
    })
}

fn column_type(fields: &Fields<'_>) -> Parsed<ColumnType> {
    let path = fields.at("type");
    let raw = match fields.table.get("type") {
        Some(Value::String(word)) => word.as_str(),
        Some(other) => {
            return Err(expected(
                &path,
                &format!("a type word, one of {}", words(ColumnType::WORDS)),
                other,
            ));
        }
        None => {
            return Err(format!(
                "{}: missing `type`; valid types: {}",
                fields.path,
                words(ColumnType::WORDS)
            ));
        }
    };
    let Some(word) = ColumnType::WORDS.iter().copied().find(|w| *w == raw) else {
        return Err(format!(
            "{path}: unknown type `{raw}`{} types: {}",
            hint(raw, ColumnType::WORDS),
            words(ColumnType::WORDS)
        ));
    };
    for (key, types) in TYPE_SPECIFIC_FIELDS {
        if fields.table.contains_key(*key) && !types.contains(&word) {
            return Err(format!(
                "{}: `{key}` does not apply to type `{word}` (only to {})",
                fields.at(key),
                words(types)
            ));
        }
    }
    Ok(match word {
        "increments" => ColumnType::Increments,
        "big_increments" => ColumnType::BigIncrements,
        "tiny_integer" => ColumnType::TinyInteger,
        "small_integer" => ColumnType::SmallInteger,
        "integer" => ColumnType::Integer,
        "big_integer" => ColumnType::BigInteger,
        "float" => ColumnType::Float,
        "double" => ColumnType::Double,
        "decimal" => {
            let precision = fields.number("precision", 1)?.unwrap_or(8);
            let scale = fields.number("scale", 0)?.unwrap_or(2);
            if scale > precision {
                return Err(format!(
                    "{}: scale {scale} exceeds precision {precision} (defaults: precision 8, \
                     scale 2)",
                    fields.at("scale")
                ));
            }
            ColumnType::Decimal { precision, scale }
        }
        "boolean" => ColumnType::Boolean,
        "char" => ColumnType::Char {
            length: fields.number("length", 1)?.unwrap_or(255),
        },
        "string" => ColumnType::String {
            length: fields.number("length", 1)?.unwrap_or(255),
        },
        "text" => ColumnType::Text,
        "date" => ColumnType::Date,
        "time" => ColumnType::Time,
        "datetime" => ColumnType::DateTime {
            tz: fields.bool("tz")?.unwrap_or(true),
        },
        "timestamp" => ColumnType::Timestamp {
            tz: fields.bool("tz")?.unwrap_or(true),
        },
        "json" => ColumnType::Json,
        "jsonb" => ColumnType::Jsonb,
        "uuid" => ColumnType::Uuid,
        "binary" => ColumnType::Binary {
            length: fields.number("length", 1)?,
        },
        "enum" => ColumnType::Enum {
            values: enum_values(fields)?,
            native: fields.flag("native")?,
        },
        _ => ColumnType::Specific {
            sql_type: fields.name("sql_type")?.ok_or_else(|| {
                format!(
                    "{}: missing `sql_type`: type `specific` needs the SQL type, such as \
                     `sql_type = \"citext\"`",
                    fields.path
                )
            })?,
        },
    })
}

fn enum_values(fields: &Fields<'_>) -> Parsed<Vec<String>> {
    let values = fields.string_array("values")?.ok_or_else(|| {
        format!(
            "{}: missing `values`: type `enum` needs a list of values, such as \
             `values = [\"draft\", \"published\"]`",
            fields.path
        )
    })?;
    if values.is_empty() {
        return Err(format!(
            "{}: expected at least one value, found an empty array",
            fields.at("values")
        ));
    }
    for (i, value) in values.iter().enumerate() {
        if values[..i].contains(value) {
            return Err(format!(
                "{}[{i}]: duplicate value `{value}`",
                fields.at("values")
            ));
        }
    }
    Ok(values)
}

fn foreign_key(path: &str, value: &Value) -> Parsed<ForeignKey> {
    let table = expect_table(
        path,
        value,
        "a foreign key table ({ columns = [...], references = \"table.column\" })",
    )?;
    let fields = Fields { path, table };
    fields.allow(FOREIGN_KEY_KEYS, "foreign key key")?;
    let columns = fields.required_column_names("columns")?;
    let target = fields.required_name("references")?;
    let explicit = fields.column_names("references_columns")?;
    let (references_table, references_columns) = match (table_dot_column(&target), explicit) {
        (Some((table, column)), None) => (table, vec![column]),
        (None, Some(columns)) if !target.contains('.') => (target, columns),
        (Some(_), Some(_)) => {
            return Err(format!(
                "{}: with `references_columns`, `references` is the table alone, found \
                 `{target}`",
                fields.at("references")
            ));
        }
        _ => {
            return Err(format!(
                "{}: expected `table.column` (exactly one dot), or a table with \
                 `references_columns`, found `{target}`",
                fields.at("references")
            ));
        }
    };
    if references_columns.len() != columns.len() {
        return Err(format!(
            "{path}: {} column(s) reference {} column(s) of `{references_table}`; the counts \
             must match",
            columns.len(),
            references_columns.len()
        ));
    }
    Ok(ForeignKey {
        columns,
        references_table,
        references_columns,
        on_delete: fields.action("on_delete")?,
        on_update: fields.action("on_update")?,
        name: fields.name("name")?,
    })
}

fn index_def(path: &str, value: &Value) -> Parsed<IndexDef> {
    match value {
        Value::String(_) | Value::Array(_) => Ok(IndexDef {
            columns: column_names(path, value)?,
            name: None,
        }),
        Value::Table(table) => {
            let fields = Fields { path, table };
            fields.allow(INDEX_KEYS, "index key")?;
            Ok(IndexDef {
                columns: fields.required_column_names("columns")?,
                name: fields.name("name")?,
            })
        }
        _ => Err(expected(
            path,
            "a column name, an array of column names or a table { columns, name }",
            value,
        )),
    }
}

fn constraint_ref(path: &str, value: &Value) -> Parsed<ConstraintRef> {
    match value {
        Value::String(_) | Value::Array(_) => {
            Ok(ConstraintRef::Columns(column_names(path, value)?))
        }
        Value::Table(table) => {
            let fields = Fields { path, table };
            fields.allow(CONSTRAINT_REF_KEYS, "key")?;
            match (fields.name("name")?, fields.column_names("columns")?) {
                (Some(name), None) => Ok(ConstraintRef::Name(name)),
                (None, Some(columns)) => Ok(ConstraintRef::Columns(columns)),
                _ => Err(format!(
                    "{path}: expected exactly one of `name` or `columns`"
                )),
            }
        }
        _ => Err(expected(
            path,
            "a column name, an array of column names, { name = \"...\" } or { columns = [...] }",
            value,
        )),
    }
}

/// A string or a non-empty array of strings: column names.
fn column_names(path: &str, value: &Value) -> Parsed<Vec<String>> {
    match value {
        Value::String(_) => Ok(vec![non_empty_string(path, value)?]),
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, item)| non_empty_string(&format!("{path}[{i}]"), item))
            .collect(),
        Value::Array(_) => Err(format!(
            "{path}: expected at least one column name, found an empty array"
        )),
        _ => Err(expected(
            path,
            "a column name or an array of column names",
            value,
        )),
    }
}

/// `table.column` with exactly one dot and both parts non-empty.
fn table_dot_column(target: &str) -> Option<(String, String)> {
    match target.split_once('.') {
        Some((table, column))
            if !table.is_empty() && !column.is_empty() && !column.contains('.') =>
        {
            Some((table.to_string(), column.to_string()))
        }
        _ => None,
    }
}

/// The fields of one TOML table at an entry path.
struct Fields<'a> {
    path: &'a str,
    table: &'a Table,
}

impl<'a> Fields<'a> {
    fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// Rejects any key not in `allowed`.
    fn allow(&self, allowed: &[&str], what: &str) -> Parsed<()> {
        match self
            .table
            .keys()
            .find(|key| !allowed.contains(&key.as_str()))
        {
            Some(key) => Err(unknown_key(&self.at(key), key, what, allowed)),
            None => Ok(()),
        }
    }

    /// Rejects any key that is neither the operation key nor one of its companions.
    fn allow_operation(&self, keyword: &str, companions: &[&str]) -> Parsed<()> {
        match self
            .table
            .keys()
            .find(|key| *key != keyword && !companions.contains(&key.as_str()))
        {
            Some(key) if companions.is_empty() => Err(format!(
                "{}: unknown key; `{keyword}` takes no other keys",
                self.at(key)
            )),
            Some(key) => Err(unknown_key(
                &self.at(key),
                key,
                &format!("key for `{keyword}`"),
                companions,
            )),
            None => Ok(()),
        }
    }

    fn bool(&self, key: &str) -> Parsed<Option<bool>> {
        self.table
            .get(key)
            .map(|value| expect_bool(&self.at(key), value))
            .transpose()
    }

    fn flag(&self, key: &str) -> Parsed<bool> {
        Ok(self.bool(key)?.unwrap_or(false))
    }

    fn string(&self, key: &str) -> Parsed<Option<&'a str>> {
        match self.table.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(expected(&self.at(key), "a string", other)),
        }
    }

    /// An optional non-empty string (a name).
    fn name(&self, key: &str) -> Parsed<Option<String>> {
        self.table
            .get(key)
            .map(|value| non_empty_string(&self.at(key), value))
            .transpose()
    }

    fn required_name(&self, key: &str) -> Parsed<String> {
        self.name(key)?
            .ok_or_else(|| format!("{}: missing `{key}`", self.path))
    }

    /// An optional integer of at least `min` that fits a `u32`.
    fn number(&self, key: &str, min: u32) -> Parsed<Option<u32>> {
        match self.table.get(key) {
            None => Ok(None),
            Some(Value::Integer(n)) => match u32::try_from(*n) {
                Ok(n) if n >= min => Ok(Some(n)),
                _ => Err(format!(
                    "{}: expected an integer from {min} to {}, found {n}",
                    self.at(key),
                    u32::MAX
                )),
            },
            Some(other) => Err(expected(&self.at(key), "an integer", other)),
        }
    }

    fn action(&self, key: &str) -> Parsed<Option<ReferentialAction>> {
        match self.string(key)? {
            None => Ok(None),
            Some(word) => ReferentialAction::parse(word).map(Some).ok_or_else(|| {
                format!(
                    "{}: unknown action `{word}`{} actions: {}",
                    self.at(key),
                    hint(word, ReferentialAction::WORDS),
                    words(ReferentialAction::WORDS)
                )
            }),
        }
    }

    /// An optional array of strings (no single-string shorthand).
    fn string_array(&self, key: &str) -> Parsed<Option<Vec<String>>> {
        let path = self.at(key);
        match self.table.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| non_empty_string(&format!("{path}[{i}]"), item))
                .collect::<Parsed<Vec<_>>>()
                .map(Some),
            Some(other) => Err(expected(&path, "an array of strings", other)),
        }
    }

    fn column_names(&self, key: &str) -> Parsed<Option<Vec<String>>> {
        self.table
            .get(key)
            .map(|value| column_names(&self.at(key), value))
            .transpose()
    }

    fn required_column_names(&self, key: &str) -> Parsed<Vec<String>> {
        self.column_names(key)?
            .ok_or_else(|| format!("{}: missing `{key}`", self.path))
    }

    /// The elements of an optional array, each with its path.
    fn items(&self, key: &str, what: &str) -> Parsed<Vec<(String, &'a Value)>> {
        let path = self.at(key);
        match self.table.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, item)| (format!("{path}[{i}]"), item))
                .collect()),
            Some(other) => Err(expected(&path, what, other)),
        }
    }

    /// An array of column tables, with distinct names.
    fn columns(&self, key: &str) -> Parsed<Vec<Column>> {
        let mut columns: Vec<Column> = Vec::new();
        for (path, value) in self.items(key, "an array of column tables")? {
            let column = column(&path, value)?;
            if columns.iter().any(|c| c.name == column.name) {
                return Err(format!("{path}.name: duplicate column `{}`", column.name));
            }
            columns.push(column);
        }
        Ok(columns)
    }

    fn index_defs(&self, key: &str) -> Parsed<Vec<IndexDef>> {
        self.items(key, "an array of indexes")?
            .into_iter()
            .map(|(path, value)| index_def(&path, value))
            .collect()
    }

    fn constraint_refs(&self, key: &str) -> Parsed<Vec<ConstraintRef>> {
        self.items(key, "an array of column names or { name = \"...\" } tables")?
            .into_iter()
            .map(|(path, value)| constraint_ref(&path, value))
            .collect()
    }

    fn foreign_keys(&self, key: &str) -> Parsed<Vec<ForeignKey>> {
        self.items(key, "an array of foreign key tables")?
            .into_iter()
            .map(|(path, value)| foreign_key(&path, value))
            .collect()
    }

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

fn expect_table<'a>(path: &str, value: &'a Value, what: &str) -> Parsed<&'a Table> {
    match value {
        Value::Table(table) => Ok(table),
        other => Err(expected(path, what, other)),
    }
}

fn expect_bool(path: &str, value: &Value) -> Parsed<bool> {
    match value {
        Value::Boolean(b) => Ok(*b),
        other => Err(expected(path, "a boolean", other)),
    }
}

fn non_empty_string(path: &str, value: &Value) -> Parsed<String> {
    match value {
        Value::String(s) if !s.is_empty() => Ok(s.clone()),
        other => Err(expected(path, "a non-empty string", other)),
    }
}

fn expected(path: &str, what: &str, found: &Value) -> String {
    format!("{path}: expected {what}, found {}", kind(found))
}

/// The TOML type of a value, with its article.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::String(s) if s.is_empty() => "an empty string",
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a float",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a datetime",
        Value::Array(_) => "an array",
        Value::Table(_) => "a table",
    }
}

fn unknown_key(path: &str, key: &str, what: &str, valid: &[&str]) -> String {
    format!(
        "{path}: unknown {what}{} keys: {}",
        hint(key, valid),
        words(valid)
    )
}

/// `; did you mean `x`? valid` when a valid word is close to `word`, else `; valid`.
fn hint(word: &str, valid: &[&str]) -> String {
    match suggest(word, valid) {
        Some(close) => format!("; did you mean `{close}`? valid"),
        None => "; valid".to_string(),
    }
}

/// `` `a`, `b`, `c` ``.
fn words(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The closest valid word within an edit distance of 2, if any.
fn suggest<'w>(word: &str, valid: &[&'w str]) -> Option<&'w str> {
    let lower = word.to_ascii_lowercase();
    valid
        .iter()
        .map(|w| (edit_distance(&lower, w), *w))
        .filter(|(d, _)| *d <= 2 && *d < lower.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, w)| w)
}

/// Levenshtein distance.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> TomlMigration {
        match parse_toml_migration(Path::new("m.toml"), text) {
            Ok(migration) => migration,
            Err(e) => panic!("expected the migration to parse, got: {e}"),
        }
    }

    fn up(text: &str) -> Vec<Operation> {
        parse(text).up
    }

    fn error(text: &str) -> String {
        match parse_toml_migration(Path::new("m.toml"), text) {
            Ok(migration) => panic!("expected an error, parsed {migration:?}"),
            Err(e) => {
                assert!(matches!(e, Error::MigrationFile { .. }), "{e:?}");
                e.to_string()
            }
        }
    }

    fn assert_contains(message: &str, parts: &[&str]) {
        for part in parts {
            assert!(
                message.contains(part),
                "expected `{part}` in the message:\n{message}"
            );
        }
    }

    fn column_of(text: &str) -> Column {
        match up(&format!(
            "[[up]]\ncreate_table = \"t\"\ncolumns = [{text}]\n"
        ))
        .as_slice()
        {
            [Operation::CreateTable(table)] => table.columns[0].clone(),
            other => panic!("expected one create_table, got {other:?}"),
        }
    }

    fn column_error(text: &str) -> String {
        error(&format!(
            "[[up]]\nsql = \"SELECT 1\"\n[[up]]\ncreate_table = \"t\"\ncolumns = [{text}]\n"
        ))
    }

    #[test]
    fn the_design_users_example_parses_to_the_full_ast() {
        let migration = parse(
            r#"
[[up]]
create_table = "users"
columns = [
  { name = "id", type = "increments" },
  { name = "role_id", type = "integer", unsigned = true, nullable = false, default = 1, references = "roles.id", on_delete = "cascade" },
  { name = "email", type = "string", length = 254, nullable = false, unique = true },
  { name = "is_admin", type = "boolean", nullable = false, default = false },
]
timestamps = true
"#,
        );
        let expected = CreateTable {
            name: "users".into(),
            columns: vec![
                Column::new("id", ColumnType::Increments),
                Column {
                    nullable: Some(false),
                    default: Some(DefaultValue::Integer(1)),
                    unsigned: true,
                    references: Some(Reference {
                        table: "roles".into(),
                        column: "id".into(),
                        on_delete: Some(ReferentialAction::Cascade),
                        on_update: None,
                    }),
                    ..Column::new("role_id", ColumnType::Integer)
                },
                Column {
                    nullable: Some(false),
                    unique: true,
                    ..Column::new("email", ColumnType::String { length: 254 })
                },
                Column {
                    nullable: Some(false),
                    default: Some(DefaultValue::Boolean(false)),
                    ..Column::new("is_admin", ColumnType::Boolean)
                },
            ],
            timestamps: true,
            ..CreateTable::default()
        };
        assert_eq!(
            migration,
            TomlMigration {
                up: vec![Operation::CreateTable(expected)],
                down: None,
                transaction: true,
            }
        );
    }

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
    fn down_and_transaction_are_read_and_default_to_none_and_true() {
        let defaults = parse("[[up]]\nsql = \"SELECT 1\"\n");
        assert_eq!(defaults.down, None);
        assert!(defaults.transaction);

        let full = parse(
            r#"
transaction = false
[[up]]
create_index = "users"
columns = ["email"]
concurrently = true
[[down]]
drop_index = "users_email_index"
"#,
        );
        assert!(!full.transaction);
        assert_eq!(
            full.up,
            vec![Operation::CreateIndex(CreateIndex {
                table: "users".into(),
                columns: vec!["email".into()],
                concurrently: true,
                ..CreateIndex::default()
            })]
        );
        assert_eq!(
            full.down,
            Some(vec![Operation::DropIndex(DropIndex {
                name: "users_email_index".into(),
                table: None,
            })])
        );
    }

    #[test]
    fn each_toml_default_type_gives_its_default_value() {
        let cases = [
            (r#"default = "x""#, DefaultValue::String("x".into())),
            ("default = 42", DefaultValue::Integer(42)),
            ("default = -1.5", DefaultValue::Float(-1.5)),
            ("default = true", DefaultValue::Boolean(true)),
            (
                r#"default_sql = "CURRENT_TIMESTAMP""#,
                DefaultValue::Sql("CURRENT_TIMESTAMP".into()),
            ),
        ];
        for (field, default) in cases {
            let column = column_of(&format!("{{ name = \"c\", type = \"text\", {field} }}"));
            assert_eq!(column.default, Some(default), "{field}");
        }
    }

    #[test]
    fn each_type_word_gives_its_column_type_with_defaults_and_options() {
        let cases = [
            ("type = \"increments\"", ColumnType::Increments),
            ("type = \"big_increments\"", ColumnType::BigIncrements),
            ("type = \"tiny_integer\"", ColumnType::TinyInteger),
            ("type = \"small_integer\"", ColumnType::SmallInteger),
            ("type = \"integer\"", ColumnType::Integer),
            ("type = \"big_integer\"", ColumnType::BigInteger),
            ("type = \"float\"", ColumnType::Float),
            ("type = \"double\"", ColumnType::Double),
            (
                "type = \"decimal\"",
                ColumnType::Decimal {
                    precision: 8,
                    scale: 2,
                },
            ),
            (
                "type = \"decimal\", precision = 12",
                ColumnType::Decimal {
                    precision: 12,
                    scale: 2,
                },
            ),
            ("type = \"boolean\"", ColumnType::Boolean),
            ("type = \"char\"", ColumnType::Char { length: 255 }),
            (
                "type = \"char\", length = 2",
                ColumnType::Char { length: 2 },
            ),
            ("type = \"string\"", ColumnType::String { length: 255 }),
            ("type = \"text\"", ColumnType::Text),
            ("type = \"date\"", ColumnType::Date),
            ("type = \"time\"", ColumnType::Time),
            ("type = \"datetime\"", ColumnType::DateTime { tz: true }),
            (
                "type = \"timestamp\", tz = false",
                ColumnType::Timestamp { tz: false },
            ),
            ("type = \"json\"", ColumnType::Json),
            ("type = \"jsonb\"", ColumnType::Jsonb),
            ("type = \"uuid\"", ColumnType::Uuid),
            ("type = \"binary\"", ColumnType::Binary { length: None }),
            (
                "type = \"binary\", length = 16",
                ColumnType::Binary { length: Some(16) },
            ),
            (
                "type = \"enum\", values = [\"a\", \"b\"], native = true",
                ColumnType::Enum {
                    values: vec!["a".into(), "b".into()],
                    native: true,
                },
            ),
            (
                "type = \"specific\", sql_type = \"citext\"",
                ColumnType::Specific {
                    sql_type: "citext".into(),
                },
            ),
        ];
        for (fields, column_type) in cases {
            let column = column_of(&format!("{{ name = \"c\", {fields} }}"));
            assert_eq!(column.column_type, column_type, "{fields}");
        }
    }

    #[test]
    fn a_toml_syntax_error_names_the_file_line_and_column() {
        let message = error("[[up]]\ncreate_table = \"users\"\ncolumns = [\n");
        assert_contains(&message, &["m.toml: ", "line 3, column"]);
    }

    #[test]
    fn an_unknown_top_level_key_is_an_error_listing_the_valid_keys() {
        let message = error("transactions = false\n[[up]]\nsql = \"SELECT 1\"\n");
        assert_contains(
            &message,
            &[
                "m.toml: transactions: unknown top-level key",
                "did you mean `transaction`?",
                "`up`, `down`, `transaction`",
            ],
        );
    }

    #[test]
    fn a_migration_without_up_is_an_error() {
        assert_contains(&error("[[down]]\nsql = \"SELECT 1\"\n"), &["missing `up`"]);
        assert_contains(
            &error("up = { sql = \"x\" }\n"),
            &["up: expected an array of tables (`[[up]]`), found a table"],
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
    fn an_unknown_type_lists_the_types_and_suggests_the_closest() {
        let message = column_error(r#"{ name = "email", type = "strng" }"#);
        assert_contains(
            &message,
            &[
                "up[1].columns[0].type: unknown type `strng`",
                "did you mean `string`?",
                "`increments`",
                "`specific`",
            ],
        );
        let far = column_error(r#"{ name = "email", type = "varchar" }"#);
        assert!(!far.contains("did you mean"), "{far}");
        assert_contains(&far, &["unknown type `varchar`; valid types: `increments`"]);
    }

    #[test]
    fn an_unknown_key_lists_the_valid_keys_for_its_place() {
        assert_contains(
            &error("[[up]]\ncreate_table = \"t\"\ncolums = []\n"),
            &[
                "up[0].colums: unknown key for `create_table`",
                "did you mean `columns`?",
                "`timestamps`",
                "`foreign_keys`",
            ],
        );
        assert_contains(
            &error("[[up]]\nrename_table = \"t\"\nto = \"u\"\nif_exists = true\n"),
            &["up[0].if_exists: unknown key for `rename_table`; valid keys: `to`"],
        );
        assert_contains(
            &column_error(r#"{ name = "a", type = "text", nulable = true }"#),
            &[
                "up[1].columns[0].nulable: unknown column key",
                "did you mean `nullable`?",
                "`default_sql`",
            ],
        );
        assert_contains(
            &error("[[up]]\nsql = \"SELECT 1\"\ntable = \"t\"\n"),
            &["up[0].table: unknown key; `sql` takes no other keys"],
        );
    }

    #[test]
    fn a_wrong_value_type_names_what_was_expected_and_found() {
        assert_contains(
            &column_error(
                r#"{ name = "a", type = "text" }, { name = "b", type = "text", nullable = "no" }"#,
            ),
            &["m.toml: up[1].columns[1].nullable: expected a boolean, found a string"],
        );
        assert_contains(
            &column_error(r#"{ name = "a", type = "string", length = "10" }"#),
            &["up[1].columns[0].length: expected an integer, found a string"],
        );
        assert_contains(
            &column_error(r#"{ name = "a", type = "string", length = 0 }"#),
            &[
                "up[1].columns[0].length: expected an integer from 1 to",
                "found 0",
            ],
        );
        assert_contains(
            &error("transaction = \"no\"\n[[up]]\nsql = \"x\"\n"),
            &["transaction: expected a boolean, found a string"],
        );
        assert_contains(
            &error("[[up]]\ncreate_table = 1\n"),
            &["up[0].create_table: expected a non-empty string, found an integer"],
        );
        assert_contains(
            &error("[[up]]\nalter_table = \"t\"\ndrop_columns = \"a\"\n"),
            &["up[0].drop_columns: expected an array of strings, found a string"],
        );
        assert_contains(
            &error("[[up]]\ncreate_table = \"t\"\ncolumns = [\"id\"]\n"),
            &[
                "up[0].columns[0]: expected a column table",
                "found a string",
            ],
        );
    }

    #[test]
    fn missing_required_keys_are_errors_naming_the_entry() {
        assert_contains(
            &column_error(r#"{ type = "text" }"#),
            &["up[1].columns[0]: missing `name`"],
        );
        assert_contains(
            &column_error(r#"{ name = "a" }"#),
            &["up[1].columns[0]: missing `type`; valid types: `increments`"],
        );
        assert_contains(
            &error("[[up]]\nrename_table = \"a\"\n"),
            &["up[0]: missing `to`"],
        );
        assert_contains(
            &error("[[up]]\ncreate_index = \"a\"\nunique = true\n"),
            &["up[0]: missing `columns`"],
        );
        assert_contains(
            &column_error(r#"{ name = "a", type = "enum" }"#),
            &["up[1].columns[0]: missing `values`"],
        );
        assert_contains(
            &column_error(r#"{ name = "a", type = "enum", values = [] }"#),
            &["up[1].columns[0].values: expected at least one value"],
        );
        assert_contains(
            &column_error(r#"{ name = "a", type = "specific" }"#),
            &["up[1].columns[0]: missing `sql_type`"],
        );
        assert_contains(
            &error("[[up]]\ncreate_table = \"t\"\ntimestamps = false\n"),
            &["up[0]: `create_table` needs `columns`"],
        );
        assert_contains(
            &error("[[up]]\nalter_table = \"t\"\nadd_foreign_keys = [{ columns = [\"a\"] }]\n"),
            &["up[0].add_foreign_keys[0]: missing `references`"],
        );
    }

    #[test]
    fn a_field_that_does_not_apply_to_the_type_is_an_error() {
        assert_contains(
            &column_error(r#"{ name = "a", type = "integer", length = 10 }"#),
            &[
                "up[1].columns[0].length: `length` does not apply to type `integer` (only to `char`, `string`, `binary`)",
            ],
        );
        for (fields, key) in [
            ("type = \"string\", precision = 3", "precision"),
            ("type = \"integer\", scale = 1", "scale"),
            ("type = \"text\", values = [\"a\"]", "values"),
            ("type = \"text\", native = true", "native"),
            ("type = \"date\", tz = false", "tz"),
            ("type = \"text\", sql_type = \"citext\"", "sql_type"),
            ("type = \"string\", unsigned = true", "unsigned"),
        ] {
            let message = column_error(&format!("{{ name = \"a\", {fields} }}"));
            assert_contains(
                &message,
                &[&format!(
                    "up[1].columns[0].{key}: `{key}` does not apply to type"
                )],
            );
        }
    }

    #[test]
    fn default_values_must_be_literals_and_exclude_default_sql() {
        assert_contains(
            &column_error(r#"{ name = "a", type = "date", default = 2024-01-01 }"#),
            &[
                "up[1].columns[0].default: expected a string, integer, float or boolean",
                "`default_sql`",
                "found a datetime",
            ],
        );
        assert_contains(
            &column_error(r#"{ name = "a", type = "text", default = "x", default_sql = "'y'" }"#),
            &["up[1].columns[0].default_sql: `default` and `default_sql` exclude each other"],
        );
    }

    #[test]
    fn references_need_one_dot_and_actions_need_references() {
        assert_contains(
            &column_error(r#"{ name = "a", type = "integer", references = "roles" }"#),
            &[
                "up[1].columns[0].references: expected `table.column` (exactly one dot), found `roles`",
            ],
        );
        assert_contains(
            &column_error(r#"{ name = "a", type = "integer", references = "s.roles.id" }"#),
            &["found `s.roles.id`"],
        );
        assert_contains(
            &column_error(r#"{ name = "a", type = "integer", on_delete = "cascade" }"#),
            &["up[1].columns[0].on_delete: applies only with `references"],
        );
        assert_contains(
            &column_error(
                r#"{ name = "a", type = "integer", references = "r.id", on_update = "cascde" }"#,
            ),
            &[
                "up[1].columns[0].on_update: unknown action `cascde`; did you mean `cascade`?",
                "`set null`, `restrict`, `no action`, `set default`",
            ],
        );
    }

    #[test]
    fn foreign_keys_reject_mismatched_or_ambiguous_references() {
        let fk = |fields: &str| {
            error(&format!(
                "[[up]]\ncreate_table = \"t\"\ncolumns = [{{ name = \"a\", type = \"integer\" }}]\nforeign_keys = [{{ {fields} }}]\n"
            ))
        };
        assert_contains(
            &fk(r#"columns = ["a", "b"], references = "r.id""#),
            &["up[0].foreign_keys[0]: 2 column(s) reference 1 column(s) of `r`"],
        );
        assert_contains(
            &fk(r#"columns = "a", references = "r.id", references_columns = ["id"]"#),
            &[
                "up[0].foreign_keys[0].references: with `references_columns`, `references` is the table alone",
            ],
        );
        assert_contains(
            &fk(r#"columns = "a", references = "r""#),
            &["up[0].foreign_keys[0].references: expected `table.column`"],
        );
    }

    #[test]
    fn scale_above_precision_is_an_error() {
        assert_contains(
            &column_error(r#"{ name = "a", type = "decimal", precision = 1 }"#),
            &["up[1].columns[0].scale: scale 2 exceeds precision 1"],
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
    fn an_alter_table_without_parts_is_an_error() {
        assert_contains(
            &error("[[up]]\nalter_table = \"t\"\n"),
            &[
                "up[0]: `alter_table` changes nothing",
                "`add_columns`",
                "`drop_foreign_keys`",
            ],
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

    #[test]
    fn drop_constraint_refs_need_exactly_name_or_columns() {
        assert_contains(
            &error(
                "[[up]]\nalter_table = \"t\"\ndrop_unique = [{ name = \"x\", columns = [\"a\"] }]\n",
            ),
            &["up[0].drop_unique[0]: expected exactly one of `name` or `columns`"],
        );
        assert_contains(
            &error("[[up]]\nalter_table = \"t\"\ndrop_indexes = [1]\n"),
            &[
                "up[0].drop_indexes[0]: expected a column name",
                "found an integer",
            ],
        );
    }

    #[test]
    fn concurrently_inside_a_transaction_is_an_error() {
        assert_contains(
            &error("[[up]]\ncreate_index = \"t\"\ncolumns = \"a\"\nconcurrently = true\n"),
            &["up[0].concurrently", "`transaction = false`"],
        );
    }

    #[test]
    fn duplicate_columns_and_a_double_primary_key_are_errors() {
        assert_contains(
            &column_error(r#"{ name = "a", type = "text" }, { name = "a", type = "integer" }"#),
            &["up[1].columns[1].name: duplicate column `a`"],
        );
        assert_contains(
            &error(
                "[[up]]\ncreate_table = \"t\"\ncolumns = [{ name = \"id\", type = \"increments\" }]\nprimary_key = [\"id\"]\n",
            ),
            &["up[0].primary_key: conflicts with column `id`"],
        );
    }

    #[test]
    fn suggestions_use_the_edit_distance_of_two() {
        assert_eq!(edit_distance("strng", "string"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(suggest("Strin", ColumnType::WORDS), Some("string"));
        assert_eq!(suggest("varchar", ColumnType::WORDS), None);
    }
}
