//! Helpers that generated fault and header code calls.

use yaserde::__xml::reader::{EventReader, XmlEvent};
use yaserde::YaSerialize;

/// Returns the namespace URI (empty for none) and local name of the root element of `xml`, or
/// `None` when `xml` does not start with a well-formed element.
pub fn element_name(xml: &str) -> Option<(String, String)> {
    for event in EventReader::new(xml.as_bytes()) {
        match event.ok()? {
            XmlEvent::StartElement { name, .. } => {
                return Some((name.namespace.unwrap_or_default(), name.local_name));
            }
            XmlEvent::StartDocument { .. }
            | XmlEvent::Comment(_)
            | XmlEvent::Whitespace(_)
            | XmlEvent::ProcessingInstruction { .. } => continue,
            _ => return None,
        }
    }
    None
}

/// Serializes `value` as a standalone element without an XML declaration, as a SOAP header
/// block or fault detail entry is written.
pub fn to_element<T: YaSerialize>(value: &T) -> Result<String, yaserde::Error> {
    let config = yaserde::ser::Config {
        write_document_declaration: false,
        ..Default::default()
    };
    yaserde::ser::to_string_with_config(value, &config)
}

/// An element without content: the `Output` of a one-way operation, which has no response
/// message (`()` cannot implement the `yaserde` traits, which live in another crate).
///
/// Serializing writes an empty element; deserializing skips the element and its content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Empty;

impl YaSerialize for Empty {
    fn serialize<W: std::io::Write>(
        &self,
        writer: &mut yaserde::ser::Serializer<W>,
    ) -> yaserde::Result<()> {
        yaserde::primitives::serialize_primitives(self, "empty", writer, |_| String::new())
    }

    fn serialize_attributes(
        &self,
        attributes: Vec<yaserde::__xml::attribute::OwnedAttribute>,
        namespace: yaserde::__xml::namespace::Namespace,
    ) -> yaserde::Result<(
        Vec<yaserde::__xml::attribute::OwnedAttribute>,
        yaserde::__xml::namespace::Namespace,
    )> {
        Ok((attributes, namespace))
    }
}

impl yaserde::YaDeserialize for Empty {
    fn deserialize<R: std::io::Read>(
        reader: &mut yaserde::de::Deserializer<R>,
    ) -> yaserde::Result<Self> {
        if !matches!(reader.peek()?, XmlEvent::StartElement { .. }) {
            return Ok(Empty);
        }

        // `skip_element` reads until the depth drops below the depth it starts at, so the start
        // tag is read first. Otherwise it would also skip what follows the element.
        reader.next_event()?;
        reader.skip_element(|_| {})?;
        Ok(Empty)
    }
}

/// Implements `YaSerialize` and `YaDeserialize` for `Box<T>` by delegating to `T`, for a
/// generated type that a recursive field holds in a `Box`.
///
/// The impls are written in the calling crate, where `Box<T>` of a local `T` is a local type.
#[macro_export]
macro_rules! impl_yaserde_for_box {
    ($type:ty) => {
        impl $crate::xsd::__private::yaserde::YaSerialize for ::std::boxed::Box<$type> {
            fn serialize<W: ::std::io::Write>(
                &self,
                writer: &mut $crate::xsd::__private::yaserde::ser::Serializer<W>,
            ) -> $crate::xsd::__private::yaserde::Result<()> {
                $crate::xsd::__private::yaserde::YaSerialize::serialize(&**self, writer)
            }

            fn serialize_attributes(
                &self,
                attributes: ::std::vec::Vec<
                    $crate::xsd::__private::yaserde::__xml::attribute::OwnedAttribute,
                >,
                namespace: $crate::xsd::__private::yaserde::__xml::namespace::Namespace,
            ) -> $crate::xsd::__private::yaserde::Result<(
                ::std::vec::Vec<$crate::xsd::__private::yaserde::__xml::attribute::OwnedAttribute>,
                $crate::xsd::__private::yaserde::__xml::namespace::Namespace,
            )> {
                $crate::xsd::__private::yaserde::YaSerialize::serialize_attributes(
                    &**self, attributes, namespace,
                )
            }
        }

        impl $crate::xsd::__private::yaserde::YaDeserialize for ::std::boxed::Box<$type> {
            fn deserialize<R: ::std::io::Read>(
                reader: &mut $crate::xsd::__private::yaserde::de::Deserializer<R>,
            ) -> $crate::xsd::__private::yaserde::Result<Self> {
                <$type as $crate::xsd::__private::yaserde::YaDeserialize>::deserialize(reader)
                    .map(::std::boxed::Box::new)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_name_reads_root() {
        let name = element_name(r#"<?xml version="1.0"?><a:b xmlns:a="urn:x"><c/></a:b>"#);

        assert_eq!(name, Some(("urn:x".to_owned(), "b".to_owned())));
    }

    #[test]
    fn element_name_of_text_is_none() {
        assert_eq!(element_name("not xml"), None);
        assert_eq!(element_name(""), None);
    }
}
