//! Code generated from a database's [`Catalog`]: the Rust module of `schema:generate`
//! ([`rust_module`]), the Mermaid ER diagram of `--format mermaid` ([`mermaid_document`]),
//! and the tables they cover ([`visible_catalog`]).
//!
//! Everything here is pure: a catalog, the dialect [`Family`](crate::dialect::Family) it came from and
//! the [`SchemaConfig`](crate::config::SchemaConfig) in, text out, the same text for the same database.
//!
//! # Layout
//!
//! - this file: [`visible_catalog`] (the tracking tables and `exclude_tables` left out);
//! - `types`: a column's Rust type per dialect family and the options;
//! - `rust`: the module, one struct per table, with Rust's identifier rules;
//! - `mermaid`: the `erDiagram`.

mod mermaid;
mod rust;
mod types;

pub use mermaid::mermaid_document;
pub use rust::{field_name, rust_module, struct_name};
pub use types::{RustType, rust_type};

use crate::catalog::Catalog;

/// The tables dbm keeps for itself: the tracking table and its versions table.
pub fn tracking_tables(table: &str) -> [String; 2] {
    [table.to_owned(), crate::dialect::versions_table(table).name]
}

/// The catalog without the tracking tables of `tracking_table` and without the tables named
/// in `exclude_tables`; everything else (views, enum types, routines, triggers of the tables
/// kept) as it was.
pub fn visible_catalog(
    catalog: &Catalog,
    tracking_table: &str,
    exclude_tables: &[String],
) -> Catalog {
    let tracking = tracking_tables(tracking_table);
    let hidden =
        |name: &str| tracking.iter().any(|t| t == name) || exclude_tables.iter().any(|t| t == name);
    Catalog {
        tables: catalog
            .tables
            .iter()
            .filter(|t| !hidden(&t.name))
            .cloned()
            .collect(),
        triggers: catalog
            .triggers
            .iter()
            .filter(|t| !hidden(&t.table))
            .cloned()
            .collect(),
        ..catalog.clone()
    }
}

#[cfg(test)]
mod tests;
