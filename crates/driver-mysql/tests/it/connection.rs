//! The MySQL connection against the test server: URLs and connect errors, creating and
//! dropping databases, statements and batches, reading every type, and the `GET_LOCK`
//! migration lock.

use crate::common::{config, connect, database, run_all, texts};
use dbm_core::driver::{ConnectOptions, Driver};
use dbm_core::{DriverErrorKind, Value};
use dbm_driver_mysql::{MysqlDriver, lock_name};
use dbm_test_support::with_database;

/// `url` with `password` as the user's password.
fn with_password(url: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("scheme://");
    let (userinfo, host) = rest.split_once('@').expect("user@host");
    let user = userinfo.split(':').next().unwrap_or(userinfo);
    format!("{scheme}://{user}:{password}@{host}")
}

async fn connect_error(url: &str) -> dbm_core::DriverError {
    match MysqlDriver
        .connect(&config(url), ConnectOptions::default())
        .await
    {
        Ok(_) => panic!("{url} should not connect"),
        Err(e) => e,
    }
}

#[tokio::test]
async fn a_malformed_url_or_one_without_a_database_is_a_config_error_naming_the_connection() {
    for (url, expected) in [
        (
            "mysql://root:sekrit_pw@127.0.0.1:notaport/app",
            "is not a valid MySQL URL",
        ),
        (
            "postgres://root:sekrit_pw@127.0.0.1/app",
            "is not a MySQL URL",
        ),
        (
            "mysql://root:sekrit_pw@127.0.0.1:3306",
            "must name a database",
        ),
        (
            "mariadb://root:sekrit_pw@127.0.0.1:3306/",
            "must name a database",
        ),
    ] {
        let error = connect_error(url).await;
        assert_eq!(error.kind, DriverErrorKind::Config, "{url}: {error}");
        assert!(error.message.starts_with("connection `test`:"), "{error}");
        assert!(error.message.contains(expected), "{error}");
        assert!(!error.message.contains("sekrit_pw"), "{error}");
    }
}

#[tokio::test]
async fn an_unreachable_port_is_a_one_line_connect_error_without_the_password() {
    let error = connect_error("mysql://root:sekrit_pw@127.0.0.1:1/app").await;
    assert_eq!(error.kind, DriverErrorKind::Connect, "{error}");
    assert!(!error.message.contains('\n'), "{error}");
    assert!(!error.message.contains("sekrit_pw"), "{error}");
    assert!(
        error
            .message
            .starts_with("cannot connect to the MySQL server at 127.0.0.1:1 (connection `test`):"),
        "{error}"
    );
}

#[tokio::test]
async fn a_wrong_password_is_a_one_line_connect_error_without_the_password() {
    let Some(db) = database().await else { return };
    let error = connect_error(&with_password(&db.url, "sekrit_pw")).await;
    assert_eq!(error.kind, DriverErrorKind::Connect, "{error}");
    assert!(!error.message.contains('\n'), "{error}");
    assert!(!error.message.contains("sekrit_pw"), "{error}");
    assert!(error.message.contains("Access denied"), "{error}");
}

#[tokio::test]
async fn create_database_makes_a_utf8mb4_database_once_and_drop_database_removes_it() {
    let Some(db) = database().await else { return };
    let name = format!("{}_created", db.name);
    let target = config(&with_database(&db.url, &name));
    assert!(MysqlDriver.create_database(&target).await.expect("creates"));
    assert!(
        !MysqlDriver.create_database(&target).await.expect("answers"),
        "it existed"
    );
    let mut conn = connect(&db).await;
    let charset = texts(
        conn.as_mut(),
        &format!(
            "SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA \
             WHERE SCHEMA_NAME = '{name}'"
        ),
    )
    .await;
    assert_eq!(charset, ["utf8mb4"]);
    let created = MysqlDriver
        .connect(&target, ConnectOptions::default())
        .await
        .expect("the new database opens");
    created.close().await.expect("closes");
    assert!(MysqlDriver.drop_database(&target).await.expect("drops"));
    assert!(
        !MysqlDriver.drop_database(&target).await.expect("answers"),
        "it was gone"
    );
    let gone = connect_error(&target.url).await;
    assert_eq!(gone.kind, DriverErrorKind::Connect);
    assert!(gone.message.contains("Unknown database"), "{gone}");
    assert!(
        gone.message.ends_with("(create it with `dbm db:create`)"),
        "{gone}"
    );
}

