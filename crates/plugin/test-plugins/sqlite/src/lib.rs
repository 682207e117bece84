//! The built-in SQLite driver exported as a plugin (`libdbm_test_plugin_sqlite.so`), so that
//! dbm-plugin's tests can run it through the C ABI and compare it with the linked-in driver.

dbm_plugin::export_driver!(dbm_driver_sqlite::SqliteDriver);
