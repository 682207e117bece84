//! `alter_table` with `alter_columns` redefines a column and its rollback restores the old
//! definition, with the rows kept, on every database; on the strict example the table stays
//! `STRICT` both ways (SQLite redefines a column by rebuilding its table).

use super::{Db, dbtest};

/// 100 characters: too long for `varchar(50)`, fine for `varchar(200)`.
const LONG: &str = "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789";

/// `items.name` is widened from `string(50)`, nullable, to `string(200)`, not null with a
/// default; the down migration redefines it as it was.
const WIDEN: &str = r#"[[up]]
alter_table = "items"
alter_columns = [{ name = "name", type = "string", length = 200, nullable = false, default = "none" }]

[[down]]
alter_table = "items"
alter_columns = [{ name = "name", type = "string", length = 50 }]
"#;

/// The project's default connection becomes `other` (a SQLite file that must never be
/// created), so that every command reaches the backend's `main` connection by `-c main` only.
fn behind_another_default(db: &Db) {
    let path = db.project.path().join("config/database.toml");
    let config = std::fs::read_to_string(&path).expect("config");
    assert!(config.contains("connection = \"main\""), "{config}");
    db.project.write(
        "config/database.toml",
        &format!(
            "{}\n[default.connections.other]\ndriver = \"sqlite\"\nurl = \"sqlite://tmp/other.sqlite3\"\n",
            config.replace("connection = \"main\"", "connection = \"other\"")
        ),
    );
}

/// `name`'s nullability and default as introspection reports them.
fn name_column(db: &Db) -> (bool, Option<String>) {
    let catalog = db.catalog();
    let table = catalog
        .tables
        .iter()
        .find(|t| t.name == "items")
        .expect("items exists");
    let column = table
        .columns
        .iter()
        .find(|c| c.name == "name")
        .expect("items.name exists");
    (column.nullable, column.default.clone())
}

/// The strict example's table is still `STRICT`, by its stored SQL and by SQLite's own
/// `pragma table_list`, and its stored SQL bounds `name` to `length`.
fn assert_strict(db: &Db, length: u32) {
    let sql = db.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'items'");
    let sql = &sql[0][0];
    assert!(sql.ends_with(") STRICT"), "not STRICT any more: {sql}");
    assert!(
        sql.contains(&format!("length(\"name\") <= {length}")),
        "name is bounded to {length}: {sql}"
    );
    assert_eq!(
        db.query("SELECT strict FROM pragma_table_list WHERE name = 'items'"),
        [["1"]],
        "SQLite reads the table as STRICT"
    );
}

dbtest!(
    alter_columns_redefines_a_column_and_rollback_restores_it,
    |db| {
        behind_another_default(db);
        let main = ["-c", "main"];
        let dbm = |args: &[&str]| db.ok(&[&main[..], args].concat());
        db.migration(
        "1_items.toml",
        "[[up]]\ncreate_table = \"items\"\ncolumns = [\n  { name = \"id\", type = \"increments\" },\n  { name = \"name\", type = \"string\", length = 50 },\n  { name = \"qty\", type = \"integer\" },\n]\n",
    );
        dbm(&["migration:run"]);
        db.execute("INSERT INTO items (name, qty) VALUES ('kept', 7)");
        // Lengths are enforced everywhere but in plain SQLite's type affinity.
        let lengths_enforced = !db.backend.is_sqlite() || db.backend.is_strict();
        let long = format!("INSERT INTO items (name, qty) VALUES ('{LONG}', 1)");
        if lengths_enforced {
            assert!(
                db.try_execute(&long).is_err(),
                "varchar(50) refuses 100 characters"
            );
        }
        if db.backend.is_strict() {
            assert_strict(db, 50);
        }

        db.migration("2_widen_name.toml", WIDEN);
        dbm(&["migration:run"]);
        let (nullable, default) = name_column(db);
        assert!(!nullable, "name is NOT NULL now");
        assert!(
            default.as_deref().is_some_and(|d| d.contains("none")),
            "name defaults to 'none': {default:?}"
        );
        assert_eq!(
            db.query("SELECT name, qty FROM items"),
            [["kept", "7"]],
            "the row survives"
        );
        db.execute(&long);
        db.execute(&format!("DELETE FROM items WHERE name = '{LONG}'"));
        if db.backend.is_strict() {
            assert_strict(db, 200);
            assert!(
                db.try_execute("INSERT INTO items (name, qty) VALUES ('x', 'many')")
                    .is_err(),
                "a STRICT INTEGER column refuses text"
            );
        }

        dbm(&["migration:rollback"]);
        assert_eq!(name_column(db), (true, None), "the old definition is back");
        assert_eq!(db.query("SELECT name, qty FROM items"), [["kept", "7"]]);
        if lengths_enforced {
            assert!(db.try_execute(&long).is_err(), "varchar(50) again");
        }
        if db.backend.is_strict() {
            assert_strict(db, 50);
        }
        let status: serde_json::Value =
            serde_json::from_str(&dbm(&["migration:status", "--json"])).expect("status JSON");
        let states: Vec<&str> = status["migrations"]
            .as_array()
            .expect("migrations")
            .iter()
            .filter_map(|m| m["status"].as_str())
            .collect();
        assert_eq!(states, ["completed", "pending"]);
        assert!(
            !db.project.path().join("tmp/other.sqlite3").exists(),
            "the default connection was never used"
        );
    }
);
