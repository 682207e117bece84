//! The environment: which profile is selected (`--env`, `DBM_ENV`) and the `DBM_` variables
//! that override the file (`DBM_CONNECTIONS__PG__URL`).

use figment::providers::Env;

use super::{CONFIG_KEYS, DEFAULT_ENVIRONMENT, LoadOptions};
use crate::{Error, Result};

/// `--env`, else a non-empty `DBM_ENV`, else `development`.
pub(super) fn select_environment(opts: &LoadOptions) -> Result<String> {
    if let Some(env) = &opts.env {
        let env = env.trim();
        if env.is_empty() {
            return Err(Error::config(
                "--env: the environment name is empty; expected a profile name such as \
                 development or production",
            ));
        }
        return Ok(env.to_owned());
    }
    match std::env::var("DBM_ENV") {
        Ok(env) if !env.trim().is_empty() => Ok(env.trim().to_owned()),
        _ => Ok(DEFAULT_ENVIRONMENT.to_owned()),
    }
}

/// The `DBM_` environment provider: keys split on `__`, only configuration keys, global.
pub(super) fn env_provider() -> Env {
    Env::prefixed("DBM_")
        .split("__")
        .filter(|key| {
            let first = key.as_str().split('.').next().unwrap_or_default();
            CONFIG_KEYS.iter().any(|k| first.eq_ignore_ascii_case(k))
        })
        .global()
}

/// The environment variable that sets the key path `key` (`connections.pg.url`).
pub(super) fn env_var_name(key: &str) -> String {
    format!(
        "environment variable DBM_{}",
        key.replace('.', "__").to_ascii_uppercase()
    )
}

#[cfg(test)]
mod tests {
    use crate::config::test_support::{PG, jailed, load_error, options, project};
    use crate::config::{Config, TransactionMode};

    #[test]
    fn dbm_env_selects_the_profile_and_the_env_flag_wins_over_it() {
        jailed(|jail| {
            let file = format!("{PG}\n[production]\nconnection = \"pg\"\n");
            let dir = project(&[("database.toml", &file)]);
            jail.set_env("DBM_ENV", "production");

            let production = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(production.environment, "production");
            assert!(production.is_production());
            assert_eq!(production.connection, "pg");
            assert_eq!(production.connection(None).expect("pg").driver, "postgres");

            let staging = Config::load(&options(dir.path(), Some("staging"))).expect("load");
            assert_eq!(staging.environment, "staging");
            assert_eq!(staging.connection, "sqlite");
            assert!(!staging.is_production());
        });
    }

    #[test]
    fn dbm_connection_and_dbm_connections_pg_url_override_the_file() {
        jailed(|jail| {
            let dir = project(&[("config/database.toml", PG)]);
            jail.set_env("DBM_CONNECTION", "pg");
            jail.set_env("DBM_CONNECTIONS__PG__URL", "postgres://ci@db:5432/ci");
            jail.set_env("DBM_MIGRATIONS__TRANSACTION", "batch");

            let config = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(config.connection, "pg");
            let pg = config.connection(None).expect("pg");
            assert_eq!(pg.url, "postgres://ci@db:5432/ci");
            assert_eq!(pg.driver, "postgres");
            assert_eq!(config.migrations.transaction, TransactionMode::Batch);
        });
    }

    #[test]
    fn variables_that_name_no_configuration_key_are_ignored() {
        jailed(|jail| {
            let dir = project(&[]);
            jail.set_env("DBM_ENV", "development");
            jail.set_env("DBM_LOG", "debug");
            jail.set_env("DBM_TEST_PG_URL", "postgres://u:p@localhost/t");
            let extra = dir.path().join("more-plugins");
            jail.set_env("DBM_PLUGIN_PATH", extra.display());

            let config = Config::load(&options(dir.path(), None)).expect("load");
            let default = Config::embedded_default(dir.path());
            assert_eq!(config.connections, default.connections);
            assert_eq!(config.migrations, default.migrations);
            assert_eq!(
                config.plugin_dirs,
                vec![dir.path().join("plugins"), extra.clone()]
            );
        });
    }

    #[test]
    fn a_bad_value_from_an_environment_variable_names_the_variable() {
        jailed(|jail| {
            let dir = project(&[]);
            jail.set_env("DBM_MIGRATIONS__TRANSACTION", "sometimes");
            let message = load_error(dir.path(), None);
            assert!(message.contains("DBM_MIGRATIONS__TRANSACTION"), "{message}");
            assert!(message.contains("per_migration, batch, none"), "{message}");
        });
    }
}
