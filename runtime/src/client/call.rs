//! The async client and the parts of a call shared with the blocking client.

use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use tracing::Instrument;

use super::builder::ClientBuilder;
use crate::envelope::{decode_http_response, encode_request, ResponseKind};
use crate::{CallResult, Error, Operation, SoapVersion};

/// An async SOAP client for one endpoint. Cloning is cheap and shares the connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    pub(crate) settings: Settings,
}

/// The parts of the configuration that calls read.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    pub endpoint: reqwest::Url,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub max_response_bytes: u64,
}

impl Settings {
    pub(crate) fn new(endpoint: reqwest::Url, builder: &ClientBuilder) -> Self {
        Settings {
            endpoint,
            connect_timeout: builder.connect_timeout,
            timeout: builder.timeout,
            max_response_bytes: builder.max_response_bytes,
        }
    }
}

impl Client {
    /// Starts configuring a client for `endpoint`, an absolute `https` URL.
    pub fn builder(endpoint: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(endpoint)
    }

    pub(crate) fn new(
        http: reqwest::Client,
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
    pub async fn call<O>(&self, input: &O::Input) -> Result<O::Output, Error<O::FaultDetail>>
    where
        O: Operation,
        O::InputHeaders: Default,
    {
        let headers = O::InputHeaders::default();
        self.call_with_headers::<O>(input, &headers)
            .await
            .map(|(output, _)| output)
    }

    /// Calls operation `O` with the given header blocks and returns its output and response
    /// header blocks.
    ///
    /// # Errors
    ///
    /// As [`call`](Self::call).
    pub async fn call_with_headers<O: Operation>(
        &self,
        input: &O::Input,
        headers: &O::InputHeaders,
    ) -> CallResult<O> {
        let span = call_span::<O>(&self.settings.endpoint);
        async {
            let body = encode_request::<O>(input, headers)?;
            let result = self.post::<O>(body).await;
            log_result(&result);
            result
        }
        .instrument(span)
        .await
    }

    async fn post<O: Operation>(&self, body: String) -> CallResult<O> {
        let settings = &self.settings;
        tracing::debug!(bytes = body.len(), "sending request");
        let response = self
            .http
            .post(settings.endpoint.clone())
            .headers(request_headers::<O>())
            .body(body)
            .send()
            .await
            .map_err(|error| transport_error(error, settings))?;

        reject_redirect(response.status(), response.headers())?;
        let status = response.status().as_u16();
        let content_type = header_text(response.headers().get(CONTENT_TYPE));
        let body = read_capped(response, settings).await?;
        tracing::debug!(status, bytes = body.len(), "received response");

        decode_reply::<O>(status, content_type.as_deref(), &body)
    }
}

/// Reads the response body, stopping with [`Error::TooLarge`] past the configured limit.
async fn read_capped<D>(
    mut response: reqwest::Response,
    settings: &Settings,
) -> Result<Vec<u8>, Error<D>> {
    let limit = settings.max_response_bytes;
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return Err(Error::TooLarge { limit });
    }

    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|error| transport_error(error, settings))?
    {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(Error::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Decodes a response by its HTTP status: 200 contains the output or a fault, and 202 (or an
/// empty 200) accepts the request of a one-way operation. Any other status is an error, reported
/// as the fault when the body is one.
pub(crate) fn decode_reply<O: Operation>(
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> CallResult<O> {
    let one_way = O::INFO.output.is_none();
    let kind = if status == 200 || (status == 202 && one_way) {
        ResponseKind::Success
    } else {
        ResponseKind::ErrorStatus
    };
    decode_http_response::<O>(status, content_type, body, kind)
}

/// Returns [`Error::Redirect`] for a redirect status. The client is built not to follow
/// redirects, so that a request and its credentials never go to an address the caller did not
/// configure.
pub(crate) fn reject_redirect<D>(
    status: reqwest::StatusCode,
    headers: &HeaderMap,
) -> Result<(), Error<D>> {
    if !status.is_redirection() || status == reqwest::StatusCode::NOT_MODIFIED {
        return Ok(());
    }

    Err(Error::Redirect {
        status: status.as_u16(),
        location: header_text(headers.get(reqwest::header::LOCATION)),
    })
}

/// `Content-Type` and, for SOAP 1.1, `SOAPAction` of a request of operation `O`.
pub(crate) fn request_headers<O: Operation>() -> HeaderMap {
    let mut headers = HeaderMap::with_capacity(2);
    headers.insert(
        CONTENT_TYPE,
        content_type_header(O::INFO.version, O::INFO.soap_action),
    );
    if O::INFO.version == SoapVersion::Soap11 {
        headers.insert("SOAPAction", soap_action_header(O::INFO.soap_action));
    }
    headers
}

/// `Content-Type` of a request: SOAP 1.2 carries the action as a media type parameter.
fn content_type_header(version: SoapVersion, action: &str) -> HeaderValue {
    let text = match version {
        SoapVersion::Soap11 => crate::server::SOAP11_CONTENT_TYPE.to_owned(),
        SoapVersion::Soap12 => format!(
            "{}; action=\"{}\"",
            crate::server::SOAP12_CONTENT_TYPE,
            action.replace('"', "%22")
        ),
    };
    HeaderValue::from_str(&text)
        .unwrap_or_else(|_| HeaderValue::from_static(crate::server::SOAP12_CONTENT_TYPE))
}

/// `SOAPAction` of a SOAP 1.1 request: the action URI in double quotes, `""` when empty.
fn soap_action_header(action: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{}\"", action.replace('"', "%22")))
        .unwrap_or_else(|_| HeaderValue::from_static("\"\""))
}

pub(crate) fn header_text(value: Option<&HeaderValue>) -> Option<String> {
    value
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

pub(crate) fn call_span<O: Operation>(endpoint: &reqwest::Url) -> tracing::Span {
    tracing::info_span!(
        "soap_call",
        operation = O::INFO.name,
        endpoint = %endpoint,
    )
}

/// Logs the outcome of a call. Only the kind of failure is logged, because fault reasons and
/// excerpts are server text that may repeat request data the runtime cannot recognize as secret.
pub(crate) fn log_result<T, D>(result: &Result<T, Error<D>>) {
    match result {
        Ok(_) => tracing::debug!("call succeeded"),
        Err(error) => tracing::debug!(kind = error.kind(), "call failed"),
    }
}

/// Sorts a reqwest error into connect, TLS, timeout or other transport failures.
pub(crate) fn transport_error<D>(error: reqwest::Error, settings: &Settings) -> Error<D> {
    let endpoint = settings.endpoint.to_string();
    let error = error.without_url();

    if is_tls_failure(&error) {
        return Error::Tls {
            endpoint,
            source: Box::new(error),
        };
    }
    if error.is_timeout() {
        let connecting = error.is_connect();
        let limit = if connecting {
            settings.connect_timeout
        } else {
            settings.timeout
        };
        return Error::Timeout {
            endpoint,
            limit,
            connecting,
        };
    }
    if error.is_connect() {
        return Error::Connect {
            endpoint,
            source: Box::new(error),
        };
    }
    Error::Transport {
        endpoint,
        source: Box::new(error),
    }
}

/// Returns `true` when the error chain contains a rustls error, directly or wrapped in I/O
/// errors (hyper reports a failed handshake as an I/O error inside an I/O error).
fn is_tls_failure(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(error);
    while let Some(current) = next {
        let mut layer = current;
        loop {
            if layer.is::<rustls::Error>() {
                return true;
            }
            match layer
                .downcast_ref::<std::io::Error>()
                .and_then(std::io::Error::get_ref)
            {
                Some(inner) => layer = inner,
                None => break,
            }
        }
        next = current.source();
    }
    false
}
