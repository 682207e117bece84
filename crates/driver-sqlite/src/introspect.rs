//! What a SQLite database holds: tables, columns, keys, indexes, foreign keys, views, and the
//! state a table rebuild starts from.
//!
//! Introspection reads `sqlite_master` and the `pragma_*` table-valued functions:
//!
//! - columns: the declared type lower-cased, exactly as declared (`boolean`, `decimal(8,2)`,
//!   `varchar(30)`, `timestamp`), nullability, the default's text (`CURRENT_TIMESTAMP`, `'x'`);
//! - indexes: every index made by `CREATE INDEX` (origin `c`) and every `UNIQUE` constraint
//!   (origin `u`, named after its `CONSTRAINT` name when the table gives one, else SQLite's
//!   `sqlite_autoindex_<t>_<n>`); not the automatic index of a primary key, which is reported as
//!   the primary key;
//! - foreign keys with the names parsed from the stored `CREATE TABLE` text
//!   (`CONSTRAINT "x" FOREIGN KEY ...`; `None` when unnamed), actions upper case.

use dbm_core::driver::{
    Catalog, ColumnInfo, ForeignKeyInfo, IndexInfo, TableInfo, TableState, ViewInfo,
};
use sqlx::Row as _;
use sqlx::sqlite::SqliteConnection as SqlxConnection;

use crate::error::Result;
use crate::sqltext::same_name;
use crate::tabledef::{ConstraintKind, TableDef};

/// Runs a catalog query with text parameters and returns its rows.
async fn rows(
    conn: &mut SqlxConnection,
    sql: &'static str,
    params: &[&str],
) -> Result<Vec<sqlx::sqlite::SqliteRow>> {
    let mut query = sqlx::query(sql);
    for param in params {
        query = query.bind(param.to_string());
    }
    Ok(query.fetch_all(conn).await?)
}

/// `(name, sql)` pairs of one query.
async fn named_sql(
    conn: &mut SqlxConnection,
    sql: &'static str,
    params: &[&str],
) -> Result<Vec<(String, String)>> {
    rows(conn, sql, params)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

/// The state of one table for a rebuild; `None` when it does not exist.
///
/// `triggers` and `views` list every trigger and view of the database, not only the table's:
/// SQLite's `ALTER TABLE ... RENAME` checks the whole schema and fails on any trigger or view
/// that names a missing table, so the rebuild drops and recreates them all.
pub(crate) async fn table_state(
    conn: &mut SqlxConnection,
    table: &str,
) -> Result<Option<TableState>> {
    let found = named_sql(
        conn,
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE",
        &[table],
    )
    .await?;
    let Some((name, create_sql)) = found.into_iter().next() else {
        return Ok(None);
    };
    let indexes = named_sql(
        conn,
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? \
         AND sql IS NOT NULL ORDER BY rowid",
        &[&name],
    )
    .await?;
    let triggers = named_sql(
        conn,
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid",
        &[],
    )
    .await?;
    let views = named_sql(
        conn,
        "SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY rowid",
        &[],
    )
    .await?;
    let columns = rows(
        conn,
        "SELECT name FROM pragma_table_xinfo(?) ORDER BY cid",
        &[&name],
    )
    .await?
    .iter()
    .map(|r| r.try_get(0))
    .collect::<Result<_, _>>()?;
    Ok(Some(TableState {
        name,
        create_sql,
        indexes,
        triggers,
        views,
        columns,
        owned_types: Vec::new(),
    }))
}

/// Describes every table (except SQLite's own `sqlite_*`) and view.
pub(crate) async fn catalog(conn: &mut SqlxConnection) -> Result<Catalog> {
    let tables = named_sql(
        conn,
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        &[],
    )
    .await?;
    let mut catalog = Catalog::default();
    for (name, sql) in tables {
        catalog.tables.push(table_info(conn, name, &sql).await?);
    }
    catalog.views = rows(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name",
        &[],
    )
    .await?
    .iter()
    .map(|r| {
        Ok(ViewInfo {
            name: r.try_get(0)?,
            ..Default::default()
        })
    })
    .collect::<Result<_>>()?;
    Ok(catalog)
}

async fn table_info(conn: &mut SqlxConnection, name: String, sql: &str) -> Result<TableInfo> {
    let def = TableDef::parse(sql).ok();
    let mut info = TableInfo {
        name,
        ..TableInfo::default()
    };
    let mut primary_key: Vec<(i64, String)> = Vec::new();
    for row in rows(
        conn,
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?) \
         WHERE hidden <> 1 ORDER BY cid",
        &[&info.name],
    )
    .await?
    {
        let column: String = row.try_get(0)?;
        let data_type: String = row.try_get(1)?;
        let pk: i64 = row.try_get(4)?;
        if pk > 0 {
            primary_key.push((pk, column.clone()));
        }
        info.columns.push(ColumnInfo {
            name: column,
            data_type: data_type.to_lowercase(),
            nullable: row.try_get::<i64, _>(2)? == 0,
            default: row.try_get(3)?,
            ..Default::default()
        });
    }
    primary_key.sort();
    info.primary_key = primary_key.into_iter().map(|(_, c)| c).collect();
    info.indexes = indexes(conn, &info.name, def.as_ref()).await?;
    info.foreign_keys = foreign_keys(conn, &info.name, def.as_ref()).await?;
    Ok(info)
}

