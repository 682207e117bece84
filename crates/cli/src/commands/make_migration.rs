//! `make:migration NAME`: a new, timestamped migration file from a template.
//!
//! The action is `--create T` or `--alter T`, else inferred from the name as Lucid does
//! (`create_posts_table` creates `posts`; `add_bio_to_users` alters `users`), else a create
//! of a table named after the migration. `--pivot A B` makes the pivot table of two tables.
//!
//! The file written always loads: table names are written as escaped TOML strings, and the
//! text is parsed by the loader before it is written. Names the project could not use are
//! refused with exit code 2 and nothing written: a blank table, a pivot of one table with
//! itself, an identifier over [`MAX_NAME_BYTES`] bytes, a file name over [`MAX_FILE_NAME_BYTES`].

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use dbm_core::migration::toml::parse_toml_migration;
use dbm_core::schema::naming::MAX_NAME_BYTES;

use crate::args::MakeMigrationArgs;
use crate::context::Context;
use crate::error::{CliError, CliResult};
use crate::printer::style;

/// What the new migration does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Template {
    /// Creates a table.
    Create(String),
    /// Alters a table.
    Alter(String),
    /// The pivot table between two tables.
    Pivot(String, String),
}

/// The longest file name `make:migration` writes, in bytes (timestamp and extension included).
pub const MAX_FILE_NAME_BYTES: usize = 200;

/// `Create Posts-Table` → `create_posts_table`.
pub fn snake_case(name: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in name.trim().chars() {
        if c.is_ascii_uppercase() {
            if previous_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            previous_lower = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            previous_lower = false;
        }
    }
    out.trim_matches('_').to_string()
}

/// The template a name implies, as Lucid infers it.
pub fn infer(name: &str) -> Template {
    let create = |rest: &str| Template::Create(rest.to_string());
    if let Some(rest) = name.strip_prefix("create_") {
        return create(rest.strip_suffix("_table").unwrap_or(rest));
    }
    if let Some(rest) = name.strip_prefix("alter_") {
        return Template::Alter(rest.strip_suffix("_table").unwrap_or(rest).to_string());
    }
    for word in ["_to_", "_from_", "_in_"] {
        if let Some(pos) = name.rfind(word) {
            let table = &name[pos + word.len()..];
            let table = table.strip_suffix("_table").unwrap_or(table);
            if pos > 0 && !table.is_empty() {
                return Template::Alter(table.to_string());
            }
        }
    }
    create(name)
}

pub use dbm_core::schema::naming::singular;

/// `text` as a TOML basic string: `x"y` → `"x\"y"`.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The TOML (or SQL) text of a template.
pub fn render(template: &Template, sql: bool) -> String {
    if sql {
        return "-- dbm:up\n\n\n-- dbm:down\n\n".to_string();
    }
    match template {
        Template::Create(table) => format!(
            "[[up]]\ncreate_table = {}\ncolumns = [\n  {{ name = \"id\", type = \"increments\" }},\n]\ntimestamps = true\n",
            toml_string(table)
        ),
        // An `alter_table` entry that changes nothing does not load, so the entry starts out
        // commented and `up` empty: the file loads and runs as a no-op until it is edited.
        Template::Alter(table) => format!(
            "# Alters {0}: replace `up = []` with entries such as\n#\n# [[up]]\n# alter_table = {0}\n# add_columns = [\n#   {{ name = \"nickname\", type = \"string\", length = 50 }},\n# ]\nup = []\n",
            toml_string(table)
        ),
        Template::Pivot(a, b) => {
            let (sa, sb) = (singular(a), singular(b));
            let (ca, cb) = (
                toml_string(&format!("{sa}_id")),
                toml_string(&format!("{sb}_id")),
            );
            format!(
                "[[up]]\ncreate_table = {}\ncolumns = [\n  {{ name = \"id\", type = \"increments\" }},\n  {{ name = {ca}, type = \"integer\", unsigned = true, nullable = false, references = {}, on_delete = \"cascade\" }},\n  {{ name = {cb}, type = \"integer\", unsigned = true, nullable = false, references = {}, on_delete = \"cascade\" }},\n]\nunique = [[{ca}, {cb}]]\n",
                toml_string(&format!("{sa}_{sb}")),
                toml_string(&format!("{a}.id")),
                toml_string(&format!("{b}.id")),
            )
        }
    }
}

/// The identifiers a template writes, each with what it is (for the message).
fn identifiers(template: &Template) -> Vec<(String, &'static str)> {
    match template {
        Template::Create(table) | Template::Alter(table) => vec![(table.clone(), "table")],
        Template::Pivot(a, b) => {
            let (sa, sb) = (singular(a), singular(b));
            vec![
                (format!("{sa}_{sb}"), "pivot table"),
                (format!("{sa}_id"), "column"),
                (format!("{sb}_id"), "column"),
                (a.clone(), "table"),
                (b.clone(), "table"),
            ]
        }
    }
}

