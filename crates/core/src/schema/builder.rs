//! The fluent builder: Rust migrations write the same [`Operation`]s as `.toml` files.
//!
//! ```
//! use dbm_core::schema::{Schema, ReferentialAction};
//! let mut schema = Schema::new();
//! schema.create_table("users", |t| {
//!     t.increments("id");
//!     t.integer("role_id").unsigned().not_null().default(1).references("roles.id").on_delete(ReferentialAction::Cascade);
//!     t.string("email").length(254).not_null().unique();
//!     t.timestamps();
//! });
//! schema.alter_table("users", |t| {
//!     t.boolean("is_admin").not_null().default(false);
//!     t.rename_column("email", "email_address");
//!     t.add_index(&["role_id", "is_admin"]).name("users_role_admin_index");
//! });
//! schema.create_index("users", &["created_at"]).name("users_created_index");
//! assert_eq!(schema.operations().len(), 3);
//! ```
//!
//! The column methods ([`TableBuilder::integer`], [`AlterBuilder::string`], ...) are the same
//! on [`TableBuilder`] (they define the table's columns) and [`AlterBuilder`] (they go to
//! `add_columns`); each returns a [`ColumnBuilder`] for the column's settings.
//!
//! The builder never fails and never panics: a setting that does not apply to the column's
//! type (`length` on an `integer`) is ignored, and a malformed reference is kept as it is
//! (see [`ColumnBuilder::references`]), so the dialect or the database reports it.

use std::collections::BTreeMap;

use super::{
    AlterTable, Column, ColumnType, ConstraintRef, CreateIndex, CreateTable, DefaultValue,
    DropIndex, DropTable, ForeignKey, IndexDef, Operation, RawSql, Reference, ReferentialAction,
    RenameTable,
};

/// A list of schema operations, built fluently: what a Rust migration's `up` or `down` writes.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Schema {
    ops: Vec<Operation>,
}

impl Schema {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// The operations, in order.
    pub fn into_operations(self) -> Vec<Operation> {
        self.ops
    }

    /// The operations built so far, in order.
    pub fn operations(&self) -> &[Operation] {
        &self.ops
    }

    /// Appends an operation as it is.
    pub fn push(&mut self, op: Operation) -> &mut Self {
        self.ops.push(op);
        self
    }

    /// `create_table`: `f` defines the columns, keys and indexes.
    pub fn create_table(&mut self, name: &str, f: impl FnOnce(&mut TableBuilder)) -> &mut Self {
        let mut table = TableBuilder {
            op: CreateTable {
                name: name.to_string(),
                ..CreateTable::default()
            },
        };
        f(&mut table);
        self.push(Operation::CreateTable(table.op))
    }

    /// `alter_table`: `f` lists the changes; they apply in the fixed order of
    /// [`AlterTable`]'s fields, whatever the order of the calls. An alteration that changes
    /// nothing adds no operation.
    pub fn alter_table(&mut self, name: &str, f: impl FnOnce(&mut AlterBuilder)) -> &mut Self {
        let mut table = AlterBuilder {
            op: AlterTable {
                name: name.to_string(),
                ..AlterTable::default()
            },
        };
        f(&mut table);
        if !table.op.is_empty() {
            self.ops.push(Operation::AlterTable(table.op));
        }
        self
    }

    /// `drop_table`.
    pub fn drop_table(&mut self, name: &str) -> &mut Self {
        self.push(Operation::DropTable(DropTable {
            name: name.to_string(),
            if_exists: false,
        }))
    }

    /// `drop_table` with `if_exists = true`.
    pub fn drop_table_if_exists(&mut self, name: &str) -> &mut Self {
        self.push(Operation::DropTable(DropTable {
            name: name.to_string(),
            if_exists: true,
        }))
    }

    /// `rename_table = from`, `to = to`.
    pub fn rename_table(&mut self, from: &str, to: &str) -> &mut Self {
        self.push(Operation::RenameTable(RenameTable {
            name: from.to_string(),
            to: to.to_string(),
        }))
    }

