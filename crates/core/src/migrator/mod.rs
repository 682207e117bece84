//! The [`Migrator`]: the policy of dbm, written once for every driver.
//!
//! Discovery and order come from [`MigrationSource`](crate::migration::MigrationSource);
//! the migrator decides which migrations run, in which batch, inside which transaction,
//! under which lock, and reports progress as [`Event`]s that a front end renders.
//!
//! Guarantees: pending migrations run in order as one batch (`max(batch) + 1`);
//! rollback reverts in the exact reverse order of application (by id); a failure stops the
//! batch, keeps what ran before it and leaves the rest pending; the lock is released on every
//! path, errors included. The composite operations ([`Migrator::refresh`],
//! [`Migrator::fresh`]) hold one lock from their first step through their last.
//! `docs/architecture.md` describes them all.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

mod execute;
mod interrupted;
mod lease;
mod lock_choice;

pub use interrupted::{Resolution, Resolved};
pub use lease::{Lease, lock_table, lock_table_name};
pub use lock_choice::LockChoice;

use crate::check::{self, CheckOptions, Level};
use crate::config::TransactionMode;
use crate::dialect::{Dialect, versions_table};
use crate::driver::{Connection, DropAllOptions, DropSummary};
use crate::dump::SchemaDump;
use crate::error::{Error, Result};
use crate::migration::{Direction, Migration, Step};
use crate::repository::{AppliedMigration, Repository};
use crate::schema::{DropTable, Operation};

/// How the migrator behaves; see `[default.migrations]` in `config/database.toml`.
#[derive(Debug, Clone)]
pub struct MigratorOptions {
    /// The tracking table's name.
    pub table: String,
    /// The transaction mode.
    pub transaction: TransactionMode,
    /// How long to wait for another process's lock.
    pub lock_timeout: Duration,
    /// Skip the lock (`--disable-locks`).
    pub disable_locks: bool,
    /// Compile and report, change nothing (`--dry-run`).
    pub dry_run: bool,
    /// The connection's schema dump: [`Migrator::run`] (and so `fresh`) loads it into a
    /// database whose tracking table is missing or empty, and the migrations it covers whose
    /// files are gone are [`State::Squashed`].
    pub schema_dump: Option<SchemaDump>,
    /// A transaction pooler is in front of the database: a migration that opts out of its
    /// transaction is refused, since its statements may run on different server sessions.
    pub pooler: bool,
    /// The connection is a Galera cluster: the checks warn about tables without a primary
    /// key.
    pub galera: bool,
}

impl Default for MigratorOptions {
    fn default() -> Self {
        Self {
            table: "dbm_schema".into(),
            transaction: TransactionMode::PerMigration,
            lock_timeout: Duration::from_secs(60),
            disable_locks: false,
            dry_run: false,
            schema_dump: None,
            pooler: false,
            galera: false,
        }
    }
}

/// Progress reported while the migrator works.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// Another process holds the lock; waiting up to `timeout`.
    LockWaiting {
        /// The configured timeout.
        timeout: Duration,
    },
    /// A migration starts.
    Started {
        /// Its name.
        name: String,
        /// Up or down.
        direction: Direction,
    },
    /// A migration finished.
    Finished {
        /// Its name.
        name: String,
        /// Up or down.
        direction: Direction,
        /// How long it took.
        duration: Duration,
        /// The statements (dry runs only).
        statements: Vec<String>,
        /// Recorded as applied without running (`--fake`).
        fake: bool,
    },
    /// A migration failed; the error follows as the command's result.
    Failed {
        /// Its name.
        name: String,
        /// Up or down.
        direction: Direction,
    },
    /// `fresh` dropped these objects; its run follows.
    Dropped {
        /// What was dropped.
        summary: DropSummary,
        /// How long dropping took.
        duration: Duration,
    },
    /// A schema dump was loaded into the empty database; the migrations after it follow.
    SchemaLoaded {
        /// The dump's path.
        path: String,
        /// How many migrations it covers.
        migrations: usize,
        /// How long loading took.
        duration: Duration,
    },
    /// Something worth a look that does not stop the work.
    Warning {
        /// What, naming the migration.
        message: String,
    },
}

