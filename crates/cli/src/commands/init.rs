//! `init`: writes `config/database.toml`, `database/migrations/` and the JSON Schemas of
//! the TOML files in `.dbm/schemas/` (see [`crate::json_schemas`]).

use std::path::Path;

use crate::error::{CliError, CliResult};
use crate::json_schemas::{Format, SCHEMAS_DIR, with_directive, write_schemas};
use crate::printer::{Printer, style};

/// The configuration `init` writes.
pub const CONFIG_TEMPLATE: &str = r#"# dbm configuration.
# [default] applies to every environment; [development], [production], ... override it.
# The environment is --env, else $DBM_ENV, else "development".

[default]
connection = "sqlite"                 # the connection used without --connection

[default.connections.sqlite]
driver = "sqlite"
url = "sqlite://tmp/db.sqlite3"       # relative to the project root
debug = false                         # log the SQL of migrations and seeders with bindings, as -v

# The local servers: `dbm -c pg migration:status`, `dbm -c mysql migration:run`.
[default.connections.pg]
driver = "postgres"
url = "postgres://postgres@127.0.0.1:5432/test"
# password_env = "PG_PASSWORD"        # secrets stay out of the file

[default.connections.mysql]
driver = "mysql"
url = "mysql://root@127.0.0.1:3306/test"

[default.migrations]
paths = ["database/migrations"]
table = "dbm_schema"
natural_sort = true
transaction = "per_migration"         # or "batch" (all-or-nothing) or "none"
disable_rollbacks_in_production = false
lock_timeout = "60s"

[default.seeders]                     # db:seed, migration:fresh --seed
paths = ["database/seeders"]

[default.schema]                      # schema:generate: Rust structs of the database's tables
path = "database/schema.rs"
datetime = "string"                   # or "time", "chrono"; decimal, uuid, json: "string" or the crate
derives = ["Debug", "Clone"]
derive_from_row = false               # true: also derive sqlx::FromRow
exclude_tables = []

[development.connections.sqlite]
debug = false

# Development regenerates database/schema.rs after every migrating command.
[development.schema]
generate = true
"#;

/// Writes the files under `cwd`; refuses to overwrite an existing configuration. The
/// configuration starts with a `#:schema` directive for editors.
pub fn execute(cwd: &Path, printer: Printer) -> CliResult<()> {
    let config = cwd.join("config/database.toml");
    if config.exists() {
        return Err(CliError::Usage(format!(
            "{} already exists; init never overwrites it",
            "config/database.toml"
        )));
    }
    write_schemas(cwd)?;
    printer.arrow("created", style::GREEN, &format!("{SCHEMAS_DIR}/"));
    let config_dir = cwd.join("config");
    std::fs::create_dir_all(&config_dir).map_err(CliError::io(&config_dir))?;
    let text = with_directive(cwd, Path::new("config"), Format::Config, CONFIG_TEMPLATE);
    std::fs::write(&config, text).map_err(CliError::io(&config))?;
    printer.arrow("created", style::GREEN, "config/database.toml");
    let migrations = cwd.join("database/migrations");
    if !migrations.exists() {
        std::fs::create_dir_all(&migrations).map_err(CliError::io(&migrations))?;
        let keep = migrations.join(".gitkeep");
        std::fs::write(&keep, "").map_err(CliError::io(&keep))?;
        printer.arrow("created", style::GREEN, "database/migrations/");
    }
    Ok(())
}
