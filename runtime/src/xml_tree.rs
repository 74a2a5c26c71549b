//! A small element tree for the parts of a message that the runtime reads itself (fault
//! content, header blocks), and the event-reader settings shared by every decoder.

use std::borrow::Cow;
use std::io::Read;

use xml::attribute::OwnedAttribute;
use xml::name::OwnedName;
use xml::namespace::Namespace;
use xml::reader::{EventReader, ParserConfig, XmlEvent};
use xml::writer::{EmitterConfig, EventWriter, XmlEvent as WriterEvent};
use yaserde::de::Deserializer;

/// Deepest element nesting accepted inside a captured element (a fault or a header block).
///
/// Real faults and headers nest a few levels. The cap keeps hostile input from building a tree
/// deep enough to overflow the stack when it is written out or dropped.
const MAX_DEPTH: usize = 128;

/// Deepest element nesting accepted in a whole message.
///
/// The XML reader copies the in-scope namespace map into every start tag event, so reading
/// nesting of depth `n` costs `n²`. A hostile body of nested tags would take hours without a cap.
pub(crate) const MAX_DOCUMENT_DEPTH: usize = 256;

/// Largest sum, over all start tags, of the namespace declarations in scope at each.
///
/// The XML reader copies the in-scope namespace map into every start tag event, so a document
/// with `d` declarations in scope over `n` elements costs about `d × n` copies. Real messages
/// declare a few namespaces, so they stay far below this limit. Without the limit, a 35 KB
/// request with a thousand declarations over five thousand empty elements took 13 s and 800 MB
/// in a debug build.
const MAX_NAMESPACE_WORK: usize = 2_000_000;

/// Checks that element nesting in `bytes` stays within `max` levels, and that the namespace
/// declarations in scope times the elements stay within [`MAX_NAMESPACE_WORK`], before any
/// parsing.
///
/// This is a lexical scan: it skips comments, CDATA sections, processing instructions,
/// declarations and quoted attribute values, and counts start, end and empty-element tags.
/// Malformed input is left for the XML reader to reject.
pub(crate) fn check_depth(bytes: &[u8], max: usize) -> Result<(), String> {
    let mut depth = 0usize;
    let mut at = 0;
    // Declarations made by each open element, and their sum.
    let mut declared: Vec<usize> = Vec::new();
    let mut in_scope = 0usize;
    let mut work = 0usize;

    while let Some(offset) = bytes[at..].iter().position(|&byte| byte == b'<') {
        at += offset;
        let rest = &bytes[at..];

        if rest.starts_with(b"<!--") {
            at += skip_past(rest, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            at += skip_past(rest, b"]]>");
        } else if rest.starts_with(b"<?") {
            at += skip_past(rest, b"?>");
        } else if rest.starts_with(b"<!") {
            at += skip_past(rest, b">");
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            in_scope -= declared.pop().unwrap_or(0);
            at += skip_past(rest, b">");
        } else {
            let (length, empty) = start_tag_length(rest);
            let declarations = namespace_declarations(&rest[..length]);
            work += in_scope + declarations;
            if work > MAX_NAMESPACE_WORK {
                return Err(format!(
                    "the document declares too many namespaces for its number of elements \
                     ({} in scope at byte {at}); declare each namespace once, on the root",
                    in_scope + declarations
                ));
            }
            if !empty {
                depth += 1;
                if depth > max {
                    return Err(format!("elements nest deeper than {max} levels"));
                }
                declared.push(declarations);
                in_scope += declarations;
            }
            at += length;
        }
    }
    Ok(())
}

/// Counts the `xmlns` and `xmlns:prefix` attributes of a start tag, outside quoted values.
fn namespace_declarations(tag: &[u8]) -> usize {
    let mut quote = None;
    let mut count = 0;
    for (index, &byte) in tag.iter().enumerate() {
        match (quote, byte) {
            (Some(open), _) if byte == open => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, _) if byte.is_ascii_whitespace() => {
                let name = &tag[index + 1..];
                let declares = name.starts_with(b"xmlns")
                    && matches!(
                        name.get(5),
                        Some(b'=' | b':') | Some(b' ' | b'\t' | b'\n' | b'\r')
                    );
                count += usize::from(declares);
            }
            (None, _) => {}
        }
    }
    count
}

/// Returns the length of `text` up to and including the first `end`, or all of it.
fn skip_past(text: &[u8], end: &[u8]) -> usize {
    text.windows(end.len())
        .position(|window| window == end)
        .map_or(text.len(), |position| position + end.len())
}

/// Returns the length of the start tag at the beginning of `text` and whether it is an
/// empty-element tag (`<a/>`), skipping `>` inside quoted attribute values.
fn start_tag_length(text: &[u8]) -> (usize, bool) {
    let mut quote = None;
    for (index, &byte) in text.iter().enumerate() {
        match (quote, byte) {
            (Some(open), _) if byte == open => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'>') => return (index + 1, index > 0 && text[index - 1] == b'/'),
            (None, _) => {}
        }
    }
    (text.len(), false)
}

