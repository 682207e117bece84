//! The JSON Schemas of dbm's TOML files, for editors (taplo, Even Better TOML): `init`
//! writes them into `.dbm/schemas/`, and where that folder exists, the TOML files that
//! `init`, `make:migration` and `make:seeder` create start with a `#:schema` directive
//! pointing at them, relative to the new file. The directive is a TOML comment: dbm reads
//! the file as before, and it is part of the file's checksum like any other line.

use std::path::{Component, Path, PathBuf};

use crate::error::{CliError, CliResult};

/// Where `init` puts the schemas, relative to the project root.
pub const SCHEMAS_DIR: &str = ".dbm/schemas";

/// The format a TOML file follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A `.toml` migration.
    Migration,
    /// A `.toml` seeder.
    Seeder,
    /// The configuration file.
    Config,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Migration, Format::Seeder, Format::Config];

    /// The schema's file name under [`SCHEMAS_DIR`].
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Migration => "migration.schema.json",
            Self::Seeder => "seeder.schema.json",
            Self::Config => "config.schema.json",
        }
    }

    /// The schema's text, as committed under `schemas/` in dbm's repository (`crates/cli/schemas`
    /// links there, so that the packaged crate holds the files).
    pub fn schema(self) -> &'static str {
        match self {
            Self::Migration => include_str!("../schemas/migration.schema.json"),
            Self::Seeder => include_str!("../schemas/seeder.schema.json"),
            Self::Config => include_str!("../schemas/config.schema.json"),
        }
    }
}

/// Writes every schema into `<root>/.dbm/schemas/`, replacing older ones.
///
/// # Errors
///
/// [`CliError::Io`] naming the folder or file that cannot be written.
pub fn write_schemas(root: &Path) -> CliResult<()> {
    let dir = root.join(SCHEMAS_DIR);
    std::fs::create_dir_all(&dir).map_err(CliError::io(&dir))?;
    for format in Format::ALL {
        let path = dir.join(format.file_name());
        std::fs::write(&path, format.schema()).map_err(CliError::io(&path))?;
    }
    Ok(())
}

/// `text` with a `#:schema` directive on its first line when `<root>/.dbm/schemas/` exists;
/// `dir` is the folder the new file goes into. The text is returned as it is when the
/// folder is missing, when it already starts with a directive, or when no relative path
/// leads from `dir` to the schema (another drive).
pub fn with_directive(root: &Path, dir: &Path, format: Format, text: &str) -> String {
    if text.starts_with("#:schema") || !root.join(SCHEMAS_DIR).is_dir() {
        return text.to_owned();
    }
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let dir = normalize(&root.join(dir));
    let schema = normalize(&root.join(SCHEMAS_DIR).join(format.file_name()));
    match relative(&dir, &schema) {
        Some(path) => format!("#:schema {path}\n{text}"),
        None => text.to_owned(),
    }
}

/// `path` with `.` dropped and `..` applied, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The path from the folder `from` to `to`, with `/`; both absolute and normalized.
fn relative(from: &Path, to: &Path) -> Option<String> {
    let from: Vec<Component<'_>> = from.components().collect();
    let to: Vec<Component<'_>> = to.components().collect();
    if from.first() != to.first() {
        return None;
    }
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directive_points_from_the_new_files_folder_to_the_schema() {
        let root = tempfile::tempdir().expect("tempdir");
        let text = "[[up]]\nsql = \"SELECT 1\"\n";
        let dir = Path::new("database/migrations");
        assert_eq!(
            with_directive(root.path(), dir, Format::Migration, text),
            text,
            "no .dbm/schemas/: no directive"
        );
        write_schemas(root.path()).expect("write");
        assert_eq!(
            with_directive(root.path(), dir, Format::Migration, text),
            format!("#:schema ../../.dbm/schemas/migration.schema.json\n{text}")
        );
        assert_eq!(
            with_directive(root.path(), Path::new("config"), Format::Config, "x = 1\n"),
            "#:schema ../.dbm/schemas/config.schema.json\nx = 1\n"
        );
        assert_eq!(
            with_directive(root.path(), Path::new("./db/../s"), Format::Seeder, ""),
            "#:schema ../.dbm/schemas/seeder.schema.json\n"
        );
        let base = std::fs::canonicalize(root.path()).expect("canonical");
        let app = base.join("app");
        write_schemas(&app).expect("write");
        assert_eq!(
            with_directive(&app, &base.join("shared/migrations"), Format::Migration, ""),
            "#:schema ../../app/.dbm/schemas/migration.schema.json\n",
            "an absolute folder outside the project"
        );
        let again = with_directive(root.path(), dir, Format::Migration, text);
        assert_eq!(
            with_directive(root.path(), dir, Format::Migration, &again),
            again,
            "one directive"
        );
    }

    #[test]
    fn the_embedded_schemas_are_json() {
        for format in Format::ALL {
            let schema: serde_json::Value = serde_json::from_str(format.schema()).expect("JSON");
            assert!(schema["$schema"].is_string(), "{format:?}");
        }
    }
}
