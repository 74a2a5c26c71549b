//! Operations and their messages: how message parts are laid out in the SOAP body and header.
//!
//! Without `soap:body/@parts`, the body contains every part of the message except those that a
//! `soap:header` of the same operation takes from the same message (the pattern of Exchange Web
//! Services and many others). A name in `soap:body/@parts` that the message lacks is reported
//! as a [`WarningKind::UnknownPart`] warning and ignored; when no listed name is left, the body
//! falls back to that default.
//!
//! Document style expects `element=` parts. A `type=` part there is sent as an element named
//! after the part, in no namespace, and recorded as a [`WarningKind::DocumentTypePart`]
//! warning; the same applies to `type=` parts used as headers or faults.

use super::schema::{display_qname, lookup_type, not_found};
use super::wsdl::{Item, WsdlResolver};
use crate::error::WarningKind;
use crate::ir::{
    Body, Builtin, ElementDef, ElementId, Fault, HeaderPart, Message, Operation, QName, RpcPart,
    SoapVersion, Source, Style, TypeRef,
};
use crate::read::xml::{
    attr, child, children, is, wsdl_docs, WSDL, WSDL_MIME, WSDL_SOAP11, WSDL_SOAP12,
};

/// Direction of a message within its operation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Input,
    Output,
}

/// A resolved `wsdl:part`.
#[derive(Clone)]
struct Part<'a> {
    name: String,
    item: Item<'a>,
    kind: PartKind,
}

#[derive(Clone)]
enum PartKind {
    Element(ElementId),
    Type(TypeRef),
}

impl<'s, 'a> WsdlResolver<'s, 'a> {
    /// Resolves one bound operation. Returns `None` (after reporting) when it cannot be used.
    pub(crate) fn operation(
        &mut self,
        abstract_operation: &Item<'a>,
        bound: &Item<'a>,
        version: SoapVersion,
        default_style: Style,
    ) -> Option<Operation> {
        let soap_namespace = match version {
            SoapVersion::Soap11 => WSDL_SOAP11,
            SoapVersion::Soap12 => WSDL_SOAP12,
        };
        let soap_operation = child(bound.node, soap_namespace, "operation");
        let soap_action = soap_operation
            .and_then(|op| attr(op, "soapAction"))
            .unwrap_or_default();
        let style = match soap_operation.and_then(|op| attr(op, "style")) {
            Some("rpc") => Style::Rpc,
            Some("document") => Style::Document,
            _ => default_style,
        };
        if attr(abstract_operation.node, "parameterOrder").is_some() {
            let message = "parameterOrder is ignored; parts keep the order of their message";
            self.report.warn(
                WarningKind::ParameterOrder,
                abstract_operation.file,
                &abstract_operation.path,
                message,
            );
        }

        let io = |local: &'static str| abstract_operation.wsdl_children(local).next();
        let bound_io = |local: &'static str| bound.wsdl_children(local).next();
        let first_io = children(abstract_operation.node)
            .find(|node| is(node, WSDL, "input") || is(node, WSDL, "output"));
        match first_io {
            Some(first) if first.name == "input" => {}
            Some(_) => {
                let message = "solicit-response operations (output before input) are not supported";
                self.report
                    .error(abstract_operation.file, &abstract_operation.path, message);
                return None;
            }
            None => {
                let message = "operation has no input; notification operations are not supported";
                self.report
                    .error(abstract_operation.file, &abstract_operation.path, message);
                return None;
            }
        }
        let abstract_input = io("input")?;

        let context = (abstract_operation.name(), style, soap_namespace);
        let input = self.message(
            &abstract_input,
            bound_io("input").as_ref(),
            context,
            Direction::Input,
        );
        let output = io("output").map(|abstract_output| {
            self.message(
                &abstract_output,
                bound_io("output").as_ref(),
                context,
                Direction::Output,
            )
        });
        let faults = self.faults(abstract_operation);

        Some(Operation {
            name: abstract_operation.name().to_string(),
            docs: wsdl_docs(abstract_operation.node),
            soap_action: soap_action.to_string(),
            style,
            input: input?,
            output: match output {
                Some(output) => Some(output?),
                None => None,
            },
            faults,
        })
    }

