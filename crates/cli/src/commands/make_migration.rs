//! `make:migration NAME`: a new, timestamped migration file from a template.
//!
//! The name is snake_cased and read as Lucid reads it: `create_posts_table` creates `posts`;
//! `add_bio_to_users` alters `users`; `remove_bio_from_users` drops `bio` (with a `[[down]]`
//! to fill in); `rename_name_to_full_name_in_users` renames a column; any other name is a
//! table noun, pluralised into `create_<plural>_table` (`role` → `create_roles_table`).
//! `--create T` / `--alter T` name the table outright; `--pivot A B` makes the pivot table
//! of two tables (singular and sorted: `challenge_user`); `--contents-from FILE` writes a
//! file's contents instead of a template.
//!
//! The file written always loads: names are written as escaped TOML strings, and the text
//! is parsed by the loader before it is written. A template that needs filling in (an
//! `alter_table` that changes nothing, a `.sql` file with no statement) loads too, and is
//! refused only by the commands that would run it. Names the project could not use are
//! refused with exit code 2 and nothing written: a blank table, a pivot of one table with
//! itself, an identifier over [`MAX_NAME_BYTES`] bytes, a file name over
//! [`MAX_FILE_NAME_BYTES`], a `--contents-from` file that cannot be read or does not load.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use dbm_core::migration::sql::parse_sql_migration;
use dbm_core::migration::toml::parse_toml_migration;
use dbm_core::schema::naming::{MAX_NAME_BYTES, plural};

use crate::args::MakeMigrationArgs;
use crate::context::Context;
use crate::error::{CliError, CliResult};
use crate::json_schemas::{Format, with_directive};
use crate::printer::style;

/// What the new migration does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Template {
    /// Creates a table.
    Create(String),
    /// Alters a table: an `alter_table` entry to fill in.
    Alter(String),
    /// Adds columns to a table (`add_bio_to_users`): an `alter_table` entry to fill in with
    /// their definitions.
    AddColumns {
        /// The table.
        table: String,
        /// The columns the name mentions.
        columns: Vec<String>,
    },
    /// Drops columns from a table (`remove_bio_from_users`), with a `[[down]]` to fill in
    /// with their definitions.
    DropColumns {
        /// The table.
        table: String,
        /// The columns to drop.
        columns: Vec<String>,
    },
    /// Renames a column (`rename_name_to_full_name_in_users`).
    RenameColumn {
        /// The table.
        table: String,
        /// The column's name now.
        from: String,
        /// Its new name.
        to: String,
    },
    /// The pivot table between two tables, by their singular names, sorted.
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

/// `name` without a trailing `_table`.
fn table_of(name: &str) -> &str {
    name.strip_suffix("_table").unwrap_or(name)
}

/// `bio_and_avatar` → `["bio", "avatar"]`.
fn columns_of(words: &str) -> Vec<String> {
    words.split("_and_").map(str::to_string).collect()
}

/// `(head, tail)` around the last `word` in `name`, both non-empty.
fn split_last<'a>(name: &'a str, word: &str) -> Option<(&'a str, &'a str)> {
    let pos = name.rfind(word)?;
    let (head, tail) = (&name[..pos], &name[pos + word.len()..]);
    (!head.is_empty() && !tail.is_empty()).then_some((head, tail))
}

