//! The dialect-independent schema AST.
//!
//! Every type here is plain data with serde derives, so operations cross the plugin boundary
//! as they are. A driver's [`Dialect`](crate::Dialect) compiles each [`Operation`] into its
//! own SQL.

use serde::{Deserialize, Serialize};

/// One schema operation: an `[[up]]` or `[[down]]` entry of a TOML migration, or one call of
/// the fluent builder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    /// `create_table = "t"`.
    CreateTable(CreateTable),
    /// `alter_table = "t"`.
    AlterTable(AlterTable),
    /// `drop_table = "t"`.
    DropTable(DropTable),
    /// `rename_table = "t"`, `to = "t2"`.
    RenameTable(RenameTable),
    /// `create_index = "t"`.
    CreateIndex(CreateIndex),
    /// `drop_index = "name"`.
    DropIndex(DropIndex),
    /// `sql = "..."` or `sql = { postgres = "...", default = "..." }`.
    Sql(RawSql),
}

impl Operation {
    /// The table the operation works on, when it works on one.
    pub fn table(&self) -> Option<&str> {
        match self {
            Self::CreateTable(op) => Some(&op.name),
            Self::AlterTable(op) => Some(&op.name),
            Self::DropTable(op) => Some(&op.name),
            Self::RenameTable(op) => Some(&op.name),
            Self::CreateIndex(op) => Some(&op.table),
            Self::DropIndex(op) => op.table.as_deref(),
            Self::Sql(_) => None,
        }
    }

    /// The operation's key in the TOML format (`create_table`, `alter_table`, ...).
    pub fn keyword(&self) -> &'static str {
        match self {
            Self::CreateTable(_) => "create_table",
            Self::AlterTable(_) => "alter_table",
            Self::DropTable(_) => "drop_table",
            Self::RenameTable(_) => "rename_table",
            Self::CreateIndex(_) => "create_index",
            Self::DropIndex(_) => "drop_index",
            Self::Sql(_) => "sql",
        }
    }
}

/// `create_table`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CreateTable {
    /// The table's name.
    pub name: String,
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// Adds `created_at` and `updated_at`: not null, default `CURRENT_TIMESTAMP`.
    pub timestamps: bool,
    /// A composite primary key (`primary_key = ["a", "b"]`).
    pub primary_key: Vec<String>,
    /// Unique constraints over several columns.
    pub unique: Vec<IndexDef>,
    /// Indexes over several columns.
    pub indexes: Vec<IndexDef>,
    /// Table-level foreign keys.
    pub foreign_keys: Vec<ForeignKey>,
    /// `CREATE TABLE IF NOT EXISTS`.
    pub if_not_exists: bool,
}

impl CreateTable {
    /// The columns including the two of `timestamps = true`.
    pub fn all_columns(&self) -> Vec<Column> {
        let mut columns = self.columns.clone();
        if self.timestamps {
            columns.extend(Column::timestamps());
        }
        columns
    }
}

/// `alter_table`. The parts apply in the order of the fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AlterTable {
    /// The table's name.
    pub name: String,
    /// Foreign keys to drop.
    pub drop_foreign_keys: Vec<ConstraintRef>,
    /// Unique constraints to drop.
    pub drop_unique: Vec<ConstraintRef>,
    /// Indexes to drop.
    pub drop_indexes: Vec<ConstraintRef>,
    /// Columns to rename, `(old, new)`, in order.
    pub rename_columns: Vec<(String, String)>,
    /// Columns to drop.
    pub drop_columns: Vec<String>,
    /// Columns to add.
    pub add_columns: Vec<Column>,
    /// Columns to redefine: each entry is the column's full new definition.
    pub alter_columns: Vec<Column>,
    /// Indexes to add.
    pub add_indexes: Vec<IndexDef>,
    /// Unique constraints to add.
    pub add_unique: Vec<IndexDef>,
    /// Foreign keys to add.
    pub add_foreign_keys: Vec<ForeignKey>,
}

