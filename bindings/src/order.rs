//! Order numbers.

use std::fmt;
use std::str::FromStr;

/// The number `enroll` returns for a new order, used to collect and revoke its certificate.
///
/// It is always positive: [`OrderNumber::new`], `TryFrom<i32>`, `FromStr` and (with the `serde`
/// feature) deserialization all reject zero and negative numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "i32", into = "i32"))]
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

impl From<OrderNumber> for i32 {
    fn from(number: OrderNumber) -> i32 {
        number.0
    }
}

impl TryFrom<i32> for OrderNumber {
    type Error = InvalidOrderNumber;

    fn try_from(number: i32) -> Result<Self, Self::Error> {
        OrderNumber::new(number).ok_or_else(|| InvalidOrderNumber {
            value: number.to_string(),
        })
    }
}

impl FromStr for OrderNumber {
    type Err = InvalidOrderNumber;

    /// Parses a decimal order number, such as `1234567`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidOrderNumber {
            value: text.to_owned(),
        };
        let number: i32 = text.trim().parse().map_err(|_| invalid())?;
        OrderNumber::new(number).ok_or_else(invalid)
    }
}

/// A value that is not an order number: not a whole number, out of range, zero or negative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidOrderNumber {
    /// The rejected value, as given.
    pub value: String,
}

impl fmt::Display for InvalidOrderNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid order number {:?}: expected a whole number from 1 to {}, as enroll returns",
            self.value,
            i32::MAX
        )
    }
}

impl std::error::Error for InvalidOrderNumber {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_positive_numbers() {
        assert_eq!("581391".parse::<OrderNumber>().unwrap().get(), 581391);
        assert_eq!(" 7 ".parse::<OrderNumber>().unwrap().get(), 7);
        assert_eq!(OrderNumber::try_from(3).unwrap().get(), 3);
        assert_eq!(i32::from(OrderNumber::new(9).unwrap()), 9);
    }

    #[test]
    fn rejects_other_values() {
        for text in ["0", "-5", "abc", "", "99999999999", "1.5"] {
            let error = text.parse::<OrderNumber>().unwrap_err();
            assert_eq!(error.value, text);
            assert!(
                error.to_string().contains("from 1 to 2147483647"),
                "{error}"
            );
        }
        assert!(OrderNumber::try_from(0).is_err());
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_checks_range() {
        let number: OrderNumber = serde_json::from_str("42").unwrap();
        assert_eq!(number.get(), 42);
        assert_eq!(serde_json::to_string(&number).unwrap(), "42");
        assert!(serde_json::from_str::<OrderNumber>("0").is_err());
    }
}
