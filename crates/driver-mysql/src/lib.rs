//! The MySQL and MariaDB driver of dbm.
