//! `drop_all` for MySQL (`db:wipe`, `migration:fresh`).
//!
//! Foreign-key checks are turned off for the session (so tables drop in any order), the views
//! are dropped when asked (`DROP VIEW a, b`), every base table is dropped in one
//! `DROP TABLE a, b, ...`, and checks are turned back on, on every path. Empty lists send
//! nothing (Lucid sends `DROP VIEW ;`). MySQL has no types to drop: `drop_types` is refused
//! before anything is dropped.

use dbm_core::driver::{DropAllOptions, DropSummary};
use sqlx::AssertSqlSafe;
use sqlx::mysql::MySqlConnection;

use crate::ddl::q;
use crate::error::{MysqlError, Result};
use crate::introspect::table_and_view_names;

async fn run(conn: &mut MySqlConnection, sql: String) -> Result<()> {
    sqlx::raw_sql(AssertSqlSafe(sql)).execute(conn).await?;
    Ok(())
}

/// Drops every table (and the views when asked).
///
/// # Errors
///
/// [`MysqlError::Unsupported`] for `drop_types`, before anything is dropped; a failing
/// statement (DDL commits on its own: what was dropped before it stays dropped).
pub(crate) async fn drop_all(
    conn: &mut MySqlConnection,
    options: &DropAllOptions,
) -> Result<DropSummary> {
    if options.drop_types {
        return Err(MysqlError::Unsupported(
            "MySQL has no types to drop (drop_types is for PostgreSQL enum types)".into(),
        ));
    }
    run(conn, "SET FOREIGN_KEY_CHECKS = 0".into()).await?;
    let result = drop_everything(conn, options).await;
    let restored = run(conn, "SET FOREIGN_KEY_CHECKS = 1".into()).await;
    let summary = result?;
    restored?;
    Ok(summary)
}

fn list(names: &[String]) -> String {
    names.iter().map(|n| q(n)).collect::<Vec<_>>().join(", ")
}

async fn drop_everything(
    conn: &mut MySqlConnection,
    options: &DropAllOptions,
) -> Result<DropSummary> {
    let (tables, views) = table_and_view_names(conn).await?;
    let mut summary = DropSummary::default();
    if options.drop_views && !views.is_empty() {
        run(conn, format!("DROP VIEW {}", list(&views))).await?;
        summary.views = views;
    }
    if !tables.is_empty() {
        run(conn, format!("DROP TABLE {}", list(&tables))).await?;
        summary.tables = tables;
    }
    Ok(summary)
}
