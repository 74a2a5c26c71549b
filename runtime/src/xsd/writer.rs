//! Writing the content of one element for generated `YaSerialize` impls.

use std::fmt::Display;
use std::io::Write;

use yaserde::__xml::reader::{EventReader, ParserConfig, XmlEvent as ReaderEvent};
use yaserde::__xml::writer::XmlEvent;
use yaserde::ser::Serializer;
use yaserde::YaSerialize;

use super::members::Group;
use super::mixed::{MixedText, TextRun};
use super::reader::XSI_NAMESPACE;
use super::wildcard::{AnyAttribute, AnyElement};

/// Namespace of the `xml:` prefix, which is bound without a declaration.
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// The start tag of an element being written: its name, namespace declarations and attributes.
///
/// Like a `yaserde`-derived impl, it takes the element name from the serializer when the
/// parent set one, and writes no tags when the serializer is set to skip them.
pub struct StartTag<'w, W: Write> {
    writer: &'w mut Serializer<W>,
    name: String,
    namespaces: Vec<(String, String)>,
    attributes: Vec<(String, String)>,
    skip: bool,
}

impl<'w, W: Write> StartTag<'w, W> {
    /// Starts a tag named `default_name` (unless the parent chose the name) that declares
    /// `namespaces` as (prefix, URI) pairs.
    pub fn new(
        writer: &'w mut Serializer<W>,
        default_name: &str,
        namespaces: &[(&str, &str)],
    ) -> Self {
        StartTag {
            name: writer
                .get_start_event_name()
                .unwrap_or_else(|| default_name.to_owned()),
            skip: writer.skip_start_end(),
            writer,
            namespaces: namespaces
                .iter()
                .map(|(prefix, uri)| ((*prefix).to_owned(), (*uri).to_owned()))
                .collect(),
            attributes: Vec::new(),
        }
    }

    /// Adds the attribute `name` (`prefix:local` for a qualified one) with `value`.
    pub fn attribute(&mut self, name: &str, value: &impl Display) {
        self.attributes.push((name.to_owned(), value.to_string()));
    }

    /// Adds the attributes an `xs:anyAttribute` wildcard matched, declaring a prefix for each
    /// namespace that the tag does not declare yet.
    pub fn other_attributes(&mut self, attributes: &[AnyAttribute]) {
        for attribute in attributes {
            let name = match attribute.name.namespace.as_str() {
                "" => attribute.name.local.clone(),
                XML_NAMESPACE => format!("xml:{}", attribute.name.local),
                namespace => format!("{}:{}", self.prefix_for(namespace), attribute.name.local),
            };
            self.attributes.push((name, attribute.value.clone()));
        }
    }

    /// Returns the prefix declared for `namespace`, declaring `at1`, `at2`, … when there is
    /// none. A new prefix is never one the tag or its own name already uses.
    fn prefix_for(&mut self, namespace: &str) -> String {
        if let Some((prefix, _)) = self.namespaces.iter().find(|(_, uri)| uri == namespace) {
            return prefix.clone();
        }

        let own_prefix = self.name.split_once(':').map(|(prefix, _)| prefix);
        // Ends because each round tries a new number and only finitely many are taken.
        let prefix = (1usize..)
            .map(|number| format!("at{number}"))
            .find(|candidate| {
                own_prefix != Some(candidate.as_str())
                    && !self.namespaces.iter().any(|(taken, _)| taken == candidate)
            })
            .unwrap_or_default();
        self.namespaces.push((prefix.clone(), namespace.to_owned()));
        prefix
    }

    /// Writes the start tag and returns the writer for the element's content.
    pub fn write(self) -> yaserde::Result<ContentWriter<'w, W>> {
        if !self.skip {
            let mut event = XmlEvent::start_element(self.name.as_str());
            for (prefix, uri) in &self.namespaces {
                event = event.ns(prefix.as_str(), uri.as_str());
            }
            for (name, value) in &self.attributes {
                event = event.attr(name.as_str(), value);
            }
            self.writer.write(event)?;
        }

        Ok(ContentWriter {
            writer: self.writer,
            skip: self.skip,
            children: 0,
            text: Vec::new(),
            next_run: 0,
        })
    }
}

