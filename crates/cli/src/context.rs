//! Resolving the command line and the configuration into what a command works with.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::{Arc, OnceLock};

use dbm_core::Dialect;
use dbm_core::config::{Config, ConnectionConfig, LoadOptions, LockStrategy};
use dbm_core::driver::{ConnectOptions, Connection, Driver};
use dbm_core::dump::{DEFAULT_DIR, DumpFiles, SchemaDump};
use dbm_core::migration::{Migration, MigrationSource};
use dbm_core::migrator::{Lease, Migrator, MigratorOptions};
use dbm_core::repository::{AppliedMigration, Repository};
use dbm_core::seed::{Seeder, SeederSource};

use crate::error::{CliError, CliResult};
use crate::printer::Printer;

/// The drivers a binary knows, by name.
#[derive(Clone, Default)]
pub struct Registry {
    drivers: BTreeMap<String, Arc<dyn Driver>>,
}

impl Registry {
    /// Adds a driver under its own name (replacing one of the same name).
    pub fn add(&mut self, driver: Arc<dyn Driver>) {
        self.drivers.insert(driver.name().to_string(), driver);
    }

    /// The driver named `name`.
    pub fn get(&self, name: &str) -> Option<Arc<dyn Driver>> {
        self.drivers.get(name).cloned()
    }

    /// Every driver, by name.
    pub fn all(&self) -> impl Iterator<Item = &Arc<dyn Driver>> {
        self.drivers.values()
    }
}

/// The chosen connection, resolved once per command: its settings, its driver (a plugin is
/// loaded once) and the driver's dialect. [`Context::session`] resolves it on first use, so
/// that a command that needs no connection never fails on one.
#[derive(Clone)]
pub struct Session {
    /// The connection's settings, as configured (the password is read from `password_env`
    /// when the connection opens).
    pub connection: ConnectionConfig,
    /// Its driver.
    pub driver: Arc<dyn Driver>,
    /// The driver's dialect.
    pub dialect: Arc<dyn Dialect>,
}

/// Everything a command needs, resolved once: the configuration, the chosen connection's
/// [`Session`], the migration source and the output mode (the printer).
pub struct Context {
    /// The loaded configuration.
    pub config: Config,
    /// `--connection`, if given.
    pub connection_flag: Option<String>,
    /// The printer.
    pub printer: Printer,
    /// The drivers.
    pub registry: Registry,
    /// Migrations registered in code (a custom binary's Rust migrations).
    pub registered: Vec<Migration>,
    /// Seeders registered in code (a custom binary's Rust seeders).
    pub registered_seeders: Vec<Seeder>,
    /// The chosen connection, once resolved.
    session: OnceLock<Session>,
}

pub use dbm_core::migrator::LockChoice;

/// An open connection with what it was opened from.
pub struct Opened {
    /// The connection's settings.
    pub config: ConnectionConfig,
    /// Its driver.
    pub driver: Arc<dyn Driver>,
    /// The driver's dialect.
    pub dialect: Arc<dyn Dialect>,
    /// The session.
    pub conn: Box<dyn Connection>,
}

impl Context {
    /// Loads the configuration.
    pub fn load(
        load: &LoadOptions,
        connection_flag: Option<String>,
        printer: Printer,
        registry: Registry,
    ) -> CliResult<Self> {
        Ok(Self {
            config: Config::load(load)?,
            connection_flag,
            printer,
            registry,
            registered: Vec::new(),
            registered_seeders: Vec::new(),
            session: OnceLock::new(),
        })
    }

    /// The chosen connection's settings.
    pub fn connection(&self) -> CliResult<&ConnectionConfig> {
        Ok(self.config.connection(self.connection_flag.as_deref())?)
    }

    /// The chosen connection with its driver and dialect, resolved on the first call and
    /// kept for the rest of the command.
    pub fn session(&self) -> CliResult<&Session> {
        if let Some(session) = self.session.get() {
            return Ok(session);
        }
        let connection = self.connection()?.clone();
        let driver = self.driver_for(&connection)?;
        let dialect = driver.dialect();
        Ok(self.session.get_or_init(|| Session {
            connection,
            driver,
            dialect,
        }))
    }

    /// The driver of the chosen connection: a built-in (or statically added) driver, else a
    /// plugin (a `[<profile>.drivers.<name>]` entry always means the plugin).
    pub fn driver(&self) -> CliResult<(ConnectionConfig, Arc<dyn Driver>)> {
        let session = self.session()?;
        Ok((session.connection.clone(), session.driver.clone()))
    }

    /// The driver of a connection, resolved as [`Context::driver`] does.
    pub fn driver_for(&self, config: &ConnectionConfig) -> CliResult<Arc<dyn Driver>> {
        if !self.config.drivers.contains_key(&config.driver)
            && let Some(driver) = self.registry.get(&config.driver)
        {
            return Ok(driver);
        }
        let (driver, _) = crate::plugins::resolve(&self.config, &config.driver).map_err(|e| {
            let known: Vec<String> = self.registry.all().map(|d| d.name().to_string()).collect();
            CliError::Usage(format!(
                "connection `{}`: no built-in driver named {:?} (built-in: {}) and {}",
                config.name,
                config.driver,
                known.join(", "),
                e.render()
            ))
        })?;
        Ok(driver)
    }

