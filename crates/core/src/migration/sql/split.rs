//! The statement splitter: cuts SQL text into statements at the `;` that are at top level,
//! reading strings, comments and quotes with the [`super::lexer`] and keeping `BEGIN ATOMIC`
//! bodies, trigger and routine blocks and fences whole.

use super::SqlFileError;
use super::directive::{Directive, parse_directive};
use super::guess::{MYSQL_WORDS, Markers, POSTGRES_WORDS, guess};
use super::lexer::{
    Lexer, Rules, SqlDialect, check_control_characters, is_executable_comment, is_word_byte,
    is_word_start,
};

/// Splits SQL text into statements at the `;` that are at top level.
///
/// Each statement is the text between two splits, trimmed, without its `;`; comments inside it
/// are kept verbatim, so a statement may end with a `--` comment (code that joins statements
/// again must put a newline before each `;`). Statements holding only whitespace and comments
/// are dropped; a last statement without `;` is a statement. What the splitter understands:
///
/// - `'...'` strings with `''` doubling; in MySQL a backslash also escapes the next character
///   (`'it\'s'`), in PostgreSQL and SQLite it is an ordinary character (`'C:\'`).
/// - PostgreSQL's `E'...'` strings (backslash escapes) and `U&'...'` / `U&"..."` (no backslash
///   escapes, as `UESCAPE` may change the escape character).
/// - `"..."` identifiers (MySQL strings, with backslash escapes there) with `""` doubling, and
///   MySQL `` `...` `` identifiers with ``` `` ``` doubling.
/// - `--` comments to the end of the line; MySQL's `#` comments to the end of the line
///   (elsewhere `#` is an operator); `/* ... */` comments, nested in PostgreSQL. A MySQL
///   executable comment `/*! ... */` or `/*M! ... */` counts as code, not as a comment.
/// - PostgreSQL dollar quoting, `$$ ... $$` and `$tag$ ... $tag$` with a tag matching
///   `[A-Za-z_][A-Za-z0-9_]*`; `$1` is a parameter and `a$b$` an identifier, not quotes.
/// - SQL-standard bodies: after the words `BEGIN ATOMIC`, `;` does not split until the matching
///   `END` (counting the `CASE ... END` inside).
/// - SQLite and MySQL trigger and routine bodies: in a statement that starts with
///   `CREATE [OR REPLACE] [TEMP | TEMPORARY] [DEFINER = user] [IF NOT EXISTS]` and then
///   `TRIGGER`, `PROCEDURE`, `FUNCTION` or `EVENT`, the words `BEGIN` and `CASE` open a block and
///   `END` closes one, except `END IF`, `END LOOP`, `END WHILE` and `END REPEAT`, which close
///   constructs that opened none (`END CASE` closes its `CASE`); `;` does not split inside a
///   block. A word right after a `.` (`NEW.end`) is a name, not a keyword. A PostgreSQL body
///   is dollar-quoted or `BEGIN ATOMIC`, and a trigger without `BEGIN` ends at its first `;`.
/// - Fences: the lines between a `-- dbm:statement-begin` line and a `-- dbm:statement-end`
///   line are one statement, verbatim (for anything the rules above get wrong). A fence also
///   ends the statement before it.
///
/// This function does not know the dialect, so it guesses it: it reads the text by
/// PostgreSQL's rules and by MySQL's (SQLite's agree with PostgreSQL's on real files) and keeps
/// the reading that splits without an error; when both do and they differ, MySQL's only when
/// the text shows more signs of MySQL (backtick identifiers, `#` comments, `/*!` comments,
/// `@variables`, `ENGINE`, `AUTO_INCREMENT`, `UNSIGNED`) than of PostgreSQL (dollar quotes,
/// `E'...'` and `U&'...'` strings, `::` casts, `CONCURRENTLY`, `PLPGSQL`, `RETURNING`, `ILIKE`,
/// `SERIAL`, `BIGSERIAL`, `JSONB`, `TIMESTAMPTZ`, `BYTEA`). [`split_statements_for`] follows
/// the rules of a known dialect and guesses nothing.
///
/// # Errors
///
/// An unterminated string, quoted identifier, block comment, dollar quote, `BEGIN ATOMIC` body
/// or fence, with the line where it starts; an unterminated trigger or routine block, with the
/// line of its `CREATE`; a `-- dbm:statement-end` without a fence open; a fence inside a fence;
/// a mysql client `DELIMITER` command, which is not SQL (fence the statement instead); a
/// misspelt fence line; and a control character other than tab, line feed, carriage return and
/// form feed.
pub fn split_statements(sql: &str) -> Result<Vec<String>, SqlFileError> {
    check_control_characters(sql)?;
    guess(sql, |rules| split_with(sql, rules))
}

/// [`split_statements`] by the rules of a known dialect.
///
/// # Errors
///
/// As [`split_statements`].
pub fn split_statements_for(sql: &str, dialect: SqlDialect) -> Result<Vec<String>, SqlFileError> {
    check_control_characters(sql)?;
    split_with(sql, Rules::of(dialect)).0
}

