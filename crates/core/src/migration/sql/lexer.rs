//! The lexical rules of SQL text: where a string, a quoted identifier, a comment or a dollar
//! quote ends, by the rules of each dialect family (backslash escapes, `#` comments, nested
//! block comments, `E'...'` strings), and the words and lines between them.
//!
//! The statement splitter reads SQL text with it, and drivers that take SQL text apart (a
//! stored `CREATE TABLE`, a column default) use [`quoted_end`], [`block_comment_end`] and
//! [`is_word_byte`] so that they read quotes and comments as the splitter does.
//!
//! Every loop here counts its turns through `Lexer::turn`, so none runs longer than the text
//! has bytes: a loop that would is stopped, and the splitter reports it.

use std::cell::Cell;

use super::SqlFileError;

/// The SQL dialect whose lexical rules the splitter follows where dialects disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SqlDialect {
    /// PostgreSQL (with `standard_conforming_strings`, the default since 9.1): a backslash is an
    /// ordinary character in `'...'` and `"..."` (only `E'...'` strings have backslash escapes),
    /// `#` is an operator, block comments nest.
    Postgres,
    /// MySQL and MariaDB (default `sql_mode`): a backslash escapes the next character in `'...'`
    /// and `"..."`, `#` starts a comment anywhere, block comments do not nest.
    Mysql,
    /// SQLite: a backslash is an ordinary character, `#` is not a comment, block comments do not
    /// nest.
    Sqlite,
}

impl SqlDialect {
    /// The rules of the [`Family`](crate::dialect::Family) named `driver` (`postgres`,
    /// `mysql`, `sqlite`); `None` for other names. A dialect's own family is
    /// `dialect.info().family`, whatever its name: prefer
    /// [`Family::sql_dialect`](crate::dialect::Family::sql_dialect).
    pub fn from_driver(driver: &str) -> Option<Self> {
        crate::dialect::Family::from_name(driver).and_then(crate::dialect::Family::sql_dialect)
    }
}

/// The lexical rules on which the dialects disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rules {
    /// A backslash escapes the next character in `'...'` and `"..."` (MySQL).
    pub(super) backslash_escapes: bool,
    /// `#` starts a comment to the end of the line (MySQL).
    pub(super) hash_comments: bool,
    /// `/* ... */` comments nest (PostgreSQL).
    pub(super) nested_comments: bool,
    /// `E'...'` (backslash escapes) and `U&'...'` (none) strings (PostgreSQL).
    pub(super) prefixed_strings: bool,
}

impl Rules {
    pub(super) const POSTGRES: Self = Self {
        backslash_escapes: false,
        hash_comments: false,
        nested_comments: true,
        prefixed_strings: true,
    };
    pub(super) const MYSQL: Self = Self {
        backslash_escapes: true,
        hash_comments: true,
        nested_comments: false,
        prefixed_strings: false,
    };
    pub(super) const SQLITE: Self = Self {
        backslash_escapes: false,
        hash_comments: false,
        nested_comments: false,
        prefixed_strings: false,
    };

    pub(super) fn of(dialect: SqlDialect) -> Self {
        match dialect {
            SqlDialect::Postgres => Self::POSTGRES,
            SqlDialect::Mysql => Self::MYSQL,
            SqlDialect::Sqlite => Self::SQLITE,
        }
    }
}

/// Whether `byte` is a control character a SQL text may not hold: a C0 control other than
/// tab, line feed, carriage return and form feed. Databases read a NUL as the end of the text
/// (SQLite) or refuse the message (PostgreSQL), so such a file cannot run as written.
fn is_forbidden_control(byte: u8) -> bool {
    byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Fails at the first control character [`is_forbidden_control`] rejects, with its line.
pub(super) fn check_control_characters(text: &str) -> Result<(), SqlFileError> {
    let bytes = text.as_bytes();
    let Some(pos) = bytes.iter().position(|&b| is_forbidden_control(b)) else {
        return Ok(());
    };
    let line_start = bytes[..pos]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
    let column = 1 + text[line_start..pos].chars().count();
    let name = match bytes[pos] {
        0 => " (NUL)".to_string(),
        0x1b => " (ESC)".to_string(),
        _ => String::new(),
    };
    Err(SqlFileError::new(
        line,
        format!(
            "control character U+{:04X}{name} at column {column}; SQL may hold no control \
             characters other than tab, line feed, carriage return and form feed",
            bytes[pos]
        ),
    ))
}

/// Whether a word (a keyword or an unquoted name) may start with `b`.
pub(super) fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || !b.is_ascii()
}