/// Creates a yaserde deserializer over `bytes` with the settings yaserde's own `from_str` uses,
/// except that a second root element is rejected.
pub(crate) fn deserializer(bytes: &[u8]) -> Deserializer<&[u8]> {
    let config = ParserConfig::new()
        .trim_whitespace(true)
        .whitespace_to_characters(true)
        .cdata_to_characters(true)
        .ignore_comments(true)
        .coalesce_characters(true)
        .allow_multiple_root_elements(false);

    Deserializer::new(EventReader::new_with_config(bytes, config))
}

/// Text or an element inside an [`Element`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

/// One element with its attributes, in-scope namespace declarations and children.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Element {
    pub name: OwnedName,
    pub attributes: Vec<OwnedAttribute>,
    pub namespace: Namespace,
    pub children: Vec<Node>,
}

impl Element {
    /// Returns the first child element with the given namespace (`""` for none) and local name.
    pub fn child(&self, namespace: &str, local: &str) -> Option<&Element> {
        self.child_elements().find(|child| {
            child.name.local_name == local
                && child.name.namespace.as_deref().unwrap_or("") == namespace
        })
    }

    /// Iterates over the child elements, skipping text.
    pub fn child_elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|node| match node {
            Node::Element(element) => Some(element),
            Node::Text(_) => None,
        })
    }

    /// Returns the concatenated text children, without the text of nested elements.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for node in &self.children {
            if let Node::Text(part) = node {
                text.push_str(part);
            }
        }
        text
    }

    /// Resolves a `prefix:local` QName written as element content (such as `faultcode`) with
    /// the namespace declarations in scope at this element.
    pub fn resolve_qname_text(&self) -> (Option<String>, String) {
        let text = self.text();
        let text = text.trim();
        match text.split_once(':') {
            Some((prefix, local)) => (
                self.namespace.get(prefix).map(str::to_owned),
                local.to_owned(),
            ),
            None => (self.namespace.get("").map(str::to_owned), text.to_owned()),
        }
    }

    /// Writes this element as a standalone XML document without a declaration, declaring every
    /// namespace in scope at it so that prefixed names in attributes and text stay resolvable.
    pub fn to_xml(&self) -> Result<String, xml::writer::Error> {
        let config = EmitterConfig::new()
            .write_document_declaration(false)
            .perform_indent(false);
        let mut writer = EventWriter::new_with_config(Vec::new(), config);
        self.write(&mut writer)?;

        String::from_utf8(writer.into_inner())
            .map_err(|_| xml::writer::Error::Io(std::io::ErrorKind::InvalidData.into()))
    }

    /// Writes the children of this element, the way they appear between its tags.
    pub fn inner_xml(&self) -> Result<String, xml::writer::Error> {
        let mut xml = String::new();
        for node in &self.children {
            match node {
                Node::Element(element) => xml.push_str(&element.to_xml()?),
                Node::Text(text) => xml.push_str(&xml::escape::escape_str_pcdata(text)),
            }
        }
        Ok(xml)
    }

    fn write(&self, writer: &mut EventWriter<Vec<u8>>) -> Result<(), xml::writer::Error> {
        let attributes: Vec<_> = self.attributes.iter().map(OwnedAttribute::borrow).collect();
        writer.write(WriterEvent::StartElement {
            name: self.name.borrow(),
            attributes: Cow::Owned(attributes),
            namespace: Cow::Borrowed(&self.namespace),
        })?;

        for node in &self.children {
            match node {
                Node::Element(element) => element.write(writer)?,
                Node::Text(text) => writer.write(WriterEvent::Characters(text))?,
            }
        }

        writer.write(WriterEvent::EndElement {
            name: Some(self.name.borrow()),
        })
    }
}

/// Reads the element whose start tag is the next event of `reader`, with its whole subtree.
///
/// Fails when the input is malformed, ends early, or nests deeper than [`MAX_DEPTH`].
pub(crate) fn read_element<R: Read>(reader: &mut Deserializer<R>) -> Result<Element, String> {
    let mut stack: Vec<Element> = Vec::new();

    loop {
        let event = reader.next_event().map_err(|error| error.to_string())?;
        match event {
            XmlEvent::StartElement {
                name,
                attributes,
                namespace,
            } => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!(
                        "element <{}> nests deeper than {MAX_DEPTH} levels",
                        name.local_name
                    ));
                }
                stack.push(Element {
                    name,
                    attributes,
                    namespace,
                    children: Vec::new(),
                });
            }
            XmlEvent::EndElement { .. } => {
                let Some(done) = stack.pop() else {
                    return Err("found an end tag where a start tag was expected".to_owned());
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => return Ok(done),
                }
            }
            XmlEvent::Characters(text) | XmlEvent::Whitespace(text) | XmlEvent::CData(text) => {
                if let Some(current) = stack.last_mut() {
                    current.children.push(Node::Text(text));
                }
            }
            XmlEvent::EndDocument => {
                return Err("the document ended inside an element".to_owned());
            }
            XmlEvent::StartDocument { .. }
            | XmlEvent::ProcessingInstruction { .. }
            | XmlEvent::Comment(_)
            | XmlEvent::Doctype { .. } => {}
        }
    }
}
