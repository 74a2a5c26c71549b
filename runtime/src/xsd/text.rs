//! Built-ins kept as their checked lexical form, so no digit or offset is lost.

use std::fmt;
use std::str::FromStr;

/// A value that does not match the lexical form of its XML Schema type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidValue {
    /// The XML Schema type, such as `xs:decimal`.
    pub type_name: &'static str,
    /// The rejected text.
    pub value: String,
}

impl fmt::Display for InvalidValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} value {:?}", self.type_name, self.value)
    }
}

impl std::error::Error for InvalidValue {}

fn invalid(type_name: &'static str, value: &str) -> InvalidValue {
    InvalidValue {
        type_name,
        value: value.to_owned(),
    }
}

/// Defines a newtype over its checked text with `FromStr`, `Display`, `as_str` and yaserde
/// support through `FromStr`/`Display`.
macro_rules! lexical_type {
    ($(#[$meta:meta])* $name:ident, $type_name:literal, $check:expr, $default:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, yaserde::DefaultYaSerde)]
        pub struct $name(String);

        impl $name {
            /// Returns the value as written in XML.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name($default.to_owned())
            }
        }

        impl FromStr for $name {
            type Err = InvalidValue;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                let value = value.trim();
                let check: fn(&[u8]) -> bool = $check;
                if check(value.as_bytes()) {
                    Ok($name(value.to_owned()))
                } else {
                    Err(invalid($type_name, value))
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

lexical_type!(
    /// `xs:decimal`: a decimal number kept as its text (`-12.50`), so no digit is lost to
    /// floating point.
    Decimal,
    "xs:decimal",
    is_decimal,
    "0"
);

lexical_type!(
    /// `xs:integer` and the unbounded integer types derived from it: the digits with an
    /// optional sign, of any length.
    Integer,
    "xs:integer",
    is_integer,
    "0"
);

lexical_type!(
    /// `xs:dateTime` (`2024-05-01T12:30:00.5+02:00`), kept as written, with its offset.
    DateTime,
    "xs:dateTime",
    is_date_time,
    "1970-01-01T00:00:00Z"
);

lexical_type!(
    /// `xs:date` (`2024-05-01`, optionally with an offset), kept as written.
    Date,
    "xs:date",
    is_date,
    "1970-01-01"
);

lexical_type!(
    /// `xs:time` (`12:30:00`, optionally with fractions and an offset), kept as written.
    Time,
    "xs:time",
    is_time,
    "00:00:00"
);

impl Decimal {
    /// Converts to the nearest `f64` (which may round).
    pub fn to_f64(&self) -> Option<f64> {
        self.0.parse().ok()
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Decimal(value.to_string())
    }
}

impl Integer {
    /// Converts to `i64`, or `None` when the value does not fit.
    pub fn to_i64(&self) -> Option<i64> {
        self.0.trim_start_matches('+').parse().ok()
    }
}

impl From<i64> for Integer {
    fn from(value: i64) -> Self {
        Integer(value.to_string())
    }
}

impl From<u64> for Integer {
    fn from(value: u64) -> Self {
        Integer(value.to_string())
    }
}

impl DateTime {
    /// Returns the time zone offset in minutes east of UTC (`Z` is 0), or `None` for a local
    /// time without offset.
    pub fn offset_minutes(&self) -> Option<i32> {
        let date = date_len(self.0.as_bytes())?;
        offset_minutes(&self.0[date + 1..])
    }
}

impl Date {
    /// Returns the time zone offset in minutes east of UTC, or `None` when there is none.
    pub fn offset_minutes(&self) -> Option<i32> {
        let date = date_len(self.0.as_bytes())?;
        offset_minutes(&self.0[date..])
    }
}

fn digits(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit)
}

fn strip_sign(bytes: &[u8]) -> &[u8] {
    match bytes.first() {
        Some(b'+' | b'-') => &bytes[1..],
        _ => bytes,
    }
}

fn is_integer(bytes: &[u8]) -> bool {
    digits(strip_sign(bytes))
}

fn is_decimal(bytes: &[u8]) -> bool {
    let unsigned = strip_sign(bytes);
    match unsigned.iter().position(|b| *b == b'.') {
        None => digits(unsigned),
        Some(dot) => {
            let (whole, fraction) = (&unsigned[..dot], &unsigned[dot + 1..]);
            let whole_ok = whole.is_empty() || digits(whole);
            let fraction_ok = fraction.is_empty() || digits(fraction);
            whole_ok && fraction_ok && !(whole.is_empty() && fraction.is_empty())
        }
    }
}

/// Length of a leading `[-]YYYY-MM-DD` (years may have more than four digits).
fn date_len(bytes: &[u8]) -> Option<usize> {
    let sign = usize::from(bytes.first() == Some(&b'-'));
    let rest = &bytes[sign..];
    let year_len = rest.iter().position(|b| *b == b'-')?;
    let tail = rest.get(year_len..year_len + 6)?;
    let shape_ok = year_len >= 4
        && digits(&rest[..year_len])
        && tail[0] == b'-'
        && digits(&tail[1..3])
        && tail[3] == b'-'
        && digits(&tail[4..6]);
    shape_ok.then_some(sign + year_len + 6)
}

/// Length of a leading `hh:mm:ss` with optional fraction.
fn time_len(bytes: &[u8]) -> Option<usize> {
    let head = bytes.get(..8)?;
    let shape_ok = digits(&head[0..2])
        && head[2] == b':'
        && digits(&head[3..5])
        && head[5] == b':'
        && digits(&head[6..8]);
    if !shape_ok {
        return None;
    }
    match bytes.get(8) {
        Some(b'.') => {
            let fraction = bytes[9..].iter().take_while(|b| b.is_ascii_digit()).count();
            (fraction > 0).then_some(9 + fraction)
        }
        _ => Some(8),
    }
}

fn is_offset(bytes: &[u8]) -> bool {
    match bytes {
        [] | [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => digits(&[*h1, *h2, *m1, *m2]),
        _ => false,
    }
}

fn offset_minutes(text: &str) -> Option<i32> {
    let time_part = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ':');
    match time_part.as_bytes() {
        [b'Z'] => Some(0),
        [sign @ (b'+' | b'-'), ..] if time_part.len() == 6 => {
            let hours: i32 = time_part[1..3].parse().ok()?;
            let minutes: i32 = time_part[4..6].parse().ok()?;
            let total = hours * 60 + minutes;
            Some(if *sign == b'-' { -total } else { total })
        }
        _ => None,
    }
}

fn is_date(bytes: &[u8]) -> bool {
    date_len(bytes).is_some_and(|len| is_offset(&bytes[len..]))
}

fn is_time(bytes: &[u8]) -> bool {
    time_len(bytes).is_some_and(|len| is_offset(&bytes[len..]))
}

fn is_date_time(bytes: &[u8]) -> bool {
    let Some(date) = date_len(bytes) else {
        return false;
    };
    if bytes.get(date) != Some(&b'T') {
        return false;
    }
    let rest = &bytes[date + 1..];
    time_len(rest).is_some_and(|len| is_offset(&rest[len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_keeps_every_digit() {
        let value: Decimal = "12345678901234567890.000000000001".parse().unwrap();

        assert_eq!(value.to_string(), "12345678901234567890.000000000001");
    }

    #[test]
    fn decimal_rejects_garbage() {
        assert!("1.2.3".parse::<Decimal>().is_err());
        assert!(".".parse::<Decimal>().is_err());
        assert!("1e5".parse::<Decimal>().is_err());
        assert!("-.5".parse::<Decimal>().is_ok());
    }

    #[test]
    fn integer_of_any_length() {
        let value: Integer = "-123456789012345678901234567890".parse().unwrap();

        assert_eq!(value.to_i64(), None);
        assert_eq!("+42".parse::<Integer>().unwrap().to_i64(), Some(42));
        assert!("4.0".parse::<Integer>().is_err());
    }

    #[test]
    fn date_time_keeps_offset() {
        let value: DateTime = "2024-05-01T12:30:00.25+02:00".parse().unwrap();

        assert_eq!(value.as_str(), "2024-05-01T12:30:00.25+02:00");
        assert_eq!(value.offset_minutes(), Some(120));
        let utc: DateTime = "2024-05-01T12:30:00Z".parse().unwrap();
        assert_eq!(utc.offset_minutes(), Some(0));
        let local: DateTime = "2024-05-01T12:30:00".parse().unwrap();
        assert_eq!(local.offset_minutes(), None);
    }

    #[test]
    fn date_time_rejects_garbage() {
        assert!("2024-05-01".parse::<DateTime>().is_err());
        assert!("2024-05-01T12:30".parse::<DateTime>().is_err());
        assert!("2024-05-01T12:30:00+2".parse::<DateTime>().is_err());
    }

    #[test]
    fn date_and_time_forms() {
        assert!("2024-05-01".parse::<Date>().is_ok());
        assert_eq!(
            "2024-05-01-05:00".parse::<Date>().unwrap().offset_minutes(),
            Some(-300)
        );
        assert!("12:30:00.5Z".parse::<Time>().is_ok());
        assert!("12:30".parse::<Time>().is_err());
    }
}
