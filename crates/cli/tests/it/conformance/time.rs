//! `migration_time` reads the same on every database: `YYYY-MM-DD HH:MM:SS` UTC in the
//! status table, RFC 3339 (`2026-12-03T18:04:05Z`) in `--json`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{Backend, dbtest};

/// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SSZ`, checking the exact form.
fn rfc3339_seconds(text: &str) -> i64 {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> i64 {
        assert!(
            b[r.clone()].iter().all(u8::is_ascii_digit),
            "digits at {r:?} of {text}"
        );
        text[r].parse().expect("digits")
    };
    assert_eq!(b.len(), 20, "YYYY-MM-DDTHH:MM:SSZ: {text}");
    for (at, c) in [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'Z'),
    ] {
        assert_eq!(b[at], c, "{text}");
    }
    let (y, m, d) = (digits(0..4), digits(5..7), digits(8..10));
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + digits(11..13) * 3600 + digits(14..16) * 60 + digits(17..19)
}

fn now() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO);
    i64::try_from(since.as_secs()).expect("seconds fit")
}

dbtest!(
    migration_time_is_utc_seconds_in_the_table_and_rfc3339_in_json,
    |db| {
        if db.backend == Backend::Postgres || db.backend == Backend::PostgresPlugin {
            // A session time zone and date style far from UTC and ISO must not show through.
            let name = db.url.rsplit('/').next().expect("a database name");
            db.execute(&format!(
                "ALTER DATABASE \"{name}\" SET timezone TO 'Asia/Kolkata'"
            ));
            db.execute(&format!(
                "ALTER DATABASE \"{name}\" SET datestyle TO 'SQL, DMY'"
            ));
        }
        db.migration("1_a.toml", &crate::support::create_table("a"));
        let before = now();
        db.ok(&["migration:run"]);
        let after = now();
        let status = db.project.status();
        let json = status["migrations"][0]["migration_time"]
            .as_str()
            .unwrap_or_else(|| panic!("a time: {status}"))
            .to_string();
        let at = rfc3339_seconds(&json);
        assert!(
            before - 5 <= at && at <= after + 5,
            "{json} is the UTC time of the run ({before}..{after})"
        );
        let table = db.ok(&["migration:status"]);
        let shown = json.replace('T', " ").replace('Z', "");
        assert!(
            table.contains(&format!(" {shown} ")),
            "the table shows {shown}:\n{table}"
        );
    }
);
