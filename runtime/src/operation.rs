//! Operation descriptors: the facts about one WSDL operation that a transport needs to put a
//! message on the wire and to read the reply.

use yaserde::{YaDeserialize, YaSerialize};

/// SOAP protocol version of a binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SoapVersion {
    /// SOAP 1.1 (`http://schemas.xmlsoap.org/soap/envelope/`).
    Soap11,
    /// SOAP 1.2 (`http://www.w3.org/2003/05/soap-envelope`).
    Soap12,
}

impl SoapVersion {
    /// Returns the envelope namespace URI of this version.
    pub const fn envelope_namespace(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "http://schemas.xmlsoap.org/soap/envelope/",
            SoapVersion::Soap12 => "http://www.w3.org/2003/05/soap-envelope",
        }
    }
}

impl std::fmt::Display for SoapVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SoapVersion::Soap11 => "SOAP 1.1",
            SoapVersion::Soap12 => "SOAP 1.2",
        })
    }
}

/// Binding style of an operation (`soap:binding/@style`, overridden by `soap:operation/@style`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BindingStyle {
    /// The body holds the message parts' elements as they are.
    Document,
    /// The body holds one wrapper element named after the operation, holding one child per part.
    Rpc,
}

/// A namespace-qualified XML name with static lifetime, as used in descriptors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct QName {
    /// Namespace URI; empty for a name in no namespace.
    pub namespace: &'static str,
    /// Local part of the name.
    pub local: &'static str,
}

/// Everything a transport needs to know about one operation of one binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationInfo {
    /// Operation name as written in the WSDL (`wsdl:operation/@name`).
    pub name: &'static str,
    /// Value of the `SOAPAction` header (SOAP 1.1) or the `action` media type parameter (SOAP 1.2).
    pub soap_action: &'static str,
    /// SOAP version of the binding.
    pub version: SoapVersion,
    /// Binding style.
    pub style: BindingStyle,
    /// Name of the first element in the request body.
    pub input: QName,
    /// Name of the first element in the response body, or `None` for a one-way operation.
    pub output: Option<QName>,
}

/// Facts about one `wsdl:port`: its binding's operations and the address the WSDL gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PortInfo {
    /// Service name (`wsdl:service/@name`).
    pub service: &'static str,
    /// Port name (`wsdl:port/@name`).
    pub port: &'static str,
    /// Address from `soap:address/@location`.
    pub default_endpoint: &'static str,
    /// SOAP version of the port's binding.
    pub version: SoapVersion,
    /// Operations of the port's binding, in WSDL order.
    pub operations: &'static [OperationInfo],
}

/// One operation of a generated binding, tying its descriptor to its message types.
///
/// `wsdl-codegen` emits a unit struct per operation that implements this trait, so a transport
/// can call `client.call::<Enroll>(request)` without naming the operation or its namespace.
pub trait Operation {
    /// Body content of the request.
    type Input: YaSerialize + YaDeserialize + Send + Sync + 'static;
    /// Body content of the response (`soap_runtime::xsd::Empty` for a one-way operation).
    type Output: YaSerialize + YaDeserialize + Send + Sync + 'static;
    /// Typed details of the faults the operation declares (`wsdl:fault`), or [`NoFaultDetail`].
    type FaultDetail: FaultDetail + Send + Sync + 'static;
    /// SOAP headers sent with the request (`soap:header` of the input), or [`NoHeaders`].
    type InputHeaders: Headers + Send + Sync + 'static;
    /// SOAP headers read from the response (`soap:header` of the output), or [`NoHeaders`].
    type OutputHeaders: Headers + Send + Sync + 'static;
    /// The operation's descriptor.
    const INFO: OperationInfo;
}

/// Typed content of a SOAP fault's `detail` (SOAP 1.1) or `Detail` (SOAP 1.2) element.
///
/// Generated code implements this for an enum with one variant per `wsdl:fault` of an operation.
pub trait FaultDetail: Sized {
    /// Decodes the first child element of the fault detail, given as a standalone XML document.
    ///
    /// Returns `None` when the element is none of the declared faults, so the caller keeps the
    /// fault untyped with its raw detail.
    fn from_detail_element(xml: &str) -> Option<Self>;
}

/// Marker for operations that declare no `wsdl:fault`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoFaultDetail;

impl FaultDetail for NoFaultDetail {
    fn from_detail_element(_xml: &str) -> Option<Self> {
        None
    }
}

/// The SOAP header blocks of one message.
///
/// Generated code implements this for a struct with one field per `soap:header` part.
pub trait Headers: Sized {
    /// Serializes each header block to a standalone XML element, in WSDL order.
    fn to_elements(&self) -> Result<Vec<String>, HeaderError>;

    /// Decodes header blocks from the header's child elements, each a standalone XML document.
    /// Unknown blocks are ignored.
    fn from_elements(elements: &[String]) -> Result<Self, HeaderError>;

    /// Returns whether a header block with this element name is one of these headers. A server
    /// replies with a `MustUnderstand` fault to a request block marked `mustUnderstand` that its
    /// header type does not understand. The default understands nothing.
    fn understands(namespace: &str, local: &str) -> bool {
        let _ = (namespace, local);
        false
    }
}

/// Failure to serialize or decode one SOAP header block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderError {
    /// Local name of the header block's element.
    pub element: String,
    /// The failure, such as the serializer's message or the missing required block.
    pub message: String,
}

impl HeaderError {
    /// Creates an error for the header block `element`.
    pub fn new(element: impl Into<String>, message: impl Into<String>) -> Self {
        HeaderError {
            element: element.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for HeaderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SOAP header block <{}>: {}", self.element, self.message)
    }
}

impl std::error::Error for HeaderError {}

/// Marker for messages that carry no declared SOAP header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoHeaders;

impl Headers for NoHeaders {
    fn to_elements(&self) -> Result<Vec<String>, HeaderError> {
        Ok(Vec::new())
    }

    fn from_elements(_elements: &[String]) -> Result<Self, HeaderError> {
        Ok(NoHeaders)
    }
}
