//! The static schema model: tables, columns, indexes and foreign keys as the migrations
//! leave them, built without a database.
//!
//! [`Model::apply`] applies one operation and returns what is wrong with it against the
//! model as it stands: objects that do not exist, objects that already exist, drops and
//! renames of what a foreign key references, foreign keys to tables and columns that are not
//! there (yet), foreign key columns whose type differs from the referenced column's.
//!
//! Raw SQL is opaque: after it the model is *uncertain*, the SQL may have created, altered or
//! dropped anything. From then on an object the model does not know is added as a placeholder
//! whose columns are not known, so one unknown table is reported once, not at every use.

use std::collections::{BTreeMap, BTreeSet};

use crate::schema::naming::{self, NameKind};
use crate::schema::{
    AlterTable, Column, ColumnType, CreateIndex, CreateTable, DefaultValue, DropIndex, DropTable,
    ForeignKey, IndexDef, Operation, RenameTable,
};

/// The tables of a schema, by name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Model {
    /// The tables, by name.
    pub tables: BTreeMap<String, Table>,
    /// Set once raw SQL has run (or an applied migration's file is missing): why the model
    /// may miss what happened.
    pub uncertain: Option<String>,
    /// Index names are unique per table (MySQL) rather than per schema (PostgreSQL, SQLite).
    pub index_names_per_table: bool,
}

/// One table.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Table {
    /// The columns, by name.
    pub columns: BTreeMap<String, ColumnDef>,
    /// Indexes and unique constraints, by name.
    pub indexes: BTreeMap<String, Index>,
    /// Foreign keys, by name.
    pub foreign_keys: BTreeMap<String, Fk>,
    /// The primary key's columns.
    pub primary_key: Vec<String>,
    /// A placeholder for a table raw SQL may have created: its columns are not known.
    pub partial: bool,
}

/// What the model knows of a column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ColumnDef {
    /// The type; `None` for a column raw SQL may have created.
    pub column_type: Option<ColumnType>,
    /// `unsigned`.
    pub unsigned: bool,
    /// Whether it accepts NULL.
    pub nullable: bool,
    /// The default.
    pub default: Option<DefaultValue>,
}

impl ColumnDef {
    fn of(column: &Column) -> Self {
        Self {
            column_type: Some(column.column_type.clone()),
            unsigned: column.unsigned,
            nullable: column.is_nullable(),
            default: column.default.clone(),
        }
    }

    fn unknown() -> Self {
        Self {
            column_type: None,
            unsigned: false,
            nullable: true,
            default: None,
        }
    }
}

/// An index or unique constraint.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Index {
    /// Its columns.
    pub columns: Vec<String>,
    /// A unique index or constraint.
    pub unique: bool,
}

/// A foreign key.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fk {
    /// The referencing columns.
    pub columns: Vec<String>,
    /// The referenced table.
    pub table: String,
    /// The referenced columns.
    pub references: Vec<String>,
}

/// The kind of problem an [`Issue`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IssueKind {
    /// A foreign key to a table or column that does not exist (yet).
    ForeignKeyTarget,
    /// A drop of a table or column that a foreign key references.
    ReferencedDrop,
    /// A rename of a table or column that a foreign key references.
    ReferencedRename,
    /// An operation on something that does not exist.
    Unknown,
    /// A create of something that already exists.
    Exists,
    /// A foreign key column whose type differs from the referenced column's.
    ForeignKeyType,
}

/// How a foreign key column's type differs from the referenced column's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeGap {
    /// Only in `unsigned`: MySQL rejects it; elsewhere `unsigned` is a no-op.
    Sign,
    /// In size or precision within one family (`integer` and `big_integer`): MySQL rejects it.
    Size,
    /// In family (an integer referencing a string): MySQL and PostgreSQL reject it.
    Family,
}

/// One problem found while applying an operation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Issue {
    /// What kind.
    pub kind: IssueKind,
    /// The part of the entry at fault (`.columns[1]`), appended to the entry's own path.
    pub part: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub fix: String,
    /// For [`IssueKind::ForeignKeyTarget`]: the missing table.
    pub missing_table: Option<String>,
    /// For [`IssueKind::ForeignKeyType`]: how far apart the two types are.
    pub gap: TypeGap,
}

