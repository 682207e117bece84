//! The SQL corpus (`corpus/`, see its README): a few hundred migrations in the styles of real
//! projects. dbm must leave the same schema as the database's own client applying the same
//! up sections (`psql -f`, `mariadb <`), and rolling every batch back must leave nothing.
//!
//! Skipped when the server or the client programs are missing (with a `SKIPPED` line on
//! stderr, see `dbm-test-support`), unless `DBM_TEST_REQUIRE_SERVERS=1`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use dbm_core::migration::sql::{SqlDialect, parse_sql_migration, parse_sql_migration_for};
use dbm_test_support::{Server, TestDatabase, first_program, have_program};

use crate::support::Project;

/// The corpus files of one dialect folder, sorted: (file name, text).
pub(crate) fn corpus(dialect: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(dialect);
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "sql"))
        .map(|path| {
            let name = path
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            (name, text)
        })
        .collect();
    files.sort();
    assert!(files.len() >= 150, "the {dialect} corpus is too small");
    files
}

/// The text between the `-- dbm:up` line and the `-- dbm:down` line (or the end), found line
/// by line without dbm's parser.
fn up_section<'a>(name: &str, text: &'a str) -> &'a str {
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        match (line.trim(), start) {
            ("-- dbm:up", _) => start = Some(offset + line.len()),
            ("-- dbm:down", Some(start)) => return &text[start..offset],
            _ => {}
        }
        offset += line.len();
    }
    match start {
        Some(start) => &text[start..],
        None => panic!("{name}: no `-- dbm:up` line"),
    }
}