/// The outcome of a run or rollback.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Up (run) or down (rollback).
    pub direction: Direction,
    /// The batch applied (run), or `None`.
    pub batch: Option<i64>,
    /// The migrations applied or reverted, in order.
    pub migrations: Vec<Outcome>,
    /// Total time.
    pub duration: Duration,
    /// Whether it was a dry run.
    pub dry_run: bool,
    /// The schema dump loaded before the migrations ran, if one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loaded_dump: Option<String>,
}

/// One migration of a [`Report`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// The migration's name.
    pub name: String,
    /// How long it took.
    pub duration: Duration,
    /// The statements (dry runs only).
    pub statements: Vec<String>,
}

/// What `run` should do.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Record pending migrations as applied without running them (`--fake`).
    pub fake: bool,
    /// Refuse to run while an applied migration's file has changed (production without
    /// `--force`).
    pub refuse_changed: bool,
    /// The applied migrations that [`Migrator::check_pending`] checked against, before the
    /// lock was taken. When the tracking table read under the lock says otherwise (another
    /// process migrated or dropped everything meanwhile), the checks run again on what is
    /// pending now. `None`: no checks.
    pub checked_against: Option<Vec<String>>,
    /// Which of the pending migrations to apply.
    pub target: RunTarget,
}

/// Which pending migrations [`Migrator::run`] applies, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum RunTarget {
    /// Every pending migration.
    #[default]
    All,
    /// The N oldest pending migrations.
    Steps(usize),
    /// The pending migrations up to and including this one, named as `migration:status`
    /// shows it or by its file name (with or without its extension). A name that is unknown,
    /// ambiguous or not pending is an [`Error::Refused`] before anything runs.
    Through(String),
}

/// Which migrations [`Migrator::check`] checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckScope {
    /// The pending ones, against the model of the applied ones (what `run` would apply).
    Pending,
    /// Every migration from an empty schema (what `fresh` and `refresh` apply).
    All,
}

/// Which migrations `rollback` reverts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RollbackTarget {
    /// The latest batch.
    LatestBatch,
    /// Every batch after this one (0 = all).
    AfterBatch(i64),
    /// The N newest migrations, whatever their batch.
    Steps(usize),
}

/// The status of one migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Not applied yet.
    Pending,
    /// Applied, file unchanged.
    Completed,
    /// Applied, but the file was edited since.
    Changed,
    /// Applied, but the file is gone.
    Missing,
    /// A process stopped while applying or reverting it (where statements commit one by
    /// one); `migration:resolve` records the truth.
    Interrupted,
    /// Applied, its file removed by `schema:dump --prune`: the schema dump covers it.
    Squashed,
}

impl State {
    /// The word printed by `migration:status`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Completed => "completed",
            Self::Changed => "changed",
            Self::Missing => "missing",
            Self::Interrupted => "interrupted",
            Self::Squashed => "squashed",
        }
    }
}

/// One row of `migration:status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusEntry {
    /// The migration's name.
    pub name: String,
    /// Its state.
    pub status: State,
    /// Its batch, when applied.
    pub batch: Option<i64>,
    /// When it was applied.
    pub migration_time: Option<String>,
}

/// Runs migrations on one connection.
pub struct Migrator {
    conn: Box<dyn Connection>,
    dialect: Arc<dyn Dialect>,
    migrations: Vec<Migration>,
    options: MigratorOptions,
    listener: Box<dyn FnMut(&Event) + Send>,
    lease: Option<lease::LeaseLock>,
}

/// [`status_entries`], with the applied rows whose file is gone and whose name `dump` covers
/// as [`State::Squashed`] instead of [`State::Missing`].
pub fn status_entries_with_dump(
    migrations: &[Migration],
    applied: &[AppliedMigration],
    dump: Option<&SchemaDump>,
) -> Vec<StatusEntry> {
    let mut entries = status_entries(migrations, applied);
    if let Some(dump) = dump {
        for entry in &mut entries {
            if entry.status == State::Missing && dump.manifest.migrations.contains(&entry.name) {
                entry.status = State::Squashed;
            }
        }
    }
    entries
}

