//! Generated names: stable and portable, the same on every dialect.
//!
//! `users_role_id_foreign`, `users_email_unique`, `users_email_index`, `users_pkey`. A name
//! longer than [`MAX_NAME_BYTES`] is cut and ends in `_` and eight hex digits of its SHA-256,
//! by one rule on every dialect (PostgreSQL silently truncates at 63 bytes; MySQL rejects
//! names over 64).

use sha2::{Digest, Sha256};

use super::{ConstraintRef, CreateIndex, ForeignKey, IndexDef};

/// The longest generated name, in bytes.
pub const MAX_NAME_BYTES: usize = 63;

/// Applies the 63-byte rule to a name.
pub fn fit(name: &str) -> String {
    if name.len() <= MAX_NAME_BYTES {
        return name.to_string();
    }
    let digest = Sha256::digest(name.as_bytes());
    let hash = crate::util::hex(&digest[..4]);
    let mut end = MAX_NAME_BYTES - hash.len() - 1;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}_{hash}", &name[..end])
}

fn generated(table: &str, columns: &[String], suffix: &str) -> String {
    fit(&format!("{table}_{}_{suffix}", columns.join("_")))
}

/// `t_a_b_index`.
pub fn index_name(table: &str, columns: &[String]) -> String {
    generated(table, columns, "index")
}

/// `t_a_b_unique`.
pub fn unique_name(table: &str, columns: &[String]) -> String {
    generated(table, columns, "unique")
}

/// `t_a_foreign`.
pub fn foreign_key_name(table: &str, columns: &[String]) -> String {
    generated(table, columns, "foreign")
}

/// `t_pkey`.
pub fn primary_key_name(table: &str) -> String {
    fit(&format!("{table}_pkey"))
}

/// `t_c_check`: the check constraint of an enum column where it is a check.
pub fn check_name(table: &str, column: &str) -> String {
    fit(&format!("{table}_{column}_check"))
}

/// `t_c_enum`: the type of a `native = true` enum column (PostgreSQL).
pub fn enum_type_name(table: &str, column: &str) -> String {
    fit(&format!("{table}_{column}_enum"))
}

/// The English singular of a snake_case name's last word (`categories` → `category`,
/// `user_roles` → `user_role`, `people` → `person`), with the rules of the `pluralize`
/// npm package that Lucid uses; `status`, `analysis` and `address` stay as they are.
pub fn singular(word: &str) -> String {
    inflect_last_word(word, 1)
}

/// The English plural of a snake_case name's last word (`role` → `roles`, `category` →
/// `categories`, `user_role` → `user_roles`, `person` → `people`); a plural stays as it is.
pub fn plural(word: &str) -> String {
    inflect_last_word(word, 2)
}

fn inflect_last_word(word: &str, count: isize) -> String {
    let (stem, last) = match word.rfind('_') {
        Some(pos) => word.split_at(pos + 1),
        None => ("", word),
    };
    if last.is_empty() {
        return word.to_string();
    }
    format!("{stem}{}", pluralizer::pluralize(last, count, false))
}

/// The kind of a named object, for resolving a [`ConstraintRef`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// An index.
    Index,
    /// A unique constraint.
    Unique,
    /// A foreign key.
    Foreign,
}

/// The name a [`ConstraintRef`] stands for on `table`.
pub fn resolve(table: &str, reference: &ConstraintRef, kind: NameKind) -> String {
    match reference {
        ConstraintRef::Name(name) => name.clone(),
        ConstraintRef::Columns(columns) => match kind {
            NameKind::Index => index_name(table, columns),
            NameKind::Unique => unique_name(table, columns),
            NameKind::Foreign => foreign_key_name(table, columns),
        },
    }
}

impl IndexDef {
    /// The index's name on `table`: its own, else the generated index name.
    pub fn index_name(&self, table: &str) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| index_name(table, &self.columns))
    }

    /// The unique constraint's name on `table`: its own, else the generated unique name.
    pub fn unique_name(&self, table: &str) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| unique_name(table, &self.columns))
    }
}

impl CreateIndex {
    /// The index's name: its own, else the generated unique or index name on its table.
    pub fn resolved_name(&self) -> String {
        self.name.clone().unwrap_or_else(|| {
            if self.unique {
                unique_name(&self.table, &self.columns)
            } else {
                index_name(&self.table, &self.columns)
            }
        })
    }
}

impl ForeignKey {
    /// The foreign key's name on `table`: its own, else the generated name.
    pub fn name_on(&self, table: &str) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| foreign_key_name(table, &self.columns))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_and_plural_inflect_the_last_word_of_a_name() {
        for (one, many) in [
            ("user", "users"),
            ("role", "roles"),
            ("challenge", "challenges"),
            ("category", "categories"),
            ("box", "boxes"),
            ("status", "statuses"),
            ("person", "people"),
            ("user_role", "user_roles"),
            ("address", "addresses"),
        ] {
            assert_eq!(plural(one), many, "plural of {one}");
            assert_eq!(plural(many), many, "a plural stays: {many}");
            assert_eq!(singular(many), one, "singular of {many}");
            assert_eq!(singular(one), one, "a singular stays: {one}");
        }
        assert_eq!(singular("class"), "class");
        assert_eq!(singular("analysis"), "analysis");
        assert_eq!(plural("news"), "news");
    }

    #[test]
    fn generated_names_follow_the_table_columns_suffix_pattern() {
        let cols = vec!["role_id".to_string()];
        assert_eq!(foreign_key_name("users", &cols), "users_role_id_foreign");
        assert_eq!(
            unique_name("users", &["email".into()]),
            "users_email_unique"
        );
        assert_eq!(
            index_name("users", &["a".into(), "b".into()]),
            "users_a_b_index"
        );
        assert_eq!(primary_key_name("users"), "users_pkey");
    }

    #[test]
    fn long_names_are_cut_to_63_bytes_and_end_in_a_hash() {
        let table = "a_very_long_table_name_that_goes_on_and_on";
        let cols = vec!["another_very_long_column_name".to_string()];
        let name = foreign_key_name(table, &cols);
        assert_eq!(name.len(), 63);
        assert!(name.starts_with("a_very_long_table_name_that_goes_on_and_on_another_ve"));
        let other = foreign_key_name(table, &["another_very_long_column_name2".to_string()]);
        assert_ne!(name, other, "different long names keep different hashes");
        assert_eq!(fit(&name), name, "a fitted name is stable");
    }
}
