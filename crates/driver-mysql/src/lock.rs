//! The migration lock: a MySQL user-level lock (`GET_LOCK`) held by the connection.
//!
//! The server releases a user-level lock when its session ends, so a crashed `dbm` never
//! leaves the database locked. `GET_LOCK(name, 0)` never waits: the migrator polls
//! [`Connection::try_lock`](dbm_core::Connection::try_lock) and owns the timeout.
//!
//! User-level locks are server-wide, so the name is made from the database and the key (the
//! tracking table's name): two databases on one server, or two tracking tables in one
//! database, lock independently. MySQL rejects names longer than 64 characters; the name is
//! `dbm_` and the first 59 hex digits of `SHA-256(database ":" key)`, 63 characters.

use sha2::{Digest, Sha256};

/// The longest lock name dbm makes, in characters (MySQL's limit is 64).
pub const MAX_LOCK_NAME: usize = 63;

/// The user-level lock name for `key` (the tracking table) in `database`.
///
/// ```
/// let name = dbm_driver_mysql::lock_name("app", "dbm_schema");
/// assert!(name.starts_with("dbm_") && name.len() == 63);
/// ```
pub fn lock_name(database: &str, key: &str) -> String {
    let digest = Sha256::digest(format!("{database}:{key}").as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let mut name = format!("dbm_{hex}");
    name.truncate(MAX_LOCK_NAME);
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_names_are_under_64_characters_and_differ_by_database_and_key() {
        let name = lock_name("app", "dbm_schema");
        assert_eq!(name.len(), MAX_LOCK_NAME);
        assert!(name.len() < 64);
        assert_ne!(name, lock_name("app2", "dbm_schema"));
        assert_ne!(name, lock_name("app", "other_schema"));
        assert_eq!(name, lock_name("app", "dbm_schema"), "stable");
        let long = "x".repeat(300);
        assert_eq!(lock_name(&long, &long).len(), MAX_LOCK_NAME);
    }
}
