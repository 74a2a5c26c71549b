//! Parsing of one XML file into an `xmltree` element tree.
//!
//! The tree is built here with an explicit stack instead of `xmltree::Element::parse`, whose
//! recursive builder overflows the stack on deeply nested input and panics on a document
//! without a root element.

use xml::common::Position;
use xml::reader::{ParserConfig, XmlEvent};
use xmltree::{AttributeMap, Element, XMLNode};

/// Maximum element nesting depth accepted. Real WSDL and XML Schema documents stay far below
/// it; deeper input is rejected so that the recursive resolver cannot overflow its stack.
pub(crate) const MAX_DEPTH: usize = 200;

/// Parses `bytes` (UTF-8 with or without a byte order mark, or an encoding the XML declaration
/// names) into the root element. Comments and processing instructions are dropped; text and
/// CDATA become text nodes.
///
/// Fails with a complete message: `malformed XML: ` and the parser's message, with its line
/// and column, for malformed input, and a message naming the limit for nesting deeper than
/// [`MAX_DEPTH`].
pub(crate) fn parse_xml(bytes: &[u8]) -> Result<Element, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = ParserConfig::new()
        .ignore_comments(true)
        .cdata_to_characters(true)
        .create_reader(bytes);

    let mut stack: Vec<Element> = Vec::new();
    let mut root = None;
    loop {
        let event = reader
            .next()
            .map_err(|error| format!("malformed XML: {error}"))?;
        match event {
            XmlEvent::StartElement {
                name,
                attributes,
                namespace,
            } => {
                if stack.len() >= MAX_DEPTH {
                    let position = reader.position();
                    return Err(format!(
                        "{position}: the XML is too deeply nested (more than {MAX_DEPTH} levels); the generator reads documents nested at most {MAX_DEPTH} levels deep"
                    ));
                }
                let mut attribute_map = AttributeMap::new();
                for attribute in attributes {
                    attribute_map.insert(attribute.name.local_name, attribute.value);
                }
                stack.push(Element {
                    prefix: name.prefix,
                    namespace: name.namespace,
                    namespaces: (!namespace.is_essentially_empty()).then_some(namespace),
                    name: name.local_name,
                    attributes: attribute_map,
                    children: Vec::new(),
                });
            }
            XmlEvent::EndElement { .. } => {
                let Some(done) = stack.pop() else {
                    return Err("malformed XML: end tag without a start tag".to_string());
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(XMLNode::Element(done)),
                    None => root = Some(done),
                }
            }
            XmlEvent::Characters(text) | XmlEvent::CData(text) => {
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(XMLNode::Text(text));
                }
            }
            XmlEvent::EndDocument => break,
            _ => {}
        }
    }

    root.ok_or_else(|| "malformed XML: no root element found".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_elements_and_namespaces() {
        let root =
            parse_xml(br#"<a xmlns:t="urn:t"><t:b x="1">hi</t:b></a>"#).expect("well-formed");
        let b = root.children[0].as_element().expect("element child");
        assert_eq!(b.name, "b");
        assert_eq!(b.namespace.as_deref(), Some("urn:t"));
        assert_eq!(b.attributes.get("x").map(String::as_str), Some("1"));
        assert_eq!(b.get_text().as_deref(), Some("hi"));
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        let root = parse_xml(b"\xEF\xBB\xBF<a/>").expect("BOM then element");
        assert_eq!(root.name, "a");
    }

    #[test]
    fn truncated_input_is_error() {
        let error = parse_xml(b"<a><b>").expect_err("truncated");
        assert!(error.starts_with("malformed XML: "), "{error}");
    }

    #[test]
    fn empty_input_is_error() {
        assert!(parse_xml(b"").is_err());
        assert!(parse_xml(b"   ").is_err());
    }

    #[test]
    fn garbage_is_error() {
        assert!(parse_xml(b"\x00\x01\x02 not xml at all <<<").is_err());
        assert!(parse_xml(b"<a></b>").is_err());
    }

    #[test]
    fn deep_nesting_is_error() {
        let mut text = String::new();
        for _ in 0..10_000 {
            text.push_str("<a>");
        }
        let error = parse_xml(text.as_bytes()).expect_err("too deep");
        assert!(
            error.contains("too deeply nested (more than 200 levels)"),
            "{error}"
        );
        assert!(!error.contains("malformed"), "{error}");
    }
}
