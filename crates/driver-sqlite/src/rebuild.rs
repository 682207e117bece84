//! The SQLite table rebuild: what `ALTER TABLE` cannot do natively (alter a column, add or
//! drop a foreign key, drop a constrained column, add a key column).
//!
//! It starts from the stored `CREATE TABLE` text ([`TableDef`]), edits it, and emits SQLite's
//! documented sequence (<https://www.sqlite.org/lang_altertable.html#otheralter>):
//!
//! 1. `CREATE TABLE "_dbm_new_<t>" (...)` — the edited definition;
//! 2. `INSERT INTO "_dbm_new_<t>" (cols) SELECT cols FROM "<t>"` — explicit column lists;
//! 3. the `AUTOINCREMENT` counter carried over, so ids are never reused;
//! 4. `DROP TRIGGER` / `DROP VIEW` for every trigger and view the state lists (SQLite's
//!    rename checks every trigger and view of the schema, and fails on any that names the
//!    dropped table);
//! 5. `DROP TABLE "<t>"`, then `ALTER TABLE "_dbm_new_<t>" RENAME TO "<t>"` — the old table
//!    is never renamed (SQLite 3.26+ would rewrite the children's `REFERENCES` to follow it);
//! 6. the table's indexes from their stored SQL (minus the ones the edit dropped), the views,
//!    the triggers, each exactly as stored;
//! 7. `SELECT 1 FROM "<view>" LIMIT 0` for each view: SQLite does not check a view when it is
//!    created, so this is what makes a view that used a dropped column fail the migration
//!    (its transaction rolls back) instead of breaking later.
//!
//! The edits are written by the calling dialect's hooks (column definitions, foreign keys,
//! primary keys, indexes, quoting); what the rebuild keeps is copied as stored, the table's
//! options after its closing parenthesis (`STRICT`, `WITHOUT ROWID`) included.
//!
//! The migrator turns `PRAGMA foreign_keys` off before `BEGIN` and runs
//! `PRAGMA foreign_key_check` before `COMMIT` (with enforcement on, `DROP TABLE` would fire
//! the children's `ON DELETE CASCADE`); the statements here contain no `PRAGMA`.

use dbm_core::Dialect;
use dbm_core::driver::TableState;
use dbm_core::error::{Error, Result};
use dbm_core::schema::{Column, ConstraintRef, ForeignKey, naming};

use dbm_core::dialect::ddl::quote_list;

use crate::ddl;
use crate::sqltext::same_name;
use crate::tabledef::{
    ColumnDef, ConstraintKind, Item, SegmentKind, TableConstraint, TableDef, index_involves,
};

/// The prefix of the new table during a rebuild.
pub const NEW_TABLE_PREFIX: &str = "_dbm_new_";

/// A rebuild in progress: the stored definition being edited, and what to do around it.
pub(crate) struct Rebuild<'a> {
    /// Writes new and altered columns, keys, indexes and identifiers.
    dialect: &'a dyn Dialect,
    state: &'a TableState,
    def: TableDef,
    /// The stored table's columns an `INSERT` can fill (generated columns excluded).
    copied: Vec<String>,
    /// Indexes not to recreate.
    dropped_indexes: Vec<String>,
    /// Indexes to create after the rebuild: `(name, statement)`.
    after: Vec<(String, String)>,
}

fn schema_error(table: &str, message: impl std::fmt::Display) -> Error {
    Error::schema(format!("table \"{table}\": {message}"))
}

impl<'a> Rebuild<'a> {
    /// Starts a rebuild of `table` from its current state.
    ///
    /// # Errors
    ///
    /// The table does not exist (`state` is `None`), or its stored SQL cannot be taken apart.
    pub fn new(
        dialect: &'a dyn Dialect,
        table: &str,
        state: Option<&'a TableState>,
    ) -> Result<Self> {
        let state = state.ok_or_else(|| {
            Error::schema(format!(
                "table \"{table}\" does not exist, so SQLite cannot rebuild it to alter it"
            ))
        })?;
        let def = TableDef::parse(&state.create_sql)
            .map_err(|why| schema_error(&state.name, format!("cannot rebuild: {why}")))?;
        let copied = def
            .columns()
            .filter(|c| !c.is_generated())
            .map(|c| c.name.clone())
            .collect();
        Ok(Self {
            dialect,
            state,
            def,
            copied,
            dropped_indexes: Vec::new(),
            after: Vec::new(),
        })
    }

