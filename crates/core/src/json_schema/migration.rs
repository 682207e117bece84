//! The shape of a `.toml` migration, as types whose doc comments become the schema's
//! descriptions. The parser (`migration::toml`) walks the TOML table by hand; the tests
//! below hold its key lists and words to these types.

#![allow(
    dead_code,
    reason = "the types describe the file for the schema; nothing builds them"
)]

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

use super::{non_blank, non_empty, push_all_of, words};
use crate::dialect::SQL_ENTRY_KEYS;
use crate::migration::toml::columns::TYPE_SPECIFIC_FIELDS;
use crate::schema::{ColumnType, ReferentialAction};

/// A dbm migration (`database/migrations/*.toml`): portable operations that every driver
/// compiles to its own SQL. `[[up]]` entries apply it; `[[down]]` entries undo it.
#[derive(JsonSchema)]
#[schemars(title = "dbm migration", deny_unknown_fields)]
pub(super) struct MigrationFile {
    /// The operations that apply the migration, in order. Each `[[up]]` entry has exactly
    /// one operation key: `create_table`, `alter_table`, `drop_table`, `rename_table`,
    /// `create_index`, `drop_index` or `sql`.
    pub up: Vec<Entry>,
    /// The operations that undo the migration. Without `[[down]]`, dbm derives the down by
    /// reversing `up`, newest operation first; an `up` that cannot be reversed needs one.
    pub down: Option<Vec<Entry>>,
    /// Run the migration inside a transaction (default `true`). `false` runs it outside
    /// one, as `create_index` with `concurrently = true` needs.
    pub transaction: Option<bool>,
}

/// One operation: exactly one of `create_table`, `alter_table`, `drop_table`,
/// `rename_table`, `create_index`, `drop_index` or `sql`, with the keys it takes.
///
/// Written as "exactly one operation key" and, for each key, "if it is there, the entry is
/// that operation": an editor then names the wrong key itself rather than every operation
/// the entry fails to be.
pub(super) struct Entry;

impl JsonSchema for Entry {
    fn schema_name() -> Cow<'static, str> {
        "Entry".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let operations = [
            ("create_table", generator.subschema_for::<CreateTable>()),
            ("alter_table", generator.subschema_for::<AlterTable>()),
            ("drop_table", generator.subschema_for::<DropTable>()),
            ("rename_table", generator.subschema_for::<RenameTable>()),
            ("create_index", generator.subschema_for::<CreateIndex>()),
            ("drop_index", generator.subschema_for::<DropIndex>()),
            ("sql", generator.subschema_for::<Sql>()),
        ];
        let one_key: Vec<Value> = operations
            .iter()
            .map(|(key, _)| json!({ "required": [key] }))
            .collect();
        let each: Vec<Value> = operations
            .iter()
            .map(|(key, schema)| json!({ "if": { "required": [key] }, "then": schema }))
            .collect();
        json_schema!({
            "type": "object",
            "description": "One operation: exactly one of `create_table`, `alter_table`, `drop_table`, `rename_table`, `create_index`, `drop_index` or `sql`, with the keys it takes.",
            "oneOf": one_key,
            "allOf": each
        })
    }
}

/// `create_table = "t"`: creates a table.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = columns_or_timestamps)]
pub(super) struct CreateTable {
    /// Creates the table of this name. Reversed by dropping it.
    pub create_table: Name,
    /// The table's columns, in order.
    pub columns: Option<Vec<Column>>,
    /// Adds `created_at` and `updated_at`: not null, default `CURRENT_TIMESTAMP`.
    pub timestamps: Option<bool>,
    /// A primary key over these columns (for one column, `primary = true` on the column
    /// does the same). Conflicts with an `increments` or `primary` column.
    pub primary_key: Option<ColumnNames>,
    /// Unique constraints: each a column name, an array of columns or
    /// `{ columns = [...], name = "..." }`; named `t_a_b_unique` unless named.
    pub unique: Option<Vec<IndexDef>>,
    /// Indexes: each a column name, an array of columns or `{ columns = [...], name = "..." }`;
    /// named `t_a_b_index` unless named.
    pub indexes: Option<Vec<IndexDef>>,
    /// Foreign keys over one or more columns, named `t_a_foreign` unless named.
    pub foreign_keys: Option<Vec<ForeignKey>>,
    /// `CREATE TABLE IF NOT EXISTS`: no error when the table exists.
    pub if_not_exists: Option<bool>,
}

