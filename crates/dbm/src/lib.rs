//! `dbm` for Rust applications: the TOML and SQL migrations of a dbm project, embedded in the
//! program at compile time and applied at start-up.
//!
//! ```
//! // The folder is relative to the crate's Cargo.toml: `database/migrations` in a project
//! // laid out by `dbm init` (this crate's own test migrations here).
//! static MIGRATIONS: dbm::EmbeddedMigrations = dbm::embed_migrations!("tests/migrations");
//!
//! async fn start(url: &str) -> Result<(), dbm::Error> {
//!     dbm::Migrator::new(MIGRATIONS).run(url).await?;
//!     Ok(())
//! }
//! # let dir = tempfile::tempdir()?;
//! # let url = format!("sqlite://{}", dir.path().join("app.sqlite3").display());
//! # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(start(&url))?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Migrator::run`] takes the lock the `dbm` CLI takes, writes the same tracking table and
//! runs the same checks before it applies anything, so the CLI and the application can take
//! turns on one database and agree on `migration:status`. It accepts a URL, a connection of
//! the configuration ([`ConnectionConfig`], from [`Config::load`]) or an application's sqlx
//! pool (`&SqlitePool`, `&PgPool`, `&MySqlPool`). Progress goes to [`tracing`]: a
//! `migrated NAME` line at info level for each migration applied.
//!
//! The built-in drivers sit behind the cargo features `sqlite`, `postgres` and `mysql`, all
//! on by default; `default-features = false` with the ones needed keeps the others out of
//! the build. `docs/embedding.md` in the repository tells the whole story.

#![deny(missing_docs)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::migration::{Direction, Migration, parse_migration};
use dbm_core::migrator::{Event, Lease, LockChoice, MigratorOptions, RunOptions, RunTarget};

pub use dbm_core::config::{ClusterConfig, LoadOptions, LockStrategy, TransactionMode};
pub use dbm_core::migrator::{Outcome, Report};
pub use dbm_core::{Config, ConnectionConfig, Dialect, Error, Result};
pub use dbm_macros::embed_migrations;

/// dbm's engine, for what this crate does not re-export.
pub use dbm_core as core;
/// The MySQL and MariaDB driver.
#[cfg(feature = "mysql")]
pub use dbm_driver_mysql as mysql;
/// The PostgreSQL driver.
#[cfg(feature = "postgres")]
pub use dbm_driver_postgres as postgres;
/// The SQLite driver.
#[cfg(feature = "sqlite")]
pub use dbm_driver_sqlite as sqlite;

/// One migration file embedded by [`embed_migrations!`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbeddedMigration {
    /// Its name, as `dbm_schema` stores it: the file's path relative to the crate's folder,
    /// without the extension (`database/migrations/1732540000000_create_users_table`).
    pub name: &'static str,
    /// The file's path relative to the crate's folder.
    pub file: &'static str,
    /// The checksum the CLI computes for the file.
    pub checksum: &'static str,
    /// The file's text.
    pub text: &'static str,
}

/// The migrations of a folder, embedded by [`embed_migrations!`], in run order.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedMigrations {
    files: &'static [EmbeddedMigration],
}

impl EmbeddedMigrations {
    /// Migrations in run order (what [`embed_migrations!`] expands to).
    pub const fn new(files: &'static [EmbeddedMigration]) -> Self {
        Self { files }
    }

    /// The embedded files, in run order.
    pub fn files(&self) -> &'static [EmbeddedMigration] {
        self.files
    }

    /// Reads every file as the CLI reads it, `.sql` files split by the rules of `dialect`.
    ///
    /// # Errors
    ///
    /// A file that this dialect's SQL rules cannot split (the compile-time check reads each
    /// file by the rules that hold up), naming the file.
    pub fn migrations(&self, dialect: &dyn Dialect) -> Result<Vec<Migration>> {
        let sql = dialect.info().family.sql_dialect();
        self.files
            .iter()
            .map(|file| {
                let mut migration = parse_migration(file.file, file.text, sql)?;
                file.checksum.clone_into(&mut migration.checksum);
                Ok(migration)
            })
            .collect()
    }
}

