//! `drop_all` for SQLite (`db:wipe`, `migration:fresh`).
//!
//! Foreign-key enforcement is turned off first (with it on, each `DROP TABLE` would run the
//! children's `ON DELETE` actions and could fail on order), the drops run in one transaction,
//! and enforcement is turned back on, on every path. Views are dropped only when asked; every
//! table except SQLite's own `sqlite_*` is dropped (their triggers go with them), and
//! `sqlite_sequence`, which cannot be dropped, is emptied so `AUTOINCREMENT` counters restart.

use dbm_core::driver::{DropAllOptions, DropSummary, in_own_transaction};
use sqlx::sqlite::SqliteConnection as SqlxConnection;
use sqlx::{AssertSqlSafe, Row as _};

use crate::ddl::q;
use crate::error::{Result, SqliteError};

async fn run(conn: &mut SqlxConnection, sql: String) -> Result<()> {
    sqlx::raw_sql(AssertSqlSafe(sql)).execute(conn).await?;
    Ok(())
}

async fn names(conn: &mut SqlxConnection, sql: &'static str) -> Result<Vec<String>> {
    sqlx::query(sql)
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| Ok(r.try_get(0)?))
        .collect()
}

/// Drops every table (and the views when asked).
///
/// # Errors
///
/// [`SqliteError::Unsupported`] for `drop_types` (SQLite has no types), before anything is
/// dropped; a failing statement, after which nothing is dropped (the transaction rolls back).
pub(crate) async fn drop_all(
    conn: &mut SqlxConnection,
    options: &DropAllOptions,
) -> Result<DropSummary> {
    if options.drop_types {
        return Err(SqliteError::Unsupported(
            "SQLite has no types to drop (drop_types is for PostgreSQL enum types)".into(),
        ));
    }
    run(conn, "PRAGMA foreign_keys = OFF".into()).await?;
    let result = drop_in_transaction(conn, options).await;
    let restored = run(conn, "PRAGMA foreign_keys = ON".into()).await;
    let summary = result?;
    restored?;
    Ok(summary)
}

async fn drop_in_transaction(
    conn: &mut SqlxConnection,
    options: &DropAllOptions,
) -> Result<DropSummary> {
    in_own_transaction(
        conn,
        async |conn, sql| run(conn, sql).await,
        async |conn| drop_everything(conn, options).await,
    )
    .await
}

async fn drop_everything(
    conn: &mut SqlxConnection,
    options: &DropAllOptions,
) -> Result<DropSummary> {
    let mut summary = DropSummary::default();
    if options.drop_views {
        summary.views = names(
            conn,
            "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name",
        )
        .await?;
        for view in &summary.views {
            run(conn, format!("DROP VIEW {}", q(view))).await?;
        }
    }
    summary.tables = names(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .await?;
    for table in &summary.tables {
        run(conn, format!("DROP TABLE {}", q(table))).await?;
    }
    let sequence = names(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'",
    )
    .await?;
    if !sequence.is_empty() {
        run(conn, "DELETE FROM sqlite_sequence".into()).await?;
    }
    Ok(summary)
}
