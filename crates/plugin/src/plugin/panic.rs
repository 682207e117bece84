//! Catching panics, and keeping a plugin's panics quiet.
//!
//! [`catch`] runs a closure under `catch_unwind` and returns the panic's message. In a plugin,
//! [`install_quiet_hook`] replaces the plugin's panic hook (the plugin's own copy of `std`,
//! so the host's hook is untouched) with one that prints nothing and keeps the message and
//! location for the error the host receives: no "thread panicked at" banner reaches the user.

use std::any::Any;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

thread_local! {
    /// The message of the last panic on this thread, as the quiet hook saw it.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`; a panic becomes `Err(message)` (with its location when the quiet hook is on).
pub(crate) fn catch<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    let _ = LAST_PANIC.try_with(|last| last.borrow_mut().take());
    std::panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        LAST_PANIC
            .try_with(|last| last.borrow_mut().take())
            .ok()
            .flatten()
            .unwrap_or_else(|| payload_text(payload.as_ref()))
    })
}

/// Replaces the panic hook, once, with one that prints nothing and remembers the message.
pub(crate) fn install_quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| std::panic::set_hook(Box::new(remember)));
}

fn remember(info: &PanicHookInfo<'_>) {
    let message = info
        .payload_as_str()
        .map_or_else(|| "a panic without a message".to_owned(), str::to_owned);
    let text = match info.location() {
        Some(location) => format!("{message} (at {location})"),
        None => message,
    };
    let _ = LAST_PANIC.try_with(|last| *last.borrow_mut() = Some(text));
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        let result: Result<(), String> = catch(|| panic!("boom {}", 42));
        assert_eq!(result, Err("boom 42".to_owned()));
    }

    #[test]
    fn no_panic_is_the_value() {
        assert_eq!(catch(|| 7), Ok(7));
    }
}
