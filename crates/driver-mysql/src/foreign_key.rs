//! Explaining a foreign key MySQL refuses (errno 150, errors 1005, 1215 and 3780): which
//! columns the statement pairs, their types as the statement and `information_schema` give
//! them, and what differs (type, size, or sign: signed vs unsigned).
//!
//! The server only says "incorrectly formed" or "incompatible"; the pairs come from the
//! failing statement's `FOREIGN KEY (…) REFERENCES t (…)` clauses, the referencing column's
//! type from the statement's own column definition (a `CREATE TABLE`) or from
//! `information_schema` (an `ALTER TABLE`), the referenced column's from `information_schema`.

/// True for the errors MySQL and MariaDB give for a foreign key they cannot create.
pub(crate) fn is_foreign_key_error(number: u16, message: &str) -> bool {
    match number {
        150 | 1215 | 3780 => true,
        1005 => message.contains("errno: 150"),
        _ => false,
    }
}

/// True when `error` is the server refusing a foreign key ([`is_foreign_key_error`]).
pub(crate) fn refused(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .and_then(|db| db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>())
        .is_some_and(|e| is_foreign_key_error(e.number(), e.message()))
}

/// One `FOREIGN KEY (columns) REFERENCES table (referenced)` clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Clause {
    /// The referencing columns.
    pub columns: Vec<String>,
    /// The referenced table.
    pub table: String,
    /// The referenced columns.
    pub referenced: Vec<String>,
}

/// The table a `CREATE TABLE` or `ALTER TABLE` statement names.
pub(crate) fn statement_table(statement: &str) -> Option<String> {
    let upper = statement.trim_start().to_ascii_uppercase();
    let rest = upper
        .strip_prefix("CREATE TABLE")
        .or_else(|| upper.strip_prefix("ALTER TABLE"))?;
    let offset = statement.len() - statement.trim_start().len() + (upper.len() - rest.len());
    let mut text = &statement[offset..];
    let trimmed = text.trim_start();
    if trimmed.to_ascii_uppercase().starts_with("IF NOT EXISTS") {
        text = &trimmed["IF NOT EXISTS".len()..];
    }
    identifier(text).map(|(name, _)| name)
}

/// Every `FOREIGN KEY … REFERENCES …` clause of `statement`, in order.
pub(crate) fn clauses(statement: &str) -> Vec<Clause> {
    let upper = statement.to_ascii_uppercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = upper[from..].find("FOREIGN KEY") {
        let start = from + found + "FOREIGN KEY".len();
        from = start;
        let Some((columns, after)) = identifier_list(&statement[start..]) else {
            continue;
        };
        let rest = after.trim_start();
        if !rest.to_ascii_uppercase().starts_with("REFERENCES") {
            continue;
        }
        let Some((table, after)) = identifier(&rest["REFERENCES".len()..]) else {
            continue;
        };
        let Some((referenced, _)) = identifier_list(after) else {
            continue;
        };
        out.push(Clause {
            columns,
            table,
            referenced,
        });
    }
    out
}

/// The type of `column` as the statement defines it (`int unsigned` of
/// `` `role_id` int unsigned NOT NULL ``), when the statement defines it.
pub(crate) fn defined_type(statement: &str, column: &str) -> Option<String> {
    let quoted = format!("`{}`", column.replace('`', "``"));
    let mut from = 0;
    while let Some(found) = statement[from..].find(&quoted) {
        let at = from + found;
        from = at + quoted.len();
        let before = statement[..at].trim_end();
        if !(before.ends_with(',') || before.ends_with('(')) {
            continue;
        }
        let mut words = Vec::new();
        for word in statement[from..].split_whitespace() {
            if is_attribute(word) {
                break;
            }
            words.push(word);
            let text = words.join(" ");
            let open = text.matches('(').count() > text.matches(')').count();
            if word.ends_with(',') && !open {
                break;
            }
        }
        let mut definition = words.join(" ");
        loop {
            let unbalanced = definition.matches(')').count() > definition.matches('(').count();
            if definition.ends_with(',') || (definition.ends_with(')') && unbalanced) {
                definition.pop();
            } else {
                break;
            }
        }
        if !definition.is_empty() {
            return Some(definition.to_ascii_lowercase());
        }
    }
    None
}

/// Words that end the type in a column definition.
fn is_attribute(word: &str) -> bool {
    const ATTRIBUTES: &[&str] = &[
        "NOT",
        "NULL",
        "DEFAULT",
        "AUTO_INCREMENT",
        "PRIMARY",
        "UNIQUE",
        "KEY",
        "COMMENT",
        "CHARACTER",
        "CHARSET",
        "COLLATE",
        "GENERATED",
        "AS",
        "REFERENCES",
        "CHECK",
        "ON",
        "INVISIBLE",
        "FIRST",
        "AFTER",
    ];
    let bare = word.trim_end_matches([',', ')']);
    ATTRIBUTES.iter().any(|a| bare.eq_ignore_ascii_case(a)) || word.starts_with(',')
}

/// A type reduced to what a foreign key compares: the base type with its size (integer
/// display widths dropped), and whether it is unsigned.
pub(crate) fn comparable(column_type: &str) -> (String, bool) {
    let lower = column_type.to_ascii_lowercase();
    let unsigned = lower.split_whitespace().any(|w| w == "unsigned");
    let base = lower
        .split_whitespace()
        .filter(|w| !matches!(*w, "unsigned" | "signed" | "zerofill"))
        .collect::<Vec<_>>()
        .join(" ");
    let integer = [
        "tinyint",
        "smallint",
        "mediumint",
        "int",
        "integer",
        "bigint",
    ];
    let base = match base.split_once('(') {
        Some((name, _)) if integer.contains(&name) => name.to_string(),
        _ => base,
    };
    let base = if base == "integer" {
        "int".into()
    } else {
        base
    };
    (base, unsigned)
}

