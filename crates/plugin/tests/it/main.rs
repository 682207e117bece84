//! dbm-plugin's integration tests, in one binary.
//!
//! - `serve`: the wire format answered in-process by [`dbm_plugin::serve`], every operation.
//! - `in_process`: [`dbm_plugin::PluginDriver`] over an in-process transport: the same
//!   behaviour as the linked-in SQLite driver, fallbacks for old plugins, malformed answers,
//!   log forwarding.
//! - `abi`: real plugins (`plugins/sqlite` and the `cdylib`s of `test-plugins/`) loaded through the C ABI.
//!
//! The test plugins are dev-dependencies of dbm-plugin, so `cargo test` (for this crate or
//! the workspace) builds their shared libraries into `target/<profile>/deps/` first.

mod abi;
mod common;
mod in_process;
mod serve;