/// `alter_table = "t"`: changes a table. Its parts apply in this order: drop foreign keys,
/// drop unique, drop indexes, rename columns, drop columns, add columns, alter columns,
/// add indexes, add unique, add foreign keys.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct AlterTable {
    /// Changes the table of this name. Adds and renames reverse by themselves; drops and
    /// alters need a `[[down]]`.
    pub alter_table: Name,
    /// Columns to add.
    pub add_columns: Option<Vec<Column>>,
    /// Columns to drop, by name.
    pub drop_columns: Option<Vec<Name>>,
    /// Columns to rename: `{ old = "new" }`. TOML tables have no order, so renames in one
    /// entry must not depend on each other: put a chain or a swap in separate entries.
    pub rename_columns: Option<Renames>,
    /// The full new definitions of existing columns (type, nullability, default, ...).
    pub alter_columns: Option<Vec<Column>>,
    /// Indexes to add: each a column name, an array of columns or
    /// `{ columns = [...], name = "..." }`.
    pub add_indexes: Option<Vec<IndexDef>>,
    /// Indexes to drop: each a column name or an array of columns (the generated name is
    /// used), `{ columns = [...] }` or `{ name = "..." }`.
    pub drop_indexes: Option<Vec<ConstraintRef>>,
    /// Unique constraints to add: each a column name, an array of columns or
    /// `{ columns = [...], name = "..." }`.
    pub add_unique: Option<Vec<IndexDef>>,
    /// Unique constraints to drop: each a column name or an array of columns (the generated
    /// name is used), `{ columns = [...] }` or `{ name = "..." }`.
    pub drop_unique: Option<Vec<ConstraintRef>>,
    /// Foreign keys to add.
    pub add_foreign_keys: Option<Vec<ForeignKey>>,
    /// Foreign keys to drop: each a column name or an array of columns (the generated name
    /// is used), `{ columns = [...] }` or `{ name = "..." }`.
    pub drop_foreign_keys: Option<Vec<ConstraintRef>>,
}

/// `drop_table = "t"`: drops a table.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct DropTable {
    /// Drops the table of this name (on PostgreSQL, with its native enum types). Not
    /// reversible: write a `[[down]]`.
    pub drop_table: Name,
    /// `DROP TABLE IF EXISTS`: no error when the table is missing.
    pub if_exists: Option<bool>,
}

/// `rename_table = "t"`, `to = "t2"`: renames a table.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct RenameTable {
    /// Renames the table of this name. Reversed by renaming it back.
    pub rename_table: Name,
    /// The table's new name.
    pub to: Name,
}

/// `create_index = "t"`: creates an index.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct CreateIndex {
    /// Creates an index on the table of this name. Reversed by dropping it.
    pub create_index: Name,
    /// The indexed columns: a column name or an array of column names.
    pub columns: ColumnNames,
    /// A unique index.
    pub unique: Option<bool>,
    /// The index's name (default `t_a_b_index`, or `t_a_b_unique` when unique).
    pub name: Option<Name>,
    /// `CREATE INDEX CONCURRENTLY` on PostgreSQL (the migration needs
    /// `transaction = false`); no effect on other databases.
    pub concurrently: Option<bool>,
}

/// `drop_index = "name"`: drops an index.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct DropIndex {
    /// Drops the index of this name. Not reversible: write a `[[down]]`.
    pub drop_index: Name,
    /// The index's table (MySQL names indexes per table).
    pub table: Option<Name>,
}

/// `sql = "..."`: raw SQL.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct Sql {
    /// Raw SQL, split into statements; or a table of SQL per database family
    /// (`postgres`, `mysql`, `sqlite`, `default`). Not reversible: write a `[[down]]`.
    pub sql: SqlText,
}