/// Whether `b` may continue a word.
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || !b.is_ascii()
}

/// Whether `b` may continue the tag of a dollar quote (`$tag$`).
fn is_tag_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether the text after a `/*` makes it a MySQL (`/*!`) or MariaDB (`/*M!`) executable
/// comment.
pub(super) fn is_executable_comment(after_open: &[u8]) -> bool {
    matches!(after_open, [b'!', ..] | [b'M', b'!', ..])
}

/// The position after the quote closing the quoted text opened at `open` by `'`, `"` or
/// `` ` ``, read by `dialect`'s rules: a doubled quote is a quote, and in MySQL a backslash
/// escapes the next character in `'...'` and `"..."`. `None` when the text is unterminated or
/// no such quote is at `open`.
///
/// ```
/// use dbm_core::migration::sql::SqlDialect;
/// use dbm_core::migration::sql::lexer::quoted_end;
///
/// assert_eq!(quoted_end("'it''s' x", 0, SqlDialect::Sqlite), Some(7));
/// assert_eq!(quoted_end(r"'a\' b'", 0, SqlDialect::Mysql), Some(7));
/// assert_eq!(quoted_end(r"'a\' b'", 0, SqlDialect::Postgres), Some(4));
/// assert_eq!(quoted_end("'open", 0, SqlDialect::Sqlite), None);
/// ```
pub fn quoted_end(text: &str, open: usize, dialect: SqlDialect) -> Option<usize> {
    let lexer = Lexer::new(text, Rules::of(dialect));
    match text.as_bytes().get(open) {
        Some(&quote @ (b'\'' | b'"')) => {
            lexer.quote_end(open, quote, lexer.rules.backslash_escapes)
        }
        Some(b'`') => lexer.quote_end(open, b'`', false),
        _ => None,
    }
}

/// The position after the `*/` closing the block comment opened by the `/*` at `open`, read by
/// `dialect`'s rules (nested in PostgreSQL; elsewhere the first `*/` closes it). `None` when
/// the comment is unterminated or no `/*` is at `open`.
///
/// ```
/// use dbm_core::migration::sql::SqlDialect;
/// use dbm_core::migration::sql::lexer::block_comment_end;
///
/// let text = "/* a /* b */ c */";
/// assert_eq!(block_comment_end(text, 0, SqlDialect::Sqlite), Some(12));
/// assert_eq!(block_comment_end(text, 0, SqlDialect::Postgres), Some(17));
/// ```
pub fn block_comment_end(text: &str, open: usize, dialect: SqlDialect) -> Option<usize> {
    if text.as_bytes().get(open..open + 2) != Some(b"/*") {
        return None;
    }
    Lexer::new(text, Rules::of(dialect)).comment_end(open)
}

/// A SQL text read by one dialect's [`Rules`]. Every position it answers with is an ASCII
/// byte or the end of the text, so slicing `src` there is always on a character boundary.
pub(super) struct Lexer<'a> {
    /// The text.
    pub(super) src: &'a str,
    /// The text as bytes.
    pub(super) bytes: &'a [u8],
    /// The rules it is read by.
    pub(super) rules: Rules,
    /// The most turns any one loop has taken (see [`Lexer::turn`]).
    pub(super) most_turns: Cell<usize>,
    /// Where a loop was stopped for taking more turns than the text has bytes.
    pub(super) stalled: Cell<Option<usize>>,
}

impl<'a> Lexer<'a> {
    /// A lexer over `src` by `rules`.
    pub(super) fn new(src: &'a str, rules: Rules) -> Self {
        Self {
            src,
            bytes: src.as_bytes(),
            rules,
            most_turns: Cell::new(0),
            stalled: Cell::new(None),
        }
    }

    /// The end of the tag of a dollar quote (`$$` or `$tag$`) opened at `open`, after its
    /// second `$`; `None` when the `$` there opens none (as in `$1`).
    pub(super) fn dollar_tag_end(&self, open: usize) -> Option<usize> {
        match self.bytes.get(open + 1) {
            Some(b'$') => Some(open + 2),
            Some(&b) if b.is_ascii_alphabetic() || b == b'_' => {
                let end = self.scan_while(open + 1, is_tag_byte);
                (self.bytes.get(end) == Some(&b'$')).then_some(end + 1)
            }
            _ => None,
        }
    }