    /// `create_index` on `table` over `columns`; the returned builder sets `unique`, `name`
    /// and `concurrently`.
    pub fn create_index(&mut self, table: &str, columns: &[&str]) -> IndexBuilder<'_> {
        let op = push_last(
            &mut self.ops,
            Operation::CreateIndex(CreateIndex {
                table: table.to_string(),
                columns: strings(columns),
                ..CreateIndex::default()
            }),
        );
        IndexBuilder { op }
    }

    /// `drop_index = name`, with the table when given (MySQL needs it).
    pub fn drop_index(&mut self, name: &str, table: Option<&str>) -> &mut Self {
        self.push(Operation::DropIndex(DropIndex {
            name: name.to_string(),
            table: table.map(str::to_string),
        }))
    }

    /// `sql = "..."`: raw SQL for every dialect.
    pub fn raw(&mut self, sql: &str) -> &mut Self {
        self.push(Operation::Sql(RawSql::All(sql.to_string())))
    }

    /// `sql = { postgres = "...", default = "..." }`: raw SQL per dialect name, with
    /// `default` for the others.
    pub fn raw_per_dialect(&mut self, sql: &[(&str, &str)]) -> &mut Self {
        let map: BTreeMap<String, String> = sql
            .iter()
            .map(|(dialect, sql)| (dialect.to_string(), sql.to_string()))
            .collect();
        self.push(Operation::Sql(RawSql::PerDialect(map)))
    }
}

/// Pushes `value` and returns it, without a fallible lookup.
fn push_last<T>(items: &mut Vec<T>, value: T) -> &mut T {
    let index = items.len();
    items.push(value);
    &mut items[index]
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| item.to_string()).collect()
}

/// `table.column`: with exactly one dot, the table and the column; otherwise the whole text
/// is the table and the column is `id`.
fn split_reference(target: &str) -> (String, String) {
    match target.split_once('.') {
        Some((table, column))
            if !table.is_empty() && !column.is_empty() && !column.contains('.') =>
        {
            (table.to_string(), column.to_string())
        }
        _ => (target.to_string(), "id".to_string()),
    }
}

/// The column methods, written once for [`TableBuilder`] and [`AlterBuilder`]; each type
/// provides `fn push_column(&mut self, Column) -> &mut Column`.
macro_rules! column_methods {
    () => {
        /// A column of any [`ColumnType`].
        pub fn column(&mut self, name: &str, column_type: ColumnType) -> ColumnBuilder<'_> {
            ColumnBuilder {
                column: self.push_column(Column::new(name, column_type)),
            }
        }

        /// `increments`: an auto-incrementing integer primary key.
        pub fn increments(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Increments)
        }

        /// `big_increments`: an auto-incrementing big integer primary key.
        pub fn big_increments(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::BigIncrements)
        }

        /// `tiny_integer`.
        pub fn tiny_integer(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::TinyInteger)
        }

        /// `small_integer`.
        pub fn small_integer(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::SmallInteger)
        }

        /// `integer`.
        pub fn integer(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Integer)
        }

        /// `big_integer`.
        pub fn big_integer(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::BigInteger)
        }

        /// `float`.
        pub fn float(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Float)
        }

        /// `double`.
        pub fn double(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Double)
        }

        /// `decimal` with `precision` total digits and `scale` after the point.
        pub fn decimal(&mut self, name: &str, precision: u32, scale: u32) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Decimal { precision, scale })
        }

        /// `boolean`.
        pub fn boolean(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Boolean)
        }

        /// `char` of `length` characters.
        pub fn char(&mut self, name: &str, length: u32) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Char { length })
        }

        /// `string` of 255 characters; change it with [`ColumnBuilder::length`].
        pub fn string(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.string_len(name, 255)
        }

        /// `string` of `length` characters.
        pub fn string_len(&mut self, name: &str, length: u32) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::String { length })
        }

        /// `text`.
        pub fn text(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Text)
        }

        /// `date`.
        pub fn date(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Date)
        }

        /// `time`.
        pub fn time(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Time)
        }

        /// `datetime`, with time zone; see [`ColumnBuilder::tz`].
        pub fn datetime(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::DateTime { tz: true })
        }

        /// `timestamp`, with time zone; see [`ColumnBuilder::tz`].
        pub fn timestamp(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Timestamp { tz: true })
        }

        /// `json`.
        pub fn json(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Json)
        }

        /// `jsonb`.
        pub fn jsonb(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Jsonb)
        }

        /// `uuid`.
        pub fn uuid(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Uuid)
        }

        /// `binary`, without a length; see [`ColumnBuilder::length`].
        pub fn binary(&mut self, name: &str) -> ColumnBuilder<'_> {
            self.column(name, ColumnType::Binary { length: None })
        }

        /// `enum` of `values`, as a check constraint; see [`ColumnBuilder::native`].
        pub fn enumeration(&mut self, name: &str, values: &[&str]) -> ColumnBuilder<'_> {
            self.column(
                name,
                ColumnType::Enum {
                    values: strings(values),
                    native: false,
                },
            )
        }

        /// `specific`: a database-specific type written as given (`citext`).
        pub fn specific(&mut self, name: &str, sql_type: &str) -> ColumnBuilder<'_> {
            self.column(
                name,
                ColumnType::Specific {
                    sql_type: sql_type.to_string(),
                },
            )
        }
    };
}