/// Applies [`EmbeddedMigrations`] at start-up.
#[derive(Debug, Clone)]
pub struct Migrator {
    migrations: EmbeddedMigrations,
    options: MigratorOptions,
    cluster: ClusterConfig,
    root: PathBuf,
    refuse_changed: bool,
}

impl Migrator {
    /// A migrator with the CLI's defaults: tracking table `dbm_schema`, one transaction per
    /// migration, a lock timeout of 60 seconds, `lock = "auto"`, relative SQLite paths
    /// resolved against the current folder.
    pub fn new(migrations: EmbeddedMigrations) -> Self {
        Self {
            migrations,
            options: MigratorOptions::default(),
            cluster: ClusterConfig::default(),
            root: PathBuf::from("."),
            refuse_changed: false,
        }
    }

    /// Takes the `[migrations]` settings of a loaded configuration (tracking table,
    /// transaction mode, lock timeout) and its project root; in production, refuses to run
    /// while an applied migration was edited, as the CLI does without `--force`. The lock
    /// settings of a connection (`lock`, `lock_lease`, `pooler`) come with the connection:
    /// run on a [`ConnectionConfig`], or set them with [`Migrator::cluster`].
    ///
    /// ```
    /// static MIGRATIONS: dbm::EmbeddedMigrations = dbm::embed_migrations!("tests/migrations");
    ///
    /// /// Migrates connection `name` (the default one when `None`) of the project's
    /// /// `config/database.toml`, found from `folder` up, as `dbm migration:run` would.
    /// async fn migrate(folder: &std::path::Path, name: Option<&str>) -> dbm::Result<dbm::Report> {
    ///     let config = dbm::Config::load(&dbm::LoadOptions {
    ///         cwd: folder.to_owned(),
    ///         ..Default::default()
    ///     })?;
    ///     let connection = config.connection(name)?;
    ///     dbm::Migrator::new(MIGRATIONS).with_config(&config).run(connection).await
    /// }
    /// # let dir = tempfile::tempdir()?;
    /// # std::fs::create_dir(dir.path().join("config"))?;
    /// # std::fs::write(
    /// #     dir.path().join("config/database.toml"),
    /// #     "[default.connections.sqlite]\ndriver = \"sqlite\"\nurl = \"sqlite://app.sqlite3\"\n",
    /// # )?;
    /// # let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    /// # let report = rt.block_on(migrate(dir.path(), None))?;
    /// # assert_eq!(report.migrations.len(), 2);
    /// # assert!(dir.path().join("app.sqlite3").is_file());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_config(mut self, config: &Config) -> Self {
        let m = &config.migrations;
        self.options.table.clone_from(&m.table);
        self.options.transaction = m.transaction;
        self.options.lock_timeout = m.lock_timeout;
        self.root.clone_from(&config.root);
        self.refuse_changed = config.is_production();
        self
    }

    /// The tracking table (`migrations.table`; `dbm_schema` by default).
    pub fn table(mut self, table: impl Into<String>) -> Self {
        self.options.table = table.into();
        self
    }

    /// How long to wait for another process's migration lock (60 seconds by default).
    pub fn lock_timeout(mut self, timeout: Duration) -> Self {
        self.options.lock_timeout = timeout;
        self
    }

    /// The lock settings for a URL or a pool (`lock`, `lock_lease`, `pooler` of a
    /// connection; `lock = "auto"` by default). A [`ConnectionConfig`] brings its own.
    pub fn cluster(mut self, cluster: ClusterConfig) -> Self {
        self.cluster = cluster;
        self
    }

    /// The folder relative SQLite paths of a URL are resolved against.
    pub fn root(mut self, root: impl Into<PathBuf>) -> Self {
        self.root = root.into();
        self
    }

    /// Refuse to run while an applied migration's file was edited since it ran (off by
    /// default: a warning is logged).
    pub fn refuse_changed(mut self, refuse: bool) -> Self {
        self.refuse_changed = refuse;
        self
    }

    /// Applies every pending migration as one new batch, as `dbm migration:run` does: the
    /// checks of `migration:check` on the pending migrations, then the lock, the tracking
    /// table and the migrations. The lock is the CLI's: `lock = "auto"` is the database's
    /// own lock on a direct connection and a lease row in `<table>_lock` on a Galera
    /// cluster or behind a transaction pooler. The connections it opens (or takes from a
    /// pool: one, and a second one for a lease) are closed before it returns.
    ///
    /// # Errors
    ///
    /// A URL no enabled driver serves, a connection that fails, a check that finds an error,
    /// an interrupted migration, or the first migration that fails (those before it stay
    /// applied).
    pub async fn run<T: Target + ?Sized>(&self, target: &T) -> Result<Report> {
        let (mut conn, dialect) = target.open(self).await?;
        let cluster = target.cluster().unwrap_or(self.cluster);
        let mut options = self.options.clone();
        let prepared = async {
            let migrations = self.migrations.migrations(dialect.as_ref())?;
            let choice = LockChoice::resolve(&cluster, &conn.topology().await?);
            options.pooler = choice.pooler;
            options.galera = choice.galera;
            tracing::debug!("migration lock: {:?} ({})", choice.strategy, choice.reason);
            let lease = match choice.strategy {
                LockStrategy::None => {
                    options.disable_locks = true;
                    None
                }
                LockStrategy::Table => {
                    let (second, _) = target.open(self).await?;
                    Some((Lease::new(&options.table, cluster.lock_lease), second))
                }
                LockStrategy::Auto | LockStrategy::Advisory => None,
            };
            Ok::<_, Error>((migrations, lease))
        }
        .await;
        let (migrations, lease) = match prepared {
            Ok(prepared) => prepared,
            Err(e) => {
                let _ = conn.close().await;
                return Err(e);
            }
        };
        let mut migrator = dbm_core::Migrator::new(conn, dialect, migrations)
            .options(options)
            .on_event(trace);
        if let Some((lease, second)) = lease {
            migrator = migrator.lease(lease, second);
        }
        let result = async {
            let checked = migrator.check_pending().await?;
            let options = RunOptions {
                fake: false,
                refuse_changed: self.refuse_changed,
                checked_against: Some(checked),
                target: RunTarget::All,
            };
            migrator.run(options).await
        }
        .await;
        let closed = migrator.close().await;
        let report = result?;
        closed?;
        if report.migrations.is_empty() {
            tracing::info!("migrations already up to date");
        }
        Ok(report)
    }

    fn connect_options(&self) -> ConnectOptions {
        ConnectOptions {
            create: true,
            lock_timeout: Some(self.options.lock_timeout),
        }
    }
}