/// A column: `{ name = "...", type = "..." }` and the fields that apply to its type.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = column_rules)]
pub(super) struct Column {
    /// The column's name.
    pub name: Name,
    /// The column's portable type.
    pub r#type: TypeWord,
    /// `char`, `string` (default 255) and `binary` (`varbinary(n)` on MySQL): the length.
    #[schemars(range(min = 1, max = 4_294_967_295_u32))]
    pub length: Option<u32>,
    /// `decimal`: the total number of digits (default 8).
    #[schemars(range(min = 1, max = 4_294_967_295_u32))]
    pub precision: Option<u32>,
    /// `decimal`: the digits after the point (default 2); at most `precision`.
    #[schemars(range(max = 4_294_967_295_u32))]
    pub scale: Option<u32>,
    /// `enum`: the allowed values.
    pub values: Option<EnumValues>,
    /// Whether the column takes NULL (default `true`, except primary keys and
    /// `increments`).
    pub nullable: Option<bool>,
    /// The default: a TOML string, integer, float or boolean, written as such. For an
    /// expression, use `default_sql`.
    pub default: Option<Literal>,
    /// The default as a raw SQL expression, such as `CURRENT_TIMESTAMP`. Excludes
    /// `default`.
    pub default_sql: Option<Name>,
    /// Numeric types: unsigned on MySQL; no effect on SQLite and PostgreSQL.
    pub unsigned: Option<bool>,
    /// A single-column primary key.
    pub primary: Option<bool>,
    /// A unique index on the column (`t_c_unique`).
    pub unique: Option<bool>,
    /// An index on the column (`t_c_index`).
    pub index: Option<bool>,
    /// A foreign key to `table.column` (named `t_c_foreign`).
    pub references: Option<TableDotColumn>,
    /// With `references`: what deleting the referenced row does.
    pub on_delete: Option<Action>,
    /// With `references`: what updating the referenced key does.
    pub on_update: Option<Action>,
    /// A comment on the column.
    pub comment: Option<String>,
    /// `datetime` and `timestamp`: with time zone (default `true`; PostgreSQL
    /// `timestamptz`).
    pub tz: Option<bool>,
    /// `enum`: a PostgreSQL enum type (`CREATE TYPE t_c_enum AS ENUM`) instead of a check.
    pub native: Option<bool>,
    /// `specific`: the database type, written as given (such as `citext`).
    pub sql_type: Option<Name>,
}

/// A foreign key: `{ columns = "a", references = "t2.id" }`, or over several columns
/// `{ columns = ["a", "b"], references = "t2", references_columns = ["x", "y"] }`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields, transform = references_form)]
pub(super) struct ForeignKey {
    /// The referencing columns: a column name or an array of column names.
    pub columns: ColumnNames,
    /// `table.column`; with `references_columns`, the table alone.
    pub references: Name,
    /// The referenced columns, as many as `columns`; `references` is then the table.
    pub references_columns: Option<ColumnNames>,
    /// What deleting the referenced row does.
    pub on_delete: Option<Action>,
    /// What updating the referenced key does.
    pub on_update: Option<Action>,
    /// The constraint's name (default `t_a_foreign`).
    pub name: Option<Name>,
}

/// The portable column types.
#[derive(JsonSchema)]
#[schemars(rename_all = "snake_case", transform = super::list_words)]
pub(super) enum TypeWord {
    /// An auto-incrementing integer primary key (PostgreSQL identity, MySQL
    /// `AUTO_INCREMENT`, SQLite `AUTOINCREMENT`).
    Increments,
    /// An auto-incrementing `bigint` primary key.
    BigIncrements,
    /// A one-byte integer (`smallint` on PostgreSQL).
    TinyInteger,
    /// `smallint`.
    SmallInteger,
    /// `integer` (`int` on MySQL).
    Integer,
    /// `bigint`.
    BigInteger,
    /// A single-precision float (`real` on PostgreSQL).
    Float,
    /// A double-precision float.
    Double,
    /// An exact number: `decimal(precision, scale)`, default `decimal(8,2)`.
    Decimal,
    /// `boolean`.
    Boolean,
    /// A fixed-length string, `char(length)` (default 255).
    Char,
    /// A variable-length string, `varchar(length)` (default 255).
    String,
    /// Unbounded text.
    Text,
    /// A date.
    Date,
    /// A time of day.
    Time,
    /// A date and time (`timestamptz` on PostgreSQL; `tz = false` for `timestamp`).
    Datetime,
    /// A timestamp (`timestamptz` on PostgreSQL; `tz = false` for `timestamp`).
    Timestamp,
    /// JSON.
    Json,
    /// JSON, binary on PostgreSQL (`json` elsewhere).
    Jsonb,
    /// A UUID (`char(36)` on MySQL and SQLite).
    Uuid,
    /// Bytes (`bytea`, `blob`; `varbinary(length)` on MySQL with `length`).
    Binary,
    /// One of `values`: a check constraint, a MySQL `enum`, or with `native = true` a
    /// PostgreSQL enum type.
    Enum,
    /// A database-specific type given by `sql_type`, written as given.
    Specific,
}

