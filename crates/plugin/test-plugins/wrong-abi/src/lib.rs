//! A plugin built for a future ABI (`libdbm_test_plugin_wrong_abi.so`): its table says ABI
//! version 999, and the rest of it is not a table of this ABI at all.

#![allow(unsafe_code)] // The exported entry point is `#[unsafe(no_mangle)]`.

/// A table of ABI version 999: only the first field is shared with every version.
#[repr(C)]
pub struct FutureTable {
    /// 999.
    pub abi_version: u32,
    /// Whatever version 999 puts here.
    pub future: [u64; 8],
}

static TABLE: FutureTable = FutureTable {
    abi_version: 999,
    future: [0; 8],
};

/// Returns the version-999 table.
#[unsafe(no_mangle)]
pub extern "C" fn dbm_driver_entry() -> *const FutureTable {
    &TABLE
}
