//! Error paths of the async `ccm-device` client against the simulator: status codes with their
//! meanings, arguments rejected before sending, SOAP faults, HTTP errors and non-SOAP replies.

mod e2e_support;

use base64::Engine;
use ccm_device::{CollectFormat, EnrollOptions, Error, OrderNumber, Status, MAX_CSR};
use ccm_device_sim::testing::{rsa_csr, CsrDigest};
use e2e_support::front::{Behaviour, FrontServer};
use e2e_support::*;
use soap_runtime::FaultCode;

const WRONG_PASSWORD: &str = "not-the-password";

fn order(number: i32) -> OrderNumber {
    OrderNumber::new(number).expect("positive order number")
}

/// Checks that `error` is status -100 with its meaning and advice, and hides the password.
fn assert_invalid_auth(error: &Error, operation: &str) {
    let status = error
        .status()
        .unwrap_or_else(|| panic!("{operation}: {error:?}"));
    assert_eq!(status, Status::InvalidAuthData, "{operation}");
    assert_eq!(status.code(), -100, "{operation}");
    assert_eq!(
        status.description(),
        Some("Invalid auth data"),
        "{operation}"
    );
    assert!(status.is_authentication_failure(), "{operation}");

    let message = error.to_string();
    assert!(message.contains(operation), "{message}");
    assert!(message.contains("-100 (Invalid auth data)"), "{message}");
    assert!(
        message.contains("check the customer URI, login and password"),
        "{message}"
    );
    assert!(!message.contains(WRONG_PASSWORD), "{message}");
    assert!(!format!("{error:?}").contains(WRONG_PASSWORD), "{error:?}");
}

#[tokio::test]
async fn wrong_password_is_status_100() {
    let simulator = start(0).await;
    let client = client_with_password(&simulator, WRONG_PASSWORD);
    let csr = csr("device.example");

    let error = client.cert_type_ids().await.expect_err("type ids");
    assert_invalid_auth(&error, "getDeviceCertTypeIds");
    let error = client.cert_type(2001).await.expect_err("type");
    assert_invalid_auth(&error, "getDeviceCertType");
    let error = client
        .enroll(
            "device.example",
            ORG,
            1,
            &csr.pem,
            &EnrollOptions::default(),
        )
        .await
        .expect_err("enroll");
    assert_invalid_auth(&error, "enroll");
    let error = client
        .collect(order(1), CollectFormat::PemBundle)
        .await
        .expect_err("collect");
    assert_invalid_auth(&error, "collect");
    let error = client.revoke(order(1), "").await.expect_err("revoke");
    assert_invalid_auth(&error, "revoke");
    let error = client
        .revoke_by_serial_number("01", "")
        .await
        .expect_err("revoke by serial");
    assert_invalid_auth(&error, "revokeBySerialNumber");
    simulator.shutdown().await;
}

#[tokio::test]
async fn wrong_customer_uri_is_status_100() {
    let simulator = start(0).await;
    let credentials =
        ccm_device::Credentials::password("OtherCustomer", "admin", "secret").expect("credentials");
    let client = builder(credentials, base_url(&simulator))
        .build()
        .expect("client");
    let error = client.cert_type_ids().await.expect_err("type ids");
    assert_eq!(error.status(), Some(Status::InvalidAuthData));
    simulator.shutdown().await;
}

#[tokio::test]
async fn enroll_status_codes() {
    let simulator = start(0).await;
    let client = client(&simulator);
    let csr = csr("device.example");
    let with_type = |id: i32| EnrollOptions {
        cert_type_id: Some(id),
        ..EnrollOptions::default()
    };

    let cases = [
        (
            "unknown organisation",
            4242,
            1,
            None,
            Status::PermissionDenied,
        ),
        (
            "unknown type",
            ORG,
            1,
            Some(9999),
            Status::CertificateTypeInvalid,
        ),
        (
            "type not offered to the organisation",
            1002,
            1,
            Some(2002),
            Status::CertTypeNotAvailableForOrganization,
        ),
        (
            "term not offered",
            ORG,
            4,
            None,
            Status::TermInvalidForCertificateType,
        ),
        (
            "term not offered by type 2003",
            ORG,
            2,
            Some(2003),
            Status::TermInvalidForCertificateType,
        ),
    ];
    for (case, org, term, cert_type, expected) in cases {
        let options = cert_type.map(with_type).unwrap_or_default();
        let result = client
            .enroll("device.example", org, term, &csr.pem, &options)
            .await;
        assert_eq!(status_of(result, "enroll"), expected, "{case}");
    }

    let error = client
        .enroll(
            "device.example",
            4242,
            1,
            &csr.pem,
            &EnrollOptions::default(),
        )
        .await
        .expect_err("unknown organisation");
    let message = error.to_string();
    assert!(message.contains("-16 (Permission denied)"), "{message}");
    simulator.shutdown().await;
}