    fn table(&self) -> &str {
        &self.state.name
    }

    fn has_index(&self, name: &str) -> bool {
        self.state.indexes.iter().any(|(n, _)| same_name(n, name))
            || self.after.iter().any(|(n, _)| same_name(n, name))
    }

    fn column(&self, name: &str, verb: &str) -> Result<usize> {
        self.def.column_position(name).ok_or_else(|| {
            schema_error(
                self.table(),
                format!("cannot {verb} column \"{name}\": it does not exist"),
            )
        })
    }

    fn add_column_indexes(&mut self, column: &Column) -> Result<()> {
        for (name, sql) in ddl::column_indexes(self.dialect, &self.state.name, column)? {
            if !self.has_index(&name) {
                self.after.push((name, sql));
            }
        }
        Ok(())
    }

    fn push_foreign_key(&mut self, fk: &ForeignKey) -> Result<()> {
        let name = fk.name_on(self.table());
        if self.def.constraints().any(|c| c.is_named(&name))
            || self
                .def
                .foreign_keys()
                .iter()
                .any(|(n, ..)| n.as_deref().is_some_and(|n| same_name(n, &name)))
        {
            return Err(schema_error(
                self.table(),
                format!("foreign key \"{name}\" already exists"),
            ));
        }
        let text = self.dialect.foreign_key(self.table(), fk)?;
        self.def.items.push(Item::Constraint(TableConstraint {
            name: Some(name),
            kind: ConstraintKind::ForeignKey {
                parent: fk.references_table.clone(),
            },
            columns: fk.columns.clone(),
            text,
        }));
        Ok(())
    }

    fn push_primary_key(&mut self, column: &str) -> Result<()> {
        let existing = self.def.primary_key();
        if !existing.is_empty() {
            return Err(schema_error(
                self.table(),
                format!(
                    "column \"{column}\" cannot become the primary key: the table already has one ({})",
                    existing.join(", ")
                ),
            ));
        }
        let text = ddl::primary_key_clause(self.dialect, self.table(), column)?;
        self.def.items.push(Item::Constraint(TableConstraint {
            name: Some(naming::primary_key_name(self.table())),
            kind: ConstraintKind::PrimaryKey,
            columns: vec![column.to_string()],
            text,
        }));
        Ok(())
    }

    /// Replaces column definitions with new full definitions (type, nullability, default,
    /// comment); the table's other columns, indexes and constraints are kept.
    ///
    /// From the old definition, `UNIQUE`, `REFERENCES` and `COLLATE` clauses are kept, and a
    /// primary key stays a primary key (as a table constraint unless the new type is
    /// `increments`). Its own `CHECK` clauses are replaced (an enum's values live there).
    /// A new `unique`, `index` or `references` that does not exist yet is added.
    pub fn alter_columns(&mut self, columns: &[Column]) -> Result<()> {
        for column in columns {
            let position = self.column(&column.name, "alter")?;
            let Item::Column(old) = &self.def.items[position] else {
                continue;
            };
            let segments = old.segments();
            let was_primary = segments.iter().any(|s| s.kind == SegmentKind::PrimaryKey);
            let keep: Vec<String> = segments
                .iter()
                .filter(|s| {
                    matches!(
                        s.kind,
                        SegmentKind::Unique | SegmentKind::Collate | SegmentKind::References { .. }
                    )
                })
                .map(|s| old.segment_text(s).to_string())
                .collect();
            let keep_refs: Vec<&str> = keep.iter().map(String::as_str).collect();
            let definition = self
                .dialect
                .column_definition(self.table(), column, false)?;
            let text = ddl::with_kept(definition, column, &keep_refs);
            self.def.items[position] = Item::Column(ColumnDef {
                name: column.name.clone(),
                text,
            });
            let table_pk = self.def.items.iter().position(
                |i| matches!(i, Item::Constraint(c) if c.kind == ConstraintKind::PrimaryKey),
            );
            let pk_columns = match table_pk.map(|pk| &self.def.items[pk]) {
                Some(Item::Constraint(c)) => c.columns.clone(),
                _ => Vec::new(),
            };
            let in_table_pk = pk_columns.iter().any(|c| same_name(c, &column.name));
            if column.column_type.is_increments() {
                if let Some(pk) = table_pk {
                    if pk_columns.len() != 1 || !in_table_pk {
                        return Err(schema_error(
                            self.table(),
                            format!(
                                "column \"{}\" cannot become auto-incrementing: the primary key is ({})",
                                column.name,
                                pk_columns.join(", ")
                            ),
                        ));
                    }
                    self.def.items.remove(pk);
                }
            } else if (was_primary || column.primary) && !in_table_pk {
                self.push_primary_key(&column.name)?;
            }
            self.add_column_indexes(column)?;
            if let Some(fk) = column.foreign_key() {
                let exists = self.def.foreign_keys().iter().any(|(name, cols, parent)| {
                    name.as_deref()
                        .is_some_and(|n| same_name(n, &fk.name_on(self.table())))
                        || (cols.len() == 1
                            && same_name(&cols[0], &column.name)
                            && same_name(parent, &fk.references_table))
                });
                if !exists {
                    self.push_foreign_key(&fk)?;
                }
            }
        }
        Ok(())
    }

