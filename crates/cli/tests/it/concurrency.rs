//! Concurrent `dbm migration:run` processes on one SQLite file.

use crate::support::{Project, create_table};

#[test]
fn six_concurrent_runs_apply_each_migration_once_and_all_exit_zero() {
    let files: Vec<(String, String)> = (1..=8)
        .map(|i| (format!("{i}_t{i}.toml"), create_table(&format!("t{i}"))))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let project = Project::with_migrations(&refs);
    let children: Vec<_> = (0..6)
        .map(|_| project.spawn(&["migration:run", "--json"]))
        .collect();
    let mut applied = 0;
    for child in children {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "a run failed: {stderr}");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        applied += doc["migrations"].as_array().map(Vec::len).unwrap_or(0);
    }
    assert_eq!(applied, 8, "each migration applied by exactly one process");
    assert_eq!(
        project.query("SELECT COUNT(*), COUNT(DISTINCT name) FROM dbm_schema"),
        [["8", "8"]]
    );
    assert_eq!(
        project.query("SELECT DISTINCT batch FROM dbm_schema"),
        [["1"]]
    );
}