#[tokio::test]
async fn execute_batch_names_the_failing_statement_and_keeps_the_ones_before_it() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let statements: Vec<String> = [
        "CREATE TABLE t (a int)",
        "INSERT INTO t VALUES (1)",
        "INSERT INTO missing VALUES (1)",
        "CREATE TABLE u (a int)",
    ]
    .map(String::from)
    .to_vec();
    let failure = conn.execute_batch(&statements).await.expect_err("fails");
    assert_eq!(failure.index, 2);
    assert_eq!(failure.error.kind, DriverErrorKind::Query);
    assert!(
        failure
            .error
            .message
            .starts_with("ERROR 1146 (42S02): Table '"),
        "{}",
        failure.error.message
    );
    assert!(conn.table_exists("t").await.expect("answers"));
    assert!(!conn.table_exists("u").await.expect("answers"));
    assert_eq!(texts(conn.as_mut(), "SELECT a FROM t").await, ["1"]);
}

#[tokio::test]
async fn queries_bind_parameters_and_read_every_type_as_the_design_says() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_all(
        conn.as_mut(),
        &[
            "CREATE TABLE v (i int, u bigint unsigned, b boolean, f float, d double, \
             m decimal(8,2), s varchar(10), e enum('x','y'), j json, da date, t time, \
             dt datetime(6), ts timestamp NULL, bl blob, vb varbinary(4), y year, n int)",
            "INSERT INTO v VALUES (-5, 18446744073709551615, TRUE, 1.5, 2.25, 3.10, 'hé', 'y', \
             '{\"a\": 1}', '2024-01-31', '-26:03:04', '2024-01-31 13:05:09.123456', \
             '2024-02-01 00:00:00', x'00ff', x'0102', 2024, NULL)",
        ],
    )
    .await;
    let rows = conn
        .query("SELECT * FROM v WHERE i = ?", &[Value::Integer(-5)])
        .await
        .expect("reads");
    let text = |s: &str| Value::Text(s.into());
    let expected = vec![
        Value::Integer(-5),
        text("18446744073709551615"),
        Value::Integer(1),
        Value::Float(1.5),
        Value::Float(2.25),
        text("3.10"),
        text("hé"),
        text("y"),
        rows[0].get(8).clone(),
        text("2024-01-31"),
        text("-26:03:04"),
        text("2024-01-31 13:05:09.123456"),
        text("2024-02-01 00:00:00"),
        Value::Bytes(vec![0, 255]),
        Value::Bytes(vec![1, 2]),
        Value::Integer(2024),
        Value::Null,
    ];
    assert_eq!(rows[0].values, expected);
    let json = rows[0].get(8).as_text().expect("json is text");
    assert!(json.replace(' ', "") == "{\"a\":1}", "{json}");
    let params = [
        Value::Null,
        Value::Bool(true),
        Value::Float(0.5),
        Value::Bytes(vec![7]),
        Value::Text("it's".into()),
    ];
    let bound = conn
        .query("SELECT ? IS NULL, ?, ?, ?, ?", &params)
        .await
        .expect("binds");
    assert_eq!(bound[0].get(0).as_i64(), Some(1));
    assert_eq!(bound[0].get(1).as_i64(), Some(1));
    assert_eq!(bound[0].get(4), &text("it's"));
    let affected = conn
        .execute_with(
            "UPDATE v SET n = ? WHERE i = ?",
            &[Value::Integer(9), Value::Integer(-5)],
        )
        .await
        .expect("updates");
    assert_eq!(affected, 1);
}

#[tokio::test]
async fn a_type_without_a_value_is_a_query_error_suggesting_a_cast() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let error = conn
        .query("SELECT POINT(1, 2) AS p", &[])
        .await
        .expect_err("geometry");
    assert_eq!(error.kind, DriverErrorKind::Query);
    assert!(
        error
            .message
            .contains("column 0 (`p`) has the MySQL type GEOMETRY"),
        "{error}"
    );
    assert!(error.message.contains("CAST"), "{error}");
}

