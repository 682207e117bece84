//! The `.sql` migration format and the statement splitter.
//!
//! A raw SQL migration is a file with an up section and an optional down section, each started
//! by a marker line:
//!
//! ```sql
//! -- dbm:no-transaction          (optional, in the header: run outside a transaction)
//! -- dbm:up
//! CREATE INDEX CONCURRENTLY users_email_index ON users (email);
//! -- dbm:down
//! DROP INDEX CONCURRENTLY users_email_index;
//! ```
//!
//! dbmate's `-- migrate:up` / `-- migrate:down` markers are accepted too, with dbmate's
//! `transaction:false` option. Markers and directives are whole lines, written exactly so (in
//! lower case, a space after `--`); surrounding whitespace is allowed. A comment line close to
//! a marker (`-- fbm:down`, `-- DBM:Down`) is an error with a "did you mean", never a
//! comment. Control characters other than tab, line feed, carriage return and form feed are an
//! error. [`parse_sql_migration`] reads the file and [`split_statements`] cuts each section
//! into statements.
//!
//! Where the SQL dialects disagree on where a string or comment ends (a backslash before a quote,
//! `#`, a `/*` inside a comment), the `_for` functions follow the rules of a given
//! [`SqlDialect`]; the others guess the dialect from the text (see [`split_statements`]).

use std::cell::Cell;
use std::fmt;

/// A parsed `.sql` migration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlMigration {
    /// The statements of the up section, split by [`split_statements`].
    pub up: Vec<String>,
    /// The statements of the down section: `None` when the file has no down marker,
    /// `Some(vec![])` when the marker is there but the section holds no statement.
    pub down: Option<Vec<String>>,
    /// Whether the migration runs inside a transaction: `false` with `-- dbm:no-transaction` in
    /// the header or dbmate's `transaction:false` option on either marker.
    pub transaction: bool,
}

/// A parse failure at a position of a `.sql` file; the caller adds the file's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlFileError {
    /// The 1-based line where the problem is (for an unterminated construct, where it starts).
    pub line: usize,
    /// What is wrong, as a sentence fragment without the line.
    pub message: String,
}

impl SqlFileError {
    fn new(line: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for SqlFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for SqlFileError {}

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
    /// The dialect of a built-in driver name (`postgres`, `mysql`, `sqlite`); `None` for others.
    pub fn from_driver(driver: &str) -> Option<Self> {
        match driver {
            "postgres" | "postgresql" => Some(Self::Postgres),
            "mysql" | "mariadb" => Some(Self::Mysql),
            "sqlite" => Some(Self::Sqlite),
            _ => None,
        }
    }
}

/// The lexical rules on which the dialects disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rules {
    /// A backslash escapes the next character in `'...'` and `"..."` (MySQL).
    backslash_escapes: bool,
    /// `#` starts a comment to the end of the line (MySQL).
    hash_comments: bool,
    /// `/* ... */` comments nest (PostgreSQL).
    nested_comments: bool,
    /// `E'...'` (backslash escapes) and `U&'...'` (none) strings (PostgreSQL).
    prefixed_strings: bool,
}

impl Rules {
    const POSTGRES: Self = Self {
        backslash_escapes: false,
        hash_comments: false,
        nested_comments: true,
        prefixed_strings: true,
    };
    const MYSQL: Self = Self {
        backslash_escapes: true,
        hash_comments: true,
        nested_comments: false,
        prefixed_strings: false,
    };
    const SQLITE: Self = Self {
        backslash_escapes: false,
        hash_comments: false,
        nested_comments: false,
        prefixed_strings: false,
    };

    fn of(dialect: SqlDialect) -> Self {
        match dialect {
            SqlDialect::Postgres => Self::POSTGRES,
            SqlDialect::Mysql => Self::MYSQL,
            SqlDialect::Sqlite => Self::SQLITE,
        }
    }
}

/// Signs of a dialect seen while splitting, for guessing the dialect of a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Markers {
    /// Dollar quotes, `E'...'` and `U&'...'` strings, `::` casts and words such as
    /// `CONCURRENTLY`, `PLPGSQL`, `RETURNING`, `JSONB`.
    postgres: usize,
    /// Backtick identifiers, `#` comments, `/*!` comments, `@variables` and the words `ENGINE`,
    /// `AUTO_INCREMENT` and `UNSIGNED`.
    mysql: usize,
}

impl std::ops::AddAssign for Markers {
    fn add_assign(&mut self, other: Self) {
        self.postgres += other.postgres;
        self.mysql += other.mysql;
    }
}

const POSTGRES_WORDS: [&str; 9] = [
    "CONCURRENTLY",
    "PLPGSQL",
    "RETURNING",
    "ILIKE",
    "SERIAL",
    "BIGSERIAL",
    "JSONB",
    "TIMESTAMPTZ",
    "BYTEA",
];
const MYSQL_WORDS: [&str; 3] = ["ENGINE", "AUTO_INCREMENT", "UNSIGNED"];

/// Reads `text` by PostgreSQL's and by MySQL's rules and keeps one reading: the only one when
/// they agree or when the other fails; else the one whose dialect shows more signs (see
/// [`Markers`]: MySQL's signs counted in the MySQL reading must outnumber PostgreSQL's counted
/// in the PostgreSQL reading), PostgreSQL's on a tie. A text holding no backslash, no `#` and
/// no `/*` reads the same under both, and is read once.
fn guess<T: PartialEq>(
    text: &str,
    read: impl Fn(Rules) -> (Result<T, SqlFileError>, Markers),
) -> Result<T, SqlFileError> {
    let (postgres, postgres_markers) = read(Rules::POSTGRES);
    if !text.bytes().any(|b| b == b'\\' || b == b'#') && !text.contains("/*") {
        return postgres;
    }
    let (mysql, mysql_markers) = read(Rules::MYSQL);
    let mysql_likelier = mysql_markers.mysql > postgres_markers.postgres;
    match (postgres, mysql) {
        (Ok(p), Ok(m)) => Ok(if p == m || !mysql_likelier { p } else { m }),
        (Ok(p), Err(_)) => Ok(p),
        (Err(_), Ok(m)) => Ok(m),
        (Err(p), Err(m)) => Err(if mysql_likelier { m } else { p }),
    }
}

