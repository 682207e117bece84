//! `db:seed`, `make:seeder`, and the seeding step of `migration:fresh --seed` and
//! `migration:refresh --seed`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use dbm_core::seed::Seeder;
use serde_json::json;

use super::{format_duration, millis};
use crate::args::{MakeSeederArgs, SeedArgs};
use crate::context::Context;
use crate::error::{CliError, CliResult};
use crate::json_schemas::{Format, with_directive};
use crate::printer::style;

/// The TOML seeder `make:seeder` writes: an example to fill in, which does not load until
/// it has an `[[insert]]`.
const TOML_TEMPLATE: &str = r#"# A seeder: `dbm db:seed` runs it (and `migration:fresh --seed`), in its own transaction.
# Only in some environments (default: every one):
# environments = ["development", "test"]

# [[insert]]
# table = "users"
# rows = [
#   { email = "ada@example.com", role_id = 1 },
#   { email = "grace@example.com", role_id = 2 },
# ]
"#;

/// The `.sql` seeder `make:seeder --sql` writes; it does not load until it has a statement.
const SQL_TEMPLATE: &str = "-- A seeder: `dbm db:seed` runs it (and `migration:fresh --seed`), in its own \
transaction.\n-- Statements are split at `;` as in migrations. Only in some environments (default: \
every one), a line:\n--   -- dbm:environments development test\n\n\
-- INSERT INTO users (email, role_id) VALUES ('ada@example.com', 1);\n";

/// `make:seeder NAME`: writes `<first seeders path>/<name>_seeder.toml` (or `.sql`).
pub fn make(ctx: &Context, args: &MakeSeederArgs) -> CliResult<()> {
    let name = super::make_migration::snake_case(&args.name);
    if name.is_empty() {
        return Err(CliError::Usage(format!(
            "{:?} is not a usable seeder name: use letters, digits and _",
            args.name
        )));
    }
    let name = if name.ends_with("_seeder") || name == "seeder" {
        name
    } else {
        format!("{name}_seeder")
    };
    let folder = ctx
        .config
        .seeders
        .paths
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("database/seeders"));
    let dir = ctx.config.root.join(&folder);
    let (extension, text) = if args.sql {
        ("sql", SQL_TEMPLATE.to_owned())
    } else {
        let text = with_directive(&ctx.config.root, &folder, Format::Seeder, TOML_TEMPLATE);
        ("toml", text)
    };
    let file = format!("{name}.{extension}");
    let path = dir.join(&file);
    let shown = folder.join(&file).display().to_string().replace('\\', "/");
    let other = path.with_extension(if args.sql { "toml" } else { "sql" });
    if path.exists() || other.exists() {
        return Err(CliError::Usage(format!(
            "{} already exists (nothing was written)",
            ctx.shown(if path.exists() { &path } else { &other })
        )));
    }
    std::fs::create_dir_all(&dir).map_err(CliError::io(&dir))?;
    std::fs::write(&path, text).map_err(CliError::io(&path))?;
    ctx.printer.arrow("created", style::GREEN, &shown);
    Ok(())
}

/// Loads and checks every seeder for `migration:fresh --seed` and `migration:refresh --seed`,
/// before anything is touched; `None` without `--seed`.
pub fn load_for_migrate(ctx: &Context, seed: bool) -> CliResult<Option<Vec<Seeder>>> {
    if !seed {
        return Ok(None);
    }
    Ok(Some(ctx.seeders()?))
}

/// `db:seed`.
pub async fn execute(ctx: &Context, args: &SeedArgs) -> CliResult<()> {
    if !args.dry_run {
        ctx.guard_production(args.force, "run seeders")?;
    }
    let all = ctx.seeders()?;
    let chosen = if args.interactive {
        pick(ctx, all)?
    } else if args.files.is_empty() {
        all
    } else {
        select(ctx, all, &args.files)?
    };
    let started = Instant::now();
    let entries = run(ctx, &chosen, args.dry_run, args.compact_output).await?;
    let printer = ctx.printer;
    if printer.json_mode() {
        printer.json(&json!({
            "connection": ctx.connection()?.name,
            "status": "ok",
            "dry_run": args.dry_run,
            "duration_ms": millis(started.elapsed()),
            "seeders": entries,
        }));
    }
    Ok(())
}

/// The seeders `--files` names, in run order: each value is a seeder's name
/// (`database/seeders/roles_seeder`), its file's path, or its file name with or without the
/// extension.
fn select(ctx: &Context, all: Vec<Seeder>, files: &[String]) -> CliResult<Vec<Seeder>> {
    let matches = |seeder: &Seeder, wanted: &str| {
        let wanted = wanted.trim().trim_start_matches("./").replace('\\', "/");
        let base = seeder.name.rsplit('/').next().unwrap_or(&seeder.name);
        let file = seeder
            .path
            .as_ref()
            .map(|p| ctx.shown(p).replace('\\', "/"));
        let file_name = seeder
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        wanted == seeder.name
            || wanted == base
            || file.as_deref() == Some(wanted.as_str())
            || file_name.as_deref() == Some(wanted.as_str())
    };
    for wanted in files {
        if !all.iter().any(|s| matches(s, wanted)) {
            let names: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
            return Err(CliError::Usage(format!(
                "--files: no seeder named {wanted:?}; the seeders: {} (nothing was run)",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            )));
        }
    }
    Ok(all
        .into_iter()
        .filter(|s| files.iter().any(|wanted| matches(s, wanted)))
        .collect())
}

