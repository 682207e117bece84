//! The PostgreSQL connection against a real server: connecting, creating and dropping
//! databases, error messages, batches in and out of transactions, the advisory lock, and
//! reading values of every type.

use crate::common::{config, connect, count, database, fresh, owned, run_all, texts};
use dbm_core::driver::{ConnectOptions, Driver};
use dbm_core::{DriverErrorKind, Value};
use dbm_driver_postgres::PostgresDriver;
use dbm_test_support::with_database;

const PASSWORD: &str = "s3cr3t-Passw0rd";

#[tokio::test]
async fn a_database_is_created_once_and_dropped_once() {
    let Some(db) = database().await else {
        return;
    };
    let url = with_database(&db.url, &format!("{}_extra", db.name));
    let extra = config(&url);
    assert!(
        PostgresDriver
            .create_database(&extra)
            .await
            .expect("creates")
    );
    assert!(
        !PostgresDriver
            .create_database(&extra)
            .await
            .expect("exists"),
        "already there"
    );
    let conn = PostgresDriver
        .connect(&extra, ConnectOptions::default())
        .await
        .expect("the new database accepts connections");
    conn.close().await.expect("closes");
    assert!(PostgresDriver.drop_database(&extra).await.expect("drops"));
    assert!(
        !PostgresDriver.drop_database(&extra).await.expect("gone"),
        "nothing to drop"
    );
    let error = PostgresDriver
        .connect(&extra, ConnectOptions::default())
        .await
        .err()
        .expect("a dropped database refuses connections");
    assert_eq!(error.kind, DriverErrorKind::Connect);
    assert!(
        error.message.contains("does not exist"),
        "{}",
        error.message
    );
}

