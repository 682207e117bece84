//! Seeders: rows put into a database after its migrations, with `dbm db:seed`.
//!
//! A [`Seeder`] is plain data, whatever it was written in: a TOML file of `[[insert]]`
//! entries, a `.sql` file, or a [`RustSeeder`] registered in code. [`SeederSource`] reads the
//! files of the configured folders. Every seeder is loaded and checked before the first one
//! runs, so that a broken file touches nothing. [`Seeder::compile`] turns a seeder into
//! statements for one dialect: each `[[insert]]` becomes multi-row `INSERT`s with bound
//! values, at most [`MAX_PARAMETERS`] values to a statement. [`Seeder::run`] runs those
//! statements in one transaction of the seeder's own: a failing seeder rolls back its own rows
//! and leaves those of the seeders before it.
//!
//! A seeder may be restricted to environments (`environments = ["development"]` in TOML,
//! `-- dbm:environments development` in SQL, [`RustSeeder::environments`]), as Lucid's
//! `static environment`; [`Seeder::runs_in`] says whether it runs in one.

pub mod source;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::dialect::Dialect;
use crate::driver::{Connection, Value, in_own_transaction};
use crate::error::{Error, Result};

pub use source::SeederSource;

/// The most values bound to one `INSERT`: rows are batched under it (SQLite's historical
/// limit, below PostgreSQL's and MySQL's).
pub const MAX_PARAMETERS: usize = 999;

/// One seeder: a name, the environments it runs in, and what it does.
#[derive(Debug, Clone, PartialEq)]
pub struct Seeder {
    /// The file's path relative to the project root without its extension
    /// (`database/seeders/1_roles`), or the name it was registered under.
    pub name: String,
    /// The file it was read from; `None` for seeders registered in code.
    pub path: Option<PathBuf>,
    /// The environments it runs in; empty means every environment.
    pub environments: Vec<String>,
    /// What it does, in order.
    pub steps: Vec<SeedStep>,
}

/// One unit of work of a seeder.
#[derive(Debug, Clone, PartialEq)]
pub enum SeedStep {
    /// Rows for one table, all with the same columns.
    Insert(Insert),
    /// A statement run as written, with its bound values (placeholders per
    /// [`Dialect::placeholder`]).
    Sql {
        /// The statement.
        sql: String,
        /// Its bound values.
        params: Vec<Value>,
    },
}

/// Rows for one table, all with the same columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Insert {
    /// The table.
    pub table: String,
    /// The columns, in the order of each row's values.
    pub columns: Vec<String>,
    /// The rows' values.
    pub rows: Vec<Vec<Value>>,
}

/// A compiled statement with its bound values.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The SQL.
    pub sql: String,
    /// The values bound to its placeholders.
    pub params: Vec<Value>,
}

impl Statement {
    /// The statement as the dry run and the error messages show it: the bound values in a
    /// comment line when there are any, then the SQL.
    pub fn display(&self) -> String {
        if self.params.is_empty() {
            return self.sql.clone();
        }
        let values: Vec<String> = self.params.iter().map(Value::display).collect();
        format!("-- bindings: [{}]\n{}", values.join(", "), self.sql)
    }
}

/// What running one seeder did.
#[derive(Debug, Clone, PartialEq)]
pub struct SeedReport {
    /// The seeder's name.
    pub name: String,
    /// How long it took.
    pub duration: Duration,
    /// The rows its statements affected, as the database counts them.
    pub rows: u64,
    /// Its statements, as [`Statement::display`] shows them (dry runs).
    pub statements: Vec<String>,
}

impl Seeder {
    /// Whether the seeder runs in `environment` (compared in any case, as environments are).
    pub fn runs_in(&self, environment: &str) -> bool {
        self.environments.is_empty()
            || self
                .environments
                .iter()
                .any(|e| e.eq_ignore_ascii_case(environment))
    }

    /// The seeder's statements in `dialect`.
    pub fn compile(&self, dialect: &dyn Dialect) -> Vec<Statement> {
        let mut out = Vec::new();
        for step in &self.steps {
            match step {
                SeedStep::Insert(insert) => out.extend(insert.compile(dialect)),
                SeedStep::Sql { sql, params } => out.push(Statement {
                    sql: sql.clone(),
                    params: params.clone(),
                }),
            }
        }
        out
    }

