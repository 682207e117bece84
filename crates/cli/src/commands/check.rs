//! `migration:check`: every migration applied in order to a static schema model, without a
//! database (see [`dbm_core::check`]).
//!
//! The dialects checked are those of every configured connection, or of the `--connection`
//! given. Exit code 2 when any finding is an error; warnings alone exit 0.

use dbm_core::check::{self, CheckOptions, Finding, Level};
use dbm_core::config::LockStrategy;
use dbm_core::dialect::DialectInfo;
use dbm_core::migration::sql::SqlDialect;
use serde_json::json;

use crate::context::Context;
use crate::error::{CliError, CliResult};
use crate::printer::{Printer, style};

/// Runs the checks and prints the findings.
pub fn execute(ctx: &Context) -> CliResult<()> {
    let migrations = ctx.migrations()?;
    let printer = ctx.printer;
    let (checked, unresolved, galera) = dialects(ctx)?;
    for note in &unresolved {
        printer.warn(note);
    }
    let (dialects, infos): (Vec<String>, Vec<DialectInfo>) = checked.into_iter().unzip();
    let options = CheckOptions {
        dialects: infos,
        applied: None,
        galera,
    };
    let report = check::check(&migrations, &options);
    let errors = report.errors();
    if printer.json_mode() {
        printer.json(&json!({
            "migrations": migrations.len(),
            "checked": report.checked,
            "unchecked": report.unchecked,
            "dialects": dialects,
            "errors": errors,
            "warnings": report.warnings(),
            "findings": report.findings,
        }));
    } else {
        for finding in &report.findings {
            if !printer.quiet() {
                print_finding(printer, finding);
            } else if finding.level == Level::Error {
                printer.error(&finding.to_string());
            }
        }
        if !report.unchecked.is_empty() {
            const SHOWN: usize = 3;
            let count = report.unchecked.len();
            let mut names = report.unchecked[..count.min(SHOWN)].join(", ");
            if count > SHOWN {
                names.push_str(&format!(" and {} more", count - SHOWN));
            }
            printer.line(&printer.styled(
                style::DIM,
                &format!(
                    "note: the raw SQL of {count} migration{} is not checked (SQL is opaque to \
                     the model): {names}",
                    if count == 1 { "" } else { "s" }
                ),
            ));
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let summary = format!(
            "{} checked for {}: {}, {}",
            plural(migrations.len(), "migration"),
            dialects.join(", "),
            plural(errors, "error"),
            plural(report.warnings(), "warning")
        );
        if errors == 0 {
            printer.line(&printer.styled(style::GREEN, &format!("✓ {summary}")));
        } else {
            printer.line(&printer.styled(style::RED, &format!("✗ {summary}")));
        }
    }
    if errors > 0 {
        return Err(CliError::Reported {
            message: format!(
                "migration:check found {errors} error{}",
                if errors == 1 { "" } else { "s" }
            ),
            code: 2,
        });
    }
    Ok(())
}

/// The dialects of the configured connections (only `--connection`'s when given), by name with
/// their info, and a note for each connection whose driver could not be resolved.
type Checked = Vec<(String, DialectInfo)>;

/// The dialects to check for, the notes about connections that could not be resolved, and
/// whether a checked connection is a Galera cluster: a MySQL-family connection with
/// `lock = "table"` (the check opens no connection, so it goes by the configuration).
fn dialects(ctx: &Context) -> CliResult<(Checked, Vec<String>, bool)> {
    let connections = match &ctx.connection_flag {
        Some(_) => vec![ctx.connection()?.clone()],
        None => ctx.config.connections.values().cloned().collect(),
    };
    let mut dialects = Vec::new();
    let mut unresolved = Vec::new();
    let mut galera = false;
    let chosen = ctx.connection().ok().map(|c| c.name.clone());
    for connection in &connections {
        // The chosen connection's driver is already resolved (the migration source needed it).
        let dialect = if chosen.as_deref() == Some(connection.name.as_str()) {
            ctx.session().map(|session| session.dialect.clone())
        } else {
            ctx.driver_for(connection).map(|driver| driver.dialect())
        };
        match dialect {
            Ok(dialect) => {
                let info = dialect.info();
                galera |= connection.cluster.lock == LockStrategy::Table
                    && info.family.sql_dialect() == Some(SqlDialect::Mysql);
                dialects.push((dialect.name().to_string(), info));
            }
            Err(e) => unresolved.push(format!(
                "connection `{}` is not checked for its dialect: {}",
                connection.name,
                e.render()
            )),
        }
    }
    dialects.sort_by(|a, b| a.0.cmp(&b.0));
    dialects.dedup_by(|a, b| a.0 == b.0);
    Ok((dialects, unresolved, galera))
}

fn print_finding(printer: Printer, finding: &Finding) {
    let (word, color) = match finding.level {
        Level::Error => ("error", style::RED),
        Level::Warning => ("warning", style::YELLOW),
    };
    let entry = finding
        .entry
        .as_deref()
        .map(|e| format!(" {e}"))
        .unwrap_or_default();
    let place = finding.file.as_deref().unwrap_or(&finding.migration);
    printer.line(&format!(
        "{} {place}{entry}",
        printer.styled(color, &format!("{word}[{}]", finding.rule.code()))
    ));
    printer.line(&format!("  {}", finding.message));
    printer.line(&printer.styled(style::DIM, &format!("  fix: {}", finding.fix)));
}