/// A directive line: a marker (`-- dbm:up`, `-- migrate:down`, ...) or a fence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Directive {
    Up { transaction: bool },
    Down { transaction: bool },
    NoTransaction,
    StatementBegin,
    StatementEnd,
}

/// The marker and directive lines, as they are written (after `-- `), with what each is.
/// dbmate's also allow no space after the `--` (`--migrate:up`), as dbmate does.
const MARKERS: [(&str, Directive); 7] = [
    ("dbm:up", Directive::Up { transaction: true }),
    ("dbm:down", Directive::Down { transaction: true }),
    ("dbm:no-transaction", Directive::NoTransaction),
    ("dbm:statement-begin", Directive::StatementBegin),
    ("dbm:statement-end", Directive::StatementEnd),
    ("migrate:up", Directive::Up { transaction: true }),
    ("migrate:down", Directive::Down { transaction: true }),
];

/// How far (in edits) a comment's first word may be from a marker and still be read as a
/// misspelt marker rather than as an ordinary comment.
const MISSPELLING_DISTANCE: usize = 2;

/// How much of a line an error message quotes.
const QUOTED_LINE: usize = 60;

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Splits `s` into its first whitespace-delimited word and the trimmed rest.
fn split_word(s: &str) -> (&str, &str) {
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    (&s[..end], s[end..].trim())
}

/// The first word of a comment's text as it is compared with the markers: lower case, with
/// the whitespace around its colon removed (`DBM : Down` reads `dbm:down`). Only the start of
/// the text matters, as no marker is longer than a few words.
fn marker_candidate(text: &str) -> String {
    let head: String = text.chars().take(64).collect::<String>().to_lowercase();
    let mut joined = String::with_capacity(head.len());
    let mut chars = head.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            let mut rest = chars.clone();
            while rest.peek().is_some_and(|c| c.is_whitespace()) {
                rest.next();
            }
            let before_colon = rest.peek() == Some(&':');
            let after_colon = joined.ends_with(':');
            if before_colon || after_colon {
                chars = rest;
                continue;
            }
            break;
        }
        joined.push(c);
    }
    joined
}

/// The marker that `candidate` (see [`marker_candidate`]) is a misspelling of, if any: the
/// closest one within [`MISSPELLING_DISTANCE`] edits.
fn misspelt_marker(candidate: &str) -> Option<&'static str> {
    let length = candidate.chars().count();
    MARKERS
        .iter()
        .map(|(marker, _)| *marker)
        .filter(|marker| marker.len().abs_diff(length) <= MISSPELLING_DISTANCE)
        .map(|marker| {
            (
                crate::migration::toml::suggest::edit_distance(candidate, marker),
                marker,
            )
        })
        .filter(|(distance, _)| *distance <= MISSPELLING_DISTANCE)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, marker)| marker)
}