/// Runs a command, feeding it `stdin`, and returns its stdout; panics with its output when it
/// fails.
fn run(cmd: &mut Command, stdin: Option<&Path>) -> String {
    if let Some(path) = stdin {
        cmd.stdin(std::fs::File::open(path).expect("open stdin file"));
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("running {cmd:?}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{cmd:?} failed\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// A project whose migrations are the corpus files and whose default connection is `url`.
pub(crate) fn project(files: &[(String, String)], driver: &str, url: &str) -> Project {
    let project = Project::new();
    project.write(
        "config/database.toml",
        &format!(
            "[default]\nconnection = \"main\"\n[default.connections.main]\ndriver = \"{driver}\"\nurl = \"{url}\"\n"
        ),
    );
    for (name, text) in files {
        project.write(&format!("database/migrations/{name}"), text);
    }
    project
}

/// Asserts two schema dumps are equal, showing the lines only one of them has.
fn assert_same_schema(dbm: &str, client: &str, client_name: &str) {
    if dbm == client {
        return;
    }
    let dbm_lines: Vec<&str> = dbm.lines().collect();
    let client_lines: Vec<&str> = client.lines().collect();
    let mut report = String::new();
    for line in dbm_lines
        .iter()
        .filter(|l| !client_lines.contains(l))
        .take(40)
    {
        let _ = writeln!(report, "  only after dbm:  {line}");
    }
    for line in client_lines
        .iter()
        .filter(|l| !dbm_lines.contains(l))
        .take(40)
    {
        let _ = writeln!(report, "  only after {client_name}: {line}");
    }
    if report.is_empty() {
        report.push_str("  the same lines in a different order\n");
    }
    panic!("the schema dbm leaves differs from the one {client_name} leaves:\n{report}");
}

// ---- PostgreSQL ----

/// `pg_dump --schema-only` of `db` without the tracking tables, the header's `SET` and
/// `set_config` lines, comments, blank lines and the database's name.
pub(crate) fn pg_schema(db: &TestDatabase) -> String {
    let dump = run(
        Command::new("pg_dump")
            .args([
                "--schema-only",
                "--no-owner",
                "--no-privileges",
                "--exclude-table=dbm_schema*",
            ])
            .arg(&db.url),
        None,
    );
    dump.lines()
        .filter(|line| {
            !(line.is_empty()
                || line.starts_with("--")
                || line.starts_with("SET ")
                || line.starts_with("SELECT pg_catalog.set_config")
                || line.starts_with("\\restrict")
                || line.starts_with("\\unrestrict"))
        })
        .map(|line| line.replace(&db.name, "<database>") + "\n")
        .collect()
}

#[test]
fn postgres_corpus_leaves_the_schema_psql_leaves_and_rolls_back_to_nothing() {
    if !have_program("psql") || !have_program("pg_dump") {
        return;
    }
    let Some(with_dbm) = TestDatabase::create_blocking(Server::Postgres) else {
        return;
    };
    let Some(with_psql) = TestDatabase::create_blocking(Server::Postgres) else {
        return;
    };
    let files = corpus("postgres");
    assert!(files.len() >= 200, "the PostgreSQL corpus is too small");

    let project = project(&files, "postgres", &with_dbm.url);
    project.ok(&["-q", "migration:run"]);

    // psql runs the up sections one statement at a time, autocommitted; a `;` after each
    // section ends a last statement that has none.
    let script: String = files
        .iter()
        .map(|(name, text)| format!("{}\n;\n", up_section(name, text)))
        .collect();
    project.write("psql.sql", &script);
    run(
        Command::new("psql")
            .args(["-v", "ON_ERROR_STOP=1", "-X", "-q", "-f"])
            .arg(project.path().join("psql.sql"))
            .arg(&with_psql.url),
        None,
    );

    let dbm_schema = pg_schema(&with_dbm);
    assert!(
        dbm_schema
            .lines()
            .filter(|l| l.starts_with("CREATE"))
            .count()
            > 150,
        "the corpus should create a large schema:\n{dbm_schema}"
    );
    assert_same_schema(&dbm_schema, &pg_schema(&with_psql), "psql -f");

    project.ok(&["-q", "migration:rollback", "--batch", "0"]);
    let left: Vec<String> = pg_schema(&with_dbm)
        .lines()
        .filter(|line| line.starts_with("CREATE"))
        .map(str::to_owned)
        .collect();
    assert!(
        left.is_empty(),
        "rolling back every batch left objects behind: {left:#?}"
    );
}

// ---- MySQL / MariaDB ----

/// The connection options of a `mysql://user:password@host:port/database` URL for the
/// `mariadb` / `mysql` programs (the password goes through `MYSQL_PWD`).
struct MysqlClient {
    host: String,
    port: String,
    user: String,
    password: Option<String>,
}

impl MysqlClient {
    fn from_url(url: &str) -> Self {
        let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
        let authority = rest.split(['/', '?']).next().unwrap_or_default();
        let (credentials, host_port) = authority
            .rsplit_once('@')
            .map_or(("", authority), |(c, h)| (c, h));
        let (user, password) = match credentials.split_once(':') {
            Some((user, password)) => (user, Some(password.to_owned())),
            None => (credentials, None),
        };
        let (host, port) = host_port.rsplit_once(':').unwrap_or((host_port, "3306"));
        Self {
            host: if host.is_empty() { "127.0.0.1" } else { host }.to_owned(),
            port: port.to_owned(),
            user: if user.is_empty() { "root" } else { user }.to_owned(),
            password,
        }
    }

    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.args([
            "--protocol=TCP",
            &format!("--host={}", self.host),
            &format!("--port={}", self.port),
            &format!("--user={}", self.user),
        ]);
        if let Some(password) = &self.password {
            cmd.env("MYSQL_PWD", password);
        }
        cmd
    }
}

/// The up section as a `mariadb` client script: the client splits at every `;` outside
/// strings and comments, so trigger and routine bodies get a `DELIMITER`. The corpus marks
/// them by a convention (corpus/README.md): a fenced statement, or a `CREATE ... TRIGGER |
/// PROCEDURE | FUNCTION | EVENT` line without `;` up to the next line that is exactly `END;`.
fn mysql_client_script(name: &str, section: &str) -> String {
    let mut out = String::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed == "-- dbm:statement-begin" {
            out.push_str("DELIMITER //\n");
            for body in lines.by_ref() {
                if body.trim() == "-- dbm:statement-end" {
                    break;
                }
                out.push_str(body);
                out.push('\n');
            }
            out.push_str("//\nDELIMITER ;\n");
        } else if starts_compound_statement(line) {
            out.push_str("DELIMITER //\n");
            out.push_str(line);
            out.push('\n');
            loop {
                let body = lines
                    .next()
                    .unwrap_or_else(|| panic!("{name}: no `END;` line after `{line}`"));
                if body == "END;" {
                    out.push_str("END//\nDELIMITER ;\n");
                    break;
                }
                out.push_str(body);
                out.push('\n');
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn starts_compound_statement(line: &str) -> bool {
    let upper = line.to_ascii_uppercase();
    upper.starts_with("CREATE")
        && !line.contains(';')
        && upper
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .any(|word| matches!(word, "TRIGGER" | "PROCEDURE" | "FUNCTION" | "EVENT"))
}

/// `mariadb-dump --no-data` of `db` (with routines and events) without the tracking tables,
/// `AUTO_INCREMENT=N` table options and the database's name.
fn mysql_schema(dump: &str, client: &MysqlClient, db: &TestDatabase) -> String {
    let out = run(
        client
            .command(dump)
            .args([
                "--no-data",
                "--routines",
                "--events",
                "--skip-comments",
                "--skip-dump-date",
                &format!("--ignore-table={}.dbm_schema", db.name),
                &format!("--ignore-table={}.dbm_schema_versions", db.name),
            ])
            .arg(&db.name),
        None,
    );
    out.lines()
        .map(|line| strip_auto_increment(line).replace(&db.name, "<database>") + "\n")
        .collect()
}

fn strip_auto_increment(line: &str) -> String {
    const OPTION: &str = " AUTO_INCREMENT=";
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(OPTION) {
        let after = &rest[at + OPTION.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            out.push_str(&rest[..at + OPTION.len()]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..at]);
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

#[test]
fn mysql_corpus_leaves_the_schema_the_mariadb_client_leaves_and_rolls_back_to_nothing() {
    let Some(client_program) = first_program(&["mariadb", "mysql"]) else {
        return;
    };
    let Some(dump_program) = first_program(&["mariadb-dump", "mysqldump"]) else {
        return;
    };
    let Some(with_dbm) = TestDatabase::create_blocking(Server::Mysql) else {
        return;
    };
    let Some(with_client) = TestDatabase::create_blocking(Server::Mysql) else {
        return;
    };
    let files = corpus("mysql");
    let client = MysqlClient::from_url(&with_client.url);

    let project = project(&files, "mysql", &with_dbm.url);
    project.ok(&["-q", "migration:run"]);

    let script: String = files
        .iter()
        .map(|(name, text)| mysql_client_script(name, up_section(name, text)) + "\n;\n")
        .collect();
    project.write("client.sql", &script);
    run(
        client
            .command(client_program)
            .args(["--default-character-set=utf8mb4", &with_client.name]),
        Some(&project.path().join("client.sql")),
    );

    let dbm_schema = mysql_schema(dump_program, &client, &with_dbm);
    assert!(
        dbm_schema.matches("CREATE TABLE").count() > 40,
        "the corpus should create a large schema:\n{dbm_schema}"
    );
    assert_same_schema(
        &dbm_schema,
        &mysql_schema(dump_program, &client, &with_client),
        client_program,
    );

    project.ok(&["-q", "migration:rollback", "--batch", "0"]);
    let left: Vec<String> = mysql_schema(dump_program, &client, &with_dbm)
        .lines()
        .filter(|line| line.contains("CREATE"))
        .map(str::to_owned)
        .collect();
    assert!(
        left.is_empty(),
        "rolling back every batch left objects behind: {left:#?}"
    );
}

#[test]
fn every_corpus_file_splits_as_its_dialect_splits_it() {
    for (folder, dialect) in [
        ("postgres", SqlDialect::Postgres),
        ("mysql", SqlDialect::Mysql),
    ] {
        for (name, text) in corpus(folder) {
            let exact = parse_sql_migration_for(&text, dialect)
                .unwrap_or_else(|e| panic!("{folder}/{name}: {e}"));
            let guessed =
                parse_sql_migration(&text).unwrap_or_else(|e| panic!("{folder}/{name}: {e}"));
            assert_eq!(
                guessed, exact,
                "{folder}/{name}: the dialect-less parse reads it differently"
            );
        }
    }
}

#[test]
fn the_mysql_client_script_wraps_compound_statements_in_delimiters() {
    let section = "CREATE TABLE t (a int);\nCREATE TRIGGER t_bi BEFORE INSERT ON t\nFOR EACH ROW\nBEGIN\n  IF NEW.a < 0 THEN SET NEW.a = 0; END IF;\nEND;\nCREATE TRIGGER t_bu BEFORE UPDATE ON t FOR EACH ROW SET NEW.a = 1;\n-- dbm:statement-begin\nCREATE PROCEDURE p() BEGIN SELECT 1; END\n-- dbm:statement-end\nSELECT 2\n";
    assert_eq!(
        mysql_client_script("x.sql", section),
        "CREATE TABLE t (a int);\nDELIMITER //\nCREATE TRIGGER t_bi BEFORE INSERT ON t\nFOR EACH ROW\nBEGIN\n  IF NEW.a < 0 THEN SET NEW.a = 0; END IF;\nEND//\nDELIMITER ;\nCREATE TRIGGER t_bu BEFORE UPDATE ON t FOR EACH ROW SET NEW.a = 1;\nDELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; END\n//\nDELIMITER ;\nSELECT 2\n"
    );
    assert_eq!(
        strip_auto_increment(") ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4;"),
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"
    );
    assert_eq!(
        up_section(
            "x.sql",
            "-- a\n-- dbm:up\nSELECT 1;\n-- dbm:down\nSELECT 2;\n"
        ),
        "SELECT 1;\n"
    );
    let client =
        MysqlClient::from_url("mysql://app:s3cret@db.local:3307/app_test?ssl-mode=disabled");
    assert_eq!(
        (
            client.host.as_str(),
            client.port.as_str(),
            client.user.as_str()
        ),
        ("db.local", "3307", "app")
    );
    assert_eq!(client.password.as_deref(), Some("s3cret"));
}
