//! `make:migration NAME`: a new, timestamped migration file from a template.
//!
//! The action is `--create T` or `--alter T`, else inferred from the name as Lucid does
//! (`create_posts_table` creates `posts`; `add_bio_to_users` alters `users`), else a create
//! of a table named after the migration. `--pivot A B` makes the pivot table of two tables.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

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

/// A naive English singular: `categories` → `category`, `boxes` → `box`, `users` → `user`.
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["sses", "xes", "ches", "shes"]
        .iter()
        .any(|s| word.ends_with(s))
    {
        word[..word.len() - 2].to_string()
    } else if word.ends_with('s') && !word.ends_with("ss") {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// The TOML (or SQL) text of a template.
pub fn render(template: &Template, sql: bool) -> String {
    if sql {
        return "-- dbm:up\n\n\n-- dbm:down\n\n".to_string();
    }
    match template {
        Template::Create(table) => format!(
            "[[up]]\ncreate_table = \"{table}\"\ncolumns = [\n  {{ name = \"id\", type = \"increments\" }},\n]\ntimestamps = true\n"
        ),
        Template::Alter(table) => format!(
            "[[up]]\nalter_table = \"{table}\"\nadd_columns = [\n  # {{ name = \"nickname\", type = \"string\", length = 50 }},\n]\n"
        ),
        Template::Pivot(a, b) => {
            let (sa, sb) = (singular(a), singular(b));
            format!(
                "[[up]]\ncreate_table = \"{sa}_{sb}\"\ncolumns = [\n  {{ name = \"id\", type = \"increments\" }},\n  {{ name = \"{sa}_id\", type = \"integer\", unsigned = true, nullable = false, references = \"{a}.id\", on_delete = \"cascade\" }},\n  {{ name = \"{sb}_id\", type = \"integer\", unsigned = true, nullable = false, references = \"{b}.id\", on_delete = \"cascade\" }},\n]\nunique = [[\"{sa}_id\", \"{sb}_id\"]]\n"
            )
        }
    }
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
            (name, Template::Pivot(a, b))
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
    std::fs::create_dir_all(&dir).map_err(|source| CliError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let extension = if args.sql { "sql" } else { "toml" };
    let file = format!("{}_{name}.{extension}", free_prefix(&dir));
    let path = dir.join(&file);
    std::fs::write(&path, render(&template, args.sql)).map_err(|source| CliError::Io {
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
    fn singular_handles_common_plurals() {
        assert_eq!(singular("users"), "user");
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("class"), "class");
    }
}
