//! SOAP envelopes: writing requests and responses, and reading them back in one pass over the
//! XML event stream.

mod decode;
mod encode;
mod reader;

#[cfg(feature = "client")]
pub(crate) use decode::{decode_http_response, ResponseKind};
pub use decode::{decode_response, decode_response_with_headers};
pub use encode::{encode_request, encode_response};
pub(crate) use encode::{wrap_envelope, REPLY_STYLE};
pub(crate) use reader::{BodyStart, EnvelopeReader, OpenError};
