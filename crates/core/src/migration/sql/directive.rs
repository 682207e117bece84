//! Directive lines of a `.sql` migration: the section markers (`-- dbm:up`, dbmate's
//! `-- migrate:down`, ...), `-- dbm:no-transaction` and the statement fences, with the
//! "did you mean" for a comment close to one.

/// A directive line: a marker (`-- dbm:up`, `-- migrate:down`, ...) or a fence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Directive {
    Up { transaction: bool },
    Down { transaction: bool },
    NoTransaction,
    StatementBegin,
    StatementEnd,
}

/// The marker and directive lines, as they are written (after `-- `), with what each is.
/// dbmate's also allow no space after the `--` (`--migrate:up`), as dbmate does.
const MARKERS: [(&str, Directive); 7] = [
    ("dbm:up", Directive::Up { transaction: true }),
    ("dbm:down", Directive::Down { transaction: true }),
    ("dbm:no-transaction", Directive::NoTransaction),
    ("dbm:statement-begin", Directive::StatementBegin),
    ("dbm:statement-end", Directive::StatementEnd),
    ("migrate:up", Directive::Up { transaction: true }),
    ("migrate:down", Directive::Down { transaction: true }),
];

/// How far (in edits) a comment's first word may be from a marker and still be read as a
/// misspelt marker rather than as an ordinary comment.
const MISSPELLING_DISTANCE: usize = 2;

/// How much of a line an error message quotes.
const QUOTED_LINE: usize = 60;

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Splits `s` into its first whitespace-delimited word and the trimmed rest.
fn split_word(s: &str) -> (&str, &str) {
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    (&s[..end], s[end..].trim())
}

/// The first word of a comment's text as it is compared with the markers: lower case, with
/// the whitespace around its colon removed (`DBM : Down` reads `dbm:down`). Only the start of
/// the text matters, as no marker is longer than a few words.
fn marker_candidate(text: &str) -> String {
    let head: String = text.chars().take(64).collect::<String>().to_lowercase();
    let mut joined = String::with_capacity(head.len());
    let mut chars = head.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            let mut rest = chars.clone();
            while rest.peek().is_some_and(|c| c.is_whitespace()) {
                rest.next();
            }
            let before_colon = rest.peek() == Some(&':');
            let after_colon = joined.ends_with(':');
            if before_colon || after_colon {
                chars = rest;
                continue;
            }
            break;
        }
        joined.push(c);
    }
    joined
}

/// The marker that `candidate` (see [`marker_candidate`]) is a misspelling of, if any: the
/// closest one within [`MISSPELLING_DISTANCE`] edits.
fn misspelt_marker(candidate: &str) -> Option<&'static str> {
    let length = candidate.chars().count();
    MARKERS
        .iter()
        .map(|(marker, _)| *marker)
        .filter(|marker| marker.len().abs_diff(length) <= MISSPELLING_DISTANCE)
        .map(|marker| {
            (
                crate::migration::toml::suggest::edit_distance(candidate, marker),
                marker,
            )
        })
        .filter(|(distance, _)| *distance <= MISSPELLING_DISTANCE)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, marker)| marker)
}

fn marker_list() -> String {
    MARKERS
        .iter()
        .map(|(marker, _)| format!("`-- {marker}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads one line as a directive: `Ok(None)` for an ordinary line or comment, `Err` for a
/// misspelt one.
///
/// A directive is a line of its own, `--`, a space and the marker in lower case
/// (`-- dbm:down`; dbmate's `--migrate:up` also without the space), with surrounding
/// whitespace allowed. A `--` comment whose first word, in lower case and without spaces
/// around its colon, is within two edits of a marker (`-- fbm:down`, `--dbm:down`,
/// `-- dbm: down`, `-- DBM:Down`) is an error with a "did you mean", as is any other
/// `-- dbm:` or `-- migrate:` word: a marker that does not count would silently run one
/// section as part of the other.
pub(super) fn parse_directive(line: &str) -> Result<Option<Directive>, String> {
    let Some(comment) = line.trim().strip_prefix("--") else {
        return Ok(None);
    };
    let text = comment.trim_start();
    let spaced = text.len() < comment.len();
    let (word, rest) = split_word(text);
    let exact = MARKERS
        .iter()
        .find(|(marker, _)| *marker == word)
        .filter(|(marker, _)| spaced || marker.starts_with("migrate:"));
    if let Some(&(marker, directive)) = exact {
        return match directive {
            Directive::Up { .. } | Directive::Down { .. } if marker.starts_with("migrate:") => {
                dbmate_marker(directive, marker, rest).map(Some)
            }
            _ if !rest.is_empty() => Err(format!(
                "unexpected text `{}` after `-- {marker}`; a directive is a line of its own",
                crate::util::cut(rest, QUOTED_LINE)
            )),
            _ => Ok(Some(directive)),
        };
    }
    let shown = crate::util::cut(line.trim(), QUOTED_LINE);
    if let Some(marker) = misspelt_marker(&marker_candidate(text)) {
        return Err(format!(
            "`{shown}` is not a marker; did you mean `-- {marker}`? A marker is written exactly \
             so, in lower case after `-- `; reword the comment if it is not meant as one"
        ));
    }
    if strip_prefix_ignore_case(word, "dbm:").is_some()
        || strip_prefix_ignore_case(word, "migrate:").is_some()
    {
        return Err(format!(
            "unknown marker `{shown}`; the markers are {}",
            marker_list()
        ));
    }
    Ok(None)
}

/// dbmate's `-- migrate:up` / `-- migrate:down` with its options (`transaction:false`).
fn dbmate_marker(directive: Directive, marker: &str, options: &str) -> Result<Directive, String> {
    let mut transaction = true;
    for option in options.split_whitespace() {
        if option.eq_ignore_ascii_case("transaction:false") {
            transaction = false;
        } else if option.eq_ignore_ascii_case("transaction:true") {
            transaction = true;
        } else {
            return Err(format!(
                "unknown option `{}` on `-- {marker}`; the valid ones are `transaction:false` \
                 and `transaction:true`",
                crate::util::cut(option, QUOTED_LINE)
            ));
        }
    }
    Ok(match directive {
        Directive::Up { .. } => Directive::Up { transaction },
        _ => Directive::Down { transaction },
    })
}