impl Issue {
    fn new(kind: IssueKind, part: String, message: String, fix: impl Into<String>) -> Self {
        Self {
            kind,
            part,
            message,
            fix: fix.into(),
            missing_table: None,
            gap: TypeGap::Family,
        }
    }
}

/// A foreign key with where it was declared, before it is checked.
struct Declared {
    part: String,
    fk: ForeignKey,
    name: String,
}

impl Model {
    /// Applies `op`; the issues it raises, in order.
    pub fn apply(&mut self, op: &Operation) -> Vec<Issue> {
        let mut issues = Vec::new();
        match op {
            Operation::CreateTable(create) => self.create_table(create, &mut issues),
            Operation::AlterTable(alter) => self.alter_table(alter, &mut issues),
            Operation::DropTable(drop) => self.drop_table(drop, &mut issues),
            Operation::RenameTable(rename) => self.rename_table(rename, &mut issues),
            Operation::CreateIndex(index) => self.create_index(index, &mut issues),
            Operation::DropIndex(drop) => self.drop_index(drop, &mut issues),
            Operation::Sql(_) => self.make_uncertain("a `sql` entry ran before"),
        }
        issues
    }

    /// The tables `ops` name, with the tables those reference and the tables that reference
    /// them: everything replaying `ops` can change or look at.
    pub fn scope<'a>(&self, ops: impl IntoIterator<Item = &'a Operation>) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        let references = |columns: &[Column]| -> Vec<String> {
            columns
                .iter()
                .filter_map(|c| c.references.as_ref().map(|r| r.table.clone()))
                .collect()
        };
        for op in ops {
            names.extend(op.table().map(str::to_string));
            match op {
                Operation::CreateTable(create) => {
                    names.extend(references(&create.columns));
                    names.extend(
                        create
                            .foreign_keys
                            .iter()
                            .map(|fk| fk.references_table.clone()),
                    );
                }
                Operation::AlterTable(alter) => {
                    names.extend(references(&alter.add_columns));
                    names.extend(references(&alter.alter_columns));
                    names.extend(
                        alter
                            .add_foreign_keys
                            .iter()
                            .map(|fk| fk.references_table.clone()),
                    );
                }
                Operation::RenameTable(rename) => {
                    names.insert(rename.to.clone());
                }
                Operation::DropIndex(drop) if drop.table.is_none() => names.extend(
                    self.tables
                        .iter()
                        .filter(|(_, t)| t.indexes.contains_key(&drop.name))
                        .map(|(name, _)| name.clone()),
                ),
                _ => {}
            }
        }
        let mut scope = names.clone();
        for (owner, table) in &self.tables {
            for fk in table.foreign_keys.values() {
                if names.contains(owner) {
                    scope.insert(fk.table.clone());
                }
                if names.contains(&fk.table) {
                    scope.insert(owner.clone());
                }
            }
        }
        scope
    }

    /// A model of only the tables named in `scope` (the others are left out).
    pub fn subset(&self, scope: &BTreeSet<String>) -> Model {
        Model {
            tables: scope
                .iter()
                .filter_map(|name| Some((name.clone(), self.tables.get(name)?.clone())))
                .collect(),
            uncertain: self.uncertain.clone(),
            index_names_per_table: self.index_names_per_table,
        }
    }

    /// Marks the model uncertain, keeping the first reason.
    pub fn make_uncertain(&mut self, reason: impl Into<String>) {
        if self.uncertain.is_none() {
            self.uncertain = Some(reason.into());
        }
    }

    /// The differences between two models, one line each (tables, then their parts).
    pub fn differences(&self, other: &Model) -> Vec<String> {
        let mut out = Vec::new();
        for name in self
            .tables
            .keys()
            .filter(|t| !other.tables.contains_key(*t))
        {
            out.push(format!("table `{name}` is gone"));
        }
        for name in other
            .tables
            .keys()
            .filter(|t| !self.tables.contains_key(*t))
        {
            out.push(format!("table `{name}` is left over"));
        }
        for (name, before) in &self.tables {
            let Some(after) = other.tables.get(name) else {
                continue;
            };
            diff_map(
                &mut out,
                name,
                "column",
                &before.columns,
                &after.columns,
                describe_column_change,
            );
            diff_map(
                &mut out,
                name,
                "index",
                &before.indexes,
                &after.indexes,
                |_, _| "is defined differently".into(),
            );
            diff_map(
                &mut out,
                name,
                "foreign key",
                &before.foreign_keys,
                &after.foreign_keys,
                |_, _| "is defined differently".into(),
            );
            if before.primary_key != after.primary_key {
                out.push(format!(
                    "table `{name}`: primary key ({}) becomes ({})",
                    before.primary_key.join(", "),
                    after.primary_key.join(", ")
                ));
            }
        }
        out
    }

    /// The table `name`, adding a placeholder when raw SQL may have created it; `None` (with an
    /// issue) when it does not exist.
    fn table_mut(
        &mut self,
        name: &str,
        part: &str,
        what: &str,
        issues: &mut Vec<Issue>,
    ) -> Option<&mut Table> {
        if !self.tables.contains_key(name) {
            issues.push(Issue::new(
                IssueKind::Unknown,
                part.to_string(),
                format!("{what}: table `{name}` does not exist at this point"),
                format!(
                    "create `{name}` in an earlier migration, or correct the table name{}",
                    self.similar_table(name)
                ),
            ));
            // Only an uncertain model takes the table in, as a placeholder.
            self.uncertain.as_ref()?;
            self.tables.insert(
                name.to_string(),
                Table {
                    partial: true,
                    ..Table::default()
                },
            );
        }
        self.tables.get_mut(name)
    }

    fn similar_table(&self, name: &str) -> String {
        similar(self.tables.keys(), name)
    }

    fn create_table(&mut self, create: &CreateTable, issues: &mut Vec<Issue>) {
        let name = create.name.as_str();
        if self.tables.contains_key(name) {
            if !create.if_not_exists {
                issues.push(Issue::new(
                    IssueKind::Exists,
                    String::new(),
                    format!("table `{name}` already exists at this point"),
                    format!("drop `{name}` first, use another name, or add `if_not_exists = true`"),
                ));
            }
            return;
        }
        let mut table = Table::default();
        let mut declared = Vec::new();
        let columns = create
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| (format!(".columns[{i}]"), c));
        let stamps = create
            .timestamps
            .then(Column::timestamps)
            .into_iter()
            .flatten();
        let stamps: Vec<Column> = stamps.collect();
        let stamps = stamps.iter().map(|c| (".timestamps".to_string(), c));
        for (part, column) in columns.chain(stamps) {
            if table.columns.contains_key(&column.name) {
                issues.push(Issue::new(
                    IssueKind::Exists,
                    part.clone(),
                    format!("column `{name}.{}` is declared twice", column.name),
                    "remove one of the two definitions, or rename one",
                ));
                continue;
            }
            self.add_column_to(&mut table, name, column, &part, &mut declared, issues);
        }
        if !create.primary_key.is_empty() {
            self.require_columns(&table, name, &create.primary_key, ".primary_key", issues);
            table.primary_key = create.primary_key.clone();
        }
        self.add_index_defs(&mut table, name, "unique", &create.unique, true, issues);
        self.add_index_defs(&mut table, name, "indexes", &create.indexes, false, issues);
        declare(&mut declared, name, "foreign_keys", &create.foreign_keys);
        self.tables.insert(name.to_string(), table);
        for d in declared {
            self.add_foreign_key(name, &d.fk, d.name, &d.part, issues);
        }
    }

    /// Adds `column` (and the index, unique constraint and foreign key it declares) to `table`,
    /// which is not in the model yet or is borrowed out of it; the foreign key is only
    /// collected into `declared`, to be checked once the table is in the model.
    fn add_column_to(
        &self,
        table: &mut Table,
        name: &str,
        column: &Column,
        part: &str,
        declared: &mut Vec<Declared>,
        issues: &mut Vec<Issue>,
    ) {
        let columns = vec![column.name.clone()];
        table
            .columns
            .insert(column.name.clone(), ColumnDef::of(column));
        if column.primary || column.column_type.is_increments() {
            table.primary_key = columns.clone();
        }
        if column.unique {
            let index = naming::unique_name(name, &columns);
            self.add_index(table, name, index, &columns, true, part, issues);
        }
        if column.index {
            let index = naming::index_name(name, &columns);
            self.add_index(table, name, index, &columns, false, part, issues);
        }
        if let Some(fk) = column.foreign_key() {
            declared.push(Declared {
                part: format!("{part}.references"),
                name: fk.name_on(name),
                fk,
            });
        }
    }

    /// Adds the indexes (or, with `unique`, the unique constraints) `defs` of the entry's
    /// part `field` to `table`.
    fn add_index_defs(
        &self,
        table: &mut Table,
        table_name: &str,
        field: &str,
        defs: &[IndexDef],
        unique: bool,
        issues: &mut Vec<Issue>,
    ) {
        for (i, def) in defs.iter().enumerate() {
            let index = if unique {
                def.unique_name(table_name)
            } else {
                def.index_name(table_name)
            };
            let part = format!(".{field}[{i}]");
            self.add_index(
                table,
                table_name,
                index,
                &def.columns,
                unique,
                &part,
                issues,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn add_index(
        &self,
        table: &mut Table,
        table_name: &str,
        index: String,
        columns: &[String],
        unique: bool,
        part: &str,
        issues: &mut Vec<Issue>,
    ) {
        self.require_columns(table, table_name, columns, part, issues);
        let elsewhere = self
            .tables
            .iter()
            .filter(|_| !self.index_names_per_table)
            .find(|(_, t)| t.indexes.contains_key(&index))
            .map(|(t, _)| t.as_str());
        let owner = elsewhere.or_else(|| table.indexes.contains_key(&index).then_some(table_name));
        if let Some(owner) = owner {
            issues.push(Issue::new(
                IssueKind::Exists,
                part.to_string(),
                format!("index `{index}` already exists (on table `{owner}`)"),
                "drop it first or give this one another `name` (index names are one namespace \
                 per schema on PostgreSQL and SQLite, per table on MySQL)",
            ));
            return;
        }
        table.indexes.insert(
            index,
            Index {
                columns: columns.to_vec(),
                unique,
            },
        );
    }

    fn require_columns(
        &self,
        table: &Table,
        table_name: &str,
        columns: &[String],
        part: &str,
        issues: &mut Vec<Issue>,
    ) {
        if table.partial {
            return;
        }
        for column in columns {
            if !table.columns.contains_key(column) {
                issues.push(Issue::new(
                    IssueKind::Unknown,
                    part.to_string(),
                    format!("column `{table_name}.{column}` does not exist at this point"),
                    format!(
                        "add `{column}` to `{table_name}` first, or correct the column name{}",
                        similar(table.columns.keys(), column)
                    ),
                ));
            }
        }
    }

    /// Adds a foreign key of `table` (already in the model) after checking its target.
    fn add_foreign_key(
        &mut self,
        table: &str,
        fk: &ForeignKey,
        name: String,
        part: &str,
        issues: &mut Vec<Issue>,
    ) {
        if let Some(own) = self.tables.get(table) {
            self.require_columns(own, table, &fk.columns, part, issues);
            if own.foreign_keys.contains_key(&name) {
                issues.push(Issue::new(
                    IssueKind::Exists,
                    part.to_string(),
                    format!("foreign key `{name}` already exists on `{table}`"),
                    "drop it first, or give this one another `name`",
                ));
                return;
            }
        }
        let target = fk.references_table.as_str();
        let what = format!(
            "`{table}.{}` references `{target}.{}`",
            fk.columns.join(", "),
            fk.references_columns.join(", ")
        );
        match self.tables.get(target) {
            None => {
                let mut issue = Issue::new(
                    IssueKind::ForeignKeyTarget,
                    part.to_string(),
                    format!("{what}, but table `{target}` does not exist at this point"),
                    format!(
                        "create `{target}` in an earlier migration, or correct the table \
                         name{}",
                        self.similar_table(target)
                    ),
                );
                issue.missing_table = Some(target.to_string());
                issues.push(issue);
                if self.uncertain.is_some() {
                    self.tables.insert(
                        target.to_string(),
                        Table {
                            partial: true,
                            ..Table::default()
                        },
                    );
                }
            }
            Some(referenced) if !referenced.partial => {
                for column in &fk.references_columns {
                    if !referenced.columns.contains_key(column) {
                        issues.push(Issue::new(
                            IssueKind::ForeignKeyTarget,
                            part.to_string(),
                            format!("{what}, but column `{target}.{column}` does not exist at this point"),
                            format!(
                                "add `{column}` to `{target}` in an earlier migration, or correct \
                                 the column name{}",
                                similar(referenced.columns.keys(), column)
                            ),
                        ));
                    }
                }
                if let Some(own) = self.tables.get(table) {
                    for (from, to) in fk.columns.iter().zip(&fk.references_columns) {
                        if let (Some(a), Some(b)) =
                            (own.columns.get(from), referenced.columns.get(to))
                            && let Some(issue) = type_mismatch(table, from, a, target, to, b, part)
                        {
                            issues.push(issue);
                        }
                    }
                }
            }
            Some(_) => {}
        }
        if let Some(own) = self.tables.get_mut(table) {
            own.foreign_keys.insert(
                name,
                Fk {
                    columns: fk.columns.clone(),
                    table: target.to_string(),
                    references: fk.references_columns.clone(),
                },
            );
        }
    }

    /// The foreign keys of other tables (or of `table` itself on other columns) that
    /// reference `table`, optionally only those that reference `column`:
    /// `(table, foreign key name)`.
    fn referencing(&self, table: &str, column: Option<&str>) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (owner, t) in &self.tables {
            for (name, fk) in &t.foreign_keys {
                let hits = fk.table == table
                    && column.is_none_or(|c| fk.references.iter().any(|r| r == c));
                let own_row = owner == table && column.is_none();
                if hits && !own_row {
                    out.push((owner.clone(), name.clone()));
                }
            }
        }
        out
    }

    fn drop_table(&mut self, drop: &DropTable, issues: &mut Vec<Issue>) {
        let name = drop.name.as_str();
        if !self.tables.contains_key(name) {
            if !drop.if_exists {
                self.table_mut(name, "", "drop_table", issues);
            }
            self.tables.remove(name);
            return;
        }
        for (owner, fk) in self.referencing(name, None) {
            issues.push(Issue::new(
                IssueKind::ReferencedDrop,
                String::new(),
                format!(
                    "table `{name}` is dropped while foreign key `{fk}` of `{owner}` still \
                     references it"
                ),
                format!(
                    "drop the foreign key first (`alter_table = \"{owner}\"` with \
                     `drop_foreign_keys = [{{ name = \"{fk}\" }}]`), or drop `{owner}` before `{name}`"
                ),
            ));
        }
        self.tables.remove(name);
    }

    fn rename_table(&mut self, rename: &RenameTable, issues: &mut Vec<Issue>) {
        let (from, to) = (rename.name.as_str(), rename.to.as_str());
        if self.tables.contains_key(to) {
            issues.push(Issue::new(
                IssueKind::Exists,
                ".to".into(),
                format!("cannot rename `{from}` to `{to}`: table `{to}` already exists"),
                "choose another name, or drop the other table first",
            ));
            return;
        }
        if self.table_mut(from, "", "rename_table", issues).is_none() {
            return;
        }
        for (owner, fk) in self.referencing(from, None) {
            issues.push(Issue::new(
                IssueKind::ReferencedRename,
                String::new(),
                format!(
                    "table `{from}` is renamed while foreign key `{fk}` of `{owner}` references \
                     it; the database moves the foreign key along, but migrations written \
                     against the old name break"
                ),
                format!(
                    "check that no later migration refers to `{from}`, or drop and re-add `{fk}`"
                ),
            ));
        }
        if let Some(table) = self.tables.remove(from) {
            self.tables.insert(to.to_string(), table);
        }
        for t in self.tables.values_mut() {
            for fk in t.foreign_keys.values_mut() {
                if fk.table == from {
                    fk.table = to.to_string();
                }
            }
        }
    }

    fn create_index(&mut self, index: &CreateIndex, issues: &mut Vec<Issue>) {
        let table_name = index.table.as_str();
        let name = index.resolved_name();
        let Some(mut table) = self
            .table_mut(table_name, "", "create_index", issues)
            .map(std::mem::take)
        else {
            return;
        };
        self.add_index(
            &mut table,
            table_name,
            name,
            &index.columns,
            index.unique,
            ".columns",
            issues,
        );
        self.tables.insert(table_name.to_string(), table);
    }

    fn drop_index(&mut self, drop: &DropIndex, issues: &mut Vec<Issue>) {
        let owner = self
            .tables
            .iter()
            .find(|(t, table)| {
                table.indexes.contains_key(&drop.name)
                    && drop.table.as_deref().is_none_or(|want| want == t.as_str())
            })
            .map(|(t, _)| t.clone());
        match owner {
            Some(owner) => {
                if let Some(table) = self.tables.get_mut(&owner) {
                    table.indexes.remove(&drop.name);
                }
            }
            None => {
                let on = drop.table.as_deref();
                if on.is_some_and(|t| self.tables.get(t).is_some_and(|t| t.partial)) {
                    return;
                }
                issues.push(Issue::new(
                    IssueKind::Unknown,
                    String::new(),
                    format!(
                        "index `{}` does not exist at this point{}",
                        drop.name,
                        on.map(|t| format!(" on `{t}`")).unwrap_or_default()
                    ),
                    "correct the index name (generated names are `<table>_<columns>_index` and \
                     `<table>_<columns>_unique`)",
                ));
            }
        }
    }

    fn alter_table(&mut self, alter: &AlterTable, issues: &mut Vec<Issue>) {
        let name = alter.name.as_str();
        let Some(mut table) = self
            .table_mut(name, "", "alter_table", issues)
            .map(std::mem::take)
        else {
            return;
        };
        // The table is out of the model while it changes; its own foreign keys go back in
        // before new ones are checked.
        let partial = table.partial;
        let missing = |issues: &mut Vec<Issue>, part: String, what: &str, object: &str| {
            if !partial {
                issues.push(Issue::new(
                    IssueKind::Unknown,
                    part,
                    format!("{what} `{object}` does not exist on `{name}` at this point"),
                    "correct the name, or create it in an earlier migration",
                ));
            }
        };
        for (i, r) in alter.drop_foreign_keys.iter().enumerate() {
            let fk = naming::resolve(name, r, NameKind::Foreign);
            if table.foreign_keys.remove(&fk).is_none() {
                missing(
                    issues,
                    format!(".drop_foreign_keys[{i}]"),
                    "foreign key",
                    &fk,
                );
            }
        }
        for (field, refs, kind) in [
            ("drop_unique", &alter.drop_unique, NameKind::Unique),
            ("drop_indexes", &alter.drop_indexes, NameKind::Index),
        ] {
            for (i, r) in refs.iter().enumerate() {
                let index = naming::resolve(name, r, kind);
                if table.indexes.remove(&index).is_none() {
                    let what = if kind == NameKind::Unique {
                        "unique constraint"
                    } else {
                        "index"
                    };
                    missing(issues, format!(".{field}[{i}]"), what, &index);
                }
            }
        }
        for (old, new) in &alter.rename_columns {
            let part = format!(".rename_columns.{old}");
            if table.columns.contains_key(new) {
                issues.push(Issue::new(
                    IssueKind::Exists,
                    part.clone(),
                    format!(
                        "cannot rename `{name}.{old}` to `{new}`: column `{new}` already exists"
                    ),
                    "choose another name, or drop the other column first",
                ));
                continue;
            }
            let def = match table.columns.remove(old) {
                Some(def) => def,
                None if partial || self.uncertain.is_some() => ColumnDef::unknown(),
                None => {
                    missing(issues, part, "column", old);
                    continue;
                }
            };
            table.columns.insert(new.clone(), def);
            rename_in(&mut table.primary_key, old, new);
            for index in table.indexes.values_mut() {
                rename_in(&mut index.columns, old, new);
            }
            for fk in table.foreign_keys.values_mut() {
                rename_in(&mut fk.columns, old, new);
                if fk.table == name {
                    rename_in(&mut fk.references, old, new);
                }
            }
            for (owner, fk) in self.referencing(name, Some(old)) {
                issues.push(Issue::new(
                    IssueKind::ReferencedRename,
                    part.clone(),
                    format!(
                        "column `{name}.{old}` is renamed while foreign key `{fk}` of `{owner}` \
                         references it; the database moves the foreign key along, but \
                         migrations written against the old name break"
                    ),
                    format!("check that no later migration refers to `{name}.{old}`"),
                ));
            }
            for t in self.tables.values_mut() {
                for fk in t.foreign_keys.values_mut().filter(|fk| fk.table == name) {
                    rename_in(&mut fk.references, old, new);
                }
            }
        }
        for (i, column) in alter.drop_columns.iter().enumerate() {
            let part = format!(".drop_columns[{i}]");
            if table.columns.remove(column).is_none() && self.uncertain.is_none() {
                missing(issues, part.clone(), "column", column);
                continue;
            }
            let mut referencing = self.referencing(name, Some(column));
            for (fk_name, fk) in &table.foreign_keys {
                if fk.table == name && fk.references.contains(column) {
                    referencing.push((name.to_string(), fk_name.clone()));
                }
            }
            for (owner, fk) in referencing {
                issues.push(Issue::new(
                    IssueKind::ReferencedDrop,
                    part.clone(),
                    format!(
                        "column `{name}.{column}` is dropped while foreign key `{fk}` of \
                         `{owner}` still references it"
                    ),
                    format!(
                        "drop the foreign key first (`alter_table = \"{owner}\"` with \
                         `drop_foreign_keys = [{{ name = \"{fk}\" }}]`)"
                    ),
                ));
            }
            let own: Vec<String> = table
                .foreign_keys
                .iter()
                .filter(|(_, fk)| fk.columns.contains(column))
                .map(|(n, _)| n.clone())
                .collect();
            for fk in own {
                issues.push(Issue::new(
                    IssueKind::ReferencedDrop,
                    part.clone(),
                    format!(
                        "column `{name}.{column}` is dropped while it is part of this table's \
                         foreign key `{fk}` (MySQL refuses the drop)"
                    ),
                    format!(
                        "drop the foreign key in the same entry: `drop_foreign_keys = [\"{fk}\"]`"
                    ),
                ));
                table.foreign_keys.remove(&fk);
            }
            table
                .indexes
                .retain(|_, index| !index.columns.contains(column));
            table.primary_key.retain(|c| c != column);
        }
        let mut declared = Vec::new();
        for (i, column) in alter.add_columns.iter().enumerate() {
            let part = format!(".add_columns[{i}]");
            if table.columns.contains_key(&column.name) {
                issues.push(Issue::new(
                    IssueKind::Exists,
                    part,
                    format!(
                        "column `{name}.{}` already exists at this point",
                        column.name
                    ),
                    "use `alter_columns` to change it, or choose another name",
                ));
                continue;
            }
            self.add_column_to(&mut table, name, column, &part, &mut declared, issues);
        }
        for (i, column) in alter.alter_columns.iter().enumerate() {
            let part = format!(".alter_columns[{i}]");
            if !table.columns.contains_key(&column.name) && !partial && self.uncertain.is_none() {
                missing(issues, part, "column", &column.name);
                continue;
            }
            table
                .columns
                .insert(column.name.clone(), ColumnDef::of(column));
        }
        self.add_index_defs(
            &mut table,
            name,
            "add_indexes",
            &alter.add_indexes,
            false,
            issues,
        );
        self.add_index_defs(
            &mut table,
            name,
            "add_unique",
            &alter.add_unique,
            true,
            issues,
        );
        self.tables.insert(name.to_string(), table);
        declare(
            &mut declared,
            name,
            "add_foreign_keys",
            &alter.add_foreign_keys,
        );
        for d in declared {
            self.add_foreign_key(name, &d.fk, d.name, &d.part, issues);
        }
    }
}

/// Collects the foreign keys `fks` of the entry's part `field` on `table`, to be checked once
/// the table is in the model.
fn declare(declared: &mut Vec<Declared>, table: &str, field: &str, fks: &[ForeignKey]) {
    declared.extend(fks.iter().enumerate().map(|(i, fk)| Declared {
        part: format!(".{field}[{i}]"),
        fk: fk.clone(),
        name: fk.name_on(table),
    }));
}

/// ` (did you mean `x`?)` when one of `names` is within an edit distance of 2 of `word`.
fn similar<'a>(names: impl Iterator<Item = &'a String>, word: &str) -> String {
    let names: Vec<&str> = names.map(String::as_str).collect();
    crate::migration::toml::suggest::suggest(word, &names)
        .map(|close| format!(" (did you mean `{close}`?)"))
        .unwrap_or_default()
}