/// The template a snake_cased name implies, as Lucid infers it; `None` when the name is a
/// table noun and no pattern (see [`noun_migration`]).
pub fn infer(name: &str) -> Option<Template> {
    if let Some(rest) = name.strip_prefix("create_") {
        return Some(Template::Create(table_of(rest).to_string()));
    }
    if let Some(rest) = name.strip_prefix("alter_") {
        return Some(Template::Alter(table_of(rest).to_string()));
    }
    if let Some(rest) = name.strip_prefix("rename_")
        && let Some((columns, table)) = split_last(rest, "_in_")
        && let Some((from, to)) = split_last(columns, "_to_")
    {
        return Some(Template::RenameColumn {
            table: table_of(table).to_string(),
            from: from.to_string(),
            to: to.to_string(),
        });
    }
    if let Some(rest) = name.strip_prefix("remove_")
        && let Some((columns, table)) = split_last(rest, "_from_")
    {
        return Some(Template::DropColumns {
            table: table_of(table).to_string(),
            columns: columns_of(columns),
        });
    }
    if let Some(rest) = name.strip_prefix("add_")
        && let Some((columns, table)) = split_last(rest, "_to_")
    {
        return Some(Template::AddColumns {
            table: table_of(table).to_string(),
            columns: columns_of(columns),
        });
    }
    ["_to_", "_from_", "_in_"]
        .iter()
        .find_map(|word| split_last(name, word))
        .map(|(_, table)| Template::Alter(table_of(table).to_string()))
}

