//! Turning sqlx's and the OS's errors into [`DriverError`]s.

use std::path::Path;

use dbm_core::{DriverError, DriverErrorKind};

/// The database's own message for a sqlx error (`no such table: x`), else sqlx's text.
pub(crate) fn message(error: &sqlx::Error) -> String {
    match error.as_database_error() {
        Some(db) => db.message().to_string(),
        None => error.to_string(),
    }
}

/// A failed statement or query.
pub(crate) fn query_error(error: sqlx::Error) -> DriverError {
    DriverError::query(message(&error))
}

/// A file or folder that could not be created, opened, locked or removed.
pub(crate) fn io_error(action: &str, path: &Path, error: &std::io::Error) -> DriverError {
    DriverError::new(
        DriverErrorKind::Other,
        format!("{action} {}: {error}", path.display()),
    )
}
