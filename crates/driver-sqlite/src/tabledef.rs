//! A stored `CREATE TABLE` statement taken apart: column definitions and table constraints,
//! cut at the commas of nesting depth zero, each kept as its original text.
//!
//! The rebuild edits this form and writes it back, so everything dbm does not touch — CHECK
//! constraints, `COLLATE`, generated columns, constraint names, comments, `WITHOUT ROWID` —
//! survives exactly as written. (`PRAGMA table_info` loses all of those.)

use crate::sqltext::{self, Kind, Token, column_list, same_name, tokenize};

/// A parsed `CREATE TABLE` statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableDef {
    /// Column definitions and table constraints, in order.
    pub items: Vec<Item>,
    /// The text after the closing parenthesis (`WITHOUT ROWID`, `STRICT`), verbatim.
    pub tail: String,
}

/// One element between the parentheses of `CREATE TABLE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    /// A column definition.
    Column(ColumnDef),
    /// A table constraint.
    Constraint(TableConstraint),
}

/// A column definition: its name and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ColumnDef {
    /// The column's name, unquoted.
    pub name: String,
    /// The definition as written (`"email" varchar(254) NOT NULL /* comment */`).
    pub text: String,
}

/// What a table constraint is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ConstraintKind {
    /// `PRIMARY KEY (...)`.
    PrimaryKey,
    /// `UNIQUE (...)`.
    Unique,
    /// `CHECK (...)`.
    Check,
    /// `FOREIGN KEY (...) REFERENCES parent ...`.
    ForeignKey {
        /// The referenced table.
        parent: String,
    },
}

/// A table constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableConstraint {
    /// The constraint's name (`CONSTRAINT "x" ...`), unquoted.
    pub name: Option<String>,
    /// What it is.
    pub kind: ConstraintKind,
    /// The constrained columns (empty for CHECK).
    pub columns: Vec<String>,
    /// The constraint as written.
    pub text: String,
}

impl TableConstraint {
    /// True when the constraint involves `column`.
    pub fn involves(&self, column: &str) -> bool {
        match self.kind {
            ConstraintKind::Check => {
                let tokens = tokenize(&self.text);
                sqltext::mentions(&self.text, &tokens, column)
            }
            _ => self.columns.iter().any(|c| same_name(c, column)),
        }
    }

    /// True when the constraint is named `name`.
    pub fn is_named(&self, name: &str) -> bool {
        self.name.as_deref().is_some_and(|n| same_name(n, name))
    }
}

impl TableDef {
    /// Parses a stored `CREATE TABLE` statement.
    ///
    /// # Errors
    ///
    /// A statement without a parenthesized body, or with an empty element, as a sentence.
    pub fn parse(sql: &str) -> Result<Self, String> {
        let tokens = tokenize(sql);
        let open = tokens
            .iter()
            .position(|t| t.is('('))
            .ok_or("the stored CREATE TABLE statement has no column list")?;
        let close = sqltext::matching_paren(&tokens, open)
            .ok_or("the stored CREATE TABLE statement has an unbalanced parenthesis")?;
        let inner = &tokens[open + 1..close];
        let mut items = Vec::new();
        let mut from = tokens[open].end;
        let groups = sqltext::split_top_level_commas(inner);
        for (n, group) in groups.iter().enumerate() {
            let to = match groups.get(n + 1) {
                Some(next) => inner[next.start - 1].start,
                None => tokens[close].start,
            };
            let text = sql[from..to].trim();
            if group.is_empty() {
                return Err("the stored CREATE TABLE statement has an empty element".into());
            }
            items.push(Item::parse(text));
            from = to + 1;
        }
        Ok(Self {
            items,
            tail: sql[tokens[close].end..].to_string(),
        })
    }

    /// Writes the table back as `CREATE TABLE <name> (...)<tail>`; `name` is quoted already.
    pub fn render(&self, quoted_name: &str) -> String {
        let items: Vec<&str> = self.items.iter().map(Item::text).collect();
        format!(
            "CREATE TABLE {quoted_name} ({}){}",
            items.join(", "),
            self.tail
        )
    }

    /// The column definitions in order.
    pub fn columns(&self) -> impl Iterator<Item = &ColumnDef> {
        self.items.iter().filter_map(|item| match item {
            Item::Column(column) => Some(column),
            Item::Constraint(_) => None,
        })
    }

    /// The table constraints in order.
    pub fn constraints(&self) -> impl Iterator<Item = &TableConstraint> {
        self.items.iter().filter_map(|item| match item {
            Item::Constraint(constraint) => Some(constraint),
            Item::Column(_) => None,
        })
    }

