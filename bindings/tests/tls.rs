//! Client-certificate login over mutual TLS with certificates generated for the run.

mod common;

use std::sync::Arc;

use ccm_device::{Client, ClientIdentity, Credentials, Endpoint, Error};
use common::service::FakeService;

async fn mtls_server(pki: &common::pki::Pki) -> common::server::Server {
    let mut service = FakeService::new(pki);
    service.password = None;
    common::server::start_tls(Arc::new(service).responder(), common::mtls_acceptor(pki)).await
}

fn identity(pki: &common::pki::Pki) -> ClientIdentity {
    ClientIdentity::from_pem(pki.client_pem.as_bytes(), pki.client_key_pem.as_bytes()).unwrap()
}

#[tokio::test]
async fn certificate_login_uses_private_path() {
    let pki = common::pki::generate();
    let server = mtls_server(&pki).await;
    let credentials =
        Credentials::certificate("ExampleCustomer", "example-admin", identity(&pki)).unwrap();
    let client = Client::builder(credentials)
        .endpoint(Endpoint::BaseUrl(server.base_url.clone()))
        .add_root_certificate_pem(pki.root_pem.clone())
        .build()
        .unwrap();
    assert!(client
        .endpoint_url()
        .ends_with("/private/ws/EPKIManagerDevice"));

    let ids = client.cert_type_ids().await.unwrap();
    assert_eq!(ids, [11, 12, 13]);

    let request = &server.requests()[0];
    assert_eq!(request.path, "/private/ws/EPKIManagerDevice");
    assert!(request.body.contains("<authData><customerLoginUri>ExampleCustomer</customerLoginUri><login>example-admin</login></authData>"), "{}", request.body);
    assert!(!request.body.contains("<password>"));
}

#[tokio::test]
async fn password_login_rejected_by_mtls_server() {
    let pki = common::pki::generate();
    let server = mtls_server(&pki).await;
    let client = Client::builder(common::credentials("example-password"))
        .endpoint(Endpoint::BaseUrl(server.base_url.clone()))
        .add_root_certificate_pem(pki.root_pem.clone())
        .build()
        .unwrap();

    let error = client.cert_type_ids().await.unwrap_err();
    assert!(
        matches!(error, Error::Transport(soap_runtime::Error::Tls { .. })),
        "{error}"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn foreign_certificate_rejected() {
    let pki = common::pki::generate();
    let other = common::pki::generate();
    let server = mtls_server(&pki).await;
    let credentials =
        Credentials::certificate("ExampleCustomer", "example-admin", identity(&other)).unwrap();
    let client = Client::builder(credentials)
        .endpoint(Endpoint::BaseUrl(server.base_url.clone()))
        .add_root_certificate_pem(pki.root_pem.clone())
        .build()
        .unwrap();

    let error = client.web_service_info().await.unwrap_err();
    assert!(
        matches!(error, Error::Transport(soap_runtime::Error::Tls { .. })),
        "{error}"
    );
}

#[test]
fn certificate_credentials_debug_hides_key() {
    let pki = common::pki::generate();
    let credentials =
        Credentials::certificate("ExampleCustomer", "example-admin", identity(&pki)).unwrap();
    let debug = format!("{credentials:?}");
    assert!(debug.contains("<redacted>"), "{debug}");
    assert!(!debug.contains("PRIVATE KEY"), "{debug}");
    let key_line = pki.client_key_pem.lines().nth(1).unwrap();
    assert!(!debug.contains(key_line), "{debug}");
}
