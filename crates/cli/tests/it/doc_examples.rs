//! The documentation's examples are tests: every TOML and SQL example of `docs/*.md` and
//! `README.md` runs, and the README's tour runs command by command as a user pastes it.
//!
//! Each fenced `toml` or `sql` block is one example, classified by a marker on the line
//! right before its fence or, without one, by its content:
//!
//! - a migration: TOML with `[[up]]`, SQL with `-- dbm:up`. A line `# database/migrations/F`
//!   (`-- database/migrations/F` in SQL) starts a file named `F`, so one block may hold several
//!   files. It runs on SQLite, PostgreSQL and MySQL/MariaDB, each in a fresh database:
//!   `migration:run`, then `migration:rollback --batch 0`, which must leave no table;
//! - a seeder: a first line naming a file under `database/seeders/`. The seeders of one
//!   document run together, in name order, with `db:seed` on each database after the demo
//!   app's migrations (`database/migrations/`);
//! - a configuration snippet: TOML of profile tables (`[default.connections.x]`, ...). It
//!   goes through the configuration loader as written and with each commented-out
//!   `# key = value` line uncommented, one at a time;
//! - a Cargo manifest: TOML with a `[package]` table. Each `dbm-*` dependency must be a crate
//!   of this workspace, with a version requirement its version meets;
//! - `<!-- dbm:check [DIALECT ...] -->`: a migration that `migration:check` finds fault with,
//!   added to the files of the document's previous migration example. The fenced block right
//!   after it, without a language, is the finding; its first line names the file. On every
//!   database `migration:check` runs and, on the dialects listed (all without a list), must
//!   print that block as written. With an error `migration:run` must refuse (exit 2);
//!   otherwise it runs and rolls back as a migration does;
//! - `<!-- dbm:ddl DIALECT -->`: the statements the previous migration example compiles to on
//!   that dialect; `migration:run --dry-run` must print each line;
//! - `<!-- dbm:fragment REASON -->`: a piece of a file, or a command that cannot run here;
//!   counted, not run.
//!
//! A `toml` or `sql` block that fits none of these fails the test, as does a marker of an
//! unknown kind or one that precedes no fence, so that no example is skipped unseen. The
//! `sh` and `console` blocks of `README.md` are the tour (the block under `## A short tour`)
//! or must be marked fragments.
//!
//! The tour runs in a temporary folder holding a copy of `docs/examples/`, each `$ ` line
//! through `sh` with `dbm` on the `PATH`; the lines after a command that do not start with
//! `$ ` are output it must print, in that order, digits aside (timestamps, durations). The
//! `pg` and `mysql` connections of the `init` template are pointed at fresh test databases
//! (`DBM_CONNECTIONS__PG__URL`, ...).
//!
//! The test prints how many examples ran on each database.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use dbm_test_support::{Server, TestDatabase};

use crate::conformance::{Backend, Db};
use crate::support::Project;

/// The repository's root.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fenced block of a markdown file.
#[derive(Debug, Clone)]
struct Block {
    /// `docs/x.md:LINE`, the line of the opening fence.
    place: String,
    /// The fence's info string (`toml`, `sql`, ...), empty for none.
    lang: String,
    /// The marker on the line before the fence: its kind and words (`check`, `["mysql"]`).
    marker: Option<(String, Vec<String>)>,
    /// The heading the block is under.
    heading: String,
    /// The block's text, its fence's indentation removed.
    text: String,
}

const MARKERS: [&str; 3] = ["check", "ddl", "fragment"];

/// The dialects a `dbm:check` or `dbm:ddl` marker may name.
const DIALECTS: [&str; 3] = ["sqlite", "postgres", "mysql"];