/// A name: a non-empty string.
pub(super) struct Name;

impl JsonSchema for Name {
    fn schema_name() -> Cow<'static, str> {
        "Name".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "minLength": 1 })
    }
}

/// A column name or a non-empty array of column names.
pub(super) struct ColumnNames;

impl JsonSchema for ColumnNames {
    fn schema_name() -> Cow<'static, str> {
        "ColumnNames".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A column name or an array of column names.",
            "anyOf": [
                { "type": "string", "minLength": 1 },
                {
                    "type": "array",
                    "minItems": 1,
                    "items": { "type": "string", "minLength": 1 }
                }
            ]
        })
    }
}

/// `enum` values: a non-empty array of distinct non-empty strings.
pub(super) struct EnumValues;

impl JsonSchema for EnumValues {
    fn schema_name() -> Cow<'static, str> {
        "EnumValues".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "minItems": 1,
            "uniqueItems": true,
            "items": { "type": "string", "minLength": 1 }
        })
    }
}

/// `rename_columns = { old = "new" }`.
pub(super) struct Renames;

impl JsonSchema for Renames {
    fn schema_name() -> Cow<'static, str> {
        "Renames".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "additionalProperties": { "type": "string", "minLength": 1 }
        })
    }
}

/// A literal default: a string, integer, float or boolean.
pub(super) struct Literal;

impl JsonSchema for Literal {
    fn schema_name() -> Cow<'static, str> {
        "Literal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "integer", "number", "boolean"] })
    }
}

/// `table.column`, with exactly one dot.
pub(super) struct TableDotColumn;

impl JsonSchema for TableDotColumn {
    fn schema_name() -> Cow<'static, str> {
        "TableDotColumn".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": TABLE_DOT_COLUMN })
    }
}

/// `table.column`: two non-empty parts around exactly one dot.
const TABLE_DOT_COLUMN: &str = "^[^.]+\\.[^.]+$";

/// An index or a unique constraint: a column name, an array of columns, or
/// `{ columns = [...], name = "..." }`.
pub(super) struct IndexDef;

impl JsonSchema for IndexDef {
    fn schema_name() -> Cow<'static, str> {
        "IndexDef".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let names = generator.subschema_for::<ColumnNames>();
        json_schema!({
            "description": "A column name, an array of column names, or { columns = [...], name = \"...\" }.",
            "anyOf": [
                names,
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["columns"],
                    "properties": {
                        "columns": names,
                        "name": non_empty("The name (default `t_a_b_index` or `t_a_b_unique`).")
                    }
                }
            ]
        })
    }
}

/// An index, unique constraint or foreign key to drop: a column name, an array of columns
/// (the generated name is used), `{ columns = [...] }` or `{ name = "..." }`.
pub(super) struct ConstraintRef;

impl JsonSchema for ConstraintRef {
    fn schema_name() -> Cow<'static, str> {
        "ConstraintRef".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let names = generator.subschema_for::<ColumnNames>();
        let by_name = non_empty("The name of the index or constraint.");
        json_schema!({
            "description": "A column name, an array of column names (the generated name is used), { columns = [...] } or { name = \"...\" }.",
            "anyOf": [
                names,
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["name"],
                    "properties": { "name": by_name }
                },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["columns"],
                    "properties": { "columns": names }
                }
            ]
        })
    }
}

