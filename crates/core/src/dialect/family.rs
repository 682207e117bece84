//! [`DialectInfo`]: what a dialect is, as plain data, and the [`Family`] definitions.
//!
//! A dialect declares its info once ([`Dialect::info`](crate::Dialect::info)); dbm-core's
//! TOML loader, SQL splitter and `migration:check`, the CLI and the plugin host read it
//! instead of the dialect's name. A dialect built on another database's SQL (CockroachDB on
//! PostgreSQL, TiDB on MySQL) starts from that family's info and changes what differs:
//!
//! ```
//! use dbm_core::dialect::{DialectInfo, ForeignKeyTypes};
//!
//! let cockroach = DialectInfo {
//!     foreign_key_types: ForeignKeyTypes::Exact,
//!     ..DialectInfo::postgres()
//! };
//! assert_eq!(cockroach.family.sql_key(), Some("postgres"));
//! ```
//!
//! This module is the one place in dbm-core that spells the families' names.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::Capabilities;
use crate::migration::sql::SqlDialect;
use crate::schema::ColumnType;

/// The SQL a dialect speaks, as far as raw SQL is concerned: which `sql = { <family> = "..." }`
/// entry it takes, how `.sql` files and `sql` entries are split into statements, and which
/// database-specific `migration:check` rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// PostgreSQL and databases that speak its SQL: dollar quoting, `E'...'` strings.
    Postgres,
    /// MySQL, MariaDB and databases that speak their SQL: backslash escapes, `#` comments.
    Mysql,
    /// SQLite.
    Sqlite,
    /// None of the above: only `sql = { default = "..." }` entries, standard SQL splitting.
    Ansi,
}

/// The keys of a `sql = { ... }` table: one per family with its own entry, and `default`.
pub const SQL_ENTRY_KEYS: &[&str] = &["postgres", "mysql", "sqlite", "default"];

impl Family {
    /// The family's name (`postgres`, `mysql`, `sqlite`, `ansi`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Postgres => "postgres",
            Self::Mysql => "mysql",
            Self::Sqlite => "sqlite",
            Self::Ansi => "ansi",
        }
    }

    /// The family's key in `sql = { ... }`; `None` for [`Family::Ansi`], which only takes
    /// `default`.
    pub fn sql_key(self) -> Option<&'static str> {
        match self {
            Self::Ansi => None,
            family => Some(family.name()),
        }
    }

    /// The family named `name` (`postgresql` and `mariadb` are accepted too); `None` for
    /// other names.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "postgres" | "postgresql" => Some(Self::Postgres),
            "mysql" | "mariadb" => Some(Self::Mysql),
            "sqlite" => Some(Self::Sqlite),
            "ansi" => Some(Self::Ansi),
            _ => None,
        }
    }

    /// The lexical rules the family's SQL is split by; `None` (the splitter's generic rules)
    /// for [`Family::Ansi`].
    pub fn sql_dialect(self) -> Option<SqlDialect> {
        match self {
            Self::Postgres => Some(SqlDialect::Postgres),
            Self::Mysql => Some(SqlDialect::Mysql),
            Self::Sqlite => Some(SqlDialect::Sqlite),
            Self::Ansi => None,
        }
    }
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How identifiers are quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierQuote {
    /// `"name"`, with `"` inside doubled (standard SQL).
    Double,
    /// `` `name` ``, with a backtick inside doubled (MySQL).
    Backtick,
}

impl IdentifierQuote {
    /// `ident` quoted.
    pub fn quote(self, ident: &str) -> String {
        match self {
            Self::Double => format!("\"{}\"", ident.replace('"', "\"\"")),
            Self::Backtick => format!("`{}`", ident.replace('`', "``")),
        }
    }
}

/// How bound parameters are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceholderStyle {
    /// `?` for every parameter.
    Question,
    /// `$1`, `$2`, ... (PostgreSQL).
    Numbered,
}

impl PlaceholderStyle {
    /// The placeholder of the `index`-th parameter (1-based).
    pub fn placeholder(self, index: usize) -> String {
        match self {
            Self::Question => "?".into(),
            Self::Numbered => format!("${index}"),
        }
    }
}

/// Where an index name must be unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexNameScope {
    /// In its table: two tables may have indexes of the same name (MySQL).
    Table,
    /// In the schema, across tables (PostgreSQL, SQLite).
    Schema,
}

/// How strictly a foreign key column's type must match the referenced column's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForeignKeyTypes {
    /// Any types (SQLite).
    Any,
    /// The same family of types (PostgreSQL rejects `integer` referencing `uuid`, accepts
    /// `integer` referencing `bigint`).
    SameFamily,
    /// The same type, size and sign (MySQL: `int` may not reference `bigint unsigned`).
    Exact,
}

