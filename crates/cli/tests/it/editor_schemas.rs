//! The JSON Schemas for editors: `init` writes them into `.dbm/schemas/`, and the TOML files
//! that `init`, `make:migration` and `make:seeder` create start with a `#:schema` directive
//! pointing at them, which changes nothing about how dbm reads the file.

use std::path::Path;

use crate::support::Project;

const FORMATS: [&str; 3] = [
    "migration.schema.json",
    "seeder.schema.json",
    "config.schema.json",
];

/// The only file under `folder` whose name ends with `suffix`, with its text.
fn only_file(project: &Project, folder: &str, suffix: &str) -> (String, String) {
    let names: Vec<String> = std::fs::read_dir(project.path().join(folder))
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(suffix))
        .collect();
    assert_eq!(names.len(), 1, "one file ending in {suffix}: {names:?}");
    let relative = format!("{folder}/{}", names[0]);
    let text = std::fs::read_to_string(project.path().join(&relative)).expect("read");
    (relative, text)
}

/// The directive's path, checked to lead from the file to the schema `init` wrote.
fn directive(project: &Project, relative: &str, text: &str, schema: &str) -> String {
    let first = text.lines().next().unwrap_or_default();
    let path = first
        .strip_prefix("#:schema ")
        .unwrap_or_else(|| panic!("{relative}: no directive on the first line:\n{text}"));
    assert!(path.ends_with(&format!(".dbm/schemas/{schema}")), "{first}");
    let folder = project
        .path()
        .join(relative)
        .parent()
        .expect("folder")
        .to_path_buf();
    assert!(
        folder.join(path).is_file(),
        "{relative}: {path} leads nowhere"
    );
    path.to_owned()
}

#[test]
fn init_writes_the_committed_schemas_and_points_the_configuration_at_them() {
    let project = Project::empty();
    let out = project.ok(&["init"]);
    assert!(out.contains(".dbm/schemas/"), "{out}");
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    for file in FORMATS {
        let written = std::fs::read_to_string(project.path().join(".dbm/schemas").join(file))
            .expect("written");
        let expected = std::fs::read_to_string(committed.join(file)).expect("committed");
        assert_eq!(written, expected, "{file}");
    }
    let (relative, text) = only_file(&project, "config", "database.toml");
    assert_eq!(
        directive(&project, &relative, &text, "config.schema.json"),
        "../.dbm/schemas/config.schema.json"
    );
    project.ok(&["migration:status"]);
}

#[test]
fn make_migration_writes_the_directive_and_the_checksum_covers_the_whole_file() {
    let project = Project::empty();
    project.ok(&["init"]);
    project.ok(&["make:migration", "create_users_table"]);
    let (relative, text) = only_file(&project, "database/migrations", ".toml");
    assert_eq!(
        directive(&project, &relative, &text, "migration.schema.json"),
        "../../.dbm/schemas/migration.schema.json"
    );
    assert!(text.contains("create_table = \"users\""), "{text}");
    project.ok(&["migration:run"]);
    let name = relative
        .trim_start_matches("database/migrations/")
        .trim_end_matches(".toml");
    let rows = project.query("SELECT name, checksum FROM dbm_schema");
    let whole = dbm_core::migration::checksum(text.as_bytes());
    let body = text.split_once('\n').map(|(_, rest)| rest).unwrap_or("");
    assert_ne!(whole, dbm_core::migration::checksum(body.as_bytes()));
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0][0].ends_with(name), "{rows:?}");
    assert_eq!(
        rows[0][1], whole,
        "the checksum is the file's, directive included"
    );
    assert_eq!(
        project.states(),
        vec![(rows[0][0].clone(), "completed".to_owned(), Some(1))]
    );

    project.write("examples/given.toml", "[[up]]\nsql = \"SELECT 1\"\n");
    project.ok(&[
        "make:migration",
        "create_given_table",
        "--contents-from",
        "examples/given.toml",
    ]);
    let (_, given) = only_file(&project, "database/migrations", "_create_given_table.toml");
    assert_eq!(given, "[[up]]\nsql = \"SELECT 1\"\n", "written as it is");

    project.ok(&["make:migration", "raw_change", "--sql"]);
    let (_, sql) = only_file(&project, "database/migrations", "raw_change.sql");
    assert!(!sql.contains("#:schema"), "no directive in SQL:\n{sql}");

    project.ok(&[
        "make:migration",
        "create_posts_table",
        "--folder",
        "database/more/migrations",
    ]);
    let (relative, text) = only_file(&project, "database/more/migrations", ".toml");
    assert_eq!(
        directive(&project, &relative, &text, "migration.schema.json"),
        "../../../.dbm/schemas/migration.schema.json"
    );
}

#[test]
fn make_seeder_writes_the_directive_and_the_seeder_still_runs() {
    let project = Project::empty();
    project.ok(&["init"]);
    project.write(
        "database/migrations/1_create_roles_table.toml",
        &crate::support::create_table("roles"),
    );
    project.ok(&["migration:run"]);
    project.ok(&["make:seeder", "roles"]);
    let (relative, text) = only_file(&project, "database/seeders", ".toml");
    assert_eq!(
        directive(&project, &relative, &text, "seeder.schema.json"),
        "../../.dbm/schemas/seeder.schema.json"
    );
    let filled =
        format!("{text}\n[[insert]]\ntable = \"roles\"\nrows = [{{ id = 1, name = \"admin\" }}]\n");
    project.write(&relative, &filled);
    project.ok(&["db:seed"]);
    assert_eq!(
        project.query("SELECT name FROM roles"),
        vec![vec!["admin".to_owned()]]
    );
}

#[test]
fn without_dbm_schemas_no_directive_is_written() {
    let project = Project::new();
    project.ok(&["make:migration", "create_users_table"]);
    project.ok(&["make:seeder", "users"]);
    let (_, migration) = only_file(&project, "database/migrations", ".toml");
    let (_, seeder) = only_file(&project, "database/seeders", ".toml");
    assert!(!migration.contains("#:schema"), "{migration}");
    assert!(!seeder.contains("#:schema"), "{seeder}");
}
