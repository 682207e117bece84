//! `migration:status`.

use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use dbm_core::migrator::{Migrator, State};
use serde_json::json;

use crate::context::Context;
use crate::error::CliResult;
use crate::printer::style;

/// Prints a table (or a JSON document) of every migration's state. Creates nothing.
pub async fn execute(ctx: &Context) -> CliResult<()> {
    let (migrations, opened) = ctx.load_and_open_read_only().await?;
    let mut migrator = Migrator::new(opened.conn, opened.driver.dialect(), migrations)
        .options(ctx.migrator_options(false, true));
    let status = migrator.status().await;
    let closed = migrator.close().await;
    let entries = status?;
    closed?;
    let printer = ctx.printer;
    if printer.json_mode() {
        printer.json(&json!({
            "connection": opened.config.name,
            "migrations": entries,
        }));
        return Ok(());
    }
    if entries.is_empty() {
        printer.line("No migrations found");
        return Ok(());
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(["Name", "Status", "Batch", "Migrated at"]);
    for entry in &entries {
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
            entry.migration_time.clone().unwrap_or_default(),
        ]);
    }
    printer.line(&table.to_string());
    Ok(())
}