/// A portable column type a dialect stores as something less.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LossyType {
    /// The type.
    pub of: LossyKind,
    /// What it becomes, and what is lost: the end of the `lossy-type` finding's message,
    /// after "`jsonb` becomes " or "binary with length n becomes ".
    pub becomes: Cow<'static, str>,
}

/// The portable types a dialect may store as something less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LossyKind {
    /// `jsonb`.
    Jsonb,
    /// `binary` with a `length`.
    SizedBinary,
}

impl LossyType {
    /// What the dialect loses of `ty`, as a sentence; `None` when this entry is not about
    /// `ty`.
    pub fn describe(&self, ty: &ColumnType) -> Option<String> {
        match (self.of, ty) {
            (LossyKind::Jsonb, ColumnType::Jsonb) => {
                Some(format!("jsonb becomes {}", self.becomes))
            }
            (LossyKind::SizedBinary, ColumnType::Binary { length: Some(n) }) => {
                Some(format!("binary with length {n} becomes {}", self.becomes))
            }
            _ => None,
        }
    }
}

/// What a dialect is, as plain serializable data: declared once by each dialect
/// ([`Dialect::info`](crate::Dialect::info)), fetched once from a plugin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialectInfo {
    /// Its family: `sql = { ... }` entries, statement splitting, check rules.
    pub family: Family,
    /// How identifiers are quoted (the default of
    /// [`Dialect::quote_identifier`](crate::Dialect::quote_identifier)).
    pub quoting: IdentifierQuote,
    /// How bound parameters are written (the default of
    /// [`Dialect::placeholder`](crate::Dialect::placeholder)).
    pub placeholder: PlaceholderStyle,
    /// Where index names must be unique.
    pub index_names: IndexNameScope,
    /// How strictly foreign key types must match.
    pub foreign_key_types: ForeignKeyTypes,
    /// The portable types it stores as something less.
    pub lossy_types: Cow<'static, [LossyType]>,
    /// Transactional DDL and native enums.
    pub capabilities: Capabilities,
}

impl DialectInfo {
    /// PostgreSQL.
    pub const fn postgres() -> Self {
        const LOSSY: &[LossyType] = &[LossyType {
            of: LossyKind::SizedBinary,
            becomes: Cow::Borrowed("bytea on PostgreSQL, which does not enforce the length"),
        }];
        Self {
            family: Family::Postgres,
            quoting: IdentifierQuote::Double,
            placeholder: PlaceholderStyle::Numbered,
            index_names: IndexNameScope::Schema,
            foreign_key_types: ForeignKeyTypes::SameFamily,
            lossy_types: Cow::Borrowed(LOSSY),
            capabilities: Capabilities {
                transactional_ddl: true,
                native_enum: true,
            },
        }
    }

    /// MySQL and MariaDB.
    pub const fn mysql() -> Self {
        const LOSSY: &[LossyType] = &[LossyType {
            of: LossyKind::Jsonb,
            becomes: Cow::Borrowed(
                "json on MySQL (no binary form, no jsonb operators or GIN indexes)",
            ),
        }];
        Self {
            family: Family::Mysql,
            quoting: IdentifierQuote::Backtick,
            placeholder: PlaceholderStyle::Question,
            index_names: IndexNameScope::Table,
            foreign_key_types: ForeignKeyTypes::Exact,
            lossy_types: Cow::Borrowed(LOSSY),
            capabilities: Capabilities {
                transactional_ddl: false,
                native_enum: true,
            },
        }
    }

    /// SQLite.
    pub const fn sqlite() -> Self {
        const LOSSY: &[LossyType] = &[
            LossyType {
                of: LossyKind::Jsonb,
                becomes: Cow::Borrowed("json text on SQLite"),
            },
            LossyType {
                of: LossyKind::SizedBinary,
                becomes: Cow::Borrowed("blob on SQLite, which does not enforce the length"),
            },
        ];
        Self {
            family: Family::Sqlite,
            quoting: IdentifierQuote::Double,
            placeholder: PlaceholderStyle::Question,
            index_names: IndexNameScope::Schema,
            foreign_key_types: ForeignKeyTypes::Any,
            lossy_types: Cow::Borrowed(LOSSY),
            capabilities: Capabilities {
                transactional_ddl: true,
                native_enum: false,
            },
        }
    }

    /// Standard SQL, promising nothing: no transactional DDL, no native enums, index names
    /// per schema, foreign key types unchecked, no known lossy types.
    pub const fn ansi() -> Self {
        Self {
            family: Family::Ansi,
            quoting: IdentifierQuote::Double,
            placeholder: PlaceholderStyle::Question,
            index_names: IndexNameScope::Schema,
            foreign_key_types: ForeignKeyTypes::Any,
            lossy_types: Cow::Borrowed(&[]),
            capabilities: Capabilities {
                transactional_ddl: false,
                native_enum: false,
            },
        }
    }

