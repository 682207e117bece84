//! `migration:status`.

use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use dbm_core::migration::Direction;
use dbm_core::migrator::{State, StatusEntry, status_entries_with_dump};

use crate::context::{Context, LockChoice};
use crate::error::{CliError, CliResult};
use crate::printer::{json_time, style, table_time};

/// Prints a table (or a JSON document) of every migration's state. Creates nothing. With
/// `exit_code`, exits 1 when a migration is interrupted, else 3 when one is pending.
pub async fn execute(ctx: &Context, exit_code: bool) -> CliResult<()> {
    let (migrations, applied, mut opened) = ctx.load_and_read_applied().await?;
    let lock = ctx.lock_choice(&mut opened).await?;
    let dump = ctx.schema_dump(None)?;
    let entries = status_entries_with_dump(&migrations, &applied, dump.as_ref());
    print(ctx, &opened.config.name, &entries, &lock);
    for entry in entries.iter().filter(|e| e.status == State::Interrupted) {
        ctx.printer.warn(&format!(
            "{} was interrupted: a dbm process stopped in the middle of it; `dbm migration:run` \
             explains, `dbm migration:resolve {} --applied | --rolled-back` records the truth",
            entry.name, entry.name
        ));
    }
    for entry in entries.iter().filter(|e| e.status == State::Pending) {
        let unfinished = migrations
            .iter()
            .find(|m| m.name == entry.name)
            .and_then(|m| Some((m, m.unfinished(Direction::Up)?)));
        if let Some((migration, gap)) = unfinished {
            ctx.printer.warn(&format!(
                "{} is not finished: {gap}; the commands that would run it refuse until it is",
                migration.shown_file()
            ));
        }
    }
    opened.conn.close().await.map_err(dbm_core::Error::from)?;
    if !exit_code {
        return Ok(());
    }
    let count = |state: State| entries.iter().filter(|e| e.status == state).count();
    let interrupted = count(State::Interrupted);
    if interrupted > 0 {
        return Err(CliError::Reported {
            message: format!(
                "{interrupted} interrupted migration{}: `dbm migration:run` explains, \
                 `dbm migration:resolve` settles",
                if interrupted == 1 { "" } else { "s" }
            ),
            code: 1,
        });
    }
    if count(State::Pending) > 0 {
        // Pending is an answer, not an error: the exit code says it, nothing more is printed.
        return Err(CliError::Reported {
            message: String::new(),
            code: 3,
        });
    }
    Ok(())
}

fn print(ctx: &Context, connection: &str, entries: &[StatusEntry], lock: &LockChoice) {
    let printer = ctx.printer;
    if printer.json_mode() {
        #[derive(serde::Serialize)]
        struct Document<'a> {
            connection: &'a str,
            lock: &'a LockChoice,
            migrations: &'a [StatusEntry],
        }
        let entries: Vec<StatusEntry> = entries
            .iter()
            .map(|e| StatusEntry {
                migration_time: e.migration_time.as_deref().map(json_time),
                ..e.clone()
            })
            .collect();
        printer.json(&Document {
            connection,
            lock,
            migrations: &entries,
        });
        return;
    }
    let lock_line = format!("Lock: {} ({})", lock.strategy.word(), lock.reason);
    if entries.is_empty() {
        printer.line("No migrations found");
        printer.line(&lock_line);
        return;
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(["Name", "Status", "Batch", "Migrated at"]);
    for entry in entries {
        let style = match entry.status {
            State::Completed | State::Squashed => style::GREEN,
            State::Pending => style::YELLOW,
            State::Changed | State::Missing | State::Interrupted => style::RED,
        };
        table.add_row([
            entry.name.clone(),
            printer.styled_stdout(style, entry.status.word()),
            entry
                .batch
                .map(|b| b.to_string())
                .unwrap_or_else(|| "-".into()),
            entry
                .migration_time
                .as_deref()
                .map(table_time)
                .unwrap_or_default(),
        ]);
    }
    printer.line(&table.to_string());
    printer.line(&lock_line);
}