    /// The position in [`TableDef::items`] of the column named `name`.
    pub fn column_position(&self, name: &str) -> Option<usize> {
        self.items
            .iter()
            .position(|item| matches!(item, Item::Column(c) if same_name(&c.name, name)))
    }

    /// Inserts a column definition after the last one (table constraints must come last).
    pub fn push_column(&mut self, column: ColumnDef) {
        let at = self
            .items
            .iter()
            .rposition(|item| matches!(item, Item::Column(_)))
            .map_or(0, |p| p + 1);
        self.items.insert(at, Item::Column(column));
    }

    /// The primary key's columns, from a table constraint or a column's `PRIMARY KEY`.
    pub fn primary_key(&self) -> Vec<String> {
        if let Some(pk) = self
            .constraints()
            .find(|c| c.kind == ConstraintKind::PrimaryKey)
        {
            return pk.columns.clone();
        }
        self.columns()
            .filter(|c| c.has(SegmentKind::PrimaryKey))
            .map(|c| c.name.clone())
            .collect()
    }

    /// The foreign keys as `(name, columns, parent table)`: table constraints and column
    /// `REFERENCES` clauses, in order.
    pub fn foreign_keys(&self) -> Vec<(Option<String>, Vec<String>, String)> {
        let mut out = Vec::new();
        for item in &self.items {
            match item {
                Item::Constraint(TableConstraint {
                    name,
                    kind: ConstraintKind::ForeignKey { parent },
                    columns,
                    ..
                }) => out.push((name.clone(), columns.clone(), parent.clone())),
                Item::Constraint(_) => {}
                Item::Column(column) => {
                    for segment in column.segments() {
                        if let SegmentKind::References { parent } = segment.kind {
                            out.push((segment.name, vec![column.name.clone()], parent));
                        }
                    }
                }
            }
        }
        out
    }
}

impl Item {
    fn parse(text: &str) -> Self {
        let tokens = tokenize(text);
        let first = tokens.first();
        let keyword = |word: &str| first.is_some_and(|t| t.is_word(text, word));
        if ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]
            .iter()
            .any(|w| keyword(w))
        {
            return Self::Constraint(TableConstraint::parse(text, &tokens));
        }
        let name = first.and_then(|t| t.ident(text)).unwrap_or_default();
        Self::Column(ColumnDef {
            name,
            text: text.to_string(),
        })
    }

    /// The element's text.
    pub fn text(&self) -> &str {
        match self {
            Self::Column(column) => &column.text,
            Self::Constraint(constraint) => &constraint.text,
        }
    }
}

impl TableConstraint {
    fn parse(text: &str, tokens: &[Token]) -> Self {
        let mut i = 0;
        let mut name = None;
        if tokens
            .first()
            .is_some_and(|t| t.is_word(text, "CONSTRAINT"))
        {
            name = tokens.get(1).and_then(|t| t.ident(text));
            i = 2;
        }
        let first_paren = |from: usize| tokens.iter().skip(from).position(|t| t.is('('));
        let columns_from = |from: usize| {
            first_paren(from)
                .map(|p| column_list(text, tokens, from + p))
                .unwrap_or_default()
        };
        let keyword = |word: &str| tokens.get(i).is_some_and(|t| t.is_word(text, word));
        let (kind, columns) = if keyword("PRIMARY") {
            (ConstraintKind::PrimaryKey, columns_from(i))
        } else if keyword("UNIQUE") {
            (ConstraintKind::Unique, columns_from(i))
        } else if keyword("FOREIGN") {
            let parent = tokens
                .iter()
                .position(|t| t.is_word(text, "REFERENCES"))
                .and_then(|r| tokens.get(r + 1))
                .and_then(|t| t.ident(text))
                .unwrap_or_default();
            (ConstraintKind::ForeignKey { parent }, columns_from(i))
        } else {
            (ConstraintKind::Check, Vec::new())
        };
        Self {
            name,
            kind,
            columns,
            text: text.to_string(),
        }
    }
}

/// What a part of a column definition is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SegmentKind {
    /// The name and the declared type.
    Type,
    /// `PRIMARY KEY ...`.
    PrimaryKey,
    /// `NOT NULL ...`.
    NotNull,
    /// `NULL`.
    Null,
    /// `UNIQUE ...`.
    Unique,
    /// `CHECK (...)`.
    Check,
    /// `DEFAULT ...`.
    Default,
    /// `COLLATE name`.
    Collate,
    /// `REFERENCES parent ...`.
    References {
        /// The referenced table.
        parent: String,
    },
    /// `GENERATED ALWAYS AS (...)` or `AS (...)`.
    Generated,
}

