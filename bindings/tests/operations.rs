//! Every operation against a fake service over HTTP on 127.0.0.1: the exact request bytes and
//! the typed results.

mod common;

use ccm_device::{CollectFormat, Collected, EnrollOptions, Error, OrderNumber, Status};
use common::service::{pkcs7_stand_in, ORDER};

const ENVELOPE_START: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>"#
);
const ENVELOPE_END: &str = "</soapenv:Body></soapenv:Envelope>";
const AUTH: &str = "<authData><customerLoginUri>ExampleCustomer</customerLoginUri><login>example-admin</login><password>example-password</password></authData>";

fn envelope(body: &str) -> String {
    format!("{ENVELOPE_START}{body}{ENVELOPE_END}")
}

fn order() -> OrderNumber {
    OrderNumber::new(ORDER).unwrap()
}

#[tokio::test]
async fn enroll_request_and_order() {
    let fixture = common::fixture().await;
    let csr = fixture.pki.csr_pem.clone();
    let options = EnrollOptions {
        cert_type_id: Some(12),
        subject_alt_names: vec!["device-01.example.com".into(), "192.0.2.7".into()],
        custom_fields: vec![("Asset tag".into(), "A-1 & B".into())],
        comments: Some("rack 4".into()),
    };

    let order = fixture
        .client
        .enroll("device-01.example.com", 1234, 2, &csr, &options)
        .await
        .unwrap();
    assert_eq!(order.get(), ORDER);

    let request = &fixture.server.requests()[0];
    assert_eq!(request.path, "/ws/EPKIManagerDevice");
    assert_eq!(
        request.content_type.as_deref(),
        Some("text/xml; charset=utf-8")
    );
    assert_eq!(request.soap_action.as_deref(), Some("\"\""));
    let expected = envelope(&format!(
        concat!(
            r#"<tns:enroll xmlns:tns="http://device.ws.epki.comodo.com/">{auth}"#,
            "<commonName>device-01.example.com</commonName><orgId>1234</orgId><term>2</term>",
            "<csr>{csr}</csr><certTypeId>12</certTypeId><optionalFields>",
            "<subjectAltNames>device-01.example.com,192.0.2.7</subjectAltNames>",
            "<customFields><name>Asset tag</name><value>A-1 &amp; B</value></customFields>",
            "<comments>rack 4</comments></optionalFields></tns:enroll>"
        ),
        auth = AUTH,
        csr = csr
    ));
    assert_eq!(request.body, expected);
}

#[tokio::test]
async fn enroll_minimal_request() {
    let fixture = common::fixture().await;
    let csr = fixture.pki.csr_pem.clone();
    fixture
        .client
        .enroll(
            "device-01.example.com",
            1234,
            1,
            &csr,
            &EnrollOptions::default(),
        )
        .await
        .unwrap();

    let body = &fixture.server.requests()[0].body;
    assert!(
        body.ends_with(&format!(
            "<term>1</term><csr>{csr}</csr></tns:enroll>{ENVELOPE_END}"
        )),
        "{body}"
    );
    assert!(!body.contains("certTypeId"));
    assert!(!body.contains("optionalFields"));
}

#[tokio::test]
async fn collect_pending_then_chain() {
    let fixture = common::fixture().await;
    fixture
        .service
        .pending_collects
        .store(1, std::sync::atomic::Ordering::SeqCst);

    let first = fixture
        .client
        .collect(order(), CollectFormat::PemBundle)
        .await
        .unwrap();
    assert_eq!(first, Collected::Pending);

    let Collected::Issued(certificate) = fixture
        .client
        .collect(order(), CollectFormat::PemBundle)
        .await
        .unwrap()
    else {
        panic!("expected an issued certificate");
    };
    assert_eq!(certificate.format(), CollectFormat::PemBundle);
    assert_eq!(certificate.certificates_der().count(), 3);
    assert_eq!(certificate.serial_number().as_deref(), Some("4FA107"));
    // The XML reader trims the text, so the final line break is gone.
    assert_eq!(certificate.text(), fixture.pki.chain_pem().trim_end());
    assert_eq!(
        certificate.to_pem().trim_end(),
        fixture.pki.chain_pem().trim_end()
    );

    let body = &fixture.server.requests()[0].body;
    let expected = envelope(&format!(
        r#"<tns:collect xmlns:tns="http://device.ws.epki.comodo.com/">{AUTH}<orderNumber>{ORDER}</orderNumber><format>0</format></tns:collect>"#
    ));
    assert_eq!(body, &expected);
}