    /// Drops columns, the table constraints that involve them (primary key, unique, foreign
    /// key, check) and the indexes that cover them.
    pub fn drop_columns(&mut self, columns: &[String]) -> Result<()> {
        for name in columns {
            let position = self.column(name, "drop")?;
            self.def.items.remove(position);
            self.def.items.retain(|item| match item {
                Item::Constraint(c) => !c.involves(name),
                Item::Column(_) => true,
            });
            for (index, sql) in &self.state.indexes {
                if index_involves(sql, name) && !self.dropped_indexes.contains(index) {
                    self.dropped_indexes.push(index.clone());
                }
            }
        }
        if self.def.columns().next().is_none() {
            return Err(schema_error(
                self.table(),
                "cannot drop every column: a SQLite table needs at least one (drop the table instead)",
            ));
        }
        Ok(())
    }

    /// Adds columns that `ALTER TABLE ADD COLUMN` cannot add: with a foreign key, a primary
    /// key, an expression default, or `NOT NULL` without a default.
    pub fn add_columns(&mut self, columns: &[Column]) -> Result<()> {
        for column in columns {
            if self.def.column_position(&column.name).is_some() {
                return Err(schema_error(
                    self.table(),
                    format!("cannot add column \"{}\": it already exists", column.name),
                ));
            }
            if column.column_type.is_increments() {
                let existing = self.def.primary_key();
                if !existing.is_empty() {
                    return Err(schema_error(
                        self.table(),
                        format!(
                            "cannot add the auto-incrementing column \"{}\": the table already has a primary key ({})",
                            column.name,
                            existing.join(", ")
                        ),
                    ));
                }
            }
            self.def.push_column(ColumnDef {
                name: column.name.clone(),
                text: self
                    .dialect
                    .column_definition(self.table(), column, false)?,
            });
            if column.primary && !column.column_type.is_increments() {
                self.push_primary_key(&column.name)?;
            }
            if let Some(fk) = column.foreign_key() {
                self.push_foreign_key(&fk)?;
            }
            self.add_column_indexes(column)?;
        }
        Ok(())
    }

    /// Adds named foreign keys.
    pub fn add_foreign_keys(&mut self, foreign_keys: &[ForeignKey]) -> Result<()> {
        foreign_keys
            .iter()
            .try_for_each(|fk| self.push_foreign_key(fk))
    }

