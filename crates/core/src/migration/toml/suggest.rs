//! The words of error messages: the list of valid words (`` `a`, `b`, `c` ``) and the
//! "did you mean" hint for a word within an edit distance of 2 of a valid one.

pub(crate) fn unknown_key(path: &str, key: &str, what: &str, valid: &[&str]) -> String {
    format!(
        "{path}: unknown {what}{} keys: {}",
        hint(key, valid),
        words(valid)
    )
}

/// `; did you mean `x`? valid` when a valid word is close to `word`, else `; valid`.
pub(super) fn hint(word: &str, valid: &[&str]) -> String {
    match suggest(word, valid) {
        Some(close) => format!("; did you mean `{close}`? valid"),
        None => "; valid".to_string(),
    }
}

/// `` `a`, `b`, `c` ``.
pub(crate) fn words(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The closest valid word within an edit distance of 2, if any.
pub(crate) fn suggest<'w>(word: &str, valid: &[&'w str]) -> Option<&'w str> {
    let lower = word.to_ascii_lowercase();
    valid
        .iter()
        .map(|w| (edit_distance(&lower, w), *w))
        .filter(|(d, _)| *d <= 2 && *d < lower.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, w)| w)
}

/// Levenshtein distance.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::ColumnType;

    #[test]
    fn suggestions_use_the_edit_distance_of_two() {
        assert_eq!(edit_distance("strng", "string"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(suggest("Strin", ColumnType::WORDS), Some("string"));
        assert_eq!(suggest("varchar", ColumnType::WORDS), None);
    }
}
