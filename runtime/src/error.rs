//! The error type of every runtime operation, and the short excerpts it shows of bodies.

use std::fmt;
use std::time::Duration;

use crate::fault::Fault;
use crate::name::OwnedQName;
use crate::{HeaderError, NoFaultDetail, QName};

/// Maximum length, in characters, of a response excerpt kept in an error.
pub const EXCERPT_CHARS: usize = 200;

/// A boxed error from the HTTP or TLS stack, kept as the cause of a transport error.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The output and response header blocks of operation `O`, or why the call failed.
pub type CallResult<O> = Result<
    (
        <O as crate::Operation>::Output,
        <O as crate::Operation>::OutputHeaders,
    ),
    Error<<O as crate::Operation>::FaultDetail>,
>;

/// Failure of a SOAP call.
///
/// `D` is the operation's typed fault detail (see [`Fault::typed_detail`]). The variants keep
/// transport failures, HTTP errors, SOAP faults and unreadable responses apart, because callers
/// handle them differently: only [`Error::may_have_reached_server`] errors can have had an
/// effect on the server.
#[non_exhaustive]
pub enum Error<D = NoFaultDetail> {
    /// The client configuration is invalid (endpoint URL, certificate, key, CA).
    Config {
        /// The problem and its fix.
        message: String,
    },
    /// The request body could not be serialized.
    Encode {
        /// Operation name.
        operation: &'static str,
        /// Serializer message.
        message: String,
    },
    /// A SOAP header block could not be serialized or read.
    Header(HeaderError),
    /// No connection could be opened to the endpoint, so the request was not sent.
    Connect {
        /// Endpoint URL.
        endpoint: String,
        /// Cause reported by the HTTP stack.
        source: BoxError,
    },
    /// The TLS handshake failed (untrusted server certificate, rejected or missing client
    /// certificate), so the request was not sent.
    Tls {
        /// Endpoint URL.
        endpoint: String,
        /// Cause reported by the TLS stack.
        source: BoxError,
    },
    /// The call did not finish in time.
    Timeout {
        /// Endpoint URL.
        endpoint: String,
        /// The limit that ran out.
        limit: Duration,
        /// `true` when the connection itself timed out, so the request was not sent.
        connecting: bool,
    },
    /// The connection failed after the request may have been sent.
    Transport {
        /// Endpoint URL.
        endpoint: String,
        /// Cause reported by the HTTP stack.
        source: BoxError,
    },
    /// The server replied with an HTTP redirect. Redirects are not followed, because following
    /// one would send the request, and the credentials in it, to another address.
    Redirect {
        /// HTTP status code: any 3xx except 304 (Not Modified).
        status: u16,
        /// Value of the `Location` header, if any.
        location: Option<String>,
    },
    /// The server replied with an HTTP status other than 200 and no SOAP fault.
    HttpStatus {
        /// HTTP status code.
        status: u16,
        /// The start of the response body.
        excerpt: String,
    },
    /// The server replied with a SOAP fault.
    Fault(Box<Fault<D>>),
    /// The response is not a SOAP envelope (an HTML error page, plain text, other XML).
    NotSoap {
        /// HTTP status code, or 0 when the body was decoded without HTTP.
        status: u16,
        /// `Content-Type` of the response, if any.
        content_type: Option<String>,
        /// The start of the response body.
        excerpt: String,
    },
    /// The response body contains a different element than the operation's output.
    UnexpectedElement {
        /// Operation name.
        operation: &'static str,
        /// Element the operation's descriptor names.
        expected: QName,
        /// Element found, or `None` when the body was empty.
        found: Option<OwnedQName>,
    },
    /// The response is a SOAP envelope that could not be read: malformed or truncated XML, or
    /// content that does not match the expected types.
    Decode {
        /// Operation name, or `"(request)"` on the server side.
        operation: &'static str,
        /// Element being read when decoding failed.
        element: String,
        /// Parser or deserializer message, with the failing field when known.
        message: String,
        /// The part of the response around the body.
        excerpt: String,
    },
    /// The response body is larger than the configured limit; reading stopped at the limit.
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
}

