//! [`PluginError`]: everything that can go wrong finding, loading or talking to a plugin.

use std::path::{Path, PathBuf};

use dbm_core::{DriverError, DriverErrorKind};

/// A failure to find, load or talk to a driver plugin.
///
/// Each message names the library (or the folders searched) and says what to do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PluginError {
    /// A driver name that is not `[a-z0-9_]+`.
    #[error(
        "`{name}` is not a valid driver name: a driver's name is made of lower-case letters, \
         digits and `_`"
    )]
    InvalidName {
        /// The name.
        name: String,
    },

    /// No plugin library for the driver in any plugin folder.
    #[error(
        "no driver plugin for `{name}`: looked for {file} in {}; set \
         `[default.drivers.{name}] plugin = \"path/to/{file}\"` in config/database.toml, or put \
         the library in one of the folders of `plugin_dirs` or $DBM_PLUGIN_PATH",
        searched_list(searched)
    )]
    NotFound {
        /// The driver's name.
        name: String,
        /// The library's file name (`libdbm_driver_<name>.so`, ...).
        file: String,
        /// The folders searched, in order.
        searched: Vec<PathBuf>,
    },

    /// The configured library does not exist.
    #[error(
        "driver plugin {} does not exist: check the `plugin` path of the driver in \
         config/database.toml (relative paths start at the project root)",
        path.display()
    )]
    Missing {
        /// The library.
        path: PathBuf,
    },

    /// The file could not be loaded as a shared library.
    #[error(
        "cannot load {} as a driver plugin: {reason}; a plugin is a shared library built for \
         this platform with `crate-type = [\"cdylib\"]`",
        path.display()
    )]
    NotALibrary {
        /// The library.
        path: PathBuf,
        /// What the dynamic loader said.
        reason: String,
    },

    /// The library exports no entry symbol.
    #[error(
        "{} is not a dbm driver plugin: it exports no `dbm_driver_entry` symbol (a driver \
         crate exports it with `dbm_plugin::export_driver!(MyDriver)`)",
        path.display()
    )]
    MissingEntry {
        /// The library.
        path: PathBuf,
    },

    /// The plugin was built for another version of the plugin ABI.
    #[error(
        "driver plugin {} speaks plugin ABI version {found}, this dbm speaks version \
         {expected}: rebuild the plugin against a dbm-plugin of ABI version {expected}",
        path.display()
    )]
    AbiMismatch {
        /// The library.
        path: PathBuf,
        /// The plugin's ABI version.
        found: u32,
        /// This build's ABI version.
        expected: u32,
    },

    /// The plugin serves another driver than the one configured.
    #[error(
        "driver plugin {} serves the driver `{found}`, not `{expected}`: point \
         `[default.drivers.{expected}] plugin` at the library of `{expected}`, or use \
         `driver = \"{found}\"`",
        path.display()
    )]
    NameMismatch {
        /// The library.
        path: PathBuf,
        /// The configured driver name.
        expected: String,
        /// The name the plugin reports.
        found: String,
    },

    /// The plugin panicked or failed outside the wire protocol.
    #[error(
        "driver plugin {} failed: {message}; this is a bug in the plugin, report it to its \
         authors",
        path.display()
    )]
    Panicked {
        /// The library.
        path: PathBuf,
        /// What happened.
        message: String,
    },

    /// The plugin answered something that is not a valid response.
    #[error(
        "driver plugin {} sent a malformed response: {reason}; rebuild the plugin against \
         this version of dbm-plugin, or report it to its authors",
        path.display()
    )]
    BadResponse {
        /// The library.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// The plugin's driver reported an error while dbm loaded it.
    #[error("driver plugin {} failed while loading", path.display())]
    Failed {
        /// The library.
        path: PathBuf,
        /// The driver's error.
        #[source]
        source: DriverError,
    },
}

fn searched_list(searched: &[PathBuf]) -> String {
    if searched.is_empty() {
        return "no folder (`plugin_dirs` is empty and $DBM_PLUGIN_PATH is not set)".into();
    }
    searched
        .iter()
        .map(|dir| dir.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl PluginError {
    /// The library the error is about, when there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::InvalidName { .. } | Self::NotFound { .. } => None,
            Self::Missing { path }
            | Self::NotALibrary { path, .. }
            | Self::MissingEntry { path }
            | Self::AbiMismatch { path, .. }
            | Self::NameMismatch { path, .. }
            | Self::Panicked { path, .. }
            | Self::BadResponse { path, .. }
            | Self::Failed { path, .. } => Some(path),
        }
    }

    /// True when the user's configuration is at fault (a wrong name, path or library), false
    /// when the plugin misbehaved.
    pub fn is_config(&self) -> bool {
        !matches!(
            self,
            Self::Panicked { .. } | Self::BadResponse { .. } | Self::Failed { .. }
        )
    }
}

/// A plugin failure met while serving a driver call: a [`DriverError`] of kind `other` (or
/// `config` for [`PluginError::is_config`] errors) carrying the whole message.
impl From<PluginError> for DriverError {
    fn from(error: PluginError) -> Self {
        match error {
            PluginError::Failed { path, source } => DriverError::new(
                source.kind,
                format!(
                    "driver plugin {} failed while loading: {}",
                    path.display(),
                    source.message
                ),
            ),
            error => {
                let kind = if error.is_config() {
                    DriverErrorKind::Config
                } else {
                    DriverErrorKind::Other
                };
                DriverError::new(kind, error.to_string())
            }
        }
    }
}

/// For the CLI: configuration mistakes are [`dbm_core::Error::Config`] (exit code 2), a
/// misbehaving plugin is [`dbm_core::Error::Driver`].
impl From<PluginError> for dbm_core::Error {
    fn from(error: PluginError) -> Self {
        if error.is_config() {
            dbm_core::Error::config(error.to_string())
        } else {
            dbm_core::Error::Driver(error.into())
        }
    }
}