/// The body of [`Schema::create_table`].
#[derive(Debug)]
pub struct TableBuilder {
    op: CreateTable,
}

impl TableBuilder {
    fn push_column(&mut self, column: Column) -> &mut Column {
        push_last(&mut self.op.columns, column)
    }

    column_methods!();

    /// `timestamps = true`: `created_at` and `updated_at`, not null, default
    /// `CURRENT_TIMESTAMP`.
    pub fn timestamps(&mut self) {
        self.op.timestamps = true;
    }

    /// `primary_key = [...]`: a composite primary key.
    pub fn primary_key(&mut self, columns: &[&str]) {
        self.op.primary_key = strings(columns);
    }

    /// A unique constraint over `columns` (`unique = [[...]]`).
    pub fn unique(&mut self, columns: &[&str]) -> IndexDefBuilder<'_> {
        IndexDefBuilder {
            def: push_last(&mut self.op.unique, index_def(columns)),
        }
    }

    /// An index over `columns` (`indexes = [[...]]`).
    pub fn index(&mut self, columns: &[&str]) -> IndexDefBuilder<'_> {
        IndexDefBuilder {
            def: push_last(&mut self.op.indexes, index_def(columns)),
        }
    }

    /// A table-level foreign key from `columns` to `target` (see
    /// [`ForeignKeyBuilder::references_columns`] for several referenced columns).
    pub fn foreign(&mut self, columns: &[&str], target: &str) -> ForeignKeyBuilder<'_> {
        ForeignKeyBuilder {
            fk: push_last(&mut self.op.foreign_keys, foreign_key(columns, target)),
        }
    }

    /// `if_not_exists = true`.
    pub fn if_not_exists(&mut self) {
        self.op.if_not_exists = true;
    }
}

/// The body of [`Schema::alter_table`]. The column methods add columns (`add_columns`).
#[derive(Debug)]
pub struct AlterBuilder {
    op: AlterTable,
}

impl AlterBuilder {
    fn push_column(&mut self, column: Column) -> &mut Column {
        push_last(&mut self.op.add_columns, column)
    }

    column_methods!();

    /// `drop_columns`.
    pub fn drop_column(&mut self, name: &str) {
        self.op.drop_columns.push(name.to_string());
    }

    /// `rename_columns`: renames apply in the order of the calls.
    pub fn rename_column(&mut self, old: &str, new: &str) {
        self.op
            .rename_columns
            .push((old.to_string(), new.to_string()));
    }

