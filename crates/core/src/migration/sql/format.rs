//! The `.sql` migration file: its header, the up and down sections and their markers, each
//! section split into statements by [`super::split`].

use super::SqlFileError;
use super::directive::{Directive, parse_directive};
use super::guess::{Markers, guess};
use super::lexer::{Rules, SqlDialect, check_control_characters};
use super::split::split_with;
#[cfg(doc)]
use super::split::{split_statements, split_statements_for};

/// A parsed `.sql` migration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlMigration {
    /// The statements of the up section, split by [`split_statements`].
    pub up: Vec<String>,
    /// The statements of the down section: `None` when the file has no down marker,
    /// `Some(vec![])` when the marker is there but the section holds no statement.
    pub down: Option<Vec<String>>,
    /// Whether the migration runs inside a transaction: `false` with `-- dbm:no-transaction` in
    /// the header or dbmate's `transaction:false` option on either marker.
    pub transaction: bool,
}

/// Parses a `.sql` migration file.
///
/// The header (everything before the up marker) may hold only blank lines and `--` comments,
/// among them `-- dbm:no-transaction`. The up marker (`-- dbm:up` or `-- migrate:up`) is
/// required; the down marker (`-- dbm:down` or `-- migrate:down`) is optional and must come
/// after it. Each section is split with [`split_statements`], and its errors are reported with
/// line numbers of the whole file. `transaction` is `false` when the header has
/// `-- dbm:no-transaction` or either dbmate marker has `transaction:false` (one flag covers both
/// directions, and running outside a transaction is the one that always works).
///
/// A leading byte order mark is ignored. Markers are found line by line, so a marker line inside
/// a dollar-quoted body still counts as a marker.
///
/// The dialect is guessed from the whole file, as [`split_statements`] guesses it; use
/// [`parse_sql_migration_for`] when it is known.
///
/// # Errors
///
/// A control character other than tab, line feed, carriage return and form feed (with its
/// line and column), a missing up marker (line 1), a second up or down marker, a down marker
/// before the up marker, SQL before the up marker, `-- dbm:no-transaction` after it, a
/// misspelt marker or an unknown `-- dbm:` / `-- migrate:` word or dbmate option, and every
/// error of [`split_statements`].
pub fn parse_sql_migration(text: &str) -> Result<SqlMigration, SqlFileError> {
    guess(text, |rules| parse_with(text, rules))
}

/// [`parse_sql_migration`] by the rules of a known dialect.
///
/// # Errors
///
/// As [`parse_sql_migration`], with [`split_statements_for`]'s.
pub fn parse_sql_migration_for(
    text: &str,
    dialect: SqlDialect,
) -> Result<SqlMigration, SqlFileError> {
    parse_with(text, Rules::of(dialect)).0
}

fn parse_with(text: &str, rules: Rules) -> (Result<SqlMigration, SqlFileError>, Markers) {
    let mut markers = Markers::default();
    let parsed = parse_marked(text, rules, &mut markers);
    (parsed, markers)
}

