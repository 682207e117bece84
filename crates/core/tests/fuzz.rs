//! Fuzzing of what dbm reads from files: the migration loader (`.toml` and `.sql` files) and
//! the configuration loader, on arbitrary bytes, arbitrary strings and text built from the
//! pieces of each format. Nothing may panic or hang, every rejection is an error value, and
//! a load error stays under 1 KB. (The SQL splitter's own loops are fuzzed by the unit tests
//! of `migration::sql`.)
//!
//! The case counts keep the whole set to a few seconds in a debug build; `PROPTEST_CASES`
//! raises them for a longer run.

use std::path::Path;

use dbm_core::config::{Config, LoadOptions};
use dbm_core::migration::MigrationSource;
use dbm_core::migration::sql::SqlDialect;
use dbm_core::migration::toml::parse_toml_migration;
use proptest::prelude::*;

/// Pieces of `.toml` migrations: keys, operations, column tables and values of every type.
const TOML_PIECES: &[&str] = &[
    "[[up]]\n",
    "[[down]]\n",
    "transaction = false\n",
    "create_table = \"t\"\n",
    "alter_table = \"t\"\n",
    "drop_table = \"t\"\n",
    "rename_table = { from = \"a\", to = \"b\" }\n",
    "create_index = \"t\"\n",
    "drop_index = \"i\"\n",
    "sql = \"SELECT 1;\"\n",
    "sql = { default = \"SELECT 1\", postgres = \"SELECT 2\" }\n",
    "columns = [",
    "{ name = \"id\", type = \"increments\" }",
    "{ name = \"e\", type = \"string\", length = 0 }",
    "{ name = \"k\", type = \"enum\", values = [] }",
    "{ name = \"d\", type = \"decimal\", precision = 99, scale = 100 }",
    "{ name = \"r\", type = \"integer\", references = \"x.y\", on_delete = \"cascad\" }",
    "{ name = \"j\", type = \"json\", default = { a = 1 } }",
    "]\n",
    "add_columns = [",
    "drop_columns = [\"a\"]\n",
    "rename_columns = { a = \"b\", b = \"c\" }\n",
    "alter_columns = [",
    "primary_key = [\"id\", \"id\"]\n",
    "indexes = [[\"a\"], { columns = [] }]\n",
    "foreign_keys = [{ columns = [\"a\"], references = \"t.\" }]\n",
    "timestamps = true\n",
    "unique = [[]]\n",
    "concurrently = true\n",
    "if_not_exists = 1\n",
    "=",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "\\u0000",
    "\\",
    "\n",
    " ",
    "1e999",
    "-9223372036854775808",
    "1979-05-27T07:32:00Z",
    "nan",
    "inf",
    "x.y.z",
    "é",
];

/// Pieces of `config/database.toml`: profiles, connections, migrations settings and values.
const CONFIG_PIECES: &[&str] = &[
    "[default]\n",
    "[development]\n",
    "[production]\n",
    "[Production]\n",
    "[test]\n",
    "connection = \"sqlite\"\n",
    "connection = \"nope\"\n",
    "[default.connections.sqlite]\n",
    "[default.connections.pg]\n",
    "driver = \"sqlite\"\n",
    "driver = \"postgres\"\n",
    "driver = \"oracle\"\n",
    "url = \"sqlite://tmp/db.sqlite3\"\n",
    "url = \"postgres://u:secret@h/x\"\n",
    "url = \"u:secret@host/x\"\n",
    "url = \"\"\n",
    "password_env = \"PG_PASSWORD\"\n",
    "debug = true\n",
    "[default.migrations]\n",
    "paths = [\"database/migrations\"]\n",
    "paths = []\n",
    "paths = \"x\"\n",
    "table = \"\"\n",
    "table = \"sqlite_master\"\n",
    "table = \"dbm_schema\"\n",
    "natural_sort = false\n",
    "transaction = \"batch\"\n",
    "transaction = \"none\"\n",
    "transaction = \"per_migration\"\n",
    "transaction = 1\n",
    "disable_rollbacks_in_production = true\n",
    "lock_timeout = \"60s\"\n",
    "lock_timeout = \"-1s\"\n",
    "lock_timeout = \"99999999999999999999h\"\n",
    "[default.drivers.x]\n",
    "plugin = \"plugins/x.so\"\n",
    "=",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "\n",
    " ",
    "\\u0000",
    "é",
    "[[default]]\n",
    "a.b.c = 1\n",
];

