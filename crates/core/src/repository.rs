//! The tracking tables, read and written through a [`Connection`].
//!
//! `dbm_schema` (name configurable) holds one row per applied migration: `id`, `name`
//! (unique), `batch`, `checksum`, `migration_time`, `state`. `dbm_schema_versions` holds one
//! row: the format version of `dbm_schema`, so a later dbm can upgrade it in place. Both are
//! created on first use by commands that change the database, never by `status` or dry runs.
//!
//! Format versions: 1 had no `state` column; 2 adds it (`applied`, `running`,
//! `rolling_back`), so that a migration whose statements commit as they go (MySQL's DDL, a
//! migration outside a transaction) is recorded before its first statement and a crash
//! leaves it `interrupted` instead of half-applied and unrecorded. [`Repository::ensure`]
//! upgrades a version 1 table on the next command that changes the database.

use crate::dialect::{Dialect, versions_table};
use crate::driver::{Connection, Value};
use crate::error::{Error, Result};
use crate::schema::{AlterTable, Operation};

/// The format version of `dbm_schema` this dbm writes.
pub const FORMAT_VERSION: i64 = 2;

/// What the `state` column of a `dbm_schema` row says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowState {
    /// Applied and finished.
    Applied,
    /// Being applied: recorded before the first statement of a migration whose statements
    /// commit as they go. Left behind by a process that stopped mid-way.
    Running,
    /// Being reverted: marked before the first statement of such a migration's down.
    RollingBack,
}

impl RowState {
    /// The word stored in the `state` column.
    pub fn word(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Running => "running",
            Self::RollingBack => "rolling_back",
        }
    }

    fn parse(word: Option<String>) -> Self {
        match word.as_deref().map(str::trim) {
            Some("running") => Self::Running,
            Some("rolling_back") => Self::RollingBack,
            _ => Self::Applied,
        }
    }

    /// True when a process stopped while applying or reverting the migration.
    pub fn is_interrupted(self) -> bool {
        self != Self::Applied
    }
}

/// One row of `dbm_schema`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AppliedMigration {
    /// Row id: the order migrations were applied in.
    pub id: i64,
    /// The migration's name.
    pub name: String,
    /// Its batch.
    pub batch: i64,
    /// The checksum of the file when it ran.
    pub checksum: Option<String>,
    /// When it ran, as the database wrote it.
    pub migration_time: Option<String>,
    /// Finished, or interrupted while applying or reverting.
    pub state: RowState,
}

/// Reads and writes the tracking tables named after `table`.
pub struct Repository<'a> {
    table: &'a str,
    dialect: &'a dyn Dialect,
}

impl<'a> Repository<'a> {
    /// A repository for the tracking table `table`.
    pub fn new(table: &'a str, dialect: &'a dyn Dialect) -> Self {
        Self { table, dialect }
    }

    fn quoted(&self) -> String {
        self.dialect.quote_identifier(self.table)
    }

    /// Whether `dbm_schema` exists.
    pub async fn exists(&self, conn: &mut dyn Connection) -> Result<bool> {
        Ok(conn.table_exists(self.table).await?)
    }

    /// The format version recorded in `dbm_schema_versions`, or `None` when that table does
    /// not exist or is empty.
    pub async fn format_version(&self, conn: &mut dyn Connection) -> Result<Option<i64>> {
        let versions = versions_table(self.table).name;
        if !conn.table_exists(&versions).await? {
            return Ok(None);
        }
        let sql = format!(
            "SELECT MAX(version) FROM {}",
            self.dialect.quote_identifier(&versions)
        );
        let rows = conn.query(&sql, &[]).await?;
        Ok(rows.first().and_then(|r| r.get(0).as_i64()))
    }

