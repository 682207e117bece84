//! `SHOW CREATE TABLE`'s statement made into the one a schema dump writes: every column
//! attribute, key, check, table option and partition as the server gives them, without the
//! table's `AUTO_INCREMENT=N` counter and without its foreign keys (a dump adds them once
//! every table exists, so tables may be created in any order).
//!
//! The server writes one part of the table per line, indented by two spaces, between the
//! `CREATE TABLE ... (` line and the line that starts with `)` and holds the table options;
//! partitions follow on lines of their own.

/// The statement without its foreign keys and `AUTO_INCREMENT=N`; `None` when it is not laid
/// out as the server lays it out.
pub(crate) fn without_foreign_keys(sql: &str) -> Option<String> {
    let lines: Vec<&str> = sql.lines().collect();
    let (first, rest) = lines.split_first()?;
    if !first.trim_end().ends_with('(') {
        return None;
    }
    let close = rest.iter().position(|line| line.starts_with(')'))?;
    let parts: Vec<&str> = rest[..close]
        .iter()
        .map(|line| line.trim_end().strip_suffix(',').unwrap_or(line.trim_end()))
        .filter(|part| !is_foreign_key(part))
        .collect();
    let mut out = format!("{first}\n{}\n", parts.join(",\n"));
    out.push_str(&strip_auto_increment(rest[close]));
    for line in &rest[close + 1..] {
        out.push('\n');
        out.push_str(line);
    }
    Some(out)
}

/// Whether a part of the table is `` CONSTRAINT `name` FOREIGN KEY (...) ``.
fn is_foreign_key(part: &str) -> bool {
    let Some(rest) = part.trim_start().strip_prefix("CONSTRAINT `") else {
        return false;
    };
    // The name ends at the first backtick that is not doubled.
    let mut chars = rest.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '`' {
            if chars.peek().is_some_and(|&(_, next)| next == '`') {
                chars.next();
                continue;
            }
            return rest[at + 1..].starts_with(" FOREIGN KEY ");
        }
    }
    false
}

/// The table options without ` AUTO_INCREMENT=N`.
fn strip_auto_increment(options: &str) -> String {
    const OPTION: &str = " AUTO_INCREMENT=";
    match options.find(OPTION) {
        Some(at) => {
            let after = &options[at + OPTION.len()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            format!("{}{}", &options[..at], &after[digits..])
        }
        None => options.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_keys_and_the_counter_go_and_everything_else_stays() {
        let sql = "CREATE TABLE `a``b` (\n  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,\n  \
                   `x` varchar(9) DEFAULT 'FOREIGN KEY',\n  PRIMARY KEY (`id`),\n  \
                   KEY `a_fk` (`x`(4)),\n  CONSTRAINT `a_fk` FOREIGN KEY (`x`) REFERENCES `u` (`x`),\n  \
                   CONSTRAINT `odd``name` FOREIGN KEY (`id`) REFERENCES `v` (`id`) ON DELETE CASCADE,\n  \
                   CONSTRAINT `x_check` CHECK (`x` <> 'CONSTRAINT `y` FOREIGN KEY ')\n\
                   ) ENGINE=InnoDB AUTO_INCREMENT=9002 DEFAULT CHARSET=utf8mb4\n \
                   PARTITION BY HASH (`id`)\nPARTITIONS 2";
        assert_eq!(
            without_foreign_keys(sql).as_deref(),
            Some(
                "CREATE TABLE `a``b` (\n  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,\n  \
                 `x` varchar(9) DEFAULT 'FOREIGN KEY',\n  PRIMARY KEY (`id`),\n  \
                 KEY `a_fk` (`x`(4)),\n  \
                 CONSTRAINT `x_check` CHECK (`x` <> 'CONSTRAINT `y` FOREIGN KEY ')\n\
                 ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4\n PARTITION BY HASH (`id`)\nPARTITIONS 2"
            )
        );
    }

    #[test]
    fn a_last_foreign_key_leaves_no_trailing_comma() {
        let sql = "CREATE TABLE `t` (\n  `u` int NOT NULL,\n  \
                   CONSTRAINT `t_u` FOREIGN KEY (`u`) REFERENCES `u` (`id`)\n) ENGINE=InnoDB";
        assert_eq!(
            without_foreign_keys(sql).as_deref(),
            Some("CREATE TABLE `t` (\n  `u` int NOT NULL\n) ENGINE=InnoDB")
        );
        assert_eq!(without_foreign_keys("CREATE TABLE `t` (`u` int)"), None);
    }
}