    /// `alter_columns`: the column's full new definition, starting from its type.
    pub fn alter_column(&mut self, name: &str, column_type: ColumnType) -> ColumnBuilder<'_> {
        ColumnBuilder {
            column: push_last(&mut self.op.alter_columns, Column::new(name, column_type)),
        }
    }

    /// `add_indexes`: an index over `columns`.
    pub fn add_index(&mut self, columns: &[&str]) -> IndexDefBuilder<'_> {
        IndexDefBuilder {
            def: push_last(&mut self.op.add_indexes, index_def(columns)),
        }
    }

    /// `add_unique`: a unique constraint over `columns`.
    pub fn add_unique(&mut self, columns: &[&str]) -> IndexDefBuilder<'_> {
        IndexDefBuilder {
            def: push_last(&mut self.op.add_unique, index_def(columns)),
        }
    }

    /// `add_foreign_keys`: a foreign key from `columns` to `target` (`"table.column"`).
    pub fn add_foreign(&mut self, columns: &[&str], target: &str) -> ForeignKeyBuilder<'_> {
        ForeignKeyBuilder {
            fk: push_last(&mut self.op.add_foreign_keys, foreign_key(columns, target)),
        }
    }

    /// `drop_indexes`: the index over `columns`, by its generated name.
    pub fn drop_index(&mut self, columns: &[&str]) {
        self.op
            .drop_indexes
            .push(ConstraintRef::Columns(strings(columns)));
    }

    /// `drop_indexes`: an index by name.
    pub fn drop_index_named(&mut self, name: &str) {
        self.op
            .drop_indexes
            .push(ConstraintRef::Name(name.to_string()));
    }

    /// `drop_unique`: the unique constraint over `columns`, by its generated name.
    pub fn drop_unique(&mut self, columns: &[&str]) {
        self.op
            .drop_unique
            .push(ConstraintRef::Columns(strings(columns)));
    }

    /// `drop_unique`: a unique constraint by name.
    pub fn drop_unique_named(&mut self, name: &str) {
        self.op
            .drop_unique
            .push(ConstraintRef::Name(name.to_string()));
    }

    /// `drop_foreign_keys`: the foreign key of `columns`, by its generated name.
    pub fn drop_foreign(&mut self, columns: &[&str]) {
        self.op
            .drop_foreign_keys
            .push(ConstraintRef::Columns(strings(columns)));
    }

    /// `drop_foreign_keys`: a foreign key by name.
    pub fn drop_foreign_named(&mut self, name: &str) {
        self.op
            .drop_foreign_keys
            .push(ConstraintRef::Name(name.to_string()));
    }
}

fn index_def(columns: &[&str]) -> IndexDef {
    IndexDef {
        columns: strings(columns),
        name: None,
    }
}

fn foreign_key(columns: &[&str], target: &str) -> ForeignKey {
    let (references_table, column) = split_reference(target);
    ForeignKey {
        columns: strings(columns),
        references_table,
        references_columns: vec![column],
        ..ForeignKey::default()
    }
}

/// The settings of one column, returned by the column methods.
#[derive(Debug)]
pub struct ColumnBuilder<'a> {
    column: &'a mut Column,
}

