//! [`MigrationSource`]: finds, reads and orders migration files.
//!
//! Every configured folder is read recursively; dotfiles and dot-folders are ignored; every
//! other file must be a `.toml` or `.sql` migration (anything else is an error that names
//! it, never silently skipped). Files sort by file name across all folders together
//! (natural sort by default: `2_x` before `10_x`), which is the run order.
//!
//! Whatever is wrong with the files is the user's to fix, and is reported as such (exit code
//! 2), naming the path: a `paths` entry that is a file, a symbolic link that leads nowhere or
//! back into a folder being read, a file that cannot be read or is not a regular file. Every
//! message stays short (see [`MAX_MESSAGE`]), whatever the file holds.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::sql::SqlDialect;
use super::{Migration, MigrationBody, checksum};
use crate::error::{Error, Result};

/// The longest message (in bytes) a load error carries after its path: what the file holds
/// is quoted only in part, so no file can make an error message large.
pub const MAX_MESSAGE: usize = 600;

/// `message` cut to at most about [`MAX_MESSAGE`] bytes: its start and its end (where the
/// lists of valid words are), joined by ` … `.
fn shorten(message: &str) -> String {
    if message.len() <= MAX_MESSAGE {
        return message.to_owned();
    }
    let head = message.floor_char_boundary(MAX_MESSAGE * 2 / 3);
    let tail = message.ceil_char_boundary(message.len() - MAX_MESSAGE / 3);
    format!("{} … {}", &message[..head], &message[tail..])
}

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
            if !dir.is_dir() {
                return Err(Error::file(
                    self.display(&dir),
                    "this `migrations.paths` entry is a file, not a folder; list the folder \
                     that holds the migrations",
                ));
            }
            let mut ancestors = Vec::new();
            self.collect_files(&dir, &mut ancestors, &mut files)?;
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

    /// Collects migration files under `dir`, recursively, skipping dot-entries; any other
    /// file is an error naming it. `ancestors` holds the folders being read around `dir`
    /// (resolved), to stop at a symbolic link that leads back into one of them.
    fn collect_files(
        &self,
        dir: &Path,
        ancestors: &mut Vec<PathBuf>,
        out: &mut Vec<PathBuf>,
    ) -> Result<()> {
        let unreadable = |e: std::io::Error| {
            Error::file(self.display(dir), format!("the folder cannot be read: {e}"))
        };
        let resolved = std::fs::canonicalize(dir).map_err(unreadable)?;
        if ancestors.contains(&resolved) {
            return Err(Error::file(
                self.display(dir),
                "a symbolic link loop: this folder leads back to a folder that holds it; \
                 remove the link",
            ));
        }
        let entries = std::fs::read_dir(dir).map_err(unreadable)?;
        let mut entries: Vec<_> = entries
            .collect::<std::result::Result<_, _>>()
            .map_err(unreadable)?;
        entries.sort_by_key(|e| e.file_name());
        ancestors.push(resolved);
        for entry in entries {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let shown = || self.display(&path);
            let file_type = entry
                .file_type()
                .map_err(|e| Error::file(shown(), format!("cannot be read: {e}")))?;
            let file_type = if file_type.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(target) => target.file_type(),
                    Err(e) => {
                        let target = std::fs::read_link(&path)
                            .map(|t| format!(" to {}", crate::util::cut(&t.to_string_lossy(), 200)))
                            .unwrap_or_default();
                        return Err(Error::file(
                            shown(),
                            format!(
                                "a symbolic link{target} that leads to no file ({e}); fix or \
                                 remove it"
                            ),
                        ));
                    }
                }
            } else {
                file_type
            };
            if file_type.is_dir() {
                self.collect_files(&path, ancestors, out)?;
                continue;
            }
            match path.extension().and_then(|e| e.to_str()) {
                Some("toml" | "sql") if file_type.is_file() => out.push(path),
                Some("toml" | "sql") => {
                    return Err(Error::file(
                        shown(),
                        "not a regular file (a pipe, socket or device); a migration is a file",
                    ));
                }
                _ => {
                    return Err(Error::file(
                        shown(),
                        "not a migration: every file in a migrations folder must be a .toml or \
                         .sql migration (dotfiles are ignored); move it elsewhere",
                    ));
                }
            }
        }
        ancestors.pop();
        Ok(())
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
        self.parse(path).map_err(|e| match e {
            Error::MigrationFile { path, message } => Error::file(path, shorten(&message)),
            other => other,
        })
    }

    fn parse(&self, path: &Path) -> Result<Migration> {
        let shown = self.display(path);
        let bytes = read_file(path)
            .map_err(|e| Error::file(&shown, format!("the file cannot be read: {e}")))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::file(&shown, "the file is not valid UTF-8"))?;
        let mut migration = parse_migration(&shown, &text, self.sql_dialect)?;
        migration.path = Some(path.to_path_buf());
        Ok(migration)
    }
}

