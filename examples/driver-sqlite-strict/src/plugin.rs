//! The plugin's one line: `libdbm_driver_sqlite_strict.so` exports `dbm_driver_entry`, which
//! serves [`SqliteStrictDriver`](crate::SqliteStrictDriver) across dbm's plugin ABI.
//!
//! The line is unconditional because this crate is meant to be loaded as a plugin; its rlib is
//! linked only by its own tests. A driver crate that is also linked into binaries next to other
//! drivers puts it behind a cargo feature (`#[cfg(feature = "plugin")]`), so that two of them
//! never clash on the exported symbol.

dbm_plugin::export_driver!(crate::SqliteStrictDriver);
