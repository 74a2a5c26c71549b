//! A TLS variant of the test server that requires a client certificate signed by the test CA.

use std::sync::Arc;

use tokio::net::TcpListener;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{self, RootCertStore, ServerConfig};
use tokio_rustls::TlsAcceptor;

use super::http_server::{serve_connection, Log, Received, Reply};
use super::pki::Pki;

/// Starts an HTTPS server on 127.0.0.1 that requires a client certificate, and returns its
/// endpoint and request log.
pub async fn start_mtls(
    pki: &Pki,
    reply: impl Fn(&Received) -> Reply + Send + Sync + 'static,
) -> (String, Log) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = RootCertStore::empty();
    roots.add(CertificateDer::from(pki.ca_der.clone())).unwrap();
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .unwrap();

    let chain = vec![
        CertificateDer::from(pki.server_der.clone()),
        CertificateDer::from(pki.ca_der.clone()),
    ];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(pki.server_key_der.clone()));
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let log: Log = Arc::default();
    let reply = Arc::new(reply);

    let server_log = log.clone();
    tokio::spawn(async move {
        for connection in 0..super::http_server::MAX_CONNECTIONS {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            let reply = reply.clone();
            let log = server_log.clone();
            tokio::spawn(async move {
                if let Ok(tls) = acceptor.accept(stream).await {
                    serve_connection(tls, connection, reply, log).await;
                }
            });
        }
    });
    (
        format!("https://127.0.0.1:{}/private/ws/service", address.port()),
        log,
    )
}