impl<D> Error<D> {
    /// Returns `true` when the server may have received and processed the request, so that
    /// repeating a call that is not idempotent (such as an enrollment) could do it twice.
    pub fn may_have_reached_server(&self) -> bool {
        match self {
            Error::Config { .. }
            | Error::Encode { .. }
            | Error::Header(_)
            | Error::Connect { .. }
            | Error::Tls { .. } => false,
            Error::Timeout { connecting, .. } => !connecting,
            _ => true,
        }
    }

    /// Returns `true` for a failure to connect (refused, unreachable, connect timeout), which
    /// is the one kind of failure a read-only call can retry without risk.
    pub fn is_connect(&self) -> bool {
        matches!(
            self,
            Error::Connect { .. }
                | Error::Timeout {
                    connecting: true,
                    ..
                }
        )
    }

    /// Returns a short name of the variant, such as `"timeout"` or `"fault"`, for logs and
    /// metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Config { .. } => "config",
            Error::Encode { .. } => "encode",
            Error::Header(_) => "header",
            Error::Connect { .. } => "connect",
            Error::Tls { .. } => "tls",
            Error::Timeout { .. } => "timeout",
            Error::Transport { .. } => "transport",
            Error::Redirect { .. } => "redirect",
            Error::HttpStatus { .. } => "http_status",
            Error::Fault(_) => "fault",
            Error::NotSoap { .. } => "not_soap",
            Error::UnexpectedElement { .. } => "unexpected_element",
            Error::Decode { .. } => "decode",
            Error::TooLarge { .. } => "too_large",
        }
    }

    /// Returns the SOAP fault this error carries, if it is one.
    pub fn fault(&self) -> Option<&Fault<D>> {
        match self {
            Error::Fault(fault) => Some(fault),
            _ => None,
        }
    }

    /// Changes the fault detail type, dropping a typed detail (the raw detail stays).
    pub fn untyped<E>(self) -> Error<E> {
        match self {
            Error::Config { message } => Error::Config { message },
            Error::Encode { operation, message } => Error::Encode { operation, message },
            Error::Header(error) => Error::Header(error),
            Error::Connect { endpoint, source } => Error::Connect { endpoint, source },
            Error::Tls { endpoint, source } => Error::Tls { endpoint, source },
            Error::Timeout {
                endpoint,
                limit,
                connecting,
            } => Error::Timeout {
                endpoint,
                limit,
                connecting,
            },
            Error::Transport { endpoint, source } => Error::Transport { endpoint, source },
            Error::Redirect { status, location } => Error::Redirect { status, location },
            Error::HttpStatus { status, excerpt } => Error::HttpStatus { status, excerpt },
            Error::Fault(fault) => Error::Fault(Box::new(fault.untyped())),
            Error::NotSoap {
                status,
                content_type,
                excerpt,
            } => Error::NotSoap {
                status,
                content_type,
                excerpt,
            },
            Error::UnexpectedElement {
                operation,
                expected,
                found,
            } => Error::UnexpectedElement {
                operation,
                expected,
                found,
            },
            Error::Decode {
                operation,
                element,
                message,
                excerpt,
            } => Error::Decode {
                operation,
                element,
                message,
                excerpt,
            },
            Error::TooLarge { limit } => Error::TooLarge { limit },
        }
    }
}

