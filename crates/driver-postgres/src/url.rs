//! Connection URLs: `postgres://` and `postgresql://`, parsed by sqlx's
//! [`PgConnectOptions`], and the options dbm adds.

use std::str::FromStr as _;
use std::time::Duration;

use dbm_core::ConnectionConfig;
use dbm_core::config::redact_url;
use sqlx::ConnectOptions as _;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgSslMode};

use crate::error::{PgError, Result};

/// How long a connection attempt may take before it is reported as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// The schemes dbm accepts.
const SCHEMES: &[&str] = &["postgres://", "postgresql://"];

/// Parses the connection's URL (already holding the password) into sqlx's options, with
/// statement logging off, `application_name = dbm` unless the URL sets one,
/// `client_min_messages = warning` (the `NOTICE`s of `IF EXISTS` clauses are noise), and
/// `sslmode=disable` for a loopback host (`localhost`, `127.0.0.0/8`, `::1`) unless the URL or
/// `PGSSLMODE` says otherwise: TLS protects nothing that never leaves the machine, and its
/// handshake costs a connection about 90 ms here (sqlx's sockets do not set `TCP_NODELAY`, so
/// the handshake's back-to-back records wait on delayed acknowledgements).
///
/// # Errors
///
/// [`PgError::Url`] naming the connection, with the URL redacted.
///
/// With `pooler = true` the options are [`pooled`] ones.
pub(crate) fn options(config: &ConnectionConfig, url: &str) -> Result<PgConnectOptions> {
    build(config, url, config.cluster.pooler == Some(true))
}

/// [`options`] for a connection through a transaction pooler: without the startup
/// parameters PgBouncer refuses (`extra_float_digits`, and `options`, which would carry
/// `client_min_messages`).
pub(crate) fn pooled(config: &ConnectionConfig, url: &str) -> Result<PgConnectOptions> {
    build(config, url, true)
}

fn build(config: &ConnectionConfig, url: &str, pooled: bool) -> Result<PgConnectOptions> {
    let bad = |why: String| PgError::Url {
        connection: config.name.clone(),
        message: format!("invalid PostgreSQL URL {}: {why}", redact_url(url)),
    };
    if !SCHEMES.iter().any(|s| url.starts_with(s)) {
        return Err(bad(
            "expected `postgres://user@host:5432/database` (or `postgresql://`), with a \
             password after the user and a colon, or in `password_env`"
                .into(),
        ));
    }
    let options = PgConnectOptions::from_str(url).map_err(|e| bad(config_reason(&e)))?;
    let options = if options.get_application_name().is_none() {
        options.application_name("dbm")
    } else {
        options
    };
    let ssl_given = url.contains("sslmode=") || std::env::var_os("PGSSLMODE").is_some();
    let options = if !ssl_given && is_loopback(options.get_host()) {
        options.ssl_mode(PgSslMode::Disable)
    } else {
        options
    };
    if pooled {
        return Ok(options.extra_float_digits(None).disable_statement_logging());
    }
    Ok(options
        .options([("client_min_messages", "warning")])
        .disable_statement_logging())
}

/// True when a connection attempt failed because something in front of the server (a
/// pooler) refused a startup parameter that PostgreSQL itself accepts.
pub(crate) fn refused_startup_parameter(error: &PgError) -> bool {
    match error {
        PgError::Connect { source, .. } => {
            source.to_string().contains("unsupported startup parameter")
        }
        _ => false,
    }
}

/// True for `localhost` and loopback addresses (brackets around IPv6 allowed).
fn is_loopback(host: &str) -> bool {
    let host = host.trim_matches(['[', ']']);
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// sqlx's reason for a configuration error, without its `error with configuration:` prefix.
fn config_reason(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Configuration(source) => source.to_string(),
        other => other.to_string(),
    }
}

/// The database a connection's options select: the URL's, else the user's name (as libpq).
pub(crate) fn database_name(options: &PgConnectOptions) -> String {
    options
        .get_database()
        .unwrap_or(options.get_username())
        .to_string()
}

/// Opens one connection, within [`CONNECT_TIMEOUT`].
///
/// # Errors
///
/// [`PgError::Connect`] (or `ConnectTimeout`), naming the connection and the redacted URL.
pub(crate) async fn connect(
    config: &ConnectionConfig,
    url: &str,
    options: &PgConnectOptions,
) -> Result<PgConnection> {
    let shown = redact_url(url);
    match tokio::time::timeout(CONNECT_TIMEOUT, options.connect()).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(source)) => Err(PgError::Connect {
            connection: config.name.clone(),
            url: shown,
            source,
        }),
        Err(_) => Err(PgError::ConnectTimeout {
            connection: config.name.clone(),
            url: shown,
            seconds: CONNECT_TIMEOUT.as_secs(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(url: &str) -> ConnectionConfig {
        ConnectionConfig {
            name: "pg".into(),
            driver: "postgres".into(),
            url: url.into(),
            debug: false,
            password_env: None,
            root: ".".into(),
            cluster: Default::default(),
        }
    }

    fn error(url: &str) -> String {
        match options(&config(url), url) {
            Ok(_) => panic!("{url} should be refused"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn both_schemes_are_accepted() {
        for url in ["postgres://u@h/db", "postgresql://u@h:5433/db"] {
            let parsed = options(&config(url), url).expect("parses");
            assert_eq!(parsed.get_database(), Some("db"));
            assert_eq!(parsed.get_application_name(), Some("dbm"));
        }
    }

    #[test]
    fn another_scheme_is_refused_without_the_password() {
        let message = error("mysql://u:secret@h/db");
        assert!(message.contains("connection `pg`"), "{message}");
        assert!(message.contains("mysql://u:***@h/db"), "{message}");
        assert!(!message.contains("secret"), "{message}");
    }

    #[test]
    fn a_malformed_port_is_refused_without_the_password() {
        let message = error("postgres://u:secret@h:notaport/db");
        assert!(!message.contains("secret"), "{message}");
        assert!(message.contains("invalid PostgreSQL URL"), "{message}");
    }

    #[test]
    fn the_database_defaults_to_the_user_name() {
        let url = "postgres://alice@h";
        let parsed = options(&config(url), url).expect("parses");
        assert_eq!(database_name(&parsed), "alice");
    }

    #[test]
    fn loopback_hosts_skip_tls_unless_the_url_asks() {
        let mode = |url: &str| {
            format!(
                "{:?}",
                options(&config(url), url).expect("parses").get_ssl_mode()
            )
        };
        if std::env::var_os("PGSSLMODE").is_none() {
            assert_eq!(mode("postgres://u@127.0.0.1:5432/db"), "Disable");
            assert_eq!(mode("postgres://u@localhost/db"), "Disable");
            assert_eq!(mode("postgres://u@[::1]:5432/db"), "Disable");
            assert_eq!(mode("postgres://u@db.example.com/db"), "Prefer");
        }
        assert_eq!(mode("postgres://u@127.0.0.1/db?sslmode=require"), "Require");
    }
}