fn parse_marked(
    text: &str,
    rules: Rules,
    markers: &mut Markers,
) -> Result<SqlMigration, SqlFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_control_characters(text)?;
    // (line of the marker, byte offset of the marker line, byte offset after it)
    let mut up: Option<(usize, usize, usize)> = None;
    let mut down: Option<(usize, usize, usize)> = None;
    let mut transaction = true;
    let mut header_sql: Option<usize> = None;
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let number = index + 1;
        let span = (number, offset, offset + line.len());
        offset += line.len();
        let directive = parse_directive(line).map_err(|m| SqlFileError::new(number, m))?;
        match directive {
            Some(Directive::Up { transaction: t }) => {
                if let Some((first, ..)) = up {
                    return Err(SqlFileError::new(
                        number,
                        format!("a second up marker (the first is on line {first})"),
                    ));
                }
                if let Some(sql_line) = header_sql {
                    return Err(SqlFileError::new(
                        sql_line,
                        "SQL before the `-- dbm:up` marker; only blank lines and `--` comments \
                         may come before it",
                    ));
                }
                transaction &= t;
                up = Some(span);
            }
            Some(Directive::Down { transaction: t }) => {
                if up.is_none() {
                    return Err(SqlFileError::new(
                        number,
                        "a down marker before the `-- dbm:up` marker",
                    ));
                }
                if let Some((first, ..)) = down {
                    return Err(SqlFileError::new(
                        number,
                        format!("a second down marker (the first is on line {first})"),
                    ));
                }
                transaction &= t;
                down = Some(span);
            }
            Some(Directive::NoTransaction) => {
                if up.is_some() {
                    return Err(SqlFileError::new(
                        number,
                        "`-- dbm:no-transaction` must be in the header, before the `-- dbm:up` \
                         marker",
                    ));
                }
                transaction = false;
            }
            Some(Directive::StatementBegin | Directive::StatementEnd) => {
                if up.is_none() {
                    return Err(SqlFileError::new(
                        number,
                        "a statement fence before the `-- dbm:up` marker",
                    ));
                }
            }
            None => {
                let trimmed = line.trim();
                if up.is_none()
                    && header_sql.is_none()
                    && !trimmed.is_empty()
                    && !trimmed.starts_with("--")
                {
                    header_sql = Some(number);
                }
            }
        }
    }
    let Some((up_line, _, up_end)) = up else {
        return Err(SqlFileError::new(
            1,
            "no up marker: a `-- dbm:up` (or dbmate's `-- migrate:up`) marker line is required \
             before the migration's statements",
        ));
    };
    let up_stop = down.map_or(text.len(), |(_, start, _)| start);
    let up = split_section(&text[up_end..up_stop], up_line, rules, markers)?;
    let down = match down {
        Some((down_line, _, down_end)) => {
            Some(split_section(&text[down_end..], down_line, rules, markers)?)
        }
        None => None,
    };
    Ok(SqlMigration {
        up,
        down,
        transaction,
    })
}