    /// The position after the dollar quote opened at `open`, whose tag ends at `tag_end` (see
    /// [`Lexer::dollar_tag_end`]): after the next occurrence of the same tag; `None` when there
    /// is none.
    pub(super) fn dollar_quote_end(&self, open: usize, tag_end: usize) -> Option<usize> {
        let tag = &self.src[open..tag_end];
        self.src[tag_end..]
            .find(tag)
            .map(|offset| tag_end + offset + tag.len())
    }

    /// When the word `start..end` prefixes a string (PostgreSQL's `E'...'`, with backslash
    /// escapes, and `U&'...'` / `U&"..."`, without, as `UESCAPE` may change the escape
    /// character): the position of its opening quote and whether a backslash escapes in it.
    pub(super) fn prefixed_string(&self, start: usize, end: usize) -> Option<(usize, bool)> {
        if !self.rules.prefixed_strings {
            return None;
        }
        let word = &self.bytes[start..end];
        match (word, self.bytes.get(end), self.bytes.get(end + 1)) {
            ([b'E' | b'e'], Some(b'\''), _) => Some((end, true)),
            ([b'U' | b'u'], Some(b'&'), Some(b'\'' | b'"')) => Some((end + 1, false)),
            _ => None,
        }
    }

    /// Counts one turn of a loop (`turns` is that loop's own count) and says whether it may
    /// go on. Every loop of the lexer and the splitter consumes input on each turn, so none takes more
    /// turns than the text has bytes, plus one; a loop that would is stopped at `pos` and the
    /// split fails, so the splitter ends on every input.
    pub(super) fn turn(&self, turns: &mut usize, pos: usize) -> bool {
        *turns += 1;
        self.most_turns.set(self.most_turns.get().max(*turns));
        let go_on = *turns <= self.bytes.len() + 1;
        if !go_on && self.stalled.get().is_none() {
            self.stalled.set(Some(pos.min(self.bytes.len())));
        }
        go_on
    }

    pub(super) fn line_of(&self, pos: usize) -> usize {
        1 + self.bytes[..pos].iter().filter(|&&b| b == b'\n').count()
    }

    pub(super) fn error(&self, pos: usize, message: impl Into<String>) -> SqlFileError {
        SqlFileError::new(self.line_of(pos), message)
    }

    pub(super) fn line_start(&self, pos: usize) -> usize {
        self.bytes[..pos]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
    }

    /// The position of the `\n` ending the line of `pos`, or the end of the text.
    pub(super) fn line_end(&self, pos: usize) -> usize {
        self.bytes[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.bytes.len(), |i| pos + i)
    }

    pub(super) fn first_on_line(&self, pos: usize) -> bool {
        self.bytes[self.line_start(pos)..pos]
            .iter()
            .all(u8::is_ascii_whitespace)
    }

    pub(super) fn scan_while(&self, mut pos: usize, accept: fn(u8) -> bool) -> usize {
        let mut turns = 0;
        while self.turn(&mut turns, pos) && self.bytes.get(pos).is_some_and(|&b| accept(b)) {
            pos += 1;
        }
        pos
    }

    /// The position after the whitespace and comments from `pos` (a `/*!` executable comment
    /// is code, so it stops there; so does an unterminated comment).
    pub(super) fn skip_blank(&self, mut pos: usize) -> usize {
        let mut turns = 0;
        while self.turn(&mut turns, pos) {
            match self.bytes.get(pos..).unwrap_or_default() {
                [b, ..] if b.is_ascii_whitespace() => pos += 1,
                [b'-', b'-', ..] => pos = self.line_end(pos),
                [b'#', ..] if self.rules.hash_comments => pos = self.line_end(pos),
                [b'/', b'*', rest @ ..] if !is_executable_comment(rest) => {
                    match self.comment_end(pos) {
                        Some(end) => pos = end,
                        None => return pos,
                    }
                }
                _ => return pos,
            }
        }
        pos
    }

    /// The end of the word starting at `pos` (`pos` itself when no word starts there).
    pub(super) fn word_end(&self, pos: usize) -> usize {
        match self.bytes.get(pos) {
            Some(&b) if is_word_start(b) => self.scan_while(pos, is_word_byte),
            _ => pos,
        }
    }

