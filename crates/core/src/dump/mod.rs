//! Schema dumps: the [`Catalog`] of a database rendered back to DDL through its
//! [`Dialect`], followed by the rows of the tracking tables, and the [`Manifest`] written
//! beside the dump.
//!
//! [`render`] writes, in dependency order: enum types, the tracking tables as this dbm
//! creates them ([`Dialect::tracking_table`]), the other tables (with their primary keys, and
//! the constraints a dialect writes inside `CREATE TABLE`; a partition after its parent),
//! check and exclusion constraints, indexes and unique constraints, foreign keys, routines,
//! views and triggers (from the definitions the database gave back; routines first, so a view
//! may call one), each [`crate::catalog::ObjectInfo`] in its [`Stage`], then `INSERT`s
//! restoring `dbm_schema` and `dbm_schema_versions`. A table the catalog gives whole
//! ([`TableInfo::create_sql`]) is written as that statement; where the dialect says such a
//! statement holds the table's checks and indexes ([`Dialect::dump_whole_table_holds_keys`]),
//! they are not written again. Each part goes through a `dump_*` hook of [`Dialect`] whose
//! default is a function of this module, so a dialect overrides only what its database writes
//! differently.
//!
//! A view, routine or trigger whose definition the database cannot give back makes
//! [`render`] fail with the list of them: a dump is complete or not written at all.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::catalog::{
    Catalog, ColumnInfo, ConstraintInfo, EnumInfo, ForeignKeyInfo, IndexInfo, Stage, TableInfo,
};
use crate::dialect::ddl::quote_list;
use crate::dialect::{Dialect, references_clause, versions_table};
use crate::error::{Error, Result};
use crate::repository::AppliedMigration;
use crate::schema::Operation;

#[cfg(test)]
mod tests;

/// The format version of the [`Manifest`] this dbm writes.
pub const MANIFEST_VERSION: u32 = 1;

/// The folder dumps go to when `--path` is not given, relative to the project root.
pub const DEFAULT_DIR: &str = "database/schema";

/// What a dump restores of the tracking tables.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrackingRows {
    /// The tracking table's name (`dbm_schema`).
    pub table: String,
    /// The format version recorded in `<table>_versions`.
    pub format_version: i64,
    /// The rows of the tracking table, in the order applied.
    pub rows: Vec<AppliedMigration>,
}

/// The manifest written beside a dump (`<connection>-schema.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The manifest's format version ([`MANIFEST_VERSION`]).
    pub version: u32,
    /// The connection the dump was taken from; a dump loads only for that name.
    pub connection: String,
    /// The dialect that rendered the dump (`postgres`, `mysql`, `sqlite`, a plugin's).
    pub dialect: String,
    /// The dump's file name, beside the manifest.
    pub dump: String,
    /// The tracking table's name.
    pub table: String,
    /// The versions table's name.
    pub versions_table: String,
    /// The tracking table's format version (see [`crate::repository::FORMAT_VERSION`]).
    pub tracking_format_version: i64,
    /// The migrations the dump covers, in the order they were applied.
    pub migrations: Vec<String>,
}

/// Where a connection's dump and manifest live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpFiles {
    /// The `.sql` dump.
    pub sql: PathBuf,
    /// The manifest beside it (same name, `.json`).
    pub manifest: PathBuf,
}

impl DumpFiles {
    /// `<dir>/<connection>-schema.sql` and `<dir>/<connection>-schema.json`.
    pub fn for_connection(dir: &Path, connection: &str) -> Self {
        Self::at(dir.join(format!("{connection}-schema.sql")))
    }

    /// The dump at `sql`, its manifest beside it with the extension `.json`.
    pub fn at(sql: PathBuf) -> Self {
        Self {
            manifest: sql.with_extension("json"),
            sql,
        }
    }

