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
