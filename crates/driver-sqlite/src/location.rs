//! Where a SQLite connection's database lives, read from its URL.
//!
//! | URL | database |
//! |---|---|
//! | `sqlite://tmp/db.sqlite3` | `tmp/db.sqlite3` under the project root |
//! | `sqlite:///var/db/app.sqlite3` | the absolute path `/var/db/app.sqlite3` |
//! | `sqlite:tmp/db.sqlite3` | `tmp/db.sqlite3` under the project root |
//! | `sqlite::memory:`, `sqlite://:memory:` | a private in-memory database |
//!
//! Paths are taken literally (no percent-decoding). Query parameters: `journal_mode`
//! (`delete`, `truncate`, `persist`, `memory`, `wal`, `off`) and `synchronous` (`off`,
//! `normal`, `full`, `extra`). Without them dbm sets neither, so a database keeps SQLite's
//! default rollback journal (or whatever mode the file already has).

use std::path::PathBuf;

use dbm_core::ConnectionConfig;
use sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};

use crate::error::{Result, SqliteError};

const EXPECTED: &str = "expected sqlite://relative/path.sqlite3 (relative to the project root), \
                        sqlite:///absolute/path.sqlite3, sqlite:relative/path.sqlite3, \
                        sqlite::memory: or sqlite://:memory:";

/// The database of a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Location {
    /// A private in-memory database.
    Memory,
    /// A database file, absolute or relative to the current directory when the project root is.
    File(PathBuf),
}

/// A parsed SQLite URL.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// Where the database is.
    pub location: Location,
    /// `?journal_mode=...`.
    pub journal_mode: Option<SqliteJournalMode>,
    /// `?synchronous=...`.
    pub synchronous: Option<SqliteSynchronous>,
}

/// Reads a connection's URL.
///
/// # Errors
///
/// [`SqliteError::Url`] naming the connection and the expected forms. The URL itself is not
/// repeated: a URL meant for another driver may hold a password.
pub(crate) fn parse(config: &ConnectionConfig) -> Result<Target> {
    let error = |message: String| SqliteError::Url {
        connection: config.name.clone(),
        message,
    };
    let url = config.url.trim();
    let Some(rest) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return Err(error(format!(
            "the URL is not a SQLite URL (driver `sqlite`); {EXPECTED}"
        )));
    };
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let location = match path {
        ":memory:" => Location::Memory,
        "" => return Err(error(format!("the URL names no database file; {EXPECTED}"))),
        path => Location::File(config.root.join(path)),
    };
    let mut target = Target {
        location,
        journal_mode: None,
        synchronous: None,
    };
    for pair in query
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|p| !p.is_empty())
    {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = value.to_ascii_lowercase();
        match key {
            "journal_mode" => {
                target.journal_mode = Some(match value.as_str() {
                    "delete" => SqliteJournalMode::Delete,
                    "truncate" => SqliteJournalMode::Truncate,
                    "persist" => SqliteJournalMode::Persist,
                    "memory" => SqliteJournalMode::Memory,
                    "wal" => SqliteJournalMode::Wal,
                    "off" => SqliteJournalMode::Off,
                    _ => {
                        return Err(error(format!(
                            "`journal_mode={value}` is not a journal mode; expected delete, truncate, persist, memory, wal or off"
                        )));
                    }
                });
            }
            "synchronous" => {
                target.synchronous = Some(match value.as_str() {
                    "off" => SqliteSynchronous::Off,
                    "normal" => SqliteSynchronous::Normal,
                    "full" => SqliteSynchronous::Full,
                    "extra" => SqliteSynchronous::Extra,
                    _ => {
                        return Err(error(format!(
                            "`synchronous={value}` is not a setting; expected off, normal, full or extra"
                        )));
                    }
                });
            }
            _ => {
                return Err(error(format!(
                    "unknown URL parameter `{key}`; expected journal_mode or synchronous"
                )));
            }
        }
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn config(url: &str) -> ConnectionConfig {
        ConnectionConfig {
            name: "main".into(),
            driver: "sqlite".into(),
            url: url.into(),
            debug: false,
            password_env: None,
            root: PathBuf::from("/project"),
            cluster: Default::default(),
        }
    }

    fn location(url: &str) -> Location {
        parse(&config(url)).expect("parses").location
    }

    #[test]
    fn relative_paths_resolve_against_the_project_root() {
        let expected = Location::File(Path::new("/project/tmp/db.sqlite3").to_path_buf());
        assert_eq!(location("sqlite://tmp/db.sqlite3"), expected);
        assert_eq!(location("sqlite:tmp/db.sqlite3"), expected);
    }

    #[test]
    fn three_slashes_make_an_absolute_path() {
        assert_eq!(
            location("sqlite:///var/db/app.sqlite3"),
            Location::File(PathBuf::from("/var/db/app.sqlite3"))
        );
    }

    #[test]
    fn both_memory_forms_are_in_memory() {
        assert_eq!(location("sqlite::memory:"), Location::Memory);
        assert_eq!(location("sqlite://:memory:"), Location::Memory);
    }

    #[test]
    fn journal_mode_is_set_only_when_the_url_asks() {
        let target = parse(&config("sqlite://a.db")).expect("parses");
        assert!(target.journal_mode.is_none());
        let target = parse(&config("sqlite://a.db?journal_mode=WAL")).expect("parses");
        assert!(matches!(target.journal_mode, Some(SqliteJournalMode::Wal)));
    }

    #[test]
    fn other_urls_are_config_errors_naming_the_connection_and_not_the_url() {
        for url in [
            "postgres://app:secret@localhost/app",
            "sqlite://",
            "sqlite:",
            "sqlite:a.db?cache=shared",
        ] {
            let err = parse(&config(url)).expect_err(url);
            let text = err.to_string();
            assert!(text.starts_with("connection `main`:"), "{text}");
            assert!(!text.contains("secret"), "{text}");
        }
    }
}
