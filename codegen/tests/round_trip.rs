//! Round trips against real traffic: the structs generated for the `EPKIManagerSSL` fixture
//! (the golden file, kept current by the golden test) decode every recorded request and
//! response in `tests/data/ssl-wire/`, and requests serialize back to the recorded shape.

#[allow(dead_code)]
mod ssl {
    include!("golden/epki_manager_ssl.rs");
}

use std::path::PathBuf;

use yaserde::__xml::reader::{EventReader, ParserConfig, XmlEvent};

fn capture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/ssl-wire")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("failed to read {}: {error}", path.display()))
}

/// The first element inside the envelope's `Body`, as text.
fn body_element(envelope: &str) -> String {
    let body_start = envelope.find("Body>").expect("the capture has a Body") + "Body>".len();
    let body_end = envelope.rfind("</").expect("the capture has an end tag");
    let inner = &envelope[body_start..body_end];
    let end = inner.rfind("</").map_or(inner.len(), |index| {
        index + inner[index..].find('>').map_or(0, |close| close + 1)
    });
    inner[..end].to_owned()
}

/// Elements as (namespace, local name, text, children), for a comparison that ignores
/// prefixes and the XML declaration.
#[derive(Debug, PartialEq)]
struct Node {
    namespace: String,
    local: String,
    text: String,
    children: Vec<Node>,
}

fn tree(xml: &str) -> Node {
    let config = ParserConfig::new().trim_whitespace(true);
    let mut stack: Vec<Node> = Vec::new();

    for event in EventReader::new_with_config(xml.as_bytes(), config) {
        match event.expect("well-formed XML") {
            XmlEvent::StartElement { name, .. } => stack.push(Node {
                namespace: name.namespace.unwrap_or_default(),
                local: name.local_name,
                text: String::new(),
                children: Vec::new(),
            }),
            XmlEvent::Characters(text) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&text);
                }
            }
            XmlEvent::EndElement { .. } => {
                let node = stack.pop().expect("balanced elements");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return node,
                }
            }
            _ => {}
        }
    }
    panic!("no root element in {xml}");
}

/// Decodes a request body into `T` and serializes it again: the result must have the same
/// elements, namespaces, order and text as the recorded request.
fn assert_request_round_trip<T: yaserde::YaDeserialize + yaserde::YaSerialize>(name: &str) {
    let recorded = body_element(&capture(name));
    let value: T =
        yaserde::de::from_str(&recorded).unwrap_or_else(|error| panic!("{name}: {error}"));
    let written = yaserde::ser::to_string(&value).unwrap_or_else(|error| panic!("{name}: {error}"));

    assert_eq!(tree(&written), tree(&recorded), "{name}: {written}");
}

fn decode<T: yaserde::YaDeserialize>(name: &str) -> T {
    let body = body_element(&capture(name));
    yaserde::de::from_str(&body).unwrap_or_else(|error| panic!("{name}: {error}"))
}

#[test]
fn enroll_request_round_trip() {
    assert_request_round_trip::<ssl::Enroll>("enroll.ok.request.xml");
}

#[test]
fn collect_requests_round_trip() {
    assert_request_round_trip::<ssl::Collect>("collect.ok.request.xml");
    assert_request_round_trip::<ssl::Collect>("collect.bad-auth.request.xml");
}

#[test]
fn revoke_requests_round_trip() {
    assert_request_round_trip::<ssl::Revoke>("revoke.ok.request.xml");
    assert_request_round_trip::<ssl::Revoke>("revoke.bad-auth.request.xml");
}

#[test]
fn cert_types_requests_round_trip() {
    assert_request_round_trip::<ssl::GetCustomerCertTypes>("getCustomerCertTypes.ok.request.xml");
    assert_request_round_trip::<ssl::GetCustomerCertTypes>(
        "getCustomerCertTypes.bad-auth.request.xml",
    );
}

#[test]
fn enroll_request_fields() {
    let request: ssl::Enroll = decode("enroll.ok.request.xml");

    assert_eq!(request.org_id, 1234);
    assert_eq!(request.auth_data.login.as_deref(), Some("example-admin"));
    assert_eq!(request.comments.as_deref(), Some(""));
    let cert_type = request.cert_type.expect("certType is present");
    assert_eq!(cert_type.terms, vec![1, 2, 3]);
}

#[test]
fn enroll_response_decodes() {
    let response: ssl::EnrollResponse = decode("enroll.ok.response.xml");

    assert_eq!(response.r#return, 581391);
}

#[test]
fn revoke_responses_decode() {
    let ok: ssl::RevokeResponse = decode("revoke.ok.response.xml");
    let bad: ssl::RevokeResponse = decode("revoke.bad-auth.response.xml");

    assert_eq!(ok.r#return, 0);
    assert_eq!(bad.r#return, -100);
}

#[test]
fn collect_responses_decode() {
    let ok: ssl::CollectResponse = decode("collect.ok.response.xml");
    let bad: ssl::CollectResponse = decode("collect.bad-auth.response.xml");

    let result = ok.r#return.expect("return is present");
    assert_eq!(result.status_code, 2);
    let certificate = result
        .ssl
        .and_then(|ssl| ssl.certificate)
        .expect("certificate is present");
    assert!(
        certificate.starts_with("-----BEGIN CERTIFICATE-----\n"),
        "{certificate}"
    );
    assert!(
        certificate.contains("-----END CERTIFICATE-----"),
        "{certificate}"
    );
    assert_eq!(bad.r#return.expect("return is present").status_code, -100);
}

#[test]
fn cert_types_responses_decode() {
    let ok: ssl::GetCustomerCertTypesResponse = decode("getCustomerCertTypes.ok.response.xml");
    let bad: ssl::GetCustomerCertTypesResponse =
        decode("getCustomerCertTypes.bad-auth.response.xml");

    let result = ok.r#return.expect("return is present");
    assert_eq!(result.status_code, 0);
    let ids: Vec<i32> = result.types.iter().map(|cert_type| cert_type.id).collect();
    assert_eq!(ids, vec![75, 74, 69, 68]);
    assert_eq!(
        result.types[3].name.as_deref(),
        Some("PlatinumSSL Certificate")
    );
    assert_eq!(bad.r#return.expect("return is present").status_code, -100);
}
