//! The one printer: every line dbm shows goes through it (colour, `--json`, `--quiet`).
//!
//! Results go to stdout; with `--json`, stdout carries only the JSON document and progress
//! goes to stderr. Warnings and errors always go to stderr.
//!
//! Nothing here fails or panics when a stream is closed: a reader that went away early
//! (`dbm migration:run | head -3`) costs the output it did not read, never the work. Every
//! write in the crate goes through [`stdout`] or [`stderr`], which ignore write errors
//! (`EPIPE` above all: Rust ignores `SIGPIPE`, so writes to a closed pipe return errors, and
//! `println!` would panic on them).

use std::io::{IsTerminal, Write};
use std::time::{Duration, SystemTime};

use anstyle::{AnsiColor, Style};

use crate::args::ColorChoice;

/// Writes `text` to stdout as is, ignoring write errors (a closed pipe).
pub fn stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Writes `text` and a newline to stderr, ignoring write errors (a closed pipe).
pub fn stderr(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

/// A time as a database gives it, read as an instant: `YYYY-MM-DD HH:MM:SS` (or with `T`),
/// then an optional fraction, and `Z` or an offset (`+00`, `+05:30`, `-0800`); no offset is
/// UTC.
pub fn parse_time(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let (base, offset) = match text.get(19..) {
        None | Some("") => (text, 0),
        Some(rest) => match rest.rfind(['+', '-']) {
            Some(at) => {
                let sign = if rest[at..].starts_with('-') { -1 } else { 1 };
                let digits: String = rest[at + 1..].chars().filter(|c| *c != ':').collect();
                if !digits.bytes().all(|b| b.is_ascii_digit()) || ![2, 4].contains(&digits.len()) {
                    return None;
                }
                let hours: i64 = digits[..2].parse().ok()?;
                let minutes: i64 = digits
                    .get(2..)
                    .filter(|m| !m.is_empty())
                    .map_or(Ok(0), str::parse)
                    .ok()?;
                (&text[..19 + at], sign * (hours * 3600 + minutes * 60))
            }
            None => (text.strip_suffix(['Z', 'z']).unwrap_or(text), 0),
        },
    };
    let local = humantime::parse_rfc3339_weak(base).ok()?;
    let shift = Duration::from_secs(offset.unsigned_abs());
    if offset >= 0 {
        local.checked_sub(shift)
    } else {
        local.checked_add(shift)
    }
}

/// A time in UTC as `YYYY-MM-DD HH:MM:SS` (the status table); the text as given when it is
/// not a time [`parse_time`] reads.
pub fn table_time(text: &str) -> String {
    match parse_time(text) {
        Some(time) => humantime::format_rfc3339_seconds(time)
            .to_string()
            .replacen('T', " ", 1)
            .trim_end_matches('Z')
            .to_string(),
        None => text.to_string(),
    }
}

/// A time in UTC as RFC 3339, `2026-12-03T18:04:05Z` (`--json`); the text as given when it
/// is not a time [`parse_time`] reads.
pub fn json_time(text: &str) -> String {
    match parse_time(text) {
        Some(time) => humantime::format_rfc3339_seconds(time).to_string(),
        None => text.to_string(),
    }
}

/// Styles used in output.
pub mod style {
    use anstyle::{AnsiColor, Style};

    /// Success words (`migrated`, `completed`).
    pub const GREEN: Style = AnsiColor::Green.on_default();
    /// Attention words (`pending`).
    pub const YELLOW: Style = AnsiColor::Yellow.on_default();
    /// Failure words (`error`, `missing`).
    pub const RED: Style = AnsiColor::Red.on_default();
    /// Summary lines.
    pub const CYAN: Style = AnsiColor::Cyan.on_default();
    /// The SQL log.
    pub const DIM: Style = Style::new().dimmed();
}

/// Where and how to print.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    quiet: bool,
    json: bool,
    stdout_color: bool,
    stderr_color: bool,
}

