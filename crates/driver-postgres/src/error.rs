//! The crate's one error type, mapped to [`DriverError`] at the trait boundary.

use dbm_core::{DriverError, DriverErrorKind};

/// Everything that can go wrong in the PostgreSQL driver.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub(crate) enum PgError {
    /// The connection's URL is not a PostgreSQL URL dbm understands.
    #[error("connection `{connection}`: {message}")]
    Url {
        /// The connection's name.
        connection: String,
        /// What is wrong, with the URL redacted.
        message: String,
    },

    /// The server could not be reached or refused the login.
    #[error("cannot connect to {url} (connection `{connection}`)")]
    Connect {
        /// The connection's name.
        connection: String,
        /// The URL with its password redacted.
        url: String,
        /// What sqlx said.
        #[source]
        source: sqlx::Error,
    },

    /// The server did not answer the connection attempt in time.
    #[error("cannot connect to {url} (connection `{connection}`): no answer within {seconds} s")]
    ConnectTimeout {
        /// The connection's name.
        connection: String,
        /// The URL with its password redacted.
        url: String,
        /// How long dbm waited.
        seconds: u64,
    },

    /// A statement or query failed.
    #[error(transparent)]
    Sql(#[from] sqlx::Error),

    /// A value of a query result that dbm cannot read.
    #[error("{0}")]
    Decode(String),
}

/// The database's own message for a sqlx error (`relation "x" does not exist`), with
/// PostgreSQL's `DETAIL` and `HINT` when it sent them, else sqlx's text. Always one line.
pub(crate) fn sqlx_message(error: &sqlx::Error) -> String {
    let text = match error.as_database_error() {
        Some(db) => {
            let mut text = db.message().to_string();
            if let Some(pg) = db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
                if let Some(detail) = pg.detail() {
                    text.push_str("; DETAIL: ");
                    text.push_str(detail);
                }
                if let Some(hint) = pg.hint() {
                    text.push_str("; HINT: ");
                    text.push_str(hint);
                }
            }
            text
        }
        None => error.to_string(),
    };
    one_line(&text)
}

/// Joins the lines of a message with spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The SQLSTATE of a connection to a database that does not exist.
pub(crate) const INVALID_CATALOG_NAME: &str = "3D000";

/// The SQLSTATE of a database error, when it is one.
pub(crate) fn sqlstate(error: &sqlx::Error) -> Option<String> {
    error
        .as_database_error()
        .and_then(|db| db.code())
        .map(|code| code.into_owned())
}

impl From<PgError> for DriverError {
    fn from(error: PgError) -> Self {
        let kind = match &error {
            PgError::Url { .. } => DriverErrorKind::Config,
            PgError::Connect { .. } | PgError::ConnectTimeout { .. } => DriverErrorKind::Connect,
            PgError::Sql(_) | PgError::Decode(_) => DriverErrorKind::Query,
        };
        let message = match &error {
            PgError::Sql(source) => sqlx_message(source),
            PgError::Connect { source, .. } => {
                let hint = match sqlstate(source).as_deref() {
                    Some(INVALID_CATALOG_NAME) => dbm_core::driver::MISSING_DATABASE_HINT,
                    _ => "",
                };
                format!("{error}: {}{hint}", sqlx_message(source))
            }
            _ => one_line(&error.to_string()),
        };
        DriverError::new(kind, message)
    }
}

/// The result type of the crate's internals.
pub(crate) type Result<T, E = PgError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_joined_into_one_line() {
        assert_eq!(one_line("a\n  b\r\n\nc"), "a b c");
    }

    #[test]
    fn a_url_error_is_a_config_error_naming_the_connection() {
        let error: DriverError = PgError::Url {
            connection: "pg".into(),
            message: "bad".into(),
        }
        .into();
        assert_eq!(error.kind, DriverErrorKind::Config);
        assert_eq!(error.message, "connection `pg`: bad");
    }
}
