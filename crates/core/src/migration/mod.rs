//! Migrations: the model ([`Migration`]), the directory loader ([`MigrationSource`]) and the
//! two file formats ([`toml`], [`sql`]).

pub mod source;
pub mod sql;
pub mod toml;

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::schema::{Operation, Schema, reverse};

pub use source::{MigrationSource, parse_migration};

/// One migration: a name, a checksum and what it does in each direction.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    /// The name stored in `dbm_schema`: the file's path relative to the project root without
    /// its extension (`database/migrations/1732540000000_create_users_table`).
    pub name: String,
    /// The file it was read from; `None` for migrations registered in code.
    pub path: Option<PathBuf>,
    /// SHA-256 (hex) of the file with line endings normalized.
    pub checksum: String,
    /// What the migration does.
    pub body: MigrationBody,
    /// Whether it runs inside a transaction (`transaction = false` /
    /// `-- dbm:no-transaction` opt out).
    pub transaction: bool,
}

/// The two kinds of migration content.
#[derive(Debug, Clone, PartialEq)]
pub enum MigrationBody {
    /// Portable operations (TOML files, Rust migrations).
    Schema {
        /// The `up` operations.
        up: Vec<Operation>,
        /// The `down` operations; `None` means derived from `up` by reversal.
        down: Option<Vec<Operation>>,
    },
    /// Raw SQL statements (`.sql` files).
    Sql {
        /// The `up` statements.
        up: Vec<String>,
        /// The `down` statements; `None` when the file has no down section.
        down: Option<Vec<String>>,
    },
}

/// One unit of work of a migration: an operation to compile, or a SQL statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A schema operation, compiled by the connection's dialect.
    Operation(Box<Operation>),
    /// A raw statement, run as written.
    Sql(String),
}

/// The direction a migration runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Applying.
    Up,
    /// Reverting.
    Down,
}

/// What keeps one direction of a migration from running: a template not filled in yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfinished {
    /// The entry at fault (`up[0]`); `None` for a `.sql` file.
    pub entry: Option<String>,
    /// What is missing.
    pub message: String,
    /// How to finish it.
    pub fix: String,
}

impl std::fmt::Display for Unfinished {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(entry) = &self.entry {
            write!(f, "{entry}: ")?;
        }
        write!(f, "{}; {}", self.message, self.fix)
    }
}

impl Migration {
    /// What keeps `direction` from running: an `alter_table` entry that changes nothing, or
    /// a `.sql` file whose `-- dbm:up` section has no statement. A migration without a
    /// `[[down]]` reverts through its `up`, so its `up` is what the down direction reports.
    /// An empty `-- dbm:down` section is no such gap: it marks a forward-only migration.
    pub fn unfinished(&self, direction: Direction) -> Option<Unfinished> {
        match &self.body {
            MigrationBody::Sql { up, .. } => {
                (direction == Direction::Up && up.is_empty()).then(|| Unfinished {
                    entry: None,
                    message: "the `-- dbm:up` section has no statement".into(),
                    fix: "write the statements the migration runs under `-- dbm:up`".into(),
                })
            }
            MigrationBody::Schema { up, down } => {
                let (section, ops) = match (direction, down) {
                    (Direction::Down, Some(down)) => ("down", down),
                    _ => ("up", up),
                };
                ops.iter().enumerate().find_map(|(i, op)| match op {
                    Operation::AlterTable(alter) if alter.is_empty() => Some(Unfinished {
                        entry: Some(format!("{section}[{i}]")),
                        message: format!("`alter_table` {:?} changes nothing", alter.name),
                        fix: format!(
                            "give at least one of {}",
                            toml::suggest::words(toml::operations::ALTER_TABLE_KEYS)
                        ),
                    }),
                    _ => None,
                })
            }
        }
    }

    /// The migration's file relative to the project root (its name with the file's
    /// extension); its name alone for a migration registered in code.
    pub fn shown_file(&self) -> String {
        let ext = self
            .path
            .as_ref()
            .and_then(|p| p.extension())
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_default();
        format!("{}{ext}", self.name)
    }