    /// Runs the seeder in a transaction of its own on `conn`, or, with `dry_run`, only
    /// compiles it.
    ///
    /// # Errors
    ///
    /// [`Error::Seeder`] naming the seeder and the failing statement; the transaction is
    /// rolled back, so none of the seeder's rows remain.
    pub async fn run(
        &self,
        conn: &mut dyn Connection,
        dialect: &dyn Dialect,
        dry_run: bool,
    ) -> Result<SeedReport> {
        let started = Instant::now();
        let statements = self.compile(dialect);
        let shown = |statements: &[Statement]| statements.iter().map(Statement::display).collect();
        if dry_run {
            return Ok(SeedReport {
                name: self.name.clone(),
                duration: started.elapsed(),
                rows: 0,
                statements: shown(&statements),
            });
        }
        let failed = |statement: Option<&Statement>, source: crate::DriverError| Error::Seeder {
            name: self.name.clone(),
            statement: statement.map(|s| {
                let values: Vec<String> = s.params.iter().map(Value::display).collect();
                if values.is_empty() {
                    s.sql.clone()
                } else {
                    format!("{} (bindings: {})", s.sql, values.join(", "))
                }
            }),
            source: Box::new(Error::Driver(source)),
        };
        let rows = in_own_transaction(
            conn,
            async |conn, sql: String| {
                conn.execute(&sql)
                    .await
                    .map(drop)
                    .map_err(|e| failed(None, e))
            },
            async |conn| {
                let mut rows = 0;
                for statement in &statements {
                    // A statement without values goes as written (the simple protocol where
                    // the database has one), as a migration's raw SQL does.
                    let done = if statement.params.is_empty() {
                        conn.execute(&statement.sql).await
                    } else {
                        conn.execute_with(&statement.sql, &statement.params).await
                    };
                    rows += done.map_err(|e| failed(Some(statement), e))?;
                }
                Ok(rows)
            },
        )
        .await?;
        Ok(SeedReport {
            name: self.name.clone(),
            duration: started.elapsed(),
            rows,
            statements: Vec::new(),
        })
    }

    /// A seeder written in Rust, registered in code.
    pub fn from_rust(name: impl Into<String>, seeder: &dyn RustSeeder) -> Self {
        let mut seed = Seed::default();
        seeder.run(&mut seed);
        Self {
            name: name.into(),
            path: None,
            environments: seeder
                .environments()
                .iter()
                .map(|e| (*e).to_owned())
                .collect(),
            steps: seed.steps,
        }
    }
}

impl Insert {
    /// Multi-row `INSERT`s of at most [`MAX_PARAMETERS`] values each.
    pub fn compile(&self, dialect: &dyn Dialect) -> Vec<Statement> {
        let per_statement = (MAX_PARAMETERS / self.columns.len().max(1)).max(1);
        let columns: Vec<String> = self
            .columns
            .iter()
            .map(|c| dialect.quote_identifier(c))
            .collect();
        let head = format!(
            "INSERT INTO {} ({}) VALUES ",
            dialect.quote_identifier(&self.table),
            columns.join(", ")
        );
        self.rows
            .chunks(per_statement)
            .map(|chunk| {
                let mut index = 0;
                let tuples: Vec<String> = chunk
                    .iter()
                    .map(|row| {
                        let placeholders: Vec<String> = row
                            .iter()
                            .map(|_| {
                                index += 1;
                                dialect.placeholder(index)
                            })
                            .collect();
                        format!("({})", placeholders.join(", "))
                    })
                    .collect();
                Statement {
                    sql: format!("{head}{}", tuples.join(", ")),
                    params: chunk.iter().flatten().cloned().collect(),
                }
            })
            .collect()
    }
}

/// A seeder written in Rust: [`RustSeeder::run`] describes its rows and statements on a
/// [`Seed`]; they run as a TOML or SQL seeder's do, in a transaction of the seeder's own.
///
/// ```
/// use dbm_core::seed::{RustSeeder, Seed, Seeder};
///
/// struct Roles;
///
/// impl RustSeeder for Roles {
///     fn run(&self, seed: &mut Seed) {
///         seed.insert("roles", [
///             vec![("id", 1.into()), ("name", "admin".into())],
///             vec![("id", 2.into()), ("name", "member".into())],
///         ]);
///     }
/// }
///
/// let seeder = Seeder::from_rust("roles", &Roles);
/// assert_eq!(seeder.steps.len(), 1);
/// ```
pub trait RustSeeder: Send + Sync {
    /// Describes what the seeder does.
    fn run(&self, seed: &mut Seed);

