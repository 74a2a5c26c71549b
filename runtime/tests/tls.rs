//! Mutual TLS with certificates generated for the run: accepted with the right client
//! certificate (PEM or PKCS#12), rejected without one or with an untrusted server.

mod common;

use common::http_server::Reply;
use common::pki::{generate, Pki};
use common::ssl_service::*;
use common::tls_server::start_mtls;
use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain};
use soap_runtime::{Client, ClientIdentity, Error};

async fn server(pki: &Pki) -> String {
    let ok = data("revoke.ok.response.xml");
    let (endpoint, _) = start_mtls(pki, move |_| Reply::xml(200, ok.clone())).await;
    endpoint
}

fn pkcs12(pki: &Pki, password: &str) -> Vec<u8> {
    let chain = PrivateKeyChain::new(
        b"client".to_vec(),
        PrivateKey::from_der(&pki.client_key_der).unwrap(),
        [
            Certificate::from_der(&pki.client_der).unwrap(),
            Certificate::from_der(&pki.ca_der).unwrap(),
        ],
    );
    let mut store = KeyStore::new();
    store.add_entry("client", KeyStoreEntry::PrivateKeyChain(chain));
    store.writer(password).write().unwrap()
}

#[tokio::test]
async fn pem_identity_accepted() {
    let pki = generate();
    let endpoint = server(&pki).await;
    let identity =
        ClientIdentity::from_pem(pki.client_pem.as_bytes(), pki.client_key_pem.as_bytes()).unwrap();

    let client = Client::builder(&endpoint)
        .add_root_certificate_pem(pki.ca_pem.clone())
        .identity(identity)
        .build()
        .unwrap();
    let output = client.call::<RevokeOp>(&revoke_request()).await.unwrap();
    assert_eq!(output.r#return, 0);
}

#[tokio::test]
async fn pkcs12_identity_accepted() {
    let pki = generate();
    let endpoint = server(&pki).await;
    let identity = ClientIdentity::from_pkcs12(&pkcs12(&pki, "p12-secret"), "p12-secret").unwrap();
    assert_eq!(identity.certificate_count(), 2);

    let client = Client::builder(&endpoint)
        .add_root_certificate_pem(pki.ca_pem.clone())
        .identity(identity)
        .build()
        .unwrap();
    let output = client.call::<RevokeOp>(&revoke_request()).await.unwrap();
    assert_eq!(output.r#return, 0);
}

#[tokio::test]
async fn missing_client_certificate_rejected() {
    let pki = generate();
    let endpoint = server(&pki).await;
    let client = Client::builder(&endpoint)
        .add_root_certificate_pem(pki.ca_pem.clone())
        .build()
        .unwrap();

    let error = client
        .call::<RevokeOp>(&revoke_request())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Tls { .. }), "{error}");
    assert!(!error.may_have_reached_server());
}

#[tokio::test]
async fn foreign_client_certificate_rejected() {
    let pki = generate();
    let other = generate();
    let endpoint = server(&pki).await;
    let identity =
        ClientIdentity::from_pem(other.client_pem.as_bytes(), other.client_key_pem.as_bytes())
            .unwrap();
    let client = Client::builder(&endpoint)
        .add_root_certificate_pem(pki.ca_pem.clone())
        .identity(identity)
        .build()
        .unwrap();

    let error = client
        .call::<RevokeOp>(&revoke_request())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Tls { .. }), "{error}");
}

#[tokio::test]
async fn untrusted_server_rejected() {
    let pki = generate();
    let endpoint = server(&pki).await;
    let identity =
        ClientIdentity::from_pem(pki.client_pem.as_bytes(), pki.client_key_pem.as_bytes()).unwrap();
    let client = Client::builder(&endpoint)
        .identity(identity)
        .build()
        .unwrap();

    let error = client
        .call::<RevokeOp>(&revoke_request())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Tls { .. }), "{error}");
    assert!(error.to_string().contains("TLS handshake"), "{error}");
    assert!(
        error.to_string().contains("add_root_certificate_pem"),
        "{error}"
    );
}

#[tokio::test]
async fn https_to_plain_http_says_so() {
    // A plain HTTP server replies to the TLS hello with an HTTP error, as hyper and nginx do.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;

        if let Ok((mut stream, _)) = listener.accept().await {
            let reply = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n";
            let _ = stream.write_all(reply).await;
        }
    });
    let endpoint = format!("https://{address}/ws/service");
    let client = Client::builder(&endpoint).build().unwrap();

    let error = client
        .call::<RevokeOp>(&revoke_request())
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Tls { .. }), "{error}");
    assert!(error.to_string().contains("plain HTTP"), "{error}");
}

#[test]
fn pkcs12_wrong_password_rejected() {
    let pki = generate();
    let error = ClientIdentity::from_pkcs12(&pkcs12(&pki, "right"), "wrong").unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error}");
    assert!(error.to_string().contains("password"), "{error}");
}

#[test]
fn identity_debug_hides_key() {
    let pki = generate();
    let identity =
        ClientIdentity::from_pem(pki.client_pem.as_bytes(), pki.client_key_pem.as_bytes()).unwrap();
    let debug = format!("{identity:?}");
    assert!(debug.contains("<redacted>"), "{debug}");
    assert!(!debug.contains("PRIVATE KEY"), "{debug}");
    let key_body = pki.client_key_pem.lines().nth(1).unwrap();
    assert!(!debug.contains(key_body), "{debug}");
}

#[test]
fn identity_rejects_bad_pem() {
    let pki = generate();
    let no_key = ClientIdentity::from_pem(pki.client_pem.as_bytes(), pki.client_pem.as_bytes());
    assert!(no_key.unwrap_err().to_string().contains("PRIVATE KEY"));

    let no_cert =
        ClientIdentity::from_pem(pki.client_key_pem.as_bytes(), pki.client_key_pem.as_bytes());
    assert!(no_cert.unwrap_err().to_string().contains("CERTIFICATE"));
}

#[test]
fn mismatched_key_rejected_with_hint() {
    let pki = generate();
    let other = generate();
    let identity =
        ClientIdentity::from_pem(pki.client_pem.as_bytes(), other.client_key_pem.as_bytes())
            .unwrap();

    let error = Client::builder("https://127.0.0.1:9/ws")
        .identity(identity)
        .build()
        .unwrap_err();

    assert!(matches!(error, Error::Config { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("does not belong to the client certificate"),
        "{error}"
    );
    let key_body = other.client_key_pem.lines().nth(1).unwrap();
    assert!(!error.to_string().contains(key_body), "{error}");
}
