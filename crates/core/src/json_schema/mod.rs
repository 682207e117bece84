//! The JSON Schemas of dbm's TOML files, committed as `schemas/*.schema.json` for editors
//! (taplo, Even Better TOML): `migration`, `seeder` and `config`.
//!
//! The configuration's schema comes from its serde types (`config::raw`), which derive
//! `JsonSchema` in tests; the migration and seeder formats are read by hand-written walks
//! over the TOML table, so their shape is written here as types whose only purpose is the
//! schema, with the key lists and valid words of the walks checked against it.
//!
//! The tests compare the generated schemas with the committed files (`DBM_UPDATE_SCHEMAS=1`
//! rewrites them) and validate every TOML file of the repository against them.

mod config;
mod migration;
mod repository;
mod seeder;

pub(crate) use config::{ColumnRustTypes, DriverName, RustTypes};

use std::path::PathBuf;

use schemars::generate::SchemaSettings;
use schemars::transform::{RecursiveTransform, Transform};
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value};

/// One committed schema: its file name under `schemas/` and its generated text.
pub(crate) struct Generated {
    pub(crate) file: &'static str,
    pub(crate) text: String,
}

/// The schemas, generated.
pub(crate) fn generate() -> Vec<Generated> {
    [
        ("migration.schema.json", root::<migration::MigrationFile>()),
        ("seeder.schema.json", root::<seeder::SeederFile>()),
        ("config.schema.json", root::<config::ConfigFile>()),
    ]
    .into_iter()
    .map(|(file, schema)| Generated {
        file,
        text: format!(
            "{}\n",
            serde_json::to_string_pretty(&schema).expect("a schema serializes")
        ),
    })
    .collect()
}

/// The draft 7 schema of `T` (the draft taplo reads), without the `null`s that `Option`
/// adds: TOML has no null, and an absent key is what `Option` stands for.
fn root<T: JsonSchema>() -> Schema {
    let mut settings = SchemaSettings::draft07();
    settings
        .transforms
        .insert(0, Box::new(RecursiveTransform(drop_null)));
    settings.into_generator().into_root_schema_for::<T>()
}

/// Removes `"null"` from a `type` list and `{ "type": "null" }` from an `anyOf` / `oneOf`,
/// merging a single remaining alternative into the schema.
fn drop_null(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if let [single] = types.as_slice() {
            let single = single.clone();
            object.insert("type".into(), single);
        }
    }
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(alternatives)) = object.get_mut(key) else {
            continue;
        };
        alternatives.retain(|a| *a != serde_json::json!({ "type": "null" }));
        if alternatives.len() == 1 {
            let Some(Value::Object(single)) = alternatives.pop() else {
                continue;
            };
            object.remove(key);
            for (k, v) in single {
                object.entry(k).or_insert(v);
            }
        }
    }
}

/// A string with at least one character that is not white space.
fn non_blank(description: &str) -> Value {
    serde_json::json!({ "type": "string", "pattern": "\\S", "description": description })
}

/// A non-empty string.
fn non_empty(description: &str) -> Value {
    serde_json::json!({ "type": "string", "minLength": 1, "description": description })
}

/// The schema of a closed list of words, each with its description: `oneOf` of `const`s,
/// which editors offer as completions and explain on hover.
fn words(words: &[(&str, &str)]) -> Value {
    Value::Array(
        words
            .iter()
            .map(|(word, description)| {
                serde_json::json!({ "const": word, "description": description })
            })
            .collect(),
    )
}

/// Adds the `const`s of a `oneOf` as an `enum`, which editors name in their messages.
pub(crate) fn list_words(schema: &mut Schema) {
    let words: Vec<Value> = schema
        .get("oneOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|word| word.get("const").cloned())
        .collect();
    schema.insert("type".into(), Value::from("string"));
    schema.insert("enum".into(), Value::Array(words));
}

/// Adds `clause` to the `allOf` of `schema`.
fn push_all_of(schema: &mut Schema, clause: Value) {
    let object: &mut Map<String, Value> = schema.ensure_object();
    match object
        .entry("allOf")
        .or_insert_with(|| Value::Array(Vec::new()))
    {
        Value::Array(clauses) => clauses.push(clause),
        other => *other = Value::Array(vec![clause]),
    }
}

/// The folder of the committed schemas.
fn schemas_dir() -> PathBuf {
    repository::root().join("schemas")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails when a committed schema differs from the generated one; with
    /// `DBM_UPDATE_SCHEMAS=1` it writes the generated ones instead.
    #[test]
    fn the_committed_schemas_are_the_generated_ones() {
        let dir = schemas_dir();
        let update = std::env::var_os("DBM_UPDATE_SCHEMAS").is_some_and(|v| v == "1");
        let mut stale = Vec::new();
        for Generated { file, text } in generate() {
            let path = dir.join(file);
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            if committed == text {
                continue;
            }
            if update {
                std::fs::create_dir_all(&dir).expect("create schemas/");
                std::fs::write(&path, &text).expect("write the schema");
            } else {
                stale.push(file);
            }
        }
        assert!(
            stale.is_empty(),
            "schemas/{} differ from the types; run `DBM_UPDATE_SCHEMAS=1 cargo test -p dbm-core \
             json_schema` and commit the result",
            stale.join(", schemas/")
        );
    }

    #[test]
    fn a_null_alternative_is_dropped_and_a_single_one_merged() {
        let mut schema = Schema::try_from(serde_json::json!({
            "description": "d",
            "anyOf": [{ "$ref": "#/definitions/X" }, { "type": "null" }],
            "properties": { "a": { "type": ["boolean", "null"] } }
        }))
        .expect("a schema");
        RecursiveTransform(drop_null).transform(&mut schema);
        assert_eq!(
            schema.as_value(),
            &serde_json::json!({
                "description": "d",
                "$ref": "#/definitions/X",
                "properties": { "a": { "type": "boolean" } }
            })
        );
    }
}
