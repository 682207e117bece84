//! The crate's one error type, mapped to [`DriverError`] at the trait boundary.

use dbm_core::{DriverError, DriverErrorKind};

/// Everything that can go wrong in the MySQL driver.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub(crate) enum MysqlError {
    /// The connection's URL is not a MySQL URL dbm can use.
    #[error("connection `{connection}`: {message}")]
    Url {
        /// The connection's name.
        connection: String,
        /// What is wrong, with the URL redacted.
        message: String,
    },

    /// The server could not be reached or refused the login.
    #[error(
        "cannot connect to the MySQL server at {server} (connection `{connection}`): {message}"
    )]
    Connect {
        /// The connection's name.
        connection: String,
        /// `host:port` or the socket path.
        server: String,
        /// What the server or the network said, on one line, without the password.
        message: String,
    },

    /// A statement or query failed.
    #[error(transparent)]
    Sql(#[from] sqlx::Error),

    /// A value of a type dbm cannot turn into a [`dbm_core::Value`].
    #[error(
        "column {index} (`{column}`) has the MySQL type {type_name}, which dbm cannot read; \
         CAST it in the query (for example CAST(`{column}` AS CHAR))"
    )]
    Decode {
        /// The column's position, from 0.
        index: usize,
        /// The column's name.
        column: String,
        /// The type as sqlx names it (`GEOMETRY`).
        type_name: String,
    },

    /// The migration lock could not be released.
    #[error("{0}")]
    Lock(String),

    /// A request MySQL cannot serve.
    #[error("{0}")]
    Unsupported(String),
}

/// The database's message for a sqlx error, in the form of the `mysql` client
/// (`ERROR 1146 (42S02): Table 'app.x' doesn't exist`), else sqlx's text; on one line.
pub(crate) fn sqlx_message(error: &sqlx::Error) -> String {
    let text = match error.as_database_error() {
        Some(db) => match db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
            Some(mysql) => match mysql.code() {
                Some(state) => format!("ERROR {} ({state}): {}", mysql.number(), mysql.message()),
                None => format!("ERROR {}: {}", mysql.number(), mysql.message()),
            },
            None => db.message().to_string(),
        },
        None => error.to_string(),
    };
    one_line(&text)
}

/// Joins the lines of a message with spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl From<MysqlError> for DriverError {
    fn from(error: MysqlError) -> Self {
        let kind = match &error {
            MysqlError::Url { .. } => DriverErrorKind::Config,
            MysqlError::Connect { .. } => DriverErrorKind::Connect,
            MysqlError::Sql(_) | MysqlError::Decode { .. } => DriverErrorKind::Query,
            MysqlError::Lock(_) => DriverErrorKind::Other,
            MysqlError::Unsupported(_) => DriverErrorKind::Unsupported,
        };
        let message = match &error {
            MysqlError::Sql(source) => sqlx_message(source),
            _ => error.to_string(),
        };
        DriverError::new(kind, message)
    }
}

/// The result type of the crate's internals.
pub(crate) type Result<T, E = MysqlError> = std::result::Result<T, E>;
