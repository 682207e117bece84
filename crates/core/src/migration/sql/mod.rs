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
//!
//! The parts, each built on the ones before it: the [`lexer`] (where strings, quoted identifiers,
//! comments and dollar quotes end, per dialect family), the directive lines (markers and
//! fences), the dialect guess, the statement splitter, and the `.sql` file format.

use std::fmt;

mod directive;
mod format;
mod guess;
pub mod lexer;
mod split;

pub use format::{SqlMigration, parse_sql_migration, parse_sql_migration_for};
pub use lexer::SqlDialect;
pub use split::{split_statements, split_statements_for};

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