    /// The environments the seeder runs in; empty (the default) means every environment.
    fn environments(&self) -> &[&str] {
        &[]
    }
}

/// What a [`RustSeeder`] does, as it describes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seed {
    steps: Vec<SeedStep>,
}

impl Seed {
    /// Inserts rows into `table`, each a list of `(column, value)`; consecutive rows with the
    /// same columns share their `INSERT`s.
    pub fn insert<'a, R>(&mut self, table: &str, rows: impl IntoIterator<Item = R>) -> &mut Self
    where
        R: IntoIterator<Item = (&'a str, Value)>,
    {
        for row in rows {
            let (columns, values): (Vec<String>, Vec<Value>) = row
                .into_iter()
                .map(|(column, value)| (column.to_owned(), value))
                .unzip();
            push_row(&mut self.steps, table, columns, values);
        }
        self
    }

    /// Runs a statement as written, with bound values (placeholders per the connection's
    /// dialect: `?` on SQLite and MySQL, `$1` on PostgreSQL).
    pub fn sql(&mut self, sql: impl Into<String>, params: Vec<Value>) -> &mut Self {
        self.steps.push(SeedStep::Sql {
            sql: sql.into(),
            params,
        });
        self
    }
}

/// Adds one row to `steps`: to the last [`Insert`] when it is for the same table and
/// columns, else as a new one.
pub(crate) fn push_row(
    steps: &mut Vec<SeedStep>,
    table: &str,
    columns: Vec<String>,
    values: Vec<Value>,
) {
    if let Some(SeedStep::Insert(last)) = steps.last_mut()
        && last.table == table
        && last.columns == columns
    {
        last.rows.push(values);
        return;
    }
    steps.push(SeedStep::Insert(Insert {
        table: table.to_owned(),
        columns,
        rows: vec![values],
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::ddl::tests::Plain;

    fn insert(columns: usize, rows: usize) -> Insert {
        Insert {
            table: "t".into(),
            columns: (0..columns).map(|i| format!("c{i}")).collect(),
            rows: (0..rows)
                .map(|r| {
                    (0..columns)
                        .map(|c| Value::Integer((r * c) as i64))
                        .collect()
                })
                .collect(),
        }
    }

    #[test]
    fn rows_become_one_multi_row_insert_with_quoted_names_and_placeholders() {
        let statements = insert(2, 2).compile(&Plain);
        assert_eq!(statements.len(), 1);
        assert_eq!(
            statements[0].sql,
            r#"INSERT INTO "t" ("c0", "c1") VALUES (?, ?), (?, ?)"#
        );
        assert_eq!(statements[0].params.len(), 4);
    }

    #[test]
    fn rows_are_batched_under_the_parameter_limit() {
        let statements = insert(10, 250).compile(&Plain);
        assert_eq!(statements.len(), 3);
        assert!(statements.iter().all(|s| s.params.len() <= MAX_PARAMETERS));
        assert_eq!(
            statements.iter().map(|s| s.params.len()).sum::<usize>(),
            2500
        );
        assert!(
            statements[2]
                .sql
                .ends_with("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        );
    }

    #[test]
    fn rust_rows_with_other_columns_start_a_new_insert() {
        let mut seed = Seed::default();
        seed.insert("t", [vec![("a", 1.into())], vec![("a", 2.into())]]);
        seed.insert("t", [vec![("a", 3.into()), ("b", "x".into())]]);
        assert_eq!(seed.steps.len(), 2);
    }

    #[test]
    fn environments_compare_in_any_case_and_empty_means_all() {
        let mut seeder = Seeder {
            name: "s".into(),
            path: None,
            environments: Vec::new(),
            steps: Vec::new(),
        };
        assert!(seeder.runs_in("production"));
        seeder.environments = vec!["Development".into()];
        assert!(seeder.runs_in("development"));
        assert!(!seeder.runs_in("production"));
    }
}