/// One part of a column definition, with its byte span in [`ColumnDef::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segment {
    /// What it is.
    pub kind: SegmentKind,
    /// Its constraint name (`CONSTRAINT "x" REFERENCES ...`).
    pub name: Option<String>,
    /// The first byte (of `CONSTRAINT` when named).
    pub start: usize,
    /// One past its last token.
    pub end: usize,
}

const SEGMENT_WORDS: &[&str] = &[
    "CONSTRAINT",
    "PRIMARY",
    "NOT",
    "NULL",
    "UNIQUE",
    "CHECK",
    "DEFAULT",
    "COLLATE",
    "REFERENCES",
    "GENERATED",
    "AS",
];

impl ColumnDef {
    /// Cuts the definition into its type and its column constraints.
    pub fn segments(&self) -> Vec<Segment> {
        let src = self.text.as_str();
        let tokens = tokenize(src);
        let mut segments = vec![Segment {
            kind: SegmentKind::Type,
            name: None,
            start: 0,
            end: tokens.first().map_or(0, |t| t.end),
        }];
        let mut depth = 0usize;
        let mut named_pending = false;
        let mut i = 1;
        while i < tokens.len() {
            let token = tokens[i];
            if depth == 0 && starts_segment(src, &tokens, i) {
                if token.is_word(src, "CONSTRAINT") {
                    segments.push(Segment {
                        kind: SegmentKind::Check,
                        name: tokens.get(i + 1).and_then(|t| t.ident(src)),
                        start: token.start,
                        end: tokens.get(i + 1).map_or(token.end, |t| t.end),
                    });
                    named_pending = true;
                    i += 2;
                    continue;
                }
                let kind = segment_kind(src, &tokens, i);
                if named_pending {
                    if let Some(last) = segments.last_mut() {
                        last.kind = kind;
                    }
                    named_pending = false;
                } else {
                    segments.push(Segment {
                        kind,
                        name: None,
                        start: token.start,
                        end: token.end,
                    });
                }
            }
            match token.kind {
                Kind::Punct('(') => depth += 1,
                Kind::Punct(')') => depth = depth.saturating_sub(1),
                _ => {}
            }
            if let Some(last) = segments.last_mut() {
                last.end = token.end;
            }
            i += 1;
        }
        segments
    }

    /// True when the definition has a segment of this kind (`References` matches any parent).
    pub fn has(&self, kind: SegmentKind) -> bool {
        self.segments().iter().any(|s| match (&s.kind, &kind) {
            (SegmentKind::References { .. }, SegmentKind::References { .. }) => true,
            (a, b) => a == b,
        })
    }

    /// True for a generated column (`AS (...)`), which an `INSERT` cannot fill.
    pub fn is_generated(&self) -> bool {
        self.has(SegmentKind::Generated)
    }

    /// The text of one segment.
    pub fn segment_text(&self, segment: &Segment) -> &str {
        &self.text[segment.start..segment.end]
    }

    /// The definition without one of its segments (the next segment, or the rest of the
    /// text such as a trailing comment, stays).
    pub fn without(&self, segment: &Segment) -> String {
        let segments = self.segments();
        let next_start = segments
            .iter()
            .find(|s| s.start > segment.start)
            .map_or(segment.end, |s| s.start);
        let head = self.text[..segment.start].trim_end();
        let rest = self.text[next_start..].trim_start();
        if rest.is_empty() {
            head.to_string()
        } else {
            format!("{head} {rest}")
        }
    }
}

fn starts_segment(src: &str, tokens: &[Token], i: usize) -> bool {
    let token = tokens[i];
    if token.kind != Kind::Word || !SEGMENT_WORDS.iter().any(|w| token.is_word(src, w)) {
        return false;
    }
    let prev = |word: &str| i > 0 && tokens[i - 1].is_word(src, word);
    let next = |word: &str| tokens.get(i + 1).is_some_and(|t| t.is_word(src, word));
    if token.is_word(src, "NOT") {
        return next("NULL");
    }
    if token.is_word(src, "NULL") || token.is_word(src, "DEFAULT") {
        return !prev("SET") && !prev("NOT");
    }
    if token.is_word(src, "AS") {
        return !prev("ALWAYS");
    }
    true
}

fn segment_kind(src: &str, tokens: &[Token], i: usize) -> SegmentKind {
    let word = tokens[i].text(src).to_ascii_uppercase();
    match word.as_str() {
        "PRIMARY" => SegmentKind::PrimaryKey,
        "NOT" => SegmentKind::NotNull,
        "NULL" => SegmentKind::Null,
        "UNIQUE" => SegmentKind::Unique,
        "CHECK" => SegmentKind::Check,
        "DEFAULT" => SegmentKind::Default,
        "COLLATE" => SegmentKind::Collate,
        "REFERENCES" => SegmentKind::References {
            parent: tokens
                .get(i + 1)
                .and_then(|t| t.ident(src))
                .unwrap_or_default(),
        },
        _ => SegmentKind::Generated,
    }
}