/// The fenced blocks of a markdown file, with the marker before each; a marker of an unknown
/// kind, or one that no fence follows, is an error.
fn blocks(relative: &str) -> Result<Vec<Block>, String> {
    let doc =
        std::fs::read_to_string(repo().join(relative)).map_err(|e| format!("{relative}: {e}"))?;
    let lines: Vec<&str> = doc.lines().collect();
    let mut out = Vec::new();
    let mut heading = String::new();
    let mut marker: Option<(usize, String, Vec<String>)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if let Some(fence) = trimmed.strip_prefix("```") {
            let indent = line.len() - trimmed.len();
            let mut body = String::new();
            let mut end = i + 1;
            while end < lines.len() && lines[end].trim() != "```" {
                let text = lines[end];
                let cut = text.len() - text.trim_start().len();
                body.push_str(&text[cut.min(indent)..]);
                body.push('\n');
                end += 1;
            }
            if end == lines.len() {
                return Err(format!("{relative}:{}: the fence is never closed", i + 1));
            }
            let marker = marker
                .take()
                .filter(|(at, _, _)| *at + 1 == i)
                .map(|(_, kind, words)| (kind, words));
            out.push(Block {
                place: format!("{relative}:{}", i + 1),
                lang: fence.trim().to_string(),
                marker,
                heading: heading.clone(),
                text: body,
            });
            i = end + 1;
            continue;
        }
        if let Some((at, _, _)) = &marker {
            return Err(format!(
                "{relative}:{}: a `<!-- dbm:... -->` marker must be the line right before a fence",
                at + 1
            ));
        }
        if let Some(inner) = trimmed
            .strip_prefix("<!-- dbm:")
            .and_then(|rest| rest.trim_end().strip_suffix("-->"))
        {
            let mut words = inner.split_whitespace().map(str::to_string);
            let kind = words.next().unwrap_or_default();
            if !MARKERS.contains(&kind.as_str()) {
                return Err(format!(
                    "{relative}:{}: unknown marker `dbm:{kind}` (expected one of {MARKERS:?})",
                    i + 1
                ));
            }
            let words: Vec<String> = words.collect();
            if kind != "fragment"
                && let Some(word) = words.iter().find(|w| !DIALECTS.contains(&w.as_str()))
            {
                return Err(format!(
                    "{relative}:{}: `dbm:{kind} {word}`: expected a dialect, one of {DIALECTS:?}",
                    i + 1
                ));
            }
            marker = Some((i, kind, words));
        } else if let Some(title) = trimmed.strip_prefix('#').filter(|_| !trimmed.is_empty()) {
            heading = title.trim_start_matches('#').trim().to_string();
        }
        i += 1;
    }
    if let Some((at, _, _)) = marker {
        return Err(format!(
            "{relative}:{}: a `<!-- dbm:... -->` marker must be the line right before a fence",
            at + 1
        ));
    }
    Ok(out)
}

/// A database dialect, as a marker names it.
fn dialect(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres | Backend::PostgresPlugin => "postgres",
        Backend::Mysql => "mysql",
        _ => "sqlite",
    }
}

/// Files of a migration example: `(path under the project, text)`.
type Files = Vec<(String, String)>;

/// What an example is and how it runs.
#[derive(Debug, Clone)]
enum Example {
    Migration(Files),
    Check {
        base: Files,
        file: (String, String),
        dialects: Vec<String>,
        expected: String,
    },
    Ddl {
        files: Files,
        dialect: String,
        statements: String,
    },
    Seeder(String, String),
    Config(String),
    Manifest(String),
    Fragment,
}

/// The files of a migration example: each `# database/migrations/F` line starts file `F`;
/// a block without one is one file, `database/migrations/1_example.EXT`.
fn migration_files(block: &Block) -> Files {
    let comment = if block.lang == "sql" { "-- " } else { "# " };
    let mut files: Files = Vec::new();
    for line in block.text.lines() {
        let named = line
            .strip_prefix(comment)
            .filter(|rest| rest.starts_with("database/migrations/") && !rest.contains(' '));
        match (named, files.last_mut()) {
            (Some(path), _) => files.push((path.to_string(), String::new())),
            (None, Some((_, text))) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => files.push((
                format!("database/migrations/1_example.{}", block.lang),
                format!("{line}\n"),
            )),
        }
    }
    files
}