    /// Lays out the message of `abstract_io` (`wsdl:input` or `wsdl:output` of the port type)
    /// as `bound_io` (the binding's) describes it.
    fn message(
        &mut self,
        abstract_io: &Item<'a>,
        bound_io: Option<&Item<'a>>,
        (operation, style, soap_namespace): (&str, Style, &str),
        direction: Direction,
    ) -> Option<Message> {
        let (message_name, parts) = self.message_parts(abstract_io)?;
        let soap_body = bound_io.and_then(|bound_io| self.soap_body(bound_io, soap_namespace));

        let mut headers = Vec::new();
        let mut header_parts_of_body_message = Vec::new();
        if let Some(bound_io) = bound_io {
            for header in children(bound_io.node).filter(|node| is(node, soap_namespace, "header"))
            {
                let header = bound_io.child(header);
                let Some((header_message, header_part)) = self.header(&header) else {
                    continue;
                };
                if header_message == message_name {
                    header_parts_of_body_message.push(header_part.name.clone());
                }
                headers.push(header_part);
            }
        }

        let non_header_parts = || -> Vec<Part<'a>> {
            parts
                .iter()
                .filter(|part| !header_parts_of_body_message.contains(&part.name))
                .cloned()
                .collect()
        };
        let listed = soap_body
            .as_ref()
            .and_then(|body| Some((body, attr(body.node, "parts")?)));
        let body_parts = match listed {
            None => non_header_parts(),
            Some((_, listed)) if listed.trim().is_empty() => Vec::new(),
            Some((body, listed)) => {
                let found = self.listed_body_parts(listed, &parts, body, &message_name);
                if found.is_empty() {
                    non_header_parts()
                } else {
                    found
                }
            }
        };

        let body = match style {
            Style::Document => Body::Document(
                body_parts
                    .iter()
                    .map(|part| self.part_element(&message_name, part))
                    .collect(),
            ),
            Style::Rpc => {
                let namespace = soap_body
                    .as_ref()
                    .and_then(|body| attr(body.node, "namespace"))
                    .map(str::to_string)
                    .or_else(|| abstract_io.namespace.clone());
                let suffix = if direction == Direction::Output {
                    "Response"
                } else {
                    ""
                };
                Body::Rpc {
                    wrapper: QName {
                        namespace,
                        local: format!("{operation}{suffix}"),
                    },
                    parts: body_parts.iter().map(|part| self.rpc_part(part)).collect(),
                }
            }
        };

