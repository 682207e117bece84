//! `Migrator::refresh` and `Migrator::fresh` hold the migration lock from the reset or drop
//! through the run: another process cannot take it in between.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use dbm_core::ConnectionConfig;
use dbm_core::driver::{
    BatchError, Catalog, ConnectOptions, Connection, Driver, DropAllOptions, DropSummary, Row,
    TableState, Value,
};
use dbm_core::error::DriverError;
use dbm_core::migration::{Migration, MigrationBody};
use dbm_core::migrator::{Migrator, MigratorOptions, RunOptions, State};
use dbm_driver_sqlite::SqliteDriver;

/// A connection that records lock calls, drops and the migration's own statements; each
/// time it takes the lock, a second connection (another process) tries first.
struct Recording {
    inner: Box<dyn Connection>,
    other: Box<dyn Connection>,
    log: Arc<Mutex<Vec<String>>>,
}

impl Recording {
    fn note(&self, what: &str) {
        self.log.lock().expect("log").push(what.to_string());
    }

    fn note_sql(&self, sql: &str) {
        if sql.contains("widgets") && !sql.contains("dbm_schema") {
            self.note(sql.trim());
        }
    }
}

#[async_trait]
impl Connection for Recording {
    async fn execute(&mut self, sql: &str) -> Result<u64, DriverError> {
        self.note_sql(sql);
        self.inner.execute(sql).await
    }

    async fn execute_batch(&mut self, statements: &[String]) -> Result<(), BatchError> {
        for statement in statements {
            self.note_sql(statement);
        }
        self.inner.execute_batch(statements).await
    }

    async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DriverError> {
        self.inner.query(sql, params).await
    }

    async fn execute_with(&mut self, sql: &str, params: &[Value]) -> Result<u64, DriverError> {
        self.note_sql(sql);
        self.inner.execute_with(sql, params).await
    }

    async fn begin(&mut self) -> Result<(), DriverError> {
        self.inner.begin().await
    }

    async fn commit(&mut self) -> Result<(), DriverError> {
        self.inner.commit().await
    }

    async fn rollback(&mut self) -> Result<(), DriverError> {
        self.inner.rollback().await
    }

    async fn try_lock(&mut self, key: &str) -> Result<bool, DriverError> {
        if self.other.try_lock(key).await? {
            self.note("another process took the lock");
            self.other.unlock(key).await?;
        }
        let taken = self.inner.try_lock(key).await?;
        if taken {
            self.note("lock");
        }
        Ok(taken)
    }

    async fn unlock(&mut self, key: &str) -> Result<(), DriverError> {
        self.note("unlock");
        self.inner.unlock(key).await
    }

    async fn table_exists(&mut self, table: &str) -> Result<bool, DriverError> {
        self.inner.table_exists(table).await
    }

    async fn table_state(&mut self, table: &str) -> Result<Option<TableState>, DriverError> {
        self.inner.table_state(table).await
    }

    async fn set_foreign_key_checks(&mut self, enabled: bool) -> Result<(), DriverError> {
        self.inner.set_foreign_key_checks(enabled).await
    }

    async fn foreign_key_violations(&mut self) -> Result<Vec<String>, DriverError> {
        self.inner.foreign_key_violations().await
    }

    async fn scratch(&mut self) -> Result<Option<Box<dyn Connection>>, DriverError> {
        self.inner.scratch().await
    }

    async fn introspect(&mut self) -> Result<Catalog, DriverError> {
        self.inner.introspect().await
    }

    async fn drop_all(&mut self, options: &DropAllOptions) -> Result<DropSummary, DriverError> {
        self.note("drop all");
        self.inner.drop_all(options).await
    }

    async fn close(self: Box<Self>) -> Result<(), DriverError> {
        self.other.close().await?;
        self.inner.close().await
    }
}

fn widgets() -> Migration {
    Migration {
        name: "1_widgets".into(),
        path: None,
        checksum: "checksum of 1_widgets".into(),
        body: MigrationBody::Sql {
            up: vec!["CREATE TABLE widgets (id INTEGER)".into()],
            down: Some(vec!["DROP TABLE widgets".into()]),
        },
        transaction: true,
    }
}

async fn connect(root: &std::path::Path) -> Box<dyn Connection> {
    let config = ConnectionConfig {
        name: "test".into(),
        driver: "sqlite".into(),
        url: "sqlite://db.sqlite3".into(),
        debug: false,
        password_env: None,
        root: root.to_path_buf(),
        cluster: Default::default(),
    };
    let options = ConnectOptions {
        create: true,
        lock_timeout: None,
    };
    SqliteDriver
        .connect(&config, options)
        .await
        .expect("connect")
}

/// A migrator on a recording connection over a database where `1_widgets` is applied.
async fn migrated(root: &std::path::Path) -> (Migrator, Arc<Mutex<Vec<String>>>) {
    let mut first = Migrator::new(connect(root).await, SqliteDriver.dialect(), vec![widgets()]);
    first.run(RunOptions::default()).await.expect("first run");
    first.close().await.expect("close");
    let log = Arc::new(Mutex::new(Vec::new()));
    let conn = Recording {
        inner: connect(root).await,
        other: connect(root).await,
        log: log.clone(),
    };
    let migrator = Migrator::new(Box::new(conn), SqliteDriver.dialect(), vec![widgets()]);
    (migrator, log)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

#[test]
fn fresh_holds_one_lock_from_the_drop_through_the_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = runtime().block_on(async {
        let (mut migrator, log) = migrated(dir.path()).await;
        let report = migrator
            .fresh(&DropAllOptions::default(), RunOptions::default())
            .await
            .expect("fresh");
        assert_eq!(report.migrations.len(), 1);
        migrator.close().await.expect("close");
        log
    });
    let log = log.lock().expect("log").clone();
    assert_eq!(
        log,
        [
            "another process took the lock",
            "lock",
            "drop all",
            "CREATE TABLE widgets (id INTEGER)",
            "unlock"
        ]
    );
}

#[test]
fn refresh_holds_one_lock_from_the_reset_through_the_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = runtime().block_on(async {
        let (mut migrator, log) = migrated(dir.path()).await;
        let (down, up) = migrator
            .refresh(RunOptions::default())
            .await
            .expect("refresh");
        assert_eq!((down.migrations.len(), up.migrations.len()), (1, 1));
        migrator.close().await.expect("close");
        log
    });
    let log = log.lock().expect("log").clone();
    assert_eq!(
        log,
        [
            "another process took the lock",
            "lock",
            "DROP TABLE widgets",
            "CREATE TABLE widgets (id INTEGER)",
            "unlock"
        ]
    );
}

#[test]
fn fresh_and_refresh_refuse_a_dry_run_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = runtime().block_on(async {
        let (migrator, log) = migrated(dir.path()).await;
        let mut migrator = migrator.options(MigratorOptions {
            dry_run: true,
            ..MigratorOptions::default()
        });
        let fresh = migrator
            .fresh(&DropAllOptions::default(), RunOptions::default())
            .await;
        assert!(
            matches!(fresh, Err(dbm_core::Error::Refused { .. })),
            "{fresh:?}"
        );
        let refresh = migrator.refresh(RunOptions::default()).await;
        assert!(
            matches!(refresh, Err(dbm_core::Error::Refused { .. })),
            "{refresh:?}"
        );
        let status = migrator.status().await.expect("status");
        assert_eq!(status[0].status, State::Completed);
        migrator.close().await.expect("close");
        log
    });
    assert!(
        log.lock().expect("log").is_empty(),
        "nothing dropped or run"
    );
}
