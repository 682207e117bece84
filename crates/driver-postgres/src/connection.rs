//! [`PostgresConnection`]: one sqlx [`PgConnection`] to one PostgreSQL database, no pool.
//!
//! Statements without parameters (DDL, migration SQL, `BEGIN`, `COMMIT`) go through
//! [`sqlx::raw_sql`]: PostgreSQL's simple query protocol, never a prepared statement.
//! Queries with parameters go through [`sqlx::query`] with each [`Value`] bound to `$1`,
//! `$2`, ... Transactions are plain `BEGIN` / `COMMIT` / `ROLLBACK` statements on this one
//! connection; the connection follows them (see [`PostgresConnection::in_transaction`]) to
//! decide how [`Connection::execute_batch`] sends a batch.
//!
//! # Behind a transaction pooler
//!
//! With `pooler = true`, or when the connection finds a pooler in front (the server refused
//! a startup parameter PostgreSQL accepts, `inet_server_port()` differs from the URL's port,
//! or `pg_backend_pid()` changes between two transactions), no prepared statement outlives
//! a transaction: a query with parameters outside a transaction runs inside a `BEGIN` …
//! `COMMIT` of its own, and its statements are closed before that transaction ends, so the
//! pooler cannot hand them to another client's session. Everything else already uses the
//! simple protocol.

use async_trait::async_trait;
use dbm_core::driver::{
    BatchError, Catalog, Connection, DropAllOptions, DropSummary, Row, TableState, Topology, Value,
};
use dbm_core::{ConnectionConfig, DriverError};
use futures_util::StreamExt as _;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::types::Oid;
use sqlx::postgres::{PgArgumentBuffer, PgArguments, PgConnection, PgTypeInfo, Postgres};
use sqlx::{AssertSqlSafe, ConnectOptions as _, Connection as _, Row as _};

use crate::decode::decode_row;
use crate::error::{PgError, Result};
use crate::lock::advisory_lock_key;
use crate::{introspect, url, wipe};

/// An open connection to a PostgreSQL database.
///
/// # Batches
///
/// Inside a transaction (after `BEGIN`, or for a batch whose first statement is `BEGIN`),
/// [`Connection::execute_batch`] sends the statements as one multi-statement query, one round
/// trip; PostgreSQL answers each statement in order, so the count of completed ones locates
/// the failing statement exactly. Outside a transaction the statements go one by one: a
/// multi-statement query is an implicit transaction in PostgreSQL, which breaks
/// `CREATE INDEX CONCURRENTLY` (diesel #4552).
///
/// # Cached statements
///
/// Queries with parameters are prepared once and cached by sqlx. PostgreSQL refuses a cached
/// statement whose result columns changed ("cached plan must not change result type"), so
/// after raw SQL ran (DDL may have changed a table) the cache is cleared before the next
/// query.
#[derive(Debug)]
pub struct PostgresConnection {
    conn: PgConnection,
    database: String,
    in_transaction: bool,
    statements_stale: bool,
    /// What showed a transaction pooler in front, when one is.
    pooler: Option<String>,
}

/// sqlx's own default size of a connection's statement cache.
const STATEMENT_CACHE: usize = 100;

impl PostgresConnection {
    /// Connects to the database of a connection's URL (holding its password already).
    ///
    /// # Errors
    ///
    /// A URL that is not a PostgreSQL URL is `Config`; an unreachable server or a refused
    /// login is `Connect`, one line, naming the connection and the URL without its password.
    pub async fn open(config: &ConnectionConfig) -> Result<Self, DriverError> {
        Ok(Self::open_inner(config).await?)
    }

