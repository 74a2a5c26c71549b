//! Helpers for the simulator's integration tests: a small HTTP/1.1 client on hyper (plain and
//! TLS), request envelopes and XML readers. `mod sim_support;` in a `tests/sim_*.rs` file.

// Each test binary compiles this module and uses only some of its helpers.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use ccm_device_sim::{RunningSimulator, Simulator};
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1;
use hyper::Request;
use hyper_util::rt::TokioIo;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

/// Limit for every network step of a test.
pub const STEP_TIMEOUT: Duration = Duration::from_secs(20);

/// Service namespace.
pub const NAMESPACE: &str = "http://device.ws.epki.comodo.com/";

/// An HTTP reply.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

/// Starts a plain-HTTP simulator with the default credentials.
pub async fn start(pending_polls: u32) -> RunningSimulator {
    Simulator::builder()
        .pending_polls(pending_polls)
        .start()
        .await
        .expect("simulator starts")
}

/// `authData` with the documented default credentials.
pub fn auth() -> String {
    auth_with("ExampleCustomer", "admin", "secret")
}

/// `authData` with the given values.
pub fn auth_with(uri: &str, login: &str, password: &str) -> String {
    format!(
        "<authData><customerLoginUri>{uri}</customerLoginUri><login>{login}</login>\
         <password>{password}</password></authData>"
    )
}

/// Builds a SOAP 1.1 request envelope whose body is `<ns0:{operation}>{children}</ns0:{operation}>`,
/// laid out as Python zeep sends it.
pub fn envelope(operation: &str, children: &str) -> String {
    format!(
        "<?xml version='1.0' encoding='utf-8'?>\n<soap-env:Envelope \
         xmlns:soap-env=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap-env:Body>\
         <ns0:{operation} xmlns:ns0=\"{NAMESPACE}\">{children}</ns0:{operation}>\
         </soap-env:Body></soap-env:Envelope>"
    )
}

/// Splits a URL `http(s)://host:port/path?query` into (port, path and query).
fn port_and_path(url: &str) -> (u16, String) {
    let rest = url.split_once("://").expect("URL has a scheme").1;
    let (authority, path) = rest.split_at(rest.find('/').expect("URL has a path"));
    let port = authority
        .rsplit(':')
        .next()
        .expect("port")
        .parse()
        .expect("numeric port");
    (port, path.to_string())
}

/// Sends one request over a new plain TCP connection with hyper.
pub async fn send(method: &str, url: &str, content_type: Option<&str>, body: &str) -> Reply {
    let (port, path) = port_and_path(url);
    let stream = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    exchange(stream, method, &path, content_type, body).await
}

/// Posts a SOAP envelope with `Content-Type: text/xml`.
pub async fn post(url: &str, body: &str) -> Reply {
    send("POST", url, Some("text/xml; charset=utf-8"), body).await
}

/// Calls `operation` on the password endpoint and returns the reply.
pub async fn call(simulator: &RunningSimulator, operation: &str, children: &str) -> Reply {
    post(&simulator.url(), &envelope(operation, children)).await
}

