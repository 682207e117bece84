//! The environment: which profile is selected (`--env`, `DBM_ENV`) and the `DBM_` variables
//! that override the file (`DBM_CONNECTIONS__PG__URL`).
//!
//! Environment names compare without regard to case: `--env PRODUCTION` selects the
//! `[production]` profile and is the production environment, guards included. A name that
//! is neither a profile of the file nor one of [`STANDARD_ENVIRONMENTS`] is an error, so that
//! a typo (`--env prod`) never runs silently on the defaults.

use figment::providers::Env;

use super::{CONFIG_KEYS, DEFAULT_ENVIRONMENT, LoadOptions};
use crate::{Error, Result};

/// The environments that need no profile in the file.
pub(super) const STANDARD_ENVIRONMENTS: [&str; 3] = ["development", "test", "production"];

/// Profile names that are not environments: figment's base and override profiles.
pub(super) const NOT_ENVIRONMENTS: [&str; 2] = ["default", "global"];

/// At most this many profile names are listed in a message.
const LISTED_PROFILES: usize = 20;

/// The environment asked for, before it is matched against the file's profiles.
pub(super) struct Requested {
    /// The name as given, trimmed.
    name: String,
    /// Where it came from: `--env`, `DBM_ENV`, or `None` for the default.
    from: Option<&'static str>,
}

/// `--env`, else a non-empty `DBM_ENV`, else `development`.
pub(super) fn select_environment(opts: &LoadOptions) -> Result<Requested> {
    if let Some(env) = &opts.env {
        let env = env.trim();
        if env.is_empty() {
            return Err(Error::config(
                "--env: the environment name is empty; expected a profile name such as \
                 development or production",
            ));
        }
        return Ok(Requested {
            name: env.to_owned(),
            from: Some("--env"),
        });
    }
    match std::env::var("DBM_ENV") {
        Ok(env) if !env.trim().is_empty() => Ok(Requested {
            name: env.trim().to_owned(),
            from: Some("DBM_ENV"),
        }),
        _ => Ok(Requested {
            name: DEFAULT_ENVIRONMENT.to_owned(),
            from: None,
        }),
    }
}

