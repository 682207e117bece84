//! The integration tests of the MySQL and MariaDB driver, in one test binary.

mod catalog;
mod common;
mod connection;
mod ddl;
mod ddl_alter;
mod ddl_tables;
mod migrator;