    /// Creates both tables when missing, upgrades a table of an older format in place, and
    /// checks the format version. Call it under the migration lock.
    ///
    /// # Errors
    ///
    /// A version row newer than [`FORMAT_VERSION`] (a newer dbm wrote it) is refused.
    pub async fn ensure(&self, conn: &mut dyn Connection) -> Result<()> {
        let created = !conn.table_exists(self.table).await?;
        if created {
            let op = Operation::CreateTable(self.dialect.tracking_table(self.table));
            for sql in self.dialect.compile(&op, None)? {
                conn.execute(&sql).await?;
            }
        }
        let versions = versions_table(self.table);
        let quoted_versions = self.dialect.quote_identifier(&versions.name);
        if !conn.table_exists(&versions.name).await? {
            for sql in self
                .dialect
                .compile(&Operation::CreateTable(versions), None)?
            {
                conn.execute(&sql).await?;
            }
        }
        let recorded = self.format_version(conn).await?;
        let version = match recorded {
            Some(version) if version > FORMAT_VERSION => {
                return Err(Error::Refused {
                    message: format!(
                        "{} has format version {version}, written by a newer dbm; this dbm \
                         knows version {FORMAT_VERSION}: upgrade dbm",
                        versions_table(self.table).name
                    ),
                });
            }
            Some(version) => version,
            // A table this dbm just created has the current format; one found without a
            // version row was written by the first format.
            None if created => FORMAT_VERSION,
            None => 1,
        };
        if version < 2 {
            self.add_state_column(conn).await?;
        }
        match recorded {
            Some(old) if old < FORMAT_VERSION => {
                let sql = format!(
                    "UPDATE {quoted_versions} SET version = {FORMAT_VERSION} WHERE version = {old}"
                );
                conn.execute(&sql).await?;
            }
            Some(_) => {}
            None => {
                let sql = format!(
                    "INSERT INTO {quoted_versions} (version) VALUES ({})",
                    self.dialect.placeholder(1)
                );
                conn.execute_with(&sql, &[Value::Integer(FORMAT_VERSION)])
                    .await?;
            }
        }
        Ok(())
    }

    /// Format version 1 to 2: adds the `state` column as the dialect defines it in its
    /// [`Dialect::tracking_table`], every existing row `applied`.
    async fn add_state_column(&self, conn: &mut dyn Connection) -> Result<()> {
        let Some(column) = self
            .dialect
            .tracking_table(self.table)
            .columns
            .into_iter()
            .find(|c| c.name == "state")
        else {
            return Err(Error::schema(format!(
                "the {} dialect's tracking table has no `state` column",
                self.dialect.name()
            )));
        };
        let op = Operation::AlterTable(AlterTable {
            name: self.table.to_string(),
            add_columns: vec![column],
            ..AlterTable::default()
        });
        let state = if self.dialect.needs_table_state(&op) {
            conn.table_state(self.table).await?
        } else {
            None
        };
        for sql in self.dialect.compile(&op, state.as_ref())? {
            conn.execute(&sql).await?;
        }
        Ok(())
    }

    /// Every applied migration, in the order applied (by id). Reads the `state` column when
    /// the table has it (format version 2 and later).
    pub async fn applied(&self, conn: &mut dyn Connection) -> Result<Vec<AppliedMigration>> {
        let stateful = self.format_version(conn).await?.unwrap_or(1) >= 2;
        let state = if stateful {
            self.dialect.quote_identifier("state")
        } else {
            "NULL".into()
        };
        let sql = format!(
            "SELECT id, name, batch, checksum, {}, {state} FROM {} ORDER BY id",
            self.dialect.text_expr("migration_time"),
            self.quoted()
        );
        let rows = conn.query(&sql, &[]).await?;
        Ok(rows
            .into_iter()
            .map(|row| AppliedMigration {
                id: row.get(0).as_i64().unwrap_or_default(),
                name: row.get(1).as_text().unwrap_or_default(),
                batch: row.get(2).as_i64().unwrap_or_default(),
                checksum: row.get(3).as_text(),
                migration_time: row.get(4).as_text(),
                state: RowState::parse(row.get(5).as_text()),
            })
            .collect())
    }