        Some(Message {
            name: message_name,
            body,
            headers,
        })
    }

    /// Returns the parts that `soap:body/@parts` lists, in the listed order. A listed name that
    /// the message lacks is a mistake in the WSDL: it is reported as a warning and ignored, and
    /// when no listed name is left the caller falls back to the default body.
    fn listed_body_parts(
        &mut self,
        listed: &str,
        parts: &[Part<'a>],
        soap_body: &Item<'a>,
        message_name: &QName,
    ) -> Vec<Part<'a>> {
        let mut found = Vec::new();
        for name in listed.split_whitespace() {
            match parts.iter().find(|part| part.name == name) {
                Some(part) => found.push(part.clone()),
                None => {
                    let message = format!(
                        "soap:body parts names \"{name}\", but message {} has no such part; \
                         the name is ignored",
                        display_qname(message_name)
                    );
                    let (file, path) = (soap_body.file, &soap_body.path);
                    self.report
                        .warn(WarningKind::UnknownPart, file, path, message);
                }
            }
        }
        found
    }

    /// Finds `soap:body`, directly or inside a MIME multipart binding (recorded as a warning).
    fn soap_body(&mut self, bound_io: &Item<'a>, soap_namespace: &str) -> Option<Item<'a>> {
        if let Some(body) = child(bound_io.node, soap_namespace, "body") {
            return Some(bound_io.child(body));
        }
        let multipart = child(bound_io.node, WSDL_MIME, "multipartRelated")?;
        let multipart = bound_io.child(multipart);
        let message = "MIME multipart binding: only the SOAP body part is used, attachments are not supported";
        self.report.warn(
            WarningKind::MimeBinding,
            multipart.file,
            &multipart.path,
            message,
        );
        children(multipart.node)
            .filter(|node| is(node, WSDL_MIME, "part"))
            .find_map(|part| {
                child(part, soap_namespace, "body").map(|body| multipart.child(part).child(body))
            })
    }

    /// Resolves `soap:header message= part=` to the message name and the header part.
    fn header(&mut self, header: &Item<'a>) -> Option<(QName, HeaderPart)> {
        let (Some(message), Some(part_name)) =
            (attr(header.node, "message"), attr(header.node, "part"))
        else {
            self.report.error(
                header.file,
                &header.path,
                "soap:header needs message and part attributes",
            );
            return None;
        };
        let message_name = self.reference(header, message, |tables, qname| {
            tables.messages.contains_key(qname)
        })?;
        let message_item = self.lookup_message(header, &message_name)?;
        let parts = self.parts(&message_item);
        let Some(part) = parts.iter().find(|part| part.name == part_name) else {
            let message = format!(
                "no part \"{part_name}\" in message {}",
                display_qname(&message_name)
            );
            self.report.error(header.file, &header.path, message);
            return None;
        };
        let element = self.part_element(&message_name, part);
        let header_part = HeaderPart {
            name: part.name.clone(),
            element,
        };
        Some((message_name, header_part))
    }

    /// Resolves the typed faults of a port type operation.
    fn faults(&mut self, abstract_operation: &Item<'a>) -> Vec<Fault> {
        let mut faults = Vec::new();
        for fault in abstract_operation
            .wsdl_children("fault")
            .collect::<Vec<_>>()
        {
            let Some((message_name, parts)) = self.message_parts(&fault) else {
                continue;
            };
            let Some(part) = parts.first() else {
                let message = format!("fault message {} has no part", display_qname(&message_name));
                self.report.error(fault.file, &fault.path, message);
                continue;
            };
            faults.push(Fault {
                name: fault.name().to_string(),
                element: self.part_element(&message_name, part),
            });
        }
        faults
    }

    /// Looks up the message named by `io`'s `message` attribute and resolves its parts.
    fn message_parts(&mut self, io: &Item<'a>) -> Option<(QName, Vec<Part<'a>>)> {
        let Some(value) = attr(io.node, "message") else {
            let message = format!("wsdl:{} has no message attribute", io.node.name);
            self.report.error(io.file, &io.path, message);
            return None;
        };
        let message_name = self.reference(io, value, |tables, qname| {
            tables.messages.contains_key(qname)
        })?;
        let message_item = self.lookup_message(io, &message_name)?;
        let parts = self.parts(&message_item);
        Some((message_name, parts))
    }

    fn lookup_message(&mut self, at: &Item<'a>, name: &QName) -> Option<Item<'a>> {
        let found = self.tables.messages.get(name).cloned();
        if found.is_none() {
            let message = format!("message {} not found", display_qname(name));
            self.report.error(at.file, &at.path, message);
        }
        found
    }

    /// Resolves the `element=` or `type=` of each part of a message; parts with neither or
    /// with an unknown name are reported and left out.
    fn parts(&mut self, message: &Item<'a>) -> Vec<Part<'a>> {
        let mut parts = Vec::new();
        for part in message.wsdl_children("part").collect::<Vec<_>>() {
            let kind = if let Some(value) = attr(part.node, "element") {
                self.part_element_ref(&part, value).map(PartKind::Element)
            } else if let Some(value) = attr(part.node, "type") {
                self.part_type_ref(&part, value).map(PartKind::Type)
            } else {
                self.report.error(
                    part.file,
                    &part.path,
                    "part needs an element or a type attribute",
                );
                None
            };
            if let Some(kind) = kind {
                parts.push(Part {
                    name: part.name().to_string(),
                    item: part,
                    kind,
                });
            }
        }
        parts
    }

    fn part_element_ref(&mut self, part: &Item<'a>, value: &str) -> Option<ElementId> {
        let qname = self.qname(part, value)?;
        let found = self
            .schemas
            .element_index
            .get(&qname)
            .map(|&id| ElementId(id));
        if found.is_none() {
            let message = not_found(self.schemas, "element", &qname);
            self.report.error(part.file, &part.path, message);
        }
        found
    }

    fn part_type_ref(&mut self, part: &Item<'a>, value: &str) -> Option<TypeRef> {
        let qname = self.qname(part, value)?;
        match lookup_type(self.schemas, &qname) {
            Ok(type_ref) => Some(type_ref),
            Err(message) => {
                self.report.error(part.file, &part.path, message);
                None
            }
        }
    }

    /// Returns the global element a part stands for, synthesizing one for a `type=` part.
    fn part_element(&mut self, message_name: &QName, part: &Part<'a>) -> ElementId {
        let type_ref = match &part.kind {
            PartKind::Element(id) => return *id,
            PartKind::Type(type_ref) => type_ref.clone(),
        };
        let key = (message_name.clone(), part.name.clone());
        if let Some(&id) = self.synthesized.get(&key) {
            return id;
        }

        let message = format!(
            "part {} of message {} has type= where an element is expected; it is sent as element <{}> in no namespace",
            part.name,
            message_name.local,
            part.name
        );
        self.report.warn(
            WarningKind::DocumentTypePart,
            part.item.file,
            &part.item.path,
            message,
        );
        let id = ElementId(self.elements.len());
        self.elements.push(ElementDef {
            name: QName {
                namespace: None,
                local: part.name.clone(),
            },
            type_ref,
            is_abstract: false,
            nillable: false,
            substitution_group: None,
            docs: wsdl_docs(part.item.node),
            source: Source {
                file: part.item.file.to_path_buf(),
                path: part.item.path.clone(),
            },
        });
        self.synthesized.insert(key, id);
        id
    }

    fn rpc_part(&self, part: &Part<'a>) -> RpcPart {
        let (type_ref, element) = match &part.kind {
            PartKind::Type(type_ref) => (type_ref.clone(), None),
            PartKind::Element(id) => {
                let type_ref = self
                    .elements
                    .get(id.0)
                    .map_or(TypeRef::Builtin(Builtin::AnyType), |def| {
                        def.type_ref.clone()
                    });
                (type_ref, Some(*id))
            }
        };
        RpcPart {
            name: part.name.clone(),
            type_ref,
            element,
        }
    }
}
