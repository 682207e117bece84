//! What a PostgreSQL schema holds, read from `pg_catalog` for the current schema only
//! (`current_schema()`, the first existing schema of the `search_path`), one query per kind.
//!
//! - tables: ordinary and partitioned tables, the tracking tables included, sorted by name,
//!   with their comments (`obj_description`); a partition names its parent (`partition_of`);
//!   a partitioned, partition, unlogged table or one with storage options has its whole
//!   `create_sql` (rendered from its columns, or `PARTITION OF`, with `PARTITION BY`
//!   (`pg_get_partkeydef`), `UNLOGGED`, `WITH (...)` and its comments);
//! - columns in order, `data_type` as `format_type` prints it (`integer`,
//!   `character varying(30)`, `numeric(8,2)`, `timestamp with time zone`, an enum type's
//!   name), with `COLLATE` when not the type's, nullability, the default's text as
//!   `pg_get_expr` prints it (`'x'::character varying`, `CURRENT_TIMESTAMP`); an identity
//!   column has no default, and its kind and non-default options; a generated column its
//!   expression and no default. `auto_increment` is true for an identity column and for a
//!   `serial` one (a column that owns the sequence its default draws from, exactly as
//!   `serial` makes it); the comment is `col_description`;
//! - the primary key's columns;
//! - indexes (name, key columns or expressions in parentheses, unique, the partial index's
//!   predicate as `pg_get_expr` prints it), except the primary key's own index, exclusion
//!   constraints' and a partition's inherited ones; the index of a `UNIQUE` constraint is
//!   reported with `constraint = true`; `definition` is `pg_get_indexdef` (or the
//!   constraint's `ALTER TABLE`) when the key parts cannot say it all;
//! - check and exclusion constraints with `pg_get_constraintdef`, a table's own only;
//! - foreign keys with their names, referenced table (`schema.table` when it is in another
//!   schema) and upper-case actions (`CASCADE`, `NO ACTION`, ...), a partition's inherited
//!   ones left out;
//! - enum types with their labels in order;
//! - views (`relkind = 'v'`) as `CREATE VIEW "name" WITH (...) AS ` and `pg_get_viewdef`'s
//!   query (without its final `;`), sorted by name, each after the views it selects from;
//! - functions and procedures (not aggregates, and not those an extension owns) with
//!   `pg_get_functiondef`, sorted by name then signature, each after the routines a `BEGIN
//!   ATOMIC` body uses; those a table needs to be created or indexed (in a default, a check,
//!   an index expression, a partition key), and those they use, are objects created after
//!   the domains, before tables;
//! - triggers other than the internal ones of foreign keys and the copies a partition gets
//!   of its parent's, with `pg_get_triggerdef`, sorted by name then table;
//! - objects kept as their statement: extensions of the schema, `SET LOCAL
//!   check_function_bodies = false` when an SQL function's body is a string (as `pg_dump`
//!   does), domains, sequences other than `serial` and identity ones and their owners, row
//!   security, a primary key's name other than `<table>_pkey`, materialized views and their indexes, policies, comments on other objects;
//! - what none of this describes, in `unsupported` (see [`UNSUPPORTED`]).

use std::collections::BTreeMap;

use dbm_core::driver::{
    Catalog, ColumnInfo, ConstraintInfo, EnumInfo, ForeignKeyInfo, GeneratedInfo, IndexInfo,
    ObjectInfo, RoutineInfo, Stage, TableInfo, TableState, TriggerInfo, ViewInfo,
};
use dbm_core::dump;
use sqlx::Row as _;
use sqlx::postgres::{PgConnection, PgRow};

use crate::ddl::{constraint_exists, enum_type_name, q, unless_exists};
use crate::dialect::PostgresDialect;
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

/// Tables of the current schema with their comments, persistence, storage options,
/// partition key, partition parent and bound, and row security.
const TABLES: &str = "SELECT c.relname::text, \
     pg_catalog.obj_description(c.oid, 'pg_class'), c.relpersistence = 'u', \
     (SELECT string_agg(o, ', ') FROM unnest(c.reloptions) AS o), \
     CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, \
     CASE WHEN c.relispartition THEN (SELECT p.relname::text FROM pg_catalog.pg_inherits h \
       JOIN pg_catalog.pg_class p ON p.oid = h.inhparent WHERE h.inhrelid = c.oid) END, \
     CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END, \
     c.relrowsecurity, c.relforcerowsecurity \
     FROM pg_catalog.pg_class c \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')";

const COLUMNS: &str = "SELECT c.relname::text, a.attname::text, \
     pg_catalog.format_type(a.atttypid, a.atttypmod) || \
       CASE WHEN a.attcollation <> t.typcollation \
       THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END, \
     NOT a.attnotnull, \
     CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END, \
     CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END, \
     CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END, \
     pg_catalog.col_description(a.attrelid, a.attnum) \
     FROM pg_catalog.pg_attribute a \
     JOIN pg_catalog.pg_class c ON c.oid = a.attrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_catalog.pg_type t ON t.oid = a.atttypid \
     LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation \
     LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') \
     AND a.attnum > 0 AND NOT a.attisdropped \
     ORDER BY c.relname, a.attnum";

