//! Every DDL case compiled by every built-in dialect, side by side: one snapshot per case.
//! Compiling needs no server.

use dbm_core::Dialect;
use dbm_driver_mysql::MysqlDialect;
use dbm_driver_postgres::PostgresDialect;
use dbm_driver_sqlite::SqliteDialect;
use dbm_test_support::cases::{cases, side_by_side};

#[test]
fn every_ddl_case_in_every_dialect() {
    let dialects: [&dyn Dialect; 3] = [&SqliteDialect, &PostgresDialect, &MysqlDialect];
    for (name, op) in cases() {
        insta::assert_snapshot!(name, side_by_side(&dialects, &op));
    }
}
