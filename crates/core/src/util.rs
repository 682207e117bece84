//! Small helpers shared across the crate.

/// Cuts `text` to at most `max` characters, marking the cut with `…`.
pub fn cut(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max).collect();
    out.push('…');
    out
}

/// The longest failing statement an error shows whole, in bytes.
pub const STATEMENT_SHOWN_WHOLE: usize = 4096;

/// The width failing statements are wrapped to, indent included.
const STATEMENT_WIDTH: usize = 100;

/// A failing statement as an error shows it, every line indented by four spaces and wrapped
/// at 100 columns: whole up to [`STATEMENT_SHOWN_WHOLE`] bytes; past that, its
/// start and the clause `message` (the database's error) names, each up to half of that,
/// with a `…` line between them where something is left out.
pub fn shown_statement(statement: &str, message: &str) -> String {
    let statement = statement.trim();
    let half = STATEMENT_SHOWN_WHOLE / 2;
    let text = if statement.len() <= STATEMENT_SHOWN_WHOLE {
        statement.to_string()
    } else {
        match named_clause(statement, message) {
            Some(at) if at > half => {
                let start = clause_start(statement, at);
                let head = &statement[..floor_char(statement, half.min(start))];
                let clause =
                    &statement[start..floor_char(statement, (start + half).min(statement.len()))];
                let tail = if start + clause.len() < statement.len() {
                    "\n…"
                } else {
                    ""
                };
                format!("{head}\n…\n{clause}{tail}")
            }
            _ => format!(
                "{}\n…",
                &statement[..floor_char(statement, STATEMENT_SHOWN_WHOLE)]
            ),
        }
    };
    let mut lines = Vec::new();
    for line in text.lines() {
        wrap(line.trim_end(), STATEMENT_WIDTH - 4, &mut lines);
    }
    lines
        .iter()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The largest char boundary of `text` at or below `at`.
fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where the clause holding byte `at` starts: after the last `,` or `(` or line break before
/// it, at most 200 bytes back.
fn clause_start(statement: &str, at: usize) -> usize {
    let from = floor_char(statement, at.saturating_sub(200));
    statement[from..at]
        .rfind([',', '(', '\n'])
        .map_or(from, |i| from + i + 1)
}

/// Where in `statement` the clause the database's `message` names is: the text after MySQL's
/// `near '…'`, the first `FOREIGN KEY` or `REFERENCES` when the message is about a foreign
/// key, else the furthest of the names the message quotes.
fn named_clause(statement: &str, message: &str) -> Option<usize> {
    let upper = statement.to_ascii_uppercase();
    if let Some(rest) = message.split("near '").nth(1) {
        let fragment: String = rest.chars().take(40).collect();
        let fragment = fragment.split('\'').next().unwrap_or("");
        if !fragment.is_empty()
            && let Some(at) = statement.find(fragment)
        {
            return Some(at);
        }
    }
    if message.to_ascii_lowercase().contains("foreign key") || message.contains("errno: 150") {
        let at = ["FOREIGN KEY", "REFERENCES"]
            .iter()
            .filter_map(|k| upper.find(k))
            .min();
        if at.is_some() {
            return at;
        }
    }
    let mut names = Vec::new();
    for quote in ['`', '"', '\''] {
        names.extend(
            message
                .split(quote)
                .skip(1)
                .step_by(2)
                .filter(|n| n.len() > 1),
        );
    }
    names.iter().filter_map(|n| statement.find(n)).max()
}

/// Appends `line` to `out` in pieces of at most `width` characters, broken at spaces where
/// there are any.
fn wrap(line: &str, width: usize, out: &mut Vec<String>) {
    let mut rest = line;
    while rest.chars().count() > width {
        let limit = rest
            .char_indices()
            .nth(width)
            .map_or(rest.len(), |(i, _)| i);
        let cut = match rest[..limit].rfind(' ') {
            Some(space) if space > 0 => space,
            _ => limit,
        };
        out.push(rest[..cut].trim_end().to_string());
        rest = rest[cut..].trim_start();
    }
    out.push(rest.to_string());
}

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_keeps_short_text_and_marks_long_text() {
        assert_eq!(cut("abc", 5), "abc");
        assert_eq!(cut("abcdef", 3), "abc…");
    }

    #[test]
    fn a_failing_statement_is_shown_whole_up_to_4_kb_wrapped() {
        let columns: Vec<String> = (0..40)
            .map(|i| format!("`column_{i}` varchar(20)"))
            .collect();
        let statement = format!(
            "CREATE TABLE `users` ({}, CONSTRAINT `users_role_id_foreign` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`))",
            columns.join(", ")
        );
        assert!(statement.len() > 400 && statement.len() < STATEMENT_SHOWN_WHOLE);
        let shown = shown_statement(&statement, "errno: 150");
        assert!(!shown.contains('…'), "{shown}");
        assert!(
            shown
                .lines()
                .all(|l| l.starts_with("    ") && l.len() <= STATEMENT_WIDTH)
        );
        let joined: Vec<&str> = shown.lines().map(str::trim).collect();
        assert_eq!(joined.join(" "), statement);
    }

    #[test]
    fn past_4_kb_the_start_and_the_named_clause_are_kept() {
        let columns: Vec<String> = (0..300)
            .map(|i| format!("`column_{i}` varchar(20)"))
            .collect();
        let statement = format!(
            "CREATE TABLE `users` ({}, CONSTRAINT `users_role_id_foreign` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`))",
            columns.join(", ")
        );
        assert!(statement.len() > STATEMENT_SHOWN_WHOLE);
        let message = "ERROR 1005 (HY000): Can't create table `test`.`users` (errno: 150 \"Foreign key constraint is incorrectly formed\")";
        let shown = shown_statement(&statement, message);
        assert!(
            shown.starts_with("    CREATE TABLE `users` (`column_0`"),
            "{shown}"
        );
        assert!(
            shown.contains("FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`))"),
            "{shown}"
        );
        assert!(shown.contains("\n    …\n"), "{shown}");
        assert!(shown.len() < STATEMENT_SHOWN_WHOLE + 200, "{}", shown.len());

        let near = "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual near 'BOGUS `column_299` varchar' at line 1";
        let broken = statement.replace("`column_299`", "BOGUS `column_299`");
        let shown = shown_statement(&broken, near);
        assert!(shown.contains("BOGUS `column_299`"), "{shown}");

        let unnamed = shown_statement(&statement, "something broke");
        assert!(unnamed.ends_with("\n    …"), "{unnamed}");
    }

    #[test]
    fn hex_is_two_lower_case_digits_per_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa0, 0xff]), "000fa0ff");
    }
}
