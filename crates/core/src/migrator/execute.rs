//! Executing plans: transactions per migration or per batch, one-script migrations, SQLite's
//! foreign-key protocol around rebuilds, undoing what applied outside a transaction, dry runs.

use std::time::Instant;

use super::{Event, Migrator, Outcome, Report};
use crate::config::TransactionMode;
use crate::error::{Error, Result};
use crate::migration::{Direction, Migration, Step};
use crate::repository::{Repository, RowState};
use crate::schema::Operation;

impl Migrator {
    pub(super) async fn execute_plans(
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
        if whole_batch && let Err(e) = self.fence().await {
            let _ = self.conn.rollback().await;
            self.restore_foreign_keys(rebuilds_any).await;
            return Err(e);
        }
        let mut result = Ok(());
        // In an all-or-nothing batch a migration is applied only once the batch commits:
        // its `Finished` event waits for the commit and is dropped by a rollback.
        let mut held = Vec::new();
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
                    let finished = Event::Finished {
                        name: migration.name.clone(),
                        direction,
                        duration,
                        statements: statements.clone(),
                        fake,
                    };
                    if whole_batch {
                        held.push(finished);
                    } else {
                        self.emit(finished);
                    }
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
                    Err(e)
                }
            };
            match &mut result {
                Ok(()) => {
                    for event in held {
                        self.emit(event);
                    }
                }
                Err(e) => {
                    report.migrations.clear();
                    let names: Vec<&str> = plans.iter().map(|(m, _)| m.name.as_str()).collect();
                    let outcome = match direction {
                        Direction::Up => "is applied",
                        Direction::Down => "was reverted",
                    };
                    let note = format!(
                        "the whole batch was rolled back (transaction = \"batch\"): none of its \
                         {} migrations {outcome} ({})",
                        names.len(),
                        names.join(", ")
                    );
                    if let Error::Migration { aftermath, .. } = e {
                        *aftermath = Some(note);
                    }
                }
            }
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
                fake: false,
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
            .execute_steps(
                migration,
                steps,
                direction,
                Record {
                    batch,
                    fake,
                    own_tx,
                    in_batch,
                    rebuilds,
                },
            )
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

    /// Inside a transaction just begun: the lease's fence ([`LeaseLock::fence`]), when the
    /// lock is a lease and the dialect has one.
    ///
    /// [`LeaseLock::fence`]: super::lease::LeaseLock::fence
    async fn fence(&mut self) -> Result<()> {
        if let Some(sql) = self.lease.as_ref().and_then(|lease| lease.fence()) {
            self.conn.execute(&sql).await?;
        }
        Ok(())
    }

    /// Applies a migration as one script: `BEGIN`, its statements, its tracking row,
    /// `COMMIT` ([`Dialect::scripted_transactions`](crate::Dialect::scripted_transactions)).
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
        let fence = self.lease.as_ref().and_then(|lease| lease.fence());
        let fenced = fence.is_some();
        script.extend(fence);
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
        let first = 1 + usize::from(fenced);
        let statement = (first..first + count)
            .contains(&failure.index)
            .then(|| script[failure.index].clone());
        Err(wrap(
            &migration.name,
            statement,
            Error::Driver(failure.error),
        ))
    }

    /// Applies or reverts one migration step by step. Where its statements commit one by
    /// one (no transactional DDL, or no transaction), its row is marked `running` (up) or
    /// `rolling_back` (down) before the first statement, so that a process that stops
    /// mid-way leaves it `interrupted`; a failure that dbm handles puts the row back as it
    /// was.
    async fn execute_steps(
        &mut self,
        migration: &Migration,
        steps: &[Step],
        direction: Direction,
        how: Record,
    ) -> Result<()> {
        let Record { batch, fake, .. } = how;
        let marked = !fake && !self.transactional(how);
        if marked {
            let conn = self.conn.as_mut();
            let repo = Repository::new(&self.options.table, self.dialect.as_ref());
            match direction {
                Direction::Up => {
                    repo.mark_running(conn, &migration.name, batch, &migration.checksum)
                        .await
                }
                Direction::Down => {
                    repo.set_state(conn, &migration.name, RowState::RollingBack)
                        .await
                }
            }
            .map_err(|e| wrap(&migration.name, None, e))?;
        }
        let result = self
            .execute_marked(migration, steps, direction, how, marked)
            .await;
        if marked && result.is_err() {
            let conn = self.conn.as_mut();
            let repo = Repository::new(&self.options.table, self.dialect.as_ref());
            let restored = match direction {
                Direction::Up => repo.delete(conn, &migration.name).await,
                Direction::Down => {
                    repo.set_state(conn, &migration.name, RowState::Applied)
                        .await
                }
            };
            if let Err(e) = restored {
                tracing::warn!(
                    "could not restore the tracking row of {}: {e}; it shows as interrupted",
                    migration.name
                );
            }
        }
        result
    }

    /// Whether the migration and its row commit together: inside a transaction (its own or
    /// the batch's) on a database with transactional DDL.
    fn transactional(&self, how: Record) -> bool {
        (how.own_tx || how.in_batch) && self.dialect.capabilities().transactional_ddl
    }

    /// [`Migrator::execute_steps`] once the row is marked (when `marked`).
    async fn execute_marked(
        &mut self,
        migration: &Migration,
        steps: &[Step],
        direction: Direction,
        how: Record,
        marked: bool,
    ) -> Result<()> {
        let Record {
            batch,
            fake,
            own_tx,
            rebuilds,
            ..
        } = how;
        let transactional = self.transactional(how);
        if own_tx {
            self.conn
                .begin()
                .await
                .map_err(|e| wrap(&migration.name, None, e.into()))?;
            if transactional {
                self.fence()
                    .await
                    .map_err(|e| wrap(&migration.name, None, e))?;
            }
        }
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
                Direction::Up if marked => repo.mark_applied(conn, &migration.name).await,
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

/// How [`Migrator::execute_steps`] runs and records a migration.
#[derive(Clone, Copy)]
struct Record {
    batch: i64,
    fake: bool,
    own_tx: bool,
    in_batch: bool,
    rebuilds: bool,
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
