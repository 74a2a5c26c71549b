//! `xs:base64Binary` and `xs:hexBinary` as bytes.

use std::fmt;
use std::str::FromStr;

use super::InvalidValue;

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `xs:base64Binary`: the decoded bytes. XML whitespace inside the text is ignored when
/// decoding; encoding writes one line without padding errors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, yaserde::DefaultYaSerde)]
pub struct Base64Binary(pub Vec<u8>);

/// `xs:hexBinary`: the decoded bytes, written as upper case hex digits.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, yaserde::DefaultYaSerde)]
pub struct HexBinary(pub Vec<u8>);

impl FromStr for Base64Binary {
    type Err = InvalidValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        decode_base64(text)
            .map(Base64Binary)
            .ok_or_else(|| InvalidValue {
                type_name: "xs:base64Binary",
                value: text.to_owned(),
            })
    }
}

impl fmt::Display for Base64Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode_base64(&self.0))
    }
}

impl FromStr for HexBinary {
    type Err = InvalidValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidValue {
            type_name: "xs:hexBinary",
            value: text.to_owned(),
        };
        let text = text.trim();
        if text.len() % 2 != 0 {
            return Err(invalid());
        }
        (0..text.len())
            .step_by(2)
            .map(|index| {
                text.get(index..index + 2)
                    .and_then(|pair| u8::from_str_radix(pair, 16).ok())
            })
            .collect::<Option<Vec<u8>>>()
            .map(HexBinary)
            .ok_or_else(invalid)
    }
}

impl fmt::Display for HexBinary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02X}"))
    }
}

fn encode_base64(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);

    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (index, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if index <= chunk.len() {
                text.push(char::from(BASE64_ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                text.push('=');
            }
        }
    }

    text
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let symbols: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if symbols.len() % 4 != 0 {
        return None;
    }

    let mut bytes = Vec::with_capacity(symbols.len() / 4 * 3);
    let last_chunk = symbols.len() / 4;
    for (index, chunk) in symbols.chunks(4).enumerate() {
        let padding = chunk.iter().rev().take_while(|b| **b == b'=').count();
        if padding > 2 || (padding > 0 && index + 1 != last_chunk) {
            return None;
        }
        let mut n = 0u32;
        for symbol in &chunk[..4 - padding] {
            let value = BASE64_ALPHABET.iter().position(|a| a == symbol)?;
            n = (n << 6) | value as u32;
        }
        n <<= 6 * padding as u32;
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        bytes.extend_from_slice(&decoded[..3 - padding]);
    }

    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        for input in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            let text = Base64Binary(input.to_vec()).to_string();
            assert_eq!(text.parse::<Base64Binary>().unwrap().0, input, "{text}");
        }
        assert_eq!(Base64Binary(b"foobar".to_vec()).to_string(), "Zm9vYmFy");
        assert_eq!(Base64Binary(b"fo".to_vec()).to_string(), "Zm8=");
    }

    #[test]
    fn base64_ignores_line_breaks() {
        let value: Base64Binary = "Zm9v\n  YmFy".parse().unwrap();

        assert_eq!(value.0, b"foobar");
    }

    #[test]
    fn base64_rejects_garbage() {
        assert!("Zm9".parse::<Base64Binary>().is_err());
        assert!("Zm!v".parse::<Base64Binary>().is_err());
        assert!("Zg==Zm9v".parse::<Base64Binary>().is_err());
    }

    #[test]
    fn hex_round_trip() {
        let value: HexBinary = "0aFF".parse().unwrap();

        assert_eq!(value.0, vec![10, 255]);
        assert_eq!(value.to_string(), "0AFF");
        assert!("abc".parse::<HexBinary>().is_err());
    }
}