fn assert_safe_connect_error(error: &dbm_core::DriverError) {
    assert_eq!(error.kind, DriverErrorKind::Connect, "{}", error.message);
    assert!(!error.message.contains(PASSWORD), "{}", error.message);
    assert!(!error.message.contains('\n'), "one line: {}", error.message);
    assert!(
        error.message.contains("connection `pg`"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains(":***@"),
        "the URL is shown redacted: {}",
        error.message
    );
}

#[tokio::test]
async fn a_refused_login_is_a_one_line_connect_error_without_the_password() {
    let Some(db) = database().await else {
        return;
    };
    let (scheme, rest) = db.url.split_once("://").expect("a URL");
    let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    let url = format!("{scheme}://dbm_no_such_role:{PASSWORD}@{host}");
    let error = PostgresDriver
        .connect(&config(&url), ConnectOptions::default())
        .await
        .err()
        .expect("an unknown role is refused");
    assert_safe_connect_error(&error);
    assert!(
        error.message.contains("dbm_no_such_role"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn an_unreachable_port_is_a_one_line_connect_error_without_the_password() {
    let url = format!("postgres://app:{PASSWORD}@127.0.0.1:1/app");
    let error = PostgresDriver
        .connect(&config(&url), ConnectOptions::default())
        .await
        .err()
        .expect("nothing listens on port 1");
    assert_safe_connect_error(&error);
    let error = PostgresDriver
        .create_database(&config(&url))
        .await
        .expect_err("no server to create it on");
    assert_safe_connect_error(&error);
}

#[tokio::test]
async fn a_malformed_url_is_a_config_error_naming_the_connection() {
    for url in [
        format!("postgres://app:{PASSWORD}@127.0.0.1:port/app"),
        format!("mysql://app:{PASSWORD}@127.0.0.1/app"),
    ] {
        let error = PostgresDriver
            .connect(&config(&url), ConnectOptions::default())
            .await
            .err()
            .expect("refused");
        assert_eq!(error.kind, DriverErrorKind::Config, "{}", error.message);
        assert!(
            error.message.starts_with("connection `pg`: "),
            "{}",
            error.message
        );
        assert!(!error.message.contains(PASSWORD), "{}", error.message);
        let error = PostgresDriver
            .drop_database(&config(&url))
            .await
            .expect_err("refused");
        assert_eq!(error.kind, DriverErrorKind::Config, "{}", error.message);
    }
}

/// Statements that record `statement_timestamp()`, the time PostgreSQL received the message
/// that carried them: one value for one round trip.
fn stamped(first: &str) -> Vec<String> {
    owned(&[
        first,
        "INSERT INTO stamps VALUES (statement_timestamp())",
        "SELECT pg_sleep(0.02)",
        "INSERT INTO stamps VALUES (statement_timestamp())",
    ])
}

#[tokio::test]
async fn inside_a_transaction_a_batch_is_one_round_trip_and_outside_it_is_not() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    run_all(conn.as_mut(), &["CREATE TABLE stamps (at timestamptz)"]).await;
    conn.begin().await.expect("begins");
    conn.execute_batch(&stamped("SELECT 1"))
        .await
        .expect("runs");
    conn.commit().await.expect("commits");
    let sql = "SELECT count(DISTINCT at) FROM stamps";
    assert_eq!(count(conn.as_mut(), sql).await, 1, "one message");
    let scripted = [stamped("BEGIN"), owned(&["COMMIT"])].concat();
    conn.execute_batch(&scripted)
        .await
        .expect("a batch that opens its own transaction runs");
    assert_eq!(count(conn.as_mut(), sql).await, 2, "one more message");
    run_all(conn.as_mut(), &["DELETE FROM stamps"]).await;
    conn.execute_batch(&stamped("SELECT 1"))
        .await
        .expect("runs");
    assert_eq!(
        count(conn.as_mut(), sql).await,
        2,
        "one message per statement"
    );
}

#[tokio::test]
async fn a_failing_statement_inside_a_transaction_is_located_and_nothing_stays() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let batch = owned(&[
        "CREATE TABLE t (a int)",
        "-- only a comment, which PostgreSQL does not answer",
        "INSERT INTO t VALUES (1)",
        "INSERT INTO missing VALUES (1)",
        "INSERT INTO t VALUES (2)",
    ]);
    conn.begin().await.expect("begins");
    let failure = conn.execute_batch(&batch).await.expect_err("fails");
    assert_eq!(failure.index, 3);
    assert_eq!(failure.error.kind, DriverErrorKind::Query);
    assert!(
        failure.error.message.contains("\"missing\""),
        "{}",
        failure.error.message
    );
    conn.rollback().await.expect("rolls back");
    assert!(
        !conn.table_exists("t").await.expect("asks"),
        "the transaction rolled back"
    );

    let scripted = [owned(&["BEGIN"]), batch.clone(), owned(&["COMMIT"])].concat();
    let failure = conn.execute_batch(&scripted).await.expect_err("fails");
    assert_eq!(failure.index, 4, "BEGIN shifts the index by one");
    conn.rollback().await.expect("rolls back");
    assert!(!conn.table_exists("t").await.expect("asks"));
}

#[tokio::test]
async fn a_failing_statement_outside_a_transaction_is_located_and_earlier_ones_stay() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let batch = owned(&[
        "CREATE TABLE t (a int)",
        "INSERT INTO t VALUES (1)",
        "INSERT INTO t VALUES ('not a number')",
        "INSERT INTO t VALUES (2)",
    ]);
    let failure = conn.execute_batch(&batch).await.expect_err("fails");
    assert_eq!(failure.index, 2);
    assert!(
        failure.error.message.contains("not a number"),
        "{}",
        failure.error.message
    );
    assert_eq!(count(conn.as_mut(), "SELECT count(*) FROM t").await, 1);
}

#[tokio::test]
async fn create_index_concurrently_runs_in_a_batch_outside_a_transaction() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    // A committed scripted batch leaves the session outside a transaction.
    run_all(
        conn.as_mut(),
        &["BEGIN", "CREATE TABLE t (a int, b int)", "COMMIT"],
    )
    .await;
    let batch = owned(&[
        "CREATE INDEX CONCURRENTLY t_a_index ON t (a)",
        "CREATE INDEX CONCURRENTLY t_b_index ON t (b)",
    ]);
    conn.execute_batch(&batch)
        .await
        .expect("each runs on its own");
    let sql = "SELECT count(*) FROM pg_indexes WHERE tablename = 't'";
    assert_eq!(count(conn.as_mut(), sql).await, 2);
}

