//! The `table` lock strategy: a lease row in `<table>_lock`, for databases where a session's
//! own lock does not reach every session that may migrate (a Galera cluster, whose
//! `GET_LOCK` is local to one node; a transaction pooler, which hands a session lock to
//! whichever client comes next).
//!
//! The row (`name` = the tracking table, the primary key; `owner`, `host`, `pid`,
//! `acquired_at`, `expires_at`) is written by a statement of its own, committed at once, on a
//! connection of its own: two claims conflict on the primary key (across Galera nodes,
//! certification makes one of them fail) and exactly one wins. Times are the database's
//! clock in milliseconds since 1970, never the client's. A claim first deletes an expired
//! lease, so a holder killed with `kill -9` blocks the next run at most one lease.
//!
//! While the holder works, a task renews the lease every third of its length on that second
//! connection, so a long statement on the migration connection never lets it expire; the
//! lease is deleted on every path, and a lost lease (renewed too late, taken over) is reported.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::dialect::Dialect;
use crate::driver::Connection;
use crate::error::{DriverError, Error, Result};
use crate::schema::{Column, ColumnType, CreateTable, Operation};

/// The lease table of the tracking table `table`: `<table>_lock`.
pub fn lock_table_name(table: &str) -> String {
    format!("{table}_lock")
}

/// The portable definition of `<table>_lock`.
pub fn lock_table(table: &str) -> CreateTable {
    let not_null = |column: Column| Column {
        nullable: Some(false),
        ..column
    };
    CreateTable {
        name: lock_table_name(table),
        columns: vec![
            Column {
                primary: true,
                ..Column::new("name", ColumnType::String { length: 255 })
            },
            not_null(Column::new("owner", ColumnType::String { length: 64 })),
            Column::new("host", ColumnType::String { length: 255 }),
            Column::new("pid", ColumnType::BigInteger),
            not_null(Column::new("acquired_at", ColumnType::BigInteger)),
            not_null(Column::new("expires_at", ColumnType::BigInteger)),
        ],
        if_not_exists: true,
        ..CreateTable::default()
    }
}

/// One process's lease on the tracking table `key`.
#[derive(Debug, Clone)]
pub struct Lease {
    key: String,
    table: String,
    owner: String,
    host: String,
    length: Duration,
}

impl Lease {
    /// A lease of `length` on the tracking table `table`, owned by this process (a token of
    /// the host, the pid and the time, unique per run).
    pub fn new(table: &str, length: Duration) -> Self {
        let host = host_name();
        let pid = std::process::id();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let owner = format!("{pid}-{nanos:x}");
        Self {
            key: table.to_string(),
            table: lock_table_name(table),
            owner,
            host,
            length,
        }
    }

    /// The lease's length.
    pub fn length(&self) -> Duration {
        self.length
    }

    /// Creates `<table>_lock` when missing; a concurrent create by another process is not an
    /// error.
    async fn ensure(&self, conn: &mut dyn Connection, dialect: &dyn Dialect) -> Result<()> {
        if conn.table_exists(&self.table).await? {
            return Ok(());
        }
        let op = Operation::CreateTable(lock_table(&self.key));
        for sql in dialect.compile(&op, None)? {
            if let Err(error) = conn.execute(&sql).await {
                // Another process created it between the check and the create.
                if conn.table_exists(&self.table).await.unwrap_or(false) {
                    return Ok(());
                }
                return Err(error.into());
            }
        }
        Ok(())
    }

    fn where_mine(&self, dialect: &dyn Dialect) -> String {
        format!(
            "{} = {} AND {} = {}",
            dialect.quote_identifier("name"),
            dialect.quote_string(&self.key),
            dialect.quote_identifier("owner"),
            dialect.quote_string(&self.owner)
        )
    }

    /// Tries once to take the lease; true when taken. Never waits.
    ///
    /// An expired lease is deleted first, then the row is inserted; the primary key (or
    /// Galera's certification) lets one claim win. A failed insert while another lease is
    /// visible is a loss; a failed insert with no lease visible is retried by the caller's
    /// polling, and only a third such failure in a row is an error.
    async fn try_claim(
        &self,
        conn: &mut dyn Connection,
        dialect: &dyn Dialect,
        unexplained: &mut u32,
    ) -> Result<bool> {
        let quoted = dialect.quote_identifier(&self.table);
        let q = |c: &str| dialect.quote_identifier(c);
        let now = dialect.now_millis();
        let key = dialect.quote_string(&self.key);
        let expired = format!(
            "DELETE FROM {quoted} WHERE {} = {key} AND {} < {now}",
            q("name"),
            q("expires_at")
        );
        let insert = format!(
            "INSERT INTO {quoted} ({}, {}, {}, {}, {}, {}) VALUES ({key}, {}, {}, {}, {now}, {now} + {})",
            q("name"),
            q("owner"),
            q("host"),
            q("pid"),
            q("acquired_at"),
            q("expires_at"),
            dialect.quote_string(&self.owner),
            dialect.quote_string(&self.host),
            std::process::id(),
            self.length.as_millis()
        );
        // Either statement can lose to another claim: a duplicate key, a lock wait, or on
        // Galera a certification failure (`Deadlock found`).
        let claimed = match conn.execute(&expired).await {
            Ok(_) => conn.execute(&insert).await,
            Err(error) => Err(error),
        };
        let Err(error) = claimed else {
            *unexplained = 0;
            return Ok(true);
        };
        let held = conn
            .query(
                &format!(
                    "SELECT {} FROM {quoted} WHERE {} = {key}",
                    q("owner"),
                    q("name")
                ),
                &[],
            )
            .await?;
        if !held.is_empty() {
            *unexplained = 0;
            return Ok(false);
        }
        *unexplained += 1;
        if *unexplained >= 5 {
            return Err(error.into());
        }
        Ok(false)
    }

