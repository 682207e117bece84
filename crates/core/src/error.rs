//! The one error type of `dbm-core`.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Everything that can go wrong in `dbm-core`.
///
/// Each variant carries what a person needs to act: the file, the key, the migration, the
/// statement. A variant's message never repeats its source's message; print the chain with
/// [`Error::chain`] (or `{:#}`-style walkers) to see both.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The configuration could not be read or is invalid.
    #[error("{message}")]
    Config {
        /// What is wrong, naming the file and the key.
        message: String,
    },

    /// A migration or seeder file is malformed.
    #[error("{}: {message}", path.display())]
    MigrationFile {
        /// The file, relative to the project root where possible.
        path: PathBuf,
        /// What is wrong: the line or entry path (`up[2].columns[1]`) and what was expected.
        message: String,
    },

    /// The set of migrations is inconsistent (duplicate names, a file that is not a migration).
    #[error("{message}")]
    Source {
        /// What is wrong.
        message: String,
    },

    /// A schema operation cannot be compiled for this dialect or cannot be reversed.
    #[error("{message}")]
    Schema {
        /// What is wrong.
        message: String,
    },

    /// A migration failed while it ran.
    #[error("migration {name} failed{}{}",
        statement.as_deref().map(|s| format!(" at statement:\n{}", crate::util::shown_statement(s, &source.to_string()))).unwrap_or_default(),
        aftermath.as_deref().map(|a| format!("\n  {a}")).unwrap_or_default())]
    Migration {
        /// The migration's name.
        name: String,
        /// The failing statement, when one failed.
        statement: Option<String>,
        /// What dbm did about the statements that had applied outside a transaction (undone
        /// by their inverses, or listed as remaining).
        aftermath: Option<String>,
        /// What the database said.
        #[source]
        source: Box<Error>,
    },

    /// A seeder failed while it ran; its own transaction was rolled back.
    #[error("seeder {name} failed{}",
        statement.as_deref().map(|s| format!(" at statement:\n    {}", crate::util::cut(s, 400))).unwrap_or_default())]
    Seeder {
        /// The seeder's name.
        name: String,
        /// The failing statement, when one failed.
        statement: Option<String>,
        /// What the database said.
        #[source]
        source: Box<Error>,
    },

    /// The database or the driver failed.
    #[error(transparent)]
    Driver(#[from] DriverError),

    /// The migration lock could not be taken in time.
    #[error("could not take the migration lock within {}: another dbm process is migrating this database", humantime::format_duration(*waited))]
    LockTimeout {
        /// How long dbm waited.
        waited: std::time::Duration,
    },

    /// `migration:check`'s rules found errors in the migrations about to run; nothing ran.
    #[error("{}", check_message(report))]
    Check {
        /// What the checks found (errors and warnings).
        report: crate::check::report::CheckReport,
    },

    /// The request is refused (production without `--force`, rollbacks disabled).
    #[error("{message}")]
    Refused {
        /// Why, and what to do instead.
        message: String,
    },

    /// A migration was left `interrupted` by a process that stopped while applying or
    /// reverting it; nothing runs until `migration:resolve` records the truth. Exit code 1.
    #[error("{message}")]
    Interrupted {
        /// Which migration, what happened, what exists of it, and how to resolve it.
        message: String,
    },

    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

fn check_message(report: &crate::check::report::CheckReport) -> String {
    let errors = report.errors();
    let mut out = format!(
        "the migrations to run have {errors} error{} (nothing was run; `dbm migration:check` \
         explains, `--no-check` skips the checks):",
        if errors == 1 { "" } else { "s" }
    );
    for finding in report
        .findings
        .iter()
        .filter(|f| f.level == crate::check::report::Level::Error)
    {
        out.push_str(&format!("\n  {finding}"));
    }
    out
}

impl Error {
    /// Builds an [`Error::Config`].
    pub fn config(message: impl Into<String>) -> Self {
        Self::Config {
            message: message.into(),
        }
    }

    /// Builds an [`Error::Schema`].
    pub fn schema(message: impl Into<String>) -> Self {
        Self::Schema {
            message: message.into(),
        }
    }

    /// Builds an [`Error::Source`].
    pub fn source_error(message: impl Into<String>) -> Self {
        Self::Source {
            message: message.into(),
        }
    }

    /// Builds an [`Error::MigrationFile`].
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::MigrationFile {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Builds an [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }

    /// True when the error is the user's input (config, file, flag, refusal): exit code 2.
    ///
    /// Everything else is a failure of a migration or of the database: exit code 1.
    pub fn is_usage(&self) -> bool {
        match self {
            Self::Config { .. }
            | Self::MigrationFile { .. }
            | Self::Source { .. }
            | Self::Schema { .. }
            | Self::Check { .. }
            | Self::Refused { .. } => true,
            Self::Driver(e) => matches!(e.kind, DriverErrorKind::Config),
            _ => false,
        }
    }

    /// The error and its sources, one per line, each once.
    pub fn chain(&self) -> String {
        let mut out = self.to_string();
        let mut current: Option<&(dyn std::error::Error + 'static)> =
            std::error::Error::source(self);
        while let Some(e) = current {
            let text = e.to_string();
            if !text.is_empty() && !out.contains(&text) {
                out.push_str("\n  caused by: ");
                out.push_str(&text);
            }
            current = e.source();
        }
        out
    }
}

/// An error reported by a driver.
///
/// This is plain data, so it crosses the plugin boundary as it is: a kind and a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct DriverError {
    /// What sort of failure this is.
    pub kind: DriverErrorKind,
    /// The message, as the database or driver gave it. Never contains a password.
    pub message: String,
}

/// The sort of a [`DriverError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DriverErrorKind {
    /// The connection's settings are wrong (a malformed URL): exit code 2.
    Config,
    /// The server could not be reached or refused the login.
    Connect,
    /// A statement or query failed.
    Query,
    /// The driver does not support the request.
    Unsupported,
    /// Anything else (I/O, a lock file).
    Other,
}

impl DriverError {
    /// Builds an error of the given kind.
    pub fn new(kind: DriverErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// A failed statement or query.
    pub fn query(message: impl Into<String>) -> Self {
        Self::new(DriverErrorKind::Query, message)
    }

    /// A request the driver does not support.
    pub fn unsupported(message: impl Into<String>) -> Self {
        Self::new(DriverErrorKind::Unsupported, message)
    }
}

/// The result type of `dbm-core`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