async fn exchange<S>(
    stream: S,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> Reply
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let work = async {
        let (mut sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .expect("HTTP handshake");
        tokio::spawn(connection);

        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("Host", "127.0.0.1")
            .header("SOAPAction", "\"\"");
        if let Some(content_type) = content_type {
            request = request.header("Content-Type", content_type);
        }
        let request = request
            .body(Full::new(Bytes::from(body.to_string())))
            .expect("request");
        let response = sender.send_request(request).await.expect("HTTP response");

        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_string();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        Reply {
            status,
            content_type,
            body: String::from_utf8(bytes.to_vec()).expect("UTF-8 body"),
        }
    };
    tokio::time::timeout(STEP_TIMEOUT, work)
        .await
        .expect("exchange within time limit")
}

/// Writes raw bytes on a new connection, closes the write side and returns what the server sent
/// before closing.
pub async fn send_raw(simulator: &RunningSimulator, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(simulator.local_addr())
        .await
        .expect("connect");
    let work = async {
        // The server may close early (for example after 413); a failed write is then expected.
        let _ = stream.write_all(bytes).await;
        let _ = stream.shutdown().await;
        let mut received = Vec::new();
        let _ = stream.read_to_end(&mut received).await;
        String::from_utf8_lossy(&received).into_owned()
    };
    tokio::time::timeout(STEP_TIMEOUT, work)
        .await
        .expect("raw exchange within time limit")
}

/// Builds a rustls client that trusts `ca_pem` and presents `identity` (certificate and key PEM).
pub fn tls_client(ca_pem: &str, identity: Option<(&str, &str)>) -> tokio_rustls::TlsConnector {
    let mut roots = rustls::RootCertStore::empty();
    for certificate in CertificateDer::pem_slice_iter(ca_pem.as_bytes()) {
        roots.add(certificate.expect("CA PEM")).expect("add root");
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_root_certificates(roots);
    let config = match identity {
        Some((certificate_pem, key_pem)) => {
            let chain = CertificateDer::pem_slice_iter(certificate_pem.as_bytes())
                .collect::<Result<Vec<_>, _>>()
                .expect("client certificate PEM");
            let key = PrivateKeyDer::from_pem_slice(key_pem.as_bytes()).expect("client key PEM");
            builder
                .with_client_auth_cert(chain, key)
                .expect("client auth")
        }
        None => builder.with_no_client_auth(),
    };
    tokio_rustls::TlsConnector::from(Arc::new(config))
}

/// Sends one request over HTTPS to `url` through `connector`, verifying the server as `127.0.0.1`.
pub async fn send_tls(
    connector: &tokio_rustls::TlsConnector,
    method: &str,
    url: &str,
    body: &str,
) -> Result<Reply, std::io::Error> {
    let (port, path) = port_and_path(url);
    let stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let server_name = ServerName::try_from("127.0.0.1").expect("server name");
    let tls = tokio::time::timeout(STEP_TIMEOUT, connector.connect(server_name, stream))
        .await
        .expect("TLS handshake within time limit")?;
    Ok(exchange(tls, method, &path, Some("text/xml; charset=utf-8"), body).await)
}

/// Parses a reply body as XML.
pub fn document(body: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(body)
        .unwrap_or_else(|error| panic!("reply is not XML ({error}):\n{body}"))
}

/// Returns the text of the first element named `name` (any namespace) in `body`.
pub fn text_of(body: &str, name: &str) -> Option<String> {
    let document = document(body);
    let node = document
        .descendants()
        .find(|node| node.has_tag_name(name))?;
    Some(node.text().unwrap_or("").to_string())
}

/// Returns the texts of every element named `name` in `body`.
pub fn texts_of(body: &str, name: &str) -> Vec<String> {
    document(body)
        .descendants()
        .filter(|node| node.has_tag_name(name))
        .map(|node| node.text().unwrap_or("").to_string())
        .collect()
}

/// Returns the integer in `<return>` (operations that return a plain int).
pub fn return_code(reply: &Reply) -> i32 {
    assert_eq!(reply.status, 200, "HTTP status; body:\n{}", reply.body);
    let text =
        text_of(&reply.body, "return").unwrap_or_else(|| panic!("no <return> in:\n{}", reply.body));
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("<return> is not an int: {text}"))
}

/// Returns the integer in `<return><statusCode>`.
pub fn status_code(reply: &Reply) -> i32 {
    assert_eq!(reply.status, 200, "HTTP status; body:\n{}", reply.body);
    let text = text_of(&reply.body, "statusCode")
        .unwrap_or_else(|| panic!("no <statusCode> in:\n{}", reply.body));
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("<statusCode> is not an int: {text}"))
}

/// Builds the `enroll` children for a CSR with the given org, type and term.
pub fn enroll_children(
    auth: &str,
    common_name: &str,
    org: i32,
    term: i32,
    csr: &str,
    cert_type: Option<i32>,
) -> String {
    let cert_type = cert_type
        .map(|id| format!("<certTypeId>{id}</certTypeId>"))
        .unwrap_or_default();
    format!(
        "{auth}<commonName>{common_name}</commonName><orgId>{org}</orgId><term>{term}</term>\
         <csr>{csr}</csr>{cert_type}"
    )
}

/// Enrolls `csr` for org 1001, type 2001, one year, and returns the order number.
pub async fn enroll(simulator: &RunningSimulator, csr: &str) -> i32 {
    let reply = call(
        simulator,
        "enroll",
        &enroll_children(&auth(), "device-1.example", 1001, 1, csr, None),
    )
    .await;
    let order = return_code(&reply);
    assert!(order > 0, "enroll returned status {order}");
    order
}

/// Calls `collect` and returns the reply.
pub async fn collect(simulator: &RunningSimulator, order: i32, format: i32) -> Reply {
    let children = format!(
        "{}<orderNumber>{order}</orderNumber><format>{format}</format>",
        auth()
    );
    call(simulator, "collect", &children).await
}

/// Sends raw bytes over HTTPS and returns what came back, or the I/O error of the handshake,
/// write or read (a server that rejects the client certificate fails one of them).
pub async fn send_tls_raw(
    connector: &tokio_rustls::TlsConnector,
    port: u16,
    bytes: &[u8],
) -> Result<String, std::io::Error> {
    let work = async {
        let stream = TcpStream::connect(("127.0.0.1", port)).await?;
        let server_name = ServerName::try_from("127.0.0.1").expect("server name");
        let mut tls = connector.connect(server_name, stream).await?;
        tls.write_all(bytes).await?;
        let mut received = Vec::new();
        tls.read_to_end(&mut received).await?;
        Ok(String::from_utf8_lossy(&received).into_owned())
    };
    tokio::time::timeout(STEP_TIMEOUT, work)
        .await
        .expect("TLS exchange within time limit")
}
