//! The command line, as clap parses it. Resolving it into settings happens in
//! [`crate::context`]; doing the work in [`crate::commands`].

// The doc comments of this module are the `--help` text, written for a terminal: their
// `<connection>` and `[schema]` are words, not HTML tags or links.
#![allow(rustdoc::invalid_html_tags, rustdoc::broken_intra_doc_links)]

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;

/// The heading the global options are listed under, apart from a command's own.
pub const GLOBAL_OPTIONS: &str = "Global options";

/// The commands that work without a project's configuration, and so take no `--connection`,
/// `--env` or `--config` (they are hidden from their help and refused).
pub const WITHOUT_PROJECT: [&str; 2] = ["init", "completions"];

/// The global options that choose from a project's configuration (or name it), by argument id.
pub const PROJECT_OPTIONS: [&str; 3] = ["connection", "env", "config"];

/// The command line as clap sees it: [`Cli`] with the global options of [`PROJECT_OPTIONS`]
/// hidden from the commands of [`WITHOUT_PROJECT`]. Parse with this, not `Cli::parse`.
pub fn command() -> clap::Command {
    let cmd = Cli::command();
    // A command that has an argument of a global option's id does not get the global one:
    // give those commands a hidden copy. Its value still reaches `Cli`, which refuses it.
    let hidden: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|arg| PROJECT_OPTIONS.contains(&arg.get_id().as_str()))
        .map(|arg| arg.clone().global(false).hide(true))
        .collect();
    WITHOUT_PROJECT.iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(name, |sub| sub.args(hidden.iter().cloned()))
    })
}

/// dbm — database migrations: up and down, batches, rollback, status, fresh.
#[derive(Debug, Parser)]
#[command(name = "dbm", version, about, propagate_version = true)]
pub struct Cli {
    /// The connection from config/database.toml (default: the `connection` key).
    #[arg(
        short = 'c',
        long,
        global = true,
        value_name = "NAME",
        help_heading = GLOBAL_OPTIONS,
        add = ArgValueCandidates::new(crate::completion::connections)
    )]
    pub connection: Option<String>,

    /// The environment (profile) of config/database.toml [default: $DBM_ENV, else development].
    #[arg(
        long,
        global = true,
        value_name = "ENV",
        help_heading = GLOBAL_OPTIONS,
        add = ArgValueCandidates::new(crate::completion::environments)
    )]
    pub env: Option<String>,

    /// The configuration file [default: config/database.toml, else database.toml].
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL_OPTIONS)]
    pub config: Option<PathBuf>,

    /// Print only errors.
    #[arg(short, long, global = true, help_heading = GLOBAL_OPTIONS)]
    pub quiet: bool,

    /// Show the SQL log: -v the statements of migrations and seeders with their bindings,
    /// -vv also dbm's tracking tables and lock; -vvv more diagnostics.
    #[arg(
        short,
        long,
        global = true,
        action = clap::ArgAction::Count,
        help_heading = GLOBAL_OPTIONS
    )]
    pub verbose: u8,

    /// Print one JSON document on stdout, logs on stderr (the commands that have one).
    #[arg(long, global = true, help_heading = GLOBAL_OPTIONS)]
    pub json: bool,

    /// When to use colours (NO_COLOR is honoured).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = ColorChoice::Auto,
        help_heading = GLOBAL_OPTIONS
    )]
    pub color: ColorChoice,

    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when the stream is a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write config/database.toml and database/migrations/ (refuses to overwrite).
    Init,

    /// Make a new migration file.
    #[command(name = "make:migration", visible_alias = "make-migration")]
    MakeMigration(MakeMigrationArgs),

    /// Make a new seeder file in the first seeders folder.
    #[command(name = "make:seeder", visible_alias = "make-seeder")]
    MakeSeeder(MakeSeederArgs),

    /// Run pending migrations as one new batch.
    #[command(name = "migration:run", visible_alias = "migrate")]
    Run(RunArgs),

    /// Revert the latest batch, newest first (or --batch N, --step N).
    #[command(name = "migration:rollback", visible_alias = "rollback")]
    Rollback(RollbackArgs),

    /// Roll back every batch.
    #[command(name = "migration:reset", visible_alias = "reset")]
    Reset(RevertArgs),

    /// Reset, then run every migration again.
    #[command(name = "migration:refresh", visible_alias = "refresh")]
    Refresh(RefreshArgs),

    /// Drop every table, then run every migration.
    #[command(name = "migration:fresh", visible_alias = "fresh")]
    Fresh(FreshArgs),

    /// Show each migration: pending, completed, changed, missing, interrupted or squashed.
    #[command(name = "migration:status", visible_alias = "status")]
    Status(StatusArgs),

    /// Record the truth about an interrupted migration, once you have checked the database.
    #[command(name = "migration:resolve", visible_alias = "resolve")]
    Resolve(ResolveArgs),

    /// Check every migration against a schema model, without a database.
    #[command(name = "migration:check", visible_alias = "check")]
    Check,

    /// Run the seeders, each in its own transaction (or --files a,b, or pick with -i).
    #[command(name = "db:seed", visible_alias = "seed")]
    Seed(SeedArgs),

    /// Drop every table (and views, types) of the connection's database.
    #[command(name = "db:wipe", visible_alias = "wipe")]
    Wipe(WipeArgs),

    /// Create the connection's database (the file for SQLite).
    #[command(name = "db:create", visible_alias = "db-create")]
    DbCreate,

    /// Drop the connection's database (the file for SQLite).
    #[command(name = "db:drop", visible_alias = "db-drop")]
    DbDrop(ForceArgs),

    /// Write the database's structure and tracking rows to database/schema/<connection>-schema.sql.
    #[command(name = "schema:dump", visible_alias = "schema-dump")]
    SchemaDump(SchemaDumpArgs),
    /// Write the Rust structs of the database's tables (or its ER diagram, or its catalog).
    #[command(name = "schema:generate", visible_alias = "schema-generate")]
    SchemaGenerate(SchemaGenerateArgs),

    /// List the drivers: built-in and plugins, with versions.
    Drivers,

    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

