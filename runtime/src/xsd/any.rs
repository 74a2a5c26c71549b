//! `xs:anyType` element content kept as XML text.

use yaserde::__xml::reader::{EventReader, ParserConfig, XmlEvent};
use yaserde::__xml::writer::{EmitterConfig, EventWriter};
use yaserde::{de, ser, YaDeserialize, YaSerialize};

/// Deepest nesting read inside an `xs:anyType` element, so hostile input cannot make the
/// reader recurse without bound.
const MAX_DEPTH: usize = 128;

/// The content of an element of type `xs:anyType`: its child elements and text, as XML.
///
/// Decoding copies every event between the element's start and end tags; namespace
/// declarations in scope are written on the copied child elements, so the text is a
/// well-formed fragment on its own. Attributes of the element itself are not kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AnyContent {
    /// The inner XML.
    pub xml: String,
}

impl YaDeserialize for AnyContent {
    fn deserialize<R: std::io::Read>(reader: &mut de::Deserializer<R>) -> yaserde::Result<Self> {
        match reader.next_event()? {
            XmlEvent::StartElement { .. } => {}
            other => {
                return Err(yaserde::Error::custom(format!(
                    "expected an element, found {other:?}"
                )))
            }
        }

        let mut buffer = Vec::new();
        let mut writer = EventWriter::new_with_config(
            &mut buffer,
            EmitterConfig::new().write_document_declaration(false),
        );
        let mut depth = 0usize;
        loop {
            match reader.peek()? {
                XmlEvent::EndElement { .. } if depth == 0 => break,
                XmlEvent::EndDocument => {
                    return Err(yaserde::Error::custom(
                        "end of document inside xs:anyType content",
                    ));
                }
                _ => {}
            }
            let event = reader.next_event()?;
            match &event {
                XmlEvent::StartElement { .. } => depth += 1,
                XmlEvent::EndElement { .. } => depth -= 1,
                _ => {}
            }
            if depth > MAX_DEPTH {
                return Err(yaserde::Error::custom("xs:anyType content nests too deep"));
            }
            if let Some(writer_event) = event.as_writer_event() {
                writer.write(writer_event)?;
            }
        }

        let xml = String::from_utf8(buffer).map_err(yaserde::Error::custom)?;
        Ok(AnyContent { xml })
    }
}

impl YaSerialize for AnyContent {
    fn serialize<W: std::io::Write>(&self, writer: &mut ser::Serializer<W>) -> yaserde::Result<()> {
        let name = writer
            .get_start_event_name()
            .unwrap_or_else(|| "anyType".to_owned());
        let skip_start_end = writer.skip_start_end();
        if !skip_start_end {
            writer.write(yaserde::__xml::writer::XmlEvent::start_element(
                name.as_str(),
            ))?;
        }

        // The fragment may hold several elements and text, so it is parsed inside a wrapper
        // element whose own start and end events are not copied.
        let wrapped = format!("<any>{}</any>", self.xml);
        let config = ParserConfig::new().ignore_comments(false);
        let mut depth = 0usize;
        for event in EventReader::new_with_config(wrapped.as_bytes(), config) {
            let event = event?;
            match &event {
                XmlEvent::StartElement { .. } => {
                    depth += 1;
                    if depth == 1 {
                        continue;
                    }
                }
                XmlEvent::EndElement { .. } => {
                    depth -= 1;
                    if depth == 0 {
                        continue;
                    }
                }
                XmlEvent::StartDocument { .. } | XmlEvent::EndDocument => continue,
                _ => {}
            }
            if let Some(writer_event) = event.as_writer_event() {
                writer.write(writer_event)?;
            }
        }

        if !skip_start_end {
            writer.write(yaserde::__xml::writer::XmlEvent::end_element())?;
        }
        Ok(())
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
