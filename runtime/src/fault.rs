//! SOAP faults (SOAP 1.1 `Fault` and SOAP 1.2 `Fault`), read from responses and written by
//! servers.

use std::fmt;

use crate::name::OwnedQName;
use crate::xml_tree::Element;
use crate::{NoFaultDetail, SoapVersion};

/// Fault code, with the SOAP 1.1 and SOAP 1.2 names of the same meaning merged.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FaultCode {
    /// The envelope namespace is not one the receiver supports.
    VersionMismatch,
    /// A header block marked `mustUnderstand` was not understood.
    MustUnderstand,
    /// SOAP 1.2 `DataEncodingUnknown`: the message uses an encoding the receiver does not support.
    DataEncodingUnknown,
    /// The request was wrong (`Client` in SOAP 1.1, `Sender` in SOAP 1.2): resending it
    /// unchanged fails again.
    Client,
    /// The receiver failed to process a valid request (`Server` in SOAP 1.1, `Receiver` in SOAP
    /// 1.2): the same request may succeed later.
    Server,
    /// Any other code, such as an application-defined one or a dotted SOAP 1.1 code like
    /// `Client.Authentication`.
    Other(OwnedQName),
}

impl FaultCode {
    /// Maps a code QName read from a message; `envelope_namespace` is the namespace of the
    /// envelope it arrived in.
    pub(crate) fn from_qname(envelope_namespace: &str, name: OwnedQName) -> FaultCode {
        if name.namespace != envelope_namespace {
            return FaultCode::Other(name);
        }
        match name.local.as_str() {
            "VersionMismatch" => FaultCode::VersionMismatch,
            "MustUnderstand" => FaultCode::MustUnderstand,
            "DataEncodingUnknown" => FaultCode::DataEncodingUnknown,
            "Client" | "Sender" => FaultCode::Client,
            "Server" | "Receiver" => FaultCode::Server,
            _ => FaultCode::Other(name),
        }
    }

    /// Returns the local name this code has in `version`, or `None` for [`FaultCode::Other`].
    pub fn standard_name(&self, version: SoapVersion) -> Option<&'static str> {
        let soap12 = version == SoapVersion::Soap12;
        match self {
            FaultCode::VersionMismatch => Some("VersionMismatch"),
            FaultCode::MustUnderstand => Some("MustUnderstand"),
            FaultCode::DataEncodingUnknown => Some("DataEncodingUnknown"),
            FaultCode::Client if soap12 => Some("Sender"),
            FaultCode::Client => Some("Client"),
            FaultCode::Server if soap12 => Some("Receiver"),
            FaultCode::Server => Some("Server"),
            FaultCode::Other(_) => None,
        }
    }
}

impl fmt::Display for FaultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaultCode::Other(name) => name.fmt(f),
            standard => f.write_str(standard.standard_name(SoapVersion::Soap11).unwrap_or("")),
        }
    }
}

/// A SOAP fault: the error reply of a SOAP server.
///
/// `D` is the operation's typed fault detail (generated from its `wsdl:fault` messages), filled
/// in [`Fault::typed_detail`] when the detail element decodes as one of them.
#[derive(Clone, PartialEq)]
pub struct Fault<D = NoFaultDetail> {
    /// Fault code (`faultcode` in SOAP 1.1, `Code/Value` in SOAP 1.2).
    pub code: FaultCode,
    /// SOAP 1.2 `Code/Subcode/Value` chain, outermost first; always empty for SOAP 1.1.
    pub subcodes: Vec<OwnedQName>,
    /// Human-readable explanation (`faultstring`, or the first `Reason/Text`).
    pub reason: String,
    /// URI of the node that raised the fault (`faultactor` in SOAP 1.1, `Role` in SOAP 1.2).
    pub actor: Option<String>,
    /// Content of the `detail` (SOAP 1.1) or `Detail` (SOAP 1.2) element as XML text.
    pub detail: Option<String>,
    /// The first detail element, decoded as one of the operation's declared faults.
    pub typed_detail: Option<D>,
}

impl Fault {
    /// Creates a fault with a code and a reason, and no actor or detail.
    pub fn new(code: FaultCode, reason: impl Into<String>) -> Self {
        Fault {
            code,
            subcodes: Vec::new(),
            reason: reason.into(),
            actor: None,
            detail: None,
            typed_detail: None,
        }
    }

    /// Creates a fault that blames the request (`Client` / `Sender`).
    pub fn client(reason: impl Into<String>) -> Self {
        Fault::new(FaultCode::Client, reason)
    }

    /// Creates a fault that blames the server (`Server` / `Receiver`).
    pub fn server(reason: impl Into<String>) -> Self {
        Fault::new(FaultCode::Server, reason)
    }
}

