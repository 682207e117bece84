//! Which server and database a MySQL connection points at, read from its URL.
//!
//! | URL | meaning |
//! |---|---|
//! | `mysql://user:password@host:3306/app` | database `app` on `host` |
//! | `mariadb://user@host/app` | the same; `mariadb://` is read as `mysql://` |
//! | `mysql://user@host/app?ssl-mode=required` | sqlx's parameters: `ssl-mode`, `ssl-ca`, `ssl-cert`, `ssl-key`, `charset`, `collation`, `socket`, `statement-cache-capacity`, `timezone` |
//!
//! The URL must name a database: dbm's tracking tables, its lock and `db:wipe` all work
//! within one database. Errors name the connection and show the URL with its password
//! replaced by `***` ([`dbm_core::config::redact_url`]).

use std::str::FromStr;

use dbm_core::ConnectionConfig;
use dbm_core::config::redact_url;
use sqlx::ConnectOptions as _;
use sqlx::mysql::MySqlConnectOptions;

use crate::error::{MysqlError, Result, one_line};

/// The forms a MySQL URL takes.
const EXPECTED: &str = "expected mysql://user@host:3306/database (or mariadb://...), with a \
                        password after the user and a colon, or in `password_env`";

/// A parsed MySQL URL.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// sqlx's options, with the database, statement logging off and the server's own
    /// `sql_mode` and time zone kept.
    pub options: MySqlConnectOptions,
    /// The database the URL names.
    pub database: String,
    /// `host:port`, or the socket path, for messages.
    pub server: String,
}

impl Target {
    /// The same server without the database: `information_schema`, which every account
    /// may use, stands in for "no database" (`db:create`, `db:drop`).
    pub fn without_database(&self) -> MySqlConnectOptions {
        self.options.clone().database("information_schema")
    }
}

/// Reads a connection's URL.
///
/// # Errors
///
/// [`MysqlError::Url`] naming the connection, with the URL redacted: a URL that is not
/// `mysql://` or `mariadb://`, that sqlx cannot parse, or that names no database.
pub(crate) fn parse(config: &ConnectionConfig) -> Result<Target> {
    let redacted = redact_url(config.url.trim());
    let error = |message: String| MysqlError::Url {
        connection: config.name.clone(),
        message,
    };
    let url = config.url.trim();
    let rest = url
        .strip_prefix("mysql://")
        .or_else(|| url.strip_prefix("mariadb://"))
        .ok_or_else(|| {
            error(format!(
                "`{redacted}` is not a MySQL URL (driver `mysql`); {EXPECTED}"
            ))
        })?;
    let options = MySqlConnectOptions::from_str(&format!("mysql://{rest}")).map_err(|e| {
        error(format!(
            "`{redacted}` is not a valid MySQL URL: {}; {EXPECTED}",
            one_line(&without_password(&e.to_string(), url))
        ))
    })?;
    let database = options
        .get_database()
        .map(str::to_string)
        .filter(|d| !d.is_empty())
        .ok_or_else(|| {
            error(format!(
                "the URL `{redacted}` must name a database ({EXPECTED})"
            ))
        })?;
    let server = match options.get_socket() {
        Some(socket) => socket.display().to_string(),
        None => format!("{}:{}", options.get_host(), options.get_port()),
    };
    let options = options
        .disable_statement_logging()
        // Keep the server's sql_mode: sqlx would add PIPES_AS_CONCAT, which changes what `||`
        // means in migrations and is stored with every trigger and routine they create.
        .pipes_as_concat(false)
        .no_engine_substitution(false)
        // Keep the server's time zone, as the `mysql` client does: `NOW()` in a data
        // migration writes what it would write there.
        .timezone(None::<String>);
    Ok(Target {
        options,
        database,
        server,
    })
}

/// The password of a URL, when it has one (as written, and percent-decoded).
pub(crate) fn password(url: &str) -> Vec<String> {
    let Some((_, rest)) = url.split_once("://") else {
        return Vec::new();
    };
    let Some(at) = rest.rfind('@') else {
        return Vec::new();
    };
    let Some((_, password)) = rest[..at].split_once(':') else {
        return Vec::new();
    };
    if password.is_empty() {
        return Vec::new();
    }
    let mut out = vec![password.to_string()];
    let decoded = percent_decode(password);
    if decoded != password {
        out.push(decoded);
    }
    out
}

/// Decodes `%XX` escapes (lossily: invalid UTF-8 becomes U+FFFD).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `text` with every form of the URL's password replaced by `***`.
pub(crate) fn without_password(text: &str, url: &str) -> String {
    password(url)
        .iter()
        .fold(text.to_string(), |text, p| text.replace(p.as_str(), "***"))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn config(url: &str) -> ConnectionConfig {
        ConnectionConfig {
            name: "main".into(),
            driver: "mysql".into(),
            url: url.into(),
            debug: false,
            password_env: None,
            root: PathBuf::from("/project"),
            cluster: Default::default(),
        }
    }

    #[test]
    fn a_mysql_url_gives_the_database_and_the_server() {
        let target = parse(&config("mysql://app:secret@db.local:3307/shop")).expect("parses");
        assert_eq!(target.database, "shop");
        assert_eq!(target.server, "db.local:3307");
    }

    #[test]
    fn a_mariadb_url_is_read_as_a_mysql_url() {
        let target = parse(&config("mariadb://root@127.0.0.1/app")).expect("parses");
        assert_eq!(target.database, "app");
        assert_eq!(target.server, "127.0.0.1:3306");
    }

    #[test]
    fn a_url_without_a_database_is_a_config_error_saying_it_must_name_one() {
        for url in [
            "mysql://root@127.0.0.1:3306",
            "mysql://root:secret@127.0.0.1:3306/",
        ] {
            let text = parse(&config(url)).expect_err(url).to_string();
            assert!(text.starts_with("connection `main`:"), "{text}");
            assert!(text.contains("must name a database"), "{text}");
            assert!(!text.contains("secret"), "{text}");
        }
    }

    #[test]
    fn malformed_and_foreign_urls_are_config_errors_without_the_password() {
        for url in [
            "postgres://app:secret@localhost/app",
            "mysql://app:secret@localhost:notaport/app",
            "mysql://app:secret@local host/app",
        ] {
            let text = parse(&config(url)).expect_err(url).to_string();
            assert!(text.starts_with("connection `main`:"), "{text}");
            assert!(!text.contains("secret"), "{text}");
            assert!(text.contains("***"), "the URL is shown redacted: {text}");
        }
    }

    #[test]
    fn passwords_are_found_as_written_and_decoded() {
        assert_eq!(password("mysql://u:p%40ss@h/d"), vec!["p%40ss", "p@ss"]);
        assert!(password("mysql://u@h/d").is_empty());
        assert_eq!(
            without_password("denied for p@ss", "mysql://u:p%40ss@h/d"),
            "denied for ***"
        );
    }
}