    async fn open_inner(config: &ConnectionConfig) -> Result<Self> {
        let options = url::options(config, &config.url)?;
        let (mut conn, mut pooler) = if config.cluster.pooler == Some(true) {
            let conn = url::connect(config, &config.url, &options).await?;
            (conn, Some("`pooler = true`".to_string()))
        } else {
            match url::connect(config, &config.url, &options).await {
                Ok(conn) => (conn, None),
                Err(error)
                    if config.cluster.pooler.is_none()
                        && url::refused_startup_parameter(&error) =>
                {
                    let pooled = url::pooled(config, &config.url)?;
                    let conn = url::connect(config, &config.url, &pooled).await?;
                    let evidence = "the server refused a startup parameter PostgreSQL accepts \
                                    (`extra_float_digits`)";
                    (conn, Some(evidence.to_string()))
                }
                Err(error) => return Err(error),
            }
        };
        // `pooler = false` says there is none: nothing to detect.
        if pooler.is_none() && config.cluster.pooler.is_none() {
            pooler = detect_pooler(&mut conn, options.get_port()).await?;
        }
        Self::wrap(conn, pooler).await
    }

    /// Takes one connection out of an application's pool (the pool opens a replacement when
    /// it needs one); closing this connection closes it, so nothing outlives the work. A
    /// transaction pooler in front of the pool's server is detected as [`open`] detects it;
    /// behind one, the connection is a new one of the pool's options with sqlx's statement
    /// cache on, so the statements of its queries are closed before the pooler hands the
    /// server session to someone else.
    ///
    /// [`open`]: PostgresConnection::open
    ///
    /// # Errors
    ///
    /// The pool cannot give a connection (`Connect`).
    pub async fn from_pool(pool: &sqlx::PgPool) -> Result<Self, DriverError> {
        Ok(Self::from_pool_inner(pool).await?)
    }

    async fn from_pool_inner(pool: &sqlx::PgPool) -> Result<Self> {
        let mut conn = pool.acquire().await?.detach();
        let options = pool.connect_options();
        let pooler = detect_pooler(&mut conn, options.get_port()).await?;
        if pooler.is_some() {
            // Pools meant for a pooler often turn sqlx's statement cache off
            // (`statement_cache_capacity(0)`); sqlx then never closes the named statement of
            // a query with parameters, and the next transaction's server session already
            // has one of that name. A connection of the pool's options with the cache on,
            // which this connection clears before each such transaction ends.
            let _ = conn.close().await;
            let fresh = (*options).clone().statement_cache_capacity(STATEMENT_CACHE);
            conn = fresh.connect().await?;
        }
        Self::wrap(conn, pooler).await
    }

    async fn wrap(mut conn: PgConnection, pooler: Option<String>) -> Result<Self> {
        let database = scalar(&mut conn, "SELECT current_database()::text")
            .await?
            .unwrap_or_default();
        Ok(Self {
            conn,
            database,
            in_transaction: false,
            statements_stale: false,
            pooler,
        })
    }

    /// Before a query with parameters: behind a pooler and outside a transaction, opens one
    /// of its own (true when it did).
    async fn enter(&mut self) -> Result<bool> {
        if self.pooler.is_none() || self.in_transaction {
            return Ok(false);
        }
        sqlx::raw_sql("BEGIN").execute(&mut self.conn).await?;
        Ok(true)
    }

    /// After a query with parameters: behind a pooler, closes its prepared statements while
    /// the transaction still holds the server session, then ends the transaction
    /// [`PostgresConnection::enter`] opened.
    async fn leave(&mut self, own: bool, succeeded: bool) -> Result<()> {
        if self.pooler.is_none() {
            return Ok(());
        }
        let cleared = self.conn.clear_cached_statements().await;
        if own {
            let end = if succeeded && cleared.is_ok() {
                "COMMIT"
            } else {
                "ROLLBACK"
            };
            sqlx::raw_sql(end).execute(&mut self.conn).await?;
        }
        Ok(cleared?)
    }

    /// The database this connection is on (`current_database()`).
    pub fn database(&self) -> &str {
        &self.database
    }

    /// Whether the session is inside a transaction, as followed from the `BEGIN`, `COMMIT`
    /// and `ROLLBACK` statements it ran (a failed transaction still counts until its
    /// `ROLLBACK`).
    pub fn in_transaction(&self) -> bool {
        self.in_transaction
    }

    /// Follows a statement's effect on the transaction; `failed` statements only end one.
    fn track(&mut self, statement: &str, failed: bool) {
        match transaction_effect(statement) {
            Some(false) => self.in_transaction = false,
            Some(true) if !failed => self.in_transaction = true,
            _ => {}
        }
    }