#[tokio::test]
async fn collect_every_format() {
    let fixture = common::fixture().await;
    let cases = [
        (CollectFormat::PemBundle, 0, 3, "CERTIFICATE"),
        (CollectFormat::PemCertificate, 1, 1, "CERTIFICATE"),
        (CollectFormat::PemIntermediates, 2, 1, "CERTIFICATE"),
        (CollectFormat::Pkcs7Pem, 3, 1, "PKCS7"),
        (CollectFormat::Pkcs7Der, 4, 1, "PKCS7"),
    ];
    for (format, code, blocks, label) in cases {
        let collected = fixture.client.collect(order(), format).await.unwrap();
        let Collected::Issued(certificate) = collected else {
            panic!("{format:?}: expected an issued certificate");
        };
        assert_eq!(certificate.blocks().len(), blocks, "{format:?}");
        assert_eq!(certificate.blocks()[0].label, label, "{format:?}");

        let body = fixture.server.requests().last().unwrap().body.clone();
        assert!(
            body.contains(&format!("<format>{code}</format>")),
            "{format:?}: {body}"
        );
    }

    let Collected::Issued(der) = fixture
        .client
        .collect(order(), CollectFormat::Pkcs7Der)
        .await
        .unwrap()
    else {
        panic!("expected an issued certificate");
    };
    assert_eq!(der.blocks()[0].der, pkcs7_stand_in());
    assert_eq!(der.serial_number(), None);
}

#[tokio::test]
async fn collect_unknown_order_status() {
    let fixture = common::fixture().await;
    let error = fixture
        .client
        .collect(OrderNumber::new(99).unwrap(), CollectFormat::PemBundle)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(Status::OrderNumberNotFound));
    assert!(
        error.to_string().contains("-2 (Order number not found)"),
        "{error}"
    );
}

#[tokio::test]
async fn revoke_request_and_result() {
    let fixture = common::fixture().await;
    fixture
        .client
        .revoke(order(), "key compromise")
        .await
        .unwrap();

    let body = &fixture.server.requests()[0].body;
    let expected = envelope(&format!(
        r#"<tns:revoke xmlns:tns="http://device.ws.epki.comodo.com/">{AUTH}<orderNumber>{ORDER}</orderNumber><reason>key compromise</reason></tns:revoke>"#
    ));
    assert_eq!(body, &expected);

    let error = fixture
        .client
        .revoke(
            OrderNumber::new(common::service::UNKNOWN_ORDER).unwrap(),
            "",
        )
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(Status::OrderNumberNotFound));
}

#[tokio::test]
async fn revoke_by_serial_request() {
    let fixture = common::fixture().await;
    fixture
        .client
        .revoke_by_serial_number("4FA107", "superseded")
        .await
        .unwrap();

    let body = &fixture.server.requests()[0].body;
    let expected = envelope(&format!(
        r#"<tns:revokeBySerialNumber xmlns:tns="http://device.ws.epki.comodo.com/">{AUTH}<serialNumber>4FA107</serialNumber><reason>superseded</reason></tns:revokeBySerialNumber>"#
    ));
    assert_eq!(body, &expected);
}

#[tokio::test]
async fn revoke_status_codes_typed() {
    let fixture = common::fixture().await;
    for (code, status) in [
        (-3, Status::SerialNumberInvalid),
        (-4, Status::SerialNumberNotFound),
        (-21, Status::CertificateRevoked),
        (-120, Status::ActionNotAllowedByConfiguration),
        (-777, Status::Unknown(-777)),
    ] {
        *fixture.service.revoke_status.lock().unwrap() = code;
        let error = fixture
            .client
            .revoke_by_serial_number("4FA107", "")
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(status), "{code}");
        assert!(error.to_string().contains(&code.to_string()), "{error}");
    }
}