async fn indexes(
    conn: &mut SqlxConnection,
    table: &str,
    def: Option<&TableDef>,
) -> Result<Vec<IndexInfo>> {
    let mut out = Vec::new();
    let list = rows(
        conn,
        "SELECT name, \"unique\", origin FROM pragma_index_list(?) WHERE origin IN ('c', 'u')",
        &[table],
    )
    .await?;
    for row in list {
        let mut name: String = row.try_get(0)?;
        let unique = row.try_get::<i64, _>(1)? != 0;
        let origin: String = row.try_get(2)?;
        let columns: Vec<String> = rows(
            conn,
            "SELECT coalesce(name, '(expression)') FROM pragma_index_info(?) ORDER BY seqno",
            &[&name],
        )
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
        if origin == "u"
            && let Some(constraint) = def.and_then(|d| {
                d.constraints().find(|c| {
                    c.kind == ConstraintKind::Unique
                        && c.name.is_some()
                        && c.columns.len() == columns.len()
                        && c.columns.iter().zip(&columns).all(|(a, b)| same_name(a, b))
                })
            })
            && let Some(constraint_name) = &constraint.name
        {
            name = constraint_name.clone();
        }
        out.push(IndexInfo {
            name,
            columns,
            unique,
            ..Default::default()
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

async fn foreign_keys(
    conn: &mut SqlxConnection,
    table: &str,
    def: Option<&TableDef>,
) -> Result<Vec<ForeignKeyInfo>> {
    let mut grouped: Vec<(i64, ForeignKeyInfo)> = Vec::new();
    let list = rows(
        conn,
        "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete \
         FROM pragma_foreign_key_list(?) ORDER BY id, seq",
        &[table],
    )
    .await?;
    for row in list {
        let id: i64 = row.try_get(0)?;
        let to: Option<String> = row.try_get(3)?;
        if grouped.last().is_none_or(|(last, _)| *last != id) {
            grouped.push((
                id,
                ForeignKeyInfo {
                    name: None,
                    columns: Vec::new(),
                    references_table: row.try_get(1)?,
                    references_columns: Vec::new(),
                    on_update: row.try_get::<String, _>(4)?.to_uppercase(),
                    on_delete: row.try_get::<String, _>(5)?.to_uppercase(),
                },
            ));
        }
        if let Some((_, fk)) = grouped.last_mut() {
            fk.columns.push(row.try_get(2)?);
            fk.references_columns.extend(to);
        }
    }
    let mut declared = def.map(TableDef::foreign_keys).unwrap_or_default();
    let mut out = Vec::new();
    for (_, mut fk) in grouped {
        if fk.references_columns.is_empty() {
            fk.references_columns = rows(
                conn,
                "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
                &[&fk.references_table],
            )
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?;
        }
        let position = declared.iter().position(|(_, columns, parent)| {
            same_name(parent, &fk.references_table)
                && columns.len() == fk.columns.len()
                && columns
                    .iter()
                    .zip(&fk.columns)
                    .all(|(a, b)| same_name(a, b))
        });
        if let Some(position) = position {
            fk.name = declared.remove(position).0;
        }
        out.push(fk);
    }
    out.sort_by(|a, b| (&a.name, &a.columns).cmp(&(&b.name, &b.columns)));
    Ok(out)
}

/// `PRAGMA foreign_key_check`, one line per violation.
pub(crate) async fn foreign_key_violations(conn: &mut SqlxConnection) -> Result<Vec<String>> {
    let rows = sqlx::raw_sql("PRAGMA foreign_key_check")
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|r| {
            let table: String = r.try_get(0)?;
            let rowid: Option<i64> = r.try_get(1)?;
            let parent: String = r.try_get(2)?;
            let row = rowid.map_or_else(|| "?".to_string(), |id| id.to_string());
            Ok(format!(
                "table {table} row {row} violates a foreign key to {parent}"
            ))
        })
        .collect()
}
