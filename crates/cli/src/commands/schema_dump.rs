//! `schema:dump`: the connection's structure and tracking rows as one SQL file, rendered by
//! dbm from its catalog (no `pg_dump`, `mysqldump` or `sqlite3`), with a manifest beside it;
//! `--prune` deletes the migration files the dump covers.

use std::collections::HashSet;

use dbm_core::dialect::versions_table;
use dbm_core::dump::{self, DEFAULT_DIR, DumpFiles, MANIFEST_VERSION, Manifest, TrackingRows};
use dbm_core::repository::{FORMAT_VERSION, Repository};
use serde_json::json;

use crate::args::SchemaDumpArgs;
use crate::context::Context;
use crate::error::{CliError, CliResult};
use crate::printer::style;

/// Writes `<path>/<connection>-schema.sql` and `<connection>-schema.json`.
///
/// Migrations that are still pending stay out of the dump (a warning names them) and their
/// files stay; an interrupted migration refuses the dump (exit 1); a database with no
/// applied migration has nothing to dump (exit 2).
pub async fn execute(ctx: &Context, args: &SchemaDumpArgs) -> CliResult<()> {
    let printer = ctx.printer;
    let migrations = ctx.migrations()?;
    let mut opened = ctx.open(false).await?;
    let table = ctx.config.migrations.table.clone();
    let dialect = opened.dialect.clone();
    let read = async {
        let repo = Repository::new(&table, dialect.as_ref());
        let applied = repo.applied_if_any(opened.conn.as_mut()).await?;
        let version = repo.format_version(opened.conn.as_mut()).await?;
        let catalog = opened.conn.introspect().await?;
        Ok::<_, dbm_core::Error>((applied, version, catalog))
    }
    .await;
    let closed = opened.conn.close().await;
    let (applied, version, catalog) = read?;
    closed.map_err(dbm_core::Error::from)?;
    let connection = opened.config.name.clone();
    if applied.is_empty() {
        return Err(CliError::Usage(format!(
            "schema:dump: no migration has run on connection `{connection}` (its {table} table \
             is missing or empty): nothing to dump"
        )));
    }
    if let Some(row) = applied.iter().find(|a| a.state.is_interrupted()) {
        return Err(CliError::Reported {
            message: format!(
                "schema:dump: {} was interrupted; `dbm migration:resolve` settles it before a \
                 dump can be taken",
                row.name
            ),
            code: 1,
        });
    }
    // A table without a version row has the first format.
    let version = version.unwrap_or(1);
    if version < FORMAT_VERSION {
        return Err(CliError::Usage(format!(
            "schema:dump: {} has an older format (version {}); `dbm migration:run` upgrades it \
             first",
            table, version
        )));
    }
    let covered: HashSet<&str> = applied.iter().map(|a| a.name.as_str()).collect();
    let pending: Vec<String> = migrations
        .iter()
        .filter(|m| !covered.contains(m.name.as_str()))
        .map(|m| m.name.clone())
        .collect();
    if !pending.is_empty() {
        printer.warn(&format!(
            "{} pending migration{} not in the dump (they run after it loads): {}",
            pending.len(),
            if pending.len() == 1 { " is" } else { "s are" },
            pending.join(", ")
        ));
    }
    let tracking = TrackingRows {
        table: table.clone(),
        format_version: version,
        rows: applied.clone(),
    };
    let sql = dump::render(dialect.as_ref(), &catalog, &tracking)?;
    let dir = ctx
        .config
        .root
        .join(args.path.clone().unwrap_or_else(|| DEFAULT_DIR.into()));
    let files = DumpFiles::for_connection(&dir, &connection);
    let manifest = Manifest {
        version: MANIFEST_VERSION,
        connection: connection.clone(),
        dialect: dialect.name().to_string(),
        dump: format!("{connection}-schema.sql"),
        table: table.clone(),
        versions_table: versions_table(&table).name,
        tracking_format_version: tracking.format_version,
        migrations: applied.iter().map(|a| a.name.clone()).collect(),
    };
    let manifest_text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| CliError::Usage(format!("schema:dump: manifest: {e}")))?;
    std::fs::create_dir_all(&dir).map_err(CliError::io(&dir))?;
    std::fs::write(&files.sql, sql).map_err(CliError::io(&files.sql))?;
    std::fs::write(&files.manifest, manifest_text + "\n").map_err(CliError::io(&files.manifest))?;
    let mut pruned = Vec::new();
    if args.prune {
        for migration in migrations
            .iter()
            .filter(|m| covered.contains(m.name.as_str()))
        {
            if let Some(path) = &migration.path {
                std::fs::remove_file(path).map_err(CliError::io(path))?;
                pruned.push(path.display().to_string());
            }
        }
    }
    if printer.json_mode() {
        printer.json(&json!({
            "connection": connection,
            "status": "ok",
            "dump": ctx.shown(&files.sql),
            "manifest": ctx.shown(&files.manifest),
            "migrations": manifest.migrations,
            "pending": pending,
            "pruned": pruned.iter().map(|p| ctx.shown(std::path::Path::new(p))).collect::<Vec<_>>(),
        }));
        return Ok(());
    }
    printer.arrow(
        "dumped",
        style::GREEN,
        &format!(
            "schema of `{connection}` to {} ({} migrations)",
            ctx.shown(&files.sql),
            manifest.migrations.len()
        ),
    );
    printer.arrow(
        "wrote",
        style::GREEN,
        &format!("manifest {}", ctx.shown(&files.manifest)),
    );
    for path in &pruned {
        printer.arrow(
            "pruned",
            style::YELLOW,
            &ctx.shown(std::path::Path::new(path)),
        );
    }
    Ok(())
}
