//! Decoding real responses of the sibling SSL service, faults and hostile bodies.

mod common;

use common::ssl_service::*;
use soap_runtime::{decode_response, Error, FaultCode, OwnedQName};

#[test]
fn enroll_response_order_number() {
    let output = decode_response::<EnrollOp>(&data("enroll.ok.response.xml")).unwrap();
    assert_eq!(output.r#return, 581391);
}

#[test]
fn revoke_responses_in_band_status() {
    let ok = decode_response::<RevokeOp>(&data("revoke.ok.response.xml")).unwrap();
    assert_eq!(ok.r#return, 0);

    let bad_auth = decode_response::<RevokeOp>(&data("revoke.bad-auth.response.xml")).unwrap();
    assert_eq!(bad_auth.r#return, -100);
}

#[test]
fn collect_response_pem_chain() {
    let output = decode_response::<CollectOp>(&data("collect.ok.response.xml")).unwrap();
    let result = output.r#return.expect("return element");
    assert_eq!(result.status_code, 2);

    let ssl = result.ssl.expect("SSL element");
    let pem = ssl.certificate.expect("certificate element");
    assert_eq!(pem.matches("-----BEGIN CERTIFICATE-----").count(), 4);
    assert!(pem.contains("\nMIIENjCCAx6gAwIBAgIBATANBgkqhkiG9w0BAQUFADBvMQswCQYDVQQGEwJTRTEU\n"));
    assert_eq!(ssl.renew_id.as_deref(), Some("ExampleRenewId000001"));
}

#[test]
fn collect_bad_auth_status() {
    let output = decode_response::<CollectOp>(&data("collect.bad-auth.response.xml")).unwrap();
    let result = output.r#return.expect("return element");
    assert_eq!(result.status_code, -100);
    assert_eq!(result.ssl, None);
}

#[test]
fn cert_types_repeated_elements() {
    let output =
        decode_response::<CertTypesOp>(&data("getCustomerCertTypes.ok.response.xml")).unwrap();
    let result = output.r#return.expect("return element");
    assert_eq!(result.status_code, 0);

    let ids: Vec<i32> = result.types.iter().map(|t| t.id).collect();
    assert_eq!(ids, [75, 74, 69, 68]);
    assert_eq!(
        result.types[3].name.as_deref(),
        Some("PlatinumSSL Certificate")
    );
    assert_eq!(result.types[0].terms, [1, 2, 3]);

    let bad = decode_response::<CertTypesOp>(&data("getCustomerCertTypes.bad-auth.response.xml"))
        .unwrap();
    assert_eq!(bad.r#return.map(|r| r.status_code), Some(-100));
}

#[test]
fn other_prefixes_and_whitespace() {
    let body = br#"<?xml version="1.0"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:x="http://ssl.ws.epki.comodo.com/">
  <!-- a comment -->
  <soap:Header/>
  <soap:Body>
    <x:revokeResponse>
      <return> -16 </return>
    </x:revokeResponse>
  </soap:Body>
</soap:Envelope>"#;
    let output = decode_response::<RevokeOp>(body).unwrap();
    assert_eq!(output.r#return, -16);
}

#[test]
fn default_namespace_body_element() {
    let body = br#"<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><revokeResponse xmlns="http://ssl.ws.epki.comodo.com/"><return xmlns="">3</return></revokeResponse></Body></Envelope>"#;
    let output = decode_response::<RevokeOp>(body).unwrap();
    assert_eq!(output.r#return, 3);
}

#[test]
fn soap12_envelope_decodes() {
    let body = br#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><ns2:revokeResponse xmlns:ns2="http://ssl.ws.epki.comodo.com/"><return>0</return></ns2:revokeResponse></env:Body></env:Envelope>"#;
    let output = decode_response::<Revoke12Op>(body).unwrap();
    assert_eq!(output.r#return, 0);
}

#[test]
fn wrong_body_element_reported() {
    let error = decode_response::<RevokeOp>(&data("enroll.ok.response.xml")).unwrap_err();
    match &error {
        Error::UnexpectedElement {
            operation,
            expected,
            found,
        } => {
            assert_eq!(*operation, "revoke");
            assert_eq!(expected.local, "revokeResponse");
            assert_eq!(found.as_ref(), Some(&OwnedQName::new(NS, "enrollResponse")));
        }
        other => panic!("expected UnexpectedElement, got {other}"),
    }
    let message = error.to_string();
    assert!(message.contains("enrollResponse"), "{message}");
    assert!(message.contains("revokeResponse"), "{message}");
}

#[test]
fn wrong_namespace_reported() {
    let body = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:revokeResponse xmlns:ns2="urn:other"><return>0</return></ns2:revokeResponse></S:Body></S:Envelope>"#;
    let error = decode_response::<RevokeOp>(body).unwrap_err();
    assert!(
        matches!(error, Error::UnexpectedElement { found: Some(ref f), .. } if f.namespace == "urn:other")
    );
}

#[test]
fn second_body_element_rejected() {
    let body = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:revokeResponse xmlns:ns2="http://ssl.ws.epki.comodo.com/"><return>0</return></ns2:revokeResponse><ns2:revokeResponse xmlns:ns2="http://ssl.ws.epki.comodo.com/"><return>-2</return></ns2:revokeResponse></S:Body></S:Envelope>"#;

    let error = decode_response::<RevokeOp>(body).unwrap_err();

    match &error {
        Error::Decode {
            element, message, ..
        } => {
            assert_eq!(element, "Body");
            assert!(message.contains("second element"), "{message}");
            assert!(message.contains("revokeResponse"), "{message}");
        }
        other => panic!("expected Decode, got {other}"),
    }
}

#[test]
fn element_after_body_allowed() {
    let body = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:revokeResponse xmlns:ns2="http://ssl.ws.epki.comodo.com/"><return>0</return></ns2:revokeResponse></S:Body><x:trailer xmlns:x="urn:x"/></S:Envelope>"#;

    let output = decode_response::<RevokeOp>(body).unwrap();

    assert_eq!(output.r#return, 0);
}

#[test]
fn empty_body_reported() {
    let body = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body/></S:Envelope>"#;
    let error = decode_response::<RevokeOp>(body).unwrap_err();
    assert!(
        matches!(error, Error::UnexpectedElement { found: None, .. }),
        "{error}"
    );
}

#[test]
fn soap11_fault_with_typed_detail() {
    let body = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Client</faultcode><faultstring>Quota exceeded &amp; more</faultstring><faultactor>urn:gateway</faultactor><detail><ns2:quotaExceeded xmlns:ns2="http://ssl.ws.epki.comodo.com/"><limit>5</limit></ns2:quotaExceeded></detail></S:Fault></S:Body></S:Envelope>"#;
    let error = decode_response::<RevokeOp>(body).unwrap_err();
    let fault = error.fault().expect("a fault");

    assert_eq!(fault.code, FaultCode::Client);
    assert_eq!(fault.reason, "Quota exceeded & more");
    assert_eq!(fault.actor.as_deref(), Some("urn:gateway"));
    assert_eq!(
        fault.typed_detail,
        Some(RevokeFault::QuotaExceeded(QuotaExceeded { limit: 5 }))
    );
    let detail = fault.detail.as_deref().expect("raw detail");
    assert!(detail.contains("quotaExceeded"), "{detail}");
    assert!(detail.contains("<limit>5</limit>"), "{detail}");
    assert!(error.to_string().contains("Quota exceeded & more"));
}

#[test]
fn soap11_fault_untyped_detail_kept() {
    let body = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode xmlns:app="urn:app">app:Busy</faultcode><faultstring>try later</faultstring><detail><trace>at X</trace></detail></S:Fault></S:Body></S:Envelope>"#;
    let error = decode_response::<RevokeOp>(body).unwrap_err();
    let fault = error.fault().expect("a fault");

    assert_eq!(
        fault.code,
        FaultCode::Other(OwnedQName::new("urn:app", "Busy"))
    );
    assert_eq!(fault.typed_detail, None);
    // The detail is a standalone fragment, so it declares the namespaces in scope.
    let detail = fault.detail.as_deref().expect("raw detail");
    assert!(detail.starts_with("<trace"), "{detail}");
    assert!(detail.ends_with(">at X</trace>"), "{detail}");
}

#[test]
fn soap11_server_fault_in_success_decoder() {
    let body = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>java.lang.NullPointerException</faultstring></S:Fault></S:Body></S:Envelope>"#;
    let error = decode_response::<CollectOp>(body).unwrap_err();
    let fault = error.fault().expect("a fault");
    assert_eq!(fault.code, FaultCode::Server);
    assert_eq!(fault.reason, "java.lang.NullPointerException");
    assert_eq!(fault.detail, None);
}

#[test]
fn huge_fault_reason_shortened_in_message() {
    let reason = "x".repeat(1 << 20);
    let body = format!(
        r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>{reason}</faultstring></S:Fault></S:Body></S:Envelope>"#
    );

    let error = decode_response::<CollectOp>(body.as_bytes()).unwrap_err();

    assert_eq!(error.fault().expect("a fault").reason.len(), reason.len());
    let message = error.to_string();
    assert!(message.len() < 400, "{} characters", message.len());
    assert!(message.ends_with('…'), "{message}");
}

#[test]
fn fault_without_code_or_reason_says_so() {
    let body = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode></faultcode><faultstring/></S:Fault></S:Body></S:Envelope>"#;

    let message = decode_response::<CollectOp>(body).unwrap_err().to_string();

    assert_eq!(message, "SOAP fault without a fault code, no reason given");
}

#[test]
fn soap12_fault_with_subcodes() {
    let body = br#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:app="urn:app"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>app:BadOrder</env:Value><env:Subcode><env:Value>app:Missing</env:Value></env:Subcode></env:Subcode></env:Code><env:Reason><env:Text xml:lang="en">order not found</env:Text><env:Text xml:lang="de">nicht gefunden</env:Text></env:Reason><env:Role>urn:role</env:Role><env:Detail><ns2:quotaExceeded xmlns:ns2="http://ssl.ws.epki.comodo.com/"><limit>9</limit></ns2:quotaExceeded></env:Detail></env:Fault></env:Body></env:Envelope>"#;
    let error = decode_response::<Revoke12Op>(body).unwrap_err();
    let fault = error.fault().expect("a fault");

    assert_eq!(fault.code, FaultCode::Client);
    assert_eq!(
        fault.subcodes,
        [
            OwnedQName::new("urn:app", "BadOrder"),
            OwnedQName::new("urn:app", "Missing")
        ]
    );
    assert_eq!(fault.reason, "order not found");
    assert_eq!(fault.actor.as_deref(), Some("urn:role"));
    assert_eq!(
        fault.typed_detail,
        Some(RevokeFault::QuotaExceeded(QuotaExceeded { limit: 9 }))
    );
}

#[test]
fn soap12_standard_codes() {
    for (value, code) in [
        ("env:Receiver", FaultCode::Server),
        ("env:VersionMismatch", FaultCode::VersionMismatch),
        ("env:MustUnderstand", FaultCode::MustUnderstand),
        ("env:DataEncodingUnknown", FaultCode::DataEncodingUnknown),
    ] {
        let body = format!(
            r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>{value}</env:Value></env:Code><env:Reason><env:Text xml:lang="en">x</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>"#
        );
        let error = decode_response::<Revoke12Op>(body.as_bytes()).unwrap_err();
        assert_eq!(error.fault().map(|f| f.code.clone()), Some(code), "{value}");
    }
}

#[test]
fn plain_text_is_not_soap() {
    let error = decode_response::<RevokeOp>(b"Service Unavailable").unwrap_err();
    match error {
        Error::NotSoap { excerpt, .. } => assert_eq!(excerpt, "Service Unavailable"),
        other => panic!("expected NotSoap, got {other}"),
    }
}

#[test]
fn html_page_is_not_soap() {
    let page = b"<!DOCTYPE html>\n<html><head><title>Maintenance</title></head><body><p>We are down for maintenance.</body></html>";
    let error = decode_response::<RevokeOp>(page).unwrap_err();
    match error {
        Error::NotSoap { excerpt, .. } => assert!(excerpt.contains("Maintenance"), "{excerpt}"),
        other => panic!("expected NotSoap, got {other}"),
    }

    let no_doctype = b"<html><body>Bad Gateway</body></html>";
    let error = decode_response::<RevokeOp>(no_doctype).unwrap_err();
    assert!(matches!(error, Error::NotSoap { .. }), "{error}");
}

#[test]
fn empty_response_is_not_soap() {
    let error = decode_response::<RevokeOp>(b"").unwrap_err();
    assert!(matches!(error, Error::NotSoap { .. }), "{error}");
    let error = decode_response::<RevokeOp>(b"   \r\n").unwrap_err();
    assert!(matches!(error, Error::NotSoap { .. }), "{error}");
}

#[test]
fn excerpt_is_short() {
    let page = "x".repeat(10_000);
    let error = decode_response::<RevokeOp>(page.as_bytes()).unwrap_err();
    let Error::NotSoap { excerpt, .. } = error else {
        panic!("expected NotSoap");
    };
    assert_eq!(excerpt.chars().count(), 201);
    assert!(excerpt.ends_with('…'));
}

#[test]
fn truncated_response_every_length() {
    let full = data("collect.ok.response.xml");
    // Every cut point of the real response must fail cleanly (no panic, no hang).
    for cut in (1..full.len()).step_by(7) {
        let result = decode_response::<CollectOp>(&full[..cut]);
        assert!(result.is_err(), "cut at {cut} decoded");
    }
}

#[test]
fn truncated_tail_after_body_reported() {
    let full = data("revoke.ok.response.xml");
    let text = String::from_utf8(full).unwrap();
    let cut = text.find("</S:Body>").unwrap();
    let error = decode_response::<RevokeOp>(&text.as_bytes()[..cut]).unwrap_err();
    match error {
        Error::Decode { element, .. } => assert_eq!(element, "Envelope"),
        other => panic!("expected Decode, got {other}"),
    }
}

#[test]
fn wrong_value_type_names_field() {
    let body = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:revokeResponse xmlns:ns2="http://ssl.ws.epki.comodo.com/"><return>not-a-number</return></ns2:revokeResponse></S:Body></S:Envelope>"#;
    let error = decode_response::<RevokeOp>(body).unwrap_err();
    match &error {
        Error::Decode {
            operation,
            element,
            message,
            excerpt,
        } => {
            assert_eq!(*operation, "revoke");
            assert_eq!(element, "revokeResponse");
            assert!(message.contains("return"), "{message}");
            assert!(excerpt.starts_with("<S:Body>"), "{excerpt}");
        }
        other => panic!("expected Decode, got {other}"),
    }
}

#[test]
fn missing_required_field_reported() {
    let body = br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:revokeResponse xmlns:ns2="http://ssl.ws.epki.comodo.com/"></ns2:revokeResponse></S:Body></S:Envelope>"#;
    let error = decode_response::<RevokeOp>(body).unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error}");
}

#[test]
fn entity_expansion_rejected() {
    let bomb = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:revokeResponse xmlns:ns2="http://ssl.ws.epki.comodo.com/"><return>&lol3;</return></ns2:revokeResponse></S:Body></S:Envelope>"#;
    let error = decode_response::<RevokeOp>(bomb).unwrap_err();
    assert!(matches!(error, Error::NotSoap { .. }), "{error}");
}

fn nested(depth: usize, inner: &str) -> String {
    let mut xml = "<a>".repeat(depth);
    xml.push_str(inner);
    xml.push_str(&"</a>".repeat(depth));
    xml
}

#[test]
fn deep_nesting_rejected_fast() {
    let body = format!(
        r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:revokeResponse xmlns:ns2="http://ssl.ws.epki.comodo.com/"><return>4</return>{}</ns2:revokeResponse></S:Body></S:Envelope>"#,
        nested(1_000_000, "")
    );
    let error = decode_response::<RevokeOp>(body.as_bytes()).unwrap_err();
    match error {
        Error::Decode { message, .. } => assert!(message.contains("deeper"), "{message}"),
        other => panic!("expected Decode, got {other}"),
    }
}

/// Builds a revoke response whose Envelope declares `declarations` namespaces and whose
/// wrapper contains `elements` extra empty elements, each declaring a namespace when `per_element`.
fn namespace_heavy(declarations: usize, elements: usize, per_element: bool) -> String {
    let envelope_declarations: String = (0..declarations)
        .map(|index| format!(r#" xmlns:n{index}="urn:n{index}""#))
        .collect();
    let element = if per_element {
        r#"<ns2:x xmlns:ns2="http://ssl.ws.epki.comodo.com/"/>"#
    } else {
        "<a/>"
    };
    format!(
        r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"{envelope_declarations}><S:Body><ns2:revokeResponse xmlns:ns2="http://ssl.ws.epki.comodo.com/"><return>4</return>{}</ns2:revokeResponse></S:Body></S:Envelope>"#,
        element.repeat(elements)
    )
}

#[test]
fn namespace_flood_rejected_fast() {
    let body = namespace_heavy(1_000, 5_000, false);

    let error = decode_response::<RevokeOp>(body.as_bytes()).unwrap_err();

    match error {
        Error::Decode { message, .. } => {
            assert!(message.contains("too many namespaces"), "{message}")
        }
        other => panic!("expected Decode, got {other}"),
    }
}

#[test]
fn namespace_per_element_accepted() {
    // Some stacks declare the namespace again on every element; that is cheap and must pass.
    let body = namespace_heavy(10, 20_000, true);

    let output = decode_response::<RevokeOp>(body.as_bytes()).unwrap();

    assert_eq!(output.r#return, 4);
}

#[test]
fn nesting_scan_skips_markup() {
    // CDATA, comments and quoted '>' must not be counted as tags.
    let inner = r#"<![CDATA[</a></a></a>]]><!-- </a> --><b attr="x/>y"/><c x='>'></c>"#;
    let body = format!(
        r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:revokeResponse xmlns:ns2="http://ssl.ws.epki.comodo.com/"><return>4</return><junk>{}</junk></ns2:revokeResponse></S:Body></S:Envelope>"#,
        nested(200, inner)
    );
    let output = decode_response::<RevokeOp>(body.as_bytes()).unwrap();
    assert_eq!(output.r#return, 4);
}

#[test]
fn nested_fault_detail_capped() {
    let body = format!(
        r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Server</faultcode><detail>{}</detail></S:Fault></S:Body></S:Envelope>"#,
        nested(200, "")
    );
    let error = decode_response::<RevokeOp>(body.as_bytes()).unwrap_err();
    match error {
        Error::Decode {
            element, message, ..
        } => {
            assert_eq!(element, "Fault");
            assert!(message.contains("deeper"), "{message}");
        }
        other => panic!("expected Decode, got {other}"),
    }
}

#[test]
fn unknown_envelope_version_reported() {
    let body = br#"<S:Envelope xmlns:S="urn:not-soap"><S:Body/></S:Envelope>"#;
    let error = decode_response::<RevokeOp>(body).unwrap_err();
    match error {
        Error::Decode { message, .. } => assert!(message.contains("urn:not-soap"), "{message}"),
        other => panic!("expected Decode, got {other}"),
    }
}

#[test]
fn second_root_element_rejected() {
    let mut body = data("revoke.ok.response.xml");
    body.extend_from_slice(b"<extra/>");
    let error = decode_response::<RevokeOp>(&body).unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error}");
}

#[test]
fn invalid_utf8_rejected() {
    let mut body = data("revoke.ok.response.xml");
    let at = body.len() - 40;
    body[at] = 0xff;
    assert!(decode_response::<RevokeOp>(&body).is_err());
}
