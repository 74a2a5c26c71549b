//! The blocking client against the fake service.

#![cfg(feature = "blocking")]

mod common;

use ccm_device::{Client, CollectFormat, Collected, Endpoint, EnrollOptions, Error, OrderNumber};

/// Starts the fake service on a runtime of its own and returns a blocking client for it.
fn setup() -> (
    tokio::runtime::Runtime,
    common::Fixture,
    ccm_device::blocking::Client,
) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let fixture = runtime.block_on(common::fixture());
    let client = Client::builder(common::credentials(common::service::PASSWORD))
        .endpoint(Endpoint::BaseUrl(fixture.server.base_url.clone()))
        .allow_http(true)
        .build_blocking()
        .unwrap();
    (runtime, fixture, client)
}

#[test]
fn blocking_enroll_collect_revoke() {
    let (_runtime, fixture, client) = setup();

    let order = client
        .enroll(
            "device-01.example.com",
            1,
            1,
            &fixture.pki.csr_pem,
            &EnrollOptions::default(),
        )
        .unwrap();
    assert_eq!(order.get(), common::service::ORDER);

    let collected = client.collect(order, CollectFormat::PemBundle).unwrap();
    assert!(matches!(collected, Collected::Issued(_)));

    client.revoke(order, "done").unwrap();
    assert_eq!(client.cert_type_ids().unwrap(), [11, 12, 13]);
    assert_eq!(
        client.web_service_info().unwrap(),
        "EPKIManagerDevice test 1.0"
    );
    assert_eq!(fixture.server.requests().len(), 5);
}

#[test]
fn blocking_status_error() {
    let (_runtime, _fixture, client) = setup();
    let error = client
        .collect(OrderNumber::new(3).unwrap(), CollectFormat::PemBundle)
        .unwrap_err();
    assert_eq!(
        error.status(),
        Some(ccm_device::Status::OrderNumberNotFound)
    );
}

#[test]
fn blocking_inside_runtime_rejected() {
    let (runtime, _fixture, client) = setup();
    let error = runtime
        .block_on(async { client.web_service_info() })
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error}");
    assert!(
        error.to_string().contains("inside an async runtime"),
        "{error}"
    );
}
