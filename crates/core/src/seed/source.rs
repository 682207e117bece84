//! [`SeederSource`]: finds, reads, checks and orders seeder files.
//!
//! Every configured folder is read recursively; dotfiles and dot-folders are ignored; every
//! other file must be a `.toml` or `.sql` seeder (anything else is an error naming it). A
//! missing folder holds no seeders. Seeders sort by file name across all folders, naturally
//! when `natural_sort` is on (`2_x` before `10_x`), as migrations do.
//!
//! A TOML seeder:
//!
//! ```toml
//! environments = ["development", "test"]   # optional: only there
//!
//! [[insert]]
//! table = "roles"
//! rows = [
//!   { id = 1, name = "admin" },
//!   { id = 2, name = "member" },
//! ]
//! ```
//!
//! Values are strings, integers, floats and booleans; a TOML date or time is bound as its
//! text. A `.sql` seeder is split into statements as a migration's section is; a line
//! `-- dbm:environments development test` restricts it.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::Table;

use super::{SeedStep, Seeder, push_row};
use crate::driver::Value;
use crate::error::{Error, Result};
use crate::migration::sql::{SqlDialect, split_statements, split_statements_for};
use crate::migration::toml::suggest::unknown_key;
use crate::migration::toml::{control_characters, syntax_error};

/// The directive of a `.sql` seeder that restricts it to environments.
const ENVIRONMENTS_DIRECTIVE: &str = "-- dbm:environments";

pub(crate) const TOP_KEYS: &[&str] = &["environments", "insert"];
pub(crate) const INSERT_KEYS: &[&str] = &["table", "rows"];

/// Loads seeders from folders under a project root, plus seeders registered in code.
#[derive(Debug, Clone)]
pub struct SeederSource {
    root: PathBuf,
    paths: Vec<String>,
    natural_sort: bool,
    sql_dialect: Option<SqlDialect>,
    registered: Vec<Seeder>,
}

impl SeederSource {
    /// A source reading `paths` (relative to `root`, or absolute).
    pub fn new(root: impl Into<PathBuf>, paths: Vec<String>) -> Self {
        Self {
            root: root.into(),
            paths,
            natural_sort: true,
            sql_dialect: None,
            registered: Vec::new(),
        }
    }

    /// Natural sort (the default) or plain byte order, as `migrations.natural_sort` says.
    pub fn natural_sort(mut self, natural: bool) -> Self {
        self.natural_sort = natural;
        self
    }

    /// Splits `.sql` seeders by the rules of the target database's SQL; without it the
    /// splitter guesses, as for migrations.
    pub fn sql_dialect(mut self, dialect: Option<SqlDialect>) -> Self {
        self.sql_dialect = dialect;
        self
    }

    /// Adds a seeder defined in code (see [`Seeder::from_rust`]).
    pub fn register(mut self, seeder: Seeder) -> Self {
        self.registered.push(seeder);
        self
    }

    /// Reads and checks every seeder, sorted in run order.
    ///
    /// # Errors
    ///
    /// [`Error::MigrationFile`] naming the file and the line or key for a file that is not a
    /// seeder or is malformed; [`Error::Source`] for two seeders with one name.
    pub fn load(&self) -> Result<Vec<Seeder>> {
        let mut files = Vec::new();
        for path in &self.paths {
            let dir = self.root.join(path);
            if !dir.exists() {
                continue;
            }
            if !dir.is_dir() {
                return Err(Error::file(
                    self.display(&dir),
                    "this `seeders.paths` entry is a file, not a folder; list the folder that \
                     holds the seeders",
                ));
            }
            self.collect(&dir, 0, &mut files)?;
        }
        let mut seeders = self.registered.clone();
        for file in &files {
            seeders.push(self.read(file)?);
        }
        let mut by_name: BTreeMap<&str, &Seeder> = BTreeMap::new();
        for seeder in &seeders {
            if let Some(other) = by_name.insert(&seeder.name, seeder) {
                let shown = |s: &Seeder| {
                    s.path
                        .as_ref()
                        .map(|p| self.display(p))
                        .unwrap_or_else(|| format!("{} (registered in code)", s.name))
                };
                return Err(Error::source_error(format!(
                    "two seeders are named {}: {} and {}; keep one",
                    seeder.name,
                    shown(other),
                    shown(seeder)
                )));
            }
        }
        seeders.sort_by(|a, b| self.compare(a, b));
        Ok(seeders)
    }