impl AlterTable {
    /// True when the entry changes nothing.
    pub fn is_empty(&self) -> bool {
        self.drop_foreign_keys.is_empty()
            && self.drop_unique.is_empty()
            && self.drop_indexes.is_empty()
            && self.rename_columns.is_empty()
            && self.drop_columns.is_empty()
            && self.add_columns.is_empty()
            && self.alter_columns.is_empty()
            && self.add_indexes.is_empty()
            && self.add_unique.is_empty()
            && self.add_foreign_keys.is_empty()
    }

    /// Splits the entry into entries of one part each, in the order the parts apply.
    ///
    /// Dialects that compile against the table's current definition (SQLite) compile and run
    /// each part before the next is compiled.
    pub fn split_parts(&self) -> Vec<AlterTable> {
        let empty = AlterTable {
            name: self.name.clone(),
            ..AlterTable::default()
        };
        let mut parts = Vec::new();
        macro_rules! part {
            ($($field:ident),*) => {$(
                if !self.$field.is_empty() {
                    parts.push(AlterTable { $field: self.$field.clone(), ..empty.clone() });
                }
            )*};
        }
        part!(
            drop_foreign_keys,
            drop_unique,
            drop_indexes,
            rename_columns,
            drop_columns,
            add_columns,
            alter_columns,
            add_indexes,
            add_unique,
            add_foreign_keys
        );
        parts
    }
}

/// `drop_table`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DropTable {
    /// The table's name.
    pub name: String,
    /// `DROP TABLE IF EXISTS`.
    pub if_exists: bool,
}

/// `rename_table`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RenameTable {
    /// The current name.
    pub name: String,
    /// The new name.
    pub to: String,
}

/// `create_index`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CreateIndex {
    /// The table.
    pub table: String,
    /// The indexed columns.
    pub columns: Vec<String>,
    /// A unique index.
    pub unique: bool,
    /// The index name; generated when absent (`t_a_b_index`, `t_a_b_unique`).
    pub name: Option<String>,
    /// `CREATE INDEX CONCURRENTLY` (PostgreSQL; the migration must run outside a transaction).
    pub concurrently: bool,
}

/// `drop_index`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DropIndex {
    /// The index name.
    pub name: String,
    /// The table (MySQL needs it).
    pub table: Option<String>,
}

/// `sql`: raw SQL, the same for every dialect or one entry per dialect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawSql {
    /// One text for every dialect.
    All(String),
    /// `{ postgres = "...", mysql = "...", sqlite = "...", default = "..." }`.
    PerDialect(std::collections::BTreeMap<String, String>),
}

impl RawSql {
    /// The SQL for a dialect: its own entry, else `default`, else `None`.
    pub fn for_dialect(&self, dialect: &str) -> Option<&str> {
        match self {
            Self::All(sql) => Some(sql),
            Self::PerDialect(map) => map
                .get(dialect)
                .or_else(|| map.get("default"))
                .map(String::as_str),
        }
    }

    /// The SQL for a dialect of `family`: the family's entry, else `default`, else `None`.
    pub fn for_family(&self, family: crate::dialect::Family) -> Option<&str> {
        match self {
            Self::All(sql) => Some(sql),
            Self::PerDialect(map) => family
                .sql_key()
                .and_then(|key| map.get(key))
                .or_else(|| map.get("default"))
                .map(String::as_str),
        }
    }
}

/// A reference to an index, unique constraint or foreign key: by its columns (the name is
/// generated from them) or by its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstraintRef {
    /// By columns: the generated name is used.
    Columns(Vec<String>),
    /// By explicit name.
    Name(String),
}

/// An index or unique constraint over columns.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IndexDef {
    /// The columns.
    pub columns: Vec<String>,
    /// An explicit name; generated when absent.
    pub name: Option<String>,
}

