//! One module per command.

pub mod check;
pub mod completions;
pub mod db;
pub mod drivers;
pub mod init;
pub mod make_migration;
pub mod migrate;
pub mod resolve;
pub mod schema;
pub mod schema_dump;
pub mod seed;
pub mod status;

use std::time::Duration;

/// `3 ms`, `1.24 s`.
pub fn format_duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{} ms", ms.round() as u64)
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

/// Milliseconds for JSON documents.
pub fn millis(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0
}
