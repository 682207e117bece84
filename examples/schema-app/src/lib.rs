//! The demo app's tables as `schema:generate` writes them, one module per database, each
//! compiled with `sqlx::FromRow`. `tests/generated.rs` regenerates every module from a fresh
//! database migrated with the demo's migrations, checks that it is unchanged, and reads a row
//! of each table through it.
//!
//! The modules were generated with `datetime = "time"` and `derive_from_row = true`.

/// The demo's tables on SQLite.
#[allow(missing_docs)]
#[path = "sqlite.rs"]
pub mod sqlite;

/// The demo's tables on PostgreSQL.
#[allow(missing_docs)]
#[path = "postgres.rs"]
pub mod postgres;

/// The demo's tables on MySQL/MariaDB.
#[allow(missing_docs)]
#[path = "mysql.rs"]
pub mod mysql;