#[tokio::test]
async fn the_advisory_lock_excludes_a_second_session_until_unlocked_or_closed() {
    let Some(db) = database().await else {
        return;
    };
    let mut first = connect(&db).await;
    let mut second = connect(&db).await;
    assert!(first.try_lock("dbm_schema").await.expect("tries"));
    assert!(
        !second.try_lock("dbm_schema").await.expect("tries"),
        "held by the first"
    );
    assert!(
        second.try_lock("other_table").await.expect("tries"),
        "another key is free"
    );
    first.unlock("dbm_schema").await.expect("unlocks");
    assert!(
        second.try_lock("dbm_schema").await.expect("tries"),
        "released"
    );
    assert!(
        !first.try_lock("dbm_schema").await.expect("tries"),
        "now held by the second"
    );
    second.close().await.expect("closes");
    let mut waited = 0;
    while !first.try_lock("dbm_schema").await.expect("tries") {
        waited += 1;
        assert!(waited < 100, "the server releases a closed session's lock");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    first
        .unlock("other_table")
        .await
        .expect("unlocking a lock not held is not an error");
}

#[tokio::test]
async fn values_of_every_common_type_are_read() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    run_all(
        conn.as_mut(),
        &[
            "CREATE TYPE mood AS ENUM ('happy')",
            "CREATE DOMAIN posint AS int4 CHECK (VALUE > 0)",
        ],
    )
    .await;
    let rows = conn
        .query(
            "SELECT 1::int2, 2::int4, 3::int8, 1.5::float4, 2.5::float8, true, 'x'::text, \
             'y'::varchar(3), 'z'::char(2), 'n'::name, '{\"a\": 1}'::json, '{\"b\": 2}'::jsonb, \
             12.50::numeric(8,2), -0.000123::numeric, \
             '00010203-0405-0607-0809-0a0b0c0d0e0f'::uuid, '\\x01ff'::bytea, NULL::int, \
             'happy'::mood, 5::posint, 26::oid",
            &[],
        )
        .await
        .expect("reads");
    let expected = [
        Value::Integer(1),
        Value::Integer(2),
        Value::Integer(3),
        Value::Float(1.5),
        Value::Float(2.5),
        Value::Bool(true),
        Value::Text("x".into()),
        Value::Text("y".into()),
        Value::Text("z ".into()),
        Value::Text("n".into()),
        Value::Text("{\"a\": 1}".into()),
        Value::Text("{\"b\": 2}".into()),
        Value::Text("12.50".into()),
        Value::Text("-0.000123".into()),
        Value::Text("00010203-0405-0607-0809-0a0b0c0d0e0f".into()),
        Value::Bytes(vec![1, 255]),
        Value::Null,
        Value::Text("happy".into()),
        Value::Integer(5),
        Value::Integer(26),
    ];
    assert_eq!(rows[0].values, expected);
}

#[tokio::test]
async fn a_type_without_a_reading_is_an_error_suggesting_a_text_cast() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let error = conn
        .query("SELECT now() AS created_at", &[])
        .await
        .expect_err("timestamps are not read");
    assert_eq!(error.kind, DriverErrorKind::Query);
    assert!(
        error.message.contains("\"created_at\""),
        "{}",
        error.message
    );
    assert!(error.message.contains("timestamptz"), "{}", error.message);
    assert!(
        error.message.contains("created_at::text"),
        "{}",
        error.message
    );
    let rows = texts(conn.as_mut(), "SELECT now()::text").await;
    assert_eq!(rows.len(), 1);
}

