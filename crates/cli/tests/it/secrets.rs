//! Passwords never leave dbm: not through a malformed URL, not in `--json`, not at any
//! verbosity, whatever the command.

use crate::support::{Project, create_table};

const SECRET: &str = "s3cr3tPW";

/// Every command that reads the configuration, with `--json` where it takes it.
const COMMANDS: &[(&[&str], bool)] = &[
    (&["migration:run"], true),
    (&["migration:run", "--dry-run"], true),
    (&["migration:rollback"], true),
    (&["migration:reset"], true),
    (&["migration:refresh"], true),
    (&["migration:fresh"], true),
    (&["migration:status"], true),
    (&["migration:check"], true),
    (&["make:migration", "x"], false),
    (&["db:wipe"], false),
    (&["db:create"], false),
    (&["db:drop"], false),
    (&["drivers"], true),
];

/// Runs every command at every verbosity, with and without `--json`, on a project whose
/// connection has `url`; fails if the secret appears anywhere.
fn never_shows_the_secret(driver: &str, url: &str) {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    project.write(
        "config/database.toml",
        &format!(
            "[default]\nconnection = \"main\"\n[default.connections.main]\ndriver = \
             \"{driver}\"\nurl = \"{url}\"\ndebug = true\n"
        ),
    );
    let mut named = false;
    for (command, takes_json) in COMMANDS {
        for verbosity in ["-q", "", "-v", "-vv", "-vvv"] {
            for json in [false, true] {
                if json && !takes_json {
                    continue;
                }
                let mut args: Vec<&str> = command.to_vec();
                if !verbosity.is_empty() {
                    args.push(verbosity);
                }
                if json {
                    args.push("--json");
                }
                let (code, stdout, stderr) = project.run(&args);
                assert!(
                    !stdout.contains(SECRET) && !stderr.contains(SECRET),
                    "dbm {args:?} with url {url:?} showed the password (exit {code}):\n\
                     stdout:\n{stdout}\nstderr:\n{stderr}"
                );
                assert!(!stderr.contains("panicked"), "{stderr}");
                named |= stderr.contains("`main`") || stdout.contains("`main`");
            }
        }
    }
    assert!(named, "{url}: the errors name the connection");
}

#[test]
fn a_url_without_a_scheme_never_shows_its_password() {
    never_shows_the_secret("postgres", &format!("u:{SECRET}@127.0.0.1/x"));
}

#[test]
fn a_postgres_url_without_its_colon_never_shows_its_password() {
    never_shows_the_secret("postgres", &format!("postgres//u:{SECRET}@127.0.0.1/x"));
}

#[test]
fn a_postgres_url_with_one_slash_never_shows_its_password() {
    never_shows_the_secret("postgres", &format!("postgres:/u:{SECRET}@127.0.0.1/x"));
}

#[test]
fn a_mysql_url_without_its_colon_never_shows_its_password() {
    never_shows_the_secret("mysql", &format!("mysql//u:{SECRET}@127.0.0.1/x"));
}

#[test]
fn a_malformed_url_given_to_another_driver_never_shows_its_password() {
    never_shows_the_secret("mysql", &format!("postgres:/u:{SECRET}@127.0.0.1/x"));
    never_shows_the_secret("sqlite", &format!("u:{SECRET}@127.0.0.1/x"));
}

#[test]
fn a_malformed_url_from_an_environment_variable_never_shows_its_password() {
    let project = Project::with_migrations(&[("1_a.toml", &create_table("a"))]);
    for url in [
        format!("u:{SECRET}@127.0.0.1/x"),
        format!("postgres:/u:{SECRET}@127.0.0.1/x"),
    ] {
        for args in [
            &["migration:status", "--json"][..],
            &["-vvv", "migration:run"],
        ] {
            let out = project
                .dbm(args)
                .env("DBM_CONNECTIONS__SQLITE__DRIVER", "postgres")
                .env("DBM_CONNECTIONS__SQLITE__URL", &url)
                .output()
                .expect("run dbm");
            let (stdout, stderr) = (
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
            );
            assert_eq!(out.status.code(), Some(2), "{stderr}");
            assert!(
                !stdout.contains(SECRET) && !stderr.contains(SECRET),
                "{url}: {stdout}\n{stderr}"
            );
            assert!(
                stderr.contains(":***@"),
                "the URL is shown masked: {stderr}"
            );
        }
    }
}
