//! The [`Migrator`]: the policy of dbm, written once for every driver.
//!
//! Discovery and order come from [`MigrationSource`](crate::migration::MigrationSource);
//! the migrator decides which migrations run, in which batch, inside which transaction,
//! under which lock, and reports progress as [`Event`]s that a front end renders.
//!
//! Guarantees (DESIGN §7): pending migrations run in order as one batch (`max(batch) + 1`);
//! rollback reverts in the exact reverse order of application (by id); a failure stops the
//! batch, keeps what ran before it and leaves the rest pending; the lock is released on every
//! path, errors included.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::config::TransactionMode;
use crate::dialect::Dialect;
use crate::driver::{Connection, DropAllOptions, DropSummary};
use crate::error::{Error, Result};
use crate::migration::{Direction, Migration, Step};
use crate::repository::{AppliedMigration, Repository};
use crate::schema::Operation;

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
}

impl Default for MigratorOptions {
    fn default() -> Self {
        Self {
            table: "dbm_schema".into(),
            transaction: TransactionMode::PerMigration,
            lock_timeout: Duration::from_secs(60),
            disable_locks: false,
            dry_run: false,
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
    },
    /// A migration failed; the error follows as the command's result.
    Failed {
        /// Its name.
        name: String,
        /// Up or down.
        direction: Direction,
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
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Record pending migrations as applied without running them (`--fake`).
    pub fake: bool,
    /// Refuse to run while an applied migration's file has changed (production without
    /// `--force`).
    pub refuse_changed: bool,
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
}

impl State {
    /// The word printed by `migration:status`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Completed => "completed",
            Self::Changed => "changed",
            Self::Missing => "missing",
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
        }
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

    /// Closes the connection.
    pub async fn close(self) -> Result<()> {
        Ok(self.conn.close().await?)
    }

    fn emit(&mut self, event: Event) {
        (self.listener)(&event);
    }

    async fn applied(&mut self) -> Result<Vec<AppliedMigration>> {
        let table = self.options.table.clone();
        let repo = Repository::new(&table, self.dialect.as_ref());
        if !repo.exists(self.conn.as_mut()).await? {
            return Ok(Vec::new());
        }
        repo.applied(self.conn.as_mut()).await
    }

    /// The status of every migration: files in run order, then applied rows whose file is
    /// gone. Creates nothing.
    pub async fn status(&mut self) -> Result<Vec<StatusEntry>> {
        let applied = self.applied().await?;
        let by_name: HashMap<&str, &AppliedMigration> =
            applied.iter().map(|a| (a.name.as_str(), a)).collect();
        let mut entries: Vec<StatusEntry> = self
            .migrations
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
                    status: if row.checksum.as_deref().is_some_and(|c| c != m.checksum) {
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
            self.migrations.iter().map(|m| m.name.as_str()).collect();
        entries.extend(
            applied
                .iter()
                .filter(|a| !known.contains(a.name.as_str()))
                .map(|a| StatusEntry {
                    name: a.name.clone(),
                    status: State::Missing,
                    batch: Some(a.batch),
                    migration_time: a.migration_time.clone(),
                }),
        );
        Ok(entries)
    }

    async fn acquire(&mut self) -> Result<bool> {
        if self.options.disable_locks || self.options.dry_run {
            return Ok(false);
        }
        let start = Instant::now();
        let mut told = false;
        loop {
            if self.conn.try_lock(&self.options.table).await? {
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
        let released = self.conn.unlock(&self.options.table).await;
        match (result, released) {
            (Ok(value), Ok(())) => Ok(value),
            (Ok(_), Err(e)) => Err(e.into()),
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
        if !dry_run {
            let conn = self.conn.as_mut();
            Repository::new(&self.options.table, self.dialect.as_ref())
                .ensure(conn)
                .await?;
        }
        let applied = self.applied().await?;
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
        let pending: Vec<Migration> = self
            .migrations
            .iter()
            .filter(|m| !by_name.contains_key(m.name.as_str()))
            .cloned()
            .collect();
        let out_of_order: Vec<String> = match newest_applied {
            Some(newest) => self.migrations[..newest]
                .iter()
                .filter(|m| !by_name.contains_key(m.name.as_str()))
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
        let batch = applied.iter().map(|a| a.batch).max().unwrap_or(0) + 1;
        let mut report = Report {
            direction: Direction::Up,
            batch: (!pending.is_empty()).then_some(batch),
            migrations: Vec::new(),
            duration: Duration::ZERO,
            dry_run,
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
        for message in warnings {
            self.emit(Event::Warning { message });
        }
        let mut report = Report {
            direction: Direction::Down,
            batch: None,
            migrations: Vec::new(),
            duration: Duration::ZERO,
            dry_run: self.options.dry_run,
        };
        self.execute_plans(plans, Direction::Down, 0, false, &mut report)
            .await?;
        report.duration = start.elapsed();
        Ok(report)
    }

    /// Drops every table (and views and types as asked) under the lock. Risky by name.
    pub async fn drop_all(&mut self, options: &DropAllOptions) -> Result<DropSummary> {
        let held = self.acquire().await?;
        let result = self.conn.drop_all(options).await.map_err(Error::from);
        self.release(held, result).await
    }

    async fn execute_plans(
        &mut self,
        plans: Vec<(Migration, Vec<Step>)>,
        direction: Direction,
        batch: i64,
        fake: bool,
        report: &mut Report,
    ) -> Result<()> {
        if plans.is_empty() {
            return Ok(());
        }
        if self.options.dry_run {
            return self.dry_run(plans, direction, report).await;
        }
        let whole_batch =
            self.options.transaction == TransactionMode::Batch && !self.options.dry_run && !fake;
        if whole_batch {
            self.check_batch_mode(&plans)?;
        }
        let rebuilds_any = whole_batch && plans.iter().any(|(_, s)| self.rebuilds(s));
        if rebuilds_any {
            self.conn.set_foreign_key_checks(false).await?;
        }
        if whole_batch && let Err(e) = self.conn.begin().await {
            self.restore_foreign_keys(rebuilds_any).await;
            return Err(e.into());
        }
        let mut result = Ok(());
        for (migration, steps) in &plans {
            let started = Instant::now();
            self.emit(Event::Started {
                name: migration.name.clone(),
                direction,
            });
            match self
                .execute_one(migration, steps, direction, batch, fake, whole_batch)
                .await
            {
                Ok(statements) => {
                    let duration = started.elapsed();
                    self.emit(Event::Finished {
                        name: migration.name.clone(),
                        direction,
                        duration,
                        statements: statements.clone(),
                    });
                    report.migrations.push(Outcome {
                        name: migration.name.clone(),
                        duration,
                        statements,
                    });
                }
                Err(e) => {
                    self.emit(Event::Failed {
                        name: migration.name.clone(),
                        direction,
                    });
                    result = Err(e);
                    break;
                }
            }
        }
        if whole_batch {
            result = match result {
                Ok(()) => self.finish_batch(rebuilds_any).await,
                Err(e) => {
                    let _ = self.conn.rollback().await;
                    report.migrations.clear();
                    Err(e)
                }
            };
        }
        self.restore_foreign_keys(rebuilds_any).await;
        result
    }

    /// Plans every migration without changing the database: on the driver's scratch copy
    /// of the schema when it has one (each migration is applied there, so later ones plan
    /// against what earlier ones leave), else against the database as it is.
    async fn dry_run(
        &mut self,
        plans: Vec<(Migration, Vec<Step>)>,
        direction: Direction,
        report: &mut Report,
    ) -> Result<()> {
        let scratch = self.conn.scratch().await?;
        let applying = scratch.is_some();
        let real = scratch.map(|scratch| std::mem::replace(&mut self.conn, scratch));
        let mut result = Ok(());
        for (migration, steps) in &plans {
            let started = Instant::now();
            let mut statements = Vec::new();
            for step in steps {
                match self.plan(step, applying).await {
                    Ok(compiled) => statements.extend(compiled),
                    Err((statement, source)) => {
                        result = Err(wrap(&migration.name, statement, source));
                        break;
                    }
                }
            }
            if result.is_err() {
                self.emit(Event::Failed {
                    name: migration.name.clone(),
                    direction,
                });
                break;
            }
            let duration = started.elapsed();
            self.emit(Event::Finished {
                name: migration.name.clone(),
                direction,
                duration,
                statements: statements.clone(),
            });
            report.migrations.push(Outcome {
                name: migration.name.clone(),
                duration,
                statements,
            });
        }
        if let Some(real) = real {
            let scratch = std::mem::replace(&mut self.conn, real);
            if let Err(e) = scratch.close().await {
                tracing::debug!("closing the scratch database: {e}");
            }
        }
        result
    }

    async fn finish_batch(&mut self, rebuilt: bool) -> Result<()> {
        if rebuilt {
            let violations = self.conn.foreign_key_violations().await?;
            if !violations.is_empty() {
                let _ = self.conn.rollback().await;
                return Err(Error::Schema {
                    message: format!(
                        "the batch was rolled back: foreign key violations after a table \
                         rebuild:\n  {}",
                        violations.join("\n  ")
                    ),
                });
            }
        }
        Ok(self.conn.commit().await?)
    }

    async fn restore_foreign_keys(&mut self, turned_off: bool) {
        if turned_off && let Err(e) = self.conn.set_foreign_key_checks(true).await {
            tracing::error!("could not turn foreign key checks back on: {e}");
        }
    }

    fn check_batch_mode(&self, plans: &[(Migration, Vec<Step>)]) -> Result<()> {
        if !self.dialect.capabilities().transactional_ddl {
            return Err(Error::Refused {
                message: format!(
                    "transaction = \"batch\" needs transactional DDL, which {} does not have \
                     (DDL commits implicitly); use \"per_migration\"",
                    self.dialect.name()
                ),
            });
        }
        if let Some((m, _)) = plans.iter().find(|(m, _)| !m.transaction) {
            return Err(Error::Refused {
                message: format!(
                    "{} runs outside a transaction, so it cannot be part of an all-or-nothing \
                     batch (transaction = \"batch\"); run it alone or switch to \"per_migration\"",
                    m.name
                ),
            });
        }
        Ok(())
    }

    fn rebuilds(&self, steps: &[Step]) -> bool {
        steps
            .iter()
            .any(|s| matches!(s, Step::Operation(op) if self.dialect.rebuilds(op)))
    }

    /// Applies or reverts one migration; returns its statements (dry run) or nothing.
    async fn execute_one(
        &mut self,
        migration: &Migration,
        steps: &[Step],
        direction: Direction,
        batch: i64,
        fake: bool,
        in_batch: bool,
    ) -> Result<Vec<String>> {
        let own_tx = !in_batch
            && !fake
            && migration.transaction
            && self.options.transaction != TransactionMode::None;
        let rebuilds = !in_batch && !fake && self.rebuilds(steps);
        if rebuilds {
            self.conn.set_foreign_key_checks(false).await?;
        }
        if own_tx
            && !rebuilds
            && self.dialect.scripted_transactions()
            && let Some(statements) = self.precompile(migration, steps)?
        {
            return self
                .execute_script(migration, statements, direction, batch)
                .await
                .map(|()| Vec::new());
        }
        let result = self
            .execute_steps(migration, steps, direction, batch, fake, own_tx, rebuilds)
            .await;
        self.restore_foreign_keys(rebuilds).await;
        result.map(|()| Vec::new())
    }

    /// Every step compiled up front, or `None` when one needs the table's current state.
    fn precompile(&self, migration: &Migration, steps: &[Step]) -> Result<Option<Vec<String>>> {
        let mut statements = Vec::new();
        for step in steps {
            match step {
                Step::Sql(sql) => statements.push(sql.clone()),
                Step::Operation(op) if self.dialect.needs_table_state(op) => return Ok(None),
                Step::Operation(op) => statements.extend(
                    self.dialect
                        .compile(op, None)
                        .map_err(|e| wrap(&migration.name, None, e))?,
                ),
            }
        }
        Ok(Some(statements))
    }

    /// Applies a migration as one script: `BEGIN`, its statements, its tracking row,
    /// `COMMIT` ([`Dialect::scripted_transactions`]).
    async fn execute_script(
        &mut self,
        migration: &Migration,
        statements: Vec<String>,
        direction: Direction,
        batch: i64,
    ) -> Result<()> {
        let repo = Repository::new(&self.options.table, self.dialect.as_ref());
        let record = match direction {
            Direction::Up => repo.insert_sql(&migration.name, batch, &migration.checksum),
            Direction::Down => repo.delete_sql(&migration.name),
        };
        let count = statements.len();
        let mut script = Vec::with_capacity(count + 3);
        script.push("BEGIN".to_string());
        script.extend(statements);
        script.push(record);
        script.push("COMMIT".to_string());
        let Err(failure) = self.conn.execute_batch(&script).await else {
            return Ok(());
        };
        if failure.index > 0
            && let Err(rollback) = self.conn.rollback().await
        {
            tracing::warn!("rollback failed: {rollback}");
        }
        let statement = (1..=count)
            .contains(&failure.index)
            .then(|| script[failure.index].clone());
        Err(wrap(
            &migration.name,
            statement,
            Error::Driver(failure.error),
        ))
    }

    #[allow(clippy::too_many_arguments)]
    async fn execute_steps(
        &mut self,
        migration: &Migration,
        steps: &[Step],
        direction: Direction,
        batch: i64,
        fake: bool,
        own_tx: bool,
        rebuilds: bool,
    ) -> Result<()> {
        if own_tx {
            self.conn
                .begin()
                .await
                .map_err(|e| wrap(&migration.name, None, e.into()))?;
        }
        let transactional = own_tx && self.dialect.capabilities().transactional_ddl;
        let work = async {
            if !fake {
                let mut progress = Progress::default();
                if let Err((statement, source)) = self.run_steps(steps, &mut progress).await {
                    let aftermath = if transactional {
                        None
                    } else {
                        self.undo(migration, progress).await
                    };
                    return Err(match wrap(&migration.name, statement, source) {
                        Error::Migration {
                            name,
                            statement,
                            source,
                            ..
                        } => Error::Migration {
                            name,
                            statement,
                            aftermath,
                            source,
                        },
                        other => other,
                    });
                }
            }
            if rebuilds && own_tx {
                let violations = self.conn.foreign_key_violations().await?;
                if !violations.is_empty() {
                    return Err(wrap(
                        &migration.name,
                        None,
                        Error::schema(format!(
                            "foreign key violations after a table rebuild:\n  {}",
                            violations.join("\n  ")
                        )),
                    ));
                }
            }
            let conn = self.conn.as_mut();
            let repo = Repository::new(&self.options.table, self.dialect.as_ref());
            let recorded = match direction {
                Direction::Up => {
                    repo.insert(conn, &migration.name, batch, &migration.checksum)
                        .await
                }
                Direction::Down => repo.delete(conn, &migration.name).await,
            };
            recorded.map_err(|e| wrap(&migration.name, None, e))
        }
        .await;
        match result_with_tx(work, own_tx) {
            TxOutcome::Commit => self
                .conn
                .commit()
                .await
                .map_err(|e| wrap(&migration.name, None, e.into())),
            TxOutcome::Rollback(e) => {
                if let Err(rollback) = self.conn.rollback().await {
                    tracing::warn!("rollback failed: {rollback}");
                }
                Err(e)
            }
            TxOutcome::Done(result) => result,
        }
    }

    /// Compiles one step into statements for a dry run, applying them when the connection
    /// is a scratch copy.
    async fn plan(
        &mut self,
        step: &Step,
        apply: bool,
    ) -> Result<Vec<String>, (Option<String>, Error)> {
        let mut out = Vec::new();
        let parts = match step {
            Step::Sql(sql) => {
                out.push(sql.clone());
                Vec::new()
            }
            Step::Operation(op) => self.parts(op),
        };
        for part in parts {
            let state = self.state_for(&part).await.map_err(|e| (None, e))?;
            let compiled = self
                .dialect
                .compile(&part, state.as_ref())
                .map_err(|e| (None, e))?;
            if apply {
                self.run_statements(&compiled).await?;
            }
            out.extend(compiled);
        }
        if apply && let Step::Sql(sql) = step {
            self.run_statements(std::slice::from_ref(sql)).await?;
        }
        Ok(out)
    }

    /// Compiles and runs steps in order, recording in `progress` what has applied (for
    /// undoing it when there is no transaction); on failure returns the failing statement.
    async fn run_steps(
        &mut self,
        steps: &[Step],
        progress: &mut Progress,
    ) -> Result<(), (Option<String>, Error)> {
        for step in steps {
            let (parts, raw) = match step {
                Step::Sql(sql) => (Vec::new(), Some(sql)),
                Step::Operation(op) => (self.parts(op), None),
            };
            if let Some(sql) = raw {
                self.run_statements(std::slice::from_ref(sql)).await?;
                progress.statements.push(sql.clone());
            }
            for part in parts {
                let state = self.state_for(&part).await.map_err(|e| (None, e))?;
                let compiled = self
                    .dialect
                    .compile(&part, state.as_ref())
                    .map_err(|e| (None, e))?;
                if let Err(failure) = self.conn.execute_batch(&compiled).await {
                    if failure.index > 0 {
                        progress
                            .statements
                            .extend_from_slice(&compiled[..failure.index]);
                        progress.operations.push(part);
                    }
                    let statement = compiled.get(failure.index).cloned();
                    return Err((statement, Error::Driver(failure.error)));
                }
                progress.statements.extend(compiled);
                progress.operations.push(part);
            }
        }
        Ok(())
    }

    /// After a failure outside a transaction: undoes the operations that applied by running
    /// their inverses, newest first, or says which statements remain applied.
    async fn undo(&mut self, migration: &Migration, progress: Progress) -> Option<String> {
        if progress.statements.is_empty() {
            return None;
        }
        let remaining = |statements: &[String]| {
            let list: Vec<String> = statements
                .iter()
                .map(|s| format!("    {}", crate::util::cut(s, 200)))
                .collect();
            format!(
                "these statements had applied (outside a transaction) and remain; undo them \
                 by hand:\n{}",
                list.join("\n")
            )
        };
        if matches!(migration.body, crate::migration::MigrationBody::Sql { .. }) {
            return Some(remaining(&progress.statements));
        }
        let inverse = match crate::schema::reverse::reverse(&progress.operations) {
            Ok(inverse) => inverse,
            Err(e) => return Some(format!("{e}; {}", remaining(&progress.statements))),
        };
        let mut undone = Vec::new();
        for op in &inverse {
            for part in self.parts(op) {
                let compiled = match self.state_for(&part).await {
                    Ok(state) => self.dialect.compile(&part, state.as_ref()),
                    Err(e) => Err(e),
                };
                let result = match compiled {
                    Ok(compiled) => self
                        .conn
                        .execute_batch(&compiled)
                        .await
                        .map(|()| compiled)
                        .map_err(|f| Error::Driver(f.error)),
                    Err(e) => Err(e),
                };
                match result {
                    Ok(compiled) => undone.extend(compiled),
                    Err(e) => {
                        return Some(format!(
                            "undoing the statements that had applied failed ({e}); {}",
                            remaining(&progress.statements)
                        ));
                    }
                }
            }
        }
        Some(format!(
            "the {} statements that had applied outside a transaction were undone by: {}",
            progress.statements.len(),
            undone.join("; ")
        ))
    }

    async fn run_statements(
        &mut self,
        statements: &[String],
    ) -> Result<(), (Option<String>, Error)> {
        self.conn
            .execute_batch(statements)
            .await
            .map_err(|e| (statements.get(e.index).cloned(), Error::Driver(e.error)))
    }

    /// An operation split into the pieces compiled one at a time: alter entries part by part
    /// when the dialect compiles against the table's current definition.
    fn parts(&self, op: &Operation) -> Vec<Operation> {
        match op {
            Operation::AlterTable(alter)
                if self.dialect.needs_table_state(op)
                    || !self.dialect.capabilities().transactional_ddl =>
            {
                alter
                    .split_parts()
                    .into_iter()
                    .map(Operation::AlterTable)
                    .collect()
            }
            other => vec![other.clone()],
        }
    }

    async fn state_for(&mut self, op: &Operation) -> Result<Option<crate::driver::TableState>> {
        match op.table() {
            Some(table) if self.dialect.needs_table_state(op) => {
                Ok(self.conn.table_state(table).await?)
            }
            _ => Ok(None),
        }
    }
}

/// What has applied of a migration so far.
#[derive(Default)]
struct Progress {
    /// Operations (alter parts separately) that applied, wholly or in part.
    operations: Vec<Operation>,
    /// Statements that applied.
    statements: Vec<String>,
}

enum TxOutcome {
    Commit,
    Rollback(Error),
    Done(Result<()>),
}

fn result_with_tx(result: Result<()>, own_tx: bool) -> TxOutcome {
    match (result, own_tx) {
        (Ok(()), true) => TxOutcome::Commit,
        (Err(e), true) => TxOutcome::Rollback(e),
        (result, false) => TxOutcome::Done(result),
    }
}

fn wrap(name: &str, statement: Option<String>, source: Error) -> Error {
    match source {
        already @ Error::Migration { .. } => already,
        source => Error::Migration {
            name: name.to_string(),
            statement,
            aftermath: None,
            source: Box::new(source),
        },
    }
}
