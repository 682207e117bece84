//! `schema:generate`: the Rust module of the database's tables (`database/schema.rs`), its
//! Mermaid ER diagram (`--format mermaid`) or its catalog as JSON (`--format json`), read
//! from the live database; and the regeneration that follows the migrating commands.

use std::path::{Path, PathBuf};

use dbm_core::catalog::Catalog;
use dbm_core::codegen::{mermaid_document, rust_module, visible_catalog};
use serde_json::json;
use similar::TextDiff;

use crate::args::{SchemaFormat, SchemaGenerateArgs};
use crate::context::Context;
use crate::error::{CliError, CliResult};
use crate::printer::style;

/// What one generation did, for the output and the `--json` document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The file, relative to the project root when inside it.
    pub path: String,
    /// Whether the file was written (false: its content was already the same).
    pub written: bool,
    /// How many tables it covers.
    pub tables: usize,
}

impl Generated {
    /// The `schema` part of a `--json` document.
    pub fn json(&self, format: SchemaFormat) -> serde_json::Value {
        json!({
            "format": format.name(),
            "path": self.path,
            "written": self.written,
            "tables": self.tables,
        })
    }
}

/// Runs `schema:generate`.
pub async fn execute(ctx: &Context, args: &SchemaGenerateArgs) -> CliResult<()> {
    let printer = ctx.printer;
    if args.check && args.format == SchemaFormat::Json {
        return Err(CliError::Usage(
            "schema:generate --check compares a file; --format json prints to stdout and \
             writes none"
                .into(),
        ));
    }
    let (catalog, family) = read_catalog(ctx).await?;
    if args.format == SchemaFormat::Json {
        printer.json(&catalog);
        return Ok(());
    }
    let path = output_path(ctx, args.format);
    let shown = ctx.shown(&path);
    let text = render(ctx, &catalog, family, args.format);
    if args.check {
        return check(ctx, &path, &shown, &text);
    }
    let generated = write(&path, &shown, &text, catalog.tables.len())?;
    report(ctx, &generated, args.format);
    if printer.json_mode() {
        let mut doc = json!({
            "connection": ctx.connection()?.name,
            "status": "ok",
        });
        if let (Some(doc), Some(extra)) =
            (doc.as_object_mut(), generated.json(args.format).as_object())
        {
            doc.extend(extra.clone());
        }
        printer.json(&doc);
    }
    Ok(())
}

/// Regenerates the Rust module after a migrating command, when `[schema] generate = true`,
/// outside production, unless `skip` (`--no-schema-generate`). `None` when it did not run;
/// the caller reports it ([`report`]).
pub async fn regenerate(ctx: &Context, skip: bool) -> CliResult<Option<Generated>> {
    if skip || !ctx.config.schema.generate || ctx.config.is_production() {
        return Ok(None);
    }
    let (catalog, family) = read_catalog(ctx).await?;
    let path = output_path(ctx, SchemaFormat::Rust);
    let shown = ctx.shown(&path);
    let text = render(ctx, &catalog, family, SchemaFormat::Rust);
    Ok(Some(write(&path, &shown, &text, catalog.tables.len())?))
}

/// The connection's catalog without the tracking tables and `exclude_tables`, and the
/// dialect family it was read with.
async fn read_catalog(ctx: &Context) -> CliResult<(Catalog, dbm_core::dialect::Family)> {
    let mut opened = ctx.open(false).await?;
    let family = opened.dialect.info().family;
    let introspected = opened.conn.introspect().await;
    let closed = opened.conn.close().await;
    let catalog = introspected.map_err(dbm_core::Error::from)?;
    closed.map_err(dbm_core::Error::from)?;
    let schema = &ctx.config.schema;
    let catalog = visible_catalog(
        &catalog,
        &ctx.config.migrations.table,
        &schema.exclude_tables,
    );
    Ok((catalog, family))
}

fn render(
    ctx: &Context,
    catalog: &Catalog,
    family: dbm_core::dialect::Family,
    format: SchemaFormat,
) -> String {
    match format {
        SchemaFormat::Mermaid => mermaid_document(catalog, family),
        _ => rust_module(catalog, family, &ctx.config.schema),
    }
}

/// The file of a format: `[schema] path`, with `.md` for the diagram.
fn output_path(ctx: &Context, format: SchemaFormat) -> PathBuf {
    let path = ctx.config.schema_path();
    match format {
        SchemaFormat::Mermaid => path.with_extension("md"),
        _ => path,
    }
}

/// Writes `text` to `path` unless the file holds it already, so that a build that depends on
/// the file is not triggered for nothing.
fn write(path: &Path, shown: &str, text: &str, tables: usize) -> CliResult<Generated> {
    let io = |source| CliError::Io {
        path: shown.to_owned(),
        source,
    };
    let same = std::fs::read(path).is_ok_and(|current| current == text.as_bytes());
    if !same {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(path, text).map_err(io)?;
    }
    Ok(Generated {
        path: shown.to_owned(),
        written: !same,
        tables,
    })
}

/// The line that says what a generation did.
pub fn report(ctx: &Context, generated: &Generated, format: SchemaFormat) {
    let what = match format {
        SchemaFormat::Mermaid => "diagram",
        _ => "schema",
    };
    let (word, style) = if generated.written {
        ("generated", style::GREEN)
    } else {
        ("unchanged", style::CYAN)
    };
    let tables = match generated.tables {
        1 => "1 table".to_owned(),
        n => format!("{n} tables"),
    };
    ctx.printer.arrow(
        word,
        style,
        &format!("{what} {} ({tables})", generated.path),
    );
}

/// `--check`: exit 0 when the file holds `text`, else print the unified diff from the file
/// to what it should be and exit 1.
fn check(ctx: &Context, path: &Path, shown: &str, text: &str) -> CliResult<()> {
    let printer = ctx.printer;
    let current = match std::fs::read_to_string(path) {
        Ok(current) => Some(current),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => {
            return Err(CliError::Io {
                path: shown.to_owned(),
                source,
            });
        }
    };
    if current.as_deref() == Some(text) {
        if printer.json_mode() {
            printer.json(&json!({ "status": "ok", "path": shown, "up_to_date": true }));
        } else {
            printer.line(&printer.styled(style::CYAN, &format!("{shown} is up to date")));
        }
        return Ok(());
    }
    let old = current.as_deref().unwrap_or("");
    let diff = TextDiff::from_lines(old, text)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string();
    let message = match current {
        Some(_) => format!("{shown} is out of date; run `dbm schema:generate`"),
        None => format!("{shown} does not exist; run `dbm schema:generate`"),
    };
    if printer.json_mode() {
        printer.json(&json!({
            "status": "out_of_date",
            "path": shown,
            "up_to_date": false,
            "diff": diff,
        }));
    } else {
        printer.line(diff.trim_end());
    }
    Err(CliError::Reported { message, code: 1 })
}
