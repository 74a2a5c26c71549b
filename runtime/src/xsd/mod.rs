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
//! | element matched by `xs:any` | [`AnyElement`]: the element's XML with its namespace declarations |
//! | attribute matched by `xs:anyAttribute` | [`AnyAttribute`]: name and value |
//! | text of a `mixed="true"` type | [`MixedText`]: the text runs with their places among the children |
//!
//! Types with an `xs:choice`, a repeated sequence, a wildcard, mixed text or a nillable element
//! get hand-written `yaserde` impls. These read their children with a [`ContentReader`] and a
//! [`Sequence`] over a table of [`Member`]s, and write them with a [`StartTag`] and a
//! [`ContentWriter`]. Choices and inline sequences implement [`Group`].

mod any;
mod binary;
mod list;
mod members;
mod mixed;
mod reader;
#[cfg(feature = "serde")]
mod serde_impls;
mod support;
mod text;
mod wildcard;
mod writer;

pub use any::AnyContent;
pub use binary::{Base64Binary, HexBinary};
pub use list::List;
pub use members::{Group, Member, Namespaces, Sequence, UNBOUNDED};
pub use mixed::{MixedText, TextRun};
pub use reader::{ContentReader, XSI_NAMESPACE};
pub use support::{element_name, to_element, Empty};
pub use text::{Date, DateTime, Decimal, Integer, InvalidValue, Time};
pub use wildcard::{AnyAttribute, AnyElement};
pub use writer::{ContentWriter, StartTag};

#[doc(hidden)]
pub mod __private {
    pub use yaserde;
}
