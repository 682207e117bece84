//! The configuration file: where it is (`--config`, `config/database.toml`,
//! `database.toml`), the project root it implies, and the checks made before it is merged:
//! its TOML syntax, that every top-level table is a profile, and every profile on its own.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::Serialized;

use super::raw::{
    RawProfile, check_driver_names, check_lock_lease, check_schema, check_table_name,
};
use super::redact::redact_in_text;
use super::render::{Location, render_one};
use super::{CONFIG_KEYS, LoadOptions};
use crate::{Error, Result};

/// The project: its root and its configuration file, if any.
pub(super) struct Located {
    /// The folder relative paths resolve against.
    pub(super) root: PathBuf,
    /// The configuration file.
    pub(super) file: Option<PathBuf>,
}

/// What a user who is in no project is told.
pub(super) const NO_PROJECT: &str = "no dbm project here or above; run `dbm init`";

/// The project the command acts on.
///
/// With `--config`, the file given and its folder, or the folder above when that folder is
/// named `config`. Otherwise the nearest folder, from the current directory up, holding
/// `config/database.toml`, `database.toml` or `database/migrations/` (a `database.toml`
/// inside a folder named `config` makes that folder's parent the root). `None` when there is
/// none.
pub(super) fn locate_project(opts: &LoadOptions) -> Result<Option<Located>> {
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
        return Ok(Some(Located {
            root: root_of(&folder).unwrap_or(folder),
            file: Some(file),
        }));
    }
    for dir in opts.cwd.ancestors() {
        let nested = dir.join("config/database.toml");
        if nested.is_file() {
            return Ok(Some(Located {
                root: dir.to_path_buf(),
                file: Some(nested),
            }));
        }
        let flat = dir.join("database.toml");
        if flat.is_file() {
            return Ok(Some(Located {
                root: root_of(dir).unwrap_or_else(|| dir.to_path_buf()),
                file: Some(flat),
            }));
        }
        if dir.join("database/migrations").is_dir() {
            return Ok(Some(Located {
                root: dir.to_path_buf(),
                file: None,
            }));
        }
    }
    Ok(None)
}

/// The parent of `folder` when `folder` is named `config`.
fn root_of(folder: &Path) -> Option<PathBuf> {
    if folder.file_name().is_some_and(|name| name == "config") {
        folder.parent().map(Path::to_path_buf)
    } else {
        None
    }
}

/// The file's text.
///
/// # Errors
///
/// [`Error::Config`] naming the file when it cannot be read or is not UTF-8 (with the line
/// of the first bad byte).
pub(super) fn read_file(file: &Path, label: &str) -> Result<String> {
    let bytes = std::fs::read(file)
        .map_err(|e| Error::config(format!("{label}: cannot read the configuration file: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Error::config(format!(
            "{label}: line {line}: the file is not valid UTF-8 (byte {}); save it as UTF-8",
            valid + 1
        ))
    })
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
        // The parser quotes the offending line, which may be enormous (deeply nested arrays).
        let text = redact_in_text(&e.to_string());
        let lines: Vec<String> = text
            .trim_end()
            .lines()
            .map(|line| match line.char_indices().nth(160) {
                Some((end, _)) => format!("{}…", &line[..end]),
                None => line.to_owned(),
            })
            .collect();
        Error::config(format!("{label}: {}", lines.join("\n")))
    })?;
    let names: Vec<&String> = table.keys().collect();
    for (i, name) in names.iter().enumerate() {
        if let Some(other) = names[..i].iter().find(|n| n.eq_ignore_ascii_case(name)) {
            return Err(Error::config(format!(
                "{label}: profiles [{other}] and [{name}] differ only in case; environment \
                 names ignore case, so merge them into one"
            )));
        }
    }
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
    let locate = |key: &str| format!("{label}: key `{key}` in profile [{profile}]");
    check_driver_names(&raw, &locate)?;
    check_table_name(&raw, &locate)?;
    check_lock_lease(&raw, &locate)?;
    check_schema(&raw, &locate)
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
                allow_no_project: false,
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
                allow_no_project: false,
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
                allow_no_project: false,
            };
            let message = Config::load(&opts).expect_err("missing file").to_string();
            assert!(message.contains("missing.toml"), "{message}");
            assert!(message.contains("does not exist"), "{message}");
        });
    }

    #[test]
    fn the_root_is_found_by_walking_up_from_the_current_directory() {
        jailed(|_| {
            let dir = project(&[("config/database.toml", PG)]);
            let deep = dir.path().join("database/migrations");
            let config = Config::load(&options(&deep, None)).expect("load");
            assert_eq!(config.root, dir.path());
            assert_eq!(config.file, Some(dir.path().join("config/database.toml")));
            assert_eq!(config.connection(Some("pg")).expect("pg").root, dir.path());

            let bare = project(&[("src/app/.keep", "")]);
            let config = Config::load(&options(&bare.path().join("src/app"), None)).expect("load");
            assert_eq!(
                config.root,
                bare.path(),
                "database/migrations/ marks the root"
            );
            assert_eq!(config.file, None);
            assert_eq!(
                config.connections,
                Config::embedded_default(bare.path()).connections
            );
        });
    }

    #[test]
    fn a_database_toml_inside_a_config_folder_makes_its_parent_the_root() {
        jailed(|_| {
            let dir = project(&[("app/config/database.toml", PG), ("app/config/x/.keep", "")]);
            std::fs::remove_dir_all(dir.path().join("database")).expect("remove");
            for cwd in ["app/config", "app/config/x"] {
                let config = Config::load(&options(&dir.path().join(cwd), None)).expect(cwd);
                assert_eq!(config.root, dir.path().join("app"), "{cwd}");
            }
        });
    }

    #[test]
    fn no_project_here_or_above_is_an_error_unless_allowed() {
        jailed(|_| {
            let dir = tempfile::tempdir().expect("temporary folder");
            let message = load_error(dir.path(), None);
            assert_eq!(message, "no dbm project here or above; run `dbm init`");
            assert_eq!(std::fs::read_dir(dir.path()).expect("read").count(), 0);

            let mut opts = options(dir.path(), None);
            opts.allow_no_project = true;
            let config = Config::load(&opts).expect("allowed");
            assert_eq!(config, Config::embedded_default(dir.path()));
        });
    }

    #[test]
    fn a_config_file_that_is_not_utf8_names_the_file_and_line() {
        jailed(|_| {
            let dir = project(&[]);
            std::fs::write(
                dir.path().join("database.toml"),
                b"[default]\nconnection = \"\xff\xfe\"\n",
            )
            .expect("write");
            let message = load_error(dir.path(), None);
            assert!(message.starts_with("database.toml: line 2: "), "{message}");
            assert!(message.contains("not valid UTF-8"), "{message}");
        });
    }

    #[test]
    fn a_huge_line_in_a_broken_file_gives_a_short_message() {
        jailed(|_| {
            let nested = format!("[default]\nplugin_dirs = {}\n", "[".repeat(100_000));
            let long = format!("[default]\nconnection = \"{}\n", "x".repeat(100_000));
            for text in [nested, long] {
                let dir = project(&[("database.toml", &text)]);
                let message = load_error(dir.path(), None);
                assert!(message.starts_with("database.toml: "), "{message}");
                assert!(message.len() < 1024, "{} bytes: {message}", message.len());
            }
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
