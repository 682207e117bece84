//! A plugin that answers garbage (`libdbm_test_plugin_garbage.so`), speaking the ABI by hand:
//!
//! | operation | answer |
//! |---|---|
//! | `dialect_info` | a valid response (so that it loads) |
//! | `connect` | bytes that are not JSON |
//! | `create_database` | a truncated response |
//! | `drop_database` | a response whose value is not a `bool` |
//! | `quote_string` | `CALL_FAILED` with a message |
//! | anything else | an empty buffer |

#![allow(unsafe_code)] // A hand-written implementation of the C ABI.

use dbm_plugin::abi::{ABI_VERSION, CALL_FAILED, CALL_OK, DriverTable, OutBuffer, StrRef};

const DIALECT_INFO: &str = r#"{"wire":1,"logs":[{"level":"info","target":"garbage","message":"hello from garbage"}],"result":{"ok":{"name":"garbage","capabilities":{"transactional_ddl":true,"native_enum":false},"scripted_transactions":false,"info":{"family":"ansi","quoting":"double","placeholder":"question","index_names":"schema","foreign_key_types":"any","lossy_types":[],"capabilities":{"transactional_ddl":true,"native_enum":false}}}}}"#;

static TABLE: DriverTable = DriverTable {
    abi_version: ABI_VERSION,
    name: StrRef::from_static("garbage"),
    version: StrRef::from_static("6.6.6"),
    call,
    free,
};

/// Returns the table.
#[unsafe(no_mangle)]
pub extern "C" fn dbm_driver_entry() -> *const DriverTable {
    &TABLE
}

fn answer(request: &str) -> (i32, Vec<u8>) {
    let is = |op: &str| request.contains(&format!("\"op\":\"{op}\""));
    if is("dialect_info") {
        (CALL_OK, DIALECT_INFO.as_bytes().to_vec())
    } else if is("connect") {
        (CALL_OK, b"\xff\xfe this is not JSON".to_vec())
    } else if is("create_database") {
        (
            CALL_OK,
            br#"{"wire":1,"logs":[],"result":{"ok":tr"#.to_vec(),
        )
    } else if is("drop_database") {
        (
            CALL_OK,
            br#"{"wire":1,"logs":[],"result":{"ok":"yes"}}"#.to_vec(),
        )
    } else if is("quote_string") {
        (CALL_FAILED, b"the garbage plugin exploded".to_vec())
    } else {
        (CALL_OK, Vec::new())
    }
}

/// # Safety
///
/// As `dbm_plugin::abi::CallFn`.
unsafe extern "C" fn call(request: *const u8, request_len: usize, response: *mut OutBuffer) -> i32 {
    // SAFETY: the host passes `request_len` readable bytes.
    let request = unsafe { std::slice::from_raw_parts(request, request_len) };
    let (code, bytes) = answer(&String::from_utf8_lossy(request));
    let mut bytes = std::mem::ManuallyDrop::new(bytes);
    // SAFETY: the host passes a writable `OutBuffer`; it frees the buffer through `free`.
    unsafe {
        response.write(OutBuffer {
            ptr: bytes.as_mut_ptr(),
            len: bytes.len(),
            cap: bytes.capacity(),
        });
    }
    code
}

/// # Safety
///
/// As `dbm_plugin::abi::FreeFn`.
unsafe extern "C" fn free(ptr: *mut u8, len: usize, cap: usize) {
    if !ptr.is_null() {
        // SAFETY: the raw parts of the `Vec` that `call` handed out.
        drop(unsafe { Vec::from_raw_parts(ptr, len, cap) });
    }
}
