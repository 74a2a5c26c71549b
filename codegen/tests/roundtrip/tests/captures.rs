//! Decodes the recorded EPKIManagerSSL responses in `wsdl/ssl/captures/` with the generated
//! SSL types through the runtime's envelope decoding, and checks their field values.

use std::path::PathBuf;

use soap_runtime::{decode_response, Operation};
use wsdl_codegen_roundtrip::ssl::epki_manager_ssl_port_binding::{
    Collect, Enroll, GetCustomerCertTypes, Revoke,
};

fn capture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../wsdl/ssl/captures")
        .join(name);
    std::fs::read(&path)
        .unwrap_or_else(|error| panic!("failed to read {}: {error}", path.display()))
}

fn decode<O: Operation>(name: &str) -> O::Output {
    match decode_response::<O>(&capture(name)) {
        Ok(output) => output,
        Err(error) => panic!("{name} failed to decode: {error}"),
    }
}

#[test]
fn enroll_ok_returns_order_number() {
    let response = decode::<Enroll>("enroll.ok.response.xml");
    assert_eq!(response.r#return, 581391);
}

#[test]
fn revoke_ok_returns_zero() {
    let response = decode::<Revoke>("revoke.ok.response.xml");
    assert_eq!(response.r#return, 0);
}

#[test]
fn collect_ok_has_certificate() {
    let response = decode::<Collect>("collect.ok.response.xml");
    let result = response.r#return.expect("collectResponse has a return");
    assert_eq!(result.status_code, 2);

    let ssl = result.ssl.expect("the result has an SSL element");
    let certificate = ssl.certificate.expect("the SSL element has a certificate");
    assert!(
        certificate.starts_with("-----BEGIN CERTIFICATE-----\n"),
        "{certificate}"
    );
    assert!(
        certificate.ends_with("-----END CERTIFICATE-----"),
        "{certificate}"
    );
    assert_eq!(
        certificate.matches("-----BEGIN CERTIFICATE-----").count(),
        certificate.matches("-----END CERTIFICATE-----").count()
    );
    assert_eq!(ssl.renew_id.as_deref(), Some("ExampleRenewId000001"));
}

#[test]
fn cert_types_ok_lists_four() {
    let response = decode::<GetCustomerCertTypes>("getCustomerCertTypes.ok.response.xml");
    let result = response.r#return.expect("the response has a return");
    assert_eq!(result.status_code, 0);

    let ids: Vec<i32> = result.types.iter().map(|cert_type| cert_type.id).collect();
    assert_eq!(ids, [75, 74, 69, 68]);
    assert_eq!(
        result.types[0].name.as_deref(),
        Some("Comodo Intranet SSL Certificate")
    );
    for cert_type in &result.types {
        assert_eq!(cert_type.terms, [1, 2, 3], "terms of type {}", cert_type.id);
    }
}

#[test]
fn bad_auth_responses_have_status_minus_100() {
    let collect = decode::<Collect>("collect.bad-auth.response.xml");
    let collect = collect.r#return.expect("collectResponse has a return");
    assert_eq!(collect.status_code, -100);
    assert_eq!(collect.ssl, None);

    let types = decode::<GetCustomerCertTypes>("getCustomerCertTypes.bad-auth.response.xml");
    let types = types.r#return.expect("the response has a return");
    assert_eq!(types.status_code, -100);
    assert!(types.types.is_empty());
}

#[test]
fn revoke_bad_auth_returns_minus_100() {
    let response = decode::<Revoke>("revoke.bad-auth.response.xml");
    assert_eq!(response.r#return, -100);
}