    /// The info of `family` as dbm's own dialect of it declares it.
    pub const fn of_family(family: Family) -> Self {
        match family {
            Family::Postgres => Self::postgres(),
            Family::Mysql => Self::mysql(),
            Family::Sqlite => Self::sqlite(),
            Family::Ansi => Self::ansi(),
        }
    }

    /// What this dialect loses of `ty`, as a sentence; `None` when it stores `ty` as written.
    pub fn lossy(&self, ty: &ColumnType) -> Option<String> {
        self.lossy_types.iter().find_map(|l| l.describe(ty))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_round_trip_through_their_names() {
        for family in [
            Family::Postgres,
            Family::Mysql,
            Family::Sqlite,
            Family::Ansi,
        ] {
            assert_eq!(Family::from_name(family.name()), Some(family));
            assert_eq!(
                serde_json::to_value(family).expect("serializes"),
                serde_json::Value::from(family.name())
            );
        }
        assert_eq!(Family::from_name("postgresql"), Some(Family::Postgres));
        assert_eq!(Family::from_name("mariadb"), Some(Family::Mysql));
        assert_eq!(Family::from_name("oracle"), None);
        assert_eq!(Family::Ansi.sql_key(), None);
        assert_eq!(Family::Postgres.sql_dialect(), Some(SqlDialect::Postgres));
        assert_eq!(Family::Mysql.sql_dialect(), Some(SqlDialect::Mysql));
        assert_eq!(Family::Sqlite.sql_dialect(), Some(SqlDialect::Sqlite));
        assert_eq!(Family::Ansi.sql_dialect(), None);
    }

    #[test]
    fn the_sql_entry_keys_are_the_families_with_an_entry_and_default() {
        let mut keys: Vec<&str> = [
            Family::Postgres,
            Family::Mysql,
            Family::Sqlite,
            Family::Ansi,
        ]
        .into_iter()
        .filter_map(Family::sql_key)
        .collect();
        keys.push("default");
        assert_eq!(keys, SQL_ENTRY_KEYS);
    }

    #[test]
    fn an_info_survives_json() {
        for info in [
            DialectInfo::postgres(),
            DialectInfo::mysql(),
            DialectInfo::sqlite(),
            DialectInfo::ansi(),
        ] {
            let json = serde_json::to_string(&info).expect("serializes");
            let back: DialectInfo = serde_json::from_str(&json).expect("deserializes");
            assert_eq!(back, info);
        }
    }

    /// A third-party dialect named `cockroach` that declares the PostgreSQL family.
    struct Cockroach;

    impl crate::Dialect for Cockroach {
        fn name(&self) -> &str {
            "cockroach"
        }

        fn info(&self) -> DialectInfo {
            DialectInfo::postgres()
        }

        fn compile(
            &self,
            op: &crate::schema::Operation,
            _table: Option<&crate::catalog::TableState>,
        ) -> crate::Result<Vec<String>> {
            Err(crate::Error::schema(format!(
                "cannot compile `{}`",
                op.keyword()
            )))
        }
    }

    #[test]
    fn a_dialect_of_the_postgres_family_takes_postgres_entries_split_by_dollar_quotes() {
        use crate::Dialect;
        use crate::schema::RawSql;

        let body = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2";
        let raw = RawSql::PerDialect(
            [
                ("postgres".to_owned(), body.to_owned()),
                ("default".to_owned(), "SELECT 'default'".to_owned()),
            ]
            .into(),
        );
        let family = Cockroach.info().family;
        let split = family.sql_dialect().expect("the PostgreSQL rules");
        assert_eq!(split, SqlDialect::Postgres);
        let statements = super::super::raw_sql_statements(&Cockroach, &raw, split).expect("splits");
        assert_eq!(
            statements,
            [
                "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
                "SELECT 2"
            ]
        );
        assert_eq!(Cockroach.placeholder(2), "$2");
        assert_eq!(Cockroach.quote_identifier("a\"b"), "\"a\"\"b\"");
        assert!(Cockroach.capabilities().transactional_ddl);
    }

    #[test]
    fn quoting_and_placeholders() {
        assert_eq!(IdentifierQuote::Double.quote("a\"b"), "\"a\"\"b\"");
        assert_eq!(IdentifierQuote::Backtick.quote("a`b"), "`a``b`");
        assert_eq!(PlaceholderStyle::Question.placeholder(3), "?");
        assert_eq!(PlaceholderStyle::Numbered.placeholder(3), "$3");
    }
}