    /// The chosen connection's settings with the password filled in from `password_env`.
    pub fn resolved(&self) -> CliResult<(ConnectionConfig, Arc<dyn Driver>)> {
        let (mut config, driver) = self.driver()?;
        config.url = config.resolved_url()?;
        Ok((config, driver))
    }

    /// Opens the chosen connection; `create` lets SQLite create its file.
    pub async fn open(&self, create: bool) -> CliResult<Opened> {
        let (config, driver) = self.resolved()?;
        let dialect = self.session()?.dialect.clone();
        let conn = self.connect(&config, driver.as_ref(), create).await?;
        Ok(Opened {
            config,
            driver,
            dialect,
            conn,
        })
    }

    /// One connection of `config` through `driver`, wrapped in the SQL log when the log shows
    /// it (`debug = true`, `-v`, `DBM_LOG`); an error names the connection.
    async fn connect(
        &self,
        config: &ConnectionConfig,
        driver: &dyn Driver,
        create: bool,
    ) -> CliResult<Box<dyn Connection>> {
        let conn = driver
            .connect(
                config,
                ConnectOptions {
                    create,
                    lock_timeout: Some(self.config.migrations.lock_timeout),
                },
            )
            .await
            .map_err(|e| {
                let named = e.message.contains(&format!("`{}`", config.name));
                let message = if named {
                    e.message
                } else {
                    format!("connection `{}`: {}", config.name, e.message)
                };
                dbm_core::Error::from(dbm_core::DriverError::new(e.kind, message))
            })?;
        Ok(if dbm_core::sql_log::enabled() {
            let dialect = driver.dialect();
            dbm_core::sql_log::logged(conn, dialect.as_ref(), &self.config.migrations.table)
        } else {
            conn
        })
    }

    /// The lock strategy the opened connection uses, and why: `lock` as configured, with
    /// `auto` resolved by `pooler = true` and by what the connection sees in front of it
    /// ([`Connection::topology`]).
    pub async fn lock_choice(&self, opened: &mut Opened) -> CliResult<LockChoice> {
        let topology = opened
            .conn
            .topology()
            .await
            .map_err(dbm_core::Error::from)?;
        Ok(LockChoice::resolve(&opened.config.cluster, &topology))
    }

    /// A migrator on the opened connection under the connection's lock strategy
    /// ([`Context::lock_choice`], [`Context::lock`]); `options` come from
    /// [`Context::migrator_options`].
    pub async fn migrator(
        &self,
        mut opened: Opened,
        migrations: Vec<Migration>,
        mut options: MigratorOptions,
    ) -> CliResult<Migrator> {
        let choice = self.lock_choice(&mut opened).await?;
        options.pooler = choice.pooler;
        options.galera = choice.galera;
        let lease = self.lock(&opened, &choice, &mut options).await?;
        let migrator = Migrator::new(opened.conn, opened.dialect, migrations).options(options);
        Ok(match lease {
            Some((lease, conn)) => migrator.lease(lease, conn),
            None => migrator,
        })
    }

    /// Sets up the migration lock of `choice` for a migrator: `none` disables it, `table`
    /// opens a second connection for the lease (unless the lock is off anyway: a dry run,
    /// `--disable-locks`). Returns the lease to give the migrator.
    pub async fn lock(
        &self,
        opened: &Opened,
        choice: &LockChoice,
        options: &mut MigratorOptions,
    ) -> CliResult<Option<(Lease, Box<dyn Connection>)>> {
        match choice.strategy {
            LockStrategy::None => {
                options.disable_locks = true;
                Ok(None)
            }
            LockStrategy::Table if !options.disable_locks && !options.dry_run => {
                let conn = self
                    .connect(&opened.config, opened.driver.as_ref(), false)
                    .await?;
                let lease = Lease::new(&options.table, opened.config.cluster.lock_lease);
                Ok(Some((lease, conn)))
            }
            _ => Ok(None),
        }
    }

    /// Every migration, in run order.
    pub fn migrations(&self) -> CliResult<Vec<Migration>> {
        Ok(self.source().load()?)
    }

    /// The configured migration source, splitting `.sql` files by the rules of the chosen
    /// connection's SQL dialect when its driver is known.
    pub fn source(&self) -> MigrationSource {
        let dialect = self
            .session()
            .ok()
            .and_then(|session| session.dialect.info().family.sql_dialect());
        let m = &self.config.migrations;
        self.registered.iter().cloned().fold(
            MigrationSource::new(&self.config.root, m.paths.clone())
                .natural_sort(m.natural_sort)
                .sql_dialect(dialect),
            MigrationSource::register,
        )
    }

