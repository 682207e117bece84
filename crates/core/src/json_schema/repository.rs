//! Every TOML file of the repository against the committed schemas: the demo project,
//! test fixtures, examples and the TOML examples in the docs' code fences. Each file that
//! the schema accepts is also read by dbm's own parser, so the two agree on real files; and
//! the schemas reject what dbm rejects (a misspelt key, a bad type word, ...).
//!
//! A TOML date is a string to the schemas, as editors see it: a date as a column's
//! `default`, which dbm refuses, passes the migration schema.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::Generated;

/// The repository's root (two folders above this crate).
pub(super) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the crate is two folders below the root")
        .to_path_buf()
}

/// TOML files that are not dbm's (Cargo's and tools' own), by file name or path.
const NOT_DBM: &[&str] = &[
    "Cargo.toml",
    "clippy.toml",
    "rustfmt.toml",
    ".cargo/config.toml",
];

/// Files and doc fences left out on purpose, each with the reason; a fence is named
/// `docs/FILE.md#N`, its number counting the file's TOML fences from 1.
const EXCLUDED: &[(&str, &str)] = &[];

/// Folders never walked.
const SKIPPED_DIRS: &[&str] = &["target", ".git", "node_modules", ".dbm"];

/// Which schema a TOML text follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Migration,
    Seeder,
    Config,
}

impl Kind {
    fn file(self) -> &'static str {
        match self {
            Self::Migration => "migration.schema.json",
            Self::Seeder => "seeder.schema.json",
            Self::Config => "config.schema.json",
        }
    }

    /// The kind of a file, by where it is: `database.toml` is the configuration, a file
    /// under a `seeders` folder a seeder, under `migrations` or `database` a migration.
    fn of_path(relative: &str) -> Option<Self> {
        let parts: Vec<&str> = relative.split('/').collect();
        let folders = &parts[..parts.len() - 1];
        if parts.last() == Some(&"database.toml") {
            Some(Self::Config)
        } else if folders.contains(&"seeders") {
            Some(Self::Seeder)
        } else if folders.contains(&"migrations") || folders.contains(&"database") {
            Some(Self::Migration)
        } else {
            None
        }
    }

    /// The kind of a doc example, by its keys: `up` / `down` make a migration, `insert` /
    /// `environments` a seeder, `package` / `dependencies` / `workspace` a Cargo manifest and
    /// `rule` a taplo configuration (`None` for both), anything else is configuration.
    fn of_text(table: &toml::Table) -> Option<Self> {
        let has = |keys: &[&str]| keys.iter().any(|key| table.contains_key(*key));
        if has(&["up", "down"]) {
            Some(Self::Migration)
        } else if has(&["insert", "environments"]) {
            Some(Self::Seeder)
        } else if has(&["package", "dependencies", "workspace", "rule"]) {
            None
        } else {
            Some(Self::Config)
        }
    }
}

/// The committed schemas' validators.
pub(super) struct Validators {
    migration: jsonschema::Validator,
    seeder: jsonschema::Validator,
    config: jsonschema::Validator,
}

impl Validators {
    /// From the generated schemas (the committed ones, once the comparison test passes).
    pub(super) fn new() -> Self {
        let schemas: Vec<Generated> = super::generate();
        let validator = |kind: Kind| {
            let text = &schemas
                .iter()
                .find(|g| g.file == kind.file())
                .expect("generated")
                .text;
            let schema: Value = serde_json::from_str(text).expect("a schema is JSON");
            jsonschema::draft7::new(&schema)
                .unwrap_or_else(|e| panic!("{} is not a valid schema: {e}", kind.file()))
        };
        Self {
            migration: validator(Kind::Migration),
            seeder: validator(Kind::Seeder),
            config: validator(Kind::Config),
        }
    }

    /// The schema's complaints about `text`, each with its key path.
    pub(super) fn errors(&self, kind: Kind, text: &str) -> Vec<String> {
        let table: toml::Table = match text.parse() {
            Ok(table) => table,
            Err(e) => return vec![format!("not TOML: {e}")],
        };
        let instance = json(&toml::Value::Table(table));
        let validator = match kind {
            Kind::Migration => &self.migration,
            Kind::Seeder => &self.seeder,
            Kind::Config => &self.config,
        };
        validator
            .iter_errors(&instance)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect()
    }
}

/// A TOML value as JSON, dates as their text (as editors validate them).
fn json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => Value::from(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .iter()
                .map(|(key, value)| (key.clone(), json(value)))
                .collect(),
        ),
    }
}

