//! `drop_all` for PostgreSQL (`db:wipe`, `migration:fresh`), in the current schema.
//!
//! Everything runs in one transaction (DDL is transactional), so a failure drops nothing:
//!
//! 1. with `drop_views`, every view: `DROP VIEW "a", "b" CASCADE`;
//! 2. every table: `DROP TABLE "a", "b" CASCADE` (one statement, so the order of foreign
//!    keys does not matter). `CASCADE` also drops the views that read a table, with or
//!    without `drop_views`; those are reported as dropped views;
//! 3. with `drop_types`, every enum type: `DROP TYPE "a", "b" CASCADE`.
//!
//! Objects that belong to an extension (PostGIS's `spatial_ref_sys`) are left alone: the
//! extension owns them and PostgreSQL would refuse to drop them. Empty lists send nothing.

use dbm_core::driver::{DropAllOptions, DropSummary, in_own_transaction};
use sqlx::AssertSqlSafe;
use sqlx::postgres::PgConnection;

use crate::ddl::q;
use crate::error::Result;
use crate::introspect::names;

const VIEWS: &str = "SELECT c.relname::text FROM pg_catalog.pg_class c \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND c.relkind = 'v' \
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = c.oid \
       AND d.classid = 'pg_catalog.pg_class'::regclass AND d.deptype = 'e') ORDER BY 1";

const TABLES: &str = "SELECT c.relname::text FROM pg_catalog.pg_class c \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') \
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = c.oid \
       AND d.classid = 'pg_catalog.pg_class'::regclass AND d.deptype = 'e') ORDER BY 1";

const ENUM_TYPES: &str = "SELECT t.typname::text FROM pg_catalog.pg_type t \
     JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
     WHERE n.nspname = current_schema() AND t.typtype = 'e' \
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = t.oid \
       AND d.classid = 'pg_catalog.pg_type'::regclass AND d.deptype = 'e') ORDER BY 1";

async fn run(conn: &mut PgConnection, sql: String) -> Result<()> {
    sqlx::raw_sql(AssertSqlSafe(sql)).execute(conn).await?;
    Ok(())
}

/// `DROP <kind> "a", "b" CASCADE`, unless `names` is empty.
async fn drop_each(conn: &mut PgConnection, kind: &str, names: &[String]) -> Result<()> {
    if names.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = names.iter().map(|n| q(n)).collect();
    run(conn, format!("DROP {kind} {} CASCADE", list.join(", "))).await
}

/// Drops every table (and views and enum types as asked) of the current schema.
///
/// `in_transaction` says whether the session is already inside a transaction; then the
/// caller's transaction holds the drops, else they get their own.
pub(crate) async fn drop_all(
    conn: &mut PgConnection,
    options: &DropAllOptions,
    in_transaction: bool,
) -> Result<DropSummary> {
    if in_transaction {
        return drop_everything(conn, options).await;
    }
    in_own_transaction(
        conn,
        async |conn, sql| run(conn, sql).await,
        async |conn| drop_everything(conn, options).await,
    )
    .await
}

async fn drop_everything(conn: &mut PgConnection, options: &DropAllOptions) -> Result<DropSummary> {
    let mut summary = DropSummary::default();
    let views_before = names(conn, VIEWS, &[]).await?;
    if options.drop_views {
        drop_each(conn, "VIEW", &views_before).await?;
        summary.views = views_before.clone();
    }
    summary.tables = names(conn, TABLES, &[]).await?;
    drop_each(conn, "TABLE", &summary.tables).await?;
    if !options.drop_views {
        let views_after = names(conn, VIEWS, &[]).await?;
        summary.views = views_before
            .into_iter()
            .filter(|v| !views_after.contains(v))
            .collect();
    }
    if options.drop_types {
        summary.types = names(conn, ENUM_TYPES, &[]).await?;
        drop_each(conn, "TYPE", &summary.types).await?;
    }
    Ok(summary)
}
