//! `alter_table` for MySQL and MariaDB: one `ALTER TABLE` statement per part.
//!
//! | part | statement |
//! |---|---|
//! | `drop_foreign_keys` | `` ALTER TABLE `t` DROP FOREIGN KEY `n` `` |
//! | `drop_unique`, `drop_indexes` | `` ALTER TABLE `t` DROP INDEX `n` `` |
//! | `rename_columns` | `` ALTER TABLE `t` RENAME COLUMN `a` TO `b` `` (MySQL 8.0.3+, MariaDB 10.5.2+) |
//! | `drop_columns` | `` ALTER TABLE `t` DROP COLUMN `c` `` |
//! | `add_columns` | `` ALTER TABLE `t` ADD COLUMN <definition> `` and the `UNIQUE KEY`, `KEY` and `FOREIGN KEY` its `unique`, `index` and `references` ask for |
//! | `alter_columns` | `` ALTER TABLE `t` MODIFY COLUMN <the full new definition> `` and, as for adds, the keys and foreign key the new definition asks for |
//! | `add_indexes`, `add_unique` | `` ALTER TABLE `t` ADD KEY `n` (...) ``, `` ADD UNIQUE KEY `n` (...) `` |
//! | `add_foreign_keys` | `` ALTER TABLE `t` ADD CONSTRAINT `n` FOREIGN KEY ... `` |
//!
//! The parts run in the order `docs/migrations.md` gives, one statement each. MySQL commits
//! every DDL statement on its own and InnoDB applies one `ALTER TABLE` whole or not at all, so
//! when a part fails the parts before it are applied and nothing of it is: progress is exact to
//! the part.
//!
//! `MODIFY COLUMN` replaces the column's whole definition, so it is written from the model
//! (type, `unsigned`, nullability, default, comment), never patched (Knex's `.alter()` loses
//! `unsigned` and comments). The table's primary key and the column's existing indexes are
//! kept by MySQL; an `increments` column is redefined as `AUTO_INCREMENT` without restating
//! `PRIMARY KEY`. The keys and foreign key an altered column declares are added: if they
//! exist already, MySQL refuses the statement (`Duplicate key name`) and changes nothing.
//!
//! A foreign key on columns that no index starts with gets an index from InnoDB, named after
//! the constraint (`t_c_foreign`). `DROP FOREIGN KEY` keeps that index (MySQL's behavior; the
//! index may serve queries); it goes with its column, and adding the foreign key again reuses
//! it.

use dbm_core::error::Result;
use dbm_core::schema::{AlterTable, Column, ConstraintRef, naming};

use crate::ddl::{self, q};

/// Compiles an `alter_table` entry: one statement per non-empty part, in order.
pub(crate) fn compile(op: &AlterTable) -> Result<Vec<String>> {
    let table = op.name.as_str();
    let mut out = Vec::new();
    let mut statement = |clauses: Vec<String>| {
        if !clauses.is_empty() {
            out.push(format!("ALTER TABLE {} {}", q(table), clauses.join(", ")));
        }
    };
    let drops = |refs: &[ConstraintRef], kind: naming::NameKind, what: &str| -> Vec<String> {
        refs.iter()
            .map(|r| format!("DROP {what} {}", q(&naming::resolve(table, r, kind))))
            .collect()
    };
    statement(drops(
        &op.drop_foreign_keys,
        naming::NameKind::Foreign,
        "FOREIGN KEY",
    ));
    statement(drops(&op.drop_unique, naming::NameKind::Unique, "INDEX"));
    statement(drops(&op.drop_indexes, naming::NameKind::Index, "INDEX"));
    statement(
        op.rename_columns
            .iter()
            .map(|(old, new)| format!("RENAME COLUMN {} TO {}", q(old), q(new)))
            .collect(),
    );
    statement(
        op.drop_columns
            .iter()
            .map(|c| format!("DROP COLUMN {}", q(c)))
            .collect(),
    );
    statement(columns_with_constraints(
        table,
        &op.add_columns,
        "ADD COLUMN",
    )?);
    statement(columns_with_constraints(
        table,
        &op.alter_columns,
        "MODIFY COLUMN",
    )?);
    let mut add_indexes = Vec::new();
    for index in &op.add_indexes {
        let name = index.index_name(table);
        add_indexes.push(format!(
            "ADD {}",
            ddl::key_sql(table, &name, &index.columns, false)?
        ));
    }
    statement(add_indexes);
    let mut add_unique = Vec::new();
    for unique in &op.add_unique {
        let name = unique.unique_name(table);
        add_unique.push(format!(
            "ADD {}",
            ddl::key_sql(table, &name, &unique.columns, true)?
        ));
    }
    statement(add_unique);
    let mut add_foreign_keys = Vec::new();
    for fk in &op.add_foreign_keys {
        add_foreign_keys.push(format!("ADD {}", ddl::foreign_key_sql(table, fk)?));
    }
    statement(add_foreign_keys);
    Ok(out)
}

/// `ADD COLUMN` or `MODIFY COLUMN` clauses, then the keys and foreign keys the columns
/// declare. An added non-increments column with `primary = true` adds the primary key.
fn columns_with_constraints(table: &str, columns: &[Column], verb: &str) -> Result<Vec<String>> {
    let adding = verb == "ADD COLUMN";
    let mut clauses = Vec::new();
    for column in columns {
        let definition = ddl::column_definition(column, adding)?;
        clauses.push(format!("{verb} {definition}"));
    }
    for column in columns {
        if adding && column.primary && !column.column_type.is_increments() {
            clauses.push(format!("ADD PRIMARY KEY ({})", q(&column.name)));
        }
        for constraint in ddl::column_constraints(table, column)? {
            clauses.push(format!("ADD {constraint}"));
        }
    }
    Ok(clauses)
}