/// Replaces `old` by `new` in a list of column names.
fn rename_in(columns: &mut [String], old: &str, new: &str) {
    for column in columns.iter_mut().filter(|c| *c == old) {
        *column = new.to_string();
    }
}

/// Lines for what differs between two maps of one table's parts.
fn diff_map<T: PartialEq>(
    out: &mut Vec<String>,
    table: &str,
    what: &str,
    before: &BTreeMap<String, T>,
    after: &BTreeMap<String, T>,
    changed: impl Fn(&T, &T) -> String,
) {
    for (name, a) in before {
        match after.get(name) {
            None => out.push(format!("table `{table}`: {what} `{name}` is gone")),
            Some(b) if a != b => out.push(format!(
                "table `{table}`: {what} `{name}` {}",
                changed(a, b)
            )),
            Some(_) => {}
        }
    }
    for name in after.keys().filter(|n| !before.contains_key(*n)) {
        out.push(format!("table `{table}`: {what} `{name}` is left over"));
    }
}

fn describe_column_change(before: &ColumnDef, after: &ColumnDef) -> String {
    let word = |def: &ColumnDef| {
        def.column_type
            .as_ref()
            .map_or("unknown", ColumnType::word)
            .to_string()
    };
    if before.column_type != after.column_type || before.unsigned != after.unsigned {
        format!("changes type from {} to {}", word(before), word(after))
    } else if before.nullable != after.nullable {
        let null = |n: bool| if n { "nullable" } else { "not null" };
        format!(
            "changes from {} to {}",
            null(before.nullable),
            null(after.nullable)
        )
    } else {
        "changes its default".into()
    }
}

