//! The typed getters of the walk: each reads one TOML value at an entry path
//! (`up[2].columns[1].type`) and, when it is missing or of the wrong type, returns a message
//! that starts with that path and says what was expected and what was found.

use toml::{Table, Value};

use super::Parsed;
use super::suggest::{hint, unknown_key, words};
use crate::schema::ReferentialAction;

/// The fields of one TOML table at an entry path.
pub(super) struct Fields<'a> {
    pub(super) path: &'a str,
    pub(super) table: &'a Table,
}

impl<'a> Fields<'a> {
    pub(super) fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// Rejects any key not in `allowed`.
    pub(super) fn allow(&self, allowed: &[&str], what: &str) -> Parsed<()> {
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
    pub(super) fn allow_operation(&self, keyword: &str, companions: &[&str]) -> Parsed<()> {
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

    pub(super) fn bool(&self, key: &str) -> Parsed<Option<bool>> {
        self.table
            .get(key)
            .map(|value| expect_bool(&self.at(key), value))
            .transpose()
    }

    pub(super) fn flag(&self, key: &str) -> Parsed<bool> {
        Ok(self.bool(key)?.unwrap_or(false))
    }

    pub(super) fn string(&self, key: &str) -> Parsed<Option<&'a str>> {
        match self.table.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(expected(&self.at(key), "a string", other)),
        }
    }

    /// An optional non-empty string (a name).
    pub(super) fn name(&self, key: &str) -> Parsed<Option<String>> {
        self.table
            .get(key)
            .map(|value| non_empty_string(&self.at(key), value))
            .transpose()
    }

    pub(super) fn required_name(&self, key: &str) -> Parsed<String> {
        self.name(key)?
            .ok_or_else(|| format!("{}: missing `{key}`", self.path))
    }

    /// An optional integer of at least `min` that fits a `u32`.
    pub(super) fn number(&self, key: &str, min: u32) -> Parsed<Option<u32>> {
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

    pub(super) fn action(&self, key: &str) -> Parsed<Option<ReferentialAction>> {
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
    pub(super) fn string_array(&self, key: &str) -> Parsed<Option<Vec<String>>> {
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

    pub(super) fn column_names(&self, key: &str) -> Parsed<Option<Vec<String>>> {
        self.table
            .get(key)
            .map(|value| column_names(&self.at(key), value))
            .transpose()
    }

    pub(super) fn required_column_names(&self, key: &str) -> Parsed<Vec<String>> {
        self.column_names(key)?
            .ok_or_else(|| format!("{}: missing `{key}`", self.path))
    }

    /// The elements of an optional array, each with its path.
    pub(super) fn items(&self, key: &str, what: &str) -> Parsed<Vec<(String, &'a Value)>> {
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
}

/// A string or a non-empty array of strings: column names.
pub(super) fn column_names(path: &str, value: &Value) -> Parsed<Vec<String>> {
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

pub(super) fn expect_table<'a>(path: &str, value: &'a Value, what: &str) -> Parsed<&'a Table> {
    match value {
        Value::Table(table) => Ok(table),
        other => Err(expected(path, what, other)),
    }
}

pub(super) fn expect_bool(path: &str, value: &Value) -> Parsed<bool> {
    match value {
        Value::Boolean(b) => Ok(*b),
        other => Err(expected(path, "a boolean", other)),
    }
}

pub(super) fn non_empty_string(path: &str, value: &Value) -> Parsed<String> {
    match value {
        Value::String(s) if !s.is_empty() => Ok(s.clone()),
        other => Err(expected(path, "a non-empty string", other)),
    }
}

pub(super) fn expected(path: &str, what: &str, found: &Value) -> String {
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

#[cfg(test)]
mod tests {
    use crate::migration::toml::test_support::{assert_contains, column_error, error};

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
}