    /// Clears sqlx's statement cache when raw SQL ran since the last query.
    async fn fresh_statements(&mut self) -> Result<()> {
        if std::mem::take(&mut self.statements_stale) && self.conn.cached_statements_size() > 0 {
            self.conn.clear_cached_statements().await?;
        }
        Ok(())
    }

    fn bound<'q>(sql: &'q str, params: &[Value]) -> sqlx::query::Query<'q, Postgres, PgArguments> {
        // Named (cached) statements: an unnamed one is replaced when sqlx looks up the type
        // of an enum or domain column in the middle of it ("unnamed prepared statement does
        // not exist").
        dbm_core::bind_values!(sqlx::query(AssertSqlSafe(sql)), params, null = UntypedNull)
    }

    /// Sends the statements as one multi-statement query; on failure, the index of the
    /// failing statement and its error.
    async fn run_script(&mut self, statements: &[String]) -> Result<(), (usize, PgError)> {
        self.statements_stale = true;
        let mut completed = 0;
        let mut failure = None;
        {
            let mut results =
                sqlx::raw_sql(AssertSqlSafe(script(statements))).fetch_many(&mut self.conn);
            while let Some(result) = results.next().await {
                match result {
                    Ok(sqlx::Either::Left(_)) => completed += 1,
                    Ok(sqlx::Either::Right(_)) => {}
                    Err(e) => {
                        failure = Some(e);
                        break;
                    }
                }
            }
        }
        let Some(error) = failure else {
            for statement in statements {
                self.track(statement, false);
            }
            return Ok(());
        };
        let index = failing_index(statements, completed);
        for statement in &statements[..index] {
            self.track(statement, false);
        }
        self.track(&statements[index], true);
        Err((index, error.into()))
    }
}

/// The first column of the first row of `sql`, as text, run through the simple protocol
/// (no prepared statement, so also through a transaction pooler).
async fn scalar(conn: &mut PgConnection, sql: &str) -> Result<Option<String>> {
    let row = sqlx::raw_sql(AssertSqlSafe(sql))
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(row) => row.try_get::<Option<String>, _>(0)?,
        None => None,
    })
}

/// What shows a transaction pooler in front of the server, if anything does: the server's
/// port differs from the URL's (`url_port`), or the backend changes between two
/// transactions. (The same backend twice proves nothing: PgBouncer often hands a lone client
/// the same one.)
async fn detect_pooler(conn: &mut PgConnection, url_port: u16) -> Result<Option<String>> {
    let port = scalar(conn, "SELECT inet_server_port()::text").await?;
    if let Some(port) = port.and_then(|p| p.parse::<u16>().ok())
        && port != url_port
    {
        return Ok(Some(format!(
            "the server listens on port {port} but the URL says {url_port}"
        )));
    }
    let first = scalar(conn, "SELECT pg_backend_pid()::text").await?;
    let second = scalar(conn, "SELECT pg_backend_pid()::text").await?;
    if first != second {
        return Ok(Some(
            "the server session changed between two transactions".to_string(),
        ));
    }
    Ok(None)
}

/// A NULL parameter of no declared type (OID 0): the server infers its type from the
/// statement, as for a literal `NULL`.
struct UntypedNull;

impl sqlx::Type<Postgres> for UntypedNull {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_oid(Oid(0))
    }
}

impl sqlx::Encode<'_, Postgres> for UntypedNull {
    fn encode_by_ref(&self, _buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        Ok(IsNull::Yes)
    }
}

/// The statement without its leading whitespace and comments (`--`, nested `/* */`); empty
/// when it holds nothing else. An unterminated comment is left in place (it is an error).
fn code(statement: &str) -> &str {
    let mut rest = statement;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("--") {
            rest = after.find('\n').map_or("", |i| &after[i + 1..]);
        } else if rest.starts_with("/*") {
            let mut depth = 0usize;
            let mut end = None;
            let bytes = rest.as_bytes();
            let mut i = 0;
            while i + 1 < bytes.len() {
                match (bytes[i], bytes[i + 1]) {
                    (b'/', b'*') => {
                        depth += 1;
                        i += 2;
                    }
                    (b'*', b'/') => {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            end = Some(i);
                            break;
                        }
                    }
                    _ => i += 1,
                }
            }
            match end {
                Some(end) => rest = &rest[end..],
                None => return rest,
            }
        } else {
            return rest;
        }
    }
}

