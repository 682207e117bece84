//! `migration:run`, `migration:rollback`, `migration:reset`, `migration:refresh`,
//! `migration:fresh`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use dbm_core::driver::DropAllOptions;
use dbm_core::migration::Direction;
use dbm_core::migrator::{
    CheckScope, Event, Migrator, Report, RollbackTarget, RunOptions, RunTarget,
};
use dbm_core::seed::Seeder;
use serde_json::json;

use super::{format_duration, millis};
use crate::args::{ApplyArgs, SchemaFormat};
use crate::context::Context;
use crate::error::{CliError, CliResult};
use crate::printer::{Printer, style};

/// What to do, after the flags are resolved.
pub enum Action {
    /// `migration:run`.
    Run {
        /// `--fake`.
        fake: bool,
        /// Not `--no-check`.
        check: bool,
        /// `--schema-path`.
        schema_path: Option<PathBuf>,
        /// `--to`, `--step`.
        target: RunTarget,
    },
    /// `migration:rollback`, `migration:reset`.
    Rollback(RollbackTarget),
    /// `migration:refresh`.
    Refresh {
        /// Not `--no-check`.
        check: bool,
    },
    /// `migration:fresh`; the flag is not `--no-check`, the path `--schema-path`.
    Fresh(DropAllOptions, bool, Option<PathBuf>),
}

/// Collects what happened, for the JSON document.
#[derive(Default)]
struct Progress {
    /// The migrations that completed.
    done: Vec<serde_json::Value>,
    /// `fresh`'s drop step: what it dropped and how long it took.
    dropped: Option<serde_json::Value>,
}

fn render(
    printer: Printer,
    compact: bool,
    progress: Arc<Mutex<Progress>>,
) -> impl FnMut(&Event) + Send {
    move |event| match event {
        Event::LockWaiting { timeout } => printer.warn(&format!(
            "another dbm process holds the migration lock; waiting up to {}",
            humantime::format_duration(*timeout)
        )),
        Event::Started { .. } => {}
        Event::Finished {
            name,
            direction,
            duration,
            statements,
            fake,
        } => {
            if let Ok(mut p) = progress.lock() {
                p.done.push(json!({
                    "name": name,
                    "direction": direction,
                    "duration_ms": millis(*duration),
                }));
            }
            if !statements.is_empty() || compact {
                if !compact {
                    print_statements(printer, name, statements);
                }
                return;
            }
            let word = match direction {
                Direction::Up if *fake => "faked",
                Direction::Up => "migrated",
                Direction::Down => "reverted",
            };
            printer.arrow(
                word,
                style::GREEN,
                &format!("{name} ({})", format_duration(*duration)),
            );
        }
        Event::Failed { name, .. } => printer.arrow("error", style::RED, name),
        Event::Dropped { summary, duration } => {
            if let Ok(mut p) = progress.lock() {
                p.dropped = Some(json!({
                    "step": "drop",
                    "duration_ms": millis(*duration),
                    "dropped": summary,
                }));
            }
            for table in &summary.tables {
                printer.arrow("dropped", style::YELLOW, &format!("table {table}"));
            }
            for view in &summary.views {
                printer.arrow("dropped", style::YELLOW, &format!("view {view}"));
            }
            for ty in &summary.types {
                printer.arrow("dropped", style::YELLOW, &format!("type {ty}"));
            }
        }
        Event::SchemaLoaded {
            path,
            migrations,
            duration,
        } => printer.arrow(
            "loaded",
            style::GREEN,
            &format!(
                "schema dump {path} ({migrations} migrations, {})",
                format_duration(*duration)
            ),
        ),
        Event::Warning { message } => printer.warn(message),
    }
}

/// Prints a migration's or seeder's statements between rules (dry runs).
pub fn print_statements(printer: Printer, name: &str, statements: &[String]) {
    printer.line(&printer.styled(style::DIM, &format!("------------- {name} -------------")));
    for statement in statements {
        let statement = statement.trim_end();
        let end = if statement.ends_with(';') { "" } else { ";" };
        printer.line(&format!("{statement}{end}"));
    }
    printer.line(&printer.styled(style::DIM, "------------- END -------------"));
}