/// The type a foreign key compares, its family and its sign: increments are unsigned
/// integers, string lengths do not matter (MySQL allows different lengths).
fn comparable(def: &ColumnDef) -> Option<(String, &'static str, bool)> {
    let ty = def.column_type.as_ref()?;
    Some(match ty {
        ColumnType::Increments => ("integer".into(), "integer", true),
        ColumnType::BigIncrements => ("big_integer".into(), "integer", true),
        ColumnType::TinyInteger
        | ColumnType::SmallInteger
        | ColumnType::Integer
        | ColumnType::BigInteger => (ty.word().into(), "integer", def.unsigned),
        ColumnType::Char { .. } | ColumnType::String { .. } => ("string".into(), "string", false),
        ColumnType::Decimal { precision, scale } => {
            (format!("decimal({precision},{scale})"), "decimal", false)
        }
        ColumnType::Specific { sql_type } => (sql_type.to_ascii_lowercase(), "specific", false),
        other => (other.word().to_string(), other.word(), false),
    })
}

/// An issue when foreign key column `from` has another type than the column it references.
fn type_mismatch(
    table: &str,
    from: &str,
    a: &ColumnDef,
    target: &str,
    to: &str,
    b: &ColumnDef,
    part: &str,
) -> Option<Issue> {
    let (ta, fa, sa) = comparable(a)?;
    let (tb, fb, sb) = comparable(b)?;
    let gap = if fa != fb {
        TypeGap::Family
    } else if ta != tb {
        TypeGap::Size
    } else if sa != sb {
        TypeGap::Sign
    } else {
        return None;
    };
    let sign = |s: bool| if s { " unsigned" } else { "" };
    let rejected_by = match gap {
        TypeGap::Family => " (MySQL and PostgreSQL reject the foreign key)",
        TypeGap::Size | TypeGap::Sign => " (MySQL rejects the foreign key)",
    };
    let mut issue = Issue::new(
        IssueKind::ForeignKeyType,
        part.to_string(),
        format!(
            "`{table}.{from}` is {ta}{} but the column it references, `{target}.{to}`, is \
             {tb}{}{rejected_by}",
            sign(sa),
            sign(sb),
        ),
        if gap == TypeGap::Sign {
            format!("declare `{from}` with `unsigned = {sb}`")
        } else {
            format!("declare `{from}` with the type of `{target}.{to}`")
        },
    );
    issue.gap = gap;
    Some(issue)
}
