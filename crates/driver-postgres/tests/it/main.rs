//! The integration tests of the PostgreSQL driver, in one test binary.

mod alter;
mod common;
mod connection;
mod ddl;
mod introspect;
mod migrator;
mod operations;
