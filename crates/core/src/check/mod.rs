//! `migration:check`: the migrations applied in order to a static schema model, without a
//! database (see `docs/check.md`).
//!
//! [`check`] replays the migrations' operations on a model of tables, columns, indexes
//! and foreign keys and reports each problem as a [`Finding`] with the migration, the entry
//! path (`up[2].columns[1]`) and a fix. The rules, by [`Rule`]:
//!
//! | rule | level |
//! |---|---|
//! | `foreign-key-target`: a foreign key to a table or column that does not exist yet | error |
//! | `referenced-drop`: a drop of a table or column a foreign key still references | error |
//! | `referenced-rename`: a rename of a table or column a foreign key references | warning |
//! | `unknown-object`: an operation on a table, column, index or foreign key that does not exist | error |
//! | `already-exists`: a create of something that exists | error |
//! | `irreversible`: an `up` that cannot be reversed and has no `[[down]]` | error |
//! | `down-mismatch`: a `[[down]]` that does not restore the schema `up` started from | warning |
//! | `lossy-type`: a type a configured dialect stores as something less (`jsonb` on MySQL) | warning |
//! | `sql-dialect`: a `sql = { ... }` with no entry for a configured dialect | error |
//! | `foreign-key-type`: a foreign key column whose type differs from the referenced column's | error where a configured dialect rejects it, else warning |
//! | `duplicate-name`: two migration files with the same file name | error |
//! | `duplicate-timestamp`: two migrations with the same timestamp prefix | warning |
//! | `unfinished`: an `alter_table` that changes nothing, a `.sql` file with no statement | error |
//!
//! Raw SQL (`.sql` files, `sql = ...` entries) is opaque to the model: the report lists those
//! migrations as not checked, and after the first one every finding that depends on what the
//! schema holds (the first five rules and `foreign-key-type`) is a warning, since the SQL may
//! have created, changed or dropped what the model does not know.
//!
//! The dialect-dependent rules read each dialect's [`DialectInfo`], never its name.
//! `foreign-key-type` follows [`DialectInfo::foreign_key_types`]: MySQL rejects any difference
//! in type, size or sign (`int` referencing `int unsigned`); PostgreSQL only a difference in
//! family (an integer referencing a string), and accepts `bigint` referencing `integer`;
//! SQLite accepts everything. `unsigned` on PostgreSQL or SQLite is a documented no-op, so a
//! difference only in `unsigned` is no finding unless a dialect is as strict as MySQL.
//!
//! Index names are one namespace per schema on PostgreSQL and SQLite, so `already-exists`
//! compares them across tables, unless every dialect has one namespace per table
//! ([`DialectInfo::index_names`], MySQL). `lossy-type` reads [`DialectInfo::lossy_types`] and
//! `sql-dialect` the dialect's [`Family`].

mod model;
pub mod report;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::dialect::{DialectInfo, Family, ForeignKeyTypes, IndexNameScope};
use crate::migration::{Direction, Migration, MigrationBody};
use crate::schema::{Column, Operation, RawSql, reverse};
use model::{Issue, IssueKind, Model, TypeGap};
pub use report::{CheckReport, Finding, Level, Rule};

/// What [`check`] checks against.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The dialects the migrations must run on ([`Dialect::info`](crate::Dialect::info) of
    /// each configured connection's dialect).
    pub dialects: Vec<DialectInfo>,
    /// The migrations already applied, by name, in the order they ran: they are replayed into
    /// the model without findings and only the others are checked. `None` checks every
    /// migration from an empty schema.
    pub applied: Option<Vec<String>>,
    /// The connection is a Galera cluster: a table without a primary key is a warning
    /// (Galera does not replicate its rows reliably; `innodb_force_primary_key` rejects it).
    pub galera: bool,
}

