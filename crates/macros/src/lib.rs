//! `dbm-macros`: [`embed_migrations!`], re-exported by the `dbm` crate as
//! `dbm::embed_migrations!`. Use it through `dbm`, whose types the expansion names.

#![deny(missing_docs)]

use std::path::{Path, PathBuf};

use dbm_core::migration::MigrationSource;
use proc_macro::TokenStream;
use quote::quote;
use syn::LitStr;

/// Embeds the migrations of a folder, given relative to the crate's `Cargo.toml`
/// (`CARGO_MANIFEST_DIR`), into the program, as a `dbm::EmbeddedMigrations`.
///
/// The folder is read by dbm's own loader at compile time, so a migration's name (its path
/// relative to the crate's folder, without the extension) and its checksum are those the
/// `dbm` CLI gives it when the crate's folder is the project root. A malformed file is a
/// compile error naming the file and the entry at fault, with the CLI's message.
///
/// Every file is embedded with `include_str!`, so editing one rebuilds the crate; a new file
/// needs a `build.rs` printing `cargo:rerun-if-changed=<folder>` (see `docs/embedding.md`).
#[proc_macro]
pub fn embed_migrations(input: TokenStream) -> TokenStream {
    let folder = match syn::parse::<LitStr>(input) {
        Ok(folder) => folder,
        Err(e) => return e.to_compile_error().into(),
    };
    let root = match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(root) => PathBuf::from(root),
        None => {
            return syn::Error::new(
                folder.span(),
                "embed_migrations!: CARGO_MANIFEST_DIR is not set; build the crate with cargo",
            )
            .to_compile_error()
            .into();
        }
    };
    match expand(&root, &folder.value()) {
        Ok(tokens) => tokens.into(),
        Err(message) => syn::Error::new(folder.span(), message)
            .to_compile_error()
            .into(),
    }
}

/// The expansion for the folder `relative` under `root`, or the compile error's message.
fn expand(root: &Path, relative: &str) -> Result<proc_macro2::TokenStream, String> {
    let dir = root.join(relative);
    if !dir.is_dir() {
        return Err(format!(
            "embed_migrations!: no folder {relative} in {} (the path is relative to the \
             crate's Cargo.toml)",
            root.display()
        ));
    }
    let migrations = MigrationSource::new(root, vec![relative.to_owned()])
        .load()
        .map_err(|e| format!("embed_migrations!(\"{relative}\"): {e}"))?;
    let entries = migrations.iter().map(|m| {
        let name = &m.name;
        let checksum = &m.checksum;
        let path = m.path.clone().unwrap_or_default();
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let file = format!("{name}.{extension}");
        let absolute = path.to_string_lossy().into_owned();
        quote! {
            ::dbm::EmbeddedMigration {
                name: #name,
                file: #file,
                checksum: #checksum,
                text: ::core::include_str!(#absolute),
            }
        }
    });
    Ok(quote! {
        ::dbm::EmbeddedMigrations::new(&[#(#entries),*])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let root = tempfile::tempdir().expect("temporary folder");
        let dir = root.path().join("database/migrations");
        std::fs::create_dir_all(&dir).expect("folder");
        for (name, text) in files {
            std::fs::write(dir.join(name), text).expect("write");
        }
        root
    }

    #[test]
    fn a_bad_file_is_an_error_naming_the_file_and_the_entry() {
        let root = folder(&[
            (
                "1_roles.toml",
                "[[up]]\ncreate_table = \"roles\"\ntimestamps = true\n",
            ),
            (
                "2_users.toml",
                "[[up]]\ncreate_table = \"users\"\ncolumns = [{ name = \"id\", type = \"increments\", nulable = true }]\n",
            ),
        ]);
        let message = expand(root.path(), "database/migrations")
            .expect_err("a bad file is an error")
            .to_string();
        assert!(
            message.starts_with(
                "embed_migrations!(\"database/migrations\"): database/migrations/2_users.toml: \
                 up[0].columns[0].nulable: unknown column key; did you mean `nullable`?"
            ),
            "{message}"
        );
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_it() {
        let root = folder(&[]);
        let message = expand(root.path(), "migrations").expect_err("no folder");
        assert!(message.contains("no folder migrations in"), "{message}");
    }

    #[test]
    fn files_are_embedded_with_the_loaders_names_and_checksums() {
        let sql = "-- dbm:up\r\nSELECT 1;\r\n";
        let root = folder(&[
            ("10_b.sql", sql),
            ("2_a.toml", "[[up]]\ndrop_table = \"x\"\n"),
        ]);
        let tokens = expand(root.path(), "database/migrations")
            .expect("expands")
            .to_string();
        let a = tokens.find("\"database/migrations/2_a\"").expect("2_a");
        let b = tokens.find("\"database/migrations/10_b\"").expect("10_b");
        assert!(a < b, "natural order: {tokens}");
        let checksum = dbm_core::migration::checksum(b"-- dbm:up\nSELECT 1;\n");
        assert!(tokens.contains(&format!("\"{checksum}\"")), "{tokens}");
        assert!(tokens.contains("include_str !"), "{tokens}");
    }
}