    /// Every seeder of the configured folders and registered in code, read and checked, in
    /// run order; `.sql` seeders split by the rules of the connection's SQL dialect.
    pub fn seeders(&self) -> CliResult<Vec<Seeder>> {
        let dialect = self
            .session()
            .ok()
            .and_then(|session| session.dialect.info().family.sql_dialect());
        let source = SeederSource::new(&self.config.root, self.config.seeders.paths.clone())
            .natural_sort(self.config.migrations.natural_sort)
            .sql_dialect(dialect);
        let source = self
            .registered_seeders
            .iter()
            .cloned()
            .fold(source, SeederSource::register);
        Ok(source.load()?)
    }

    /// Reads the migrations while opening the connection without creating anything and
    /// reading the applied ones: the two overlap, which halves `migration:status` on a large
    /// project. Only for commands that change nothing.
    pub async fn load_and_read_applied(
        &self,
    ) -> CliResult<(Vec<Migration>, Vec<AppliedMigration>, Opened)> {
        let source = self.source();
        let loading = tokio::task::spawn_blocking(move || source.load());
        let reading = async {
            let mut opened = self.open(false).await?;
            let dialect = opened.dialect.clone();
            let applied = Repository::new(&self.config.migrations.table, dialect.as_ref())
                .applied_if_any(opened.conn.as_mut())
                .await?;
            Ok::<_, CliError>((applied, opened))
        }
        .await;
        let migrations = loading
            .await
            .map_err(|e| CliError::Usage(format!("reading migrations failed: {e}")))??;
        let (applied, opened) = reading?;
        Ok((migrations, applied, opened))
    }

    /// The migrator's options from the configuration and flags.
    pub fn migrator_options(&self, dry_run: bool, disable_locks: bool) -> MigratorOptions {
        let m = &self.config.migrations;
        MigratorOptions {
            table: m.table.clone(),
            transaction: m.transaction,
            lock_timeout: m.lock_timeout,
            disable_locks,
            dry_run,
            schema_dump: None,
            pooler: false,
            galera: false,
        }
    }

    /// `path` as the output shows it: relative to the project root when inside it.
    pub fn shown(&self, path: &std::path::Path) -> String {
        path.strip_prefix(&self.config.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// The chosen connection's schema dump: the file `path` names, else
    /// `database/schema/<connection>-schema.sql`; `None` when there is none, or when its
    /// manifest is another connection's or another tracking table's (a warning says so).
    pub fn schema_dump(&self, path: Option<&std::path::Path>) -> CliResult<Option<SchemaDump>> {
        let connection = &self.connection()?.name;
        let files = match path {
            Some(path) => DumpFiles::at(self.config.root.join(path)),
            None => DumpFiles::for_connection(&self.config.root.join(DEFAULT_DIR), connection),
        };
        if path.is_some() && !files.sql.is_file() {
            return Err(CliError::Usage(format!(
                "--schema-path: no schema dump at {}",
                files.sql.display()
            )));
        }
        let Some(manifest) = files.read_manifest()? else {
            if path.is_some() {
                return Err(CliError::Usage(format!(
                    "--schema-path: no manifest {} beside the dump",
                    files.manifest.display()
                )));
            }
            return Ok(None);
        };
        let table = &self.config.migrations.table;
        let other_connection = path.is_none() && manifest.connection != *connection;
        if other_connection || manifest.table != *table {
            self.printer.warn(&format!(
                "{}: ignored, it was written for connection `{}` and tracking table `{}` \
                 (this is `{connection}` with `{table}`)",
                files.manifest.display(),
                manifest.connection,
                manifest.table
            ));
            return Ok(None);
        }
        Ok(Some(SchemaDump {
            path: files.sql,
            manifest,
        }))
    }

    /// In production, asks for confirmation on a terminal and refuses without `--force`
    /// when there is none.
    pub fn guard_production(&self, force: bool, what: &str) -> CliResult<()> {
        if !self.config.is_production() || force {
            return Ok(());
        }
        let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        if !terminal {
            return Err(CliError::Usage(format!(
                "refusing to {what} in production without --force (no terminal to confirm on)"
            )));
        }
        let confirmed = dialoguer::Confirm::new()
            .with_prompt(format!("You are in production. Do you want to {what}?"))
            .default(false)
            .interact()
            .map_err(|e| CliError::Usage(format!("could not ask for confirmation: {e}")))?;
        if confirmed {
            Ok(())
        } else {
            Err(CliError::Usage(format!("{what}: cancelled")))
        }
    }

    /// Refuses rollbacks in production when `disable_rollbacks_in_production` is set.
    pub fn guard_rollback(&self, force: bool, what: &str) -> CliResult<()> {
        if self.config.is_production() && self.config.migrations.disable_rollbacks_in_production {
            return Err(CliError::Usage(format!(
                "{what} is disabled in production (migrations.disable_rollbacks_in_production \
                 in {})",
                self.config
                    .file
                    .as_ref()
                    .map(|f| f.display().to_string())
                    .unwrap_or_else(|| "the configuration".into())
            )));
        }
        self.guard_production(force, what)
    }
}