/// Sequences of the current schema with their options and the column owning them
/// (`deptype` `a` for `serial` and `OWNED BY`, `i` for identity), and whether the sequence
/// is exactly what `serial` creates for its column (its name, type and default options,
/// and the column's default drawing from it).
const SEQUENCES: &str = concat!(
    "SELECT s.relname::text, pg_catalog.format_type(q.seqtypid, NULL), \
     q.seqstart, q.seqincrement, q.seqmin, q.seqmax, q.seqcache, q.seqcycle, \
     t.relname::text, a.attname::text, dep.deptype::text, \
     coalesce(dep.deptype = 'a' AND s.relname = t.relname || '_' || a.attname || '_seq' \
       AND q.seqtypid = a.atttypid \
       AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype) \
       AND q.seqstart = 1 AND q.seqincrement = 1 AND q.seqmin = 1 AND q.seqcache = 1 \
       AND NOT q.seqcycle AND q.seqmax = CASE a.atttypid WHEN 'int2'::regtype THEN 32767 \
         WHEN 'int4'::regtype THEN 2147483647 ELSE 9223372036854775807 END \
       AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) \
         = format('nextval(%L::regclass)', s.oid::regclass::text), false) \
     FROM pg_catalog.pg_class s \
     JOIN pg_catalog.pg_namespace n ON n.oid = s.relnamespace \
     JOIN pg_catalog.pg_sequence q ON q.seqrelid = s.oid \
     LEFT JOIN pg_catalog.pg_depend dep ON dep.classid = 'pg_catalog.pg_class'::regclass \
       AND dep.objid = s.oid AND dep.refclassid = 'pg_catalog.pg_class'::regclass \
       AND dep.deptype IN ('a', 'i') \
     LEFT JOIN pg_catalog.pg_class t ON t.oid = dep.refobjid \
     LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = dep.refobjid \
       AND a.attnum = dep.refobjsubid \
     LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
     WHERE n.nspname = current_schema() AND s.relkind = 'S' AND ",
    not_extension_owned!("pg_catalog.pg_class", "s.oid"),
    " ORDER BY s.relname"
);

const PRIMARY_KEYS: &str = "SELECT c.relname::text, a.attname::text, k.conname::text \
     FROM pg_catalog.pg_constraint k \
     JOIN pg_catalog.pg_class c ON c.oid = k.conrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord) \
     JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum \
     WHERE n.nspname = current_schema() AND k.contype = 'p' \
     ORDER BY c.relname, u.ord";

/// Indexes other than primary keys, exclusion constraints' and the partitions of a
/// partitioned table's index. The whole definition comes with an index
/// [`dbm_core::dump::index_common`] could not write: another method, `INCLUDE`, storage
/// options, orderings, a column's collation other than its own, operator classes, `NULLS NOT
/// DISTINCT` (PostgreSQL 15), a deferrable constraint.
const INDEXES: &str = "SELECT c.relname::text, i.relname::text, x.indisunique, \
     a.attname::text, pg_catalog.pg_get_indexdef(x.indexrelid, u.ord, true), \
     pg_catalog.pg_get_expr(x.indpred, x.indrelid, true), k.oid IS NOT NULL, \
     CASE WHEN am.amname <> 'btree' OR x.indnatts <> x.indnkeyatts \
       OR i.reloptions IS NOT NULL OR k.condeferrable \
       OR coalesce(to_jsonb(x) ->> 'indnullsnotdistinct', 'false') = 'true' \
       OR EXISTS (SELECT 1 FROM unnest(x.indoption::int2[]) AS o WHERE o <> 0) \
       OR EXISTS (SELECT 1 FROM unnest(x.indcollation::oid[]) WITH ORDINALITY AS ic(coll, ord) \
         JOIN pg_catalog.pg_attribute ka ON ka.attrelid = x.indrelid \
           AND ka.attnum = x.indkey[ic.ord - 1] AND ka.attnum > 0 \
         WHERE ic.coll <> ka.attcollation) \
       OR EXISTS (SELECT 1 FROM unnest(x.indclass::oid[]) AS oc \
         JOIN pg_catalog.pg_opclass op ON op.oid = oc WHERE NOT op.opcdefault) \
     THEN CASE WHEN k.oid IS NULL THEN pg_catalog.pg_get_indexdef(x.indexrelid) \
       ELSE format('ALTER TABLE %I ADD CONSTRAINT %I %s', c.relname, k.conname, \
         pg_catalog.pg_get_constraintdef(k.oid)) END END \
     FROM pg_catalog.pg_index x \
     JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid \
     JOIN pg_catalog.pg_am am ON am.oid = i.relam \
     JOIN pg_catalog.pg_class c ON c.oid = x.indrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     LEFT JOIN pg_catalog.pg_constraint k ON k.conindid = x.indexrelid \
       AND k.conrelid = x.indrelid AND k.contype = 'u' \
     CROSS JOIN LATERAL generate_series(1, x.indnkeyatts::int) AS u(ord) \
     LEFT JOIN pg_catalog.pg_attribute a \
       ON a.attrelid = x.indrelid AND a.attnum = x.indkey[u.ord - 1] AND a.attnum > 0 \
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT x.indisprimary \
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint e \
       WHERE e.conindid = x.indexrelid AND e.conrelid = x.indrelid AND e.contype = 'x') \
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhrelid = x.indexrelid) \
     ORDER BY c.relname, i.relname, u.ord";

/// Check and exclusion constraints a table has of its own (not inherited from the table it
/// is a partition of), with `pg_get_constraintdef`.
const CONSTRAINTS: &str = "SELECT c.relname::text, k.conname::text, \
     CASE k.contype WHEN 'c' THEN 'check' ELSE 'exclude' END, \
     pg_catalog.pg_get_constraintdef(k.oid) \
     FROM pg_catalog.pg_constraint k \
     JOIN pg_catalog.pg_class c ON c.oid = k.conrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') \
     AND k.contype IN ('c', 'x') AND k.conislocal AND k.conparentid = 0";

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
     WHERE n.nspname = current_schema() AND k.contype = 'f' AND k.conparentid = 0 \
     ORDER BY c.relname, k.conname, u.ord";