pub(super) fn split_with(sql: &str, rules: Rules) -> (Result<Vec<String>, SqlFileError>, Markers) {
    let mut splitter = Splitter::new(sql, rules);
    let result = splitter.run();
    (result, splitter.markers)
}

/// A `CREATE TRIGGER`, `PROCEDURE`, `FUNCTION` or `EVENT` statement being split.
#[derive(Debug, Clone, Copy)]
struct Routine {
    /// The position of its `CREATE`.
    create: usize,
    /// What it creates, upper case, for the error message.
    kind: &'static str,
    /// The `BEGIN` and `CASE` blocks open, not counting a `BEGIN ATOMIC` body.
    depth: usize,
}

/// The statement splitter's state. Every position it cuts at is an ASCII byte, so slicing
/// `src` there is always on a character boundary.
struct Splitter<'a> {
    lex: Lexer<'a>,
    markers: Markers,
    pos: usize,
    /// Where the current statement starts.
    start: usize,
    /// Whether the current statement has anything but whitespace and comments.
    has_code: bool,
    /// The position of a `BEGIN` word that was the last token.
    after_begin: Option<usize>,
    /// Inside a `BEGIN ATOMIC` body: the position of its `BEGIN` and the `END`s still due.
    atomic: Option<(usize, usize)>,
    /// Inside a `CREATE TRIGGER`, `PROCEDURE`, `FUNCTION` or `EVENT` statement.
    routine: Option<Routine>,
    out: Vec<String>,
}

impl<'a> Splitter<'a> {
    fn new(sql: &'a str, rules: Rules) -> Self {
        Self {
            lex: Lexer::new(sql, rules),
            markers: Markers::default(),
            pos: 0,
            start: 0,
            has_code: false,
            after_begin: None,
            atomic: None,
            routine: None,
            out: Vec::new(),
        }
    }

    fn run(&mut self) -> Result<Vec<String>, SqlFileError> {
        let result = self.statements();
        match self.lex.stalled.get() {
            Some(pos) => Err(self.lex.error(
                pos,
                "the statement splitter made no progress here; this is a bug in dbm, please \
                 report it with this file",
            )),
            None => result,
        }
    }

    fn statements(&mut self) -> Result<Vec<String>, SqlFileError> {
        let mut turns = 0;
        while self.lex.turn(&mut turns, self.pos)
            && self.lex.stalled.get().is_none()
            && let Some(&b) = self.lex.bytes.get(self.pos)
        {
            match b {
                b'\'' | b'"' | b'`' => {
                    self.code();
                    if b == b'`' {
                        self.markers.mysql += 1;
                    }
                    self.quoted(self.pos, b, b != b'`' && self.lex.rules.backslash_escapes)?;
                }
                b'-' if self.peek(1) == Some(b'-') => self.line_comment()?,
                b'#' if self.lex.rules.hash_comments => {
                    if self.peek(1).is_none_or(|n| n.is_ascii_whitespace()) {
                        self.markers.mysql += 1;
                    }
                    self.pos = self.lex.line_end(self.pos);
                }
                b'/' if self.peek(1) == Some(b'*') => self.block_comment()?,
                b'$' => self.dollar()?,
                b':' if self.peek(1) == Some(b':') => {
                    self.code();
                    self.markers.postgres += 1;
                    self.pos += 2;
                }
                b'@' if self.peek(1).is_some_and(is_word_start) => {
                    self.code();
                    self.markers.mysql += 1;
                    self.pos += 1;
                }
                b';' if self.atomic.is_none() && self.routine.is_none_or(|r| r.depth == 0) => {
                    self.flush(self.pos);
                    self.pos += 1;
                    self.start = self.pos;
                }
                _ if is_word_start(b) => self.word()?,
                _ if b.is_ascii_digit() => {
                    self.code();
                    self.pos = self.lex.scan_while(self.pos, is_word_byte);
                }
                _ if b.is_ascii_whitespace() => self.pos += 1,
                _ => {
                    self.code();
                    self.pos += 1;
                }
            }
        }
        self.check_blocks_closed()?;
        self.flush(self.lex.bytes.len());
        Ok(std::mem::take(&mut self.out))
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.lex.bytes.get(self.pos + ahead).copied()
    }

    /// Marks the current statement as holding code (not only comments).
    fn code(&mut self) {
        self.has_code = true;
        self.after_begin = None;
    }

    fn push(&mut self, text: &str) {
        let text = text.trim();
        if !text.is_empty() {
            self.out.push(text.to_owned());
        }
    }

    /// Ends the current statement at `end`, keeping it if it holds code.
    fn flush(&mut self, end: usize) {
        if self.has_code {
            self.push(&self.lex.src[self.start..end]);
        }
        self.has_code = false;
        self.after_begin = None;
        self.routine = None;
    }

    /// Fails when the current statement has a `BEGIN ATOMIC` body or a trigger or routine block
    /// still open.
    fn check_blocks_closed(&self) -> Result<(), SqlFileError> {
        if let Some((begin, _)) = self.atomic {
            return Err(self.lex.error(
                begin,
                "unterminated `BEGIN ATOMIC` body (no matching `END`)",
            ));
        }
        match self.routine {
            Some(Routine {
                create,
                kind,
                depth: 1..,
            }) => Err(self.lex.error(
                create,
                format!(
                    "unterminated `CREATE {kind}` body (a `BEGIN` or `CASE` has no matching \
                     `END`)"
                ),
            )),
            _ => Ok(()),
        }
    }