/// Refuses a template the project could not use: a blank table, a pivot of one table with
/// itself, an identifier over [`MAX_NAME_BYTES`] bytes.
fn validate(template: &Template, sql: bool) -> CliResult<()> {
    let blank = |flag: &str| {
        CliError::Usage(format!(
            "{flag} needs a table name; it was empty (nothing was written)"
        ))
    };
    match template {
        Template::Create(table) if table.trim().is_empty() => return Err(blank("--create")),
        Template::Alter(table) if table.trim().is_empty() => return Err(blank("--alter")),
        Template::Pivot(a, b) if a.is_empty() || b.is_empty() => {
            return Err(CliError::Usage(
                "--pivot needs two table names made of letters, digits and _ (nothing was \
                 written)"
                    .into(),
            ));
        }
        Template::Pivot(a, b) if singular(a) == singular(b) => {
            return Err(CliError::Usage(format!(
                "--pivot {a} {b} names one table twice; a pivot joins two different tables \
                 (nothing was written)"
            )));
        }
        _ => {}
    }
    if sql {
        return Ok(());
    }
    for (name, what) in identifiers(template) {
        if name.len() > MAX_NAME_BYTES {
            return Err(CliError::Usage(format!(
                "the {what} name {name:?} is {} bytes; names are at most {MAX_NAME_BYTES} bytes \
                 (PostgreSQL cuts longer ones, MySQL refuses them); choose a shorter name or \
                 --create/--alter TABLE (nothing was written)",
                name.len()
            )));
        }
    }
    Ok(())
}

fn millis_now() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default()
}

/// A timestamp prefix no file in `dir` uses yet.
fn free_prefix(dir: &Path) -> u128 {
    let mut stamp = millis_now();
    let taken = |stamp: u128| {
        let prefix = format!("{stamp}_");
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            })
            .unwrap_or(false)
    };
    while taken(stamp) {
        stamp += 1;
    }
    stamp
}

/// Writes the new migration file.
pub fn execute(ctx: &Context, args: &MakeMigrationArgs) -> CliResult<()> {
    let (name, template) = match &args.pivot {
        Some(pair) => {
            let mut tables: Vec<String> = pair.iter().map(|t| snake_case(t)).collect();
            tables.sort_by_key(|t| singular(t));
            let (a, b) = (tables[0].clone(), tables[1].clone());
            let name = format!("create_{}_{}_table", singular(&a), singular(&b));
            let template = Template::Pivot(a, b);
            validate(&template, false)?;
            (name, template)
        }
        None => {
            let raw = args.name.as_deref().unwrap_or_default();
            let name = snake_case(raw);
            if name.is_empty() {
                return Err(CliError::Usage(format!(
                    "{raw:?} is not a usable migration name: use letters, digits and _"
                )));
            }
            let template = match (&args.create, &args.alter) {
                (Some(t), _) => Template::Create(t.clone()),
                (None, Some(t)) => Template::Alter(t.clone()),
                (None, None) => infer(&name),
            };
            validate(&template, args.sql)?;
            (name, template)
        }
    };
    let folder: PathBuf = match &args.folder {
        Some(folder) => folder.clone(),
        None => ctx
            .config
            .migrations
            .paths
            .first()
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("database/migrations")),
    };
    let dir = ctx.config.root.join(&folder);
    let extension = if args.sql { "sql" } else { "toml" };
    let stamp = free_prefix(&dir);
    let file = format!("{stamp}_{name}.{extension}");
    if file.len() > MAX_FILE_NAME_BYTES {
        let room = MAX_FILE_NAME_BYTES - (file.len() - name.len());
        return Err(CliError::Usage(format!(
            "the file name {file} would be {} bytes; file names are at most \
             {MAX_FILE_NAME_BYTES}, so the migration name ({} bytes) must be at most {room} \
             (nothing was written)",
            file.len(),
            name.len()
        )));
    }
    let path = dir.join(&file);
    let text = render(&template, args.sql);
    if !args.sql {
        parse_toml_migration(&path, &text).map_err(|e| {
            CliError::Usage(format!(
                "refusing to write a migration that would not load: {} (nothing was written)",
                e.chain()
            ))
        })?;
    }
    std::fs::create_dir_all(&dir).map_err(|source| CliError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    std::fs::write(&path, text).map_err(|source| CliError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let shown = folder.join(&file).display().to_string().replace('\\', "/");
    ctx.printer.arrow("created", style::GREEN, &shown);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_infer_create_and_alter_like_lucid() {
        assert_eq!(
            infer("create_posts_table"),
            Template::Create("posts".into())
        );
        assert_eq!(infer("create_posts"), Template::Create("posts".into()));
        assert_eq!(infer("add_bio_to_users"), Template::Alter("users".into()));
        assert_eq!(
            infer("remove_bio_from_users_table"),
            Template::Alter("users".into())
        );
        assert_eq!(infer("alter_users_table"), Template::Alter("users".into()));
        assert_eq!(infer("posts"), Template::Create("posts".into()));
    }

    #[test]
    fn snake_case_normalizes_names() {
        assert_eq!(snake_case("CreatePostsTable"), "create_posts_table");
        assert_eq!(snake_case("create posts-table"), "create_posts_table");
    }

    #[test]
    fn toml_strings_round_trip_through_the_loader() {
        for table in ["x\"y", "a\\b", "tab\there", "line\nbreak", "del\u{7f}", "ü"] {
            for template in [
                Template::Create(table.to_string()),
                Template::Alter(table.to_string()),
            ] {
                let text = render(&template, false);
                let parsed = parse_toml_migration(Path::new("m.toml"), &text);
                assert!(parsed.is_ok(), "{table:?}:\n{text}\n{parsed:?}");
            }
        }
        assert_eq!(toml_string("x\"y\\"), "\"x\\\"y\\\\\"");
        let nul = render(&Template::Create("nul\u{0}".into()), false);
        assert!(
            parse_toml_migration(Path::new("m.toml"), &nul).is_err(),
            "a NUL in a table name is refused before the file is written:\n{nul}"
        );
    }

    #[test]
    fn singular_handles_common_plurals() {
        assert_eq!(singular("users"), "user");
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("class"), "class");
    }
}
