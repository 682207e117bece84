//! Rows of MySQL results as [`Value`]s, by each column's type.
//!
//! | MySQL type | [`Value`] |
//! |---|---|
//! | `tinyint` … `bigint`, `boolean`, `year`, `bit` | `Integer` (an unsigned value above `i64::MAX` becomes `Text`) |
//! | `float`, `double` | `Float` |
//! | `decimal` | `Text` (exact digits) |
//! | `char`, `varchar`, `text`, `enum`, `set`, `json` | `Text` |
//! | `date`, `time`, `datetime`, `timestamp` | `Text` in MySQL's format (`2024-01-31 12:00:00`) |
//! | `binary`, `varbinary`, `blob` | `Bytes` |
//!
//! Prepared statements answer in the binary protocol, plain statements in the text protocol;
//! both are read here. Temporal values of the binary protocol are formatted as the text
//! protocol would show them. Anything else (`geometry`) is a `Query` error that names the
//! column and suggests a `CAST`.

use dbm_core::Value;
use dbm_core::driver::Row;
use sqlx::mysql::{MySql, MySqlRow, MySqlTypeInfo, MySqlValueRef};
use sqlx::{Column as _, Decode, Row as _, Type, TypeInfo as _, ValueRef as _};

use crate::error::{MysqlError, Result};

/// Reads every value of a row.
pub(crate) fn decode_row(row: &MySqlRow) -> Result<Row> {
    let mut values = Vec::with_capacity(row.len());
    for index in 0..row.len() {
        let raw = row.try_get_raw(index)?;
        let value = decode_value(raw).map_err(|error| match error {
            Failure::Unsupported(type_name) => MysqlError::Decode {
                index,
                column: row.columns()[index].name().to_string(),
                type_name,
            },
            Failure::Decode(source) => MysqlError::Sql(sqlx::Error::ColumnDecode {
                index: index.to_string(),
                source,
            }),
        })?;
        values.push(value);
    }
    Ok(Row { values })
}

/// Why a value could not be read.
enum Failure {
    /// A type dbm has no [`Value`] for (its name).
    Unsupported(String),
    /// The bytes did not decode as the type says.
    Decode(sqlx::error::BoxDynError),
}

impl From<sqlx::error::BoxDynError> for Failure {
    fn from(error: sqlx::error::BoxDynError) -> Self {
        Self::Decode(error)
    }
}

fn decode_value(raw: MySqlValueRef<'_>) -> Result<Value, Failure> {
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let info: MySqlTypeInfo = raw.type_info().into_owned();
    let name = info.name().to_string();
    if <u64 as Type<MySql>>::compatible(&info) || matches!(name.as_str(), "YEAR" | "BIT") {
        let value = <u64 as Decode<MySql>>::decode(raw)?;
        return Ok(match i64::try_from(value) {
            Ok(small) => Value::Integer(small),
            Err(_) => Value::Text(value.to_string()),
        });
    }
    if <i64 as Type<MySql>>::compatible(&info) {
        return Ok(Value::Integer(<i64 as Decode<MySql>>::decode(raw)?));
    }
    if <f64 as Type<MySql>>::compatible(&info) {
        return Ok(Value::Float(<f64 as Decode<MySql>>::decode(raw)?));
    }
    match name.as_str() {
        "DATE" | "DATETIME" | "TIMESTAMP" | "TIME" => {
            let bytes = <&[u8] as Decode<MySql>>::decode(raw)?;
            return Ok(Value::Text(temporal(&name, bytes)?));
        }
        // MySQL sends JSON (and DECIMAL) with the binary character set: it is text all the same.
        "DECIMAL" | "JSON" => {
            let bytes = <&[u8] as Decode<MySql>>::decode(raw)?;
            return Ok(Value::Text(String::from_utf8_lossy(bytes).into_owned()));
        }
        "NULL" => return Ok(Value::Null),
        _ => {}
    }
    if <str as Type<MySql>>::compatible(&info) {
        return Ok(Value::Text(<String as Decode<MySql>>::decode(raw)?));
    }
    if <[u8] as Type<MySql>>::compatible(&info) {
        return Ok(Value::Bytes(<Vec<u8> as Decode<MySql>>::decode(raw)?));
    }
    Err(Failure::Unsupported(name))
}

