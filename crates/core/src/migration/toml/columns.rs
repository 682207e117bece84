//! Column tables (`{ name = "...", type = "..." }`): the type words, the fields that apply
//! to some types only, `default` / `default_sql` and a column's `references`.

use toml::Value;

use super::Parsed;
use super::constraints::table_dot_column;
use super::fields::{Fields, expect_table, expected};
use super::suggest::{hint, words};
use crate::schema::{Column, ColumnType, DefaultValue, Reference};

pub(crate) const COLUMN_KEYS: &[&str] = &[
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
pub(crate) const TYPE_SPECIFIC_FIELDS: &[(&str, &[&str])] = &[
    ("length", &["char", "string", "binary"]),
    ("precision", &["decimal"]),
    ("scale", &["decimal"]),
    ("values", &["enum"]),
    ("native", &["enum"]),
    ("tz", &["datetime", "timestamp"]),
    ("sql_type", &["specific"]),
    ("unsigned", NUMERIC_TYPES),
];

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

impl Fields<'_> {
    /// An array of column tables, with distinct names.
    pub(super) fn columns(&self, key: &str) -> Parsed<Vec<Column>> {
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
}

#[cfg(test)]
mod tests {
    use crate::migration::toml::test_support::{assert_contains, column_error, column_of, error};
    use crate::schema::{ColumnType, DefaultValue};

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
    fn scale_above_precision_is_an_error() {
        assert_contains(
            &column_error(r#"{ name = "a", type = "decimal", precision = 1 }"#),
            &["up[1].columns[0].scale: scale 2 exceeds precision 1"],
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
}
