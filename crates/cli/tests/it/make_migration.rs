//! `make:migration` never writes a file that breaks the project: odd table names are escaped
//! and load, impossible ones are refused with exit code 2 and nothing written.

use crate::support::Project;

fn migration_files(project: &Project) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(project.path().join("database/migrations")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

fn project() -> Project {
    let project = Project::new();
    project.ok(&["init"]);
    project
}

/// Runs `make:migration` expecting a refusal: exit code 2, a message, no file.
fn refused(args: &[&str], why: &str) {
    let project = project();
    let mut full = vec!["make:migration"];
    full.extend_from_slice(args);
    let (code, stdout, stderr) = project.run(&full);
    assert_eq!(
        code, 2,
        "{why}: dbm {full:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(stderr.contains("error:"), "{why}: a message\n{stderr}");
    assert_eq!(
        migration_files(&project),
        Vec::<String>::new(),
        "{why}: nothing written"
    );
}

/// The text of the only migration file whose name ends with `suffix`.
fn read_migration(project: &Project, suffix: &str) -> String {
    let files: Vec<String> = migration_files(project)
        .into_iter()
        .filter(|f| f.ends_with(suffix))
        .collect();
    assert_eq!(files.len(), 1, "one file ending in {suffix}: {files:?}");
    std::fs::read_to_string(project.path().join("database/migrations").join(&files[0]))
        .expect("read")
}

#[test]
fn odd_table_names_are_written_escaped_and_the_file_loads_checks_and_runs() {
    for table in [
        "x\"y",
        "back\\slash",
        "o'brien",
        "tab\there",
        "ünïcode",
        "with space",
        "\"",
        "#not_a_comment",
    ] {
        let project = project();
        project.ok(&["make:migration", "create_odd", "--create", table]);
        project.ok(&["make:migration", "alter_odd", "--alter", table]);
        let files = migration_files(&project);
        assert_eq!(files.len(), 2, "{table:?}: {files:?}");
        project.ok(&["migration:status"]);
        let (code, stdout, stderr) = project.run(&["migration:check"]);
        assert_eq!(
            code, 2,
            "{table:?}: the alter is to fill in\n{stdout}\n{stderr}"
        );
        assert!(
            stdout.contains("alter_odd") && !stdout.contains("create_odd.toml"),
            "{table:?}: only the alter is reported\n{stdout}"
        );
        let (code, stdout, stderr) = project.run(&["migration:run"]);
        assert_eq!(code, 2, "{table:?}: run\n{stdout}\n{stderr}");
        project.remove(&format!("database/migrations/{}", files[1]));
        project.ok(&["migration:check"]);
        let stdout = project.ok(&["migration:run", "--dry-run"]);
        assert!(stdout.contains("planned"), "{table:?}: dry run\n{stdout}");
        project.ok(&["migration:run"]);
        let tables = project.tables();
        assert!(
            tables.iter().any(|t| t == table),
            "{table:?} was created: {tables:?}"
        );
    }
}

#[test]
fn a_table_noun_makes_the_create_migration_of_its_plural() {
    let project = project();
    project.ok(&["make:migration", "role"]);
    project.ok(&["make:migration", "User"]);
    project.ok(&["make:migration", "BlogCategory"]);
    for (suffix, table) in [
        ("_create_roles_table.toml", "roles"),
        ("_create_users_table.toml", "users"),
        ("_create_blog_categories_table.toml", "blog_categories"),
    ] {
        let text = read_migration(&project, suffix);
        assert!(
            text.contains(&format!("create_table = \"{table}\"")),
            "{suffix}:\n{text}"
        );
    }
    project.ok(&["migration:run"]);
    let tables = project.tables();
    for table in ["roles", "users", "blog_categories"] {
        assert!(tables.iter().any(|t| t == table), "{table}: {tables:?}");
    }
}

#[test]
fn a_pivot_singularises_and_sorts_its_tables_and_references_their_plurals() {
    for pair in [
        ["challenge", "user"],
        ["users", "challenges"],
        ["User", "Challenge"],
    ] {
        let project = project();
        project.ok(&["make:migration", "user"]);
        project.ok(&["make:migration", "challenge"]);
        project.ok(&["make:migration", "--pivot", pair[0], pair[1]]);
        let text = read_migration(&project, "_create_challenge_user_table.toml");
        for part in [
            "create_table = \"challenge_user\"",
            "name = \"challenge_id\"",
            "references = \"challenges.id\"",
            "name = \"user_id\"",
            "references = \"users.id\"",
        ] {
            assert!(text.contains(part), "{pair:?}: {part}\n{text}");
        }
        project.ok(&["migration:check"]);
        project.ok(&["migration:run"]);
        assert!(project.tables().contains(&"challenge_user".to_string()));
    }
}

#[test]
fn remove_and_rename_names_write_their_alter_entries() {
    let project = project();
    project.ok(&["make:migration", "create_users_table"]);
    project.ok(&["make:migration", "rename_created_at_to_joined_at_in_users"]);
    project.ok(&["make:migration", "remove_updated_at_from_users"]);
    let rename = read_migration(&project, "_rename_created_at_to_joined_at_in_users.toml");
    assert!(
        rename.contains("alter_table = \"users\"")
            && rename.contains("rename_columns = { \"created_at\" = \"joined_at\" }"),
        "{rename}"
    );
    let remove = read_migration(&project, "_remove_updated_at_from_users.toml");
    assert!(
        remove.contains("drop_columns = [\"updated_at\"]") && remove.contains("[[down]]"),
        "{remove}"
    );
    let (code, stdout, stderr) = project.run(&["migration:check"]);
    assert_eq!(code, 2, "the down is to fill in\n{stdout}\n{stderr}");
    assert!(
        stdout.contains("remove_updated_at_from_users") && stdout.contains("down[0]"),
        "{stdout}"
    );
    project.ok(&["migration:run", "--no-check"]);
    let columns = project.query("SELECT name FROM pragma_table_info('users') ORDER BY cid");
    assert_eq!(
        columns,
        vec![vec!["id".to_string()], vec!["joined_at".to_string()]],
        "renamed and dropped"
    );
    let (code, _, stderr) = project.run(&["migration:rollback"]);
    assert_eq!(code, 2, "the unfilled down refuses the rollback\n{stderr}");
    assert!(stderr.contains("down[0]"), "{stderr}");

    let filled = remove.replace(
        "alter_table = \"users\"\n#",
        "alter_table = \"users\"\nadd_columns = [{ name = \"updated_at\", type = \"timestamp\" }]\n#",
    );
    assert_ne!(filled, remove);
    let file = migration_files(&project)
        .into_iter()
        .find(|f| f.ends_with("_remove_updated_at_from_users.toml"))
        .expect("file");
    project.write(&format!("database/migrations/{file}"), &filled);
    project.ok(&["migration:rollback", "--force"]);
    assert!(project.tables().is_empty() || !project.tables().contains(&"users".to_string()));
}

#[test]
fn contents_from_seeds_the_new_file_and_a_missing_or_broken_file_writes_nothing() {
    let project = project();
    let body =
        "[[up]]\nalter_table = \"users\"\nadd_columns = [{ name = \"bio\", type = \"text\" }]\n";
    project.write("examples/add_bio.toml", body);
    project.write("examples/broken.toml", "[[up]]\nalter_tabel = \"users\"\n");
    project.write(
        "examples/seed.sql",
        "-- dbm:up\nINSERT INTO users DEFAULT VALUES;\n",
    );

    for (args, why) in [
        (
            &[
                "add_bio_to_users",
                "--contents-from",
                "examples/missing.toml",
            ][..],
            "a missing file",
        ),
        (
            &[
                "add_bio_to_users",
                "--contents-from",
                "examples/broken.toml",
            ],
            "a file that does not load",
        ),
    ] {
        let mut full = vec!["make:migration"];
        full.extend_from_slice(args);
        let (code, stdout, stderr) = project.run(&full);
        assert_eq!(code, 2, "{why}\n{stdout}\n{stderr}");
        assert!(
            stderr.contains("error:") && stderr.contains("examples/"),
            "{why}: the message names the file\n{stderr}"
        );
        assert_eq!(migration_files(&project), Vec::<String>::new(), "{why}");
    }

    project.ok(&["make:migration", "user"]);
    project.ok(&[
        "make:migration",
        "add_bio_to_users",
        "--contents-from",
        "examples/add_bio.toml",
    ]);
    project.ok(&[
        "make:migration",
        "seed_users",
        "--contents-from",
        "examples/seed.sql",
    ]);
    assert_eq!(read_migration(&project, "_add_bio_to_users.toml"), body);
    assert!(read_migration(&project, "_seed_users.sql").contains("INSERT INTO users"));
    project.ok(&["migration:run"]);
    assert_eq!(
        project.query("SELECT count(bio) FROM users"),
        vec![vec!["0".to_string()]]
    );
}

#[test]
fn blank_tables_and_a_pivot_of_one_table_are_refused() {
    refused(&["create_x", "--create", ""], "an empty --create");
    refused(&["alter_x", "--alter", ""], "an empty --alter");
    refused(&["create_x", "--create", "   "], "a blank --create");
    refused(&["--pivot", "users", "users"], "a pivot of one table");
    refused(
        &["--pivot", "user", "users"],
        "a pivot of one table, singular",
    );
    refused(&["--pivot", "", "users"], "a pivot with an empty table");
    refused(&["--pivot", "--", "users"], "a pivot with no usable name");
}

#[test]
fn names_over_the_identifier_and_file_name_limits_are_refused() {
    let long = "a".repeat(64);
    refused(
        &[&format!("create_{long}_table")],
        "an inferred table over 63 bytes",
    );
    refused(&["create_x", "--create", &long], "--create over 63 bytes");
    refused(&["add_y_to_x", "--alter", &long], "--alter over 63 bytes");
    refused(
        &["create_x", "--create", &"é".repeat(32)],
        "64 bytes in 32 characters",
    );
    refused(
        &["--pivot", &"b".repeat(40), &"c".repeat(40)],
        "a pivot table over 63 bytes",
    );
    refused(
        &["--pivot", "users", &"c".repeat(62)],
        "a pivot column over 63 bytes",
    );
    refused(
        &[&"n".repeat(190), "--create", "t"],
        "a file name over 200 bytes",
    );
    refused(
        &[&"n".repeat(190), "--sql"],
        "an SQL file name over 200 bytes",
    );

    let project = project();
    let at_limit = "a".repeat(63);
    project.ok(&["make:migration", "create_x", "--create", &at_limit]);
    project.ok(&["make:migration", &"n".repeat(150), "--create", "t"]);
    project.ok(&["migration:run"]);
    assert!(project.tables().contains(&at_limit));
}

#[test]
fn every_template_loads_and_only_the_ones_to_fill_in_are_refused() {
    let project = project();
    for args in [
        &["create_users_table"][..],
        &["challenge"],
        &["--pivot", "user", "challenge"],
        &["rename_created_at_to_joined_at_in_challenges"],
        &["add_bio_to_users"],
        &["alter_challenges_table"],
        &["remove_updated_at_from_users"],
        &["seed_users", "--sql"],
    ] {
        let mut full = vec!["make:migration"];
        full.extend_from_slice(args);
        project.ok(&full);
    }
    let files = migration_files(&project);
    assert_eq!(files.len(), 8);
    project.ok(&["migration:status"]);
    let (code, stdout, stderr) = project.run(&["migration:check"]);
    assert_eq!(code, 2, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("4 errors, 0 warnings"),
        "one per template to fill in, and nothing else:\n{stdout}"
    );
    for name in [
        "add_bio_to_users.toml up[0]",
        "alter_challenges_table.toml up[0]",
        "remove_updated_at_from_users.toml down[0]",
        "seed_users.sql",
    ] {
        assert!(stdout.contains(name), "{name}:\n{stdout}");
    }
    let (code, _, stderr) = project.run(&["migration:run"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        project.tables().is_empty(),
        "nothing ran: {:?}",
        project.tables()
    );
    let sql = read_migration(&project, "_seed_users.sql");
    assert!(
        sql.contains("Until there is one, the file is an error"),
        "{sql}"
    );

    for file in files.iter().filter(|f| {
        [
            "add_bio",
            "alter_challenges",
            "remove_updated_at",
            "seed_users",
        ]
        .iter()
        .any(|n| f.contains(n))
    }) {
        project.remove(&format!("database/migrations/{file}"));
    }
    project.ok(&["migration:check"]);
    project.ok(&["migration:run", "--dry-run"]);
    project.ok(&["migration:run"]);
    assert_eq!(project.tables().len(), 3 + 2, "{:?}", project.tables());
    project.ok(&["migration:rollback"]);
}