/// `--interactive`: the seeders picked from a list on the terminal.
fn pick(ctx: &Context, all: Vec<Seeder>) -> CliResult<Vec<Seeder>> {
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !terminal {
        return Err(CliError::Usage(
            "db:seed --interactive needs a terminal to pick the seeders on; name them with \
             --files a,b instead (nothing was run)"
                .into(),
        ));
    }
    if all.is_empty() {
        return Ok(all);
    }
    let environment = &ctx.config.environment;
    let items: Vec<String> = all
        .iter()
        .map(|s| {
            if s.runs_in(environment) {
                s.name.clone()
            } else {
                format!("{} (skipped in {environment})", s.name)
            }
        })
        .collect();
    let picked = dialoguer::MultiSelect::new()
        .with_prompt("Seeders to run (space to pick, enter to run)")
        .items(&items)
        .interact()
        .map_err(|e| CliError::Usage(format!("could not ask which seeders to run: {e}")))?;
    Ok(all
        .into_iter()
        .enumerate()
        .filter(|(i, _)| picked.contains(i))
        .map(|(_, s)| s)
        .collect())
}

/// Runs `seeders` in order on the chosen connection, each in its own transaction (or only
/// prints their SQL with `dry_run`), printing a line for each, or one with `compact`. Returns
/// the `seeders` entries of the JSON document. On a failure the seeders before it stay; with
/// `--json` the error document is printed here, listing them.
pub async fn run(
    ctx: &Context,
    seeders: &[Seeder],
    dry_run: bool,
    compact: bool,
) -> CliResult<Vec<serde_json::Value>> {
    let printer = ctx.printer;
    let started = Instant::now();
    let environment = ctx.config.environment.clone();
    if seeders.is_empty() {
        if !printer.json_mode() {
            let folders = ctx.config.seeders.paths.join(", ");
            printer.line(&printer.styled(
                style::CYAN,
                &format!("No seeders to run (seeders.paths: {folders})"),
            ));
        }
        return Ok(Vec::new());
    }
    let mut opened = ctx.open(!dry_run).await?;
    let mut entries = Vec::new();
    let mut failure = None;
    for seeder in seeders {
        if !seeder.runs_in(&environment) {
            let only = seeder.environments.join(", ");
            if !compact {
                printer.arrow(
                    "skipped",
                    style::YELLOW,
                    &format!("{} (only in {only})", seeder.name),
                );
            }
            entries.push(json!({
                "name": seeder.name,
                "status": "skipped",
                "environments": seeder.environments,
            }));
            continue;
        }
        match seeder
            .run(opened.conn.as_mut(), opened.dialect.as_ref(), dry_run)
            .await
        {
            Ok(report) if dry_run => {
                if !compact {
                    super::migrate::print_statements(printer, &report.name, &report.statements);
                }
                entries.push(json!({
                    "name": report.name,
                    "status": "planned",
                    "statements": report.statements,
                }));
            }
            Ok(report) => {
                if !compact {
                    printer.arrow(
                        "seeded",
                        style::GREEN,
                        &format!("{} ({})", report.name, format_duration(report.duration)),
                    );
                }
                entries.push(json!({
                    "name": report.name,
                    "status": "seeded",
                    "rows": report.rows,
                    "duration_ms": millis(report.duration),
                }));
            }
            Err(error) => {
                printer.arrow("error", style::RED, &seeder.name);
                entries.push(json!({ "name": seeder.name, "status": "error" }));
                failure = Some(error);
                break;
            }
        }
    }
    let closed = opened.conn.close().await;
    if let Some(error) = failure {
        if printer.json_mode() {
            printer.json(&json!({
                "connection": opened.config.name,
                "status": "error",
                "error": error.chain(),
                "seeders": entries,
            }));
        }
        return Err(CliError::Core(error));
    }
    closed.map_err(dbm_core::Error::from)?;
    if !printer.json_mode() {
        let count = entries.iter().filter(|e| e["status"] != "skipped").count();
        let time = format_duration(started.elapsed());
        let text = if dry_run {
            format!("{count} seeders planned (dry run: nothing was changed)")
        } else if compact {
            format!("❯ Executed {count} seeders ({time})")
        } else {
            format!("Seeded in {time}")
        };
        printer.line(&printer.styled(style::CYAN, &text));
    }
    Ok(entries)
}