/// Runs one of the migrating commands, then `seeders` when given (`--seed`).
pub async fn execute(
    ctx: &Context,
    action: Action,
    apply: &ApplyArgs,
    dry_run: bool,
    seeders: Option<Vec<Seeder>>,
) -> CliResult<()> {
    let printer = ctx.printer;
    match &action {
        Action::Run { .. } if !dry_run => ctx.guard_production(apply.force, "run migrations")?,
        Action::Run { .. } => {}
        Action::Rollback(_) if !dry_run => {
            ctx.guard_rollback(apply.force, "roll back migrations")?
        }
        Action::Rollback(_) => {}
        Action::Refresh { .. } => ctx.guard_rollback(apply.force, "refresh the database")?,
        Action::Fresh(..) => ctx.guard_production(apply.force, "drop every table and migrate")?,
    }
    let migrations = ctx.migrations()?;
    // Before a run, a connection that creates nothing checks the migrations about to run
    // (unless --fake or --no-check) and that --to names a pending one.
    let (precheck_first, rules) = match &action {
        Action::Run {
            fake,
            check,
            target,
            ..
        } if !dry_run => {
            let rules = *check && !*fake;
            (rules || *target != RunTarget::All, rules)
        }
        _ => (false, false),
    };
    let schema_dump = match &action {
        Action::Run { schema_path, .. } | Action::Fresh(_, _, schema_path) => {
            ctx.schema_dump(schema_path.as_deref())?
        }
        Action::Rollback(_) | Action::Refresh { .. } => ctx.schema_dump(None)?,
    };
    let checked_against = if precheck_first {
        let target = match &action {
            Action::Run { target, .. } => target.clone(),
            _ => RunTarget::All,
        };
        match precheck(ctx, &migrations, &target, rules, schema_dump.clone()).await {
            Ok(applied) => applied,
            Err(error) => {
                if printer.json_mode()
                    && let CliError::Core(check @ dbm_core::Error::Check { .. }) = &error
                {
                    printer.json(&error_document(&ctx.connection()?.name, check, Vec::new()));
                }
                return Err(error);
            }
        }
    } else {
        None
    };
    // Only a command that applies migrations creates a missing SQLite file: rolling back a
    // database that does not exist finds nothing to do and leaves no file behind.
    let creates = matches!(
        action,
        Action::Run { .. } | Action::Refresh { .. } | Action::Fresh(..)
    );
    let opened = ctx.open(creates && !dry_run).await?;
    let connection_name = opened.config.name.clone();
    let progress = Arc::new(Mutex::new(Progress::default()));
    let options = dbm_core::migrator::MigratorOptions {
        schema_dump,
        ..ctx.migrator_options(dry_run, apply.disable_locks)
    };
    let mut migrator = ctx
        .migrator(opened, migrations, options)
        .await?
        .on_event(render(printer, apply.compact_output, progress.clone()));
    let refuse_changed = ctx.config.is_production() && !apply.force;
    let run = RunOptions {
        fake: false,
        refuse_changed,
        checked_against: None,
        target: RunTarget::All,
    };
    let result: Result<Vec<Report>, dbm_core::Error> = async {
        Ok(match action {
            Action::Run {
                fake,
                check,
                target,
                ..
            } => {
                if check && !fake && dry_run {
                    migrator.check_pending_to(&target).await?;
                }
                let options = RunOptions {
                    fake,
                    checked_against,
                    target,
                    ..run
                };
                vec![migrator.run(options).await?]
            }
            Action::Rollback(target) => vec![migrator.rollback(target).await?],
            Action::Refresh { check } => {
                if check {
                    migrator.check(CheckScope::All).await?;
                }
                let (down, up) = migrator.refresh(run).await?;
                vec![down, up]
            }
            Action::Fresh(options, check, _) => {
                if check {
                    migrator.check(CheckScope::All).await?;
                }
                vec![migrator.fresh(&options, run).await?]
            }
        })
    }
    .await;
    let closed = migrator.close().await;
    match result {
        Ok(reports) => {
            closed?;
            let skip = apply.no_schema_generate || dry_run;
            let generated = super::schema::regenerate(ctx, skip).await;
            let schema = match &generated {
                Ok(Some(done)) => Some(done.json(SchemaFormat::Rust)),
                Ok(None) => None,
                Err(e) => Some(json!({ "status": "error", "error": e.render() })),
            };
            // With --json the seeders' entries go into the one document; otherwise their
            // lines follow the migrations' summary.
            let seeded = match &seeders {
                Some(seeders) if printer.json_mode() => {
                    Some(super::seed::run(ctx, seeders, false, apply.compact_output).await?)
                }
                _ => None,
            };
            let dropped = progress.lock().ok().and_then(|p| p.dropped.clone());
            summarize(
                ctx,
                &reports,
                apply.compact_output,
                &connection_name,
                Documented {
                    dropped,
                    schema,
                    seeded,
                },
            );
            if let Some(seeders) = &seeders
                && !printer.json_mode()
            {
                super::seed::run(ctx, seeders, false, apply.compact_output).await?;
            }
            match generated {
                Ok(Some(done)) => {
                    super::schema::report(ctx, &done, SchemaFormat::Rust);
                    Ok(())
                }
                Ok(None) => Ok(()),
                Err(e) => Err(CliError::Reported {
                    message: format!(
                        "the command succeeded, but the schema module was not regenerated: {}",
                        e.render()
                    ),
                    code: e.exit_code().max(1),
                }),
            }
        }
        Err(error) => {
            if printer.json_mode() {
                let (done, dropped) = progress
                    .lock()
                    .map(|p| (p.done.clone(), p.dropped.clone()))
                    .unwrap_or_default();
                let mut doc = error_document(&connection_name, &error, done);
                if let Some(step) = dropped {
                    doc["dropped"] = step["dropped"].clone();
                }
                printer.json(&doc);
            }
            if apply.compact_output {
                let count = progress.lock().map(|p| p.done.len()).unwrap_or_default();
                printer.line(&printer.styled(
                    style::RED,
                    &format!("❯ Executed {count} migrations, 1 error"),
                ));
            }
            Err(CliError::Core(error))
        }
    }
}

