//! `migration:resolve`: records the truth about an interrupted migration.

use dbm_core::migrator::Resolution;
use dbm_core::repository::RowState;
use serde_json::json;

use crate::args::ResolveArgs;
use crate::context::Context;
use crate::error::CliResult;
use crate::printer::style;

/// Marks the interrupted migration `args.name` applied (`--applied`) or forgets it
/// (`--rolled-back`), under the migration lock. Creates nothing.
pub async fn execute(ctx: &Context, args: &ResolveArgs) -> CliResult<()> {
    ctx.guard_production(args.force, "record a migration's state")?;
    let resolution = if args.applied {
        Resolution::Applied
    } else {
        Resolution::RolledBack
    };
    let migrations = ctx.migrations()?;
    let opened = ctx.open(false).await?;
    let connection = opened.config.name.clone();
    let mut migrator = ctx
        .migrator(opened, migrations, ctx.migrator_options(false, false))
        .await?;
    let result = migrator.resolve(&args.name, resolution).await;
    let closed = migrator.close().await;
    let resolved = result?;
    closed?;
    let printer = ctx.printer;
    if printer.json_mode() {
        printer.json(&json!({
            "connection": connection,
            "status": "ok",
            "name": resolved.name,
            "was": resolved.was,
            "resolved": resolved.resolved,
        }));
        return Ok(());
    }
    let was = match resolved.was {
        RowState::RollingBack => "interrupted while rolling back",
        _ => "interrupted while being applied",
    };
    let (word, now) = match resolved.resolved {
        Resolution::Applied => ("applied", "recorded as applied"),
        Resolution::RolledBack => ("rolled back", "forgotten: it is pending again"),
    };
    printer.arrow(
        word,
        style::GREEN,
        &format!("{} ({was}) {now}", resolved.name),
    );
    Ok(())
}