/// Sends the migrator's events to `tracing`.
fn trace(event: &Event) {
    match event {
        Event::LockWaiting { timeout } => tracing::warn!(
            "another process holds the migration lock; waiting up to {} s",
            timeout.as_secs()
        ),
        Event::Started { name, .. } => tracing::debug!("migrating {name}"),
        Event::Finished {
            name,
            direction,
            duration,
            ..
        } => match direction {
            Direction::Up => {
                tracing::info!("migrated {name} ({} ms)", duration.as_millis());
            }
            Direction::Down => {
                tracing::info!("reverted {name} ({} ms)", duration.as_millis());
            }
        },
        Event::Failed { name, .. } => tracing::error!("migration {name} failed"),
        Event::Dropped { .. } => {}
        Event::SchemaLoaded {
            path, migrations, ..
        } => tracing::info!("loaded schema dump {path} ({migrations} migrations)"),
        Event::Warning { message } => tracing::warn!("{message}"),
    }
}

/// What [`Migrator::run`] migrates: a URL (`&str`, `&String`), a [`ConnectionConfig`], or
/// an application's sqlx pool.
#[async_trait::async_trait]
pub trait Target: Sync {
    /// Opens a connection for the run, and its dialect: the one that migrates, and a
    /// second one for the lease when the lock is a lease row.
    async fn open(&self, migrator: &Migrator) -> Result<(Box<dyn Connection>, Arc<dyn Dialect>)>;

