//! Durations written as text (`lock_timeout = "60s"`): [`parse_duration`] and the serde
//! type that checks them while a profile is read.

use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Parses a duration such as `60s`, `2m`, `1m 30s` or `500ms` (humantime's syntax).
///
/// # Errors
///
/// A message quoting the input and the expected form.
pub fn parse_duration(s: &str) -> std::result::Result<Duration, String> {
    humantime::parse_duration(s.trim()).map_err(|e| {
        format!(
            "invalid duration {s:?} ({e}); expected a duration such as \"60s\", \"2m\" or \"500ms\""
        )
    })
}

/// A duration written as text (`"60s"`), checked while deserializing.
#[derive(Debug, Clone, Copy)]
pub(super) struct DurationText(pub(super) Duration);

impl Serialize for DurationText {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(&humantime::format_duration(self.0))
    }
}

impl<'de> Deserialize<'de> for DurationText {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DurationText;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration such as \"60s\", \"2m\" or \"500ms\"")
            }

            fn visit_str<E: serde::de::Error>(
                self,
                s: &str,
            ) -> std::result::Result<DurationText, E> {
                parse_duration(s)
                    .map(DurationText)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(s), &self))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// A duration in humantime's syntax: numbers (with an optional fraction) and units, such as
/// `"60s"`, `"1m 30s"` or `"500ms"`, as [`parse_duration`] reads them.
#[cfg(test)]
impl schemars::JsonSchema for DurationText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        const UNITS: &str = "nanos|nsec|ns|usec|us|µs|millis|msec|ms|seconds|second|secs|sec|s|\
                             minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d|weeks|\
                             week|wks|wk|w|months|month|M|years|year|yrs|yr|y";
        schemars::json_schema!({
            "type": "string",
            "description": "A duration such as \"60s\", \"2m\", \"1m 30s\" or \"500ms\".",
            "pattern": format!("^\\s*([0-9]+(\\.[0-9]+)?\\s*({UNITS})\\s*)+$")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::config::test_support::{jailed, load_error, options, project};

    #[test]
    fn a_lock_timeout_that_is_not_a_duration_names_the_key_and_the_expected_form() {
        jailed(|_| {
            let file = "[default.migrations]\nlock_timeout = \"soon\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("migrations.lock_timeout"), "{message}");
            assert!(message.contains("\"60s\""), "{message}");

            let file = "[default.migrations]\nlock_timeout = 60\n";
            let dir = project(&[("config/database.toml", file)]);
            let message = load_error(dir.path(), None);
            assert!(message.contains("migrations.lock_timeout"), "{message}");
        });
    }

    #[test]
    fn a_valid_lock_timeout_is_parsed() {
        jailed(|_| {
            let file = "[default.migrations]\nlock_timeout = \"2m\"\n[production.migrations]\nlock_timeout = \"500ms\"\n";
            let dir = project(&[("config/database.toml", file)]);
            let development = Config::load(&options(dir.path(), None)).expect("load");
            assert_eq!(
                development.migrations.lock_timeout,
                Duration::from_secs(120)
            );
            let production = Config::load(&options(dir.path(), Some("production"))).expect("load");
            assert_eq!(
                production.migrations.lock_timeout,
                Duration::from_millis(500)
            );
        });
    }

    #[test]
    fn parse_duration_accepts_humantime_durations_and_rejects_others() {
        assert_eq!(parse_duration("60s"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        let message = parse_duration("soon").expect_err("not a duration");
        assert!(message.contains("\"soon\""), "{message}");
        assert!(message.contains("\"60s\""), "{message}");
    }
}
