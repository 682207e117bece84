//! Drivers loaded at run time: resolving a driver name to a plugin library, and listing them.
//!
//! A name that `[<profile>.drivers.<name>] plugin = "..."` configures loads that library,
//! under that name whatever name the library gives itself. Otherwise the library
//! `libdbm_driver_<name>.so` (`.dylib`, `.dll`) is looked for in the folders of `plugin_dirs`
//! (then `$DBM_PLUGIN_PATH`); two folders holding one for the same name is an error, never a
//! silent pick. A plugin that cannot load is exit code 2.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use dbm_core::config::{Config, ConnectionConfig};
use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::{Dialect, DriverError};

use crate::error::{CliError, CliResult};

/// A plugin registered under another name than its own (`[default.drivers.X] plugin = ...`).
struct Renamed {
    name: String,
    inner: Arc<dyn Driver>,
}

#[async_trait]
impl Driver for Renamed {
    fn name(&self) -> &str {
        &self.name
    }

    fn version(&self) -> &str {
        self.inner.version()
    }

    fn dialect(&self) -> Arc<dyn Dialect> {
        self.inner.dialect()
    }

    async fn connect(
        &self,
        config: &ConnectionConfig,
        options: ConnectOptions,
    ) -> Result<Box<dyn Connection>, DriverError> {
        self.inner.connect(config, options).await
    }

    async fn create_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        self.inner.create_database(config).await
    }

    async fn drop_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        self.inner.drop_database(config).await
    }
}

fn cannot_load(error: dbm_plugin::PluginError) -> CliError {
    CliError::Usage(error.to_string())
}

/// The libraries named for driver `name` in the plugin folders, in search order.
fn candidates(name: &str, dirs: &[PathBuf]) -> Vec<PathBuf> {
    let file = dbm_plugin::library_file_name(name);
    dirs.iter()
        .map(|dir| dir.join(&file))
        .filter(|path| path.is_file())
        .collect()
}

/// The plugin driver called `name`, with the path it was loaded from.
///
/// # Errors
///
/// Exit code 2: no library, two libraries claiming the name, or one that cannot load.
pub fn resolve(config: &Config, name: &str) -> CliResult<(Arc<dyn Driver>, PathBuf)> {
    if let Some(explicit) = config.drivers.get(name) {
        tracing::debug!(
            "loading driver plugin {} for driver {name}",
            explicit.plugin.display()
        );
        let driver = dbm_plugin::load(&explicit.plugin, None).map_err(cannot_load)?;
        let driver: Arc<dyn Driver> = Arc::new(driver);
        let driver: Arc<dyn Driver> = if driver.name() == name {
            driver
        } else {
            Arc::new(Renamed {
                name: name.to_string(),
                inner: driver,
            })
        };
        return Ok((driver, explicit.plugin.clone()));
    }
    match candidates(name, &config.plugin_dirs).as_slice() {
        [] => Err(cannot_load(dbm_plugin::PluginError::NotFound {
            name: name.into(),
            file: dbm_plugin::library_file_name(name),
            searched: config.plugin_dirs.clone(),
        })),
        [path] => {
            tracing::debug!("loading driver plugin {} for driver {name}", path.display());
            let driver = dbm_plugin::load(path, Some(name)).map_err(cannot_load)?;
            Ok((Arc::new(driver), path.clone()))
        }
        [first, second, ..] => Err(CliError::Usage(format!(
            "two plugins claim the driver name {name}: {} and {}; remove one, or choose with \
             [default.drivers.{name}] plugin = \"...\" in config/database.toml",
            first.display(),
            second.display()
        ))),
    }
}

/// One row of `dbm drivers`.
#[derive(Debug, serde::Serialize)]
pub struct Listed {
    /// The driver name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// `built-in` or `plugin`.
    pub source: &'static str,
    /// The library, for plugins.
    pub path: Option<PathBuf>,
}

/// Every plugin configured or found in the plugin folders, loaded to ask its version.
///
/// # Errors
///
/// The first plugin that cannot load, or a name two libraries claim.
pub fn list(config: &Config) -> CliResult<Vec<Listed>> {
    let mut names: Vec<String> = config.drivers.keys().cloned().collect();
    let prefix = format!("{}dbm_driver_", std::env::consts::DLL_PREFIX);
    for dir in &config.plugin_dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            if let Some(name) = file
                .strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(std::env::consts::DLL_SUFFIX))
                && dbm_plugin::is_valid_name(name)
            {
                names.push(name.to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let (driver, path) = resolve(config, &name)?;
            Ok(Listed {
                name,
                version: driver.version().to_string(),
                source: "plugin",
                path: Some(absolute(&path)),
            })
        })
        .collect()
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}
