//! [`SqliteConnection::from_pool`]: the database of an application's pool.

use dbm_core::driver::ConnectOptions;
use dbm_core::{ConnectionConfig, DriverError, DriverErrorKind};

use crate::SqliteConnection;

impl SqliteConnection {
    /// Opens the database file of an application's pool, as [`SqliteConnection::open`]
    /// opens a URL (creating a missing file when `options.create` says so), with the file
    /// lock beside it. The pool's own connections are left alone; closing this one ends it.
    ///
    /// # Errors
    ///
    /// An in-memory pool (`Config`: each of its connections has a database of its own, so
    /// nothing migrated would be seen by the application), or what `open` returns.
    pub async fn from_pool(
        pool: &sqlx::SqlitePool,
        options: ConnectOptions,
    ) -> Result<Self, DriverError> {
        let pool_options = pool.connect_options();
        let file = pool_options.get_filename();
        let text = file.to_string_lossy();
        if text.is_empty() || text == ":memory:" || text.starts_with("file:") {
            return Err(DriverError::new(
                DriverErrorKind::Config,
                "the SQLite pool is in memory: each of its connections has a database of its \
                 own, so migrations run on one would not be seen by the others; use a \
                 database file",
            ));
        }
        let path = std::path::absolute(file).map_err(|e| {
            DriverError::new(
                DriverErrorKind::Config,
                format!("the SQLite pool's file {text} has no absolute path: {e}"),
            )
        })?;
        let config = ConnectionConfig {
            name: "pool".into(),
            driver: "sqlite".into(),
            url: format!("sqlite://{}", path.display()),
            debug: false,
            password_env: None,
            root: std::path::PathBuf::from("/"),
            cluster: dbm_core::config::ClusterConfig::default(),
        };
        Self::open(&config, options).await
    }
}
