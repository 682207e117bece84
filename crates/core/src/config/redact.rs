//! Keeping passwords out of output: [`redact_url`] for one URL, and the redaction of every
//! URL inside a longer text (an error message from figment or the TOML parser).

/// The URL with its password replaced by `***`, safe to print.
///
/// `postgres://app:secret@host/db` becomes `postgres://app:***@host/db`; a `password`,
/// `pass`, `pwd` or `sslpassword` query parameter is redacted the same way. A URL without a
/// password (`mysql://root@host/db`, `sqlite://tmp/db.sqlite3`) is returned unchanged. Odd
/// input never panics; when it is ambiguous, more is redacted rather than less.
pub fn redact_url(url: &str) -> String {
    let (head, rest) = match url.find("://") {
        Some(i) => url.split_at(i + 3),
        None => return redact_query(url),
    };
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
    // A colon followed by something other than a port, and an `@` later on, is taken as that.
    if let (Some(colon), Some(at)) = (authority.find(':'), rest.rfind('@')) {
        let after = &authority[colon + 1..];
        if !after.is_empty() && !after.bytes().all(|b| b.is_ascii_digit()) {
            return format!("{head}{}:***@{}", &authority[..colon], &rest[at + 1..]);
        }
    }
    format!("{head}{authority}{}", redact_query(tail))
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

/// Redacts every `scheme://...` URL inside a longer text (an error message).
pub(super) fn redact_in_text(text: &str) -> String {
    let is_scheme_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.');
    let is_url_end = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("://") {
        let start = rest[..pos]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_scheme_char(c))
            .last()
            .map_or(pos, |(i, _)| i);
        let end = rest[pos..].find(is_url_end).map_or(rest.len(), |i| pos + i);
        out.push_str(&rest[..start]);
        out.push_str(&redact_url(&rest[start..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
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
    fn urls_inside_a_message_are_redacted() {
        let text = "bad value \"postgres://u:secret@h/db\" and mysql://root@h/db";
        assert_eq!(
            redact_in_text(text),
            "bad value \"postgres://u:***@h/db\" and mysql://root@h/db"
        );
    }
}
