//! The blocking client, for programs without an async runtime.

use std::io::Read;

use reqwest::header::CONTENT_TYPE;

use super::builder::ClientBuilder;
use super::call::{
    call_span, decode_reply, header_text, log_result, reject_redirect, request_headers,
    transport_error, Settings,
};
use crate::envelope::encode_request;
use crate::{CallResult, Error, Operation};

/// A blocking SOAP client for one endpoint, built by [`ClientBuilder::build_blocking`].
///
/// It runs its own async runtime on a background thread, so it must not be used inside
/// another async runtime.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::blocking::Client,
    settings: Settings,
}

impl Client {
    /// Starts configuring a client for `endpoint`, an absolute `https` URL.
    pub fn builder(endpoint: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(endpoint)
    }

    pub(crate) fn new(
        http: reqwest::blocking::Client,
        endpoint: reqwest::Url,
        builder: &ClientBuilder,
    ) -> Self {
        Client {
            http,
            settings: Settings::new(endpoint, builder),
        }
    }

    /// Returns the endpoint URL.
    pub fn endpoint(&self) -> &str {
        self.settings.endpoint.as_str()
    }

    /// Calls operation `O` with no header blocks and returns its output.
    ///
    /// # Errors
    ///
    /// Every [`Error`] kind; see [`Error::may_have_reached_server`] before repeating a call.
    pub fn call<O>(&self, input: &O::Input) -> Result<O::Output, Error<O::FaultDetail>>
    where
        O: Operation,
        O::InputHeaders: Default,
    {
        let headers = O::InputHeaders::default();
        self.call_with_headers::<O>(input, &headers)
            .map(|(output, _)| output)
    }

    /// Calls operation `O` with the given header blocks and returns its output and response
    /// header blocks.
    ///
    /// # Errors
    ///
    /// As [`call`](Self::call).
    pub fn call_with_headers<O: Operation>(
        &self,
        input: &O::Input,
        headers: &O::InputHeaders,
    ) -> CallResult<O> {
        let _entered = call_span::<O>(&self.settings.endpoint).entered();
        let result = encode_request::<O>(input, headers).and_then(|body| self.post::<O>(body));
        log_result(&result);
        result
    }

    fn post<O: Operation>(&self, body: String) -> CallResult<O> {
        let settings = &self.settings;
        tracing::debug!(bytes = body.len(), "sending request");
        let response = self
            .http
            .post(settings.endpoint.clone())
            .headers(request_headers::<O>())
            .body(body)
            .send()
            .map_err(|error| transport_error(error, settings))?;

        reject_redirect(response.status(), response.headers())?;
        let status = response.status().as_u16();
        let content_type = header_text(response.headers().get(CONTENT_TYPE));
        let body = read_capped(response, settings)?;
        tracing::debug!(status, bytes = body.len(), "received response");

        decode_reply::<O>(status, content_type.as_deref(), &body)
    }
}

/// Reads the response body, stopping with [`Error::TooLarge`] past the configured limit.
fn read_capped<D>(
    response: reqwest::blocking::Response,
    settings: &Settings,
) -> Result<Vec<u8>, Error<D>> {
    let limit = settings.max_response_bytes;
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return Err(Error::TooLarge { limit });
    }

    // Reading one byte past the limit separates a body of exactly `limit` bytes from a longer one.
    let mut body = Vec::new();
    let read = response.take(limit + 1).read_to_end(&mut body);
    if let Err(error) = read {
        return Err(io_error(error, settings));
    }
    if body.len() as u64 > limit {
        return Err(Error::TooLarge { limit });
    }
    Ok(body)
}

/// Maps the I/O error of a blocking body read, which wraps the reqwest error.
fn io_error<D>(error: std::io::Error, settings: &Settings) -> Error<D> {
    let endpoint = settings.endpoint.to_string();
    match error.into_inner() {
        Some(inner) => match inner.downcast::<reqwest::Error>() {
            Ok(reqwest_error) => transport_error(*reqwest_error, settings),
            Err(other) => Error::Transport {
                endpoint,
                source: other,
            },
        },
        None => Error::Transport {
            endpoint,
            source: "reading the response body failed".into(),
        },
    }
}