const ENUMS: &str = concat!(
    "SELECT t.typname::text, e.enumlabel::text FROM pg_catalog.pg_type t \
     JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
     JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid \
     WHERE n.nspname = current_schema() AND ",
    not_extension_owned!("pg_catalog.pg_type", "t.oid"),
    " ORDER BY t.typname, e.enumsortorder"
);

/// A view's or materialized view's `WITH (...)` options, quoted as `pg_dump` quotes them.
macro_rules! with_options {
    ($reloptions:literal) => {
        concat!(
            "coalesce((SELECT ' WITH (' || string_agg(quote_ident(split_part(o, '=', 1)) \
             || '=' || quote_literal(substr(o, strpos(o, '=') + 1)), ', ') || ')' \
             FROM unnest(",
            $reloptions,
            ") AS o), '')"
        )
    };
}

const VIEW_DEFINITIONS: &str = concat!(
    "SELECT c.relname::text, \
     format('CREATE VIEW %I%s AS %s', c.relname, ",
    with_options!("c.reloptions"),
    ", rtrim(btrim(pg_catalog.pg_get_viewdef(c.oid, true), E' \\n'), ';')), \
     ARRAY(SELECT DISTINCT u.relname::text FROM pg_catalog.pg_rewrite r \
       JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass \
         AND d.objid = r.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass \
       JOIN pg_catalog.pg_class u ON u.oid = d.refobjid \
       WHERE r.ev_class = c.oid AND u.relkind = 'v' AND u.oid <> c.oid \
       AND u.relnamespace = c.relnamespace) \
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND c.relkind = 'v'"
);

/// Materialized views in the order they were created, then their indexes.
const MATERIALIZED_VIEWS: &str = concat!(
    "SELECT c.relname::text, \
     format('CREATE MATERIALIZED VIEW %I%s AS %s%s', c.relname, ",
    with_options!("c.reloptions"),
    ", rtrim(btrim(pg_catalog.pg_get_viewdef(c.oid, true), E' \\n'), ';'), \
       CASE WHEN c.relispopulated THEN '' ELSE ' WITH NO DATA' END), \
     (SELECT array_agg(pg_catalog.pg_get_indexdef(x.indexrelid) ORDER BY i.relname) \
       FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid \
       WHERE x.indrelid = c.oid), \
     (SELECT array_agg(i.relname::text ORDER BY i.relname) \
       FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid \
       WHERE x.indrelid = c.oid) \
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND c.relkind = 'm' ORDER BY c.oid"
);

/// Extensions installed in the current schema.
const EXTENSIONS: &str = "SELECT e.extname::text, \
     format('CREATE EXTENSION IF NOT EXISTS %I', e.extname) \
     FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace \
     WHERE n.nspname = current_schema() ORDER BY e.extname";

/// Domains in the order they were created, with their default, `NOT NULL` and checks.
const DOMAINS: &str = concat!(
    "SELECT t.typname::text, format('CREATE DOMAIN %I AS %s%s%s%s%s', t.typname, \
       pg_catalog.format_type(t.typbasetype, t.typtypmod), \
       CASE WHEN t.typcollation <> b.typcollation \
         THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END, \
       CASE WHEN t.typdefault IS NOT NULL THEN ' DEFAULT ' || t.typdefault ELSE '' END, \
       CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END, \
       coalesce((SELECT string_agg(format(' CONSTRAINT %I %s', k.conname, \
         pg_catalog.pg_get_constraintdef(k.oid)), '' ORDER BY k.conname) \
         FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c'), '')) \
     FROM pg_catalog.pg_type t \
     JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
     JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype \
     LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation \
     WHERE n.nspname = current_schema() AND t.typtype = 'd' AND ",
    not_extension_owned!("pg_catalog.pg_type", "t.oid"),
    " ORDER BY t.oid"
);

/// Row-level security policies with `pg_get_expr` of their expressions.
const POLICIES: &str = "SELECT p.polname::text, c.relname::text, \
     format('CREATE POLICY %I ON %I%s FOR %s TO %s%s%s', p.polname, c.relname, \
       CASE WHEN p.polpermissive THEN '' ELSE ' AS RESTRICTIVE' END, \
       CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' \
         WHEN 'd' THEN 'DELETE' ELSE 'ALL' END, \
       CASE WHEN p.polroles = '{0}' THEN 'PUBLIC' ELSE (SELECT string_agg(quote_ident(r.rolname), \
         ', ' ORDER BY r.rolname) FROM pg_catalog.pg_roles r WHERE r.oid = ANY (p.polroles)) END, \
       ' USING (' || pg_catalog.pg_get_expr(p.polqual, p.polrelid) || ')', \
       ' WITH CHECK (' || pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) || ')') \
     FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() ORDER BY c.relname, p.polname";

