//! Collects the `tracing` events a plugin's driver emits, for the host to re-emit.
//!
//! A plugin has its own copy of `tracing`, whose events never reach the host's subscriber.
//! So the plugin routes them to a collector that formats each event (level, target, message
//! with its fields) into a [`LogRecord`] in a buffer; [`serve`](crate::serve) drains the
//! buffer into every response, and the host re-emits the records at the same level and
//! target. The collector enables events up to the level the host asked for in the request
//! (the most verbose level the host shows), so nothing is formatted that the host would drop
//! for its level. Spans are not forwarded.
//!
//! The collector is the thread's default during each call ([`scoped`]); in a real plugin it is
//! also the global default ([`install_global`]), so events from the runtime's worker threads
//! are collected too. Events of concurrent calls share the buffer: each lands in one of the
//! responses, not necessarily its own call's.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Dispatch, Event, Level, Metadata, Subscriber};

use crate::wire::{LogRecord, level_name, log_level_rank};

/// At most this many records wait in the buffer; later ones are counted and dropped.
const MAX_BUFFERED: usize = 10_000;

/// The most verbose level to collect, as a rank of [`crate::wire::LOG_LEVELS`].
static LEVEL: AtomicU8 = AtomicU8::new(0);

struct Buffer {
    records: Vec<LogRecord>,
    dropped: usize,
}

static BUFFER: Mutex<Buffer> = Mutex::new(Buffer {
    records: Vec::new(),
    dropped: 0,
});

fn dispatch() -> &'static Dispatch {
    static DISPATCH: OnceLock<Dispatch> = OnceLock::new();
    DISPATCH.get_or_init(|| Dispatch::new(Collector))
}

/// Sets the most verbose level to collect (`off`, `error`, ..., `trace`).
pub(crate) fn set_level(name: &str) {
    LEVEL.store(log_level_rank(name), Ordering::Relaxed);
}

/// Runs `f` with the collector as this thread's default subscriber.
pub(crate) fn scoped<R>(f: impl FnOnce() -> R) -> R {
    tracing::dispatcher::with_default(dispatch(), f)
}

/// Makes the collector the process's global default subscriber (in a plugin: the plugin's own
/// copy of `tracing`). Does nothing when one is already set.
pub(crate) fn install_global() {
    let _ = tracing::dispatcher::set_global_default(dispatch().clone());
}

/// Takes the collected records.
pub(crate) fn drain() -> Vec<LogRecord> {
    let mut buffer = BUFFER.lock().unwrap_or_else(PoisonError::into_inner);
    let mut records = std::mem::take(&mut buffer.records);
    if buffer.dropped > 0 {
        records.push(LogRecord {
            level: "warn".into(),
            target: "dbm::plugin".into(),
            message: format!("{} log events of the plugin were dropped", buffer.dropped),
        });
        buffer.dropped = 0;
    }
    records
}

fn rank(level: &Level) -> u8 {
    log_level_rank(level_name(level))
}

/// The subscriber that fills the buffer.
struct Collector;

impl Subscriber for Collector {
    fn register_callsite(&self, _metadata: &'static Metadata<'static>) -> Interest {
        // The level changes per request: ask `enabled` every time.
        Interest::sometimes()
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.is_event() && rank(metadata.level()) <= LEVEL.load(Ordering::Relaxed)
    }

    fn new_span(&self, _span: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _span: &Id, _values: &Record<'_>) {}

    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let metadata = event.metadata();
        let mut text = Text::default();
        event.record(&mut text);
        let record = LogRecord {
            level: level_name(metadata.level()).into(),
            target: metadata.target().into(),
            message: text.finish(),
        };
        let mut buffer = BUFFER.lock().unwrap_or_else(PoisonError::into_inner);
        if buffer.records.len() < MAX_BUFFERED {
            buffer.records.push(record);
        } else {
            buffer.dropped += 1;
        }
    }

    fn enter(&self, _span: &Id) {}

    fn exit(&self, _span: &Id) {}
}

/// An event's message followed by its other fields as `name=value`.
#[derive(Default)]
struct Text {
    message: String,
    fields: String,
}

impl Text {
    fn finish(self) -> String {
        match (self.message.is_empty(), self.fields.is_empty()) {
            (_, true) => self.message,
            (true, false) => self.fields,
            (false, false) => format!("{} {}", self.message, self.fields),
        }
    }
}

impl Visit for Text {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message.push_str(value);
        } else {
            self.record_debug(field, &value);
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.message, "{value:?}");
        } else {
            if !self.fields.is_empty() {
                self.fields.push(' ');
            }
            let _ = write!(self.fields, "{}={value:?}", field.name());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_up_to_the_level_are_collected_with_their_fields() {
        set_level("debug");
        scoped(|| {
            tracing::debug!(target: "dbm::sql", rows = 3, "SELECT 1");
            tracing::trace!(target: "dbm::sql", "too verbose");
        });
        let records = drain();
        let record = records
            .iter()
            .find(|r| r.message.starts_with("SELECT 1"))
            .expect("collected");
        assert_eq!(record.level, "debug");
        assert_eq!(record.target, "dbm::sql");
        assert_eq!(record.message, "SELECT 1 rows=3");
        assert!(!records.iter().any(|r| r.message == "too verbose"));
    }
}
