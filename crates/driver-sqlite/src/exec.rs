//! Running statements on SQLite's own handle, on the calling thread.
//!
//! sqlx runs each SQLite connection on a worker thread and streams every statement's result
//! back through a channel: a thread hand-off per statement. A migration's statements (a
//! `BEGIN ... COMMIT` script) instead run here, one `sqlite3_exec` each, while sqlx's
//! [`LockedSqliteHandle`](sqlx::sqlite::LockedSqliteHandle) holds its worker: one hand-off
//! per batch, and the failing statement's index is exact. Queries read their rows here too, in
//! each value's storage class.

#![allow(unsafe_code)]

use std::ffi::{CStr, CString, c_char};
use std::ptr::{self, NonNull};

use dbm_core::driver::{Row, Value};
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

/// A prepared statement, finalized when dropped.
struct Statement(NonNull<ffi::sqlite3_stmt>);

impl Drop for Statement {
    fn drop(&mut self) {
        // SAFETY: the statement was prepared by `sqlite3_prepare_v2` and is finalized once,
        // here.
        unsafe { ffi::sqlite3_finalize(self.0.as_ptr()) };
    }
}

/// SQLite's message for the connection's last error.
fn last_error(db: NonNull<ffi::sqlite3>) -> String {
    // SAFETY: `db` is a valid connection; `sqlite3_errmsg` returns a NUL-terminated string
    // owned by SQLite, read at once.
    unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(db.as_ptr())) }
        .to_string_lossy()
        .into_owned()
}

/// Runs `sql` (one statement) with `params` bound to `?1`, `?2`, ... on `db` and returns its
/// rows, each value in its SQLite storage class (INTEGER, REAL, TEXT, BLOB, NULL).
///
/// `db` must be an open connection that nothing else uses during the call: the caller holds
/// sqlx's `LockedSqliteHandle` for it.
pub(crate) fn query(
    db: NonNull<ffi::sqlite3>,
    sql: &str,
    params: &[Value],
) -> Result<Vec<Row>, String> {
    let length = i32::try_from(sql.len()).map_err(|_| "the statement is too long".to_string())?;
    let mut raw: *mut ffi::sqlite3_stmt = ptr::null_mut();
    // SAFETY: `db` is valid and used by this thread alone; `sql` points to `length` bytes of
    // UTF-8 that outlive the call; `raw` receives the statement or stays null.
    let code = unsafe {
        ffi::sqlite3_prepare_v2(
            db.as_ptr(),
            sql.as_ptr().cast(),
            length,
            &mut raw,
            ptr::null_mut(),
        )
    };
    if code != ffi::SQLITE_OK {
        return Err(last_error(db));
    }
    let Some(statement) = NonNull::new(raw).map(Statement) else {
        return Ok(Vec::new());
    };
    let stmt = statement.0.as_ptr();
    for (i, param) in params.iter().enumerate() {
        let index = i32::try_from(i + 1).map_err(|_| "too many parameters".to_string())?;
        // SAFETY: `stmt` is a live prepared statement; text and blob values are copied by
        // SQLite (`SQLITE_TRANSIENT`) before the call returns.
        let code = unsafe {
            match param {
                Value::Null => ffi::sqlite3_bind_null(stmt, index),
                Value::Bool(b) => ffi::sqlite3_bind_int64(stmt, index, i64::from(*b)),
                Value::Integer(n) => ffi::sqlite3_bind_int64(stmt, index, *n),
                Value::Float(f) => ffi::sqlite3_bind_double(stmt, index, *f),
                Value::Text(t) => ffi::sqlite3_bind_text64(
                    stmt,
                    index,
                    t.as_ptr().cast(),
                    t.len() as u64,
                    ffi::SQLITE_TRANSIENT(),
                    ffi::SQLITE_UTF8 as u8,
                ),
                Value::Bytes(b) => ffi::sqlite3_bind_blob64(
                    stmt,
                    index,
                    b.as_ptr().cast(),
                    b.len() as u64,
                    ffi::SQLITE_TRANSIENT(),
                ),
            }
        };
        if code != ffi::SQLITE_OK {
            return Err(last_error(db));
        }
    }
    let mut rows = Vec::new();
    loop {
        // SAFETY: `stmt` is a live prepared statement with every parameter bound.
        match unsafe { ffi::sqlite3_step(stmt) } {
            ffi::SQLITE_ROW => rows.push(read_row(stmt)),
            ffi::SQLITE_DONE => return Ok(rows),
            _ => return Err(last_error(db)),
        }
    }
}

/// The current row of `stmt`, which `sqlite3_step` just returned `SQLITE_ROW` for.
fn read_row(stmt: *mut ffi::sqlite3_stmt) -> Row {
    // SAFETY (every block below): `stmt` points at a row; column indexes are below the
    // column count; text and blob pointers are read with their byte lengths, which are
    // fetched after the pointers as SQLite's documentation requires, and copied before the
    // next step.
    let count = unsafe { ffi::sqlite3_column_count(stmt) };
    let mut values = Vec::with_capacity(usize::try_from(count).unwrap_or_default());
    for column in 0..count {
        let value = match unsafe { ffi::sqlite3_column_type(stmt, column) } {
            ffi::SQLITE_INTEGER => {
                Value::Integer(unsafe { ffi::sqlite3_column_int64(stmt, column) })
            }
            ffi::SQLITE_FLOAT => Value::Float(unsafe { ffi::sqlite3_column_double(stmt, column) }),
            ffi::SQLITE_TEXT => {
                let data = unsafe { ffi::sqlite3_column_text(stmt, column) };
                let len = unsafe { ffi::sqlite3_column_bytes(stmt, column) };
                Value::Text(String::from_utf8_lossy(bytes(data, len)).into_owned())
            }
            ffi::SQLITE_BLOB => {
                let data = unsafe { ffi::sqlite3_column_blob(stmt, column) };
                let len = unsafe { ffi::sqlite3_column_bytes(stmt, column) };
                Value::Bytes(bytes(data.cast(), len).to_vec())
            }
            _ => Value::Null,
        };
        values.push(value);
    }
    Row { values }
}

/// The `len` bytes at `data` (empty for a null pointer).
fn bytes<'a>(data: *const u8, len: i32) -> &'a [u8] {
    match usize::try_from(len) {
        Ok(len) if !data.is_null() && len > 0 => {
            // SAFETY: SQLite returned `data` with `len` valid bytes for the current row; the
            // caller copies them before the statement steps again.
            unsafe { std::slice::from_raw_parts(data, len) }
        }
        _ => &[],
    }
}
