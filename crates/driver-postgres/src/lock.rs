//! The migration lock: a session-level PostgreSQL advisory lock.
//!
//! [`Connection::try_lock`](dbm_core::Connection::try_lock) runs
//! `pg_try_advisory_lock(key)`, which never waits; the migrator polls it and owns the
//! timeout. The blocking `pg_advisory_lock` is never used: a waiter blocked inside it holds a
//! snapshot that a holder running `CREATE INDEX CONCURRENTLY` waits for, a deadlock (flyway
//! #1654). The lock belongs to the session, so the server releases it when the connection
//! closes or the process dies.

use sha2::{Digest, Sha256};

/// The advisory lock key of `key` (the tracking table's name) in `database`: the first eight
/// bytes, big-endian, of the SHA-256 of `dbm:<database>:<key>`.
///
/// Two databases of one server, or two tracking tables of one database, get different keys.
pub fn advisory_lock_key(database: &str, key: &str) -> i64 {
    let digest = Sha256::digest(format!("dbm:{database}:{key}").as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_by_database_and_by_tracking_table() {
        let key = advisory_lock_key("app", "dbm_schema");
        assert_eq!(key, advisory_lock_key("app", "dbm_schema"));
        assert_ne!(key, advisory_lock_key("app_test", "dbm_schema"));
        assert_ne!(key, advisory_lock_key("app", "other_schema"));
    }
}
