//! Introspection of the connection's database through `information_schema` (one query per
//! kind) and `SHOW CREATE …` for the definitions of views, routines and triggers.
//!
//! - Tables: base tables (and MariaDB's system-versioned tables), sorted by name, with their
//!   `TABLE_COMMENT` (`None` when empty) and their whole statement: `SHOW CREATE TABLE`'s,
//!   without its foreign keys and `AUTO_INCREMENT=N` (see the `create_table` module), which
//!   a schema dump writes as it is. The structured fields describe the same table.
//! - Columns in order: `data_type` is `COLUMN_TYPE` in lower case, as the server says it
//!   (`int(10) unsigned` on MariaDB, `int unsigned` on MySQL 8.0.19+; `tinyint(1)` for a
//!   boolean; `enum('a','b')`; `longtext` for a MariaDB `json` column, which is an alias);
//!   defaults made the same for both servers (see the `defaults` module); `auto_increment`
//!   from `EXTRA`; the `COLUMN_COMMENT` (`None` when empty); a generated column's
//!   `GENERATION_EXPRESSION`, stored when `EXTRA` says `STORED` or `PERSISTENT`.
//! - The primary key's columns; indexes other than `PRIMARY`, sorted by name, including the
//!   ones InnoDB creates for foreign keys (they are real indexes). MySQL makes no difference
//!   between a `UNIQUE` constraint and a unique index (both are a unique key), so every unique
//!   key is reported as a unique index (`constraint = false`). A MySQL 8 functional key part is
//!   its expression in parentheses; MariaDB has none, and neither has partial indexes. An
//!   index its key parts do not describe (`FULLTEXT`, `SPATIAL`, a prefix `` `c`(191) ``, a
//!   descending part) has its `CREATE ... INDEX` statement as its definition.
//! - Check constraints (`information_schema.CHECK_CONSTRAINTS`), sorted by name, as
//!   `CHECK (<clause>)`; a MariaDB column-level check (the one it adds to a `json` column)
//!   is named after its column.
//! - Foreign keys with their names and upper-case actions (`CASCADE`, `RESTRICT`,
//!   `NO ACTION`, `SET NULL`).
//! - Views with `SHOW CREATE VIEW`'s statement, each after the views it names, else by name
//!   (the order a dump creates them in). The server qualifies every
//!   column of a view with the database's name; that qualifier (`` `db`. ``) is taken out so
//!   the definition is the same in any database.
//! - Functions and procedures of the database (`information_schema.ROUTINES`), sorted by name
//!   then kind, and triggers, sorted by name (but those of one table, timing and event in the
//!   order they fire, so a dump creates them in that order), with `SHOW CREATE FUNCTION`, `PROCEDURE` or
//!   `TRIGGER`'s statement; `None` when the server withholds it (the user may not see it).
//! - Events, sorted by name, as objects with `SHOW CREATE EVENT`'s statement, created last.
//! - What a dump could not recreate goes in `unsupported`: a MariaDB sequence, a foreign key
//!   to a table of another database.
//!
//! Names are compared as the server returns them. MySQL 8 sends some `information_schema`
//! columns with the binary character set; they are read as UTF-8 text all the same.

use std::collections::BTreeMap;

use dbm_core::Value;
use dbm_core::driver::{
    Catalog, ColumnInfo, ConstraintInfo, ForeignKeyInfo, GeneratedInfo, IndexInfo, ObjectInfo,
    RoutineInfo, Row, Stage, TableInfo, TriggerInfo, ViewInfo,
};
use sqlx::mysql::MySqlConnection;

use crate::create_table::without_foreign_keys;
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

const TABLES: &str = "SELECT TABLE_NAME, TABLE_TYPE, TABLE_COMMENT \
     FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()";

const COLUMNS: &str = "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, \
     COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT, GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() \
     ORDER BY TABLE_NAME, ORDINAL_POSITION";

const INDEXES: &str = "SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME, NON_UNIQUE, NULL, \
     INDEX_TYPE, SUB_PART, COLLATION FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() \
     ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

/// [`INDEXES`] with MySQL 8's functional key parts (`EXPRESSION`, which MariaDB lacks).
const INDEXES_WITH_EXPRESSIONS: &str = "SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME, \
     NON_UNIQUE, EXPRESSION, INDEX_TYPE, SUB_PART, COLLATION FROM information_schema.STATISTICS \
     WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

/// Check constraints on MariaDB, whose names are unique per table only.
const CHECKS: &str = "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE \
     FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()";

