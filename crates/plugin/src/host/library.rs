//! Opening a plugin library and talking to its table: the host's only unsafe code.
//!
//! A library is opened with libloading and never unloaded (its runtime threads and
//! thread-locals would outlive their code): the `Library` is leaked, and the table it returns
//! is used as `&'static`.

#![allow(unsafe_code)] // dlopen, symbol lookup, and calls through the C table.

use std::path::Path;

use libloading::Library;

use super::error::PluginError;
use crate::abi::{ABI_VERSION, CALL_OK, DriverTable, ENTRY_SYMBOL_C, EntryFn, OutBuffer, StrRef};

/// What one call through the table gave back.
pub(super) enum Exchange {
    /// A wire response.
    Response(Vec<u8>),
    /// A failure outside the wire protocol, with the plugin's message.
    Failed(String),
}

/// Opens the library at `path`, calls its entry point and checks its ABI version.
///
/// # Errors
///
/// [`PluginError::NotALibrary`], [`PluginError::MissingEntry`], [`PluginError::Panicked`]
/// (the entry point returned null), [`PluginError::AbiMismatch`].
pub(super) fn open(path: &Path) -> Result<&'static DriverTable, PluginError> {
    // SAFETY: loading runs the library's initialisers, which no caller can check: the user named
    // this file as a dbm driver plugin. It is never unloaded, so its termination routines never
    // run while dbm uses it.
    let library = unsafe { Library::new(path) }.map_err(|e| PluginError::NotALibrary {
        path: path.to_path_buf(),
        reason: error_chain(&e),
    })?;
    // SAFETY: the symbol is declared by the ABI as `extern "C" fn() -> *const DriverTable`;
    // the fn pointer is copied out and stays valid because the library is never unloaded.
    let entry: EntryFn = match unsafe { library.get::<EntryFn>(ENTRY_SYMBOL_C) } {
        Ok(symbol) => *symbol,
        Err(_) => {
            return Err(PluginError::MissingEntry {
                path: path.to_path_buf(),
            });
        }
    };
    // Never unload: the plugin's runtime, threads and thread-locals live as long as the process.
    std::mem::forget(library);
    // SAFETY: the entry point takes no arguments, catches its own panics and returns either
    // null or a pointer to a table that lives as long as the process.
    let table = unsafe { entry() };
    if table.is_null() {
        return Err(PluginError::Panicked {
            path: path.to_path_buf(),
            message: "its entry point `dbm_driver_entry` returned no table (building the \
                      driver panicked)"
                .into(),
        });
    }
    // SAFETY: every version of the table starts with `abi_version: u32`; only that field is
    // read before the version is known to match.
    let abi_version = unsafe { table.cast::<u32>().read() };
    if abi_version != ABI_VERSION {
        return Err(PluginError::AbiMismatch {
            path: path.to_path_buf(),
            found: abi_version,
            expected: ABI_VERSION,
        });
    }
    // SAFETY: the versions match, so the pointer is to a `DriverTable` of this layout that
    // lives (immutable) until the process exits.
    Ok(unsafe { &*table })
}

/// Reads one of the table's strings.
///
/// # Errors
///
/// A description of what is wrong (null, not UTF-8).
pub(super) fn read_str(text: StrRef) -> Result<String, String> {
    if text.ptr.is_null() {
        return Err("a null string".into());
    }
    // SAFETY: the table's strings point to `len` bytes that live as long as the process.
    let bytes = unsafe { std::slice::from_raw_parts(text.ptr, text.len) };
    String::from_utf8(bytes.to_vec()).map_err(|_| "a string that is not UTF-8".into())
}

/// Calls the table's `call` with one request; copies the answer and frees the plugin's buffer.
pub(super) fn exchange(table: &DriverTable, request: &[u8]) -> Exchange {
    let mut out = OutBuffer::empty();
    // SAFETY: `request` is valid for reads for the whole call; `out` is a valid, writable
    // `OutBuffer`. The plugin catches its own panics.
    let code = unsafe { (table.call)(request.as_ptr(), request.len(), &mut out) };
    let bytes = if out.ptr.is_null() {
        Vec::new()
    } else {
        // SAFETY: the plugin wrote `len` initialised bytes at `ptr`, valid until freed below.
        let bytes = unsafe { std::slice::from_raw_parts(out.ptr, out.len) }.to_vec();
        // SAFETY: the buffer came from this plugin's `call` and is given back once, as is.
        unsafe { (table.free)(out.ptr, out.len, out.cap) };
        bytes
    };
    if code == CALL_OK {
        Exchange::Response(bytes)
    } else {
        let message = String::from_utf8_lossy(&bytes).into_owned();
        Exchange::Failed(if message.is_empty() {
            format!("its `call` returned {code} with no message")
        } else {
            message
        })
    }
}

fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut current = error.source();
    while let Some(cause) = current {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        current = cause.source();
    }
    text
}