/// Whether a TOML example is configuration: every top-level table a profile's table.
fn is_config(text: &str) -> bool {
    let Ok(table) = text.parse::<toml::Table>() else {
        return false;
    };
    const KEYS: [&str; 7] = [
        "connection",
        "connections",
        "migrations",
        "seeders",
        "drivers",
        "plugin_dirs",
        "schema",
    ];
    !table.is_empty()
        && table.values().all(|profile| {
            profile
                .as_table()
                .is_some_and(|keys| keys.keys().all(|key| KEYS.contains(&key.as_str())))
        })
}

/// The examples of one markdown file, classified; an example that fits no kind is an error.
fn classify(relative: &str) -> Result<Vec<(Block, Example)>, String> {
    let all = blocks(relative)?;
    let mut out = Vec::new();
    let mut previous: Option<Files> = None;
    for (index, block) in all.iter().enumerate() {
        let runnable = matches!(block.lang.as_str(), "toml" | "sql");
        let example = match &block.marker {
            Some((kind, _)) if kind == "fragment" => Example::Fragment,
            Some((kind, words)) if kind == "check" => {
                let expected = all
                    .get(index + 1)
                    .filter(|next| next.lang.is_empty())
                    .ok_or_else(|| {
                        format!(
                            "{}: a dbm:check example needs the finding in a plain fenced block right after it",
                            block.place
                        )
                    })?;
                let header = expected.text.lines().next().unwrap_or_default();
                let file = header
                    .split_whitespace()
                    .nth(1)
                    .filter(|f| f.starts_with("database/migrations/"))
                    .ok_or_else(|| {
                        format!(
                            "{}: the finding's first line names no file: {header}",
                            expected.place
                        )
                    })?;
                Example::Check {
                    base: previous.clone().ok_or_else(|| {
                        format!(
                            "{}: a dbm:check example needs a migration example before it",
                            block.place
                        )
                    })?,
                    file: (file.to_string(), block.text.clone()),
                    dialects: words.clone(),
                    expected: expected.text.clone(),
                }
            }
            Some((kind, words)) if kind == "ddl" => Example::Ddl {
                files: previous.clone().ok_or_else(|| {
                    format!(
                        "{}: a dbm:ddl example needs a migration example before it",
                        block.place
                    )
                })?,
                dialect: words.first().cloned().ok_or_else(|| {
                    format!(
                        "{}: dbm:ddl needs a dialect: sqlite, postgres or mysql",
                        block.place
                    )
                })?,
                statements: block.text.clone(),
            },
            Some((kind, _)) => return Err(format!("{}: unknown marker {kind}", block.place)),
            None if !runnable => continue,
            None => {
                let first = block.text.lines().next().unwrap_or_default();
                let named = first
                    .strip_prefix("# ")
                    .or_else(|| first.strip_prefix("-- "))
                    .unwrap_or_default();
                if named.starts_with("database/seeders/") {
                    Example::Seeder(named.to_string(), block.text.clone())
                } else if (block.lang == "toml" && block.text.lines().any(|l| l.trim() == "[[up]]"))
                    || (block.lang == "sql" && block.text.lines().any(|l| l.trim() == "-- dbm:up"))
                {
                    let files = migration_files(block);
                    if files
                        .iter()
                        .any(|(path, _)| !path.starts_with("database/migrations/1_example"))
                    {
                        previous = Some(files.clone());
                    }
                    Example::Migration(files)
                } else if block.lang == "toml" && block.text.contains("[package]") {
                    Example::Manifest(block.text.clone())
                } else if block.lang == "toml" && is_config(&block.text) {
                    Example::Config(block.text.clone())
                } else {
                    return Err(format!(
                        "{}: a {} example that is no migration, seeder, configuration or manifest; \
                         fix it or mark it `<!-- dbm:fragment REASON -->`",
                        block.place, block.lang
                    ));
                }
            }
        };
        out.push((block.clone(), example));
    }
    Ok(out)
}