#[tokio::test]
async fn enroll_status_codes_typed() {
    let fixture = common::fixture().await;
    let csr = fixture.pki.csr_pem.clone();
    for (code, status) in [
        (-3, Status::UserNameInvalid),
        (-10, Status::CsrUndecodable),
        (-36, Status::TermInvalidForCertificateType),
        (-101, Status::AccessCodeInvalid),
        (-999, Status::Unknown(-999)),
    ] {
        *fixture.service.enroll_status.lock().unwrap() = Some(code);
        let error = fixture
            .client
            .enroll(
                "device-01.example.com",
                1,
                1,
                &csr,
                &EnrollOptions::default(),
            )
            .await
            .unwrap_err();
        match &error {
            Error::Status {
                operation,
                status: found,
            } => {
                assert_eq!(*operation, "enroll");
                assert_eq!(*found, status);
            }
            other => panic!("{code}: expected a status error, got {other}"),
        }
    }
}

#[tokio::test]
async fn cert_type_ids_request_and_list() {
    let fixture = common::fixture().await;
    let ids = fixture.client.cert_type_ids().await.unwrap();
    assert_eq!(ids, [11, 12, 13]);

    let body = &fixture.server.requests()[0].body;
    let expected = envelope(&format!(
        r#"<tns:getDeviceCertTypeIds xmlns:tns="http://device.ws.epki.comodo.com/">{AUTH}</tns:getDeviceCertTypeIds>"#
    ));
    assert_eq!(body, &expected);
}

#[tokio::test]
async fn cert_type_request_and_fields() {
    let fixture = common::fixture().await;
    let cert_type = fixture.client.cert_type(12).await.unwrap();
    assert_eq!(cert_type.id, 12);
    assert_eq!(cert_type.name.as_deref(), Some("Device Certificate"));
    assert_eq!(cert_type.terms, [1, 2]);
    assert_eq!(
        cert_type.key_usages,
        ["digitalSignature", "keyEncipherment"]
    );
    assert_eq!(cert_type.extended_key_usages, ["clientAuth"]);

    let body = &fixture.server.requests()[0].body;
    let expected = envelope(&format!(
        r#"<tns:getDeviceCertType xmlns:tns="http://device.ws.epki.comodo.com/">{AUTH}<certTypeId>12</certTypeId></tns:getDeviceCertType>"#
    ));
    assert_eq!(body, &expected);
}

#[tokio::test]
async fn custom_fields_request_and_list() {
    let fixture = common::fixture().await;
    let fields = fixture.client.custom_fields("devices").await.unwrap();
    assert_eq!(fields.len(), 2);
    assert_eq!(fields[0].name, "Asset tag");
    assert!(fields[0].mandatory);
    assert!(!fields[1].mandatory);

    let body = &fixture.server.requests()[0].body;
    let expected = envelope(
        r#"<tns:getDeviceCustomFields xmlns:tns="http://device.ws.epki.comodo.com/"><customerLoginUri>ExampleCustomer</customerLoginUri><uriExtension>devices</uriExtension></tns:getDeviceCustomFields>"#,
    );
    assert_eq!(body, &expected);
}

#[tokio::test]
async fn web_service_info_request() {
    let fixture = common::fixture().await;
    let info = fixture.client.web_service_info().await.unwrap();
    assert_eq!(info, "EPKIManagerDevice test 1.0");

    let body = &fixture.server.requests()[0].body;
    let expected =
        envelope(r#"<tns:getWebServiceInfo xmlns:tns="http://device.ws.epki.comodo.com/" />"#);
    assert_eq!(body, &expected);
}

#[tokio::test]
async fn wrong_password_every_operation() {
    let fixture = common::fixture().await;
    let client = common::password_client(&fixture.server.base_url, "wrong-password");
    let csr = fixture.pki.csr_pem.clone();

    let errors = [
        client
            .enroll("d.example.com", 1, 1, &csr, &EnrollOptions::default())
            .await
            .unwrap_err(),
        client
            .collect(order(), CollectFormat::PemBundle)
            .await
            .unwrap_err(),
        client.revoke(order(), "").await.unwrap_err(),
        client.revoke_by_serial_number("01", "").await.unwrap_err(),
        client.cert_type_ids().await.unwrap_err(),
        client.cert_type(1).await.unwrap_err(),
    ];
    for error in errors {
        assert_eq!(error.status(), Some(Status::InvalidAuthData), "{error}");
        let message = error.to_string();
        assert!(message.contains("check the customer URI"), "{message}");
        assert!(!message.contains("wrong-password"), "{message}");
    }
}