/// Reads one migration from its text, as [`MigrationSource::load`] reads a file: `file` is
/// the file's path relative to the project root with forward slashes
/// (`database/migrations/1_users.toml`), which gives the migration its name (the path
/// without its extension) and how it is read (`.toml` or `.sql`); `sql_dialect` is as in
/// [`MigrationSource::sql_dialect`]. The checksum is the one the loader computes. This is
/// how migrations embedded in a program (`dbm::embed_migrations!`) are read at run time;
/// [`Migration::path`] is `file`.
///
/// # Errors
///
/// [`Error::MigrationFile`] naming `file`, as the loader reports a malformed file.
pub fn parse_migration(
    file: &str,
    text: &str,
    sql_dialect: Option<SqlDialect>,
) -> Result<Migration> {
    let shown = PathBuf::from(file);
    let extension = shown.extension().and_then(|e| e.to_str()).unwrap_or("");
    let (body, transaction) = match extension {
        "toml" => {
            let parsed = super::toml::parse_toml_migration(&shown, text)?;
            (
                MigrationBody::Schema {
                    up: parsed.up,
                    down: parsed.down,
                },
                parsed.transaction,
            )
        }
        "sql" => {
            let parsed = match sql_dialect {
                Some(dialect) => super::sql::parse_sql_migration_for(text, dialect),
                None => super::sql::parse_sql_migration(text),
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
        path: Some(shown),
        checksum: checksum(text.as_bytes()),
        body,
        transaction,
    })
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

    #[cfg(unix)]
    fn link(target: &str, dir: &Path, name: &str) {
        std::os::unix::fs::symlink(target, dir.join(name)).expect("symlink");
    }

    fn load_error(root: &Path, paths: &[&str]) -> Error {
        let paths = paths.iter().map(|p| (*p).to_owned()).collect();
        match MigrationSource::new(root, paths).load() {
            Ok(migrations) => panic!("expected an error, loaded {migrations:?}"),
            Err(e) => e,
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_symlink_is_a_usage_error_naming_it() {
        let root = tempfile::tempdir().expect("tempdir");
        write(root.path(), "m/1_a.sql", SQL);
        link("nowhere.sql", &root.path().join("m"), "2_b.sql");
        let e = load_error(root.path(), &["m"]);
        assert!(e.is_usage(), "{e:?}");
        let message = e.to_string();
        assert!(
            message.starts_with("m/2_b.sql: a symbolic link to nowhere.sql"),
            "{message}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_short_usage_errors() {
        let root = tempfile::tempdir().expect("tempdir");
        let m = root.path().join("m");
        std::fs::create_dir_all(m.join("sub")).expect("mkdir");
        link("b.sql", &m, "a.sql");
        link("a.sql", &m, "b.sql");
        let e = load_error(root.path(), &["m"]);
        assert!(e.is_usage(), "{e:?}");
        assert!(e.to_string().starts_with("m/a.sql: a symbolic link"), "{e}");

        std::fs::remove_file(m.join("a.sql")).expect("rm");
        std::fs::remove_file(m.join("b.sql")).expect("rm");
        link("..", &m.join("sub"), "up");
        let e = load_error(root.path(), &["m"]);
        assert!(e.is_usage(), "{e:?}");
        let message = e.to_string();
        assert_eq!(
            message,
            "m/sub/up: a symbolic link loop: this folder leads back to a folder that holds it; \
             remove the link"
        );
    }

    #[test]
    fn a_paths_entry_that_is_a_file_is_a_usage_error_naming_it() {
        let root = tempfile::tempdir().expect("tempdir");
        write(root.path(), "m/1_a.sql", SQL);
        let e = load_error(root.path(), &["m/1_a.sql"]);
        assert!(e.is_usage(), "{e:?}");
        assert!(
            e.to_string()
                .starts_with("m/1_a.sql: this `migrations.paths` entry is a file, not a folder"),
            "{e}"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_cannot_be_read_is_a_usage_error_naming_it() {
        // Reading /proc/self/mem at offset 0 fails with EIO, even for root.
        let root = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(root.path().join("m")).expect("mkdir");
        link("/proc/self/mem", &root.path().join("m"), "1_a.sql");
        let e = load_error(root.path(), &["m"]);
        assert!(e.is_usage(), "{e:?}");
        assert!(
            e.to_string()
                .starts_with("m/1_a.sql: the file cannot be read: "),
            "{e}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_without_read_permission_is_a_usage_error_unless_running_as_root() {
        use std::io::Write as _;
        use std::os::unix::fs::PermissionsExt as _;
        let root = tempfile::tempdir().expect("tempdir");
        write(root.path(), "m/1_a.sql", SQL);
        let file = root.path().join("m/1_a.sql");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        if std::fs::read(&file).is_ok() {
            // Straight to stderr, past the test harness's capture, so the skip shows.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED a_file_without_read_permission_is_a_usage_error_unless_running_as_root: \
                 the tests run as root, who reads any file (the /proc/self/mem test covers it)"
            );
            return;
        }
        let e = load_error(root.path(), &["m"]);
        assert!(e.is_usage(), "{e:?}");
        assert!(
            e.to_string()
                .starts_with("m/1_a.sql: the file cannot be read: "),
            "{e}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_named_like_a_migration_is_an_error_not_a_hang() {
        let root = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(root.path().join("m")).expect("mkdir");
        let status = std::process::Command::new("mkfifo")
            .arg(root.path().join("m/1_a.sql"))
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        let e = load_error(root.path(), &["m"]);
        assert!(e.is_usage(), "{e:?}");
        assert!(
            e.to_string().starts_with("m/1_a.sql: not a regular file"),
            "{e}"
        );
    }

    #[test]
    fn load_errors_stay_under_a_kilobyte_whatever_the_file_holds() {
        let root = tempfile::tempdir().expect("tempdir");
        let word = "x".repeat(100_000);
        write(
            root.path(),
            "m/1_a.toml",
            &format!("[[up]]\ncreate_table = \"t\"\n{word} = 1\n"),
        );
        write(root.path(), "m/2_b.toml", "x");
        let e = load_error(root.path(), &["m"]);
        let message = e.to_string();
        assert!(message.len() < 1024, "{} bytes: {message}", message.len());
        assert!(message.starts_with("m/1_a.toml: up[0].xxx"), "{message}");
        assert!(message.ends_with("`if_not_exists`"), "{message}");
        write(
            root.path(),
            "m/1_a.toml",
            &format!(
                "[[up]]\ncreate_table = \"t\"\ncolumns = {}\n",
                "[".repeat(300_000)
            ),
        );
        let message = load_error(root.path(), &["m"]).to_string();
        assert!(message.len() < 1024, "{} bytes: {message}", message.len());
    }
}
