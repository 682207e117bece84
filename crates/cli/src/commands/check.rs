//! `migration:check`: loads every migration and checks it without a database.
//!
//! Every file must parse; every migration must be revertible (a `down` section, or an `up`
//! that reverses automatically); every `sql = { ... }` entry must have SQL for the dialect of
//! each configured connection.

use dbm_core::migration::{Direction, MigrationBody};
use dbm_core::schema::Operation;
use serde::Serialize;
use serde_json::json;

use crate::context::Context;
use crate::error::{CliError, CliResult};
use crate::printer::style;

/// One problem found.
#[derive(Debug, Serialize)]
pub struct Finding {
    /// `error` or `warning`.
    pub level: &'static str,
    /// The migration.
    pub migration: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Runs the checks; exit code 2 when any error is found.
pub fn execute(ctx: &Context) -> CliResult<()> {
    let migrations = ctx.migrations()?;
    let mut dialects: Vec<String> = ctx
        .config
        .connections
        .values()
        .map(|c| c.driver.clone())
        .collect();
    dialects.sort();
    dialects.dedup();
    let mut findings = Vec::new();
    for migration in &migrations {
        if let Err(e) = migration.steps(Direction::Down) {
            findings.push(Finding {
                level: "error",
                migration: migration.name.clone(),
                message: format!("{e}; add a [[down]] section"),
            });
        }
        if let MigrationBody::Schema { up, down } = &migration.body {
            let sections = [("up", Some(up)), ("down", down.as_ref())];
            for (section, ops) in sections {
                for (i, op) in ops.into_iter().flatten().enumerate() {
                    let Operation::Sql(sql) = op else { continue };
                    for dialect in &dialects {
                        if sql.for_dialect(dialect).is_none() {
                            findings.push(Finding {
                                level: "error",
                                migration: migration.name.clone(),
                                message: format!(
                                    "{section}[{i}].sql has no entry for {dialect} (a configured \
                                     connection uses it); add `{dialect} = \"...\"` or `default`"
                                ),
                            });
                        }
                    }
                }
            }
        }
    }
    let errors = findings.iter().filter(|f| f.level == "error").count();
    let printer = ctx.printer;
    if printer.json_mode() {
        printer.json(&json!({
            "migrations": migrations.len(),
            "errors": errors,
            "findings": findings,
        }));
    } else {
        for f in &findings {
            let text = format!("{}: {}", f.migration, f.message);
            if f.level == "error" {
                printer.error(&text);
            } else {
                printer.warn(&text);
            }
        }
        if errors == 0 {
            printer.line(&printer.styled(
                style::GREEN,
                &format!("✓ {} migrations checked, no errors", migrations.len()),
            ));
        }
    }
    if errors > 0 {
        return Err(CliError::Reported {
            message: format!("{errors} errors in migrations"),
            code: 2,
        });
    }
    Ok(())
}
