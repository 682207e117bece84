//! A small lexer for SQLite's SQL text, enough to take stored `CREATE TABLE`, `CREATE INDEX`
//! and `CREATE TRIGGER` statements apart.
//!
//! It knows SQLite's lexical rules: `'...'` strings with `''`, identifiers quoted with `"..."`,
//! `` `...` `` or `[...]`, `--` and `/* */` comments (not nested, as in SQLite). Quotes, block
//! comments and words end where dbm-core's SQL lexer says, by SQLite's rules, so this reads
//! them as the migration splitter does. Comments and whitespace produce no token; every token
//! keeps its byte span in the source, so callers can cut the original text (comments included)
//! at token boundaries.

use dbm_core::migration::sql::SqlDialect;
use dbm_core::migration::sql::lexer::{block_comment_end, is_word_byte, quoted_end};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A bare word: a keyword or an unquoted identifier.
    Word,
    /// A quoted identifier (`"x"`, `` `x` ``, `[x]`).
    Quoted,
    /// A string literal (`'x'`).
    Str,
    /// A number.
    Number,
    /// Any other single character (`(`, `)`, `,`, `;`, `.`, operators).
    Punct(char),
}

/// One token: its kind and its byte span in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub kind: Kind,
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }

    /// True when the token is the bare word `word` (case-insensitive).
    pub fn is_word(&self, src: &str, word: &str) -> bool {
        self.kind == Kind::Word && self.text(src).eq_ignore_ascii_case(word)
    }

    /// True when the token is the punctuation `c`.
    pub fn is(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// The identifier the token names, unquoted, when it is a word or a quoted identifier
    /// (a string literal counts too: SQLite accepts `'x'` where it expects a name).
    pub fn ident(&self, src: &str) -> Option<String> {
        let text = self.text(src);
        match self.kind {
            Kind::Word => Some(text.to_string()),
            Kind::Quoted | Kind::Str => Some(unquote(text)),
            _ => None,
        }
    }
}

/// Removes the quotes of a quoted identifier or string and undoes the doubling inside.
pub(crate) fn unquote(text: &str) -> String {
    let mut chars = text.chars();
    let (Some(open), Some(close)) = (chars.next(), chars.next_back()) else {
        return text.to_string();
    };
    let inner = chars.as_str();
    match (open, close) {
        ('"', '"') => inner.replace("\"\"", "\""),
        ('`', '`') => inner.replace("``", "`"),
        ('\'', '\'') => inner.replace("''", "'"),
        ('[', ']') => inner.to_string(),
        _ => text.to_string(),
    }
}

/// Splits SQL text into tokens, skipping whitespace and comments.
///
/// An unterminated string, quoted identifier or comment runs to the end of the text (the
/// text came from `sqlite_master`, where SQLite already parsed it).
pub(crate) fn tokenize(src: &str) -> Vec<Token> {
    let bytes = src.as_bytes();
    let mut tokens = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let start = pos;
        let b = bytes[pos];
        let kind = match b {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => {
                pos += 1;
                continue;
            }
            b'-' if bytes.get(pos + 1) == Some(&b'-') => {
                pos = find_from(bytes, pos + 2, b"\n").map_or(bytes.len(), |p| p + 1);
                continue;
            }
            b'/' if bytes.get(pos + 1) == Some(&b'*') => {
                pos = block_comment_end(src, pos, SqlDialect::Sqlite).unwrap_or(bytes.len());
                continue;
            }
            b'\'' => {
                pos = quoted_end(src, pos, SqlDialect::Sqlite).unwrap_or(bytes.len());
                Kind::Str
            }
            b'"' | b'`' => {
                pos = quoted_end(src, pos, SqlDialect::Sqlite).unwrap_or(bytes.len());
                Kind::Quoted
            }
            b'[' => {
                pos = find_from(bytes, pos + 1, b"]").map_or(bytes.len(), |p| p + 1);
                Kind::Quoted
            }
            b'0'..=b'9' => {
                pos = number_end(bytes, pos);
                Kind::Number
            }
            b'.' if bytes.get(pos + 1).is_some_and(u8::is_ascii_digit) => {
                pos = number_end(bytes, pos);
                Kind::Number
            }
            _ if is_word_byte(b) => {
                while pos < bytes.len() && is_word_byte(bytes[pos]) {
                    pos += 1;
                }
                Kind::Word
            }
            _ => {
                let c = src[pos..].chars().next().unwrap_or('\0');
                pos += c.len_utf8().max(1);
                Kind::Punct(c)
            }
        };
        tokens.push(Token {
            kind,
            start,
            end: pos,
        });
    }
    tokens
}