/// The environment's name as the configuration spells it: the file's profile that matches
/// `requested` without regard to case, else the standard environment it names.
///
/// # Errors
///
/// [`Error::Config`] when the name is `default` or `global` (profiles, not environments), or
/// names no profile of the file and no standard environment; the message lists the profiles.
pub(super) fn resolve_environment(
    requested: &Requested,
    profiles: &toml::Table,
    label: Option<&str>,
) -> Result<String> {
    let name = requested.name.as_str();
    let from = requested.from.unwrap_or("the default environment");
    let shown = crate::util::cut(name, 64);
    if NOT_ENVIRONMENTS
        .iter()
        .any(|n| n.eq_ignore_ascii_case(name))
    {
        return Err(Error::config(format!(
            "{from} {shown}: [{}] is the profile every environment builds on, not an \
             environment; expected a name such as development, test or production",
            name.to_ascii_lowercase()
        )));
    }
    if let Some(profile) = profiles.keys().find(|p| p.eq_ignore_ascii_case(name)) {
        return Ok(profile.clone());
    }
    if let Some(standard) = STANDARD_ENVIRONMENTS
        .iter()
        .find(|e| e.eq_ignore_ascii_case(name))
    {
        return Ok((*standard).to_owned());
    }
    let standard = STANDARD_ENVIRONMENTS.join(", ");
    Err(Error::config(match label {
        Some(label) => {
            let mut listed: Vec<&str> = profiles
                .keys()
                .map(String::as_str)
                .take(LISTED_PROFILES)
                .collect();
            if profiles.len() > LISTED_PROFILES {
                listed.push("…");
            }
            let listed = if listed.is_empty() {
                "none".to_owned()
            } else {
                listed.join(", ")
            };
            format!(
                "{from} {shown}: {label} has no profile [{shown}] (its profiles: {listed}), \
                 and it is not one of the environments that need none ({standard}); \
                 add the profile or choose one of those"
            )
        }
        None => format!(
            "{from} {shown}: there is no configuration file, so the only environments are \
             {standard}; choose one of those, or add a [{shown}] profile to \
             config/database.toml"
        ),
    }))
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

            let test = Config::load(&options(dir.path(), Some("test"))).expect("load");
            assert_eq!(test.environment, "test");
            assert_eq!(test.connection, "sqlite");
            assert!(!test.is_production());
        });
    }

    #[test]
    fn environment_names_ignore_case_and_production_in_capitals_is_production() {
        jailed(|jail| {
            let file = format!(
                "{PG}\n[production]\nconnection = \"pg\"\n[production.migrations]\n\
                 disable_rollbacks_in_production = true\n[Staging]\nconnection = \"pg\"\n"
            );
            let dir = project(&[("config/database.toml", &file)]);
            for env in ["PRODUCTION", "Production", "production", " pRoDuCtIoN "] {
                let config = Config::load(&options(dir.path(), Some(env))).expect(env);
                assert_eq!(config.environment, "production", "{env}");
                assert!(config.is_production(), "{env}");
                assert_eq!(config.connection, "pg", "{env}");
                assert!(config.migrations.disable_rollbacks_in_production, "{env}");
            }
            jail.set_env("DBM_ENV", "PRODUCTION");
            let config = Config::load(&options(dir.path(), None)).expect("DBM_ENV");
            assert!(config.is_production());
            assert_eq!(config.connection, "pg");

            let staging = Config::load(&options(dir.path(), Some("staging"))).expect("staging");
            assert_eq!(staging.environment, "Staging", "the file's spelling");
            assert_eq!(staging.connection, "pg");

            let dir = project(&[]);
            let config = Config::load(&options(dir.path(), Some("TEST"))).expect("no file");
            assert_eq!(config.environment, "test");
            let config = Config::load(&options(dir.path(), Some("Production"))).expect("no file");
            assert!(config.is_production());
        });
    }

    #[test]
    fn an_environment_with_no_profile_that_is_not_standard_lists_the_profiles() {
        jailed(|jail| {
            let file = format!("{PG}\n[production]\nconnection = \"pg\"\n");
            let dir = project(&[("config/database.toml", &file)]);
            let message = load_error(dir.path(), Some("prod"));
            assert!(message.starts_with("--env prod: "), "{message}");
            assert!(message.contains("config/database.toml"), "{message}");
            assert!(
                message.contains("its profiles: default, production"),
                "{message}"
            );
            assert!(
                message.contains("development, test, production"),
                "{message}"
            );

            jail.set_env("DBM_ENV", "staging");
            let message = load_error(dir.path(), None);
            assert!(message.starts_with("DBM_ENV staging: "), "{message}");

            let none = project(&[]);
            let message = load_error(none.path(), Some("prod"));
            assert!(
                message.contains("there is no configuration file"),
                "{message}"
            );
            assert!(
                message.contains("development, test, production"),
                "{message}"
            );
        });
    }

    #[test]
    fn default_and_global_are_profiles_not_environments() {
        jailed(|_| {
            let dir = project(&[("database.toml", PG)]);
            for env in ["default", "DEFAULT", "global"] {
                let message = load_error(dir.path(), Some(env));
                assert!(message.contains("not an environment"), "{env}: {message}");
            }
        });
    }

    #[test]
    fn two_profiles_differing_only_in_case_are_an_error() {
        jailed(|_| {
            let file = "[production]\nconnection = \"a\"\n[Production]\nconnection = \"b\"\n";
            let dir = project(&[("database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(
                message.contains("[production] and [Production] differ only in case")
                    || message.contains("[Production] and [production] differ only in case"),
                "{message}"
            );
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
