//! The host side: finding, loading and driving plugins.
//!
//! - `loader`: [`find`], [`load`], [`load_driver`], driver names and file names.
//! - `library`: the only unsafe code of the host: dlopen, the entry symbol, calls through the
//!   table (the library is never unloaded).
//! - `client`: one request out, one response in; plugin failures become [`PluginError`]s.
//! - `driver`, `connection`, `dialect`: [`PluginDriver`], [`PluginConnection`],
//!   [`PluginDialect`], the dbm-core traits over a client.
//! - `forward`: re-emits the plugin's `tracing` events in the host.
//! - `error`: [`PluginError`].

mod client;
mod connection;
mod dialect;
mod driver;
mod error;
mod forward;
mod library;
mod loader;

pub use connection::PluginConnection;
pub use dialect::PluginDialect;
pub use driver::PluginDriver;
pub use error::PluginError;
pub use loader::{find, is_valid_name, library_file_name, load, load_driver};