    /// When the word at `*pos` is `word`, moves `*pos` past it and the blanks after it.
    pub(super) fn eat_word(&self, pos: &mut usize, word: &str) -> bool {
        let end = self.word_end(*pos);
        let found = self.bytes[*pos..end].eq_ignore_ascii_case(word.as_bytes());
        if found {
            *pos = self.skip_blank(end);
        }
        found
    }

    /// The word after the whitespace from `pos`: its start and end (equal when there is none).
    pub(super) fn next_word(&self, pos: usize) -> (usize, usize) {
        let start = self.scan_while(pos, |b| b.is_ascii_whitespace());
        (start, self.word_end(start))
    }

    /// The position after the closing quote of the quoted text opened at `open`, or `None`
    /// when it is unterminated.
    pub(super) fn quote_end(&self, open: usize, quote: u8, backslash: bool) -> Option<usize> {
        let mut i = open + 1;
        let mut turns = 0;
        while self.turn(&mut turns, i) {
            match self.bytes.get(i) {
                None => return None,
                Some(b'\\') if backslash => i += 2,
                Some(&b) if b == quote => {
                    if self.bytes.get(i + 1) == Some(&quote) {
                        i += 2;
                    } else {
                        return Some(i + 1);
                    }
                }
                Some(_) => i += 1,
            }
        }
        None
    }

