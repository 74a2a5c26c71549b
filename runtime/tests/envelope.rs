//! Request encoding, and the server helpers end to end through the client decoder.

mod common;

use common::ssl_service::*;
use soap_runtime::server::{serve, Request};
use soap_runtime::{
    decode_response, encode_request, Error, Fault, FaultCode, NoHeaders, OwnedQName, SoapVersion,
};

const REVOKE_11: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>"#,
    r#"<tns:revoke xmlns:tns="http://ssl.ws.epki.comodo.com/"><authData><login>example-admin</login>"#,
    r#"<password>example-password</password><customerLoginUri>ExampleCustomer</customerLoginUri></authData>"#,
    r#"<id>581119</id><reason>Revoked for testing</reason></tns:revoke>"#,
    r#"</soapenv:Body></soapenv:Envelope>"#
);

#[test]
fn encode_soap11_exact_bytes() {
    let xml = encode_request::<RevokeOp>(&revoke_request(), &NoHeaders).unwrap();
    assert_eq!(xml, REVOKE_11);
}

#[test]
fn encode_soap12_envelope() {
    let xml = encode_request::<Revoke12Op>(&revoke_request(), &NoHeaders).unwrap();
    assert!(xml.starts_with(
        r#"<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope"><soapenv:Body><tns:revoke"#
    ));
    assert!(xml.ends_with("</tns:revoke></soapenv:Body></soapenv:Envelope>"));
}

#[test]
fn encode_escapes_text() {
    let mut request = revoke_request();
    request.reason = "key <compromise> & \"more\"".into();
    let xml = encode_request::<RevokeOp>(&request, &NoHeaders).unwrap();
    assert!(
        xml.contains("<reason>key &lt;compromise&gt; &amp; \"more\"</reason>"),
        "{xml}"
    );

    let parsed = Request::parse(xml.as_bytes()).unwrap();
    assert_eq!(parsed.body_name(), "revoke");
}

#[test]
fn request_parse_finds_body() {
    let request = Request::parse(REVOKE_11.as_bytes()).unwrap();
    assert_eq!(request.version(), SoapVersion::Soap11);
    assert_eq!(request.body_namespace(), NS);
    assert_eq!(request.body_name(), "revoke");
    assert!(request.header_blocks().is_empty());
}

