//! Reading query results into [`Value`]s, by each column's PostgreSQL type.
//!
//! [`sqlx::query`] reads results in PostgreSQL's binary format, so each type is decoded by
//! its own rule:
//!
//! | PostgreSQL | [`Value`] |
//! |---|---|
//! | `int2`, `int4`, `int8`, `oid` | `Integer` |
//! | `float4`, `float8` | `Float` |
//! | `bool` | `Bool` |
//! | `text`, `varchar`, `char(n)`, `"char"`, `name`, `json`, `jsonb`, `xml`, `citext`, `unknown`, enum types | `Text` |
//! | `numeric` | `Text`, exactly (`12.50`) |
//! | `uuid` | `Text`, hyphenated |
//! | `bytea` | `Bytes` |
//! | a domain | as its base type |
//!
//! Anything else (timestamps, intervals, arrays, ...) is a [`PgError::Decode`] naming the
//! column and its type and suggesting a `::text` cast in the query.

use dbm_core::driver::{Row, Value};
use sqlx::postgres::{PgRow, PgTypeInfo, PgTypeKind, PgValueFormat, PgValueRef};
use sqlx::{Column as _, Row as _, TypeInfo as _, ValueRef as _};

use crate::error::{PgError, Result};

/// Reads every value of a row.
pub(crate) fn decode_row(row: &PgRow) -> Result<Row> {
    let mut values = Vec::with_capacity(row.len());
    for index in 0..row.len() {
        let raw = row.try_get_raw(index)?;
        if raw.is_null() {
            values.push(Value::Null);
            continue;
        }
        let type_info = raw.type_info().into_owned();
        let decoded = decode(&raw, &type_info).map_err(|why| {
            let column = row.column(index).name().to_string();
            let type_name = type_info.name().to_ascii_lowercase();
            PgError::Decode(format!(
                "cannot read column \"{column}\" of type {type_name}{why}; cast it in the \
                 query (`{column}::text`)"
            ))
        })?;
        values.push(decoded);
    }
    Ok(Row { values })
}

/// Decodes one non-null value; `Err` carries a reason (or nothing) for the message.
fn decode(raw: &PgValueRef<'_>, type_info: &PgTypeInfo) -> Result<Value, String> {
    let bytes = raw.as_bytes().map_err(|e| format!(" ({e})"))?;
    if raw.format() == PgValueFormat::Text {
        return text(bytes).map(Value::Text);
    }
    match type_info.kind() {
        PgTypeKind::Enum(_) => return text(bytes).map(Value::Text),
        PgTypeKind::Domain(base) => return decode(raw, base),
        _ => {}
    }
    match type_info.name() {
        "BOOL" => Ok(Value::Bool(fixed::<1>(bytes)?[0] != 0)),
        "INT2" => Ok(Value::Integer(i16::from_be_bytes(fixed(bytes)?).into())),
        "INT4" => Ok(Value::Integer(i32::from_be_bytes(fixed(bytes)?).into())),
        "INT8" => Ok(Value::Integer(i64::from_be_bytes(fixed(bytes)?))),
        "OID" => Ok(Value::Integer(u32::from_be_bytes(fixed(bytes)?).into())),
        "FLOAT4" => Ok(Value::Float(f32::from_be_bytes(fixed(bytes)?).into())),
        "FLOAT8" => Ok(Value::Float(f64::from_be_bytes(fixed(bytes)?))),
        "TEXT" | "VARCHAR" | "CHAR" | "\"CHAR\"" | "NAME" | "JSON" | "XML" | "UNKNOWN" => {
            text(bytes).map(Value::Text)
        }
        "JSONB" => match bytes.split_first() {
            Some((1, json)) => text(json).map(Value::Text),
            _ => Err(" (unknown jsonb format)".into()),
        },
        "UUID" => uuid(bytes).map(Value::Text),
        "NUMERIC" => numeric(bytes).map(Value::Text),
        "BYTEA" => Ok(Value::Bytes(bytes.to_vec())),
        name if name.eq_ignore_ascii_case("citext") => text(bytes).map(Value::Text),
        _ => Err(String::new()),
    }
}

fn text(bytes: &[u8]) -> Result<String, String> {
    String::from_utf8(bytes.to_vec()).map_err(|_| " (not UTF-8)".to_string())
}