#[tokio::test]
async fn service_rejects_unsupported_csrs() {
    let simulator = start(0).await;
    let client = client(&simulator);
    let base64 = base64::engine::general_purpose::STANDARD;

    let ec_key = rcgen::KeyPair::generate().expect("EC key");
    let ec_csr = rcgen::CertificateParams::new(vec!["ec.example".to_owned()])
        .expect("params")
        .serialize_request(&ec_key)
        .expect("EC CSR")
        .pem()
        .expect("PEM");

    let mut tampered = csr("tampered.example").der;
    let last = tampered.len() - 1;
    tampered[last] ^= 0x01;

    // MD5, because a SHA-256 DigestInfo does not fit a 384-bit PKCS#1 v1.5 signature.
    let small = rsa_csr(384, "small.example", CsrDigest::Md5).expect("384-bit CSR");

    let cases = [
        ("EC key", ec_csr, Status::CsrUnsupportedAlgorithm),
        (
            "tampered signature",
            base64.encode(&tampered),
            Status::CsrInvalidSignature,
        ),
        ("384-bit key", small.pem, Status::CsrUnsupportedKeySize),
    ];
    for (case, csr, expected) in cases {
        let result = client
            .enroll("device.example", ORG, 1, &csr, &EnrollOptions::default())
            .await;
        assert_eq!(status_of(result, "enroll"), expected, "{case}");
    }
    simulator.shutdown().await;
}

#[tokio::test]
async fn invalid_arguments_rejected_before_sending() {
    // Nothing listens at this URL, so an argument error proves that nothing was sent.
    let credentials = ccm_device::Credentials::password("ExampleCustomer", "admin", "secret")
        .expect("credentials");
    let client = builder(credentials, closed_base_url())
        .build()
        .expect("client");
    let csr = csr("device.example");
    let options = EnrollOptions::default();

    let result = client
        .enroll(&"c".repeat(65), ORG, 1, &csr.pem, &options)
        .await;
    assert!(
        matches!(
            result,
            Err(Error::TooLong {
                argument: "common_name",
                limit: 64,
                length: 65
            })
        ),
        "{result:?}"
    );
    let result = client.enroll(" ", ORG, 1, &csr.pem, &options).await;
    assert!(
        matches!(
            result,
            Err(Error::InvalidArgument {
                argument: "common_name",
                ..
            })
        ),
        "{result:?}"
    );
    let result = client.enroll("d.example", ORG, 0, &csr.pem, &options).await;
    assert!(
        matches!(
            result,
            Err(Error::InvalidArgument {
                argument: "term_years",
                ..
            })
        ),
        "{result:?}"
    );

    let long_csr = "A".repeat(MAX_CSR + 1);
    let bad_csrs = [
        ("empty", String::new()),
        ("not base64", "@@@ not base64 @@@".to_owned()),
        (
            "not PKCS#10",
            base64::engine::general_purpose::STANDARD.encode(b"hello"),
        ),
        ("over the limit", long_csr),
    ];
    for (case, bad) in bad_csrs {
        let result = client.enroll("d.example", ORG, 1, &bad, &options).await;
        assert!(
            matches!(
                result,
                Err(Error::InvalidArgument {
                    argument: "csr",
                    ..
                } | Error::TooLong {
                    argument: "csr",
                    ..
                })
            ),
            "{case}: {result:?}"
        );
    }

    let result = client.revoke(order(1), &"r".repeat(257)).await;
    assert!(
        matches!(
            result,
            Err(Error::TooLong {
                argument: "reason",
                limit: 256,
                ..
            })
        ),
        "{result:?}"
    );
    let result = client.revoke_by_serial_number(&"A".repeat(65), "").await;
    assert!(
        matches!(
            result,
            Err(Error::TooLong {
                argument: "serial_number",
                limit: 64,
                ..
            })
        ),
        "{result:?}"
    );
    let result = client.revoke_by_serial_number("", "").await;
    assert!(
        matches!(
            result,
            Err(Error::InvalidArgument {
                argument: "serial_number",
                ..
            })
        ),
        "{result:?}"
    );

    let sent = client.cert_type_ids().await.expect_err("nothing listens");
    assert!(
        sent.is_connect(),
        "a call that is sent fails to connect: {sent:?}"
    );
}

