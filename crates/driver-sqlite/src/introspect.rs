//! What a SQLite database holds: tables, columns, keys, indexes, foreign keys, views,
//! triggers, and the state a table rebuild starts from.
//!
//! The catalog reads `sqlite_master` and the `pragma_*` table-valued functions joined to it,
//! one query per kind for the whole database:
//!
//! - tables (not SQLite's own `sqlite_*`), sorted by name;
//! - columns: the declared type lower-cased, exactly as declared (`boolean`, `decimal(8,2)`,
//!   `varchar(30)`, `timestamp`), nullability, the default's text (`CURRENT_TIMESTAMP`, `'x'`);
//!   `auto_increment` only for the column declared `INTEGER PRIMARY KEY AUTOINCREMENT` (the
//!   counter SQLite keeps in `sqlite_sequence`, which never reuses an id). A plain `INTEGER
//!   PRIMARY KEY` is a rowid alias that SQLite also fills, but it may reuse the highest id
//!   after a delete, so it is reported as `false`: the catalog says which of the two the table
//!   declares. SQLite keeps no comments;
//! - indexes: every index made by `CREATE INDEX` (origin `c`, `constraint = false`) and every
//!   `UNIQUE` constraint of the table definition (origin `u`, `constraint = true`, named
//!   after its `CONSTRAINT` name when the table gives one, else SQLite's
//!   `sqlite_autoindex_<t>_<n>`); not the automatic index of a primary key, which is reported as
//!   the primary key. Expression key parts and a partial index's `WHERE` predicate are cut from
//!   the stored `CREATE INDEX` text;
//! - foreign keys with the names parsed from the stored `CREATE TABLE` text
//!   (`CONSTRAINT "x" FOREIGN KEY ...`; `None` when unnamed), actions upper case; a reference
//!   without columns names the parent's primary key;
//! - views and triggers with their stored `CREATE` statements, sorted by name. SQLite has no
//!   functions or procedures.

use std::collections::BTreeMap;

use dbm_core::driver::{
    Catalog, ColumnInfo, ForeignKeyInfo, IndexInfo, TableInfo, TableState, TriggerInfo, ViewInfo,
};
use sqlx::Row as _;
use sqlx::sqlite::SqliteConnection as SqlxConnection;

use crate::error::Result;
use crate::sqltext::{matching_paren, same_name, split_top_level_commas, tokenize};
use crate::tabledef::{ConstraintKind, TableDef, index_body};

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

