//! `drivers`: the built-in drivers and the plugins configured or found in the plugin folders.

use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use serde_json::json;

use crate::context::Context;
use crate::error::CliResult;
use crate::plugins::{Listed, list};

/// Lists the drivers with their versions and where each was found.
///
/// # Errors
///
/// A plugin that cannot load (exit code 2).
pub fn execute(ctx: &Context) -> CliResult<()> {
    let mut rows: Vec<Listed> = ctx
        .registry
        .all()
        .map(|d| Listed {
            name: d.name().to_string(),
            version: d.version().to_string(),
            source: "built-in",
            path: None,
        })
        .collect();
    rows.extend(list(&ctx.config)?);
    let printer = ctx.printer;
    if printer.json_mode() {
        printer.json(&json!({ "drivers": rows }));
        return Ok(());
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(["Driver", "Version", "Found"]);
    for row in rows {
        let found = match &row.path {
            Some(path) => format!("plugin {}", path.display()),
            None => row.source.to_string(),
        };
        table.add_row([row.name, row.version, found]);
    }
    printer.line(&table.to_string());
    Ok(())
}
