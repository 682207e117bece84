//! What [`check`](super::check) reports: findings, their rules and levels. A leaf module (plain
//! serializable data), so that the crate's error type can carry a report without depending on
//! the checker.

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The migration will fail, or cannot be rolled back: `check` exits 2 and `run` stops.
    Error,
    /// Worth a look; nothing stops.
    Warning,
}

/// The rule a finding breaks; see the [module documentation](super).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A foreign key to a table or column that does not exist at that point.
    ForeignKeyTarget,
    /// A drop of a table or column that a foreign key still references.
    ReferencedDrop,
    /// A rename of a table or column that a foreign key references.
    ReferencedRename,
    /// An operation on something that does not exist.
    UnknownObject,
    /// A create of something that already exists.
    AlreadyExists,
    /// An `up` that cannot be reversed, with no `[[down]]`.
    Irreversible,
    /// A `[[down]]` that does not undo its `up`.
    DownMismatch,
    /// A type a configured dialect maps lossily.
    LossyType,
    /// A `sql = { ... }` with no entry for a configured dialect.
    SqlDialect,
    /// A foreign key column whose type differs from the referenced column's.
    ForeignKeyType,
    /// Two migration files with the same file name.
    DuplicateName,
    /// Two migrations with the same timestamp prefix.
    DuplicateTimestamp,
    /// A template not filled in: an `alter_table` that changes nothing, a `.sql` file with
    /// no statement.
    Unfinished,
    /// A table without a primary key, on a Galera cluster.
    GaleraPrimaryKey,
}

impl Rule {
    /// The rule's name as the reports print it (`foreign-key-target`).
    pub fn code(self) -> &'static str {
        match self {
            Self::ForeignKeyTarget => "foreign-key-target",
            Self::ReferencedDrop => "referenced-drop",
            Self::ReferencedRename => "referenced-rename",
            Self::UnknownObject => "unknown-object",
            Self::AlreadyExists => "already-exists",
            Self::Irreversible => "irreversible",
            Self::DownMismatch => "down-mismatch",
            Self::LossyType => "lossy-type",
            Self::SqlDialect => "sql-dialect",
            Self::ForeignKeyType => "foreign-key-type",
            Self::DuplicateName => "duplicate-name",
            Self::DuplicateTimestamp => "duplicate-timestamp",
            Self::Unfinished => "unfinished",
            Self::GaleraPrimaryKey => "galera-primary-key",
        }
    }
}

/// One problem in one migration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub level: Level,
    /// The rule.
    pub rule: Rule,
    /// The migration's name.
    pub migration: String,
    /// The migration's file, when it has one.
    pub file: Option<String>,
    /// The entry at fault (`up[2].columns[1]`), when there is one.
    pub entry: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub fix: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.migration)?;
        if let Some(entry) = &self.entry {
            write!(f, " {entry}")?;
        }
        write!(
            f,
            ": {} [{}]; fix: {}",
            self.message,
            self.rule.code(),
            self.fix
        )
    }
}

/// What [`check`](super::check) found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// How many migrations were checked (TOML and Rust ones).
    pub checked: usize,
    /// The migrations with raw SQL (`.sql` files, `sql` entries), which the model cannot
    /// check.
    pub unchecked: Vec<String>,
    /// The findings, in migration order.
    pub findings: Vec<Finding>,
}

impl CheckReport {
    /// The number of errors.
    pub fn errors(&self) -> usize {
        self.count(Level::Error)
    }

    /// The number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Level::Warning)
    }

    fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
    }
}
