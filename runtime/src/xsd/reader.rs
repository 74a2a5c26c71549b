//! Reading the content of one element for generated `YaDeserialize` impls.

use std::any::TypeId;
use std::fmt::Display;
use std::io::Read;
use std::str::FromStr;

use yaserde::__xml::attribute::OwnedAttribute;
use yaserde::__xml::name::OwnedName;
use yaserde::__xml::reader::XmlEvent;
use yaserde::de::Deserializer;
use yaserde::YaDeserialize;

use super::members::{describe, Group, Member};
use super::mixed::{MixedText, TextRun};
use super::wildcard::{AnyAttribute, AnyElement};
use crate::OwnedQName;

/// Namespace of the `xsi:nil` and `xsi:type` attributes.
pub const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// A cursor over the children of one element, in document order.
///
/// [`ContentReader::start`] consumes the element's start tag. The methods that read a child
/// consume it up to and including its end tag, whatever the child's own decoder leaves behind.
/// The element's own end tag is left unread, as `yaserde`'s derived decoders leave it, because
/// the caller of `deserialize` consumes it.
pub struct ContentReader<'r, R: Read> {
    reader: &'r mut Deserializer<R>,
    name: OwnedName,
    attributes: Vec<OwnedAttribute>,
    depth: usize,
    children: usize,
    text: Vec<TextRun>,
}

impl<'r, R: Read> ContentReader<'r, R> {
    /// Consumes the start tag at the reader's position; `type_name` names the Rust type for
    /// error messages.
    pub fn start(reader: &'r mut Deserializer<R>, type_name: &str) -> yaserde::Result<Self> {
        match reader.next_event()? {
            XmlEvent::StartElement {
                name, attributes, ..
            } => Ok(ContentReader {
                depth: reader.depth(),
                reader,
                name,
                attributes,
                children: 0,
                text: Vec::new(),
            }),
            other => Err(yaserde::Error::custom(format!(
                "expected the start tag of a {type_name} element, found {other:?}"
            ))),
        }
    }

    /// Returns the name (namespace URI, `""` for none, and local name) of the next child
    /// element, or `None` at the element's end tag. Text before the child is kept for
    /// [`ContentReader::take_text`].
    pub fn peek_child(&mut self) -> yaserde::Result<Option<(String, String)>> {
        // Each round consumes one text event or returns, so the loop ends with the input.
        loop {
            match self.reader.peek()? {
                XmlEvent::StartElement { name, .. } => {
                    let namespace = name.namespace.clone().unwrap_or_default();
                    return Ok(Some((namespace, name.local_name.clone())));
                }
                XmlEvent::EndElement { .. } => return Ok(None),
                XmlEvent::EndDocument => {
                    return Err(yaserde::Error::custom(format!(
                        "the document ended inside <{}>",
                        self.name.local_name
                    )));
                }
                XmlEvent::Characters(_) | XmlEvent::CData(_) | XmlEvent::Whitespace(_) => {
                    if let XmlEvent::Characters(text)
                    | XmlEvent::CData(text)
                    | XmlEvent::Whitespace(text) = self.reader.next_event()?
                    {
                        self.text.push(TextRun {
                            position: self.children,
                            text,
                        });
                    }
                }
                _ => {
                    self.reader.next_event()?;
                }
            }
        }
    }

    /// Returns the index of the first of `alternatives` that the next child starts, for the
    /// enum of an `xs:choice`. The error message names the enum `choice`.
    pub fn choose(&mut self, alternatives: &[Member], choice: &str) -> yaserde::Result<usize> {
        let Some((namespace, local)) = self.peek_child()? else {
            return Err(self.no_alternative(alternatives, choice, "the end tag"));
        };

        let by_name = alternatives
            .iter()
            .position(|alternative| alternative.names(&namespace, &local));
        let by_wildcard = || {
            alternatives
                .iter()
                .position(|alternative| alternative.wildcard_accepts(&namespace))
        };

        by_name
            .or_else(by_wildcard)
            .ok_or_else(|| self.no_alternative(alternatives, choice, &format!("<{local}>")))
    }

