//! `migration:status`.

use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use dbm_core::migrator::{State, StatusEntry, status_entries};

use crate::context::Context;
use crate::error::CliResult;
use crate::printer::{json_time, style, table_time};

/// Prints a table (or a JSON document) of every migration's state. Creates nothing.
pub async fn execute(ctx: &Context) -> CliResult<()> {
    let (migrations, applied, opened) = ctx.load_and_read_applied().await?;
    let entries = status_entries(&migrations, &applied);
    print(ctx, &opened.config.name, &entries);
    Ok(opened.conn.close().await.map_err(dbm_core::Error::from)?)
}

fn print(ctx: &Context, connection: &str, entries: &[StatusEntry]) {
    let printer = ctx.printer;
    if printer.json_mode() {
        #[derive(serde::Serialize)]
        struct Document<'a> {
            connection: &'a str,
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
            migrations: &entries,
        });
        return;
    }
    if entries.is_empty() {
        printer.line("No migrations found");
        return;
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(["Name", "Status", "Batch", "Migrated at"]);
    for entry in entries {
        let style = match entry.status {
            State::Completed => style::GREEN,
            State::Pending => style::YELLOW,
            State::Changed | State::Missing => style::RED,
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
}