    /// Moves `*pos` past one part of a MySQL account name (`root`, `'root'`, `` `%` ``,
    /// `localhost`, `CURRENT_USER()`) and the blanks after it; `false` when none is there.
    fn eat_account_part(&self, pos: &mut usize) -> bool {
        let end = match self.lex.bytes.get(*pos) {
            Some(&quote @ (b'\'' | b'"' | b'`')) => {
                match self.lex.quote_end(*pos, quote, quote != b'`') {
                    Some(end) => end,
                    None => return false,
                }
            }
            _ => {
                let end = self
                    .lex
                    .scan_while(*pos, |b| is_word_byte(b) || matches!(b, b'%' | b'.' | b':'));
                if self.lex.bytes.get(end..end + 2) == Some(b"()") {
                    end + 2
                } else {
                    end
                }
            }
        };
        if end == *pos {
            return false;
        }
        *pos = self.lex.skip_blank(end);
        true
    }

    /// What the statement whose `CREATE` ends at `pos` creates, when it is one whose body may
    /// hold `BEGIN ... END` blocks: `CREATE [OR REPLACE] [TEMP | TEMPORARY] [DEFINER = user]
    /// [IF NOT EXISTS] (TRIGGER | PROCEDURE | FUNCTION | EVENT)`.
    fn routine_kind(&self, pos: usize) -> Option<&'static str> {
        let mut pos = self.lex.skip_blank(pos);
        if self.lex.eat_word(&mut pos, "OR") && !self.lex.eat_word(&mut pos, "REPLACE") {
            return None;
        }
        let _ = self.lex.eat_word(&mut pos, "TEMP") || self.lex.eat_word(&mut pos, "TEMPORARY");
        if self.lex.eat_word(&mut pos, "DEFINER") {
            if self.lex.bytes.get(pos) != Some(&b'=') {
                return None;
            }
            pos = self.lex.skip_blank(pos + 1);
            if !self.eat_account_part(&mut pos) {
                return None;
            }
            if self.lex.bytes.get(pos) == Some(&b'@') {
                pos = self.lex.skip_blank(pos + 1);
                if !self.eat_account_part(&mut pos) {
                    return None;
                }
            }
        }
        if self.lex.eat_word(&mut pos, "IF")
            && !(self.lex.eat_word(&mut pos, "NOT") && self.lex.eat_word(&mut pos, "EXISTS"))
        {
            return None;
        }
        ["TRIGGER", "PROCEDURE", "FUNCTION", "EVENT"]
            .into_iter()
            .find(|kind| self.lex.eat_word(&mut pos, kind))
    }

    /// Skips a quoted string or identifier whose opening quote is at `open`.
    fn quoted(&mut self, open: usize, quote: u8, backslash: bool) -> Result<(), SqlFileError> {
        match self.lex.quote_end(open, quote, backslash) {
            Some(end) => {
                self.pos = end;
                Ok(())
            }
            None => {
                let what = match quote {
                    b'\'' => "string literal `'...'`",
                    b'"' => "quoted identifier or string `\"...\"`",
                    _ => "quoted identifier `` `...` ``",
                };
                Err(self.lex.error(open, format!("unterminated {what}")))
            }
        }
    }

    /// A `--` comment, or a fence line.
    fn line_comment(&mut self) -> Result<(), SqlFileError> {
        let line_start = self.lex.line_start(self.pos);
        let line_end = self.lex.line_end(self.pos);
        if self.lex.first_on_line(self.pos) {
            match parse_directive(&self.lex.src[line_start..line_end]) {
                Ok(Some(Directive::StatementBegin)) => return self.fence(line_start, line_end),
                Ok(Some(Directive::StatementEnd)) => {
                    return Err(self.lex.error(
                        self.pos,
                        "`-- dbm:statement-end` without a `-- dbm:statement-begin` before it",
                    ));
                }
                Err(message) => return Err(self.lex.error(self.pos, message)),
                Ok(_) => {}
            }
        }
        self.pos = line_end;
        Ok(())
    }

    /// A fence whose `-- dbm:statement-begin` line spans `line_start..line_end`.
    fn fence(&mut self, line_start: usize, line_end: usize) -> Result<(), SqlFileError> {
        let open = self.pos;
        self.check_blocks_closed()?;
        self.flush(line_start);
        let len = self.lex.bytes.len();
        let body = (line_end + 1).min(len);
        let mut i = body;
        let mut turns = 0;
        while self.lex.turn(&mut turns, i) && i < len {
            let end = self.lex.line_end(i);
            match parse_directive(&self.lex.src[i..end]) {
                Ok(Some(Directive::StatementEnd)) => {
                    self.push(&self.lex.src[body..i]);
                    self.pos = (end + 1).min(len);
                    self.start = self.pos;
                    return Ok(());
                }
                Ok(Some(Directive::StatementBegin)) => {
                    let message = format!(
                        "`-- dbm:statement-begin` inside the fence opened on line {}",
                        self.lex.line_of(open)
                    );
                    return Err(self.lex.error(i, message));
                }
                _ => i = end + 1,
            }
        }
        Err(self.lex.error(
            open,
            "unterminated fence: no `-- dbm:statement-end` line after this \
             `-- dbm:statement-begin`",
        ))
    }

    fn block_comment(&mut self) -> Result<(), SqlFileError> {
        let open = self.pos;
        if is_executable_comment(&self.lex.bytes[open + 2..]) {
            self.code();
            self.markers.mysql += 1;
        }
        match self.lex.comment_end(open) {
            Some(end) => {
                self.pos = end;
                Ok(())
            }
            None => Err(self
                .lex
                .error(open, "unterminated block comment `/* ... */`")),
        }
    }

    /// A dollar quote, or a lone `$` (as in `$1`).
    fn dollar(&mut self) -> Result<(), SqlFileError> {
        let open = self.pos;
        self.code();
        let Some(tag_end) = self.lex.dollar_tag_end(open) else {
            self.pos += 1;
            return Ok(());
        };
        match self.lex.dollar_quote_end(open, tag_end) {
            Some(end) => {
                self.markers.postgres += 1;
                self.pos = end;
                Ok(())
            }
            None => {
                let tag = &self.lex.src[open..tag_end];
                Err(self.lex.error(
                    open,
                    format!("unterminated dollar-quoted string (no closing `{tag}`)"),
                ))
            }
        }
    }

    fn word(&mut self) -> Result<(), SqlFileError> {
        let bytes = self.lex.bytes;
        let start = self.pos;
        let end = self.lex.scan_while(start, is_word_byte);
        let word = &bytes[start..end];
        let is = |w: &str| word.eq_ignore_ascii_case(w.as_bytes());
        self.pos = end;
        if let Some((quote_at, backslash)) = self.lex.prefixed_string(start, end) {
            self.code();
            self.markers.postgres += 1;
            return self.quoted(quote_at, bytes[quote_at], backslash);
        }
        if POSTGRES_WORDS.into_iter().any(is) {
            self.markers.postgres += 1;
        } else if MYSQL_WORDS.into_iter().any(is) {
            self.markers.mysql += 1;
        }
        if is("DELIMITER") && !self.has_code {
            return Err(self.lex.error(
                start,
                "`DELIMITER` is a mysql client command, not SQL; put the statement between \
                 `-- dbm:statement-begin` and `-- dbm:statement-end` lines instead",
            ));
        }
        let first = !self.has_code;
        let after_begin = self.after_begin;
        self.code();
        if let Some((begin, depth)) = self.atomic {
            if is("CASE") {
                self.atomic = Some((begin, depth + 1));
            } else if is("END") {
                self.atomic = (depth > 1).then_some((begin, depth - 1));
            }
        } else if let (Some(begin), true) = (after_begin, is("ATOMIC")) {
            // A `BEGIN ATOMIC` body is counted on its own, also in a routine.
            if let Some(routine) = &mut self.routine {
                routine.depth = routine.depth.saturating_sub(1);
            }
            self.atomic = Some((begin, 1));
        } else if first && is("CREATE") {
            self.routine = self.routine_kind(end).map(|kind| Routine {
                create: start,
                kind,
                depth: 0,
            });
        } else {
            if is("BEGIN") {
                self.after_begin = Some(start);
            }
            let qualified = start > 0 && bytes[start - 1] == b'.';
            if let Some(mut routine) = self.routine
                && !qualified
            {
                if is("BEGIN") || is("CASE") {
                    routine.depth += 1;
                } else if is("END") {
                    let (next_start, next_end) = self.lex.next_word(end);
                    let next = &bytes[next_start..next_end];
                    let next_is = |w: &str| next.eq_ignore_ascii_case(w.as_bytes());
                    // `END IF`, `END LOOP`, `END WHILE` and `END REPEAT` close constructs that
                    // opened no block; `END CASE` closes its `CASE`, and its `CASE` opens none.
                    if !["IF", "LOOP", "WHILE", "REPEAT"].into_iter().any(next_is) {
                        routine.depth = routine.depth.saturating_sub(1);
                    }
                    if next_is("CASE") {
                        self.pos = next_end;
                    }
                }
                self.routine = Some(routine);
            }
        }
        Ok(())
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

    fn split_err(sql: &str) -> SqlFileError {
        match split_statements(sql) {
            Ok(statements) => panic!("expected an error, got {statements:?}"),
            Err(e) => e,
        }
    }

    fn parse(text: &str) -> SqlMigration {
        match parse_sql_migration(text) {
            Ok(migration) => migration,
            Err(e) => panic!("unexpected parse error: {e}"),
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn semicolons_at_top_level_split_statements() {
        assert_eq!(
            split("  SELECT 1;SELECT 2 ;\n\nSELECT 3;\n"),
            strings(&["SELECT 1", "SELECT 2", "SELECT 3"])
        );
    }

    #[test]
    fn a_last_statement_without_a_semicolon_is_a_statement() {
        assert_eq!(
            split("SELECT 1;\nSELECT 2\n"),
            strings(&["SELECT 1", "SELECT 2"])
        );
    }

    #[test]
    fn empty_and_comment_only_statements_are_dropped() {
        assert_eq!(
            split(";;\n-- only a comment\n;\n/* block */;\n# hash\n;SELECT 1;\n-- trailing\n"),
            strings(&["SELECT 1"])
        );
        assert_eq!(split("  \n-- nothing\n"), Vec::<String>::new());
    }

    #[test]
    fn comments_inside_a_statement_are_kept_verbatim() {
        assert_eq!(
            split("-- the roles\nCREATE TABLE roles (\n  id int -- key\n);\nSELECT /* hi */ 1;"),
            strings(&[
                "-- the roles\nCREATE TABLE roles (\n  id int -- key\n)",
                "SELECT /* hi */ 1"
            ])
        );
    }

    #[test]
    fn a_hash_operator_leading_a_continuation_line_is_postgres_when_guessing() {
        // sqlfluff puts binary operators first on continuation lines.
        let sql = "CREATE INDEX CONCURRENTLY i ON t ((settings\n    #>> '{ui,theme}'));\nCREATE INDEX CONCURRENTLY j ON t (x);";
        assert_eq!(
            split(sql),
            strings(&[
                "CREATE INDEX CONCURRENTLY i ON t ((settings\n    #>> '{ui,theme}'))",
                "CREATE INDEX CONCURRENTLY j ON t (x)",
            ])
        );
    }

    #[test]
    fn mysql_executable_comments_are_statements() {
        assert_eq!(
            split("/*!40101 SET NAMES utf8mb4 */;\nSELECT 1;"),
            strings(&["/*!40101 SET NAMES utf8mb4 */", "SELECT 1"])
        );
    }

    #[test]
    fn a_do_block_is_one_statement() {
        let d = "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1) THEN\n    CREATE TYPE mood AS ENUM ('ok');\n  END IF;\nEND\n$$";
        assert_eq!(
            split(&format!("{d};\nSELECT 2;")),
            strings(&[d, "SELECT 2"])
        );
    }

    #[test]
    fn a_begin_atomic_body_is_one_statement_until_its_matching_end() {
        let f = "CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  INSERT INTO log VALUES (CASE WHEN a > 0 THEN 1 ELSE 0 END);\n  SELECT a + 1;\nEND";
        assert_eq!(
            split(&format!("{f};\nSELECT 2;")),
            strings(&[f, "SELECT 2"])
        );
    }

    #[test]
    fn transaction_begin_statements_still_split() {
        assert_eq!(
            split("BEGIN;\nSELECT 1;\nEND;\nCOMMIT"),
            strings(&["BEGIN", "SELECT 1", "END", "COMMIT"])
        );
    }

    #[test]
    fn a_sqlite_trigger_body_is_one_statement() {
        assert_eq!(
            split(
                "CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; UPDATE x SET a = 1; END;"
            ),
            strings(&[
                "CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; UPDATE x SET a = 1; END"
            ])
        );
    }

    #[test]
    fn a_trigger_body_ends_at_its_end_and_the_next_statement_splits() {
        assert_eq!(
            split(
                "CREATE TABLE x (a int);\nCREATE TRIGGER t AFTER INSERT ON x BEGIN\n  UPDATE x SET a = CASE WHEN a > 0 THEN 1 ELSE 0 END;\n  DELETE FROM y;\nEND;\nSELECT 2;"
            ),
            strings(&[
                "CREATE TABLE x (a int)",
                "CREATE TRIGGER t AFTER INSERT ON x BEGIN\n  UPDATE x SET a = CASE WHEN a > 0 THEN 1 ELSE 0 END;\n  DELETE FROM y;\nEND",
                "SELECT 2",
            ])
        );
    }

    #[test]
    fn a_sqlite_temp_trigger_if_not_exists_is_one_statement() {
        assert_eq!(
            split(
                "CREATE TEMP TRIGGER IF NOT EXISTS t AFTER INSERT ON x BEGIN DELETE FROM y; END;\nCREATE TEMPORARY TRIGGER u AFTER DELETE ON x BEGIN SELECT 1; END;"
            ),
            strings(&[
                "CREATE TEMP TRIGGER IF NOT EXISTS t AFTER INSERT ON x BEGIN DELETE FROM y; END",
                "CREATE TEMPORARY TRIGGER u AFTER DELETE ON x BEGIN SELECT 1; END",
            ])
        );
    }

    #[test]
    fn a_mysql_trigger_with_end_if_is_one_statement() {
        assert_eq!(
            split(
                "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN IF NEW.a < 0 THEN SET NEW.a = 0; END IF; END;\nSELECT 2;"
            ),
            strings(&[
                "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN IF NEW.a < 0 THEN SET NEW.a = 0; END IF; END",
                "SELECT 2",
            ])
        );
    }

    #[test]
    fn a_mysql_procedure_with_end_while_is_one_statement() {
        assert_eq!(
            split(
                "CREATE PROCEDURE p() BEGIN DECLARE i INT; WHILE i < 3 DO SET i = i + 1; END WHILE; END;\nCALL p();"
            ),
            strings(&[
                "CREATE PROCEDURE p() BEGIN DECLARE i INT; WHILE i < 3 DO SET i = i + 1; END WHILE; END",
                "CALL p()",
            ])
        );
    }

    #[test]
    fn mysql_loops_repeats_and_case_statements_keep_the_block_open() {
        let p = "CREATE PROCEDURE q(x INT)\nBEGIN\n  l: LOOP\n    REPEAT SET x = x - 1; UNTIL x < 0 END REPEAT;\n    LEAVE l;\n  END LOOP l;\n  CASE x WHEN 1 THEN SELECT 1; ELSE SELECT 2; END CASE;\n  inner: BEGIN SELECT 3; END inner;\nEND";
        assert_eq!(
            split(&format!("{p};\nSELECT 4;")),
            strings(&[p, "SELECT 4"])
        );
    }

    #[test]
    fn a_mysql_trigger_with_a_definer_is_one_statement() {
        assert_eq!(
            split(
                "CREATE DEFINER=`root`@`%` TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END;\nCREATE DEFINER = 'app'@'localhost' PROCEDURE p() BEGIN SELECT 1; END;\nCREATE DEFINER=CURRENT_USER() EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM x; DELETE FROM y; END;"
            ),
            strings(&[
                "CREATE DEFINER=`root`@`%` TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END",
                "CREATE DEFINER = 'app'@'localhost' PROCEDURE p() BEGIN SELECT 1; END",
                "CREATE DEFINER=CURRENT_USER() EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM x; DELETE FROM y; END",
            ])
        );
    }

    #[test]
    fn a_create_or_replace_trigger_is_one_statement() {
        assert_eq!(
            split(
                "CREATE OR REPLACE TRIGGER t AFTER INSERT ON x FOR EACH ROW BEGIN DELETE FROM y; DELETE FROM z; END;\nSELECT 2"
            ),
            strings(&[
                "CREATE OR REPLACE TRIGGER t AFTER INSERT ON x FOR EACH ROW BEGIN DELETE FROM y; DELETE FROM z; END",
                "SELECT 2",
            ])
        );
    }

    #[test]
    fn a_mysql_function_without_a_final_semicolon_is_one_statement() {
        assert_eq!(
            split("CREATE FUNCTION f() RETURNS INT BEGIN RETURN 1; END"),
            strings(&["CREATE FUNCTION f() RETURNS INT BEGIN RETURN 1; END"])
        );
    }

    #[test]
    fn qualified_names_and_quoted_keywords_in_a_trigger_are_not_blocks() {
        assert_eq!(
            split(
                "CREATE TRIGGER t AFTER UPDATE ON x BEGIN UPDATE y SET `end` = NEW.end, s = 'END;'; END;\nSELECT 2"
            ),
            strings(&[
                "CREATE TRIGGER t AFTER UPDATE ON x BEGIN UPDATE y SET `end` = NEW.end, s = 'END;'; END",
                "SELECT 2",
            ])
        );
    }

    #[test]
    fn comments_between_the_create_words_still_find_the_trigger() {
        assert_eq!(
            split(
                "-- touch\nCREATE /* temp */ TEMP\n  TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; SELECT 2; END;"
            ),
            strings(&[
                "-- touch\nCREATE /* temp */ TEMP\n  TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; SELECT 2; END"
            ])
        );
    }

    #[test]
    fn begin_and_end_in_other_create_statements_do_not_open_blocks() {
        assert_eq!(
            split(
                "CREATE TABLE t (begin int, x int);\nCREATE VIEW v AS SELECT 1 AS end;\nSELECT 2"
            ),
            strings(&[
                "CREATE TABLE t (begin int, x int)",
                "CREATE VIEW v AS SELECT 1 AS end",
                "SELECT 2",
            ])
        );
    }

    #[test]
    fn a_postgres_transaction_around_a_plpgsql_function_still_splits() {
        let f = "CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql";
        assert_eq!(
            split(&format!("BEGIN;\n{f};\nCOMMIT;")),
            strings(&["BEGIN", f, "COMMIT"])
        );
    }

    #[test]
    fn a_postgres_trigger_without_begin_ends_at_its_semicolon() {
        assert_eq!(
            split(
                "CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\nCREATE OR REPLACE TRIGGER u BEFORE UPDATE ON t FOR EACH ROW WHEN (OLD.x IS DISTINCT FROM NEW.x) EXECUTE FUNCTION g();\nSELECT 2;"
            ),
            strings(&[
                "CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()",
                "CREATE OR REPLACE TRIGGER u BEFORE UPDATE ON t FOR EACH ROW WHEN (OLD.x IS DISTINCT FROM NEW.x) EXECUTE FUNCTION g()",
                "SELECT 2",
            ])
        );
    }

    #[test]
    fn a_postgres_procedure_with_a_begin_atomic_body_is_one_statement() {
        let p = "CREATE PROCEDURE ins(a int) LANGUAGE sql\nBEGIN ATOMIC\n  INSERT INTO t VALUES (a);\n  INSERT INTO t VALUES (CASE WHEN a > 0 THEN a ELSE 0 END);\nEND";
        assert_eq!(
            split(&format!("{p};\nCALL ins(1);")),
            strings(&[p, "CALL ins(1)"])
        );
    }

    #[test]
    fn an_unterminated_trigger_body_is_an_error_at_its_create() {
        assert_eq!(
            split_err(
                "SELECT 1;\n-- the trigger\nCREATE TRIGGER t AFTER INSERT ON x\nBEGIN\n  SELECT 1;\n"
            ),
            SqlFileError::new(
                3,
                "unterminated `CREATE TRIGGER` body (a `BEGIN` or `CASE` has no matching `END`)"
            )
        );
        assert_eq!(
            split_err(
                "CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; SELECT 2;\nSELECT 3;"
            ),
            SqlFileError::new(
                1,
                "unterminated `CREATE PROCEDURE` body (a `BEGIN` or `CASE` has no matching `END`)"
            )
        );
    }

    #[test]
    fn a_fence_inside_an_open_trigger_body_is_an_unterminated_body_error() {
        assert_eq!(
            split_err(
                "\nCREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1;\n-- dbm:statement-begin\nSELECT 2\n-- dbm:statement-end\n"
            ),
            SqlFileError::new(
                2,
                "unterminated `CREATE TRIGGER` body (a `BEGIN` or `CASE` has no matching `END`)"
            )
        );
    }

    #[test]
    fn a_fenced_mysql_trigger_is_one_verbatim_statement() {
        let sql = "CREATE TABLE a (x int);\n-- dbm:statement-begin\nCREATE TRIGGER t BEFORE INSERT ON a\nFOR EACH ROW BEGIN\n  IF NEW.x < 0 THEN SET NEW.x = 0; END IF;\nEND\n  -- dbm:statement-end  \nSELECT 2;";
        assert_eq!(
            split(sql),
            strings(&[
                "CREATE TABLE a (x int)",
                "CREATE TRIGGER t BEFORE INSERT ON a\nFOR EACH ROW BEGIN\n  IF NEW.x < 0 THEN SET NEW.x = 0; END IF;\nEND",
                "SELECT 2",
            ])
        );
    }

    #[test]
    fn a_fence_ends_the_statement_before_it() {
        assert_eq!(
            split(
                "SELECT 1\n-- dbm:statement-begin\nSELECT 'a;b'\n-- dbm:statement-end\n;SELECT 3"
            ),
            strings(&["SELECT 1", "SELECT 'a;b'", "SELECT 3"])
        );
    }

    #[test]
    fn postgres_backslashes_before_a_quote_in_plain_strings_are_guessed_right() {
        let sql = "CREATE VIEW v AS SELECT name LIKE 'feature\\_%' ESCAPE '\\' AS f FROM flags;\n\
                   COMMENT ON VIEW v IS 'Flags named feature_*; the rest are switches.';\n\
                   INSERT INTO s VALUES ('root', 'C:\\Orbit\\data\\'), ('split', '[\\s,;]+')";
        assert_eq!(
            split(sql),
            strings(&[
                "CREATE VIEW v AS SELECT name LIKE 'feature\\_%' ESCAPE '\\' AS f FROM flags",
                "COMMENT ON VIEW v IS 'Flags named feature_*; the rest are switches.'",
                "INSERT INTO s VALUES ('root', 'C:\\Orbit\\data\\'), ('split', '[\\s,;]+')",
            ])
        );
    }

    #[test]
    fn a_file_is_read_by_one_dialect_for_both_sections() {
        // the down section alone would read either way; the up section's backticks decide
        let m = parse(
            "-- dbm:up\nCREATE TABLE `t` (a int);\n-- dbm:down\nDROP TABLE t # it was here; gone\n",
        );
        assert_eq!(m.up, strings(&["CREATE TABLE `t` (a int)"]));
        assert_eq!(m.down, Some(strings(&["DROP TABLE t # it was here; gone"])));
        let m = parse_sql_migration_for(
            "-- dbm:up\nSELECT 'a\\';\n-- dbm:down\nSELECT 2;\n",
            SqlDialect::Postgres,
        )
        .expect("parses");
        assert_eq!(m.up, strings(&["SELECT 'a\\'"]));
        assert!(parse_sql_migration_for("-- dbm:up\nSELECT 'a\\';\n", SqlDialect::Mysql).is_err());
    }

    #[test]
    fn mariadb_executable_comments_are_statements() {
        assert_eq!(
            split("/*M!100100 SET sql_mode = '' */;\nSELECT 1;"),
            strings(&["/*M!100100 SET sql_mode = '' */", "SELECT 1"])
        );
    }

    #[test]
    fn an_unterminated_begin_atomic_body_is_an_error_at_its_begin() {
        assert_eq!(
            split_err("SELECT 1;\nCREATE FUNCTION f() RETURNS int\nBEGIN ATOMIC\nSELECT 1;"),
            SqlFileError::new(3, "unterminated `BEGIN ATOMIC` body (no matching `END`)")
        );
    }

    #[test]
    fn an_unterminated_fence_is_an_error_at_its_begin_line() {
        let e = split_err("SELECT 1;\n-- dbm:statement-begin\nCREATE TRIGGER ...;\n");
        assert_eq!(e.line, 2);
        assert!(e.message.starts_with("unterminated fence"), "{e}");
    }

    #[test]
    fn a_fence_inside_a_fence_is_an_error() {
        let e = split_err("-- dbm:statement-begin\nSELECT 1;\n-- dbm:statement-begin\n");
        assert_eq!(
            e,
            SqlFileError::new(
                3,
                "`-- dbm:statement-begin` inside the fence opened on line 1"
            )
        );
    }

    #[test]
    fn a_fence_end_without_a_begin_is_an_error() {
        let e = split_err("SELECT 1;\n\n-- dbm:statement-end\n");
        assert_eq!(
            e,
            SqlFileError::new(
                3,
                "`-- dbm:statement-end` without a `-- dbm:statement-begin` before it"
            )
        );
    }

    #[test]
    fn a_mysql_delimiter_command_is_an_error_suggesting_a_fence() {
        let e = split_err("SELECT 1;\nDELIMITER $$\nCREATE TRIGGER t ... END$$\n");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("-- dbm:statement-begin"), "{e}");
    }

    // ---- fuzzing: the splitter ends on every input ----

    #[test]
    fn a_loop_that_stops_consuming_input_is_stopped_and_the_split_fails() {
        let mut splitter = Splitter::new("ab", Rules::SQLITE);
        let mut turns = 0;
        for _ in 0..3 {
            assert!(splitter.lex.turn(&mut turns, 1));
        }
        assert!(!splitter.lex.turn(&mut turns, 1));
        let e = splitter.run().expect_err("a stalled split fails");
        assert!(e.message.contains("made no progress"), "{e}");
    }

    mod fuzz {
        use proptest::prelude::*;

        use super::super::*;
        use crate::migration::sql::*;

        /// Fragments that steer the splitter into each of its constructs.
        const FRAGMENTS: &[&str] = &[
            "'",
            "\"",
            "`",
            "''",
            "\\",
            "\\'",
            "--",
            "-- dbm:statement-begin\n",
            "-- dbm:statement-end\n",
            "-- dbm:up\n",
            "-- dbm:down\n",
            "-- migrate:up\n",
            "-- fbm:down\n",
            "#",
            "/*",
            "*/",
            "/*!",
            "/*M!",
            "$",
            "$$",
            "$a$",
            "$1",
            "::",
            "@v",
            ";",
            "\n",
            "\r\n",
            " ",
            "\t",
            "\u{c}",
            "\0",
            "\u{1}",
            "E'",
            "U&'",
            "U&\"",
            "BEGIN",
            "BEGIN ATOMIC",
            "END",
            "END IF",
            "END CASE",
            "CASE",
            "CREATE",
            "CREATE TRIGGER t ",
            "CREATE PROCEDURE p() ",
            "CREATE DEFINER=`a`@`b` EVENT ",
            "OR REPLACE",
            "TEMP",
            "IF NOT EXISTS",
            "DELIMITER",
            "NEW.end",
            "x",
            "1",
            "é",
            "\u{feff}",
            "(",
            ")",
        ];

        fn sql_like() -> impl Strategy<Value = String> {
            prop::collection::vec(prop::sample::select(FRAGMENTS), 0..48)
                .prop_map(|parts| parts.concat())
        }

        const ALL_RULES: [Rules; 3] = [Rules::POSTGRES, Rules::MYSQL, Rules::SQLITE];
        const DIALECTS: [SqlDialect; 3] =
            [SqlDialect::Postgres, SqlDialect::Mysql, SqlDialect::Sqlite];

        /// Splits `text` by every dialect's rules and checks that no loop took more turns than
        /// the text has bytes plus one, that no loop was stopped, and that the public entry
        /// points answer with a value.
        fn check(text: &str) -> Result<(), TestCaseError> {
            for rules in ALL_RULES {
                let mut splitter = Splitter::new(text, rules);
                let result = splitter.run();
                let most = splitter.lex.most_turns.get();
                prop_assert!(
                    most <= text.len() + 1,
                    "{rules:?}: a loop took {most} turns on {} bytes",
                    text.len()
                );
                prop_assert_eq!(splitter.lex.stalled.get(), None, "{:?}: stalled", rules);
                if let Err(e) = result {
                    prop_assert!(!e.message.contains("no progress"), "{:?}: {}", rules, e);
                }
            }
            for dialect in DIALECTS {
                let _ = split_statements_for(text, dialect);
                let _ = parse_sql_migration_for(text, dialect);
            }
            let _ = split_statements(text);
            let _ = parse_sql_migration(text);
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig {
                cases: 2500,
                failure_persistence: None,
                ..ProptestConfig::default()
            })]

            #[test]
            fn fuzz_the_splitter_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..1000)) {
                check(&String::from_utf8_lossy(&bytes))?;
            }

            #[test]
            fn fuzz_the_splitter_on_arbitrary_strings(text in any::<String>()) {
                check(&text)?;
            }

            #[test]
            fn fuzz_the_splitter_on_sql_like_text(text in sql_like()) {
                check(&text)?;
            }
        }
    }
}
