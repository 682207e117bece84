//! Integration tests: the real `dbm` binary on temporary projects.

mod bad_input;
mod check;
mod clusters;
mod commands;
mod concurrency;
mod conformance;
mod corpus;
mod failures;
mod foreign_lock;
mod hints;
mod json_flag;
mod lifecycle;
mod loader;
mod make_migration;
mod one_lock;
mod output;
mod plugins;
mod project;
mod rebuild;
mod rust_migration;
mod schema_dump;
mod schema_generate;
mod secrets;
mod seed;
mod support;
mod unfinished;
