//! Writing envelopes.

use yaserde::YaSerialize;

use crate::{Error, Headers, Operation, SoapVersion};

/// How an envelope is written: the prefix of the envelope namespace and the XML declaration.
///
/// Requests use `soapenv`. Replies and faults look like those of the JAX-WS reference
/// implementation (Metro), which writes the prefix `S` and a single-quoted declaration, so a
/// server built on this crate answers like the common Java SOAP servers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EnvelopeStyle {
    pub(crate) prefix: &'static str,
    declaration: &'static str,
}

/// Style of request envelopes.
pub(crate) const REQUEST_STYLE: EnvelopeStyle = EnvelopeStyle {
    prefix: "soapenv",
    declaration: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
};

/// Style of response and fault envelopes.
pub(crate) const REPLY_STYLE: EnvelopeStyle = EnvelopeStyle {
    prefix: "S",
    declaration: "<?xml version='1.0' encoding='UTF-8'?>",
};

/// Serializes a request envelope for operation `O`: the input as the body's child, and the
/// header blocks of `headers`, if any, in a `Header` element.
///
/// # Errors
///
/// [`Error::Encode`] when yaserde fails to serialize the input, and [`Error::Header`] when a
/// header block fails.
pub fn encode_request<O: Operation>(
    input: &O::Input,
    headers: &O::InputHeaders,
) -> Result<String, Error<O::FaultDetail>> {
    let body = serialize_body(O::INFO.name, input)?;
    let header_blocks = headers.to_elements()?;
    Ok(wrap_envelope(
        REQUEST_STYLE,
        O::INFO.version,
        &header_blocks,
        &body,
    ))
}

/// Serializes a response envelope for operation `O`, in SOAP `version` (the version of the
/// request it replies to).
///
/// # Errors
///
/// As [`encode_request`].
pub fn encode_response<O: Operation>(
    output: &O::Output,
    headers: &O::OutputHeaders,
    version: SoapVersion,
) -> Result<String, Error<O::FaultDetail>> {
    let body = serialize_body(O::INFO.name, output)?;
    let header_blocks = headers.to_elements()?;
    Ok(wrap_envelope(REPLY_STYLE, version, &header_blocks, &body))
}

/// Serializes a message element without an XML declaration.
fn serialize_body<T: YaSerialize, D>(
    operation: &'static str,
    value: &T,
) -> Result<String, Error<D>> {
    let config = yaserde::ser::Config {
        perform_indent: false,
        write_document_declaration: false,
        indent_string: None,
    };
    yaserde::ser::to_string_with_config(value, &config).map_err(|error| Error::Encode {
        operation,
        message: error.to_string(),
    })
}

/// Wraps serialized header blocks and body content in an envelope of `version`.
pub(crate) fn wrap_envelope(
    style: EnvelopeStyle,
    version: SoapVersion,
    header_blocks: &[String],
    body: &str,
) -> String {
    let prefix = style.prefix;
    let namespace = version.envelope_namespace();
    let header_len: usize = header_blocks.iter().map(String::len).sum();
    let mut xml = String::with_capacity(body.len() + header_len + 200);

    xml.push_str(style.declaration);
    xml.push_str(&format!(
        "<{prefix}:Envelope xmlns:{prefix}=\"{namespace}\">"
    ));

    if !header_blocks.is_empty() {
        xml.push_str(&format!("<{prefix}:Header>"));
        for block in header_blocks {
            xml.push_str(block);
        }
        xml.push_str(&format!("</{prefix}:Header>"));
    }

    xml.push_str(&format!("<{prefix}:Body>"));
    xml.push_str(body);
    xml.push_str(&format!("</{prefix}:Body></{prefix}:Envelope>"));
    xml
}
