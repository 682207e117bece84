//! Finding a plugin by driver name and loading it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::driver::PluginDriver;
use super::error::PluginError;
use super::library;

/// True when `name` is a valid driver name: `[a-z0-9_]+`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The file name of the plugin of driver `name` on this platform: `libdbm_driver_<name>.so`
/// (Linux), `libdbm_driver_<name>.dylib` (macOS), `dbm_driver_<name>.dll` (Windows).
pub fn library_file_name(name: &str) -> String {
    format!(
        "{}dbm_driver_{name}{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    )
}

/// Where the plugin of driver `name` is: `explicit` when given (the
/// `[default.drivers.<name>] plugin` path, returned as is even when missing, so that
/// [`load`] can say so), else the first of `dirs` holding [`library_file_name`].
///
/// `None` when no folder holds it, or when `name` is not a valid driver name.
pub fn find(name: &str, explicit: Option<&Path>, dirs: &[PathBuf]) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_path_buf());
    }
    if !is_valid_name(name) {
        return None;
    }
    let file = library_file_name(name);
    dirs.iter()
        .map(|dir| dir.join(&file))
        .find(|path| path.is_file())
}

/// Finds and loads the plugin of driver `name`: [`find`], then [`load`] expecting that name.
///
/// # Errors
///
/// [`PluginError::InvalidName`], [`PluginError::NotFound`] (naming the folders searched), or
/// any error of [`load`].
pub fn load_driver(
    name: &str,
    explicit: Option<&Path>,
    dirs: &[PathBuf],
) -> Result<PluginDriver, PluginError> {
    if !is_valid_name(name) {
        return Err(PluginError::InvalidName { name: name.into() });
    }
    let path = find(name, explicit, dirs).ok_or_else(|| PluginError::NotFound {
        name: name.into(),
        file: library_file_name(name),
        searched: dirs.to_vec(),
    })?;
    load(&path, Some(name))
}

/// Loads the plugin library at `path` and checks it: the entry symbol, the ABI version, the
/// driver's name (valid, and equal to `expected_name` when given), then asks its dialect's
/// fixed facts.
///
/// A library is loaded once per process and never unloaded; loading the same path again
/// returns the same plugin.
///
/// # Errors
///
/// [`PluginError::Missing`], [`PluginError::NotALibrary`], [`PluginError::MissingEntry`],
/// [`PluginError::AbiMismatch`], [`PluginError::InvalidName`], [`PluginError::NameMismatch`],
/// [`PluginError::Panicked`], [`PluginError::BadResponse`], [`PluginError::Failed`]; each
/// names the library.
pub fn load(path: &Path, expected_name: Option<&str>) -> Result<PluginDriver, PluginError> {
    if !path.exists() {
        return Err(PluginError::Missing {
            path: path.to_path_buf(),
        });
    }
    let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    // One lock for all loads: the dynamic loader's error reporting is not thread-safe on
    // every platform, and a library must be set up once.
    static LOADED: Mutex<Option<HashMap<PathBuf, PluginDriver>>> = Mutex::new(None);
    let mut loaded = LOADED.lock().unwrap_or_else(PoisonError::into_inner);
    let loaded = loaded.get_or_insert_with(HashMap::new);
    let driver = match loaded.get(&key) {
        Some(driver) => driver.clone(),
        None => {
            let driver = open(path)?;
            loaded.insert(key, driver.clone());
            driver
        }
    };
    if let Some(expected) = expected_name
        && expected != dbm_core::Driver::name(&driver)
    {
        return Err(PluginError::NameMismatch {
            path: path.to_path_buf(),
            expected: expected.into(),
            found: dbm_core::Driver::name(&driver).into(),
        });
    }
    Ok(driver)
}

fn open(path: &Path) -> Result<PluginDriver, PluginError> {
    let table = library::open(path)?;
    let bad = |what: &str, reason: String| PluginError::BadResponse {
        path: path.to_path_buf(),
        reason: format!("its table holds {reason} as the driver's {what}"),
    };
    let name = library::read_str(table.name).map_err(|reason| bad("name", reason))?;
    let version = library::read_str(table.version).map_err(|reason| bad("version", reason))?;
    if !is_valid_name(&name) {
        return Err(PluginError::InvalidName { name });
    }
    PluginDriver::from_table(path.to_path_buf(), table, name, version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn driver_names_are_lower_case_letters_digits_and_underscores() {
        assert!(is_valid_name("duckdb"));
        assert!(is_valid_name("my_db2"));
        assert!(!is_valid_name(""));
        assert!(!is_valid_name("DuckDB"));
        assert!(!is_valid_name("duck-db"));
        assert!(!is_valid_name("../evil"));
    }

    #[test]
    fn the_library_file_name_follows_the_platform() {
        let file = library_file_name("duckdb");
        assert!(file.contains("dbm_driver_duckdb"), "{file}");
        if cfg!(target_os = "linux") {
            assert_eq!(file, "libdbm_driver_duckdb.so");
        }
    }

    #[test]
    fn find_prefers_the_explicit_path_then_the_first_folder_holding_the_library() {
        let first = tempfile::tempdir().expect("tempdir");
        let second = tempfile::tempdir().expect("tempdir");
        let third = tempfile::tempdir().expect("tempdir");
        let file = library_file_name("duckdb");
        std::fs::write(second.path().join(&file), b"").expect("write");
        std::fs::write(third.path().join(&file), b"").expect("write");
        let dirs = vec![
            first.path().to_path_buf(),
            second.path().to_path_buf(),
            third.path().to_path_buf(),
        ];
        assert_eq!(find("duckdb", None, &dirs), Some(second.path().join(&file)));
        let explicit = Path::new("/somewhere/else.so");
        assert_eq!(
            find("duckdb", Some(explicit), &dirs),
            Some(explicit.to_path_buf())
        );
        assert_eq!(find("sqlite3x", None, &dirs), None);
        assert_eq!(find("Duck", None, &dirs), None);
    }

    #[test]
    fn load_driver_names_the_folders_it_searched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let error =
            load_driver("duckdb", None, &[dir.path().to_path_buf()]).expect_err("nothing there");
        let message = error.to_string();
        assert!(matches!(error, PluginError::NotFound { .. }), "{message}");
        assert!(
            message.contains(&dir.path().display().to_string()),
            "{message}"
        );
        assert!(message.contains("[default.drivers.duckdb]"), "{message}");
        assert!(matches!(
            load_driver("Duck-DB", None, &[]),
            Err(PluginError::InvalidName { .. })
        ));
    }

    #[test]
    fn loading_a_missing_file_says_it_does_not_exist() {
        let error = load(Path::new("/no/such/libdbm_driver_x.so"), None).expect_err("missing");
        assert!(matches!(error, PluginError::Missing { .. }), "{error}");
        assert!(error.to_string().contains("/no/such/libdbm_driver_x.so"));
    }

    #[test]
    fn loading_a_file_that_is_not_a_library_says_so() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(library_file_name("junk"));
        std::fs::write(&path, b"not an ELF file").expect("write");
        let error = load(&path, None).expect_err("not a library");
        assert!(matches!(error, PluginError::NotALibrary { .. }), "{error}");
        assert!(
            error.to_string().contains(&path.display().to_string()),
            "{error}"
        );
    }
}