    /// [`Error::Refused`](crate::Error::Refused) when `direction` is
    /// [unfinished](Self::unfinished), naming the file and the entry.
    ///
    /// # Errors
    ///
    /// As described.
    pub fn refuse_unfinished(&self, direction: Direction) -> Result<()> {
        match self.unfinished(direction) {
            None => Ok(()),
            Some(gap) => Err(crate::Error::Refused {
                message: format!(
                    "{} is not finished: {gap} (nothing was run)",
                    self.shown_file()
                ),
            }),
        }
    }

    /// The steps of one direction.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`](crate::Error::Refused) when the direction is
    /// [unfinished](Self::unfinished);
    /// [`Error::Schema`](crate::Error::Schema) when `down` is asked of a migration that
    /// cannot be reversed automatically and has no `down` section, and
    /// [`Error::Migration`](crate::Error::Migration) when an operation breaks a rule of
    /// [`schema::validate`](fn@crate::schema::validate), which every step passes before a
    /// dialect compiles it.
    pub fn steps(&self, direction: Direction) -> Result<Vec<Step>> {
        self.refuse_unfinished(direction)?;
        let steps = self.unchecked_steps(direction)?;
        for step in &steps {
            if let Step::Operation(op) = step {
                crate::schema::validate(op).map_err(|source| crate::Error::Migration {
                    name: self.name.clone(),
                    statement: None,
                    aftermath: None,
                    source: Box::new(source),
                })?;
            }
        }
        Ok(steps)
    }

    fn unchecked_steps(&self, direction: Direction) -> Result<Vec<Step>> {
        let ops = |ops: Vec<Operation>| {
            ops.into_iter()
                .map(|op| Step::Operation(Box::new(op)))
                .collect()
        };
        match (&self.body, direction) {
            (MigrationBody::Schema { up, .. }, Direction::Up) => Ok(ops(up.clone())),
            (
                MigrationBody::Schema {
                    down: Some(down), ..
                },
                Direction::Down,
            ) => Ok(ops(down.clone())),
            (MigrationBody::Schema { up, down: None }, Direction::Down) => {
                reverse::reverse(up).map(ops).map_err(|e| {
                    crate::Error::schema(format!(
                        "migration {} has no down section: {e}",
                        self.name
                    ))
                })
            }
            (MigrationBody::Sql { up, .. }, Direction::Up) => {
                Ok(up.iter().cloned().map(Step::Sql).collect())
            }
            (
                MigrationBody::Sql {
                    down: Some(down), ..
                },
                Direction::Down,
            ) => Ok(down.iter().cloned().map(Step::Sql).collect()),
            (MigrationBody::Sql { down: None, .. }, Direction::Down) => {
                Err(crate::Error::schema(format!(
                    "migration {} cannot be reverted: its file has no `-- dbm:down` section",
                    self.name
                )))
            }
        }
    }

    /// A migration written in Rust with the fluent builder, registered in code.
    pub fn from_rust(name: impl Into<String>, migration: &dyn RustMigration) -> Self {
        let mut up = Schema::new();
        migration.up(&mut up);
        let mut down = Schema::new();
        migration.down(&mut down);
        let up = up.into_operations();
        let down = down.into_operations();
        let down = (!down.is_empty()).then_some(down);
        let fingerprint = format!("{up:?}{down:?}");
        Self {
            name: name.into(),
            path: None,
            checksum: checksum(fingerprint.as_bytes()),
            body: MigrationBody::Schema { up, down },
            transaction: migration.transaction(),
        }
    }
}

/// A migration written in Rust: `up` (and optionally `down`) describe operations with the
/// fluent [`Schema`] builder; they compile to the same DDL as the equivalent TOML.
pub trait RustMigration: Send + Sync {
    /// Describes the `up` operations.
    fn up(&self, schema: &mut Schema);

    /// Describes the `down` operations; leave empty to derive them from `up`.
    fn down(&self, _schema: &mut Schema) {}

    /// Whether the migration runs in a transaction.
    fn transaction(&self) -> bool {
        true
    }
}