/// Check constraints on MySQL 8, whose `CHECK_CONSTRAINTS` has no table name.
const CHECKS_WITH_TABLES: &str = "SELECT t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE \
     FROM information_schema.CHECK_CONSTRAINTS c \
     JOIN information_schema.TABLE_CONSTRAINTS t \
       ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME \
      AND t.CONSTRAINT_TYPE = 'CHECK' \
     WHERE c.CONSTRAINT_SCHEMA = DATABASE()";

const EVENTS: &str =
    "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()";

const ROUTINES: &str = "SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES \
     WHERE ROUTINE_SCHEMA = DATABASE()";

const TRIGGERS: &str = "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, \
     EVENT_MANIPULATION, ACTION_ORDER FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()";

const FOREIGN_KEYS: &str = "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, \
     k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE, \
     k.REFERENCED_TABLE_SCHEMA = DATABASE() \
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
    let (tables, views, _) = tables_and_views(conn).await?;
    Ok((tables.into_iter().map(|(name, _)| name).collect(), views))
}

/// The base tables with their comments, the views, and MariaDB's sequences, each sorted by
/// name.
async fn tables_and_views(conn: &mut MySqlConnection) -> Result<TablesAndViews> {
    let mut tables = Vec::new();
    let mut views = Vec::new();
    let mut sequences = Vec::new();
    for row in rows(conn, TABLES).await? {
        let (Some(name), Some(kind)) = (text(row.get(0)), text(row.get(1))) else {
            continue;
        };
        match kind.as_str() {
            "BASE TABLE" | "SYSTEM VERSIONED" => tables.push((name, non_empty(row.get(2)))),
            "VIEW" => views.push(name),
            "SEQUENCE" => sequences.push(name),
            _ => {}
        }
    }
    tables.sort();
    views.sort();
    sequences.sort();
    Ok((tables, views, sequences))
}

/// What [`tables_and_views`] finds: (table, comment) pairs, views, sequences.
type TablesAndViews = (Vec<(String, Option<String>)>, Vec<String>, Vec<String>);

/// A text value, `None` when it is NULL or empty (how the server says "no comment").
fn non_empty(value: &Value) -> Option<String> {
    text(value).filter(|t| !t.is_empty())
}

