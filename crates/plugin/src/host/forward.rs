//! Re-emits a plugin's log events in the host, at their level and target.
//!
//! `tracing`'s macros need a target known at compile time, so each (target, level) pair the
//! plugins use gets a callsite of its own, built and registered once (and leaked: there are
//! few such pairs). Subscribers then filter and format a plugin's `dbm::sql` events exactly as
//! the host's own.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use tracing::callsite::{Callsite, Identifier};
use tracing::field::FieldSet;
use tracing::level_filters::LevelFilter;
use tracing::metadata::Kind;
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata};

use crate::wire::LogRecord;

/// Past this many distinct targets, records go out under [`FALLBACK_TARGET`].
const MAX_CALLSITES: usize = 512;

/// The target of records whose own target cannot get a callsite.
const FALLBACK_TARGET: &str = "dbm::plugin";

/// The most verbose level the host's subscribers may show, for the request's `log_level`.
pub(super) fn host_level() -> &'static str {
    match LevelFilter::current().into_level() {
        None => "off",
        Some(level) => crate::wire::level_name(&level),
    }
}

/// Emits each record through the host's current subscriber.
pub(super) fn emit(records: &[LogRecord]) {
    for record in records {
        let level = parse_level(&record.level);
        let callsite = callsite(&record.target, level);
        let metadata = callsite.metadata();
        if !tracing::dispatcher::get_default(|dispatch| dispatch.enabled(metadata)) {
            continue;
        }
        let fields = metadata.fields();
        let Some(message) = fields.field("message") else {
            continue;
        };
        let text = format_args!("{}", record.message);
        let values = [(&message, Some(&text as &dyn tracing::Value))];
        Event::dispatch(metadata, &fields.value_set(&values));
    }
}

fn parse_level(name: &str) -> Level {
    match name {
        "error" => Level::ERROR,
        "warn" => Level::WARN,
        "debug" => Level::DEBUG,
        "trace" => Level::TRACE,
        _ => Level::INFO,
    }
}

/// A callsite made at run time for one (target, level) pair.
struct Forwarded {
    metadata: OnceLock<Metadata<'static>>,
}

impl Callsite for Forwarded {
    fn set_interest(&self, _interest: Interest) {}

    fn metadata(&self) -> &Metadata<'_> {
        self.metadata
            .get()
            .expect("a forwarded callsite gets its metadata before it is registered")
    }
}

fn callsite(target: &str, level: Level) -> &'static Forwarded {
    static CALLSITES: OnceLock<Mutex<HashMap<(String, Level), &'static Forwarded>>> =
        OnceLock::new();
    let mut callsites = CALLSITES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let target = if callsites.len() >= MAX_CALLSITES {
        FALLBACK_TARGET
    } else {
        target
    };
    if let Some(callsite) = callsites.get(&(target.to_owned(), level)) {
        return callsite;
    }
    let callsite: &'static Forwarded = Box::leak(Box::new(Forwarded {
        metadata: OnceLock::new(),
    }));
    let leaked_target: &'static str = Box::leak(target.to_owned().into_boxed_str());
    let _ = callsite.metadata.set(Metadata::new(
        "event from a dbm driver plugin",
        leaked_target,
        level,
        None,
        None,
        None,
        FieldSet::new(&["message"], Identifier(callsite)),
        Kind::EVENT,
    ));
    tracing::callsite::register(callsite);
    callsites.insert((target.to_owned(), level), callsite);
    callsite
}
