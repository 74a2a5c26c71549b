//! Elements and attributes matched by `xs:any` and `xs:anyAttribute` wildcards, kept as read.

use std::str::FromStr;

use yaserde::__xml::reader::XmlEvent;
use yaserde::{YaDeserialize, YaSerialize};

use crate::xml_tree::{self, Element};
use crate::OwnedQName;

/// An element that an `xs:any` wildcard matched: its name and its XML, subtree included.
///
/// The XML declares every namespace that was in scope at the element, so prefixes used in
/// attribute values and text (`xsi:type="ns:T"`) still resolve. Encoding writes the element
/// back as it was read; namespace declarations that the surrounding document already makes
/// are not repeated. The default value is empty and writes nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AnyElement {
    name: OwnedQName,
    xml: String,
}

impl AnyElement {
    /// Parses `xml`, which must be exactly one element.
    pub fn parse(xml: &str) -> yaserde::Result<Self> {
        let mut reader = xml_tree::deserializer(xml.as_bytes());
        let element = xml_tree::read_element(&mut reader)
            .map_err(|error| yaserde::Error::custom(format!("invalid xs:any element: {error}")))?;

        match reader.next_event() {
            Ok(XmlEvent::EndDocument) => Self::from_tree(&element),
            Ok(other) => Err(yaserde::Error::custom(format!(
                "invalid xs:any element: expected one element, found {other:?} after it"
            ))),
            Err(error) => Err(yaserde::Error::custom(format!(
                "invalid xs:any element: {error}"
            ))),
        }
    }

    /// Encodes `value` (a generated struct of a global element, for example) as an element.
    pub fn from_value<T: YaSerialize>(value: &T) -> yaserde::Result<Self> {
        Self::parse(&super::to_element(value)?)
    }

    /// Decodes the element into a `T`.
    pub fn to_value<T: YaDeserialize>(&self) -> yaserde::Result<T> {
        yaserde::de::from_str(&self.xml)
    }

    /// Returns the element's name.
    pub fn name(&self) -> &OwnedQName {
        &self.name
    }

    /// Returns the element as XML text, without an XML declaration.
    pub fn xml(&self) -> &str {
        &self.xml
    }

    pub(crate) fn from_tree(element: &Element) -> yaserde::Result<Self> {
        Ok(AnyElement {
            name: OwnedQName::from_xml(&element.name),
            xml: element.to_xml()?,
        })
    }
}

impl FromStr for AnyElement {
    type Err = yaserde::Error;

    fn from_str(xml: &str) -> Result<Self, Self::Err> {
        AnyElement::parse(xml)
    }
}

/// An attribute that an `xs:anyAttribute` wildcard matched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AnyAttribute {
    /// The attribute's name; its namespace is empty for an unqualified attribute.
    pub name: OwnedQName,
    /// The value, unescaped.
    pub value: String,
}

impl AnyAttribute {
    /// Creates an attribute from its namespace URI (empty for none), local name and value.
    pub fn new(namespace: &str, local: &str, value: &str) -> Self {
        AnyAttribute {
            name: OwnedQName::new(namespace, local),
            value: value.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_keeps_namespaces() {
        let element =
            AnyElement::parse(r#"<x:a xmlns:x="urn:x" xmlns:y="urn:y" y:b="1"><c/></x:a>"#)
                .unwrap();

        assert_eq!(element.name(), &OwnedQName::new("urn:x", "a"));
        assert!(
            element.xml().contains(r#"xmlns:y="urn:y""#),
            "{}",
            element.xml()
        );
        assert!(element.xml().contains("<c"), "{}", element.xml());
    }

    #[test]
    fn parse_rejects_two_elements() {
        let error = AnyElement::parse("<a/><b/>").unwrap_err();

        assert!(
            error.to_string().contains("invalid xs:any element"),
            "{error}"
        );
    }

    #[test]
    fn parse_rejects_text() {
        assert!(AnyElement::parse("text").is_err());
        assert!(AnyElement::parse("<a>").is_err());
    }
}
