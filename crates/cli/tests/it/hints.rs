//! Errors that say what to do: a missing database suggests `dbm db:create`; a foreign key
//! MySQL refuses names both columns and what differs (signed vs unsigned); the failing
//! statement is shown whole, foreign-key clause included.

use dbm_test_support::{Server, TestDatabase, admin_url, with_database};

use crate::support::Project;

/// A project whose default connection is `driver` at `url`, with `files` as migrations.
fn project_on(driver: &str, url: &str, files: &[(&str, &str)]) -> Project {
    let project = Project::with_migrations(files);
    project.write(
        "config/database.toml",
        &format!(
            "[default]\nconnection = \"db\"\n[default.connections.db]\ndriver = \"{driver}\"\nurl = \"{url}\"\n"
        ),
    );
    project
}

#[test]
fn a_missing_database_suggests_db_create_on_postgres_and_mysql() {
    for server in [Server::Postgres, Server::Mysql] {
        let Some(admin) = admin_url(server) else {
            continue;
        };
        let url = with_database(&admin, "dbm_hint_no_such_database");
        let project = project_on(server.driver(), &url, &[]);
        let (code, stdout, stderr) = project.run(&["migration:status"]);
        assert_eq!(code, 1, "{server:?}\n{stdout}\n{stderr}");
        assert!(
            stderr.contains("dbm_hint_no_such_database")
                && stderr.contains("(create it with `dbm db:create`)"),
            "{server:?}: {stderr}"
        );
    }
}

const ROLES: &str =
    "[[up]]\ncreate_table = \"roles\"\ncolumns = [{ name = \"id\", type = \"increments\" }]\n";

/// A `users` table whose signed `role_id` references the unsigned `roles.id`, with enough
/// columns before the foreign key that its statement runs past 400 characters.
fn users_with_signed_role_id() -> String {
    let mut columns = vec!["  { name = \"id\", type = \"increments\" },".to_string()];
    for i in 0..12 {
        columns.push(format!(
            "  {{ name = \"profile_field_{i}\", type = \"string\", length = 100 }},"
        ));
    }
    columns.push(
        "  { name = \"role_id\", type = \"integer\", nullable = false, references = \"roles.id\" },"
            .into(),
    );
    format!(
        "[[up]]\ncreate_table = \"users\"\ncolumns = [\n{}\n]\n",
        columns.join("\n")
    )
}

fn assert_sign_hint(stderr: &str) {
    for part in [
        "`users`.`role_id` is `int",
        "(signed) but",
        "`roles`.`id` is `int",
        "unsigned`",
        "signed vs unsigned",
        "declare `role_id` with unsigned = true",
    ] {
        assert!(stderr.contains(part), "{part:?} in:\n{stderr}");
    }
}

#[test]
fn mysql_explains_a_foreign_key_sign_mismatch_and_shows_the_whole_statement() {
    let Some(db) = TestDatabase::create_blocking(Server::Mysql) else {
        return;
    };
    let project = project_on(
        "mysql",
        &db.url,
        &[
            ("1_roles.toml", ROLES),
            ("2_users.toml", &users_with_signed_role_id()),
        ],
    );
    let (code, stdout, stderr) = project.run(&["migration:run", "--no-check"]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert_sign_hint(&stderr);
    assert!(
        stderr.contains("FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`)"),
        "the statement is shown up to its foreign key:\n{stderr}"
    );
    assert!(!stderr.contains('…'), "nothing is cut:\n{stderr}");
    let statement: Vec<&str> = stderr.lines().filter(|l| l.starts_with("    ")).collect();
    assert!(
        statement.len() > 1 && statement.iter().all(|l| l.chars().count() <= 100),
        "the statement is wrapped:\n{stderr}"
    );
}

#[test]
fn mysql_explains_a_foreign_key_added_to_an_existing_table() {
    let Some(db) = TestDatabase::create_blocking(Server::Mysql) else {
        return;
    };
    let project = project_on(
        "mysql",
        &db.url,
        &[
            ("1_roles.toml", ROLES),
            (
                "2_users.toml",
                "[[up]]\ncreate_table = \"users\"\ncolumns = [{ name = \"id\", type = \"increments\" }, { name = \"role_id\", type = \"integer\" }]\n",
            ),
            (
                "3_users_role.toml",
                "[[up]]\nalter_table = \"users\"\nadd_foreign_keys = [{ columns = [\"role_id\"], references = \"roles.id\" }]\n",
            ),
        ],
    );
    let (code, stdout, stderr) = project.run(&["migration:run", "--no-check"]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert_sign_hint(&stderr);

    let project = project_on(
        "mysql",
        &db.url,
        &[(
            "4_posts.toml",
            "[[up]]\ncreate_table = \"posts\"\ncolumns = [{ name = \"id\", type = \"increments\" }, { name = \"author_id\", type = \"integer\", unsigned = true, references = \"authors.id\" }]\n",
        )],
    );
    let (code, stdout, stderr) = project.run(&["migration:run", "--no-check"]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert!(
        stderr.contains("`authors`.`id` does not exist (yet)"),
        "{stderr}"
    );

    let project = project_on(
        "mysql",
        &db.url,
        &[
            ("1_roles.toml", ROLES),
            (
                "2_roles_code.toml",
                "[[up]]\nalter_table = \"roles\"\nadd_columns = [{ name = \"code\", type = \"integer\" }]\n",
            ),
            (
                "5_grants.toml",
                "[[up]]\ncreate_table = \"grants\"\ncolumns = [{ name = \"id\", type = \"increments\" }, { name = \"role_code\", type = \"integer\", references = \"roles.code\" }]\n",
            ),
        ],
    );
    project.run(&["db:wipe", "--force"]);
    let (code, stdout, stderr) = project.run(&["migration:run", "--no-check"]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert!(stderr.contains("`roles`.`code` leads no index"), "{stderr}");
}