/// `sql = "..."` or `sql = { postgres = "...", mysql = "...", sqlite = "...", default = "..." }`.
pub(super) struct SqlText;

impl JsonSchema for SqlText {
    fn schema_name() -> Cow<'static, str> {
        "SqlText".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let properties: serde_json::Map<String, Value> = SQL_ENTRY_KEYS
            .iter()
            .map(|key| (key.to_string(), non_blank(dialect_description(key))))
            .collect();
        json_schema!({
            "anyOf": [
                non_blank("SQL for every database, split into statements."),
                {
                    "type": "object",
                    "description": "SQL per database family: a driver takes its family's entry, else `default`.",
                    "minProperties": 1,
                    "additionalProperties": false,
                    "properties": properties
                }
            ]
        })
    }
}

/// What a key of a `sql = { ... }` table stands for.
fn dialect_description(key: &str) -> &'static str {
    match key {
        "postgres" => {
            "SQL for the PostgreSQL family (PostgreSQL and drivers declaring it), split by its rules (dollar quoting)."
        }
        "mysql" => {
            "SQL for the MySQL family (MySQL, MariaDB), split by its rules (backslash escapes, `#` comments)."
        }
        "sqlite" => "SQL for SQLite.",
        _ => "SQL for a database whose family has no entry of its own.",
    }
}

/// A referential action (case does not matter).
pub(super) struct Action;

impl JsonSchema for Action {
    fn schema_name() -> Cow<'static, str> {
        "Action".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let described: Vec<(&str, &str)> = ReferentialAction::WORDS
            .iter()
            .map(|word| (*word, action_description(word)))
            .collect();
        json_schema!({
            "description": "A referential action: `cascade`, `set null`, `restrict`, `no action` or `set default`.",
            "anyOf": [
                { "type": "string", "oneOf": words(&described) },
                { "type": "string", "pattern": any_case(ReferentialAction::WORDS) }
            ]
        })
    }
}

/// What a referential action does.
fn action_description(word: &str) -> &'static str {
    match word {
        "cascade" => "Deletes or updates the referencing rows too.",
        "set null" => "Sets the referencing columns to NULL.",
        "restrict" => "Refuses while referencing rows exist, at once.",
        "no action" => {
            "Refuses while referencing rows exist (checked at the end of the statement)."
        }
        _ => "Sets the referencing columns to their defaults.",
    }
}

/// A regular expression matching any of `words` in any case (`[cC][aA]...`), without the
/// inline flags that some editors' regular expressions lack.
fn any_case(words: &[&str]) -> String {
    let alternatives: Vec<String> = words
        .iter()
        .map(|word| {
            word.chars()
                .map(|c| {
                    if c.is_ascii_alphabetic() {
                        format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
                    } else {
                        c.to_string()
                    }
                })
                .collect()
        })
        .collect();
    format!("^({})$", alternatives.join("|"))
}

/// A column's rules across fields: the type-specific fields apply only to their types,
/// `enum` needs `values`, `specific` needs `sql_type`, `default` and `default_sql` exclude
/// each other, and `on_delete` / `on_update` need `references`.
fn column_rules(schema: &mut Schema) {
    for (field, types) in TYPE_SPECIFIC_FIELDS {
        push_all_of(
            schema,
            json!({
                "if": { "required": [field] },
                "then": { "properties": { "type": { "enum": types } } }
            }),
        );
    }
    for (word, field) in [("enum", "values"), ("specific", "sql_type")] {
        push_all_of(
            schema,
            json!({
                "if": { "properties": { "type": { "const": word } }, "required": ["type"] },
                "then": { "required": [field] }
            }),
        );
    }
    push_all_of(
        schema,
        json!({ "not": { "required": ["default", "default_sql"] } }),
    );
    schema.insert(
        "dependencies".into(),
        json!({ "on_delete": ["references"], "on_update": ["references"] }),
    );
}

