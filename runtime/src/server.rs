//! Server helpers for the generated `dispatch` function: request parsing, operation calls and
//! response encoding, with no HTTP dependency.
//!
//! A malformed request, an unknown operation and a handler's fault all become SOAP faults with
//! HTTP status 500, as JAX-WS servers reply.

// Generated `dispatch` functions match on `Result<Request, Fault>`, so the fault stays unboxed.
#![allow(clippy::result_large_err)]

use std::future::Future;

use yaserde::YaDeserialize;

pub use crate::fault::{Fault, FaultCode};

use crate::envelope::{encode_response, BodyStart, EnvelopeReader, OpenError};
use crate::name::OwnedQName;
use crate::{Headers, Operation, SoapVersion};

/// Content type of a SOAP 1.1 message.
pub const SOAP11_CONTENT_TYPE: &str = "text/xml; charset=utf-8";

/// Content type of a SOAP 1.2 message.
pub const SOAP12_CONTENT_TYPE: &str = "application/soap+xml; charset=utf-8";

/// An HTTP response for a SOAP request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// HTTP status: 200, 202 for an accepted one-way request (with an empty body), or 500 for
    /// a fault.
    pub status: u16,
    /// Value of the `Content-Type` header.
    pub content_type: String,
    /// The envelope.
    pub body: String,
}

/// A request envelope whose body element has been located but not yet decoded.
#[derive(Clone, Debug)]
pub struct Request {
    version: SoapVersion,
    body_name: OwnedQName,
    headers: Vec<String>,
    must_understand: Vec<OwnedQName>,
    bytes: Vec<u8>,
}

impl Request {
    /// Reads a request envelope far enough to know its SOAP version and body element, and
    /// checks that the whole document is well-formed.
    ///
    /// # Errors
    ///
    /// A `Client` fault for a body that is not a well-formed SOAP envelope or has an empty
    /// `Body`, and a `VersionMismatch` fault for an envelope namespace other than SOAP 1.1 or 1.2.
    pub fn parse(bytes: &[u8]) -> Result<Request, Fault> {
        let mut reader = EnvelopeReader::open(bytes).map_err(open_fault)?;
        let body_name = match reader.body_start().map_err(open_fault)? {
            BodyStart::Element(name) => name,
            BodyStart::Fault(_) => return Err(Fault::client("the request body is a SOAP fault")),
            BodyStart::Empty => return Err(Fault::client("the request Body is empty")),
        };

        let version = reader.version;
        let headers = std::mem::take(&mut reader.headers);
        let must_understand = std::mem::take(&mut reader.must_understand);
        // `skip_element` reads until the depth drops below the depth it starts at. So the body
        // element's start tag is read first, or it would also skip the rest of `Body`.
        let malformed =
            |error: yaserde::Error| Fault::client(format!("malformed request: {error}"));
        reader.de.next_event().map_err(malformed)?;
        reader.de.skip_element(|_| {}).map_err(malformed)?;
        reader.finish().map_err(open_fault)?;

        Ok(Request {
            version,
            body_name,
            headers,
            must_understand,
            bytes: bytes.to_vec(),
        })
    }

    /// SOAP version of the request envelope.
    pub fn version(&self) -> SoapVersion {
        self.version
    }

    /// Namespace URI of the body element (empty for none).
    pub fn body_namespace(&self) -> &str {
        &self.body_name.namespace
    }

    /// Local name of the body element.
    pub fn body_name(&self) -> &str {
        &self.body_name.local
    }

    /// Header blocks of the request, each as a standalone XML document.
    pub fn header_blocks(&self) -> &[String] {
        &self.headers
    }

    /// Returns the first header block marked `mustUnderstand` that `H` does not understand.
    fn not_understood<H: Headers>(&self) -> Option<&OwnedQName> {
        self.must_understand
            .iter()
            .find(|block| !H::understands(&block.namespace, &block.local))
    }

    /// Builds the `Client` fault response for a body element that names no operation.
    pub fn unknown_operation(&self) -> Response {
        Fault::client(format!(
            "unknown operation: no operation takes the body element <{}>",
            self.body_name
        ))
        .into_response(self.version)
    }

    /// Decodes the body element as `T`.
    fn decode_body<T: YaDeserialize>(&self) -> Result<T, Fault> {
        let mut reader = EnvelopeReader::open(&self.bytes).map_err(open_fault)?;
        match reader.body_start().map_err(open_fault)? {
            BodyStart::Element(_) => T::deserialize(&mut reader.de).map_err(|error| {
                Fault::client(format!(
                    "invalid <{}> request: {error}",
                    self.body_name.local
                ))
            }),
            _ => Err(Fault::client("the request Body is empty")),
        }
    }
}

