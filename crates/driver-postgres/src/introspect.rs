//! What a PostgreSQL schema holds, read from `pg_catalog` for the current schema only
//! (`current_schema()`, the first existing schema of the `search_path`), one query per kind.
//!
//! - tables: ordinary and partitioned tables, the tracking tables included, sorted by name,
//!   with their comments (`obj_description`);
//! - columns in order, `data_type` as `format_type` prints it (`integer`,
//!   `character varying(30)`, `numeric(8,2)`, `timestamp with time zone`, an enum type's
//!   name), nullability, the default's text as `pg_get_expr` prints it (`'x'::character
//!   varying`, `CURRENT_TIMESTAMP`); an identity column has no default. `auto_increment` is
//!   true for an identity column and for a `serial` one (a column that owns the sequence its
//!   default draws from); the comment is `col_description`;
//! - the primary key's columns;
//! - indexes (name, key columns or expressions in parentheses, unique, the partial index's
//!   predicate as `pg_get_expr` prints it), except the primary key's own index; the index of a
//!   `UNIQUE` constraint is reported with `constraint = true`;
//! - foreign keys with their names, referenced table (`schema.table` when it is in another
//!   schema) and upper-case actions (`CASCADE`, `NO ACTION`, ...);
//! - enum types with their labels in order;
//! - views (`relkind = 'v'`) as `CREATE VIEW "name" AS ` and `pg_get_viewdef`'s query (without
//!   its final `;`);
//! - functions and procedures (not aggregates, and not those an extension owns) with
//!   `pg_get_functiondef`, sorted by name then signature;
//! - triggers other than the internal ones of foreign keys, with `pg_get_triggerdef`, sorted
//!   by name then table.

use std::collections::BTreeMap;

use dbm_core::driver::{
    Catalog, ColumnInfo, EnumInfo, ForeignKeyInfo, IndexInfo, RoutineInfo, TableInfo, TableState,
    TriggerInfo, ViewInfo,
};
use sqlx::Row as _;
use sqlx::postgres::{PgConnection, PgRow};

use crate::ddl::enum_type_name;
use crate::error::Result;

/// Runs a catalog query with text parameters.
async fn rows(conn: &mut PgConnection, sql: &'static str, params: &[&str]) -> Result<Vec<PgRow>> {
    let mut query = sqlx::query(sql);
    for param in params {
        query = query.bind(param.to_string());
    }
    Ok(query.fetch_all(conn).await?)
}

/// The first column of every row, as text.
pub(crate) async fn names(
    conn: &mut PgConnection,
    sql: &'static str,
    params: &[&str],
) -> Result<Vec<String>> {
    rows(conn, sql, params)
        .await?
        .iter()
        .map(|r| Ok(r.try_get(0)?))
        .collect()
}

/// Tables of the current schema with their comments.
const TABLE_COMMENTS: &str = "SELECT c.relname::text, \
     pg_catalog.obj_description(c.oid, 'pg_class') FROM pg_catalog.pg_class c \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')";

const COLUMNS: &str = "SELECT c.relname::text, a.attname::text, \
     pg_catalog.format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, \
     pg_catalog.pg_get_expr(d.adbin, d.adrelid), \
     a.attidentity <> '' OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep \
       JOIN pg_catalog.pg_class s ON s.oid = dep.objid AND s.relkind = 'S' \
       WHERE dep.classid = 'pg_catalog.pg_class'::regclass \
       AND dep.refclassid = 'pg_catalog.pg_class'::regclass \
       AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a'), \
     pg_catalog.col_description(a.attrelid, a.attnum) \
     FROM pg_catalog.pg_attribute a \
     JOIN pg_catalog.pg_class c ON c.oid = a.attrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') \
     AND a.attnum > 0 AND NOT a.attisdropped \
     ORDER BY c.relname, a.attnum";

const PRIMARY_KEYS: &str = "SELECT c.relname::text, a.attname::text \
     FROM pg_catalog.pg_constraint k \
     JOIN pg_catalog.pg_class c ON c.oid = k.conrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord) \
     JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum \
     WHERE n.nspname = current_schema() AND k.contype = 'p' \
     ORDER BY c.relname, u.ord";

const INDEXES: &str = "SELECT c.relname::text, i.relname::text, x.indisunique, \
     a.attname::text, pg_catalog.pg_get_indexdef(x.indexrelid, u.ord, true), \
     pg_catalog.pg_get_expr(x.indpred, x.indrelid, true), \
     EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = x.indexrelid \
       AND k.conrelid = x.indrelid AND k.contype = 'u') \
     FROM pg_catalog.pg_index x \
     JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid \
     JOIN pg_catalog.pg_class c ON c.oid = x.indrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     CROSS JOIN LATERAL generate_series(1, x.indnkeyatts::int) AS u(ord) \
     LEFT JOIN pg_catalog.pg_attribute a \
       ON a.attrelid = x.indrelid AND a.attnum = x.indkey[u.ord - 1] AND a.attnum > 0 \
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT x.indisprimary \
     ORDER BY c.relname, i.relname, u.ord";