/// Splits a section whose first line is line `marker_line + 1` of the file.
fn split_section(
    sql: &str,
    marker_line: usize,
    rules: Rules,
    markers: &mut Markers,
) -> Result<Vec<String>, SqlFileError> {
    let (statements, seen) = split_with(sql, rules);
    *markers += seen;
    statements.map_err(|e| SqlFileError::new(e.line + marker_line, e.message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migration::sql::*;

    fn split_err(sql: &str) -> SqlFileError {
        match split_statements(sql) {
            Ok(statements) => panic!("expected an error, got {statements:?}"),
            Err(e) => e,
        }
    }

    fn parse(text: &str) -> SqlMigration {
        match parse_sql_migration(text) {
            Ok(migration) => migration,
            Err(e) => panic!("unexpected parse error: {e}"),
        }
    }

    fn parse_err(text: &str) -> SqlFileError {
        match parse_sql_migration(text) {
            Ok(migration) => panic!("expected an error, got {migration:?}"),
            Err(e) => e,
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn up_and_down_sections_are_split_into_statements() {
        let m = parse(
            "-- dbm:up\nCREATE TABLE roles (id SERIAL PRIMARY KEY);\nCREATE TABLE t (x int);\n\
             -- dbm:down\nDROP TABLE t;\nDROP TABLE roles;\n",
        );
        assert_eq!(
            m,
            SqlMigration {
                up: strings(&[
                    "CREATE TABLE roles (id SERIAL PRIMARY KEY)",
                    "CREATE TABLE t (x int)"
                ]),
                down: Some(strings(&["DROP TABLE t", "DROP TABLE roles"])),
                transaction: true,
            }
        );
    }

    #[test]
    fn a_file_without_a_down_marker_has_no_down_section() {
        let m = parse("-- dbm:up\nSELECT 1;\n");
        assert_eq!(m.up, strings(&["SELECT 1"]));
        assert_eq!(m.down, None);
        assert!(m.transaction);
    }

    #[test]
    fn an_empty_down_section_is_present_but_empty() {
        let m = parse("-- dbm:up\nSELECT 1;\n-- dbm:down\n-- nothing to undo\n");
        assert_eq!(m.down, Some(vec![]));
    }

    #[test]
    fn markers_allow_surrounding_whitespace_and_crlf_line_ends() {
        let m = parse("  -- dbm:up  \r\nSELECT 1;\r\n\t--   dbm:down\t\r\nSELECT 2\r\n");
        assert_eq!(m.up, strings(&["SELECT 1"]));
        assert_eq!(m.down, Some(strings(&["SELECT 2"])));
        let m = parse("--migrate:up\nSELECT 1;\n--migrate:down\nSELECT 2;\n");
        assert_eq!(m.down, Some(strings(&["SELECT 2"])));
    }

    #[test]
    fn a_misspelt_down_marker_is_an_error_not_part_of_up() {
        // Read as a comment, this line would run the down statements as part of `up`.
        let e = parse_err("-- dbm:up\nCREATE TABLE a (x int);\n-- fbm:down\nDROP TABLE a;\n");
        assert_eq!(e.line, 3);
        assert!(
            e.message
                .starts_with("`-- fbm:down` is not a marker; did you mean `-- dbm:down`?"),
            "{e}"
        );
    }

    #[test]
    fn near_markers_in_case_spacing_or_spelling_are_errors_with_a_did_you_mean() {
        for (line, marker) in [
            ("-- fbm:down", "dbm:down"),
            ("--dbm:down", "dbm:down"),
            ("-- dbm: down", "dbm:down"),
            ("-- dbm :down", "dbm:down"),
            ("-- DBM:Down", "dbm:down"),
            ("-- DBM:UP", "dbm:down"),
            ("-- dbm:donw", "dbm:down"),
            ("-- dbm:dwn", "dbm:down"),
            ("-- db:down", "dbm:down"),
            ("-- dbm:no-transactoin", "dbm:no-transaction"),
            ("-- dbm:notransaction", "dbm:no-transaction"),
            ("-- dbm:statement-begni", "dbm:statement-begin"),
            ("-- dbm:statement_end", "dbm:statement-end"),
            ("-- migrate:dwon", "migrate:down"),
            ("-- Migrate:Down", "migrate:down"),
            ("-- migrate: down transaction:false", "migrate:down"),
            ("--fbm:down", "dbm:down"),
        ] {
            let text = format!("-- dbm:up\nSELECT 1;\n{line}\nSELECT 2;\n");
            let e = parse_err(&text);
            let expected = if line == "-- DBM:UP" {
                "dbm:up"
            } else {
                marker
            };
            assert_eq!(e.line, 3, "{line}: {e}");
            assert!(
                e.message
                    .contains(&format!("did you mean `-- {expected}`?")),
                "{line}: {e}"
            );
            assert!(e.message.contains(&format!("`{line}`")), "{line}: {e}");
        }
    }

    #[test]
    fn ordinary_comments_near_no_marker_stay_comments() {
        for comment in [
            "-- create the users table",
            "-- update:",
            "-- down the road",
            "-- TODO: drop this column",
            "-- note: up to 30 characters",
            "-- migrate users to the new table",
            "-- migrated from the old system",
            "-- dbm",
            "-- up",
            "-- down",
            "--",
            "-- ---------------------------------",
            "-- db: 3 shards",
        ] {
            let m = parse(&format!(
                "{comment}\n-- dbm:up\n{comment}\nSELECT 1;\n-- dbm:down\n{comment}\nSELECT 2;\n"
            ));
            assert_eq!(
                m.up,
                strings(&[&format!("{comment}\nSELECT 1")]),
                "{comment}"
            );
        }
    }

    #[test]
    fn a_misspelt_fence_in_a_sql_operation_is_an_error() {
        let e = split_err("SELECT 1;\n-- dbm:statment-begin\nSELECT 2;\n");
        assert_eq!(e.line, 2);
        assert!(
            e.message.contains("did you mean `-- dbm:statement-begin`?"),
            "{e}"
        );
    }

    #[test]
    fn a_nul_byte_is_an_error_naming_its_line_and_column() {
        let e = parse_err("-- dbm:up\nCREATE TABLE a (x int);\n\0\nSELECT 1;\n");
        assert_eq!(e.line, 3);
        assert!(
            e.message
                .starts_with("control character U+0000 (NUL) at column 1;"),
            "{e}"
        );
        let e = parse_err("-- dbm:up\nSELECT 'é\u{1b}';\n");
        assert_eq!(e.line, 2);
        assert!(
            e.message
                .starts_with("control character U+001B (ESC) at column 10;"),
            "{e}"
        );
        for dialect in [SqlDialect::Postgres, SqlDialect::Mysql, SqlDialect::Sqlite] {
            let e = parse_sql_migration_for("-- x\u{7}\n-- dbm:up\nSELECT 1;", dialect)
                .expect_err("a bell is refused");
            assert_eq!(e.line, 1);
            assert!(split_statements_for("SELECT 1;\0", dialect).is_err());
        }
        assert!(split_statements("SELECT\u{b}1").is_err());
    }

    #[test]
    fn tab_line_feed_carriage_return_and_form_feed_are_allowed() {
        let m = parse("-- dbm:up\r\nSELECT\t1;\x0c\nSELECT 2;\r\n");
        assert_eq!(m.up, strings(&["SELECT\t1", "SELECT 2"]));
    }

    #[test]
    fn a_byte_order_mark_before_the_up_marker_is_ignored() {
        assert_eq!(
            parse("\u{feff}-- dbm:up\nSELECT 1").up,
            strings(&["SELECT 1"])
        );
    }

    #[test]
    fn comments_and_blank_lines_may_precede_the_up_marker() {
        let m = parse("-- create the roles table\n\n   \n-- dbm:up\nSELECT 1;");
        assert_eq!(m.up, strings(&["SELECT 1"]));
    }

    #[test]
    fn dbmate_markers_are_accepted() {
        let m = parse("-- migrate:up\nCREATE TABLE a (x int);\n-- migrate:down\nDROP TABLE a;\n");
        assert_eq!(
            m,
            SqlMigration {
                up: strings(&["CREATE TABLE a (x int)"]),
                down: Some(strings(&["DROP TABLE a"])),
                transaction: true,
            }
        );
    }

    #[test]
    fn dbmate_transaction_false_runs_outside_a_transaction() {
        let m = parse("-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n");
        assert_eq!(m.up, strings(&["CREATE INDEX CONCURRENTLY i ON t (x)"]));
        assert!(!m.transaction);
        let m = parse("-- migrate:up\nSELECT 1;\n-- migrate:down transaction:false\nSELECT 2;\n");
        assert!(!m.transaction);
        assert!(parse("-- migrate:up transaction:true\nSELECT 1;").transaction);
    }

    #[test]
    fn an_unknown_dbmate_option_is_an_error() {
        let e = parse_err("\n-- migrate:up transactions:false\nSELECT 1;");
        assert_eq!(e.line, 2);
        assert!(
            e.message.contains("unknown option `transactions:false`"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_dbmate_marker_is_an_error() {
        let e = parse_err("-- migrate:up\nSELECT 1;\n-- migrate:donw\nSELECT 2;");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("`-- migrate:donw`"), "{e}");
    }

    #[test]
    fn no_transaction_in_the_header_runs_outside_a_transaction() {
        let m = parse(
            "-- concurrent index\n-- dbm:no-transaction\n-- dbm:up\nCREATE INDEX CONCURRENTLY i ON t (x);",
        );
        assert_eq!(
            m,
            SqlMigration {
                up: strings(&["CREATE INDEX CONCURRENTLY i ON t (x)"]),
                down: None,
                transaction: false,
            }
        );
    }

    #[test]
    fn no_transaction_after_the_up_marker_is_an_error() {
        let e = parse_err("-- dbm:up\nSELECT 1;\n-- dbm:no-transaction\n");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("header"), "{e}");
    }

    #[test]
    fn a_file_without_an_up_marker_is_an_error_on_line_one() {
        let e = parse_err("CREATE TABLE a (x int);\n");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("`-- dbm:up`"), "{e}");
        assert!(e.message.contains("`-- migrate:up`"), "{e}");
        assert_eq!(parse_err("").line, 1);
    }

    #[test]
    fn a_second_up_marker_is_an_error_with_its_line() {
        let e = parse_err("-- dbm:up\nSELECT 1;\n-- migrate:up\nSELECT 2;");
        assert_eq!(
            e,
            SqlFileError::new(3, "a second up marker (the first is on line 1)")
        );
    }

    #[test]
    fn a_second_down_marker_is_an_error_with_its_line() {
        let e = parse_err("-- dbm:up\nSELECT 1;\n-- dbm:down\nSELECT 2;\n\n-- dbm:down\n");
        assert_eq!(
            e,
            SqlFileError::new(6, "a second down marker (the first is on line 3)")
        );
    }

    #[test]
    fn a_down_marker_before_the_up_marker_is_an_error_with_its_line() {
        let e = parse_err("-- header\n-- dbm:down\nSELECT 2;\n-- dbm:up\nSELECT 1;");
        assert_eq!(
            e,
            SqlFileError::new(2, "a down marker before the `-- dbm:up` marker")
        );
    }

    #[test]
    fn sql_before_the_up_marker_is_an_error_naming_the_line() {
        let e = parse_err("-- header\n\nSELECT 0;\n-- dbm:up\nSELECT 1;");
        assert_eq!(e.line, 3);
        assert!(
            e.message.starts_with("SQL before the `-- dbm:up` marker"),
            "{e}"
        );
    }

    #[test]
    fn an_unknown_dbm_directive_is_an_error_listing_the_valid_ones() {
        let e = parse_err("-- dbm:upp\nSELECT 1;");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("did you mean `-- dbm:up`?"), "{e}");
        let e = parse_err("-- dbm:environment-specific\n-- dbm:up\nSELECT 1;");
        assert_eq!(e.line, 1);
        assert_eq!(
            e.message,
            "unknown marker `-- dbm:environment-specific`; the markers are `-- dbm:up`, \
             `-- dbm:down`, `-- dbm:no-transaction`, `-- dbm:statement-begin`, \
             `-- dbm:statement-end`, `-- migrate:up`, `-- migrate:down`"
        );
    }

    #[test]
    fn text_after_a_dbm_directive_is_an_error() {
        let e = parse_err("-- dbm:up\nSELECT 1;\n-- dbm:down now\n");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("unexpected text `now`"), "{e}");
    }

    #[test]
    fn a_fence_before_the_up_marker_is_an_error() {
        let e = parse_err("-- dbm:statement-begin\n-- dbm:up\n");
        assert_eq!(e.line, 1);
    }

    #[test]
    fn split_errors_carry_line_numbers_of_the_whole_file() {
        let e = parse_err("-- a\n-- dbm:up\nSELECT 1;\nSELECT 'oops;\n");
        assert_eq!(
            e,
            SqlFileError::new(4, "unterminated string literal `'...'`")
        );
        let e = parse_err("-- dbm:up\nSELECT 1;\n-- dbm:down\n\nSELECT 2;\nSELECT $$x;\n");
        assert_eq!(
            e,
            SqlFileError::new(6, "unterminated dollar-quoted string (no closing `$$`)")
        );
    }

    #[test]
    fn an_error_displays_as_line_then_message() {
        assert_eq!(SqlFileError::new(7, "boom").to_string(), "line 7: boom");
    }

    #[test]
    fn fences_work_inside_a_section() {
        let m = parse(
            "-- dbm:up\n-- dbm:statement-begin\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW \
             BEGIN\n  SET NEW.x = 1;\nEND;\n-- dbm:statement-end\n-- dbm:down\nDROP TRIGGER t;\n",
        );
        assert_eq!(
            m.up,
            strings(&[
                "CREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN\n  SET NEW.x = 1;\nEND;"
            ])
        );
        assert_eq!(m.down, Some(strings(&["DROP TRIGGER t"])));
    }
}