/// Checks `migrations` (in run order); see the [module documentation](self).
pub fn check(migrations: &[Migration], options: &CheckOptions) -> CheckReport {
    let per_table = !options.dialects.is_empty()
        && options
            .dialects
            .iter()
            .all(|d| d.index_names == IndexNameScope::Table);
    let mut model = Model {
        index_names_per_table: per_table,
        ..Model::default()
    };
    let mut report = CheckReport::default();
    let pending: Vec<&Migration> = match &options.applied {
        None => migrations.iter().collect(),
        Some(applied) => {
            let by_name: HashMap<&str, &Migration> =
                migrations.iter().map(|m| (m.name.as_str(), m)).collect();
            for name in applied {
                match by_name.get(name.as_str()) {
                    Some(m) => replay(&mut model, m),
                    None => model.make_uncertain(format!("applied migration {name} has no file")),
                }
            }
            let applied: HashSet<&str> = applied.iter().map(String::as_str).collect();
            migrations
                .iter()
                .filter(|m| !applied.contains(m.name.as_str()))
                .collect()
        }
    };
    let mut checker = Checker {
        options,
        pending: &pending,
        findings: Vec::new(),
    };
    checker.duplicates(migrations);
    for (index, migration) in pending.iter().enumerate() {
        checker.unfinished(migration);
        match &migration.body {
            MigrationBody::Sql { down, .. } => {
                model.make_uncertain(format!("raw SQL migration {} ran before", migration.name));
                report.unchecked.push(migration.name.clone());
                if down.is_none() {
                    checker.push(
                        migration,
                        Level::Warning,
                        Rule::Irreversible,
                        None,
                        "the file has no `-- dbm:down` section: it cannot be rolled back".into(),
                        "add a `-- dbm:down` section (an empty one if it is meant to be \
                         forward-only)"
                            .into(),
                    );
                }
            }
            MigrationBody::Schema { up, down } => {
                report.checked += 1;
                if options.galera {
                    checker.galera_primary_keys(migration, up);
                }
                let sql = |op: &Operation| matches!(op, Operation::Sql(_));
                if up.iter().chain(down.iter().flatten()).any(sql) {
                    report.unchecked.push(migration.name.clone());
                }
                checker.schema_migration(&mut model, index, up, down.as_deref());
            }
        }
    }
    let order: HashMap<&str, usize> = pending
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name.as_str(), i))
        .collect();
    let mut findings = checker.findings;
    findings.sort_by_key(|f| {
        order
            .get(f.migration.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });
    report.findings = findings;
    report
}

/// Applies an applied migration's `up` to the model, without findings.
fn replay(model: &mut Model, migration: &Migration) {
    match &migration.body {
        MigrationBody::Sql { .. } => {
            model.make_uncertain(format!("raw SQL migration {} ran before", migration.name));
        }
        MigrationBody::Schema { up, .. } => {
            for op in up {
                model.apply(op);
            }
        }
    }
}

struct Checker<'a> {
    options: &'a CheckOptions,
    pending: &'a [&'a Migration],
    findings: Vec<Finding>,
}