/// Comments on what tables and columns do not hold (types, domains, views, routines,
/// indexes, constraints, triggers, policies, sequences, a view's columns), and on an
/// extension when they differ from the one it installs; `pg_identify_object` names them.
/// Built-in objects (an oid below 16384, `FirstNormalObjectId`) are not looked at.
const COMMENTS: &str = concat!(
    "SELECT o.type, o.identity, format('COMMENT ON %s %s IS %L', \
       CASE WHEN o.type LIKE '% column' THEN 'COLUMN' \
         WHEN o.type = 'table constraint' THEN 'CONSTRAINT' \
         WHEN o.type = 'domain constraint' THEN 'CONSTRAINT' ELSE upper(o.type) END, \
       CASE WHEN o.type = 'domain constraint' \
         THEN regexp_replace(o.identity, ' on ', ' ON DOMAIN ') ELSE o.identity END, \
       d.description) \
     FROM pg_catalog.pg_description d \
     CROSS JOIN LATERAL pg_catalog.pg_identify_object(d.classoid, d.objoid, d.objsubid) AS o \
     LEFT JOIN pg_catalog.pg_class c ON d.classoid = 'pg_catalog.pg_class'::regclass \
       AND c.oid = d.objoid \
     LEFT JOIN pg_catalog.pg_extension e ON d.classoid = 'pg_catalog.pg_extension'::regclass \
       AND e.oid = d.objoid \
     LEFT JOIN pg_catalog.pg_namespace en ON en.oid = e.extnamespace \
     LEFT JOIN pg_catalog.pg_trigger tg ON d.classoid = 'pg_catalog.pg_trigger'::regclass \
       AND tg.oid = d.objoid \
     LEFT JOIN pg_catalog.pg_policy po ON d.classoid = 'pg_catalog.pg_policy'::regclass \
       AND po.oid = d.objoid \
     LEFT JOIN pg_catalog.pg_class tc ON tc.oid = coalesce(tg.tgrelid, po.polrelid) \
     LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace \
     WHERE d.objoid >= 16384 AND (o.schema = current_schema() OR tn.nspname = current_schema() \
       OR (e.oid IS NOT NULL AND en.nspname = current_schema() \
       AND d.description IS DISTINCT FROM (SELECT a.comment FROM pg_catalog.pg_available_extensions a \
         WHERE a.name = e.extname))) \
     AND coalesce(c.relkind NOT IN ('r', 'p'), true) AND ",
    "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = d.classoid \
       AND x.objid = d.objoid AND x.deptype = 'e') \
     ORDER BY o.type, o.identity"
);

/// What the catalog cannot describe, one phrase each.
const UNSUPPORTED: &str = concat!(
    "SELECT format('table %I inherits from %I', c.relname, p.relname) \
     FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_class c ON c.oid = h.inhrelid \
     JOIN pg_catalog.pg_class p ON p.oid = h.inhparent \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition \
     UNION ALL SELECT format('%s %I', CASE c.relkind WHEN 'f' THEN 'foreign table' \
       WHEN 'c' THEN 'composite type' ELSE 'typed table' END, c.relname) \
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND (c.relkind IN ('f', 'c') \
       OR (c.relkind IN ('r', 'p') AND c.reloftype <> 0)) AND ",
    not_extension_owned!("pg_catalog.pg_class", "c.oid"),
    " UNION ALL SELECT format('%s type %I', CASE t.typtype WHEN 'r' THEN 'range' \
       ELSE 'base' END, t.typname) \
     FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
     WHERE n.nspname = current_schema() AND (t.typtype = 'r' OR (t.typtype = 'b' \
       AND t.typelem = 0)) AND ",
    not_extension_owned!("pg_catalog.pg_type", "t.oid"),
    " UNION ALL SELECT format('%s %I of table %I (%s)', CASE k.contype WHEN 'p' \
       THEN 'primary key' ELSE 'foreign key' END, k.conname, c.relname, \
       pg_catalog.pg_get_constraintdef(k.oid)) \
     FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_catalog.pg_class i ON i.oid = k.conindid \
     WHERE n.nspname = current_schema() AND k.conparentid = 0 AND ((k.contype = 'p' \
       AND (k.condeferrable OR i.reloptions IS NOT NULL OR pg_catalog.pg_get_constraintdef(k.oid) \
         LIKE '% INCLUDE %')) OR (k.contype = 'f' AND (k.condeferrable OR k.confmatchtype <> 's'))) \
     UNION ALL SELECT format('rule %I on %I', r.rulename, c.relname) \
     FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND r.rulename <> '_RETURN' \
     UNION ALL SELECT format('statistics object %I', s.stxname) \
     FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace \
     WHERE n.nspname = current_schema() \
     UNION ALL SELECT format('collation %I', o.collname) \
     FROM pg_catalog.pg_collation o JOIN pg_catalog.pg_namespace n ON n.oid = o.collnamespace \
     WHERE n.nspname = current_schema() AND ",
    not_extension_owned!("pg_catalog.pg_collation", "o.oid"),
    " UNION ALL SELECT format('aggregate %s', p.oid::regprocedure) \
     FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace \
     WHERE n.nspname = current_schema() AND p.prokind IN ('a', 'w') AND ",
    not_extension_owned!("pg_catalog.pg_proc", "p.oid"),
    " UNION ALL SELECT format('operator %s', o.oid::regoperator) \
     FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace \
     WHERE n.nspname = current_schema() AND ",
    not_extension_owned!("pg_catalog.pg_operator", "o.oid"),
    " UNION ALL SELECT format('%s of column %I.%I', CASE \
       WHEN a.attstorage <> t.typstorage THEN 'storage ' || CASE a.attstorage \
         WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END \
       WHEN a.attcompression <> '' THEN 'compression ' || CASE a.attcompression \
         WHEN 'l' THEN 'lz4' ELSE 'pglz' END \
       ELSE 'statistics target' END, c.relname, a.attname) \
     FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_catalog.pg_type t ON t.oid = a.atttypid \
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 \
     AND NOT a.attisdropped AND (a.attstorage <> t.typstorage OR a.attcompression <> '' \
       OR coalesce(a.attstattarget, -1) >= 0) \
     UNION ALL SELECT format('replica identity of table %I', c.relname) \
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relreplident <> 'd' \
     UNION ALL SELECT format('access method %I of table %I', am.amname, c.relname) \
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_catalog.pg_am am ON am.oid = c.relam \
     WHERE n.nspname = current_schema() AND c.relkind = 'r' AND am.amname <> 'heap' \
     UNION ALL SELECT format('table %I clustered on index %I', c.relname, i.relname) \
     FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class c ON c.oid = x.indrelid \
     JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND x.indisclustered \
     UNION ALL SELECT format('disabled trigger %I on %I', t.tgname, c.relname) \
     FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgenabled <> 'O' \
     UNION ALL SELECT format('constraint %I of domain %I, not validated', k.conname, t.typname) \
     FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_type t ON t.oid = k.contypid \
     JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
     WHERE n.nspname = current_schema() AND NOT k.convalidated \
     UNION ALL SELECT format('extension %I in schema %I', e.extname, n.nspname) \
     FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace \
     WHERE n.nspname NOT IN (current_schema(), 'pg_catalog') \
     ORDER BY 1"
);

