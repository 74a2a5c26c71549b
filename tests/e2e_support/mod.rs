//! Helpers for the end-to-end tests of the `ccm-device` client against the simulator, started
//! in-process on 127.0.0.1. `mod e2e_support;` in a `tests/e2e_*.rs` file.

// Each test binary compiles this module and uses only some of its helpers.
#![allow(dead_code)]

pub mod front;

use std::net::TcpListener;
use std::time::Duration;

use ccm_device::{Client, ClientBuilder, ClientIdentity, Credentials, Endpoint, Error, Status};
use ccm_device_sim::testing::{rsa_csr, CsrDigest, TestCsr};
use ccm_device_sim::{RunningSimulator, Simulator, TlsOptions, PUBLIC_PATH};
use x509_parser::prelude::{FromDer, X509Certificate};

/// Limit for one call of a test client, so that no test hangs.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(20);

/// Organisation of the simulator's catalogue that offers every certificate type.
pub const ORG: i32 = 1001;

/// Starts a plain-HTTP simulator whose orders stay pending for `pending_polls` collect calls.
pub async fn start(pending_polls: u32) -> RunningSimulator {
    Simulator::builder()
        .pending_polls(pending_polls)
        .start()
        .await
        .expect("simulator starts")
}

/// Starts an HTTPS simulator with a generated server certificate and client CA.
pub async fn start_tls(pending_polls: u32) -> RunningSimulator {
    Simulator::builder()
        .pending_polls(pending_polls)
        .tls(TlsOptions::default())
        .start()
        .await
        .expect("HTTPS simulator starts")
}

/// Returns the simulator's base URL, without the service path.
pub fn base_url(simulator: &RunningSimulator) -> String {
    let url = simulator.url();
    url.strip_suffix(PUBLIC_PATH)
        .expect("service path")
        .to_owned()
}

/// Returns the simulator's password credentials.
pub fn credentials(simulator: &RunningSimulator) -> Credentials {
    let accepted = simulator.credentials();
    Credentials::password(&accepted.customer_uri, &accepted.login, &accepted.password)
        .expect("credentials")
}

/// Returns a client builder for `base_url`, with plain HTTP allowed, no retries and a time
/// limit per call.
pub fn builder(credentials: Credentials, base_url: String) -> ClientBuilder {
    Client::builder(credentials)
        .endpoint(Endpoint::BaseUrl(base_url))
        .allow_http(true)
        .read_retries(0)
        .timeout(CALL_TIMEOUT)
}

/// Returns an async client that logs in to the simulator with its password.
pub fn client(simulator: &RunningSimulator) -> Client {
    builder(credentials(simulator), base_url(simulator))
        .build()
        .expect("client")
}

/// Returns an async client that sends `password` in place of the simulator's.
pub fn client_with_password(simulator: &RunningSimulator, password: &str) -> Client {
    let accepted = simulator.credentials();
    let credentials = Credentials::password(&accepted.customer_uri, &accepted.login, password)
        .expect("credentials");
    builder(credentials, base_url(simulator))
        .build()
        .expect("client")
}

/// Returns an HTTPS client that logs in with a client certificate for `login`, issued by the
/// simulator's client CA, and trusts the simulator's root CA.
pub fn certificate_client(simulator: &RunningSimulator, login: &str) -> Client {
    let issued = simulator
        .issue_client_certificate(login)
        .expect("generated client CA")
        .expect("client certificate");
    let identity = ClientIdentity::from_pem(
        issued.certificate_pem.as_bytes(),
        issued.private_key_pem.as_bytes(),
    )
    .expect("client identity");
    let customer_uri = &simulator.credentials().customer_uri;
    let credentials = Credentials::certificate(customer_uri, login, identity).expect("credentials");
    builder(credentials, base_url(simulator))
        .allow_http(false)
        .add_root_certificate_pem(simulator.ca_certificate_pem())
        .build()
        .expect("client")
}

/// Returns a base URL on 127.0.0.1 where nothing listens: a call that reaches the network
/// fails to connect there.
pub fn closed_base_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

/// Generates a 1024-bit RSA key and a SHA-256 CSR for `common_name`. The simulator accepts 512
/// to 8192 bits, and 1024 keeps key generation short.
pub fn csr(common_name: &str) -> TestCsr {
    rsa_csr(1024, common_name, CsrDigest::Sha256).expect("CSR")
}

/// Parses a DER certificate.
pub fn parse(der: &[u8]) -> X509Certificate<'_> {
    let (rest, certificate) = X509Certificate::from_der(der).expect("certificate DER");
    assert!(rest.is_empty(), "trailing bytes after the certificate");
    certificate
}

/// Returns the status of a status error, failing the test with the error otherwise.
pub fn status_of(result: Result<impl std::fmt::Debug, Error>, operation: &str) -> Status {
    match result {
        Err(Error::Status {
            operation: reported,
            status,
        }) => {
            assert_eq!(reported, operation, "operation named in the error");
            status
        }
        other => panic!("expected a status error from {operation}, got {other:?}"),
    }
}