/// The status of every migration of `migrations` (files, in run order) given the `applied`
/// rows: files in run order, then applied rows whose file is gone.
pub fn status_entries(migrations: &[Migration], applied: &[AppliedMigration]) -> Vec<StatusEntry> {
    let by_name: HashMap<&str, &AppliedMigration> =
        applied.iter().map(|a| (a.name.as_str(), a)).collect();
    let mut entries: Vec<StatusEntry> = migrations
        .iter()
        .map(|m| match by_name.get(m.name.as_str()) {
            None => StatusEntry {
                name: m.name.clone(),
                status: State::Pending,
                batch: None,
                migration_time: None,
            },
            Some(row) => StatusEntry {
                name: m.name.clone(),
                status: if row.state.is_interrupted() {
                    State::Interrupted
                } else if row.checksum.as_deref().is_some_and(|c| c != m.checksum) {
                    State::Changed
                } else {
                    State::Completed
                },
                batch: Some(row.batch),
                migration_time: row.migration_time.clone(),
            },
        })
        .collect();
    let known: std::collections::HashSet<&str> =
        migrations.iter().map(|m| m.name.as_str()).collect();
    entries.extend(
        applied
            .iter()
            .filter(|a| !known.contains(a.name.as_str()))
            .map(|a| StatusEntry {
                name: a.name.clone(),
                status: if a.state.is_interrupted() {
                    State::Interrupted
                } else {
                    State::Missing
                },
                batch: Some(a.batch),
                migration_time: a.migration_time.clone(),
            }),
    );
    entries
}

impl Migrator {
    /// A migrator over `migrations` (in run order, as [`MigrationSource`] gives them).
    ///
    /// [`MigrationSource`]: crate::migration::MigrationSource
    pub fn new(
        conn: Box<dyn Connection>,
        dialect: Arc<dyn Dialect>,
        migrations: Vec<Migration>,
    ) -> Self {
        Self {
            conn,
            dialect,
            migrations,
            options: MigratorOptions::default(),
            listener: Box::new(|_| {}),
            lease: None,
        }
    }

    /// Takes the lock as a lease row in `<table>_lock` (the `table` strategy) instead of the
    /// connection's own lock; `conn` is a second connection to the same database, which
    /// claims, renews and releases the lease while the first one migrates.
    pub fn lease(mut self, lease: Lease, conn: Box<dyn Connection>) -> Self {
        self.lease = Some(lease::LeaseLock::new(lease, self.dialect.clone(), conn));
        self
    }

    /// Sets the options.
    pub fn options(mut self, options: MigratorOptions) -> Self {
        self.options = options;
        self
    }

    /// Sets the function that receives [`Event`]s.
    pub fn on_event(mut self, listener: impl FnMut(&Event) + Send + 'static) -> Self {
        self.listener = Box::new(listener);
        self
    }

    /// The connection, for commands that need it after migrating.
    pub fn connection(&mut self) -> &mut dyn Connection {
        self.conn.as_mut()
    }

    /// Closes the connection (and the lease's).
    pub async fn close(self) -> Result<()> {
        let leased = match self.lease {
            Some(lease) => lease.close().await,
            None => Ok(()),
        };
        self.conn.close().await?;
        leased
    }

    fn emit(&mut self, event: Event) {
        (self.listener)(&event);
    }

    async fn applied(&mut self) -> Result<Vec<AppliedMigration>> {
        let table = self.options.table.clone();
        Repository::new(&table, self.dialect.as_ref())
            .applied_if_any(self.conn.as_mut())
            .await
    }

    /// The status of every migration: files in run order, then applied rows whose file is
    /// gone. Creates nothing.
    pub async fn status(&mut self) -> Result<Vec<StatusEntry>> {
        let applied = self.applied().await?;
        Ok(status_entries_with_dump(
            &self.migrations,
            &applied,
            self.options.schema_dump.as_ref(),
        ))
    }

