//! What a database holds (`introspect`) and dropping all of it (`drop_all`).
//!
//! Introspection reads `sqlite_master` and the `pragma_*` table-valued functions:
//!
//! - columns (`pragma_table_xinfo`): the declared type lower-cased (`integer`, `text`, `real`,
//!   `blob`, `any`: in a STRICT table nothing else), nullability, the default's text;
//! - the primary key's columns, in key order;
//! - indexes (`pragma_index_list`, `pragma_index_info`): those made by `CREATE INDEX` and by
//!   `UNIQUE` constraints, not a primary key's automatic index;
//! - foreign keys (`pragma_foreign_key_list`), named after their `CONSTRAINT "name"` in the
//!   stored `CREATE TABLE` text (`None` when unnamed), actions upper case;
//! - views.

use dbm_core::driver::{
    Catalog, ColumnInfo, DropAllOptions, DropSummary, ForeignKeyInfo, IndexInfo, TableInfo,
    ViewInfo,
};
use sqlx::sqlite::{SqliteConnection, SqliteRow};
use sqlx::{AssertSqlSafe, Row as _};

use crate::ddl::q;

type Result<T> = std::result::Result<T, sqlx::Error>;

/// Runs a catalog query with text parameters.
async fn rows(
    conn: &mut SqliteConnection,
    sql: &'static str,
    params: &[&str],
) -> Result<Vec<SqliteRow>> {
    let mut query = sqlx::query(sql);
    for param in params {
        query = query.bind(param.to_string());
    }
    query.fetch_all(conn).await
}

/// The first column of each row, as text.
async fn names(
    conn: &mut SqliteConnection,
    sql: &'static str,
    params: &[&str],
) -> Result<Vec<String>> {
    rows(conn, sql, params)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect()
}

/// Describes every table (except SQLite's own `sqlite_*`) and view.
pub(crate) async fn catalog(conn: &mut SqliteConnection) -> Result<Catalog> {
    let tables = rows(
        conn,
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        &[],
    )
    .await?;
    let mut catalog = Catalog::default();
    for row in tables {
        let name: String = row.try_get(0)?;
        let sql: Option<String> = row.try_get(1)?;
        catalog
            .tables
            .push(table_info(conn, name, sql.as_deref().unwrap_or_default()).await?);
    }
    catalog.views = names(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name",
        &[],
    )
    .await?
    .into_iter()
    .map(|name| ViewInfo { name })
    .collect();
    Ok(catalog)
}

async fn table_info(conn: &mut SqliteConnection, name: String, sql: &str) -> Result<TableInfo> {
    let mut info = TableInfo {
        name,
        ..TableInfo::default()
    };
    let mut primary_key: Vec<(i64, String)> = Vec::new();
    for row in rows(
        conn,
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?) \
         WHERE hidden <> 1 ORDER BY cid",
        &[&info.name],
    )
    .await?
    {
        let column: String = row.try_get(0)?;
        let pk: i64 = row.try_get(4)?;
        if pk > 0 {
            primary_key.push((pk, column.clone()));
        }
        info.columns.push(ColumnInfo {
            name: column,
            data_type: row.try_get::<String, _>(1)?.to_lowercase(),
            nullable: row.try_get::<i64, _>(2)? == 0,
            default: row.try_get(3)?,
        });
    }
    primary_key.sort();
    info.primary_key = primary_key.into_iter().map(|(_, c)| c).collect();
    info.indexes = indexes(conn, &info.name).await?;
    info.foreign_keys = foreign_keys(conn, &info.name, sql).await?;
    Ok(info)
}

