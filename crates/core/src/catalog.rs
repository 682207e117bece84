//! What a driver reports of a database: the [`Catalog`] of its tables and views, and the
//! [`TableState`] a dialect needs to compile an operation on an existing table.
//!
//! A leaf module: plain serializable data that depends on nothing else in the crate, so that
//! the driver and dialect traits can both use it. [`crate::driver`] re-exports every type.

use serde::{Deserialize, Serialize};

/// What the database holds, as introspection sees it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Catalog {
    /// Tables, sorted by name (the tracking tables included).
    pub tables: Vec<TableInfo>,
    /// Views, sorted by name.
    pub views: Vec<ViewInfo>,
    /// User-defined enum types (PostgreSQL's `CREATE TYPE … AS ENUM`), sorted by name.
    #[serde(default)]
    pub enums: Vec<EnumInfo>,
    /// Functions and procedures, sorted by name.
    #[serde(default)]
    pub routines: Vec<RoutineInfo>,
    /// Triggers, sorted by name.
    #[serde(default)]
    pub triggers: Vec<TriggerInfo>,
    /// Objects the catalog keeps only as the statement that creates them (a PostgreSQL
    /// extension, domain, sequence, materialized view or policy, a MySQL event), in the order
    /// a dump creates them within their [`Stage`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<ObjectInfo>,
    /// What the database holds that this catalog cannot describe, one phrase each (`table
    /// "t" inherits from "u"`). A schema dump refuses to be written while this is not empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unsupported: Vec<String>,
}

/// One table of a [`Catalog`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TableInfo {
    /// The table's name.
    pub name: String,
    /// Columns in order.
    pub columns: Vec<ColumnInfo>,
    /// The primary key's columns.
    pub primary_key: Vec<String>,
    /// Indexes (unique ones included), sorted by name.
    pub indexes: Vec<IndexInfo>,
    /// Foreign keys, sorted by name.
    pub foreign_keys: Vec<ForeignKeyInfo>,
    /// The table's comment, where the database keeps one.
    #[serde(default)]
    pub comment: Option<String>,
    /// Check and exclusion constraints, sorted by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<ConstraintInfo>,
    /// The statement that creates the table whole, where the driver gives it (MySQL's `SHOW
    /// CREATE TABLE`). A schema dump writes it in place of one rendered from the columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_sql: Option<String>,
    /// The table this one is a partition of (PostgreSQL); a dump creates a partition after
    /// its parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<String>,
}

impl TableInfo {
    /// Empty tables keyed by name, for introspection to fill in.
    pub fn empty_by_name(
        names: impl IntoIterator<Item = String>,
    ) -> std::collections::BTreeMap<String, Self> {
        names
            .into_iter()
            .map(|name| {
                let info = Self {
                    name: name.clone(),
                    ..Self::default()
                };
                (name, info)
            })
            .collect()
    }
}

/// One column of a [`TableInfo`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ColumnInfo {
    /// The column's name.
    pub name: String,
    /// The declared type as the database reports it: built-in types in lower case
    /// (`varchar(30)`, `boolean`, `character varying(30)`), user-defined types as the database
    /// prints them.
    pub data_type: String,
    /// Whether NULL is allowed.
    pub nullable: bool,
    /// The default expression as the database reports it.
    pub default: Option<String>,
    /// Whether the database fills the column from a counter (`AUTOINCREMENT`, `serial`,
    /// an identity column, `AUTO_INCREMENT`).
    #[serde(default)]
    pub auto_increment: bool,
    /// The column's comment, where the database keeps one.
    #[serde(default)]
    pub comment: Option<String>,
    /// A generated column's expression and kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<GeneratedInfo>,
    /// An identity column's kind, `always` or `by default` (PostgreSQL's `GENERATED …
    /// AS IDENTITY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// An identity column's sequence options that differ from the defaults, as they follow
    /// `AS IDENTITY` in parentheses (`START WITH 1000`, `SEQUENCE NAME "t_seq"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_options: Option<String>,
}

/// How a generated column is computed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GeneratedInfo {
    /// The expression as the database gives it back.
    pub expression: String,
    /// True when the value is stored, false when it is computed on read (`VIRTUAL`).
    pub stored: bool,
}

/// A check or exclusion constraint of a [`TableInfo`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ConstraintInfo {
    /// The constraint's name.
    pub name: String,
    /// `check` or `exclude`.
    pub kind: String,
    /// The constraint's definition after its name, as the database gives it back
    /// (`CHECK ((price > 0))`, `EXCLUDE USING gist (room WITH =, during WITH &&)`).
    pub definition: String,
}

/// When a schema dump creates an [`ObjectInfo`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// First of all: what types and tables may need (extensions).
    Prelude,
    /// After enum types, before tables (domains, sequences, other types).
    #[default]
    Types,
    /// After tables, before indexes and foreign keys (a sequence's owner, row security).
    Tables,
    /// Last, after views, routines and triggers (materialized views, policies, events).
    Definitions,
}