/// What makes the pair `table.column` (of type `local`) → `referenced_table.referenced`
/// (of type `remote`) fail, when the types tell.
pub(crate) fn explain(
    (table, column, local): (&str, &str, &str),
    (referenced_table, referenced, remote): (&str, &str, &str),
) -> Option<String> {
    let (local_base, local_unsigned) = comparable(local);
    let (remote_base, remote_unsigned) = comparable(remote);
    let here = format!("`{table}`.`{column}` is `{local}`");
    let there = format!("`{referenced_table}`.`{referenced}` is `{remote}`");
    if local_base != remote_base {
        return Some(format!(
            "{here} but {there}: a foreign key column needs the type and size of the column \
             it references; declare `{column}` as `{remote}`"
        ));
    }
    if local_unsigned != remote_unsigned {
        let (sign, fix) = if remote_unsigned {
            ("signed", "unsigned = true")
        } else {
            ("unsigned", "no `unsigned`")
        };
        return Some(format!(
            "{here} ({sign}) but {there}: signed vs unsigned; a foreign key column needs the \
             sign of the column it references; declare `{column}` with {fix}"
        ));
    }
    None
}

/// A backticked or bare identifier at the start of `text` (after spaces); the last part of a
/// qualified name (`db`.`t` → `t`). Returns it and the rest of the text.
fn identifier(text: &str) -> Option<(String, &str)> {
    let mut rest = text.trim_start();
    let mut name = None;
    loop {
        let (part, after) = if let Some(quoted) = rest.strip_prefix('`') {
            let mut out = String::new();
            let mut chars = quoted.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                if c == '`' {
                    if quoted[i + 1..].starts_with('`') {
                        out.push('`');
                        chars.next();
                    } else {
                        end = Some(i + 1);
                        break;
                    }
                } else {
                    out.push(c);
                }
            }
            (out, &quoted[end?..])
        } else {
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(rest.len());
            if end == 0 {
                return name.map(|n| (n, rest));
            }
            (rest[..end].to_string(), &rest[end..])
        };
        name = Some(part);
        match after.strip_prefix('.') {
            Some(next) => rest = next,
            None => return name.map(|n| (n, after)),
        }
    }
}

/// `(a, b)` at the start of `text`: the identifiers and the rest after `)`.
fn identifier_list(text: &str) -> Option<(Vec<String>, &str)> {
    let mut rest = text.trim_start().strip_prefix('(')?;
    let mut names = Vec::new();
    loop {
        let (name, after) = identifier(rest)?;
        names.push(name);
        let after = after.trim_start();
        if let Some(next) = after.strip_prefix(',') {
            rest = next;
        } else {
            return Some((names, after.strip_prefix(')')?));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CREATE: &str = "CREATE TABLE `users` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `role_id` int NOT NULL, `email` varchar(254) NOT NULL, CONSTRAINT `users_role_id_foreign` FOREIGN KEY (`role_id`) REFERENCES `roles` (`id`) ON DELETE CASCADE)";

    #[test]
    fn the_statement_gives_its_table_clauses_and_column_types() {
        assert_eq!(statement_table(CREATE).as_deref(), Some("users"));
        assert_eq!(
            statement_table("ALTER TABLE `app`.`posts` ADD CONSTRAINT x").as_deref(),
            Some("posts")
        );
        assert_eq!(
            statement_table("create table if not exists t (a int)").as_deref(),
            Some("t")
        );
        assert_eq!(
            clauses(CREATE),
            vec![Clause {
                columns: vec!["role_id".into()],
                table: "roles".into(),
                referenced: vec!["id".into()],
            }]
        );
        assert_eq!(defined_type(CREATE, "role_id").as_deref(), Some("int"));
        assert_eq!(defined_type(CREATE, "id").as_deref(), Some("int unsigned"));
        assert_eq!(
            defined_type(CREATE, "email").as_deref(),
            Some("varchar(254)")
        );
        assert_eq!(defined_type(CREATE, "missing"), None);
        let last = "CREATE TABLE `g` (`id` int, `code` int, CONSTRAINT `f` FOREIGN KEY (`code`) REFERENCES `r` (`c`))";
        assert_eq!(defined_type(last, "code").as_deref(), Some("int"));
        assert_eq!(
            defined_type("CREATE TABLE `g` (`code` decimal(8, 2))", "code").as_deref(),
            Some("decimal(8, 2)")
        );
    }

    #[test]
    fn sign_and_type_differences_are_explained_naming_both_columns() {
        let sign = explain(
            ("users", "role_id", "int"),
            ("roles", "id", "int(10) unsigned"),
        );
        let sign = sign.expect("a sign difference");
        for part in [
            "`users`.`role_id` is `int` (signed)",
            "`roles`.`id` is `int(10) unsigned`",
            "signed vs unsigned",
            "unsigned = true",
        ] {
            assert!(sign.contains(part), "{part}: {sign}");
        }
        let kind = explain(("a", "b_id", "bigint"), ("b", "id", "int")).expect("a type");
        assert!(kind.contains("declare `b_id` as `int`"), "{kind}");
        assert_eq!(
            explain(("a", "b_id", "int(11)"), ("b", "id", "int")),
            None,
            "display widths do not count"
        );
        assert!(is_foreign_key_error(
            1005,
            "Can't create table (errno: 150 \"x\")"
        ));
        assert!(!is_foreign_key_error(
            1005,
            "Can't create table (errno: 121 \"x\")"
        ));
        assert!(is_foreign_key_error(3780, ""));
    }
}
