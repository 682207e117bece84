//! The built-in PostgreSQL driver as a run-time plugin (`libdbm_plugin_postgres.so`): the same
//! driver the `dbm` binary links in, served through the C ABI. The conformance suite runs
//! through it to prove the ABI changes nothing.

dbm_plugin::export_driver!(dbm_driver_postgres::PostgresDriver);
