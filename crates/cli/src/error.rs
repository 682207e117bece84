//! The one error type of `dbm-cli` and its exit codes.

use std::process::ExitCode;

/// What a command can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CliError {
    /// An error of the engine, a driver or a file.
    #[error(transparent)]
    Core(#[from] dbm_core::Error),

    /// Bad usage: a wrong flag combination, an unknown driver, a refusal. Exit code 2.
    #[error("{0}")]
    Usage(String),

    /// A file could not be written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },

    /// The command already reported its failure (for example in a JSON document).
    #[error("{message}")]
    Reported {
        /// The error, for logs.
        message: String,
        /// The exit code.
        code: u8,
    },
}

impl CliError {
    /// Turns an I/O error on `path` into [`CliError::Io`] naming it:
    /// `.map_err(CliError::io(&path))`.
    pub fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> CliError {
        let path = path.display().to_string();
        move |source| CliError::Io { path, source }
    }

    /// The exit code: 2 for bad usage, config, files or refusals (nothing was touched);
    /// 1 for a failed migration or database.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Core(e) if e.is_usage() => 2,
            Self::Core(_) | Self::Io { .. } => 1,
            Self::Usage(_) => 2,
            Self::Reported { code, .. } => *code,
        }
    }

    /// The message with its causes, each once.
    pub fn render(&self) -> String {
        match self {
            Self::Core(e) => e.chain(),
            other => other.to_string(),
        }
    }

    /// An [`ExitCode`] for `main`.
    pub fn to_exit(&self) -> ExitCode {
        ExitCode::from(self.exit_code())
    }
}

/// The result type of the CLI.
pub type CliResult<T = ()> = Result<T, CliError>;
