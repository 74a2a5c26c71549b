//! Walking an envelope from its root to the first element of its body.

use xml::reader::XmlEvent;
use yaserde::de::Deserializer;

use crate::name::OwnedQName;
use crate::xml_tree::{self, Element};
use crate::SoapVersion;

/// Failure to open a byte string as an envelope.
#[derive(Debug)]
pub(crate) enum OpenError {
    /// The document is not a SOAP envelope: not XML, a DTD, or another root element.
    NotSoap,
    /// The root is an `Envelope` in a namespace that is neither SOAP 1.1 nor SOAP 1.2.
    UnknownVersion {
        /// Namespace of the root element.
        namespace: String,
    },
    /// The root is a SOAP envelope, but reading up to the body failed.
    Malformed {
        /// Element being read.
        element: String,
        /// The failure.
        message: String,
    },
}

/// The first content of a `Body`.
pub(crate) enum BodyStart {
    /// A `Fault` element in the envelope namespace, read whole.
    Fault(Element),
    /// Any other element; the reader is positioned on its start tag.
    Element(OwnedQName),
    /// The body has no child element.
    Empty,
}

/// A reader positioned inside an envelope.
pub(crate) struct EnvelopeReader<'a> {
    /// The event stream, shared with yaserde so the body child decodes in the same pass.
    pub de: Deserializer<&'a [u8]>,
    /// SOAP version given by the envelope's namespace.
    pub version: SoapVersion,
    /// Header blocks, each as a standalone XML document.
    pub headers: Vec<String>,
    /// Element names of the header blocks marked `mustUnderstand`.
    pub must_understand: Vec<OwnedQName>,
}

impl<'a> EnvelopeReader<'a> {
    /// Reads the envelope's start tag and its `Header`, and stops inside `Body`.
    pub fn open(bytes: &'a [u8]) -> Result<Self, OpenError> {
        if !looks_like_xml(bytes) {
            return Err(OpenError::NotSoap);
        }

        xml_tree::check_depth(bytes, xml_tree::MAX_DOCUMENT_DEPTH)
            .map_err(|message| malformed("Envelope", message))?;

        let mut de = xml_tree::deserializer(bytes);
        let version = read_root(&mut de)?;
        let mut reader = EnvelopeReader {
            de,
            version,
            headers: Vec::new(),
            must_understand: Vec::new(),
        };

        let mut next = reader.next_child("Envelope")?;
        if next
            .as_ref()
            .is_some_and(|name| reader.is_envelope_element(name, "Header"))
        {
            reader.read_headers()?;
            next = reader.next_child("Envelope")?;
        }

        match next {
            Some(name) if reader.is_envelope_element(&name, "Body") => Ok(reader),
            Some(name) => Err(malformed(
                "Envelope",
                format!("expected Header or Body, found <{}>", name.local),
            )),
            None => Err(malformed("Envelope", "the envelope has no Body")),
        }
    }

    /// Looks at the first element inside `Body`.
    pub fn body_start(&mut self) -> Result<BodyStart, OpenError> {
        loop {
            match self.peek("Body")? {
                XmlEvent::StartElement { name, .. } => {
                    let name = OwnedQName::from_xml(name);
                    if self.is_envelope_element(&name, "Fault") {
                        let fault = xml_tree::read_element(&mut self.de)
                            .map_err(|message| malformed("Fault", message))?;
                        return Ok(BodyStart::Fault(fault));
                    }
                    return Ok(BodyStart::Element(name));
                }
                XmlEvent::EndElement { .. } => return Ok(BodyStart::Empty),
                _ => self.advance("Body")?,
            }
        }
    }

    /// Reads the rest of the document after the body element, so that a truncated or malformed
    /// tail is reported even when the body element itself was complete. A second element in
    /// the `Body` is an error: every message this runtime reads has one body element, and
    /// ignoring another would silently drop data.
    pub fn finish(mut self) -> Result<(), OpenError> {
        // The reader is inside `Envelope` (depth 1) and `Body` (depth 2), so a start tag that
        // takes the depth to 3 is a direct child of `Body`.
        const BODY_CHILD_DEPTH: usize = 3;

        loop {
            match self.de.next_event() {
                Ok(XmlEvent::EndDocument) => return Ok(()),
                Ok(XmlEvent::StartElement { name, .. }) if self.de.depth() == BODY_CHILD_DEPTH => {
                    let name = OwnedQName::from_xml(&name);
                    return Err(malformed(
                        "Body",
                        format!("a second element <{name}> follows the body element"),
                    ));
                }
                Ok(_) => {}
                Err(error) => return Err(malformed("Envelope", error.to_string())),
            }
        }
    }

