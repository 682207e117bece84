//! The migration lock of a SQLite database: an OS file lock on `<database file>.lock`.
//!
//! SQLite has no advisory locks, and a lock row in a table would outlive a crashed process.
//! An OS lock (`flock` on Unix, `LockFileEx` on Windows, through [`File::try_lock`]) is
//! released by the OS when the process dies. The lock file is created beside the database
//! when missing and never deleted: deleting a lock file races with a process that has just
//! opened it and would then lock a file nobody else sees.
//!
//! On Linux the lock belongs to the open file, so two connections of one process exclude each
//! other too. An in-memory database is private to its connection: its lock always succeeds.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::{Result, SqliteError};

/// The lock file of a database file: `<database file>.lock`.
pub fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// The migration lock of one connection.
#[derive(Debug)]
pub(crate) struct FileLock {
    /// The lock file; `None` for an in-memory database.
    path: Option<PathBuf>,
    /// The open, locked file while the lock is held.
    held: Option<File>,
}

impl FileLock {
    /// The lock of a database file, or of an in-memory database (`None`).
    pub fn new(database: Option<&Path>) -> Self {
        Self {
            path: database.map(lock_path),
            held: None,
        }
    }

    /// Tries once to take the lock; true when this connection holds it (again).
    pub fn try_lock(&mut self) -> Result<bool> {
        let Some(path) = &self.path else {
            return Ok(true);
        };
        if self.held.is_some() {
            return Ok(true);
        }
        let io = |action, source| SqliteError::Io {
            action,
            path: path.clone(),
            source,
        };
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| io("cannot open the lock file", e))?;
        match file.try_lock() {
            Ok(()) => {
                self.held = Some(file);
                Ok(true)
            }
            Err(TryLockError::WouldBlock) => Ok(false),
            Err(TryLockError::Error(e)) => Err(io("cannot lock", e)),
        }
    }

    /// Releases the lock if this connection holds it.
    pub fn unlock(&mut self) -> Result<()> {
        if let (Some(file), Some(path)) = (self.held.take(), &self.path) {
            file.unlock().map_err(|source| SqliteError::Io {
                action: "cannot unlock",
                path: path.clone(),
                source,
            })?;
        }
        Ok(())
    }
}