impl Checker<'_> {
    /// On Galera, a warning for each table `up` creates without a primary key.
    fn galera_primary_keys(&mut self, migration: &Migration, up: &[Operation]) {
        for (index, op) in up.iter().enumerate() {
            let Operation::CreateTable(table) = op else {
                continue;
            };
            let keyed = !table.primary_key.is_empty()
                || table
                    .columns
                    .iter()
                    .any(|c| c.primary || c.column_type.is_increments());
            if keyed {
                continue;
            }
            self.push(
                migration,
                Level::Warning,
                Rule::GaleraPrimaryKey,
                Some(format!("up[{index}]")),
                format!(
                    "table `{}` has no primary key: Galera does not replicate the rows of such \
                     a table reliably, and `innodb_force_primary_key` rejects it",
                    table.name
                ),
                "add a primary key: an `increments` column, `primary = true` on a column, or \
                 `primary_key = [...]`"
                    .into(),
            );
        }
    }

    fn push(
        &mut self,
        migration: &Migration,
        level: Level,
        rule: Rule,
        entry: Option<String>,
        message: String,
        fix: String,
    ) {
        self.findings.push(Finding {
            level,
            rule,
            migration: migration.name.clone(),
            file: migration.path.is_some().then(|| migration.shown_file()),
            entry,
            message,
            fix,
        });
    }

    /// `unfinished`: each direction that [`Migration::unfinished`] reports, the down only
    /// when the migration has its own.
    fn unfinished(&mut self, migration: &Migration) {
        let own_down = matches!(&migration.body, MigrationBody::Schema { down: Some(_), .. });
        for direction in [Direction::Up, Direction::Down] {
            if direction == Direction::Down && !own_down {
                continue;
            }
            if let Some(gap) = migration.unfinished(direction) {
                self.push(
                    migration,
                    Level::Error,
                    Rule::Unfinished,
                    gap.entry,
                    gap.message,
                    gap.fix,
                );
            }
        }
    }

    /// True when a configured dialect requires foreign key types at least as strictly as
    /// `strictness`.
    fn rejects(&self, strictness: ForeignKeyTypes) -> bool {
        self.options.dialects.iter().any(|d| {
            matches!(
                (d.foreign_key_types, strictness),
                (ForeignKeyTypes::Exact, _)
                    | (ForeignKeyTypes::SameFamily, ForeignKeyTypes::SameFamily)
            )
        })
    }

    fn schema_migration(
        &mut self,
        model: &mut Model,
        index: usize,
        up: &[Operation],
        down: Option<&[Operation]>,
    ) {
        let migration = self.pending[index];
        // The down check replays on the tables the migration touches only: a copy of the
        // whole model per migration would make checking N migrations cost N².
        let before = down.filter(|_| model.uncertain.is_none()).map(|down| {
            let scope = model.scope(up.iter().chain(down));
            let before = model.subset(&scope);
            (scope, before)
        });
        for (i, op) in up.iter().enumerate() {
            for issue in model.apply(op) {
                self.issue(migration, index, i, &issue, model.uncertain.as_deref());
            }
        }
        for (section, ops) in [("up", Some(up)), ("down", down)] {
            for (i, op) in ops.into_iter().flatten().enumerate() {
                self.dialect_rules(migration, section, i, op);
            }
        }
        match (down, before) {
            (None, _) => self.irreversible(migration, up),
            // An unfinished down is reported as such; what it would restore is not known yet.
            (Some(_), _) if migration.unfinished(Direction::Down).is_some() => {}
            (Some(down), Some((scope, before))) => {
                let after_up = model.subset(&scope);
                self.down_restores(migration, &before, after_up, up, down);
            }
            (Some(_), None) => {}
        }
    }

    fn issue(
        &mut self,
        migration: &Migration,
        index: usize,
        entry: usize,
        issue: &Issue,
        uncertain: Option<&str>,
    ) {
        let (rule, definite) = match issue.kind {
            IssueKind::ForeignKeyTarget => (Rule::ForeignKeyTarget, true),
            IssueKind::ReferencedDrop => (Rule::ReferencedDrop, true),
            IssueKind::ReferencedRename => (Rule::ReferencedRename, false),
            IssueKind::Unknown => (Rule::UnknownObject, true),
            IssueKind::Exists => (Rule::AlreadyExists, true),
            IssueKind::ForeignKeyType => {
                let rejected = match issue.gap {
                    TypeGap::Sign | TypeGap::Size => self.rejects(ForeignKeyTypes::Exact),
                    TypeGap::Family => self.rejects(ForeignKeyTypes::SameFamily),
                };
                if issue.gap == TypeGap::Sign && !rejected {
                    return;
                }
                (Rule::ForeignKeyType, rejected)
            }
        };
        let level = if definite && uncertain.is_none() {
            Level::Error
        } else {
            Level::Warning
        };
        let mut message = issue.message.clone();
        let mut fix = issue.fix.clone();
        if let Some(table) = &issue.missing_table
            && let Some(later) = self.created_later(index, entry, table)
        {
            message.push_str(&format!("; {}", later.0));
            fix = later.1;
        }
        if let Some(reason) = uncertain.filter(|_| definite) {
            message.push_str(&format!(" (the model may be incomplete: {reason})"));
        }
        self.push(
            migration,
            level,
            rule,
            Some(format!("up[{entry}]{}", issue.part)),
            message,
            fix,
        );
    }

    /// Where `table` is created after entry `entry` of pending migration `index`: the
    /// message's addition and the fix.
    fn created_later(&self, index: usize, entry: usize, table: &str) -> Option<(String, String)> {
        let creates = |op: &Operation| match op {
            Operation::CreateTable(create) => create.name == table,
            Operation::RenameTable(rename) => rename.to == table,
            _ => false,
        };
        fn ups(m: &Migration) -> &[Operation] {
            match &m.body {
                MigrationBody::Schema { up, .. } => up,
                MigrationBody::Sql { .. } => &[],
            }
        }
        let current = self.pending[index];
        if let Some(j) = ups(current).iter().skip(entry + 1).position(creates) {
            let j = j + entry + 1;
            return Some((
                format!("up[{j}] of this migration creates it, later"),
                format!("move up[{j}] before up[{entry}]"),
            ));
        }
        for later in &self.pending[index + 1..] {
            if let Some(j) = ups(later).iter().position(creates) {
                let file = file_name(later);
                let suggestion = renamed_before(current, later)
                    .map(|name| format!(" (for example `{name}`)"))
                    .unwrap_or_default();
                return Some((
                    format!("migration {} creates it later (up[{j}])", later.name),
                    format!(
                        "rename `{file}` so it sorts before `{}`{suggestion}, or add this \
                         foreign key in a later migration (`alter_table` with \
                         `add_foreign_keys`)",
                        file_name(current)
                    ),
                ));
            }
        }
        None
    }

    fn dialect_rules(&mut self, migration: &Migration, section: &str, i: usize, op: &Operation) {
        if let Operation::Sql(sql @ RawSql::PerDialect(_)) = op {
            let mut families: Vec<Family> = Vec::new();
            for info in &self.options.dialects {
                if !families.contains(&info.family) {
                    families.push(info.family);
                }
            }
            for dialect in families {
                if sql.for_family(dialect).is_none() {
                    let fix = match dialect.sql_key() {
                        Some(key) => format!("add `{key} = \"...\"` (or `default = \"...\"`)"),
                        None => "add `default = \"...\"`".to_owned(),
                    };
                    self.push(
                        migration,
                        Level::Error,
                        Rule::SqlDialect,
                        Some(format!("{section}[{i}].sql")),
                        format!(
                            "`sql` has no entry for {dialect}, which a configured connection \
                             uses, and no `default`"
                        ),
                        fix,
                    );
                }
            }
        }
        if section != "up" {
            return;
        }
        for (part, table, column) in columns_of(op) {
            let mut seen = Vec::new();
            for info in self.options.dialects.clone() {
                let dialect = info.family;
                if let Some(loss) = info.lossy(&column.column_type) {
                    if seen.contains(&loss) {
                        continue;
                    }
                    seen.push(loss.clone());
                    self.push(
                        migration,
                        Level::Warning,
                        Rule::LossyType,
                        Some(format!("up[{i}]{part}")),
                        format!("`{table}.{}`: {loss}", column.name),
                        format!(
                            "use a type every configured dialect stores as written, or accept \
                             the {dialect} form"
                        ),
                    );
                }
            }
        }
    }

    fn irreversible(&mut self, migration: &Migration, up: &[Operation]) {
        if reverse::is_reversible(up) {
            return;
        }
        let Some((i, error)) = up.iter().enumerate().find_map(|(i, op)| {
            reverse::reverse(std::slice::from_ref(op))
                .err()
                .map(|e| (i, e))
        }) else {
            return;
        };
        self.push(
            migration,
            Level::Error,
            Rule::Irreversible,
            Some(format!("up[{i}]")),
            error.to_string(),
            "add a [[down]] section that undoes the migration".into(),
        );
    }

    fn down_restores(
        &mut self,
        migration: &Migration,
        before: &Model,
        after_up: Model,
        up: &[Operation],
        down: &[Operation],
    ) {
        let is_sql = |op: &Operation| matches!(op, Operation::Sql(_));
        if up.iter().any(is_sql) || down.iter().any(is_sql) {
            return;
        }
        let mut replayed = after_up;
        for (i, op) in down.iter().enumerate() {
            for issue in replayed.apply(op) {
                self.push(
                    migration,
                    Level::Warning,
                    Rule::DownMismatch,
                    Some(format!("down[{i}]{}", issue.part)),
                    format!("after up, {}", issue.message),
                    "make [[down]] undo exactly what [[up]] does".into(),
                );
            }
        }
        let differences = before.differences(&replayed);
        if differences.is_empty() {
            return;
        }
        const SHOWN: usize = 3;
        let mut message = format!(
            "replaying up then down leaves a different schema: {}",
            differences[..differences.len().min(SHOWN)].join("; ")
        );
        if differences.len() > SHOWN {
            message.push_str(&format!(" (and {} more)", differences.len() - SHOWN));
        }
        self.push(
            migration,
            Level::Warning,
            Rule::DownMismatch,
            Some("down".into()),
            message,
            "make [[down]] undo exactly what [[up]] does".into(),
        );
    }

    fn duplicates(&mut self, all: &[Migration]) {
        let pending: HashSet<&str> = self.pending.iter().map(|m| m.name.as_str()).collect();
        let mut stems: BTreeMap<&str, &Migration> = BTreeMap::new();
        let mut stamps: BTreeMap<&str, &Migration> = BTreeMap::new();
        for m in all {
            let stem = stem(m);
            if let Some(first) = stems.get(stem) {
                if pending.contains(m.name.as_str()) || pending.contains(first.name.as_str()) {
                    self.push(
                        m,
                        Level::Error,
                        Rule::DuplicateName,
                        None,
                        format!("has the same file name as {}", first.name),
                        "rename one of the two files (a new timestamp prefix)".into(),
                    );
                }
                continue;
            }
            stems.insert(stem, m);
            let stamp = timestamp(stem);
            if stamp.is_empty() {
                continue;
            }
            if let Some(first) = stamps.get(stamp) {
                if pending.contains(m.name.as_str()) || pending.contains(first.name.as_str()) {
                    self.push(
                        m,
                        Level::Warning,
                        Rule::DuplicateTimestamp,
                        None,
                        format!(
                            "has the same timestamp ({stamp}) as {}; the two run in the order \
                             of the rest of their names",
                            first.name
                        ),
                        "give one of them a new timestamp (`dbm make:migration` prefixes the \
                         current time in milliseconds)"
                            .into(),
                    );
                }
            } else {
                stamps.insert(stamp, m);
            }
        }
    }
}

