//! The crate's one error type, mapped to [`DriverError`] at the trait boundary.

use std::path::PathBuf;

use dbm_core::{DriverError, DriverErrorKind};

/// Everything that can go wrong in the SQLite driver.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub(crate) enum SqliteError {
    /// The connection's URL is not a SQLite URL dbm understands.
    #[error("connection `{connection}`: {message}")]
    Url {
        /// The connection's name.
        connection: String,
        /// What is wrong and the forms that are expected.
        message: String,
    },

    /// The database file could not be opened.
    #[error("cannot open the SQLite database {}", path.display())]
    Open {
        /// The database file.
        path: PathBuf,
        /// What sqlx said.
        #[source]
        source: sqlx::Error,
    },

    /// A file or folder could not be created, opened, locked or removed.
    #[error("{action} {}", path.display())]
    Io {
        /// What was being done (`cannot create`, `cannot lock`).
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },

    /// A statement or query failed.
    #[error(transparent)]
    Sql(#[from] sqlx::Error),

    /// A statement holds a NUL byte, where SQLite stops reading.
    #[error("the statement contains a NUL byte, which SQLite cannot read")]
    Nul,

    /// A request SQLite cannot serve.
    #[error("{0}")]
    Unsupported(String),

    /// Another program held the database's lock longer than the lock timeout.
    #[error("{0}")]
    Locked(String),
}

/// The database's own message for a sqlx error (`no such table: x`), else sqlx's text.
fn sqlx_message(error: &sqlx::Error) -> String {
    match error.as_database_error() {
        Some(db) => db.message().to_string(),
        None => error.to_string(),
    }
}

impl From<SqliteError> for DriverError {
    fn from(error: SqliteError) -> Self {
        let kind = match &error {
            SqliteError::Url { .. } => DriverErrorKind::Config,
            SqliteError::Open { .. } => DriverErrorKind::Connect,
            SqliteError::Io { .. } => DriverErrorKind::Other,
            SqliteError::Sql(_) | SqliteError::Nul => DriverErrorKind::Query,
            SqliteError::Unsupported(_) => DriverErrorKind::Unsupported,
            SqliteError::Locked(_) => DriverErrorKind::Query,
        };
        let message = match &error {
            SqliteError::Sql(source) => sqlx_message(source),
            SqliteError::Open { source, .. } => format!("{error}: {}", sqlx_message(source)),
            SqliteError::Io { source, .. } => format!("{error}: {source}"),
            _ => error.to_string(),
        };
        DriverError::new(kind, message)
    }
}

/// The result type of the crate's internals.
pub(crate) type Result<T, E = SqliteError> = std::result::Result<T, E>;
