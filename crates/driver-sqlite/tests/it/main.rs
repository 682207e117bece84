//! The integration tests of the SQLite driver, in one test binary.

mod common;
mod connection;
mod ddl;
mod introspect;