    fn no_alternative(&self, alternatives: &[Member], choice: &str, found: &str) -> yaserde::Error {
        let expected: Vec<String> = alternatives.iter().map(describe).collect();
        yaserde::Error::custom(format!(
            "invalid content of <{}>: expected {} for {choice}, found {found}",
            self.name.local_name,
            expected.join(" or ")
        ))
    }

    /// Reads children while they start `member`, at most `member.max` of them, with `read`.
    pub fn repeat<T>(
        &mut self,
        member: &Member,
        mut read: impl FnMut(&mut Self) -> yaserde::Result<T>,
    ) -> yaserde::Result<Vec<T>> {
        let mut items = Vec::new();

        while (items.len() as u64) < u64::from(member.max) {
            match self.peek_child()? {
                Some((namespace, local)) if member.starts_with(&namespace, &local) => {
                    items.push(read(self)?);
                }
                _ => break,
            }
        }

        Ok(items)
    }

    /// Reads the next child's text as a `T`. `xs:boolean` also accepts `1` and `0`.
    pub fn text<T>(&mut self) -> yaserde::Result<T>
    where
        T: FromStr + 'static,
        T::Err: Display,
    {
        let local = self.open_child()?;
        let text = self.child_text();
        let value = text.and_then(|text| parse_text(&text));

        self.close_child()?;
        value.map_err(|error| error.in_field(local))
    }

    /// Reads the next child as `None` when it carries `xsi:nil="true"`, or else as its text.
    pub fn nillable_text<T>(&mut self) -> yaserde::Result<Option<T>>
    where
        T: FromStr + 'static,
        T::Err: Display,
    {
        if self.next_is_nil()? {
            self.skip()?;
            return Ok(None);
        }
        self.text().map(Some)
    }

    /// Reads the next child with `T`'s `YaDeserialize` impl.
    pub fn element<T: YaDeserialize>(&mut self) -> yaserde::Result<T> {
        let local = self
            .peek_child()?
            .map(|(_, local)| local)
            .unwrap_or_default();
        let value = T::deserialize(self.reader);

        match value {
            Ok(value) => {
                self.close_child()?;
                Ok(value)
            }
            Err(error) => Err(error.in_field(local)),
        }
    }

    /// Reads the next child as `None` when it carries `xsi:nil="true"`, or else with `T`'s
    /// `YaDeserialize` impl.
    pub fn nillable_element<T: YaDeserialize>(&mut self) -> yaserde::Result<Option<T>> {
        if self.next_is_nil()? {
            self.skip()?;
            return Ok(None);
        }
        self.element().map(Some)
    }

    /// Reads a group (a choice or a sequence) that starts at the next child.
    pub fn group<T: Group>(&mut self) -> yaserde::Result<T> {
        T::read(self)
    }

    /// Reads the next child, with its subtree and namespace declarations, as an
    /// [`AnyElement`].
    pub fn any(&mut self) -> yaserde::Result<AnyElement> {
        self.peek_child()?;
        let element = crate::xml_tree::read_element(self.reader).map_err(yaserde::Error::custom)?;
        self.children += 1;

        AnyElement::from_tree(&element)
    }

    /// Skips the next child with its subtree.
    pub fn skip(&mut self) -> yaserde::Result<()> {
        self.open_child()?;
        self.close_child()
    }

    /// Returns the value of the element's attribute `(namespace, local)`, parsed as a `T`.
    pub fn attribute<T>(&self, namespace: &str, local: &str) -> yaserde::Result<Option<T>>
    where
        T: FromStr + 'static,
        T::Err: Display,
    {
        self.attributes
            .iter()
            .find(|attribute| {
                attribute.name.local_name == local
                    && attribute.name.namespace.as_deref().unwrap_or("") == namespace
            })
            .map(|attribute| parse_text(&attribute.value).map_err(|error| error.in_field(local)))
            .transpose()
    }