/// Every `.toml` file under `dir`, relative to the root, with `/`.
fn toml_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(std::result::Result::ok)
        .collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_str()) {
                toml_files(root, &path, out);
            }
        } else if name.ends_with(".toml") {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The TOML fences of a Markdown text, in order.
fn toml_fences(markdown: &str) -> Vec<String> {
    let mut fences = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        match &mut current {
            None if trimmed.starts_with("```toml") => current = Some(String::new()),
            None => {}
            Some(_) if trimmed.starts_with("```") => fences.extend(current.take()),
            Some(text) => {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    fences
}

/// What dbm itself says of a migration or seeder the schema accepted (`None`: it loads).
fn dbm_error(kind: Kind, text: &str) -> Option<String> {
    match kind {
        Kind::Migration => crate::migration::toml::parse_toml_migration(Path::new("m.toml"), text)
            .err()
            .map(|e| e.to_string()),
        Kind::Seeder => crate::seed::source::parse_toml(text).err(),
        Kind::Config => None,
    }
}

/// The Markdown files whose TOML fences are examples: `docs/*.md` and the READMEs.
fn markdown_files(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root.join("docs"))
        .expect("docs/")
        .filter_map(std::result::Result::ok)
        .map(|e| format!("docs/{}", e.file_name().to_string_lossy()))
        .filter(|name| name.ends_with(".md"))
        .collect();
    for readme in ["README.md", "corpus/README.md"] {
        files.push(readme.to_owned());
    }
    for parent in ["crates", "examples", "plugins"] {
        for entry in std::fs::read_dir(root.join(parent))
            .into_iter()
            .flatten()
            .filter_map(std::result::Result::ok)
        {
            if entry.path().join("README.md").is_file() {
                files.push(format!(
                    "{parent}/{}/README.md",
                    entry.file_name().to_string_lossy()
                ));
            }
        }
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_toml_file_and_doc_example_of_the_repository_follows_its_schema() {
        let root = root();
        let validators = Validators::new();
        let mut files = Vec::new();
        toml_files(&root, &root, &mut files);
        let mut checked = 0;
        let mut failures = Vec::new();
        let mut check = |name: String, kind: Kind, text: &str| {
            if EXCLUDED.iter().any(|(excluded, _)| *excluded == name) {
                return;
            }
            checked += 1;
            let errors = validators.errors(kind, text);
            if !errors.is_empty() {
                failures.push(format!("{name} ({kind:?}):\n  {}", errors.join("\n  ")));
            } else if let Some(error) = dbm_error(kind, text) {
                failures.push(format!(
                    "{name} ({kind:?}): the schema accepts it, dbm does not: {error}"
                ));
            }
        };
        for file in &files {
            let base = file.rsplit('/').next().unwrap_or(file);
            if NOT_DBM.contains(&base) || NOT_DBM.contains(&file.as_str()) {
                continue;
            }
            let text = std::fs::read_to_string(root.join(file)).expect("read");
            // The files the docs feed to `--contents-from` are read by their keys.
            let by_text = || {
                file.starts_with("docs/examples/")
                    .then(|| text.parse::<toml::Table>().ok())
                    .flatten()
                    .and_then(|table| Kind::of_text(&table))
            };
            let Some(kind) = Kind::of_path(file).or_else(by_text) else {
                panic!(
                    "{file}: which schema does it follow? Place it under database/ (or \
                     migrations/, seeders/, docs/examples/), or list it in NOT_DBM"
                );
            };
            check(file.clone(), kind, &text);
        }
        for markdown in markdown_files(&root) {
            let Ok(text) = std::fs::read_to_string(root.join(&markdown)) else {
                continue;
            };
            for (i, fence) in toml_fences(&text).iter().enumerate() {
                let name = format!("{markdown}#{}", i + 1);
                let kind = match fence.parse::<toml::Table>() {
                    Ok(table) => Kind::of_text(&table),
                    Err(_) => Some(Kind::Config),
                };
                if let Some(kind) = kind {
                    check(name, kind, fence);
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        eprintln!("{checked} TOML texts follow their schemas");
        assert!(checked >= 40, "only {checked} TOML texts found");
        for (name, _) in EXCLUDED {
            let exists = root.join(name.split('#').next().unwrap_or(name)).is_file();
            assert!(exists, "EXCLUDED names {name}, which is gone");
        }
    }

    #[test]
    fn the_schemas_reject_what_dbm_rejects() {
        let validators = Validators::new();
        let column = |fields: &str| {
            format!("[[up]]\ncreate_table = \"t\"\ncolumns = [{{ name = \"a\", {fields} }}]\n")
        };
        let migrations = [
            column("type = \"text\", nulable = true"),
            column("type = \"strng\""),
            column("type = 1"),
            column("type = \"integer\", length = 10"),
            column("type = \"string\", length = 0"),
            column("type = \"enum\""),
            column("type = \"specific\""),
            column("type = \"integer\", on_delete = \"cascade\""),
            column("type = \"integer\", references = \"roles\""),
            column("type = \"integer\", references = \"r.id\", on_delete = \"cascde\""),
            column("type = \"text\", default = \"x\", default_sql = \"'y'\""),
            "transactions = false\n[[up]]\nsql = \"SELECT 1\"\n".to_owned(),
            "[[down]]\nsql = \"SELECT 1\"\n".to_owned(),
            "[[up]]\ncreate_table = \"t\"\ndrop_table = \"u\"\n".to_owned(),
            "[[up]]\ncreat_table = \"t\"\n".to_owned(),
            "[[up]]\nrename_table = \"t\"\n".to_owned(),
            "[[up]]\nsql = { postgres = \"SELECT 1\", oracle = \"SELECT 1\" }\n".to_owned(),
            "[[up]]\nsql = \"  \"\n".to_owned(),
            "[[up]]\ncreate_table = \"t\"\ntimestamps = false\n".to_owned(),
            "[[up]]\nalter_table = \"t\"\ndrop_unique = [{ name = \"x\", columns = [\"a\"] }]\n"
                .to_owned(),
            "[[up]]\nalter_table = \"t\"\nadd_foreign_keys = [{ columns = \"a\", references = \"r\" }]\n"
                .to_owned(),
        ];
        for text in &migrations {
            assert!(
                !validators.errors(Kind::Migration, text).is_empty(),
                "the migration schema accepts:\n{text}"
            );
            assert!(
                dbm_error(Kind::Migration, text).is_some(),
                "dbm accepts:\n{text}"
            );
        }
        let seeders = [
            "[[insert]]\ntable = \"t\"\nrow = [{ a = 1 }]\n",
            "environments = []\n[[insert]]\ntable = \"t\"\nrows = [{ a = 1 }]\n",
            "[[insert]]\ntable = \"t\"\nrows = [{}]\n",
            "[[insert]]\ntable = \"t\"\nrows = [{ a = [1] }]\n",
            "environments = [\"test\"]\n",
        ];
        for text in seeders {
            assert!(
                !validators.errors(Kind::Seeder, text).is_empty(),
                "the seeder schema accepts:\n{text}"
            );
            assert!(
                dbm_error(Kind::Seeder, text).is_some(),
                "dbm accepts:\n{text}"
            );
        }
        for text in [
            "[default]\nconection = \"x\"\n",
            "[default.migrations]\ntransaction = \"always\"\n",
            "[default.migrations]\nlock_timeout = \"soon\"\n",
            "[default.migrations]\nlock_timeout = 60\n",
            "[default.connections.pg]\ndriver = \"Postgres\"\n",
            "[default.connections.pg]\nlock = \"gossip\"\n",
            "[migrations]\ntable = \"t\"\n",
            "[default.schema]\ndatetime = \"jiff\"\n",
            "[default.schema.columns]\nmeta = \"String\"\n",
            "[default.drivers.My-Driver]\nplugin = \"x.so\"\n",
        ] {
            assert!(
                !validators.errors(Kind::Config, text).is_empty(),
                "the config schema accepts:\n{text}"
            );
        }
    }

    #[test]
    fn the_schemas_accept_what_dbm_accepts_at_the_edges() {
        let validators = Validators::new();
        for text in [
            "[[up]]\ncreate_table = \"t\"\ncolumns = [{ name = \"a\", type = \"integer\", references = \"r.id\", on_delete = \"SET NULL\" }]\n",
            "[[up]]\ncreate_table = \"t\"\ntimestamps = true\n",
            "[[up]]\nalter_table = \"t\"\n",
            "[[up]]\nsql = { default = \"SELECT 1\" }\n",
            "transaction = false\n[[up]]\ncreate_index = \"t\"\ncolumns = \"a\"\nconcurrently = true\n",
        ] {
            assert_eq!(
                validators.errors(Kind::Migration, text),
                Vec::<String>::new(),
                "{text}"
            );
            assert_eq!(dbm_error(Kind::Migration, text), None, "{text}");
        }
        for text in [
            "[default.migrations]\nlock_timeout = \"1m 30s\"\n",
            "[default.connections.x]\ndriver = \"my_plugin\"\nlock_lease = \"1.5s\"\n",
            "[staging.connections.pg]\ndriver = \"postgres\"\n",
        ] {
            assert_eq!(
                validators.errors(Kind::Config, text),
                Vec::<String>::new(),
                "{text}"
            );
        }
    }
}
