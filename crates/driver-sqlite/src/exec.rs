//! Running statements on SQLite's own handle, on the calling thread.
//!
//! sqlx runs each SQLite connection on a worker thread and streams every statement's result
//! back through a channel: a thread hand-off per statement. A migration's statements (a
//! `BEGIN ... COMMIT` script) instead run here, one `sqlite3_exec` each, while sqlx's
//! [`LockedSqliteHandle`](sqlx::sqlite::LockedSqliteHandle) holds its worker: one hand-off
//! per batch, and the failing statement's index is exact.

#![allow(unsafe_code)]

use std::ffi::{CStr, CString, c_char};
use std::ptr::{self, NonNull};

use libsqlite3_sys as ffi;

/// Runs `sql` (one statement) on `db`; the error is SQLite's message.
///
/// `db` must be an open connection that nothing else uses during the call: the caller holds
/// sqlx's `LockedSqliteHandle` for it.
pub(crate) fn exec(db: NonNull<ffi::sqlite3>, sql: &str) -> Result<(), String> {
    let sql = CString::new(sql).map_err(|_| "the statement contains a NUL byte".to_string())?;
    let mut message: *mut c_char = ptr::null_mut();
    // SAFETY: `db` is a valid, open connection used by this thread alone for the duration of
    // the call (the caller holds sqlx's lock on it); `sql` is NUL-terminated and outlives the
    // call; no callback is passed; `message` is either left null or set to a string that
    // SQLite allocated, freed below with `sqlite3_free`.
    let code = unsafe {
        ffi::sqlite3_exec(
            db.as_ptr(),
            sql.as_ptr(),
            None,
            ptr::null_mut(),
            &mut message,
        )
    };
    if code == ffi::SQLITE_OK {
        return Ok(());
    }
    if message.is_null() {
        // SAFETY: `sqlite3_errstr` returns a pointer to a static NUL-terminated string.
        let text = unsafe { CStr::from_ptr(ffi::sqlite3_errstr(code)) };
        return Err(text.to_string_lossy().into_owned());
    }
    // SAFETY: `message` is a NUL-terminated string allocated by SQLite; it is read once and
    // then released with `sqlite3_free`, after which it is not used.
    let text = unsafe { CStr::from_ptr(message) }
        .to_string_lossy()
        .into_owned();
    // SAFETY: as above; SQLite allocated `message` for the caller to free.
    unsafe { ffi::sqlite3_free(message.cast()) };
    Err(text)
}