impl<D> Fault<D> {
    /// Builds the HTTP 500 response carrying this fault in SOAP `version`.
    pub fn into_response(self, version: SoapVersion) -> Response {
        Response {
            status: 500,
            content_type: content_type(version).to_owned(),
            body: crate::fault::write_fault_envelope(&self, version),
        }
    }
}

/// Serves one request of operation `O`: decodes its input (replying with a `Client` fault when
/// that fails), calls `handler`, and encodes the output or the handler's fault. A one-way
/// operation's reply is HTTP 202 with an empty body once the handler succeeds.
///
/// The reply uses the request's SOAP version. Request header blocks are decoded as
/// `O::InputHeaders` (a declared block that does not decode is a `Client` fault) but not passed
/// to `handler`, and the reply carries `O::OutputHeaders::default()`; [`serve_with_headers`]
/// passes both.
pub async fn serve<O, F, Fut>(request: &Request, handler: F) -> Response
where
    O: Operation,
    O::OutputHeaders: Default,
    F: FnOnce(O::Input) -> Fut,
    Fut: Future<Output = Result<O::Output, Fault>>,
{
    serve_with_headers::<O, _, _>(request, |input, _| async move {
        let output = handler(input).await?;
        Ok((output, O::OutputHeaders::default()))
    })
    .await
}

/// Serves one request of operation `O` like [`serve`], and also decodes the request's SOAP
/// header blocks into `O::InputHeaders` for `handler` and writes the `O::OutputHeaders` it
/// returns into the reply. A header block that does not decode is a `Client` fault, and one
/// marked `mustUnderstand` that `O::InputHeaders` does not understand is a `MustUnderstand`
/// fault, as SOAP requires; [`serve`] applies both checks too.
pub async fn serve_with_headers<O, F, Fut>(request: &Request, handler: F) -> Response
where
    O: Operation,
    F: FnOnce(O::Input, O::InputHeaders) -> Fut,
    Fut: Future<Output = Result<(O::Output, O::OutputHeaders), Fault>>,
{
    if request.version != O::INFO.version {
        return version_mismatch::<O>(request.version);
    }
    if let Some(block) = request.not_understood::<O::InputHeaders>() {
        let message = format!(
            "header block {{{}}}{} is marked mustUnderstand, but operation {} does not process it",
            block.namespace,
            block.local,
            O::INFO.name
        );
        return Fault::new(FaultCode::MustUnderstand, message).into_response(request.version);
    }

    let decoded = request.decode_body::<O::Input>().and_then(|input| {
        let headers = O::InputHeaders::from_elements(&request.headers)
            .map_err(|error| Fault::client(format!("invalid request header: {error}")))?;
        Ok((input, headers))
    });
    let (input, headers) = match decoded {
        Ok(decoded) => decoded,
        Err(fault) => return fault.into_response(request.version),
    };

    let (output, output_headers) = match handler(input, headers).await {
        Ok(reply) => reply,
        Err(fault) => return fault.into_response(request.version),
    };

    if O::INFO.output.is_none() {
        return accepted(request.version);
    }

    match encode_response::<O>(&output, &output_headers, request.version) {
        Ok(body) => Response {
            status: 200,
            content_type: content_type(request.version).to_owned(),
            body,
        },
        Err(error) => Fault::server(error.to_string()).into_response(request.version),
    }
}

/// Builds the `VersionMismatch` fault for a request in another SOAP version than `O`'s binding.
fn version_mismatch<O: Operation>(version: SoapVersion) -> Response {
    let message = format!(
        "operation {} expects a {} envelope",
        O::INFO.name,
        O::INFO.version
    );
    Fault::new(FaultCode::VersionMismatch, message).into_response(version)
}

/// Builds the reply to a one-way request: HTTP 202 with an empty body, because WS-I Basic
/// Profile 1.1 forbids a SOAP envelope in the response to a one-way operation.
fn accepted(version: SoapVersion) -> Response {
    Response {
        status: 202,
        content_type: content_type(version).to_owned(),
        body: String::new(),
    }
}

/// Returns the `Content-Type` of a message in `version`.
pub fn content_type(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => SOAP11_CONTENT_TYPE,
        SoapVersion::Soap12 => SOAP12_CONTENT_TYPE,
    }
}

fn open_fault(error: OpenError) -> Fault {
    match error {
        OpenError::NotSoap => Fault::client("the request is not a SOAP envelope"),
        OpenError::UnknownVersion { namespace } => Fault::new(
            FaultCode::VersionMismatch,
            format!("unknown SOAP envelope namespace {namespace:?}"),
        ),
        OpenError::Malformed { element, message } => {
            Fault::client(format!("malformed request in <{element}>: {message}"))
        }
    }
}