    /// The target's own lock settings, when it has some (a [`ConnectionConfig`]'s); the
    /// migrator's ([`Migrator::cluster`]) otherwise.
    fn cluster(&self) -> Option<ClusterConfig> {
        None
    }
}

/// The built-in driver serving `driver`, among the enabled features.
fn driver(name: &str) -> Option<Arc<dyn Driver>> {
    match name {
        #[cfg(feature = "sqlite")]
        "sqlite" => Some(Arc::new(dbm_driver_sqlite::SqliteDriver)),
        #[cfg(feature = "postgres")]
        "postgres" => Some(Arc::new(dbm_driver_postgres::PostgresDriver)),
        #[cfg(feature = "mysql")]
        "mysql" => Some(Arc::new(dbm_driver_mysql::MysqlDriver)),
        _ => None,
    }
}

#[async_trait::async_trait]
impl Target for ConnectionConfig {
    async fn open(&self, migrator: &Migrator) -> Result<(Box<dyn Connection>, Arc<dyn Dialect>)> {
        let driver = driver(&self.driver).ok_or_else(|| {
            Error::config(format!(
                "connection `{}`: no driver named {:?} in this build (the `dbm` crate's \
                 features `sqlite`, `postgres` and `mysql` enable the built-in ones)",
                self.name, self.driver
            ))
        })?;
        let mut config = self.clone();
        config.url = self.resolved_url()?;
        let conn = driver.connect(&config, migrator.connect_options()).await?;
        Ok((conn, driver.dialect()))
    }

    fn cluster(&self) -> Option<ClusterConfig> {
        Some(self.cluster)
    }
}

#[async_trait::async_trait]
impl Target for str {
    async fn open(&self, migrator: &Migrator) -> Result<(Box<dyn Connection>, Arc<dyn Dialect>)> {
        let scheme = self.split(':').next().unwrap_or("");
        let driver = match scheme {
            "sqlite" => "sqlite",
            "postgres" | "postgresql" => "postgres",
            "mysql" | "mariadb" => "mysql",
            _ => {
                return Err(Error::config(format!(
                    "cannot tell the database of URL {}: it should start with sqlite:, \
                     postgres://, postgresql://, mysql:// or mariadb://",
                    dbm_core::config::redact_url(self)
                )));
            }
        };
        let config = ConnectionConfig {
            name: "default".into(),
            driver: driver.into(),
            url: self.to_owned(),
            debug: false,
            password_env: None,
            root: migrator.root.clone(),
            cluster: migrator.cluster,
        };
        config.open(migrator).await
    }
}

#[async_trait::async_trait]
impl Target for String {
    async fn open(&self, migrator: &Migrator) -> Result<(Box<dyn Connection>, Arc<dyn Dialect>)> {
        self.as_str().open(migrator).await
    }
}

#[cfg(feature = "sqlite")]
#[async_trait::async_trait]
impl Target for sqlx::SqlitePool {
    async fn open(&self, migrator: &Migrator) -> Result<(Box<dyn Connection>, Arc<dyn Dialect>)> {
        let conn = dbm_driver_sqlite::SqliteConnection::from_pool(self, migrator.connect_options())
            .await?;
        Ok((Box::new(conn), Arc::new(dbm_driver_sqlite::SqliteDialect)))
    }
}

#[cfg(feature = "postgres")]
#[async_trait::async_trait]
impl Target for sqlx::PgPool {
    async fn open(&self, _: &Migrator) -> Result<(Box<dyn Connection>, Arc<dyn Dialect>)> {
        let conn = dbm_driver_postgres::PostgresConnection::from_pool(self).await?;
        Ok((
            Box::new(conn),
            dbm_driver_postgres::PostgresDriver.dialect(),
        ))
    }
}

#[cfg(feature = "mysql")]
#[async_trait::async_trait]
impl Target for sqlx::MySqlPool {
    async fn open(&self, _: &Migrator) -> Result<(Box<dyn Connection>, Arc<dyn Dialect>)> {
        let conn = dbm_driver_mysql::MysqlConnection::from_pool(self).await?;
        Ok((Box::new(conn), dbm_driver_mysql::MysqlDriver.dialect()))
    }
}