#[tokio::test]
async fn a_second_connection_cannot_take_the_lock_until_the_first_unlocks_or_closes() {
    let Some(db) = database().await else { return };
    let mut first = connect(&db).await;
    let mut second = connect(&db).await;
    assert!(first.try_lock("dbm_schema").await.expect("locks"));
    assert!(
        first.try_lock("dbm_schema").await.expect("locks"),
        "held already"
    );
    assert!(!second.try_lock("dbm_schema").await.expect("answers"));
    assert!(
        second
            .try_lock("other_schema")
            .await
            .expect("another key is another lock")
    );

    let name = lock_name(&db.name, "dbm_schema");
    assert!(name.len() < 64, "{name}");
    let holder = texts(
        second.as_mut(),
        &format!("SELECT IS_USED_LOCK('{name}') IS NOT NULL"),
    )
    .await;
    assert_eq!(holder, ["1"], "the server knows the lock by that name");

    first.unlock("dbm_schema").await.expect("unlocks");
    assert!(
        second
            .try_lock("dbm_schema")
            .await
            .expect("locks after the unlock")
    );
    assert!(!first.try_lock("dbm_schema").await.expect("answers"));
    second.close().await.expect("closes");
    let mut waited = 0;
    while !first.try_lock("dbm_schema").await.expect("answers") {
        waited += 1;
        assert!(waited < 100, "the lock is released when its session ends");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    first.unlock("dbm_schema").await.expect("unlocks");
    first
        .unlock("dbm_schema")
        .await
        .expect("unlocking twice does nothing");
}

#[tokio::test]
async fn the_tracking_tables_work_through_the_repository() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let dialect = dbm_driver_mysql::MysqlDialect;
    let repo = dbm_core::repository::Repository::new("dbm_schema", &dialect);
    assert!(!repo.exists(conn.as_mut()).await.expect("answers"));
    repo.ensure(conn.as_mut()).await.expect("creates");
    repo.ensure(conn.as_mut()).await.expect("twice is fine");
    repo.insert(conn.as_mut(), "database/migrations/1_roles", 1, "abc")
        .await
        .expect("inserts");
    let applied = repo.applied(conn.as_mut()).await.expect("reads");
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0].name, "database/migrations/1_roles");
    assert_eq!(applied[0].batch, 1);
    let time = applied[0].migration_time.clone().expect("a time");
    assert_eq!(time.len(), 19, "YYYY-MM-DD HH:MM:SS: {time}");
    repo.delete(conn.as_mut(), "database/migrations/1_roles")
        .await
        .expect("deletes");
    assert!(repo.applied(conn.as_mut()).await.expect("reads").is_empty());
}

#[tokio::test]
async fn foreign_key_checks_can_be_turned_off_for_the_session() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_all(
        conn.as_mut(),
        &[
            "CREATE TABLE p (id int PRIMARY KEY)",
            "CREATE TABLE c (p_id int, FOREIGN KEY (p_id) REFERENCES p (id))",
        ],
    )
    .await;
    conn.set_foreign_key_checks(false).await.expect("off");
    conn.execute("INSERT INTO c VALUES (42)")
        .await
        .expect("an orphan is accepted");
    conn.set_foreign_key_checks(true).await.expect("on");
    let refused = conn
        .execute("INSERT INTO c VALUES (43)")
        .await
        .expect_err("refused");
    assert!(
        refused.message.contains("foreign key constraint fails"),
        "{refused}"
    );
}

#[tokio::test]
async fn migration_time_reads_as_utc_whatever_the_session_time_zone() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let dialect = dbm_driver_mysql::MysqlDialect;
    let repo = dbm_core::repository::Repository::new("dbm_schema", &dialect);
    repo.ensure(conn.as_mut()).await.expect("creates");
    repo.insert(conn.as_mut(), "database/migrations/1_roles", 1, "abc")
        .await
        .expect("inserts");
    run_all(conn.as_mut(), &["SET time_zone = '+00:00'"]).await;
    let applied = repo.applied(conn.as_mut()).await.expect("reads");
    let utc = applied[0].migration_time.clone().expect("a time");
    let raw_utc = texts(
        conn.as_mut(),
        "SELECT CAST(migration_time AS CHAR) FROM dbm_schema",
    )
    .await;
    run_all(conn.as_mut(), &["SET time_zone = '+05:30'"]).await;
    let raw_far = texts(
        conn.as_mut(),
        "SELECT CAST(migration_time AS CHAR) FROM dbm_schema",
    )
    .await;
    assert_ne!(
        raw_utc, raw_far,
        "the session time zone shows in a plain read"
    );
    let applied = repo.applied(conn.as_mut()).await.expect("reads");
    assert_eq!(
        applied[0].migration_time.as_deref(),
        Some(utc.as_str()),
        "but not in migration_time"
    );
    assert_eq!(utc, raw_utc[0], "which is UTC, YYYY-MM-DD HH:MM:SS");
}
