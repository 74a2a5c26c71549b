//! The async `ccm-device` client over HTTPS against the simulator: password login on /ws, and
//! mutual TLS with a client certificate issued by the simulator's client CA on /private/ws.

mod e2e_support;

use ccm_device::{CollectFormat, Collected, EnrollOptions, Error, Status, CERTIFICATE_PATH};
use e2e_support::*;

#[tokio::test]
async fn certificate_login_full_lifecycle() {
    let simulator = start_tls(0).await;
    let client = certificate_client(&simulator, "admin");
    assert_eq!(client.endpoint_url(), simulator.private_url());
    assert!(client.endpoint_url().starts_with("https://127.0.0.1:"));
    assert!(client.endpoint_url().ends_with(CERTIFICATE_PATH));

    let ids = client.cert_type_ids().await.expect("type ids");
    assert_eq!(ids, [2001, 2002, 2003]);

    let csr = csr("mtls-device.example");
    let order = client
        .enroll(
            "mtls-device.example",
            ORG,
            1,
            &csr.pem,
            &EnrollOptions::default(),
        )
        .await
        .expect("enroll");
    let collected = client
        .collect(order, CollectFormat::PemBundle)
        .await
        .expect("collect");
    let Collected::Issued(certificate) = collected else {
        panic!("order {order} is still pending with pending_polls 0");
    };
    let leaf = parse(certificate.certificates_der().next().expect("certificate"));
    assert_eq!(leaf.public_key().raw, csr.public_key_der.as_slice());

    client
        .revoke(order, "mutual TLS test")
        .await
        .expect("revoke");
    let after = client.collect(order, CollectFormat::PemBundle).await;
    assert_eq!(status_of(after, "collect"), Status::CertificateRevoked);
    simulator.shutdown().await;
}

#[tokio::test]
async fn password_login_over_https() {
    let simulator = start_tls(0).await;
    let client = builder(credentials(&simulator), base_url(&simulator))
        .allow_http(false)
        .add_root_certificate_pem(simulator.ca_certificate_pem())
        .build()
        .expect("client");
    assert_eq!(client.endpoint_url(), simulator.url());

    let ids = client.cert_type_ids().await.expect("type ids");
    assert_eq!(ids, [2001, 2002, 2003]);
    simulator.shutdown().await;
}

#[tokio::test]
async fn private_endpoint_rejects_missing_certificate() {
    let simulator = start_tls(0).await;
    // A password client whose base URL ends in /private calls /private/ws/EPKIManagerDevice
    // without a client certificate.
    let client = builder(
        credentials(&simulator),
        format!("{}/private", base_url(&simulator)),
    )
    .allow_http(false)
    .add_root_certificate_pem(simulator.ca_certificate_pem())
    .build()
    .expect("client");
    assert_eq!(client.endpoint_url(), simulator.private_url());

    let error = client.cert_type_ids().await.expect_err("rejected");
    assert!(
        matches!(error, Error::Http { status: 403, .. }),
        "{error:?}"
    );
    simulator.shutdown().await;
}

#[tokio::test]
async fn certificate_for_other_login_rejected() {
    let simulator = start_tls(0).await;
    let client = certificate_client(&simulator, "mallory");
    // The login in authData is mallory, which the simulator's account does not know.
    let error = client.cert_type_ids().await.expect_err("unknown login");
    assert_eq!(error.status(), Some(Status::InvalidAuthData), "{error:?}");
    simulator.shutdown().await;
}

#[tokio::test]
async fn certificate_from_foreign_ca_rejected() {
    let simulator = start_tls(0).await;
    let stranger = start_tls(0).await;
    let foreign = stranger
        .issue_client_certificate("admin")
        .expect("client CA")
        .expect("certificate");
    stranger.shutdown().await;

    let identity = ccm_device::ClientIdentity::from_pem(
        foreign.certificate_pem.as_bytes(),
        foreign.private_key_pem.as_bytes(),
    )
    .expect("identity");
    let credentials = ccm_device::Credentials::certificate("ExampleCustomer", "admin", identity)
        .expect("credentials");
    let client = builder(credentials, base_url(&simulator))
        .allow_http(false)
        .add_root_certificate_pem(simulator.ca_certificate_pem())
        .build()
        .expect("client");

    let error = client
        .cert_type_ids()
        .await
        .expect_err("foreign certificate");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    simulator.shutdown().await;
}

#[tokio::test]
async fn untrusted_server_certificate_rejected() {
    let simulator = start_tls(0).await;
    let client = builder(credentials(&simulator), base_url(&simulator))
        .allow_http(false)
        .build()
        .expect("client");

    let error = client.cert_type_ids().await.expect_err("untrusted server");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    simulator.shutdown().await;
}

#[tokio::test]
async fn plain_http_needs_allow_http() {
    let simulator = start(0).await;
    let result = builder(credentials(&simulator), base_url(&simulator))
        .allow_http(false)
        .build();
    assert!(matches!(result, Err(Error::Config { .. })), "{result:?}");
    simulator.shutdown().await;
}
