//! Helpers shared by the unit tests of the configuration: a project folder, load options, a
//! jail for environment variables and a load that must fail.

use std::path::Path;

use figment::Jail;

use super::{Config, LoadOptions};

/// A project folder holding `database/migrations/` and `files` (path relative to the
/// folder, contents).
pub(super) fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir_all(dir.path().join("database/migrations")).expect("create folder");
    for (path, contents) in files {
        let path = dir.path().join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(path, contents).expect("write file");
    }
    dir
}

pub(super) fn options(cwd: &Path, env: Option<&str>) -> LoadOptions {
    LoadOptions {
        config_path: None,
        env: env.map(str::to_owned),
        cwd: cwd.to_path_buf(),
        allow_no_project: false,
    }
}

/// Runs `f` in a jail (env access serialized) with `DBM_ENV` and `DBM_PLUGIN_PATH`
/// neutralized (empty values count as unset).
#[allow(
    clippy::result_large_err,
    reason = "Jail's closure returns figment's Result"
)]
pub(super) fn jailed(f: impl FnOnce(&mut Jail)) {
    Jail::expect_with(|jail| {
        jail.set_env("DBM_ENV", "");
        jail.set_env("DBM_PLUGIN_PATH", "");
        f(jail);
        Ok(())
    });
}

pub(super) fn load_error(cwd: &Path, env: Option<&str>) -> String {
    match Config::load(&options(cwd, env)) {
        Ok(config) => panic!("expected an error, loaded {config:?}"),
        Err(e) => e.to_string(),
    }
}

pub(super) const PG: &str = r#"
[default.connections.pg]
driver = "postgres"
url = "postgres://app@127.0.0.1:5432/app"
"#;
