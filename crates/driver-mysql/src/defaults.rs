//! Column defaults as `information_schema.COLUMNS` reports them, made the same for MySQL 8
//! and MariaDB.
//!
//! | default | MySQL 8 reports | MariaDB 10.2.7+ reports | dbm shows |
//! |---|---|---|---|
//! | none on a nullable column | `NULL` (SQL) | `'NULL'` (the text) | `None` |
//! | `'it''s'` | `it's` | `'it''s'` | `it's` |
//! | `('x')` on `text` | `_utf8mb4\'x\'` (extra `DEFAULT_GENERATED`) | `'x'` | `x` |
//! | `('it''s')` on `text` | `_utf8mb4\'it\\\'s\'` (escaped twice) | `'it\'s'` | `it's` |
//! | `CURRENT_TIMESTAMP` | `CURRENT_TIMESTAMP` | `current_timestamp()` | `CURRENT_TIMESTAMP` |
//! | `CURRENT_TIMESTAMP(6)` | `CURRENT_TIMESTAMP(6)` | `current_timestamp(6)` | `CURRENT_TIMESTAMP(6)` |
//! | `1`, `TRUE`, `1.50` | `1`, `1`, `1.50` | the same | the same |
//! | `(uuid())` | `uuid()` | `uuid()` | `uuid()` |
//!
//! So a string literal is shown without quotes or escapes, `NULL` as no default, and the
//! current-timestamp function in upper case; other expressions as the server prints them.
//! The MySQL 8 forms are read from its documentation; the MariaDB forms are tested.

/// The default of a column, normalized; `reported` is `COLUMN_DEFAULT`, `extra` is `EXTRA`.
pub(crate) fn normalize(reported: Option<&str>, extra: &str, mariadb: bool) -> Option<String> {
    let reported = reported?;
    if let Some(timestamp) = current_timestamp(reported) {
        return Some(timestamp);
    }
    if mariadb {
        if reported == "NULL" {
            return None;
        }
        return Some(match quoted(reported, "") {
            Some(inner) => unescape(inner),
            None => reported.to_string(),
        });
    }
    // MySQL 8 (not testable here): literals come bare; an expression default is marked
    // DEFAULT_GENERATED and a string inside it is printed as MySQL holds it, escaped once
    // (`_utf8mb4'it\'s'`), then escaped again by information_schema (`_utf8mb4\'it\\\'s\'`).
    if extra.to_ascii_uppercase().contains("DEFAULT_GENERATED")
        && let Some(quote) = reported.find("\\'")
        && reported.starts_with('_')
        && reported[1..quote]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric())
        && let Some(inner) = quoted(&reported[quote..], "\\")
    {
        return Some(unescape(&unescape(inner)));
    }
    Some(reported.to_string())
}

/// The text between `<escape>'` and a final `<escape>'`.
fn quoted<'a>(text: &'a str, escape: &str) -> Option<&'a str> {
    let open = format!("{escape}'");
    let inner = text
        .strip_prefix(open.as_str())?
        .strip_suffix(open.as_str())?;
    (text.len() >= 2 * open.len()).then_some(inner)
}

/// `CURRENT_TIMESTAMP` or `CURRENT_TIMESTAMP(n)` for any spelling of the current-timestamp
/// function (`current_timestamp()`, `CURRENT_TIMESTAMP(6)`).
fn current_timestamp(text: &str) -> Option<String> {
    let lower = text.trim().to_ascii_lowercase();
    let rest = lower.strip_prefix("current_timestamp")?;
    if rest.is_empty() || rest == "()" {
        return Some("CURRENT_TIMESTAMP".into());
    }
    let digits = rest.strip_prefix('(')?.strip_suffix(')')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("CURRENT_TIMESTAMP({digits})"))
}

/// Reads MySQL's escapes in a string literal's body: `''`, `\'`, `\\`, `\n`, `\t`, `\r`,
/// `\0`, `\Z`, `\b`; any other `\x` is `x`.
fn unescape(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('0') => out.push('\0'),
                Some('Z') => out.push('\u{1a}'),
                Some('b') => out.push('\u{8}'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            '\'' if chars.peek() == Some(&'\'') => {
                chars.next();
                out.push('\'');
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maria(reported: &str) -> Option<String> {
        normalize(Some(reported), "", true)
    }

    #[test]
    fn mariadb_string_defaults_lose_their_quotes_and_escapes() {
        assert_eq!(maria("'x'").as_deref(), Some("x"));
        assert_eq!(maria("''").as_deref(), Some(""));
        assert_eq!(
            maria("'l1\\nl2\\\\x''y\"z'").as_deref(),
            Some("l1\nl2\\x'y\"z")
        );
        assert_eq!(maria("'q\\'\\\\'").as_deref(), Some("q'\\"));
        assert_eq!(maria("'NULL'").as_deref(), Some("NULL"));
    }

    #[test]
    fn mariadb_null_is_no_default_and_expressions_stay() {
        assert_eq!(maria("NULL"), None);
        assert_eq!(normalize(None, "", true), None);
        assert_eq!(maria("1.50").as_deref(), Some("1.50"));
        assert_eq!(maria("uuid()").as_deref(), Some("uuid()"));
        assert_eq!(maria("(1 + 1)").as_deref(), Some("(1 + 1)"));
    }

    #[test]
    fn the_current_timestamp_reads_the_same_on_both_servers() {
        assert_eq!(
            maria("current_timestamp()").as_deref(),
            Some("CURRENT_TIMESTAMP")
        );
        assert_eq!(
            maria("current_timestamp(6)").as_deref(),
            Some("CURRENT_TIMESTAMP(6)")
        );
        assert_eq!(
            normalize(Some("CURRENT_TIMESTAMP"), "DEFAULT_GENERATED", false).as_deref(),
            Some("CURRENT_TIMESTAMP")
        );
    }

    #[test]
    fn mysql_literals_stay_and_expression_strings_lose_their_introducer() {
        assert_eq!(normalize(Some("x"), "", false).as_deref(), Some("x"));
        assert_eq!(normalize(Some("'x'"), "", false).as_deref(), Some("'x'"));
        assert_eq!(
            normalize(Some("_utf8mb4\\'{\"a\":1}\\'"), "DEFAULT_GENERATED", false).as_deref(),
            Some("{\"a\":1}")
        );
        assert_eq!(
            normalize(Some("uuid()"), "DEFAULT_GENERATED", false).as_deref(),
            Some("uuid()")
        );
        // As MySQL 8.4 reports `('it''s')`, `('a\\b')` and a two-line text.
        let mysql = |reported: &str| normalize(Some(reported), "DEFAULT_GENERATED", false);
        assert_eq!(mysql(r"_utf8mb4\'it\\\'s\'").as_deref(), Some("it's"));
        assert_eq!(mysql(r"_utf8mb4\'a\\\\b\'").as_deref(), Some("a\\b"));
        assert_eq!(mysql(r"_utf8mb4\'l1\\nl2\'").as_deref(), Some("l1\nl2"));
    }
}
