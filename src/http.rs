//! HTTP routing: SOAP requests to the service, WSDL and schema downloads, and plain HTTP errors
//! for everything else.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, ALLOW, CONTENT_TYPE};
use hyper::{Method, Request, Response, StatusCode};
use tracing::{debug, warn};

use crate::device::epki_manager_device_port_binding::dispatch;
use crate::service::{DeviceService, Login, State};

/// Path of the password-login endpoint.
pub const PUBLIC_PATH: &str = "/ws/EPKIManagerDevice";
/// Path of the client-certificate endpoint.
pub const PRIVATE_PATH: &str = "/private/ws/EPKIManagerDevice";
/// Largest request body accepted, in bytes. A CSR is at most 32,767 characters, so real
/// requests stay far below it.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Time allowed for receiving a request body.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// Everything a request needs: the service state and the rewritten WSDL for each endpoint.
pub(crate) struct Site {
    pub state: Arc<State>,
    pub public_wsdl: String,
    pub private_wsdl: String,
}

/// Which endpoint a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Endpoint {
    Public,
    Private,
}

/// Serves one HTTP request. `client_common_name` is the subject common name of the verified
/// TLS client certificate, if the connection presented one.
pub(crate) async fn handle(
    site: Arc<Site>,
    client_common_name: Option<String>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let endpoint = match request.uri().path() {
        PUBLIC_PATH => Endpoint::Public,
        PRIVATE_PATH => Endpoint::Private,
        path => {
            debug!(path, "unknown path");
            return Ok(plain(
                StatusCode::NOT_FOUND,
                format!("no endpoint at {path}\n"),
            ));
        }
    };

    let response = match *request.method() {
        Method::GET => download(&site, endpoint, request.uri().query()),
        Method::POST => soap(&site, endpoint, client_common_name, request).await,
        _ => {
            let mut response = plain(
                StatusCode::METHOD_NOT_ALLOWED,
                format!(
                    "method {} not allowed; use POST for SOAP or GET ?wsdl\n",
                    request.method()
                ),
            );
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static("GET, POST"));
            response
        }
    };
    Ok(response)
}

/// Answers `GET ?wsdl`, `GET ?xsd=1` and a bare `GET` with a short description.
fn download(site: &Site, endpoint: Endpoint, query: Option<&str>) -> Response<Full<Bytes>> {
    match query {
        Some(query) if query.eq_ignore_ascii_case("wsdl") => {
            let wsdl = match endpoint {
                Endpoint::Public => &site.public_wsdl,
                Endpoint::Private => &site.private_wsdl,
            };
            xml(StatusCode::OK, wsdl.clone())
        }
        Some("xsd=1") => xml(StatusCode::OK, crate::wsdl::SCHEMA.to_string()),
        None => plain(
            StatusCode::OK,
            "EPKIManagerDevice simulator: POST SOAP 1.1 requests here; the WSDL is at ?wsdl\n"
                .to_string(),
        ),
        Some(query) => plain(
            StatusCode::NOT_FOUND,
            format!("unknown query {query:?}; use ?wsdl or ?xsd=1\n"),
        ),
    }
}

/// Checks a SOAP POST, reads its body within the size and time limits and dispatches it.
async fn soap(
    site: &Site,
    endpoint: Endpoint,
    client_common_name: Option<String>,
    request: Request<Incoming>,
) -> Response<Full<Bytes>> {
    let login = match (endpoint, client_common_name) {
        (Endpoint::Public, _) => Login::Password,
        (Endpoint::Private, Some(common_name)) => Login::ClientCertificate { common_name },
        (Endpoint::Private, None) => {
            warn!("request on {PRIVATE_PATH} without a verified client certificate with one CN");
            return plain(
                StatusCode::FORBIDDEN,
                format!(
                    "{PRIVATE_PATH} requires a TLS client certificate issued by the simulator's \
                     client CA, with exactly one subject common name (CN), the login\n"
                ),
            );
        }
    };

    let content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    // The media type is what comes before any parameter (`; charset=utf-8`).
    let media_type = content_type.split(';').next().unwrap_or("").trim();
    if !media_type.eq_ignore_ascii_case("text/xml") {
        warn!(content_type, "unsupported content type");
        return plain(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("unsupported Content-Type {content_type:?}; SOAP 1.1 requests use text/xml\n"),
        );
    }

    let body = match read_body(request.into_body()).await {
        Ok(body) => body,
        Err(response) => return response,
    };

    let service = DeviceService::new(site.state.clone(), login);
    let reply = dispatch(&service, &body).await;
    if reply.status == 500 {
        let reason = fault_reason(&reply.body).unwrap_or("(no faultstring)");
        warn!(status = reply.status, reason, "SOAP fault returned");
    }
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(&reply.content_type) {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    response
}

/// Returns the start of the `faultstring` of a SOAP 1.1 fault envelope that the generated
/// `dispatch` wrote, still XML-escaped, for the log.
fn fault_reason(envelope: &str) -> Option<&str> {
    let start = envelope.find("<faultstring>")? + "<faultstring>".len();
    let length = envelope[start..].find("</faultstring>")?;
    let reason = &envelope[start..start + length];
    let end = reason
        .char_indices()
        .nth(200)
        .map_or(reason.len(), |(index, _)| index);
    Some(&reason[..end])
}

async fn read_body(body: Incoming) -> Result<Bytes, Response<Full<Bytes>>> {
    let announced = hyper::body::Body::size_hint(&body).lower();
    if announced > MAX_BODY_BYTES as u64 {
        warn!(
            content_length = announced,
            max = MAX_BODY_BYTES,
            "request body too large"
        );
        return Err(too_large());
    }

    let limited = Limited::new(body, MAX_BODY_BYTES);
    match tokio::time::timeout(BODY_TIMEOUT, limited.collect()).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => {
            warn!(max = MAX_BODY_BYTES, "request body too large");
            Err(too_large())
        }
        Ok(Err(error)) => {
            warn!(%error, "reading the request body failed");
            Err(plain(
                StatusCode::BAD_REQUEST,
                format!("reading the request body failed: {error}\n"),
            ))
        }
        Err(_) => {
            warn!(
                timeout_seconds = BODY_TIMEOUT.as_secs(),
                "request body timed out"
            );
            Err(plain(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "request body not received within {} seconds\n",
                    BODY_TIMEOUT.as_secs()
                ),
            ))
        }
    }
}

fn too_large() -> Response<Full<Bytes>> {
    plain(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("request body exceeds {MAX_BODY_BYTES} bytes\n"),
    )
}

fn plain(status: StatusCode, text: String) -> Response<Full<Bytes>> {
    with_type(status, "text/plain; charset=utf-8", text)
}

fn xml(status: StatusCode, text: String) -> Response<Full<Bytes>> {
    with_type(status, "text/xml; charset=utf-8", text)
}

fn with_type(
    status: StatusCode,
    content_type: &'static str,
    text: String,
) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_reason_read_and_shortened() {
        let envelope = "<S:Envelope><S:Body><S:Fault><faultcode>S:Client</faultcode>\
                        <faultstring>unknown operation: &lt;x&gt;</faultstring></S:Fault></S:Body></S:Envelope>";
        let long = format!("<faultstring>{}</faultstring>", "é".repeat(300));

        assert_eq!(fault_reason(envelope), Some("unknown operation: &lt;x&gt;"));
        assert_eq!(
            fault_reason(&long).map(|reason| reason.chars().count()),
            Some(200)
        );
        assert_eq!(fault_reason("<S:Envelope/>"), None);
    }
}
