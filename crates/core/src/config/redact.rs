//! Keeping passwords out of output: [`redact_url`] for one URL, and the redaction of every
//! URL inside a longer text (an error message from figment or the TOML parser).

/// The URL with its password replaced by `***`, safe to print.
///
/// `postgres://app:secret@host/db` becomes `postgres://app:***@host/db`; a `password`,
/// `pass`, `pwd` or `sslpassword` query parameter is redacted the same way. A URL without a
/// password (`mysql://root@host/db`, `sqlite://tmp/db.sqlite3`) is returned unchanged.
///
/// A malformed URL gets the same treatment: `u:secret@host/x`, `postgres//u:secret@host/x`
/// and `postgres:/u:secret@host/x` show `***` between the `:` and the `@`. Odd input never
/// panics; when it is ambiguous, more is redacted rather than less.
pub fn redact_url(url: &str) -> String {
    let scheme_end = url.find("://").filter(|&i| is_scheme(&url[..i]));
    let Some(i) = scheme_end else {
        return redact_loose(url);
    };
    let (head, rest) = url.split_at(i + 3);
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    if let Some(at) = authority.rfind('@') {
        let userinfo = redact_userinfo(&authority[..at]);
        return format!(
            "{head}{userinfo}@{}{}",
            &authority[at + 1..],
            redact_query(tail)
        );
    }
    // A password holding an unencoded `/`, `?` or `#` ends the authority early: `u:pa/ss@h`.
    // A colon with an `@` later on is taken as that, unless all that follows the colon is a
    // port and the `@` is in the query (`h:5432/db?options=a@b`).
    if let (Some(colon), Some(at)) = (authority.find(':'), rest.rfind('@')) {
        let after = &authority[colon + 1..];
        let port = !after.is_empty() && after.bytes().all(|b| b.is_ascii_digit());
        let in_query = rest.find('?').is_some_and(|q| q < at);
        if !(port && in_query) {
            return format!("{head}{}:***@{}", &authority[..colon], &rest[at + 1..]);
        }
    }
    format!("{head}{authority}{}", redact_query(tail))
}

/// True for a URL scheme: a letter, then letters, digits, `+`, `-` or `.`.
fn is_scheme(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Text without a `scheme://` start (`u:secret@host`, `postgres//u:secret@host`): whatever
/// lies between the first `:` and the last `@` is replaced by `***`.
fn redact_loose(text: &str) -> String {
    let Some(at) = text.rfind('@') else {
        return redact_query(text);
    };
    let before = &text[..at];
    let host = redact_query(&text[at + 1..]);
    match before.find(':') {
        Some(colon) => format!("{}:***@{host}", &before[..colon]),
        None => format!("{before}@{host}"),
    }
}

/// `user:password` with a non-empty password becomes `user:***`.
fn redact_userinfo(userinfo: &str) -> String {
    match userinfo.find(':') {
        Some(colon) if colon + 1 < userinfo.len() => format!("{}:***", &userinfo[..colon]),
        _ => userinfo.to_owned(),
    }
}

/// Redacts the values of password-like query parameters in `tail` (`/db?password=x`).
fn redact_query(tail: &str) -> String {
    let Some(q) = tail.find('?') else {
        return tail.to_owned();
    };
    let (path, query) = tail.split_at(q + 1);
    let params: Vec<String> = query
        .split('&')
        .map(|param| match param.split_once('=') {
            Some((key, value))
                if !value.is_empty()
                    && ["password", "pass", "pwd", "sslpassword"]
                        .iter()
                        .any(|k| key.eq_ignore_ascii_case(k)) =>
            {
                format!("{key}=***")
            }
            _ => param.to_owned(),
        })
        .collect();
    format!("{path}{}", params.join("&"))
}

/// Redacts every URL inside a longer text (an error message): each word holding `://`, or
/// an `@` after a `:` (`u:secret@host`), goes through [`redact_url`].
pub fn redact_in_text(text: &str) -> String {
    let is_word_end = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(is_word_end).unwrap_or(rest.len());
        let word = &rest[..end];
        let has_secret = word.contains("://")
            || word.rfind('@').is_some_and(|at| word[..at].contains(':'))
            || word.contains('?');
        if has_secret {
            out.push_str(&redact_url(word));
        } else {
            out.push_str(word);
        }
        let delimiter = rest[end..].chars().next().map_or(0, char::len_utf8);
        out.push_str(&rest[end..end + delimiter]);
        rest = &rest[end + delimiter..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_url_hides_passwords_and_leaves_other_urls_unchanged() {
        let redacted = redact_url("postgres://u:secret@h/db");
        assert!(!redacted.contains("secret"), "{redacted}");
        assert_eq!(redacted, "postgres://u:***@h/db");
        assert_eq!(redact_url("mysql://root@h/db"), "mysql://root@h/db");
        assert_eq!(
            redact_url("sqlite://tmp/db.sqlite3"),
            "sqlite://tmp/db.sqlite3"
        );
        assert_eq!(redact_url("postgres://h:5432/db"), "postgres://h:5432/db");
        assert_eq!(redact_url("postgres://u:@h/db"), "postgres://u:@h/db");
        assert_eq!(
            redact_url("postgres://u:p@ss@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(
            redact_url("postgres://h/db?user=u&password=secret"),
            "postgres://h/db?user=u&password=***"
        );
        assert!(!redact_url("postgres://u:pa/ss@h/db").contains("pa/ss"));
        for odd in [
            "",
            "://",
            "@",
            ":@",
            "x://@",
            "x://a:@",
            "é://ü:ö@ä",
            "a:b@c",
        ] {
            let _ = redact_url(odd);
        }
    }

    #[test]
    fn malformed_urls_never_show_their_password() {
        for (url, shown) in [
            ("u:secret@host/x", "u:***@host/x"),
            ("postgres//u:secret@host/x", "postgres//u:***@host/x"),
            ("postgres:/u:secret@host/x", "postgres:***@host/x"),
            ("mysql//u:secret@host/x", "mysql//u:***@host/x"),
            ("mysql:u:secret@host/x", "mysql:***@host/x"),
            ("postgres:/u:secret@h://x", "postgres:***@h://x"),
            ("postgres://u:123/secret@h/db", "postgres://u:***@h/db"),
            ("u:se@cret@host", "u:***@host"),
        ] {
            assert_eq!(redact_url(url), shown, "{url}");
        }
        assert_eq!(
            redact_url("postgres://h:5432/db?options=a@b"),
            "postgres://h:5432/db?options=a@b"
        );
        assert_eq!(redact_url("user@example.com"), "user@example.com");
        assert_eq!(redact_url("sqlite::memory:"), "sqlite::memory:");
    }

    #[test]
    fn malformed_urls_inside_a_message_are_redacted() {
        let text = "connection `x`: invalid URL u:secret@host/x (see `postgres:/v:hunter2@h`)";
        let redacted = redact_in_text(text);
        assert!(
            !redacted.contains("secret") && !redacted.contains("hunter2"),
            "{redacted}"
        );
        assert_eq!(
            redacted,
            "connection `x`: invalid URL u:***@host/x (see `postgres:***@h`)"
        );
        assert_eq!(
            redact_in_text("mail root@host: done"),
            "mail root@host: done"
        );
    }

    #[test]
    fn urls_inside_a_message_are_redacted() {
        let text = "bad value \"postgres://u:secret@h/db\" and mysql://root@h/db";
        assert_eq!(
            redact_in_text(text),
            "bad value \"postgres://u:***@h/db\" and mysql://root@h/db"
        );
    }
}
