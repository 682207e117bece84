//! Where a connection's database lives, read from its URL (see
//! [`SqliteStrictDriver`](crate::SqliteStrictDriver) for the forms).

use std::path::PathBuf;

use dbm_core::{ConnectionConfig, DriverError, DriverErrorKind};

const EXPECTED: &str = "expected sqlite_strict://relative/path.sqlite3 (relative to the project \
                        root), sqlite_strict:///absolute/path.sqlite3, \
                        sqlite_strict:relative/path.sqlite3 or sqlite_strict::memory: \
                        (sqlite:// works too)";

/// The database of a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Location {
    /// A private in-memory database.
    Memory,
    /// A database file.
    File(PathBuf),
}

/// Reads a connection's URL.
///
/// # Errors
///
/// A [`DriverErrorKind::Config`] error naming the connection and the expected forms. The URL
/// itself is not repeated: a URL meant for another driver may hold a password.
pub(crate) fn parse(config: &ConnectionConfig) -> Result<Location, DriverError> {
    let error = |why: &str| {
        DriverError::new(
            DriverErrorKind::Config,
            format!("connection `{}`: {why}; {EXPECTED}", config.name),
        )
    };
    let url = config.url.trim();
    let rest = ["sqlite_strict://", "sqlite_strict:", "sqlite://", "sqlite:"]
        .iter()
        .find_map(|scheme| url.strip_prefix(scheme))
        .ok_or_else(|| error("the URL is not a SQLite URL (driver `sqlite_strict`)"))?;
    if rest.contains('?') {
        return Err(error("the URL takes no parameters"));
    }
    match rest {
        ":memory:" => Ok(Location::Memory),
        "" => Err(error("the URL names no database file")),
        path => Ok(Location::File(config.root.join(path))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(url: &str) -> ConnectionConfig {
        ConnectionConfig {
            name: "strict".into(),
            driver: "sqlite_strict".into(),
            url: url.into(),
            debug: false,
            password_env: None,
            root: PathBuf::from("/project"),
        }
    }

    #[test]
    fn urls_resolve_against_the_project_root_or_stay_in_memory() {
        let file = Location::File(PathBuf::from("/project/tmp/strict.sqlite3"));
        for url in [
            "sqlite_strict://tmp/strict.sqlite3",
            "sqlite_strict:tmp/strict.sqlite3",
            "sqlite://tmp/strict.sqlite3",
        ] {
            assert_eq!(parse(&config(url)).expect(url), file, "{url}");
        }
        assert_eq!(
            parse(&config("sqlite_strict:///var/db/a.sqlite3")).expect("absolute"),
            Location::File(PathBuf::from("/var/db/a.sqlite3"))
        );
        for url in ["sqlite_strict::memory:", "sqlite_strict://:memory:"] {
            assert_eq!(parse(&config(url)).expect(url), Location::Memory, "{url}");
        }
    }

    #[test]
    fn other_urls_are_config_errors_that_name_the_connection_but_not_the_url() {
        for url in [
            "postgres://app:secret@db/app",
            "sqlite_strict://",
            "sqlite_strict://a.db?mode=ro",
        ] {
            let error = parse(&config(url)).expect_err(url);
            assert_eq!(error.kind, DriverErrorKind::Config, "{url}");
            assert!(
                error.message.starts_with("connection `strict`:"),
                "{}",
                error.message
            );
            assert!(!error.message.contains("secret"), "{}", error.message);
        }
    }
}
