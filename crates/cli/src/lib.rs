//! `dbm-cli`: the `dbm` command line, also usable as a library to build a custom binary.
//!
//! ```no_run
//! // A binary with every built-in command and driver, plus a third-party driver:
//! // dbm_cli::Dbm::new().driver(MyDriver).run()
//! fn main() -> std::process::ExitCode {
//!     dbm_cli::Dbm::new().run()
//! }
//! ```
//!
//! Parsing ([`args`]), resolving ([`context`]) and doing ([`commands`]) are kept apart; all
//! output goes through one [`printer::Printer`].

// Output goes through `printer::stdout` and `printer::stderr`, which survive closed pipes.
#![deny(clippy::print_stdout, clippy::print_stderr)]
#![deny(missing_docs)]

pub mod args;
pub mod commands;
pub mod completion;
pub mod context;
pub mod error;
pub mod json_schemas;
pub mod logging;
pub mod plugins;
pub mod printer;

use std::ffi::OsString;
use std::process::ExitCode;
use std::sync::Arc;

use clap::FromArgMatches;
use dbm_core::Driver;
use dbm_core::config::{LoadOptions, redact_in_text};
use dbm_core::migration::Migration;
use dbm_core::seed::Seeder;

use crate::args::{Cli, Command, RefreshArgs};
use crate::commands::migrate::Action;
use crate::context::{Context, Registry};
use crate::error::{CliError, CliResult};
use crate::printer::Printer;

/// A `dbm` binary: the built-in drivers plus any added with [`Dbm::driver`].
#[derive(Clone)]
pub struct Dbm {
    registry: Registry,
    migrations: Vec<Migration>,
    seeders: Vec<Seeder>,
}

impl Default for Dbm {
    fn default() -> Self {
        Self::new()
    }
}

impl Dbm {
    /// The built-in drivers: SQLite, PostgreSQL, MySQL/MariaDB.
    pub fn new() -> Self {
        let mut registry = Registry::default();
        registry.add(Arc::new(dbm_driver_sqlite::SqliteDriver));
        registry.add(Arc::new(dbm_driver_postgres::PostgresDriver));
        registry.add(Arc::new(dbm_driver_mysql::MysqlDriver));
        Self {
            registry,
            migrations: Vec::new(),
            seeders: Vec::new(),
        }
    }

    /// Adds a statically linked driver.
    pub fn driver(mut self, driver: impl Driver + 'static) -> Self {
        self.registry.add(Arc::new(driver));
        self
    }

    /// Embeds migrations written in Rust ([`Migration::from_rust`]); they run together with
    /// the files of the configured paths, sorted by name.
    pub fn migrations(mut self, migrations: impl IntoIterator<Item = Migration>) -> Self {
        self.migrations.extend(migrations);
        self
    }

    /// Embeds seeders written in Rust ([`Seeder::from_rust`]); `db:seed` runs them together
    /// with the files of the configured `seeders.paths`, sorted by name.
    pub fn seeders(mut self, seeders: impl IntoIterator<Item = Seeder>) -> Self {
        self.seeders.extend(seeders);
        self
    }

    /// Parses the process's arguments, runs the command, returns the exit code.
    pub fn run(self) -> ExitCode {
        self.run_from(std::env::args_os())
    }

    /// Like [`Dbm::run`] with explicit arguments (the first is the program name).
    pub fn run_from(self, args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        if let Some(code) = completion::complete_from_env(&args) {
            return ExitCode::from(code);
        }
        let parsed = args::command()
            .try_get_matches_from(&args)
            .and_then(|matches| Cli::from_arg_matches(&matches));
        let cli = match parsed {
            Ok(cli) => cli,
            Err(e) => {
                let _ = e.print();
                return ExitCode::from(match e.kind() {
                    clap::error::ErrorKind::DisplayHelp
                    | clap::error::ErrorKind::DisplayVersion
                    | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => 0,
                    _ => 2,
                });
            }
        };
        let json = cli.json && cli.command.has_json_document();
        let printer = Printer::new(cli.color, cli.quiet, json);
        let result = if let Some(flag) = project_option(&cli) {
            Err(CliError::Usage(format!(
                "{} takes no {flag}: it works without a project's configuration",
                cli.command.name()
            )))
        } else if cli.json && !json {
            Err(CliError::Usage(format!(
                "--json: {} has no JSON document (commands with one: migration:run, \
                 migration:rollback, migration:reset, migration:refresh, migration:fresh, \
                 migration:status, migration:resolve, migration:check, db:seed, schema:dump, \
                 schema:generate, drivers)",
                cli.command.name()
            )))
        } else {
            self.dispatch(cli, printer, &args)
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                // Every message passes through redaction once more: a password must never
                // reach the terminal, even inside text a database or parser produced.
                let message = redact_in_text(&e.render());
                if json && !printer.json_written() {
                    printer.json(&serde_json::json!({
                        "status": "error",
                        "error": message,
                        "exit_code": e.exit_code(),
                    }));
                }
                if !message.is_empty() {
                    printer.error(&message);
                }
                e.to_exit()
            }
        }
    }

    fn dispatch(self, cli: Cli, printer: Printer, args: &[OsString]) -> CliResult<()> {
        let cwd = std::env::current_dir().map_err(|source| CliError::Io {
            path: ".".into(),
            source,
        })?;
        match &cli.command {
            Command::Init => {
                logging::init(false, cli.verbose, cli.quiet, printer.stderr_color());
                return commands::init::execute(&cwd, printer);
            }
            Command::Completions(completions) => {
                return commands::completions::execute(completions.shell, args);
            }
            _ => {}
        }
        let load = LoadOptions {
            config_path: cli.config.clone(),
            env: cli.env.clone(),
            cwd,
            // `drivers` lists what this binary can use anywhere; inside a project it also
            // lists the project's plugins.
            allow_no_project: matches!(cli.command, Command::Drivers),
        };
        let mut ctx = Context::load(&load, cli.connection.clone(), printer, self.registry)?;
        ctx.registered = self.migrations;
        ctx.registered_seeders = self.seeders;
        if let Command::Drivers = cli.command {
            logging::init(false, cli.verbose, cli.quiet, printer.stderr_color());
            return commands::drivers::execute(&ctx);
        }
        let debug = ctx.connection().map(|c| c.debug).unwrap_or(false);
        logging::init(debug, cli.verbose, cli.quiet, printer.stderr_color());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|source| CliError::Io {
                path: "tokio runtime".into(),
                source,
            })?;
        runtime.block_on(run_command(&ctx, cli.command))
    }
}