/// The user tables of `sqlite_master`, as a condition on its alias `m`.
macro_rules! user_tables {
    () => {
        "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    };
}

const TABLES: &str = concat!(
    "SELECT m.name, m.sql FROM sqlite_master m WHERE ",
    user_tables!(),
    " ORDER BY m.name"
);

const COLUMNS: &str = concat!(
    "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk \
     FROM sqlite_master m, pragma_table_xinfo(m.name) p WHERE ",
    user_tables!(),
    " AND p.hidden <> 1 ORDER BY m.name, p.cid"
);

const INDEXES: &str = concat!(
    "SELECT m.name, l.name, l.\"unique\", l.origin, x.name, s.sql \
     FROM sqlite_master m, pragma_index_list(m.name) l, pragma_index_xinfo(l.name) x \
     LEFT JOIN sqlite_master s ON s.type = 'index' AND s.name = l.name WHERE ",
    user_tables!(),
    " AND l.origin IN ('c', 'u') AND x.key = 1 ORDER BY m.name, l.name, x.seqno"
);

const FOREIGN_KEYS: &str = concat!(
    "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete \
     FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE ",
    user_tables!(),
    " ORDER BY m.name, f.id, f.seq"
);

const VIEWS_AND_TRIGGERS: &str = "SELECT type, name, tbl_name, sql FROM sqlite_master \
     WHERE type IN ('view', 'trigger') ORDER BY name";

/// Describes every table (except SQLite's own `sqlite_*`), view and trigger.
pub(crate) async fn catalog(conn: &mut SqlxConnection) -> Result<Catalog> {
    let definitions = named_sql(conn, TABLES, &[]).await?;
    let mut tables = TableInfo::empty_by_name(definitions.iter().map(|(name, _)| name.clone()));
    let defs: BTreeMap<String, Option<TableDef>> = definitions
        .into_iter()
        .map(|(name, sql)| (name, TableDef::parse(&sql).ok()))
        .collect();
    columns(conn, &mut tables, &defs).await?;
    indexes(conn, &mut tables, &defs).await?;
    foreign_keys(conn, &mut tables, &defs).await?;
    let mut catalog = Catalog {
        tables: tables.into_values().collect(),
        ..Catalog::default()
    };
    for row in rows(conn, VIEWS_AND_TRIGGERS, &[]).await? {
        let kind: String = row.try_get(0)?;
        let name: String = row.try_get(1)?;
        let create_sql: Option<String> = row.try_get(3)?;
        if kind == "view" {
            catalog.views.push(ViewInfo { name, create_sql });
        } else {
            let table = row.try_get(2)?;
            catalog.triggers.push(TriggerInfo {
                name,
                table,
                create_sql,
            });
        }
    }
    // Byte order, whatever the collation.
    catalog.views.sort_by(|a, b| a.name.cmp(&b.name));
    catalog.triggers.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(catalog)
}

/// Columns in order, the primary key, and the `AUTOINCREMENT` column.
async fn columns(
    conn: &mut SqlxConnection,
    tables: &mut BTreeMap<String, TableInfo>,
    defs: &BTreeMap<String, Option<TableDef>>,
) -> Result<()> {
    let mut primary_keys: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for row in rows(conn, COLUMNS, &[]).await? {
        let table: String = row.try_get(0)?;
        let Some(info) = tables.get_mut(&table) else {
            continue;
        };
        let column: String = row.try_get(1)?;
        let data_type: String = row.try_get(2)?;
        let pk: i64 = row.try_get(5)?;
        if pk > 0 {
            primary_keys
                .entry(table.clone())
                .or_default()
                .push((pk, column.clone()));
        }
        let auto_increment = pk > 0
            && defs
                .get(&table)
                .and_then(Option::as_ref)
                .and_then(autoincrement_column)
                .is_some_and(|c| same_name(c, &column));
        info.columns.push(ColumnInfo {
            name: column,
            data_type: data_type.to_lowercase(),
            nullable: row.try_get::<i64, _>(3)? == 0,
            default: row.try_get(4)?,
            auto_increment,
            ..ColumnInfo::default()
        });
    }
    for (table, mut key) in primary_keys {
        key.sort();
        if let Some(info) = tables.get_mut(&table) {
            info.primary_key = key.into_iter().map(|(_, c)| c).collect();
        }
    }
    Ok(())
}

/// The column whose definition says `AUTOINCREMENT` (SQLite allows it on the single
/// `INTEGER PRIMARY KEY` column only).
fn autoincrement_column(def: &TableDef) -> Option<&str> {
    def.columns()
        .find(|c| {
            tokenize(&c.text)
                .iter()
                .any(|t| t.is_word(&c.text, "AUTOINCREMENT"))
        })
        .map(|c| c.name.as_str())
}

/// Indexes and unique constraints, with expression parts and predicates.
async fn indexes(
    conn: &mut SqlxConnection,
    tables: &mut BTreeMap<String, TableInfo>,
    defs: &BTreeMap<String, Option<TableDef>>,
) -> Result<()> {
    // The stored text of the index being read, cut into its parts and predicate once.
    let mut parsed: Option<IndexText> = None;
    for row in rows(conn, INDEXES, &[]).await? {
        let table: String = row.try_get(0)?;
        let name: String = row.try_get(1)?;
        let Some(info) = tables.get_mut(&table) else {
            continue;
        };
        let column: Option<String> = row.try_get(4)?;
        let same = info.indexes.last().is_some_and(|i| i.name == name);
        if !same {
            let sql: Option<String> = row.try_get(5)?;
            let text = sql.as_deref().map(IndexText::parse).unwrap_or_default();
            info.indexes.push(IndexInfo {
                name,
                columns: Vec::new(),
                unique: row.try_get::<i64, _>(2)? != 0,
                constraint: row.try_get::<String, _>(3)? == "u",
                predicate: text.predicate.clone(),
                definition: None,
            });
            parsed = Some(text);
        }
        if let Some(index) = info.indexes.last_mut() {
            let part = match column {
                Some(column) => column,
                None => parsed
                    .as_ref()
                    .and_then(|p| p.parts.get(index.columns.len()))
                    .map_or_else(
                        || "(expression)".to_string(),
                        |e| IndexInfo::expression_part(e),
                    ),
            };
            index.columns.push(part);
        }
    }
    for (table, info) in tables.iter_mut() {
        let def = defs.get(table).and_then(Option::as_ref);
        for index in info.indexes.iter_mut().filter(|i| i.constraint) {
            if let Some(name) = constraint_name(def, &index.columns) {
                index.name = name;
            }
        }
        info.indexes.sort_by(|a, b| a.name.cmp(&b.name));
    }
    Ok(())
}

/// The `CONSTRAINT` name of the table's `UNIQUE` constraint on exactly `columns`, if it has one.
fn constraint_name(def: Option<&TableDef>, columns: &[String]) -> Option<String> {
    def?.constraints()
        .find(|c| {
            c.kind == ConstraintKind::Unique
                && c.name.is_some()
                && c.columns.len() == columns.len()
                && c.columns.iter().zip(columns).all(|(a, b)| same_name(a, b))
        })
        .and_then(|c| c.name.clone())
}

/// A stored `CREATE INDEX` statement cut into its key parts (without `COLLATE`, `ASC` or
/// `DESC`) and its `WHERE` predicate.
#[derive(Default)]
struct IndexText {
    parts: Vec<String>,
    predicate: Option<String>,
}

impl IndexText {
    fn parse(sql: &str) -> Self {
        let (tokens, from) = index_body(sql);
        let body = &tokens[from.min(tokens.len())..];
        let Some(close) = body
            .first()
            .filter(|t| t.is('('))
            .and(matching_paren(body, 0))
        else {
            return Self::default();
        };
        let inner = &body[1..close];
        let parts = split_top_level_commas(inner)
            .into_iter()
            .filter_map(|range| {
                let mut part = &inner[range];
                if part
                    .last()
                    .is_some_and(|t| t.is_word(sql, "ASC") || t.is_word(sql, "DESC"))
                {
                    part = &part[..part.len() - 1];
                }
                let n = part.len();
                if n >= 2 && part[n - 2].is_word(sql, "COLLATE") {
                    part = &part[..n - 2];
                }
                Some(sql[part.first()?.start..part.last()?.end].to_string())
            })
            .collect();
        let predicate = body
            .get(close + 1)
            .filter(|t| t.is_word(sql, "WHERE"))
            .and_then(|_| body.get(close + 2))
            .map(|t| {
                sql[t.start..]
                    .trim()
                    .trim_end_matches(';')
                    .trim_end()
                    .to_string()
            });
        Self { parts, predicate }
    }
}

/// Foreign keys with their names and actions.
async fn foreign_keys(
    conn: &mut SqlxConnection,
    tables: &mut BTreeMap<String, TableInfo>,
    defs: &BTreeMap<String, Option<TableDef>>,
) -> Result<()> {
    let mut grouped: BTreeMap<String, Vec<(i64, ForeignKeyInfo)>> = BTreeMap::new();
    for row in rows(conn, FOREIGN_KEYS, &[]).await? {
        let table: String = row.try_get(0)?;
        let id: i64 = row.try_get(1)?;
        let to: Option<String> = row.try_get(4)?;
        let list = grouped.entry(table).or_default();
        if list.last().is_none_or(|(last, _)| *last != id) {
            list.push((
                id,
                ForeignKeyInfo {
                    name: None,
                    columns: Vec::new(),
                    references_table: row.try_get(2)?,
                    references_columns: Vec::new(),
                    on_update: row.try_get::<String, _>(5)?.to_uppercase(),
                    on_delete: row.try_get::<String, _>(6)?.to_uppercase(),
                },
            ));
        }
        if let Some((_, fk)) = list.last_mut() {
            fk.columns.push(row.try_get(3)?);
            fk.references_columns.extend(to);
        }
    }
    for (table, list) in grouped {
        let mut declared = defs
            .get(&table)
            .and_then(Option::as_ref)
            .map(TableDef::foreign_keys)
            .unwrap_or_default();
        let mut out = Vec::new();
        // SQLite numbers foreign keys from the last declared one: read them in declaration
        // order so that two keys on the same columns and parent pair with their own names.
        for (_, mut fk) in list.into_iter().rev() {
            if fk.references_columns.is_empty() {
                fk.references_columns = tables
                    .values()
                    .find(|t| same_name(&t.name, &fk.references_table))
                    .map(|t| t.primary_key.clone())
                    .unwrap_or_default();
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
        if let Some(info) = tables.get_mut(&table) {
            info.foreign_keys = out;
        }
    }
    Ok(())
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
