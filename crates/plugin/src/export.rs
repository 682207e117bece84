//! The plugin side of the ABI: [`export_driver!`](crate::export_driver) and the functions of
//! the table it exports.
//!
//! `export_driver!(MyDriver)` emits the unmangled `extern "C" fn dbm_driver_entry()`. On its
//! first call the entry point installs the quiet panic hook and the log collector, builds the
//! driver once, and returns a table whose `call` runs [`serve`] under `catch_unwind` and whose
//! `free` releases the returned buffers. Everything lives until the process exits.

#![allow(unsafe_code)] // The exported `extern "C"` functions take raw pointers.

use std::mem::ManuallyDrop;
use std::sync::OnceLock;

use dbm_core::Driver;

use crate::abi::{ABI_VERSION, CALL_FAILED, CALL_OK, DriverTable, OutBuffer, StrRef};
use crate::plugin::{logs, panic};
use crate::serve;

/// Exports a driver as a dbm plugin: `dbm_plugin::export_driver!(MyDriver);`.
///
/// The argument is an expression building the driver (a unit struct, `MyDriver::new()`); it
/// runs once, on the host's first look at the plugin. The macro emits the unmangled
/// `extern "C" fn dbm_driver_entry()` of the [ABI](crate::abi), so:
///
/// - use it once, in a crate built as a `cdylib` (`crate-type = ["cdylib"]`), built with
///   `panic = "unwind"` (the default) so that panics can be caught and returned as errors;
/// - a driver crate that is also linked into binaries puts the line behind a cargo feature
///   (`#[cfg(feature = "plugin")]`), or two drivers linked into one binary would clash on the
///   symbol.
///
/// The crate may not `#![forbid(unsafe_code)]`: the expansion allows `unsafe_code` for the
/// `#[unsafe(no_mangle)]` attribute, which `deny` permits and `forbid` does not.
#[macro_export]
macro_rules! export_driver {
    ($driver:expr $(,)?) => {
        /// The entry point of this dbm driver plugin: returns its
        /// [`DriverTable`]($crate::abi::DriverTable).
        #[allow(unsafe_code)]
        #[unsafe(no_mangle)]
        pub extern "C" fn dbm_driver_entry() -> *const $crate::abi::DriverTable {
            $crate::__entry(|| $driver)
        }
    };
}

/// What a plugin exports: its driver and the table pointing at it.
struct Exported {
    driver: Box<dyn Driver>,
    table: DriverTable,
}

static EXPORTED: OnceLock<Exported> = OnceLock::new();

/// The body of `dbm_driver_entry`: builds the driver once and returns the table, or null
/// when building it panicked. Called by [`export_driver!`](crate::export_driver) only.
#[doc(hidden)]
pub fn entry<D: Driver + 'static>(make: impl FnOnce() -> D) -> *const DriverTable {
    panic::install_quiet_hook();
    logs::install_global();
    let exported = panic::catch(|| {
        EXPORTED.get_or_init(|| {
            let driver = make();
            let name: &'static str = Box::leak(driver.name().to_owned().into_boxed_str());
            let version: &'static str = Box::leak(driver.version().to_owned().into_boxed_str());
            Exported {
                driver: Box::new(driver),
                table: DriverTable {
                    abi_version: ABI_VERSION,
                    name: StrRef::from_static(name),
                    version: StrRef::from_static(version),
                    call,
                    free,
                },
            }
        })
    });
    match exported {
        Ok(exported) => &exported.table,
        Err(_) => std::ptr::null(),
    }
}

/// [`DriverTable::call`]: serves one request with the exported driver.
///
/// # Safety
///
/// `request` points to `request_len` readable bytes (or is null with length 0); `response`
/// points to a writable [`OutBuffer`].
unsafe extern "C" fn call(request: *const u8, request_len: usize, response: *mut OutBuffer) -> i32 {
    if response.is_null() {
        return CALL_FAILED;
    }
    let served = panic::catch(|| {
        let bytes = if request.is_null() || request_len == 0 {
            &[][..]
        } else {
            // SAFETY: the caller guarantees `request_len` readable bytes at `request`, borrowed
            // for the duration of this call only.
            unsafe { std::slice::from_raw_parts(request, request_len) }
        };
        match EXPORTED.get() {
            Some(exported) => Ok(serve(exported.driver.as_ref(), bytes)),
            None => Err("the plugin's entry point was not called first".to_owned()),
        }
    })
    .and_then(|served| served);
    let (code, bytes) = match served {
        Ok(bytes) => (CALL_OK, bytes),
        Err(message) => (CALL_FAILED, message.into_bytes()),
    };
    let mut bytes = ManuallyDrop::new(bytes);
    // SAFETY: `response` is non-null and writable per the caller's contract; the buffer is
    // handed over to the caller, who returns it through `free`.
    unsafe {
        response.write(OutBuffer {
            ptr: bytes.as_mut_ptr(),
            len: bytes.len(),
            cap: bytes.capacity(),
        });
    }
    code
}

/// [`DriverTable::free`]: releases a buffer returned by [`call`].
///
/// # Safety
///
/// `ptr`, `len` and `cap` are exactly what `call` wrote into an [`OutBuffer`], freed once.
unsafe extern "C" fn free(ptr: *mut u8, len: usize, cap: usize) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: per the contract these are the raw parts of a `Vec<u8>` that `call` leaked with
    // this plugin's allocator, and they are given back once.
    drop(unsafe { Vec::from_raw_parts(ptr, len, cap) });
}
