//! `--json` is a global flag: before or after the command name, for every command with a JSON
//! document; the others refuse it with exit code 2 and change nothing.

use crate::support::{Project, create_table};

fn document(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("one JSON document ({e}): {stdout}"))
}

#[test]
fn json_is_accepted_before_or_after_the_command() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    let before = document(&project.ok(&["--json", "migration:status"]));
    let after = document(&project.ok(&["migration:status", "--json"]));
    assert_eq!(before, after);
    assert_eq!(before["migrations"][0]["status"], "pending", "{before}");

    let run = document(&project.ok(&["--json", "migrate"]));
    assert_eq!(run["status"], "ok");
    assert_eq!(
        run["migrations"][0]["name"], "database/migrations/1_a",
        "{run}"
    );

    for args in [
        &["--json", "migration:rollback"][..],
        &["--json", "migration:reset"],
        &["--json", "migration:refresh"],
        &["--json", "migration:fresh"],
        &["--json", "migration:check"],
        &["--json", "drivers"],
        &["--json", "-c", "sqlite", "migration:run"],
    ] {
        let doc = document(&project.ok(args));
        assert!(doc.is_object(), "{args:?}: {doc}");
    }
    let (code, stdout, _) = project.run(&[
        "--json",
        "migration:resolve",
        "database/migrations/1_a",
        "--applied",
    ]);
    assert_eq!(code, 2, "nothing is interrupted");
    assert_eq!(document(&stdout)["status"], "error");
}

#[test]
fn a_command_without_a_json_document_refuses_json_and_changes_nothing() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.ok(&["migrate"]);
    let tree = project.tree();
    for args in [
        &["--json", "db:wipe", "--force"][..],
        &["db:wipe", "--json"],
        &["--json", "db:drop", "--force"],
        &["--json", "db:create"],
        &["--json", "make:migration", "b"],
        &["--json", "init"],
        &["--json", "completions", "bash"],
    ] {
        let (code, stdout, stderr) = project.run(args);
        assert_eq!(code, 2, "{args:?}: {stdout}\n{stderr}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        assert!(
            stderr.contains("--json") && stderr.contains("no JSON document"),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(
        project.tables(),
        vec!["a", "dbm_schema", "dbm_schema_versions"]
    );
    assert_eq!(project.tree(), tree, "no file created or removed");
}

mod fresh {
    use crate::conformance::dbtest;
    use crate::support::create_table;

    dbtest!(fresh_json_reports_its_drop_step_then_its_run, |db| {
        db.migration("1_fresh_a.toml", &create_table("fresh_a"));
        db.ok(&["migration:run"]);
        let doc = crate::json_flag::document(&db.ok(&["migration:fresh", "--json"]));
        assert_eq!(doc["status"], "ok", "{doc}");
        let steps = doc["steps"].as_array().expect("steps");
        assert_eq!(steps.len(), 2, "{doc}");
        assert_eq!(steps[0]["step"], "drop", "{doc}");
        assert!(steps[0]["duration_ms"].is_number(), "{doc}");
        let dropped: Vec<&str> = steps[0]["dropped"]["tables"]
            .as_array()
            .expect("dropped tables")
            .iter()
            .filter_map(|t| t.as_str())
            .collect();
        assert!(
            dropped.contains(&"fresh_a") && dropped.contains(&"dbm_schema"),
            "{doc}"
        );
        assert!(steps[0]["dropped"]["views"].is_array(), "{doc}");
        assert!(steps[0]["dropped"]["types"].is_array(), "{doc}");
        assert_eq!(steps[1]["step"], "run", "{doc}");
        assert_eq!(steps[1]["direction"], "up", "{doc}");
        assert_eq!(steps[1]["batch"], 1, "{doc}");
        assert_eq!(
            steps[1]["migrations"][0]["name"], "database/migrations/1_fresh_a",
            "{doc}"
        );

        let refresh = crate::json_flag::document(&db.ok(&["migration:refresh", "--json"]));
        let steps: Vec<&serde_json::Value> = refresh["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .map(|s| &s["step"])
            .collect();
        assert_eq!(steps, ["reset", "run"], "{refresh}");

        // A failure after the drop still says what was dropped.
        db.migration(
            "2_broken.sql",
            "-- dbm:up\nINSERT INTO no_such_table VALUES (1);\n-- dbm:down\n",
        );
        let (code, stdout, stderr) = db.run(&["migration:fresh", "--json"]);
        assert_eq!(code, 1, "{stdout}\n{stderr}");
        let doc = crate::json_flag::document(&stdout);
        assert_eq!(doc["status"], "error", "{doc}");
        assert_eq!(
            doc["migrations"][0]["name"], "database/migrations/1_fresh_a",
            "{doc}"
        );
        assert!(
            doc["dropped"]["tables"]
                .as_array()
                .is_some_and(|t| t.iter().any(|t| t == "fresh_a")),
            "{doc}"
        );
    });
}
