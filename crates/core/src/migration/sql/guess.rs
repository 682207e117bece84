//! The dialect guess for SQL text whose dialect is not known: the signs of each dialect
//! counted while splitting, and the choice between the PostgreSQL and the MySQL reading.

use super::SqlFileError;
use super::lexer::Rules;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Markers {
    /// Dollar quotes, `E'...'` and `U&'...'` strings, `::` casts and words such as
    /// `CONCURRENTLY`, `PLPGSQL`, `RETURNING`, `JSONB`.
    pub(super) postgres: usize,
    /// Backtick identifiers, `#` comments, `/*!` comments, `@variables` and the words `ENGINE`,
    /// `AUTO_INCREMENT` and `UNSIGNED`.
    pub(super) mysql: usize,
}

impl std::ops::AddAssign for Markers {
    fn add_assign(&mut self, other: Self) {
        self.postgres += other.postgres;
        self.mysql += other.mysql;
    }
}

pub(super) const POSTGRES_WORDS: [&str; 9] = [
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
pub(super) const MYSQL_WORDS: [&str; 3] = ["ENGINE", "AUTO_INCREMENT", "UNSIGNED"];

/// Reads `text` by PostgreSQL's and by MySQL's rules and keeps one reading: the only one when
/// they agree or when the other fails; else the one whose dialect shows more signs (see
/// [`Markers`]: MySQL's signs counted in the MySQL reading must outnumber PostgreSQL's counted
/// in the PostgreSQL reading), PostgreSQL's on a tie. A text holding no backslash, no `#` and
/// no `/*` reads the same under both, and is read once.
pub(super) fn guess<T: PartialEq>(
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
