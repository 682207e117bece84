//! figment's errors as messages: each names where the value came from (the file and profile,
//! or the environment variable), the whole key, what was found and what was expected, with
//! URLs redacted.

use figment::error::{Actual, Kind};

use super::env::env_var_name;
use super::redact::{redact_in_text, redact_url};
use crate::Error;

/// Where a failing value came from, for messages.
pub(super) enum Location<'a> {
    /// A profile of the file.
    File { label: &'a str, profile: &'a str },
    /// A `DBM_` environment variable.
    Env,
    /// The embedded default (a bug if it ever fails).
    Embedded,
}

/// Renders the errors of the merged extraction (values from environment variables, since
/// the file's profiles were checked already).
pub(super) fn render_merged_error(error: figment::Error, label: Option<&str>) -> Error {
    let messages: Vec<String> = error
        .into_iter()
        .map(|e| {
            let name = e.metadata.as_ref().map_or("", |m| m.name.as_ref());
            let profile = e
                .profile
                .as_ref()
                .map_or("default", |p| p.as_str().as_str());
            let at = match label {
                _ if name.contains("environment") => Location::Env,
                Some(label) if !name.contains("RawProfile") => Location::File { label, profile },
                _ => Location::Embedded,
            };
            render_one(&e, &at)
        })
        .collect();
    Error::config(messages.join("\n"))
}

/// Renders one figment error as `<where>: <what>; <expected>`, redacting URLs.
pub(super) fn render_one(error: &figment::Error, at: &Location<'_>) -> String {
    let path = error.path.join(".");
    // figment's path may already end with the unknown or missing field.
    let key = |field: Option<&str>| match field {
        Some(field) if error.path.last().is_some_and(|last| last == field) => path.clone(),
        Some(field) if path.is_empty() => field.to_owned(),
        Some(field) => format!("{path}.{field}"),
        None => path.clone(),
    };
    let whole_key = match &error.kind {
        Kind::UnknownField(field, _) => key(Some(field)),
        Kind::MissingField(field) => key(Some(field)),
        _ => key(None),
    };
    let place = match at {
        Location::File { label, profile } => {
            format!("{label}: key `{whole_key}` in profile [{profile}]")
        }
        Location::Env => env_var_name(&whole_key),
        Location::Embedded => format!("embedded default configuration: key `{whole_key}`"),
    };
    let what = match &error.kind {
        Kind::UnknownField(_, expected) => {
            format!("unknown key; expected one of: {}", expected.join(", "))
        }
        Kind::MissingField(_) => "missing; this key is required".to_owned(),
        Kind::UnknownVariant(value, expected) => format!(
            "invalid value {:?}; expected one of: {}",
            redact_url(value),
            expected.join(", ")
        ),
        Kind::InvalidType(actual, expected) => format!(
            "wrong type: found {}, expected {}",
            show(actual),
            plain_expected(expected)
        ),
        Kind::InvalidValue(actual, expected) => format!(
            "invalid value: found {}, expected {}",
            show(actual),
            plain_expected(expected)
        ),
        other => redact_in_text(&other.to_string()),
    };
    let message = format!("{place}: {what}");
    // The file's unknown-key message reads better with the key up front.
    match (&error.kind, at) {
        (Kind::UnknownField(_, expected), Location::File { label, profile }) => format!(
            "{label}: unknown key `{whole_key}` in profile [{profile}]; expected one of: {}",
            expected.join(", ")
        ),
        _ => message,
    }
}

/// serde's description of an expected type in TOML's words (`struct RawConnection` is a table).
fn plain_expected(expected: &str) -> String {
    match expected {
        e if e.starts_with("struct ") || e == "a map" => "a table".to_owned(),
        "a sequence" => "an array".to_owned(),
        "path string" => "a path string".to_owned(),
        e => e.to_owned(),
    }
}

/// An [`Actual`] for a message, with URLs redacted.
fn show(actual: &Actual) -> String {
    match actual {
        Actual::Str(s) => format!("string {:?}", redact_url(s)),
        other => redact_in_text(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::test_support::{jailed, load_error, project};

    #[test]
    fn an_unknown_key_names_the_file_the_key_the_profile_and_the_expected_keys() {
        jailed(|_| {
            let file = "[default.connections.pg]\ndriver = \"postgres\"\nur = \"x\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert_eq!(
                message,
                "config/database.toml: unknown key `connections.pg.ur` in profile [default]; \
                 expected one of: driver, url, debug, password_env, lock, lock_lease, pooler"
            );
        });
    }

    #[test]
    fn an_unknown_transaction_mode_lists_the_allowed_modes() {
        jailed(|_| {
            let file = "[default.migrations]\ntransaction = \"always\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("config/database.toml"), "{message}");
            assert!(message.contains("migrations.transaction"), "{message}");
            assert!(message.contains("\"always\""), "{message}");
            assert!(message.contains("per_migration, batch, none"), "{message}");
        });
    }

    #[test]
    fn a_wrong_type_names_the_key_and_never_echoes_a_password() {
        jailed(|_| {
            let file = "[staging.connections.pg]\ndebug = \"postgres://app:hunter2@db/app\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("connections.pg.debug"), "{message}");
            assert!(message.contains("[staging]"), "{message}");
            assert!(message.contains("expected a boolean"), "{message}");
            assert!(!message.contains("hunter2"), "{message}");
        });
    }
}