fn fixed<const N: usize>(bytes: &[u8]) -> Result<[u8; N], String> {
    bytes
        .try_into()
        .map_err(|_| format!(" ({} bytes where {N} were expected)", bytes.len()))
}

/// A binary `uuid`: 16 bytes, written `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
fn uuid(bytes: &[u8]) -> Result<String, String> {
    let bytes = fixed::<16>(bytes)?;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}

/// A binary `numeric` as PostgreSQL prints it: `ndigits`, `weight`, `sign`, `dscale` (each
/// 16 bits), then `ndigits` base-10000 digits; the value is
/// `sum(digit[i] * 10000^(weight - i))`, printed with exactly `dscale` decimals.
pub(crate) fn numeric(bytes: &[u8]) -> Result<String, String> {
    let word = |i: usize| -> Result<u16, String> {
        bytes
            .get(i * 2..i * 2 + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| " (a truncated numeric)".to_string())
    };
    let ndigits = usize::from(word(0)?);
    let weight = i64::from(word(1)? as i16);
    let sign = word(2)?;
    let dscale = usize::from(word(3)?);
    match sign {
        0xC000 => return Ok("NaN".into()),
        0xD000 => return Ok("Infinity".into()),
        0xF000 => return Ok("-Infinity".into()),
        _ => {}
    }
    let digits: Vec<u16> = (0..ndigits)
        .map(|i| word(4 + i))
        .collect::<Result<_, _>>()?;
    let digit = |position: i64| -> u16 {
        usize::try_from(position)
            .ok()
            .and_then(|p| digits.get(p).copied())
            .unwrap_or(0)
    };
    let mut out = String::new();
    if sign == 0x4000 {
        out.push('-');
    }
    if weight < 0 {
        out.push('0');
    } else {
        for position in 0..=weight {
            let group = digit(position);
            if position == 0 {
                out.push_str(&group.to_string());
            } else {
                out.push_str(&format!("{group:04}"));
            }
        }
    }
    if dscale > 0 {
        let mut fraction = String::new();
        let mut position = weight + 1;
        while fraction.len() < dscale {
            fraction.push_str(&format!("{:04}", digit(position)));
            position += 1;
        }
        fraction.truncate(dscale);
        out.push('.');
        out.push_str(&fraction);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(ndigits: u16, weight: i16, sign: u16, dscale: u16, digits: &[u16]) -> Vec<u8> {
        let mut out = Vec::new();
        for word in [ndigits, weight as u16, sign, dscale].iter().chain(digits) {
            out.extend(word.to_be_bytes());
        }
        out
    }

    #[test]
    fn numerics_print_as_postgresql_prints_them() {
        assert_eq!(
            numeric(&encode(2, 0, 0, 2, &[12, 5000])).as_deref(),
            Ok("12.50")
        );
        assert_eq!(numeric(&encode(0, 0, 0, 0, &[])).as_deref(), Ok("0"));
        assert_eq!(numeric(&encode(0, 0, 0, 3, &[])).as_deref(), Ok("0.000"));
        assert_eq!(
            numeric(&encode(2, 1, 0x4000, 0, &[1, 2345])).as_deref(),
            Ok("-12345")
        );
        assert_eq!(
            numeric(&encode(1, -1, 0, 4, &[500])).as_deref(),
            Ok("0.0500")
        );
        assert_eq!(
            numeric(&encode(1, -2, 0, 6, &[7])).as_deref(),
            Ok("0.000000")
        );
        assert_eq!(
            numeric(&encode(1, -2, 0, 8, &[7])).as_deref(),
            Ok("0.00000007")
        );
        assert_eq!(
            numeric(&encode(1, 2, 0, 0, &[3])).as_deref(),
            Ok("300000000")
        );
        assert_eq!(numeric(&encode(0, 0, 0xC000, 0, &[])).as_deref(), Ok("NaN"));
    }

    #[test]
    fn a_truncated_numeric_is_an_error() {
        assert!(numeric(&[0, 2]).is_err());
        assert!(numeric(&encode(2, 0, 0, 0, &[1])).is_err());
    }

    #[test]
    fn uuids_are_hyphenated() {
        let bytes: Vec<u8> = (0..16).collect();
        assert_eq!(
            uuid(&bytes).as_deref(),
            Ok("00010203-0405-0607-0809-0a0b0c0d0e0f")
        );
    }
}