/// `references` is `table.column`, or the table alone with `references_columns`.
fn references_form(schema: &mut Schema) {
    push_all_of(
        schema,
        json!({
            "if": { "required": ["references_columns"] },
            "then": { "properties": { "references": { "pattern": "^[^.]+$" } } },
            "else": { "properties": { "references": { "pattern": TABLE_DOT_COLUMN } } }
        }),
    );
}

/// `create_table` needs `columns` or `timestamps = true`.
fn columns_or_timestamps(schema: &mut Schema) {
    push_all_of(
        schema,
        json!({
            "anyOf": [
                { "required": ["columns"], "properties": { "columns": { "minItems": 1 } } },
                { "required": ["timestamps"], "properties": { "timestamps": { "const": true } } }
            ]
        }),
    );
}

/// The words of the type enum, as the schema lists them.
#[cfg(test)]
pub(super) fn type_words(schema: &Value) -> Vec<String> {
    schema["definitions"]["TypeWord"]["oneOf"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| w["const"].as_str().map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_schema::root;
    use crate::migration::toml::columns::COLUMN_KEYS;
    use crate::migration::toml::constraints::FOREIGN_KEY_KEYS;
    use crate::migration::toml::operations::{
        ALTER_TABLE_KEYS, CREATE_INDEX_KEYS, CREATE_TABLE_KEYS, DROP_INDEX_KEYS, DROP_TABLE_KEYS,
        OPERATION_KEYS, RENAME_TABLE_KEYS,
    };

    fn keys(schema: &Value, definition: &str) -> Vec<String> {
        let properties = if definition.is_empty() {
            &schema["properties"]
        } else {
            &schema["definitions"][definition]["properties"]
        };
        let mut keys: Vec<String> = properties
            .as_object()
            .unwrap_or_else(|| panic!("{definition} has properties"))
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        words.sort();
        words
    }

    #[test]
    fn the_schema_has_the_keys_the_parser_reads() {
        let schema = root::<MigrationFile>().to_value();
        assert_eq!(keys(&schema, ""), sorted(crate::migration::toml::TOP_KEYS));
        let entry_keys: Vec<&str> = schema["definitions"]["Entry"]["oneOf"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|one| one["required"][0].as_str())
            .collect();
        assert_eq!(entry_keys, OPERATION_KEYS);
        assert_eq!(keys(&schema, "Column"), sorted(COLUMN_KEYS));
        assert_eq!(keys(&schema, "ForeignKey"), sorted(FOREIGN_KEY_KEYS));
        let operations = [
            ("CreateTable", "create_table", CREATE_TABLE_KEYS),
            ("AlterTable", "alter_table", ALTER_TABLE_KEYS),
            ("DropTable", "drop_table", DROP_TABLE_KEYS),
            ("RenameTable", "rename_table", RENAME_TABLE_KEYS),
            ("CreateIndex", "create_index", CREATE_INDEX_KEYS),
            ("DropIndex", "drop_index", DROP_INDEX_KEYS),
            ("Sql", "sql", &[]),
        ];
        for (definition, keyword, companions) in operations {
            let mut expected = companions.to_vec();
            expected.push(keyword);
            assert_eq!(keys(&schema, definition), sorted(&expected), "{definition}");
        }
        assert_eq!(
            sorted(&operations.map(|(_, keyword, _)| keyword)),
            sorted(OPERATION_KEYS)
        );
    }

    #[test]
    fn the_schema_has_the_words_the_parser_takes() {
        let schema = root::<MigrationFile>().to_value();
        assert_eq!(type_words(&schema), ColumnType::WORDS);
        let actions: Vec<&str> = schema["definitions"]["Action"]["anyOf"][0]["oneOf"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|w| w["const"].as_str())
            .collect();
        assert_eq!(actions, ReferentialAction::WORDS);
        let dialects = keys(&schema["definitions"]["SqlText"]["anyOf"][1], "");
        assert_eq!(dialects, sorted(SQL_ENTRY_KEYS));
    }

    #[test]
    fn any_case_matches_each_word_in_any_case_only() {
        assert_eq!(any_case(&["set null"]), "^([sS][eE][tT] [nN][uU][lL][lL])$");
        for word in ReferentialAction::WORDS {
            assert!(ReferentialAction::parse(&word.to_ascii_uppercase()).is_some());
        }
    }
}
