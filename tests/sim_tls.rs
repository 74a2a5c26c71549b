//! HTTPS with mutual TLS: password login on /ws and client-certificate login on /private/ws,
//! with certificates generated in the test.

mod sim_support;

use ccm_device_sim::testing::{rsa_csr, CsrDigest};
use ccm_device_sim::{
    ClientCertificates, RunningSimulator, ServerCertificate, Simulator, TlsOptions,
};
use sim_support::*;

async fn start_tls() -> RunningSimulator {
    Simulator::builder()
        .pending_polls(0)
        .tls(TlsOptions::default())
        .start()
        .await
        .expect("HTTPS simulator starts")
}

fn auth_without_password(login: &str) -> String {
    format!("<authData><customerLoginUri>ExampleCustomer</customerLoginUri><login>{login}</login></authData>")
}

fn connector_for(simulator: &RunningSimulator, login: &str) -> tokio_rustls::TlsConnector {
    let identity = simulator
        .issue_client_certificate(login)
        .expect("generated client CA")
        .expect("client certificate");
    tls_client(
        simulator.ca_certificate_pem(),
        Some((&identity.certificate_pem, &identity.private_key_pem)),
    )
}

#[tokio::test]
async fn client_certificate_logs_in_on_private_endpoint() {
    let simulator = start_tls().await;
    assert!(simulator.url().starts_with("https://127.0.0.1:"));
    let connector = connector_for(&simulator, "admin");

    let body = envelope("getDeviceCertTypeIds", &auth_without_password("admin"));
    let reply = send_tls(&connector, "POST", &simulator.private_url(), &body)
        .await
        .expect("HTTPS");
    assert_eq!(status_code(&reply), 0);

    let csr = rsa_csr(1024, "tls-device.example", CsrDigest::Sha256).expect("CSR");
    let children = enroll_children(
        &auth_without_password("admin"),
        "tls-device.example",
        1001,
        1,
        &csr.pem,
        None,
    );
    let reply = send_tls(
        &connector,
        "POST",
        &simulator.private_url(),
        &envelope("enroll", &children),
    )
    .await
    .expect("HTTPS");
    let order = return_code(&reply);
    assert!(order > 0, "enroll returned {order}");

    let children = format!(
        "{}<orderNumber>{order}</orderNumber><format>1</format>",
        auth_without_password("admin")
    );
    let reply = send_tls(
        &connector,
        "POST",
        &simulator.private_url(),
        &envelope("collect", &children),
    )
    .await
    .expect("HTTPS");
    assert_eq!(status_code(&reply), 1);
    simulator.shutdown().await;
}

#[tokio::test]
async fn login_must_match_certificate_common_name() {
    let simulator = start_tls().await;

    let connector = connector_for(&simulator, "admin");
    let body = envelope(
        "getDeviceCertTypeIds",
        &auth_without_password("someone-else"),
    );
    let reply = send_tls(&connector, "POST", &simulator.private_url(), &body)
        .await
        .expect("HTTPS");
    assert_eq!(status_code(&reply), -100);

    let connector = connector_for(&simulator, "mallory");
    let body = envelope("getDeviceCertTypeIds", &auth_without_password("admin"));
    let reply = send_tls(&connector, "POST", &simulator.private_url(), &body)
        .await
        .expect("HTTPS");
    assert_eq!(status_code(&reply), -100);
    simulator.shutdown().await;
}

#[tokio::test]
async fn private_endpoint_rejects_missing_certificate() {
    let simulator = start_tls().await;
    let anonymous = tls_client(simulator.ca_certificate_pem(), None);

    let body = envelope("getDeviceCertTypeIds", &auth());
    let reply = send_tls(&anonymous, "POST", &simulator.private_url(), &body)
        .await
        .expect("HTTPS");
    assert_eq!(reply.status, 403, "{}", reply.body);

    let reply = send_tls(&anonymous, "POST", &simulator.url(), &body)
        .await
        .expect("HTTPS");
    assert_eq!(
        status_code(&reply),
        0,
        "password login on /ws needs no certificate"
    );
    simulator.shutdown().await;
}

#[tokio::test]
async fn certificate_from_unknown_ca_is_refused() {
    let simulator = start_tls().await;

    let stranger_ca = Simulator::builder()
        .tls(TlsOptions::default())
        .start()
        .await
        .expect("second simulator");
    let foreign = stranger_ca
        .issue_client_certificate("admin")
        .expect("client CA")
        .expect("certificate");
    stranger_ca.shutdown().await;

    let connector = tls_client(
        simulator.ca_certificate_pem(),
        Some((&foreign.certificate_pem, &foreign.private_key_pem)),
    );
    let body = envelope("getDeviceCertTypeIds", &auth_without_password("admin"));
    let request = format!(
        "POST /private/ws/EPKIManagerDevice HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let outcome = send_tls_raw(
        &connector,
        simulator.local_addr().port(),
        request.as_bytes(),
    )
    .await;
    match outcome {
        Err(_) => {}
        Ok(received) => assert!(
            !received.contains("<statusCode>0</statusCode>"),
            "untrusted certificate was accepted:\n{received}"
        ),
    }
    simulator.shutdown().await;
}

#[tokio::test]
async fn server_certificate_from_pem_files() {
    let key = rcgen::KeyPair::generate().expect("key");
    let params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()]).expect("params");
    let certificate = params.self_signed(&key).expect("self-signed");

    let simulator = Simulator::builder()
        .tls(TlsOptions {
            server_certificate: ServerCertificate::Pem {
                certificate_chain: certificate.pem(),
                private_key: key.serialize_pem(),
            },
            client_certificates: ClientCertificates::Disabled,
        })
        .start()
        .await
        .expect("simulator starts");
    let connector = tls_client(&certificate.pem(), None);
    let reply = send_tls(
        &connector,
        "POST",
        &simulator.url(),
        &envelope("getWebServiceInfo", ""),
    )
    .await
    .expect("HTTPS");
    assert_eq!(reply.status, 200);
    assert!(simulator.issue_client_certificate("admin").is_none());
    simulator.shutdown().await;
}

#[tokio::test]
async fn invalid_pem_fails_start() {
    let outcome = Simulator::builder()
        .tls(TlsOptions {
            server_certificate: ServerCertificate::Pem {
                certificate_chain: "not a certificate".to_string(),
                private_key: "not a key".to_string(),
            },
            client_certificates: ClientCertificates::Disabled,
        })
        .start()
        .await;
    let error = outcome.expect_err("invalid PEM is rejected");
    assert!(error.to_string().contains("server certificate"), "{error}");
}