/// A `DATE`, `TIME`, `DATETIME` or `TIMESTAMP` value as MySQL writes it in text.
///
/// The text protocol sends it as text already; the binary protocol sends a length byte and
/// the fields (year as two bytes, month, day, hour, minute, second, microseconds as four;
/// `TIME` as a sign, days, hours, minutes, seconds, microseconds).
fn temporal(name: &str, bytes: &[u8]) -> Result<String, Failure> {
    let Some((&length, fields)) = bytes.split_first() else {
        return Ok(String::new());
    };
    if length.is_ascii_digit() || length == b'-' {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    if fields.len() != usize::from(length) {
        return Err(Failure::Decode(
            format!(
                "a {name} value of {} bytes, expected {length}",
                fields.len()
            )
            .into(),
        ));
    }
    let byte = |i: usize| u32::from(fields.get(i).copied().unwrap_or(0));
    let word = |i: usize| (0..4).fold(0u32, |acc, k| acc | (byte(i + k) << (8 * k)));
    let fraction = |micros: u32| {
        if micros == 0 {
            String::new()
        } else {
            format!(".{micros:06}")
        }
    };
    if name == "TIME" {
        let sign = if byte(0) == 1 { "-" } else { "" };
        let hours = word(1) * 24 + byte(5);
        let micros = if length >= 12 { word(8) } else { 0 };
        return Ok(format!(
            "{sign}{hours:02}:{:02}:{:02}{}",
            byte(6),
            byte(7),
            fraction(micros)
        ));
    }
    let date = format!(
        "{:04}-{:02}-{:02}",
        byte(0) | (byte(1) << 8),
        byte(2),
        byte(3)
    );
    if name == "DATE" {
        return Ok(date);
    }
    let micros = if length >= 11 { word(7) } else { 0 };
    Ok(format!(
        "{date} {:02}:{:02}:{:02}{}",
        byte(4),
        byte(5),
        byte(6),
        fraction(micros)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(name: &str, bytes: &[u8]) -> String {
        match temporal(name, bytes) {
            Ok(text) => text,
            Err(_) => panic!("{name} {bytes:?} decodes"),
        }
    }

    #[test]
    fn binary_temporal_values_read_as_mysql_text() {
        assert_eq!(text("DATE", &[4, 0xe8, 0x07, 1, 31]), "2024-01-31");
        assert_eq!(
            text("DATETIME", &[7, 0xe8, 0x07, 1, 31, 13, 5, 9]),
            "2024-01-31 13:05:09"
        );
        assert_eq!(
            text("TIMESTAMP", &[4, 0xe8, 0x07, 1, 31]),
            "2024-01-31 00:00:00"
        );
        assert_eq!(
            text(
                "DATETIME",
                &[11, 0xe8, 0x07, 1, 31, 13, 5, 9, 0x40, 0xe2, 0x01, 0]
            ),
            "2024-01-31 13:05:09.123456"
        );
        assert_eq!(text("TIME", &[8, 1, 1, 0, 0, 0, 2, 3, 4]), "-26:03:04");
        assert_eq!(text("TIME", &[0]), "00:00:00");
    }

    #[test]
    fn text_temporal_values_stay_as_sent() {
        assert_eq!(text("DATE", b"2024-01-31"), "2024-01-31");
        assert_eq!(text("TIME", b"-01:00:00"), "-01:00:00");
    }

    #[test]
    fn a_truncated_binary_value_is_an_error() {
        assert!(temporal("DATE", &[4, 0xe8]).is_err());
    }
}