#[tokio::test]
async fn parameters_bind_to_dollar_placeholders_null_included() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    run_all(
        conn.as_mut(),
        &["CREATE TABLE t (n int, flag boolean, name text, data bytea, x float8)"],
    )
    .await;
    let params = [
        Value::Integer(7),
        Value::Bool(true),
        Value::Text("it's".into()),
        Value::Bytes(vec![0, 1]),
        Value::Null,
        Value::Null,
        Value::Null,
        Value::Null,
        Value::Null,
    ];
    // Each NULL takes the type of where it goes, as a literal NULL would.
    let inserted = conn
        .execute_with(
            "INSERT INTO t VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $5)",
            &params,
        )
        .await
        .expect("inserts");
    assert_eq!(inserted, 2);
    let rows = conn
        .query(
            "SELECT n, flag, name, data, x FROM t WHERE n = $1",
            &[Value::Integer(7)],
        )
        .await
        .expect("selects");
    assert_eq!(rows[0].values[..4], params[..4]);
    assert_eq!(rows[0].values[4], Value::Null);
    assert_eq!(
        count(
            conn.as_mut(),
            "SELECT count(*) FROM t WHERE n IS NULL AND flag IS NULL"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn statements_report_affected_rows_and_table_existence_follows_the_schema() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    assert!(!conn.table_exists("t").await.expect("asks"));
    run_all(
        conn.as_mut(),
        &["CREATE TABLE t (a int)", "CREATE VIEW v AS SELECT 1"],
    )
    .await;
    assert!(conn.table_exists("t").await.expect("asks"));
    assert!(
        !conn.table_exists("v").await.expect("asks"),
        "a view is not a table"
    );
    let affected = conn
        .execute("INSERT INTO t VALUES (1), (2), (3)")
        .await
        .expect("inserts");
    assert_eq!(affected, 3);
}

#[tokio::test]
async fn a_query_after_ddl_sees_the_new_columns() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    run_all(
        conn.as_mut(),
        &["CREATE TABLE t (a int)", "INSERT INTO t VALUES (1)"],
    )
    .await;
    let before = conn.query("SELECT * FROM t", &[]).await.expect("reads");
    assert_eq!(before[0].values, [Value::Integer(1)]);
    run_all(
        conn.as_mut(),
        &["ALTER TABLE t ADD COLUMN b text DEFAULT 'x'"],
    )
    .await;
    let after = conn
        .query("SELECT * FROM t", &[])
        .await
        .expect("reads again");
    assert_eq!(
        after[0].values,
        [Value::Integer(1), Value::Text("x".into())]
    );
}

#[tokio::test]
async fn the_session_is_named_dbm_and_keeps_notices_to_itself() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    assert_eq!(texts(conn.as_mut(), "SHOW application_name").await, ["dbm"]);
    assert_eq!(
        texts(conn.as_mut(), "SHOW client_min_messages").await,
        ["warning"]
    );
}

#[tokio::test]
async fn migration_time_reads_as_utc_seconds_whatever_the_session_time_zone_and_date_style() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let dialect = dbm_driver_postgres::PostgresDialect;
    let repo = dbm_core::repository::Repository::new("dbm_schema", &dialect);
    repo.ensure(conn.as_mut()).await.expect("creates");
    repo.insert(conn.as_mut(), "database/migrations/1_roles", 1, "abc")
        .await
        .expect("inserts");
    run_all(
        conn.as_mut(),
        &["SET TIME ZONE 'Asia/Kolkata'", "SET datestyle = 'SQL, DMY'"],
    )
    .await;
    let applied = repo.applied(conn.as_mut()).await.expect("reads");
    let time = applied[0].migration_time.clone().expect("a time");
    let utc = texts(
        conn.as_mut(),
        "SELECT to_char(migration_time AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM dbm_schema",
    )
    .await;
    assert_eq!(
        time, utc[0],
        "UTC, YYYY-MM-DD HH:MM:SS, no fraction or offset"
    );
    assert_eq!(time.len(), 19, "{time}");
}