/// Writes the children of one element in order, then its end tag.
pub struct ContentWriter<'w, W: Write> {
    writer: &'w mut Serializer<W>,
    skip: bool,
    children: usize,
    text: Vec<TextRun>,
    next_run: usize,
}

impl<W: Write> ContentWriter<'_, W> {
    /// Writes `text` between the children, each run before the child it precedes, for a
    /// `mixed="true"` type.
    pub fn mixed(&mut self, text: &MixedText) {
        self.text = text.runs.clone();
        self.next_run = 0;
    }

    /// Writes `<name>value</name>`.
    pub fn text(&mut self, name: &str, value: &impl Display) -> yaserde::Result<()> {
        self.before_child()?;
        self.writer.write(XmlEvent::start_element(name))?;
        self.writer
            .write(XmlEvent::characters(&value.to_string()))?;
        self.writer.write(XmlEvent::end_element())?;
        Ok(())
    }

    /// Writes `<name>value</name>`, or `<name xsi:nil="true"/>` for `None`.
    pub fn nillable_text<T: Display>(
        &mut self,
        name: &str,
        value: &Option<T>,
    ) -> yaserde::Result<()> {
        match value {
            Some(value) => self.text(name, value),
            None => self.nil(name),
        }
    }

    /// Writes `value` as the element `name` with its `YaSerialize` impl.
    pub fn element<T: YaSerialize>(&mut self, name: &str, value: &T) -> yaserde::Result<()> {
        self.before_child()?;
        self.writer.set_start_event_name(Some(name.to_owned()));
        self.writer.set_skip_start_end(false);
        value.serialize(self.writer)
    }

    /// Writes `value` as the element `name`, or `<name xsi:nil="true"/>` for `None`.
    pub fn nillable_element<T: YaSerialize>(
        &mut self,
        name: &str,
        value: &Option<T>,
    ) -> yaserde::Result<()> {
        match value {
            Some(value) => self.element(name, value),
            None => self.nil(name),
        }
    }

    /// Writes the elements of a group (a choice or a sequence).
    pub fn group<T: Group>(&mut self, value: &T) -> yaserde::Result<()> {
        value.write(self)
    }

    /// Writes an element matched by an `xs:any` wildcard as it was read. An empty
    /// [`AnyElement`] writes nothing.
    pub fn any(&mut self, value: &AnyElement) -> yaserde::Result<()> {
        if value.xml().is_empty() {
            return Ok(());
        }
        self.before_child()?;

        let config = ParserConfig::new().ignore_comments(false);
        for event in EventReader::new_with_config(value.xml().as_bytes(), config) {
            let event = event?;
            if let ReaderEvent::StartDocument { .. } | ReaderEvent::EndDocument = event {
                continue;
            }
            if let Some(event) = event.as_writer_event() {
                self.writer.write(event)?;
            }
        }
        Ok(())
    }

    /// Writes `value` as the element's text, for a type with simple content.
    pub fn characters(&mut self, value: &impl Display) -> yaserde::Result<()> {
        self.writer
            .write(XmlEvent::characters(&value.to_string()))
            .map_err(yaserde::Error::from)
    }

    /// Writes the remaining text and the end tag.
    pub fn end(mut self) -> yaserde::Result<()> {
        self.write_runs(usize::MAX)?;
        if !self.skip {
            self.writer.write(XmlEvent::end_element())?;
        }
        Ok(())
    }

    fn nil(&mut self, name: &str) -> yaserde::Result<()> {
        self.before_child()?;
        let start = XmlEvent::start_element(name)
            .attr("xsi:nil", "true")
            .ns("xsi", XSI_NAMESPACE);
        self.writer.write(start)?;
        self.writer.write(XmlEvent::end_element())?;
        Ok(())
    }

    /// Writes the mixed text that precedes the next child and counts the child.
    fn before_child(&mut self) -> yaserde::Result<()> {
        self.write_runs(self.children)?;
        self.children += 1;
        Ok(())
    }

    /// Writes the text runs positioned at or before `position`.
    fn write_runs(&mut self, position: usize) -> yaserde::Result<()> {
        while let Some(run) = self.text.get(self.next_run) {
            if run.position > position {
                break;
            }
            self.writer.write(XmlEvent::characters(&run.text))?;
            self.next_run += 1;
        }
        Ok(())
    }
}