/// A foreign key.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ForeignKey {
    /// The referencing columns.
    pub columns: Vec<String>,
    /// The referenced table.
    pub references_table: String,
    /// The referenced columns.
    pub references_columns: Vec<String>,
    /// `ON DELETE`.
    pub on_delete: Option<ReferentialAction>,
    /// `ON UPDATE`.
    pub on_update: Option<ReferentialAction>,
    /// An explicit name; generated when absent (`t_col_foreign`).
    pub name: Option<String>,
}

/// `ON DELETE` / `ON UPDATE` actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferentialAction {
    /// `CASCADE`.
    Cascade,
    /// `SET NULL`.
    SetNull,
    /// `RESTRICT`.
    Restrict,
    /// `NO ACTION`.
    NoAction,
    /// `SET DEFAULT`.
    SetDefault,
}

impl ReferentialAction {
    /// The words accepted in migration files.
    pub const WORDS: &'static [&'static str] = &[
        "cascade",
        "set null",
        "restrict",
        "no action",
        "set default",
    ];

    /// Parses a word of [`Self::WORDS`] (case-insensitive).
    pub fn parse(word: &str) -> Option<Self> {
        match word.to_ascii_lowercase().as_str() {
            "cascade" => Some(Self::Cascade),
            "set null" => Some(Self::SetNull),
            "restrict" => Some(Self::Restrict),
            "no action" => Some(Self::NoAction),
            "set default" => Some(Self::SetDefault),
            _ => None,
        }
    }

    /// The SQL keywords.
    pub fn sql(self) -> &'static str {
        match self {
            Self::Cascade => "CASCADE",
            Self::SetNull => "SET NULL",
            Self::Restrict => "RESTRICT",
            Self::NoAction => "NO ACTION",
            Self::SetDefault => "SET DEFAULT",
        }
    }
}

/// A column definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// The column's name.
    pub name: String,
    /// Its type.
    pub column_type: ColumnType,
    /// `nullable`; `None` means the default: nullable, except primary keys.
    pub nullable: Option<bool>,
    /// The default value.
    pub default: Option<DefaultValue>,
    /// `unsigned` (MySQL; a documented no-op elsewhere).
    pub unsigned: bool,
    /// A single-column primary key.
    pub primary: bool,
    /// A single-column unique constraint (`t_col_unique`).
    pub unique: bool,
    /// A single-column index (`t_col_index`).
    pub index: bool,
    /// A foreign key to `table.column`.
    pub references: Option<Reference>,
    /// A column comment.
    pub comment: Option<String>,
}

impl Column {
    /// A nullable column of a type, with nothing else set.
    pub fn new(name: impl Into<String>, column_type: ColumnType) -> Self {
        Self {
            name: name.into(),
            column_type,
            nullable: None,
            default: None,
            unsigned: false,
            primary: false,
            unique: false,
            index: false,
            references: None,
            comment: None,
        }
    }

    /// Whether the column accepts NULL, with the defaults applied.
    pub fn is_nullable(&self) -> bool {
        self.nullable
            .unwrap_or(!(self.primary || self.column_type.is_increments()))
    }

    /// The foreign key the column's `references` declares (named by the table when added).
    pub fn foreign_key(&self) -> Option<ForeignKey> {
        self.references.as_ref().map(|r| ForeignKey {
            columns: vec![self.name.clone()],
            references_table: r.table.clone(),
            references_columns: vec![r.column.clone()],
            on_delete: r.on_delete,
            on_update: r.on_update,
            name: None,
        })
    }

    /// `created_at` and `updated_at` as `timestamps = true` defines them.
    pub fn timestamps() -> [Column; 2] {
        ["created_at", "updated_at"].map(|name| Column {
            nullable: Some(false),
            default: Some(DefaultValue::Sql("CURRENT_TIMESTAMP".into())),
            ..Column::new(name, ColumnType::Timestamp { tz: true })
        })
    }
}

/// A foreign key reference of a column (`references = "roles.id"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The referenced table.
    pub table: String,
    /// The referenced column.
    pub column: String,
    /// `ON DELETE`.
    pub on_delete: Option<ReferentialAction>,
    /// `ON UPDATE`.
    pub on_update: Option<ReferentialAction>,
}