impl<D> fmt::Display for Error<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config { message } => write!(f, "invalid SOAP client configuration: {message}"),
            Error::Encode { operation, message } => {
                write!(f, "failed to serialize the {operation} request: {message}")
            }
            Error::Header(error) => error.fmt(f),
            Error::Connect { endpoint, source } => write!(
                f,
                "failed to connect to {endpoint}: {}; the request was not sent, check the \
                 address and the network",
                source_chain(source.as_ref())
            ),
            Error::Tls { endpoint, source } => {
                let chain = source_chain(source.as_ref());
                write!(
                    f,
                    "TLS handshake with {endpoint} failed: {chain}; the request was not sent, {}",
                    tls_advice(&chain)
                )
            }
            Error::Timeout {
                endpoint,
                limit,
                connecting: true,
            } => write!(
                f,
                "connecting to {endpoint} timed out after {limit:?}; the request was not sent"
            ),
            Error::Timeout {
                endpoint, limit, ..
            } => write!(
                f,
                "the call to {endpoint} timed out after {limit:?}; the server may have \
                 processed the request"
            ),
            Error::Transport { endpoint, source } => write!(
                f,
                "the connection to {endpoint} failed: {}; the server may have processed the \
                 request",
                source_chain(source.as_ref())
            ),
            Error::Redirect { status, location } => {
                let target = match location {
                    Some(location) => format!("to {location}"),
                    None => "without a Location header".to_owned(),
                };
                write!(
                    f,
                    "the server redirected the call (HTTP {status}) {target}; redirects are not \
                     followed because the request carries credentials, so set the endpoint to \
                     the new address if you trust it"
                )
            }
            Error::HttpStatus { status, excerpt } => {
                write!(f, "the server returned HTTP {status}: {excerpt:?}")
            }
            Error::Fault(fault) => fault.fmt(f),
            Error::NotSoap {
                status,
                content_type,
                excerpt,
            } => write!(
                f,
                "the response (HTTP {status}, Content-Type {}) is not a SOAP envelope; the \
                 endpoint may be wrong or the service down: {excerpt:?}",
                content_type.as_deref().unwrap_or("missing")
            ),
            Error::UnexpectedElement {
                operation,
                expected,
                found: Some(found),
            } => write!(
                f,
                "the {operation} response body contains <{found}>, expected <{expected}>; the \
                 WSDL may not match the service"
            ),
            Error::UnexpectedElement {
                operation,
                expected,
                found: None,
            } => write!(
                f,
                "the {operation} response body is empty, expected <{expected}>"
            ),
            Error::Decode {
                operation,
                element,
                message,
                excerpt,
            } => write!(
                f,
                "failed to read <{element}> in the {operation} response: {message}; response: \
                 {excerpt:?}"
            ),
            Error::TooLarge { limit } => write!(
                f,
                "the response is larger than the limit of {limit} bytes; raise the client's \
                 maximum response size if this is expected"
            ),
        }
    }
}

impl<D> fmt::Debug for Error<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({self})")
    }
}

// `Display` already includes every cause (the transport's chain, the header error), so
// `source` returns none and reporters that walk the chain do not repeat it. The cause stays
// available in the variant's `source` field.
impl<D> std::error::Error for Error<D> {}

impl<D> From<HeaderError> for Error<D> {
    fn from(error: HeaderError) -> Self {
        Error::Header(error)
    }
}

/// Joins an error and its causes with `: `, skipping a cause whose text its parent already
/// contains.
pub(crate) fn source_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut next = error.source();
    while let Some(cause) = next {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        next = cause.source();
    }
    text
}

/// Returns what to check after a failed TLS handshake, from the words of its cause.
fn tls_advice(chain: &str) -> &'static str {
    if chain.contains("InvalidContentType") || chain.contains("corrupt message") {
        "the server may speak plain HTTP on this port: use its HTTPS port, or an http:// \
         endpoint with allow_http for a local test server"
    } else if chain.contains("UnknownIssuer") {
        "the server's certificate is not signed by a trusted CA: add that CA with \
         add_root_certificate_pem"
    } else {
        "check the server's CA and the client certificate"
    }
}

/// Returns `text` cut to at most [`EXCERPT_CHARS`] characters, with `…` appended when cut, for
/// server-supplied text (a fault's reason or detail) shown in an error message.
pub fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// Returns at most [`EXCERPT_CHARS`] characters of `body` from byte `start`, with control
/// characters other than line breaks replaced, and `…` appended when cut.
pub(crate) fn excerpt(body: &[u8], start: usize) -> String {
    // A character takes at most 4 bytes in UTF-8, so this window contains enough characters
    // without converting a whole large body.
    let start = start.min(body.len());
    let end = body.len().min(start + EXCERPT_CHARS * 4 + 4);
    let window = String::from_utf8_lossy(&body[start..end]);
    let text = window.trim_start_matches('\u{feff}').trim();

    let mut out: String = text
        .chars()
        .take(EXCERPT_CHARS)
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() || end < body.len() {
        out.push('…');
    }
    out
}
