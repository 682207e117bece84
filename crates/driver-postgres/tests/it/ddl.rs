//! The shared DDL groups of `dbm-test-support` (their side-by-side snapshots are there),
//! compiled by PostgreSQL and executed against a fresh real database (where there is a server)
//! to prove each is valid. PostgreSQL's own cases are in `operations.rs` and `alter.rs`.

use crate::common::fresh;
use dbm_driver_postgres::PostgresDialect;
use dbm_test_support::groups;

#[tokio::test]
async fn every_group_runs_on_a_fresh_database() {
    for (_, setup, group) in groups::round_trips(&PostgresDialect) {
        let Some((_db, mut conn)) = fresh().await else {
            return;
        };
        groups::run(conn.as_mut(), &PostgresDialect, setup, group).await;
    }
}
