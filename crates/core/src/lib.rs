//! `dbm-core`: the model and the engine of dbm, with no database code.
//!
//! - [`schema`]: the dialect-independent schema AST ([`schema::Operation`]), the fluent builder
//!   ([`schema::Schema`]), automatic reversal and generated names.
//! - [`migration`]: [`migration::Migration`], the directory loader
//!   [`migration::MigrationSource`], the TOML and SQL formats and the SQL splitter.
//! - [`dialect`]: the [`Dialect`] trait a driver implements to compile operations to SQL.
//! - [`driver`]: the [`Driver`] and [`Connection`] traits, [`Value`] and [`Row`].
//! - [`dump`]: schema dumps, the catalog rendered back to DDL with the tracking rows.
//! - [`repository`]: the tracking tables `dbm_schema` and `dbm_schema_versions`.
//! - [`seed`]: seeders ([`seed::Seeder`]), their loader [`seed::SeederSource`] and runner.
//! - [`migrator`]: the policy — ordering, batches, transactions, locks, rollback, status.
//! - [`config`]: the figment-based loader of `config/database.toml`.
//! - [`codegen`]: the Rust module and ER diagram generated from a database's catalog.
//! - [`error`]: the crate's one [`Error`] type.

#![deny(missing_docs)]

pub mod catalog;
pub mod check;
pub mod codegen;
pub mod config;
pub mod dialect;
pub mod driver;
pub mod dump;
pub mod error;
#[cfg(test)]
mod json_schema;
pub mod migration;
pub mod migrator;
pub mod repository;
pub mod schema;
pub mod seed;
pub mod sql_log;
pub mod util;

pub use config::{Config, ConnectionConfig};
pub use dialect::Dialect;
pub use driver::{Connection, Driver, Row, Value};
pub use error::{DriverError, DriverErrorKind, Error, Result};
pub use migrator::Migrator;
