//! Waiting for a lock another program holds on the database: SQLite's busy handler.
//!
//! dbm's own migration lock ([`crate::lock`]) keeps two dbm processes apart. Any other program
//! can still hold the database's write lock: a `sqlite3` shell inside `BEGIN EXCLUSIVE`, an
//! application in a write transaction. Every statement that needs that lock then waits in the
//! busy handler installed here. It waits up to the connection's lock timeout (the CLI passes
//! `migrations.lock_timeout`; five seconds when none is given), says once, as a `tracing`
//! warning the CLI prints like its own notices, that it waits and for how long, and then gives
//! up; [`BusyWait::explain`] turns the `database is locked` that follows into a message naming
//! the lock and the timeout.

#![allow(unsafe_code)]

use std::ffi::{c_int, c_void};
use std::path::PathBuf;
use std::ptr::NonNull;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use dbm_core::DriverError;
use libsqlite3_sys as ffi;

/// SQLite's message for `SQLITE_BUSY`.
const BUSY_MESSAGE: &str = "database is locked";

/// How long a wait lasts before the notice: a commit of another connection is shorter.
const NOTICE_AFTER: Duration = Duration::from_millis(100);

/// The wait of one connection: its timeout and what happened.
#[derive(Debug)]
pub(crate) struct BusyWait {
    timeout: Duration,
    database: PathBuf,
    /// When the current wait started.
    started: Mutex<Option<Instant>>,
    /// The notice was given (once per connection).
    told: AtomicBool,
    /// The last wait ended because the timeout passed.
    gave_up: AtomicBool,
}

impl BusyWait {
    /// The wait of a connection to `database`.
    pub fn new(database: PathBuf, timeout: Duration) -> Self {
        Self {
            timeout,
            database,
            started: Mutex::new(None),
            told: AtomicBool::new(false),
            gave_up: AtomicBool::new(false),
        }
    }

    /// One call of the busy handler: true to try again, false to give up.
    fn on_busy(&self, count: c_int) -> bool {
        let now = Instant::now();
        let started = match self.started.lock() {
            Ok(mut started) => {
                if count == 0 || started.is_none() {
                    *started = Some(now);
                }
                started.unwrap_or(now)
            }
            Err(_) => now,
        };
        let waited = now.duration_since(started);
        if waited >= self.timeout {
            self.gave_up.store(true, Ordering::Relaxed);
            return false;
        }
        if waited >= NOTICE_AFTER && !self.told.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                "another process holds the write lock of the SQLite database {}; waiting up to {} \
                 (migrations.lock_timeout)",
                self.database.display(),
                humantime::format_duration(self.timeout)
            );
        }
        let pause = if count < 10 {
            Duration::from_millis(5)
        } else {
            Duration::from_millis(50)
        };
        std::thread::sleep(pause.min(self.timeout - waited));
        true
    }

    /// `error` with SQLite's bare `database is locked`, after a wait that timed out, replaced
    /// by what happened: which lock, and how long dbm waited.
    pub fn explain(&self, error: DriverError) -> DriverError {
        if !error.message.contains(BUSY_MESSAGE) || !self.gave_up.swap(false, Ordering::Relaxed) {
            return error;
        }
        DriverError::new(error.kind, self.message())
    }

    /// The message of a wait that timed out.
    pub fn message(&self) -> String {
        format!(
            "another process holds the write lock of the SQLite database {}; gave up after \
             waiting {} (migrations.lock_timeout)",
            self.database.display(),
            humantime::format_duration(self.timeout)
        )
    }

    /// True once, after a wait that timed out (for errors that are not yet a [`DriverError`]).
    pub fn timed_out(&self) -> bool {
        self.gave_up.swap(false, Ordering::Relaxed)
    }
}

extern "C" fn on_busy(state: *mut c_void, count: c_int) -> c_int {
    // SAFETY: `state` is the pointer `install` registered: a `&'static BusyWait`.
    let wait = unsafe { &*state.cast::<BusyWait>() };
    c_int::from(wait.on_busy(count))
}

/// Makes `wait` the busy handler of `db`, replacing sqlx's busy timeout.
///
/// `db` must be an open connection that nothing else uses during the call (the caller holds
/// sqlx's `LockedSqliteHandle`). `wait` lives as long as the process: sqlx may close the
/// database on its worker thread after the connection value is gone, and the handler must
/// never outlive what it reads. A process opens a handful of connections.
pub(crate) fn install(db: NonNull<ffi::sqlite3>, wait: &'static BusyWait) {
    let state = std::ptr::from_ref(wait).cast_mut().cast::<c_void>();
    // SAFETY: see the function's contract; the callback only reads through `state`.
    unsafe {
        ffi::sqlite3_busy_handler(db.as_ptr(), Some(on_busy), state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_gives_up_at_its_timeout_and_only_then_explains() {
        let wait = BusyWait::new(PathBuf::from("db.sqlite3"), Duration::from_millis(30));
        let locked = DriverError::query(BUSY_MESSAGE);
        assert_eq!(wait.explain(locked.clone()).message, BUSY_MESSAGE);
        let start = Instant::now();
        let mut count = 0;
        while wait.on_busy(count) {
            count += 1;
        }
        assert!(start.elapsed() >= Duration::from_millis(30));
        let explained = wait.explain(locked.clone()).message;
        assert!(explained.contains("write lock of the SQLite database db.sqlite3"));
        assert!(
            explained.contains("30ms (migrations.lock_timeout)"),
            "{explained}"
        );
        assert_eq!(wait.explain(locked).message, BUSY_MESSAGE, "once per wait");
    }
}