/// Functions and procedures with their signature, whether PostgreSQL checks the body
/// against the catalog only when `check_function_bodies` is on (an SQL body in a string), and
/// the signatures of the routines their body uses (what a `BEGIN ATOMIC` body records).
const ROUTINES: &str = concat!(
    "SELECT p.proname::text, p.prokind::text, pg_catalog.pg_get_functiondef(p.oid), \
     p.oid::regprocedure::text, \
     l.lanname = 'sql' AND p.prosqlbody IS NULL, \
     ARRAY(SELECT d.refobjid::regprocedure::text FROM pg_catalog.pg_depend d \
       WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid \
       AND d.refclassid = 'pg_catalog.pg_proc'::regclass AND d.refobjid <> p.oid) \
     FROM pg_catalog.pg_proc p \
     JOIN pg_catalog.pg_language l ON l.oid = p.prolang \
     JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace \
     WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p') AND ",
    not_extension_owned!("pg_catalog.pg_proc", "p.oid")
);

/// The signatures of the routines that tables need when they are created or indexed: in a
/// default or generated expression, a check constraint (of a table or a domain), an index's
/// expression or predicate, a partition key.
const ROUTINES_TABLES_NEED: &str = "SELECT DISTINCT d.refobjid::regprocedure::text \
     FROM pg_catalog.pg_depend d \
     JOIN pg_catalog.pg_proc p ON p.oid = d.refobjid \
     JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace \
     WHERE d.refclassid = 'pg_catalog.pg_proc'::regclass AND n.nspname = current_schema() \
     AND (d.classid IN ('pg_catalog.pg_attrdef'::regclass, 'pg_catalog.pg_constraint'::regclass) \
       OR (d.classid = 'pg_catalog.pg_class'::regclass AND EXISTS (SELECT 1 \
         FROM pg_catalog.pg_class c WHERE c.oid = d.objid AND c.relkind IN ('i', 'I', 'p')))) \
     ORDER BY 1";

const TRIGGERS: &str = "SELECT t.tgname::text, c.relname::text, \
     pg_catalog.pg_get_triggerdef(t.oid, true) FROM pg_catalog.pg_trigger t \
     JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid \
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
     WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgparentid = 0";

/// What a table has beyond its columns and keys, from [`TABLES`].
#[derive(Default)]
struct TableExtra {
    unlogged: bool,
    options: Option<String>,
    partition_key: Option<String>,
    bound: Option<String>,
    row_security: bool,
    force_row_security: bool,
}

/// One row of [`SEQUENCES`].
struct Sequence {
    name: String,
    data_type: String,
    start: i64,
    increment: i64,
    min: i64,
    max: i64,
    cache: i64,
    cycle: bool,
    owner: Option<(String, String)>,
    deptype: Option<String>,
    serial: bool,
}

impl Sequence {
    fn read(row: &PgRow) -> Result<Self> {
        let table: Option<String> = row.try_get(8)?;
        let column: Option<String> = row.try_get(9)?;
        Ok(Self {
            name: row.try_get(0)?,
            data_type: row.try_get(1)?,
            start: row.try_get(2)?,
            increment: row.try_get(3)?,
            min: row.try_get(4)?,
            max: row.try_get(5)?,
            cache: row.try_get(6)?,
            cycle: row.try_get(7)?,
            owner: table.zip(column),
            deptype: row.try_get(10)?,
            serial: row.try_get(11)?,
        })
    }

    /// The bounds a sequence of this type and direction has when none are given.
    fn default_bounds(&self) -> (i64, i64) {
        let (low, high) = match self.data_type.as_str() {
            "smallint" => (i64::from(i16::MIN), i64::from(i16::MAX)),
            "integer" => (i64::from(i32::MIN), i64::from(i32::MAX)),
            _ => (i64::MIN, i64::MAX),
        };
        if self.increment > 0 {
            (1, high)
        } else {
            (low, -1)
        }
    }

    /// `CREATE SEQUENCE` with every option.
    fn create_sql(&self) -> String {
        format!(
            "CREATE SEQUENCE {} AS {} INCREMENT BY {} MINVALUE {} MAXVALUE {} START WITH {} \
             CACHE {} {}CYCLE",
            q(&self.name),
            self.data_type,
            self.increment,
            self.min,
            self.max,
            self.start,
            self.cache,
            if self.cycle { "" } else { "NO " }
        )
    }