impl<D> Fault<D> {
    /// Sets the detail, given as XML text that is written inside the detail element unchanged.
    pub fn with_detail(mut self, detail_xml: impl Into<String>) -> Self {
        self.detail = Some(detail_xml.into());
        self
    }

    /// Sets the actor (SOAP 1.1) or role (SOAP 1.2).
    pub fn with_actor(mut self, actor: impl Into<String>) -> Self {
        self.actor = Some(actor.into());
        self
    }

    /// Drops the typed detail, keeping the raw one, to change the detail type.
    pub fn untyped<E>(self) -> Fault<E> {
        Fault {
            code: self.code,
            subcodes: self.subcodes,
            reason: self.reason,
            actor: self.actor,
            detail: self.detail,
            typed_detail: None,
        }
    }
}

impl<D: fmt::Debug> fmt::Debug for Fault<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fault")
            .field("code", &self.code)
            .field("subcodes", &self.subcodes)
            .field("reason", &self.reason)
            .field("actor", &self.actor)
            .field("detail", &self.detail)
            .field("typed_detail", &self.typed_detail)
            .finish()
    }
}

/// Formats the fault as `SOAP fault <code>: <reason>`, followed by the actor when there is one.
impl<D> fmt::Display for Fault<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code.to_string();
        if code.is_empty() {
            f.write_str("SOAP fault without a fault code")?;
        } else {
            write!(f, "SOAP fault {code}")?;
        }
        for subcode in &self.subcodes {
            write!(f, "/{subcode}")?;
        }

        if self.reason.trim().is_empty() {
            f.write_str(", no reason given")?;
        } else {
            write!(f, ": {}", crate::shorten(&self.reason))?;
        }
        if let Some(actor) = &self.actor {
            write!(f, " (actor {})", crate::shorten(actor))?;
        }
        Ok(())
    }
}

/// Reads a fault from its `Fault` element; `envelope_namespace` selects the SOAP version.
pub(crate) fn parse_fault<D: crate::FaultDetail>(
    fault: &Element,
    envelope_namespace: &str,
) -> Fault<D> {
    if envelope_namespace == SoapVersion::Soap12.envelope_namespace() {
        parse_fault_12(fault, envelope_namespace)
    } else {
        parse_fault_11(fault, envelope_namespace)
    }
}

/// SOAP 1.1: `faultcode`, `faultstring`, `faultactor` and `detail` are unqualified children.
fn parse_fault_11<D: crate::FaultDetail>(fault: &Element, envelope_namespace: &str) -> Fault<D> {
    let code = match fault.child("", "faultcode") {
        Some(element) => FaultCode::from_qname(envelope_namespace, qname_text(element)),
        None => FaultCode::Other(OwnedQName::new("", "")),
    };
    let reason = fault
        .child("", "faultstring")
        .map(|element| element.text().trim().to_owned())
        .unwrap_or_default();
    let actor = fault.child("", "faultactor").map(Element::text);

    let mut parsed = Fault::new(code, reason).untyped::<D>();
    parsed.actor = actor;
    fill_detail(&mut parsed, fault.child("", "detail"));
    parsed
}

/// SOAP 1.2: every child is in the envelope namespace, and the code may have nested subcodes.
fn parse_fault_12<D: crate::FaultDetail>(fault: &Element, ns: &str) -> Fault<D> {
    let code_element = fault.child(ns, "Code");
    let code = match code_element.and_then(|code| code.child(ns, "Value")) {
        Some(value) => FaultCode::from_qname(ns, qname_text(value)),
        None => FaultCode::Other(OwnedQName::new("", "")),
    };

    let mut subcodes = Vec::new();
    let mut level = code_element.and_then(|code| code.child(ns, "Subcode"));
    while let Some(subcode) = level {
        if let Some(value) = subcode.child(ns, "Value") {
            subcodes.push(qname_text(value));
        }
        level = subcode.child(ns, "Subcode");
    }

    let reason = fault
        .child(ns, "Reason")
        .and_then(|reason| reason.child(ns, "Text"))
        .map(|text| text.text().trim().to_owned())
        .unwrap_or_default();

    let mut parsed = Fault::new(code, reason).untyped::<D>();
    parsed.subcodes = subcodes;
    parsed.actor = fault.child(ns, "Role").map(Element::text);
    fill_detail(&mut parsed, fault.child(ns, "Detail"));
    parsed
}

fn qname_text(element: &Element) -> OwnedQName {
    let (namespace, local) = element.resolve_qname_text();
    OwnedQName::new(namespace.unwrap_or_default(), local)
}