/// Runs `dbm` in the database's project; an error naming the command unless it exits `code`.
fn expect(db: &Db, args: &[&str], code: i32) -> Result<String, String> {
    let (got, stdout, stderr) = db.run(args);
    if got == code {
        Ok(format!("{stdout}{stderr}"))
    } else {
        Err(format!(
            "dbm {} exited {got}, not {code}\nstdout:\n{stdout}\nstderr:\n{stderr}",
            args.join(" ")
        ))
    }
}

/// Writes the files into the project.
fn write(db: &Db, files: &Files) {
    for (path, text) in files {
        db.project.write(path, text);
    }
}

/// Runs the migrations, then rolls everything back, which must leave no table.
fn run_and_roll_back(db: &Db) -> Result<(), String> {
    expect(db, &["migration:run"], 0)?;
    expect(db, &["migration:rollback", "--batch", "0"], 0)?;
    let left = db.tables();
    if left.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "after migration:rollback --batch 0 tables remain: {left:?}"
        ))
    }
}

/// Whether `lines` appear in `output`, consecutively, each as a whole line (ends trimmed).
fn has_block(output: &str, lines: &str) -> bool {
    let want: Vec<&str> = lines.lines().map(str::trim_end).collect();
    let got: Vec<&str> = output.lines().map(str::trim_end).collect();
    want.is_empty()
        || got
            .windows(want.len())
            .any(|window| window == want.as_slice())
}

