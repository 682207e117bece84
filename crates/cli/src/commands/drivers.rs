//! `drivers`.

use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use serde_json::json;

use crate::context::Registry;
use crate::printer::Printer;

/// Lists the drivers with their versions and where each was found.
pub fn execute(registry: &Registry, printer: Printer) {
    let rows: Vec<_> = registry
        .all()
        .map(|d| {
            (
                d.name().to_string(),
                d.version().to_string(),
                "built-in".to_string(),
            )
        })
        .collect();
    if printer.json_mode() {
        let drivers: Vec<_> = rows
            .iter()
            .map(|(name, version, source)| json!({ "name": name, "version": version, "source": source }))
            .collect();
        printer.json(&json!({ "drivers": drivers }));
        return;
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(["Driver", "Version", "Found"]);
    for (name, version, source) in rows {
        table.add_row([name, version, source]);
    }
    printer.line(&table.to_string());
}
