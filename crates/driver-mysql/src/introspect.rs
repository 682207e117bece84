//! Introspection of the connection's database through `information_schema`.
//!
//! - Tables: base tables (and MariaDB's system-versioned tables), sorted by name.
//! - Columns in order: `data_type` is `COLUMN_TYPE` in lower case, as the server says it
//!   (`int(10) unsigned` on MariaDB, `int unsigned` on MySQL 8.0.19+; `tinyint(1)` for a
//!   boolean; `longtext` for a MariaDB `json` column, which is an alias); defaults made the
//!   same for both servers (see the `defaults` module).
//! - The primary key's columns; indexes other than `PRIMARY`, sorted by name, including the
//!   ones InnoDB creates for foreign keys (they are real indexes); foreign keys with their
//!   names and upper-case actions (`CASCADE`, `RESTRICT`, `NO ACTION`, `SET NULL`).
//! - Views, sorted by name.
//!
//! Names are compared as the server returns them. MySQL 8 sends some `information_schema`
//! columns with the binary character set; they are read as UTF-8 text all the same.

use std::collections::BTreeMap;

use dbm_core::Value;
use dbm_core::driver::{Catalog, ColumnInfo, ForeignKeyInfo, IndexInfo, Row, TableInfo, ViewInfo};
use sqlx::mysql::MySqlConnection;

use crate::decode::decode_row;
use crate::defaults;
use crate::error::Result;

/// A value as text: text, bytes read as UTF-8, or a number.
pub(crate) fn text(value: &Value) -> Option<String> {
    match value {
        Value::Bytes(bytes) => Some(String::from_utf8_lossy(bytes).into_owned()),
        other => other.as_text(),
    }
}

/// Runs a query without parameters and reads its rows.
pub(crate) async fn rows(conn: &mut MySqlConnection, sql: &'static str) -> Result<Vec<Row>> {
    sqlx::query(sql)
        .fetch_all(conn)
        .await?
        .iter()
        .map(decode_row)
        .collect()
}

const TABLES: &str = "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES \
     WHERE TABLE_SCHEMA = DATABASE()";

const COLUMNS: &str = "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, \
     COLUMN_DEFAULT, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() \
     ORDER BY TABLE_NAME, ORDINAL_POSITION";

const INDEXES: &str = "SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME, NON_UNIQUE \
     FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() \
     ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

const FOREIGN_KEYS: &str = "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, \
     k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE \
     FROM information_schema.KEY_COLUMN_USAGE k \
     JOIN information_schema.REFERENTIAL_CONSTRAINTS r \
       ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME \
      AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME \
     WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL \
     ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION";

/// The base tables and the views of the current database, each sorted by name.
pub(crate) async fn table_and_view_names(
    conn: &mut MySqlConnection,
) -> Result<(Vec<String>, Vec<String>)> {
    let mut tables = Vec::new();
    let mut views = Vec::new();
    for row in rows(conn, TABLES).await? {
        let (Some(name), Some(kind)) = (text(row.get(0)), text(row.get(1))) else {
            continue;
        };
        match kind.as_str() {
            "BASE TABLE" | "SYSTEM VERSIONED" => tables.push(name),
            "VIEW" => views.push(name),
            _ => {}
        }
    }
    tables.sort();
    views.sort();
    Ok((tables, views))
}

/// Describes the current database.
pub(crate) async fn catalog(conn: &mut MySqlConnection, mariadb: bool) -> Result<Catalog> {
    let (table_names, view_names) = table_and_view_names(conn).await?;
    let mut tables = TableInfo::empty_by_name(table_names);

    for row in rows(conn, COLUMNS).await? {
        let Some(table) = text(row.get(0)).and_then(|t| tables.get_mut(&t)) else {
            continue;
        };
        let extra = text(row.get(5)).unwrap_or_default();
        table.columns.push(ColumnInfo {
            name: text(row.get(1)).unwrap_or_default(),
            data_type: text(row.get(2)).unwrap_or_default().to_ascii_lowercase(),
            nullable: text(row.get(3)).as_deref() == Some("YES"),
            default: defaults::normalize(text(row.get(4)).as_deref(), &extra, mariadb),
            ..Default::default()
        });
    }

    let mut indexes: BTreeMap<(String, String), IndexInfo> = BTreeMap::new();
    for row in rows(conn, INDEXES).await? {
        let (Some(table), Some(index)) = (text(row.get(0)), text(row.get(1))) else {
            continue;
        };
        let Some(info) = tables.get_mut(&table) else {
            continue;
        };
        // A functional index part (MySQL 8) has no column name.
        let column = text(row.get(2));
        if index == "PRIMARY" {
            info.primary_key.extend(column);
            continue;
        }
        let entry = indexes
            .entry((table, index.clone()))
            .or_insert_with(|| IndexInfo {
                name: index,
                columns: Vec::new(),
                unique: row.get(3).as_i64() == Some(0),
                ..Default::default()
            });
        entry.columns.extend(column);
    }
    for ((table, _), index) in indexes {
        if let Some(info) = tables.get_mut(&table) {
            info.indexes.push(index);
        }
    }

    let mut foreign_keys: BTreeMap<(String, String), ForeignKeyInfo> = BTreeMap::new();
    for row in rows(conn, FOREIGN_KEYS).await? {
        let (Some(table), Some(name)) = (text(row.get(0)), text(row.get(1))) else {
            continue;
        };
        let entry = foreign_keys
            .entry((table, name.clone()))
            .or_insert_with(|| ForeignKeyInfo {
                name: Some(name),
                columns: Vec::new(),
                references_table: text(row.get(3)).unwrap_or_default(),
                references_columns: Vec::new(),
                on_delete: text(row.get(5)).unwrap_or_default().to_ascii_uppercase(),
                on_update: text(row.get(6)).unwrap_or_default().to_ascii_uppercase(),
            });
        entry.columns.extend(text(row.get(2)));
        entry.references_columns.extend(text(row.get(4)));
    }
    for ((table, _), fk) in foreign_keys {
        if let Some(info) = tables.get_mut(&table) {
            info.foreign_keys.push(fk);
        }
    }

    Ok(Catalog {
        tables: tables.into_values().collect(),
        views: view_names
            .into_iter()
            .map(|name| ViewInfo {
                name,
                create_sql: None,
            })
            .collect(),
        ..Default::default()
    })
}