/// Runs one example on one database; `Ok(false)` when it does not run there.
fn run_on(example: &Example, backend: Backend) -> Result<bool, String> {
    let fresh = || Db::new(backend).ok_or_else(|| "no server".to_string());
    match example {
        Example::Migration(files) => {
            let db = fresh()?;
            write(&db, files);
            run_and_roll_back(&db)?;
        }
        Example::Check {
            base,
            file,
            dialects,
            expected,
        } => {
            let db = fresh()?;
            write(&db, base);
            db.project.write(&file.0, &file.1);
            let (_, stdout, stderr) = db.run(&["migration:check"]);
            let output = format!("{stdout}{stderr}");
            let listed = dialects.is_empty() || dialects.iter().any(|d| d == dialect(backend));
            if listed && !has_block(&output, expected) {
                return Err(format!(
                    "migration:check does not print the documented finding\nexpected:\n{expected}\ngot:\n{output}"
                ));
            }
            if output.lines().any(|l| l.starts_with("error[")) {
                expect(&db, &["migration:run"], 2)?;
            } else {
                run_and_roll_back(&db)?;
            }
        }
        Example::Ddl {
            files,
            dialect: wanted,
            statements,
        } => {
            if wanted != dialect(backend) {
                return Ok(false);
            }
            let db = fresh()?;
            write(&db, files);
            let output = expect(&db, &["migration:run", "--dry-run"], 0)?;
            for line in statements.lines().filter(|l| !l.trim().is_empty()) {
                if !output.lines().any(|got| got.trim_end() == line.trim_end()) {
                    return Err(format!(
                        "migration:run --dry-run does not print the documented statement\n{line}\ngot:\n{output}"
                    ));
                }
            }
        }
        Example::Seeder(..) | Example::Config(_) | Example::Manifest(_) | Example::Fragment => {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Runs a document's seeders together on one database, after the demo app's migrations.
fn run_seeders(seeders: &[(String, String)], backend: Backend) -> Result<(), String> {
    let db = Db::new(backend).ok_or("no server")?;
    let demo = repo().join("database/migrations");
    for entry in std::fs::read_dir(&demo).map_err(|e| format!("{}: {e}", demo.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        db.migration(&name, &text);
    }
    for (path, text) in seeders {
        db.project.write(path, text);
    }
    expect(&db, &["migration:run"], 0)?;
    let output = expect(&db, &["db:seed"], 0)?;
    for (path, _) in seeders {
        let name = path
            .rsplit_once('.')
            .map_or(path.as_str(), |(stem, _)| stem);
        if !output.contains(&format!("❯ seeded {name} ")) {
            return Err(format!("db:seed did not seed {name}:\n{output}"));
        }
    }
    Ok(())
}

/// A configuration as written, then with each commented-out `# key = value` line
/// uncommented, through the configuration loader.
fn check_config(text: &str) -> Result<(), String> {
    let mut variants = vec![text.to_string()];
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix('#') else {
            continue;
        };
        let rest = rest.trim_start();
        let assignment = rest.split_once('=').is_some_and(|(key, _)| {
            !key.trim().is_empty()
                && key
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '"' || c == '.')
        });
        if assignment {
            let mut changed = lines.clone();
            changed[i] = rest;
            variants.push(changed.join("\n"));
        }
    }
    for variant in variants {
        let project = Project::new();
        project.write("config/database.toml", &variant);
        let options = dbm_core::config::LoadOptions {
            cwd: project.path().to_path_buf(),
            ..Default::default()
        };
        dbm_core::config::Config::load(&options)
            .map_err(|e| format!("the configuration loader refuses\n{variant}\n: {e}"))?;
    }
    Ok(())
}

/// The workspace's crates by package name, with their versions.
fn workspace_crates() -> BTreeMap<String, String> {
    let root: toml::Table = std::fs::read_to_string(repo().join("Cargo.toml"))
        .expect("Cargo.toml")
        .parse()
        .expect("the workspace manifest parses");
    let version = root["workspace"]["package"]["version"]
        .as_str()
        .expect("a workspace version")
        .to_string();
    let members = root["workspace"]["members"].as_array().expect("members");
    let mut crates = BTreeMap::new();
    for member in members.iter().filter_map(toml::Value::as_str) {
        let Ok(text) = std::fs::read_to_string(repo().join(member).join("Cargo.toml")) else {
            continue;
        };
        let Ok(manifest) = text.parse::<toml::Table>() else {
            continue;
        };
        if let Some(name) = manifest
            .get("package")
            .and_then(|p| p.get("name"))
            .and_then(toml::Value::as_str)
        {
            crates.insert(name.to_string(), version.clone());
        }
    }
    crates
}

/// A Cargo manifest example: it parses, and its `dbm-*` dependencies are workspace crates
/// whose version meets the requirement.
fn check_manifest(text: &str) -> Result<(), String> {
    let manifest: toml::Table = text.parse().map_err(|e| format!("not TOML: {e}"))?;
    let crates = workspace_crates();
    let dependencies = manifest
        .get("dependencies")
        .and_then(toml::Value::as_table)
        .ok_or("no [dependencies]")?;
    for (name, spec) in dependencies.iter().filter(|(n, _)| n.starts_with("dbm-")) {
        let requirement = spec
            .as_str()
            .or_else(|| spec.get("version").and_then(toml::Value::as_str))
            .ok_or_else(|| format!("{name}: no version"))?;
        let version = crates
            .get(name)
            .ok_or_else(|| format!("{name} is no crate of this workspace"))?;
        if !(version == requirement || version.starts_with(&format!("{requirement}."))) {
            return Err(format!(
                "{name} = \"{requirement}\", but the workspace's {name} is {version}"
            ));
        }
    }
    Ok(())
}

/// Every digit run as one `0`, so that timestamps and durations compare.
fn digits(text: &str) -> String {
    let mut out = String::new();
    let mut last_digit = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !last_digit {
                out.push('0');
            }
            last_digit = true;
        } else {
            out.push(c);
            last_digit = false;
        }
    }
    out
}

/// The tour's commands, each with the output lines documented after it.
fn tour_commands(block: &Block) -> Vec<(String, Vec<String>)> {
    let mut commands: Vec<(String, Vec<String>)> = Vec::new();
    for line in block.text.lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            commands.push((command.to_string(), Vec::new()));
        } else if let Some((_, output)) = commands.last_mut()
            && !line.trim().is_empty()
        {
            output.push(line.trim_end().to_string());
        }
    }
    commands
}