    /// Pushes the lease's end one length past the database's now; false when the row is
    /// no longer this process's (it expired and another run took it over).
    async fn renew(
        &self,
        conn: &mut dyn Connection,
        dialect: &dyn Dialect,
    ) -> Result<bool, DriverError> {
        let sql = format!(
            "UPDATE {} SET {} = {} + {} WHERE {}",
            dialect.quote_identifier(&self.table),
            dialect.quote_identifier("expires_at"),
            dialect.now_millis(),
            self.length.as_millis(),
            self.where_mine(dialect)
        );
        Ok(conn.execute(&sql).await? > 0)
    }

    /// A statement that, inside a migration's transaction, fails unless this process still
    /// holds the lease, and keeps a takeover waiting until that transaction ends; `None`
    /// where the dialect has no such lock.
    ///
    /// It locks the lease row with [`Dialect::lease_fence`]; on PostgreSQL, `FOR KEY SHARE`: the renewal's `UPDATE` of
    /// `expires_at` does not conflict with it, a takeover's `DELETE` waits for it. So when a
    /// holder dies with a transaction still running on the server (a script already sent
    /// runs to its `COMMIT`), the next run takes over only once that transaction ended, and
    /// reads what it committed.
    fn fence_sql(&self, dialect: &dyn Dialect) -> Option<String> {
        let clause = dialect.lease_fence()?;
        let lost = format!(
            "dbm: this run no longer holds the migration lease in {}",
            self.table
        );
        Some(format!(
            "SELECT CAST(CASE WHEN COUNT(*) = 0 THEN {} END AS integer) FROM (SELECT 1 FROM {} \
             WHERE {} {clause}) AS mine",
            dialect.quote_string(&lost),
            dialect.quote_identifier(&self.table),
            self.where_mine(dialect)
        ))
    }

    /// Deletes this process's lease row.
    async fn release(
        &self,
        conn: &mut dyn Connection,
        dialect: &dyn Dialect,
    ) -> Result<(), DriverError> {
        let sql = format!(
            "DELETE FROM {} WHERE {}",
            dialect.quote_identifier(&self.table),
            self.where_mine(dialect)
        );
        conn.execute(&sql).await.map(drop)
    }
}

/// The machine's name, for the `host` column; empty when unknown.
fn host_name() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| {
            std::fs::read_to_string("/proc/sys/kernel/hostname")
                .ok()
                .map(|h| h.trim().to_string())
        })
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_default()
}

/// A lease being taken or held, with the connection it lives on.
pub(super) struct LeaseLock {
    lease: Lease,
    dialect: Arc<dyn Dialect>,
    conn: Option<Box<dyn Connection>>,
    unexplained: u32,
    holder: Option<Holder>,
}

/// The renewing task of a held lease.
struct Holder {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<(Box<dyn Connection>, Result<(), DriverError>)>,
    lost: Arc<AtomicBool>,
}

impl LeaseLock {
    /// A lease taken on `conn`, a connection of its own to the migrated database.
    pub(super) fn new(lease: Lease, dialect: Arc<dyn Dialect>, conn: Box<dyn Connection>) -> Self {
        Self {
            lease,
            dialect,
            conn: Some(conn),
            unexplained: 0,
            holder: None,
        }
    }

    fn conn(&mut self) -> Result<&mut Box<dyn Connection>> {
        self.conn.as_mut().ok_or_else(|| Error::Refused {
            message: "the lease connection is in use by its renewing task".into(),
        })
    }

    /// Tries once to take the lease (creating `<table>_lock` when missing); on success,
    /// starts renewing it.
    pub(super) async fn try_lock(&mut self) -> Result<bool> {
        let lease = self.lease.clone();
        let dialect = self.dialect.clone();
        let mut unexplained = self.unexplained;
        let conn = self.conn()?;
        lease.ensure(conn.as_mut(), dialect.as_ref()).await?;
        let taken = lease
            .try_claim(conn.as_mut(), dialect.as_ref(), &mut unexplained)
            .await;
        self.unexplained = unexplained;
        if !taken? {
            return Ok(false);
        }
        let Some(mut conn) = self.conn.take() else {
            return Ok(false);
        };
        let (stop, mut stopped) = tokio::sync::oneshot::channel();
        let lost = Arc::new(AtomicBool::new(false));
        let flag = lost.clone();
        let every = lease.length / 3;
        let task = tokio::spawn(async move {
            // Renew every third of the lease until told to stop.
            while tokio::time::timeout(every, &mut stopped).await.is_err() {
                match lease.renew(conn.as_mut(), dialect.as_ref()).await {
                    Ok(true) => {}
                    Ok(false) => flag.store(true, Ordering::SeqCst),
                    Err(e) => tracing::warn!("renewing the migration lease failed: {e}"),
                }
            }
            // A release can lose a certification conflict on Galera too: try again.
            let mut released = lease.release(conn.as_mut(), dialect.as_ref()).await;
            for _ in 0..3 {
                if released.is_ok() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
                released = lease.release(conn.as_mut(), dialect.as_ref()).await;
            }
            (conn, released)
        });
        self.holder = Some(Holder { stop, task, lost });
        Ok(true)
    }

