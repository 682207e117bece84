//! A column's Rust type: from its declared type as the catalog spells it, the dialect family,
//! the crates chosen in [`SchemaConfig`] and the overrides.
//!
//! The declared type is read as a base name (`int`, `character varying`, `timestamp with time
//! zone`), its arguments in parentheses (`(1)`, `(8,2)`) and the `unsigned` flag; the base
//! name picks the type:
//!
//! - integers by width and sign: PostgreSQL `smallint` `i16`, `integer` `i32`, `bigint`
//!   `i64`; MySQL `tinyint` `i8`/`u8` (but `tinyint(1)` is `bool`), `smallint` `i16`/`u16`,
//!   `mediumint` and `int` `i32`/`u32`, `bigint` `i64`/`u64`; SQLite stores every integer
//!   in 64 bits: `i64`;
//! - floats: `real`/`float` `f32` (`f64` on SQLite), `double` `f64`;
//! - `boolean` `bool`; text types `String`; binary types `Vec<u8>`;
//! - decimals, dates and times, uuid and json as [`SchemaConfig`] says;
//! - anything else `String`, with a note naming the database type.

use crate::catalog::ColumnInfo;
use crate::config::{DatetimeCrate, DecimalCrate, JsonCrate, SchemaConfig, UuidCrate};
use crate::dialect::Family;

/// The Rust type of a column's values (without the `Option` of a nullable column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustType {
    /// The type, as Rust code (`i32`, `time::OffsetDateTime`).
    pub ty: String,
    /// Set when no mapping knew the database type: the type is then `String`, and this is the
    /// database type to name in a comment.
    pub unmapped: Option<String>,
}

impl RustType {
    fn known(ty: &str) -> Self {
        Self {
            ty: ty.to_owned(),
            unmapped: None,
        }
    }
}

/// A declared type taken apart: `int(10) unsigned` is `int`, `10`, unsigned.
struct Declared {
    /// The whole type, trimmed and in lower case.
    full: String,
    /// The words outside parentheses, without `unsigned`, `signed` and `zerofill`.
    base: String,
    /// The first parenthesized arguments, without the parentheses.
    args: Option<String>,
    /// Whether `unsigned` was among the words.
    unsigned: bool,
}

fn parse(data_type: &str) -> Declared {
    let full = data_type.trim().to_lowercase();
    let mut outside = String::new();
    let mut args: Option<String> = None;
    let mut depth = 0usize;
    let mut current = String::new();
    for c in full.chars() {
        match c {
            '(' => {
                if depth > 0 {
                    current.push(c);
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    args.get_or_insert_with(|| std::mem::take(&mut current));
                    current.clear();
                    outside.push(' ');
                } else {
                    current.push(c);
                }
            }
            c if depth > 0 => current.push(c),
            c => outside.push(c),
        }
    }
    let mut unsigned = false;
    let words: Vec<&str> = outside
        .split_whitespace()
        .filter(|word| match *word {
            "unsigned" => {
                unsigned = true;
                false
            }
            "signed" | "zerofill" => false,
            _ => true,
        })
        .collect();
    Declared {
        base: words.join(" "),
        full,
        args: args.map(|a| a.split_whitespace().collect::<Vec<_>>().join("")),
        unsigned,
    }
}

/// The Rust type of `column` of `table`: the `columns` override (`"table.column"`), else the
/// `types` override (the whole declared type, then its base name), else the mapping of
/// `family`. `enums` are the database's enum types (their values read as `String`).
pub fn rust_type(
    family: Family,
    table: &str,
    column: &ColumnInfo,
    config: &SchemaConfig,
    enums: &[String],
) -> RustType {
    if let Some(ty) = config.columns.get(&format!("{table}.{}", column.name)) {
        return RustType::known(ty.trim());
    }
    let declared = parse(&column.data_type);
    let by_type = config
        .types
        .iter()
        .find(|(key, _)| key.trim().to_lowercase() == declared.full)
        .or_else(|| {
            config
                .types
                .iter()
                .find(|(key, _)| key.trim().to_lowercase() == declared.base)
        });
    if let Some((_, ty)) = by_type {
        return RustType::known(ty.trim());
    }
    if enums.iter().any(|e| e.to_lowercase() == declared.full) {
        return RustType::known("String");
    }
    match mapped(family, &declared, config) {
        Some(ty) => RustType::known(ty),
        None => RustType {
            ty: "String".to_owned(),
            unmapped: Some(column.data_type.trim().to_owned()),
        },
    }
}

