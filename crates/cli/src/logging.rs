//! The log on stderr: the debug SQL log (dimmed) and `-v` diagnostics, through `tracing`.
//! Like every write of the CLI it ignores a closed stderr ([`crate::printer::stderr`]).

use std::fmt::Write as _;

use dbm_core::config::redact_in_text;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;

use crate::printer::style;

struct Message(String);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.0, "{value:?}");
        } else {
            let _ = write!(self.0, " {}={value:?}", field.name());
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.0.push_str(value);
        } else {
            let _ = write!(self.0, " {}={value}", field.name());
        }
    }
}

struct StderrLayer {
    color: bool,
}

impl<S: Subscriber> Layer<S> for StderrLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut message = Message(String::new());
        event.record(&mut message);
        let meta = event.metadata();
        let sql = [
            dbm_core::sql_log::TARGET,
            dbm_core::sql_log::BOOKKEEPING_TARGET,
        ];
        let text = if sql.contains(&meta.target()) {
            if self.color {
                format!(
                    "{}{}{}",
                    style::DIM.render(),
                    message.0,
                    style::DIM.render_reset()
                )
            } else {
                message.0
            }
        } else {
            let level = match *meta.level() {
                Level::ERROR => "error:",
                Level::WARN => "warning:",
                Level::INFO => "info:",
                Level::DEBUG => "debug:",
                Level::TRACE => "trace:",
            };
            format!("{level} {}", redact_in_text(&message.0))
        };
        crate::printer::stderr(&text);
    }
}

/// Installs the stderr log. The SQL log shows the statements of the work (migrations,
/// seeders, their transactions) with `debug_sql` (the connection's `debug = true`) or one
/// `-v`, and dbm's bookkeeping (the tracking tables, the lock) from `-vv` on; `verbose` also
/// raises the level of the diagnostics. `DBM_LOG` (an `EnvFilter` directive) overrides all
/// of it.
pub fn init(debug_sql: bool, verbose: u8, quiet: bool, color: bool) {
    let base = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        (false, _) => "trace",
    };
    let mut directives = format!("{base},sqlx=warn");
    if verbose >= 3 {
        directives = base.to_string();
    }
    let sql_level = if quiet {
        0
    } else {
        verbose.max(u8::from(debug_sql))
    };
    let (work, bookkeeping) = match sql_level {
        0 => ("off", "off"),
        1 => ("info", "off"),
        _ => ("info", "info"),
    };
    directives.push_str(&format!(
        ",{}={work},{}={bookkeeping}",
        dbm_core::sql_log::TARGET,
        dbm_core::sql_log::BOOKKEEPING_TARGET
    ));
    let filter = std::env::var("DBM_LOG")
        .ok()
        .and_then(|v| EnvFilter::try_new(v).ok())
        .unwrap_or_else(|| EnvFilter::new(directives));
    let _ = tracing_subscriber::registry()
        .with(StderrLayer { color }.with_filter(filter))
        .try_init();
}
