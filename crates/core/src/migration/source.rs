//! [`MigrationSource`]: finds, reads and orders migration files.
//!
//! Every configured folder is read recursively; dotfiles and dot-folders are ignored; every
//! other file must be a `.toml` or `.sql` migration (anything else is an error that names
//! it, never silently skipped). Files sort by file name across all folders together
//! (natural sort by default: `2_x` before `10_x`), which is the run order.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::sql::SqlDialect;
use super::{Migration, MigrationBody, checksum};
use crate::error::{Error, Result};

/// Loads migrations from folders under a project root, plus migrations registered in code.
#[derive(Debug, Clone)]
pub struct MigrationSource {
    root: PathBuf,
    paths: Vec<String>,
    natural_sort: bool,
    registered: Vec<Migration>,
    sql_dialect: Option<SqlDialect>,
}

impl MigrationSource {
    /// A source reading `paths` (relative to `root`, or absolute).
    pub fn new(root: impl Into<PathBuf>, paths: Vec<String>) -> Self {
        Self {
            root: root.into(),
            paths,
            natural_sort: true,
            registered: Vec::new(),
            sql_dialect: None,
        }
    }

    /// Natural sort (`2_x` before `10_x`, the default) or plain byte order.
    pub fn natural_sort(mut self, natural: bool) -> Self {
        self.natural_sort = natural;
        self
    }

    /// Splits `.sql` files by the rules of the target database's SQL (backslash escapes and
    /// `#` comments on MySQL, not on PostgreSQL). Without it, each file is read both ways and
    /// the reading that holds up is kept (`migration:check`, which has no database).
    pub fn sql_dialect(mut self, dialect: Option<SqlDialect>) -> Self {
        self.sql_dialect = dialect;
        self
    }

    /// Adds a migration defined in code (see [`Migration::from_rust`]).
    pub fn register(mut self, migration: Migration) -> Self {
        self.registered.push(migration);
        self
    }

    /// Reads every migration, sorted in run order.
    ///
    /// # Errors
    ///
    /// A file that is not a migration, a malformed file, or two migrations with one name.
    pub fn load(&self) -> Result<Vec<Migration>> {
        let mut files = Vec::new();
        for path in &self.paths {
            let dir = self.root.join(path);
            if !dir.exists() {
                tracing::warn!("migrations folder {} does not exist", dir.display());
                continue;
            }
            collect_files(&dir, &mut files)?;
        }
        let mut migrations = self.registered.clone();
        migrations.extend(self.read_all(&files)?);
        let mut by_name: BTreeMap<&str, &Migration> = BTreeMap::new();
        for migration in &migrations {
            if let Some(other) = by_name.insert(&migration.name, migration) {
                let shown = |m: &Migration| {
                    m.path
                        .as_ref()
                        .map(|p| self.display(p))
                        .unwrap_or_else(|| format!("{} (registered in code)", m.name))
                };
                return Err(Error::source_error(format!(
                    "two migrations are named {}: {} and {}; keep one",
                    migration.name,
                    shown(other),
                    shown(migration)
                )));
            }
        }
        migrations.sort_by(|a, b| self.compare(a, b));
        Ok(migrations)
    }

    fn compare(&self, a: &Migration, b: &Migration) -> Ordering {
        fn base(m: &Migration) -> &str {
            m.name.rsplit('/').next().unwrap_or(&m.name)
        }
        let (base_a, base_b) = (base(a), base(b));
        let order = if self.natural_sort {
            natord::compare(base_a, base_b)
        } else {
            base_a.cmp(base_b)
        };
        order.then_with(|| a.name.cmp(&b.name))
    }