    /// Returns the envelope namespace of this message.
    pub fn envelope_namespace(&self) -> &'static str {
        self.version.envelope_namespace()
    }

    fn is_envelope_element(&self, name: &OwnedQName, local: &str) -> bool {
        name.local == local && name.namespace == self.envelope_namespace()
    }

    /// Moves to the next child start tag of the current element and consumes it; returns `None`
    /// at the current element's end tag.
    fn next_child(&mut self, parent: &str) -> Result<Option<OwnedQName>, OpenError> {
        loop {
            match self.de.next_event() {
                Ok(XmlEvent::StartElement { name, .. }) => {
                    return Ok(Some(OwnedQName::from_xml(&name)))
                }
                Ok(XmlEvent::EndElement { .. }) => return Ok(None),
                Ok(XmlEvent::EndDocument) => {
                    return Err(malformed(parent, "the document ended early"))
                }
                Ok(_) => {}
                Err(error) => return Err(malformed(parent, error.to_string())),
            }
        }
    }

    /// Reads every child of `Header` as a standalone document, and its end tag.
    fn read_headers(&mut self) -> Result<(), OpenError> {
        loop {
            match self.peek("Header")? {
                XmlEvent::StartElement { .. } => {
                    let block = xml_tree::read_element(&mut self.de)
                        .map_err(|message| malformed("Header", message))?;
                    if self.marks_must_understand(&block) {
                        self.must_understand.push(OwnedQName {
                            namespace: block.name.namespace.clone().unwrap_or_default(),
                            local: block.name.local_name.clone(),
                        });
                    }
                    let xml = block
                        .to_xml()
                        .map_err(|error| malformed("Header", error.to_string()))?;
                    self.headers.push(xml);
                }
                XmlEvent::EndElement { .. } => {
                    self.advance("Header")?;
                    return Ok(());
                }
                _ => self.advance("Header")?,
            }
        }
    }

    /// Returns whether a header block carries the envelope's `mustUnderstand` attribute set to
    /// true (`1`, or `true` in SOAP 1.2).
    fn marks_must_understand(&self, block: &Element) -> bool {
        block.attributes.iter().any(|attribute| {
            attribute.name.local_name == "mustUnderstand"
                && attribute.name.namespace.as_deref() == Some(self.envelope_namespace())
                && matches!(attribute.value.trim(), "1" | "true")
        })
    }

    fn peek(&mut self, element: &str) -> Result<&XmlEvent, OpenError> {
        match self.de.peek() {
            Ok(XmlEvent::EndDocument) => Err(malformed(element, "the document ended early")),
            Ok(event) => Ok(event),
            Err(error) => Err(malformed(element, error.to_string())),
        }
    }

    fn advance(&mut self, element: &str) -> Result<(), OpenError> {
        self.de
            .next_event()
            .map(drop)
            .map_err(|error| malformed(element, error.to_string()))
    }
}

/// Reads up to the root element's start tag, which must be a SOAP 1.1 or 1.2 `Envelope`.
fn read_root(de: &mut Deserializer<&[u8]>) -> Result<SoapVersion, OpenError> {
    loop {
        let event = de.next_event().map_err(|_| OpenError::NotSoap)?;
        match event {
            XmlEvent::StartElement { name, .. } => {
                let namespace = name.namespace.as_deref().unwrap_or("");
                return match (namespace, name.local_name.as_str()) {
                    (ns, "Envelope") if ns == SoapVersion::Soap11.envelope_namespace() => {
                        Ok(SoapVersion::Soap11)
                    }
                    (ns, "Envelope") if ns == SoapVersion::Soap12.envelope_namespace() => {
                        Ok(SoapVersion::Soap12)
                    }
                    (ns, "Envelope") => Err(OpenError::UnknownVersion {
                        namespace: ns.to_owned(),
                    }),
                    _ => Err(OpenError::NotSoap),
                };
            }
            // SOAP forbids a DTD; an HTML error page starts with one.
            XmlEvent::Doctype { .. } | XmlEvent::EndDocument | XmlEvent::Characters(_) => {
                return Err(OpenError::NotSoap)
            }
            _ => {}
        }
    }
}

/// Returns `true` when the first character other than a byte order mark or whitespace is `<`.
pub(crate) fn looks_like_xml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    bytes
        .iter()
        .find(|byte| !byte.is_ascii_whitespace())
        .is_some_and(|&byte| byte == b'<')
}

fn malformed(element: &str, message: impl Into<String>) -> OpenError {
    OpenError::Malformed {
        element: element.to_owned(),
        message: message.into(),
    }
}