/// An object of a [`Catalog`] kept as the statement that creates it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ObjectInfo {
    /// What it is, in the database's words (`extension`, `domain`, `sequence`,
    /// `materialized view`, `policy`, `event`).
    pub kind: String,
    /// Its name.
    pub name: String,
    /// The table it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// When a dump creates it.
    #[serde(default)]
    pub stage: Stage,
    /// The statement that creates it (`None` when the database cannot give it).
    pub create_sql: Option<String>,
}

/// One index of a [`TableInfo`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IndexInfo {
    /// The index's name.
    pub name: String,
    /// Its key parts in order: a column's name, or an expression's text in parentheses
    /// (`(lower(email))`).
    pub columns: Vec<String>,
    /// Whether it is unique.
    pub unique: bool,
    /// Whether it backs a `UNIQUE` constraint rather than being created as an index (the
    /// distinction PostgreSQL keeps).
    #[serde(default)]
    pub constraint: bool,
    /// A partial index's `WHERE` predicate.
    #[serde(default)]
    pub predicate: Option<String>,
    /// The statement that creates the index, where the database gives it whole (PostgreSQL's
    /// `pg_get_indexdef`: methods, `INCLUDE`, operator classes). A schema dump writes it in
    /// place of one rendered from the key parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
}

impl IndexInfo {
    /// An expression key part as the catalog writes it: enclosed in one pair of parentheses
    /// (`lower(email)` → `(lower(email))`, `(a + 1)` unchanged, `(a) + (b)` → `((a) + (b))`).
    /// Quotes (`'…'`, `"…"`, `` `…` ``) are skipped when matching the parentheses.
    pub fn expression_part(text: &str) -> String {
        let text = text.trim();
        if enclosed(text) {
            text.to_string()
        } else {
            format!("({text})")
        }
    }
}

/// Whether `text` opens with `(` and the parenthesis that closes it is its last character.
fn enclosed(text: &str) -> bool {
    if !text.starts_with('(') {
        return false;
    }
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at + 1 == text.len();
                }
            }
            _ => {}
        }
    }
    false
}

/// One foreign key of a [`TableInfo`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ForeignKeyInfo {
    /// The constraint's name, when the database keeps one.
    pub name: Option<String>,
    /// The referencing columns.
    pub columns: Vec<String>,
    /// The referenced table.
    pub references_table: String,
    /// The referenced columns.
    pub references_columns: Vec<String>,
    /// `ON DELETE`, upper case (`CASCADE`, `NO ACTION`).
    pub on_delete: String,
    /// `ON UPDATE`, upper case.
    pub on_update: String,
}

/// One view of a [`Catalog`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ViewInfo {
    /// The view's name.
    pub name: String,
    /// The statement that creates it, as the database gives it back (`None` when the
    /// database cannot give it).
    #[serde(default)]
    pub create_sql: Option<String>,
}

/// One user-defined enum type of a [`Catalog`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EnumInfo {
    /// The type's name.
    pub name: String,
    /// Its labels in order.
    pub values: Vec<String>,
}

/// One function or procedure of a [`Catalog`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RoutineInfo {
    /// The routine's name.
    pub name: String,
    /// `function` or `procedure`.
    pub kind: String,
    /// The statement that creates it, as the database gives it back (`None` when the
    /// database cannot give it).
    pub create_sql: Option<String>,
}

/// One trigger of a [`Catalog`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TriggerInfo {
    /// The trigger's name.
    pub name: String,
    /// The table it fires on.
    pub table: String,
    /// The statement that creates it, as the database gives it back (`None` when the
    /// database cannot give it).
    pub create_sql: Option<String>,
}

/// What a dialect needs to know of an existing table to compile an operation on it (SQLite's
/// table rebuild starts from the stored `CREATE TABLE` text).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TableState {
    /// The table's name.
    pub name: String,
    /// The stored `CREATE TABLE` statement.
    pub create_sql: String,
    /// The table's indexes: `(name, CREATE INDEX statement)`, without automatic indexes.
    pub indexes: Vec<(String, String)>,
    /// The table's triggers: `(name, CREATE TRIGGER statement)`.
    pub triggers: Vec<(String, String)>,
    /// Views of the database: `(name, CREATE VIEW statement)`.
    pub views: Vec<(String, String)>,
    /// The table's column names in order.
    pub columns: Vec<String>,
    /// Types that belong to the table and go with it (PostgreSQL enum types created for its
    /// `native = true` enum columns).
    #[serde(default)]
    pub owned_types: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::IndexInfo;

    #[test]
    fn an_expression_part_is_enclosed_in_one_pair_of_parentheses() {
        assert_eq!(IndexInfo::expression_part("lower(email)"), "(lower(email))");
        assert_eq!(IndexInfo::expression_part("(rank + 1)"), "(rank + 1)");
        assert_eq!(IndexInfo::expression_part("(a) + (b)"), "((a) + (b))");
        assert_eq!(IndexInfo::expression_part("(a || ')')"), "(a || ')')");
        assert_eq!(IndexInfo::expression_part(" x "), "(x)");
    }
}