fn pieces(from: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(from), 0..24).prop_map(|parts| parts.concat())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Loads one migration file holding `bytes` through [`MigrationSource`], with each way of
/// reading SQL, and checks that an error is short.
fn load_migration(bytes: &[u8], extension: &str) -> Result<(), TestCaseError> {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("m");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join(format!("1_a.{extension}")), bytes).expect("write");
    let dialects = [
        None,
        Some(SqlDialect::Postgres),
        Some(SqlDialect::Mysql),
        Some(SqlDialect::Sqlite),
    ];
    for dialect in dialects {
        let source = MigrationSource::new(root.path(), vec!["m".into()]).sql_dialect(dialect);
        if let Err(e) = source.load() {
            let message = e.to_string();
            prop_assert!(message.len() < 1024, "{} bytes: {message}", message.len());
            prop_assert!(e.is_usage(), "not a usage error: {e:?}");
        }
    }
    Ok(())
}

/// Loads `config/database.toml` holding `bytes`: an error value or a configuration, never a
/// panic.
fn load_config(bytes: &[u8]) -> Result<(), TestCaseError> {
    let root = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(root.path().join("config")).expect("mkdir");
    let file = root.path().join("config/database.toml");
    std::fs::write(&file, bytes).expect("write");
    for env in ["development", "production", "test"] {
        // The defaults for whatever else the loader may be told.
        #[allow(clippy::needless_update)]
        let options = LoadOptions {
            config_path: Some(file.clone()),
            env: Some(env.into()),
            cwd: root.path().to_path_buf(),
            ..LoadOptions::default()
        };
        let _ = Config::load(&options);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fuzz_the_toml_migration_parser_on_toml_like_text(text in pieces(TOML_PIECES)) {
        let _ = parse_toml_migration(Path::new("m.toml"), &text);
    }

    #[test]
    fn fuzz_the_toml_migration_parser_on_arbitrary_strings(text in any::<String>()) {
        let _ = parse_toml_migration(Path::new("m.toml"), &text);
    }

    #[test]
    fn fuzz_the_migration_loader_on_toml_like_files(text in pieces(TOML_PIECES)) {
        load_migration(text.as_bytes(), "toml")?;
    }

    #[test]
    fn fuzz_the_migration_loader_on_arbitrary_toml_files(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        load_migration(&bytes, "toml")?;
    }

    #[test]
    fn fuzz_the_migration_loader_on_arbitrary_sql_files(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        load_migration(&bytes, "sql")?;
    }

    #[test]
    fn fuzz_the_config_loader_on_config_like_files(text in pieces(CONFIG_PIECES)) {
        load_config(text.as_bytes())?;
    }

    #[test]
    fn fuzz_the_config_loader_on_arbitrary_files(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        load_config(&bytes)?;
    }

    #[test]
    fn fuzz_the_config_loader_on_arbitrary_strings(text in any::<String>()) {
        load_config(text.as_bytes())?;
    }
}

/// Deeply nested arrays in either file: a short error, not a stack overflow or a 300 KB
/// message.
#[test]
fn fuzz_deeply_nested_arrays_give_short_errors() {
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let toml = format!("[[up]]\ncreate_table = \"t\"\ncolumns = {nested}\n");
    load_migration(toml.as_bytes(), "toml").expect("a short error");
    load_config(format!("[default.migrations]\npaths = {nested}\n").as_bytes()).expect("no panic");
}