    /// [`Repository::applied`], or none when the tracking table does not exist (yet, or any
    /// more: a `migration:fresh` of another process may drop it between the two reads).
    /// Creates nothing.
    pub async fn applied_if_any(&self, conn: &mut dyn Connection) -> Result<Vec<AppliedMigration>> {
        // Outside the lock the tables may be dropped and created again between two reads:
        // a read that fails while they change is tried again.
        let mut attempts = 0;
        loop {
            if !self.exists(conn).await? {
                return Ok(Vec::new());
            }
            match self.applied(conn).await {
                Ok(rows) => return Ok(rows),
                Err(e) if attempts >= 3 => return Err(e),
                Err(e) => {
                    attempts += 1;
                    tracing::debug!("reading {} failed ({e}); reading again", self.table);
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            }
        }
    }

    /// Records an applied migration, with [`Repository::insert_sql`]: literals on the text
    /// protocol take one round trip where a prepared statement takes two on MySQL.
    pub async fn insert(
        &self,
        conn: &mut dyn Connection,
        name: &str,
        batch: i64,
        checksum: &str,
    ) -> Result<()> {
        conn.execute(&self.insert_sql(name, batch, checksum))
            .await?;
        Ok(())
    }

    /// The statement that records an applied migration, its values written as literals.
    pub fn insert_sql(&self, name: &str, batch: i64, checksum: &str) -> String {
        self.insert_sql_in_state(name, batch, checksum, None)
    }

    /// [`Repository::insert_sql`] with an explicit `state` (else the column's default,
    /// `applied`).
    fn insert_sql_in_state(
        &self,
        name: &str,
        batch: i64,
        checksum: &str,
        state: Option<RowState>,
    ) -> String {
        let d = self.dialect;
        let (column, value) = match state {
            Some(state) => (
                format!(", {}", d.quote_identifier("state")),
                format!(", {}", d.quote_string(state.word())),
            ),
            None => (String::new(), String::new()),
        };
        format!(
            "INSERT INTO {} (name, batch, checksum{column}) VALUES ({}, {batch}, {}{value})",
            self.quoted(),
            d.quote_string(name),
            d.quote_string(checksum)
        )
    }

    /// The statement that forgets a reverted migration, its value written as a literal.
    pub fn delete_sql(&self, name: &str) -> String {
        format!(
            "DELETE FROM {} WHERE name = {}",
            self.quoted(),
            self.dialect.quote_string(name)
        )
    }

    /// Forgets a reverted migration, with [`Repository::delete_sql`].
    pub async fn delete(&self, conn: &mut dyn Connection, name: &str) -> Result<()> {
        conn.execute(&self.delete_sql(name)).await?;
        Ok(())
    }

    /// Records a migration as being applied, before its first statement: `state` is
    /// `running` until [`Repository::mark_applied`].
    pub async fn mark_running(
        &self,
        conn: &mut dyn Connection,
        name: &str,
        batch: i64,
        checksum: &str,
    ) -> Result<()> {
        let sql = self.insert_sql_in_state(name, batch, checksum, Some(RowState::Running));
        conn.execute(&sql).await?;
        Ok(())
    }

    /// Sets a row's `state`.
    pub async fn set_state(
        &self,
        conn: &mut dyn Connection,
        name: &str,
        state: RowState,
    ) -> Result<()> {
        self.update(conn, name, state, false).await
    }

    /// Marks a migration recorded by [`Repository::mark_running`] as applied, now.
    pub async fn mark_applied(&self, conn: &mut dyn Connection, name: &str) -> Result<()> {
        self.update(conn, name, RowState::Applied, true).await
    }

    async fn update(
        &self,
        conn: &mut dyn Connection,
        name: &str,
        state: RowState,
        now: bool,
    ) -> Result<()> {
        let d = self.dialect;
        let time = if now {
            format!(
                ", {} = CURRENT_TIMESTAMP",
                d.quote_identifier("migration_time")
            )
        } else {
            String::new()
        };
        let sql = format!(
            "UPDATE {} SET {} = {}{time} WHERE name = {}",
            self.quoted(),
            d.quote_identifier("state"),
            d.quote_string(state.word()),
            d.quote_string(name)
        );
        conn.execute(&sql).await?;
        Ok(())
    }
}
