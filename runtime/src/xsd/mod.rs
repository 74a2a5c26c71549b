//! Rust types for XML Schema built-ins that have no lossless primitive, and the helpers that
//! `wsdl-codegen` output calls.
//!
//! | XML Schema | Rust |
//! |---|---|
//! | `xs:decimal` | [`Decimal`]: the decimal text, checked, never rounded through a float |
//! | `xs:integer`, `xs:nonNegativeInteger`, … | [`Integer`]: the digits, of any length |
//! | `xs:dateTime`, `xs:date`, `xs:time` | [`DateTime`], [`Date`], [`Time`]: the text, checked, with its time zone offset |
//! | `xs:base64Binary`, `xs:hexBinary` | [`Base64Binary`], [`HexBinary`]: the decoded bytes |
//! | `xs:list` | [`List`]: the items, written separated by spaces |
//! | `xs:anyType` content | [`AnyContent`]: the element's inner XML as text |

mod any;
mod binary;
mod list;
#[cfg(feature = "serde")]
mod serde_impls;
mod support;
mod text;

pub use any::AnyContent;
pub use binary::{Base64Binary, HexBinary};
pub use list::List;
pub use support::{element_name, to_element, Empty};
pub use text::{Date, DateTime, Decimal, Integer, InvalidValue, Time};

#[doc(hidden)]
pub mod __private {
    pub use yaserde;
}