impl Command {
    /// The command's name, as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Init => "init",
            Self::MakeMigration(_) => "make:migration",
            Self::MakeSeeder(_) => "make:seeder",
            Self::Seed(_) => "db:seed",
            Self::Run(_) => "migration:run",
            Self::Rollback(_) => "migration:rollback",
            Self::Reset(_) => "migration:reset",
            Self::Refresh(_) => "migration:refresh",
            Self::Fresh(_) => "migration:fresh",
            Self::Status(_) => "migration:status",
            Self::Resolve(_) => "migration:resolve",
            Self::Check => "migration:check",
            Self::Wipe(_) => "db:wipe",
            Self::DbCreate => "db:create",
            Self::DbDrop(_) => "db:drop",
            Self::SchemaDump(_) => "schema:dump",
            Self::SchemaGenerate(_) => "schema:generate",
            Self::Drivers => "drivers",
            Self::Completions(_) => "completions",
        }
    }

    /// Whether the command prints a JSON document with `--json`.
    pub fn has_json_document(&self) -> bool {
        matches!(
            self,
            Self::Run(_)
                | Self::Rollback(_)
                | Self::Reset(_)
                | Self::Refresh(_)
                | Self::Fresh(_)
                | Self::Status(_)
                | Self::Seed(_)
                | Self::Resolve(_)
                | Self::Check
                | Self::SchemaDump(_)
                | Self::SchemaGenerate(_)
                | Self::Drivers
        )
    }
}

/// `schema:dump`.
#[derive(Debug, Args)]
pub struct SchemaDumpArgs {
    /// The folder to write `<connection>-schema.sql` and its manifest to [default: database/schema].
    #[arg(long, value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Delete the migration files the dump covers.
    #[arg(long)]
    pub prune: bool,
}

/// `--schema-path`.
#[derive(Debug, Args)]
pub struct SchemaPathArgs {
    /// The schema dump to load into an empty database [default: database/schema/<connection>-schema.sql].
    #[arg(long, value_name = "PATH")]
    pub schema_path: Option<PathBuf>,
}

/// `migration:status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Exit 3 when a migration is pending, 1 when one is interrupted, 0 when up to date.
    #[arg(long)]
    pub exit_code: bool,
}

/// `migration:resolve`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("truth").required(true).args(["applied", "rolled_back"]))]
pub struct ResolveArgs {
    /// The interrupted migration, as `migration:status` names it (or its file name).
    pub name: String,
    /// All of its changes are in the database: record it as applied.
    #[arg(long)]
    pub applied: bool,
    /// None of its changes are in the database: forget it, so that it is pending again.
    #[arg(long)]
    pub rolled_back: bool,
    /// Skip the production confirmation.
    #[arg(long)]
    pub force: bool,
}

/// `--force`.
#[derive(Debug, Args)]
pub struct ForceArgs {
    /// Skip the production confirmation.
    #[arg(long)]
    pub force: bool,
}

/// Flags shared by the commands that change the database.
#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// Skip the production confirmation.
    #[arg(long)]
    pub force: bool,
    /// Do not take the migration lock.
    #[arg(long)]
    pub disable_locks: bool,
    /// One summary line instead of a line per migration.
    #[arg(long)]
    pub compact_output: bool,
    /// Do not regenerate the schema module afterwards (`[schema] generate = true`).
    #[arg(long)]
    pub no_schema_generate: bool,
}

/// `schema:generate`.
#[derive(Debug, Args)]
pub struct SchemaGenerateArgs {
    /// Write nothing: exit 1 and print the diff when the file is out of date, 0 otherwise.
    #[arg(long)]
    pub check: bool,
    /// What to generate.
    #[arg(long, value_enum, default_value_t = SchemaFormat::Rust)]
    pub format: SchemaFormat,
}