async fn indexes(conn: &mut SqliteConnection, table: &str) -> Result<Vec<IndexInfo>> {
    let mut out = Vec::new();
    let list = rows(
        conn,
        "SELECT name, \"unique\" FROM pragma_index_list(?) WHERE origin IN ('c', 'u')",
        &[table],
    )
    .await?;
    for row in list {
        let name: String = row.try_get(0)?;
        let columns = names(
            conn,
            "SELECT coalesce(name, '(expression)') FROM pragma_index_info(?) ORDER BY seqno",
            &[&name],
        )
        .await?;
        out.push(IndexInfo {
            name,
            columns,
            unique: row.try_get::<i64, _>(1)? != 0,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

async fn foreign_keys(
    conn: &mut SqliteConnection,
    table: &str,
    create_sql: &str,
) -> Result<Vec<ForeignKeyInfo>> {
    let mut grouped: Vec<(i64, ForeignKeyInfo)> = Vec::new();
    let list = rows(
        conn,
        "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete \
         FROM pragma_foreign_key_list(?) ORDER BY id, seq",
        &[table],
    )
    .await?;
    for row in list {
        let id: i64 = row.try_get(0)?;
        if grouped.last().is_none_or(|(last, _)| *last != id) {
            grouped.push((
                id,
                ForeignKeyInfo {
                    name: None,
                    columns: Vec::new(),
                    references_table: row.try_get(1)?,
                    references_columns: Vec::new(),
                    on_update: row.try_get::<String, _>(4)?.to_uppercase(),
                    on_delete: row.try_get::<String, _>(5)?.to_uppercase(),
                },
            ));
        }
        if let Some((_, fk)) = grouped.last_mut() {
            fk.columns.push(row.try_get(2)?);
            fk.references_columns
                .extend(row.try_get::<Option<String>, _>(3)?);
        }
    }
    let mut declared = named_foreign_keys(create_sql);
    let mut out = Vec::new();
    for (_, mut fk) in grouped {
        if fk.references_columns.is_empty() {
            // `REFERENCES parent` without columns means the parent's primary key.
            fk.references_columns = names(
                conn,
                "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
                &[&fk.references_table],
            )
            .await?;
        }
        let position = declared.iter().position(|d| {
            d.parent.eq_ignore_ascii_case(&fk.references_table)
                && d.columns.len() == fk.columns.len()
                && d.columns
                    .iter()
                    .zip(&fk.columns)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b))
        });
        if let Some(position) = position {
            fk.name = Some(declared.remove(position).name);
        }
        out.push(fk);
    }
    out.sort_by(|a, b| (&a.name, &a.columns).cmp(&(&b.name, &b.columns)));
    Ok(out)
}

/// A `CONSTRAINT "name" FOREIGN KEY (cols) REFERENCES parent` of a `CREATE TABLE` text.
#[derive(Debug, PartialEq, Eq)]
struct NamedForeignKey {
    name: String,
    columns: Vec<String>,
    parent: String,
}

/// A token of SQL text: a word or identifier (unquoted), or one punctuation character.
#[derive(Debug, PartialEq, Eq)]
enum Token {
    /// A bare word (`CONSTRAINT`) or a quoted identifier (`"t"`, `` `t` ``, `[t]`), unquoted.
    Word { text: String, quoted: bool },
    /// `(`, `)`, `,`, ...
    Punct(char),
}

/// Splits SQL text into tokens, skipping strings, comments and whitespace.
fn tokenize(sql: &str) -> Vec<Token> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            _ if c.is_whitespace() => i += 1,
            '-' if chars.get(i + 1) == Some(&'-') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
            }
            '\'' | '"' | '`' | '[' => {
                let close = if c == '[' { ']' } else { c };
                let mut text = String::new();
                i += 1;
                while i < chars.len() {
                    if chars[i] == close {
                        if close != ']' && chars.get(i + 1) == Some(&close) {
                            text.push(close);
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    text.push(chars[i]);
                    i += 1;
                }
                i += 1;
                if c != '\'' {
                    out.push(Token::Word { text, quoted: true });
                }
            }
            _ if c.is_alphanumeric() || c == '_' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '$'))
                {
                    i += 1;
                }
                out.push(Token::Word {
                    text: chars[start..i].iter().collect(),
                    quoted: false,
                });
            }
            _ => {
                out.push(Token::Punct(c));
                i += 1;
            }
        }
    }
    out
}

/// The named foreign keys of a `CREATE TABLE` text, in order.
fn named_foreign_keys(create_sql: &str) -> Vec<NamedForeignKey> {
    let tokens = tokenize(create_sql);
    let keyword = |i: usize, word: &str| matches!(tokens.get(i), Some(Token::Word { text, quoted: false }) if text.eq_ignore_ascii_case(word));
    let ident = |i: usize| match tokens.get(i) {
        Some(Token::Word { text, .. }) => Some(text.clone()),
        _ => None,
    };
    let mut out = Vec::new();
    for start in 0..tokens.len() {
        if !(keyword(start, "CONSTRAINT")
            && keyword(start + 2, "FOREIGN")
            && keyword(start + 3, "KEY"))
        {
            continue;
        }
        let (Some(name), Some(Token::Punct('('))) = (ident(start + 1), tokens.get(start + 4))
        else {
            continue;
        };
        let mut columns = Vec::new();
        let mut i = start + 5;
        while let Some(column) = ident(i) {
            columns.push(column);
            i += 1;
            if tokens.get(i) == Some(&Token::Punct(',')) {
                i += 1;
            }
        }
        if tokens.get(i) != Some(&Token::Punct(')')) || !keyword(i + 1, "REFERENCES") {
            continue;
        }
        if let Some(parent) = ident(i + 2) {
            out.push(NamedForeignKey {
                name,
                columns,
                parent,
            });
        }
    }
    out
}

/// Drops the views (when asked) and every table except SQLite's own (SQLite deletes a dropped
/// table's `AUTOINCREMENT` counter with it); the caller holds the transaction and turns
/// foreign keys off.
pub(crate) async fn drop_everything(
    conn: &mut SqliteConnection,
    options: &DropAllOptions,
) -> Result<DropSummary> {
    let run = async |conn: &mut SqliteConnection, sql: String| {
        sqlx::raw_sql(AssertSqlSafe(sql))
            .execute(conn)
            .await
            .map(drop)
    };
    let mut summary = DropSummary::default();
    if options.drop_views {
        summary.views = names(
            conn,
            "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name",
            &[],
        )
        .await?;
        for view in &summary.views {
            run(conn, format!("DROP VIEW {}", q(view))).await?;
        }
    }
    summary.tables = names(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        &[],
    )
    .await?;
    for table in &summary.tables {
        run(conn, format!("DROP TABLE {}", q(table))).await?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_key_names_are_read_from_the_stored_create_table_text() {
        let sql = r#"CREATE TABLE "users" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
            "role_id" INTEGER NOT NULL /* a "comment" with CONSTRAINT "x" FOREIGN KEY */,
            "a""b" TEXT DEFAULT 'CONSTRAINT "y" FOREIGN KEY ("q") REFERENCES "z"',
            CONSTRAINT "users_role_id_foreign" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE,
            CONSTRAINT [two] FOREIGN KEY (a, "a""b") REFERENCES `parent`,
            FOREIGN KEY ("x") REFERENCES "unnamed") STRICT"#;
        assert_eq!(
            named_foreign_keys(sql),
            vec![
                NamedForeignKey {
                    name: "users_role_id_foreign".into(),
                    columns: vec!["role_id".into()],
                    parent: "roles".into(),
                },
                NamedForeignKey {
                    name: "two".into(),
                    columns: vec!["a".into(), "a\"b".into()],
                    parent: "parent".into(),
                },
            ]
        );
    }
}