impl ColumnBuilder<'_> {
    /// `nullable = false`.
    pub fn not_null(self) -> Self {
        self.column.nullable = Some(false);
        self
    }

    /// `nullable = true` (the default, except for primary keys).
    pub fn nullable(self) -> Self {
        self.column.nullable = Some(true);
        self
    }

    /// `default`: a string, integer, float or boolean literal.
    pub fn default(self, value: impl Into<DefaultValue>) -> Self {
        self.column.default = Some(value.into());
        self
    }

    /// `default_sql`: a raw SQL expression such as `CURRENT_TIMESTAMP`.
    pub fn default_sql(self, expression: &str) -> Self {
        self.column.default = Some(DefaultValue::Sql(expression.to_string()));
        self
    }

    /// `unsigned` (MySQL; a no-op elsewhere).
    pub fn unsigned(self) -> Self {
        self.column.unsigned = true;
        self
    }

    /// `primary`: a single-column primary key.
    pub fn primary(self) -> Self {
        self.column.primary = true;
        self
    }

    /// `unique`: a single-column unique constraint.
    pub fn unique(self) -> Self {
        self.column.unique = true;
        self
    }

    /// `index`: a single-column index.
    pub fn index(self) -> Self {
        self.column.index = true;
        self
    }

    /// `references = "table.column"`: a foreign key.
    ///
    /// A target without exactly one dot is kept whole as the table, referencing its `id`
    /// column (`"roles"` → `roles.id`), so the database reports a wrong target; the builder
    /// never panics. Actions set earlier by [`Self::on_delete`] and [`Self::on_update`] are
    /// kept.
    pub fn references(self, target: &str) -> Self {
        let (table, column) = split_reference(target);
        let reference = reference_of(self.column);
        reference.table = table;
        reference.column = column;
        self
    }

    /// `on_delete` of the column's foreign key.
    ///
    /// Call it with [`Self::references`], in either order; without a `references`, the
    /// column's reference keeps an empty table, which fails when compiled.
    pub fn on_delete(self, action: ReferentialAction) -> Self {
        reference_of(self.column).on_delete = Some(action);
        self
    }

    /// `on_update` of the column's foreign key; see [`Self::on_delete`].
    pub fn on_update(self, action: ReferentialAction) -> Self {
        reference_of(self.column).on_update = Some(action);
        self
    }

    /// `comment`.
    pub fn comment(self, comment: &str) -> Self {
        self.column.comment = Some(comment.to_string());
        self
    }

    /// `length` of a `char`, `string` or `binary` column; ignored for other types.
    pub fn length(self, length: u32) -> Self {
        match &mut self.column.column_type {
            ColumnType::Char { length: current } | ColumnType::String { length: current } => {
                *current = length;
            }
            ColumnType::Binary { length: current } => *current = Some(length),
            _ => {}
        }
        self
    }

    /// `tz` of a `datetime` or `timestamp` column (default `true`); ignored for other types.
    pub fn tz(self, tz: bool) -> Self {
        if let ColumnType::DateTime { tz: current } | ColumnType::Timestamp { tz: current } =
            &mut self.column.column_type
        {
            *current = tz;
        }
        self
    }

    /// `native = true` for an `enum` column: a PostgreSQL enum type instead of a check
    /// constraint; ignored for other types.
    pub fn native(self) -> Self {
        if let ColumnType::Enum { native, .. } = &mut self.column.column_type {
            *native = true;
        }
        self
    }
}

/// The column's reference, created empty when absent.
fn reference_of(column: &mut Column) -> &mut Reference {
    column.references.get_or_insert_with(|| Reference {
        table: String::new(),
        column: String::new(),
        on_delete: None,
        on_update: None,
    })
}

/// The settings of an index or unique constraint: its name.
#[derive(Debug)]
pub struct IndexDefBuilder<'a> {
    def: &'a mut IndexDef,
}

impl IndexDefBuilder<'_> {
    /// An explicit name instead of the generated one.
    pub fn name(self, name: &str) -> Self {
        self.def.name = Some(name.to_string());
        self
    }
}

/// The settings of a foreign key.
#[derive(Debug)]
pub struct ForeignKeyBuilder<'a> {
    fk: &'a mut ForeignKey,
}

impl ForeignKeyBuilder<'_> {
    /// `ON DELETE`.
    pub fn on_delete(self, action: ReferentialAction) -> Self {
        self.fk.on_delete = Some(action);
        self
    }

    /// `ON UPDATE`.
    pub fn on_update(self, action: ReferentialAction) -> Self {
        self.fk.on_update = Some(action);
        self
    }

    /// An explicit name instead of the generated one (`t_col_foreign`).
    pub fn name(self, name: &str) -> Self {
        self.fk.name = Some(name.to_string());
        self
    }

    /// The referenced columns of a composite foreign key; the target given to `foreign` is
    /// then the table alone (`t.foreign(&["a", "b"], "t2").references_columns(&["x", "y"])`).
    pub fn references_columns(self, columns: &[&str]) -> Self {
        self.fk.references_columns = strings(columns);
        self
    }
}

/// The settings of a [`Schema::create_index`].
#[derive(Debug)]
pub struct IndexBuilder<'a> {
    op: &'a mut Operation,
}