fn wants_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Set once a JSON document went to stdout: a failing command under `--json` that has not
/// written its own document gets a `{ "status": "error" }` one.
static JSON_WRITTEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

impl Printer {
    /// Whether a JSON document was written.
    pub fn json_written(&self) -> bool {
        JSON_WRITTEN.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A printer for the given flags.
    pub fn new(color: ColorChoice, quiet: bool, json: bool) -> Self {
        Self {
            quiet,
            json,
            stdout_color: wants_color(color, std::io::stdout().is_terminal()),
            stderr_color: wants_color(color, std::io::stderr().is_terminal()),
        }
    }

    /// Whether `--quiet` is on.
    pub fn quiet(&self) -> bool {
        self.quiet
    }

    /// Whether `--json` is on.
    pub fn json_mode(&self) -> bool {
        self.json
    }

    /// Whether stderr gets colour.
    pub fn stderr_color(&self) -> bool {
        self.stderr_color
    }

    fn paint(enabled: bool, style: Style, text: &str) -> String {
        if enabled {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    /// `text` in `style` for the stream progress lines go to.
    pub fn styled(&self, style: Style, text: &str) -> String {
        Self::paint(
            if self.json {
                self.stderr_color
            } else {
                self.stdout_color
            },
            style,
            text,
        )
    }

    /// `text` in `style` for stdout.
    pub fn styled_stdout(&self, style: Style, text: &str) -> String {
        Self::paint(self.stdout_color, style, text)
    }

    /// A progress or result line: stdout, or stderr under `--json`; nothing under `--quiet`.
    pub fn line(&self, text: &str) {
        if self.quiet {
            return;
        }
        if self.json {
            stderr(text);
        } else {
            stdout(&format!("{text}\n"));
        }
    }

    /// A `❯ <word> <name>` progress line.
    pub fn arrow(&self, word: &str, style: Style, rest: &str) {
        self.line(&format!(
            "{} {} {rest}",
            self.styled(style, "❯"),
            self.styled(style, word)
        ));
    }

    /// A warning on stderr (shown even with `--quiet`? no: quiet hides warnings).
    pub fn warn(&self, text: &str) {
        if self.quiet {
            return;
        }
        stderr(&format!(
            "{} {text}",
            Self::paint(
                self.stderr_color,
                AnsiColor::Yellow.on_default().bold(),
                "warning:"
            )
        ));
    }

    /// An error on stderr, always shown.
    pub fn error(&self, text: &str) {
        stderr(&format!(
            "{} {text}",
            Self::paint(
                self.stderr_color,
                AnsiColor::Red.on_default().bold(),
                "error:"
            )
        ));
    }

    /// The JSON document on stdout.
    pub fn json<T: serde::Serialize + ?Sized>(&self, value: &T) {
        JSON_WRITTEN.store(true, std::sync::atomic::Ordering::Relaxed);
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        if serde_json::to_writer_pretty(&mut out, value).is_err() {
            let _ = write!(out, "{{}}");
        }
        let _ = writeln!(out);
        let _ = out.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_every_database_read_the_same() {
        for text in [
            "2026-12-03 18:04:05",
            "2026-12-03T18:04:05Z",
            "2026-12-03 18:04:05.311178+00",
            "2026-12-03 18:04:05+00:00",
            "2026-12-03 23:34:05.9+05:30",
            "2026-12-03 10:04:05-0800",
            "2026-12-03 18:04:05.123",
        ] {
            assert_eq!(table_time(text), "2026-12-03 18:04:05", "{text}");
            assert_eq!(json_time(text), "2026-12-03T18:04:05Z", "{text}");
        }
        for text in [
            "yesterday",
            "2026-12-03",
            "2026-12-03 18:04:05+5",
            "2026-12-03 18:04:05+ab:cd",
            "ü2026-12-03 18:04:05",
        ] {
            assert_eq!(table_time(text), text);
            assert_eq!(json_time(text), text);
        }
    }
}
