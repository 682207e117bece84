//! The C ABI between dbm (the host) and a driver plugin: one entry symbol, one table.
//!
//! A plugin exports one unmangled function, [`ENTRY_SYMBOL`] (`dbm_driver_entry`), of type
//! [`EntryFn`]. It returns a pointer to a [`DriverTable`] that lives as long as the process:
//!
//! ```text
//! #[repr(C)] struct DriverTable {
//!     abi_version: u32,            // ABI_VERSION; always the first field
//!     name:        StrRef,         // the driver's name, UTF-8, [a-z0-9_]+
//!     version:     StrRef,         // the driver's version, UTF-8
//!     call:        CallFn,         // one serialized request in, one serialized response out
//!     free:        FreeFn,         // frees a buffer that `call` returned
//! }
//! ```
//!
//! # One `call` for every operation
//!
//! Rather than one C function per operation (connect, execute, query, ...), the table holds a
//! single [`CallFn`] carrying a serialized [`Request`](crate::wire::Request) — a tagged enum
//! with one variant per operation — and returning a serialized
//! [`Response`](crate::wire::Response). Every operation is still "a function over byte
//! buffers", but adding one changes only the [wire format](crate::wire), which is versioned on
//! its own and answers unknown operations with "unsupported"; the table, and so
//! [`ABI_VERSION`], stays the same.
//!
//! # Call convention and memory
//!
//! - The host calls `call(request_ptr, request_len, &mut out)` from a thread of its own
//!   (never one that runs async tasks). The request buffer belongs to the host and is only
//!   borrowed for the call.
//! - The plugin writes an [`OutBuffer`] (`ptr`, `len`, `cap`) it allocated and returns
//!   [`CALL_OK`] when the buffer holds a wire response, or [`CALL_FAILED`] when it holds a
//!   UTF-8 message about a failure outside the wire protocol.
//! - The host copies the bytes and hands the buffer back through the same plugin's `free`
//!   (each side may have its own allocator): `free(out.ptr, out.len, out.cap)`. A null `ptr`
//!   is never freed.
//! - No panic crosses the boundary: the plugin catches every panic in `dbm_driver_entry` (which
//!   then returns null) and in `call` (which answers an error).
//!
//! # Versioning
//!
//! [`ABI_VERSION`] changes only when the table or the call convention changes incompatibly.
//! The host reads `abi_version` alone first (it is the first field of every version of the
//! table) and refuses a mismatch before it touches any other field.

#![allow(unsafe_code)] // `unsafe impl Send/Sync` for a table of raw pointers.

use std::ffi::CStr;

/// The version of the table layout and call convention described in this module.
pub const ABI_VERSION: u32 = 1;

/// The name of the symbol every plugin exports: an [`EntryFn`].
pub const ENTRY_SYMBOL: &str = "dbm_driver_entry";

/// [`ENTRY_SYMBOL`] as a C string, for symbol lookup.
pub const ENTRY_SYMBOL_C: &CStr = c"dbm_driver_entry";

/// `call` wrote a wire response into the out buffer.
pub const CALL_OK: i32 = 0;

/// `call` failed outside the wire protocol; the out buffer, when not null, holds a UTF-8
/// message.
pub const CALL_FAILED: i32 = 1;

/// The type of the entry symbol: returns the plugin's table, or null when the plugin could not
/// start (its driver panicked while being built).
pub type EntryFn = unsafe extern "C" fn() -> *const DriverTable;

/// The type of [`DriverTable::call`]: one serialized request in, one serialized response out.
///
/// `request` points to `request_len` bytes owned by the host; `response` points to an
/// [`OutBuffer`] the plugin fills. Returns [`CALL_OK`] or [`CALL_FAILED`].
pub type CallFn =
    unsafe extern "C" fn(request: *const u8, request_len: usize, response: *mut OutBuffer) -> i32;

/// The type of [`DriverTable::free`]: releases a buffer that `call` returned, given back
/// exactly as received.
pub type FreeFn = unsafe extern "C" fn(ptr: *mut u8, len: usize, cap: usize);

/// A borrowed UTF-8 string with a `'static` lifetime on the plugin's side.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct StrRef {
    /// The first byte.
    pub ptr: *const u8,
    /// The length in bytes.
    pub len: usize,
}

impl StrRef {
    /// Points at a string that lives for the whole process.
    pub const fn from_static(text: &'static str) -> Self {
        Self {
            ptr: text.as_ptr(),
            len: text.len(),
        }
    }
}

/// A buffer allocated by the plugin and returned from `call`: a `Vec<u8>`'s raw parts.
#[repr(C)]
#[derive(Debug)]
pub struct OutBuffer {
    /// The first byte, or null when nothing was written.
    pub ptr: *mut u8,
    /// The number of bytes written.
    pub len: usize,
    /// The allocation's capacity, needed to free it.
    pub cap: usize,
}

impl OutBuffer {
    /// An empty buffer for the plugin to fill.
    pub const fn empty() -> Self {
        Self {
            ptr: std::ptr::null_mut(),
            len: 0,
            cap: 0,
        }
    }
}

impl Default for OutBuffer {
    fn default() -> Self {
        Self::empty()
    }
}

/// What a plugin's [`ENTRY_SYMBOL`] returns: its ABI version, identity and functions.
///
/// # Notes
///
/// `abi_version` is and stays the first field, so a host can read it from a table of any
/// version. The table and the strings it points to live until the process exits.
#[repr(C)]
#[derive(Debug)]
pub struct DriverTable {
    /// [`ABI_VERSION`] of the plugin's build.
    pub abi_version: u32,
    /// The driver's name (`[a-z0-9_]+`), what `driver = "..."` selects.
    pub name: StrRef,
    /// The driver's version, shown by `dbm drivers`.
    pub version: StrRef,
    /// Runs one request; see [`CallFn`].
    pub call: CallFn,
    /// Frees a buffer returned by `call`; see [`FreeFn`].
    pub free: FreeFn,
}

// SAFETY: a table is immutable once built; its string pointers refer to `'static`, never
// mutated memory, and its functions are safe to call from any thread (the plugin serializes
// what needs it behind its own locks).
unsafe impl Send for DriverTable {}
// SAFETY: as above: shared references only read immutable data or call thread-safe functions.
unsafe impl Sync for DriverTable {}
