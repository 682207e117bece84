//! `dbm-plugin`: run-time driver plugins for dbm, across a versioned C ABI.
//!
//! A driver that is not built into dbm ships as a shared library (`libdbm_driver_<name>.so`,
//! `.dylib`, `dbm_driver_<name>.dll`). Rust has no stable ABI and a plugin carries its own
//! copy of `std`, tokio and sqlx, so no Rust type crosses the boundary: the plugin exports one
//! C entry symbol returning a [`DriverTable`](abi::DriverTable), and every operation travels
//! as a serialized [`Request`](wire::Request) and [`Response`](wire::Response) through the
//! table's one `call` function. `docs/plugins.md` describes the ABI for driver authors.
//!
//! - [`abi`]: the entry symbol, the `#[repr(C)]` table, the call convention and who frees what.
//! - [`wire`]: the JSON messages, their version, and the rule that an unknown operation is
//!   answered "unsupported", never a decode failure.
//! - The plugin side: [`export_driver!`] turns a crate implementing
//!   [`Driver`](dbm_core::Driver) into a plugin in one line; [`serve`] is its testable core
//!   (decode, dispatch on the plugin's own tokio runtime, catch panics, forward `tracing`
//!   events, encode).
//! - The host side (feature `host`, on by default): [`find`] looks a plugin up by driver name,
//!   [`load`] loads it (never unloading it) and checks its ABI version and name, and
//!   [`PluginDriver`] implements [`Driver`](dbm_core::Driver) over it, so the migrator cannot
//!   tell a plugin from a built-in driver. Every failure is a [`PluginError`] that names the
//!   library and says what to do.
//!
//! # Writing a plugin
//!
//! ```toml
//! [lib]
//! crate-type = ["cdylib"]
//!
//! [dependencies]
//! dbm-plugin = { version = "0.1", default-features = false }
//! ```
//!
//! ```ignore
//! dbm_plugin::export_driver!(my_driver::MyDriver);
//! ```

#![deny(missing_docs)]

pub mod abi;
mod export;
#[cfg(feature = "host")]
mod host;
mod plugin;
pub mod wire;

#[doc(hidden)]
pub use export::entry as __entry;
#[cfg(feature = "host")]
pub use host::{
    PluginConnection, PluginDialect, PluginDriver, PluginError, find, is_valid_name,
    library_file_name, load, load_driver,
};
pub use plugin::serve;
