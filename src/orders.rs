//! In-memory order book: every accepted enrollment, its poll countdown, its certificate once
//! issued, and whether it was revoked.

use std::collections::HashMap;

use rcgen::SanType;

use crate::ca::IssuedCertificate;
use crate::catalogue::CertType;

/// Maximum number of orders one simulator keeps; `enroll` fails with -14 beyond it.
pub const MAX_ORDERS: usize = 100_000;
/// First order number the simulator hands out.
const FIRST_ORDER_NUMBER: i32 = 10_001;

/// What was asked for in an accepted `enroll`.
#[derive(Clone, Debug)]
pub struct OrderRequest {
    /// Subject common name.
    pub common_name: String,
    /// Organisation name for the subject.
    pub organization: &'static str,
    /// Certificate type.
    pub cert_type: &'static CertType,
    /// Term in years.
    pub term_years: i32,
    /// DER SubjectPublicKeyInfo from the CSR.
    pub public_key_der: Vec<u8>,
    /// Subject alternative names from the optional fields.
    pub subject_alt_names: Vec<SanType>,
}

/// One order.
#[derive(Clone, Debug)]
pub struct Order {
    /// The enrollment.
    pub request: OrderRequest,
    /// `collect` calls that still answer "being processed".
    pub polls_left: u32,
    /// The certificate, once issued.
    pub issued: Option<IssuedCertificate>,
    /// Whether the order or its certificate was revoked.
    pub revoked: bool,
}

/// Every order of one simulator, by order number.
#[derive(Debug)]
pub struct Orders {
    next_number: i32,
    by_number: HashMap<i32, Order>,
}

impl Default for Orders {
    fn default() -> Self {
        Orders {
            next_number: FIRST_ORDER_NUMBER,
            by_number: HashMap::new(),
        }
    }
}

impl Orders {
    /// Stores a new order and returns its number, or `None` when the book is full.
    pub fn insert(&mut self, request: OrderRequest, polls_left: u32) -> Option<i32> {
        if self.by_number.len() >= MAX_ORDERS {
            return None;
        }
        let number = self.next_number;
        self.next_number = self.next_number.checked_add(1)?;
        self.by_number.insert(
            number,
            Order {
                request,
                polls_left,
                issued: None,
                revoked: false,
            },
        );
        Some(number)
    }

    /// Looks an order up by number.
    pub fn get_mut(&mut self, number: i32) -> Option<&mut Order> {
        self.by_number.get_mut(&number)
    }

    /// Looks an issued certificate up by its serial number, given as normalized hexadecimal
    /// (uppercase, no separators, no leading zeros).
    pub fn find_by_serial(&mut self, normalized_serial: &str) -> Option<(i32, &mut Order)> {
        self.by_number.iter_mut().find_map(|(number, order)| {
            let issued = order.issued.as_ref()?;
            (normalize_serial(&issued.serial_hex)? == normalized_serial).then_some((*number, order))
        })
    }
}

/// Normalizes a hexadecimal serial number: drops `:` and spaces and leading zeros, uppercases.
/// Returns `None` when it is empty, longer than 64 characters or not hexadecimal.
pub fn normalize_serial(serial: &str) -> Option<String> {
    if serial.chars().count() > 64 {
        return None;
    }
    let digits: String = serial
        .chars()
        .filter(|c| *c != ':' && !c.is_whitespace())
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    let value = if trimmed.is_empty() { "0" } else { trimmed };
    Some(value.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_serial_accepts_separators_and_case() {
        assert_eq!(normalize_serial("0a:bC:01").as_deref(), Some("ABC01"));
        assert_eq!(normalize_serial("00").as_deref(), Some("0"));
    }

    #[test]
    fn normalize_serial_rejects_invalid_text() {
        assert_eq!(normalize_serial(""), None);
        assert_eq!(normalize_serial("xyz"), None);
        assert_eq!(normalize_serial(&"A".repeat(65)), None);
    }
}