const FOREIGN_KEYS: &str = "SELECT c.relname::text, k.conname::text, \
     CASE WHEN rn.nspname = n.nspname THEN r.relname::text \
          ELSE rn.nspname::text || '.' || r.relname::text END, \
     a.attname::text, ra.attname::text, \
     CASE k.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' \
          WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END, \
     CASE k.confupdtype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' \
          WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END \
     FROM pg_catalog.pg_constraint k \
     JOIN pg_catalog.pg_class c ON c.oid = k.conrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_catalog.pg_class r ON r.oid = k.confrelid \
     JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace \
     CROSS JOIN LATERAL unnest(k.conkey, k.confkey) WITH ORDINALITY AS u(col, refcol, ord) \
     JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.col \
     JOIN pg_catalog.pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = u.refcol \
     WHERE n.nspname = current_schema() AND k.contype = 'f' \
     ORDER BY c.relname, k.conname, u.ord";

/// `pg_depend` says an extension owns the object `oid` of the catalog `class`.
macro_rules! not_extension_owned {
    ($class:literal, $oid:literal) => {
        concat!(
            "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = '",
            $class,
            "'::regclass AND e.objid = ",
            $oid,
            " AND e.deptype = 'e')"
        )
    };
}

const ENUMS: &str = concat!(
    "SELECT t.typname::text, e.enumlabel::text FROM pg_catalog.pg_type t \
     JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
     JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid \
     WHERE n.nspname = current_schema() AND ",
    not_extension_owned!("pg_catalog.pg_type", "t.oid"),
    " ORDER BY t.typname, e.enumsortorder"
);

const VIEW_DEFINITIONS: &str = "SELECT c.relname::text, \
     format('CREATE VIEW %I AS %s', c.relname, \
       rtrim(btrim(pg_catalog.pg_get_viewdef(c.oid, true), E' \\n'), ';')) \
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND c.relkind = 'v'";

const ROUTINES: &str = concat!(
    "SELECT p.proname::text, p.prokind::text, pg_catalog.pg_get_functiondef(p.oid), \
     p.oid::regprocedure::text FROM pg_catalog.pg_proc p \
     JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace \
     WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p') AND ",
    not_extension_owned!("pg_catalog.pg_proc", "p.oid")
);

const TRIGGERS: &str = "SELECT t.tgname::text, c.relname::text, \
     pg_catalog.pg_get_triggerdef(t.oid, true) FROM pg_catalog.pg_trigger t \
     JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND NOT t.tgisinternal";