fn find_from(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn number_end(bytes: &[u8], start: usize) -> usize {
    let mut pos = start;
    while pos < bytes.len() {
        let b = bytes[pos];
        let exponent_sign =
            (b == b'+' || b == b'-') && matches!(bytes.get(pos - 1), Some(b'e' | b'E'));
        if b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || exponent_sign {
            pos += 1;
        } else {
            break;
        }
    }
    pos
}

/// Splits `tokens` at the commas of nesting depth zero; each group is a range of token
/// indexes.
pub(crate) fn split_top_level_commas(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut groups = Vec::new();
    let mut depth = 0usize;
    let mut first = 0;
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            Kind::Punct('(') => depth += 1,
            Kind::Punct(')') => depth = depth.saturating_sub(1),
            Kind::Punct(',') if depth == 0 => {
                groups.push(first..i);
                first = i + 1;
            }
            _ => {}
        }
    }
    groups.push(first..tokens.len());
    groups
}

/// The index of the `)` that closes the `(` at `open`, if any.
pub(crate) fn matching_paren(tokens: &[Token], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token.kind {
            Kind::Punct('(') => depth += 1,
            Kind::Punct(')') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The names of a parenthesized list of columns starting at the `(` token `open`
/// (`("a", b COLLATE NOCASE, "c" DESC)` → `a`, `b`, `c`): the first token of each element.
pub(crate) fn column_list(src: &str, tokens: &[Token], open: usize) -> Vec<String> {
    let Some(close) = matching_paren(tokens, open) else {
        return Vec::new();
    };
    let inner = &tokens[open + 1..close];
    split_top_level_commas(inner)
        .into_iter()
        .filter_map(|range| inner.get(range.start).and_then(|t| t.ident(src)))
        .collect()
}

/// True when two SQLite identifiers are the same name (SQLite compares ASCII case-insensitively).
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// True when an identifier token (quoted or bare, not followed by `(`: not a function call)
/// of `tokens` names `column`.
pub(crate) fn mentions(src: &str, tokens: &[Token], column: &str) -> bool {
    tokens.iter().enumerate().any(|(i, token)| {
        matches!(token.kind, Kind::Word | Kind::Quoted)
            && token
                .ident(src)
                .is_some_and(|name| same_name(&name, column))
            && !tokens.get(i + 1).is_some_and(|next| next.is('('))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<&str> {
        tokenize(src).iter().map(|t| t.text(src)).collect()
    }

    #[test]
    fn tokens_skip_comments_and_keep_quoted_text_whole() {
        let src = "CREATE TABLE \"a \"\"b\" (x 'it''s, ok' -- c, d\n /* e, f */ [g h], `i`)";
        assert_eq!(
            texts(src),
            vec![
                "CREATE",
                "TABLE",
                "\"a \"\"b\"",
                "(",
                "x",
                "'it''s, ok'",
                "[g h]",
                ",",
                "`i`",
                ")"
            ]
        );
    }

    #[test]
    fn comments_end_at_the_first_star_slash_and_backslashes_are_plain() {
        let src = "a /*/ b */ c /*/*/ d 'e\\' f \"g\\\" h 'open";
        assert_eq!(
            texts(src),
            vec!["a", "c", "d", "'e\\'", "f", "\"g\\\"", "h", "'open"]
        );
    }

    #[test]
    fn unquote_undoes_each_quoting_style() {
        assert_eq!(unquote("\"a \"\"b\""), "a \"b");
        assert_eq!(unquote("`a``b`"), "a`b");
        assert_eq!(unquote("[a b]"), "a b");
        assert_eq!(unquote("'it''s'"), "it's");
        assert_eq!(unquote("plain"), "plain");
    }

    #[test]
    fn numbers_with_exponents_and_decimals_are_one_token() {
        assert_eq!(texts("1.5e-3 + .5"), vec!["1.5e-3", "+", ".5"]);
    }

    #[test]
    fn top_level_commas_ignore_commas_inside_parentheses() {
        let src = "a decimal(8, 2), CHECK (a IN (1, 2)), b";
        let tokens = tokenize(src);
        let groups = split_top_level_commas(&tokens);
        assert_eq!(groups.len(), 3);
    }

    #[test]
    fn column_lists_take_the_first_token_of_each_element() {
        let src = "(\"a\", b COLLATE NOCASE, [c] DESC)";
        let tokens = tokenize(src);
        assert_eq!(column_list(src, &tokens, 0), vec!["a", "b", "c"]);
    }

    #[test]
    fn mentions_ignores_function_names() {
        let src = "CHECK (length(name) > 0)";
        let tokens = tokenize(src);
        assert!(mentions(src, &tokens, "NAME"));
        assert!(!mentions(src, &tokens, "length"));
    }
}