/// `Some(true)` for a statement that opens a transaction, `Some(false)` for one that ends it.
fn transaction_effect(statement: &str) -> Option<bool> {
    let mut words = code(statement)
        .split(|c: char| c.is_whitespace() || c == ';')
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase);
    let first = words.next()?;
    match first.as_str() {
        "BEGIN" | "START" => Some(true),
        "COMMIT" | "END" | "ABORT" => Some(false),
        "ROLLBACK" if words.next().as_deref() != Some("TO") => Some(false),
        _ => None,
    }
}

/// True when the batch opens its own transaction: its first statement is `BEGIN`.
fn opens_transaction(statements: &[String]) -> bool {
    statements.first().is_some_and(|first| {
        first
            .trim()
            .trim_end_matches(';')
            .trim_end()
            .eq_ignore_ascii_case("BEGIN")
    })
}

/// The statements as one multi-statement query: `;\n` after each, on a line of its own when
/// the statement's last line may end in a `--` comment.
fn script(statements: &[String]) -> String {
    let mut script = String::new();
    for statement in statements {
        let statement = statement.trim().trim_end_matches(';').trim_end();
        script.push_str(statement);
        let comment = statement.lines().last().is_some_and(|l| l.contains("--"));
        script.push_str(if comment { "\n;\n" } else { ";\n" });
    }
    script
}

/// The index of the statement that failed after `completed` statements answered. Statements
/// that are only comments get no answer from PostgreSQL, so they are skipped in the count.
fn failing_index(statements: &[String], completed: usize) -> usize {
    statements
        .iter()
        .enumerate()
        .filter(|(_, s)| !code(s).trim_start_matches(';').trim().is_empty())
        .nth(completed)
        .map_or(statements.len().saturating_sub(1), |(i, _)| i)
}

#[async_trait]
impl Connection for PostgresConnection {
    async fn execute(&mut self, sql: &str) -> Result<u64, DriverError> {
        self.statements_stale = true;
        let result = sqlx::raw_sql(AssertSqlSafe(sql))
            .execute(&mut self.conn)
            .await;
        self.track(sql, result.is_err());
        Ok(result.map_err(PgError::from)?.rows_affected())
    }

    async fn execute_batch(&mut self, statements: &[String]) -> Result<(), BatchError> {
        let scripted =
            statements.len() > 1 && (self.in_transaction || opens_transaction(statements));
        if !scripted {
            for (index, statement) in statements.iter().enumerate() {
                self.execute(statement)
                    .await
                    .map_err(|error| BatchError { index, error })?;
            }
            return Ok(());
        }
        self.run_script(statements)
            .await
            .map_err(|(index, error)| BatchError {
                index,
                error: error.into(),
            })
    }

    async fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>, DriverError> {
        self.fresh_statements().await?;
        let own = self.enter().await?;
        let rows = Self::bound(sql, params).fetch_all(&mut self.conn).await;
        self.leave(own, rows.is_ok()).await?;
        let rows = rows.map_err(PgError::from)?;
        Ok(rows.iter().map(decode_row).collect::<Result<_>>()?)
    }

    async fn execute_with(&mut self, sql: &str, params: &[Value]) -> Result<u64, DriverError> {
        self.fresh_statements().await?;
        let own = self.enter().await?;
        let done = Self::bound(sql, params).execute(&mut self.conn).await;
        self.leave(own, done.is_ok()).await?;
        Ok(done.map_err(PgError::from)?.rows_affected())
    }

    /// `pg_try_advisory_lock` on [`advisory_lock_key`] of this database and `key`.
    async fn try_lock(&mut self, key: &str) -> Result<bool, DriverError> {
        let sql = format!(
            "SELECT pg_catalog.pg_try_advisory_lock({})::text",
            advisory_lock_key(&self.database, key)
        );
        Ok(scalar(&mut self.conn, &sql).await?.as_deref() == Some("true"))
    }