    /// The options of the identity column `table.column` that differ from what `AS
    /// IDENTITY` gives, or `None`.
    fn identity_options(&self, table: &str, column: &str) -> Option<String> {
        let (min, max) = self.default_bounds();
        let mut options = Vec::new();
        if self.name != format!("{table}_{column}_seq") {
            options.push(format!("SEQUENCE NAME {}", q(&self.name)));
        }
        if self.start
            != if self.increment > 0 {
                self.min
            } else {
                self.max
            }
        {
            options.push(format!("START WITH {}", self.start));
        }
        if self.increment != 1 {
            options.push(format!("INCREMENT BY {}", self.increment));
        }
        if self.min != min {
            options.push(format!("MINVALUE {}", self.min));
        }
        if self.max != max {
            options.push(format!("MAXVALUE {}", self.max));
        }
        if self.cache != 1 {
            options.push(format!("CACHE {}", self.cache));
        }
        if self.cycle {
            options.push("CYCLE".to_string());
        }
        (!options.is_empty()).then(|| options.join(" "))
    }
}

/// A check constraint as `pg_get_constraintdef` prints it, with each `IN` list over a
/// `varchar` column written back as `IN`: PostgreSQL prints `c IN ('a', 'b')` as `(c)::text =
/// ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])`, which parses back
/// to another expression (the cast moves onto each element), so the constraint would not
/// come back as it was.
fn varchar_in_lists(definition: &str) -> String {
    const HEAD: &str = ")::text = ANY ((ARRAY[";
    const TAIL: &str = "])::text[])";
    const ITEM: &str = "::character varying";
    let mut out = String::new();
    let mut rest = definition;
    while let Some(at) = rest.find(HEAD) {
        let before = &rest[..at];
        let after = &rest[at + HEAD.len()..];
        let column = before.rfind('(').map(|open| (open, &before[open + 1..]));
        let simple = |name: &str| {
            !name.is_empty()
                && (name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    || (name.len() > 1
                        && name.starts_with('"')
                        && name.ends_with('"')
                        && !name[1..name.len() - 1].contains('"')))
        };
        let items = after.find(TAIL).map(|end| (end, &after[..end]));
        let literals_only = |list: &str| {
            let mut list = list;
            loop {
                let Some(body) = list.strip_prefix('\'') else {
                    return false;
                };
                let mut i = 0;
                let bytes = body.as_bytes();
                loop {
                    match bytes.get(i) {
                        None => return false,
                        Some(b'\'') if bytes.get(i + 1) == Some(&b'\'') => i += 2,
                        Some(b'\'') => break,
                        Some(_) => i += 1,
                    }
                }
                let Some(next) = body[i + 1..].strip_prefix(ITEM) else {
                    return false;
                };
                if next.is_empty() {
                    return true;
                }
                let Some(next) = next.strip_prefix(", ") else {
                    return false;
                };
                list = next;
            }
        };
        match (column, items) {
            (Some((open, name)), Some((end, list))) if simple(name) && literals_only(list) => {
                out.push_str(&before[..open]);
                out.push_str(&format!("{name} IN ({list})"));
                rest = &after[end + TAIL.len()..];
            }
            _ => {
                out.push_str(&rest[..at + HEAD.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Objects in their order, each moved after the ones it uses (`(key, keys it uses,
/// object)`, a key no object has is ignored); a cycle keeps the given order.
fn after_what_they_use<T>(mut pending: Vec<(String, Vec<String>, T)>) -> Vec<T> {
    let mut done: Vec<String> = Vec::new();
    let mut out = Vec::new();
    while !pending.is_empty() {
        let ready = pending
            .iter()
            .position(|(_, uses, _)| {
                uses.iter()
                    .all(|u| done.contains(u) || !pending.iter().any(|(s, _, _)| s == u))
            })
            .unwrap_or(0);
        let (signature, _, info) = pending.remove(ready);
        done.push(signature);
        out.push(info);
    }
    out
}

/// The statement giving a primary key its name back when it is not the one PostgreSQL gives
/// a dumped table's unnamed key (`<table>_pkey`, the table's name cut to fit 63 bytes): a
/// table renamed after its key was made keeps the old name. It runs only when no constraint
/// of that name exists yet.
fn primary_key_rename(table: &str, name: &str) -> Option<String> {
    let mut cut = table.len().min(63 - "_pkey".len());
    while !table.is_char_boundary(cut) {
        cut -= 1;
    }
    let given = format!("{}_pkey", &table[..cut]);
    (given != name).then(|| {
        unless_exists(
            &constraint_exists(table, name),
            &format!(
                "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
                q(table),
                q(&given),
                q(name)
            ),
        )
    })
}

/// An [`ObjectInfo`] with its statement.
fn object(
    kind: &str,
    name: String,
    table: Option<String>,
    stage: Stage,
    sql: String,
) -> ObjectInfo {
    ObjectInfo {
        kind: kind.to_string(),
        name,
        table,
        stage,
        create_sql: Some(sql),
    }
}

/// The statement creating a table [`dbm_core::dump::create_table_common`] cannot write whole:
/// a partition (`PARTITION OF`), a partitioned table (`PARTITION BY`), an unlogged table, a
/// table with storage options; with its comments. `None` for any other table, and for a
/// table the common statement refuses (the dump then says why).
fn special_create_sql(info: &TableInfo, extra: &TableExtra) -> Option<String> {
    if !extra.unlogged
        && extra.options.is_none()
        && extra.partition_key.is_none()
        && info.partition_of.is_none()
    {
        return None;
    }
    let mut statements = match (&info.partition_of, &extra.bound) {
        (Some(parent), Some(bound)) => {
            let mut all = vec![format!(
                "CREATE TABLE {} PARTITION OF {} {bound}",
                q(&info.name),
                q(parent)
            )];
            all.extend(dump::comments_common(&PostgresDialect, info));
            all
        }
        _ => dump::create_table_common(&PostgresDialect, info).ok()?,
    };
    if let Some(first) = statements.first_mut() {
        if let Some(key) = &extra.partition_key {
            first.push_str(&format!(" PARTITION BY {key}"));
        }
        if let Some(options) = &extra.options {
            first.push_str(&format!(" WITH ({options})"));
        }
        if extra.unlogged {
            *first = first.replacen("CREATE TABLE", "CREATE UNLOGGED TABLE", 1);
        }
    }
    Some(statements.join(";\n"))
}

/// Describes every table, view, enum type, routine and trigger of the current schema, the
/// objects kept as their statement, and what it cannot describe.
pub(crate) async fn catalog(conn: &mut PgConnection) -> Result<Catalog> {
    let mut tables = BTreeMap::new();
    let mut extras: BTreeMap<String, TableExtra> = BTreeMap::new();
    for row in rows(conn, TABLES, &[]).await? {
        let name: String = row.try_get(0)?;
        let info = TableInfo {
            name: name.clone(),
            comment: row.try_get(1)?,
            partition_of: row.try_get(5)?,
            ..TableInfo::default()
        };
        let extra = TableExtra {
            unlogged: row.try_get(2)?,
            options: row.try_get(3)?,
            partition_key: row.try_get(4)?,
            bound: row.try_get(6)?,
            row_security: row.try_get(7)?,
            force_row_security: row.try_get(8)?,
        };
        tables.insert(name.clone(), info);
        extras.insert(name, extra);
    }
    let mut sequences = Vec::new();
    for row in rows(conn, SEQUENCES, &[]).await? {
        sequences.push(Sequence::read(&row)?);
    }
    let owned_by = |table: &str, column: &str, deptype: &str| {
        sequences.iter().find(|s| {
            s.deptype.as_deref() == Some(deptype)
                && s.owner
                    .as_ref()
                    .is_some_and(|(t, c)| t == table && c == column)
        })
    };
    for row in rows(conn, COLUMNS, &[]).await? {
        let table: String = row.try_get(0)?;
        let name: String = row.try_get(1)?;
        let expression: Option<String> = row.try_get(5)?;
        let identity: Option<String> = row.try_get(6)?;
        let serial = owned_by(&table, &name, "a").is_some_and(|s| s.serial);
        let identity_options = identity
            .as_ref()
            .and_then(|_| owned_by(&table, &name, "i"))
            .and_then(|s| s.identity_options(&table, &name));
        if let Some(info) = tables.get_mut(&table) {
            info.columns.push(ColumnInfo {
                data_type: row.try_get(2)?,
                nullable: row.try_get(3)?,
                default: row.try_get(4)?,
                auto_increment: identity.is_some() || serial,
                comment: row.try_get(7)?,
                generated: expression.map(|expression| GeneratedInfo {
                    expression,
                    stored: true,
                }),
                identity,
                identity_options,
                name,
            });
        }
    }
    let mut key_names = Vec::new();
    for row in rows(conn, PRIMARY_KEYS, &[]).await? {
        let table: String = row.try_get(0)?;
        if let Some(info) = tables.get_mut(&table) {
            if info.primary_key.is_empty() {
                let name: String = row.try_get(2)?;
                if let Some(rename) = primary_key_rename(&table, &name) {
                    key_names.push(object(
                        "primary key",
                        name,
                        Some(table.clone()),
                        Stage::Tables,
                        rename,
                    ));
                }
            }
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
                definition: row.try_get(7)?,
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
    for row in rows(conn, CONSTRAINTS, &[]).await? {
        let table: String = row.try_get(0)?;
        if let Some(info) = tables.get_mut(&table) {
            info.constraints.push(ConstraintInfo {
                name: row.try_get(1)?,
                kind: row.try_get(2)?,
                definition: varchar_in_lists(&row.try_get::<String, _>(3)?),
            });
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
    let mut objects = Vec::new();
    for (query, kind, stage) in [
        (EXTENSIONS, "extension", Stage::Prelude),
        (DOMAINS, "domain", Stage::Types),
    ] {
        for row in rows(conn, query, &[]).await? {
            objects.push(object(kind, row.try_get(0)?, None, stage, row.try_get(1)?));
        }
    }
    objects.extend(key_names);
    for sequence in sequences.iter().filter(|s| !s.serial) {
        if sequence.deptype.as_deref() == Some("i") {
            continue;
        }
        objects.push(object(
            "sequence",
            sequence.name.clone(),
            None,
            Stage::Types,
            sequence.create_sql(),
        ));
        if let Some((table, column)) = &sequence.owner {
            objects.push(object(
                "sequence owner",
                sequence.name.clone(),
                Some(table.clone()),
                Stage::Tables,
                format!(
                    "ALTER SEQUENCE {} OWNED BY {}.{}",
                    q(&sequence.name),
                    q(table),
                    q(column)
                ),
            ));
        }
    }
    for (name, extra) in &extras {
        for (on, word) in [
            (extra.row_security, "ENABLE"),
            (extra.force_row_security, "FORCE"),
        ] {
            if on {
                objects.push(object(
                    "row security",
                    name.clone(),
                    Some(name.clone()),
                    Stage::Tables,
                    format!("ALTER TABLE {} {word} ROW LEVEL SECURITY", q(name)),
                ));
            }
        }
    }
    for row in rows(conn, MATERIALIZED_VIEWS, &[]).await? {
        let name: String = row.try_get(0)?;
        objects.push(object(
            "materialized view",
            name.clone(),
            None,
            Stage::Definitions,
            row.try_get(1)?,
        ));
        let definitions: Option<Vec<String>> = row.try_get(2)?;
        let names: Option<Vec<String>> = row.try_get(3)?;
        for (index, sql) in names
            .unwrap_or_default()
            .into_iter()
            .zip(definitions.unwrap_or_default())
        {
            objects.push(object(
                "index",
                index,
                Some(name.clone()),
                Stage::Definitions,
                sql,
            ));
        }
    }
    for row in rows(conn, POLICIES, &[]).await? {
        objects.push(object(
            "policy",
            row.try_get(0)?,
            Some(row.try_get(1)?),
            Stage::Definitions,
            row.try_get(2)?,
        ));
    }
    for row in rows(conn, COMMENTS, &[]).await? {
        let kind: String = row.try_get(0)?;
        objects.push(object(
            &format!("comment on {kind}"),
            row.try_get(1)?,
            None,
            Stage::Definitions,
            row.try_get(2)?,
        ));
    }
    for (name, info) in &mut tables {
        if let Some(extra) = extras.get(name) {
            info.create_sql = special_create_sql(info, extra);
        }
    }
    let mut catalog = Catalog {
        tables: tables.into_values().collect(),
        objects,
        unsupported: names(conn, UNSUPPORTED, &[]).await?,
        ..Catalog::default()
    };
    for table in &mut catalog.tables {
        table.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        table.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
        table.constraints.sort_by(|a, b| a.name.cmp(&b.name));
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
    let mut views = Vec::new();
    for row in rows(conn, VIEW_DEFINITIONS, &[]).await? {
        let name: String = row.try_get(0)?;
        let info = ViewInfo {
            name: name.clone(),
            create_sql: row.try_get(1)?,
        };
        views.push((name, row.try_get::<Vec<String>, _>(2)?, info));
    }
    // Byte order, whatever the database's collation; then each after the views it uses.
    views.sort_by(|(a, _, _), (b, _, _)| a.cmp(b));
    catalog.views = after_what_they_use(views);
    let mut routines = Vec::new();
    let mut unchecked_bodies = false;
    for row in rows(conn, ROUTINES, &[]).await? {
        let kind: String = row.try_get(1)?;
        let signature: String = row.try_get(3)?;
        unchecked_bodies |= row.try_get::<bool, _>(4)?;
        let info = RoutineInfo {
            name: row.try_get(0)?,
            kind: if kind == "p" { "procedure" } else { "function" }.to_string(),
            create_sql: row.try_get(2)?,
        };
        routines.push((signature, row.try_get::<Vec<String>, _>(5)?, info));
    }
    routines.sort_by(|(a_sig, _, a), (b_sig, _, b)| (&a.name, a_sig).cmp(&(&b.name, b_sig)));
    let mut early = names(conn, ROUTINES_TABLES_NEED, &[]).await?;
    let mut grew = true;
    while grew {
        grew = false;
        for (signature, uses, _) in &routines {
            if early.contains(signature) {
                for used in uses {
                    if !early.contains(used) {
                        early.push(used.clone());
                        grew = true;
                    }
                }
            }
        }
    }
    let (before_tables, rest): (Vec<_>, Vec<_>) = routines
        .into_iter()
        .partition(|(signature, _, _)| early.contains(signature));
    catalog.routines = after_what_they_use(rest);
    let at = catalog
        .objects
        .iter()
        .rposition(|o| o.kind == "domain" || o.stage == Stage::Prelude)
        .map_or(0, |i| i + 1);
    let needed = after_what_they_use(before_tables)
        .into_iter()
        .map(|r| ObjectInfo {
            kind: r.kind,
            name: r.name,
            table: None,
            stage: Stage::Types,
            create_sql: r.create_sql,
        });
    catalog.objects.splice(at..at, needed);
    if unchecked_bodies {
        catalog.objects.insert(
            0,
            object(
                "setting",
                "check_function_bodies".to_string(),
                None,
                Stage::Prelude,
                "SET LOCAL check_function_bodies = false".to_string(),
            ),
        );
    }
    for row in rows(conn, TRIGGERS, &[]).await? {
        catalog.triggers.push(TriggerInfo {
            name: row.try_get(0)?,
            table: row.try_get(1)?,
            create_sql: row.try_get(2)?,
        });
    }
    // Byte order, whatever the database's collation.
    catalog.enums.sort_by(|a, b| a.name.cmp(&b.name));
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

#[cfg(test)]
mod tests {
    use super::varchar_in_lists;

    #[test]
    fn varchar_in_lists_are_written_back_as_in() {
        let printed = "CHECK (((a)::text = ANY ((ARRAY['x'::character varying, \
                       'it''s'::character varying])::text[])) AND (b > 0))";
        assert_eq!(
            varchar_in_lists(printed),
            "CHECK ((a IN ('x'::character varying, 'it''s'::character varying)) AND (b > 0))"
        );
        let other = "CHECK (((lower(a))::text = ANY ((ARRAY['x'::character varying])::text[])))";
        assert_eq!(varchar_in_lists(other), other);
    }
}