    /// Stops renewing and deletes the lease row.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`] when the lease was lost while held (another run may have
    /// migrated at the same time); the delete's error.
    pub(super) async fn unlock(&mut self) -> Result<()> {
        let Some(holder) = self.holder.take() else {
            return Ok(());
        };
        let _ = holder.stop.send(());
        let (conn, released) = holder.task.await.map_err(|e| Error::Refused {
            message: format!("the task renewing the migration lease stopped: {e}"),
        })?;
        self.conn = Some(conn);
        if holder.lost.load(Ordering::SeqCst) {
            return Err(Error::Refused {
                message: format!(
                    "the migration lease in {} expired while this run held it and another run \
                     took it over; raise `lock_lease` (now {}) if the database stalls that long",
                    self.lease.table,
                    humantime::format_duration(self.lease.length)
                ),
            });
        }
        Ok(released?)
    }

    /// [`Lease::fence_sql`] while the lease is held.
    pub(super) fn fence(&self) -> Option<String> {
        self.holder.as_ref()?;
        self.lease.fence_sql(self.dialect.as_ref())
    }

    /// Takes the lease again after its table was dropped with every other table
    /// (`migration:fresh`): stops renewing the row that is gone, then claims a new one.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`] when another run claimed the lock in between.
    pub(super) async fn rehold(&mut self) -> Result<()> {
        self.forget().await?;
        if self.try_lock().await? {
            return Ok(());
        }
        Err(Error::Refused {
            message: format!(
                "another run took the migration lease in {} while the tables were dropped; \
                 it migrates the database now",
                self.lease.table
            ),
        })
    }

    /// Stops renewing a lease whose table was dropped (`db:wipe`, `migration:fresh`): there
    /// is no row left to delete.
    pub(super) async fn forget(&mut self) -> Result<()> {
        if let Some(holder) = self.holder.take() {
            let _ = holder.stop.send(());
            let (conn, _gone) = holder.task.await.map_err(|e| Error::Refused {
                message: format!("the task renewing the migration lease stopped: {e}"),
            })?;
            self.conn = Some(conn);
        }
        Ok(())
    }

    /// Closes the lease connection.
    pub(super) async fn close(mut self) -> Result<()> {
        self.unlock().await?;
        if let Some(conn) = self.conn.take() {
            conn.close().await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::DialectInfo;
    use crate::dialect::ddl::tests::Plain;

    /// A dialect of the PostgreSQL family with every default.
    struct PgLike;

    impl Dialect for PgLike {
        fn name(&self) -> &str {
            "pglike"
        }

        fn info(&self) -> DialectInfo {
            DialectInfo::postgres()
        }
    }

    #[test]
    fn the_lease_table_is_keyed_by_the_tracking_table_and_created_only_if_missing() {
        let sql = Plain
            .compile(&Operation::CreateTable(lock_table("app_schema")), None)
            .expect("compiles")
            .join("\n");
        assert!(
            sql.starts_with("CREATE TABLE IF NOT EXISTS \"app_schema_lock\""),
            "{sql}"
        );
        assert!(
            sql.contains("\"name\" varchar(255) NOT NULL PRIMARY KEY"),
            "{sql}"
        );
        for column in ["owner", "host", "pid", "acquired_at", "expires_at"] {
            assert!(sql.contains(&format!("\"{column}\"")), "{column}: {sql}");
        }
    }

    #[test]
    fn only_postgresql_fences_a_migration_transaction_on_the_lease_row() {
        let lease = Lease::new("dbm_schema", Duration::from_secs(2));
        assert_eq!(lease.fence_sql(&Plain), None);
        let fence = lease.fence_sql(&PgLike).expect("a fence on PostgreSQL");
        assert!(fence.contains("FOR KEY SHARE"), "{fence}");
        assert!(fence.contains(&format!("'{}'", lease.owner)), "{fence}");
        assert!(
            fence.contains("no longer holds the migration lease"),
            "{fence}"
        );
    }

    #[test]
    fn two_leases_of_one_process_have_different_owners() {
        let a = Lease::new("dbm_schema", Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(1));
        let b = Lease::new("dbm_schema", Duration::from_secs(30));
        assert_ne!(a.owner, b.owner);
        assert_eq!(a.length(), Duration::from_secs(30));
        assert_ne!(Plain.now_millis(), PgLike.now_millis());
    }
}