/// A column default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DefaultValue {
    /// A string literal, escaped per dialect.
    String(String),
    /// An integer, written as a number.
    Integer(i64),
    /// A float, written as a number.
    Float(f64),
    /// A boolean, written as the dialect's boolean literal.
    Boolean(bool),
    /// A raw SQL expression (`default_sql = "CURRENT_TIMESTAMP"`).
    Sql(String),
}

/// The portable column types (`docs/migrations.md` lists what each becomes per database).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    /// Auto-incrementing integer primary key.
    Increments,
    /// Auto-incrementing big integer primary key.
    BigIncrements,
    /// 1-byte integer.
    TinyInteger,
    /// 2-byte integer.
    SmallInteger,
    /// 4-byte integer.
    Integer,
    /// 8-byte integer.
    BigInteger,
    /// Single-precision float.
    Float,
    /// Double-precision float.
    Double,
    /// Exact decimal, `decimal(precision, scale)`; default (8, 2).
    Decimal {
        /// Total digits.
        precision: u32,
        /// Digits after the point.
        scale: u32,
    },
    /// Boolean.
    Boolean,
    /// Fixed-length string; default length 255.
    Char {
        /// Length in characters.
        length: u32,
    },
    /// Variable-length string; default length 255.
    String {
        /// Maximum length in characters.
        length: u32,
    },
    /// Unbounded text.
    Text,
    /// Date.
    Date,
    /// Time of day.
    Time,
    /// Date and time.
    DateTime {
        /// With time zone (PostgreSQL `timestamptz`); default true.
        tz: bool,
    },
    /// Timestamp.
    Timestamp {
        /// With time zone (PostgreSQL `timestamptz`); default true.
        tz: bool,
    },
    /// JSON.
    Json,
    /// Binary JSON (PostgreSQL; `json` elsewhere).
    Jsonb,
    /// UUID (`char(36)` where there is no native type).
    Uuid,
    /// Binary data; `varbinary(n)` on MySQL with a length.
    Binary {
        /// Optional length.
        length: Option<u32>,
    },
    /// One of a list of values.
    Enum {
        /// The allowed values.
        values: Vec<String>,
        /// A PostgreSQL enum type instead of a check constraint.
        native: bool,
    },
    /// A database-specific type, written as given.
    Specific {
        /// The SQL type.
        sql_type: String,
    },
}

impl ColumnType {
    /// The type words of the TOML format.
    pub const WORDS: &'static [&'static str] = &[
        "increments",
        "big_increments",
        "tiny_integer",
        "small_integer",
        "integer",
        "big_integer",
        "float",
        "double",
        "decimal",
        "boolean",
        "char",
        "string",
        "text",
        "date",
        "time",
        "datetime",
        "timestamp",
        "json",
        "jsonb",
        "uuid",
        "binary",
        "enum",
        "specific",
    ];

    /// True for `increments` and `big_increments`.
    pub fn is_increments(&self) -> bool {
        matches!(self, Self::Increments | Self::BigIncrements)
    }

    /// The type's word in the TOML format.
    pub fn word(&self) -> &'static str {
        match self {
            Self::Increments => "increments",
            Self::BigIncrements => "big_increments",
            Self::TinyInteger => "tiny_integer",
            Self::SmallInteger => "small_integer",
            Self::Integer => "integer",
            Self::BigInteger => "big_integer",
            Self::Float => "float",
            Self::Double => "double",
            Self::Decimal { .. } => "decimal",
            Self::Boolean => "boolean",
            Self::Char { .. } => "char",
            Self::String { .. } => "string",
            Self::Text => "text",
            Self::Date => "date",
            Self::Time => "time",
            Self::DateTime { .. } => "datetime",
            Self::Timestamp { .. } => "timestamp",
            Self::Json => "json",
            Self::Jsonb => "jsonb",
            Self::Uuid => "uuid",
            Self::Binary { .. } => "binary",
            Self::Enum { .. } => "enum",
            Self::Specific { .. } => "specific",
        }
    }
}