/// SHA-256 (hex) of content with `\r\n` normalized to `\n`.
pub fn checksum(content: &[u8]) -> String {
    let mut hasher = Sha256::new();
    let mut rest = content;
    while let Some(pos) = rest.windows(2).position(|w| w == b"\r\n") {
        hasher.update(&rest[..pos]);
        hasher.update(b"\n");
        rest = &rest[pos + 2..];
    }
    hasher.update(rest);
    crate::util::hex(&hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_ignores_line_ending_style() {
        assert_eq!(checksum(b"a\r\nb\r\n"), checksum(b"a\nb\n"));
        assert_ne!(checksum(b"a\nb\n"), checksum(b"a\nc\n"));
        assert_eq!(
            checksum(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn unfinished_names_the_entry_of_each_direction_and_steps_refuse_it() {
        let empty = || {
            Operation::AlterTable(crate::schema::AlterTable {
                name: "users".into(),
                ..crate::schema::AlterTable::default()
            })
        };
        let drop = Operation::DropTable(crate::schema::DropTable {
            name: "x".into(),
            if_exists: false,
        });
        let schema = |up, down| Migration {
            name: "database/migrations/2_m".into(),
            path: Some(PathBuf::from("/p/database/migrations/2_m.toml")),
            checksum: String::new(),
            body: MigrationBody::Schema { up, down },
            transaction: true,
        };
        let entry = |m: &Migration, d| m.unfinished(d).and_then(|u| u.entry);

        let up_only = schema(vec![drop.clone(), empty()], None);
        assert_eq!(entry(&up_only, Direction::Up).as_deref(), Some("up[1]"));
        assert_eq!(
            entry(&up_only, Direction::Down).as_deref(),
            Some("up[1]"),
            "a derived down is as unfinished as its up"
        );
        let err = up_only.steps(Direction::Up).unwrap_err();
        assert!(err.is_usage(), "{err:?}");
        assert_eq!(
            err.to_string(),
            "database/migrations/2_m.toml is not finished: up[1]: `alter_table` \"users\" \
             changes nothing; give at least one of `add_columns`, `drop_columns`, \
             `rename_columns`, `alter_columns`, `add_indexes`, `drop_indexes`, `add_unique`, \
             `drop_unique`, `add_foreign_keys`, `drop_foreign_keys` (nothing was run)"
        );

        let down_only = schema(vec![drop.clone()], Some(vec![empty()]));
        assert_eq!(down_only.unfinished(Direction::Up), None);
        assert_eq!(
            entry(&down_only, Direction::Down).as_deref(),
            Some("down[0]")
        );

        let sql = |up: Vec<String>, down| Migration {
            body: MigrationBody::Sql { up, down },
            ..schema(vec![], None)
        };
        let gap = sql(vec![], Some(vec![])).unfinished(Direction::Up);
        assert!(gap.is_some_and(|g| g.entry.is_none()));
        assert_eq!(
            sql(vec!["SELECT 1".into()], Some(vec![])).unfinished(Direction::Down),
            None,
            "an empty down section is a forward-only migration"
        );
    }

    #[test]
    fn sql_migration_without_down_section_cannot_be_reverted() {
        let m = Migration {
            name: "x".into(),
            path: None,
            checksum: String::new(),
            body: MigrationBody::Sql {
                up: vec!["SELECT 1".into()],
                down: None,
            },
            transaction: true,
        };
        let err = m.steps(Direction::Down).unwrap_err().to_string();
        assert!(err.contains("no `-- dbm:down` section"), "{err}");
    }

    #[test]
    fn steps_refuse_an_operation_that_breaks_a_schema_rule_before_any_dialect() {
        let column = crate::schema::Column::new(
            "mood",
            crate::schema::ColumnType::Enum {
                values: vec![],
                native: false,
            },
        );
        let table = crate::schema::CreateTable {
            name: "t".into(),
            columns: vec![column],
            ..crate::schema::CreateTable::default()
        };
        let m = Migration {
            name: "x".into(),
            path: None,
            checksum: String::new(),
            body: MigrationBody::Schema {
                up: vec![Operation::CreateTable(table)],
                down: None,
            },
            transaction: true,
        };
        let err = m.steps(Direction::Up).unwrap_err();
        let source = std::error::Error::source(&err).map(ToString::to_string);
        assert_eq!(
            source.as_deref(),
            Some("enum column `mood` needs at least one value"),
            "{err}"
        );
    }
}
