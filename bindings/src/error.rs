//! The error type of every call.

use std::fmt;
use std::time::Duration;

use soap_runtime::FaultCode;

use crate::certificate::CollectFormat;
use crate::status::Status;
use crate::OrderNumber;

/// Failure of a call to the device certificate service.
///
/// Errors never contain the password or the private key: when a response excerpt or a fault
/// repeats the password, it is replaced by `<redacted>`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// An argument is too long; nothing was sent.
    TooLong {
        /// Argument name.
        argument: &'static str,
        /// Maximum length in characters.
        limit: usize,
        /// Length of the value passed, in characters.
        length: usize,
    },
    /// An argument is invalid for another reason (empty, not positive, not a CSR); nothing was
    /// sent.
    InvalidArgument {
        /// Argument name.
        argument: &'static str,
        /// The reason the value is invalid.
        reason: String,
    },
    /// The client configuration is invalid (endpoint, certificate, CA).
    Config {
        /// The problem and its fix.
        message: String,
    },
    /// The service returned a status code that is not a success.
    Status {
        /// Operation name as the service spells it, such as `enroll`.
        operation: &'static str,
        /// The code, read with the operation's table.
        status: Status,
    },
    /// The request failed in transport: no connection, TLS handshake, timeout, broken
    /// connection, a redirect (never followed) or a response over the size limit. See
    /// [`soap_runtime::Error::may_have_reached_server`].
    Transport(soap_runtime::Error),
    /// The enrollment request may have reached the service, but no order number came back: the
    /// connection failed after sending, the server redirected the call, or the reply carried 0.
    /// An order may exist without its number being known.
    EnrollmentOutcomeUnknown {
        /// Common name of the request, to search for the order in the web UI.
        common_name: String,
        /// The failure: a transport error or redirect, or the reply's invalid `return` value.
        source: soap_runtime::Error,
    },
    /// The server replied with an HTTP error status and no SOAP fault.
    Http {
        /// HTTP status code.
        status: u16,
        /// The start of the response body.
        excerpt: String,
    },
    /// The server replied with a SOAP fault.
    Fault {
        /// Fault code.
        code: FaultCode,
        /// Fault string (SOAP 1.1) or reason text (SOAP 1.2).
        reason: String,
        /// The fault's detail as XML text, if any.
        detail: Option<String>,
    },
    /// The reply is not a SOAP envelope, such as an HTML maintenance page.
    NotSoap {
        /// HTTP status code.
        status: u16,
        /// `Content-Type` of the reply.
        content_type: Option<String>,
        /// The start of the response body.
        excerpt: String,
    },
    /// The reply is a SOAP envelope that does not match the service's schema.
    InvalidResponse(soap_runtime::Error),
    /// The reply lacks an element the operation needs.
    IncompleteResponse {
        /// Operation name as the service spells it.
        operation: &'static str,
        /// The missing element.
        element: &'static str,
    },
    /// `collect` returned a certificate that does not decode in the requested format.
    InvalidCertificate {
        /// The order.
        order_number: OrderNumber,
        /// The format requested.
        format: CollectFormat,
        /// The decoding failure.
        reason: String,
    },
    /// A step after a successful enrollment failed; the order exists.
    AfterEnroll {
        /// The order, to collect or revoke later.
        order_number: OrderNumber,
        /// The failure.
        source: Box<Error>,
    },
    /// [`Client::enroll_and_wait`](crate::Client::enroll_and_wait) or
    /// [`Client::wait_for_certificate`](crate::Client::wait_for_certificate) reached its
    /// deadline or attempt limit while the order was still being processed.
    WaitTimedOut {
        /// The order, to collect later.
        order_number: OrderNumber,
        /// Time spent waiting.
        waited: Duration,
        /// Number of `collect` calls made.
        attempts: u32,
    },
}

impl Error {
    pub(crate) fn empty_argument(argument: &'static str) -> Error {
        Error::InvalidArgument {
            argument,
            reason: "must not be empty".to_owned(),
        }
    }

    /// Returns the status code the service sent, if this is a status error.
    pub fn status(&self) -> Option<Status> {
        match self {
            Error::Status { status, .. } => Some(*status),
            Error::AfterEnroll { source, .. } => source.status(),
            _ => None,
        }
    }

    /// Returns `true` when a read-only call may be repeated: the connection could not be
    /// opened, so the request was not sent.
    pub fn is_connect(&self) -> bool {
        matches!(self, Error::Transport(error) if error.is_connect())
    }

    /// Maps a runtime error, replacing `password` wherever the server's reply repeats it.
    pub(crate) fn from_soap(error: soap_runtime::Error, password: Option<&str>) -> Error {
        let scrub = |text: String| redact(text, password);
        match error {
            soap_runtime::Error::HttpStatus { status, excerpt } => Error::Http {
                status,
                excerpt: scrub(excerpt),
            },
            soap_runtime::Error::Fault(fault) => Error::Fault {
                code: fault.code,
                reason: scrub(fault.reason),
                detail: fault.detail.map(scrub),
            },
            soap_runtime::Error::NotSoap {
                status,
                content_type,
                excerpt,
            } => Error::NotSoap {
                status,
                content_type,
                excerpt: scrub(excerpt),
            },
            soap_runtime::Error::Decode {
                operation,
                element,
                message,
                excerpt,
            } => Error::InvalidResponse(soap_runtime::Error::Decode {
                operation,
                element,
                message: scrub(message),
                excerpt: scrub(excerpt),
            }),
            soap_runtime::Error::Config { message } => Error::Config { message },
            error @ (soap_runtime::Error::UnexpectedElement { .. }
            | soap_runtime::Error::Encode { .. }
            | soap_runtime::Error::Header(_)) => Error::InvalidResponse(error),
            transport => Error::Transport(transport),
        }
    }
}