#[test]
fn request_parse_keeps_headers() {
    let xml = r#"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope" xmlns:h="urn:h"><e:Header><h:session e:mustUnderstand="true">abc</h:session><h:trace>1</h:trace></e:Header><e:Body><x:ping xmlns:x="urn:x"/></e:Body></e:Envelope>"#;
    let request = Request::parse(xml.as_bytes()).unwrap();
    assert_eq!(request.version(), SoapVersion::Soap12);
    assert_eq!(request.body_namespace(), "urn:x");
    assert_eq!(request.header_blocks().len(), 2);

    let session = &request.header_blocks()[0];
    assert!(session.starts_with("<h:session"), "{session}");
    assert!(session.contains(r#"xmlns:h="urn:h""#), "{session}");
    assert!(session.contains(">abc</h:session>"), "{session}");
}

#[test]
fn request_parse_rejects_bad_input() {
    let two_elements = REVOKE_11.replace("</tns:revoke>", "</tns:revoke><tns:revoke/>");
    let first = &REVOKE_11
        [REVOKE_11.find("<tns:revoke").unwrap()..REVOKE_11.find("</soapenv:Body>").unwrap()];
    let two_full = REVOKE_11.replace("</soapenv:Body>", &format!("{first}</soapenv:Body>"));
    let cases: [(&str, &[u8]); 7] = [
        ("not xml", b"hello"),
        ("two body elements", two_elements.as_bytes()),
        ("two full body elements", two_full.as_bytes()),
        ("html", b"<html><body/></html>"),
        ("truncated", &REVOKE_11.as_bytes()[..REVOKE_11.len() - 20]),
        (
            "empty body",
            br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body/></S:Envelope>"#,
        ),
        (
            "no body",
            br#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"></S:Envelope>"#,
        ),
    ];
    for (case, bytes) in cases {
        let fault = Request::parse(bytes).unwrap_err();
        assert_eq!(fault.code, FaultCode::Client, "{case}: {fault}");
        assert!(!fault.reason.is_empty(), "{case}");
    }
}

#[test]
fn request_parse_version_mismatch() {
    let fault =
        Request::parse(br#"<S:Envelope xmlns:S="urn:soap-3"><S:Body/></S:Envelope>"#).unwrap_err();
    assert_eq!(fault.code, FaultCode::VersionMismatch);
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

#[test]
fn serve_round_trip() {
    let request = Request::parse(REVOKE_11.as_bytes()).unwrap();
    let response = block_on(serve::<RevokeOp, _, _>(
        &request,
        |input: Revoke| async move {
            assert_eq!(input.id, 581119);
            assert_eq!(input.auth_data.login.as_deref(), Some("example-admin"));
            Ok(RevokeResponse { r#return: -21 })
        },
    ));

    assert_eq!(response.status, 200);
    assert_eq!(response.content_type, "text/xml; charset=utf-8");
    let output = decode_response::<RevokeOp>(response.body.as_bytes()).unwrap();
    assert_eq!(output.r#return, -21);
}

#[test]
fn serve_one_way_accepts_without_envelope() {
    let request = Request::parse(REVOKE_11.as_bytes()).unwrap();
    let response = block_on(serve::<RevokeOneWayOp, _, _>(
        &request,
        |input: Revoke| async move {
            assert_eq!(input.id, 581119);
            Ok(soap_runtime::xsd::Empty)
        },
    ));

    assert_eq!(response.status, 202);
    assert_eq!(response.body, "");
}

#[test]
fn decode_one_way_empty_body_envelope() {
    let reply =
        r#"<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body/></S:Envelope>"#;
    let output = decode_response::<RevokeOneWayOp>(reply.as_bytes()).unwrap();
    assert_eq!(output, soap_runtime::xsd::Empty);

    let error = decode_response::<RevokeOp>(reply.as_bytes()).unwrap_err();
    assert!(
        matches!(error, Error::UnexpectedElement { found: None, .. }),
        "{error:?}"
    );
}

#[test]
fn empty_skips_root_element() {
    use soap_runtime::xsd::Empty;

    assert_eq!(yaserde::de::from_str::<Empty>("<empty/>").unwrap(), Empty);
    let nested = "<a><b>1</b><b><c/></b></a>";
    assert_eq!(yaserde::de::from_str::<Empty>(nested).unwrap(), Empty);
    assert!(yaserde::de::from_str::<Empty>("<a><b>1</b>").is_err());
}

#[test]
fn serve_invalid_input_client_fault() {
    let xml = REVOKE_11.replace("<id>581119</id>", "<id>many</id>");
    let request = Request::parse(xml.as_bytes()).unwrap();
    let response = block_on(serve::<RevokeOp, _, _>(
        &request,
        |_input: Revoke| async move { Ok(RevokeResponse { r#return: 0 }) },
    ));

    assert_eq!(response.status, 500);
    let error = decode_response::<RevokeOp>(response.body.as_bytes()).unwrap_err();
    let fault = error.fault().expect("a fault");
    assert_eq!(fault.code, FaultCode::Client);
    assert!(fault.reason.contains("revoke"), "{}", fault.reason);
}

#[test]
fn serve_handler_fault_round_trip() {
    let request = Request::parse(REVOKE_11.as_bytes()).unwrap();
    let response = block_on(serve::<RevokeOp, _, _>(
        &request,
        |_input: Revoke| async move {
            Err(Fault::server("database <down>")
            .with_actor("urn:db")
            .with_detail(r#"<tns:quotaExceeded xmlns:tns="http://ssl.ws.epki.comodo.com/"><limit>2</limit></tns:quotaExceeded>"#))
        },
    ));

    assert_eq!(response.status, 500);
    let error = decode_response::<RevokeOp>(response.body.as_bytes()).unwrap_err();
    let fault = error.fault().expect("a fault");
    assert_eq!(fault.code, FaultCode::Server);
    assert_eq!(fault.reason, "database <down>");
    assert_eq!(fault.actor.as_deref(), Some("urn:db"));
    assert_eq!(
        fault.typed_detail,
        Some(RevokeFault::QuotaExceeded(QuotaExceeded { limit: 2 }))
    );
}

#[test]
fn fault_custom_code_both_versions() {
    let custom = OwnedQName::new("urn:app", "Busy");
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let response = Fault::new(FaultCode::Other(custom.clone()), "busy").into_response(version);
        assert_eq!(response.status, 500);

        let error = match version {
            SoapVersion::Soap11 => decode_response::<RevokeOp>(response.body.as_bytes()),
            SoapVersion::Soap12 => decode_response::<Revoke12Op>(response.body.as_bytes()),
        }
        .unwrap_err();
        let fault = error.fault().expect("a fault");
        match version {
            SoapVersion::Soap11 => assert_eq!(fault.code, FaultCode::Other(custom.clone())),
            SoapVersion::Soap12 => {
                assert_eq!(fault.code, FaultCode::Server);
                assert_eq!(fault.subcodes, std::slice::from_ref(&custom));
            }
        }
    }
}

#[test]
fn soap12_fault_content_type() {
    let response = Fault::client("bad").into_response(SoapVersion::Soap12);
    assert_eq!(response.content_type, "application/soap+xml; charset=utf-8");
    assert!(response.body.contains("<S:Value>S:Sender</S:Value>"));
}

#[test]
fn serve_version_mismatch() {
    let xml = REVOKE_11.replace(
        "http://schemas.xmlsoap.org/soap/envelope/",
        "http://www.w3.org/2003/05/soap-envelope",
    );
    let request = Request::parse(xml.as_bytes()).unwrap();
    let response = block_on(serve::<RevokeOp, _, _>(
        &request,
        |_input: Revoke| async move { Ok(RevokeResponse { r#return: 0 }) },
    ));
    assert_eq!(response.status, 500);
    let error = decode_response::<Revoke12Op>(response.body.as_bytes()).unwrap_err();
    assert_eq!(
        error.fault().map(|f| f.code.clone()),
        Some(FaultCode::VersionMismatch)
    );
}

#[test]
fn unknown_operation_fault() {
    let xml = REVOKE_11.replace("tns:revoke", "tns:explode");
    let request = Request::parse(xml.as_bytes()).unwrap();
    let response = request.unknown_operation();
    assert_eq!(response.status, 500);

    let error = decode_response::<RevokeOp>(response.body.as_bytes()).unwrap_err();
    let Error::Fault(fault) = error else {
        panic!("expected a fault");
    };
    assert_eq!(fault.code, FaultCode::Client);
    assert!(fault.reason.contains("explode"), "{}", fault.reason);
}

/// `REVOKE_11` with one header block `<x:trace>` carrying `attributes`.
fn revoke_with_header(attributes: &str) -> String {
    let header = format!(
        r#"<soapenv:Header><x:trace xmlns:x="urn:x" {attributes}>t-1</x:trace></soapenv:Header>"#
    );
    REVOKE_11.replace("<soapenv:Body>", &format!("{header}<soapenv:Body>"))
}

#[test]
fn must_understand_unknown_header_faults() {
    let cases = [
        r#"soapenv:mustUnderstand="1""#,
        r#"soapenv:mustUnderstand=" true ""#,
    ];
    for attributes in cases {
        let request = Request::parse(revoke_with_header(attributes).as_bytes()).unwrap();
        let response = block_on(serve::<RevokeOp, _, _>(&request, |_: Revoke| async {
            Ok(RevokeResponse { r#return: 0 })
        }));

        assert_eq!(response.status, 500, "{attributes}");
        assert!(
            response.body.contains("MustUnderstand"),
            "{}",
            response.body
        );
        assert!(response.body.contains("{urn:x}trace"), "{}", response.body);
    }
}

#[test]
fn optional_unknown_header_ignored() {
    let cases = ["", r#"soapenv:mustUnderstand="0""#, r#"mustUnderstand="1""#];
    for attributes in cases {
        let request = Request::parse(revoke_with_header(attributes).as_bytes()).unwrap();
        let response = block_on(serve::<RevokeOp, _, _>(&request, |_: Revoke| async {
            Ok(RevokeResponse { r#return: 0 })
        }));

        assert_eq!(response.status, 200, "{attributes}: {}", response.body);
    }
}
