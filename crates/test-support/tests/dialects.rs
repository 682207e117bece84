//! Every DDL case compiled by every built-in dialect, side by side: one snapshot per case, and
//! one per group of cases. Compiling needs no server; the driver crates run the same groups on
//! their servers.

use dbm_core::Dialect;
use dbm_driver_mysql::MysqlDialect;
use dbm_driver_postgres::PostgresDialect;
use dbm_driver_sqlite::SqliteDialect;
use dbm_test_support::cases::{cases, side_by_side};
use dbm_test_support::groups::{self, GROUPS};

const DIALECTS: [&dyn Dialect; 3] = [&SqliteDialect, &PostgresDialect, &MysqlDialect];

#[test]
fn every_ddl_case_in_every_dialect() {
    for (name, op) in cases() {
        insta::assert_snapshot!(name, side_by_side(&DIALECTS, &op));
    }
}

#[test]
fn every_group_in_every_dialect() {
    for (name, group) in GROUPS {
        insta::assert_snapshot!(name, groups::side_by_side(&DIALECTS, group));
    }
}

/// SQLite compiles its alter parts against the live table's state: its driver's test shows
/// them.
#[test]
fn alter_parts_in_the_servers_dialects() {
    insta::assert_snapshot!(
        "alter_parts",
        groups::side_by_side(&[&PostgresDialect, &MysqlDialect], groups::alter_parts)
    );
}