/// Keeps the detail's content as XML text and decodes its first element as a typed detail.
fn fill_detail<D: crate::FaultDetail>(fault: &mut Fault<D>, detail: Option<&Element>) {
    let Some(detail) = detail else {
        return;
    };
    fault.detail = detail.inner_xml().ok();

    let first = detail.child_elements().next();
    if let Some(xml) = first.and_then(|element| element.to_xml().ok()) {
        fault.typed_detail = D::from_detail_element(&xml);
    }
}

/// Writes a complete envelope carrying `fault` in the given SOAP version.
pub(crate) fn write_fault_envelope<D>(fault: &Fault<D>, version: SoapVersion) -> String {
    let style = crate::envelope::REPLY_STYLE;
    let body = match version {
        SoapVersion::Soap11 => write_fault_11(fault, style.prefix),
        SoapVersion::Soap12 => write_fault_12(fault, style.prefix),
    };
    crate::envelope::wrap_envelope(style, version, &[], &body)
}

fn write_fault_11<D>(fault: &Fault<D>, prefix: &str) -> String {
    let mut xml = format!("<{prefix}:Fault>");
    xml.push_str(&code_element(
        "faultcode",
        &fault.code,
        SoapVersion::Soap11,
        prefix,
    ));
    push_text_element(&mut xml, "faultstring", &fault.reason);
    if let Some(actor) = &fault.actor {
        push_text_element(&mut xml, "faultactor", actor);
    }
    if let Some(detail) = &fault.detail {
        xml.push_str("<detail>");
        xml.push_str(detail);
        xml.push_str("</detail>");
    }
    xml.push_str(&format!("</{prefix}:Fault>"));
    xml
}

fn write_fault_12<D>(fault: &Fault<D>, prefix: &str) -> String {
    let mut xml = format!("<{prefix}:Fault><{prefix}:Code>");
    let value_tag = format!("{prefix}:Value");
    xml.push_str(&code_element(
        &value_tag,
        &fault.code,
        SoapVersion::Soap12,
        prefix,
    ));
    for subcode in nested_subcodes(fault) {
        xml.push_str(&format!("<{prefix}:Subcode>"));
        xml.push_str(&qname_element(&value_tag, subcode));
    }
    for _ in nested_subcodes(fault) {
        xml.push_str(&format!("</{prefix}:Subcode>"));
    }
    xml.push_str(&format!(
        "</{prefix}:Code><{prefix}:Reason><{prefix}:Text xml:lang=\"en\">"
    ));
    xml.push_str(&xml::escape::escape_str_pcdata(&fault.reason));
    xml.push_str(&format!("</{prefix}:Text></{prefix}:Reason>"));
    if let Some(actor) = &fault.actor {
        push_text_element(&mut xml, &format!("{prefix}:Role"), actor);
    }
    if let Some(detail) = &fault.detail {
        xml.push_str(&format!("<{prefix}:Detail>"));
        xml.push_str(detail);
        xml.push_str(&format!("</{prefix}:Detail>"));
    }
    xml.push_str(&format!("</{prefix}:Fault>"));
    xml
}

/// SOAP 1.2 allows only the standard codes in `Code/Value`, so a custom code is written as a
/// subcode of `Receiver`, ahead of the fault's own subcodes.
fn nested_subcodes<D>(fault: &Fault<D>) -> impl Iterator<Item = &OwnedQName> {
    let custom = match &fault.code {
        FaultCode::Other(name) => Some(name),
        _ => None,
    };
    custom.into_iter().chain(fault.subcodes.iter())
}

fn code_element(tag: &str, code: &FaultCode, version: SoapVersion, prefix: &str) -> String {
    match (code.standard_name(version), code) {
        (Some(local), _) => format!("<{tag}>{prefix}:{local}</{tag}>"),
        (None, FaultCode::Other(name)) if version == SoapVersion::Soap11 => {
            qname_element(tag, name)
        }
        (None, _) => format!("<{tag}>{prefix}:Receiver</{tag}>"),
    }
}

/// Writes an element whose text is a QName, declaring the prefix `c` for its namespace.
fn qname_element(tag: &str, name: &OwnedQName) -> String {
    let local = xml::escape::escape_str_pcdata(&name.local);
    if name.namespace.is_empty() {
        return format!("<{tag}>{local}</{tag}>");
    }
    let namespace = xml::escape::escape_str_attribute(&name.namespace);
    format!("<{tag} xmlns:c=\"{namespace}\">c:{local}</{tag}>")
}

fn push_text_element(xml: &mut String, tag: &str, text: &str) {
    xml.push('<');
    xml.push_str(tag);
    xml.push('>');
    xml.push_str(&xml::escape::escape_str_pcdata(text));
    xml.push_str("</");
    xml.push_str(tag);
    xml.push('>');
}
