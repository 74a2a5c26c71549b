//! A test HTTP server on 127.0.0.1 (plain or mutual TLS) built on hyper, that records every
//! request and replies with a caller-supplied responder.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub path: String,
    pub content_type: Option<String>,
    pub soap_action: Option<String>,
    pub body: String,
}

/// What the server sends back.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    pub delay: Duration,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type: content_type.to_owned(),
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

pub type Responder = Arc<dyn Fn(&Recorded) -> Reply + Send + Sync>;

/// A running server; it stops when the test's runtime shuts down.
pub struct Server {
    /// Base URL, such as `http://127.0.0.1:41234`.
    pub base_url: String,
    pub log: Arc<Mutex<Vec<Recorded>>>,
}

impl Server {
    pub fn requests(&self) -> Vec<Recorded> {
        self.log.lock().unwrap().clone()
    }
}

pub async fn start(responder: Responder) -> Server {
    start_with(responder, None).await
}

pub async fn start_tls(responder: Responder, acceptor: TlsAcceptor) -> Server {
    start_with(responder, Some(acceptor)).await
}

/// Connections one test server accepts before it stops listening.
const MAX_CONNECTIONS: usize = 100_000;

async fn start_with(responder: Responder, tls: Option<TlsAcceptor>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let log: Arc<Mutex<Vec<Recorded>>> = Arc::default();

    let scheme = if tls.is_some() { "https" } else { "http" };
    let server_log = log.clone();
    tokio::spawn(async move {
        // Bounded like every loop here; the benchmarks reuse connections, so this is never reached.
        for _ in 0..MAX_CONNECTIONS {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            // Replies go out at once instead of waiting for the client's ACK (Nagle).
            let _ = stream.set_nodelay(true);
            let responder = responder.clone();
            let log = server_log.clone();
            let tls = tls.clone();
            tokio::spawn(async move {
                let service =
                    service_fn(move |request| handle(request, responder.clone(), log.clone()));
                let http = hyper::server::conn::http1::Builder::new();
                match tls {
                    Some(acceptor) => {
                        if let Ok(stream) = acceptor.accept(stream).await {
                            let _ = http.serve_connection(TokioIo::new(stream), service).await;
                        }
                    }
                    None => {
                        let _ = http.serve_connection(TokioIo::new(stream), service).await;
                    }
                }
            });
        }
    });

    Server {
        base_url: format!("{scheme}://127.0.0.1:{port}"),
        log,
    }
}

async fn handle(
    request: hyper::Request<Incoming>,
    responder: Responder,
    log: Arc<Mutex<Vec<Recorded>>>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let path = request.uri().path().to_owned();
    let content_type = header("content-type");
    let soap_action = header("soapaction");
    let body = match request.into_body().collect().await {
        Ok(body) => body.to_bytes(),
        Err(_) => Bytes::new(),
    };

    let recorded = Recorded {
        path,
        content_type,
        soap_action,
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    let reply = responder(&recorded);
    log.lock().unwrap().push(recorded);

    tokio::time::sleep(reply.delay).await;
    let response = hyper::Response::builder()
        .status(reply.status)
        .header("content-type", reply.content_type)
        .body(Full::new(Bytes::from(reply.body)))
        .unwrap();
    Ok(response)
}