/// Describes every table, view, enum type, routine and trigger of the current schema.
pub(crate) async fn catalog(conn: &mut PgConnection) -> Result<Catalog> {
    let mut tables = BTreeMap::new();
    for row in rows(conn, TABLE_COMMENTS, &[]).await? {
        let name: String = row.try_get(0)?;
        let info = TableInfo {
            name: name.clone(),
            comment: row.try_get(1)?,
            ..TableInfo::default()
        };
        tables.insert(name, info);
    }
    for row in rows(conn, COLUMNS, &[]).await? {
        let table: String = row.try_get(0)?;
        if let Some(info) = tables.get_mut(&table) {
            info.columns.push(ColumnInfo {
                name: row.try_get(1)?,
                data_type: row.try_get(2)?,
                nullable: row.try_get(3)?,
                default: row.try_get(4)?,
                auto_increment: row.try_get(5)?,
                comment: row.try_get(6)?,
                ..ColumnInfo::default()
            });
        }
    }
    for row in rows(conn, PRIMARY_KEYS, &[]).await? {
        let table: String = row.try_get(0)?;
        if let Some(info) = tables.get_mut(&table) {
            info.primary_key.push(row.try_get(1)?);
        }
    }
    for row in rows(conn, INDEXES, &[]).await? {
        let table: String = row.try_get(0)?;
        let name: String = row.try_get(1)?;
        let Some(info) = tables.get_mut(&table) else {
            continue;
        };
        if info.indexes.last().is_none_or(|i| i.name != name) {
            info.indexes.push(IndexInfo {
                name,
                columns: Vec::new(),
                unique: row.try_get(2)?,
                constraint: row.try_get(6)?,
                predicate: row.try_get(5)?,
                definition: None,
            });
        }
        let column: Option<String> = row.try_get(3)?;
        let part = match column {
            Some(column) => column,
            None => IndexInfo::expression_part(&row.try_get::<String, _>(4)?),
        };
        if let Some(index) = info.indexes.last_mut() {
            index.columns.push(part);
        }
    }
    for row in rows(conn, FOREIGN_KEYS, &[]).await? {
        let table: String = row.try_get(0)?;
        let name: String = row.try_get(1)?;
        let Some(info) = tables.get_mut(&table) else {
            continue;
        };
        let same = info
            .foreign_keys
            .last()
            .is_some_and(|fk| fk.name.as_deref() == Some(name.as_str()));
        if !same {
            info.foreign_keys.push(ForeignKeyInfo {
                name: Some(name),
                references_table: row.try_get(2)?,
                on_delete: row.try_get(5)?,
                on_update: row.try_get(6)?,
                ..ForeignKeyInfo::default()
            });
        }
        if let Some(fk) = info.foreign_keys.last_mut() {
            fk.columns.push(row.try_get(3)?);
            fk.references_columns.push(row.try_get(4)?);
        }
    }
    let mut catalog = Catalog {
        tables: tables.into_values().collect(),
        ..Catalog::default()
    };
    for table in &mut catalog.tables {
        table.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        table.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
    }
    for row in rows(conn, ENUMS, &[]).await? {
        let name: String = row.try_get(0)?;
        if catalog.enums.last().is_none_or(|e| e.name != name) {
            catalog.enums.push(EnumInfo {
                name,
                values: Vec::new(),
            });
        }
        if let Some(info) = catalog.enums.last_mut() {
            info.values.push(row.try_get(1)?);
        }
    }
    for row in rows(conn, VIEW_DEFINITIONS, &[]).await? {
        catalog.views.push(ViewInfo {
            name: row.try_get(0)?,
            create_sql: row.try_get(1)?,
        });
    }
    let mut routines = Vec::new();
    for row in rows(conn, ROUTINES, &[]).await? {
        let kind: String = row.try_get(1)?;
        let signature: String = row.try_get(3)?;
        let info = RoutineInfo {
            name: row.try_get(0)?,
            kind: if kind == "p" { "procedure" } else { "function" }.to_string(),
            create_sql: row.try_get(2)?,
        };
        routines.push((signature, info));
    }
    routines.sort_by(|(a_sig, a), (b_sig, b)| (&a.name, a_sig).cmp(&(&b.name, b_sig)));
    catalog.routines = routines.into_iter().map(|(_, info)| info).collect();
    for row in rows(conn, TRIGGERS, &[]).await? {
        catalog.triggers.push(TriggerInfo {
            name: row.try_get(0)?,
            table: row.try_get(1)?,
            create_sql: row.try_get(2)?,
        });
    }
    // Byte order, whatever the database's collation.
    catalog.enums.sort_by(|a, b| a.name.cmp(&b.name));
    catalog.views.sort_by(|a, b| a.name.cmp(&b.name));
    catalog
        .triggers
        .sort_by(|a, b| (&a.name, &a.table).cmp(&(&b.name, &b.table)));
    Ok(catalog)
}

/// Whether a table exists in the current schema.
pub(crate) async fn table_exists(conn: &mut PgConnection, table: &str) -> Result<bool> {
    let found = rows(
        conn,
        "SELECT 1 FROM pg_catalog.pg_class c \
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname = $1",
        &[table],
    )
    .await?;
    Ok(!found.is_empty())
}

/// The state `drop_table` compiles against: the table's columns and its own native enum
/// types (`owned_types`); `None` when the table does not exist.
///
/// A type is the table's own when one of its columns uses it, it is named
/// `<table>_<column>_enum` after that column (as dbm names the types of `native = true`
/// enums), and no other table's or view's column uses it (indexes do not count).
pub(crate) async fn table_state(
    conn: &mut PgConnection,
    table: &str,
) -> Result<Option<TableState>> {
    if !table_exists(conn, table).await? {
        return Ok(None);
    }
    let columns = rows(
        conn,
        "SELECT a.attname::text, \
         CASE WHEN t.typtype = 'e' AND NOT EXISTS ( \
           SELECT 1 FROM pg_catalog.pg_attribute o \
           JOIN pg_catalog.pg_class oc ON oc.oid = o.attrelid \
           WHERE o.atttypid = t.oid AND o.attrelid <> a.attrelid AND NOT o.attisdropped \
           AND oc.relkind NOT IN ('i', 'I')) \
         THEN t.typname::text END \
         FROM pg_catalog.pg_attribute a \
         JOIN pg_catalog.pg_class c ON c.oid = a.attrelid \
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_catalog.pg_type t ON t.oid = a.atttypid \
         WHERE n.nspname = current_schema() AND c.relname = $1 \
         AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        &[table],
    )
    .await?;
    let mut state = TableState {
        name: table.to_string(),
        ..TableState::default()
    };
    for row in columns {
        let column: String = row.try_get(0)?;
        let enum_type: Option<String> = row.try_get(1)?;
        if let Some(enum_type) = enum_type
            && enum_type == enum_type_name(table, &column)
            && !state.owned_types.contains(&enum_type)
        {
            state.owned_types.push(enum_type);
        }
        state.columns.push(column);
    }
    Ok(Some(state))
}
