//! Bad plugins are errors, never crashes: each names the library and says what to do; a
//! plugin that cannot load is exit code 2.

use std::path::Path;

use crate::support::{Project, create_table, plugin_library};

/// A project whose connection `p` uses driver `x` served by the library at `plugin`.
fn project_with_plugin(plugin: &Path) -> Project {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.write(
        "config/database.toml",
        &format!(
            "[default.drivers.x]\nplugin = \"{}\"\n\n[default.connections.p]\ndriver = \"x\"\nurl = \"sqlite://tmp/p.sqlite3\"\n",
            plugin.display()
        ),
    );
    project
}

fn fails(project: &Project, code: i32, expected: &[&str]) -> String {
    let (got, stdout, stderr) = project.run(&["-c", "p", "migration:run"]);
    assert_eq!(got, code, "stdout:\n{stdout}\nstderr:\n{stderr}");
    for text in expected {
        assert!(stderr.contains(text), "stderr lacks {text:?}:\n{stderr}");
    }
    assert!(
        !stderr.contains("panicked at"),
        "no panic banner:\n{stderr}"
    );
    stderr
}

#[test]
fn a_missing_plugin_file_names_the_path() {
    let project = project_with_plugin(Path::new("/nowhere/libdbm_driver_x.so"));
    fails(&project, 2, &["/nowhere/libdbm_driver_x.so"]);
}

#[test]
fn a_file_that_is_not_a_library_is_refused() {
    let project = Project::new();
    project.write("plugins/fake.so", "not a library");
    let project2 = project_with_plugin(&project.path().join("plugins/fake.so"));
    fails(&project2, 2, &["fake.so"]);
}

#[test]
fn a_library_without_the_entry_symbol_is_refused() {
    let path = plugin_library("dbm_test_plugin_no_entry");
    fails(&project_with_plugin(&path), 2, &["dbm_driver_entry"]);
}

#[test]
fn a_plugin_of_another_abi_version_is_refused() {
    let path = plugin_library("dbm_test_plugin_wrong_abi");
    fails(&project_with_plugin(&path), 2, &["999", "ABI"]);
}

#[test]
fn a_call_that_panics_inside_the_plugin_is_an_error() {
    let path = plugin_library("dbm_test_plugin_panics");
    let stderr = fails(&project_with_plugin(&path), 1, &["panicked"]);
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
}

#[test]
fn a_malformed_response_is_an_error_naming_the_plugin() {
    let path = plugin_library("dbm_test_plugin_garbage");
    let project = project_with_plugin(&path);
    let (code, _, stderr) = project.run(&["-c", "p", "migration:run"]);
    assert!(
        code == 1 || code == 2,
        "an error, not a crash: {code}\n{stderr}"
    );
    assert!(stderr.contains("dbm_test_plugin_garbage"), "{stderr}");
}

#[test]
fn a_driver_name_that_two_plugins_claim_is_an_error() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    let library = plugin_library("dbm_plugin_sqlite");
    let file = format!(
        "{}dbm_driver_twice{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    for dir in ["plugins", "more-plugins"] {
        std::fs::create_dir_all(project.path().join(dir)).expect("mkdir");
        std::fs::copy(&library, project.path().join(dir).join(&file)).expect("copy");
    }
    project.write(
        "config/database.toml",
        "[default]\nplugin_dirs = [\"plugins\", \"more-plugins\"]\n\n[default.connections.p]\ndriver = \"twice\"\nurl = \"sqlite://tmp/p.sqlite3\"\n",
    );
    fails(
        &project,
        2,
        &["two plugins claim the driver name twice", "more-plugins"],
    );
}

#[test]
fn drivers_lists_a_plugin_found_in_plugin_dirs_and_refuses_a_misnamed_one() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    let file = |name: &str| {
        format!(
            "{}dbm_driver_{name}{}",
            std::env::consts::DLL_PREFIX,
            std::env::consts::DLL_SUFFIX
        )
    };
    std::fs::create_dir_all(project.path().join("plugins")).expect("mkdir");
    let library = plugin_library("dbm_plugin_sqlite");
    std::fs::copy(
        &library,
        project.path().join("plugins").join(file("sqlite")),
    )
    .expect("copy");
    let out = project.ok(&["drivers", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let listed = doc["drivers"]
        .as_array()
        .expect("drivers")
        .iter()
        .find(|d| d["source"] == "plugin")
        .unwrap_or_else(|| panic!("no plugin listed: {out}"))
        .clone();
    assert_eq!(listed["name"], "sqlite");
    assert!(
        listed["path"]
            .as_str()
            .expect("path")
            .ends_with(&file("sqlite")),
        "{listed}"
    );

    // A library found under another driver's file name says which driver it serves.
    std::fs::copy(
        &library,
        project.path().join("plugins").join(file("sqlite_abi")),
    )
    .expect("copy");
    project.write(
        "config/database.toml",
        "[default.connections.p]\ndriver = \"sqlite_abi\"\nurl = \"sqlite://tmp/p.sqlite3\"\n",
    );
    fails(
        &project,
        2,
        &["serves the driver `sqlite`, not `sqlite_abi`"],
    );
}

#[test]
fn a_command_loads_its_plugin_once() {
    let library = plugin_library("dbm_plugin_sqlite");
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.write(
        "config/database.toml",
        &format!(
            "[default.drivers.sqlite_plugin]\nplugin = \"{}\"\n\n[default.connections.p]\ndriver = \"sqlite_plugin\"\nurl = \"sqlite://tmp/p.sqlite3\"\n",
            library.display()
        ),
    );
    for command in [
        "migration:run",
        "migration:status",
        "migration:fresh",
        "check",
    ] {
        let (code, stdout, stderr) = project.run(&["-vv", "-c", "p", command]);
        assert_eq!(code, 0, "{command}: {stdout}\n{stderr}");
        assert_eq!(
            stderr.matches("loading driver plugin").count(),
            1,
            "{command}: the plugin is loaded once:\n{stderr}"
        );
    }
}