    fn compare(&self, a: &Seeder, b: &Seeder) -> Ordering {
        fn base(s: &Seeder) -> &str {
            s.name.rsplit('/').next().unwrap_or(&s.name)
        }
        let order = if self.natural_sort {
            natord::compare(base(a), base(b))
        } else {
            base(a).cmp(base(b))
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

    /// Collects seeder files under `dir`, recursively, skipping dot-entries.
    fn collect(&self, dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<()> {
        const MAX_DEPTH: usize = 32;
        let unreadable =
            |e: std::io::Error| Error::file(self.display(dir), format!("cannot be read: {e}"));
        if depth > MAX_DEPTH {
            return Err(Error::file(
                self.display(dir),
                "folders nested too deep (a symbolic link loop?)",
            ));
        }
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .map_err(unreadable)?
            .collect::<std::result::Result<_, _>>()
            .map_err(unreadable)?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            if path.is_dir() {
                self.collect(&path, depth + 1, out)?;
                continue;
            }
            match path.extension().and_then(|e| e.to_str()) {
                Some("toml" | "sql") if path.is_file() => out.push(path),
                _ => {
                    return Err(Error::file(
                        self.display(&path),
                        "not a seeder: every file in a seeders folder must be a .toml or .sql \
                         seeder (dotfiles are ignored); move it elsewhere",
                    ));
                }
            }
        }
        Ok(())
    }

    fn read(&self, path: &Path) -> Result<Seeder> {
        let shown = PathBuf::from(self.display(path));
        let text = std::fs::read(path)
            .map_err(|e| Error::file(&shown, format!("the file cannot be read: {e}")))
            .and_then(|bytes| {
                String::from_utf8(bytes)
                    .map_err(|_| Error::file(&shown, "the file is not valid UTF-8"))
            })?;
        let (environments, steps) = if path.extension().is_some_and(|e| e == "sql") {
            self.parse_sql(&text)
        } else {
            parse_toml(&text)
        }
        .map_err(|message| Error::file(&shown, message))?;
        Ok(Seeder {
            name: shown
                .with_extension("")
                .to_string_lossy()
                .replace('\\', "/"),
            path: Some(path.to_path_buf()),
            environments,
            steps,
        })
    }

    /// A `.sql` seeder: its `-- dbm:environments` line, then its statements.
    fn parse_sql(&self, text: &str) -> std::result::Result<(Vec<String>, Vec<SeedStep>), String> {
        let mut environments = None;
        let mut rest = String::with_capacity(text.len());
        for (index, line) in text.split_inclusive('\n').enumerate() {
            let Some(list) = line.trim().strip_prefix(ENVIRONMENTS_DIRECTIVE) else {
                rest.push_str(line);
                continue;
            };
            let line_number = index + 1;
            if environments.is_some() {
                return Err(format!(
                    "line {line_number}: a second `{ENVIRONMENTS_DIRECTIVE}` line; list every \
                     environment on one"
                ));
            }
            let names: Vec<String> = list.split_whitespace().map(str::to_owned).collect();
            if names.is_empty() || !list.starts_with(char::is_whitespace) {
                return Err(format!(
                    "line {line_number}: expected `{ENVIRONMENTS_DIRECTIVE} NAME...`, such as \
                     `{ENVIRONMENTS_DIRECTIVE} development test`"
                ));
            }
            environments = Some(names);
            // Keep the line count, so that the splitter's line numbers stay the file's.
            rest.push('\n');
        }
        let statements = match self.sql_dialect {
            Some(dialect) => split_statements_for(&rest, dialect),
            None => split_statements(&rest),
        }
        .map_err(|e| e.to_string())?;
        if statements.is_empty() {
            return Err("no statements: write the seeder's INSERTs, or remove the file".into());
        }
        let steps = statements
            .into_iter()
            .map(|sql| SeedStep::Sql {
                sql,
                params: Vec::new(),
            })
            .collect();
        Ok((environments.unwrap_or_default(), steps))
    }
}

/// A TOML seeder: `environments`, then its `[[insert]]` entries.
pub(crate) fn parse_toml(text: &str) -> std::result::Result<(Vec<String>, Vec<SeedStep>), String> {
    let table = text.parse::<Table>().map_err(|e| syntax_error(text, &e))?;
    control_characters(&table)?;
    for key in table.keys() {
        if !TOP_KEYS.contains(&key.as_str()) {
            return Err(unknown_key(key, key, "top-level key", TOP_KEYS));
        }
    }
    let environments = match table.get("environments") {
        None => Vec::new(),
        Some(toml::Value::Array(items)) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                toml::Value::String(name) if !name.trim().is_empty() => Ok(name.clone()),
                _ => Err(format!(
                    "environments[{i}]: expected an environment name such as \"development\""
                )),
            })
            .collect::<std::result::Result<_, _>>()?,
        Some(_) => {
            return Err(
                "environments: expected a list of environment names such as \
                 [\"development\", \"test\"]"
                    .into(),
            );
        }
    };
    let inserts = match table.get("insert") {
        Some(toml::Value::Array(items)) if !items.is_empty() => items,
        Some(_) => return Err("insert: expected `[[insert]]` entries".into()),
        None => {
            return Err(
                "no `[[insert]]` entries: fill in the seeder's table and rows, or remove the file"
                    .into(),
            );
        }
    };
    let mut steps = Vec::new();
    for (i, entry) in inserts.iter().enumerate() {
        let path = format!("insert[{i}]");
        let toml::Value::Table(entry) = entry else {
            return Err(format!("{path}: expected a table with `table` and `rows`"));
        };
        for key in entry.keys() {
            if !INSERT_KEYS.contains(&key.as_str()) {
                return Err(unknown_key(
                    &format!("{path}.{key}"),
                    key,
                    "key",
                    INSERT_KEYS,
                ));
            }
        }
        let table_name = match entry.get("table") {
            Some(toml::Value::String(name)) if !name.trim().is_empty() => name,
            Some(_) => {
                return Err(format!(
                    "{path}.table: expected a table name such as \"users\""
                ));
            }
            None => {
                return Err(format!(
                    "{path}: missing `table`, the table the rows go into"
                ));
            }
        };
        let rows = match entry.get("rows") {
            Some(toml::Value::Array(rows)) if !rows.is_empty() => rows,
            Some(_) => {
                return Err(format!(
                    "{path}.rows: expected a list of rows such as [{{ name = \"admin\" }}]"
                ));
            }
            None => return Err(format!("{path}: missing `rows`, the rows to insert")),
        };
        for (r, row) in rows.iter().enumerate() {
            let row_path = format!("{path}.rows[{r}]");
            let toml::Value::Table(row) = row else {
                return Err(format!(
                    "{row_path}: expected a row of columns and values, such as \
                     {{ name = \"admin\" }}"
                ));
            };
            if row.is_empty() {
                return Err(format!("{row_path}: a row needs at least one column"));
            }
            let mut columns = Vec::with_capacity(row.len());
            let mut values = Vec::with_capacity(row.len());
            for (column, value) in row {
                columns.push(column.clone());
                values.push(value_of(&format!("{row_path}.{column}"), value)?);
            }
            push_row(&mut steps, table_name, columns, values);
        }
    }
    Ok((environments, steps))
}