/// The columns an operation defines: `(entry part, table, column)`.
fn columns_of(op: &Operation) -> Vec<(String, &str, &Column)> {
    let mut out = Vec::new();
    match op {
        Operation::CreateTable(create) => {
            for (i, c) in create.columns.iter().enumerate() {
                out.push((format!(".columns[{i}]"), create.name.as_str(), c));
            }
        }
        Operation::AlterTable(alter) => {
            for (field, columns) in [
                ("add_columns", &alter.add_columns),
                ("alter_columns", &alter.alter_columns),
            ] {
                for (i, c) in columns.iter().enumerate() {
                    out.push((format!(".{field}[{i}]"), alter.name.as_str(), c));
                }
            }
        }
        _ => {}
    }
    out
}

/// The last segment of a migration's name: its file name without the extension.
fn stem(m: &Migration) -> &str {
    m.name.rsplit('/').next().unwrap_or(&m.name)
}

/// The leading digits of a file stem.
fn timestamp(stem: &str) -> &str {
    let end = stem
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(stem.len());
    &stem[..end]
}

/// The file name of a migration (its stem with the file's extension).
fn file_name(m: &Migration) -> String {
    let ext = m
        .path
        .as_ref()
        .and_then(|p| p.extension())
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    format!("{}{ext}", stem(m))
}

/// A new file name for `later` that sorts just before `current`: `current`'s timestamp minus
/// one, then `later`'s own description.
fn renamed_before(current: &Migration, later: &Migration) -> Option<String> {
    let stamp = timestamp(stem(current));
    let value: u128 = stamp.parse().ok()?;
    let earlier = value.checked_sub(1)?;
    let rest = &stem(later)[timestamp(stem(later)).len()..];
    let ext = file_name(later)[stem(later).len()..].to_string();
    Some(format!("{earlier:0width$}{rest}{ext}", width = stamp.len()))
}

#[cfg(test)]
mod tests;