/// The `--json` document of a failed command: what completed and, when the checks refused
/// the run, their findings.
fn error_document(
    connection: &str,
    error: &dbm_core::Error,
    done: Vec<serde_json::Value>,
) -> serde_json::Value {
    let mut doc = json!({
        "connection": connection,
        "status": "error",
        "error": error.chain(),
        "migrations": done,
    });
    if let dbm_core::Error::Check { report } = error {
        doc["findings"] = json!(report.findings);
    }
    doc
}

/// Checks the pending migrations `target` picks on a connection that creates nothing (a
/// missing SQLite file is not created), so that a rejected run leaves no trace: the working
/// connection cannot do this read, since opening it creates a missing SQLite file and its
/// folder. Without `rules` only the target is checked (that it names a pending migration).
/// Returns the applied migrations the rules checked against: the run reads them again under
/// the lock, on the working connection, and checks again when they changed meanwhile.
async fn precheck(
    ctx: &Context,
    migrations: &[dbm_core::migration::Migration],
    target: &RunTarget,
    rules: bool,
    schema_dump: Option<dbm_core::dump::SchemaDump>,
) -> CliResult<Option<Vec<String>>> {
    let mut opened = ctx.open(false).await?;
    let galera = ctx.lock_choice(&mut opened).await?.galera;
    let options = dbm_core::migrator::MigratorOptions {
        galera,
        schema_dump,
        ..ctx.migrator_options(true, true)
    };
    let mut migrator = Migrator::new(opened.conn, opened.dialect.clone(), migrations.to_vec())
        .options(options)
        .on_event(render(
            ctx.printer,
            false,
            Arc::new(Mutex::new(Progress::default())),
        ));
    let result = if rules {
        migrator.check_pending_to(target).await.map(Some)
    } else {
        migrator.pending_to(target).await.map(|_| None)
    };
    let closed = migrator.close().await;
    let applied = result?;
    closed?;
    Ok(applied)
}

/// What the `--json` document holds besides the reports.
struct Documented {
    /// `fresh`'s drop step, the first of its steps.
    dropped: Option<serde_json::Value>,
    /// What the regeneration of the schema module did, when it ran.
    schema: Option<serde_json::Value>,
    /// The seeders' entries (`--seed`).
    seeded: Option<Vec<serde_json::Value>>,
}

/// The summary lines, or the `--json` document: one report's fields at the top level, or
/// `"steps"` when the command had several (refresh: reset and run; fresh: drop and run).
fn summarize(
    ctx: &Context,
    reports: &[Report],
    compact: bool,
    connection: &str,
    extra: Documented,
) {
    let printer = ctx.printer;
    if printer.json_mode() {
        let docs: Vec<_> = reports
            .iter()
            .map(|r| {
                let mut doc = json!({
                    "direction": r.direction,
                    "batch": r.batch,
                    "dry_run": r.dry_run,
                    "duration_ms": millis(r.duration),
                    "migrations": r.migrations.iter().map(|m| {
                        let mut doc = json!({ "name": m.name, "duration_ms": millis(m.duration) });
                        if r.dry_run {
                            doc["statements"] = json!(m.statements);
                        }
                        doc
                    }).collect::<Vec<_>>(),
                });
                if let Some(path) = &r.loaded_dump {
                    doc["loaded_dump"] = json!(path);
                }
                doc
            })
            .collect();
        let mut doc = json!({ "connection": connection, "status": "ok" });
        match (extra.dropped, docs.as_slice()) {
            (None, [single]) => {
                if let (Some(obj), Some(fields)) = (doc.as_object_mut(), single.as_object()) {
                    obj.extend(fields.clone());
                }
            }
            (dropped, _) => {
                let run = reports.iter().zip(docs).map(|(report, mut step)| {
                    step["step"] = json!(match report.direction {
                        Direction::Up => "run",
                        Direction::Down => "reset",
                    });
                    step
                });
                doc["steps"] = json!(dropped.into_iter().chain(run).collect::<Vec<_>>());
            }
        }
        if let Some(schema) = extra.schema {
            doc["schema"] = schema;
        }
        if let Some(seeded) = extra.seeded {
            doc["seeders"] = json!(seeded);
        }
        printer.json(&doc);
        return;
    }
    for report in reports {
        let count = report.migrations.len();
        let (done, nothing, verb) = match report.direction {
            Direction::Up => ("Migrated", "Already up to date", "Executed"),
            Direction::Down => ("Reverted", "Already at latest batch", "Reverted"),
        };
        let time = format_duration(report.duration);
        let text = if count == 0 {
            nothing.to_string()
        } else if compact {
            format!("❯ {verb} {count} migrations ({time})")
        } else if report.dry_run {
            format!("{count} migrations planned (dry run: nothing was changed)")
        } else {
            format!("{done} in {time}")
        };
        printer.line(&printer.styled(style::CYAN, &text));
    }
}