    /// Returns the value of the required attribute `(namespace, local)`, parsed as a `T`.
    pub fn required_attribute<T>(&self, namespace: &str, local: &str) -> yaserde::Result<T>
    where
        T: FromStr + 'static,
        T::Err: Display,
    {
        self.attribute(namespace, local)?.ok_or_else(|| {
            yaserde::Error::custom(format!(
                "missing attribute {local} on <{}>",
                self.name.local_name
            ))
        })
    }

    /// Returns the element's attributes other than `known` (namespace URI and local name),
    /// for an `xs:anyAttribute` wildcard.
    pub fn other_attributes(&self, known: &[(&str, &str)]) -> Vec<AnyAttribute> {
        self.attributes
            .iter()
            .map(|attribute| AnyAttribute {
                name: OwnedQName::from_xml(&attribute.name),
                value: attribute.value.clone(),
            })
            .filter(|attribute| {
                !known.iter().any(|(namespace, local)| {
                    attribute.name.namespace == *namespace && attribute.name.local == *local
                })
            })
            .collect()
    }

    /// Reads the rest of the element's text, skipping child elements, as a `T`: the value of
    /// an element with simple content.
    pub fn simple_content<T>(&mut self) -> yaserde::Result<T>
    where
        T: FromStr + 'static,
        T::Err: Display,
    {
        while self.peek_child()?.is_some() {
            self.skip()?;
        }
        let text: String = self.text.drain(..).map(|run| run.text).collect();

        parse_text(&text)
    }

    /// Takes the text read so far between the child elements, for a `mixed="true"` type.
    pub fn take_text(&mut self) -> MixedText {
        MixedText {
            runs: std::mem::take(&mut self.text),
        }
    }

    fn next_is_nil(&mut self) -> yaserde::Result<bool> {
        self.peek_child()?;
        let XmlEvent::StartElement { attributes, .. } = self.reader.peek()? else {
            return Ok(false);
        };

        Ok(attributes.iter().any(|attribute| {
            attribute.name.local_name == "nil"
                && attribute.name.namespace.as_deref() == Some(XSI_NAMESPACE)
                && matches!(attribute.value.trim(), "true" | "1")
        }))
    }

    /// Consumes the next child's start tag and returns its local name.
    fn open_child(&mut self) -> yaserde::Result<String> {
        if self.peek_child()?.is_none() {
            return Err(yaserde::Error::custom(format!(
                "expected a child element in <{}>, found its end tag",
                self.name.local_name
            )));
        }
        match self.reader.next_event()? {
            XmlEvent::StartElement { name, .. } => Ok(name.local_name),
            other => Err(yaserde::Error::custom(format!(
                "expected a start tag, found {other:?}"
            ))),
        }
    }

    /// Returns the text of the child whose start tag was just consumed, up to its first nested
    /// element or end tag.
    fn child_text(&mut self) -> yaserde::Result<String> {
        match self.reader.peek()? {
            XmlEvent::Characters(text) | XmlEvent::CData(text) | XmlEvent::Whitespace(text) => {
                Ok(text.clone())
            }
            _ => Ok(String::new()),
        }
    }

    /// Consumes events up to and including the end tag of the current child.
    fn close_child(&mut self) -> yaserde::Result<()> {
        // Each round consumes one event, so the loop ends with the input.
        while self.reader.depth() > self.depth {
            if let XmlEvent::EndDocument = self.reader.next_event()? {
                return Err(yaserde::Error::custom(format!(
                    "the document ended inside <{}>",
                    self.name.local_name
                )));
            }
        }
        self.children += 1;
        Ok(())
    }
}

/// Parses `text` as a `T`, accepting `1` and `0` for `bool` as `xs:boolean` does.
fn parse_text<T>(text: &str) -> yaserde::Result<T>
where
    T: FromStr + 'static,
    T::Err: Display,
{
    let text = if TypeId::of::<T>() == TypeId::of::<bool>() {
        match text.trim() {
            "1" => "true",
            "0" => "false",
            other => other,
        }
    } else {
        text
    };

    text.parse()
        .map_err(|error| yaserde::Error::custom(format!("invalid value {text:?}: {error}")))
}