    /// Drops foreign keys by name (`CONSTRAINT "x" FOREIGN KEY ...` or a column's
    /// `CONSTRAINT "x" REFERENCES ...`); a reference by columns whose generated name is not
    /// there also matches an unnamed foreign key on exactly those columns (tables made by
    /// other tools).
    pub fn drop_foreign_keys(&mut self, references: &[ConstraintRef]) -> Result<()> {
        for reference in references {
            let name = naming::resolve(self.table(), reference, naming::NameKind::Foreign);
            if !self.remove_foreign_key(|n, _| n.is_some_and(|n| same_name(n, &name))) {
                let found = match reference {
                    ConstraintRef::Columns(columns) => self.remove_foreign_key(|n, cols| {
                        n.is_none()
                            && cols.len() == columns.len()
                            && cols.iter().zip(columns).all(|(a, b)| same_name(a, b))
                    }),
                    ConstraintRef::Name(_) => false,
                };
                if !found {
                    return Err(schema_error(
                        self.table(),
                        format!("cannot drop foreign key \"{name}\": it does not exist"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Removes the first foreign key for which `matches(name, columns)`; true when found.
    fn remove_foreign_key(&mut self, matches: impl Fn(Option<&str>, &[String]) -> bool) -> bool {
        for position in 0..self.def.items.len() {
            match &self.def.items[position] {
                Item::Constraint(c) => {
                    if matches!(c.kind, ConstraintKind::ForeignKey { .. })
                        && matches(c.name.as_deref(), &c.columns)
                    {
                        self.def.items.remove(position);
                        return true;
                    }
                }
                Item::Column(column) => {
                    let columns = [column.name.clone()];
                    let segment = column.segments().into_iter().find(|s| {
                        matches!(s.kind, SegmentKind::References { .. })
                            && matches(s.name.as_deref(), &columns)
                    });
                    if let Some(segment) = segment {
                        let text = column.without(&segment);
                        let name = column.name.clone();
                        self.def.items[position] = Item::Column(ColumnDef { name, text });
                        return true;
                    }
                }
            }
        }
        false
    }

    /// The statements of the rebuild, in SQLite's documented order.
    pub fn statements(self) -> Vec<String> {
        let q = |name: &str| self.dialect.quote_identifier(name);
        let table = q(self.table());
        let new_name = format!("{NEW_TABLE_PREFIX}{}", self.table());
        let new_table = q(&new_name);
        let mut out = vec![self.def.render(&new_table)];
        let kept: Vec<String> = self
            .def
            .columns()
            .filter(|c| !c.is_generated())
            .filter(|c| self.copied.iter().any(|old| same_name(old, &c.name)))
            .map(|c| c.name.clone())
            .collect();
        if !kept.is_empty() {
            let columns = quote_list(self.dialect, &kept);
            out.push(format!(
                "INSERT INTO {new_table} ({columns}) SELECT {columns} FROM {table}"
            ));
        }
        if self.def.columns().any(|c| {
            crate::sqltext::tokenize(&c.text)
                .iter()
                .any(|t| t.is_word(&c.text, "AUTOINCREMENT"))
        }) {
            let old = self.dialect.quote_string(self.table());
            let new = self.dialect.quote_string(&new_name);
            out.push(format!("DELETE FROM sqlite_sequence WHERE name = {new}"));
            out.push(format!(
                "INSERT INTO sqlite_sequence (name, seq) SELECT {new}, seq FROM sqlite_sequence WHERE name = {old}"
            ));
        }
        for (name, _) in &self.state.triggers {
            out.push(format!("DROP TRIGGER {}", q(name)));
        }
        for (name, _) in &self.state.views {
            out.push(format!("DROP VIEW {}", q(name)));
        }
        out.push(format!("DROP TABLE {table}"));
        out.push(format!("ALTER TABLE {new_table} RENAME TO {table}"));
        for (name, sql) in &self.state.indexes {
            if !self.dropped_indexes.iter().any(|d| same_name(d, name)) {
                out.push(sql.clone());
            }
        }
        out.extend(self.state.views.iter().map(|(_, sql)| sql.clone()));
        out.extend(self.state.triggers.iter().map(|(_, sql)| sql.clone()));
        for (name, _) in &self.state.views {
            out.push(format!("SELECT 1 FROM {} LIMIT 0", q(name)));
        }
        out.extend(self.after.into_iter().map(|(_, sql)| sql));
        out
    }
}