/// A TOML value as a bound [`Value`].
fn value_of(path: &str, value: &toml::Value) -> std::result::Result<Value, String> {
    Ok(match value {
        toml::Value::String(s) => Value::Text(s.clone()),
        toml::Value::Integer(i) => Value::Integer(*i),
        toml::Value::Float(f) => Value::Float(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::Text(d.to_string()),
        toml::Value::Array(_) | toml::Value::Table(_) => {
            return Err(format!(
                "{path}: expected a string, number, boolean or date; a list or table is no \
                 column value"
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(files: &[(&str, &str)]) -> Result<Vec<Seeder>> {
        let root = tempfile::tempdir().expect("tempdir");
        for (name, content) in files {
            let path = root.path().join("s").join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, content).expect("write");
        }
        SeederSource::new(root.path(), vec!["s".into()]).load()
    }

    fn error(files: &[(&str, &str)]) -> String {
        match load(files) {
            Ok(seeders) => panic!("expected an error, loaded {seeders:?}"),
            Err(e) => {
                assert!(e.is_usage(), "{e:?}");
                e.to_string()
            }
        }
    }

    const ROLES: &str = "[[insert]]\ntable = \"roles\"\nrows = [{ id = 1, name = \"a\" }]\n";

    #[test]
    fn seeders_sort_naturally_and_read_both_formats() {
        let seeders = load(&[
            (
                "10_users.sql",
                "-- dbm:environments development\nINSERT INTO users VALUES (1);\n",
            ),
            ("2_roles.toml", ROLES),
        ])
        .expect("load");
        let names: Vec<_> = seeders.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["s/2_roles", "s/10_users"]);
        assert_eq!(seeders[1].environments, ["development"]);
        assert!(seeders[0].environments.is_empty());
    }

    #[test]
    fn a_value_that_is_a_table_names_its_key() {
        let message = error(&[(
            "1.toml",
            "[[insert]]\ntable = \"roles\"\nrows = [{ id = 1 }, { name = { x = 1 } }]\n",
        )]);
        assert!(
            message.starts_with("s/1.toml: insert[0].rows[1].name: expected"),
            "{message}"
        );
    }

    #[test]
    fn an_unknown_key_suggests_the_valid_one() {
        let message = error(&[(
            "1.toml",
            "[[insert]]\ntabel = \"roles\"\nrows = [{ id = 1 }]\n",
        )]);
        assert!(message.contains("insert[0].tabel"), "{message}");
        assert!(message.contains("did you mean `table`"), "{message}");
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let message = error(&[("1.toml", "[[insert]]\ntable = \"roles\nrows = []\n")]);
        assert!(message.contains("line 2"), "{message}");
    }

    #[test]
    fn an_empty_seeder_is_an_error() {
        assert!(error(&[("1.toml", "# nothing\n")]).contains("no `[[insert]]` entries"));
        assert!(error(&[("1.sql", "-- nothing yet\n")]).contains("no statements"));
    }

    #[test]
    fn a_sql_split_error_keeps_the_files_line_numbers() {
        let message = error(&[(
            "1.sql",
            "-- dbm:environments test\n\nINSERT INTO t VALUES ('open);\n",
        )]);
        assert!(message.starts_with("s/1.sql: line 3: "), "{message}");
    }

    #[test]
    fn a_file_that_is_no_seeder_is_an_error_naming_it() {
        assert!(error(&[("notes.md", "x")]).starts_with("s/notes.md: not a seeder"));
    }
}
