//! Benchmarks of the client on loopback: the overhead of a typed call against a raw reqwest
//! POST of a prebuilt body to the same server, encoding an enroll request, and decoding a
//! collect response that carries a three-certificate PEM chain.
//!
//! Run with `cargo bench -p ccm-device --bench client`.

use std::sync::Arc;

use ccm_device::generated::{self as wire, epki_manager_device_port_binding as op};
use ccm_device::{Client, Credentials, Endpoint, OrderNumber};
use criterion::{criterion_group, criterion_main, Criterion};
use soap_runtime::NoHeaders;

#[path = "../tests/common/pki.rs"]
#[allow(dead_code)]
mod pki;
#[path = "../tests/common/server.rs"]
#[allow(dead_code)]
mod server;

const REVOKE_RESPONSE: &str = r#"<?xml version='1.0' encoding='UTF-8'?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:revokeResponse xmlns:ns2="http://device.ws.epki.comodo.com/"><return>0</return></ns2:revokeResponse></S:Body></S:Envelope>"#;

fn auth() -> wire::AuthData {
    wire::AuthData {
        customer_login_uri: Some("ExampleCustomer".into()),
        login: Some("example-admin".into()),
        password: Some("example-password".into()),
    }
}

fn call_overhead(c: &mut Criterion) {
    // One thread drives both the server and the client, so no call pays for a cross-thread wakeup.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let responder: server::Responder = Arc::new(|_: &server::Recorded| {
        server::Reply::new(200, "text/xml; charset=utf-8", REVOKE_RESPONSE)
    });
    let server = runtime.block_on(server::start(responder));

    let credentials =
        Credentials::password("ExampleCustomer", "example-admin", "example-password").unwrap();
    let client = Client::builder(credentials)
        .endpoint(Endpoint::BaseUrl(server.base_url.clone()))
        .allow_http(true)
        .build()
        .unwrap();
    let order = OrderNumber::new(581391).unwrap();

    // The same timeouts as the typed client, so the comparison measures the SOAP layer only.
    let raw = reqwest::Client::builder()
        .no_proxy()
        .connect_timeout(soap_runtime::client::DEFAULT_CONNECT_TIMEOUT)
        .timeout(soap_runtime::client::DEFAULT_TIMEOUT)
        .build()
        .unwrap();
    let url = client.endpoint_url().to_owned();
    let request = wire::Revoke {
        auth_data: auth(),
        order_number: order.get(),
        reason: "benchmark".into(),
    };
    let prebuilt = soap_runtime::encode_request::<op::Revoke>(&request, &NoHeaders).unwrap();

    let mut group = c.benchmark_group("loopback_call");
    group.bench_function("ccm_device_revoke", |b| {
        b.iter(|| runtime.block_on(client.revoke(order, "benchmark")).unwrap())
    });
    group.bench_function("raw_reqwest_post", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let response = raw
                    .post(&url)
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .header("SOAPAction", "\"\"")
                    .body(prebuilt.clone())
                    .send()
                    .await
                    .unwrap();
                response.bytes().await.unwrap()
            })
        })
    });
    group.finish();

    server.log.lock().unwrap().clear();
}

fn encode_enroll(c: &mut Criterion) {
    let csr = pki::generate().csr_pem;
    let request = wire::Enroll {
        auth_data: auth(),
        common_name: "device-01.example.com".into(),
        org_id: 1234,
        term: 1,
        csr,
        cert_type_id: Some(12),
        optional_fields: Some(wire::DeviceCertEnrollOptionalFieldsDto {
            subject_alt_names: Some("device-01.example.com,192.0.2.7".into()),
            custom_fields: vec![wire::CustomFieldValue {
                name: "Asset tag".into(),
                value: "A-1".into(),
            }],
            comments: Some("rack 4".into()),
        }),
    };
    c.bench_function("encode_enroll_request", |b| {
        b.iter(|| soap_runtime::encode_request::<op::Enroll>(&request, &NoHeaders).unwrap())
    });
}

fn decode_collect(c: &mut Criterion) {
    let chain = pki::generate().chain_pem();
    let body = format!(
        r#"<?xml version='1.0' encoding='UTF-8'?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:collectResponse xmlns:ns2="http://device.ws.epki.comodo.com/"><return><statusCode>1</statusCode><certificate>{chain}</certificate></return></ns2:collectResponse></S:Body></S:Envelope>"#
    );
    c.bench_function("decode_collect_three_certificates", |b| {
        b.iter(|| soap_runtime::decode_response::<op::Collect>(body.as_bytes()).unwrap())
    });
}

criterion_group!(benches, call_overhead, encode_enroll, decode_collect);
criterion_main!(benches);