/// Runs the README's tour; the number of commands run.
fn run_tour(block: &Block) -> Result<usize, String> {
    let home = tempfile::tempdir().map_err(|e| e.to_string())?;
    let examples = repo().join("docs/examples");
    let copy = home.path().join("docs/examples");
    std::fs::create_dir_all(&copy).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(&examples).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        std::fs::copy(&path, copy.join(path.file_name().unwrap_or_default()))
            .map_err(|e| e.to_string())?;
    }
    let dbm = PathBuf::from(env!("CARGO_BIN_EXE_dbm"));
    let bin = dbm.parent().ok_or("dbm has a folder")?;
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // The servers the tour's connections name, each a fresh database.
    let mut servers: BTreeMap<&str, Option<TestDatabase>> = BTreeMap::new();
    let state = home.path().join(".cwd");
    let mut cwd = home.path().to_path_buf();
    let mut count = 0;
    for (command, output) in tour_commands(block) {
        let needs = [("pg", Server::Postgres), ("mysql", Server::Mysql)]
            .into_iter()
            .find(|(name, _)| {
                command.contains(&format!("--connection {name} "))
                    || command.contains(&format!("-c {name} "))
            });
        if let Some((name, server)) = needs {
            let database = servers
                .entry(name)
                .or_insert_with(|| TestDatabase::create_blocking(server));
            if database.is_none() {
                continue;
            }
        }
        let script = format!(
            "cd \"$DBM_TOUR_CWD\" || exit 99\n{command}\nstatus=$?\npwd > \"$DBM_TOUR_STATE\"\nexit $status\n"
        );
        let mut sh = std::process::Command::new("sh");
        sh.arg("-c").arg(&script);
        for (key, _) in std::env::vars() {
            if key.starts_with("DBM_") || key == "NO_COLOR" {
                sh.env_remove(key);
            }
        }
        sh.env("PATH", &path)
            .env("HOME", home.path())
            .env("DBM_TOUR_CWD", &cwd)
            .env("DBM_TOUR_STATE", &state);
        for (name, database) in &servers {
            if let Some(database) = database {
                sh.env(
                    format!("DBM_CONNECTIONS__{}__URL", name.to_uppercase()),
                    &database.url,
                );
            }
        }
        let out = sh.output().map_err(|e| format!("sh: {e}"))?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            return Err(format!(
                "`{command}` exited {:?}\nstdout:\n{stdout}\nstderr:\n{stderr}",
                out.status.code()
            ));
        }
        let mut rest = digits(&stdout);
        for line in &output {
            let want = digits(line);
            let found = rest
                .lines()
                .position(|got| got.trim_end() == want)
                .ok_or_else(|| {
                    format!(
                        "`{command}` does not print `{line}` (in the documented order)\nstdout:\n{stdout}"
                    )
                })?;
            rest = rest.lines().skip(found + 1).collect::<Vec<_>>().join("\n");
        }
        cwd = PathBuf::from(
            std::fs::read_to_string(&state)
                .map_err(|e| e.to_string())?
                .trim_end(),
        );
        count += 1;
    }
    Ok(count)
}

/// The documents whose examples are tests.
fn documents() -> Vec<String> {
    let mut docs: Vec<String> = std::fs::read_dir(repo().join("docs"))
        .expect("docs/")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_string_lossy().into_owned();
            name.ends_with(".md").then(|| format!("docs/{name}"))
        })
        .collect();
    docs.sort();
    docs.insert(0, "README.md".to_string());
    docs
}

/// Runs `f`, turning a panic into an error.
fn caught(f: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        Err(panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "panicked".to_string()))
    })
}

