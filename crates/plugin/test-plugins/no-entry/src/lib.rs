//! A shared library that is not a dbm plugin (`libdbm_test_plugin_no_entry.so`): it exports
//! a function, but not `dbm_driver_entry`.

#![allow(unsafe_code)] // The exported function is `#[unsafe(no_mangle)]`.

/// Something else entirely.
#[unsafe(no_mangle)]
pub extern "C" fn dbm_driver_entry_point_of_another_kind() -> u32 {
    42
}
