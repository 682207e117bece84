//! `db:wipe`, `db:create`, `db:drop`.

use dbm_core::driver::DropAllOptions;

use crate::args::WipeArgs;
use crate::context::Context;
use crate::error::CliResult;
use crate::printer::style;

/// Drops every table (and views and types as asked).
pub async fn wipe(ctx: &Context, args: &WipeArgs) -> CliResult<()> {
    ctx.guard_production(args.force, "wipe the database")?;
    let opened = ctx.open(false).await?;
    let mut migrator = ctx
        .migrator(opened, Vec::new(), ctx.migrator_options(false, false))
        .await?;
    let options = DropAllOptions {
        drop_views: args.drop.drop_views,
        drop_types: args.drop.drop_types,
    };
    let result = migrator.drop_all(&options).await;
    let closed = migrator.close().await;
    let dropped = result?;
    closed?;
    let printer = ctx.printer;
    let count = dropped.tables.len() + dropped.views.len() + dropped.types.len();
    for (kind, names) in [
        ("table", &dropped.tables),
        ("view", &dropped.views),
        ("type", &dropped.types),
    ] {
        for name in names {
            printer.arrow("dropped", style::YELLOW, &format!("{kind} {name}"));
        }
    }
    printer.line(&printer.styled(
        style::CYAN,
        &if count == 0 {
            "Nothing to drop".to_string()
        } else {
            format!("Dropped {count} objects")
        },
    ));
    Ok(())
}

/// Creates the connection's database.
pub async fn create(ctx: &Context) -> CliResult<()> {
    let (config, driver) = ctx.resolved()?;
    let created = driver
        .create_database(&config)
        .await
        .map_err(dbm_core::Error::from)?;
    let text = if created {
        format!("Created the database of connection {}", config.name)
    } else {
        format!("The database of connection {} already exists", config.name)
    };
    ctx.printer.line(&ctx.printer.styled(style::CYAN, &text));
    Ok(())
}

/// Drops the connection's database.
pub async fn drop(ctx: &Context, force: bool) -> CliResult<()> {
    ctx.guard_production(force, "drop the database")?;
    let (config, driver) = ctx.resolved()?;
    let dropped = driver
        .drop_database(&config)
        .await
        .map_err(dbm_core::Error::from)?;
    let text = if dropped {
        format!("Dropped the database of connection {}", config.name)
    } else {
        format!("The database of connection {} does not exist", config.name)
    };
    ctx.printer.line(&ctx.printer.styled(style::CYAN, &text));
    Ok(())
}