/// A table noun's migration, as Lucid names it: `role` → (`create_roles_table`, create
/// `roles`).
pub fn noun_migration(noun: &str) -> (String, Template) {
    let table = plural(table_of(noun));
    (format!("create_{table}_table"), Template::Create(table))
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

/// The `.sql` template: it says in a comment that it is an error until it has a statement.
pub const SQL_TEMPLATE: &str = "-- dbm:up\n-- The statements this migration runs. Until there is one, the file is an error:\n-- migration:check reports it and migration:run refuses to run it.\n\n\n-- dbm:down\n-- The statements that revert it; an empty section makes the migration forward-only.\n\n";

/// A commented `add_columns` example for `columns` (`nickname` when there is none).
fn add_columns_example(columns: &[String]) -> String {
    let mut out = String::from("# add_columns = [\n");
    for column in columns {
        out.push_str(&format!(
            "#   {{ name = {}, type = \"string\", length = 50 }},\n",
            toml_string(column)
        ));
    }
    out.push_str("# ]\n");
    out
}

/// The comment of an `alter_table` entry left to fill in.
fn fill_in(what: &str, refused_by: &str, columns: &[String]) -> String {
    format!(
        "# {what}: add_columns, drop_columns, rename_columns, alter_columns, add_indexes,\n# \
         drop_indexes, add_unique, drop_unique, add_foreign_keys or drop_foreign_keys. Until it \
         has one,\n# migration:check reports this entry and {refused_by} refuses to run it. For \
         example:\n{}",
        add_columns_example(columns)
    )
}

/// The TOML (or SQL) text of a template.
pub fn render(template: &Template, sql: bool) -> String {
    if sql {
        return SQL_TEMPLATE.to_string();
    }
    let alter = |table: &str| format!("[[up]]\nalter_table = {}\n", toml_string(table));
    let nickname = ["nickname".to_string()];
    match template {
        Template::Create(table) => format!(
            "[[up]]\ncreate_table = {}\ncolumns = [\n  {{ name = \"id\", type = \"increments\" }},\n]\ntimestamps = true\n",
            toml_string(table)
        ),
        Template::Alter(table) => format!(
            "{}{}",
            alter(table),
            fill_in("What changes", "migration:run", &nickname)
        ),
        Template::AddColumns { table, columns } => format!(
            "{}{}",
            alter(table),
            fill_in("The columns to add", "migration:run", columns)
        ),
        Template::DropColumns { table, columns } => {
            let list: Vec<String> = columns.iter().map(|c| toml_string(c)).collect();
            format!(
                "{}drop_columns = [{}]\n\n[[down]]\nalter_table = {}\n{}",
                alter(table),
                list.join(", "),
                toml_string(table),
                fill_in(
                    "What brings the dropped columns back, with their definitions",
                    "migration:rollback",
                    columns
                )
            )
        }
        Template::RenameColumn { table, from, to } => format!(
            "{}rename_columns = {{ {} = {} }}\n",
            alter(table),
            toml_string(from),
            toml_string(to)
        ),
        Template::Pivot(a, b) => {
            let (ca, cb) = (
                toml_string(&format!("{a}_id")),
                toml_string(&format!("{b}_id")),
            );
            format!(
                "[[up]]\ncreate_table = {}\ncolumns = [\n  {{ name = \"id\", type = \"increments\" }},\n  {{ name = {ca}, type = \"integer\", unsigned = true, nullable = false, references = {}, on_delete = \"cascade\" }},\n  {{ name = {cb}, type = \"integer\", unsigned = true, nullable = false, references = {}, on_delete = \"cascade\" }},\n]\nunique = [[{ca}, {cb}]]\n",
                toml_string(&format!("{a}_{b}")),
                toml_string(&format!("{}.id", plural(a))),
                toml_string(&format!("{}.id", plural(b))),
            )
        }
    }
}

/// The identifiers a template writes, each with what it is (for the message).
fn identifiers(template: &Template) -> Vec<(String, &'static str)> {
    let with_columns = |table: &String, columns: &[String]| {
        std::iter::once((table.clone(), "table"))
            .chain(columns.iter().map(|c| (c.clone(), "column")))
            .collect()
    };
    match template {
        Template::Create(table) | Template::Alter(table) => vec![(table.clone(), "table")],
        Template::AddColumns { table, columns } | Template::DropColumns { table, columns } => {
            with_columns(table, columns)
        }
        Template::RenameColumn { table, from, to } => {
            with_columns(table, &[from.clone(), to.clone()])
        }
        Template::Pivot(a, b) => vec![
            (format!("{a}_{b}"), "pivot table"),
            (format!("{a}_id"), "column"),
            (format!("{b}_id"), "column"),
            (plural(a), "table"),
            (plural(b), "table"),
        ],
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
        Template::Pivot(a, b) if a == b => {
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

/// The migration's name and template from the arguments.
fn plan(args: &MakeMigrationArgs, sql: bool) -> CliResult<(String, Template)> {
    if let Some(pair) = &args.pivot {
        let mut tables: Vec<String> = pair.iter().map(|t| singular(&snake_case(t))).collect();
        tables.sort();
        let (a, b) = (tables[0].clone(), tables[1].clone());
        let name = format!("create_{a}_{b}_table");
        let template = Template::Pivot(a, b);
        validate(&template, false)?;
        return Ok((name, template));
    }
    let raw = args.name.as_deref().unwrap_or_default();
    let name = snake_case(raw);
    if name.is_empty() {
        return Err(CliError::Usage(format!(
            "{raw:?} is not a usable migration name: use letters, digits and _"
        )));
    }
    let (name, template) = match (&args.create, &args.alter, infer(&name)) {
        (Some(t), _, _) => (name, Template::Create(t.clone())),
        (None, Some(t), _) => (name, Template::Alter(t.clone())),
        (None, None, Some(template)) => (name, template),
        (None, None, None) if sql => {
            let template = Template::Create(name.clone());
            (name, template)
        }
        (None, None, None) => noun_migration(&name),
    };
    validate(&template, sql)?;
    Ok((name, template))
}

/// The text of `--contents-from FILE`, refused with exit code 2 when the file cannot be read.
fn contents_from(path: &Path) -> CliResult<String> {
    std::fs::read_to_string(path).map_err(|e| {
        CliError::Usage(format!(
            "--contents-from {}: the file cannot be read: {e} (nothing was written)",
            path.display()
        ))
    })
}

/// Writes the new migration file.
pub fn execute(ctx: &Context, args: &MakeMigrationArgs) -> CliResult<()> {
    let sql = args.sql
        || args
            .contents_from
            .as_ref()
            .is_some_and(|p| p.extension().is_some_and(|e| e == "sql"));
    let (name, template) = plan(args, sql)?;
    let contents = args
        .contents_from
        .as_deref()
        .map(contents_from)
        .transpose()?;
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
    let extension = if sql { "sql" } else { "toml" };
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
    // A template gets the `#:schema` directive; `--contents-from` is written as it is.
    let text = match contents {
        Some(contents) => contents,
        None if sql => render(&template, sql),
        None => with_directive(
            &ctx.config.root,
            &folder,
            Format::Migration,
            &render(&template, sql),
        ),
    };
    let loads = if sql {
        parse_sql_migration(&text)
            .map(drop)
            .map_err(|e| e.to_string())
    } else {
        parse_toml_migration(&path, &text)
            .map(drop)
            .map_err(|e| e.chain())
    };
    loads.map_err(|e| {
        let source = match &args.contents_from {
            Some(from) => format!("the contents of {}", from.display()),
            None => "a migration".to_string(),
        };
        CliError::Usage(format!(
            "refusing to write {source} that would not load: {e} (nothing was written)"
        ))
    })?;
    std::fs::create_dir_all(&dir).map_err(CliError::io(&dir))?;
    std::fs::write(&path, text).map_err(CliError::io(&path))?;
    let shown = folder.join(&file).display().to_string().replace('\\', "/");
    ctx.printer.arrow("created", style::GREEN, &shown);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn names_infer_their_templates_like_lucid() {
        let create = |t: &str| Some(Template::Create(t.into()));
        let alter = |t: &str| Some(Template::Alter(t.into()));
        assert_eq!(infer("create_posts_table"), create("posts"));
        assert_eq!(infer("create_posts"), create("posts"));
        assert_eq!(infer("alter_users_table"), alter("users"));
        assert_eq!(
            infer("add_bio_to_users"),
            Some(Template::AddColumns {
                table: "users".into(),
                columns: strings(&["bio"])
            })
        );
        assert_eq!(
            infer("remove_bio_and_avatar_from_users_table"),
            Some(Template::DropColumns {
                table: "users".into(),
                columns: strings(&["bio", "avatar"])
            })
        );
        assert_eq!(
            infer("rename_name_to_full_name_in_users"),
            Some(Template::RenameColumn {
                table: "users".into(),
                from: "name".into(),
                to: "full_name".into()
            })
        );
        assert_eq!(infer("index_email_in_users"), alter("users"));
        assert_eq!(infer("move_x_to_y_table"), alter("y"));
        assert_eq!(infer("role"), None);
        assert_eq!(infer("add_to"), None);
    }

    #[test]
    fn a_table_noun_becomes_the_create_migration_of_its_plural() {
        assert_eq!(
            noun_migration("role"),
            (
                "create_roles_table".into(),
                Template::Create("roles".into())
            )
        );
        assert_eq!(
            noun_migration("user"),
            (
                "create_users_table".into(),
                Template::Create("users".into())
            )
        );
        assert_eq!(
            noun_migration("blog_category"),
            (
                "create_blog_categories_table".into(),
                Template::Create("blog_categories".into())
            )
        );
        assert_eq!(noun_migration("people").0, "create_people_table");
    }

    #[test]
    fn snake_case_normalizes_names() {
        assert_eq!(snake_case("CreatePostsTable"), "create_posts_table");
        assert_eq!(snake_case("create posts-table"), "create_posts_table");
    }

    #[test]
    fn every_template_round_trips_through_the_loader() {
        for table in ["x\"y", "a\\b", "tab\there", "line\nbreak", "del\u{7f}", "ü"] {
            for template in [
                Template::Create(table.to_string()),
                Template::Alter(table.to_string()),
                Template::AddColumns {
                    table: table.to_string(),
                    columns: strings(&[table]),
                },
                Template::DropColumns {
                    table: table.to_string(),
                    columns: strings(&[table, "b"]),
                },
                Template::RenameColumn {
                    table: table.to_string(),
                    from: table.to_string(),
                    to: "b".into(),
                },
                Template::Pivot(table.to_string(), "user".into()),
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
        let sql = parse_sql_migration(SQL_TEMPLATE);
        assert!(
            sql.as_ref().is_ok_and(|m| m.up.is_empty()),
            "the SQL template loads with no statement:\n{sql:?}"
        );
    }
}
