//! A temporary project and helpers to run `dbm` in it and look into its database.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use dbm_core::ConnectionConfig;
use dbm_core::Row;
use dbm_core::driver::{ConnectOptions, Driver, Value};
use dbm_driver_sqlite::SqliteDriver;

/// A temporary project folder.
pub struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    /// A project on the embedded default: an empty `database/migrations/` and nothing else.
    pub fn new() -> Self {
        let project = Self::empty();
        std::fs::create_dir_all(project.path().join("database/migrations")).expect("mkdir");
        project
    }

    /// An empty folder, which is no dbm project.
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// Every file and folder under the project, relative to it, sorted.
    pub fn tree(&self) -> Vec<String> {
        fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
                let path = entry.path();
                let relative = path
                    .strip_prefix(base)
                    .expect("inside")
                    .display()
                    .to_string();
                out.push(relative);
                if path.is_dir() {
                    walk(&path, base, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(self.path(), self.path(), &mut out);
        out.sort();
        out
    }

    /// A project with only `database/migrations/` holding the given files.
    pub fn with_migrations(files: &[(&str, &str)]) -> Self {
        let project = Self::empty();
        for (name, content) in files {
            project.write(&format!("database/migrations/{name}"), content);
        }
        project
    }

    /// A project holding a copy of `crates/cli/tests/fixtures/<fixture>`.
    pub fn from_fixture(fixture: &str) -> Self {
        fn copy(from: &Path, to: &Path) {
            std::fs::create_dir_all(to).expect("mkdir");
            for entry in std::fs::read_dir(from).expect("read fixture") {
                let entry = entry.expect("fixture entry");
                let target = to.join(entry.file_name());
                if entry.file_type().expect("file type").is_dir() {
                    copy(&entry.path(), &target);
                } else {
                    std::fs::copy(entry.path(), target).expect("copy fixture file");
                }
            }
        }
        let project = Self::empty();
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture);
        copy(&source, project.path());
        project
    }

    /// The project's folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file, creating folders.
    pub fn write(&self, relative: &str, content: &str) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    }

    /// Removes a file.
    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.path().join(relative)).expect("remove");
    }

    /// `dbm` with the project as its working directory and no `DBM_` variables.
    pub fn dbm(&self, args: &[&str]) -> Command {
        Command::from_std(self.process(args))
    }

    /// [`Project::dbm`] as a plain process, to start without waiting for it.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_dbm"));
        cmd.current_dir(self.path()).args(args);
        for (key, _) in std::env::vars() {
            if key.starts_with("DBM_") || key == "NO_COLOR" {
                cmd.env_remove(key);
            }
        }
        cmd
    }

    /// Starts `dbm ARGS` in the project with no input and its output piped.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        self.process(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn dbm")
    }

    /// Runs `dbm` and returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.run_in("", args)
    }

    /// Runs `dbm` in the folder `relative` of the project (created when missing) and returns
    /// (exit code, stdout, stderr).
    pub fn run_in(&self, relative: &str, args: &[&str]) -> (i32, String, String) {
        let dir = self.path().join(relative);
        std::fs::create_dir_all(&dir).expect("mkdir");
        let out = self.dbm(args).current_dir(dir).output().expect("run dbm");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Runs `dbm`, asserting exit code 0; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, stdout, stderr) = self.run(args);
        assert_eq!(
            code, 0,
            "dbm {args:?} failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        stdout
    }

    /// The default database file.
    pub fn db_path(&self) -> PathBuf {
        self.path().join("tmp/db.sqlite3")
    }

    /// The database file's bytes (empty when it does not exist).
    pub fn db_bytes(&self) -> Vec<u8> {
        std::fs::read(self.db_path()).unwrap_or_default()
    }

    /// Runs a query on the default database and returns the rows as text.
    pub fn query(&self, sql: &str) -> Vec<Vec<String>> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let config = ConnectionConfig {
                name: "test".into(),
                driver: "sqlite".into(),
                url: format!("sqlite://{}", self.db_path().display()),
                debug: false,
                password_env: None,
                root: self.path().to_path_buf(),
                cluster: Default::default(),
            };
            let mut conn = SqliteDriver
                .connect(
                    &config,
                    ConnectOptions {
                        create: false,
                        lock_timeout: None,
                    },
                )
                .await
                .expect("connect");
            let rows = conn.query(sql, &[]).await.expect("query");
            conn.close().await.expect("close");
            rows_as_text(rows)
        })
    }

    /// The names of the user tables, sorted.
    pub fn tables(&self) -> Vec<String> {
        self.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name",
        )
        .into_iter()
        .map(|r| r[0].clone())
        .collect()
    }

    /// `migration:status --json`, parsed.
    pub fn status(&self) -> serde_json::Value {
        let out = self.ok(&["migration:status", "--json"]);
        serde_json::from_str(&out).expect("status JSON")
    }

    /// `(name, status, batch)` of each migration in `status`.
    pub fn states(&self) -> Vec<(String, String, Option<i64>)> {
        self.status()["migrations"]
            .as_array()
            .expect("migrations")
            .iter()
            .map(|m| {
                (
                    m["name"].as_str().expect("name").to_string(),
                    m["status"].as_str().expect("status").to_string(),
                    m["batch"].as_i64(),
                )
            })
            .collect()
    }
}

/// A TOML migration creating a table with an id and a name.
pub fn create_table(table: &str) -> String {
    format!(
        "[[up]]\ncreate_table = \"{table}\"\ncolumns = [\n  {{ name = \"id\", type = \"increments\" }},\n  {{ name = \"name\", type = \"string\" }},\n]\n"
    )
}

/// A plugin library built for the tests: a dev-dependency built as a `cdylib` into
/// `target/<profile>/deps/` (`dbm_plugin_sqlite`, `dbm_test_plugin_panics`, ...).
pub fn plugin_library(library: &str) -> PathBuf {
    let file = format!(
        "{}{library}{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    let exe = std::env::current_exe().expect("the test binary has a path");
    let deps = exe.parent().expect("the test binary is in a folder");
    [deps.join(&file), deps.join("..").join(&file)]
        .into_iter()
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("{file} is not built; `cargo test` builds it first"))
}

/// Rows as text, `NULL` for null.
pub fn rows_as_text(rows: Vec<Row>) -> Vec<Vec<String>> {
    rows.into_iter()
        .map(|row| {
            row.values
                .iter()
                .map(|v| match v {
                    Value::Null => "NULL".to_string(),
                    other => other.as_text().unwrap_or_default(),
                })
                .collect()
        })
        .collect()
}
