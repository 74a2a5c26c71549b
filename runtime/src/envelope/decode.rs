//! Reading response envelopes.

use yaserde::YaDeserialize;

use super::reader::{BodyStart, EnvelopeReader, OpenError};
use crate::error::excerpt;
use crate::fault::parse_fault;
use crate::{CallResult, Error, Headers, Operation};

/// Whether a response body must hold the operation's output or may only be a fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ResponseKind {
    /// HTTP 200: the output or a fault.
    Success,
    /// Any other status: a fault, else the status itself is the error.
    ErrorStatus,
}

/// Decodes a response envelope of operation `O` and returns its output.
///
/// # Errors
///
/// [`Error::Fault`] for a SOAP fault, [`Error::NotSoap`] when `body` is not a SOAP envelope,
/// [`Error::UnexpectedElement`] when the body contains another element than the descriptor's
/// output, and [`Error::Decode`] for malformed XML or content that does not fit the types.
pub fn decode_response<O: Operation>(body: &[u8]) -> Result<O::Output, Error<O::FaultDetail>> {
    decode_response_with_headers::<O>(body).map(|(output, _)| output)
}

/// Decodes a response envelope of operation `O` and returns its output and header blocks.
///
/// # Errors
///
/// As [`decode_response`], plus [`Error::Header`] when a header block does not decode.
pub fn decode_response_with_headers<O: Operation>(body: &[u8]) -> CallResult<O> {
    decode_http_response::<O>(200, None, body, ResponseKind::Success)
}

/// Decodes an HTTP response body, given its status and `Content-Type` for error reports.
pub(crate) fn decode_http_response<O: Operation>(
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
    kind: ResponseKind,
) -> CallResult<O> {
    let operation = O::INFO.name;
    let one_way = O::INFO.output.is_none();
    if one_way && kind == ResponseKind::Success && body.trim_ascii().is_empty() {
        return one_way_output::<O>();
    }

    let not_soap = || match kind {
        ResponseKind::Success => Error::NotSoap {
            status,
            content_type: content_type.map(str::to_owned),
            excerpt: excerpt(body, 0),
        },
        ResponseKind::ErrorStatus => Error::HttpStatus {
            status,
            excerpt: excerpt(body, 0),
        },
    };
    let open_error = |error: OpenError| match error {
        OpenError::NotSoap => not_soap(),
        OpenError::UnknownVersion { namespace } => decode_error(
            operation,
            "Envelope",
            format!("unknown SOAP envelope namespace {namespace:?}"),
            body,
        ),
        OpenError::Malformed { element, message } => {
            decode_error(operation, &element, message, body)
        }
    };

    let mut reader = EnvelopeReader::open(body).map_err(open_error)?;
    let found = match reader.body_start().map_err(open_error)? {
        BodyStart::Fault(element) => {
            let fault = parse_fault(&element, reader.envelope_namespace());
            return Err(Error::Fault(Box::new(fault)));
        }
        _ if kind == ResponseKind::ErrorStatus => return Err(not_soap()),
        BodyStart::Element(found) => found,
        BodyStart::Empty if one_way => return one_way_output::<O>(),
        BodyStart::Empty => {
            return Err(Error::UnexpectedElement {
                operation,
                expected: expected_output::<O>(),
                found: None,
            })
        }
    };

    let expected = expected_output::<O>();
    if !found.matches(&expected) {
        return Err(Error::UnexpectedElement {
            operation,
            expected,
            found: Some(found),
        });
    }

    let output = O::Output::deserialize(&mut reader.de)
        .map_err(|error| decode_error(operation, expected.local, error.to_string(), body))?;
    let headers = O::OutputHeaders::from_elements(&reader.headers)?;
    reader.finish().map_err(open_error)?;

    Ok((output, headers))
}

/// Returns the output and header blocks of an accepted one-way request, which has no response
/// message: `O::Output` decoded from an empty element and no header blocks.
fn one_way_output<O: Operation>() -> CallResult<O> {
    let output = yaserde::de::from_str::<O::Output>("<empty/>")
        .map_err(|error| decode_error(O::INFO.name, "empty", error.to_string(), b""))?;
    let headers = O::OutputHeaders::from_elements(&[])?;
    Ok((output, headers))
}

/// Returns the descriptor's output element. A one-way operation has none, so its operation
/// name replaces it in error messages about an unexpected response element.
fn expected_output<O: Operation>() -> crate::QName {
    O::INFO.output.unwrap_or(crate::QName {
        namespace: O::INFO.input.namespace,
        local: O::INFO.name,
    })
}

fn decode_error<D>(
    operation: &'static str,
    element: &str,
    message: impl Into<String>,
    body: &[u8],
) -> Error<D> {
    Error::Decode {
        operation,
        element: element.to_owned(),
        message: message.into(),
        excerpt: excerpt(body, body_offset(body)),
    }
}

/// Returns the byte offset of the `Body` start tag, or 0 when it cannot be found.
fn body_offset(body: &[u8]) -> usize {
    let find = |needle: &[u8]| {
        body.windows(needle.len())
            .position(|window| window == needle)
    };
    let prefixed = find(b":Body>")
        .and_then(|position| body[..position].iter().rposition(|&byte| byte == b'<'));
    prefixed.or_else(|| find(b"<Body>")).unwrap_or(0)
}