    /// A path relative to the root, with forward slashes.
    fn display(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Reads and parses files on a few threads (reading is syscall-bound), keeping their
    /// order; the first error in file order wins.
    fn read_all(&self, files: &[PathBuf]) -> Result<Vec<Migration>> {
        const PER_THREAD: usize = 64;
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(files.len().div_ceil(PER_THREAD))
            .max(1);
        if threads == 1 {
            return files.iter().map(|f| self.read(f)).collect();
        }
        let chunk = files.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .map(|part| scope.spawn(move || part.iter().map(|f| self.read(f)).collect()))
                .collect();
            let mut out = Vec::with_capacity(files.len());
            for handle in handles {
                let part: Result<Vec<Migration>> = handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                out.extend(part?);
            }
            Ok(out)
        })
    }

    fn read(&self, path: &Path) -> Result<Migration> {
        let shown = PathBuf::from(self.display(path));
        let bytes = read_file(path).map_err(|e| Error::io(&shown, e))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::file(&shown, "the file is not valid UTF-8"))?;
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let (body, transaction) = match extension {
            "toml" => {
                let parsed = super::toml::parse_toml_migration(&shown, &text)?;
                (
                    MigrationBody::Schema {
                        up: parsed.up,
                        down: parsed.down,
                    },
                    parsed.transaction,
                )
            }
            "sql" => {
                let parsed = match self.sql_dialect {
                    Some(dialect) => super::sql::parse_sql_migration_for(&text, dialect),
                    None => super::sql::parse_sql_migration(&text),
                }
                .map_err(|e| Error::file(&shown, e.to_string()))?;
                (
                    MigrationBody::Sql {
                        up: parsed.up,
                        down: parsed.down,
                    },
                    parsed.transaction,
                )
            }
            _ => {
                return Err(Error::file(
                    &shown,
                    "not a migration: migration files end in .toml or .sql",
                ));
            }
        };
        let name = shown
            .with_extension("")
            .to_string_lossy()
            .replace('\\', "/");
        Ok(Migration {
            name,
            path: Some(path.to_path_buf()),
            checksum: checksum(text.as_bytes()),
            body,
            transaction,
        })
    }
}

/// The bytes of a file: `std::fs::read` without its `statx` for a size hint (migration files
/// are small, and a thousand of them are read for every command).
fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        match file.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Collects migration files under `dir`, recursively, skipping dot-entries; any other file
/// is an error naming it.
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut entries: Vec<_> = entries
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::io(dir, e))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if file_type.is_dir() || (file_type.is_symlink() && path.is_dir()) {
            collect_files(&path, out)?;
            continue;
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("toml" | "sql") => out.push(path),
            _ => {
                return Err(Error::file(
                    &path,
                    "not a migration: every file in a migrations folder must be a .toml or .sql \
                     migration (dotfiles are ignored); move it elsewhere",
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, content: &str) {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, content).expect("write");
    }

    const SQL: &str = "-- dbm:up\nSELECT 1;\n-- dbm:down\nSELECT 2;\n";

    #[test]
    fn files_sort_naturally_across_all_paths() {
        let root = tempfile::tempdir().expect("tempdir");
        write(root.path(), "a/10_ten.sql", SQL);
        write(root.path(), "b/2_two.sql", SQL);
        write(root.path(), "a/sub/3_three.sql", SQL);
        write(root.path(), "a/.gitkeep", "");
        write(root.path(), "a/.hidden/x.txt", "");
        let source = MigrationSource::new(root.path(), vec!["a".into(), "b".into()]);
        let names: Vec<_> = source
            .load()
            .expect("load")
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(names, ["b/2_two", "a/sub/3_three", "a/10_ten"]);
    }

    #[test]
    fn byte_order_sort_when_natural_sort_is_off() {
        let root = tempfile::tempdir().expect("tempdir");
        write(root.path(), "m/10_ten.sql", SQL);
        write(root.path(), "m/2_two.sql", SQL);
        let source = MigrationSource::new(root.path(), vec!["m".into()]).natural_sort(false);
        let names: Vec<_> = source
            .load()
            .expect("load")
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(names, ["m/10_ten", "m/2_two"]);
    }

    #[test]
    fn a_file_that_is_not_a_migration_is_an_error_naming_it() {
        let root = tempfile::tempdir().expect("tempdir");
        write(root.path(), "m/1_a.sql", SQL);
        write(root.path(), "m/notes.md", "hello");
        let err = MigrationSource::new(root.path(), vec!["m".into()])
            .load()
            .unwrap_err()
            .to_string();
        assert!(err.contains("notes.md"), "{err}");
        assert!(err.contains("not a migration"), "{err}");
    }

    #[test]
    fn two_files_with_one_stem_are_an_error() {
        let root = tempfile::tempdir().expect("tempdir");
        write(root.path(), "m/1_a.sql", SQL);
        write(root.path(), "m/1_a.toml", "[[up]]\ndrop_table = \"x\"\n");
        let err = MigrationSource::new(root.path(), vec!["m".into()])
            .load()
            .unwrap_err()
            .to_string();
        assert!(err.contains("two migrations are named m/1_a"), "{err}");
    }

    #[test]
    fn a_malformed_sql_file_names_the_file() {
        let root = tempfile::tempdir().expect("tempdir");
        write(root.path(), "m/1_a.sql", "CREATE TABLE x (id int);");
        let err = MigrationSource::new(root.path(), vec!["m".into()])
            .load()
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("m/1_a.sql: "), "{err}");
    }
}
