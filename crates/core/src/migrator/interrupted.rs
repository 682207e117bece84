//! Interrupted migrations: the refusal that explains one, and `migration:resolve`.
//!
//! Where a migration's statements commit as they go (MySQL's DDL, a migration outside a
//! transaction), its tracking row is written as `running` before its first statement and
//! marked `applied` after its last; a down marks it `rolling_back` first. A process that
//! stops in between leaves the row in that state: the migration is `interrupted`, and
//! nothing runs until the user checks the database and records the truth.

use serde::Serialize;

use super::Migrator;
use crate::driver::Catalog;
use crate::error::{Error, Result};
use crate::migration::{Direction, Migration, MigrationBody, Step};
use crate::repository::{AppliedMigration, Repository, RowState};
use crate::schema::Operation;
use crate::schema::naming::{NameKind, resolve};

/// What `migration:resolve` records about an interrupted migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// All of its changes are in the database: record it as applied.
    Applied,
    /// None of its changes are: forget it, so that it is pending again.
    RolledBack,
}

/// What [`Migrator::resolve`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolved {
    /// The migration's name.
    pub name: String,
    /// What its row said: `running` (interrupted while applying) or `rolling_back`.
    pub was: RowState,
    /// What was recorded.
    pub resolved: Resolution,
}

/// A database object a portable migration touches.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Object {
    Table(String),
    Column(String, String),
    Index(Option<String>, String),
    ForeignKey(String, String),
}

impl Object {
    fn describe(&self) -> String {
        match self {
            Self::Table(t) => format!("table `{t}`"),
            Self::Column(t, c) => format!("column `{t}.{c}`"),
            Self::Index(_, i) => format!("index `{i}`"),
            Self::ForeignKey(_, f) => format!("foreign key `{f}`"),
        }
    }

    fn exists(&self, catalog: &Catalog) -> bool {
        let table = |name: &str| catalog.tables.iter().find(|t| t.name == name);
        match self {
            Self::Table(t) => table(t).is_some() || catalog.views.iter().any(|v| &v.name == t),
            Self::Column(t, c) => table(t).is_some_and(|t| t.columns.iter().any(|x| &x.name == c)),
            Self::Index(on, i) => catalog
                .tables
                .iter()
                .filter(|t| on.as_ref().is_none_or(|on| &t.name == on))
                .any(|t| t.indexes.iter().any(|x| &x.name == i)),
            Self::ForeignKey(t, f) => table(t).is_some_and(|t| {
                t.foreign_keys
                    .iter()
                    .any(|x| x.name.as_deref() == Some(f.as_str()))
            }),
        }
    }
}

/// The objects the operations create, change or drop, in order, each once.
fn objects(ops: &[Operation]) -> Vec<Object> {
    let mut out: Vec<Object> = Vec::new();
    let mut add = |object: Object| {
        if !out.contains(&object) {
            out.push(object);
        }
    };
    for op in ops {
        match op {
            Operation::CreateTable(t) => {
                add(Object::Table(t.name.clone()));
                for index in &t.indexes {
                    add(Object::Index(
                        Some(t.name.clone()),
                        index.index_name(&t.name),
                    ));
                }
            }
            Operation::AlterTable(a) => {
                let t = &a.name;
                for column in &a.add_columns {
                    add(Object::Column(t.clone(), column.name.clone()));
                }
                for column in &a.drop_columns {
                    add(Object::Column(t.clone(), column.clone()));
                }
                for (old, new) in &a.rename_columns {
                    add(Object::Column(t.clone(), old.clone()));
                    add(Object::Column(t.clone(), new.clone()));
                }
                for index in &a.add_indexes {
                    add(Object::Index(Some(t.clone()), index.index_name(t)));
                }
                for unique in &a.add_unique {
                    add(Object::Index(Some(t.clone()), unique.unique_name(t)));
                }
                for index in &a.drop_indexes {
                    add(Object::Index(
                        Some(t.clone()),
                        resolve(t, index, NameKind::Index),
                    ));
                }
                for unique in &a.drop_unique {
                    add(Object::Index(
                        Some(t.clone()),
                        resolve(t, unique, NameKind::Unique),
                    ));
                }
                for fk in &a.add_foreign_keys {
                    add(Object::ForeignKey(t.clone(), fk.name_on(t)));
                }
                for fk in &a.drop_foreign_keys {
                    add(Object::ForeignKey(
                        t.clone(),
                        resolve(t, fk, NameKind::Foreign),
                    ));
                }
            }
            Operation::DropTable(d) => add(Object::Table(d.name.clone())),
            Operation::RenameTable(r) => {
                add(Object::Table(r.name.clone()));
                add(Object::Table(r.to.clone()));
            }
            Operation::CreateIndex(i) => {
                add(Object::Index(Some(i.table.clone()), i.resolved_name()))
            }
            Operation::DropIndex(i) => add(Object::Index(i.table.clone(), i.name.clone())),
            Operation::Sql(_) => {}
        }
    }
    out
}