    async fn acquire(&mut self) -> Result<bool> {
        if self.options.disable_locks || self.options.dry_run {
            return Ok(false);
        }
        let start = Instant::now();
        let mut told = false;
        loop {
            let taken = match &mut self.lease {
                Some(lease) => lease.try_lock().await?,
                None => self.conn.try_lock(&self.options.table).await?,
            };
            if taken {
                return Ok(true);
            }
            if start.elapsed() >= self.options.lock_timeout {
                return Err(Error::LockTimeout {
                    waited: self.options.lock_timeout,
                });
            }
            if !told {
                told = true;
                let timeout = self.options.lock_timeout;
                self.emit(Event::LockWaiting { timeout });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Runs `work` under the lock, releasing it on every path.
    async fn release<T>(&mut self, held: bool, result: Result<T>) -> Result<T> {
        if !held {
            return result;
        }
        let released = match &mut self.lease {
            Some(lease) => lease.unlock().await,
            None => self
                .conn
                .unlock(&self.options.table)
                .await
                .map_err(Error::from),
        };
        match (result, released) {
            (Ok(value), Ok(())) => Ok(value),
            (Ok(_), Err(e)) => Err(e),
            (Err(e), _) => Err(e),
        }
    }

    /// Runs every pending migration as one new batch.
    ///
    /// # Errors
    ///
    /// The first failing migration stops the batch; those before it stay applied.
    pub async fn run(&mut self, options: RunOptions) -> Result<Report> {
        let held = self.acquire().await?;
        let result = self.run_locked(options).await;
        self.release(held, result).await
    }

    async fn run_locked(&mut self, options: RunOptions) -> Result<Report> {
        let start = Instant::now();
        let dry_run = self.options.dry_run;
        let mut applied = self.applied().await?;
        let chosen: Option<HashSet<String>> = match options.target {
            RunTarget::All => None,
            _ => Some(
                self.to_run(&applied, &options.target)?
                    .into_iter()
                    .map(|m| m.name.clone())
                    .collect(),
            ),
        };
        self.refuse_unfinished(&applied, chosen.as_ref())?;
        let mut loaded_dump = None;
        if !dry_run
            && applied.is_empty()
            && let Some(dump) = self.options.schema_dump.clone()
        {
            self.load_dump(&dump).await?;
            loaded_dump = Some(dump.path.display().to_string());
            applied = self.applied().await?;
        }
        self.refuse_interrupted(&applied).await?;
        if let Some(checked) = &options.checked_against {
            let now: Vec<String> = applied.iter().map(|a| a.name.clone()).collect();
            if *checked != now {
                self.checked(Some(now), chosen.as_ref())?;
            }
        }
        let by_name: HashMap<&str, &AppliedMigration> =
            applied.iter().map(|a| (a.name.as_str(), a)).collect();
        let mut changed = Vec::new();
        for m in &self.migrations {
            if let Some(row) = by_name.get(m.name.as_str())
                && row.checksum.as_deref().is_some_and(|c| c != m.checksum)
            {
                changed.push(m.name.clone());
            }
        }
        if !changed.is_empty() {
            if options.refuse_changed {
                return Err(Error::Refused {
                    message: format!(
                        "applied migrations were edited since they ran: {}; run with --force \
                         to migrate anyway",
                        changed.join(", ")
                    ),
                });
            }
            for name in changed {
                self.emit(Event::Warning {
                    message: format!("{name} was edited after it ran (checksum changed)"),
                });
            }
        }
        let newest_applied = self
            .migrations
            .iter()
            .rposition(|m| by_name.contains_key(m.name.as_str()));
        let runs = |m: &Migration| {
            !by_name.contains_key(m.name.as_str())
                && chosen.as_ref().is_none_or(|c| c.contains(&m.name))
        };
        let pending: Vec<Migration> = self
            .migrations
            .iter()
            .filter(|m| runs(m))
            .cloned()
            .collect();
        let out_of_order: Vec<String> = match newest_applied {
            Some(newest) => self.migrations[..newest]
                .iter()
                .filter(|m| runs(m))
                .map(|m| {
                    format!(
                        "{} sorts before migrations already applied; it runs now, out of order",
                        m.name
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        for message in out_of_order {
            self.emit(Event::Warning { message });
        }
        if !options.fake {
            self.refuse_outside_transaction(&pending)?;
        }
        if !dry_run {
            let conn = self.conn.as_mut();
            Repository::new(&self.options.table, self.dialect.as_ref())
                .ensure(conn)
                .await?;
        }
        let batch = applied.iter().map(|a| a.batch).max().unwrap_or(0) + 1;
        let mut report = Report {
            direction: Direction::Up,
            batch: (!pending.is_empty()).then_some(batch),
            migrations: Vec::new(),
            duration: Duration::ZERO,
            dry_run,
            loaded_dump,
        };
        let plans: Vec<(Migration, Vec<Step>)> = pending
            .into_iter()
            .map(|m| {
                let steps = m.steps(Direction::Up)?;
                Ok((m, steps))
            })
            .collect::<Result<_>>()?;
        self.execute_plans(plans, Direction::Up, batch, options.fake, &mut report)
            .await?;
        report.duration = start.elapsed();
        Ok(report)
    }

    /// Runs `migration:check`'s rules (see [`crate::check`]) for this connection's dialect
    /// on the migrations `scope` names; changes nothing and takes no lock. Call it before
    /// [`Migrator::run`], [`Migrator::drop_all`] or a refresh, so that a migration set the
    /// rules reject is refused before anything runs.
    ///
    /// # Errors
    ///
    /// [`Error::Check`] when a rule finds an error (warnings become [`Event::Warning`]s);
    /// reading the tracking table can fail.
    pub async fn check(&mut self, scope: CheckScope) -> Result<()> {
        match scope {
            CheckScope::Pending => self.check_pending().await.map(drop),
            CheckScope::All => self.checked(None, None),
        }
    }

    /// [`Migrator::check`] of the pending migrations; returns the applied migrations it
    /// checked against, for [`RunOptions::checked_against`].
    ///
    /// # Errors
    ///
    /// As [`Migrator::check`].
    pub async fn check_pending(&mut self) -> Result<Vec<String>> {
        self.check_pending_to(&RunTarget::All).await
    }

    /// [`Migrator::check_pending`] of the pending migrations `target` picks (what
    /// [`Migrator::run`] with that [`RunOptions::target`] would apply); the later pending
    /// ones are not checked.
    ///
    /// # Errors
    ///
    /// As [`Migrator::check`]; [`Error::Refused`] when `target` names no pending migration.
    pub async fn check_pending_to(&mut self, target: &RunTarget) -> Result<Vec<String>> {
        let applied = self.applied().await?;
        let chosen: Option<HashSet<String>> = match target {
            RunTarget::All => None,
            _ => Some(
                self.to_run(&applied, target)?
                    .into_iter()
                    .map(|m| m.name.clone())
                    .collect(),
            ),
        };
        let applied: Vec<String> = applied.into_iter().map(|a| a.name).collect();
        // The migrations a schema dump about to be loaded covers count as applied for the
        // migrations picked after them.
        let replayed = match (&chosen, &self.options.schema_dump) {
            (Some(_), Some(dump)) if applied.is_empty() => dump.manifest.migrations.clone(),
            _ => applied.clone(),
        };
        self.checked(Some(replayed), chosen.as_ref())?;
        Ok(applied)
    }

    /// The names of the migrations [`Migrator::run`] with `target` would apply now, in order.
    /// Reads the tracking table; changes nothing and takes no lock.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`] when `target` names no pending migration; reading the tracking
    /// table can fail.
    pub async fn pending_to(&mut self, target: &RunTarget) -> Result<Vec<String>> {
        let applied = self.applied().await?;
        Ok(self
            .to_run(&applied, target)?
            .into_iter()
            .map(|m| m.name.clone())
            .collect())
    }

    /// Checks with `applied` (see [`CheckOptions::applied`]), emitting the warnings. With
    /// `only`, the pending migrations outside it are left out.
    fn checked(
        &mut self,
        applied: Option<Vec<String>>,
        only: Option<&HashSet<String>>,
    ) -> Result<()> {
        let migrations: Vec<Migration> = match (only, &applied) {
            (Some(only), Some(applied)) => self
                .migrations
                .iter()
                .filter(|m| only.contains(&m.name) || applied.contains(&m.name))
                .cloned()
                .collect(),
            _ => self.migrations.clone(),
        };
        let options = CheckOptions {
            dialects: vec![self.dialect.info()],
            applied,
            galera: self.options.galera,
        };
        let report = check::check(&migrations, &options);
        for finding in &report.findings {
            if finding.level == Level::Warning {
                self.emit(Event::Warning {
                    message: finding.to_string(),
                });
            }
        }
        if report.errors() > 0 {
            return Err(Error::Check { report });
        }
        Ok(())
    }

    /// Reverts migrations; see [`RollbackTarget`].
    ///
    /// # Errors
    ///
    /// A migration to revert whose file is missing, or that cannot be reverted, is an error
    /// before anything is reverted.
    pub async fn rollback(&mut self, target: RollbackTarget) -> Result<Report> {
        let held = self.acquire().await?;
        let result = self.rollback_locked(target).await;
        self.release(held, result).await
    }

    async fn rollback_locked(&mut self, target: RollbackTarget) -> Result<Report> {
        let start = Instant::now();
        let mut applied = self.applied().await?;
        self.refuse_interrupted(&applied).await?;
        applied.reverse();
        let latest = applied.iter().map(|a| a.batch).max().unwrap_or(0);
        let chosen: Vec<&AppliedMigration> = match target {
            RollbackTarget::LatestBatch => applied.iter().filter(|a| a.batch == latest).collect(),
            RollbackTarget::AfterBatch(n) => applied.iter().filter(|a| a.batch > n).collect(),
            RollbackTarget::Steps(n) => applied.iter().take(n).collect(),
        };
        let mut plans = Vec::new();
        let mut warnings = Vec::new();
        for row in chosen {
            let Some(migration) = self.migrations.iter().find(|m| m.name == row.name) else {
                if let Some(dump) = &self.options.schema_dump
                    && dump.manifest.migrations.contains(&row.name)
                {
                    return Err(Error::Refused {
                        message: format!(
                            "cannot roll back {}: its migration file was squashed into the \
                             schema dump {}; rolling back past the dump is not possible, use \
                             migration:fresh to rebuild the database from the dump (nothing \
                             was reverted)",
                            row.name,
                            dump.path.display()
                        ),
                    });
                }
                return Err(Error::source_error(format!(
                    "cannot roll back {}: its migration file is missing; restore the file \
                     first (nothing was reverted)",
                    row.name
                )));
            };
            if row
                .checksum
                .as_deref()
                .is_some_and(|c| c != migration.checksum)
            {
                let message = format!(
                    "{} was edited after it ran; reverting it with its current down",
                    migration.name
                );
                warnings.push(message);
            }
            let steps = migration.steps(Direction::Down)?;
            plans.push((migration.clone(), steps));
        }
        self.refuse_outside_transaction(plans.iter().map(|(m, _)| m))?;
        for message in warnings {
            self.emit(Event::Warning { message });
        }
        let mut report = Report {
            direction: Direction::Down,
            batch: None,
            migrations: Vec::new(),
            duration: Duration::ZERO,
            dry_run: self.options.dry_run,
            loaded_dump: None,
        };
        self.execute_plans(plans, Direction::Down, 0, false, &mut report)
            .await?;
        report.duration = start.elapsed();
        Ok(report)
    }

    /// Loads `dump` into a database whose tracking table is missing or empty: drops the
    /// empty tracking tables, then runs the dump's statements (split by the dialect's rules)
    /// in one transaction where DDL is transactional, one by one where it is not.
    async fn load_dump(&mut self, dump: &SchemaDump) -> Result<()> {
        let start = Instant::now();
        let text = std::fs::read_to_string(&dump.path).map_err(|source| Error::Io {
            path: dump.path.clone(),
            source,
        })?;
        let statements =
            crate::migration::sql::split_statements_for(&text, self.dialect.sql_dialect())
                .map_err(|e| Error::source_error(format!("{}: {e}", dump.path.display())))?;
        let table = self.options.table.clone();
        let mut drops = Vec::new();
        for name in [table.clone(), versions_table(&table).name] {
            let op = Operation::DropTable(DropTable {
                name,
                if_exists: true,
            });
            drops.extend(self.dialect.compile(&op, None)?);
        }
        let transactional = self.dialect.capabilities().transactional_ddl;
        let conn = self.conn.as_mut();
        let body = async |conn: &mut dyn Connection| {
            conn.execute_batch(&drops)
                .await
                .map_err(|e| Error::from(e.error))?;
            conn.execute_batch(&statements).await.map_err(|e| {
                let statement = statements.get(e.index).map(String::as_str).unwrap_or("");
                let message = format!(
                    "loading the schema dump {} failed at statement {} ({}): {}",
                    dump.path.display(),
                    e.index + 1,
                    statement.lines().next().unwrap_or(""),
                    e.error.message
                );
                Error::from(crate::DriverError::new(e.error.kind, message))
            })
        };
        if transactional {
            conn.begin().await?;
            match body(conn).await {
                Ok(()) => conn.commit().await?,
                Err(error) => {
                    let _ = conn.rollback().await;
                    return Err(error);
                }
            }
        } else {
            body(conn).await?;
        }
        let migrations = dump.manifest.migrations.len();
        self.emit(Event::SchemaLoaded {
            path: dump.path.display().to_string(),
            migrations,
            duration: start.elapsed(),
        });
        Ok(())
    }

    /// Drops every table (and views and types as asked) under the lock. Risky by name.
    pub async fn drop_all(&mut self, options: &DropAllOptions) -> Result<DropSummary> {
        let held = self.acquire().await?;
        let result = self.conn.drop_all(options).await.map_err(Error::from);
        // The lease table went with every other table.
        if held
            && result.is_ok()
            && let Some(lease) = &mut self.lease
        {
            lease.forget().await?;
        }
        self.release(held, result).await
    }

    /// Refuses, before anything runs, a run whose migrations to apply (those not in
    /// `applied`, nor in the schema dump an empty database loads first) include an
    /// [unfinished](Migration::unfinished) one.
    fn refuse_unfinished(
        &self,
        applied: &[AppliedMigration],
        only: Option<&HashSet<String>>,
    ) -> Result<()> {
        let dumped = match &self.options.schema_dump {
            Some(dump) if applied.is_empty() => dump.manifest.migrations.as_slice(),
            _ => &[],
        };
        self.migrations
            .iter()
            .filter(|m| !applied.iter().any(|a| a.name == m.name) && !dumped.contains(&m.name))
            .filter(|m| only.is_none_or(|only| only.contains(&m.name)))
            .try_for_each(|m| m.refuse_unfinished(Direction::Up))
    }

    /// The migrations a run with `target` applies, in order: the pending ones (neither in
    /// `applied` nor, when the schema dump is about to be loaded, covered by it), cut down to
    /// `target`.
    fn to_run(&self, applied: &[AppliedMigration], target: &RunTarget) -> Result<Vec<&Migration>> {
        let dumped: &[String] = match &self.options.schema_dump {
            Some(dump) if applied.is_empty() => dump.manifest.migrations.as_slice(),
            _ => &[],
        };
        let done =
            |m: &Migration| applied.iter().any(|a| a.name == m.name) || dumped.contains(&m.name);
        let pending = self.migrations.iter().filter(|m| !done(m));
        match target {
            RunTarget::All => Ok(pending.collect()),
            RunTarget::Steps(n) => Ok(pending.take(*n).collect()),
            RunTarget::Through(name) => {
                let stem = name
                    .strip_suffix(".toml")
                    .or_else(|| name.strip_suffix(".sql"))
                    .unwrap_or(name);
                let exact: Vec<&Migration> =
                    self.migrations.iter().filter(|m| m.name == *name).collect();
                let matches: Vec<&Migration> = if exact.is_empty() {
                    self.migrations
                        .iter()
                        .filter(|m| m.name.rsplit('/').next() == Some(stem))
                        .collect()
                } else {
                    exact
                };
                let target = match matches.as_slice() {
                    [one] => *one,
                    [] => {
                        return Err(Error::Refused {
                            message: format!(
                                "cannot run up to {name}: no migration has that name; `dbm \
                                 migration:status` lists them (nothing was run)"
                            ),
                        });
                    }
                    several => {
                        let names: Vec<&str> = several.iter().map(|m| m.name.as_str()).collect();
                        return Err(Error::Refused {
                            message: format!(
                                "cannot run up to {name}: it names several migrations: {}; give \
                                 the full name (nothing was run)",
                                names.join(", ")
                            ),
                        });
                    }
                };
                if let Some(row) = applied.iter().find(|a| a.name == target.name) {
                    return Err(Error::Refused {
                        message: format!(
                            "cannot run up to {}: it is not pending, {} records it in batch {} \
                             (nothing was run)",
                            target.name, self.options.table, row.batch
                        ),
                    });
                }
                if dumped.contains(&target.name) {
                    return Err(Error::Refused {
                        message: format!(
                            "cannot run up to {}: it is not pending, the schema dump loaded \
                             into this empty database covers it (nothing was run)",
                            target.name
                        ),
                    });
                }
                let mut chosen = Vec::new();
                for m in pending {
                    chosen.push(m);
                    if m.name == target.name {
                        break;
                    }
                }
                Ok(chosen)
            }
        }
    }

    /// Behind a transaction pooler, refuses to run any of `migrations` that opts out of its
    /// transaction, before anything runs.
    fn refuse_outside_transaction<'m>(
        &self,
        migrations: impl IntoIterator<Item = &'m Migration>,
    ) -> Result<()> {
        if !self.options.pooler {
            return Ok(());
        }
        let outside: Vec<&str> = migrations
            .into_iter()
            .filter(|m| !m.transaction)
            .map(|m| m.name.as_str())
            .collect();
        if outside.is_empty() {
            return Ok(());
        }
        Err(Error::Refused {
            message: format!(
                "{} opt{} out of a transaction (`-- dbm:no-transaction` or `transaction = \
                 false`), but a transaction pooler is in front of the database: outside a \
                 transaction its statements may run on different server connections. Run \
                 {} through a direct connection to the server (nothing was changed)",
                outside.join(", "),
                if outside.len() == 1 { "s" } else { "" },
                if outside.len() == 1 { "it" } else { "them" }
            ),
        })
    }

    /// A composite operation cannot plan its run without doing its first step.
    fn refuse_dry_run(&self, what: &str) -> Result<()> {
        if self.options.dry_run {
            return Err(Error::Refused {
                message: format!(
                    "{what} cannot be a dry run: its run depends on the first step being done \
                     (nothing was changed)"
                ),
            });
        }
        Ok(())
    }

    /// `migration:refresh`: reverts every applied migration, then runs every migration as
    /// one new batch, under one lock: no other process migrates in between.
    ///
    /// # Errors
    ///
    /// As [`Migrator::rollback`], then as [`Migrator::run`]; a failed revert runs nothing.
    /// [`Error::Refused`] with [`MigratorOptions::dry_run`].
    pub async fn refresh(&mut self, options: RunOptions) -> Result<(Report, Report)> {
        self.refuse_dry_run("refresh")?;
        self.refuse_unfinished(&[], None)?;
        self.refuse_outside_transaction(&self.migrations)?;
        let held = self.acquire().await?;
        let result = async {
            let down = self.rollback_locked(RollbackTarget::AfterBatch(0)).await?;
            let up = self.run_locked(options).await?;
            Ok((down, up))
        }
        .await;
        self.release(held, result).await
    }

    /// `migration:fresh`: drops every table (and views and types as `drop` asks), reports
    /// what it dropped as an [`Event::Dropped`], then runs every migration as batch 1, under
    /// one lock: no other process migrates in between.
    ///
    /// # Errors
    ///
    /// As [`Migrator::drop_all`], then as [`Migrator::run`]. [`Error::Refused`] with
    /// [`MigratorOptions::dry_run`], before anything is dropped.
    pub async fn fresh(&mut self, drop: &DropAllOptions, options: RunOptions) -> Result<Report> {
        self.refuse_dry_run("fresh")?;
        self.refuse_unfinished(&[], None)?;
        self.refuse_outside_transaction(&self.migrations)?;
        let held = self.acquire().await?;
        let result = async {
            let started = Instant::now();
            let summary = self.conn.drop_all(drop).await?;
            let duration = started.elapsed();
            // The lease table went with every other table.
            if held && let Some(lease) = &mut self.lease {
                lease.rehold().await?;
            }
            self.emit(Event::Dropped { summary, duration });
            self.run_locked(options).await
        }
        .await;
        self.release(held, result).await
    }
}
