//! Just enough reading of SQL text to classify a `default_sql` expression: where a quoted
//! string or a parenthesis ends, whether a text is one literal or one time keyword.
//!
//! Quoting follows MySQL's default `sql_mode`: `'...'` and `"..."` are strings in which a
//! backslash escapes the next character and a doubled quote is a quote; `` `...` `` is an
//! identifier with doubled backticks. Where a quoted text ends is dbm-core's SQL lexer's answer
//! by MySQL's rules, as the migration splitter reads it.

use dbm_core::migration::sql::SqlDialect;
use dbm_core::migration::sql::lexer::quoted_end;

/// The byte index just past the quoted text that starts at `start` (a quote character), or
/// `None` when it is not closed.
fn end_of_quoted(text: &str, start: usize) -> Option<usize> {
    quoted_end(text, start, SqlDialect::Mysql)
}

/// The byte index of the parenthesis that closes the one at `open`, skipping quoted text.
pub(crate) fn closing_paren(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' | b'"' | b'`' => {
                i = end_of_quoted(text, i)?;
                continue;
            }
            b'(' => depth += 1,
            b')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// True when the whole text is one parenthesized expression: `(1 + 2)`, not `(1) + (2)`.
pub(crate) fn is_parenthesized(text: &str) -> bool {
    text.starts_with('(') && closing_paren(text, 0) == Some(text.len() - 1)
}

/// True when the whole text is one quoted string: `'it''s'`, optionally after a character
/// set introducer (`_utf8mb4'x'`), or a hex or bit literal (`X'00ff'`, `b'0101'`, `0xff`).
pub(crate) fn is_string_literal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let start = match bytes.iter().position(|&b| b == b'\'') {
        Some(0) => 0,
        Some(quote) => {
            let prefix = &text[..quote];
            let introducer =
                prefix.starts_with('_') && prefix[1..].bytes().all(|b| b.is_ascii_alphanumeric());
            let hex_or_bit = prefix.eq_ignore_ascii_case("x") || prefix.eq_ignore_ascii_case("b");
            if !(introducer || hex_or_bit) {
                return false;
            }
            quote
        }
        None => {
            let lower = text.to_ascii_lowercase();
            return lower
                .strip_prefix("0x")
                .is_some_and(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()))
                || lower
                    .strip_prefix("0b")
                    .is_some_and(|b| !b.is_empty() && b.bytes().all(|c| c == b'0' || c == b'1'));
        }
    };
    end_of_quoted(text, start) == Some(bytes.len())
}

/// True for a number: `1`, `-1.5`, `.5`, `1e20`, `+2E-3`.
pub(crate) fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match digits.find(['e', 'E']) {
        Some(e) => (&digits[..e], Some(&digits[e + 1..])),
        None => (digits, None),
    };
    let mut parts = mantissa.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next();
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = all_digits(whole)
        && fraction.is_none_or(all_digits)
        && (!whole.is_empty() || fraction.is_some_and(|f| !f.is_empty()));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

/// The functions MySQL accepts bare (without parentheses around them) as the default of a
/// `TIMESTAMP` or `DATETIME` column, and after `ON UPDATE`.
const TIME_FUNCTIONS: &[&str] = &["CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP"];

/// True for `CURRENT_TIMESTAMP`, `CURRENT_TIMESTAMP(6)`, `NOW()`, `LOCALTIME`, ...: one time
/// function with an optional precision.
fn is_time_function(text: &str) -> bool {
    let text = text.trim();
    let (word, rest) = match text.find('(') {
        Some(open) => (text[..open].trim_end(), &text[open..]),
        None => (text, ""),
    };
    let known = TIME_FUNCTIONS.iter().any(|f| f.eq_ignore_ascii_case(word));
    let precision = rest.is_empty()
        || rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .is_some_and(|p| p.trim().bytes().all(|b| b.is_ascii_digit()));
    known && precision && (!rest.is_empty() || !word.eq_ignore_ascii_case("NOW"))
}

/// True for a time function, optionally followed by `ON UPDATE` and a time function:
/// `CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP`.
pub(crate) fn is_time_default(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    match upper.find(" ON UPDATE ") {
        Some(at) => is_time_function(&text[..at]) && is_time_function(&text[at + 11..]),
        None => is_time_function(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parenthesized_means_one_pair_around_everything() {
        assert!(is_parenthesized("(1 + 2)"));
        assert!(is_parenthesized("(concat('(', x))"));
        assert!(!is_parenthesized("(1) + (2)"));
        assert!(!is_parenthesized("uuid()"));
        assert!(!is_parenthesized("(unclosed"));
        assert!(is_parenthesized("(`a\\` + '\\')')"));
    }

    #[test]
    fn string_literals_are_told_apart_from_expressions() {
        assert!(is_string_literal("'x'"));
        assert!(is_string_literal("'it''s \\' here'"));
        assert!(is_string_literal("_utf8mb4'x'"));
        assert!(is_string_literal("X'00ff'"));
        assert!(is_string_literal("0xFF"));
        assert!(!is_string_literal("'a' 'b' || x"));
        assert!(!is_string_literal("concat('a')"));
        assert!(!is_string_literal("'open"));
    }

    #[test]
    fn numbers_are_recognized() {
        for yes in ["1", "-1.5", ".5", "1e20", "+2E-3", "10."] {
            assert!(is_number(yes), "{yes}");
        }
        for no in ["", "-", "1e", "1.2.3", "one", "1 + 1"] {
            assert!(!is_number(no), "{no}");
        }
    }

    #[test]
    fn time_defaults_allow_a_precision_and_on_update() {
        assert!(is_time_default("CURRENT_TIMESTAMP"));
        assert!(is_time_default("current_timestamp(6)"));
        assert!(is_time_default("NOW()"));
        assert!(is_time_default(
            "CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"
        ));
        assert!(!is_time_default("NOW"));
        assert!(!is_time_default("CURRENT_DATE"));
        assert!(!is_time_default("CURRENT_TIMESTAMP + INTERVAL 1 DAY"));
    }
}