/// A name quoted with backticks.
fn quote(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// The statement `SHOW CREATE <kind> <name>` gives back, from its column `column`; `None`
/// when the server withholds it.
async fn show_create(
    conn: &mut MySqlConnection,
    kind: &str,
    name: &str,
    column: usize,
) -> Result<Option<String>> {
    let sql = format!("SHOW CREATE {kind} {}", quote(name));
    // The name is quoted, so the statement is safe to run as text.
    let rows = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .fetch_all(conn)
        .await?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    Ok(text(decode_row(row)?.get(column)))
}

/// Views (sorted by name) put in an order each can be created in: after every other view
/// its statement names, else by name. A cycle (a name in a string) keeps the name order.
fn in_creation_order(mut views: Vec<ViewInfo>) -> Vec<ViewInfo> {
    let names: Vec<String> = views.iter().map(|v| quote(&v.name)).collect();
    let needs: Vec<Vec<String>> = views
        .iter()
        .zip(&names)
        .map(|(view, own)| {
            let sql = view.create_sql.as_deref().unwrap_or_default();
            names
                .iter()
                .filter(|name| *name != own && sql.contains(name.as_str()))
                .cloned()
                .collect()
        })
        .collect();
    let mut pending: Vec<(ViewInfo, Vec<String>)> = views.drain(..).zip(needs).collect();
    let mut placed: Vec<String> = Vec::new();
    while !pending.is_empty() {
        let next = pending
            .iter()
            .position(|(_, needs)| needs.iter().all(|n| placed.contains(n)))
            .unwrap_or(0);
        let (view, _) = pending.remove(next);
        placed.push(quote(&view.name));
        views.push(view);
    }
    views
}

/// When a trigger fires: its table, timing and event.
type Fires = (String, String, String);

/// Triggers sorted by name, except that those which fire on the same table, timing and event
/// take their places in that order in their `ACTION_ORDER`.
fn in_firing_order(mut triggers: Vec<(TriggerInfo, Fires, i64)>) -> Vec<TriggerInfo> {
    triggers.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    let mut by_order = triggers.clone();
    by_order.sort_by(|a, b| (&a.1, a.2).cmp(&(&b.1, b.2)));
    let mut next: BTreeMap<&Fires, usize> = BTreeMap::new();
    triggers
        .iter()
        .map(|(_, fires, _)| {
            let seen = next.entry(fires).or_default();
            let info = by_order
                .iter()
                .filter(|(_, f, _)| f == fires)
                .nth(*seen)
                .map(|(info, _, _)| info.clone())
                .unwrap_or_default();
            *seen += 1;
            info
        })
        .collect()
}

/// Describes the current database.
pub(crate) async fn catalog(conn: &mut MySqlConnection, mariadb: bool) -> Result<Catalog> {
    let (table_list, view_names, sequences) = tables_and_views(conn).await?;
    let mut unsupported: Vec<String> = sequences
        .iter()
        .map(|name| format!("sequence {}", quote(name)))
        .collect();
    let mut tables: BTreeMap<String, TableInfo> = table_list
        .into_iter()
        .map(|(name, comment)| {
            let info = TableInfo {
                name: name.clone(),
                comment,
                ..TableInfo::default()
            };
            (name, info)
        })
        .collect();

    for row in rows(conn, COLUMNS).await? {
        let Some(table) = text(row.get(0)).and_then(|t| tables.get_mut(&t)) else {
            continue;
        };
        let extra = text(row.get(5)).unwrap_or_default();
        let upper = extra.to_ascii_uppercase();
        let generated = non_empty(row.get(7)).map(|expression| GeneratedInfo {
            expression,
            stored: upper.contains("STORED") || upper.contains("PERSISTENT"),
        });
        table.columns.push(ColumnInfo {
            name: text(row.get(1)).unwrap_or_default(),
            data_type: text(row.get(2)).unwrap_or_default().to_ascii_lowercase(),
            nullable: text(row.get(3)).as_deref() == Some("YES"),
            default: defaults::normalize(text(row.get(4)).as_deref(), &extra, mariadb),
            auto_increment: extra.to_ascii_lowercase().contains("auto_increment"),
            comment: non_empty(row.get(6)),
            generated,
            ..ColumnInfo::default()
        });
    }

    let mut indexes: BTreeMap<(String, String), IndexInfo> = BTreeMap::new();
    // An index's kind, its key parts as `CREATE INDEX` writes them, and whether the parts
    // say more than the column names (a prefix or a descending part).
    let mut shapes: BTreeMap<(String, String), (String, Vec<String>, bool)> = BTreeMap::new();
    let index_query = if mariadb {
        INDEXES
    } else {
        INDEXES_WITH_EXPRESSIONS
    };
    for row in rows(conn, index_query).await? {
        let (Some(table), Some(index)) = (text(row.get(0)), text(row.get(1))) else {
            continue;
        };
        let Some(info) = tables.get_mut(&table) else {
            continue;
        };
        // A functional key part (MySQL 8) has no column name but an expression.
        let column =
            text(row.get(2)).or_else(|| text(row.get(4)).map(|e| IndexInfo::expression_part(&e)));
        let prefix = row.get(6).as_i64();
        let descending = text(row.get(7)).as_deref() == Some("D");
        let shape = shapes
            .entry((table.clone(), index.clone()))
            .or_insert_with(|| (text(row.get(5)).unwrap_or_default(), Vec::new(), false));
        if let Some(column) = &column {
            let mut part = match row.get(2) {
                Value::Null => column.clone(),
                _ => quote(column),
            };
            if let Some(length) = prefix {
                part.push_str(&format!("({length})"));
            }
            if descending {
                part.push_str(" DESC");
            }
            shape.1.push(part);
        }
        shape.2 |= prefix.is_some() || descending;
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
    for ((table, name), mut index) in indexes {
        if let Some((kind, parts, detailed)) = shapes.get(&(table.clone(), name)) {
            let kind = match kind.as_str() {
                "FULLTEXT" | "SPATIAL" => Some(kind.as_str()),
                _ if index.unique => Some("UNIQUE"),
                _ => None,
            };
            if *detailed || matches!(kind, Some("FULLTEXT" | "SPATIAL")) {
                index.definition = Some(format!(
                    "CREATE {}INDEX {} ON {} ({})",
                    kind.map(|k| format!("{k} ")).unwrap_or_default(),
                    quote(&index.name),
                    quote(&table),
                    parts.join(", ")
                ));
            }
        }
        if let Some(info) = tables.get_mut(&table) {
            info.indexes.push(index);
        }
    }

    let checks = if mariadb { CHECKS } else { CHECKS_WITH_TABLES };
    for row in rows(conn, checks).await? {
        let (Some(table), Some(name)) = (text(row.get(0)), text(row.get(1))) else {
            continue;
        };
        if let Some(info) = tables.get_mut(&table) {
            info.constraints.push(ConstraintInfo {
                name,
                kind: "check".into(),
                definition: format!("CHECK ({})", text(row.get(2)).unwrap_or_default()),
            });
        }
    }

    let mut foreign_keys: BTreeMap<(String, String), ForeignKeyInfo> = BTreeMap::new();
    for row in rows(conn, FOREIGN_KEYS).await? {
        let (Some(table), Some(name)) = (text(row.get(0)), text(row.get(1))) else {
            continue;
        };
        if row.get(7).as_i64() == Some(0) {
            let phrase = format!(
                "foreign key {} of table {} (it references another database)",
                quote(&name),
                quote(&table)
            );
            if !unsupported.contains(&phrase) {
                unsupported.push(phrase);
            }
        }
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

    for (name, info) in &mut tables {
        info.constraints.sort_by(|a, b| a.name.cmp(&b.name));
        let shown = show_create(conn, "TABLE", name, 1).await?;
        info.create_sql = shown.as_deref().and_then(without_foreign_keys);
        if info.create_sql.is_none() {
            unsupported.push(format!(
                "table {} (SHOW CREATE TABLE gives no statement dbm can read)",
                quote(name)
            ));
        }
    }

    let database = rows(conn, "SELECT DATABASE()")
        .await?
        .first()
        .and_then(|r| text(r.get(0)))
        .unwrap_or_default();
    let qualifier = format!("{}.", quote(&database));
    let mut views = Vec::new();
    for name in view_names {
        let create_sql = show_create(conn, "VIEW", &name, 1)
            .await?
            .map(|sql| sql.replace(&qualifier, ""));
        views.push(ViewInfo { name, create_sql });
    }
    let views = in_creation_order(views);
    let mut routines = Vec::new();
    for row in rows(conn, ROUTINES).await? {
        let (Some(name), Some(kind)) = (text(row.get(0)), text(row.get(1))) else {
            continue;
        };
        let kind = kind.to_ascii_lowercase();
        let create_sql = show_create(conn, &kind.to_ascii_uppercase(), &name, 2).await?;
        routines.push(RoutineInfo {
            name,
            kind,
            create_sql,
        });
    }
    routines.sort_by(|a, b| (&a.name, &a.kind).cmp(&(&b.name, &b.kind)));
    let mut triggers = Vec::new();
    for row in rows(conn, TRIGGERS).await? {
        let (Some(name), Some(table)) = (text(row.get(0)), text(row.get(1))) else {
            continue;
        };
        let create_sql = show_create(conn, "TRIGGER", &name, 2).await?;
        let fires = (
            table.clone(),
            text(row.get(2)).unwrap_or_default(),
            text(row.get(3)).unwrap_or_default(),
        );
        let order = row.get(4).as_i64().unwrap_or_default();
        let info = TriggerInfo {
            name,
            table,
            create_sql,
        };
        triggers.push((info, fires, order));
    }
    let triggers = in_firing_order(triggers);
    let mut objects = Vec::new();
    for row in rows(conn, EVENTS).await? {
        let Some(name) = text(row.get(0)) else {
            continue;
        };
        let create_sql = show_create(conn, "EVENT", &name, 3).await?;
        objects.push(ObjectInfo {
            kind: "event".into(),
            name,
            table: None,
            stage: Stage::Definitions,
            create_sql,
        });
    }
    objects.sort_by(|a, b| a.name.cmp(&b.name));

    Ok(Catalog {
        tables: tables.into_values().collect(),
        views,
        enums: Vec::new(),
        routines,
        triggers,
        objects,
        unsupported,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_go_by_name_but_those_firing_together_in_their_order() {
        let trigger = |name: &str, event: &str, order: i64| {
            let info = TriggerInfo {
                name: name.into(),
                table: "t".into(),
                create_sql: None,
            };
            (info, ("t".into(), "BEFORE".into(), event.into()), order)
        };
        let ordered = in_firing_order(vec![
            trigger("d", "INSERT", 1),
            trigger("c", "UPDATE", 1),
            trigger("b", "INSERT", 2),
            trigger("a", "UPDATE", 2),
        ]);
        let names: Vec<&str> = ordered.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["c", "d", "a", "b"]);
    }

    #[test]
    fn a_view_comes_after_the_views_it_names() {
        let view = |name: &str, sql: &str| ViewInfo {
            name: name.into(),
            create_sql: Some(format!("CREATE VIEW `{name}` AS {sql}")),
        };
        let ordered = in_creation_order(vec![
            view("a", "select * from `c`"),
            view("b", "select 1"),
            view("c", "select * from `b`"),
            view("d", "select * from `e`"),
            view("e", "select * from `d`"),
        ]);
        let names: Vec<&str> = ordered.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["b", "c", "a", "d", "e"]);
    }
}