/// The `--connection`, `--env` or `--config` given to a command that works without a
/// project (`init`, `completions`), which refuses it.
fn project_option(cli: &Cli) -> Option<&'static str> {
    if !args::WITHOUT_PROJECT.contains(&cli.command.name()) {
        return None;
    }
    [
        ("--connection", cli.connection.is_some()),
        ("--env", cli.env.is_some()),
        ("--config", cli.config.is_some()),
    ]
    .into_iter()
    .find_map(|(flag, given)| given.then_some(flag))
}

async fn run_command(ctx: &Context, command: Command) -> CliResult<()> {
    use dbm_core::driver::DropAllOptions;
    use dbm_core::migrator::{RollbackTarget, RunTarget};
    match command {
        Command::MakeMigration(args) => commands::make_migration::execute(ctx, &args),
        Command::MakeSeeder(args) => commands::seed::make(ctx, &args),
        Command::Seed(args) => commands::seed::execute(ctx, &args).await,
        Command::Run(args) => {
            let target = match (args.to, args.step) {
                (Some(name), _) => RunTarget::Through(name),
                (None, Some(step)) => RunTarget::Steps(usize::try_from(step).unwrap_or(usize::MAX)),
                (None, None) => RunTarget::All,
            };
            let action = Action::Run {
                fake: args.fake,
                check: !args.check.no_check,
                schema_path: args.schema.schema_path,
                target,
            };
            commands::migrate::execute(ctx, action, &args.apply, args.dry_run, None).await
        }
        Command::Rollback(args) => {
            let target = match (args.batch, args.step) {
                (Some(batch), _) => RollbackTarget::AfterBatch(batch),
                (None, Some(step)) => {
                    RollbackTarget::Steps(usize::try_from(step).unwrap_or(usize::MAX))
                }
                (None, None) => RollbackTarget::LatestBatch,
            };
            let revert = &args.revert;
            let action = Action::Rollback(target);
            commands::migrate::execute(ctx, action, &revert.apply, revert.dry_run, None).await
        }
        Command::Reset(args) => {
            let action = Action::Rollback(RollbackTarget::AfterBatch(0));
            commands::migrate::execute(ctx, action, &args.apply, args.dry_run, None).await
        }
        Command::Refresh(RefreshArgs {
            revert: args,
            check,
            seed,
        }) => {
            if args.dry_run {
                return Err(CliError::Usage(
                    "migration:refresh --dry-run cannot plan the run that follows the reset; \
                     use migration:reset --dry-run"
                        .into(),
                ));
            }
            let seeders = commands::seed::load_for_migrate(ctx, seed)?;
            let action = Action::Refresh {
                check: !check.no_check,
            };
            commands::migrate::execute(ctx, action, &args.apply, false, seeders).await
        }
        Command::Fresh(args) => {
            let options = DropAllOptions {
                drop_views: args.drop.drop_views,
                drop_types: args.drop.drop_types,
            };
            let seeders = commands::seed::load_for_migrate(ctx, args.seed)?;
            let action = Action::Fresh(options, !args.check.no_check, args.schema.schema_path);
            commands::migrate::execute(ctx, action, &args.apply, false, seeders).await
        }
        Command::Status(args) => commands::status::execute(ctx, args.exit_code).await,
        Command::SchemaDump(args) => commands::schema_dump::execute(ctx, &args).await,
        Command::Resolve(args) => commands::resolve::execute(ctx, &args).await,
        Command::Check => commands::check::execute(ctx),
        Command::SchemaGenerate(args) => commands::schema::execute(ctx, &args).await,
        Command::Wipe(args) => commands::db::wipe(ctx, &args).await,
        Command::DbCreate => commands::db::create(ctx).await,
        Command::DbDrop(args) => commands::db::drop(ctx, args.force).await,
        Command::Init | Command::Completions(_) | Command::Drivers => Ok(()),
    }
}
