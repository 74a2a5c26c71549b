//! Order numbers.

use std::fmt;

/// The number `enroll` returns for a new order, used to collect and revoke its certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct OrderNumber(i32);

impl OrderNumber {
    /// Wraps a number returned by an earlier `enroll`; returns `None` unless it is positive,
    /// since the service numbers orders from 1.
    pub fn new(number: i32) -> Option<Self> {
        (number > 0).then_some(OrderNumber(number))
    }

    /// Returns the number.
    pub fn get(self) -> i32 {
        self.0
    }
}

impl fmt::Display for OrderNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