    /// `pg_advisory_unlock`; releasing a lock this session does not hold is not an error.
    async fn unlock(&mut self, key: &str) -> Result<(), DriverError> {
        let sql = format!(
            "SELECT pg_catalog.pg_advisory_unlock({})::text",
            advisory_lock_key(&self.database, key)
        );
        scalar(&mut self.conn, &sql).await?;
        Ok(())
    }

    /// A pooler when one showed itself while connecting; [`Topology::Direct`] otherwise.
    async fn topology(&mut self) -> Result<Topology, DriverError> {
        Ok(match &self.pooler {
            Some(evidence) => Topology::Pooler {
                evidence: evidence.clone(),
            },
            None => Topology::Direct,
        })
    }

    async fn table_exists(&mut self, table: &str) -> Result<bool, DriverError> {
        let own = self.enter().await?;
        let exists = introspect::table_exists(&mut self.conn, table).await;
        self.leave(own, exists.is_ok()).await?;
        Ok(exists?)
    }

    /// The table's columns and its own native enum types (`owned_types`), which
    /// `drop_table` drops with it.
    async fn table_state(&mut self, table: &str) -> Result<Option<TableState>, DriverError> {
        let own = self.enter().await?;
        let state = introspect::table_state(&mut self.conn, table).await;
        self.leave(own, state.is_ok()).await?;
        Ok(state?)
    }

    async fn introspect(&mut self) -> Result<Catalog, DriverError> {
        let own = self.enter().await?;
        let catalog = introspect::catalog(&mut self.conn).await;
        self.leave(own, catalog.is_ok()).await?;
        Ok(catalog?)
    }

    async fn drop_all(&mut self, options: &DropAllOptions) -> Result<DropSummary, DriverError> {
        let own = self.enter().await?;
        let dropped = wipe::drop_all(&mut self.conn, options, self.in_transaction || own).await;
        self.leave(own, dropped.is_ok()).await?;
        Ok(dropped?)
    }

    async fn close(self: Box<Self>) -> Result<(), DriverError> {
        sqlx::Connection::close(self.conn)
            .await
            .map_err(PgError::from)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(statements: &[&str]) -> Vec<String> {
        statements.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn leading_comments_are_not_code() {
        assert_eq!(code("  -- a\n/* b /* c */ */ SELECT 1"), "SELECT 1");
        assert_eq!(code("-- only a comment"), "");
        assert_eq!(code("/* unterminated"), "/* unterminated");
    }

    #[test]
    fn transaction_statements_are_recognised() {
        assert_eq!(transaction_effect("begin"), Some(true));
        assert_eq!(transaction_effect("START TRANSACTION"), Some(true));
        assert_eq!(transaction_effect("COMMIT;"), Some(false));
        assert_eq!(transaction_effect("ROLLBACK"), Some(false));
        assert_eq!(transaction_effect("ROLLBACK TO SAVEPOINT a"), None);
        assert_eq!(transaction_effect("CREATE TABLE t (a int)"), None);
    }

    #[test]
    fn a_statement_ending_in_a_comment_gets_its_semicolon_on_the_next_line() {
        let sql = script(&owned(&["SELECT 1;", "SELECT 2 -- two"]));
        assert_eq!(sql, "SELECT 1;\nSELECT 2 -- two\n;\n");
    }

    #[test]
    fn comment_only_statements_are_skipped_when_locating_a_failure() {
        let statements = owned(&["BEGIN", "-- note", "SELECT 1", "bad"]);
        assert_eq!(failing_index(&statements, 2), 3);
        assert_eq!(failing_index(&statements, 0), 0);
    }

    #[test]
    fn only_a_batch_starting_with_begin_opens_its_own_transaction() {
        assert!(opens_transaction(&owned(&["begin;", "SELECT 1"])));
        assert!(!opens_transaction(&owned(&[
            "BEGIN ISOLATION LEVEL SERIALIZABLE"
        ])));
        assert!(!opens_transaction(&owned(&["SELECT 1", "BEGIN"])));
    }
}
