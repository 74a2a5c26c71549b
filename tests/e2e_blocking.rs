//! The blocking `ccm-device` client against the simulator, which runs on a runtime of its own
//! while the test thread makes blocking calls.

mod e2e_support;

use std::time::Duration;

use ccm_device::{CollectFormat, Collected, EnrollOptions, Error, Status, WaitOptions};
use ccm_device_sim::RunningSimulator;
use e2e_support::*;
use tokio::runtime::Runtime;

/// Starts a multi-thread runtime and a plain-HTTP simulator on it.
fn start_on_runtime(pending_polls: u32) -> (Runtime, RunningSimulator) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let simulator = runtime.block_on(start(pending_polls));
    (runtime, simulator)
}

fn blocking_client(simulator: &RunningSimulator, password: &str) -> ccm_device::blocking::Client {
    let accepted = simulator.credentials();
    let credentials =
        ccm_device::Credentials::password(&accepted.customer_uri, &accepted.login, password)
            .expect("credentials");
    builder(credentials, base_url(simulator))
        .build_blocking()
        .expect("blocking client")
}

#[test]
fn blocking_client_lifecycle() {
    let (runtime, simulator) = start_on_runtime(1);
    let client = blocking_client(&simulator, &simulator.credentials().password);

    let info = client.web_service_info().expect("info");
    assert_eq!(info, ccm_device_sim::WEB_SERVICE_INFO);
    assert_eq!(
        client.cert_type_ids().expect("type ids"),
        [2001, 2002, 2003]
    );
    assert_eq!(client.cert_type(2003).expect("type").terms, [1]);
    assert_eq!(client.custom_fields("lab").expect("fields").len(), 1);

    let csr = csr("blocking.example");
    let order = client
        .enroll(
            "blocking.example",
            ORG,
            1,
            &csr.pem,
            &EnrollOptions::default(),
        )
        .expect("enroll");
    let first = client
        .collect(order, CollectFormat::PemCertificate)
        .expect("collect");
    assert_eq!(first, Collected::Pending);
    let Collected::Issued(certificate) = client
        .collect(order, CollectFormat::PemCertificate)
        .expect("collect")
    else {
        panic!("order {order} still pending after one poll");
    };
    let leaf = parse(certificate.certificates_der().next().expect("certificate"));
    assert_eq!(leaf.public_key().raw, csr.public_key_der.as_slice());

    let serial = certificate.serial_number().expect("serial number");
    client
        .revoke_by_serial_number(&serial, "blocking test")
        .expect("revoke by serial number");
    let after = client.collect(order, CollectFormat::PemCertificate);
    assert_eq!(status_of(after, "collect"), Status::CertificateRevoked);

    runtime.block_on(simulator.shutdown());
}

#[test]
fn blocking_enroll_and_wait() {
    let (runtime, simulator) = start_on_runtime(2);
    let client = blocking_client(&simulator, &simulator.credentials().password);
    let csr = csr("waited-blocking.example");
    let wait = WaitOptions {
        first_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(50),
        deadline: Duration::from_secs(20),
        ..WaitOptions::default()
    };

    let (order, certificate) = client
        .enroll_and_wait(
            "waited-blocking.example",
            ORG,
            1,
            &csr.pem,
            &EnrollOptions::default(),
            &wait,
        )
        .expect("enroll and wait");
    assert_eq!(certificate.certificates_der().count(), 3, "PEM bundle");
    client.revoke(order, "done").expect("revoke");
    let again = client.revoke(order, "again");
    assert_eq!(status_of(again, "revoke"), Status::CertificateRevoked);

    runtime.block_on(simulator.shutdown());
}

#[test]
fn blocking_wrong_password_is_status_100() {
    let (runtime, simulator) = start_on_runtime(0);
    let client = blocking_client(&simulator, "wrong-password");

    let error = client.cert_type_ids().expect_err("rejected");
    assert_eq!(error.status(), Some(Status::InvalidAuthData));
    assert!(
        error.to_string().contains("-100 (Invalid auth data)"),
        "{error}"
    );

    runtime.block_on(simulator.shutdown());
}

#[tokio::test]
async fn blocking_call_inside_runtime_fails() {
    let simulator = start(0).await;
    let client = blocking_client(&simulator, &simulator.credentials().password);

    let result = client.web_service_info();
    assert!(matches!(result, Err(Error::Config { .. })), "{result:?}");

    // The client owns a runtime; dropping it here, inside another runtime, must not panic.
    drop(client);
    simulator.shutdown().await;
}
