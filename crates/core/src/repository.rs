//! The tracking tables, read and written through a [`Connection`].
//!
//! `dbm_schema` (name configurable) holds one row per applied migration: `id`, `name`
//! (unique), `batch`, `checksum`, `migration_time`. `dbm_schema_versions` holds one row: the
//! format version of `dbm_schema`, so a later dbm can upgrade it in place. Both are created on
//! first use by commands that change the database, never by `status` or dry runs.

use crate::dialect::{Dialect, versions_table};
use crate::driver::{Connection, Value};
use crate::error::{Error, Result};
use crate::schema::Operation;

/// The format version of `dbm_schema` this dbm writes.
pub const FORMAT_VERSION: i64 = 1;

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

    /// Creates both tables when missing and checks the format version.
    ///
    /// # Errors
    ///
    /// A version row newer than [`FORMAT_VERSION`] (a newer dbm wrote it) is refused.
    pub async fn ensure(&self, conn: &mut dyn Connection) -> Result<()> {
        if !conn.table_exists(self.table).await? {
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
        let rows = conn
            .query(&format!("SELECT MAX(version) FROM {quoted_versions}"), &[])
            .await?;
        match rows.first().and_then(|r| r.get(0).as_i64()) {
            None => {
                let sql = format!(
                    "INSERT INTO {quoted_versions} (version) VALUES ({})",
                    self.dialect.placeholder(1)
                );
                conn.execute_with(&sql, &[Value::Integer(FORMAT_VERSION)])
                    .await?;
            }
            Some(version) if version > FORMAT_VERSION => {
                return Err(Error::Refused {
                    message: format!(
                        "{} has format version {version}, written by a newer dbm; this dbm \
                         knows version {FORMAT_VERSION}: upgrade dbm",
                        versions_table(self.table).name
                    ),
                });
            }
            Some(_) => {}
        }
        Ok(())
    }

    /// Every applied migration, in the order applied (by id).
    pub async fn applied(&self, conn: &mut dyn Connection) -> Result<Vec<AppliedMigration>> {
        let sql = format!(
            "SELECT id, name, batch, checksum, {} FROM {} ORDER BY id",
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
            })
            .collect())
    }

    /// [`Repository::applied`], or none when the tracking table does not exist yet. Creates
    /// nothing.
    pub async fn applied_if_any(&self, conn: &mut dyn Connection) -> Result<Vec<AppliedMigration>> {
        if !self.exists(conn).await? {
            return Ok(Vec::new());
        }
        self.applied(conn).await
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
        let d = self.dialect;
        format!(
            "INSERT INTO {} (name, batch, checksum) VALUES ({}, {batch}, {})",
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
}