/// Replaces every occurrence of `secret` in `text`, both as written and as XML escapes it,
/// because excerpts and fault details are raw XML. Secrets shorter than 4 characters are left
/// alone, since replacing them would mangle ordinary words and reveal little.
fn redact(text: String, secret: Option<&str>) -> String {
    let Some(secret) = secret.filter(|secret| secret.len() >= 4) else {
        return text;
    };
    let mut text = text;
    for form in xml_forms(secret) {
        if text.contains(&form) {
            text = text.replace(&form, "<redacted>");
        }
    }
    text
}

/// Returns `secret` as written, then the ways an XML writer may escape it: `&amp;`, `&lt;` and
/// `&gt;` in text, plus `&quot;` and `&apos;` (or their numeric references) in attribute values.
// NOTE: other character references (`&#x26;` for `&`, or any letter written as a reference)
// are legal XML too and are not recognized.
fn xml_forms(secret: &str) -> Vec<String> {
    const TEXT: [(char, &str); 3] = [('&', "&amp;"), ('<', "&lt;"), ('>', "&gt;")];
    const NAMED_QUOTES: [(char, &str); 2] = [('"', "&quot;"), ('\'', "&apos;")];
    const NUMERIC_QUOTES: [(char, &str); 2] = [('"', "&#34;"), ('\'', "&#39;")];

    let escape = |quotes: &[(char, &str)]| -> String {
        let mut escaped = String::with_capacity(secret.len());
        for character in secret.chars() {
            match TEXT
                .iter()
                .chain(quotes)
                .find(|(special, _)| *special == character)
            {
                Some((_, entity)) => escaped.push_str(entity),
                None => escaped.push(character),
            }
        }
        escaped
    };

    let mut forms = vec![secret.to_owned()];
    for form in [escape(&[]), escape(&NAMED_QUOTES), escape(&NUMERIC_QUOTES)] {
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::TooLong {
                argument,
                limit,
                length,
            } => write!(
                f,
                "argument `{argument}` is too long: {length} characters, the limit is {limit}; \
                 nothing was sent"
            ),
            Error::InvalidArgument { argument, reason } => {
                write!(
                    f,
                    "argument `{argument}` is invalid: {reason}; nothing was sent"
                )
            }
            Error::Config { message } => write!(f, "invalid client configuration: {message}"),
            Error::Status { operation, status } => {
                write!(f, "{operation} failed with status {status}")?;
                // getDeviceCustomFields sends no login, only the customer URI and extension.
                if status.is_authentication_failure() && *operation == "getDeviceCustomFields" {
                    f.write_str("; check the customer URI and the URI extension")?;
                } else if status.is_authentication_failure() {
                    f.write_str("; check the customer URI, login and password or certificate")?;
                }
                Ok(())
            }
            Error::Transport(error) => error.fmt(f),
            Error::EnrollmentOutcomeUnknown {
                common_name,
                source,
            } => write!(
                f,
                "the enrollment of {common_name:?} may have been received, but no order number \
                 came back ({source}); an order may exist: look for it under Certificates > \
                 Device Certificates in the Certificate Manager web UI before enrolling again"
            ),
            Error::Http { status, excerpt } => {
                write!(f, "the service returned HTTP {status}: {excerpt:?}")
            }
            Error::Fault {
                code,
                reason,
                detail,
            } => write_fault(f, code, reason, detail.as_deref()),
            Error::NotSoap {
                status,
                content_type,
                excerpt,
            } => write!(
                f,
                "the reply (HTTP {status}, Content-Type {}) is not a SOAP message; check the \
                 endpoint, or the service may be down for maintenance: {excerpt:?}",
                content_type.as_deref().unwrap_or("missing")
            ),
            Error::InvalidResponse(error) => write!(f, "invalid reply: {error}"),
            Error::IncompleteResponse { operation, element } => write!(
                f,
                "the {operation} reply has no <{element}> element; the service may have changed"
            ),
            Error::InvalidCertificate {
                order_number,
                format,
                reason,
            } => write!(
                f,
                "the certificate of order {order_number} does not decode as {format:?}: {reason}"
            ),
            Error::AfterEnroll {
                order_number,
                source,
            } => write!(
                f,
                "order {order_number} was enrolled, then: {source}; collect it later with this \
                 order number"
            ),
            Error::WaitTimedOut {
                order_number,
                waited,
                attempts,
            } => write!(
                f,
                "order {order_number} was still being processed after {waited:?} and {attempts} \
                 collect calls; collect it later with this order number"
            ),
        }
    }
}

/// Writes a fault as the runtime's `Fault` does (code, shortened reason), then its detail,
/// shortened too, because both come from the server and may be of any length.
fn write_fault(
    f: &mut fmt::Formatter<'_>,
    code: &FaultCode,
    reason: &str,
    detail: Option<&str>,
) -> fmt::Result {
    let fault = soap_runtime::Fault::new(code.clone(), reason);
    write!(f, "the service returned {fault}")?;

    if let Some(detail) = detail.filter(|detail| !detail.trim().is_empty()) {
        write!(f, " (detail: {})", soap_runtime::shorten(detail))?;
    }
    Ok(())
}

// `Display` already includes the message of every cause, so `source` returns none and
// reporters that walk the chain do not repeat it. The cause stays in the variant's fields.
impl std::error::Error for Error {}
