//! The configuration file: where it is (`--config`, `config/database.toml`,
//! `database.toml`), the project root it implies, and the checks made before it is merged:
//! its TOML syntax, that every top-level table is a profile, and every profile on its own.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::Serialized;

use super::raw::{RawProfile, check_driver_names};
use super::redact::redact_in_text;
use super::render::{Location, render_one};
use super::{CONFIG_KEYS, LoadOptions};
use crate::{Error, Result};

/// The file to read and the project root it implies.
pub(super) fn locate_file(opts: &LoadOptions) -> Result<Option<(PathBuf, PathBuf)>> {
    if let Some(path) = &opts.config_path {
        let file = opts.cwd.join(path);
        if !file.is_file() {
            let what = if file.exists() {
                "is not a file"
            } else {
                "does not exist"
            };
            return Err(Error::config(format!(
                "--config {}: the configuration file {what}",
                path.display()
            )));
        }
        let folder = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| opts.cwd.clone(), Path::to_path_buf);
        let root = if folder.file_name().is_some_and(|name| name == "config") {
            folder
                .parent()
                .map_or_else(|| opts.cwd.clone(), Path::to_path_buf)
        } else {
            folder
        };
        return Ok(Some((file, root)));
    }
    for candidate in ["config/database.toml", "database.toml"] {
        let file = opts.cwd.join(candidate);
        if file.is_file() {
            return Ok(Some((file, opts.cwd.clone())));
        }
    }
    Ok(None)
}

/// `file` relative to `base` when it is inside it, for messages.
pub(super) fn display_path(file: &Path, base: &Path) -> String {
    file.strip_prefix(base)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// Parses the file and checks its shape and every profile; returns the profiles.
pub(super) fn check_file(text: &str, label: &str) -> Result<toml::Table> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        Error::config(format!(
            "{label}: {}",
            redact_in_text(&e.to_string()).trim_end()
        ))
    })?;
    for (name, value) in &table {
        if CONFIG_KEYS.contains(&name.as_str()) {
            let (written, example) = match value.as_table().and_then(|t| t.keys().next()) {
                Some(sub) if name != "migrations" => {
                    (format!("[{name}.{sub}]"), format!("[default.{name}.{sub}]"))
                }
                _ if value.is_table() => (format!("[{name}]"), format!("[default.{name}]")),
                _ => (format!("`{name}`"), format!("`{name}` under [default]")),
            };
            return Err(Error::config(format!(
                "{label}: {written} is outside a profile; every top-level table is a profile \
                 such as [default] or [production]: write {example}"
            )));
        }
        let Some(profile) = value.as_table() else {
            return Err(Error::config(format!(
                "{label}: top-level key `{name}` is not a profile; every top-level key must be \
                 a table such as [default] or [production]"
            )));
        };
        validate_profile(label, name, profile)?;
    }
    Ok(table)
}

/// Checks one profile of the file on its own: unknown keys, types, enum values, durations
/// and driver names.
fn validate_profile(label: &str, profile: &str, table: &toml::Table) -> Result<()> {
    let raw: RawProfile = Figment::from(Serialized::defaults(table))
        .extract()
        .map_err(|e| {
            let messages: Vec<String> = e
                .into_iter()
                .map(|e| {
                    let at = Location::File { label, profile };
                    render_one(&e, &at)
                })
                .collect();
            Error::config(messages.join("\n"))
        })?;
    check_driver_names(&raw, &|key| {
        format!("{label}: key `{key}` in profile [{profile}]")
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::config::test_support::{PG, jailed, load_error, options, project};
    use crate::config::{Config, LoadOptions};

    #[test]
    fn a_top_level_connections_table_is_reported_as_outside_a_profile() {
        jailed(|_| {
            let file = "[connections.pg]\ndriver = \"postgres\"\nurl = \"postgres://h/db\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.starts_with("config/database.toml: "), "{message}");
            assert!(message.contains("outside a profile"), "{message}");
            assert!(message.contains("[default.connections.pg]"), "{message}");
        });
    }

    #[test]
    fn a_top_level_value_that_is_not_a_table_is_not_a_profile() {
        jailed(|_| {
            let dir = project(&[("database.toml", "name = \"app\"\n")]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("`name` is not a profile"), "{message}");
        });
    }

    #[test]
    fn a_typo_in_a_profile_that_is_not_selected_is_still_reported() {
        jailed(|_| {
            let file = "[production.migrations]\ntabel = \"x\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), Some("development"));
            assert!(
                message.contains("unknown key `migrations.tabel` in profile [production]"),
                "{message}"
            );
        });
    }

    #[test]
    fn a_toml_syntax_error_names_the_file_and_line_without_echoing_a_password() {
        jailed(|_| {
            let file = "[default.connections.pg]\ndriver = \"postgres\"\nurl = \"postgres://app:hunter2@db/app\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.starts_with("config/database.toml: "), "{message}");
            assert!(message.contains("line 3"), "{message}");
            assert!(!message.contains("hunter2"), "{message}");
        });
    }

    #[test]
    fn the_root_for_config_pointing_into_a_config_folder_is_that_folders_parent() {
        jailed(|_| {
            let dir = project(&[("app/config/database.toml", PG)]);
            let opts = LoadOptions {
                config_path: Some(PathBuf::from("app/config/database.toml")),
                env: None,
                cwd: dir.path().to_path_buf(),
            };
            let config = Config::load(&opts).expect("load");
            let app = dir.path().join("app");
            assert_eq!(config.root, app);
            assert_eq!(
                config.migration_dirs(),
                vec![app.join("database/migrations")]
            );
            assert_eq!(config.connection(Some("pg")).expect("pg").root, app);
        });
    }

    #[test]
    fn the_root_for_config_pointing_elsewhere_is_the_files_folder() {
        jailed(|_| {
            let file = "[default.drivers.duckdb]\nplugin = \"lib/libduck.so\"\n[default]\nplugin_dirs = [\"ext\"]\n";
            let dir = project(&[("etc/dbm.toml", file)]);
            let opts = LoadOptions {
                config_path: Some(dir.path().join("etc/dbm.toml")),
                env: None,
                cwd: PathBuf::from("/nowhere"),
            };
            let config = Config::load(&opts).expect("load");
            let etc = dir.path().join("etc");
            assert_eq!(config.root, etc);
            assert_eq!(config.drivers["duckdb"].plugin, etc.join("lib/libduck.so"));
            assert_eq!(config.plugin_dirs, vec![etc.join("ext")]);
        });
    }

    #[test]
    fn a_config_flag_naming_a_missing_file_is_an_error() {
        jailed(|_| {
            let dir = project(&[("config/database.toml", PG)]);
            let opts = LoadOptions {
                config_path: Some(PathBuf::from("missing.toml")),
                env: None,
                cwd: dir.path().to_path_buf(),
            };
            let message = Config::load(&opts).expect_err("missing file").to_string();
            assert!(message.contains("missing.toml"), "{message}");
            assert!(message.contains("does not exist"), "{message}");
        });
    }

    #[test]
    fn config_database_toml_is_preferred_over_database_toml() {
        jailed(|_| {
            let dir = project(&[
                ("config/database.toml", "[default]\nconnection = \"a\"\n"),
                ("database.toml", "[default]\nconnection = \"b\"\n"),
            ]);
            let config = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(config.connection, "a");
        });
    }
}
