//! Test support: certificates, an HTTP server and a fake service.

#![allow(dead_code)]

pub mod pki;
pub mod server;
pub mod service;

use std::sync::Arc;

use ccm_device::{Client, Credentials, Endpoint};
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{self, RootCertStore, ServerConfig};
use tokio_rustls::TlsAcceptor;

use pki::Pki;
use server::Server;
use service::{FakeService, PASSWORD};

/// A fake service on plain HTTP, its state, and a password client for it.
pub struct Fixture {
    pub pki: Pki,
    pub service: Arc<FakeService>,
    pub server: Server,
    pub client: Client,
}

pub async fn fixture() -> Fixture {
    let pki = pki::generate();
    let service = Arc::new(FakeService::new(&pki));
    let server = server::start(service.clone().responder()).await;
    let client = password_client(&server.base_url, PASSWORD);
    Fixture {
        pki,
        service,
        server,
        client,
    }
}

pub fn credentials(password: &str) -> Credentials {
    Credentials::password("ExampleCustomer", "example-admin", password).unwrap()
}

pub fn password_client(base_url: &str, password: &str) -> Client {
    Client::builder(credentials(password))
        .endpoint(Endpoint::BaseUrl(base_url.to_owned()))
        .allow_http(true)
        .build()
        .unwrap()
}

/// Builds a TLS acceptor for 127.0.0.1 that requires a client certificate issued by the test root.
pub fn mtls_acceptor(pki: &Pki) -> TlsAcceptor {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = RootCertStore::empty();
    roots
        .add(CertificateDer::from(pki.root_der.clone()))
        .unwrap();
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .unwrap();

    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(pki.server_key_der.clone()));
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(vec![CertificateDer::from(pki.server_der.clone())], key)
        .unwrap();
    TlsAcceptor::from(Arc::new(config))
}