/// `schema:generate --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaFormat {
    /// One Rust struct per table ([schema] path, default database/schema.rs).
    Rust,
    /// A Mermaid ER diagram in Markdown (the path with .md: database/schema.md).
    Mermaid,
    /// The catalog as JSON, on stdout.
    Json,
}

impl SchemaFormat {
    /// The format's name, as typed.
    pub fn name(self) -> &'static str {
        match self {
            Self::Rust => "rust",
            Self::Mermaid => "mermaid",
            Self::Json => "json",
        }
    }
}

/// `migration:run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub apply: ApplyArgs,
    /// Print the SQL for this connection's dialect; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Record pending migrations as applied without running them.
    #[arg(long)]
    pub fake: bool,
    /// Run the pending migrations up to and including NAME (as migration:status shows it, or its file name).
    #[arg(long, value_name = "NAME", conflicts_with = "step")]
    pub to: Option<String>,
    /// Run the N oldest pending migrations.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub step: Option<u64>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub check: CheckArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub schema: SchemaPathArgs,
}

/// `--no-check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Skip migration:check's rules on the migrations about to run.
    #[arg(long)]
    pub no_check: bool,
}

/// `migration:refresh`.
#[derive(Debug, Args)]
pub struct RefreshArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub revert: RevertArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub check: CheckArgs,
    /// Run the seeders afterwards (as db:seed).
    #[arg(long)]
    pub seed: bool,
}

/// `db:seed`.
#[derive(Debug, Args)]
pub struct SeedArgs {
    /// Run only these seeders (names, file names or paths), comma-separated.
    #[arg(
        short,
        long,
        value_name = "FILES",
        value_delimiter = ',',
        conflicts_with = "interactive"
    )]
    pub files: Vec<String>,
    /// Pick the seeders to run from a list (needs a terminal).
    #[arg(short, long)]
    pub interactive: bool,
    /// Skip the production confirmation.
    #[arg(long)]
    pub force: bool,
    /// Print the SQL for this connection's dialect; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// One summary line instead of a line per seeder.
    #[arg(long)]
    pub compact_output: bool,
}

/// `make:seeder`.
#[derive(Debug, Args)]
pub struct MakeSeederArgs {
    /// The seeder's name, e.g. users or 2_users (written as 2_users_seeder.toml).
    pub name: String,
    /// Write a .sql seeder instead of .toml.
    #[arg(long)]
    pub sql: bool,
}

/// `migration:rollback`.
#[derive(Debug, Args)]
pub struct RollbackArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub revert: RevertArgs,
    /// Revert every batch after N (0 = all).
    #[arg(long, value_name = "N", conflicts_with = "step")]
    pub batch: Option<i64>,
    /// Revert the N newest migrations, whatever their batch.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub step: Option<u64>,
}

/// `migration:reset`, `migration:refresh`.
#[derive(Debug, Args)]
pub struct RevertArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub apply: ApplyArgs,
    /// Print the SQL for this connection's dialect; change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `migration:fresh`.
#[derive(Debug, Args)]
pub struct FreshArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub apply: ApplyArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub drop: DropArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub check: CheckArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub schema: SchemaPathArgs,
    /// Run the seeders afterwards (as db:seed).
    #[arg(long)]
    pub seed: bool,
}

/// What `db:wipe` and `migration:fresh` drop besides tables.
#[derive(Debug, Args)]
pub struct DropArgs {
    /// Drop views too.
    #[arg(long)]
    pub drop_views: bool,
    /// Drop enum types too (PostgreSQL).
    #[arg(long)]
    pub drop_types: bool,
}

/// `db:wipe`.
#[derive(Debug, Args)]
pub struct WipeArgs {
    /// Skip the production confirmation.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub drop: DropArgs,
}

/// `make:migration`.
#[derive(Debug, Args)]
pub struct MakeMigrationArgs {
    /// The migration's name: create_posts_table, add_bio_to_users, remove_bio_from_users,
    /// rename_name_to_full_name_in_users, or a table noun (role makes create_roles_table).
    #[arg(required_unless_present = "pivot")]
    pub name: Option<String>,
    /// Create this table (else inferred from the name).
    #[arg(long, value_name = "TABLE", conflicts_with = "alter")]
    pub create: Option<String>,
    /// Alter this table (else inferred from the name).
    #[arg(long, value_name = "TABLE")]
    pub alter: Option<String>,
    /// Write a .sql migration instead of .toml.
    #[arg(long)]
    pub sql: bool,
    /// The folder to write to [default: the first migrations path].
    #[arg(long, value_name = "PATH")]
    pub folder: Option<PathBuf>,
    /// A pivot table between two tables: `--pivot user challenge` makes challenge_user,
    /// referencing challenges.id and users.id.
    #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with_all = ["create", "alter", "sql"])]
    pub pivot: Option<Vec<String>>,
    /// Write this file's contents instead of a template (a .sql file makes a .sql migration).
    #[arg(long, value_name = "FILE")]
    pub contents_from: Option<PathBuf>,
}

/// `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