    /// The position after the `*/` closing the block comment opened at `open`, or `None` when it
    /// is unterminated. Where comments nest, each `/*` inside opens one more; elsewhere the
    /// first `*/` after the opening `/*` closes it (`/*/*/` is one comment).
    pub(super) fn comment_end(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut i = open;
        let mut turns = 0;
        while self.turn(&mut turns, i) {
            match (self.bytes.get(i)?, self.bytes.get(i + 1)) {
                (b'/', Some(b'*')) if depth == 0 || self.rules.nested_comments => {
                    depth += 1;
                    i += 2;
                }
                (b'*', Some(b'/')) => {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => i += 1,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migration::sql::*;

    fn split(sql: &str) -> Vec<String> {
        match split_statements(sql) {
            Ok(statements) => statements,
            Err(e) => panic!("unexpected split error: {e}"),
        }
    }

    fn split_for(sql: &str, dialect: SqlDialect) -> Vec<String> {
        match split_statements_for(sql, dialect) {
            Ok(statements) => statements,
            Err(e) => panic!("unexpected split error ({dialect:?}): {e}"),
        }
    }

    fn split_err(sql: &str) -> SqlFileError {
        match split_statements(sql) {
            Ok(statements) => panic!("expected an error, got {statements:?}"),
            Err(e) => e,
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn doubled_single_quotes_do_not_end_a_string() {
        assert_eq!(
            split("INSERT INTO t VALUES ('it''s; fine');SELECT ''';'''"),
            strings(&["INSERT INTO t VALUES ('it''s; fine')", "SELECT ''';'''"])
        );
    }

    #[test]
    fn e_strings_escape_quotes_with_a_backslash() {
        assert_eq!(
            split(r"SELECT E'\'';SELECT e'it\'s; ok';SELECT 3"),
            strings(&[r"SELECT E'\''", r"SELECT e'it\'s; ok'", "SELECT 3"])
        );
    }

    #[test]
    fn unicode_escape_strings_do_not_treat_backslash_as_a_quote_escape() {
        assert_eq!(
            split(r#"SELECT U&'d\0061t;a', U&"a;b";SELECT U&'x\' UESCAPE '!';SELECT 2"#),
            strings(&[
                r#"SELECT U&'d\0061t;a', U&"a;b""#,
                r"SELECT U&'x\' UESCAPE '!'",
                "SELECT 2"
            ])
        );
    }

    #[test]
    fn mysql_backslash_escapes_in_plain_strings_do_not_break_splitting() {
        assert_eq!(
            split(r#"INSERT INTO t VALUES ('it\'s; x', "say \"hi\"; ok", 'a\\');SELECT 2"#),
            strings(&[
                r#"INSERT INTO t VALUES ('it\'s; x', "say \"hi\"; ok", 'a\\')"#,
                "SELECT 2"
            ])
        );
    }

    #[test]
    fn double_quoted_identifiers_allow_doubled_quotes() {
        assert_eq!(
            split(r#"CREATE TABLE "a""b;c" (x int);SELECT 2"#),
            strings(&[r#"CREATE TABLE "a""b;c" (x int)"#, "SELECT 2"])
        );
    }

    #[test]
    fn backtick_identifiers_allow_doubled_backticks() {
        assert_eq!(
            split("CREATE TABLE `a``;b` (`x\\` int);SELECT 2"),
            strings(&["CREATE TABLE `a``;b` (`x\\` int)", "SELECT 2"])
        );
    }

    #[test]
    fn line_comments_hide_semicolons() {
        assert_eq!(
            split("SELECT 1 -- not; a split\n;SELECT 2"),
            strings(&["SELECT 1 -- not; a split", "SELECT 2"])
        );
    }

    #[test]
    fn hash_comments_at_the_start_of_a_line_hide_semicolons() {
        assert_eq!(
            split("# MySQL; comment\nSELECT 1\n  # also; here\n;SELECT 2"),
            strings(&["# MySQL; comment\nSELECT 1\n  # also; here", "SELECT 2"])
        );
    }

    #[test]
    fn hash_is_an_operator_in_postgres_and_a_comment_anywhere_in_mysql() {
        let sql = "SELECT 5 # 3;SELECT 2";
        assert_eq!(
            split_for(sql, SqlDialect::Postgres),
            strings(&["SELECT 5 # 3", "SELECT 2"])
        );
        assert_eq!(
            split_for(sql, SqlDialect::Sqlite),
            split_for(sql, SqlDialect::Postgres)
        );
        assert_eq!(
            split_for(sql, SqlDialect::Mysql),
            strings(&["SELECT 5 # 3;SELECT 2"])
        );
    }

    #[test]
    fn a_mysql_comment_at_the_end_of_a_line_may_hold_quotes_and_semicolons() {
        let sql = "CREATE TABLE `t` (\n  `a` int, # can't exceed a day; checked below\n  `b` int\n);\nSELECT 2";
        let expected = strings(&[
            "CREATE TABLE `t` (\n  `a` int, # can't exceed a day; checked below\n  `b` int\n)",
            "SELECT 2",
        ]);
        assert_eq!(split(sql), expected);
        assert_eq!(split_for(sql, SqlDialect::Mysql), expected);
        // without the quote both readings split, and the MySQL signs decide
        let sql = "CREATE TABLE `t` (`a` int # see the docs; it is fine\n);SELECT 2";
        assert_eq!(
            split(sql),
            strings(&[
                "CREATE TABLE `t` (`a` int # see the docs; it is fine\n)",
                "SELECT 2"
            ])
        );
    }

    #[test]
    fn nested_block_comments_hide_semicolons() {
        assert_eq!(
            split("SELECT /* a /* b; */ c; */ 1;SELECT 2"),
            strings(&["SELECT /* a /* b; */ c; */ 1", "SELECT 2"])
        );
    }

    #[test]
    fn a_postgres_function_in_dollar_quotes_is_one_statement() {
        let f = "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  NEW.x := 1;\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql";
        assert_eq!(
            split(&format!("{f};\nSELECT 2;")),
            strings(&[f, "SELECT 2"])
        );
    }

    #[test]
    fn a_tagged_dollar_quote_may_contain_other_dollar_quotes() {
        let f = "CREATE FUNCTION g() RETURNS void AS $body$\nBEGIN\n  EXECUTE $$SELECT 1; SELECT 2$$;\nEND\n$body$ LANGUAGE plpgsql";
        assert_eq!(split(&format!("{f};SELECT 3")), strings(&[f, "SELECT 3"]));
    }

    #[test]
    fn positional_parameters_are_not_dollar_quotes() {
        assert_eq!(
            split("PREPARE q (int) AS SELECT $1;EXECUTE q(1);SELECT $2"),
            strings(&["PREPARE q (int) AS SELECT $1", "EXECUTE q(1)", "SELECT $2"])
        );
    }

    #[test]
    fn identifiers_containing_dollars_are_not_dollar_quotes() {
        assert_eq!(
            split("SELECT a$b$ FROM t;SELECT 2"),
            strings(&["SELECT a$b$ FROM t", "SELECT 2"])
        );
    }

    #[test]
    fn an_unterminated_single_quoted_string_is_an_error_at_its_start() {
        assert_eq!(
            split_err("SELECT 1;\nSELECT 'abc;\n\nSELECT 2;"),
            SqlFileError::new(2, "unterminated string literal `'...'`")
        );
    }

    #[test]
    fn a_plain_string_ending_in_a_backslash_ends_there_except_in_mysql() {
        let sql = r"SELECT 'C:\';SELECT 2";
        let standard = strings(&[r"SELECT 'C:\'", "SELECT 2"]);
        assert_eq!(split(sql), standard);
        assert_eq!(split_for(sql, SqlDialect::Postgres), standard);
        assert_eq!(split_for(sql, SqlDialect::Sqlite), standard);
        assert_eq!(
            split_statements_for(r"SELECT 'C:\';", SqlDialect::Mysql)
                .expect_err("unterminated in MySQL")
                .line,
            1
        );
    }

    #[test]
    fn mysql_double_quoted_strings_have_backslash_escapes_only_in_mysql() {
        let sql = r#"SELECT "a\";SELECT 2"#;
        assert_eq!(
            split_for(sql, SqlDialect::Postgres),
            strings(&[r#"SELECT "a\""#, "SELECT 2"])
        );
        assert!(split_statements_for(sql, SqlDialect::Mysql).is_err());
    }

    #[test]
    fn dialects_of_driver_names() {
        assert_eq!(
            SqlDialect::from_driver("postgres"),
            Some(SqlDialect::Postgres)
        );
        assert_eq!(SqlDialect::from_driver("mysql"), Some(SqlDialect::Mysql));
        assert_eq!(SqlDialect::from_driver("sqlite"), Some(SqlDialect::Sqlite));
        assert_eq!(SqlDialect::from_driver("oracle"), None);
    }

    #[test]
    fn an_unterminated_e_string_is_an_error_at_its_start() {
        assert_eq!(split_err("\n\nSELECT E'\\';").line, 3);
    }

    #[test]
    fn an_unterminated_quoted_identifier_is_an_error_at_its_start() {
        assert_eq!(
            split_err("\nSELECT \"abc;\nSELECT 2;"),
            SqlFileError::new(2, "unterminated quoted identifier or string `\"...\"`")
        );
        assert_eq!(
            split_err("SELECT 1;\n\n\nSELECT `abc;"),
            SqlFileError::new(4, "unterminated quoted identifier `` `...` ``")
        );
    }

    #[test]
    fn an_unterminated_block_comment_is_an_error_at_its_start() {
        assert_eq!(
            split_err("SELECT 1;\n/* a /* b;\nSELECT 2;"),
            SqlFileError::new(2, "unterminated block comment `/* ... */`")
        );
        // nested in PostgreSQL, so the first `*/` closes only the inner comment
        assert_eq!(
            split_statements_for("SELECT 1;\n/* a /* b */\nSELECT 2;", SqlDialect::Postgres),
            Err(SqlFileError::new(
                2,
                "unterminated block comment `/* ... */`"
            ))
        );
    }

    #[test]
    fn block_comments_do_not_nest_in_mysql_and_sqlite() {
        let sql = "SELECT 1;\n/* files under /api/* only; */\nSELECT 2;";
        let expected = strings(&["SELECT 1", "/* files under /api/* only; */\nSELECT 2"]);
        assert_eq!(split_for(sql, SqlDialect::Mysql), expected);
        assert_eq!(split_for(sql, SqlDialect::Sqlite), expected);
        assert_eq!(split(sql), expected);
    }

    #[test]
    fn where_comments_do_not_nest_a_slash_star_inside_one_does_not_hide_its_end() {
        // `/*/` inside a comment: its `*` is also the start of the closing `*/`.
        let sql = "/* a /*/ SELECT 1;\n/*/*/ SELECT 2;";
        let expected = strings(&["/* a /*/ SELECT 1", "/*/*/ SELECT 2"]);
        assert_eq!(split_for(sql, SqlDialect::Mysql), expected);
        assert_eq!(split_for(sql, SqlDialect::Sqlite), expected);
    }

    #[test]
    fn an_unterminated_dollar_quote_is_an_error_at_its_start() {
        assert_eq!(
            split_err("SELECT 1;\nDO $body$ BEGIN NULL; END $$;"),
            SqlFileError::new(2, "unterminated dollar-quoted string (no closing `$body$`)")
        );
    }

    #[test]
    fn non_ascii_text_is_kept_intact() {
        assert_eq!(
            split("INSERT INTO tür VALUES ('é;ü');SELECT 'ß'"),
            strings(&["INSERT INTO tür VALUES ('é;ü')", "SELECT 'ß'"])
        );
    }
}