fn marker_list() -> String {
    MARKERS
        .iter()
        .map(|(marker, _)| format!("`-- {marker}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads one line as a directive: `Ok(None)` for an ordinary line or comment, `Err` for a
/// misspelt one.
///
/// A directive is a line of its own, `--`, a space and the marker in lower case
/// (`-- dbm:down`; dbmate's `--migrate:up` also without the space), with surrounding
/// whitespace allowed. A `--` comment whose first word, in lower case and without spaces
/// around its colon, is within two edits of a marker (`-- fbm:down`, `--dbm:down`,
/// `-- dbm: down`, `-- DBM:Down`) is an error with a "did you mean", as is any other
/// `-- dbm:` or `-- migrate:` word: a marker that does not count would silently run one
/// section as part of the other.
fn parse_directive(line: &str) -> Result<Option<Directive>, String> {
    let Some(comment) = line.trim().strip_prefix("--") else {
        return Ok(None);
    };
    let text = comment.trim_start();
    let spaced = text.len() < comment.len();
    let (word, rest) = split_word(text);
    let exact = MARKERS
        .iter()
        .find(|(marker, _)| *marker == word)
        .filter(|(marker, _)| spaced || marker.starts_with("migrate:"));
    if let Some(&(marker, directive)) = exact {
        return match directive {
            Directive::Up { .. } | Directive::Down { .. } if marker.starts_with("migrate:") => {
                dbmate_marker(directive, marker, rest).map(Some)
            }
            _ if !rest.is_empty() => Err(format!(
                "unexpected text `{}` after `-- {marker}`; a directive is a line of its own",
                crate::util::cut(rest, QUOTED_LINE)
            )),
            _ => Ok(Some(directive)),
        };
    }
    let shown = crate::util::cut(line.trim(), QUOTED_LINE);
    if let Some(marker) = misspelt_marker(&marker_candidate(text)) {
        return Err(format!(
            "`{shown}` is not a marker; did you mean `-- {marker}`? A marker is written exactly \
             so, in lower case after `-- `; reword the comment if it is not meant as one"
        ));
    }
    if strip_prefix_ignore_case(word, "dbm:").is_some()
        || strip_prefix_ignore_case(word, "migrate:").is_some()
    {
        return Err(format!(
            "unknown marker `{shown}`; the markers are {}",
            marker_list()
        ));
    }
    Ok(None)
}

/// dbmate's `-- migrate:up` / `-- migrate:down` with its options (`transaction:false`).
fn dbmate_marker(directive: Directive, marker: &str, options: &str) -> Result<Directive, String> {
    let mut transaction = true;
    for option in options.split_whitespace() {
        if option.eq_ignore_ascii_case("transaction:false") {
            transaction = false;
        } else if option.eq_ignore_ascii_case("transaction:true") {
            transaction = true;
        } else {
            return Err(format!(
                "unknown option `{}` on `-- {marker}`; the valid ones are `transaction:false` \
                 and `transaction:true`",
                crate::util::cut(option, QUOTED_LINE)
            ));
        }
    }
    Ok(match directive {
        Directive::Up { .. } => Directive::Up { transaction },
        _ => Directive::Down { transaction },
    })
}

/// Whether `byte` is a control character a SQL text may not hold: a C0 control other than
/// tab, line feed, carriage return and form feed. Databases read a NUL as the end of the text
/// (SQLite) or refuse the message (PostgreSQL), so such a file cannot run as written.
fn is_forbidden_control(byte: u8) -> bool {
    byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Fails at the first control character [`is_forbidden_control`] rejects, with its line.
fn check_control_characters(text: &str) -> Result<(), SqlFileError> {
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

/// Parses a `.sql` migration file.
///
/// The header (everything before the up marker) may hold only blank lines and `--` comments,
/// among them `-- dbm:no-transaction`. The up marker (`-- dbm:up` or `-- migrate:up`) is
/// required; the down marker (`-- dbm:down` or `-- migrate:down`) is optional and must come
/// after it. Each section is split with [`split_statements`], and its errors are reported with
/// line numbers of the whole file. `transaction` is `false` when the header has
/// `-- dbm:no-transaction` or either dbmate marker has `transaction:false` (one flag covers both
/// directions, and running outside a transaction is the one that always works).
///
/// A leading byte order mark is ignored. Markers are found line by line, so a marker line inside
/// a dollar-quoted body still counts as a marker.
///
/// The dialect is guessed from the whole file, as [`split_statements`] guesses it; use
/// [`parse_sql_migration_for`] when it is known.
///
/// # Errors
///
/// A control character other than tab, line feed, carriage return and form feed (with its
/// line and column), a missing up marker (line 1), a second up or down marker, a down marker
/// before the up marker, SQL before the up marker, `-- dbm:no-transaction` after it, a
/// misspelt marker or an unknown `-- dbm:` / `-- migrate:` word or dbmate option, and every
/// error of [`split_statements`].
pub fn parse_sql_migration(text: &str) -> Result<SqlMigration, SqlFileError> {
    guess(text, |rules| parse_with(text, rules))
}

/// [`parse_sql_migration`] by the rules of a known dialect.
///
/// # Errors
///
/// As [`parse_sql_migration`], with [`split_statements_for`]'s.
pub fn parse_sql_migration_for(
    text: &str,
    dialect: SqlDialect,
) -> Result<SqlMigration, SqlFileError> {
    parse_with(text, Rules::of(dialect)).0
}

fn parse_with(text: &str, rules: Rules) -> (Result<SqlMigration, SqlFileError>, Markers) {
    let mut markers = Markers::default();
    let parsed = parse_marked(text, rules, &mut markers);
    (parsed, markers)
}

fn parse_marked(
    text: &str,
    rules: Rules,
    markers: &mut Markers,
) -> Result<SqlMigration, SqlFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_control_characters(text)?;
    // (line of the marker, byte offset of the marker line, byte offset after it)
    let mut up: Option<(usize, usize, usize)> = None;
    let mut down: Option<(usize, usize, usize)> = None;
    let mut transaction = true;
    let mut header_sql: Option<usize> = None;
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let number = index + 1;
        let span = (number, offset, offset + line.len());
        offset += line.len();
        let directive = parse_directive(line).map_err(|m| SqlFileError::new(number, m))?;
        match directive {
            Some(Directive::Up { transaction: t }) => {
                if let Some((first, ..)) = up {
                    return Err(SqlFileError::new(
                        number,
                        format!("a second up marker (the first is on line {first})"),
                    ));
                }
                if let Some(sql_line) = header_sql {
                    return Err(SqlFileError::new(
                        sql_line,
                        "SQL before the `-- dbm:up` marker; only blank lines and `--` comments \
                         may come before it",
                    ));
                }
                transaction &= t;
                up = Some(span);
            }
            Some(Directive::Down { transaction: t }) => {
                if up.is_none() {
                    return Err(SqlFileError::new(
                        number,
                        "a down marker before the `-- dbm:up` marker",
                    ));
                }
                if let Some((first, ..)) = down {
                    return Err(SqlFileError::new(
                        number,
                        format!("a second down marker (the first is on line {first})"),
                    ));
                }
                transaction &= t;
                down = Some(span);
            }
            Some(Directive::NoTransaction) => {
                if up.is_some() {
                    return Err(SqlFileError::new(
                        number,
                        "`-- dbm:no-transaction` must be in the header, before the `-- dbm:up` \
                         marker",
                    ));
                }
                transaction = false;
            }
            Some(Directive::StatementBegin | Directive::StatementEnd) => {
                if up.is_none() {
                    return Err(SqlFileError::new(
                        number,
                        "a statement fence before the `-- dbm:up` marker",
                    ));
                }
            }
            None => {
                let trimmed = line.trim();
                if up.is_none()
                    && header_sql.is_none()
                    && !trimmed.is_empty()
                    && !trimmed.starts_with("--")
                {
                    header_sql = Some(number);
                }
            }
        }
    }
    let Some((up_line, _, up_end)) = up else {
        return Err(SqlFileError::new(
            1,
            "no up marker: a `-- dbm:up` (or dbmate's `-- migrate:up`) marker line is required \
             before the migration's statements",
        ));
    };
    let up_stop = down.map_or(text.len(), |(_, start, _)| start);
    let up = split_section(&text[up_end..up_stop], up_line, rules, markers)?;
    let down = match down {
        Some((down_line, _, down_end)) => {
            Some(split_section(&text[down_end..], down_line, rules, markers)?)
        }
        None => None,
    };
    Ok(SqlMigration {
        up,
        down,
        transaction,
    })
}

/// Splits a section whose first line is line `marker_line + 1` of the file.
fn split_section(
    sql: &str,
    marker_line: usize,
    rules: Rules,
    markers: &mut Markers,
) -> Result<Vec<String>, SqlFileError> {
    let (statements, seen) = split_with(sql, rules);
    *markers += seen;
    statements.map_err(|e| SqlFileError::new(e.line + marker_line, e.message))
}

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

fn split_with(sql: &str, rules: Rules) -> (Result<Vec<String>, SqlFileError>, Markers) {
    let mut splitter = Splitter::new(sql, rules);
    let result = splitter.run();
    (result, splitter.markers)
}

fn is_word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || !b.is_ascii()
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || !b.is_ascii()
}

fn is_tag_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether the text after a `/*` makes it a MySQL (`/*!`) or MariaDB (`/*M!`) executable
/// comment.
fn is_executable_comment(after_open: &[u8]) -> bool {
    matches!(after_open, [b'!', ..] | [b'M', b'!', ..])
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
    src: &'a str,
    bytes: &'a [u8],
    rules: Rules,
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
    /// The most turns any one loop has taken (see [`Splitter::turn`]).
    most_turns: Cell<usize>,
    /// Where a loop was stopped for taking more turns than the text has bytes.
    stalled: Cell<Option<usize>>,
}

impl<'a> Splitter<'a> {
    fn new(sql: &'a str, rules: Rules) -> Self {
        Self {
            src: sql,
            bytes: sql.as_bytes(),
            rules,
            markers: Markers::default(),
            pos: 0,
            start: 0,
            has_code: false,
            after_begin: None,
            atomic: None,
            routine: None,
            out: Vec::new(),
            most_turns: Cell::new(0),
            stalled: Cell::new(None),
        }
    }

    /// Counts one turn of a loop (`turns` is that loop's own count) and says whether it may
    /// go on. Every loop of the splitter consumes input on each turn, so none takes more
    /// turns than the text has bytes, plus one; a loop that would is stopped at `pos` and the
    /// split fails, so the splitter ends on every input.
    fn turn(&self, turns: &mut usize, pos: usize) -> bool {
        *turns += 1;
        self.most_turns.set(self.most_turns.get().max(*turns));
        let go_on = *turns <= self.bytes.len() + 1;
        if !go_on && self.stalled.get().is_none() {
            self.stalled.set(Some(pos.min(self.bytes.len())));
        }
        go_on
    }

    fn run(&mut self) -> Result<Vec<String>, SqlFileError> {
        let result = self.statements();
        match self.stalled.get() {
            Some(pos) => Err(self.error(
                pos,
                "the statement splitter made no progress here; this is a bug in dbm, please \
                 report it with this file",
            )),
            None => result,
        }
    }

    fn statements(&mut self) -> Result<Vec<String>, SqlFileError> {
        let mut turns = 0;
        while self.turn(&mut turns, self.pos)
            && self.stalled.get().is_none()
            && let Some(&b) = self.bytes.get(self.pos)
        {
            match b {
                b'\'' | b'"' | b'`' => {
                    self.code();
                    if b == b'`' {
                        self.markers.mysql += 1;
                    }
                    self.quoted(self.pos, b, b != b'`' && self.rules.backslash_escapes)?;
                }
                b'-' if self.peek(1) == Some(b'-') => self.line_comment()?,
                b'#' if self.rules.hash_comments => {
                    if self.peek(1).is_none_or(|n| n.is_ascii_whitespace()) {
                        self.markers.mysql += 1;
                    }
                    self.pos = self.line_end(self.pos);
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
                    self.pos = self.scan_while(self.pos, is_word_byte);
                }
                _ if b.is_ascii_whitespace() => self.pos += 1,
                _ => {
                    self.code();
                    self.pos += 1;
                }
            }
        }
        self.check_blocks_closed()?;
        self.flush(self.bytes.len());
        Ok(std::mem::take(&mut self.out))
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn line_of(&self, pos: usize) -> usize {
        1 + self.bytes[..pos].iter().filter(|&&b| b == b'\n').count()
    }

    fn error(&self, pos: usize, message: impl Into<String>) -> SqlFileError {
        SqlFileError::new(self.line_of(pos), message)
    }

    fn line_start(&self, pos: usize) -> usize {
        self.bytes[..pos]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
    }

    /// The position of the `\n` ending the line of `pos`, or the end of the text.
    fn line_end(&self, pos: usize) -> usize {
        self.bytes[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.bytes.len(), |i| pos + i)
    }

    fn first_on_line(&self, pos: usize) -> bool {
        self.bytes[self.line_start(pos)..pos]
            .iter()
            .all(u8::is_ascii_whitespace)
    }

    fn scan_while(&self, mut pos: usize, accept: fn(u8) -> bool) -> usize {
        let mut turns = 0;
        while self.turn(&mut turns, pos) && self.bytes.get(pos).is_some_and(|&b| accept(b)) {
            pos += 1;
        }
        pos
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
            self.push(&self.src[self.start..end]);
        }
        self.has_code = false;
        self.after_begin = None;
        self.routine = None;
    }

    /// Fails when the current statement has a `BEGIN ATOMIC` body or a trigger or routine block
    /// still open.
    fn check_blocks_closed(&self) -> Result<(), SqlFileError> {
        if let Some((begin, _)) = self.atomic {
            return Err(self.error(
                begin,
                "unterminated `BEGIN ATOMIC` body (no matching `END`)",
            ));
        }
        match self.routine {
            Some(Routine {
                create,
                kind,
                depth: 1..,
            }) => Err(self.error(
                create,
                format!(
                    "unterminated `CREATE {kind}` body (a `BEGIN` or `CASE` has no matching \
                     `END`)"
                ),
            )),
            _ => Ok(()),
        }
    }

    /// The position after the whitespace and comments from `pos` (a `/*!` executable comment
    /// is code, so it stops there; so does an unterminated comment).
    fn skip_blank(&self, mut pos: usize) -> usize {
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
    fn word_end(&self, pos: usize) -> usize {
        match self.bytes.get(pos) {
            Some(&b) if is_word_start(b) => self.scan_while(pos, is_word_byte),
            _ => pos,
        }
    }

    /// When the word at `*pos` is `word`, moves `*pos` past it and the blanks after it.
    fn eat_word(&self, pos: &mut usize, word: &str) -> bool {
        let end = self.word_end(*pos);
        let found = self.bytes[*pos..end].eq_ignore_ascii_case(word.as_bytes());
        if found {
            *pos = self.skip_blank(end);
        }
        found
    }

    /// Moves `*pos` past one part of a MySQL account name (`root`, `'root'`, `` `%` ``,
    /// `localhost`, `CURRENT_USER()`) and the blanks after it; `false` when none is there.
    fn eat_account_part(&self, pos: &mut usize) -> bool {
        let end = match self.bytes.get(*pos) {
            Some(&quote @ (b'\'' | b'"' | b'`')) => {
                match self.quote_end(*pos, quote, quote != b'`') {
                    Some(end) => end,
                    None => return false,
                }
            }
            _ => {
                let end =
                    self.scan_while(*pos, |b| is_word_byte(b) || matches!(b, b'%' | b'.' | b':'));
                if self.bytes.get(end..end + 2) == Some(b"()") {
                    end + 2
                } else {
                    end
                }
            }
        };
        if end == *pos {
            return false;
        }
        *pos = self.skip_blank(end);
        true
    }

    /// What the statement whose `CREATE` ends at `pos` creates, when it is one whose body may
    /// hold `BEGIN ... END` blocks: `CREATE [OR REPLACE] [TEMP | TEMPORARY] [DEFINER = user]
    /// [IF NOT EXISTS] (TRIGGER | PROCEDURE | FUNCTION | EVENT)`.
    fn routine_kind(&self, pos: usize) -> Option<&'static str> {
        let mut pos = self.skip_blank(pos);
        if self.eat_word(&mut pos, "OR") && !self.eat_word(&mut pos, "REPLACE") {
            return None;
        }
        let _ = self.eat_word(&mut pos, "TEMP") || self.eat_word(&mut pos, "TEMPORARY");
        if self.eat_word(&mut pos, "DEFINER") {
            if self.bytes.get(pos) != Some(&b'=') {
                return None;
            }
            pos = self.skip_blank(pos + 1);
            if !self.eat_account_part(&mut pos) {
                return None;
            }
            if self.bytes.get(pos) == Some(&b'@') {
                pos = self.skip_blank(pos + 1);
                if !self.eat_account_part(&mut pos) {
                    return None;
                }
            }
        }
        if self.eat_word(&mut pos, "IF")
            && !(self.eat_word(&mut pos, "NOT") && self.eat_word(&mut pos, "EXISTS"))
        {
            return None;
        }
        ["TRIGGER", "PROCEDURE", "FUNCTION", "EVENT"]
            .into_iter()
            .find(|kind| self.eat_word(&mut pos, kind))
    }

    /// The word after the whitespace from `pos`: its start and end (equal when there is none).
    fn next_word(&self, pos: usize) -> (usize, usize) {
        let start = self.scan_while(pos, |b| b.is_ascii_whitespace());
        (start, self.word_end(start))
    }

    /// Skips a quoted string or identifier whose opening quote is at `open`.
    fn quoted(&mut self, open: usize, quote: u8, backslash: bool) -> Result<(), SqlFileError> {
        match self.quote_end(open, quote, backslash) {
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
                Err(self.error(open, format!("unterminated {what}")))
            }
        }
    }

    /// The position after the closing quote of the quoted text opened at `open`, or `None`
    /// when it is unterminated.
    fn quote_end(&self, open: usize, quote: u8, backslash: bool) -> Option<usize> {
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

    /// A `--` comment, or a fence line.
    fn line_comment(&mut self) -> Result<(), SqlFileError> {
        let line_start = self.line_start(self.pos);
        let line_end = self.line_end(self.pos);
        if self.first_on_line(self.pos) {
            match parse_directive(&self.src[line_start..line_end]) {
                Ok(Some(Directive::StatementBegin)) => return self.fence(line_start, line_end),
                Ok(Some(Directive::StatementEnd)) => {
                    return Err(self.error(
                        self.pos,
                        "`-- dbm:statement-end` without a `-- dbm:statement-begin` before it",
                    ));
                }
                Err(message) => return Err(self.error(self.pos, message)),
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
        let len = self.bytes.len();
        let body = (line_end + 1).min(len);
        let mut i = body;
        let mut turns = 0;
        while self.turn(&mut turns, i) && i < len {
            let end = self.line_end(i);
            match parse_directive(&self.src[i..end]) {
                Ok(Some(Directive::StatementEnd)) => {
                    self.push(&self.src[body..i]);
                    self.pos = (end + 1).min(len);
                    self.start = self.pos;
                    return Ok(());
                }
                Ok(Some(Directive::StatementBegin)) => {
                    let message = format!(
                        "`-- dbm:statement-begin` inside the fence opened on line {}",
                        self.line_of(open)
                    );
                    return Err(self.error(i, message));
                }
                _ => i = end + 1,
            }
        }
        Err(self.error(
            open,
            "unterminated fence: no `-- dbm:statement-end` line after this \
             `-- dbm:statement-begin`",
        ))
    }

    fn block_comment(&mut self) -> Result<(), SqlFileError> {
        let open = self.pos;
        if is_executable_comment(&self.bytes[open + 2..]) {
            self.code();
            self.markers.mysql += 1;
        }
        match self.comment_end(open) {
            Some(end) => {
                self.pos = end;
                Ok(())
            }
            None => Err(self.error(open, "unterminated block comment `/* ... */`")),
        }
    }

    /// The position after the `*/` closing the block comment opened at `open` (counting nested
    /// ones where they nest), or `None` when it is unterminated.
    fn comment_end(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        let mut i = open;
        let mut turns = 0;
        while self.turn(&mut turns, i) {
            match (self.bytes.get(i)?, self.bytes.get(i + 1)) {
                (b'/', Some(b'*')) => {
                    if depth == 0 || self.rules.nested_comments {
                        depth += 1;
                    }
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

    /// A dollar quote, or a lone `$` (as in `$1`).
    fn dollar(&mut self) -> Result<(), SqlFileError> {
        let open = self.pos;
        self.code();
        let tag_end = match self.bytes.get(open + 1) {
            Some(b'$') => Some(open + 2),
            Some(&b) if b.is_ascii_alphabetic() || b == b'_' => {
                let end = self.scan_while(open + 1, is_tag_byte);
                (self.bytes.get(end) == Some(&b'$')).then_some(end + 1)
            }
            _ => None,
        };
        let Some(tag_end) = tag_end else {
            self.pos += 1;
            return Ok(());
        };
        let tag = &self.src[open..tag_end];
        match self.src[tag_end..].find(tag) {
            Some(offset) => {
                self.markers.postgres += 1;
                self.pos = tag_end + offset + tag.len();
                Ok(())
            }
            None => Err(self.error(
                open,
                format!("unterminated dollar-quoted string (no closing `{tag}`)"),
            )),
        }
    }

    fn word(&mut self) -> Result<(), SqlFileError> {
        let bytes = self.bytes;
        let start = self.pos;
        let end = self.scan_while(start, is_word_byte);
        let word = &bytes[start..end];
        let is = |w: &str| word.eq_ignore_ascii_case(w.as_bytes());
        self.pos = end;
        let next = bytes.get(end).copied();
        if self.rules.prefixed_strings && is("E") && next == Some(b'\'') {
            self.code();
            self.markers.postgres += 1;
            return self.quoted(end, b'\'', true);
        }
        if self.rules.prefixed_strings
            && is("U")
            && next == Some(b'&')
            && let Some(&quote @ (b'\'' | b'"')) = bytes.get(end + 1)
        {
            self.code();
            self.markers.postgres += 1;
            return self.quoted(end + 1, quote, false);
        }
        if POSTGRES_WORDS.into_iter().any(is) {
            self.markers.postgres += 1;
        } else if MYSQL_WORDS.into_iter().any(is) {
            self.markers.mysql += 1;
        }
        if is("DELIMITER") && !self.has_code {
            return Err(self.error(
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
                    let (next_start, next_end) = self.next_word(end);
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

    fn parse(text: &str) -> SqlMigration {
        match parse_sql_migration(text) {
            Ok(migration) => migration,
            Err(e) => panic!("unexpected parse error: {e}"),
        }
    }

    fn parse_err(text: &str) -> SqlFileError {
        match parse_sql_migration(text) {
            Ok(migration) => panic!("expected an error, got {migration:?}"),
            Err(e) => e,
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    // ---- the file format ----

    #[test]
    fn up_and_down_sections_are_split_into_statements() {
        let m = parse(
            "-- dbm:up\nCREATE TABLE roles (id SERIAL PRIMARY KEY);\nCREATE TABLE t (x int);\n\
             -- dbm:down\nDROP TABLE t;\nDROP TABLE roles;\n",
        );
        assert_eq!(
            m,
            SqlMigration {
                up: strings(&[
                    "CREATE TABLE roles (id SERIAL PRIMARY KEY)",
                    "CREATE TABLE t (x int)"
                ]),
                down: Some(strings(&["DROP TABLE t", "DROP TABLE roles"])),
                transaction: true,
            }
        );
    }

    #[test]
    fn a_file_without_a_down_marker_has_no_down_section() {
        let m = parse("-- dbm:up\nSELECT 1;\n");
        assert_eq!(m.up, strings(&["SELECT 1"]));
        assert_eq!(m.down, None);
        assert!(m.transaction);
    }

    #[test]
    fn an_empty_down_section_is_present_but_empty() {
        let m = parse("-- dbm:up\nSELECT 1;\n-- dbm:down\n-- nothing to undo\n");
        assert_eq!(m.down, Some(vec![]));
    }

    #[test]
    fn markers_allow_surrounding_whitespace_and_crlf_line_ends() {
        let m = parse("  -- dbm:up  \r\nSELECT 1;\r\n\t--   dbm:down\t\r\nSELECT 2\r\n");
        assert_eq!(m.up, strings(&["SELECT 1"]));
        assert_eq!(m.down, Some(strings(&["SELECT 2"])));
        let m = parse("--migrate:up\nSELECT 1;\n--migrate:down\nSELECT 2;\n");
        assert_eq!(m.down, Some(strings(&["SELECT 2"])));
    }

    #[test]
    fn a_misspelt_down_marker_is_an_error_not_part_of_up() {
        // Read as a comment, this line would run the down statements as part of `up`.
        let e = parse_err("-- dbm:up\nCREATE TABLE a (x int);\n-- fbm:down\nDROP TABLE a;\n");
        assert_eq!(e.line, 3);
        assert!(
            e.message
                .starts_with("`-- fbm:down` is not a marker; did you mean `-- dbm:down`?"),
            "{e}"
        );
    }

    #[test]
    fn near_markers_in_case_spacing_or_spelling_are_errors_with_a_did_you_mean() {
        for (line, marker) in [
            ("-- fbm:down", "dbm:down"),
            ("--dbm:down", "dbm:down"),
            ("-- dbm: down", "dbm:down"),
            ("-- dbm :down", "dbm:down"),
            ("-- DBM:Down", "dbm:down"),
            ("-- DBM:UP", "dbm:down"),
            ("-- dbm:donw", "dbm:down"),
            ("-- dbm:dwn", "dbm:down"),
            ("-- db:down", "dbm:down"),
            ("-- dbm:no-transactoin", "dbm:no-transaction"),
            ("-- dbm:notransaction", "dbm:no-transaction"),
            ("-- dbm:statement-begni", "dbm:statement-begin"),
            ("-- dbm:statement_end", "dbm:statement-end"),
            ("-- migrate:dwon", "migrate:down"),
            ("-- Migrate:Down", "migrate:down"),
            ("-- migrate: down transaction:false", "migrate:down"),
            ("--fbm:down", "dbm:down"),
        ] {
            let text = format!("-- dbm:up\nSELECT 1;\n{line}\nSELECT 2;\n");
            let e = parse_err(&text);
            let expected = if line == "-- DBM:UP" {
                "dbm:up"
            } else {
                marker
            };
            assert_eq!(e.line, 3, "{line}: {e}");
            assert!(
                e.message
                    .contains(&format!("did you mean `-- {expected}`?")),
                "{line}: {e}"
            );
            assert!(e.message.contains(&format!("`{line}`")), "{line}: {e}");
        }
    }

    #[test]
    fn ordinary_comments_near_no_marker_stay_comments() {
        for comment in [
            "-- create the users table",
            "-- update:",
            "-- down the road",
            "-- TODO: drop this column",
            "-- note: up to 30 characters",
            "-- migrate users to the new table",
            "-- migrated from the old system",
            "-- dbm",
            "-- up",
            "-- down",
            "--",
            "-- ---------------------------------",
            "-- db: 3 shards",
        ] {
            let m = parse(&format!(
                "{comment}\n-- dbm:up\n{comment}\nSELECT 1;\n-- dbm:down\n{comment}\nSELECT 2;\n"
            ));
            assert_eq!(
                m.up,
                strings(&[&format!("{comment}\nSELECT 1")]),
                "{comment}"
            );
        }
    }

    #[test]
    fn a_misspelt_fence_in_a_sql_operation_is_an_error() {
        let e = split_err("SELECT 1;\n-- dbm:statment-begin\nSELECT 2;\n");
        assert_eq!(e.line, 2);
        assert!(
            e.message.contains("did you mean `-- dbm:statement-begin`?"),
            "{e}"
        );
    }

    #[test]
    fn a_nul_byte_is_an_error_naming_its_line_and_column() {
        let e = parse_err("-- dbm:up\nCREATE TABLE a (x int);\n\0\nSELECT 1;\n");
        assert_eq!(e.line, 3);
        assert!(
            e.message
                .starts_with("control character U+0000 (NUL) at column 1;"),
            "{e}"
        );
        let e = parse_err("-- dbm:up\nSELECT 'é\u{1b}';\n");
        assert_eq!(e.line, 2);
        assert!(
            e.message
                .starts_with("control character U+001B (ESC) at column 10;"),
            "{e}"
        );
        for dialect in [SqlDialect::Postgres, SqlDialect::Mysql, SqlDialect::Sqlite] {
            let e = parse_sql_migration_for("-- x\u{7}\n-- dbm:up\nSELECT 1;", dialect)
                .expect_err("a bell is refused");
            assert_eq!(e.line, 1);
            assert!(split_statements_for("SELECT 1;\0", dialect).is_err());
        }
        assert!(split_statements("SELECT\u{b}1").is_err());
    }

    #[test]
    fn tab_line_feed_carriage_return_and_form_feed_are_allowed() {
        let m = parse("-- dbm:up\r\nSELECT\t1;\x0c\nSELECT 2;\r\n");
        assert_eq!(m.up, strings(&["SELECT\t1", "SELECT 2"]));
    }

    #[test]
    fn a_loop_that_stops_consuming_input_is_stopped_and_the_split_fails() {
        let mut splitter = Splitter::new("ab", Rules::SQLITE);
        let mut turns = 0;
        for _ in 0..3 {
            assert!(splitter.turn(&mut turns, 1));
        }
        assert!(!splitter.turn(&mut turns, 1));
        let e = splitter.run().expect_err("a stalled split fails");
        assert!(e.message.contains("made no progress"), "{e}");
    }

    #[test]
    fn a_byte_order_mark_before_the_up_marker_is_ignored() {
        assert_eq!(
            parse("\u{feff}-- dbm:up\nSELECT 1").up,
            strings(&["SELECT 1"])
        );
    }

    #[test]
    fn comments_and_blank_lines_may_precede_the_up_marker() {
        let m = parse("-- create the roles table\n\n   \n-- dbm:up\nSELECT 1;");
        assert_eq!(m.up, strings(&["SELECT 1"]));
    }

    #[test]
    fn dbmate_markers_are_accepted() {
        let m = parse("-- migrate:up\nCREATE TABLE a (x int);\n-- migrate:down\nDROP TABLE a;\n");
        assert_eq!(
            m,
            SqlMigration {
                up: strings(&["CREATE TABLE a (x int)"]),
                down: Some(strings(&["DROP TABLE a"])),
                transaction: true,
            }
        );
    }

    #[test]
    fn dbmate_transaction_false_runs_outside_a_transaction() {
        let m = parse("-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n");
        assert_eq!(m.up, strings(&["CREATE INDEX CONCURRENTLY i ON t (x)"]));
        assert!(!m.transaction);
        let m = parse("-- migrate:up\nSELECT 1;\n-- migrate:down transaction:false\nSELECT 2;\n");
        assert!(!m.transaction);
        assert!(parse("-- migrate:up transaction:true\nSELECT 1;").transaction);
    }

    #[test]
    fn an_unknown_dbmate_option_is_an_error() {
        let e = parse_err("\n-- migrate:up transactions:false\nSELECT 1;");
        assert_eq!(e.line, 2);
        assert!(
            e.message.contains("unknown option `transactions:false`"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_dbmate_marker_is_an_error() {
        let e = parse_err("-- migrate:up\nSELECT 1;\n-- migrate:donw\nSELECT 2;");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("`-- migrate:donw`"), "{e}");
    }

    #[test]
    fn no_transaction_in_the_header_runs_outside_a_transaction() {
        let m = parse(
            "-- concurrent index\n-- dbm:no-transaction\n-- dbm:up\nCREATE INDEX CONCURRENTLY i ON t (x);",
        );
        assert_eq!(
            m,
            SqlMigration {
                up: strings(&["CREATE INDEX CONCURRENTLY i ON t (x)"]),
                down: None,
                transaction: false,
            }
        );
    }

    #[test]
    fn no_transaction_after_the_up_marker_is_an_error() {
        let e = parse_err("-- dbm:up\nSELECT 1;\n-- dbm:no-transaction\n");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("header"), "{e}");
    }

    #[test]
    fn a_file_without_an_up_marker_is_an_error_on_line_one() {
        let e = parse_err("CREATE TABLE a (x int);\n");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("`-- dbm:up`"), "{e}");
        assert!(e.message.contains("`-- migrate:up`"), "{e}");
        assert_eq!(parse_err("").line, 1);
    }

    #[test]
    fn a_second_up_marker_is_an_error_with_its_line() {
        let e = parse_err("-- dbm:up\nSELECT 1;\n-- migrate:up\nSELECT 2;");
        assert_eq!(
            e,
            SqlFileError::new(3, "a second up marker (the first is on line 1)")
        );
    }

    #[test]
    fn a_second_down_marker_is_an_error_with_its_line() {
        let e = parse_err("-- dbm:up\nSELECT 1;\n-- dbm:down\nSELECT 2;\n\n-- dbm:down\n");
        assert_eq!(
            e,
            SqlFileError::new(6, "a second down marker (the first is on line 3)")
        );
    }

    #[test]
    fn a_down_marker_before_the_up_marker_is_an_error_with_its_line() {
        let e = parse_err("-- header\n-- dbm:down\nSELECT 2;\n-- dbm:up\nSELECT 1;");
        assert_eq!(
            e,
            SqlFileError::new(2, "a down marker before the `-- dbm:up` marker")
        );
    }

    #[test]
    fn sql_before_the_up_marker_is_an_error_naming_the_line() {
        let e = parse_err("-- header\n\nSELECT 0;\n-- dbm:up\nSELECT 1;");
        assert_eq!(e.line, 3);
        assert!(
            e.message.starts_with("SQL before the `-- dbm:up` marker"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_dbm_directive_is_an_error_listing_the_valid_ones() {
        let e = parse_err("-- dbm:upp\nSELECT 1;");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("did you mean `-- dbm:up`?"), "{e}");
        let e = parse_err("-- dbm:environment-specific\n-- dbm:up\nSELECT 1;");
        assert_eq!(e.line, 1);
        assert_eq!(
            e.message,
            "unknown marker `-- dbm:environment-specific`; the markers are `-- dbm:up`, \
             `-- dbm:down`, `-- dbm:no-transaction`, `-- dbm:statement-begin`, \
             `-- dbm:statement-end`, `-- migrate:up`, `-- migrate:down`"
        );
    }

    #[test]
    fn text_after_a_dbm_directive_is_an_error() {
        let e = parse_err("-- dbm:up\nSELECT 1;\n-- dbm:down now\n");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("unexpected text `now`"), "{e}");
    }

    #[test]
    fn a_fence_before_the_up_marker_is_an_error() {
        let e = parse_err("-- dbm:statement-begin\n-- dbm:up\n");
        assert_eq!(e.line, 1);
    }

    #[test]
    fn split_errors_carry_line_numbers_of_the_whole_file() {
        let e = parse_err("-- a\n-- dbm:up\nSELECT 1;\nSELECT 'oops;\n");
        assert_eq!(
            e,
            SqlFileError::new(4, "unterminated string literal `'...'`")
        );
        let e = parse_err("-- dbm:up\nSELECT 1;\n-- dbm:down\n\nSELECT 2;\nSELECT $$x;\n");
        assert_eq!(
            e,
            SqlFileError::new(6, "unterminated dollar-quoted string (no closing `$$`)")
        );
    }

    #[test]
    fn an_error_displays_as_line_then_message() {
        assert_eq!(SqlFileError::new(7, "boom").to_string(), "line 7: boom");
    }

    #[test]
    fn fences_work_inside_a_section() {
        let m = parse(
            "-- dbm:up\n-- dbm:statement-begin\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW \
             BEGIN\n  SET NEW.x = 1;\nEND;\n-- dbm:statement-end\n-- dbm:down\nDROP TRIGGER t;\n",
        );
        assert_eq!(
            m.up,
            strings(&[
                "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN\n  SET NEW.x = 1;\nEND;"
            ])
        );
        assert_eq!(m.down, Some(strings(&["DROP TRIGGER t"])));
    }

    // ---- the splitter ----

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
    fn mysql_executable_comments_are_statements() {
        assert_eq!(
            split("/*!40101 SET NAMES utf8mb4 */;\nSELECT 1;"),
            strings(&["/*!40101 SET NAMES utf8mb4 */", "SELECT 1"])
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
    fn a_do_block_is_one_statement() {
        let d = "DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1) THEN\n    CREATE TYPE mood AS ENUM ('ok');\n  END IF;\nEND\n$$";
        assert_eq!(
            split(&format!("{d};\nSELECT 2;")),
            strings(&[d, "SELECT 2"])
        );
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
    fn mysql_double_quoted_strings_have_backslash_escapes_only_in_mysql() {
        let sql = r#"SELECT "a\";SELECT 2"#;
        assert_eq!(
            split_for(sql, SqlDialect::Postgres),
            strings(&[r#"SELECT "a\""#, "SELECT 2"])
        );
        assert!(split_statements_for(sql, SqlDialect::Mysql).is_err());
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
    fn an_unterminated_dollar_quote_is_an_error_at_its_start() {
        assert_eq!(
            split_err("SELECT 1;\nDO $body$ BEGIN NULL; END $$;"),
            SqlFileError::new(2, "unterminated dollar-quoted string (no closing `$body$`)")
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

    #[test]
    fn non_ascii_text_is_kept_intact() {
        assert_eq!(
            split("INSERT INTO tür VALUES ('é;ü');SELECT 'ß'"),
            strings(&["INSERT INTO tür VALUES ('é;ü')", "SELECT 'ß'"])
        );
    }

    // ---- fuzzing: the splitter ends on every input ----

    mod fuzz {
        use proptest::prelude::*;

        use super::super::*;

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
                let most = splitter.most_turns.get();
                prop_assert!(
                    most <= text.len() + 1,
                    "{rules:?}: a loop took {most} turns on {} bytes",
                    text.len()
                );
                prop_assert_eq!(splitter.stalled.get(), None, "{:?}: stalled", rules);
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