#[tokio::test]
async fn malformed_request_gets_soap_fault() {
    let simulator = start(0).await;
    // The front server moves the request into the sibling service's namespace, which the
    // simulator does not serve.
    let front = FrontServer::start(Behaviour::Rewrite {
        upstream: simulator.local_addr(),
        from: "http://device.ws.epki.comodo.com/".to_owned(),
        to: "http://ssl.ws.epki.comodo.com/".to_owned(),
    })
    .await;
    let client = builder(credentials(&simulator), front.base_url())
        .build()
        .expect("client");

    let error = client.cert_type_ids().await.expect_err("fault");
    match &error {
        Error::Fault { code, reason, .. } => {
            assert_eq!(*code, FaultCode::Client);
            assert!(!reason.is_empty(), "{error}");
        }
        other => panic!("expected a SOAP fault, got {other:?}"),
    }
    let message = error.to_string();
    assert!(message.contains("SOAP fault"), "{message}");
    assert!(!message.contains("secret"), "{message}");
    simulator.shutdown().await;
}

#[tokio::test]
async fn wrong_path_is_http_404() {
    let simulator = start(0).await;
    let client = builder(
        credentials(&simulator),
        format!("{}/nope", base_url(&simulator)),
    )
    .build()
    .expect("client");

    let error = client.web_service_info().await.expect_err("404");
    assert!(
        matches!(error, Error::Http { status: 404, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("HTTP 404"), "{error}");
    simulator.shutdown().await;
}

#[tokio::test]
async fn html_pages_are_not_soap() {
    const PAGE: &str = "<html><body><h1>Down for maintenance</h1></body></html>";

    let front = FrontServer::start(Behaviour::Reply {
        status_line: "HTTP/1.1 200 OK",
        content_type: "text/html; charset=utf-8",
        body: PAGE,
    })
    .await;
    let credentials = ccm_device::Credentials::password("ExampleCustomer", "admin", "secret")
        .expect("credentials");
    let client = builder(credentials.clone(), front.base_url())
        .build()
        .expect("client");
    let error = client.cert_type_ids().await.expect_err("HTML with 200");
    match &error {
        Error::NotSoap {
            status,
            content_type,
            excerpt,
        } => {
            assert_eq!(*status, 200);
            assert_eq!(content_type.as_deref(), Some("text/html; charset=utf-8"));
            assert!(excerpt.contains("Down for maintenance"), "{excerpt}");
        }
        other => panic!("expected a non-SOAP reply error, got {other:?}"),
    }
    assert!(error.to_string().contains("not a SOAP message"), "{error}");

    let front = FrontServer::start(Behaviour::Reply {
        status_line: "HTTP/1.1 503 Service Unavailable",
        content_type: "text/html",
        body: PAGE,
    })
    .await;
    let client = builder(credentials, front.base_url())
        .build()
        .expect("client");
    let error = client.cert_type_ids().await.expect_err("HTML with 503");
    match &error {
        Error::Http { status, excerpt } => {
            assert_eq!(*status, 503);
            assert!(excerpt.contains("Down for maintenance"), "{excerpt}");
        }
        other => panic!("expected an HTTP error, got {other:?}"),
    }
}