impl IndexBuilder<'_> {
    /// A unique index.
    pub fn unique(self) -> Self {
        self.edit(|op| op.unique = true)
    }

    /// An explicit name instead of the generated one.
    pub fn name(self, name: &str) -> Self {
        self.edit(|op| op.name = Some(name.to_string()))
    }

    /// `CREATE INDEX CONCURRENTLY` (PostgreSQL; the migration must run outside a
    /// transaction).
    pub fn concurrently(self) -> Self {
        self.edit(|op| op.concurrently = true)
    }

    fn edit(self, f: impl FnOnce(&mut CreateIndex)) -> Self {
        if let Operation::CreateIndex(op) = &mut *self.op {
            f(op);
        }
        self
    }
}

impl From<&str> for DefaultValue {
    fn from(value: &str) -> Self {
        Self::String(value.to_string())
    }
}

impl From<String> for DefaultValue {
    fn from(value: String) -> Self {
        Self::String(value)
    }
}

impl From<i64> for DefaultValue {
    fn from(value: i64) -> Self {
        Self::Integer(value)
    }
}

impl From<i32> for DefaultValue {
    fn from(value: i32) -> Self {
        Self::Integer(value.into())
    }
}

impl From<f64> for DefaultValue {
    fn from(value: f64) -> Self {
        Self::Float(value)
    }
}