fn mapped(family: Family, d: &Declared, config: &SchemaConfig) -> Option<&'static str> {
    let signed = |s: &'static str, u: &'static str| if d.unsigned { u } else { s };
    if family == Family::Sqlite {
        return sqlite(d, config);
    }
    let mysql = family == Family::Mysql;
    Some(match d.base.as_str() {
        "tinyint" if mysql && d.args.as_deref() == Some("1") && !d.unsigned => "bool",
        "tinyint" => signed("i8", "u8"),
        "smallint" | "int2" | "smallserial" | "serial2" => signed("i16", "u16"),
        "mediumint" => signed("i32", "u32"),
        "integer" | "int" | "int4" | "serial" | "serial4" => signed("i32", "u32"),
        "bigint" | "int8" | "bigserial" | "serial8" => signed("i64", "u64"),
        "real" | "float4" => "f32",
        "float" if mysql => "f32",
        "double precision" | "double" | "float8" | "float" => "f64",
        "boolean" | "bool" => "bool",
        "decimal" | "numeric" | "dec" | "fixed" => decimal(config),
        "char" | "character" | "varchar" | "character varying" | "text" | "tinytext"
        | "mediumtext" | "longtext" | "nchar" | "nvarchar" | "national char"
        | "national varchar" | "bpchar" | "citext" | "name" | "enum" | "set" => "String",
        "bytea" | "blob" | "tinyblob" | "mediumblob" | "longblob" | "binary" | "varbinary" => {
            "Vec<u8>"
        }
        "timestamp with time zone" | "timestamptz" => offset_datetime(config),
        "timestamp" if mysql => offset_datetime(config),
        "timestamp" | "timestamp without time zone" | "datetime" => primitive_datetime(config),
        "date" => date(config),
        "time" | "time without time zone" => time(config),
        "uuid" => uuid(config),
        "json" | "jsonb" => json(config),
        _ => return None,
    })
}

/// SQLite's declared types, by its affinity rules where no better type is known.
fn sqlite(d: &Declared, config: &SchemaConfig) -> Option<&'static str> {
    Some(match d.base.as_str() {
        "boolean" | "bool" => "bool",
        "decimal" | "numeric" => decimal(config),
        "datetime" | "timestamp" => primitive_datetime(config),
        "date" => date(config),
        "time" => time(config),
        "uuid" => uuid(config),
        "json" | "jsonb" => json(config),
        base if base.contains("int") => "i64",
        base if ["char", "clob", "text"].iter().any(|t| base.contains(t)) => "String",
        "blob" => "Vec<u8>",
        base if ["real", "floa", "doub"].iter().any(|t| base.contains(t)) => "f64",
        _ => return None,
    })
}

fn decimal(config: &SchemaConfig) -> &'static str {
    match config.decimal {
        DecimalCrate::String => "String",
        DecimalCrate::RustDecimal => "rust_decimal::Decimal",
    }
}

fn uuid(config: &SchemaConfig) -> &'static str {
    match config.uuid {
        UuidCrate::String => "String",
        UuidCrate::Uuid => "uuid::Uuid",
    }
}

fn json(config: &SchemaConfig) -> &'static str {
    match config.json {
        JsonCrate::String => "String",
        JsonCrate::SerdeJson => "serde_json::Value",
    }
}

/// A date and time with a time zone (PostgreSQL `timestamptz`, MySQL `timestamp`).
fn offset_datetime(config: &SchemaConfig) -> &'static str {
    match config.datetime {
        DatetimeCrate::String => "String",
        DatetimeCrate::Time => "time::OffsetDateTime",
        DatetimeCrate::Chrono => "chrono::DateTime<chrono::Utc>",
    }
}

/// A date and time without a time zone.
fn primitive_datetime(config: &SchemaConfig) -> &'static str {
    match config.datetime {
        DatetimeCrate::String => "String",
        DatetimeCrate::Time => "time::PrimitiveDateTime",
        DatetimeCrate::Chrono => "chrono::NaiveDateTime",
    }
}

fn date(config: &SchemaConfig) -> &'static str {
    match config.datetime {
        DatetimeCrate::String => "String",
        DatetimeCrate::Time => "time::Date",
        DatetimeCrate::Chrono => "chrono::NaiveDate",
    }
}

fn time(config: &SchemaConfig) -> &'static str {
    match config.datetime {
        DatetimeCrate::String => "String",
        DatetimeCrate::Time => "time::Time",
        DatetimeCrate::Chrono => "chrono::NaiveTime",
    }
}
