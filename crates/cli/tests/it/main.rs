//! Integration tests: the real `dbm` binary on temporary projects.

mod bad_input;
mod check;
mod commands;
mod concurrency;
mod conformance;
mod corpus;
mod failures;
mod lifecycle;
mod plugins;
mod project;
mod rebuild;
mod rust_migration;
mod secrets;
mod support;