/// The tokens of a stored `CREATE INDEX` statement after `ON <table>`: its columns,
/// expressions and `WHERE` clause.
pub(crate) fn index_body(sql: &str) -> (Vec<Token>, usize) {
    let tokens = tokenize(sql);
    let on = tokens
        .iter()
        .position(|t| t.is_word(sql, "ON"))
        .map_or(tokens.len(), |p| p + 2);
    let from = on.min(tokens.len());
    (tokens, from)
}

/// True when a stored `CREATE INDEX` statement involves `column`.
pub(crate) fn index_involves(sql: &str, column: &str) -> bool {
    let (tokens, from) = index_body(sql);
    sqltext::mentions(sql, &tokens[from..], column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const USERS: &str = "CREATE TABLE \"users\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \
        \"role_id\" integer NOT NULL DEFAULT 1 /* the role, see \"roles\" */, \
        \"price\" decimal(8, 2) CHECK (price > 0) COLLATE NOCASE, \
        total AS (price * 2), \
        CONSTRAINT \"users_role_id_foreign\" FOREIGN KEY (\"role_id\") REFERENCES \"roles\" (\"id\") ON DELETE CASCADE, \
        UNIQUE (role_id, price)) STRICT";

    #[test]
    fn a_table_splits_into_columns_and_constraints_at_top_level_commas() {
        let def = TableDef::parse(USERS).expect("parses");
        let names: Vec<&str> = def.columns().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["id", "role_id", "price", "total"]);
        let constraints: Vec<&TableConstraint> = def.constraints().collect();
        assert_eq!(constraints.len(), 2);
        assert!(constraints[0].is_named("USERS_ROLE_ID_FOREIGN"));
        assert_eq!(
            constraints[0].kind,
            ConstraintKind::ForeignKey {
                parent: "roles".into()
            }
        );
        assert_eq!(constraints[1].columns, vec!["role_id", "price"]);
        assert_eq!(def.tail, " STRICT");
        assert_eq!(def.render("\"users\""), USERS);
    }

    #[test]
    fn comments_stay_inside_their_column_definition() {
        let def = TableDef::parse(USERS).expect("parses");
        let role = def.columns().nth(1).expect("role_id");
        assert!(role.text.ends_with("/* the role, see \"roles\" */"));
    }

    #[test]
    fn column_segments_separate_constraints_from_the_type() {
        let def = TableDef::parse(USERS).expect("parses");
        let price = def.columns().nth(2).expect("price");
        let kinds: Vec<SegmentKind> = price.segments().into_iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            vec![SegmentKind::Type, SegmentKind::Check, SegmentKind::Collate]
        );
        assert!(def.columns().nth(3).expect("total").is_generated());
        assert_eq!(def.primary_key(), vec!["id"]);
    }

    #[test]
    fn references_clauses_with_set_null_and_not_deferrable_are_one_segment() {
        let column = ColumnDef {
            name: "a".into(),
            text: "a int CONSTRAINT fk REFERENCES p(id) ON DELETE SET NULL ON UPDATE SET DEFAULT NOT DEFERRABLE NOT NULL".into(),
        };
        let segments = column.segments();
        assert_eq!(segments.len(), 3);
        assert_eq!(segments[1].name.as_deref(), Some("fk"));
        assert_eq!(
            column.segment_text(&segments[1]),
            "CONSTRAINT fk REFERENCES p(id) ON DELETE SET NULL ON UPDATE SET DEFAULT NOT DEFERRABLE"
        );
        assert_eq!(column.without(&segments[1]), "a int NOT NULL");
    }

    #[test]
    fn foreign_keys_come_from_constraints_and_column_references() {
        let sql = "CREATE TABLE c (p_id integer CONSTRAINT \"c_p\" REFERENCES p, q_id int, FOREIGN KEY (q_id) REFERENCES q(id))";
        let def = TableDef::parse(sql).expect("parses");
        assert_eq!(
            def.foreign_keys(),
            vec![
                (Some("c_p".into()), vec!["p_id".into()], "p".into()),
                (None, vec!["q_id".into()], "q".into()),
            ]
        );
    }

    #[test]
    fn index_involvement_looks_after_the_table_name() {
        let sql = "CREATE INDEX \"email\" ON \"users\" (lower(\"email\")) WHERE deleted_at IS NULL";
        assert!(index_involves(sql, "email"));
        assert!(index_involves(sql, "deleted_at"));
        assert!(!index_involves(sql, "users"));
    }
}