    /// The manifest, or `None` when there is no dump or no manifest.
    ///
    /// # Errors
    ///
    /// A manifest that cannot be read or parsed, or of an unknown format version.
    pub fn read_manifest(&self) -> Result<Option<Manifest>> {
        if !self.sql.is_file() || !self.manifest.is_file() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&self.manifest).map_err(|source| Error::Io {
            path: self.manifest.clone(),
            source,
        })?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| Error::Config {
            message: format!(
                "{}: not a dbm schema dump manifest: {e}",
                self.manifest.display()
            ),
        })?;
        if manifest.version > MANIFEST_VERSION {
            return Err(Error::Config {
                message: format!(
                    "{}: manifest format version {} is newer than this dbm knows ({}); upgrade \
                     dbm",
                    self.manifest.display(),
                    manifest.version,
                    MANIFEST_VERSION
                ),
            });
        }
        Ok(Some(manifest))
    }
}

/// A dump the migrator may load and whose migrations count as squashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaDump {
    /// The `.sql` file.
    pub path: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
}

/// Renders `catalog` and the tracking rows as one SQL script for `dialect`, statements ending
/// with `;`. The tracking tables are written from the dialect's own definition of them (the
/// format [`TrackingRows::format_version`] names must be the current one), not from the
/// catalog.
///
/// # Errors
///
/// [`Error::Schema`] listing every view, routine and trigger whose definition is unknown,
/// and what a `dump_*` hook refuses.
pub fn render(dialect: &dyn Dialect, catalog: &Catalog, tracking: &TrackingRows) -> Result<String> {
    refuse_unreadable(catalog)?;
    let versions = versions_table(&tracking.table);
    let mut tables: Vec<&TableInfo> = catalog
        .tables
        .iter()
        .filter(|t| t.name != tracking.table && t.name != versions.name)
        .collect();
    tables.sort_by_key(|t| partition_depth(catalog, t));
    let staged = |stage: Stage| {
        catalog
            .objects
            .iter()
            .filter(move |o| o.stage == stage)
            .filter_map(|o| o.create_sql.as_deref())
            .map(definition)
    };
    let mut statements: Vec<String> = staged(Stage::Prelude).collect();
    for info in &catalog.enums {
        statements.extend(dialect.dump_enum_type(info)?);
    }
    statements.extend(staged(Stage::Types));
    for op in [dialect.tracking_table(&tracking.table), versions] {
        statements.extend(dialect.compile(&Operation::CreateTable(op), None)?);
    }
    for table in &tables {
        match &table.create_sql {
            Some(sql) => statements.push(definition(sql)),
            None => statements.extend(dialect.dump_table(table)?),
        }
    }
    statements.extend(staged(Stage::Tables));
    let inline = dialect.dump_constraints_inline();
    let whole_holds_keys = dialect.dump_whole_table_holds_keys();
    for table in tables
        .iter()
        .filter(|t| !(whole_holds_keys && t.create_sql.is_some()))
    {
        if !inline {
            for constraint in &table.constraints {
                statements.push(dialect.dump_constraint(table, constraint)?);
            }
        }
        for index in &table.indexes {
            if !(inline && index.constraint) {
                statements.push(match &index.definition {
                    Some(sql) => definition(sql),
                    None => dialect.dump_index(table, index)?,
                });
            }
        }
    }
    if !inline {
        for table in &tables {
            for fk in &table.foreign_keys {
                statements.push(dialect.dump_foreign_key(table, fk)?);
            }
        }
    }
    // Routines before views: a view may call a function, and a routine's body is not
    // resolved when it is created.
    let definitions = catalog
        .routines
        .iter()
        .map(|r| &r.create_sql)
        .chain(catalog.views.iter().map(|v| &v.create_sql))
        .chain(catalog.triggers.iter().map(|t| &t.create_sql));
    statements.extend(definitions.flatten().map(|sql| definition(sql)));
    statements.extend(staged(Stage::Definitions));
    statements.extend(tracking_inserts(dialect, tracking));
    let mut out = format!(
        "-- dbm schema dump ({} dialect, tracking format {}): structure, then the rows of {}.\n\
         -- Loaded by `dbm migration:run` and `dbm migration:fresh` into an empty database.\n\n",
        dialect.name(),
        tracking.format_version,
        tracking.table
    );
    for statement in statements {
        out.push_str(&statement);
        out.push_str(";\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    Ok(out)
}

/// How many parents are above `table` (0 for a table that is no partition), so a stable
/// sort puts every partition after its parent.
fn partition_depth(catalog: &Catalog, table: &TableInfo) -> usize {
    let mut depth = 0;
    let mut parent = table.partition_of.as_deref();
    while let Some(name) = parent
        && depth < catalog.tables.len()
    {
        depth += 1;
        parent = catalog
            .tables
            .iter()
            .find(|t| t.name == name)
            .and_then(|t| t.partition_of.as_deref());
    }
    depth
}

/// Fails with the list of what the catalog could not describe and of the views, routines,
/// triggers and other objects whose definition is unknown.
fn refuse_unreadable(catalog: &Catalog) -> Result<()> {
    let mut missing: Vec<String> = catalog.unsupported.clone();
    let mut note = |kind: &str, name: &str, sql: &Option<String>| {
        if sql.as_deref().is_none_or(|s| s.trim().is_empty()) {
            missing.push(format!("{kind} {name}"));
        }
    };
    for view in &catalog.views {
        note("view", &view.name, &view.create_sql);
    }
    for routine in &catalog.routines {
        note(&routine.kind, &routine.name, &routine.create_sql);
    }
    for trigger in &catalog.triggers {
        note("trigger", &trigger.name, &trigger.create_sql);
    }
    for object in &catalog.objects {
        note(&object.kind, &object.name, &object.create_sql);
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::schema(format!(
        "cannot dump the schema: dbm cannot read back {} object{} of the database: {} \
         (nothing was written)",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" },
        missing.join(", ")
    )))
}

/// A definition as the database gave it, without its trailing `;` and blank space.
fn definition(sql: &str) -> String {
    let trimmed = sql.trim();
    trimmed
        .strip_suffix(';')
        .unwrap_or(trimmed)
        .trim_end()
        .to_string()
}

/// The `INSERT`s restoring the tracking tables: one per row of `dbm_schema`, in the order
/// applied (ids are left to the table's counter, so the order is kept and the counter goes
/// on from there), then the format version.
pub fn tracking_inserts(dialect: &dyn Dialect, tracking: &TrackingRows) -> Vec<String> {
    let q = |ident: &str| dialect.quote_identifier(ident);
    let columns = ["name", "batch", "checksum", "migration_time", "state"]
        .map(q)
        .join(", ");
    let text = |value: &Option<String>| {
        value
            .as_deref()
            .map_or_else(|| "NULL".to_string(), |v| dialect.quote_string(v))
    };
    let mut out: Vec<String> = tracking
        .rows
        .iter()
        .map(|row| {
            let time = row
                .migration_time
                .as_deref()
                .map_or_else(|| "NULL".to_string(), |t| dialect.dump_timestamp(t));
            format!(
                "INSERT INTO {} ({columns}) VALUES ({}, {}, {}, {time}, {})",
                q(&tracking.table),
                dialect.quote_string(&row.name),
                row.batch,
                text(&row.checksum),
                dialect.quote_string(row.state.word())
            )
        })
        .collect();
    out.push(format!(
        "INSERT INTO {} ({}) VALUES ({})",
        q(&versions_table(&tracking.table).name),
        q("version"),
        tracking.format_version
    ));
    out
}

/// `CREATE TYPE "t" AS ENUM ('a', 'b')`.
///
/// # Errors
///
/// [`Error::Schema`] for a type without labels.
pub fn enum_type_common<D: Dialect + ?Sized>(dialect: &D, info: &EnumInfo) -> Result<Vec<String>> {
    if info.values.is_empty() {
        return Err(Error::schema(format!(
            "enum type {} has no labels",
            dialect.quote_identifier(&info.name)
        )));
    }
    let labels: Vec<String> = info
        .values
        .iter()
        .map(|v| dialect.quote_string(v))
        .collect();
    Ok(vec![format!(
        "CREATE TYPE {} AS ENUM ({})",
        dialect.quote_identifier(&info.name),
        labels.join(", ")
    )])
}

/// Whether `column` is the table's whole primary key and counts by itself: its key is
/// written on its definition (`primary` of [`Dialect::dump_column`]).
pub fn inline_primary(table: &TableInfo, column: &ColumnInfo) -> bool {
    column.auto_increment && table.primary_key.len() == 1 && table.primary_key[0] == column.name
}

/// `CREATE TABLE` of one catalog table: the columns ([`Dialect::dump_column`]), the primary
/// key, and, when [`Dialect::dump_constraints_inline`], the unique, check and
/// exclusion constraints and foreign keys; then [`Dialect::dump_table_options`] and the [`Dialect::dump_comments`].
///
/// # Errors
///
/// A table without columns, and what the hooks refuse.
pub fn create_table_common<D: Dialect + ?Sized>(
    dialect: &D,
    table: &TableInfo,
) -> Result<Vec<String>> {
    if table.columns.is_empty() {
        return Err(Error::schema(format!(
            "table {} has no columns",
            dialect.quote_identifier(&table.name)
        )));
    }
    let mut parts = Vec::new();
    let mut key_inline = false;
    for column in &table.columns {
        let primary = inline_primary(table, column);
        key_inline |= primary;
        parts.push(dialect.dump_column(table, column, primary)?);
    }
    if !key_inline && !table.primary_key.is_empty() {
        parts.push(format!(
            "PRIMARY KEY ({})",
            quote_list(dialect, &table.primary_key)
        ));
    }
    if dialect.dump_constraints_inline() {
        for index in table.indexes.iter().filter(|i| i.constraint) {
            parts.push(unique_clause(dialect, index));
        }
        for fk in &table.foreign_keys {
            parts.push(foreign_key_clause(dialect, fk));
        }
        for constraint in &table.constraints {
            parts.push(format!(
                "CONSTRAINT {} {}",
                dialect.quote_identifier(&constraint.name),
                constraint.definition.trim()
            ));
        }
    }
    let mut statements = vec![format!(
        "CREATE TABLE {} (\n  {}\n){}",
        dialect.quote_identifier(&table.name),
        parts.join(",\n  "),
        dialect.dump_table_options(table)
    )];
    statements.extend(dialect.dump_comments(table));
    Ok(statements)
}

/// One column: name, declared type, identity (`GENERATED BY DEFAULT AS IDENTITY` for an
/// auto-increment column without a default), `NOT NULL`, `DEFAULT` ([`Dialect::dump_default`])
/// and `PRIMARY KEY` when `primary`.
///
/// # Errors
///
/// A column without a type.
pub fn column_common<D: Dialect + ?Sized>(
    dialect: &D,
    table: &TableInfo,
    column: &ColumnInfo,
    primary: bool,
) -> Result<String> {
    let mut sql = column_head(dialect, table, column)?;
    if column.auto_increment && column.default.is_none() {
        sql.push_str(" GENERATED BY DEFAULT AS IDENTITY");
    }
    push_null_and_default(dialect, &mut sql, column);
    if primary {
        sql.push_str(" PRIMARY KEY");
    }
    Ok(sql)
}

/// `"name" type`, refusing a column without a type.
///
/// # Errors
///
/// [`Error::Schema`] for a column without a type.
pub fn column_head<D: Dialect + ?Sized>(
    dialect: &D,
    table: &TableInfo,
    column: &ColumnInfo,
) -> Result<String> {
    if column.data_type.trim().is_empty() {
        return Err(Error::schema(format!(
            "column {}.{} has no type",
            dialect.quote_identifier(&table.name),
            dialect.quote_identifier(&column.name)
        )));
    }
    Ok(format!(
        "{} {}",
        dialect.quote_identifier(&column.name),
        column.data_type.trim()
    ))
}

/// Appends ` NOT NULL` (unless nullable) and ` DEFAULT …` (when the column has one).
pub fn push_null_and_default<D: Dialect + ?Sized>(
    dialect: &D,
    sql: &mut String,
    column: &ColumnInfo,
) {
    if !column.nullable {
        sql.push_str(" NOT NULL");
    }
    if let Some(default) = &column.default {
        sql.push_str(" DEFAULT ");
        sql.push_str(&dialect.dump_default(column, default));
    }
}

/// `COMMENT ON TABLE` and `COMMENT ON COLUMN` statements for the comments `table` has.
pub fn comments_common<D: Dialect + ?Sized>(dialect: &D, table: &TableInfo) -> Vec<String> {
    let q = |ident: &str| dialect.quote_identifier(ident);
    let mut out = Vec::new();
    if let Some(comment) = &table.comment {
        out.push(format!(
            "COMMENT ON TABLE {} IS {}",
            q(&table.name),
            dialect.quote_string(comment)
        ));
    }
    for column in &table.columns {
        if let Some(comment) = &column.comment {
            out.push(format!(
                "COMMENT ON COLUMN {}.{} IS {}",
                q(&table.name),
                q(&column.name),
                dialect.quote_string(comment)
            ));
        }
    }
    out
}

/// An index's key parts: column names quoted, expressions (in parentheses) as given.
fn key_parts<D: Dialect + ?Sized>(dialect: &D, parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| {
            if p.starts_with('(') {
                p.clone()
            } else {
                dialect.quote_identifier(p)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `CONSTRAINT "n" UNIQUE ("a", "b")`, or `UNIQUE (...)` when the name is one the database
/// made up (`sqlite_autoindex_*`).
pub fn unique_clause<D: Dialect + ?Sized>(dialect: &D, index: &IndexInfo) -> String {
    let columns = key_parts(dialect, &index.columns);
    if index.name.starts_with("sqlite_autoindex_") {
        format!("UNIQUE ({columns})")
    } else {
        format!(
            "CONSTRAINT {} UNIQUE ({columns})",
            dialect.quote_identifier(&index.name)
        )
    }
}

/// A unique constraint as `ALTER TABLE .. ADD CONSTRAINT .. UNIQUE`, else `CREATE [UNIQUE]
/// INDEX "n" ON "t" (...)` with its `WHERE` predicate.
///
/// # Errors
///
/// [`Error::Schema`] for an index without key parts.
pub fn index_common<D: Dialect + ?Sized>(
    dialect: &D,
    table: &TableInfo,
    index: &IndexInfo,
) -> Result<String> {
    if index.columns.is_empty() {
        return Err(Error::schema(format!(
            "index {} of table {} has no key parts",
            dialect.quote_identifier(&index.name),
            dialect.quote_identifier(&table.name)
        )));
    }
    if index.constraint {
        return Ok(format!(
            "ALTER TABLE {} ADD {}",
            dialect.quote_identifier(&table.name),
            unique_clause(dialect, index)
        ));
    }
    let mut sql = format!(
        "CREATE {}INDEX {} ON {} ({})",
        if index.unique { "UNIQUE " } else { "" },
        dialect.quote_identifier(&index.name),
        dialect.quote_identifier(&table.name),
        key_parts(dialect, &index.columns)
    );
    if let Some(predicate) = &index.predicate {
        sql.push_str(" WHERE ");
        sql.push_str(predicate);
    }
    Ok(sql)
}

/// `ALTER TABLE "t" ADD CONSTRAINT "n" <definition>` for a check or exclusion constraint.
pub fn constraint_common<D: Dialect + ?Sized>(
    dialect: &D,
    table: &TableInfo,
    constraint: &ConstraintInfo,
) -> String {
    format!(
        "ALTER TABLE {} ADD CONSTRAINT {} {}",
        dialect.quote_identifier(&table.name),
        dialect.quote_identifier(&constraint.name),
        constraint.definition.trim()
    )
}

/// A catalog foreign key's clause ([`references_clause`]); an empty action is left out.
pub fn foreign_key_clause<D: Dialect + ?Sized>(dialect: &D, fk: &ForeignKeyInfo) -> String {
    let actions =
        [fk.on_delete.as_str(), fk.on_update.as_str()].map(|a| Some(a).filter(|a| !a.is_empty()));
    references_clause(
        dialect,
        fk.name.as_deref(),
        &fk.columns,
        &fk.references_table,
        &fk.references_columns,
        actions,
    )
}

/// `ALTER TABLE "t" ADD` [`foreign_key_clause`].
pub fn foreign_key_common<D: Dialect + ?Sized>(
    dialect: &D,
    table: &TableInfo,
    fk: &ForeignKeyInfo,
) -> String {
    format!(
        "ALTER TABLE {} ADD {}",
        dialect.quote_identifier(&table.name),
        foreign_key_clause(dialect, fk)
    )
}