/// `table \`t\` exists, index \`x\` does not exist`.
fn describe_objects(objects: &[Object], catalog: &Catalog) -> String {
    objects
        .iter()
        .map(|o| {
            let verb = if o.exists(catalog) {
                "exists"
            } else {
                "does not exist"
            };
            format!("{} {verb}", o.describe())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Migrator {
    /// Refuses to go on while a migration of `applied` is interrupted, explaining which,
    /// what happened, which of its objects exist (for a portable migration, from
    /// introspection) and how to resolve it.
    pub(super) async fn refuse_interrupted(&mut self, applied: &[AppliedMigration]) -> Result<()> {
        let mut interrupted = applied.iter().filter(|a| a.state.is_interrupted());
        let Some(row) = interrupted.next() else {
            return Ok(());
        };
        let what = match row.state {
            RowState::RollingBack => "while it was rolling back",
            _ => "while it was being applied",
        };
        let name = &row.name;
        let mut message = format!(
            "migration {name} was interrupted {what}: a dbm process stopped before it \
             finished, and its statements commit one by one ({}), so part of it may be in the \
             database; nothing was run",
            if self.dialect.capabilities().transactional_ddl {
                "it runs outside a transaction"
            } else {
                "DDL commits implicitly on this database"
            }
        );
        let migration = self.migrations.iter().find(|m| &m.name == name).cloned();
        match migration.as_ref().map(|m| &m.body) {
            Some(MigrationBody::Schema { .. }) => {
                let ops = operations(migration.as_ref(), Direction::Up);
                let objects = objects(&ops);
                if !objects.is_empty() {
                    match self.conn.introspect().await {
                        Ok(catalog) => message.push_str(&format!(
                            "\n  its objects now: {}",
                            describe_objects(&objects, &catalog)
                        )),
                        Err(e) => {
                            message.push_str(&format!("\n  (could not look at its objects: {e})"))
                        }
                    }
                }
            }
            Some(MigrationBody::Sql { up, down }) => {
                let statements = match row.state {
                    RowState::RollingBack => down.as_deref().unwrap_or_default(),
                    _ => up.as_slice(),
                };
                let list: Vec<String> = statements
                    .iter()
                    .map(|s| format!("    {}", crate::util::cut(s.trim(), 200)))
                    .collect();
                message.push_str(&format!(
                    "\n  dbm cannot tell which statements of a SQL migration applied; they \
                     are:\n{}",
                    list.join("\n")
                ));
            }
            None => message.push_str("\n  its migration file is missing"),
        }
        let others: Vec<&str> = interrupted.map(|a| a.name.as_str()).collect();
        if !others.is_empty() {
            message.push_str(&format!("\n  also interrupted: {}", others.join(", ")));
        }
        message.push_str(&format!(
            "\n  check the database, finish or undo the migration by hand, then record what is \
             true:\n    dbm migration:resolve {name} --applied       (all of its changes are \
             in the database)\n    dbm migration:resolve {name} --rolled-back   (none of them \
             are)"
        ));
        Err(Error::Interrupted { message })
    }

    /// Records the truth about an interrupted migration, under the lock: `Applied` marks its
    /// row applied, `RolledBack` deletes it. `name` is the name `migration:status` shows, or
    /// its last part (the file name, with or without its extension).
    ///
    /// # Errors
    ///
    /// [`Error::Refused`] when no recorded migration has that name, or it is not
    /// interrupted; nothing is changed.
    pub async fn resolve(&mut self, name: &str, resolution: Resolution) -> Result<Resolved> {
        let held = self.acquire().await?;
        let result = self.resolve_locked(name, resolution).await;
        self.release(held, result).await
    }

    async fn resolve_locked(&mut self, name: &str, resolution: Resolution) -> Result<Resolved> {
        let applied = self.applied().await?;
        let stem = name
            .strip_suffix(".toml")
            .or_else(|| name.strip_suffix(".sql"))
            .unwrap_or(name);
        let exact: Vec<&AppliedMigration> = applied.iter().filter(|a| a.name == name).collect();
        let matches: Vec<&AppliedMigration> = if exact.is_empty() {
            applied
                .iter()
                .filter(|a| a.name.rsplit('/').next() == Some(stem))
                .collect()
        } else {
            exact
        };
        let row = match matches.as_slice() {
            [row] => (*row).clone(),
            [] => {
                return Err(Error::Refused {
                    message: format!(
                        "no migration named {name} is recorded in {}; `dbm migration:status` \
                         lists them (nothing was changed)",
                        self.options.table
                    ),
                });
            }
            several => {
                let names: Vec<&str> = several.iter().map(|a| a.name.as_str()).collect();
                return Err(Error::Refused {
                    message: format!(
                        "{name} names several migrations: {}; give the full name (nothing was \
                         changed)",
                        names.join(", ")
                    ),
                });
            }
        };
        if !row.state.is_interrupted() {
            return Err(Error::Refused {
                message: format!(
                    "{} is not interrupted (it is applied); there is nothing to resolve \
                     (nothing was changed)",
                    row.name
                ),
            });
        }
        let repo = Repository::new(&self.options.table, self.dialect.as_ref());
        match resolution {
            Resolution::Applied => repo.mark_applied(self.conn.as_mut(), &row.name).await?,
            Resolution::RolledBack => repo.delete(self.conn.as_mut(), &row.name).await?,
        }
        Ok(Resolved {
            name: row.name,
            was: row.state,
            resolved: resolution,
        })
    }
}

/// The operations of a portable migration in `direction` (none for SQL or a missing file).
fn operations(migration: Option<&Migration>, direction: Direction) -> Vec<Operation> {
    migration
        .and_then(|m| m.steps(direction).ok())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|step| match step {
            Step::Operation(op) => Some(*op),
            Step::Sql(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::driver::{IndexInfo, TableInfo};
    use crate::schema::{Column, ColumnType, CreateIndex, CreateTable};

    #[test]
    fn lists_which_objects_exist() {
        let ops = vec![
            Operation::CreateTable(CreateTable {
                name: "t16".into(),
                columns: vec![Column::new("id", ColumnType::Increments)],
                ..CreateTable::default()
            }),
            Operation::CreateIndex(CreateIndex {
                table: "t16".into(),
                columns: vec!["id".into()],
                unique: false,
                name: Some("x".into()),
                concurrently: false,
            }),
        ];
        let mut catalog = Catalog::default();
        catalog.tables.push(TableInfo {
            name: "t16".into(),
            ..TableInfo::default()
        });
        assert_eq!(
            describe_objects(&objects(&ops), &catalog),
            "table `t16` exists, index `x` does not exist"
        );
        catalog.tables[0].indexes.push(IndexInfo {
            name: "x".into(),
            columns: vec!["id".into()],
            unique: false,
            ..Default::default()
        });
        assert_eq!(
            describe_objects(&objects(&ops), &catalog),
            "table `t16` exists, index `x` exists"
        );
    }
}
