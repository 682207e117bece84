//! `dbm-macros`: [`embed_migrations!`], re-exported by the `dbm` crate as
//! `dbm::embed_migrations!`. Use it through `dbm`, whose types the expansion names.

use std::path::PathBuf;

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
    match expand(&folder) {
        Ok(tokens) => tokens.into(),
        Err(message) => syn::Error::new(folder.span(), message)
            .to_compile_error()
            .into(),
    }
}

fn expand(folder: &LitStr) -> Result<proc_macro2::TokenStream, String> {
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .ok_or("embed_migrations!: CARGO_MANIFEST_DIR is not set; build the crate with cargo")?;
    let relative = folder.value();
    let dir = root.join(&relative);
    if !dir.is_dir() {
        return Err(format!(
            "embed_migrations!: no folder {relative} in {} (the path is relative to the \
             crate's Cargo.toml)",
            root.display()
        ));
    }
    let migrations = MigrationSource::new(&root, vec![relative.clone()])
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