#[test]
fn the_documented_examples_run_on_every_database() {
    let mut failures: Vec<String> = Vec::new();
    let mut examples: Vec<(Block, Example)> = Vec::new();
    let mut tour: Option<Block> = None;
    for doc in documents() {
        match classify(&doc) {
            Ok(found) => examples.extend(found),
            Err(e) => failures.push(e),
        }
        if doc == "README.md" {
            for block in blocks(&doc).unwrap_or_default() {
                let shell = matches!(block.lang.as_str(), "sh" | "console");
                let fragment = block.marker.as_ref().is_some_and(|(k, _)| k == "fragment");
                if shell && block.heading == "A short tour" {
                    tour = Some(block);
                } else if shell && !fragment {
                    failures.push(format!(
                        "{}: a {} block of the README outside the tour; mark it `<!-- dbm:fragment REASON -->`",
                        block.place, block.lang
                    ));
                }
            }
        }
    }

    let (mut configs, mut manifests, mut fragments) = (0, 0, 0);
    for (block, example) in &examples {
        let result = match example {
            Example::Config(text) => {
                configs += 1;
                caught(|| check_config(text))
            }
            Example::Manifest(text) => {
                manifests += 1;
                caught(|| check_manifest(text))
            }
            Example::Fragment => {
                fragments += 1;
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            failures.push(format!("{}: {e}", block.place));
        }
    }

    let mut seeders: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (block, example) in &examples {
        if let Example::Seeder(path, text) = example {
            let doc = block
                .place
                .split(':')
                .next()
                .unwrap_or_default()
                .to_string();
            seeders
                .entry(doc)
                .or_default()
                .push((path.clone(), text.clone()));
        }
    }

    // The servers there are: without one (and without DBM_TEST_REQUIRE_SERVERS=1), its
    // database's runs are skipped, said so on stderr.
    let backends: Vec<Backend> = [
        (Backend::Sqlite, None),
        (Backend::Postgres, Some(Server::Postgres)),
        (Backend::Mysql, Some(Server::Mysql)),
    ]
    .into_iter()
    .filter(|(_, server)| server.is_none_or(|s| TestDatabase::create_blocking(s).is_some()))
    .map(|(backend, _)| backend)
    .collect();
    let results: Vec<(Backend, usize, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = backends
            .iter()
            .map(|&backend| {
                let (examples, seeders) = (&examples, &seeders);
                scope.spawn(move || {
                    let mut count = 0;
                    let mut failed = Vec::new();
                    for (block, example) in examples {
                        let mut ran = false;
                        let result = caught(|| {
                            ran = run_on(example, backend)?;
                            Ok(())
                        });
                        match result {
                            Ok(()) if ran => count += 1,
                            Ok(()) => {}
                            Err(e) => {
                                failed.push(format!("{} on {}: {e}", block.place, dialect(backend)))
                            }
                        }
                    }
                    for (doc, files) in seeders {
                        match caught(|| run_seeders(files, backend)) {
                            Ok(()) => count += files.len(),
                            Err(e) => failed
                                .push(format!("the seeders of {doc} on {}: {e}", dialect(backend))),
                        }
                    }
                    (backend, count, failed)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("the examples' thread"))
            .collect()
    });

    let mut tour_count = 0;
    match &tour {
        Some(block) => match caught(|| run_tour(block).map(|n| tour_count = n)) {
            Ok(()) => {}
            Err(e) => failures.push(format!("{} (the README tour): {e}", block.place)),
        },
        None => failures.push("README.md: no console block under `## A short tour`".into()),
    }

    let mut summary = String::from("doc examples:");
    for (backend, count, failed) in &results {
        let extra = if *backend == Backend::Sqlite {
            tour_count
        } else {
            0
        };
        let _ = write!(summary, " {} {}", dialect(*backend), count + extra);
        if extra > 0 {
            let _ = write!(summary, " ({count} examples, {extra} tour commands)");
        }
        summary.push(',');
        failures.extend(failed.iter().cloned());
    }
    let _ = writeln!(
        summary,
        " config snippets {configs}, cargo manifests {manifests}, fragments {fragments}"
    );
    let _ = std::io::stderr().lock().write_all(summary.as_bytes());
    assert!(
        failures.is_empty(),
        "{} documentation examples fail:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