impl From<bool> for DefaultValue {
    fn from(value: bool) -> Self {
        Self::Boolean(value)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::migration::toml::parse_toml_migration;

    fn toml_up(text: &str) -> Vec<Operation> {
        match parse_toml_migration(Path::new("m.toml"), text) {
            Ok(migration) => migration.up,
            Err(e) => panic!("expected the TOML to parse, got: {e}"),
        }
    }

    fn built(f: impl FnOnce(&mut Schema)) -> Vec<Operation> {
        let mut schema = Schema::new();
        f(&mut schema);
        schema.into_operations()
    }

    fn only_column(f: impl FnOnce(&mut TableBuilder)) -> Column {
        match built(|s| {
            s.create_table("t", f);
        })
        .as_slice()
        {
            [Operation::CreateTable(table)] => table.columns[0].clone(),
            other => panic!("expected one create_table, got {other:?}"),
        }
    }

    #[test]
    fn the_design_users_example_built_fluently_equals_the_toml_ast() {
        let fluent = built(|schema| {
            schema.create_table("users", |t| {
                t.increments("id");
                t.integer("role_id")
                    .unsigned()
                    .not_null()
                    .default(1)
                    .references("roles.id")
                    .on_delete(ReferentialAction::Cascade);
                t.string("email").length(254).not_null().unique();
                t.boolean("is_admin").not_null().default(false);
                t.timestamps();
            });
        });
        let toml = toml_up(
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
        assert_eq!(fluent, toml);
    }

    #[test]
    fn every_column_type_built_fluently_equals_the_toml_ast() {
        let fluent = built(|schema| {
            schema.create_table("all_types", |t| {
                t.increments("a");
                t.big_increments("b");
                t.tiny_integer("c");
                t.small_integer("d").nullable();
                t.integer("e").index();
                t.big_integer("f").unsigned();
                t.float("g").default(1.5);
                t.double("h");
                t.decimal("i", 10, 3);
                t.boolean("j").default(true);
                t.char("k", 2);
                t.string("l").default("x");
                t.string_len("m", 40).comment("forty");
                t.text("n").default(String::from("y"));
                t.date("o");
                t.time("p");
                t.datetime("q").tz(false);
                t.timestamp("r").default_sql("CURRENT_TIMESTAMP");
                t.json("s");
                t.jsonb("u");
                t.uuid("v").primary();
                t.binary("w").length(16);
                t.enumeration("x", &["on", "off"]).native();
                t.specific("y", "citext");
                t.integer("z")
                    .references("users.id")
                    .on_update(ReferentialAction::SetDefault);
            });
        });
        let toml = toml_up(
            r#"
[[up]]
create_table = "all_types"
columns = [
  { name = "a", type = "increments" },
  { name = "b", type = "big_increments" },
  { name = "c", type = "tiny_integer" },
  { name = "d", type = "small_integer", nullable = true },
  { name = "e", type = "integer", index = true },
  { name = "f", type = "big_integer", unsigned = true },
  { name = "g", type = "float", default = 1.5 },
  { name = "h", type = "double" },
  { name = "i", type = "decimal", precision = 10, scale = 3 },
  { name = "j", type = "boolean", default = true },
  { name = "k", type = "char", length = 2 },
  { name = "l", type = "string", default = "x" },
  { name = "m", type = "string", length = 40, comment = "forty" },
  { name = "n", type = "text", default = "y" },
  { name = "o", type = "date" },
  { name = "p", type = "time" },
  { name = "q", type = "datetime", tz = false },
  { name = "r", type = "timestamp", default_sql = "CURRENT_TIMESTAMP" },
  { name = "s", type = "json" },
  { name = "u", type = "jsonb" },
  { name = "v", type = "uuid", primary = true },
  { name = "w", type = "binary", length = 16 },
  { name = "x", type = "enum", values = ["on", "off"], native = true },
  { name = "y", type = "specific", sql_type = "citext" },
  { name = "z", type = "integer", references = "users.id", on_update = "set default" },
]
"#,
        );
        assert_eq!(fluent, toml);
    }

    #[test]
    fn table_keys_indexes_and_foreign_keys_built_fluently_equal_the_toml_ast() {
        let fluent = built(|schema| {
            schema.create_table("challenge_user", |t| {
                t.integer("challenge_id");
                t.integer("user_id");
                t.primary_key(&["challenge_id", "user_id"]);
                t.unique(&["user_id"]).name("one_per_user");
                t.index(&["challenge_id", "user_id"]);
                t.foreign(&["user_id"], "users.id")
                    .on_delete(ReferentialAction::Cascade)
                    .on_update(ReferentialAction::Restrict);
                t.foreign(&["challenge_id", "user_id"], "entries")
                    .references_columns(&["c", "u"])
                    .name("entry_fk");
                t.if_not_exists();
            });
        });
        let toml = toml_up(
            r#"
[[up]]
create_table = "challenge_user"
columns = [
  { name = "challenge_id", type = "integer" },
  { name = "user_id", type = "integer" },
]
primary_key = ["challenge_id", "user_id"]
unique = [{ columns = ["user_id"], name = "one_per_user" }]
indexes = [["challenge_id", "user_id"]]
foreign_keys = [
  { columns = "user_id", references = "users.id", on_delete = "cascade", on_update = "restrict" },
  { columns = ["challenge_id", "user_id"], references = "entries", references_columns = ["c", "u"], name = "entry_fk" },
]
if_not_exists = true
"#,
        );
        assert_eq!(fluent, toml);
    }

    #[test]
    fn alter_table_built_fluently_equals_the_toml_ast() {
        let fluent = built(|schema| {
            schema.alter_table("users", |t| {
                t.drop_foreign(&["role_id"]);
                t.drop_foreign_named("users_team_fk");
                t.drop_unique(&["a", "b"]);
                t.drop_unique_named("u");
                t.drop_index(&["c"]);
                t.drop_index_named("old_index");
                t.rename_column("email", "email_address");
                t.drop_column("legacy");
                t.text("bio").nullable();
                t.alter_column("age", ColumnType::SmallInteger).not_null();
                t.add_index(&["bio"]);
                t.add_index(&["a", "b"]).name("ab");
                t.add_unique(&["username"]);
                t.add_foreign(&["team_id"], "teams.id")
                    .on_delete(ReferentialAction::SetNull);
            });
        });
        let toml = toml_up(
            r#"
[[up]]
alter_table = "users"
drop_foreign_keys = ["role_id", { name = "users_team_fk" }]
drop_unique = [["a", "b"], { name = "u" }]
drop_indexes = ["c", { name = "old_index" }]
rename_columns = { email = "email_address" }
drop_columns = ["legacy"]
add_columns = [{ name = "bio", type = "text", nullable = true }]
alter_columns = [{ name = "age", type = "small_integer", nullable = false }]
add_indexes = ["bio", { columns = ["a", "b"], name = "ab" }]
add_unique = [["username"]]
add_foreign_keys = [{ columns = "team_id", references = "teams.id", on_delete = "set null" }]
"#,
        );
        assert_eq!(fluent, toml);
    }

    #[test]
    fn the_other_operations_built_fluently_equal_the_toml_ast() {
        let fluent = built(|schema| {
            schema
                .drop_table("a")
                .drop_table_if_exists("b")
                .rename_table("c", "d")
                .drop_index("ab", Some("users"))
                .drop_index("cd", None)
                .raw("SELECT 1")
                .raw_per_dialect(&[("postgres", "SELECT 'pg'"), ("default", "SELECT 2")]);
            schema.create_index("users", &["email"]);
            schema
                .create_index("users", &["a", "b"])
                .unique()
                .name("ab")
                .concurrently();
        });
        let toml = toml_up(
            r#"
transaction = false
[[up]]
drop_table = "a"
[[up]]
drop_table = "b"
if_exists = true
[[up]]
rename_table = "c"
to = "d"
[[up]]
drop_index = "ab"
table = "users"
[[up]]
drop_index = "cd"
[[up]]
sql = "SELECT 1"
[[up]]
sql = { postgres = "SELECT 'pg'", default = "SELECT 2" }
[[up]]
create_index = "users"
columns = "email"
[[up]]
create_index = "users"
columns = ["a", "b"]
unique = true
name = "ab"
concurrently = true
"#,
        );
        assert_eq!(fluent, toml);
    }

    #[test]
    fn a_reference_without_one_dot_keeps_the_text_as_table_and_references_id() {
        let column = only_column(|t| {
            t.integer("role_id").references("roles");
        });
        let reference = column.references.expect("a reference");
        assert_eq!(
            (reference.table.as_str(), reference.column.as_str()),
            ("roles", "id")
        );

        let column = only_column(|t| {
            t.integer("role_id").references("app.roles.id");
        });
        let reference = column.references.expect("a reference");
        assert_eq!(
            (reference.table.as_str(), reference.column.as_str()),
            ("app.roles.id", "id")
        );
    }

    #[test]
    fn actions_set_before_references_are_kept() {
        let column = only_column(|t| {
            t.integer("role_id")
                .on_delete(ReferentialAction::Cascade)
                .references("roles.id");
        });
        assert_eq!(
            column.references,
            Some(Reference {
                table: "roles".into(),
                column: "id".into(),
                on_delete: Some(ReferentialAction::Cascade),
                on_update: None,
            })
        );
    }

    #[test]
    fn settings_for_other_types_are_ignored() {
        let column = only_column(|t| {
            t.integer("n").length(10).tz(false).native();
        });
        assert_eq!(column, Column::new("n", ColumnType::Integer));
    }

    #[test]
    fn an_alter_table_without_changes_adds_no_operation() {
        let ops = built(|schema| {
            schema.alter_table("users", |_| {});
        });
        assert_eq!(ops, Vec::new());
    }

    #[test]
    fn defaults_convert_from_rust_literals() {
        assert_eq!(DefaultValue::from("a"), DefaultValue::String("a".into()));
        assert_eq!(
            DefaultValue::from(String::from("b")),
            DefaultValue::String("b".into())
        );
        assert_eq!(DefaultValue::from(7_i64), DefaultValue::Integer(7));
        assert_eq!(DefaultValue::from(-7_i32), DefaultValue::Integer(-7));
        assert_eq!(DefaultValue::from(0.25), DefaultValue::Float(0.25));
        assert_eq!(DefaultValue::from(false), DefaultValue::Boolean(false));
    }

    #[test]
    fn operations_and_push_keep_the_order_of_the_calls() {
        let mut schema = Schema::new();
        schema.drop_table("a");
        schema.push(Operation::Sql(RawSql::All("SELECT 1".into())));
        assert_eq!(
            schema.operations(),
            &[
                Operation::DropTable(DropTable {
                    name: "a".into(),
                    if_exists: false,
                }),
                Operation::Sql(RawSql::All("SELECT 1".into())),
            ]
        );
    }
}
